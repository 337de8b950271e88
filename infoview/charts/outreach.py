"""Charts of outreach: the funnel from researched to referrals, reply rates and reply times."""

from __future__ import annotations

import math

import altair as alt
import pandas as pd

from infoview.analytics import (
    ALL,
    Filters,
    ReplyStats,
)
from infoview.charts.base import (
    DARK_SECTORS,
    MUTED,
    OKABE_ITO,
    SECTOR_COLORS,
    Figure,
    Summary,
    color_scale,
    count_axis,
    day_count,
    days_text,
    empty_summary,
    percent,
    rows_height,
    spread_text,
)
from infoview.wording import counted, number


def funnel_summary(frame: pd.DataFrame, filters: Filters = ALL) -> Summary:
    """Return the first and last step's counts and the step where most contacts stall."""
    if frame.empty or not frame["contacts"].iloc[0]:
        return empty_summary("funnel", filters)
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
                percent(weakest["conversion"]),
                float(weakest["conversion"]),
                f"Only {percent(weakest['conversion'])} move on at this step.",
                detail=f"{before} → {weakest['stage']}",
            )
        )
        stall = (
            f" The weakest step is {before.lower()} to {weakest['stage'].lower()} "
            f"({percent(weakest['conversion'])})."
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
        return empty_summary("replies", filters)
    spread = spread_text(stats.q1_days, stats.q3_days)
    figures = (
        Figure("Asks sent", number(stats.sent), stats.sent),
        Figure("Reply rate", percent(stats.rate), stats.rate, f"{number(stats.replied)} replied"),
        Figure("Median days to reply", days_text(stats.median_days), stats.median_days),
        Figure(
            "Middle half of replies",
            spread,
            None if stats.q1_days is None else stats.q3_days - stats.q1_days,
            "Half of all replies came within this many days of the ask.",
        ),
    )
    got = f"{number(stats.replied)} of {counted(stats.sent, 'ask')}"
    caption = f"{got} got a reply ({percent(stats.rate)})."
    if stats.median_days is not None:
        within = math.ceil(stats.median_days)  # replies are counted in whole days
        caption += (
            " Half of the replies came the same day."
            if within == 0
            else f" Half of the replies came within {day_count(within)}."
        )
    by_sector = stats.by_sector
    if len(by_sector) > 1:
        best = by_sector.loc[by_sector["rate"].idxmax()]
        caption += f" {best['sector']} replies most often ({percent(best['rate'])})."
    return Summary(figures=figures, caption=caption)


def funnel_chart(frame: pd.DataFrame) -> alt.LayerChart:
    """Return horizontal bars per pipeline step, labelled with counts and conversion."""
    data = frame.assign(
        label=[
            number(n) if math.isnan(c) else f"{number(n)} ({percent(c)})"
            for n, c in zip(frame["contacts"], frame["conversion"], strict=True)
        ]
    )
    y = alt.Y("stage:N", sort=list(frame["stage"]), title=None)
    top = frame["contacts"].max() if len(frame) else 0
    base = alt.Chart(data).encode(
        y=y,
        x=alt.X("contacts:Q", **count_axis(top, "Contacts who reached the step")),
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
            f"{percent(r)} of {number(s)}"
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
        color=alt.Color("sector:N", scale=color_scale(SECTOR_COLORS, present), legend=None)
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
                alt.FieldOneOfPredicate(field="sector", oneOf=DARK_SECTORS),
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
    color = alt.Color("sector:N", scale=color_scale(palette, shown), legend=None)
    top = data["q3_days"].max() if len(data) else 0
    # A median of 0 days sits on the axis line: 8 px of room keep its diamond whole.
    x = alt.X("q1_days:Q", **count_axis(top, "Days from ask to reply", pad=8))
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
