"""Altair builders for the Network page (aggregated DataFrame in, chart out) and their summaries.

Each chart has a Summary: the key figures and a sentence the page shows beside the chart, so
the numbers stay readable when Streamlit draws the chart on a canvas. Summaries hold no user
text (names, fields), so the page may show them as st.metric or st.caption safely.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import altair as alt
import numpy as np
import pandas as pd

from infoview.analytics import (
    ACTIVITY_KINDS,
    ALL,
    MUTED_CATEGORIES,
    NO_FIELD,
    NO_TITLE,
    OTHER_FIELDS,
    SECTOR_LABELS,
    SOURCE_LABELS,
    Filters,
    ReplyStats,
    Tree,
)
from infoview.wording import counted, number

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
_DARK_SECTORS = [s for s, c in SECTOR_COLORS.items() if c == OKABE_ITO[0]]
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


# ---------------------------------------------------------------------------- summaries
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


def _empty(chart: str, filters: Filters) -> Summary:
    return Summary(figures=(), caption=empty_message(chart, filters), empty=True)


def sample_hidden_summary() -> Summary:
    """Return the empty state of a chart that only left-out sample records would fill."""
    return Summary(figures=(), caption=SAMPLE_HIDDEN_MESSAGE, empty=True)


def _pct(share: float | None) -> str:
    if share is None or math.isnan(share):
        return "–"
    # 1 of 300 is not 0%, and 299 of 300 is not 100%.
    if 0 < share < 0.005:
        return "<1%"
    if 0.995 <= share < 1 and not math.isclose(share, 1):
        return ">99%"
    return f"{share:.0%}"


def _daynumber(days: int) -> str:
    return "the same day" if days == 0 else f"{days:,} day" + ("" if days == 1 else "s")


def _days(days: float | None) -> str:
    """Return a median number of days as a reader says it ("Same day", "1.5 days")."""
    if days is None:
        return "–"
    if days == 0:
        return "Same day"
    shown = f"{days:g}"
    return f"{shown} day" if days == 1 else f"{shown} days"


def _spread(q1: float | None, q3: float | None) -> str:
    """Return the middle half of reply times in whole days that contain it ("2–5 days")."""
    if q1 is None or q3 is None:
        return "–"
    low, high = math.floor(q1), math.ceil(q3)
    if low == high:
        return "Same day" if high == 0 else f"{_daynumber(high)}"
    return f"{low}–{high:,} days"


_PERIOD_NAMES = {"W": "week", "M": "month", "Y": "year"}
_PERIOD_FORMATS = {"W": "%b %-d, %Y", "M": "%b %Y", "Y": "%Y"}  # d3-time-format


def _period_text(stamp: pd.Timestamp, freq: str) -> str:
    if freq == "W":
        return f"the week of {stamp:%b} {stamp.day}, {stamp:%Y}"
    return f"{stamp:%b %Y}" if freq == "M" else f"{stamp:%Y}"


def growth_summary(frame: pd.DataFrame, filters: Filters = ALL) -> Summary:
    """Return the network size at the end, how many joined in the range, and the main source."""
    if frame.empty:
        return _empty("growth", filters)
    freq = frame.attrs.get("freq", "W")
    last = frame[frame["period"] == frame["period"].max()].set_index("source")["contacts"]
    total = int(last.sum())
    added = int(frame["added"].sum())
    top = str(last.idxmax())
    parts = ", ".join(f"{number(n)} {src}" for src, n in last.sort_values(ascending=False).items())
    first_text = _period_text(frame["period"].min(), freq)
    last_text = _period_text(frame["period"].max(), freq)
    return Summary(
        figures=(
            Figure(
                "Contacts",
                number(total),
                total,
                "Network size at the end of the chart, archived people left out as on Home.",
            ),
            Figure("Joined in this range", number(added), added),
            Figure("Largest source", top, float(last.max()), counted(int(last.max()), "contact")),
        ),
        caption=f"{counted(total, 'contact')} by {last_text} ({parts}); {number(added)} joined "
        + (f"in {last_text}." if first_text == last_text else f"from {first_text} to {last_text}."),
    )


def funnel_summary(frame: pd.DataFrame, filters: Filters = ALL) -> Summary:
    """Return the first and last step's counts and the step where most contacts stall."""
    if frame.empty or not frame["contacts"].iloc[0]:
        return _empty("funnel", filters)
    steps = frame.dropna(subset=["conversion"])
    weakest = steps.loc[steps["conversion"].idxmin()] if len(steps) else None
    labels = list(frame["stage"])
    figures = [
        Figure(labels[0], number(frame["contacts"].iloc[0]), float(frame["contacts"].iloc[0])),
        Figure(labels[-1], number(frame["contacts"].iloc[-1]), float(frame["contacts"].iloc[-1])),
    ]
    stall = ""
    if weakest is not None:
        before = labels[int(weakest["step"]) - 1]
        figures.append(
            Figure(
                "Weakest step",
                _pct(weakest["conversion"]),
                float(weakest["conversion"]),
                f"Only {_pct(weakest['conversion'])} move on at this step.",
                detail=f"{before} → {weakest['stage']}",
            )
        )
        stall = (
            f" The weakest step is {before.lower()} to {weakest['stage'].lower()} "
            f"({_pct(weakest['conversion'])})."
        )
    steps_text = ", ".join(
        f"{row.stage.lower()} {number(row.contacts)}" for row in frame.itertuples()
    )
    return Summary(
        figures=tuple(figures),
        caption=(
            "Contacts (not archived, chosen by the day they joined your network), each bar "
            f"counting those for whom that step happened: {steps_text}.{stall}"
        ),
    )


