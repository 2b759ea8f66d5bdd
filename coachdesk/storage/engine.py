"""Where the database lives and how to connect: SQLite pragmas, PostgreSQL URLs."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.exc import ArgumentError
from sqlalchemy.pool import ConnectionPoolEntry

from coachdesk.errors import UserError
from coachdesk.storage import encryption, tls

DB_ENV = "COACHDESK_DB"
DB_FILENAME = "coachdesk.sqlite"
#: Seconds to wait for a PostgreSQL server that does not answer (a URL's own value wins).
CONNECT_TIMEOUT = 15


def default_data_dir() -> Path:
    """The data folder (coachdesk.locations: the user's, or portable), created private."""
    from coachdesk.locations import data_dir
    from coachdesk.storage.backup import private_folder

    return private_folder(data_dir())  # an existing folder is made private too


def resolve_url(db: str | None) -> str:
    """An SQLAlchemy URL from ``--db``, ``COACHDESK_DB`` or the user data folder."""
    target = db or os.environ.get(DB_ENV) or str(default_data_dir() / DB_FILENAME)
    if "://" in target:
        try:
            url = make_url(target)
        except ArgumentError as exc:
            raise UserError(f"{target!r} is not a database URL coachdesk can read: {exc}") from exc
        if url.get_backend_name() not in ("sqlite", "postgresql"):
            raise UserError(
                f"coachdesk works with SQLite files or PostgreSQL, not {url.get_backend_name()}."
            )
        if url.get_backend_name() == "postgresql" and url.drivername == "postgresql":
            url = url.set(drivername="postgresql+psycopg")
        return url.render_as_string(hide_password=False)
    path = Path(target).expanduser()
    if path.is_dir():
        raise UserError(f"{path} is a folder; give the path of a database file.")
    if not path.parent.exists():
        raise UserError(f"The folder {path.parent} does not exist.")
    return f"sqlite:///{path.resolve()}"


def sqlite_path(url: str) -> Path | None:
    """The file behind an SQLite URL, or None for a server database or memory."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return None
    if parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def _sqlite_pragmas(dbapi_connection: DBAPIConnection, _record: ConnectionPoolEntry) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA secure_delete=ON")  # deleted data is overwritten (erasure, SPEC 10)
    cursor.close()


def make_engine(url: str) -> Engine:
    """An engine with coachdesk's connection settings for the URL's backend."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        path = sqlite_path(url)
        if path is not None and encryption.wants_encryption(path):
            return encryption.encrypted_engine(path, _sqlite_pragmas)
        if path is not None:
            from coachdesk.storage.backup import make_private

            if not path.exists():
                path.touch(mode=0o600)
            make_private(path)
        engine = create_engine(url, hide_parameters=True)  # values never reach logs or errors
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    target = tls.require_tls(parsed, allow_plaintext=tls.plaintext_allowed())
    connect_args = {} if "connect_timeout" in parsed.query else {"connect_timeout": CONNECT_TIMEOUT}
    return create_engine(
        target, pool_pre_ping=True, hide_parameters=True, connect_args=connect_args
    )


def describe(url: str) -> str:
    """The database location for the status bar and messages (no password)."""
    path = sqlite_path(url)
    if path is not None:
        return str(path)
    return make_url(url).render_as_string(hide_password=True)
