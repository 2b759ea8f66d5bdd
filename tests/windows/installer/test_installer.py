"""The per-user installer, run: silent install, files, shortcut and registry, the installed
(frozen) command line, silent uninstall that keeps the data.

Run by ``make windows-test`` under Wine, which builds the installer with makensis from the
PyInstaller build made on Windows CPython and names it in COACHDESK_SETUP.
"""

from __future__ import annotations

import ctypes
import json
import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.skipif(sys.platform != "win32", reason="Windows only: make windows-test"),
    pytest.mark.skipif(
        not os.environ.get("COACHDESK_SETUP"),
        reason="COACHDESK_SETUP names no installer (make windows-test builds one)",
    ),
]

UNINSTALL_KEY = r"Software\Microsoft\Windows\CurrentVersion\Uninstall\coachdesk"


def known_folder(guid: str) -> Path:
    """A shell folder as the installer sees it (not the tests' environment overrides)."""
    raw = (ctypes.c_byte * 16).from_buffer_copy(uuid.UUID(guid).bytes_le)
    out = ctypes.c_wchar_p()
    assert (
        ctypes.windll.shell32.SHGetKnownFolderPath(ctypes.byref(raw), 0, None, ctypes.byref(out))
        == 0
    )
    try:
        assert out.value
        return Path(out.value)
    finally:
        ctypes.windll.ole32.CoTaskMemFree(out)


if sys.platform == "win32":
    LOCAL = known_folder("{F1B32785-6FBA-4FCF-9D55-7B8E7F157091}")  # FOLDERID_LocalAppData
    PROGRAMS = known_folder("{A77F5D77-2E2B-44C3-A6A2-ABA601054A51}")  # FOLDERID_Programs
else:  # collected (and skipped) elsewhere
    LOCAL = PROGRAMS = Path()
APP = LOCAL / "Programs" / "coachdesk"
DATA = LOCAL / "coachdesk"


