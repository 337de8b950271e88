"""Long text boxes: a paste past the limit stays in the box and the page says so."""

from __future__ import annotations

import streamlit as st

from infoview.models import too_long_message


def warn_if_too_long(text: str | None, limit: int) -> None:
    """Under a box with no hard limit, say when its text is past what can be saved.

    Streamlit's max_chars drops a whole paste that would cross the limit, silently, so long
    boxes go without it and call this instead; saving still refuses the text with a message.
    """
    message = too_long_message(text or "", limit)
    if message:
        st.warning(message, icon=":material/content_cut:")
