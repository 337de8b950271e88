"""The Your data page through Streamlit's AppTest: import, restore, backups, delete, sample."""

from __future__ import annotations

from datetime import date

import pytest

from infoview.dates import moment_text
from infoview.io.backup import export_json
from infoview.models import Contact, Profile, Source
from infoview.sample_store import has_sample, load_sample
from infoview.store import Store
from infoview.ui import pages
from tests.conftest import ROOT
from tests.fixtures.make_connections import connections_csv

PAGE = pages.DATA.path


def _open(app, tab: str):
    """Open the Data page on one of its (lazy) tabs."""
    at = app(PAGE)
    at.session_state["dt_tab"] = tab
    return at.run()


FIXTURES = ROOT / "tests" / "fixtures"
CONNECTIONS = (FIXTURES / "linkedin_connections.csv").read_bytes()
HEADER = b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


def _metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def _button(at, label: str):
    return next(b for b in at.button if b.label == label)


def _labels(at) -> list[str]:
    return [b.label for b in at.button]


def _import_file(at, name: str, data: bytes) -> None:
    at.file_uploader[0].upload(name, data, "text/csv").run()
    assert not at.exception, at.exception


def _restore_file(at, data: bytes) -> None:
    at.file_uploader[0].upload(
        "backup.json", data, "application/json"
    ).run()  # the only one on its tab
    assert not at.exception, at.exception


def test_linkedin_import_previews_imports_and_a_second_import_adds_nothing(app, data_dir):
    at = app(PAGE)
    _import_file(at, "Connections.csv", CONNECTIONS)
    assert _metrics(at) == {"New": "4", "Updated": "0", "Already up to date": "0", "Left out": "1"}
    names = [df.value for df in at.dataframe]
    assert names[0]["Name"].tolist() == ["Ada Quill", "Bo Rowe", "Zoë Ueda", "Kai Sato"]
    assert names[1]["Why it was left out"].tolist() == ["no name"]
    # The preview saved nothing.
    assert Store.in_dir(data_dir).count("contacts") == 0

    _button(at, "Import 4 contacts").click().run()
    assert not at.exception
    saved = Store.in_dir(data_dir)
    people = {c.full_name: c for c in saved.contacts()}
    assert sorted(people) == ["Ada Quill", "Bo Rowe", "Kai Sato", "Zoë Ueda"]
    assert people["Ada Quill"].joined_on == date(2024, 5, 30)
    assert people["Bo Rowe"].organization == "Cedar & Pine, Inc."
    assert {c.source for c in people.values()} == {Source.LINKEDIN}
    assert "before-import" in [b.reason for b in saved.backups()]
    success = at.success[0].value
    assert "4 new contacts" in success and "1 skipped" in success
    # After the import, the page itself (not the sidebar menu) sends the user to the new people.
    links = {p.proto.label: p.proto.page for p in at.main.get("page_link")}
    assert links["See them in 2 · Research"] == pages.RESEARCH.url_path
    assert at.file_uploader[0].value is None  # the uploader starts empty again

    _import_file(at, "Connections.csv", CONNECTIONS)
    assert _metrics(at)["New"] == "0"
    assert _metrics(at)["Already up to date"] == "4"
    assert not any(label.startswith(("Import", "Update")) for label in _labels(at))
    assert "nothing to import" in at.info[-1].value
    assert Store.in_dir(data_dir).count("contacts") == 4


def test_a_reimport_fills_empty_fields_without_touching_what_the_user_wrote(app, store, data_dir):
    store.save(
        Contact(
            full_name="Ada Quill",
            linkedin_url="https://linkedin.com/in/ada-quill/",
            organization="Old Lab",
            notes="Met at the poster session",
        )
    )
    at = app(PAGE)
    _import_file(at, "Connections.csv", CONNECTIONS)
    assert _metrics(at)["Updated"] == "1" and _metrics(at)["New"] == "3"
    changes = next(df.value for df in at.dataframe if "What changes" in df.value.columns)
    assert changes["What changes"].tolist() == ["Email, Organization, Title, Previous employers"]
    _button(at, "Import 3 contacts and update 1").click().run()
    ada = next(c for c in Store.in_dir(data_dir).contacts() if c.full_name == "Ada Quill")
    assert ada.organization == "Northwind Labs" and ada.previous_employers == ["Old Lab"]
    assert ada.notes == "Met at the poster session"


