"""Backups, restores, schema upgrades and integrity checks of an open database."""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, inspect, select

from coachdesk.errors import UserError
from coachdesk.services.changes import Outcome
from coachdesk.storage import backup_policy as policy
from coachdesk.storage.backup import (
    backup_sqlite,
    check_sqlite_file,
    private_folder,
    restore_sqlite,
)
from coachdesk.storage.engine import default_data_dir, sqlite_path
from coachdesk.storage.migrate import current_revision, ensure_defaults, head_revision, upgrade
from coachdesk.storage.models import Base, Person
from coachdesk.storage.uow import Database

log = logging.getLogger(__name__)


def _target(dest: Path | None, folder: Path, name: str) -> Path:
    if dest is None:
        return folder / name
    dest = Path(dest).expanduser()
    if dest.is_dir() or str(dest).endswith(("/", "\\")):
        return dest / name
    return dest


def backup(db: Database, dest: Path | None, stamp: str) -> Path:
    """A checked backup: SQLite via the online backup API; PostgreSQL as a full JSON bundle."""
    live = sqlite_path(db.url)
    if live is not None:
        target = _target(dest, live.parent / "backups", f"{live.stem}-{stamp}.sqlite")
        if target.resolve() == live.resolve():
            raise UserError("A backup cannot overwrite the database it is taken from.")
        backup_sqlite(db.engine, target)
        if dest is None:
            db.backed_up_at = db.commits
            rotate(live, db.clock.now(), target)
        return target
    from coachdesk.services.exchange import write_bundle

    target = _target(dest, default_data_dir() / "backups", f"coachdesk-{stamp}.json")
    target.parent.mkdir(parents=True, exist_ok=True)
    write_bundle(db, target)
    return target


def restore(db: Database, source: Path, stamp: str) -> Path | None:
    """Replace the data with a backup; returns where the previous database was kept."""
    live = sqlite_path(db.url)
    if live is not None:
        if Path(source).suffix.lower() == ".json":
            raise UserError(
                "That is a JSON bundle, not an SQLite backup: use 'coachdesk import' to merge it."
            )
        aside = live.with_name(f"{live.stem}.before-restore-{stamp}{live.suffix}")
        restore_sqlite(db.engine, Path(source), live, aside)
        return aside
    from coachdesk.services.exchange import import_bundle, read_bundle_file

    data = read_bundle_file(Path(source))
    with db.uow() as uow:
        if uow.session.scalar(select(func.count()).select_from(Person)):
            raise UserError(
                "This PostgreSQL database already holds people. Restore a bundle into an "
                "empty database (or merge it with 'coachdesk import'). Nothing was changed."
            )
    import_bundle(db, data, source=Path(source).name)
    return None


def _stamp(db: Database) -> str:
    return db.clock.now().strftime("%Y%m%d-%H%M%S")


def backup_now(db: Database) -> Outcome[Path]:
    """File › Backup now: ``backup`` into the backups folder, named from the clock."""
    return Outcome(backup(db, None, _stamp(db)))


def restore_from_backup(db: Database, source: Path) -> Outcome[Path | None]:
    """File › Restore: ``restore`` named from the clock. Nothing is broadcast: the app opens
    the database afresh (an older backup's schema is upgraded then)."""
    return Outcome(restore(db, source, _stamp(db)))


def upgrade_database(db: Database) -> list[str]:
    """Bring the schema to this version of coachdesk; say what happened."""
    with db.engine.connect() as conn:
        before = current_revision(conn)
    taken = upgrade(db)
    ensure_defaults(db)
    head = head_revision()
    if before == head:
        return [f"The database is already at the current schema ({head})."]
    lines = [f"Upgraded the schema from {before or 'empty'} to {head}."]
    if taken:
        lines.append(f"A backup of the database as it was: {taken}")
    return lines


