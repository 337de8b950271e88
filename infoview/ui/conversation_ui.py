"""The Conversations step's widgets: choose, schedule, thank, report back, correct.

The Log tab (with referrals) is in ``conversation_log_ui``, the page's layout in
``conversation_tabs``.

Widgets and Save buttons carry the conversation's revision in their keys: after a save they
are drawn afresh from the stored record, and a second click on a button drawn from the old
revision is not a click at all, so a double-clicked Save stores one log and one set of
referrals.

The page draws only the open tab, and Streamlit forgets the state of a widget that is not
drawn. So every input here is drawn through ``kept``, which copies its value to a plain
session dict (the bucket ``KEPT``, see ``infoview.ui.kept``) and refills the widget from it
when its tab opens again or the user comes back to the page. That is also why there are no
``st.form``s here: a form sends nothing to the server until it is submitted, so what was
typed in it would be lost on a switch to another tab.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from functools import partial
from typing import Any

import streamlit as st
from pydantic import ValidationError

from infoview import models
from infoview.coach.drafts import review_note
from infoview.conversations import (
    conversation_label,
    default_report_back,
    delete_conversation,
    move_conversation,
    schedule_at,
    scheduled_parts,
    sort_conversations,
)
from infoview.dates import safe_zone, zone_options
from infoview.io.ics import call_ics, dates_ics, followup_items
from infoview.mailto import mailto_link, mailto_too_long
from infoview.models import CallMode, Contact, Conversation, friendly_errors
from infoview.questions import default_call_minutes
from infoview.reminders import thank_you_due
from infoview.research import search_contacts
from infoview.store import StaleRecordError, Store, StoreError
from infoview.timeline import referrals_by_referrer
from infoview.ui.date_box import TYPED_DATE_HELP
from infoview.ui.kept import kept_values, kept_widget, release_id, report_problem, reserved_id
from infoview.ui.note_coach import note_review
from infoview.ui.setup import flash
from infoview.ui.text import md, md_escape, plain
from infoview.wording import counted
from infoview.writing import AskDetails, render_email

PAGE = "cv"  # the key prefix of the step's session state
KEPT = "cv_kept"
NEW = "new"
MODES = [m.value for m in CallMode]
STALE = (
    "Not saved: this conversation changed in another tab or program since you opened it. "
    "The latest version is shown now; make your change again."
)


# ---------------------------------------------------------------- saving


def _pick_key(contact: Contact) -> str:
    return f"cv_pick_{contact.id}"


# Every input of the step is drawn through this: its value is kept in the page's bucket.
kept = partial(kept_widget, bucket=KEPT)


def forget_typing(conv: Conversation) -> None:
    """Drop what was kept for the widgets of a revision that is now saved (or replaced)."""
    typed = kept_values(KEPT)
    rev = f"{conv.id}_{conv.revision}"
    for key in [k for k in typed if k.endswith(rev) or f"{rev}_" in k]:
        del typed[key]


def select_next(contact_id: str, conv_id: str | None) -> None:
    """Ask the next run to show this conversation (the selectbox may already be drawn now)."""
    st.session_state["cv_select_next"] = (contact_id, conv_id)


def how_and_how_long(
    conv: Conversation, mode_col: Any, minutes_col: Any, mode_key: str, minutes_key: str
) -> tuple[str, int]:
    """Draw the call's mode and length (kept like every input here) and return them."""
    mode = kept(mode_col.selectbox, "How", mode_key, conv.mode.value, options=MODES)
    minutes = kept(
        minutes_col.number_input,
        "Minutes",
        minutes_key,
        conv.minutes,
        min_value=5,
        max_value=180,
        step=5,
    )
    return mode, minutes


def committed(write: Callable[[], object]) -> bool:
    """Run one store write: a stale record is reported after a rerun, a store error here."""
    try:
        write()
    except StaleRecordError:
        report_problem(PAGE, "warning", STALE)
        st.rerun()
    except StoreError as exc:
        st.error(md("Nothing was saved: {}", exc))
        return False
    return True


def _save(store: Store, conv: Conversation, message: str, **changes: object) -> None:
    """Save changes to a conversation; on success flash and rerun, else say why not."""
    try:
        updated = Conversation.model_validate({**conv.model_dump(), **changes})
    except ValidationError as exc:
        st.error(md("Nothing was saved: {}", "; ".join(friendly_errors(exc))))
        return
    if not committed(lambda: store.save(updated, expected_revision=conv.revision)):
        return
    forget_typing(conv)
    select_next(conv.contact_id, conv.id)
    flash(message)
    st.rerun()


# ---------------------------------------------------------------- choosing a conversation


