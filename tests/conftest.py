"""Shared fixtures: a fresh data folder per test and clean Streamlit caches."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    """Point InfoView at an empty data folder for this test."""
    folder = tmp_path / "data"
    monkeypatch.setenv("INFOVIEW_DATA_DIR", str(folder))
    monkeypatch.delenv("INFOVIEW_DEMO", raising=False)
    return folder
