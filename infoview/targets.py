"""Target employers: the method's ranked list of organizations and who the user knows at each."""

from __future__ import annotations

import bisect
import heapq
import itertools
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from pydantic import ValidationError

from infoview import research
from infoview.models import Contact, Conversation, Outreach, Target, friendly_errors
from infoview.pipeline import Stage
from infoview.store import Store

# Organizations match by research.org_key (case, accents, punctuation and legal suffixes
# ignored: "Globex, Inc." = "Globex"), remembered here because a network repeats its names.
org_key = lru_cache(maxsize=65_536)(research.org_key)


def targets_by_key(store: Store) -> dict[str, Target]:
    """Return the target list keyed by organization key (memoised until the data changes)."""
    return store.cached(
        ("targets_by_key",),
        lambda: {org_key(t.organization): t for t in store.targets()},
    )


MOTIVATION_LABELS = {3: "3 · Dream employer", 2: "2 · Keen", 1: "1 · Curious"}
SUGGESTIONS = 10
EXAMPLES_SHOWN = 8


class TargetError(ValueError):
    """A target that cannot be saved; the message says why."""


@dataclass(frozen=True)
class TargetRow:
    """One target with how many people the user knows there and how far they have come."""

    target: Target
    count: int
    shown: tuple[tuple[Contact, Stage], ...]  # the furthest along, at most EXAMPLES_SHOWN
    stage_counts: tuple[tuple[Stage, int], ...]  # furthest stage first
    met: int  # people there the user has had a conversation with

    @property
    def stage_text(self) -> str:
        """Return the stages in words: "2 Met · 5 Connected" (furthest first)."""
        return " · ".join(f"{n} {stage.label}" for stage, n in self.stage_counts)


def sort_key(target: Target) -> tuple:
    """The method's order: motivation, then postings of interest, then alumni, then name."""
    name = org_key(target.organization)
    return (-target.motivation, not target.postings, not target.alumni, name)


def org_of(contact: Contact) -> str | None:
    """Return the organization key a contact counts under (None: archived, or none given)."""
    if contact.organization and not contact.archived:
        return org_key(contact.organization) or None
    return None


def contacts_by_org(contacts: Iterable[Contact]) -> dict[str, list[Contact]]:
    """Group active contacts by organization key (imported connections included)."""
    groups: dict[str, list[Contact]] = {}
    for contact in contacts:
        key = org_of(contact)
        if key is not None:
            groups.setdefault(key, []).append(contact)
    return groups


def target_rows(
    targets: Iterable[Target],
    by_org: Mapping[str, Collection[str]],
    stages: Mapping[str, Stage],
    contact_of: Callable[[str], Contact | None],
    name_of: Callable[[str], str] | None = None,
    by_name: Callable[[str], Iterable[str]] | None = None,
    moving: set[str] | None = None,
) -> list[TargetRow]:
    """Return every target in the method's order with the people the user knows there.

    ``by_org`` holds the ids of the active contacts at each organization key. ``name_of``
    gives a contact's name as sorted and ``by_name`` an organization's ids in name order
    (by default, both from ``contact_of``); ``moving`` holds the ids past "connected" (by
    default, read from ``stages``). Most people in a network are only connected, so only the
    people past that stage are looked at one by one; the rest are counted.
    """
    if name_of is None:

        def name_of(cid: str) -> str:
            contact = contact_of(cid)
            return contact.full_name.casefold() if contact is not None else ""

    def sorted_by_name(key: str) -> list[str]:
        return sorted(by_org.get(key, ()), key=lambda cid: (name_of(cid), cid))

    by_name = by_name or sorted_by_name
    if moving is None:
        moving = {cid for cid, stage in stages.items() if stage != Stage.CONNECTED}
    rows = []
    for target in sorted(targets, key=sort_key):
        key = org_key(target.organization)
        there = by_org.get(key, ())
        ahead = moving.intersection(there)
        counts = Counter(stages[cid] for cid in ahead)
        if len(there) > len(ahead):
            counts[Stage.CONNECTED] = len(there) - len(ahead)
        # The furthest along first, by name within a stage.
        picked = heapq.nsmallest(
            EXAMPLES_SHOWN, ahead, key=lambda cid: (-stages[cid], name_of(cid), cid)
        )
        if len(picked) < EXAMPLES_SHOWN and len(there) > len(ahead):
            rest = (cid for cid in by_name(key) if cid not in ahead)
            picked += itertools.islice(rest, EXAMPLES_SHOWN - len(picked))
        shown = []
        for cid in picked:
            contact = contact_of(cid)
            if contact is not None:
                shown.append((contact, stages.get(cid, Stage.CONNECTED)))
        rows.append(
            TargetRow(
                target=target,
                count=len(there),
                shown=tuple(shown),
                stage_counts=tuple(sorted(counts.items(), reverse=True)),
                met=sum(n for stage, n in counts.items() if stage >= Stage.MET),
            )
        )
    return rows


