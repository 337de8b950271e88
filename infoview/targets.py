"""Target employers: the method's ranked list of organizations and who the user knows at each."""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from pydantic import ValidationError

from infoview import research
from infoview.models import Contact, Target, friendly_errors
from infoview.pipeline import Stage
from infoview.store import Store

# Organizations match by research.org_key (case, accents, punctuation and legal suffixes
# ignored: "Globex, Inc." = "Globex"), remembered here because a network repeats its names.
org_key = lru_cache(maxsize=65_536)(research.org_key)


def targets_by_key(store: Store) -> dict[str, Target]:
    """Return the target list keyed by organization key (memoised until the data changes)."""
    return store.cached(
        ("targets_by_key",),
        lambda: {org_key(t.organization): t for t in store.all("targets")},  # type: ignore[attr-defined]
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


def contacts_by_org(contacts: Iterable[Contact]) -> dict[str, list[Contact]]:
    """Group active contacts by organization key (imported connections included)."""
    # Grouped by the name as written first (cheap), then the spellings merged by key: a
    # network repeats a few thousand names across tens of thousands of people.
    spelt: dict[str, list[Contact]] = {}
    for contact in contacts:
        if contact.organization and not contact.archived:
            found = spelt.get(contact.organization)
            if found is None:
                spelt[contact.organization] = [contact]
            else:
                found.append(contact)
    groups: dict[str, list[Contact]] = {}
    for name, people in spelt.items():
        key = org_key(name)
        if not key:
            continue
        found = groups.get(key)
        if found is None:
            groups[key] = people
        else:
            found.extend(people)
    return groups


def target_rows(
    targets: Iterable[Target],
    by_org: Mapping[str, Sequence[Contact]],
    stages: Mapping[str, Stage],
    contact_of: Callable[[str], Contact | None],
) -> list[TargetRow]:
    """Return every target in the method's order with the people the user knows there.

    Most people in a network are only connected, so only the people past that stage are
    looked at one by one (found with ``contact_of``); the rest are counted by subtraction.
    """
    keys = {org_key(t.organization) for t in targets}
    further: dict[str, list[tuple[Contact, Stage]]] = {}
    for cid, stage in stages.items():
        if stage == Stage.CONNECTED:
            continue
        contact = contact_of(cid)
        if contact is None or contact.archived or not contact.organization:
            continue
        key = org_key(contact.organization)
        if key in keys:
            further.setdefault(key, []).append((contact, stage))
    rows = []
    for target in sorted(targets, key=sort_key):
        key = org_key(target.organization)
        people = by_org.get(key, ())
        ahead = further.get(key, [])
        counts = Counter(stage for _, stage in ahead)
        if len(people) > len(ahead):
            counts[Stage.CONNECTED] = len(people) - len(ahead)
        # The furthest along first, by name within a stage.
        shown = heapq.nsmallest(
            EXAMPLES_SHOWN, ahead, key=lambda pair: (-pair[1], pair[0].full_name.casefold())
        )
        if len(shown) < EXAMPLES_SHOWN and len(people) > len(ahead):
            taken = {c.id for c, _ in ahead}
            rest = (c for c in people if c.id not in taken)
            picked = heapq.nsmallest(
                EXAMPLES_SHOWN - len(shown), rest, key=lambda c: c.full_name.casefold()
            )
            shown += [(c, Stage.CONNECTED) for c in picked]
        rows.append(
            TargetRow(
                target=target,
                count=len(people),
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


def org_groups(store: Store) -> dict[str, list[Contact]]:
    """Return active contacts grouped by organization key (memoised until the data changes)."""
    return store.cached(("contacts_by_org",), lambda: contacts_by_org(store.contacts()))


def target_list(store: Store, stages: Mapping[str, Stage]) -> list[TargetRow]:
    """Return the target list with who the user knows at each (memoised)."""
    return store.cached(
        ("target_rows",),
        lambda: target_rows(store.all("targets"), org_groups(store), stages, store.contact),  # type: ignore[arg-type]
    )


def save_target(store: Store, values: Mapping[str, object], base: Target | None = None) -> Target:
    """Add a target or change one; refuse a blank name or an organization already listed."""
    name = str(values.get("organization") or "").strip()
    if not name:
        raise TargetError("Organization: write the organization's name.")
    key = org_key(name) or name.casefold()
    for other in store.all("targets"):
        theirs = org_key(other.organization) or other.organization.casefold()  # type: ignore[attr-defined]
        if theirs == key and (base is None or other.id != base.id):  # type: ignore[attr-defined]
            raise TargetError(f"{other.organization} is already on your list.")  # type: ignore[attr-defined]
    data = base.model_dump() if base is not None else {}
    data.update({k: v for k, v in values.items() if k in Target.model_fields}, organization=name)
    try:
        target = Target.model_validate(data)
    except ValidationError as exc:
        raise TargetError("; ".join(friendly_errors(exc))) from exc
    return store.save(target, expected_revision=base.revision if base is not None else None)


def delete_target(store: Store, target_id: str) -> bool:
    """Take an organization off the list (its contacts stay)."""
    return store.delete("targets", target_id)
