"""What the Your data page says about files, imports, backups and deletion: words and tables.

Pure helpers (no Streamlit): a file's size in words, which importer a file needs, the demo's
upload limits, and the preview tables and one-sentence summaries of imports and restores.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import pandas as pd

from infoview.dates import moment_text
from infoview.io.backup import (
    TABLE_LABELS,
    Conflict,
    RestorePlan,
)
from infoview.io.importing import (
    ImportPlan,
    ImportPreview,
    ImportResult,
    ParsedImport,
    ProgressCallback,
    SkippedRow,
    plan_import,
)
from infoview.io.linkedin import parse_linkedin
from infoview.io.vcard import parse_vcards
from infoview.models import Contact, field_label
from infoview.store import RECORD_NOUNS
from infoview.wording import counted

DEMO_MAX_UPLOAD_BYTES = 2_000_000
DEMO_MAX_UPLOAD_ROWS = 5_000

PREVIEW_ROWS = 500

Parser = Callable[[bytes], ParsedImport]
Planner = Callable[[ParsedImport, list[Contact], date, ProgressCallback | None], ImportPlan]
FORMATS: dict[str, tuple[str, Parser, Planner]] = {
    "linkedin": ("LinkedIn connections", parse_linkedin, plan_import),
    "vcard": ("vCard contacts", parse_vcards, plan_import),
}
REASON_LABELS = {
    "daily": "Daily (first opening of the day)",
    "manual": "Made by you",
    "before-import": "Before an import",
    "before-restore": "Before a restore",
    "before-delete-all": "Before deleting everything",
    "before-merge": "Before merging two contacts",
    "before-undo-merge": "Before undoing a merge",
}
# What "delete all" removes, table by table: (one, many).
NOUNS = RECORD_NOUNS
TABLE_NAMES = {"profile": "Your story and settings"} | {
    table: many.capitalize() for table, (_, many) in NOUNS.items()
}
RESTORE_MODES = {
    "merge": "Merge: keep what is only here, add what is only in the backup; "
    "where both changed a record, the newer version wins",
    "replace": "Replace: make my data exactly what the backup holds",
}


# ------------------------------------------------------------------------ small pure helpers
def size_text(size: int) -> str:
    """Return a file size the way people say it: '812 bytes', '14 kB', '2.4 MB'."""
    if size < 1_000:
        return counted(size, "byte")
    if size < 1_000_000:
        return f"{size / 1_000:.0f} kB"
    return f"{size / 1_000_000:.1f} MB"


def file_key(name: str, data: bytes) -> str:
    """Return the key an upload's work is kept under: its name, size and content hash."""
    return f"{name}|{len(data)}|{hashlib.sha256(data).hexdigest()}"


def import_kind(name: str, data: bytes) -> str:
    """Return 'vcard' for a .vcf file (by its name or its first line), else 'linkedin'."""
    if name.lower().endswith((".vcf", ".vcard")):
        return "vcard"
    head = data[:512].removeprefix(b"\xef\xbb\xbf").lstrip().upper()
    return "vcard" if head.startswith(b"BEGIN:VCARD") else "linkedin"


def demo_upload_problem(size: int, rows: int | None = None) -> str | None:
    """Return why the demo turns a file away (too many bytes, or rows once read), or None."""
    limits = (
        f"The demo takes files up to {size_text(DEMO_MAX_UPLOAD_BYTES)} and "
        f"{DEMO_MAX_UPLOAD_ROWS:,} rows"
    )
    if size > DEMO_MAX_UPLOAD_BYTES:
        return f"This file is {size_text(size)}. {limits}: try a smaller one."
    if rows is not None and rows > DEMO_MAX_UPLOAD_ROWS:
        return f"This file holds {rows:,} rows. {limits}: try a smaller one."
    return None


def reason_label(reason: str) -> str:
    """Return why a backup was made, in words."""
    return REASON_LABELS.get(reason, reason.replace("-", " ").capitalize())


def deletion_summary(counts: dict[str, int]) -> list[str]:
    """Return what deleting everything removes, one phrase per table that holds something."""
    phrases = [counted(counts[t], one, many) for t, (one, many) in NOUNS.items() if counts.get(t)]
    if counts.get("profile"):
        phrases.append("your story and settings")
    return phrases


