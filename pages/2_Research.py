"""Step 2 · Research: who the contact is and the compelling reason to talk."""

import streamlit as st

from infoview.ui import page_setup, pages
from infoview.ui.research_ui import contact_list, detail

store = page_setup(pages.RESEARCH)
chosen = st.query_params.get("contact")

st.title("2 · Research")
st.caption(
    "Know who they are before you write: where they work and since when, where they were "
    "before, where they studied — and, above all, why the two of you should talk."
)
if chosen:
    detail(store, chosen)
else:
    contact_list(store)
