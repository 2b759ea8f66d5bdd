"""Equality monitoring: a person's fields (only when switched on) and the workforce headcounts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import delete, select

from coachdesk.domain.equality import (
    COLUMN_DIMENSIONS,
    DIMENSION_LABELS,
    DIMENSIONS,
    REPORT_GROUPS,
    normalise_staff_group,
    staff_group_problem,
    value_problem,
)
from coachdesk.errors import UserError
from coachdesk.services.changes import Changes, Outcome, RecordKind
from coachdesk.services.settings import load_in
from coachdesk.services.validate import person_or_404
from coachdesk.services.versions import person_at
from coachdesk.storage.models import Person, WorkforceHeadcount
from coachdesk.storage.uow import Database, UnitOfWork

#: The largest headcount one group may have (a typing slip should not pass unnoticed).
MAX_HEADCOUNT = 2_000_000
MONITORING_OFF = (
    "Equality monitoring is switched off. Switch it on in Settings (The hub) before recording "
    "or reporting ethnic group, sex or disability."
)
COLUMN_OF = {d: c for c, d in COLUMN_DIMENSIONS.items()}


@dataclass(frozen=True)
class EqualityFields:
    """A person's equality-monitoring answers as stored codes (None is blank)."""

    ethnic_group: str | None = None
    sex: str | None = None
    disability: str | None = None

    def of(self, dimension: str) -> str | None:
        value = getattr(self, COLUMN_OF[dimension])
        return value if isinstance(value, str) else None


@dataclass(frozen=True)
class HeadcountSet:
    """One organisation's staff headcount by group for a period, for one dimension."""

    organisation: str
    period_start: date
    period_end: date
    dimension: str
    counts: tuple[tuple[str, int], ...]  # (group, headcount) in report order

    @property
    def total(self) -> int:
        return sum(n for _, n in self.counts)

    def count(self, group: str) -> int | None:
        return dict(self.counts).get(group)


def monitoring_on_in(uow: UnitOfWork) -> bool:
    return load_in(uow).equality_monitoring


def monitoring_on(db: Database) -> bool:
    """Whether the lead has switched equality monitoring on in settings."""
    with db.uow() as uow:
        return monitoring_on_in(uow)


def require_monitoring(uow: UnitOfWork) -> None:
    if not monitoring_on_in(uow):
        raise UserError(MONITORING_OFF)


def fields_of(person: Person) -> EqualityFields:
    return EqualityFields(person.ethnic_group, person.sex, person.disability)


def check_fields(fields: EqualityFields, what: str = "The equality answers") -> None:
    """UserError naming every field that holds a value coachdesk does not know."""
    problems = []
    for dimension in DIMENSIONS:
        why = value_problem(dimension, fields.of(dimension))
        if why:
            problems.append(f"{DIMENSION_LABELS[dimension]}: {why}")
    if problems:
        raise UserError(f"{what} cannot be saved:", problems=problems)


def get_equality(db: Database, email: str) -> EqualityFields:
    """One person's answers (for their page only; refused while monitoring is off)."""
    with db.uow() as uow:
        require_monitoring(uow)
        return fields_of(person_or_404(uow, email))


@dataclass(frozen=True)
class EqualityAnswers:
    """A person's answers and the person's version they were read at (a save based on it is
    refused once another lead has changed the person)."""

    fields: EqualityFields
    version: int


def equality_answers(db: Database, email: str) -> EqualityAnswers:
    """One person's answers with the version to save against (for their page only)."""
    with db.uow() as uow:
        require_monitoring(uow)
        person = person_or_404(uow, email)
        return EqualityAnswers(fields_of(person), person.version)


def set_equality(
    db: Database, email: str, fields: EqualityFields, *, expected_version: int | None = None
) -> Outcome[EqualityFields]:
    """Record a person's answers; every value is checked and nothing is saved if one is bad."""
    with db.uow() as uow:
        require_monitoring(uow)
        person = person_at(uow, email, expected_version)
        check_fields(fields)
        if fields == fields_of(person):
            return Outcome(fields)
        person.ethnic_group, person.sex, person.disability = (
            fields.ethnic_group,
            fields.sex,
            fields.disability,
        )
        uow.commit()
        return Outcome(fields, Changes.of(RecordKind.PERSON, person.id))


# ---------------------------------------------------------------------------------------------
# Workforce headcounts


