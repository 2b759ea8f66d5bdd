"""Offline-merge review: the versions a bundle import set aside, accepted or dismissed."""

from __future__ import annotations

import base64
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import RowMapping, Table, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from coachdesk.errors import UserError
from coachdesk.services.changes import Changes, Outcome, RecordKind
from coachdesk.services.exchange.records import (
    ATTACHMENT,
    KIND_BY_NAME,
    PERSON,
    PERSON_KIND,
    Context,
    Kind,
    attachment_record,
    record_maker,
    table_of,
    to_columns,
)
from coachdesk.services.exchange.report import CHANGE_KIND
from coachdesk.services.settings import load_in, write_in
from coachdesk.services.validate import row_or_404
from coachdesk.storage.models import Attachment, Base, MergeConflict, Person, new_id
from coachdesk.storage.uow import Database, UnitOfWork

#: A record in exchange form: JSON-ready values (text, numbers, lists, objects) by field name.
Record = dict[str, object]


@dataclass(frozen=True)
class FieldDifference:
    """One field where the other version differs from the record as it is now (exchange
    spellings: dates ISO, people by e-mail, files by name)."""

    field: str
    theirs: object
    current: object


@dataclass(frozen=True)
class ConflictRow:
    id: str
    kind: str  # person, registration, session, ... or setting
    record_id: str  # the record's id (a person's e-mail, a template's or setting's key)
    label: str  # what the record is, in words
    fields: tuple[str, ...]  # the fields that differed at the merge
    kept: str  # "mine": this database's version was kept; "theirs": the bundle's
    source: str
    recorded_at: datetime
    resolved: bool
    exists: bool  # False when the record has since been deleted
    differences: tuple[FieldDifference, ...]  # the other version against the record now


def _shown(value: object) -> object:
    """An exchange value made readable: a file appears as its name, lists as tuples."""
    if isinstance(value, Mapping) and "filename" in value and "data" in value:
        return f"file {value['filename']}"
    if isinstance(value, list):
        return tuple(_shown(v) for v in value)
    return value


def _label(kind: str, key: str, version: Mapping[str, object]) -> str:
    v = version.get
    labels = {
        "person": lambda: f"{v('full_name') or ''} ({key})".strip(),
        "registration": lambda: f"{v('kind')} registration of {v('person')}",
        "request": lambda: f"{v('kind')} request from {v('client')} to {v('practitioner')}",
        "relationship": lambda: f"{v('kind')} relationship: {v('practitioner')} with {v('client')}",
        "session": lambda: f"session on {v('date')}",
        "evaluation": lambda: (
            f"{v('kind')} evaluation completed {v('completed_on') or '(no date)'}"
        ),
        "cpd": lambda: f"CPD record {v('title')!r} of {v('person')}",
        "supervision": lambda: f"supervision on {v('date')} of {v('person')}",
        "learning_log": lambda: f"learning-log entry {v('title')!r} of {v('person')}",
        "template": lambda: f"questionnaire template {key}",
        "setting": lambda: f"setting {key}",
    }
    return labels.get(kind, lambda: f"{kind} {key}")()


class _Records:
    """Current records in exchange form, read per kind with the people and files they name."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.ctx = Context()
        for person_id, email in session.execute(select(Person.id, Person.email)):
            self.ctx.add_person(person_id, email)

    def current(self, kind: Kind, keys: list[str]) -> dict[str, Record]:
        table = _table(kind)
        rows = [
            _plain(row)
            for row in self.session.execute(
                select(table).where(table.c[kind.key].in_(keys))
            ).mappings()
        ]
        files = [
            row[column]
            for row in rows
            for _name, column, conv in kind.fields
            if conv == ATTACHMENT and row[column]
        ]
        if files:
            found = select(table_of(Attachment)).where(Attachment.id.in_(files))
            for att in self.session.execute(found).mappings():
                self.ctx.attachments[att["id"]] = attachment_record(_plain(att))
        make = record_maker(kind, self.ctx)
        return {str(row[kind.key]): make(row) for row in rows}


def _table(kind: Kind) -> Table:
    model = kind.model
    assert issubclass(model, Base)
    return table_of(model)


def _plain(row: RowMapping) -> Record:
    """A row's values by column name."""
    return {str(name): value for name, value in row.items()}


