"""InfoView's command line: import, export, back up and restore, on the app's own code.

Safe while the app is open: the store takes the data file's lock for each commit, and the
app notices the new file and reloads it instead of overwriting it.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from infoview.io.importing import ImportPlan, ImportProblem, apply_import
from infoview.store import (
    FILE_NAME,
    Store,
    StoreDamagedError,
    StoreError,
    default_data_dir,
    list_backups,
    restore_newest_good_backup,
)
from infoview.wording import counted, number

PROG = "python -m infoview"


class CliError(Exception):
    """A problem to report in one line, with a non-zero exit code."""


def _read(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except FileNotFoundError as exc:
        raise CliError(f"{path}: no such file") from exc
    except IsADirectoryError as exc:
        raise CliError(f"{path}: is a folder, not a file") from exc
    except OSError as exc:
        raise CliError(f"{path}: cannot be read ({exc.strerror or exc})") from exc


def _open_store(args: argparse.Namespace) -> Store:
    return Store.in_dir(args.data_dir)


def _print_plan(plan: ImportPlan, out: Callable[[str], None]) -> None:
    for warning in plan.warnings:
        out(f"Note: {warning}")
    for skip in plan.skipped[:20]:
        label = f" ({skip.label})" if skip.label else ""
        out(f"Skipped line {skip.line}{label}: {skip.reason}")
    if len(plan.skipped) > 20:
        out(f"... and {len(plan.skipped) - 20} more skipped")


def _import(args: argparse.Namespace, kind: str) -> int:
    data = _read(args.file)
    if kind == "linkedin":
        from infoview.io.linkedin import parse_linkedin as parse
        from infoview.io.linkedin import plan_import as plan_for
    else:
        from infoview.io.vcard import parse_vcards as parse
        from infoview.io.vcard import plan_vcard_import as plan_for
    parsed = parse(data)
    store = _open_store(args)
    plan = plan_for(parsed, store.contacts(include_archived=True), date.today())
    _print_plan(plan, print)
    summary = (
        f"{counted(len(plan.new), 'new contact')}, {number(len(plan.updated))} updated, "
        f"{number(plan.unchanged)} already up to date, {number(len(plan.skipped))} skipped"
    )
    if args.dry_run:
        print(f"Dry run, nothing saved: {summary}.")
        return 0
    result = apply_import(store, plan)
    print(
        f"Imported into {store.path}: {counted(result.added, 'new contact')}, "
        f"{number(result.updated)} updated, {number(result.unchanged)} already up to date, "
        f"{number(result.skipped)} skipped."
    )
    if result.backup:
        print(f"Backup of the data before the import: {result.backup}")
    return 0


def _export(args: argparse.Namespace) -> int:
    store = _open_store(args)
    if args.format == "json":
        from infoview.io.backup import export_json

        payload = export_json(store)
    elif args.format == "csv":
        from infoview.io.csv_export import contacts_to_csv

        payload = contacts_to_csv(store.contacts(include_archived=True)).encode("utf-8")
    else:
        from infoview.io.vcard import contacts_to_vcard

        payload = contacts_to_vcard(store.contacts(include_archived=True)).encode("utf-8")
    if args.output in (None, "-"):
        sys.stdout.buffer.write(payload)
        sys.stdout.flush()
        return 0
    try:
        Path(args.output).write_bytes(payload)
    except OSError as exc:
        raise CliError(f"{args.output}: cannot be written ({exc.strerror or exc})") from exc
    print(f"Wrote {args.output} ({len(payload):,} bytes).", file=sys.stderr)
    return 0


def _backup(args: argparse.Namespace) -> int:
    store = _open_store(args)
    path = store.backup("manual")
    print(f"Backup written: {path}")
    return 0


def _data_file(args: argparse.Namespace) -> Path:
    return (Path(args.data_dir) if args.data_dir else default_data_dir()) / FILE_NAME


def _backups(args: argparse.Namespace) -> int:
    # Works without opening the store, so it helps when the data file is damaged.
    folder = _data_file(args).parent / "backups"
    found = list_backups(folder)
    if not found:
        print(f"No backups yet in {folder}.")
    for info in found:
        print(f"{info.created:%Y-%m-%d %H:%M:%S}  {info.reason:<16} {info.size:>10,}  {info.path}")
    return 0


def _recover(args: argparse.Namespace) -> int:
    path = _data_file(args)
    if not path.exists():
        raise CliError(f"{path} does not exist yet, so there is nothing to recover")
    try:
        Store(path)
    except StoreDamagedError:
        pass
    else:
        raise CliError(
            f"{path} opens fine, so there is nothing to recover; to go back to a backup, "
            f"use '{PROG} restore FILE'"
        )
    used = restore_newest_good_backup(path)
    print(f"Put the backup {used} in place of {path}; the damaged file was kept beside it.")
    return 0


def _restore(args: argparse.Namespace) -> int:
    from infoview.io.backup import TABLE_LABELS, apply_restore, plan_restore, read_backup

    contents = read_backup(_read(args.file))
    for warning in contents.warnings:
        print(f"Note: {warning}")
    store = _open_store(args)
    mode = "merge" if args.merge else "replace"
    plan = plan_restore(contents, store, mode)
    for conflict in plan.conflicts:
        kept = "the backup's" if conflict.winner == "backup" else "the current"
        print(
            f"Changed on both sides: {conflict.label} ({conflict.table}); keeping {kept} version."
        )
    for table, change in plan.changes.items():
        if change.added or change.updated or change.removed:
            print(
                f"{TABLE_LABELS[table]}: {number(change.added)} added, "
                f"{number(change.updated)} updated, {number(change.removed)} removed, "
                f"{number(change.unchanged)} unchanged"
            )
    if plan.is_empty:
        print("Nothing to restore: the data already matches the backup.")
        return 0
    if args.dry_run:
        print("Dry run, nothing saved.")
        return 0
    result = apply_restore(store, plan)
    print(f"Restored ({mode}) into {store.path}.")
    if result.backup:
        print(f"Backup of the data before the restore: {result.backup}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser for every command."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Import, export, back up and restore your InfoView data.",
        epilog="The data folder is INFOVIEW_DATA_DIR, or ~/.infoview when it is not set.",
    )
    parser.add_argument(
        "--data-dir", help="data folder to use instead of INFOVIEW_DATA_DIR or ~/.infoview"
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    for name, kind, what in (
        ("import-linkedin", "linkedin", "LinkedIn's Connections.csv"),
        ("import-vcard", "vcard", "a vCard file (.vcf) of phone or mail contacts"),
    ):
        command = commands.add_parser(name, help=f"import {what}")
        command.add_argument("file", metavar="FILE")
        command.add_argument("--dry-run", action="store_true", help="preview, save nothing")
        command.set_defaults(run=lambda args, kind=kind: _import(args, kind))

    export = commands.add_parser("export", help="write all data (json) or contacts (csv, vcf)")
    export.add_argument("--format", choices=("json", "csv", "vcf"), default="json")
    export.add_argument("--output", "-o", metavar="FILE", help="file to write (default: stdout)")
    export.set_defaults(run=_export)

    backup = commands.add_parser("backup", help="copy the data file into the backups folder")
    backup.set_defaults(run=_backup)

    backups = commands.add_parser("backups", help="list the backups, newest first")
    backups.set_defaults(run=_backups)

    recover = commands.add_parser(
        "recover", help="replace a damaged data file with the newest backup that opens"
    )
    recover.set_defaults(run=_recover)

    restore = commands.add_parser(
        "restore", help="restore a JSON backup (or a file from the backups folder)"
    )
    restore.add_argument("file", metavar="FILE")
    restore.add_argument(
        "--merge", action="store_true", help="merge by id, newer wins (default: replace all)"
    )
    restore.add_argument("--dry-run", action="store_true", help="preview, save nothing")
    restore.set_defaults(run=_restore)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command and return the exit code: 0 done, 1 a problem, 2 bad usage."""
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except (CliError, ImportProblem) as exc:
        message = str(exc)
    except StoreDamagedError as exc:
        message = (
            f"the data file {exc.path} cannot be opened: {exc.reason}. It was left as it is; "
            f"'{PROG} recover' puts the newest good backup in its place."
        )
    except StoreError as exc:
        message = str(exc)
    except KeyboardInterrupt:
        print(f"{PROG}: stopped, nothing more was saved.", file=sys.stderr)
        return 130
    print(f"{PROG}: error: {' '.join(message.split())}", file=sys.stderr)
    return 1
