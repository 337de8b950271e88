"""The Research step's contact editor: a form whose values survive reruns and stale saves."""

from __future__ import annotations

import calendar
from typing import Any

import streamlit as st
from pydantic import ValidationError

from infoview import models
from infoview.coach.research import review_reason
from infoview.models import Contact, friendly_errors
from infoview.next_steps import stages_of
from infoview.research import (
    FORM_FIELDS,
    SECTOR_LABELS,
    SINCE_RANGE,
    contact_from_form,
    draft_contact,
    form_problems,
    form_values,
    referrer_choices,
)
from infoview.store import StaleRecordError, Store, StoreError
from infoview.story import suggest_outside_field
from infoview.ui.date_box import TYPED_DATE_HELP
from infoview.ui.kept import (
    forget_record,
    form_holds,
    keep_typing_in_form,
    load_record,
    loaded_record,
    release_id,
    remember_submitted,
    report_problem,
    show_problem,
)
from infoview.ui.long_text import warn_if_too_long
from infoview.ui.outcome import not_saved
from infoview.ui.pages import ASK
from infoview.ui.setup import flash
from infoview.ui.steps import step_link
from infoview.ui.text import md

PREFIX = "rc_"
PAGE = "rc"  # the key prefix of a refused save's message (ui/kept.py)
FORM = "rc_form"  # which contact the widgets hold, and their values (see ui/kept.py)
NEW_ID = "rc_new_id"  # the id reserved for the contact being added


def _key(name: str) -> str:
    return PREFIX + name


def load_into_form(contact: Contact, is_new: bool = False, force: bool = False) -> None:
    """Fill the form's widgets from a contact once, keeping what the user submits after that."""
    values = form_values(contact)
    if is_new:
        values["full_name"] = ""  # a new contact starts with an empty name, not a placeholder
    keyed = {_key(name): value for name, value in values.items()}
    load_record(FORM, contact.id, contact.revision, keyed, force=force)


def loaded_revision() -> int | None:
    """Return the revision the form was filled from."""
    loaded = loaded_record(FORM)
    return loaded[1] if loaded else None


def contact_form(store: Store, contact: Contact, is_new: bool, field_hint: str = "") -> Contact:
    """Draw the editor for one contact, save it on "Save contact", return what it shows.

    No st.form: each field reports when it changes (Enter, Tab, leaving it), so the checklist
    and the coaching beside the form follow the typing. Fields sit in rows, so Tab moves
    through them in reading order.
    """
    held = form_holds(FORM, contact.id)  # before loading: did the widgets hold this contact?
    load_into_form(contact, is_new)
    with st.container(border=True):
        st.text_input("Full name *", max_chars=models.NAME_MAX, key=_key("full_name"))
        a, b = st.columns(2)
        a.text_input("Organization", max_chars=models.SHORT_MAX, key=_key("organization"))
        b.text_input("Title", max_chars=models.SHORT_MAX, key=_key("title"))
        _since_and_sector(contact)
        a, b = st.columns(2)
        a.text_input("Field", max_chars=models.SHORT_MAX, key=_key("field"), help=field_hint)
        b.text_input("Email (optional)", max_chars=models.EMAIL_MAX, key=_key("email"))
        a, b = st.columns(2)
        a.text_input("LinkedIn URL", max_chars=models.URL_MAX, key=_key("linkedin_url"))
        b.text_input("Company bio URL", max_chars=models.URL_MAX, key=_key("bio_url"))
        a, b = st.columns(2)
        a.text_input("Personal website", max_chars=models.URL_MAX, key=_key("website"))
        b.date_input("Joined your network on", key=_key("joined_on"), help=TYPED_DATE_HELP)
        a, b = st.columns(2)
        a.text_area("Previous employers (one per line)", key=_key("previous_employers"))
        b.text_area("Education (one per line)", key=_key("education"))
        _referred_by(store, contact)
        st.text_area(
            "The compelling reason to talk *",
            max_chars=models.REASON_MAX,
            key=_key("reason"),
            help="Why the two of you should know each other: be specific.",
        )
        st.text_area("Common ground", max_chars=models.REASON_MAX, key=_key("common_ground"))
        st.checkbox("Outside my field", key=_key("outside_field"))
        outside_field_hint(store.profile().fields)
        st.text_input("Tags (comma separated)", key=_key("tags"))
        notes = st.text_area("Notes", key=_key("notes"), height=120)
        warn_if_too_long(notes, models.NOTES_MAX)
        row = st.container(horizontal=True, vertical_alignment="center")
        submitted = row.button("Save contact", type="primary", key="rc_save")
        if not is_new and contact.reason.strip() and not contact.archived:
            # Beside Save, so the next step is one Tab away from the button just pressed.
            with row:
                step_link(ASK, contact.id, "Next: craft the ask →")
    keep_typing_in_form(FORM)  # a page switch now keeps unsaved typing, as the widgets showed it
    if submitted and not held:
        # The widgets were not showing this contact's values (they were just filled from the
        # store): saving what was submitted could blank fields the user never touched.
        st.error(
            "Nothing was saved: the form was not showing this contact's saved details. "
            "It now shows what is stored; please make your change again."
        )
    elif submitted:
        _save(store, contact, is_new)
    return draft_contact(_shown_values(), contact)