def check_database(db: Database) -> list[str]:
    """Problems with integrity, references or schema (an empty list when all is well)."""
    problems: list[str] = []
    live = sqlite_path(db.url)
    if live is not None:
        problems.extend(check_sqlite_file(live))
    with db.engine.connect() as conn:
        current = current_revision(conn)
        tables = set(inspect(conn).get_table_names())
    head = head_revision()
    if current != head:
        problems.append(
            f"schema is {current or 'empty'}, this coachdesk expects {head}: run 'coachdesk db upgrade'"
        )
    missing = sorted(t.name for t in Base.metadata.sorted_tables if t.name not in tables)
    if missing and current is not None:
        problems.append(f"tables missing: {', '.join(missing)}")
    return problems


# --- automatic backups (SQLite): on open, every 30 minutes of changes, on close, before ----


def backups_folder(live: Path) -> Path:
    return live.parent / "backups"


def list_backups(live: Path) -> list[policy.BackupFile]:
    """The backups of ``live`` in its backups folder (files of other names are not listed)."""
    folder = backups_folder(live)
    if not folder.is_dir():
        return []
    return [
        policy.classify(p, live.stem)
        for p in folder.iterdir()
        if p.is_file() and p.name.startswith(live.stem + "-") and p.suffix == ".sqlite"
    ]


def last_backup_time(live: Path) -> datetime | None:
    newest = policy.newest(list_backups(live))
    return newest.taken if newest else None


def rotate(live: Path, now: datetime, just_taken: Path | None = None) -> list[Path]:
    """Delete the backups rotation does not keep (12 daily, 10 weekly, 9 monthly); the one
    just taken is never among them."""
    removed: list[Path] = []
    for path in policy.to_delete(list_backups(live), now):
        if path == just_taken:
            continue
        try:
            path.unlink()
        except OSError:
            log.warning("an old backup could not be removed during rotation")
            continue
        removed.append(path)
    return removed


def auto_backup(db: Database, reason: str = "", now: datetime | None = None) -> Path | None:
    """A checked backup into the backups folder, then rotation (SQLite only; None otherwise)."""
    live = sqlite_path(db.url)
    if live is None:
        return None
    now = now or db.clock.now()
    folder = private_folder(backups_folder(live))
    target = folder / policy.backup_name(live.stem, now, reason)
    backup_sqlite(db.engine, target)
    db.backed_up_at = db.commits
    rotate(live, now, target)
    log.info("backup taken (%s)", reason or "scheduled")
    return target


def backup_before(db: Database, operation: str) -> Path | None:
    """The backup before an import, migration, restore or bulk delete (``operation``)."""
    return auto_backup(db, f"before-{operation}")


def backup_on_open(db: Database, now: datetime | None = None) -> Path | None:
    """On open, when the newest backup is more than a day old (or there is none)."""
    live = sqlite_path(db.url)
    now = now or db.clock.now()
    if live is None or not policy.due_on_open(last_backup_time(live), now):
        return None
    return auto_backup(db, "", now)


def periodic_backup(db: Database, now: datetime | None = None) -> Path | None:
    """Every 30 minutes while there are changes not yet in a backup."""
    live = sqlite_path(db.url)
    now = now or db.clock.now()
    if live is None:
        return None
    if not policy.due_periodically(last_backup_time(live), now, db.changed_since_backup):
        return None
    return auto_backup(db, "", now)


def backup_on_close(db: Database) -> Path | None:
    """On close, when something changed since the last backup."""
    if not db.changed_since_backup:
        return None
    return auto_backup(db, "")


def newest_good_backup(live: Path) -> policy.BackupFile | None:
    """The newest backup of ``live`` that passes quick_check (checked newest first)."""
    dated = [f for f in list_backups(live) if f.taken is not None]
    for f in sorted(dated, key=lambda f: f.taken, reverse=True):  # type: ignore[arg-type,return-value]
        if not check_sqlite_file(f.path):
            return f
    return None
