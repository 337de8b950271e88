"""What a coach says about a text: findings at four levels, and a score built from them.

The ask coach, the after-the-ask reviews (drafts.py) and the story coach (infoview.story) all
speak in these terms, so the pages show every coach the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Level(StrEnum):
    OK = "ok"
    TIP = "tip"
    WARN = "warn"
    PROBLEM = "problem"


# Points a finding takes off the score of 100.
PENALTY = {Level.OK: 0, Level.TIP: 2, Level.WARN: 8, Level.PROBLEM: 20}
SEVERITY = {Level.PROBLEM: 0, Level.WARN: 1, Level.TIP: 2, Level.OK: 3}


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


@dataclass(frozen=True)
class Check:
    """A rule with two outcomes: a line when the text meets it, a finding when it does not.

    The texts may name values in braces ("{n} words", "“{seen}”"), filled in when judged.
    """

    rule: str
    met: str  # what the coach says when the text meets the rule
    level: Level  # how serious it is when the text does not
    message: str
    suggestion: str = ""

    def judge(self, met: bool, **values: object) -> Finding:
        """Return the rule's line at Level.OK when met, else its finding at its level."""
        if met:
            return Finding(self.rule, Level.OK, self.met.format(**values))
        return Finding(self.rule, self.level, self.message.format(**values), self.suggestion)
