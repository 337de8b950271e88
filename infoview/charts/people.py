"""Charts of the people: the referral tree, the mix of fields and roles, ties kept warm."""

from __future__ import annotations

import altair as alt
import pandas as pd

from infoview.analytics import (
    ALL,
    MUTED_CATEGORIES,
    NO_FIELD,
    NO_TITLE,
    OTHER_FIELDS,
    Filters,
)
from infoview.charts.base import (
    EMPTY_MESSAGES,
    HEIGHT,
    LABEL_LIMIT,
    MUTED,
    OKABE_ITO,
    SECTOR_COLORS,
    SOURCE_COLORS,
    Figure,
    Summary,
    color_scale,
    count_axis,
    empty_summary,
    percent,
    rows_height,
)
from infoview.referral_tree import Tree
from infoview.wording import counted, number


def tree_summary(tree: Tree, filters: Filters = ALL) -> Summary:
    """Return people in referral chains, the longest chain and the most introductions by one."""
    if not tree.size:
        return empty_summary("tree", filters)
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


def mix_summary(frame: pd.DataFrame, filters: Filters = ALL) -> Summary:
    """Return the largest sector's share, how many sectors are guessed, fields and roles.

    Role groups are InfoView's own words; organization names and fields are the user's, so
    they stay out of the figures and the caption.
    """
    if frame.empty:
        return empty_summary("mix", filters)
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
        Figure("Largest sector", str(top["category"]), float(top["share"]), percent(top["share"])),
        Figure("Sectors", number(len(sectors)), len(sectors)),
    ]
    titled = frame[(frame["dimension"] == "Role") & (frame["category"] != NO_TITLE)]
    if top_field is None and len(titled):
        # Nobody has a field yet (a LinkedIn import gives none): what their titles cover says more.
        share = int(titled["contacts"].sum()) / total  # counts: a sum of shares drifts
        figures.append(Figure("Contacts with a job title", percent(share), share))
    else:
        figures.append(Figure("Contacts with a field", percent(1 - unnamed), float(1 - unnamed)))
    caption = (
        f"{top['category']} holds {percent(top['share'])} of these contacts across "
        f"{counted(len(sectors), 'sector')}"
    )
    if guessed:
        caption += (
            f" ({number(guessed)} of {number(total)} sectors guessed from organization and "
            "title: check them in Research)"
        )
    caption += "; " + (
        f"the most common field covers {percent(top_field)}."
        if top_field is not None
        else "no contact has a field yet."
    )
    if len(roles):
        role = roles.loc[roles["contacts"].idxmax()]
        figures.append(
            Figure(
                "Most common role",
                str(role["category"]),
                float(role["share"]),
                percent(role["share"]),
            )
        )
        caption += (
            f" By job title, the most common role is {str(role['category']).lower()} "
            f"({percent(role['share'])})."
        )
    return Summary(figures=tuple(figures), caption=caption)


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
                "source:N", scale=color_scale(SOURCE_COLORS, nodes["source"]), title="Source"
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


def mix_chart(frame: pd.DataFrame, dimension: str = "Sector") -> alt.LayerChart:
    """Return contacts per sector, field, organization or role (the frame's dimensions) as bars."""
    data = frame[frame["dimension"] == dimension].assign(
        label=lambda d: [
            f"{number(n)} ({percent(s)})" for n, s in zip(d["contacts"], d["share"], strict=True)
        ]
    )
    extra_tooltip = []
    if dimension == "Sector":
        color = alt.Color(
            "category:N", scale=color_scale(SECTOR_COLORS, data["category"]), legend=None
        )
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
        x=alt.X("contacts:Q", **count_axis(top, "Contacts")),
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
                "Kept warm now",
                f"{number(warm)} of {number(met)}",
                float(warm),
                detail=percent(share),
            ),
            Figure("Past the longest gap", number(latest.get("Past the longest gap", 0)), None),
            target_figure,
        ),
        caption=f"Of the {number(met)} people you have met, {number(warm)} ({percent(share)}) are "
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
                scale=color_scale(WARM_COLORS),
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
