"""Craft the ask in a real browser: draft, edit, see the coach react, and mark the email sent."""

from __future__ import annotations

from infoview.models import AskStatus, Contact, Profile
from infoview.store import Store
from tests.e2e.harness import exception_texts, goto, wait_idle


def test_draft_edit_review_and_mark_as_sent(server, page, tmp_path):
    store = Store.in_dir(server.data_dir)
    store.save(Profile(name="Sam Rivera", current_role="postdoc in ecology"))
    contact = store.save(
        Contact(
            full_name="Amara Okafor",
            organization="Office of Science Policy",
            title="Senior Policy Analyst",
            sector="government",
            email="amara@example.org",
            reason="Your move from protein chemistry into science policy is the path I hope for.",
        )
    )

    goto(page, f"{server.url}/Ask?contact={contact.id}")
    main = page.locator("[data-testid='stMain']")
    topic = page.get_by_role("textbox", name="Topic 1")
    topic.fill("grant writing")
    topic.press("Tab")
    wait_idle(page)
    body = page.get_by_role("textbox", name="Email")
    assert "insight on grant writing" in body.input_value()
    assert "Generic ask" not in main.inner_text()

    # A text area reports on blur: type, leave it, and the coach re-reads the email.
    edited = body.input_value().replace("Would you have", "Could I pick your brain? Would you have")
    body.fill(edited)
    body.press("Tab")
    wait_idle(page)
    main.get_by_text("Generic ask").wait_for()
    assert "“pick your brain”" in main.inner_text()
    mailto = page.get_by_role("link", name="Open in my mail app").get_attribute("href")
    assert mailto.startswith("mailto:amara@example.org?subject=A%20question%20about%20grant")
    assert "pick%20your%20brain" in mailto
    page.screenshot(path=str(tmp_path / "ask-draft.png"), full_page=True)

    page.get_by_role("button", name="Mark as sent").click()
    wait_idle(page)
    main.get_by_text("Sent, waiting for a reply").first.wait_for()
    assert exception_texts(page) == []
    assert "If no reply comes" in main.inner_text()

    [ask] = Store.in_dir(server.data_dir).by_contact("outreach")[contact.id]
    assert ask.status == AskStatus.SENT and ask.sent_on is not None
    assert "pick your brain" in ask.body
    assert [h.status for h in ask.history] == [AskStatus.DRAFT, AskStatus.SENT]


def test_an_unsaved_draft_survives_a_page_switch_even_from_inside_the_box(server, page):
    store = Store.in_dir(server.data_dir)
    store.save(Profile(name="Sam Rivera", current_role="postdoc in ecology"))
    contact = store.save(
        Contact(full_name="Amara Okafor", organization="Policy Office", reason="Your move.")
    )
    goto(page, f"{server.url}/Ask?contact={contact.id}")
    topic = page.get_by_role("textbox", name="Topic 1")
    topic.fill("grant writing")
    topic.press("Tab")
    wait_idle(page)
    mine = "Hi Amara,\n\nMy own words, not saved yet.\n\nSam"
    # Straight to another page, without leaving the box first. Leaving the box reruns the
    # page, and Streamlit can swallow a link click that lands during that rerun; a user then
    # clicks again, which is what this does. Either way the text must not be lost.
    page.get_by_role("textbox", name="Email").fill(mine)
    menu = page.locator("[data-testid='stSidebar']")
    for _ in range(2):  # the menu carries the contact to the next step and back
        menu.get_by_role("link", name="4 · Plan questions").click()
        wait_idle(page)
        if "4 · Plan" in page.locator("h1").first.inner_text():
            break
    assert "4 · Plan" in page.locator("h1").first.inner_text()
    menu.get_by_role("link", name="3 · Craft the ask").click()
    wait_idle(page)
    assert page.get_by_role("textbox", name="Topic 1").input_value() == "grant writing"
    assert page.get_by_role("textbox", name="Email").input_value() == mine
    main = page.locator("[data-testid='stMain']")
    assert main.get_by_text("Unsaved changes").count() == 1
    assert Store.in_dir(server.data_dir).by_contact("outreach").get(contact.id, []) == []
    assert exception_texts(page) == []
