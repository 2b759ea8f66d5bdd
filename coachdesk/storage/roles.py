"""PostgreSQL roles for a shared hub (SPEC 12): a lead reads and writes, a viewer only reads.

``grant`` creates the role when it is missing — ``LOGIN``, with a password only when one is
given (without one the server's own sign-in decides: certificates, Kerberos, peer...) — and
sets its rights on every table and sequence of the hub, now and for tables made later by the
user who runs it (the one who runs ``db upgrade``). Granting ``viewer`` to a former lead takes
their write rights away. The server enforces this whatever any client does.
"""

from __future__ import annotations

from typing import Literal

from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError

from coachdesk.errors import UserError
from coachdesk.storage.uow import Database

Role = Literal["lead", "viewer"]

_WRITE = "INSERT, UPDATE, DELETE"


def _quoted(conn: Connection, name: str) -> str:
    return str(conn.execute(text("SELECT quote_ident(:n)"), {"n": name}).scalar_one())


def _literal(conn: Connection, value: str) -> str:
    return str(conn.execute(text("SELECT quote_literal(:v)"), {"v": value}).scalar_one())


def _statements(conn: Connection, user: str, role: Role, password: str | None) -> list[str]:
    who = _quoted(conn, user)
    exists = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": user}).scalar()
    database = _quoted(conn, str(conn.execute(text("SELECT current_database()")).scalar_one()))
    schema = _quoted(conn, str(conn.execute(text("SELECT current_schema()")).scalar_one()))
    out: list[str] = []
    secret = f" PASSWORD {_literal(conn, password)}" if password is not None else ""
    if not exists:
        out.append(f"CREATE ROLE {who} LOGIN{secret}")
    elif password is not None:
        out.append(f"ALTER ROLE {who} LOGIN{secret}")
    out += [
        f"GRANT CONNECT ON DATABASE {database} TO {who}",
        f"GRANT USAGE ON SCHEMA {schema} TO {who}",
        f"GRANT SELECT ON ALL TABLES IN SCHEMA {schema} TO {who}",
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} GRANT SELECT ON TABLES TO {who}",
    ]
    if role == "lead":
        out += [
            f"GRANT {_WRITE} ON ALL TABLES IN SCHEMA {schema} TO {who}",
            f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA {schema} TO {who}",
            f"ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} GRANT {_WRITE} ON TABLES TO {who}",
            f"ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} "
            f"GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO {who}",
        ]
    else:
        out += [
            f"REVOKE {_WRITE}, TRUNCATE ON ALL TABLES IN SCHEMA {schema} FROM {who}",
            f"REVOKE USAGE, UPDATE ON ALL SEQUENCES IN SCHEMA {schema} FROM {who}",
            f"ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} REVOKE {_WRITE} ON TABLES FROM {who}",
            f"ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} "
            f"REVOKE USAGE, UPDATE ON SEQUENCES FROM {who}",
        ]
    return out


def grant(db: Database, user: str, role: Role, *, password: str | None = None) -> bool:
    """Give ``user`` the rights of a ``role`` on this hub; True when the role was created."""
    if db.backend != "postgresql":
        raise UserError(
            "Roles are for a hub shared on a PostgreSQL server; an SQLite file has one user "
            "(whoever can open the file). Nothing was changed."
        )
    if not user or not user.strip() or len(user) > 63:
        raise UserError(f"{user!r} is not a database user name (1 to 63 characters).")
    if password is not None and not password:
        raise UserError("The password is empty; give one, or leave --password-stdin out.")
    try:
        with db.engine.begin() as conn:
            created = not conn.execute(
                text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": user}
            ).scalar()
            for statement in _statements(conn, user, role, password):
                conn.exec_driver_sql(statement)
    except DBAPIError as exc:
        if getattr(exc.orig, "sqlstate", None) == "42501":
            raise UserError(
                f"The database user {db.user} may not create roles or grant rights on this "
                "hub. Run 'db grant' as the hub database's owner (the user who created it). "
                "Nothing was changed."
            ) from exc
        raise
    return created
