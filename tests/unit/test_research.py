"""Research logic: checklist, tenure, filtering, paging, form conversion, reason coaching."""

from datetime import date

import pytest
from pydantic import ValidationError

from infoview.coach.research import review_reason
from infoview.models import Contact, Source
from infoview.pipeline import Stage
from infoview.research import (
    ContactFilter,
    completeness,
    contact_from_form,
    draft_contact,
    filter_contacts,
    form_problems,
    form_values,
    page_of,
    referrer_choices,
    research_checklist,
    search_contacts,
    search_key,
    since_from_form,
    tenure_text,
)
from infoview.store import Store


@pytest.mark.parametrize(
    ("since", "today", "expected"),
    [
        (date(2023, 9, 1), date(2026, 11, 26), "3 yrs 2 mos"),
        (date(2026, 3, 1), date(2026, 11, 26), "8 mos"),
        (date(2025, 11, 1), date(2026, 11, 26), "1 yr"),
        (date(2025, 10, 1), date(2026, 11, 26), "1 yr 1 mo"),
        (date(2026, 11, 1), date(2026, 11, 26), "less than a month"),
        (None, date(2026, 11, 26), ""),
    ],
)
def test_tenure_text(since, today, expected):
    assert tenure_text(since, today) == expected


def test_checklist_and_completeness():
    empty = Contact(full_name="Ann")
    assert completeness(empty) == 0
    assert [i.done for i in research_checklist(empty)] == [False] * 8
    full = Contact(
        full_name="Ann",
        organization="NIH",
        title="Program officer",
        position_since=date(2022, 5, 17),
        previous_employers=["Broad"],
        education=["MIT"],
        linkedin_url="https://www.linkedin.com/in/ann",
        website="https://ann.example.org",
        reason="She funds the kind of work I do and moved there from a lab like mine.",
    )
    assert completeness(full) == 100
    moved = "Moved from a lab into grant funding."
    half = Contact(full_name="Ann", organization="NIH", title="PO", education=["MIT"], reason=moved)
    assert completeness(half) == 50
    # The checklist ticks the reason only when it says something about this person (#15).
    for generic in ("networking", "She seems like an interesting person to know in science."):
        assert completeness(half.model_copy(update={"reason": generic})) < 50


def _people():
    return [
        Contact(full_name="Zoë Adams", organization="Genentech", sector="industry", tags=["bio"]),
        Contact(full_name="Ana Ruiz", organization="NSF", sector="government", reason="r"),
        Contact(full_name="Omar Farouk", sector="academia", archived=True),
    ]


def test_filter_by_search_ignores_case_and_accents():
    people = _people()
    keys = {c.id: search_key(c) for c in people}
    found = filter_contacts(people, keys, {}, ContactFilter(query="ZOE genen"))
    assert [c.full_name for c in found] == ["Zoë Adams"]


def test_one_contact_search_finds_every_word_folded_by_name_and_skips_archived():
    store = Store()
    for name, org, archived in [
        ("José Núñez", "City Health", False),
        ("Ana Ruiz", "City Parks", False),
        ("Bo Chen", "City Health", False),
        ("Old Friend", "City Health", True),
    ]:
        store.save(Contact(full_name=name, organization=org, archived=archived))
    names = [c.full_name for c in search_contacts(store, "city HEALTH", 10)]
    assert names == ["Bo Chen", "José Núñez"]  # by name, the archived one left out
    assert [c.full_name for c in search_contacts(store, "jose nunez", 10)] == ["José Núñez"]
    assert len(search_contacts(store, "city", 2)) == 2
    bo = next(c for c in store.contacts() if c.full_name == "Bo Chen")
    assert [c.full_name for c in search_contacts(store, "health", 10, exclude=bo.id)] == [
        "José Núñez"
    ]
    assert search_contacts(store, "   ", 10) == []


def test_filter_by_sector_stage_tag_and_archive():
    people = _people()
    keys = {c.id: search_key(c) for c in people}
    stages = {people[1].id: Stage.RESEARCHED}

    def by(**kw):
        return [c.full_name for c in filter_contacts(people, keys, stages, ContactFilter(**kw))]

    assert by(sectors=("industry",)) == ["Zoë Adams"]
    assert by(stages=(Stage.RESEARCHED,)) == ["Ana Ruiz"]
    assert by(tags=("BIO",)) == ["Zoë Adams"]
    assert by(archived=True) == ["Omar Farouk"]
    assert by(sort="name") == ["Ana Ruiz", "Zoë Adams"]
    assert by(sort="progress") == ["Ana Ruiz", "Zoë Adams"]


def test_page_of_clamps():
    items = list(range(60))
    assert page_of(items, 1) == (list(range(25)), 3)
    assert page_of(items, 3) == (list(range(50, 60)), 3)
    assert page_of(items, 99)[0] == list(range(50, 60))
    assert page_of([], 1) == ([], 1)


