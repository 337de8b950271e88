"""Faults injected at every step of every kind of write: nothing changes, the user is told.

test_store.py fails one step of one save. Here an injector counts the steps a write takes
(create the temp file, write, fsync, replace, folder fsync), for the data file and for the
backups some operations make first, and fails the 1st, then the 2nd, ... until the operation
gets through. After each fault: a StoreError with a plain message, the data file byte for
byte as before, the store's memory as before, no temp file left, and the store still works.
The one exception is a failing folder fsync after the data file was replaced: the change is
kept and UnconfirmedWriteError says so.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from infoview import store as store_module
from infoview.io.importing import apply_import, plan_import
from infoview.io.linkedin import parse_linkedin
from infoview.models import Contact, Outreach
from infoview.store import (
    FILE_NAME,
    Store,
    StoreDamagedError,
    StoreError,
    StoreWriteError,
    UnconfirmedWriteError,
    restore_newest_good_backup,
)
from tests.conftest import ROOT

STEPS = ("open", "write", "fsync", "replace")
ERRORS = {
    "I/O error": OSError(errno.EIO, "Input/output error"),
    "disk full": OSError(errno.ENOSPC, "No space left on device"),
    "read-only": OSError(errno.EROFS, "Read-only file system"),
}
TALLY = {"faults": 0}


class Injector:
    """Fail the ``fail_at``-th file step with ``error``; count every step."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, fail_at: int, error: OSError):
        self.fail_at = fail_at
        self.error = error
        self.steps: list[str] = []
        self.failed: str | None = None
        real_open, real_fdopen = os.open, os.fdopen
        real_fsync, real_replace = os.fsync, os.replace
        injector = self

        def step(name: str) -> None:
            self.steps.append(name)
            if len(self.steps) == self.fail_at:
                self.failed = name
                TALLY["faults"] += 1
                raise OSError(self.error.errno, self.error.strerror)

        def fake_open(path, flags, mode=0o777, *args, **kwargs):
            # Only our temp files and folder fsyncs; the lock file must keep working.
            if str(path).endswith(".tmp"):
                step("open")
            elif os.path.isdir(path):
                step("folder open")
            return real_open(path, flags, mode, *args, **kwargs)

        class Handle:
            def __init__(self, handle):
                self.handle = handle

            def __enter__(self):
                return self

            def __exit__(self, *exc):
                self.handle.close()

            def write(self, data):
                injector.steps.append("write")
                if len(injector.steps) == injector.fail_at:
                    injector.failed = "write"
                    TALLY["faults"] += 1
                    self.handle.write(data[: len(data) // 2])  # a partial write, as when full
                    self.handle.flush()
                    raise OSError(injector.error.errno, injector.error.strerror)
                return self.handle.write(data)

            def __getattr__(self, name):
                return getattr(self.handle, name)

        def fake_fdopen(fd, *args, **kwargs):
            return Handle(real_fdopen(fd, *args, **kwargs))

        def fake_fsync(fd):
            step("fsync")
            return real_fsync(fd)

        def fake_replace(src, dst, *args, **kwargs):
            step("replace")
            return real_replace(src, dst, *args, **kwargs)

        monkeypatch.setattr(store_module.os, "open", fake_open)
        monkeypatch.setattr(store_module.os, "fdopen", fake_fdopen)
        monkeypatch.setattr(store_module.os, "fsync", fake_fsync)
        monkeypatch.setattr(store_module.os, "replace", fake_replace)


def _setup(folder: Path) -> tuple[Store, dict[str, Contact], Path]:
    store = Store.in_dir(folder)
    ada = store.save(Contact(full_name="Ada", notes="before"))
    backup = store.backup("manual")  # before Bob: restoring it changes the data
    assert backup is not None
    bob = store.save(Contact(full_name="Bob", referred_by=ada.id))
    store.save(Outreach(contact_id=ada.id, subject="Hello"))
    return store, {"ada": ada, "bob": bob}, backup


LINKEDIN = (ROOT / "tests" / "fixtures" / "linkedin_connections.csv").read_bytes()


def _import(store: Store, people: dict, backup: Path) -> None:
    parsed = parse_linkedin(LINKEDIN)
    apply_import(store, plan_import(parsed, store.contacts(include_archived=True), _TODAY))


def _two_in_one(store: Store, people: dict, backup: Path) -> None:
    with store.transaction():
        store.save(people["ada"].model_copy(update={"notes": "after"}), expected_revision=1)
        store.save(Contact(full_name="Cy"))


_TODAY = __import__("datetime").date(2025, 5, 12)

OPERATIONS: dict[str, Callable[[Store, dict, Path], object]] = {
    "add a contact": lambda s, p, b: s.save(Contact(full_name="Cy")),
    "edit a contact": lambda s, p, b: s.save(
        p["ada"].model_copy(update={"notes": "after"}), expected_revision=1
    ),
    "two saves in one transaction": _two_in_one,
    "delete a contact and its asks": lambda s, p, b: s.delete_contact(p["ada"].id),
    "delete where": lambda s, p, b: s.delete_where("contacts", lambda r: r.full_name == "Bob"),
    "save many": lambda s, p, b: s.save_many([Contact(full_name=f"N{i}") for i in range(5)]),
    "replace all": lambda s, p, b: s.replace_all({"contacts": [Contact(full_name="Only")]}),
    "delete everything (backs up first)": lambda s, p, b: s.delete_everything(),
    "restore a backup (backs up first)": lambda s, p, b: s.restore_backup(b),
    "import LinkedIn (backs up first)": _import,
}


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*.json"))
        if p.is_file()
    }


def _leftovers(folder: Path) -> list[Path]:
    return [*folder.glob("*.tmp"), *folder.glob("backups/*.tmp")]


@pytest.mark.parametrize("kind", sorted(ERRORS))
@pytest.mark.parametrize("operation", list(OPERATIONS))
def test_every_step_of_every_write_can_fail_without_harm(tmp_path, monkeypatch, operation, kind):
    run = OPERATIONS[operation]
    fail_at = 1
    seen_steps: set[str] = set()
    while True:
        folder = tmp_path / f"at{fail_at}"
        store, people, backup = _setup(folder)
        data_file = folder / FILE_NAME
        before_file = data_file.read_bytes()
        before_files = _snapshot(folder)
        before_memory = store.export_data()
        with monkeypatch.context() as patch:
            injector = Injector(patch, fail_at, ERRORS[kind])
            try:
                run(store, people, backup)
            except UnconfirmedWriteError as exc:
                caught: StoreError | None = exc
            except StoreError as exc:
                caught = exc
            else:
                caught = None
        if injector.failed is None:
            assert caught is None
            break  # the operation got through every step: all of them were tried
        seen_steps.add(injector.failed)
        where = f"{operation}: step {fail_at} ({injector.failed}) failed with {kind}"
        assert caught is not None, where
        message = str(caught)
        assert "Traceback" not in message and len(message) < 400, where
        assert ERRORS[kind].strerror in message, where  # says what went wrong
        if isinstance(caught, UnconfirmedWriteError):
            # Only a folder fsync after the data file was replaced can leave the change.
            folder_step = injector.failed == "folder open" or injector.steps[-2] == "folder open"
            assert folder_step and injector.steps[-1] == injector.failed, where
            assert "written, but the disk did not confirm" in message, where
            assert Store.in_dir(folder).export_data() == store.export_data(), where
        else:
            assert isinstance(caught, StoreWriteError), where
            assert "nothing was changed" in message, where
            assert data_file.read_bytes() == before_file, where
            assert store.export_data() == before_memory, where
            # Backups made before the fault may stay; nothing else on disk changed.
            after = _snapshot(folder)
            assert {k: v for k, v in after.items() if k in before_files} == before_files, where
        assert _leftovers(folder) == [], where
        run(store, people, backup)  # the fault has passed: the same operation now works
        assert Store.in_dir(folder).export_data() == store.export_data(), where
        fail_at += 1
    assert {"open", "write", "fsync", "replace"} <= seen_steps


def test_failing_serialisation_of_every_operation_changes_nothing(tmp_path, monkeypatch):
    for n, (operation, run) in enumerate(OPERATIONS.items()):
        folder = tmp_path / str(n)
        store, people, backup = _setup(folder)
        before, memory = (folder / FILE_NAME).read_bytes(), store.export_data()

        def broken(*_args, **_kwargs):
            TALLY["faults"] += 1
            raise TypeError("Type is not JSON serializable: injected")

        with monkeypatch.context() as patch:
            patch.setattr(store_module.orjson, "dumps", broken)
            with pytest.raises(StoreWriteError, match="nothing was changed"):
                run(store, people, backup)
        assert (folder / FILE_NAME).read_bytes() == before, operation
        assert store.export_data() == memory, operation
        assert _leftovers(folder) == []


def test_a_folder_fsync_failing_during_the_daily_backup_does_not_block_opening(
    tmp_path, monkeypatch
):
    Store.in_dir(tmp_path).save(Contact(full_name="Ada"))
    for daily in (tmp_path / "backups").glob("daily-*.json"):
        daily.unlink()
    before = (tmp_path / FILE_NAME).read_bytes()

    def broken(folder):
        TALLY["faults"] += 1
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(store_module, "_fsync_dir", broken)
    store = Store.in_dir(tmp_path)  # used to fail with UnconfirmedWriteError
    assert {c.full_name for c in store.contacts()} == {"Ada"}
    assert "today's backup could not be made" in store.backup_error
    assert (tmp_path / FILE_NAME).read_bytes() == before


def test_a_failing_backup_is_a_store_error_not_a_raw_os_error(tmp_path, monkeypatch):
    store, _people, _backup = _setup(tmp_path)
    (tmp_path / "backups").chmod(0o500)
    monkeypatch.setattr(store_module.os, "replace", _fail_replace)
    with pytest.raises(StoreWriteError, match=r"could not write a backup .*No space left"):
        store.backup("manual")
    assert _leftovers(tmp_path) == []


def _fail_replace(*_args, **_kwargs):
    TALLY["faults"] += 1
    raise OSError(errno.ENOSPC, "No space left on device")


def test_an_unreadable_data_file_opens_the_recovery_path_untouched(tmp_path):
    (tmp_path / FILE_NAME).mkdir()  # reading it fails like a file with no permission
    with pytest.raises(StoreDamagedError, match="cannot be read") as caught:
        Store.in_dir(tmp_path)
    assert caught.value.path == tmp_path / FILE_NAME
    assert (tmp_path / FILE_NAME).is_dir()


def test_restore_newest_good_backup_reports_a_failing_write(tmp_path, monkeypatch):
    Store.in_dir(tmp_path).save(Contact(full_name="Ada"))
    Store.in_dir(tmp_path)  # the day's first open of the file makes its daily backup
    damaged = b'{"_meta": {"1": {"schema": 1}}, "contacts": {"1": {'
    (tmp_path / FILE_NAME).write_bytes(damaged)
    monkeypatch.setattr(store_module.os, "replace", _fail_replace)
    with pytest.raises(StoreWriteError, match="could not put the backup in place") as caught:
        restore_newest_good_backup(tmp_path / FILE_NAME)
    assert "No space left" in str(caught.value)
    assert (tmp_path / FILE_NAME).read_bytes() == damaged
    assert _leftovers(tmp_path) == []
    monkeypatch.undo()
    restore_newest_good_backup(tmp_path / FILE_NAME)
    assert {c.full_name for c in Store.in_dir(tmp_path).contacts()} == {"Ada"}


def test_an_unreadable_backup_is_skipped_for_an_older_good_one(tmp_path):
    Store.in_dir(tmp_path).save(Contact(full_name="Ada"))
    Store.in_dir(tmp_path)  # the daily backup
    newest = tmp_path / "backups" / "manual-29990101-000000-000000.json"
    newest.mkdir()  # listed as the newest backup, but it cannot be read
    (tmp_path / FILE_NAME).write_bytes(b"\x00\x00")
    used = restore_newest_good_backup(tmp_path / FILE_NAME)
    assert used.name.startswith("daily-")
    assert {c.full_name for c in Store.in_dir(tmp_path).contacts()} == {"Ada"}
