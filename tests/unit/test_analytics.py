"""Aggregations for the Network page, on small hand-made data with known answers."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime

import pandas as pd
import pytest

from infoview.analytics import (
    ALL,
    MAX_PERIODS,
    NO_FIELD,
    OTHER_FIELDS,
    Filters,
    activity,
    apply_filters,
    contacts_frame,
    funnel,
    growth,
    mix,
    replies,
)
from infoview.models import (
    AskStatus,
    Contact,
    Conversation,
    Outreach,
    Sector,
    Source,
    StatusChange,
)
from infoview.referral_tree import referral_tree


def person(cid: str, joined: date = date(2024, 1, 10), **fields) -> Contact:
    return Contact(id=cid, full_name=f"Person {cid}", joined_on=joined, **fields)


def sent_ask(cid: str, sent: date | None, replied: date | None = None, **fields) -> Outreach:
    status = AskStatus.REPLIED if replied else AskStatus.SENT
    return Outreach(contact_id=cid, status=status, sent_on=sent, replied_on=replied, **fields)


def talk(cid: str, held: date | None, thanked: date | None = None, **fields) -> Conversation:
    return Conversation(contact_id=cid, happened_on=held, thank_you_sent_on=thanked, **fields)


# ---------------------------------------------------------------------------- filters
def test_filters_normalise_enums_and_sets_and_stay_hashable():
    filters = Filters(sectors={Sector.INDUSTRY}, sources=["linkedin"])
    assert filters.sectors == frozenset({"industry"})
    assert filters.sources == frozenset({"linkedin"})
    assert filters == Filters(sectors=frozenset({"industry"}), sources={Source.LINKEDIN})
    assert hash(filters) == hash(Filters(sectors={"industry"}, sources={"linkedin"}))
    # An empty multiselect filters nothing.
    assert Filters(sectors=set(), sources=[]) == ALL


def test_apply_filters_by_date_sector_source_and_sample():
    people = contacts_frame(
        [
            person("a", date(2024, 1, 1), sector=Sector.INDUSTRY, source=Source.LINKEDIN),
            person("b", date(2024, 1, 31), sector=Sector.ACADEMIA, source=Source.MANUAL),
            person("c", date(2024, 2, 1), sector=Sector.INDUSTRY, source=Source.MANUAL),
            person("d", date(2024, 1, 15), sector=Sector.INDUSTRY, sample=True),
        ]
    )

    def ids(filters: Filters) -> list[str]:
        return sorted(apply_filters(people, filters)["id"])

    assert ids(ALL) == ["a", "b", "c", "d"]
    # Both ends of the range are included.
    assert ids(Filters(date_from=date(2024, 1, 1), date_to=date(2024, 1, 31))) == ["a", "b", "d"]
    assert ids(Filters(date_from=date(2024, 1, 2))) == ["b", "c", "d"]
    assert ids(Filters(date_to=date(2023, 12, 31))) == []
    assert ids(Filters(sectors={"industry"})) == ["a", "c", "d"]
    assert ids(Filters(sources={"linkedin"})) == ["a"]
    assert ids(Filters(sectors={"industry"}, sources={"manual"})) == ["c", "d"]
    assert ids(Filters(include_sample=False)) == ["a", "b", "c"]


def test_apply_filters_handles_30000_contacts():
    contacts = [
        person(f"c{i}", date(2015 + i % 10, 1 + i % 12, 1 + i % 28), sector=list(Sector)[i % 5])
        for i in range(30_000)
    ]
    people = contacts_frame(contacts)
    chosen = apply_filters(people, Filters(date_from=date(2020, 1, 1), sectors={"industry"}))
    assert len(chosen) == 3_000
    assert (chosen["sector"] == "industry").all()


# ---------------------------------------------------------------------------- growth
def test_growth_by_month_is_cumulative_per_source_with_empty_months_filled():
    contacts = [
        person("a", date(2024, 1, 5), source=Source.MANUAL),
        person("b", date(2024, 1, 20), source=Source.LINKEDIN),
        person("c", date(2024, 3, 3), source=Source.MANUAL),
    ]
    frame = growth(contacts, ALL, "M")
    assert frame.attrs["freq"] == "M"
    assert list(frame.columns) == ["period", "source", "added", "contacts"]
    assert [str(p.date()) for p in frame["period"].unique()] == [
        "2024-01-01",
        "2024-02-01",
        "2024-03-01",
    ]
    by_hand = frame[frame["source"] == "Added by hand"]
    assert list(by_hand["added"]) == [1, 0, 1]
    assert list(by_hand["contacts"]) == [1, 1, 2]
    assert list(frame[frame["source"] == "LinkedIn"]["contacts"]) == [1, 1, 1]
    # Sources nobody came from are left out.
    assert set(frame["source"]) == {"Added by hand", "LinkedIn"}


def test_growth_by_week_starts_weeks_on_monday():
    contacts = [person("a", date(2024, 1, 3)), person("b", date(2024, 1, 7))]  # Wed, Sun
    frame = growth(contacts, ALL, "W")
    assert [str(p.date()) for p in frame["period"]] == ["2024-01-01"]
    assert list(frame["contacts"]) == [2]


def test_growth_counts_earlier_contacts_in_the_starting_size():
    contacts = [
        person("old", date(2023, 6, 1)),
        person("a", date(2024, 2, 10)),
        person("later", date(2024, 9, 1)),
    ]
    frame = growth(contacts, Filters(date_from=date(2024, 1, 1), date_to=date(2024, 6, 30)), "M")
    assert list(frame["added"]) == [1]
    assert list(frame["contacts"]) == [2]


def test_growth_filters_source_and_sample():
    contacts = [
        person("a", date(2024, 1, 5), source=Source.LINKEDIN),
        person("b", date(2024, 1, 6), source=Source.MANUAL),
        person("s", date(2024, 1, 7), source=Source.LINKEDIN, sample=True),
    ]
    assert list(growth(contacts, Filters(sources={"linkedin"}), "M")["contacts"]) == [2]
    only_real = growth(contacts, Filters(sources={"linkedin"}, include_sample=False), "M")
    assert list(only_real["contacts"]) == [1]


def test_growth_of_nothing_and_of_one_contact():
    assert growth([], ALL, "W").empty
    assert growth([person("a", date(2024, 1, 5))], Filters(sectors={"academia"}), "M").empty
    one = growth([person("a", date(2024, 5, 5), source=Source.VCARD)], ALL, "M")
    assert one.to_dict("records") == [
        {"period": pd.Timestamp("2024-05-01"), "source": "vCard", "added": 1, "contacts": 1}
    ]


def test_growth_skips_contacts_without_a_join_date():
    undated = Contact.model_construct(id="u", full_name="No date", joined_on=None)
    frame = growth([undated, person("a", date(2024, 1, 5))], ALL, "M")
    assert list(frame["contacts"]) == [1]


def test_growth_coarsens_weeks_to_months_over_a_long_span():
    contacts = [person("a", date(2015, 1, 1)), person("b", date(2024, 12, 31))]
    frame = growth(contacts, ALL, "W")
    assert frame.attrs["freq"] == "M"
    assert len(frame) == 120 <= MAX_PERIODS
    assert growth([contacts[0], person("c", date(2016, 1, 1))], ALL, "W").attrs["freq"] == "W"


# ---------------------------------------------------------------------------- funnel
def _pipeline():
    contacts = [
        person("a", reason="Works where I want to"),  # researched
        person("b", reason="r"),  # asked
        person("c", reason="r", sector=Sector.ACADEMIA),  # replied
        person("d", reason="r"),  # thanked
        person("e"),  # asked without a compelling reason written down
        person("f", reason="r"),  # met, not thanked, gave a referral: not counted as thanked
        person("g", referred_by="f", source=Source.REFERRAL),  # connected only
    ]
    asks = [
        sent_ask("b", date(2024, 2, 1)),
        sent_ask("c", date(2024, 2, 1), date(2024, 2, 3)),
        sent_ask("d", date(2024, 2, 1), date(2024, 2, 2)),
        sent_ask("e", date(2024, 2, 1)),
        sent_ask("f", date(2024, 2, 1), date(2024, 2, 5)),
        Outreach(contact_id="a", status=AskStatus.DRAFT),
    ]
    talks = [
        talk("d", date(2024, 2, 10), date(2024, 2, 10)),
        talk("f", date(2024, 2, 12)),
        talk("a", None),  # scheduled, not held
    ]
    return contacts, asks, talks


def test_each_funnel_bar_counts_the_contacts_it_names():
    frame = funnel(*_pipeline())
    assert list(frame["stage"]) == [
        "Researched",
        "Asked",
        "Replied",
        "Met",
        "Thanked",
        "Gave referrals",
    ]
    # e was asked without a reason written down: asked, not researched. f met and gave a
    # referral but was never thanked: met and gave referrals, not thanked.
    assert list(frame["contacts"]) == [5, 5, 3, 2, 1, 1]
    assert math.isnan(frame["conversion"].iloc[0])
    assert list(frame["conversion"].iloc[1:].round(3)) == [1.0, 0.6, 0.667, 0.5, 1.0]
    assert list(frame["of_first"].round(3)) == [1.0, 1.0, 0.6, 0.4, 0.2, 0.2]


def test_the_funnel_leaves_out_archived_contacts_like_home():
    contacts, asks, talks = _pipeline()
    contacts = [c.model_copy(update={"archived": c.id == "a"}) for c in contacts]
    assert list(funnel(contacts, asks, talks)["contacts"]) == [4, 5, 3, 2, 1, 1]


def test_funnel_applies_contact_filters():
    contacts, asks, talks = _pipeline()
    frame = funnel(contacts, asks, talks, Filters(sectors={"academia"}))
    assert list(frame["contacts"]) == [1, 1, 1, 0, 0, 0]
    assert math.isnan(frame["conversion"].iloc[4])  # nobody to convert from


def test_funnel_of_nothing_is_all_zero():
    frame = funnel([], [], [])
    assert list(frame["contacts"]) == [0] * 6
    assert frame["conversion"].isna().all()


# ---------------------------------------------------------------------------- replies
def test_replies_rate_and_days_overall_and_by_sector():
    contacts = [person(f"i{n}", sector=Sector.INDUSTRY) for n in range(6)] + [
        person("ac", sector=Sector.ACADEMIA)
    ]
    asks = [sent_ask(f"i{n}", date(2024, 3, 1), date(2024, 3, 1 + n + 1)) for n in range(5)]
    asks.append(sent_ask("i5", date(2024, 3, 1)))  # still waiting
    asks.append(
        Outreach(
            contact_id="ac",
            status=AskStatus.DECLINED,  # a decline is a reply too
            history=[
                StatusChange(status=AskStatus.SENT, at=datetime(2024, 3, 1, 9, tzinfo=UTC)),
                StatusChange(status=AskStatus.DECLINED, at=datetime(2024, 3, 8, 9, tzinfo=UTC)),
            ],
        )
    )
    asks.append(Outreach(contact_id="i0", status=AskStatus.DRAFT))
    stats = replies(asks, contacts)
    assert (stats.sent, stats.replied, stats.timed) == (7, 6, 6)
    assert round(stats.rate, 3) == 0.857
    assert (stats.median_days, stats.q1_days, stats.q3_days) == (3.5, 2.25, 4.75)
    rows = stats.by_sector.set_index("sector")
    assert list(rows.index) == ["Academia", "Industry"]
    assert rows.loc["Industry", ["sent", "replied"]].tolist() == [6, 5]
    assert rows.loc["Industry", ["median_days", "q1_days", "q3_days"]].tolist() == [3, 2, 4]
    assert rows.loc["Academia", "median_days"] == 7


def test_replies_without_dates_and_with_a_reply_before_the_ask():
    contacts = [person("a"), person("b")]
    asks = [
        Outreach(contact_id="a", status=AskStatus.REPLIED),  # no dates at all
        sent_ask("b", date(2024, 3, 5), date(2024, 3, 1)),  # dates typed the wrong way round
    ]
    stats = replies(asks, contacts)
    assert (stats.sent, stats.replied, stats.timed) == (2, 2, 0)
    assert stats.median_days is None
    # With a date range, an ask without a send date cannot be placed in it.
    ranged = replies(asks, contacts, Filters(date_from=date(2024, 1, 1)))
    assert (ranged.sent, ranged.replied) == (1, 1)


def test_replies_filter_by_send_date_and_sample():
    contacts = [person("a"), person("b", sample=True)]
    asks = [
        sent_ask("a", date(2024, 1, 10), date(2024, 1, 12)),
        sent_ask("a", date(2024, 5, 10)),
        sent_ask("b", date(2024, 5, 10), date(2024, 5, 11)),
    ]
    assert replies(asks, contacts, Filters(date_from=date(2024, 5, 1))).sent == 2
    spring = replies(asks, contacts, Filters(date_from=date(2024, 5, 1), include_sample=False))
    assert (spring.sent, spring.replied, spring.rate) == (1, 0, 0.0)


def test_replies_of_nothing():
    stats = replies([], [])
    assert (stats.sent, stats.rate, stats.median_days) == (0, None, None)
    assert stats.by_sector.empty


# ---------------------------------------------------------------------------- activity
def test_activity_counts_per_month_with_gaps_as_zero():
    contacts = [person("a", sector=Sector.INDUSTRY), person("b", sector=Sector.ACADEMIA)]
    asks = [
        sent_ask("a", date(2024, 1, 3)),
        sent_ask("b", date(2024, 1, 20)),
        sent_ask("a", date(2024, 3, 2)),
    ]
    talks = [talk("a", date(2024, 3, 9)), talk("b", None)]
    frame = activity(asks, talks, contacts)
    wide = frame.pivot(index="month", columns="kind", values="count")
    assert [str(m.date()) for m in wide.index] == ["2024-01-01", "2024-02-01", "2024-03-01"]
    assert list(wide["Asks sent"]) == [2, 0, 1]
    assert list(wide["Conversations held"]) == [0, 0, 1]


def test_activity_filters_by_event_date_and_contact_sector():
    contacts = [person("a", date(2020, 1, 1), sector=Sector.INDUSTRY), person("b")]
    asks = [sent_ask("a", date(2024, 1, 3)), sent_ask("b", date(2024, 1, 4))]
    # The contact joined long before the range: the event's own date decides.
    ranged = activity(asks, [], contacts, Filters(date_from=date(2024, 1, 1)))
    assert ranged.groupby("kind")["count"].sum().to_dict() == {
        "Asks sent": 2,
        "Conversations held": 0,
    }
    industry = activity(asks, [], contacts, Filters(sectors={"industry"}))
    assert industry["count"].sum() == 1
    assert activity(asks, [], contacts, Filters(date_to=date(2023, 12, 31))).empty
    assert activity([], [], []).empty


def test_activity_leaves_out_sample_events():
    contacts = [person("a")]
    talks = [talk("a", date(2024, 2, 1)), talk("a", date(2024, 2, 2), sample=True)]
    assert activity([], talks, contacts)["count"].sum() == 2
    assert activity([], talks, contacts, Filters(include_sample=False))["count"].sum() == 1


# ---------------------------------------------------------------------------- mix
def test_mix_counts_sectors_and_top_fields_with_the_rest_as_other():
    contacts = [
        person("a", sector=Sector.INDUSTRY, field="Data science"),
        person("b", sector=Sector.INDUSTRY, field="data  Science "),
        person("c", sector=Sector.INDUSTRY, field="Data science"),
        person("d", sector=Sector.ACADEMIA, field="History"),
        person("e", sector=Sector.ACADEMIA, field="Biology"),
        person("f", sector=Sector.GOVERNMENT, field="Policy"),
        person("g", sector=Sector.GOVERNMENT),
        person("h", sector=Sector.GOVERNMENT),
    ]
    frame = mix(contacts, ALL, top_fields=2)
    shown = frame[frame["dimension"].isin(["Sector", "Field"])]
    rows = [tuple(r) for r in shown[["dimension", "category", "contacts"]].itertuples(index=False)]
    assert rows == [
        ("Sector", "Industry", 3),
        ("Sector", "Government", 3),
        ("Sector", "Academia", 2),
        ("Field", "Data science", 3),
        ("Field", "Biology", 1),
        ("Field", OTHER_FIELDS, 2),
        ("Field", NO_FIELD, 2),
    ]
    assert frame["share"].iloc[0] == 3 / 8


def test_mix_applies_filters_and_handles_nothing():
    contacts = [person("a", sector=Sector.INDUSTRY, field="Law"), person("b", sample=True)]
    frame = mix(contacts, Filters(include_sample=False))
    assert frame["contacts"].tolist() == [1, 1, 1, 1]  # sector, field, organization, role
    assert mix([], ALL).empty


# ---------------------------------------------------------------------------- referral tree
def _chain(length: int) -> list[Contact]:
    return [
        person(f"p{i}", date(2024, 1, 1), referred_by=f"p{i - 1}" if i else None)
        for i in range(length)
    ]


def test_tree_of_a_three_deep_chain():
    tree = referral_tree(_chain(3))
    assert (tree.depth, tree.size, tree.shown, tree.roots, tree.cycles) == (3, 3, 3, 1, 0)
    nodes = tree.nodes.set_index("id")
    assert nodes["x"].to_dict() == {"p0": 0.0, "p1": 1.0, "p2": 2.0}
    assert set(nodes["y"]) == {0.0}
    assert nodes.loc["p2", "parent"] == "p1"
    assert tree.edges[["parent", "child"]].values.tolist() == [["p0", "p1"], ["p1", "p2"]]
    assert tree.top_referrers[["id", "referred", "reached"]].values.tolist() == [
        ["p0", 1, 2],
        ["p1", 1, 1],
    ]


def test_tree_puts_a_parent_between_its_children_and_skips_loners():
    contacts = [
        person("root", date(2024, 1, 1)),
        person("kid1", date(2024, 1, 2), referred_by="root"),
        person("kid2", date(2024, 1, 3), referred_by="root"),
        person("loner", date(2024, 1, 1)),
    ]
    tree = referral_tree(contacts)
    assert tree.nodes.set_index("id")["y"].to_dict() == {"root": 0.5, "kid1": 0.0, "kid2": 1.0}
    assert tree.depth == 2
    assert tree.size == 3


def test_tree_cuts_referral_loops_instead_of_hanging():
    contacts = [
        person("a", date(2024, 1, 1), referred_by="b"),
        person("b", date(2024, 2, 1), referred_by="a"),
        person("c", date(2024, 3, 1), referred_by="b"),
        person("self", date(2024, 1, 1), referred_by="self"),
    ]
    tree = referral_tree(contacts)
    assert tree.cycles == 1
    assert tree.size == 3
    # The earliest-joined contact of the loop becomes the root.
    assert tree.nodes.set_index("id")["level"].to_dict() == {"a": 0, "b": 1, "c": 2}


def test_tree_survives_long_chains_and_long_loops():
    chain = _chain(5_000)
    tree = referral_tree(chain)
    assert (tree.depth, tree.size) == (5_000, 5_000)
    assert len(tree.nodes) <= 300
    assert tree.shown + tree.nodes["folded"].sum() == 5_000
    loop = _chain(5_000)
    loop[0] = person("p0", date(2024, 1, 1), referred_by="p4999")
    looped = referral_tree(loop)
    assert (looped.cycles, looped.size, looped.depth) == (1, 5_000, 5_000)


def test_tree_with_a_missing_referrer_starts_a_new_root():
    contacts = [
        person("b", referred_by="gone"),
        person("c", referred_by="b"),
        person("d", referred_by="gone"),  # no children: nothing to draw
    ]
    tree = referral_tree(contacts)
    assert tree.missing_parents == 2
    assert (tree.size, tree.roots) == (2, 1)


def test_tree_folds_nodes_beyond_the_cap():
    contacts = [person("r", date(2024, 1, 1))] + [
        person(f"k{i}", date(2024, 1, 2 + i), referred_by="r") for i in range(10)
    ]
    tree = referral_tree(contacts, max_nodes=5)
    assert len(tree.nodes) == 5
    assert tree.shown == 4
    more = tree.nodes[tree.nodes["folded"] > 0]
    assert more[["label", "parent", "folded", "x"]].values.tolist() == [["+7 more", "r", 7, 1.0]]
    # Nothing is lost: drawn plus folded covers everyone.
    assert tree.shown + tree.nodes["folded"].sum() == tree.size == 11


def test_tree_with_a_cap_of_one_folds_everything():
    tree = referral_tree(_chain(4), max_nodes=1)
    assert tree.nodes[["label", "folded"]].values.tolist() == [["+4 more", 4]]
    assert tree.shown == 0
    with pytest.raises(ValueError):
        referral_tree(_chain(4), max_nodes=0)


def test_tree_shows_a_single_hidden_leaf_instead_of_plus_one_more():
    contacts = [person("r", date(2024, 1, 1))] + [
        person(f"k{i}", date(2024, 1, 2 + i), referred_by="r") for i in range(3)
    ]
    tree = referral_tree(contacts, max_nodes=4)
    assert tree.shown == 4
    assert (tree.nodes["folded"] == 0).all()


def test_tree_of_nothing_and_filtered():
    empty = referral_tree([])
    assert (empty.depth, empty.size, empty.shown) == (0, 0, 0)
    assert empty.nodes.empty and empty.edges.empty and empty.top_referrers.empty
    chain = _chain(3)
    chain[2] = person("p2", date(2024, 1, 1), referred_by="p1", sample=True)
    assert referral_tree(chain, Filters(include_sample=False)).depth == 2


def test_referrals_without_a_conversation_do_not_make_a_stage():
    from infoview.pipeline import Stage, contact_stage

    ana = person("ana", reason="r")
    assert contact_stage(ana, [], [], referrals_given=2) == Stage.RESEARCHED
    assert contact_stage(ana, [], [talk("ana", date(2024, 2, 1))], 2) == Stage.GAVE_REFERRALS
