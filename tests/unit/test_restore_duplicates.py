"""A JSON backup merged in: possible duplicates listed, decided, and counted as restored."""

from __future__ import annotations

import pytest

from infoview.io.backup import apply_restore, export_json, plan_restore, read_backup
from infoview.merge import apart_pairs, merges, undo_merge
from infoview.models import Contact, Outreach
from infoview.store import Store


@pytest.fixture
def here(tmp_path) -> Store:
    store = Store(tmp_path / "here" / "infoview.json")
    store.save(Contact(id="ada-here", full_name="Ada Quill", organization="Northwind Labs"))
    return store


@pytest.fixture
def backup(tmp_path) -> bytes:
    laptop = Store(tmp_path / "laptop" / "infoview.json")
    with laptop.transaction():
        laptop.save(Contact(id="ada-laptop", full_name="Dr. Ada Quill", organization="Northwind"))
        laptop.save(Contact(id="bo", full_name="Bo Rowe", referred_by="ada-laptop"))
        laptop.save(Outreach(id="ask-ada", contact_id="ada-laptop", subject="Coffee?"))
    return export_json(laptop)


def test_a_merge_restore_lists_contacts_that_may_already_be_here(here, backup):
    plan = plan_restore(read_backup(backup), here, "merge")
    assert [(d.new.id, d.existing.id, d.confidence.label) for d in plan.possible] == [
        ("ada-laptop", "ada-here", "likely")
    ]
    assert plan_restore(read_backup(backup), here, "replace").possible == []


@pytest.mark.parametrize("decision", ["later", "merge", "apart", "skip"])
def test_the_preview_counts_equal_what_the_restore_does(here, backup, decision):
    plan = plan_restore(read_backup(backup), here, "merge", {"ada-laptop": decision})
    before = {t: here.count(t) for t in ("contacts", "outreach")}
    result = apply_restore(here, plan)
    assert result.changes == plan.changes
    added = plan.changes["contacts"].added
    assert here.count("contacts") == before["contacts"] + added - result.merged
    assert here.count("outreach") == before["outreach"] + plan.changes["outreach"].added
    assert (result.merged, result.kept_apart) == (
        int(decision == "merge"),
        int(decision == "apart"),
    )
    if decision == "merge":
        assert here.get("outreach", "ask-ada").contact_id == "ada-here"
        assert here.contact("bo").referred_by == "ada-here"
        undo_merge(here, merges(here)[0].id)
        assert here.get("outreach", "ask-ada").contact_id == "ada-laptop"
    if decision == "apart":
        assert apart_pairs(here) == {("ada-here", "ada-laptop")}
    if decision == "skip":
        assert here.contact("ada-laptop") is None and here.get("outreach", "ask-ada") is None
        assert here.contact("bo").referred_by is None
