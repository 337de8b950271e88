"""The progress report a client hands to a coach: Markdown and print-ready HTML, escaped."""

from datetime import date

from infoview.models import AskStatus, Contact, Conversation, Outreach, Profile
from infoview.progress_report import report_html, report_markdown
from infoview.store import Store

HOSTILE = "<script>alert(1)</script> [x](javascript:y) **bold**"


def _store() -> Store:
    store = Store()
    store.save(Profile(name="Sam <Rivera>", past="Taught chemistry"))
    ada = store.save(Contact(full_name=HOSTILE, reason="Same school"))
    store.save(Outreach(contact_id=ada.id, status=AskStatus.REPLIED, sent_on=date(2026, 3, 2)))
    store.save(Outreach(contact_id=ada.id, status=AskStatus.SENT, sent_on=date(2026, 3, 3)))
    store.save(Outreach(contact_id=ada.id))
    store.save(
        Conversation(
            contact_id=ada.id,
            happened_on=date(2026, 3, 9),
            insights="Policy jobs want writing samples.",
            advice="Take the *data* course.",
        )
    )
    return store


def test_the_markdown_report_has_journey_asks_and_lessons_with_user_text_escaped():
    text = report_markdown(_store(), date(2026, 3, 10))
    assert text.startswith("# Progress report: Sam &lt;Rivera&gt;\n")
    assert "- **3 · Craft the ask:** 2 asks sent" in text
    assert "2 sent, 1 answered (reply rate 50%); 1 still in draft." in text
    assert "**Learned:** Policy jobs want writing samples." in text
    assert "Take the \\*data\\* course." in text
    assert "<script>" not in text and "](javascript" not in text


def test_the_html_report_is_autoescaped_and_print_ready():
    page = report_html(_store(), date(2026, 3, 10))
    assert "<title>Progress report: Sam &lt;Rivera&gt;</title>" in page
    assert "@page" in page
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "Take the *data* course." in page


def test_an_empty_report_says_so():
    text = report_markdown(Store(), date(2026, 3, 10))
    assert "An InfoView user" in text and "No conversations logged yet." in text
    assert "reply rate –" in text
