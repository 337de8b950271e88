"""Network growth: how the network grows, where asks stall, and which talks led to new ones."""

from datetime import date

import streamlit as st

from infoview.analytics import ALL
from infoview.dates import today_in
from infoview.ui import page_setup, pages
from infoview.ui.network_ui import (
    activity_view,
    filter_bar,
    freq_picker,
    funnel_view,
    growth_view,
    kept_warm_view,
    mix_view,
    panel,
    people_frame,
    replies_view,
    tab_bar,
    tree_view,
)
from infoview.ui.text import plain_frame
from infoview.ui.zones import zone_here

store = page_setup(pages.NETWORK)

st.title("Network growth")
st.caption(
    "See your network grow, find the step where your asks stall, and follow the "
    "conversations that led to new ones."
)

people = people_frame(store)
today = date.today()
filters = filter_bar(store, people, today) if len(people) else ALL
growth, funnel, replies, referrals, activity, mix, warm = tab_bar()

with growth:
    if growth.open:
        freq = freq_picker() if len(people) else "W"
        panel("growth", growth_view(store, filters, freq), filters)

with funnel:
    if funnel.open:
        panel("funnel", funnel_view(store, filters), filters)

with replies:
    if replies.open:
        panel("replies", replies_view(store, filters), filters)

with referrals:
    if referrals.open:
        view = tree_view(store, filters)

        def top_referrers() -> None:
            st.markdown("**Who opened the most doors**")
            st.dataframe(plain_frame(view.table), hide_index=True, width="stretch")

        panel("tree", view, filters, below=top_referrers)

with activity:
    if activity.open:
        panel("activity", activity_view(store, filters, today), filters)

with mix:
    if mix.open:
        panel("mix", mix_view(store, filters), filters)

with warm:
    if warm.open:
        zone = zone_here(store.profile().timezone)
        panel("warm", kept_warm_view(store, today_in(zone)), ALL)
