"""Coach and client in hosted mode: invitations, shares, a coach's read-only view, comments.

The access rules live here, in the store layer, so no page can get them wrong:

- Only a client shares: ``create_invitation`` takes the client's own store and makes a
  one-time code for *their* data, valid for seven days. A signed-in coach accepts it with
  ``accept_invitation``; a code works once, not after it expires, never for its own maker.
- A coach reads a client only through ``CoachView``, which checks the share when it opens
  and again on every ``refresh()`` (each page run): a revoked coach loses access on the next
  read. Every write through the view is refused; the one thing a coach writes is a comment
  (``CoachView.add_comment``), and only on an ask or a call plan the client has.
- A client marks their own comments done; nobody else can. Nobody reads another client.

SQL lives in ``pg_store`` and here, beside the tables it names.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, NoReturn

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    Engine,
    Table,
    Text,
    and_,
    insert,
    select,
    update,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.engine import Connection
from sqlalchemy.exc import SQLAlchemyError

from infoview.pg_store import PgStore, _why, metadata, records, user_column, users
from infoview.store import TABLES, Store, StoreError, StoreWriteError, empty_tables

INVITATION_DAYS = 7
COMMENT_MAX = 2000
COMMENTABLE = {"outreach": "ask draft", "plans": "call plan"}
# No 0/O, 1/I/L: a code read aloud or copied by hand still works.
_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
_CODE_LENGTH = 12

invitations = Table(
    "infoview_invitations",
    metadata,
    Column("code_hash", Text, primary_key=True),
    user_column("client_id"),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    user_column("used_by", nullable=True),
    Column("used_at", DateTime(timezone=True)),
)
shares = Table(
    "infoview_shares",
    metadata,
    user_column("client_id", primary_key=True),
    user_column("coach_id", primary_key=True),
    Column("since", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True)),
)
comments = Table(
    "infoview_comments",
    metadata,
    Column("id", BigInteger, primary_key=True),
    user_column("client_id"),
    user_column("coach_id"),
    Column("tbl", Text, nullable=False),
    Column("record_id", Text, nullable=False),
    Column("body", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("done_at", DateTime(timezone=True)),
)


class SharingError(StoreError):
    """A sharing step the rules refuse; the message says why, in the user's terms."""


class AccessRevokedError(SharingError):
    """The client no longer shares with this coach (or never did)."""


class ReadOnlyError(StoreWriteError):
    """A coach's view of a client's data was asked to change it."""


def _now(now: datetime | None) -> datetime:
    return now if now is not None else datetime.now(UTC)


def normalise_code(code: str) -> str:
    """Return the code as stored: capitals, no spaces or dashes (as typed or pasted)."""
    return "".join(ch for ch in str(code).upper() if ch.isalnum())


def _hash(code: str) -> str:
    return hashlib.sha256(normalise_code(code).encode()).hexdigest()


def format_code(code: str) -> str:
    """Show a code in groups of four: ABCD-EFGH-JKMN."""
    plain = normalise_code(code)
    return "-".join(plain[i : i + 4] for i in range(0, len(plain), 4))


@contextmanager
def _begin(engine: Engine, doing: str) -> Iterator[Connection]:
    try:
        with engine.begin() as conn:
            yield conn
    except SQLAlchemyError as exc:
        raise StoreWriteError(f"could not {doing} ({_why(exc)}); nothing was changed") from exc


def set_display_name(store: PgStore, name: str) -> None:
    """Keep the name the sign-in gives this user, so the people they share with see it."""
    name = " ".join(str(name or "").split())[:120]
    if not name:
        return  # a sign-in without a name keeps the one given before
    with _begin(store.engine, "save your name") as conn:
        conn.execute(
            update(users)
            .where(users.c.id == store.user_id, users.c.display_name != name)
            .values(display_name=name)
        )


# ------------------------------------------------------------------ invitations
@dataclass(frozen=True)
class Invitation:
    """A code the client made, as the client sees it (the code itself is shown only once)."""

    code: str
    expires_at: datetime


