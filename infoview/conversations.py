"""Follow through: log conversations with referrals, correct them, and what Home shows is due."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import Any

from pydantic import ValidationError

from infoview.dates import safe_zone, valid_zone
from infoview.figures import Figures, figures
from infoview.followups import (
    ACTION_ASK,
    ACTION_CONVERSATIONS,
    ACTION_RESEARCH,
    KEEP_IN_TOUCH,
    REPORT_BACK_WEEKS,
    Reminder,
    ask_reminders,
    conversation_reminders,
    due_items,
)
from infoview.keep_in_touch import CHANNEL_LABELS, rhythm_reminders
from infoview.models import (
    AskStatus,
    CallPlan,
    Contact,
    Conversation,
    Dismissal,
    Outreach,
    PlanItem,
    Profile,
    QuestionNote,
    Source,
    TouchBase,
    friendly_errors,
)
from infoview.pipeline import Stage, is_declined
from infoview.research import contact_stages
from infoview.store import Store
from infoview.story import story_progress
from infoview.targets import targets_by_key

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
def referral_contact(
    name: str,
    organization: str,
    title: str,
    why: str,
    referred_by: str,
    joined_on: date,
    contact_id: str,
) -> Contact:
    """Return the new contact someone suggested; their reason to talk is why it was suggested."""
    return Contact(
        id=contact_id,
        full_name=name,
        organization=organization,
        title=title,
        reason=why,
        referred_by=referred_by,
        source=Source.REFERRAL,
        joined_on=joined_on,
    )


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
        values = {
            k: str(row.get(k) or "").strip() for k in ("name", "organization", "title", "why")
        }
        if not any(values.values()):
            continue
        try:
            contacts.append(
                referral_contact(
                    values["name"],
                    values["organization"],
                    values["title"],
                    values["why"],
                    referred_by,
                    joined_on,
                    ids[i],
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
        gone = store.delete("conversations", conversation_id)
        store.delete_where(
            "dismissals",
            lambda r: conversation_id in r.key.split(":"),  # type: ignore[attr-defined]
        )
    return gone


# ------------------------------------------------------------------ reminders and dismissals
def dismissal_id(key: str) -> str:
    """Return the id a reminder's dismissal gets: the same key always gives the same id."""
    return "dismiss-" + hashlib.sha1(key.encode("utf-8")).hexdigest()


def dismiss(store: Store, key: str) -> Dismissal:
    """Hide a reminder; dismissing it twice stores one record."""
    return store.save(Dismissal(id=dismissal_id(key), key=key))


def restore(store: Store, key: str) -> bool:
    """Bring a dismissed reminder back."""
    return store.delete("dismissals", dismissal_id(key))


def all_reminders(
    contacts_by_id: Mapping[str, Contact],
    asks: Iterable[Outreach],
    conversations: Iterable[Conversation],
    profile: Profile,
    today: date,
    tz_name: str,
) -> list[Reminder]:
    """Return every open reminder for contacts still active.

    An ask gives no follow-up reminders once a conversation with that contact exists:
    they clearly replied, even if the ask was not marked so.
    """
    out: list[Reminder] = []
    talked: set[str] = set()
    for conv in conversations:
        contact = contacts_by_id.get(conv.contact_id)
        talked.add(conv.contact_id)
        if contact is not None and not contact.archived:
            out += conversation_reminders(conv, contact, today, tz_name)
    for ask in asks:
        contact = contacts_by_id.get(ask.contact_id)
        if contact is None or contact.archived or ask.contact_id in talked:
            continue
        out += ask_reminders(ask, contact, profile, today)
    return out


@dataclass(frozen=True)
class DueView:
    """What Home shows: due now, due this week, and the dismissed ones still open."""

    now: list[Reminder]
    soon: list[Reminder]
    dismissed: list[Reminder]


def due_view(
    reminders: Iterable[Reminder],
    dismissed_keys: set[str],
    today: date,
    horizon_days: int = HORIZON_DAYS,
) -> DueView:
    """Split reminders into due now, due soon, and dismissed (open, due within the horizon)."""
    reminders = list(reminders)
    now, soon = due_items(reminders, dismissed_keys, today, horizon_days)
    horizon = today + timedelta(days=horizon_days)
    hidden = sorted(
        (r for r in reminders if r.key in dismissed_keys and r.due <= horizon),
        key=lambda r: (r.due, r.title, r.key),
    )
    return DueView(now, soon, hidden)


def _contacts_by_id(store: Store) -> dict[str, Contact]:
    return store.cached(
        ("contacts_by_id",), lambda: {c.id: c for c in store.contacts(include_archived=True)}
    )


def reminders_of(store: Store, today: date, tz_name: str) -> list[Reminder]:
    """Return every open reminder in the store, keep-in-touch ones included (memoised)."""
    return store.cached(
        ("reminders", today, tz_name),
        lambda: (
            all_reminders(
                _contacts_by_id(store),
                store.all("outreach"),  # type: ignore[arg-type]
                store.all("conversations"),  # type: ignore[arg-type]
                store.profile(),
                today,
                tz_name,
            )
            + rhythm_reminders(store, today, targets_by_key(store))
        ),
    )


def home_due(store: Store, today: date, tz_name: str) -> DueView:
    """Return what is due today and this week, memoised until the data changes."""

    def build() -> DueView:
        keys = {d.key for d in store.all("dismissals")}  # type: ignore[attr-defined]
        # Keep-in-touch reminders that are due have Home's "Losing touch" section instead.
        shown = [
            r
            for r in reminders_of(store, today, tz_name)
            if r.kind != KEEP_IN_TOUCH or r.due > today
        ]
        return due_view(shown, keys, today)

    return store.cached(("home_due", today, tz_name), build)


