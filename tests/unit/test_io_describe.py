"""What the Your data page says about files, imports, restores and deletion."""

from datetime import UTC, datetime
from pathlib import Path

from infoview.io.backup import Conflict, TableChange
from infoview.io.describe import (
    PREVIEW_ROWS,
    conflicts_frame,
    deletion_summary,
    demo_upload_problem,
    file_key,
    import_kind,
    import_summary,
    reason_label,
    restore_summary,
    size_text,
    skipped_frame,
)
from infoview.io.importing import ImportResult, SkippedRow

CONNECTIONS = (Path(__file__).parents[1] / "fixtures" / "linkedin_connections.csv").read_bytes()


def test_size_text_reads_like_people_say_it():
    assert [size_text(n) for n in (1, 812, 14_200, 2_000_000)] == [
        "1 byte",
        "812 bytes",
        "14 kB",
        "2.0 MB",
    ]


def test_import_kind_goes_by_name_then_first_line():
    assert import_kind("Phone.VCF", b"") == "vcard"
    assert import_kind("export.txt", b"\xef\xbb\xbf\r\nbegin:vcard\r\n") == "vcard"
    assert import_kind("Connections.csv", CONNECTIONS) == "linkedin"
    assert import_kind("notes.txt", b"BEGIN:VCALENDAR") == "linkedin"


def test_file_key_changes_with_content_not_only_name_and_size():
    assert file_key("a.csv", b"abc") == file_key("a.csv", b"abc")
    assert file_key("a.csv", b"abc") != file_key("a.csv", b"abd")
    assert file_key("a.csv", b"abc") != file_key("b.csv", b"abc")


def test_demo_limits_name_the_size_or_the_rows():
    assert demo_upload_problem(2_000_000, 5_000) is None
    assert "2.0 MB" in demo_upload_problem(2_000_001)
    assert "5,001 rows" in demo_upload_problem(10, 5_001)


def test_deletion_summary_names_each_nonempty_table():
    counts = {"contacts": 2, "outreach": 1, "plans": 0, "conversations": 3, "dismissals": 0}
    counts |= {"templates": 0, "profile": 1}
    assert deletion_summary(counts) == [
        "2 contacts",
        "1 ask",
        "3 conversations",
        "your story and settings",
    ]
    assert deletion_summary(dict.fromkeys(counts, 0)) == []


def test_reason_label_names_known_reasons_and_spells_out_unknown_ones():
    assert reason_label("before-import") == "Before an import"
    assert reason_label("before-something-new") == "Before something new"


def test_import_summary_names_only_what_happened_and_the_backup():
    plain = ImportResult(added=1, updated=2, unchanged=3, skipped=0, backup=None)
    assert import_summary(plain) == "Imported: 1 new contact, 2 updated, 3 already up to date."
    busy = ImportResult(
        added=1_200, updated=0, unchanged=0, skipped=4, backup=Path("b.json"), merged=2
    )
    sentence = import_summary(busy)
    assert "1,200 new contacts" in sentence and "4 skipped" in sentence
    assert "2 merged into people you had" in sentence and "kept apart" not in sentence
    assert sentence.endswith("in the backups folder.")


def test_restore_summary_adds_up_every_table():
    changes = {"contacts": TableChange(added=2, updated=1), "outreach": TableChange(removed=3)}
    assert restore_summary(changes) == "Restored: 2 records added, 1 updated, 3 removed."
    assert restore_summary(changes, merged=1).endswith(", 1 contact merged into people you had.")


def test_skipped_frame_names_lines_or_cards_and_stops_at_the_preview_size():
    rows = [SkippedRow(line=n, reason="no name") for n in range(PREVIEW_ROWS + 5)]
    assert skipped_frame(rows, "linkedin").columns[0] == "Line"
    frame = skipped_frame(rows, "vcard")
    assert frame.columns[0] == "Card" and len(frame) == PREVIEW_ROWS


def test_conflicts_frame_says_which_version_is_kept_in_the_users_zone():
    when = datetime(2026, 3, 1, 12, 0, 5, tzinfo=UTC)
    conflict = Conflict("contacts", "c1", "Ada Quill", when, when, "backup")
    frame = conflicts_frame([conflict], "UTC")
    assert frame["What"].tolist() == ["Contacts"]
    assert frame["Kept"].tolist() == ["the backup's"]
    assert "12:00:05" in frame["Changed here"].iloc[0]
