"""SPEC 8's exit statuses through the real command line: 1 with a clear message for every
foreseeable trouble of the surroundings, 2 for usage, 3 only for a defect; the status and the
message never contradict what was written."""

from __future__ import annotations

import os
import shutil
import socket
import struct
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.helpers.sqlitefile import sqlite_file

ROOT = Path(__file__).resolve().parents[2]

CLEAN_CSV = (
    "Name,Email,Trust,Job title,Band,Region,Roles\n"
    "Priya Shah,priya.shah@example-trust.nhs.uk,Example Trust,Ward Manager,7,"
    "East of England,coachee\n"
    "Tom Ellis,tom.ellis@example-trust.nhs.uk,Example Trust,Physiotherapist,6,"
    "East of England,mentee\n"
)


def env() -> dict[str, str]:
    return dict(os.environ, PYTHONPATH=str(ROOT))


def coachdesk(
    *argv: str, stdout: object = subprocess.PIPE, cwd: Path = ROOT
) -> subprocess.CompletedProcess[str]:
    """``python -m coachdesk ARGV`` in a child process, as a script runs it."""
    return subprocess.run(
        [sys.executable, "-m", "coachdesk", *argv],
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        cwd=cwd,
        env=env(),
        timeout=120,
    )


def with_closed_stdout(*argv: str) -> tuple[int, str]:
    """Run coachdesk with its output a pipe whose reader has gone (``coachdesk ... | true``)."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "coachdesk", *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=env(),
    )
    assert proc.stdout is not None
    proc.stdout.close()  # the only reader: every write the child makes now fails (EPIPE)
    proc.stdout = None  # communicate() reads only stderr (on Windows it would read the closed pipe)
    _, err = proc.communicate(timeout=120)
    return proc.returncode, err


def people_in(path: Path) -> int:
    with sqlite_file(path) as conn:
        return conn.execute("SELECT count(*) FROM people").fetchone()[0]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def clean_csv(tmp_path: Path) -> Path:
    path = tmp_path / "clean.csv"
    path.write_text(CLEAN_CSV, encoding="utf-8")
    return path


def _clean_xlsx(tmp_path: Path) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for line in CLEAN_CSV.splitlines():
        sheet.append(line.split(","))
    path = tmp_path / "clean.xlsx"
    book.save(path)
    return path


def _clean_json(tmp_path: Path) -> Path:
    path = tmp_path / "clean.json"
    shutil.copyfile(ROOT / "tests" / "data" / "exchange-example.json", path)
    return path


@pytest.mark.parametrize(
    ("make", "people"),
    [(None, 2), (_clean_xlsx, 2), (_clean_json, 3)],
    ids=["csv", "xlsx", "json"],
)
def test_an_import_whose_summary_cannot_be_printed_exits_0_and_says_it_was_committed(
    tmp_path: Path, clean_csv: Path, make: Callable[[Path], Path] | None, people: int
) -> None:
    source = clean_csv if make is None else make(tmp_path)
    db = tmp_path / "hub.sqlite"
    code, err = with_closed_stdout("--db", str(db), "import", str(source))  # import … | true
    assert people_in(db) == people  # the import stands ...
    assert code == 0, err  # ... so the exit status says so
    assert f"The import of {source.name} was committed" in err
    assert "nothing half-written" not in err and "Traceback" not in err


@pytest.mark.parametrize(
    "argv",
    [("export", "hub.ics"), ("report", "register", "-o", "register.pdf")],
    ids=["export", "report"],
)
def test_a_file_written_before_the_output_closed_exits_0_and_stays(
    tmp_path: Path, clean_csv: Path, argv: tuple[str, ...]
) -> None:
    db = tmp_path / "hub.sqlite"
    assert coachdesk("--db", str(db), "import", str(clean_csv)).returncode == 0
    target = tmp_path / argv[-1]
    code, err = with_closed_stdout("--db", str(db), *argv[:-1], str(target))
    assert code == 0, err
    assert f"{target} was written; its summary could not be printed" in err
    assert target.stat().st_size > 0


def test_a_check_whose_output_is_closed_exits_1_having_written_nothing(
    tmp_path: Path, clean_csv: Path
) -> None:
    db = tmp_path / "hub.sqlite"
    assert coachdesk("--db", str(db), "import", str(clean_csv)).returncode == 0
    code, err = with_closed_stdout("--db", str(db), "check", "--json")
    assert code == 1, err
    assert "Nothing was written: the output was closed" in err
    assert "Something went wrong" not in err and "Traceback" not in err


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
def test_output_onto_a_full_disk_exits_1_with_a_message(tmp_path: Path, clean_csv: Path) -> None:
    db = tmp_path / "hub.sqlite"
    assert coachdesk("--db", str(db), "import", str(clean_csv)).returncode == 0
    with open("/dev/full", "w") as full:  # every write: "No space left on device"
        done = coachdesk("--db", str(db), "check", "--json", stdout=full)
    assert done.returncode == 1
    assert "The disk is full" in done.stderr and "Traceback" not in done.stderr


def test_an_import_whose_summary_goes_to_a_full_disk_exits_0(
    tmp_path: Path, clean_csv: Path
) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("needs /dev/full (Linux)")
    db = tmp_path / "hub.sqlite"
    with open("/dev/full", "w") as full:
        done = coachdesk("--db", str(db), "import", str(clean_csv), stdout=full)
    assert people_in(db) == 2
    assert done.returncode == 0, done.stderr
    assert "was committed; its summary could not be printed" in done.stderr


def test_a_file_that_is_not_sqlite_is_named_for_what_it_is(tmp_path: Path) -> None:
    notes = tmp_path / "notes.db"
    notes.write_text("Supervision notes, not a database.\n", encoding="utf-8")
    done = coachdesk("--db", str(notes), "check")
    assert done.returncode == 1
    assert "notes.db is not a coachdesk database: it holds text" in done.stderr
    assert "encrypted" not in done.stderr and "keyring" not in done.stderr
    assert notes.read_text(encoding="utf-8") == "Supervision notes, not a database.\n"


def test_restoring_a_file_that_is_not_a_backup_says_what_it_is(
    tmp_path: Path, clean_csv: Path
) -> None:
    db = tmp_path / "hub.sqlite"
    assert coachdesk("--db", str(db), "import", str(clean_csv)).returncode == 0
    done = coachdesk("--db", str(db), "restore", str(clean_csv))
    assert done.returncode == 1
    assert "clean.csv is not a coachdesk backup: it holds text" in done.stderr
    assert "encrypted" not in done.stderr and "keyring" not in done.stderr
    assert people_in(db) == 2


@pytest.fixture
def unwritable_folder(tmp_path: Path) -> Iterator[Path]:
    """A folder no one may write in: read-only permissions, or (as root, whom permissions do
    not stop) a read-only file system mounted for the test."""
    folder = tmp_path / "locked"
    folder.mkdir()
    if sys.platform == "win32":
        pytest.skip("read-only folders are POSIX permissions here")
    if os.geteuid() != 0:
        folder.chmod(0o555)
        yield folder
        folder.chmod(0o755)
        return
    if shutil.which("mount") is None:
        pytest.skip("as root a read-only folder needs a read-only mount; there is no mount")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        pytest.skip(f"mounting a read-only file system is not allowed here: {done.stderr}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


@pytest.fixture
def full_folder(tmp_path: Path) -> Iterator[Path]:
    """A folder on a small file system filled to the last byte (a tmpfs mounted for the test)."""
    folder = tmp_path / "full"
    folder.mkdir()
    if sys.platform != "linux" or os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("a full disk is made as a small tmpfs, which needs root on Linux")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        pytest.skip(f"mounting a small file system is not allowed here: {done.stderr}")
    try:
        with open(folder / "filler", "wb", buffering=0) as filler:
            try:
                while filler.write(b"\0" * 4096):
                    pass
            except OSError:
                pass  # full
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


@pytest.mark.parametrize(
    "argv",
    [("export", "hub.json"), ("report", "register", "-o", "register.pdf")],
    ids=["export", "report"],
)
def test_writing_a_file_onto_a_full_disk_exits_1_and_leaves_nothing(
    tmp_path: Path, clean_csv: Path, full_folder: Path, argv: tuple[str, ...]
) -> None:
    db = tmp_path / "hub.sqlite"
    assert coachdesk("--db", str(db), "import", str(clean_csv)).returncode == 0
    target = str(full_folder / argv[-1])
    done = coachdesk("--db", str(db), *argv[:-1], target)
    assert done.returncode == 1, done.stderr
    assert "The disk is full" in done.stderr or "No space left on device" in done.stderr
    assert "Something went wrong" not in done.stderr and "Traceback" not in done.stderr
    assert [p.name for p in full_folder.iterdir()] == ["filler"]  # no half-written file
    assert people_in(db) == 2


def test_a_new_database_in_a_read_only_folder_is_refused_with_exit_1(
    unwritable_folder: Path,
) -> None:
    done = coachdesk("--db", str(unwritable_folder / "hub.sqlite"), "check")
    assert done.returncode == 1, done.stderr
    assert f"coachdesk cannot write in the folder {unwritable_folder}" in done.stderr
    assert "Something went wrong" not in done.stderr
    assert not any(unwritable_folder.iterdir())


def test_a_postgresql_server_that_does_not_answer_is_refused_with_exit_1() -> None:
    pytest.importorskip("psycopg", reason="PostgreSQL support is not installed here")
    port = free_port()  # nothing listens there: the connection is refused at once
    url = f"postgresql+psycopg://lead@127.0.0.1:{port}/hub?connect_timeout=3"
    done = coachdesk("--db", url, "check")
    assert done.returncode == 1, done.stderr
    assert f"The PostgreSQL server at 127.0.0.1:{port} does not answer" in done.stderr
    assert "Something went wrong" not in done.stderr


def _message(kind: bytes, body: bytes) -> bytes:
    return kind + struct.pack("!I", len(body) + 4) + body


def _refuse_passwords(listener: socket.socket) -> None:
    """A stand-in PostgreSQL server: asks for a password, then says it is wrong (28P01)."""
    while True:
        try:
            conn, _ = listener.accept()
        except OSError:
            return
        with conn:
            try:
                while True:  # SSL and GSS requests are declined; then the startup message
                    (length,) = struct.unpack("!I", conn.recv(4))
                    body = conn.recv(length - 4)
                    if struct.unpack("!I", body[:4])[0] in (80877103, 80877104):
                        conn.sendall(b"N")
                        continue
                    break
                conn.sendall(_message(b"R", struct.pack("!I", 3)))  # cleartext password, please
                conn.recv(1024)
                fields = b"SFATAL\0VFATAL\0C28P01\0Mpassword authentication failed for user "
                conn.sendall(_message(b"E", fields + b'"lead"\0\0'))
            except (OSError, struct.error):
                continue


def test_a_wrong_password_is_refused_with_exit_1_and_never_shown() -> None:
    pytest.importorskip("psycopg", reason="PostgreSQL support is not installed here")
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    port = listener.getsockname()[1]
    server = threading.Thread(target=_refuse_passwords, args=(listener,), daemon=True)
    server.start()
    try:
        url = f"postgresql+psycopg://lead:not-the-password@127.0.0.1:{port}/hub?connect_timeout=5"
        done = coachdesk("--db", url, "check")
    finally:
        listener.close()
    assert done.returncode == 1, done.stderr
    assert (
        f"The PostgreSQL server at 127.0.0.1:{port} refused the user name or password of lead"
        in done.stderr
    )
    assert "not-the-password" not in done.stderr


@pytest.mark.parametrize(
    "argv",
    [
        ("check", "--today", "0001-01-01"),
        ("check", "--today", "2100-01-01"),
        ("report", "programme", "--from", "0001-01-01", "-o", "p.pdf"),
        ("report", "compliance", "--today", "1899-12-31", "-o", "c.pdf"),
    ],
    ids=["check-year-1", "check-2100", "programme-from", "compliance-1899"],
)
def test_a_day_outside_1900_to_2099_is_a_usage_error_naming_the_option(
    tmp_path: Path, argv: tuple[str, ...]
) -> None:
    done = coachdesk("--db", str(tmp_path / "hub.sqlite"), *argv, cwd=tmp_path)
    option = argv[argv.index("--today") if "--today" in argv else argv.index("--from")]
    assert done.returncode == 2, done.stderr
    assert f"argument {option}:" in done.stderr and "1900-01-01 to 2099-12-31" in done.stderr
    assert "Something went wrong" not in done.stderr


def test_the_first_and_last_days_are_accepted(tmp_path: Path) -> None:
    db = str(tmp_path / "hub.sqlite")
    assert coachdesk("--db", db, "check", "--today", "1900-01-01").returncode == 0
    assert coachdesk("--db", db, "check", "--today", "2099-12-31").returncode == 0
