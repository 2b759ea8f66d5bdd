"""Opening safely: network and synced folders refused, damaged files set aside, daily backups,
private permissions (issue 6.2, 6.3, 6.8)."""

from __future__ import annotations

import os
import random
import sqlite3
import stat
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from coachdesk.app import configure_logging, main, open_db
from coachdesk.services.opening import DamagedDatabase, NotLocalDisk, copy_to_local
from coachdesk.services.safekeeping import backups_folder, list_backups
from coachdesk.storage.backup_policy import backup_name
from coachdesk.storage.location import network_reason

MOUNTS = """\
/dev/vda1 / ext4 rw,relatime 0 0
tmpfs /tmp tmpfs rw 0 0
fileserver:/export/hub /mnt/hub nfs4 rw 0 0
//nhs-fs01/coaching /mnt/coaching cifs rw 0 0
me@laptop:/home/me /mnt/laptop fuse.sshfs rw 0 0
/dev/sdb1 /media/usb fuseblk rw 0 0
"""


def mode(path: Path) -> str:
    """The permission bits; on Windows (no such bits) what the check expects."""
    if sys.platform == "win32":
        return "0o700" if path.is_dir() else "0o600"
    return oct(stat.S_IMODE(path.stat().st_mode))


@pytest.mark.parametrize(
    ("path", "why"),
    [
        (r"\\nhs-fs01\coaching\hub.sqlite", "network share"),
        ("//nhs-fs01/coaching/hub.sqlite", "network share"),
        ("/mnt/hub/coachdesk.sqlite", "network file system (nfs4)"),
        ("/mnt/coaching/team/hub.sqlite", "network file system (cifs)"),
        ("/mnt/laptop/hub.sqlite", "network file system (fuse.sshfs)"),
        ("/home/me/OneDrive - NHS/hub.sqlite", "OneDrive folder"),
        ("/home/me/Dropbox/coaching/hub.sqlite", "Dropbox folder"),
        ("/Users/me/Google Drive/hub.sqlite", "Google Drive folder"),
        ("/Users/me/iCloud Drive/hub.sqlite", "iCloud Drive folder"),
    ],
)
def test_network_shares_and_synced_folders_are_recognised(path: str, why: str) -> None:
    if sys.platform == "win32" and "network file system" in why:
        pytest.skip("a Linux mount table; Windows asks GetDriveTypeW about a mapped drive")
    reason = network_reason(Path(path), MOUNTS)
    assert reason is not None and why in reason


@pytest.mark.parametrize(
    "path",
    ["/home/me/hub.sqlite", "/tmp/x/hub.sqlite", "/media/usb/hub.sqlite", "/mnt/hubs.sqlite"],
)
def test_local_disks_are_not_refused(path: str) -> None:
    assert network_reason(Path(path), MOUNTS) is None


def test_a_database_in_a_synced_folder_is_refused_with_the_way_out(
    tmp_path: Path, _template_sqlite: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    synced = tmp_path / "Dropbox" / "hub.sqlite"
    synced.parent.mkdir()
    synced.write_bytes(_template_sqlite.read_bytes())
    before = synced.read_bytes()
    with pytest.raises(NotLocalDisk):
        open_db(str(synced))
    assert main(["--db", str(synced), "check"]) == 1
    err = capsys.readouterr().err
    assert "Dropbox folder" in err and "Copy it to this computer" in err and "PostgreSQL" in err
    assert synced.read_bytes() == before and not list(synced.parent.glob("*.lock"))
    copy = copy_to_local(synced, tmp_path / "local")
    assert copy == tmp_path / "local" / "hub.sqlite" and mode(copy) == "0o600"
    open_db(str(copy)).dispose()


def test_a_damaged_database_is_moved_aside_and_the_newest_good_backup_named(
    hubfile: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(hubfile), "backup"]) == 0
    good = list_backups(hubfile)[0].path
    broken = backups_folder(hubfile) / backup_name("hub", datetime.now(UTC) + timedelta(hours=1))
    broken.write_bytes(b"not a database" * 100)  # newer, but no good: skipped
    damaged = b"SQLite format 3\x00" + random.Random(6).randbytes(20000)
    hubfile.write_bytes(damaged)
    with pytest.raises(DamagedDatabase) as refused:
        open_db(str(hubfile))
    exc = refused.value
    assert exc.backup is not None and exc.backup.path == good
    assert exc.aside.read_bytes() == damaged  # moved, never overwritten
    assert not hubfile.exists()
    hubfile.write_bytes(damaged)  # the command line tells the same, with the command to run
    assert main(["--db", str(hubfile), "check"]) == 1
    err = capsys.readouterr().err
    assert "is damaged" in err and f'restore "{good}"' in err and "nothing was deleted" in err
    assert main(["--db", str(hubfile), "restore", str(good)]) == 0
    assert main(["--db", str(hubfile), "db", "check"]) == 0


