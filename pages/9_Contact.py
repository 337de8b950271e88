"""A contact's page (reached by ?contact=<id> from every list): their whole story in one place."""

import streamlit as st

from infoview.dates import today_in
from infoview.keep_in_touch import touches_of, warmth_of_all
from infoview.next_steps import contact_next_step, stages_of
from infoview.pipeline import Stage
from infoview.timeline import referrals_by_referrer, timeline
from infoview.ui import page_setup, pages
from infoview.ui.contact_ui import (
    asks_section,
    conversations_section,
    header,
    plans_section,
    referrals_section,
    research_summary,
    timeline_section,
)
from infoview.ui.duplicates_ui import same_person_note
from infoview.ui.picker import pick_contact
from infoview.ui.touch_ui import keep_in_touch_section
from infoview.ui.zones import zone_here

store = page_setup(pages.CONTACT)

if not store.contacts(include_archived=True):
    st.title("A contact's page")
    st.info("Nobody is in your network yet. Add your first contact in Research.")
    st.page_link(pages.RESEARCH.path, label=pages.RESEARCH.link_label(), icon=pages.RESEARCH.icon)
    st.stop()

contact = store.contact(st.query_params.get("contact"))
if contact is None:
    st.title("A contact's page")
    if st.query_params.get("contact"):
        st.warning("That contact no longer exists. Choose someone else.")
    pick_contact(store, key="ct_picker")
    st.stop()

today = today_in(zone_here(store.profile().timezone))
asks = store.asks(contact.id)
plans = store.plans(contact.id)
convs = store.conversations(contact.id)
given = referrals_by_referrer(store).get(contact.id, [])
referrer = store.contact(contact.referred_by)
stage = stages_of(store).get(contact.id, Stage.CONNECTED)

header(contact, stage.label, contact_next_step(stage, asks, plans, convs, contact), today)
same_person_note(store, contact)

left, right = st.columns([3, 2], gap="large")
with left:
    research_summary(contact, referrer)
    conversations_section(contact, convs)
    keep_in_touch_section(store, contact, warmth_of_all(store, today).get(contact.id), today)
with right:
    asks_section(contact, asks)
    plans_section(contact, plans)
    referrals_section(given)
    events = timeline(contact, asks, convs, referrer, given, touches_of(store, contact.id))
    timeline_section(events)
