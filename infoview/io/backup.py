"""Everything as one JSON file, and restoring it: validated, previewed, replaced or merged."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

import orjson
from pydantic import ValidationError

from infoview.duplicates import Confidence, duplicates_between
from infoview.io.importing import Decision, ImportProblem
from infoview.models import Contact, Record, friendly_errors, utcnow
from infoview.store import (
    CONTACT_CHILDREN,
    META,
    SCHEMA_VERSION,
    TABLES,
    Store,
    StoreDamagedError,
    parse_database,
    table_name,
)

FORMAT = "infoview-backup"
RestoreMode = Literal["replace", "merge"]
TABLE_LABELS = {
    "profile": "profile",
    "contacts": "contacts",
    "outreach": "asks",
    "plans": "call plans",
    "conversations": "conversations",
    "dismissals": "dismissed reminders",
    "templates": "email templates",
    "merges": "merges of two contacts",
    "kept_apart": "pairs kept apart",
    "touches": "times you were in touch",
    "rhythms": "keep-in-touch settings",
    "targets": "target employers",
}


class BackupProblem(ImportProblem):
    """A backup file that cannot be restored; the message says why and nothing was changed."""


@dataclass
class BackupContents:
    """The validated records of a backup, by table, in the order they were saved."""

    tables: dict[str, list[Record]]
    schema: int = SCHEMA_VERSION
    exported_at: datetime | None = None
    warnings: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        """Return how many records each table holds."""
        return {name: len(records) for name, records in self.tables.items()}

    def contacts(self) -> list[Contact]:
        """Return the backup's contacts."""
        return [r for r in self.tables.get(table_name(Contact), []) if isinstance(r, Contact)]


@dataclass(frozen=True)
class Conflict:
    """A record both the backup and the data hold, changed on both sides."""

    table: str
    id: str
    label: str
    backup_updated_at: datetime
    current_updated_at: datetime
    winner: Literal["backup", "current"]


@dataclass(frozen=True)
class TableChange:
    """What a restore does to one table."""

    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0


@dataclass(frozen=True)
class RestoreDuplicate:
    """A contact a merge-restore adds that may be a person already in the network."""

    new: Contact
    existing: Contact
    confidence: Confidence
    reason: str


@dataclass
class RestorePlan:
    """A preview of a restore: counts per table and the conflicts, before anything is written.

    A merge-restore also lists the contacts it adds that may be people already here, and
    the decision taken for each (by the backup contact's id): merge, keep apart, leave out.
    """

    mode: RestoreMode
    contents: BackupContents
    changes: dict[str, TableChange]
    conflicts: list[Conflict]
    possible: list[RestoreDuplicate] = field(default_factory=list)
    decisions: dict[str, Decision] = field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        """Return True when restoring would change nothing."""
        return not any(c.added or c.updated or c.removed for c in self.changes.values())


@dataclass(frozen=True)
class RestoreResult:
    """What an applied restore did, and where the data was backed up first."""

    changes: dict[str, TableChange]
    backup: Path | None
    merged: int = 0
    kept_apart: int = 0


def export_json(store: Store, exported_at: datetime | None = None) -> bytes:
    """Return every record as a JSON backup with a format marker and schema version."""
    payload = {
        "format": FORMAT,
        "schema": SCHEMA_VERSION,
        "exported_at": (exported_at or utcnow()).isoformat(),
        "tables": store.export_data(),
    }
    return orjson.dumps(payload, option=orjson.OPT_INDENT_2)


def _label(record: Record) -> str:
    for name in ("full_name", "name", "subject", "key"):
        if value := getattr(record, name, None):
            return str(value)
    return record.id


def _from_database_file(raw: bytes) -> BackupContents:
    """Read one of the store's own files (infoview.json or a file in backups/)."""
    try:
        _data, models = parse_database(raw, Path("backup"))
    except StoreDamagedError as exc:
        raise BackupProblem(f"This InfoView data file cannot be restored: {exc.reason}.") from exc
    return BackupContents(tables={name: list(models[name].values()) for name in TABLES})


