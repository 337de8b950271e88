"""Who to ask next on screen: the ranked contacts with their reasons, one click to act."""

from __future__ import annotations

from datetime import date

import streamlit as st

from infoview.ask_next import SHOWN, Candidate, ask_next, reasons_text
from infoview.store import Store
from infoview.ui import pages
from infoview.ui.text import md

RESEARCH_PAGE = pages.RESEARCH.path
ASK_PAGE = pages.ASK.path


def ask_next_list(candidates: list[Candidate], shown: int, key: str) -> None:
    """Draw the ranked contacts, each with its reasons and links to Research and the Ask."""
    if not candidates:
        st.caption(
            "Nobody stands out yet. Add target employers, your school and the fields you are "
            "heading to in Your story, and write down why you want to talk to people: the "
            "suggestions come from those."
        )
        return
    for number, item in enumerate(candidates[:shown], start=1):
        contact = item.contact
        text, actions = st.container(border=True).columns([4, 2], vertical_alignment="center")
        where = md(" · {}", contact.organization) if contact.organization else ""
        text.markdown(
            md(
                "**{}. {}**{}  \n:small[:gray[{}]]",
                number,
                contact.full_name,
                where,
                reasons_text(item),
            )
        )
        row = actions.container(horizontal=True, vertical_alignment="center", gap="small")
        row.page_link(
            RESEARCH_PAGE,
            label="Research",
            icon=":material/travel_explore:",
            query_params={"contact": contact.id},
        )
        row.page_link(
            ASK_PAGE,
            label="Ask",
            icon=":material/edit_note:",
            query_params={"contact": contact.id},
        )


def ask_next_box(store: Store, today: date) -> None:
    """Research's folded "Who to ask next": ranked only when opened."""
    box = st.expander(
        "Who to ask next", icon=":material/recommend:", key="rs_next", on_change="rerun"
    )
    if box.open:
        with box:
            ask_next_list(ask_next(store, today), SHOWN, "research")
