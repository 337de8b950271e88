"""The Craft the ask step's widgets: the draft editor, the coach, timing, sending, follow-ups.

The draft itself and the callbacks that change it live in ``infoview.ui.ask_draft``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

import pandas as pd
import streamlit as st

from infoview.asks import (
    MAX_TOPICS,
    STATUS_ACTIONS,
    AskDraft,
    clean_topics,
    colleagues,
    days_to_reply,
    follow_with_template,
    has_unsaved_changes,
    history_rows,
    latest_ask,
    minutes_problem,
    next_statuses,
    organization_index,
    score_verdict,
    suggest_template,
    template_options,
)
from infoview.coach import advise_send_date, review_ask
from infoview.coach.ask import RULES, Level, Review
from infoview.coach.drafts import review_note
from infoview.coach.fixes import suggest_fixes
from infoview.dates import safe_zone, short_day
from infoview.mailto import mailto_link, mailto_too_long, safe_address
from infoview.models import (
    BODY_MAX,
    SHORT_MAX,
    SUBJECT_MAX,
    AskStatus,
    CallMode,
    Contact,
    Outreach,
)
from infoview.pipeline import ANSWERED_STATUSES
from infoview.reminders import FOLLOW_UP, NO_REPLY, SECOND_CONTACT, ask_reminders
from infoview.ui import pages
from infoview.ui.ask_draft import (
    STALE_KEY,
    AskPage,
    action,
    current_draft,
    drafts,
    on_delete_draft,
    on_fix_dates,
    on_load_newer,
    on_mark_sent,
    on_new_ask,
    on_regenerate,
    on_restore,
    on_save_draft,
    on_status,
    on_use_date,
    planned_day,
    push_draft,
    sync_draft,
    wkey,
)
from infoview.ui.date_box import TYPED_DATE_HELP
from infoview.ui.note_coach import note_review
from infoview.ui.setup import flash
from infoview.ui.text import Markdown, md, md_escape, plain, plain_frame
from infoview.user_templates import TemplateProblem
from infoview.wording import counted
from infoview.writing import render_email

# Material icons render everywhere, unlike emoji, which need a colour font on the machine.
LEVEL_ICONS = {
    Level.PROBLEM: ":red[:material/error:]",
    Level.WARN: ":orange[:material/warning:]",
    Level.TIP: ":blue[:material/lightbulb:]",
    Level.OK: ":green[:material/check_circle:]",
}
LEVEL_TITLES = {Level.PROBLEM: "Fix before sending", Level.WARN: "Worth fixing", Level.TIP: "Tips"}

# ---------------------------------------------------------------- the draft editor


def topics(page: AskPage) -> None:
    """Draw the one to three topics."""
    cid = page.contact.id
    examples = ["how you moved into this field", "what a typical week looks like", ""]
    for i in range(MAX_TOPICS):
        st.text_input(
            md("Topic {} (optional)" if i else "Topic {}", i + 1),
            key=wkey(cid, f"topic{i}"),
            max_chars=SHORT_MAX,
            persist_state="session",
            placeholder=plain("e.g. {}", examples[i]) if examples[i] else "",
        )
    st.caption("One to three specific things you would like to learn from them.")


def call_details(page: AskPage, draft: AskDraft) -> None:
    """Draw the call length and mode, with a friendly word when the length is out of range."""
    cid = page.contact.id
    st.number_input(
        "Call length (minutes)",
        5,
        60,
        step=5,
        key=wkey(cid, "minutes"),
        persist_state="session",
        help="15 is a good default: 10–20 for a phone or video call, up to 30 in person.",
    )
    st.radio(
        "How",
        [m.value for m in CallMode],
        format_func=lambda m: CallMode(m).label,
        horizontal=True,
        key=wkey(cid, "mode"),
        persist_state="session",
    )
    problem = minutes_problem(draft.minutes, draft.mode)
    if problem:
        st.warning(problem)


def follow_template(page: AskPage, draft: AskDraft) -> tuple[AskDraft, str | None]:
    """Return the draft following its template while unedited, and any template problem."""
    try:
        fresh = page.render(draft)
    except TemplateProblem as problem:
        return draft, problem.message
    return follow_with_template(draft, fresh), None


def template_picker(page: AskPage, problem: str | None) -> None:
    """Draw the template choice, why one is suggested, and a template that failed."""
    options = template_options(list(page.user_templates.values()))
    suggested, why = suggest_template(page.contact, page.profile)
    st.selectbox(
        "Template",
        list(options),
        format_func=options.get,
        key=wkey(page.contact.id, "template"),
        persist_state="session",
    )
    if st.session_state.get(wkey(page.contact.id, "template")) == suggested:
        st.caption(md("A good fit: {}.", why))
    else:
        st.caption(md("Suggested: {}, because {}.", options[suggested], why))
    if problem:
        st.error(md("{} Your draft below was left as it was.", problem))


def draft_editor(page: AskPage, draft: AskDraft, saved: Outreach | None) -> None:
    """Draw the subject and body, regenerate, and save."""
    cid = page.contact.id
    st.markdown("### Your email")
    st.text_input(
        "Subject", key=wkey(cid, "subject"), max_chars=SUBJECT_MAX, persist_state="session"
    )
    st.text_area(
        "Email", key=wkey(cid, "body"), max_chars=BODY_MAX, height=330, persist_state="session"
    )
    st.caption(
        "Edit freely: it is your email. The coach re-reads it when you click outside the box "
        "or press Ctrl+Enter."
    )
    row = st.container(horizontal=True)
    action(row, page, "Save draft", ":material/save:", "save", on_save_draft, type="primary")
    action(
        row,
        page,
        "Regenerate from template",
        ":material/refresh:",
        "regen",
        on_regenerate,
        disabled=not draft.edited,
        help="Writes a fresh draft from the template. Your edited text can be brought back.",
    )
    if draft.previous is not None:
        action(row, page, "Bring back my edits", ":material/undo:", "restore", on_restore)
    if draft.edited:  # below the buttons: a line above them would remount them, losing focus
        st.caption("You have edited the draft, so the template no longer rewrites it.")
    if has_unsaved_changes(draft, saved):
        st.caption("● Unsaved changes — they are kept while you use the app; save to keep them.")
    else:
        st.caption("All changes saved.")


def coach_panel(review: Review, fixes: Callable[[], None] | None = None) -> None:
    """Show the coach's score and findings, the most serious first, then any fixes."""
    st.markdown("### The coach")
    st.metric("Score", plain("{} / 100", review.score))
    st.progress(review.score / 100, text=score_verdict(review.score))
    for level, title in LEVEL_TITLES.items():
        found = [f for f in review.findings if f.level == level]
        if not found:
            continue
        st.markdown(md("**{}**", title))
        for finding in found:
            st.markdown(
                md(
                    "{} **{}** — {}",
                    Markdown(LEVEL_ICONS[level]),
                    RULES.get(finding.rule, finding.rule),
                    finding.message,
                )
            )
            if finding.suggestion:
                st.caption(md_escape(finding.suggestion))
    if fixes is not None:
        fixes()
    good = review.passed
    if good:
        with st.expander(md("Done well ({})", len(good))):
            for finding in good:
                st.markdown(
                    md(
                        "{} **{}** — {}",
                        Markdown(LEVEL_ICONS[Level.OK]),
                        RULES.get(finding.rule, finding.rule),
                        finding.message,
                    )
                )


