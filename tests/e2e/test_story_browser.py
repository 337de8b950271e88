"""Your story in a real browser: typing survives tab switches and a trip to another page."""

from __future__ import annotations

from infoview.store import Store
from tests.e2e.harness import exception_texts, goto, wait_idle

PAST = "I spent six years in a chemistry lab, training every new student."


def open_tab(page, name: str) -> None:
    """Click a tab and wait for its content (the tabs are lazy: opening one reruns the page).

    A click that lands while the page reruns for the box just left can be swallowed; a user
    then clicks again, which is what this does.
    """
    tab = page.get_by_role("tab", name=name)
    for _ in range(2):
        tab.click()
        wait_idle(page)
        if tab.get_attribute("aria-selected") == "true":
            return
    assert tab.get_attribute("aria-selected") == "true"


def test_story_survives_tab_and_page_switches_then_saves_everything(server, page):
    goto(page, f"{server.url}/Your_story")
    main = page.locator("[data-testid='stMain']")
    # Only the open tab is drawn.
    assert page.get_by_role("textbox", name="Where I've been").count() == 0
    page.get_by_role("textbox", name="Your name").fill("Sam Rivera")
    open_tab(page, "My story")
    page.get_by_role("textbox", name="Where I've been").fill(PAST)
    # Straight to another tab, without leaving the box first, and back.
    open_tab(page, "What I can offer")
    page.get_by_role("textbox", name="What I can offer").fill("Share my notes on lab safety")
    open_tab(page, "My story")
    assert page.get_by_role("textbox", name="Where I've been").input_value() == PAST
    assert main.get_by_text("You have unsaved changes").count() == 1
    # The progress counts every tab: name, past, offers and the introduction they make.
    assert main.get_by_text("Your story: 4 of 9 parts").count() == 1

    # Straight to another page, without leaving the box first. Leaving the box reruns the
    # page, and Streamlit can swallow a link click that lands during that rerun; a user then
    # clicks again, which is what this does. Either way the text must not be lost.
    page.get_by_role("textbox", name="Where I'm heading").fill("Science policy.")
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
    assert main.get_by_text("You have unsaved changes").count() == 1
    open_tab(page, "My story")
    assert page.get_by_role("textbox", name="Where I've been").input_value() == PAST
    assert page.get_by_role("textbox", name="Where I'm heading").input_value() == "Science policy."
    assert Store.in_dir(server.data_dir).profile().revision == 0

    # One Save from this tab keeps what the closed tabs hold too.
    page.get_by_role("button", name="Save my story").click()
    wait_idle(page)
    assert page.get_by_text("Your story is saved.").count() == 1
    assert main.get_by_text("You have unsaved changes").count() == 0
    profile = Store.in_dir(server.data_dir).profile()
    assert (profile.name, profile.past, profile.future) == ("Sam Rivera", PAST, "Science policy.")
    assert profile.offers == ["Share my notes on lab safety"]

    open_tab(page, "30-second introduction")
    intro = page.get_by_role("textbox", name="Your 30-second introduction").input_value()
    assert intro.startswith("Hi, I'm Sam Rivera. I spent six years in a chemistry lab")
    assert main.get_by_text("Coaching").count() == 1
    assert exception_texts(page) == []


def test_a_paste_past_the_limit_stays_in_the_box_and_is_explained(server, page):
    goto(page, f"{server.url}/Your_story")
    open_tab(page, "My story")
    box = page.get_by_role("textbox", name="Where I've been")
    box.click()
    page.keyboard.type("Before the paste. ")
    pasted = "I taught chemistry for six years. " * 700  # 23,800 characters
    page.keyboard.insert_text(pasted)  # what a paste does: one input of the whole text
    box.press("Control+Enter")
    wait_idle(page)
    # A box with a hard limit dropped the whole paste without a word; this one keeps it.
    assert box.input_value() == "Before the paste. " + pasted
    alert = page.locator("[data-testid='stAlertContentWarning']").filter(has_text="characters")
    assert alert.count() == 1
    assert "more than the 20,000 it can hold" in alert.inner_text()
    assert exception_texts(page) == []