def _validate_table(name: str, docs: Any) -> list[Record]:
    model = TABLES[name]
    what = TABLE_LABELS[name]
    if not isinstance(docs, list):
        raise BackupProblem(f"The backup's {what} are damaged (expected a list of records).")
    records: list[Record] = []
    seen: set[str] = set()
    for number, doc in enumerate(docs, start=1):
        if not isinstance(doc, dict):
            raise BackupProblem(f"Record {number} of the backup's {what} is damaged.")
        try:
            record = model.model_validate(doc)
        except ValidationError as exc:
            label = doc.get("full_name") or doc.get("name") or doc.get("id") or ""
            who = f" ({label})" if isinstance(label, str) and label else ""
            problems = "; ".join(friendly_errors(exc)[:3])
            raise BackupProblem(
                f"Record {number}{who} of the backup's {what} is not valid: {problems}."
            ) from exc
        if record.id in seen:
            raise BackupProblem(f"The backup's {what} hold id {record.id} twice.")
        seen.add(record.id)
        records.append(record)
    return records


def _dangling(tables: dict[str, list[Record]]) -> list[str]:
    """Warn about records that point at contacts the backup does not hold."""
    contacts = {c.id for c in tables.get("contacts", [])}
    warnings = []
    for name in ("outreach", "plans", "conversations"):
        lost = sum(1 for r in tables.get(name, []) if getattr(r, "contact_id", "") not in contacts)
        if lost:
            warnings.append(f"{lost} {TABLE_LABELS[name]} belong to contacts not in the backup.")
    return warnings


def read_backup(data: bytes) -> BackupContents:
    """Parse and validate a JSON backup (or one of the store's own files); raise BackupProblem."""
    if not data.strip():
        raise BackupProblem("The file is empty.")
    try:
        payload = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise BackupProblem(f"This is not a JSON backup: it is not valid JSON ({exc}).") from exc
    if isinstance(payload, dict) and META in payload:
        contents = _from_database_file(data)
        contents.warnings.extend(_dangling(contents.tables))
        return contents
    if not isinstance(payload, dict) or payload.get("format") != FORMAT:
        raise BackupProblem(
            "This JSON file is not an InfoView backup (its format marker is missing)."
        )
    schema = payload.get("schema")
    if not isinstance(schema, int) or isinstance(schema, bool) or schema < 1:
        raise BackupProblem("The backup's schema version is missing or not valid.")
    if schema > SCHEMA_VERSION:
        raise BackupProblem(
            f"This backup was made by a newer InfoView (schema {schema}; this version reads "
            f"up to {SCHEMA_VERSION}). Update InfoView to restore it."
        )
    tables = payload.get("tables")
    if not isinstance(tables, dict):
        raise BackupProblem("The backup holds no tables of records.")
    contents = BackupContents(
        tables={name: _validate_table(name, tables.get(name, [])) for name in TABLES},
        schema=schema,
    )
    try:
        contents.exported_at = datetime.fromisoformat(str(payload.get("exported_at")))
    except ValueError:
        contents.exported_at = None
    unknown = sorted(set(tables) - set(TABLES))
    if unknown:
        contents.warnings.append(
            f"Left out parts this version does not know: {', '.join(unknown)}."
        )
    contents.warnings.extend(_dangling(contents.tables))
    return contents


def _same(a: Record, b: Record) -> bool:
    return a.model_dump(mode="json") == b.model_dump(mode="json")


def _merge_table(
    name: str, backup: list[Record], current: list[Record], mode: RestoreMode
) -> tuple[list[Record], TableChange, list[Conflict]]:
    """Return a table's records after the restore, what changed, and the conflicts."""
    now = {r.id: r for r in current}
    theirs = {r.id: r for r in backup}
    added = updated = unchanged = 0
    conflicts: list[Conflict] = []
    result: dict[str, Record] = {} if mode == "replace" else dict(now)
    for record in backup:
        mine = now.get(record.id)
        if mine is None:
            added += 1
            result[record.id] = record
            continue
        if _same(mine, record):
            unchanged += 1
            result[record.id] = mine
            continue
        # Merging keeps the newer side; a tie keeps what is there now.
        backup_wins = mode == "replace" or record.updated_at > mine.updated_at
        conflicts.append(
            Conflict(
                table=name,
                id=record.id,
                label=_label(record),
                backup_updated_at=record.updated_at,
                current_updated_at=mine.updated_at,
                winner="backup" if backup_wins else "current",
            )
        )
        if backup_wins:
            updated += 1
            result[record.id] = record
        else:
            unchanged += 1
    removed = sum(1 for rid in now if rid not in theirs) if mode == "replace" else 0
    change = TableChange(added=added, updated=updated, removed=removed, unchanged=unchanged)
    return list(result.values()), change, conflicts


