"""Keep in touch: rhythm arithmetic, what resets it, snoozes, "don't remind" and time zones."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from infoview.dates import today_in
from infoview.io.ics import dates_ics
from infoview.keep_in_touch import (
    AMBER,
    OK,
    RED,
    REFERRER,
    RhythmError,
    contact_warmth,
    log_touch,
    losing_touch,
    losing_touch_list,
    set_rhythm,
    snooze,
    suggested_reason,
    touches_of,
    warmth_of_all,
)
from infoview.models import (
    AskStatus,
    Contact,
    Conversation,
    Outreach,
    Profile,
    Rhythm,
    Target,
    TouchBase,
)
from infoview.reminders import dismiss, due_keep_in_touch, home_due, reminders_of
from infoview.store import Store

ANA = Contact(id="ana", full_name="Ana Ruiz", organization="Globex, Inc.")
PROFILE = Profile()  # met 90/180, referrer 60/120
MET_ON = date(2026, 1, 10)
MAR_1 = date(2026, 3, 1)


def talk(day: date = MET_ON, **extra) -> Conversation:
    return Conversation(id=f"c-{day}", contact_id="ana", happened_on=day, **extra)


def at(today: date, **kw):
    kw.setdefault("convs", [talk()])
    return contact_warmth(ANA, PROFILE, today, **kw)


def test_someone_never_talked_to_has_no_rhythm():
    assert contact_warmth(ANA, PROFILE, date(2027, 1, 1)) is None
    planned = Conversation(contact_id="ana", scheduled_at=datetime(2026, 1, 10, tzinfo=UTC))
    assert contact_warmth(ANA, PROFILE, date(2027, 1, 1), convs=[planned]) is None


def test_amber_from_the_ideal_gap_red_past_the_longest():
    assert at(MET_ON + timedelta(days=89)).level == OK
    w = at(MET_ON + timedelta(days=90))
    assert (w.level, w.due, w.priority) == (AMBER, MET_ON + timedelta(days=90), 0.0)
    assert at(MET_ON + timedelta(days=180)).level == AMBER
    w = at(MET_ON + timedelta(days=181))
    assert w.level == RED and w.priority == pytest.approx(91 / 90)


def test_people_who_introduced_the_user_have_the_tighter_default():
    w = at(MET_ON + timedelta(days=60), referred_someone=True)
    assert (w.relationship, w.ideal, w.longest, w.level) == (REFERRER, 60, 120, AMBER)


def test_the_defaults_come_from_the_profile():
    mine = Profile(rhythm_met=(30, 45))
    w = contact_warmth(ANA, mine, MET_ON + timedelta(days=46), convs=[talk()])
    assert (w.ideal, w.longest, w.level) == (30, 45, RED)


@pytest.mark.parametrize(
    ("kind", "records"),
    [
        ("ask sent", {"asks": [Outreach(contact_id="ana", status=AskStatus.SENT, sent_on=MAR_1)]}),
        ("answer", {"asks": [Outreach(contact_id="ana", status=AskStatus.REPLIED, sent_on=MET_ON,
                                      replied_on=MAR_1)]}),
        ("conversation", {"convs": [talk(), talk(date(2026, 3, 1))]}),
        ("thank-you", {"convs": [talk(thank_you_sent_on=date(2026, 3, 1))]}),
        ("report-back", {"convs": [talk(report_back_done_on=date(2026, 3, 1))]}),
        ("touched base", {"touches": [TouchBase(contact_id="ana", on=date(2026, 3, 1))]}),
    ],
)  # fmt: skip
def test_each_kind_of_interaction_resets_the_clock(kind, records):
    today = date(2026, 5, 1)  # 111 days after the call, 61 after the interaction
    assert at(today).level == AMBER
    w = at(today, **records)
    assert (w.last, w.level, w.days_since) == (date(2026, 3, 1), OK, 61), kind


def test_a_draft_ask_and_a_future_touch_do_not_reset_it():
    draft = Outreach(contact_id="ana", sent_on=date(2026, 4, 1))  # still a draft
    later = TouchBase(contact_id="ana", on=date(2026, 6, 1))
    w = at(date(2026, 5, 1), asks=[draft], touches=[later])
    assert (w.last, w.level) == (MET_ON, AMBER)


def test_a_snooze_hides_until_its_day_then_the_contact_is_back():
    today = date(2026, 5, 1)
    rhythm = Rhythm(contact_id="ana", snoozed_until=today + timedelta(days=7))
    assert at(today, rhythm=rhythm).level == OK
    assert at(today + timedelta(days=7), rhythm=rhythm).level == AMBER
    # A snooze that ended before the gap was reached changes nothing.
    old = Rhythm(contact_id="ana", snoozed_until=date(2026, 2, 1))
    assert at(date(2026, 4, 10), rhythm=old).due == date(2026, 4, 10)


def test_dont_remind_and_own_gaps():
    assert at(date(2027, 1, 1), rhythm=Rhythm(contact_id="ana", off=True)) is None
    own = at(date(2026, 2, 9), rhythm=Rhythm(contact_id="ana", ideal_days=30))
    assert (own.ideal, own.longest, own.own, own.level) == (30, 180, True, AMBER)
    with pytest.raises(ValueError, match="longest gap"):
        Rhythm(contact_id="ana", ideal_days=60, max_days=30)


def test_archived_contacts_are_not_reminded():
    gone = ANA.model_copy(update={"archived": True})
    assert contact_warmth(gone, PROFILE, date(2027, 1, 1), convs=[talk()]) is None


def test_the_day_follows_the_users_time_zone():
    # The ideal gap is reached on Apr 10; at 20:00 UTC on Apr 9 it is Apr 10 in Tokyo only.
    now = datetime(2026, 4, 9, 20, 0, tzinfo=UTC)
    assert at(today_in("Asia/Tokyo", now)).level == AMBER
    assert at(today_in("America/New_York", now)).level == OK


def test_most_overdue_first_by_days_past_the_gap_over_the_gap():
    today = date(2026, 6, 1)
    met = at(today)  # 142 days, ideal 90: (142-90)/90 = 0.58
    bo = Contact(id="bo", full_name="Bo")
    ref = contact_warmth(bo, PROFILE, today, convs=[talk(date(2026, 2, 1))], referred_someone=True)
    # 120 days, ideal 60: (120-60)/60 = 1.0, more overdue although talked to more recently.
    assert [w.contact_id for w in losing_touch([met, ref])] == ["bo", "ana"]


def test_the_suggested_reason_prefers_a_due_report_back_then_noted_news_then_next_steps():
    today = date(2026, 6, 1)
    owed = talk(next_steps="Read the 2025 strategy report")
    assert "report-back is due" in suggested_reason(ANA, [owed], today)
    done = talk(report_back_done_on=date(2026, 2, 20), next_steps="- Read the strategy report")
    globex = Target(organization="Globex", notes="Opened a Denver lab in May\nmore")
    assert suggested_reason(ANA, [done], today, globex).startswith("You noted about Globex:")
    assert suggested_reason(ANA, [done], today) == (
        "Ask how it went since your talk: Read the strategy report"
    )
    assert "Globex, Inc." in suggested_reason(ANA, [], today)


def test_the_store_keeps_touches_snoozes_and_own_rhythms(tmp_path):
    store = Store(tmp_path / "infoview.json")
    ana = store.save(ANA)
    store.save(talk())
    today = date(2026, 5, 1)
    assert [w.contact_id for w in losing_touch(warmth_of_all(store, today).values())] == ["ana"]
    with pytest.raises(RhythmError, match="still to come"):
        log_touch(store, ana.id, today + timedelta(days=1), "call", "", today)
    with pytest.raises(RhythmError):
        log_touch(store, ana.id, today, "carrier pigeon", "", today)
    assert store.count("touches") == 0
    log_touch(store, ana.id, today, "call", "Caught up about her new team", today)
    assert [t.note for t in touches_of(store, ana.id)] == ["Caught up about her new team"]
    assert losing_touch(warmth_of_all(store, today).values()) == []
    later = today + timedelta(days=100)
    snooze(store, ana.id, later, 30)
    assert losing_touch(warmth_of_all(store, later).values()) == []
    set_rhythm(store, ana.id, None, None, off=True)
    assert warmth_of_all(store, later + timedelta(days=40)) == {}
    with pytest.raises(RhythmError, match="longest gap"):
        set_rhythm(store, ana.id, 90, 30, off=False)
    assert store.delete_contact(ana.id)
    assert store.count("touches") == store.count("rhythms") == 0


def test_reminders_reach_home_and_the_calendar_only_through_one_machine(tmp_path):
    store = Store(tmp_path / "infoview.json")
    store.save(ANA)
    store.save(talk(thank_you_sent_on=MET_ON, report_back_done_on=date(2026, 2, 20)))
    due_soon = date(2026, 5, 17)  # the ideal gap ends May 21: in "This week"
    [r] = [r for r in reminders_of(store, due_soon, "UTC") if r.kind == "keep_in_touch"]
    assert r.due == date(2026, 5, 21) and r.contact_id == "ana"
    assert [x.kind for x in home_due(store, due_soon, "UTC").soon] == ["keep_in_touch"]
    # Once due, Home shows it under "Losing touch" rather than "Due today".
    assert home_due(store, date(2026, 5, 21), "UTC").now == []
    assert [d.contact.id for d in losing_touch_list(store, date(2026, 5, 21))] == ["ana"]
    # Dismissed from "This week", it stays away until the next interaction.
    dismiss(store, r.key)
    assert losing_touch_list(store, date(2026, 5, 21)) == []
    log_touch(store, "ana", date(2026, 5, 21), "call", "", date(2026, 5, 21))
    later = date(2026, 8, 20)
    assert [d.contact.id for d in losing_touch_list(store, later)] == ["ana"]


def test_due_keep_in_touch_reminders_go_into_the_calendar_file(tmp_path):
    store = Store(tmp_path / "infoview.json")
    store.save(ANA)
    store.save(talk())
    today = date(2026, 5, 1)
    [due] = due_keep_in_touch(store, today, "UTC")
    assert due.title == "Keep in touch with Ana: 15 weeks since your conversation"
    ics = dates_ics([(due.key, max(due.due, today), due.title, due.detail)], datetime.now(UTC))
    assert b"SUMMARY:Keep in touch with Ana" in ics and b"DTSTART;VALUE=DATE:20260501" in ics


def test_kept_warm_month_by_month_counts_each_person_met_by_where_they_stood():
    from infoview.keep_in_touch import PAST_IDEAL, PAST_LONGEST, WITHIN, Tie, kept_warm_by_month

    ana = Tie(date(2026, 1, 10), (date(2026, 1, 10), date(2026, 5, 20)), 90, 180)
    bo = Tie(date(2026, 3, 5), (date(2026, 3, 5),), 60, 120)
    rows = kept_warm_by_month([ana, bo], date(2026, 8, 15))
    table = {(m.month, state): n for m, state, n in rows}
    assert {m for m, _, _ in rows} == {date(2026, month, 1) for month in range(1, 9)}
    assert (table[(1, WITHIN)], table[(2, WITHIN)]) == (1, 1)  # Bo not met yet
    assert (table[(3, WITHIN)], table[(4, PAST_IDEAL)]) == (2, 1)  # Ana: 110 days on Apr 30
    assert table[(5, WITHIN)] == 1 and table[(5, PAST_IDEAL)] == 1  # Ana wrote; Bo 87 days
    assert table[(7, PAST_LONGEST)] == 1  # Bo: 148 days on Jul 31
    assert (table[(8, WITHIN)], table[(8, PAST_LONGEST)]) == (1, 1)  # Ana 87 days, Bo 163
    assert sum(n for m, _, n in rows if m.month == 8) == 2
    assert kept_warm_by_month([], date(2026, 8, 15)) == []


def test_after_a_merge_the_kept_contacts_own_rhythm_wins(tmp_path):
    from infoview.keep_in_touch import rhythm_id, rhythms_by_contact

    store = Store(tmp_path / "infoview.json")
    # The merged-away contact's snooze moved over to Ana, then Ana got her own settings.
    store.save(Rhythm(id=rhythm_id("gone"), contact_id="ana", off=True))
    store.save(Rhythm(id=rhythm_id("ana"), contact_id="ana", ideal_days=30))
    store.save(Rhythm(id=rhythm_id("gone2"), contact_id="ana", off=True))
    assert rhythms_by_contact(store)["ana"].ideal_days == 30
