"""Reviews of the emails after the ask: the thank-you note, the follow-up and the report-back.

Each returns a Review with the same Finding fields as the ask coach, so the pages show them
the same way. What each is judged on:
- thank-you: sent within a day of the call, names one specific thing learned, asks nothing new;
- follow-up: short, no guilt or pressure, restates the ask (a question and the minutes);
- report-back: says what the user did with the advice, asks nothing new.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from infoview.coach.ask_form import placeholders
from infoview.coach.ask_request import JOB_ASK
from infoview.coach.findings import Check, Finding, Level, Review, score_of
from infoview.coach.reader import call_minutes, live_text, split_body, words
from infoview.wording import fold

DRAFT_RULES = {
    "placeholders": "Every blank filled in",
    "timing": "Sent within a day",
    "specific": "Names one thing you learned",
    "new_ask": "Asks for nothing new",
    "job_ask": "No job request",
    "length": "Short",
    "guilt": "No guilt or pressure",
    "restates_ask": "Restates the ask",
    "what_you_did": "Says what you did with their advice",
}
THANK_YOU_DAYS = 1
FOLLOW_UP_MAX_WORDS = 90

_NEW_ASK = re.compile(
    r"\b(would|could|can|will) you\b[^.?!]{0,60}\b(introduce|refer|review|look (at|over)|"
    r"read|send|share|meet|call|talk|connect me|put me|recommend|forward|check|help me)\b|"
    r"\b(another|a second|one more|follow-up) (call|chat|meeting|conversation)\b|"
    r"\bany (chance|way) (you|that)\b"
)
_GENERIC_LEARNED = re.compile(
    r"what you said about (everything|your (career|work|job|experience|journey|advice)|"
    r"the (field|industry|job|work)|it|that)\b"
)
_GUILT = re.compile(
    r"\b(sorry to (bother|pester|trouble)|i know you('re| are) (busy|swamped)|"
    r"(haven't|have not|hadn't|didn't) (heard|hear) (back|from you)|you (didn't|did not|never|"
    r"haven't) (reply|replied|respond|responded|answer|answered|get back)|must have missed|"
    r"as i (said|mentioned) before|still waiting|waiting to hear|i'm disappointed|"
    r"just checking( in)? again|i really need|urgent|asap)\b"
)
_DID = re.compile(
    r"\bi(?:'ve| have)? (?:\w+ )?(applied|joined|read|contacted|spoke|talked|started|signed up|"
    r"took|met|followed|used|wrote|reached out|enrolled|registered|attended|changed|"
    r"rewrote|updated|tried|visited|emailed|called|finished|completed|began|set up|"
    r"volunteered|submitted|presented|published|built|moved)\b"
)


_NOTHING_NEW = Check(
    "new_ask",
    "It asks for nothing new.",
    Level.WARN,
    "“{seen}” asks for something new in a note meant to give thanks.",
    "Keep this note to thanks and news; a new request can come later, on its own.",
)
_ON_TIME = Check(
    "timing",
    "Sent within a day of the call.",
    Level.WARN,
    "The call was {days} days ago: a thank-you reads best within a day.",
    "Send it today anyway: late thanks are still thanks.",
)
_SPECIFIC = Check(
    "specific",
    "It names something specific you learned.",
    Level.WARN,
    "It does not name one specific thing you learned from them.",
    "Name one thing they said and what it changed for you, e.g. how fellows split their week.",
)
_SHORT = Check(
    "length",
    "{n} words: short.",
    Level.WARN,
    "{n} words: a follow-up should be a few lines they can answer at once.",
    f"Cut to under {FOLLOW_UP_MAX_WORDS} words: a reminder, the ask, thanks.",
)
_NO_GUILT = Check(
    "guilt",
    "Friendly, with no guilt or pressure.",
    Level.WARN,
    "“{seen}” sounds like blame or pressure; people reply to kind notes.",
    "Assume the first email got buried, and say so lightly.",
)
_RESTATES_ASK = Check(
    "restates_ask",
    "It restates the ask: a short call, as a question.",
    Level.WARN,
    "It does not restate the ask as a question with the minutes.",
    "Add e.g. “Would 15 minutes in the coming weeks work for you?”",
)
_WHAT_YOU_DID = Check(
    "what_you_did",
    "It says what you did with their advice.",
    Level.WARN,
    "It does not say what you did with their advice.",
    "Name the step you took, e.g. “I joined the policy network you mentioned.”",
)


def _job(message: str) -> Finding | None:
    match = JOB_ASK.search(live_text(message))
    if not match:
        return None
    return Finding(
        "job_ask",
        Level.PROBLEM,
        f"“{match.group(0)}” asks for a job, which turns their kindness into a favour owed.",
        "Leave it out: thanks and news build the relationship that opportunities come from.",
    )


def _new_ask(message: str) -> Finding:
    match = _NEW_ASK.search(live_text(message))
    return _NOTHING_NEW.judge(match is None, seen=match.group(0) if match else "")


def _review(subject: str, body: str, rules: Callable[[str], list[Finding | None]]) -> Review:
    """Review a note: empty, or its blanks and then its own rules on the message (folded)."""
    _greeting, message = split_body(body or "")
    message = fold(message)
    if not words(message):
        return Review(0, [Finding("empty", Level.PROBLEM, "There is no message yet.")])
    kept = [f for f in (placeholders(subject, body), *rules(message)) if f is not None]
    return Review(score=score_of(kept), findings=kept)


def review_thank_you(subject: str, body: str, days_since_call: int | None = None) -> Review:
    """Review a thank-you note: timely, one specific thing learned, no new ask."""

    def rules(message: str) -> list[Finding | None]:
        timing = None
        if days_since_call is not None:
            timing = _ON_TIME.judge(days_since_call <= THANK_YOU_DAYS, days=days_since_call)
        named = "learned" in message or "what you said about" in message or "especially" in message
        specific = named and not _GENERIC_LEARNED.search(message)
        blank = "[one specific thing" in body.casefold()  # the placeholder finding covers it
        return [
            timing,
            None if specific and blank else _SPECIFIC.judge(specific),
            _new_ask(message),
            _job(message),
        ]

    return _review(subject, body, rules)


def _follow_up_rules(message: str) -> list[Finding | None]:
    n = len(words(message))
    guilt = _GUILT.search(message)  # its phrases carry their own "not"
    asked = "?" in message and call_minutes(message) is not None
    return [
        _SHORT.judge(n <= FOLLOW_UP_MAX_WORDS, n=n),
        _NO_GUILT.judge(guilt is None, seen=guilt.group(0) if guilt else ""),
        _RESTATES_ASK.judge(asked),
        _job(message),
    ]


def review_follow_up(subject: str, body: str) -> Review:
    """Review a follow-up: short, no guilt, and the ask restated."""
    return _review(subject, body, _follow_up_rules)


def _report_back_rules(message: str) -> list[Finding | None]:
    did = _DID.search(message) is not None
    return [_WHAT_YOU_DID.judge(did), _new_ask(message), _job(message)]


def review_report_back(subject: str, body: str) -> Review:
    """Review a report-back: it says what the user did with the advice and asks nothing new."""
    return _review(subject, body, _report_back_rules)


def review_note(kind: str, subject: str, body: str, days_since_call: int | None = None) -> Review:
    """Review one of the after-the-ask emails by its template id."""
    if kind == "thank_you":
        return review_thank_you(subject, body, days_since_call)
    if kind == "follow_up":
        return review_follow_up(subject, body)
    if kind == "report_back":
        return review_report_back(subject, body)
    raise ValueError(f"no review for {kind!r}")
