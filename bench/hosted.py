"""Hosted-mode rows of `make bench`, against a throwaway local PostgreSQL cluster.

- one save at 30,000 contacts, against the local (TinyDB) store's save of the same edit;
- opening a 30,000-contact user;
- 50 users committing at once through two server processes for BENCH_HOSTED_SECONDS
  (default 60): every user is driven from both processes, so their commits race for the
  same user row; lost writes are counted by reading every acknowledged record back;
- memory a signed-in session's store takes at 50 contacts.

Run alone with ``python -m bench.hosted`` (prints the rows).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import threading
import time
import tracemalloc
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.dataset import large_dataset, small_dataset  # noqa: E402
from infoview.models import Contact, Outreach, Record  # noqa: E402
from infoview.store import StaleRecordError, Store  # noqa: E402

Row = tuple[str, str, str, str]
ISSUER = "https://bench.invalid"
USERS = 50
SERVERS = 2


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms"


def _median(samples: list[float]) -> float:
    return statistics.median(samples)


def _save_times(store: Store, runs: int) -> list[float]:
    contact = store.contacts()[0]
    samples = []
    for i in range(runs):
        edited = contact.model_copy(update={"notes": f"edit {i}"})
        start = time.perf_counter()
        contact = store.save(edited, expected_revision=contact.revision)
        samples.append(time.perf_counter() - start)
    return samples


def _all(records: dict[str, list[Record]]) -> list[Record]:
    return [r for table in records.values() for r in table]


def large_rows(engine, folder: Path, runs: int) -> list[Row]:
    """Time opening and saving at 30,000 contacts in PostgreSQL against the local store."""
    from infoview.pg_store import PgStore

    records = large_dataset(date.today())
    start = time.perf_counter()
    PgStore(engine, ISSUER, "large").save_many(_all(records))
    loaded = time.perf_counter() - start
    opens = []
    for _ in range(3):
        start = time.perf_counter()
        store = PgStore(engine, ISSUER, "large")
        opens.append(time.perf_counter() - start)
    pg_save = _median(_save_times(store, runs))
    Store.in_dir(folder).save_many(_all(records))
    local_opens = []
    for _ in range(3):
        start = time.perf_counter()
        local = Store.in_dir(folder)
        local_opens.append(time.perf_counter() - start)
    local_save = _median(_save_times(local, runs))
    pg_open, local_open = _median(opens), _median(local_opens)
    return [
        ("Hosted: write 30,000 contacts into a new account (one commit)", _ms(loaded), "—", "—"),
        (
            "Hosted: open a 30,000-contact user",
            _ms(pg_open),
            f"local open {_ms(local_open)} ({pg_open / local_open:.2f}x)",
            "≤ 2,000 ms",
        ),
        (
            "Hosted: save one edit, 30,000 contacts",
            _ms(pg_save),
            f"local save {_ms(local_save)} ({pg_save / local_save:.2f}x)",
            "≤ 2x local save",
        ),
    ]


def session_memory_row(engine, sessions: int = 20) -> Row:
    """Measure the memory one signed-in session's store holds at 50 contacts."""
    from infoview.pg_store import PgStore

    records = _all(small_dataset(date.today()))
    for n in range(sessions):
        PgStore(engine, ISSUER, f"small-{n}").save_many(records)
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    stores = [PgStore(engine, ISSUER, f"small-{n}") for n in range(sessions)]
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    per = (after - before) / len(stores) / 1024
    return (
        "Hosted: memory per signed-in session's store, 50 contacts",
        f"{per:,.0f} KB",
        f"Python allocations of {sessions} stores, divided (Streamlit's own session not included)",
        "—",
    )


def server_memory_row(url: str, work: Path, sessions: int = 10) -> Row:
    """Sign ``sessions`` users in to a hosted server in Chromium; RSS growth per session."""
    from oidc_provider_mock import run_server_in_thread
    from playwright.sync_api import sync_playwright

    from bench.extra import _rss_mb
    from infoview.pg_store import PgStore, make_engine
    from tests.e2e.harness import CHROMIUM_ARGS, chromium_path, goto
    from tests.e2e.hosted import hosted_server, sign_in

    if chromium_path() is None:
        return ("Hosted: server memory per signed-in session", "skipped", "no Chromium", "—")
    records = _all(small_dataset(date.today()))
    with run_server_in_thread(port=0) as provider:
        issuer = f"http://127.0.0.1:{provider.server_port}"
        engine = make_engine(url)
        for n in range(sessions + 1):
            PgStore(engine, issuer, f"mem-{n}").save_many(records)
        engine.dispose()
        server = hosted_server(work / "memory", issuer, url)
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
                contexts = []

                def session(n: int) -> None:
                    context = browser.new_context()
                    page = context.new_page()
                    sign_in(page, server.url, f"mem-{n}")
                    goto(page, f"{server.url}/Research")
                    contexts.append(context)  # kept open: the session stays alive

                session(0)  # warm-up: imports, the engine, the first page of each kind
                before = _rss_mb(server.proc.pid)
                for n in range(1, sessions + 1):
                    session(n)
                after = _rss_mb(server.proc.pid)
                for context in contexts:
                    context.close()
                browser.close()
        finally:
            server.stop()
    per = (after - before) / sessions
    return (
        "Hosted: server memory per signed-in session, 50 contacts",
        f"{per:,.1f} MB",
        f"RSS growth over {sessions} sessions signed in after a warm-up session",
        "reported",
    )


