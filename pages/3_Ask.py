"""Step 3 · Craft the ask: a short, specific email, the coach's review, timing, and sending."""

import streamlit as st

from infoview.dates import today_in
from infoview.ui import md_escape, page_setup, pages
from infoview.ui.ask_draft import PAGE, ask_page
from infoview.ui.ask_templates_ui import user_templates
from infoview.ui.ask_ui import draft_section, sent_section, stage_of
from infoview.ui.comments_ui import ask_comments, coach_templates
from infoview.ui.kept import show_problem
from infoview.ui.picker import require_contact
from infoview.ui.steps import step_link
from infoview.ui.text import md

store = page_setup(pages.ASK)

st.title("3 · Craft the ask")
st.caption(
    "A short, specific email to someone busy: why them, what you would like to learn, and "
    "a short call you offer to make. The coach reads it with you; then send it from your own "
    "mail app."
)

contact = require_contact(
    store,
    "ask_picker",
    nobody="There is nobody to write to yet. Start by researching a contact.",
    choose="Choose the person you want to write to. Your draft is kept with them.",
)
if contact is None:
    st.stop()

profile = store.profile()
page = ask_page(store, contact, today_in(profile.timezone))

role = " at ".join(md_escape(p) for p in (contact.title, contact.organization) if p)
st.header(md_escape(contact.full_name))
if role:
    st.caption(role)
if contact.reason.strip():
    st.markdown(md("**Why them:** {}", contact.reason))
else:
    st.info(
        md(
            "You have not written down why you want to talk to {}. "
            "That reason is what makes a stranger say yes, and the draft is built on it: a minute "
            "in Research makes this email much stronger.",
            contact.full_name,
        )
    )
    step_link(
        pages.RESEARCH,
        contact.id,
        "Add the compelling reason in Research",
        ":material/travel_explore:",
    )
if not profile.name.strip():
    st.page_link(
        pages.YOUR_STORY.path,
        label="Your name and signature come from 1 · Your story: fill them in there",
        icon="👤",
    )

with st.container():  # always there, so a message does not move (and remount) what follows
    show_problem(PAGE)
    ask_comments(store, contact.id)
sent = stage_of(page)
if sent is None:
    draft_section(page)
else:
    sent_section(page, sent)

st.divider()
user_templates(page)
coach_templates(store)

step_link(pages.QUESTIONS, contact.id, "Next: plan your questions →")
