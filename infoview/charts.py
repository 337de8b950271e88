"""Altair builders for the Network page (aggregated DataFrame in, chart out) and their summaries.

Each chart has a Summary: the key figures and a sentence the page shows beside the chart, so
the numbers stay readable when Streamlit draws the chart on a canvas. Summaries hold no user
text (names, fields), so the page may show them as st.metric or st.caption safely.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import altair as alt
import pandas as pd

from infoview.analytics import (
    ACTIVITY_KINDS,
    ALL,
    NO_FIELD,
    OTHER_FIELDS,
    SECTOR_LABELS,
    SOURCE_LABELS,
    Filters,
    ReplyStats,
    Tree,
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


def _count(n: float) -> str:
    return f"{int(n):,}"


def _pct(share: float | None) -> str:
    return "–" if share is None or math.isnan(share) else f"{share:.0%}"


def _days(days: float | None) -> str:
    if days is None:
        return "–"
    shown = f"{days:g}"
    return f"{shown} day" if days == 1 else f"{shown} days"


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
    parts = ", ".join(f"{_count(n)} {src}" for src, n in last.sort_values(ascending=False).items())
    first_text = _period_text(frame["period"].min(), freq)
    last_text = _period_text(frame["period"].max(), freq)
    return Summary(
        figures=(
            Figure(
                "Contacts",
                _count(total),
                total,
                "Network size at the end of the chart, archived people left out as on Home.",
            ),
            Figure("Joined in this range", _count(added), added),
            Figure("Largest source", top, float(last.max()), f"{_count(last.max())} contacts"),
        ),
        caption=f"{_count(total)} contacts by {last_text} ({parts}); {_count(added)} joined "
        f"from {first_text} to {last_text}.",
    )


def funnel_summary(frame: pd.DataFrame, filters: Filters = ALL) -> Summary:
    """Return the first and last step's counts and the step where most contacts stall."""
    if frame.empty or not frame["contacts"].iloc[0]:
        return _empty("funnel", filters)
    steps = frame.dropna(subset=["conversion"])
    weakest = steps.loc[steps["conversion"].idxmin()] if len(steps) else None
    labels = list(frame["stage"])
    figures = [
        Figure(labels[0], _count(frame["contacts"].iloc[0]), float(frame["contacts"].iloc[0])),
        Figure(labels[-1], _count(frame["contacts"].iloc[-1]), float(frame["contacts"].iloc[-1])),
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
        f"{row.stage.lower()} {_count(row.contacts)}" for row in frame.itertuples()
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
    spread = f"{stats.q1_days:g}–{stats.q3_days:g} days" if stats.q1_days is not None else "–"
    figures = (
        Figure("Asks sent", _count(stats.sent), stats.sent),
        Figure("Reply rate", _pct(stats.rate), stats.rate, f"{_count(stats.replied)} replied"),
        Figure("Median days to reply", _days(stats.median_days), stats.median_days),
        Figure(
            "Middle half of replies",
            spread,
            None if stats.q1_days is None else stats.q3_days - stats.q1_days,
            "Half of all replies came within this many days of the ask.",
        ),
    )
    caption = (
        f"{_count(stats.replied)} of {_count(stats.sent)} asks got a reply ({_pct(stats.rate)})."
    )
    if stats.median_days is not None:
        caption += f" Half of the replies came within {_days(stats.median_days)}."
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
        Figure("People in referral chains", _count(tree.size), tree.size),
        Figure(
            "Longest chain",
            f"{tree.depth} people",
            tree.depth,
            "Introductions in a row, counting the first person.",
        ),
        Figure("Most introductions by one person", _count(most), most),
    )
    caption = (
        f"{_count(tree.size)} people are linked by referrals, starting from {_count(tree.roots)} "
        f"{'person' if tree.roots == 1 else 'people'}; the longest chain runs {tree.depth} people "
        "deep."
    )
    if tree.shown < tree.size:
        caption += f' {_count(tree.shown)} are drawn; the rest are grouped as "+N more".'
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
            Figure("Asks sent", _count(asks), asks),
            Figure("Conversations held", _count(talks), talks),
            Figure(
                "Busiest month",
                f"{busiest:%b %Y}",
                float(per_month.max()),
                f"{_count(per_month.max())} asks and conversations",
            ),
        ),
        caption=f"{_count(asks)} asks sent and {_count(talks)} conversations held over "
        f"{months} month{'s' if months != 1 else ''}; the busiest was {busiest:%B %Y}.",
    )


