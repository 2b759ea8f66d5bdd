"""Messy cell values made clean: names, e-mails, bands, UK/ISO/Excel dates, yes/no, roles."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import TypeAlias

from coachdesk.domain.clock import SYSTEM
from coachdesk.domain.dates import EARLIEST_DATE, LATEST_DATE
from coachdesk.domain.enums import IcfHours, RegistrationStatus
from coachdesk.domain.validation import email_problem, normalise_band, normalise_email
from coachdesk.services.spreadsheet import columns as c

#: A cell made clean: what each kind of field's parser gives (None, for a blank cell, aside).
CleanValue: TypeAlias = (
    str | bool | int | float | date | frozenset[str] | dict[str, str] | tuple[str, ...]
)
#: A parser of one kind of cell: clean value or None (blank), else Reject.
Parser: TypeAlias = Callable[[object], CleanValue | None]

EXCEL_EPOCH = date(1899, 12, 30)
#: Dates are accepted from MIN_YEAR to MAX_YEAR (the range of every import, domain/dates.py);
#: Excel serial numbers from 1930 only.
MIN_YEAR, MAX_YEAR, FIRST_SERIAL_YEAR = EARLIEST_DATE.year, LATEST_DATE.year, 1930

PRACTITIONER_ROLES = ("coach", "mentor")
CLIENT_ROLES = ("coachee", "mentee")
_ROLE_WORDS = {
    "coach": "coach",
    "coaches": "coach",
    "mentor": "mentor",
    "mentors": "mentor",
    "coachee": "coachee",
    "coachees": "coachee",
    "mentee": "mentee",
    "mentees": "mentee",
}
_YES = {"y", "yes", "true", "1", "x", "✓", "✔", "t", "ja", "oui"}
_NO = {"n", "no", "false", "0", "f", "-", "none", "non", "nee"}
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        1,
    )
    for name in names
}
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)
_INJECTION_GUARD = re.compile(r"^'(?=[=+\-@\t\r])")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[t ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?z?)?$")
_NUMERIC = re.compile(
    r"^(\d{1,2})[/.\-\s](\d{1,2})[/.\-\s](\d{4}|\d{2})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$"
)
_WORDY = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?[\s\-/.]*([a-z]+)\.?,?[\s\-/.]*(\d{4}|\d{2})$")
_MONTH_FIRST = re.compile(r"^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$")
_SERIAL = re.compile(r"^\d{4,5}(?:\.\d+)?$")
_SPLIT = re.compile(r"\s*(?:[;,/&+\n]|\band\b)\s*", re.IGNORECASE)
_TAG_SPLIT = re.compile(r"\s*[;\n|]\s*|\s*,\s*")


class Reject(ValueError):
    """A cell that cannot be stored, with the reason a lead can act on."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def shown(value: object) -> str:
    """A cell as the lead would see it, quoted, for messages."""
    if isinstance(value, datetime):
        text = value.date().isoformat() if value.time() == time() else value.isoformat(sep=" ")
    elif isinstance(value, float) and value.is_integer():
        text = str(int(value))
    else:
        text = " ".join(str(value).split())
    if len(text) > 40:
        text = text[:37] + "…"
    return repr(text)


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not clean_text(value))


