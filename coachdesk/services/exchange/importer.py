"""Import: merge a coachdesk/1 bundle into the database by id, in one transaction."""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TypedDict

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from coachdesk.domain.settings import SETTINGS_BY_KEY, HubSettings, SettingValue
from coachdesk.domain.templates import DEFAULT_TEMPLATES
from coachdesk.errors import UserError
from coachdesk.services.exchange.bulk import chunks, gc_paused
from coachdesk.services.exchange.fields import Bad, parse_timestamp
from coachdesk.services.exchange.records import (
    ATTACHMENT,
    CPD_KIND,
    CULTURE_KIND,
    EVALUATION_KIND,
    HEADCOUNT_KIND,
    LEARNING_KIND,
    PERSON_KIND,
    REGISTRATION_KIND,
    RELATIONSHIP_KIND,
    REMINDER_KIND,
    REQUEST_KIND,
    SESSION_KIND,
    SUPERVISION_KIND,
    TEMPLATE_KIND,
    ColumnValues,
    Context,
    Kind,
    as_text,
    fetch_rows,
    is_attachment,
    load_attachments,
    record_maker,
    table_of,
    to_columns,
)
from coachdesk.services.exchange.report import Conflict, ImportReport, Tally
from coachdesk.services.exchange.schema import Bundle, validate_bundle
from coachdesk.services.exchange.types import (
    EvaluationRecord,
    ExchangeRecord,
    HeadcountRecord,
    PersonRecord,
)
from coachdesk.services.settings import stored_values, write_in
from coachdesk.services.steps import Cancelled, cancelled_error
from coachdesk.storage.models import (
    Attachment,
    MergeConflict,
    Relationship,
    Request,
    new_id,
)
from coachdesk.storage.uow import Database, UnitOfWork

_PRISTINE: dict[str, dict[str, object]] = {
    t["key"]: {
        "title": t["title"],
        "scale": list(t["scale"]),
        "items": [dict(i) for i in t["items"]],
    }
    for t in DEFAULT_TEMPLATES
}
_PERSON_REFS = {
    "registrations": frozenset({"person"}),
    "requests": frozenset({"client", "practitioner"}),
    "relationships": frozenset({"practitioner", "client"}),
    "cpd": frozenset({"person"}),
    "supervision": frozenset({"person"}),
    "learning_log": frozenset({"person"}),
    "reminders": frozenset({"person"}),
}
_BATCH = 500


def never_cancelled() -> bool:
    return False


def import_bundle(
    db: Database,
    data: Mapping[str, object] | Bundle,
    *,
    dry_run: bool = False,
    source: str = "",
    cancelled: Cancelled = never_cancelled,
) -> ImportReport:
    """Merge a bundle (validated first) into the database; a refused bundle writes nothing.

    ``dry_run`` does all the work, reports what it would do, and rolls back. Once
    ``cancelled()`` says so, the merge stops before its next kind of record and rolls back:
    "Import cancelled; nothing was written."
    """
    with gc_paused():
        bundle = data if isinstance(data, Bundle) else validate_bundle(data)
        return _import(db, bundle, dry_run=dry_run, source=source, cancelled=cancelled)


def _import(
    db: Database, bundle: Bundle, *, dry_run: bool, source: str, cancelled: Cancelled
) -> ImportReport:
    with db.uow() as uow:
        merge = _Merge(uow.session, bundle, source, db.clock.now(), cancelled)
        merge.check_references()
        merge.run(uow)
        if cancelled():  # the last moment: nothing is committed yet
            raise cancelled_error()
        report = merge.tally.freeze(
            dry_run=dry_run, source=source, ignored_settings=bundle.ignored_settings
        )
        if not dry_run:
            _audit(uow, report)
            uow.commit()
    return report


def _audit(uow: UnitOfWork, report: ImportReport) -> None:
    """One audit row for the whole import: counts only (no file name — it may name someone)."""
    from coachdesk.services.audit import counts_detail, write

    counts = {kind: c.added + c.updated for kind, c in report.counts.items() if c.added + c.updated}
    what = "demo" if report.source == "demo" else "bundle"
    write(uow, "import", "database", detail=f"{what}: {counts_detail(counts) or 'no changes'}")


class _ConflictRow(TypedDict):
    """A row of merge_conflicts: the version of a record that lost a merge."""

    id: str
    record_kind: str
    record_id: str
    kept: str  # "mine" or "theirs": whose version was kept
    fields: list[str]
    other_version: dict[str, object]
    source: str
    recorded_at: datetime
    resolved: bool


