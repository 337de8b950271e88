"""What every date box says about typing a date (Streamlit 1.67's date input)."""

from __future__ import annotations

# Measured in Chromium (tests/e2e/test_keyboard_browser.py): a date typed into the box is
# kept only when the focus leaves the whole box. Enter does nothing, and the first Tab only
# reaches the box's own calendar button.
TYPED_DATE_HELP = (
    "A typed date counts once you leave the box: press Tab twice (past the calendar "
    "button). Enter alone does not keep it. Or pick the day from the calendar."
)
