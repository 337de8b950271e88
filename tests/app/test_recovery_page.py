"""A damaged data file at start shows the recovery page; a failing disk shows an error.

Never a silent reset: the damaged file is left byte for byte as it was, the page says what
is wrong and where the file is, and "Restore the newest good backup" puts a good one back.
"""

from __future__ import annotations

import errno
import os

import pytest
from streamlit.testing.v1 import AppTest

from infoview import store as store_module
from infoview.models import Contact
from infoview.store import FILE_NAME, Store
from tests.conftest import ROOT

META = b'{"_meta":{"1":{"schema":1}}'
DAMAGED = {
    "truncated": (META + b',"contacts":{"1":{"id":"c1","full_na', "not valid JSON"),
    "trailing garbage": (META + b"}\n}}garbage", "not valid JSON"),
    "NUL bytes": (b"\x00" * 300, "NUL bytes"),
    "empty": (b"", "the file is empty"),
    "newer schema": (b'{"_meta":{"1":{"schema":7}}}', "newer InfoView (schema 7"),
    "wrong shape": (b'[{"full_name": "Ada"}]', "does not hold an InfoView database"),
    "a table of the wrong shape": (META + b',"contacts":[]}', "contacts table is damaged"),
}
TITLE = "Your data file needs attention"


def _open_home() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    return at


def _good_store_with_a_backup(data_dir) -> Contact:
    ada = Store.in_dir(data_dir).save(Contact(full_name="Ada Lovelace", notes="keep me"))
    Store.in_dir(data_dir)  # the first open of an existing file makes the day's backup
    assert list((data_dir / "backups").glob("daily-*.json"))
    return ada


@pytest.mark.parametrize("case", list(DAMAGED))
def test_a_damaged_file_shows_the_recovery_page_and_is_left_untouched(data_dir, case):
    raw, reason = DAMAGED[case]
    data_dir.mkdir()
    path = data_dir / FILE_NAME
    path.write_bytes(raw)
    at = _open_home()
    assert not at.exception, at.exception
    assert at.title[0].value == TITLE
    assert reason in at.error[0].value.replace("\\", "")  # shown Markdown-escaped
    assert at.code[0].value == str(path)
    assert "no backups to restore" in at.info[0].value
    assert path.read_bytes() == raw  # never silently reset
    assert sorted(p.name for p in data_dir.iterdir()) == [FILE_NAME, f"{FILE_NAME}.lock"]


def test_restore_the_newest_good_backup_from_the_recovery_page(data_dir):
    ada = _good_store_with_a_backup(data_dir)
    path = data_dir / FILE_NAME
    damaged = b'{"_meta":{"1":{"schema":1}},"contacts":{"1":{"id":"c1","full_na'
    path.write_bytes(damaged)
    at = _open_home()
    assert not at.exception, at.exception
    assert at.title[0].value == TITLE
    assert any("**Backups found:** 1," in m.value for m in at.markdown)
    next(b for b in at.button if b.label == "Restore the newest good backup").click().run()
    assert not at.exception, at.exception
    assert all(t.value != TITLE for t in at.title)  # the app is back
    assert Store.in_dir(data_dir).contact(ada.id).notes == "keep me"
    kept = list(data_dir.glob(f"{FILE_NAME}.damaged-*"))
    assert [p.read_bytes() for p in kept] == [damaged]  # nothing destroyed


def test_restore_with_only_damaged_backups_says_so_and_changes_nothing(data_dir):
    _good_store_with_a_backup(data_dir)
    for backup in (data_dir / "backups").glob("*.json"):
        backup.write_bytes(b"{")
    path = data_dir / FILE_NAME
    path.write_bytes(b"\x00\x00")
    at = _open_home()
    next(b for b in at.button if b.label == "Restore the newest good backup").click().run()
    assert not at.exception, at.exception
    assert any("No backup could be opened" in e.value for e in at.error)
    assert path.read_bytes() == b"\x00\x00"


def test_a_failing_restore_is_an_error_on_the_page(data_dir, monkeypatch):
    _good_store_with_a_backup(data_dir)
    path = data_dir / FILE_NAME
    path.write_bytes(b"[]")
    at = _open_home()
    monkeypatch.setattr(store_module.os, "replace", _fail_for_the_data_file)
    next(b for b in at.button if b.label == "Restore the newest good backup").click().run()
    assert not at.exception, at.exception
    assert any("could not put the backup in place" in e.value for e in at.error)
    assert path.read_bytes() == b"[]"


def test_an_unreadable_data_file_shows_the_recovery_page(data_dir):
    (data_dir / FILE_NAME).mkdir(parents=True)
    at = _open_home()
    assert not at.exception, at.exception
    assert at.title[0].value == TITLE
    assert "cannot be read" in at.error[0].value


# ---------------------------------------------------------- faults through the UI
_real_replace = os.replace


def _fail_for_the_data_file(src, dst, *args, **kwargs):
    if str(dst).endswith(FILE_NAME):
        raise OSError(errno.ENOSPC, "No space left on device")
    return _real_replace(src, dst, *args, **kwargs)


def _save(at: AppTest) -> None:
    next(b for b in at.button if b.label == "Save contact").click().run()


def test_a_failing_disk_on_the_research_page_is_an_error_not_a_crash(app, data_dir, monkeypatch):
    ada = Store.in_dir(data_dir).save(
        Contact(full_name="Ada Lovelace", title="Countess", reason="Your notes on engines")
    )
    before = (data_dir / FILE_NAME).read_bytes()
    at = app("pages/2_Research.py", contact=ada.id)
    next(w for w in at.main if getattr(w, "key", None) == "rc_title").set_value("Analyst")
    with monkeypatch.context() as patch:  # undo only this (undo() would drop the data dir)
        patch.setattr(store_module.os, "replace", _fail_for_the_data_file)
        _save(at)
    assert not at.exception, at.exception
    assert any("No space left on device" in e.value for e in at.error), [e.value for e in at.error]
    assert (data_dir / FILE_NAME).read_bytes() == before
    assert list(data_dir.glob("*.tmp")) == []
    _save(at)  # once the disk has room again, the same form saves
    assert not at.exception, at.exception
    assert Store.in_dir(data_dir).contact(ada.id).title == "Analyst"
