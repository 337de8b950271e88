"""page_setup(): what every page does first: page config, the store, the menu, messages."""

from __future__ import annotations

import gc
import os
import weakref
from datetime import date

import streamlit as st

from infoview.models import Contact
from infoview.netguard import is_remote_address
from infoview.store import (
    Store,
    StoreDamagedError,
    StoreError,
    data_file,
    default_data_dir,
    list_backups,
    restore_newest_good_backup,
)
from infoview.ui.css import inject_css
from infoview.ui.hosted import account_box, hosted_store, is_hosted
from infoview.ui.menu import draw_menu
from infoview.ui.pages import Page
from infoview.ui.text import FLASH_KEY, flash, md, plain

_DEMO_STORE = "_infoview_demo_store"
_CURRENT = "_infoview_current_contact"
_SETTLED: weakref.WeakKeyDictionary[Store, int] = weakref.WeakKeyDictionary()


def is_demo() -> bool:
    """True when the app runs as a shared demo (INFOVIEW_DEMO=1 or `demo = true` in secrets)."""
    if is_hosted():
        return False  # a database URL wins: hosted users keep their data
    if os.environ.get("INFOVIEW_DEMO", "").strip().lower() in {"1", "true", "yes", "on"}:
        return True
    try:
        # A missing secrets file is the normal local case, not an error.
        return st.secrets.load_if_toml_exists() and bool(st.secrets.get("demo", False))
    except Exception:
        return False


@st.cache_resource(show_spinner=False)
def _shared_store(path: str) -> Store:
    """One store per data file per server process (local mode: one user, one file)."""
    return Store(path)


def settle_heap(store: Store) -> None:
    """Take the records just loaded out of the garbage collector's way.

    Streamlit runs a full garbage collection after every script run. With 30,000 contacts in
    memory that walk alone took about 190 ms on every page and click, although the records
    live as long as the store. After one collection, `gc.freeze()` moves everything alive
    into a generation later collections skip. Frozen objects are still freed by reference
    counting when a reload replaces them; records hold no reference cycles.
    Runs once per generation of records (the first open, a reload after another program
    wrote the file), not on every page.
    """
    if _SETTLED.get(store) == store.loads:
        return
    gc.collect()
    gc.freeze()
    _SETTLED[store] = store.loads


def get_store() -> Store:
    """Return the store for this session: the shared file locally, a private copy in a demo."""
    if is_demo():
        store = st.session_state.get(_DEMO_STORE)
        if store is None:
            store = new_demo_store()
            st.session_state[_DEMO_STORE] = store
        return store
    return _shared_store(str(data_file()))


def new_demo_store() -> Store:
    """Return an in-memory store seeded with the sample dataset (nothing touches the disk)."""
    from infoview.sample_store import load_sample

    store = Store()
    load_sample(store, date.today())
    return store


def reset_demo() -> None:
    """Start this tab's demo over with fresh sample data."""
    st.session_state[_DEMO_STORE] = new_demo_store()
    st.session_state.pop(_DEMO_KEPT, None)


# The demo store's revision when its work was last kept (the start, or the last backup saved).
_DEMO_KEPT = "demo_kept_revision"

# A fixed script (no user data in it): while the tab holds demo work that no backup has kept,
# the browser asks before a reload or close throws it away.
_LEAVE_GUARD = """<script>
window.infoviewUnsaved = %s;
if (!window.infoviewLeaveGuard) {
  window.infoviewLeaveGuard = true;
  window.addEventListener("beforeunload", function (event) {
    if (window.infoviewUnsaved) { event.preventDefault(); event.returnValue = ""; }
  });
}
</script>"""


def demo_unsaved(store: Store) -> bool:
    """True when this tab's demo holds changes made since the start or the last backup."""
    kept = st.session_state.setdefault(_DEMO_KEPT, store.revision)
    return store.revision != kept


def _demo_kept(store: Store) -> None:
    st.session_state[_DEMO_KEPT] = store.revision


def leave_guard(store: Store) -> None:
    """Have the browser warn before a reload or close loses unsaved demo work."""
    with st.container(key="demo_leave_guard"):
        script = _LEAVE_GUARD % ("true" if demo_unsaved(store) else "false")
        st.html(script, unsafe_allow_javascript=True)


def is_remote_visitor() -> bool:
    """True when the browser is not on this machine (Streamlit reports no IP for localhost)."""
    try:
        return is_remote_address(st.context.ip_address)
    except Exception:
        return False


