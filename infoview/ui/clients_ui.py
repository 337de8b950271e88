"""The Clients page (the coach's side): accept a client's code, list clients, read one."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, TypeVar

import streamlit as st

from infoview.models import CallPlan, Outreach
from infoview.store import StoreError
from infoview.ui.text import md, md_escape, plain, plain_frame, say
from infoview.wording import counted

if TYPE_CHECKING:  # hosted mode only: the page never runs without PostgreSQL
    from infoview.pg_store import PgStore

T = TypeVar("T")
_FORM_CODE = "cl_code"
_LINK_SEEN = "_infoview_invite_link_seen"  # the link's code is filled in once, not every run


def _read(read: Callable[[PgStore], T], coach: PgStore) -> T | None:
    """Return ``read(coach)``, or None after showing why the database could not answer."""
    try:
        return read(coach)
    except StoreError as exc:
        st.error(md_escape(exc))
        return None


def not_hosted_notice() -> None:
    """Explain why the Clients page is empty outside hosted mode."""
    st.info(
        "The Clients page is for career coaches using the hosted version of InfoView, where "
        "each client signs in and chooses to share their journey. Here InfoView runs for "
        "one person, so there are no clients to show. A client can still send you a backup "
        "file (Your data, Export) to open in your own InfoView.",
        icon=":material/info:",
    )


def accept_section(coach: PgStore, expanded: bool = True) -> None:
    """Let a coach type (or follow a link with) a client's invitation code."""
    from infoview import sharing
    from infoview.ui.setup import flash

    from_link = st.query_params.get("invite")
    if from_link and st.session_state.get(_LINK_SEEN) != from_link:
        st.session_state[_FORM_CODE] = sharing.format_code(from_link)[:20]
        st.session_state[_LINK_SEEN] = from_link
    with (
        st.expander("Add a client", icon=":material/person_add:", expanded=expanded),
        st.form("cl_accept", border=False, enter_to_submit=True, clear_on_submit=True),
    ):
        code = st.text_input(
            "Invitation code from your client",
            key=_FORM_CODE,
            placeholder="ABCD-EFGH-JKMN",
            max_chars=20,
            help="Your client makes it under Your data, Share. It works once, for 7 days.",
        )
        if st.form_submit_button("Accept the invitation", icon=":material/how_to_reg:"):
            try:
                share = sharing.accept_invitation(coach, code)
            except StoreError as exc:
                st.error(md_escape(exc), icon=":material/error:")
            else:
                st.query_params.pop("invite", None)
                flash("{} now shares with you.", share.name or "Your new client", icon="🤝")
                st.rerun()


# ------------------------------------------------------------------------ the list
_VIEWS = "_infoview_coach_views"  # {(coach id, client id): CoachView} for this session
_PICK = "cl_client"


def _views(coach: PgStore) -> dict:
    return st.session_state.setdefault(_VIEWS, {})


def open_view(coach: PgStore, client_id: int):
    """Return this session's view of one client, checked against the share on every run."""
    from infoview.sharing import CoachView

    key = (coach.user_id, client_id)
    views = _views(coach)
    view = views.get(key)
    try:
        if view is None:
            view = CoachView(coach, client_id)
            views[key] = view
        else:
            view.refresh()
    except StoreError:
        views.pop(key, None)
        raise
    return view


def _percent(rate: float | None) -> str:
    return "–" if rate is None else f"{rate:.0%}"


def _when(moment) -> str:
    return "–" if moment is None else f"{moment:%Y-%m-%d}"


def clients_section(coach: PgStore) -> int:
    """List the coach's clients with their progress, and open one of them."""
    import pandas as pd

    from infoview import sharing
    from infoview.coaching import client_summary

    clients = _read(sharing.clients_of, coach)
    if clients is None:
        return 0
    if not clients:
        st.info(
            "Nobody shares with you yet. A client makes an invitation code under **Your "
            "data**, **Share**, and gives it to you; type it below.",
            icon=":material/group_add:",
        )
        return 0
    today = date.today()
    rows, summaries = [], {}
    for share in clients:
        try:
            view = open_view(coach, share.client_id)
        except StoreError:
            continue  # stopped sharing between the list and this read: not shown
        summary = client_summary(view, today)
        summaries[share.client_id] = (share, view, summary)
        rows.append(
            {
                "Client": share.name or "(no name)",
                "Steps started": f"{summary.steps_reached} of 5",
                "Asks sent": summary.sent,
                "Reply rate": _percent(summary.reply_rate),
                "Due now": len(summary.due_now),
                "Last active": _when(summary.last_active),
            }
        )
    if not summaries:
        return 0
    names = {cid: (s.name or "(no name)") for cid, (s, _v, _m) in summaries.items()}
    each, together, yours = st.tabs([md("Your clients ({})", len(rows)), "Cohort", "From you"])
    with each:
        st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
        if st.session_state.get(_PICK) not in names:
            st.session_state.pop(_PICK, None)
        picked = st.selectbox("Open a client", list(names), format_func=names.get, key=_PICK)
        if picked is not None:
            share, view, summary = summaries[picked]
            client_detail(view, names[picked], summary, today)
    with together:
        together_list = [(names[cid], view) for cid, (_s, view, _m) in summaries.items()]
        cohort_section(together_list, today)
        assignments_section(coach, together_list, today)
    with yours:
        publish_section(coach)
    return len(summaries)


