"""Research in a real browser: add a contact, survive a restart, never render user Markdown."""

from __future__ import annotations

import pytest

from infoview.ui import pages
from tests.e2e.harness import Server, exception_texts, goto, wait_idle

HOSTILE_NAME = "![x](http://127.0.0.1:9/a.png) <img src=x onerror=alert(1)> Zoë 🎉"


def add_contact(page, base_url: str, name: str, reason: str) -> None:
    goto(page, f"{base_url}/Research?contact=new")
    page.get_by_role("textbox", name="Full name").fill(name)
    page.get_by_role("textbox", name="Organization").fill("Acme Bio")
    page.get_by_role("textbox", name="The compelling reason to talk").fill(reason)
    page.get_by_role("button", name="Save contact").click()
    # A saved contact's editor shows its stage; wait for it rather than for a quiet moment.
    page.locator("[data-testid='stMain']").get_by_text("Stage:").first.wait_for()
    wait_idle(page)


def test_added_contact_survives_a_restart(tmp_path, browser):
    server = Server(tmp_path / "data").start()
    page = browser.new_page()
    try:
        add_contact(
            page,
            server.url,
            "Amara Okafor",
            "She moved from a protein chemistry postdoc into science policy and I want "
            "to ask how she made that switch.",
        )
        assert page.get_by_text("Research checklist").count() == 1
        assert exception_texts(page) == []
    finally:
        server.stop()
    server.start()
    try:
        goto(page, f"{server.url}/Research")
        assert "1 of 1 contact" in page.inner_text("body")
        page.locator("[data-testid='stSelectbox']").filter(has_text="Open a contact").click()
        page.get_by_role("option", name="Amara Okafor").click()
        wait_idle(page)
        assert page.get_by_role("textbox", name="Organization").input_value() == "Acme Bio"
        page.screenshot(path=str(tmp_path / "research-edit.png"), full_page=True)
    finally:
        page.close()
        server.stop()


def test_markdown_and_html_in_a_name_stay_text(server, page):
    add_contact(page, server.url, HOSTILE_NAME, "A reason long enough to be read as specific.")
    assert exception_texts(page) == []
    main = page.locator("[data-testid='stMain']")
    assert main.locator("img").count() == 0
    assert "Zoë 🎉" in main.inner_text()
    goto(page, f"{server.url}/Research")
    assert page.locator("[data-testid='stMain'] img").count() == 0


@pytest.mark.parametrize("item", pages.available(), ids=lambda item: item.path)
def test_every_page_opens_by_direct_url_on_a_fresh_server(tmp_path, browser, item):
    server = Server(tmp_path / "data").start()
    page = browser.new_page()
    try:
        goto(page, f"{server.url}/{item.url_path}")
        assert exception_texts(page) == []
        nav = page.locator("[data-testid='stSidebar']")
        labels = [entry.label for entry in pages.available()]
        for label in labels:
            assert nav.get_by_text(label, exact=True).count() == 1
        # Streamlit's own file-name menu must not appear.
        assert page.locator("[data-testid='stSidebarNav']").count() == 0
    finally:
        page.close()
        server.stop()
