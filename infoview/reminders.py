"""Every reminder: for sent asks, conversations and keep-in-touch rhythms; what is due; dismissals.

The rules (when a follow-up, a thank-you or a report-back falls due) and the store-level
reads Home and a contact's page show both live here, so "when is X due?" has one answer.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from infoview.dates import business_days_after, safe_zone
from infoview.keep_in_touch import (
    Warmth,
    reminder_key,
    since_text,
    suggested_reason,
    warmth_of_all,
)
from infoview.models import (
    AskStatus,
    Contact,
    Conversation,
    Dismissal,
    Outreach,
    Profile,
    Source,
    StatusChange,
    Target,
)
from infoview.pipeline import ANSWERED_STATUSES
from infoview.store import Store
from infoview.targets import org_key, targets_by_key
from infoview.wording import counted, first_name

# Where a reminder's button leads: the page of that step.
ACTION_RESEARCH = "research"
ACTION_ASK = "ask"
ACTION_CONVERSATIONS = "conversations"
ACTION_QUESTIONS = "questions"
ACTION_STORY = "story"

# Reminder kinds.
SECOND_CONTACT = "second_contact"
FOLLOW_UP = "follow_up"
NO_REPLY = "no_reply"
THANK_YOU = "thank_you"
REPORT_BACK = "report_back"
CALL = "call"
LOG_CALL = "log_call"
LINKEDIN = "linkedin"
KEEP_IN_TOUCH = "keep_in_touch"

DEFAULT_FOLLOWUP_DAYS = (3, 7)
# "No reply" is suggested one business week after the follow-up went out.
NO_REPLY_AFTER_FOLLOWUP = 5
REPORT_BACK_WEEKS = 6
# Thank them within a day (24 hours) of the call.
THANK_YOU_DAYS = 1
# A LinkedIn connection request goes out within two days of the call; after two weeks the
# moment has passed and the reminder leaves (old conversations do not all ask at once).
LINKEDIN_DAYS = 2
LINKEDIN_STALE_DAYS = 14
ACTION_CONTACT = "contact"


def _called(contact: Contact) -> str:
    """Return what a reminder calls a contact: their first name, else the whole name."""
    return first_name(contact.full_name) or contact.full_name


@dataclass(frozen=True)
class Reminder:
    """One thing the user should do, when, and which step's page to do it on."""

    key: str
    contact_id: str
    kind: str
    due: date
    title: str
    detail: str
    action: str
    # The address the button opens on the action's page; empty means ?contact=<contact_id>.
    params: tuple[tuple[str, str], ...] = ()

    def query(self) -> dict[str, str]:
        """Return the query parameters that open the right contact, record or list."""
        return dict(self.params) if self.params else {"contact": self.contact_id}


def thank_you_due(happened_on: date) -> date:
    """Return the day a thank-you note is due: within a day of the conversation."""
    return happened_on + timedelta(days=THANK_YOU_DAYS)


def _rhythm(days: Iterable[int] | None) -> tuple[int, int]:
    """Return the two follow-up gaps in business days, repaired if the settings are odd."""
    first, second = (tuple(days or ()) + DEFAULT_FOLLOWUP_DAYS)[:2]
    first = max(1, int(first))
    return first, max(first + 1, int(second))


def ask_reminders(ask: Outreach, contact: Contact, profile: Profile, today: date) -> list[Reminder]:
    """Return the follow-up reminders of a sent ask still waiting for a reply.

    The steps come in order (second person, follow-up, "no reply"); once a later step is due,
    the earlier ones give way to it so the list shows one next move per ask.
    """
    if ask.status != AskStatus.SENT or ask.sent_on is None:
        return []
    first, second = _rhythm(profile.followup_days)
    name = _called(contact)
    org = contact.organization.strip()
    where = f"at {org}" if org else "where they work"
    sent = f"{ask.sent_on:%b} {ask.sent_on.day}"
    sent_on = ask.sent_on

    def step(
        what: str,
        kind: str,
        days: int,
        title: str,
        detail: str,
        action: str,
        params: tuple[tuple[str, str], ...] = (),
    ) -> Reminder:
        due = business_days_after(sent_on, days, profile.country)
        key = f"ask:{ask.id}:{what}"
        return Reminder(key, contact.id, kind, due, title, detail, action, params)

    steps = [
        step(
            "second",
            SECOND_CONTACT,
            first,
            f"No reply yet from {name}: try a second person {where}",
            f"You wrote on {sent}. Busy inboxes are normal; reaching out to someone else "
            f"{where} doubles your chances while you wait.",
            ACTION_RESEARCH,
            # The Research list narrowed to the organization, where a second person is found.
            params=(("org", org),) if org else (),
        ),
        step(
            "followup1",
            FOLLOW_UP,
            second,
            f"Send {name} a short, friendly follow-up",
            f"It has been {counted(second, 'business day')} since {sent}. One polite nudge "
            "is fine and often gets the reply.",
            ACTION_ASK,
        ),
        step(
            "noreply",
            NO_REPLY,
            second + NO_REPLY_AFTER_FOLLOWUP,
            f"Mark the ask to {name} as no reply?",
            "Still nothing after the follow-up. Close this one and put your energy into "
            "the next person; you can reopen it if they write back.",
            ACTION_ASK,
        ),
    ]
    current = [r for r in steps if r.due <= today]
    return [*current[-1:], *(r for r in steps if r.due > today)]


