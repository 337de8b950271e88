"""The ask coach's rules on whom the email is about: it opens with the link between you,
greets them by name, says more about them than about you, and speaks to them, not of them.

Each rule takes the draft as infoview.coach.reader reads it and returns its Finding (None
when it does not apply).
"""

from __future__ import annotations

import re

from infoview.coach.ask_request import JOB_ASK
from infoview.coach.findings import Check, Finding, Level
from infoview.coach.reader import Draft, live_text, mentions, words

# "I hope this finds you well" is not the opening that counts: the sentence after it is.
_PLEASANTRY = re.compile(
    r"^(i )?(hope|trust) (this|that|my|the|all|you|your)\b.{0,40}"
    r"(well|good|great|nice|going)"
)


_CONNECTION = re.compile(
    r"\b(suggested|recommended|referred|mentioned|pointed me|introduced|fellow|alum|alumn\w*|"
    r"classmates?|mutual|we met|met at|in common|we both|both (studied|went|worked|attended)|"
    r"same (school|program|university|lab|field|team))\b"
)
# Something of theirs the writer names: their talk, paper, move or project ("your talk on…",
# "the murals you organised", "you moved from…"). Their time or inbox, a bare "your work" or
# "your career", and sentences that ask for a job say nothing about why the writer chose them.
_NOT_THEIRS = (
    r"(time|brains?|inbox|schedule|help|consideration|convenience|advice|thoughts|opinion|"
    r"views?|insights?|email|reply|response|calendar|diary|earliest|attention|own|side|area|"
    r"(work|career|experience|journey|background|role|job|field|path|story|expertise|"
    r"company|organi[sz]ation|team)(?=\s*([.,;:!?)]|$|and\b|so\b|sometime\b|as well\b)))\b"
)
_YOU_SPECIFIC = re.compile(
    rf"\byour (?!{_NOT_THEIRS})[\w'-]+|"
    r"\b(the|a|an|that|this|these|those)\b[\w' -]{1,50}? you (?!(would|could|can|might|may|"
    r"will|should|for|so|very|all|again|are free|are available|have time|in advance|too)\b)"
    r"[a-z]+|"
    r"\byou ([a-z]+ed|built|wrote|gave|spoke|led|ran|made|took|taught|won|began|set up|"
    r"founded|grew|brought|run|lead|manage|teach|maintain|programme|chair|direct|host|edit|"
    r"write|research|work on|worked on|now lead|now run)\b|"
    r"\byou've (been|run|led|built|written|taught|[a-z]+ed)\b|"
    r"\b(heard|saw|watched|read|met|followed) you\b|\blike you\b|\bas you did\b|"
    r"\b(said|says|told me|tells me) (that )?you\b|"
    r"\b(gave|sent|passed|forwarded) me your\b|\bgot your (name|email|details)\b|"
    # "how you start a company", "I read the agency's new guide"
    r"\bhow you (?!(would|could|can|might|may|will|should|feel|are free|have time|got there)\b)"
    r"[a-z]+|"
    r"\b(read|saw|watched|heard|attended|visited|followed|came across|listened to) (the|a|an) "
    r"[\w-]+'s\b"
)
_LIFE_STORY = re.compile(
    r"^(my name is|i am|i'm|i was|i have|i've|i recently|i graduated|i just|i currently|"
    r"currently,? i|as a)\b"
)


def _is_about_them(sentence: str, d: Draft) -> bool:
    if JOB_ASK.search(live_text(sentence)):
        return False
    if _CONNECTION.search(sentence) or _YOU_SPECIFIC.search(sentence):
        return True
    return any(mentions(sentence, name) for name in d.them_names)


def connection_first(d: Draft) -> Finding:
    """Judge whether the email opens with them and the link between you."""
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


_NAME = Check(
    "name",
    "You greet them by name.",
    Level.TIP,
    "Their name does not appear in the email.",
    "Start with a greeting that uses their name.",
)


def name(d: Draft) -> Finding | None:
    """Judge whether the email uses the contact's name."""
    people = d.them_names[:2]
    if not people:
        return None
    text = f"{d.greeting}\n{d.message}"
    return _NAME.judge(any(mentions(text, person) for person in people))


_FIRST_PERSON = {"i", "me", "my", "mine", "myself", "i'm", "i've", "i'd", "i'll"}
_SECOND_PERSON = {"you", "your", "yours", "yourself", "you're", "you've", "you'd", "you'll"}


def about_them(d: Draft) -> Finding:
    """Compare how often the email speaks of them and of the writer."""
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
    # A tip, never a warning: counting pronouns cannot tell a self-centred email from a
    # warm one reliably (see docs/coach-report.md); connection_first covers the opening.
    return Finding(
        "about_them",
        Level.TIP,
        f"The email is mostly about you ({me} mentions of yourself, {them} of them).",
        suggestion,
    )


_HE_SHE = r"(he|she|his|her|him|hers)"
_REPORTED = re.compile(
    rf"\b(says|said|tells me|told me|mentioned|thinks|explained|wrote)( that)? {_HE_SHE}\b|"
    rf"\b(says|said|tells me|told me|mentioned)\b.{{0,60}}\b(with|and) {_HE_SHE}\b|"
    rf"\band that {_HE_SHE}\b"
)


def third_person(d: Draft) -> Finding | None:
    """Flag an email that speaks of its reader as "she" or by name instead of "you"."""
    for sentence in d.sentences:
        live = live_text(sentence)
        named = [
            n
            for n in d.reader
            if mentions(live, n) and not re.search(rf"\b{re.escape(n)}\s*,", live)
        ]
        if not named and not _REPORTED.search(live):
            continue
        if named and len(words(live)) <= 3:
            continue  # "María," or "Thanks, María" speaks to them
        if not named and set(words(live)) & _SECOND_PERSON:
            continue  # "she says you led…" speaks to them; "she" is the referrer
        seen = named[0].title() if named else "“he” or “she”"
        return Finding(
            "third_person",
            Level.WARN,
            f"The email speaks of its reader in the third person ({seen}), as if to someone else.",
            "Write to them: “Ana says you lead the data team”, not “Ana says he leads it”.",
        )
    return None
