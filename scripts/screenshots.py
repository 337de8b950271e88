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

from infoview.ui.menu import CONTACT_PAGE, MENU, ROOT, available
from tests.e2e.harness import CHROMIUM_ARGS, chromium_path, goto, running_server

# Sample contacts whose records show each step in use (sample ids are deterministic).
SAMPLE_CONTACTS = {
    "pages/3_Ask.py": "sample-contact-zoe",
    "pages/4_Questions.py": "sample-contact-samir",
    "pages/5_Conversations.py": "sample-contact-ingrid",
    CONTACT_PAGE: "sample-contact-kwame",
}
WIDTH, MIN_HEIGHT, MAX_HEIGHT = 1366, 900, 4000


def page_url(base: str, page: str) -> str:
    """Return the URL Streamlit serves a page script at."""
    if page == "app.py":
        return base + "/"
    name = Path(page).stem.split("_", 1)[1]
    return f"{base}/{name}"


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
    pages = [item.page for item in available(MENU)]
    if (ROOT / CONTACT_PAGE).exists():
        pages.append(CONTACT_PAGE)
    with running_server(data, env) as server, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": WIDTH, "height": MIN_HEIGHT})
        for script in pages:
            url = page_url(server.url, script)
            if demo and script in SAMPLE_CONTACTS:
                url += f"?contact={SAMPLE_CONTACTS[script]}"
            goto(page, url)
            target = out / f"{Path(script).stem.lower()}.png"
            shoot(page, target)
            print(target)
        browser.close()


if __name__ == "__main__":
    main()
