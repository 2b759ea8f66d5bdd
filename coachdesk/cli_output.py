"""What a command has written for good, so that a summary it cannot print never contradicts it."""

from __future__ import annotations

import errno
import os
import sys

_done: list[str] = []

#: Errors of writing to stdout: the reader went away, or the disk it goes to is full or failing.
_OUTPUT_ERRNOS = {errno.EPIPE: "closed", errno.ENOSPC: "full", errno.EIO: "failing"}
if hasattr(errno, "EDQUOT"):
    _OUTPUT_ERRNOS[errno.EDQUOT] = "full"
if sys.platform == "win32":  # Windows says "invalid argument" of a pipe whose reader went away
    _OUTPUT_ERRNOS[errno.EINVAL] = "closed"


def begin() -> None:
    """A new command: nothing written yet."""
    _done.clear()


def wrote(what: str) -> None:
    """The command's work stands (committed or written), e.g. ``"the import was committed"``."""
    _done.append(what)


def written() -> str | None:
    """What the running command has written for good, or None."""
    return _done[-1] if _done else None


def output_trouble(exc: BaseException) -> str | None:
    """'closed', 'full' or 'failing' when ``exc`` is a plain failure to write output."""
    if isinstance(exc, BrokenPipeError):
        return "closed"
    if isinstance(exc, OSError):
        return _OUTPUT_ERRNOS.get(exc.errno or 0)
    return None


def flush() -> None:
    """Write out what is still buffered for stdout (so its failure is seen, not lost at exit)."""
    if sys.stdout is not None:
        sys.stdout.flush()


def silence_stdout() -> None:
    """After stdout failed: point it at the null device, so Python's exit does not fail again."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # a captured or missing stdout
        return
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(null, fd)
    finally:
        os.close(null)


def told(trouble: str) -> tuple[int, str]:
    """The exit status and message for output that could not be written (SPEC 8)."""
    why = {
        "closed": "the output was closed before it was all printed",
        "full": "the disk the output goes to is full",
        "failing": "the output could not be written (the disk reported an error)",
    }[trouble]
    done = written()
    if done:
        return 0, f"{done[0].upper()}{done[1:]}; its summary could not be printed: {why}."
    return 1, f"Nothing was written: {why}."
