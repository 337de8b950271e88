"""The sidebar menu: the whole journey at a glance, one row per page."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import streamlit as st

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
    MenuItem("pages/3_Ask.py", "3 · Craft the ask", ":material/edit_note:", "Reach out"),
    MenuItem("pages/4_Questions.py", "4 · Plan questions", ":material/quiz:", "Reach out"),
    MenuItem("pages/5_Conversations.py", "5 · Conversations", ":material/forum:", "Follow through"),
    MenuItem("pages/6_Network.py", "Network growth", ":material/monitoring:", "Grow"),
    MenuItem("pages/7_Data.py", "Your data", ":material/database:", "Grow"),
]


def available(items: list[MenuItem] | None = None) -> list[MenuItem]:
    """Return the menu items whose page exists."""
    return [item for item in (items or MENU) if (ROOT / item.page).exists()]


def draw_menu() -> None:
    """Draw the sidebar menu grouped by section."""
    with st.sidebar:
        st.markdown("### InfoView")
        st.caption("Informational interviews, step by step")
        section = None
        for item in available():
            if item.section and item.section != section:
                section = item.section
                st.markdown(f"**{section}**")
            st.page_link(item.page, label=item.label, icon=item.icon)