def _differences(
    kind: Kind | None, other: Mapping[str, object], current: Mapping[str, object] | None
) -> tuple[FieldDifference, ...]:
    names = kind.names if kind is not None else ("value",)
    out: list[FieldDifference] = []
    for name in names:
        if name not in other or (kind is not None and name == kind.key):
            continue
        now = None if current is None else current.get(name)
        if current is None or other[name] != now:
            out.append(FieldDifference(name, _shown(other[name]), _shown(now)))
    return tuple(out)


def list_conflicts(db: Database, include_resolved: bool = False) -> list[ConflictRow]:
    """The versions set aside by merges, newest first, each against the record as it is now."""
    table = table_of(MergeConflict)
    query = select(table).order_by(table.c.recorded_at.desc(), table.c.record_kind, table.c.id)
    if not include_resolved:
        query = query.where(table.c.resolved.is_(False))
    with db.uow() as uow:
        conflicts = [_plain(c) for c in uow.session.execute(query).mappings()]
        by_kind: dict[str, list[str]] = defaultdict(list)
        for c in conflicts:
            by_kind[str(c["record_kind"])].append(str(c["record_id"]))
        records = _Records(uow.session)
        current: dict[str, dict[str, Record]] = {}
        for name, keys in by_kind.items():
            if name == "setting":
                settings = load_in(uow).as_dict()
                current[name] = {k: {"key": k, "value": settings.get(k)} for k in keys}
            elif name in KIND_BY_NAME:
                current[name] = records.current(KIND_BY_NAME[name], sorted(set(keys)))
        return [
            _row(c, current.get(str(c["record_kind"]), {}).get(str(c["record_id"])))
            for c in conflicts
        ]


def _row(c: Mapping[str, object], now: Mapping[str, object] | None) -> ConflictRow:
    """A conflict's row (``c``: its column values) against the record as it is ``now``."""
    kind_name, record_id = str(c["record_kind"]), str(c["record_id"])
    other = c["other_version"] or {}
    fields = c["fields"] or ()
    recorded_at = c["recorded_at"]
    assert isinstance(other, Mapping) and isinstance(fields, list | tuple)
    assert isinstance(recorded_at, datetime)
    kind = KIND_BY_NAME.get(kind_name)
    return ConflictRow(
        id=str(c["id"]),
        kind=kind_name,
        record_id=record_id,
        label=_label(kind_name, record_id, now or other),
        fields=tuple(str(f) for f in fields),
        kept=str(c["kept"]),
        source=str(c["source"] or ""),
        recorded_at=recorded_at,
        resolved=bool(c["resolved"]),
        exists=now is not None,
        differences=_differences(kind, other, now),
    )


def _conflict_or_404(uow: UnitOfWork, conflict_id: str) -> MergeConflict:
    return row_or_404(uow, MergeConflict, conflict_id, "merge conflict")


def keep_mine(db: Database, conflict_id: str) -> Outcome[None]:
    """Dismiss the other version: the record stays as it is (the version stays on file)."""
    with db.uow() as uow:
        conflict = _conflict_or_404(uow, conflict_id)
        conflict.resolved = True
        uow.commit()
    return Outcome(None, Changes.of(RecordKind.CONFLICT, conflict_id))


