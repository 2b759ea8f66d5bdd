"""Where coachdesk keeps the database, backups, settings and log: the user's folders or portable."""

from __future__ import annotations

import sys
from pathlib import Path

from coachdesk.errors import UserError

APP_NAME = "coachdesk"
#: A file of this name beside the executable turns on portable mode.
PORTABLE_MARKER = "portable"
#: In portable mode everything coachdesk writes goes into this folder beside the executable.
PORTABLE_FOLDER = "coachdesk-data"


def executable_dir() -> Path | None:
    """The folder the lead sees the app in, for a frozen build; None when run from Python.

    On macOS that is the folder holding ``coachdesk.app``, not ``Contents/MacOS`` inside it.
    """
    if not getattr(sys, "frozen", False):
        return None
    here = Path(sys.executable).resolve().parent
    if (
        here.name == "MacOS"
        and here.parent.name == "Contents"
        and here.parent.parent.suffix == ".app"
    ):
        return here.parent.parent.parent
    return here


def portable_dir() -> Path | None:
    """The portable data folder when a ``portable`` marker sits beside the executable."""
    base = executable_dir()
    if base is None or not (base / PORTABLE_MARKER).exists():
        return None
    return base / PORTABLE_FOLDER


def is_portable() -> bool:
    return portable_dir() is not None


def _private_folder(path: Path) -> Path:
    try:
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise UserError(
            f"coachdesk cannot create its folder {path}: {exc.strerror or exc}. "
            "If it is on a USB stick, check the stick is not read-only."
        ) from exc
    return path


def data_dir() -> Path:
    """The database and its backups/: portable folder, else the user's data folder."""
    portable = portable_dir()
    if portable is not None:
        return _private_folder(portable)
    from platformdirs import user_data_path

    return _private_folder(user_data_path(APP_NAME, appauthor=False))


def log_dir() -> Path:
    """The log file's folder: ``logs/`` in the portable folder, else the user's log folder."""
    portable = portable_dir()
    if portable is not None:
        return _private_folder(portable / "logs")
    from platformdirs import user_log_path

    return _private_folder(user_log_path(APP_NAME, appauthor=False))


def settings_dir() -> Path | None:
    """Where the desktop app keeps its settings in portable mode; None: the system's place."""
    portable = portable_dir()
    if portable is None:
        return None
    return _private_folder(portable / "settings")
