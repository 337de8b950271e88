"""Business days around weekends and public holidays, and today in a time zone."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from infoview.dates import (
    business_days_after,
    holiday_name,
    is_business_day,
    moment_text,
    next_business_day,
    safe_zone,
    today_in,
    user_zone,
    valid_zone,
    zone_names,
    zone_options,
)


def test_weekdays_and_weekends():
    assert is_business_day(date(2026, 11, 17), "US")  # a Tuesday
    assert not is_business_day(date(2026, 11, 21), "US")  # Saturday
    assert not is_business_day(date(2026, 11, 22), "US")  # Sunday


def test_us_holidays_are_named_and_not_business_days():
    assert holiday_name(date(2026, 11, 26), "US") == "Thanksgiving Day"
    assert holiday_name(date(2026, 12, 25), "us") == "Christmas Day"
    assert holiday_name(date(2026, 11, 27), "US") is None
    assert not is_business_day(date(2026, 11, 26), "US")
    assert is_business_day(date(2026, 11, 27), "US")


def test_business_days_skip_a_weekend():
    # Thursday + 3 business days: Fri, Mon, Tue.
    assert business_days_after(date(2026, 11, 12), 3, "US") == date(2026, 11, 17)
    # Friday + 1 is Monday.
    assert business_days_after(date(2026, 11, 13), 1, "US") == date(2026, 11, 16)


def test_business_days_skip_thanksgiving_and_the_weekend():
    # Tue Nov 24 + 3: Wed 25, (Thu 26 Thanksgiving), Fri 27, (weekend), Mon 30.
    assert business_days_after(date(2026, 11, 24), 3, "US") == date(2026, 11, 30)
    # Mon Nov 23 + 7: 24, 25, 27, 30, Dec 1, 2, 3.
    assert business_days_after(date(2026, 11, 23), 7, "US") == date(2026, 12, 3)


def test_business_days_skip_christmas_and_new_year():
    # Wed Dec 23 2026 + 3: Thu 24, (Fri 25 Christmas), Mon 28, Tue 29.
    assert business_days_after(date(2026, 12, 23), 3, "US") == date(2026, 12, 29)
    # Wed Dec 30 + 2: Thu 31, (Fri Jan 1 2027), Mon Jan 4.
    assert business_days_after(date(2026, 12, 30), 2, "US") == date(2027, 1, 4)


def test_another_country_has_its_own_holidays():
    # Easter Monday 2026 (Apr 6) is a holiday in Germany but not in the US.
    assert holiday_name(date(2026, 4, 6), "DE") == "Easter Monday"
    assert is_business_day(date(2026, 4, 6), "US")
    # Thu Apr 2 + 2: Good Friday and Easter Monday skipped in Germany.
    assert business_days_after(date(2026, 4, 2), 2, "DE") == date(2026, 4, 8)
    assert business_days_after(date(2026, 4, 2), 2, "US") == date(2026, 4, 6)
    # Thanksgiving is an ordinary Thursday in Germany.
    assert is_business_day(date(2026, 11, 26), "DE")


@pytest.mark.parametrize("country", ["ZZ", "", "  ", "not a country", None])
def test_unknown_country_means_weekends_only(country):
    assert holiday_name(date(2026, 12, 25), country) is None
    assert business_days_after(date(2026, 12, 24), 1, country) == date(2026, 12, 25)


def test_zero_and_negative_business_days():
    assert business_days_after(date(2026, 11, 21), 0, "US") == date(2026, 11, 21)
    # Monday Nov 30 - 2: Fri 27, (Thanksgiving), Wed 25.
    assert business_days_after(date(2026, 11, 30), -2, "US") == date(2026, 11, 25)


def test_next_business_day():
    assert next_business_day(date(2026, 11, 26), "US") == date(2026, 11, 27)
    assert next_business_day(date(2026, 11, 28), "US") == date(2026, 11, 30)
    assert next_business_day(date(2026, 11, 30), "US") == date(2026, 11, 30)


def test_today_depends_on_the_time_zone():
    now = datetime(2026, 3, 10, 2, 30, tzinfo=UTC)
    assert today_in("UTC", now) == date(2026, 3, 10)
    assert today_in("America/Los_Angeles", now) == date(2026, 3, 9)
    assert today_in("Asia/Tokyo", datetime(2026, 3, 10, 16, 0, tzinfo=UTC)) == date(2026, 3, 11)


@pytest.mark.parametrize("name", ["", None, "Nowhere/City", "America", "../etc/passwd", "x\x00"])
def test_bad_time_zone_falls_back_to_utc(name):
    now = datetime(2026, 3, 10, 2, 30, tzinfo=UTC)
    assert safe_zone(name) is UTC
    assert today_in(name, now) == date(2026, 3, 10)


def test_naive_now_is_taken_as_utc():
    assert today_in("America/New_York", datetime(2026, 3, 10, 2, 0)) == date(2026, 3, 9)


def test_short_day_names_the_year_only_when_it_is_not_this_year():
    from infoview.dates import short_day

    today = date(2026, 11, 26)
    assert short_day(date(2026, 12, 8), today) == "Tue 08 Dec"
    assert short_day(date(2025, 12, 8), today) == "Mon 08 Dec 2025"
    assert short_day(date(2027, 1, 4), today) == "Mon 04 Jan 2027"


# ---------------------------------------------------------------- time zones


def test_user_zone_prefers_the_profile_then_the_browser_then_utc():
    assert user_zone("Europe/Berlin", "Asia/Tokyo") == "Europe/Berlin"
    assert user_zone("", "Asia/Tokyo") == "Asia/Tokyo"
    assert user_zone(None, " Asia/Tokyo ") == "Asia/Tokyo"
    assert user_zone("Mars/Olympus", "Not a zone") == "UTC"
    assert user_zone(None, None) == "UTC"


def test_valid_zone_knows_real_zones_only():
    assert valid_zone("America/Chicago") and valid_zone(" UTC ")
    assert not valid_zone("Nowhere/Special") and not valid_zone("") and not valid_zone(None)
    assert not valid_zone("America")  # a folder, not a zone


def test_one_zone_list_of_regional_names_and_utc():
    zones = zone_names()
    assert list(zones) == sorted(zones)
    assert "UTC" in zones and "America/Chicago" in zones and "Europe/Berlin" in zones
    assert "EST" not in zones and "Cuba" not in zones


def test_a_saved_zone_the_list_lacks_stays_selectable_and_comes_first():
    assert zone_options("Mars/Olympus")[0] == "Mars/Olympus"
    assert zone_options("EST")[0] == "EST"
    assert zone_options("UTC") == list(zone_names())
    assert zone_options("", "UTC", "Europe/Berlin") == list(zone_names())


def test_a_stored_time_is_shown_in_the_profiles_zone_and_names_it():
    moment = datetime(2026, 12, 3, 14, 5, 9, tzinfo=UTC)
    assert moment_text(moment, "America/New_York") == "2026-12-03 09:05 EST"
    assert moment_text(moment, "Europe/Berlin", seconds=True) == "2026-12-03 15:05:09 CET"
    # No zone set, or one that does not exist: the time stays in UTC and says so.
    assert moment_text(moment, "") == "2026-12-03 14:05 UTC"
    assert moment_text(moment, "Mars/Olympus") == "2026-12-03 14:05 UTC"
    assert moment_text(moment.replace(tzinfo=None), None) == "2026-12-03 14:05 UTC"
