"""One-click fixes for what the ask coach finds, where an edit is safe to make for the user.

Each fix changes one sentence of the body (or removes it) and says exactly what it changes,
so the page can show it as a before/after the user accepts. A fix is offered only when its
pattern is clearly present; otherwise the coach's advice stands alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from infoview.coach.ask_request import ATTACHMENT, RESUME_LINK
from infoview.coach.findings import Review
from infoview.coach.reader import live_text
from infoview.wording import fold

DEFAULT_MINUTES = 15


@dataclass(frozen=True)
class Fix:
    """A proposed edit: the rule it answers, a label, the sentence before and after, the body."""

    rule: str
    label: str
    before: str
    after: str  # "" when the sentence is removed
    body: str


# A sentence ends at . ! or ? followed by a space or the end ("example.com/cv" stays whole).
_SENTENCE = re.compile(r"[^\n]+?(?:[.!?]+(?=\s|$)|$)", re.MULTILINE)
_CALL_NOUN = re.compile(
    r"\b(a|an)( quick| short| brief| phone| video| zoom)? (call|chat|conversation|meeting)\b",
    re.IGNORECASE,
)
_SOME_TIME = re.compile(
    r"\b(some (of your )?time|a (little|bit) of your time|a few minutes)\b", re.IGNORECASE
)


def _sentences(body: str) -> list[re.Match[str]]:
    return [m for m in _SENTENCE.finditer(body) if m.group(0).strip()]


def _replace(body: str, match: re.Match[str], new: str) -> str:
    start, end = match.span()
    text = match.group(0)
    lead = len(text) - len(text.lstrip())
    trail = len(text) - len(text.rstrip())
    return body[: start + lead] + new + body[end - trail :]


def _add_minutes(body: str, minutes: int) -> Fix | None:
    """ "Would you be open to a call?" becomes "Would you be open to a 15-minute call?"."""
    for m in _sentences(body):
        sentence = m.group(0).strip()
        if "?" not in sentence:
            continue
        if _CALL_NOUN.search(sentence):
            new = _CALL_NOUN.sub(
                lambda c: (
                    f"{c.group(1)[0]} {minutes}-minute"
                    + (c.group(2) or "")
                    .replace(" quick", "")
                    .replace(" short", "")
                    .replace(" brief", "")
                    + f" {c.group(3)}"
                ),
                sentence,
                count=1,
            )
            new = re.sub(r"^(.)\b", lambda s: s.group(1), new)
        elif _SOME_TIME.search(sentence):
            new = _SOME_TIME.sub(f"{minutes} minutes", sentence, count=1)
        else:
            continue
        new = re.sub(r"\b[Aa] (\d)", lambda s: f"a {s.group(1)}", new)
        return Fix(
            "call_length",
            f"Ask for {minutes} minutes",
            sentence,
            new,
            _replace(body, m, new),
        )
    return None


_STATEMENT_ASK = re.compile(
    r"^(i'd|i would|i'm hoping|i am hoping|i was hoping) "
    r"(like|love|value|appreciate|welcome|be grateful for|be glad of|to have|for)\s+"
    r"(to (set up|arrange|schedule|have|book|request|ask for|get)\s+)?(?P<rest>.+?)[.!]?$",
    re.IGNORECASE,
)
_TIME_START = re.compile(
    r"^(\d+|ten|fifteen|twenty|thirty|a few|half an hour)\b[^,;]*?\b(minutes?|hour)\b"
    r"( of your time)?",
    re.IGNORECASE,
)
_VERB_START = re.compile(r"^(meet|talk|speak|chat|hear|ask|learn)\b( with you| you)?", re.I)


def _question(body: str) -> Fix | None:
    """Turn a statement ask ("I'd like to arrange a 15-minute call…") into a question."""
    for m in _sentences(body):
        sentence = m.group(0).strip()
        if sentence.endswith("?"):
            continue
        ask = _STATEMENT_ASK.match(sentence)
        if not ask:
            continue
        rest = ask.group("rest").rstrip(" .!;")
        if not re.search(r"\b(call|chat|minutes?|meet|talk|speak|conversation|time)\b", rest):
            continue
        time = _TIME_START.match(rest)
        verb = _VERB_START.match(rest)
        if rest.lower().startswith("to "):
            new = (
                "Would you be willing "
                + re.sub(r"^to (meet|see|call) you\b", r"to \1", rest, flags=re.IGNORECASE)
                + "?"
            )
        elif time:
            words = time.group(0)
            if time.group(3):
                words = words[: -len(time.group(3))]
            new = f"Would you have {words}{rest[time.end() :]}?"
        elif verb:
            new = f"Would you be open to {verb.group(1).lower()}ing{rest[verb.end() :]}?"
        else:
            new = f"Would you be open to {rest}?"
        new = re.sub(r"\s+", " ", new).replace(" ;", ";").replace("; ?", "?")
        # "…; I'd be glad to call" after a semicolon stays a second sentence.
        if ";" in new:
            head, tail = new.rstrip("?").split(";", 1)
            new = f"{head.strip()}? {tail.strip()[:1].upper()}{tail.strip()[1:]}."
        return Fix(
            "question", "Turn the request into a question", sentence, new, _replace(body, m, new)
        )
    return None


def _drop_attachment(body: str) -> Fix | None:
    """Remove the sentence that attaches or encloses something."""
    for m in _sentences(body):
        sentence = m.group(0).strip()
        live = live_text(fold(sentence))
        if ATTACHMENT.search(live) or RESUME_LINK.search(live):
            new_body = body[: m.start()] + body[m.end() :]
            new_body = re.sub(r"[ \t]+\n", "\n", new_body)
            new_body = re.sub(r"\n[ \t]+", "\n", new_body)
            new_body = re.sub(r"(?<=[.!?]) {2,}", " ", new_body)
            new_body = re.sub(r"\n{3,}", "\n\n", new_body)
            return Fix("attachment", "Remove the attachment sentence", sentence, "", new_body)
    return None


def suggest_fixes(subject: str, body: str, review: Review) -> list[Fix]:
    """Return the safe one-click fixes for a reviewed draft, most serious finding first."""
    fixes: list[Fix] = []
    for finding in review.issues:
        if finding.level not in ("warn", "problem"):
            continue
        fix = None
        if finding.rule == "call_length" and "do not say how long" in finding.message:
            fix = _add_minutes(body, DEFAULT_MINUTES)
        elif finding.rule == "question":
            fix = _question(body)
        elif finding.rule == "attachment":
            fix = _drop_attachment(body)
        if fix is not None and fix.body != body:
            fixes.append(fix)
    return fixes
