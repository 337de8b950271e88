"""The Network page's pieces: filters that survive a page switch, cached views, chart panels."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from infoview import analytics, charts
from infoview.analytics import SECTOR_LABELS, SOURCE_LABELS, Filters
from infoview.charts import Summary
from infoview.keep_in_touch import kept_warm_by_month, ties_of
from infoview.next_steps import stages_of
from infoview.referral_tree import referral_tree
from infoview.sample_store import has_sample
from infoview.store import Store
from infoview.targets import coverage, target_list
from infoview.ui import pages
from infoview.ui.date_box import TYPED_DATE_HELP
from infoview.ui.kept import kept_values, remember, restore
from infoview.ui.text import Markdown, md

TABS = ("Growth", "Funnel", "Replies", "Referrals", "Activity", "Sectors and fields", "Kept warm")
FREQS = {"W": "Week", "M": "Month"}
# The biggest branches first; a few dozen names still read on a laptop screen, the rest fold.
TREE_NODES = 60
_SAVED = "_nw_saved"  # widget values copied here: Streamlit drops a widget's state off its page

# The steps that fill each chart: (page, link label, icon).
FILL_STEPS = {
    "warm": [
        (
            pages.CONVERSATIONS.path,
            "Log a conversation in 5 · Conversations",
            ":material/forum:",
        ),
        (pages.TARGETS.path, "List your target employers", pages.TARGETS.icon),
    ],
    "growth": [
        (pages.RESEARCH.path, "Add a contact in 2 · Research", ":material/travel_explore:"),
        (
            pages.DATA.path,
            "Import your LinkedIn connections in Your data",
            ":material/upload_file:",
        ),
    ],
    "funnel": [
        (
            pages.RESEARCH.path,
            "Give a contact a compelling reason in 2 · Research",
            ":material/travel_explore:",
        ),
        (pages.ASK.path, "Send an ask in 3 · Craft the ask", ":material/edit_note:"),
    ],
    "replies": [
        (
            pages.ASK.path,
            "Record sent asks and replies in 3 · Craft the ask",
            ":material/edit_note:",
        )
    ],
    "tree": [
        (
            pages.CONVERSATIONS.path,
            "Add the people they suggest in 5 · Conversations",
            ":material/forum:",
        ),
        (
            pages.RESEARCH.path,
            "Set who referred a contact in 2 · Research",
            ":material/travel_explore:",
        ),
    ],
    "activity": [
        (pages.ASK.path, "Send an ask in 3 · Craft the ask", ":material/edit_note:"),
        (pages.CONVERSATIONS.path, "Log a conversation in 5 · Conversations", ":material/forum:"),
    ],
    "mix": [
        (
            pages.RESEARCH.path,
            "Set sectors and fields in 2 · Research",
            ":material/travel_explore:",
        )
    ],
}


@dataclass(frozen=True)
class View:
    """One panel's charts, its summary, and anything else it shows."""

    summary: Summary
    charts: tuple[alt.TopLevelMixin, ...] = ()
    table: pd.DataFrame | None = None
    note: str = ""


# ---------------------------------------------------------------------------- dates
def date_span(people: pd.DataFrame, today: date) -> tuple[date, date]:
    """Return the dates the range picker offers: the first join date to today (or later)."""
    joined = people["joined"].dropna()
    if joined.empty:
        return today, today
    return min(joined.min().date(), today), max(joined.max().date(), today)


def open_range(chosen: Sequence[date], span: tuple[date, date]) -> tuple[date | None, date | None]:
    """Turn the picker's range into filter bounds, an end at the span's edge meaning open."""
    first, last = span
    start = chosen[0] if len(chosen) > 0 else None
    end = chosen[1] if len(chosen) > 1 else None
    return (
        None if start is None or start <= first else start,
        None if end is None or end >= last else end,
    )


def _picker_range(bounds: tuple[date | None, date | None], span: tuple[date, date]):
    first, last = span
    start = min(max(bounds[0] or first, first), last)
    end = max(min(bounds[1] or last, last), start)
    return start, end