def network_suggestions(
    by_org: Mapping[str, Sequence[Contact]],
    targets: Iterable[Target],
    limit: int = SUGGESTIONS,
) -> list[tuple[str, int]]:
    """Return the organizations where the user knows the most people, not yet targets.

    Each is (the name as most contacts spell it, how many people), most people first.
    """
    taken = {org_key(t.organization) for t in targets}
    ranked = sorted(
        ((key, people) for key, people in by_org.items() if key not in taken),
        key=lambda item: (-len(item[1]), item[0]),
    )
    out = []
    for _key, people in ranked[:limit]:
        spelling = Counter(c.organization.strip() for c in people).most_common(1)[0][0]
        out.append((spelling, len(people)))
    return out


def coverage(rows: Sequence[TargetRow]) -> tuple[int, int]:
    """Return (targets with at least one conversation, targets) for the Network page."""
    return sum(1 for r in rows if r.met), len(rows)


# ------------------------------------------------------------------ store-level


def org_ids(store: Store) -> dict[str, frozenset[str]]:
    """Return the ids of the active contacts at each organization key (kept across changes)."""
    return store.grouped_records("org", None, Contact, org_of)


def org_groups(store: Store) -> dict[str, list[Contact]]:
    """Return active contacts grouped by organization key, each group in name order
    (memoised until the data changes)."""

    def build() -> dict[str, list[Contact]]:
        groups: dict[str, list[Contact]] = {}
        for key, _name, cid in _in_name_order(store):
            contact = store.contact(cid)
            if contact is not None:
                groups.setdefault(key, []).append(contact)
        return groups

    return store.cached(("contacts_by_org",), build)


def _in_name_order(store: Store) -> list[tuple[str, str, str]]:
    """(organization key, name as sorted, id) of every active contact with an organization,
    sorted (kept across changes)."""
    return store.sorted_records("org_by_name", None, Contact, _by_name)


def _by_name(contact: Contact) -> tuple[str, str, str] | None:
    key = org_of(contact)
    return (key, contact.full_name.casefold(), contact.id) if key is not None else None


def _researched(contact: Contact) -> str | None:
    return "researched" if contact.reason.strip() else None


def target_list(store: Store, stages: Mapping[str, Stage]) -> list[TargetRow]:
    """Return the target list with who the user knows at each (memoised).

    Who is at each organization, and in name order, is kept on the store across changes
    and redone only for the contacts that changed.
    """

    def build() -> list[TargetRow]:
        ordered = _in_name_order(store)

        def by_name(key: str) -> Iterable[str]:
            start = bisect.bisect_left(ordered, (key,))
            end = bisect.bisect_left(ordered, (key + "\0",))
            return (ordered[i][2] for i in range(start, end))

        names = store.per_record("names", None, Contact, lambda c: c.full_name.casefold())
        # Moving past "connected" takes a written reason, an ask or a conversation
        # (pipeline.contact_stage): only the few people with one are looked at.
        researched = store.grouped_records("researched", None, Contact, _researched)
        maybe = researched.get("researched", frozenset()).union(
            store.by_contact(Outreach), store.by_contact(Conversation)
        )
        moving = {cid for cid in maybe if stages.get(cid, Stage.CONNECTED) != Stage.CONNECTED}
        return target_rows(
            store.targets(),
            org_ids(store),
            stages,
            store.contact,
            names.__getitem__,
            by_name,
            moving,
        )

    return store.cached(("target_rows",), build)


def save_target(store: Store, values: Mapping[str, object], base: Target | None = None) -> Target:
    """Add a target or change one; refuse a blank name or an organization already listed."""
    name = str(values.get("organization") or "").strip()
    if not name:
        raise TargetError("Organization: write the organization's name.")
    key = org_key(name) or name.casefold()
    for other in store.targets():
        theirs = org_key(other.organization) or other.organization.casefold()
        if theirs == key and (base is None or other.id != base.id):
            raise TargetError(f"{other.organization} is already on your list.")
    data = base.model_dump() if base is not None else {}
    data.update({k: v for k, v in values.items() if k in Target.model_fields}, organization=name)
    try:
        target = Target.model_validate(data)
    except ValidationError as exc:
        raise TargetError("; ".join(friendly_errors(exc))) from exc
    return store.save(target, expected_revision=base.revision if base is not None else None)


def delete_target(store: Store, target_id: str) -> bool:
    """Take an organization off the list (its contacts stay)."""
    return store.delete(Target, target_id)