def choose_conversation(store: Store, contact: Contact) -> Conversation:
    """Let the user pick one of the contact's conversations or start a new one."""
    convs = sort_conversations(store.conversations(contact.id))
    new_key = f"cv_new_{contact.id}"
    new_conv_id = reserved_id(new_key)
    if any(c.id == new_conv_id for c in convs):
        # The new one was saved: the next new one gets a fresh id.
        release_id(new_key)
        new_conv_id = reserved_id(new_key)
    by_id = {c.id: c for c in convs}
    options = [*by_id, NEW]
    open_calls = [c.id for c in convs if c.happened_on is None]
    default = open_calls[0] if open_calls else (options[0])
    key = _pick_key(contact)
    asked = st.query_params.get("conversation")
    if asked:
        # A next step or reminder named the record: open it once, then the picker rules.
        del st.query_params["conversation"]
        if asked in by_id:
            st.session_state[key] = asked
    wanted = st.session_state.pop("cv_select_next", None)
    if wanted and wanted[0] == contact.id:
        st.session_state[key] = wanted[1]
    if st.session_state.get(key) not in options:
        st.session_state[key] = default
    labels = {cid: conversation_label(c) for cid, c in by_id.items()}
    labels[NEW] = "➕ A new conversation"
    if convs:
        choice = st.selectbox("Conversation", options, format_func=labels.get, key=key)
    else:
        choice = NEW
    if choice != NEW:
        return by_id[choice]
    asks = store.asks(contact.id)
    latest_ask = max(asks, key=lambda a: a.updated_at, default=None)
    return Conversation(
        id=new_conv_id,
        contact_id=contact.id,
        minutes=default_call_minutes(asks),
        mode=latest_ask.mode if latest_ask is not None else CallMode.PHONE,
    )


def opening_tab(conv: Conversation, today: date) -> int:
    """Return which tab to open first: the one holding the conversation's next step."""
    if conv.happened_on is not None:
        return 2 if not conv.thank_you_sent_on or not conv.report_back_done_on else 1
    if conv.scheduled_at is not None and scheduled_parts(conv, "UTC", today)[0] <= today:
        return 1  # the call has happened (or is today): time to log it
    return 0


# ---------------------------------------------------------------- scheduling


def schedule_tab(
    store: Store, contact: Contact, conv: Conversation, zone: str, now: datetime, today: date
) -> None:
    """Draw the call-time form; once scheduled, the call, its calendar file and the form folded."""
    day, at, conv_zone = scheduled_parts(conv, zone, today)
    rev = f"{conv.id}_{conv.revision}"
    if conv.scheduled_at is None:
        _schedule_form(store, conv, zone, day, at, conv_zone)
        st.caption("Use the time zone the two of you agreed on; InfoView shows reminders in yours.")
        return
    mode = CallMode(conv.mode).value
    st.markdown(
        md(
            "**Call on {:%a %d %b %Y} at {:%H:%M}** ({}) · {} · {} minutes",
            day,
            at,
            conv_zone,
            mode,
            conv.minutes,
        )
    )
    if conv_zone != zone:
        local = conv.scheduled_at.astimezone(safe_zone(zone))
        st.caption(md("That is {:%a %d %b, %H:%M} in your time zone ({}).", local, zone))
    st.download_button(
        "Add the call to your calendar (.ics)",
        data=lambda: call_ics(conv, contact, now),
        file_name=f"call-{conv.id[:8]}.ics",
        mime="text/calendar",
        icon=":material/event:",
        key=f"cv_ics_{rev}",
    )
    # Folded, and drawn only when opened (date and time pickers are heavy for the browser);
    # open from the start when the user has changes in it that are not saved yet.
    typed = kept_values(KEPT)
    shown = {"day": day, "time": at, "tz": conv_zone, "mode": mode, "min": conv.minutes}
    changed = any(typed.get(f"cv_{name}_{rev}", value) != value for name, value in shown.items())
    change = st.expander(
        "Change the time or how you will talk",
        icon=":material/edit_calendar:",
        expanded=changed,
        key=f"cv_resched_{rev}",
        on_change="rerun",
    )
    if change.open:
        with change:
            _schedule_form(store, conv, zone, day, at, conv_zone)


