"""Clients (hosted mode, for coaches): the clients who share with you, and each one's journey."""

import streamlit as st

from infoview.ui import page_setup, pages
from infoview.ui.clients_ui import accept_section, clients_section, not_hosted_notice
from infoview.ui.hosted import is_hosted

store = page_setup(pages.CLIENTS)

st.title("Clients")
st.caption(
    "The people who chose to share their InfoView with you, read-only. You can comment on "
    "their ask drafts and call plans; they decide when to stop sharing."
)
if not is_hosted():
    not_hosted_notice()
    st.stop()

from infoview.pg_store import PgStore  # noqa: E402 - hosted mode only (SQLAlchemy)

if not isinstance(store, PgStore):  # hosted mode always opens the user's PostgreSQL store
    not_hosted_notice()
    st.stop()

shown = clients_section(store)
accept_section(store, expanded=not shown or "invite" in st.query_params)
