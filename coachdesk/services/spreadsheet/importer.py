"""Register import: the parsed rows merged into the people and registrations, in one transaction."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from coachdesk.domain.words import agree, number, plural
from coachdesk.errors import UserError
from coachdesk.services.changes import Outcome
from coachdesk.services.exchange.bulk import chunks, gc_paused
from coachdesk.services.exchange.records import ColumnValues, table_of
from coachdesk.services.safekeeping import backup_before
from coachdesk.services.settings import load_in
from coachdesk.services.spreadsheet.columns import (
    FIELD_BY_KEY,
    PERSON,
    REGISTRATION,
    check_mapping,
    ignored_columns,
    looks_like_header,
    match_columns,
    registration_values,
)
from coachdesk.services.spreadsheet.normalise import CleanValue
from coachdesk.services.spreadsheet.reading import SheetData, read_sheet
from coachdesk.services.spreadsheet.rejects import rejects_path, write_rejects
from coachdesk.services.spreadsheet.report import RegisterImportReport, RejectedRow, RowUpdate
from coachdesk.services.spreadsheet.rows import STEP, ParsedRow, Progress, parse_rows
from coachdesk.services.spreadsheet.statuses import NewStatus, plan, sheet_status, wanted_kinds
from coachdesk.services.steps import Cancelled, Steps, cancelled_error
from coachdesk.storage.models import Person, Registration, new_id
from coachdesk.storage.uow import Database

_PERSON_DEFAULTS: dict[str, object] = {
    "organisation": "",
    "job_title": "",
    "band": None,
    "manager_name": "",
    "manager_email": "",
    "leadership_programme": False,
    "manager_agreement_on": None,
    "override_reason": None,
    "override_on": None,
    "development_areas": [],
    "notes": "",
    "ethnic_group": None,
    "sex": None,
    "disability": None,
}
_REGISTRATION_DEFAULTS: dict[str, object] = {
    "approved_on": None,
    "profile_reviewed_on": None,
    "capacity": 2,
    "specialisms": [],
    "ethics_agreed": False,
    "org_support_on": None,
    "pro_bono": False,
    "icf_hours": "paid",
    "accreditation": None,
    "accreditation_on": None,
    "certificate_id": None,
    "training_on": None,
    "experience": None,
    "hours_committed": None,
}
_IN_BATCH = 500
#: How to import only the good rows, in a refusal (the command line's words; the app's differ).
SKIP_HINT = "import with --skip-invalid to import the other rows and set these aside"
_TAGS = ("development_areas", "specialisms")


def read_register(path: Path) -> SheetData:
    """The register file's header and rows (refused cleanly when it is not a usable sheet)."""
    return read_sheet(Path(path), looks_like_header=looks_like_header)


