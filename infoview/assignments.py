"""Assignments: a coach sets "three asks by Friday" once, every client who shares sees it.

An assignment counts something the client does between its start and its due date (asks
sent, conversations logged); whether it is done is worked out from the client's own data,
so nobody ticks a box by hand. The coach writes assignments; clients only read the ones of
coaches they share with now (see ``sharing``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from infoview import cohort
from infoview.cohort import CohortItem
from infoview.models import Conversation, Outreach
from infoview.pg_store import PgStore
from infoview.sharing import SharingError, _refuse_view
from infoview.store import Store

KINDS = {"asks": ("ask sent", "asks sent"), "conversations": ("conversation logged",
         "conversations logged")}  # fmt: skip
TARGET_MAX = 50


@dataclass(frozen=True)
class Assignment(CohortItem):
    """What to do (``target`` of ``kind``) between ``starts`` and ``due``, set by a coach."""

    target: int
    starts: date
    due: date

    @property
    def text(self) -> str:
        """In words: "3 asks sent by Fri 06 Mar"."""
        one, many = KINDS.get(self.kind, (self.kind, self.kind))
        return f"{self.target} {one if self.target == 1 else many} by {self.due:%a %d %b}"


assignments = cohort.cohort_table("infoview_assignments", Assignment)


def progress(assignment: Assignment, store: Store) -> int:
    """How many of the assignment's things the client did in its window."""
    lo, hi = assignment.starts, assignment.due
    if assignment.kind == "asks":
        asks: list[Outreach] = store.asks()
        return sum(1 for a in asks if a.sent_on is not None and lo <= a.sent_on <= hi)
    convs: list[Conversation] = store.conversations()
    return sum(1 for c in convs if c.happened_on is not None and lo <= c.happened_on <= hi)


def is_done(assignment: Assignment, store: Store) -> bool:
    """True once the client did what the assignment asks."""
    return progress(assignment, store) >= assignment.target


def create_assignment(
    coach: PgStore, kind: str, target: int, due: date, today: date | None = None
) -> Assignment:
    """Set an assignment for all of ``coach``'s clients, counted from today until ``due``."""
    _refuse_view(coach)
    today = today or date.today()
    if kind not in KINDS:
        raise SharingError("An assignment counts asks sent or conversations logged.")
    if not 1 <= int(target) <= TARGET_MAX:
        raise SharingError(f"Ask for between 1 and {TARGET_MAX}.")
    if due < today:
        raise SharingError("The due date has passed already; pick today or a later day.")
    new_id = cohort.add(
        coach,
        assignments,
        "set the assignment",
        kind=kind,
        target=int(target),
        starts=today,
        due=due,
    )
    return Assignment(new_id, coach.user_id, "", kind, int(target), today, due)


def delete_assignment(coach: PgStore, assignment_id: int) -> bool:
    """Withdraw one of the coach's own assignments; False when it is not theirs."""
    return cohort.withdraw(coach, assignments, assignment_id, "withdraw the assignment")


def set_by(coach: PgStore) -> list[Assignment]:
    """The assignments this coach set, soonest due first."""
    return cohort.made_by(
        coach, assignments, Assignment, "read your assignments", order=[assignments.c.due]
    )


def for_client(client: PgStore) -> list[Assignment]:
    """The assignments of every coach the client shares with now, soonest due first."""
    return cohort.for_client(
        client, assignments, Assignment, "read your coach's assignments", order=[assignments.c.due]
    )