def mix_summary(frame: pd.DataFrame, filters: Filters = ALL) -> Summary:
    """Return the largest sector's share and how much of the network has a field set."""
    if frame.empty:
        return _empty("mix", filters)
    sectors = frame[frame["dimension"] == "Sector"]
    fields = frame[frame["dimension"] == "Field"]
    top = sectors.loc[sectors["contacts"].idxmax()]
    unnamed = fields.loc[fields["category"] == NO_FIELD, "share"].sum()
    named = fields[~fields["category"].isin([NO_FIELD, OTHER_FIELDS])]
    top_field = float(named["share"].max()) if len(named) else None
    return Summary(
        figures=(
            Figure("Largest sector", str(top["category"]), float(top["share"]), _pct(top["share"])),
            Figure("Sectors", _count(len(sectors)), len(sectors)),
            Figure("Contacts with a field", _pct(1 - unnamed), float(1 - unnamed)),
        ),
        caption=f"{top['category']} holds {_pct(top['share'])} of these contacts across "
        f"{len(sectors)} sector{'s' if len(sectors) != 1 else ''}; "
        + (
            f"the most common field covers {_pct(top_field)}."
            if top_field is not None
            else "no contact has a field yet."
        ),
    )


# ---------------------------------------------------------------------------- charts
def _scale(colors: dict[str, str]) -> alt.Scale:
    return alt.Scale(domain=list(colors), range=list(colors.values()))


def growth_chart(frame: pd.DataFrame) -> alt.LayerChart:
    """Return stacked areas of network size per source, with a per-period tooltip."""
    freq = frame.attrs.get("freq", "W")
    fmt = _PERIOD_FORMATS.get(freq, "%b %Y")
    period_name = _PERIOD_NAMES.get(freq, "month").capitalize()
    x = alt.X("period:T", title=period_name)
    areas = (
        alt.Chart(frame[["period", "source", "contacts"]])
        .mark_area(opacity=0.85)
        .encode(
            x=x,
            y=alt.Y("contacts:Q", stack="zero", title="Contacts"),
            color=alt.Color("source:N", scale=_scale(SOURCE_COLORS), title="Source"),
            order=alt.Order("source_order:Q"),
        )
        .transform_calculate(
            source_order=f"indexof({list(SOURCE_COLORS)!r}, datum.source)",
        )
    )
    wide = (
        frame.pivot_table(index="period", columns="source", values="contacts", aggfunc="sum")
        .reindex(columns=[s for s in SOURCE_COLORS if s in set(frame["source"])])
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
            _count(n) if math.isnan(c) else f"{_count(n)} ({_pct(c)})"
            for n, c in zip(frame["contacts"], frame["conversion"], strict=True)
        ]
    )
    y = alt.Y("stage:N", sort=list(frame["stage"]), title=None)
    base = alt.Chart(data).encode(
        y=y,
        x=alt.X("contacts:Q", title="Contacts who reached the step"),
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
        title="From research to referrals", width="container", height=40 * len(frame) + 20
    )


