"""iCalendar (RFC 5545) files for scheduled calls and follow-up dates."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import Alarm, Calendar, Event

from infoview.models import Contact, Conversation
from infoview.reminders import CALL, Reminder

PRODID = "-//InfoView//Informational interviews//EN"
ALARM_MINUTES = 15


def _calendar() -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    return cal


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name) if name else ZoneInfo("UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def call_ics(conversation: Conversation, contact: Contact, stamp: datetime) -> bytes:
    """Return a calendar file for a scheduled call, with an alarm before it starts.

    ``stamp`` is when the file is made (DTSTAMP); passing it keeps the output reproducible.
    """
    if conversation.scheduled_at is None:
        raise ValueError("this conversation has no scheduled time")
    start = conversation.scheduled_at
    if start.tzinfo is None:
        start = start.replace(tzinfo=_zone(conversation.timezone))
    event = Event()
    event.add("uid", f"call-{conversation.id}@infoview")
    event.add("dtstamp", stamp)
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(minutes=conversation.minutes))
    event.add("summary", f"Informational interview with {contact.full_name}")
    where = "in person" if conversation.mode.value == "in person" else conversation.mode.value
    lines = [f"A {conversation.minutes}-minute {where} conversation."]
    if contact.organization or contact.title:
        lines.append(", ".join(p for p in (contact.title, contact.organization) if p))
    if contact.reason:
        lines.append(f"Why you are talking: {contact.reason}")
    lines.append("You offered to place the call. Bring your question plan.")
    event.add("description", "\n".join(lines))
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", f"Call with {contact.full_name} in {ALARM_MINUTES} minutes")
    alarm.add("trigger", timedelta(minutes=-ALARM_MINUTES))
    event.add_component(alarm)
    cal = _calendar()
    cal.add_component(event)
    # Some calendars (Outlook among them) need the zone's rules in the file, not just its name.
    # The rules for the year around the call are enough and keep the file small.
    cal.add_missing_timezones(
        first_date=start.date() - timedelta(days=366), last_date=start.date() + timedelta(days=366)
    )
    return cal.to_ical()


def followup_items(reminders: Iterable[Reminder]) -> list[tuple[str, date, str, str]]:
    """Return the dates_ics items of a contact's follow-up dates, leaving out the call itself.

    A scheduled call has its own timed calendar file; as an all-day event here it would show
    twice in the user's calendar, once at the wrong time.
    """
    return [
        (f"{r.key}-{r.due.isoformat()}", r.due, r.title, r.detail)
        for r in reminders
        if r.kind != CALL
    ]


def dates_ics(items: Iterable[tuple[str, date, str, str]], stamp: datetime) -> bytes:
    """Return a calendar of all-day reminders from (uid, day, title, detail) tuples."""
    cal = _calendar()
    for uid, day, title, detail in items:
        event = Event()
        event.add("uid", f"{uid}@infoview")
        event.add("dtstamp", stamp)
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        event.add("summary", title)
        if detail:
            event.add("description", detail)
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    return cal.to_ical()
