"""The ask coach's rules on what the email asks for: named topics rather than a generic chat,
the ask put as a question, insight and advice rather than a job, no résumé attached.

Each rule takes the draft as infoview.coach.reader reads it and returns its Finding. JOB_ASK
(what reads as a request for a job) and MEETING (any request for their time) are shared with
the other rules and the after-the-ask reviews; ATTACHMENT and RESUME_LINK with the fixes.
"""

from __future__ import annotations

import re

from infoview.coach.findings import Check, Finding, Level
from infoview.coach.reader import Draft, live_text, mentions, words
from infoview.wording import fold

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
        if JOB_ASK.search(live_text(sentence)):
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


def topics(d: Draft) -> Finding:
    """Judge whether the email names what the writer wants to learn."""
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
MEETING = re.compile(
    r"\b(call|calls|phone call|chat|talk|speak|meet|meeting|coffee|lunch|minutes|connect|"
    r"catch up|discuss)\b(?! me\b)|\b(your|some) time\b|\bhear (more|about|your)\b|"
    r"\blearn (more|about)\b|\btell me (more )?about\b|\b(your )?(advice|thoughts)\b"
)


_SPECIFIC_ASK = Check(
    "vague",
    "No generic phrases: the ask reads as specific.",
    Level.PROBLEM,
    "Generic ask: {seen}. It gives a busy person no reason to say yes, however short the call.",
    "Replace it with what you want to know from them in particular.",
)


def vague(d: Draft) -> Finding:
    """Flag a generic ask: picking brains, networking, or time with no topic."""
    seen = []
    if _PICK_BRAIN.search(d.live):
        seen.append("“pick your brain”")
    if _NETWORK.search(d.live):
        seen.append("building your network")
    if not _topical(d) and MEETING.search(d.live):
        seen.append("time together with no topic")
    return _SPECIFIC_ASK.judge(not seen, seen=", ".join(seen))


_ASK_WORDS = re.compile(
    r"\b(would|could|can|might|may|will) (you|i|we)\b|\bare you\b|\bis there\b|\bdo you\b|"
    r"\b(would|could) it\b|\bwilling\b|\bopen to\b|\bany chance\b|\bhow about\b|"
    # A request that opens with its verb: "Would 15 minutes next week work?"
    r"^(would|could|can|may|might|will)\b"
)


def question(d: Draft) -> Finding:
    """Judge whether the ask itself is a question they can answer yes to."""
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
JOB_ASK = re.compile("|".join(_JOB_PATTERNS))


_NO_JOB_ASK = Check(
    "job_ask",
    "You ask for insight and advice, not a job.",
    Level.PROBLEM,
    "“{seen}” reads as a request for a job or a referral, which puts a stranger on the spot.",
    "Ask for their insight and advice instead; opportunities come later from a good conversation.",
)


def job_ask(d: Draft) -> Finding:
    """Flag a request for a job, a referral or a résumé review."""
    match = JOB_ASK.search(d.live) or JOB_ASK.search(live_text(d.subject))
    return _NO_JOB_ASK.judge(match is None, seen=match.group(0) if match else "")


RESUME_LINK = re.compile(r"\bmy (resume|cv|portfolio)\b[^.?!]{0,12}(\w+\.)+(com|org|net|io|me)\b")
ATTACHMENT = re.compile(
    r"\battach\w*|\benclos\w*|\bplease find\b|\bhere is my (resume|cv)\b|"
    r"\b(here is|here's|including|include|included|sending|sent|share|sharing|linked)"
    r" (you )?my (resume|cv|portfolio)\b|\bmy (resume|cv|portfolio) (is|below|here)\b"
)


_NO_ATTACHMENT = Check(
    "attachment",
    "No attachment or résumé: nothing to open.",
    Level.WARN,
    "“{seen}”: a résumé or attachment from a stranger looks like a job application, and may "
    "land in spam.",
    "Leave it out; share it later if they ask.",
)


def attachment(d: Draft) -> Finding:
    """Flag an attached or linked résumé, CV or portfolio."""
    match = ATTACHMENT.search(d.live) or RESUME_LINK.search(d.live)
    return _NO_ATTACHMENT.judge(match is None, seen=match.group(0) if match else "")