def _on_fix(page: AskPage, body: str) -> None:
    draft = sync_draft(page, drafts()[page.contact.id])
    # The text before the fix can be brought back like any replaced text.
    push_draft(page, replace(draft, body=body, previous=(draft.subject, draft.body)))
    flash("Fix applied. “Bring back my edits” undoes it.")


def fix_panel(page: AskPage, draft: AskDraft, review: Review) -> None:
    """Offer the coach's one-click fixes, each as a before/after the user accepts."""
    for fix in suggest_fixes(draft.subject, draft.body, review):
        with st.container(border=True):
            st.markdown(md("**Suggested fix: {}**", fix.label))
            st.caption("Before")
            st.markdown(md("> {}", fix.before))
            st.caption("After")
            st.markdown(md("> {}", fix.after) if fix.after else "*(sentence removed)*")
            st.button(
                "Apply this fix",
                icon=":material/auto_fix_high:",
                key=f"ask_fix_{page.contact.id}_{fix.rule}",
                on_click=_on_fix,
                args=(page, fix.body),
            )


def review_of(page: AskPage, draft: AskDraft) -> Review:
    """Review the draft as written, with its topics and mode."""
    ask = Outreach.model_construct(
        topics=clean_topics(draft.topics), minutes=draft.minutes, mode=draft.mode
    )
    return review_ask(draft.subject, draft.body, page.contact, ask)


