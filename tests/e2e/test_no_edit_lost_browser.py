"""The coach's walk in a real browser: a reopened contact keeps every field, figures agree."""

from __future__ import annotations

import re
from datetime import date, timedelta

from infoview.models import AskStatus, Contact, Conversation, Outreach
from infoview.store import Store
from tests.e2e.harness import Server, exception_texts, goto, wait_idle

SKIP = {"updated_at", "revision", "email"}


def _seed(data_dir) -> dict[str, Contact]:
    store = Store.in_dir(data_dir)
    day = date.today() - timedelta(days=20)
    priya = store.save(
        Contact(
            full_name="Priya Raman",
            organization="Research Council",
            title="Program officer",
            position_since=date(2021, 3, 1),
            sector="government",
            linkedin_url="https://www.linkedin.com/in/priya",
            bio_url="https://example.org/bio",
            previous_employers=["Lab one"],
            education=["PhD, Chemistry"],
            reason="You moved from bench chemistry into grant policy, the move I am weighing.",
            tags=["policy"],
            joined_on=date(2023, 5, 2),
        )
    )
    tomas = store.save(
        Contact(full_name="Tomás Ibarra", organization="City Water", reason="Your water work")
    )
    store.save(Contact(full_name="Old Colleague", archived=True))
    store.save(Contact(full_name="Kim Park", referred_by=tomas.id))
    store.save(
        Outreach(
            contact_id=tomas.id,
            status=AskStatus.REPLIED,
            sent_on=day,
            replied_on=day + timedelta(days=2),
        )
    )
    store.save(Conversation(contact_id=tomas.id, happened_on=day + timedelta(days=6)))
    return {"priya": priya, "tomas": tomas}


def _metric(page, label: str) -> str:
    box = page.locator("[data-testid='stMetric']").filter(
        has=page.locator("[data-testid='stMetricLabel']", has_text=re.compile(f"^{label}$"))
    )
    return box.first.locator("[data-testid='stMetricValue']").inner_text().strip()


def _menu(page, label: str) -> None:
    page.locator("[data-testid='stSidebar']").get_by_text(label, exact=True).click()
    wait_idle(page)


def test_a_reopened_contact_keeps_every_field_and_the_figures_agree(tmp_path, browser):
    data = tmp_path / "data"
    people = _seed(data)
    priya = people["priya"]
    server = Server(data).start()
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    try:
        goto(page, f"{server.url}/Research?contact={priya.id}")
        org = page.get_by_role("textbox", name="Organization")
        assert org.input_value() == "Research Council"
        # Leave for another page by the menu, come back by the menu and the list's picker.
        _menu(page, "Home")
        _menu(page, "2 · Research")
        page.locator("[data-testid='stSelectbox']").filter(has_text="Open a contact").click()
        page.get_by_role("option", name="Priya Raman").click()
        wait_idle(page)
        assert page.get_by_role("textbox", name="Organization").input_value() == (
            "Research Council"
        )
        assert page.get_by_role("textbox", name="Title").input_value() == "Program officer"
        # Another contact, then the browser's back button.
        goto(page, f"{server.url}/Research?contact={people['tomas'].id}")
        assert page.get_by_role("textbox", name="Organization").input_value() == "City Water"
        page.go_back()
        page.wait_for_selector("[data-testid='stApp']")
        wait_idle(page)
        assert page.get_by_role("textbox", name="Organization").input_value() == (
            "Research Council"
        )
        page.get_by_role("textbox", name="Email (optional)").fill("priya@example.org")
        page.get_by_role("button", name="Save contact").click()
        page.get_by_text("Saved Priya Raman").first.wait_for()
        wait_idle(page)
        assert exception_texts(page) == []
        saved = Store.in_dir(data).contact(priya.id)
        assert saved.email == "priya@example.org"
        assert saved.model_dump(exclude=SKIP) == priya.model_dump(exclude=SKIP)

        # '← All contacts' stays on the list.
        page.get_by_role("button", name="← All contacts").click()
        wait_idle(page)
        assert "contact=" not in page.url
        assert "of 3 contacts" in page.inner_text("[data-testid='stMain']")

        # The same question gets the same number on every page.
        _menu(page, "Home")
        assert _metric(page, "Contacts") == "3"
        assert "1 archived" in page.inner_text("[data-testid='stMain']")
        assert _metric(page, "Conversations") == "1"
        assert _metric(page, "Replies") == "1"
        assert "2 of 3 contacts have a reason to talk" in page.inner_text("[data-testid='stMain']")
        _menu(page, "Network growth")
        assert _metric(page, "Contacts") == "3"
        page.get_by_role("tab", name="Funnel").click()
        wait_idle(page)
        assert _metric(page, "Researched") == "2"
        caption = page.inner_text("[data-testid='stMain']")
        assert "replied 1, met 1, thanked 0" in caption
        _menu(page, "Your data")
        page.get_by_role("tab", name="Export").click()
        wait_idle(page)
        assert page.get_by_role("button", name=re.compile("Download 4 contacts as CSV")).count()
        assert "1 archived included" in page.inner_text("[data-testid='stMain']")
        assert exception_texts(page) == []
    finally:
        page.close()
        server.stop()