def replies_summary(stats: ReplyStats, filters: Filters = ALL) -> Summary:
    """Return asks sent, reply rate, median days to reply and the middle half of reply times."""
    if not stats.sent:
        return _empty("replies", filters)
    spread = _spread(stats.q1_days, stats.q3_days)
    figures = (
        Figure("Asks sent", number(stats.sent), stats.sent),
        Figure("Reply rate", _pct(stats.rate), stats.rate, f"{number(stats.replied)} replied"),
        Figure("Median days to reply", _days(stats.median_days), stats.median_days),
        Figure(
            "Middle half of replies",
            spread,
            None if stats.q1_days is None else stats.q3_days - stats.q1_days,
            "Half of all replies came within this many days of the ask.",
        ),
    )
    caption = (
        f"{number(stats.replied)} of {counted(stats.sent, 'ask')} got a reply ({_pct(stats.rate)})."
    )
    if stats.median_days is not None:
        within = math.ceil(stats.median_days)  # replies are counted in whole days
        caption += (
            " Half of the replies came the same day."
            if within == 0
            else f" Half of the replies came within {_daynumber(within)}."
        )
    by_sector = stats.by_sector
    if len(by_sector) > 1:
        best = by_sector.loc[by_sector["rate"].idxmax()]
        caption += f" {best['sector']} replies most often ({_pct(best['rate'])})."
    return Summary(figures=figures, caption=caption)


def tree_summary(tree: Tree, filters: Filters = ALL) -> Summary:
    """Return people in referral chains, the longest chain and the most introductions by one."""
    if not tree.size:
        return _empty("tree", filters)
    most = int(tree.top_referrers["referred"].max()) if len(tree.top_referrers) else 0
    figures = (
        Figure("People in referral chains", number(tree.size), tree.size),
        Figure(
            "Longest chain",
            f"{tree.depth} people",
            tree.depth,
            "Introductions in a row, counting the first person.",
        ),
        Figure("Most introductions by one person", number(most), most),
    )
    caption = (
        f"{number(tree.size)} people are linked by referrals, starting from {number(tree.roots)} "
        f"{'person' if tree.roots == 1 else 'people'}; the longest chain runs {tree.depth} people "
        "deep."
    )
    if tree.shown < tree.size:
        caption += f' {number(tree.shown)} are drawn; the rest are grouped as "+N more".'
    if tree.cycles:
        caption += (
            f" {tree.cycles} referral loop{'s were' if tree.cycles > 1 else ' was'} found and cut "
            "to draw the tree: check who referred whom."
        )
    return Summary(figures=figures, caption=caption)


