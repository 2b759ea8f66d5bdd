"""Encryption at rest: SQLCipher databases, their keys in the system keyring, recovery keys."""

from __future__ import annotations

import base64
import binascii
import importlib
import logging
import os
import secrets
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import ConnectionPoolEntry, QueuePool

from coachdesk.errors import KeyNeeded, UserError

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

log = logging.getLogger(__name__)

#: A script may give the recovery key here instead of typing it (e.g. a nightly backup job).
KEY_ENV = "COACHDESK_KEY"
KEYRING_SERVICE = "coachdesk"
KEY_BYTES = 32
SQLITE_MAGIC = b"SQLite format 3\x00"

#: Keys known in this process: given at open (recovery key) or chosen for a new database.
_session_keys: dict[Path, bytes] = {}

#: A DB-API connection on one database file. SQLCipher's (``sqlcipher3``, which ships no
#: types) is a fork of the standard library's sqlite3 module with the same connection API.
FileConnection = sqlite3.Connection

#: SQLAlchemy's "connect" event hook: the new DB-API connection and its pool entry.
OnConnect = Callable[[DBAPIConnection, ConnectionPoolEntry], None]


@dataclass(frozen=True)
class NewKey:
    """The key chosen for a new encrypted database, as the lead must see it once."""

    recovery_key: str  # groups of four letters and digits, to print or write down
    in_keyring: bool  # False: no usable keyring here; the recovery key is asked for at open


def sqlcipher_available() -> bool:
    """Whether SQLCipher (the ``sqlcipher3`` module) is installed."""
    try:
        import sqlcipher3  # noqa: F401
    except ImportError:
        return False
    return True


def _need_sqlcipher() -> ModuleType:
    try:
        return importlib.import_module("sqlcipher3")
    except ImportError:
        raise UserError(
            "This coachdesk cannot read or make encrypted databases: SQLCipher is not "
            "installed (pip install sqlcipher3-binary)."
        ) from None


def _quiet(sqlcipher3: ModuleType) -> None:
    """SQLCipher logs a wrong key to stderr; coachdesk says it in words instead."""
    conn = sqlcipher3.connect(":memory:")
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
    except sqlcipher3.Error:  # pragma: no cover - older SQLCipher without the setting
        pass
    finally:
        conn.close()


# --- files and keys -------------------------------------------------------------------------


def _key_of(path: Path) -> Path:
    return Path(path).expanduser().resolve()


def is_encrypted(path: Path) -> bool:
    """True for a non-empty file that is not plain SQLite (SQLCipher files look random)."""
    try:
        with Path(path).open("rb") as handle:
            head = handle.read(len(SQLITE_MAGIC))
    except OSError:
        return False
    return bool(head) and head != SQLITE_MAGIC


class NotADatabase(UserError):
    """A file that is neither plain SQLite nor an encrypted (SQLCipher) database."""


def _what_it_holds(head: bytes) -> str:
    if head.startswith(b"%PDF"):
        return "it is a PDF"
    if head.startswith(b"PK\x03\x04"):
        return "it is a zip file (an .xlsx spreadsheet, say)"
    try:
        text = head.decode("utf-8-sig")
    except UnicodeDecodeError as exc:  # cut in the middle of a letter at the end is still text
        if exc.start < len(head) - 3:
            return "it is neither an SQLite database nor an encrypted one"
        text = head[: exc.start].decode("utf-8-sig")
    if all(c.isprintable() or c.isspace() for c in text):
        return "it holds text (a CSV or JSON file, say)"
    return "it is neither an SQLite database nor an encrypted one"


def foreign_file(path: Path) -> str | None:
    """Why ``path`` is not a database at all (plain SQLite or SQLCipher), or None if it may be.

    An SQLCipher file is whole pages (a multiple of 512 bytes) of what looks random."""
    try:
        size = Path(path).stat().st_size
        with Path(path).open("rb") as handle:
            head = handle.read(4096)
    except OSError:
        return None
    if not head or head.startswith(SQLITE_MAGIC):
        return None
    if size >= 512 and size % 512 == 0 and len(set(head[:1024])) >= 160:
        return None
    return _what_it_holds(head)


def refuse_foreign(path: Path, what: str = "a coachdesk database") -> None:
    """Raise NotADatabase, saying what the file is, when it is no database at all."""
    why = foreign_file(path)
    if why is not None:
        raise NotADatabase(
            f"{Path(path).name} is not {what}: {why}. Check it is the right file; "
            "nothing was changed."
        )


