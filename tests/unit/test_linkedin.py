"""LinkedIn Connections.csv import: every file variant, matching, the plan and one commit."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from email_validator import validate_email

import infoview.store as store_module
from infoview.io.importing import ImportProblem, apply_import, plan_import
from infoview.io.linkedin import (
    normalize_profile_url,
    parse_connection_date,
    parse_linkedin,
)
from infoview.io.text import check_email
from infoview.models import Contact, Source
from infoview.store import Store
from tests.fixtures.make_connections import connections_csv

FIXTURES = Path(__file__).parent.parent / "fixtures"
TODAY = date(2026, 3, 1)
CURRENT = (FIXTURES / "linkedin_connections.csv").read_bytes()
OLD = (FIXTURES / "linkedin_connections_old.csv").read_bytes()
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"


def names(parsed) -> list[str]:
    return [row["full_name"] for row in parsed.rows]


# ------------------------------------------------------------------ file variants
def test_current_export_with_notes_preamble() -> None:
    parsed = parse_linkedin(CURRENT)
    assert names(parsed) == ["Ada Quill", "Bo Rowe", "Zoë Ueda", "Kai Sato"]
    assert parsed.rows[0] == {
        "full_name": "Ada Quill",
        "organization": "Northwind Labs",
        "title": "Data Scientist",
        "linkedin_url": "https://www.linkedin.com/in/ada-quill",
        "email": "ada.quill@example.org",
        "joined_on": date(2024, 5, 30),
    }
    # Quoted comma and doubled quotes.
    assert parsed.rows[1]["organization"] == "Cedar & Pine, Inc."
    assert parsed.rows[1]["title"] == 'Lead "Platform" Engineer'
    assert parsed.lines == [5, 6, 7, 9]
    assert [(s.line, s.reason) for s in parsed.skipped] == [(8, "no name")]
    assert parsed.total == 5
    assert parsed.warnings == []


def test_older_six_columns_header_at_top() -> None:
    parsed = parse_linkedin(OLD)
    assert names(parsed) == ["Femi Vale", "Hana Wren"]
    assert "linkedin_url" not in parsed.rows[0]
    assert parsed.rows[0]["email"] == "femi@example.net"
    assert [r["joined_on"] for r in parsed.rows] == [date(2026, 2, 6), date(2018, 8, 1)]


def test_bom_and_crlf_read_the_same_as_plain() -> None:
    crlf = CURRENT.replace(b"\n", b"\r\n")
    assert parse_linkedin(b"\xef\xbb\xbf" + crlf).rows == parse_linkedin(CURRENT).rows
    assert parse_linkedin(CURRENT.replace(b"\n", b"\r")).rows == parse_linkedin(CURRENT).rows


def test_windows_1252_is_read_with_a_warning() -> None:
    data = CURRENT.decode("utf-8").encode("cp1252")
    parsed = parse_linkedin(data)
    assert names(parsed)[2] == "Zoë Ueda"
    assert parsed.rows[2]["organization"] == "Café Orbit"
    assert len(parsed.warnings) == 1
    assert "read as Windows-1252" in parsed.warnings[0]
    assert parse_linkedin(CURRENT).warnings == []


@pytest.mark.parametrize("delimiter", [";", "\t"])
def test_semicolon_and_tab_separated(delimiter: str) -> None:
    text = (
        f"{HEADER.replace(',', delimiter)}\n"
        + delimiter.join(["Ada", "Quill", "", "", "Northwind, Labs", "Analyst", "30 May 2024"])
        + "\n"
    )
    parsed = parse_linkedin(text.encode())
    assert parsed.rows == [
        {
            "full_name": "Ada Quill",
            "organization": "Northwind, Labs",
            "title": "Analyst",
            "joined_on": date(2024, 5, 30),
        }
    ]


def test_excel_unicode_text_utf16_tab_separated() -> None:
    text = f"{HEADER.replace(',', chr(9))}\r\nZoë\tUeda\t\t\tCafé\tChef\t1/8/18, 6:14 PM\r\n"
    parsed = parse_linkedin(text.encode("utf-16"))
    assert parsed.rows[0]["full_name"] == "Zoë Ueda"
    assert parsed.rows[0]["joined_on"] == date(2018, 1, 8)


def test_quoted_line_break_keeps_line_numbers() -> None:
    text = f'{HEADER}\nAda,Quill,,,"Two\nLines",X,30 May 2024\n,,,,,,1 Jan 2020\n'
    parsed = parse_linkedin(text.encode())
    assert parsed.rows[0]["organization"] == "Two\nLines"
    assert [(s.line, s.reason) for s in parsed.skipped] == [(4, "no name")]


@pytest.mark.parametrize(
    ("text", "day_first", "expected"),
    [
        ("30 May 2024", False, date(2024, 5, 30)),
        ("6-Feb-26", False, date(2026, 2, 6)),
        ("06 Sept 2021", False, date(2021, 9, 6)),
        ("1/8/18, 6:14 PM", False, date(2018, 1, 8)),
        ("1/8/18, 6:14 PM", True, date(2018, 8, 1)),
        ("12/31/2019", False, date(2019, 12, 31)),
        ("2024-05-30", False, date(2024, 5, 30)),
        ("May 30, 2024", False, date(2024, 5, 30)),
        ("31 Feb 2024", False, None),
        ("13/13/20", False, None),
        ("yesterday", False, None),
    ],
)
def test_connection_dates(text: str, day_first: bool, expected: date | None) -> None:
    assert parse_connection_date(text, day_first) == expected


def test_numeric_dates_are_month_first_unless_the_file_shows_otherwise() -> None:
    month_first = f"{HEADER}\nAda,Quill,,,,,1/8/18\nBo,Rowe,,,,,3/4/19\n"
    assert [r["joined_on"] for r in parse_linkedin(month_first.encode()).rows] == [
        date(2018, 1, 8),
        date(2019, 3, 4),
    ]
    day_first = month_first + "Kai,Sato,,,,,25/12/20\n"
    assert [r["joined_on"] for r in parse_linkedin(day_first.encode()).rows] == [
        date(2018, 8, 1),
        date(2019, 4, 3),
        date(2020, 12, 25),
    ]


def test_unreadable_values_are_left_out_with_warnings() -> None:
    long_title = "Speaker | " * 30
    text = (
        f"{HEADER}\n"
        f"Ada,Quill,not a url,not-an-email,Acme,{long_title},someday\n"
        f"{'N' * 70},{'M' * 70},,,,,1 Jan 2020\n"
    )
    parsed = parse_linkedin(text.encode())
    row = parsed.rows[0]
    assert "linkedin_url" not in {k for k, v in row.items() if v}
    assert row["email"] is None
    assert row["joined_on"] is None
    assert len(row["title"]) == 200
    assert row["title"].endswith("…")
    assert parsed.warnings == [
        "Shortened to 200 characters: 1 company or position text.",
        "Left out because they cannot be read: 1 profile address.",
        "Left out because they are not valid: 1 email address.",
        "Unreadable, so those people join today: 1 connection date.",
    ]
    assert [(s.line, s.reason) for s in parsed.skipped] == [(3, "name longer than 120 characters")]


# ------------------------------------------------------------------- bad files
@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file is empty."),
        (b"  \r\n\n ", "The file is empty."),
        (b"PK\x03\x04\x14\x00\x06\x00rest-of-a-workbook", "Excel workbook (.xlsx)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        (b"Given Name,Family Name,E-mail 1 - Value\nAda,Quill,a@example.org\n", "doesn't look"),
        (b"Notes:\nhello\n\n" + HEADER.encode() + b"\n\n\n", "no connections under it"),
        ((HEADER + "\n,,,,,,1 Jan 2020\n,,,,,,2 Jan 2020\n").encode(), "None of the file's 2 rows"),
    ],
)
def test_bad_files_raise_a_clear_problem(data: bytes, message: str) -> None:
    with pytest.raises(ImportProblem, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_linkedin(data)


# ----------------------------------------------------------------- matching
@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.linkedin.com/in/ada-quill", "https://linkedin.com/in/ada-quill"),
        ("http://LinkedIn.com/in/ada-quill/", "https://linkedin.com/in/ada-quill"),
        ("www.linkedin.com/in/ada-quill?trk=abc#top", "https://linkedin.com/in/ada-quill"),
        ("https://www.linkedin.com/in/Ada-Quill", "https://linkedin.com/in/Ada-Quill"),
        ("", ""),
    ],
)
def test_normalize_profile_url(url: str, expected: str) -> None:
    assert normalize_profile_url(url) == expected


def test_new_contacts_come_from_linkedin_with_their_connection_date() -> None:
    parsed = parse_linkedin(CURRENT + b"Juno,Xu,,,,,\n")
    plan = plan_import(parsed, [], TODAY)
    assert [c.full_name for c in plan.new] == [
        "Ada Quill",
        "Bo Rowe",
        "Zoë Ueda",
        "Kai Sato",
        "Juno Xu",
    ]
    assert {c.source for c in plan.new} == {Source.LINKEDIN}
    assert [c.joined_on for c in plan.new] == [
        date(2024, 5, 30),
        date(2026, 2, 6),
        date(2019, 8, 15),
        date(2015, 1, 1),
        TODAY,
    ]
    assert plan.updated == []
    assert [(s.line, s.reason) for s in plan.skipped] == [(8, "no name")]


def test_match_on_profile_url_fills_empty_fields_and_refreshes_the_job() -> None:
    mine = Contact(
        full_name="Ada Q.",
        organization="Old Co",
        title="Analyst",
        linkedin_url="http://linkedin.com/in/ada-quill/?utm=1",
        notes="Met at the data meetup",
        reason="She moved from physics to data",
        joined_on=date(2020, 1, 1),
    )
    plan = plan_import(parse_linkedin(CURRENT), [mine], TODAY)
    assert len(plan.new) == 3
    (ada,) = plan.updated
    assert ada.id == mine.id
    assert ada.full_name == "Ada Q."
    assert ada.organization == "Northwind Labs"
    assert ada.title == "Data Scientist"
    assert ada.previous_employers == ["Old Co"]
    assert ada.email == "ada.quill@example.org"
    assert ada.notes == "Met at the data meetup"
    assert ada.reason == "She moved from physics to data"
    assert ada.joined_on == date(2020, 1, 1)
    assert ada.source == Source.MANUAL
    assert ada.linkedin_url == "http://linkedin.com/in/ada-quill/?utm=1"
    assert plan.changed_fields[mine.id] == ("email", "organization", "title", "previous_employers")


def test_match_on_name_and_company_ignores_case_and_accents() -> None:
    mine = Contact(full_name="zoe  UEDA", organization="cafe orbit", email="zoe@example.com")
    plan = plan_import(parse_linkedin(CURRENT), [mine], TODAY)
    (zoe,) = plan.updated
    assert zoe.id == mine.id
    assert zoe.linkedin_url == "https://www.linkedin.com/in/zoe-ueda"
    assert zoe.email == "zoe@example.com"
    assert "Zoë Ueda" not in [c.full_name for c in plan.new]


def test_same_name_and_company_with_another_profile_is_another_person() -> None:
    other = Contact(
        full_name="Zoë Ueda",
        organization="Café Orbit",
        linkedin_url="https://www.linkedin.com/in/zoe-ueda-2",
    )
    plan = plan_import(parse_linkedin(CURRENT), [other], TODAY)
    assert plan.updated == []
    assert "Zoë Ueda" in [c.full_name for c in plan.new]


def test_a_person_twice_in_one_file_is_added_once() -> None:
    text = (
        f"{HEADER}\nAda,Quill,https://www.linkedin.com/in/ada-quill,,,,1 Jan 2020\n"
        "Ada,Quill,https://linkedin.com/in/ada-quill/,,,,1 Jan 2020\n"
    )
    plan = plan_import(parse_linkedin(text.encode()), [], TODAY)
    assert [c.full_name for c in plan.new] == ["Ada Quill"]
    assert [(s.line, s.reason) for s in plan.skipped] == [(3, "same person as line 2")]


def test_progress_is_reported_up_to_the_total() -> None:
    parsed = parse_linkedin(connections_csv(2_500).encode())
    calls: list[tuple[int, int]] = []
    plan_import(parsed, [], TODAY, on_progress=lambda done, total: calls.append((done, total)))
    assert calls == [(0, 2500), (1000, 2500), (2000, 2500), (2500, 2500)]


# ------------------------------------------------------------------- applying
def test_apply_backs_up_then_writes_once_and_twice_adds_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store.in_dir(tmp_path)
    store.save(Contact(full_name="Kai Sato", notes="Neighbour"))
    writes: list[Path] = []
    real_write = store_module.atomic_write

    def counting_write(path: Path, payload: bytes) -> None:
        writes.append(path)
        real_write(path, payload)

    monkeypatch.setattr(store_module, "atomic_write", counting_write)
    plan = plan_import(parse_linkedin(CURRENT), store.contacts(include_archived=True), TODAY)
    result = apply_import(store, plan)
    assert (result.added, result.updated, result.unchanged, result.skipped) == (3, 1, 0, 1)
    assert writes.count(store.path) == 1
    assert result.backup is not None and result.backup.parent == tmp_path / "backups"
    assert result.backup.name.startswith("before-import-")
    assert store.count("contacts") == 4
    assert Store.in_dir(tmp_path).count("contacts") == 4

    again = plan_import(parse_linkedin(CURRENT), store.contacts(include_archived=True), TODAY)
    assert (len(again.new), len(again.updated), again.unchanged) == (0, 0, 4)
    writes.clear()
    second = apply_import(store, again)
    assert (second.added, second.updated, second.backup) == (0, 0, None)
    assert writes == []


def test_apply_plans_again_when_someone_added_the_person_meanwhile(tmp_path: Path) -> None:
    store = Store.in_dir(tmp_path)
    plan = plan_import(parse_linkedin(CURRENT), store.contacts(include_archived=True), TODAY)
    Store.in_dir(tmp_path).save(
        Contact(full_name="Ada Quill", linkedin_url="https://linkedin.com/in/ada-quill")
    )
    result = apply_import(store, plan)
    assert (result.added, result.updated) == (3, 1)
    assert sorted(c.full_name for c in store.contacts()) == [
        "Ada Quill",
        "Bo Rowe",
        "Kai Sato",
        "Zoë Ueda",
    ]


# ------------------------------------------------------------------- emails
@pytest.mark.parametrize(
    "email",
    [
        "Jane.Doe@Example.COM",
        "a+tag@sub.example.org",
        "o'neil@example.co.uk",
        "x@example.test",
        "x@localhost",
        "a..b@example.com",
        "ü@exämple.com",
        "a@b.c",
        "a@-bad.com",
    ],
)
def test_fast_email_check_agrees_with_email_validator(email: str) -> None:
    try:
        expected = validate_email(email, check_deliverability=False).normalized
    except ValueError:
        expected = None
    assert check_email(email) == expected
