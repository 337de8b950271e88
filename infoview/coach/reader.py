"""How the coaches read an email: the message set apart from its greeting, sign-off and quoted
history, folded to lower case without accents, cut into sentences and words.

Folded, "Résumé" and "resume" match alike and emoji never break a pattern. The ask coach
reads a whole draft (read_draft); the after-the-ask reviews and the story coach use the same
pieces: split_body, words, live_text (what the writer says in their own voice) and
call_minutes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from infoview.models import CallMode, Contact, Outreach
from infoview.wording import fold

_WORD = re.compile(r"[^\W_]+(?:['-][^\W_]+)*")


def words(text: str) -> list[str]:
    """Return the words of a text (letters and digits; emoji and punctuation are not words)."""
    return _WORD.findall(text or "")


@dataclass(frozen=True)
class Draft:
    """An outreach email as the ask coach's rules read it."""

    subject: str  # folded
    greeting: str  # folded greeting line, or ""
    message: str  # folded, without greeting, sign-off and any quoted earlier message
    sentences: list[str]
    word_count: int
    them_names: list[str]  # folded name parts and organization of the contact
    in_person: bool
    topics: list[str]
    minutes: int | None
    # The message without quoted text and without negated clauses: what the writer asks for
    # in their own voice ("I'm not looking for a job" and "as she put it, "…"" drop out).
    live: str = ""
    reader: list[str] = field(default_factory=list)  # folded names the greeting uses


# An earlier message quoted below the new one: "On Mon, Ana wrote:", "-----Original
# Message-----", "From: … Sent: …" headers, or lines that start with ">".
_QUOTED_START = re.compile(
    r"^\s*(-{2,}\s*original message\s*-{2,}|-{2,}\s*forwarded message|on\b.{0,120}\bwrote:\s*$|"
    r"from:\s.+|>)",
    re.IGNORECASE,
)


def _drop_quoted(body: str) -> str:
    """Return the body without a quoted earlier message below it."""
    lines = body.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for index, line in enumerate(lines):
        if index > 0 and _QUOTED_START.match(line):
            return "\n".join(lines[:index])
    return "\n".join(lines)


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


def split_body(body: str) -> tuple[str, str]:
    """Return (greeting, message) with the sign-off block and quoted history removed."""
    lines = _drop_quoted(body).split("\n")
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


# A sentence ends at . ! ? or a line break, not at the dot of "Dr." or "e.g.".
_ABBREVIATIONS = re.compile(r"\b(dr|mr|mrs|ms|mx|prof|st|vs|etc|e\.g|i\.e|approx|no)\.")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


def _sentences(message: str) -> list[str]:
    protected = _ABBREVIATIONS.sub(lambda m: m.group(1).replace(".", ""), message)
    parts = (s.strip() for s in _SENTENCE_END.split(protected))
    return [s for s in parts if words(s)]


# Words that are not a contact's name or organization ("Dr. Ana Ruiz", "Acme Inc").
_TITLES = {"dr", "prof", "professor", "mr", "mrs", "ms", "mx", "sir", "dame", "dean"}
_ORG_SUFFIXES = {"inc", "llc", "ltd", "corp", "corporation", "co", "gmbh", "plc", "the", "sa"}


def _them_names(contact: Contact | None) -> list[str]:
    if contact is None:
        return []
    parts = [p for p in words(fold(contact.full_name)) if p not in _TITLES and len(p) > 1]
    names = [parts[0], parts[-1]] if parts else []
    org = [w for w in words(fold(contact.organization)) if w not in _ORG_SUFFIXES]
    if org:
        names.append(" ".join(org))
    return list(dict.fromkeys(names))


def mentions(text: str, phrase: str) -> bool:
    """Say whether a folded text names a phrase as whole words."""
    return re.search(rf"\b{re.escape(phrase)}\b", text) is not None


