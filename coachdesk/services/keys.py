"""Encrypted databases for the interfaces: make a new one's key, unlock one with a recovery key."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from coachdesk.errors import UserError
from coachdesk.services.changes import Outcome
from coachdesk.storage import encryption
from coachdesk.storage.encryption import NewKey
from coachdesk.storage.engine import sqlite_path
from coachdesk.storage.models import Person
from coachdesk.storage.uow import Database

__all__ = [
    "NewKey",
    "can_encrypt_in_place",
    "encrypt_empty_hub",
    "encrypt_in_place",
    "encrypt_new",
    "encryption_available",
    "unlock",
]


def encryption_available() -> bool:
    """Whether this installation can make and open encrypted databases (SQLCipher present)."""
    return encryption.sqlcipher_available()


def encrypt_new(path: Path) -> NewKey:
    """Choose the key for the new database at ``path``; it is created encrypted when opened.

    The key goes to the system keyring when there is one; the recovery key returned must be
    shown to the lead once, to print or write down.
    """
    return encryption.new_key(Path(path))


def unlock(path: Path, recovery_key: str) -> None:
    """Use a typed recovery key for ``path`` in this run (UserError when it is not one)."""
    encryption.remember(Path(path), encryption.parse_recovery_key(recovery_key))


def can_encrypt_in_place(db: Database) -> bool:
    """A plain SQLite database that holds nobody yet (the first run) may still be encrypted."""
    path = sqlite_path(db.url)
    if path is None or not encryption_available() or encryption.is_sqlcipher(db.engine):
        return False
    with db.uow() as uow:
        return not uow.session.scalar(select(func.count()).select_from(Person))


def encrypt_in_place(db: Database) -> tuple[Path, NewKey]:
    """Encrypt a database that holds nobody yet; ``db`` is closed: open the file again."""
    if not can_encrypt_in_place(db):
        raise UserError(
            "Only a new, empty SQLite database can be encrypted; make a new one with "
            "File > New database… and import your data into it."
        )
    path = sqlite_path(db.url)
    assert path is not None
    created = encryption.encrypt_in_place(db.engine, path)
    db.dispose()  # its lock too: the file is opened again, encrypted
    db.backed_up_at = db.commits  # this closed handle has nothing left to back up
    return path, created


def encrypt_empty_hub(db: Database) -> Outcome[tuple[Path, NewKey]]:
    """The welcome page's "encrypt": ``encrypt_in_place`` as an operation (the file and its
    recovery key; no record changed). ``db`` is closed: open the file again."""
    return Outcome(encrypt_in_place(db))
