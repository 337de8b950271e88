"""The ask coach: rules that review an outreach email and a score built from what they find.

Every rule reads the draft as plain text folded to lower case without accents, so "Résumé"
and "resume" match alike and emoji never break a pattern. The greeting line and the sign-off
("Best, Sam" and everything after it) are set aside: the rules judge the message itself.
"""

from __future__ import annotations

import re

from infoview.coach.findings import Finding, Level, Review, score_of
from infoview.coach.reader import (
    QUOTED_TEXT,
    Draft,
    live_text,
    mentions,
    read_draft,
    reading_grade,
    words,
)
from infoview.models import Contact, Outreach
from infoview.wording import fold

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
    "window": "A near-term window",
    "reading": "Plain to read",
    "job_ask": "Asks for advice, not a job",
    "attachment": "No attachments",
}

# The score from which the Ask page calls a draft "ready to send" (infoview.asks.score_verdict).
READY_SCORE = 85

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
PHONE_MINUTES = 20
IN_PERSON_MINUTES = 30


_PLEASANTRY = re.compile(
    r"^(i )?(hope|trust) (this|that|my|the|all|you|your)\b.{0,40}"
    r"(well|good|great|nice|going)"
)


def _empty(d: Draft) -> Finding:
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
        "call opportunity inquiry enquiry from me you talk can we could i work career "
        "careers advice question help job jobs some"
    )
)


def _subject(d: Draft) -> Finding:
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


def _length(d: Draft) -> Finding:
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
    if _JOB.search(live_text(sentence)):
        return False
    if _CONNECTION.search(sentence) or _YOU_SPECIFIC.search(sentence):
        return True
    return any(mentions(sentence, name) for name in d.them_names)


def _connection_first(d: Draft) -> Finding:
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


def _name(d: Draft) -> Finding | None:
    people = d.them_names[:2]
    if not people:
        return None
    text = f"{d.greeting}\n{d.message}"
    if any(mentions(text, name) for name in people):
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
    if folded and mentions(text, folded):
        return True
    key = _topic_words(topic)
    if not key:
        return False
    present = set(words(text))
    # Prefix match, so "transitions" in a topic finds "transition" in the draft.
    hits = sum(any(p.startswith(w[: max(4, len(w) - 2)]) for p in present) for w in key)
    return hits * 2 >= len(key)


# Reading the topic from the email: a phrase of learning ("talk about", "hear how",
# "curious whether", "your view on") and what follows it, or a question to them that is not
# the ask itself ("Which skills did you use most?"). A topic is specific when it says
# something beyond the generic words of careers: "how you made the switch" and "grant writing"
# are topics; "your work", "your career", "what you do" and "how you got there" are not.
_LEARN = re.compile(
    r"\b(learn|hear|ask|asks|asking|know|understand|talk|talking|chat|speak|discuss|tell me|"
    r"share|curious|wondering|wonder|wondered|advice|insights?|perspective|thoughts|views?|"
    r"tips|questions?|go (?:through|over)|interest(?:ed)?(?: in)?|fascinated by|call|"
    r"conversation|minutes)"
    r"(?:(?:\s+(?:to you|with you|you|me|more|a bit|a little|some|exactly|to))*\s+"
    r"(?P<near>is|the|your)|"
    r"(?:\s+[^\s.?!;]+){0,8}?\s+(?P<far>about|on|into|how|what|why|whether|which|who|where|"
    r"when|if|regarding))\s+"
    r"(?P<obj>[^.?!;]{1,100})"
)
_WH = {"how", "what", "why", "whether", "which", "who", "where", "when", "if"}
_TOPIC_QUESTION = re.compile(
    r"^(what|how|which|why|who|where|when|did you|do you|does|have you|has|were you|was it|"
    r"is it)\b"
)
_GENERIC_TOPIC = frozenset(
    words(
        "work works working worked career careers journey experience experiences path "
        "background story role roles job jobs company team organisation organization field "
        "industry trade sector area world life things thing everything anything stuff it this "
        "that these those what do does did doing done you your yours i me my mine we our us "
        "they them their the a an more some bit little general generally plans plan choices "
        "options future advice thoughts opportunities opportunity insight insights got get "
        "getting there here now then about of in on at for to with and or how why which "
        "whether who where when if is are was were be been being like so can could would "
        "might will have has had made make making into from academia business profession "
        "professional currently current today one become became up go going went also just "
        "really maybe time sometime next week minutes call chat talk hear learn know any "
        "anyone else other others people person there's it's what's you're you've you'd "
        "i'm i'd i've i'll doing things area areas interest interests passion general "
        "sometime soon please let help free available convenient suits suit meet meeting "
        "hour hours possible coffee lunch maybe"
    )
)


