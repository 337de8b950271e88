"""The ask coach's rules on the email's form: a message at all, every blank filled in, a
specific subject, a length read at a glance, few questions, plain words.

Each rule takes the draft as infoview.coach.reader reads it (placeholders: the subject and
body as typed, since the brackets are what it looks for) and returns its Finding (None when
it does not apply). The after-the-ask reviews (drafts.py) use placeholders too.
"""

from __future__ import annotations

import re

from infoview.coach.findings import Check, Finding, Level
from infoview.coach.reader import QUOTED_TEXT, Draft, reading_grade, words

# Length of the message in words. Boomerang's study of 40 million emails (2016) found replies
# peak at 50-125 words (over 50% reply rate); Steve Dalton (The 2-Hour Job Search) aims for
# 75 and never more than 100; career centres advise what fits on a phone screen without
# scrolling, about 120 words.
MIN_WORDS = 50
BEST_WORDS = 75
MAX_WORDS = 100
SWEET_SPOT_MAX = 125
# Boomerang's same study: emails with one to three questions got the most replies.
MAX_QUESTIONS = 3
# Flesch-Kincaid grade: plainer emails (around grade 3-5 in Boomerang's study) got more
# replies; past grade 10 is a tip.
MAX_GRADE = 10
# Subject lines: phones show about 30-40 characters, desktop clients about 60; Boomerang
# found 3-4 word subjects got the most replies. Past 8 words or 60 characters is a tip.
SUBJECT_MAX_WORDS = 8
SUBJECT_MAX_CHARS = 60


def empty(d: Draft) -> Finding:
    """Say there is nothing to review yet."""
    return Finding(
        "empty",
        Level.PROBLEM,
        "There is no message yet.",
        "Write a few sentences: who connects you, what you would like to learn, and a short "
        "call you offer to make.",
    )


_PLACEHOLDER = re.compile(r"\[[^\[\]\n]{1,80}\]")


def placeholders(subject: str, body: str) -> Finding | None:
    """Name the [square-bracket] blanks still left in the subject or body."""
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
        "call opportunity inquiry enquiry from me you talk can we could i work career "
        "careers advice question help job jobs some"
    )
)


def subject(d: Draft) -> Finding:
    """Judge the subject line: there at all, specific, short enough for a phone."""
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
    if len(d.subject) > SUBJECT_MAX_CHARS or len(subject_words) > SUBJECT_MAX_WORDS:
        return Finding(
            "subject",
            Level.TIP,
            f"The subject is {len(subject_words)} words long; phones cut it off after about "
            f"{SUBJECT_MAX_WORDS} words or {SUBJECT_MAX_CHARS} characters.",
            "Keep the most specific words and drop the rest.",
        )
    return Finding("subject", Level.OK, "The subject is specific.")


def length(d: Draft) -> Finding:
    """Judge the length in words against what busy people read at a glance."""
    n = d.word_count
    if n > SWEET_SPOT_MAX:
        return Finding(
            "length",
            Level.WARN,
            f"{n} words: past the 50–125 words that get the most replies, and longer than a "
            "phone screen. Busy people skim long emails from strangers, or save them for later.",
            f"Cut to under {MAX_WORDS} words, ideally {BEST_WORDS}. Your story can wait for "
            "the call.",
        )
    if n > MAX_WORDS:
        return Finding(
            "length",
            Level.TIP,
            f"{n} words: fine, though under {MAX_WORDS} is read at a glance on a phone.",
            f"See if one sentence can go to reach {BEST_WORDS}–{MAX_WORDS} words.",
        )
    if n < MIN_WORDS:
        return Finding(
            "length",
            Level.TIP,
            f"{n} words: very short. Emails of {MIN_WORDS}–{SWEET_SPOT_MAX} words get the "
            "most replies.",
            "Say in a sentence why you chose them and what you would like to learn.",
        )
    return Finding("length", Level.OK, f"{n} words: short enough to read at a glance.")


def questions(d: Draft) -> Finding | None:
    """Warn when the email asks more than three questions."""
    count = QUOTED_TEXT.sub(" ", d.message).count("?")
    if count <= MAX_QUESTIONS:
        return None
    return Finding(
        "questions",
        Level.WARN,
        f"{count} questions: emails with one to three questions get the most replies; more "
        "reads like a questionnaire.",
        "Keep the ask and one or two topics as questions; save the rest for the call.",
    )


_PLAIN = Check(
    "reading",
    "Plain to read (grade {grade:.0f}).",
    Level.TIP,
    "Reads at about grade {grade:.0f}: plainer emails get more replies.",
    "Split long sentences and swap long words for short ones.",
)


def reading(d: Draft) -> Finding | None:
    """Judge how plain the email is to read (its Flesch-Kincaid grade)."""
    if d.word_count < 20:
        return None
    grade = reading_grade(d.message)
    return _PLAIN.judge(grade <= MAX_GRADE, grade=grade)