def activity_summary(frame: pd.DataFrame, filters: Filters = ALL) -> Summary:
    """Return asks sent, conversations held and the busiest month."""
    if frame.empty or not frame["count"].sum():
        return _empty("activity", filters)
    totals = frame.groupby("kind")["count"].sum()
    per_month = frame.groupby("month")["count"].sum()
    busiest = per_month.idxmax()
    asks = int(totals.get(ACTIVITY_KINDS[0], 0))
    talks = int(totals.get(ACTIVITY_KINDS[1], 0))
    months = len(per_month)
    return Summary(
        figures=(
            Figure("Asks sent", number(asks), asks),
            Figure("Conversations held", number(talks), talks),
            Figure(
                "Busiest month",
                f"{busiest:%b %Y}",
                float(per_month.max()),
                counted(int(per_month.max()), "ask or conversation", "asks and conversations"),
            ),
        ),
        caption=f"{counted(asks, 'ask')} sent and {counted(talks, 'conversation')} held over "
        f"{counted(months, 'month')}; the busiest was {busiest:%B %Y}.",
    )


def mix_summary(frame: pd.DataFrame, filters: Filters = ALL) -> Summary:
    """Return the largest sector's share, how many sectors are guessed, fields and roles.

    Role groups are InfoView's own words; organization names and fields are the user's, so
    they stay out of the figures and the caption.
    """
    if frame.empty:
        return _empty("mix", filters)
    sectors = frame[frame["dimension"] == "Sector"]
    fields = frame[frame["dimension"] == "Field"]
    roles = frame[(frame["dimension"] == "Role") & ~frame["category"].isin(MUTED_CATEGORIES)]
    top = sectors.loc[sectors["contacts"].idxmax()]
    total = int(sectors["contacts"].sum())
    guessed = int(sectors["inferred"].sum()) if "inferred" in sectors else 0
    unnamed = fields.loc[fields["category"] == NO_FIELD, "share"].sum()
    named = fields[~fields["category"].isin([NO_FIELD, OTHER_FIELDS])]
    top_field = float(named["share"].max()) if len(named) else None
    figures = [
        Figure("Largest sector", str(top["category"]), float(top["share"]), _pct(top["share"])),
        Figure("Sectors", number(len(sectors)), len(sectors)),
    ]
    titled = frame[(frame["dimension"] == "Role") & (frame["category"] != NO_TITLE)]
    if top_field is None and len(titled):
        # Nobody has a field yet (a LinkedIn import gives none): what their titles cover says more.
        share = int(titled["contacts"].sum()) / total  # counts: a sum of shares drifts
        figures.append(Figure("Contacts with a job title", _pct(share), share))
    else:
        figures.append(Figure("Contacts with a field", _pct(1 - unnamed), float(1 - unnamed)))
    caption = (
        f"{top['category']} holds {_pct(top['share'])} of these contacts across "
        f"{counted(len(sectors), 'sector')}"
    )
    if guessed:
        caption += (
            f" ({number(guessed)} of {number(total)} sectors guessed from organization and "
            "title: check them in Research)"
        )
    caption += "; " + (
        f"the most common field covers {_pct(top_field)}."
        if top_field is not None
        else "no contact has a field yet."
    )
    if len(roles):
        role = roles.loc[roles["contacts"].idxmax()]
        figures.append(
            Figure(
                "Most common role", str(role["category"]), float(role["share"]), _pct(role["share"])
            )
        )
        caption += (
            f" By job title, the most common role is {str(role['category']).lower()} "
            f"({_pct(role['share'])})."
        )
    return Summary(figures=tuple(figures), caption=caption)


# ---------------------------------------------------------------------------- axes
ROW = 36  # px per bar
LABEL_LIMIT = 150  # px of a bar's name before "…": the full name is in the tooltip
FRAME = 130  # Streamlit fits title, axis labels and axis title inside the height (measured)
MOST_TIME_TICKS = 8  # a 390 px phone still reads this many month labels, some dropped evenly
_NICE_STEPS = [m * 10**k for k in range(10) for m in (1, 2, 5)]
_MONTH_STEPS = (1, 2, 3, 6, 12, 24, 60, 120)
_YEAR_STEPS = (1, 2, 5, 10, 20, 50, 100)
_WEEK_STEPS = (1, 2, 4, 8, 13, 26, 52, 104, 260)


