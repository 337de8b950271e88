"""The app's own CSS, injected once per run by page_setup(): one labelled block per concern.

Only <style>: st.html runs no script, and a style-only st.html is drawn outside the page's
flow, so it moves no element (see setup._show_flashes for why that matters to focus).
"""

from __future__ import annotations

import streamlit as st

# ---- Focus (#17, keyboard): every control shows where the keyboard is -------------------
# A 3 px ring in a dark teal (#1f4e66: 8.6:1 on the page background #fbfaf7 and
# 8.0:1 on the sidebar's #eef2f3, well over the 3:1 WCAG asks of a focus indicator), drawn
# outside the control. The sidebar's current page keeps Streamlit's filled, bold row: a
# fill, never a ring, so the two cannot be mistaken for each other.
FOCUS_CSS = """<style>
.stApp { --iv-focus-ring: #1f4e66; }
.stApp a:focus-visible,
.stApp button:focus-visible,
.stApp summary:focus-visible,
.stApp [role="tab"]:focus-visible,
.stApp [role="option"]:focus-visible,
.stApp [role="spinbutton"]:focus-visible,
.stApp [tabindex]:not([tabindex="-1"]):focus-visible {
  outline: 3px solid var(--iv-focus-ring) !important;
  outline-offset: 2px !important;
}
.stApp [data-testid="stTextInputRootElement"]:focus-within,
.stApp [data-testid="stTextAreaRootElement"]:focus-within,
.stApp [data-testid="stNumberInputContainer"]:focus-within,
.stApp [data-testid="stDateInputField"]:focus-within,
.stApp [data-testid="stSelectbox"] > div:focus-within,
.stApp [data-testid="stMultiSelect"] > div:focus-within,
.stApp [data-testid="stChatInput"]:focus-within {
  outline: 3px solid var(--iv-focus-ring) !important;
  outline-offset: 1px;
}
.stApp label:has(input[type="checkbox"]:focus-visible),
.stApp label:has(input[type="radio"]:focus-visible) {
  outline: 3px solid var(--iv-focus-ring);
  outline-offset: 2px;
  border-radius: 4px;
}
</style>"""


def inject_css() -> None:
    """Add the app's CSS to the page."""
    st.html(FOCUS_CSS)
