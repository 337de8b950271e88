"""InfoView's Home page: what is due, where you are in the five steps, and a first welcome."""

from datetime import UTC, datetime

import streamlit as st

from infoview.ask_next import ask_next
from infoview.dates import today_in
from infoview.figures import home_numbers, is_empty
from infoview.keep_in_touch import losing_touch_list
from infoview.reminders import due_keep_in_touch, home_due
from infoview.ui import page_setup, pages
from infoview.ui.ask_next_ui import ask_next_list
from infoview.ui.comments_ui import home_assignments, home_comments
from infoview.ui.home_ui import (
    due_section,
    figures_row,
    journey_section,
    pipeline_section,
    sample_notice,
    welcome,
)
from infoview.ui.setup import is_demo
from infoview.ui.text import md
from infoview.ui.touch_ui import log_anyone, losing_touch_section
from infoview.ui.zones import zone_here

HOME_SHOWN = 5

store = page_setup(pages.HOME)
profile = store.profile()
zone = zone_here(profile.timezone)
today = today_in(zone)

if is_empty(store):
    welcome(store, today)
    st.stop()

if not is_demo():
    sample_notice(store)  # a demo has its own banner and a reset button
st.title("InfoView")
st.caption(
    md(
        "{:%A %d %B %Y} · Build your network one informational interview at a time: short, "
        "specific conversations with people whose work you want to understand.",
        today,
    )
)

# What is due comes first: on a phone the figures and step cards below fill a screen or two.
due_section(
    store,
    home_due(store, today, zone),
    today,
    datetime.now(UTC),
    calendar_extra=due_keep_in_touch(store, today, zone),
)
st.header("Your journey")
figs, progress = home_numbers(store)
figures_row(figs)
journey_section(progress)
home_comments(store)
home_assignments(store)
losing_touch_section(store, losing_touch_list(store, today), today)
log_anyone(store, today)
st.header("Who to ask next")
ask_next_list(ask_next(store, today), HOME_SHOWN, "home")
st.header("Where each contact stands")
pipeline_section(store)