def _schedule_form(
    store: Store, conv: Conversation, zone: str, day: date, at: time, conv_zone: str
) -> None:
    rev = f"{conv.id}_{conv.revision}"
    with st.container(border=conv.scheduled_at is None):
        a, b, c = st.columns([2, 2, 3])
        new_day = kept(a.date_input, "Day", f"cv_day_{rev}", day, help=TYPED_DATE_HELP)
        new_time = kept(b.time_input, "Time", f"cv_time_{rev}", at, step=timedelta(minutes=15))
        zones = zone_options(conv_zone, zone)
        new_zone = kept(
            c.selectbox, "Time zone", f"cv_tz_{rev}", conv_zone, zones.__contains__, options=zones
        )
        d, e = st.columns(2)
        mode, minutes = how_and_how_long(conv, d, e, f"cv_mode_{rev}", f"cv_min_{rev}")
        label = "Save the new time" if conv.scheduled_at else "Schedule the call"
        submitted = st.button(label, type="primary", key=f"cv_sched_{rev}")
    if submitted:
        _save(
            store,
            conv,
            "Call time saved.",
            scheduled_at=schedule_at(new_day, new_time, new_zone),
            timezone=new_zone,
            mode=mode,
            minutes=int(minutes),
        )


# ---------------------------------------------------------------- thanks and report back


def _draft(
    kind: str,
    contact: Contact,
    profile: models.Profile,
    details: AskDetails,
    key: str,
    days_since_call: int | None = None,
) -> None:
    """Show an editable draft of one of our emails and a link that opens it in the mail app.

    ``key`` names the conversation; the widgets' keys also carry a stamp of the rendered
    text, so a change that renders a new draft (what you learned) starts the edit afresh.
    """
    subject, body = render_email(kind, contact, profile, details)
    stamp = hashlib.sha1(f"{key}\n{subject}\n{body}".encode()).hexdigest()[:8]
    subject = kept(st.text_input, "Subject", f"{key}_subj_{stamp}", subject)
    body = kept(st.text_area, "Message", f"{key}_body_{stamp}", body, height=220)
    note_review(review_note(kind, subject, body, days_since_call))
    link = mailto_link(contact.email, subject, body)
    if mailto_too_long(link):
        st.warning(
            "This message is long enough that some mail apps cut it short. Copy it and paste "
            "it into a new email instead."
        )
        # A code block costs the browser a syntax-highlighter load: drawn only when asked for.
        copy = st.expander(
            "Copy the text", icon=":material/content_copy:", key=f"{key}_copy", on_change="rerun"
        )
        if copy.open:
            with copy:
                st.code(plain(body, isolate=False), language=None, wrap_lines=True)
    st.link_button("Open in your mail app", link, icon=":material/mail:")
    if not contact.email:
        st.caption("No email address saved for this contact: add it in your mail app.")


def _sent_on(key: str, today: date) -> date:
    return kept(
        st.date_input,
        "Sent on",
        key,
        today,
        lambda day: day <= today,
        max_value=today,
        width=180,
        help=TYPED_DATE_HELP,
    )


def _mention(label: str, key: str, example: str) -> str:
    """Draw the one-line box for what a thank-you or report-back email should mention."""
    return kept(st.text_input, label, key, "", max_chars=models.SHORT_MAX, placeholder=example)


def thanks_tab(
    store: Store, contact: Contact, conv: Conversation, profile: models.Profile, today: date
) -> None:
    """Draw the thank-you note and the report-back reminder for a logged conversation."""
    if conv.happened_on is None:
        st.info("Log the conversation first; the thank-you note and the reminder follow from it.")
        return
    rev = f"{conv.id}_{conv.revision}"
    asks = store.asks(contact.id)
    topics = list(max(asks, key=lambda a: a.updated_at).topics) if asks else []
    st.markdown("### Thank-you note")
    if conv.thank_you_sent_on:
        st.success(md("Thank-you sent on {:%a %d %b %Y}.", conv.thank_you_sent_on), icon="💌")
        if st.button("Not sent after all", key=f"cv_unthank_{rev}"):
            _save(store, conv, "Thank-you marked as not sent.", thank_you_sent_on=None)
    else:
        due = thank_you_due(conv.happened_on)
        late = " (overdue: better late than never)" if today > due else ""
        st.caption(md("Send it by {:%a %d %b}{}. Name one specific thing you learned.", due, late))
        learned = _mention(
            "One specific thing you learned from them",
            f"cv_learned_{conv.id}",
            "e.g. how policy fellows split their week between research and briefings",
        )
        details = AskDetails(topics=topics, learned=learned)
        days = (today - conv.happened_on).days
        _draft("thank_you", contact, profile, details, f"cv_ty_{conv.id}", days)
        with st.container(horizontal=True, vertical_alignment="bottom"):
            sent_on = _sent_on(f"cv_tyday_{rev}", today)
            if st.button("Mark thank-you sent", type="primary", key=f"cv_thank_{rev}"):
                _save(store, conv, "Thank-you marked as sent.", thank_you_sent_on=sent_on)
    st.divider()
    st.markdown("### Report back")
    st.caption(
        "Some weeks later, tell them what you did with their advice. It keeps the connection "
        "alive and shows their time mattered."
    )
    due = conv.report_back_due or default_report_back(conv.happened_on)
    if conv.report_back_done_on:
        st.success(md("Reported back on {:%a %d %b %Y}.", conv.report_back_done_on), icon="📬")
        if st.button("Not sent after all", key=f"cv_unreport_{rev}"):
            _save(store, conv, "Report-back marked as not sent.", report_back_done_on=None)
        return
    with st.container(horizontal=True, vertical_alignment="bottom"):
        new_due = kept(
            st.date_input, "Remind me on", f"cv_rbdue_{rev}", due, width=180, help=TYPED_DATE_HELP
        )
        if st.button("Save the reminder date", key=f"cv_rbsave_{rev}", disabled=new_due == due):
            _save(store, conv, "Reminder date saved.", report_back_due=new_due)
    outcome = _mention(
        "What you did with their advice",
        f"cv_outcome_{conv.id}",
        "e.g. joined the science policy network they mentioned",
    )
    details = AskDetails(topics=topics, outcome=outcome)
    _draft("report_back", contact, profile, details, f"cv_rb_{conv.id}")
    with st.container(horizontal=True, vertical_alignment="bottom"):
        done_on = _sent_on(f"cv_rbday_{rev}", today)
        if st.button("Mark report-back sent", key=f"cv_report_{rev}"):
            _save(store, conv, "Report-back marked as sent.", report_back_done_on=done_on)