def accept_theirs(db: Database, conflict_id: str) -> Outcome[ConflictRow]:
    """Apply the other version's values to the record; the version they replace is kept as a
    new (resolved) conflict, so nothing is lost. Returns that new conflict."""
    now = db.clock.now()
    with db.uow() as uow:
        conflict = _conflict_or_404(uow, conflict_id)
        other = dict(conflict.other_version or {})
        kind_name, key = conflict.record_kind, conflict.record_id
        if kind_name == "setting":
            replaced = {"key": key, "value": load_in(uow).as_dict().get(key)}
            write_in(uow, {key: other.get("value")})
            applied = {"key": key, "value": other.get("value")}
            fields = ["value"] if replaced["value"] != applied["value"] else []
        else:
            kind = KIND_BY_NAME.get(kind_name)
            if kind is None:
                raise UserError(f"A {kind_name} version cannot be applied by this coachdesk.")
            replaced, applied, fields = _apply(uow, kind, key, other, now)
        conflict.resolved = True
        stored = MergeConflict(
            id=new_id(),
            record_kind=kind_name,
            record_id=key,
            kept="theirs",
            fields=fields,
            other_version=replaced,
            source=f"replaced {now:%Y-%m-%d %H:%M} UTC by the version from {conflict.source}"[:300],
            recorded_at=now,
            resolved=True,
        )
        uow.session.add(stored)
        try:
            uow.session.flush()
        except IntegrityError:
            raise _clash(kind_name, key) from None
        row = _row({c.name: getattr(stored, c.name) for c in table_of(MergeConflict).c}, applied)
        uow.commit()
    change = Changes.of(RecordKind.CONFLICT, conflict_id, stored.id)
    change |= Changes.of(CHANGE_KIND[kind_name], key)
    return Outcome(row, change)


def _clash(kind_name: str, key: str) -> UserError:
    return UserError(
        f"The other version of {kind_name} {key} cannot be applied: it clashes with a record "
        "held here (a person, request or relationship it names is gone, or another record "
        "already holds its place). Nothing was changed."
    )


def _apply(
    uow: UnitOfWork,
    kind: Kind,
    key: str,
    other: Mapping[str, object],
    now: datetime,
) -> tuple[Record, Record, list[str]]:
    """Write ``other`` over the record; returns the version replaced, the version applied
    and the fields that changed."""
    records = _Records(uow.session)
    current = records.current(kind, [key]).get(key)
    if current is None:
        raise UserError(
            f"The {kind.name.replace('_', ' ')} this version belongs to ({key}) no longer "
            "exists, so there is nothing to apply it to."
        )
    merged = dict(current)
    for name in kind.names:
        if name in other and name != kind.key:
            merged[name] = other[name]
    missing = [
        f"{name}: no person has the e-mail {merged[name]!r}"
        for name, _column, conv in kind.fields
        if conv == PERSON and merged[name] not in records.ctx.id_of
    ]
    if missing:
        raise UserError(
            f"The other version of {kind.name} {key} cannot be applied:", problems=missing
        )
    if kind is PERSON_KIND and merged.get("region") is None:
        merged["region"] = load_in(uow).region
    columns = to_columns(kind, merged, records.ctx)
    table = _table(kind)
    held = uow.session.execute(select(table).where(table.c[kind.key] == key)).mappings().one()
    stale: list[str] = []
    for name, column, conv in kind.fields:
        if conv != ATTACHMENT:
            continue
        if merged[name] == current[name]:
            columns[column] = held[column]
            continue
        columns[column] = _store_file(uow, merged[name], now)
        if held[column]:
            stale.append(held[column])  # its content is kept in the replaced version
    columns.pop(kind.pk, None)
    columns["updated_at"] = now
    if "version" in table.c:  # a lead who opened the record before must reload it (SPEC 12)
        columns["version"] = table.c.version + 1
    try:
        uow.session.execute(update(table).where(table.c[kind.pk] == held[kind.pk]).values(columns))
        for file_id in stale:
            uow.session.execute(
                table_of(Attachment).delete().where(table_of(Attachment).c.id == file_id)
            )
        uow.session.flush()
    except IntegrityError:
        raise _clash(kind.name, key) from None
    fields = [n for n in kind.names if n != kind.key and merged[n] != current[n]]
    return current, merged, fields


def _store_file(uow: UnitOfWork, file: object, now: datetime) -> str | None:
    """Keep a file in exchange form (``{filename, media_type, data}``, data in base64)."""
    if not file:
        return None
    assert isinstance(file, Mapping)
    file_id = new_id()
    uow.session.execute(
        insert(table_of(Attachment)).values(
            id=file_id,
            filename=file["filename"],
            media_type=file["media_type"],
            data=base64.b64decode(file["data"]),
            created_at=now,
            updated_at=now,
        )
    )
    return file_id
