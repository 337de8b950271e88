"""Follow-up reminders, what is due, and corrections to an ask's status."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from infoview.dates import today_in
from infoview.models import AskStatus, Contact, Conversation, Outreach, Profile
from infoview.reminders import (
    Reminder,
    ask_reminders,
    ask_status_change,
    conversation_reminders,
    due_items,
    linkedin_note,
)

ANA = Contact(id="ana", full_name="Dr. Ana Ruiz", organization="City Health")
PROFILE = Profile()  # US, rhythm (3, 7)
# Mon Nov 23 2026: +3 business days is Fri Nov 27 (Thanksgiving skipped), +7 is Thu Dec 3,
# and "no reply" (+12) is Thu Dec 10.
SENT = Outreach(id="a1", contact_id="ana", status=AskStatus.SENT, sent_on=date(2026, 11, 23))


def kinds(reminders: list[Reminder]) -> list[tuple[str, date]]:
    return [(r.kind, r.due) for r in reminders]


def test_sent_ask_gets_the_three_steps_on_business_days():
    reminders = ask_reminders(SENT, ANA, PROFILE, today=date(2026, 11, 24))
    assert kinds(reminders) == [
        ("second_contact", date(2026, 11, 27)),
        ("follow_up", date(2026, 12, 3)),
        ("no_reply", date(2026, 12, 10)),
    ]
    assert [r.key for r in reminders] == ["ask:a1:second", "ask:a1:followup1", "ask:a1:noreply"]
    assert [r.action for r in reminders] == ["research", "ask", "ask"]
    assert reminders[0].title == "No reply yet from Ana: try a second person at City Health"
    assert all(r.contact_id == "ana" for r in reminders)


def test_a_later_due_step_replaces_the_earlier_ones():
    on_follow_up_day = ask_reminders(SENT, ANA, PROFILE, today=date(2026, 12, 3))
    assert [r.kind for r in on_follow_up_day] == ["follow_up", "no_reply"]
    much_later = ask_reminders(SENT, ANA, PROFILE, today=date(2027, 1, 20))
    assert [r.kind for r in much_later] == ["no_reply"]


def test_the_rhythm_and_country_come_from_the_profile():
    profile = Profile(followup_days=(2, 5), country="DE")
    # Germany does not stop for Thanksgiving: Mon Nov 23 + 2 = Wed Nov 25, + 5 = Mon Nov 30.
    reminders = ask_reminders(SENT, ANA, profile, today=date(2026, 11, 23))
    assert kinds(reminders)[:2] == [
        ("second_contact", date(2026, 11, 25)),
        ("follow_up", date(2026, 11, 30)),
    ]


def test_an_odd_rhythm_is_repaired():
    profile = Profile(followup_days=(0, 0))
    reminders = ask_reminders(SENT, ANA, profile, today=date(2026, 11, 23))
    assert kinds(reminders)[:2] == [
        ("second_contact", date(2026, 11, 24)),
        ("follow_up", date(2026, 11, 25)),
    ]


def test_no_reminders_unless_the_ask_is_sent_and_waiting():
    today = date(2026, 12, 3)
    for status in (AskStatus.DRAFT, AskStatus.REPLIED, AskStatus.DECLINED, AskStatus.NO_REPLY):
        ask = SENT.model_copy(update={"status": status})
        assert ask_reminders(ask, ANA, PROFILE, today) == []
    assert ask_reminders(SENT.model_copy(update={"sent_on": None}), ANA, PROFILE, today) == []


def test_recording_a_reply_cancels_the_reminders():
    replied = ask_status_change(SENT, AskStatus.REPLIED, datetime(2026, 11, 25, 9, tzinfo=UTC))
    assert ask_reminders(replied, ANA, PROFILE, date(2026, 12, 3)) == []


def test_contact_without_organization_gets_a_generic_second_person_tip():
    lone = Contact(id="bo", full_name="Bo Li")
    first = ask_reminders(SENT, lone, PROFILE, date(2026, 11, 23))[0]
    assert first.title == "No reply yet from Bo: try a second person where they work"


HELD = Conversation(id="c1", contact_id="ana", happened_on=date(2026, 11, 16))


def test_thank_you_and_report_back_are_due_after_a_conversation():
    reminders = conversation_reminders(HELD, ANA, today=date(2026, 11, 16))
    assert kinds(reminders) == [
        ("thank_you", date(2026, 11, 17)),  # within a day of the call
        ("linkedin", date(2026, 11, 18)),  # within two days
        ("report_back", date(2026, 12, 28)),  # six weeks later
    ]
    assert [r.key for r in reminders] == ["conv:c1:thanks", "conv:c1:linkedin", "conv:c1:report"]


def test_done_items_disappear():
    thanked = HELD.model_copy(update={"thank_you_sent_on": date(2026, 11, 16)})
    assert [r.kind for r in conversation_reminders(thanked, ANA, date(2026, 11, 17))] == [
        "linkedin",
        "report_back",
    ]
    reported = thanked.model_copy(update={"report_back_done_on": date(2026, 12, 20)})
    assert conversation_reminders(reported, ANA, date(2026, 12, 21)) == []


def test_the_linkedin_request_comes_two_days_after_the_call_with_a_short_note():
    [ask] = [
        r for r in conversation_reminders(HELD, ANA, date(2026, 11, 16)) if r.kind == "linkedin"
    ]
    assert ask.due == date(2026, 11, 18) and ask.title == "Connect with Ana on LinkedIn"
    note = linkedin_note(ANA, HELD.happened_on)
    assert note in ask.detail and "Nov 16" in note and len(note) <= 200
    # Two weeks on the moment has passed; someone imported from LinkedIn is connected already.
    assert "linkedin" not in kinds_of(conversation_reminders(HELD, ANA, date(2026, 12, 1)))
    linked = ANA.model_copy(update={"source": "linkedin"})
    assert "linkedin" not in kinds_of(conversation_reminders(HELD, linked, date(2026, 11, 16)))


def kinds_of(reminders) -> list[str]:
    return [r.kind for r in reminders]


def test_report_back_uses_its_own_due_date_when_set():
    conv = HELD.model_copy(update={"report_back_due": date(2027, 2, 1)})
    assert conversation_reminders(conv, ANA, date(2026, 11, 16))[-1].due == date(2027, 2, 1)


def test_upcoming_call_is_dated_in_the_users_time_zone():
    # 02:00 UTC on Dec 2 is still Dec 1, 18:00 in Los Angeles.
    conv = Conversation(
        id="c2", contact_id="ana", scheduled_at=datetime(2026, 12, 2, 2, tzinfo=UTC)
    )
    [call] = conversation_reminders(conv, ANA, date(2026, 11, 30), tz_name="America/Los_Angeles")
    assert (call.kind, call.due) == ("call", date(2026, 12, 1))
    assert call.title == "Call with Ana at 18:00"
    assert call.key == "conv:c2:call:2026-12-01"
    [utc] = conversation_reminders(conv, ANA, date(2026, 11, 30))
    assert (utc.due, utc.title) == (date(2026, 12, 2), "Call with Ana at 02:00")


def test_a_past_call_not_logged_asks_to_log_it():
    conv = Conversation(
        id="c3", contact_id="ana", scheduled_at=datetime(2026, 12, 1, 15, tzinfo=UTC)
    )
    [log] = conversation_reminders(conv, ANA, date(2026, 12, 3))
    assert (log.kind, log.key, log.due) == ("log_call", "conv:c3:log", date(2026, 12, 1))


def test_a_conversation_with_nothing_scheduled_has_no_reminders():
    assert conversation_reminders(Conversation(contact_id="ana"), ANA, date(2026, 12, 3)) == []


def reminder(key: str, due: date) -> Reminder:
    return Reminder(key, "ana", "follow_up", due, f"title {key}", "", "ask")


def test_due_items_split_overdue_today_and_this_week():
    today = date(2026, 12, 3)
    items = [
        reminder("later", today + timedelta(days=8)),
        reminder("week", today + timedelta(days=7)),
        reminder("today", today),
        reminder("tomorrow", today + timedelta(days=1)),
        reminder("overdue", today - timedelta(days=4)),
    ]
    now, soon = due_items(items, set(), today)
    assert [r.key for r in now] == ["overdue", "today"]
    assert [r.key for r in soon] == ["tomorrow", "week"]


def test_dismissed_reminders_are_hidden_and_come_back_when_undismissed():
    today = date(2026, 12, 3)
    items = [reminder("a", today), reminder("b", today)]
    assert [r.key for r in due_items(items, {"a"}, today)[0]] == ["b"]
    assert [r.key for r in due_items(items, set(), today)[0]] == ["a", "b"]


def test_the_horizon_can_be_changed():
    today = date(2026, 12, 3)
    items = [reminder("x", today + timedelta(days=3))]
    assert due_items(items, set(), today, horizon_days=2) == ([], [])


def test_what_is_due_depends_on_the_users_today():
    # At 02:00 UTC on Dec 3 it is still Dec 2 in New York: the thank-you for a call on Dec 2
    # (due within a day, on Dec 3) is not due yet there, but it is in Tokyo.
    now = datetime(2026, 12, 3, 2, tzinfo=UTC)
    conv = Conversation(id="c4", contact_id="ana", happened_on=date(2026, 12, 2))
    reminders = conversation_reminders(conv, ANA, date(2026, 12, 3))
    assert due_items(reminders, set(), today_in("America/New_York", now))[0] == []
    tokyo = due_items(reminders, set(), today_in("Asia/Tokyo", now))[0]
    assert [r.kind for r in tokyo] == ["thank_you"]


AT = datetime(2026, 11, 23, 15, 30, tzinfo=UTC)


def test_marking_sent_sets_the_date_and_records_the_change():
    draft = Outreach(id="a9", contact_id="ana")
    sent = ask_status_change(draft, AskStatus.SENT, AT)
    assert (sent.status, sent.sent_on, sent.replied_on) == ("sent", date(2026, 11, 23), None)
    assert [(h.status, h.at) for h in sent.history] == [("sent", AT)]
    assert draft.status == "draft" and draft.history == []  # the original is untouched


def test_a_send_date_can_be_given_or_corrected():
    draft = Outreach(id="a9", contact_id="ana")
    sent = ask_status_change(draft, "sent", AT, on=date(2026, 11, 20))
    assert sent.sent_on == date(2026, 11, 20)
    fixed = ask_status_change(sent, "sent", AT + timedelta(hours=1), on=date(2026, 11, 19))
    assert fixed.sent_on == date(2026, 11, 19)
    assert len(fixed.history) == 1  # same status: a date fix, not a new change


def test_undo_sent_clears_the_dates():
    sent = ask_status_change(Outreach(contact_id="ana"), "sent", AT)
    undone = ask_status_change(sent, AskStatus.DRAFT, AT + timedelta(minutes=5))
    assert (undone.status, undone.sent_on, undone.replied_on) == ("draft", None, None)
    assert [h.status for h in undone.history] == ["sent", "draft"]


def test_reply_and_its_correction():
    sent = ask_status_change(Outreach(contact_id="ana"), "sent", AT)
    later = datetime(2026, 11, 27, 10, tzinfo=UTC)
    replied = ask_status_change(sent, "replied", later)
    assert (replied.sent_on, replied.replied_on) == (date(2026, 11, 23), date(2026, 11, 27))
    # Undoing the reply keeps the original send date.
    back = ask_status_change(replied, "sent", later + timedelta(minutes=1))
    assert (back.status, back.sent_on, back.replied_on) == ("sent", date(2026, 11, 23), None)
    declined = ask_status_change(sent, AskStatus.DECLINED, later)
    assert declined.replied_on == date(2026, 11, 27)
    silent = ask_status_change(replied, AskStatus.NO_REPLY, later)
    assert (silent.status, silent.replied_on) == ("no reply", None)
