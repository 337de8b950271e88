"""Follow through in a real browser: a log with two referrals feeds Research and Home."""

from __future__ import annotations

from infoview.models import Contact
from infoview.store import Store
from tests.e2e.harness import exception_texts, goto, wait_idle


def _selected(page) -> str:
    return page.locator("[role='tab'][aria-selected='true']").inner_text()


def _open(page, name: str) -> None:
    page.get_by_role("tab", name=name).click()
    wait_idle(page)


def test_log_with_two_referrals_reaches_research_and_home(server, page, tmp_path):
    ana = Store.in_dir(server.data_dir).save(
        Contact(full_name="Ana Ruiz", organization="City Health", reason="She moved into policy.")
    )
    goto(page, f"{server.url}/Conversations?contact={ana.id}")
    # Nothing planned yet: the Schedule tab opens, and only its content reaches the browser.
    assert _selected(page).endswith("Schedule")
    assert page.get_by_role("textbox", name="Key insights").count() == 0
    # Scheduled for today (the form's default), the call is next to be logged: that tab opens.
    page.get_by_role("button", name="Schedule the call").click()
    wait_idle(page)
    assert _selected(page).endswith("Log the conversation")
    # Once scheduled, the Schedule tab shows the call and folds its form (and its pickers).
    _open(page, "Schedule")
    assert "Call on" in page.locator("[data-testid='stMain']").inner_text()
    assert page.locator("[data-testid='stDateInput']").count() == 0
    page.get_by_text("Change the time or how you will talk").click()
    wait_idle(page)
    assert page.locator("[data-testid='stDateInput']").count() == 1
    _open(page, "Log the conversation")
    insights = page.get_by_role("textbox", name="Key insights")
    insights.fill("Fellowships are the usual way in.")
    # Straight to another tab (the text area sends its value as it loses focus) and back.
    _open(page, "Thank & keep in touch")
    assert insights.count() == 0
    _open(page, "Log the conversation")
    assert insights.input_value() == "Fellowships are the usual way in."
    page.get_by_role("textbox", name="Person 1: name").fill("Sam Lee")
    page.get_by_role("textbox", name="Organization").first.fill("Harbor City Office")
    page.get_by_role("textbox", name="Person 2: name").fill("Kim Park")
    page.get_by_role("button", name="Save the log").click()
    wait_idle(page)
    assert exception_texts(page) == []
    [conv] = Store.in_dir(server.data_dir).all("conversations")
    assert conv.insights == "Fellowships are the usual way in."
    # Logged: the next step, the thank-you note, opens.
    assert _selected(page).endswith("Thank & keep in touch")
    page.screenshot(path=str(tmp_path / "logged.png"), full_page=True)

    # A message too long for a mail link offers its text to copy, drawn only when asked for.
    message = page.get_by_role("textbox", name="Message").first
    message.fill("A long note. " * 200)
    message.blur()
    wait_idle(page)
    assert page.locator("[data-testid='stCode']").count() == 0
    page.get_by_text("Copy the text").first.click()
    wait_idle(page)
    assert "A long note." in page.locator("[data-testid='stCode']").first.inner_text()
    assert exception_texts(page) == []

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
