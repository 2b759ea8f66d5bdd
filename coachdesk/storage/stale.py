"""Refusing a save or delete based on a stale version: who changed the record, and when.

Every editable record carries a version (``Stamped.version``). A service told the version the
lead opened (``expected_version``) compares it with the one held now (``check_version``); a
change committed between that read and the write makes SQLAlchemy's ``UPDATE … WHERE version
= ?`` match nothing, and the unit of work turns the ``StaleDataError`` into the same refusal
(``install`` remembers which versioned records each flush writes, ``from_flush`` finds the
one that moved).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session, UOWTransaction, sessionmaker

from coachdesk.errors import StaleRecord
from coachdesk.storage.audit import RECORD_KINDS
from coachdesk.storage.models import (
    Attachment,
    AuditEntry,
    Base,
    CpdRecord,
    CultureAssessment,
    Evaluation,
    LearningEntry,
    Meeting,
    Person,
    QuestionnaireTemplate,
    Registration,
    Relationship,
    Request,
    Stamped,
    SupervisionRecord,
    WorkforceHeadcount,
)

#: ``session.info`` key: (model, primary key, version read, deleting?) of each versioned
#: record the current flush writes.
_WRITING = "coachdesk_versioned_writes"

#: How a development record is named in a refusal ("Sam Lee's CPD record of 3 Dec 2026").
_DEVELOPMENT_RECORD: dict[type, str] = {
    CpdRecord: "CPD record",
    SupervisionRecord: "supervision record",
    LearningEntry: "learning log entry",
}


def _pk(obj: object) -> str:
    return str(inspect(obj).identity[0])


def check_version(
    session: Session, obj: Base, expected_version: int | None, *, deleting: bool = False
) -> None:
    """Refuse (StaleRecord) when ``obj`` is no longer at the version the lead opened."""
    if expected_version is None or not isinstance(obj, Stamped):
        return
    if obj.version != expected_version:
        raise stale_record(session, type(obj), _pk(obj), deleting=deleting)


def refuse_if_gone(
    session: Session, model: type[Base], record_id: str, expected_version: int | None
) -> None:
    """A record the lead opened (``expected_version`` given) that the audit log says someone
    deleted meanwhile is refused saying who and when; otherwise the caller's NotFound stands."""
    if expected_version is None or session.get(model, record_id) is not None:
        return
    kind = RECORD_KINDS.get(model, model.__tablename__)
    deleted = session.scalar(
        select(AuditEntry.id).where(
            AuditEntry.record_kind == kind,
            AuditEntry.record_id == record_id,
            AuditEntry.action == "delete",
        )
    )
    if deleted is not None:
        raise stale_record(session, model, record_id, gone=True)


def _fmt_date(d: Any) -> str:
    return f"{d.day} {d:%b %Y}"


def _name(session: Session, person_id: str | None) -> str:
    if person_id is None:
        return "someone"
    name = session.scalar(select(Person.full_name).where(Person.id == person_id))
    return name or "someone"


def _label(session: Session, model: type[Base], record_id: str) -> str:
    """What the lead calls the record: "Jo Bloggs's record", "The session on 3 Dec 2026"..."""
    obj: Any = session.get(model, record_id)
    if obj is None:
        return f"The {RECORD_KINDS.get(model, 'record')} record"
    if isinstance(obj, Person):
        return f"{obj.full_name}'s record"
    if isinstance(obj, Registration):
        return f"{_name(session, obj.person_id)}'s {obj.kind} registration"
    if isinstance(obj, Request):
        return (
            f"The {obj.kind} request from {_name(session, obj.client_id)} to "
            f"{_name(session, obj.practitioner_id)}"
        )
    if isinstance(obj, Relationship):
        return (
            f"The {obj.kind} relationship of {_name(session, obj.client_id)} with "
            f"{_name(session, obj.practitioner_id)}"
        )
    if isinstance(obj, Meeting):
        return f"The session on {_fmt_date(obj.date)}"
    if isinstance(obj, Evaluation):
        return f"The {obj.kind} evaluation"
    if isinstance(obj, CpdRecord | SupervisionRecord | LearningEntry):
        what = _DEVELOPMENT_RECORD[type(obj)]
        return f"{_name(session, obj.person_id)}'s {what} of {_fmt_date(obj.date)}"
    if isinstance(obj, QuestionnaireTemplate):
        return f"The questionnaire {obj.title!r}"
    if isinstance(obj, WorkforceHeadcount):
        return f"The workforce headcount for {obj.organisation}"
    if isinstance(obj, CultureAssessment):
        return f"The coaching culture assessment of {obj.organisation}"
    if isinstance(obj, Attachment):
        return f"The file {obj.filename}"
    return f"The {RECORD_KINDS.get(model, 'record')} record"


