"""What a coach publishes for the whole cohort: ask templates and a question set.

Every client who shares with the coach sees them under "From your coach" and copies what
they want into their own data (their templates, their call plan); a copy is theirs to
change, and withdrawing a publication leaves copies alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import ValidationError

from infoview import cohort
from infoview.cohort import CohortItem
from infoview.models import PlanItem, UserTemplate
from infoview.pg_store import PgStore
from infoview.sharing import SharingError, _refuse_view

TEMPLATE, QUESTION = "template", "question"


@dataclass(frozen=True)
class Publication(CohortItem):
    """One template or question a coach published."""

    name: str
    subject: str
    body: str

    def as_template(self) -> UserTemplate:
        """A new template of the client's own, copied from this one."""
        return UserTemplate(name=self.name, kind="ask", subject=self.subject, body=self.body)

    def as_plan_item(self) -> PlanItem:
        """A question for the client's call plan, copied from this one."""
        return PlanItem(text=self.body)


publications = cohort.cohort_table("infoview_publications", Publication)


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
    new_id = cohort.add(
        coach, publications, "publish it", kind=kind, name=name, subject=subject, body=body
    )
    return Publication(new_id, coach.user_id, "", kind, name, subject, body)


def withdraw(coach: PgStore, publication_id: int) -> bool:
    """Withdraw one of the coach's publications; False when it is not theirs."""
    return cohort.withdraw(coach, publications, publication_id, "withdraw it")


def published_by(coach: PgStore) -> list[Publication]:
    """What this coach published, oldest first."""
    return cohort.made_by(coach, publications, Publication, "read what you published")


def from_my_coaches(client: PgStore, kind: str) -> list[Publication]:
    """What the coaches the client shares with now published, of one kind."""
    return cohort.for_client(
        client,
        publications,
        Publication,
        "read what your coach published",
        publications.c.kind == kind,
    )
