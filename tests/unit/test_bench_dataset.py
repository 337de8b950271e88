"""The benchmark datasets: fast to build, internally consistent, every chart fed."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from bench.dataset import busiest_contact, large_dataset, small_dataset, write_dataset
from infoview.models import AskStatus, Source
from infoview.store import Store

TODAY = date(2025, 3, 14)


@pytest.fixture(scope="module")
def mid() -> dict:
    return large_dataset(TODAY, contacts=2000)


def _depth(contact_id: str, parents: dict[str, str | None]) -> int:
    depth = 0
    while parents[contact_id]:
        contact_id = parents[contact_id]
        depth += 1
    return depth


def test_the_asked_for_number_of_contacts_is_built():
    records = large_dataset(TODAY, contacts=2000)
    assert len(records["contacts"]) == 2000


def test_the_busiest_contact_has_the_most_asks_plans_and_conversations(mid):
    chosen = busiest_contact(mid)
    counts = Counter(
        r.contact_id for table in ("outreach", "plans", "conversations") for r in mid[table]
    )
    assert counts[chosen] == max(counts.values())
    assert any(c.id == chosen for c in mid["contacts"])


def test_every_reference_names_a_contact_in_the_dataset(mid):
    ids = {c.id for c in mid["contacts"]}
    assert len(ids) == len(mid["contacts"])
    for table in ("outreach", "plans", "conversations"):
        missing = [r.id for r in mid[table] if r.contact_id not in ids]
        assert missing == [], table
    assert all(c.referred_by in ids for c in mid["contacts"] if c.referred_by)


def test_shaped_like_a_linkedin_import_with_referral_trees(mid):
    sources = Counter(c.source for c in mid["contacts"])
    assert sources[Source.LINKEDIN] > 1500
    assert sources[Source.REFERRAL] == 100
    parents = {c.id: c.referred_by for c in mid["contacts"]}
    assert max(_depth(c, parents) for c in parents) >= 3
    assert all(c.joined_on <= TODAY for c in mid["contacts"])


def test_referrals_join_after_their_referrer(mid):
    by_id = {c.id: c for c in mid["contacts"]}
    for contact in mid["contacts"]:
        if contact.referred_by:
            assert contact.joined_on >= by_id[contact.referred_by].joined_on


def test_conversations_follow_replied_asks(mid):
    replied = {a.contact_id: a.replied_on for a in mid["outreach"] if a.status == "replied"}
    assert len(mid["conversations"]) == 800
    for talk in mid["conversations"]:
        when = talk.happened_on or talk.scheduled_at.date()
        assert when > replied[talk.contact_id]
        if talk.happened_on:
            assert talk.happened_on <= TODAY
        else:
            assert talk.scheduled_at.date() > TODAY


def test_same_seed_same_data_and_another_seed_differs():
    assert small_dataset(TODAY) == small_dataset(TODAY)
    one = large_dataset(TODAY, contacts=200, asks=40, conversations=10, seed=1)
    two = large_dataset(TODAY, contacts=200, asks=40, conversations=10, seed=2)
    assert one["contacts"] != two["contacts"]


def test_small_dataset_has_every_status_and_kind_of_call():
    small = small_dataset(TODAY)
    assert len(small["contacts"]) == 50
    assert set(Counter(a.status for a in small["outreach"])) == set(AskStatus)
    talks = small["conversations"]
    assert any(t.happened_on is None for t in talks)
    assert any(t.happened_on and t.thank_you_sent_on for t in talks)
    assert any(t.happened_on and not t.thank_you_sent_on for t in talks)
    assert small["plans"]
    parents = {c.id: c.referred_by for c in small["contacts"]}
    assert max(_depth(c, parents) for c in parents) >= 3


def test_too_few_contacts_are_refused():
    with pytest.raises(ValueError):
        large_dataset(TODAY, contacts=5)


def test_write_dataset_is_one_commit(monkeypatch):
    commits = []
    real = Store._commit
    monkeypatch.setattr(Store, "_commit", lambda self: (commits.append(1), real(self)))
    store = Store()
    small = small_dataset(TODAY)
    assert write_dataset(store, small) == sum(len(r) for r in small.values())
    assert commits == [1]
    assert store.count("contacts") == 50
    assert store.profile().name == "Bench User"
