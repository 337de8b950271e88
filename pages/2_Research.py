"""Step 2 · Research: who the contact is and the compelling reason to talk."""

from datetime import date

import pandas as pd
import streamlit as st

from infoview.ask_next import SHOWN as ASK_NEXT_SHOWN
from infoview.ask_next import ask_next
from infoview.conversations import user_zone
from infoview.dates import today_in
from infoview.models import Contact
from infoview.pipeline import STAGE_LABELS, Stage
from infoview.research import (
    SECTOR_LABELS,
    SORTS,
    SOURCE_LABELS,
    ContactFilter,
    completeness,
    contact_stages,
    filter_contacts,
    page_of,
    research_checklist,
    search_key,
    tenure_text,
)
from infoview.store import StaleRecordError, StoreError
from infoview.ui import flash, md_escape, page_setup, show
from infoview.ui.ask_next_ui import ask_next_list
from infoview.ui.contact_form import contact_form, reason_coaching, stale_notice
from infoview.ui.menu import CONTACT_PAGE
from infoview.ui.steps import browser_zone

store = page_setup("Research", "🔎")
contacts = store.contacts(include_archived=True)
stages = store.cached(
    ("stages",),
    lambda: contact_stages(
        contacts, store.by_contact("outreach"), store.by_contact("conversations")
    ),
)
chosen = st.query_params.get("contact")

st.title("2 · Research")
st.caption(
    "Know who they are before you write: where they work and since when, where they were "
    "before, where they studied — and, above all, why the two of you should talk."
)


def open_contact(contact_id: str | None) -> None:
    if contact_id:
        st.query_params["contact"] = contact_id
    else:
        st.query_params.pop("contact", None)


if chosen:
    contact = store.contact(chosen) if chosen != "new" else None
    is_new = chosen == "new" or contact is None
    if chosen != "new" and contact is None:
        st.warning("That contact no longer exists. You can add a new one below.")
    if is_new:
        new_id = st.session_state.setdefault("rc_new_id", Contact(full_name="x").id)
        contact = store.contact(new_id) or Contact(id=new_id, full_name="New contact")
    st.button("← All contacts", on_click=open_contact, args=(None,))
    heading = "Add a contact" if is_new else contact.full_name
    st.subheader(md_escape(heading))
    if not is_new:
        stage = stages.get(contact.id, Stage.CONNECTED)
        st.caption(
            f"Stage: **{stage.label}** · Source: {SOURCE_LABELS[contact.source.value]}"
            + (" · Archived" if contact.archived else "")
        )
    stale_notice(store, contact)
    left, right = st.columns([3, 2], gap="large")
    with left:
        contact_form(store, contact, is_new)
    with right:
        score = completeness(contact) if not is_new else 0
        st.markdown(f"**Research checklist** · {score}% known")
        st.progress(score / 100)
        for item in research_checklist(contact):
            mark = (
                ":green[:material/check_box:]"
                if item.done
                else ":material/check_box_outline_blank:"
            )
            st.markdown(f"{mark} {item.label}", help=item.hint)
        if not is_new and contact.position_since:
            show(f"In this position: {tenure_text(contact.position_since, date.today())}")
        links = [(contact.linkedin_url, "LinkedIn"), (contact.bio_url, "Company bio")]
        for url, label in [*links, (contact.website, "Personal website")]:
            if url:
                st.link_button(f"Open {label} ↗", url)
        st.markdown("**Coaching on the reason**")
        reason_coaching(contact.reason, contact.outside_field)
        if not is_new:
            st.page_link(
                CONTACT_PAGE,
                label="Their whole story: asks, plans, conversations",
                icon=":material/person:",
                query_params={"contact": contact.id},
            )
            if contact.reason:
                st.page_link(
                    "pages/3_Ask.py",
                    label="Next: craft the ask →",
                    query_params={"contact": contact.id},
                )
            archive_label = "Restore from archive" if contact.archived else "Archive"
            if st.button(archive_label, key="archive"):
                try:
                    store.save(
                        contact.model_copy(update={"archived": not contact.archived}),
                        expected_revision=contact.revision,
                    )
                except (StaleRecordError, StoreError) as exc:
                    st.error(md_escape(exc))
                else:
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
                    flash("Contact deleted.", "🗑️")
                    open_contact(None)
                    st.rerun()
    st.stop()

# ------------------------------------------------------------------ the list
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
    st.stop()

next_box = st.expander(
    "Who to ask next", icon=":material/recommend:", key="rs_next", on_change="rerun"
)
if next_box.open:  # ranked only when opened
    with next_box:
        zone = user_zone(store.profile().timezone, browser_zone())
        ask_next_list(ask_next(store, today_in(zone)), ASK_NEXT_SHOWN, "research")
keys = store.cached(("search_keys",), lambda: {c.id: search_key(c) for c in contacts})
all_tags = store.cached(("tags",), lambda: sorted({t for c in contacts for t in c.tags}))
if st.query_params.get("org"):
    # "Find someone" on the target list arrives with ?org=<organization>: search for it once.
    st.session_state["research_query"] = st.query_params.pop("org")
query = top[0].text_input(
    "Search", placeholder="Name, organization, title, field or tag", key="research_query"
)
f1, f2, f3, f4, f5 = st.columns([3, 3, 3, 3, 2], vertical_alignment="bottom")
sectors = f1.multiselect("Sector", list(SECTOR_LABELS), format_func=SECTOR_LABELS.get)
picked_stages = f2.multiselect("Stage", list(Stage), format_func=lambda s: STAGE_LABELS[s])
tags = f3.multiselect("Tag", all_tags)
sort = f4.selectbox("Sort by", list(SORTS), format_func=SORTS.get)
archived = f5.toggle("Archived", help="Show archived contacts instead")
flt = ContactFilter(query, tuple(sectors), tuple(picked_stages), tuple(tags), archived, sort)
found = store.cached(("filtered", flt), lambda: filter_contacts(contacts, keys, stages, flt))

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
st.caption(f"{len(found):,} of {len(contacts):,} contacts")
st.dataframe(
    table,
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
nav[1].caption(f"of {pages}")
picked = nav[0].selectbox(
    "Open a contact",
    [c.id for c in rows],
    index=None,
    format_func=lambda cid: next((c.full_name for c in rows if c.id == cid), cid),
    placeholder="Choose someone on this page",
)
if picked:
    open_contact(picked)
    st.rerun()
