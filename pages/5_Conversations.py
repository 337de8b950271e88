"""Step 5 · Conversations: schedule the call, log it, thank them, and keep in touch."""

from datetime import UTC, datetime

import streamlit as st

from infoview.conversations import (
    contact_reminders,
    referrals_by_referrer,
    reminders_of,
    stages_of,
)
from infoview.dates import today_in
from infoview.followups import CALL, LOG_CALL, THANK_YOU
from infoview.pipeline import Stage
from infoview.ui import md_escape, page_setup, pages
from infoview.ui.conversation_ui import (
    KEPT,
    choose_conversation,
    correct_tab,
    log_tab,
    opening_tab,
    referrals_given,
    reminder_calendar,
    schedule_tab,
    show_problem,
    thanks_tab,
)
from infoview.ui.kept import keep_typing
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
    waiting = [r for r in reminders_of(store, today, zone) if r.kind in (CALL, LOG_CALL, THANK_YOU)]
    waiting.sort(key=lambda r: (r.due, r.key))
    for reminder in waiting[:10]:
        st.page_link(
            pages.CONVERSATIONS.path,
            label=md_escape(f"{reminder.title} · {reminder.due:%a %d %b}"),
            icon=":material/forum:",
            query_params={"contact": reminder.contact_id},
        )
    st.stop()

stage = stages_of(store).get(contact.id, Stage.CONNECTED)
head, link = st.columns([3, 1], vertical_alignment="bottom")
head.header(md_escape(contact.full_name))
role = " at ".join(md_escape(p) for p in (contact.title, contact.organization) if p)
head.caption(" · ".join(p for p in (role, f"Stage: **{stage.label}**") if p))
with link:
    st.page_link(
        pages.CONTACT.path,
        label="Their whole story",
        icon=":material/person:",
        query_params={"contact": contact.id},
    )
show_problem()

conv = choose_conversation(store, contact)
TABS = [
    ":material/event: Schedule",
    ":material/edit_note: Log the conversation",
    ":material/favorite: Thank & keep in touch",
    ":material/build: Correct",
]
# Lazy tabs: only the open one runs and reaches the browser (what was typed in the others is
# kept in the session, see conversation_ui). The key names the conversation and the tab with
# its next step, so arriving, choosing another contact or conversation, or a save that moves
# the conversation on (logging it: now thank them) opens the tab with the next step.
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

st.divider()
reminder_calendar(contact, contact_reminders(store, contact.id, today, zone), now)
if referrals_by_referrer(store).get(contact.id):
    st.page_link(
        pages.RESEARCH.path,
        label="Next: research the people they suggested →",
        icon=":material/travel_explore:",
    )
