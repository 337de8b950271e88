"""What a coach reads about one client: journey, asks with scores, plans, replies, what is due.

Pure functions of a store (a coach reads through ``sharing.CoachView``, a read-only store),
so the same summary works for any client and is tested without a database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from infoview.coach.ask import review_ask
from infoview.figures import Journey, home_numbers
from infoview.models import CallPlan, Contact, Conversation, Outreach, Profile, TouchBase
from infoview.reminders import Reminder, home_due
from infoview.store import Store


@dataclass(frozen=True)
class AskRow:
    """One ask as the coach sees it in the list."""

    id: str
    contact: str
    subject: str
    status: str
    score: int
    updated: datetime


@dataclass(frozen=True)
class PlanRow:
    """One call plan as the coach sees it in the list."""

    id: str
    contact: str
    questions: int
    minutes: int
    updated: datetime


@dataclass(frozen=True)
class ClientSummary:
    """One client's progress, for their coach."""

    journey: Journey
    asks: list[AskRow]
    plans: list[PlanRow]
    sent: int
    replied: int
    due_now: list[Reminder]
    due_soon: list[Reminder]
    last_active: datetime | None

    @property
    def reply_rate(self) -> float | None:
        """Replies (yes or no) per ask sent; None before the first ask goes out."""
        return self.replied / self.sent if self.sent else None

    @property
    def steps_reached(self) -> int:
        """How many of the five steps the client has started (0-5)."""
        j = self.journey
        return sum(
            (j.story_done > 0, j.researched > 0, j.asks_sent > 0, j.plans > 0, j.conversations > 0)
        )


def _name(contacts: dict[str, Contact], contact_id: str) -> str:
    found = contacts.get(contact_id)
    return found.full_name if found is not None else "(deleted contact)"


def ask_rows(store: Store) -> list[AskRow]:
    """Every ask, newest change first, with the ask coach's score of its text."""
    contacts = {c.id: c for c in store.contacts(include_archived=True)}
    asks: list[Outreach] = store.asks()
    rows = [
        AskRow(
            id=a.id,
            contact=_name(contacts, a.contact_id),
            subject=a.subject,
            status=a.status.label,
            score=review_ask(a.subject, a.body, contacts.get(a.contact_id), a).score,
            updated=a.updated_at,
        )
        for a in asks
    ]
    return sorted(rows, key=lambda r: r.updated, reverse=True)


def plan_rows(store: Store) -> list[PlanRow]:
    """Every call plan with questions, newest change first."""
    contacts = {c.id: c for c in store.contacts(include_archived=True)}
    plans: list[CallPlan] = store.plans()
    rows = [
        PlanRow(p.id, _name(contacts, p.contact_id), len(p.items), p.minutes, p.updated_at)
        for p in plans
    ]
    return sorted(rows, key=lambda r: r.updated, reverse=True)


def last_active(store: Store) -> datetime | None:
    """When the client last changed anything (None when they have nothing)."""
    kinds = (Contact, Outreach, CallPlan, Conversation, Profile, TouchBase)
    times = [r.updated_at for kind in kinds for r in store.all(kind)]
    return max(times, default=None)


def client_summary(store: Store, today: date) -> ClientSummary:
    """Return one client's summary for their coach, memoised until their data changes."""

    def build() -> ClientSummary:
        figs, progress = home_numbers(store)
        due = home_due(store, today, store.profile().timezone or "UTC")
        return ClientSummary(
            journey=progress,
            asks=ask_rows(store),
            plans=plan_rows(store),
            sent=figs.asks_sent,
            replied=figs.replies,
            due_now=due.now,
            due_soon=due.soon,
            last_active=last_active(store),
        )

    return store.cached(("client_summary", today), build)


# ------------------------------------------------------------------------- cohort
INACTIVE_DAYS = 14
STEP_NAMES = ("1 · Your story", "2 · Research", "3 · Craft the ask", "4 · Plan questions",
              "5 · Conversations")  # fmt: skip


@dataclass(frozen=True)
class WeekRow:
    """Asks sent across the cohort in one week (Monday first), and how many got an answer."""

    week: date
    sent: int
    replied: int

    @property
    def rate(self) -> float | None:
        return self.replied / self.sent if self.sent else None


@dataclass(frozen=True)
class Cohort:
    """A coach's clients taken together."""

    clients: int
    per_step: dict[str, int]  # how many clients started each step
    weeks: list[WeekRow]  # oldest first, the last `weeks` weeks including this one
    inactive: list[str]  # names of clients with no change in INACTIVE_DAYS days


def _started(j: Journey) -> tuple[bool, ...]:
    return (j.story_done > 0, j.researched > 0, j.asks_sent > 0, j.plans > 0, j.conversations > 0)


def cohort(clients: list[tuple[str, Store]], today: date, weeks: int = 8) -> Cohort:
    """Count the cohort: clients per step, asks sent and answered per week, who went quiet."""
    from datetime import timedelta

    from infoview.pipeline import is_answered, is_sent

    this_monday = today - timedelta(days=today.weekday())
    mondays = [this_monday - timedelta(weeks=n) for n in range(weeks - 1, -1, -1)]
    sent = dict.fromkeys(mondays, 0)
    replied = dict.fromkeys(mondays, 0)
    per_step = dict.fromkeys(STEP_NAMES, 0)
    inactive = []
    for name, store in clients:
        summary = client_summary(store, today)
        for step, started in zip(STEP_NAMES, _started(summary.journey), strict=True):
            per_step[step] += started
        last = summary.last_active
        if last is None or (today - last.date()).days >= INACTIVE_DAYS:
            inactive.append(name)
        for ask in store.asks():
            if not is_sent(ask) or ask.sent_on is None:
                continue
            monday = ask.sent_on - timedelta(days=ask.sent_on.weekday())
            if monday in sent:
                sent[monday] += 1
                replied[monday] += is_answered(ask)
    return Cohort(
        clients=len(clients),
        per_step=per_step,
        weeks=[WeekRow(m, sent[m], replied[m]) for m in mondays],
        inactive=inactive,
    )
