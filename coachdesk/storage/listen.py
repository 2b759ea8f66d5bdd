"""Other leads' commits, heard on a connection of its own (PostgreSQL LISTEN, a thread, no Qt)."""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from typing import Any

from sqlalchemy.engine import make_url

from coachdesk.storage.notify import CHANNEL

log = logging.getLogger(__name__)

#: How long one wait for notifications lasts before the stop flag is looked at again.
POLL_SECONDS = 0.2
#: Waits between attempts to reach the server again: 0.5 s, doubling up to 10 s.
FIRST_RETRY_SECONDS = 0.5
LONGEST_RETRY_SECONDS = 10.0
#: An idle connection is checked (SELECT 1) this often, so a silent drop is noticed.
PING_SECONDS = 5.0

#: Called with the table names another instance's commit touched.
OnTables = Callable[[frozenset[str]], None]
#: Called with True when the server is reached (again), False when it has gone.
OnState = Callable[[bool], None]


def conninfo_of(url: str) -> str:
    """A libpq connection string for an SQLAlchemy PostgreSQL URL (its query options kept)."""
    from psycopg.conninfo import make_conninfo

    parsed = make_url(url)
    params: dict[str, Any] = {
        "host": parsed.host,
        "port": parsed.port,
        "user": parsed.username,
        "password": parsed.password,
        "dbname": parsed.database,
    }
    for key, value in parsed.query.items():
        params[key] = value if isinstance(value, str) else value[-1]
    params.update(
        # Notice a server that went away without closing the connection (a cable pulled).
        keepalives=1,
        keepalives_idle=5,
        keepalives_interval=2,
        keepalives_count=2,
        connect_timeout=5,
        application_name="coachdesk listener",
    )
    return make_conninfo(**{k: v for k, v in params.items() if v is not None})


def tables_of(payload: str, own_origin: str) -> frozenset[str] | None:
    """The tables a notification names (its payload as ``notify.payload`` writes it), or None
    when it is this instance's own; an unreadable one names none, so every table counts."""
    try:
        data = json.loads(payload)
    except ValueError:
        return frozenset()
    if not isinstance(data, dict):
        return frozenset()
    if data.get("origin") == own_origin:
        return None
    tables = data.get("tables")
    if not isinstance(tables, list):
        return frozenset()
    return frozenset(str(t) for t in tables)


class ChangeListener:
    """``LISTEN coachdesk_changes`` on its own connection, on its own thread.

    ``on_tables`` gets the tables of each other instance's commit (an empty set: unknown, so
    everything); ``on_state`` says when the server is reached or lost. A dropped connection is
    retried with a growing wait; after it comes back ``on_tables(frozenset())`` reports that
    anything may have changed meanwhile. ``stop`` ends the thread and waits for it.
    """

    def __init__(self, url: str, origin: str, on_tables: OnTables, on_state: OnState) -> None:
        self._conninfo = conninfo_of(url)
        self._origin = origin
        self._on_tables = on_tables
        self._on_state = on_state
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._reached = False
        #: None until the first attempt, then whether the server was reached last.
        self.connected: bool | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="coachdesk-listener", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """End the thread (within about POLL_SECONDS) and wait for it."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    # -- on the listener's thread --------------------------------------------------------

    def _run(self) -> None:
        delay = FIRST_RETRY_SECONDS
        while not self._stop.is_set():
            self._reached = False
            try:
                # After any failure, what changed meanwhile is not known: say so once back.
                self._listen(caught_up=self.connected is False)
            except Exception as exc:  # a dropped or refused connection: try again later
                log.info("change listener: server unreachable (%s)", type(exc).__name__)
            if self._stop.is_set():
                break
            if self._reached:
                delay = FIRST_RETRY_SECONDS
            if self.connected is not False:
                self._set_state(False)
            self._stop.wait(delay)
            delay = min(delay * 2, LONGEST_RETRY_SECONDS)

    def _listen(self, *, caught_up: bool) -> None:
        import psycopg

        with psycopg.connect(self._conninfo, autocommit=True) as conn:
            conn.execute(f"LISTEN {CHANNEL}")
            self._reached = True
            self._set_state(True)
            if caught_up:
                self._on_tables(frozenset())  # what changed while away is not known
            idle = 0.0
            while not self._stop.is_set():
                heard = False
                for note in conn.notifies(timeout=POLL_SECONDS):
                    heard = True
                    tables = tables_of(note.payload, self._origin)
                    if tables is not None:
                        self._on_tables(tables)
                idle = 0.0 if heard else idle + POLL_SECONDS
                if idle >= PING_SECONDS:
                    conn.execute("SELECT 1")
                    idle = 0.0

    def _set_state(self, reached: bool) -> None:
        self.connected = reached
        self._on_state(reached)
