"""The Research step's two views: one contact's detail (form, checklist, actions) and the list."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

import pandas as pd
import streamlit as st

from infoview.models import Contact
from infoview.next_steps import stages_of
from infoview.pipeline import STAGE_LABELS, Stage
from infoview.research import (
    SECTOR_LABELS,
    SORTS,
    SOURCE_LABELS,
    ContactFilter,
    completeness,
    filter_contacts,
    page_of,
    research_checklist,
    search_keys,
    tenure_text,
)
from infoview.store import StaleRecordError, Store, StoreError
from infoview.ui.contact_form import FORM, NEW_ID, contact_form, reason_coaching, stale_notice
from infoview.ui.kept import forget_record, kept_widget, reserved_id
from infoview.ui.pages import CONTACT
from infoview.ui.setup import flash
from infoview.ui.steps import step_link
from infoview.ui.text import Markdown, md, md_escape, plain_frame, show
from infoview.wording import counted, number

_LIST = "rs_list"  # the list's search and filters, kept while a contact is open
_PICK = "rs_pick"
# Narrowings a link can ask for (?org=..., ?referred_by=...): a next step or reminder.
LINK_FILTERS = ("org", "referred_by")


def open_contact(contact_id: str | None) -> None:
    """Show one contact's detail (or the list, for None)."""
    if contact_id:
        st.query_params["contact"] = contact_id
    else:
        st.query_params.pop("contact", None)


def _open_picked() -> None:
    # A callback: the picker is cleared before the next run draws the list, so coming back
    # to the list never reopens the contact it last opened.
    picked = st.session_state.get(_PICK)
    st.session_state[_PICK] = None
    open_contact(picked)


# ---------------------------------------------------------------- one contact


def detail(store: Store, chosen: str) -> None:
    """Show one contact's form, checklist, coaching and actions (or a new contact's form)."""
    contact = store.contact(chosen) if chosen != "new" else None
    is_new = chosen == "new" or contact is None
    if chosen != "new" and contact is None:
        st.warning("That contact no longer exists. You can add a new one below.")
    if is_new:
        new_id = reserved_id(NEW_ID)
        contact = store.contact(new_id) or Contact(id=new_id, full_name="New contact")
    st.button("← All contacts", on_click=open_contact, args=(None,))
    st.header("Add a contact" if is_new else md_escape(contact.full_name))
    # The same elements in the same places before and after a save: Streamlit mounts an
    # element afresh when what comes before it changes, and the keyboard focus is lost.
    if is_new:
        st.caption("Not saved yet: a name and the compelling reason are enough to start.")
    else:
        stage = stages_of(store).get(contact.id, Stage.CONNECTED)
        st.caption(
            md(
                "Stage: **{}** · Source: {}{}",
                stage.label,
                SOURCE_LABELS[contact.source.value],
                " · Archived" if contact.archived else "",
            )
        )
    with st.container():
        stale_notice(store, contact)
    left, right = st.columns([3, 2], gap="large")
    with left:
        shown = contact_form(store, contact, is_new)
    with right:
        _checklist(shown)
        if not is_new:
            _actions(store, contact)


def _checklist(contact: Contact) -> None:
    """Show the research checklist and the coaching for the contact as the form shows it."""
    score = completeness(contact)
    st.markdown(md("**Research checklist** · {}% known", score))
    st.progress(score / 100)
    for item in research_checklist(contact):
        mark = Markdown(
            ":green[:material/check_box:]" if item.done else ":material/check_box_outline_blank:"
        )
        st.markdown(md("{} {}", mark, item.label), help=item.hint)
    if contact.position_since:
        show(f"In this position: {tenure_text(contact.position_since, date.today())}")
    links = [(contact.linkedin_url, "LinkedIn"), (contact.bio_url, "Company bio")]
    for url, label in [*links, (contact.website, "Personal website")]:
        if url:
            st.link_button(md("Open {} ↗", label), url)
    st.markdown("**Coaching on the reason**")
    reason_coaching(contact.reason, contact.outside_field)


def _actions(store: Store, contact: Contact) -> None:
    step_link(CONTACT, contact.id, "Their whole story: asks, plans, conversations", CONTACT.icon)
    archive_label = "Restore from archive" if contact.archived else "Archive"
    if st.button(archive_label, key="archive", type="primary" if contact.archived else "secondary"):
        try:
            store.save(
                contact.model_copy(update={"archived": not contact.archived}),
                expected_revision=contact.revision,
            )
        except (StaleRecordError, StoreError) as exc:
            st.error(md_escape(exc))
        else:
            forget_record(FORM)  # this tab made the change: the form reloads, no stale warning
            flash("Archived." if not contact.archived else "Restored.")
            st.rerun()
    with st.expander("Delete this contact for good"):
        st.write(
            "This removes the contact with every ask, plan and conversation linked to "
            "them. It cannot be undone from here (your daily backup keeps a copy)."
        )
        sure = st.checkbox("Yes, delete this contact and their records", key="del_ok")
        if st.button("Delete for good", disabled=not sure, key="delete"):
            store.delete_contact(contact.id)
            flash("Contact deleted.", icon="🗑️")
            open_contact(None)
            st.rerun()


# ---------------------------------------------------------------- the list


def _link_filters(store: Store) -> tuple[str, str, str, str]:
    """Return what a link narrowed the list to: organization, referrer id, caption, whom.

    ``whom`` (the organization, or the referrer's name) goes into the caption; a referrer
    that is no longer stored narrows nothing, and neither does an empty link.
    """
    org = str(st.query_params.get("org") or "")
    referrer = store.contact(st.query_params.get("referred_by"))
    if referrer is not None:
        return "", referrer.id, "People {} suggested", referrer.full_name
    if org:
        return org, "", "People at {}", org
    return "", "", "", ""


