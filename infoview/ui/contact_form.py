"""The Research step's contact editor: a form whose values survive reruns and stale saves."""

from __future__ import annotations

from datetime import date

import streamlit as st
from pydantic import ValidationError

from infoview import models
from infoview.coach.research import review_reason
from infoview.models import Contact, friendly_errors
from infoview.research import (
    FORM_FIELDS,
    SECTOR_LABELS,
    contact_from_form,
    form_values,
    missing_required,
)
from infoview.store import StaleRecordError, Store, StoreError
from infoview.story import suggest_outside_field
from infoview.ui.kept import (
    forget_record,
    form_holds,
    load_record,
    loaded_record,
    release_id,
    remember_submitted,
)
from infoview.ui.long_text import warn_if_too_long
from infoview.ui.setup import flash
from infoview.ui.text import md_escape

PREFIX = "rc_"
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


def contact_form(store: Store, contact: Contact, is_new: bool, field_hint: str = "") -> None:
    """Draw the editor for one contact and save it on submit."""
    held = form_holds(FORM, contact.id)  # before loading: did the widgets hold this contact?
    load_into_form(contact, is_new)
    with st.form("contact_form", border=True):
        st.text_input("Full name *", max_chars=models.NAME_MAX, key=_key("full_name"))
        a, b = st.columns(2)
        a.text_input("Organization", max_chars=models.SHORT_MAX, key=_key("organization"))
        b.text_input("Title", max_chars=models.SHORT_MAX, key=_key("title"))
        a.date_input(
            "In this position since (month and year)",
            min_value=date(1950, 1, 1),
            max_value=date(2100, 12, 31),
            key=_key("position_since"),
            help="The day is ignored; InfoView shows tenure like “3 yrs 2 mos”.",
        )
        b.selectbox(
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
            b.caption(":material/auto_awesome: Guessed from organization and title")
        a.text_input("Field", max_chars=models.SHORT_MAX, key=_key("field"), help=field_hint)
        b.text_input("Email (optional)", max_chars=models.EMAIL_MAX, key=_key("email"))
        a.text_input("LinkedIn URL", max_chars=models.URL_MAX, key=_key("linkedin_url"))
        b.text_input("Company bio URL", max_chars=models.URL_MAX, key=_key("bio_url"))
        a.text_input("Personal website", max_chars=models.URL_MAX, key=_key("website"))
        b.date_input("Joined your network on", key=_key("joined_on"))
        a.text_area("Previous employers (one per line)", key=_key("previous_employers"))
        b.text_area("Education (one per line)", key=_key("education"))
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
        submitted = st.form_submit_button("Save contact", type="primary")
    if submitted and not held:
        # The widgets were not showing this contact's values (they were just filled from the
        # store): saving what was submitted could blank fields the user never touched.
        st.error(
            "Nothing was saved: the form was not showing this contact's saved details. "
            "It now shows what is stored; please make your change again."
        )
    elif submitted:
        _save(store, contact, is_new)


def outside_field_hint(my_fields: list[str]) -> None:
    """Suggest "Outside my field" when the contact's field shares no word with the user's."""
    theirs = str(st.session_state.get(_key("field")) or "")
    if st.session_state.get(_key("outside_field")) or not suggest_outside_field(theirs, my_fields):
        return
    st.caption(
        f":material/lightbulb: Their field, {md_escape(theirs)}, is not one you are exploring "
        f"({md_escape('; '.join(my_fields))}). Tick “Outside my field” if that is on purpose: "
        "people far from your area often see your skills with fresh eyes."
    )


def _save(store: Store, base: Contact, is_new: bool) -> None:
    submitted = remember_submitted(FORM)
    values = {name: submitted.get(_key(name)) for name in FORM_FIELDS}
    problems = missing_required(values)
    try:
        contact = contact_from_form(values, base)
    except ValidationError as exc:
        problems += friendly_errors(exc)
    if problems:
        st.error(
            "Nothing was saved. Please fix:\n\n" + "\n".join(f"- {md_escape(m)}" for m in problems)
        )
        return
    try:
        saved = store.save(contact, expected_revision=None if is_new else loaded_revision())
    except StaleRecordError as exc:
        st.session_state["rc_stale"] = str(exc)
        st.rerun()
    except StoreError as exc:
        st.error(f"Nothing was saved: {md_escape(exc)}")
        return
    flash(f"Saved {md_escape(saved.full_name)}.")
    forget_record(FORM)
    if is_new:
        release_id(NEW_ID)
        st.query_params["contact"] = saved.id
    st.rerun()


def stale_notice(store: Store, contact: Contact) -> None:
    """Tell the user their save was refused because the contact changed elsewhere."""
    refused = st.session_state.get("rc_stale")
    loaded = loaded_revision()
    if refused:
        st.warning(f"Not saved — {md_escape(refused)}")
    elif loaded is not None and loaded != contact.revision:
        st.warning(
            "This contact changed elsewhere (another tab or program) after you opened it. "
            "Load the latest version before you edit, or your save will be refused."
        )
    else:
        return
    if st.button("Load the latest version (your unsaved edits are dropped)", key="rc_reload"):
        st.session_state.pop("rc_stale", None)
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
