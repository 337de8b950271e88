"""Every Network chart reads right at the edges: 0, 1, 2 and 30,000 records; a day to ten years.

Checked on the Altair spec: whole-number count axes whose last tick ends the axis, month ticks
on month starts, legends and colour scales holding only the categories present, room for
every bar, and summaries that say what a reader would.
"""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pandas as pd
import pytest

from infoview import analytics, charts
from infoview.analytics import ALL, Filters
from infoview.models import AskStatus, Contact, Conversation, Outreach, Sector, Source
from infoview.referral_tree import referral_tree
from tests.unit.test_charts import network

DAY = date(2026, 11, 18)  # a Wednesday


def people(n: int, span_days: int = 0, start: date = DAY) -> list[Contact]:
    """Return n contacts spread evenly over span_days, half government, half academia."""
    return [
        Contact(
            id=f"c{i}",
            full_name=f"Person {i}",
            joined_on=start + timedelta(days=(i * span_days) // max(n - 1, 1)),
            sector=Sector.GOVERNMENT if i % 2 == 0 else Sector.ACADEMIA,
            source=Source.MANUAL,
            reason="We both moved from the lab into policy.",
            referred_by="c0" if i else None,
        )
        for i in range(n)
    ]


def replied(contact: Contact, days: int | None) -> Outreach:
    sent = contact.joined_on
    if days is None:
        return Outreach(contact_id=contact.id, status=AskStatus.SENT, sent_on=sent)
    return Outreach(
        contact_id=contact.id,
        status=AskStatus.REPLIED,
        sent_on=sent,
        replied_on=sent + timedelta(days=days),
    )


def every_chart(contacts, asks, talks, filters: Filters = ALL, freq: str = "W") -> dict:
    frame = analytics.contacts_frame(contacts)
    stats = analytics.replies(asks, frame, filters)
    shares = analytics.mix(frame, filters)
    built = {
        "growth": charts.growth_chart(analytics.growth(frame, filters, freq)),
        "funnel": charts.funnel_chart(analytics.funnel(contacts, asks, talks, filters, frame)),
        "reply rate": charts.reply_rate_chart(stats),
        "reply days": charts.reply_days_chart(stats),
        "tree": charts.tree_chart(referral_tree(frame, filters, max_nodes=60)),
        "activity": charts.activity_chart(
            analytics.activity(asks, talks, frame, filters, today=DAY)
        ),
        "sector mix": charts.mix_chart(shares, "Sector"),
        "field mix": charts.mix_chart(shares, "Field"),
    }
    return {name: chart.to_dict() for name, chart in built.items()}


def count_axes(spec: dict) -> list[tuple[dict, list]]:
    """Return (axis, scale domain) of every quantitative count axis in a spec's layers."""
    found = []
    for layer in spec.get("layer", [spec]):
        for channel in ("x", "y"):
            enc = layer.get("encoding", {}).get(channel, {})
            axis = enc.get("axis") or {}
            if enc.get("type") == "quantitative" and axis.get("format") == ",d":
                found.append((axis, enc["scale"]["domain"]))
    return found


def data_max(spec: dict, field: str) -> float:
    values = [
        row[field]
        for rows in spec.get("datasets", {}).values()
        for row in rows
        if isinstance(row.get(field), int | float)
    ]
    return max(values, default=0)


SIZES = {
    "none": ([], [], []),
    "one": (
        people(1),
        [replied(people(1)[0], 0)],
        [Conversation(contact_id="c0", happened_on=DAY)],
    ),
    "two": (people(2, 3), [replied(c, 2) for c in people(2, 3)], []),
}


@pytest.fixture(scope="module")
def big():
    return network(30_000)


# ---------------------------------------------------------------------------- count axes
@pytest.mark.parametrize("size", list(SIZES))
def test_count_axes_show_whole_numbers_ending_on_a_tick(size):
    for name, spec in every_chart(*SIZES[size]).items():
        for axis, domain in count_axes(spec):
            ticks = axis["values"]
            assert all(isinstance(t, int) for t in ticks), (name, ticks)  # no half-contacts
            assert axis["tickMinStep"] == 1
            assert domain == [0, ticks[-1]] and ticks[-1] >= 1, (name, domain)  # never 0–0


def test_count_axes_at_30000_contacts_hold_every_value(big):
    specs = every_chart(*big)
    for name, field in [
        ("funnel", "contacts"),
        ("sector mix", "contacts"),
        ("field mix", "contacts"),
    ]:
        axis, domain = count_axes(specs[name])[0]
        assert data_max(specs[name], field) <= domain[1] == axis["values"][-1], name
        assert len(axis["values"]) <= 6
    axis, domain = count_axes(specs["growth"])[0]
    assert domain[1] >= 30_000  # the stacked total, not one source, sets the top tick


def test_count_ticks_are_few_whole_and_reach_the_top():
    assert charts.count_ticks(0) == [0, 1]
    assert charts.count_ticks(1) == [0, 1]
    assert charts.count_ticks(2) == [0, 1, 2]
    assert charts.count_ticks(7) == [0, 2, 4, 6, 8]
    assert charts.count_ticks(153) == [0, 50, 100, 150, 200]
    assert charts.count_ticks(30_000) == [0, 10_000, 20_000, 30_000]


def test_no_tick_shows_six_decimals_when_every_reply_came_the_same_day():
    contacts = people(1)
    spec = charts.reply_days_chart(analytics.replies([replied(contacts[0], 0)], contacts)).to_dict()
    axis, domain = count_axes(spec)[0]
    assert axis["values"] == [0, 1] and domain == [0, 1]


# ---------------------------------------------------------------------------- bars get room
def test_one_bar_at_100_percent_of_one_has_room_and_a_readable_label():
    contacts = people(1)
    stats = analytics.replies([replied(contacts[0], 0)], contacts)
    spec = charts.reply_rate_chart(stats).to_dict()
    assert spec["height"] >= charts.ROW + charts.FRAME  # Streamlit fits title and axis inside
    inside = [
        layer for layer in spec["layer"] if layer.get("transform") == [{"filter": "datum.inside"}]
    ]
    assert len(inside) == 1  # a label at 100% sits inside the bar, not past the axis's end
    # Its colour is a fixed value: a colour scale would merge with the bars' and hide it.
    assert "field" not in inside[0]["encoding"]["color"]
    rows = next(iter(spec["datasets"].values()))
    assert rows[0]["label"] == "100% of 1" and rows[0]["inside"] is True


def test_two_rows_of_days_to_reply_do_not_overlap():
    contacts = people(1)
    stats = analytics.replies([replied(contacts[0], 2)], contacts)
    spec = charts.reply_days_chart(stats).to_dict()
    # "All sectors" and "Government": each row gets its full height below title and axis.
    assert spec["height"] == 2 * charts.ROW + charts.FRAME


# ---------------------------------------------------------------------------- time ranges
def test_a_one_week_range_draws_the_network_it_summarises():
    contacts = people(348, 300, start=date(2025, 1, 1)) + people(2, 0, start=DAY)
    contacts[-2:] = [c.model_copy(update={"id": f"new{i}"}) for i, c in enumerate(contacts[-2:])]
    week = Filters(date_from=DAY - timedelta(days=2), date_to=DAY + timedelta(days=4))
    frame = analytics.growth(contacts, week, "W")
    summary = charts.growth_summary(frame, week)
    assert summary.numbers()["Contacts"] == 350
    spec = charts.growth_chart(frame).to_dict()
    (bar,) = spec["layer"]
    assert bar["mark"]["type"] == "bar"  # one period: a bar, not an area with no width
    assert spec["layer"][0]["encoding"]["y"]["scale"]["domain"][1] >= 350
    assert summary.caption.endswith("2 joined in the week of Nov 16, 2026.")


def test_a_one_day_range_still_draws_every_chart():
    contacts = people(3, 0)
    asks = [replied(c, 1) for c in contacts]
    one_day = Filters(date_from=DAY, date_to=DAY)
    specs = every_chart(contacts, asks, [], one_day, "M")
    assert specs["growth"]["layer"][0]["mark"]["type"] == "bar"
    activity = specs["activity"]["layer"][0]
    assert activity["mark"]["type"] == "bar" and activity["encoding"]["x"]["field"] == "when"


def _month_ticks(spec: dict) -> list[dict]:
    return spec["layer"][0]["encoding"]["x"]["axis"]["values"]


def test_the_month_view_puts_ticks_on_month_starts_only():
    contacts = people(20, 100, start=date(2024, 8, 2))  # Aug 2 to Nov 10
    spec = charts.growth_chart(analytics.growth(contacts, ALL, "M")).to_dict()
    ticks = _month_ticks(spec)
    assert [(t["month"], t["date"]) for t in ticks] == [(8, 1), (9, 1), (10, 1), (11, 1)]
    assert spec["layer"][0]["encoding"]["x"]["axis"]["format"] == "%b %Y"


def test_ten_years_by_month_label_years_evenly():
    contacts = people(200, 3650, start=date(2015, 1, 1))
    spec = charts.growth_chart(analytics.growth(contacts, ALL, "M")).to_dict()
    ticks = _month_ticks(spec)
    assert len(ticks) <= charts.MOST_TIME_TICKS
    assert {t["month"] for t in ticks} == {1}  # January only
    years = [t["year"] for t in ticks]
    assert len({b - a for a, b in itertools.pairwise(years)}) == 1  # evenly spaced


def test_week_ticks_fall_on_the_weeks_drawn():
    contacts = people(30, 70, start=date(2026, 1, 5))  # Mondays, ten weeks
    frame = analytics.growth(contacts, ALL, "W")
    ticks = _month_ticks(charts.growth_chart(frame).to_dict())
    starts = {(p.year, p.month, p.day) for p in frame["period"]}
    assert ticks and all((t["year"], t["month"], t["date"]) in starts for t in ticks)


def test_a_month_counted_in_part_is_not_drawn_as_a_collapse():
    contacts = people(1, 0, start=date(2024, 1, 10))
    asks = [
        Outreach(
            contact_id="c0", status=AskStatus.SENT, sent_on=date(2024, 1, 1) + timedelta(days=d)
        )
        for d in range(0, 700, 9)
    ]
    today = date(2025, 12, 3)
    frame = analytics.activity(asks, [], contacts, ALL, today=date(2025, 12, 3))
    assert frame["partial"].tolist().count(True) == 0  # every month ended before today
    frame = analytics.activity(asks, [], contacts, Filters(date_to=date(2025, 11, 20)), today=today)
    partial = frame[frame["partial"]]
    assert set(partial["month"]) == {pd.Timestamp(2025, 11, 1)}
    spec = charts.activity_chart(frame).to_dict()
    line, hollow = spec["layer"]
    assert line["transform"] == [{"filter": "!datum.partial"}]
    assert hollow["mark"]["filled"] is False


# ---------------------------------------------------------------------------- categories
def test_legends_list_only_the_sources_present():
    specs = every_chart(people(4, 60), [], [])
    assert specs["growth"]["layer"][0]["encoding"]["color"]["scale"]["domain"] == ["Added by hand"]
    tree_colors = [
        layer["encoding"]["color"]["scale"]["domain"]
        for layer in specs["tree"]["layer"]
        if "color" in layer.get("encoding", {})
    ]
    assert tree_colors == [["Added by hand"]]


def test_a_tiny_share_is_not_shown_as_zero_percent(big):
    contacts = people(300, 30)
    contacts[0] = contacts[0].model_copy(update={"sector": Sector.NONPROFIT})
    frame = analytics.mix(contacts)
    labels = next(iter(charts.mix_chart(frame, "Sector").to_dict()["datasets"].values()))
    nonprofit = next(r for r in labels if r["category"] == "Nonprofit")
    assert nonprofit["label"] == "1 (<1%)"


# ---------------------------------------------------------------------------- summaries
def test_reply_time_summaries_speak_in_whole_days():
    contacts = people(4, 9)
    same_day = charts.replies_summary(analytics.replies([replied(contacts[0], 0)], contacts))
    assert "Half of the replies came the same day." in same_day.caption
    assert dict((f.label, f.value) for f in same_day.figures)["Median days to reply"] == "Same day"
    spread = charts.replies_summary(
        analytics.replies(
            [replied(c, d) for c, d in zip(contacts, [2, 3, 5, 6], strict=True)], contacts
        )
    )
    values = dict((f.label, f.value) for f in spread.figures)
    assert values["Middle half of replies"] == "2–6 days"  # q1 2.75, q3 5.25: whole days
    one = charts.replies_summary(analytics.replies([replied(contacts[0], 2)], contacts))
    assert dict((f.label, f.value) for f in one.figures)["Middle half of replies"] == "2 days"
