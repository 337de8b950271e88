"""Plan questions in a real browser: build a plan and take the Markdown prep sheet away."""

from __future__ import annotations

import time

from infoview.models import Contact, Outreach
from infoview.questions import (
    QUESTIONS_BY_ID,
    REFERRAL,
    format_mark,
    plan_call,
    search_questions,
)
from infoview.store import Store
from infoview.ui.question_bank_ui import BANK_PAGE
from tests.e2e.harness import exception_texts, goto, wait_idle

CUSTOM = "How did you *first* hear about the <fellowship> program?"
CUSTOM_IN_MARKDOWN = "How did you \\*first\\* hear about the &lt;fellowship&gt; program?"


def test_build_a_plan_and_download_the_markdown_sheet(server, page, tmp_path):
    store = Store.in_dir(server.data_dir)
    contact = store.save(
        Contact(
            full_name="Amara Okafor",
            organization="Office of Science Policy",
            title="Senior Policy Analyst",
            sector="government",
            reason="She moved from a protein chemistry postdoc into science policy.",
        )
    )
    store.save(Outreach(contact_id=contact.id, minutes=20))

    goto(page, f"{server.url}/Questions?contact={contact.id}")
    page.get_by_role("button", name="Start from a suggested plan for government").click()
    wait_idle(page)

    # The bank has its own tab, drawn when opened, and shows a page of questions at a time;
    # "Show more" reveals the next page.
    main = page.locator("[data-testid='stMain']")
    assert main.locator("[class*='st-key-qp_add_']").count() == 0
    page.get_by_role("tab", name="Question bank").click()
    bank = search_questions("", None, "government")
    page.get_by_text(f"{len(bank)} questions · showing {BANK_PAGE}", exact=True).wait_for()
    add = page.locator("[class*='st-key-qp_add_'] button:visible")
    assert add.count() == BANK_PAGE
    page.get_by_role("button", name=f"Show {BANK_PAGE} more").click()
    page.get_by_text(f"{len(bank)} questions · showing {2 * BANK_PAGE}", exact=True).wait_for()
    wait_idle(page)
    assert add.count() == 2 * BANK_PAGE

    page.get_by_role("textbox", name="Search").fill("résumé")
    page.get_by_role("textbox", name="Search").press("Enter")
    page.get_by_text("1 question", exact=True).wait_for()
    wait_idle(page)
    # Streamlit keys the row's container with a class; the button's icon is its only label.
    page.locator("[class*='st-key-qp_add_'][class*='_advice-resume'] button:visible").click()
    wait_idle(page)
    # Wait for the visible result (the row's button turns into a disabled check), so the next
    # click cannot land in the middle of a rerun.
    page.locator("[class*='st-key-qp_add_'][class*='_advice-resume'] button:disabled").wait_for()
    wait_idle(page)

    page.get_by_role("tab", name="Your plan").click()
    main.get_by_text(QUESTIONS_BY_ID["advice-resume"].text).first.wait_for()
    wait_idle(page)
    # The box for your own question is drawn when opened; a half-typed question survives a
    # look at another tab.
    page.get_by_text("Add your own question", exact=True).click()
    box = page.get_by_role("textbox", name="Your question")
    box.fill(CUSTOM)
    page.get_by_role("tab", name="Prep sheet").click()
    page.get_by_role("button", name="Download the sheet (Markdown)").wait_for()
    wait_idle(page)
    page.get_by_role("tab", name="Your plan").click()
    box.wait_for()
    wait_idle(page)
    assert box.input_value() == CUSTOM
    page.locator("[class*='st-key-qp_custom_add_'] button").click()
    main.get_by_text(CUSTOM).first.wait_for()
    wait_idle(page)
    box.wait_for(state="detached")  # the box closes once the question is added
    assert exception_texts(page) == []

    # The plan reads as one timeline; the switch brings the rows to edit.
    minutes = page.locator("[class*='st-key-qp_min_'] input")
    assert minutes.count() == 0
    page.get_by_text("Edit the order and minutes").click()
    minutes.first.wait_for()
    wait_idle(page)
    minutes.first.fill("4")
    minutes.first.press("Enter")
    wait_idle(page)
    page.locator("[class*='st-key-qp_min_'][class*='_0'] input").first.wait_for()
    deadline = time.monotonic() + 10
    while Store.in_dir(server.data_dir).by_contact("plans")[contact.id][0].items[0].minutes != 4:
        assert time.monotonic() < deadline, "the new minutes were not saved"
        time.sleep(0.2)
    wait_idle(page)
    assert exception_texts(page) == []

    page.get_by_role("tab", name="Prep sheet").click()
    wait_idle(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the sheet (Markdown)").click()
    assert download.value.suggested_filename == "prep-sheet-amara-okafor.md"
    with open(download.value.path(), encoding="utf-8") as handle:
        sheet = handle.read()
    page.screenshot(path=str(tmp_path / "questions.png"), full_page=True)

    plan = Store.in_dir(server.data_dir).by_contact("plans")[contact.id][0]
    assert plan.minutes == 20
    fit = plan_call(plan.items, plan.minutes, plan.referral_removed)
    questions = sheet.split("## Questions", 1)[1].split("## After the call", 1)[0]
    blocks = questions.split("\n### ")[1:]
    assert len(blocks) == len(fit.items) >= 4
    for number, (block, mark) in enumerate(zip(blocks, fit.marks, strict=True), start=1):
        assert block.startswith(f"{format_mark(mark)} · Question {number} ("), block
    assert QUESTIONS_BY_ID["advice-resume"].text in sheet
    assert CUSTOM_IN_MARKDOWN in blocks[-2]
    assert REFERRAL.text in blocks[-1] and "save this one for last" in blocks[-1]
    assert "<fellowship>" not in sheet
