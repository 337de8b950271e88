"""What every Network chart shares: colours, empty-state messages, figures and axes."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import altair as alt
import pandas as pd

from infoview.analytics import (
    ACTIVITY_KINDS,
    ALL,
    SECTOR_LABELS,
    SOURCE_LABELS,
    Filters,
)

# Okabe & Ito's palette: told apart with every common colour-vision deficiency.
OKABE_ITO = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#D55E00",  # vermillion
    "#F0E442",  # yellow: weak on white, so used last
    "#000000",
)
SOURCE_COLORS = dict(zip(SOURCE_LABELS.values(), OKABE_ITO, strict=False))
SECTOR_COLORS = dict(zip(SECTOR_LABELS.values(), OKABE_ITO, strict=False))
DARK_SECTORS = [s for s, c in SECTOR_COLORS.items() if c == OKABE_ITO[0]]
ACTIVITY_COLORS = {ACTIVITY_KINDS[0]: OKABE_ITO[0], ACTIVITY_KINDS[1]: OKABE_ITO[1]}
MUTED = "#8A8A8A"  # folded nodes, "other" bars and connecting lines
HEIGHT = 300

EMPTY_MESSAGES = {
    "growth": "Add contacts in Research or import your LinkedIn connections to see your "
    "network grow.",
    "funnel": "Give a contact a compelling reason in Research and send your first ask to see "
    "where your outreach moves and where it stalls.",
    "replies": "Mark your asks as sent, then record each reply as it comes in, to see how many "
    "people answer and how fast.",
    "tree": "When someone suggests another person to talk to, add that person as their "
    "referral: the chain of introductions grows here.",
    "activity": "Send an ask or log a conversation to see your activity month by month.",
    "warm": "Log a conversation to start seeing how many of the people you met you keep in "
    "touch with, month by month.",
    "mix": "Set a sector and a field for your contacts in Research to see which worlds your "
    "network reaches.",
}
FILTERED_MESSAGE = (
    "Nothing matches these filters. Widen the date range or clear the sector and source choices."
)
SAMPLE_HIDDEN_MESSAGE = (
    'Only sample records fill this chart so far, and they are left out: tick "Include sample '
    'data" to see them, or add your own records.'
)


def empty_message(chart: str, filters: Filters = ALL) -> str:
    """Return what the user can do to fill an empty chart (a filter hint when filters are on)."""
    if filters != ALL:
        return FILTERED_MESSAGE
    return EMPTY_MESSAGES[chart]


@dataclass(frozen=True)
class Figure:
    """One key figure: shown as st.metric(label, value, help=help); number is for tests."""

    label: str
    value: str
    number: float | None = None
    help: str = ""
    detail: str = ""  # a few words under the value, e.g. which step a share belongs to


@dataclass(frozen=True)
class Summary:
    """The key figures of one chart and a sentence that states them."""

    figures: tuple[Figure, ...]
    caption: str
    empty: bool = False

    def numbers(self) -> dict[str, float | None]:
        """Return each figure's number by its label."""
        return {f.label: f.number for f in self.figures}


def empty_summary(chart: str, filters: Filters) -> Summary:
    return Summary(figures=(), caption=empty_message(chart, filters), empty=True)


def sample_hidden_summary() -> Summary:
    """Return the empty state of a chart that only left-out sample records would fill."""
    return Summary(figures=(), caption=SAMPLE_HIDDEN_MESSAGE, empty=True)


def percent(share: float | None) -> str:
    if share is None or math.isnan(share):
        return "–"
    # 1 of 300 is not 0%, and 299 of 300 is not 100%.
    if 0 < share < 0.005:
        return "<1%"
    if 0.995 <= share < 1 and not math.isclose(share, 1):
        return ">99%"
    return f"{share:.0%}"


def day_count(days: int) -> str:
    return "the same day" if days == 0 else f"{days:,} day" + ("" if days == 1 else "s")


def days_text(days: float | None) -> str:
    """Return a median number of days as a reader says it ("Same day", "1.5 days")."""
    if days is None:
        return "–"
    if days == 0:
        return "Same day"
    shown = f"{days:g}"
    return f"{shown} day" if days == 1 else f"{shown} days"


def spread_text(q1: float | None, q3: float | None) -> str:
    """Return the middle half of reply times in whole days that contain it ("2–5 days")."""
    if q1 is None or q3 is None:
        return "–"
    low, high = math.floor(q1), math.ceil(q3)
    if low == high:
        return "Same day" if high == 0 else f"{day_count(high)}"
    return f"{low}–{high:,} days"


