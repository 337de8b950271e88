"""Session state that outlives a run: the one home for what a page keeps between runs.

- **Typed values that outlive their widget** (lazy tabs and expanders, page switches).
  Streamlit forgets the state of a widget that is not drawn in a run: its tab or expander was
  closed, or the user went to another page. A widget drawn through ``kept_widget`` (or restored
  with ``restore`` and copied with ``remember``) also keeps its value in a plain session dict
  (the page's ``bucket``) and starts from that copy when it is drawn again.
- **Forms that edit one record**: ``load_record`` and friends, below.
- **A refused action reported after a rerun**: ``report_problem`` keeps the message,
  ``show_problem`` shows it once on the next run, where it belongs.
- **An id reserved for a record being created**: ``reserved_id`` gives the same id on every
  run until the record is saved, so a double-clicked Save stores one record.
- **A draft kept whole** (the Ask email, Your story): the draft lives in the page's bucket and
  its widgets are a view of it (``show_in_widgets``, ``typed_in_widgets``), at the end.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import streamlit as st

from infoview.models import new_id
from infoview.ui.text import md


def kept_values(bucket: str) -> dict[str, Any]:
    """Return the page's kept values (key → value), creating the dict on first use."""
    return st.session_state.setdefault(bucket, {})


def restore(
    bucket: str, key: str, default: Any, valid: Callable[[Any], bool] | None = None
) -> None:
    """Start a widget Streamlit has forgotten from its kept value, else from ``default``."""
    if key not in st.session_state:
        value = kept_values(bucket).get(key, default)
        st.session_state[key] = value if valid is None or valid(value) else default


def remember(bucket: str, key: str) -> None:
    """Keep a widget's current value in ``bucket`` (usable as an ``on_change`` callback)."""
    kept_values(bucket)[key] = st.session_state.get(key)


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
    restore(bucket, key, default, valid)
    value = widget(label, key=key, **kw)
    kept_values(bucket)[key] = value
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


# ---------------------------------------------------------------- a refused action, next run
# An action refused inside a callback or just before ``st.rerun()`` cannot show its message in
# the run that refused it: the message is kept under the page's own key and shown once.


def report_problem(page: str, level: str, text: str, where: str = "main") -> None:
    """Keep a message about a refused action, shown by show_problem(page, where) next run.

    ``page`` names the page's key prefix; ``where`` names the spot on the page it belongs to;
    ``level`` is "error" or "warning". ``text`` is shown as text, or as it is when made by
    ``md()`` (fixed Markdown with escaped values, e.g. a list of problems).
    """
    st.session_state[f"{page}_problem"] = (where, level, text)


def show_problem(page: str, where: str = "main", into: Any = None) -> bool:
    """Show why the page's last action did not go through, once, in the place it belongs.

    A message kept for another ``where`` stays for that place. Return whether one was shown.
    """
    key = f"{page}_problem"
    found = st.session_state.get(key)
    if not found or found[0] != where:
        return False
    del st.session_state[key]
    _, level, text = found
    box = st if into is None else into
    (box.error if level == "error" else box.warning)(md("{}", text))
    return True


# ---------------------------------------------------------------- ids of records being created


def reserved_id(key: str) -> str:
    """Return the id kept for a record being created: the same on every run until released."""
    return st.session_state.setdefault(key, new_id())


def reserved_ids(key: str, count: int) -> list[str]:
    """Return ``count`` ids kept for records being created together (e.g. referrals)."""
    return st.session_state.setdefault(key, [new_id() for _ in range(count)])


def release_id(key: str) -> None:
    """Forget a reserved id (its record was saved), so the next new record gets a fresh one."""
    st.session_state.pop(key, None)


# ---------------------------------------------------------------- typing over an older revision
# A form that edits a stored record can carry the record's revision in its widgets' keys
# (``<stem><revision>_<field>``): after a save its widgets start afresh from the stored record
# and a second click on a button drawn before the save is no click at all. What was typed
# over the older revision is then of no use; this drops it from the page's bucket.


def forget_older(bucket: str, stem: str, current: str) -> None:
    """Drop kept values whose keys start with ``stem`` but not with ``current`` (older ones)."""
    kept = kept_values(bucket)
    for key in [k for k in kept if k.startswith(stem) and not k.startswith(current)]:
        del kept[key]


# ---------------------------------------------------------------- a draft and its widgets
# Some pages edit a draft that is more than its widgets' values: the Ask email (its template,
# the text a regenerate replaced, the ask it will be saved as) or Your story (its skill rows,
# an introduction that follows the story until the user makes it their own). Such a page keeps
# the draft itself in its bucket (``kept_values``), under the record it is for, and treats the
# widgets as a view of it: ``show_in_widgets`` puts the draft's values into their keys before
# they are drawn, ``typed_in_widgets`` reads back what they hold, the draft's own value
# standing in for a widget Streamlit has forgotten (another page, a closed tab or expander).
# Both take the view as a dict of widget key → the draft's value. The widgets are drawn with
# ``persist_state="session"``, so Streamlit keeps their value while they are off screen: a
# value typed in the same run as a page or tab switch (it travels with the click) is still
# there to be read into the draft when the page is back.


def show_in_widgets(shown: Mapping[str, Any], *, only_forgotten: bool = False) -> None:
    """Put a draft's values into its widgets' keys (call before the widgets are drawn).

    ``only_forgotten`` fills just the widgets Streamlit has dropped, so what the user is
    typing in the others stays as it is.
    """
    for key, value in shown.items():
        if not only_forgotten or key not in st.session_state:
            st.session_state[key] = value


def typed_in_widgets(shown: Mapping[str, Any]) -> dict[str, Any]:
    """Return what each widget of a draft holds now, or the draft's value for a forgotten one."""
    return {key: st.session_state.get(key, value) for key, value in shown.items()}


def forget_widgets(prefix: str) -> None:
    """Drop the values of every widget whose key starts with ``prefix`` (a draft set aside)."""
    for key in [k for k in st.session_state if str(k).startswith(prefix)]:
        del st.session_state[key]
