"""Apply the coach's one-click fix in a real browser and see the score change (#15)."""

from __future__ import annotations

import re

from infoview.models import Contact, Profile
from infoview.store import Store
from tests.e2e.harness import exception_texts, goto, wait_idle

BODY = (
    "Hi Amara,\n\nYour move from protein chemistry into science policy is the path I hope "
    "for. I'd like to arrange a 15-minute call next week to ask how analysts use research "
    "in briefs.\n\nBest,\nSam"
)


def _score(page) -> int:
    metric = page.locator("[data-testid='stMetricValue']").first.inner_text()
    return int(re.match(r"\d+", metric).group(0))


def test_a_one_click_fix_turns_the_request_into_a_question(server, page, tmp_path):
    store = Store.in_dir(server.data_dir)
    store.save(Profile(name="Sam Rivera", current_role="postdoc in ecology"))
    contact = store.save(
        Contact(
            full_name="Amara Okafor",
            organization="Office of Science Policy",
            sector="government",
            email="amara@example.org",
            reason="Your move from protein chemistry into science policy is the path I hope for.",
        )
    )
    goto(page, f"{server.url}/Ask?contact={contact.id}")
    main = page.locator("[data-testid='stMain']")
    body = page.get_by_role("textbox", name="Email")
    body.fill(BODY)
    body.press("Tab")
    wait_idle(page)
    main.get_by_text("Suggested fix: Turn the request into a question").wait_for()
    before = _score(page)
    assert "Would you be open to a 15-minute call next week" in main.inner_text()
    page.screenshot(path=str(tmp_path / "ask-fix-before.png"), full_page=True)

    page.get_by_role("button", name="Apply this fix").first.click()
    wait_idle(page)
    assert "Would you be open to a 15-minute call next week to ask how analysts use " in (
        body.input_value()
    )
    after = _score(page)
    assert after > before
    assert "Suggested fix: Turn the request into a question" not in main.inner_text()
    assert exception_texts(page) == []
    page.screenshot(path=str(tmp_path / "ask-fix-after.png"), full_page=True)
