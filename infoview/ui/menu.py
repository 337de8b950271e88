"""The sidebar menu: the whole journey at a glance, one row per page."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from infoview.ui.text import md_escape

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class MenuItem:
    """One page in the menu."""

    page: str  # path relative to the app folder
    label: str
    icon: str
    section: str


MENU = [
    MenuItem("app.py", "Home", ":material/home:", ""),
    MenuItem("pages/1_Your_story.py", "1 · Your story", ":material/person:", "Prepare"),
    MenuItem("pages/2_Research.py", "2 · Research", ":material/travel_explore:", "Prepare"),
    MenuItem("pages/8_Targets.py", "Target employers", ":material/flag:", "Prepare"),
    MenuItem("pages/3_Ask.py", "3 · Craft the ask", ":material/edit_note:", "Reach out"),
    MenuItem("pages/4_Questions.py", "4 · Plan questions", ":material/quiz:", "Reach out"),
    MenuItem("pages/5_Conversations.py", "5 · Conversations", ":material/forum:", "Follow through"),
    MenuItem("pages/6_Network.py", "Network growth", ":material/monitoring:", "Grow"),
    MenuItem("pages/7_Data.py", "Your data", ":material/database:", "Grow"),
]


def available(items: list[MenuItem] | None = None) -> list[MenuItem]:
    """Return the menu items whose page exists."""
    return [item for item in (items or MENU) if (ROOT / item.page).exists()]


# Steps that work on one contact: the menu takes the current contact along to them.
CONTACT_STEPS = {"pages/3_Ask.py", "pages/4_Questions.py", "pages/5_Conversations.py"}
CONTACT_PAGE = "pages/9_Contact.py"


def draw_menu(contact_id: str | None = None, contact_label: str = "") -> None:
    """Draw the sidebar menu grouped by section, carrying the current contact to its steps."""
    with st.sidebar:
        st.markdown("### InfoView")
        st.caption("Informational interviews, step by step")
        section = None
        for item in available():
            if item.section and item.section != section:
                section = item.section
                st.markdown(f"**{section}**")
            params = {"contact": contact_id} if contact_id and item.page in CONTACT_STEPS else None
            st.page_link(item.page, label=item.label, icon=item.icon, query_params=params)
        if contact_id and contact_label:
            st.divider()
            st.caption("Working with")
            st.page_link(
                CONTACT_PAGE,
                label=md_escape(contact_label),
                icon=":material/person:",
                query_params={"contact": contact_id},
            )