PERIOD_NAMES = {"W": "week", "M": "month", "Y": "year"}
PERIOD_FORMATS = {"W": "%b %-d, %Y", "M": "%b %Y", "Y": "%Y"}  # d3-time-format


def period_text(stamp: pd.Timestamp, freq: str) -> str:
    if freq == "W":
        return f"the week of {stamp:%b} {stamp.day}, {stamp:%Y}"
    return f"{stamp:%b %Y}" if freq == "M" else f"{stamp:%Y}"


ROW = 36  # px per bar
LABEL_LIMIT = 150  # px of a bar's name before "…": the full name is in the tooltip
FRAME = 130  # Streamlit fits title, axis labels and axis title inside the height (measured)
MOST_TIME_TICKS = 8  # a 390 px phone still reads this many month labels, some dropped evenly
_NICE_STEPS = [m * 10**k for k in range(10) for m in (1, 2, 5)]
_MONTH_STEPS = (1, 2, 3, 6, 12, 24, 60, 120)
_YEAR_STEPS = (1, 2, 5, 10, 20, 50, 100)
_WEEK_STEPS = (1, 2, 4, 8, 13, 26, 52, 104, 260)


def color_scale(colors: dict[str, str], present: Iterable[str] | None = None) -> alt.Scale:
    """Return a colour scale; with ``present``, only the categories the data holds (legends)."""
    if present is not None:
        shown = set(present)
        colors = {k: v for k, v in colors.items() if k in shown}
    return alt.Scale(domain=list(colors), range=list(colors.values()))


def rows_height(rows: int) -> int:
    """Return the height of a bar chart with one bar per row, title and axis included."""
    return ROW * max(rows, 1) + FRAME


def count_ticks(top: float, most: int = 5) -> list[int]:
    """Return whole-number ticks from 0 to at least ``top``, in at most ``most`` even steps.

    Counts have no halves, so the step is never below 1; the last tick is the axis's end,
    so no value sits above it, and an all-zero chart still has an axis from 0 to 1.
    """
    top = max(math.ceil(top) if top and not math.isnan(top) else 0, 1)
    step = next(s for s in _NICE_STEPS if math.ceil(top / s) <= most)
    return list(range(0, math.ceil(top / step) * step + 1, step))


def count_axis(top: float, title: str | None, fmt: str = ",d", pad: int = 0) -> dict:
    ticks = count_ticks(top)
    return {
        "title": title,
        "scale": alt.Scale(domain=[0, ticks[-1]], nice=False, padding=pad),
        "axis": alt.Axis(values=ticks, format=fmt, tickMinStep=1),
    }


def time_ticks(
    periods: Iterable[pd.Timestamp], freq: str, most: int = MOST_TIME_TICKS
) -> list[pd.Timestamp]:
    """Return the period starts to label: evenly spaced, on month or year starts for those views.

    Months step by 1, 2, 3, 6 or 12 (a January every year), years by 1, 2, 5 or 10, weeks by
    1, 2, 4, 8... weeks from the first, so a "Month" view never shows a tick between months.
    """
    stamps = sorted(set(pd.Timestamp(p) for p in periods))
    if not stamps:
        return []
    for step in {"M": _MONTH_STEPS, "Y": _YEAR_STEPS}.get(freq, _WEEK_STEPS):
        if freq == "M":
            chosen = [t for t in stamps if (t.year * 12 + t.month - 1) % step == 0]
        elif freq == "Y":
            chosen = [t for t in stamps if t.year % step == 0]
        else:
            chosen = stamps[::step]
        if chosen and len(chosen) <= most:
            return chosen
    return stamps[:: math.ceil(len(stamps) / most)]


def _time_format(stamps: Sequence[pd.Timestamp], freq: str) -> str:
    if freq == "W":
        return "%b %-d" if len({t.year for t in stamps}) <= 1 else "%b %-d, %Y"
    return PERIOD_FORMATS.get(freq, "%b %Y")


def time_axis(periods: Iterable[pd.Timestamp], freq: str, title: str) -> alt.Axis:
    ticks = time_ticks(periods, freq)
    return alt.Axis(
        title=title,
        values=[alt.DateTime(year=t.year, month=t.month, date=t.day) for t in ticks],
        format=_time_format(ticks, freq),
        labelOverlap=True,
    )
