"""When to send an ask: weekends, public holidays and, in academia, the rhythm of the semester.

The academic windows, all computed from the profile's (month, day) pairs every year:

- semester start: the first 14 days of a semester, start day included (poor);
- exam weeks: the last 14 days of a semester, end day included (poor);
- end of semester: the 7 days before the exam weeks, so with them the last 21 days (poor);
- winter break: the days after the fall semester ends and before the spring one starts (ok,
  with a slow-reply note), and summer break likewise from spring's end to fall's start;
- mid-semester: every other day of a semester (good).
"""

from __future__ import annotations

import calendar as _calendar
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import pairwise

from infoview.dates import holiday_name
from infoview.models import AcademicCalendar, Sector

GOOD = "good"
OK = "ok"
POOR = "poor"

START_DAYS = 14
EXAM_DAYS = 14
END_DAYS = 21
# A public holiday this close ahead slows replies down.
HOLIDAY_LOOKAHEAD_DAYS = 3
SLOW_NOTE_LOOKAHEAD_DAYS = 5
# How far ahead to look for a better day before giving up (a calendar with no good day).
SEARCH_DAYS = 400


@dataclass(frozen=True)
class TimingAdvice:
    """A verdict on a planned send date, why, and a better date when there is one."""

    verdict: str
    reasons: list[str] = field(default_factory=list)
    better_date: date | None = None
    slow_reply_note: str | None = None


@dataclass(frozen=True)
class _Term:
    name: str
    start: date
    end: date


def _on(year: int, month_day: tuple[int, int]) -> date:
    """Return the (month, day) pair in ``year``, clamped to a real date (Feb 30 -> Feb 28)."""
    month = min(max(int(month_day[0]), 1), 12)
    last = _calendar.monthrange(year, month)[1]
    return date(year, month, min(max(int(month_day[1]), 1), last))


def _terms(year: int, cal: AcademicCalendar) -> list[_Term]:
    """Return the fall and spring semesters that begin in ``year`` (an end before the start
    means the semester runs into the next year)."""
    terms = []
    for name, start_md, end_md in (
        ("spring", cal.spring_start, cal.spring_end),
        ("fall", cal.fall_start, cal.fall_end),
    ):
        start = _on(year, start_md)
        end = _on(year, end_md)
        if end < start:
            end = _on(year + 1, end_md)
        terms.append(_Term(name, start, end))
    return terms


def _short(day: date) -> str:
    return f"{day:%b} {day.day}"


def _academic(day: date, cal: AcademicCalendar) -> tuple[str, str, str | None]:
    """Return (verdict, reason, break name or None) for ``day`` in the academic year."""
    terms = sorted(
        (t for year in (day.year - 1, day.year, day.year + 1) for t in _terms(year, cal)),
        key=lambda t: t.start,
    )
    for term in terms:
        if not term.start <= day <= term.end:
            continue
        into = (day - term.start).days
        left = (term.end - day).days
        if into < START_DAYS:
            until = term.start + timedelta(days=START_DAYS - 1)
            return (
                POOR,
                f"The {term.name} semester began on {_short(term.start)}; its first two weeks "
                f"(until {_short(until)}) are the busiest for faculty and staff.",
                None,
            )
        if left < EXAM_DAYS:
            return (
                POOR,
                f"Exam weeks: the last two weeks of the {term.name} semester (it ends "
                f"{_short(term.end)}) fill up with exams and grading.",
                None,
            )
        if left < END_DAYS:
            return (
                POOR,
                f"The {term.name} semester is in its last three weeks (it ends "
                f"{_short(term.end)}); people are wrapping up and hard to reach.",
                None,
            )
        return (
            GOOD,
            f"Mid-{term.name} semester: the easiest time to reach people in academia.",
            None,
        )
    for before, after in pairwise(terms):
        if before.end < day < after.start:
            name = "Winter break" if before.name == "fall" else "Summer break"
            return (
                OK,
                f"{name} (until {_short(after.start - timedelta(days=1))}): many people in "
                "academia travel or work reduced hours.",
                name.lower(),
            )
    return GOOD, "Outside the semester dates in your settings.", None


def _verdict(day: date, academic: bool, cal: AcademicCalendar, country: str) -> str:
    return _assess(day, academic, cal, country)[0]


def _assess(
    day: date, academic: bool, cal: AcademicCalendar, country: str
) -> tuple[str, list[str], str | None]:
    """Return (verdict, reasons, slow-reply note) for one day."""
    verdicts: list[str] = []
    reasons: list[str] = []
    note: str | None = None
    if day.weekday() >= 5:
        verdicts.append(POOR)
        reasons.append(
            f"{day:%A}: a weekend email tends to sink under Monday's pile. Send it on a weekday."
        )
    holiday = holiday_name(day, country)
    if holiday:
        verdicts.append(POOR)
        reasons.append(f"{_short(day)} is a public holiday ({holiday}): many people are off.")
    else:
        for ahead in range(1, SLOW_NOTE_LOOKAHEAD_DAYS + 1):
            upcoming = day + timedelta(days=ahead)
            name = holiday_name(upcoming, country)
            if not name:
                continue
            note = f"{name} falls on {_short(upcoming)}: replies may take a little longer."
            if ahead <= HOLIDAY_LOOKAHEAD_DAYS and day.weekday() < 5:
                verdicts.append(OK)
                reasons.append(
                    f"{name} is only {ahead} day{'s' if ahead > 1 else ''} away: your email may "
                    "wait until people are back."
                )
            break
    if academic:
        verdict, reason, break_name = _academic(day, cal)
        verdicts.append(verdict)
        if verdict != GOOD or not reasons:
            reasons.append(reason)
        if break_name:
            note = (
                f"During {break_name} many people are away or on reduced hours, so a reply "
                "may take longer than usual."
            )
    if not reasons:
        reasons.append("A weekday with no public holiday: a fine day to send.")
    for level in (POOR, OK):
        if level in verdicts:
            return level, reasons, note
    return GOOD, reasons, note


def advise_send_date(
    day: date, sector: Sector | str | None, calendar: AcademicCalendar, country: str
) -> TimingAdvice:
    """Judge a planned send date and suggest the next good one if it is not good."""
    academic = str(sector or "") == Sector.ACADEMIA.value
    verdict, reasons, note = _assess(day, academic, calendar, country)
    better = None
    if verdict != GOOD:
        for ahead in range(1, SEARCH_DAYS + 1):
            candidate = day + timedelta(days=ahead)
            if _verdict(candidate, academic, calendar, country) == GOOD:
                better = candidate
                break
    return TimingAdvice(verdict=verdict, reasons=reasons, better_date=better, slow_reply_note=note)
