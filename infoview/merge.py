"""Merge two records of one person, field by field, and undo the merge.

A merge keeps one contact (``keep``) and folds the other into it: each field takes the value
chosen for it (by default the newer non-empty one; lists are united; the earliest "joined
on" wins), and every record that pointed at the other contact moves over: asks, call plans,
conversations, the people they suggested (``referred_by``), dismissed reminders naming it
and pairs kept apart. Everything happens in one commit, after a backup, and a MergeRecord
keeps each changed record exactly as it was, so the merge can be undone byte for byte.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import ValidationError

from infoview.duplicates import fold_org, pair_key
from infoview.models import (
    LIST_MAX,
    NOTES_MAX,
    Contact,
    Dismissal,
    KeptApart,
    MergeRecord,
    Record,
    friendly_errors,
    utcnow,
)
from infoview.store import CONTACT_CHILDREN, RECORD_NOUNS, TABLES, StaleRecordError, Store

Choice = Literal["keep", "other", "both"]

# The fields a reviewer chooses between, in the order the review shows them.
SCALAR_FIELDS = (
    "full_name",
    "organization",
    "title",
    "position_since",
    "email",
    "linkedin_url",
    "bio_url",
    "website",
    "sector",
    "field",
    "reason",
    "common_ground",
    "referred_by",
    "source",
    "joined_on",
    "outside_field",
    "archived",
)
UNION_FIELDS = ("previous_employers", "education", "tags")
TEXT_JOINED = ("notes",)
CHOICE_FIELDS = (*SCALAR_FIELDS, *UNION_FIELDS, *TEXT_JOINED)
# Values that would be lost when the other one is chosen; the merged notes keep them.
_KEPT_IN_NOTES = ("email", "linkedin_url", "bio_url", "website", "title")
MOVED_LABELS = {
    **{t: RECORD_NOUNS[t] for t in ("outreach", "plans", "conversations")},
    "referrals": ("person they suggested", "people they suggested"),
    **{t: RECORD_NOUNS[t] for t in ("dismissals", "kept_apart", "touches", "rhythms")},
}


class MergeProblem(Exception):  # noqa: N818 - read as a message, like ImportProblem
    """A merge or undo that cannot go ahead; the message says why and nothing was changed."""


def _empty(value: Any) -> bool:
    return value in (None, "", [], ()) or value is False


def default_choices(keep: Contact, other: Contact) -> dict[str, Choice]:
    """Return the choice per field: newer non-empty value, lists united, earliest joined on."""
    newer: Choice = "other" if other.updated_at > keep.updated_at else "keep"
    choices: dict[str, Choice] = {}
    for name in SCALAR_FIELDS:
        mine, theirs = getattr(keep, name), getattr(other, name)
        if name == "joined_on":
            choices[name] = "other" if theirs < mine else "keep"
        elif _empty(theirs) or mine == theirs:
            choices[name] = "keep"
        elif _empty(mine):
            choices[name] = "other"
        else:
            choices[name] = newer
    for name in (*UNION_FIELDS, *TEXT_JOINED):
        choices[name] = "both"
    if keep.referred_by in (other.id, keep.id) and other.referred_by not in (keep.id, other.id):
        choices["referred_by"] = "other"  # the merged person cannot have suggested themselves
    return choices


def _joined(a: str, b: str) -> str:
    if not a or a == b:
        return a or b
    if not b or b in a:
        return a
    return f"{a}\n\n{b}"


def merged_contact(keep: Contact, other: Contact, choices: Mapping[str, str]) -> Contact:
    """Return the kept contact as the merge leaves it (raise MergeProblem if not valid)."""
    updates: dict[str, Any] = {}
    unchosen: list[str] = []
    for name in SCALAR_FIELDS:
        pick = choices.get(name, "keep")
        value, dropped = (
            (getattr(other, name), getattr(keep, name))
            if pick == "other"
            else (getattr(keep, name), getattr(other, name))
        )
        updates[name] = value
        if name in _KEPT_IN_NOTES and not _empty(dropped) and dropped != value:
            unchosen.append(f"{name.replace('_', ' ')}: {dropped}")
    for name in UNION_FIELDS:
        pick = choices.get(name, "both")
        mine, theirs = list(getattr(keep, name)), list(getattr(other, name))
        if pick == "other":
            values = theirs
        elif pick == "keep":
            values = mine
        else:
            values = [*mine, *(v for v in theirs if v not in mine)]
        updates[name] = values
    # The organization not kept is where they worked before: never lost.
    dropped_org = (
        other.organization if updates["organization"] == keep.organization else (keep.organization)
    )
    past = updates["previous_employers"]
    same_org = fold_org(dropped_org) == fold_org(updates["organization"])
    if dropped_org and not same_org and dropped_org not in past:
        updates["previous_employers"] = [dropped_org, *updates["previous_employers"]]
    updates["previous_employers"] = updates["previous_employers"][:LIST_MAX]
    updates["education"] = updates["education"][:LIST_MAX]
    updates["tags"] = updates["tags"][:LIST_MAX]
    pick = choices.get("notes", "both")
    notes = {"keep": keep.notes, "other": other.notes}.get(pick, _joined(keep.notes, other.notes))
    if unchosen:
        extra = "From the merged record, " + "; ".join(unchosen) + "."
        notes = _joined(notes, extra)
    updates["notes"] = notes[:NOTES_MAX]
    if updates["referred_by"] in (keep.id, other.id):
        updates["referred_by"] = None
    data = {**keep.model_dump(), **updates}
    try:
        return Contact.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(friendly_errors(exc))
        raise MergeProblem(f"The merged record is not valid: {problems}.") from exc


def _names_contact(key: str, contact_id: str) -> bool:
    return contact_id in key.replace("/", ":").split(":")


def _rekey(key: str, old: str, new: str) -> str:
    return ":".join(new if part == old else part for part in key.split(":"))


@dataclass
class MergePlan:
    """What a merge will do: the merged record and every record that moves with it."""

    keep: Contact
    other: Contact
    choices: dict[str, str]
    result: Contact
    children: dict[str, list[Record]] = field(default_factory=dict)  # table -> records
    referrals: list[Contact] = field(default_factory=list)
    dismissals: list[Dismissal] = field(default_factory=list)
    apart: list[KeptApart] = field(default_factory=list)

    def moves(self) -> dict[str, int]:
        """Return how many records of each kind move to the kept contact."""
        counts = {table: len(records) for table, records in self.children.items()}
        counts["referrals"] = len(self.referrals)
        counts["dismissals"] = len(self.dismissals)
        counts["kept_apart"] = len(self.apart)
        return counts

    def changed_fields(self) -> list[str]:
        """Return the fields whose value the merge changes on the kept contact."""
        return [
            name for name in CHOICE_FIELDS if getattr(self.result, name) != getattr(self.keep, name)
        ]


def moves_text(moves: Mapping[str, int]) -> str:
    """Return what moves in words: '2 asks, 1 conversation' (or 'nothing else')."""
    parts = [
        f"{n:,} {MOVED_LABELS[k][0] if n == 1 else MOVED_LABELS[k][1]}"
        for k, n in moves.items()
        if n and k in MOVED_LABELS
    ]
    return ", ".join(parts) or "nothing else"


def plan_merge(
    store: Store, keep_id: str, other_id: str, choices: Mapping[str, str] | None = None
) -> MergePlan:
    """Work out a merge of ``other_id`` into ``keep_id`` without writing anything."""
    if keep_id == other_id:
        raise MergeProblem("A contact cannot be merged with itself.")
    keep, other = store.contact(keep_id), store.contact(other_id)
    for wanted, found in ((keep_id, keep), (other_id, other)):
        if found is None:
            raise MergeProblem(f"No contact has the id {wanted}.")
    assert keep is not None and other is not None
    chosen: dict[str, str] = {**default_choices(keep, other), **(choices or {})}
    unknown = sorted(set(chosen) - set(CHOICE_FIELDS))
    bad = sorted(k for k, v in chosen.items() if v not in ("keep", "other", "both"))
    if unknown or bad:
        raise MergeProblem(f"Unknown field choices: {', '.join(unknown + bad)}.")
    plan = MergePlan(keep, other, chosen, merged_contact(keep, other, chosen))
    for table in CONTACT_CHILDREN:
        plan.children[table] = list(store.by_contact(table).get(other_id, []))
    plan.referrals = [
        c
        for c in store.contacts(include_archived=True)
        if c.referred_by == other_id and c.id not in (keep_id, other_id)
    ]
    plan.dismissals = [d for d in store.all(Dismissal) if _names_contact(d.key, other_id)]
    plan.apart = [p for p in store.all(KeptApart) if other_id in (p.a_id, p.b_id)]
    return plan


def _dump(record: Record) -> dict[str, Any]:
    return record.model_dump(mode="json")


def apply_merge(
    store: Store, plan: MergePlan, check_revisions: bool = True, backup: bool = True
) -> MergeRecord:
    """Write the merge in one commit (after a backup) and return its record for undo.

    The plan is made again under the lock with the same choices, so records added since the
    preview move too; a contact edited since the preview is refused as stale.
    """
    with store.transaction():
        fresh = plan_merge(store, plan.keep.id, plan.other.id, plan.choices)
        if check_revisions and (
            fresh.keep.revision != plan.keep.revision or fresh.other.revision != plan.other.revision
        ):
            raise StaleRecordError(
                "One of these contacts changed elsewhere (another tab or program) since you "
                "opened the review. Reload to see the latest version, then merge again."
            )
        if backup and store.path is not None:
            store.backup("before-merge")
        return _write(store, fresh)


def _write(store: Store, plan: MergePlan) -> MergeRecord:
    from infoview.reminders import dismissal_id

    before: dict[str, list[dict[str, Any]]] = {}
    written: list[tuple[str, str]] = []
    created: dict[str, list[str]] = {}
    keep_id, other_id = plan.keep.id, plan.other.id

    def remember(table: str, record: Record) -> None:
        before.setdefault(table, []).append(_dump(record))

    remember("contacts", plan.keep)
    store.save(plan.result, expected_revision=plan.keep.revision)
    written.append(("contacts", keep_id))
    remember("contacts", plan.other)
    store.delete(Contact, other_id)
    for table, records in plan.children.items():
        for record in records:
            remember(table, record)
            store.save(record.model_copy(update={"contact_id": keep_id}))
            written.append((table, record.id))
    for referral in plan.referrals:
        remember("contacts", referral)
        store.save(referral.model_copy(update={"referred_by": keep_id}))
        written.append(("contacts", referral.id))
    for dismissal in plan.dismissals:
        remember("dismissals", dismissal)
        store.delete(Dismissal, dismissal.id)
        key = _rekey(dismissal.key, other_id, keep_id)
        new_id = dismissal_id(key)
        if store.get(Dismissal, new_id) is None:
            store.save(Dismissal(id=new_id, key=key))
            created.setdefault("dismissals", []).append(new_id)
    for pair in plan.apart:
        remember("kept_apart", pair)
        store.delete(KeptApart, pair.id)
        a = keep_id if pair.a_id == other_id else pair.a_id
        b = keep_id if pair.b_id == other_id else pair.b_id
        if a != b and store.get(KeptApart, apart_id(a, b)) is None:
            store.save(_apart(a, b))
            created.setdefault("kept_apart", []).append(apart_id(a, b))
    merged = store.contact(keep_id)
    assert merged is not None
    after: dict[str, dict[str, int]] = {}
    for table, record_id in written:
        stored = store.get(table, record_id)
        assert stored is not None
        after.setdefault(table, {})[record_id] = stored.revision
    record = MergeRecord(
        keep_id=keep_id,
        other_id=other_id,
        keep_name=plan.keep.full_name,
        other_name=plan.other.full_name,
        fields=[n for n, v in plan.choices.items() if v == "other"],
        moved={k: v for k, v in plan.moves().items() if v},
        before=before,
        after=after,
        created=created,
        merged=_dump(merged),
    )
    return store.save(record)


def undo_blockers(store: Store, merge: MergeRecord) -> list[str]:
    """Return why a merge cannot be undone (empty when it can)."""
    if merge.undone_at is not None:
        return ["This merge was already undone."]
    problems = []
    if store.contact(merge.keep_id) is None:
        problems.append(f"{merge.keep_name} was deleted since the merge")
    if store.contact(merge.other_id) is not None:
        problems.append(f"{merge.other_name} exists again")
    return problems


def edited_since(store: Store, merge: MergeRecord) -> list[str]:
    """Return the records the merge wrote that were edited or deleted since, in words."""
    found = []
    for table, revisions in merge.after.items():
        for record_id, revision in revisions.items():
            current = store.get(table, record_id)
            if current is None:
                found.append(f"{_label(table, record_id, merge)} (deleted since)")
            elif current.revision != revision:
                found.append(_label(table, record_id, merge))
    return found


def _label(table: str, record_id: str, merge: MergeRecord) -> str:
    for doc in merge.before.get(table, []):
        if doc["id"] == record_id:
            if table == "contacts":
                return str(doc.get("full_name") or record_id)
            kind = MOVED_LABELS.get(table, (table, table))[0]
            return f"a moved {kind}"
    return record_id


def _as_merged(table: str, before: dict[str, Any], merge: MergeRecord) -> dict[str, Any]:
    """Return a record's content as the merge left it."""
    if table == "contacts" and before["id"] == merge.keep_id:
        return merge.merged
    if table in CONTACT_CHILDREN:
        return {**before, "contact_id": merge.keep_id}
    if table == "contacts":
        return {**before, "referred_by": merge.keep_id}
    return before


