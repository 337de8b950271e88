"""What a coach publishes for the whole cohort: ask templates and a question set.

Every client who shares with the coach sees them under "From your coach" and copies what
they want into their own data (their templates, their call plan); a copy is theirs to
change, and withdrawing a publication leaves copies alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from pydantic import ValidationError
from sqlalchemy import BigInteger, Column, DateTime, Table, Text, delete, insert, select

from infoview.models import PlanItem, UserTemplate
from infoview.pg_store import PgStore, metadata, users
from infoview.sharing import SharingError, _begin, _refuse_view, shares

TEMPLATE, QUESTION = "template", "question"

publications = Table(
    "infoview_publications",
    metadata,
    Column("id", BigInteger, primary_key=True),
    Column("coach_id", BigInteger, nullable=False),
    Column("kind", Text, nullable=False),
    Column("name", Text, nullable=False),
    Column("subject", Text, nullable=False),
    Column("body", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)


@dataclass(frozen=True)
class Publication:
    """One template or question a coach published."""

    id: int
    coach_id: int
    coach_name: str
    kind: str
    name: str
    subject: str
    body: str

    def as_template(self) -> UserTemplate:
        """A new template of the client's own, copied from this one."""
        return UserTemplate(name=self.name, kind="ask", subject=self.subject, body=self.body)

    def as_plan_item(self) -> PlanItem:
        """A question for the client's call plan, copied from this one."""
        return PlanItem(text=self.body)


def _checked(kind: str, name: str, subject: str, body: str) -> tuple[str, str, str]:
    try:
        if kind == TEMPLATE:
            made = UserTemplate(name=name, kind="ask", subject=subject, body=body)
            if not made.body.strip():
                raise SharingError("Write the template's message first.")
            return made.name, made.subject, made.body
        if kind == QUESTION:
            item = PlanItem(text=body)
            if not item.text.strip():
                raise SharingError("Write the question first.")
            return "", "", item.text
    except ValidationError as exc:
        problem = "; ".join(str(e["msg"]) for e in exc.errors())
        raise SharingError(f"Not published: {problem}.") from exc
    raise SharingError("A coach publishes ask templates and questions.")


def publish(coach: PgStore, kind: str, body: str, name: str = "", subject: str = "") -> Publication:
    """Publish a template (name, subject, body) or a question (body) to every client."""
    _refuse_view(coach)
    name, subject, body = _checked(kind, name, subject, body)
    with _begin(coach.engine, "publish it") as conn:
        new_id = conn.execute(
            insert(publications)
            .values(
                coach_id=coach.user_id,
                kind=kind,
                name=name,
                subject=subject,
                body=body,
                created_at=datetime.now(UTC),
            )
            .returning(publications.c.id)
        ).scalar_one()
    return Publication(new_id, coach.user_id, "", kind, name, subject, body)


def withdraw(coach: PgStore, publication_id: int) -> bool:
    """Withdraw one of the coach's publications; False when it is not theirs."""
    _refuse_view(coach)
    with _begin(coach.engine, "withdraw it") as conn:
        gone = conn.execute(
            delete(publications).where(
                publications.c.id == publication_id, publications.c.coach_id == coach.user_id
            )
        ).rowcount
    return bool(gone)


def _rows(conn, *where) -> list[Publication]:
    rows = conn.execute(
        select(publications, users.c.display_name)
        .join(users, users.c.id == publications.c.coach_id)
        .where(*where)
        .order_by(publications.c.id)
    ).all()
    return [
        Publication(r.id, r.coach_id, r.display_name or "", r.kind, r.name, r.subject, r.body)
        for r in rows
    ]


def published_by(coach: PgStore) -> list[Publication]:
    """What this coach published, oldest first."""
    _refuse_view(coach)
    with _begin(coach.engine, "read what you published") as conn:
        return _rows(conn, publications.c.coach_id == coach.user_id)


def from_my_coaches(client: PgStore, kind: str) -> list[Publication]:
    """What the coaches the client shares with now published, of one kind."""
    _refuse_view(client)
    with _begin(client.engine, "read what your coach published") as conn:
        live = select(shares.c.coach_id).where(
            shares.c.client_id == client.user_id, shares.c.revoked_at.is_(None)
        )
        return _rows(conn, publications.c.coach_id.in_(live), publications.c.kind == kind)
