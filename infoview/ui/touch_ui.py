"""Keep in touch on screen: Home's "Losing touch", the touched-base log, a contact's rhythm."""

from __future__ import annotations

from datetime import date
from functools import partial

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
from infoview.ui.kept import (
    forget_older,
    keep_typing,
    kept_values,
    kept_widget,
    release_id,
    report_problem,
    reserved_id,
    show_problem,
)
from infoview.ui.outcome import attempt
from infoview.ui.setup import flash
from infoview.ui.text import md, md_escape
from infoview.wording import first_name

CONTACT_PAGE = pages.CONTACT.path
PAGE = "lt"  # the key prefix of a refused log's message (ui/kept.py)
KEPT = "lt_kept"  # what is typed in the touch forms, kept across page switches (ui/kept.py)
_TOUCH_FIELDS = ("on", "channel", "note")
# The touch forms' widgets are drawn through this: their values survive a page switch.
kept = partial(kept_widget, bucket=KEPT)

SHOWN = 6
MORE_MAX = 40
LOG_SHOWN = 10


def _badge(w: Warmth) -> str:
    if w.level == RED:
        return md(":red-badge[:material/priority_high: past {} days]", w.longest)
    return md(":orange-badge[:material/schedule: past {} days]", w.ideal)


def _snooze(store: Store, contact_id: str, today: date, days: int, words: str) -> None:
    attempt(
        lambda: snooze(store, contact_id, today, days),
        lambda _: md("Snoozed for {}.", words),
        icon="😴",
        errors=(RhythmError, StoreError),
    )


def touch_form(store: Store, contact: Contact, today: date, key: str) -> None:
    """A small form to log a time in touch: the day, how, and a one-line note.

    Not an st.form: a form sends nothing before it is submitted, so a half-typed note would be
    lost on a page switch. Each field is kept in the page's bucket instead (ui/kept.py), and
    the touch's id is reserved until it is logged: the button carries it in its key, so a
    double-clicked "Log it" logs one time in touch.
    """
    day, how = st.columns(2)
    kept(
        day.date_input,
        "When",
        f"{key}_on",
        today,
        lambda on: on <= today,
        max_value=today,
        help=TYPED_DATE_HELP,
    )
    kept(
        how.selectbox,
        "How",
        f"{key}_channel",
        Channel.EMAIL,
        options=list(Channel),
        format_func=lambda c: CHANNEL_LABELS[Channel(c)],
    )
    kept(
        st.text_input,
        "Note (one line)",
        f"{key}_note",
        "",
        max_chars=SHORT_MAX,
        placeholder="What you talked about",
    )
    touch_id = reserved_id(f"{key}_id")
    show_problem(PAGE, f"{key}:{contact.id}")
    st.button(
        "Log it",
        icon=":material/check:",
        key=f"{key}_log_{touch_id}",
        on_click=_log_touch,
        args=(store, contact.id, today, key, touch_id),
    )


def _log_touch(store: Store, contact_id: str, today: date, key: str, touch_id: str) -> None:
    """Log what the touch form holds (a button's callback); a refusal shows beside the form."""
    on, channel, note = (st.session_state.get(f"{key}_{name}") for name in _TOUCH_FIELDS)
    try:
        log_touch(store, contact_id, on, str(channel), note or "", today, touch_id=touch_id)
    except (RhythmError, StoreError) as exc:
        report_problem(PAGE, "error", str(exc), where=f"{key}:{contact_id}")
        return
    release_id(f"{key}_id")
    for name in _TOUCH_FIELDS:  # the form starts empty again, as a cleared form did
        st.session_state.pop(f"{key}_{name}", None)
        kept_values(KEPT).pop(f"{key}_{name}", None)
    flash("Logged. Their keep-in-touch clock starts again.", icon="🤝")


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
                attempt(partial(delete_touch, store, touch.id), "Deleted that entry.", icon="🗑️")
                return  # refused: the section stops at its message
        if len(touches) > LOG_SHOWN:
            st.caption(md("and {:,} earlier.", len(touches) - LOG_SHOWN))
    with st.expander("Change how often to keep in touch", key="ct_rhythm"):
        _rhythm_form(store, contact, rhythm)


def _rhythm_form(store: Store, contact: Contact, rhythm: Rhythm | None) -> None:
    """Draw the form of a contact's own gaps; what is typed in it survives a page switch.

    Its keys carry the rhythm's revision: after a save it starts afresh from what is stored.
    """
    prefix = f"ct_rhythm_{contact.id}_{rhythm.revision if rhythm is not None else 0}"
    forget_older(KEPT, f"ct_rhythm_{contact.id}_", prefix)
    own = rhythm is not None and bool(rhythm.ideal_days)
    gaps = {"min_value": RHYTHM_MIN_DAYS, "max_value": RHYTHM_MAX_DAYS}
    use_own = kept(st.checkbox, "Use their own gaps", f"{prefix}_own", own)
    a, b = st.columns(2)
    ideal_start = rhythm.ideal_days if rhythm is not None and own else 90
    ideal = kept(a.number_input, "Ideal gap (days)", f"{prefix}_ideal", ideal_start, **gaps)
    longest_start = (rhythm.max_days or 180) if rhythm is not None and own else 180
    longest = kept(b.number_input, "Longest gap (days)", f"{prefix}_max", longest_start, **gaps)
    off = kept(
        st.checkbox,
        "Don't remind me about them",
        f"{prefix}_off",
        bool(rhythm is not None and rhythm.off),
    )
    if st.button("Save", icon=":material/save:", key=f"{prefix}_save"):
        own_ideal, own_longest = (int(ideal), int(longest)) if use_own else (None, None)
        attempt(
            lambda: set_rhythm(store, contact.id, own_ideal, own_longest, off),
            "Saved how often to keep in touch.",
            icon="🗓️",
            errors=(RhythmError, StoreError),
        )


def log_anyone(store: Store, today: date) -> None:
    """On Home: log a time in touch with anyone you have talked to, drawn only when opened."""
    box = st.expander(
        "Log a time you were in touch", icon=":material/handshake:", key="lt_any", on_change="rerun"
    )
    keep_typing(KEPT)  # a click that folds the box can carry the last thing typed in it
    if not box.open:
        return
    with box:
        # A contact deleted since their warmth was worked out is left out, not shown blank.
        found = (store.contact(cid) for cid in warmth_of_all(store, today))
        names = {c.id: c.full_name for c in found if c is not None}
        ids = sorted(names, key=lambda cid: names[cid].casefold())
        if not ids:
            st.caption("Nobody you have talked to yet. For anyone else, log it on their own page.")
            return
        chosen = kept(
            st.selectbox,
            "With whom",
            "lt_any_who",
            None,
            lambda cid: cid is None or cid in names,
            options=ids,
            format_func=names.get,
            placeholder="Choose someone you have talked to",
        )
        contact = store.contact(chosen)
        if contact is not None:
            touch_form(store, contact, today, "lt_any_form")
        st.caption("Anyone else: log it on their own page, under Keeping in touch.")
