"""Take a screenshot of every page into docs/screenshots/ (or a folder given as argument).

With --demo the app runs on the sample data, and the per-contact steps open on one sample
contact, so every picture shows the page in use.
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


def shoot(page, path: Path) -> None:
    """Grow the window to the page's height, then capture it whole."""
    height = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": WIDTH, "height": max(MIN_HEIGHT, min(height, MAX_HEIGHT))})
    page.wait_for_timeout(400)
    page.screenshot(path=str(path))
    page.set_viewport_size({"width": WIDTH, "height": MIN_HEIGHT})


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
            url = f"{server.url}/{item.url_path}"
            if demo and item.path in SAMPLE_CONTACTS:
                url += f"?contact={SAMPLE_CONTACTS[item.path]}"
            goto(page, url)
            target = out / f"{Path(item.path).stem.lower()}.png"
            shoot(page, target)
            print(target)
        browser.close()


if __name__ == "__main__":
    main()
