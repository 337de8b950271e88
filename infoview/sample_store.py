"""The sample network in a store: load it in one commit, tell whether it is there, and
remove it in one click without touching what the user wrote (the records are built by
``infoview.demo``)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from infoview import models
from infoview.demo import sample_records
from infoview.models import Contact, Dismissal, Profile, Record
from infoview.store import CONTACT_CHILD_KINDS, Store


def load_sample(store: Store, today: date) -> int:
    """Write the sample dataset in one commit and return how many records were written.

    A profile the user already saved is kept: the sample profile only fills an empty one.
    """
    records = sample_records(today)
    existing = store.get(Profile, "me")
    if existing is not None and not existing.sample:
        records["profile"] = []
    return store.save_many([r for table in records.values() for r in table])


def has_sample(store: Store) -> bool:
    """Return True while any sample record is in the store."""
    return store.cached(
        ("has_sample",), lambda: any(r.sample for t in _SAMPLE_KINDS for r in store.all(t))
    )


def remove_sample(store: Store) -> int:
    """Delete every sample record in one commit and unlink the user's records from them.

    The user's contacts referred by a sample contact lose that link; the user's asks, plans
    and conversations about a sample contact, and dismissals naming a sample record, go
    with it. Returns how many records were deleted.
    """
    with store.transaction():
        doomed = {kind: {r.id for r in store.all(kind) if r.sample} for kind in _SAMPLE_KINDS}
        gone_contacts = doomed[Contact]
        for kind in CONTACT_CHILD_KINDS:
            groups = store.by_contact(kind)
            doomed[kind] |= {r.id for cid in gone_contacts for r in groups.get(cid, [])}
        every_id = set().union(*doomed.values())
        doomed[Dismissal] |= {
            r.id for r in store.all(Dismissal) if any(word in every_id for word in _words(r.key))
        }
        removed = 0
        for kind, ids in doomed.items():
            removed += store.delete_where(kind, _id_in(ids))
        for contact in store.contacts(include_archived=True):
            if contact.referred_by in gone_contacts:
                store.save(contact.model_copy(update={"referred_by": None}))
        return removed


_SAMPLE_KINDS: tuple[type[Record], ...] = (
    models.Profile,
    models.Contact,
    models.Outreach,
    models.CallPlan,
    models.Conversation,
    models.Dismissal,
    models.TouchBase,
    models.Rhythm,
    models.Target,
)


def _id_in(ids: set[str]) -> Callable[[Record], bool]:
    return lambda record: record.id in ids


def _words(key: str) -> Iterable[str]:
    # Reminder keys name records between colons, e.g. "ask:<id>:followup1".
    return key.replace(":", " ").replace("/", " ").split()
