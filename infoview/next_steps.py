"""A contact's stage as the store sees it, and the one next step to take with them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from infoview.conversations import sort_conversations
from infoview.models import CallPlan, Contact, Conversation, Outreach
from infoview.pipeline import Stage, is_declined
from infoview.reminders import ACTION_ASK, ACTION_CONVERSATIONS, ACTION_QUESTIONS, ACTION_RESEARCH
from infoview.research import contact_stages
from infoview.store import Store


def stages_of(store: Store) -> dict[str, Stage]:
    """Return every contact's stage (shared with the Research page's memo)."""
    return store.cached(
        ("stages",),
        lambda: contact_stages(
            store.contacts(include_archived=True),
            store.by_contact(Outreach),
            store.by_contact(Conversation),
        ),
    )


def declined_ids(store: Store) -> set[str]:
    """Return the ids of contacts who declined (their pipeline ends there)."""
    return store.cached(
        ("declined",),
        lambda: {cid for cid, asks in store.by_contact(Outreach).items() if is_declined(asks)},
    )


@dataclass(frozen=True)
class NextStep:
    """The one thing to do next with a contact, which step's page does it, and where on it."""

    action: str
    label: str
    # The address on that page; empty means ?contact=<id> (see Reminder.query).
    params: tuple[tuple[str, str], ...] = ()

    def query(self, contact_id: str) -> dict[str, str]:
        """Return the query parameters that open the right contact, record or list."""
        return dict(self.params) if self.params else {"contact": contact_id}


def next_step(
    stage: Stage,
    *,
    declined: bool = False,
    has_plan: bool = False,
    open_call: bool = False,
    thanked: bool = True,
    report_back_open: bool = False,
    archived: bool = False,
) -> NextStep:
    """Return the next step for a contact at ``stage``."""
    if archived:
        return NextStep(ACTION_RESEARCH, "Restore them from the archive to work with them again")
    if declined:
        return NextStep(ACTION_RESEARCH, "They said no this time: research someone else")
    if stage == Stage.CONNECTED:
        return NextStep(ACTION_RESEARCH, "Research them and write down why you want to talk")
    if stage == Stage.RESEARCHED:
        return NextStep(ACTION_ASK, "Craft the ask")
    if stage == Stage.ASKED:
        return NextStep(ACTION_ASK, "Follow up, or record their reply")
    if stage == Stage.REPLIED:
        if not has_plan:
            return NextStep(ACTION_QUESTIONS, "Plan your questions")
        if open_call:
            return NextStep(ACTION_CONVERSATIONS, "Log the conversation after the call")
        return NextStep(ACTION_CONVERSATIONS, "Schedule the call")
    if not thanked:
        return NextStep(ACTION_CONVERSATIONS, "Send a thank-you note")
    if report_back_open:
        return NextStep(ACTION_CONVERSATIONS, "Report back on what you did with their advice")
    if stage == Stage.GAVE_REFERRALS:
        return NextStep(ACTION_RESEARCH, "Research the people they suggested")
    return NextStep(ACTION_CONVERSATIONS, "Keep in touch")


def contact_next_step(
    stage: Stage,
    asks: Sequence[Outreach],
    plans: Sequence[CallPlan],
    convs: Sequence[Conversation],
    contact: Contact | None = None,
) -> NextStep:
    """Return a contact's next step from their records, pointing at the record it concerns."""
    held = sort_conversations(c for c in convs if c.happened_on is not None)
    calls = sort_conversations(
        c for c in convs if c.happened_on is None and c.scheduled_at is not None
    )
    unthanked = [c for c in held if c.thank_you_sent_on is None]
    unreported = [c for c in held if c.report_back_done_on is None]
    step = next_step(
        stage,
        declined=is_declined(asks) and not held,
        has_plan=any(p.items for p in plans),
        open_call=bool(calls),
        thanked=not unthanked,
        report_back_open=bool(unreported),
        archived=contact is not None and contact.archived,
    )
    if contact is None:
        return step
    # The record waiting longest (the lists are newest first).
    record = {
        "Log the conversation after the call": calls[-1:],
        "Send a thank-you note": unthanked[-1:],
        "Report back on what you did with their advice": unreported[-1:],
    }.get(step.label)
    if record:
        return replace(step, params=(("contact", contact.id), ("conversation", record[0].id)))
    if step.label == "Research the people they suggested":
        return replace(step, params=(("referred_by", contact.id),))
    return step


def pipeline_rows(
    contacts: Iterable[Contact], stages: Mapping[str, Stage], declined: set[str]
) -> list[tuple[Contact, Stage]]:
    """Return the contacts in play (researched or further, not archived, not declined)."""
    rows = [
        (c, stages.get(c.id, Stage.CONNECTED))
        for c in contacts
        if not c.archived and c.id not in declined
    ]
    rows = [(c, s) for c, s in rows if s >= Stage.RESEARCHED]
    rows.sort(key=lambda cs: (-cs[1], -cs[0].updated_at.timestamp(), cs[0].full_name))
    return rows


def stage_counts(stages: Mapping[str, Stage], contacts: Iterable[Contact]) -> dict[Stage, int]:
    """Count active contacts at each stage."""
    counts = dict.fromkeys(Stage, 0)
    for contact in contacts:
        if not contact.archived:
            counts[stages.get(contact.id, Stage.CONNECTED)] += 1
    return counts