def _check_set(organisation: str, start: object, end: object, dimension: str) -> str:
    problems: list[str] = []
    org = organisation.strip() if isinstance(organisation, str) else ""
    if not org:
        problems.append("Organisation: enter the organisation the headcount is for.")
    elif len(org) > 200:
        problems.append("Organisation: at most 200 characters.")
    if not isinstance(start, date) or not isinstance(end, date):
        problems.append("Period: enter the first and last day the headcount covers.")
    elif end < start:
        problems.append("Period: the last day is before the first.")
    if dimension not in DIMENSIONS:
        problems.append(f"Dimension: {dimension!r} is not one of {', '.join(DIMENSIONS)}.")
    if problems:
        raise UserError("The headcount cannot be saved:", problems=problems)
    return org


def _check_counts(dimension: str, counts: Mapping[str, object]) -> dict[str, int]:
    problems: list[str] = []
    clean: dict[str, int] = {}
    for group, value in counts.items():
        why = staff_group_problem(dimension, group)
        if why:
            problems.append(f"Group: {why}.")
            continue
        label = dict(REPORT_GROUPS[dimension])[group]
        if value is None or value == "":
            continue
        if isinstance(value, bool) or not isinstance(value, int):
            problems.append(f"{label}: the headcount must be a whole number.")
        elif not 0 <= value <= MAX_HEADCOUNT:
            problems.append(f"{label}: the headcount must be from 0 to {MAX_HEADCOUNT:,}.")
        else:
            clean[group] = value
    if problems:
        raise UserError("The headcount cannot be saved:", problems=problems)
    return clean


def _set_rows(
    uow: UnitOfWork, org: str, start: date, end: date, dimension: str
) -> Sequence[WorkforceHeadcount]:
    return uow.session.scalars(
        select(WorkforceHeadcount).where(
            WorkforceHeadcount.organisation == org,
            WorkforceHeadcount.period_start == start,
            WorkforceHeadcount.period_end == end,
            WorkforceHeadcount.dimension == dimension,
        )
    ).all()


def _as_set(
    org: str, start: date, end: date, dimension: str, counts: Mapping[str, int]
) -> HeadcountSet:
    order = [g for g, _ in REPORT_GROUPS[dimension]]
    return HeadcountSet(
        org,
        start,
        end,
        dimension,
        tuple((g, counts[g]) for g in order if g in counts),
    )


def _save_in(
    uow: UnitOfWork, org: str, start: date, end: date, dimension: str, clean: Mapping[str, int]
) -> None:
    held = {r.staff_group: r for r in _set_rows(uow, org, start, end, dimension)}
    for group, row in held.items():
        if group not in clean:
            uow.session.delete(row)
    for group, n in clean.items():
        if group in held:
            held[group].headcount = n
        else:
            uow.session.add(
                WorkforceHeadcount(
                    organisation=org,
                    period_start=start,
                    period_end=end,
                    dimension=dimension,
                    staff_group=group,
                    headcount=n,
                )
            )


def save_headcounts(
    db: Database,
    organisation: str,
    period_start: date,
    period_end: date,
    dimension: str,
    counts: Mapping[str, int | None],
) -> Outcome[HeadcountSet]:
    """Replace one organisation's headcount by group for a period (a blank group is removed)."""
    org = _check_set(organisation, period_start, period_end, dimension)
    clean = _check_counts(dimension, counts)
    with db.uow() as uow:
        _save_in(uow, org, period_start, period_end, dimension, clean)
        uow.commit()
    return Outcome(
        _as_set(org, period_start, period_end, dimension, clean), Changes.of(RecordKind.HEADCOUNT)
    )


def save_workforce(
    db: Database,
    organisation: str,
    period_start: date,
    period_end: date,
    counts: Mapping[str, Mapping[str, int | None]],
) -> Outcome[list[HeadcountSet]]:
    """Every dimension's headcount for one organisation and period at once (one Save press);
    every value is checked first and nothing is saved if one is bad."""
    cleaned = {}
    problems: list[str] = []
    for dimension, by_group in counts.items():
        org = _check_set(organisation, period_start, period_end, dimension)
        try:
            cleaned[dimension] = _check_counts(dimension, by_group)
        except UserError as exc:
            problems += [f"{DIMENSION_LABELS[dimension]} — {p}" for p in exc.problems]
    if problems:
        raise UserError("The headcount cannot be saved:", problems=problems)
    if not cleaned:
        raise UserError("The headcount cannot be saved: there is nothing to save.")
    with db.uow() as uow:
        for dimension, clean in cleaned.items():
            _save_in(uow, org, period_start, period_end, dimension, clean)
        uow.commit()
    sets = [_as_set(org, period_start, period_end, d, c) for d, c in cleaned.items()]
    return Outcome(sets, Changes.of(RecordKind.HEADCOUNT))