def due_keep_in_touch(store: Store, today: date, tz_name: str) -> list[Reminder]:
    """Return the keep-in-touch reminders that are due (Home lists them under "Losing touch")."""
    return [
        r for r in reminders_of(store, today, tz_name) if r.kind == KEEP_IN_TOUCH and r.due <= today
    ]


def contact_reminders(store: Store, contact_id: str, today: date, tz_name: str) -> list[Reminder]:
    """Return one contact's open reminders, not dismissed, soonest first."""
    keys = {d.key for d in store.all("dismissals")}  # type: ignore[attr-defined]
    found = [r for r in reminders_of(store, today, tz_name) if r.contact_id == contact_id]
    return sorted((r for r in found if r.key not in keys), key=lambda r: (r.due, r.key))


# ------------------------------------------------------------------ stages and next steps
def stages_of(store: Store) -> dict[str, Stage]:
    """Return every contact's stage (shared with the Research page's memo)."""
    return store.cached(
        ("stages",),
        lambda: contact_stages(
            store.contacts(include_archived=True),
            store.by_contact("outreach"),  # type: ignore[arg-type]
            store.by_contact("conversations"),  # type: ignore[arg-type]
        ),
    )


def declined_ids(store: Store) -> set[str]:
    """Return the ids of contacts who declined (their pipeline ends there)."""
    return store.cached(
        ("declined",),
        lambda: {cid for cid, asks in store.by_contact("outreach").items() if is_declined(asks)},  # type: ignore[arg-type]
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


# ------------------------------------------------------------------ figures and progress
@dataclass(frozen=True)
class Journey:
    """How far the user is in the five steps overall."""

    story_done: int
    story_total: int
    contacts: int
    researched: int
    asks_sent: int
    plans: int
    conversations: int


def journey(
    profile: Profile,
    contacts: Iterable[Contact],
    asks: Iterable[Outreach],
    plans: Iterable[CallPlan],
    conversations: Iterable[Conversation],
) -> Journey:
    """Return the user's progress through the five steps."""
    parts = story_progress(profile)
    figs = figures(contacts, asks, conversations)  # one definition per number
    return Journey(
        story_done=sum(done for _, done in parts),
        story_total=len(parts),
        contacts=figs.contacts,
        researched=figs.with_reason,
        asks_sent=figs.asks_sent,
        plans=sum(bool(p.items) for p in plans),
        conversations=figs.conversations,
    )


def home_numbers(store: Store) -> tuple[Figures, Journey]:
    """Return Home's figures and journey, memoised until the data changes."""

    def build() -> tuple[Figures, Journey]:
        contacts = store.contacts(include_archived=True)
        asks = store.all("outreach")
        convs = store.all("conversations")
        return (
            figures(contacts, asks, convs),  # type: ignore[arg-type]
            journey(store.profile(), contacts, asks, store.all("plans"), convs),  # type: ignore[arg-type]
        )

    return store.cached(("home_numbers",), build)


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


# ------------------------------------------------------------------ one contact's story
@dataclass(frozen=True)
class Event:
    """One dated thing in a contact's story."""

    day: date
    text: str


def timeline(
    contact: Contact,
    asks: Iterable[Outreach],
    convs: Iterable[Conversation],
    referrer: Contact | None,
    referrals: Iterable[Contact],
    touches: Iterable[TouchBase] = (),
) -> list[Event]:
    """Return what happened with a contact, newest first."""
    events = [Event(contact.joined_on, "Joined your network")]
    if referrer is not None:
        events[0] = Event(contact.joined_on, f"Suggested to you by {referrer.full_name}")
    for ask in asks:
        if ask.sent_on:
            events.append(Event(ask.sent_on, "You sent an ask"))
        if ask.replied_on:
            word = "declined" if ask.status == AskStatus.DECLINED else "replied"
            events.append(Event(ask.replied_on, f"They {word}"))
    for conv in convs:
        if conv.happened_on:
            events.append(Event(conv.happened_on, "You talked"))
        elif conv.scheduled_at:
            day = conv.scheduled_at.astimezone(safe_zone(conv.timezone)).date()
            events.append(Event(day, "A call is scheduled"))
        if conv.thank_you_sent_on:
            events.append(Event(conv.thank_you_sent_on, "You sent a thank-you note"))
        if conv.report_back_done_on:
            events.append(Event(conv.report_back_done_on, "You reported back"))
    for other in referrals:
        events.append(Event(other.joined_on, f"They suggested you talk to {other.full_name}"))
    for touch in touches:
        how = CHANNEL_LABELS[touch.channel].lower()
        events.append(
            Event(touch.on, f"In touch ({how})" + (f": {touch.note}" if touch.note else ""))
        )
    return sorted(events, key=lambda e: e.day, reverse=True)


def referrals_by_referrer(store: Store) -> dict[str, list[Contact]]:
    """Return the contacts each contact suggested, by the suggester's id."""

    def build() -> dict[str, list[Contact]]:
        groups: dict[str, list[Contact]] = {}
        for contact in store.contacts(include_archived=True):
            if contact.referred_by:
                groups.setdefault(contact.referred_by, []).append(contact)
        return groups

    return store.cached(("referrals_by_referrer",), build)


def is_empty(store: Store) -> bool:
    """Return True for a first visit: no contacts, no saved profile, nothing else."""
    return all(store.count(t) == 0 for t in ("contacts", "profile", "outreach", "conversations"))