def _show_flashes() -> None:
    # Always one container, toasts or not: an element that appears only on the run after an
    # action would shift everything below it, and Streamlit would mount the page's widgets
    # afresh, dropping the keyboard focus from the button just pressed.
    with st.container():
        for message, icon in st.session_state.pop(FLASH_KEY, []):
            st.toast(message, icon=icon)


def _current_contact(store: Store) -> Contact | None:
    """Remember the contact the user last opened in this session."""
    asked = st.query_params.get("contact")
    if asked and asked != "new" and store.contact(asked) is not None:
        st.session_state[_CURRENT] = asked
    return store.contact(st.session_state.get(_CURRENT))


def page_setup(page: Page) -> Store:
    """Configure the page, draw the menu and return the store (or show the recovery page)."""
    st.set_page_config(
        page_title=plain("{} · InfoView", page.title), page_icon=page.icon, layout="wide"
    )
    inject_css()
    hosted = is_hosted()
    try:
        demo = not hosted and is_demo()
        if hosted:
            found = hosted_store()
            if found is None:
                st.stop()  # signed out: the welcome and the sign-in button, nothing else
            store = found
        else:
            store = get_store()
        store.refresh()
        if not demo and not hosted:
            settle_heap(store)
    except StoreDamagedError as exc:
        draw_menu()
        recovery_page(exc)
        st.stop()
    except (StoreError, OSError) as exc:
        if hosted:
            st.title("InfoView cannot open your data right now")
            st.error(
                md(
                    "{}\n\nNothing was changed. Reload this page in a minute; if "
                    "it keeps happening, tell the person who runs this InfoView.",
                    exc,
                )
            )
            st.stop()
        draw_menu()
        st.title("InfoView cannot open your data right now")
        st.error(
            md(
                "{}\n\nNothing was changed. If another program is using the data "
                "file, close it and reload this page; otherwise check that the data folder "
                "(`{}`) exists and is writable.",
                exc,
                default_data_dir(),
            )
        )
        st.stop()
    current = _current_contact(store)
    draw_menu(current.id if current else None, current.full_name if current else "", hosted)
    if hosted:
        account_box()
    elif demo:
        demo_banner(store)
    elif is_remote_visitor():
        st.warning(
            "This InfoView is being reached over the network, but it runs in local mode: "
            "every visitor shares one data file and sees everyone's contacts. For a shared "
            "or public deployment, turn on demo mode (set INFOVIEW_DEMO=1 or `demo = true` "
            "in Streamlit secrets) so each visitor gets a private copy.",
            icon="⚠️",
        )
    _show_flashes()
    return store


def demo_banner(store: Store) -> None:
    """Say what demo mode means and offer a backup and a fresh start."""
    from infoview.io.backup import export_json

    with st.container(border=True):
        text, backup, reset = st.columns([5, 3, 2], vertical_alignment="center")
        text.markdown(
            "**Demo** · You are exploring sample data. Your changes last only for this tab: "
            "closing or reloading it starts over (your browser asks first while you have "
            "changes no backup holds). Please don't upload real contacts here."
        )
        backup.download_button(
            "Save a backup",
            data=lambda: export_json(store),
            file_name="infoview-demo-backup.json",
            mime="application/json",
            on_click=_demo_kept,
            args=(store,),
            icon=":material/download:",
            key="demo_backup",
            width="stretch",
        )
        # Asked first: a reset throws away everything done in this tab.
        with reset.popover("Reset demo", icon=":material/restart_alt:", width="stretch"):
            st.markdown(
                "Start over with fresh sample data? Everything you changed in this tab is "
                "lost, unless you save a backup first."
            )
            if st.button("Yes, start over", type="primary", key="demo_reset"):
                reset_demo()
                flash("The demo starts over with fresh sample data.", icon="🔄")
                st.rerun()
    leave_guard(store)


def recovery_page(exc: StoreDamagedError) -> None:
    """Explain a damaged data file, keep it, and offer the newest good backup."""
    st.title("Your data file needs attention")
    st.error(
        md(
            "InfoView could not open your data file, so it has not touched it. What is wrong: {}",
            exc.reason,
        )
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
        md(
            "**Backups found:** {}, the newest from {:%Y-%m-%d %H:%M} UTC.",
            len(backups),
            backups[0].created,
        )
    )
    st.caption("Restoring keeps the damaged file beside it, renamed, so nothing is lost.")
    if st.button("Restore the newest good backup", type="primary", key="restore_backup"):
        try:
            used = restore_newest_good_backup(exc.path)
        except StoreError as err:
            st.error(str(err))
            return
        _shared_store.clear()
        flash("Restored {}.", used.name)
        st.rerun()
