"""Shared fixtures: tests never touch the user's real data; databases on SQLite and PostgreSQL."""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from hypothesis import settings as hypothesis_settings  # noqa: E402

# Property tests draw the same examples on every run (seeded from each test), so a run's
# outcome never depends on luck and nothing is read from or written to .hypothesis/. For a long
# random search by hand: COACHDESK_HYPOTHESIS=explore pytest ...
hypothesis_settings.register_profile(
    "deterministic", derandomize=True, database=None, print_blob=True
)
hypothesis_settings.register_profile("explore", print_blob=True)
hypothesis_settings.load_profile(os.environ.get("COACHDESK_HYPOTHESIS", "deterministic"))

from tests.helpers.clock import FROZEN  # noqa: E402
from tests.helpers.pg import PostgresServer, find_postgres  # noqa: E402
from tests.helpers.snapshot import Snapshot  # noqa: E402
from tests.helpers.snapshot import snapshot as take_snapshot  # noqa: E402


@pytest.fixture(autouse=True)
def _private_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Point the data folder, logs and settings at a temporary home, never the real one."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / ".local" / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    # Windows: platformdirs asks the shell for %LOCALAPPDATA% unless its override is set.
    for name, override, folder in (
        ("LOCALAPPDATA", "WIN_PD_OVERRIDE_LOCAL_APPDATA", "Local"),
        ("APPDATA", "WIN_PD_OVERRIDE_APPDATA", "Roaming"),
    ):
        monkeypatch.setenv(name, str(home / "AppData" / folder))
        monkeypatch.setenv(override, str(home / "AppData" / folder))
    monkeypatch.delenv("COACHDESK_DB", raising=False)
    monkeypatch.delenv("COACHDESK_KEY", raising=False)


@pytest.fixture(autouse=True)
def _own_log_handlers() -> Iterator[None]:
    """A log file the app opened during a test (``configure_logging``) is closed after it, so
    no test writes into another's log and no file is left open."""
    root = logging.getLogger()
    before = list(root.handlers)
    level = root.level
    yield
    for handler in [h for h in root.handlers if h not in before]:
        if not isinstance(handler, logging.FileHandler):
            continue  # pytest's own capturing handlers come and go with each phase
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level)


@pytest.fixture(autouse=True)
def _no_real_keyring() -> Iterator[None]:
    """Tests never touch the developer's keyring: there is none unless a test sets one."""
    from coachdesk.storage import encryption

    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        yield
        return
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(fail.Keyring())
    encryption.forget_all()


@pytest.fixture(scope="session")
def _template_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated, seeded empty SQLite database, built once per run and copied per test."""
    from coachdesk.storage.migrate import open_database

    path = tmp_path_factory.mktemp("template") / "empty.sqlite"
    db = open_database(f"sqlite:///{path}")
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.dispose()
    return path


@pytest.fixture(scope="session")
def postgres_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PostgresServer]:
    """A throwaway PostgreSQL cluster on a loopback port, or a skip saying why there is none."""
    binaries = find_postgres()
    if binaries is None:
        pytest.skip("PostgreSQL is not installed here (apt-get install postgresql); skipped")
    server = PostgresServer(binaries)
    try:
        server.start()
    except RuntimeError as exc:
        pytest.skip(f"PostgreSQL could not be started: {exc}")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def _postgres_url(postgres_server: PostgresServer) -> str:
    from coachdesk.storage.migrate import open_database

    url = postgres_server.create_database("coachdesk_test")
    open_database(url).dispose()
    return url


def _sqlite_copy(template: Path, tmp_path: Path, name: str = "coachdesk.sqlite") -> str:
    path = tmp_path / name
    shutil.copyfile(template, path)
    return f"sqlite:///{path}"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, _template_sqlite: Path, tmp_path: Path) -> str:
    """A fresh empty database URL: once on SQLite, once on a real PostgreSQL server."""
    if request.param == "sqlite":
        return _sqlite_copy(_template_sqlite, tmp_path)
    url = request.getfixturevalue("_postgres_url")
    _empty_postgres(url)
    return url


@pytest.fixture
def sqlite_url(_template_sqlite: Path, tmp_path: Path) -> str:
    """A fresh empty SQLite database URL (for tests about SQLite files themselves)."""
    return _sqlite_copy(_template_sqlite, tmp_path, "sqlite-only.sqlite")


def _empty_postgres(url: str) -> None:
    from sqlalchemy import create_engine, text

    from coachdesk.storage.migrate import ensure_defaults
    from coachdesk.storage.models import Base
    from coachdesk.storage.uow import Database

    engine = create_engine(url)
    names = ", ".join(t.name for t in Base.metadata.sorted_tables)
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {names} CASCADE"))
    ensure_defaults(Database(engine, url))
    engine.dispose()


def _open_on_the_frozen_clock(url: str) -> Iterator[object]:
    from coachdesk.storage.migrate import open_database

    database = open_database(url)
    database.clock = FROZEN
    yield database
    database.dispose()


@pytest.fixture
def db(db_url: str) -> Iterator[object]:
    """An open, migrated, empty coachdesk Database (SQLite and PostgreSQL) on the frozen clock."""
    yield from _open_on_the_frozen_clock(db_url)


@pytest.fixture
def sqlite_db(sqlite_url: str) -> Iterator[object]:
    """An open, migrated, empty SQLite Database on the frozen clock."""
    yield from _open_on_the_frozen_clock(sqlite_url)


@pytest.fixture
def snapshot() -> Callable[[Any], Snapshot]:
    """``snapshot(db)``: every row of every table; equal before and after means nothing written."""
    return take_snapshot


SHARED = Path(__file__).resolve().parents[2] / "shared"
EXAMPLE_BUNDLE = Path(__file__).resolve().parent / "data" / "exchange-example.json"


@pytest.fixture
def example_bundle() -> Path:
    """The exchange example of SPEC 7 (a copy kept in tests/data, identical to shared/)."""
    return EXAMPLE_BUNDLE
