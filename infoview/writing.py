"""Our own templates: the Jinja2 environments (plain-text mail, escaped HTML) and the emails.

Email templates live in ``templates/<id>.txt.j2`` and follow one convention: the first line is
``Subject: ...`` (keep it ending in text or ``}}``, or a closing tag written ``+%}``, so the
line break survives ``trim_blocks``); then a blank line; then the body. In the body, paragraphs
are separated by blank lines and may put one sentence per line: every paragraph but the last is
joined into one line, and the last one (the sign-off and signature) keeps its line breaks.
Missing facts the user must supply appear as bracketed slots such as ``[your shared school]``.

Templates a user writes render in a sandbox with limits: see ``infoview.user_templates``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from jinja2 import (
    Environment,
    PackageLoader,
    StrictUndefined,
    select_autoescape,
)

from infoview.models import CallMode, Contact, Outreach, Profile, Sector
from infoview.wording import HONORIFICS, first_name, last_name, name_tokens


@cache
def mail_env() -> Environment:
    """Return the environment for plain-text templates (emails, introductions): no escaping."""
    return Environment(
        loader=PackageLoader("infoview", "templates"),
        autoescape=False,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )


@cache
def html_env() -> Environment:
    """Return the environment for HTML pages: everything the user typed is escaped."""
    return Environment(
        loader=PackageLoader("infoview", "templates"),
        autoescape=select_autoescape(enabled_extensions=("html", "html.j2"), default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render(name: str, **context: Any) -> str:
    """Render one of our own plain-text templates by file name."""
    return mail_env().get_template(name).render(**context).strip()


def render_html(name: str, **context: Any) -> str:
    """Render one of our own HTML templates by file name, autoescaped."""
    return html_env().get_template(name).render(**context)


# --- Small text helpers shared by the email and introduction templates ---------------------

SLOT = re.compile(r"\[[^\[\]\n]{2,80}\]")
_KEEP_ROLE_START = re.compile(
    r"^(a|an|the|my|one|working|studying|leading|running|doing|teaching|in|at|on|"
    r"currently|now|finishing|starting|between)\b",
    re.IGNORECASE,
)


def find_slots(text: str) -> list[str]:
    """Return the bracketed slots (like ``[your name]``) still waiting to be filled in."""
    return SLOT.findall(text)


def and_join(items: Iterable[str], conjunction: str = "and") -> str:
    """Join phrases as people write them: "a", "a and b", "a, b and c"."""
    parts = [p for p in (as_phrase(i) for i in items) if p]
    if len(parts) <= 1:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} {conjunction} {parts[-1]}"


def as_phrase(text: str) -> str:
    """Return text squeezed to one line without closing punctuation, to sit inside a sentence."""
    return " ".join((text or "").split()).rstrip(".!?;:, ")


def as_sentence(text: str) -> str:
    """Return text squeezed to one line, starting with a capital and ending with punctuation."""
    text = " ".join((text or "").split())
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?…\"'”’)" else text + "."


def lower_first(text: str) -> str:
    """Lower-case a leading capitalised word ("Share my notes" -> "share my notes")."""
    word = text.split(" ", 1)[0]
    if (len(word) > 1 and word[0].isupper() and word[1:].islower()) or (
        word == "A" and " " in text  # the article, not a name or the pronoun "I"
    ):
        return text[0].lower() + text[1:]
    return text


_CLAUSE_BREAK = re.compile(r"\s*[,;:—–]\s+|\s+-\s+|\s+\((?=[^)]*\))")
_DANGLING = re.compile(
    r"(\s+\b(and|or|but|so|where|which|who|that|because|while|to|in|at|on|of|for|with|a|an|the|"
    r"my|as|from|into|than|then|when))+$",
    re.IGNORECASE,
)


def first_sentence(text: str, max_words: int = 25) -> str:
    """Return the first sentence of a reflection, within ``max_words`` words.

    A longer sentence is cut back to its last whole clause that fits ("…, or in a data science
    role where." never comes out); when not even the first clause fits, it is left out.
    """
    text = " ".join((text or "").split())
    if not text:
        return ""
    sentence = re.split(r"(?<=[.!?])\s+", text, maxsplit=1)[0]
    if len(sentence.split()) > max_words:
        clauses = _CLAUSE_BREAK.split(sentence)
        kept = ""
        for i in range(len(clauses), 0, -1):
            head = ", ".join(c.strip() for c in clauses[:i] if c.strip())
            head = _DANGLING.sub("", head.rstrip(".!?,;: "))
            if 0 < len(head.split()) <= max_words and i < len(clauses):
                kept = head
                break
        sentence = kept
    return as_sentence(sentence)


# Words of job titles that are capitalised on a business card but not mid-sentence ("a
# postdoctoral researcher", "a senior policy analyst"). Names, places and acronyms keep theirs.
_TITLE_WORDS = frozenset(
    "postdoctoral postdoc senior junior principal chief head lead deputy assistant associate "  # noqa: SIM905
    "research staff graduate doctoral phd student candidate professor lecturer fellow "
    "scientist researcher engineer analyst manager director officer coordinator specialist "
    "consultant designer developer administrator advisor adviser nurse teacher librarian "
    "technician intern trainee apprentice editor writer curator producer program programme "
    "project product policy data software clinical medical lab laboratory visiting adjunct "
    "executive general managing vice founding independent freelance certified registered "
    "teaching marketing sales operations communications finance financial legal health "
    "public science scientific technical account accounts customer support field".split()
)


def title_case_mid_sentence(title: str) -> str:
    """Lower-case the title words of a job title, for use inside a sentence.

    "Postdoctoral Researcher" becomes "postdoctoral researcher"; "MBA student", "Google
    engineer" and "NHS Data Officer" keep their names and acronyms ("NHS data officer").
    """
    words = title.split(" ")
    out = []
    for word in words:
        bare = word.strip(",.;:()")
        if bare.lower() in _TITLE_WORDS and bare[:1].isupper() and bare[1:].islower():
            word = word.replace(bare, bare.lower(), 1)
        out.append(word)
    return " ".join(out)


def with_article(role: str) -> str:
    """Return a role ready for "I'm ...": "postdoc" -> "a postdoc", "MBA student" -> "an ..."."""
    role = as_phrase(re.sub(r"^(i am|i'm|i’m)\s+", "", role.strip(), flags=re.IGNORECASE))
    if not role or _KEEP_ROLE_START.match(role):
        return role
    role = title_case_mid_sentence(role)
    word = role.split()[0]
    lowered = word.lower()
    if len(word) > 1 and word.isupper():
        vowel_sound = word[0] in "AEFHILMNORSX"
    elif lowered.startswith(("uni", "use", "usu", "eu", "one", "once", "ur")):
        vowel_sound = False
    elif lowered.startswith(("hour", "honest", "honor", "honour", "heir")):
        vowel_sound = True
    else:
        vowel_sound = lowered[:1] in "aeiou"
    return f"{'an' if vowel_sound else 'a'} {role}"


_SECOND_PERSON = re.compile(r"\b(you|your|yours)\b", re.IGNORECASE)
_THIRD_PERSON = re.compile(r"\b(she|he|her|hers|him|his|they|their|them)\b", re.IGNORECASE)
_NOTE_WORDS = re.compile(r"[;,()]|\b(i|my|we|our|both|same|she|he|her|his|they|their)\b", re.I)


def addressed_to_them(text: str, full_name: str = "") -> bool:
    """Say whether a research note already speaks to the contact ("your talk...", not "She...")."""
    if not _SECOND_PERSON.search(text) or _THIRD_PERSON.search(text):
        return False
    given = first_name(full_name)
    return not (given and re.match(rf"{re.escape(given)}\b", text.strip(), re.IGNORECASE))


# Turning a research note about the contact into a sentence to them: "She moved from a lab
# into policy" becomes "You moved from a lab into policy"; "Her paper on X." becomes "I'm
# writing because of your paper on X."
_BE_HAVE = {"is": "are", "was": "were", "has": "have", "does": "do", "'s": "'re"}
_ADVERBS = frozenset("now also still recently just already then later since often".split())  # noqa: SIM905
_IRREGULAR_PAST = frozenset(
    "built wrote led ran made took taught won began set grew gave spoke left went came did "  # noqa: SIM905
    "found brought drove sold sent kept held fought became chose met put read rode saw".split()
)
_OBJECT_AFTER = frozenset(
    "as to about for at in on with and or but because when while that who so from by than "  # noqa: SIM905
    "into over after before".split()
)
_FINITE = re.compile(
    r"(?<![\w-])(is|are|was|were|has|have|had|do|does|did|can|could|will|would|\w+ed|"
    + "|".join(sorted(_IRREGULAR_PAST))
    + r")(?![\w-])",
    re.IGNORECASE,
)


def _agree(verb: str) -> str:
    """Return the second-person form of a verb that followed "he" or "she"."""
    low = verb.lower()
    if low in _BE_HAVE:
        return _BE_HAVE[low]
    if low.endswith("ies") and len(low) > 4:
        return verb[:-3] + "y"
    if re.search(r"(ch|sh|ss|x|o)es$", low):
        return verb[:-2]
    if low.endswith("s") and not low.endswith("ss") and len(low) > 3:
        return verb[:-1]
    return verb


def _second_person(low: str, nxt: str, names: list[str]) -> tuple[str, bool | None] | None:
    """Return a third-person pronoun (or the person's name) in the second person, and whether
    a verb may follow it as its subject (None: as before); None for any other word.

    ``low`` is the word in lower case, ``nxt`` the next word ("her" before a noun is "your").
    """
    if low in {"she", "he"} or (low in names and nxt.lower() not in {"'s", "’s"}):
        return "you", True
    if low in {"she's", "he's"}:
        return "you're", None
    if low in {"his", "hers"} or (low.endswith(("'s", "’s")) and low[:-2] in names):
        return "your", False
    if low == "her" and nxt and nxt.lower() not in _OBJECT_AFTER and nxt[:1].isalpha():
        return "your", False
    if low in {"him", "her"}:
        return "you", False
    if low in {"himself", "herself"}:
        return "yourself", None
    return None


def _swap_pronouns(text: str, names: list[str]) -> str:
    tokens = re.findall(r"[\w'’.-]+|[^\w\s]|\s+", text)
    out: list[str] = []
    after_subject = False
    for i, tok in enumerate(tokens):
        low = tok.lower().replace("’", "'")
        nxt = next((x for x in tokens[i + 1 :] if not x.isspace()), "")
        swapped = _second_person(low, nxt, names)
        if swapped is not None:
            word, subject = swapped
            out.append(word)
            after_subject = after_subject if subject is None else subject
            continue
        if after_subject and tok.strip() and tok[:1].isalpha():
            if low in _ADVERBS:
                out.append(tok)
                continue
            out.append(_agree(tok))
            after_subject = False
            continue
        if after_subject and tok.strip() and not tok[:1].isalpha():
            after_subject = False
        out.append(tok)
    return "".join(out)


def _wrap_fragment(text: str) -> str:
    """Make "Your paper on X." a sentence: "I'm writing because of your paper on X." """
    if re.match(r"your\b", text, re.I) and not _FINITE.search(text.split(" ", 2)[-1]):
        return "I'm writing because of " + lower_first(text)
    return text


def reason_to_them(reason: str, full_name: str = "") -> str:
    """Return the reason as a sentence to the contact, or "" when it is not specific.

    Whatever person it was written in: "She moved…", "Maya moved…", "Moved from…" and "You
    moved…" all become "You moved…". A generic reason ("networking") gives "": the draft then
    makes no claim of its own about why the user chose them.
    """
    from infoview.coach.research import reason_is_specific  # the coach judges, we phrase

    sentence = as_sentence(reason)
    if not sentence or not reason_is_specific(sentence):
        return ""
    if addressed_to_them(sentence, full_name):
        return _wrap_fragment(sentence)
    names = {n.lower() for n in (first_name(full_name), last_name(full_name)) if n}
    given_full = " ".join(name_tokens(full_name))
    if given_full and len(given_full.split()) > 1:
        sentence = re.sub(re.escape(given_full), first_name(full_name), sentence, flags=re.I)
    text = _swap_pronouns(sentence, sorted(names))
    text = re.sub(r"\b(?:Dr|Prof|Professor|Mr|Mrs|Ms|Mx)\.? (you|your)\b", r"\1", text)
    first, second = ([*text.lower().split(" ", 2), "", ""])[:2]
    if (first.endswith("ed") or first in _IRREGULAR_PAST) and second == "by":
        text = "You were " + lower_first(text)  # "Recommended by my supervisor…"
    elif first.endswith("ed") or first in _IRREGULAR_PAST:
        text = "You " + lower_first(text)  # "Moved from…" has no subject
    elif first == "fellow":
        text = "You're a " + lower_first(text)
    text = _wrap_fragment(text[:1].upper() + text[1:])
    if re.search(r"\b(they|them|their)\b", text, re.I) and not _SECOND_PERSON.search(text):
        return ""  # "they" may be them or others: better no sentence than a wrong one
    return text


def short_phrase(text: str, max_words: int = 6) -> str:
    """Return text as a phrase if it reads as a topic ("soil carbon"), else "" (a note)."""
    phrase = as_phrase(text)
    if not phrase or len(phrase.split()) > max_words or _NOTE_WORDS.search(phrase):
        return ""
    return phrase


def shared_school(profile: Profile, contact: Contact) -> str:
    """Return the first school the user and the contact both attended, or ""."""
    for mine in profile.schools:
        for theirs in contact.education:
            a, b = mine.casefold().strip(), theirs.casefold().strip()
            if a and b and (a == b or a in b or b in a):
                return mine
    return ""


def tidy(text: str) -> str:
    """Join each paragraph but the last onto one line and drop stray spaces."""
    paragraphs = [p for p in re.split(r"\n[ \t]*\n", text.strip()) if p.strip()]
    out = []
    for i, para in enumerate(paragraphs):
        lines = [" ".join(line.split()) for line in para.splitlines() if line.strip()]
        last = i == len(paragraphs) - 1 and len(paragraphs) > 1
        joined = "\n".join(lines) if last else " ".join(lines)
        out.append(re.sub(r" ([.,;:!?])", r"\1", joined))
    return "\n\n".join(out)


# --- Our email templates -------------------------------------------------------------------


@dataclass(frozen=True)
class EmailTemplate:
    """One of our email templates: its label, file and kind (ask, follow_up, thanks...)."""

    id: str
    label: str
    file: str
    kind: str
    description: str = ""


TEMPLATES: dict[str, EmailTemplate] = {
    t.id: t
    for t in (
        EmailTemplate(
            "cold_interest",
            "Cold email: a shared interest",
            "cold_interest.txt.j2",
            "ask",
            "For someone you have never met, built on what you both care about.",
        ),
        EmailTemplate(
            "referral",
            "Referral: someone suggested I reach out",
            "referral.txt.j2",
            "ask",
            "Opens with the name of the person who pointed you to them.",
        ),
        EmailTemplate(
            "alumni",
            "Alumni: we went to the same school",
            "alumni.txt.j2",
            "ask",
            "Leads with the school you share.",
        ),
        EmailTemplate(
            "academia",
            "A contact in academia",
            "academia.txt.j2",
            "ask",
            "A slightly more formal note that respects a busy semester.",
        ),
        EmailTemplate(
            "follow_up",
            "Polite follow-up (after 7 business days)",
            "follow_up.txt.j2",
            "follow_up",
            "One gentle reminder when the first email got no answer.",
        ),
        EmailTemplate(
            "thank_you",
            "Thank-you note (within a day)",
            "thank_you.txt.j2",
            "thanks",
            "Names one specific thing you learned from the conversation.",
        ),
        EmailTemplate(
            "report_back",
            "Report back and keep in touch",
            "report_back.txt.j2",
            "keep_in_touch",
            "Some weeks later: what you did with their advice.",
        ),
    )
}


@dataclass
class AskDetails:
    """What the user wants from a contact: topics, call length and mode, plus note details."""

    topics: list[str] = field(default_factory=list)
    minutes: int = 15
    mode: CallMode = CallMode.PHONE
    referrer: str = ""  # who suggested the contact (referral template)
    learned: str = ""  # one specific thing learned (thank-you note)
    outcome: str = ""  # what the user did with the advice (report-back note)


USER_TEMPLATE_VARIABLES: dict[str, str] = {
    "first_name": "The contact's first name, e.g. Maya",
    "last_name": "The contact's family name, e.g. Okafor",
    "full_name": "The contact's full name",
    "organization": "Where the contact works",
    "title": "The contact's job title",
    "field": "The contact's field",
    "is_academic": "True when the contact works in academia",
    "is_professor": "True when the contact's title mentions professor",
    "reason": "Your compelling reason to talk, as you wrote it in Research",
    "reason_to_them": "The reason in the second person, only when it names something about "
    "them; else empty",
    "common_ground": "What you have in common with the contact, as you wrote it",
    "shared_interest": "The common ground when it is a short topic like 'soil carbon'; else empty",
    "shared_school": "A school you both attended (empty if none)",
    "referrer": "Who suggested you get in touch (empty if nobody)",
    "topics": "The topics you want to ask about, as a list",
    "topics_text": "The topics as one phrase, e.g. 'hiring and team culture'",
    "first_topic": "The first topic (empty if none)",
    "minutes": "The call length in minutes, e.g. 15",
    "mode": "phone, video or in person",
    "in_person": "True when you asked to meet in person",
    "learned": "One specific thing you learned (thank-you notes)",
    "outcome": "What you did with their advice (report-back notes)",
    "my_name": "Your name",
    "my_role": "Your current role, ready for \"I'm ...\", e.g. 'a postdoc in ecology'",
    "my_fields": "The first two fields you are exploring, as one phrase",
    "offer": "The first thing you listed under What I can offer",
    "offer_is_verb": "True when the offer reads after 'I'd be glad to' (share my notes)",
    "formal_name": "Title and family name (Dr. Okafor), or the given name without a title",
    "signature": "Your email signature (or your name)",
}


class Placeholder(str):
    """A reminder to fill something in: shown as written, yet empty to ``or``, ``if`` and
    ``default(..., true)``, so a template's own fallback (``topics_text or "..."``) wins."""

    __slots__ = ()

    def __bool__(self) -> bool:
        return False


_NOUN_START = re.compile(
    r"^(a|an|the|my|our|some|any|one|two|three|few|several|access|help|feedback|advice|"
    r"notes?|introductions?|insights?|perspective|views?|[\w-]+'s)\b",
    re.IGNORECASE,
)


def offer_is_verb(offer: str) -> bool:
    """Say whether an offer reads after "I'd be glad to" ("share my notes") or is a noun
    phrase that needs "offer" ("a bench scientist's view of grant rules")."""
    phrase = as_phrase(offer)
    if not phrase or _NOUN_START.match(phrase):
        return False
    first = phrase.split(" ", 1)[0].lower()
    # "-ing" or "-s" words start noun phrases ("insights", "reading lists"); verbs are bare.
    return not first.endswith(("ing", "s", "tion", "ment", "ness", "ity"))


def formal_name(full_name: str, title: str = "") -> str:
    """Return how a formal greeting names someone: title + family name, or the given name.

    "Dr. Helen Vasquez" gives "Dr. Vasquez", a professor "Professor Vasquez"; without a
    title it is "Helen": never a title with the full name.
    """
    tokens = full_name.split()
    honorific = tokens[0].rstrip(".").lower() if tokens else ""
    family = last_name(full_name)
    if "professor" in title.casefold() and family:
        return f"Professor {family}"
    if honorific in HONORIFICS and honorific != "professor" and len(tokens) > 1 and family:
        word = tokens[0].rstrip(".")
        return (
            f"{word}. {family}"
            if word.lower() in {"dr", "prof", "mr", "mrs", "ms", "mx"}
            else (f"{word} {family}")
        )
    if honorific == "professor" and family:
        return f"Professor {family}"
    return first_name(full_name)


def _as_ask(ask: AskDetails | Outreach | None) -> AskDetails:
    if ask is None:
        return AskDetails()
    if isinstance(ask, Outreach):
        return AskDetails(topics=list(ask.topics), minutes=ask.minutes, mode=ask.mode)
    return ask


def email_context(
    contact: Contact, profile: Profile, ask: AskDetails | Outreach | None = None
) -> dict[str, Any]:
    """Return the flat variables every email template (ours or the user's) can use."""
    details = _as_ask(ask)
    topics = [p for p in (as_phrase(t) for t in details.topics) if p]
    signature = "\n".join(line.strip() for line in profile.signature.splitlines() if line.strip())
    title = as_phrase(contact.title)
    return {
        "first_name": first_name(contact.full_name),
        "last_name": last_name(contact.full_name),
        "full_name": contact.full_name,
        "organization": as_phrase(contact.organization),
        "title": title,
        "field": lower_first(as_phrase(contact.field)),
        "is_academic": contact.sector == Sector.ACADEMIA,
        "is_professor": "professor" in title.casefold(),
        "reason": as_sentence(contact.reason),
        "reason_to_them": reason_to_them(contact.reason, contact.full_name),
        "common_ground": as_phrase(contact.common_ground),
        "shared_interest": short_phrase(contact.common_ground),
        "shared_school": shared_school(profile, contact),
        "referrer": as_phrase(details.referrer),
        "topics": topics,
        "topics_text": and_join(topics) or Placeholder("[one or two specific topics]"),
        "first_topic": topics[0] if topics else "",
        "minutes": int(details.minutes),
        "mode": CallMode(details.mode).value,
        "in_person": CallMode(details.mode) == CallMode.IN_PERSON,
        "learned": as_phrase(details.learned) or Placeholder("[one specific thing you learned]"),
        "outcome": as_phrase(details.outcome) or Placeholder("[what you did with their advice]"),
        "my_name": profile.name,
        "my_role": with_article(profile.current_role),
        # Two fields at most: a first email is no place for the whole list.
        "my_fields": and_join(lower_first(f) for f in profile.fields[:2]),
        "offer": lower_first(as_phrase(profile.offers[0])) if profile.offers else "",
        "offer_is_verb": bool(profile.offers) and offer_is_verb(profile.offers[0]),
        "formal_name": formal_name(contact.full_name, title),
        "signature": signature or profile.name or Placeholder("[your name]"),
    }


def split_subject(text: str) -> tuple[str, str]:
    """Split a rendered email into its "Subject: ..." first line and the body."""
    first, _, rest = text.strip().partition("\n")
    if not first.lower().startswith("subject:"):
        raise ValueError("an email template must start with a 'Subject:' line")
    return " ".join(first[len("subject:") :].split()), tidy(rest)


def render_email(
    template_id: str,
    contact: Contact,
    profile: Profile,
    ask: AskDetails | Outreach | None = None,
) -> tuple[str, str]:
    """Render one of our email templates to (subject, body)."""
    if template_id not in TEMPLATES:
        raise ValueError(f"unknown email template {template_id!r}")
    text = render(TEMPLATES[template_id].file, **email_context(contact, profile, ask))
    return split_subject(text)
