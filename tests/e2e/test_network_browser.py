"""Network growth in a real browser: the charts draw, and the figures beside them are right."""

from __future__ import annotations

from datetime import date

from infoview.models import AskStatus, Contact, Outreach, Sector, Source
from infoview.store import Store
from tests.e2e.harness import Server, exception_texts, goto, wait_idle

CHART = "[data-testid='stVegaLiteChart']"


def _metric(page, label: str) -> str:
    box = page.locator("[data-testid='stMetric']").filter(has_text=label)
    return box.locator("[data-testid='stMetricValue']").inner_text()


def test_charts_render_with_the_right_figures(tmp_path, browser):
    store = Store.in_dir(tmp_path / "data")
    people = [
        Contact(
            id=f"c{i}",
            full_name=f"Person {i}",
            joined_on=date(2023, 1, 1 + i),
            sector=Sector.INDUSTRY if i % 2 else Sector.ACADEMIA,
            source=Source.LINKEDIN,
            reason="We both left the lab for policy work." if i < 4 else "",
        )
        for i in range(12)
    ]
    people.append(
        Contact(id="r", full_name="Referred Person", joined_on=date(2023, 2, 1),
                source=Source.REFERRAL, referred_by="c0")
    )  # fmt: skip
    asks = [
        Outreach(contact_id="c0", status=AskStatus.REPLIED, sent_on=date(2023, 1, 20),
                 replied_on=date(2023, 1, 23)),
        Outreach(contact_id="c1", status=AskStatus.SENT, sent_on=date(2023, 1, 21)),
    ]  # fmt: skip
    store.save_many([*people, *asks])

    server = Server(tmp_path / "data").start()
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    try:
        goto(page, f"{server.url}/Network")
        page.locator(CHART).first.wait_for()
        assert page.locator(CHART).count() == 1
        assert page.locator(f"{CHART} .mark-area path").count() > 0  # areas were drawn
        assert _metric(page, "Contacts") == "13"
        assert _metric(page, "Largest source") == "LinkedIn"
        assert exception_texts(page) == []

        page.get_by_role("tab", name="Replies").click()
        wait_idle(page)
        page.locator(CHART).nth(1).wait_for()
        assert _metric(page, "Reply rate") == "50%"

        page.get_by_role("tab", name="Referrals").click()
        wait_idle(page)
        page.locator(CHART).first.wait_for()
        assert _metric(page, "People in referral chains") == "2"
        assert page.locator(f"{CHART} .mark-rule line").count() == 1  # one referral, one line

        page.get_by_role("tab", name="Growth").click()
        wait_idle(page)
        page.locator("[data-testid='stMultiSelect']").filter(has_text="Sector").click()
        page.get_by_role("option", name="Industry").click()
        page.keyboard.press("Escape")
        wait_idle(page)
        assert _metric(page, "Contacts") == "6"
        assert exception_texts(page) == []
        page.screenshot(path=str(tmp_path / "network.png"), full_page=True)
    finally:
        page.close()
        server.stop()
