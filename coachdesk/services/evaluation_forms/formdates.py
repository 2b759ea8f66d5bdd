"""The date a person writes on a form: day-first (23/11/2026, 23 Nov 2026) or ISO (2026-11-23)."""

from __future__ import annotations

import re
from datetime import date

from coachdesk.domain.dates import date_range_problem

_MONTHS = {
    name: n
    for n, names in enumerate(
        (
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}  # fmt: skip
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_NUMERIC = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2}|\d{4})$")
_WORDS = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+(\d{4})$")


def parse_form_date(text: str) -> date:
    """The date ``text`` names; ValueError with the reason when it names none (or one outside
    the range every import accepts, domain/dates.py). Two-digit years are this century's."""
    words = " ".join(text.split())
    if match := _ISO.match(words):
        year, month, day = (int(g) for g in match.groups())
    elif match := _NUMERIC.match(words):
        day, month, year = (int(g) for g in match.groups())
        if len(match.group(3)) == 2:
            year += 2000
    elif match := _WORDS.match(words):
        day, year = int(match.group(1)), int(match.group(3))
        month = _MONTHS.get(match.group(2).casefold(), 0)
        if not month:
            raise ValueError(f"{text!r} is not a date ({match.group(2)!r} is not a month)")
    else:
        raise ValueError(f"{text!r} is not a date written as day/month/year")
    try:
        found = date(year, month, day)
    except ValueError:
        raise ValueError(f"{text!r} is not a date on the calendar") from None
    if problem := date_range_problem(found):  # a form dated outside it is mistyped
        raise ValueError(f"{text!r}: {problem}")
    return found
