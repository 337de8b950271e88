"""Views kept across changes: each must equal the same view built afresh, whatever changed."""

from __future__ import annotations

import random

import pytest

from infoview.models import Contact
from infoview.store import RecordTable, Store

NAMES = ["Ana", "Bo", "Cy", "Di", "Ed"]
ORGS = ["Globex", "Hooli", "Initech", ""]


def _views(store: Store) -> tuple[dict, list, dict]:
    per = store.per_record("t_names", None, Contact, lambda c: c.full_name.casefold())
    ordered = store.sorted_records(
        "t_order", None, Contact, lambda c: (c.full_name, c.id) if c.organization else None
    )
    groups = store.grouped_records("t_orgs", None, Contact, lambda c: c.organization or None)
    return per, ordered, groups


def _afresh(store: Store) -> tuple[dict, list, dict]:
    everyone = store.contacts(include_archived=True)
    groups: dict[str, set[str]] = {}
    for c in everyone:
        if c.organization:
            groups.setdefault(c.organization, set()).add(c.id)
    return (
        {c.id: c.full_name.casefold() for c in everyone},
        sorted((c.full_name, c.id) for c in everyone if c.organization),
        {org: frozenset(ids) for org, ids in groups.items()},
    )


def _person(rng: random.Random) -> dict:
    return {"full_name": rng.choice(NAMES), "organization": rng.choice(ORGS)}


def test_kept_views_equal_views_built_afresh_through_random_changes(tmp_path):
    rng = random.Random(5)
    path = tmp_path / "infoview.json"
    store = Store(path)
    for _ in range(20):
        store.save(Contact(**_person(rng)))
    moves = []
    for step in range(120):
        people = store.contacts(include_archived=True)
        move = rng.random()
        if move < 0.35 and people:
            some = rng.choice(people)
            store.save(some.model_copy(update=_person(rng)), expected_revision=some.revision)
            moves.append("edit")
        elif move < 0.5:
            store.save(Contact(**_person(rng)))
            moves.append("add")
        elif move < 0.62 and people:
            store.delete(Contact, rng.choice(people).id)
            moves.append("delete")
        elif move < 0.72 and people:
            # Several changes in one transaction that fails: all of it is put back.
            with pytest.raises(RuntimeError), store.transaction():
                store.save(Contact(**_person(rng)))
                store.delete(Contact, rng.choice(people).id)
                raise RuntimeError("refused")
            moves.append("rollback")
        elif move < 0.8:
            Store(path).save(Contact(**_person(rng)))  # another server writes
            assert store.refresh()
            moves.append("reload")
        elif move < 0.9 and people:
            # Deleted, then saved again with the same id: it moves to the end.
            gone = rng.choice(people)
            store.delete(Contact, gone.id)
            store.save(gone.model_copy(update={"revision": 0}))
            moves.append("back")
        else:
            moves.append("none")
        assert _views(store) == _afresh(store), f"step {step}: {moves[-1]}"
    assert {"edit", "add", "delete", "rollback", "reload", "back"} <= set(moves)


def test_an_unchanged_store_gives_the_same_views_and_an_edit_redoes_only_that_record(tmp_path):
    store = Store(tmp_path / "infoview.json")
    people = [store.save(Contact(full_name=n, organization="Globex")) for n in NAMES]
    calls: list[str] = []

    def work(contact: Contact) -> str:
        calls.append(contact.full_name)
        return contact.full_name.upper()

    first = store.per_record("t_calls", None, Contact, work)
    assert sorted(calls) == sorted(NAMES)
    calls.clear()
    store.save(Contact(full_name="Zed"))  # another record: a new revision
    second = store.per_record("t_calls", None, Contact, work)
    assert calls == ["Zed"] and second[people[0].id] == "ANA"
    assert first is not second and "Zed".upper() not in first.values()  # the old one is kept
    calls.clear()
    assert store.per_record("t_calls", "another version", Contact, work) == second
    assert sorted(calls) == sorted([*NAMES, "Zed"])  # a new version: all of them again


def test_a_table_refuses_changes_it_could_not_note():
    table = RecordTable()
    for change in (
        lambda: table.update({}),
        lambda: table.setdefault("x", None),
        table.popitem,
        table.clear,
    ):
        with pytest.raises(TypeError):
            change()
    table["a"] = Contact(id="a", full_name="Ana")
    table.pop("a")
    table.pop("missing", None)
    assert table.changes == ["a", "a"]
