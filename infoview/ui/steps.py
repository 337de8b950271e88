"""Where each step lives: the page a reminder or a next step opens, with ?contact=<id>."""

from __future__ import annotations

import streamlit as st

from infoview.conversations import ACTION_QUESTIONS, ACTION_STORY
from infoview.followups import ACTION_ASK, ACTION_CONVERSATIONS, ACTION_RESEARCH
from infoview.ui.menu import CONTACT_PAGE
from infoview.ui.text import md_escape

CONVERSATIONS_PAGE = "pages/5_Conversations.py"
STEP_PAGES = {
    ACTION_STORY: "pages/1_Your_story.py",
    ACTION_RESEARCH: "pages/2_Research.py",
    ACTION_ASK: "pages/3_Ask.py",
    ACTION_QUESTIONS: "pages/4_Questions.py",
    ACTION_CONVERSATIONS: CONVERSATIONS_PAGE,
}


def step_page(action: str) -> str:
    """Return the page that does an action (the contact's page for anything else)."""
    return STEP_PAGES.get(action, CONTACT_PAGE)


def contact_link(contact_id: str, name: str, icon: str = ":material/person:") -> None:
    """Link to a contact's page; the name is shown as text, never as Markdown."""
    st.page_link(
        CONTACT_PAGE, label=md_escape(name), icon=icon, query_params={"contact": contact_id}
    )


def browser_zone() -> str | None:
    """Return the browser's time zone, when Streamlit knows it."""
    try:
        return st.context.timezone
    except Exception:  # not in a browser session (bare script runs)
        return None