def _scale(colors: dict[str, str], present: Iterable[str] | None = None) -> alt.Scale:
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


def _count_axis(top: float, title: str | None, fmt: str = ",d", pad: int = 0) -> dict:
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
    return _PERIOD_FORMATS.get(freq, "%b %Y")


def _time_axis(periods: Iterable[pd.Timestamp], freq: str, title: str) -> alt.Axis:
    ticks = time_ticks(periods, freq)
    return alt.Axis(
        title=title,
        values=[alt.DateTime(year=t.year, month=t.month, date=t.day) for t in ticks],
        format=_time_format(ticks, freq),
        labelOverlap=True,
    )


# ---------------------------------------------------------------------------- charts
def growth_chart(frame: pd.DataFrame) -> alt.LayerChart:
    """Return stacked areas of network size per source, with a per-period tooltip.

    A range inside one period has nothing to join into an area, so it is drawn as one
    stacked bar. Only the sources in the data appear in the legend.
    """
    freq = frame.attrs.get("freq", "W")
    fmt = _PERIOD_FORMATS.get(freq, "%b %Y")
    period_name = _PERIOD_NAMES.get(freq, "month").capitalize()
    present = [s for s in SOURCE_COLORS if s in set(frame["source"])]
    periods = frame["period"].drop_duplicates()
    totals = frame.groupby("period")["contacts"].sum()
    y = alt.Y(
        "contacts:Q", stack="zero", **_count_axis(totals.max() if len(totals) else 0, "Contacts")
    )
    color = alt.Color("source:N", scale=_scale(SOURCE_COLORS, present), title="Source")
    order = alt.Order("source_order:Q")
    source_order = f"indexof({list(SOURCE_COLORS)!r}, datum.source)"
    if len(periods) == 1:
        single = frame[["source", "contacts"]].assign(
            when=_period_text(periods.iloc[0], freq).replace("the week", "Week", 1)
        )
        bar = (
            alt.Chart(single)
            .mark_bar(width={"band": 0.4})
            .encode(
                x=alt.X("when:N", title=None, axis=alt.Axis(labelAngle=0, labelLimit=LABEL_LIMIT)),
                y=y,
                color=color,
                order=order,
                tooltip=[
                    alt.Tooltip("when:N", title=period_name),
                    alt.Tooltip("source:N", title="Source"),
                    alt.Tooltip("contacts:Q", title="Contacts", format=","),
                ],
            )
            .transform_calculate(source_order=source_order)
        )
        return alt.layer(bar).properties(
            title="Network size over time", width="container", height=HEIGHT
        )
    x = alt.X("period:T", axis=_time_axis(periods, freq, period_name))
    areas = (
        alt.Chart(frame[["period", "source", "contacts"]])
        .mark_area(opacity=0.85)
        .encode(x=x, y=y, color=color, order=order)
        .transform_calculate(source_order=source_order)
    )
    wide = (
        frame.pivot_table(index="period", columns="source", values="contacts", aggfunc="sum")
        .reindex(columns=present)
        .fillna(0)
        .astype(int)
    )
    wide.columns = [str(c) for c in wide.columns]
    wide.insert(0, "Total", wide.sum(axis=1))
    wide = wide.reset_index()
    nearest = alt.selection_point(nearest=True, on="pointerover", fields=["period"], empty=False)
    rules = (
        alt.Chart(wide)
        .mark_rule(color=MUTED, strokeWidth=2)
        .encode(
            x="period:T",
            opacity=alt.condition(nearest, alt.value(0.6), alt.value(0)),
            tooltip=[alt.Tooltip("period:T", title=period_name, format=fmt)]
            + [alt.Tooltip(f"{c}:Q", format=",") for c in wide.columns if c != "period"],
        )
        .add_params(nearest)
    )
    return alt.layer(areas, rules).properties(
        title="Network size over time", width="container", height=HEIGHT
    )


