"""A practitioner's last 12 months against EMCC's expectations, in sentences (no Qt here)."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from coachdesk.domain.dates import add_months, format_date

#: EMCC's expectations (SPEC 6): CPD hours a year; practice hours per hour of supervision.
CPD_EXPECTED_HOURS = 16
PRACTICE_PER_SUPERVISION_HOUR = 35
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def num(value: float) -> str:
    """1 decimal place at most: 14.5, 16, 0.3."""
    return f"{round(value, 1):g}"


@dataclass(frozen=True)
class Quarter:
    """A calendar quarter (the first and last may be cut by the 12 months)."""

    first: date
    last: date
    sessions: int
    hours: float

    @property
    def label(self) -> str:
        first, last = _MONTHS[self.first.month - 1], _MONTHS[self.last.month - 1]
        return f"{first}–{last} {self.last.year}" if first != last else f"{first} {self.last.year}"


@dataclass(frozen=True)
class Totals:
    """The 12 months up to ``end``: CPD, supervision by quarter, practice hours."""

    start: date
    end: date
    cpd_hours: float
    cpd_records: int
    supervision_sessions: int
    supervision_hours: float
    quarters: tuple[Quarter, ...]  # calendar quarters, oldest first
    practice_minutes: int
    practice_sessions: int
    #: The earliest registration as a practitioner (None: not known); nothing is owed before it.
    registered_on: date | None = None

    @property
    def counted_from(self) -> date:
        """The first day of the 12 months that counts: the registration, if it is later."""
        if self.registered_on is not None and self.registered_on > self.start:
            return self.registered_on
        return self.start

    @property
    def first_year(self) -> bool:
        """Registered less than 12 months ago: the year's 16 h of CPD are not owed yet."""
        return self.counted_from > self.start

    @property
    def practice_hours(self) -> float:
        return self.practice_minutes / 60

    @property
    def period(self) -> str:
        return f"{format_date(self.start)} – {format_date(self.end)}"

    @property
    def cpd_met(self) -> bool:
        """Nothing short: 16 h in the 12 months, or the first 12 months not yet over."""
        return self.cpd_hours >= CPD_EXPECTED_HOURS or self.first_year

    @property
    def quarters_without(self) -> int:
        """Whole calendar quarters inside the 12 months, and since the registration, with no
        supervision (a quarter that began before the registration is not whole)."""
        return sum(1 for q in self.quarters if q.sessions == 0 and _whole(q))

    @property
    def supervision_met(self) -> bool:
        """No whole quarter without supervision, and some supervision once a quarter is due."""
        due = any(_whole(q) for q in self.quarters)
        return self.quarters_without == 0 and (self.supervision_sessions > 0 or not due)

    @property
    def supervision_needed(self) -> float:
        """Supervision hours the 1 : 35 ratio asks for, given the practice hours."""
        return self.practice_hours / PRACTICE_PER_SUPERVISION_HOUR

    @property
    def ratio_met(self) -> bool:
        return self.supervision_hours + 1e-9 >= self.supervision_needed


def _whole(q: Quarter) -> bool:
    return q.first == _quarter_start(q.first) and q.last == add_months(q.first, 3) - timedelta(1)