def import_register(
    db: Database,
    path: Path,
    *,
    dry_run: bool = False,
    skip_invalid: bool = False,
    mapping: Sequence[str | None] | None = None,
    sheet: SheetData | None = None,
    today: date | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    new_status: NewStatus | None = None,
    skip_hint: str = SKIP_HINT,
) -> RegisterImportReport:
    """Import a register spreadsheet; all or nothing unless ``skip_invalid``.

    People are matched by e-mail: a new e-mail adds a person, a known one updates the fields
    whose cells differ (a blank cell leaves what is held). Roles coach/mentor add
    registrations (status from the Status column; else ``new_status``, the lead's choice for
    the file — ``active`` only where the row gives what approval needs, see statuses.plan —
    or active when no choice is given, SPEC 7). Any rejected row refuses
    the whole file with every problem listed, unless ``skip_invalid``: then the good rows are
    written and the bad ones go to ``<name>.rejects.csv`` beside the input. ``dry_run``
    reports and writes nothing. ``mapping`` (one field key or None per column) overrides the
    header matching; ``sheet`` reuses a file already read. ``skip_hint`` says, in a refusal,
    how to import the good rows alone (the command line's option, or the wizard's checkbox).
    """
    path = Path(path)
    today = today or db.clock.today()
    with gc_paused():
        sheet = sheet or read_register(path)
        chosen = tuple(mapping) if mapping is not None else match_columns(sheet.headers)
        check_mapping(sheet.headers, chosen, sheet.source)
        chosen, equality_note = _equality_columns(db, sheet.headers, chosen)
        total = 2 * len(sheet.rows)

        def parse_progress(done: int, _total: int) -> None:
            if progress is not None:
                progress(done, total)

        parsed = parse_rows(
            sheet, chosen, today=today, progress=parse_progress, cancelled=cancelled
        )
        bad = [row for row in parsed if not row.ok]
        if bad and not skip_invalid:
            problems = [str(p) for row in bad for p in row.problems]
            verb = "would be refused" if dry_run else "cannot be imported"
            raise UserError(
                f"{sheet.source} {verb}: {number(len(bad))} of {plural(len(parsed), 'row')} "
                f"{agree(len(bad), 'has a problem', 'have problems')}, so nothing was written "
                f"(fix {agree(len(bad), 'it', 'them')}, or {skip_hint}):",
                problems=problems,
            )
        good = [row for row in parsed if row.ok]

        def merge_progress(done: int) -> None:
            if cancelled is not None and cancelled():
                raise cancelled_error()  # the unit of work rolls back: nothing is written
            if progress is not None:
                progress(len(parsed) + done, total)

        with db.uow() as uow:
            settings = load_in(uow)
            merge = _Merge(uow.session, today, db.clock.now(), settings.region)
            merge.new_status = new_status
            merge.minimum_hours = settings.mentor_minimum_hours
            merge.run(good, merge_progress)
            if cancelled is not None and cancelled():
                raise cancelled_error()
            written = None
            if bad and not dry_run:
                written = rejects_path(path)
                write_rejects(written, sheet, bad)
            if not dry_run:
                from coachdesk.services.audit import write

                write(
                    uow,
                    "import",
                    "database",
                    detail=f"spreadsheet: people {len(merge.added)} added, "
                    f"{len(merge.updated)} updated; registrations "
                    f"{merge.registrations_added} added, {merge.registrations_updated} updated",
                )
                uow.commit()
        if progress is not None:
            progress(total, total)
        return RegisterImportReport(
            source=sheet.source,
            added=tuple(merge.added),
            updated=tuple(merge.updated),
            unchanged=tuple(merge.unchanged),
            rejected=tuple(
                RejectedRow(r.row, r.label, tuple(str(p) for p in r.problems)) for r in bad
            ),
            registrations_added=merge.registrations_added,
            registrations_updated=merge.registrations_updated,
            dry_run=dry_run,
            rejects_file=written,
            ignored_columns=ignored_columns(sheet.headers, chosen),
            notes=tuple(merge.notes) + equality_note,
            not_active=tuple(merge.not_active),
            sheet=sheet.sheet_name,
            encoding=sheet.encoding,
            delimiter=sheet.delimiter,
        )


def import_register_file(
    db: Database,
    steps: Steps,
    path: Path,
    *,
    sheet: SheetData | None = None,
    mapping: Sequence[str | None] | None = None,
    skip_invalid: bool = False,
    new_status: NewStatus | None = None,
    skip_hint: str = SKIP_HINT,
) -> Outcome[RegisterImportReport]:
    """The app's register import: the backup before an import, then ``import_register`` with
    its progress and cancelling (a cancelled import writes nothing)."""
    backup_before(db, "import")
    report = import_register(
        db,
        path,
        sheet=sheet,
        mapping=mapping,
        skip_invalid=skip_invalid,
        progress=steps.progress,
        cancelled=steps.cancelled,
        new_status=new_status,
        skip_hint=skip_hint,
    )
    return Outcome(report, report.changes)


def _equality_columns(
    db: Database, headers: Sequence[str], chosen: Sequence[str | None]
) -> tuple[tuple[str | None, ...], tuple[str, ...]]:
    """The mapping without the equality columns while monitoring is off, and a note saying so."""
    from coachdesk.services.equality import monitoring_on
    from coachdesk.services.spreadsheet.columns import EQUALITY_KEYS

    present = [h for h, key in zip(headers, chosen, strict=False) if key in EQUALITY_KEYS]
    if not present or monitoring_on(db):
        return tuple(chosen), ()
    kept = tuple(None if key in EQUALITY_KEYS else key for key in chosen)
    names = ", ".join(f'"{h}"' for h in present)
    note = (
        f"The column{'s' if len(present) > 1 else ''} {names} "
        f"{'were' if len(present) > 1 else 'was'} not imported: equality monitoring is switched "
        "off (Settings); switch it on to record ethnic group, sex and disability."
    )
    return kept, (note,)


