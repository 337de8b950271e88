"""AppTest fixtures: each test gets its own data folder and empty Streamlit caches."""

from __future__ import annotations

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from infoview.store import Store
from tests.conftest import ROOT


@pytest.fixture(autouse=True)
def clean_caches():
    st.cache_resource.clear()
    st.cache_data.clear()
    yield
    st.cache_resource.clear()
    st.cache_data.clear()


@pytest.fixture
def store(data_dir):
    """A store on the test's data folder, as the app opens it."""
    return Store.in_dir(data_dir)


@pytest.fixture
def app(data_dir):
    """Return a function that opens a page of the app (Home when no page is given)."""

    def open_page(page: str | None = None, **query: str) -> AppTest:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        at.run()
        assert not at.exception, at.exception
        if page:
            for key, value in query.items():
                at.query_params[key] = value
            at.switch_page(page)
            at.run()
        return at

    return open_page