_VERDICTS = {
    "good": (st.success, "A good day to send."),
    "ok": (st.info, "Possible, though not the best day."),
    "poor": (st.warning, "Better to wait."),
}


def timing(page: AskPage, draft: AskDraft) -> None:
    """Draw the planned send date and the timing advice for it."""
    st.markdown("### When to send")
    left, right = st.columns([1, 3], gap="large")
    left.date_input(
        "Planned send date",
        key=wkey(page.contact.id, "planned"),
        persist_state="session",
        format="YYYY-MM-DD",
        help=TYPED_DATE_HELP,
    )
    day = planned_day(page, draft)
    advice = advise_send_date(day, page.contact.sector, page.profile.calendar, page.profile.country)
    show, headline = _VERDICTS.get(advice.verdict, _VERDICTS["ok"])
    with right:
        reasons = "\n".join(f"- {md_escape(r)}" for r in advice.reasons)
        show(f"**{day:%A %d %B}: {headline}**\n\n{reasons}")
        if advice.better_date:
            action(
                st,
                page,
                md("Use {:%A %d %B} instead", advice.better_date),
                ":material/event_available:",
                "better",
                on_use_date,
                advice.better_date,
            )
        if advice.slow_reply_note:
            st.caption(md_escape(advice.slow_reply_note))


def send_panel(page: AskPage, draft: AskDraft, review: Review) -> None:
    """Draw the mailto button, the text to copy and "Mark as sent"."""
    cid, contact = page.contact.id, page.contact
    st.markdown("### Send it from your own mail app")
    subject, body = draft.subject.strip(), draft.body.strip()
    link = mailto_link(contact.email, subject, body)
    too_long = mailto_too_long(link)
    st.link_button("Open in my mail app", link, icon=":material/mail:", type="primary")
    if safe_address(contact.email) is None:
        st.caption(
            md(
                "No email address is saved for {}: fill in the To line "
                "in your mail app, or add the address in Research.",
                contact.full_name,
            )
        )
    if too_long:
        st.warning(
            "This email makes a very long link, and some mail apps cut it short. If the text "
            "arrives incomplete, copy the subject and email below instead."
        )
    copy_boxes("Copy the text instead", f"ask_copy_{cid}", subject, body, expanded=too_long)
    problem = minutes_problem(draft.minutes, draft.mode)
    blanks = review.finding("placeholders")
    if blanks is not None:
        st.warning(md("{} Fill them in before you send.", blanks.message))
    left, right = st.columns([1, 3], vertical_alignment="bottom")
    if wkey(cid, "sent_on") not in st.session_state:
        st.session_state[wkey(cid, "sent_on")] = page.today
    left.date_input(
        "Sent on",
        key=wkey(cid, "sent_on"),
        max_value=page.today,
        format="YYYY-MM-DD",
        help=TYPED_DATE_HELP,
    )
    action(
        right,
        page,
        "Mark as sent",
        ":material/send:",
        "sent",
        on_mark_sent,
        disabled=problem is not None or not body,
        help="Choose a call length in range first." if problem else None,
    )
    st.caption("After you send it from your mail app, mark it here to start the follow-up plan.")


def delete_draft(page: AskPage, draft: AskDraft, saved: Outreach | None) -> None:
    """Offer to delete the draft, after a confirmation."""
    label = "Delete this draft" if saved else "Discard this draft"
    with st.expander(label):
        st.write("This removes the subject, the email and the topics you chose for this ask.")
        sure = st.checkbox("Yes, delete it", key=f"ask_del_ok_{draft.ask_id}")
        st.button(
            label,
            key=f"ask_del_{draft.ask_id}",
            disabled=not sure,
            on_click=on_delete_draft,
            args=(page, draft.ask_id, saved is not None),
        )


# ---------------------------------------------------------------- after sending


def _when(day: date, today: date) -> str:
    gap = (day - today).days
    if gap == 0:
        return "due today"
    if gap < 0:
        return f"was due {short_day(day, today)}"
    return f"{short_day(day, today)} (in {counted(gap, 'day')})"


