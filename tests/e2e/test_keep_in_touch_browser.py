"""Keep in touch in a real browser: a logged call ages past its gap, turns amber, then clears."""

from __future__ import annotations

from datetime import date, timedelta

from infoview.models import Contact
from infoview.store import Store
from tests.e2e.harness import Server, exception_texts, goto, wait_idle


def test_a_contact_turns_amber_past_the_gap_and_clears_once_logged(page, tmp_path):
    data = tmp_path / "data"
    day0 = date.today()
    ana = Store.in_dir(data).save(
        Contact(full_name="Ana Ruiz", organization="City Health", reason="She moved into policy.")
    )
    server = Server(data, env={"INFOVIEW_TODAY": day0.isoformat()}).start()
    try:
        goto(page, f"{server.url}/Conversations?contact={ana.id}")
        page.get_by_role("button", name="Schedule the call").click()
        wait_idle(page)
        page.get_by_role("textbox", name="Key insights").fill("Fellowships are the usual way in.")
        page.get_by_role("button", name="Save the log").click()
        wait_idle(page)
        assert exception_texts(page) == []
        [conv] = Store.in_dir(data).all("conversations")
        assert conv.happened_on == day0
        goto(page, f"{server.url}/")
        assert "Losing touch" in page.inner_text("body")
        # Just met: nobody is losing touch yet.
        assert page.locator("[data-testid='stMain']").get_by_text("Why write now").count() == 0
    finally:
        server.stop()

    # The app's clock moves 100 days on: past the 90-day ideal gap, not the 180-day longest.
    later = day0 + timedelta(days=100)
    server = Server(data, env={"INFOVIEW_TODAY": later.isoformat()}).start()
    try:
        goto(page, f"{server.url}/")
        main = page.locator("[data-testid='stMain']")
        row = main.locator("[data-testid='stMarkdownContainer']").filter(has_text="Why write now")
        assert row.count() == 1
        assert (
            "Ana Ruiz" in row.inner_text()
            and "14 weeks since your conversation" in row.inner_text()
        )
        assert "past 90 days" in row.inner_text()  # the amber badge, not the red one
        page.screenshot(path=str(tmp_path / "amber.png"), full_page=True)
        main.get_by_role("button", name="Log that we talked").click()
        page.get_by_role("textbox", name="Note (one line)").fill("Met at the policy forum")
        page.get_by_role("button", name="Log it").click()
        wait_idle(page)
        assert exception_texts(page) == []
        [touch] = Store.in_dir(data).all("touches")
        assert (touch.on, touch.note) == (later, "Met at the policy forum")
        assert main.get_by_text("Why write now").count() == 0
        assert "Nobody you have talked to is past" in main.inner_text()
    finally:
        server.stop()
