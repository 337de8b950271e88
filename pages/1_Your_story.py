"""Step 1 · Your story: who you are, where you are heading, what you offer, your introduction."""

import streamlit as st

from infoview.ui import page_setup
from infoview.ui.story_ui import (
    about_me,
    introduction,
    load_draft,
    offers,
    save_bar,
    settings,
    skills,
    story_parts,
)

store = page_setup("Your story", "🧑")

st.title("1 · Your story")
st.caption(
    "Before you ask others about their path, get clear on your own: where you come from, "
    "where you want to go, what you can give back, and how to say it in thirty seconds."
)

saved, draft = load_draft(store)
save_bar(store, saved, draft)

about, story, skill_tab, offer_tab, intro_tab = st.tabs(
    [
        ":material/badge: About me & settings",
        ":material/route: My story",
        ":material/swap_horiz: Skills",
        ":material/volunteer_activism: What I can offer",
        ":material/record_voice_over: 30-second introduction",
    ]
)
with about:
    about_me()
    st.divider()
    settings(draft)
with story:
    story_parts()
with skill_tab:
    skills(draft)
with offer_tab:
    offers()
with intro_tab:
    introduction(saved, draft)
