"""When a backup is due and which backups rotation keeps (plain functions, no files touched)."""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

#: While the lead is changing things, a backup at most this often.
PERIODIC = timedelta(minutes=30)
#: On open, a backup when the newest is older than this.
ON_OPEN = timedelta(days=1)
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 12, 10, 9
#: A backup taken before an import, migration, restore or bulk delete is kept this long
#: even when a later backup of the same day would replace it.
KEEP_BEFORE_OPERATION = timedelta(days=7)

STAMP_FORMAT = "%Y%m%d-%H%M%S"
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})(?:-(?P<reason>[a-z][a-z-]*))?\.sqlite$")


@dataclass(frozen=True)
class BackupFile:
    """A file in the backups folder; ``taken`` is None when its name cannot be read."""

    path: Path
    taken: datetime | None
    reason: str = ""


def backup_name(stem: str, taken: datetime, reason: str = "") -> str:
    """``hub-20261206-143000.sqlite`` or ``hub-20261206-143000-before-import.sqlite`` (UTC)."""
    stamp = taken.astimezone(UTC).strftime(STAMP_FORMAT)
    return f"{stem}-{stamp}{'-' + reason if reason else ''}.sqlite"


def classify(path: Path, stem: str | None = None) -> BackupFile:
    """Read when a backup was taken from its name (None when the name is not coachdesk's)."""
    m = _NAME.match(path.name)
    if m is None or (stem is not None and m["stem"] != stem):
        return BackupFile(path, None)
    try:
        taken = datetime.strptime(m["stamp"], STAMP_FORMAT).replace(tzinfo=UTC)
    except ValueError:
        return BackupFile(path, None)
    return BackupFile(path, taken, m["reason"] or "")


def _taken(f: BackupFile) -> datetime:
    """When a backup was taken, for one already known to be dated."""
    assert f.taken is not None
    return f.taken


def newest(files: Iterable[BackupFile]) -> BackupFile | None:
    dated = [f for f in files if f.taken is not None]
    return max(dated, key=_taken) if dated else None


def due_on_open(last: datetime | None, now: datetime) -> bool:
    """A backup on open when there is none, or the newest is older than a day."""
    return last is None or now - last >= ON_OPEN


def due_periodically(last: datetime | None, now: datetime, changed_since_last: bool) -> bool:
    """Every 30 minutes, but only while there are changes not yet in a backup."""
    if not changed_since_last:
        return False
    return last is None or now - last >= PERIODIC


def _first_of_each(
    files: list[BackupFile], key: Callable[[date], Hashable], count: int
) -> set[Path]:
    kept: set[Path] = set()
    seen: list[Hashable] = []
    for f in files:  # newest first
        k = key(_taken(f).date())
        if k in seen:
            continue
        if len(seen) == count:
            break
        seen.append(k)
        kept.add(f.path)
    return kept


def to_keep(files: Iterable[BackupFile], now: datetime) -> set[Path]:
    """The backups rotation keeps: the newest of each of the last 12 days, 10 weeks and 9
    months that have one; recent pre-operation backups; the newest; and anything it cannot
    classify (a file it does not understand is never deleted)."""
    files = list(files)
    keep = {f.path for f in files if f.taken is None}
    dated = sorted(
        (f for f in files if f.taken is not None),
        key=lambda f: (f.taken, f.reason == "", f.path.name),
        reverse=True,
    )
    if not dated:
        return keep
    keep.add(dated[0].path)
    keep |= _first_of_each(dated, lambda d: d, KEEP_DAILY)
    keep |= _first_of_each(dated, lambda d: d.isocalendar()[:2], KEEP_WEEKLY)
    keep |= _first_of_each(dated, lambda d: (d.year, d.month), KEEP_MONTHLY)
    keep |= {
        f.path
        for f in dated
        if f.reason.startswith("before-") and now - _taken(f) <= KEEP_BEFORE_OPERATION
    }
    return keep


def to_delete(files: Iterable[BackupFile], now: datetime) -> list[Path]:
    """The complement of ``to_keep``, oldest first."""
    files = list(files)
    keep = to_keep(files, now)
    gone = [f for f in files if f.path not in keep]
    return [f.path for f in sorted(gone, key=_taken)]  # every undated file is kept
