"""The question bank and the planner that fits chosen questions into a call's minutes."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from infoview.content import question_bank_file
from infoview.models import CallPlan, Outreach, PlanItem, Sector
from infoview.wording import counted, fold

TYPICAL_DAY = "typical day"
SKILLS = "skills used most"
REWARDING = "most rewarding"
CHALLENGING = "most challenging"
JOURNEY = "career journey"
WHO_ELSE = "who else to talk to"
TRENDS = "trends"
INSIGHTS = "insights"
ADVICE = "advice"
RESOURCES = "resources"
ASSIGNMENTS = "assignments"

CATEGORIES: tuple[str, ...] = (
    TYPICAL_DAY,
    SKILLS,
    REWARDING,
    CHALLENGING,
    JOURNEY,
    TRENDS,
    INSIGHTS,
    ADVICE,
    RESOURCES,
    ASSIGNMENTS,
    WHO_ELSE,
)
CATEGORY_LABELS: dict[str, str] = {c: c[0].upper() + c[1:] for c in CATEGORIES}

ALL_SECTORS: frozenset[str] = frozenset(s.value for s in Sector)
REFERRAL_ID = "referral"


@dataclass(frozen=True)
class Question:
    """One question from the bank: a stable id, its wording, kind, length and sectors."""

    id: str
    text: str
    category: str
    minutes: float
    sectors: frozenset[str] = ALL_SECTORS


def _load_bank() -> tuple[Question, ...]:
    """Read the bank from ``infoview/data/question_bank.toml``, refusing unknown categories."""
    bank = []
    for entry in question_bank_file().questions:
        if entry.category not in CATEGORIES:
            raise ValueError(f"question {entry.id!r}: unknown category {entry.category!r}")
        sectors = frozenset(s.value for s in entry.sectors) or ALL_SECTORS
        bank.append(Question(entry.id, entry.text, entry.category, entry.minutes, sectors))
    if REFERRAL_ID not in {q.id for q in bank}:
        raise ValueError(f"the question bank needs the {REFERRAL_ID!r} question")
    return tuple(bank)


QUESTION_BANK: tuple[Question, ...] = _load_bank()

QUESTIONS_BY_ID: dict[str, Question] = {q.id: q for q in QUESTION_BANK}
REFERRAL: Question = QUESTIONS_BY_ID[REFERRAL_ID]

# What each kind is worth in a short call: the planner suggests dropping low values first.
CATEGORY_VALUE: dict[str, int] = {
    TYPICAL_DAY: 4,
    SKILLS: 4,
    JOURNEY: 4,
    ADVICE: 4,
    REWARDING: 3,
    CHALLENGING: 3,
    INSIGHTS: 3,
    TRENDS: 2,
    RESOURCES: 2,
    ASSIGNMENTS: 2,
    WHO_ELSE: 9,
}
# A question the user wrote themselves is what they most want answered.
CUSTOM_VALUE = 5


def search_questions(
    query: str = "", category: str | None = None, sector: str | None = None
) -> list[Question]:
    """Return bank questions matching every word of the query, the category and the sector."""
    words = fold(query).split()
    found = []
    for question in QUESTION_BANK:
        if category and question.category != category:
            continue
        if sector and str(sector) not in question.sectors:
            continue
        haystack = fold(f"{question.text} {question.category}")
        if all(word in haystack for word in words):
            found.append(question)
    return found


def question_by_id(question_id: str | None) -> Question | None:
    """Return the bank question with this id, or None for custom or unknown ids."""
    return QUESTIONS_BY_ID.get(question_id or "")


def to_item(question: Question) -> PlanItem:
    """Turn a bank question into a plan item."""
    return PlanItem(question_id=question.id, text=question.text, minutes=question.minutes)


def is_referral(item: PlanItem) -> bool:
    """Tell whether a plan item is the who-else-to-talk-to question."""
    return item.question_id == REFERRAL_ID


def has_referral(items: Sequence[PlanItem]) -> bool:
    """Tell whether the plan asks who else to talk to."""
    return any(is_referral(item) for item in items)


def item_value(item: PlanItem) -> int:
    """Return how much an item is worth keeping when time runs short."""
    question = question_by_id(item.question_id)
    return CATEGORY_VALUE.get(question.category, 3) if question else CUSTOM_VALUE


# ---------------------------------------------------------------- editing a plan


def ensure_referral_last(items: Sequence[PlanItem], referral_removed: bool) -> list[PlanItem]:
    """Put the referral question last (adding it if missing) unless the user removed it."""
    if referral_removed:
        return list(items)
    others = [item for item in items if not is_referral(item)]
    kept = [item for item in items if is_referral(item)]
    return [*others, kept[-1] if kept else to_item(REFERRAL)]


def add_question(plan_items: Sequence[PlanItem], question: Question | PlanItem) -> list[PlanItem]:
    """Add a bank or custom question, before the referral question; skip bank duplicates."""
    item = to_item(question) if isinstance(question, Question) else question
    items = list(plan_items)
    if item.question_id and any(i.question_id == item.question_id for i in items):
        return items
    if not is_referral(item) and items and is_referral(items[-1]):
        return [*items[:-1], item, items[-1]]
    return [*items, item]


def move(items: Sequence[PlanItem], index: int, delta: int) -> list[PlanItem]:
    """Move one item up (negative delta) or down, stopping at either end."""
    moved = list(items)
    if not 0 <= index < len(moved):
        raise IndexError(f"no question at position {index}")
    target = min(max(index + delta, 0), len(moved) - 1)
    moved.insert(target, moved.pop(index))
    return moved


def remove(items: Sequence[PlanItem], index: int) -> list[PlanItem]:
    """Remove the item at a position."""
    if not 0 <= index < len(items):
        raise IndexError(f"no question at position {index}")
    return [item for i, item in enumerate(items) if i != index]


# ---------------------------------------------------------------- fitting the time

# Shares of the call kept for hellos, the user's 30-second introduction and the wrap-up,
# bounded so a 5-minute call still has room for questions and a 3-hour visit is not all
# small talk. Each part is rounded to the nearest half minute.
HELLO_SHARE, HELLO_MIN, HELLO_MAX = 0.07, 0.5, 10.0
INTRO_SHARE, INTRO_MIN, INTRO_MAX = 0.05, 0.5, 5.0
WRAP_UP_SHARE, WRAP_UP_MIN, WRAP_UP_MAX = 0.12, 1.0, 10.0
MAX_CALL_MINUTES = 180
# A starter plan for a long meeting asks a handful of questions and gives each more time
# (up to STRETCH_MAX times its estimate) rather than piling on dozens of questions.
DEFAULT_MAX_QUESTIONS = 10
STRETCH_MAX = 3.0


def _half(minutes: float) -> float:
    return math.floor(minutes * 2 + 0.5) / 2


def _part(call_minutes: int, share: float, low: float, high: float) -> float:
    return min(max(_half(call_minutes * share), low), high)


@dataclass(frozen=True)
class Reserve:
    """Minutes set aside around the questions."""

    hello: float
    intro: float
    wrap_up: float

    @property
    def total(self) -> float:
        """Return all reserved minutes."""
        return self.hello + self.intro + self.wrap_up


def reserve_for(call_minutes: int) -> Reserve:
    """Return the minutes kept for hellos, introduction and wrap-up in a call this long."""
    return Reserve(
        hello=_part(call_minutes, HELLO_SHARE, HELLO_MIN, HELLO_MAX),
        intro=_part(call_minutes, INTRO_SHARE, INTRO_MIN, INTRO_MAX),
        wrap_up=_part(call_minutes, WRAP_UP_SHARE, WRAP_UP_MIN, WRAP_UP_MAX),
    )


@dataclass(frozen=True)
class PlanFit:
    """A plan laid out on the clock: order, start marks, totals and what to drop."""

    items: tuple[PlanItem, ...]
    marks: tuple[float, ...]
    call_minutes: int
    reserve: Reserve
    intro_mark: float
    wrap_up_mark: float
    question_minutes: float
    question_budget: float
    used_minutes: float
    available_minutes: float
    over_by: float
    spare_minutes: float
    warning: str | None
    suggest_drops: tuple[int, ...]
    duplicates: tuple[tuple[int, int], ...] = ()  # pairs that ask the same thing

    @property
    def fits(self) -> bool:
        """Tell whether the plan fits the call."""
        return self.over_by == 0


def _fmt(minutes: float) -> str:
    return f"{minutes:g}"


def format_mark(minutes: float) -> str:
    """Format a start minute as hours and minutes, e.g. 2.5 -> "0:03", 95 -> "1:35"."""
    whole = math.floor(minutes + 0.5)
    return f"{whole // 60}:{whole % 60:02d}"


# --- how close a question is to why the user wants this call, and near-duplicates ---------

_PLAN_STOP = frozenset(
    "what which when where while would could should about your yours their there these those "  # noqa: SIM905
    "that this with from have does into more most some than then they them were been being "
    "like much many other also just very what's you're how's it's tell anything something "
    "someone people person thing things work working".split()
)
# Questions that ask for the same thing in other words: the intent each word points to.
_INTENTS: dict[str, tuple[str, ...]] = {
    "day-to-day": (
        "typical",
        "workday",
        "daily",
        "routine",
        "week",
        "weekly",
        "day-to-day",
        "ordinary",
        "usual",
    ),
    "rewarding": ("rewarding", "enjoy", "favourite", "favorite", "satisfying"),
    "challenging": ("challenging", "hardest", "difficult", "frustrating", "toughest"),
    "advice": ("advice", "wish you had known", "starting over", "if you were starting"),
    "trends": ("trends", "trend", "changing", "five years", "ten years"),
}


def _intent(text: str) -> str | None:
    tokens = re.findall(r"[a-z][a-z'-]*", fold(text))
    folded = " " + " ".join(tokens) + " "
    found = {name for name, cues in _INTENTS.items() if any(f" {cue} " in folded for cue in cues)}
    return found.pop() if len(found) == 1 else None


def _stems(text: str) -> set[str]:
    words = re.findall(r"[a-z][a-z'-]+", fold(text))
    return {w[:5] for w in words if len(w) >= 4 and w not in _PLAN_STOP}


def relatedness(item: PlanItem, focus: str) -> int:
    """Return how many words an item shares with the focus (reason and topics), by stem."""
    return len(_stems(item.text) & _stems(focus)) if focus.strip() else 0


def near_duplicates(items: Sequence[PlanItem]) -> tuple[tuple[int, int], ...]:
    """Return pairs of questions that ask the same thing: the same wording or the same intent.

    "What does a typical workday look like?" and "How is your week usually split?" both ask
    about the day-to-day; the referral question is never a duplicate.
    """
    pairs = []
    for a in range(len(items)):
        for b in range(a + 1, len(items)):
            x, y = items[a], items[b]
            if is_referral(x) or is_referral(y):
                continue
            sx, sy = _stems(x.text), _stems(y.text)
            shared = len(sx & sy)
            overlap = shared / max(1, min(len(sx), len(sy))) if shared >= 3 else 0.0
            same_intent = _intent(x.text) is not None and _intent(x.text) == _intent(y.text)
            if (
                (x.question_id and x.question_id == y.question_id)
                or overlap >= 0.6
                or (same_intent)
            ):
                pairs.append((a, b))
    return tuple(pairs)


def _drops(items: Sequence[PlanItem], over_by: float, focus: str = "") -> tuple[int, ...]:
    """Pick the questions to drop: least related to the focus first, then low value, long."""
    candidates = sorted(
        (i for i, item in enumerate(items) if not is_referral(item)),
        key=lambda i: (
            relatedness(items[i], focus),
            item_value(items[i]),
            -items[i].minutes,
            -i,
        ),
    )
    chosen: list[int] = []
    freed = 0.0
    for i in candidates:
        if freed >= over_by:
            break
        chosen.append(i)
        freed += items[i].minutes
    # Put back any drop the others already cover, the most related and valuable first.
    for i in sorted(
        chosen,
        key=lambda i: (-relatedness(items[i], focus), -item_value(items[i]), items[i].minutes),
    ):
        if freed - items[i].minutes >= over_by:
            chosen.remove(i)
            freed -= items[i].minutes
    return tuple(sorted(chosen))


def plan_call(
    items: Sequence[PlanItem],
    call_minutes: int,
    referral_removed: bool = False,
    focus: str = "",
) -> PlanFit:
    """Lay the questions out on the call's clock and say whether, and how, they fit.

    focus is what the user wants from this contact (their reason and topics): when the plan
    runs over, the questions least related to it are suggested for dropping first.
    """
    if not 1 <= call_minutes <= MAX_CALL_MINUTES:
        raise ValueError(f"a call lasts 1 to {MAX_CALL_MINUTES} minutes")
    ordered = tuple(ensure_referral_last(items, referral_removed))
    reserve = reserve_for(call_minutes)
    clock = reserve.hello + reserve.intro
    marks = []
    for item in ordered:
        marks.append(clock)
        clock += item.minutes
    question_minutes = clock - reserve.hello - reserve.intro
    used = clock + reserve.wrap_up
    over_by = max(used - call_minutes, 0.0)
    drops = _drops(ordered, over_by, focus) if over_by else ()
    warning = None
    if over_by:
        warning = (
            f"This plan needs about {_fmt(used)} minutes, {_fmt(over_by)} more than the "
            f"{call_minutes} you have. "
            + (
                f"Dropping {counted(len(drops), 'question')} would make it fit."
                if sum(ordered[i].minutes for i in drops) >= over_by
                else "Ask for a longer call or shorten your questions."
            )
        )
    return PlanFit(
        items=ordered,
        marks=tuple(marks),
        call_minutes=call_minutes,
        reserve=reserve,
        intro_mark=reserve.hello,
        wrap_up_mark=clock,
        question_minutes=question_minutes,
        question_budget=call_minutes - reserve.total,
        used_minutes=used,
        available_minutes=float(call_minutes),
        over_by=over_by,
        spare_minutes=max(call_minutes - used, 0.0),
        warning=warning,
        suggest_drops=drops,
        duplicates=near_duplicates(ordered),
    )


# The order a good starter plan follows: warm up, go deeper, then ask for help.
STARTER_ORDER: tuple[str, ...] = (
    "typical-day",
    "journey",
    "skills-most",
    "advice-start",
    "rewarding",
    "challenging",
    "journey-leaving-academia",
    "typical-semester",
    "insights-altac",
    "insights-public-hiring",
    "insights-mission",
    "trends-next",
    "skills-gap",
    "insights-hiring",
    "resources-groups",
    "assignments-try",
)


def default_plan(sector: str | Sector, call_minutes: int) -> list[PlanItem]:
    """Return a starter set of questions for this sector that fits the call, referral last."""
    budget = call_minutes - reserve_for(call_minutes).total - REFERRAL.minutes
    chosen: list[PlanItem] = []
    for qid in STARTER_ORDER:
        question = QUESTIONS_BY_ID[qid]
        if str(sector) not in question.sectors or question.minutes > budget:
            continue
        chosen.append(to_item(question))
        budget -= question.minutes
        if len(chosen) == DEFAULT_MAX_QUESTIONS:
            break
    used = sum(item.minutes for item in chosen)
    stretch = min((used + budget) / used, STRETCH_MAX) if used else 1.0
    if stretch > 1:
        # Round down to half minutes so the stretched plan still fits.
        chosen = [
            item.model_copy(update={"minutes": math.floor(item.minutes * stretch * 2) / 2})
            for item in chosen
        ]
    return [*chosen, to_item(REFERRAL)]


# ---------------------------------------------------------------- helpers for the page

DEFAULT_CALL_MINUTES = 15
SECTOR_NAMES: dict[str, str] = {s.value: s.value.capitalize() for s in Sector}


def suits_text(question: Question) -> str:
    """Say which sectors a bank question suits, e.g. "All sectors" or "Academia, Nonprofit"."""
    if question.sectors >= ALL_SECTORS:
        return "All sectors"
    return ", ".join(SECTOR_NAMES[s.value] for s in Sector if s.value in question.sectors)


def default_call_minutes(asks: Iterable[Outreach], fallback: int = DEFAULT_CALL_MINUTES) -> int:
    """Return the call length the latest ask proposed, or the fallback when there is none."""
    latest = max(asks, key=lambda ask: ask.updated_at, default=None)
    return latest.minutes if latest is not None else fallback


def latest_plan(plans: Iterable[CallPlan]) -> CallPlan | None:
    """Return the most recently changed plan (a contact normally has one)."""
    return max(plans, key=lambda plan: plan.updated_at, default=None)


def plan_focus(reason: str, asks: Iterable[Outreach]) -> str:
    """Return what the user wants from the call: the contact's reason and the latest topics."""
    latest = max(asks, key=lambda a: (a.created_at, a.updated_at), default=None)
    topics = " ".join(latest.topics) if latest else ""
    return f"{reason} {topics}".strip()


def drop_items(items: Sequence[PlanItem], indexes: Iterable[int]) -> list[PlanItem]:
    """Remove the items at the given positions (as suggested by plan_call)."""
    gone = set(indexes)
    return [item for i, item in enumerate(items) if i not in gone]


_TITLES = frozenset({"dr", "prof", "professor", "mr", "mrs", "ms", "mx", "sir", "dame", "rev"})


def prep_sheet_filename(full_name: str, extension: str) -> str:
    """Name a prep sheet file after the contact's name without a title, in safe ASCII only.

    "Dr. Ada Lovelace" gives prep-sheet-ada-lovelace.md, so sheets for two doctors differ.
    """
    words = full_name.split()
    while len(words) > 1 and words[0].casefold().rstrip(".") in _TITLES:
        words = words[1:]
    ascii_name = unicodedata.normalize("NFKD", " ".join(words)).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:40].strip("-")
    ext = re.sub(r"[^a-z0-9]", "", extension.lower()) or "txt"
    return f"prep-sheet-{slug or 'contact'}.{ext}"
