"""Business days with each country's public holidays, time zones, and "today" in the user's zone."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, timedelta, tzinfo
from functools import cache
from types import MappingProxyType
from zoneinfo import ZoneInfo, available_timezones

import holidays

TODAY_ENV = "INFOVIEW_TODAY"
# A day far enough ahead that a loop over business days always ends, even with a bad n.
MAX_BUSINESS_DAYS = 3_660
# The zone used when neither the profile nor the browser names a known one.
FALLBACK_ZONE = "UTC"


@cache
def _holidays_in(country: str, year: int) -> MappingProxyType[date, str]:
    """Return one country's public holidays for one year (empty for an unknown country)."""
    try:
        table = holidays.country_holidays(country, years=year)
        if "en_US" in getattr(table, "supported_languages", ()):
            # The app speaks English; without this the names follow the host's locale.
            table = holidays.country_holidays(country, years=year, language="en_US")
    except (NotImplementedError, KeyError, ValueError, TypeError):
        # Unknown or malformed country code: plan without holidays rather than fail.
        return MappingProxyType({})
    # A read-only copy: the library's object fills in years lazily, which is unsafe to share.
    return MappingProxyType({day: str(name) for day, name in table.items() if day.year == year})


def _country_code(country: str | None) -> str:
    return (country or "").strip().upper()


def holiday_name(day: date, country: str) -> str | None:
    """Return the name of the public holiday on ``day`` in ``country``, or None."""
    code = _country_code(country)
    if not code:
        return None
    return _holidays_in(code, day.year).get(day)


def is_business_day(day: date, country: str) -> bool:
    """Return True for a weekday that is not a public holiday in ``country``."""
    return day.weekday() < 5 and holiday_name(day, country) is None


def business_days_after(start: date, n: int, country: str) -> date:
    """Return the day ``n`` business days after ``start`` (before it when ``n`` is negative)."""
    step = 1 if n >= 0 else -1
    remaining = min(abs(n), MAX_BUSINESS_DAYS)
    day = start
    while remaining:
        day += timedelta(days=step)
        if is_business_day(day, country):
            remaining -= 1
    return day


def next_business_day(day: date, country: str) -> date:
    """Return ``day`` itself if it is a business day, else the next one."""
    while not is_business_day(day, country):
        day += timedelta(days=1)
    return day


def valid_zone(name: str | None) -> bool:
    """Return True when ``name`` is a time zone this machine knows."""
    if not name or not name.strip():
        return False
    try:
        ZoneInfo(name.strip())
    except (ValueError, KeyError, OSError):
        return False
    return True


def user_zone(profile_zone: str | None, browser_zone: str | None = None) -> str:
    """Return the user's time zone: the profile's, else the browser's, else UTC."""
    for name in (profile_zone, browser_zone):
        if name and valid_zone(name):
            return name.strip()
    return FALLBACK_ZONE


@cache
def zone_names() -> tuple[str, ...]:
    """Return the zones offered in every time-zone list: "Region/City" names and UTC, sorted.

    Legacy names without a region ("EST", "Cuba", "Zulu") are left out: each is the same
    clock as a regional name in the list.
    """
    return tuple(sorted(z for z in available_timezones() if "/" in z or z == "UTC"))


def zone_options(*keep: str) -> list[str]:
    """Return the zones to choose from; a name in ``keep`` that the list lacks comes first.

    A saved zone is kept this way even when it is a legacy or unknown name, so showing a
    form never changes it.
    """
    zones = list(zone_names())
    listed = set(zones)
    extra = [z for z in dict.fromkeys(keep) if z and z.strip() and z not in listed]
    return extra + zones


def safe_zone(tz_name: str | None) -> tzinfo:
    """Return the named time zone, or UTC when the name is empty or unknown."""
    name = (tz_name or "").strip()
    if not name:
        return UTC
    try:
        return ZoneInfo(name)
    except (ValueError, KeyError, OSError):
        # ZoneInfo raises all three for bad keys (malformed, unknown, a folder like "America").
        return UTC


def fixed_today() -> date | None:
    """Return the day set in ``INFOVIEW_TODAY`` (YYYY-MM-DD), which the app takes as today.

    It lets a browser test (or a demo) move the app's clock; unset or malformed means none.
    """
    raw = os.environ.get(TODAY_ENV, "").strip()
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        return None


def today_in(tz_name: str | None, now: datetime | None = None) -> date:
    """Return today's date in the named time zone (UTC if unknown); ``now`` is for tests.

    Without ``now``, a day set in ``INFOVIEW_TODAY`` wins over the clock.
    """
    if now is None:
        fixed = fixed_today()
        if fixed is not None:
            return fixed
    moment = now if now is not None else datetime.now(UTC)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(safe_zone(tz_name)).date()


def short_day(day: date, today: date) -> str:
    """Format a day as "Tue 08 Dec", adding the year when it is not this year's."""
    return f"{day:%a %d %b}" if day.year == today.year else f"{day:%a %d %b %Y}"


def moment_text(moment: datetime, tz_name: str | None, seconds: bool = False) -> str:
    """Format a stored time in the user's time zone and name the zone ("2026-12-03 09:15 EST").

    With no time zone set (or an unknown one) the time is shown in UTC and says so.
    """
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    local = moment.astimezone(safe_zone(tz_name))
    clock = "%H:%M:%S" if seconds else "%H:%M"
    return f"{local:%Y-%m-%d} {local.strftime(clock)} {local.tzname() or 'UTC'}"
