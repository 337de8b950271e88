"""The Plan questions step's widgets: the plan editor, the question bank and the prep sheet.

Every edit is saved at once (one commit per click), so nothing waits in the session to be
lost. Widget keys carry the plan's revision: after each save the widgets are drawn afresh
from the stored plan, and a click on a widget drawn from an older revision is refused by
the store as stale instead of overwriting a newer plan.
"""

from __future__ import annotations

import base64
from datetime import date
from typing import Any

import streamlit as st
from pydantic import ValidationError

from infoview.models import REASON_MAX, CallPlan, Contact, PlanItem, friendly_errors
from infoview.prepsheet import prep_sheet_html, prep_sheet_markdown
from infoview.questions import (
    MAX_CALL_MINUTES,
    PlanFit,
    default_call_minutes,
    default_plan,
    drop_items,
    ensure_referral_last,
    format_mark,
    has_referral,
    is_referral,
    latest_plan,
    move,
    prep_sheet_filename,
    remove,
)
from infoview.research import SECTOR_LABELS, tenure_text
from infoview.store import StaleRecordError, Store, StoreError
from infoview.ui import pages
from infoview.ui.kept import report_problem, reserved_id, show_problem
from infoview.ui.steps import step_link
from infoview.ui.text import md, md_escape, md_join
from infoview.wording import counted

PAGE = "qp"  # the key prefix of the step's session state
CUSTOM_OPEN = "qp_custom_open"
REPLACE_OPEN = "qp_replace"
EDIT_KEY = "qp_edit"
CUSTOM_MINUTES = 2.0
MIN_CALL_MINUTES = 5
SAVED = "Every change is saved with this contact as you make it."
NOT_SAVED = "Nothing saved yet: your first change saves the plan with this contact."
STALE = (
    "Your last change was not saved: this plan changed in another tab or program. "
    "The latest version is shown below; make the change again if you still want it."
)


# ---------------------------------------------------------------- loading and saving


def load_plan(store: Store, contact: Contact) -> CallPlan:
    """Return the contact's saved plan, or a new unsaved one whose id survives reruns."""
    saved = latest_plan(store.plans(contact.id))
    if saved is not None:
        return saved
    plan_id = reserved_id(f"qp_new_{contact.id}")
    asks = store.asks(contact.id)
    return CallPlan(
        id=plan_id,
        contact_id=contact.id,
        minutes=default_call_minutes(asks),
        items=ensure_referral_last([], False),
    )


def save_plan(store: Store, plan: CallPlan, **changes: Any) -> bool:
    """Save the plan with changes; a refusal is kept in session state and shown next run."""
    merged = {**plan.model_dump(), **changes}
    try:
        items = [PlanItem.model_validate(item) for item in merged["items"]]
        merged["items"] = ensure_referral_last(items, merged["referral_removed"])
        updated = CallPlan.model_validate(merged)
    except ValidationError as exc:
        report_problem(PAGE, "error", "Not saved: " + "; ".join(friendly_errors(exc)))
        return False
    try:
        # Revision 0 for a plan never saved: a second creation from a stale click is refused.
        store.save(updated, expected_revision=plan.revision)
    except StaleRecordError:
        report_problem(PAGE, "warning", STALE)
        return False
    except StoreError as exc:
        report_problem(PAGE, "error", f"Not saved: {exc}")
        return False
    return True


# ---------------------------------------------------------------- who and why


def research_line(contact: Contact, today: date) -> str:
    """Return one escaped line on who the contact is."""
    role = " at ".join(md_escape(p) for p in (contact.title, contact.organization) if p)
    parts = [role] if role else []
    if contact.position_since:
        parts.append(f"{tenure_text(contact.position_since, today)} in this role")
    if contact.field:
        parts.append(md_escape(contact.field))
    parts.append(SECTOR_LABELS[contact.sector.value])
    return " · ".join(parts)


def who_and_why(contact: Contact, today: date) -> None:
    """Show a short research summary and the compelling reason to talk."""
    st.header(md_escape(contact.full_name))
    line = md(":gray[:small[{}]]", research_line(contact, today))
    if contact.reason.strip():
        st.markdown(md("{}\n\n**Why you are talking:** {}", line, contact.reason))
    else:
        st.markdown(line)
        st.warning(
            "You have not written down why you want to talk to this person. One specific "
            "sentence makes the call, and your questions, much sharper.",
            icon=":material/edit_note:",
        )
    step_link(pages.RESEARCH, contact.id, "Edit the research", ":material/travel_explore:")


# ---------------------------------------------------------------- length and fit


def _on_length(store: Store, plan: CallPlan, key: str) -> None:
    save_plan(store, plan, minutes=int(st.session_state[key]))


