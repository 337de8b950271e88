"""The command line's duplicates, merge and undo-merge commands."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from infoview.cli import main
from infoview.models import Contact, Outreach
from infoview.store import Store


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    store = Store.in_dir(tmp_path)
    with store.transaction():
        store.save(Contact(id="a1", full_name="Ana Garcia", organization="Lumen Bio"))
        store.save(Contact(id="b2", full_name="Dr. Ana García", organization="Lumen Bio"))
        store.save(Contact(id="c3", full_name="Ben Okafor", organization="Halden"))
        store.save(Outreach(id="ask1", contact_id="b2"))
    return tmp_path


def cli(folder: Path, capsys, *args: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(folder), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_duplicates_lists_pairs_with_ids_names_reason_and_confidence(folder, capsys):
    code, out, err = cli(folder, capsys, "duplicates")
    assert code == 0
    assert out.splitlines() == [
        "likely    a1  b2  Ana Garcia / Dr. Ana García: same name; same organization"
    ]
    assert "1 possible duplicate found." in err


def test_duplicates_json_writes_one_object_per_line(folder, capsys):
    code, out, _ = cli(folder, capsys, "duplicates", "--json")
    rows = [orjson.loads(line) for line in out.splitlines()]
    assert code == 0
    assert rows == [
        {
            "keep_id": "a1",
            "other_id": "b2",
            "keep_name": "Ana Garcia",
            "other_name": "Dr. Ana García",
            "confidence": "likely",
            "reason": "same name; same organization",
        }
    ]


def test_merge_then_undo_merge(folder, capsys):
    code, out, _ = cli(folder, capsys, "merge", "a1", "b2", "--dry-run")
    assert code == 0 and out.startswith("Dry run, nothing saved")
    assert Store.in_dir(folder).contact("b2") is not None
    code, out, _ = cli(folder, capsys, "merge", "a1", "b2")
    assert code == 0
    assert "moving 1 ask" in out
    store = Store.in_dir(folder)
    assert store.contact("b2") is None
    assert store.get("outreach", "ask1").contact_id == "a1"
    assert cli(folder, capsys, "duplicates", "--json")[1] == ""
    merge_id = out.rsplit(" ", 1)[1].strip()
    code, out, _ = cli(folder, capsys, "undo-merge", merge_id)
    assert code == 0 and out.startswith("Undone:")
    assert Store.in_dir(folder).get("outreach", "ask1").contact_id == "b2"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("merge", "a1", "a1"), "cannot be merged with itself"),
        (("merge", "a1", "zz"), "No contact has the id zz."),
        (("undo-merge", "nope"), "no longer kept"),
    ],
)
def test_bad_ids_give_one_line_errors_and_change_nothing(folder, capsys, args, message):
    before = (folder / "infoview.json").read_bytes()
    code, _out, err = cli(folder, capsys, *args)
    assert code == 1
    assert err.count("\n") == 1 and message in err
    assert (folder / "infoview.json").read_bytes() == before


def test_import_dry_run_prints_the_summary_the_import_then_does(tmp_path, capsys):
    fixtures = Path(__file__).resolve().parents[1] / "fixtures"
    assert (
        cli(tmp_path, capsys, "import-linkedin", str(fixtures / "linkedin_connections.csv"))[0] == 0
    )
    vcf = str(fixtures / "overlap_linkedin.vcf")
    before = (tmp_path / "infoview.json").read_bytes()
    code, out, _ = cli(tmp_path, capsys, "import-vcard", vcf, "--dry-run")
    assert code == 0
    assert (tmp_path / "infoview.json").read_bytes() == before
    summary = "4 new contacts, 0 updated, 0 already up to date, 1 skipped, 3 possible duplicates"
    assert f"Dry run, nothing saved: {summary} to review." in out
    assert (
        "Possible duplicate, line 1 (Dr. Ada Quill, PhD): likely the same person as Ada Quill"
        in out
    )
    code, out, _ = cli(tmp_path, capsys, "import-vcard", vcf)
    assert "4 new contacts, 0 updated, 0 already up to date, 1 skipped." in out
    assert len(cli(tmp_path, capsys, "duplicates", "--json")[1].splitlines()) == 3


def test_restore_merge_dry_run_names_possible_duplicates(folder, tmp_path, capsys):
    from infoview.io.backup import export_json

    laptop = Store(tmp_path / "laptop" / "infoview.json")
    laptop.save(Contact(id="ben-laptop", full_name="Ben Okafor", organization="Halden"))
    laptop.save(Contact(id="new-person", full_name="Ben Okafor Jr.", organization="Halden"))
    backup = tmp_path / "laptop.json"
    backup.write_bytes(export_json(laptop))
    code, out, _ = cli(folder, capsys, "restore", str(backup), "--merge", "--dry-run")
    assert code == 0
    assert "Possible duplicate: Ben Okafor Jr. (new-person) from the backup is likely" in out
    assert "Dry run, nothing saved." in out
