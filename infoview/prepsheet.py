"""The prep sheet a user takes into a call: research, reason, introduction, timed questions."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from datetime import date
from typing import Any
from urllib.parse import quote

from infoview.models import CallPlan, Contact, Profile
from infoview.questions import PlanFit, format_mark, is_referral, plan_call
from infoview.research import tenure_text
from infoview.writing import render, render_html

# Characters with a meaning anywhere in a line (CommonMark, GitHub extensions, math).
_MD_ANYWHERE = re.compile(r"([\\`*_{}\[\]()!|~$^#])")
# Line starts that open a list, heading underline or numbered list.
_MD_LINE_START = re.compile(r"^([-+=])|^(\d+)([.])")
# Bare web addresses GitHub would turn into links.
_MD_AUTOLINK = re.compile(r"(?i)(?<=[a-z]):(?=//)|(?<=\bwww)\.")

CHECKLIST = (
    "Thank them by email within 24 hours and mention one thing you learned.",
    "Add anyone they suggested as a new contact, noting who referred you.",
    "Write down one piece of advice you will act on.",
    "Some weeks from now, tell them what you did with their advice.",
)


def escape_markdown(text: str) -> str:
    """Escape user text so Markdown shows it literally: no links, images, HTML or lists."""
    lines = []
    for raw in str(text).split("\n"):
        # Leading spaces could start a code block, which would show our backslashes.
        line = _MD_ANYWHERE.sub(r"\\\1", raw.lstrip())
        line = _MD_AUTOLINK.sub(lambda m: "\\" + m.group(0), line)
        line = _MD_LINE_START.sub(
            lambda m: "\\" + m.group(1) if m.group(1) else m.group(2) + "\\" + m.group(3), line
        )
        lines.append(html.escape(line, quote=False))
    # Two trailing spaces keep the user's line breaks.
    return "  \n".join(lines)


def _md_inline(text: str) -> str:
    """Escape user text meant for one line (a heading, a list item)."""
    return escape_markdown(" ".join(str(text).split()))


def _plain(text: str) -> str:
    return str(text)


def _safe_href(url: str | None, for_markdown: bool) -> str | None:
    """Return a web address fit for a link target, or None if it is not http(s)."""
    if not url or not re.match(r"(?i)^https?://", url):
        return None
    if not for_markdown:
        return url
    # Percent-encode anything that could close the link target early.
    return quote(url, safe="/:?#@!$&*+,;=%~-._")


def _sheet(
    contact: Contact,
    profile: Profile,
    plan: CallPlan,
    fit: PlanFit,
    reason_summary: str | None,
    today: date,
    for_markdown: bool,
) -> dict[str, Any]:
    """Gather what both sheets show, escaping user text for Markdown when asked."""
    esc: Callable[[str], str] = escape_markdown if for_markdown else _plain
    one: Callable[[str], str] = _md_inline if for_markdown else _plain
    links = []
    for label, url in (
        ("LinkedIn", contact.linkedin_url),
        ("Company bio", contact.bio_url),
        ("Website", contact.website),
    ):
        href = _safe_href(url, for_markdown)
        if href:
            links.append({"label": label, "text": one(url or ""), "href": href})
    questions = [
        {
            "number": number,
            "mark": format_mark(mark),
            "minutes": f"{item.minutes:g}",
            "text": esc(item.text),
            "referral": is_referral(item),
        }
        for number, (item, mark) in enumerate(zip(fit.items, fit.marks, strict=True), start=1)
    ]
    reserve = fit.reserve
    return {
        "name": one(contact.full_name),
        "title": one(contact.title),
        "organization": one(contact.organization),
        "field": one(contact.field),
        "tenure": tenure_text(contact.position_since, today) if contact.position_since else "",
        "since": contact.position_since.strftime("%B %Y") if contact.position_since else "",
        "previous": [one(p) for p in contact.previous_employers],
        "education": [one(e) for e in contact.education],
        "links": links,
        "reason": esc(contact.reason if reason_summary is None else reason_summary),
        "common_ground": esc(contact.common_ground),
        "notes": esc(contact.notes),
        "intro": esc(profile.intro),
        "user_name": one(profile.name),
        "offers": [one(o) for o in profile.offers],
        "call_minutes": plan.minutes,
        "prepared_on": today.strftime("%d %B %Y").lstrip("0"),
        "hello_mark": format_mark(0),
        "hello_minutes": f"{reserve.hello:g}",
        "intro_mark": format_mark(fit.intro_mark),
        "intro_minutes": f"{reserve.intro:g}",
        "wrap_up_mark": format_mark(fit.wrap_up_mark),
        "wrap_up_minutes": f"{reserve.wrap_up:g}",
        "end_mark": format_mark(fit.used_minutes),
        "questions": questions,
        "warning": fit.warning or "",
        "checklist": CHECKLIST,
    }


def _fit_for(plan: CallPlan, fit: PlanFit | None) -> PlanFit:
    return fit or plan_call(plan.items, plan.minutes, plan.referral_removed)


def prep_sheet_markdown(
    contact: Contact,
    profile: Profile,
    plan: CallPlan,
    fit: PlanFit | None = None,
    reason_summary: str | None = None,
    *,
    today: date,
) -> str:
    """Build the prep sheet as Markdown, with everything the user typed escaped."""
    sheet = _sheet(contact, profile, plan, _fit_for(plan, fit), reason_summary, today, True)
    return render("prep_sheet.md.j2", s=sheet) + "\n"


def prep_sheet_html(
    contact: Contact,
    profile: Profile,
    plan: CallPlan,
    fit: PlanFit | None = None,
    reason_summary: str | None = None,
    *,
    today: date,
) -> str:
    """Build the prep sheet as a print-ready HTML page, autoescaped."""
    sheet = _sheet(contact, profile, plan, _fit_for(plan, fit), reason_summary, today, False)
    return render_html("prep_sheet.html.j2", s=sheet)