_IN_PERSON = re.compile(
    r"\bin[ -]person\b|\b(grab|get|buy you|have) (a )?(coffee|lunch|tea)\b|"
    r"\bmeet (up|you) (for|at|in|near)\b|\bcome (by|to) your office\b"
)


QUOTED_TEXT = re.compile(r'"[^"\n]{1,300}"')
# A clause ends at punctuation or at "but"; a negation covers what follows it in its clause.
_CLAUSE_END = re.compile(r"[.;:!?,()\n]|\s[-–—]\s|\bbut\b")
_NEGATION = re.compile(r"\b(not|never|no|nor|without|rather than|instead of|neither)\b|n't\b")


def live_text(message: str) -> str:
    """Return the message with quoted text and negated clauses blanked out.

    Blanked with spaces, so positions and sentence ends stay where they were.
    """
    text = QUOTED_TEXT.sub(lambda m: " " * len(m.group(0)), message)
    out, pos = [], 0
    for neg in _NEGATION.finditer(text):
        if neg.start() < pos:
            continue
        end = _CLAUSE_END.search(text, neg.end())
        stop = end.start() if end else len(text)
        out.append(text[pos : neg.start()])
        out.append(" " * (stop - neg.start()))
        pos = stop
    out.append(text[pos:])
    return "".join(out)


def _reader_names(greeting: str) -> list[str]:
    """Return the names a greeting calls the reader by ("Dear Dr. Okafor," gives okafor)."""
    names = [w for w in words(greeting) if w not in _TITLES and len(w) > 1]
    names = [w for w in names if not _GREETING.match(w)]
    return [w for w in names if w not in {"all", "team", "there", "sir", "madam", "friends"}]


def read_draft(subject: str, body: str, contact: Contact | None, ask: Outreach | None) -> Draft:
    """Read an email for the ask coach, with the contact it goes to and the ask it makes."""
    greeting, message = split_body(body or "")
    folded = fold(message)
    if ask is not None:
        in_person = ask.mode == CallMode.IN_PERSON
    else:
        in_person = _IN_PERSON.search(folded) is not None
    return Draft(
        subject=fold(subject),
        greeting=fold(greeting),
        message=folded,
        sentences=_sentences(folded),
        word_count=len(words(greeting)) + len(words(message)),
        them_names=_them_names(contact),
        in_person=in_person,
        topics=[t for t in (ask.topics if ask else []) if t.strip()],
        minutes=call_minutes(folded),
        live=live_text(folded),
        reader=list(dict.fromkeys(_them_names(contact)[:2] + _reader_names(fold(greeting)))),
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


def call_minutes(text: str) -> int | None:
    """Return the longest call length the text asks for, in minutes, or None."""
    found = [
        max(_number(m.group(1)), _number(m.group(2)))
        for m in _MINUTES.finditer(text)
        if max(_number(m.group(1)), _number(m.group(2))) > 0
    ]
    for m in _HOURS.finditer(text):
        found.append(15 if m.group(1) else 30 if m.group(2) else 60)
    return max(found) if found else None


_VOWELS = re.compile(r"[aeiouy]+")


def _syllables(word: str) -> int:
    """Count a word's syllables by its vowel groups (an estimate good enough for a grade)."""
    w = word.lower().strip("'")
    if len(w) <= 3:
        return 1
    w = re.sub(r"(?:[^laeiouy]es|ed|[^laeiouy]e)$", "", w)
    w = re.sub(r"^y", "", w)
    return max(1, len(_VOWELS.findall(w)))


def reading_grade(text: str) -> float:
    """Return the Flesch-Kincaid grade of a text (0 for no text)."""
    sentences = _sentences(fold(text))
    all_words = [w for s in sentences for w in words(s) if not w.isdigit()]
    if not sentences or not all_words:
        return 0.0
    syllables = sum(_syllables(w) for w in all_words)
    return 0.39 * len(all_words) / len(sentences) + 11.8 * syllables / len(all_words) - 15.59