def delete_headcounts(
    db: Database, organisation: str, period_start: date, period_end: date
) -> Outcome[int]:
    """Remove every dimension's headcount of one organisation for one period."""
    if not isinstance(organisation, str) or not all(
        isinstance(d, date) and not isinstance(d, datetime) for d in (period_start, period_end)
    ):
        raise UserError("Choose the organisation and the period whose headcount to remove.")
    with db.uow() as uow:
        result = uow.session.execute(
            delete(WorkforceHeadcount).where(
                WorkforceHeadcount.organisation == organisation,
                WorkforceHeadcount.period_start == period_start,
                WorkforceHeadcount.period_end == period_end,
            )
        )
        uow.commit()
    removed = int(getattr(result, "rowcount", 0) or 0)
    return Outcome(removed, Changes.of(RecordKind.HEADCOUNT) if removed else Changes())


def headcount_sets_in(uow: UnitOfWork) -> list[HeadcountSet]:
    grouped: dict[tuple[str, date, date, str], dict[str, int]] = {}
    for r in uow.session.scalars(select(WorkforceHeadcount)):
        key = (r.organisation, r.period_start, r.period_end, r.dimension)
        grouped.setdefault(key, {})[r.staff_group] = r.headcount
    sets = [_as_set(*key, counts) for key, counts in grouped.items() if key[3] in DIMENSIONS]
    sets.sort(
        key=lambda s: (
            s.organisation.lower(),
            s.period_start,
            s.period_end,
            DIMENSIONS.index(s.dimension),
        )
    )
    return sets


def list_headcounts(db: Database) -> list[HeadcountSet]:
    """Every headcount held, by organisation, period and dimension."""
    with db.uow() as uow:
        return headcount_sets_in(uow)


def read_headcount_sheet(path: Path, dimension: str) -> dict[str, int]:
    """A two-column sheet (group, headcount) as headcounts by group; UserError naming each bad row.

    A header row is optional; group names may be the report's labels, ONS wording or codes.
    Two lines for the same group (e.g. two White categories) are added together.
    """
    from coachdesk.services.spreadsheet.reading import read_sheet

    if dimension not in DIMENSIONS:
        raise UserError(f"{dimension!r} is not one of {', '.join(DIMENSIONS)}.")
    sheet = read_sheet(path, looks_like_header=lambda row: sum(1 for c in row if c) >= 2)
    rows = list(sheet.rows)
    first = [str(c or "").strip() for c in sheet.headers]
    if len(first) >= 2 and _is_number(first[1]):  # no header: the first row is data
        rows.insert(0, (sheet.header_row, tuple(sheet.headers)))
    counts: dict[str, int] = {}
    problems = []
    for number, cells in rows:
        group_cell = cells[0] if cells else None
        value = cells[1] if len(cells) > 1 else None
        if (group_cell in (None, "")) and value in (None, ""):
            continue
        if str(group_cell or "").strip().lower() in ("total", "all", "all staff"):
            continue
        try:
            group = normalise_staff_group(dimension, group_cell)
        except ValueError as exc:
            problems.append(f"Row {number}: {exc}.")
            continue
        if not _is_number(value):
            problems.append(f"Row {number}: {str(value or '').strip()!r} is not a headcount.")
            continue
        counts[group] = counts.get(group, 0) + int(float(str(value).replace(",", "")))
    if problems:
        raise UserError(f"{path.name} cannot be imported:", problems=problems)
    if not counts:
        raise UserError(f"{path.name} holds no headcounts (two columns: group, headcount).")
    return counts


def _is_number(value: object) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float):
        return float(value).is_integer() and value >= 0
    text = str(value or "").strip().replace(",", "")
    return text.isdigit()


def import_headcounts(
    db: Database,
    path: Path,
    organisation: str,
    period_start: date,
    period_end: date,
    dimension: str,
) -> Outcome[HeadcountSet]:
    """Read a two-column sheet and save it as one organisation's headcount for the period."""
    _check_set(organisation, period_start, period_end, dimension)
    counts = read_headcount_sheet(path, dimension)
    return save_headcounts(db, organisation, period_start, period_end, dimension, counts)


def organisation_names(db: Database) -> list[str]:
    """Every organisation named on the register, in a headcount or in a culture assessment."""
    from coachdesk.storage.models import CultureAssessment

    with db.uow() as uow:
        names: set[str] = set()
        for column in (
            Person.organisation,
            WorkforceHeadcount.organisation,
            CultureAssessment.organisation,
        ):
            names.update(n for n in uow.session.scalars(select(column).distinct()) if n)
    return sorted(names, key=str.lower)
