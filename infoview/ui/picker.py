"""Choose the contact a step works on: from ?contact=<id>, or a search that stays quick at 30k."""

from __future__ import annotations

import streamlit as st

from infoview.models import Contact
from infoview.research import search_contacts
from infoview.store import Store
from infoview.ui import pages

MAX_OPTIONS = 50


def _candidates(store: Store, query: str) -> list[Contact]:
    contacts = store.contacts()
    if not query.strip():
        # Researched contacts first, most recently touched first.
        return store.cached(
            ("picker_default",),
            lambda: sorted(
                contacts, key=lambda c: (not c.reason.strip(), -c.updated_at.timestamp())
            )[:MAX_OPTIONS],
        )
    return search_contacts(store, query, MAX_OPTIONS)


def pick_contact(store: Store, key: str = "picker") -> Contact | None:
    """Return the chosen contact, keeping ?contact=<id> in the URL in step with the choice."""
    current = store.contact(st.query_params.get("contact"))
    with st.container(border=True):
        left, right = st.columns([1, 2])
        query = left.text_input(
            "Find a contact", key=f"{key}_q", placeholder="Name, organization, field…"
        )
        options = _candidates(store, query)
        if current is not None and current.id not in {c.id for c in options}:
            options = [current, *options]
        names = {
            c.id: c.full_name + (f" — {c.organization}" if c.organization else "") for c in options
        }
        ids = list(names)
        choice = right.selectbox(
            "Contact",
            ids,
            index=ids.index(current.id) if current is not None else None,
            format_func=names.get,
            placeholder="Choose a contact",
            key=f"{key}_{current.id if current else 'none'}",
        )
    if choice and (current is None or choice != current.id):
        st.query_params["contact"] = choice
        st.rerun()
    return current


def require_contact(store: Store, key: str, nobody: str, choose: str) -> Contact | None:
    """Return the chosen contact, or explain what to do: research someone first, or pick one.

    With no contacts at all the page stops after pointing to Research. With contacts but no
    choice it shows ``choose`` (or says the asked-for contact is gone) and returns None, so
    the page can add suggestions before it stops.
    """
    if not store.contacts():
        st.info(nobody)
        st.page_link(
            pages.RESEARCH.path, label=pages.RESEARCH.link_label(), icon=pages.RESEARCH.icon
        )
        st.stop()
    contact = pick_contact(store, key=key)
    if contact is None:
        if st.query_params.get("contact"):
            st.warning("That contact no longer exists. Choose someone else above.")
        else:
            st.info(choose)
    return contact
