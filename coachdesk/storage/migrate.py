"""Opening a database: migrate to the newest schema (after a backup) and seed the defaults."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, inspect, select, text
from sqlalchemy.exc import DBAPIError

from coachdesk.domain.templates import DEFAULT_TEMPLATES
from coachdesk.errors import UserError
from coachdesk.storage import troubles
from coachdesk.storage.engine import describe, make_engine, sqlite_path
from coachdesk.storage.models import QuestionnaireTemplate
from coachdesk.storage.netloss import open_error
from coachdesk.storage.uow import Database

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")

#: The newest migration's revision. Opening a database at this revision needs no Alembic at
#: all (a fast start); a test checks it equals Alembic's head.
SCHEMA_HEAD = "0009"


def alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head() or ""


def current_revision(connection: Connection) -> str | None:
    """The schema revision recorded in the database (None for a new, empty one)."""
    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    return {rev.revision for rev in script.walk_revisions()}


def upgrade(db: Database, *, backup: bool = True) -> str | None:
    """Bring the schema to head; an existing older database is backed up first.

    Returns the path of the backup taken, if any.
    """
    with db.engine.connect() as conn:
        current = current_revision(conn)
    if current == SCHEMA_HEAD:
        return None
    head = head_revision()
    if current == head:
        return None
    if current is not None and current not in _known_revisions():
        raise UserError(
            "This database was made by a newer coachdesk (schema "
            f"{current}); install the newer version to open it. Nothing was changed."
        )
    taken: str | None = None
    path = sqlite_path(db.url)
    if backup and current is not None and path is not None:
        from coachdesk.storage.backup import backup_sqlite
        from coachdesk.storage.backup_policy import backup_name

        name = backup_name(path.stem, db.clock.now(), "before-upgrade")
        taken = str(backup_sqlite(db.engine, path.parent / "backups" / name))
    from alembic import command

    cfg = alembic_config()
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    return taken


def ensure_defaults(db: Database) -> None:
    """Every database holds the default client and practitioner templates."""
    with db.uow() as uow:
        have = set(uow.session.scalars(select(QuestionnaireTemplate.key)))
        for tpl in DEFAULT_TEMPLATES:
            if tpl["key"] not in have:
                uow.session.add(
                    QuestionnaireTemplate(
                        key=tpl["key"],
                        title=tpl["title"],
                        scale_min=tpl["scale"][0],
                        scale_max=tpl["scale"][1],
                        items=[dict(i) for i in tpl["items"]],
                    )
                )
        uow.commit()


def open_database(url: str, *, migrate: bool = True) -> Database:
    """Connect, upgrade the schema when needed and seed the defaults."""
    db = Database(make_engine(url), url)
    if migrate:
        try:
            upgrade(db)
            ensure_defaults(db)
        except DBAPIError as exc:
            db.dispose()
            # One wording for a wrong login or a silent server, as the command line gives it.
            refusal = troubles.refusal(exc, url) or open_error(exc, describe(url))
            if refusal is None:
                raise
            raise refusal from exc
        except BaseException:
            db.dispose()  # a refused database is let go of at once: no -wal/-shm left beside it
            raise
    db.backed_up_at = db.commits  # opening is not a change the lead made
    return db


def schema_is_current(db: Database) -> bool:
    with db.engine.connect() as conn:
        return current_revision(conn) == SCHEMA_HEAD
