"""The store contract, run against every store: the TinyDB file and PostgreSQL.

Pages and ``infoview/`` logic never know which store they have, so every guarantee here
(commits, rollback, stale saves, repeated saves, two store objects, deletions) must hold
for both. ``backend.persisted()`` is what the store has durably written (the file's bytes,
or the user's rows and revision in the database), or None before the first commit.
"""

import threading
from pathlib import Path

import pytest
from sqlalchemy import select

from infoview.models import CallPlan, Contact, Conversation, Outreach, Profile
from infoview.store import (
    FILE_NAME,
    StaleRecordError,
    Store,
    StoreDamagedError,
    parse_database,
)


class FileBackend:
    """The TinyDB store on one JSON file."""

    def __init__(self, folder: Path):
        self.folder = folder

    def open(self) -> Store:
        return Store.in_dir(self.folder)

    def persisted(self) -> bytes | None:
        path = self.folder / FILE_NAME
        return path.read_bytes() if path.exists() else None

    def stored_count(self, table: str) -> int:
        path = self.folder / FILE_NAME
        data, models = parse_database(path.read_bytes(), path)
        assert len(data[table]) == len(models[table])
        return len(models[table])

    def leftovers(self) -> list[Path]:
        return sorted(self.folder.rglob("*.tmp"))


class PgBackend:
    """The PostgreSQL store for one signed-in user."""

    def __init__(self, engine, user: tuple[str, str]):
        self.engine = engine
        self.user = user

    def open(self) -> Store:
        from infoview.pg_store import PgStore

        return PgStore(self.engine, *self.user)

    def _user_id(self, conn) -> int | None:
        from infoview.pg_store import users

        return conn.execute(
            select(users.c.id).where(
                users.c.issuer == self.user[0], users.c.subject == self.user[1]
            )
        ).scalar_one_or_none()

    def persisted(self) -> tuple | None:
        from infoview.pg_store import records, users

        with self.engine.connect() as conn:
            user_id = self._user_id(conn)
            revision = conn.execute(
                select(users.c.revision).where(users.c.id == user_id)
            ).scalar_one_or_none()
            if not revision:
                return None
            rows = conn.execute(
                select(records.c.tbl, records.c.id, records.c.doc, records.c.user_rev)
                .where(records.c.user_id == user_id)
                .order_by(records.c.seq)
            ).all()
        return (revision, [tuple(row) for row in rows])

    def stored_count(self, table: str) -> int:
        revision_and_rows = self.persisted()
        assert revision_and_rows is not None
        return sum(1 for row in revision_and_rows[1] if row[0] == table)

    def leftovers(self) -> list[Path]:
        return []  # a database leaves no temp files


@pytest.fixture(params=["tinydb", "postgres"])
def backend(request, tmp_path):
    """Each contract test runs once per store."""
    if request.param == "tinydb":
        return FileBackend(tmp_path)
    engine = request.getfixturevalue("pg_engine")
    return PgBackend(engine, request.getfixturevalue("pg_user"))


def _names(store: Store) -> set[str]:
    return {c.full_name for c in store.contacts(include_archived=True)}


def test_saved_contact_survives_reopen(backend):
    saved = backend.open().save(Contact(full_name="Ada", organization="Analytical Engines"))
    again = backend.open().contact(saved.id)
    assert again == saved
    assert again.revision == 1


def test_profile_is_blank_until_saved_then_stored_once(backend):
    store = backend.open()
    assert (store.profile().id, store.profile().name, store.count("profile")) == ("me", "", 0)
    store.save(Profile(name="Sam"))
    store.save(store.profile().model_copy(update={"name": "Sam Lee"}), expected_revision=1)
    assert backend.open().profile().name == "Sam Lee"
    assert backend.open().count("profile") == 1


def test_transaction_commits_all_writes_at_once(backend):
    store = backend.open()
    with store.transaction():
        first = store.save(Contact(full_name="Ada"))
        store.save(Outreach(contact_id=first.id, subject="Hello"))
        assert backend.persisted() is None  # nothing written before the block ends
    again = backend.open()
    assert again.count("contacts") == 1
    assert again.count("outreach") == 1