def create_invitation(client: PgStore, now: datetime | None = None) -> Invitation:
    """Make a one-time code that lets one coach read ``client``'s data; valid seven days."""
    _refuse_view(client)
    now = _now(now)
    code = "".join(secrets.choice(_ALPHABET) for _ in range(_CODE_LENGTH))
    expires = now + timedelta(days=INVITATION_DAYS)
    with _begin(client.engine, "make the invitation") as conn:
        conn.execute(
            insert(invitations).values(
                code_hash=_hash(code), client_id=client.user_id, created_at=now, expires_at=expires
            )
        )
    return Invitation(format_code(code), expires)


def open_invitations(client: PgStore, now: datetime | None = None) -> list[datetime]:
    """Return when each of the client's unused, unexpired codes runs out, soonest first."""
    with _begin(client.engine, "read your invitations") as conn:
        rows = conn.execute(
            select(invitations.c.expires_at)
            .where(
                invitations.c.client_id == client.user_id,
                invitations.c.used_by.is_(None),
                invitations.c.expires_at > _now(now),
            )
            .order_by(invitations.c.expires_at)
        ).all()
    return [row[0] for row in rows]


def cancel_invitations(client: PgStore) -> int:
    """Void every unused code the client made; return how many."""
    with _begin(client.engine, "cancel the invitations") as conn:
        return int(
            conn.execute(
                invitations.delete().where(
                    invitations.c.client_id == client.user_id, invitations.c.used_by.is_(None)
                )
            ).rowcount
        )


def accept_invitation(coach: PgStore, code: str, now: datetime | None = None) -> ShareInfo:
    """Let ``coach`` read the data of the client who made ``code``; return that share.

    Refused with SharingError (and nothing changed) when the code is unknown, expired,
    already used, or made by the coach themself.
    """
    _refuse_view(coach)
    now = _now(now)
    if len(normalise_code(code)) != _CODE_LENGTH:
        raise SharingError(
            f"An invitation code has {_CODE_LENGTH} letters and digits; check it and try again."
        )
    with _begin(coach.engine, "accept the invitation") as conn:
        found = conn.execute(
            select(invitations).where(invitations.c.code_hash == _hash(code)).with_for_update()
        ).one_or_none()
        if found is None:
            raise SharingError(
                "InfoView does not know that code. Check it with the person who sent it; "
                "they can make a new one."
            )
        if found.client_id == coach.user_id:
            raise SharingError(
                "That code is one you made to share your own data; send it to your coach instead."
            )
        if found.used_by is not None:
            raise SharingError(
                "That code has been used already; each code works once. Ask for a new one."
            )
        if found.expires_at <= now:
            raise SharingError(
                f"That code ran out {INVITATION_DAYS} days after it was made. Ask for a new one."
            )
        conn.execute(
            update(invitations)
            .where(invitations.c.code_hash == found.code_hash)
            .values(used_by=coach.user_id, used_at=now)
        )
        stmt = pg_insert(shares).values(
            client_id=found.client_id, coach_id=coach.user_id, since=now, revoked_at=None
        )
        conn.execute(
            stmt.on_conflict_do_update(
                index_elements=["client_id", "coach_id"],
                set_={"since": now, "revoked_at": None},
            )
        )
        name = conn.execute(
            select(users.c.display_name).where(users.c.id == found.client_id)
        ).scalar_one()
    return ShareInfo(found.client_id, coach.user_id, name or "", now)


# ----------------------------------------------------------------------- shares
@dataclass(frozen=True)
class ShareInfo:
    """One client sharing with one coach; ``name`` is the other side's display name."""

    client_id: int
    coach_id: int
    name: str
    since: datetime


def _live_shares(
    store: PgStore, mine: Column, theirs: Column, doing: str, *order
) -> list[ShareInfo]:
    """The shares not revoked where ``mine`` is ``store``'s user, named by ``theirs``."""
    _refuse_view(store)
    with _begin(store.engine, doing) as conn:
        rows = conn.execute(
            select(shares.c.client_id, shares.c.coach_id, users.c.display_name, shares.c.since)
            .join(users, users.c.id == theirs)
            .where(mine == store.user_id, shares.c.revoked_at.is_(None))
            .order_by(*order)
        ).all()
    return [ShareInfo(r[0], r[1], r[2] or "", r[3]) for r in rows]


