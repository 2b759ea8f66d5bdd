"""One resolver for plain resource files (icons, fonts, docs): checkout, installed or frozen."""

from __future__ import annotations

import sys
from pathlib import Path

_HERE = Path(__file__).resolve().parent
#: A file every complete resources folder has; a folder without it is someone else's.
_MARKER = ("icons", "coachdesk.png")


def resource_root() -> Path:
    """Where ``resources/`` is for this copy of coachdesk.

    A frozen build (PyInstaller) carries it as ``resources/`` inside the bundle; an installed
    wheel as the package data ``coachdesk/_resources``; a source checkout has the top-level
    ``resources/`` folder, the one source of truth for the other two.
    """
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    for candidate in (_HERE / "_resources", _HERE.parent / "resources"):
        if candidate.joinpath(*_MARKER).is_file():
            return candidate
    return _HERE.parent / "resources"


def resource(*parts: str) -> Path:
    return resource_root().joinpath(*parts)


def user_guide_path() -> Path | None:
    """docs/user-guide.md from a checkout, or the copy shipped in resources/."""
    for candidate in (
        _HERE.parent / "docs" / "user-guide.md",
        resource("docs", "user-guide.md"),
    ):
        if candidate.is_file():
            return candidate
    return None
