"""The sidebar menu: the whole journey at a glance, one row per page."""

from __future__ import annotations

import streamlit as st

from infoview.ui import pages
from infoview.ui.text import md_escape


def draw_menu(contact_id: str | None = None, contact_label: str = "", hosted: bool = False) -> None:
    """Draw the sidebar menu grouped by section, carrying the current contact to its steps."""
    items = pages.available() + (pages.available(pages.HOSTED_MENU) if hosted else [])
    with st.sidebar:
        st.markdown("### InfoView")
        st.caption("Informational interviews, step by step")
        section = None
        for page in items:
            if page.section and page.section != section:
                section = page.section
                st.markdown(f"**{section}**")
            params = {"contact": contact_id} if contact_id and page.takes_contact else None
            st.page_link(page.path, label=page.label, icon=page.icon, query_params=params)
        if contact_id and contact_label:
            st.divider()
            st.caption("Working with")
            st.page_link(
                pages.CONTACT.path,
                label=md_escape(contact_label),
                icon=pages.CONTACT.icon,
                query_params={"contact": contact_id},
            )
