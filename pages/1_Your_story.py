"""Step 1 · Your story: who you are, where you are heading, what you offer, your introduction."""

import streamlit as st

from infoview.ui import page_setup, pages
from infoview.ui.story_ui import (
    TAB_KEY,
    TABS,
    about_me,
    introduction,
    load_draft,
    offers,
    save_bar,
    settings_section,
    skills,
    story_parts,
)

store = page_setup(pages.YOUR_STORY)

st.title("1 · Your story")
st.caption(
    "Before you ask others about their path, get clear on your own: where you come from, "
    "where you want to go, what you can give back, and how to say it in thirty seconds."
)

saved, draft = load_draft(store)
save_bar(store, saved, draft)

# Lazy tabs: only the open one runs and is sent to the browser. What was typed in the others
# lives on in the draft (load_draft puts it back into their boxes when they open again).
about, story, skill_tab, offer_tab, intro_tab = st.tabs(TABS, key=TAB_KEY, on_change="rerun")
if about.open:
    with about:
        about_me()
        settings_section(draft)
if story.open:
    with story:
        story_parts()
if skill_tab.open:
    with skill_tab:
        skills(draft)
if offer_tab.open:
    with offer_tab:
        offers()
if intro_tab.open:
    with intro_tab:
        introduction(saved, draft)
