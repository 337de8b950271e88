"""The whole journey in one browser session, from an empty database to a grown network."""

from __future__ import annotations

from infoview.models import AskStatus
from infoview.store import Store
from tests.e2e.harness import exception_texts, goto, wait_idle


def _main(page):
    return page.locator("[data-testid='stMain']")


def _metric(page, label: str) -> str:
    box = page.locator("[data-testid='stMetric']").filter(has_text=label).first
    return box.locator("[data-testid='stMetricValue']").inner_text()


def _no_errors(page) -> None:
    assert exception_texts(page) == []


def test_story_research_ask_plan_log_and_grow(server, page):
    data = server.data_dir

    # 1 · Your story
    goto(page, f"{server.url}/Your_story")
    page.get_by_role("textbox", name="Your name").fill("Sam Rivera")
    page.get_by_role("button", name="Save my story").click()
    wait_idle(page)
    _no_errors(page)
    assert Store.in_dir(data).profile().name == "Sam Rivera"

    # 2 · Research
    goto(page, f"{server.url}/Research?contact=new")
    page.get_by_role("textbox", name="Full name").fill("Amara Okafor")
    page.get_by_role("textbox", name="Organization").fill("Office of Science Policy")
    page.get_by_role("textbox", name="Email (optional)").fill("amara@example.org")
    page.get_by_role("textbox", name="The compelling reason to talk").fill(
        "She moved from a protein chemistry postdoc into science policy, the move I hope to make."
    )
    page.get_by_role("button", name="Save contact").click()
    wait_idle(page)
    _no_errors(page)
    [amara] = Store.in_dir(data).contacts()

    # 3 · Craft the ask: the coach reviews the draft, then it is marked sent
    goto(page, f"{server.url}/Ask?contact={amara.id}")
    topic = page.get_by_role("textbox", name="Topic 1")
    topic.fill("policy fellowships")
    topic.press("Tab")
    wait_idle(page)
    assert "The coach" in _main(page).inner_text()
    assert _metric(page, "Score").endswith("/ 100")
    page.get_by_role("button", name="Mark as sent").click()
    wait_idle(page)
    _no_errors(page)
    [ask] = Store.in_dir(data).by_contact("outreach")[amara.id]
    assert ask.status == AskStatus.SENT

    # 4 · Plan questions
    goto(page, f"{server.url}/Questions?contact={amara.id}")
    page.get_by_role("button", name="Start from a suggested plan").first.click()
    wait_idle(page)
    _no_errors(page)
    [plan] = Store.in_dir(data).by_contact("plans")[amara.id]
    assert len(plan.items) >= 2

    # 5 · Conversations: log the call with one referral
    goto(page, f"{server.url}/Conversations?contact={amara.id}")
    page.get_by_role("tab", name="Log the conversation").click()  # a lazy tab: drawn on opening
    wait_idle(page)
    page.get_by_role("textbox", name="Key insights").fill("Fellowships are the usual way in.")
    page.get_by_role("textbox", name="Person 1: name").fill("Kim Park")
    page.get_by_role("button", name="Save the log").click()
    wait_idle(page)
    _no_errors(page)
    store = Store.in_dir(data)
    kim = next(c for c in store.contacts() if c.full_name == "Kim Park")
    assert kim.referred_by == amara.id

    # The referral waits in Research, Home says a thank-you is due, the network grew.
    goto(page, f"{server.url}/Research")
    assert "2 of 2 contacts" in page.inner_text("body")
    goto(page, f"{server.url}/")
    assert "Send Amara a thank-you note" in _main(page).inner_text()
    goto(page, f"{server.url}/Network")
    _no_errors(page)
    assert _metric(page, "Contacts") == "2"
