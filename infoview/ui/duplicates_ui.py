"""One person, one record: the suggestions list, the side-by-side review, merge and undo.

The suggestions are worked out once per data revision and kept on the store. A review
remembers the two records' revisions when it opens; if either changes elsewhere before the
merge, the review says so and offers to reload instead of merging what was not seen.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

import pandas as pd
import streamlit as st

from infoview.duplicates import Candidate, Confidence, duplicates_of, find_duplicates
from infoview.io.backup import RestorePlan
from infoview.io.importing import Decision, ImportPlan, ImportPreview
from infoview.merge import (
    CHOICE_FIELDS,
    UNION_FIELDS,
    MergePlan,
    MergeProblem,
    apart_pairs,
    apply_merge,
    default_choices,
    edited_since,
    keep_apart,
    merges,
    moves_text,
    plan_merge,
    undo_blockers,
    undo_merge,
)
from infoview.models import FIELD_LABELS, Contact, MergeRecord, Source
from infoview.research import SECTOR_LABELS, SOURCE_LABELS
from infoview.store import Store, StoreError
from infoview.ui.kept import kept_values, kept_widget
from infoview.ui.pages import CONTACT, DATA
from infoview.ui.setup import flash
from infoview.ui.text import md, md_escape, plain, plain_frame
from infoview.wording import counted

REVIEW_PARAM = "review"  # ?review=<keep id>.<other id> opens that pair on the Data page
_PAIR = "dd_pair"  # (keep id, other id) under review
_SEEN = "dd_seen"  # {contact id: revision} when the review opened
_SHOWN = "dd_shown"  # how many suggestions the list shows
_LEVEL = "dd_level"
_KEPT = "dd_kept"  # the review's choices and the list's filter, kept while its tab is closed
PAGE_SIZE = 20
HISTORY_ROWS = 20
CONFIDENCE_WORDS = {level: level.name.capitalize() for level in sorted(Confidence, reverse=True)}
LEVELS = ["All", *CONFIDENCE_WORDS.values()]  # surest first
EXTRA_LABELS = {
    "sector": "Sector",
    "referred_by": "Suggested to you by",
    "source": "Where they came from",
    "joined_on": "In your network since",
    "outside_field": "Outside your field",
    "archived": "Archived",
    "position_since": "In this position since",
}
CHOICE_WORDS = {"keep": "Left", "other": "Right", "both": "Both"}
DECISION_WORDS: dict[str, str] = {
    "later": "Add as new; decide later",
    "merge": "Same person: merge",
    "apart": "Different people",
    "skip": "Leave this row out",
}


# ----------------------------------------------------------------------------- pure helpers
def field_label(name: str) -> str:
    """Return a field's label as the review shows it."""
    return EXTRA_LABELS.get(name) or FIELD_LABELS.get(name) or name.replace("_", " ").capitalize()


def value_text(name: str, value: Any, names: Mapping[str, str]) -> str:
    """Return a field's value as plain text for the side-by-side review."""
    if value in (None, "", []):
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, date):
        return f"{value:%d %b %Y}"
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if name == "referred_by":
        return names.get(value, "someone no longer in your network")
    if name == "sector":
        return SECTOR_LABELS.get(str(value), str(value))
    if name == "source":
        return SOURCE_LABELS.get(str(value), str(value))
    return str(value)


def differing_fields(keep: Contact, other: Contact) -> list[str]:
    """Return the fields whose values differ between two records, in the review's order."""
    return [n for n in CHOICE_FIELDS if getattr(keep, n) != getattr(other, n)]


def suggestion_counts(found: list[Candidate]) -> dict[str, int]:
    """Return how many suggestions each level filter shows."""
    counts = {"All": len(found)}
    for level, word in CONFIDENCE_WORDS.items():
        counts[word] = sum(1 for c in found if c.confidence == level)
    return counts


def merge_line(record: MergeRecord) -> str:
    """Return one line about a merge: who went into whom, when, and what moved."""
    when = f"{record.created_at.astimezone():%d %b %Y %H:%M}"
    moved = f", moving {moves_text(record.moved)}" if record.moved else ""
    return f"{when}: {record.other_name} merged into {record.keep_name}{moved}"


def import_choice_counts(preview: ImportPreview) -> dict[str, int]:
    """Return the figures an import preview shows once its duplicates are decided."""
    return {
        "new": preview.new_count,
        "merged": len(preview.merges),
        "updated": len(preview.updated),
        "unchanged": preview.unchanged,
        "left_out": len(preview.skipped),
    }


# ---------------------------------------------------------------------------- store reads
def suggestions(store: Store) -> list[Candidate]:
    """Return every suggested pair, kept on the store until the data changes."""
    return store.cached(
        ("duplicates",),
        lambda: find_duplicates(store.contacts(include_archived=True), apart_pairs(store)),
    )


