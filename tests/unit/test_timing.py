"""The timing advisor: weekends, holidays and the academic calendar."""

from __future__ import annotations

from datetime import date

from infoview.coach.timing import advise_send_date
from infoview.models import AcademicCalendar, Sector

# Fall Aug 25 - Dec 18, spring Jan 15 - May 10 (the defaults).
CAL = AcademicCalendar()


def advise(day: date, sector=Sector.ACADEMIA, country: str = "US", cal=CAL):
    return advise_send_date(day, sector, cal, country)


def test_a_plain_weekday_is_good_with_no_better_date():
    advice = advise(date(2026, 10, 14), Sector.INDUSTRY)
    assert advice.verdict == "good"
    assert advice.better_date is None
    assert advice.slow_reply_note is None
    assert advice.reasons == ["A weekday with no public holiday: a fine day to send."]


def test_weekend_is_poor_and_monday_is_better():
    advice = advise(date(2026, 10, 17), Sector.INDUSTRY)  # Saturday
    assert advice.verdict == "poor"
    assert advice.reasons[0].startswith("Saturday")
    assert advice.better_date == date(2026, 10, 19)


def test_public_holiday_is_poor_and_named():
    advice = advise(date(2026, 11, 26), "industry")
    assert advice.verdict == "poor"
    assert "Thanksgiving Day" in advice.reasons[0]
    assert advice.better_date == date(2026, 11, 27)


def test_holiday_country_comes_from_settings():
    # Easter Monday: a holiday in Germany, an ordinary Monday in the US.
    assert advise(date(2026, 4, 6), Sector.INDUSTRY, "DE").verdict == "poor"
    assert advise(date(2026, 4, 6), Sector.INDUSTRY, "US").verdict == "good"


def test_the_days_before_a_holiday_are_ok_with_a_slow_reply_note():
    advice = advise(date(2026, 12, 23), Sector.INDUSTRY)  # Christmas on Friday
    assert advice.verdict == "ok"
    assert advice.better_date == date(2026, 12, 28)
    assert advice.slow_reply_note == (
        "Christmas Day falls on Dec 25: replies may take a little longer."
    )


def test_a_holiday_five_days_ahead_only_adds_a_note():
    advice = advise(date(2027, 2, 10), Sector.INDUSTRY)  # Presidents' Day on Feb 15
    assert advice.verdict == "good"
    assert "Washington's Birthday" in advice.slow_reply_note


def test_unknown_country_still_checks_weekends():
    assert advise(date(2026, 12, 25), Sector.INDUSTRY, "ZZ").verdict == "good"
    assert advise(date(2026, 12, 26), Sector.INDUSTRY, "ZZ").verdict == "poor"


def test_academic_rules_apply_only_to_academia():
    assert advise(date(2026, 9, 1), Sector.INDUSTRY).verdict == "good"
    assert advise(date(2026, 9, 1), Sector.ACADEMIA).verdict == "poor"


def test_first_two_weeks_of_the_semester_are_poor():
    first = advise(date(2026, 8, 25))
    assert first.verdict == "poor"
    assert "first two weeks" in first.reasons[0]
    assert advise(date(2026, 9, 4)).verdict == "poor"  # day 11
    # Day 15 is Tue Sep 8 (Mon Sep 7 is Labor Day).
    assert first.better_date == date(2026, 9, 8)
    assert advise(date(2026, 9, 8)).verdict == "good"


def test_mid_semester_is_good():
    advice = advise(date(2026, 10, 14))
    assert advice.verdict == "good"
    assert advice.reasons == ["Mid-fall semester: the easiest time to reach people in academia."]


def test_last_three_weeks_then_exam_weeks_are_poor():
    # Fall ends Fri Dec 18: the last 21 days start Nov 28, exam weeks (last 14) Dec 5.
    assert advise(date(2026, 11, 27)).verdict == "good"
    end = advise(date(2026, 11, 30))
    assert end.verdict == "poor"
    assert "last three weeks" in end.reasons[0]
    exams = advise(date(2026, 12, 7))
    assert exams.verdict == "poor"
    assert exams.reasons[0].startswith("Exam weeks")
    assert advise(date(2026, 12, 18)).reasons[0].startswith("Exam weeks")


def test_winter_break_is_ok_with_a_note_and_points_past_the_spring_start():
    advice = advise(date(2027, 1, 6))
    assert advice.verdict == "ok"
    assert advice.reasons[0].startswith("Winter break (until Jan 14)")
    assert "winter break" in advice.slow_reply_note
    # Spring starts Fri Jan 15; its first two weeks run to Jan 28.
    assert advice.better_date == date(2027, 1, 29)


def test_summer_break_is_ok_and_better_date_is_mid_fall():
    advice = advise(date(2026, 6, 23))
    assert advice.verdict == "ok"
    assert advice.reasons[0].startswith("Summer break (until Aug 24)")
    assert "summer break" in advice.slow_reply_note
    assert advice.better_date == date(2026, 9, 8)


def test_semester_edges_and_breaks_follow_a_custom_calendar():
    # A quarter-like school: fall Sep 20 - Dec 10, spring Jan 5 - Jun 10.
    cal = AcademicCalendar(
        fall_start=(9, 20), fall_end=(12, 10), spring_start=(1, 5), spring_end=(6, 10)
    )
    assert advise(date(2026, 9, 15), cal=cal).reasons[0].startswith("Summer break")
    assert advise(date(2026, 9, 22), cal=cal).verdict == "poor"
    assert advise(date(2026, 10, 14), cal=cal).verdict == "good"
    assert advise(date(2026, 12, 15), cal=cal).reasons[0].startswith("Winter break (until Jan 4)")
    assert advise(date(2027, 6, 1), cal=cal).reasons[0].startswith("Exam weeks")


def test_a_semester_that_runs_into_the_new_year():
    # Fall Oct 1 - Feb 15, spring Mar 1 - Jul 15.
    cal = AcademicCalendar(
        fall_start=(10, 1), fall_end=(2, 15), spring_start=(3, 1), spring_end=(7, 15)
    )
    assert advise(date(2027, 2, 10), cal=cal).reasons[0].startswith("Exam weeks")
    assert advise(date(2027, 2, 22), cal=cal).reasons[0].startswith("Winter break")
    assert advise(date(2026, 11, 18), cal=cal).verdict == "good"


def test_impossible_calendar_dates_are_clamped():
    cal = AcademicCalendar(fall_start=(2, 30), fall_end=(13, 40))
    advice = advise(date(2026, 6, 1), cal=cal)
    assert advice.verdict in {"good", "ok", "poor"}


def test_weekend_in_exam_weeks_lists_both_reasons():
    advice = advise(date(2026, 12, 12))  # Saturday
    assert advice.verdict == "poor"
    assert len(advice.reasons) == 2
    assert advice.reasons[0].startswith("Saturday")
    assert advice.reasons[1].startswith("Exam weeks")
