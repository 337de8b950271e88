"""A one-page progress report a client can hand to a coach who is not on InfoView.

Journey, asks and reply rate, conversations and what the client learned, as Markdown (every
user value escaped) or a print-ready HTML page (autoescaped).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from infoview.coaching import client_summary
from infoview.models import Contact, Conversation
from infoview.prepsheet import escape_markdown
from infoview.store import Store
from infoview.writing import render, render_html


@dataclass(frozen=True)
class Held:
    """One conversation that happened, with what the client wrote down from it."""

    name: str
    on: date
    learned: str
    advice: str


@dataclass(frozen=True)
class Report:
    """The report's content, every user value already escaped for its format."""

    name: str
    made_on: date
    steps: list[tuple[str, str]]
    sent: int
    replied: int
    rate: str
    drafts: int
    held: list[Held]


def _report(store: Store, today: date, esc) -> Report:
    summary = client_summary(store, today)
    j = summary.journey
    contacts: dict[str, Contact] = {c.id: c for c in store.contacts(include_archived=True)}
    convs: list[Conversation] = store.all("conversations")  # type: ignore[assignment]
    held = sorted((c for c in convs if c.happened_on is not None), key=lambda c: c.happened_on)  # type: ignore[arg-type, return-value]
    return Report(
        name=esc(store.profile().name or "An InfoView user"),
        made_on=today,
        steps=[
            ("1 · Your story", f"{j.story_done} of {j.story_total} parts written"),
            ("2 · Research", f"{j.researched} of {j.contacts} contacts with a reason to talk"),
            ("3 · Craft the ask", f"{j.asks_sent} asks sent"),
            ("4 · Plan questions", f"{j.plans} call plans"),
            ("5 · Conversations", f"{j.conversations} conversations logged"),
        ],
        sent=summary.sent,
        replied=summary.replied,
        rate="–" if summary.reply_rate is None else f"{summary.reply_rate:.0%}",
        drafts=sum(1 for a in summary.asks if a.status == "Draft"),
        held=[
            Held(
                name=esc(
                    contacts[c.contact_id].full_name if c.contact_id in contacts else "Someone"
                ),
                on=c.happened_on,  # type: ignore[arg-type]
                learned=esc(c.insights.strip()),
                advice=esc(c.advice.strip()),
            )
            for c in held
        ],
    )


def report_markdown(store: Store, today: date) -> str:
    """The progress report as Markdown, with everything the user typed escaped."""
    return render("progress_report.md.j2", r=_report(store, today, escape_markdown)) + "\n"


def report_html(store: Store, today: date) -> str:
    """The progress report as a print-ready HTML page, autoescaped."""
    return render_html("progress_report.html.j2", r=_report(store, today, str))