def suggestions_for(store: Store, contact: Contact) -> list[Candidate]:
    """Return the suggestions involving one contact (for the contact's page)."""
    return store.cached(
        ("duplicates-of", contact.id),
        lambda: duplicates_of(contact, store.contacts(include_archived=True), apart_pairs(store)),
    )


# ------------------------------------------------------------------------------- session
def open_review(store: Store, keep_id: str, other_id: str) -> None:
    """Start reviewing a pair: remember which record stays and the revisions seen."""
    st.session_state[_PAIR] = (keep_id, other_id)
    st.session_state[_SEEN] = {
        cid: c.revision for cid in (keep_id, other_id) if (c := store.contact(cid)) is not None
    }
    for name in CHOICE_FIELDS:
        st.session_state.pop(f"dd_choice_{name}", None)
    choices = kept_values(_KEPT)
    for key in [k for k in choices if k.startswith("dd_choice_")]:
        del choices[key]


def close_review() -> None:
    """Go back to the list of suggestions."""
    for slot in (_PAIR, _SEEN):
        st.session_state.pop(slot, None)


def review_from_link(store: Store) -> bool:
    """Open the pair named by ?review=<keep>.<other>; return True when one was asked for."""
    asked = st.query_params.get(REVIEW_PARAM)
    if not asked:
        return False
    del st.query_params[REVIEW_PARAM]
    keep_id, _, other_id = asked.partition(".")
    if store.contact(keep_id) and store.contact(other_id) and keep_id != other_id:
        open_review(store, keep_id, other_id)
    return True


# ------------------------------------------------------------------------------ the list
def duplicates_section(store: Store) -> None:
    """Show the suggestions, the review of one pair, and the merges that can be undone."""
    pair = st.session_state.get(_PAIR)
    if pair:
        review_pair(store, *pair)
        return
    with st.spinner("Looking for people who are in your network twice…"):
        found = suggestions(store)
    st.markdown(
        "People who may be in your network twice, surest first. Nothing is merged until "
        "you review a pair and say so, and every merge can be undone below."
    )
    if not found:
        st.success(
            "No duplicates found: every person in your network has one record.",
            icon=":material/check_circle:",
        )
    else:
        counts = suggestion_counts(found)
        level = kept_widget(
            st.segmented_control,
            "Show",
            _LEVEL,
            "All",
            LEVELS.__contains__,
            bucket=_KEPT,
            options=LEVELS,
            required=True,
            format_func=lambda word: md("{} · {:,}", word, counts[word]),
        )
        shown = [c for c in found if level == "All" or CONFIDENCE_WORDS[c.confidence] == level]
        limit = st.session_state.get(_SHOWN, PAGE_SIZE)
        for candidate in shown[:limit]:
            _suggestion_row(store, candidate)
        if len(shown) > limit:
            left = len(shown) - limit
            if st.button(md("Show {} more of {:,}", min(left, PAGE_SIZE), left), key="dd_more"):
                st.session_state[_SHOWN] = limit + PAGE_SIZE
                st.rerun()
    merge_history(store)


def _suggestion_row(store: Store, candidate: Candidate) -> None:
    first, second = store.contact(candidate.a), store.contact(candidate.b)
    if first is None or second is None:
        return
    with st.container(border=True, horizontal=True, vertical_alignment="center"):
        with st.container(gap="small"):
            st.text(plain("{}  ·  {}", first.full_name, second.full_name))
            where = " / ".join(
                o or "no organization" for o in (first.organization, second.organization)
            )
            st.caption(
                md(
                    "**{}** · {} · {}",
                    CONFIDENCE_WORDS[candidate.confidence],
                    candidate.reason,
                    where,
                )
            )
        if st.button(
            "Review",
            key=f"dd_review_{candidate.a}_{candidate.b}",
            icon=":material/compare_arrows:",
            width="content",
        ):
            open_review(store, candidate.a, candidate.b)
            st.rerun()


