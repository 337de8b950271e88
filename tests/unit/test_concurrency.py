"""Writers side by side: two store objects, the CLI, two tabs, and a double-clicked Save.

test_store.py and test_store_processes.py cover fixed sequences, eight threads and four
processes x 100 writes; here the interleavings are random and checked against a model of
what must be in the file, and the command line imports while the app is busy saving.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pytest

from infoview.models import Contact
from infoview.store import StaleRecordError, Store
from tests.conftest import ROOT
from tests.fixtures.make_connections import connections_csv


def _contents(store: Store) -> dict[str, tuple[int, str]]:
    return {c.id: (c.revision, c.notes) for c in store.contacts(include_archived=True)}


def _interleave(folder: Path, seed: int) -> int:
    """Write through two stores on one file at random; return how many saves were stale."""
    rng = random.Random(seed)
    stores = [Store.in_dir(folder), Store.in_dir(folder)]
    truth: dict[str, tuple[int, str]] = {}  # what the file must hold: id -> (revision, notes)
    refused = 0
    for step in range(100):
        store = rng.choice(stores)
        if rng.random() < 0.2:
            store.refresh()
        seen = store.contacts(include_archived=True)
        action = rng.random()
        if action < 0.4 or not seen:
            saved = store.save(Contact(full_name=f"N{step}", notes=f"new {step}"))
            truth[saved.id] = (1, saved.notes)
        elif action < 0.9:
            shown = rng.choice(seen)  # what this "tab" shows, maybe out of date
            edit = shown.model_copy(update={"notes": f"edit {step}"})
            current = truth.get(shown.id)
            try:
                saved = store.save(edit, expected_revision=shown.revision)
            except StaleRecordError:
                refused += 1
                assert current is None or current[0] != shown.revision, (seed, step)
            else:
                assert current is not None and current[0] == shown.revision, (seed, step)
                truth[shown.id] = (shown.revision + 1, saved.notes)
        else:
            victim = rng.choice(seen)
            assert store.delete_contact(victim.id) is (victim.id in truth)
            truth.pop(victim.id, None)
        if step % 4 == 0:
            assert _contents(Store.in_dir(folder)) == truth, (seed, step)
    assert _contents(Store.in_dir(folder)) == truth, seed
    for store in stores:
        store.refresh()
        assert _contents(store) == truth
    return refused


@pytest.mark.parametrize("seeds", [range(0, 3), range(3, 6)])
def test_two_stores_on_one_file_in_random_interleavings_match_a_model(tmp_path, seeds):
    """As after a code reload: an old and a new store object write turn about, at random."""
    refused = sum(_interleave(tmp_path / str(seed), seed) for seed in seeds)
    assert refused > 0  # stale saves did happen, and were refused


def test_a_reopened_store_lists_records_in_the_same_order_as_the_live_one(tmp_path):
    store = Store.in_dir(tmp_path)
    people = [store.save(Contact(full_name=name)) for name in ("Ada", "Bo", "Cy")]
    store.save(people[0].model_copy(update={"notes": "edited"}), expected_revision=1)
    store.delete_contact(people[1].id)
    store.save(Contact(full_name="Di"))
    live = [c.full_name for c in store.contacts()]
    assert live == ["Ada", "Cy", "Di"]
    assert [c.full_name for c in Store.in_dir(tmp_path).contacts()] == live


# ------------------------------------------------------------------ the command line
def _cli(data_dir: Path, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-m", "infoview", "--data-dir", str(data_dir), *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.slow
def test_cli_import_while_the_app_is_saving_loses_nothing(tmp_path):
    csv = tmp_path / "Connections.csv"
    csv.write_text(connections_csv(400), encoding="utf-8")
    data = tmp_path / "data"
    app = Store.in_dir(data)
    kai = app.save(Contact(full_name="Kai Sato", notes="Neighbour"))
    form = kai.model_copy(update={"notes": "Neighbour; met at the fair"})  # not saved yet
    importing = _cli(data, "import-linkedin", str(csv))
    mine = []
    while importing.poll() is None or len(mine) < 20:
        mine.append(app.save(Contact(full_name=f"Typed {len(mine)}")).id)  # the app keeps going
        time.sleep(0.01)  # about as fast as someone clicking Save
    out, err = importing.communicate(timeout=60)
    assert importing.returncode == 0, err
    assert "400 new contacts" in out
    app.save(form, expected_revision=kai.revision)  # the unsaved form lands on top
    on_disk = Store.in_dir(data)
    assert on_disk.count("contacts") == 1 + 400 + len(mine)
    assert set(mine) <= {c.id for c in on_disk.contacts()}
    assert on_disk.contact(kai.id).notes == "Neighbour; met at the fair"
    assert _contents(app) == _contents(on_disk)  # the app picked the import up, not overwrote it


def test_a_form_open_while_the_cli_updated_that_person_is_refused(tmp_path):
    csv = tmp_path / "Connections.csv"
    csv.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Ada,Quill,https://www.linkedin.com/in/ada-quill,,Northwind Labs,CTO,01 Mar 2024\n",
        encoding="utf-8",
    )
    data = tmp_path / "data"
    app = Store.in_dir(data)
    ada = app.save(
        Contact(
            full_name="Ada Quill",
            linkedin_url="https://www.linkedin.com/in/ada-quill",
            organization="Old Co",
        )
    )
    form = ada.model_copy(update={"notes": "typed while the import ran"})
    done = _cli(data, "import-linkedin", str(csv))
    out, err = done.communicate(timeout=60)
    assert done.returncode == 0, err
    assert "1 updated" in out
    with pytest.raises(StaleRecordError):
        app.save(form, expected_revision=ada.revision)
    fresh = Store.in_dir(data).contact(ada.id)
    assert fresh.organization == "Northwind Labs"  # the import's change was not overwritten
    assert fresh.notes == ""


# ---------------------------------------------------------------- tabs and clicks
def _race(*calls: Callable[[], object]) -> list[object]:
    """Run the calls in threads released at the same moment; return results or errors."""
    barrier = threading.Barrier(len(calls))
    results: list[object] = [None] * len(calls)

    def run(i, call):
        barrier.wait()
        try:
            results[i] = call()
        except Exception as exc:
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_two_tabs_saving_one_contact_at_once_one_wins_the_other_is_told(tmp_path):
    store = Store.in_dir(tmp_path)  # local mode: every tab shares the one store
    for round_ in range(15):
        shown = store.save(Contact(full_name=f"Ada {round_}"))
        left = shown.model_copy(update={"title": "From the left tab"})
        right = shown.model_copy(update={"title": "From the right tab"})
        results = _race(
            partial(store.save, left, expected_revision=1),
            partial(store.save, right, expected_revision=1),
        )
        refused = [r for r in results if isinstance(r, StaleRecordError)]
        saved = [r for r in results if isinstance(r, Contact)]
        assert len(refused) == 1 and len(saved) == 1, results
        assert "changed elsewhere" in str(refused[0])
        on_disk = Store.in_dir(tmp_path).contact(shown.id)
        assert on_disk.title == saved[0].title and on_disk.revision == 2


def test_two_tabs_on_two_store_objects_one_wins_the_other_is_told(tmp_path):
    left, right = Store.in_dir(tmp_path), Store.in_dir(tmp_path)
    for round_ in range(10):
        shown = left.save(Contact(full_name=f"Bo {round_}"))
        right.refresh()
        results = _race(
            partial(left.save, shown.model_copy(update={"notes": "left"}), expected_revision=1),
            partial(right.save, shown.model_copy(update={"notes": "right"}), expected_revision=1),
        )
        assert sorted(type(r).__name__ for r in results) == ["Contact", "StaleRecordError"]
        winner = next(r for r in results if isinstance(r, Contact))
        assert Store.in_dir(tmp_path).contact(shown.id).notes == winner.notes


def test_the_same_save_sent_twice_at_once_stores_one_record(tmp_path):
    store = Store.in_dir(tmp_path)
    for round_ in range(15):
        form = Contact(full_name=f"Cy {round_}")  # the id is made when the form is shown
        first, second = _race(
            partial(store.save, form, expected_revision=0),
            partial(store.save, form, expected_revision=0),
        )
        assert isinstance(first, Contact) and first == second
        edit = first.model_copy(update={"notes": "double-clicked"})
        again = _race(
            partial(store.save, edit, expected_revision=1),
            partial(store.save, edit, expected_revision=1),
        )
        assert [r.revision for r in again] == [2, 2], again  # not 3, and neither refused
    reopened = Store.in_dir(tmp_path)
    assert reopened.count("contacts") == 15
    assert {c.revision for c in reopened.contacts()} == {2}
