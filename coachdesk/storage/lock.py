"""One writer per SQLite file: a lock file beside the database naming host, process and time."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import socket
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from coachdesk.domain.clock import SYSTEM
from coachdesk.errors import UserError

try:  # POSIX: the kernel drops the lock when its process dies, however it dies
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]
#: Windows locks a byte range with msvcrt, and drops it too when its process dies. But
#: Windows forbids other handles to read a locked byte range, so the byte locked lies far
#: past the note of who holds the database: a second coachdesk can still read and name them.
WINDOWS_LOCK_OFFSET = 1 << 30


@dataclass(frozen=True)
class LockInfo:
    """Who holds a database: the machine, the process and when it opened it."""

    host: str
    pid: int
    since: datetime

    def describe(self) -> str:
        when = self.since.astimezone().strftime("%d %b %Y %H:%M")
        return f"already open on {self.host} by process {self.pid} since {when}"

    def as_json(self) -> str:
        return json.dumps({"host": self.host, "pid": self.pid, "since": self.since.isoformat()})


class DatabaseInUse(UserError):
    """Another coachdesk on this machine has the database open."""

    def __init__(self, path: Path, holder: LockInfo) -> None:
        super().__init__(
            f"{path} is {holder.describe()}. Close coachdesk there first; to share a hub "
            "between people, use a PostgreSQL database."
        )
        self.path = path
        self.holder = holder


class LockFromAnotherMachine(UserError):
    """The lock was taken on another computer: only the lead can say it is safe to take over."""

    def __init__(self, path: Path, holder: LockInfo) -> None:
        super().__init__(
            f"{path} is {holder.describe()}. If coachdesk is no longer running there "
            "(for example that computer crashed), it is safe to take the database over; "
            "otherwise close coachdesk on that computer first."
        )
        self.path = path
        self.holder = holder


def this_host() -> str:
    return socket.gethostname() or "this computer"


def lock_path(database: Path) -> Path:
    return database.with_name(database.name + ".lock")


def pid_alive(pid: int) -> bool:
    """Whether a process with this id runs on this machine."""
    if pid <= 0:
        return False
    if sys.platform == "win32":  # pragma: no cover - os.kill(pid, 0) would end the process
        import ctypes

        kernel32 = ctypes.windll.kernel32
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        try:  # an ended process stays openable while anyone holds a handle to it
            code = ctypes.c_ulong()
            if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
                return True
            return code.value == 259  # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def read_lock(path: Path) -> LockInfo | None:
    """The holder written in a lock file (None when empty or unreadable: nobody)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8") or "null")
        return LockInfo(str(data["host"]), int(data["pid"]), datetime.fromisoformat(data["since"]))
    except (OSError, ValueError, TypeError, KeyError):
        return None


#: Locks this process holds, by lock file: a window reopening its own database shares it.
_HELD: dict[Path, DatabaseLock] = {}


class DatabaseLock:
    """Held from open to close; ``acquire`` refuses at once when someone else holds it."""

    def __init__(self, path: Path, fd: int, info: LockInfo) -> None:
        self.path = path
        self._fd = fd
        self.info = info
        self._users = 1

    @classmethod
    def acquire(cls, database: Path, *, take_over: bool = False) -> DatabaseLock:
        """Lock ``database``; a stale local lock is taken over, a foreign one only if asked."""
        path = lock_path(database).resolve()
        held = _HELD.get(path)
        if held is not None:
            held._users += 1
            return held
        while True:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
            kernel = _try_lock(fd)
            if kernel is None:
                os.close(fd)
                unknown = LockInfo(this_host(), 0, SYSTEM.local_now())
                raise DatabaseInUse(database, read_lock(path) or unknown)
            if _same_file(fd, path):
                break
            os.close(fd)  # the holder removed the file as we opened it: try the new one
        holder = read_lock(path)
        try:
            if (
                holder is not None
                and not kernel
                and holder.host == this_host()
                and holder.pid != os.getpid()
                and pid_alive(holder.pid)
            ):  # pragma: no cover - only where the file system has no flock
                raise DatabaseInUse(database, holder)
            if holder is not None and holder.host != this_host() and not take_over:
                raise LockFromAnotherMachine(database, holder)
            info = LockInfo(this_host(), os.getpid(), SYSTEM.local_now())
            os.ftruncate(fd, 0)
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, info.as_json().encode("utf-8"))
            os.fsync(fd)
        except BaseException:
            os.close(fd)
            raise
        if hasattr(os, "fchmod"):
            os.fchmod(fd, 0o600)
        lock = cls(path, fd, info)
        _HELD[path] = lock
        return lock

    def release(self) -> None:
        """Give the database up (the last user in this process removes the lock file)."""
        self._users -= 1
        if self._users > 0 or self._fd < 0:
            return
        _HELD.pop(self.path, None)
        fd, self._fd = self._fd, -1
        if os.name == "nt":  # pragma: no cover - an open file cannot be removed there
            _unlock_windows(fd)
            os.close(fd)
            # Another coachdesk may have opened it already (to take it over): then it stays.
            with contextlib.suppress(FileNotFoundError, PermissionError):
                self.path.unlink()
            return
        try:  # remove while still locked: nobody can take over a file about to vanish
            self.path.unlink(missing_ok=True)
        finally:
            os.close(fd)


def _try_lock(fd: int) -> bool | None:
    """True: locked by the kernel; None: someone holds it; False: no kernel lock here, so
    the lock file's content (a live process on this machine) decides."""
    if fcntl is None:  # pragma: no cover - Windows
        return _try_lock_windows(fd)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return None
    except OSError:
        return False
    return True


def _try_lock_windows(fd: int) -> bool | None:  # pragma: no cover - Windows
    if sys.platform != "win32":
        return False
    import msvcrt

    os.lseek(fd, WINDOWS_LOCK_OFFSET, os.SEEK_SET)
    try:
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    except OSError as exc:
        # Held by another handle: Windows says EACCES or EDEADLOCK (Wine 8 leaves errno 0).
        # A handle or file that cannot be locked at all: no kernel lock here.
        return False if exc.errno in (errno.EBADF, errno.EINVAL) else None
    finally:
        os.lseek(fd, 0, os.SEEK_SET)
    return True


def _unlock_windows(fd: int) -> None:  # pragma: no cover - Windows
    """Unlocked before closing: Windows drops a closed handle's locks, but not at once."""
    if sys.platform != "win32":
        return
    import msvcrt

    with contextlib.suppress(OSError):
        os.lseek(fd, WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)


def _same_file(fd: int, path: Path) -> bool:
    try:
        return os.fstat(fd).st_ino == os.stat(path).st_ino
    except FileNotFoundError:
        return False
