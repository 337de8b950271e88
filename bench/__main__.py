"""`make bench`: InfoView's speed and memory at 30,000 contacts against a small network.

Prints a table and writes it to docs/benchmarks.md with a description of the machine.
Targets are printed beside each figure; nothing here is a timed test assertion.
"""

from __future__ import annotations

import json
import logging
import os
import platform
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.dataset import large_dataset, small_dataset, write_dataset  # noqa: E402
from bench.extra import (  # noqa: E402
    bench_pages,
    browser_rows,
    chart_rows,
    duplicates_row,
    focus_contact,
    import_row,
    ranking_rows,
)
from bench.hosted import hosted_rows  # noqa: E402
from infoview.coach.report import summary as coach_summary  # noqa: E402
from infoview.store import Store  # noqa: E402

logging.getLogger("streamlit").setLevel(logging.ERROR)
RUNS = int(os.environ.get("BENCH_RUNS", "7"))
TODAY = date.today()


def _median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def build(folder: Path, records: dict) -> Path:
    """Write a dataset into a fresh data folder and return the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    store = Store.in_dir(folder)
    write_dataset(store, records)
    return folder


def store_rows(large: Path) -> list[tuple[str, str, str, str]]:
    """Time opening the store and saving one edit, against plain json.dump + fsync."""
    opens = []
    for _ in range(3):
        start = time.perf_counter()
        store = Store.in_dir(large)
        opens.append(time.perf_counter() - start)
    contact = store.contacts()[0]
    saves, baseline = [], []
    data = orjson.loads((large / "infoview.json").read_bytes())
    for i in range(RUNS):
        edited = contact.model_copy(update={"notes": f"edit {i}"})
        start = time.perf_counter()
        contact = store.save(edited, expected_revision=contact.revision)
        saves.append(time.perf_counter() - start)
        start = time.perf_counter()
        with open(large / "baseline.json", "w", encoding="utf-8") as handle:
            json.dump(data, handle)
            handle.flush()
            os.fsync(handle.fileno())
        baseline.append(time.perf_counter() - start)
    (large / "baseline.json").unlink()
    save_ms, base_ms = _median_ms(saves), _median_ms(baseline)
    loose, settled = _collect_times(store)
    return [
        ("Open the store, 30,000 contacts", f"{_median_ms(opens):,.0f} ms", "—", "< 1,000 ms"),
        (
            "Save one edit, 30,000 contacts",
            f"{save_ms:,.0f} ms",
            f"json.dump+fsync {base_ms:,.0f} ms ({save_ms / base_ms:.2f}x)",
            "≤ 1.5x json.dump",
        ),
        (
            "Garbage collection after each run, 30,000 contacts",
            f"{settled:,.1f} ms",
            f"records not frozen {loose:,.0f} ms",
            "part of each run's < 300 ms",
        ),
    ]


def _collect_times(store: Store) -> tuple[float, float]:
    """Time the full collection `streamlit run` makes after every script run, before and
    after the app freezes the store's records (AppTest does not make it, so page runs miss it).
    """
    import gc

    from infoview.ui.setup import settle_heap

    gc.collect()
    loose = []
    for _ in range(RUNS):
        start = time.perf_counter()
        gc.collect(2)
        loose.append(time.perf_counter() - start)
    settle_heap(store)
    settled = []
    for _ in range(RUNS):
        start = time.perf_counter()
        gc.collect(2)
        settled.append(time.perf_counter() - start)
    gc.unfreeze()
    return _median_ms(loose), _median_ms(settled)


def page_times(folder: Path, page: str, contact: str | None = None) -> list[float]:
    """Run one page in AppTest repeatedly (on ``contact``, if given); times after a warm-up."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    os.environ["INFOVIEW_DATA_DIR"] = str(folder)
    st.cache_resource.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    if page != "app.py":
        at.switch_page(page)
    if contact is not None:
        at.query_params["contact"] = contact
    at.run()  # warm-up: opens the store and fills the per-revision caches
    samples = []
    for _ in range(RUNS):
        start = time.perf_counter()
        at.run()
        samples.append(time.perf_counter() - start)
    if at.exception:
        raise RuntimeError(f"{page} raised: {at.exception[0].value}")
    return samples


def page_rows(small: Path, large: Path) -> list[tuple[str, str, str, str]]:
    """Time every page's server-side run at 30,000 contacts and at 50."""
    rows = []
    focus = {large: focus_contact(large), small: focus_contact(small)}
    for name, page, on_contact in bench_pages():
        big = _median_ms(page_times(large, page, focus[large] if on_contact else None))
        little = _median_ms(page_times(small, page, focus[small] if on_contact else None))
        rows.append(
            (
                f"Page run: {name}",
                f"{big:,.0f} ms",
                f"small {little:,.0f} ms ({big / little:.2f}x)",
                "< 300 ms, ≤ 1.5x small",
            )
        )
    return rows


def machine() -> str:
    """Describe the machine the figures come from."""
    cpus = os.cpu_count()
    mem = ""
    try:
        with open("/proc/meminfo", encoding="utf-8") as handle:
            kb = int(handle.readline().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB RAM"
    except OSError:
        pass
    return (
        f"{platform.system()} {platform.machine()}, {cpus} CPUs{mem}, "
        f"Python {platform.python_version()}"
    )


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="infoview-bench-"))
    print(f"Building datasets in {work} …", flush=True)
    start = time.perf_counter()
    large = build(work / "large", large_dataset(TODAY))
    small = build(work / "small", small_dataset(TODAY))
    print(f"  built in {time.perf_counter() - start:.1f} s", flush=True)
    rows = store_rows(large)
    rows.append(import_row())
    rows += chart_rows(Store.in_dir(large))
    rows += ranking_rows(Store.in_dir(large))
    rows.append(duplicates_row(Store.in_dir(large)))
    rows += page_rows(small, large)
    if os.environ.get("BENCH_BROWSER", "1") != "0":
        rows += browser_rows(large, small, RUNS)
    if os.environ.get("BENCH_HOSTED", "1") != "0":
        rows += hosted_rows(work, RUNS)
    width = max(len(r[0]) for r in rows)
    coach = coach_summary()
    lines = [
        "| What | 30,000 contacts | Compared with | Target |",
        "| --- | --- | --- | --- |",
        *[f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows],
    ]
    for a, b, c, d in rows:
        print(f"{a:<{width}}  {b:>10}  {c:<56}  {d}")
    doc = ROOT / "docs" / "benchmarks.md"
    doc.parent.mkdir(exist_ok=True)
    doc.write_text(
        "# Benchmarks\n\n"
        f"Made by `make bench` on {TODAY.isoformat()}: {machine()}. Medians of {RUNS} runs; "
        "page runs are server-side (Streamlit AppTest) after one warm-up run; browser loads "
        "are headless Chromium from navigation until the script run is idle (after one untimed "
        "warm-up visit per server), the large and small servers and a one-line Streamlit page "
        "served the same way interleaved, so each page is compared with bare-page loads made "
        "at the same moments. Hosted rows run against a local PostgreSQL cluster started for "
        "the bench (fsync on); the load test drives every user from both server processes at "
        "once, the worst case for contention.\n\n"
        + "\n".join(lines)
        + "\n\n## Coach quality\n\n"
        + coach
        + "\n",
        encoding="utf-8",
    )
    print(f"\n{coach}")
    print(f"\nWritten to {doc.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
