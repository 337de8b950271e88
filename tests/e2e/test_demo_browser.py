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