def coaches_of(client: PgStore) -> list[ShareInfo]:
    """Who can see ``client``'s data now (revoked shares are not listed)."""
    return _live_shares(
        client, shares.c.client_id, shares.c.coach_id, "read who can see your data", shares.c.since
    )


def clients_of(coach: PgStore) -> list[ShareInfo]:
    """The clients who share with ``coach`` now, by name."""
    return _live_shares(
        coach,
        shares.c.coach_id,
        shares.c.client_id,
        "read your clients",
        users.c.display_name,
        shares.c.client_id,
    )


def revoke(client: PgStore, coach_id: int, now: datetime | None = None) -> bool:
    """Stop ``coach_id`` seeing ``client``'s data; False when they could not see it anyway."""
    _refuse_view(client)
    with _begin(client.engine, "stop sharing") as conn:
        done = conn.execute(
            update(shares)
            .where(
                shares.c.client_id == client.user_id,
                shares.c.coach_id == coach_id,
                shares.c.revoked_at.is_(None),
            )
            .values(revoked_at=_now(now))
        ).rowcount
    return bool(done)


def _share_is_live(conn: Connection, client_id: int, coach_id: int, lock: bool = False) -> bool:
    query = select(shares.c.client_id).where(
        shares.c.client_id == client_id,
        shares.c.coach_id == coach_id,
        shares.c.revoked_at.is_(None),
    )
    if lock:
        query = query.with_for_update()
    return conn.execute(query).first() is not None


def _refuse_view(store: Store) -> None:
    if isinstance(store, CoachView):
        raise ReadOnlyError("A coach's view of a client cannot share or change their sharing.")


# --------------------------------------------------------------------- comments
@dataclass(frozen=True)
class Comment:
    """A coach's comment on one of the client's asks or call plans."""

    id: int
    client_id: int
    coach_id: int
    coach_name: str
    table: str
    record_id: str
    body: str
    created_at: datetime
    done_at: datetime | None

    @property
    def done(self) -> bool:
        return self.done_at is not None

    @property
    def kind(self) -> str:
        """What it is on, in words: "ask draft" or "call plan"."""
        return COMMENTABLE.get(self.table, self.table)


def _comments(conn: Connection, *where: Any) -> list[Comment]:
    rows = conn.execute(
        select(comments, users.c.display_name)
        .join(users, users.c.id == comments.c.coach_id)
        .where(and_(*where))
        .order_by(comments.c.id)
    ).all()
    return [
        Comment(
            r.id,
            r.client_id,
            r.coach_id,
            r.display_name or "",
            r.tbl,
            r.record_id,
            r.body,
            r.created_at,
            r.done_at,
        )
        for r in rows
    ]


def comments_for(client: PgStore) -> list[Comment]:
    """Every comment coaches wrote on ``client``'s data, oldest first."""
    _refuse_view(client)
    with _begin(client.engine, "read your coach's comments") as conn:
        return _comments(conn, comments.c.client_id == client.user_id)


def mark_done(client: PgStore, comment_id: int, done: bool = True) -> bool:
    """Mark one of the client's own comments done (or not); False when it is not theirs."""
    _refuse_view(client)
    with _begin(client.engine, "mark the comment done") as conn:
        changed = conn.execute(
            update(comments)
            .where(comments.c.id == comment_id, comments.c.client_id == client.user_id)
            .values(done_at=datetime.now(UTC) if done else None)
        ).rowcount
    return bool(changed)