BAD_FILES = [
    ("notes.csv", b"Name,Phone\nAda,555\n", "doesn't look like a LinkedIn connections export"),
    ("Connections.csv", b"", "The file is empty."),
    ("photo.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary file"),
    ("Connections.csv", HEADER, "header row but no connections"),
    ("phone.vcf", b"BEGIN:VCARD\nVERSION:3.0\nEMAIL:x@example.org\nEND:VCARD\n", "has a name"),
]


@pytest.mark.parametrize(("name", "data", "message"), BAD_FILES, ids=lambda v: str(v)[:12])
def test_a_bad_file_shows_what_is_wrong_and_changes_nothing(
    app, store, data_dir, name, data, message
):
    store.save(Contact(full_name="Grace Hopper"))
    before = store.path.read_bytes()
    at = app(PAGE)
    _import_file(at, name, data)
    errors = " ".join(e.value for e in at.error).replace("\\", "")
    assert message in errors
    assert "Nothing was imported" in errors
    assert not any(label.startswith("Import") for label in _labels(at))
    assert store.path.read_bytes() == before
    assert "before-import" not in [b.reason for b in Store.in_dir(data_dir).backups()]


def test_vcard_import_matches_the_same_way(app, data_dir):
    at = app(PAGE)
    vcf = (FIXTURES / "contacts_v30.vcf").read_bytes()
    _import_file(at, "phone.vcf", vcf)
    assert any("Read as vCard contacts" in c.value for c in at.caption)
    new = int(_metrics(at)["New"])
    assert new >= 2
    label = next(b for b in _labels(at) if b.startswith("Import"))
    _button(at, label).click().run()
    people = Store.in_dir(data_dir).contacts()
    assert len(people) == new and {c.source for c in people} == {Source.VCARD}
    ivo = next(c for c in people if c.full_name == "Ivo Tamm")
    assert ivo.organization == "Blue Heron Co" and ivo.email == "Ivo.Tamm@example.com"


def _changes(at) -> dict[str, tuple[int, int, int, int]]:
    frame = next(df.value for df in at.dataframe if "Added" in df.value.columns)
    return {
        row["What"]: (row["Added"], row["Updated"], row["Removed"], row["Unchanged"])
        for _, row in frame.iterrows()
    }


def _diverged(store: Store) -> tuple[bytes, list[dict]]:
    """Save Ada and Bo, take a backup, then: Ada edited, Bo deleted, Cy added."""
    ada = store.save(Contact(full_name="Ada Quill", title="Analyst"))
    store.save(Contact(full_name="Bo Rowe"))
    backup = export_json(store)
    original = store.export_data()["contacts"]
    store.save(ada.model_copy(update={"title": "Lead analyst"}), expected_revision=1)
    store.delete_contact(next(c.id for c in store.contacts() if c.full_name == "Bo Rowe"))
    store.save(Contact(full_name="Cy Vale"))
    return backup, original


def test_restore_merge_previews_conflicts_and_keeps_the_newer_version(app, store, data_dir):
    backup, _original = _diverged(store)
    at = _open(app, "Restore")
    _restore_file(at, backup)
    assert at.radio(key="dt_restore_mode").value == "merge"
    assert _changes(at)["Contacts"] == (1, 0, 0, 1)
    conflicts = next(df.value for df in at.dataframe if "Kept" in df.value.columns)
    assert conflicts["Record"].tolist() == ["Ada Quill"]
    assert conflicts["Kept"].tolist() == ["yours"]
    _button(at, "Merge this backup in").click().run()
    assert not at.exception
    people = {c.full_name: c for c in Store.in_dir(data_dir).contacts()}
    assert sorted(people) == ["Ada Quill", "Bo Rowe", "Cy Vale"]
    assert people["Ada Quill"].title == "Lead analyst"
    assert "1 record added" in at.success[0].value