def cohort_section(clients: list, today: date) -> None:
    """All clients together: who started each step, asks and replies per week, who is quiet."""
    import pandas as pd

    from infoview.coaching import INACTIVE_DAYS, cohort

    found = cohort(clients, today)
    st.markdown(md("**Clients who started each step** (of {})", found.clients))
    st.dataframe(
        pd.DataFrame({"Step": list(found.per_step), "Clients": list(found.per_step.values())}),
        hide_index=True,
        width="stretch",
    )
    st.markdown("**Asks sent and answered, week by week**")
    st.dataframe(
        pd.DataFrame(
            [
                {
                    "Week of": f"{w.week:%d %b}",
                    "Asks sent": w.sent,
                    "Answered": w.replied,
                    "Reply rate": _percent(w.rate),
                }
                for w in found.weeks
            ]
        ),
        hide_index=True,
        width="stretch",
    )
    st.markdown(md("**No change in {} days** ({})", INACTIVE_DAYS, len(found.inactive)))
    if found.inactive:
        st.text(plain(", ".join(found.inactive)))
    else:
        st.caption("Everyone has been at work in the last two weeks.")


# ------------------------------------------------------------------- one client
def _comment_list(found: list) -> None:
    for comment in found:
        mark = "Done" if comment.done else "Open"
        st.caption(md("{} · written {:%Y-%m-%d}", mark, comment.created_at))
        st.text(comment.body)


def comment_form(view, table: str, record_id: str, key: str) -> None:
    """A coach's comment box under an ask draft or call plan."""
    from infoview.sharing import COMMENT_MAX, COMMENTABLE
    from infoview.ui.setup import flash

    with st.form(f"cl_comment_{key}", clear_on_submit=True, border=False):
        body = st.text_area(
            md("Your comment on this {}", COMMENTABLE[table]),
            key=f"cl_comment_text_{key}",
            max_chars=COMMENT_MAX,
            placeholder="Lead with your connection; cut it to about 80 words.",
            height=100,
        )
        if st.form_submit_button("Add comment", icon=":material/add_comment:"):
            try:
                view.add_comment(table, record_id, body)
            except StoreError as exc:
                st.error(md_escape(exc), icon=":material/error:")
            else:
                flash(
                    "Comment saved: your client sees it beside their draft and on Home.", icon="💬"
                )
                st.rerun()


