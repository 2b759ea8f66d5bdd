"""Encryption at rest: SQLCipher files, the key in the keyring, recovery keys, no plaintext copies."""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from coachdesk.app import main
from coachdesk.errors import KeyNeeded, UserError
from coachdesk.services import register, safekeeping
from coachdesk.services.dto import PersonInput
from coachdesk.storage import encryption
from coachdesk.storage.migrate import open_database
from coachdesk.storage.uow import Database
from tests.helpers.keyrings import MemoryKeyring
from tests.helpers.sqlitefile import sqlite_file

PLANTED = "Quillon Vexbridge-PLANTED-7c41"


@pytest.fixture
def ring() -> MemoryKeyring:
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    return backend


def _new(path: Path) -> tuple[Database, encryption.NewKey]:
    created = encryption.new_key(path)
    return open_database(f"sqlite:///{path}"), created


def _plant(db: Database) -> None:
    register.add_person(
        db,
        PersonInput(full_name=PLANTED, email="quillon.vexbridge@example.nhs.uk", notes=PLANTED),
    )


def _files_holding(folder: Path, needle: bytes) -> list[str]:
    return sorted(
        str(p.relative_to(folder))
        for p in folder.rglob("*")
        if p.is_file() and needle in p.read_bytes()
    )


@pytest.fixture
def private_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """SQLite's and Python's temporary files go to a folder the test can search."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setenv("SQLITE_TMPDIR", str(folder))
    yield folder


def test_a_new_encrypted_database_is_unreadable_as_sqlite_and_reopens_from_the_keyring(
    tmp_path: Path, ring: MemoryKeyring
) -> None:
    path = tmp_path / "hub.sqlite"
    db, created = _new(path)
    _plant(db)
    db.dispose()
    assert created.in_keyring and len(ring.store) == 1
    assert encryption.is_encrypted(path)
    with pytest.raises(sqlite3.DatabaseError, match="not a database"), sqlite_file(path) as conn:
        conn.execute("SELECT * FROM people").fetchall()
    assert sys.platform == "win32" or path.stat().st_mode & 0o777 == 0o600  # no bits on Windows

    encryption.forget_all()  # a new run: the key comes from the keyring
    again = open_database(f"sqlite:///{path}")
    assert [p.full_name for p in register.list_people(again)] == [PLANTED]
    again.dispose()


def test_no_plaintext_copy_in_the_database_wal_backup_or_temp_files(
    tmp_path: Path, ring: MemoryKeyring, private_tmp: Path
) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    db, _ = _new(folder / "hub.sqlite")
    _plant(db)
    assert (folder / "hub.sqlite-wal").stat().st_size > 0  # the planted row is in the WAL now
    assert _files_holding(folder, PLANTED.encode()) == []
    backup = safekeeping.backup(db, folder / "backups", "now")
    people = register.list_people(db, search="Quillon")  # a query that may sort in temp space
    assert [p.full_name for p in people] == [PLANTED]
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    for needle in (PLANTED.encode(), PLANTED.encode("utf-16-le"), b"quillon.vexbridge"):
        assert _files_holding(folder, needle) == []
        assert _files_holding(private_tmp, needle) == []
    assert backup.is_file() and encryption.is_encrypted(backup)
    db.dispose()


def test_the_search_for_plaintext_would_find_it_in_an_ordinary_database(tmp_path: Path) -> None:
    """The control for the test above: the same search finds the planted name unencrypted."""
    db = open_database(f"sqlite:///{tmp_path / 'plain.sqlite'}")
    _plant(db)
    safekeeping.backup(db, tmp_path / "backups", "now")
    db.dispose()
    assert _files_holding(tmp_path, PLANTED.encode())


def test_a_backup_stays_encrypted_opens_only_with_the_key_and_restores(
    tmp_path: Path, ring: MemoryKeyring
) -> None:
    path = tmp_path / "hub.sqlite"
    db, created = _new(path)
    _plant(db)
    backup = safekeeping.backup(db, tmp_path / "backups", "first")
    with pytest.raises(sqlite3.DatabaseError), sqlite_file(backup) as conn:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchall()
    with pytest.raises(UserError, match="key .* is wrong"):
        encryption.connect_file(backup, key=b"\x01" * 32)
    key = encryption.parse_recovery_key(created.recovery_key)
    conn = encryption.connect_file(backup, readonly=True, key=key)
    assert conn.execute("SELECT full_name FROM people").fetchall() == [(PLANTED,)]
    conn.close()

    register.add_person(db, PersonInput(full_name="Later Added", email="later@example.nhs.uk"))
    aside = safekeeping.restore(db, backup, "restore")
    assert [p.full_name for p in register.list_people(db)] == [PLANTED]
    assert aside is not None and encryption.is_encrypted(aside)
    assert safekeeping.check_database(db) == []
    db.dispose()


def test_a_wrong_key_in_the_keyring_is_a_clear_refusal(tmp_path: Path, ring: MemoryKeyring) -> None:
    path = tmp_path / "hub.sqlite"
    db, _ = _new(path)
    db.dispose()
    encryption.forget_all()
    ((service, user),) = ring.store
    ring.store[(service, user)] = "00" * 32
    with pytest.raises(UserError) as refused:
        open_database(f"sqlite:///{path}")
    assert str(refused.value).startswith(
        "This database is encrypted and the key (the key in this computer's keyring) is wrong"
    )


def test_without_a_keyring_the_key_is_never_kept_and_the_recovery_key_opens_it(
    tmp_path: Path,
) -> None:
    keyring.set_keyring(fail.Keyring())
    path = tmp_path / "hub.sqlite"
    db, created = _new(path)
    _plant(db)
    db.dispose()
    assert not created.in_keyring
    key = encryption.parse_recovery_key(created.recovery_key)
    for needle in (key.hex().encode(), key, created.recovery_key.encode()):
        assert _files_holding(tmp_path, needle) == []

    encryption.forget_all()
    with pytest.raises(KeyNeeded, match="no keyring .* Enter its recovery key"):
        open_database(f"sqlite:///{path}")
    with pytest.raises(UserError, match="is wrong"):
        encryption.remember(path, b"\x02" * 32)
        open_database(f"sqlite:///{path}")
    typed = created.recovery_key.lower().replace("-", " ")
    encryption.remember(path, encryption.parse_recovery_key(typed))
    again = open_database(f"sqlite:///{path}")
    assert [p.full_name for p in register.list_people(again)] == [PLANTED]
    again.dispose()


@pytest.mark.parametrize("typed", ["", "not a key", "ABCD-" * 12 + "ABC", "é" * 52, "AAAA" * 14])
def test_a_mistyped_recovery_key_is_refused_with_what_one_looks_like(typed: str) -> None:
    with pytest.raises(UserError, match="13 groups of four"):
        encryption.parse_recovery_key(typed)


def test_only_a_new_database_can_be_made_encrypted(tmp_path: Path) -> None:
    path = tmp_path / "hub.sqlite"
    open_database(f"sqlite:///{path}").dispose()
    with pytest.raises(UserError, match="only a new database can be made encrypted"):
        encryption.new_key(path)


def test_scripts_give_the_recovery_key_in_coachdesk_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "hub.sqlite"
    db, created = _new(path)
    db.dispose()
    encryption.forget_all()
    assert main(["--db", str(path), "check"]) == 1
    assert "is encrypted" in capsys.readouterr().err
    monkeypatch.setenv(encryption.KEY_ENV, created.recovery_key)
    assert main(["--db", str(path), "check"]) == 0
    assert "No alerts" in capsys.readouterr().out
    monkeypatch.setenv(encryption.KEY_ENV, "A" * 52)
    assert main(["--db", str(path), "check"]) == 1
    assert "the key (the recovery key in COACHDESK_KEY) is wrong" in capsys.readouterr().err


def test_a_database_that_holds_nobody_yet_can_be_encrypted_in_place(
    sqlite_url: str, ring: MemoryKeyring
) -> None:
    from coachdesk.services import keys, settings

    db = open_database(sqlite_url)
    settings.update_settings(db, {"hub_name": "Fenland Coaching Hub"})
    assert keys.can_encrypt_in_place(db)
    path, created = keys.encrypt_in_place(db)
    assert path == Path(sqlite_url.removeprefix("sqlite:///"))
    assert encryption.is_encrypted(path) and created.in_keyring
    encryption.forget_all()
    again = open_database(sqlite_url)
    assert settings.get_settings(again).hub_name == "Fenland Coaching Hub"
    assert not keys.can_encrypt_in_place(again)  # already encrypted
    again.dispose()


def test_a_database_holding_people_is_not_encrypted_in_place(sqlite_url: str) -> None:
    from coachdesk.services import keys

    db = open_database(sqlite_url)
    _plant(db)
    with pytest.raises(UserError, match="Only a new, empty SQLite database can be encrypted"):
        keys.encrypt_in_place(db)
    assert not encryption.is_encrypted(Path(sqlite_url.removeprefix("sqlite:///")))
    db.dispose()


def test_a_recovery_key_typed_where_there_is_a_keyring_is_kept_there(tmp_path: Path) -> None:
    path = tmp_path / "hub.sqlite"
    db, created = _new(path)  # made where there was no keyring
    db.dispose()
    encryption.forget_all()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)  # another computer, with a keyring
    encryption.remember(path, encryption.parse_recovery_key(created.recovery_key))
    open_database(f"sqlite:///{path}").dispose()
    encryption.forget_all()
    assert list(ring.store.values()) == [encryption.parse_recovery_key(created.recovery_key).hex()]
    open_database(f"sqlite:///{path}").dispose()  # no recovery key needed any more