def _same(key: str, held: object, new: object) -> bool:
    if key in _TAGS:
        return _folded(held) == _folded(new)
    if isinstance(new, float) and isinstance(held, int | float):
        return float(held) == new
    return held == new


def _folded(tags: object) -> set[str]:
    """Tags (a stored list, a parsed tuple, or None) compared without case."""
    return {str(t).casefold() for t in tags} if isinstance(tags, list | tuple) else set()


def _stored(key: str, value: object) -> object:
    return list(value) if key in _TAGS and isinstance(value, tuple) else value


def _email(row: ParsedRow) -> str:
    """A good row's e-mail (a row without one is refused before the merge)."""
    email = row.email
    if email is None:
        raise ValueError(f"row {row.row} has no e-mail")
    return email


def _kind_values(reg: Mapping[str, object], kind: str) -> dict[str, object]:
    """The values a row gives its ``kind`` registration, by column, as stored (status aside:
    that is planned, statuses.plan)."""
    values = registration_values(reg, kind)
    return {k: _stored(k, v) for k, v in values.items() if k != "status"}


def _status(row: ParsedRow) -> Mapping[str, str]:
    """The Status cell by registration kind ("*": every kind), or nothing."""
    status = row.values.get("status")
    return status if isinstance(status, dict) else {}


