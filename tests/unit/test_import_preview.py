"""An import's preview, possible duplicates decided, equals what the import then does."""

from __future__ import annotations

import itertools
from datetime import date
from pathlib import Path

import pytest

from infoview.duplicates import Confidence
from infoview.io.importing import DECISIONS, apply_import, plan_import, preview_import
from infoview.io.linkedin import parse_linkedin
from infoview.io.vcard import parse_vcards
from infoview.merge import apart_pairs, merges, undo_merge
from infoview.store import Store

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
TODAY = date(2026, 6, 1)


@pytest.fixture
def store(tmp_path) -> Store:
    store = Store(tmp_path / "infoview.json")
    parsed = parse_linkedin((FIXTURES / "linkedin_connections.csv").read_bytes())
    apply_import(store, plan_import(parsed, store.contacts(), TODAY))
    return store


def vcard_plan(store: Store):
    parsed = parse_vcards((FIXTURES / "overlap_linkedin.vcf").read_bytes())
    return plan_import(parsed, store.contacts(include_archived=True), TODAY)


def test_the_preview_lists_possible_duplicates_of_people_already_imported(store):
    plan = vcard_plan(store)
    found = {(d.line, d.new.full_name, d.existing.full_name, d.confidence) for d in plan.possible}
    assert found == {
        (1, "Dr. Ada Quill, PhD", "Ada Quill", Confidence.LIKELY),
        (2, "Zoe Ueda (she/her)", "Zoë Ueda", Confidence.POSSIBLE),
        (3, "Kai Sato", "Kai Sato", Confidence.LIKELY),
    }
    reasons = {d.line: d.reason for d in plan.possible}
    assert reasons[2] == "same name at different organizations"
    assert [(s.line, s.reason) for s in plan.skipped] == [(5, "no name")]


@pytest.mark.parametrize("choice", list(itertools.product(DECISIONS, repeat=3)))
def test_the_preview_counts_equal_what_the_import_does(tmp_path, choice):
    store = Store(tmp_path / "infoview.json")
    parsed = parse_linkedin((FIXTURES / "linkedin_connections.csv").read_bytes())
    apply_import(store, plan_import(parsed, store.contacts(), TODAY))
    plan = vcard_plan(store)
    decisions = dict(zip((1, 2, 3), choice, strict=True))
    preview = preview_import(plan, decisions)
    people_before = store.count("contacts")
    result = apply_import(store, plan, decisions)
    assert (result.added, result.merged, result.kept_apart, result.skipped) == (
        preview.new_count,
        len(preview.merges),
        len(preview.apart),
        len(preview.skipped),
    )
    assert result.merged == choice.count("merge")
    assert result.kept_apart == choice.count("apart")
    assert result.skipped == 1 + choice.count("skip")
    assert store.count("contacts") == people_before + result.added
    assert len(merges(store)) == result.merged
    assert len(apart_pairs(store)) == result.kept_apart


def test_a_merge_chosen_in_the_preview_can_be_undone(store):
    plan = vcard_plan(store)
    before = {c.id: c for c in store.contacts()}
    apply_import(store, plan, {1: "merge", 3: "merge"})
    ada = next(c for c in store.contacts() if c.linkedin_url and "ada-quill" in c.linkedin_url)
    assert ada.email == "ada@quill.example"  # the newer record's address...
    assert "ada.quill@example.org" in ada.notes  # ...and the older one kept in the notes
    assert ada.title == "Principal Data Scientist"
    record = next(m for m in merges(store) if m.keep_id == ada.id)
    undo_merge(store, record.id)
    assert store.contact(ada.id) == before[ada.id]
    assert any(c.full_name == "Dr. Ada Quill, PhD" for c in store.contacts())


def test_deciding_nothing_adds_every_new_row_and_keeps_the_suggestions(store):
    from infoview.duplicates import find_duplicates

    result = apply_import(store, vcard_plan(store))
    assert (result.added, result.merged, result.skipped) == (4, 0, 1)
    assert len(find_duplicates(store.contacts())) == 3
