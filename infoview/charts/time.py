"""Charts over time: how the network grew and the asks and conversations month by month."""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from infoview.analytics import (
    ACTIVITY_KINDS,
    ALL,
    Filters,
)
from infoview.charts.base import (
    ACTIVITY_COLORS,
    HEIGHT,
    LABEL_LIMIT,
    MUTED,
    PERIOD_FORMATS,
    PERIOD_NAMES,
    SOURCE_COLORS,
    Figure,
    Summary,
    color_scale,
    count_axis,
    empty_summary,
    period_text,
    time_axis,
)
from infoview.wording import counted, number


def growth_summary(frame: pd.DataFrame, filters: Filters = ALL) -> Summary:
    """Return the network size at the end, how many joined in the range, and the main source."""
    if frame.empty:
        return empty_summary("growth", filters)
    freq = frame.attrs.get("freq", "W")
    last = frame[frame["period"] == frame["period"].max()].set_index("source")["contacts"]
    total = int(last.sum())
    added = int(frame["added"].sum())
    top = str(last.idxmax())
    parts = ", ".join(f"{number(n)} {src}" for src, n in last.sort_values(ascending=False).items())
    first_text = period_text(frame["period"].min(), freq)
    last_text = period_text(frame["period"].max(), freq)
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


def activity_summary(frame: pd.DataFrame, filters: Filters = ALL) -> Summary:
    """Return asks sent, conversations held and the busiest month."""
    if frame.empty or not frame["count"].sum():
        return empty_summary("activity", filters)
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


def growth_chart(frame: pd.DataFrame) -> alt.LayerChart:
    """Return stacked areas of network size per source, with a per-period tooltip.

    A range inside one period has nothing to join into an area, so it is drawn as one
    stacked bar. Only the sources in the data appear in the legend.
    """
    freq = frame.attrs.get("freq", "W")
    fmt = PERIOD_FORMATS.get(freq, "%b %Y")
    period_name = PERIOD_NAMES.get(freq, "month").capitalize()
    present = [s for s in SOURCE_COLORS if s in set(frame["source"])]
    periods = frame["period"].drop_duplicates()
    totals = frame.groupby("period")["contacts"].sum()
    y = alt.Y(
        "contacts:Q", stack="zero", **count_axis(totals.max() if len(totals) else 0, "Contacts")
    )
    color = alt.Color("source:N", scale=color_scale(SOURCE_COLORS, present), title="Source")
    order = alt.Order("source_order:Q")
    source_order = f"indexof({list(SOURCE_COLORS)!r}, datum.source)"
    if len(periods) == 1:
        single = frame[["source", "contacts"]].assign(
            when=period_text(periods.iloc[0], freq).replace("the week", "Week", 1)
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
    x = alt.X("period:T", axis=time_axis(periods, freq, period_name))
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
    y = alt.Y("count:Q", **count_axis(top, "Per month"))
    color = alt.Color("kind:N", scale=color_scale(ACTIVITY_COLORS), title=None)
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
        x = alt.X("yearmonth(month):T", axis=time_axis(months, "M", "Month"))
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
