"""Keep in touch on screen: Home's "Losing touch", the touched-base log, a contact's rhythm."""

from __future__ import annotations

from datetime import date

import streamlit as st

from infoview.keep_in_touch import (
    CHANNEL_LABELS,
    RED,
    RELATIONSHIP_LABELS,
    SNOOZE_MONTH,
    SNOOZE_WEEK,
    Drifting,
    RhythmError,
    Warmth,
    delete_touch,
    log_touch,
    rhythm_of,
    set_rhythm,
    since_text,
    snooze,
    touches_of,
    warmth_of_all,
)
from infoview.mailto import mailto_link
from infoview.models import RHYTHM_MAX_DAYS, RHYTHM_MIN_DAYS, SHORT_MAX, Channel, Contact, Rhythm
from infoview.store import Store, StoreError
from infoview.ui import pages
from infoview.ui.date_box import TYPED_DATE_HELP
from infoview.ui.setup import flash
from infoview.ui.text import md, md_escape
from infoview.wording import first_name

CONTACT_PAGE = pages.CONTACT.path

SHOWN = 6
MORE_MAX = 40
LOG_SHOWN = 10


def _badge(w: Warmth) -> str:
    if w.level == RED:
        return md(":red-badge[:material/priority_high: past {} days]", w.longest)
    return md(":orange-badge[:material/schedule: past {} days]", w.ideal)


def _snooze(store: Store, contact_id: str, today: date, days: int, words: str) -> None:
    try:
        snooze(store, contact_id, today, days)
    except (RhythmError, StoreError) as exc:
        st.error(md_escape(exc))
        return
    flash("Snoozed for {}.", words, icon="😴")
    st.rerun()


def touch_form(store: Store, contact: Contact, today: date, key: str) -> None:
    """A small form to log a time in touch: the day, how, and a one-line note."""
    with st.form(key, clear_on_submit=True, border=False):
        day, how = st.columns(2)
        on = day.date_input(
            "When", value=today, max_value=today, key=f"{key}_on", help=TYPED_DATE_HELP
        )
        channel = how.selectbox(
            "How",
            list(Channel),
            format_func=lambda c: CHANNEL_LABELS[Channel(c)],
            key=f"{key}_channel",
        )
        note = st.text_input(
            "Note (one line)",
            max_chars=SHORT_MAX,
            placeholder="What you talked about",
            key=f"{key}_note",
        )
        if st.form_submit_button("Log it", icon=":material/check:"):
            try:
                log_touch(store, contact.id, on, str(channel), note, today)
            except (RhythmError, StoreError) as exc:
                st.error(md_escape(exc))
                return
            flash("Logged. Their keep-in-touch clock starts again.", icon="🤝")
            st.rerun()


def _drifting_row(store: Store, item: Drifting, today: date) -> None:
    contact, w = item.contact, item.warmth
    text, actions = st.container(border=True).columns([3, 2], vertical_alignment="center")
    text.markdown(
        md(
            "{} **{}** · :gray[{}]  \n:small[:gray[Why write now: {}]]",
            _badge(w),
            contact.full_name,
            since_text(w),
            item.reason,
        )
    )
    row = actions.container(horizontal=True, vertical_alignment="center", gap="small")
    if contact.email:
        body = f"Hi {first_name(contact.full_name) or contact.full_name},\n\n"
        row.link_button(
            "Write", mailto_link(contact.email, "Catching up", body), icon=":material/mail:"
        )
    else:
        row.page_link(
            CONTACT_PAGE,
            label="Write",
            icon=":material/mail:",
            query_params={"contact": contact.id},
        )
    with row.popover("Log that we talked", icon=":material/handshake:"):
        touch_form(store, contact, today, f"lt_form_{contact.id}")
    if row.button("Snooze a week", key=f"lt_week_{contact.id}", type="tertiary"):
        _snooze(store, contact.id, today, SNOOZE_WEEK, "a week")
    if row.button("Snooze a month", key=f"lt_month_{contact.id}", type="tertiary"):
        _snooze(store, contact.id, today, SNOOZE_MONTH, "a month")


def losing_touch_section(store: Store, drifting: list[Drifting], today: date) -> None:
    """Show who the user is losing touch with, most overdue first, each with what to do."""
    st.header("Losing touch")
    if not drifting:
        st.caption(
            "Nobody you have talked to is past their keep-in-touch gap. Home lists people here "
            "once it has been too long since you were last in touch."
        )
        return
    red = sum(1 for d in drifting if d.warmth.level == RED)
    st.caption(
        md(
            "{:,} people past their ideal gap, {:,} of them past the longest. "
            "Snooze hides someone for a week or a month.",
            len(drifting),
            red,
        )
    )
    more = len(drifting) - SHOWN
    shown = MORE_MAX if more > 0 and st.session_state.get("lt_more") else SHOWN
    for item in drifting[:shown]:
        _drifting_row(store, item, today)
    if more > 0:
        st.toggle(
            md("Show more ({:,} in all, the {} most overdue)", len(drifting), MORE_MAX),
            key="lt_more",
        )


