"""Target employers on screen: the ranked list, who you know at each, and the network's hints."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from infoview.models import REASON_MAX, SHORT_MAX, Target
from infoview.store import StaleRecordError, Store, StoreError
from infoview.targets import (
    MOTIVATION_LABELS,
    TargetError,
    TargetRow,
    delete_target,
    save_target,
)
from infoview.ui import pages
from infoview.ui.kept import (
    forget_older,
    keep_typing,
    kept_widget,
    report_problem,
    show_problem,
)
from infoview.ui.outcome import attempt
from infoview.ui.setup import flash
from infoview.ui.steps import contact_link
from infoview.ui.text import md, md_escape, plain_frame

RESEARCH_PAGE = pages.RESEARCH.path
SHOWN_MAX = 40
PAGE = "tg"  # the key prefix of a refused add's message (ui/kept.py)
_NEW = "tg_new"  # the key prefix of the add form's fields
_ADD = "tg_add_kept"  # what is typed in the add form, kept across page switches (ui/kept.py)
_EDIT = "tg_edit_kept"  # what is typed in the targets' own forms, kept the same way
_SUFFIX = {  # a target's field → the end of its widget's key
    "organization": "org",
    "motivation": "motivation",
    "postings": "post",
    "alumni": "alumni",
    "notes": "notes",
}


def _save(store: Store, values: dict, base: Target | None, done: str) -> None:
    attempt(
        lambda: save_target(store, values, base),
        done,
        icon="🎯",
        errors=(TargetError, StaleRecordError, StoreError),
    )


def _fields(prefix: str, target: Target | None, keep: str) -> dict:
    """Draw a target's fields and return their values.

    They start from ``target`` (or empty) and keep what is typed in them in the session
    bucket ``keep`` (see ui/kept.py), so it survives a page switch and a folded box.
    """
    start = {
        "organization": target.organization if target else "",
        "motivation": target.motivation if target else 2,
        "postings": target.postings if target else False,
        "alumni": target.alumni if target else False,
        "notes": target.notes if target else "",
    }

    def field(widget: Callable[..., Any], label: str, name: str, **options: Any) -> Any:
        key = f"{prefix}_{_SUFFIX[name]}"
        return kept_widget(widget, label, key, start[name], bucket=keep, **options)

    org = field(
        st.text_input, "Organization", "organization", max_chars=SHORT_MAX, placeholder="Globex"
    )
    a, b, c = st.columns([2, 1, 1], vertical_alignment="bottom")
    motivation = field(
        a.selectbox,
        "How much you want to work there",
        "motivation",
        options=[3, 2, 1],
        format_func=MOTIVATION_LABELS.get,
    )
    postings = field(b.checkbox, "Postings of interest", "postings")
    alumni = field(c.checkbox, "Alumni of your school there", "alumni")
    notes = field(
        st.text_area,
        "Notes (news, teams, why it appeals)",
        "notes",
        max_chars=REASON_MAX,
        height=80,
    )
    return {
        "organization": org,
        "motivation": motivation,
        "postings": postings,
        "alumni": alumni,
        "notes": notes,
    }


def add_form(store: Store, empty: bool) -> None:
    """A form to add an organization to the list (open while the list is empty).

    Not an st.form: a form sends nothing before it is submitted, so a half-typed target would
    be lost on a page switch. Its fields are kept in ``_ADD`` instead (ui/kept.py), and the
    button's callback saves them; a refusal is reported there and shown here on the rerun.
    """
    with st.expander("Add an organization", icon=":material/add:", expanded=empty):
        _fields(_NEW, None, _ADD)
        show_problem(PAGE, "add")
        st.button("Add to the list", type="primary", key="tg_add", on_click=_add, args=(store,))


def _add(store: Store) -> None:
    """Add what the add form holds (the button's callback); then the form starts empty."""
    keys = [f"{_NEW}_{suffix}" for suffix in _SUFFIX.values()]
    values = {name: st.session_state.get(key) for name, key in zip(_SUFFIX, keys, strict=True)}
    try:
        save_target(store, values)
    except (TargetError, StoreError) as exc:
        report_problem(PAGE, "error", str(exc), where="add")
        return
    for key in keys:
        st.session_state.pop(key, None)
    st.session_state.pop(_ADD, None)
    flash("Added to your target list.", icon="🎯")


def suggestions_section(store: Store, suggestions: list[tuple[str, int]]) -> None:
    """Offer the organizations where the user knows the most people, one click to add."""
    if not suggestions:
        return
    st.markdown("**Organizations where you know the most people**")
    st.caption("From your contacts and imported connections. One click adds one to the list.")
    with st.container(horizontal=True, gap="small"):
        for number, (name, count) in enumerate(suggestions):
            if st.button(
                md("{} · {:,}", name, count),
                key=f"tg_suggest_{number}",
                icon=":material/add:",
            ):
                _save(store, {"organization": name}, None, "Added to your target list.")


def table(rows: list[TargetRow]) -> None:
    """Show the list in the method's order: motivation, postings, alumni."""
    frame = pd.DataFrame(
        {
            "Organization": [r.target.organization for r in rows],
            "Motivation": [r.target.motivation for r in rows],
            "Postings": [r.target.postings for r in rows],
            "Alumni": [r.target.alumni for r in rows],
            "People you know": [r.count for r in rows],
            "Their stages": [r.stage_text for r in rows],
            "Notes": [r.target.notes for r in rows],
        }
    )
    st.dataframe(
        plain_frame(frame),
        hide_index=True,
        width="stretch",
        column_config={
            "Motivation": st.column_config.NumberColumn("Motivation", format="%d of 3"),
            "Postings": st.column_config.CheckboxColumn("Postings"),
            "Alumni": st.column_config.CheckboxColumn("Alumni"),
        },
    )


def _find_link(row: TargetRow) -> None:
    st.page_link(
        RESEARCH_PAGE,
        label="Find someone there in Research",
        icon=":material/person_search:",
        query_params={"org": row.target.organization},
    )


def target_detail(store: Store, row: TargetRow) -> None:
    """One target: who the user knows there with each stage, and a form to change it.

    The form's keys carry the target's revision: after a save its fields start afresh from
    the stored target, and a second click on a Save drawn before it is no click at all.
    What is typed in it is kept (ui/kept.py) while its box is folded or the page is left.
    """
    target = row.target
    prefix = f"tg_{target.id}_{target.revision}"
    people = "person" if row.count == 1 else "people"
    who = f"{row.count:,} {people} you know" if row.count else "find someone"
    label = f"{md_escape(target.organization)} · {who}"
    box = st.expander(label, key=f"tg_open_{target.id}", on_change="rerun")
    forget_older(_EDIT, f"tg_{target.id}_", prefix)  # typed over a revision since saved
    if not box.open:
        keep_typing(_EDIT)  # the click that folded it can carry the last thing typed in it
        return  # drawn only when opened: a long list stays light
    with box:
        if row.count:
            for person, stage in row.shown:
                left, right = st.columns([3, 1], vertical_alignment="center")
                with left:
                    contact_link(person.id, person.full_name)
                right.caption(stage.label)
            if row.count > len(row.shown):
                st.caption(md("and {:,} more.", row.count - len(row.shown)))
        else:
            st.caption("You know nobody there yet.")
        _find_link(row)
        values = _fields(prefix, target, _EDIT)
        save, remove = st.columns(2)
        if save.button("Save changes", key=f"{prefix}_save"):
            _save(store, values, target, "Saved.")
        if remove.button("Remove from the list", type="tertiary", key=f"{prefix}_remove"):
            attempt(
                lambda: delete_target(store, target.id),
                "Removed from your target list; your contacts there stay.",
                icon="🗑️",
            )
