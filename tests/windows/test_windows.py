"""Where Windows behaves differently: run on Windows CPython (``make windows-test``, under Wine).

Each test goes through the Windows code path itself (msvcrt, a file another handle holds
open, %LOCALAPPDATA%, Credential Manager), so it fails if that path breaks.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(
    sys.platform != "win32", reason="Windows only: make windows-test runs these under Wine"
)

ROOT = Path(__file__).resolve().parents[2]


def _under_wine() -> bool:
    if sys.platform != "win32":
        return False
    import ctypes

    return hasattr(ctypes.windll.ntdll, "wine_get_version")


UNDER_WINE = _under_wine()
POLISH = "Łucja Żółć-Öztürk"
GREEK = "Ioannis Παπαδόπουλος"


@pytest.fixture
def hubfile(tmp_path: Path, _template_sqlite: Path) -> Path:
    path = tmp_path / "hub" / "hub.sqlite"
    path.parent.mkdir()
    shutil.copyfile(_template_sqlite, path)
    return path


@pytest.fixture
def held_open() -> Iterator[list[object]]:
    """Plain Python handles (no FILE_SHARE_DELETE, like an editor, a viewer or a virus
    scanner): on Windows such a file can be neither deleted nor replaced."""
    handles: list[object] = []
    yield handles
    for handle in handles:
        handle.close()  # type: ignore[attr-defined]


def hold(handles: list[object], path: Path) -> None:
    handles.append(path.open("rb"))


# --- the one-writer lock: msvcrt ---------------------------------------------------------------


def test_the_lock_is_a_windows_byte_range_lock_that_a_second_handle_cannot_take(
    hubfile: Path,
) -> None:
    import msvcrt

    from coachdesk.app import open_db
    from coachdesk.storage import lock

    db = open_db(str(hubfile), backup=False)
    try:
        path = lock.lock_path(hubfile)
        fd = os.open(path, os.O_RDWR)
        try:
            assert lock._try_lock(fd) is None  # held: msvcrt refused this second handle
            os.lseek(fd, lock.WINDOWS_LOCK_OFFSET, os.SEEK_SET)
            with pytest.raises(OSError):
                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        finally:
            os.close(fd)
        holder = lock.read_lock(path)  # the note stays readable past the locked byte
        assert holder is not None and holder.pid == os.getpid()
    finally:
        db.dispose()
    assert not lock.lock_path(hubfile).exists()


def test_a_second_process_is_refused_and_a_killed_one_lets_go_at_once(hubfile: Path) -> None:
    from coachdesk.app import open_db
    from coachdesk.storage.lock import DatabaseInUse, lock_path, read_lock
    from tests.helpers.holder import start_holder

    holder = start_holder(hubfile)
    try:
        with pytest.raises(DatabaseInUse, match=f"by process {holder.pid} since"):
            open_db(str(hubfile), backup=False)
    finally:
        holder.kill()  # TerminateProcess: no clean-up in the holder at all
        holder.wait()
        assert holder.stdin is not None and holder.stdout is not None
        holder.stdin.close()
        holder.stdout.close()
    assert read_lock(lock_path(hubfile)).pid == holder.pid  # type: ignore[union-attr]
    db = open_db(str(hubfile), backup=False)  # Windows dropped the dead process's lock
    assert read_lock(lock_path(hubfile)).pid == os.getpid()  # type: ignore[union-attr]
    db.dispose()


def test_an_ended_process_still_open_elsewhere_is_not_alive() -> None:
    from coachdesk.storage.lock import pid_alive

    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()  # Popen keeps its handle: Windows keeps the ended process's object
    assert not pid_alive(proc.pid)
    assert pid_alive(os.getpid())


# --- files another handle holds open ----------------------------------------------------------


def _backups(live: Path, days: int) -> list[Path]:
    from coachdesk.services.safekeeping import backups_folder
    from coachdesk.storage.backup_policy import backup_name

    folder = backups_folder(live)
    folder.mkdir(parents=True, exist_ok=True)
    start = datetime(2026, 12, 7, 3, 0, tzinfo=UTC)
    made = []
    for i in range(days):
        path = folder / backup_name(live.stem, start - timedelta(days=i))
        shutil.copyfile(live, path)
        made.append(path)
    return made


def test_rotation_keeps_an_old_backup_that_is_open_and_removes_the_rest(
    hubfile: Path, held_open: list[object]
) -> None:
    from coachdesk.services.safekeeping import rotate

    made = _backups(hubfile, 40)
    oldest = made[-1]
    hold(held_open, oldest)
    with pytest.raises(PermissionError):
        oldest.unlink()  # Windows: not while it is open
    removed = rotate(hubfile, datetime(2026, 12, 7, 4, 0, tzinfo=UTC))
    assert removed and oldest not in removed and oldest.exists()
    assert not any(p.exists() for p in removed)


def test_a_backup_onto_a_file_held_open_is_refused_and_changes_nothing(
    hubfile: Path, tmp_path: Path, held_open: list[object]
) -> None:
    from coachdesk.app import main

    dest = tmp_path / "usb" / "hub-copy.sqlite"
    dest.parent.mkdir()
    dest.write_bytes(b"the lead's older copy")
    hold(held_open, dest)
    assert main(["--db", str(hubfile), "backup", str(dest)]) == 1
    assert dest.read_bytes() == b"the lead's older copy"
    assert not list(dest.parent.glob("*.part"))
    assert main(["--db", str(hubfile), "check"]) == 0


def test_restore_and_erasure_work_while_another_program_reads_the_file(
    hubfile: Path, tmp_path: Path, held_open: list[object]
) -> None:
    from coachdesk.app import open_db
    from coachdesk.services import register, safekeeping
    from coachdesk.services.dto import PersonInput
    from coachdesk.services.privacy import erase_person

    db = open_db(str(hubfile), backup=False)
    register.add_person(db, PersonInput(full_name=POLISH, email="lucja@example.nhs.uk"))
    backup = safekeeping.backup(db, tmp_path / "b" / "one.sqlite", "one")
    register.add_person(db, PersonInput(full_name=GREEK, email="ioannis@example.nhs.uk"))
    hold(held_open, hubfile)  # a virus scanner or a sync client reading the live file
    aside = safekeeping.restore(db, backup, "20261207-0400")
    assert aside is not None and aside.exists()
    names = {p.full_name for p in register.list_people(db)}
    assert names == {POLISH}
    erase_person(db, "lucja@example.nhs.uk")
    db.dispose()
    assert "Łucja".encode() not in hubfile.read_bytes()


# --- folders and paths --------------------------------------------------------------------------


def test_the_data_folder_is_under_local_appdata(monkeypatch: pytest.MonkeyPatch) -> None:
    import ctypes
    import uuid

    import platformdirs

    from coachdesk import locations

    local = Path(os.environ["LOCALAPPDATA"])  # tests/conftest.py points it at a private home
    assert locations.data_dir() == local / "coachdesk"
    assert locations.log_dir().is_relative_to(local / "coachdesk")
    # Without the tests' override: the shell's own Local AppData folder, not Roaming.
    folder_id = uuid.UUID("{F1B32785-6FBA-4FCF-9D55-7B8E7F157091}")  # FOLDERID_LocalAppData
    guid = (ctypes.c_byte * 16).from_buffer_copy(folder_id.bytes_le)
    out = ctypes.c_wchar_p()
    ctypes.windll.shell32.SHGetKnownFolderPath(ctypes.byref(guid), 0, None, ctypes.byref(out))
    shell_local = out.value
    ctypes.windll.ole32.CoTaskMemFree(out)
    monkeypatch.delenv("WIN_PD_OVERRIDE_LOCAL_APPDATA")
    found = platformdirs.user_data_dir("coachdesk", appauthor=False)
    assert shell_local and Path(found) == Path(shell_local) / "coachdesk"


@pytest.mark.parametrize(
    "folder",
    ["Hub files – Zoë's team", "Łódź & Αθήνα", "x" * 60 + "/" + "y" * 60 + "/" + "z" * 60],
    ids=["spaces", "non-ascii", "long"],
)
def test_paths_with_spaces_letters_and_length(tmp_path: Path, folder: str) -> None:
    from coachdesk.app import main

    where = tmp_path / folder / "Coaching Hub Łódź.sqlite"
    where.parent.mkdir(parents=True)
    if folder.startswith("x"):
        if UNDER_WINE:
            pytest.skip(
                "Wine 8's GetFinalPathNameByHandleW answers ERROR_MORE_DATA past 260 characters "
                "(Windows gives the length needed), so Path.resolve() fails there: long paths "
                "are for the first real Windows run (packaging/README.md)"
            )
        where = where.parent / ("w" * (300 - len(str(where.parent))) + ".sqlite")
        assert len(str(where)) > 260  # past Windows' old MAX_PATH
    assert main(["--db", str(where), "demo"]) == 0
    assert main(["--db", str(where), "check", "--json"]) == 0
    assert main(["--db", str(where), "backup", str(where.with_suffix(".bak"))]) == 0
    assert main(["--db", str(where), "export", str(where.with_suffix(".coachdesk.json"))]) == 0
    assert where.exists() and where.with_suffix(".bak").exists()


# --- CSV: CRLF out, Excel's Windows-1252 in ----------------------------------------------------


def test_csv_is_written_with_crlf_and_an_excel_cp1252_file_reads(
    sqlite_db: object, tmp_path: Path
) -> None:
    from coachdesk.services import register
    from coachdesk.services.dto import PersonInput
    from coachdesk.services.spreadsheet import import_register
    from coachdesk.services.spreadsheet.export import write_register_csv

    register.add_person(sqlite_db, PersonInput(full_name="Zoë Ashdown", email="zoe@example.nhs.uk"))  # type: ignore[arg-type]
    out = tmp_path / "register.csv"
    write_register_csv(sqlite_db, out)  # type: ignore[arg-type]
    raw = out.read_bytes()
    assert b"\r\n" in raw and b"\r\r\n" not in raw and raw.count(b"\n") == raw.count(b"\r\n")
    assert "Zoë".encode() in raw
    # Excel on an English Windows saves "CSV (Comma delimited)" in Windows-1252.
    excel = tmp_path / "from excel.csv"
    text = io.StringIO(newline="")
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(["Full name", "Email", "Organisation"])
    writer.writerow(["Renée Müller", "renee@example.nhs.uk", "Trust – Ward 5"])
    excel.write_bytes(text.getvalue().encode("cp1252"))
    result = import_register(sqlite_db, excel)  # type: ignore[arg-type]
    assert len(result.added) == 1
    names = {p.full_name for p in register.list_people(sqlite_db)}  # type: ignore[arg-type]
    assert "Renée Müller" in names


# --- the command line on a Windows console pipe -------------------------------------------------


def test_the_command_line_prints_any_name_into_a_pipe(tmp_path: Path) -> None:
    """A pipe on Windows is in the ANSI code page (1252): names outside it must not crash."""
    db = tmp_path / "hub.sqlite"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONIOENCODING", "PYTHONUTF8")}
    env["PYTHONPATH"] = str(ROOT)

    def run(*args: str) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(
            [sys.executable, "-m", "coachdesk", "--db", str(db), *args],
            cwd=ROOT, env=env, capture_output=True, timeout=300,
        )  # fmt: skip

    assert run("demo").returncode == 0
    done = run("check", "--json")
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    text = done.stdout.decode("utf-8")  # UTF-8 into a pipe, as JSON is
    alerts = json.loads(text)
    assert alerts and {"rule", "person", "message"} <= set(alerts[0])
    with pytest.raises(UnicodeEncodeError):
        text.encode("cp1252")  # the demo's names include letters 1252 has not got


# --- Credential Manager -------------------------------------------------------------------------


def test_the_key_is_kept_in_credential_manager_and_opens_the_database(tmp_path: Path) -> None:
    import keyring
    from keyring.backends.Windows import WinVaultKeyring

    from coachdesk.storage import encryption
    from coachdesk.storage.migrate import open_database

    keyring.set_keyring(WinVaultKeyring())
    path = tmp_path / "secret hub.sqlite"
    created = encryption.new_key(path)
    assert created.in_keyring
    open_database(f"sqlite:///{path}").dispose()
    encryption.forget_all()  # a new run: the key comes from Credential Manager
    open_database(f"sqlite:///{path}").dispose()
    assert encryption.is_encrypted(path)
    keyring.delete_password(encryption.KEYRING_SERVICE, str(encryption._key_of(path)))


def test_without_credential_manager_the_recovery_key_opens_the_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import keyring
    from keyring.backends import Windows

    from coachdesk.storage import encryption
    from coachdesk.storage.migrate import open_database

    def refused(*_args: object, **_kwargs: object) -> None:
        # Credential Manager switched off by policy: no logon session to keep credentials in.
        raise Windows.pywintypes.error(
            1312, "CredWrite", "A specified logon session does not exist."
        )

    monkeypatch.setattr(Windows.win32cred, "CredWrite", refused)
    keyring.set_keyring(Windows.WinVaultKeyring())
    path = tmp_path / "hub.sqlite"
    created = encryption.new_key(path)
    assert not created.in_keyring and created.recovery_key
    open_database(f"sqlite:///{path}").dispose()
    encryption.forget_all()
    monkeypatch.setenv("COACHDESK_KEY", created.recovery_key)
    open_database(f"sqlite:///{path}").dispose()
