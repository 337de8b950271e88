"""Calendar files parse back with the right times, zones and alarms."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from infoview.io.ics import call_ics, dates_ics, followup_items
from infoview.models import Contact, Conversation
from infoview.reminders import CALL, conversation_reminders

STAMP = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


def test_call_file_keeps_the_time_zone_and_has_an_alarm():
    contact = Contact(full_name="Léa Dubois", organization="CNRS", reason="Her path to policy")
    start = datetime(2026, 12, 3, 15, 30, tzinfo=ZoneInfo("Europe/Paris"))
    conv = Conversation(contact_id=contact.id, scheduled_at=start, minutes=20)
    cal = Calendar.from_ical(call_ics(conv, contact, STAMP))
    (event,) = cal.walk("VEVENT")
    assert event.decoded("dtstart") == start
    assert event.decoded("dtstart").astimezone(UTC).hour == 14
    assert event.decoded("dtend") - event.decoded("dtstart") == timedelta(minutes=20)
    assert "Léa Dubois" in str(event["summary"])
    (alarm,) = event.walk("VALARM")
    assert alarm.decoded("trigger") == timedelta(minutes=-15)
    assert str(cal["version"]) == "2.0"


def test_naive_time_uses_the_conversation_zone():
    contact = Contact(full_name="Sam")
    conv = Conversation(
        contact_id=contact.id, scheduled_at=datetime(2026, 7, 1, 9, 0), timezone="America/Denver"
    )
    event = Calendar.from_ical(call_ics(conv, contact, STAMP)).walk("VEVENT")[0]
    assert event.decoded("dtstart").astimezone(UTC).hour == 15


def test_unscheduled_conversation_is_refused():
    contact = Contact(full_name="Sam")
    with pytest.raises(ValueError, match="no scheduled time"):
        call_ics(Conversation(contact_id=contact.id), contact, STAMP)


def test_reminder_dates_are_all_day_events():
    data = dates_ics(
        [("ask-1-f1", date(2026, 12, 1), "Follow up with Ana", "Send one polite note"),
         ("ask-1-f2", date(2026, 12, 7), "Last follow-up", "")],
        STAMP,
    )  # fmt: skip
    events = Calendar.from_ical(data).walk("VEVENT")
    assert [e.decoded("dtstart") for e in events] == [date(2026, 12, 1), date(2026, 12, 7)]
    assert [str(e["uid"]) for e in events] == ["ask-1-f1@infoview", "ask-1-f2@infoview"]


def test_call_file_carries_its_time_zone_rules():
    contact = Contact(full_name="Léa Dubois")
    start = datetime(2026, 12, 3, 15, 30, tzinfo=ZoneInfo("Europe/Paris"))
    data = call_ics(Conversation(contact_id=contact.id, scheduled_at=start), contact, STAMP)
    cal = Calendar.from_ical(data)
    (zone,) = cal.walk("VTIMEZONE")
    assert str(zone["tzid"]) == "Europe/Paris"
    assert {c.name for c in zone.subcomponents} == {"STANDARD", "DAYLIGHT"}
    assert data.index(b"BEGIN:VTIMEZONE") < data.index(b"BEGIN:VEVENT")
    assert len(data) < 4_000  # the rules around the call, not fifty years of them


def test_follow_up_dates_leave_out_the_call_which_has_its_own_timed_file():
    contact = Contact(full_name="Ana Ruiz")
    today = date(2026, 12, 1)
    start = datetime(2026, 12, 3, 15, 30, tzinfo=ZoneInfo("Europe/Paris"))
    conv = Conversation(contact_id=contact.id, scheduled_at=start)
    reminders = conversation_reminders(conv, contact, today, "Europe/Paris")
    assert [r.kind for r in reminders] == [CALL]  # the call alone: no follow-up date yet
    assert followup_items(reminders) == []
    held = conv.model_copy(update={"happened_on": date(2026, 12, 3), "scheduled_at": None})
    items = followup_items(conversation_reminders(held, contact, today))
    assert items and all("Call with" not in title for _, _, title, _ in items)
    events = Calendar.from_ical(dates_ics(items, STAMP)).walk("VEVENT")
    assert len(events) == len(items)