MONTHS = {n: calendar.month_name[n] for n in range(1, 13)}


def _since_and_sector(contact: Contact) -> None:
    month, year, sector = st.columns([4, 3, 5])
    month.selectbox(
        "In this position since",
        list(MONTHS),
        index=None,
        format_func=MONTHS.get,
        placeholder="Month",
        key=_key("since_month"),
        help="The month and year they started in this position: InfoView shows how long "
        "they have been there, like “3 yrs 2 mos”.",
    )
    low, high = SINCE_RANGE
    year.number_input(
        "Year",
        min_value=low,
        max_value=high,
        step=1,
        format="%d",
        placeholder="Year",
        key=_key("since_year"),
    )
    sector.selectbox(
        "Sector",
        list(SECTOR_LABELS),
        format_func=SECTOR_LABELS.get,
        key=_key("sector"),
        help="Guessed from the organization and title when the contact was imported: "
        "pick the right one if the guess is wrong."
        if contact.sector_inferred
        else None,
    )
    if contact.sector_inferred:
        sector.caption(":material/auto_awesome: Guessed from organization and title")


def _referred_by(store: Store, contact: Contact) -> None:
    current = st.session_state.get(_key("referred_by"))
    people = store.cached(
        ("referrer_choices", contact.id, current),
        lambda: referrer_choices(
            store.contacts(include_archived=True), stages_of(store), contact.id, current
        ),
    )
    names = {c.id: c.full_name for c in people}
    if current not in names:
        st.session_state[_key("referred_by")] = None  # that person was deleted
    st.selectbox(
        "Referred by",
        list(names),
        index=None,
        format_func=lambda cid: names.get(cid, cid),
        placeholder="Nobody: I found them myself",
        key=_key("referred_by"),
        help="Who pointed you to this person. A referred contact gets the referral ask, "
        "which opens with that person's name.",
    )


def _shown_values() -> dict[str, Any]:
    """Return the form's values as the widgets hold them now, by field name."""
    return {name: st.session_state.get(_key(name)) for name in FORM_FIELDS}


def outside_field_hint(my_fields: list[str]) -> None:
    """Suggest "Outside my field" when the contact's field shares no word with the user's."""
    theirs = str(st.session_state.get(_key("field")) or "")
    if st.session_state.get(_key("outside_field")) or not suggest_outside_field(theirs, my_fields):
        return
    st.caption(
        md(
            ":material/lightbulb: Their field, {}, is not one you are exploring "
            "({}). Tick “Outside my field” if that is on purpose: "
            "people far from your area often see your skills with fresh eyes.",
            theirs,
            "; ".join(my_fields),
        )
    )


def _save(store: Store, base: Contact, is_new: bool) -> None:
    submitted = remember_submitted(FORM)
    values = {name: submitted.get(_key(name)) for name in FORM_FIELDS}
    problems = form_problems(values)
    try:
        contact = contact_from_form(values, base)
    except ValidationError as exc:
        problems += friendly_errors(exc)
    if not_saved(problems):
        return
    try:
        saved = store.save(contact, expected_revision=None if is_new else loaded_revision())
    except StaleRecordError as exc:
        report_problem(PAGE, "warning", f"Not saved — {exc}", where="stale")
        st.rerun()
    except StoreError as exc:
        st.error(md("Nothing was saved: {}", exc))
        return
    flash("Saved {}.", saved.full_name)
    forget_record(FORM)
    if is_new:
        release_id(NEW_ID)
        st.query_params["contact"] = saved.id
    st.rerun()


def stale_notice(store: Store, contact: Contact) -> None:
    """Tell the user their save was refused, or will be, because the contact changed elsewhere.

    The refusal is said once, on the run after it; later runs say the form is out of date.
    """
    loaded = loaded_revision()
    if show_problem(PAGE, "stale"):
        pass
    elif loaded is not None and loaded != contact.revision:
        st.warning(
            "This contact changed elsewhere (another tab or program) after you opened it. "
            "Load the latest version before you edit, or your save will be refused."
        )
    else:
        return
    if st.button("Load the latest version (your unsaved edits are dropped)", key="rc_reload"):
        fresh = store.contact(contact.id)
        if fresh is not None:
            load_into_form(fresh, force=True)
        st.rerun()


def reason_coaching(contact_reason: str, outside_field: bool) -> None:
    """Show the coach's feedback on the compelling reason."""
    feedback = review_reason(contact_reason, outside_field)
    box = {"ok": st.success, "tip": st.info, "warn": st.warning}[feedback.level]
    text = feedback.message
    if feedback.example:
        text += f"\n\n*For example:* {feedback.example}"
    icons = {
        "ok": ":material/check_circle:",
        "tip": ":material/lightbulb:",
        "warn": ":material/edit:",
    }
    box(text, icon=icons[feedback.level])
