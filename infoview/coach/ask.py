"""The ask coach: rules that review an outreach email and a score built from what they find.

Every rule reads the draft as plain text folded to lower case without accents, so "Résumé"
and "resume" match alike and emoji never break a pattern. The greeting line and the sign-off
("Best, Sam" and everything after it) are set aside: the rules judge the message itself.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum

from infoview.models import CallMode, Contact, Outreach


class Level(StrEnum):
    OK = "ok"
    TIP = "tip"
    WARN = "warn"
    PROBLEM = "problem"


# Points a finding takes off the score of 100.
PENALTY = {Level.OK: 0, Level.TIP: 2, Level.WARN: 8, Level.PROBLEM: 20}
SEVERITY = {Level.PROBLEM: 0, Level.WARN: 1, Level.TIP: 2, Level.OK: 3}

# Rule ids in the order the page lists them, with a short label for each.
RULES = {
    "empty": "A message to review",
    "placeholders": "Every blank filled in",
    "subject": "Specific subject line",
    "length": "Short enough to read",
    "connection_first": "Connection comes first",
    "name": "Greets them by name",
    "topics": "Names what you want to know",
    "vague": "Specific, not generic",
    "question": "The ask is a question",
    "call_length": "A short call, in minutes",
    "offer_to_call": "You do the calling",
    "flexibility": "Flexible about meeting",
    "about_them": "More about them than you",
    "third_person": "Speaks to them, not about them",
    "questions": "Three questions at most",
    "job_ask": "Asks for advice, not a job",
    "attachment": "No attachments",
}

# The score from which the Ask page calls a draft "ready to send" (infoview.asks.score_verdict).
READY_SCORE = 85

BEST_WORDS = 75
MAX_WORDS = 100
PHONE_MINUTES = 20
IN_PERSON_MINUTES = 30


@dataclass(frozen=True)
class Finding:
    """What one rule found: its id, how serious, what it saw and what to do about it."""

    rule: str
    level: Level
    message: str
    suggestion: str = ""


@dataclass(frozen=True)
class Review:
    """A draft's score (0-100) and every rule's finding, in the order of RULES."""

    score: int
    findings: list[Finding] = field(default_factory=list)

    @property
    def issues(self) -> list[Finding]:
        """Findings that need attention, the most serious first."""
        return sorted(
            (f for f in self.findings if f.level != Level.OK), key=lambda f: SEVERITY[f.level]
        )

    @property
    def passed(self) -> list[Finding]:
        """Findings for rules the draft already meets."""
        return [f for f in self.findings if f.level == Level.OK]

    def finding(self, rule: str) -> Finding | None:
        """Return the finding of one rule, or None if it did not apply."""
        return next((f for f in self.findings if f.rule == rule), None)


def score_of(findings: list[Finding]) -> int:
    """Return 100 minus each finding's penalty, never below 0."""
    return max(0, 100 - sum(PENALTY[f.level] for f in findings))


# --- reading the draft -------------------------------------------------------------------

_QUOTES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "“": '"', "”": '"'})
_WORD = re.compile(r"[^\W_]+(?:['-][^\W_]+)*")
_GREETING = re.compile(
    r"^\s*(dear|hi|hello|hey|hiya|greetings|good (morning|afternoon|evening))\b[^,!:\n]{0,60}"
    r"[,!:]?\s*"
)
_CLOSING = re.compile(
    r"^\s*(best|best wishes|best regards|kind regards|warm regards|warmest regards|regards|"
    r"warmly|sincerely|yours|yours truly|yours sincerely|thanks|thank you|many thanks|"
    r"thanks so much|thanks again|thank you so much|cheers|all the best|with gratitude|"
    r"gratefully|respectfully|take care|with thanks)\b\s*[,.!]?\s*([^\W\d_][\w .'-]{0,40})?$"
)
_ABBREVIATIONS = re.compile(r"\b(dr|mr|mrs|ms|mx|prof|st|vs|etc|e\.g|i\.e|approx|no)\.")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
_PLEASANTRY = re.compile(
    r"^(i )?(hope|trust) (this|that|my|the|all|you|your)\b.{0,40}"
    r"(well|good|great|nice|going)"
)
_TITLES = {"dr", "prof", "professor", "mr", "mrs", "ms", "mx", "sir", "dame", "dean"}
_ORG_SUFFIXES = {"inc", "llc", "ltd", "corp", "corporation", "co", "gmbh", "plc", "the", "sa"}


