"""Reading a returned form's fields with pypdf, refusing files that are not a whole, open PDF."""

from __future__ import annotations

import contextlib
import io
import logging
import warnings
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from coachdesk.services.evaluation_forms.identity import FIELD_NAME

#: A filled form is about 100 KB; anything over this is refused before it is parsed.
MAX_FORM_BYTES = 10 * 1024 * 1024
_TAIL = 2048  # a complete PDF says %%EOF within its last bytes


class FormRefused(Exception):
    """A returned form that cannot be recorded, with the reason a lead reads."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class ReturnedForm:
    """The fields of a returned form as text: None where nothing was chosen or typed."""

    reference: str | None
    choices: dict[str, str | None]  # radio groups: item.<key>, objective.<n>
    texts: dict[str, str | None]  # comments, completed_on and any other text field


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """pypdf's complaints about odd-but-readable files stay out of the lead's way."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)


def _text(value: object) -> str | None:
    if value is None:
        return None
    text = str(value)
    return text if text.strip() else None


def _choice(field: Mapping[str, object]) -> str | None:
    """The export value chosen in a radio group: its /V, or else the one widget switched on
    (some readers set only the widget's appearance state)."""
    value = field.get("/V")
    if value is not None and str(value) not in ("/Off", "Off", ""):
        return str(value).removeprefix("/")
    kids = field.get("/Kids")
    if not isinstance(kids, list):
        return None
    on = []
    for kid in kids:
        widget = kid.get_object() if hasattr(kid, "get_object") else kid
        if isinstance(widget, DictionaryObject):
            state = widget.get("/AS")
            if state is not None and str(state) not in ("/Off", "Off"):
                on.append(str(state).removeprefix("/"))
    return on[0] if len(on) == 1 else None


def read_bytes(path: Path) -> bytes:
    """The file's bytes, refused unreadable, over MAX_FORM_BYTES (not read) or not a PDF."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise FormRefused(f"cannot be read ({exc.strerror or exc})") from exc
    if size > MAX_FORM_BYTES:
        raise FormRefused(
            f"is {_megabytes(size)}; a returned form is at most {_megabytes(MAX_FORM_BYTES)}, "
            "so this is not one (it was not opened)"
        )
    try:
        return path.read_bytes()
    except OSError as exc:
        raise FormRefused(f"cannot be read ({exc.strerror or exc})") from exc


def read_form(data: bytes) -> ReturnedForm:
    """The fields of a returned form; FormRefused for anything that is not a whole, open PDF."""
    if len(data) > MAX_FORM_BYTES:
        raise FormRefused(
            f"is {_megabytes(len(data))}; a returned form is at most "
            f"{_megabytes(MAX_FORM_BYTES)}, so this is not one (it was not opened)"
        )
    if not data.lstrip()[:5] == b"%PDF-":
        raise FormRefused("is not a PDF")
    if b"%%EOF" not in data[-_TAIL:]:
        raise FormRefused("is damaged or incomplete: it does not end as a PDF does (cut short?)")
    try:
        with _quiet():
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted:
                raise FormRefused(
                    "is encrypted (password-protected); ask for the form to be saved without "
                    "a password"
                )
            fields = reader.get_fields() or {}
            choices: dict[str, str | None] = {}
            texts: dict[str, str | None] = {}
            for name, field in fields.items():
                if field.get("/FT") == "/Btn":
                    choices[name] = _choice(field)
                elif field.get("/FT") == "/Tx":
                    texts[name] = _text(field.get("/V"))
    except FormRefused:
        raise
    except Exception as exc:  # pypdf raises many kinds for a damaged file  # noqa: BLE001
        raise FormRefused(f"is damaged and cannot be read as a PDF ({type(exc).__name__})") from exc
    reference = texts.pop(FIELD_NAME, None)
    return ReturnedForm(reference, choices, texts)