def _specific(obj: str, clause: bool) -> bool:
    content = [w for w in words(obj) if w not in _GENERIC_TOPIC and not w.isdigit()]
    return len(content) >= (1 if clause else 2)


def _email_topic(d: Draft) -> str | None:
    """Return the first specific topic the email names, or None."""
    for sentence in d.sentences:
        if _JOB.search(live_text(sentence)):
            continue  # a job ask is not a topic
        for m in _LEARN.finditer(sentence):
            # "what I know about Rust" is the writer's knowledge, not a question to them.
            if m.group(1) in {"know", "learn"} and re.search(
                r"\b(i|we|i've)\s+$", sentence[: m.start()]
            ):
                continue
            # "your talk on permits" is their talk, not a wish to talk
            if m.group(1) in {"talk", "chat", "call", "conversation"} and re.search(
                r"\b(your|his|her|their|the|that)\s+([\w-]+\s+)?$", sentence[: m.start()]
            ):
                continue
            link, obj = m.group("near") or m.group("far"), m.group("obj")
            if link in {"is", "the", "your"} or link in _WH:
                obj = f"{link} {obj}"
            for part in re.split(r",? \b(?:and|or|as well as)\b ", obj):
                part = part.strip()
                clause = part.split(" ")[0] in _WH
                if clause and re.match(r"\w+ (i|i'm|i've|my)\b", part):
                    continue  # "tell me if I'm good enough" is about the writer
                if _specific(part, clause):
                    return part
        asked = sentence.rstrip(" )\"'").endswith("?") and _TOPIC_QUESTION.match(sentence)
        if asked and not _ASK_WORDS.search(sentence) and _specific(sentence, True):
            return sentence
    return None


def _topical(d: Draft) -> bool:
    text = f"{d.subject}\n{d.message}"
    if any(_has_topic(t, text) for t in d.topics):
        return True
    return _email_topic(d) is not None


def _topics(d: Draft) -> Finding:
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
    if _email_topic(d) is not None:
        return Finding("topics", Level.OK, "You say what you would like to learn.")
    return Finding(
        "topics",
        Level.WARN,
        "It is not clear what you want to learn from them: “your work” or “your career” "
        "could be anyone's.",
        "Name one to three topics, e.g. how they moved into the field, or the skills they "
        "use most.",
    )


_PICK_BRAIN = re.compile(r"\bpick (your|ur) brains?\b")
_NETWORK = re.compile(
    r"\b(build|grow|expand|widen|broaden)(ing)? (my|our) (professional )?network\b|"
    r"\bnetworking (purposes|reasons)\b|\bto network\b|\badd you to my network\b|"
    r"\bnetwork with\b"
)
# Any request for their time: a call, a chat, coffee, minutes, hearing about their work.
_MEETING = re.compile(
    r"\b(call|calls|phone call|chat|talk|speak|meet|meeting|coffee|lunch|minutes|connect|"
    r"catch up|discuss)\b(?! me\b)|\b(your|some) time\b|\bhear (more|about|your)\b|"
    r"\blearn (more|about)\b|\btell me (more )?about\b|\b(your )?(advice|thoughts)\b"
)


def _vague(d: Draft) -> Finding:
    seen = []
    if _PICK_BRAIN.search(d.live):
        seen.append("“pick your brain”")
    if _NETWORK.search(d.live):
        seen.append("building your network")
    if not _topical(d) and _MEETING.search(d.live):
        seen.append("time together with no topic")
    if not seen:
        return Finding("vague", Level.OK, "No generic phrases: the ask reads as specific.")
    return Finding(
        "vague",
        Level.PROBLEM,
        f"Generic ask: {', '.join(seen)}. It gives a busy person no reason to say yes, "
        "however short the call.",
        "Replace it with what you want to know from them in particular.",
    )


_ASK_WORDS = re.compile(
    r"\b(would|could|can|might|may|will) (you|i|we)\b|\bare you\b|\bis there\b|\bdo you\b|"
    r"\b(would|could) it\b|\bwilling\b|\bopen to\b|\bany chance\b|\bhow about\b|"
    # A request that opens with its verb: "Would 15 minutes next week work?"
    r"^(would|could|can|may|might|will)\b"
)


def _question(d: Draft) -> Finding:
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


def _call_length(d: Draft) -> Finding:
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


def _offer_to_call(d: Draft) -> Finding | None:
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
    r"\bwhat (works|suits)\b|\byour schedule\b|\bcome to you\b|"
    r"\bnear (you|your)\b|\bflexible\b|\bany (time|day|place)\b"
)
_WEEKDAY = re.compile(r"\b(mon|tues|wednes|thurs|fri)days?\b")


