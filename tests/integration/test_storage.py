"""Storage: migrations from empty, pragmas, defaults seeded, on SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import inspect, select, text

from coachdesk.storage.migrate import head_revision, open_database, schema_is_current
from coachdesk.storage.models import Base, QuestionnaireTemplate


def test_migrated_schema_has_every_model_table(db) -> None:
    tables = set(inspect(db.engine).get_table_names())
    assert {t.name for t in Base.metadata.sorted_tables} <= tables
    assert schema_is_current(db)


def test_default_templates_are_seeded(db) -> None:
    with db.uow() as uow:
        keys = set(uow.session.scalars(select(QuestionnaireTemplate.key)))
    assert {"client-default", "practitioner-default"} <= keys


def test_sqlite_pragmas_hold_on_every_connection(sqlite_db) -> None:
    with sqlite_db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL


def test_opening_twice_does_not_duplicate_defaults(sqlite_url) -> None:
    open_database(sqlite_url).dispose()
    db = open_database(sqlite_url)
    with db.uow() as uow:
        count = uow.session.execute(text("SELECT count(*) FROM templates")).scalar()
    db.dispose()
    assert count == 2


def test_head_revision_is_recorded(db) -> None:
    with db.engine.connect() as conn:
        assert (
            conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
            == head_revision()
        )


def test_migrations_match_the_models(db) -> None:
    """A model changed without a migration fails here (Alembic autogenerate finds a difference)."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_a_refused_unit_of_work_leaves_nothing_behind(db) -> None:
    from coachdesk.storage.models import Person

    with db.uow() as uow:
        uow.session.add(Person(email="a@example.org", full_name="A"))
        uow.flush()
        # no commit: leaving the block rolls back
    with db.uow() as uow:
        assert uow.session.scalar(select(Person.id)) is None


def test_schema_head_constant_is_alembics_head() -> None:
    """The fast-start shortcut must name the newest migration, or opening would skip it."""
    from coachdesk.storage.migrate import SCHEMA_HEAD

    assert head_revision() == SCHEMA_HEAD
