"""InfoView's command line: import, export, back up and restore, on the app's own code.

Safe while the app is open: the store takes the data file's lock for each commit, and the
app notices the new file and reloads it instead of overwriting it.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

import orjson

from infoview.io.importing import (
    ImportDuplicate,
    ImportPlan,
    ImportProblem,
    apply_import,
    plan_import,
)
from infoview.merge import MergeProblem
from infoview.store import (
    Store,
    StoreDamagedError,
    StoreError,
    data_file,
    list_backups,
    restore_newest_good_backup,
)
from infoview.wording import counted, number

if TYPE_CHECKING:
    from infoview.io.backup import RestoreDuplicate

PROG = "python -m infoview"
LISTED = 20  # the lines of a long list printed before "... and N more"
POSSIBLE = ("possible duplicate", "possible duplicates")


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


def _print_first(
    lines: Iterable[str], total: int, more: tuple[str, str], out: Callable[[str], None]
) -> None:
    """Print the first LISTED lines of a list of ``total``, then how many more it holds."""
    for line in islice(lines, LISTED):
        out(line)
    if total > LISTED:
        one, many = more
        out(f"... and {counted(total - LISTED, f'more {one}', f'more {many}')}")


def _same_person(dup: ImportDuplicate | RestoreDuplicate) -> str:
    """Return "likely the same person as Ada Lovelace (id), same email" for a possible duplicate."""
    return (
        f"{dup.confidence.label} the same person as {_one_line(dup.existing.full_name)} "
        f"({dup.existing.id}), {dup.reason}"
    )


def _print_backup(backup: Path | None, before: str) -> None:
    if backup:
        print(f"Backup of the data before the {before}: {backup}")


def _print_plan(plan: ImportPlan, out: Callable[[str], None]) -> None:
    for warning in plan.warnings:
        out(f"Note: {warning}")
    skipped = (
        f"Skipped line {skip.line}{f' ({skip.label})' if skip.label else ''}: {skip.reason}"
        for skip in plan.skipped
    )
    _print_first(skipped, len(plan.skipped), ("skipped", "skipped"), out)
    possible = (
        f"Possible duplicate, line {dup.line} ({_one_line(dup.new.full_name)}): "
        f"{_same_person(dup)}; added as new, review with '{PROG} duplicates'"
        for dup in plan.possible
    )
    _print_first(possible, len(plan.possible), POSSIBLE, out)


def _import(args: argparse.Namespace, kind: str) -> int:
    data = _read(args.file)
    if kind == "linkedin":
        from infoview.io.linkedin import parse_linkedin as parse
    else:
        from infoview.io.vcard import parse_vcards as parse
    parsed = parse(data)
    store = _open_store(args)
    plan = plan_import(parsed, store.contacts(include_archived=True), date.today())
    _print_plan(plan, print)
    summary = (
        f"{counted(len(plan.new), 'new contact')}, {number(len(plan.updated))} updated, "
        f"{number(plan.unchanged)} already up to date, {number(len(plan.skipped))} skipped"
    )
    if plan.possible:
        summary += f", {counted(len(plan.possible), 'possible duplicate')} to review"
    if args.dry_run:
        print(f"Dry run, nothing saved: {summary}.")
        return 0
    result = apply_import(store, plan)
    print(
        f"Imported into {store.path}: {counted(result.added, 'new contact')}, "
        f"{number(result.updated)} updated, {number(result.unchanged)} already up to date, "
        f"{number(result.skipped)} skipped."
    )
    _print_backup(result.backup, "import")
    if plan.possible:
        print(f"To review the possible duplicates: {PROG} duplicates")
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


def _backups(args: argparse.Namespace) -> int:
    # Works without opening the store, so it helps when the data file is damaged.
    folder = data_file(args.data_dir).parent / "backups"
    found = list_backups(folder)
    if not found:
        print(f"No backups yet in {folder}.")
    for info in found:
        print(f"{info.created:%Y-%m-%d %H:%M:%S}  {info.reason:<16} {info.size:>10,}  {info.path}")
    return 0


def _recover(args: argparse.Namespace) -> int:
    path = data_file(args.data_dir)
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
    possible = (
        f"Possible duplicate: {_one_line(dup.new.full_name)} ({dup.new.id}) from the backup "
        f"is {_same_person(dup)}; review with '{PROG} duplicates' afterwards"
        for dup in plan.possible
    )
    _print_first(possible, len(plan.possible), POSSIBLE, print)
    if plan.is_empty:
        print("Nothing to restore: the data already matches the backup.")
        return 0
    if args.dry_run:
        print("Dry run, nothing saved.")
        return 0
    result = apply_restore(store, plan)
    print(f"Restored ({mode}) into {store.path}.")
    _print_backup(result.backup, "restore")
    return 0


def _duplicates(args: argparse.Namespace) -> int:
    from infoview.duplicates import find_duplicates
    from infoview.merge import apart_pairs

    store = _open_store(args)
    contacts = store.contacts(include_archived=True)
    found = find_duplicates(contacts, apart_pairs(store))
    names = {c.id: c.full_name for c in contacts}
    for pair in found:
        if args.json:
            line = {
                "keep_id": pair.a,
                "other_id": pair.b,
                "keep_name": names[pair.a],
                "other_name": names[pair.b],
                "confidence": pair.confidence.label,
                "reason": pair.reason,
            }
            sys.stdout.write(orjson.dumps(line).decode("utf-8") + "\n")
        else:
            print(
                f"{pair.confidence.label:<8}  {pair.a}  {pair.b}  "
                f"{_one_line(names[pair.a])} / {_one_line(names[pair.b])}: {pair.reason}"
            )
    if not args.json:
        print(f"{counted(len(found), 'possible duplicate')} found.", file=sys.stderr)
    return 0


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _merge(args: argparse.Namespace) -> int:
    from infoview.merge import apply_merge, moves_text, plan_merge

    store = _open_store(args)
    plan = plan_merge(store, args.keep_id, args.other_id)
    if args.dry_run:
        print(
            f"Dry run, nothing saved: would merge {_one_line(plan.other.full_name)} into "
            f"{_one_line(plan.keep.full_name)}, moving {moves_text(plan.moves())}."
        )
        return 0
    record = apply_merge(store, plan)
    print(
        f"Merged {_one_line(plan.other.full_name)} into {_one_line(plan.keep.full_name)} "
        f"({args.keep_id}), moving {moves_text(record.moved)}. "
        f"To undo: {PROG} undo-merge {record.id}"
    )
    return 0


def _undo_merge(args: argparse.Namespace) -> int:
    from infoview.merge import undo_merge

    store = _open_store(args)
    record = undo_merge(store, args.merge_id)
    print(
        f"Undone: {_one_line(record.keep_name)} and {_one_line(record.other_name)} are two "
        "records again, with everything as it was before the merge."
    )
    return 0


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser for every command."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        description=(
            "Import, export, back up and restore your InfoView data; find and merge duplicates."
        ),
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

    duplicates = commands.add_parser(
        "duplicates", help="list people who may be in your network twice, surest first"
    )
    duplicates.add_argument("--json", action="store_true", help="one JSON object per line")
    duplicates.set_defaults(run=_duplicates)

    merge = commands.add_parser(
        "merge", help="merge OTHER_ID into KEEP_ID with the default field choices"
    )
    merge.add_argument("keep_id", metavar="KEEP_ID")
    merge.add_argument("other_id", metavar="OTHER_ID")
    merge.add_argument("--dry-run", action="store_true", help="preview, save nothing")
    merge.set_defaults(run=_merge)

    undo = commands.add_parser("undo-merge", help="undo a merge (its id is printed by merge)")
    undo.add_argument("merge_id", metavar="MERGE_ID")
    undo.set_defaults(run=_undo_merge)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command and return the exit code: 0 done, 1 a problem, 2 bad usage."""
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except (CliError, ImportProblem, MergeProblem) as exc:
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