def when(at: datetime) -> str:
    """``10:42 on 7 Dec 2026`` in the computer's own time zone."""
    local = at.astimezone()
    return f"{local:%H:%M} on {_fmt_date(local)}"


def stale_record(
    session: Session,
    model: type[Base],
    record_id: str,
    *,
    gone: bool = False,
    deleting: bool = False,
) -> StaleRecord:
    """The refusal naming the record, the database user who last changed it and when."""
    kind = RECORD_KINDS.get(model, model.__tablename__)
    latest = session.execute(
        select(AuditEntry.db_user, AuditEntry.at, AuditEntry.action)
        .where(AuditEntry.record_kind == kind, AuditEntry.record_id == record_id)
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        .limit(1)
    ).first()
    changed_by = (latest.db_user or None) if latest is not None else None
    changed_at = latest.at if latest is not None else None
    if changed_at is not None and changed_at.tzinfo is None:
        from datetime import UTC

        changed_at = changed_at.replace(tzinfo=UTC)
    gone = gone or (latest is not None and latest.action == "delete")
    label = _label(session, model, record_id)
    verb = "deleted" if gone else "changed"
    who = f" by {changed_by}" if changed_by else (" by someone else" if latest is None else "")
    at = f" at {when(changed_at)}" if changed_at is not None else ""
    nothing = "Nothing was deleted." if deleting and not gone else "Nothing was saved."
    message = f"{label} was {verb}{who}{at} since you opened it. {nothing}"
    return StaleRecord(
        message, kind=kind, record_id=record_id, changed_by=changed_by, changed_at=changed_at
    )


def _remember(session: Session, _context: UOWTransaction, _instances: object) -> None:
    writes = []
    for obj in list(session.dirty):
        if isinstance(obj, Stamped) and session.is_modified(obj, include_collections=False):
            writes.append((type(obj), _pk(obj), obj.version, False))
    for obj in list(session.deleted):
        if isinstance(obj, Stamped):
            writes.append((type(obj), _pk(obj), obj.version, True))
    session.info[_WRITING] = writes


def from_flush(session: Session, detail: str) -> StaleRecord:
    """After a StaleDataError (``detail`` its message): roll back and name the record that moved.

    ``session`` is rolled back; nothing of the failed save is kept."""
    writes = session.info.pop(_WRITING, [])
    session.rollback()
    first = sorted(writes, key=lambda w: f"'{w[0].__tablename__}'" not in detail)
    for model, record_id, version, deleting in first:
        held = session.scalar(
            select(model.version).where(inspect(model).primary_key[0] == record_id)
        )
        if held != version:
            return stale_record(session, model, record_id, gone=held is None, deleting=deleting)
    return StaleRecord(
        "Another lead changed these records while they were being saved. Nothing was saved; "
        "reload and try again.",
        kind="record",
        record_id="",
    )


def install(factory: sessionmaker[Session]) -> None:
    """Remember, before each flush of ``factory``'s sessions, which versioned records it writes."""
    event.listen(factory, "before_flush", _remember)
