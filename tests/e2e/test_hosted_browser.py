"""Hosted mode in a real browser: sign in with OpenID Connect, each user sees only their data."""

from __future__ import annotations

import os

import pytest
from sqlalchemy import func, select

from infoview.io.backup import read_backup
from infoview.models import Contact
from infoview.pg_store import PgStore, make_engine, users
from infoview.store import FILE_NAME, Store
from tests.e2e.harness import Server, exception_texts, free_port, goto, wait_idle
from tests.e2e.hosted import hosted_server, sign_in, sign_out, write_secrets
from tests.e2e.test_research_browser import add_contact


@pytest.fixture(scope="module")
def provider():
    """A local OpenID Connect provider: any client id and secret, its form takes the sub."""
    from oidc_provider_mock import run_server_in_thread

    with run_server_in_thread(port=0) as server:
        yield f"http://127.0.0.1:{server.server_port}"


@pytest.fixture(scope="module")
def database(pg_cluster):
    return pg_cluster.create_database("hosted_browser")


@pytest.fixture
def hosted(tmp_path, provider, database):
    server = hosted_server(tmp_path, provider, database)
    yield server
    server.stop()


def _main_text(page) -> str:
    return page.locator("[data-testid='stMain']").inner_text()


def test_signed_out_visitor_sees_only_the_welcome_and_sign_in(hosted, page):
    goto(page, hosted.url)
    assert page.get_by_role("button", name="Sign in").count() == 1
    assert "Sign in to find your own contacts" in _main_text(page)
    assert page.locator("[data-testid='stSidebar'] a").count() == 0  # no menu
    goto(page, f"{hosted.url}/Research")
    assert "Save contact" not in page.inner_text("body")
    assert page.get_by_role("button", name="Sign in").count() == 1
    assert exception_texts(page) == []


def test_two_users_never_see_each_others_data(hosted, browser, provider, database, tmp_path):
    alice = browser.new_context(viewport={"width": 1366, "height": 900}).new_page()
    bob = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    suffix = os.urandom(4).hex()  # a rerun must not find the first try's contacts
    alice_sub, bob_sub = f"alice-{suffix}", f"bob-{suffix}"
    try:
        sign_in(alice, hosted.url, alice_sub)
        add_contact(alice, hosted.url, "Amara Okafor", "She moved into science policy.")
        sign_in(bob, hosted.url, bob_sub)
        add_contact(bob, hosted.url, "Bruno Diaz", "He runs the lab I want to join next.")

        goto(alice, f"{hosted.url}/Research")
        assert "1 of 1 contact" in alice.inner_text("body")
        goto(bob, f"{hosted.url}/Research")
        assert "1 of 1 contact" in bob.inner_text("body")
        assert "Amara" not in bob.inner_text("body")

        # Alice's contact id typed into Bob's address bar is simply not there for him.
        engine = make_engine(database)
        amara = PgStore(engine, provider, alice_sub).contacts()[0]
        engine.dispose()
        goto(bob, f"{hosted.url}/Contact?contact={amara.id}")
        assert "Amara" not in bob.inner_text("body")
        goto(bob, f"{hosted.url}/Ask?contact={amara.id}")
        assert "Amara" not in bob.inner_text("body")
        assert exception_texts(bob) == []
        bob.screenshot(path=str(tmp_path / "hosted-bob-390.png"), full_page=True)

        # Signing out leaves the welcome; signing in again finds the network where it was.
        sign_out(alice, hosted.url)
        assert "Amara" not in alice.inner_text("body")
        sign_in(alice, hosted.url, alice_sub)
        goto(alice, f"{hosted.url}/Research")
        assert "1 of 1 contact" in alice.inner_text("body")
        alice.screenshot(path=str(tmp_path / "hosted-alice.png"), full_page=True)
    finally:
        alice.context.close()
        bob.context.close()


