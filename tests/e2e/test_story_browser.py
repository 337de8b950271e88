"""Your story in a real browser: typing survives a trip to another page, then one Save."""

from __future__ import annotations

from infoview.store import Store
from tests.e2e.harness import exception_texts, goto, wait_idle

PAST = "I spent six years in a chemistry lab, training every new student."


def test_story_survives_a_page_switch_then_saves_and_shows_the_introduction(server, page):
    goto(page, f"{server.url}/Your_story")
    main = page.locator("[data-testid='stMain']")
    page.get_by_role("textbox", name="Your name").fill("Sam Rivera")
    page.get_by_role("tab", name="My story").click()
    page.get_by_role("textbox", name="Where I've been").fill(PAST)
    # Straight to another page, without leaving the box first. Leaving the box reruns the
    # page, and Streamlit can swallow a link click that lands during that rerun; a user then
    # clicks again, which is what this does. Either way the text must not be lost.
    menu = page.locator("[data-testid='stSidebar']")
    for _ in range(2):
        menu.get_by_role("link", name="2 · Research").click()
        wait_idle(page)
        if "2 · Research" in page.locator("h1").first.inner_text():
            break
    assert "2 · Research" in page.locator("h1").first.inner_text()

    menu.get_by_role("link", name="1 · Your story").click()
    wait_idle(page)
    assert page.get_by_role("textbox", name="Your name").input_value() == "Sam Rivera"
    page.get_by_role("tab", name="My story").click()
    assert page.get_by_role("textbox", name="Where I've been").input_value() == PAST
    assert main.get_by_text("You have unsaved changes").count() == 1
    assert Store.in_dir(server.data_dir).profile().revision == 0

    page.get_by_role("button", name="Save my story").click()
    wait_idle(page)
    assert page.get_by_text("Your story is saved.").count() == 1
    assert main.get_by_text("You have unsaved changes").count() == 0
    assert Store.in_dir(server.data_dir).profile().past == PAST

    page.get_by_role("tab", name="30-second introduction").click()
    intro = page.get_by_role("textbox", name="Your 30-second introduction").input_value()
    assert intro.startswith("Hi, I'm Sam Rivera. I spent six years in a chemistry lab")
    assert main.get_by_text("Coaching").count() == 1
    assert exception_texts(page) == []
