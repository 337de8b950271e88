"""Calendar files parse back with the right times, zones and alarms."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from infoview.io.ics import call_ics, dates_ics
from infoview.models import Contact, Conversation

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
