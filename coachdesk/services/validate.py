"""Small checks shared by the services: problems, text, dates, numbers, choices, files, look-ups."""

from __future__ import annotations

import math
import posixpath
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import TypeVar

from sqlalchemy import select

from coachdesk.domain.dates import format_date
from coachdesk.domain.validation import normalise_email
from coachdesk.domain.words import number
from coachdesk.errors import NotFound, UserError
from coachdesk.services.dto import FileInput
from coachdesk.services.labels import LIMITS, phrase
from coachdesk.storage.models import Person
from coachdesk.storage.uow import UnitOfWork

M = TypeVar("M")
E = TypeVar("E", bound=StrEnum)

MAX_FILE_BYTES = 20 * 1024 * 1024
_SIGNATURES = (
    ("application/pdf", "PDF"),
    ("image/png", "PNG image"),
    ("image/jpeg", "JPEG image"),
)
_MEDIA_ALIASES = {
    "image/jpg": "image/jpeg",
    "image/pjpeg": "image/jpeg",
    "application/x-pdf": "application/pdf",
}


class Problems:
    """Every problem found in one input, each naming its field by its label on screen
    (services/labels.py); raised as ONE UserError."""

    def __init__(self) -> None:
        self.items: list[str] = []
        self.not_found = False

    def add(self, field: str, message: str) -> None:
        self.items.append(phrase(field, message))

    def missing(self, field: str, message: str) -> None:
        """A record the input names does not exist (raised as NotFound)."""
        self.not_found = True
        self.add(field, message)

    def __bool__(self) -> bool:
        return bool(self.items)

    def raise_if_any(self, what: str, verb: str = "saved") -> None:
        if not self.items:
            return
        error = NotFound if self.not_found else UserError
        raise error(f"{what} cannot be {verb}:", problems=list(self.items))


def text(
    p: Problems, field: str, value: object, *, max_len: int | None = None, required: bool = False
) -> str:
    """Trimmed text; "" when absent. Refuses non-text, over-long text and NUL characters.

    ``max_len`` defaults to the field's limit in ``labels.LIMITS`` (the one the forms show)."""
    limit = max_len if max_len is not None else LIMITS[field]
    if value is None:
        value = ""
    if not isinstance(value, str):
        p.add(field, "must be text")
        return ""
    value = value.strip()
    if not value:
        if required:
            p.add(field, "is required")
        return ""
    if "\x00" in value:
        p.add(field, "contains a character that cannot be stored (NUL)")
        return ""
    if len(value) > limit:
        p.add(field, f"is longer than {number(limit)} characters")
        return ""
    return value


def optional_text(
    p: Problems, field: str, value: object, *, max_len: int | None = None
) -> str | None:
    """Like ``text`` but None when blank (for fields where "not recorded" matters)."""
    return text(p, field, value, max_len=max_len) or None


def tags(p: Problems, field: str, values: object, *, max_len: int = 200) -> list[str]:
    """A list of short labels: trimmed, blanks dropped, duplicates (ignoring case) removed."""
    if values is None:
        return []
    if isinstance(values, str) or not isinstance(values, Iterable):
        p.add(field, "must be a list of words or phrases")
        return []
    seen: set[str] = set()
    out: list[str] = []
    for value in values:
        before = len(p.items)
        tag = text(p, field, value, max_len=max_len)
        if len(p.items) > before:
            return []
        if tag and tag.casefold() not in seen:
            seen.add(tag.casefold())
            out.append(tag)
    return out


def lines(p: Problems, field: str, values: object, *, max_len: int = 2000) -> list[str]:
    """A list of sentences (objectives): trimmed, blanks dropped, order and repeats kept."""
    if values is None:
        return []
    if isinstance(values, str) or not isinstance(values, Iterable):
        p.add(field, "must be a list of sentences")
        return []
    out: list[str] = []
    for value in values:
        before = len(p.items)
        line = text(p, field, value, max_len=max_len)
        if len(p.items) > before:
            return []
        if line:
            out.append(line)
    return out


def _fold(value: str) -> str:
    return " ".join(value.replace("-", " ").replace("_", " ").split()).casefold()


def choice(p: Problems, field: str, value: object, enum: type[E]) -> E | None:
    """The enum's member if the value is one of its spellings, else a problem listing them."""
    allowed = [m.value for m in enum]
    if isinstance(value, str) and value in allowed:
        return enum(value)
    if isinstance(value, str):
        # Forgive case, stray spaces and hyphens ("Video", "follow up", "in-person"); the
        # spelling stored is always the canonical one.
        folded = {_fold(a): a for a in allowed}
        hit = folded.get(_fold(value))
        if hit:
            return enum(hit)
    shown = repr(value) if isinstance(value, str) and value.strip() else "nothing"
    p.add(field, f"{shown} is not one of {', '.join(allowed)}")
    return None


