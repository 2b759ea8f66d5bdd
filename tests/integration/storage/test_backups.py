"""Automatic backups on disk: before an import, rotation of old ones, never a live copy
(issue 6.3)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from coachdesk.app import main, open_db
from coachdesk.services.safekeeping import auto_backup, backups_folder, list_backups
from coachdesk.storage.backup_policy import backup_name
from tests.helpers.olddb import database_at_revision
from tests.helpers.sqlitefile import sqlite_file


def test_an_import_is_preceded_by_a_backup_of_the_database_as_it_was(
    hubfile: Path, example_bundle: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(hubfile), "import", str(example_bundle), "--dry-run"]) == 0
    assert not [b for b in list_backups(hubfile) if b.reason == "before-import"]
    assert main(["--db", str(hubfile), "import", str(example_bundle)]) == 0
    before = [b for b in list_backups(hubfile) if b.reason == "before-import"]
    assert len(before) == 1
    with sqlite_file(before[0].path) as conn:
        assert conn.execute("SELECT count(*) FROM people").fetchone()[0] == 0
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # one file
    assert not list(backups_folder(hubfile).glob("*-wal"))


def test_rotation_removes_old_backups_but_keeps_the_newest_and_strangers(hubfile: Path) -> None:
    folder = backups_folder(hubfile)
    folder.mkdir()
    now = datetime.now(UTC)
    olds = []
    for days in range(0, 400, 3):
        path = folder / backup_name("hub", now - timedelta(days=days, hours=1))
        path.write_bytes(b"an old backup")
        olds.append(path)
    stranger = folder / "hub-my-own-copy.sqlite"
    stranger.write_bytes(b"kept by the lead")
    db = open_db(str(hubfile), backup=False)
    newest = auto_backup(db)
    db.dispose()
    remaining = set(folder.iterdir())
    assert newest in remaining and stranger in remaining
    assert olds[1] in remaining  # 3 days old: within the last 12 days
    assert olds[-1] not in remaining  # over a year old
    assert len(remaining) < len(olds) // 2


def test_the_upgrade_backup_goes_to_the_backups_folder(
    hubfile: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hubfile.unlink()
    database_at_revision(hubfile, "0001")  # as the first coachdesk left it
    assert main(["--db", str(hubfile), "db", "upgrade"]) == 0
    assert [b for b in list_backups(hubfile) if b.reason == "before-upgrade"]
    assert "backups" in capsys.readouterr().out
