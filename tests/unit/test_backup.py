"""JSON backup and restore: lossless round trip, validation, replace and merge previews."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from infoview.io.backup import (
    FORMAT,
    BackupProblem,
    TableChange,
    apply_restore,
    export_json,
    plan_restore,
    read_backup,
)
from infoview.models import (
    AskStatus,
    Contact,
    Conversation,
    Outreach,
    Profile,
    Sector,
    Source,
)
from infoview.store import SCHEMA_VERSION, Store

AT = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
EARLY = datetime(2025, 1, 1, tzinfo=UTC)
LATE = datetime(2026, 1, 1, tzinfo=UTC)


def sample_store() -> Store:
    store = Store()
    ada = Contact(
        id="ada",
        full_name="Ada Quill",
        organization="Northwind Labs",
        email="ada@example.org",
        tags=["data", "mentor"],
        joined_on=date(2024, 5, 30),
    )
    bo = Contact(id="bo", full_name="Bo Rowe", referred_by="ada", source=Source.REFERRAL)
    store.save_many(
        [
            Profile(name="Sam Reyes", schools=["State U"]),
            ada,
            bo,
            Outreach(id="ask1", contact_id="ada", subject="15 minutes?", status=AskStatus.SENT),
            Conversation(id="call1", contact_id="ada", insights="Learn SQL", minutes=20),
        ]
    )
    return store


def backup_of(store: Store) -> bytes:
    return export_json(store, exported_at=AT)


def test_export_has_marker_schema_and_every_table() -> None:
    payload = orjson.loads(backup_of(sample_store()))
    assert payload["format"] == FORMAT
    assert payload["schema"] == SCHEMA_VERSION
    assert payload["exported_at"] == "2026-03-01T12:00:00+00:00"
    assert [c["full_name"] for c in payload["tables"]["contacts"]] == ["Ada Quill", "Bo Rowe"]
    assert len(payload["tables"]["outreach"]) == 1
    assert payload["tables"]["templates"] == []


def test_restore_into_an_empty_store_is_identical(tmp_path: Path) -> None:
    original = backup_of(sample_store())
    target = Store.in_dir(tmp_path)
    contents = read_backup(original)
    plan = plan_restore(contents, target, "replace")
    assert plan.changes["contacts"] == TableChange(added=2)
    assert plan.conflicts == []
    result = apply_restore(target, plan)
    assert result.backup is not None and result.backup.name.startswith("before-restore-")
    assert backup_of(target) == original
    assert backup_of(Store.in_dir(tmp_path)) == original


# Any text a person types: letters of every script, symbols, and line breaks.
letters = st.characters(blacklist_categories=("Cs", "Cc")) | st.just("\n")
names = st.text(alphabet=letters, min_size=1, max_size=30).filter(lambda s: s.strip())
contacts = st.builds(
    Contact,
    full_name=names,
    organization=st.text(alphabet=letters, max_size=40),
    title=st.text(alphabet=letters, max_size=40),
    email=st.sampled_from([None, "ada@example.org", "bo.rowe+x@sub.example.com"]),
    linkedin_url=st.sampled_from([None, "https://www.linkedin.com/in/x-1"]),
    tags=st.lists(st.text(alphabet=letters, max_size=10), max_size=4),
    notes=st.text(alphabet=letters, max_size=200),
    sector=st.sampled_from(list(Sector)),
    source=st.sampled_from(list(Source)),
    joined_on=st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31)),
    archived=st.booleans(),
    position_since=st.none() | st.dates(min_value=date(2000, 1, 1)),
    created_at=st.datetimes(timezones=st.just(UTC)),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(people=st.lists(contacts, max_size=6, unique_by=lambda c: c.id), merge=st.booleans())
def test_backup_restore_round_trips_losslessly(people: list[Contact], merge: bool) -> None:
    source = Store()
    source.save_many(people)
    source.save(Profile(name="Me", past="Physics\r\nlab"))
    original = backup_of(source)
    target = Store()
    apply_restore(
        target, plan_restore(read_backup(original), target, "merge" if merge else "replace")
    )
    assert backup_of(target) == original
    assert target.export_data() == source.export_data()


def test_replace_counts_and_lists_what_changes() -> None:
    store = sample_store()
    contents = read_backup(backup_of(store))
    ada = store.contact("ada")
    store.save(ada.model_copy(update={"title": "Director"}))
    store.save(Contact(id="kai", full_name="Kai Sato"))
    plan = plan_restore(contents, store, "replace")
    assert plan.changes["contacts"] == TableChange(added=0, updated=1, removed=1, unchanged=1)
    assert [(c.label, c.winner) for c in plan.conflicts] == [("Ada Quill", "backup")]
    apply_restore(store, plan)
    assert sorted(c.id for c in store.contacts()) == ["ada", "bo"]
    assert store.contact("ada").title == ""


def test_merge_keeps_the_newer_side_and_lists_conflicts() -> None:
    store = Store()
    store.save_many([Contact(id="a", full_name="Ann"), Contact(id="b", full_name="Ben")])
    # save_many stamps updated_at now, so the stored records are newer than EARLY...
    backup = Store()
    backup.replace_all(
        {
            "contacts": [
                Contact(id="a", full_name="Ann Old", updated_at=EARLY),
                Contact(id="b", full_name="Ben New", updated_at=datetime.now(UTC) + timedelta(1)),
                Contact(id="c", full_name="Cy", updated_at=LATE),
            ]
        }
    )
    plan = plan_restore(read_backup(backup_of(backup)), store, "merge")
    assert plan.changes["contacts"] == TableChange(added=1, updated=1, removed=0, unchanged=1)
    assert [(c.id, c.winner) for c in plan.conflicts] == [("a", "current"), ("b", "backup")]
    apply_restore(store, plan)
    assert [c.full_name for c in store.contacts()] == ["Ann", "Ben New", "Cy"]


def test_merge_is_worked_out_again_against_changes_made_after_the_preview() -> None:
    store = Store()
    backup = Store()
    backup.save(Contact(id="c", full_name="Cy"))
    plan = plan_restore(read_backup(backup_of(backup)), store, "merge")
    store.save(Contact(id="late", full_name="Added after the preview"))
    apply_restore(store, plan)
    assert sorted(c.id for c in store.contacts()) == ["c", "late"]


def test_restoring_the_same_backup_again_changes_nothing(tmp_path: Path) -> None:
    store = Store.in_dir(tmp_path)
    store.save(Contact(full_name="Ann"))
    plan = plan_restore(read_backup(backup_of(store)), store, "replace")
    assert plan.is_empty
    assert apply_restore(store, plan).backup is None


def test_the_stores_own_files_can_be_restored(tmp_path: Path) -> None:
    store = Store.in_dir(tmp_path)
    store.save(Contact(id="a", full_name="Ann"))
    contents = read_backup(store.path.read_bytes())
    assert [c.full_name for c in contents.tables["contacts"]] == ["Ann"]


def payload(**changes) -> bytes:
    base = orjson.loads(backup_of(sample_store()))
    base.update(changes)
    return orjson.dumps(base)


def with_contact(**fields) -> bytes:
    base = orjson.loads(backup_of(sample_store()))
    base["tables"]["contacts"][1].update(fields)
    return orjson.dumps(base)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file is empty."),
        (b"{not json", "not valid JSON"),
        (b'{"tables": {}}', "not an InfoView backup"),
        (b"[1, 2]", "not an InfoView backup"),
        (payload(schema=99), "newer InfoView \\(schema 99"),
        (payload(schema="1"), "schema version is missing or not valid"),
        (payload(tables=[]), "holds no tables"),
        (with_contact(email="not-an-email"), "Record 2 \\(Bo Rowe\\) of the backup's contacts"),
        (
            with_contact(full_name=""),
            "Record 2 \\(bo\\) of the backup's contacts is not valid: Name: a name is required",
        ),
        (with_contact(id="ada"), "contacts hold id ada twice"),
        (b'{"_meta": {"1": {"schema": 7}}}', "newer InfoView"),
    ],
)
def test_bad_backups_are_refused_with_a_clear_reason(data: bytes, message: str) -> None:
    with pytest.raises(BackupProblem, match=message):
        read_backup(data)


def test_backup_warns_about_records_of_missing_contacts() -> None:
    base = orjson.loads(backup_of(sample_store()))
    base["tables"]["contacts"] = base["tables"]["contacts"][1:]
    base["tables"]["extra"] = []
    contents = read_backup(orjson.dumps(base))
    assert contents.warnings == [
        "Left out parts this version does not know: extra.",
        "1 asks belong to contacts not in the backup.",
        "1 conversations belong to contacts not in the backup.",
    ]
