"""Opening an SQLite hub safely: local disk only, one writer, checked, backed up once a day."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from coachdesk.domain.clock import SYSTEM
from coachdesk.errors import UserError
from coachdesk.services.safekeeping import backup_on_open, newest_good_backup
from coachdesk.storage import encryption, precheck
from coachdesk.storage.backup import (
    check_backup_file,
    copy_sqlite_file,
    make_private,
    quick_check_file,
)
from coachdesk.storage.backup_policy import BackupFile
from coachdesk.storage.engine import DB_ENV, default_data_dir, sqlite_path
from coachdesk.storage.location import NotLocalDisk, network_reason
from coachdesk.storage.lock import DatabaseInUse, DatabaseLock, LockFromAnotherMachine
from coachdesk.storage.migrate import open_database
from coachdesk.storage.uow import Database

log = logging.getLogger(__name__)

__all__ = [
    "DamagedDatabase",
    "DatabaseInUse",
    "LockFromAnotherMachine",
    "NotLocalDisk",
    "copy_to_local",
    "on_a_server",
    "open_hub",
    "restore_backup_into",
]

SIDE_FILES = ("-wal", "-shm", "-journal")


class DamagedDatabase(UserError):
    """The database failed its check on opening; it was moved aside, a backup is offered."""

    def __init__(
        self, path: Path, aside: Path, problem: str, backup: BackupFile | None, how: str
    ) -> None:
        if backup is not None and backup.taken is not None:
            when = backup.taken.astimezone().strftime("%d %b %Y %H:%M")
            offer = f" The newest good backup is {backup.path} (taken {when}). {how}"
        else:
            offer = " There is no good backup of it in its backups folder."
        super().__init__(
            f"{path} is damaged ({problem}). It was moved to {aside}; nothing was deleted." + offer
        )
        self.path = path
        self.aside = aside
        self.backup = backup


def on_a_server(target: str | None) -> bool:
    """True when ``target`` (or, without one, ``COACHDESK_DB``) names a database server rather
    than a file on this computer."""
    name = target or os.environ.get(DB_ENV) or ""
    return "://" in name and not name.lower().startswith("sqlite")


def move_aside(path: Path, label: str) -> Path:
    """Rename the database (and its WAL files) to ``<stem>.<label>-<stamp><suffix>``."""
    stamp = SYSTEM.now().strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.stem}.{label}-{stamp}{path.suffix}")
    n = 1
    while aside.exists():
        n += 1
        aside = path.with_name(f"{path.stem}.{label}-{stamp}-{n}{path.suffix}")
    for side in SIDE_FILES:
        extra = path.with_name(path.name + side)
        if extra.exists():
            os.replace(extra, aside.with_name(aside.name + side))
    os.replace(path, aside)
    return aside


def open_hub(
    url: str,
    *,
    migrate: bool = True,
    take_over: bool = False,
    backup: bool = True,
    check: bool = True,
) -> Database:
    """Open a database the way the app does; an SQLite file is first made safe to use.

    Refuses (at once) a file on a network share or synced folder, a file another coachdesk
    holds, a lock from another machine unless ``take_over``; a damaged file is moved aside
    and the newest good backup named. A stale lock from a crash here is taken over silently.
    """
    path = sqlite_path(url)
    if path is None:
        return open_database(url, migrate=migrate)
    why = network_reason(path.resolve())
    if why:
        raise NotLocalDisk(path, why, default_data_dir())
    lock = DatabaseLock.acquire(path, take_over=take_over)
    try:
        existed = path.exists() and path.stat().st_size > 0
        if existed and check and not precheck.passed(path):
            problems = quick_check_file(path)
            if problems:
                log.error("the database failed quick_check on opening and was moved aside")
                aside = move_aside(path, "damaged")
                good = newest_good_backup(path)
                how = (
                    f'Restore it from the File menu, or with: coachdesk --db "{path}" '
                    f'restore "{good.path}"'
                    if good
                    else ""
                )
                raise DamagedDatabase(path, aside, problems[0], good, how)
        db = open_database(url, migrate=migrate)
        db.lock = lock
        for side in SIDE_FILES:
            make_private(path.with_name(path.name + side))
        if existed and backup:
            backup_on_open(db)
        return db
    except BaseException:
        lock.release()
        raise


def database_url(db: Database) -> str:
    """Where ``db`` was opened from: what opens it again (after a restore, say)."""
    return db.url


def close_database(db: Database) -> None:
    """Close the open database: its connections and its lock (switching databases, quitting)."""
    db.dispose()


def restore_backup_into(path: Path, backup: Path) -> None:
    """Put a checked copy of ``backup`` where a damaged database was (that one is aside)."""
    key = encryption.known_key(path)  # an encrypted database's backups share its key
    check_backup_file(backup, key if encryption.is_encrypted(backup) else None)
    if path.exists() and path.stat().st_size > 0:
        raise UserError(f"{path} exists; it is not replaced by a copy. Nothing was changed.")
    path.unlink(missing_ok=True)
    copy_sqlite_file(backup, path, key)


def copy_to_local(path: Path, folder: Path | None = None) -> Path:
    """Copy a database off a network share or synced folder into the local data folder."""
    folder = folder or default_data_dir()
    target = folder / path.name
    n = 1
    while target.exists():
        n += 1
        target = folder / f"{path.stem}-{n}{path.suffix}"
    if not path.is_file():
        raise UserError(f"{path} is not a file.")
    copy_sqlite_file(path, target)
    return target
