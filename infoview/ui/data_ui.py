"""The Your data page's widgets: where the data lives, import, export, restore and delete all.

An uploaded file is read once: what it holds (or what is wrong with it) is kept in session
state under the file's name, size and hash, and its preview under that key and the data's
revision, so a rerun neither reads the file again nor matches 30,000 rows again. Exports are
built only when their button is clicked.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import streamlit as st

from infoview.dates import moment_text
from infoview.io.backup import (
    BackupContents,
    BackupProblem,
    apply_restore,
    plan_restore,
    read_backup,
)
from infoview.io.describe import (
    DEMO_MAX_UPLOAD_BYTES,
    DEMO_MAX_UPLOAD_ROWS,
    FORMATS,
    PREVIEW_ROWS,
    RESTORE_MODES,
    changes_frame,
    conflicts_frame,
    deletion_summary,
    demo_upload_problem,
    file_key,
    import_button_label,
    import_kind,
    import_summary,
    new_frame,
    reason_label,
    restore_summary,
    size_text,
    skipped_frame,
    updated_frame,
)
from infoview.io.importing import (
    ImportPlan,
    ImportPreview,
    ImportProblem,
    ParsedImport,
    apply_import,
    preview_import,
)
from infoview.sample_store import has_sample, load_sample, remove_sample
from infoview.store import TABLES, BackupInfo, Store, StoreError
from infoview.ui import pages
from infoview.ui.duplicates_ui import import_duplicates, restore_duplicates
from infoview.ui.setup import flash
from infoview.ui.text import Markdown, md, md_escape, plain, plain_frame
from infoview.wording import counted

_ROUND = "dt_round"  # bumped after an import or restore, so the uploaders start empty
_PARSED = "dt_parsed"  # (file key, ParsedImport or the problem's message)
_PLAN = "dt_plan"  # ((file key, data revision), ImportPlan)
_BACKUP_FILE = "dt_backup_file"  # (file key, BackupContents or the problem's message)
_RESTORE_PLAN = "dt_restore_plan"  # ((file key, mode, data revision), RestorePlan)
_IMPORT_DONE = "dt_import_done"
_RESTORE_DONE = "dt_restore_done"


def _zone(store: Store) -> str:
    """Return the time zone the user set in their profile ("" for none: times show in UTC)."""
    return store.profile().timezone


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


def show_error(what: str, exc: Exception) -> None:
    st.error(md("{}: {}", what, exc))


def _link(page: str, label: str, icon: str) -> None:
    st.page_link(page, label=label, icon=icon)


# ------------------------------------------------------------------------ where it lives
def where_it_lives(store: Store, demo: bool, hosted: bool = False) -> None:
    """Say where the data file and its backups are, and how to keep them elsewhere."""
    with st.container(border=True):
        if hosted:
            st.markdown(
                "**Where your data lives:** in this InfoView's database, filed under your "
                "sign-in. Only you can see it, from any browser where you sign in, unless "
                "you share it with a coach under **Share**. To keep a copy of your own, "
                "download a JSON backup under **Export**; to bring in "
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
            md(
                "{}Everything you enter is kept in this one file on this computer. InfoView "
                "copies it to the backups folder once a day (the last 7 days are kept) and before "
                "every import, restore or delete-all (the last 20). To keep your data in another "
                "folder, set the environment variable `INFOVIEW_DATA_DIR` to that folder before "
                "you start InfoView.",
                "" if saved else "The file is created with your first save. ",
            )
        )
        if store.backup_error:
            st.warning(
                md("Backups need attention: {}.", store.backup_error),
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
                md(
                    "**Sample data is loaded:** {} with "
                    "their asks, plans and conversations. Remove it when you are ready for your "
                    "own network; whatever you added yourself stays.",
                    counted(count, "fictional contact"),
                )
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
                    show_error("The sample data could not be removed", exc)
                    return
                flash("Removed {}.", counted(removed, "sample record"), icon="🧹")
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
                    show_error("The sample data could not be loaded", exc)
                    return
                flash("Loaded {}.", counted(loaded, "sample record"), icon="🧪")
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
        figures[0].metric("New", plain("{:,}", preview.new_count))
        figures[1].metric(
            "Updated", plain("{:,}", updated), help="Empty fields filled, job refreshed"
        )
        figures[2].metric("Already up to date", plain("{:,}", plan.unchanged))
        figures[3].metric("Left out", plain("{:,}", skipped))
        if plan.possible:
            figures[4].metric(
                "Merged", plain("{:,}", len(preview.merges)), help="Into people you had"
            )
    for warning in plan.warnings:
        st.warning(md_escape(warning), icon=":material/warning:")
    more = " (the first 500)"
    if new:
        with st.expander(md("New contacts{}", more if new > PREVIEW_ROWS else "")):
            st.dataframe(plain_frame(new_frame(plan.new)), hide_index=True, width="stretch")
    if updated:
        with st.expander(md("Contacts that change{}", more if updated > PREVIEW_ROWS else "")):
            st.caption(
                "An import fills empty fields and refreshes organization and title; "
                "it never overwrites what you wrote yourself."
            )
            st.dataframe(plain_frame(updated_frame(plan)), hide_index=True, width="stretch")
    if skipped:
        with st.expander(md("Left out{}", more if skipped > PREVIEW_ROWS else ""), expanded=True):
            st.dataframe(
                plain_frame(skipped_frame(preview.skipped, kind)), hide_index=True, width="stretch"
            )
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
            md(
                "In the demo, files can be up to {} and "
                "{:,} rows. Please don't upload real people's contacts here: "
                "try a small made-up file, or run InfoView on your own computer.",
                size_text(DEMO_MAX_UPLOAD_BYTES),
                DEMO_MAX_UPLOAD_ROWS,
            ),
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
            st.success(Markdown(done), icon=":material/check_circle:")  # our own sentence
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
        st.error(md("{} Nothing was imported.", parsed))
        return
    st.caption(md("Read as {}: {}.", FORMATS[kind][0], counted(parsed.total, "row")))
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
            show_error("Nothing was imported", exc)
            return
        st.session_state[_IMPORT_DONE] = import_summary(result)
        _start_over_uploads()
        st.rerun()


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
            st.success(Markdown(done), icon=":material/check_circle:")  # our own sentence
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
        st.error(md("{} Nothing was changed.", contents))
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
    st.dataframe(plain_frame(changes_frame(plan)), hide_index=True, width="stretch")
    if mode == "merge" and plan.conflicts:
        st.markdown(
            md(
                "**Changed on both sides** · {}; the newer version of each is kept.",
                counted(len(plan.conflicts), "record"),
            )
        )
        st.dataframe(
            plain_frame(conflicts_frame(plan.conflicts, _zone(store))),
            hide_index=True,
            width="stretch",
        )
    removed = sum(c.removed for c in plan.changes.values())
    if mode == "replace" and removed:
        st.warning(
            md(
                "Replacing removes {} that the backup does not hold. {}",
                counted(removed, "record"),
                # The demo keeps nothing on disk, so there is no automatic backup to go back to.
                "The demo makes no backup of its own: save one first if you may want them back."
                if demo
                else "Your current data is backed up first.",
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
            show_error("Nothing was restored", exc)
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
            show_error("The backup could not be made", exc)
        else:
            flash("Backup made: {}", path.name if path else "")
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
            show_error("Nothing was restored", exc)
            return
        flash("Restored the backup from {}.", moment_text(info.created, zone))
        st.rerun()
