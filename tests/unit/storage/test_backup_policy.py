"""When backups are due and what rotation keeps (12 daily, 10 weekly, 9 monthly)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from coachdesk.storage.backup_policy import (
    BackupFile,
    backup_name,
    classify,
    due_on_open,
    due_periodically,
    to_delete,
    to_keep,
)

NOW = datetime(2026, 12, 6, 15, 0, tzinfo=UTC)


def daily(days: int, *, every_hours: int = 24) -> list[BackupFile]:
    """A backup every ``every_hours`` for ``days`` days back from NOW."""
    files = []
    steps = days * 24 // every_hours
    for i in range(steps):
        taken = NOW - timedelta(hours=i * every_hours)
        files.append(BackupFile(Path(backup_name("hub", taken)), taken))
    return files


def test_names_round_trip_with_and_without_a_reason() -> None:
    name = backup_name("hub", NOW, "before-import")
    assert name == "hub-20261206-150000-before-import.sqlite"
    got = classify(Path(name), "hub")
    assert got.taken == NOW and got.reason == "before-import"
    assert classify(Path(backup_name("hub", NOW)), "hub").reason == ""


def test_names_it_cannot_read_are_unclassified() -> None:
    for name in ("hub.sqlite", "notes.txt", "hub-2026-12-06.sqlite", "hub-20261399-250000.sqlite"):
        assert classify(Path(name), "hub").taken is None
    assert classify(Path("other-20261206-150000.sqlite"), "hub").taken is None


def test_due_on_open_when_none_or_older_than_a_day() -> None:
    assert due_on_open(None, NOW)
    assert due_on_open(NOW - timedelta(days=1, seconds=1), NOW)
    assert not due_on_open(NOW - timedelta(hours=23), NOW)


def test_periodic_only_with_changes_and_after_thirty_minutes() -> None:
    assert not due_periodically(NOW - timedelta(hours=5), NOW, changed_since_last=False)
    assert not due_periodically(NOW - timedelta(minutes=29), NOW, changed_since_last=True)
    assert due_periodically(NOW - timedelta(minutes=30), NOW, changed_since_last=True)
    assert due_periodically(None, NOW, changed_since_last=True)


def test_a_year_of_daily_backups_keeps_12_days_10_weeks_9_months() -> None:
    files = daily(365)
    kept = to_keep(files, NOW)
    ages = sorted((NOW - f.taken).days for f in files if f.path in kept)  # type: ignore[operator]
    assert ages[:12] == list(range(12))  # the last 12 days
    assert max(ages) < 9 * 31 + 1  # nothing beyond the ninth month
    assert len(kept) <= 12 + 10 + 9
    weeks = {f.taken.isocalendar()[:2] for f in files if f.path in kept}  # type: ignore[union-attr]
    assert len(weeks) >= 10
    months = {(f.taken.year, f.taken.month) for f in files if f.path in kept}  # type: ignore[union-attr]
    assert len(months) == 9
    assert set(to_delete(files, NOW)) == {f.path for f in files} - kept


def test_many_backups_a_day_keep_the_newest_of_each_day() -> None:
    files = daily(3, every_hours=1)  # hourly over 72 hours: four calendar days
    kept = to_keep(files, NOW)
    newest_each_day: dict[object, BackupFile] = {}
    for f in files:  # newest first
        newest_each_day.setdefault(f.taken.date(), f)  # type: ignore[union-attr]
    assert kept == {f.path for f in newest_each_day.values()}
    assert files[0].path in kept  # the newest


def test_the_newest_and_unclassified_files_are_never_deleted() -> None:
    old = NOW - timedelta(days=3000)
    files = [
        BackupFile(Path("hub-copy-by-hand.sqlite"), None),
        BackupFile(Path(backup_name("hub", old)), old),
    ]
    assert to_delete(files, NOW) == []
    assert to_keep(files, NOW) == {f.path for f in files}


def test_recent_before_operation_backups_survive_a_later_one_the_same_day() -> None:
    before = BackupFile(
        Path(backup_name("hub", NOW - timedelta(hours=2), "before-import")),
        NOW - timedelta(hours=2),
        "before-import",
    )
    later = BackupFile(Path(backup_name("hub", NOW)), NOW)
    assert to_delete([before, later], NOW) == []
    week_old = BackupFile(before.path, NOW - timedelta(days=9), "before-import")
    newer_that_day = BackupFile(
        Path(backup_name("hub", NOW - timedelta(days=9) + timedelta(hours=1))),
        NOW - timedelta(days=9) + timedelta(hours=1),
    )
    assert to_delete([week_old, newer_that_day, later], NOW) == [week_old.path]
