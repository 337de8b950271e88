"""Shared fixtures: a fresh data folder per test and clean Streamlit caches."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parents[1]


settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    # CI must be repeatable: the same examples every run (locally they stay random).
    settings.load_profile("ci")


@pytest.fixture(autouse=True)
def private_home(tmp_path_factory, monkeypatch):
    """Never let a test reach the real ~/.infoview, whatever it patches or undoes."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    if not os.environ.get("INFOVIEW_DATA_DIR"):
        monkeypatch.setenv("INFOVIEW_DATA_DIR", str(home / ".infoview"))


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    """Point InfoView at an empty data folder for this test."""
    folder = tmp_path / "data"
    monkeypatch.setenv("INFOVIEW_DATA_DIR", str(folder))
    monkeypatch.delenv("INFOVIEW_DEMO", raising=False)
    return folder


@pytest.fixture(scope="session")
def pg_cluster():
    """A throwaway PostgreSQL cluster for this test run (skipped without PostgreSQL, not in CI)."""
    from tests import pgcluster

    if not pgcluster.available():
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL is missing in CI: hosted-mode tests must run, not skip")
        pytest.skip(f"no PostgreSQL on this machine ({pgcluster.INSTALL_HINT})")
    cluster = pgcluster.Cluster().start()
    yield cluster
    cluster.stop()


@pytest.fixture(scope="session")
def pg_engine(pg_cluster):
    """An engine on a migrated database shared by this run's tests (each uses its own user)."""
    from infoview.pg_store import make_engine, migrate

    engine = make_engine(pg_cluster.create_database("infoview_tests"))
    migrate(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def pg_user(request):
    """A sign-in identity no other test uses: (issuer, subject)."""
    return ("https://issuer.test", f"{request.node.nodeid}-{os.urandom(4).hex()}")
