"""The browser's time zone, the one place the app asks Streamlit for it."""

from __future__ import annotations

import streamlit as st

from infoview.dates import user_zone


def browser_zone() -> str | None:
    """Return the time zone the browser reports, when Streamlit knows it."""
    try:
        return st.context.timezone
    except Exception:  # not in a browser session (bare script runs)
        return None


def zone_here(profile_zone: str | None = None) -> str:
    """Return the user's zone: the profile's, else this browser's, else UTC."""
    return user_zone(profile_zone, browser_zone())
