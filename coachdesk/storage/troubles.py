"""The foreseeable troubles of the surroundings told as a refusal a lead understands (SPEC 8).

A folder that cannot be written, a full disk, a PostgreSQL server that does not answer or
refuses the password: each becomes a UserError (exit 1), never "something went wrong".
"""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

from sqlalchemy.engine import make_url

from coachdesk.errors import UserError
from coachdesk.storage.diskerrors import disk_problem

_NO_ANSWER = (
    "connection refused",
    "timeout expired",
    "timed out",
    "could not translate host name",
    "name or service not known",
    "no route to host",
    "network is unreachable",
    "server closed the connection unexpectedly",
    "could not connect to server",
    "connection to server at",
)
_BAD_LOGIN = (
    "password authentication failed",
    "no password supplied",
    "authentication failed",
    "role does not exist",
    "no pg_hba.conf entry",
)
_NO_WRITE = (errno.EACCES, errno.EPERM, errno.EROFS)


def _chain(exc: BaseException) -> list[BaseException]:
    """``exc`` and everything it wraps (SQLAlchemy's ``orig``, causes, contexts)."""
    out: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and all(current is not seen for seen in out):
        out.append(current)
        current = getattr(current, "orig", None) or current.__cause__ or current.__context__
    return out


def _server(url: str | None) -> str:
    """``The PostgreSQL server at host:port`` (never the password)."""
    try:
        parsed = make_url(url) if url else None
    except Exception:
        parsed = None
    if parsed is None:
        return "The PostgreSQL server"
    where = parsed.host or "localhost"
    if parsed.port:
        where += f":{parsed.port}"
    return f"The PostgreSQL server at {where}"


def _user(url: str | None) -> str:
    try:
        return (make_url(url).username or "") if url else ""
    except Exception:
        return ""


def _folder_refusal(exc: OSError) -> UserError:
    where = Path(str(exc.filename)).parent if exc.filename else None
    what = f"the folder {where}" if where is not None else "the folder of the database"
    why = "is read-only" if exc.errno == errno.EROFS else "cannot be written by you"
    return UserError(
        f"coachdesk cannot write in {what}: it {why}. Choose a folder you can write to "
        "(--db or COACHDESK_DB), or ask for access to this one. Nothing was written."
    )


def refusal(exc: BaseException, url: str | None = None) -> UserError | None:
    """The refusal for a foreseeable trouble of the surroundings, or None (then it is a bug).

    ``url`` names the database (for a PostgreSQL message; the password is never shown)."""
    chain = _chain(exc)
    for link in chain:
        if isinstance(link, ModuleNotFoundError) and (link.name or "").startswith("psycopg"):
            return UserError(
                "This coachdesk cannot reach a PostgreSQL server: its PostgreSQL support "
                "(psycopg) is not installed. Install coachdesk with it "
                "(pip install 'coachdesk[postgres]'), or open an SQLite database. "
                "Nothing was opened."
            )
        if isinstance(link, OSError) and link.errno in _NO_WRITE:
            return _folder_refusal(link)
        if isinstance(link, sqlite3.OperationalError) and "unable to open database" in str(link):
            return UserError(
                "coachdesk cannot open or create the database file there: its folder may be "
                "read-only or not yours. Choose a folder you can write to (--db or "
                "COACHDESK_DB). Nothing was written."
            )
    kind = disk_problem(exc)
    if kind == "full":
        return UserError(
            "The disk is full: coachdesk could not write. Free some space (or choose a disk "
            "with room) and try again. Nothing of this command was written."
        )
    if kind == "io":
        return UserError(
            "The disk reported an error (it may be failing, read-only or unplugged): "
            "coachdesk could not write. Check the disk and try again. Nothing of this "
            "command was written."
        )
    for link in chain:
        if type(link).__module__.split(".")[0] != "psycopg":
            continue
        text = str(link).lower()
        if getattr(link, "sqlstate", None) in ("28P01", "28000") or any(
            s in text for s in _BAD_LOGIN
        ):
            who = _user(url)
            return UserError(
                f"{_server(url)} refused the user name or password"
                + (f" of {who}" if who else "")
                + ". Check them in the database URL (--db or COACHDESK_DB). Nothing was opened."
            )
        if any(s in text for s in _NO_ANSWER):
            return UserError(
                f"{_server(url)} does not answer. Check the address, that the "
                "server is running and that this computer may reach it (a VPN, a firewall). "
                "Nothing was opened."
            )
    return None
