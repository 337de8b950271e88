"""A contact's page: their whole story in one place, every user string shown as text."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import streamlit as st

from infoview.conversations import conversation_label, sort_conversations
from infoview.models import CallPlan, Contact, Conversation, Outreach
from infoview.next_steps import NextStep
from infoview.research import SECTOR_LABELS, SOURCE_LABELS, completeness, tenure_text
from infoview.timeline import Event
from infoview.ui import pages
from infoview.ui.steps import contact_link, step_link, step_page
from infoview.ui.text import md, md_escape
from infoview.wording import counted, number

LIST_MAX = 30


def _line(label: str, value: str) -> None:
    if value:
        st.markdown(md("**{}:** {}", label, value))


def header(contact: Contact, stage_label: str, step: NextStep, today: date) -> None:
    """Show who they are, their stage and the next step as a button."""
    st.title(md_escape(contact.full_name))
    role = " at ".join(md_escape(p) for p in (contact.title, contact.organization) if p)
    parts = [role] if role else []
    if contact.position_since:
        parts.append(f"{tenure_text(contact.position_since, today)} in this role")
    parts.append(f"Stage: **{stage_label}**")
    if contact.archived:
        parts.append("Archived")
    st.caption(" · ".join(parts))
    with st.container(border=True, horizontal=True, vertical_alignment="center"):
        st.markdown("**Next step**", width="content")
        st.page_link(
            step_page(step.action),
            label=step.label,
            icon=":material/arrow_forward:",
            query_params=step.query(contact.id),
        )


def research_summary(contact: Contact, referrer: Contact | None) -> None:
    """Show what the user knows about the contact and why they want to talk."""
    st.markdown(md("## Research · {}% known", completeness(contact)))
    if contact.reason.strip():
        _line("Why you are talking", contact.reason)
    else:
        st.caption("No compelling reason written down yet.")
    _line("Common ground", contact.common_ground)
    _line("Field", contact.field)
    st.markdown(
        md(
            "**Sector:** {} · **Source:** {} · **In your network since:** {:%d %b %Y}",
            SECTOR_LABELS[contact.sector.value],
            SOURCE_LABELS[contact.source.value],
            contact.joined_on,
        )
    )
    _line("Before", "; ".join(contact.previous_employers))
    _line("Studied at", "; ".join(contact.education))
    _line("Email", contact.email or "")
    _line("Tags", ", ".join(contact.tags))
    if referrer is not None:
        st.markdown("**Suggested to you by:**")
        contact_link(referrer.id, referrer.full_name, icon=":material/call_split:")
    links = [(contact.linkedin_url, "LinkedIn"), (contact.bio_url, "Company bio")]
    with st.container(horizontal=True):
        for url, label in [*links, (contact.website, "Website")]:
            if url:
                st.link_button(md("{} ↗", label), url)
    step_link(pages.RESEARCH, contact.id, "Edit the research", ":material/travel_explore:")


def asks_section(contact: Contact, asks: Sequence[Outreach]) -> None:
    """List the asks sent to the contact with their status and dates."""
    st.markdown("## Asks")
    if not asks:
        st.caption("No ask written yet.")
    for ask in sorted(asks, key=lambda a: a.created_at, reverse=True):
        dates = [f"sent {ask.sent_on:%d %b %Y}" if ask.sent_on else "not sent"]
        if ask.replied_on:
            dates.append(f"answered {ask.replied_on:%d %b %Y}")
        st.markdown(md("**{}** · {}", ask.status.value.capitalize(), " · ".join(dates)))
        if ask.subject:
            st.caption(md_escape(ask.subject))
    step_link(pages.ASK, contact.id, "Open in Craft the ask", ":material/edit_note:")


def plans_section(contact: Contact, plans: Sequence[CallPlan]) -> None:
    """Show the contact's question plan."""
    st.markdown("## Question plan")
    plan = max(plans, key=lambda p: p.updated_at, default=None)
    if plan is None or not plan.items:
        st.caption("No questions planned yet.")
    else:
        with st.expander(
            md("{} for a {}-minute call", counted(len(plan.items), "question"), plan.minutes)
        ):
            for item in plan.items:
                st.markdown(md("- {}", item.text))
    step_link(pages.QUESTIONS, contact.id, "Open in Plan questions", ":material/quiz:")


def conversations_section(contact: Contact, convs: Sequence[Conversation]) -> None:
    """Show each conversation and what came of it."""
    st.markdown("## Conversations")
    if not convs:
        st.caption("No conversation yet.")
    for conv in sort_conversations(convs):
        with st.expander(conversation_label(conv)):
            for label, text in (
                ("Key insights", conv.insights),
                ("Their advice", conv.advice),
                ("Your next steps", conv.next_steps),
                ("What it means for your path", conv.reflection),
            ):
                _line(label, text)
            for note in conv.question_notes:
                st.markdown(md("**{}**  \n{}", note.question, note.note))
            if conv.offered:
                _line("You offered", "; ".join(conv.offered))
    step_link(pages.CONVERSATIONS, contact.id, "Open in Conversations", ":material/forum:")


def referrals_section(given: Sequence[Contact]) -> None:
    """List the people this contact suggested, each linked to their own page."""
    st.markdown(md("## People they suggested · {}", number(len(given))))
    if not given:
        st.caption("Nobody yet. “Who else should I talk to?” is the question that grows a network.")
    for other in sorted(given, key=lambda c: c.full_name)[:LIST_MAX]:
        contact_link(other.id, other.full_name)
    if len(given) > LIST_MAX:
        st.caption(md("and {:,} more in Research.", len(given) - LIST_MAX))


def timeline_section(events: Sequence[Event]) -> None:
    """Show the dated story, newest first."""
    st.markdown("## Timeline")
    for event in events[:LIST_MAX]:
        st.markdown(md("`{:%Y-%m-%d}` {}", event.day, event.text))