class _Merge:
    """One import: what the database holds, loaded once per table, and the writes to make."""

    def __init__(
        self,
        session: Session,
        bundle: Bundle,
        source: str,
        now: datetime,
        cancelled: Cancelled = never_cancelled,
    ) -> None:
        self.session = session
        self.cancelled = cancelled
        self.bundle = bundle
        self.source = source
        self.now = now  # the import's one moment: stamps, conflicts, files
        self.tally = Tally()
        self.ctx = Context()
        self.region = HubSettings().region
        self.conflict_rows: list[_ConflictRow] = []
        self.dropped_files: list[str] = []
        self.pending_files: list[dict[str, object]] = []
        self._existing: dict[str, dict[str, ColumnValues]] = {}
        people = self.existing(PERSON_KIND)
        for row in people.values():
            self.ctx.add_person(row["id"], row["email"])
        if bundle.registrations or bundle.cpd:
            self.ctx.attachments = load_attachments(session)

    def existing(self, kind: Kind) -> dict[str, ColumnValues]:
        """The kind's rows in the database by their exchange key, loaded once."""
        if kind.name not in self._existing:
            rows = fetch_rows(self.session, kind.model)
            self._existing[kind.name] = {row[kind.key]: row for row in rows}
        return self._existing[kind.name]

    # -- references ------------------------------------------------------------------------

    def check_references(self) -> None:
        """Every e-mail, id and template key a record names exists in the bundle or here."""
        b = self.bundle
        relationships = set(self.session.scalars(select(Relationship.id)))
        known = _Known(
            emails=set(self.ctx.id_of) | {p["email"] for p in b.people},
            requests=set(self.session.scalars(select(Request.id))) | {r["id"] for r in b.requests},
            relationships=relationships | {r["id"] for r in b.relationships},
            scales={
                key: (
                    row["scale_min"],
                    row["scale_max"],
                    {i.get("key") for i in row["items"] or ()},
                )
                for key, row in self.existing(TEMPLATE_KIND).items()
            },
        )
        for t in b.templates:
            items = {as_text(i["key"]) for i in t["items"]}
            known.scales[t["key"]] = (t["scale"][0], t["scale"][1], items)
        for name in b.order:
            for index, record in enumerate(b.records(name)):
                try:
                    _check_references(name, record, known)
                except Bad as bad:
                    bad.at(index).at(name)
                    raise UserError(f"{bad.path}: {bad.reason}") from None

    # -- the merge -------------------------------------------------------------------------

    def run(self, uow: UnitOfWork) -> None:
        b = self.bundle
        self.merge_settings(uow)
        people: list[PersonRecord] = [
            p if p["region"] is not None else {**p, "region": self.region} for p in b.people
        ]
        self.merge(PERSON_KIND, people)
        self.merge(TEMPLATE_KIND, b.templates)
        self.merge(REQUEST_KIND, b.requests)
        self.merge(RELATIONSHIP_KIND, b.relationships)
        self.merge(
            SESSION_KIND,
            [{**s, "relationship": r["id"]} for r in b.relationships for s in r["sessions"]],
        )
        self.merge(
            EVALUATION_KIND,
            [{**e, "relationship": r["id"]} for r in b.relationships for e in r["evaluations"]],
        )
        self.merge(REGISTRATION_KIND, b.registrations)
        self.merge(CPD_KIND, b.cpd)
        self.merge(SUPERVISION_KIND, b.supervision)
        self.merge(LEARNING_KIND, b.learning_log)
        self.merge(HEADCOUNT_KIND, self._headcounts_by_group())
        self.merge(CULTURE_KIND, b.culture_assessments)
        self.merge(REMINDER_KIND, b.reminders)
        for rows in chunks(self._new_conflicts(), _BATCH):
            self.session.execute(insert(table_of(MergeConflict)), rows)
        for ids in chunks(self.dropped_files, _BATCH):
            self.session.execute(delete(Attachment).where(Attachment.id.in_(ids)))

    def _headcounts_by_group(self) -> list[HeadcountRecord]:
        """Headcounts keyed as held here: a group's headcount made on another machine (another
        id) for the same organisation, period and dimension is the same record."""
        if not self.bundle.workforce_headcounts:
            return []
        held = {
            (
                r["organisation"],
                r["period_start"],
                r["period_end"],
                r["dimension"],
                r["staff_group"],
            ): i
            for i, r in self.existing(HEADCOUNT_KIND).items()
        }
        out: list[HeadcountRecord] = []
        for r in self.bundle.workforce_headcounts:
            group = (
                r["organisation"],
                date.fromisoformat(r["period_start"]),
                date.fromisoformat(r["period_end"]),
                r["dimension"],
                r["staff_group"],
            )
            out.append({**r, "id": held.get(group, r["id"])})
        return out

    def _new_conflicts(self) -> list[_ConflictRow]:
        """The conflict rows not already recorded (re-importing a bundle adds no duplicates)."""
        if not self.conflict_rows:
            return []
        query = select(
            MergeConflict.record_kind,
            MergeConflict.record_id,
            MergeConflict.kept,
            MergeConflict.other_version,
        ).where(MergeConflict.resolved.is_(False))
        known = {
            (k, i, kept, _canonical(other)) for k, i, kept, other in self.session.execute(query)
        }
        out = []
        for row in self.conflict_rows:
            mark = (
                row["record_kind"],
                row["record_id"],
                row["kept"],
                _canonical(row["other_version"]),
            )
            if mark not in known:
                known.add(mark)
                out.append(row)
        return out

    def merge_settings(self, uow: UnitOfWork) -> None:
        """A setting never set here takes the bundle's value; one set differently is a conflict."""
        stored = stored_values(uow)
        incoming = self.bundle.settings
        added: dict[str, SettingValue] = {}
        for key, value in (incoming or {}).items():
            if key in stored:
                if stored[key] == value:
                    self.tally.add("setting", "unchanged")
                else:
                    self.tally.add("setting", "kept")
                    self.conflict("setting", key, ["value"], "mine", {"key": key, "value": value})
            elif value == SETTINGS_BY_KEY[key].default:
                self.tally.add("setting", "unchanged")
            else:
                added[key] = value
                self.tally.add("setting", "added")
        if added:
            write_in(uow, added)
        self.region = HubSettings.from_mapping({**stored, **added}).region

    def merge(self, kind: Kind, records: Sequence[Mapping[str, object]]) -> None:
        """New records are inserted; identical ones left; differing ones: the newer wins."""
        if self.cancelled():
            raise cancelled_error()  # raised inside the unit of work: it rolls back
        if not records:
            return
        existing = self.existing(kind)
        owners = _owners(existing) if kind is REGISTRATION_KIND else None
        make = record_maker(kind, self.ctx)
        inserts: list[dict[str, object]] = []
        updates: list[dict[str, object]] = []
        touches: list[dict[str, object]] = []
        for record in records:
            key = as_text(record[kind.key])
            row = existing.get(key)
            if row is None:
                if owners is not None:
                    pair = (self.ctx.id_of[as_text(record["person"])], as_text(record["kind"]))
                    holder = owners.get(pair)
                    if holder is not None:  # a second registration of one kind for one person
                        mine = make(existing[holder])
                        diff = ["id", *(n for n in kind.names[1:] if record[n] != mine[n])]
                        self.tally.add(kind.name, "kept")
                        self.conflict(kind.name, holder, diff, "mine", _version(kind, record))
                        continue
                    owners[pair] = key
                inserts.append(self.columns(kind, record, None))
                self.tally.add(kind.name, "added")
                continue
            mine = make(row)
            diff = [n for n in kind.names if record[n] != mine[n]]
            theirs_at, mine_at = _stamp(record), _stamp(mine)
            if not diff:
                self.tally.add(kind.name, "unchanged")
                if theirs_at is not None and mine_at is not None and theirs_at < mine_at:
                    # Both sides agree since the earlier moment: keep that (a round trip is exact).
                    touches.append(
                        _at_version(
                            kind,
                            {kind.pk: row[kind.pk], "updated_at": parse_timestamp(theirs_at)},
                            row,
                        )
                    )
                continue
            theirs_newer = theirs_at is not None and (mine_at is None or theirs_at > mine_at)
            if kind is TEMPLATE_KIND and _PRISTINE.get(key) == {
                n: mine[n] for n in ("title", "scale", "items")
            }:
                theirs_newer = True  # an untouched default yields to any edited version
            if theirs_newer and owners is not None:
                pair = (self.ctx.id_of[as_text(record["person"])], as_text(record["kind"]))
                if owners.get(pair, key) != key:
                    theirs_newer = False  # it would clash with another registration here
                else:
                    owners.pop((row["person_id"], row["kind"]), None)
                    owners[pair] = key
            if theirs_newer:
                updates.append(_at_version(kind, self.columns(kind, record, row), row))
                self.tally.add(kind.name, "updated")
                self.conflict(kind.name, key, diff, "theirs", _version(kind, mine))
            else:
                self.tally.add(kind.name, "kept")
                self.conflict(kind.name, key, diff, "mine", _version(kind, record))
        for files in chunks(self.pending_files, 50):
            self.session.execute(insert(table_of(Attachment)), files)
        self.pending_files = []
        # Updates first: one may free the person and kind a new registration takes.
        for rows in (updates, touches):
            for chunk in chunks(rows, 5000):
                self.session.execute(update(kind.model), chunk)
        for chunk in chunks(inserts, 5000):  # Core executemany: no ORM work per row
            self.session.execute(insert(kind.table), chunk)

    def columns(
        self, kind: Kind, record: Mapping[str, object], row: ColumnValues | None
    ) -> dict[str, object]:
        """Column values to insert (``row`` None) or to update ``row`` with."""
        values = to_columns(kind, record, self.ctx)
        for name, column, conv in kind.fields:
            if conv != ATTACHMENT:
                continue
            old: str | None = None if row is None else row[column]
            held = None if old is None else self.ctx.attachments.get(old)
            if row is not None and record[name] == held:
                values[column] = old
                continue
            values[column] = self.attach(record[name])
            if old is not None:
                self.dropped_files.append(old)  # its content is kept in merge_conflicts
        stamp = _stamp(record)
        values["updated_at"] = self.now if stamp is None else parse_timestamp(stamp)
        if row is None:
            values["created_at"] = self.now
            if kind is PERSON_KIND:
                person_id = values["id"] = new_id()
                self.ctx.add_person(person_id, as_text(record["email"]))
        else:
            values[kind.pk] = row[kind.pk]
        return values

    def attach(self, file: object) -> str | None:
        """Queue a file from the bundle for storing; returns its attachment id."""
        if file is None:
            return None
        if not is_attachment(file):
            raise TypeError(f"expected a file in exchange form, not {file!r}")
        attachment_id = new_id()
        self.pending_files.append(
            {
                "id": attachment_id,
                "filename": file["filename"],
                "media_type": file["media_type"],
                "data": base64.b64decode(file["data"]),
                "created_at": self.now,
                "updated_at": self.now,
            }
        )
        self.ctx.attachments[attachment_id] = file.copy()
        return attachment_id

    def conflict(
        self, kind: str, key: str, fields: list[str], kept: str, other: dict[str, object]
    ) -> None:
        """Remember the version that lost, in the report and in merge_conflicts."""
        self.tally.conflicts.append(Conflict(kind, key, tuple(fields), kept))
        self.conflict_rows.append(
            {
                "id": new_id(),
                "record_kind": kind,
                "record_id": key,
                "kept": kept,
                "fields": list(fields),
                "other_version": other,
                "source": self.source[:300],
                "recorded_at": self.now,
                "resolved": False,
            }
        )


