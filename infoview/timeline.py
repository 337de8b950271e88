"""One contact's story: what happened with them, newest first, and whom they suggested."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from infoview.dates import safe_zone
from infoview.models import AskStatus, Contact, Conversation, Outreach, TouchBase
from infoview.store import Store


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
        how = touch.channel.label.lower()
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