def client_detail(view, name: str, summary, today: date) -> None:
    """One client's journey, asks, plans and what is due, read-only, with comment boxes."""
    import pandas as pd

    st.header(md_escape(name))
    st.caption(md("Read-only. Last active {}.", _when(summary.last_active)))
    j = summary.journey
    say(
        st.markdown,
        "**Journey:** 1 · Story {} of {} parts · 2 · Research {} of {} with a reason · "
        "3 · {} · 4 · {} · 5 · {}",
        j.story_done,
        j.story_total,
        j.researched,
        j.contacts,
        counted(j.asks_sent, "ask") + " sent",
        counted(j.plans, "call plan"),
        counted(j.conversations, "conversation"),
    )
    say(
        st.caption,
        "Reply rate: {} ({} of {} sent asks answered).",
        _percent(summary.reply_rate),
        summary.replied,
        summary.sent,
    )
    due = summary.due_now + summary.due_soon
    st.markdown(
        md("**What is due** ({} now, {} this week)", len(summary.due_now), len(summary.due_soon))
    )
    for reminder in due[:10]:
        st.markdown(md("- {} · {:%a %d %b}", reminder.title, reminder.due))
    if not due:
        st.caption("Nothing due this week.")

    try:
        by_target: dict[tuple[str, str], list] = {}
        for comment in view.comments():
            by_target.setdefault((comment.table, comment.record_id), []).append(comment)
    except StoreError as exc:
        st.error(md_escape(exc))
        return

    # The drafts first: reviewing them is what a coach comes for.
    asks_tab, plans_tab, story_tab, people_tab, talks_tab = st.tabs(
        ["Asks", "Call plans", "Story", "Contacts", "Conversations"]
    )
    with story_tab:
        story_view(view)
    with people_tab:
        contacts_view(view)
    with talks_tab:
        conversations_view(view)
    with asks_tab:
        if not summary.asks:
            st.caption("No asks yet.")
        else:
            frame = pd.DataFrame(
                [
                    {
                        "Contact": a.contact,
                        "Subject": a.subject,
                        "Status": a.status,
                        "Coach score": a.score,
                        "Changed": _when(a.updated),
                        "Comments": len(by_target.get(("outreach", a.id), [])),
                    }
                    for a in summary.asks
                ]
            )
            st.dataframe(plain_frame(frame), hide_index=True, width="stretch")
            labels = {a.id: f"{a.contact} · {a.subject or '(no subject)'}" for a in summary.asks}
            ask_id = st.selectbox("Read an ask", list(labels), format_func=labels.get, key="cl_ask")
            ask = view.get(Outreach, ask_id)
            if ask is not None:
                with st.container(border=True):
                    st.caption("Subject")
                    st.text(plain(ask.subject) if ask.subject else "(no subject)")
                    st.caption("Message")
                    st.text(plain(ask.body) if ask.body else "(empty)")
                _comment_list(by_target.get(("outreach", ask.id), []))
                comment_form(view, "outreach", ask.id, f"ask_{ask.id}")
    with plans_tab:
        if not summary.plans:
            st.caption("No call plans yet.")
        else:
            labels = {
                p.id: f"{p.contact} · {p.questions} questions, {p.minutes} min"
                for p in summary.plans
            }
            plan_id = st.selectbox(
                "Read a call plan", list(labels), format_func=labels.get, key="cl_plan"
            )
            plan = view.get(CallPlan, plan_id)
            if plan is not None:
                with st.container(border=True):
                    for number, item in enumerate(plan.items, start=1):
                        st.text(plain("{}. {} ({:g} min)", number, item.text, item.minutes))
                    if not plan.items:
                        st.text("(no questions yet)")
                _comment_list(by_target.get(("plans", plan.id), []))
                comment_form(view, "plans", plan.id, f"plan_{plan.id}")


def story_view(view) -> None:
    """The client's career story as they wrote it on Your story, read-only."""
    from infoview.story import FIELDS_PART, GOALS_PART, REFLECTION_PARTS

    profile = view.profile()
    for part in (*REFLECTION_PARTS, GOALS_PART, FIELDS_PART):
        value = getattr(profile, part.key, "")
        text = ", ".join(value) if isinstance(value, list) else value
        st.markdown(md("**{}**", part.label))
        st.text(plain(text) if text else "(not written yet)")
    st.markdown("**Their introduction**")
    st.text(plain(profile.intro) if profile.intro else "(not written yet)")


def contacts_view(view) -> None:
    """The client's contacts as the Research list shows them (stage, reason), read-only."""
    import pandas as pd

    from infoview.next_steps import stages_of
    from infoview.pipeline import Stage

    people = view.contacts()
    if not people:
        st.caption("No contacts yet.")
        return
    stages = stages_of(view)
    order = sorted(
        people, key=lambda c: (-stages.get(c.id, Stage.CONNECTED), c.full_name.casefold())
    )
    frame = pd.DataFrame(
        [
            {
                "Name": c.full_name,
                "Organization": c.organization,
                "Title": c.title,
                "Stage": stages.get(c.id, Stage.CONNECTED).label,
                "Compelling reason": c.reason,
            }
            for c in order
        ]
    )
    st.caption(md("{}, furthest along first.", counted(len(people), "contact")))
    st.dataframe(plain_frame(frame), hide_index=True, width="stretch")


