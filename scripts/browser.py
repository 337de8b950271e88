"""Find a Chromium for the browser tests, installing one when the machine has none.

`make test` runs this first. It prints the browser's path on standard output (nothing when
there is none) and says on standard error which browser it chose and why:

1. the one named by $CHROMIUM, when it exists;
2. Debian's Chromium (`/usr/bin/chromium`, or `chromium` on the PATH);
3. Debian's Chromium installed now with apt-get, when this user may (root, or sudo without a
   password);
4. Playwright's own Chromium, downloaded now with `python -m playwright install chromium`.

When all four fail, the browser tests skip with a message (and fail under CI).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

DEBIAN = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
Runner = Callable[[Sequence[str]], bool]


def _say(text: str) -> None:
    print(f"browser tests: {text}", file=sys.stderr, flush=True)


def _run(command: Sequence[str]) -> bool:
    """Run a set-up command, its output shown; True when it succeeded."""
    try:
        return subprocess.run(list(command), stdout=sys.stderr, check=False).returncode == 0
    except OSError:
        return False


def debian_chromium() -> str | None:
    """Return an installed Debian Chromium, or None."""
    for path in DEBIAN:
        if Path(path).exists():
            return path
    return shutil.which("chromium") or shutil.which("chromium-browser")


def apt_prefix() -> list[str] | None:
    """Return how to run apt-get as root here ([] as root, ["sudo", "-n"]), or None."""
    if shutil.which("apt-get") is None:
        return None
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        return []
    if shutil.which("sudo") and _run(["sudo", "-n", "true"]):
        return ["sudo", "-n"]
    return None


def playwright_chromium() -> str | None:
    """Return Playwright's downloaded Chromium when it is on disk, or None."""
    try:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as pw:
            path = pw.chromium.executable_path
    except Exception:  # no driver or no browser: there is none to use
        return None
    return path if path and Path(path).exists() else None


def find_browser(
    run: Runner = _run,
    debian: Callable[[], str | None] = debian_chromium,
    apt: Callable[[], list[str] | None] = apt_prefix,
    bundled: Callable[[], str | None] = playwright_chromium,
) -> str | None:
    """Return the Chromium to use, installing one if need be; say which on standard error."""
    named = os.environ.get("CHROMIUM")
    if named and Path(named).exists():
        _say(f"using {named} (from $CHROMIUM)")
        return named
    found = debian()
    if found:
        _say(f"using Debian's Chromium at {found}")
        return found
    prefix = apt()
    if prefix is not None:
        _say("no Chromium here: installing Debian's chromium package with apt-get")
        env = ["env", "DEBIAN_FRONTEND=noninteractive"]
        if run([*prefix, "apt-get", "update", "-qq"]) and run(
            [*prefix, *env, "apt-get", "install", "-y", "-qq", "chromium"]
        ):
            found = debian()
            if found:
                _say(f"using Debian's Chromium at {found}")
                return found
        _say("apt-get could not install chromium")
    found = bundled()
    if found is None:
        _say("downloading Playwright's own Chromium (python -m playwright install chromium)")
        if run([sys.executable, "-m", "playwright", "install", "chromium"]):
            found = bundled()
    if found:
        _say(f"using Playwright's Chromium at {found}")
        return found
    _say("no Chromium could be found or installed: the browser tests will skip")
    return None


def main() -> int:
    print(find_browser() or "")
    return 0


if __name__ == "__main__":
    sys.exit(main())
