"""Target employers: the organizations you would like to work with, and who you know at each."""

import streamlit as st

from infoview.next_steps import stages_of
from infoview.targets import coverage, network_suggestions, org_groups, target_list
from infoview.ui import page_setup, pages
from infoview.ui.targets_ui import SHOWN_MAX, add_form, suggestions_section, table, target_detail
from infoview.ui.text import md

store = page_setup(pages.TARGETS)

st.title("Target employers")
st.caption(
    "List the organizations you would like to work with or learn about, then rank them: how "
    "much you want to be there, whether they post roles that interest you, and whether people "
    "from your school work there. The list shows who you already know at each."
)

rows = target_list(store, stages_of(store))
suggestions = store.cached(
    ("target_suggestions",),
    lambda: network_suggestions(org_groups(store), store.targets()),
)

add_form(store, empty=not rows)
suggestions_section(store, suggestions)

if not rows:
    st.info(
        "Your list is empty. Add an organization above, or start from the ones where you "
        "already know the most people."
    )
    st.stop()

met, total = coverage(rows)
st.header(md("Your list · {:,}", total))
st.caption(
    md(
        "Sorted by motivation, then postings, then alumni. You have talked to someone at {:,} "
        "of {:,}.",
        met,
        total,
    )
)
table(rows)
st.markdown("**Each organization**")
for row in rows[:SHOWN_MAX]:
    target_detail(store, row)
if total > SHOWN_MAX:
    st.caption(md("The first {} of {:,} are listed one by one.", SHOWN_MAX, total))