def reply_rate_chart(stats: ReplyStats) -> alt.LayerChart:
    """Return the reply rate per sector as bars labelled with the share and asks sent."""
    data = stats.by_sector.assign(
        label=[
            f"{_pct(r)} of {_count(s)}"
            for r, s in zip(stats.by_sector["rate"], stats.by_sector["sent"], strict=True)
        ]
    )
    base = alt.Chart(data).encode(
        y=alt.Y("sector:N", sort=list(SECTOR_COLORS), title=None),
        x=alt.X(
            "rate:Q",
            title="Asks that got a reply",
            axis=alt.Axis(format="%"),
            scale=alt.Scale(domain=[0, 1]),
        ),
        tooltip=[
            alt.Tooltip("sector:N", title="Sector"),
            alt.Tooltip("sent:Q", title="Asks sent", format=","),
            alt.Tooltip("replied:Q", title="Replies", format=","),
            alt.Tooltip("rate:Q", title="Reply rate", format=".0%"),
        ],
    )
    bars = base.mark_bar().encode(
        color=alt.Color("sector:N", scale=_scale(SECTOR_COLORS), legend=None)
    )
    text = base.mark_text(align="left", dx=4).encode(text="label:N")
    return alt.layer(bars, text).properties(
        title="Reply rate by sector", width="container", height=40 * max(len(data), 1) + 20
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
    tooltip = [
        alt.Tooltip("sector:N", title="Sector"),
        alt.Tooltip("median_days:Q", title="Median days", format=".1f"),
        alt.Tooltip("q1_days:Q", title="Quarter replied within (days)", format=".1f"),
        alt.Tooltip("q3_days:Q", title="Three quarters within (days)", format=".1f"),
        alt.Tooltip("timed:Q", title="Replies with dates", format=","),
    ]
    y = alt.Y("sector:N", sort=order, title=None)
    color = alt.Color(
        "sector:N",
        scale=alt.Scale(domain=order, range=[MUTED, *SECTOR_COLORS.values()]),
        legend=None,
    )
    spread = alt.Chart(data).mark_bar(height=10, opacity=0.5).encode(
        y=y, x=alt.X("q1_days:Q", title="Days from ask to reply"), x2="q3_days:Q",
        color=color, tooltip=tooltip,
    )  # fmt: skip
    median = (
        alt.Chart(data)
        .mark_point(filled=True, size=90, shape="diamond")
        .encode(y=y, x="median_days:Q", color=color, tooltip=tooltip)
    )
    return alt.layer(spread, median).properties(
        title="Days to reply (middle half and median)",
        width="container",
        height=40 * max(len(data), 1) + 20,
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
            color=alt.Color("source:N", scale=_scale(SOURCE_COLORS), title="Source"),
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
    return alt.layer(edges, people, more, right, over).properties(
        title="Who led to whom",
        width="container",
        # Streamlit fits title and padding inside the height: add room for them.
        height=max(160, min((36 if label_all else 22) * rows + 50, 900)),
    )


def activity_chart(frame: pd.DataFrame) -> alt.Chart:
    """Return asks sent and conversations held per month as lines with points."""
    return (
        alt.Chart(frame)
        .mark_line(point=True)
        .encode(
            # A month unit puts ticks on month starts, never on the days between them.
            x=alt.X("yearmonth(month):T", title="Month", axis=alt.Axis(format="%b %Y")),
            y=alt.Y("count:Q", title="Per month"),
            color=alt.Color("kind:N", scale=_scale(ACTIVITY_COLORS), title=None),
            tooltip=[
                alt.Tooltip("month:T", title="Month", format="%B %Y"),
                alt.Tooltip("kind:N", title="What"),
                alt.Tooltip("count:Q", title="Count", format=","),
            ],
        )
        .properties(title="Asks and conversations per month", width="container", height=HEIGHT)
    )


def mix_chart(frame: pd.DataFrame, dimension: str = "Sector") -> alt.LayerChart:
    """Return contacts per sector (dimension="Sector") or per field ("Field") as bars."""
    data = frame[frame["dimension"] == dimension].assign(
        label=lambda d: [
            f"{_count(n)} ({_pct(s)})" for n, s in zip(d["contacts"], d["share"], strict=True)
        ]
    )
    if dimension == "Sector":
        color = alt.Color("category:N", scale=_scale(SECTOR_COLORS), legend=None)
    else:
        muted = [OTHER_FIELDS, NO_FIELD]
        color = alt.condition(
            alt.FieldOneOfPredicate(field="category", oneOf=muted),
            alt.value(MUTED),
            alt.value(OKABE_ITO[2]),
        )
    base = alt.Chart(data).encode(
        y=alt.Y("category:N", sort=None, title=None),  # keep the frame's order: "other" last
        x=alt.X("contacts:Q", title="Contacts"),
        tooltip=[
            alt.Tooltip("category:N", title=dimension),
            alt.Tooltip("contacts:Q", title="Contacts", format=","),
            alt.Tooltip("share:Q", title="Share", format=".0%"),
        ],
    )
    bars = base.mark_bar().encode(color=color)
    text = base.mark_text(align="left", dx=4).encode(text="label:N")
    return alt.layer(bars, text).properties(
        title=f"Contacts by {dimension.lower()}",
        width="container",
        # Streamlit fits the title and axis inside the height: add room for them.
        height=36 * max(len(data), 1) + 70,
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
        f"{_count(reached)} of {_count(targets)}" if targets else "no list yet",
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
                "Kept warm now", f"{_count(warm)} of {_count(met)}", float(warm), detail=_pct(share)
            ),
            Figure("Past the longest gap", _count(latest.get("Past the longest gap", 0)), None),
            target_figure,
        ),
        caption=f"Of the {_count(met)} people you have met, {_count(warm)} ({_pct(share)}) are "
        "within their keep-in-touch rhythm today. "
        + (
            f"You have talked to someone at {_count(reached)} of your {_count(targets)} target "
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
