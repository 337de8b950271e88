"""Aggregations behind the Network page: growth, funnel, replies, referral tree, activity, mix.

Every function is pure and returns aggregated data (one row per period, stage or category),
never one row per contact, except the referral tree's capped list of drawn nodes.
"""

from __future__ import annotations

import heapq
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from enum import Enum
from typing import Literal

import numpy as np
import pandas as pd

from infoview.figures import MILESTONES, milestones
from infoview.models import AskStatus, Contact, Conversation, Outreach, Sector, Source
from infoview.pipeline import (
    ANSWERED_STATUSES,
    SENT_STATUSES,
    is_answered,
    is_sent,
)

SOURCE_LABELS = {
    Source.MANUAL.value: "Added by hand",
    Source.REFERRAL.value: "Referred",
    Source.LINKEDIN.value: "LinkedIn",
    Source.VCARD.value: "vCard",
}
SECTOR_LABELS = {
    Sector.ACADEMIA.value: "Academia",
    Sector.INDUSTRY.value: "Industry",
    Sector.GOVERNMENT.value: "Government",
    Sector.NONPROFIT.value: "Nonprofit",
    Sector.OTHER.value: "Other",
}
ACTIVITY_KINDS = ("Asks sent", "Conversations held")
OTHER_FIELDS = "Other fields"
NO_FIELD = "No field given"
# Beyond this many periods a time chart's spec grows large and its bars get too thin to read,
# so growth falls back to a coarser period (week -> month -> year).
MAX_PERIODS = 260

_PERIOD_CODES = {"W": "W-SUN", "M": "M", "Y": "Y"}
_COARSER = {"W": "M", "M": "Y"}

Freq = Literal["W", "M", "Y"]


def _plain(values: Iterable[str | Enum] | None) -> frozenset[str] | None:
    if values is None:
        return None
    plain = frozenset(v.value if isinstance(v, Enum) else str(v) for v in values)
    # An empty multiselect means "no filter", as in most dashboards.
    return plain or None


@dataclass(frozen=True)
class Filters:
    """What the Network page's filters select; hashable, so it can key a cache."""

    date_from: date | None = None
    date_to: date | None = None
    sectors: frozenset[str] | None = None
    sources: frozenset[str] | None = None
    include_sample: bool = True

    def __post_init__(self) -> None:
        object.__setattr__(self, "sectors", _plain(self.sectors))
        object.__setattr__(self, "sources", _plain(self.sources))

    def without_dates(self) -> Filters:
        """Return the same filters with no date range."""
        return replace(self, date_from=None, date_to=None)


ALL = Filters()


# ---------------------------------------------------------------------------- frames
def _dates(values: Sequence[date | None]) -> pd.Series:
    # One numpy conversion is far faster than pd.to_datetime on 30,000 date objects.
    return pd.Series(np.array(values, dtype="datetime64[D]").astype("datetime64[s]"))


def contacts_frame(contacts: Iterable[Contact]) -> pd.DataFrame:
    """Return one row per contact with the columns the aggregations read."""
    contacts = list(contacts)
    return pd.DataFrame(
        {
            "id": [c.id for c in contacts],
            "name": [c.full_name for c in contacts],
            "referred_by": pd.Series([c.referred_by for c in contacts], dtype=object),
            "sector": [str(c.sector.value) for c in contacts],
            "field": [c.field for c in contacts],
            "source": [str(c.source.value) for c in contacts],
            "joined": _dates([c.joined_on for c in contacts]),
            "sample": np.array([c.sample for c in contacts], dtype=bool),
            "archived": np.array([c.archived for c in contacts], dtype=bool),
            "has_reason": np.array([bool(c.reason.strip()) for c in contacts], dtype=bool),
        }
    )


People = Iterable[Contact] | pd.DataFrame  # contacts, or their contacts_frame built once


def _as_frame(contacts: People) -> pd.DataFrame:
    return contacts if isinstance(contacts, pd.DataFrame) else contacts_frame(contacts)


def _date_mask(dates: pd.Series, filters: Filters) -> pd.Series:
    mask = pd.Series(True, index=dates.index)
    if filters.date_from is not None:
        mask &= dates >= pd.Timestamp(filters.date_from)
    if filters.date_to is not None:
        mask &= dates <= pd.Timestamp(filters.date_to)
    return mask