def funnel_chart(frame: pd.DataFrame) -> alt.LayerChart:
    """Return horizontal bars per pipeline step, labelled with counts and conversion."""
    data = frame.assign(
        label=[
            number(n) if math.isnan(c) else f"{number(n)} ({_pct(c)})"
            for n, c in zip(frame["contacts"], frame["conversion"], strict=True)
        ]
    )
    y = alt.Y("stage:N", sort=list(frame["stage"]), title=None)
    top = frame["contacts"].max() if len(frame) else 0
    base = alt.Chart(data).encode(
        y=y,
        x=alt.X("contacts:Q", **_count_axis(top, "Contacts who reached the step")),
        tooltip=[
            alt.Tooltip("stage:N", title="Step"),
            alt.Tooltip("contacts:Q", title="Contacts", format=","),
            alt.Tooltip("conversion:Q", title="Of the step before", format=".0%"),
            alt.Tooltip("of_first:Q", title="Of researched", format=".0%"),
        ],
    )
    bars = base.mark_bar(color=OKABE_ITO[0])
    text = base.mark_text(align="left", dx=4).encode(text="label:N")
    return alt.layer(bars, text).properties(
        title="From research to referrals", width="container", height=rows_height(len(frame))
    )


def reply_rate_chart(stats: ReplyStats) -> alt.LayerChart:
    """Return the reply rate per sector as bars labelled with the share and asks sent.

    A label that would run past the end of the axis sits inside its bar, in white.
    """
    data = stats.by_sector.assign(
        label=[
            f"{_pct(r)} of {number(s)}"
            for r, s in zip(stats.by_sector["rate"], stats.by_sector["sent"], strict=True)
        ],
        inside=stats.by_sector["rate"] > 0.7,
    )
    base = alt.Chart(data).encode(
        y=alt.Y("sector:N", sort=list(SECTOR_COLORS), title=None),
        x=alt.X(
            "rate:Q",
            title="Asks that got a reply",
            axis=alt.Axis(format="%", values=[0, 0.25, 0.5, 0.75, 1]),
            scale=alt.Scale(domain=[0, 1], nice=False),
        ),
        tooltip=[
            alt.Tooltip("sector:N", title="Sector"),
            alt.Tooltip("sent:Q", title="Asks sent", format=","),
            alt.Tooltip("replied:Q", title="Replies", format=","),
            alt.Tooltip("rate:Q", title="Reply rate", format=".0%"),
        ],
    )
    present = list(data["sector"])
    bars = base.mark_bar().encode(
        color=alt.Color("sector:N", scale=_scale(SECTOR_COLORS, present), legend=None)
    )
    outside = (
        base.transform_filter("!datum.inside").mark_text(align="left", dx=4).encode(text="label:N")
    )
    inside = (
        base.transform_filter("datum.inside")
        .mark_text(align="right", dx=-4, fontWeight="bold")
        .encode(
            text="label:N",
            # White reads on the dark blue only; black on every other bar colour. A value,
            # not a scale: a second colour scale on "sector" would merge with the bars' one.
            color=alt.condition(
                alt.FieldOneOfPredicate(field="sector", oneOf=_DARK_SECTORS),
                alt.value("white"),
                alt.value("black"),
            ),
        )
    )
    return alt.layer(bars, outside, inside).properties(
        title="Reply rate by sector", width="container", height=rows_height(len(data))
    )


