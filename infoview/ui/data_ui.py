"""The Your data page's widgets: where the data lives, import, export, restore and delete all.

An uploaded file is read once: what it holds (or what is wrong with it) is kept in session
state under the file's name, size and hash, and its preview under that key and the data's
revision, so a rerun neither reads the file again nor matches 30,000 rows again. Exports are
built only when their button is clicked.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import pandas as pd
import streamlit as st

from infoview.conversations import home_numbers
from infoview.dates import moment_text
from infoview.demo import has_sample, load_sample, remove_sample
from infoview.io.backup import (
    TABLE_LABELS,
    BackupContents,
    BackupProblem,
    Conflict,
    RestorePlan,
    apply_restore,
    export_json,
    plan_restore,
    read_backup,
)
from infoview.io.csv_export import contacts_to_csv
from infoview.io.importing import (
    ImportPlan,
    ImportPreview,
    ImportProblem,
    ImportResult,
    ParsedImport,
    ProgressCallback,
    SkippedRow,
    apply_import,
    preview_import,
)
from infoview.io.linkedin import parse_linkedin, plan_import
from infoview.io.vcard import contacts_to_vcard, parse_vcards, plan_vcard_import
from infoview.models import Contact, field_label
from infoview.store import TABLES, BackupInfo, Store, StoreError
from infoview.ui import pages
from infoview.ui.duplicates_ui import import_duplicates, restore_duplicates
from infoview.ui.setup import DEMO_MAX_UPLOAD_BYTES, DEMO_MAX_UPLOAD_ROWS, flash
from infoview.ui.text import md_escape
from infoview.wording import counted

_ROUND = "dt_round"  # bumped after an import or restore, so the uploaders start empty
_PARSED = "dt_parsed"  # (file key, ParsedImport or the problem's message)
_PLAN = "dt_plan"  # ((file key, data revision), ImportPlan)
_BACKUP_FILE = "dt_backup_file"  # (file key, BackupContents or the problem's message)
_RESTORE_PLAN = "dt_restore_plan"  # ((file key, mode, data revision), RestorePlan)
_IMPORT_DONE = "dt_import_done"
_RESTORE_DONE = "dt_restore_done"
PREVIEW_ROWS = 500

Parser = Callable[[bytes], ParsedImport]
Planner = Callable[[ParsedImport, list[Contact], date, ProgressCallback | None], ImportPlan]
FORMATS: dict[str, tuple[str, Parser, Planner]] = {
    "linkedin": ("LinkedIn connections", parse_linkedin, plan_import),
    "vcard": ("vCard contacts", parse_vcards, plan_vcard_import),
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
NOUNS = {
    "contacts": ("contact", "contacts"),
    "outreach": ("ask", "asks"),
    "plans": ("call plan", "call plans"),
    "conversations": ("conversation", "conversations"),
    "dismissals": ("dismissed reminder", "dismissed reminders"),
    "templates": ("email template", "email templates"),
    "merges": ("merge record", "merge records"),
    "kept_apart": ("pair kept apart", "pairs kept apart"),
    "touches": ("time in touch", "times in touch"),
    "rhythms": ("keep-in-touch setting", "keep-in-touch settings"),
    "targets": ("target employer", "target employers"),
}
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


def _zone(store: Store) -> str:
    """Return the time zone the user set in their profile ("" for none: times show in UTC)."""
    return store.profile().timezone


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


# ------------------------------------------------------------------------------ session
def _round() -> int:
    return st.session_state.get(_ROUND, 0)


def _forget(*slots: str) -> None:
    for slot in slots:
        st.session_state.pop(slot, None)


def _start_over_uploads() -> None:
    st.session_state[_ROUND] = _round() + 1
    _forget(_PARSED, _PLAN, _BACKUP_FILE, _RESTORE_PLAN)


def _remembered(slot: str, key: Any, build: Callable[[], Any]) -> Any:
    """Return build() for this key, kept in session state until the key changes."""
    kept = st.session_state.get(slot)
    if kept is not None and kept[0] == key:
        return kept[1]
    value = build()
    st.session_state[slot] = (key, value)
    return value


def _error(what: str, exc: Exception) -> None:
    st.error(f"{what}: {md_escape(exc)}")


def _link(page: str, label: str, icon: str) -> None:
    st.page_link(page, label=label, icon=icon)


# ------------------------------------------------------------------------ where it lives
def where_it_lives(store: Store, demo: bool, hosted: bool = False) -> None:
    """Say where the data file and its backups are, and how to keep them elsewhere."""
    with st.container(border=True):
        if hosted:
            st.markdown(
                "**Where your data lives:** in this InfoView's database, filed under your "
                "sign-in. Only you can see it, from any browser where you sign in. To keep "
                "a copy of your own, download a JSON backup under **Export**; to bring in "
                "what you kept in InfoView on your own computer, use **Restore**."
            )
            return
        if demo or store.path is None:
            st.markdown(
                "**Where your data lives:** only in this browser tab's memory. Nothing is "
                "written to the server's disk, and closing or reloading the tab starts over. "
                "To keep what you made, download a JSON backup under **Export**."
            )
            return
        # Plain text, not st.code: a code box loads a syntax highlighter that took about a
        # third of a second of browser time on every visit to this page.
        left, right = st.columns(2)
        with left:
            st.markdown("**Your data file**")
            st.text(str(store.path))
        with right:
            st.markdown("**Backups folder**")
            st.text(str(store.backup_dir))
        saved = store.path.exists()
        st.caption(
            ("" if saved else "The file is created with your first save. ")
            + "Everything you enter is kept in this one file on this computer. InfoView copies "
            "it to the backups folder once a day (the last 7 days are kept) and before every "
            "import, restore or delete-all (the last 20). To keep your data in another folder, "
            "set the environment variable `INFOVIEW_DATA_DIR` to that folder before you start "
            "InfoView."
        )
        if store.backup_error:
            st.warning(
                f"Backups need attention: {md_escape(store.backup_error)}.",
                icon=":material/warning:",
            )


# ---------------------------------------------------------------------------- sample data
def _is_empty(store: Store) -> bool:
    return not any(store.count(table) for table in TABLES)


def sample_section(store: Store, demo: bool, today: date) -> None:
    """Offer to remove the sample data while it is here, or to load it into an empty database."""
    if has_sample(store):
        count = store.cached(
            ("dt_sample_contacts",),
            lambda: sum(1 for c in store.contacts(include_archived=True) if c.sample),
        )
        with st.container(border=True):
            text, button = st.columns([3, 1], vertical_alignment="center")
            text.markdown(
                f"**Sample data is loaded:** {counted(count, 'fictional contact')} with "
                "their asks, plans and conversations. Remove it when you are ready for your "
                "own network; whatever you added yourself stays."
            )
            if button.button(
                "Remove sample data",
                icon=":material/delete_sweep:",
                key="dt_remove_sample",
                width="stretch",
            ):
                try:
                    removed = remove_sample(store)
                except StoreError as exc:
                    _error("The sample data could not be removed", exc)
                    return
                flash(f"Removed {counted(removed, 'sample record')}.", "🧹")
                st.rerun()
    elif not demo and _is_empty(store):
        with st.container(border=True):
            text, button = st.columns([3, 1], vertical_alignment="center")
            text.markdown(
                "**Nothing here yet.** Import your network below, or look around first with "
                "a fictional network and its history; you can remove it in one click."
            )
            if button.button(
                "Explore with sample data",
                icon=":material/science:",
                key="dt_load_sample",
                width="stretch",
            ):
                try:
                    loaded = load_sample(store, today)
                except StoreError as exc:
                    _error("The sample data could not be loaded", exc)
                    return
                flash(f"Loaded {counted(loaded, 'sample record')}.", "🧪")
                st.rerun()


# --------------------------------------------------------------------------------- import
def _read_import(kind: str, key: str, data: bytes, demo: bool) -> ParsedImport | str:
    def build() -> ParsedImport | str:
        try:
            parsed = FORMATS[kind][1](data)
        except ImportProblem as exc:
            return str(exc)
        too_big = demo_upload_problem(len(data), parsed.total) if demo else None
        return too_big or parsed

    return _remembered(_PARSED, key, build)


def _plan_import(
    store: Store, kind: str, key: str, parsed: ParsedImport, today: date
) -> ImportPlan:
    def build() -> ImportPlan:
        bar = st.progress(0.0, text="Comparing the file with your contacts…")

        def report(done: int, total: int) -> None:
            text = f"Comparing row {done:,} of {total:,} with your contacts…"
            bar.progress(done / total if total else 1.0, text=text)

        plan = FORMATS[kind][2](parsed, store.contacts(include_archived=True), today, report)
        bar.empty()
        return plan

    return _remembered(_PLAN, (key, store.revision), build)


def _import_preview(plan: ImportPlan, kind: str, key: str) -> ImportPreview:
    """Show what the import will do, ask about possible duplicates, return the preview."""
    new, updated = len(plan.new), len(plan.updated)
    st.markdown("**Preview** · nothing is saved until you click the button below.")
    figures_box = st.container()
    decisions = import_duplicates(plan, key)
    preview = preview_import(plan, decisions)
    skipped = len(preview.skipped)
    with figures_box:
        figures = st.columns(5 if plan.possible else 4)
        figures[0].metric("New", f"{preview.new_count:,}")
        figures[1].metric("Updated", f"{updated:,}", help="Empty fields filled, job refreshed")
        figures[2].metric("Already up to date", f"{plan.unchanged:,}")
        figures[3].metric("Left out", f"{skipped:,}")
        if plan.possible:
            figures[4].metric("Merged", f"{len(preview.merges):,}", help="Into people you had")
    for warning in plan.warnings:
        st.warning(md_escape(warning), icon=":material/warning:")
    more = " (the first 500)"
    if new:
        with st.expander(f"New contacts{more if new > PREVIEW_ROWS else ''}"):
            st.dataframe(new_frame(plan.new), hide_index=True, width="stretch")
    if updated:
        with st.expander(f"Contacts that change{more if updated > PREVIEW_ROWS else ''}"):
            st.caption(
                "An import fills empty fields and refreshes organization and title; "
                "it never overwrites what you wrote yourself."
            )
            st.dataframe(updated_frame(plan), hide_index=True, width="stretch")
    if skipped:
        with st.expander(f"Left out{more if skipped > PREVIEW_ROWS else ''}", expanded=True):
            st.dataframe(skipped_frame(preview.skipped, kind), hide_index=True, width="stretch")
    return preview


def import_section(store: Store, demo: bool, today: date) -> None:
    """Upload a LinkedIn export or a vCard file, preview what it changes, then import it."""
    st.markdown(
        "Bring in the network you already have. **From LinkedIn:** open *Settings & Privacy* "
        "→ *Data privacy* → *Get a copy of your data*, choose *Connections*, and LinkedIn "
        "emails you a link to `Connections.csv`. **From a phone or mail app:** export your "
        "contacts as a vCard (`.vcf`) file."
    )
    st.caption(
        "The date you connected on LinkedIn becomes the day they joined your network, so "
        "your growth chart starts with your real history. Importing the same file again "
        "adds nobody twice."
    )
    if demo:
        st.info(
            f"In the demo, files can be up to {size_text(DEMO_MAX_UPLOAD_BYTES)} and "
            f"{DEMO_MAX_UPLOAD_ROWS:,} rows. Please don't upload real people's contacts here: "
            "try a small made-up file, or run InfoView on your own computer.",
            icon=":material/science:",
        )
    upload = st.file_uploader(
        "LinkedIn Connections.csv or a vCard (.vcf) file",
        type=["csv", "txt", "vcf", "vcard"],
        key=f"dt_import_file_{_round()}",
        max_upload_size=-(-DEMO_MAX_UPLOAD_BYTES // 1_000_000) if demo else None,
    )
    if upload is None:
        # The file is gone (cleared, or the page was left): so is the work kept for it.
        _forget(_PARSED, _PLAN)
        done = st.session_state.get(_IMPORT_DONE)
        if done:
            st.success(md_escape(done), icon=":material/check_circle:")
            _link(pages.RESEARCH.path, "See them in 2 · Research", ":material/travel_explore:")
            _link(pages.NETWORK.path, "See your network grow", ":material/monitoring:")
        return
    st.session_state.pop(_IMPORT_DONE, None)
    data = upload.getvalue()
    if demo and (too_big := demo_upload_problem(len(data))):
        st.warning(too_big, icon=":material/science:")
        return
    kind = import_kind(upload.name, data)
    key = file_key(upload.name, data)
    parsed = _read_import(kind, key, data, demo)
    if isinstance(parsed, str):
        st.error(f"{md_escape(parsed)} Nothing was imported.")
        return
    st.caption(f"Read as {FORMATS[kind][0]}: {counted(parsed.total, 'row')}.")
    plan = _plan_import(store, kind, key, parsed, today)
    preview = _import_preview(plan, kind, key)
    if preview.is_empty:
        if plan.unchanged:
            st.info(
                "Everyone in this file is already in your network and up to date, so there "
                "is nothing to import."
            )
        else:
            st.error(
                "Nothing in this file can be imported: every row was left out (see why above)."
            )
        return
    label = import_button_label(plan, preview)
    if st.button(label, type="primary", key=f"dt_import_{_round()}"):
        try:
            result = apply_import(store, plan, preview.decisions)
        except StoreError as exc:
            _error("Nothing was imported", exc)
            return
        st.session_state[_IMPORT_DONE] = import_summary(result)
        _start_over_uploads()
        st.rerun()


# --------------------------------------------------------------------------------- export
def export_section(store: Store, today: date) -> None:
    """Offer everything as a JSON backup, and the contacts as CSV and vCard, built on click."""
    contacts = store.count("contacts")
    figs = home_numbers(store)[0]
    # Exports hold archived people too; say so, since Home counts only active ones.
    held = f" ({figs.archived:,} archived included)" if figs.archived else ""
    stamp = today.isoformat()
    json_box, csv_box, vcf_box = st.columns(3)
    with json_box.container(border=True):
        st.markdown("**Everything** · JSON backup")
        st.caption(
            "Every record exactly as stored: the lossless format. Restore it here, or "
            "on another computer."
        )
        backup_button(store, today, key="dt_export_json")
    with csv_box.container(border=True):
        st.markdown("**Contacts** · CSV for spreadsheets")
        st.caption(
            "Opens safely in Excel, Numbers or Sheets (cells that could run as formulas "
            "are defused). Keep the JSON backup too: CSV leaves out your asks and talks."
        )
        st.download_button(
            f"Download {counted(contacts, 'contact')} as CSV{held}",
            data=lambda: contacts_to_csv(store.contacts(include_archived=True)),
            file_name=f"infoview-contacts-{stamp}.csv",
            mime="text/csv",
            on_click="ignore",
            icon=":material/table:",
            key="dt_export_csv",
            disabled=not contacts,
            width="stretch",
        )
    with vcf_box.container(border=True):
        st.markdown("**Contacts** · vCard")
        st.caption("For a phone or mail app: name, organization, title, email, links, notes.")
        st.download_button(
            f"Download {counted(contacts, 'contact')} as vCard{held}",
            data=lambda: contacts_to_vcard(store.contacts(include_archived=True)),
            file_name=f"infoview-contacts-{stamp}.vcf",
            mime="text/vcard",
            on_click="ignore",
            icon=":material/contact_page:",
            key="dt_export_vcf",
            disabled=not contacts,
            width="stretch",
        )


def backup_button(store: Store, today: date, key: str, label: str = "Download JSON backup"):
    """Draw a download button for the JSON backup; it is built only when clicked."""
    st.download_button(
        label,
        data=lambda: export_json(store),
        file_name=f"infoview-backup-{today.isoformat()}.json",
        mime="application/json",
        on_click="ignore",
        icon=":material/download:",
        key=key,
        width="stretch",
    )


# -------------------------------------------------------------------------------- restore
def _read_backup_file(key: str, data: bytes, demo: bool) -> BackupContents | str:
    def build() -> BackupContents | str:
        try:
            contents = read_backup(data)
        except BackupProblem as exc:
            return str(exc)
        rows = sum(contents.counts().values())
        return (demo_upload_problem(len(data), rows) if demo else None) or contents

    return _remembered(_BACKUP_FILE, key, build)


def _backup_caption(contents: BackupContents, tz_name: str = "") -> str:
    counts = contents.counts()
    held = ", ".join(deletion_summary({t: counts.get(t, 0) for t in TABLES}))
    made = f"Made {moment_text(contents.exported_at, tz_name)}" if contents.exported_at else ""
    return " · ".join(p for p in (made, f"holds {held or 'no records'}") if p)


def restore_section(store: Store, demo: bool, hosted: bool = False) -> None:
    """Restore a JSON backup file (replace or merge, previewed) or one of the store's backups."""
    st.markdown("## From a backup file")
    if hosted:
        st.caption(
            "A JSON backup from this page works, and so does the data of InfoView on your "
            "own computer: its file infoview.json, or any file in its backups folder. "
            "Merge adds it to what you have here; replace swaps everything for it."
        )
    upload = st.file_uploader(
        "An InfoView JSON backup",
        type=["json"],
        key=f"dt_backup_file_{_round()}",
        max_upload_size=-(-DEMO_MAX_UPLOAD_BYTES // 1_000_000) if demo else None,
    )
    done = st.session_state.get(_RESTORE_DONE)
    if upload is None:
        _forget(_BACKUP_FILE, _RESTORE_PLAN)
        if done:
            st.success(md_escape(done), icon=":material/check_circle:")
    if upload is not None:
        st.session_state.pop(_RESTORE_DONE, None)
        _restore_preview(store, upload.name, upload.getvalue(), demo)
    if hosted:
        return  # the database's backups are the operator's (pg_dump), not one user's
    st.markdown("## From InfoView's own backups")
    backups_list(store)


def _restore_preview(store: Store, name: str, data: bytes, demo: bool) -> None:
    key = file_key(name, data)
    contents = _read_backup_file(key, data, demo)
    if isinstance(contents, str):
        st.error(f"{md_escape(contents)} Nothing was changed.")
        return
    st.caption(md_escape(_backup_caption(contents, _zone(store))))
    for warning in contents.warnings:
        st.warning(md_escape(warning), icon=":material/warning:")
    mode = st.radio(
        "How to restore", list(RESTORE_MODES), format_func=RESTORE_MODES.get, key="dt_restore_mode"
    )
    plan = _remembered(
        _RESTORE_PLAN, (key, mode, store.revision), lambda: plan_restore(contents, store, mode)
    )
    decisions = restore_duplicates(plan, key) if mode == "merge" else {}
    if any(d != "later" for d in decisions.values()):
        plan = plan_restore(contents, store, mode, decisions)
    st.markdown("**What will change**")
    st.dataframe(changes_frame(plan), hide_index=True, width="stretch")
    if mode == "merge" and plan.conflicts:
        st.markdown(
            f"**Changed on both sides** · {counted(len(plan.conflicts), 'record')}; "
            "the newer version of each is kept."
        )
        st.dataframe(
            conflicts_frame(plan.conflicts, _zone(store)), hide_index=True, width="stretch"
        )
    removed = sum(c.removed for c in plan.changes.values())
    if mode == "replace" and removed:
        st.warning(
            f"Replacing removes {counted(removed, 'record')} that the backup does not "
            "hold. "
            + (
                # The demo keeps nothing on disk, so there is no automatic backup to go back to.
                "The demo makes no backup of its own: save one first if you may want them back."
                if demo
                else "Your current data is backed up first."
            ),
            icon=":material/warning:",
        )
    if plan.is_empty:
        st.info("Your data already matches this backup, so restoring would change nothing.")
        return
    label = "Merge this backup in" if mode == "merge" else "Replace my data with this backup"
    if st.button(label, type="primary", key=f"dt_restore_apply_{_round()}"):
        try:
            result = apply_restore(store, plan)
        except StoreError as exc:
            _error("Nothing was restored", exc)
            return
        st.session_state[_RESTORE_DONE] = restore_summary(result.changes, result.merged)
        _start_over_uploads()
        st.rerun()


def backups_list(store: Store) -> None:
    """List the store's own backups (date, reason, size), each with a restore button."""
    if store.path is None:
        st.caption(
            "In demo mode nothing is kept on disk, so there are no automatic backups. "
            "Download a JSON backup under Export to keep a copy."
        )
        return
    found = store.backups()
    if st.button("Make a backup now", icon=":material/backup:", key="dt_backup_now"):
        try:
            path = store.backup("manual")
        except (StoreError, OSError) as exc:
            _error("The backup could not be made", exc)
        else:
            flash(f"Backup made: {md_escape(path.name if path else '')}")
            st.rerun()
    if not found:
        st.info(
            "No backups yet. InfoView makes one the first time it opens your file each "
            "day, and before every import, restore or delete-all."
        )
        return
    sure = st.checkbox(
        "I understand that restoring one of these replaces all my current data "
        "(InfoView backs it up first)",
        key="dt_backup_sure",
    )
    zone = _zone(store)
    with st.container(height=min(60 + 48 * len(found), 380), border=True):
        for info in found:
            _backup_row(store, info, sure, zone)


def _backup_row(store: Store, info: BackupInfo, sure: bool, zone: str) -> None:
    when, why, size, action = st.columns([2, 3, 1, 1], vertical_alignment="center")
    when.text(moment_text(info.created, zone))
    why.text(reason_label(info.reason))
    size.text(size_text(info.size))
    if action.button("Restore", key=f"dt_restore_{info.path.name}", disabled=not sure):
        try:
            store.restore_backup(info.path)
        except (StoreError, OSError) as exc:
            _error("Nothing was restored", exc)
            return
        flash(f"Restored the backup from {moment_text(info.created, zone)}.")
        st.rerun()


# ---------------------------------------------------------------------------- delete all
def delete_section(store: Store, demo: bool, today: date) -> None:
    """Delete every record after a backup is offered and DELETE is typed."""
    counts = {table: store.count(table) for table in TABLES}
    if not any(counts.values()):
        st.info("There is nothing to delete: your data is empty.")
        return
    st.markdown(
        "**Keep a copy first.** Once deleted, your data cannot be brought back from this page."
    )
    with st.columns([1, 2])[0]:
        backup_button(store, today, key="dt_delete_backup", label="Download a JSON backup first")
    st.warning(
        "Deleting everything removes:\n"
        + "\n".join(f"- {phrase}" for phrase in deletion_summary(counts)),
        icon=":material/delete:",
    )
    if not demo and store.backup_dir is not None:
        st.caption(
            "As a safety net, InfoView first copies the file to its backups folder "
            f"({md_escape(store.backup_dir)}). To leave nothing behind, delete that folder "
            "too afterwards."
        )
    with st.form("dt_delete_all", clear_on_submit=True, border=True):
        typed = st.text_input("Type DELETE to confirm", key="dt_delete_typed")
        go = st.form_submit_button(
            "Delete all my data", type="primary", icon=":material/delete_forever:"
        )
    if not go:
        return
    if typed.strip() != "DELETE":
        st.error("Nothing was deleted. To confirm, type DELETE in capital letters.")
        return
    try:
        store.delete_everything()
    except StoreError as exc:
        _error("Nothing was deleted", exc)
        return
    flash("All your data is deleted.", "🗑️")
    st.rerun()


def delete_account_section(store: Store, today: date) -> None:
    """Delete the signed-in user's account and every record of theirs, after typed consent."""
    from infoview.ui.hosted import sign_out

    st.divider()
    st.markdown("## Delete my account")
    st.markdown(
        "This removes your account and everything you saved in this InfoView, then signs "
        "you out. Signing in again later starts with an empty network."
    )
    with st.columns([1, 2])[0]:
        backup_button(store, today, key="dt_account_backup", label="Download a JSON backup first")
    with st.form("dt_delete_account", clear_on_submit=True, border=True):
        typed = st.text_input("Type DELETE MY ACCOUNT to confirm", key="dt_account_typed")
        go = st.form_submit_button(
            "Delete my account and all my data", type="primary", icon=":material/person_remove:"
        )
    if not go:
        return
    if typed.strip() != "DELETE MY ACCOUNT":
        st.error("Nothing was deleted. To confirm, type DELETE MY ACCOUNT in capital letters.")
        return
    try:
        store.delete_account()  # type: ignore[attr-defined]
    except StoreError as exc:
        _error("Nothing was deleted", exc)
        return
    sign_out()
