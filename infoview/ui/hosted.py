"""Hosted mode: sign-in with st.login, each signed-in user's data in PostgreSQL.

Hosted mode is on when a database URL is configured: ``INFOVIEW_DATABASE_URL`` in the
environment or ``database_url`` in Streamlit secrets (which also hold the ``[auth]`` section
st.login reads). Who the user is comes only from the sign-in: the ID token's issuer and
subject, never from a form or a query parameter.
"""

from __future__ import annotations

import os

import streamlit as st
from sqlalchemy import Engine

from infoview.store import Store, StoreError
from infoview.ui.text import md_escape

_STORE = "_infoview_hosted_store"  # (issuer, subject, PgStore) of this browser session


def database_url() -> str | None:
    """Return the configured database URL, or None outside hosted mode."""
    configured = os.environ.get("INFOVIEW_DATABASE_URL", "").strip()
    if configured:
        return configured
    try:
        # A missing secrets file is the normal local case, not an error.
        if st.secrets.load_if_toml_exists():
            return str(st.secrets.get("database_url", "")).strip() or None
    except Exception:
        return None
    return None


def is_hosted() -> bool:
    """True when the app runs hosted: signed-in users, their data in PostgreSQL."""
    return database_url() is not None


def _auth_configured() -> bool:
    try:
        return bool(st.secrets.load_if_toml_exists() and st.secrets.get("auth"))
    except Exception:
        return False


@st.cache_resource(show_spinner=False)
def _engine(url: str) -> Engine:
    """One connection pool per server process, its schema checked and migrated once.

    Only the pool is shared between visitors here; each user's data lives in their own
    session's store.
    """
    from infoview.pg_store import make_engine, migrate

    engine = make_engine(url)
    try:
        migrate(engine)
    except StoreError:
        engine.dispose()
        raise
    return engine


def identity() -> tuple[str, str] | None:
    """Return the signed-in user's (issuer, subject), or None when nobody is signed in."""
    if not st.user.is_logged_in:
        return None
    issuer, subject = st.user.get("iss"), st.user.get("sub")
    if not isinstance(issuer, str) or not isinstance(subject, str) or not issuer or not subject:
        return None
    return issuer, subject


def welcome() -> None:
    """Greet a signed-out visitor: what this is, and the sign-in button. Nothing else."""
    st.title("InfoView")
    st.markdown(
        "InfoView coaches you through informational interviews: short conversations with "
        "people whose work you want to understand. Sign in to find your own contacts, asks "
        "and notes where you left them. Nobody else can see them."
    )
    if not _auth_configured():
        st.error(
            "Sign-in is not set up on this server yet: its Streamlit secrets need an "
            "`[auth]` section. The person running it can find the steps in deploy/README.md."
        )
        return
    if st.button("Sign in", type="primary", icon=":material/login:", key="hosted_login"):
        st.login()


def hosted_store() -> Store | None:
    """Return the signed-in user's store, or None (after drawing the welcome) when signed out."""
    from infoview.pg_store import PgStore

    who = identity()
    if who is None:
        st.session_state.pop(_STORE, None)
        if st.user.is_logged_in:
            st.error(
                "Your sign-in did not say who you are (no issuer and subject), so InfoView "
                "cannot find your data. Sign out and try again, or ask the person who runs "
                "this InfoView to check the sign-in provider."
            )
            if st.button("Sign out", key="hosted_logout"):
                st.logout()
            return None
        welcome()
        return None
    kept = st.session_state.get(_STORE)
    if kept is not None and kept[:2] == who:
        return kept[2]
    store = PgStore(_engine(database_url() or ""), *who)
    from infoview.sharing import set_display_name

    set_display_name(store, display_name())  # what a coach or client they share with sees
    st.session_state[_STORE] = (*who, store)
    return store


def display_name() -> str:
    """Return the signed-in user's name as the sign-in gives it (or their email, or "")."""
    for claim in ("name", "email"):
        value = st.user.get(claim)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""


def account_box() -> None:
    """Say who is signed in, with the sign-out button, in the sidebar."""
    name = display_name() or "you"
    with st.sidebar:
        st.divider()
        st.caption(f"Signed in as {md_escape(name)}")
        if st.button("Sign out", icon=":material/logout:", key="hosted_logout"):
            sign_out()


def sign_out() -> None:
    """Forget this session's store and sign out."""
    st.session_state.pop(_STORE, None)
    st.logout()