# ---------------------------------------------------------------------------- the review
def review_pair(store: Store, keep_id: str, other_id: str) -> None:
    """Show two records side by side, a choice per differing field, and what moves."""
    keep, other = store.contact(keep_id), store.contact(other_id)
    if st.button("Back to the list", icon=":material/arrow_back:", key="dd_back"):
        close_review()
        st.rerun()
    if keep is None or other is None:
        st.warning("One of these two records no longer exists (merged or deleted elsewhere).")
        return
    seen = st.session_state.get(_SEEN, {})
    changed = [c for c in (keep, other) if seen.get(c.id) != c.revision]
    st.markdown("## Are these the same person?")
    left, right = st.columns(2)
    for column, contact, side in ((left, keep, "Left: stays"), (right, other, "Right: folded in")):
        with column.container(border=True):
            st.caption(side)
            st.text(plain(contact.full_name))
            facts = [
                " at ".join(p for p in (contact.title, contact.organization) if p),
                SOURCE_LABELS.get(contact.source.value, ""),
                f"in your network since {contact.joined_on:%d %b %Y}",
            ]
            st.caption(md_escape(" · ".join(f for f in facts if f)))
            st.page_link(
                CONTACT.path,
                label="Open their page",
                icon=CONTACT.icon,
                query_params={"contact": contact.id},
            )
    if st.button(
        "Swap: keep the right record instead", icon=":material/swap_horiz:", key="dd_swap"
    ):
        open_review(store, other.id, keep.id)
        st.rerun()
    names = {c.id: c.full_name for c in store.contacts(include_archived=True)}
    choices = _field_choices(keep, other, names)
    try:
        plan = plan_merge(store, keep.id, other.id, choices)
    except MergeProblem as exc:
        st.error(md_escape(exc))
        return
    _merge_preview(plan, names)
    if changed:
        st.warning(
            "One of these records changed elsewhere (another tab or program) since you opened "
            "this review. Reload it to see the latest values before merging.",
            icon=":material/sync_problem:",
        )
        if st.button("Reload the review", key="dd_reload"):
            open_review(store, keep.id, other.id)
            st.rerun()
    with st.container(horizontal=True):
        merge_clicked = st.button(
            "Merge into the left record",
            type="primary",
            icon=":material/merge:",
            key="dd_merge",
            disabled=bool(changed),
        )
        apart_clicked = st.button(
            "Not the same person", icon=":material/call_split:", key="dd_apart"
        )
    if merge_clicked:
        _do_merge(store, plan)
    if apart_clicked:
        try:
            keep_apart(store, keep.id, other.id)
        except (MergeProblem, StoreError) as exc:
            st.error(md("Nothing was changed: {}", exc))
            return
        close_review()
        flash("Noted: they are different people, and will not be suggested again.")
        st.rerun()


def _field_choices(keep: Contact, other: Contact, names: Mapping[str, str]) -> dict[str, str]:
    """Draw the differing fields side by side with a choice each; return the choices."""
    differing = differing_fields(keep, other)
    same = [field_label(n) for n in CHOICE_FIELDS if n not in differing]
    defaults = default_choices(keep, other)
    choices: dict[str, str] = {}
    st.markdown("**Field by field** · the default is the newer value; lists are joined.")
    for name in differing:
        options = ["keep", "other", *(["both"] if name in UNION_FIELDS or name == "notes" else [])]
        with st.container(border=True):
            label_col, left_col, right_col = st.columns([2, 3, 3])
            label_col.markdown(md("**{}**", field_label(name)))
            left_col.text(value_text(name, getattr(keep, name), names))
            right_col.text(value_text(name, getattr(other, name), names))
            choice = kept_widget(
                st.radio,
                md("Keep for {}", field_label(name)),
                f"dd_choice_{name}",
                defaults[name] if defaults[name] in options else options[0],
                options.__contains__,
                bucket=_KEPT,
                options=options,
                format_func=CHOICE_WORDS.get,
                horizontal=True,
                label_visibility="collapsed",
            )
        choices[name] = choice or defaults[name]
    if same:
        st.caption(md("The same in both: {}.", ", ".join(same)))
    return choices


def _merge_preview(plan: MergePlan, names: Mapping[str, str]) -> None:
    """Show the merged record's changed fields and every record that moves with it."""
    with st.container(border=True):
        st.markdown("**What the merge does**")
        st.markdown(
            md(
                "The right record is folded into the left one, which keeps its id. Moving to it: "
                "{}. Reminders follow the asks and "
                "conversations they belong to.",
                moves_text(plan.moves()),
            )
        )
        changed = plan.changed_fields()
        if changed:
            st.markdown("The left record becomes:")
            # A table shows user values as plain text: no links, no Markdown.
            st.dataframe(
                plain_frame(
                    pd.DataFrame(
                        {
                            "Field": [field_label(n) for n in changed],
                            "Becomes": [
                                value_text(n, getattr(plan.result, n), names) for n in changed
                            ],
                        }
                    )
                ),
                hide_index=True,
                width="stretch",
            )
        st.caption(
            "One change, saved at once with a backup first. You can undo it below the list "
            "of suggestions for as long as nothing it touched is edited."
        )


def _do_merge(store: Store, plan: MergePlan) -> None:
    try:
        record = apply_merge(store, plan)
    except (MergeProblem, StoreError) as exc:
        st.error(md("Nothing was merged: {}", exc))
        return
    close_review()
    flash("Merged {} into {}. Undo it under Merges you made.", record.other_name, record.keep_name)
    st.rerun()