_CLOCK = re.compile(r"\b\d{1,2}(:\d\d)?\s?(am|pm)\b|\b\d{1,2}:\d\d\b|\bnoon\b")
_NEAR_THEM = re.compile(r"\byour (office|neighbou?rhood|campus|building)\b|\bnear (you|your)\b")


def _flexibility(d: Draft) -> Finding | None:
    if not d.in_person:
        return None
    days = {m.group(1) for m in _WEEKDAY.finditer(d.message)}
    # "Near your office" leaves room, unless the email also fixes the hour.
    near = _NEAR_THEM.search(d.message) is not None and not _CLOCK.search(d.message)
    if _FLEXIBLE.search(d.message) or len(days) >= 2 or near:
        return Finding("flexibility", Level.OK, "You leave the time and place up to them.")
    return Finding(
        "flexibility",
        Level.WARN,
        "To meet in person you name no options and leave no room for their schedule.",
        "Offer a few times and places, and say you will fit in with whatever suits them.",
    )


_FIRST_PERSON = {"i", "me", "my", "mine", "myself", "i'm", "i've", "i'd", "i'll"}
_SECOND_PERSON = {"you", "your", "yours", "yourself", "you're", "you've", "you'd", "you'll"}


def _about_them(d: Draft) -> Finding:
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


# What counts as a job ask, whatever the verbs: a posting or opening, an application the writer
# made, a recruiter or hiring manager, passing the writer's name along for a role, taking the
# writer on, or a review of their résumé. Questions about the reader's own job ("your current
# role", "how you got your position") are not asks.
_JOB_NOUN = (
    r"(jobs?|positions?|roles?|posts?|vacanc(y|ies)|openings?|internships?|apprenticeships?|"
    r"traineeships?|training contracts?|graduate (scheme|programme|program)s?|postdocs?|"
    r"placements?|employment|paid work)"
)
_JOB_PATTERNS = [
    # "any openings", "open positions", "upcoming vacancies", "career opportunities"
    rf"(?<!your )(?<!their )(?<!his )(?<!her )\b(any|open|available|upcoming|future)"
    rf" (\w+ )?{_JOB_NOUN}\b",
    r"\b(job|career|employment|work) opportunit(y|ies)\b",
    r"\bvacanc(y|ies)\b",
    r"\b(postdoc|job|position|role|post) openings?\b|\bopenings? (at|in|on|for|with)\b",
    # a posting: "the analyst role your group advertised", "the post is still open"
    rf"\b{_JOB_NOUN}\b[^.?!;]{{0,40}}\b(advertised|posted|listed|is (still )?open|"
    r"are (still )?open|opening|available)\b",
    r"\b(advertised|posted|listed) (a |an |the )?(\w+ ){0,2}" + _JOB_NOUN + r"\b",
    # an application the writer made or is making
    r"\bi('ve| have)? (recently |just |already )?(applied|submitted|sent) (an? |my )?"
    r"(application|for|to)\b|\bi('ve| have)? (recently |just |already )?applied\b",
    r"\b(submitted|sent|sending|send) (in )?(an? |my )?application\b",
    r"\bmy (job )?application\b|\bhow (to|i can|i could|i should|do i) apply\b",
    rf"\b(apply|applying) (for|to) (a |an |the |your |this |that )?(\w+ ){{0,2}}({_JOB_NOUN}|"
    r"team|company|firm|lab|group|programmes?|programs?|agency|organi[sz]ation)\b",
    r"\bsend my (application|cv|resume|resume)\b|\bwho i should send\b",
    # recruiters and hiring
    r"\brecruiters?\b|\brecruitment team\b|\bgraduate recruitment\b",
    r"\bhiring (manager|partner|panel|team|committee|process)s?\b",
    r"\b(who(ever)?|anyone) (is|does the|handles the) hiring\b",
    r"\b(are|is|was) (you|your \w+|the \w+|they|it|\w+) (currently |still |now )?"
    r"(hiring|recruiting)\b",
    r"\b(is|are) (currently |still |now )?(hiring|recruiting)\b"
    r"(?! (volunteers|participants|families|members|donors|patients|for the study))",
    r"\b(is|are) (currently |still |now )?(hiring|recruiting) (\w+ )?(for|engineers|"
    r"graduates|staff|people|electricians|analysts)\b",
    r"\b(hires?|hiring|recruits?|recruiting|takes?|taking) (on )?(new |recent |more |junior )?"
    r"(graduates|grads|students|interns|apprentices|trainees|artists|illustrators|"
    r"people like me)\b",
    r"\b(hire|take on|consider|keep) me\b|\bme in mind\b|\b(be|get|being) hired\b",
    r"\btake (me|a student|students|an apprentice|a trainee) on\b",
    r"\b(a|an) " + _JOB_NOUN + r" (in|at|on|with) (your|the)\b",
    r"\b(looking|searching|hoping|seeking|look) (for )?(a |an )?(new |paid |full-time |"
    r"part-time )?" + _JOB_NOUN + r"\b",
    r"\b(find|land|get|secure) (a |an )?(new |paid )?(job|position|role|internship)\b",
    r"\bto (work|illustrate|write|design) for (you|your \w+)\b",
    # passing the writer's name along
    r"\brefer me\b|\brecommend me\b|\b(a |an )?(employee |job )?referral (for|to)\b",
    r"\bput in a (good )?word\b|\bsay a (good )?word\b",
    r"\b(pass|forward|send|give|mention|share)( along| on)? my (name|details|resume|cv|"
    r"application|profile|portfolio)\b",
    r"\bintroduce me to (the |your )?(hiring|recruit|head of|person who hires)",
    # a résumé or portfolio review
    r"\b(look at|look over|looked over|review|check|feedback on|critique|comments on|"
    r"read over) (my )?(resume|cv|cover letter|demo|portfolio|application)\b",
    r"\bjob (inquiry|enquiry|application|request|hunt|search)\b",
]
_JOB = re.compile("|".join(_JOB_PATTERNS))


