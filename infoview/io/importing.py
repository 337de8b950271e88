"""What every contact import shares: parsed rows, matching duplicates, the plan and one commit."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

from pydantic import ValidationError

from infoview.duplicates import Candidate, Confidence, duplicates_between
from infoview.duplicates import fold as fold
from infoview.models import LIST_MAX, Contact, Source, friendly_errors
from infoview.sectors import infer_sector
from infoview.store import Store, paused_gc

# What to do with a new row that may be someone already in the network.
Decision = Literal["later", "merge", "apart", "skip"]
DECISIONS: tuple[Decision, ...] = ("later", "merge", "apart", "skip")

ProgressCallback = Callable[[int, int], None]

# How often the planner reports progress: often enough for a smooth bar, rarely enough to be free.
PROGRESS_EVERY = 1_000

# Fields an import may fill when they are empty; it never overwrites them.
FILLABLE = ("email", "linkedin_url", "website", "bio_url", "notes", "organization", "title")


class ImportProblem(Exception):  # noqa: N818 - the name the app and helpers use
    """A file that cannot be imported; the message says what is wrong and nothing was changed."""


@dataclass(frozen=True)
class SkippedRow:
    """A row (or card) left out of an import, and why."""

    line: int
    reason: str
    label: str = ""


@dataclass(frozen=True)
class MatchRules:
    """How an import recognises people already in the network and what it may change."""

    primary: str  # the field that identifies a person ("linkedin_url" or "email")
    primary_key: Callable[[str], str]
    # A different primary value means a different person (two profiles, two people).
    primary_is_identity: bool
    # Organization and title come fresh from the file (a LinkedIn export is current).
    refresh_job: bool


@dataclass
class ParsedImport:
    """What a file holds: Contact-ready rows (with their line numbers), skips and warnings,
    and how its format recognises people already in the network."""

    source: Source
    rules: MatchRules
    rows: list[dict[str, Any]] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    skipped: list[SkippedRow] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        """Return how many rows the file holds, skipped ones included."""
        return len(self.rows) + len(self.skipped)


@dataclass(frozen=True)
class ImportDuplicate:
    """A new row that may be a person already in the network."""

    line: int
    new: Contact
    existing: Contact
    confidence: Confidence
    reason: str


@dataclass
class ImportPlan:
    """A preview of an import: who is new, who changes (and how), who was left out."""

    new: list[Contact]
    updated: list[Contact]
    changed_fields: dict[str, tuple[str, ...]]
    unchanged: int
    skipped: list[SkippedRow]
    warnings: list[str]
    parsed: ParsedImport
    today: date
    base: dict[str, int]  # contact id -> revision the plan was made against
    possible: list[ImportDuplicate] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        """Return True when applying the plan would change nothing."""
        return not self.new and not self.updated


@dataclass
class ImportPreview:
    """What an import does once each possible duplicate is decided; the import writes this.

    ``added`` are the new contacts saved (those to merge included: they are added and then
    merged, so each merge can be undone); ``merges`` pairs (existing, new) to merge;
    ``apart`` the pairs to remember as different people; ``skipped`` every row left out,
    by the file or by choice, with its line.
    """

    added: list[Contact]
    updated: list[Contact]
    merges: list[tuple[Contact, Contact]]
    apart: list[tuple[Contact, Contact]]
    unchanged: int
    skipped: list[SkippedRow]
    decisions: dict[int, Decision] = field(default_factory=dict)

    @property
    def new_count(self) -> int:
        """Return how many people the import adds as new records that stay."""
        return len(self.added) - len(self.merges)

    @property
    def is_empty(self) -> bool:
        """Return True when the import would change nothing."""
        return not self.added and not self.updated


def preview_import(plan: ImportPlan, decisions: dict[int, Decision] | None = None) -> ImportPreview:
    """Return what the import will write, given a decision per possible duplicate's line."""
    chosen = decisions or {}
    by_new = {d.new.id: d for d in plan.possible}
    added: list[Contact] = []
    merges: list[tuple[Contact, Contact]] = []
    apart: list[tuple[Contact, Contact]] = []
    skipped = list(plan.skipped)
    for contact in plan.new:
        found = by_new.get(contact.id)
        decision = chosen.get(found.line, "later") if found else "later"
        if found is not None and decision == "skip":
            who = found.existing.full_name
            skipped.append(
                SkippedRow(found.line, f"same person as {who} (your choice)", contact.full_name)
            )
            continue
        added.append(contact)
        if found is not None and decision == "merge":
            merges.append((found.existing, contact))
        elif found is not None and decision == "apart":
            apart.append((found.existing, contact))
    skipped.sort(key=lambda s: s.line)
    return ImportPreview(
        added, list(plan.updated), merges, apart, plan.unchanged, skipped, dict(chosen)
    )


@dataclass(frozen=True)
class ImportResult:
    """What an applied import did."""

    added: int
    updated: int
    unchanged: int
    skipped: int
    backup: Path | None
    merged: int = 0
    kept_apart: int = 0


def name_key(full_name: str, organization: str | None) -> str:
    """Return the key that matches a person by name and organization."""
    return f"{fold(full_name)}|{fold(organization)}"


def _fingerprint(contacts: list[Contact]) -> dict[str, int]:
    return {c.id: c.revision for c in contacts}


def _merge(existing: Contact, row: dict[str, Any], rules: MatchRules) -> dict[str, Any]:
    """Return the updates a row brings to a contact: empty fields filled, job refreshed."""
    updates: dict[str, Any] = {}
    for name in FILLABLE:
        value = row.get(name)
        if not value:
            continue
        current = getattr(existing, name)
        refresh = rules.refresh_job and name in ("organization", "title")
        if not current or (refresh and current != value):
            updates[name] = value
    old_org = existing.organization
    if "organization" in updates and old_org:
        # Keep where they worked before instead of losing it.
        earlier = list(existing.previous_employers)
        if old_org not in earlier and len(earlier) < LIST_MAX:
            updates["previous_employers"] = [old_org, *earlier]
    return updates


