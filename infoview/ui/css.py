"""The app's own CSS (infoview/ui/style.css), loaded once per run by page_setup().

Only <style>: st.html runs no script, and a style-only st.html is drawn outside the page's
flow, so it moves no element (see setup._show_flashes for why that matters to focus).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import streamlit as st

STYLE = Path(__file__).with_name("style.css")


@cache
def _style() -> str:
    """The stylesheet, read once per server rather than on every page run."""
    return "<style>" + STYLE.read_text(encoding="utf-8") + "</style>"


def inject_css() -> None:
    """Add the app's CSS to the page."""
    st.html(_style())