def call_length(store: Store, plan: CallPlan, suggested: int | None) -> None:
    """Draw the call-length input; a change is saved at once."""
    key = f"qp_len_{plan.id}_{plan.revision}"
    st.number_input(
        "Call length (minutes)",
        min_value=MIN_CALL_MINUTES,
        max_value=MAX_CALL_MINUTES,
        value=plan.minutes,
        step=5,
        key=key,
        on_change=_on_length,
        args=(store, plan, key),
        help="Use the length they agreed to. A visit in person can run longer, up to 3 hours.",
    )
    if suggested is not None and suggested != plan.minutes:
        st.caption(md("Your ask proposed {} minutes.", suggested))


def time_budget(fit: PlanFit) -> None:
    """Show minutes used against minutes available, with the reserved parts spelled out."""
    share = min(fit.used_minutes / fit.available_minutes, 1.0)
    label = f"{fit.used_minutes:g} of {fit.call_minutes} minutes planned"
    if fit.fits:
        label += f" · {fit.spare_minutes:g} to spare"
    else:
        label += f" · {fit.over_by:g} too many"
    r = fit.reserve
    breakdown = (
        f"Questions {fit.question_minutes:g} min · kept aside {r.total:g} min: hellos "
        f"{r.hello:g}, your 30-second introduction {r.intro:g}, wrap-up {r.wrap_up:g}"
    )
    st.progress(share, text=md("{}  \n:gray[:small[{}]]", label, breakdown))


def _drop(store: Store, plan: CallPlan, items: list[PlanItem], indexes: tuple[int, ...]) -> None:
    save_plan(store, plan, items=drop_items(items, indexes))


def over_time(store: Store, plan: CallPlan, fit: PlanFit) -> None:
    """Warn when the plan is too long and offer to drop the suggested questions."""
    if fit.fits or not fit.warning:
        return
    if not fit.suggest_drops:
        st.warning(fit.warning, icon=":material/timer:")
        return
    drops = [
        md("- {} ({:g} min)", fit.items[i].text, fit.items[i].minutes) for i in fit.suggest_drops
    ]
    st.warning(
        md(
            "{}\n\n**Questions to drop first** (the least related to your reason and "
            "topics, then the least needed in a short call):\n\n{}",
            fit.warning,
            md_join("\n", drops),
        ),
        icon=":material/timer:",
    )
    count = len(fit.suggest_drops)
    st.button(
        md("Drop {}", "this question" if count == 1 else f"these {count} questions"),
        key=f"qp_drop_{plan.id}_{plan.revision}",
        on_click=_drop,
        args=(store, plan, list(fit.items), fit.suggest_drops),
    )


def duplicates_note(fit: PlanFit) -> None:
    """Point out questions that ask the same thing in other words."""
    if not fit.duplicates:
        return
    pairs = md_join(
        "\n",
        (md("- {} / {}", fit.items[a].text, fit.items[b].text) for a, b in fit.duplicates),
    )
    st.info(
        md(
            "**These questions ask much the same thing**; one of each pair is enough, and the "
            "minutes go to something new:\n\n{}",
            pairs,
        ),
        icon=":material/content_copy:",
    )


# ---------------------------------------------------------------- the plan


def _on_minutes(store: Store, plan: CallPlan, items: list[PlanItem], i: int, key: str) -> None:
    changed = items[i].model_copy(update={"minutes": float(st.session_state[key])})
    save_plan(store, plan, items=[*items[:i], changed, *items[i + 1 :]])


def _on_move(store: Store, plan: CallPlan, items: list[PlanItem], i: int, delta: int) -> None:
    save_plan(store, plan, items=move(items, i, delta))


def _on_remove(store: Store, plan: CallPlan, items: list[PlanItem], i: int) -> None:
    removed = plan.referral_removed or is_referral(items[i])
    save_plan(store, plan, items=remove(items, i), referral_removed=removed)


def on_referral_back(store: Store, plan: CallPlan) -> None:
    save_plan(store, plan, items=ensure_referral_last(plan.items, False), referral_removed=False)


def _on_suggested(store: Store, plan: CallPlan, sector: str) -> None:
    save_plan(store, plan, items=default_plan(sector, plan.minutes), referral_removed=False)
    if REPLACE_OPEN in st.session_state:
        st.session_state[REPLACE_OPEN] = False  # done: close the box that asked


def _reserved_lines(*rows: tuple[float, str, float | None]) -> list[str]:
    lines = []
    for mark, label, minutes in rows:
        text = label if minutes is None else f"{label} · {minutes:g} min"
        lines.append(f"`{format_mark(mark)}`&ensp;:gray[{text}]")
    return lines


def _reserved_rows(*rows: tuple[float, str, float | None], note: str = "") -> None:
    """Show the call's fixed parts (time mark, what happens, minutes) as lines of one element."""
    lines = [f":gray[:small[{note}]]\n"] if note else []
    st.markdown("  \n".join(lines + _reserved_lines(*rows)))


