"""Fixtures for the browser tests: a Chromium browser and a fresh server per test module."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.e2e.harness import CHROMIUM_ARGS, Server, chromium_path


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.e2e)
            # Browser timing on a loaded machine, not app logic: one retry, never more.
            item.add_marker(pytest.mark.flaky(reruns=1, reruns_delay=2))


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        path = chromium_path()
        if path is None and Path(pw.chromium.executable_path).exists():
            path = pw.chromium.executable_path  # Playwright's own download (Windows, macOS)
        if path is None:
            if os.environ.get("CI"):
                pytest.fail("Chromium is missing in CI: browser tests must run, not skip")
            pytest.skip(
                "no Chromium on this machine (apt-get install -y chromium, or "
                "python -m playwright install chromium)"
            )
        browser = pw.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def server(tmp_path):
    srv = Server(tmp_path / "data").start()
    yield srv
    srv.stop()