def fold(text: str) -> str:
    """Return text in lower case with accents removed and curly quotes straightened."""
    decomposed = unicodedata.normalize("NFKD", (text or "").translate(_QUOTES))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def words(text: str) -> list[str]:
    """Return the words of a text (letters and digits; emoji and punctuation are not words)."""
    return _WORD.findall(text or "")


@dataclass(frozen=True)
class _Draft:
    subject: str  # folded
    greeting: str  # folded greeting line, or ""
    message: str  # folded, without greeting and sign-off
    sentences: list[str]
    word_count: int
    them_names: list[str]  # folded name parts and organization of the contact
    in_person: bool
    topics: list[str]
    minutes: int | None


def _split_body(body: str) -> tuple[str, str]:
    """Return (greeting, message) with the sign-off block removed."""
    lines = body.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    # The sign-off is the last closing line ("Best,", "Thanks, Sam") and what follows it.
    for index in range(len(lines) - 1, 0, -1):
        line = lines[index].strip()
        if line == "--" or (line and _CLOSING.match(fold(line)) and len(words(line)) <= 6):
            lines = lines[:index]
            break
    text = "\n".join(lines).strip()
    match = _GREETING.match(text)
    if match and (len(words(match.group(0))) <= 8):
        return match.group(0).strip(), text[match.end() :].strip()
    first, _, rest = text.partition("\n")
    # "Maria," alone on the first line is a greeting too.
    if first.strip().endswith(",") and len(words(first)) <= 4:
        return first.strip(), rest.strip()
    return "", text


def _sentences(message: str) -> list[str]:
    protected = _ABBREVIATIONS.sub(lambda m: m.group(1).replace(".", ""), message)
    parts = (s.strip() for s in _SENTENCE_END.split(protected))
    return [s for s in parts if words(s)]


def _them_names(contact: Contact | None) -> list[str]:
    if contact is None:
        return []
    parts = [p for p in words(fold(contact.full_name)) if p not in _TITLES and len(p) > 1]
    names = [parts[0], parts[-1]] if parts else []
    org = [w for w in words(fold(contact.organization)) if w not in _ORG_SUFFIXES]
    if org:
        names.append(" ".join(org))
    return list(dict.fromkeys(names))


def _mentions(text: str, phrase: str) -> bool:
    return re.search(rf"\b{re.escape(phrase)}\b", text) is not None


_IN_PERSON = re.compile(
    r"\bin[ -]person\b|\b(grab|get|buy you|have) (a )?(coffee|lunch|tea)\b|"
    r"\bmeet (up|you) (for|at|in|near)\b|\bcome (by|to) your office\b"
)


def _read(subject: str, body: str, contact: Contact | None, ask: Outreach | None) -> _Draft:
    greeting, message = _split_body(body or "")
    folded = fold(message)
    if ask is not None:
        in_person = ask.mode == CallMode.IN_PERSON
    else:
        in_person = _IN_PERSON.search(folded) is not None
    return _Draft(
        subject=fold(subject),
        greeting=fold(greeting),
        message=folded,
        sentences=_sentences(folded),
        word_count=len(words(greeting)) + len(words(message)),
        them_names=_them_names(contact),
        in_person=in_person,
        topics=[t for t in (ask.topics if ask else []) if t.strip()],
        minutes=_minutes(folded),
    )


# --- the rules ---------------------------------------------------------------------------


def _empty(d: _Draft) -> Finding:
    return Finding(
        "empty",
        Level.PROBLEM,
        "There is no message yet.",
        "Write a few sentences: who connects you, what you would like to learn, and a short "
        "call you offer to make.",
    )


