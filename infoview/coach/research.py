"""Coaching on the compelling reason to talk to a contact."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

MIN_REASON_WORDS = 8
GENERIC_PHRASES = (
    "networking",
    "network",
    "seems interesting",
    "seem interesting",
    "interesting person",
    "interesting job",
    "cool job",
    "pick their brain",
    "pick your brain",
    "learn more",
    "get to know",
    "connect",
    "just curious",
    "might be useful",
    "could help me",
    "job",
)
SPECIFIC_EXAMPLE = (
    "She moved from a chemistry PhD into regulatory policy at the FDA in 2021; I want to "
    "ask how she made her research experience count for a policy role."
)


# A reason is specific when it names something about this person, in any wording and any
# person ("She moved…", "You moved…", "Moved from…"): a piece of their work, a move they made,
# something they built or led, a school you share, or who referred you. Length and keywords
# alone say nothing: "General career advice from someone senior would help me a lot" is long
# and generic.
_THEIR_THING = re.compile(
    r"\b(her|his|your|their|[\w-]+'s)\s+([\w'-]+\s+){0,3}?"
    r"(talks?|keynote|lecture|seminar|paper|preprint|article|op-ed|book|review|stud(y|ies)|"
    r"research|report|podcast|episode|interview|thread|blog|post|newsletter|testimony|"
    r"exhibition|project|programme|program|course|choreography|write-up|translation|guide|"
    r"corpus|grant|film|documentary|album|app|campaign|analysis|essay|piece|survey|session|"
    r"case study|office|work on)s?\b"
)
_MOVE = re.compile(
    r"\b(moved|moving|switched|switching|transitioned|pivoted|changed|went|came|left|"
    r"leaving|jumped|crossed over)\b[^.;]{0,60}\b(from|into|to|for)\b|"
    r"\bfrom [\w' -]{2,40} (into|to) [\w' -]{2,40}"
)
_DID = re.compile(
    r"\b(built|builds|founded|started|launched|led|leads|runs|ran|run|created|designed|wrote|"
    r"writes|published|won|set up|sets up|grew|curated|translated|taught|teaches|chairs?|"
    r"studies|researches|organi[sz]ed|restored|directed|directs|produced|mentors|manages|"
    r"managed|maintains|edits|edited|hosts|hosted|gave (a |the )?(talk|keynote|lecture)|"
    r"spoke|presented|measures|measured|opened|reviews|invented|developed|coached)\b"
)
_SHARED = re.compile(
    r"\b(we both|we were both|we are both|we're both|both (studied|went|did|worked|grew)|"
    r"fellow|alum|alumni|alumna|alumnus|classmates?|same (school|university|college|"
    r"master's|masters|programme|program|course|degree|lab|bootcamp|hometown)|"
    r"like me|as me|in common)\b"
)
_REFERRER = re.compile(
    r"\b(suggested|recommended|referred|introduced (us|me)|pointed me|told me|said (he|she|"
    r"they) (is|was|has|had|mentors|runs|leads)|says (he|she|they))\b"
)


# "She turns research into briefs", "His team helps faculty plan grants", "a PhD who advises
# hospitals": what this person does, in the present tense. Being somewhere ("works at",
# "is", "has") or seeming something says nothing particular.
_DOES = re.compile(
    r"(^|[;:,.] |\bwho |\b(she|he|they) )((she|he|her \w+|his \w+|their \w+|[\w-]+'s \w+) )?"
    r"(?!(is|has|was|works|seems|knows|looks|sounds|likes|does|gets|says|wants|needs|"
    r"thinks|feels|lives|makes a lot)\b)[a-z]+(?<![su]s)s\b"
)


def reason_is_specific(reason: str) -> bool:
    """Say whether a reason names something about this person (see the patterns above)."""
    text = " ".join((reason or "").replace("’", "'").split()).casefold()
    if not text:
        return False
    patterns = (_THEIR_THING, _MOVE, _DID, _SHARED, _REFERRER, _DOES)
    return any(p.search(text) is not None for p in patterns)


@dataclass(frozen=True)
class ReasonFeedback:
    """The coach's word on a compelling reason: a level, a message, and an example to follow."""

    level: str  # "ok", "tip" or "warn"
    message: str
    example: str = ""


def _words(text: str) -> list[str]:
    return re.findall(r"[\w'’-]+", text)


_GENERIC = re.compile("|".join(rf"\b{re.escape(p)}\b" for p in GENERIC_PHRASES))
_WORD = re.compile(r"[\w'’-]+")


@lru_cache(maxsize=65_536)
def is_specific(reason: str) -> bool:
    """True when review_reason would call the reason fine (it names something of theirs).

    Remembered: "who to ask next" asks it of every researched contact after each change,
    and a reason's text rarely changes between two runs.
    """
    return reason_is_specific(reason.strip())


def review_reason(reason: str, outside_field: bool = False) -> ReasonFeedback:
    """Judge whether a reason to talk is specific enough to persuade a busy stranger."""
    text = reason.strip()
    words = _words(text)
    if not text:
        return ReasonFeedback(
            "warn",
            "There is no reason to talk yet. A busy person says yes when they can see why "
            "you picked them in particular.",
            SPECIFIC_EXAMPLE,
        )
    lowered = text.casefold()
    generic = [p for p in GENERIC_PHRASES if re.search(rf"\b{re.escape(p)}\b", lowered)]
    if not reason_is_specific(text):
        what = f"“{generic[0]}” reads as generic, and nothing" if generic else "Nothing"
        if len(words) < MIN_REASON_WORDS:
            count = f"{len(words)} word" + ("s" if len(words) != 1 else "")
            return ReasonFeedback(
                "warn",
                f"This reason is short ({count}) and says nothing about this person. Say what "
                "in their path or work you want to understand, and why it matters to your "
                "next step.",
                SPECIFIC_EXAMPLE,
            )
        return ReasonFeedback(
            "tip",
            f"{what} here is about this person in particular: it would fit anyone. Name "
            "something of theirs: a move they made, their work, a talk or paper, a project, "
            "a school you share, or who referred you.",
            SPECIFIC_EXAMPLE,
        )
    if outside_field:
        return ReasonFeedback(
            "ok",
            "A strong reason, and a good call to look outside your field: people far from "
            "your area often see your skills with fresh eyes.",
        )
    return ReasonFeedback("ok", "A specific reason: it will make your ask easy to say yes to.")
