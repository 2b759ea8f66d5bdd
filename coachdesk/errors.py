"""The two kinds of error: a UserError the lead can act on; anything else is a bug."""

from __future__ import annotations


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
