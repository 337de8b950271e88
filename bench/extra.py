"""Bench rows beyond page runs: charts, the 30k LinkedIn import, and the app in Chromium."""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import orjson

from infoview.ui import pages

ROOT = Path(__file__).resolve().parents[1]
Row = tuple[str, str, str, str]


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms"


def chart_rows(store) -> list[Row]:
    """Time each chart's aggregation + spec build at the store's size and measure the spec."""
    from infoview import analytics as an
    from infoview import charts as ch
    from infoview.referral_tree import referral_tree

    contacts = store.contacts(include_archived=True)
    asks, convs = store.asks(), store.conversations()
    start = time.perf_counter()
    frame = an.contacts_frame(contacts)
    rows: list[Row] = [("Chart data: contacts frame", _ms(time.perf_counter() - start), "—", "—")]
    builds: dict[str, Callable[[], object]] = {
        "growth": lambda: ch.growth_chart(an.growth(frame, freq="M")),
        "funnel": lambda: ch.funnel_chart(an.funnel(contacts, asks, convs, people=frame)),
        "reply rate": lambda: ch.reply_rate_chart(an.replies(asks, frame)),
        "reply days": lambda: ch.reply_days_chart(an.replies(asks, frame)),
        "referral tree": lambda: ch.tree_chart(referral_tree(frame)),
        "activity": lambda: ch.activity_chart(an.activity(asks, convs, frame)),
        "sector mix": lambda: ch.mix_chart(an.mix(frame), "Sector"),
        "field mix": lambda: ch.mix_chart(an.mix(frame), "Field"),
        "organization mix": lambda: ch.mix_chart(an.mix(frame), "Organization"),
        "role mix": lambda: ch.mix_chart(an.mix(frame), "Role"),
    }
    for name, build in builds.items():
        start = time.perf_counter()
        spec = build().to_dict()
        took = time.perf_counter() - start
        size = len(orjson.dumps(spec))
        rows.append((f"Chart: {name}", _ms(took), f"spec {size / 1024:,.1f} KB", "< 200 KB"))
    return rows


def duplicates_row(store, runs: int = 3) -> Row:
    """Time the duplicate scan over every contact, name caches emptied before each run."""
    from infoview.duplicates import blocking_keys, find_duplicates, name_tokens, normal_url

    contacts = store.contacts(include_archived=True)
    times, cpu, found = [], [], []
    for _ in range(runs):
        for cache in (blocking_keys, name_tokens, normal_url):
            cache.cache_clear()
        start, start_cpu = time.perf_counter(), time.process_time()
        found = find_duplicates(contacts)
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return (
        f"Find duplicates, {len(contacts):,} contacts",
        _ms(statistics.median(times)),
        f"CPU {_ms(statistics.median(cpu))}; {len(found):,} pairs suggested",
        "< 3,000 ms",
    )


def import_row(rows: int = 30_000) -> Row:
    """Time `python -m infoview import-linkedin` on a 30,000-row export, process start included."""
    sys.path.insert(0, str(ROOT))
    from tests.fixtures.make_connections import connections_csv

    work = Path(tempfile.mkdtemp(prefix="infoview-import-"))
    csv = work / "Connections.csv"
    csv.write_text(connections_csv(rows), encoding="utf-8")
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "infoview", "--data-dir", str(work / "data"), "import-linkedin",
         str(csv)],
        cwd=ROOT, check=True, capture_output=True,
    )  # fmt: skip
    took = time.perf_counter() - start
    return (f"LinkedIn import, {rows:,} rows (CLI, end to end)", _ms(took), "—", "< 3,000 ms")


def _rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


# A click that changes something on each page, and what to wait for.
CLICKS: dict[str, Callable] = {
    "app.py": lambda page: page.get_by_role("link", name="2 · Research").first.hover(),
    pages.RESEARCH.path: lambda page: (
        page.get_by_role("textbox", name="Search").fill("ana"),
        page.keyboard.press("Enter"),
    ),
    pages.NETWORK.path: lambda page: page.locator("[data-testid='stTab']").nth(1).click(),
}


def bench_pages() -> list[tuple[str, str, bool]]:
    """Every page a user opens: (label, page file, whether it is timed on one contact).

    The per-contact steps and the contact's own page are opened on the busiest contact, as a
    user opens them from a list, rather than on their empty "choose a contact" state.
    """
    shown = [(item.label, item) for item in pages.available()] + [("Contact page", pages.CONTACT)]
    return [
        (label + (", busiest contact" if one else ""), item.path, one)
        for label, item in shown
        for one in [item.takes_contact or item is pages.CONTACT]
    ]


def focus_contact(folder: Path) -> str:
    """Return the id of the dataset's busiest contact (the most asks, plans, conversations)."""
    from bench.dataset import busiest_contact
    from infoview.store import Store

    store = Store.in_dir(folder)
    return busiest_contact({t: store.all(t) for t in ("outreach", "plans", "conversations")})


