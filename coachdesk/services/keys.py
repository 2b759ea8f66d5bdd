"""Encrypted databases for the interfaces: make a new one's key, unlock one with a recovery key."""

from __future__ import annotations

from pathlib import Path

from coachdesk.storage import encryption
from coachdesk.storage.encryption import NewKey

__all__ = ["NewKey", "encrypt_new", "encryption_available", "unlock"]


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