def filter_bar(store: Store, people: pd.DataFrame, today: date) -> Filters:
    """Draw the filters every chart obeys and return what they select."""
    span = date_span(people, today)
    shown = st.session_state.get("nw_dates")
    if shown is None or not all(span[0] <= d <= span[1] for d in shown):
        # First visit, or the data changed under a range the picker would refuse.
        st.session_state["nw_dates"] = _picker_range(
            kept_values(_SAVED).get("bounds", (None, None)), span
        )
    restore(_SAVED, "nw_sample", True)
    sample = has_sample(store)
    cols = st.columns([3, 3, 3, 3] if sample else [3, 3, 3], vertical_alignment="bottom")
    chosen = cols[0].date_input(
        "Dates",
        key="nw_dates",
        min_value=span[0],
        max_value=span[1],
        format="YYYY-MM-DD",
        help=md(
            "Contacts count by the day they joined your network; asks and conversations by "
            "the day they happened.\n\n{}",
            Markdown(TYPED_DATE_HELP),
        ),
    )
    sectors = _any_of(cols[1], "Sector", SECTOR_LABELS, "nw_sectors", "All sectors")
    sources = _any_of(cols[2], "Source", SOURCE_LABELS, "nw_sources", "All sources")
    include_sample = True
    if sample:
        include_sample = cols[3].checkbox(
            "Include sample data",
            key="nw_sample",
            on_change=remember,
            args=(_SAVED, "nw_sample"),
            help="Sample records show how the charts look; leave them out to see only yours.",
        )
    chosen = chosen if isinstance(chosen, tuple | list) else (chosen,)
    start, end = open_range([d for d in chosen if d is not None], span)
    kept_values(_SAVED)["bounds"] = (start, end)
    return Filters(start, end, frozenset(sectors), frozenset(sources), include_sample)


def _any_of(
    column: Any, label: str, labels: dict[str, str], key: str, placeholder: str
) -> list[str]:
    """Draw a filter of any of ``labels`` (none chosen: all), kept across page switches."""
    restore(_SAVED, key, [])
    return column.multiselect(
        label,
        list(labels),
        key=key,
        format_func=labels.get,
        placeholder=placeholder,
        on_change=remember,
        args=(_SAVED, key),
    )


def freq_picker() -> str:
    """Draw the week-or-month choice of the growth chart and return "W" or "M"."""
    restore(_SAVED, "nw_freq", "W")
    return st.radio(
        "Show by",
        list(FREQS),
        format_func=FREQS.get,
        horizontal=True,
        label_visibility="collapsed",
        key="nw_freq",
        on_change=remember,
        args=(_SAVED, "nw_freq"),
    )


def tab_bar() -> list:
    """Draw the tabs; only the open one runs its charts (each tab switch reruns the page)."""
    restore(_SAVED, "nw_tab", TABS[0])
    return st.tabs(list(TABS), key="nw_tab", on_change=remember, args=(_SAVED, "nw_tab"))


# ---------------------------------------------------------------------------- cached views
def _cached(store: Store, name: str, filters: Filters | None, freq: str | None, build: Callable):
    return store.cached(("network", name, filters, freq), build)


def _explain(view: View, filters: Filters, again: Callable[[Filters], View]) -> View:
    """Say so when leaving out the sample records is what empties a chart."""
    if (
        view.summary.empty
        and not filters.include_sample
        and not again(replace(filters, include_sample=True)).summary.empty
    ):
        return View(charts.sample_hidden_summary())
    return view


def people_frame(store: Store) -> pd.DataFrame:
    """Return every contact's row (archived ones too: they stay in history), built once."""
    return _cached(
        store,
        "people",
        None,
        None,
        lambda: analytics.contacts_frame(store.contacts(include_archived=True)),
    )


def growth_view(store: Store, filters: Filters, freq: str) -> View:
    """Return the growth chart and summary for these filters, by week or month."""

    def build() -> View:
        frame = analytics.growth(people_frame(store), filters, freq)
        summary = charts.growth_summary(frame, filters)
        if summary.empty:
            return View(summary)
        used = frame.attrs.get("freq", freq)
        note = ""
        if used != freq:
            note = (
                f"Shown by {FREQS.get(used, 'year').lower()}: this range holds too many "
                f"{FREQS[freq].lower()}s to draw them one by one."
            )
        return View(summary, (charts.growth_chart(frame),), note=note)

    return _explain(
        _cached(store, "growth", filters, freq, build),
        filters,
        lambda f: growth_view(store, f, freq),
    )


def funnel_view(store: Store, filters: Filters) -> View:
    """Return the funnel chart and summary for these filters."""

    def build() -> View:
        frame = analytics.funnel(
            store.contacts(include_archived=True),
            store.asks(),
            store.conversations(),
            filters,
            people_frame(store),
        )
        summary = charts.funnel_summary(frame, filters)
        return View(summary) if summary.empty else View(summary, (charts.funnel_chart(frame),))

    return _explain(
        _cached(store, "funnel", filters, None, build), filters, lambda f: funnel_view(store, f)
    )


