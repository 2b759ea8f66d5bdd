"""Listening on a connection of its own for other leads' commits (PostgreSQL ``LISTEN``, SPEC 12).

``NotifyListener(db)`` opens one psycopg connection beside the app's pool, with the same
address, user and TLS settings, and says ``LISTEN coachdesk_changes``. ``poll(timeout)``
returns the notices that arrived (waiting up to ``timeout`` seconds for the first), leaving
out the ones this open database sent itself unless asked. When the server goes away the
listener says so (``connected`` False, ``poll`` returns nothing) and tries again at most
every ``retry_every`` seconds; once back it returns one ``Notice`` with ``missed=True``:
notices sent meanwhile are lost, so anything may have changed. No Qt here: the GUI calls
``poll`` from a worker thread (a reconnect attempt may wait up to ``connect_timeout``).
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from types import TracebackType
from typing import TYPE_CHECKING, Any

from coachdesk.errors import UserError
from coachdesk.storage.notify import CHANNEL
from coachdesk.storage.uow import Database

if TYPE_CHECKING:
    import psycopg


@dataclass(frozen=True)
class Notice:
    """One commit's notification: the tables it changed and the open database that sent it.

    ``missed``: the listener was cut off from the server and is back; what changed meanwhile
    is unknown (``tables`` empty, ``origin`` empty)."""

    tables: frozenset[str]
    origin: str
    missed: bool = False


def parse(text: str) -> Notice | None:
    """The notice in a payload, or None for a payload coachdesk did not send."""
    try:
        data: Any = json.loads(text)
        tables = data["tables"]
        origin = data["origin"]
    except (ValueError, TypeError, KeyError):
        return None
    if not isinstance(origin, str) or not isinstance(tables, list):
        return None
    return Notice(frozenset(str(t) for t in tables), origin)


class NotifyListener:
    """``LISTEN coachdesk_changes`` on a connection of its own; see the module's docstring."""

    def __init__(
        self,
        db: Database,
        *,
        include_own: bool = False,
        retry_every: float = 2.0,
        connect_timeout: int = 3,
    ) -> None:
        if db.backend != "postgresql":
            raise UserError(
                "Only a hub shared on a PostgreSQL server sends changes to listen for; an "
                "SQLite file has one writer."
            )
        self._db = db
        self._include_own = include_own
        self._retry_every = retry_every
        self._connect_timeout = connect_timeout
        self._conn: psycopg.Connection[Any] | None = None
        self._next_try = 0.0
        self._closed = False
        #: Not connected at first: once connected, say that changes may have been missed.
        self._was_lost = not self._connect()

    # -- connection ---------------------------------------------------------------------------

    def _connect(self) -> bool:
        import psycopg

        engine = self._db.engine
        cargs, cparams = engine.dialect.create_connect_args(engine.url)
        params: dict[str, Any] = dict(cparams)
        params.setdefault("connect_timeout", self._connect_timeout)
        try:
            conn = psycopg.connect(*cargs, autocommit=True, **params)
            conn.execute(f"LISTEN {CHANNEL}")
        except psycopg.OperationalError:
            self._next_try = time.monotonic() + self._retry_every
            return False
        self._conn = conn
        return True

    def _lose(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            conn.close()
        self._was_lost = True
        self._next_try = time.monotonic() + self._retry_every

    @property
    def connected(self) -> bool:
        """True while the listening connection is up (False: the server is out of reach)."""
        return self._conn is not None and not self._conn.closed

    def fileno(self) -> int | None:
        """The listening socket (for a select loop or a socket notifier), None when cut off."""
        return self._conn.fileno() if self._conn is not None else None

    # -- notices ------------------------------------------------------------------------------

    def poll(self, timeout: float = 0.0) -> list[Notice]:
        """The notices received, waiting up to ``timeout`` seconds for the first one.

        Never raises for a lost server: it returns ``[]`` and tries again later."""
        import psycopg

        if self._closed:
            return []
        if self._conn is None and (time.monotonic() < self._next_try or not self._connect()):
            time.sleep(max(0.0, min(timeout, self._next_try - time.monotonic())))
            return []
        out: list[Notice] = []
        if self._was_lost:
            self._was_lost = False
            out.append(Notice(frozenset(), "", missed=True))
            timeout = 0.0
        assert self._conn is not None
        try:
            raw = list(self._conn.notifies(timeout=timeout, stop_after=1))
            raw += list(self._conn.notifies(timeout=0))  # drain what else is waiting
        except psycopg.OperationalError:
            self._lose()
            return out
        for item in raw:
            notice = parse(item.payload)
            if notice is None:
                continue
            if notice.origin == self._db.instance_id and not self._include_own:
                continue
            out.append(notice)
        return out

    def close(self) -> None:
        self._closed = True
        conn, self._conn = self._conn, None
        if conn is not None:
            conn.close()

    def __enter__(self) -> NotifyListener:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
