"""Durations as a lead types them: "90 min", "1h30", "1:30", "1.5", "1,5 hours", "2 h 15"."""

from __future__ import annotations

import math
import re
from typing import Literal

Unit = Literal["hours", "minutes"]

_NUMBER = r"\d+(?:\.\d+)?"
_HOURS = r"h|hr|hrs|hour|hours"
_MINUTES = r"m|min|mins|minute|minutes"
#: "1:30" (hours and minutes).
_CLOCK = re.compile(r"^(\d{1,4}):([0-5]\d)$")
#: "1h30", "1 h 30 min", "1.5 hours", "2h", "1 hour 15 minutes".
_WITH_HOURS = re.compile(rf"^(?P<h>{_NUMBER})\s*(?:{_HOURS})\s*(?:(?P<m>\d+)\s*(?:{_MINUTES})?)?$")
#: "90 min", "45m", "30 minutes".
_WITH_MINUTES = re.compile(rf"^(?P<m>{_NUMBER})\s*(?:{_MINUTES})$")
_BARE = re.compile(rf"^{_NUMBER}$")
#: What a duration may hold while it is being typed (for fields that refuse other keys).
TYPING = re.compile(r"^[\d\s.,:hrmintueso]*$", re.IGNORECASE)
EXAMPLES = "1.5, 1:30, 1h30 or 90 min"


def minutes_in(text: str, bare: Unit) -> float | None:
    """The minutes ``text`` stands for; None when blank; ValueError when it is no duration.

    A number without a unit is in ``bare`` units, except that a number with a fraction in a
    minutes field ("1.5") is hours: nobody meets for one and a half minutes."""
    plain = " ".join(text.strip().lower().replace(",", ".").split())
    if not plain:
        return None
    clock = _CLOCK.match(plain)
    if clock:
        return int(clock.group(1)) * 60 + int(clock.group(2))
    found = _WITH_HOURS.match(plain)
    if found:
        extra = int(found.group("m")) if found.group("m") else 0
        if extra >= 60:
            raise ValueError(f"{text.strip()!r}: {extra} minutes is an hour or more")
        return float(found.group("h")) * 60 + extra
    found = _WITH_MINUTES.match(plain)
    if found:
        return float(found.group("m"))
    if _BARE.match(plain):
        value = float(plain)
        if bare == "hours" or not value.is_integer():
            return value * 60
        return value
    raise ValueError(f"{text.strip()!r} is not a length of time")


def parse_hours(text: str) -> float | None:
    """Hours from ``1.5``, ``1:30``, ``1h30``, ``90 min``; None if blank; ValueError if not."""
    minutes = minutes_in(text, "hours")
    return None if minutes is None else minutes / 60


def parse_minutes(text: str) -> int | None:
    """Whole minutes from ``90``, ``90 min``, ``1h30``, ``1:30``, ``1.5`` (hours)."""
    minutes = minutes_in(text, "minutes")
    if minutes is None:
        return None
    if not math.isfinite(minutes):
        raise ValueError(f"{text.strip()!r} is not a length of time")
    return round(minutes)


def spoken(minutes: int) -> str:
    """``90`` → ``1 h 30 min``; ``45`` → ``45 min``; ``120`` → ``2 h``."""
    hours, rest = divmod(int(minutes), 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h {rest} min" if rest else f"{hours} h"
