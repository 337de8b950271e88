"""Your story: reflection prompts, what you can offer, and the 30-second introduction."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from infoview.coach.findings import Check, Finding, Level
from infoview.coach.reader import live_text
from infoview.models import Profile
from infoview.wording import counted
from infoview.writing import and_join, first_sentence, lower_first, render, with_article

SPEAKING_WPM = 150
INTRO_MAX_WORDS = 80
INTRO_MIN_WORDS = 25


@dataclass(frozen=True)
class ReflectionPart:
    """One part of the story: the Profile field it fills, prompts to think with, an example."""

    key: str
    label: str
    prompts: tuple[str, ...]
    example: str


REFLECTION_PARTS: tuple[ReflectionPart, ...] = (
    ReflectionPart(
        "past",
        "Where I've been",
        (
            "What have you studied or worked on so far, and for how long?",
            "Which moment or project made you proud, or made you rethink your direction?",
            "What did you keep being asked to help with?",
        ),
        "I spent five years in a marine biology lab, where I ended up organising our field "
        "trips and training every new student.",
    ),
    ReflectionPart(
        "present",
        "Where I am now",
        (
            "What does a normal week look like for you right now?",
            "Which parts of it give you energy, and which drain it?",
            "What are you learning or testing on the side?",
        ),
        "I'm finishing my PhD and taking an evening course in data visualisation; the weeks I "
        "enjoy most are the ones spent explaining results to people outside the lab.",
    ),
    ReflectionPart(
        "future",
        "Where I'm heading",
        (
            "What kind of work do you picture yourself doing in two or three years?",
            "What would you like more of, and less of, in that work?",
            "What do you still need to find out before you decide?",
        ),
        "I want to move into science communication for a museum or a nonprofit, where research "
        "reaches the public.",
    ),
)

GOALS_PART = ReflectionPart(
    "goals",
    "Goals and aspirations",
    (
        "What would you like to have achieved a year from now?",
        "What matters most to you in your next role: the mission, the people, the pace, the pay?",
        "What is one question only an insider could answer for you?",
    ),
    "Within a year I'd like to have published two pieces for a general audience and to "
    "understand how museum education teams hire.",
)

FIELDS_PART = ReflectionPart(
    "fields",
    "Fields and roles I'm exploring",
    (
        "Which fields or job titles keep catching your eye?",
        "Who has a job you would like to try for a week?",
        "Is there a field far from yours that you are curious about?",
    ),
    "science communication; museum education; data journalism",
)


@dataclass(frozen=True)
class SkillExample:
    """A skill from one world and how it reads in another."""

    skill: str
    translation: str


SKILL_PROMPTS: tuple[str, ...] = (
    "List what you do well, in your own words, even if it feels ordinary where you are now.",
    "For each skill, write how someone in your target field would describe it.",
    "Think of a concrete example you could mention in a conversation.",
)

SKILL_EXAMPLES: tuple[SkillExample, ...] = (
    SkillExample("Running a lab", "Project management: budgets, timelines, people and supplies"),
    SkillExample("Teaching a course", "Training and presenting to mixed audiences"),
    SkillExample("Writing grant proposals", "Persuasive writing and fundraising"),
    SkillExample("Mentoring new students", "Onboarding and people management"),
    SkillExample("Analysing experimental data", "Data analysis and evidence-based decisions"),
    SkillExample("Peer reviewing papers", "Quality control and giving constructive feedback"),
    SkillExample("Organising a conference", "Event planning and stakeholder management"),
    SkillExample("Nursing shifts on a busy ward", "Working calmly under pressure and triage"),
)


@dataclass(frozen=True)
class OfferIdea:
    """A concrete way to be useful to a contact, with a prompt and an example."""

    key: str
    label: str
    prompt: str
    example: str


OFFER_IDEAS: tuple[OfferIdea, ...] = (
    OfferIdea(
        "share",
        "Share research or a resource",
        "Which article, dataset, tool or event have you found that others in the field might "
        "not know about?",
        "Send my summary of recent studies on urban heat islands",
    ),
    OfferIdea(
        "introduce",
        "Introduce someone",
        "Who in your circle would be glad to meet people in their line of work?",
        "Introduce them to my department's career officer",
    ),
    OfferIdea(
        "feedback",
        "Feedback from where you stand",
        "What can you see that they can't: a student's view, a user's view, another field's?",
        "Give a graduate student's view on their internship programme",
    ),
    OfferIdea(
        "volunteer",
        "Volunteer for an event",
        "Could you help with a talk, a workshop, a panel or an outreach day?",
        "Help run the registration desk at their spring workshop",
    ),
    OfferIdea(
        "skills",
        "Lend a skill",
        "Is there something you do quickly that would take them hours?",
        "Proofread a Spanish version of their newsletter",
    ),
)


_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


def word_count(text: str) -> int:
    """Count the words in text ("don't" and "15-minute" are one word each)."""
    return len(_WORD.findall(text or ""))


def speaking_seconds(text: str, wpm: int = SPEAKING_WPM) -> int:
    """Return roughly how many seconds text takes to say aloud at ``wpm`` words a minute."""
    if wpm <= 0:
        raise ValueError("words per minute must be positive")
    return round(word_count(text) * 60 / wpm)


def _goal_sentence(goals: str) -> str:
    """Return the first goal as a sentence that reads aloud ("Land a role" -> "My goal: ...")."""
    sentence = first_sentence(goals)
    if not sentence or re.match(
        r"(i|i'm|i’m|my|we|within|in|by|over|this|next)\b", sentence, re.IGNORECASE
    ):
        return sentence
    return f"My goal: {lower_first(sentence)}"


def default_intro(profile: Profile) -> str:
    """Render the 30-second introduction from the profile; "" when there is nothing to say."""
    fields = and_join(lower_first(f) for f in profile.fields)
    text = render(
        "intro.txt.j2",
        my_name=" ".join(profile.name.split()),
        role=with_article(profile.current_role),
        past=first_sentence(profile.past),
        present=first_sentence(profile.present),
        future=first_sentence(profile.future),
        goals=_goal_sentence(profile.goals),
        fields=fields,
        fields_or=and_join((lower_first(f) for f in profile.fields), "or"),
    )
    sentences = re.split(r"(?<=[.!?])\s+", " ".join(text.split()))
    # Within the 30 seconds: drop whole middle sentences, keeping the greeting and the close.
    while word_count(" ".join(sentences)) > INTRO_MAX_WORDS and len(sentences) > 2:
        del sentences[-2]
    return " ".join(s for s in sentences if s)


_PAST_CUES = (
    r"\bi (spent|studied|trained|worked|was|did|ran|led|taught|started|grew up|graduated|"
    r"earned|completed|began|came|moved|have been|'ve been)\b|\b(after|before|background|"
    r"previously|originally|ago|used to)\b|\bfor (\w+ ){0,2}years\b|\d+ years\b|"
    r"\byears (of|in|at|as)\b"
)
_FUTURE_CUES = (
    r"\b(exploring|explore|moving into|move into|transition|heading|next|hope|hoping|want to|"
    r"would like|i'd like|looking to|looking for|aim|aiming|plan|planning|pivot|switch|"
    r"future|curious about|interested in|goal|goals|aspire|dream|i want|i'd love|i hope)\b"
)
_WHY_CUES = (
    r"\b(someone like you|people like you|people who|someone who|your (experience|perspective|"
    r"advice|insight|path|work|view)|which is why|that's why|that is why|that’s why|"
    r"because you|learn from|why i'm|why i am|from the inside|first-hand|firsthand)\b"
)


def _echoes(text: str, reflection: str) -> bool:
    """Say whether text retells the first sentence of a reflection (most of its long words)."""
    long_words = {w for w in re.findall(r"[^\W_]{4,}", first_sentence(reflection).casefold())}
    if len(long_words) < 3:
        return False
    said = set(re.findall(r"[^\W_]{4,}", text))
    return len(long_words & said) * 2 >= len(long_words)


def _mentions(text: str, phrases: list[str]) -> bool:
    lowered = text.casefold()
    return any(p.casefold().strip() and p.casefold().strip() in lowered for p in phrases)


# Framing the story as a hunt for any job puts the listener on the spot and hides where you
# are heading; a negative word about your current field makes them wonder what you would say
# about theirs. Both read the text with negated clauses and quotations taken out
# ("I'm not looking for just any job" is fine).
_JOB_SEEKING = re.compile(
    r"\bany (job|work|role|position|field)\b|\bjust any\b|"
    r"\b(need|needs|needed|want|wanted) (a |some |any )?(new |paid )?(job|work|money|income)\b|"
    r"\bdesperate(ly)?\b|\bjob[- ]?(hunting|hunt|search|searching)\b|"
    r"\b(looking|searching|applying) (for )?(a |any )?(new )?(job|work)\b|\btake anything\b|"
    r"\bapplying everywhere\b|\bapplied (to|for) (over |more than )?(\d+|a hundred|hundreds|"
    r"dozens)\b|\bnot picky\b|\bwill hire me\b|\b(i'd|i would|i'll) apply\b|"
    r"\bopenings\b|\bunemployed\b|\bbills to pay\b|\brunning out of options\b|"
    r"\bfind (something|anything) else\b|\banything in \w+ or \w+\b|"
    r"\bhear of (something|anything)\b"
)
_NEGATIVE = re.compile(
    r"\b(hate|hated|hates|sick of|tired of|fed up|burned out|burnt out|toxic|dead[- ]end|"
    r"boring|miserable|can't stand|cannot stand|awful|terrible|pointless|fake|greedy|dying|"
    r"no future|wasted|waste of|exploits?|exploited|done with|want out|get away from|"
    r"way out of|need to get out|nobody replies|don't care|doesn't care|useless|soul-crushing|"
    r"hopeless|stuck in)\b"
)
# Negative phrases that carry their own "no" or "n't", so negation scope must not hide them.
_NEGATIVE_NOT = re.compile(
    r"\b(no future|no point|not worth it|can't stand|cannot stand|don't care|doesn't care|"
    r"nobody (replies|cares|answers))\b"
)
_REPEAT_STOP = frozenset(
    "i i'm i've i'd me my a an the and or of to in on at for with as is am are was be been "  # noqa: SIM905
    "that this it what who which because so but from by about into you your".split()
)


def _repetition(lowered: str) -> str:
    """Return a phrase said twice (three words running) or a word said three times, or ""."""
    words = _WORD.findall(lowered)
    grams: dict[tuple[str, ...], int] = {}
    for i in range(len(words) - 2):
        gram = tuple(words[i : i + 3])
        content = [w for w in gram if w not in _REPEAT_STOP]
        if len(content) >= 2 or any(len(w) >= 6 for w in content):
            grams[gram] = grams.get(gram, 0) + 1
            if grams[gram] >= 2:
                return " ".join(gram)
    counts: dict[str, int] = {}
    for w in words:
        if len(w) >= 5 and w not in _REPEAT_STOP:
            counts[w] = counts.get(w, 0) + 1
            if counts[w] >= 3:
                return w
    return ""


def _framing_findings(lowered: str) -> list[Finding]:
    live = live_text(lowered)  # the ask coach's negation and quotation scope
    findings = []
    job = _JOB_SEEKING.search(live)
    if job:
        findings.append(
            Finding(
                "job_seeking",
                "warn",
                f"“{job.group(0)}” frames your story as a search for any job, which puts the "
                "listener on the spot and hides where you are heading.",
                "Lead with curiosity and direction: the field or problem you are drawn to and "
                "what you want to understand about it, e.g. “I'm exploring health data work "
                "and want to learn how analysts there spend their days.”",
            )
        )
    negative = _NEGATIVE.search(live) or _NEGATIVE_NOT.search(lowered)
    if negative:
        findings.append(
            Finding(
                "negative",
                "warn",
                f"“{negative.group(0)}” sounds negative about where you are now; listeners "
                "wonder what you would say about their field.",
                "Say what you are moving toward and what you take with you, e.g. “Teaching "
                "taught me to explain hard ideas; now I want to use that in …”.",
            )
        )
    repeated = _repetition(lowered)
    if repeated:
        findings.append(
            Finding(
                "repetition",
                "warn",
                f"“{repeated}” comes back more than once: thirty seconds has no room to say "
                "a thing twice.",
                "Say each part once: where you come from, where you are heading, why them.",
            )
        )
    return findings


_WHERE_FROM = Check(
    "where_from",
    "You say where you come from.",
    Level.TIP,
    "It doesn't say where you come from.",
    "Add one sentence on your background, e.g. what you studied or did before.",
)
_HEADING = Check(
    "heading",
    "You say where you are heading.",
    Level.WARN,
    "It doesn't say where you are heading.",
    "Name the field or role you are exploring, so they know how to help.",
)
_WHY_THEM = Check(
    "why_them",
    "You explain why you are talking to someone like them.",
    Level.TIP,
    "It doesn't say why you want to talk to someone in their position.",
    "End with why their view matters, e.g. \"That's why I'd value the view of someone who made "
    'this move."',
)


def review_intro(text: str, profile: Profile) -> list[Finding]:
    """Coach a 30-second introduction: length, where from, where heading, and why them."""
    words = word_count(text)
    lowered = " ".join(text.casefold().replace("’", "'").split())
    seconds = speaking_seconds(text)
    findings: list[Finding] = []

    if words > INTRO_MAX_WORDS:
        findings.append(
            Finding(
                "length",
                Level.WARN,
                f"{words} words takes about {seconds} seconds to say: past the 30-second mark.",
                f"Cut to {INTRO_MAX_WORDS} words or fewer: keep one sentence per part.",
            )
        )
    elif words < INTRO_MIN_WORDS:
        findings.append(
            Finding(
                "length",
                Level.WARN if words < 10 else Level.TIP,
                f"{counted(words, 'word')} is too short to tell your story.",
                "Add a sentence on where you come from and one on where you are heading.",
            )
        )
    else:
        findings.append(
            Finding(
                "length", Level.OK, f"{words} words, about {seconds} seconds aloud: just right."
            )
        )

    past_hit = (
        re.search(_PAST_CUES, lowered)
        or _mentions(lowered, [*profile.schools])
        or _echoes(lowered, profile.past)
    )
    findings.append(_WHERE_FROM.judge(bool(past_hit)))

    framing = _framing_findings(lowered)
    # "Looking for a job, any job" is no direction: job-seeking words do not count as heading.
    heading_text = _JOB_SEEKING.sub(" ", lowered)
    heading_hit = (
        re.search(_FUTURE_CUES, heading_text)
        or _mentions(lowered, list(profile.fields))
        or _echoes(lowered, profile.future)
    )
    findings.append(_HEADING.judge(bool(heading_hit)))
    findings.append(_WHY_THEM.judge(re.search(_WHY_CUES, lowered) is not None))
    return findings + framing


def story_progress(profile: Profile) -> list[tuple[str, bool]]:
    """Return each part of the story with whether it is filled in."""
    return [
        ("About me", bool(profile.name.strip())),
        ("Where I've been", bool(profile.past.strip())),
        ("Where I am now", bool(profile.present.strip() or profile.current_role.strip())),
        ("Where I'm heading", bool(profile.future.strip())),
        ("Goals", bool(profile.goals.strip())),
        ("Fields I'm exploring", bool(profile.fields)),
        ("Skills and their translation", any(s.translation.strip() for s in profile.skills)),
        ("What I can offer", bool(profile.offers)),
        ("30-second introduction", bool(profile.intro.strip())),
    ]


def story_fraction(profile: Profile) -> float:
    """Return the share of story parts filled in, from 0.0 to 1.0."""
    parts = story_progress(profile)
    return sum(done for _, done in parts) / len(parts)


_STOPWORDS = frozenset({"and", "or", "of", "the", "a", "an", "in", "for", "to", "on", "at", "with"})


def _field_tokens(text: str) -> set[str]:
    tokens = set()
    for word in re.findall(r"[^\W_]+", text.casefold()):
        if word in _STOPWORDS or len(word) < 2:
            continue
        # Fold simple plurals so "policy" and "policies" count as the same field.
        if len(word) > 4 and word.endswith("ies"):
            word = word[:-3] + "y"
        elif len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        tokens.add(word)
    return tokens


def suggest_outside_field(contact_field: str, profile_fields: list[str]) -> bool:
    """Say whether a contact's field shares no words with any field the user explores."""
    theirs = _field_tokens(contact_field or "")
    mine = set().union(*(_field_tokens(f) for f in profile_fields)) if profile_fields else set()
    if not theirs or not mine:
        return False
    return not (theirs & mine)


def intro_minutes_label(text: str) -> str:
    """Return a short label like "62 words · about 25 seconds" for the page."""
    words = word_count(text)
    seconds = speaking_seconds(text)
    if seconds >= 90:
        spoken = f"about {math.ceil(seconds / 60)} minutes"
    else:
        spoken = f"about {seconds} seconds"
    return f"{counted(words, 'word')} · {spoken}"