def test_transaction_is_all_or_nothing(backend):
    store = backend.open()
    kept = store.save(Contact(full_name="Kept"))
    before = backend.persisted()
    revision = store.revision
    with pytest.raises(RuntimeError), store.transaction():
        store.save(Contact(full_name="Lost one"))
        store.save(kept.model_copy(update={"notes": "edited"}), expected_revision=1)
        store.save(Outreach(contact_id=kept.id))
        raise RuntimeError("boom")
    assert backend.persisted() == before
    assert _names(store) == {"Kept"}
    assert store.contact(kept.id) == kept
    assert store.count("outreach") == 0
    assert store.revision != revision  # caches keyed by revision are dropped
    assert _names(backend.open()) == {"Kept"}


def test_failed_save_inside_transaction_undoes_earlier_writes(backend):
    store = backend.open()
    ada = store.save(Contact(full_name="Ada"))
    store.save(ada.model_copy(update={"notes": "v2"}), expected_revision=1)
    with pytest.raises(StaleRecordError), store.transaction():
        store.save(Contact(full_name="New"))
        store.save(ada.model_copy(update={"notes": "stale"}), expected_revision=1)
    assert _names(store) == {"Ada"}
    assert store.contact(ada.id).notes == "v2"


def test_store_is_usable_after_a_rolled_back_transaction(backend):
    store = backend.open()
    with pytest.raises(ValueError), store.transaction():
        store.save(Contact(full_name="Ghost"))
        raise ValueError
    store.save(Contact(full_name="Real"))
    assert _names(backend.open()) == {"Real"}


def test_update_bumps_revision_and_keeps_created_at(backend):
    store = backend.open()
    first = store.save(Contact(full_name="Ada"))
    second = store.save(first.model_copy(update={"title": "Dean"}), expected_revision=1)
    assert (first.revision, second.revision) == (1, 2)
    assert second.created_at == first.created_at
    assert second.updated_at >= first.updated_at


def test_stale_save_is_refused_and_nothing_changes(backend):
    store = backend.open()
    shown = store.save(Contact(full_name="Ada"))
    store.save(shown.model_copy(update={"title": "Tab one"}), expected_revision=1)
    before = backend.persisted()
    with pytest.raises(StaleRecordError, match="changed elsewhere"):
        store.save(shown.model_copy(update={"title": "Tab two"}), expected_revision=1)
    assert store.contact(shown.id).title == "Tab one"
    assert store.contact(shown.id).revision == 2
    assert backend.persisted() == before


def test_save_of_a_record_deleted_elsewhere_is_refused(backend):
    store = backend.open()
    shown = store.save(Contact(full_name="Ada"))
    store.delete_contact(shown.id)
    with pytest.raises(StaleRecordError):
        store.save(shown.model_copy(update={"title": "Edited"}), expected_revision=1)
    assert store.count("contacts") == 0


def test_new_record_with_expected_revision_zero_is_saved(backend):
    store = backend.open()
    draft = Contact(full_name="Ada")
    assert store.save(draft, expected_revision=draft.revision).revision == 1


def test_double_submitted_new_record_is_stored_once(backend):
    store = backend.open()
    form = Contact(full_name="Ada")  # the id is made when the form is shown
    first = store.save(form, expected_revision=0)
    second = store.save(form, expected_revision=0)
    assert first == second
    assert store.count("contacts") == 1
    assert backend.open().contact(form.id).revision == 1


def test_double_submitted_edit_is_stored_once(backend):
    store = backend.open()
    shown = store.save(Contact(full_name="Ada"))
    edit = shown.model_copy(update={"notes": "met at the fair"})
    first = store.save(edit, expected_revision=1)
    before = backend.persisted()
    second = store.save(edit, expected_revision=1)
    assert first == second
    assert second.revision == 2
    assert backend.persisted() == before  # the repeat wrote nothing


def test_save_of_unknown_type_is_refused(backend):
    with pytest.raises(TypeError):
        backend.open().save(object())  # type: ignore[arg-type]