class _Merge:
    """One import's writes, worked out against the people loaded once by e-mail."""

    def __init__(self, session: Session, today: date, now: datetime, region: str) -> None:
        self.session = session
        self.today = today
        self.region = region
        self.now = now
        self.added: list[str] = []
        self.updated: list[RowUpdate] = []
        self.unchanged: list[str] = []
        self.notes: list[str] = []
        self.registrations_added = 0
        self.registrations_updated = 0
        self.person_inserts: list[dict[str, object]] = []
        self.person_updates: list[dict[str, object]] = []
        self.reg_inserts: list[dict[str, object]] = []
        self.reg_updates: list[dict[str, object]] = []
        #: The lead's choice for the file's new registrations (None: active, SPEC 7).
        self.new_status: NewStatus | None = None
        self.minimum_hours = 12
        #: New registrations the choice "active" could not make active, and why.
        self.not_active: list[str] = []

    def load(
        self, emails: list[str]
    ) -> tuple[dict[str, ColumnValues], dict[str, dict[str, ColumnValues]]]:
        """The people with these e-mails, and their registrations by person id and kind."""
        people: dict[str, ColumnValues] = {}
        table = table_of(Person)
        for chunk in chunks(emails, _IN_BATCH):
            for row in self.session.execute(select(table).where(table.c.email.in_(chunk))):
                people[row.email] = row._mapping
        regs: dict[str, dict[str, ColumnValues]] = defaultdict(dict)
        ids = [row["id"] for row in people.values()]
        rtable = table_of(Registration)
        for chunk in chunks(ids, _IN_BATCH):
            for row in self.session.execute(select(rtable).where(rtable.c.person_id.in_(chunk))):
                regs[row.person_id][row.kind] = row._mapping
        return people, regs

    def run(self, rows: list[ParsedRow], progress: Callable[[int], None]) -> None:
        people, regs = self.load([_email(row) for row in rows])
        for done, row in enumerate(rows):
            if done % STEP == 0:
                progress(done)
            held = people.get(_email(row))
            if held is None:
                self.add(row)
            else:
                self.change(row, held, regs.get(held["id"], {}))
        progress(len(rows))
        for chunk in chunks(self.person_inserts, 2000):
            self.session.execute(insert(table_of(Person)), chunk)
        for chunk in chunks(self.reg_inserts, 2000):
            self.session.execute(insert(table_of(Registration)), chunk)
        for rows_ in (self.person_updates, self.reg_updates):
            model = Person if rows_ is self.person_updates else Registration
            by_keys: dict[tuple[str, ...], list[dict[str, object]]] = defaultdict(list)
            for values in rows_:
                by_keys[tuple(sorted(values))].append(values)
            for group in by_keys.values():
                for chunk in chunks(group, 2000):
                    self.session.execute(update(model), chunk)

    # -- one row ---------------------------------------------------------------------------

    @staticmethod
    def _split(row: ParsedRow) -> tuple[dict[str, object], dict[str, CleanValue]]:
        person: dict[str, object] = {}
        reg: dict[str, CleanValue] = {}
        for key, value in row.values.items():
            target = FIELD_BY_KEY[key].target
            if target == PERSON:
                person[key] = _stored(key, value)
            elif target == REGISTRATION:
                reg[key] = value
        return person, reg

    def add(self, row: ParsedRow) -> None:
        person, reg = self._split(row)
        values = {**_PERSON_DEFAULTS, **person}
        person_id = values["id"] = new_id()
        values["region"] = person.get("region") or self.region
        values["created_at"] = values["updated_at"] = self.now
        self.person_inserts.append(values)
        self.added.append(_email(row))
        kinds = self._kinds(row, set())
        self._not_applied(row, reg, kinds)
        for kind in kinds:
            self._new_registration(row, person_id, kind, reg)

    def change(self, row: ParsedRow, held: ColumnValues, regs: dict[str, ColumnValues]) -> None:
        person, reg = self._split(row)
        changed: list[str] = []
        diff = {k: v for k, v in person.items() if not _same(k, held[k], v)}
        if diff:
            changed.extend(FIELD_BY_KEY[k].label for k in diff)
            # The version read goes with the update: it is checked and bumped (SPEC 12).
            self.person_updates.append(
                {"id": held["id"], **diff, "updated_at": self.now, "version": held["version"]}
            )
        kinds = self._kinds(row, set(regs))
        self._not_applied(row, reg, kinds)
        for kind in kinds:
            current = regs.get(kind)
            if current is None:
                self._new_registration(row, held["id"], kind, reg)
                changed.append(f"{kind} registration added")
                continue
            values = _kind_values(reg, kind)
            wanted = sheet_status(row, kind)
            if wanted:
                values["status"] = wanted
            reg_diff = {k: v for k, v in values.items() if not _same(k, current[k], v)}
            if reg_diff:
                self.reg_updates.append(
                    {
                        "id": current["id"],
                        **reg_diff,
                        "updated_at": self.now,
                        "version": current["version"],
                    }
                )
                self.registrations_updated += 1
                changed.extend(f"{kind} {self._label(k)}" for k in reg_diff)
        if changed:
            self.updated.append(RowUpdate(row.row, _email(row), tuple(changed)))
        else:
            self.unchanged.append(_email(row))

    @staticmethod
    def _label(key: str) -> str:
        return "status" if key == "status" else FIELD_BY_KEY[key].label.lower()

    def _kinds(self, row: ParsedRow, held: set[str]) -> list[str]:
        """The registrations a row speaks for: its practitioner roles, plus those held."""
        return wanted_kinds(row, sorted(held))

    def _not_applied(self, row: ParsedRow, reg: Mapping[str, object], kinds: list[str]) -> None:
        """Note the registration cells a row fills for a registration it does not have."""
        status = _status(row)
        missing = []
        for key in reg:
            needs = FIELD_BY_KEY[key].applies_to
            if (needs and needs not in kinds) or not kinds:
                missing.append((FIELD_BY_KEY[key].label, needs or "coach or mentor"))
        for kind in status:
            if kind == "*" and not kinds:
                missing.append(("Status", "coach or mentor"))
            elif kind != "*" and kind not in kinds:
                missing.append(("Status", kind))
        for label, needs in missing:
            self.notes.append(
                f"row {row.row}, {label}: not applied, {row.label} has no {needs} role"
            )

    def _registered_on(self, row: ParsedRow, kind: str) -> date | None:
        """A new registration's date when the row gives none: today, unless the row gives the
        registration in its own columns (``Coach status`` …, as the register export writes
        them), where a blank date is a date not recorded."""
        return None if row.values.get(f"{kind}_status") else self.today

    def _new_registration(
        self, row: ParsedRow, person_id: str, kind: str, reg: Mapping[str, object]
    ) -> None:
        planned = plan(row, kind, None, self.new_status, self.minimum_hours)
        if planned.missing:
            self.not_active.append(
                f"row {row.row}, {row.label}: the {kind} registration is applied, not active — "
                + "; ".join(planned.missing)
            )
        values = {**_REGISTRATION_DEFAULTS, **_kind_values(reg, kind)}
        values.update(
            id=new_id(),
            person_id=person_id,
            kind=kind,
            status=planned.status,
            registered_on=values.get("registered_on") or self._registered_on(row, kind),
            created_at=self.now,
            updated_at=self.now,
        )
        self.reg_inserts.append(values)
        self.registrations_added += 1