def test_your_data_imports_a_local_file_backs_up_and_deletes_the_account(
    hosted, page, provider, database, tmp_path
):
    local = Store.in_dir(tmp_path / "laptop")  # InfoView on the user's own computer
    for name in ("Lena Park", "Omar Haddad"):
        local.save(Contact(full_name=name))
    subject = f"carol-{os.urandom(4).hex()}"
    sign_in(page, hosted.url, subject)

    goto(page, f"{hosted.url}/Data")
    assert "in this InfoView's database" in _main_text(page)
    page.get_by_role("tab", name="Restore").click()
    wait_idle(page)
    page.locator("[data-testid='stFileUploader'] input[type='file']").first.set_input_files(
        str(tmp_path / "laptop" / FILE_NAME)
    )
    page.get_by_role("button", name="Merge this backup in").click()
    wait_idle(page)
    engine = make_engine(database)
    try:
        names = {c.full_name for c in PgStore(engine, provider, subject).contacts()}
        assert names == {"Lena Park", "Omar Haddad"}

        page.get_by_role("tab", name="Export").click()
        with page.expect_download() as download:
            page.get_by_role("button", name="Download JSON backup").click()
        with open(download.value.path(), "rb") as handle:
            assert read_backup(handle.read()).counts()["contacts"] == 2

        page.get_by_role("tab", name="Delete all").click()
        wait_idle(page)
        page.get_by_role("textbox", name="Type DELETE MY ACCOUNT to confirm").fill("delete")
        page.get_by_role("button", name="Delete my account and all my data").click()
        page.get_by_text("Nothing was deleted").wait_for()
        assert len(PgStore(engine, provider, subject).contacts()) == 2
        page.screenshot(path=str(tmp_path / "hosted-data.png"), full_page=True)

        box = page.get_by_role("textbox", name="Type DELETE MY ACCOUNT to confirm")
        box.fill("DELETE MY ACCOUNT")
        page.get_by_role("button", name="Delete my account and all my data").click()
        page.get_by_role("button", name="End session").click()  # signed out at the provider
        page.get_by_role("button", name="Sign in").wait_for()
        with engine.connect() as conn:
            left = conn.execute(
                select(func.count())
                .select_from(users)
                .where(users.c.issuer == provider, users.c.subject == subject)
            ).scalar_one()
        assert left == 0
        assert exception_texts(page) == []
    finally:
        engine.dispose()


def test_two_servers_behind_the_proxy_share_one_database(tmp_path, browser, provider, database):
    from tests.e2e.proxy import INSTALL_HINT, Proxy, nginx_path

    if nginx_path() is None:
        if os.environ.get("CI"):
            pytest.fail("nginx is missing in CI: the proxy test must run, not skip")
        pytest.skip(f"no nginx on this machine ({INSTALL_HINT})")
    proxy_port = free_port()
    public = f"http://localhost:{proxy_port}"
    home = tmp_path / "home"  # both servers read the same secrets: one cookie_secret
    write_secrets(home, public, provider, database)
    servers = [Server(tmp_path / f"server{n}" / "data", env={"HOME": str(home)}) for n in (1, 2)]
    proxy = Proxy(tmp_path / "nginx", [])
    pages = []
    try:
        for server in servers:
            server.start()
        proxy.upstream_ports = [server.port for server in servers]
        proxy.start(proxy_port)
        # One affinity cookie per app server, so each browser is pinned to a different one.
        pinned: dict[str, str] = {}
        for n in range(200):
            pinned.setdefault(proxy.upstream_for(f"t{n}"), f"t{n}")
            if len(pinned) == 2:
                break
        assert sorted(pinned) == sorted(f"127.0.0.1:{s.port}" for s in servers)
        for affinity in pinned.values():
            context = browser.new_context(viewport={"width": 1366, "height": 900})
            context.add_cookies([{"name": "infoview_server", "value": affinity, "url": public}])
            pages.append(context.new_page())
        one, two = pages
        subject = f"dana-{os.urandom(4).hex()}"
        sign_in(one, public, subject)
        add_contact(one, public, "Noor Rahman", "She started the clinic's data team.")
        sign_in(two, public, subject)
        goto(two, f"{public}/Research")
        assert "1 of 1 contact" in two.inner_text("body")  # written through the other server
        add_contact(two, public, "Ines Moreau", "She teaches the course I want to take.")
        goto(one, f"{public}/Research")
        assert "2 of 2 contacts" in one.inner_text("body")
        for page, affinity in zip(pages, pinned.values(), strict=True):
            cookies = {c["name"]: c["value"] for c in page.context.cookies()}
            assert cookies["infoview_server"] == affinity  # still pinned after the sign-in
            assert exception_texts(page) == []
        access = (tmp_path / "nginx" / "access.log").read_text()
        assert "/oauth2callback" in access
    finally:
        for page in pages:
            page.context.close()
        proxy.stop()
        for server in servers:
            server.stop()