_PLACEHOLDER = re.compile(r"\[[^\[\]\n]{1,80}\]")


def _placeholders(subject: str, body: str) -> Finding | None:
    found = list(dict.fromkeys(_PLACEHOLDER.findall(f"{subject}\n{body}")))
    if not found:
        return None
    return Finding(
        "placeholders",
        Level.PROBLEM,
        f"Still to fill in: {', '.join(found[:3])}{' and more' if len(found) > 3 else ''}.",
        "Replace each part in square brackets with your own words before sending.",
    )


_GENERIC_SUBJECT = frozenset(
    words(
        "hi hello hey quick question questions request meeting meet chat coffee informational "
        "interview networking network connect connecting connection introduction intro hoping "
        "to a an the for re fw fwd your my time advice follow up touching base reaching out "
        "call opportunity inquiry enquiry from me you talk can we could i"
    )
)


def _subject(d: _Draft) -> Finding:
    subject_words = words(d.subject)
    if not subject_words:
        return Finding(
            "subject",
            Level.PROBLEM,
            "The subject line is empty.",
            "Add a subject that names your connection or topic, e.g. who suggested you write.",
        )
    if all(w in _GENERIC_SUBJECT for w in subject_words):
        return Finding(
            "subject",
            Level.WARN,
            "The subject could be about anything, so it is easy to skip.",
            "Name the link or the topic: a shared school, the person who referred you, or "
            "the question you have.",
        )
    if len(d.subject) > 80 or len(subject_words) > 12:
        return Finding(
            "subject",
            Level.TIP,
            "The subject is long; phones cut it off after a few words.",
            "Keep the most specific words and drop the rest.",
        )
    return Finding("subject", Level.OK, "The subject is specific.")


def _length(d: _Draft) -> Finding:
    n = d.word_count
    if n > MAX_WORDS:
        return Finding(
            "length",
            Level.WARN,
            f"{n} words: busy people skim long emails from strangers, or save them for later.",
            f"Cut to under {MAX_WORDS} words, ideally {BEST_WORDS}. Your story can wait for "
            "the call.",
        )
    if n > BEST_WORDS:
        return Finding(
            "length",
            Level.TIP,
            f"{n} words: fine, though shorter still gets read more often.",
            f"See if one sentence can go to reach {BEST_WORDS} words or fewer.",
        )
    return Finding("length", Level.OK, f"{n} words: short enough to read at a glance.")


_CONNECTION = re.compile(
    r"\b(suggested|recommended|referred|mentioned|pointed me|introduced|fellow|alum|alumn\w*|"
    r"classmates?|mutual|we met|met at|in common|we both|both (studied|went|worked|attended)|"
    r"same (school|program|university|lab|field|team))\b"
)
_YOU_SPECIFIC = re.compile(
    r"\byour\b(?! (brain|brains|time|inbox|schedule|help|consideration|convenience)\b)|"
    r"\byou('re|'ve)\b|\byou (wrote|gave|spoke|led|moved|made|work|worked|published|"
    r"presented|posted|shared|built|run|lead|manage|studied|did|started|joined|said|switched|"
    r"changed|founded|teach|taught|research|are)\b"
)
_LIFE_STORY = re.compile(
    r"^(my name is|i am|i'm|i was|i have|i've|i recently|i graduated|i just|i currently|"
    r"currently,? i|as a)\b"
)


def _is_about_them(sentence: str, d: _Draft) -> bool:
    if _CONNECTION.search(sentence) or _YOU_SPECIFIC.search(sentence):
        return True
    return any(_mentions(sentence, name) for name in d.them_names)


