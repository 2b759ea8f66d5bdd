"""Opening a database from an older coachdesk upgrades it after a backup; a newer one is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from coachdesk.app import main
from coachdesk.storage.migrate import SCHEMA_HEAD
from tests.helpers.olddb import (
    PERSON_NAME,
    database_at_revision,
    person_name,
    revision_of,
    stamp_newer,
)
from tests.helpers.sqlitefile import sqlite_file


def test_an_older_database_is_backed_up_then_upgraded_keeping_its_records(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = tmp_path / "hub.sqlite"
    database_at_revision(old, "0001")

    assert main(["--db", str(old), "check"]) == 0  # the normal open path

    assert revision_of(old) == SCHEMA_HEAD
    assert person_name(old) == PERSON_NAME
    with sqlite_file(old) as conn:  # 0002's columns and tables are there
        columns = {row[1] for row in conn.execute("pragma table_info(people)")}
        assert {"ethnic_group", "sex", "disability"} <= columns
        conn.execute("select count(*) from audit_log").fetchone()
    backups = list((tmp_path / "backups").glob("hub-*-before-upgrade.sqlite"))
    assert len(backups) == 1
    assert revision_of(backups[0]) == "0001"
    assert person_name(backups[0]) == PERSON_NAME


def test_a_database_from_a_newer_coachdesk_is_left_byte_for_byte_unchanged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    newer = tmp_path / "hub.sqlite"
    database_at_revision(newer, SCHEMA_HEAD)
    stamp_newer(newer)
    before = newer.read_bytes()

    for argv in (["check"], ["db", "upgrade"], ["export", str(tmp_path / "out.json")]):
        assert main(["--db", str(newer), *argv]) == 1
        err = capsys.readouterr().err
        assert "made by a newer coachdesk (schema 9999_future)" in err
        assert "Nothing was changed" in err

    assert newer.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hub.sqlite"]  # no backup, no -wal
