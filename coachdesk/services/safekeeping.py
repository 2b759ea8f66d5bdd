"""Backups, restores, schema upgrades and integrity checks of an open database."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, inspect, select

from coachdesk.errors import UserError
from coachdesk.storage.backup import backup_sqlite, check_sqlite_file, restore_sqlite
from coachdesk.storage.engine import default_data_dir, sqlite_path
from coachdesk.storage.migrate import current_revision, ensure_defaults, head_revision, upgrade
from coachdesk.storage.models import Base, Person
from coachdesk.storage.uow import Database


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
        return backup_sqlite(db.engine, target)
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
