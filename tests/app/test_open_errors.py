"""A store that cannot be opened (busy lock, unwritable folder) is a message, not a traceback."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from infoview.store import StoreWriteError
from infoview.ui import setup
from tests.conftest import ROOT


@pytest.mark.parametrize(
    "error",
    [
        StoreWriteError("the data file is busy in another program; try again in a moment"),
        PermissionError(13, "Permission denied"),
    ],
)
def test_an_unopenable_store_shows_a_friendly_page(data_dir, monkeypatch, error):
    def refuse(path):
        raise error

    monkeypatch.setattr(setup, "_shared_store", refuse)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception
    assert at.title[0].value == "InfoView cannot open your data right now"
    assert "Nothing was changed" in at.error[0].value
