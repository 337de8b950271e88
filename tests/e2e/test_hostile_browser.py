"""The hostile sweep: every text field of every record holds hostile text; nothing but text shows.

The data file is written before the server starts (no form saw the text). Every page of the
registry is visited, with and without a contact, every tab and expander opened, and a toast
set off by saving a contact whose name is hostile. Nothing made from user text may appear: no
image, no link to where a value points, no script, no KaTeX maths, no bold from raw HTML; no
request may leave the server's origin; no exception shows; and sample values read literally.
"""

from __future__ import annotations

import re
import typing
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from pydantic import BaseModel, ValidationError

from infoview.models import (
    CallPlan,
    Contact,
    Conversation,
    KeptApart,
    MergeRecord,
    Outreach,
    PlanItem,
    Profile,
    QuestionNote,
    Rhythm,
    SkillTranslation,
    Target,
    TouchBase,
    UserTemplate,
)
from infoview.store import Store
from infoview.ui import pages
from tests.e2e.harness import ROOT, Server, exception_texts, goto, wait_idle

RLO, PDF = "\u202e", "\u202c"
HOSTILE = (
    "![pic](http://127.0.0.1:9/t.png)",
    "[link](http://127.0.0.1:9/l) <img src=x onerror=window.__y=1><b>bold</b>",
    "<script>window.__x=1</script>",
    "[js](javascript:window.__z=1)",
    "see http://127.0.0.1:9/auto or www.evil.example or a@b.example",
    "$x^2$ and $$y_1$$",
    f"Zed {RLO}live{PDF} override",
    "🦄 emoji 👩‍💻 text",
    "مرحبا שלום RTL",
    "{{ ''.__class__ }} {% if %}",
    "x" * 10_000,
)
# Fields that hold ids, codes or formats, not free text.
NOT_TEXT = {"id", "contact_id", "referred_by", "keep_id", "other_id", "a_id", "b_id", "country",
            "timezone", "email", "kind", "question_id", "template", "fields", "key"}  # fmt: skip
CUTS = (10_000, 5_000, 1_000, 200, 120, 80, 64, 40)
BAD_HREF = ("127.0.0.1:9", "javascript:", "evil.example", "b.example")
# Streamlit fetches the Material icons the app names (":material/home:") from Google's font
# host; an icon name typed by a user would show as text, so only the app's own may load.
APP_ICONS = {
    name
    for path in [ROOT / "app.py", *(ROOT / "pages").glob("*.py"), *ROOT.glob("infoview/**/*.py")]
    for name in re.findall(r":material/([a-z0-9_]+):", path.read_text())
}
ICON_URL = re.compile(r"https://fonts\.gstatic\.com/s/i/short-term/release/materialsymbolsrounded/"
                      r"([a-z0-9_]+)/default/24px\.svg")  # fmt: skip


def _foreign(requests: list[str], origin: str) -> list[str]:
    """Return the requests that went anywhere but the app's server (or its own icons)."""
    out = []
    for url in requests:
        icon = ICON_URL.fullmatch(url)
        if url.startswith((origin, "data:", "blob:")) or (icon and icon[1] in APP_ICONS):
            continue
        out.append(url)
    return out


def _is_text(annotation: object) -> str | None:
    if annotation is str or annotation == str | None:
        return "one"
    if typing.get_origin(annotation) is list:
        (inner,) = typing.get_args(annotation)
        if inner is str or typing.get_origin(inner) is typing.Annotated:
            return "list"
    return None


def hostile(model: type[BaseModel], start: int, **fixed: object) -> BaseModel:
    """Build `model` with a hostile value in every free-text field, cut to the field's limit."""
    values: dict[str, object] = dict(fixed)
    k = start
    for name, info in model.model_fields.items():
        shape = _is_text(info.annotation)
        if name in fixed or name in NOT_TEXT or shape is None:
            continue
        value = HOSTILE[k % len(HOSTILE)]
        k += 1
        values[name] = [value, HOSTILE[k % len(HOSTILE)]] if shape == "list" else value
    for _ in range(len(CUTS) * len(values)):
        try:
            return model.model_validate(values)
        except ValidationError as exc:
            for error in exc.errors():
                name = error["loc"][0]
                current = values[name]
                if isinstance(current, list):
                    cut = next((c for c in CUTS if c < max(map(len, current))), 1)
                    values[name] = [v[:cut] for v in current]
                else:
                    cut = next((c for c in CUTS if c < len(str(current))), 1)
                    values[name] = str(current)[:cut]
    raise AssertionError(f"cannot build {model.__name__}")


