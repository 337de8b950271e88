"""Sectors inferred from organization and title, roles grouped from titles, after an import."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from infoview import analytics, charts
from infoview.io.importing import plan_import
from infoview.io.linkedin import parse_linkedin
from infoview.models import Contact, Sector
from infoview.research import contact_from_form, form_values
from infoview.sectors import NO_TITLE, OTHER_ROLES, infer_sector, role_group

HEADER = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]


def connections_csv(rows: list[dict[str, str]]) -> str:
    """Return a LinkedIn Connections.csv holding these rows."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=HEADER)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


@pytest.mark.parametrize(
    ("organization", "title", "sector"),
    [
        ("University of Toronto", "Research Associate", Sector.ACADEMIA),
        ("Department of Chemistry, Stanford University", "Postdoc", Sector.ACADEMIA),
        ("Crestmoor College", "", Sector.ACADEMIA),
        ("", "Professor of History", Sector.ACADEMIA),
        ("Ministry of Health", "Policy Analyst", Sector.GOVERNMENT),
        ("Environmental Protection Agency", "Scientist", Sector.GOVERNMENT),
        ("City of Boston", "Analyst", Sector.GOVERNMENT),
        ("Massachusetts General Hospital", "Nurse", Sector.HEALTH),
        ("University Hospital Zurich", "Physician", Sector.HEALTH),
        ("Acme Inc.", "Account Manager", Sector.INDUSTRY),
        ("Bright Digital Agency LLC", "Designer", Sector.INDUSTRY),  # an agency that sells
        ("Cedar & Pine, Inc.", "Lead Engineer", Sector.INDUSTRY),
        ("Gates Foundation", "Program Officer", Sector.NONPROFIT),
        ("Audubon Society", "", Sector.NONPROFIT),
        ("Café Orbit", "Barista", None),  # the words do not make it clear: no guess
        ("Freelance", "", None),
        ("", "", None),
    ],
)
def test_sector_is_inferred_only_where_the_words_make_it_clear(organization, title, sector):
    assert infer_sector(organization, title) == sector


def test_words_match_whole_words_only():
    assert infer_sector("Incubator Studio", "") is None  # "inc" inside a word is not Inc.
    assert infer_sector("Colleague Network", "") is None  # nor "college"
    assert infer_sector("Agencia Creativa", "") is None


@pytest.mark.parametrize(
    ("title", "group"),
    [
        ("Software Engineer", "Engineering"),
        ("Director of Engineering", "Leadership"),
        ("Assistant Professor", "Teaching"),
        ("Postdoctoral Fellow", "Research"),
        ("Senior Data Scientist", "Research"),
        ("Data Analyst", "Data and analysis"),
        ("Policy Analyst", "Policy and law"),
        ("Registered Nurse", "Health care"),
        ("Product Manager", "Management"),
        ("PhD Student", "Students and trainees"),
        ("Barista", OTHER_ROLES),
        ("", NO_TITLE),
    ],
)
def test_titles_group_into_roles(title, group):
    assert role_group(title) == group


def test_a_linkedin_import_shows_sectors_organizations_and_roles():
    # Before: every imported contact sat in "Other" (100%) and "0% have a field".
    orgs = ["Halden University", "Ministry of Finance", "Northwind Inc.", "Mercy Hospital"]
    titles = ["Professor", "Policy Advisor", "Software Engineer", "Nurse"]
    rows = [
        {"First Name": f"P{i}", "Last Name": "Q", "URL": f"https://www.linkedin.com/in/p{i}",
         "Company": orgs[i % 4], "Position": titles[i % 4], "Connected On": "01 Mar 2024"}
        for i in range(40)
    ]  # fmt: skip
    plan = plan_import(parse_linkedin(connections_csv(rows).encode()), [], date(2026, 3, 1))
    assert {c.sector for c in plan.new} == {
        Sector.ACADEMIA, Sector.GOVERNMENT, Sector.INDUSTRY, Sector.HEALTH,
    }  # fmt: skip
    assert all(c.sector_inferred for c in plan.new)
    frame = analytics.mix(plan.new)
    sectors = frame[frame["dimension"] == "Sector"]
    assert sectors["share"].max() == 0.25 and sectors["inferred"].sum() == 40
    orgs_seen = frame[frame["dimension"] == "Organization"]
    assert set(orgs_seen["category"]) == set(orgs)
    roles = frame[frame["dimension"] == "Role"].set_index("category")["contacts"]
    assert roles.to_dict() == {
        "Teaching": 10, "Policy and law": 10, "Engineering": 10, "Health care": 10,
    }  # fmt: skip
    summary = charts.mix_summary(frame)
    assert "40 of 40 sectors guessed from organization and title" in summary.caption
    assert "Other holds" not in summary.caption
    assert "Most common role" in summary.numbers()
    # Not "0% have a field": nobody has one yet, so the figure says what the titles cover.
    assert "Contacts with a field" not in summary.numbers()
    assert summary.numbers()["Contacts with a job title"] == 1.0
    assert dict((f.label, f.value) for f in summary.figures)["Contacts with a job title"] == "100%"


def test_an_unclear_row_keeps_the_default_sector_and_is_not_marked():
    rows = [{"First Name": "Kai", "Last Name": "Sato", "Company": "Café Orbit",
             "Position": "Barista", "Connected On": "01 Mar 2024"}]  # fmt: skip
    (kai,) = plan_import(parse_linkedin(connections_csv(rows).encode()), [], date(2026, 3, 1)).new
    assert (kai.sector, kai.sector_inferred) == (Sector.OTHER, False)


def test_the_form_keeps_a_guess_marked_until_the_sector_is_changed():
    guessed = Contact(
        full_name="Ana Ruiz", organization="Ministry of Finance", sector=Sector.GOVERNMENT,
        sector_inferred=True,
    )  # fmt: skip
    values = form_values(guessed)
    assert contact_from_form(values, guessed).sector_inferred is True  # saved as it was
    values["sector"] = Sector.NONPROFIT.value
    changed = contact_from_form(values, guessed)
    assert (changed.sector, changed.sector_inferred) == (Sector.NONPROFIT, False)
    typed = Contact(full_name="Bo", sector=Sector.GOVERNMENT)
    assert contact_from_form(form_values(typed), typed).sector_inferred is False