def _at_version(kind: Kind, values: dict[str, object], row: ColumnValues) -> dict[str, object]:
    """An update of ``row`` carrying the version read: the ORM checks and bumps it, so a lead
    who opened the record before the merge cannot save over it unawares (SPEC 12)."""
    if "version" in kind.table.c:
        values["version"] = row["version"]
    return values


def _version(kind: Kind, record: Mapping[str, object]) -> ExchangeRecord:
    """A record's own fields (no nested lists) as JSON, for merge_conflicts."""
    return {name: record[name] for name in (*kind.names, "updated_at")}


def _stamp(record: Mapping[str, object]) -> str | None:
    """A record's ``updated_at`` (canonical UTC text, so later sorts later), or None."""
    value = record["updated_at"]
    return None if value is None else as_text(value)


def _canonical(value: object) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _owners(existing: Mapping[str, ColumnValues]) -> dict[tuple[str, str], str]:
    return {(row["person_id"], row["kind"]): key for key, row in existing.items()}


@dataclass
class _Known:
    """What records may refer to: e-mails, ids and template scales in the bundle or here."""

    emails: set[str]
    requests: set[str]
    relationships: set[str]
    scales: dict[str, tuple[int, int, set[str]]]


def _check_references(name: str, record: Mapping[str, object], known: _Known) -> None:
    """Bad for the first reference, in the record's field order, that names nothing."""
    people = _PERSON_REFS.get(name, frozenset())
    for key, value in record.items():
        if key in people:
            if value not in known.emails:
                raise Bad("no person with this e-mail in the bundle or the database", key)
        elif value is None:
            continue
        elif name == "relationships" and key == "request":
            if value not in known.requests:
                raise Bad("no request with this id in the bundle or the database", key)
        elif name == "learning_log" and key == "relationship":
            if value not in known.relationships:
                raise Bad("no relationship with this id in the bundle or the database", key)
        elif name == "relationships" and key == "evaluations" and isinstance(value, list):
            for index, evaluation in enumerate(value):
                try:
                    _check_evaluation(evaluation, known.scales)
                except Bad as bad:
                    raise bad.at(index).at(key) from None


def _check_evaluation(
    evaluation: EvaluationRecord, scales: Mapping[str, tuple[int, int, set[str]]]
) -> None:
    template = scales.get(evaluation["template"])
    if template is None:
        raise Bad(
            "no questionnaire template with this key in the bundle or the database", "template"
        )
    low, high, items = template
    for key, answer in evaluation["answers"].items():
        if (
            key in items
            and isinstance(answer, int | float)
            and not isinstance(answer, bool)
            and not low <= answer <= high
        ):
            raise Bad(f"{answer} is outside the template's scale {low}-{high}", "answers", key)
