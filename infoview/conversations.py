"""Follow through: log conversations with referrals, correct them, and what Home shows is due."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, time, timedelta
from typing import Any

from pydantic import ValidationError

from infoview.dates import safe_zone, valid_zone
from infoview.models import (
    Contact,
    Conversation,
    Dismissal,
    PlanItem,
    QuestionNote,
    Source,
    friendly_errors,
)
from infoview.reminders import (
    REPORT_BACK_WEEKS,
)
from infoview.store import Store

ACTION_QUESTIONS = "questions"
ACTION_STORY = "story"
MAX_REFERRALS = 10
HORIZON_DAYS = 7


# ------------------------------------------------------------------ dates and time zones
def default_report_back(happened_on: date) -> date:
    """Return the default day to report back: six weeks after the conversation."""
    return happened_on + timedelta(weeks=REPORT_BACK_WEEKS)


def schedule_at(day: date, at: time, tz_name: str) -> datetime:
    """Return the moment a call starts: a wall-clock time on a day in a named zone."""
    return datetime.combine(day, at.replace(tzinfo=None), tzinfo=safe_zone(tz_name))


def scheduled_parts(conv: Conversation, fallback_zone: str, today: date) -> tuple[date, time, str]:
    """Return a scheduled call's day, time and zone as entered (unscheduled: today at 10:00)."""
    zone = conv.timezone if valid_zone(conv.timezone) else fallback_zone
    if conv.scheduled_at is None:
        return today, time(10, 0), zone
    moment = conv.scheduled_at.astimezone(safe_zone(zone))
    return moment.date(), moment.time().replace(second=0, microsecond=0), zone


def conversation_label(conv: Conversation) -> str:
    """Describe a conversation in a list: when it is or was, and where it stands."""
    if conv.happened_on is not None:
        done = "thanked" if conv.thank_you_sent_on else "thank-you not sent yet"
        return f"Talked on {conv.happened_on:%a %d %b %Y} · {done}"
    if conv.scheduled_at is not None:
        moment = conv.scheduled_at.astimezone(safe_zone(conv.timezone))
        return f"Call on {moment:%a %d %b %Y, %H:%M} ({conv.timezone or 'UTC'}) · not logged yet"
    return "A conversation with no date yet"


def sort_conversations(convs: Iterable[Conversation]) -> list[Conversation]:
    """Return conversations newest first (by the day they happened or are planned)."""

    def when(conv: Conversation) -> datetime:
        if conv.happened_on is not None:
            return datetime.combine(conv.happened_on, time(23, 59), tzinfo=safe_zone(""))
        return conv.scheduled_at or conv.created_at

    return sorted(convs, key=when, reverse=True)


# ------------------------------------------------------------------ logging and referrals
# A referral row's keys and the Contact fields they fill: why they were suggested is the reason.
REFERRAL_FIELDS = {
    "name": "full_name",
    "organization": "organization",
    "title": "title",
    "why": "reason",
}


def referrals_from_rows(
    rows: Sequence[Mapping[str, str]], referred_by: str, joined_on: date, ids: Sequence[str]
) -> tuple[list[Contact], list[str]]:
    """Turn the log's referral rows into contacts; return (contacts, problems).

    A row left entirely blank is skipped. Row ``i`` gets ``ids[i]``, so saving the same rows
    twice (a double click) stores each person once.
    """
    contacts: list[Contact] = []
    problems: list[str] = []
    for i, row in enumerate(rows):
        values = {field: str(row.get(key) or "").strip() for key, field in REFERRAL_FIELDS.items()}
        if not any(values.values()):
            continue
        try:
            contacts.append(
                Contact(
                    id=ids[i],
                    referred_by=referred_by,
                    source=Source.REFERRAL,
                    joined_on=joined_on,
                    **values,
                )
            )
        except ValidationError as exc:
            problems += [f"Person {i + 1}: {m}" for m in friendly_errors(exc)]
    return contacts, problems


def notes_for_log(
    plan_items: Sequence[PlanItem], existing: Sequence[QuestionNote]
) -> list[QuestionNote]:
    """Return the questions to take notes on: those already noted, then the plan's others."""
    out = list(existing)
    seen = {n.question.strip().casefold() for n in existing}
    for item in plan_items:
        if item.text.strip().casefold() not in seen:
            seen.add(item.text.strip().casefold())
            out.append(QuestionNote(question=item.text))
    return out


def conversation_from_log(base: Conversation, values: Mapping[str, Any]) -> Conversation:
    """Return the conversation a submitted log describes; raise ValidationError on bad input.

    ``values`` holds happened_on, mode, minutes, notes (question, note pairs), insights,
    advice, next_steps, reflection and offered. A report-back date still at its default
    follows the conversation's day when that day is corrected.
    """
    data = base.model_dump()
    for name in ("happened_on", "mode", "minutes", "insights", "advice", "next_steps"):
        if name in values:
            data[name] = values[name]
    data["reflection"] = values.get("reflection", base.reflection)
    data["offered"] = [o for o in values.get("offered", base.offered) if str(o).strip()]
    data["question_notes"] = [
        {"question": q, "note": n} for q, n in values.get("notes", []) if str(n).strip()
    ]
    day = data.get("happened_on")
    if day is not None:
        was_default = base.happened_on is not None and base.report_back_due == (
            default_report_back(base.happened_on)
        )
        if base.report_back_due is None or was_default:
            data["report_back_due"] = default_report_back(day)
    return Conversation.model_validate(data)


def log_conversation(
    store: Store,
    conversation: Conversation,
    referrals: Sequence[Contact],
    expected_revision: int | None,
) -> Conversation:
    """Save a conversation and the people suggested in it as one commit; return it as stored."""
    with store.transaction():
        saved = store.save(conversation, expected_revision=expected_revision)
        for contact in referrals:
            store.save(contact)
    return saved


def move_conversation(
    store: Store,
    conversation: Conversation,
    to_contact_id: str,
    referral_ids: Iterable[str] = (),
    expected_revision: int | None = None,
) -> Conversation:
    """Move a conversation logged on the wrong contact, with the referrals it produced.

    The chosen referrals now name the right contact as the person who suggested them.
    Everything happens in one commit. Raises ValueError for a missing or same contact.
    """
    target = store.contact(to_contact_id)
    if target is None:
        raise ValueError("That contact no longer exists.")
    if to_contact_id == conversation.contact_id:
        raise ValueError("The conversation is already with this contact.")
    with store.transaction():
        moved = store.save(
            conversation.model_copy(update={"contact_id": to_contact_id}),
            expected_revision=expected_revision,
        )
        for rid in referral_ids:
            referral = store.contact(rid)
            if referral is None or rid == to_contact_id:
                continue  # nobody refers themselves
            store.save(referral.model_copy(update={"referred_by": to_contact_id}))
    return moved


def delete_conversation(store: Store, conversation_id: str) -> bool:
    """Delete a conversation and the dismissals of its reminders in one commit."""
    with store.transaction():
        gone = store.delete(Conversation, conversation_id)
        store.delete_where(Dismissal, lambda r: conversation_id in r.key.split(":"))
    return gone
