"""Aggregations behind the Network page: growth, funnel, replies, referral tree, activity, mix.

Every function is pure and returns aggregated data (one row per period, stage or category),
never one row per contact, except the referral tree's capped list of drawn nodes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from enum import Enum
from typing import Literal

import numpy as np
import pandas as pd

from infoview.figures import MILESTONES, milestones
from infoview.models import (
    SECTOR_LABELS,
    SOURCE_LABELS,
    AskStatus,
    Contact,
    Conversation,
    Outreach,
    Sector,
)
from infoview.pipeline import (
    ANSWERED_STATUSES,
    SENT_STATUSES,
    is_answered,
    is_sent,
)
from infoview.sectors import NO_TITLE, OTHER_ROLES, role_group

ACTIVITY_KINDS = ("Asks sent", "Conversations held")
OTHER_FIELDS = "Other fields"
NO_FIELD = "No field given"
OTHER_ORGS = "Other organizations"
NO_ORG = "No organization given"
MUTED_CATEGORIES = (OTHER_FIELDS, NO_FIELD, OTHER_ORGS, NO_ORG, OTHER_ROLES, NO_TITLE)
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
            "organization": [c.organization for c in contacts],
            "title": [c.title for c in contacts],
            "inferred": np.array([c.sector_inferred for c in contacts], dtype=bool),
            "source": [str(c.source.value) for c in contacts],
            "joined": _dates([c.joined_on for c in contacts]),
            "sample": np.array([c.sample for c in contacts], dtype=bool),
            "archived": np.array([c.archived for c in contacts], dtype=bool),
            "has_reason": np.array([bool(c.reason.strip()) for c in contacts], dtype=bool),
        }
    )


People = Iterable[Contact] | pd.DataFrame  # contacts, or their contacts_frame built once


def as_frame(contacts: People) -> pd.DataFrame:
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
    people = apply_filters(as_frame(contacts), filters.without_dates())
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
    people = as_frame(contacts)
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
    today: date | None = None,
) -> pd.DataFrame:
    """Return asks sent and conversations held per month (month, kind, count, partial), gaps as 0.

    Events are chosen by their own date and their contact's sector, source and sample flag.
    ``partial`` marks a month only partly counted: cut by the date range, or not over by
    ``today``.
    """
    people = as_frame(contacts)
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
                "partial": pd.Series(dtype=bool),
            }
        )
    span = pd.period_range(min(found), max(found), freq="M")
    ends = [d for d in (filters.date_to, today) if d is not None]
    counted_to = pd.Timestamp(min(ends)) if ends else None
    counted_from = pd.Timestamp(filters.date_from) if filters.date_from else None
    wide = pd.DataFrame(
        {kind: counts.reindex(span, fill_value=0) for kind, counts in months.items()}
    )
    long = (
        wide.rename_axis("month").reset_index().melt("month", var_name="kind", value_name="count")
    )
    long["month"] = long["month"].dt.start_time.astype("datetime64[s]")
    long["count"] = long["count"].astype(int)
    last_day = long["month"] + pd.offsets.MonthEnd(0)
    partial = pd.Series(False, index=long.index)
    if counted_from is not None:
        partial |= long["month"] < counted_from
    if counted_to is not None:
        partial |= last_day > counted_to
    long["partial"] = partial
    return long.sort_values(["month", "kind"], kind="stable").reset_index(drop=True)


# ---------------------------------------------------------------------------- mix
def _top(texts: pd.Series, top: int, other: str, blank: str) -> tuple[list[str], list[int]]:
    """Count texts ignoring case and spacing: the ``top`` most common, the rest, the blanks.

    Each is shown as its most common spelling.
    """
    spelled = texts.fillna("").astype(str).str.strip()
    key = spelled.str.casefold().str.split().str.join(" ")
    named = key != ""
    counts = key[named].value_counts()
    spelling = (
        pd.DataFrame({"key": key[named], "spelled": spelled[named]})
        .value_counts()
        .reset_index()
        .drop_duplicates("key")
        .set_index("key")["spelled"]
    )
    chosen = counts.sort_index().sort_values(ascending=False, kind="stable").head(top)
    labels = list(chosen.index.map(spelling))
    values = [int(v) for v in chosen.values]
    rest = int(counts.sum() - chosen.sum())
    if rest:
        labels.append(other)
        values.append(rest)
    if (~named).any():
        labels.append(blank)
        values.append(int((~named).sum()))
    return labels, values


def mix(contacts: People, filters: Filters = ALL, top_fields: int = 8) -> pd.DataFrame:
    """Return contacts per sector, field, organization and role (grouped from titles).

    Columns: dimension ("Sector", "Field", "Organization" or "Role"), category, contacts,
    share (of the filtered contacts), inferred (contacts whose sector was guessed; sectors
    only). Fields and organizations show the top ones, the rest as one "other" row and blanks
    as "No ... given"; they are grouped ignoring case and spacing.
    """
    people = apply_filters(as_frame(contacts), filters)
    total = len(people)
    columns = ["dimension", "category", "contacts", "share", "inferred"]
    if not total:
        return pd.DataFrame(
            {
                c: pd.Series(dtype=t)
                for c, t in zip(columns, [object, object, int, float, int], strict=True)
            }
        )

    sectors = people["sector"].value_counts().reindex(list(SECTOR_LABELS), fill_value=0)
    sectors = sectors[sectors > 0].sort_values(ascending=False, kind="stable")
    guessed = people.loc[people["inferred"], "sector"].value_counts()
    sector_rows = pd.DataFrame(
        {
            "dimension": "Sector",
            "category": sectors.index.map(SECTOR_LABELS),
            "contacts": sectors.values,
            "inferred": guessed.reindex(sectors.index, fill_value=0).values,
        }
    )
    rows = [sector_rows]
    for dimension, texts, other, blank in (
        ("Field", people["field"], OTHER_FIELDS, NO_FIELD),
        ("Organization", people["organization"], OTHER_ORGS, NO_ORG),
    ):
        labels, values = _top(texts, top_fields, other, blank)
        rows.append(pd.DataFrame({"dimension": dimension, "category": labels, "contacts": values}))
    # Group each distinct title once: 30,000 contacts hold far fewer titles.
    titles = people["title"].fillna("").astype(str).value_counts()
    roles = (
        titles.groupby(titles.index.map(role_group))
        .sum()
        .sort_values(ascending=False, kind="stable")
    )
    last = [r for r in (OTHER_ROLES, NO_TITLE) if r in roles.index]
    roles = pd.concat([roles.drop(last), roles[last]])  # "other" and blanks last
    rows.append(
        pd.DataFrame({"dimension": "Role", "category": roles.index, "contacts": roles.values})
    )

    frame = pd.concat(rows, ignore_index=True)
    frame["contacts"] = frame["contacts"].astype(int)
    frame["share"] = frame["contacts"] / total
    frame["inferred"] = frame["inferred"].fillna(0).astype(int)
    return frame[columns]