def _connection_first(d: _Draft) -> Finding:
    opening = [s for s in d.sentences if not _PLEASANTRY.match(s)][:2]
    if opening and _is_about_them(opening[0], d):
        return Finding("connection_first", Level.OK, "You open with them and why you are writing.")
    story = bool(opening) and _LIFE_STORY.match(opening[0]) is not None
    if len(opening) > 1 and _is_about_them(opening[1], d):
        return Finding(
            "connection_first",
            Level.TIP,
            "The connection comes in the second sentence."
            + (" The first is about you." if story else ""),
            "Swap them: start with who referred you, what you share, or the work of theirs "
            "that caught your eye.",
        )
    return Finding(
        "connection_first",
        Level.WARN,
        "The opening is about you"
        + (" (your own background)." if story else ", not the link between you.")
        + " They cannot tell yet why you wrote to them.",
        "Open with the reason you chose them: a shared school, a referral, or something of "
        "theirs you read or heard.",
    )


def _name(d: _Draft) -> Finding | None:
    people = d.them_names[:2]
    if not people:
        return None
    text = f"{d.greeting}\n{d.message}"
    if any(_mentions(text, name) for name in people):
        return Finding("name", Level.OK, "You greet them by name.")
    return Finding(
        "name",
        Level.TIP,
        "Their name does not appear in the email.",
        "Start with a greeting that uses their name.",
    )


_STOP = frozenset(
    words(
        "about with from into that this what when where which your their them they have been "
        "being more most some such than then also just over under after before other"
    )
)


def _topic_words(topic: str) -> list[str]:
    return [w for w in words(fold(topic)) if len(w) >= 4 and w not in _STOP]


def _has_topic(topic: str, text: str) -> bool:
    folded = fold(topic).strip()
    if folded and _mentions(text, folded):
        return True
    key = _topic_words(topic)
    if not key:
        return False
    present = set(words(text))
    # Prefix match, so "transitions" in a topic finds "transition" in the draft.
    hits = sum(any(p.startswith(w[: max(4, len(w) - 2)]) for p in present) for w in key)
    return hits * 2 >= len(key)


_TOPIC_HINTS = re.compile(
    r"\b(learn|hear|ask|know|talk|chat|speak|questions?|curious|advice|insights?|perspective|"
    r"thoughts|tips)\s+(more\s+)?(about|on|into|how|what|why|whether|regarding)\b|"
    r"\bhow you\b|\bwhat it's like\b|\bwhat (led|drew|brought) you\b|"
    r"\b(specifically|in particular|especially)\b|"
    r"\byour (path|transition|move|switch|experience|decision|journey|career|work on|"
    r"research on|role as|day-to-day)\b"
)


def _topics(d: _Draft) -> Finding:
    text = f"{d.subject}\n{d.message}"
    if d.topics:
        missing = [t for t in d.topics if not _has_topic(t, text)]
        if not missing:
            return Finding("topics", Level.OK, "Your topics are named in the email.")
        quoted = ", ".join(f"“{t}”" for t in missing)
        level = Level.WARN if len(missing) == len(d.topics) else Level.TIP
        return Finding(
            "topics",
            level,
            f"The email does not mention {quoted} yet.",
            "Name what you want to learn in a few words, so they can see the call is worth "
            "their time.",
        )
    if _TOPIC_HINTS.search(d.message):
        return Finding("topics", Level.OK, "You say what you would like to learn.")
    return Finding(
        "topics",
        Level.WARN,
        "It is not clear what you want to learn from them.",
        "Name one to three topics, e.g. how they moved into the field, or the skills they "
        "use most.",
    )


_PICK_BRAIN = re.compile(r"\bpick (your|ur) brains?\b")
_NETWORK = re.compile(
    r"\b(build|grow|expand|widen|broaden)(ing)? (my|our) (professional )?network\b|"
    r"\bnetworking (purposes|reasons)\b|\bto network\b|\badd you to my network\b"
)
_CHAT = re.compile(
    r"\b(can|could|may|might) we (chat|talk|connect|meet|speak)\b|"
    r"\b(chat|connect|catch up|talk) (some ?time|soon)\b|\btouch base\b"
)
_COFFEE = re.compile(
    r"\b(grab|get|have|buy you) (a )?(quick )?(coffee|cup of coffee|drink|lunch)\b|"
    r"\b(virtual )?coffee chat\b"
)