def user_env() -> dict[str, str]:
    """The environment of the lead's session: the tests' private folders taken away."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("WIN_PD_OVERRIDE_")}
    env["LOCALAPPDATA"] = str(LOCAL)
    env["APPDATA"] = str(known_folder("{3EB685DB-65F9-4CF6-A03A-E3EF65729F3D}"))
    for name in ("PYTHONPATH", "COACHDESK_DB", "COACHDESK_KEY"):
        env.pop(name, None)
    return env


def reg_value(key: str, name: str = "") -> object:
    import winreg

    with winreg.OpenKey(winreg.HKEY_CURRENT_USER, key) as k:
        return winreg.QueryValueEx(k, name)[0]


def reg_exists(root: int, key: str) -> bool:
    import winreg

    try:
        winreg.OpenKey(root, key).Close()
    except FileNotFoundError:
        return False
    return True


def wait_until_gone(path: Path, seconds: float = 120) -> None:
    """The NSIS uninstaller copies itself to %TEMP% and returns at once: wait for its work."""
    deadline = time.monotonic() + seconds
    while path.exists() and time.monotonic() < deadline:
        time.sleep(0.5)
    assert not path.exists(), f"{path} is still there after the uninstall"


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(APP / "coachdesk-cli.exe"), *args],
        env=user_env(),
        cwd=str(LOCAL),
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=300,
    )


@pytest.fixture(scope="module")
def installed() -> Iterator[Path]:
    """Installed silently, as IT would (``/S``), into a clean profile; cleaned up after."""
    import winreg

    for leftover in (APP, DATA):
        shutil.rmtree(leftover, ignore_errors=True)
    setup = Path(os.environ["COACHDESK_SETUP"])
    done = subprocess.run([str(setup), "/S"], env=user_env(), timeout=600)
    assert done.returncode == 0
    yield APP
    uninstaller = APP / "uninstall.exe"
    if uninstaller.exists():
        subprocess.run([str(uninstaller), "/S", "/REMOVEDATA"], env=user_env(), timeout=600)
        wait_until_gone(APP)
    shutil.rmtree(DATA, ignore_errors=True)
    for key in (UNINSTALL_KEY, r"Software\Classes\coachdesk.bundle"):
        if reg_exists(winreg.HKEY_CURRENT_USER, key):
            winreg.DeleteKey(winreg.HKEY_CURRENT_USER, key)


def test_it_installs_per_user_with_the_program_shortcut_and_uninstall_entry(
    installed: Path,
) -> None:
    import winreg

    for name in ("coachdesk.exe", "coachdesk-cli.exe", "uninstall.exe", "LICENCES.txt"):
        assert (installed / name).is_file(), name
    assert (installed / "_internal").is_dir()
    assert not (installed / "portable").exists()
    assert (PROGRAMS / "coachdesk.lnk").is_file()  # the Start menu, this user's
    assert Path(str(reg_value(UNINSTALL_KEY, "InstallLocation"))) == installed
    assert reg_value(UNINSTALL_KEY, "DisplayName") == "coachdesk"
    assert str(reg_value(UNINSTALL_KEY, "QuietUninstallString")).endswith('uninstall.exe" /S')
    from importlib.metadata import version

    assert reg_value(UNINSTALL_KEY, "DisplayVersion") == version("coachdesk")
    # Nothing machine-wide: no administrator was needed.
    assert not reg_exists(winreg.HKEY_LOCAL_MACHINE, UNINSTALL_KEY)


def test_bundles_are_offered_open_with_coachdesk(installed: Path) -> None:
    assert reg_value(r"Software\Classes\.json\OpenWithProgids", "coachdesk.bundle") == ""
    command = str(reg_value(r"Software\Classes\coachdesk.bundle\shell\open\command"))
    assert command == f'"{installed / "coachdesk.exe"}" --open-bundle "%1"'
    assert reg_value(r"Software\Classes\Applications\coachdesk.exe\SupportedTypes", ".json") == ""


def test_the_installed_command_line_runs(installed: Path, tmp_path: Path) -> None:
    from importlib.metadata import version

    done = cli("--version")
    assert done.returncode == 0 and version("coachdesk") in done.stdout, done.stderr
    done = cli("demo")
    assert done.returncode == 0, done.stderr
    assert (DATA / "coachdesk.sqlite").is_file()  # the data folder: %LOCALAPPDATA%\coachdesk
    done = cli("check", "--json")
    assert done.returncode == 0, done.stderr
    alerts = json.loads(done.stdout)
    assert isinstance(alerts, list) and alerts
    assert {"rule", "severity", "person", "message"} <= set(alerts[0])
    person = next(a["person"] for a in alerts if a.get("person"))
    pdf = tmp_path / "learning log.pdf"
    done = cli("report", "learning-log", "--person", person, "-o", str(pdf))
    assert done.returncode == 0, done.stderr
    assert pdf.read_bytes().startswith(b"%PDF-")


def test_uninstalling_silently_removes_the_app_and_keeps_the_data(installed: Path) -> None:
    import winreg

    assert (DATA / "coachdesk.sqlite").is_file()
    done = subprocess.run([str(installed / "uninstall.exe"), "/S"], env=user_env(), timeout=600)
    assert done.returncode == 0
    wait_until_gone(installed / "coachdesk-cli.exe")
    wait_until_gone(installed)
    assert not (PROGRAMS / "coachdesk.lnk").exists()
    assert not reg_exists(winreg.HKEY_CURRENT_USER, UNINSTALL_KEY)
    assert not reg_exists(winreg.HKEY_CURRENT_USER, r"Software\Classes\coachdesk.bundle")
    assert (DATA / "coachdesk.sqlite").is_file()  # the lead's data stays


def test_a_reinstall_finds_the_data_and_removedata_deletes_it(installed: Path) -> None:
    setup = Path(os.environ["COACHDESK_SETUP"])
    assert subprocess.run([str(setup), "/S"], env=user_env(), timeout=600).returncode == 0
    done = cli("check", "--json")  # the database the first install's demo made
    assert done.returncode == 0 and json.loads(done.stdout), done.stderr
    done = subprocess.run(
        [str(installed / "uninstall.exe"), "/S", "/REMOVEDATA"], env=user_env(), timeout=600
    )
    assert done.returncode == 0
    wait_until_gone(installed)
    wait_until_gone(DATA)  # asked for: the data goes too
