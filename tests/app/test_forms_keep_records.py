"""No navigation path blanks a form: every save after leaving and coming back keeps each field.

Streamlit forgets a widget's value when its page is left. Each test opens a record's form,
leaves by one path, comes back by another, changes one field, saves, and compares every
stored field with the record before the save.
"""

from __future__ import annotations

from datetime import date

import pytest

from infoview.models import Contact
from infoview.store import Store
from infoview.ui import pages

RESEARCH = pages.RESEARCH.path
SKIP = {"updated_at", "revision"}


def _full_contact(name: str, org: str) -> Contact:
    return Contact(
        full_name=name,
        organization=org,
        title="Program officer",
        position_since=date(2021, 3, 1),
        sector="government",
        field="Science policy",
        linkedin_url="https://www.linkedin.com/in/" + name.split()[0].lower(),
        bio_url="https://example.org/bio",
        website="https://example.org",
        previous_employers=["Lab one", "Lab two"],
        education=["PhD, Chemistry"],
        reason="You moved from bench chemistry into grant policy, the move I am weighing.",
        common_ground="Same graduate school",
        tags=["policy", "alumni"],
        notes="Met at the 2024 symposium.",
        joined_on=date(2023, 5, 2),
    )


def _form(at) -> dict:
    return {w.key: w.value for w in at.main if str(getattr(w, "key", "")).startswith("rc_")}


def _save_email(at, email: str) -> None:
    next(w for w in at.main if getattr(w, "key", None) == "rc_email").set_value(email)
    next(b for b in at.button if b.label == "Save contact").click().run()
    assert not at.exception, at.exception


def _open_by(at, how: str, contact_id: str, left_page: bool = False) -> None:
    """Come back to a contact's form by one of the ways a user can."""
    if how == "link":  # a page link or switch_page carrying ?contact=
        at.query_params["contact"] = contact_id
        at.switch_page(RESEARCH)
        at.run()
    elif how == "menu":  # the menu opens the list; the user picks the contact there
        at.query_params.clear()
        at.switch_page(RESEARCH)
        at.run()
        at.selectbox[-1].select(contact_id).run()
    elif how == "url":  # the address typed or reloaded on the same page
        at.switch_page(RESEARCH)
        at.query_params["contact"] = contact_id
        at.run()
    elif how == "back":  # the browser's back button: the previous address comes back
        if left_page:
            at.switch_page(RESEARCH)
        at.query_params["contact"] = contact_id
        at.run()
    assert not at.exception, at.exception


def _leave(at, where: str, other_id: str) -> None:
    if where == "home":
        at.query_params.clear()
        at.switch_page("app.py")
    elif where == "other":  # another contact's form first
        at.query_params["contact"] = other_id
    elif where == "list":
        next(b for b in at.button if "All contacts" in b.label).click()
    at.run()
    assert not at.exception, at.exception


@pytest.mark.parametrize("how", ["link", "menu", "url", "back"])
@pytest.mark.parametrize("where", ["home", "other", "list"])
def test_a_reopened_contact_form_shows_and_saves_every_field(app, store, data_dir, where, how):
    first = store.save(_full_contact("Priya Raman", "Research Council"))
    second = store.save(_full_contact("Tomás Ibarra", "City Water"))
    at = app(RESEARCH, contact=first.id)
    _leave(at, where, second.id)
    if where == "other":
        assert _form(at)["rc_organization"] == "City Water"
    _open_by(at, how, first.id, left_page=where == "home")
    shown = _form(at)
    assert shown["rc_organization"] == "Research Council"
    assert (shown["rc_since_month"], shown["rc_since_year"]) == (3, 2021)
    assert shown["rc_joined_on"] == date(2023, 5, 2)
    _save_email(at, "priya@example.org")
    saved = Store.in_dir(data_dir).contact(first.id)
    assert saved.email == "priya@example.org"
    before = first.model_dump(exclude=SKIP | {"email"})
    assert saved.model_dump(exclude=SKIP | {"email"}) == before
    untouched = Store.in_dir(data_dir).contact(second.id)
    assert untouched.model_dump() == second.model_dump()


def test_two_contacts_one_after_the_other_each_keep_their_fields(app, store, data_dir):
    first = store.save(_full_contact("Priya Raman", "Research Council"))
    second = store.save(_full_contact("Tomás Ibarra", "City Water"))
    at = app(RESEARCH, contact=first.id)
    _save_email(at, "priya@example.org")
    _open_by(at, "link", second.id)
    assert _form(at)["rc_full_name"] == "Tomás Ibarra"
    _save_email(at, "tomas@example.org")
    fresh = Store.in_dir(data_dir)
    for before, email in ((first, "priya@example.org"), (second, "tomas@example.org")):
        saved = fresh.contact(before.id)
        assert saved.email == email
        assert saved.model_dump(exclude=SKIP | {"email"}) == before.model_dump(
            exclude=SKIP | {"email"}
        )


def test_a_form_that_lost_its_values_refuses_to_save_and_reloads(app, store, data_dir):
    contact = store.save(_full_contact("Priya Raman", "Research Council"))
    at = app(RESEARCH, contact=contact.id)
    # The form's kept copy says it holds another record: saving must not write these widgets.
    at.session_state["rc_form"] = {**at.session_state["rc_form"], "id": "someone-else"}
    _save_email(at, "priya@example.org")
    assert Store.in_dir(data_dir).contact(contact.id).model_dump() == contact.model_dump()
    assert any("Nothing was saved" in e.value for e in at.error)
    assert _form(at)["rc_organization"] == "Research Council"


def test_a_required_reason_left_empty_is_refused(app, store, data_dir):
    contact = store.save(Contact(full_name="Ida Wells", organization="Press"))
    at = app(RESEARCH, contact=contact.id)
    _save_email(at, "ida@example.org")
    assert any("compelling reason" in e.value for e in at.error)
    assert Store.in_dir(data_dir).contact(contact.id).email is None


def test_a_new_contact_starts_with_an_empty_name(app):
    at = app(RESEARCH, contact="new")
    assert _form(at)["rc_full_name"] == ""
