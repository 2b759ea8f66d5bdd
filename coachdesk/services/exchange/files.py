"""Reading a bundle file: UTF-8 JSON, with a message the lead can act on when it is not."""

from __future__ import annotations

import json
from pathlib import Path
from typing import NoReturn

from coachdesk.errors import UserError


class _NotJson(ValueError):
    pass


def _refuse_constant(name: str) -> NoReturn:
    raise _NotJson(f"{name} is not a JSON number")


def read_bundle_file(path: Path) -> dict[str, object]:
    """The parsed bundle in ``path``; UserError if it cannot be read or is not JSON.

    Only the JSON is checked here; ``validate_bundle`` checks what it holds.
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise UserError(f"{path}: no such file.") from None
    except OSError as exc:
        if path.is_dir():  # IsADirectoryError; Windows says PermissionError for a folder
            raise UserError(f"{path} is a folder, not a bundle file.") from None
        raise UserError(f"{path} cannot be read: {exc.strerror or exc}.") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UserError(
            f"{path}: not UTF-8 text (byte {exc.start + 1}); a coachdesk bundle is UTF-8 JSON."
        ) from None
    try:
        data = json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        raise UserError(
            f"{path}: not valid JSON at line {exc.lineno} column {exc.colno} ({exc.msg})."
        ) from None
    except _NotJson as exc:
        raise UserError(f"{path}: not valid JSON ({exc}).") from None
    except RecursionError:
        raise UserError(f"{path}: not valid JSON (nested too deeply).") from None
    if not isinstance(data, dict):
        raise UserError(f"{path}: not a coachdesk bundle (the file must hold a JSON object).")
    return data
