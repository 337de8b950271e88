"""The command line: exit codes, one-line messages, and running beside an open store."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from infoview.cli import main
from infoview.models import Contact
from infoview.store import Store

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
CONNECTIONS = FIXTURES / "linkedin_connections.csv"


def run(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "INFOVIEW_DATA_DIR": str(data_dir)}
    return subprocess.run(
        [sys.executable, "-m", "infoview", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_import_export_backup_and_restore(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    data = tmp_path / "data"
    first = run(data, "import-linkedin", str(CONNECTIONS))
    assert first.returncode == 0, first.stderr
    assert "4 new contacts, 0 updated, 0 already up to date, 1 skipped" in first.stdout
    assert "Skipped line 8 (12 Mar 2023): no name" in first.stdout

    def cli(*args: str) -> str:
        assert main(["--data-dir", str(data), *args]) == 0
        return capsysbinary.readouterr().out.decode("utf-8")

    assert "0 new contacts, 0 updated, 4 already up to date" in cli(
        "import-linkedin", str(CONNECTIONS)
    )
    out = tmp_path / "all.json"
    cli("export", "--format", "json", "--output", str(out))
    assert len(orjson.loads(out.read_bytes())["tables"]["contacts"]) == 4
    csv_text = cli("export", "--format", "csv")
    assert csv_text.startswith("\ufeffName,Organization")
    assert "Cedar & Pine, Inc." in csv_text
    assert cli("export", "--format", "vcf").count("BEGIN:VCARD") == 4
    backup = cli("backup")
    assert Path(backup.split(": ", 1)[1].strip()).is_file()

    restored = run(tmp_path / "fresh", "restore", str(out))
    assert restored.returncode == 0, restored.stderr
    assert "contacts: 4 added, 0 updated, 0 removed, 0 unchanged" in restored.stdout
    assert Store.in_dir(tmp_path / "fresh").count("contacts") == 4


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.csv", b"", "The file is empty."),
        ("book.xlsx", b"PK\x03\x04\x14\x00rest", "Excel workbook"),
        ("other.csv", b"Name,Phone\nAda,1\n", "doesn't look like a LinkedIn"),
        ("header.csv", CONNECTIONS.read_bytes().split(b"\nAda")[0] + b"\n", "no connections"),
    ],
)
def test_bad_import_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, content: bytes, message: str
) -> None:
    store = Store.in_dir(tmp_path / "data")
    store.save(Contact(full_name="Kai Sato"))
    before = store.path.read_bytes()
    backups_before = sorted(p.name for p in (tmp_path / "data" / "backups").glob("*"))
    bad = tmp_path / name
    bad.write_bytes(content)
    code = main(["--data-dir", str(tmp_path / "data"), "import-linkedin", str(bad)])
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith("python -m infoview: error: ")
    assert message in err
    assert err.count("\n") == 1
    assert store.path.read_bytes() == before
    assert sorted(p.name for p in (tmp_path / "data" / "backups").glob("*")) == backups_before


def test_restore_refuses_a_file_that_is_not_a_backup(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    not_backup = tmp_path / "x.json"
    not_backup.write_text('{"hello": 1}')
    assert main(["--data-dir", str(tmp_path), "restore", str(not_backup)]) == 1
    assert capsys.readouterr().err == (
        "python -m infoview: error: This JSON file is not an InfoView backup "
        "(its format marker is missing).\n"
    )


def test_errors_are_one_line_without_traceback(tmp_path: Path) -> None:
    data = tmp_path / "data"
    missing = run(data, "import-linkedin", str(tmp_path / "nope.csv"))
    assert (missing.returncode, missing.stdout) == (1, "")
    assert missing.stderr == f"python -m infoview: error: {tmp_path / 'nope.csv'}: no such file\n"

    data.mkdir(parents=True, exist_ok=True)
    (data / "infoview.json").write_bytes(b"{damaged")
    damaged = run(data, "export")
    assert damaged.returncode == 1
    assert "cannot be opened: the file is not valid JSON" in damaged.stderr
    assert (data / "infoview.json").read_bytes() == b"{damaged"

    usage = run(data, "export", "--format", "xml")
    assert usage.returncode == 2
    for result in (missing, damaged, usage):
        assert "Traceback" not in result.stderr + result.stdout
        assert result.stderr.count("\n") <= 3


def test_import_while_the_app_holds_the_store_open(tmp_path: Path) -> None:
    app_store = Store.in_dir(tmp_path)
    app_store.save(Contact(full_name="Kai Sato", notes="Neighbour"))
    result = run(tmp_path, "import-linkedin", str(CONNECTIONS))
    assert result.returncode == 0, result.stderr
    assert app_store.refresh() is True
    assert sorted(c.full_name for c in app_store.contacts()) == [
        "Ada Quill",
        "Bo Rowe",
        "Kai Sato",
        "Zoë Ueda",
    ]
    # The app's next save lands on top of the import instead of overwriting it.
    other = Store.in_dir(tmp_path)
    run(tmp_path, "import-linkedin", str(FIXTURES / "linkedin_connections_old.csv"))
    other.save(Contact(full_name="Juno Xu"))
    assert Store.in_dir(tmp_path).count("contacts") == 7


def test_recover_only_replaces_a_damaged_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = Store.in_dir(tmp_path)
    store.save(Contact(full_name="Kai Sato"))
    store.backup("manual")
    healthy = store.path.read_bytes()
    assert main(["--data-dir", str(tmp_path), "recover"]) == 1
    assert "opens fine, so there is nothing to recover" in capsys.readouterr().err
    assert store.path.read_bytes() == healthy

    store.path.write_bytes(b"\x00garbage")
    assert main(["--data-dir", str(tmp_path), "recover"]) == 0
    assert "the damaged file was kept beside it" in capsys.readouterr().out
    assert [c.full_name for c in Store.in_dir(tmp_path).contacts()] == ["Kai Sato"]
    assert len(list(tmp_path.glob("infoview.json.damaged-*"))) == 1