def reply_days_chart(stats: ReplyStats) -> alt.LayerChart:
    """Return days to reply per sector: a bar over the middle half, a dot at the median."""
    overall = pd.DataFrame(
        [{"sector": "All sectors", "median_days": stats.median_days, "q1_days": stats.q1_days,
          "q3_days": stats.q3_days, "timed": stats.timed}]
    )  # fmt: skip
    cols = ["sector", "median_days", "q1_days", "q3_days", "timed"]
    data = pd.concat([overall, stats.by_sector[cols]], ignore_index=True)
    data = data[data["timed"] > 0]
    order = ["All sectors", *SECTOR_COLORS]
    present = set(data["sector"])
    shown = [s for s in order if s in present]
    tooltip = [
        alt.Tooltip("sector:N", title="Sector"),
        alt.Tooltip("median_days:Q", title="Median days", format=".1~f"),
        alt.Tooltip("q1_days:Q", title="A quarter replied within (days)", format=".1~f"),
        alt.Tooltip("q3_days:Q", title="Three quarters within (days)", format=".1~f"),
        alt.Tooltip("timed:Q", title="Replies with dates", format=","),
    ]
    y = alt.Y("sector:N", sort=shown, title=None)
    palette = {"All sectors": MUTED, **SECTOR_COLORS}
    color = alt.Color("sector:N", scale=_scale(palette, shown), legend=None)
    top = data["q3_days"].max() if len(data) else 0
    # A median of 0 days sits on the axis line: 8 px of room keep its diamond whole.
    x = alt.X("q1_days:Q", **_count_axis(top, "Days from ask to reply", pad=8))
    spread = alt.Chart(data).mark_bar(height=10, opacity=0.5).encode(
        y=y, x=x, x2="q3_days:Q", color=color, tooltip=tooltip,
    )  # fmt: skip
    median = (
        alt.Chart(data)
        .mark_point(filled=True, size=90, shape="diamond")
        .encode(y=y, x="median_days:Q", color=color, tooltip=tooltip)
    )
    return alt.layer(spread, median).properties(
        title="Days to reply (middle half and median)",
        width="container",
        height=rows_height(len(data)),
    )


def tree_chart(tree: Tree, label_all_below: int = 60) -> alt.LayerChart:
    """Return the referral tree: generations left to right, lines from referrer to referral.

    Small trees label every node, with rows 36 px apart so a label above a referrer clears
    the row before; larger ones label referrers and "+N more" nodes only, leave the rest to
    the tooltip, and space rows 22 px apart. The chart is at most 900 px tall.
    """
    # Only what the marks and tooltips read: ids would double the spec's size.
    drawn = ["x", "y", "label", "referred", "reached", "source", "sector", "folded"]
    # A node with lines leaving to the right is labelled above, so the lines cross no text.
    above = tree.nodes["id"].isin(tree.nodes["parent"].dropna())
    label_all = len(tree.nodes) <= label_all_below
    nodes = tree.nodes[drawn].assign(
        show_label=label_all | above | (tree.nodes["folded"] > 0),
        above=above,
    )
    rows = int(nodes["y"].max()) + 1 if len(nodes) else 1
    levels = int(nodes["x"].max()) + 1 if len(nodes) else 1
    x_scale = alt.Scale(domain=[-0.2, levels - 0.2])  # room for the last generation's labels
    y_scale = alt.Scale(domain=[-0.9, rows - 0.5], reverse=True)  # room for a label on top
    no_axis = None
    lines = tree.edges[["x", "y", "x2", "y2"]]
    edges = alt.Chart(lines).mark_rule(color=MUTED, opacity=0.7).encode(
        x=alt.X("x:Q", scale=x_scale, axis=no_axis), y=alt.Y("y:Q", scale=y_scale, axis=no_axis),
        x2="x2:Q", y2="y2:Q",
    )  # fmt: skip
    position = {
        "x": alt.X("x:Q", scale=x_scale, axis=no_axis),
        "y": alt.Y("y:Q", scale=y_scale, axis=no_axis),
    }
    people = (
        alt.Chart(nodes)
        .transform_filter("datum.folded == 0")
        .mark_circle(opacity=1, stroke="white", strokeWidth=1)
        .encode(
            **position,
            size=alt.Size("reached:Q", scale=alt.Scale(range=[40, 400]), legend=None),
            color=alt.Color(
                "source:N", scale=_scale(SOURCE_COLORS, nodes["source"]), title="Source"
            ),
            tooltip=[
                alt.Tooltip("label:N", title="Name"),
                alt.Tooltip("referred:Q", title="Introduced directly"),
                alt.Tooltip("reached:Q", title="Reached through them"),
                alt.Tooltip("sector:N", title="Sector"),
                alt.Tooltip("source:N", title="Source"),
            ],
        )
    )
    more = (
        alt.Chart(nodes)
        .transform_filter("datum.folded > 0")
        .mark_square(size=60, color=MUTED)
        .encode(**position, tooltip=[alt.Tooltip("label:N", title="Not drawn")])
    )
    label = {"text": "label:N", **position}
    right = (
        alt.Chart(nodes)
        .transform_filter("datum.show_label && !datum.above")
        .mark_text(align="left", baseline="middle", dx=9, fontSize=11, limit=140)
        .encode(**label)
    )
    over = (
        alt.Chart(nodes)
        .transform_filter("datum.show_label && datum.above")
        .mark_text(align="left", baseline="bottom", dx=-6, dy=-8, fontSize=11, limit=140)
        .encode(**label)
    )
    # An empty layer would still be drawn as an unnamed image for screen readers.
    layers = [edges, people, *([more] if (nodes["folded"] > 0).any() else []), right, over]
    return alt.layer(*layers).properties(
        title="Who led to whom",
        width="container",
        # Streamlit fits title and padding inside the height: add room for them.
        height=max(160, min((36 if label_all else 22) * rows + 50, 900)),
    )