def _quarter_start(d: date) -> date:
    return date(d.year, 3 * ((d.month - 1) // 3) + 1, 1)


def twelve_months(
    today: date,
    cpd: Iterable[tuple[date, float]],
    supervision: Iterable[tuple[date, float]],
    practice: Iterable[tuple[date, int]],
    registered_on: date | None = None,
) -> Totals:
    """Totals over the 12 months ending ``today`` (from today − 12 months + 1 day).

    ``cpd`` and ``supervision`` are (date, hours); ``practice`` is (date, minutes) of held
    sessions where the person was the practitioner. Records after today do not count.
    ``registered_on`` (the earliest practitioner registration) cuts the quarters: none before
    it is shown or counted as without supervision, and CPD is not short in the first year.
    """
    start = add_months(today, -12) + timedelta(days=1)

    def inside(d: date) -> bool:
        return start <= d <= today

    cpd_in = [h for d, h in cpd if inside(d)]
    sup_in = [(d, h) for d, h in supervision if inside(d)]
    practice_in = [m for d, m in practice if inside(d)]
    quarters = []
    first = _quarter_start(start)
    begin = max(start, registered_on) if registered_on is not None else start
    while first <= today:
        nxt = add_months(first, 3)
        lo, hi = max(first, begin), min(nxt - timedelta(days=1), today)
        if lo > hi:  # wholly before the registration
            first = nxt
            continue
        within = [h for d, h in sup_in if lo <= d <= hi]
        quarters.append(Quarter(lo, hi, len(within), sum(within)))
        first = nxt
    return Totals(
        start=start,
        end=today,
        cpd_hours=sum(cpd_in),
        cpd_records=len(cpd_in),
        supervision_sessions=len(sup_in),
        supervision_hours=sum(h for _, h in sup_in),
        quarters=tuple(quarters),
        practice_minutes=sum(practice_in),
        practice_sessions=len(practice_in),
        registered_on=registered_on,
    )


def cpd_sentence(t: Totals) -> str:
    """``CPD: 14.5 h in the last 12 months (EMCC expects 16)``, and what is missing."""
    text = f"CPD: {num(t.cpd_hours)} h in the last 12 months (EMCC expects {CPD_EXPECTED_HOURS})"
    if t.first_year and t.cpd_hours < CPD_EXPECTED_HOURS:
        return text + (
            f" — registered on {format_date(t.counted_from)}, so the first year runs to "
            f"{format_date(add_months(t.counted_from, 12))}"
        )
    if t.cpd_met:
        return text + " — met"
    return text + f" — {num(CPD_EXPECTED_HOURS - t.cpd_hours)} h short"


def supervision_sentence(t: Totals) -> str:
    """Sessions and hours, then each calendar quarter: ``Oct–Dec 2025: 1``."""
    per = " · ".join(f"{q.label}: {q.sessions}" for q in t.quarters)
    sessions = "1 session" if t.supervision_sessions == 1 else f"{t.supervision_sessions} sessions"
    text = f"Supervision: {sessions} ({num(t.supervision_hours)} h) in the last 12 months"
    missing = t.quarters_without
    whole = [q for q in t.quarters if _whole(q)]
    if not whole and not t.supervision_sessions:
        first = _quarter_start(t.counted_from)
        if first != t.counted_from:
            first = add_months(first, 3)
        ends = add_months(first, 3) - timedelta(days=1)
        text += (
            f" (EMCC expects some every quarter) — registered on {format_date(t.counted_from)}; "
            f"the first whole quarter since then ends on {format_date(ends)}"
        )
    elif missing:
        quarters = "1 quarter" if missing == 1 else f"{missing} quarters"
        text += f" (EMCC expects some every quarter) — {quarters} without any"
    elif t.supervision_sessions:
        text += " (EMCC expects some every quarter) — met"
    else:
        text += " (EMCC expects some every quarter) — none recorded"
    return f"{text}\nSessions per quarter: {per}"


def ratio_sentence(t: Totals) -> str:
    """Supervision hours : practice hours against EMCC's 1 : 35."""
    practice = num(t.practice_hours)
    target = f"EMCC expects at least 1 : {PRACTICE_PER_SUPERVISION_HOUR}"
    if t.practice_minutes == 0:
        return (
            f"Supervision to practice: no practice hours in the last 12 months, so the "
            f"1 : {PRACTICE_PER_SUPERVISION_HOUR} ratio does not apply yet"
        )
    if t.supervision_hours <= 0:
        return (
            f"Supervision to practice: no supervision for {practice} h of practice ({target}, "
            f"i.e. {num(t.supervision_needed)} h of supervision)"
        )
    per = t.practice_hours / t.supervision_hours
    shown = f"1 : {math.ceil(per - 1e-9)}" if per >= 1 else f"1 : {num(per)}"
    text = (
        f"Supervision to practice: {num(t.supervision_hours)} h supervision for {practice} h "
        f"practice = {shown} ({target})"
    )
    if t.ratio_met:
        return text + " — met"
    short = max(0.1, t.supervision_needed - t.supervision_hours)
    return text + f" — {num(short)} h more supervision needed"
