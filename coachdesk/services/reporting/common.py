"""Helpers the report-data modules share: periods, months, quarters and client labels."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from datetime import date

from coachdesk.domain.dates import format_date
from coachdesk.errors import UserError
from coachdesk.services.reporting.rows import RegistrationFacts

#: The days coachdesk works with (SPEC 5): a report's days outside them are refused.
EARLIEST_DAY, LATEST_DAY = date(1900, 1, 1), date(2099, 12, 31)
_DAY_NAMES = {"from": "first day", "to": "last day", "today": "day"}


def check_days(params: Mapping[str, object]) -> None:
    """Refuse a report whose ``from`` / ``to`` / ``today`` lies outside 1900-2099, naming it."""
    for key, what in _DAY_NAMES.items():
        day = params.get(key)
        if isinstance(day, date) and not EARLIEST_DAY <= day <= LATEST_DAY:
            raise UserError(
                f"The report's {what}, {day.day:02d}/{day.month:02d}/{day.year:04d}, is outside "
                "the days coachdesk works with, 1 Jan 1900 to 31 Dec 2099; choose a day "
                "between them."
            )


def check_period(date_from: date | None, date_to: date) -> None:
    if date_from is not None and date_from > date_to:
        raise UserError(
            f"The period starts on {format_date(date_from)}, after its end on "
            f"{format_date(date_to)}; choose a start on or before the end."
        )


def period_label(date_from: date | None, date_to: date) -> str:
    if date_from is None:
        return f"All records to {format_date(date_to)}"
    return f"{format_date(date_from)} – {format_date(date_to)}"


def month_start(d: date) -> date:
    return d.replace(day=1)


def initials(name: str) -> str:
    """``Łucja Żółć-Öztürk`` → ``ŁŻÖ``: the first letter of every part of the name."""
    parts = name.replace("-", " ").replace("'", " ").split()
    letters = "".join(p[0] for p in parts if p and p[0].isalpha())
    return letters.upper() or "?"


def client_labels(names: Mapping[str, str], *, full: bool) -> dict[str, str]:
    """A label for each client id: initials (numbered when two clients share them), or the name.

    ``names`` maps client id to full name in the order the labels should count in.
    """
    if full:
        return dict(names)
    out: dict[str, str] = {}
    seen: dict[str, int] = defaultdict(int)
    clashes: dict[str, int] = defaultdict(int)
    for name in names.values():
        clashes[initials(name)] += 1
    for client_id, name in names.items():
        base = initials(name)
        seen[base] += 1
        out[client_id] = f"{base}-{seen[base]}" if clashes[base] > 1 else base
    return out


def quarter_of(d: date) -> tuple[int, int]:
    return d.year, (d.month - 1) // 3 + 1


def quarters_between(first: date, last: date) -> list[tuple[int, int]]:
    out = []
    year, q = quarter_of(first)
    end = quarter_of(last)
    while (year, q) <= end:
        out.append((year, q))
        year, q = (year + 1, 1) if q == 4 else (year, q + 1)
    return out


def in_period(d: date, date_from: date | None, date_to: date) -> bool:
    return (date_from is None or d >= date_from) and d <= date_to


def registration_line(reg: RegistrationFacts) -> str:
    head = f"{reg.kind.capitalize()} ({reg.status})"
    bits = []
    if reg.accreditation:
        when = f", achieved {format_date(reg.accreditation_on)}" if reg.accreditation_on else ""
        bits.append(f"{reg.accreditation}{when}")
    if reg.training_on:
        bits.append(f"mentor training completed {format_date(reg.training_on)}")
    elif reg.experience:
        bits.append("relevant experience stated")
    if reg.hours_committed:
        bits.append(f"commits {reg.hours_committed:g} hours a year")
    if reg.pro_bono:
        bits.append("pro bono confirmed")
    bits.append("hours count for ICF as " + ("pro bono" if reg.icf_hours == "pro-bono" else "paid"))
    return f"{head}: {'; '.join(bits)}"
