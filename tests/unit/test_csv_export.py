"""CSV export that a spreadsheet opens safely: no cell runs as a formula."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from infoview.io.csv_export import contacts_to_csv, neutralize
from infoview.models import Contact, Sector, Source


def rows_of(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ('=HYPERLINK("http://x.example")', '\'=HYPERLINK("http://x.example")'),
        ("+1 555 0100", "'+1 555 0100"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tindented", "'\tindented"),
        ("\rcarriage", "'\rcarriage"),
        ("Ada = a mentor", "Ada = a mentor"),
        ("", ""),
    ],
)
def test_neutralize(cell: str, expected: str) -> None:
    assert neutralize(cell) == expected


def test_contacts_csv_neutralizes_formulas_in_any_column() -> None:
    ada = Contact(
        id="ada",
        full_name="=cmd|' /C calc'!A0",
        organization="@Northwind",
        title="-Director",
        notes="+notes",
        tags=["=x", "mentor"],
        joined_on=date(2024, 5, 30),
        source=Source.LINKEDIN,
    )
    bo = Contact(full_name="Bo Rowe", referred_by="ada", email="bo@example.org")
    text = contacts_to_csv([ada, bo])
    assert text.startswith("\ufeffName,Organization,Title,Email,")
    first, second = rows_of(text)
    assert first["Name"] == "'=cmd|' /C calc'!A0"
    assert first["Organization"] == "'@Northwind"
    assert first["Title"] == "'-Director"
    assert first["Notes"] == "'+notes"
    assert first["Tags"] == "'=x; mentor"
    assert (first["Joined on"], first["Source"], first["Archived"]) == (
        "2024-05-30",
        "LinkedIn",
        "no",
    )
    assert second["Referred by"] == "'=cmd|' /C calc'!A0"
    assert (second["Name"], second["Email"]) == ("Bo Rowe", "bo@example.org")


def test_no_cell_starts_with_a_formula_character() -> None:
    people = [Contact(full_name=f"{ch}Person", notes=f"{ch}note") for ch in "=+-@"]
    for row in rows_of(contacts_to_csv(people)):
        assert not any(value.startswith(("=", "+", "-", "@")) for value in row.values())


def test_without_bom() -> None:
    assert contacts_to_csv([], bom=False).startswith("Name,")


def test_sector_and_source_are_written_in_the_words_the_screen_uses() -> None:
    people = [
        Contact(full_name="Ana", sector=Sector.GOVERNMENT, source=Source.MANUAL),
        Contact(full_name="Bo", sector=Sector.OTHER, source=Source.REFERRAL),
        Contact(full_name="Cy", sector=Sector.NONPROFIT, source=Source.LINKEDIN),
    ]
    rows = list(csv.DictReader(io.StringIO(contacts_to_csv(people, bom=False))))
    assert [(r["Sector"], r["Source"]) for r in rows] == [
        ("Government", "Added by hand"),
        ("Other", "Referred"),
        ("Nonprofit", "LinkedIn"),
    ]