# ------------------------------------------------------------------- coach view
class CoachView(PgStore):
    """A client's data as their coach sees it: read-only, gone as soon as the share is.

    Opening checks that the client shares with the coach (AccessRevokedError otherwise); every
    ``refresh()`` checks again, and on a revoked share forgets the data and raises. Writes
    of any kind raise ReadOnlyError; ``add_comment`` is the coach's one way to write.
    """

    def __init__(self, coach: PgStore, client_id: int):
        _refuse_view(coach)
        self.coach_id = coach.user_id
        self.coach_name = ""
        self._client_id = int(client_id)
        super().__init__(coach.engine, coach.issuer, coach.subject)

    def _user_row(self, conn: Connection) -> int:
        if self._client_id == self.coach_id or not _share_is_live(
            conn, self._client_id, self.coach_id
        ):
            raise AccessRevokedError("This person does not share their data with you (any more).")
        return self._client_id

    @property
    def client_name(self) -> str:
        return self._name

    def _catch_up(self, conn: Connection, full: bool = False) -> bool:
        self._name = (
            conn.execute(
                select(users.c.display_name).where(users.c.id == self._client_id)
            ).scalar_one_or_none()
            or ""
        )
        return super()._catch_up(conn, full)

    def refresh(self) -> bool:
        """Check the share still stands, then load what the client changed since."""
        with self._lock:
            try:
                with self.engine.connect() as conn:
                    conn = conn.execution_options(isolation_level="REPEATABLE READ")
                    with conn.begin():
                        if not _share_is_live(conn, self._client_id, self.coach_id):
                            self._forget()
                            raise AccessRevokedError(
                                "This client has stopped sharing their data with you."
                            )
                        return self._catch_up(conn)
            except SQLAlchemyError as exc:
                raise StoreError(f"the database cannot be reached ({_why(exc)})") from exc

    def _forget(self) -> None:
        self._models = empty_tables()
        self._doc_ids = {name: {} for name in TABLES}
        self._db_revision = -1
        self._revision += 1

    # Every path that writes goes through one of these.
    def _refuse(self, *_args: Any, **_kwargs: Any) -> NoReturn:
        raise ReadOnlyError(
            "This is your client's data: you can read it and leave comments, not change it."
        )

    @contextmanager
    def transaction(self) -> Iterator[Store]:
        self._refuse()
        yield self  # pragma: no cover

    _put = _refuse
    _remove = _refuse
    _write = _refuse
    delete_account = _refuse
    backup = _refuse
    restore_backup = _refuse

    def add_comment(self, table: str, record_id: str, body: str) -> Comment:
        """Leave a comment on the client's ask draft or call plan; return it."""
        if table not in COMMENTABLE:
            raise SharingError("Comments go on an ask draft or a call plan.")
        text = str(body or "").strip()
        if not text:
            raise SharingError("Write the comment first: it is empty.")
        if len(text) > COMMENT_MAX:
            raise SharingError(
                f"Keep a comment under {COMMENT_MAX} characters (this one has {len(text)})."
            )
        now = datetime.now(UTC)
        with _begin(self.engine, "save your comment") as conn:
            # The share row locked: a revoke waits for this comment, or this sees the revoke.
            if not _share_is_live(conn, self._client_id, self.coach_id, lock=True):
                self._forget()
                raise AccessRevokedError("This client has stopped sharing their data with you.")
            exists = conn.execute(
                select(records.c.id).where(
                    records.c.user_id == self._client_id,
                    records.c.tbl == table,
                    records.c.id == record_id,
                )
            ).first()
            if exists is None:
                raise SharingError(
                    f"That {COMMENTABLE[table]} is not in this client's data (it may have "
                    "been deleted); your comment was not saved."
                )
            new_id = conn.execute(
                insert(comments)
                .values(
                    client_id=self._client_id,
                    coach_id=self.coach_id,
                    tbl=table,
                    record_id=record_id,
                    body=text,
                    created_at=now,
                )
                .returning(comments.c.id)
            ).scalar_one()
            name = conn.execute(
                select(users.c.display_name).where(users.c.id == self.coach_id)
            ).scalar_one()
        return Comment(
            new_id, self._client_id, self.coach_id, name or "", table, record_id, text, now, None
        )

    def comments(self) -> list[Comment]:
        """This coach's comments on this client, with whether the client marked them done."""
        with _begin(self.engine, "read your comments") as conn:
            if not _share_is_live(conn, self._client_id, self.coach_id):
                self._forget()
                raise AccessRevokedError("This client has stopped sharing their data with you.")
            return _comments(
                conn, comments.c.client_id == self._client_id, comments.c.coach_id == self.coach_id
            )
