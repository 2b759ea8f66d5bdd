"""Disk full and I/O errors while saving or backing up: a clear message at once, the live
database intact, no backup lost (issue 6.4)."""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import event

from coachdesk.app import main, open_db
from coachdesk.errors import UserError
from coachdesk.services.dto import PersonInput
from coachdesk.services.register import add_person, list_people
from coachdesk.services.safekeeping import auto_backup, backup, list_backups
from tests.helpers.sqlitefile import sqlite_file


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def integrity(path: Path) -> str:
    with sqlite_file(path) as conn:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]


def person(i: int, notes: str = "") -> PersonInput:
    return PersonInput(full_name=f"Alex Rowe {i}", email=f"alex{i}@example.org", notes=notes)


@pytest.fixture
def hub_with_backups(hubfile: Path) -> Iterator[tuple[Path, dict[Path, str]]]:
    """A database with three people and two good backups (their digests)."""
    db = open_db(str(hubfile), backup=False)
    for i in range(3):
        add_person(db, person(i))
    auto_backup(db, "before-import")
    auto_backup(db)
    db.dispose()
    backups = {b.path: digest(b.path) for b in list_backups(hubfile)}
    assert len(backups) == 2
    yield hubfile, backups


def assert_nothing_lost(hubfile: Path, backups: dict[Path, str]) -> None:
    assert integrity(hubfile) == "ok"
    with sqlite_file(hubfile) as conn:
        assert conn.execute("SELECT count(*) FROM people").fetchone()[0] == 3
    for path, sha in backups.items():
        assert path.exists() and digest(path) == sha
    assert not list(path.parent.glob("*.part"))


@pytest.mark.parametrize(
    "failure",
    [
        sqlite3.OperationalError("database or disk is full"),
        OSError(errno.ENOSPC, "No space left on device"),
    ],
    ids=["sqlite-full", "enospc"],
)
def test_a_backup_onto_a_full_disk_says_so_and_loses_nothing(
    hub_with_backups: tuple[Path, dict[Path, str]],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    failure: BaseException,
) -> None:
    hubfile, backups = hub_with_backups

    attempts = []

    def full(*args: object) -> None:
        attempts.append(args)
        raise failure

    monkeypatch.setattr("coachdesk.storage.backup._single_file", full)
    existing = next(iter(backups))
    assert main(["--db", str(hubfile), "backup", str(existing)]) == 1  # over an old backup
    assert len(attempts) == 1  # refused at the first failure: no retrying, no waiting
    err = capsys.readouterr().err
    assert "could not be written: the disk is full" in err
    assert "no earlier backup was removed" in err and "Traceback" not in err
    assert_nothing_lost(hubfile, backups)


def test_an_io_error_while_renaming_the_backup_into_place(
    hub_with_backups: tuple[Path, dict[Path, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    hubfile, backups = hub_with_backups

    def failing_replace(src: object, dst: object) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr("coachdesk.storage.backup.os.replace", failing_replace)
    db = open_db(str(hubfile), backup=False)
    try:
        with pytest.raises(UserError, match="the disk reported an error"):
            backup(db, None, "20991231-000000")
    finally:
        db.dispose()
    assert_nothing_lost(hubfile, backups)


def test_saving_onto_a_full_disk_is_refused_clearly_and_writes_nothing(
    hub_with_backups: tuple[Path, dict[Path, str]],
) -> None:
    hubfile, backups = hub_with_backups
    db = open_db(str(hubfile), backup=False)

    def no_more_pages(dbapi_connection, _record) -> None:  # noqa: ANN001 - DBAPI hook
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    inserts = []

    def count_inserts(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if statement.lstrip().upper().startswith("INSERT INTO PEOPLE"):
            inserts.append(statement)

    db.engine.dispose()
    event.listen(db.engine, "connect", no_more_pages)  # SQLite itself answers SQLITE_FULL
    event.listen(db.engine, "before_cursor_execute", count_inserts)
    with pytest.raises(UserError) as refused:
        add_person(db, person(99, notes="A long note. " * 5000))
    assert len(inserts) == 1  # refused at the first SQLITE_FULL: no retrying, no waiting
    assert "the disk holding the database is full" in str(refused.value)
    assert "Nothing of this change was written" in str(refused.value)
    assert len(list_people(db)) == 3
    db.dispose()
    assert_nothing_lost(hubfile, backups)


# --- a real, size-limited file system (needs root and permission to mount; skipped if not) --


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 1 MB tmpfs mounted for the test."""
    where = tmp_path / "tiny"
    where.mkdir()
    if sys.platform == "win32":
        pytest.skip("a size-limited tmpfs is Linux's; the injected errors cover Windows")
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a size-limited file system needs root; the injected errors cover it")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m,mode=0700", "tmpfs", str(where)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        pytest.skip(f"mounting a small tmpfs is not allowed here: {done.stderr.strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def fill(folder: Path, leave: int) -> None:
    """Fill the file system holding ``folder`` until about ``leave`` bytes are free."""
    free = shutil.disk_usage(folder).free
    if free > leave:
        (folder / "filler").write_bytes(b"\0" * (free - leave))


def test_a_real_full_disk_while_backing_up(
    hub_with_backups: tuple[Path, dict[Path, str]],
    tiny_disk: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    hubfile, backups = hub_with_backups
    kept = tiny_disk / "older.sqlite"
    assert main(["--db", str(hubfile), "backup", str(kept)]) == 0
    kept_sha = digest(kept)
    fill(tiny_disk, 16 * 1024)
    capsys.readouterr()
    assert main(["--db", str(hubfile), "backup", str(tiny_disk / "new.sqlite")]) == 1
    assert "the disk is full" in capsys.readouterr().err
    assert digest(kept) == kept_sha and not (tiny_disk / "new.sqlite").exists()
    assert not list(tiny_disk.glob("*.part"))
    assert_nothing_lost(hubfile, backups)


def test_a_real_full_disk_while_saving(tiny_disk: Path, _template_sqlite: Path) -> None:
    hubfile = tiny_disk / "hub.sqlite"
    shutil.copyfile(_template_sqlite, hubfile)
    db = open_db(str(hubfile), backup=False)
    for i in range(3):
        add_person(db, person(i))
    fill(tiny_disk, 64 * 1024)
    with pytest.raises(UserError, match="the disk holding the database is full"):
        for i in range(3, 200):
            add_person(db, person(i, notes="A long note. " * 2000))
    saved = len(list_people(db))
    db.dispose()
    (tiny_disk / "filler").unlink()
    assert integrity(hubfile) == "ok"
    with sqlite_file(hubfile) as conn:
        assert conn.execute("SELECT count(*) FROM people").fetchone()[0] == saved >= 3
