"""The two kinds of error: a UserError the lead can act on; anything else is a bug."""

from __future__ import annotations

from datetime import datetime


class UserError(Exception):
    """A refusal with a sentence a hub lead can act on (shown in a message box or on stderr)."""

    def __init__(self, message: str, *, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.problems: list[str] = list(problems or [])

    def __str__(self) -> str:
        if not self.problems:
            return self.message
        return self.message + "\n" + "\n".join(f"  - {p}" for p in self.problems)


class NotFound(UserError):
    """A record the lead named (by e-mail or id) does not exist."""


class KeyNeeded(UserError):
    """An encrypted database whose key is not on this computer: ask for its recovery key."""

    def __init__(self, message: str, *, path: object = None) -> None:
        super().__init__(message)
        self.path = path


class StaleRecord(UserError):
    """A save or delete based on a record someone changed (or deleted) since it was read.

    ``kind`` is the audit log's name of the record ("person", "session"...), ``record_id`` its
    id; ``changed_by`` the database user and ``changed_at`` the time of the latest change the
    audit log holds (either None when unknown). Nothing was written.
    """

    def __init__(
        self,
        message: str,
        *,
        kind: str,
        record_id: str,
        changed_by: str | None = None,
        changed_at: datetime | None = None,
    ) -> None:
        super().__init__(message)
        self.kind = kind
        self.record_id = record_id
        self.changed_by = changed_by
        self.changed_at = changed_at