def conversations_view(view) -> None:
    """The client's logged conversations and what they learned, read-only."""
    held = sorted(
        (c for c in view.conversations() if c.happened_on is not None),
        key=lambda c: c.happened_on,
        reverse=True,
    )
    if not held:
        st.caption("No conversations logged yet.")
        return
    for conv in held:
        contact = view.contact(conv.contact_id)
        who = contact.full_name if contact else "(a contact since removed)"
        with st.expander(md("{} · {:%a %d %b %Y}", who, conv.happened_on)):
            for label, text in (
                ("What they learned", conv.insights),
                ("Advice", conv.advice),
                ("Next steps", conv.next_steps),
                ("Reflection", conv.reflection),
            ):
                if text:
                    st.caption(label)
                    st.text(plain(text))
            if conv.offered:
                st.caption("Offered to help with")
                st.text(plain(", ".join(conv.offered)))


def assignments_section(coach: PgStore, clients: list, today: date) -> None:
    """Set an assignment for every client, and see who has done each one."""
    from datetime import timedelta

    from infoview import assignments as asg
    from infoview.ui.setup import flash

    st.markdown("**Assignments for every client**")
    current = _read(asg.set_by, coach)
    if current is None:
        return
    for item in current:
        done = [name for name, view in clients if asg.is_done(item, view)]
        waiting = [name for name, view in clients if not asg.is_done(item, view)]
        with st.container(border=True):
            text, withdraw = st.columns([5, 2], vertical_alignment="center")
            text.markdown(md("{}: **{} of {}** done", item.text, len(done), len(clients)))
            if done:
                say(text.caption, "Done: {}", ", ".join(done))
            if waiting:
                say(text.caption, "Not yet: {}", ", ".join(waiting))
            if withdraw.button("Withdraw", key=f"cl_asg_del_{item.id}", width="stretch"):
                asg.delete_assignment(coach, item.id)
                st.rerun()
    with st.form("cl_assign", border=True, clear_on_submit=True):
        kind_col, number_col, due_col = st.columns(3)
        kind = kind_col.selectbox(
            "What to count", list(asg.KINDS), format_func=lambda k: asg.KINDS[k][1].capitalize()
        )
        target = number_col.number_input("How many", 1, asg.TARGET_MAX, 3, step=1)
        due = due_col.date_input("By", today + timedelta(days=(4 - today.weekday()) % 7 or 7))
        if st.form_submit_button("Set for every client", icon=":material/assignment_add:"):
            try:
                made = asg.create_assignment(coach, kind, int(target), due, today)
            except StoreError as exc:
                st.error(md_escape(exc), icon=":material/error:")
            else:
                flash("Set: {}. Each client sees it on Home.", made.text, icon="📌")
                st.rerun()


def publish_section(coach: PgStore) -> None:
    """Publish ask templates and questions every client sees under "From your coach"."""
    from infoview import publications as pub
    from infoview.models import BODY_MAX, REASON_MAX, SUBJECT_MAX

    st.caption(
        "Every client who shares with you sees these under **From your coach** (templates on "
        "the Ask page, questions on Plan questions) and copies what they want into their own."
    )
    mine = _read(pub.published_by, coach)
    if mine is None:
        return
    for item in mine:
        text, withdraw = st.columns([5, 2], vertical_alignment="center")
        label = "Template" if item.kind == pub.TEMPLATE else "Question"
        text.text(plain("{}: {}", label, item.name or item.body))
        if withdraw.button("Withdraw", key=f"cl_pub_del_{item.id}", width="stretch"):
            pub.withdraw(coach, item.id)
            st.rerun()
    with st.form("cl_pub_tpl", clear_on_submit=True):
        st.markdown("**Publish an ask template**")
        name = st.text_input("Template name", max_chars=80)
        subject = st.text_input("Subject", max_chars=SUBJECT_MAX)
        body = st.text_area("Message", max_chars=BODY_MAX, height=160)
        if st.form_submit_button("Publish the template", icon=":material/publish:"):
            _publish(coach, pub.TEMPLATE, body, name, subject)
    with st.form("cl_pub_q", clear_on_submit=True):
        question = st.text_input("Publish a question for their call plans", max_chars=REASON_MAX)
        if st.form_submit_button("Publish the question", icon=":material/publish:"):
            _publish(coach, pub.QUESTION, question)


def _publish(coach: PgStore, kind: str, body: str, name: str = "", subject: str = "") -> None:
    from infoview import publications as pub
    from infoview.ui.setup import flash

    try:
        pub.publish(coach, kind, body, name, subject)
    except StoreError as exc:
        st.error(md_escape(exc), icon=":material/error:")
    else:
        flash("Published: your clients see it under From your coach.", icon="📣")
        st.rerun()