def test_eight_threads_times_two_hundred_writes(backend):
    store = backend.open()
    failures: list[BaseException] = []

    def work(worker: int) -> None:
        try:
            for i in range(200):
                store.save(Contact(full_name=f"T{worker}-{i}"))
        except BaseException as exc:
            failures.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert store.count("contacts") == 1600
    assert backend.stored_count("contacts") == 1600
    assert _names(backend.open()) == {f"T{w}-{i}" for w in range(8) for i in range(200)}
    assert backend.leftovers() == []


def test_two_stores_on_one_file_keep_each_others_writes(backend):
    old, new = backend.open(), backend.open()  # as after a code reload
    old.save(Contact(full_name="From old"))
    new.save(Contact(full_name="From new"))
    old.save(Contact(full_name="Old again"))
    new.save(Contact(full_name="New again"))
    expected = {"From old", "From new", "Old again", "New again"}
    assert _names(backend.open()) == expected
    assert _names(new) == expected  # it reloaded before its last commit
    assert _names(old) == expected - {"New again"}  # reads come from memory...
    assert old.refresh() is True
    assert _names(old) == expected  # ...until it notices the change


def test_two_stores_refuse_a_stale_save_across_objects(backend):
    left, right = backend.open(), backend.open()
    shown = left.save(Contact(full_name="Ada"))
    right.refresh()
    right.save(right.contact(shown.id).model_copy(update={"title": "Right"}), expected_revision=1)
    with pytest.raises(StaleRecordError):
        left.save(shown.model_copy(update={"title": "Left"}), expected_revision=1)
    assert backend.open().contact(shown.id).title == "Right"
    assert left.contact(shown.id).title == "Right"


def test_refresh_is_false_when_nothing_changed(backend):
    store = backend.open()
    store.save(Contact(full_name="Ada"))
    assert store.refresh() is False
    assert Store().refresh() is False


def test_refresh_picks_up_another_stores_change(backend):
    mine, theirs = backend.open(), backend.open()
    mine.save(Contact(full_name="Ada"))
    revision = theirs.revision
    assert theirs.refresh() is True
    assert _names(theirs) == {"Ada"}
    assert theirs.revision > revision
    assert theirs.refresh() is False


def test_delete_contact_cascades_and_clears_referrals(backend):
    store = backend.open()
    ada = store.save(Contact(full_name="Ada"))
    other = store.save(Contact(full_name="Other"))
    referred = store.save(Contact(full_name="Ref", referred_by=ada.id))
    store.save(Outreach(contact_id=ada.id))
    store.save(CallPlan(contact_id=ada.id))
    store.save(Conversation(contact_id=ada.id))
    keep = store.save(Outreach(contact_id=other.id))
    assert store.delete_contact(ada.id) is True
    for view in (store, backend.open()):
        assert _names(view) == {"Other", "Ref"}
        assert [r.id for r in view.all("outreach")] == [keep.id]
        assert view.count("plans") == 0
        assert view.count("conversations") == 0
        assert view.contact(referred.id).referred_by is None
    # The cleared referral is a change: a tab still showing the old version is told so.
    assert store.contact(referred.id).revision == 2
    with pytest.raises(StaleRecordError):
        store.save(referred.model_copy(update={"notes": "x"}), expected_revision=1)


def test_delete_contact_of_unknown_id_is_false(backend):
    store = backend.open()
    store.save(Contact(full_name="Ada"))
    before = backend.persisted()
    assert store.delete_contact("nope") is False
    assert backend.persisted() == before


def test_restore_of_a_damaged_backup_is_refused_and_changes_nothing(backend, tmp_path):
    store = backend.open()
    store.save(Contact(full_name="Ada"))
    bad = tmp_path / "bad.json"
    bad.write_bytes(b'{"_meta":{"1":{"schema":7}}}')
    before = backend.persisted()
    with pytest.raises(StoreDamagedError, match="newer InfoView"):
        store.restore_backup(bad)
    assert backend.persisted() == before
    assert _names(store) == {"Ada"}