_BOOKKEEPING = ("id", "created_at", "updated_at", "revision")


def _unmerged(before: dict[str, Any], merged: dict[str, Any], now: dict[str, Any]) -> dict:
    """Return a record edited since the merge: its old values, except the fields edited since."""
    out = dict(now)
    for key, value in before.items():
        if key in _BOOKKEEPING:
            continue
        out[key] = now.get(key) if now.get(key) != merged.get(key) else value
    return out


def undo_merge(store: Store, merge_id: str) -> MergeRecord:
    """Put back every record a merge changed, in one commit (after a backup).

    A record nobody touched since the merge comes back exactly as it was. One edited since
    keeps the fields edited and gets its other values (its old contact, say) back; one
    deleted since stays deleted.
    """
    with store.transaction():
        merge = store.get(MergeRecord, merge_id)
        if not isinstance(merge, MergeRecord):
            raise MergeProblem("That merge is no longer kept, so it cannot be undone here.")
        problems = undo_blockers(store, merge)
        if problems:
            raise MergeProblem(
                "This merge cannot be undone: "
                + "; ".join(problems[:5])
                + ". The backup made just before the merge is still a way back."
            )
        if store.path is not None:
            store.backup("before-undo-merge")
        for table, ids in merge.created.items():
            for record_id in ids:
                store.delete(table, record_id)
        exact: list[Record] = []
        for table, docs in merge.before.items():
            model = TABLES[table]
            written = merge.after.get(table, {})
            for doc in docs:
                current = store.get(table, doc["id"])
                if doc["id"] not in written:
                    if current is None:  # deleted by the merge: back as it was
                        exact.append(model.model_validate(doc, context={"trusted": True}))
                elif current is None:
                    continue  # deleted since the merge: the user's choice stands
                elif current.revision == written[doc["id"]]:
                    exact.append(model.model_validate(doc, context={"trusted": True}))
                else:
                    now = current.model_dump(mode="json")
                    undone = _unmerged(doc, _as_merged(table, doc, merge), now)
                    store.save(model.model_validate(undone))
        store.restore_records(exact)
        return store.save(merge.model_copy(update={"undone_at": utcnow()}))


def merges(store: Store) -> list[MergeRecord]:
    """Return the merges kept, newest first."""
    found: list[MergeRecord] = store.all(MergeRecord)
    return sorted(found, key=lambda m: m.created_at, reverse=True)


# ------------------------------------------------------------------------- kept apart
def apart_id(a: str, b: str) -> str:
    """Return the id of the 'not the same person' record of a pair (either order)."""
    first, second = pair_key(a, b)
    return "apart-" + hashlib.sha1(f"{first}|{second}".encode()).hexdigest()


def _apart(a: str, b: str) -> KeptApart:
    first, second = pair_key(a, b)
    return KeptApart(id=apart_id(a, b), a_id=first, b_id=second)


def keep_apart(store: Store, a: str, b: str) -> KeptApart:
    """Remember that two contacts are different people; saving it twice stores one record."""
    if a == b:
        raise MergeProblem("A contact is always the same person as itself.")
    if store.contact(a) is None or store.contact(b) is None:
        raise MergeProblem("One of these contacts no longer exists.")
    return store.save(_apart(a, b))


def apart_pairs(store: Store) -> set[tuple[str, str]]:
    """Return every pair the user keeps apart."""
    return {pair_key(p.a_id, p.b_id) for p in store.all(KeptApart)}
