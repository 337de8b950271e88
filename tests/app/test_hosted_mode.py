"""Hosted mode through AppTest: signed out, signed in, other users' ids, delete my account."""

from __future__ import annotations

import os

import pytest
from sqlalchemy import Column, MetaData, String, Table, update
from streamlit.testing.v1 import AppTest

from infoview.models import Contact
from infoview.pg_store import PgStore, make_engine, migrate
from infoview.ui import pages, setup
from tests.conftest import ROOT

ISSUER = "https://issuer.test"
AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "a-test-secret-long-enough",
    "client_id": "c",
    "client_secret": "s",
    "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
}


@pytest.fixture
def hosted(data_dir, monkeypatch, pg_engine):
    monkeypatch.setenv("INFOVIEW_DATABASE_URL", pg_engine.url.render_as_string(False))

    def refuse(path):
        raise AssertionError("hosted mode must not open the local data file")

    monkeypatch.setattr(setup, "_shared_store", refuse)
    return pg_engine


def _user(subject: str | None = None, **claims) -> dict:
    if subject is None:
        return {"is_logged_in": False}
    return {"is_logged_in": True, "iss": ISSUER, "sub": subject, "name": "Sam", **claims}


def _open(user: dict, page: str | None = None, **query: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.secrets["auth"] = AUTH
    at.user = user
    at.run()
    if page:
        for key, value in query.items():
            at.query_params[key] = value
        at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def _subject() -> str:
    return f"user-{os.urandom(4).hex()}"


def test_signed_out_visitor_sees_the_welcome_and_sign_in_only(hosted):
    at = _open(_user())
    assert [b.label for b in at.button] == ["Sign in"]
    assert at.get("page_link") == []  # no menu
    assert "Sign in to find your own contacts" in at.markdown[0].value
    research = _open(_user(), pages.RESEARCH.path, contact="new")
    assert [b.label for b in research.button] == ["Sign in"]
    assert research.text_input.len == 0


def test_signed_in_user_gets_their_own_store(hosted):
    subject = _subject()
    PgStore(hosted, ISSUER, subject).save(Contact(full_name="Ana Ruiz"))
    at = _open(_user(subject), pages.RESEARCH.path)
    assert "1 of 1 contact" in " ".join(c.value for c in at.caption)
    assert any("Signed in as Sam" in c.value for c in at.sidebar.caption)
    assert "Sign out" in [b.label for b in at.sidebar.button]


def test_another_users_contact_id_is_not_found(hosted):
    theirs = PgStore(hosted, ISSUER, _subject()).save(Contact(full_name="Not Yours"))
    mine = _subject()
    PgStore(hosted, ISSUER, mine).save(Contact(full_name="Ana Ruiz"))
    at = _open(_user(mine), pages.CONTACT.path, contact=theirs.id)
    assert "no longer exists" in at.warning[0].value
    shown = " ".join(str(e.value) for e in at.markdown) + " ".join(e.value for e in at.caption)
    assert "Not Yours" not in shown


def test_the_same_subject_from_another_issuer_is_someone_else(hosted):
    subject = _subject()
    PgStore(hosted, ISSUER, subject).save(Contact(full_name="Ana Ruiz"))
    at = _open(_user(subject, iss="https://another-issuer.test"), pages.RESEARCH.path)
    assert "Ana Ruiz" not in " ".join(str(e.value) for e in at.selectbox)
    assert PgStore(hosted, "https://another-issuer.test", subject).contacts() == []


def test_a_sign_in_without_issuer_and_subject_is_refused(hosted):
    at = _open({"is_logged_in": True, "email": "sam@example.com"})
    assert "did not say who you are" in at.error[0].value
    assert [b.label for b in at.button] == ["Sign out"]


def test_unreachable_database_is_explained(data_dir, monkeypatch, tmp_path):
    monkeypatch.setenv("INFOVIEW_DATABASE_URL", f"postgresql://x@/none?host={tmp_path}&port=1")
    at = _open(_user(_subject()))
    assert "cannot open your data right now" in at.title[0].value
    assert "could not be prepared" in at.error[0].value


def test_a_database_from_a_newer_infoview_is_refused(data_dir, monkeypatch, pg_cluster):
    url = pg_cluster.create_database(f"newer_{os.urandom(3).hex()}")
    engine = make_engine(url)
    migrate(engine)
    version = Table("alembic_version", MetaData(), Column("version_num", String))
    with engine.begin() as conn:
        conn.execute(update(version).values(version_num="0999"))
    engine.dispose()
    monkeypatch.setenv("INFOVIEW_DATABASE_URL", url)
    at = _open(_user(_subject()))
    assert "newer InfoView" in at.error[0].value


def test_your_data_says_where_data_lives_and_deletes_the_account(hosted):
    subject = _subject()
    PgStore(hosted, ISSUER, subject).save(Contact(full_name="Ana Ruiz"))
    at = _open(_user(subject), pages.DATA.path)
    assert "in this InfoView's database" in at.markdown[0].value
    at.session_state["dt_tab"] = "Delete all"
    at.run()
    typed = next(w for w in at.text_input if w.key == "dt_account_typed")
    typed.set_value("delete my account")
    label = "Delete my account and all my data"
    next(b for b in at.button if b.label == label).click().run()
    assert "Nothing was deleted" in at.error[0].value
    assert len(PgStore(hosted, ISSUER, subject).contacts()) == 1
    typed = next(w for w in at.text_input if w.key == "dt_account_typed")
    typed.set_value("DELETE MY ACCOUNT")
    next(b for b in at.button if b.label == label).click().run()
    assert at.user == {"is_logged_in": False}  # signed out
    assert PgStore(hosted, ISSUER, subject).contacts() == []
