"""Checks and normalisers shared by forms, services and imports: e-mails, bands, UUIDs."""

from __future__ import annotations

import re
import uuid

from coachdesk.domain.enums import Band

# Deliberately practical: one @, a dotted domain, no spaces. RFC 5322 allows more, NHS mail does not.
_EMAIL = re.compile(
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$"
)
_BAND_WORDS = re.compile(r"^(?:afc\s*)?(?:agenda\s+for\s+change\s*)?(?:band\s*)?", re.IGNORECASE)
_BANDS = {b.value.lower(): b.value for b in Band}


def normalise_email(value: str) -> str:
    """Trimmed and lower-cased: e-mails are compared case-insensitively and stored lower-case."""
    return value.strip().lower()


def email_problem(value: object) -> str | None:
    """Why ``value`` is not a usable e-mail address, or None."""
    if not isinstance(value, str) or not value.strip():
        return "an e-mail address is required"
    email = normalise_email(value)
    if len(email) > 254 or not _EMAIL.match(email) or ".." in email:
        return f"{value.strip()!r} is not a valid e-mail address"
    return None


def normalise_band(value: object) -> str | None:
    """``Band 8a``, ``8A``, ``AfC band 6`` -> ``8a``/``6``; None when not a known band."""
    if value is None:
        return None
    text = str(value).strip()
    if isinstance(value, float) and value.is_integer():
        text = str(int(value))
    text = _BAND_WORDS.sub("", text).strip()
    return _BANDS.get(text.lower())


def is_uuid(value: object) -> bool:
    """True for a UUID string in its usual hyphenated form."""
    if not isinstance(value, str) or len(value) != 36:
        return False
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True
