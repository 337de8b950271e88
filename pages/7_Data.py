"""Your data: bring your network in, take everything out, restore a backup, or delete it all."""

from datetime import date

import streamlit as st

from infoview.ui import page_setup, pages
from infoview.ui.data_ui import (
    delete_section,
    export_section,
    import_section,
    restore_section,
    sample_section,
    where_it_lives,
)
from infoview.ui.setup import is_demo

TABS = ["Import", "Export", "Restore", "Delete all"]
TAB_KEY = "dt_tab"

store = page_setup(pages.DATA)
demo = is_demo()
today = date.today()

st.title("Your data")
st.caption(
    "Bring in the network you already have, take all of it out whenever you like, restore "
    "a backup, or delete everything. It is your data."
)

where_it_lives(store, demo)
sample_section(store, demo, today)

# Lazy tabs: only the open one runs and is sent to the browser.
imports, exports, restore, delete = st.tabs(TABS, key=TAB_KEY, on_change="rerun")
if imports.open:
    with imports:
        import_section(store, demo, today)
if exports.open:
    with exports:
        export_section(store, today)
if restore.open:
    with restore:
        restore_section(store, demo)
if delete.open:
    with delete:
        delete_section(store, demo, today)
