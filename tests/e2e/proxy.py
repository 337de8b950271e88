"""Run deploy/nginx/infoview.conf in a private nginx in front of test app servers."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path

from tests.e2e.harness import ROOT, free_port

DEPLOY_CONF = ROOT / "deploy" / "nginx" / "infoview.conf"
INSTALL_HINT = "apt-get install -y nginx"


def nginx_path() -> str | None:
    """Return the nginx binary, or None when it is not installed."""
    for candidate in (shutil.which("nginx"), "/usr/sbin/nginx"):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def site_config(upstream_ports: list[int], listen_port: int) -> str:
    """Return the deploy config with its upstream servers and listen port set for a test."""
    text = DEPLOY_CONF.read_text(encoding="utf-8")
    servers = "".join(f"    server 127.0.0.1:{port};\n" for port in upstream_ports)
    text, found = re.subn(r"(    server 127\.0\.0\.1:\d+;\n)+", servers, text)
    assert found == 1, "the deploy config's upstream block has changed shape"
    text, found = re.subn(r"listen 80;", f"listen 127.0.0.1:{listen_port};", text)
    assert found == 1, "the deploy config's listen line has changed shape"
    return text


class Proxy:
    """A private nginx (own prefix folder, own port) serving the deploy config."""

    def __init__(self, folder: Path, upstream_ports: list[int]):
        self.folder = folder
        self.upstream_ports = upstream_ports
        self.port = 0
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://localhost:{self.port}"

    def start(self, port: int | None = None) -> Proxy:
        self.port = port or free_port()
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / "infoview.conf").write_text(site_config(self.upstream_ports, self.port))
        user = "user root;\n" if os.geteuid() == 0 else ""
        temp = "".join(
            f"  {kind}_temp_path {self.folder}/{kind};\n"
            for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        (self.folder / "nginx.conf").write_text(
            f"{user}worker_processes 1;\npid {self.folder}/nginx.pid;\n"
            f"error_log {self.folder}/error.log;\nevents {{ worker_connections 512; }}\n"
            f"http {{\n  access_log {self.folder}/access.log;\n{temp}"
            f"  include {self.folder}/infoview.conf;\n}}\n"
        )
        cmd = [nginx_path() or "nginx", "-p", str(self.folder), "-c",
               str(self.folder / "nginx.conf"), "-g", "daemon off;"]  # fmt: skip
        log = open(self.folder / "stderr.log", "ab")  # noqa: SIM115 - lives as long as nginx
        self.proc = subprocess.Popen(cmd, stdout=log, stderr=log)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                break
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2):
                    return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"nginx did not start: {(self.folder / 'stderr.log').read_text()}")

    def upstream_for(self, affinity: str) -> str:
        """Return which app server answers a browser holding this affinity cookie."""
        request = urllib.request.Request(
            f"{self.url}/_stcore/health", headers={"Cookie": f"infoview_server={affinity}"}
        )
        with urllib.request.urlopen(request, timeout=10) as resp:
            return resp.headers["X-InfoView-Upstream"]

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        self.proc = None
