"""The built Linux app (``make package``): its frozen binary runs, has its files, keeps data safe.

Run by ``make package-test`` (CI runs it after ``make test``); it fails, never skips, when the
bundle has not been built. COACHDESK_BUNDLE names another unpacked bundle folder to test.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from importlib.metadata import version
from pathlib import Path

import pytest

from coachdesk.storage.migrate import SCHEMA_HEAD
from tests.helpers.olddb import (
    PERSON_NAME,
    database_at_revision,
    person_name,
    revision_of,
    stamp_newer,
)

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = Path(os.environ.get("COACHDESK_BUNDLE", ROOT / "dist" / "coachdesk"))


@pytest.fixture(scope="module")
def exe() -> Path:
    program = BUNDLE / "coachdesk"
    if not program.is_file():
        pytest.fail(f"No built app at {program}: run `make package` first.")
    return program


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """A lead's fresh account: an empty home, no display but Qt's offscreen one."""
    home = tmp_path / "home"
    home.mkdir()
    keep = {k: v for k, v in os.environ.items() if k in ("PATH", "LANG", "LC_ALL", "TZ")}
    return {**keep, "HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}


def run(
    exe: Path, env: dict[str, str], *args: str, timeout: int = 180
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(exe), *args], env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


def test_version_is_the_package_metadatas(exe: Path, env: dict[str, str]) -> None:
    started = time.perf_counter()
    result = run(exe, env, "--version")
    elapsed = time.perf_counter() - started
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"coachdesk {version('coachdesk')}"
    print(f"\n--version: {elapsed:.2f} s")


def test_the_data_files_a_frozen_build_often_misses_are_bundled(exe: Path) -> None:
    inside = BUNDLE / "_internal"
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf"):
        assert (inside / "resources" / "fonts" / name).stat().st_size > 100_000
    assert (inside / "resources" / "fonts" / "LICENSE-DejaVu.txt").is_file()
    assert (inside / "resources" / "icons" / "coachdesk.png").is_file()
    assert (inside / "resources" / "style.qss").is_file()
    assert (inside / "resources" / "docs" / "user-guide.md").is_file()
    assert list((inside / "resources" / "docs" / "screenshots").glob("*.png"))
    assert (inside / "LICENCES.txt").is_file()
    migrations = inside / "coachdesk" / "storage" / "migrations"
    assert (migrations / "env.py").is_file()
    shipped = sorted(p.name for p in (migrations / "versions").glob("*.py"))
    source = sorted(p.name for p in (ROOT / "coachdesk/storage/migrations/versions").glob("*.py"))
    assert shipped == source
    plugins = inside / "PySide6" / "Qt" / "plugins"
    assert (plugins / "platforms" / "libqxcb.so").is_file()  # a real Linux desktop
    assert (plugins / "platforms" / "libqoffscreen.so").is_file()
    for lib in ("libQt6Pdf", "libQt6PdfWidgets", "libQt6Charts", "libQt6PrintSupport"):
        assert list((inside / "PySide6" / "Qt" / "lib").glob(f"{lib}.so*")), lib
    unused = [p.name for p in inside.rglob("*") if "WebEngine" in p.name or "Qt6Quick" in p.name]
    assert unused == []
    for name in ("install.sh", "coachdesk.desktop", "coachdesk-mime.xml"):
        assert (BUNDLE / name).is_file()


def test_demo_report_and_self_test_from_the_frozen_binary(
    exe: Path, env: dict[str, str], tmp_path: Path
) -> None:
    from pypdf import PdfReader

    db = tmp_path / "demo.sqlite"
    result = run(exe, env, "--db", str(db), "demo", "--today", "2026-11-23")
    assert result.returncode == 0, result.stderr
    assert "Demo hub loaded" in result.stdout

    pdf = tmp_path / "programme.pdf"
    result = run(
        exe, env, "--db", str(db), "report", "programme",
        "--from", "2026-01-01", "--to", "2026-11-23", "-o", str(pdf),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    reader = PdfReader(pdf)
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Programme report" in text and "Coaching and Mentoring Hub" in text
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert any(name.endswith("+DejaVuSans") for name in fonts), fonts  # the bundled font, embedded

    result = run(exe, env, "--db", str(db), "check", "--json", "--today", "2026-11-23")
    assert result.returncode == 0, result.stderr
    assert isinstance(json.loads(result.stdout), list)

    started = time.perf_counter()
    with subprocess.Popen(
        [str(exe), "--db", str(db), "--self-test"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as process:  # leaving the block closes its pipes
        assert process.stdout is not None
        first = process.stdout.readline()
        shown = time.perf_counter() - started
        rest = process.stdout.read()
        err = process.stderr.read() if process.stderr else ""
        process.wait(timeout=180)
    assert first.strip() == "main window shown"
    assert process.returncode == 0, rest + err
    assert "view Reports: ok" in rest and "self-test passed" in rest
    size = sum(p.stat().st_size for p in BUNDLE.rglob("*") if p.is_file() and not p.is_symlink())
    print(f"\nmain window shown after {shown:.2f} s; bundle {size / 2**20:.0f} MiB")


def test_the_frozen_app_writes_fillable_forms_and_reads_returned_ones_with_pypdf(
    exe: Path, env: dict[str, str], tmp_path: Path
) -> None:
    """pypdf travels in the bundle: a form filled by a reader is recorded, a damaged one refused."""
    from tests.helpers.forms import answer_all, fill

    db, today = str(tmp_path / "demo.sqlite"), "2026-12-07"
    assert run(exe, env, "--db", db, "demo", "--today", today).returncode == 0
    forms = tmp_path / "forms"
    result = run(exe, env, "--db", db, "forms", "--all-due", "--out", str(forms), "--today", today)
    assert result.returncode == 0, result.stderr
    blank = next(forms.glob("* - Client post-evaluation - *.pdf")).read_bytes()
    returned = tmp_path / "returned.pdf"
    returned.write_bytes(fill(blank, answer_all(blank), completed_on="01/12/2026"))
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(returned.read_bytes()[:2000])
    result = run(exe, env, "--db", db, "import", str(returned), str(damaged), "--today", today)
    assert result.returncode == 1
    assert "returned.pdf: recorded the client post-evaluation" in result.stdout
    assert "damaged.pdf: refused: it is damaged or incomplete" in result.stderr
    assert result.stdout.splitlines()[-1] == "2 forms: 1 recorded, 1 refused."


def test_an_older_database_is_upgraded_after_a_backup_by_the_frozen_app(
    exe: Path, env: dict[str, str], tmp_path: Path
) -> None:
    old = tmp_path / "hub.sqlite"
    database_at_revision(old, "0001")
    result = run(exe, env, "--db", str(old), "check")
    assert result.returncode == 0, result.stderr
    assert revision_of(old) == SCHEMA_HEAD
    assert person_name(old) == PERSON_NAME
    backups = list((tmp_path / "backups").glob("hub-*-before-upgrade.sqlite"))
    assert len(backups) == 1 and revision_of(backups[0]) == "0001"


def test_a_newer_database_is_refused_by_the_frozen_app_and_left_unchanged(
    exe: Path, env: dict[str, str], tmp_path: Path
) -> None:
    newer = tmp_path / "hub.sqlite"
    database_at_revision(newer, SCHEMA_HEAD)
    stamp_newer(newer)
    before = newer.read_bytes()
    result = run(exe, env, "--db", str(newer), "check")
    assert result.returncode == 1
    assert "made by a newer coachdesk" in result.stderr
    assert newer.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home", "hub.sqlite"]


def test_portable_mode_keeps_everything_beside_the_app(
    exe: Path, env: dict[str, str], tmp_path: Path
) -> None:
    stick = tmp_path / "stick" / "coachdesk"
    shutil.copytree(BUNDLE, stick, symlinks=True, copy_function=os.link)  # as unpacked on a stick
    (stick / "portable").touch()
    program = stick / "coachdesk"

    assert run(program, env, "demo").returncode == 0
    assert run(program, env, "backup").returncode == 0
    result = run(program, env, "--self-test")
    assert result.returncode == 0, result.stdout + result.stderr

    kept = stick / "coachdesk-data"
    assert (kept / "coachdesk.sqlite").stat().st_size > 0
    assert list((kept / "backups").glob("coachdesk-*.sqlite"))
    assert (kept / "logs" / "coachdesk.log").is_file()
    assert list((kept / "settings").rglob("*.ini"))  # window layout, saved on closing
    home = Path(env["HOME"])
    assert [p for p in home.rglob("*") if p.is_file()] == []  # nothing written on the laptop


def test_the_per_user_linux_install_and_uninstall_need_no_root_and_keep_the_data(
    exe: Path, env: dict[str, str], tmp_path: Path
) -> None:
    unpacked = tmp_path / "Downloads" / "coachdesk"
    shutil.copytree(BUNDLE, unpacked, symlinks=True, copy_function=os.link)
    home = Path(env["HOME"])
    result = subprocess.run(
        ["sh", str(unpacked / "install.sh")], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert f"coachdesk {version('coachdesk')} is installed" in result.stdout
    installed = home / ".local" / "lib" / "coachdesk" / "coachdesk"
    desktop = home / ".local" / "share" / "applications" / "coachdesk.desktop"
    assert f'Exec="{installed}" %f' in desktop.read_text()
    checked = subprocess.run(
        ["desktop-file-validate", str(desktop)], capture_output=True, text=True, check=False
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    globs = home / ".local" / "share" / "mime" / "globs2"  # update-mime-database ran
    assert "application/x-coachdesk-bundle:*.coachdesk.json" in globs.read_text()
    assert (home / ".local/share/icons/hicolor/256x256/apps/coachdesk.png").is_file()
    assert (home / ".local/share/mime/packages/coachdesk.xml").is_file()
    launcher = home / ".local" / "bin" / "coachdesk"
    assert subprocess.run([str(launcher), "demo"], env=env, check=False).returncode == 0
    data = home / ".local" / "share" / "coachdesk" / "coachdesk.sqlite"
    assert data.is_file()

    result = subprocess.run(
        ["sh", str(installed.parent / "install.sh"), "--uninstall"],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert not installed.exists() and not desktop.exists() and not launcher.exists()
    assert data.is_file()  # the lead's data stays unless asked


def test_the_wheel_carries_the_resources_as_package_data(tmp_path: Path) -> None:
    import zipfile

    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("coachdesk-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in (
        "style.qss",
        "icons/coachdesk.png",
        "fonts/DejaVuSans.ttf",
        "fonts/LICENSE-DejaVu.txt",
    ):
        assert f"coachdesk/_resources/{name}" in names
    assert "coachdesk/storage/migrations/versions/0002_audit_equality_culture.py" in names