def status_panel(page: AskPage, ask: Outreach) -> None:
    """Show where a sent ask stands, with the controls to move or correct it."""
    st.markdown("### Where this ask stands")
    line = f"**{ask.status.label}**"
    if ask.sent_on:
        line += f" · sent {ask.sent_on:%a %d %b %Y}"
    waited = days_to_reply(ask)
    if ask.replied_on:
        line += f" · answered {ask.replied_on:%a %d %b %Y}"
        if waited is not None:
            line += f" ({counted(waited, 'day')} later)"
    st.markdown(line)
    copy_boxes("The email you sent", f"ask_sent_text_{ask.id}", ask.subject, ask.body)
    key = f"ask_change_on_{ask.id}"
    if key not in st.session_state:
        st.session_state[key] = page.today
    row = st.container(horizontal=True, vertical_alignment="bottom")
    row.date_input(
        "When it happened",
        key=key,
        max_value=page.today,
        format="YYYY-MM-DD",
        width=180,
        help=TYPED_DATE_HELP,
    )
    for status in next_statuses(ask.status):
        row.button(
            STATUS_ACTIONS[status],
            key=f"ask_to_{status.name}_{ask.id}",
            on_click=on_status,
            args=(page, ask, status),
            type="primary" if status == AskStatus.REPLIED else "secondary",
        )
    with st.expander("Fix a date"):
        answered = ask.status in ANSWERED_STATUSES
        a, b = st.columns(2)
        st.session_state.setdefault(f"ask_fix_sent_{ask.id}", ask.sent_on)
        a.date_input(
            "Sent on", key=f"ask_fix_sent_{ask.id}", format="YYYY-MM-DD", help=TYPED_DATE_HELP
        )
        if answered:
            st.session_state.setdefault(f"ask_fix_replied_{ask.id}", ask.replied_on)
            b.date_input("Answered on", key=f"ask_fix_replied_{ask.id}", format="YYYY-MM-DD")
        st.button(
            "Save the dates", key=f"ask_fix_{ask.id}", on_click=on_fix_dates, args=(page, ask)
        )


MAX_COLLEAGUES = 8


def _colleagues(page: AskPage) -> list[Contact]:
    """Return other contacts at the organization: same office first, researched first."""
    index = page.store.cached(("ask_org_index",), lambda: organization_index(page.store.contacts()))
    found = [page.store.contact(cid) for cid in colleagues(index, page.contact)]
    office = page.contact.organization.casefold().strip()
    return sorted(
        (c for c in found if c is not None),
        key=lambda c: (c.organization.casefold().strip() != office, not c.reason, c.full_name),
    )


def follow_ups(page: AskPage, ask: Outreach) -> None:
    """Show the reminders for a sent ask: a second person, a follow-up email, "no reply"."""
    reminders = ask_reminders(ask, page.contact, page.profile, page.today)
    if not reminders:
        return
    st.markdown("### If no reply comes")
    st.caption("Your follow-up plan, in business days. Recording a reply clears it.")
    for reminder in reminders:
        with st.container(border=True):
            st.markdown(md("**{}** · {}", reminder.title, _when(reminder.due, page.today)))
            st.caption(md_escape(reminder.detail))
            due = reminder.due <= page.today
            if reminder.kind == SECOND_CONTACT:
                _second_person(page)
            elif reminder.kind == FOLLOW_UP:
                _follow_up_email(page, ask, due)
            elif reminder.kind == NO_REPLY and due:
                st.button(
                    "Mark as no reply",
                    key=f"ask_noreply_{ask.id}",
                    on_click=on_status,
                    args=(page, ask, AskStatus.NO_REPLY),
                )


def _second_person(page: AskPage) -> None:
    org = page.contact.organization.strip()
    found = _colleagues(page)
    if found:
        where = org.split(",", 1)[0].strip()
        st.markdown(md("Others at {} in your contacts:", where))
        for other in found[:MAX_COLLEAGUES]:
            role = ", ".join(p for p in (other.title, other.organization) if p)
            label = md_escape(other.full_name + (f" — {role}" if role else ""))
            st.page_link(pages.RESEARCH.path, label=label, query_params={"contact": other.id})
        if len(found) > MAX_COLLEAGUES:
            st.caption(
                md("… and {} more: search for {} in Research.", len(found) - MAX_COLLEAGUES, where)
            )
    else:
        where = md("at {} ", org) if org else ""
        st.caption(md("Nobody else {}is in your contacts yet.", where))
        st.page_link(
            pages.RESEARCH.path, label="Add someone in Research", query_params={"contact": "new"}
        )


