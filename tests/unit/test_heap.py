"""The shared store's records are frozen out of the garbage collector's way, without leaking."""

from __future__ import annotations

import gc
import weakref
from datetime import date

import pytest

from infoview.sample_store import load_sample
from infoview.store import Store
from infoview.ui.setup import settle_heap


@pytest.fixture
def sample_dir(data_dir):
    store = Store.in_dir(data_dir)
    load_sample(store, date(2026, 11, 26))
    return data_dir


@pytest.fixture
def no_cyclic_gc():
    """Only reference counting frees objects here, as for objects gc.freeze() has frozen."""
    gc.collect()
    gc.disable()
    yield
    gc.enable()


def test_a_store_and_its_records_are_freed_without_the_cyclic_collector(sample_dir, no_cyclic_gc):
    store = Store.in_dir(sample_dir)
    assert store.all("outreach") and store.all("conversations")
    store_ref, record_ref = weakref.ref(store), weakref.ref(store.contacts()[0])
    del store
    assert store_ref() is None
    assert record_ref() is None


def test_records_replaced_by_a_reload_are_freed(sample_dir, no_cyclic_gc):
    store = Store.in_dir(sample_dir)
    old = weakref.ref(store.contacts()[0])
    other = Store.in_dir(sample_dir)
    contact = other.contacts()[1]
    other.save(contact.model_copy(update={"notes": "changed elsewhere"}), contact.revision)
    assert store.refresh()
    assert store.contacts()[0] is not None  # the first read after a reload drops old results
    assert old() is None


def test_settle_heap_freezes_once_per_generation_of_records(sample_dir):
    store = Store.in_dir(sample_dir)
    try:
        settle_heap(store)
        frozen = gc.get_freeze_count()
        assert frozen > 0
        settle_heap(store)  # same records: nothing to do
        assert gc.get_freeze_count() == frozen
        other = Store.in_dir(sample_dir)
        contact = other.contacts()[0]
        other.save(contact.model_copy(update={"notes": "changed elsewhere"}), contact.revision)
        assert store.refresh()
        settle_heap(store)  # a reload brought new records: freeze them too
        assert gc.get_freeze_count() > frozen
    finally:
        gc.unfreeze()