def browser_rows(large: Path, small: Path, runs: int) -> list[Row]:
    """Load every page in Chromium at 30k vs 50 contacts vs a bare page, interleaved."""
    from playwright.sync_api import sync_playwright

    from tests.e2e.harness import CHROMIUM_ARGS, Server, chromium_path, goto, wait_idle

    if chromium_path() is None:
        return [("Browser rows", "skipped", "no Chromium on this machine", "—")]
    bare_dir = Path(tempfile.mkdtemp(prefix="infoview-bare-"))
    (bare_dir / "app.py").write_text('import streamlit as st\nst.write("Hello")\n')
    servers = {"large": Server(large), "small": Server(small)}
    bare = Server(bare_dir / "data", cwd=bare_dir)
    rows: list[Row] = []
    try:
        for server in (*servers.values(), bare):
            server.start()
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            context = browser.new_context(viewport={"width": 1366, "height": 900})
            page = context.new_page()
            goto(page, bare.url + "/")  # warm-up, as for every page below
            focus = {"large": focus_contact(large), "small": focus_contact(small)}
            for name, file, on_contact in bench_pages():
                paths = {
                    label: _url_path(file) + (f"?contact={focus[label]}" if on_contact else "")
                    for label in servers
                }
                paths["bare"] = "/"
                targets = {**servers, "bare": bare}
                times: dict[str, list[float]] = {label: [] for label in targets}
                for label, server in servers.items():  # warm-up: the first visit fills caches
                    goto(page, server.url + paths[label])
                for _ in range(runs):
                    # Interleaved, the bare page too, so a busy moment hits all three alike.
                    for label, server in targets.items():
                        times[label].append(_load(page, server.url + paths[label], goto))
                big, little, bare_ms = (
                    statistics.median(times[label]) for label in ("large", "small", "bare")
                )
                rows.append(
                    (
                        f"Browser load: {name}",
                        _ms(big),
                        f"small {_ms(little)} ({big / little:.2f}x); bare page "
                        f"{_ms(bare_ms)} ({big / bare_ms:.2f}x)",
                        "≤ 1.2x small, < 2x bare",
                    )
                )
                click = CLICKS.get(file)
                if click is not None:
                    samples = []
                    for _ in range(runs):
                        goto(page, servers["large"].url + paths["large"])
                        start = time.perf_counter()
                        click(page)
                        wait_idle(page)
                        samples.append(time.perf_counter() - start)
                    rows.append(
                        (f"Click to idle: {name}", _ms(statistics.median(samples)), "—",
                         "< 1,000 ms")
                    )  # fmt: skip
            browser.close()
        rss = _rss_mb(servers["large"].proc.pid)
        rows.append(("Server memory after every page, 30k", f"{rss:,.0f} MB", "RSS", "< 400 MB"))
    finally:
        for server in servers.values():
            server.stop()
        bare.stop()
    return rows


def _url_path(page: str) -> str:
    if page == "app.py":
        return "/"
    return "/" + Path(page).stem.split("_", 1)[1]


def _load(page, url: str, goto) -> float:
    start = time.perf_counter()
    goto(page, url)
    return time.perf_counter() - start


def ranking_rows(store) -> list[Row]:
    """Time who-to-ask-next, the target counts and keep-in-touch at the store's size.

    "Built" is the first run after a real change: one contact edited and saved, the way a
    user's save reaches every page. "Cached" is every later run until the next change, which
    is what most page runs pay. Two rarer changes are timed too: editing a target (every
    contact's ranking key is worked out again) and reloading every record, as after another
    server wrote (everything kept across changes starts over).
    """
    from datetime import date

    from infoview.ask_next import ask_next
    from infoview.keep_in_touch import losing_touch_list
    from infoview.models import Contact, Target
    from infoview.next_steps import stages_of
    from infoview.targets import network_suggestions, org_groups, target_list

    today = date.today()
    if not store.count(Target):
        top = network_suggestions(org_groups(store), [], limit=25)
        store.save_many(
            [Target(organization=name, motivation=1 + i % 3) for i, (name, _) in enumerate(top)]
        )

    def build_all() -> None:
        stages = stages_of(store)
        ask_next(store, today)
        target_list(store, stages)
        losing_touch_list(store, today)

    def edit_contact(i: int) -> None:
        contact = store.contacts()[i * 97 % 1000]
        store.save(contact.model_copy(update={"notes": f"bench edit {i}"}))

    def edit_target(i: int) -> None:
        target = store.targets()[0]
        store.save(target.model_copy(update={"motivation": 1 + i % 3}))

    def reload(_i: int) -> None:
        store._install(store._data, None)  # every record read again: all new objects

    def timed(change) -> tuple[list[float], list[float], list[float]]:
        build_all()
        built, cpu, cached = [], [], []
        for i in range(5):
            change(i)
            # What every page builds anyway (the contact list, records by contact, stages)
            # is not this feature's cost.
            store.contacts()
            for table in ("outreach", "conversations", "touches"):
                store.by_contact(table)
            stages_of(store)
            start, start_cpu = time.perf_counter(), time.process_time()
            build_all()
            built.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
            start = time.perf_counter()
            build_all()
            cached.append(time.perf_counter() - start)
        return built, cpu, cached

    built, cpu, cached = timed(edit_contact)
    target_built, target_cpu, _ = timed(edit_target)
    reload_built, reload_cpu, _ = timed(reload)
    name = "Who to ask next + target counts + losing touch"
    return [
        (
            f"{name}, built",
            _ms(statistics.median(built)),
            f"CPU {_ms(statistics.median(cpu))}; {store.count(Target)} targets; "
            "first run after a contact is edited",
            "< 100 ms",
        ),
        (
            f"{name}, cached",
            f"{statistics.median(cached) * 1000:,.2f} ms",
            "every other page run",
            "< 100 ms",
        ),
        (
            f"{name}, after a target edit",
            _ms(statistics.median(target_built)),
            f"CPU {_ms(statistics.median(target_cpu))}; every contact's key again",
            "—",
        ),
        (
            f"{name}, after a reload",
            _ms(statistics.median(reload_built)),
            f"CPU {_ms(statistics.median(reload_cpu))}; "
            f"{store.count(Contact):,} contacts read again; as after another server's write",
            "—",
        ),
    ]
