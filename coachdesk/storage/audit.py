"""The audit trail of ORM writes: a row per record created, changed or deleted, in the same flush.

Only the kind of record, its id and the NAMES of the columns that changed are written — never
their values. Bulk paths (imports, erasure, retention) set ``session.info[QUIET]`` and write
one summary row themselves.
"""

from __future__ import annotations

import logging

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session, UOWTransaction, sessionmaker

from coachdesk.storage.models import (
    Attachment,
    AuditEntry,
    Base,
    CpdRecord,
    CultureAssessment,
    Evaluation,
    LearningEntry,
    Meeting,
    MergeConflict,
    Person,
    QuestionnaireTemplate,
    Registration,
    Relationship,
    Reminder,
    Request,
    Setting,
    SupervisionRecord,
    WorkforceHeadcount,
    new_id,
)

log = logging.getLogger("coachdesk.audit")

#: ``session.info`` key: while true, the flush hook writes nothing (the caller audits).
QUIET = "audit_quiet"

#: The name a lead reads for each kind of record (the audit log's "Record" column).
RECORD_KINDS: dict[type[Base], str] = {
    Person: "person",
    Registration: "registration",
    Request: "request",
    Relationship: "relationship",
    Meeting: "session",
    Evaluation: "evaluation",
    CpdRecord: "cpd",
    SupervisionRecord: "supervision",
    LearningEntry: "learning",
    QuestionnaireTemplate: "template",
    Setting: "setting",
    MergeConflict: "conflict",
    Attachment: "attachment",
    WorkforceHeadcount: "headcount",
    CultureAssessment: "culture",
    Reminder: "reminder",
}

#: Columns that change on every write and say nothing about what the lead did.
_IGNORED = frozenset({"created_at", "updated_at"})


def _key(obj: Base) -> str | None:
    mapper = inspect(obj).mapper
    values = [getattr(obj, mapper.get_property_by_column(c).key) for c in mapper.primary_key]
    return None if values[0] is None else str(values[0])


def _ensure_id(obj: Base) -> None:
    """New records get their UUID now, so the audit row can name it."""
    if getattr(obj, "id", "") is None and "id" in inspect(type(obj)).columns:
        setattr(obj, "id", new_id())  # noqa: B010 - not every record has an ``id``


def _changed(obj: Base, *, new: bool) -> list[str]:
    state = inspect(obj)
    names = []
    for attr in state.mapper.column_attrs:
        if attr.key in _IGNORED:
            continue
        history = state.attrs[attr.key].history
        if new:
            if getattr(obj, attr.key) is not None:
                names.append(attr.key)
        elif history.has_changes():
            names.append(attr.key)
    return names


def _before_flush(session: Session, _context: UOWTransaction, _instances: object) -> None:
    if session.info.get(QUIET):
        return
    entries: list[AuditEntry] = []
    for obj in list(session.new):
        kind = RECORD_KINDS.get(type(obj))
        if kind is None:
            continue
        _ensure_id(obj)
        entries.append(
            AuditEntry(
                action="create",
                record_kind=kind,
                record_id=_key(obj),
                fields=_changed(obj, new=True),
            )
        )
    for obj in list(session.dirty):
        kind = RECORD_KINDS.get(type(obj))
        if kind is None or not session.is_modified(obj, include_collections=False):
            continue
        fields = _changed(obj, new=False)
        if fields:
            entries.append(
                AuditEntry(action="update", record_kind=kind, record_id=_key(obj), fields=fields)
            )
    for obj in list(session.deleted):
        kind = RECORD_KINDS.get(type(obj))
        if kind is not None:
            entries.append(
                AuditEntry(action="delete", record_kind=kind, record_id=_key(obj), fields=[])
            )
    session.add_all(entries)
    for e in entries:  # the same non-personal facts in the log: kind, id, field names
        log.info("%s %s %s fields=%s", e.action, e.record_kind, e.record_id, ",".join(e.fields))


def install(factory: sessionmaker[Session]) -> None:
    """Audit every flush of the sessions ``factory`` makes."""
    event.listen(factory, "before_flush", _before_flush)
