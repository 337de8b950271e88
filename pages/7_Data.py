"""Your data: bring your network in, merge duplicates, take everything out, restore, delete."""

from datetime import date

import streamlit as st

from infoview.ui import page_setup, pages
from infoview.ui.data_out_ui import delete_account_section, delete_section, export_section
from infoview.ui.data_ui import import_section, restore_section, sample_section, where_it_lives
from infoview.ui.duplicates_ui import duplicates_section, review_from_link
from infoview.ui.hosted import is_hosted
from infoview.ui.setup import is_demo
from infoview.ui.sharing_ui import share_section

TABS = ["Import", "Duplicates", "Export", "Restore", "Share", "Delete all"]
TAB_KEY = "dt_tab"

store = page_setup(pages.DATA)
demo = is_demo()
hosted = is_hosted()
today = date.today()

st.title("Your data")
st.caption(
    "Bring in the network you already have, merge people who are in it twice, take all of "
    "it out whenever you like, restore a backup, or delete everything. It is your data."
)

if review_from_link(store):
    st.session_state[TAB_KEY] = "Duplicates"  # a contact's page asked to review a pair

where_it_lives(store, demo, hosted)
sample_section(store, demo, today)

# Lazy tabs: only the open one runs and is sent to the browser.
imports, duplicates, exports, restore, share, delete = st.tabs(TABS, key=TAB_KEY, on_change="rerun")
if imports.open:
    with imports:
        import_section(store, demo, today)
if duplicates.open:
    with duplicates:
        duplicates_section(store)
if exports.open:
    with exports:
        export_section(store, today)
if restore.open:
    with restore:
        restore_section(store, demo, hosted)
if share.open:
    with share:
        share_section(store, today)
if delete.open:
    with delete:
        delete_section(store, demo, today)
        if hosted:
            delete_account_section(store, today)