def replies_view(store: Store, filters: Filters) -> View:
    """Return reply rate and days-to-reply charts and their summary."""

    def build() -> View:
        stats = analytics.replies(store.asks(), people_frame(store), filters)
        summary = charts.replies_summary(stats, filters)
        if summary.empty:
            return View(summary)
        drawn = [charts.reply_rate_chart(stats)]
        note = "No reply has both its send and reply dates yet, so days to reply are not drawn."
        if stats.timed:
            drawn.append(charts.reply_days_chart(stats))
            note = ""
        return View(summary, tuple(drawn), note=note)

    return _explain(
        _cached(store, "replies", filters, None, build), filters, lambda f: replies_view(store, f)
    )


def tree_view(store: Store, filters: Filters) -> View:
    """Return the referral tree, its summary and the contacts who opened the most doors."""

    def build() -> View:
        tree = referral_tree(people_frame(store), filters, max_nodes=TREE_NODES)
        summary = charts.tree_summary(tree, filters)
        if summary.empty:
            return View(summary)
        top = tree.top_referrers.rename(
            columns={
                "name": "Name",
                "referred": "Introduced directly",
                "reached": "Reached through them",
            }
        )[["Name", "Introduced directly", "Reached through them"]]
        return View(summary, (charts.tree_chart(tree),), table=top)

    return _explain(
        _cached(store, "tree", filters, None, build), filters, lambda f: tree_view(store, f)
    )


def activity_view(store: Store, filters: Filters, today: date | None = None) -> View:
    """Return asks and conversations per month and their summary (this month counted so far)."""
    today = today or date.today()

    def build() -> View:
        frame = analytics.activity(
            store.asks(), store.conversations(), people_frame(store), filters, today
        )
        summary = charts.activity_summary(frame, filters)
        return View(summary) if summary.empty else View(summary, (charts.activity_chart(frame),))

    return _explain(
        _cached(store, f"activity {today}", filters, None, build),
        filters,
        lambda f: activity_view(store, f, today),
    )


def mix_view(store: Store, filters: Filters) -> View:
    """Return bars by sector, organization, role and field, and their summary.

    The field chart is left out while no contact has a field (a LinkedIn import gives none):
    roles grouped from job titles say what people do instead.
    """

    def build() -> View:
        frame = analytics.mix(people_frame(store), filters)
        summary = charts.mix_summary(frame, filters)
        if summary.empty:
            return View(summary)
        fields = frame[frame["dimension"] == "Field"]
        any_field = bool((fields["category"] != analytics.NO_FIELD).any())
        dimensions = ["Sector", "Organization", "Role"] + (["Field"] if any_field else [])
        return View(summary, tuple(charts.mix_chart(frame, d) for d in dimensions))

    return _explain(
        _cached(store, "mix", filters, None, build), filters, lambda f: mix_view(store, f)
    )


def kept_warm_view(store: Store, today: date) -> View:
    """Return the kept-warm chart (people met, within their rhythm by month) and coverage."""

    def build() -> View:
        frame = charts.kept_warm_frame(kept_warm_by_month(ties_of(store), today))
        rows = target_list(store, stages_of(store))
        summary = charts.kept_warm_summary(frame, coverage(rows))
        if summary.empty:
            return View(summary)
        note = (
            "The date, sector and source filters do not apply here: every person you met "
            "counts. Someone you asked not to be reminded about is left out."
        )
        return View(summary, (charts.kept_warm_chart(frame),), note=note)

    return _cached(store, "warm", None, today.isoformat(), build)


# ---------------------------------------------------------------------------- drawing
def empty_state(chart: str, summary: Summary, filters: Filters) -> None:
    """Say why a chart is empty and link to the step that fills it."""
    st.info(summary.caption, icon=":material/lightbulb:")
    if filters != analytics.ALL:
        return  # the data exists; the filters hide it
    for page, label, icon in FILL_STEPS[chart]:
        st.page_link(page, label=label, icon=icon)


def figures(summary: Summary) -> None:
    """Show a summary's key figures as metrics."""
    for figure in summary.figures:
        st.metric(
            figure.label,
            figure.value,
            delta=figure.detail or None,
            delta_color="off",
            delta_arrow="off",
            help=figure.help or None,
        )


def chart(drawn: alt.TopLevelMixin, summary: Summary) -> None:
    """Draw one chart across its column, named for screen readers by its summary."""
    st.altair_chart(drawn, theme="streamlit", width="stretch", alt=summary.caption)


def panel(chart_name: str, view: View, filters: Filters, below: Callable | None = None) -> None:
    """Draw a view: its charts with the key figures beside them, or its empty state."""
    if view.summary.empty:
        empty_state(chart_name, view.summary, filters)
        return
    left, right = st.columns([5, 2], gap="large")
    with left:
        for drawn in view.charts:
            chart(drawn, view.summary)
        st.caption(view.summary.caption)
        if view.note:
            st.caption(view.note)
        if below is not None:
            below()
    with right:
        figures(view.summary)
