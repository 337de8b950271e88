"""Coach and client in a real browser, hosted mode, three signed-in users.

Client A invites the coach, the coach comments on A's draft, A sees and resolves it,
client B's data never reaches the coach, A revokes and the coach loses access.
"""

from __future__ import annotations

import json
import os
import urllib.request

import pytest

from infoview import sharing
from infoview.models import CallPlan, Contact, Outreach, PlanItem
from infoview.pg_store import PgStore, make_engine, migrate
from tests.e2e.harness import exception_texts, goto, wait_idle
from tests.e2e.hosted import hosted_server, sign_in


@pytest.fixture(scope="module")
def provider():
    """A local OpenID Connect provider whose users can carry a name claim."""
    from oidc_provider_mock import run_server_in_thread

    with run_server_in_thread(port=0) as server:
        yield f"http://127.0.0.1:{server.server_port}"


@pytest.fixture(scope="module")
def database(pg_cluster):
    url = pg_cluster.create_database("coach_browser")
    engine = make_engine(url)
    migrate(engine)  # the test writes the clients' first records before any server runs
    engine.dispose()
    return url


@pytest.fixture
def hosted(tmp_path, provider, database):
    server = hosted_server(tmp_path, provider, database)
    yield server
    server.stop()


def _name_user(provider: str, subject: str, name: str) -> None:
    body = json.dumps({"name": name, "email": f"{subject}@example.org"}).encode()
    request = urllib.request.Request(
        f"{provider}/users/{subject}", data=body, method="PUT",
        headers={"Content-Type": "application/json"},
    )  # fmt: skip
    with urllib.request.urlopen(request, timeout=10):
        pass


def _seed(store: PgStore, who: str, draft: str) -> Outreach:
    contact = store.save(
        Contact(full_name=f"{who} Contact", reason="We studied at the same school")
    )
    store.save(CallPlan(contact_id=contact.id, items=[PlanItem(text="What surprised you?")]))
    return store.save(Outreach(contact_id=contact.id, subject=draft, body="Hi, could we talk?"))


def _main(page) -> str:
    return page.locator("[data-testid='stMain']").inner_text()


def _share_tab(page, url: str) -> None:
    goto(page, f"{url}/Data")
    page.get_by_role("tab", name="Share").click()
    wait_idle(page)


def test_coach_and_two_clients(hosted, browser, provider, database, tmp_path):
    suffix = os.urandom(4).hex()
    subs = {who: f"{who}-{suffix}" for who in ("coach", "ada", "bea")}
    names = {"coach": "Coach Kim", "ada": "Ada Client", "bea": "Bea Other"}
    for who, sub in subs.items():
        _name_user(provider, sub, names[who])
    engine = make_engine(database)
    contexts = []
    try:
        ada_store = PgStore(engine, provider, subs["ada"])
        ada_ask = _seed(ada_store, "Ada's", "Coffee next week, Ada's draft?")
        _seed(PgStore(engine, provider, subs["bea"]), "Bea's", "Bea's private draft")
        pages = {}
        for who, width in (("coach", 1366), ("ada", 1366), ("bea", 390)):
            context = browser.new_context(viewport={"width": width, "height": 900})
            contexts.append(context)
            pages[who] = context.new_page()
            sign_in(pages[who], hosted.url, subs[who])
        coach, ada, bea = pages["coach"], pages["ada"], pages["bea"]

        # A makes an invitation code; nobody can see A's data yet
        _share_tab(ada, hosted.url)
        assert "Nobody: your data is yours alone." in _main(ada)
        ada.get_by_role("button", name="Make an invitation code").click()
        wait_idle(ada)
        code = ada.locator("[data-testid='stCode']").first.inner_text().strip()
        assert len(sharing.normalise_code(code)) == 12
        ada.screenshot(path=str(tmp_path / "share-tab.png"), full_page=True)

        # The coach follows the link, accepts, and sees A only
        goto(coach, f"{hosted.url}/Clients?invite={code}")
        assert "Nobody shares with you yet" in _main(coach)
        coach.get_by_role("button", name="Accept the invitation").click()
        coach.get_by_text("Coffee next week").first.wait_for()
        wait_idle(coach)
        shown = _main(coach)
        assert "Ada Client" in shown
        assert "Bea" not in shown and "private draft" not in shown

        # B, signed in at phone width, is not offered anyone's data either
        goto(bea, f"{hosted.url}/Clients")
        assert "Nobody shares with you yet" in _main(bea)
        assert "Ada" not in _main(bea)

        # The coach comments on A's draft
        box = coach.get_by_role("textbox", name="Your comment on this ask draft")
        box.fill("Lead with the *connection*, then cut it to 80 words.")
        coach.get_by_role("button", name="Add comment").first.click()
        coach.get_by_text("Open · written").first.wait_for()
        wait_idle(coach)
        coach.screenshot(path=str(tmp_path / "clients-1366.png"), full_page=True)
        coach.set_viewport_size({"width": 390, "height": 844})
        wait_idle(coach)
        coach.screenshot(path=str(tmp_path / "clients-390.png"), full_page=True)
        coach.set_viewport_size({"width": 1366, "height": 900})

        # A sees it on Home and beside the draft, and marks it done
        goto(ada, hosted.url)
        ada.get_by_text("From your coach (1)").wait_for()
        assert "Lead with the *connection*, then cut it to 80 words." in _main(ada)
        ada.screenshot(path=str(tmp_path / "home-comment.png"), full_page=True)
        goto(ada, f"{hosted.url}/Ask?contact={ada_ask.contact_id}")
        assert "Lead with the *connection*" in _main(ada)
        ada.get_by_role("button", name="Mark done").click()
        ada.get_by_text("(0 open)").wait_for()
        assert [c.done for c in sharing.comments_for(ada_store)] == [True]

        # The coach sees it done
        goto(coach, f"{hosted.url}/Clients")
        coach.get_by_text("Done · written").first.wait_for()

        # A revokes in one click; the coach's next page run has nothing of A's
        _share_tab(ada, hosted.url)
        assert "Coach Kim" in _main(ada)
        ada.get_by_role("button", name="Stop sharing").click()
        ada.get_by_text("Nobody: your data is yours alone.").wait_for()
        goto(coach, f"{hosted.url}/Clients")
        assert "Nobody shares with you yet" in _main(coach)
        assert "Coffee next week" not in coach.inner_text("body")
        assert "Ada Client" not in coach.inner_text("body")
        for page in pages.values():
            assert exception_texts(page) == []
    finally:
        for context in contexts:
            context.close()
        engine.dispose()