# ------------------------------------------------------------------------------ history
def merge_history(store: Store) -> None:
    """List the merges made, newest first, each with an Undo button while it can be undone."""
    made = merges(store)
    if not made:
        return
    st.markdown("## Merges you made")
    for record in made[:HISTORY_ROWS]:
        with st.container(border=True, horizontal=True, vertical_alignment="center"):
            st.text(plain(merge_line(record)))
            if record.undone_at is not None:
                st.caption(
                    md("Undone {:%d %b %Y %H:%M}", record.undone_at.astimezone()), width="content"
                )
                continue
            blockers = undo_blockers(store, record)
            edited = [] if blockers else edited_since(store, record)
            if blockers:
                st.caption(md_escape("Cannot be undone: " + "; ".join(blockers[:3]) + "."))
            elif edited:
                st.caption(
                    md_escape(
                        "Edited since: " + "; ".join(edited[:3]) + ". Undo keeps those edits."
                    )
                )
            clicked = st.button(
                "Undo",
                key=f"dd_undo_{record.id}",
                icon=":material/undo:",
                disabled=bool(blockers),
                width="content",
            )
            if clicked:
                try:
                    undo_merge(store, record.id)
                except (MergeProblem, StoreError) as exc:
                    st.error(md("Nothing was undone: {}", exc))
                    return
                flash(
                    "Undone: {} and {} are two records again.", record.keep_name, record.other_name
                )
                st.rerun()
    if len(made) > HISTORY_ROWS:
        st.caption(md("and {}.", counted(len(made) - HISTORY_ROWS, "earlier merge")))


# ----------------------------------------------------------------------- contact's page
def same_person_note(store: Store, contact: Contact) -> None:
    """On a contact's page, say who they may also be, with a link to review the pair."""
    found = suggestions_for(store, contact)
    if not found:
        return
    with st.container(border=True):
        for candidate in found[:3]:
            other_id = candidate.b if candidate.a == contact.id else candidate.a
            other = store.contact(other_id)
            if other is None:
                continue
            where = f" at {other.organization}" if other.organization else ""
            st.markdown(
                md(
                    ":material/group: This may be the same person as **{}**{} ({}: {}).",
                    other.full_name,
                    where,
                    CONFIDENCE_WORDS[candidate.confidence].lower(),
                    candidate.reason,
                )
            )
            st.page_link(
                DATA.path,
                label="Review the two records",
                icon=":material/compare_arrows:",
                query_params={REVIEW_PARAM: f"{contact.id}.{other_id}"},
            )


# ------------------------------------------------------------------------ import preview
def _decide(rows: list[tuple[Any, str, Contact, Confidence, str]], prefix: str) -> dict:
    """Draw one choice per possible duplicate (key, title, existing, confidence, reason)."""
    decisions: dict[Any, Decision] = {}
    with st.expander(md("May already be in your network · {:,}", len(rows)), expanded=True):
        st.caption(
            "These look like someone you already have. Choose for each: merge them into that "
            "person (undoable), keep them as different people, or leave them out. Undecided "
            "ones are added and stay suggested under Duplicates."
        )
        for key, title, known, confidence, reason in rows[: PAGE_SIZE * 5]:
            with st.container(border=True):
                st.text(plain(title))
                where = f" at {known.organization}" if known.organization else ""
                st.caption(
                    md(
                        "{} the same person as **{}**{} · {}",
                        CONFIDENCE_WORDS[confidence],
                        known.full_name,
                        where,
                        reason,
                    )
                )
                decisions[key] = st.radio(
                    md("What to do with {}", title),
                    list(DECISION_WORDS),
                    format_func=DECISION_WORDS.get,
                    horizontal=True,
                    key=f"{prefix}_{key}",
                    label_visibility="collapsed",
                )
        if len(rows) > PAGE_SIZE * 5:
            st.caption(
                md("The other {:,} are added and stay suggested.", len(rows) - PAGE_SIZE * 5)
            )
    return decisions


def _titled(contact: Contact, prefix: str) -> str:
    where = f" at {contact.organization}" if contact.organization else ""
    return f"{prefix}{contact.full_name}{where}"


def import_duplicates(plan: ImportPlan, key: str) -> dict[int, Decision]:
    """Ask what to do with each new row that may be someone already in the network."""
    if not plan.possible:
        return {}
    where = "Card" if plan.parsed.source == Source.VCARD else "Line"
    rows = [
        (d.line, _titled(d.new, f"{where} {d.line}: "), d.existing, d.confidence, d.reason)
        for d in plan.possible
    ]
    return _decide(rows, f"dd_import_{key}")


def restore_duplicates(plan: RestorePlan, key: str) -> dict[str, Decision]:
    """Ask what to do with each contact a merge-restore adds that may already be here."""
    if not plan.possible:
        return {}
    rows = [
        (d.new.id, _titled(d.new, "From the backup: "), d.existing, d.confidence, d.reason)
        for d in plan.possible
    ]
    return _decide(rows, f"dd_restore_{key[-16:]}")
