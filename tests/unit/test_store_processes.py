"""The store across processes: a C locale, two writers on one file, noticing outside changes."""

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import orjson
import pytest

from infoview.models import Contact
from infoview.store import FILE_NAME, Store, parse_database

ROOT = Path(__file__).resolve().parents[2]
NAMES = ["Zoë Ångström", "José Núñez 🚀", "王小明", "محمد الأحمد", "Ænima 👩🏽‍🔬", "Ольга"]


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG", "PYTHON"))}
    env["PYTHONPATH"] = str(ROOT)
    env.update(extra)
    return env


def _run(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        env=_env(**env),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done


# An ASCII-only locale, and Python told not to switch to UTF-8 on its own (PEP 538/540).
C_LOCALE = {"LANG": "C", "LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}

CHECK_ASCII_LOCALE = """
    import locale, sys
    assert locale.getpreferredencoding(False).lower() in {"ansi_x3.4-1968", "ascii"}, (
        locale.getpreferredencoding(False))
    assert not sys.flags.utf8_mode
"""


def test_unicode_round_trips_under_the_c_locale(tmp_path):
    folder = tmp_path / "données"  # a non-ASCII folder name too
    code = (
        CHECK_ASCII_LOCALE
        + """
    import json, os
    from infoview.models import Contact
    from infoview.store import Store
    names = json.loads(os.environ["NAMES"])
    store = Store.in_dir()
    for name in names:
        store.save(Contact(full_name=name, notes=name + "\\n\\u2728", tags=[name[:5]]))
    again = Store.in_dir()
    print(json.dumps(sorted(c.full_name for c in again.contacts())))
    print(json.dumps(sorted(c.notes for c in again.contacts())))
    """
    )
    done = _run(code, INFOVIEW_DATA_DIR=str(folder), NAMES=json.dumps(NAMES), **C_LOCALE)
    names, notes = (json.loads(line) for line in done.stdout.splitlines())
    assert names == sorted(NAMES)
    assert notes == sorted(f"{n}\n✨" for n in NAMES)
    raw = (folder / FILE_NAME).read_bytes()
    for name in NAMES:
        assert name.encode("utf-8") in raw  # UTF-8 on disk, not the locale's encoding
    assert {c.full_name for c in Store.in_dir(folder).contacts()} == set(NAMES)


def test_file_written_under_utf8_reads_back_under_the_c_locale(tmp_path):
    store = Store.in_dir(tmp_path)
    for name in NAMES:
        store.save(Contact(full_name=name))
    code = (
        CHECK_ASCII_LOCALE
        + """
    import json
    from infoview.store import Store
    print(json.dumps(sorted(c.full_name for c in Store.in_dir().contacts())))
    """
    )
    done = _run(code, INFOVIEW_DATA_DIR=str(tmp_path), **C_LOCALE)
    assert json.loads(done.stdout) == sorted(NAMES)


WRITER = """
    import json, os, sys, time
    from pathlib import Path
    from infoview.models import Contact
    from infoview.store import Store
    worker, count, go = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3])
    store = Store.in_dir(os.environ["INFOVIEW_DATA_DIR"])
    while not go.exists():
        time.sleep(0.005)
    for i in range(count):
        saved = store.save(Contact(full_name=f"P{worker}-{i}"))
        print(saved.id, flush=True)  # acknowledged only once committed
"""


def _writers(tmp_path: Path, processes: int, count: int) -> list[str]:
    go = tmp_path / "go"
    children = [
        subprocess.Popen(
            [sys.executable, "-c", textwrap.dedent(WRITER), str(n), str(count), str(go)],
            env=_env(INFOVIEW_DATA_DIR=str(tmp_path / "data")),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(processes)
    ]
    go.touch()  # start them together so their commits interleave
    acknowledged: list[str] = []
    for child in children:
        out, err = child.communicate(timeout=120)
        assert child.returncode == 0, err
        acknowledged += out.split()
    return acknowledged


def test_two_processes_times_one_hundred_writes(tmp_path):
    acknowledged = _writers(tmp_path, processes=2, count=100)
    assert len(acknowledged) == 200
    path = tmp_path / "data" / FILE_NAME
    _data, models = parse_database(path.read_bytes(), path)
    assert set(models["contacts"]) == set(acknowledged)
    names = {c.full_name for c in Store(path).contacts()}
    assert names == {f"P{w}-{i}" for w in range(2) for i in range(100)}
    assert list(path.parent.glob("*.tmp")) == []


def test_refresh_picks_up_another_processs_change(tmp_path):
    store = Store.in_dir(tmp_path)
    mine = store.save(Contact(full_name="Mine"))
    assert store.refresh() is False
    code = """
    from infoview.models import Contact
    from infoview.store import Store
    print(Store.in_dir().save(Contact(full_name="Theirs")).id)
    """
    theirs = _run(code, INFOVIEW_DATA_DIR=str(tmp_path)).stdout.strip()
    assert store.contact(theirs) is None  # reads come from memory...
    assert store.refresh() is True  # ...until the store looks at the file
    assert store.contact(theirs).full_name == "Theirs"
    assert store.refresh() is False
    store.save(Contact(full_name="Later"))
    saved = orjson.loads((tmp_path / FILE_NAME).read_bytes())["contacts"]
    assert sorted(doc["full_name"] for doc in saved.values()) == ["Later", "Mine", "Theirs"]
    assert store.contact(mine.id).full_name == "Mine"


def test_save_notices_another_processs_change_without_refresh(tmp_path):
    store = Store.in_dir(tmp_path)
    store.save(Contact(full_name="Mine"))
    code = """
    from infoview.models import Contact
    from infoview.store import Store
    Store.in_dir().save(Contact(full_name="Theirs"))
    """
    _run(code, INFOVIEW_DATA_DIR=str(tmp_path))
    store.save(Contact(full_name="Later"))  # reloads before committing, never overwrites
    assert {c.full_name for c in Store.in_dir(tmp_path).contacts()} == {"Mine", "Theirs", "Later"}


@pytest.mark.slow
def test_four_processes_times_one_hundred_writes(tmp_path):
    acknowledged = _writers(tmp_path, processes=4, count=100)
    path = tmp_path / "data" / FILE_NAME
    _data, models = parse_database(path.read_bytes(), path)
    assert len(models["contacts"]) == 400
    assert set(models["contacts"]) == set(acknowledged)


@pytest.mark.slow
def test_kill_during_writes_keeps_every_acknowledged_write(tmp_path):
    data = tmp_path / "data"
    acknowledged: list[str] = []
    for trial in range(8):
        go = tmp_path / f"go{trial}"
        go.touch()
        child = subprocess.Popen(
            [sys.executable, "-c", textwrap.dedent(WRITER), f"k{trial}", "100000", str(go)],
            env=_env(INFOVIEW_DATA_DIR=str(data)),
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(5 + 7 * trial):  # kill at a different point each time
            acknowledged.append(child.stdout.readline().strip())
        child.kill()  # SIGKILL: no cleanup runs, possibly mid-write
        child.wait()
        acknowledged += child.stdout.read().split()  # committed before the kill landed
        child.stdout.close()
        path = data / FILE_NAME
        _data, models = parse_database(path.read_bytes(), path)
        assert set(acknowledged) <= set(models["contacts"])
        Store(path)  # the next start cleans any temp file the kill left
        assert list(data.glob("*.tmp")) == []
