"""Take a screenshot of every page into docs/screenshots/ (or a folder given as argument).

With --demo the app runs on the sample data, and the per-contact steps open on one sample
contact, so every picture shows the page in use. Home, Research and Craft the ask are also
taken at phone width (390 px) as home-390.png, research-390.png and ask-390.png.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from infoview.ui import pages
from tests.e2e.harness import CHROMIUM_ARGS, chromium_path, goto, running_server

# Sample contacts whose records show each step in use (sample ids are deterministic).
SAMPLE_CONTACTS = {
    pages.ASK.path: "sample-contact-zoe",
    pages.QUESTIONS.path: "sample-contact-samir",
    pages.CONVERSATIONS.path: "sample-contact-ingrid",
    pages.CONTACT.path: "sample-contact-kwame",
}
WIDTH, MIN_HEIGHT, MAX_HEIGHT = 1366, 900, 4000
PHONE_WIDTH, PHONE_HEIGHT = 390, 844  # a common phone's screen in CSS pixels
PHONE_PAGES = {pages.HOME: "home", pages.RESEARCH: "research", pages.ASK: "ask"}


def shoot(page, path: Path, width: int = WIDTH, min_height: int = MIN_HEIGHT) -> None:
    """Grow the window to the page's height, then capture it whole."""
    height = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": width, "height": max(min_height, min(height, MAX_HEIGHT))})
    page.wait_for_timeout(400)
    page.screenshot(path=str(path))
    page.set_viewport_size({"width": width, "height": min_height})


def page_url(base: str, item: pages.Page, demo: bool) -> str:
    """Return the page's address, on a sample contact for the per-contact steps in a demo."""
    url = f"{base}/{item.url_path}"
    if demo and item.path in SAMPLE_CONTACTS:
        url += f"?contact={SAMPLE_CONTACTS[item.path]}"
    return url


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    demo = "--demo" in sys.argv
    out.mkdir(parents=True, exist_ok=True)
    data = Path(tempfile.mkdtemp()) / "data"
    env = {"INFOVIEW_DEMO": "1"} if demo else {}
    shown = pages.available(pages.ALL)
    with running_server(data, env) as server, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": WIDTH, "height": MIN_HEIGHT})
        for item in shown:
            goto(page, page_url(server.url, item, demo))
            target = out / f"{Path(item.path).stem.lower()}.png"
            shoot(page, target)
            print(target)
        # A fresh window at phone width: Streamlit lays the page out for it from the start.
        phone = browser.new_page(viewport={"width": PHONE_WIDTH, "height": PHONE_HEIGHT})
        for item, name in PHONE_PAGES.items():
            if item not in shown:
                continue
            goto(phone, page_url(server.url, item, demo))
            target = out / f"{name}-{PHONE_WIDTH}.png"
            shoot(phone, target, PHONE_WIDTH, PHONE_HEIGHT)
            print(target)
        browser.close()


if __name__ == "__main__":
    main()
