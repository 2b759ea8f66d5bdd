"""Checkers for the exchange format: each returns the canonical value or raises Bad."""

from __future__ import annotations

import base64
import binascii
import math
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Generic, Literal, TypeVar, cast, overload

from coachdesk.domain.dates import date_range_problem
from coachdesk.domain.hub_facts import RULES
from coachdesk.domain.validation import email_problem, is_uuid, normalise_email
from coachdesk.services.exchange.types import Answer, JsonValue, ReminderAlert

#: A checker: a value as parsed from JSON in, its canonical value out (or Bad).
Check = Callable[[object], object]

#: The record type a Spec's fields make up (a TypedDict of services.exchange.types).
R = TypeVar("R", bound=Mapping[str, object])

#: Whole numbers must fit comfortably in a database INTEGER.
MAX_WHOLE = 1_000_000
#: JSON nesting allowed inside free-form values (answers, template items).
MAX_DEPTH = 20

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class Bad(Exception):
    """A bad value; ``parts`` is its path (keys and list indexes), filled in on the way out."""

    def __init__(self, reason: str, *parts: str | int) -> None:
        super().__init__(reason)
        self.reason = reason
        self.parts: list[str | int] = list(parts)

    def at(self, part: str | int) -> Bad:
        self.parts.insert(0, part)
        return self

    @property
    def path(self) -> str:
        out = ""
        for part in self.parts:
            out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
        return out or "bundle"


def _clean_text(value: str) -> str:
    """``value`` when it is storable text (no NUL, no lone surrogates), else Bad."""
    if "\x00" in value:
        raise Bad("must not contain NUL characters")
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise Bad("is not valid Unicode text") from None
    return value


@overload
def text(
    limit: int | None = None, *, nullable: Literal[False] = False, blank: bool = True
) -> Callable[[object], str]: ...
@overload
def text(
    limit: int | None = None, *, nullable: bool, blank: bool = True
) -> Callable[[object], str | None]: ...
def text(
    limit: int | None = None, *, nullable: bool = False, blank: bool = True
) -> Callable[[object], str | None]:
    """Text; null means "" unless ``nullable`` (then null stays null)."""

    def check(value: object) -> str | None:
        if value is None:
            if nullable:
                return None
            if blank:
                return ""
        if not isinstance(value, str):
            raise Bad("must be text")
        if not blank and not value.strip():
            raise Bad("must not be blank")
        if limit is not None and len(value) > limit:
            raise Bad(f"is longer than {limit} characters")
        return _clean_text(value)

    return check


@lru_cache(maxsize=65536)
def _email(value: str) -> tuple[str, str | None]:
    """(normalised address, problem or None); bundles name the same people many times."""
    return normalise_email(value), email_problem(value)


def email(*, blank: bool = False) -> Callable[[object], str]:
    """An e-mail address, trimmed and lower-cased; ``blank`` allows "" (and null as "")."""

    def check(value: object) -> str:
        if type(value) is not str:
            if blank and value is None:
                return ""
            raise Bad(email_problem(value) or "an e-mail address is required")
        if blank and not value.strip():
            return ""
        address, why = _email(value)
        if why:
            raise Bad(why)
        return address

    return check


def iso_date(*, nullable: bool = True) -> Check:
    """An ISO date ``YYYY-MM-DD`` from 1900-01-01 to 2099-12-31, kept as that string."""

    def check(value: object) -> str | None:
        if value is None and nullable:
            return None
        if not isinstance(value, str) or not _DATE.match(value):
            raise Bad("not a date")
        try:
            day = date.fromisoformat(value)
        except ValueError:
            raise Bad("not a date") from None
        why = date_range_problem(day)
        if why:
            raise Bad(why)
        return value

    return check


def parse_timestamp(value: str) -> datetime:
    """An ISO 8601 date and time as an aware UTC datetime (no offset means UTC)."""
    stamp = datetime.fromisoformat(value)
    if stamp.tzinfo is None:
        return stamp.replace(tzinfo=UTC)
    return stamp.astimezone(UTC)


def format_timestamp(stamp: datetime) -> str:
    """A datetime as ``YYYY-MM-DDTHH:MM:SS.ffffffZ`` (UTC; a naive value is taken as UTC)."""
    if stamp.tzinfo is not None:
        offset = stamp.utcoffset()
        stamp = (stamp - offset if offset else stamp).replace(tzinfo=None)
    return stamp.isoformat(timespec="microseconds") + "Z"


def timestamp(value: object) -> str | None:
    """An ISO 8601 date and time, returned in the canonical UTC spelling; null allowed."""
    if value is None:
        return None
    if not isinstance(value, str) or len(value) > 40:
        raise Bad("not a date and time (ISO 8601, e.g. 2026-11-01T09:30:00Z)")
    try:
        stamp = parse_timestamp(value)
    except (ValueError, OverflowError):
        raise Bad("not a date and time (ISO 8601, e.g. 2026-11-01T09:30:00Z)") from None
    why = date_range_problem(stamp.date())
    if why:
        raise Bad(why)
    return format_timestamp(stamp)