def test_restore_replace_makes_the_data_identical_to_the_backup(app, store, data_dir):
    backup, original = _diverged(store)
    at = _open(app, "Restore")
    _restore_file(at, backup)
    at.radio(key="dt_restore_mode").set_value("replace").run()
    assert _changes(at)["Contacts"] == (1, 1, 1, 0)
    assert any("removes 1 record" in w.value for w in at.warning)
    _button(at, "Replace my data with this backup").click().run()
    assert not at.exception
    fresh = Store.in_dir(data_dir)
    assert fresh.export_data()["contacts"] == original
    assert "before-restore" in [b.reason for b in fresh.backups()]

    # The same backup again: nothing would change, so no button.
    _restore_file(at, backup)
    assert any("change nothing" in i.value for i in at.info)
    assert "Merge this backup in" not in _labels(at)


def test_a_file_that_is_not_a_backup_is_refused_and_nothing_changes(app, store):
    store.save(Contact(full_name="Grace Hopper"))
    before = store.path.read_bytes()
    at = _open(app, "Restore")
    _restore_file(at, b'{"contacts": []}')
    assert "not an InfoView backup" in at.error[0].value.replace("\\", "")
    assert "Nothing was changed" in at.error[0].value
    assert store.path.read_bytes() == before


def test_the_stores_own_backup_is_restored_after_the_checkbox(app, store, data_dir):
    store.save(Contact(full_name="Ada Quill"))
    made = store.backup("manual")
    store.save(Contact(full_name="Bo Rowe"))
    at = _open(app, "Restore")
    assert "Made by you" in [t.value for t in at.text]
    restore = at.button(key=f"dt_restore_{made.name}")
    assert restore.disabled
    at.checkbox(key="dt_backup_sure").check().run()
    at.button(key=f"dt_restore_{made.name}").click().run()
    assert not at.exception
    assert [c.full_name for c in Store.in_dir(data_dir).contacts()] == ["Ada Quill"]


def test_delete_all_names_what_goes_and_needs_delete_typed(app, store, data_dir):
    store.save(Contact(full_name="Ada Quill"))
    store.save(Contact(full_name="Bo Rowe"))
    store.save(Profile(name="Sam"))
    at = _open(app, "Delete all")
    warning = next(w.value for w in at.warning if "Deleting everything" in w.value)
    assert "2 contacts" in warning and "your story and settings" in warning
    at.text_input(key="dt_delete_typed").set_value("delete")
    _button(at, "Delete all my data").click().run()
    assert "Nothing was deleted" in at.error[0].value
    assert Store.in_dir(data_dir).count("contacts") == 2

    at.text_input(key="dt_delete_typed").set_value("DELETE")
    _button(at, "Delete all my data").click().run()
    assert not at.exception
    fresh = Store.in_dir(data_dir)
    assert fresh.count("contacts") == 0 and fresh.count("profile") == 0
    assert "There is nothing to delete" in at.info[-1].value


def test_sample_data_is_offered_when_empty_and_removed_in_one_click(app, store, data_dir):
    at = app(PAGE)
    _button(at, "Explore with sample data").click().run()
    assert has_sample(Store.in_dir(data_dir))
    assert "Remove sample data" in _labels(at)
    assert "Explore with sample data" not in _labels(at)

    Store.in_dir(data_dir).save(Contact(full_name="My Own Contact"))
    at = app(PAGE)
    _button(at, "Remove sample data").click().run()
    fresh = Store.in_dir(data_dir)
    assert not has_sample(fresh)
    assert [c.full_name for c in fresh.contacts()] == ["My Own Contact"]
    assert "Remove sample data" not in _labels(at)


def test_sample_data_is_not_offered_over_the_users_own_data(app, store):
    store.save(Contact(full_name="Ada Quill"))
    at = app(PAGE)
    assert "Explore with sample data" not in _labels(at)
    assert "Remove sample data" not in _labels(at)


def test_where_the_data_lives_and_backup_folder_are_shown(app, data_dir):
    at = app(PAGE)
    assert not at.code  # a code box would load the syntax highlighter on every visit
    texts = [t.value for t in at.text]
    assert str(data_dir / "infoview.json") in texts
    assert str(data_dir / "backups") in texts
    assert any("INFOVIEW_DATA_DIR" in c.value for c in at.caption)


