"""Your coach's comments, where the client works: on Home, beside the draft and the plan."""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from infoview.models import UserTemplate
from infoview.store import Store, StoreError
from infoview.ui import pages
from infoview.ui.text import md, md_escape, plain, say
from infoview.wording import counted

if TYPE_CHECKING:  # hosted mode only: the PostgreSQL store needs SQLAlchemy
    from infoview.pg_store import PgStore


def _client(store: Store) -> PgStore | None:
    """Return the store as a signed-in client's own hosted store; None locally or for a coach."""
    from infoview.pg_store import PgStore
    from infoview.sharing import CoachView

    return store if isinstance(store, PgStore) and not isinstance(store, CoachView) else None


def _client_comments(client: PgStore) -> list:
    """Return the comments on this client's data, or none after saying they cannot be read."""
    from infoview.sharing import comments_for

    try:
        return comments_for(client)
    except StoreError as exc:
        say(st.warning, "Your coach's comments cannot be read right now: {}", exc)
        return []


def _done_button(client: PgStore, comment, key: str) -> None:
    from infoview.sharing import mark_done
    from infoview.ui.setup import flash

    label = "Mark not done" if comment.done else "Mark done"
    if st.button(label, key=f"{key}_{comment.id}", icon=":material/task_alt:"):
        try:
            changed = mark_done(client, comment.id, done=not comment.done)
        except StoreError as exc:
            st.error(md_escape(exc))
            return
        if changed:
            flash("Marked done: your coach sees it." if not comment.done else "Marked not done.")
        st.rerun()


def _one(client: PgStore, comment, key: str, about: str = "") -> None:
    with st.container(border=True):
        who = comment.coach_name or "Your coach"
        where = md(" on {}", about) if about else md(" on your {}", comment.kind)
        state = " · done" if comment.done else ""
        st.caption(md("{}{} · {:%d %b}{}", who, where, comment.created_at, state))
        st.text(plain(comment.body))
        _done_button(client, comment, key)


def home_comments(store: Store) -> None:
    """On Home: the coach's comments not yet marked done, each with a way to its draft."""
    client = _client(store)
    if client is None:
        return
    found = _client_comments(client)
    open_ones = [c for c in found if not c.done]
    if not open_ones:
        return
    st.header(md("From your coach ({})", len(open_ones)))
    for comment in open_ones:
        record = store.get(comment.table, comment.record_id)
        contact = store.contact(getattr(record, "contact_id", None)) if record else None
        about = f"your {comment.kind} to {contact.full_name}" if contact else ""
        _one(client, comment, "home_comment_done", about)
        if contact is not None:
            target = pages.ASK if comment.table == "outreach" else pages.QUESTIONS
            st.page_link(
                target.path,
                label=md("Open the {}", comment.kind),
                icon=target.icon,
                query_params={"contact": contact.id},
            )


def comments_beside(store: Store, table: str, record_ids: list[str], key: str) -> None:
    """Beside a draft or plan: its comments, open ones first, each markable done."""
    client = _client(store)
    if client is None:
        return
    found = _client_comments(client)
    wanted = set(record_ids)
    here = [c for c in found if c.table == table and c.record_id in wanted]
    if not here:
        return
    open_ones = [c for c in here if not c.done]
    done = [c for c in here if c.done]
    st.markdown(md("**Your coach's comments** ({} open)", len(open_ones)))
    for comment in open_ones:
        _one(client, comment, key)
    if done:
        with st.expander(md("Done ({})", len(done))):
            for comment in done:
                _one(client, comment, key)


def ask_comments(store: Store, contact_id: str) -> None:
    """On the Ask page: the comments on this contact's asks."""
    asks = store.asks(contact_id)
    comments_beside(store, "outreach", [a.id for a in asks], "ask_comment_done")


def plan_comments(store: Store, plan_id: str) -> None:
    """On the Questions page: the comments on this call plan."""
    comments_beside(store, "plans", [plan_id], "qp_comment_done")


def home_assignments(store: Store) -> None:
    """On Home: what the client's coaches asked for, with how far the client has come."""
    from datetime import date

    from infoview import assignments as asg

    client = _client(store)
    if client is None:
        return
    try:
        found = asg.for_client(client)
    except StoreError as exc:
        say(st.warning, "Your coach's assignments cannot be read right now: {}", exc)
        return
    today = date.today()
    shown = [a for a in found if a.due >= today or not asg.is_done(a, store)]
    if not shown:
        return
    st.header("Assignments from your coach")
    for item in shown:
        count = asg.progress(item, store)
        state = "done" if count >= item.target else ("overdue" if item.due < today else "to do")
        st.markdown(
            md(
                "- {}: **{} of {}** · {} · set by {}",
                item.text,
                min(count, item.target),
                item.target,
                state,
                item.coach_name or "Your coach",
            )
        )


def _published(store: Store, kind: str) -> list:
    from infoview import publications as pub

    client = _client(store)
    if client is None:
        return []
    try:
        return pub.from_my_coaches(client, kind)
    except StoreError as exc:
        say(st.warning, "What your coach published cannot be read right now: {}", exc)
        return []


def coach_templates(store: Store) -> None:
    """On the Ask page: the coach's templates, each copied into the client's own on a click."""
    from infoview import publications as pub
    from infoview.ui.setup import flash

    found = _published(store, pub.TEMPLATE)
    if not found:
        return
    mine = {(t.name, t.subject, t.body) for t in store.all(UserTemplate)}
    with st.expander(
        md("From your coach: {}", counted(len(found), "template")), icon=":material/school:"
    ):
        for item in found:
            st.markdown(md("**{}** · from {}", item.name, item.coach_name or "your coach"))
            st.text(plain("Subject: {}\n\n{}", item.subject, item.body))
            if (item.name, item.subject, item.body) in mine:
                st.caption("In your templates already.")
            elif st.button("Copy into my templates", key=f"ask_coach_tpl_{item.id}"):
                try:
                    store.save(item.as_template())
                except StoreError as exc:
                    st.error(md_escape(exc))
                else:
                    flash("Copied: it is yours now, under your templates.", "📋")
                    st.rerun()


def coach_questions(store: Store, plan) -> None:
    """On the Questions page: the coach's questions, each added to this plan on a click."""
    from infoview import publications as pub
    from infoview.questions import add_question
    from infoview.ui.questions_ui import save_plan

    found = _published(store, pub.QUESTION)
    if not found:
        return
    have = {i.text.strip() for i in plan.items}
    with st.expander(
        md("From your coach: {}", counted(len(found), "question")), icon=":material/school:"
    ):
        for item in found:
            text, add = st.columns([5, 2], vertical_alignment="center")
            text.text(plain(item.body))
            if item.body.strip() in have:
                add.caption("In your plan")
                continue
            if not add.button("Add to my plan", key=f"qp_coach_q_{item.id}", width="stretch"):
                continue
            if save_plan(store, plan, items=add_question(plan.items, item.as_plan_item())):
                st.rerun()
