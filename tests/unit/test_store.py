"""The store's guarantees inside one process: commits, rollback, stale saves, damage, backups."""

import errno
import os
from datetime import date
from pathlib import Path

import orjson
import pytest

from infoview import store as store_module
from infoview.models import Contact
from infoview.store import (
    FILE_NAME,
    SCHEMA_VERSION,
    Store,
    StoreDamagedError,
    StoreError,
    StoreWriteError,
    atomic_write,
    parse_database,
    restore_newest_good_backup,
)

META = b'"_meta":{"1":{"schema":1}}'


def _file(tmp_path: Path) -> Path:
    return tmp_path / FILE_NAME


def _open(tmp_path: Path) -> Store:
    return Store.in_dir(tmp_path)


def _names(store: Store) -> set[str]:
    return {c.full_name for c in store.contacts(include_archived=True)}


def _tmp_files(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.tmp"))


# ------------------------------------------------------------------ basics
def test_new_store_writes_nothing_until_first_commit(tmp_path):
    store = _open(tmp_path)
    assert store.count("contacts") == 0
    assert not _file(tmp_path).exists()
    store.save(Contact(full_name="Ada"))
    assert _file(tmp_path).stat().st_size > 0


def test_file_carries_schema_version(tmp_path):
    _open(tmp_path).save(Contact(full_name="Ada"))
    data = orjson.loads(_file(tmp_path).read_bytes())
    assert data["_meta"] == {"1": {"schema": SCHEMA_VERSION}}
    assert len(data["contacts"]) == 1


def test_in_memory_store_never_touches_disk(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    store = Store()
    store.save(Contact(full_name="Ada"))
    assert store.in_memory
    assert store.count("contacts") == 1
    assert store.backup() is None
    assert list(tmp_path.iterdir()) == []


def test_unicode_round_trips(tmp_path):
    names = ["Zoë Ångström", "José 🚀", "王小明", "محمد الأحمد", "Ænima 👩🏽‍🔬"]
    store = _open(tmp_path)
    for name in names:
        store.save(Contact(full_name=name, notes=f"{name}\nnotes ✨"))
    assert _names(_open(tmp_path)) == set(names)
    assert "王小明".encode() in _file(tmp_path).read_bytes()


# ------------------------------------------------------------- transaction
# ------------------------------------------------------ stale and repeated
# ------------------------------------------------------------------ threads
@pytest.mark.slow
# --------------------------------------------------------- two store objects
def test_change_hidden_from_stat_is_still_noticed(tmp_path):
    """A reused inode, a coarse clock and an equal size can make a changed file stat the same."""
    left, right = _open(tmp_path), _open(tmp_path)
    ada = left.save(Contact(full_name="Ada", title="aaaa"))
    right.refresh()
    right.save(right.contact(ada.id).model_copy(update={"title": "bbbb"}), expected_revision=1)
    assert len(_file(tmp_path).read_bytes()) == len(left._committed)
    left._seen = left._stat()
    left.save(Contact(full_name="Bob"))
    again = _open(tmp_path)
    assert again.contact(ada.id).title == "bbbb"
    assert _names(again) == {"Ada", "Bob"}


# -------------------------------------------------------------- deletions
def test_delete_everything_keeps_a_backup_and_a_valid_file(tmp_path):
    store = _open(tmp_path)
    store.save(Contact(full_name="Ada"))
    store.delete_everything()
    assert store.count("contacts") == 0
    assert _open(tmp_path).count("contacts") == 0
    assert _file(tmp_path).stat().st_size > 0
    reasons = [b.reason for b in store.backups()]
    assert "before-delete-all" in reasons


# ------------------------------------------------------------ damaged files
DAMAGED = {
    "truncated": (b"{" + META + b',"contacts":{"1":{"id":"c1","full_na', "not valid JSON"),
    "trailing garbage": (b"{" + META + b"}\n}}garbage", "not valid JSON"),
    "NUL bytes": (b"\x00" * 512, "NUL"),
    "NUL bytes inside": (b"{" + META + b"\x00\x00}", "NUL"),
    "empty": (b"", "empty"),
    "only whitespace": (b" \n\n", "empty"),
    "a list": (b"[]", "does not hold an InfoView database"),
    "a string": (b'"hello"', "does not hold an InfoView database"),
    "no schema": (b'{"contacts":{}}', "no schema version"),
    "schema not a number": (b'{"_meta":{"1":{"schema":"1"}}}', "schema version is not valid"),
    "meta not a table": (b'{"_meta":[1]}', "schema information is damaged"),
    "newer schema": (b'{"_meta":{"1":{"schema":99}}}', "newer InfoView (schema 99"),
    "table is a list": (b"{" + META + b',"contacts":[]}', "contacts table is damaged"),
    "record is a string": (b"{" + META + b',"contacts":{"1":"x"}}', "a record in contacts"),
    "record invalid": (
        b"{" + META + b',"contacts":{"1":{"id":"c1","full_name":""}}}',
        "a record in contacts is not valid (full_name",
    ),
    "record without id": (
        b"{" + META + b',"contacts":{"1":{"full_name":"Ada"}}}',
        "a record in contacts",
    ),
    "record key a unicode digit": (
        b"{" + META + b',"contacts":{"\xc2\xb2":{"id":"c1","full_name":"Ada"}}}',
        "a record in contacts",
    ),
    "record key not a number": (
        b"{" + META + b',"contacts":{"x":{"id":"c1","full_name":"Ada"}}}',
        "a record in contacts",
    ),
    "two records share an id": (
        b"{" + META + b',"contacts":{"1":{"id":"c1","full_name":"A"},'
        b'"2":{"id":"c1","full_name":"B"}}}',
        "share",
    ),
}


@pytest.mark.parametrize("case", sorted(DAMAGED))
def test_damaged_file_is_reported_and_left_byte_identical(tmp_path, case):
    raw, reason = DAMAGED[case]
    path = _file(tmp_path)
    path.write_bytes(raw)
    with pytest.raises(StoreDamagedError) as caught:
        _open(tmp_path)
    assert reason in caught.value.reason
    assert caught.value.path == path
    assert str(path) in str(caught.value)
    assert path.read_bytes() == raw
    assert not (tmp_path / "backups").exists()
    assert _tmp_files(tmp_path) == []


def test_file_damaged_while_open_is_not_overwritten(tmp_path):
    store = _open(tmp_path)
    store.save(Contact(full_name="Ada"))
    _file(tmp_path).write_bytes(b'{"_meta":{"1":{"schema":1}},"contacts":{"1":')
    with pytest.raises(StoreDamagedError):
        store.save(Contact(full_name="Bob"))
    assert _file(tmp_path).read_bytes() == b'{"_meta":{"1":{"schema":1}},"contacts":{"1":'


def test_empty_tinydb_files_open_as_empty(tmp_path):
    for raw in (b"{}", b'{"_default":{}}'):
        _file(tmp_path).write_bytes(raw)
        assert _open(tmp_path).count("contacts") == 0


# ------------------------------------------------------------ failing writes
def _committed_store(tmp_path: Path) -> tuple[Store, Contact, bytes, dict]:
    store = _open(tmp_path)
    ada = store.save(Contact(full_name="Ada", notes="before"))
    return store, ada, _file(tmp_path).read_bytes(), store.export_data()


def _assert_unchanged(tmp_path, store, ada, before, exported):
    assert _file(tmp_path).read_bytes() == before
    assert store.export_data() == exported
    assert store.contact(ada.id).notes == "before"
    assert _tmp_files(tmp_path) == []
    # and the store still works once the fault is gone
    store.save(Contact(full_name="After"))
    assert _names(_open(tmp_path)) == {"Ada", "After"}


def _broken(*_args, **_kwargs):
    raise OSError(errno.EIO, "injected I/O error")


@pytest.mark.parametrize("step", ["fsync", "replace"])
def test_failing_write_step_leaves_everything_as_last_committed(tmp_path, monkeypatch, step):
    store, ada, before, exported = _committed_store(tmp_path)
    with monkeypatch.context() as patch:
        patch.setattr(store_module.os, step, _broken)
        with pytest.raises(StoreWriteError, match="nothing was changed"), store.transaction():
            store.save(ada.model_copy(update={"notes": "after"}), expected_revision=1)
            store.save(Contact(full_name="Bob"))
    _assert_unchanged(tmp_path, store, ada, before, exported)


def test_disk_full_leaves_everything_as_last_committed(tmp_path, monkeypatch):
    store, ada, before, exported = _committed_store(tmp_path)
    real_fdopen = os.fdopen

    class FullDisk:
        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def write(self, data):
            self.handle.write(data[: len(data) // 2])
            self.handle.flush()
            raise OSError(errno.ENOSPC, "No space left on device")

        def __getattr__(self, name):
            return getattr(self.handle, name)

    def full_fdopen(fd, mode="r", *args, **kwargs):
        return FullDisk(real_fdopen(fd, mode, *args, **kwargs))

    with monkeypatch.context() as patch:
        patch.setattr(store_module.os, "fdopen", full_fdopen)
        with pytest.raises(StoreWriteError, match="No space left"):
            store.save(ada.model_copy(update={"notes": "after"}), expected_revision=1)
    _assert_unchanged(tmp_path, store, ada, before, exported)


def test_failing_serialisation_leaves_everything_as_last_committed(tmp_path, monkeypatch):
    store, ada, before, exported = _committed_store(tmp_path)
    with monkeypatch.context() as patch:
        patch.setattr(store_module.orjson, "dumps", _broken)
        with pytest.raises(StoreWriteError):
            store.save(ada.model_copy(update={"notes": "after"}), expected_revision=1)
    _assert_unchanged(tmp_path, store, ada, before, exported)


def test_atomic_write_refuses_an_empty_payload(tmp_path):
    target = tmp_path / "x.json"
    target.write_bytes(b"keep")
    with pytest.raises(StoreWriteError):
        atomic_write(target, b"")
    assert target.read_bytes() == b"keep"


def test_store_never_leaves_a_zero_byte_file(tmp_path, monkeypatch):
    store = _open(tmp_path)
    store.save(Contact(full_name="Ada"))
    store.delete_everything()
    assert _file(tmp_path).stat().st_size > 0
    with monkeypatch.context() as patch:
        patch.setattr(store_module.os, "fsync", _broken)
        with pytest.raises(StoreWriteError):
            store.save(Contact(full_name="Bob"))
    assert _file(tmp_path).stat().st_size > 0
    sizes = [p.stat().st_size for p in tmp_path.rglob("*") if p.is_file() and p.suffix != ".lock"]
    assert 0 not in sizes


# --------------------------------------------------------------- leftovers
def test_leftover_temp_files_are_cleaned_at_next_open(tmp_path):
    _open(tmp_path).save(Contact(full_name="Ada"))
    leftovers = [tmp_path / f"{FILE_NAME}.4242.1.tmp", tmp_path / f"{FILE_NAME}.1.2.tmp"]
    for leftover in leftovers:
        leftover.write_bytes(b'{"half": ')
    unrelated = tmp_path / "notes.tmp"
    unrelated.write_bytes(b"mine")
    store = _open(tmp_path)
    assert not any(p.exists() for p in leftovers)
    assert unrelated.read_bytes() == b"mine"
    assert _names(store) == {"Ada"}


# ----------------------------------------------------------------- backups
def test_daily_backup_on_first_open_of_the_day(tmp_path):
    store = _open(tmp_path)
    store.save(Contact(full_name="Ada"))
    daily = tmp_path / "backups" / f"daily-{date.today().isoformat()}.json"
    assert not daily.exists()  # the file did not exist when this store opened
    first_bytes = _file(tmp_path).read_bytes()
    _open(tmp_path)
    assert daily.read_bytes() == first_bytes
    store.save(Contact(full_name="Bob"))
    _open(tmp_path)
    assert daily.read_bytes() == first_bytes  # only the first open of the day


def test_daily_backups_are_kept_to_seven(tmp_path):
    _open(tmp_path).save(Contact(full_name="Ada"))
    folder = tmp_path / "backups"
    folder.mkdir()
    old = [folder / f"daily-2020-01-{day:02d}.json" for day in range(1, 10)]
    for path in old:
        path.write_bytes(_file(tmp_path).read_bytes())
    manual = folder / "manual-20200101-000000-000000.json"
    manual.write_bytes(b"{}")
    _open(tmp_path)
    kept = sorted(p.name for p in folder.glob("daily-*.json"))
    assert kept == [
        "daily-2020-01-04.json",
        "daily-2020-01-05.json",
        "daily-2020-01-06.json",
        "daily-2020-01-07.json",
        "daily-2020-01-08.json",
        "daily-2020-01-09.json",
        f"daily-{date.today().isoformat()}.json",
    ]
    assert manual.exists()


def test_backup_and_restore_backup(tmp_path):
    store = _open(tmp_path)
    ada = store.save(Contact(full_name="Ada"))
    saved = store.backup("manual")
    assert saved.parent == tmp_path / "backups"
    assert saved.read_bytes() == _file(tmp_path).read_bytes()
    assert [b.reason for b in store.backups()] == ["manual"]
    store.save(Contact(full_name="Bob"))
    store.save(ada.model_copy(update={"notes": "later"}), expected_revision=1)
    store.restore_backup(saved)
    for view in (store, _open(tmp_path)):
        assert _names(view) == {"Ada"}
        assert view.contact(ada.id).notes == ""
    # the state before the restore was kept too
    before_restore = [b for b in store.backups() if b.reason == "before-restore"]
    assert len(before_restore) == 1
    _data, models = parse_database(before_restore[0].path.read_bytes(), before_restore[0].path)
    assert {c.full_name for c in models["contacts"].values()} == {"Ada", "Bob"}


def _backup_at(folder: Path, name: str, raw: bytes, mtime: int) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_bytes(raw)
    os.utime(path, (mtime, mtime))
    return path


def test_restore_newest_good_backup(tmp_path):
    good = tmp_path / "good"
    _open(good).save(Contact(full_name="Old"))
    older = _file(good).read_bytes()
    _open(good).save(Contact(full_name="Newer"))
    newer = _file(good).read_bytes()
    folder = tmp_path / "backups"
    _backup_at(folder, "daily-2024-05-01.json", older, 1_714_000_000)
    chosen = _backup_at(folder, "daily-2024-05-02.json", newer, 1_714_100_000)
    _backup_at(folder, "manual-20240503-000000-000000.json", b'{"trunc', 1_714_200_000)
    _backup_at(folder, "daily-2024-05-04.json", b'{"_meta":{"1":{"schema":9}}}', 1_714_300_000)
    damaged = b'{"_meta":{"1":{"schema":1}},"contacts":{"1":{"id":"x",\x00\x00'
    _file(tmp_path).write_bytes(damaged)
    assert restore_newest_good_backup(_file(tmp_path)) == chosen
    assert _file(tmp_path).read_bytes() == newer
    aside = list(tmp_path.glob(f"{FILE_NAME}.damaged-*"))
    assert [p.read_bytes() for p in aside] == [damaged]
    assert _names(_open(tmp_path)) == {"Old", "Newer"}


def test_restore_twice_in_a_row_keeps_the_damaged_file(tmp_path):
    _open(tmp_path / "good").save(Contact(full_name="Ada"))
    _backup_at(
        tmp_path / "backups",
        "daily-2024-05-02.json",
        _file(tmp_path / "good").read_bytes(),
        1_714_100_000,
    )
    damaged = b"\x00" * 64
    _file(tmp_path).write_bytes(damaged)
    restore_newest_good_backup(_file(tmp_path))
    restore_newest_good_backup(_file(tmp_path))  # a double-clicked button
    aside = [p.read_bytes() for p in tmp_path.glob(f"{FILE_NAME}.damaged-*")]
    assert damaged in aside


def test_restore_without_a_good_backup_changes_nothing(tmp_path):
    damaged = b"[]"
    _file(tmp_path).write_bytes(damaged)
    _backup_at(tmp_path / "backups", "daily-2024-05-02.json", b"", 1_714_100_000)
    with pytest.raises(StoreError, match="No backup"):
        restore_newest_good_backup(_file(tmp_path))
    assert _file(tmp_path).read_bytes() == damaged
    assert list(tmp_path.glob(f"{FILE_NAME}.damaged-*")) == []


def test_failing_daily_backup_does_not_block_opening(tmp_path):
    _open(tmp_path).save(Contact(full_name="Ada"))
    (tmp_path / "backups").write_bytes(b"not a folder")
    before = _file(tmp_path).read_bytes()
    store = _open(tmp_path)
    assert _names(store) == {"Ada"}
    assert "today's backup could not be made" in store.backup_error
    assert _file(tmp_path).read_bytes() == before
    assert _open(tmp_path / "other").backup_error is None
