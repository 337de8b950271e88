"""The Conversations page's layout: who is chosen, the four lazy tabs, and what comes next."""

from __future__ import annotations

from datetime import date, datetime

import streamlit as st

from infoview.models import Contact, Conversation, Profile
from infoview.next_steps import stages_of
from infoview.pipeline import Stage
from infoview.reminders import CALL, LOG_CALL, THANK_YOU, contact_reminders, reminders_of
from infoview.store import Store
from infoview.timeline import referrals_by_referrer
from infoview.ui import pages
from infoview.ui.conversation_log_ui import log_tab, referrals_given
from infoview.ui.conversation_ui import (
    KEPT,
    correct_tab,
    opening_tab,
    reminder_calendar,
    schedule_tab,
    thanks_tab,
)
from infoview.ui.kept import keep_typing
from infoview.ui.steps import step_link
from infoview.ui.text import md_escape

TABS = [
    ":material/event: Schedule",
    ":material/edit_note: Log the conversation",
    ":material/favorite: Thank & keep in touch",
    ":material/build: Correct",
]


def waiting_calls(store: Store, today: date, zone: str) -> None:
    """Link the first calls to have, log or thank for (shown while nobody is chosen)."""
    waiting = [r for r in reminders_of(store, today, zone) if r.kind in (CALL, LOG_CALL, THANK_YOU)]
    waiting.sort(key=lambda r: (r.due, r.key))
    for reminder in waiting[:10]:
        step_link(
            pages.CONVERSATIONS,
            reminder.contact_id,
            md_escape(f"{reminder.title} · {reminder.due:%a %d %b}"),
            ":material/forum:",
        )


def contact_header(store: Store, contact: Contact) -> None:
    """Show who the conversation is with, their stage, and a link to their whole story."""
    stage = stages_of(store).get(contact.id, Stage.CONNECTED)
    head, link = st.columns([3, 1], vertical_alignment="bottom")
    head.header(md_escape(contact.full_name))
    role = " at ".join(md_escape(p) for p in (contact.title, contact.organization) if p)
    head.caption(" · ".join(p for p in (role, f"Stage: **{stage.label}**") if p))
    with link:
        step_link(pages.CONTACT, contact.id, "Their whole story", ":material/person:")


def conversation_tabs(
    store: Store,
    contact: Contact,
    conv: Conversation,
    profile: Profile,
    zone: str,
    now: datetime,
    today: date,
) -> None:
    """Draw the four tabs; only the open one runs."""
    # Lazy tabs: only the open one runs and reaches the browser (what was typed in the others
    # is kept in the session, see conversation_ui). The key names the conversation and the tab
    # with its next step, so arriving, choosing another contact or conversation, or a save that
    # moves the conversation on (logging it: now thank them) opens the tab with the next step.
    opening = opening_tab(conv, today)
    keep_typing(KEPT)
    schedule, log, thanks, fix = st.tabs(
        TABS, default=TABS[opening], key=f"cv_tab_{conv.id}_{opening}", on_change="rerun"
    )
    if schedule.open:
        with schedule:
            schedule_tab(store, contact, conv, zone, now, today)
    if log.open:
        with log:
            log_tab(store, contact, conv, list(profile.offers), today)
            referrals_given(store, contact)
    if thanks.open:
        with thanks:
            thanks_tab(store, contact, conv, profile, today)
    if fix.open:
        with fix:
            correct_tab(store, contact, conv)


def what_comes_next(store: Store, contact: Contact, today: date, zone: str, now: datetime) -> None:
    """Show the contact's reminders as a calendar, and where to go for the people they named."""
    st.divider()
    reminder_calendar(contact, contact_reminders(store, contact.id, today, zone), now)
    if referrals_by_referrer(store).get(contact.id):
        st.page_link(
            pages.RESEARCH.path,
            label="Next: research the people they suggested →",
            icon=":material/travel_explore:",
        )
