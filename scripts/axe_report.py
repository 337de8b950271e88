"""Count axe-core's critical and serious findings on every page, empty and with sample data.

Prints a Markdown table (page, state, width: distinct failing nodes, tabs included) for
docs/accessibility.md. The pass/fail check itself is tests/e2e/test_accessibility_browser.py;
this script uses the same rules, allow-list and pages. `--all` counts allowed nodes too.
"""

from __future__ import annotations

import sys
import tempfile
from collections import Counter
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from infoview.ui import pages
from tests.e2e import test_accessibility_browser as a11y
from tests.e2e.harness import CHROMIUM_ARGS, Server, chromium_path


def main() -> None:
    if "--all" in sys.argv:
        a11y.ALLOWED = ()
    shown = pages.available(pages.ALL)
    rows: dict[str, dict[str, str]] = {p.title: {} for p in shown}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        for state, env in (("empty", {}), ("sample", {"INFOVIEW_DEMO": "1"})):
            server = Server(Path(tempfile.mkdtemp()) / "data", env).start()
            try:
                for width in a11y.WIDTHS:
                    for item in shown:
                        context = browser.new_context()
                        page = context.new_page()
                        url = a11y.page_url(server, item, sample=state == "sample")
                        failures = a11y.check_page(page, url, width)
                        context.close()
                        # A node failing on several tabs (a caption above them) counts once.
                        nodes = {line.split("px: ", 1)[1].split(": ", 1)[0] for line in failures}
                        rules = Counter(node.split(" at ", 1)[0] for node in nodes)
                        rows[item.title][f"{state} {width}"] = (
                            ", ".join(f"{n} {r}" for r, n in sorted(rules.items())) or "0"
                        )
                        print(item.title, state, width, len(failures), file=sys.stderr)
            finally:
                server.stop()
        browser.close()
    columns = [f"{s} {w}" for s in ("empty", "sample") for w in a11y.WIDTHS]
    print("| Page | " + " | ".join(f"{c} px" for c in columns) + " |")
    print("|---" * (len(columns) + 1) + "|")
    for title, cells in rows.items():
        print(f"| {title} | " + " | ".join(cells.get(c, "") for c in columns) + " |")


if __name__ == "__main__":
    main()