# ---------------------------------------------------------------- corrections


def _search(store: Store, query: str, exclude: str) -> list[Contact]:
    return search_contacts(store, query, 50, exclude)


def correct_tab(store: Store, contact: Contact, conv: Conversation) -> None:
    """Move a conversation logged on the wrong contact, or delete it."""
    if conv.revision == 0:
        st.caption("Nothing to correct yet: this conversation is not saved.")
        return
    rev = f"{conv.id}_{conv.revision}"
    st.caption("To change a date, edit it in the Schedule or Log tab and save.")
    st.markdown("### Logged on the wrong person?")
    query = kept(
        st.text_input, "Find the right contact", f"cv_mvq_{conv.id}", "", placeholder="Name…"
    )
    matches = _search(store, query, contact.id)
    names = {
        c.id: c.full_name + (f" — {c.organization}" if c.organization else "") for c in matches
    }
    target = kept(
        st.selectbox,
        "Move this conversation to",
        f"cv_mvto_{rev}_{query}",
        None,
        lambda cid: cid is None or cid in names,
        options=list(names),
        index=None,
        format_func=names.get,
        placeholder="Type a name above, then choose" if not query else "Choose a contact",
    )
    given = referrals_by_referrer(store).get(contact.id, [])
    carry: list[str] = []
    if given:
        same_day = [c.id for c in given if c.joined_on == conv.happened_on]
        labels = {c.id: c.full_name for c in given}
        carry = kept(
            st.multiselect,
            "Move these referrals along (they came from this conversation)",
            f"cv_mvref_{rev}",
            same_day,
            lambda ids: set(ids) <= set(labels),
            options=list(labels),
            format_func=labels.get,
        )
    if st.button("Move the conversation", disabled=target is None, key=f"cv_move_{rev}"):
        try:
            move_conversation(store, conv, target, carry, expected_revision=conv.revision)
        except StaleRecordError:
            report_problem(PAGE, "warning", STALE)
            st.rerun()
        except (ValueError, StoreError) as exc:
            st.error(md_escape(exc))
            return
        forget_typing(conv)
        flash("Moved to {}.", names[target])
        select_next(target, conv.id)
        st.query_params["contact"] = target
        st.rerun()
    st.markdown("### Delete this conversation")
    sure = st.checkbox(
        "Yes, delete it (the people it added stay in Research)", key=f"cv_delok_{rev}"
    )
    if st.button("Delete for good", disabled=not sure, key=f"cv_delete_{rev}"):
        try:
            delete_conversation(store, conv.id)
        except StoreError as exc:
            st.error(md_escape(exc))
            return
        forget_typing(conv)
        select_next(contact.id, None)
        flash("Conversation deleted.", icon="🗑️")
        st.rerun()


def reminder_calendar(
    contact: Contact, reminders: list, now: datetime, key: str = "cv_dates_ics"
) -> None:
    """Offer this contact's follow-up dates as a calendar file (the call has its own file)."""
    items = followup_items(reminders)
    if not items:
        return
    st.download_button(
        md("Add {} to your calendar (.ics)", counted(len(items), "follow-up date")),
        data=lambda: dates_ics(items, now),
        file_name=f"follow-ups-{contact.id[:8]}.ics",
        mime="text/calendar",
        icon=":material/calendar_add_on:",
        key=key,
    )