def import_button_label(plan: ImportPlan, preview: ImportPreview | None = None) -> str:
    """Return the import button's label: what clicking it will do."""
    new, updated = len(plan.new), len(plan.updated)
    if preview is not None:
        new, updated = len(preview.added), len(preview.updated) + len(preview.merges)
    if new and updated:
        return f"Import {counted(new, 'contact')} and update {updated:,}"
    if new:
        return f"Import {counted(new, 'contact')}"
    return f"Update {counted(updated, 'contact')}"


def import_summary(result: ImportResult) -> str:
    """Return what an import did, in one sentence."""
    parts = [
        counted(result.added, "new contact"),
        f"{result.updated:,} updated",
        f"{result.unchanged:,} already up to date",
    ]
    if result.skipped:
        parts.append(f"{result.skipped:,} skipped")
    if result.merged:
        parts.append(f"{result.merged:,} merged into people you had")
    if result.kept_apart:
        parts.append(f"{result.kept_apart:,} kept apart from namesakes")
    sentence = "Imported: " + ", ".join(parts) + "."
    if result.backup is not None:
        sentence += " Your data from just before the import is in the backups folder."
    return sentence


def skipped_frame(skipped: list[SkippedRow], kind: str) -> pd.DataFrame:
    """Return the skipped rows as a table (the labels are user text: a table shows them as is)."""
    where = "Card" if kind == "vcard" else "Line"
    rows = skipped[:PREVIEW_ROWS]
    return pd.DataFrame(
        {
            where: [s.line for s in rows],
            "Name or detail": [s.label for s in rows],
            "Why it was left out": [s.reason for s in rows],
        }
    )


def new_frame(contacts: list[Contact]) -> pd.DataFrame:
    """Return the first new contacts as a table."""
    rows = contacts[:PREVIEW_ROWS]
    return pd.DataFrame(
        {
            "Name": [c.full_name for c in rows],
            "Organization": [c.organization for c in rows],
            "Title": [c.title for c in rows],
            "Joined your network": [c.joined_on for c in rows],
        }
    )


def updated_frame(plan: ImportPlan) -> pd.DataFrame:
    """Return who an import updates and which of their fields change."""
    rows = plan.updated[:PREVIEW_ROWS]
    changes = [plan.changed_fields.get(c.id, ()) for c in rows]
    return pd.DataFrame(
        {
            "Name": [c.full_name for c in rows],
            "What changes": [", ".join(field_label(f) for f in ch) for ch in changes],
        }
    )


def changes_frame(plan: RestorePlan) -> pd.DataFrame:
    """Return what a restore does to each table that the backup or the data holds."""
    names = [n for n, c in plan.changes.items() if c.added or c.updated or c.removed or c.unchanged]
    return pd.DataFrame(
        {
            "What": [TABLE_NAMES.get(n, TABLE_LABELS[n]) for n in names],
            "Added": [plan.changes[n].added for n in names],
            "Updated": [plan.changes[n].updated for n in names],
            "Removed": [plan.changes[n].removed for n in names],
            "Unchanged": [plan.changes[n].unchanged for n in names],
        }
    )


def conflicts_frame(conflicts: list[Conflict], tz_name: str = "") -> pd.DataFrame:
    """Return the records changed on both sides, and which version a merge keeps."""
    rows = conflicts[:PREVIEW_ROWS]
    return pd.DataFrame(
        {
            "What": [TABLE_NAMES.get(c.table, c.table) for c in rows],
            "Record": [c.label for c in rows],
            "Changed in the backup": [_when(c.backup_updated_at, tz_name) for c in rows],
            "Changed here": [_when(c.current_updated_at, tz_name) for c in rows],
            "Kept": ["the backup's" if c.winner == "backup" else "yours" for c in rows],
        }
    )


def _when(moment: datetime, tz_name: str) -> str:
    """Return a stored time in the profile's time zone (or UTC), to the second, zone named."""
    return moment_text(moment, tz_name, seconds=True)


def restore_summary(plan_changes: dict[str, Any], merged: int = 0) -> str:
    """Return what a restore did, in one sentence."""
    added = sum(c.added for c in plan_changes.values())
    updated = sum(c.updated for c in plan_changes.values())
    removed = sum(c.removed for c in plan_changes.values())
    sentence = (
        f"Restored: {counted(added, 'record')} added, {updated:,} updated, {removed:,} removed"
    )
    if merged:
        sentence += f", {counted(merged, 'contact')} merged into people you had"
    return sentence + "."
