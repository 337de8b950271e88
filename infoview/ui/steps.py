"""Where each step lives: the page a reminder or a next step opens, with ?contact=<id>."""

from __future__ import annotations

import streamlit as st

from infoview.conversations import ACTION_QUESTIONS, ACTION_STORY
from infoview.followups import ACTION_ASK, ACTION_CONVERSATIONS, ACTION_RESEARCH
from infoview.ui import pages
from infoview.ui.text import md_escape

STEP_PAGES = {
    ACTION_STORY: pages.YOUR_STORY.path,
    ACTION_RESEARCH: pages.RESEARCH.path,
    ACTION_ASK: pages.ASK.path,
    ACTION_QUESTIONS: pages.QUESTIONS.path,
    ACTION_CONVERSATIONS: pages.CONVERSATIONS.path,
}


def step_page(action: str) -> str:
    """Return the page that does an action (the contact's page for anything else)."""
    return STEP_PAGES.get(action, pages.CONTACT.path)


def contact_link(contact_id: str, name: str, icon: str = ":material/person:") -> None:
    """Link to a contact's page; the name is shown as text, never as Markdown."""
    st.page_link(
        pages.CONTACT.path, label=md_escape(name), icon=icon, query_params={"contact": contact_id}
    )


def step_link(page: pages.Page, contact_id: str, label: str, icon: str | None = None) -> None:
    """Link to a step's page for one contact (?contact=<id>); ``label`` must be safe Markdown."""
    st.page_link(page.path, label=label, icon=icon, query_params={"contact": contact_id})