def _opening(fit: PlanFit) -> tuple[tuple[float, str, float | None], ...]:
    r = fit.reserve
    return (
        (0, "Hellos, and thank them for their time", r.hello),
        (fit.intro_mark, "Your 30-second introduction", r.intro),
    )


def _closing(fit: PlanFit) -> tuple[tuple[float, str, float | None], ...]:
    return (
        (
            fit.wrap_up_mark,
            "Wrap up: recap, check names they gave you, thank them",
            fit.reserve.wrap_up,
        ),
        (fit.used_minutes, "Planned end", None),
    )


def plan_timeline(plan: CallPlan, fit: PlanFit) -> None:
    """Show the whole call, time mark by time mark, as one element (nothing to edit)."""
    pinned = not plan.referral_removed
    lines = [f":gray[:small[{SAVED if plan.revision else NOT_SAVED}]]\n"]
    lines += _reserved_lines(*_opening(fit))
    for item, mark in zip(fit.items, fit.marks, strict=True):
        line = f"`{format_mark(mark)}`&ensp;{md_escape(item.text)} :gray[· {item.minutes:g} min]"
        if pinned and is_referral(item):
            line += " :gray[· *asked last: this is how your network grows*]"
        lines.append(line)
    lines += _reserved_lines(*_closing(fit))
    st.markdown("  \n".join(lines))


def plan_editor(store: Store, plan: CallPlan, fit: PlanFit, editing: bool = True) -> None:
    """Draw the ordered plan with time marks; when editing, its minutes, move and remove."""
    items = list(fit.items)
    rev = f"{plan.id}_{plan.revision}"
    if not any(not is_referral(item) for item in items):
        st.info(
            "No questions of your own yet. Pick some in the Question bank tab, add your own "
            "below, or start from a suggested plan.",
            icon=":material/lightbulb:",
        )
    if not editing:
        plan_timeline(plan, fit)
        _referral_back(store, plan, items, rev)
        return
    _reserved_rows(*_opening(fit), note=SAVED if plan.revision else NOT_SAVED)
    referral_pinned = not plan.referral_removed
    last_free = len(items) - (2 if referral_pinned and has_referral(items) else 1)
    for i, (item, mark) in enumerate(zip(items, fit.marks, strict=True)):
        pinned = referral_pinned and is_referral(item)
        # One bordered row per question: its time mark and wording in one element, then the
        # minutes and the move and remove buttons side by side (no columns to lay out). The
        # icons speak for themselves; a tooltip on each would double the buttons' weight.
        with st.container(
            border=True, horizontal=True, wrap=False, vertical_alignment="center", gap="xxsmall"
        ):
            text = f"`{format_mark(mark)}`&ensp;{md_escape(item.text)}"
            if pinned:
                text += "  \n:gray[*Asked last: this is how your network grows.*]"
            st.markdown(text, width="stretch")
            key = f"qp_min_{rev}_{i}"
            st.number_input(
                "Minutes",
                min_value=0.5,
                max_value=120.0,
                value=max(float(item.minutes), 0.5),
                step=0.5,
                format="%g",
                key=key,
                on_change=_on_minutes,
                args=(store, plan, items, i, key),
                label_visibility="collapsed",
                width=80,
            )
            st.button(
                ":material/arrow_upward:",
                key=f"qp_up_{rev}_{i}",
                type="tertiary",
                disabled=pinned or i == 0,
                on_click=_on_move,
                args=(store, plan, items, i, -1),
            )
            st.button(
                ":material/arrow_downward:",
                key=f"qp_down_{rev}_{i}",
                type="tertiary",
                disabled=pinned or i >= last_free,
                on_click=_on_move,
                args=(store, plan, items, i, 1),
            )
            st.button(
                ":material/close:",
                key=f"qp_remove_{rev}_{i}",
                type="tertiary",
                on_click=_on_remove,
                args=(store, plan, items, i),
            )
    _reserved_rows(*_closing(fit))
    _referral_back(store, plan, items, rev)


def _referral_back(store: Store, plan: CallPlan, items: list[PlanItem], rev: str) -> None:
    if plan.referral_removed and not has_referral(items):
        st.info(
            "You took out “who else should I talk to?”. It is the question that turns one "
            "conversation into the next, so most people keep it as their last.",
            icon=":material/hub:",
        )
        st.button(
            "Add it back",
            key=f"qp_referral_back_{rev}",
            icon=":material/undo:",
            on_click=on_referral_back,
            args=(store, plan),
        )


def edit_switch() -> bool:
    """The switch between the plan to read (light) and the plan to edit; kept for the session."""
    return st.toggle(
        "Edit the order and minutes",
        key=EDIT_KEY,
        persist_state="session",
    )


