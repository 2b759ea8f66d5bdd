"""What a long service call (an import, a demo load) may report and ask while it runs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from coachdesk.errors import UserError

#: Whether the lead has cancelled a long call (checked between its steps).
Cancelled = Callable[[], bool]


class Steps(Protocol):
    """Progress out, cancelling in; the app's operation Task is one, ``NO_STEPS`` another."""

    def progress(self, done: int, total: int) -> None:
        """``done`` of ``total`` steps (total 0: not known)."""

    def cancelled(self) -> bool:
        """True once the lead has asked to stop (nothing may be written after that)."""


class _NoSteps:
    """For a caller that shows no progress and never cancels (the command line, tests)."""

    def progress(self, done: int, total: int) -> None:
        return None

    def cancelled(self) -> bool:
        return False


NO_STEPS: Steps = _NoSteps()


def cancelled_error() -> UserError:
    """What a cancelled import says (raised inside its unit of work, which then rolls back)."""
    return UserError("Import cancelled; nothing was written.")