def _seed(data_dir: Path) -> dict[str, Contact]:
    store = Store.in_dir(data_dir)
    store.save(
        hostile(
            Profile,
            0,
            skills=[hostile(SkillTranslation, i) for i in range(3)],
            fields=[HOSTILE[4][:200], HOSTILE[8]],
        )
    )
    contacts: dict[str, Contact] = {}
    boss = None
    for i, name in enumerate(HOSTILE):
        contact = store.save(
            hostile(
                Contact,
                i + 1,
                full_name=name[:120],
                referred_by=boss.id if boss else None,
                joined_on=date.today() - timedelta(days=10 * i + 1),
            )
        )
        boss = boss or contact
        contacts[name] = contact
    twin = store.save(hostile(Contact, 3, full_name=HOSTILE[0]))  # a duplicate to review
    rtl = contacts[HOSTILE[6]]
    for n, contact in enumerate([rtl, boss, *list(contacts.values())[2:5]]):
        store.save(
            hostile(
                Outreach,
                n,
                contact_id=contact.id,
                sent_on=date.today() - timedelta(days=12),
                planned_send=date.today() - timedelta(days=12),
            )
        )
        items = [hostile(PlanItem, j, minutes=1) for j in range(4)]
        store.save(hostile(CallPlan, n, contact_id=contact.id, items=items))
        store.save(
            hostile(
                Conversation,
                n,
                contact_id=contact.id,
                scheduled_at=datetime.now(UTC) - timedelta(days=40 + n),
                question_notes=[hostile(QuestionNote, j) for j in range(3)],
            )
        )
        store.save(hostile(TouchBase, n, contact_id=contact.id, on=date.today() - timedelta(99)))
        store.save(hostile(Rhythm, n, contact_id=contact.id, ideal_days=14, max_days=30))
    for n in range(3):
        store.save(hostile(Target, n, organization=contacts[HOSTILE[n]].organization or "Org"))
        store.save(hostile(UserTemplate, n, name=HOSTILE[n][:80]))
    store.save(hostile(MergeRecord, 0, keep_id=boss.id, other_id=twin.id))
    store.save(KeptApart(a_id=contacts[HOSTILE[1]].id, b_id=contacts[HOSTILE[2]].id))
    return contacts


def _urls(contacts: dict[str, Contact]) -> list[str]:
    some = [contacts[HOSTILE[6]], contacts[HOSTILE[0]], contacts[HOSTILE[10]]]
    urls = []
    for item in pages.available():
        urls.append(item.url_path)
        if item is pages.RESEARCH or item.takes_contact:
            urls.append(f"{item.url_path}?contact={some[0].id}")
    if pages.available((pages.CONTACT,)):
        urls += [f"{pages.CONTACT.url_path}?contact={c.id}" for c in some[1:]]
    return urls


@pytest.fixture(scope="module")
def swept(tmp_path_factory):
    data = tmp_path_factory.mktemp("sweep") / "data"
    contacts = _seed(data)
    server = Server(data).start()
    yield server, contacts
    server.stop()


def _nothing_made_from_user_text(page, where: str) -> None:
    assert exception_texts(page) == [], where
    sources = page.evaluate("() => [...document.images].map(i => i.getAttribute('src') || '')")
    assert not [s for s in sources if s == "x" or "127.0.0.1:9" in s], (where, sources)
    hrefs = page.evaluate("() => [...document.links].map(a => a.getAttribute('href') || '')")
    assert not [h for h in hrefs if any(bad in h.lower() for bad in BAD_HREF)], (where, hrefs)
    assert page.evaluate("() => [window.__x, window.__y, window.__z]") == [None] * 3, where
    made = page.evaluate(
        """() => ({
            scripts: [...document.scripts].filter(s => s.textContent.includes('window.__')).length,
            katex: document.querySelectorAll('.katex').length,
            bold: [...document.querySelectorAll('b')].filter(b => b.textContent === 'bold').length,
            onerror: document.querySelectorAll('[onerror]').length,
        })"""
    )
    assert made == {"scripts": 0, "katex": 0, "bold": 0, "onerror": 0}, (where, made)


def _open_everything(page, where: str) -> int:
    """Click each tab and each closed expander once; return how many were opened."""
    opened = 0
    for tab in page.locator("[data-baseweb='tab']").all()[:12]:
        if tab.is_visible():
            tab.click()
            wait_idle(page)
            opened += 1
            _nothing_made_from_user_text(page, f"{where} tab")
    summaries = page.locator("[data-testid='stExpander'] details:not([open]) > summary")
    for _ in range(12):
        closed = [s for s in summaries.all() if s.is_visible()]
        if not closed:
            break
        closed[0].click()
        wait_idle(page)
        opened += 1
        _nothing_made_from_user_text(page, f"{where} expander")
    return opened


def test_every_page_shows_hostile_text_as_text_only(swept, page):
    server, contacts = swept
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    opened = 0
    for url in _urls(contacts):
        where = f"/{url}"
        goto(page, f"{server.url}/{url}")
        _nothing_made_from_user_text(page, where)
        opened += _open_everything(page, where)
    assert _foreign(requests, server.url) == []
    assert opened >= 10  # the sweep did open tabs and expanders


def test_a_hostile_name_shows_literally_and_its_toast_too(swept, page):
    server, contacts = swept
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    picture = contacts[HOSTILE[0]]
    goto(page, f"{server.url}/{pages.RESEARCH.url_path}?contact={picture.id}")
    page.get_by_role("button", name="Save contact").click()
    toast = page.locator("[data-testid='stToast']").first
    toast.wait_for(timeout=30_000)  # read it at once: a toast goes away after a few seconds
    assert "![pic](http://127.0.0.1:9/t.png)" in toast.inner_text().replace("\u2060", "")
    assert toast.locator("img, a").count() == 0
    wait_idle(page)
    _nothing_made_from_user_text(page, "after saving")

    script = contacts[HOSTILE[2]]
    goto(page, f"{server.url}/{pages.RESEARCH.url_path}?contact={script.id}")
    assert "<script>window.__x=1</script>" in page.locator("[data-testid='stMain']").inner_text()

    rtl = contacts[HOSTILE[6]]
    goto(page, f"{server.url}/{pages.CONTACT.url_path}?contact={rtl.id}")
    title = page.locator("[data-testid='stMain'] h1").first.inner_text()
    assert "Zed live override" in title  # logical order: the override is gone
    assert RLO not in page.locator("[data-testid='stMain']").inner_text()
    main = page.locator("[data-testid='stMain']").inner_text().replace("\u2060", "")
    assert "{{ ''.__class__ }} {% if %}" in main or "$x^2$" in main
    assert _foreign(requests, server.url) == []
