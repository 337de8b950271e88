"""Follow through in a real browser: a log with two referrals feeds Research and Home."""

from __future__ import annotations

from infoview.models import Contact
from infoview.store import Store
from tests.e2e.harness import exception_texts, goto, wait_idle


def test_log_with_two_referrals_reaches_research_and_home(server, page, tmp_path):
    ana = Store.in_dir(server.data_dir).save(
        Contact(full_name="Ana Ruiz", organization="City Health", reason="She moved into policy.")
    )
    goto(page, f"{server.url}/Conversations?contact={ana.id}")
    page.get_by_role("tab", name="Log the conversation").click()
    page.get_by_role("textbox", name="Key insights").fill("Fellowships are the usual way in.")
    page.get_by_role("textbox", name="Person 1: name").fill("Sam Lee")
    page.get_by_role("textbox", name="Organization").first.fill("Harbor City Office")
    page.get_by_role("textbox", name="Person 2: name").fill("Kim Park")
    page.get_by_role("button", name="Save the log").click()
    wait_idle(page)
    assert exception_texts(page) == []
    page.screenshot(path=str(tmp_path / "logged.png"), full_page=True)

    goto(page, f"{server.url}/Research")
    assert "3 of 3 contacts" in page.inner_text("body")
    page.locator("[data-testid='stSelectbox']").filter(has_text="Open a contact").click()
    options = page.get_by_role("option")
    names = set(options.all_inner_texts())
    assert {"Sam Lee", "Kim Park"} <= names
    page.keyboard.press("Escape")

    goto(page, f"{server.url}/")
    main = page.locator("[data-testid='stMain']")
    assert "Send Ana a thank-you note" in main.inner_text()
    assert exception_texts(page) == []
