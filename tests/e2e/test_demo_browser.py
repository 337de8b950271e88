"""Demo mode in a real browser: two visitors side by side never see each other's work."""

from __future__ import annotations

import re

from tests.e2e.harness import Server, exception_texts, goto, wait_idle


def _count(page) -> tuple[int, int]:
    text = page.inner_text("[data-testid='stMain']")
    shown, total = re.search(r"([\d,]+) of ([\d,]+) contacts", text).groups()
    return int(shown.replace(",", "")), int(total.replace(",", ""))


def test_two_visitors_have_separate_demos_and_nothing_is_written(tmp_path, browser):
    server = Server(tmp_path / "data", env={"INFOVIEW_DEMO": "1"}).start()
    first = browser.new_context().new_page()
    second = browser.new_context().new_page()
    try:
        goto(first, f"{server.url}/Research?contact=new")
        assert "Demo" in first.inner_text("[data-testid='stMain']")
        first.get_by_role("textbox", name="Full name").fill("Only In The First Tab")
        first.get_by_role("textbox", name="The compelling reason to talk").fill(
            "You run the lab whose paper I keep rereading."
        )
        first.get_by_role("button", name="Save contact").click()
        wait_idle(first)
        assert exception_texts(first) == []

        # In-app navigation keeps the session; a reload would start the demo over.
        first.get_by_role("button", name="← All contacts").click()
        wait_idle(first)
        goto(second, f"{server.url}/Research")
        for page, expected in ((first, 1), (second, 0)):
            page.get_by_role("textbox", name="Search").fill("Only In The First Tab")
            page.get_by_role("textbox", name="Search").press("Enter")
            wait_idle(page)
            assert _count(page)[0] == expected
        assert _count(first)[1] == _count(second)[1] + 1

        # A reload starts the demo over.
        goto(first, f"{server.url}/Research")
        first.get_by_role("textbox", name="Search").fill("Only In The First Tab")
        first.get_by_role("textbox", name="Search").press("Enter")
        wait_idle(first)
        assert _count(first)[0] == 0
    finally:
        server.stop()
    assert not (tmp_path / "data").exists() or not any((tmp_path / "data").iterdir())


def test_leaving_a_changed_demo_asks_first_and_a_backup_settles_it(tmp_path, browser):
    """The browser asks before a close throws away demo work; not before any change, and not
    after a backup has kept it."""
    server = Server(tmp_path / "data", env={"INFOVIEW_DEMO": "1"}).start()

    def leaving_asks(page) -> bool:
        asked: list[str] = []
        page.on("dialog", lambda dialog: (asked.append(dialog.type), dialog.accept()))
        page.close(run_before_unload=True)
        page.wait_for_event("close", timeout=10_000)
        return asked == ["beforeunload"]

    try:
        untouched = browser.new_context().new_page()
        goto(untouched, f"{server.url}/Research")
        assert exception_texts(untouched) == []
        # Used (browsers ask only on a page the visitor has interacted with), but not changed.
        untouched.get_by_text("You are exploring sample data").click()
        assert not leaving_asks(untouched)

        page = browser.new_context(accept_downloads=True).new_page()
        goto(page, f"{server.url}/Research?contact=new")
        page.get_by_role("textbox", name="Full name").fill("Kept Only Here")
        page.get_by_role("textbox", name="The compelling reason to talk").fill(
            "You moved from a lab bench to a policy desk, the move I am weighing."
        )
        page.get_by_role("button", name="Save contact").click()
        wait_idle(page)
        guard = page.locator(".st-key-demo_leave_guard")
        assert guard.count() == 1
        box = guard.bounding_box()
        assert box is None or box["height"] == 0  # takes no room on the page
        assert page.evaluate("window.infoviewUnsaved") is True
        with page.expect_download():
            page.get_by_role("button", name="Save a backup").click()
        wait_idle(page)
        assert page.evaluate("window.infoviewUnsaved") is False

        changed = browser.new_context().new_page()
        goto(changed, f"{server.url}/Research?contact=new")
        changed.get_by_role("textbox", name="Full name").fill("Lost Unless Asked")
        changed.get_by_role("textbox", name="The compelling reason to talk").fill(
            "Your talk on moving from research to product management answered half my questions."
        )
        changed.get_by_role("button", name="Save contact").click()
        wait_idle(changed)
        assert leaving_asks(changed)
        assert not leaving_asks(page)
    finally:
        server.stop()