def conversation_reminders(
    conv: Conversation, contact: Contact, today: date, tz_name: str | None = None
) -> list[Reminder]:
    """Return the thank-you, report-back and call reminders of one conversation.

    A scheduled call's day is read in ``tz_name`` (the user's time zone), else in the
    conversation's own time zone. Its key holds the date, so a rescheduled call shows again.
    """
    name = _called(contact)
    out: list[Reminder] = []
    this_call = (("contact", contact.id), ("conversation", conv.id))

    def remind(what: str, kind: str, due: date, title: str, detail: str) -> Reminder:
        return Reminder(
            f"conv:{conv.id}:{what}", contact.id, kind, due, title, detail,
            ACTION_CONVERSATIONS, this_call,
        )  # fmt: skip

    if conv.happened_on is None:
        if conv.scheduled_at is not None:
            zone = safe_zone(tz_name or conv.timezone)
            at = conv.scheduled_at
            # A time saved without a zone is taken as UTC, like every stored timestamp.
            at = (at if at.tzinfo else at.replace(tzinfo=UTC)).astimezone(zone)
            day = at.date()
            if day >= today:
                out.append(
                    remind(
                        f"call:{day.isoformat()}",
                        CALL,
                        day,
                        f"Call with {name} at {at:%H:%M}",
                        f"{conv.minutes} minutes. Take your question plan along.",
                    )
                )
            else:
                out.append(
                    remind(
                        "log",
                        LOG_CALL,
                        day,
                        f"How did the call with {name} go? Log it",
                        "Note what you learned and who they suggested while it is fresh.",
                    )
                )
        return out
    if conv.thank_you_sent_on is None:
        out.append(
            remind(
                "thanks",
                THANK_YOU,
                thank_you_due(conv.happened_on),
                f"Send {name} a thank-you note",
                (
                    "Send a thank-you within a day of the call and name one thing you learned "
                    "from them."
                ),
            )
        )
    linkedin = linkedin_reminder(conv, contact, today)
    if linkedin is not None:
        out.append(linkedin)
    if conv.report_back_done_on is None:
        due = conv.report_back_due or conv.happened_on + timedelta(weeks=REPORT_BACK_WEEKS)
        out.append(
            remind(
                "report",
                REPORT_BACK,
                due,
                f"Tell {name} what you did with their advice",
                "A short update keeps the connection warm and shows their time mattered.",
            )
        )
    return out


def linkedin_note(contact: Contact, happened_on: date) -> str:
    """Return a short connection-request note (LinkedIn allows 200 characters without Premium)."""
    name = _called(contact)
    org = contact.organization.strip()
    about = f" about your work at {org}" if org and len(org) <= 60 else ""
    note = (
        f"Hi {name}, thank you again for our conversation on {happened_on:%b} "
        f"{happened_on.day}{about}. I would be glad to stay in touch here."
    )
    return note if len(note) <= 200 else note[:199] + "…"