def _job_ask(d: Draft) -> Finding:
    match = _JOB.search(d.live) or _JOB.search(live_text(d.subject))
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


_LINK = re.compile(r"\bmy (resume|cv|portfolio)\b[^.?!]{0,12}(\w+\.)+(com|org|net|io|me)\b")
_ATTACHMENT = re.compile(
    r"\battach\w*|\benclos\w*|\bplease find\b|\bhere is my (resume|cv)\b|"
    r"\b(here is|here's|including|include|included|sending|sent|share|sharing|linked)"
    r" (you )?my (resume|cv|portfolio)\b|\bmy (resume|cv|portfolio) (is|below|here)\b"
)


def _attachment(d: Draft) -> Finding:
    match = _ATTACHMENT.search(d.live) or _LINK.search(d.live)
    if not match:
        return Finding("attachment", Level.OK, "No attachment or résumé: nothing to open.")
    return Finding(
        "attachment",
        Level.WARN,
        f"“{match.group(0)}”: a résumé or attachment from a stranger looks like a job "
        "application, and may land in spam.",
        "Leave it out; share it later if they ask.",
    )


def _questions(d: Draft) -> Finding | None:
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


_HE_SHE = r"(he|she|his|her|him|hers)"
_REPORTED = re.compile(
    rf"\b(says|said|tells me|told me|mentioned|thinks|explained|wrote)( that)? {_HE_SHE}\b|"
    rf"\b(says|said|tells me|told me|mentioned)\b.{{0,60}}\b(with|and) {_HE_SHE}\b|"
    rf"\band that {_HE_SHE}\b"
)


def _third_person(d: Draft) -> Finding | None:
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


def _window(d: Draft) -> Finding | None:
    if _MEETING.search(d.live) is None:
        return None
    if _WINDOW.search(d.message):
        return Finding("window", Level.OK, "You name a near-term window for the call.")
    return Finding(
        "window",
        Level.TIP,
        "No time frame: “sometime” is easy to put off.",
        "Name a near window, e.g. “in the next two weeks”, and leave the exact time to them.",
    )


def _reading(d: Draft) -> Finding | None:
    if d.word_count < 20:
        return None
    grade = reading_grade(d.message)
    if grade <= MAX_GRADE:
        return Finding("reading", Level.OK, f"Plain to read (grade {grade:.0f}).")
    return Finding(
        "reading",
        Level.TIP,
        f"Reads at about grade {grade:.0f}: plainer emails get more replies.",
        "Split long sentences and swap long words for short ones.",
    )


def review_ask(
    subject: str, body: str, contact: Contact | None = None, ask: Outreach | None = None
) -> Review:
    """Review an outreach email and return its score and every rule's finding."""
    d = read_draft(subject or "", body or "", contact, ask)
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
            _third_person(d),
            _questions(d),
            _window(d),
            _reading(d),
            _job_ask(d),
            _attachment(d),
        ]
        findings = [f for f in candidates if f is not None]
    return Review(score=0 if not d.sentences else score_of(findings), findings=findings)
