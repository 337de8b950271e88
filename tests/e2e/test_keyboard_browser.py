"""Keyboard only (#17): add a contact, draft an ask and mark it sent with Tab, Enter and typing.

No mouse, no element.click(), no focus() after the first page load. After each action the
focus must stay on the control just used (or, when the action replaces it, next to where it
was), so reaching the next action takes a few Tabs, not a walk from the top of the page.
"""

from __future__ import annotations

from datetime import date, timedelta

from infoview.models import Contact, Profile
from infoview.store import Store
from tests.e2e.harness import exception_texts, goto, wait_idle

MAX_TABS = 8  # between one action and the next on the same page
FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return 'BODY';
  const label = e.getAttribute('aria-label') || (e.labels && e.labels[0] && e.labels[0].innerText)
    || e.innerText || '';
  return e.tagName + ' ' + label.replace(/\\s+/g, ' ').trim().slice(0, 80);
}"""
RING = "() => getComputedStyle(document.activeElement).outlineStyle + ' ' + " \
    "getComputedStyle(document.activeElement).outlineWidth"  # fmt: skip


def focused(page) -> str:
    return page.evaluate(FOCUSED)


def tab_until(page, wanted: str, limit: int, key: str = "Tab") -> int:
    """Press Tab (or Shift+Tab) until the focused control's name holds ``wanted``."""
    seen = []
    for presses in range(1, limit + 1):
        page.keyboard.press(key)
        seen.append(focused(page))
        if wanted in seen[-1]:
            return presses
    raise AssertionError(f"{wanted!r} not reached in {limit} × {key}: {seen}")


def test_add_a_contact_draft_an_ask_and_mark_it_sent_by_keyboard(server, page):
    Store.in_dir(server.data_dir).save(Profile(name="Sam Rivera", current_role="ecologist"))
    goto(page, f"{server.url}/Research?contact=new")
    main = page.locator("[data-testid='stMain']")
    page.get_by_role("textbox", name="Full name").focus()  # the only focus() call
    page.keyboard.type("Amara Okafor")
    # Fields run in reading order: the organization comes right after the name.
    assert tab_until(page, "Organization", 1) == 1
    page.keyboard.type("Office of Science Policy")
    tab_until(page, "TEXTAREA The compelling reason", 25)
    page.keyboard.type("Your move from protein chemistry into policy is the path I hope for.")
    assert tab_until(page, "Save contact", MAX_TABS) <= MAX_TABS
    page.keyboard.press("Enter")
    main.get_by_text("Stage:").first.wait_for()
    wait_idle(page)
    # The save reran the page and changed its address: the button keeps the focus.
    assert "Save contact" in focused(page)
    assert page.evaluate(RING) == "solid 3px"
    [saved] = Store.in_dir(server.data_dir).contacts()
    assert saved.organization == "Office of Science Policy"

    assert tab_until(page, "Next: craft the ask", MAX_TABS) <= 2
    page.keyboard.press("Enter")
    page.wait_for_url("**/Ask?contact=*")
    wait_idle(page)
    # A new page starts at its top; the first field is a few Tabs into the page.
    assert tab_until(page, "Topic 1", MAX_TABS) <= MAX_TABS
    page.keyboard.type("grant writing")
    page.keyboard.press("Tab")
    wait_idle(page)
    assert "Topic 2" in focused(page)  # the draft was rewritten, the focus moved on by one
    assert "insight on grant writing" in page.get_by_role("textbox", name="Email").input_value()
    # Editing the email: leaving the box reruns the page and marks the draft edited; the
    # focus goes on to the next control, "Save draft", and stays there.
    tab_until(page, "TEXTAREA Email", 12)
    page.keyboard.press("Control+End")
    page.keyboard.type(" Thank you for reading.")
    page.keyboard.press("Tab")
    wait_idle(page)
    main.get_by_text("You have edited the draft").wait_for()
    assert "Save draft" in focused(page)
    page.keyboard.press("Enter")
    wait_idle(page)
    assert "Save draft" in focused(page)
    assert tab_until(page, "Mark as sent", 20) <= 20
    page.keyboard.press("Enter")
    main.get_by_text("Sent, waiting for a reply").first.wait_for()
    wait_idle(page)
    # "Mark as sent" gives way to where the ask stands: its controls sit right before the
    # spot the button was, a few Shift+Tabs away (from the top of the page it took dozens).
    assert tab_until(page, "Undo sent", MAX_TABS, key="Shift+Tab") <= MAX_TABS
    assert exception_texts(page) == []
    [ask] = Store.in_dir(server.data_dir).by_contact("outreach")[saved.id]
    assert ask.status.value == "sent" and "grant writing" in ask.body


def _in_two_weeks(today: date) -> date:
    return today + timedelta(days=14)


def test_a_typed_date_counts_when_the_box_is_left_as_its_help_says(server, page):
    """Streamlit 1.67 ignores Enter in a date box and keeps a typed date only when the focus
    leaves the box: the help beside each of our date boxes says so. If a Streamlit upgrade
    makes Enter work, this test fails and the help should change with it."""
    store = Store.in_dir(server.data_dir)
    contact = store.save(Contact(full_name="Amara Okafor", reason="Your policy work."))
    goto(page, f"{server.url}/Ask?contact={contact.id}")
    main = page.locator("[data-testid='stMain']")
    today = date.today()
    assert main.get_by_role("button", name="Help for Planned send date").count() == 1
    typed = _in_two_weeks(today)
    main.get_by_role("spinbutton", name="year, Planned send date").focus()  # a date test
    page.keyboard.type(f"{typed:%Y%m%d}")
    page.keyboard.press("Enter")
    wait_idle(page)
    assert f"{today:%A %d %B}:" in main.inner_text()  # Enter kept nothing
    page.keyboard.press("Tab")  # to the box's calendar button: still inside the box
    page.keyboard.press("Tab")  # out of the box: now it counts
    wait_idle(page)
    main.get_by_text(f"{typed:%A %d %B}:").first.wait_for(timeout=10_000)
    assert exception_texts(page) == []
