"""The Duplicates tab, the import preview's duplicates and the contact page's note (AppTest)."""

from __future__ import annotations

from datetime import date

import pytest

from infoview.io.importing import apply_import, plan_import
from infoview.io.linkedin import parse_linkedin
from infoview.merge import apart_pairs, merges
from infoview.models import Contact, Outreach
from infoview.store import Store
from infoview.ui import pages
from tests.conftest import ROOT

PAGE = pages.DATA.path
FIXTURES = ROOT / "tests" / "fixtures"


@pytest.fixture
def pair(store: Store) -> Store:
    with store.transaction():
        store.save(Contact(id="keep1", full_name="Ana Garcia", organization="Lumen Bio",
                           email="ana@lumen.example", tags=["biotech"]))  # fmt: skip
        store.save(Contact(id="other2", full_name="Dr. Ana García", organization="Lumen Bio",
                           title="Research Scientist", tags=["talks"]))  # fmt: skip
        store.save(Outreach(id="ask9", contact_id="other2", subject="15 minutes?"))
    return store


def _open(app, tab: str = "Duplicates"):
    at = app(PAGE)
    at.session_state["dt_tab"] = tab
    at.run()
    assert not at.exception, at.exception
    return at


def _button(at, label: str):
    return next(b for b in at.button if b.label == label)


def _texts(at) -> list[str]:
    return [t.value for t in at.text]


def test_the_review_merges_with_a_field_choice_and_undo_restores_both(app, pair):
    at = _open(app)
    assert "Ana Garcia  ·  Dr. Ana García" in _texts(at)
    assert any(
        "Likely" in c.value and "same name; same organization" in c.value for c in at.caption
    )
    _button(at, "Review").click().run()
    name_choice = at.radio(key="dd_choice_full_name")
    assert name_choice.value == "other"  # the newer record's value
    name_choice.set_value("keep").run()
    assert any("Moving to it: 1 ask" in m.value for m in at.markdown)
    _button(at, "Merge into the left record").click().run()
    assert not at.exception, at.exception
    store = Store.in_dir(pair.path.parent)
    merged = store.contact("keep1")
    assert store.contact("other2") is None
    assert merged.full_name == "Ana Garcia"
    assert merged.title == "Research Scientist"
    assert merged.tags == ["biotech", "talks"]
    assert store.get("outreach", "ask9").contact_id == "keep1"
    assert next(t.value for t in at.toast).startswith("Merged Dr\\. Ana García into Ana Garcia")
    assert any("Dr. Ana García merged into Ana Garcia" in t for t in _texts(at))
    _button(at, "Undo").click().run()
    assert not at.exception, at.exception
    store = Store.in_dir(pair.path.parent)
    assert store.contact("other2").full_name == "Dr. Ana García"
    assert store.contact("keep1") == pair.contact("keep1")
    assert store.get("outreach", "ask9").contact_id == "other2"


def test_not_the_same_person_is_remembered_and_leaves_the_list(app, pair):
    at = _open(app)
    _button(at, "Review").click().run()
    _button(at, "Not the same person").click().run()
    assert apart_pairs(Store.in_dir(pair.path.parent)) == {("keep1", "other2")}
    assert any("No duplicates found" in s.value for s in at.success)


def test_a_record_changed_elsewhere_stops_the_merge_until_reloaded(app, pair):
    at = _open(app)
    _button(at, "Review").click().run()
    elsewhere = Store.in_dir(pair.path.parent)
    other = elsewhere.contact("other2")
    elsewhere.save(other.model_copy(update={"notes": "typed in another tab"}))
    at.run()
    assert any("changed elsewhere" in w.value for w in at.warning)
    assert _button(at, "Merge into the left record").disabled
    _button(at, "Reload the review").click().run()
    assert not _button(at, "Merge into the left record").disabled


def test_swap_keeps_the_right_record(app, pair):
    at = _open(app)
    _button(at, "Review").click().run()
    _button(at, "Swap: keep the right record instead").click().run()
    _button(at, "Merge into the left record").click().run()
    store = Store.in_dir(pair.path.parent)
    assert store.contact("keep1") is None and store.contact("other2") is not None