def linkedin_reminder(conv: Conversation, contact: Contact, today: date) -> Reminder | None:
    """Return the reminder to connect on LinkedIn after a call, while it is still timely.

    Not for someone imported from LinkedIn (already connected).
    """
    if conv.happened_on is None or contact.source == Source.LINKEDIN:
        return None
    if today > conv.happened_on + timedelta(days=LINKEDIN_STALE_DAYS):
        return None
    return Reminder(
        key=f"conv:{conv.id}:linkedin",
        contact_id=contact.id,
        kind=LINKEDIN,
        due=conv.happened_on + timedelta(days=LINKEDIN_DAYS),
        title=f"Connect with {_called(contact)} on LinkedIn",
        detail=f"Add a short note to the request: “{linkedin_note(contact, conv.happened_on)}”",
        action=ACTION_CONTACT,
    )


def due_items(
    reminders: Iterable[Reminder], dismissed_keys: set[str], today: date, horizon_days: int = 7
) -> tuple[list[Reminder], list[Reminder]]:
    """Split reminders into (overdue or due today, due in the next ``horizon_days``)."""
    horizon = today + timedelta(days=horizon_days)
    live = sorted(
        (r for r in reminders if r.key not in dismissed_keys),
        key=lambda r: (r.due, r.title, r.key),
    )
    now = [r for r in live if r.due <= today]
    soon = [r for r in live if today < r.due <= horizon]
    return now, soon


def ask_status_change(
    ask: Outreach, new_status: AskStatus | str, at: datetime, on: date | None = None
) -> Outreach:
    """Return a copy of the ask with a new status, its history and dates kept consistent.

    ``at`` is when the change was made (stored in the history); ``on`` is the day it
    happened if not ``at``'s date (a correction: "I sent it on Monday"). Going back to draft
    clears both dates; "sent" keeps an earlier send date unless ``on`` is given.
    """
    status = AskStatus(new_status)
    day = on or at.date()
    sent_on, replied_on = ask.sent_on, ask.replied_on
    if status == AskStatus.DRAFT:
        sent_on = replied_on = None
    elif status == AskStatus.SENT:
        if on is not None or sent_on is None:
            sent_on = day
        replied_on = None
    elif status in ANSWERED_STATUSES:
        replied_on = day
    elif status == AskStatus.NO_REPLY:
        replied_on = None
    history = list(ask.history)
    if status != ask.status or not history:
        history.append(StatusChange(status=status, at=at))
    return ask.model_copy(
        update={"status": status, "history": history, "sent_on": sent_on, "replied_on": replied_on}
    )


# ------------------------------------------------------------------ keep in touch
def rhythm_reminder(contact: Contact, w: Warmth, reason: str) -> Reminder:
    """Return the keep-in-touch reminder for one contact (its key changes with each interaction)."""
    return Reminder(
        key=reminder_key(w),
        contact_id=contact.id,
        kind=KEEP_IN_TOUCH,
        due=w.due,
        title=f"Keep in touch with {_called(contact)}: {since_text(w)}",
        detail=reason,
        action="contact",
    )


def rhythm_reminders(
    store: Store, today: date, targets_by_org: Mapping[str, Target] | None = None
) -> list[Reminder]:
    """Return a keep-in-touch reminder for every rhythm-tracked contact, due or not."""
    convs = store.by_contact(Conversation)
    targets = targets_by_org if targets_by_org is not None else targets_by_key(store)
    out = []
    for cid, w in warmth_of_all(store, today).items():
        contact = store.contact(cid)
        if contact is None:
            continue
        target = targets.get(org_key(contact.organization))
        reason = suggested_reason(contact, convs.get(cid, []), today, target)
        out.append(rhythm_reminder(contact, w, reason))
    return out


# ------------------------------------------------------------------ reminders and dismissals
HORIZON_DAYS = 7


def dismissal_id(key: str) -> str:
    """Return the id a reminder's dismissal gets: the same key always gives the same id."""
    return "dismiss-" + hashlib.sha1(key.encode("utf-8")).hexdigest()


def dismiss(store: Store, key: str) -> Dismissal:
    """Hide a reminder; dismissing it twice stores one record."""
    return store.save(Dismissal(id=dismissal_id(key), key=key))


def restore(store: Store, key: str) -> bool:
    """Bring a dismissed reminder back."""
    return store.delete(Dismissal, dismissal_id(key))


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
                store.asks(),
                store.conversations(),
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
        keys = {d.key for d in store.all(Dismissal)}
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
    keys = {d.key for d in store.all(Dismissal)}
    found = [r for r in reminders_of(store, today, tz_name) if r.contact_id == contact_id]
    return sorted((r for r in found if r.key not in keys), key=lambda r: (r.due, r.key))