def _restored_tables(
    contents: BackupContents, store: Store, mode: RestoreMode
) -> tuple[dict[str, list[Record]], dict[str, TableChange], list[Conflict]]:
    tables: dict[str, list[Record]] = {}
    changes: dict[str, TableChange] = {}
    conflicts: list[Conflict] = []
    for name in TABLES:
        records, change, found = _merge_table(
            name, contents.tables.get(name, []), store.all(name), mode
        )
        tables[name], changes[name] = records, change
        conflicts.extend(found)
    return tables, changes, conflicts


def _possible_duplicates(contents: BackupContents, store: Store) -> list[RestoreDuplicate]:
    """Return the contacts a merge-restore adds that may be people already in the network."""
    current = store.contacts(include_archived=True)
    here = {c.id for c in current}
    incoming = [c for c in contents.contacts() if c.id not in here]
    matches = duplicates_between(incoming, current)
    by_id = {c.id: c for c in current}
    found = []
    for contact in incoming:
        match = matches.get(contact.id)
        if match is not None:
            other = by_id[match.b if match.a == contact.id else match.a]
            found.append(RestoreDuplicate(contact, other, match.confidence, match.reason))
    return found


def _without(contents: BackupContents, left_out: set[str]) -> BackupContents:
    """Return the backup without the contacts left out, their asks, plans and conversations."""
    if not left_out:
        return contents
    tables: dict[str, list[Record]] = {}
    for name, records in contents.tables.items():
        kept: list[Record] = []
        for record in records:
            if isinstance(record, Contact):
                if record.id in left_out:
                    continue
                if record.referred_by in left_out:
                    record = record.model_copy(update={"referred_by": None})
            elif name in CONTACT_CHILDREN and _contact_of(record) in left_out:
                continue
            kept.append(record)
        tables[name] = kept
    return BackupContents(tables, contents.schema, contents.exported_at, list(contents.warnings))


def _contact_of(record: Record) -> str | None:
    """Return the contact a record belongs to (asks, plans, conversations...), else None."""
    return getattr(record, "contact_id", None)


def plan_restore(
    contents: BackupContents,
    store: Store,
    mode: RestoreMode,
    decisions: dict[str, Decision] | None = None,
) -> RestorePlan:
    """Preview a restore: per table what is added, updated, removed or unchanged, and conflicts.

    ``decisions`` (merge mode) say, by backup contact id, what to do with each possible
    duplicate; the counts are those of the restore the decisions lead to.
    """
    if mode not in ("replace", "merge"):
        raise ValueError(f"unknown restore mode {mode!r}")
    chosen = dict(decisions or {}) if mode == "merge" else {}
    skipped = {cid for cid, d in chosen.items() if d == "skip"}
    _tables, changes, conflicts = _restored_tables(_without(contents, skipped), store, mode)
    possible = _possible_duplicates(contents, store) if mode == "merge" else []
    return RestorePlan(mode, contents, changes, conflicts, possible, chosen)


def apply_restore(store: Store, plan: RestorePlan) -> RestoreResult:
    """Back up the data, then restore the backup in one commit (merging against fresh data).

    In merge mode the contacts decided as someone already here are then merged into that
    person (each merge undoable) or remembered as different people, in the same commit.
    """
    from infoview.merge import apply_merge, keep_apart, plan_merge

    with store.transaction():
        # Worked out again under the lock, so a change made since the preview is not lost.
        skipped = {cid for cid, d in plan.decisions.items() if d == "skip"}
        contents = _without(plan.contents, skipped)
        tables, changes, _conflicts = _restored_tables(contents, store, plan.mode)
        if not any(c.added or c.updated or c.removed for c in changes.values()):
            return RestoreResult(changes=changes, backup=None)
        backup = store.backup("before-restore")
        store.replace_all(tables)
        merged = apart = 0
        for dup in plan.possible:
            decision = plan.decisions.get(dup.new.id, "later")
            if store.contact(dup.new.id) is None or store.contact(dup.existing.id) is None:
                continue
            if decision == "merge":
                merge = plan_merge(store, dup.existing.id, dup.new.id)
                apply_merge(store, merge, check_revisions=False, backup=False)
                merged += 1
            elif decision == "apart":
                keep_apart(store, dup.existing.id, dup.new.id)
                apart += 1
    return RestoreResult(changes=changes, backup=backup, merged=merged, kept_apart=apart)
