"""Merging two records of one person, and undoing it byte for byte."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from infoview.merge import (
    MergeProblem,
    apart_pairs,
    apply_merge,
    default_choices,
    edited_since,
    keep_apart,
    merges,
    plan_merge,
    undo_merge,
)
from infoview.models import CallPlan, Contact, Conversation, Dismissal, Outreach
from infoview.reminders import dismiss, dismissal_id
from infoview.store import StaleRecordError, Store

T0 = datetime(2025, 1, 1, tzinfo=UTC)


def snapshot(store: Store) -> dict[str, dict[str, dict]]:
    data = store.export_data()
    return {t: {r["id"]: r for r in rows} for t, rows in data.items() if t != "merges"}


@pytest.fixture
def store(tmp_path) -> Store:
    return Store(tmp_path / "infoview.json")


@pytest.fixture
def network(store: Store) -> dict[str, str]:
    """Two records of Ana with asks, a plan, a conversation, referrals and a dismissal."""
    keep = Contact(
        full_name="Ana Garcia",
        organization="Lumen Bio",
        email="ana@lumen.example",
        tags=["biotech"],
        joined_on=date(2024, 5, 1),
        notes="Met at the fair.",
        updated_at=T0,
    )
    other = Contact(
        full_name="Dr. Ana García",
        organization="Halden University",
        title="Research Scientist",
        tags=["academia", "biotech"],
        previous_employers=["Open Lab"],
        joined_on=date(2023, 2, 1),
        linkedin_url="https://www.linkedin.com/in/ana-g",
        updated_at=T0 + timedelta(days=1),
    )
    referrer = Contact(full_name="Ben Okafor")
    other = other.model_copy(update={"referred_by": referrer.id})
    suggested = Contact(full_name="Caro Diaz", referred_by=other.id)
    with store.transaction():
        for c in (keep, other, referrer, suggested):
            store.save(c)
        ask = store.save(Outreach(contact_id=other.id, subject="15 minutes?"))
        store.save(Outreach(contact_id=keep.id, subject="Hello"))
        plan = store.save(CallPlan(contact_id=other.id))
        conv = store.save(Conversation(contact_id=other.id))
        dismiss(store, f"ask:{ask.id}:followup1")
        store.save(Dismissal(id=dismissal_id(f"keep:{other.id}"), key=f"keep:{other.id}"))
    return {
        "keep": keep.id,
        "other": other.id,
        "referrer": referrer.id,
        "suggested": suggested.id,
        "ask": ask.id,
        "plan": plan.id,
        "conv": conv.id,
    }


def test_defaults_take_the_newer_non_empty_value_unite_lists_and_keep_the_earliest_join(
    store, network
):
    plan = plan_merge(store, network["keep"], network["other"])
    merged = plan.result
    assert merged.id == network["keep"]
    assert merged.full_name == "Dr. Ana García"  # the other record is newer
    assert merged.email == "ana@lumen.example"  # only one has it
    assert merged.title == "Research Scientist"
    assert merged.tags == ["biotech", "academia"]
    assert merged.joined_on == date(2023, 2, 1)
    assert merged.organization == "Halden University"
    assert merged.previous_employers == ["Lumen Bio", "Open Lab"]  # the other job is kept
    assert merged.referred_by == network["referrer"]
    assert merged.notes.startswith("Met at the fair.")


def test_a_field_choice_overrides_the_default(store, network):
    plan = plan_merge(store, network["keep"], network["other"], {"full_name": "keep"})
    assert plan.result.full_name == "Ana Garcia"
    with pytest.raises(MergeProblem, match="Unknown field"):
        plan_merge(store, network["keep"], network["other"], {"shoe_size": "keep"})


def test_merge_moves_every_related_record_in_one_commit(store, network):
    plan = plan_merge(store, network["keep"], network["other"])
    assert plan.moves() == {
        "outreach": 1,
        "plans": 1,
        "conversations": 1,
        "touches": 0,
        "rhythms": 0,
        "referrals": 1,
        "dismissals": 1,
        "kept_apart": 0,
    }
    revision = store.revision
    record = apply_merge(store, plan)
    assert store.contact(network["other"]) is None
    keep = network["keep"]
    assert store.get("outreach", network["ask"]).contact_id == keep
    assert store.get("plans", network["plan"]).contact_id == keep
    assert store.get("conversations", network["conv"]).contact_id == keep
    assert store.contact(network["suggested"]).referred_by == keep
    keys = {d.key for d in store.all("dismissals")}
    assert f"keep:{keep}" in keys and f"keep:{network['other']}" not in keys
    assert any(k.startswith("ask:") for k in keys)  # keyed by the ask, which kept its id
    assert record.moved["outreach"] == 1
    assert merges(store)[0].id == record.id
    assert store.backups()[0].reason == "before-merge"
    assert store.revision > revision
    # One commit: the file on disk reads back as the store holds it.
    assert snapshot(Store(store.path)) == snapshot(store)


def test_undo_restores_byte_identical_records_and_every_pointer(store, network):
    before = snapshot(store)
    record = apply_merge(store, plan_merge(store, network["keep"], network["other"]))
    undone = undo_merge(store, record.id)
    assert undone.undone_at is not None
    assert snapshot(store) == before
    assert snapshot(Store(store.path)) == before
    with pytest.raises(MergeProblem, match="already undone"):
        undo_merge(store, record.id)


def test_undo_keeps_edits_made_since_and_puts_the_rest_back(store, network):
    before = snapshot(store)
    record = apply_merge(store, plan_merge(store, network["keep"], network["other"]))
    merged = store.contact(network["keep"])
    store.save(merged.model_copy(update={"notes": "edited after"}))
    ask = store.get("outreach", network["ask"])
    store.save(ask.model_copy(update={"subject": "Rewritten"}))
    assert edited_since(store, record) == ["Ana Garcia", "a moved ask"]
    undo_merge(store, record.id)
    keep, ask = store.contact(network["keep"]), store.get("outreach", network["ask"])
    assert keep.notes == "edited after"
    assert keep.full_name == "Ana Garcia" and keep.title == ""  # the rest as before
    assert (ask.contact_id, ask.subject) == (network["other"], "Rewritten")
    after = snapshot(store)
    for table, rows in before.items():
        for rid, row in rows.items():
            if rid not in (network["keep"], network["ask"]):
                assert after[table][rid] == row  # untouched since: byte for byte


def test_undo_is_refused_when_the_kept_contact_was_deleted_since(store, network):
    record = apply_merge(store, plan_merge(store, network["keep"], network["other"]))
    store.delete_contact(network["keep"])
    frozen = snapshot(store)
    with pytest.raises(MergeProblem, match="deleted since the merge"):
        undo_merge(store, record.id)
    assert snapshot(store) == frozen


def test_a_stale_review_is_refused_and_changes_nothing(store, network):
    plan = plan_merge(store, network["keep"], network["other"])
    other = store.contact(network["other"])
    store.save(other.model_copy(update={"notes": "typed in another tab"}))
    frozen = snapshot(store)
    with pytest.raises(StaleRecordError):
        apply_merge(store, plan)
    assert snapshot(store) == frozen


def test_not_the_same_person_is_remembered_and_follows_a_merge(store, network):
    third = store.save(Contact(full_name="Ana Garcia", organization="Elsewhere"))
    keep_apart(store, network["other"], third.id)
    keep_apart(store, third.id, network["other"])  # twice: one record
    assert store.count("kept_apart") == 1
    before = snapshot(store)
    record = apply_merge(store, plan_merge(store, network["keep"], network["other"]))
    assert apart_pairs(store) == {tuple(sorted((network["keep"], third.id)))}
    undo_merge(store, record.id)
    assert snapshot(store) == before


def test_merging_a_contact_with_itself_or_a_missing_one_is_refused(store, network):
    with pytest.raises(MergeProblem, match="itself"):
        plan_merge(store, network["keep"], network["keep"])
    with pytest.raises(MergeProblem, match="No contact"):
        plan_merge(store, network["keep"], "nobody")


def test_a_person_referred_by_their_own_duplicate_is_referred_by_nobody(store):
    a = store.save(Contact(full_name="Ana Garcia"))
    b = store.save(Contact(full_name="Ana Garcia", referred_by=a.id))
    assert default_choices(a, b)["referred_by"] == "other"  # a value beats none...
    assert plan_merge(store, a.id, b.id).result.referred_by is None  # ...but not oneself


# ----------------------------------------------------------------------- property
names = st.sampled_from(["Ana Garcia", "Dr. Ana García", "Ben Okafor", "Caro Diaz"])
orgs = st.sampled_from(["", "Lumen Bio", "Halden University"])
emails = st.sampled_from([None, "ana@x.example", "ben@y.example"])
tag_lists = st.lists(st.sampled_from(["a", "b", "c"]), max_size=3, unique=True)
choice = st.sampled_from(["keep", "other", "both"])


@st.composite
def networks(draw):
    count = draw(st.integers(2, 5))
    contacts = []
    for i in range(count):
        contacts.append(
            Contact(
                id=f"c{i}",
                full_name=draw(names),
                organization=draw(orgs),
                email=draw(emails),
                tags=draw(tag_lists),
                previous_employers=draw(st.lists(orgs.filter(bool), max_size=2, unique=True)),
                notes=draw(st.sampled_from(["", "note a", "note b"])),
                joined_on=date(2020, 1, 1) + timedelta(days=draw(st.integers(0, 900))),
                updated_at=T0 + timedelta(hours=draw(st.integers(0, 100))),
            )
        )
    ids = [c.id for c in contacts]
    contacts = [
        c.model_copy(update={"referred_by": draw(st.sampled_from([None, *ids]))}) for c in contacts
    ]
    asks = [
        Outreach(contact_id=draw(st.sampled_from(ids)), subject=f"ask {n}")
        for n in range(draw(st.integers(0, 3)))
    ]
    convs = [
        Conversation(contact_id=draw(st.sampled_from(ids))) for _ in range(draw(st.integers(0, 2)))
    ]
    plans = [
        CallPlan(contact_id=draw(st.sampled_from(ids))) for _ in range(draw(st.integers(0, 2)))
    ]
    keys = [f"ask:{a.id}:followup1" for a in asks] + [f"keep:{i}" for i in ids]
    dismissed = draw(st.lists(st.sampled_from(keys), max_size=3, unique=True))
    keep, other = draw(st.permutations(ids))[:2]
    fields = draw(
        st.dictionaries(
            st.sampled_from(["full_name", "email", "tags", "notes", "organization", "joined_on"]),
            choice,
        )
    )
    fields = {
        k: ("keep" if v == "both" and k not in ("tags", "notes") else v) for k, v in fields.items()
    }
    return contacts, asks, convs, plans, dismissed, keep, other, fields


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(networks())
def test_merge_then_undo_is_the_identity(case):
    contacts, asks, convs, plans, dismissed, keep, other, fields = case
    store = Store()
    with store.transaction():
        for record in (*contacts, *asks, *convs, *plans):
            store.save(record)
        for key in dismissed:
            dismiss(store, key)
    before = snapshot(store)
    record = apply_merge(store, plan_merge(store, keep, other, fields))
    assert store.contact(other) is None
    assert all(
        r.contact_id != other for t in ("outreach", "plans", "conversations") for r in store.all(t)
    )
    assert all(c.referred_by != other for c in store.contacts(include_archived=True))
    undo_merge(store, record.id)
    assert snapshot(store) == before


def test_a_merge_in_another_program_refuses_the_app_s_stale_saves(store, network):
    shown_other = store.contact(network["other"])
    shown_ask = store.get("outreach", network["ask"])
    cli_side = Store(store.path)  # the command line, beside the running app
    apply_merge(cli_side, plan_merge(cli_side, network["keep"], network["other"]))
    with pytest.raises(StaleRecordError, match="deleted elsewhere"):
        store.save(shown_other.model_copy(update={"notes": "x"}), shown_other.revision)
    with pytest.raises(StaleRecordError, match="changed elsewhere"):
        store.save(shown_ask.model_copy(update={"subject": "x"}), shown_ask.revision)
    assert store.contact(network["other"]) is None


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(networks(), st.sampled_from(["", "later note"]), st.sampled_from(["", "later tag"]))
def test_undo_after_edits_keeps_exactly_the_edited_fields(case, note, tag):
    contacts, asks, convs, plans, _dismissed, keep, other, fields = case
    store = Store()
    with store.transaction():
        for record in (*contacts, *asks, *convs, *plans):
            store.save(record)
    before = snapshot(store)
    record = apply_merge(store, plan_merge(store, keep, other, fields))
    merged = store.contact(keep)
    edits = {"notes": note} if note and note != merged.notes else {}
    if tag and tag not in merged.tags:
        edits["tags"] = [*merged.tags, tag]
    if edits:
        store.save(merged.model_copy(update=edits))
    undo_merge(store, record.id)
    after = snapshot(store)
    expected = {t: dict(rows) for t, rows in before.items()}
    for name, value in edits.items():
        assert after["contacts"][keep][name] == value
    for table, rows in expected.items():
        for rid, row in rows.items():
            if table == "contacts" and rid == keep and edits:
                bare = {k: v for k, v in row.items() if k not in (*edits, "revision", "updated_at")}
                assert {k: after[table][rid][k] for k in bare} == bare
            else:
                assert after[table][rid] == row
