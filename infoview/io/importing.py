"""What every contact import shares: parsed rows, matching duplicates, the plan and one commit."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from infoview.models import LIST_MAX, Contact, Source, friendly_errors
from infoview.sectors import infer_sector
from infoview.store import Store, paused_gc

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


@dataclass
class ParsedImport:
    """What a file holds: Contact-ready rows (with their line numbers), skips and warnings."""

    source: Source
    rows: list[dict[str, Any]] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    skipped: list[SkippedRow] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        """Return how many rows the file holds, skipped ones included."""
        return len(self.rows) + len(self.skipped)


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
class ImportPlan:
    """A preview of an import: who is new, who changes (and how), who was left out."""

    new: list[Contact]
    updated: list[Contact]
    changed_fields: dict[str, tuple[str, ...]]
    unchanged: int
    skipped: list[SkippedRow]
    warnings: list[str]
    parsed: ParsedImport
    rules: MatchRules
    today: date
    base: dict[str, int]  # contact id -> revision the plan was made against

    @property
    def is_empty(self) -> bool:
        """Return True when applying the plan would change nothing."""
        return not self.new and not self.updated


@dataclass(frozen=True)
class ImportResult:
    """What an applied import did."""

    added: int
    updated: int
    unchanged: int
    skipped: int
    backup: Path | None


_SPACES = re.compile(r"\s+")


def fold(text: str | None) -> str:
    """Return text reduced for matching: accents dropped, case folded, spaces collapsed."""
    if not text:
        return ""
    if text.isascii():
        return " ".join(text.lower().split())
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", bare.casefold()).strip()


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


def plan_contacts(
    parsed: ParsedImport,
    existing: list[Contact],
    today: date,
    rules: MatchRules,
    on_progress: ProgressCallback | None = None,
) -> ImportPlan:
    """Sort parsed rows into new contacts, updates to existing ones, and skips."""
    with paused_gc():
        return _plan_contacts(parsed, existing, today, rules, on_progress)


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
    return ImportPlan(
        new=new,
        updated=list(updated.values()),
        changed_fields=changed,
        unchanged=unchanged,
        skipped=skipped,
        warnings=list(parsed.warnings),
        parsed=parsed,
        rules=rules,
        today=today,
        base=_fingerprint(existing),
    )


def apply_import(store: Store, plan: ImportPlan) -> ImportResult:
    """Back up the store, then save the plan's new and updated contacts in one commit.

    If the contacts changed since the plan was made (another tab or program), the plan is
    made again against them first, so nothing anyone wrote meanwhile is overwritten.
    """
    with store.transaction():
        current = store.contacts(include_archived=True)
        if _fingerprint(current) != plan.base:
            plan = plan_contacts(plan.parsed, current, plan.today, plan.rules)
        backup = None
        if not plan.is_empty:
            backup = store.backup("before-import")
            store.save_many([*plan.new, *plan.updated])
    return ImportResult(
        added=len(plan.new),
        updated=len(plan.updated),
        unchanged=plan.unchanged,
        skipped=len(plan.skipped),
        backup=backup,
    )