def recovery_text(key: bytes) -> str:
    """The key as a recovery key to print: base32 in groups of four (e.g. ``ABCD-EFGH-…``)."""
    text = base64.b32encode(key).decode("ascii").rstrip("=")
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def parse_recovery_key(text: str) -> bytes:
    """The key in a recovery key as typed: spaces, dashes and case do not matter."""
    cleaned = "".join(ch for ch in str(text).upper() if ch.isalnum())
    cleaned = cleaned.replace("0", "O").replace("1", "I").replace("8", "B")
    try:
        key = base64.b32decode(cleaned + "=" * (-len(cleaned) % 8))
    except (binascii.Error, ValueError):
        key = b""
    if len(key) != KEY_BYTES:
        raise UserError(
            "That is not a coachdesk recovery key: it has 13 groups of four letters and "
            "digits (A-Z, 2-7), as printed when the database was created."
        )
    return key


def _usable_keyring() -> KeyringBackend | None:
    """The system keyring, or None when there is none (never a plaintext file backend)."""
    try:
        import keyring
        from keyring.backends import fail, null
    except ImportError:
        return None
    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring | null.Keyring):
        return None
    if "plaintext" in type(backend).__name__.lower():
        return None
    return backend


def store_key(path: Path, key: bytes) -> bool:
    """Keep the key for ``path`` in the system keyring; False when there is no usable one."""
    backend = _usable_keyring()
    if backend is None:
        return False
    try:
        backend.set_password(KEYRING_SERVICE, str(_key_of(path)), key.hex())
    except Exception:  # any keyring failure (locked, D-Bus gone): the lead keeps the recovery key
        log.warning("the system keyring refused to store a database key")
        return False
    return True


def _keyring_key(path: Path) -> bytes | None:
    backend = _usable_keyring()
    if backend is None:
        return None
    try:
        stored = backend.get_password(KEYRING_SERVICE, str(_key_of(path)))
    except Exception:
        log.warning("the system keyring could not be read")
        return None
    try:
        return bytes.fromhex(stored) if stored else None
    except ValueError:
        return None


def remember(path: Path, key: bytes) -> None:
    """Use ``key`` for ``path`` for the rest of this run (a recovery key given at open)."""
    _session_keys[_key_of(path)] = key


def forget(path: Path) -> None:
    _session_keys.pop(_key_of(path), None)


def forget_all() -> None:
    """Forget every key given in this run (a test's end; nothing is stored by this)."""
    _session_keys.clear()


def new_key(path: Path) -> NewKey:
    """Choose the key of a new encrypted database at ``path`` (created when first opened)."""
    _need_sqlcipher()
    path = Path(path)
    if path.exists() and path.stat().st_size > 0:
        raise UserError(f"{path} already exists; only a new database can be made encrypted.")
    key = secrets.token_bytes(KEY_BYTES)
    remember(path, key)
    return NewKey(recovery_text(key), store_key(path, key))


def encrypt_in_place(engine: Engine, path: Path) -> NewKey:
    """Encrypt the plain SQLite file behind ``engine`` (which is disposed) with a new key.

    Only for a database that holds no personal data yet (the caller checks): the plain
    file's old disk blocks are not wiped.
    """
    sqlcipher3 = _need_sqlcipher()
    path = Path(path)
    if is_encrypted(path):
        raise UserError(f"{path.name} is already encrypted.")
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    key = secrets.token_bytes(KEY_BYTES)
    tmp = path.with_name(path.name + ".encrypting")
    tmp.unlink(missing_ok=True)
    tmp.touch(mode=0o600)
    plain = sqlcipher3.connect(str(path))  # no key given: SQLCipher reads plain SQLite
    try:
        plain.execute(f"ATTACH DATABASE ? AS encrypted KEY \"x'{key.hex()}'\"", (str(tmp),))
        plain.execute("SELECT sqlcipher_export('encrypted')")
        plain.execute("DETACH DATABASE encrypted")
    except sqlcipher3.Error as exc:
        tmp.unlink(missing_ok=True)
        raise UserError(f"{path.name} could not be encrypted ({exc}); it is unchanged.") from None
    finally:
        plain.close()
    os.replace(tmp, path)
    for extra in ("-wal", "-shm"):
        Path(str(path) + extra).unlink(missing_ok=True)
    remember(path, key)
    return NewKey(recovery_text(key), store_key(path, key))


def known_key(path: Path) -> bytes | None:
    """The key known for ``path`` in this run, its keyring or COACHDESK_KEY, else None."""
    try:
        return _key_for(Path(path))[0]
    except UserError:
        return None


