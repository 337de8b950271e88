"""Chart builders and summaries for the Network page: valid, small specs and right figures."""

from __future__ import annotations

import json
import random
from datetime import date, timedelta

import altair as alt
import pandas as pd
import pytest

from infoview import analytics, charts
from infoview.analytics import ALL, Filters
from infoview.models import AskStatus, Contact, Conversation, Outreach, Sector, Source
from infoview.referral_tree import referral_tree

SPEC_LIMIT = 200_000  # bytes


def person(cid: str, joined: date = date(2024, 1, 10), **fields) -> Contact:
    return Contact(id=cid, full_name=f"Person {cid}", joined_on=joined, **fields)


def network(size: int, seed: int = 8) -> tuple[list[Contact], list[Outreach], list[Conversation]]:
    """Build a network of `size` contacts over ten years, a fifth of them referrals."""
    rnd = random.Random(seed)
    contacts: list[Contact] = []
    for i in range(size):
        referrer = contacts[rnd.randrange(len(contacts))].id if i and rnd.random() < 0.2 else None
        contacts.append(
            Contact(
                id=f"{i:032x}",  # as long as the store's real ids
                full_name=f"Contact number {i}",
                joined_on=date(2015, 1, 1) + timedelta(days=rnd.randrange(3650)),
                sector=rnd.choice(list(Sector)),
                source=Source.REFERRAL if referrer else rnd.choice(list(Source)),
                field=f"Field {rnd.randrange(60)}",
                reason="Why we should talk" if rnd.random() < 0.3 else "",
                referred_by=referrer,
                sample=rnd.random() < 0.05,
            )
        )
    asks, talks = [], []
    for contact in contacts[: size // 5]:
        sent = contact.joined_on + timedelta(days=rnd.randrange(30))
        replied = sent + timedelta(days=rnd.randrange(12)) if rnd.random() < 0.5 else None
        status = AskStatus.REPLIED if replied else AskStatus.SENT
        asks.append(
            Outreach(contact_id=contact.id, status=status, sent_on=sent, replied_on=replied)
        )
        if replied and rnd.random() < 0.6:
            talks.append(Conversation(contact_id=contact.id, happened_on=replied))
    return contacts, asks, talks


@pytest.fixture(scope="module")
def big() -> tuple[list[Contact], list[Outreach], list[Conversation]]:
    return network(30_000)


@pytest.fixture(scope="module")
def big_people(big) -> pd.DataFrame:
    return analytics.contacts_frame(big[0])


def _all_charts(contacts, asks, talks, filters: Filters = ALL) -> dict[str, alt.TopLevelMixin]:
    people = analytics.contacts_frame(contacts)  # built once, as the page caches it
    stats = analytics.replies(asks, people, filters)
    shares = analytics.mix(people, filters)
    return {
        "growth": charts.growth_chart(analytics.growth(people, filters, "W")),
        "funnel": charts.funnel_chart(analytics.funnel(contacts, asks, talks, filters, people)),
        "reply rate": charts.reply_rate_chart(stats),
        "reply days": charts.reply_days_chart(stats),
        "tree": charts.tree_chart(referral_tree(people, filters)),
        "activity": charts.activity_chart(analytics.activity(asks, talks, people, filters)),
        "sector mix": charts.mix_chart(shares, "Sector"),
        "field mix": charts.mix_chart(shares, "Field"),
    }


def _size(chart: alt.TopLevelMixin) -> int:
    return len(json.dumps(chart.to_dict(), separators=(",", ":")))


# ---------------------------------------------------------------------------- scale
def test_every_chart_stays_small_and_valid_at_30000_contacts(big):
    # Build times are measured by `make bench`, not asserted here.
    built = _all_charts(*big)
    sizes = {name: _size(chart) for name, chart in built.items()}
    assert all(0 < size < SPEC_LIMIT for size in sizes.values()), sizes


def test_charts_at_30000_contacts_with_filters(big_people):
    filters = Filters(date_from=date(2020, 1, 1), sectors={"industry"}, include_sample=False)
    people = big_people
    assert _size(charts.growth_chart(analytics.growth(people, filters, "W"))) < SPEC_LIMIT
    assert _size(charts.tree_chart(referral_tree(people, filters))) < SPEC_LIMIT


def test_the_largest_growth_chart_stays_small():
    # Just under MAX_PERIODS weeks with all four sources: the most rows growth ever returns.
    days = range(0, 7 * analytics.MAX_PERIODS, 2)
    contacts = [
        person(f"c{n}", date(2020, 1, 6) + timedelta(days=day), source=list(Source)[n % 4])
        for n, day in enumerate(days)
    ]
    frame = analytics.growth(contacts, ALL, "W")
    assert frame.attrs["freq"] == "W"
    assert len(frame) == 4 * analytics.MAX_PERIODS
    assert _size(charts.growth_chart(frame)) < SPEC_LIMIT


def test_the_tree_at_30000_contacts_draws_at_most_300_nodes(big_people):
    tree = referral_tree(big_people)
    assert len(tree.nodes) <= 300
    assert tree.size > 5_000
    assert tree.shown + tree.nodes["folded"].sum() == tree.size


def test_growth_has_few_rows_even_by_week_over_ten_years(big_people):
    frame = analytics.growth(big_people, ALL, "W")
    assert len(frame) <= analytics.MAX_PERIODS * 4
    assert frame.attrs["freq"] == "M"


# ---------------------------------------------------------------------------- empty data
def test_every_builder_accepts_empty_data():
    for name, chart in _all_charts([], [], []).items():
        assert _size(chart) < 10_000, name


def test_empty_summaries_say_what_to_do():
    assert (
        charts.growth_summary(analytics.growth([], ALL)).caption
        == (charts.EMPTY_MESSAGES["growth"])
    )
    assert "LinkedIn" in charts.EMPTY_MESSAGES["growth"]
    summaries = {
        "growth": charts.growth_summary(analytics.growth([])),
        "funnel": charts.funnel_summary(analytics.funnel([], [], [])),
        "replies": charts.replies_summary(analytics.replies([], [])),
        "tree": charts.tree_summary(referral_tree([])),
        "activity": charts.activity_summary(analytics.activity([], [], [])),
        "mix": charts.mix_summary(analytics.mix([])),
    }
    for name, summary in summaries.items():
        assert summary.empty, name
        assert summary.figures == ()
        assert summary.caption == charts.EMPTY_MESSAGES[name]


def test_an_empty_chart_under_filters_suggests_widening_them():
    filters = Filters(sectors={"government"})
    summary = charts.mix_summary(analytics.mix([person("a")], filters), filters)
    assert summary.empty
    assert summary.caption == charts.FILTERED_MESSAGE
    assert charts.empty_message("tree") == charts.EMPTY_MESSAGES["tree"]


# ---------------------------------------------------------------------------- summaries
def test_growth_summary_figures():
    contacts = [
        person("a", date(2024, 1, 5), source=Source.LINKEDIN),
        person("b", date(2024, 2, 5), source=Source.LINKEDIN),
        person("c", date(2024, 3, 5), source=Source.MANUAL),
        person("old", date(2023, 5, 5), source=Source.MANUAL),
    ]
    summary = charts.growth_summary(
        analytics.growth(contacts, Filters(date_from=date(2024, 1, 1)), "M")
    )
    assert not summary.empty
    assert summary.numbers() == {"Contacts": 4, "Joined in this range": 3, "Largest source": 2}
    assert [f.value for f in summary.figures] == ["4", "3", "Added by hand"]
    assert summary.caption == (
        "4 contacts by Mar 2024 (2 Added by hand, 2 LinkedIn); 3 joined from Jan 2024 to Mar 2024."
    )


def test_funnel_summary_names_the_weakest_step():
    contacts = [person(c, reason="r") for c in "abcd"]
    asks = [
        Outreach(contact_id="a", status=AskStatus.REPLIED),
        Outreach(contact_id="b", status=AskStatus.SENT),
        Outreach(contact_id="c", status=AskStatus.SENT),
    ]
    summary = charts.funnel_summary(analytics.funnel(contacts, asks, []))
    numbers = summary.numbers()
    assert numbers["Researched"] == 4
    assert numbers["Gave referrals"] == 0
    weakest = summary.figures[2]
    assert (weakest.label, weakest.value, weakest.number) == ("Weakest step", "0%", 0)
    assert weakest.detail == "Replied → Met"
    assert "for whom that step happened: researched 4, asked 3, replied 1" in summary.caption


def test_replies_summary_figures():
    contacts = [person("a", sector=Sector.INDUSTRY), person("b", sector=Sector.ACADEMIA)]
    asks = [
        Outreach(
            contact_id="a",
            status=AskStatus.REPLIED,
            sent_on=date(2024, 3, 1),
            replied_on=date(2024, 3, 3),
        ),
        Outreach(contact_id="b", status=AskStatus.SENT, sent_on=date(2024, 3, 1)),
    ]
    summary = charts.replies_summary(analytics.replies(asks, contacts))
    assert [(f.label, f.value) for f in summary.figures] == [
        ("Asks sent", "2"),
        ("Reply rate", "50%"),
        ("Median days to reply", "2 days"),
        ("Middle half of replies", "2 days"),
    ]
    assert summary.caption == (
        "1 of 2 asks got a reply (50%). Half of the replies came within 2 days. "
        "Industry replies most often (100%)."
    )


def test_tree_summary_figures_hold_no_names():
    contacts = [
        person("a", date(2024, 1, 1)),
        person("b", date(2024, 1, 2), referred_by="a"),
        person("c", date(2024, 1, 3), referred_by="b"),
        person("d", date(2024, 1, 4), referred_by="a"),
    ]
    summary = charts.tree_summary(referral_tree(contacts))
    assert summary.numbers() == {
        "People in referral chains": 4,
        "Longest chain": 3,
        "Most introductions by one person": 2,
    }
    assert "Person" not in summary.caption
    assert all("Person" not in f.value for f in summary.figures)


def test_tree_summary_mentions_folding_and_loops():
    contacts = [person("r", date(2024, 1, 1), referred_by="k0")] + [
        person(f"k{i}", date(2024, 1, 2 + i), referred_by="r") for i in range(10)
    ]
    summary = charts.tree_summary(referral_tree(contacts, max_nodes=5))
    assert '4 are drawn; the rest are grouped as "+N more".' in summary.caption
    assert "1 referral loop was found and cut" in summary.caption


def test_activity_summary_figures():
    contacts = [person("a")]
    asks = [
        Outreach(contact_id="a", status=AskStatus.SENT, sent_on=date(2024, 1, 3)),
        Outreach(contact_id="a", status=AskStatus.SENT, sent_on=date(2024, 3, 3)),
        Outreach(contact_id="a", status=AskStatus.SENT, sent_on=date(2024, 3, 9)),
    ]
    talks = [Conversation(contact_id="a", happened_on=date(2024, 3, 20))]
    summary = charts.activity_summary(analytics.activity(asks, talks, contacts))
    assert summary.numbers() == {"Asks sent": 3, "Conversations held": 1, "Busiest month": 3}
    assert summary.figures[2].value == "Mar 2024"
    assert summary.caption == (
        "3 asks sent and 1 conversation held over 3 months; the busiest was March 2024."
    )


def test_mix_summary_figures():
    contacts = [
        person("a", sector=Sector.INDUSTRY, field="Law"),
        person("b", sector=Sector.INDUSTRY),
        person("c", sector=Sector.NONPROFIT, field="Law"),
        person("d", sector=Sector.INDUSTRY, field="Art"),
    ]
    summary = charts.mix_summary(analytics.mix(contacts))
    assert summary.numbers() == {
        "Largest sector": 0.75,
        "Sectors": 2,
        "Contacts with a field": 0.75,
    }
    assert summary.figures[0].value == "Industry"
    assert "Law" not in summary.caption


# ---------------------------------------------------------------------------- specs
def test_charts_use_the_colour_blind_safe_palette_and_fill_the_width():
    contacts = [
        person("a", source=Source.LINKEDIN),
        person("b", date(2024, 3, 1), source=Source.MANUAL, referred_by="a"),
    ]
    growth = charts.growth_chart(analytics.growth(contacts, ALL, "M")).to_dict()
    scale = growth["layer"][0]["encoding"]["color"]["scale"]
    assert scale["domain"] == ["Added by hand", "LinkedIn"]  # only the sources present
    assert set(scale["range"]) <= set(charts.OKABE_ITO)
    assert growth["width"] == "container"
    assert growth["title"] == "Network size over time"
    assert "tooltip" in growth["layer"][1]["encoding"]


def test_tree_chart_draws_one_mark_per_node_and_edge():
    contacts = [
        person("a", date(2024, 1, 1)),
        person("b", date(2024, 1, 2), referred_by="a"),
        person("c", date(2024, 1, 3), referred_by="b"),
    ]
    spec = charts.tree_chart(referral_tree(contacts)).to_dict()
    rows = {len(rows) for rows in spec["datasets"].values()}
    assert rows == {2, 3}  # two edges, three nodes; no per-contact data beyond those
    assert "Person a" in json.dumps(spec)
    # The contacts' ids stay out of the page.
    assert '"id"' not in json.dumps(spec["datasets"])


def test_tree_rows_get_room_for_labels_when_every_node_is_labelled():
    contacts = [person("a", date(2024, 1, 1))] + [
        person(f"k{i}", date(2024, 1, 2 + i), referred_by="a") for i in range(10)
    ]
    tree = referral_tree(contacts)
    assert charts.tree_chart(tree).to_dict()["height"] == 36 * 10 + 50
    assert charts.tree_chart(tree, label_all_below=5).to_dict()["height"] == 22 * 10 + 50


def test_activity_ticks_fall_on_months_and_mix_bars_keep_their_labels():
    contacts = [person("a", sector=Sector.INDUSTRY, field="Policy"), person("b")]
    asks = [Outreach(contact_id="a", status=AskStatus.SENT, sent_on=date(2024, 3, 5))]
    spec = charts.activity_chart(analytics.activity(asks, [], contacts)).to_dict()
    assert spec["layer"][0]["encoding"]["x"]["field"] == "when"  # one band per month
    sectors = charts.mix_chart(analytics.mix(contacts), "Sector").to_dict()
    assert sectors["height"] == charts.rows_height(2)  # room for both rows after the title and axis
