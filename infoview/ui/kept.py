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


# ---------------------------------------------------------------- forms that edit one record
# A form that edits a stored record keeps, in a plain session dict, which record (id and
# revision) its widgets were filled from and the values they hold. Streamlit forgets a
# widget's value when its page is left; the marker alone would outlive the values and the
# form would come back blank while claiming to show the record. Keeping both together means
# a forgotten widget is refilled from the same copy the marker describes.


def load_record(
    bucket: str,
    record_id: str,
    revision: int,
    values: dict[str, Any],
    *,
    force: bool = False,
) -> None:
    """Fill a form's widgets (keys of ``values``) from a record, once per record.

    Later runs keep what the user submitted; a widget Streamlit has forgotten is refilled
    from the kept copy, so the form never shows blanks for a record it says it shows.
    """
    kept = st.session_state.get(bucket)
    if force or not kept or kept.get("id") != record_id:
        st.session_state[bucket] = {"id": record_id, "revision": revision, "values": values}
        for key, value in values.items():
            st.session_state[key] = value
        return
    for key, value in kept["values"].items():
        if key not in st.session_state:
            st.session_state[key] = value


def loaded_record(bucket: str) -> tuple[str, int] | None:
    """Return the (id, revision) a form was filled from, or None when it holds nothing."""
    kept = st.session_state.get(bucket)
    return (kept["id"], kept["revision"]) if kept else None


def form_holds(bucket: str, record_id: str) -> bool:
    """Say whether the form's widgets hold values for this record (and none is missing)."""
    kept = st.session_state.get(bucket)
    if not kept or kept.get("id") != record_id:
        return False
    return all(key in st.session_state for key in kept["values"])


def remember_submitted(bucket: str) -> dict[str, Any]:
    """Copy the submitted widget values into the form's kept copy and return them."""
    kept = st.session_state[bucket]
    values = {key: st.session_state.get(key) for key in kept["values"]}
    kept["values"] = values
    return values


def keep_typing_in_form(bucket: str) -> None:
    """Copy what a form's widgets hold now into its kept copy (a form saved by a button).

    Leaving the page makes Streamlit forget the widgets; coming back refills them from this
    copy, so unsaved typing comes back as it was left instead of the stored record.
    """
    kept = st.session_state.get(bucket)
    if kept:
        for key in kept["values"]:
            if key in st.session_state:
                kept["values"][key] = st.session_state[key]


def forget_record(bucket: str) -> None:
    """Drop the form's copy, so the next run fills it from the stored record again."""
    st.session_state.pop(bucket, None)
