"""The PostgreSQL store beyond the shared contract: users kept apart, several processes, crashes,
migrations."""

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from sqlalchemy import Column, MetaData, String, Table, inspect, select, update

from infoview.models import Contact, Outreach
from infoview.pg_store import (
    PgStore,
    SchemaError,
    known_revisions,
    make_engine,
    migrate,
    schema_revision,
)
from infoview.store import StaleRecordError, StoreError

ROOT = Path(__file__).resolve().parents[2]
ISSUER = "https://issuer.test"


def _python(code: str, url: str, subject: str, **env: str) -> subprocess.Popen[str]:
    environment = {**os.environ, "PYTHONPATH": str(ROOT), "URL": url, "SUBJECT": subject, **env}
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code)],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


OPEN = """
    import os, sys
    from infoview.models import Contact, Outreach
    from infoview.pg_store import PgStore, make_engine
    from infoview.store import StaleRecordError
    store = PgStore(make_engine(os.environ["URL"]), "https://issuer.test", os.environ["SUBJECT"])
"""


def _run(code: str, url: str, subject: str, **env: str) -> str:
    proc = _python(textwrap.dedent(OPEN) + textwrap.dedent(code), url, subject, **env)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    return out


@pytest.fixture
def url(pg_engine):
    return pg_engine.url.render_as_string(hide_password=False)


# --------------------------------------------------------------- isolation
def test_another_users_ids_are_not_found(pg_engine, pg_user):
    alice = PgStore(pg_engine, *pg_user)
    bob = PgStore(pg_engine, ISSUER, pg_user[1] + "-bob")
    ada = alice.save(Contact(full_name="Ada"))
    ask = alice.save(Outreach(contact_id=ada.id, subject="Coffee?"))
    assert bob.contact(ada.id) is None
    assert bob.get("outreach", ask.id) is None
    assert bob.contacts() == []
    assert bob.delete_contact(ada.id) is False
    assert bob.delete("outreach", ask.id) is False
    with pytest.raises(StaleRecordError):
        bob.save(ada.model_copy(update={"notes": "mine now"}), expected_revision=1)
    bob.delete_everything()
    again = PgStore(pg_engine, *pg_user)
    assert again.contact(ada.id) == ada
    assert again.get("outreach", ask.id) == ask


def test_same_record_id_under_two_users_stays_two_records(pg_engine, pg_user):
    alice = PgStore(pg_engine, *pg_user)
    bob = PgStore(pg_engine, ISSUER, pg_user[1] + "-bob")
    shared = Contact(full_name="Ada")
    alice.save(shared)
    bob.save(shared.model_copy(update={"full_name": "Bob's Ada"}))
    assert PgStore(pg_engine, *pg_user).contact(shared.id).full_name == "Ada"
    assert PgStore(pg_engine, ISSUER, pg_user[1] + "-bob").contact(shared.id).full_name == (
        "Bob's Ada"
    )


def test_same_subject_from_another_issuer_is_another_user(pg_engine, pg_user):
    PgStore(pg_engine, *pg_user).save(Contact(full_name="Ada"))
    assert PgStore(pg_engine, "https://other-issuer.test", pg_user[1]).contacts() == []


def test_delete_account_removes_every_row_of_that_user_only(pg_engine, pg_user):
    alice = PgStore(pg_engine, *pg_user)
    bob = PgStore(pg_engine, ISSUER, pg_user[1] + "-bob")
    ada = alice.save(Contact(full_name="Ada"))
    alice.save(Outreach(contact_id=ada.id))
    bob.save(Contact(full_name="Bea"))
    assert alice.delete_account() == 2
    assert alice.contacts() == []
    with pytest.raises(StoreError, match="deleted"):
        alice.save(Contact(full_name="After"))
    assert {c.full_name for c in PgStore(pg_engine, ISSUER, pg_user[1] + "-bob").contacts()} == {
        "Bea"
    }
    assert PgStore(pg_engine, *pg_user).contacts() == []  # signing in again starts afresh