def _vague(d: _Draft) -> Finding:
    topical = bool(d.topics) or _TOPIC_HINTS.search(d.message) is not None
    seen = []
    if _PICK_BRAIN.search(d.message):
        seen.append("“pick your brain”")
    if _NETWORK.search(d.message):
        seen.append("building your network")
    if not topical:
        if _CHAT.search(d.message):
            seen.append("a chat with no topic")
        if _COFFEE.search(d.message):
            seen.append("coffee with no topic")
    if not seen:
        return Finding("vague", Level.OK, "No generic phrases: the ask reads as specific.")
    return Finding(
        "vague",
        Level.WARN if topical else Level.PROBLEM,
        f"Generic ask: {', '.join(seen)}. It gives a busy person no reason to say yes.",
        "Replace it with what you want to know from them in particular.",
    )


_ASK_WORDS = re.compile(
    r"\b(would|could|can|might|may|will) (you|i|we)\b|\bare you\b|\bis there\b|\bdo you\b|"
    r"\b(would|could) it\b|\bwilling\b|\bopen to\b|\bany chance\b|\bhow about\b|"
    # A request that opens with its verb: "Would 15 minutes next week work?"
    r"^(would|could|can|may|might|will)\b"
)


def _question(d: _Draft) -> Finding:
    asked = [s for s in d.sentences if s.rstrip(" )\"'").endswith("?")]
    if any(_ASK_WORDS.search(s) for s in asked):
        return Finding("question", Level.OK, "Your ask is a question they can answer yes to.")
    if asked:
        return Finding(
            "question",
            Level.TIP,
            "There is a question, but not the ask itself.",
            "Put the request as a question, e.g. “Would you be open to a 15-minute call "
            "next week?”",
        )
    return Finding(
        "question",
        Level.WARN,
        "There is no question: the request reads as a statement.",
        "End with a question they can answer yes to, e.g. “Would you have 15 minutes for a call?”",
    )


_WORD_NUMBERS = {
    "five": 5,
    "ten": 10,
    "fifteen": 15,
    "twenty": 20,
    "twenty-five": 25,
    "twenty five": 25,
    "thirty": 30,
    "forty-five": 45,
    "forty five": 45,
    "sixty": 60,
}
_MINUTES = re.compile(
    r"\b(\d{1,3}|five|ten|fifteen|twenty(?:[- ]five)?|thirty|forty[- ]five|sixty)"
    r"(?:\s*(?:-|–|—|to|or)\s*(\d{1,3}|ten|fifteen|twenty|thirty))?[\s-]*(?:minutes?|mins?)\b"
)
_HOURS = re.compile(
    r"\b(quarter of an hour)\b|\b(half an hour|half-hour|half hour)\b|\b(an|one|1) hour\b|"
    r"\bhour[- ]long\b"
)


def _number(token: str | None) -> int:
    if not token:
        return 0
    return int(token) if token.isdigit() else _WORD_NUMBERS.get(token, 0)


def _minutes(text: str) -> int | None:
    """Return the longest call length the text asks for, in minutes, or None."""
    found = [
        max(_number(m.group(1)), _number(m.group(2)))
        for m in _MINUTES.finditer(text)
        if max(_number(m.group(1)), _number(m.group(2))) > 0
    ]
    for m in _HOURS.finditer(text):
        found.append(15 if m.group(1) else 30 if m.group(2) else 60)
    return max(found) if found else None


