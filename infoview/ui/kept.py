"""Typed values that outlive their widget: for lazy tabs and expanders, and page switches.

Streamlit forgets the state of a widget that is not drawn in a run: its tab or expander was
closed, or the user went to another page. A widget drawn through ``kept_widget`` also copies
its value into a plain session dict (the page's ``bucket``) and starts from that copy when it
is drawn again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st


def kept_values(bucket: str) -> dict[str, Any]:
    """Return the page's kept values (key → value), creating the dict on first use."""
    return st.session_state.setdefault(bucket, {})


def kept_widget(
    widget: Callable[..., Any],
    label: str,
    key: str,
    default: Any,
    valid: Callable[[Any], bool] | None = None,
    *,
    bucket: str,
    **kw: Any,
) -> Any:
    """Draw a widget whose value is also kept in ``bucket``, and return it.

    A widget Streamlit has forgotten starts from the kept value, else from ``default``;
    ``valid`` can refuse a kept value that no longer fits (an option that is gone).
    """
    kept = kept_values(bucket)
    if key not in st.session_state:
        value = kept.get(key, default)
        st.session_state[key] = value if valid is None or valid(value) else default
    value = widget(label, key=key, **kw)
    kept[key] = value
    return value


def keep_typing(bucket: str) -> None:
    """Copy the latest typing into the kept values before a lazy container is drawn.

    A click that closes a tab or expander can reach the server together with the last thing
    typed in it (a text box sends its value when it loses focus, which is when the click
    lands): that run does not draw the widget, so ``kept_widget`` never sees the value.
    Streamlit still holds it during the run, until it forgets the widget at the end.
    """
    kept = st.session_state.get(bucket, {})
    for key in kept:
        if key in st.session_state:
            kept[key] = st.session_state[key]
