"""Coaching on the compelling reason to talk to a contact."""

from __future__ import annotations

import re
from dataclasses import dataclass

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


def is_specific(reason: str) -> bool:
    """True when review_reason would call the reason fine: one quick check for long lists."""
    text = reason.strip()
    if not text:
        return False
    count = len(_WORD.findall(text))
    if count < MIN_REASON_WORDS:
        return False
    return count >= 2 * MIN_REASON_WORDS or not _GENERIC.search(text.casefold())


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
    if len(words) < MIN_REASON_WORDS:
        count = f"{len(words)} word" + ("s" if len(words) != 1 else "")
        return ReasonFeedback(
            "warn",
            f"This reason is short ({count}). Say what in their path or work "
            "you want to understand, and why it matters to your next step.",
            SPECIFIC_EXAMPLE,
        )
    if generic and len(words) < 2 * MIN_REASON_WORDS:
        return ReasonFeedback(
            "tip",
            f"“{generic[0]}” reads as generic. Name something specific: a move they made, a "
            "project, a talk or paper, a skill you want to see used in their field.",
            SPECIFIC_EXAMPLE,
        )
    if outside_field:
        return ReasonFeedback(
            "ok",
            "A strong reason, and a good call to look outside your field: people far from "
            "your area often see your skills with fresh eyes.",
        )
    return ReasonFeedback("ok", "A specific reason: it will make your ask easy to say yes to.")