def _follow_up_email(page: AskPage, ask: Outreach, due: bool) -> None:
    subject, body = render_email("follow_up", page.contact, page.profile, ask)
    if due:
        st.link_button(
            "Open the follow-up in my mail app",
            mailto_link(page.contact.email, subject, body),
            icon=":material/forward_to_inbox:",
        )
        copy_boxes("Copy the text instead", f"ask_follow_copy_{ask.id}", subject, body)
    else:
        copy_boxes("Preview the follow-up email", f"ask_follow_preview_{ask.id}", subject, body)
    note_review(review_note("follow_up", subject, body))


def copy_boxes(label: str, key: str, subject: str, body: str, expanded: bool = False) -> None:
    """Show an email's subject and body in boxes with a copy button, under an expander.

    A code box loads Streamlit's syntax highlighter, about a third of a second of browser time
    on every visit, so the boxes are sent only once the user opens the expander (unless it
    must start open).
    """
    if expanded:
        box, shown = st.expander(label, expanded=True), True
    else:
        box = st.expander(label, key=key, on_change="rerun")
        shown = box.open
    with box:
        if shown:
            st.caption("Use the copy button at the top right of each box.")
            st.code(plain(subject.strip(), isolate=False) or " ", language=None, wrap_lines=True)
            st.code(plain(body.strip(), isolate=False) or " ", language=None, wrap_lines=True)


def history(page: AskPage, ask: Outreach) -> None:
    """Show every status change of the ask, in the user's time zone."""
    rows = history_rows(ask, safe_zone(page.profile.timezone))
    if rows:
        st.markdown("### History")
        frame = pd.DataFrame(rows, columns=["Status", "When"])
        st.dataframe(plain_frame(frame), hide_index=True, width="content")


def new_ask_button(page: AskPage) -> None:
    """Offer a fresh ask once the last one is closed."""
    action(
        st,
        page,
        md("Write a new ask to {}", page.contact.full_name),
        ":material/edit:",
        "new",
        on_new_ask,
    )


def draft_section(page: AskPage) -> None:
    """Draw the whole draft stage: what to know, template, editor, coach, timing, send."""
    draft, saved = current_draft(page)
    draft, problem = follow_template(page, draft)
    push_draft(page, draft)  # before any widget is drawn: the only time their values may be set
    if st.session_state.get(STALE_KEY) == page.contact.id:
        action(st, page, "Load the newer version", ":material/sync:", "newer", on_load_newer)
    review = review_of(page, draft)
    st.markdown("### What do you want to know?")
    left, right = st.columns([3, 2], gap="large")
    with left:
        topics(page)
    with right:
        call_details(page, draft)
        template_picker(page, problem)
    left, right = st.columns([3, 2], gap="large")
    with left:
        draft_editor(page, draft, saved)
    with right:
        coach_panel(review, lambda: fix_panel(page, draft, review))
    st.divider()
    timing(page, draft)
    st.divider()
    send_panel(page, draft, review)
    delete_draft(page, draft, saved)


def sent_section(page: AskPage, ask: Outreach) -> None:
    """Draw a sent ask: its status, the follow-up plan and its history."""
    status_panel(page, ask)
    follow_ups(page, ask)
    history(page, ask)
    if ask.status in (AskStatus.DECLINED, AskStatus.NO_REPLY):
        new_ask_button(page)


def stage_of(page: AskPage) -> Outreach | None:
    """Return the sent ask to show, or None while the page is drafting."""
    draft = drafts().get(page.contact.id)
    if draft is not None:
        ask = page.store.get(Outreach, draft.ask_id)
        if ask is not None:
            return None if ask.status == AskStatus.DRAFT else ask
        if not draft.revision:
            return None  # a new draft, not saved yet
    ask = latest_ask(page.store.asks(page.contact.id))
    return ask if ask is not None and ask.status != AskStatus.DRAFT else None
