"""The early quick_check the desktop app starts while Qt loads: trusted only while it holds."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from coachdesk.app import open_db
from coachdesk.services.opening import DamagedDatabase
from coachdesk.storage import precheck
from tests.helpers.sqlitefile import sqlite_file


def test_a_healthy_file_checked_early_is_not_checked_again(
    hubfile: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import coachdesk.services.opening as opening

    precheck.start(hubfile)
    assert precheck.passed(hubfile) is True
    assert precheck.passed(hubfile) is False  # a verdict is used once

    checked: list[Path] = []
    monkeypatch.setattr(opening, "quick_check_file", lambda p: checked.append(p) or [])
    precheck.start(hubfile)
    open_db(str(hubfile), backup=False).dispose()
    assert checked == []  # the early verdict stood in for the open's own check
    open_db(str(hubfile), backup=False).dispose()
    assert checked == [hubfile]  # no early check this time: the open checks itself


def test_a_write_after_the_early_check_makes_the_open_check_again(hubfile: Path) -> None:
    thread = precheck.start(hubfile)
    assert thread is not None
    thread.join()
    with sqlite_file(hubfile) as conn:  # written after it was checked
        conn.execute("CREATE TABLE later (x)")
        conn.execute("INSERT INTO later VALUES (1)")
    assert precheck.passed(hubfile) is False


def test_a_damaged_file_is_never_passed_and_the_open_still_refuses_it(hubfile: Path) -> None:
    hubfile.write_bytes(b"SQLite format 3\x00" + random.Random(6).randbytes(20000))
    precheck.start(hubfile)
    with pytest.raises(DamagedDatabase):
        open_db(str(hubfile))


def test_missing_empty_or_foreign_files_are_left_to_the_open(tmp_path: Path) -> None:
    for path, content in [
        (tmp_path / "empty.sqlite", b""),
        (
            tmp_path / "encrypted.sqlite",
            random.Random(7).randbytes(4096),
        ),  # SQLCipher files have no header
    ]:
        path.write_bytes(content)
        precheck.start(path)
        assert precheck.passed(path) is False
    precheck.start(tmp_path / "missing.sqlite")
    assert precheck.passed(tmp_path / "missing.sqlite") is False