MONTH_BARS = 18  # up to this many months, activity is drawn as bars; beyond, as lines


def activity_chart(frame: pd.DataFrame) -> alt.LayerChart:
    """Return asks sent and conversations held per month: bars side by side, lines for years.

    A month the data covers only in part (the current one, or one cut by the date range) is
    drawn lighter and hollow and left out of the line, so it never reads as a collapse.
    """
    data = frame.assign(
        partial=frame.get("partial", False),
        when=frame["month"].dt.strftime("%b %Y"),
    )
    data["note"] = np.where(data["partial"], "Part of the month only", "Whole month")
    months = data["month"].drop_duplicates()
    top = data["count"].max() if len(data) else 0
    y = alt.Y("count:Q", **_count_axis(top, "Per month"))
    color = alt.Color("kind:N", scale=_scale(ACTIVITY_COLORS), title=None)
    tooltip = [
        alt.Tooltip("month:T", title="Month", format="%B %Y"),
        alt.Tooltip("kind:N", title="What"),
        alt.Tooltip("count:Q", title="Count", format=","),
        alt.Tooltip("note:N", title="Counted over"),
    ]
    base = alt.Chart(data)
    if len(months) <= MONTH_BARS:
        bars = base.mark_bar().encode(
            x=alt.X("when:N", sort=list(months.dt.strftime("%b %Y")), title="Month",
                    axis=alt.Axis(labelAngle=0, labelOverlap=True)),
            xOffset=alt.XOffset("kind:N", sort=list(ACTIVITY_KINDS)),
            y=y, color=color, tooltip=tooltip,
            opacity=alt.condition("datum.partial", alt.value(0.4), alt.value(1)),
        )  # fmt: skip
        layers = [bars]
    else:
        x = alt.X("yearmonth(month):T", axis=_time_axis(months, "M", "Month"))
        lines = (
            base.transform_filter("!datum.partial")
            .mark_line(point=True)
            .encode(x=x, y=y, color=color, tooltip=tooltip)
        )
        open_points = (
            base.transform_filter("datum.partial")
            .mark_point(filled=False, size=50)
            .encode(x=x, y=y, color=color, tooltip=tooltip)
        )
        layers = [lines, open_points]
    return alt.layer(*layers).properties(
        title="Asks and conversations per month", width="container", height=HEIGHT
    )


