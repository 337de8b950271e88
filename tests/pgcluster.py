"""A throwaway PostgreSQL cluster for tests: initdb into a temp folder, a Unix socket only."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

INSTALL_HINT = "apt-get install -y postgresql (PostgreSQL 15 or newer)"


def _binary(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    for folder in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (folder / name).exists():
            return str(folder / name)
    return None


def available() -> bool:
    """True when initdb and pg_ctl are on this machine."""
    return _binary("initdb") is not None and _binary("pg_ctl") is not None


class Cluster:
    """A private PostgreSQL server on a socket in its own folder, stopped by ``stop()``."""

    def __init__(self, fsync: bool = False) -> None:
        self.fsync = fsync  # tests skip fsync for speed; the bench keeps it, as production does
        self.folder = Path(tempfile.mkdtemp(prefix="iv-pg-"))
        self.data = self.folder / "data"
        self.port = 5432  # only names the socket file; nothing listens on TCP
        self._as_root = os.geteuid() == 0

    def _run(self, *args: str) -> subprocess.CompletedProcess[str]:
        cmd = list(args)
        if self._as_root:
            # PostgreSQL refuses to run as root: hand the folder to the postgres user.
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        return subprocess.run(cmd, capture_output=True, text=True, check=True, timeout=120)

    def start(self) -> Cluster:
        """Create the cluster and start it; return self."""
        if self._as_root:
            shutil.chown(self.folder, "postgres", "postgres")
        self._run(_binary("initdb"), "-D", str(self.data), "-A", "trust", "-U", "infoview",
                  "-E", "UTF8", "--no-sync")  # fmt: skip
        options = (
            f"-p {self.port} -k {self.folder} -c listen_addresses='' "
            f"-c fsync={'on' if self.fsync else 'off'} "
            "-c max_connections=200"
        )
        self._run(_binary("pg_ctl"), "-D", str(self.data), "-o", options, "-w", "-l",
                  str(self.folder / "server.log"), "start")  # fmt: skip
        return self

    def url(self, database: str = "postgres") -> str:
        """Return a SQLAlchemy URL for ``database`` on this cluster."""
        return f"postgresql+psycopg://infoview@/{database}?host={self.folder}&port={self.port}"

    def create_database(self, name: str) -> str:
        """Create an empty database and return its URL."""
        import psycopg

        with psycopg.connect(
            host=str(self.folder), port=self.port, user="infoview", dbname="postgres",
            autocommit=True,
        ) as conn:  # fmt: skip
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        """Stop the server and remove its folder."""
        with contextlib.suppress(subprocess.CalledProcessError):
            self._run(_binary("pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")
        deadline = time.monotonic() + 10
        while (self.folder / f".s.PGSQL.{self.port}").exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        shutil.rmtree(self.folder, ignore_errors=True)
