"""Step 5 · Conversations: schedule the call, log it, thank them, and keep in touch."""

from datetime import UTC, datetime

import streamlit as st

from infoview.dates import today_in
from infoview.ui import page_setup, pages
from infoview.ui.conversation_tabs import (
    contact_header,
    conversation_tabs,
    waiting_calls,
    what_comes_next,
)
from infoview.ui.conversation_ui import PAGE, choose_conversation
from infoview.ui.kept import show_problem
from infoview.ui.picker import require_contact
from infoview.ui.zones import zone_here

store = page_setup(pages.CONVERSATIONS)

st.title("5 · Conversations")
st.caption(
    "Put the call in your calendar, write down what you learned while it is fresh, add the "
    "people they suggested, thank them within a day, and report back a few weeks later."
)


profile = store.profile()
zone = zone_here(profile.timezone)
today = today_in(zone)
now = datetime.now(UTC)

contact = require_contact(
    store,
    "cv_picker",
    nobody="There is nobody to talk to yet. Start by researching a contact.",
    choose="Choose the person you are talking with, or pick one of these:",
)
if contact is None:
    waiting_calls(store, today, zone)
    st.stop()

contact_header(store, contact)
show_problem(PAGE)

conv = choose_conversation(store, contact)
conversation_tabs(store, contact, conv, profile, zone, now, today)
what_comes_next(store, contact, today, zone, now)