def _key_for(path: Path) -> tuple[bytes, str]:
    """The key for an encrypted file and where it came from (for the wrong-key message)."""
    if (key := _session_keys.get(_key_of(path))) is not None:
        return key, "the recovery key given"
    if (key := _keyring_key(path)) is not None:
        return key, "the key in this computer's keyring"
    if os.environ.get(KEY_ENV):
        return parse_recovery_key(os.environ[KEY_ENV]), f"the recovery key in {KEY_ENV}"
    where = (
        "its key is not in this computer's keyring"
        if _usable_keyring() is not None
        else "this computer has no keyring to keep its key"
    )
    raise KeyNeeded(
        f"{path.name} is encrypted and {where}. Enter its recovery key (printed when it was "
        f"created), or set {KEY_ENV} to it for a script.",
        path=path,
    )


# --- engines and connections ----------------------------------------------------------------


def wants_encryption(path: Path) -> bool:
    """An encrypted file, or a new one whose key was chosen in this run."""
    if is_encrypted(path):
        return True
    empty = not path.exists() or path.stat().st_size == 0
    return empty and _key_of(path) in _session_keys


def _pragma_key(key: bytes) -> str:
    return f"PRAGMA key = \"x'{key.hex()}'\""


def _wrong_key(path: Path, source: str) -> KeyNeeded:
    """A wrong key: the recovery key is asked for again (a KeyNeeded, so a UserError)."""
    return KeyNeeded(
        f"This database is encrypted and the key ({source}) is wrong: {path.name} cannot be "
        "opened with it. Check the recovery key and try again; nothing was changed.",
        path=path,
    )


def encrypted_engine(path: Path, on_connect: OnConnect) -> Engine:
    """An engine on the SQLCipher file ``path``, its key checked before anything is written."""
    refuse_foreign(path)
    sqlcipher3 = _need_sqlcipher()
    _quiet(sqlcipher3)
    key, source = _key_for(path)
    if not path.exists():
        path.touch(mode=0o600)
    url = URL.create("sqlite+pysqlcipher", password=f"x'{key.hex()}'", database=str(path))
    engine = create_engine(url, poolclass=QueuePool)

    def pragmas(dbapi_connection: DBAPIConnection, record: ConnectionPoolEntry) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA temp_store = MEMORY")  # no plaintext temp files
        cursor.close()
        on_connect(dbapi_connection, record)

    event.listen(engine, "connect", pragmas)
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT count(*) FROM sqlite_master")
    except DBAPIError as exc:
        engine.dispose()
        if "not a database" in str(exc.orig) or "encrypt" in str(exc.orig):
            if source == "the recovery key given":
                forget(path)
            raise _wrong_key(path, source) from None
        raise
    if source == "the recovery key given" and _keyring_key(path) != key:
        store_key(path, key)  # on a new computer: asked once, then kept in its keyring
    return engine


def db_errors() -> tuple[type[Exception], ...]:
    """The DB-API error classes of sqlite3 and (when installed) SQLCipher."""
    try:
        import sqlcipher3
    except ImportError:
        return (sqlite3.Error,)
    return (sqlite3.Error, sqlcipher3.Error)


def is_sqlcipher(engine: Engine) -> bool:
    return engine.dialect.driver == "pysqlcipher"


def connect_file(path: Path, *, readonly: bool = False, key: bytes | None = None) -> FileConnection:
    """A DB-API connection on an SQLite or SQLCipher file (``key`` given or looked up)."""
    path = Path(path)
    target = f"file:{path}?mode=ro" if readonly else str(path)
    plain = path.exists() and path.stat().st_size > 0 and not is_encrypted(path)
    if key is not None and plain:
        raise UserError(
            f"{path.name} is not encrypted, but this database is: use a backup taken from it."
        )
    if key is None and not is_encrypted(path):
        return sqlite3.connect(target, uri=readonly)
    refuse_foreign(path)
    sqlcipher3 = _need_sqlcipher()
    _quiet(sqlcipher3)
    source = "the database's key"
    if key is None:
        key, source = _key_for(path)
    conn: FileConnection = sqlcipher3.connect(target, uri=readonly)
    conn.execute(_pragma_key(key))
    conn.execute("PRAGMA temp_store = MEMORY")
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher3.DatabaseError:
        conn.close()
        raise _wrong_key(path, source) from None
    return conn


def engine_key(engine: Engine) -> bytes:
    """The key of an open SQLCipher engine (its backups are written with the same key)."""
    password = engine.url.password or ""
    return bytes.fromhex(password[2:-1])
