"""The prep sheet in Markdown and HTML, with hostile text in every user field."""

from __future__ import annotations

from datetime import date
from html.parser import HTMLParser

import pytest

from infoview.models import CallPlan, Contact, PlanItem, Profile
from infoview.prepsheet import escape_markdown, prep_sheet_html, prep_sheet_markdown
from infoview.questions import add_question, default_plan, plan_call, remove

TODAY = date(2025, 5, 12)
SCRIPT = "<script>alert(1)</script>"
IMAGE = "![x](http://e.com/a.png)"
LINK = "[link](javascript:alert(1))"


def hostile_sheet_inputs():
    contact = Contact(
        full_name=f"Ada {SCRIPT} {IMAGE}",
        title="Head of data",
        organization="Acme & Co",
        position_since=date(2022, 3, 1),
        previous_employers=["State University", LINK],
        education=["PhD, History"],
        linkedin_url="https://e.com/in/ada)![y](http://e.com/b.png",
        reason=f"We both study archives {LINK}\n- not a list",
        common_ground=IMAGE,
        notes=f"{SCRIPT}\n1. not a list\n<img src=x onerror=alert(1)>",
    )
    profile = Profile(name="Sam", intro="I am a historian moving into data work.")
    items = add_question(
        default_plan("industry", 15), PlanItem(text=f"{IMAGE} {SCRIPT} **really?**", minutes=1)
    )
    plan = CallPlan(contact_id=contact.id, minutes=20, items=items)
    return contact, profile, plan


class TagCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.hrefs += [value for name, value in attrs if name == "href"]


# ---------------------------------------------------------------- escape_markdown


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (IMAGE, r"\!\[x\]\(http\://e.com/a.png\)"),
        (LINK, r"\[link\]\(javascript:alert\(1\)\)"),
        ("<script>", "&lt;script&gt;"),
        ("AT&T", "AT&amp;T"),
        ("**bold** _it_ `code`", r"\*\*bold\*\* \_it\_ \`code\`"),
        ("1. first", r"1\. first"),
        ("- item", r"\- item"),
        ("# heading", r"\# heading"),
        ("see www.e.com", r"see www\.e.com"),
        ("a\nb", "a  \nb"),
        ("    code", "code"),
    ],
)
def test_escape_markdown(text, expected):
    assert escape_markdown(text) == expected


def test_escape_markdown_leaves_ordinary_text_readable():
    assert escape_markdown("Dr. Mary-Jane O'Neil, 2019: 3.5 yrs") == (
        "Dr. Mary-Jane O'Neil, 2019: 3.5 yrs"
    )


# ---------------------------------------------------------------- Markdown sheet


def test_markdown_sheet_shows_hostile_text_literally():
    contact, profile, plan = hostile_sheet_inputs()
    md = prep_sheet_markdown(contact, profile, plan, today=TODAY)
    assert "<script" not in md and "<img" not in md
    assert "![" not in md
    assert "](javascript" not in md
    assert (
        r"# Call prep: Ada &lt;script&gt;alert\(1\)&lt;/script&gt; \!\[x\]\(http\://e.com/a.png\)"
        in md
    )
    assert r"We both study archives \[link\]\(javascript:alert\(1\)\)  " in md
    assert "\n\\- not a list" in md
    assert "\n1\\. not a list" in md
    assert r"\!\[x\]\(http\://e.com/a.png\) &lt;script&gt;" in md  # the custom question
    assert r"\*\*really?\*\*" in md
    # A web address cannot close its link early and smuggle in an image.
    assert "(https://e.com/in/ada%29!%5By%5D%28http://e.com/b.png)" in md
    assert "(http://e.com/b.png)" not in md


def test_markdown_sheet_has_research_intro_marks_notes_and_checklist():
    contact, profile, plan = hostile_sheet_inputs()
    md = prep_sheet_markdown(contact, profile, plan, today=TODAY)
    assert "- **Organization:** Acme &amp; Co" in md
    assert "- **In this role:** 3 yrs 2 mos (since March 2022)" in md
    assert "- **Studied at:** PhD, History" in md
    assert "I am a historian moving into data work." in md
    assert "A 20-minute conversation · prepared 12 May 2025" in md
    assert "- **0:00** Hellos, and thank them for their time (1.5 min)" in md
    assert "- **0:02** Your introduction (1 min)" in md
    assert "### 0:03 · Question 1 (2 min)" in md
    assert "- **0:14** Wrap up" in md
    assert md.count("*Notes:*") == 6
    assert "- [ ] Thank them by email within 24 hours" in md
    # The referral question comes last among the questions.
    last = md.rindex("### ")
    assert "· save this one for last" in md[last:].splitlines()[0]
    assert "Who else do you think would be good for me to speak with?" in md[last:]


def test_markdown_sheet_uses_a_reason_summary_and_warns_when_too_long():
    contact, profile, plan = hostile_sheet_inputs()
    short = plan.model_copy(update={"minutes": 5})
    md = prep_sheet_markdown(contact, profile, short, reason_summary="Same archive", today=TODAY)
    assert "## Why you are talking\n\nSame archive\n" in md
    assert "> **Heads-up:** This plan needs about" in md


def test_markdown_sheet_without_questions():
    contact, profile, _ = hostile_sheet_inputs()
    plan = CallPlan(contact_id=contact.id, minutes=15, items=[], referral_removed=True)
    md = prep_sheet_markdown(contact, profile, plan, today=TODAY)
    assert "No questions planned yet." in md
    assert "Question 1" not in md


# ---------------------------------------------------------------- HTML sheet


def test_html_sheet_has_no_markup_from_user_text():
    contact, profile, plan = hostile_sheet_inputs()
    page = prep_sheet_html(contact, profile, plan, today=TODAY)
    assert "<script" not in page and "<img" not in page
    parser = TagCollector()
    parser.feed(page)
    assert "script" not in parser.tags and "img" not in parser.tags
    assert all(href.startswith("https://") for href in parser.hrefs)
    assert "Ada &lt;script&gt;alert(1)&lt;/script&gt; ![x](http://e.com/a.png)" in page
    assert "We both study archives [link](javascript:alert(1))" in page


def test_html_sheet_is_a_print_ready_page_with_marks_and_note_boxes():
    contact, profile, plan = hostile_sheet_inputs()
    fit = plan_call(plan.items, plan.minutes)
    page = prep_sheet_html(contact, profile, plan, fit, today=TODAY)
    assert page.lstrip().startswith("<!DOCTYPE html>")
    assert "@media print" in page and "@page" in page
    assert page.count('<div class="notes">') == 6
    assert '<td class="mark">0:03</td><td>Question 1 (2 min)</td>' in page
    assert "3 yrs 2 mos (since March 2022)" in page
    assert "Thank them by email within 24 hours" in page


def test_html_sheet_follows_the_plan_it_is_given():
    contact, profile, plan = hostile_sheet_inputs()
    without = remove(plan.items, len(plan.items) - 1)
    removed = plan.model_copy(update={"items": without, "referral_removed": True})
    page = prep_sheet_html(contact, profile, removed, today=TODAY)
    assert "speak with?" not in page
    assert page.count('<div class="notes">') == 5