def _rhythm_text(w: Warmth | None, today: date) -> str:
    if w is None:
        return ""
    who = RELATIONSHIP_LABELS[w.relationship]
    whose = "their own" if w.own else f"the default for people who {who}"
    state = f"due since {w.due:%d %b %Y}" if w.due <= today else f"next by {w.due:%d %b %Y}"
    return (
        f"Every {w.ideal} days ideally, at most {w.longest} ({whose}); last in touch "
        f"{w.last:%d %b %Y} ({w.last_kind}); {state}."
    )


def keep_in_touch_section(store: Store, contact: Contact, w: Warmth | None, today: date) -> None:
    """Show a contact's rhythm, the times in touch logged, and forms to log or change it."""
    st.markdown("## Keeping in touch")
    rhythm = rhythm_of(store, contact.id)
    if rhythm is not None and rhythm.off:
        st.caption("You asked not to be reminded to keep in touch with them.")
    elif w is None:
        st.caption(
            "Their keep-in-touch rhythm starts once you have talked: log a conversation or a "
            "time you were in touch."
        )
    else:
        st.caption(md_escape(_rhythm_text(w, today)))
    touches = touches_of(store, contact.id)
    with st.expander(md("Times in touch ({})", len(touches)), key="ct_touches"):
        touch_form(store, contact, today, "ct_touch_form")
        for touch in touches[:LOG_SHOWN]:
            text, button = st.columns([5, 1], vertical_alignment="center")
            note = md(" · {}", touch.note) if touch.note else ""
            text.markdown(md("`{:%Y-%m-%d}` {}{}", touch.on, CHANNEL_LABELS[touch.channel], note))
            if button.button(
                "Delete", key=f"ct_del_{touch.id}", type="tertiary", icon=":material/delete:"
            ):
                try:
                    delete_touch(store, touch.id)
                except StoreError as exc:
                    st.error(md_escape(exc))
                    return
                flash("Deleted that entry.", icon="🗑️")
                st.rerun()
        if len(touches) > LOG_SHOWN:
            st.caption(md("and {:,} earlier.", len(touches) - LOG_SHOWN))
    with st.expander("Change how often to keep in touch", key="ct_rhythm"):
        _rhythm_form(store, contact, rhythm)


def _rhythm_form(store: Store, contact: Contact, rhythm: Rhythm | None) -> None:
    with st.form("ct_rhythm_form", border=False):
        own = rhythm is not None and bool(rhythm.ideal_days)
        use_own = st.checkbox("Use their own gaps", value=own, key="ct_rhythm_own")
        a, b = st.columns(2)
        ideal = a.number_input(
            "Ideal gap (days)",
            min_value=RHYTHM_MIN_DAYS,
            max_value=RHYTHM_MAX_DAYS,
            value=(rhythm.ideal_days if own else 90),
            key="ct_rhythm_ideal",
        )
        longest = b.number_input(
            "Longest gap (days)",
            min_value=RHYTHM_MIN_DAYS,
            max_value=RHYTHM_MAX_DAYS,
            value=(rhythm.max_days or 180) if own else 180,
            key="ct_rhythm_max",
        )
        off = st.checkbox(
            "Don't remind me about them",
            value=bool(rhythm is not None and rhythm.off),
            key="ct_rhythm_off",
        )
        if st.form_submit_button("Save", icon=":material/save:"):
            try:
                set_rhythm(
                    store,
                    contact.id,
                    int(ideal) if use_own else None,
                    int(longest) if use_own else None,
                    off,
                )
            except (RhythmError, StoreError) as exc:
                st.error(md_escape(exc))
                return
            flash("Saved how often to keep in touch.", icon="🗓️")
            st.rerun()


def log_anyone(store: Store, today: date) -> None:
    """On Home: log a time in touch with anyone you have talked to, drawn only when opened."""
    box = st.expander(
        "Log a time you were in touch", icon=":material/handshake:", key="lt_any", on_change="rerun"
    )
    if not box.open:
        return
    with box:
        ids = sorted(
            warmth_of_all(store, today),
            key=lambda cid: store.contact(cid).full_name.casefold(),  # type: ignore[union-attr]
        )
        if not ids:
            st.caption("Nobody you have talked to yet. For anyone else, log it on their own page.")
            return
        names = {cid: store.contact(cid).full_name for cid in ids}  # type: ignore[union-attr]
        chosen = st.selectbox(
            "With whom",
            ids,
            index=None,
            format_func=names.get,
            placeholder="Choose someone you have talked to",
            key="lt_any_who",
        )
        contact = store.contact(chosen)
        if contact is not None:
            touch_form(store, contact, today, "lt_any_form")
        st.caption("Anyone else: log it on their own page, under Keeping in touch.")