def test_a_commit_writes_only_the_rows_it_touched(pg_engine, pg_user):
    from infoview.pg_store import records

    store = PgStore(pg_engine, *pg_user)
    store.save_many([Contact(full_name=f"C{i}") for i in range(50)])
    one = store.contacts()[7]
    store.save(one.model_copy(update={"notes": "met"}), expected_revision=one.revision)
    with pg_engine.connect() as conn:
        revs = conn.execute(
            select(records.c.id, records.c.user_rev).where(records.c.user_id == store.user_id)
        ).all()
    assert sorted(rev for _id, rev in revs).count(2) == 1
    assert dict(revs)[one.id] == 2


# ------------------------------------------------------------ two processes
def test_stale_save_is_refused_across_processes(pg_engine, pg_user, url):
    mine = PgStore(pg_engine, *pg_user)
    shown = mine.save(Contact(full_name="Ada"))
    _run(
        f"""
        ada = store.contact({shown.id!r})
        store.save(ada.model_copy(update={{"title": "Other server"}}), expected_revision=1)
        """,
        url,
        pg_user[1],
    )
    with pytest.raises(StaleRecordError, match="changed elsewhere"):
        mine.save(shown.model_copy(update={"title": "This server"}), expected_revision=1)
    assert mine.contact(shown.id).title == "Other server"  # it caught up while refusing
    assert PgStore(pg_engine, *pg_user).contact(shown.id).title == "Other server"


def test_change_through_one_process_is_seen_by_another_on_refresh(pg_engine, pg_user, url):
    mine = PgStore(pg_engine, *pg_user)
    kept = mine.save(Contact(full_name="Kept"))
    gone = mine.save(Contact(full_name="Gone"))
    _run(
        f"""
        store.save(Contact(full_name="New"))
        store.delete_contact({gone.id!r})
        store.save(store.contact({kept.id!r}).model_copy(update={{"notes": "x"}}))
        """,
        url,
        pg_user[1],
    )
    assert {c.full_name for c in mine.contacts()} == {"Kept", "Gone"}  # reads from memory...
    assert mine.refresh() is True  # ...until the next run looks
    assert {c.full_name for c in mine.contacts()} == {"Kept", "New"}
    assert mine.contact(kept.id).notes == "x"
    assert mine.refresh() is False


COUNTER = """
    done = stale = 0
    me = os.environ["ME"]
    target = int(os.environ["TARGET"])
    while done < target:
        store.refresh()
        counter = store.contact(os.environ["CONTACT"])
        try:
            store.save(
                counter.model_copy(update={"notes": f"{counter.notes} {me}{done}".strip()}),
                expected_revision=counter.revision,
            )
            done += 1
        except StaleRecordError:
            stale += 1
    print(done, stale)
"""


@pytest.mark.slow
def test_two_processes_committing_at_once_lose_no_write(pg_engine, pg_user, url):
    counter = PgStore(pg_engine, *pg_user).save(Contact(full_name="Counter"))
    code = textwrap.dedent(OPEN) + textwrap.dedent(COUNTER)
    env = {"CONTACT": counter.id, "TARGET": "60"}
    procs = [_python(code, url, pg_user[1], ME=me, **env) for me in "ab"]
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=180)
        assert proc.returncode == 0, err
        results.append([int(n) for n in out.split()])
    assert [done for done, _stale in results] == [60, 60]
    # Every acknowledged append is there: a stale one was refused and retried, never lost.
    notes = PgStore(pg_engine, *pg_user).contact(counter.id).notes.split()
    assert sorted(notes) == sorted(f"{me}{n}" for me in "ab" for n in range(60))


KILLED = """
    n = 0
    while True:
        with store.transaction():
            contact = store.save(Contact(full_name=f"C{n}"))
            store.save(Outreach(contact_id=contact.id, subject=f"S{n}"))
        print(contact.id, flush=True)  # acknowledged: the commit returned
        n += 1
"""


def test_kill_9_mid_commit_loses_nothing_acknowledged(pg_engine, pg_user, url):
    proc = _python(textwrap.dedent(OPEN) + textwrap.dedent(KILLED), url, pg_user[1])
    acknowledged = []
    deadline = time.monotonic() + 60
    while len(acknowledged) < 40 and time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        acknowledged.append(line.strip())
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    proc.stdout.close()
    proc.stderr.close()
    assert len(acknowledged) == 40, "the writer did not get going"
    store = PgStore(pg_engine, *pg_user)
    stored = {c.id for c in store.contacts()}
    assert set(acknowledged) <= stored
    # and no commit landed half-way: every contact has its ask
    assert {o.contact_id for o in store.all("outreach")} == stored
    store.save(Contact(full_name="After the crash"))  # the user's row is not left locked


