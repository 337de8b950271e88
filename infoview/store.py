"""The only code that touches TinyDB: one JSON file, atomic commits, locks and backups.

Tables (record type in brackets): profile (Profile), contacts (Contact), outreach
(Outreach), plans (CallPlan), conversations (Conversation), dismissals (Dismissal),
templates (UserTemplate), merges (MergeRecord), kept_apart (KeptApart), touches
(TouchBase), rhythms (Rhythm), targets (Target), plus ``_meta`` holding the schema version.

Reads come from memory. Every write happens inside a transaction: the whole database is
serialised, written to a temp file in the same folder, fsynced, moved over the old file
with ``os.replace`` and the folder fsynced, so after a crash the file holds the last
commit or the next one. Other processes are kept out by a ``.lock`` file; before each
commit the store reloads a file another process changed instead of overwriting it.
"""

from __future__ import annotations

import bisect
import gc
import os
import shutil
import threading
import time
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Protocol, TypeVar, cast, overload

import orjson
from filelock import FileLock, Timeout
from pydantic import BaseModel, ValidationError
from tinydb import TinyDB
from tinydb.storages import Storage

from infoview.models import (
    CallPlan,
    Contact,
    Conversation,
    Dismissal,
    KeptApart,
    MergeRecord,
    Outreach,
    Profile,
    Record,
    Rhythm,
    Target,
    TouchBase,
    UserTemplate,
    utcnow,
)

