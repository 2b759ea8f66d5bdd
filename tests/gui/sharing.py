"""Two leads on one throwaway PostgreSQL hub: their app contexts, the server stopped and started."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.gui.conftest import Answers, _context
from tests.helpers.pg import PostgresServer, find_postgres


def hub_url(server: PostgresServer, name: str) -> str:
    """A fresh, migrated database on ``server``."""
    from coachdesk.storage.migrate import open_database

    url = server.create_database(name)
    open_database(url).dispose()
    return url


def lead(url: str, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, Answers]:
    """One lead's app context on ``url`` (questions answered as in the other GUI tests)."""
    return _context(url, monkeypatch)


def close_all(*contexts: Any) -> None:
    for ctx in contexts:
        ctx.close()


def with_user(url: str, user: str) -> str:
    """``url`` connecting as ``user`` (no password: the throwaway server trusts loopback)."""
    from sqlalchemy.engine import make_url

    return make_url(url).set(username=user).render_as_string(hide_password=False)


def sql(server: PostgresServer, database: str, *statements: str) -> None:
    import psycopg

    with psycopg.connect(server.conninfo(database), autocommit=True) as conn:
        for statement in statements:
            conn.execute(statement)


def own_server() -> Iterator[PostgresServer]:
    """A server of the test's own, which it may stop (``halt``) and start (``resume``) again."""
    binaries = find_postgres()
    if binaries is None:
        pytest.skip("PostgreSQL is not installed here (apt-get install postgresql); skipped")
    server = PostgresServer(binaries)
    try:
        server.start()
    except RuntimeError as exc:
        pytest.skip(f"PostgreSQL could not be started: {exc}")
    try:
        yield server
    finally:
        server.stop()