def _clear_link_filters() -> None:
    for name in LINK_FILTERS:
        st.query_params.pop(name, None)


def _labelled_filter(
    widget: Callable[..., Any], label: str, key: str, default: Any, labels: Mapping[Any, str]
) -> Any:
    """Draw a choice of the list's, kept across pages: the options are ``labels``' keys."""
    return kept_widget(
        widget, label, key, default, bucket=_LIST, options=list(labels), format_func=labels.get
    )


def contact_list(store: Store) -> None:
    """Show the searchable, filterable, paged list of contacts."""
    contacts = store.contacts(include_archived=True)
    stages = stages_of(store)
    top = st.columns([3, 1])
    top[1].button(
        "Add a contact",
        type="primary",
        icon=":material/person_add:",
        on_click=open_contact,
        args=("new",),
        width="stretch",
    )
    if not contacts:
        st.info(
            "No contacts yet. Add someone whose path intrigues you — a person in a role you are "
            "curious about, an alum of your school, or someone a colleague mentioned."
        )
        return
    org, referred_by, narrowed, whom = _link_filters(store)
    if narrowed:
        with st.container(border=True, horizontal=True, vertical_alignment="center"):
            st.markdown(md(narrowed, md("**{}**", whom)), width="stretch")
            st.button("Show everyone", on_click=_clear_link_filters, icon=":material/close:")

    keys = search_keys(store, include_archived=True)
    all_tags = store.cached(("tags",), lambda: sorted({t for c in contacts for t in c.tags}))
    query = kept_widget(
        top[0].text_input,
        "Search",
        "rs_query",
        "",
        bucket=_LIST,
        placeholder="Name, organization, title, field or tag",
    )
    f1, f2, f3, f4, f5 = st.columns([3, 3, 3, 3, 2], vertical_alignment="bottom")
    sectors = _labelled_filter(f1.multiselect, "Sector", "rs_sectors", [], SECTOR_LABELS)
    picked_stages = _labelled_filter(f2.multiselect, "Stage", "rs_stages", [], STAGE_LABELS)
    tags = kept_widget(
        f3.multiselect,
        "Tag",
        "rs_tags",
        [],
        lambda chosen: set(chosen) <= set(all_tags),
        bucket=_LIST,
        options=all_tags,
    )
    sort = _labelled_filter(f4.selectbox, "Sort by", "rs_sort", "progress", SORTS)
    archived = kept_widget(
        f5.toggle, "Archived", "rs_archived", False, bucket=_LIST, help="Show archived contacts"
    )
    flt = ContactFilter(
        query,
        tuple(sectors),
        tuple(picked_stages),
        tuple(tags),
        archived,
        sort,
        organization=org,
        referred_by=referred_by,
    )
    found = store.cached(("filtered", flt), lambda: filter_contacts(contacts, keys, stages, flt))
    n_archived = store.cached(("archived_count",), lambda: sum(c.archived for c in contacts))
    if archived:
        count_line = f"{number(len(found))} of {counted(n_archived, 'archived contact')}"
    else:
        # Counted as Home counts them (docs/figures.md): archived people apart.
        count_line = f"{number(len(found))} of {counted(len(contacts) - n_archived, 'contact')}"
        if n_archived:
            count_line += f" · {number(n_archived)} archived (switch on Archived to see them)"
    _table(found, count_line, stages)


def _table(found: list[Contact], count_line: str, stages: dict[str, Stage]) -> None:
    rows, pages = page_of(found, st.session_state.get("research_page", 1))
    if st.session_state.get("research_page", 1) > pages:
        st.session_state["research_page"] = pages
    today = date.today()
    table = pd.DataFrame(
        {
            "Name": [c.full_name for c in rows],
            "Organization": [c.organization for c in rows],
            "Title": [c.title for c in rows],
            "Sector": [SECTOR_LABELS[c.sector.value] for c in rows],
            "Stage": [stages.get(c.id, Stage.CONNECTED).label for c in rows],
            "Research": [completeness(c) for c in rows],
            "In role": [tenure_text(c.position_since, today) for c in rows],
        }
    )
    st.caption(count_line)
    st.dataframe(
        plain_frame(table),
        hide_index=True,
        width="stretch",
        height=35 * (len(rows) + 1) + 3,  # the whole page of rows, no inner scrolling
        column_config={
            "Name": st.column_config.TextColumn("Name", width=150),
            "Organization": st.column_config.TextColumn("Organization", width=185),
            "Title": st.column_config.TextColumn("Title", width=185),
            "Sector": st.column_config.TextColumn("Sector", width=95),
            "Stage": st.column_config.TextColumn("Stage", width=110),
            "Research": st.column_config.ProgressColumn(
                "Research", format="%d%%", max_value=100, width=85
            ),
            "In role": st.column_config.TextColumn("In role", width=85),
        },
    )
    nav = st.columns([2, 1, 3])
    nav[1].number_input("Page", 1, pages, key="research_page")
    nav[1].caption(md("of {}", number(pages)))
    names = {c.id: c.full_name for c in rows}
    nav[0].selectbox(
        "Open a contact",
        list(names),
        index=None,
        key=_PICK,
        format_func=lambda cid: names.get(cid, cid),
        placeholder="Choose someone on this page",
        on_change=_open_picked,
    )
