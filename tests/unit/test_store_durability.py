"""Store details beyond atomicity: private files, unconfirmed writes, backups across midnight."""

from __future__ import annotations

import stat
from datetime import date, timedelta

import pytest

from infoview import store as store_module
from infoview.models import Contact
from infoview.store import Store, UnconfirmedWriteError


def test_data_file_is_private_to_its_owner(tmp_path):
    store = Store.in_dir(tmp_path)
    store.save(Contact(full_name="Ada"))
    mode = stat.S_IMODE((tmp_path / "infoview.json").stat().st_mode)
    assert mode == 0o600


def test_failed_folder_fsync_keeps_the_written_change_and_says_so(tmp_path, monkeypatch):
    store = Store.in_dir(tmp_path)
    ada = store.save(Contact(full_name="Ada"))

    def broken(folder):
        raise OSError(5, "I/O error")

    monkeypatch.setattr(store_module, "_fsync_dir", broken)
    with pytest.raises(UnconfirmedWriteError, match="written, but the disk did not confirm"):
        store.save(ada.model_copy(update={"title": "Countess"}), expected_revision=1)
    monkeypatch.undo()
    assert store.contact(ada.id).title == "Countess"
    assert Store.in_dir(tmp_path).contact(ada.id).title == "Countess"


def test_an_app_left_running_past_midnight_makes_the_next_days_backup(tmp_path, monkeypatch):
    store = Store.in_dir(tmp_path)
    store.save(Contact(full_name="Ada"))
    Store.in_dir(tmp_path)  # first open of the day made today's backup
    tomorrow = date.today() + timedelta(days=1)

    class Tomorrow(date):
        @classmethod
        def today(cls):
            return tomorrow

    monkeypatch.setattr(store_module, "date", Tomorrow)
    store.save(Contact(full_name="Bob"))
    daily = sorted(p.name for p in (tmp_path / "backups").glob("daily-*.json"))
    assert daily[-1] == f"daily-{tomorrow.isoformat()}.json"


def test_leftover_backup_temp_files_are_cleaned_at_open(tmp_path):
    Store.in_dir(tmp_path).save(Contact(full_name="Ada"))
    (tmp_path / "backups").mkdir(exist_ok=True)
    leftover = tmp_path / "backups" / "daily-x.json.1.2.tmp"
    leftover.write_bytes(b"partial")
    Store.in_dir(tmp_path)
    assert not leftover.exists()