def test_a_backup_is_taken_on_open_when_the_last_is_over_a_day_old(hubfile: Path) -> None:
    open_db(str(hubfile)).dispose()
    first = list_backups(hubfile)
    assert len(first) == 1  # there was none
    open_db(str(hubfile)).dispose()
    assert list_backups(hubfile) == first  # fresh enough
    old = datetime.now(UTC) - timedelta(days=1, minutes=5)
    first[0].path.rename(first[0].path.with_name(backup_name("hub", old)))
    open_db(str(hubfile)).dispose()
    assert len(list_backups(hubfile)) == 2


def test_a_new_database_gets_no_backup_of_nothing(tmp_path: Path) -> None:
    open_db(str(tmp_path / "new.sqlite")).dispose()
    assert not (tmp_path / "backups").exists()


@pytest.mark.skipif(
    sys.platform == "win32", reason="POSIX permission bits; Windows folders have ACLs instead"
)
def test_files_and_folders_are_private(
    hubfile: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = os.umask(0o022)
    try:
        os.chmod(hubfile, 0o644)
        db = open_db(str(hubfile))  # an existing file is made private on open
        assert mode(hubfile) == "0o600"
        with db.engine.begin() as conn:
            conn.exec_driver_sql("INSERT INTO settings VALUES ('x', '1', '2026-12-06')")
        assert mode(hubfile.with_name("hub.sqlite-wal")) == "0o600"
        db.dispose()
        assert mode(backups_folder(hubfile)) == "0o700"
        assert all(mode(b.path) == "0o600" for b in list_backups(hubfile))
        assert main(["--db", str(tmp_path / "fresh.sqlite"), "check"]) == 0
        assert mode(tmp_path / "fresh.sqlite") == "0o600"
        from coachdesk.storage.engine import default_data_dir

        assert mode(default_data_dir()) == "0o700"
        log = configure_logging()
        assert mode(log) == "0o600" and mode(log.parent) == "0o700"
        import logging

        handler = next(h for h in logging.getLogger().handlers if hasattr(h, "doRollover"))
        handler.doRollover()  # type: ignore[attr-defined]
        assert mode(log) == "0o600"
        assert all(mode(p) == "0o600" for p in log.parent.iterdir())
    finally:
        os.umask(old)


def test_quick_check_reads_back_a_crashed_writers_wal(hubfile: Path) -> None:
    conn = sqlite3.connect(hubfile)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("INSERT INTO settings VALUES ('hub_name', '\"After the crash\"', '2026-12-06')")
    conn.commit()
    # The connection is never closed cleanly (as after a crash): the WAL stays.
    assert hubfile.with_name("hub.sqlite-wal").stat().st_size > 0
    db = open_db(str(hubfile))
    with db.engine.connect() as c:
        got = c.exec_driver_sql("SELECT value FROM settings WHERE key = 'hub_name'").scalar()
    assert got == '"After the crash"'
    db.dispose()
    conn.close()
    conn.close()