def test_form_round_trip_and_lists():
    contact = Contact(full_name="Ann", previous_employers=["A", "B"], tags=["x", "y"])
    values = form_values(contact)
    values["previous_employers"] = "A\n\n  C  \n"
    values["tags"] = "policy, data; policy"
    values["linkedin_url"] = ""
    updated = contact_from_form(values, contact)
    assert updated.previous_employers == ["A", "C"]
    assert updated.tags == ["policy", "data"]
    assert updated.id == contact.id and updated.linkedin_url is None


def test_form_rejects_bad_input():
    contact = Contact(full_name="Ann")
    values = form_values(contact) | {"full_name": "", "website": "ftp://x.org"}
    with pytest.raises(ValidationError) as info:
        contact_from_form(values, contact)
    fields = {e["loc"][0] for e in info.value.errors()}
    assert fields == {"full_name", "website"}


@pytest.mark.parametrize(
    ("reason", "outside", "level"),
    [
        ("", False, "warn"),
        ("networking", False, "warn"),
        ("She seems interesting and I want to do some networking", False, "tip"),
        (
            "He built the data team at a city health department after a physics PhD; I want "
            "to ask which skills carried over.",
            False,
            "ok",
        ),
    ],
)
def test_reason_coaching(reason, outside, level):
    assert review_reason(reason, outside).level == level


def test_outside_field_is_encouraged_only_with_a_strong_reason():
    strong = "She left structural biology for museum curation and I want to hear how it went."
    assert "outside your field" in review_reason(strong, True).message
    assert "outside your field" not in review_reason("cool job", True).message


# ---------------------------------------------------------------- the contact form (#17)


def test_since_is_a_month_and_a_year_stored_as_the_first_of_the_month():
    assert since_from_form(5, 2019) == date(2019, 5, 1)
    assert since_from_form(None, None) is None
    assert since_from_form("", "") is None


@pytest.mark.parametrize(
    ("month", "year", "words"),
    [(None, 2019, "the month"), (5, None, "the year"), (5, 1800, "between 1950 and 2100")],
)
def test_a_half_filled_since_is_explained(month, year, words):
    with pytest.raises(ValueError, match=words):
        since_from_form(month, year)
    values = form_values(Contact(full_name="Ann", reason="x")) | {
        "since_month": month,
        "since_year": year,
    }
    assert any(words in problem for problem in form_problems(values))


def test_the_form_shows_and_keeps_a_stored_month():
    contact = Contact(full_name="Ann", position_since=date(2021, 3, 1))
    values = form_values(contact)
    assert (values["since_month"], values["since_year"]) == (3, 2021)
    assert contact_from_form(values, contact).position_since == date(2021, 3, 1)
    changed = contact_from_form(values | {"since_month": 11, "since_year": 2020}, contact)
    assert changed.position_since == date(2020, 11, 1)
    cleared = contact_from_form(values | {"since_month": None, "since_year": None}, contact)
    assert cleared.position_since is None


def test_choosing_a_referrer_makes_a_manual_contact_a_referral_and_back():
    friend = Contact(full_name="Kim Park")
    contact = Contact(full_name="Ann")
    referred = contact_from_form(form_values(contact) | {"referred_by": friend.id}, contact)
    assert referred.referred_by == friend.id and referred.source == Source.REFERRAL
    undone = contact_from_form(form_values(referred) | {"referred_by": None}, referred)
    assert undone.referred_by is None and undone.source == Source.MANUAL
    imported = Contact(full_name="Lee", source=Source.LINKEDIN)
    kept = contact_from_form(form_values(imported) | {"referred_by": friend.id}, imported)
    assert kept.source == Source.LINKEDIN and kept.referred_by == friend.id


def test_the_live_draft_keeps_stored_values_for_fields_that_do_not_validate_yet():
    contact = Contact(full_name="Ann", linkedin_url="https://www.linkedin.com/in/ann")
    values = form_values(contact) | {"organization": "Acme", "linkedin_url": "linkedin.com/in/"}
    values |= {"website": "ftp://x", "full_name": ""}
    draft = draft_contact(values, contact)
    assert draft.organization == "Acme"
    assert draft.linkedin_url == contact.linkedin_url and draft.full_name == "Ann"
    assert research_checklist(draft)[0].done


def test_referrer_choices_offer_everyone_else_then_only_people_met_in_a_big_network():
    people = [Contact(full_name=f"P{i:02}") for i in range(6)]
    archived = Contact(full_name="Gone", archived=True)
    me = people[0]
    stages = {people[1].id: Stage.MET, people[2].id: Stage.ASKED}
    everyone = [*people, archived]
    names = [c.full_name for c in referrer_choices(everyone, stages, me.id, None)]
    assert names == ["P01", "P02", "P03", "P04", "P05"]
    big = [c.full_name for c in referrer_choices(everyone, stages, me.id, archived.id, limit=3)]
    assert big == ["Gone", "P01"]
