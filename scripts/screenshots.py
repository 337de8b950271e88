"""Take a screenshot of every page into docs/screenshots/ (or a folder given as argument)."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from infoview.ui.menu import MENU, available
from tests.e2e.harness import CHROMIUM_ARGS, chromium_path, goto, running_server


def page_url(base: str, page: str) -> str:
    """Return the URL Streamlit serves a page script at."""
    if page == "app.py":
        return base + "/"
    name = Path(page).stem.split("_", 1)[1]
    return f"{base}/{name}"


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    suffix = sys.argv[2] if len(sys.argv) > 2 else ""
    out.mkdir(parents=True, exist_ok=True)
    data = Path(tempfile.mkdtemp()) / "data"
    env = {"INFOVIEW_DEMO": "1"} if "--demo" in sys.argv else {}
    with running_server(data, env) as server, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1366, "height": 900})
        for item in available(MENU):
            goto(page, page_url(server.url, item.page) + suffix)
            name = Path(item.page).stem.lower()
            page.screenshot(path=str(out / f"{name}.png"), full_page=True)
            print(out / f"{name}.png")
        browser.close()


if __name__ == "__main__":
    main()
