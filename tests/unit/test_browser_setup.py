"""`make test` finds a browser by itself: Debian's Chromium first, then Playwright's download."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "browser.py"
spec = importlib.util.spec_from_file_location("browser_setup", SCRIPT)
assert spec is not None and spec.loader is not None
browser = importlib.util.module_from_spec(spec)
spec.loader.exec_module(browser)


@pytest.fixture(autouse=True)
def _no_named(monkeypatch):
    monkeypatch.delenv("CHROMIUM", raising=False)


class Machine:
    """A pretend machine: what is installed, what may run, and every command run."""

    def __init__(self, debian=None, apt=None, bundled=None, installs=True, downloads=True):
        self.debian, self.apt, self.bundled = debian, apt, bundled
        self.installs, self.downloads = installs, downloads
        self.commands: list[list[str]] = []

    def run(self, command):
        self.commands.append(list(command))
        if "apt-get" in command and "install" in command and self.installs:
            self.debian = "/usr/bin/chromium"
        if "playwright" in command and self.downloads:
            self.bundled = "/root/.cache/ms-playwright/chromium/chrome"
        return True

    def find(self):
        return browser.find_browser(
            run=self.run,
            debian=lambda: self.debian,
            apt=lambda: self.apt,
            bundled=lambda: self.bundled,
        )


def test_an_installed_debian_chromium_is_used_and_nothing_is_installed(capsys):
    machine = Machine(debian="/usr/bin/chromium", apt=[])
    assert machine.find() == "/usr/bin/chromium"
    assert machine.commands == []
    assert "Debian's Chromium at /usr/bin/chromium" in capsys.readouterr().err


def test_without_chromium_apt_installs_debians_when_it_may(capsys):
    machine = Machine(apt=[])
    assert machine.find() == "/usr/bin/chromium"
    assert any("install" in c and "chromium" in c for c in machine.commands)
    assert "installing Debian's chromium package" in capsys.readouterr().err


def test_without_apt_playwrights_own_chromium_is_downloaded(capsys):
    machine = Machine(apt=None)
    found = machine.find()
    assert found == "/root/.cache/ms-playwright/chromium/chrome"
    assert machine.commands[-1][-3:] == ["playwright", "install", "chromium"]
    assert "using Playwright's Chromium" in capsys.readouterr().err


def test_a_failed_apt_install_falls_back_to_playwright():
    machine = Machine(apt=["sudo", "-n"], installs=False)
    assert machine.find() == "/root/.cache/ms-playwright/chromium/chrome"
    assert machine.commands[0][:2] == ["sudo", "-n"]


def test_nothing_found_says_the_browser_tests_will_skip(capsys):
    machine = Machine(apt=None, downloads=False)
    assert machine.find() is None
    assert "will skip" in capsys.readouterr().err


def test_chromium_named_in_the_environment_wins(monkeypatch, tmp_path):
    named = tmp_path / "chrome"
    named.write_text("")
    monkeypatch.setenv("CHROMIUM", str(named))
    machine = Machine(debian="/usr/bin/chromium")
    assert machine.find() == str(named)
