"""Finding duplicates: name folding, blocking keys, and each confidence level."""

from __future__ import annotations

from datetime import date

import pytest

from infoview.duplicates import (
    Confidence,
    blocking_keys,
    duplicates_of,
    find_duplicates,
    fold_name,
    fold_org,
    name_tokens,
    normal_url,
)
from infoview.models import Contact


def person(name: str, org: str = "", **fields) -> Contact:
    return Contact(full_name=name, organization=org, **fields)


def verdict(a: Contact, b: Contact, apart=()) -> Confidence | None:
    found = find_duplicates([a, b], apart)
    return found[0].confidence if found else None


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("Dr. Ana García", "ana garcia"),
        ("Ana Garcia, PhD", "ana garcia"),
        ("Ana M. Garcia (she/her)", "ana garcia"),
        ("Garcia, Ana", "ana garcia"),
        ("Prof. Kofi Mbah Jr.", "kofi mbah"),
        ("ZOË  SILVA", "zoe silva"),
        ("J. Smith", "j smith"),
        ("Cher", "cher"),
        ("Mary-Jane O'Neil MBA", "mary-jane o'neil"),
    ],
)
def test_names_fold_accents_titles_suffixes_pronouns_and_middle_initials(raw, folded):
    assert fold_name(raw) == folded


def test_a_name_of_titles_only_keeps_its_words():
    assert name_tokens("Dr.") == ()
    assert blocking_keys("") == set()


def test_blocking_keys_put_reversed_and_misspelt_names_in_one_block():
    assert blocking_keys("Ana Garcia") & blocking_keys("Garcia, Ana")
    assert blocking_keys("Ana Garcia") & blocking_keys("Ana Garsia")
    assert not blocking_keys("Ana Garcia") & blocking_keys("Ben Okafor")


def test_organizations_fold_company_suffixes():
    assert fold_org("The Lumen Bio, Inc.") == fold_org("lumen bio") == "lumen bio"


def test_profile_addresses_compare_without_scheme_www_query_or_slash():
    assert normal_url("https://www.linkedin.com/in/ana-g/?trk=x") == normal_url(
        "http://de.linkedin.com/in/Ana-G"
    )


# ----------------------------------------------------------------------- certain
def test_same_linkedin_profile_is_certain_whatever_the_names():
    a = person("Ana Garcia", "Lumen", linkedin_url="https://www.linkedin.com/in/ana-g")
    b = person("A. G.", "Other", linkedin_url="https://linkedin.com/in/ana-g/")
    assert verdict(a, b) == Confidence.CERTAIN


def test_same_email_in_any_case_is_certain():
    a = person("Ana Garcia", email="ana@lumen.example")
    b = person("Ana G", email="ANA@lumen.example")
    found = find_duplicates([a, b])
    assert found[0].confidence == Confidence.CERTAIN
    assert found[0].reason == "same email address"


def test_different_profiles_or_emails_are_not_certain():
    a = person("Ana Garcia", "X", email="ana@a.example")
    b = person("Ben Okafor", "Y", email="ben@a.example")
    assert verdict(a, b) is None


# ------------------------------------------------------------------------ likely
@pytest.mark.parametrize(
    ("one", "two"),
    [
        (("Dr. Ana García", "Lumen Bio"), ("Ana Garcia", "Lumen Bio Inc.")),
        (("Ana M. Garcia", "Google"), ("Ana Garcia (she/her)", "Google Research")),
        (("Ana Garcia", ""), ("Ana Garcia", "Lumen Bio")),
        (("Garcia, Ana", "Lumen Bio"), ("Ana Garcia, PhD", "lumen bio")),
    ],
)
def test_same_name_and_same_or_related_organization_is_likely(one, two):
    assert verdict(person(*one), person(*two)) == Confidence.LIKELY


def test_a_move_to_a_previous_employer_counts_as_related():
    a = person("Ana Garcia", "Lumen Bio")
    b = person("Ana Garcia", "Halden University", previous_employers=["Lumen Bio"])
    assert verdict(a, b) == Confidence.LIKELY


# ---------------------------------------------------------------------- possible
def test_namesakes_at_different_organizations_are_possible_at_most():
    a = person("Ana Garcia", "Lumen Bio")
    b = person("Ana Garcia", "Halden University")
    found = find_duplicates([a, b])
    assert found[0].confidence == Confidence.POSSIBLE
    assert found[0].reason == "same name at different organizations"


def test_a_near_spelling_is_possible():
    found = find_duplicates([person("Ana Garcia", "Lumen"), person("Ana Garsia", "Lumen")])
    assert found[0].confidence == Confidence.POSSIBLE
    assert "similar names" in found[0].reason


@pytest.mark.parametrize(
    ("one", "two"),
    [
        ("Ana Garcia", "Ben Okafor"),
        ("Ana Garcia", "Ana Lopez"),
        ("Ana Garcia", "Eva Garcia"),
        ("Kim Lee", "Kim Li Wong"),
    ],
)
def test_different_names_are_not_suggested(one, two):
    assert verdict(person(one, "Lumen"), person(two, "Lumen")) is None


def test_pairs_kept_apart_are_never_suggested_again():
    a, b = person("Ana Garcia", "Lumen"), person("Ana Garcia", "Lumen")
    assert verdict(a, b, apart=[(b.id, a.id)]) is None


def test_a_very_common_name_pairs_only_namesakes_at_one_organization():
    many = [person("Wei Zhang", f"Org {i}") for i in range(20)]
    twin = person("Wei Zhang", "Org 3")
    found = find_duplicates([*many, twin])
    assert [(c.confidence, {c.a, c.b}) for c in found] == [
        (Confidence.LIKELY, {many[3].id, twin.id})
    ]


def test_each_pair_is_listed_once_with_its_surest_reason_and_older_record_first():
    a = person("Ana Garcia", "Lumen", email="ana@x.example", joined_on=date(2020, 1, 1))
    b = person("Ana Garcia", "Lumen", email="ana@x.example")
    found = find_duplicates([b, a])
    assert len(found) == 1
    assert found[0].confidence == Confidence.CERTAIN
    assert found[0].a == a.id  # created first


def test_duplicates_of_one_contact_lists_only_its_pairs():
    a, b = person("Ana Garcia", "Lumen"), person("Ana Garcia", "Lumen")
    c, d = person("Ben Okafor", "X"), person("Ben Okafor", "X")
    assert {(x.a, x.b) for x in duplicates_of(a, [a, b, c, d])} == {(a.id, b.id)}


def test_a_middle_name_one_record_leaves_out_is_possible():
    found = find_duplicates([person("Ana Maria Garcia", "Lumen"), person("Ana Garcia", "Lumen")])
    assert [(c.confidence, c.reason) for c in found] == [
        (Confidence.POSSIBLE, "same first and last name; same organization")
    ]
    assert verdict(person("Ana Maria Garcia"), person("Ana Lucia Garcia")) is not None
    assert verdict(person("Ana Maria Garcia"), person("Ana Maria Lopez")) is None