def boolean(value: object) -> bool:
    if value is None:
        return False
    if not isinstance(value, bool):
        raise Bad("must be true or false")
    return value


@overload
def whole(
    minimum: int = 0,
    maximum: int = MAX_WHOLE,
    *,
    nullable: Literal[False] = False,
    default: int | None = None,
) -> Callable[[object], int]: ...
@overload
def whole(
    minimum: int = 0,
    maximum: int = MAX_WHOLE,
    *,
    nullable: bool,
    default: int | None = None,
) -> Callable[[object], int | None]: ...
def whole(
    minimum: int = 0,
    maximum: int = MAX_WHOLE,
    *,
    nullable: bool = False,
    default: int | None = None,
) -> Callable[[object], int | None]:
    """A whole number in [minimum, maximum]; 60.0 counts as 60."""

    def check(value: object) -> int | None:
        if value is None:
            if nullable:
                return None
            if default is not None:
                return default
        if isinstance(value, float) and math.isfinite(value) and value.is_integer():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            raise Bad("must be a whole number")
        if value < minimum:
            raise Bad(
                "must be a whole number greater than 0"
                if minimum == 1
                else f"must be at least {minimum}"
            )
        if value > maximum:
            raise Bad(f"must be at most {maximum}")
        return value

    return check


def positive(*, nullable: bool = False, maximum: float = 1e6) -> Check:
    """A number greater than 0 (hours), as a float."""

    def check(value: object) -> float | None:
        if value is None and nullable:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise Bad("must be a number greater than 0")
        if value != value or value <= 0:  # NaN, zero, negative
            raise Bad("must be a number greater than 0")
        if value > maximum:  # also infinity and huge whole numbers
            raise Bad(f"must be at most {maximum:g}")
        return float(value)

    return check


@overload
def choice(
    allowed: Iterable[str], *, nullable: Literal[False] = False, default: str | None = None
) -> Callable[[object], str]: ...
@overload
def choice(
    allowed: Iterable[str], *, nullable: bool, default: str | None = None
) -> Callable[[object], str | None]: ...
def choice(
    allowed: Iterable[str], *, nullable: bool = False, default: str | None = None
) -> Callable[[object], str | None]:
    """One of ``allowed``, spelled exactly."""
    options = tuple(allowed)
    accepted = frozenset(options)
    spelled = ", ".join(f'"{o}"' for o in options)

    def check(value: object) -> str | None:
        if value is None:
            if nullable:
                return None
            if default is not None:
                return default
        if not isinstance(value, str) or value not in accepted:
            shown = repr(value) if isinstance(value, str) else "this value"
            raise Bad(f"{shown[:80]} is not one of {spelled}")
        return value

    return check


def uuid(*, nullable: bool = False) -> Check:
    def check(value: object) -> str | None:
        if value is None and nullable:
            return None
        if not isinstance(value, str) or not is_uuid(value):
            shown = repr(value)[:60] if isinstance(value, str) else "this value"
            raise Bad(f"{shown} is not an id (a UUID string)")
        return value.lower()

    return check


def text_list(limit: int = 500, *, choices: Iterable[str] | None = None) -> Check:
    """A list of texts (null means an empty list); ``choices`` restricts the spellings."""
    item = choice(choices) if choices is not None else text(limit)

    def check(value: object) -> list[str]:
        if value is None:
            return []
        if not isinstance(value, list):
            raise Bad("must be a list")
        out: list[str] = []
        for index, entry in enumerate(value):
            if choices is None and not isinstance(entry, str):
                raise Bad("must be text", index)
            try:
                out.append(item(entry))
            except Bad as bad:
                raise bad.at(index) from None
        return out

    return check


def json_value(value: object, depth: int = 0) -> JsonValue:
    """Any JSON value that the database can store: finite numbers, clean text, bounded depth."""
    if value is None or isinstance(value, bool | int | str):
        if isinstance(value, str):
            _clean_text(value)
        elif isinstance(value, int) and not isinstance(value, bool) and abs(value) > 2**53:
            raise Bad("is too large a number")
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise Bad("must be a finite number")
        return value
    if depth >= MAX_DEPTH:
        raise Bad("is nested too deeply")
    if isinstance(value, list):
        out_list: list[JsonValue] = []
        for index, entry in enumerate(value):
            try:
                out_list.append(json_value(entry, depth + 1))
            except Bad as bad:
                raise bad.at(index) from None
        return out_list
    if isinstance(value, dict):
        out_dict: dict[str, JsonValue] = {}
        for key, entry in value.items():
            if not isinstance(key, str):
                raise Bad("keys must be text")
            try:
                _clean_text(key)
                out_dict[key] = json_value(entry, depth + 1)
            except Bad as bad:
                raise bad.at(key) from None
        return out_dict
    raise Bad("is not a JSON value")


def base64_data(value: object) -> str:
    """Base64 text (line breaks allowed), returned in the canonical unbroken spelling."""
    if not isinstance(value, str):
        raise Bad("must be base64 text")
    compact = "".join(value.split())
    if not compact:
        raise Bad("is empty (no file data)")
    try:
        raw = base64.b64decode(compact, validate=True)
    except (binascii.Error, ValueError):
        raise Bad("not valid base64") from None
    return base64.b64encode(raw).decode("ascii")