def suggested_plan(store: Store, plan: CallPlan, sector: str) -> None:
    """Offer a starter plan for the contact's sector; replacing real work asks first."""
    own = [item for item in plan.items if not is_referral(item)]
    rev = f"{plan.id}_{plan.revision}"
    label = f"Start from a suggested plan for {SECTOR_LABELS.get(sector, sector).lower()}"
    if not own:
        st.button(
            label,
            key=f"qp_suggest_{rev}",
            type="primary",
            icon=":material/auto_awesome:",
            on_click=_on_suggested,
            args=(store, plan, sector),
        )
        return
    box = st.popover(
        "Replace with a suggested plan",
        icon=":material/auto_awesome:",
        key=REPLACE_OPEN,
        on_change="rerun",
    )
    if box.open:  # drawn only when opened
        box.write(
            md(
                "This replaces your {} with a starter set sized for {} minutes.",
                counted(len(own), "question"),
                plan.minutes,
            )
        )
        box.button(
            "Replace my questions",
            key=f"qp_suggest_{rev}",
            on_click=_on_suggested,
            args=(store, plan, sector),
        )


def _on_custom(store: Store, plan: CallPlan, key: str) -> None:
    text = st.session_state.get(key) or ""
    if not text.strip():
        report_problem(PAGE, "error", "Type the question first.", "custom")
        return
    try:
        item = PlanItem(text=text, minutes=CUSTOM_MINUTES)
    except ValidationError as exc:
        report_problem(PAGE, "error", "Not added: " + "; ".join(friendly_errors(exc)), "custom")
        return
    items = [i for i in plan.items if not is_referral(i)] + [item]
    items += [i for i in plan.items if is_referral(i)]
    if save_plan(store, plan, items=items):
        st.session_state[key] = ""
        st.session_state[CUSTOM_OPEN] = False  # added: the box closes, the row shows it


def custom_question(store: Store, plan: CallPlan) -> None:
    """Let the user add a question in their own words; it starts at two minutes."""
    # Kept in the session (persist_state), so a half-typed question survives closing the
    # box or a look at another tab or page; it is cleared once added. The box opens by
    # itself when there is one to finish.
    key = f"qp_custom_{plan.id}"
    box = st.expander(
        "Add your own question",
        expanded=bool(st.session_state.get(key)),
        icon=":material/edit:",
        key=CUSTOM_OPEN,
        on_change="rerun",
    )
    if not box.open:  # the box is drawn only when opened
        return
    row = box.container(horizontal=True, vertical_alignment="bottom")
    row.text_input(
        "Your question",
        max_chars=REASON_MAX,
        placeholder="Something only they can answer",
        key=key,
        persist_state="session",
    )
    row.button(
        "Add my question",
        key=f"qp_custom_add_{plan.id}_{plan.revision}",
        icon=":material/add:",
        on_click=_on_custom,
        args=(store, plan, key),
    )
    if not show_problem(PAGE, "custom", into=box):
        box.caption("It starts at 2 minutes; change that in its row.")


# ---------------------------------------------------------------- the prep sheet


def prep_sheet(store: Store, contact: Contact, plan: CallPlan, fit: PlanFit, today: date) -> None:
    """Offer the prep sheet as Markdown and print-ready HTML, with a preview."""
    profile = store.profile()
    markdown = prep_sheet_markdown(contact, profile, plan, fit, today=today)
    page = prep_sheet_html(contact, profile, plan, fit, today=today)
    about = (
        "Who they are, why you are talking, your introduction, the questions with their time "
        "marks, and room for notes. Print it or keep it open during the call."
    )
    if not profile.intro.strip():
        about += (
            "  \nYour 30-second introduction is still empty, so the sheet leaves a reminder in "
            "its place. Write it in step 1, Your story."
        )
    st.caption(about)
    sheets = (
        ("Download the sheet (Markdown)", markdown, "md", "text/markdown", ":material/download:"),
        ("Download the sheet to print (HTML)", page, "html", "text/html", ":material/print:"),
    )
    for column, (label, data, ext, mime, icon) in zip(st.columns(2), sheets, strict=True):
        column.download_button(
            label,
            data,
            file_name=prep_sheet_filename(contact.full_name, ext),
            mime=mime,
            icon=icon,
            on_click="ignore",
            width="stretch",
            key=f"qp_dl_{ext}",
        )
    preview = st.expander("Preview the prep sheet", key="qp_preview", on_change="rerun")
    if preview.open:  # a closed preview sends nothing to the browser
        # A data: address gives the preview its own origin, away from the app; the page is
        # autoescaped, so what the user typed shows as text either way.
        encoded = base64.b64encode(page.encode("utf-8")).decode("ascii")
        preview.iframe(f"data:text/html;charset=utf-8;base64,{encoded}", height=720)