def test_the_contact_page_says_who_they_may_also_be_and_links_to_the_review(app, pair):
    at = app(pages.CONTACT.path, contact="keep1")
    assert not at.exception, at.exception
    note = [m.value for m in at.markdown if "may be the same person" in m.value]
    assert note and "Dr\\. Ana García" in note[0]
    at = app(PAGE, review="keep1.other2")
    assert not at.exception, at.exception
    assert _button(at, "Merge into the left record")


def test_the_import_preview_asks_about_possible_duplicates_and_merges_the_chosen(app, store):
    parsed = parse_linkedin((FIXTURES / "linkedin_connections.csv").read_bytes())
    apply_import(store, plan_import(parsed, store.contacts(), date.today()))
    at = _open(app, "Import")
    vcf = (FIXTURES / "overlap_linkedin.vcf").read_bytes()
    at.file_uploader[0].upload("phone.vcf", vcf, "text/vcard").run()
    assert not at.exception, at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {
        "New": "4", "Updated": "0", "Already up to date": "0", "Left out": "1", "Merged": "0"
    }  # fmt: skip
    radios = [r for r in at.radio if r.key and r.key.startswith("dd_import_")]
    assert len(radios) == 3
    radios[0].set_value("merge").run()
    radios = [r for r in at.radio if r.key and r.key.startswith("dd_import_")]
    radios[1].set_value("skip").run()
    metrics = {m.label: m.value for m in at.metric}
    assert (metrics["New"], metrics["Merged"], metrics["Left out"]) == ("2", "1", "2")
    next(b for b in at.button if b.label.startswith("Import")).click().run()
    assert not at.exception, at.exception
    after = Store.in_dir(store.path.parent)
    assert len(merges(after)) == 1
    assert after.count("contacts") == 4 + 2
    assert any("1 merged into people you had" in s.value for s in at.success)


def test_a_merge_restore_asks_about_possible_duplicates_and_merges_the_chosen(app, pair, tmp_path):
    from infoview.io.backup import export_json

    laptop = Store(tmp_path / "laptop" / "infoview.json")
    laptop.save(Contact(id="ana-laptop", full_name="Ana Garcia PhD", organization="Lumen Bio"))
    at = _open(app, "Restore")
    at.file_uploader[0].upload("backup.json", export_json(laptop), "application/json").run()
    assert not at.exception, at.exception
    radios = [r for r in at.radio if r.key and r.key.startswith("dd_restore_")]
    assert len(radios) == 1
    radios[0].set_value("merge").run()
    _button(at, "Merge this backup in").click().run()
    assert not at.exception, at.exception
    after = Store.in_dir(pair.path.parent)
    assert after.contact("ana-laptop") is None
    assert len(merges(after)) == 1
    assert any("merged into people you had" in s.value for s in at.success)


def test_hostile_names_are_shown_as_text_everywhere_on_the_tab(app, store):
    evil = "![x](http://evil.example/a.png) $x$"
    with store.transaction():
        store.save(Contact(id="e1", full_name=evil, organization="[Org](http://evil.example)"))
        store.save(Contact(id="e2", full_name=evil, organization="[Org](http://evil.example)"))
    at = _open(app)
    _button(at, "Review").click().run()
    _button(at, "Merge into the left record").click().run()
    merged = Store.in_dir(store.path.parent).contact("e1")
    Store.in_dir(store.path.parent).save(merged.model_copy(update={"notes": "edited"}))
    at.run()
    assert any("Edited since" in c.value and "Undo keeps" in c.value for c in at.caption)
    Store.in_dir(store.path.parent).delete_contact("e1")
    at.run()
    assert _button(at, "Undo").disabled
    assert any("deleted since the merge" in c.value for c in at.caption)
    rendered = [
        *(m.value for m in at.markdown),
        *(c.value for c in at.caption),
        *(t.value for t in at.toast),
    ]
    for value in rendered:
        assert "](http" not in value and "$x$" not in value, value
