"""A PostgreSQL server out of reach, or refusing a user, told as a sentence a lead can act on."""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError

from coachdesk.errors import UserError

LOST = (
    "The connection to the database server was lost; nothing was saved. coachdesk "
    "reconnects by itself once the server answers again: check the network (or ask whoever "
    "looks after the server), then try again."
)
UNCERTAIN = (
    "The connection to the database server was lost while the change was being saved, so "
    "coachdesk cannot tell whether the server kept it. Once the server answers again, reload "
    "and check before saving again."
)
_LOST_WORDS = (
    "server closed the connection",
    "terminating connection",
    "connection is closed",
    "connection is lost",
    "consuming input failed",
    "connection refused",
    "could not connect",
    "connection failed",
    "connection timed out",
    "no route to host",
    "the database system is shutting down",
    "the database system is starting up",
    "ssl connection has been closed",
    "eof detected",
)


def is_connection_loss(exc: BaseException) -> bool:
    """True when ``exc`` says the PostgreSQL server is out of reach (not a refusal of the SQL)."""
    if not isinstance(exc, DBAPIError):
        return False
    if exc.connection_invalidated:
        return True
    if getattr(exc.orig, "sqlstate", None) in (
        "57P01",
        "57P02",
        "57P03",
        "08000",
        "08003",
        "08006",
        "08001",
    ):
        return True
    text = str(exc.orig).lower()
    return any(word in text for word in _LOST_WORDS)


def lost_error(exc: BaseException, *, committing: bool = False) -> UserError | None:
    """The refusal for a lost connection, or None when ``exc`` is something else.

    ``committing``: the loss came while the server was asked to COMMIT (after every statement
    had run), so the outcome is unknown and the message says so."""
    if not is_connection_loss(exc):
        return None
    if committing and isinstance(exc, DBAPIError) and exc.statement is None:
        return UserError(UNCERTAIN)
    return UserError(LOST)


def privilege_error(exc: BaseException) -> UserError | None:
    """The refusal when the server denies the connected user a write (a viewer, SPEC 12)."""
    if not isinstance(exc, DBAPIError) or getattr(exc.orig, "sqlstate", None) != "42501":
        return None
    return UserError(
        "The database server refused the change: your database user may only read this hub "
        "(a viewer). Nothing was saved. A lead can give you more rights with "
        "'coachdesk db grant --lead USER'."
    )


def open_error(exc: BaseException, where: str) -> UserError | None:
    """The refusal when a PostgreSQL database cannot be opened: no answer, or a wrong login."""
    if not isinstance(exc, DBAPIError):
        return None
    text = str(exc.orig).lower()
    if "password authentication failed" in text or getattr(exc.orig, "sqlstate", None) in (
        "28P01",
        "28000",
    ):
        return UserError(
            f"The database server {where} refused the user name or password. Check them (or "
            "ask whoever looks after the server). Nothing was opened."
        )
    if "does not exist" in text and "database" in text:
        return UserError(f"The database {where} does not exist on its server. Nothing was opened.")
    if is_connection_loss(exc):
        return UserError(
            f"The database server {where} does not answer. Check the address, that the server "
            "is running and that this computer can reach it (network, VPN), then try again. "
            "Nothing was opened."
        )
    if "ssl" in text:
        return UserError(
            f"The database server {where} would not set up an encrypted (TLS) connection: "
            f"{str(exc.orig).strip().splitlines()[0]}. Nothing was opened."
        )
    return privilege_error(exc)
