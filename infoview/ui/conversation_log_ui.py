"""The Conversations step's Log tab: what happened on the call, and the people they suggested.

Its inputs are drawn through ``kept`` and its saves carry the conversation's revision, as
explained in ``infoview.ui.conversation_ui``.
"""

from __future__ import annotations

from datetime import date

import streamlit as st
from pydantic import ValidationError

from infoview import models
from infoview.conversations import (
    MAX_REFERRALS,
    conversation_from_log,
    log_conversation,
    notes_for_log,
    referrals_from_rows,
    scheduled_parts,
)
from infoview.models import Contact, Conversation, friendly_errors
from infoview.questions import latest_plan
from infoview.store import Store
from infoview.timeline import referrals_by_referrer
from infoview.ui.conversation_ui import (
    KEPT,
    committed,
    forget_typing,
    how_and_how_long,
    kept,
    select_next,
)
from infoview.ui.date_box import TYPED_DATE_HELP
from infoview.ui.kept import kept_values, reserved_ids
from infoview.ui.long_text import warn_if_too_long
from infoview.ui.outcome import not_saved
from infoview.ui.setup import flash
from infoview.ui.steps import contact_link
from infoview.ui.text import md, md_escape
from infoview.wording import counted, number

# ---------------------------------------------------------------- logging


def _referral_rows(conv: Conversation) -> int:
    return st.session_state.get(f"cv_rows_{conv.id}", 2)


def _more_rows(conv: Conversation) -> None:
    key = f"cv_rows_{conv.id}"
    st.session_state[key] = min(MAX_REFERRALS, st.session_state.get(key, 2) + 1)


def log_tab(
    store: Store, contact: Contact, conv: Conversation, offers: list[str], today: date
) -> None:
    """Draw the log form: notes per planned question, what you learned, and referrals."""
    rev = f"{conv.id}_{conv.revision}"
    plan = latest_plan(store.plans(contact.id))
    notes = notes_for_log(plan.items if plan else [], conv.question_notes)
    default_day = conv.happened_on
    if default_day is None and conv.scheduled_at is not None:
        default_day = scheduled_parts(conv, conv.timezone or "UTC", today)[0]
    default_day = min(default_day or today, today)
    ids = reserved_ids(f"cv_refids_{rev}", MAX_REFERRALS)
    rows = _referral_rows(conv)
    with st.container(border=True):
        a, b, c = st.columns([2, 2, 1])
        happened = kept(
            a.date_input,
            "Day you talked",
            f"cv_happened_{rev}",
            default_day,
            lambda day: day <= today,
            max_value=today,
            help=TYPED_DATE_HELP,
        )
        mode, minutes = how_and_how_long(conv, b, c, f"cv_lmode_{rev}", f"cv_lmin_{rev}")
        answers = []
        if notes:
            st.markdown("**What they said to your questions**")
            for i, note in enumerate(notes):
                text = kept(
                    st.text_area,
                    md_escape(note.question),
                    f"cv_note_{rev}_{i}",
                    note.note,
                    height=80,
                )
                warn_if_too_long(text, models.NOTES_MAX)
                answers.append((note.question, text))
        else:
            st.caption(
                "No question plan for this contact, so there are no per-question notes. "
                "Write what you learned below."
            )
        fields = {}
        for name, label, hint in (
            ("insights", "Key insights", "What surprised you? What did you not know before?"),
            ("advice", "Their advice", "What did they suggest you do, read or learn?"),
            ("next_steps", "Your next steps", "What will you do, and by when?"),
            (
                "reflection",
                "What it means for your own path",
                "Does this path still appeal? What would you need to get there?",
            ),
        ):
            fields[name] = kept(
                st.text_area,
                label,
                f"cv_{name}_{rev}",
                getattr(conv, name),
                height=100,
                help=hint,
            )
            warn_if_too_long(fields[name], models.NOTES_MAX)
        offered_key = f"cv_offered_{rev}"
        typed = kept_values(KEPT).get(offered_key, [])
        choices = list(dict.fromkeys([*offers, *conv.offered, *typed]))
        offered = kept(
            st.multiselect,
            "Help you offered in return",
            offered_key,
            list(conv.offered),
            options=choices,
            accept_new_options=True,
            help="From “What I can offer” in your story; type to add something else.",
        )
        st.markdown("**People they suggested you talk to**")
        st.caption(
            md(
                "Each one becomes a new contact in Research, remembered as suggested by "
                "{}. Leave a row empty if you need fewer.",
                contact.full_name,
            )
        )
        referral_rows = []
        for i in range(rows):
            n, o, t = st.columns(3)
            referral_rows.append(
                {
                    "name": kept(
                        n.text_input,
                        f"Person {i + 1}: name",
                        f"cv_rn_{rev}_{i}",
                        "",
                        max_chars=models.NAME_MAX,
                    ),
                    "organization": kept(
                        o.text_input,
                        "Organization",
                        f"cv_ro_{rev}_{i}",
                        "",
                        max_chars=models.SHORT_MAX,
                    ),
                    "title": kept(
                        t.text_input, "Title", f"cv_rt_{rev}_{i}", "", max_chars=models.SHORT_MAX
                    ),
                    "why": kept(
                        st.text_input,
                        "Why they suggested this person",
                        f"cv_rw_{rev}_{i}",
                        "",
                        max_chars=models.REASON_MAX,
                    ),
                }
            )
        if rows < MAX_REFERRALS:
            st.button(
                "Room for one more person",
                icon=":material/person_add:",
                on_click=_more_rows,
                args=(conv,),
                key=f"cv_more_{rev}",
                help="Adds a row; what you typed stays.",
            )
        submitted = st.button("Save the log", type="primary", key=f"cv_log_{rev}")
    if submitted:
        values = {
            "happened_on": happened,
            "mode": mode,
            "minutes": int(minutes),
            "notes": answers,
            "offered": offered,
            **fields,
        }
        _save_log(store, contact, conv, values, referral_rows, ids)


def _save_log(
    store: Store,
    contact: Contact,
    conv: Conversation,
    values: dict,
    rows: list[dict],
    ids: list[str],
) -> None:
    try:
        logged = conversation_from_log(conv, values)
    except ValidationError as exc:
        problems = friendly_errors(exc)
    else:
        problems = []
    people, wrong = referrals_from_rows(rows, contact.id, values["happened_on"], ids)
    problems += wrong
    if not_saved(problems):
        return
    if not committed(
        lambda: log_conversation(store, logged, people, expected_revision=conv.revision)
    ):
        return
    forget_typing(conv)
    select_next(contact.id, conv.id)
    st.session_state.pop(f"cv_rows_{conv.id}", None)
    waits = "waits" if len(people) == 1 else "wait"
    if people:
        flash("Conversation logged. {} {} in Research.", counted(len(people), "new contact"), waits)
    else:
        flash("Conversation logged.")
    st.rerun()


def referrals_given(store: Store, contact: Contact) -> None:
    """List the people this contact has suggested, each linked to their page."""
    given = referrals_by_referrer(store).get(contact.id, [])
    if not given:
        return
    st.markdown(md("**Suggested by {} so far:** {}", contact.full_name, number(len(given))))
    for other in given[:20]:
        contact_link(other.id, other.full_name)
