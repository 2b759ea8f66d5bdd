"""One writer: a second coachdesk is refused at once; stale and foreign locks (issue 6.2)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import event
from sqlalchemy.pool import Pool

from coachdesk.app import main, open_db
from coachdesk.services.opening import DatabaseInUse, LockFromAnotherMachine
from coachdesk.storage.lock import lock_path, read_lock, this_host
from tests.integration.storage.conftest import dead_pid

Holder = Callable[[Path], subprocess.Popen[str]]


def write_lock(db: Path, host: str, pid: int) -> None:
    since = datetime(2026, 12, 6, 9, 30).astimezone().isoformat()
    lock_path(db).write_text(json.dumps({"host": host, "pid": pid, "since": since}))


def test_a_second_coachdesk_is_refused_at_once_naming_host_pid_and_time(
    hubfile: Path, other_process: Holder
) -> None:
    holder = other_process(hubfile)
    before = hubfile.read_bytes()
    connections: list[object] = []

    def connected(dbapi_connection: object, _record: object) -> None:
        connections.append(dbapi_connection)

    # Refused by the lock, before any connection to the file: so no SQLite busy timeout (a
    # per-connection setting) can be what waited or refused, and nothing can have been written.
    event.listen(Pool, "connect", connected)
    try:
        with pytest.raises(DatabaseInUse) as refused:
            open_db(str(hubfile))
    finally:
        event.remove(Pool, "connect", connected)
    assert connections == []
    assert hubfile.read_bytes() == before
    text = str(refused.value)
    assert f"already open on {this_host()} by process {holder.pid} since " in text
    assert "PostgreSQL" in text  # the way to share


def test_the_command_line_refuses_with_exit_1_and_the_holder(
    hubfile: Path, other_process: Holder, capsys: pytest.CaptureFixture[str]
) -> None:
    holder = other_process(hubfile)
    assert main(["--db", str(hubfile), "check"]) == 1
    err = capsys.readouterr().err
    assert f"by process {holder.pid}" in err and "database is locked" not in err


def test_the_lock_is_released_on_close_and_held_while_open(hubfile: Path) -> None:
    db = open_db(str(hubfile))
    info = read_lock(lock_path(hubfile))
    assert info is not None and info.pid == os.getpid() and info.host == this_host()
    if sys.platform != "win32":  # Windows has no permission bits (the folder's ACL)
        assert oct(lock_path(hubfile).stat().st_mode & 0o777) == "0o600"
    db.dispose()
    assert not lock_path(hubfile).exists()
    open_db(str(hubfile)).dispose()  # and it opens again


def test_a_lock_left_by_a_crashed_process_here_is_taken_over_without_asking(
    hubfile: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_lock(hubfile, this_host(), dead_pid())
    assert main(["--db", str(hubfile), "check"]) == 0
    assert "open on" not in capsys.readouterr().err


def test_a_killed_holder_leaves_a_lock_the_next_open_takes_over(
    hubfile: Path, other_process: Holder
) -> None:
    holder = other_process(hubfile)
    holder.kill()
    holder.wait()
    assert read_lock(lock_path(hubfile)).pid == holder.pid  # type: ignore[union-attr]
    db = open_db(str(hubfile))
    assert read_lock(lock_path(hubfile)).pid == os.getpid()  # type: ignore[union-attr]
    db.dispose()


def test_a_lock_from_another_machine_needs_the_leads_word(
    hubfile: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_lock(hubfile, "ward-pc-17", 4242)
    with pytest.raises(LockFromAnotherMachine) as asked:
        open_db(str(hubfile))
    assert "already open on ward-pc-17 by process 4242 since 06 Dec 2026 09:30" in str(asked.value)
    # Not at a terminal: the command line refuses and says how to confirm.
    assert main(["--db", str(hubfile), "check"]) == 1
    assert "terminal to confirm" in capsys.readouterr().err
    assert read_lock(lock_path(hubfile)).host == "ward-pc-17"  # type: ignore[union-attr]
    db = open_db(str(hubfile), take_over=True)
    assert read_lock(lock_path(hubfile)).host == this_host()  # type: ignore[union-attr]
    db.dispose()


def test_at_a_terminal_the_lead_is_asked_before_a_foreign_lock_is_taken_over(
    hubfile: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_lock(hubfile, "ward-pc-17", 4242)
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    monkeypatch.setattr("builtins.input", lambda prompt: "n")
    assert main(["--db", str(hubfile), "check"]) == 1
    assert "was not opened" in capsys.readouterr().err
    monkeypatch.setattr("builtins.input", lambda prompt: "y")
    assert main(["--db", str(hubfile), "check"]) == 0