def mix_chart(frame: pd.DataFrame, dimension: str = "Sector") -> alt.LayerChart:
    """Return contacts per sector, field, organization or role (the frame's dimensions) as bars."""
    data = frame[frame["dimension"] == dimension].assign(
        label=lambda d: [
            f"{number(n)} ({_pct(s)})" for n, s in zip(d["contacts"], d["share"], strict=True)
        ]
    )
    extra_tooltip = []
    if dimension == "Sector":
        color = alt.Color("category:N", scale=_scale(SECTOR_COLORS, data["category"]), legend=None)
        extra_tooltip = [alt.Tooltip("inferred:Q", title="Guessed from organization and title")]
    else:
        color = alt.condition(
            alt.FieldOneOfPredicate(field="category", oneOf=list(MUTED_CATEGORIES)),
            alt.value(MUTED),
            alt.value(OKABE_ITO[2]),
        )
    top = data["contacts"].max() if len(data) else 0
    base = alt.Chart(data).encode(
        # Keep the frame's order: "other" last.
        y=alt.Y("category:N", sort=None, title=None, axis=alt.Axis(labelLimit=LABEL_LIMIT)),
        x=alt.X("contacts:Q", **_count_axis(top, "Contacts")),
        tooltip=[
            alt.Tooltip("category:N", title=dimension),
            alt.Tooltip("contacts:Q", title="Contacts", format=","),
            alt.Tooltip("share:Q", title="Share", format=".0%"),
            *extra_tooltip,
        ],
    )
    bars = base.mark_bar().encode(color=color)
    text = base.mark_text(align="left", dx=4).encode(text="label:N")
    return alt.layer(bars, text).properties(
        title=f"Contacts by {dimension.lower()}",
        width="container",
        height=rows_height(len(data)),
    )


# ---------------------------------------------------------------------------- kept warm
WARM_COLORS = {
    "Within their rhythm": OKABE_ITO[2],
    "Past the ideal gap": OKABE_ITO[1],
    "Past the longest gap": OKABE_ITO[5],
}


def kept_warm_frame(rows: list[tuple]) -> pd.DataFrame:
    """Return (month, state, people) rows as the chart's frame."""
    frame = pd.DataFrame(rows, columns=["month", "state", "people"])
    frame["month"] = pd.to_datetime(frame["month"])
    return frame


def kept_warm_summary(frame: pd.DataFrame, coverage: tuple[int, int]) -> Summary:
    """Return how many of the people met are within their rhythm now, and target coverage."""
    reached, targets = coverage
    target_figure = Figure(
        "Targets with a conversation",
        f"{number(reached)} of {number(targets)}" if targets else "no list yet",
        float(reached),
        help="Organizations on your target list where you have talked to at least one person.",
    )
    if frame.empty:
        return Summary(
            figures=(target_figure,),
            caption=EMPTY_MESSAGES["warm"],
            empty=True,
        )
    latest = frame[frame["month"] == frame["month"].max()].set_index("state")["people"]
    met = int(latest.sum())
    warm = int(latest.get("Within their rhythm", 0))
    share = warm / met if met else None
    return Summary(
        figures=(
            Figure(
                "Kept warm now", f"{number(warm)} of {number(met)}", float(warm), detail=_pct(share)
            ),
            Figure("Past the longest gap", number(latest.get("Past the longest gap", 0)), None),
            target_figure,
        ),
        caption=f"Of the {number(met)} people you have met, {number(warm)} ({_pct(share)}) are "
        "within their keep-in-touch rhythm today. "
        + (
            f"You have talked to someone at {number(reached)} of your {number(targets)} target "
            "employers."
            if targets
            else "List your target employers to see how many you have reached."
        ),
    )


def kept_warm_chart(frame: pd.DataFrame) -> alt.Chart:
    """Return, month by month, the people met stacked by where they stood in their rhythm."""
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X("yearmonth(month):T", title="Month", axis=alt.Axis(format="%b %Y")),
            y=alt.Y("people:Q", title="People met", stack="zero"),
            color=alt.Color(
                "state:N",
                scale=_scale(WARM_COLORS),
                title=None,
                sort=list(WARM_COLORS),
                legend=alt.Legend(orient="bottom", direction="vertical"),  # fits a phone
            ),
            order=alt.Order("order:Q"),
            tooltip=[
                alt.Tooltip("month:T", title="Month", format="%B %Y"),
                alt.Tooltip("state:N", title="Where they stood"),
                alt.Tooltip("people:Q", title="People", format=","),
            ],
        )
        .transform_calculate(order=f"indexof({list(WARM_COLORS)!r}, datum.state)")
        .properties(
            title="People you met, kept warm month by month", width="container", height=HEIGHT
        )
    )
