"""Every page in a real browser, with hostile text in every field: shown, never run.

The data file is written before the server starts, so the text goes through no form at
all: each page has to escape what it reads from the store. No page may show an exception,
put an <img>, a javascript: link or a <script> made from user text into the page, or run
any of the scripts (window.__x, __y and __z stay undefined).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from infoview.models import (
    CallPlan,
    Contact,
    Conversation,
    Outreach,
    PlanItem,
    Profile,
    UserTemplate,
)
from infoview.questions import add_question, default_plan
from infoview.store import Store
from infoview.ui import pages
from tests.e2e.harness import Server, exception_texts, goto

SCRIPT = "<script>window.__x=1</script>"
IMG = '<img src=x onerror="window.__y=1">'
LINK = "[click](javascript:window.__z=1)"
PICTURE = "![i](http://127.0.0.1:9/p.png)"
ALL = f"{SCRIPT} {IMG} {LINK} {PICTURE}"


def _seed(data_dir: Path) -> Contact:
    store = Store.in_dir(data_dir)
    store.save(
        Profile(
            name=f"Sam {SCRIPT}"[:120],
            signature=ALL,
            current_role=IMG,
            past=ALL,
            present=ALL,
            future=ALL,
            goals=ALL,
        )
    )
    boss = store.save(Contact(full_name=f"Boss {IMG}", organization=PICTURE))
    contact = store.save(
        Contact(
            full_name=f"Ada {SCRIPT} {IMG}",
            organization=f"{LINK} {PICTURE}",
            title=IMG,
            field=LINK,
            reason=ALL,
            common_ground=ALL,
            notes=ALL,
            previous_employers=[SCRIPT, IMG, LINK, PICTURE],
            education=[PICTURE],
            tags=["<b>tag</b>"],
            referred_by=boss.id,
            joined_on=date.today() - timedelta(days=40),
        )
    )
    store.save(
        Outreach(
            contact_id=contact.id,
            topics=[SCRIPT, LINK],
            subject=f"Hello {IMG}",
            body=ALL,
            planned_send=date.today() - timedelta(days=10),
        )
    )
    items = add_question(default_plan("industry", 15), PlanItem(text=ALL, minutes=1))
    store.save(CallPlan(contact_id=contact.id, minutes=20, items=items))
    store.save(
        Conversation(
            contact_id=contact.id,
            scheduled_at=datetime.now(UTC) - timedelta(days=2),
            insights=ALL,
            advice=ALL,
            next_steps=ALL,
            reflection=ALL,
            offered=[SCRIPT, PICTURE],
        )
    )
    store.save(UserTemplate(name=f"Mine {SCRIPT}", subject=IMG, body=ALL))
    return contact


def _pages(contact_id: str) -> list[str]:
    urls = []
    for item in pages.available():
        urls.append(item.url_path)
        if item is pages.RESEARCH or item.takes_contact:
            urls.append(f"{item.url_path}?contact={contact_id}")
    if pages.available((pages.CONTACT,)):
        urls.append(f"{pages.CONTACT.url_path}?contact={contact_id}")
    return urls


@pytest.fixture(scope="module")
def seeded_server(tmp_path_factory):
    data = tmp_path_factory.mktemp("hostile") / "data"
    contact = _seed(data)  # before the server starts: no form ever saw this text
    server = Server(data).start()
    yield server, contact
    server.stop()


def test_hostile_text_is_shown_literally_on_every_page(seeded_server, page):
    server, contact = seeded_server
    visited = []
    for path in _pages(contact.id):
        goto(page, f"{server.url}/{path}")
        where = f"page /{path}"
        assert exception_texts(page) == [], where
        main = page.locator("[data-testid='stMain']")
        sources = [img.get_attribute("src") or "" for img in main.locator("img").all()]
        assert not [s for s in sources if s == "x" or "127.0.0.1:9" in s], (where, sources)
        assert page.locator("a[href^='javascript:' i]").count() == 0, where
        scripts = page.evaluate(
            "() => [...document.scripts].filter(s => s.textContent.includes('window.__')).length"
        )
        assert scripts == 0, where
        ran = page.evaluate("() => [window.__x, window.__y, window.__z]")
        assert ran == [None, None, None], where
        assert not page.locator("[data-testid='stMain'] [onerror]").count(), where
        visited.append(path)
    assert "" in visited and "Research" in visited
    assert len(visited) >= 3
    page.screenshot(path=str(Path(server.data_dir).parent / "hostile-last.png"), full_page=True)


def test_hostile_name_is_visible_as_text(seeded_server, page):
    server, contact = seeded_server
    goto(page, f"{server.url}/Research?contact={contact.id}")
    text = page.locator("[data-testid='stMain']").inner_text()
    assert "<script>window.__x=1</script>" in text  # shown, as typed
    assert page.evaluate("() => window.__x") is None
