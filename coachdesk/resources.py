"""One resolver for plain resource files (icons, fonts, docs), from a checkout or a frozen build."""

from __future__ import annotations

import sys
from pathlib import Path


def resource_root() -> Path:
    """``resources/`` beside the package (source) or inside the bundle (PyInstaller)."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parents[1] / "resources"


def resource(*parts: str) -> Path:
    return resource_root().joinpath(*parts)


def user_guide_path() -> Path | None:
    """docs/user-guide.md from a checkout, or the copy shipped in resources/."""
    for candidate in (
        Path(__file__).resolve().parents[1] / "docs" / "user-guide.md",
        resource("docs", "user-guide.md"),
    ):
        if candidate.is_file():
            return candidate
    return None
