"""axe-core on every page, at desktop and phone width, empty and with sample data, every tab.

Each page of the registry is opened in headless Chromium and checked by axe-core against the
WCAG 2.0 and 2.1 A and AA rules; then each of its tabs is clicked and the page checked again.
No critical or serious violation may remain, except those Streamlit's own markup causes and we
cannot change: they are in ALLOWED below, each with the reason, and in docs/accessibility.md
with the Streamlit issue that tracks it. One server per state, one browser for the module.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from axe_playwright_python.sync_playwright import Axe

from infoview.ui import pages
from tests.e2e.harness import Server, exception_texts, goto, wait_idle

WIDTHS = (1366, 390)
HEIGHT = 900
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Headings that skip a level are a "best practice" in axe (moderate, no WCAG tag), but they
# break the outline a screen reader user jumps through, so they count here too.
STRICT_RULES = {"heading-order"}
OPTIONS = {
    "runOnly": {"type": "tag", "values": TAGS},
    "rules": {rule: {"enabled": True} for rule in STRICT_RULES},
    "resultTypes": ["violations"],
}
BLOCKING = {"critical", "serious"}
TAB = "[data-testid='stTabs'] [role='tab']"
# Sample contacts whose records show each per-contact step in use (sample ids are fixed).
SAMPLE_CONTACTS = {
    pages.ASK.path: "sample-contact-zoe",
    pages.QUESTIONS.path: "sample-contact-samir",
    pages.CONVERSATIONS.path: "sample-contact-ingrid",
    pages.CONTACT.path: "sample-contact-kwame",
}


@dataclass(frozen=True)
class Allowed:
    """A violation Streamlit's own markup causes: the rule, where (a pattern matched against
    the node's selector and HTML) and why we cannot fix it from the app."""

    rule: str
    where: str
    reason: str

    def covers(self, rule: str, node: dict) -> bool:
        text = " ".join(str(t) for t in node.get("target", [])) + " " + node.get("html", "")
        return rule == self.rule and re.search(self.where, text) is not None


ALLOWED: tuple[Allowed, ...] = ()

AXE = Axe()


def blocking(page, within: str | None = None) -> list[str]:
    """Run axe on the page as it is (or the part the selector `within` names); return one
    line per critical or serious failing node."""
    found = AXE.run(page, context=within, options=OPTIONS).response
    lines = []
    for rule in found["violations"]:
        if rule.get("impact") not in BLOCKING and rule["id"] not in STRICT_RULES:
            continue
        for node in rule["nodes"]:
            if any(a.covers(rule["id"], node) for a in ALLOWED):
                continue
            summary = " ".join(node.get("failureSummary", "").split())[:200]
            lines.append(f"{rule['id']} ({rule['impact']}) at {node['target']}: {summary}")
    return lines


def check_page(page, url: str, width: int) -> list[str]:
    """Open a page, check it, then click each tab and check again; return what failed."""
    page.set_viewport_size({"width": width, "height": HEIGHT})
    goto(page, url)
    assert exception_texts(page) == [], url
    failures = [f"{url} @{width}px: {line}" for line in blocking(page)]
    tabs = page.locator(TAB)
    for i in range(tabs.count()):
        tab = tabs.nth(i)
        name = tab.inner_text().strip()
        tab.click()
        wait_idle(page)
        # The rest of the page was checked above: check what the tab opened.
        panel = tab.get_attribute("aria-controls")
        lines = blocking(page, f"[id='{panel}']" if panel else None)
        failures += [f"{url} tab {name!r} @{width}px: {line}" for line in lines]
    return failures


def page_url(server: Server, item: pages.Page, sample: bool) -> str:
    url = f"{server.url}/{item.url_path}"
    if sample and item.path in SAMPLE_CONTACTS:
        url += f"?contact={SAMPLE_CONTACTS[item.path]}"
    return url


@pytest.fixture(scope="module")
def empty_server(tmp_path_factory):
    srv = Server(tmp_path_factory.mktemp("a11y-empty") / "data").start()
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def sample_server(tmp_path_factory):
    # Demo mode seeds every browser session with the sample network.
    srv = Server(tmp_path_factory.mktemp("a11y-sample") / "data", env={"INFOVIEW_DEMO": "1"})
    srv.start()
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def context(browser):
    ctx = browser.new_context(viewport={"width": WIDTHS[0], "height": HEIGHT})
    yield ctx
    ctx.close()


SHOWN = pages.available(pages.ALL)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("item", SHOWN, ids=[p.url_path or "Home" for p in SHOWN])
def test_every_page_passes_axe_when_empty(empty_server, context, item, width):
    page = context.new_page()
    try:
        failures = check_page(page, page_url(empty_server, item, sample=False), width)
    finally:
        page.close()
    assert failures == [], "\n".join(failures)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("item", SHOWN, ids=[p.url_path or "Home" for p in SHOWN])
def test_every_page_passes_axe_with_sample_data(sample_server, browser, item, width):
    # Its own context: a demo session per page, so no page sees another's clicks.
    context = browser.new_context(viewport={"width": width, "height": HEIGHT})
    page = context.new_page()
    try:
        failures = check_page(page, page_url(sample_server, item, sample=True), width)
    finally:
        context.close()
    assert failures == [], "\n".join(failures)


def test_home_shows_what_is_due_first_on_a_phone(sample_server, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        goto(page, sample_server.url)
        due = page.get_by_role("heading", name="Due today").bounding_box()
        figure = page.locator("[data-testid='stMetric']").first.bounding_box()
        assert due is not None and figure is not None
        assert due["y"] < figure["y"]
        assert due["y"] + due["height"] <= 844  # on the first screen, no scrolling
    finally:
        context.close()