def clean_text(value: object) -> str:
    """Text with stray spaces, invisible characters and an apostrophe guard taken off."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date() if value.time() == time() else value
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).translate(_INVISIBLE).replace("\xa0", " ").strip()
    return _INJECTION_GUARD.sub("", text)


def text(value: object, max_len: int) -> str | None:
    out = clean_text(value)
    if not out:
        return None
    if "\x00" in out:
        raise Reject("contains a character that cannot be stored (NUL)")
    if len(out) > max_len:
        raise Reject(f"is longer than {max_len:,} characters")
    return out


def name(value: object, max_len: int = 200) -> str | None:
    out = text(value, max_len)
    return " ".join(out.split()) if out else None


def email(value: object) -> str | None:
    out = clean_text(value)
    if not out:
        return None
    out = out.removeprefix("mailto:").removeprefix("MAILTO:").strip().strip("<>").strip()
    why = email_problem(out)
    if why:
        raise Reject(f"{shown(out)} is not a valid e-mail address")
    return normalise_email(out)


def band(value: object) -> str | None:
    if is_blank(value):
        return None
    if isinstance(value, float | int) and not isinstance(value, bool):
        found = normalise_band(value)
    else:
        raw = clean_text(value)
        # "Band 8 A", "band8a", "AfC Band 6." — the domain normaliser handles the words.
        squeezed = re.sub(r"(\d)\s+([a-dA-D])\b", r"\1\2", raw).rstrip(".")
        found = normalise_band(squeezed)
    if found is None:
        raise Reject(f"{shown(value)} is not an Agenda for Change band (1-9, 8a-8d, VSM, Other)")
    return found


def _year(text: str, this_year: int) -> int:
    """A written year; two digits are the year up to ten years after ``this_year``."""
    year = int(text)
    if len(text) == 2:
        year += 2000
        if year > this_year + 10:
            year -= 100
    return year


def _this_year(today: date | None) -> int:
    return (today or SYSTEM.today()).year


def _checked(year: int, month: int, day: int, value: object) -> date:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise Reject(f"{shown(value)} is not a date between {MIN_YEAR} and {MAX_YEAR}")
    try:
        return date(year, month, day)
    except ValueError:
        raise Reject(f"{shown(value)} is not a date (day/month/year)") from None


def from_serial(serial: float, epoch: date = EXCEL_EPOCH, value: object = None) -> date:
    """An Excel serial day number as a date (the 1900 or 1904 system), from 1930 to 2099:
    a bare 2024 is a year or a count, not 16 July 1905."""
    what = shown(value if value is not None else serial)
    if math.isnan(serial) or not 0 < serial < 100_000:
        raise Reject(f"{what} is not a date")
    day = epoch + timedelta(days=int(serial))
    if day.year > MAX_YEAR:
        raise Reject(f"{what} is not a date between {MIN_YEAR} and {MAX_YEAR} (as a date: {day})")
    if day.year < FIRST_SERIAL_YEAR:
        raise Reject(f"{what} is not a date")
    return day


def a_date(value: object, epoch: date = EXCEL_EPOCH, today: date | None = None) -> date | None:
    """UK day-first (``3/4/2024``, ``03.04.24``, ``3 Apr 2024``), ISO (``2024-04-03``), Excel
    serial numbers and date cells; anything else is refused rather than guessed. ``today``
    (the system clock's when not given) places two-digit years."""
    if is_blank(value):
        return None
    if isinstance(value, datetime):
        return _checked(value.year, value.month, value.day, value)
    if isinstance(value, date):
        return _checked(value.year, value.month, value.day, value)
    if isinstance(value, bool):
        raise Reject(f"{shown(value)} is not a date")
    if isinstance(value, int | float):
        return from_serial(float(value), epoch, value)
    if isinstance(value, time | timedelta):
        raise Reject(f"{shown(value)} is a time, not a date")
    raw = clean_text(value).lower()
    if m := _ISO.match(raw):
        return _checked(int(m[1]), int(m[2]), int(m[3]), value)
    if m := _NUMERIC.match(raw):
        return _checked(_year(m[3], _this_year(today)), int(m[2]), int(m[1]), value)
    if (m := _WORDY.match(raw)) and m[2] in _MONTHS:
        return _checked(_year(m[3], _this_year(today)), _MONTHS[m[2]], int(m[1]), value)
    if (m := _MONTH_FIRST.match(raw)) and m[1] in _MONTHS:
        return _checked(int(m[3]), _MONTHS[m[1]], int(m[2]), value)
    if _SERIAL.match(raw):
        return from_serial(float(raw), EXCEL_EPOCH, value)
    raise Reject(f"{shown(value)} is not a date (write it as 31/12/2024 or 2024-12-31)")


def yes_no(value: object) -> bool | None:
    if is_blank(value):
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        if value in (0, 1):
            return bool(value)
        raise Reject(f"{shown(value)} is not yes or no")
    word = clean_text(value).casefold().rstrip(".")
    if word in _YES:
        return True
    if word in _NO:
        return False
    raise Reject(f"{shown(value)} is not yes or no (Y/N, Yes/No, TRUE/FALSE, 1/0)")


#: ``coach (active)``: a role with its registration's status, as workbooks exported before the
#: register's own status columns wrote the Roles column.
_ROLE_WITH_STATUS = re.compile(r"^(coach|mentor)\s*\(\s*([a-z]+)\s*\)$")


def _role_and_status(key: str) -> tuple[str, str | None]:
    """A folded Roles word and the status it carries in brackets, if it is a known one."""
    m = _ROLE_WITH_STATUS.match(key)
    if m and m[2] in {s.value for s in RegistrationStatus}:
        return m[1], m[2]
    return key, None


def roles(value: object) -> frozenset[str] | None:
    if is_blank(value):
        return None
    found: set[str] = set()
    for word in _SPLIT.split(clean_text(value)):
        key, _status = _role_and_status(word.strip().casefold())
        if not key:
            continue
        role = _ROLE_WORDS.get(key)
        if role is None:
            raise Reject(f"{shown(word)} is not a role (use coach, mentor, coachee or mentee)")
        found.add(role)
    return frozenset(found) or None


def role_statuses(value: object) -> dict[str, str]:
    """The statuses a Roles cell gives in brackets (``coach (active), mentor (paused)``)."""
    out: dict[str, str] = {}
    for word in _SPLIT.split(clean_text(value)):
        role, status = _role_and_status(word.strip().casefold())
        if status:
            out[role] = status
    return out


def status(value: object) -> dict[str, str] | None:
    """``active`` for every registration, or per kind: ``coach: active; mentor: paused``."""
    if is_blank(value):
        return None
    allowed = [s.value for s in RegistrationStatus]
    out: dict[str, str] = {}
    for part in re.split(r"\s*[;,]\s*", clean_text(value)):
        if not part:
            continue
        kind, sep, word = part.rpartition(":")
        kind = kind.strip().casefold() if sep else "*"
        word = word.strip().casefold()
        if kind not in ("*", *PRACTITIONER_ROLES):
            raise Reject(f"{shown(part)}: {kind!r} is not coach or mentor")
        if word not in allowed:
            raise Reject(f"{shown(word)} is not a registration status ({', '.join(allowed)})")
        out[kind] = word
    return out or None


def one_status(value: object) -> str | None:
    """One registration's status (the ``Coach status`` / ``Mentor status`` columns)."""
    if is_blank(value):
        return None
    allowed = [s.value for s in RegistrationStatus]
    word = clean_text(value).casefold()
    if word not in allowed:
        raise Reject(f"{shown(value)} is not a registration status ({', '.join(allowed)})")
    return word


def tags(value: object, max_len: int = 200) -> tuple[str, ...] | None:
    raw = clean_text(value)
    if not raw:
        return None
    seen: set[str] = set()
    out: list[str] = []
    for part in _TAG_SPLIT.split(raw):
        tag = " ".join(part.split())
        if not tag or tag.casefold() in seen:
            continue
        if len(tag) > max_len:
            raise Reject(f"{shown(tag)} is longer than {max_len} characters")
        seen.add(tag.casefold())
        out.append(tag)
    return tuple(out) or None


def _number(value: object) -> float:
    if isinstance(value, bool):
        raise Reject(f"{shown(value)} is not a number")
    if isinstance(value, int | float):
        number = float(value)
    else:
        try:
            number = float(clean_text(value).replace(",", ""))
        except ValueError:
            raise Reject(f"{shown(value)} is not a number") from None
    if math.isnan(number) or math.isinf(number):
        raise Reject(f"{shown(value)} is not a number")
    return number


def capacity(value: object) -> int | None:
    if is_blank(value):
        return None
    number = _number(value)
    if not number.is_integer() or not 0 <= number <= 100:
        raise Reject(f"{shown(value)} is not a number of clients from 0 to 100")
    return int(number)


def hours(value: object) -> float | None:
    if is_blank(value):
        return None
    number = _number(value)
    if not 0 <= number <= 2000:
        raise Reject(f"{shown(value)} is not a number of hours a year from 0 to 2000")
    return number


#: The words a cell may give for how a registration's hours count for ICF (the export writes
#: ``paid`` / ``pro bono``; the registration form's longer wording is taken too).
_ICF_WORDS = {"paid": IcfHours.PAID.value, "probono": IcfHours.PRO_BONO.value}


def icf_hours(value: object) -> str | None:
    """``paid`` or ``pro bono`` (any case, hyphen or space; a bracketed aside is ignored)."""
    if is_blank(value):
        return None
    word = re.sub(r"\(.*\)", "", clean_text(value)).casefold()
    found = _ICF_WORDS.get(re.sub(r"[^a-z]", "", word))
    if found is None:
        raise Reject(f"{shown(value)} is not how hours count for ICF (paid or pro bono)")
    return found


def _equality(dimension: str) -> Parser:
    from coachdesk.domain.equality import normalise

    def parse(value: object) -> str | None:
        try:
            return normalise(dimension, clean_text(value) if isinstance(value, str) else value)
        except ValueError as exc:
            raise Reject(str(exc)) from None

    return parse


def parser_for(field: c.Field, epoch: date, today: date) -> Parser:
    """The function turning one cell of ``field`` into its stored value (None when blank);
    ``epoch`` is the workbook's serial-date origin, ``today`` places two-digit years."""
    kind = field.kind
    if kind == c.TEXT:
        return lambda v: text(v, field.max_len)
    if kind == c.NAME:
        return lambda v: name(v, field.max_len)
    if kind == c.DATE:
        return lambda v: a_date(v, epoch, today)
    if kind in (c.ETHNIC, c.SEX, c.DISABILITY):
        return _equality({c.ETHNIC: "ethnicity", c.SEX: "sex", c.DISABILITY: "disability"}[kind])
    simple: dict[str, Parser] = {
        c.EMAIL: email,
        c.BAND: band,
        c.YES_NO: yes_no,
        c.ROLES: roles,
        c.STATUS: status,
        c.ONE_STATUS: one_status,
        c.TAGS: tags,
        c.CAPACITY: capacity,
        c.HOURS: hours,
        c.ICF: icf_hours,
    }
    return simple[kind]
