"""Assignments: a coach sets "three asks by Friday" once, every client who shares sees it.

An assignment counts something the client does between its start and its due date (asks
sent, conversations logged); whether it is done is worked out from the client's own data,
so nobody ticks a box by hand. The coach writes assignments; clients only read the ones of
coaches they share with now (see ``sharing``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import (
    BigInteger,
    Column,
    Date,
    DateTime,
    Integer,
    Table,
    Text,
    delete,
    insert,
    select,
)

from infoview.models import Conversation, Outreach
from infoview.pg_store import PgStore, metadata, users
from infoview.sharing import SharingError, _begin, _refuse_view, shares
from infoview.store import Store

KINDS = {"asks": ("ask sent", "asks sent"), "conversations": ("conversation logged",
         "conversations logged")}  # fmt: skip
TARGET_MAX = 50

assignments = Table(
    "infoview_assignments",
    metadata,
    Column("id", BigInteger, primary_key=True),
    Column("coach_id", BigInteger, nullable=False),
    Column("kind", Text, nullable=False),
    Column("target", Integer, nullable=False),
    Column("starts", Date, nullable=False),
    Column("due", Date, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)


@dataclass(frozen=True)
class Assignment:
    """What to do (``target`` of ``kind``) between ``starts`` and ``due``, set by a coach."""

    id: int
    coach_id: int
    coach_name: str
    kind: str
    target: int
    starts: date
    due: date

    @property
    def text(self) -> str:
        """In words: "3 asks sent by Fri 06 Mar"."""
        one, many = KINDS.get(self.kind, (self.kind, self.kind))
        return f"{self.target} {one if self.target == 1 else many} by {self.due:%a %d %b}"


def progress(assignment: Assignment, store: Store) -> int:
    """How many of the assignment's things the client did in its window."""
    lo, hi = assignment.starts, assignment.due
    if assignment.kind == "asks":
        asks: list[Outreach] = store.all("outreach")  # type: ignore[assignment]
        return sum(1 for a in asks if a.sent_on is not None and lo <= a.sent_on <= hi)
    convs: list[Conversation] = store.all("conversations")  # type: ignore[assignment]
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
    with _begin(coach.engine, "set the assignment") as conn:
        new_id = conn.execute(
            insert(assignments)
            .values(
                coach_id=coach.user_id,
                kind=kind,
                target=int(target),
                starts=today,
                due=due,
                created_at=datetime.now(UTC),
            )
            .returning(assignments.c.id)
        ).scalar_one()
    return Assignment(new_id, coach.user_id, "", kind, int(target), today, due)


def delete_assignment(coach: PgStore, assignment_id: int) -> bool:
    """Withdraw one of the coach's own assignments; False when it is not theirs."""
    _refuse_view(coach)
    with _begin(coach.engine, "withdraw the assignment") as conn:
        gone = conn.execute(
            delete(assignments).where(
                assignments.c.id == assignment_id, assignments.c.coach_id == coach.user_id
            )
        ).rowcount
    return bool(gone)


def _rows(conn, *where) -> list[Assignment]:
    rows = conn.execute(
        select(assignments, users.c.display_name)
        .join(users, users.c.id == assignments.c.coach_id)
        .where(*where)
        .order_by(assignments.c.due, assignments.c.id)
    ).all()
    return [
        Assignment(r.id, r.coach_id, r.display_name or "", r.kind, r.target, r.starts, r.due)
        for r in rows
    ]


def set_by(coach: PgStore) -> list[Assignment]:
    """The assignments this coach set, soonest due first."""
    _refuse_view(coach)
    with _begin(coach.engine, "read your assignments") as conn:
        return _rows(conn, assignments.c.coach_id == coach.user_id)


def for_client(client: PgStore) -> list[Assignment]:
    """The assignments of every coach the client shares with now, soonest due first."""
    _refuse_view(client)
    with _begin(client.engine, "read your coach's assignments") as conn:
        live = select(shares.c.coach_id).where(
            shares.c.client_id == client.user_id, shares.c.revoked_at.is_(None)
        )
        return _rows(conn, assignments.c.coach_id.in_(live))