def _call_length(d: _Draft) -> Finding:
    limit = IN_PERSON_MINUTES if d.in_person else PHONE_MINUTES
    if d.minutes is None:
        return Finding(
            "call_length",
            Level.WARN,
            "You do not say how long the call would take.",
            f"Ask for a set, short time, e.g. “15 minutes”; {10}–{PHONE_MINUTES} for a call, "
            f"up to {IN_PERSON_MINUTES} in person.",
        )
    if d.minutes <= limit:
        return Finding("call_length", Level.OK, f"{d.minutes} minutes: a small, clear request.")
    if d.minutes <= IN_PERSON_MINUTES:
        return Finding(
            "call_length",
            Level.TIP,
            f"{d.minutes} minutes is a lot to ask of a stranger on the phone.",
            "Ask for 15 minutes; if the talk goes well, they will offer more.",
        )
    return Finding(
        "call_length",
        Level.WARN,
        f"{d.minutes} minutes is a big favour to ask of someone who does not know you yet.",
        "Ask for 15 minutes on the phone or up to 30 in person.",
    )


_CALL_ME = re.compile(
    r"\b(call|phone|text|ring) me\b|\bgive me a (call|ring)\b|"
    r"\bmy (phone |cell |mobile )?(number|phone|cell)\b|\breach me (at|on|by)\b|"
    r"\bcontact me (at|on|by)\b|\bi can be reached\b|\bget back to me (at|on)\b"
)
_PHONE = re.compile(r"\+?\d[\d ().-]{7,}\d")
_OFFER = re.compile(
    r"\b(call|phone|ring|dial) you\b|\bgive you a (call|ring)\b|"
    r"\bsend (you )?(a |an )?(calendar |meeting |zoom |teams |video )?(invite|invitation|link)\b"
)


def _offer_to_call(d: _Draft) -> Finding | None:
    asks_to_be_called = _CALL_ME.search(d.message) is not None or any(
        sum(ch.isdigit() for ch in m.group(0)) >= 9 for m in _PHONE.finditer(d.message)
    )
    if asks_to_be_called:
        return Finding(
            "offer_to_call",
            Level.WARN,
            "You ask them to call you (or give your number), which leaves the work to them.",
            "Offer to call them at a time that suits them instead, and leave your number out.",
        )
    if d.in_person:
        return None
    if _OFFER.search(d.message):
        return Finding("offer_to_call", Level.OK, "You offer to do the calling.")
    return Finding(
        "offer_to_call",
        Level.TIP,
        "You do not offer to make the call.",
        "Add “I would be glad to call you at a time that suits you.”",
    )


_FLEXIBLE = re.compile(
    r"\bwhat(ever| ever) (time|place|day|location|suits|works|is (most )?convenient)|"
    r"\bwherever\b|\bwhenever\b|\bat your convenience\b|"
    r"\b(convenient|easiest|best) for you\b|\bsuits? you\b|\bworks? (best )?for you\b|"
    r"\byour (schedule|office|neighbou?rhood|campus|building)\b|\bcome to you\b|"
    r"\bnear (you|your)\b|\bflexible\b|\bany (time|day|place)\b"
)
_WEEKDAY = re.compile(r"\b(mon|tues|wednes|thurs|fri)days?\b")


def _flexibility(d: _Draft) -> Finding | None:
    if not d.in_person:
        return None
    days = {m.group(1) for m in _WEEKDAY.finditer(d.message)}
    if _FLEXIBLE.search(d.message) or len(days) >= 2:
        return Finding("flexibility", Level.OK, "You leave the time and place up to them.")
    return Finding(
        "flexibility",
        Level.WARN,
        "To meet in person you name no options and leave no room for their schedule.",
        "Offer a few times and places, and say you will fit in with whatever suits them.",
    )


_FIRST_PERSON = {"i", "me", "my", "mine", "myself", "i'm", "i've", "i'd", "i'll"}
_SECOND_PERSON = {"you", "your", "yours", "yourself", "you're", "you've", "you'd", "you'll"}


