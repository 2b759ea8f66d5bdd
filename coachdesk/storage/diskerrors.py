"""Disk full and I/O errors told as a sentence a lead can act on (not "something went wrong")."""

from __future__ import annotations

import errno
import sqlite3

from coachdesk.errors import UserError

_FULL = ("database or disk is full", "no space left on device", "disk quota exceeded")
_IO = ("disk i/o error", "input/output error", "readonly database", "read-only file system")


def disk_problem(exc: BaseException) -> str | None:
    """'full' or 'io' when ``exc`` (or what it wraps) is a disk full or I/O error."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, OSError) and current.errno in (errno.ENOSPC, errno.EDQUOT):
            return "full"
        if isinstance(current, OSError) and current.errno in (errno.EIO, errno.EROFS):
            return "io"
        if getattr(current, "sqlstate", None) == "53100":  # PostgreSQL: disk full
            return "full"
        if isinstance(current, (sqlite3.Error, OSError)) or hasattr(current, "orig"):
            text = str(current).lower()
            if any(s in text for s in _FULL):
                return "full"
            if any(s in text for s in _IO):
                return "io"
        current = getattr(current, "orig", None) or current.__cause__ or current.__context__
    return None


def saving_error(exc: BaseException) -> UserError | None:
    """The refusal for a failed save, or None when ``exc`` is not a disk problem."""
    kind = disk_problem(exc)
    if kind == "full":
        return UserError(
            "Not saved: the disk holding the database is full. Free some space (or move "
            "the database to a disk with room) and try again. Nothing of this change was "
            "written; everything saved before is intact."
        )
    if kind == "io":
        return UserError(
            "Not saved: the disk holding the database reported an error (it may be failing, "
            "full, read-only or unplugged). Nothing of this change was written; check the "
            "disk, then try again. Your last backup is untouched."
        )
    return None


def backup_error(exc: BaseException, dest: object) -> UserError | None:
    """The refusal for a failed backup, or None when ``exc`` is not a disk problem."""
    kind = disk_problem(exc)
    if kind is None:
        return None
    why = "the disk is full" if kind == "full" else "the disk reported an error"
    return UserError(
        f"The backup to {dest} could not be written: {why}. Your database is unchanged and "
        "no earlier backup was removed. Free some space or choose another disk, then back "
        "up again."
    )