# ------------------------------------------------------------------- load test
def _drive(engine, subject: str, server: str, until: float, out: list) -> None:
    """Commit as one user until ``until``: a new ask plus an edit of a shared contact."""
    from infoview.pg_store import PgStore

    store = PgStore(engine, ISSUER, subject)
    n = 0
    while time.monotonic() < until:
        start = time.perf_counter()
        while True:
            try:
                store.refresh()
                counter = store.contact("counter")
                with store.transaction():
                    saved = store.save(Outreach(contact_id=counter.id, subject=f"{server}-{n}"))
                    store.save(
                        counter.model_copy(update={"notes": f"{server}-{n}"}),
                        expected_revision=counter.revision,
                    )
                break
            except StaleRecordError:
                out.append(("stale", subject, None, 0.0))
        out.append(("ok", subject, saved.id, time.perf_counter() - start))
        n += 1


def worker(url: str, server: str, seconds: float) -> None:
    """One app server's share of the load test: a thread per user; prints JSON results."""
    from infoview.pg_store import make_engine

    engine = make_engine(url, pool_size=USERS)
    until = time.monotonic() + seconds
    out: list = []
    threads = [
        threading.Thread(target=_drive, args=(engine, f"load-{u}", server, until, out))
        for u in range(USERS)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(json.dumps(out))


def load_rows(engine, url: str, seconds: float) -> list[Row]:
    """Run the 50-user load through two server processes; count lost writes and latency."""
    from infoview.pg_store import PgStore

    for u in range(USERS):
        PgStore(engine, ISSUER, f"load-{u}").save(Contact(id="counter", full_name="Counter"))
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "bench.hosted", "worker", url, f"s{n}", str(seconds)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        for n in range(SERVERS)
    ]
    results = []
    for proc in procs:
        out, _ = proc.communicate(timeout=seconds + 300)
        if proc.returncode != 0:
            raise RuntimeError("a load-test server failed")
        results += json.loads(out)
    acked: dict[str, set[str]] = {}
    latencies, stale = [], 0
    for kind, subject, record_id, took in results:
        if kind == "stale":
            stale += 1
            continue
        acked.setdefault(subject, set()).add(record_id)
        latencies.append(took)
    lost = 0
    for subject, ids in acked.items():
        stored = {r.id for r in PgStore(engine, ISSUER, subject).all(Outreach)}
        lost += len(ids - stored)
    commits = len(latencies)
    p95 = statistics.quantiles(latencies, n=20)[-1] if len(latencies) > 1 else 0.0
    return [
        (
            f"Hosted: {USERS} users committing through {SERVERS} servers for {seconds:.0f} s",
            f"{lost} lost writes",
            f"{commits:,} commits acknowledged ({commits / seconds:,.0f}/s), "
            f"{stale:,} refused as stale and retried",
            "0 lost writes",
        ),
        (
            "Hosted: commit latency under that load (p95, retries included)",
            _ms(p95),
            f"median {_ms(_median(latencies))}",
            "reported",
        ),
    ]


def hosted_rows(work: Path, runs: int) -> list[Row]:
    """All hosted-mode rows, on a cluster started for the bench and stopped after it."""
    from infoview.pg_store import make_engine, migrate
    from tests.pgcluster import Cluster, available

    if not available():
        return [("Hosted mode", "skipped", "no PostgreSQL on this machine", "—")]
    cluster = Cluster(fsync=True).start()  # durable commits, as in production
    try:
        url = cluster.create_database("bench")
        engine = make_engine(url)
        migrate(engine)
        rows = large_rows(engine, work / "hosted-local", runs)
        rows.append(session_memory_row(engine))
        rows.append(server_memory_row(url, work))
        rows += load_rows(engine, url, float(os.environ.get("BENCH_HOSTED_SECONDS", "60")))
        engine.dispose()
        return rows
    finally:
        cluster.stop()


if __name__ == "__main__":
    if sys.argv[1:2] == ["worker"]:
        worker(sys.argv[2], sys.argv[3], float(sys.argv[4]))
    else:
        import tempfile

        for row in hosted_rows(Path(tempfile.mkdtemp(prefix="infoview-bench-")), 7):
            print(" | ".join(row))
