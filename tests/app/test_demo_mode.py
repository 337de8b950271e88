"""Demo mode: every session gets its own sample data in memory; nothing is shared or written."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from infoview.io.backup import export_json
from infoview.models import Contact
from infoview.store import Store
from infoview.ui import pages, setup
from tests.conftest import ROOT

RESEARCH = pages.RESEARCH.path


@pytest.fixture
def demo(data_dir, monkeypatch):
    monkeypatch.setenv("INFOVIEW_DEMO", "1")

    def refuse(path):
        raise AssertionError("demo mode must not open the shared store")

    monkeypatch.setattr(setup, "_shared_store", refuse)
    return data_dir


def _session() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    return at


def _store(at: AppTest):
    return at.session_state[setup._DEMO_STORE]


def test_each_session_has_its_own_sample_data_and_nothing_is_written(demo):
    first, second = _session(), _session()
    assert "Demo" in first.markdown[0].value
    seeded = _store(first).count("contacts")
    assert seeded > 40

    first.query_params["contact"] = "new"
    first.switch_page(RESEARCH).run()
    next(w for w in first.text_input if w.key == "rc_full_name").set_value("Only In Tab One")
    next(w for w in first.text_area if w.key == "rc_reason").set_value(
        "You run the lab I read about"
    )
    next(b for b in first.button if b.label == "Save contact").click().run()
    assert not first.exception
    assert _store(first).count("contacts") == seeded + 1

    second.switch_page(RESEARCH).run()
    names = {c.full_name for c in _store(second).contacts()}
    assert "Only In Tab One" not in names
    assert _store(second).count("contacts") == seeded
    assert not demo.exists() or not any(demo.rglob("*"))


def test_reset_demo_starts_over(demo):
    at = _session()
    store = _store(at)
    store.delete_contact(store.contacts()[0].id)
    # "Reset demo" only opens a question; nothing is thrown away until it is answered.
    assert "Reset demo" not in [b.label for b in at.button]
    (question,) = [p for p in at.get("popover") if p.proto.popover.label == "Reset demo"]
    assert "Everything you changed in this tab is lost" in question.markdown[0].value
    assert _store(at) is store
    next(b for b in at.button if b.label == "Yes, start over").click().run()
    assert _store(at) is not store
    assert _store(at).count("contacts") == store.count("contacts") + 1


def test_local_mode_without_secrets_file_is_not_demo(data_dir):
    at = _session()
    assert not any("Demo" in m.value for m in at.markdown)


def test_local_mode_reached_over_the_network_warns_about_sharing(data_dir, monkeypatch):
    monkeypatch.setattr(setup, "is_remote_visitor", lambda: True)
    at = _session()
    assert any("every visitor shares one data file" in w.value for w in at.warning)


def test_local_mode_on_this_machine_does_not_warn(data_dir):
    at = _session()
    assert not any("every visitor shares" in w.value for w in at.warning)


def test_a_replacing_restore_in_the_demo_does_not_promise_a_backup(demo):
    small = Store(None)
    small.save(Contact(full_name="Only One"))
    at = _session()
    at.session_state["dt_tab"] = "Restore"
    at.switch_page(pages.DATA.path).run()
    at.file_uploader[0].upload("backup.json", export_json(small), "application/json").run()
    at.radio(key="dt_restore_mode").set_value("replace").run()
    assert not at.exception, at.exception
    (warning,) = [w.value for w in at.warning if "Replacing removes" in w.value]
    assert "backed up first" not in warning
    assert "The demo makes no backup of its own" in warning