def plan_import(
    parsed: ParsedImport,
    existing: list[Contact],
    today: date,
    on_progress: ProgressCallback | None = None,
) -> ImportPlan:
    """Preview an import: new people, people already known (matched by the format's rules,
    then by name and organization) and what changes for them, and the rows left out."""
    with paused_gc():
        return _plan_contacts(parsed, existing, today, parsed.rules, on_progress)


def _plan_contacts(
    parsed: ParsedImport,
    existing: list[Contact],
    today: date,
    rules: MatchRules,
    on_progress: ProgressCallback | None,
) -> ImportPlan:
    by_primary: dict[str, Contact] = {}
    by_name: dict[str, Contact] = {}
    for contact in existing:
        key = rules.primary_key(getattr(contact, rules.primary) or "")
        if key:
            by_primary.setdefault(key, contact)
        by_name.setdefault(name_key(contact.full_name, contact.organization), contact)

    new: list[Contact] = []
    updated: dict[str, Contact] = {}
    changed: dict[str, tuple[str, ...]] = {}
    unchanged = 0
    skipped = list(parsed.skipped)
    claimed: dict[str, int] = {}  # contact id -> the line of this file that matched or added it
    total = len(parsed.rows)

    for index, (row, line) in enumerate(zip(parsed.rows, parsed.lines, strict=True)):
        if on_progress and index % PROGRESS_EVERY == 0:
            on_progress(index, total)
        primary = rules.primary_key(row.get(rules.primary) or "")
        by_name_key = name_key(row["full_name"], row.get("organization"))
        match = by_primary.get(primary) if primary else None
        if match is None:
            candidate = by_name.get(by_name_key)
            if candidate is not None:
                theirs = rules.primary_key(getattr(candidate, rules.primary) or "")
                if not (rules.primary_is_identity and primary and theirs and theirs != primary):
                    match = candidate
        if match is not None:
            if match.id in claimed:
                reason = f"same person as line {claimed[match.id]}"
                skipped.append(SkippedRow(line, reason, row["full_name"]))
                continue
            claimed[match.id] = line
            updates = _merge(match, row, rules)
            if not updates:
                unchanged += 1
                continue
            updated[match.id] = match.model_copy(update=updates)
            changed[match.id] = tuple(updates)
            continue

        fields = {k: v for k, v in row.items() if v not in (None, "")}
        fields.setdefault("joined_on", today)
        fields["source"] = parsed.source
        if "sector" not in fields:
            guessed = infer_sector(
                str(fields.get("organization", "")), str(fields.get("title", ""))
            )
            if guessed is not None:
                fields.update(sector=guessed, sector_inferred=True)
        try:
            # Emails were checked when the rows were parsed; everything else (cleaning
            # text, names, links) is validated as for any typed input.
            contact = Contact.model_validate(fields, context={"emails_checked": True})
        except ValidationError as exc:
            skipped.append(SkippedRow(line, "; ".join(friendly_errors(exc)), row["full_name"]))
            continue
        new.append(contact)
        claimed[contact.id] = line
        if primary:
            by_primary[primary] = contact
        by_name.setdefault(by_name_key, contact)

    if on_progress:
        on_progress(total, total)
    skipped.sort(key=lambda s: s.line)
    matches = duplicates_between(new, existing)
    return ImportPlan(
        possible=[
            _possible(matches[c.id], c, claimed[c.id], existing) for c in new if c.id in matches
        ],
        new=new,
        updated=list(updated.values()),
        changed_fields=changed,
        unchanged=unchanged,
        skipped=skipped,
        warnings=list(parsed.warnings),
        parsed=parsed,
        today=today,
        base=_fingerprint(existing),
    )


def _possible(
    match: Candidate, new: Contact, line: int, existing: list[Contact]
) -> ImportDuplicate:
    other_id = match.b if match.a == new.id else match.a
    known = next(c for c in existing if c.id == other_id)
    return ImportDuplicate(line, new, known, match.confidence, match.reason)


def apply_import(
    store: Store, plan: ImportPlan, decisions: dict[int, Decision] | None = None
) -> ImportResult:
    """Back up the store, then write the import's preview in one commit.

    New and updated contacts are saved; rows decided as duplicates are merged into the
    existing person (each merge undoable), remembered as different people, or left out.
    If the contacts changed since the plan was made (another tab or program), the plan is
    made again against them first, so nothing anyone wrote meanwhile is overwritten; the
    decisions follow the file's line numbers.
    """
    from infoview.merge import apply_merge, keep_apart, plan_merge

    with store.transaction():
        current = store.contacts(include_archived=True)
        if _fingerprint(current) != plan.base:
            plan = plan_import(plan.parsed, current, plan.today)
        preview = preview_import(plan, decisions)
        backup = None
        if not preview.is_empty:
            backup = store.backup("before-import")
            store.save_many([*preview.added, *preview.updated])
            for existing, new in preview.merges:
                merge = plan_merge(store, existing.id, new.id)
                apply_merge(store, merge, check_revisions=False, backup=False)
            for existing, new in preview.apart:
                keep_apart(store, existing.id, new.id)
    return ImportResult(
        added=preview.new_count,
        updated=len(preview.updated),
        unchanged=preview.unchanged,
        skipped=len(preview.skipped),
        backup=backup,
        merged=len(preview.merges),
        kept_apart=len(preview.apart),
    )
