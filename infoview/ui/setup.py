"""page_setup(): what every page does first: page config, the store, the menu, messages."""

from __future__ import annotations

import streamlit as st

from infoview.store import (
    Store,
    StoreDamagedError,
    StoreError,
    default_data_dir,
    list_backups,
    restore_newest_good_backup,
)
from infoview.ui.menu import draw_menu
from infoview.ui.text import md_escape

_FLASH = "_infoview_flash"


@st.cache_resource(show_spinner=False)
def _shared_store(path: str) -> Store:
    """One store per data file per server process (local mode: one user, one file)."""
    return Store(path)


def get_store() -> Store:
    """Return the store for this session."""
    path = default_data_dir() / "infoview.json"
    return _shared_store(str(path))


def flash(message: str, icon: str = "✅") -> None:
    """Show a toast on the next run (survives st.rerun and st.switch_page)."""
    st.session_state.setdefault(_FLASH, []).append((message, icon))


def _show_flashes() -> None:
    for message, icon in st.session_state.pop(_FLASH, []):
        st.toast(message, icon=icon)


def page_setup(title: str, icon: str = "🧭") -> Store:
    """Configure the page, draw the menu and return the store (or show the recovery page)."""
    st.set_page_config(page_title=f"{title} · InfoView", page_icon=icon, layout="wide")
    draw_menu()
    try:
        store = get_store()
        store.refresh()
    except StoreDamagedError as exc:
        recovery_page(exc)
        st.stop()
    _show_flashes()
    return store


def recovery_page(exc: StoreDamagedError) -> None:
    """Explain a damaged data file, keep it, and offer the newest good backup."""
    st.title("Your data file needs attention")
    st.error(
        "InfoView could not open your data file, so it has not touched it. "
        f"What is wrong: {md_escape(exc.reason)}"
    )
    st.markdown("**The file:**")
    st.code(str(exc.path), language=None)
    backups = list_backups(exc.path.parent / "backups")
    if not backups:
        st.info(
            "There are no backups to restore. You can move the file somewhere safe and "
            "start InfoView again with an empty database, or open the file in a text editor "
            "to repair it."
        )
        return
    st.markdown(
        f"**Backups found:** {len(backups)}, "
        f"the newest from {backups[0].created:%Y-%m-%d %H:%M} UTC."
    )
    st.caption("Restoring keeps the damaged file beside it, renamed, so nothing is lost.")
    if st.button("Restore the newest good backup", type="primary", key="restore_backup"):
        try:
            used = restore_newest_good_backup(exc.path)
        except StoreError as err:
            st.error(str(err))
            return
        _shared_store.clear()
        flash(f"Restored {used.name}.")
        st.rerun()