# ---------------------------------------------------------------- migrations
def test_migrations_build_an_empty_database(pg_cluster):
    engine = make_engine(pg_cluster.create_database("mig_empty"))
    assert schema_revision(engine) is None
    assert migrate(engine) == known_revisions()[-1]
    assert migrate(engine) == known_revisions()[-1]  # a second server starting changes nothing
    PgStore(engine, ISSUER, "someone").save(Contact(full_name="Ada"))
    engine.dispose()


@pytest.mark.parametrize("start", ["0001", "0002", "0003", "0004", "0005"])
def test_migration_from_an_earlier_schema_keeps_the_data(pg_cluster, start):
    engine = make_engine(pg_cluster.create_database(f"mig_from_{start}"))
    assert migrate(engine, start) == start
    ada = PgStore(engine, ISSUER, "someone").save(Contact(full_name="Ada Lovelace ✨"))
    PgStore(engine, ISSUER, "someone").save(Outreach(contact_id=ada.id, subject="Coffee?"))
    assert migrate(engine) == known_revisions()[-1] == "0006"
    again = PgStore(engine, ISSUER, "someone")
    assert again.contact(ada.id) == ada
    assert [o.subject for o in again.all("outreach")] == ["Coffee?"]
    again.save(Contact(full_name="After"))  # and it keeps working on the new schema
    engine.dispose()


def _schema(engine) -> dict:
    """Every table as the database describes it: columns, keys, indexes, constraints."""
    found = inspect(engine)
    return {
        table: {
            "columns": [
                (c["name"], str(c["type"]), c["nullable"], c["default"], c.get("identity"))
                for c in found.get_columns(table)
            ],
            "primary key": found.get_pk_constraint(table),
            "foreign keys": found.get_foreign_keys(table),
            "indexes": found.get_indexes(table),
            "unique": found.get_unique_constraints(table),
        }
        for table in found.get_table_names()
    }


def test_each_downgrade_leaves_the_schema_its_revision_built(pg_cluster):
    from alembic import command

    from infoview.pg_store import _alembic_config

    revisions = known_revisions()
    built = {}
    for revision in revisions:
        engine = make_engine(pg_cluster.create_database(f"mig_built_{revision}"))
        migrate(engine, revision)
        built[revision] = _schema(engine)
        engine.dispose()
    engine = make_engine(pg_cluster.create_database("mig_down"))
    migrate(engine)
    for revision in reversed(["base", *revisions[:-1]]):
        with engine.begin() as conn:
            command.downgrade(_alembic_config(conn), revision)
        if revision == "base":
            assert schema_revision(engine) is None
            assert set(_schema(engine)) == {"alembic_version"}
        else:
            assert schema_revision(engine) == revision
            assert _schema(engine) == built[revision], revision
    assert migrate(engine) == revisions[-1]  # and back up again, from nothing
    assert _schema(engine) == built[revisions[-1]]
    PgStore(engine, ISSUER, "someone").save(Contact(full_name="Ada"))
    engine.dispose()


def test_a_newer_schema_is_refused_and_left_alone(pg_cluster):
    engine = make_engine(pg_cluster.create_database("mig_newer"))
    migrate(engine)
    version = Table("alembic_version", MetaData(), Column("version_num", String))
    with engine.begin() as conn:
        conn.execute(update(version).values(version_num="0099"))
    with pytest.raises(SchemaError, match="newer InfoView"):
        migrate(engine)
    assert schema_revision(engine) == "0099"
    engine.dispose()


def test_unreachable_database_is_a_clear_store_error(tmp_path):
    engine = make_engine(f"postgresql://nobody@/none?host={tmp_path}&port=1")
    with pytest.raises(StoreError, match="could not be"):
        migrate(engine)
    with pytest.raises(StoreError, match="could not be loaded"):
        PgStore(engine, ISSUER, "someone")


def test_identity_is_required():
    with pytest.raises(ValueError):
        PgStore(None, ISSUER, "")  # type: ignore[arg-type]