def apply_filters(frame: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """Return the contacts of a contacts_frame that the filters select (dates on joined_on)."""
    mask = _date_mask(frame["joined"], filters)
    if filters.sectors is not None:
        mask &= frame["sector"].isin(filters.sectors)
    if filters.sources is not None:
        mask &= frame["source"].isin(filters.sources)
    if not filters.include_sample:
        mask &= ~frame["sample"]
    return frame[mask]


def _first_change(ask: Outreach, statuses: set[AskStatus]) -> date | None:
    times = [change.at for change in ask.history if change.status in statuses]
    return min(times).date() if times else None


def asks_frame(asks: Iterable[Outreach]) -> pd.DataFrame:
    """Return one row per sent ask: contact, sent and reply dates (from the fields or history)."""
    rows = []
    for ask in asks:
        sent = ask.sent_on or _first_change(ask, SENT_STATUSES)
        if not is_sent(ask) and sent is None:
            continue  # a draft
        replied_on = ask.replied_on or _first_change(ask, ANSWERED_STATUSES)
        rows.append(
            (
                ask.contact_id,
                sent,
                replied_on,
                is_answered(ask),
                ask.sample,
            )
        )
    contact_ids, sent, replied_on, replied, sample = zip(*rows, strict=True) if rows else [()] * 5
    return pd.DataFrame(
        {
            "contact_id": pd.Series(contact_ids, dtype=object),
            "sent": _dates(sent),
            "replied_on": _dates(replied_on),
            "replied": np.array(replied, dtype=bool),
            "sample": np.array(sample, dtype=bool),
        }
    )


def conversations_frame(conversations: Iterable[Conversation]) -> pd.DataFrame:
    """Return one row per conversation that happened, with its date."""
    held = [c for c in conversations if c.happened_on is not None]
    return pd.DataFrame(
        {
            "contact_id": pd.Series([c.contact_id for c in held], dtype=object),
            "happened": _dates([c.happened_on for c in held]),
            "sample": np.array([c.sample for c in held], dtype=bool),
        }
    )


def _filter_events(
    events: pd.DataFrame, date_col: str, people: pd.DataFrame, filters: Filters
) -> pd.DataFrame:
    """Keep events in the date range whose contact passes the sector, source and sample filters."""
    mask = _date_mask(events[date_col], filters)  # an undated event fails any date bound
    if filters.sectors is not None or filters.sources is not None or not filters.include_sample:
        kept = apply_filters(people, filters.without_dates())["id"]
        mask &= events["contact_id"].isin(kept)
    if not filters.include_sample:
        mask &= ~events["sample"]
    return events[mask]


# ---------------------------------------------------------------------------- growth
def _periods(dates: pd.Series, freq: str) -> pd.Series:
    return dates.dt.to_period(_PERIOD_CODES[freq])


def growth(contacts: People, filters: Filters = ALL, freq: Freq = "W") -> pd.DataFrame:
    """Return the cumulative network size per period and source.

    Columns: period (start of the week, month or year), source (label), added (joined that
    period), contacts (network size at the period's end, counting contacts who joined before
    the date range). Contacts without a join date are left out. When the range holds more
    than MAX_PERIODS periods the frequency coarsens; ``frame.attrs["freq"]`` says which was used.
    Archived contacts are left out, as Home counts contacts (see figures.py).
    """
    people = apply_filters(_as_frame(contacts), filters.without_dates())
    people = people[people["joined"].notna() & ~people["archived"]]
    in_range = people[_date_mask(people["joined"], filters)]
    before = (
        people[people["joined"] < pd.Timestamp(filters.date_from)]
        if filters.date_from
        else people.iloc[:0]
    )

    columns = ["period", "source", "added", "contacts"]
    if in_range.empty and before.empty:
        frame = pd.DataFrame(
            {
                c: pd.Series(dtype=t)
                for c, t in zip(columns, ["datetime64[s]", object, int, int], strict=True)
            }
        )
        frame.attrs["freq"] = freq
        return frame

    while True:
        if in_range.empty:
            periods = _periods(pd.Series([pd.Timestamp(filters.date_from)]), freq)
        else:
            periods = _periods(in_range["joined"], freq)
        span = pd.period_range(periods.min(), periods.max(), freq=periods.dt.freq)
        if len(span) <= MAX_PERIODS or freq not in _COARSER:
            break
        freq = _COARSER[freq]

    present = set(people["source"].unique())
    sources = [s for s in SOURCE_LABELS if s in present]
    added = pd.DataFrame(0, index=span, columns=sources)
    if not in_range.empty:
        added = (
            pd.crosstab(_periods(in_range["joined"], freq), in_range["source"])
            .reindex(index=span, columns=sources, fill_value=0)
            .astype(int)
        )
    baseline = before["source"].value_counts().reindex(sources, fill_value=0).astype(int)
    size = added.cumsum() + baseline
    long = (
        pd.DataFrame({"added": added.stack(), "contacts": size.stack()})
        .rename_axis(["period", "source"])
        .reset_index()
    )
    long["period"] = long["period"].dt.start_time.astype("datetime64[s]")
    long["source"] = long["source"].map(SOURCE_LABELS)
    frame = long[columns].reset_index(drop=True)
    frame.attrs["freq"] = freq
    return frame


# ---------------------------------------------------------------------------- funnel
def funnel(
    contacts: Iterable[Contact],
    asks: Iterable[Outreach],
    conversations: Iterable[Conversation],
    filters: Filters = ALL,
    people: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Return researched -> ... -> gave referrals: how many contacts each step counts.

    Each bar counts the contacts for whom that thing happened (see figures.milestones), so a
    thank-you still unsent is never counted as thanked. Contacts are the active ones the
    filters choose, dates on the day they joined. Columns: step (0-5), stage (label),
    contacts, conversion (share of the previous step, NaN for the first or after 0), of_first.
    """
    contacts = list(contacts)
    people = contacts_frame(contacts) if people is None else people
    chosen = set(apply_filters(people, filters)["id"])
    picked = [c for c in contacts if c.id in chosen and not c.archived]
    reached = milestones(picked, asks, conversations, contacts)
    counts = [len(reached[name]) for name in MILESTONES]
    previous = pd.Series([np.nan, *counts[:-1]], dtype=float)
    current = pd.Series(counts, dtype=float)
    first = float(counts[0]) if counts[0] else np.nan
    return pd.DataFrame(
        {
            "step": range(len(MILESTONES)),
            "stage": list(MILESTONES),
            "contacts": counts,
            "conversion": (current / previous.where(previous > 0)).astype(float),
            "of_first": current / first,
        }
    )


# ---------------------------------------------------------------------------- replies
@dataclass(frozen=True)
class ReplyStats:
    """Reply rate and days to reply for sent asks, overall and by sector."""

    sent: int
    replied: int
    rate: float | None
    median_days: float | None
    q1_days: float | None
    q3_days: float | None
    timed: int  # replies with both dates known, the base of the day figures
    by_sector: pd.DataFrame = field(compare=False)


def _reply_row(group: pd.DataFrame) -> dict[str, float | int | None]:
    days = group["days"].dropna()
    sent = len(group)
    replied = int(group["replied"].sum())
    return {
        "sent": sent,
        "replied": replied,
        "rate": replied / sent if sent else None,
        "median_days": float(days.median()) if len(days) else None,
        "q1_days": float(days.quantile(0.25)) if len(days) else None,
        "q3_days": float(days.quantile(0.75)) if len(days) else None,
        "timed": len(days),
    }


def replies(asks: Iterable[Outreach], contacts: People, filters: Filters = ALL) -> ReplyStats:
    """Return reply rate and days to reply (median, quartiles) of sent asks, by sector too.

    Asks are chosen by their send date and their contact's sector, source and sample flag.
    Days to reply need both dates; a reply dated before its send date is left out of them.
    """
    people = _as_frame(contacts)
    sent = _filter_events(asks_frame(asks), "sent", people, filters)
    sector = sent["contact_id"].map(people.set_index("id")["sector"])
    sent = sent.assign(
        sector=sector.fillna(Sector.OTHER.value).map(SECTOR_LABELS),
        days=(sent["replied_on"] - sent["sent"]).dt.days.astype(float),
    )
    sent.loc[(sent["days"] < 0) | ~sent["replied"], "days"] = np.nan

    rows = [
        {"sector": label, **_reply_row(sent[sent["sector"] == label])}
        for label in SECTOR_LABELS.values()
    ]
    by_sector = pd.DataFrame(rows)
    by_sector = by_sector[by_sector["sent"] > 0].reset_index(drop=True)
    overall = _reply_row(sent)
    return ReplyStats(
        sent=int(overall["sent"]),
        replied=int(overall["replied"]),
        rate=overall["rate"],
        median_days=overall["median_days"],
        q1_days=overall["q1_days"],
        q3_days=overall["q3_days"],
        timed=int(overall["timed"]),
        by_sector=by_sector,
    )


# ---------------------------------------------------------------------------- activity
def activity(
    asks: Iterable[Outreach],
    conversations: Iterable[Conversation],
    contacts: People,
    filters: Filters = ALL,
) -> pd.DataFrame:
    """Return asks sent and conversations held per month (month, kind, count), gaps as 0.

    Events are chosen by their own date and their contact's sector, source and sample flag.
    """
    people = _as_frame(contacts)
    sent = _filter_events(asks_frame(asks), "sent", people, filters)["sent"].dropna()
    held = _filter_events(conversations_frame(conversations), "happened", people, filters)[
        "happened"
    ]
    months = {
        ACTIVITY_KINDS[0]: sent.dt.to_period("M").value_counts(),
        ACTIVITY_KINDS[1]: held.dt.to_period("M").value_counts(),
    }
    found = [m for counts in months.values() for m in counts.index]
    if not found:
        return pd.DataFrame(
            {
                "month": pd.Series(dtype="datetime64[s]"),
                "kind": pd.Series(dtype=object),
                "count": pd.Series(dtype=int),
            }
        )
    span = pd.period_range(min(found), max(found), freq="M")
    wide = pd.DataFrame(
        {kind: counts.reindex(span, fill_value=0) for kind, counts in months.items()}
    )
    long = (
        wide.rename_axis("month").reset_index().melt("month", var_name="kind", value_name="count")
    )
    long["month"] = long["month"].dt.start_time.astype("datetime64[s]")
    long["count"] = long["count"].astype(int)
    return long.sort_values(["month", "kind"], kind="stable").reset_index(drop=True)


# ---------------------------------------------------------------------------- mix
def mix(contacts: People, filters: Filters = ALL, top_fields: int = 8) -> pd.DataFrame:
    """Return contacts per sector and per field (top fields, the rest as "Other fields").

    Columns: dimension ("Sector" or "Field"), category, contacts, share (of the filtered
    contacts). Fields are grouped ignoring case and spacing; blank fields show as "No field given".
    """
    people = apply_filters(_as_frame(contacts), filters)
    total = len(people)
    columns = ["dimension", "category", "contacts", "share"]
    if not total:
        return pd.DataFrame(
            {
                c: pd.Series(dtype=t)
                for c, t in zip(columns, [object, object, int, float], strict=True)
            }
        )

    sectors = people["sector"].value_counts().reindex(list(SECTOR_LABELS), fill_value=0)
    sectors = sectors[sectors > 0].sort_values(ascending=False, kind="stable")
    sector_rows = pd.DataFrame(
        {
            "dimension": "Sector",
            "category": sectors.index.map(SECTOR_LABELS),
            "contacts": sectors.values,
        }
    )

    spelled = people["field"].str.strip()
    key = spelled.str.casefold().str.split().str.join(" ")
    named = key != ""
    counts = key[named].value_counts()
    # Show each field as its most common spelling.
    spelling = (
        pd.DataFrame({"key": key[named], "spelled": spelled[named]})
        .value_counts()
        .reset_index()
        .drop_duplicates("key")
        .set_index("key")["spelled"]
    )
    top = counts.sort_index().sort_values(ascending=False, kind="stable").head(top_fields)
    labels = list(top.index.map(spelling))
    values = list(top.values)
    rest = int(counts.sum() - top.sum())
    if rest:
        labels.append(OTHER_FIELDS)
        values.append(rest)
    if (~named).any():
        labels.append(NO_FIELD)
        values.append(int((~named).sum()))
    field_rows = pd.DataFrame({"dimension": "Field", "category": labels, "contacts": values})

    frame = pd.concat([sector_rows, field_rows], ignore_index=True)
    frame["contacts"] = frame["contacts"].astype(int)
    frame["share"] = frame["contacts"] / total
    return frame[columns]


# ---------------------------------------------------------------------------- referral tree
@dataclass(frozen=True)
class Tree:
    """A referral forest laid out for drawing: x is the generation, y spreads the leaves."""

    nodes: pd.DataFrame = field(compare=False)
    edges: pd.DataFrame = field(compare=False)
    top_referrers: pd.DataFrame = field(compare=False)
    depth: int  # people in the longest chain of introductions (A led to B led to C: 3)
    size: int  # contacts in the tree (anyone who referred or was referred)
    shown: int  # contacts drawn; the rest sit in "+N more" nodes
    roots: int
    cycles: int  # referral loops found in the data and cut to draw a tree
    missing_parents: int  # contacts whose referrer is not among the contacts given


_NODE_COLUMNS = [
    "id", "label", "parent", "level", "x", "y", "referred", "reached", "source", "sector", "folded",
]  # fmt: skip
_EDGE_COLUMNS = ["parent", "child", "x", "y", "x2", "y2"]


def referral_tree(
    contacts: People, filters: Filters = ALL, max_nodes: int = 300, top_n: int = 5
) -> Tree:
    """Return who led to whom, laid out in layers, with at most ``max_nodes`` nodes drawn.

    Nodes beyond the cap fold into one "+N more" node per parent. Loops in referred_by are
    cut at their earliest-joined contact; a referrer missing from the contacts (deleted or
    filtered out) makes the contact a root. Runs in O(n log n), with no recursion.
    """
    if max_nodes < 1:
        raise ValueError("max_nodes must be at least 1")
    people = apply_filters(_as_frame(contacts), filters)
    # Earliest-joined first, so roots and cut points are chosen the same way every time.
    people = people.sort_values(["joined", "name", "id"], kind="stable", na_position="last")
    ids = people["id"].tolist()  # plain lists: iterating Arrow-backed columns is slow
    order = {cid: i for i, cid in enumerate(ids)}
    name = dict(zip(ids, people["name"].tolist(), strict=True))
    info = people.set_index("id")[["source", "sector"]]

    parent: dict[str, str | None] = {}
    missing = 0
    for cid, ref in zip(ids, people["referred_by"].tolist(), strict=True):
        ref = ref if isinstance(ref, str) else None  # a frame may hold NaN for "no referrer"
        if ref is not None and ref != cid and ref in order:
            parent[cid] = ref
        else:
            parent[cid] = None
            missing += ref is not None and ref != cid and ref not in order
    children: dict[str, list[str]] = {}
    for cid, ref in parent.items():
        if ref is not None:
            children.setdefault(ref, []).append(cid)

    # Walk down from the true roots; whatever stays unreached hangs under a loop.
    level: dict[str, int] = {}
    walk: list[str] = []

    def reach(root: str) -> None:
        level[root] = 0
        queue = deque([root])
        while queue:
            node = queue.popleft()
            walk.append(node)
            for child in children.get(node, ()):
                if child not in level:
                    level[child] = level[node] + 1
                    queue.append(child)

    roots = [cid for cid in order if parent[cid] is None and cid in children]
    for root in roots:
        reach(root)
    cycles = 0
    for start in order:
        if start in level or parent[start] is None:
            continue
        path: dict[str, int] = {}  # node -> position on the walk up, for O(1) loop checks
        node: str | None = start
        while node not in path:
            path[node] = len(path)
            node = parent[node]
        loop = list(path)[path[node] :]
        cut = min(loop, key=order.__getitem__)
        children[parent[cut]].remove(cut)
        parent[cut] = None
        cycles += 1
        roots.append(cut)
        reach(cut)
    roots.sort(key=order.__getitem__)

    in_tree = [n for n in walk if parent[n] is not None or children.get(n)]
    reached = dict.fromkeys(in_tree, 0)
    for node in reversed(walk):
        up = parent[node]
        if up is not None:
            reached[up] += reached[node] + 1
    for kids in children.values():
        kids.sort(key=lambda c: (-reached[c], order[c]))
    roots.sort(key=lambda c: (-reached[c], order[c]))

    kept, folds = _choose_nodes(roots, children, parent, level, reached, order, max_nodes)
    nodes, edges = _layout(roots, children, kept, folds, level, reached, name, info)
    top = (
        pd.DataFrame(
            {
                "id": in_tree,
                "name": [name[n] for n in in_tree],
                "referred": [len(children.get(n, ())) for n in in_tree],
                "reached": [reached[n] for n in in_tree],
            }
        )
        .query("referred > 0")
        .sort_values(["referred", "reached"], ascending=False, kind="stable")
        .head(top_n)
        .reset_index(drop=True)
    )
    return Tree(
        nodes=nodes,
        edges=edges,
        top_referrers=top,
        depth=max((level[n] for n in in_tree), default=-1) + 1,
        size=len(in_tree),
        shown=int((nodes["folded"] == 0).sum()),
        roots=len(roots),
        cycles=cycles,
        missing_parents=missing,
    )


def _choose_nodes(
    roots: list[str],
    children: dict[str, list[str]],
    parent: dict[str, str | None],
    level: dict[str, int],
    reached: dict[str, int],
    order: dict[str, int],
    max_nodes: int,
) -> tuple[set[str], dict[str | None, int]]:
    """Pick nodes biggest branch first, so kept + "+N more" nodes <= max_nodes.

    Going by branch size rather than by generation shows the chains that matter: a wide
    forest picked generation by generation would fill the cap with roots and their folds.
    """
    waiting: dict[str | None, int] = {None: len(roots)}  # unpicked children per parent
    open_parents = 1 if roots else 0  # parents with unpicked children: each needs a fold
    heap = [(-reached[r], 0, order[r], r) for r in roots]
    heapq.heapify(heap)
    kept: set[str] = set()
    while heap:
        _, _, _, node = heap[0]
        up = parent[node]
        kids = children.get(node, ())
        opened = open_parents - (waiting[up] == 1) + bool(kids)
        if len(kept) + 1 + opened > max_nodes:
            break
        heapq.heappop(heap)
        kept.add(node)
        waiting[up] -= 1
        open_parents = opened
        if kids:
            waiting[node] = len(kids)
            for kid in kids:
                heapq.heappush(heap, (-reached[kid], level[kid], order[kid], kid))
    hidden: dict[str | None, list[str]] = {}
    for _, _, _, node in heap:
        hidden.setdefault(parent[node], []).append(node)
    folds: dict[str | None, int] = {}
    for up, nodes in hidden.items():
        if len(nodes) == 1 and not reached[nodes[0]]:
            kept.add(nodes[0])  # one hidden leaf takes the same room as its "+1 more"
        else:
            folds[up] = sum(reached[n] + 1 for n in nodes)
    return kept, folds


def _layout(
    roots: list[str],
    children: dict[str, list[str]],
    kept: set[str],
    folds: dict[str | None, int],
    level: dict[str, int],
    reached: dict[str, int],
    name: dict[str, str],
    info: pd.DataFrame,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Place leaves on consecutive rows and each parent midway between its first and last child."""
    rows: dict[str, dict] = {}
    shown_children: dict[str | None, list[str]] = {}

    def more(up: str | None) -> str:
        key = f"more:{up or 'top'}"
        rows[key] = {
            "id": key, "label": f"+{folds[up]:,} more", "parent": up,
            "level": 0 if up is None else level[up] + 1, "referred": 0, "reached": 0,
            "source": "", "sector": "", "folded": folds[up],
        }  # fmt: skip
        return key

    for up, kids in [(None, roots), *((n, children.get(n, [])) for n in kept)]:
        shown = [k for k in kids if k in kept]
        if up in folds:
            shown.append(more(up))
        shown_children[up] = shown
    for node in kept:
        rows[node] = {
            "id": node, "label": name[node], "parent": None, "level": level[node],
            "referred": len(children.get(node, ())), "reached": reached[node],
            "source": SOURCE_LABELS.get(info.at[node, "source"], ""),
            "sector": SECTOR_LABELS.get(info.at[node, "sector"], ""), "folded": 0,
        }  # fmt: skip
    for up, kids in shown_children.items():
        for kid in kids:
            rows[kid]["parent"] = up

    # Iterative post-order: a chain of thousands must not hit the recursion limit.
    y: dict[str, float] = {}
    next_row = 0
    stack: list[tuple[str, bool]] = [(n, False) for n in reversed(shown_children[None])]
    while stack:
        node, done = stack.pop()
        kids = shown_children.get(node, [])
        if not kids:
            y[node] = float(next_row)
            next_row += 1
        elif done:
            y[node] = (y[kids[0]] + y[kids[-1]]) / 2
        else:
            stack.append((node, True))
            stack.extend((k, False) for k in reversed(kids))

    ordered = sorted(rows.values(), key=lambda r: (r["level"], y[r["id"]]))
    nodes = pd.DataFrame(ordered, columns=[c for c in _NODE_COLUMNS if c not in ("x", "y")])
    nodes["x"] = nodes["level"].astype(float)
    nodes["y"] = nodes["id"].map(y).astype(float)
    nodes = nodes[_NODE_COLUMNS]
    pos = nodes.set_index("id")[["x", "y"]]
    linked = nodes[nodes["parent"].notna()]
    edges = pd.DataFrame(
        {
            "parent": linked["parent"].to_numpy(),
            "child": linked["id"].to_numpy(),
            "x": pos.loc[linked["parent"], "x"].to_numpy(),
            "y": pos.loc[linked["parent"], "y"].to_numpy(),
            "x2": linked["x"].to_numpy(),
            "y2": linked["y"].to_numpy(),
        },
        columns=_EDGE_COLUMNS,
    )
    return nodes, edges
