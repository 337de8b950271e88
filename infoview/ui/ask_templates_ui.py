"""The user's own ask templates on the Craft the ask page: write, try, save and delete.

A template renders in the limited sandbox of ``infoview.writing``; every failure is shown as
the friendly TemplateProblem message. What the user types is copied to a plain session key,
so it survives reruns and a switch to another page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st
from pydantic import ValidationError

from infoview.asks import ask_details, latest_ask
from infoview.models import BODY_MAX, SUBJECT_MAX, UserTemplate, friendly_errors
from infoview.store import StaleRecordError, StoreError
from infoview.ui.ask_draft import PAGE, AskPage, session_draft
from infoview.ui.kept import (
    keep_typing,
    kept_widget,
    release_id,
    report_problem,
    reserved_id,
    show_problem,
)
from infoview.ui.setup import flash
from infoview.ui.text import md, md_escape, plain, plain_frame
from infoview.user_templates import TemplateProblem, render_user_template
from infoview.writing import USER_TEMPLATE_VARIABLES, AskDetails, email_context

_KEPT = "ask_tpl_kept"


STARTER_SUBJECT = "A question about {{ first_topic or 'your work' }}"
STARTER_BODY = """Hi {{ first_name }},

{% if shared_school %}We both studied at {{ shared_school }}. {% endif %}\
{{ reason_to_them or "[why you are writing to them]" }}
{% if my_role %}I'm {{ my_role }}.{% endif +%}

Would you have {{ minutes }} minutes for a {{ mode }} call? I'd value your insight on \
{{ topics_text }}, and I'd be glad to call you whenever suits you.

Best,
{{ signature }}"""
_PICK = "ask_tpl_pick"
_OPEN = "ask_tpl_open"
_NEW_ID = "ask_tpl_new_id"


def _tpl_key(tid: str, name: str) -> str:
    return f"ask_tpl_{tid}_{name}"


def _template_box(
    widget: Callable[..., Any],
    label: str,
    tid: str,
    current: UserTemplate | None,
    name: str,
    starter: str,
    **kw: Any,
) -> str:
    """Draw one field of a template, kept while the editor is closed (see infoview.ui.kept).

    It starts from the saved template's value, or from ``starter`` for a new template.
    """
    default = getattr(current, name) if current else starter
    return kept_widget(widget, label, _tpl_key(tid, name), default, bucket=_KEPT, **kw)


def _preview_context(page: AskPage) -> dict[str, Any]:
    draft = session_draft(page.contact.id)
    saved = latest_ask(page.store.asks(page.contact.id))
    details = (
        ask_details(draft, page.referrer)
        if draft is not None
        else AskDetails(referrer=page.referrer)
        if saved is None
        else AskDetails(list(saved.topics), saved.minutes, saved.mode, page.referrer)
    )
    return email_context(page.contact, page.profile, details)


def _on_save_template(page: AskPage, tid: str, revision: int) -> None:
    state = st.session_state
    values = {k: state.get(_tpl_key(tid, k), "") for k in ("name", "subject", "body")}
    try:
        template = UserTemplate(id=tid, kind="ask", **values)
    except ValidationError as exc:
        report_problem(PAGE, "error", "Not saved: " + "; ".join(friendly_errors(exc)), "templates")
        return
    try:
        render_user_template(template.subject, template.body, _preview_context(page))
    except TemplateProblem as problem:
        report_problem(PAGE, "error", f"Not saved yet. {problem.message}", "templates")
        return
    try:
        page.store.save(template, expected_revision=revision)
    except StaleRecordError:
        report_problem(
            PAGE, "warning", "This template changed in another tab; reload to see it.", "templates"
        )
        return
    except StoreError as exc:
        report_problem(PAGE, "error", f"Not saved: {exc}", "templates")
        return
    if state.get(_NEW_ID) == tid:
        release_id(_NEW_ID)
    state[_PICK] = tid
    flash("Template saved. Choose “Mine: {}” under Template to use it.", template.name)


def _on_delete_template(page: AskPage, tid: str) -> None:
    try:
        page.store.delete(UserTemplate, tid)
    except StoreError as exc:
        report_problem(PAGE, "error", f"Not deleted: {exc}", "templates")
        return
    st.session_state[_PICK] = "new"
    flash("Template deleted.", icon="🗑️")


def user_templates(page: AskPage) -> None:
    """Let the user write, try, save and delete their own ask templates.

    The editor is drawn only while its expander is open: most visits never open it, and its
    preview boxes and table would cost every visit browser time. What was typed is kept in
    plain session keys, so closing and reopening it loses nothing.
    """
    keep_typing(_KEPT)  # what was typed as the user clicked the expander shut
    box = st.expander("Your own templates", key=_OPEN, on_change="rerun")
    if box.open:
        with box:
            _editor(page)


def _editor(page: AskPage) -> None:
    st.caption(
        "Write a template once and use it for many people. Put a variable in double "
        "braces, like {{ first_name }}; {% if ... %} and {% for ... %} work too."
    )
    show_problem(PAGE, "templates")
    saved = sorted(page.user_templates.values(), key=lambda t: t.name.casefold())
    names = {"new": "A new template", **{t.id: t.name for t in saved}}
    if _PICK in st.session_state and st.session_state[_PICK] not in names:
        del st.session_state[_PICK]  # the template was deleted
    picked = kept_widget(
        st.selectbox,
        "Template to edit",
        _PICK,
        "new",
        names.__contains__,
        bucket=_KEPT,
        options=list(names),
        format_func=names.get,
    )
    current = page.user_templates.get(picked)
    tid = current.id if current else reserved_id(_NEW_ID)
    left, right = st.columns([3, 2], gap="large")
    with left:
        _template_box(st.text_input, "Name", tid, current, "name", "", max_chars=80)
        subject = _template_box(
            st.text_input,
            "Subject",
            tid,
            current,
            "subject",
            STARTER_SUBJECT,
            max_chars=SUBJECT_MAX,
        )
        body = _template_box(
            st.text_area, "Body", tid, current, "body", STARTER_BODY, max_chars=BODY_MAX, height=260
        )
        st.button(
            "Save template",
            icon=":material/save:",
            key=f"ask_tpl_save_{tid}",
            on_click=_on_save_template,
            args=(page, tid, current.revision if current else 0),
        )
        if current is not None:
            sure = st.checkbox("Yes, delete this template", key=f"ask_tpl_del_ok_{tid}")
            st.button(
                "Delete template",
                key=f"ask_tpl_del_{tid}",
                disabled=not sure,
                on_click=_on_delete_template,
                args=(page, tid),
            )
    with right:
        st.markdown(md("**Preview for {}**", page.contact.full_name))
        try:
            shown = render_user_template(subject, body, _preview_context(page))
        except TemplateProblem as problem:
            st.error(md_escape(problem.message))
        else:
            st.code(plain(shown[0], isolate=False) or " ", language=None, wrap_lines=True)
            st.code(plain(shown[1], isolate=False) or " ", language=None, wrap_lines=True)
    st.markdown("**Variables you can use**")
    table = pd.DataFrame(
        {
            "Variable": [f"{{{{ {name} }}}}" for name in USER_TEMPLATE_VARIABLES],
            "What it holds": list(USER_TEMPLATE_VARIABLES.values()),
        }
    )
    st.dataframe(plain_frame(table), hide_index=True, width="stretch", height=250)
