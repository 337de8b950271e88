"""Home's widgets: the first-visit welcome, what is due, the journey, and where each contact is."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from functools import partial

import pandas as pd
import streamlit as st

from infoview.dates import short_day
from infoview.figures import HELP, Figures, Journey
from infoview.io.ics import dates_ics
from infoview.models import CallPlan, Conversation, Outreach
from infoview.next_steps import (
    contact_next_step,
    declined_ids,
    pipeline_rows,
    stage_counts,
    stages_of,
)
from infoview.pipeline import STAGE_LABELS, Stage
from infoview.reminders import (
    CALL,
    FOLLOW_UP,
    KEEP_IN_TOUCH,
    LINKEDIN,
    LOG_CALL,
    NO_REPLY,
    REPORT_BACK,
    SECOND_CONTACT,
    THANK_YOU,
    DueView,
    Reminder,
    dismiss,
    restore,
)
from infoview.sample_store import has_sample, load_sample, remove_sample
from infoview.store import Store
from infoview.ui import pages
from infoview.ui.outcome import attempt
from infoview.ui.steps import step_page
from infoview.ui.text import Markdown, md, md_join, plain, plain_frame
from infoview.wording import counted, number

SHOWN = 6
MORE_MAX = 40
PIPELINE_ROWS = 15
ICONS = {
    CALL: ":material/call:",
    LOG_CALL: ":material/edit_note:",
    THANK_YOU: ":material/favorite:",
    REPORT_BACK: ":material/mark_email_read:",
    FOLLOW_UP: ":material/forward_to_inbox:",
    SECOND_CONTACT: ":material/person_search:",
    NO_REPLY: ":material/notifications_off:",
    LINKEDIN: ":material/person_add:",
    KEEP_IN_TOUCH: ":material/handshake:",
}
ACT = {
    CALL: "Prepare",
    LOG_CALL: "Log it",
    THANK_YOU: "Write it",
    REPORT_BACK: "Write it",
    FOLLOW_UP: "Follow up",
    SECOND_CONTACT: "Find someone",
    NO_REPLY: "Close it",
    LINKEDIN: "Connect",
    KEEP_IN_TOUCH: "Open",
}


# ---------------------------------------------------------------- first visit and sample data


def welcome(store: Store, today: date) -> None:
    """Greet a first visit: what InfoView does, where to start, and the sample data."""
    st.title("Welcome to InfoView")
    st.markdown(
        "An **informational interview** is a short conversation with someone whose work you "
        "want to understand: not a job interview, but a chance to learn how a field really "
        "works and who else is in it. InfoView walks you through it, one person at a time:"
    )
    st.markdown(
        "1. **Your story:** where you have been, where you are heading, and a 30-second "
        "introduction.\n"
        "2. **Research:** who they are and why the two of you should talk.\n"
        "3. **Craft the ask:** a short email asking for 15 minutes of their time.\n"
        "4. **Plan questions:** a handful that fit the call.\n"
        "5. **Follow through:** log what you learned, thank them, and meet the people they "
        "suggest."
    )
    st.page_link(pages.YOUR_STORY.path, label="Start with step 1", icon=":material/arrow_forward:")
    with st.container(border=True):
        st.markdown("**Just looking around first?**")
        st.caption(
            "Fill InfoView with a made-up network: a postdoc exploring science policy, data "
            "science and university administration, with asks, calls and referrals. One click "
            "removes it again; anything you add yourself stays."
        )
        if st.button("Explore with sample data", icon=":material/science:", key="load_sample"):
            attempt(
                lambda: load_sample(store, today),
                lambda count: md("Loaded {}. Look around!", counted(count, "sample record")),
                icon="🧪",
                failed="The sample data could not be loaded: {}",
            )


def sample_notice(store: Store) -> None:
    """While sample data is present, say so and offer to remove it in one click."""
    if not has_sample(store):
        return
    with st.container(border=True):
        text, button = st.columns([4, 1], vertical_alignment="center")
        text.markdown(
            ":material/science: **Sample data is loaded.** The made-up people and "
            "conversations show what each step looks like. Remove them when you are ready to "
            "start on your own; your own records stay."
        )
        if button.button("Remove sample data", key="remove_sample", width="stretch"):
            attempt(
                lambda: remove_sample(store),
                lambda count: md("Removed {}.", counted(count, "sample record")),
                icon="🧹",
                failed="The sample data could not be removed: {}",
            )


# ---------------------------------------------------------------- figures and journey


def figures_row(figs: Figures) -> None:
    """Show the headline numbers."""
    cols = st.columns(5)
    shown = ("contacts", "asks_sent", "replies", "conversations", "referrals")
    labels = ("Contacts", "Asks sent", "Replies", "Conversations", "Referrals")
    for col, name, label in zip(cols, shown, labels, strict=True):
        col.metric(label, plain("{:,}", getattr(figs, name)), help=HELP[name])
    if figs.archived:
        st.caption(
            md(
                "Contacts: {}. The other figures count everything that "
                "happened, archived people's history included.",
                figs.contacts_text,
            )
        )


def journey_section(j: Journey) -> None:
    """Show the five steps, each with how far the user has come and a link to it."""
    progress = {
        pages.YOUR_STORY.path: f"{j.story_done} of {j.story_total} parts written",
        pages.RESEARCH.path: f"{number(j.researched)} of {counted(j.contacts, 'contact')} "
        f"{'has' if 1 in (j.researched, j.contacts) else 'have'} a reason to talk",
        pages.ASK.path: f"{counted(j.asks_sent, 'ask')} sent",
        pages.QUESTIONS.path: counted(j.plans, "call plan"),
        pages.CONVERSATIONS.path: f"{counted(j.conversations, 'conversation')} logged",
    }
    items = [item for item in pages.available() if item.path in progress]
    for col, item in zip(st.columns(max(len(items), 1)), items, strict=False):
        with col.container(border=True, height="stretch"):
            st.page_link(item.path, label=item.label)
            st.caption(progress[item.path])


# ---------------------------------------------------------------- what is due


def _when(day: date, today: date) -> str:
    if day == today:
        return "today"
    if day < today:
        return f"since {short_day(day, today)}"
    return short_day(day, today)


def _reminder_row(store: Store, reminder: Reminder, today: date) -> None:
    text, actions = st.container(border=True).columns([4, 1], vertical_alignment="center")
    icon = Markdown(ICONS.get(reminder.kind, ":material/event:"))
    # One Markdown element for the title and its detail: each element costs browser time.
    text.markdown(
        md(
            "{} **{}** · :gray[{}]  \n:small[:gray[{}]]",
            icon,
            reminder.title,
            _when(reminder.due, today),
            reminder.detail,
        )
    )
    row = actions.container(horizontal=True, vertical_alignment="center", gap="small")
    row.page_link(
        step_page(reminder.action),
        label=ACT.get(reminder.kind, "Open"),
        icon=":material/arrow_forward:",
        query_params=reminder.query(),
    )
    if row.button(
        "Dismiss", key=f"dismiss_{reminder.key}", type="tertiary", icon=":material/close:"
    ):
        attempt(
            lambda: dismiss(store, reminder.key),
            "Dismissed. You can bring it back below.",
            icon="🙈",
        )


def _reminder_list(store: Store, reminders: list[Reminder], today: date, key: str) -> None:
    more = len(reminders) - SHOWN
    # Rows are drawn only when asked for: a large network can owe hundreds of follow-ups.
    shown = MORE_MAX if more > 0 and st.session_state.get(key) else SHOWN
    for reminder in reminders[:shown]:
        _reminder_row(store, reminder, today)
    if more > 0:
        st.toggle(md("Show more ({:,} in all, the {} soonest)", len(reminders), MORE_MAX), key=key)


def due_section(
    store: Store,
    view: DueView,
    today: date,
    now: datetime,
    calendar_extra: Sequence[Reminder] = (),
) -> None:
    """Show what is due today and this week, with a way to act on or dismiss each.

    ``calendar_extra`` are reminders shown elsewhere on Home (the keep-in-touch ones) that the
    calendar file carries too.
    """
    st.header("Due today")
    if view.now:
        _reminder_list(store, view.now, today, "home_more_now")
    else:
        st.success("Nothing is due today.", icon=":material/wb_sunny:")
    st.header("This week")
    if view.soon:
        _reminder_list(store, view.soon, today, "home_more_soon")
    else:
        st.caption("Nothing else in the next seven days.")
    upcoming = [*view.now, *view.soon, *calendar_extra]
    if upcoming:
        items = [
            (f"{r.key}-{r.due.isoformat()}", max(r.due, today), r.title, r.detail) for r in upcoming
        ]
        st.download_button(
            "Add these dates to your calendar (.ics)",
            # Built only when clicked: hundreds of events take a noticeable moment.
            data=lambda: dates_ics(items, now),
            file_name="infoview-this-week.ics",
            mime="text/calendar",
            icon=":material/calendar_add_on:",
            key="home_ics",
        )
    if view.dismissed:
        with st.expander(md("Dismissed reminders ({})", number(len(view.dismissed)))):
            for reminder in view.dismissed[:MORE_MAX]:
                text, button = st.columns([5, 2], vertical_alignment="center")
                text.markdown(md("{} · :gray[{}]", reminder.title, _when(reminder.due, today)))
                if button.button(
                    "Bring back", key=f"restore_{reminder.key}", icon=":material/undo:"
                ):
                    attempt(
                        partial(restore, store, reminder.key), "The reminder is back.", icon="🔔"
                    )
                    return  # refused: its message is the last thing in the list


# ---------------------------------------------------------------- where each contact is


def _pipeline_table(store: Store) -> tuple[pd.DataFrame, list[str], int, dict[Stage, int]]:
    def build() -> tuple[pd.DataFrame, list[str], int, dict[Stage, int]]:
        contacts = store.contacts()
        stages = stages_of(store)
        rows = pipeline_rows(contacts, stages, declined_ids(store))
        top = rows[:PIPELINE_ROWS]
        asks = store.by_contact(Outreach)
        plans = store.by_contact(CallPlan)
        convs = store.by_contact(Conversation)
        steps = [
            contact_next_step(s, asks.get(c.id, []), plans.get(c.id, []), convs.get(c.id, []), c)
            for c, s in top
        ]
        table = pd.DataFrame(
            {
                "Name": [c.full_name for c, _ in top],
                "Organization": [c.organization for c, _ in top],
                "Stage": [s.label for _, s in top],
                "Next step": [step.label for step in steps],
            }
        )
        return table, [c.id for c, _ in top], len(rows), stage_counts(stages, contacts)

    return store.cached(("home_pipeline",), build)


def pipeline_section(store: Store) -> None:
    """Show how many contacts are at each stage and the ones furthest along."""
    table, ids, total, counts = _pipeline_table(store)
    st.caption(
        md(
            "Where your contacts are now, by the furthest step each reached: {}",
            md_join(
                " · ", (md("{} **{:,}**", STAGE_LABELS[stage], counts[stage]) for stage in Stage)
            ),
        )
    )
    if not ids:
        st.info(
            "Nobody is in play yet: a contact joins this list once you write down why you "
            "want to talk to them."
        )
        st.page_link(
            pages.RESEARCH.path, label=pages.RESEARCH.link_label(), icon=pages.RESEARCH.icon
        )
        return
    st.dataframe(
        plain_frame(table),
        hide_index=True,
        width="stretch",
    )
    if total > len(ids):
        st.caption(md("The {} furthest along of {:,} contacts in play.", len(ids), total))
    names = dict(zip(ids, table["Name"], strict=True))
    st.selectbox(
        "Open a contact's page",
        ids,
        index=None,
        format_func=names.get,
        placeholder="Choose someone from the table",
        key="home_open_contact",
        on_change=_open_contact,
    )
    picked = st.session_state.pop("home_goto", None)
    if picked:
        st.switch_page(pages.CONTACT.path, query_params={"contact": picked})


def _open_contact() -> None:
    # Clear the choice so coming back to Home does not jump straight away again.
    st.session_state["home_goto"] = st.session_state.get("home_open_contact")
    st.session_state["home_open_contact"] = None
