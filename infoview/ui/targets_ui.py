"""Target employers on screen: the ranked list, who you know at each, and the network's hints."""

from __future__ import annotations

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
from infoview.ui.setup import flash
from infoview.ui.steps import contact_link
from infoview.ui.text import md, md_escape, plain_frame

RESEARCH_PAGE = pages.RESEARCH.path
SHOWN_MAX = 40


def _save(store: Store, values: dict, base: Target | None, done: str) -> None:
    try:
        save_target(store, values, base)
    except (TargetError, StaleRecordError, StoreError) as exc:
        st.error(md_escape(exc))
        return
    flash(done, icon="🎯")
    st.rerun()


def _fields(prefix: str, target: Target | None = None) -> dict:
    """Draw a target's fields and return their values."""
    org = st.text_input(
        "Organization",
        value=target.organization if target else "",
        max_chars=SHORT_MAX,
        key=f"{prefix}_org",
        placeholder="Globex",
    )
    a, b, c = st.columns([2, 1, 1], vertical_alignment="bottom")
    motivation = a.selectbox(
        "How much you want to work there",
        [3, 2, 1],
        index=[3, 2, 1].index(target.motivation if target else 2),
        format_func=MOTIVATION_LABELS.get,
        key=f"{prefix}_motivation",
    )
    postings = b.checkbox(
        "Postings of interest", value=target.postings if target else False, key=f"{prefix}_post"
    )
    alumni = c.checkbox(
        "Alumni of your school there",
        value=target.alumni if target else False,
        key=f"{prefix}_alumni",
    )
    notes = st.text_area(
        "Notes (news, teams, why it appeals)",
        value=target.notes if target else "",
        max_chars=REASON_MAX,
        height=80,
        key=f"{prefix}_notes",
    )
    return {
        "organization": org,
        "motivation": motivation,
        "postings": postings,
        "alumni": alumni,
        "notes": notes,
    }


def add_form(store: Store, empty: bool) -> None:
    """A form to add an organization to the list (open while the list is empty)."""
    with (
        st.expander("Add an organization", icon=":material/add:", expanded=empty),
        st.form("tg_add", clear_on_submit=True, border=False),
    ):
        values = _fields("tg_new")
        if st.form_submit_button("Add to the list", type="primary"):
            _save(store, values, None, "Added to your target list.")


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


def target_detail(store: Store, row: TargetRow, number: int) -> None:
    """One target: who the user knows there with each stage, and a form to change it."""
    target = row.target
    people = "person" if row.count == 1 else "people"
    who = f"{row.count:,} {people} you know" if row.count else "find someone"
    label = f"{md_escape(target.organization)} · {who}"
    box = st.expander(label, key=f"tg_open_{target.id}", on_change="rerun")
    if not box.open:
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
        with st.form(f"tg_edit_{target.id}", border=False):
            values = _fields(f"tg_{number}", target)
            save, remove = st.columns(2)
            if save.form_submit_button("Save changes"):
                _save(store, values, target, "Saved.")
            if remove.form_submit_button("Remove from the list", type="tertiary"):
                try:
                    delete_target(store, target.id)
                except StoreError as exc:
                    st.error(md_escape(exc))
                    return
                flash("Removed from your target list; your contacts there stay.", icon="🗑️")
                st.rerun()