def _about_them(d: _Draft) -> Finding:
    tokens = words(d.message)
    me = sum(t in _FIRST_PERSON for t in tokens)
    them = sum(t in _SECOND_PERSON for t in tokens)
    them += sum(len(re.findall(rf"\b{re.escape(n)}\b", d.message)) for n in d.them_names)
    if them > me:
        return Finding(
            "about_them",
            Level.OK,
            f"More of the email is about them ({them} mentions) than about you ({me}).",
        )
    suggestion = (
        "Turn “I” sentences around: “your move into policy” rather than “I want to move "
        "into policy”."
    )
    if them * 3 >= me * 2:
        return Finding(
            "about_them",
            Level.TIP,
            f"About as much about you ({me} mentions) as about them ({them}).",
            suggestion,
        )
    return Finding(
        "about_them",
        Level.WARN,
        f"The email is mostly about you ({me} mentions of yourself, {them} of them).",
        suggestion,
    )


_JOB_PATTERNS = [
    # "your current position" is a question about them, not a request.
    r"(?<!your )(?<!their )(?<!his )(?<!her )"
    r"\b(any|open|current|available|upcoming|future) (job|jobs|openings?|positions?|roles?|"
    r"vacanc\w*|opportunities)\b",
    r"\b(job|position|role)s? (openings?|opportunit\w*|vacanc\w*)\b",
    r"\bopenings? (at|in|on) (your|the)\b",
    r"\b(are you|is your (team|company|lab|group|office|department)|are they) (currently |still )?"
    r"hiring\b",
    r"\bhire me\b",
    r"\b(looking for|seeking|searching for|find|land|get|apply for|applying for|applying to)"
    r" (a |an )?(new )?(job|position|role|employment|internship)\b",
    r"\brefer me\b|\b(a |an )?(employee |job )?referral (for|to) (a |the |an )?(job|position|role|"
    r"opening)\b",
    r"\bput in a (good )?word\b",
    r"\b(pass|forward|send)( along| on)? my (resume|cv|application)\b",
    r"\b(look at|look over|review|check|feedback on|critique|comments on) (my )?(resume|cv|"
    r"cover letter)\b",
    r"\bjob (inquiry|enquiry|application|request)\b",
]
_JOB = re.compile("|".join(_JOB_PATTERNS))


def _job_ask(d: _Draft) -> Finding:
    match = _JOB.search(d.message) or _JOB.search(d.subject)
    if not match:
        return Finding("job_ask", Level.OK, "You ask for insight and advice, not a job.")
    return Finding(
        "job_ask",
        Level.PROBLEM,
        f"“{match.group(0)}” reads as a request for a job or a referral, which puts a stranger "
        "on the spot.",
        "Ask for their insight and advice instead; opportunities come later from a good "
        "conversation.",
    )


_ATTACHMENT = re.compile(
    r"\battach\w*|\benclos\w*|\bplease find\b|"
    r"\b(here is|here's|including|include|included|sending|sent|share|sharing|linked)"
    r" (you )?my (resume|cv|portfolio)\b|\bmy (resume|cv|portfolio) (is|below|here)\b"
)


def _attachment(d: _Draft) -> Finding:
    match = _ATTACHMENT.search(d.message)
    if not match:
        return Finding("attachment", Level.OK, "No attachment or résumé: nothing to open.")
    return Finding(
        "attachment",
        Level.WARN,
        f"“{match.group(0)}”: a résumé or attachment from a stranger looks like a job "
        "application, and may land in spam.",
        "Leave it out; share it later if they ask.",
    )


def review_ask(
    subject: str, body: str, contact: Contact | None = None, ask: Outreach | None = None
) -> Review:
    """Review an outreach email and return its score and every rule's finding."""
    d = _read(subject or "", body or "", contact, ask)
    if not d.sentences:
        findings = [_subject(d), _empty(d)]
    else:
        candidates = [
            _placeholders(subject or "", body or ""),
            _subject(d),
            _length(d),
            _connection_first(d),
            _name(d),
            _topics(d),
            _vague(d),
            _question(d),
            _call_length(d),
            _offer_to_call(d),
            _flexibility(d),
            _about_them(d),
            _job_ask(d),
            _attachment(d),
        ]
        findings = [f for f in candidates if f is not None]
    return Review(score=0 if not d.sentences else score_of(findings), findings=findings)