SCHEMA_VERSION = 1
FILE_NAME = "infoview.json"
META = "_meta"
TABLES: dict[str, type[Record]] = {
    "profile": Profile,
    "contacts": Contact,
    "outreach": Outreach,
    "plans": CallPlan,
    "conversations": Conversation,
    "dismissals": Dismissal,
    "templates": UserTemplate,
    "merges": MergeRecord,
    "kept_apart": KeptApart,
    "touches": TouchBase,
    "rhythms": Rhythm,
    "targets": Target,
}
CONTACT_CHILDREN = ("outreach", "plans", "conversations", "touches", "rhythms")
# The same tables named by the model of their records, for callers outside the store.
CONTACT_CHILD_KINDS: tuple[type[Record], ...] = tuple(TABLES[t] for t in CONTACT_CHILDREN)
# What one record of each table is called, and many of them, in the app's messages.
RECORD_NOUNS: dict[str, tuple[str, str]] = {
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
DAILY_BACKUPS_KEPT = 7
EVENT_BACKUPS_KEPT = 20
LOCK_TIMEOUT_S = 15
# File-system clocks can be this coarse (FAT: 2 s; Linux ext4: a scheduler tick), so a file
# changed this soon after we looked may still show the size, inode and mtime we saw.
RACY_STAT_NS = 2_500_000_000
_BOOKKEEPING = {"id", "created_at", "updated_at", "revision"}

R = TypeVar("R", bound=Record)
V = TypeVar("V")
K = TypeVar("K")
T = TypeVar("T")


class RecordTable(dict[str, Record]):
    """A table's records by id that notes each id written or removed, oldest first.

    ``per_record`` reads the notes to redo its work for just the records that changed. Only
    the changes made one record at a time are noted; a table built whole (opening, reloading)
    is a new table with no notes, and its readers start over.
    """

    __slots__ = ("changes",)
    MOST_NOTES = 100_000  # then the notes start afresh (a new list) and readers start over

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.changes: list[str] = []

    def _note(self, record_id: str) -> None:
        if len(self.changes) >= self.MOST_NOTES:
            self.changes = []
        self.changes.append(record_id)

    def __setitem__(self, record_id: str, record: Record) -> None:
        super().__setitem__(record_id, record)
        self._note(record_id)

    def __delitem__(self, record_id: str) -> None:
        super().__delitem__(record_id)
        self._note(record_id)

    def pop(self, record_id: str, *default: Any) -> Any:
        if record_id in self:
            self._note(record_id)
        return super().pop(record_id, *default)

    # The ways to change many records at once, which would not be noted, are refused.
    def update(self, *args: Any, **kwargs: Any) -> None:
        raise TypeError("a store table changes one record at a time")

    def setdefault(self, *args: Any, **kwargs: Any) -> Any:
        raise TypeError("a store table changes one record at a time")

    def popitem(self) -> Any:
        raise TypeError("a store table changes one record at a time")

    def clear(self) -> None:
        raise TypeError("a store table changes one record at a time")


def empty_tables() -> dict[str, dict[str, Record]]:
    """Return one empty table per kind of record (what a store holds before it loads)."""
    return {name: RecordTable() for name in TABLES}


_MODEL_TABLES: dict[type[Record], str] = {model: name for name, model in TABLES.items()}


class _ContactChild(Protocol):
    contact_id: str


def table_name(kind: type[Record] | str) -> str:
    """Return the table that holds a model's records (a table's own name passes through)."""
    if isinstance(kind, str):
        if kind not in TABLES:
            raise KeyError(f"no table is called {kind}")
        return kind
    try:
        return _MODEL_TABLES[kind]
    except KeyError:
        raise TypeError(f"no table stores {kind.__name__}") from None


class StoreError(Exception):
    """Base class for errors the app shows to the user as a message."""


class StoreDamagedError(StoreError):
    """The data file cannot be used as it is; it has been left untouched."""

    def __init__(self, path: Path, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class StaleRecordError(StoreError):
    """The record changed elsewhere (another tab or process) since it was shown."""


class StoreWriteError(StoreError):
    """A commit could not be written; the file on disk is unchanged."""


class UnconfirmedWriteError(StoreWriteError):
    """The new file is in place but the folder's fsync failed: saved, durability unconfirmed."""


def default_data_dir() -> Path:
    """Return the data folder: ``INFOVIEW_DATA_DIR`` or ``~/.infoview``."""
    configured = os.environ.get("INFOVIEW_DATA_DIR", "").strip()
    return Path(configured).expanduser() if configured else Path.home() / ".infoview"


def data_file(data_dir: str | Path | None = None) -> Path:
    """Return the data file in ``data_dir`` (none or empty: the default data folder)."""
    return (Path(data_dir) if data_dir else default_data_dir()) / FILE_NAME


@dataclass(frozen=True)
class BackupInfo:
    """A backup file and what it holds."""

    path: Path
    created: datetime
    reason: str
    size: int


class _MemoryStorage(Storage):
    """TinyDB storage over the store's in-memory dict; the store does the file I/O."""

    def __init__(self, data: dict[str, Any]):
        self.data = data

    def read(self) -> dict[str, Any]:
        return self.data

    def write(self, data: dict[str, Any]) -> None:
        self.data = data


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: Path, payload: bytes) -> None:
    """Write ``payload`` to ``path`` so that a crash leaves the old file or the new one."""
    if not payload:
        raise StoreWriteError("refusing to write an empty file")
    tmp = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        # 0600: the data is about people; other users of the machine need not read it.
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    try:
        _fsync_dir(path.parent)
    except OSError as exc:
        raise UnconfirmedWriteError(
            f"your change was written, but the disk did not confirm it ({exc}); "
            "check free space and permissions"
        ) from exc


def _content(record: BaseModel) -> dict[str, Any]:
    return record.model_dump(mode="json", exclude=_BOOKKEEPING)


_FIELDS_SETS: dict[type, set[str]] = {}


def _slim(record: Record) -> dict[str, Any]:
    """Share one fields-set per model class and return the record's own field dict.

    A loaded record has every field set, so one shared set stands for all of them (pydantic
    copies it before changing it). Using the record's ``__dict__`` as TinyDB's document
    keeps one copy of each record in memory instead of two; ``dumps`` writes it as JSON.
    """
    shared = _FIELDS_SETS.get(type(record))
    if shared is None:
        shared = _FIELDS_SETS[type(record)] = set(type(record).model_fields)
    # Fields set on a record are a subset of the model's fields: equal sizes mean equal sets.
    if len(record.__pydantic_fields_set__) == len(shared):
        object.__setattr__(record, "__pydantic_fields_set__", shared)
    return record.__dict__


def _json_default(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    raise TypeError(f"cannot store {type(value).__name__}")


def dumps(data: dict[str, Any]) -> bytes:
    """Serialise the database (plain documents or records' field dicts) to JSON bytes."""
    return orjson.dumps(data, default=_json_default)


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many objects at once.

    Creating ~100,000 records sets the collector off again and again although none of them
    can be garbage yet; pausing it cuts bulk loads and imports by about a quarter.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def parse_database(raw: bytes, path: Path) -> tuple[dict[str, Any], dict[str, dict[str, Record]]]:
    """Parse and validate a database file's bytes; raise StoreDamagedError naming the problem."""
    with paused_gc():
        return _parse_database(raw, path)


def _parse_database(raw: bytes, path: Path) -> tuple[dict[str, Any], dict[str, dict[str, Record]]]:
    if not raw.strip():
        raise StoreDamagedError(path, "the file is empty")
    if b"\x00" in raw:
        # JSON never holds raw NUL bytes; a crash or disk fault often leaves them.
        raise StoreDamagedError(path, "the file contains NUL bytes (damaged by a crash or disk)")
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise StoreDamagedError(path, f"the file is not valid JSON ({exc})") from exc
    if not isinstance(data, dict):
        raise StoreDamagedError(path, "the file does not hold an InfoView database")
    meta = data.get(META)
    if meta is None:
        if set(data) - {"_default"}:
            raise StoreDamagedError(
                path, "the file has no schema version: not an InfoView database"
            )
        version = SCHEMA_VERSION  # an empty TinyDB file
    else:
        first = next(iter(meta.values()), None) if isinstance(meta, dict) else None
        if not isinstance(first, dict):
            raise StoreDamagedError(path, "the file's schema information is damaged")
        version = first.get("schema")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise StoreDamagedError(path, "the file's schema version is not valid")
    if version > SCHEMA_VERSION:
        raise StoreDamagedError(
            path,
            f"the file was written by a newer InfoView (schema {version}; this version "
            f"reads up to {SCHEMA_VERSION}). Update InfoView to open it.",
        )
    models: dict[str, dict[str, Record]] = {}
    for name, model in TABLES.items():
        table = data.get(name, {})
        if not isinstance(table, dict):
            raise StoreDamagedError(path, f"the {name} table is damaged")
        found: dict[str, Record] = {}
        trusted = {"trusted": True}
        for doc_id, doc in table.items():
            # A record without its own id would get a new random one at every load.
            key_ok = doc_id.isascii() and doc_id.isdigit()
            if not (key_ok and isinstance(doc, dict) and isinstance(doc.get("id"), str)):
                raise StoreDamagedError(path, f"a record in {name} is damaged")
            if doc["id"] in found:
                raise StoreDamagedError(path, f"two records in {name} share the id {doc['id']}")
            try:
                record = model.model_validate(doc, context=trusted)
            except ValidationError as exc:
                first = exc.errors()[0]
                where = ".".join(str(p) for p in first.get("loc", ()))
                raise StoreDamagedError(
                    path, f"a record in {name} is not valid ({where}: {first.get('msg')})"
                ) from exc
            found[record.id] = record
            table[doc_id] = _slim(record)
        models[name] = found
    return data, models


class Store:
    """InfoView's database: one JSON file (or memory only), safe across threads and processes."""

    def __init__(self, path: str | Path | None = None):
        self.path = Path(path) if path is not None else None
        self._lock = threading.RLock()
        self._file_lock = FileLock(f"{self.path}.lock") if self.path else None
        self._tx_depth = 0
        self._dirty = False
        self._revision = 0
        self.loads = 0  # how many times the whole record set was (re)built: open, reload, rollback
        self._memo: dict[Any, Any] = {}
        self._memo_revision = -1
        # view name -> (version, the notes read, how many of them, its state)
        self._views: dict[str, tuple[Any, list[str], int, Any]] = {}
        self.backup_error: str | None = None  # why today's backup failed, for the UI to show
        self._backup_day = date.today()  # opening makes the day's backup (below)
        self._seen: tuple[int, int, int] | None = None
        self._verified_ns = 0  # when the file was last known to hold exactly _committed
        self._committed = b""
        self._data: dict[str, Any] = {}
        self._models: dict[str, dict[str, Record]] = empty_tables()
        self._doc_ids: dict[str, dict[str, int]] = {name: {} for name in TABLES}
        self._next_doc_id: dict[str, int] = {}
        self._pending: dict[str, dict[str, tuple[int, dict[str, Any] | None]]] = {}
        self._db: TinyDB | None = None
        if self.path is None:
            self._install({META: {"1": {"schema": SCHEMA_VERSION}}}, None)
            self._committed = dumps(self._data)
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._locked_file():
            self._clean_temp_files()
            if self.path.exists():
                try:
                    raw = self.path.read_bytes()
                except OSError as exc:
                    why = f"the file cannot be read ({_why(exc)})"
                    raise StoreDamagedError(self.path, why) from exc
                self._install(*parse_database(raw, self.path))
                self._committed = raw
                self._seen = self._stat()
                self._verified_ns = time.time_ns()
                try:
                    self._daily_backup(raw)
                except (OSError, StoreWriteError) as exc:
                    # A full disk or unwritable backups folder must not lock the user out of
                    # a good file; the UI can show backup_error instead.
                    self.backup_error = f"today's backup could not be made ({exc})"
            else:
                self._install({META: {"1": {"schema": SCHEMA_VERSION}}}, None)
                self._committed = dumps(self._data)

    # ----------------------------------------------------------------- opening
    @classmethod
    def in_dir(cls, data_dir: str | Path | None = None) -> Store:
        """Open the store in ``data_dir`` (default: ``INFOVIEW_DATA_DIR`` or ~/.infoview)."""
        return cls(data_file(data_dir))

    @property
    def in_memory(self) -> bool:
        """True for a store that never touches the disk (demo mode, tests)."""
        return self.path is None

    @property
    def backup_dir(self) -> Path | None:
        """Where backups of this store's file are kept."""
        return self.path.parent / "backups" if self.path else None

    def _install(self, data: dict[str, Any], models: dict[str, dict[str, Record]] | None) -> None:
        if models is None:
            models = {name: {} for name in TABLES}
            for name, model in TABLES.items():
                table = data.get(name, {})
                for doc_id, doc in table.items():
                    record = model.model_validate(doc, context={"trusted": True})
                    models[name][record.id] = record
                    table[doc_id] = _slim(record)
        self._data = data
        self._models = {name: RecordTable(table) for name, table in models.items()}
        self._doc_ids = {
            name: {doc["id"]: int(doc_id) for doc_id, doc in data.get(name, {}).items()}
            for name in TABLES
        }
        self._next_doc_id = {
            name: max(self._doc_ids[name].values(), default=0) + 1 for name in TABLES
        }
        self._pending = {}
        self._db = TinyDB(storage=_MemoryStorage, data=data)
        self._revision += 1
        self.loads += 1

    def _stat(self) -> tuple[int, int, int] | None:
        if self.path is None:
            return None
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            return None
        return (st.st_ino, st.st_mtime_ns, st.st_size)

    def _clean_temp_files(self) -> None:
        assert self.path is not None
        for leftover in self.path.parent.glob(f"{self.path.name}.*.tmp"):
            leftover.unlink(missing_ok=True)
        backups = self.path.parent / "backups"
        if backups.is_dir():
            for leftover in backups.glob("*.tmp"):
                leftover.unlink(missing_ok=True)

    def _daily_backup_while_running(self) -> None:
        """Keep the one-backup-a-day promise for an app left running across midnight."""
        today = date.today()
        if self._backup_day == today:
            return
        self._backup_day = today
        try:
            self._daily_backup(self._committed)
        except (OSError, StoreWriteError) as exc:
            self.backup_error = f"today's backup could not be made ({exc})"

    @contextmanager
    def _locked_file(self) -> Iterator[None]:
        if self._file_lock is None:
            yield
            return
        try:
            self._file_lock.acquire(timeout=LOCK_TIMEOUT_S)
        except Timeout as exc:
            raise StoreWriteError(
                "the data file is busy in another program; try again in a moment"
            ) from exc
        try:
            yield
        finally:
            self._file_lock.release()

    def refresh(self) -> bool:
        """Reload the file if another process changed it; return True when it did."""
        if self.path is None:
            return False
        with self._lock:
            if self._tx_depth or self._unchanged(self._stat()):
                return False
            with self._locked_file():
                return self._reload_if_changed()

    def _unchanged(self, current: tuple[int, int, int] | None) -> bool:
        """Tell whether the file still holds what this store last read or wrote."""
        if current != self._seen:
            return False
        if current is None or self._verified_ns - current[1] > RACY_STAT_NS:
            return True
        # Another commit within one clock tick of ours, into our old (reused) inode, with the
        # same size, would stat the same: compare the bytes until the stat is old enough.
        checked = time.time_ns()
        try:
            if self.path is None or self.path.read_bytes() != self._committed:
                return False
        except FileNotFoundError:
            return False
        self._verified_ns = checked
        return True

    def _reload_if_changed(self) -> bool:
        current = self._stat()
        if self.path is None or current is None or self._unchanged(current):
            return False
        raw = self.path.read_bytes()
        self._install(*parse_database(raw, self.path))
        self._committed = raw
        self._seen = self._stat()
        self._verified_ns = time.time_ns()
        return True

    # ------------------------------------------------------------ transactions
    @contextmanager
    def _nested(self) -> Iterator[None]:
        """Run a transaction inside another: its writes commit with the outer one."""
        self._tx_depth += 1
        try:
            yield
        finally:
            self._tx_depth -= 1

    @contextmanager
    def transaction(self) -> Iterator[Store]:
        """Group writes into one commit: all of them land, or none does."""
        with self._lock:
            outer = self._tx_depth == 0
            if not outer:
                with self._nested():
                    yield self
                return
            with self._locked_file():
                if self.path is not None:
                    self._reload_if_changed()
                self._tx_depth = 1
                try:
                    yield self
                except BaseException:
                    self._tx_depth = 0
                    self._rollback()
                    raise
                self._tx_depth = 0
                if self._dirty:
                    self._commit()

    def _rollback(self) -> None:
        self._pending = {}
        if self._dirty:
            data = orjson.loads(self._committed)
            self._install(data, None)
            self._dirty = False

    def _flush(self) -> None:
        """Hand the transaction's changes to TinyDB's storage: one rebuild per table touched."""
        assert self._db is not None
        tables = self._db.storage.read()
        for name, changes in self._pending.items():
            old = tables.get(name, {})
            doc_ids = self._doc_ids[name]
            rebuilt: dict[str, Any] = {}
            # In memory's order, so a reopened file lists records as this store does (an
            # edited record keeps its place instead of moving to the end).
            for record_id in self._models[name]:
                key = str(doc_ids[record_id])
                change = changes.get(record_id)
                rebuilt[key] = change[1] if change is not None else old[key]
            tables[name] = rebuilt
        self._pending = {}

    def _commit(self) -> None:
        unconfirmed: UnconfirmedWriteError | None = None
        try:
            self._flush()
            payload = dumps(self._data)
            if self.path is not None:
                self._daily_backup_while_running()
                try:
                    atomic_write(self.path, payload)
                except UnconfirmedWriteError as exc:
                    unconfirmed = exc  # the new file is in place: keep it as committed
        except Exception as exc:
            self._rollback()
            if isinstance(exc, StoreError):
                raise
            raise StoreWriteError(
                f"could not save your change ({exc}); nothing was changed"
            ) from exc
        self._committed = payload
        self._dirty = False
        self._revision += 1
        if self.path is not None:
            self._seen = self._stat()
            self._verified_ns = time.time_ns()
        if unconfirmed is not None:
            raise unconfirmed

    @property
    def revision(self) -> int:
        """A number that changes whenever the data does (commits and reloads)."""
        return self._revision

    def cached(self, key: Any, build: Callable[[], Any]) -> Any:
        """Return ``build()`` memoised until the data next changes."""
        with self._lock:
            if self._memo_revision != self._revision:
                self._memo = {}
                self._memo_revision = self._revision
            if key not in self._memo:
                self._memo[key] = build()
            return self._memo[key]

    # ------------------------------------------------ views kept across changes
    # ``cached`` forgets everything when any record changes. The views below are redone only
    # for the records written or removed since they last looked (each table notes them), so
    # one edit among 30,000 contacts costs a few calls and a copy made in C, not a pass in
    # Python over every record. Opening or reloading the store builds new tables, and the
    # views start over; so they do when ``version`` (whatever else the view reads, such as
    # the user's profile) differs from the last call. Callers must not change what they get.

    def per_record(
        self, name: str, version: Hashable, kind: type[R], work: Callable[[R], V]
    ) -> dict[str, V]:
        """Return ``work(record)`` for every record of a kind, by id."""

        def build(values: dict[str, V] | None, changed: list[str] | None) -> dict[str, V]:
            table = self._models[table_name(kind)]
            if values is None or changed is None:
                return {rid: work(cast(R, record)) for rid, record in table.items()}
            values = dict(values)
            for rid in changed:
                record = table.get(rid)
                if record is None:
                    values.pop(rid, None)
                else:
                    values[rid] = work(cast(R, record))
            return values

        return self._view(name, version, kind, build)

    def sorted_records(
        self, name: str, version: Hashable, kind: type[R], key_of: Callable[[R], K | None]
    ) -> list[K]:
        """Return the keys ``key_of(record)`` of a kind's records, sorted; None leaves one out.

        Keys must differ from record to record (end them with the record's id).
        """

        def build(
            kept: tuple[dict[str, K], list[K]] | None, changed: list[str] | None
        ) -> tuple[dict[str, K], list[K]]:
            table = self._models[table_name(kind)]
            if kept is None or changed is None:
                keys = {}
                for rid, record in table.items():
                    key = key_of(cast(R, record))
                    if key is not None:
                        keys[rid] = key
                return keys, sorted(keys.values())
            keys, ordered = dict(kept[0]), list(kept[1])
            for rid in changed:
                old = keys.pop(rid, None)
                if old is not None:
                    del ordered[bisect.bisect_left(ordered, old)]
                record = table.get(rid)
                key = key_of(cast(R, record)) if record is not None else None
                if key is not None:
                    keys[rid] = key
                    bisect.insort(ordered, key)
            return keys, ordered

        return self._view(name, version, kind, build)[1]

    def grouped_records(
        self, name: str, version: Hashable, kind: type[R], group_of: Callable[[R], str | None]
    ) -> dict[str, frozenset[str]]:
        """Return the ids of a kind's records by ``group_of(record)``; None leaves one out."""

        def build(
            kept: tuple[dict[str, str], dict[str, frozenset[str]]] | None,
            changed: list[str] | None,
        ) -> tuple[dict[str, str], dict[str, frozenset[str]]]:
            table = self._models[table_name(kind)]
            if kept is None or changed is None:
                of: dict[str, str] = {}
                sets: dict[str, set[str]] = {}
                for rid, record in table.items():
                    group = group_of(cast(R, record))
                    if group is not None:
                        of[rid] = group
                        sets.setdefault(group, set()).add(rid)
                return of, {group: frozenset(ids) for group, ids in sets.items()}
            of, groups = dict(kept[0]), dict(kept[1])
            for rid in changed:
                old = of.pop(rid, None)
                if old is not None:
                    groups[old] = groups[old] - {rid}
                    if not groups[old]:
                        del groups[old]
                record = table.get(rid)
                group = group_of(cast(R, record)) if record is not None else None
                if group is not None:
                    of[rid] = group
                    groups[group] = groups.get(group, frozenset()) | {rid}
            return of, groups

        return self._view(name, version, kind, build)[1]

    def _view(
        self,
        name: str,
        version: Hashable,
        kind: type[Record],
        build: Callable[[Any, list[str] | None], T],
    ) -> T:
        """Bring a view up to date: ``build(last, changed ids)``, or ``build(None, None)``."""
        with self._lock:

            def update() -> T:
                table = self._models[table_name(kind)]
                notes = table.changes if isinstance(table, RecordTable) else None
                last = self._views.get(name)
                if last is not None and last[0] == version and last[1] is notes is not None:
                    changed = list(dict.fromkeys(notes[last[2] :]))
                    state = build(last[3], changed) if changed else last[3]
                else:
                    state = build(None, None)
                if notes is not None:
                    self._views[name] = (version, notes, len(notes), state)
                return state

            return self.cached(("view", name, version), update)

    # ------------------------------------------------------------------ reads
    # Every read is typed by the record's model: ``store.all(Target)`` is a list[Target], and
    # only this module (and pg_store.py) knows which table holds which model. A table's name
    # is still accepted, for tests and the few callers that walk every table.
    @overload
    def get(self, kind: type[R], record_id: str | None) -> R | None: ...
    @overload
    def get(self, kind: str, record_id: str | None) -> Record | None: ...
    def get(self, kind: type[Record] | str, record_id: str | None) -> Any:
        """Return one record by id, or None."""
        if not record_id:
            return None
        return self._models[table_name(kind)].get(record_id)

    @overload
    def all(self, kind: type[R]) -> list[R]: ...
    @overload
    def all(self, kind: str) -> list[Record]: ...
    def all(self, kind: type[Record] | str) -> list[Any]:
        """Return every record of a kind (oldest first)."""
        table = table_name(kind)
        return self.cached(("all", table), lambda: list(self._models[table].values()))

    def count(self, kind: type[Record] | str) -> int:
        """Return how many records of a kind the store holds."""
        return len(self._models[table_name(kind)])

    @overload
    def by_contact(self, kind: type[R]) -> dict[str, list[R]]: ...
    @overload
    def by_contact(self, kind: str) -> dict[str, list[Record]]: ...
    def by_contact(self, kind: type[Record] | str) -> dict[str, list[Any]]:
        """Return the records of a kind that belong to a contact, grouped by contact id."""
        table = table_name(kind)
        if table not in CONTACT_CHILDREN:
            raise TypeError(f"{table} records do not belong to one contact")

        def build() -> dict[str, list[Record]]:
            groups: dict[str, list[Record]] = {}
            for record in self._models[table].values():
                groups.setdefault(cast(_ContactChild, record).contact_id, []).append(record)
            return groups

        return self.cached(("by_contact", table), build)

    def contact(self, contact_id: str | None) -> Contact | None:
        """Return one contact, or None."""
        return self.get(Contact, contact_id)

    def contacts(self, include_archived: bool = False) -> list[Contact]:
        """Return contacts, without archived ones unless asked."""
        everyone = self.all(Contact)
        if include_archived:
            return everyone
        return self.cached(("active",), lambda: [c for c in everyone if not c.archived])

    def asks(self, contact_id: str | None = None) -> list[Outreach]:
        """Return every ask, or one contact's asks."""
        return self._of(Outreach, contact_id)

    def plans(self, contact_id: str | None = None) -> list[CallPlan]:
        """Return every call plan, or one contact's plans."""
        return self._of(CallPlan, contact_id)

    def conversations(self, contact_id: str | None = None) -> list[Conversation]:
        """Return every conversation, or one contact's conversations."""
        return self._of(Conversation, contact_id)

    def touches(self, contact_id: str | None = None) -> list[TouchBase]:
        """Return every logged time in touch, or one contact's."""
        return self._of(TouchBase, contact_id)

    def targets(self) -> list[Target]:
        """Return the target employers, in the order they were added."""
        return self.all(Target)

    def _of(self, kind: type[R], contact_id: str | None) -> list[R]:
        if contact_id is None:
            return self.all(kind)
        return self.by_contact(kind).get(contact_id, [])

    def profile(self) -> Profile:
        """Return the user's profile (a blank one until they save it)."""
        found = self.get(Profile, "me")
        return found if found is not None else Profile()

    # ----------------------------------------------------------------- writes
    def save(self, record: R, expected_revision: int | None = None) -> R:
        """Insert or update a record and return what was stored.

        ``expected_revision`` is the revision the user saw. If the stored record has moved
        on since, the save is refused with StaleRecordError, unless the stored content is
        already exactly what is being saved (the same Save clicked twice).
        """
        table = _table_of(record)
        with self.transaction():
            current = self.get(type(record), record.id)
            now = utcnow()
            if current is None:
                if expected_revision:
                    # The user edited a record that another tab or program has since deleted.
                    raise StaleRecordError(
                        "This record was deleted elsewhere (another tab or program) since you "
                        "opened it, so your change was not saved."
                    )
                stored = record.model_copy(
                    update={"revision": 1, "created_at": record.created_at, "updated_at": now}
                )
            else:
                if _content(current) == _content(record):
                    return current
                if expected_revision is not None and current.revision != expected_revision:
                    raise StaleRecordError(
                        "This record changed elsewhere (another tab or program) since you "
                        "opened it. Reload to see the latest version, then make your change again."
                    )
                stored = record.model_copy(
                    update={
                        "revision": current.revision + 1,
                        "created_at": current.created_at,
                        "updated_at": now,
                    }
                )
            self._put(table, stored)
            return stored

    def save_many(self, records: list[Record]) -> int:
        """Insert or replace many records in one commit (imports, restores); return the count."""
        with self.transaction(), paused_gc():
            now = utcnow()
            for record in records:
                table = _table_of(record)
                current = self._models[table].get(record.id)
                revision = (current.revision + 1) if current else max(record.revision, 1)
                self._put(
                    table, record.model_copy(update={"revision": revision, "updated_at": now})
                )
        return len(records)

    def restore_records(self, records: list[Record]) -> int:
        """Put records back exactly as they were kept (revision and times too), in one commit.

        For undoing a merge: a record restored this way reads back byte for byte as before,
        and a tab that saw the merged version is refused as stale.
        """
        with self.transaction():
            for record in records:
                self._put(_table_of(record), record)
        return len(records)

    def _put(self, table: str, record: Record) -> None:
        pending = self._pending.setdefault(table, {})
        doc_id = self._doc_ids[table].get(record.id)
        if doc_id is None:
            earlier = pending.get(record.id)
            doc_id = earlier[0] if earlier else self._next_doc_id[table]
            self._next_doc_id[table] = max(self._next_doc_id[table], doc_id + 1)
            self._doc_ids[table][record.id] = doc_id
        pending[record.id] = (doc_id, _slim(record))
        self._models[table][record.id] = record
        self._dirty = True
        self._revision += 1

    def delete(self, kind: type[Record] | str, record_id: str) -> bool:
        """Delete one record; return False when it was already gone."""
        with self.transaction():
            return self._remove(table_name(kind), record_id)

    def _remove(self, table: str, record_id: str) -> bool:
        doc_id = self._doc_ids[table].pop(record_id, None)
        if doc_id is None:
            return False
        self._pending.setdefault(table, {})[record_id] = (doc_id, None)
        self._models[table].pop(record_id, None)
        self._dirty = True
        self._revision += 1
        return True

    def delete_contact(self, contact_id: str) -> bool:
        """Delete a contact for good with its asks, plans and conversations, in one commit."""
        with self.transaction():
            if not self._remove("contacts", contact_id):
                return False
            now = utcnow()
            for table in CONTACT_CHILDREN:
                for record in list(self.by_contact(table).get(contact_id, [])):
                    self._remove(table, record.id)
            for other in list(self.all(Contact)):
                if other.referred_by == contact_id:
                    # A new revision, so a tab still showing the old referral is told it changed.
                    cleared = {"referred_by": None, "revision": other.revision + 1}
                    self._put("contacts", other.model_copy(update={**cleared, "updated_at": now}))
            return True

    @overload
    def delete_where(self, kind: type[R], predicate: Callable[[R], bool]) -> int: ...
    @overload
    def delete_where(self, kind: str, predicate: Callable[[Record], bool]) -> int: ...
    def delete_where(self, kind: type[Record] | str, predicate: Callable[[Any], bool]) -> int:
        """Delete every record of a kind that matches; return how many went."""
        table = table_name(kind)
        with self.transaction():
            doomed = [r.id for r in self.all(kind) if predicate(r)]
            for record_id in doomed:
                self._remove(table, record_id)
            return len(doomed)

    def delete_everything(self) -> None:
        """Remove all records (the caller offers a backup first)."""
        with self.transaction():
            if self.path is not None:
                self.backup("before-delete-all")
            for table in TABLES:
                for record_id in list(self._models[table]):
                    self._remove(table, record_id)

    # ---------------------------------------------------------------- export
    def export_data(self) -> dict[str, list[dict[str, Any]]]:
        """Return every record as plain JSON-ready dicts, by table."""
        return {
            table: [r.model_dump(mode="json") for r in self._models[table].values()]
            for table in TABLES
        }

    def replace_all(self, tables: dict[str, list[Record]]) -> None:
        """Replace the whole database with the given records, in one commit."""
        with self.transaction():
            for table in TABLES:
                for record_id in list(self._models[table]):
                    self._remove(table, record_id)
            for table, records in tables.items():
                for record in records:
                    self._put(table, record)

    # --------------------------------------------------------------- backups
    def backup(self, reason: str = "manual") -> Path | None:
        """Copy the last committed state into the backups folder; return its path."""
        if self.backup_dir is None:
            return None
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
        safe_reason = "".join(ch for ch in reason if ch.isalnum() or ch == "-")[:40] or "manual"
        target = self.backup_dir / f"{safe_reason}-{stamp}.json"
        try:
            self.backup_dir.mkdir(parents=True, exist_ok=True)
            atomic_write(target, self._committed)
        except (OSError, UnconfirmedWriteError) as exc:
            # Raised inside a transaction (before an import, restore or delete-all), this
            # rolls the whole change back: no change goes ahead without its backup.
            target.unlink(missing_ok=True)
            raise StoreWriteError(
                f"could not write a backup ({_why(exc)}); nothing was changed. "
                "Check free space and permissions."
            ) from exc
        events = sorted(
            p for p in self.backup_dir.glob("*.json") if not p.name.startswith("daily-")
        )
        for old in sorted(events, key=_mtime)[:-EVENT_BACKUPS_KEPT]:
            old.unlink(missing_ok=True)
        return target

    def _daily_backup(self, raw: bytes) -> None:
        assert self.backup_dir is not None
        target = self.backup_dir / f"daily-{date.today().isoformat()}.json"
        if target.exists() or not raw.strip():
            return
        self.backup_dir.mkdir(parents=True, exist_ok=True)
        atomic_write(target, raw)
        for old in sorted(self.backup_dir.glob("daily-*.json"))[:-DAILY_BACKUPS_KEPT]:
            old.unlink(missing_ok=True)

    def backups(self) -> list[BackupInfo]:
        """List this store's backups, newest first."""
        return list_backups(self.backup_dir)

    def restore_backup(self, backup: Path) -> None:
        """Replace the data with a backup's, after backing up the current state."""
        raw = Path(backup).read_bytes()
        _data, models = parse_database(raw, Path(backup))
        with self.transaction():
            if self.path is not None:
                self.backup("before-restore")
            self.replace_all({name: list(models[name].values()) for name in TABLES})


def _why(exc: BaseException) -> str:
    if isinstance(exc, StoreError) and isinstance(exc.__cause__, OSError):
        exc = exc.__cause__  # the disk's own words, not our wrapper's
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc)


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0  # pruned by another process meanwhile


def _table_of(record: Record) -> str:
    return table_name(type(record))


def list_backups(folder: Path | None) -> list[BackupInfo]:
    """List the backups in a folder, newest first."""
    if folder is None or not folder.is_dir():
        return []
    found = []
    for path in folder.glob("*.json"):
        try:
            stat = path.stat()
        except OSError:
            continue  # pruned by another process since the folder was listed
        reason = path.stem.rsplit("-", 3)[0] if not path.name.startswith("daily-") else "daily"
        found.append(
            BackupInfo(
                path=path,
                created=datetime.fromtimestamp(stat.st_mtime, UTC),
                reason=reason,
                size=stat.st_size,
            )
        )
    return sorted(found, key=lambda b: b.created, reverse=True)


def restore_newest_good_backup(path: Path) -> Path:
    """Put the newest backup that opens in place of a damaged file; keep the damaged file.

    Returns the backup used. The damaged file is kept beside it as
    ``infoview.json.damaged-<time>`` so nothing is ever destroyed.
    """
    for info in list_backups(path.parent / "backups"):
        try:
            raw = info.path.read_bytes()
            parse_database(raw, info.path)
        except (OSError, StoreDamagedError):
            continue
        lock = FileLock(f"{path}.lock")
        try:
            with lock.acquire(timeout=LOCK_TIMEOUT_S):
                if path.exists():
                    # Microseconds: a second restore in the same second must not overwrite the
                    # first copy (by then the file is the restored backup, not the original).
                    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
                    shutil.copy2(path, path.with_name(f"{path.name}.damaged-{stamp}"))
                atomic_write(path, raw)
        except Timeout as exc:
            raise StoreWriteError(
                "the data file is busy in another program; try again in a moment"
            ) from exc
        except UnconfirmedWriteError:
            raise
        except (OSError, StoreWriteError) as exc:
            raise StoreWriteError(
                f"could not put the backup in place ({_why(exc)}); the data file was not "
                "changed. Check free space and permissions."
            ) from exc
        return info.path
    raise StoreError("No backup could be opened, so nothing was restored.")
