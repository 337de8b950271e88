"""vCard import (2.1, 3.0, 4.0) and export, matching by email then name and organization."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from infoview.io.importing import ImportProblem, apply_import, plan_import
from infoview.io.vcard import contacts_to_vcard, parse_vcards
from infoview.models import Contact, Source
from infoview.store import Store

FIXTURES = Path(__file__).parent.parent / "fixtures"
TODAY = date(2026, 3, 1)


def read(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def test_vcard_21_quoted_printable_and_a_card_without_name() -> None:
    parsed = parse_vcards(read("contacts_v21.vcf"))
    assert parsed.rows == [
        {
            "full_name": "Jürgen Müller",
            "organization": "Acme Labs",
            "title": "Chemist",
            "email": "jm@example.org",
            "notes": "Met at the spring fair",
        }
    ]
    assert [(s.line, s.reason) for s in parsed.skipped] == [(2, "no name")]


def test_vcard_30_escapes_and_an_invalid_email() -> None:
    parsed = parse_vcards(read("contacts_v30.vcf"))
    assert parsed.rows == [
        {
            "full_name": "Ivo Tamm",
            "organization": "Blue Heron Co",
            "title": "Curator",
            "email": "Ivo.Tamm@example.com",
            "website": "https://ivo.example.net",
            "notes": "Knows the museum world, loves maps",
        },
        {"full_name": "Lale Abara", "organization": "Orbit Analytics"},
    ]
    assert parsed.warnings == ["Left out because they are not valid: 1 email address."]


def test_vcard_40_linkedin_url_and_line_breaks() -> None:
    (row,) = parse_vcards(read("contacts_v40.vcf")).rows
    assert row["linkedin_url"] == "https://www.linkedin.com/in/juno-xu"
    assert "website" not in row
    assert row["notes"] == "First line\nSecond line"


def test_name_from_n_when_fn_is_missing() -> None:
    data = b"BEGIN:VCARD\nVERSION:3.0\nN:Rowe;Bo;;Dr.;\nEND:VCARD\n"
    assert parse_vcards(data).rows == [{"full_name": "Dr. Bo Rowe"}]


def test_export_then_import_round_trips() -> None:
    people = [
        Contact(
            full_name="Zoë O'Neil, PhD",
            organization="Café; Co, Ltd",
            title="Lead",
            email="zoe@example.com",
            linkedin_url="https://www.linkedin.com/in/zoe",
            website="https://zoe.example.com",
            notes="Line one\nLine two, with; punctuation \\ and more",
        ),
        Contact(full_name="Kai"),
    ]
    text = contacts_to_vcard(people)
    assert text.count("BEGIN:VCARD") == 2
    assert "VERSION:3.0" in text
    assert "N:O'Neil;Zoë;;;" in text
    rows = parse_vcards(text.encode()).rows
    assert rows == [
        {
            "full_name": "Zoë O'Neil, PhD",
            "organization": "Café; Co, Ltd",
            "title": "Lead",
            "email": "zoe@example.com",
            "linkedin_url": "https://www.linkedin.com/in/zoe",
            "website": "https://zoe.example.com",
            "notes": "Line one\nLine two, with; punctuation \\ and more",
        },
        {"full_name": "Kai"},
    ]
    assert plan_import(parse_vcards(text.encode()), people, TODAY).unchanged == 2


def test_match_by_email_then_name_and_organization_fills_only_empty_fields() -> None:
    by_email = Contact(full_name="Ivo T.", email="ivo.tamm@EXAMPLE.com", title="Keeper")
    by_name = Contact(full_name="lale abara", organization="ORBIT analytics", notes="Runner")
    plan = plan_import(parse_vcards(read("contacts_v30.vcf")), [by_email, by_name], TODAY)
    assert plan.new == []
    (ivo,) = plan.updated
    assert (ivo.id, ivo.full_name, ivo.title) == (by_email.id, "Ivo T.", "Keeper")
    assert ivo.organization == "Blue Heron Co"
    assert ivo.website == "https://ivo.example.net"
    assert ivo.notes == "Knows the museum world, loves maps"
    # Lale's card brings nothing her contact lacks: matched, and left as it is.
    assert plan.unchanged == 1
    assert plan.changed_fields == {by_email.id: ("website", "notes", "organization")}


def test_import_adds_vcard_contacts_joining_today(tmp_path: Path) -> None:
    store = Store.in_dir(tmp_path)
    plan = plan_import(parse_vcards(read("contacts_v40.vcf")), [], TODAY)
    result = apply_import(store, plan)
    assert result.added == 1
    (juno,) = store.contacts()
    assert (juno.full_name, juno.source, juno.joined_on) == ("Juno Xu", Source.VCARD, TODAY)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file is empty."),
        (b"\x00\x01\x02BEGIN:VCARD\x00", "binary file"),
        (b"Name,Email\nAda,ada@example.org\n", "no BEGIN:VCARD"),
        (b"BEGIN:VCARD\nVERSION:3.0\nFN:Ada\n", "damaged"),
        (b"BEGIN:VCARD\nVERSION:3.0\nTEL:1\nEND:VCARD\n", "None of the file's 1 card has a name"),
        (b"BEGIN:VCALENDAR\nBEGIN:VCARD\nEND:VCALENDAR\n", "damaged"),
    ],
)
def test_bad_vcard_files(data: bytes, message: str) -> None:
    with pytest.raises(ImportProblem, match=message):
        parse_vcards(data)


def test_a_company_bio_link_goes_to_bio_url_not_website() -> None:
    card = (
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\n"
        b"URL:https://www.acme.org/people/ada-lovelace\r\n"
        b"URL:https://ada.example.dev\r\nEND:VCARD\r\n"
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bo Li\r\n"
        b"URL;TYPE=WORK:https://acme.org/about/bo\r\nEND:VCARD\r\n"
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cy Oda\r\n"
        b"item1.URL:https://cy.example.org\r\nitem1.X-ABLabel:_$!<HomePage>!$_\r\n"
        b"item2.URL:https://museum.example.org/about/cy\r\nitem2.X-ABLabel:work\r\nEND:VCARD\r\n"
    )
    ada, bo, cy = parse_vcards(card).rows
    assert ada["bio_url"] == "https://www.acme.org/people/ada-lovelace"
    assert ada["website"] == "https://ada.example.dev"
    assert bo == {"full_name": "Bo Li", "bio_url": "https://acme.org/about/bo"}
    assert cy["website"] == "https://cy.example.org"
    assert cy["bio_url"] == "https://museum.example.org/about/cy"


def test_links_survive_an_export_and_import_in_their_own_fields() -> None:
    ada = Contact(
        full_name="Ada Lovelace",
        linkedin_url="https://www.linkedin.com/in/ada",
        website="https://ada.example.dev",
        bio_url="https://acme.org/about/ada",
    )
    bo = Contact(full_name="Bo Li", bio_url="https://acme.org/about/bo")
    rows = parse_vcards(contacts_to_vcard([ada, bo]).encode()).rows
    assert rows[0] | {"full_name": ""} == {
        "full_name": "",
        "linkedin_url": "https://www.linkedin.com/in/ada",
        "website": "https://ada.example.dev",
        "bio_url": "https://acme.org/about/ada",
    }
    assert rows[1] == {"full_name": "Bo Li", "bio_url": "https://acme.org/about/bo"}


def test_a_bio_link_fills_a_known_contacts_empty_bio_field() -> None:
    known = Contact(full_name="Bo Li", email="bo@acme.org", website="https://bo.example.dev")
    card = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bo Li\r\nEMAIL:bo@acme.org\r\n"
    card += b"URL;TYPE=WORK:https://acme.org/about/bo\r\nEND:VCARD\r\n"
    (bo,) = plan_import(parse_vcards(card), [known], TODAY).updated
    assert (bo.website, bo.bio_url) == ("https://bo.example.dev", "https://acme.org/about/bo")