@dataclass(frozen=True)
class Spec(Generic[R]):
    """A record's fields in export order, which of them are required, and a final check.

    ``R`` is the record type the fields make up; a test checks each Spec's fields against
    its type's keys, which is what lets ``validate`` return one."""

    fields: dict[str, Check]
    required: frozenset[str]
    finish: Callable[[R], None] | None = None

    def validate(self, value: object) -> R:
        if not isinstance(value, dict):
            raise Bad("must be an object")
        out: dict[str, object] = {}
        fields = self.fields
        for key, item in value.items():
            check = fields.get(key)
            if check is None:
                continue  # unknown fields are tolerated (and dropped)
            try:
                out[key] = check(item)
            except Bad as bad:
                raise bad.at(key) from None
        if len(out) < len(fields):
            for key, check in fields.items():
                if key not in out:
                    if key in self.required:
                        raise Bad("is required", key)
                    out[key] = check(None)
        record = cast(R, out)  # every field of R checked above (and nothing else kept)
        if self.finish is not None:
            self.finish(record)
        return record


def stage_texts(value: object) -> dict[str, str]:
    """Evidence per Hawkins stage: an object with keys "1".."5" and text values (null: {})."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise Bad('must be an object ("1": text, ... "5": text)')
    out: dict[str, str] = {}
    for key, item in value.items():
        if key not in ("1", "2", "3", "4", "5"):
            raise Bad(f"{str(key)[:20]!r} is not a stage (1 to 5)")
        try:
            out[key] = text(4000)(item)
        except Bad as bad:
            raise bad.at(key) from None
    return out


def nullable_object(spec: Spec[R]) -> Callable[[object], R | None]:
    """A nested object that may be null (attachments, the eligibility override)."""

    def check(value: object) -> R | None:
        return None if value is None else spec.validate(value)

    return check


def scale(value: object) -> list[int]:
    if value is None:
        return [1, 5]
    if not isinstance(value, list) or len(value) != 2:
        raise Bad("must be a list of two whole numbers [lowest, highest]")
    low = whole(-1000, 1000)
    try:
        lowest = low(value[0])
    except Bad as bad:
        raise bad.at(0) from None
    try:
        highest = low(value[1])
    except Bad as bad:
        raise bad.at(1) from None
    if lowest >= highest:
        raise Bad("the lowest point must be below the highest")
    return [lowest, highest]


_ITEM: Spec[dict[str, str]] = Spec(
    {"key": text(100, blank=False), "text": text(2000)}, frozenset({"key", "text"})
)


def items(value: object) -> list[dict[str, JsonValue]]:
    """Questionnaire items: key and text, any extra fields kept as they are."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise Bad("must be a list")
    out: list[dict[str, JsonValue]] = []
    seen: set[str] = set()
    for index, raw in enumerate(value):
        try:
            item = _ITEM.validate(raw)
            extra = {k: json_value(v) for k, v in raw.items() if k not in item}
        except Bad as bad:
            raise bad.at(index) from None
        if item["key"] in seen:
            raise Bad(f"{item['key']!r} appears twice in this template", index, "key")
        seen.add(item["key"])
        out.append({**item, **extra})
    return out


def answers(value: object) -> dict[str, Answer]:
    """Answers by item key: a number, a text or null (not answered)."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise Bad("must be an object (item key: answer)")
    out: dict[str, Answer] = {}
    for key, answer in value.items():
        try:
            if type(key) is not str or len(key) > 100:
                raise Bad("item keys are texts of at most 100 characters")
            _clean_text(key)
            kind = type(answer)
            if kind is str:
                _clean_text(answer)
            elif kind is int:
                if abs(answer) > 2**53:
                    raise Bad("is too large a number")
            elif kind is float:
                if not math.isfinite(answer):
                    raise Bad("must be a finite number")
            elif answer is not None:
                raise Bad("must be a number, a text or null")
            out[key] = answer
        except Bad as bad:
            raise bad.at(key) from None
    return out


def ratings(value: object) -> list[float | int | None]:
    """Objective attainment ratings, 0-10 each (null: not rated)."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise Bad("must be a list")
    out: list[float | int | None] = []
    for index, rating in enumerate(value):
        if rating is None:
            out.append(None)
            continue
        if (
            isinstance(rating, bool)
            or not isinstance(rating, int | float)
            or not 0 <= rating <= 10  # NaN fails this too
        ):
            raise Bad("must be a number from 0 to 10", index)
        out.append(rating)
    return out


_REMINDER_ALERT: Spec[ReminderAlert] = Spec(
    {"rule": choice(RULES), "subject": uuid(nullable=True)}, frozenset({"rule"})
)


def reminder_alerts(value: object) -> list[ReminderAlert]:
    """The alerts a reminder listed: each a rule id and its subject's id (null: the person)."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise Bad("must be a list")
    out: list[ReminderAlert] = []
    for index, raw in enumerate(value):
        try:
            out.append(_REMINDER_ALERT.validate(raw))
        except Bad as bad:
            raise bad.at(index) from None
    return out
