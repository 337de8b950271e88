"""Start `streamlit run` on a free port and drive it with Playwright in Debian's Chromium."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"


def chromium_path() -> str | None:
    """Return the Chromium binary to drive, or None when there is none."""
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def free_port() -> int:
    """Return a TCP port nobody is listening on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """A running `streamlit run app.py` with its own data folder."""

    def __init__(self, data_dir: Path, env: dict[str, str] | None = None, cwd: Path = ROOT):
        self.data_dir = data_dir
        self.extra_env = env or {}
        self.cwd = cwd
        self.port = 0
        self.proc: subprocess.Popen[bytes] | None = None
        self.log = data_dir.parent / f"streamlit-{data_dir.name}.log"
        data_dir.parent.mkdir(parents=True, exist_ok=True)

    @property
    def url(self) -> str:
        return f"http://localhost:{self.port}"

    def start(self, port: int | None = None) -> Server:
        self.port = port or free_port()
        env = {**os.environ, "INFOVIEW_DATA_DIR": str(self.data_dir), **self.extra_env}
        cmd = [
            sys.executable, "-m", "streamlit", "run", "app.py",
            "--server.headless", "true", "--server.port", str(self.port),
            "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
        ]  # fmt: skip
        with open(self.log, "ab") as log:
            self.proc = subprocess.Popen(cmd, cwd=self.cwd, env=env, stdout=log, stderr=log)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as resp:
                    if resp.read().decode() == "ok":
                        return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"streamlit did not start; log:\n{self.log.read_text()}")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        self.proc = None


@contextmanager
def running_server(data_dir: Path, env: dict[str, str] | None = None):
    """Run a server for the duration of a with-block."""
    server = Server(data_dir, env).start()
    try:
        yield server
    finally:
        server.stop()


def wait_idle(page, timeout: float = 30_000) -> None:
    """Wait until the script run has finished and nothing is still loading."""
    page.wait_for_selector(IDLE, state="attached", timeout=timeout)
    page.wait_for_function(
        "() => document.querySelectorAll('[data-testid=\"stSkeleton\"]').length === 0",
        timeout=timeout,
    )
    # A rerun set off by the last action may start a moment later on a loaded machine.
    page.wait_for_timeout(300)
    page.wait_for_selector(IDLE, state="attached", timeout=timeout)


def goto(page, url: str) -> None:
    """Open a URL and wait for the app to be idle."""
    page.goto(url)
    page.wait_for_selector("[data-testid='stApp']", timeout=30_000)
    wait_idle(page)


def exception_texts(page) -> list[str]:
    """Return the text of every exception box on the page."""
    return [el.inner_text() for el in page.query_selector_all("[data-testid='stException']")]