def test_demo_mode_caps_uploads_and_keeps_data_in_the_tab(app, monkeypatch, data_dir):
    monkeypatch.setenv("INFOVIEW_DEMO", "1")
    at = app(PAGE)
    assert any("only in this browser tab's memory" in m.value for m in at.markdown)
    assert any("don't upload real people's contacts" in i.value for i in at.info)
    _import_file(at, "Connections.csv", connections_csv(5_001).encode())
    assert "5,001 rows" in at.error[0].value and "5,000 rows" in at.error[0].value
    assert not any(label.startswith("Import") for label in _labels(at))

    at.file_uploader[0].upload("big.csv", b"x" * 2_000_001, "text/csv").run()
    assert any("2.0 MB" in w.value for w in at.warning)
    assert not (data_dir / "infoview.json").exists()


def test_demo_import_stays_in_memory(app, monkeypatch, data_dir):
    monkeypatch.setenv("INFOVIEW_DEMO", "1")
    at = app(PAGE)
    _import_file(at, "Connections.csv", CONNECTIONS)
    _button(at, "Import 4 contacts").click().run()
    assert "4 new contacts" in at.success[0].value
    assert not (data_dir / "infoview.json").exists()


def test_sample_loaded_by_the_store_counts_its_contacts(app, store):
    load_sample(store, date.today())
    at = app(PAGE)
    sample = next(m.value for m in at.markdown if "Sample data is loaded" in m.value)
    count = sum(1 for c in store.contacts(include_archived=True) if c.sample)
    assert f"{count:,} fictional contacts" in sample


def test_a_rerun_reads_and_matches_the_file_only_once(app, monkeypatch):
    from infoview.io import describe

    calls = {"parse": 0, "plan": 0}
    label, parse, plan = describe.FORMATS["linkedin"]

    def counted_parse(data):
        calls["parse"] += 1
        return parse(data)

    def counted_plan(*args):
        calls["plan"] += 1
        return plan(*args)

    monkeypatch.setitem(describe.FORMATS, "linkedin", (label, counted_parse, counted_plan))
    at = app(PAGE)
    _import_file(at, "Connections.csv", CONNECTIONS)
    at.run()
    at.run()
    assert _metrics(at)["New"] == "4"
    assert calls == {"parse": 1, "plan": 1}


def test_the_same_person_twice_in_a_file_is_left_out_with_the_reason(app, store):
    store.save(Contact(full_name="Grace Hopper"))
    at = app(PAGE)
    same = HEADER + (
        b"Ada,Quill,https://www.linkedin.com/in/ada-quill,,,,30 May 2024\n"
        b"Ada,Quill,https://linkedin.com/in/ada-quill/,,,,30 May 2024\n"
    )
    _import_file(at, "Connections.csv", same)
    assert _metrics(at)["New"] == "1" and _metrics(at)["Left out"] == "1"
    frame = next(df.value for df in at.dataframe if "Why it was left out" in df.value.columns)
    assert frame["Why it was left out"].tolist() == ["same person as line 2"]


def test_backup_times_show_in_the_profiles_time_zone_and_name_it(app, store):
    store.save(Profile(timezone="America/New_York"))
    made = store.backup("manual")
    at = _open(app, "Restore")
    assert not at.exception, at.exception
    texts = [t.value for t in at.text]
    created = next(b.created for b in store.backups() if b.path == made)
    assert moment_text(created, "America/New_York") in texts
    assert any(t.endswith((" EST", " EDT")) for t in texts)


def test_backup_times_say_utc_when_no_time_zone_is_set(app, store):
    store.backup("manual")
    at = _open(app, "Restore")
    assert any(t.value.endswith(" UTC") for t in at.text)


def test_export_buttons_count_archived_contacts_and_say_so(app, store):
    store.save(Contact(full_name="Ana Ruiz"))
    store.save(Contact(full_name="Old Friend", archived=True))
    at = _open(app, "Export")
    labels = [b.proto.label.replace("\\", "") for b in at.get("download_button")]
    assert "Download 2 contacts as CSV (1 archived included)" in labels
    assert "Download 2 contacts as vCard (1 archived included)" in labels
