"""The ask coach's rules on the meeting the email proposes: a short call in minutes, the
writer doing the calling, room for their schedule in person, and a near-term window.

Each rule takes the draft as infoview.coach.reader reads it and returns its Finding (None
when it does not apply).
"""

from __future__ import annotations

import re

from infoview.coach.ask_request import MEETING
from infoview.coach.findings import Check, Finding, Level
from infoview.coach.reader import Draft

# The longest call the coach calls a small request: on the phone, and in person.
PHONE_MINUTES = 20
IN_PERSON_MINUTES = 30


def call_length(d: Draft) -> Finding:
    """Judge the length of call the email asks for."""
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
    r"\bcontact me (at|on|by)\b|\bi can be reached\b|\bget back to me (at|on)\b|"
    r"\b(ring|call) me\b|\bmy number is\b"
)
_PHONE = re.compile(r"\+?\d[\d ().-]{7,}\d")
_OFFER = re.compile(
    r"\b(call|phone|ring|dial) you\b|\bgive you a (call|ring)\b|"
    r"\bsend (you )?(a |an )?(calendar |meeting |zoom |teams |video )?(invite|invitation|link)\b"
)


_OFFERS_TO_CALL = Check(
    "offer_to_call",
    "You offer to do the calling.",
    Level.TIP,
    "You do not offer to make the call.",
    "Add “I would be glad to call you at a time that suits you.”",
)


def offer_to_call(d: Draft) -> Finding | None:
    """Judge whether the writer offers to call rather than asking to be called."""
    asks_to_be_called = _CALL_ME.search(d.live) is not None or any(
        sum(ch.isdigit() for ch in m.group(0)) >= 9 for m in _PHONE.finditer(d.live)
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
    return _OFFERS_TO_CALL.judge(_OFFER.search(d.message) is not None)


_FLEXIBLE = re.compile(
    r"\bwhat(ever| ever) (time|place|day|location|suits|works|is (most )?convenient)|"
    r"\bwherever\b|\bwhenever\b|\bat your convenience\b|"
    r"\b(convenient|easiest|best) for you\b|\bsuits? you\b|\bworks? (best )?for you\b|"
    r"\bwhat (works|suits)\b|\byour schedule\b|\bcome to you\b|"
    r"\bnear (you|your)\b|\bflexible\b|\bany (time|day|place)\b"
)
_WEEKDAY = re.compile(r"\b(mon|tues|wednes|thurs|fri)days?\b")


_CLOCK = re.compile(r"\b\d{1,2}(:\d\d)?\s?(am|pm)\b|\b\d{1,2}:\d\d\b|\bnoon\b")
_NEAR_THEM = re.compile(r"\byour (office|neighbou?rhood|campus|building)\b|\bnear (you|your)\b")


_FLEXIBILITY = Check(
    "flexibility",
    "You leave the time and place up to them.",
    Level.WARN,
    "To meet in person you name no options and leave no room for their schedule.",
    "Offer a few times and places, and say you will fit in with whatever suits them.",
)


def flexibility(d: Draft) -> Finding | None:
    """Judge whether an in-person ask leaves the time and place to them."""
    if not d.in_person:
        return None
    days = {m.group(1) for m in _WEEKDAY.finditer(d.message)}
    # "Near your office" leaves room, unless the email also fixes the hour.
    near = _NEAR_THEM.search(d.message) is not None and not _CLOCK.search(d.message)
    return _FLEXIBILITY.judge(bool(_FLEXIBLE.search(d.message)) or len(days) >= 2 or near)


# A concrete, near-term window ("next week", "in the next two weeks") gets a quicker yes than
# an open-ended "sometime" (Dalton, The 2-Hour Job Search; university career centres).
_WINDOW = re.compile(
    r"\b(this|next|coming) (week|few days|days|two weeks|fortnight|month)\b|"
    r"\bin the (next|coming) (few |two |three |couple of )?(days|weeks?|fortnight)\b|"
    r"\b(mon|tues|wednes|thurs|fri|satur|sun)days?\b|\btomorrow\b|\bbefore the \d|"
    r"\b\d{1,2} (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|"
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* \d{1,2}\b|\bthis (spring|"
    r"summer|autumn|fall|winter)\b"
)


_NEAR_WINDOW = Check(
    "window",
    "You name a near-term window for the call.",
    Level.TIP,
    "No time frame: “sometime” is easy to put off.",
    "Name a near window, e.g. “in the next two weeks”, and leave the exact time to them.",
)


def window(d: Draft) -> Finding | None:
    """Judge whether the email names a near-term window for the call."""
    if MEETING.search(d.live) is None:
        return None
    return _NEAR_WINDOW.judge(_WINDOW.search(d.message) is not None)
