"""What a coach makes once for every client who shares with them: assignments, publications.

Each such thing has a table of the same make (an id, the coach who made it, a kind, its own
fields, when it was made) and the same rules: only the coach adds it or withdraws it, and a
client reads the ones of the coaches they share with now (see ``sharing``). The rules live
here once; ``assignments`` and ``publications`` say only what their things are.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import UTC, date, datetime
from typing import Any, TypeVar, get_type_hints

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

from infoview.pg_store import PgStore, metadata, user_column, users
from infoview.sharing import _begin, _refuse_view, shares


@dataclass(frozen=True)
class CohortItem:
    """One thing a coach made for all their clients; ``coach_name`` is the coach's name.

    A kind of item subclasses this with its own fields; ``cohort_table`` makes each of them
    a required column, so the fields and the table's columns are written once.
    """

    id: int
    coach_id: int
    coach_name: str
    kind: str


Item = TypeVar("Item", bound=CohortItem)


# An item's own fields become columns of these types, every one of them required.
_COLUMN_TYPES: dict[Any, Any] = {int: Integer, str: Text, date: Date}


def cohort_table(name: str, item: type[CohortItem]) -> Table:
    """Declare the table that holds ``item``s: the shared columns, then one per own field."""
    hints = get_type_hints(item)
    shared = {f.name for f in fields(CohortItem)}
    return Table(
        name,
        metadata,
        Column("id", BigInteger, primary_key=True),
        user_column("coach_id"),
        Column("kind", Text, nullable=False),
        *(
            Column(f.name, _COLUMN_TYPES[hints[f.name]], nullable=False)
            for f in fields(item)
            if f.name not in shared
        ),
        Column("created_at", DateTime(timezone=True), nullable=False),
    )


def add(coach: PgStore, table: Table, doing: str, **values: Any) -> int:
    """Store a new item the coach made (``values`` are its own columns); return its id."""
    _refuse_view(coach)
    with _begin(coach.engine, doing) as conn:
        return conn.execute(
            insert(table)
            .values(coach_id=coach.user_id, created_at=datetime.now(UTC), **values)
            .returning(table.c.id)
        ).scalar_one()


def withdraw(coach: PgStore, table: Table, item_id: int, doing: str) -> bool:
    """Delete one of the coach's own items; False when it is not theirs."""
    _refuse_view(coach)
    with _begin(coach.engine, doing) as conn:
        gone = conn.execute(
            delete(table).where(table.c.id == item_id, table.c.coach_id == coach.user_id)
        ).rowcount
    return bool(gone)


def made_by(
    coach: PgStore, table: Table, item: type[Item], doing: str, order: Any = ()
) -> list[Item]:
    """The items this coach made, in ``order`` and then oldest first."""
    _refuse_view(coach)
    return _read(coach, table, item, doing, [table.c.coach_id == coach.user_id], order)


def for_client(
    client: PgStore, table: Table, item: type[Item], doing: str, *where: Any, order: Any = ()
) -> list[Item]:
    """The items of every coach the client shares with now (and ``where``), in ``order``."""
    _refuse_view(client)
    live = select(shares.c.coach_id).where(
        shares.c.client_id == client.user_id, shares.c.revoked_at.is_(None)
    )
    return _read(client, table, item, doing, [table.c.coach_id.in_(live), *where], order)


def _read(
    store: PgStore, table: Table, item: type[Item], doing: str, where: list[Any], order: Any
) -> list[Item]:
    own = [f.name for f in fields(item) if f.name != "coach_name"]
    with _begin(store.engine, doing) as conn:
        rows = conn.execute(
            select(table, users.c.display_name)
            .join(users, users.c.id == table.c.coach_id)
            .where(*where)
            .order_by(*order, table.c.id)
        ).all()
    return [
        item(coach_name=r.display_name or "", **{name: getattr(r, name) for name in own})
        for r in rows
    ]