def a_date(p: Problems, field: str, value: object, *, required: bool = False) -> date | None:
    if value is None:
        if required:
            p.add(field, "is required")
        return None
    if isinstance(value, datetime):
        return value.date()
    if not isinstance(value, date):
        p.add(field, "must be a date")
        return None
    return value


def not_before(
    p: Problems, field: str, later: date | None, earlier: date | None, what: str
) -> None:
    """``later`` must not fall before ``earlier`` (e.g. an end before the start)."""
    if later is not None and earlier is not None and later < earlier:
        p.add(field, f"cannot be before {what}, {format_date(earlier)}")


def whole_number(
    p: Problems,
    field: str,
    value: object,
    *,
    minimum: int | None = None,
    maximum: int | None = None,
    required: bool = True,
) -> int | None:
    if value is None:
        if required:
            p.add(field, "is required")
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        p.add(field, "must be a whole number")
        return None
    if minimum is not None and value < minimum:
        p.add(field, "must be more than 0" if minimum == 1 else f"must be at least {minimum}")
        return None
    if maximum is not None and value > maximum:
        p.add(field, f"must be at most {maximum}")
        return None
    return value


def hours(
    p: Problems, field: str, value: object, *, maximum: float, required: bool = True
) -> float | None:
    """A number of hours: more than 0, at most ``maximum``."""
    if value is None:
        if required:
            p.add(field, "is required")
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value):
        p.add(field, "must be a number of hours")
        return None
    if value <= 0:
        p.add(field, "must be more than 0")
        return None
    if value > maximum:
        p.add(field, f"must be at most {maximum:g}")
        return None
    return float(value)


def yes_no(p: Problems, field: str, value: object) -> bool:
    if isinstance(value, bool):
        return value
    if value is None:
        return False
    p.add(field, "must be yes or no")
    return False


@dataclass(frozen=True)
class CleanFile:
    filename: str
    media_type: str
    data: bytes


def sniff(data: bytes) -> str | None:
    """The media type the contents show (PDF, PNG or JPEG), or None."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if b"%PDF-" in data[:1024]:
        return "application/pdf"
    return None


def file(p: Problems, field: str, value: object) -> CleanFile | None:
    """A certificate or evidence file: a PDF, PNG or JPEG of at most 20 MB."""
    if value is None:
        return None
    if not isinstance(value, FileInput):
        p.add(field, "must be a file")
        return None
    name = value.filename if isinstance(value.filename, str) else ""
    name = posixpath.basename(name.replace("\\", "/")).strip()
    if not name or "\x00" in name or len(name) > 255:
        p.add(field, "the file needs a name (of at most 255 characters)")
        return None
    data = value.data
    if isinstance(data, bytearray | memoryview):
        data = bytes(data)
    if not isinstance(data, bytes) or not data:
        p.add(field, f"{name!r} is empty")
        return None
    if len(data) > MAX_FILE_BYTES:
        size = len(data) / (1024 * 1024)
        p.add(field, f"{name!r} is {size:.1f} MB; a file may be at most 20 MB")
        return None
    found = sniff(data)
    if found is None:
        p.add(field, f"{name!r} is not a PDF, PNG or JPEG file")
        return None
    if value.media_type:
        stated = str(value.media_type).strip().lower()
        stated = _MEDIA_ALIASES.get(stated, stated)
        if stated != found:
            label = dict(_SIGNATURES)[found]
            p.add(field, f"{name!r} is labelled {stated} but its contents are a {label}")
            return None
    return CleanFile(name, found, data)


# ---------------------------------------------------------------------------------------------
# Look-ups


def find_person(uow: UnitOfWork, email: object) -> Person | None:
    if not isinstance(email, str) or not email.strip():
        return None
    return uow.session.scalars(select(Person).where(Person.email == normalise_email(email))).first()


def person_or_404(uow: UnitOfWork, email: object) -> Person:
    """The person with this e-mail (case-insensitive), or NotFound naming it."""
    person = find_person(uow, email)
    if person is None:
        raise NotFound(f"No person has the e-mail {str(email).strip()!r}.")
    return person


def person_ref(p: Problems, field: str, uow: UnitOfWork, email: object) -> Person | None:
    """A person an input names by e-mail; a problem (raised as NotFound) if there is none."""
    if not isinstance(email, str) or not email.strip():
        p.add(field, "an e-mail address is required")
        return None
    person = find_person(uow, email)
    if person is None:
        p.missing(field, f"no person has the e-mail {email.strip()!r}")
    return person


def row_or_404(uow: UnitOfWork, model: type[M], id: object, what: str) -> M:
    """The record with this id, or NotFound naming it (``what`` is e.g. "session")."""
    row = uow.session.get(model, id) if isinstance(id, str) and id else None
    if row is None:
        raise NotFound(f"No {what} has the id {id!r}.")
    return row
