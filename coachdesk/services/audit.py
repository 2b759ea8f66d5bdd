"""The audit log: summary rows for imports, exports, reports and erasures, and reading it back."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import delete, func, insert, select

from coachdesk.domain.clock import SYSTEM
from coachdesk.storage.audit import QUIET, RECORD_KINDS, log
from coachdesk.storage.models import AuditEntry, Person
from coachdesk.storage.uow import Database, UnitOfWork

#: Every action an audit row may name, in the order the filter offers them.
ACTIONS = ("create", "update", "delete", "import", "export", "report", "erase", "retention")

#: Every kind of record an audit row may name (summary rows use "database" and "report").
KINDS = tuple(sorted({*RECORD_KINDS.values(), "database", "report"}))

#: The most rows the log view shows at once (the newest first).
PAGE = 5000


@dataclass(frozen=True)
class AuditRow:
    """One line of the audit log as the lead sees it: no personal content, only ids and names
    of fields."""

    id: str
    at: datetime
    action: str
    record_kind: str
    record_id: str
    fields: tuple[str, ...]
    detail: str


@dataclass(frozen=True)
class AuditFilter:
    action: str | None = None
    record_kind: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    record_id: str | None = None


def write(
    uow: UnitOfWork,
    action: str,
    record_kind: str,
    record_id: str | None = None,
    *,
    fields: Iterable[str] = (),
    detail: str = "",
    at: datetime | None = None,
) -> None:
    """Add one audit row inside an open unit of work (so it commits or rolls back with it),
    stamped ``at`` (the caller's ``db.clock.now()``; the system clock when not given)."""
    from coachdesk.services.queries import table_of  # not at import: start-up does without it

    log.info("%s %s %s %s", action, record_kind, record_id or "-", detail[:300])
    uow.session.execute(
        insert(table_of(AuditEntry)).values(
            at=at or SYSTEM.now(),
            action=action,
            record_kind=record_kind,
            record_id=record_id,
            fields=list(fields),
            detail=detail[:300],
        )
    )


def record(
    db: Database,
    action: str,
    record_kind: str,
    record_id: str | None = None,
    *,
    fields: Iterable[str] = (),
    detail: str = "",
) -> None:
    """Add one audit row in a unit of work of its own (exports and reports, which write nothing
    else)."""
    with db.uow() as uow:
        write(uow, action, record_kind, record_id, fields=fields, detail=detail, at=db.clock.now())
        uow.commit()


def counts_detail(counts: dict[str, int]) -> str:
    """``"people 12, relationships 3"``: a non-personal summary of a bulk action."""
    return ", ".join(f"{kind} {n}" for kind, n in counts.items() if n)


def person_id_for(db: Database, email: str | None) -> str | None:
    """The id behind an e-mail (audit rows name ids, never e-mails)."""
    if not email:
        return None
    with db.uow() as uow:
        return uow.session.scalar(
            select(Person.id).where(func.lower(Person.email) == email.strip().lower())
        )


class quiet:
    """``with quiet(uow):`` the per-record rows are not written (the caller writes a summary)."""

    def __init__(self, uow: UnitOfWork) -> None:
        self.session = uow.session

    def __enter__(self) -> None:
        self.session.info[QUIET] = True

    def __exit__(self, *_exc: object) -> None:
        self.session.info.pop(QUIET, None)


def _bounds(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def entries(db: Database, which: AuditFilter | None = None, *, limit: int = PAGE) -> list[AuditRow]:
    """The audit rows that match, newest first."""
    which = which or AuditFilter()
    query = select(AuditEntry).order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(limit)
    if which.action:
        query = query.where(AuditEntry.action == which.action)
    if which.record_kind:
        query = query.where(AuditEntry.record_kind == which.record_kind)
    if which.record_id:
        query = query.where(AuditEntry.record_id == which.record_id)
    if which.date_from:
        query = query.where(AuditEntry.at >= _bounds(which.date_from))
    if which.date_to:
        query = query.where(AuditEntry.at < _bounds(which.date_to + timedelta(days=1)))
    with db.uow() as uow:
        return [
            AuditRow(
                id=str(e.id),
                at=e.at if e.at.tzinfo else e.at.replace(tzinfo=UTC),
                action=e.action,
                record_kind=e.record_kind,
                record_id=e.record_id or "",
                fields=tuple(e.fields or ()),
                detail=e.detail or "",
            )
            for e in uow.session.scalars(query)
        ]


def prune_in(uow: UnitOfWork, before: date) -> int:
    """Delete the audit rows written before ``before``; returns how many."""
    from coachdesk.services.queries import affected_rows

    result = uow.session.execute(delete(AuditEntry).where(AuditEntry.at < _bounds(before)))
    return affected_rows(result)


def forget_ids_in(uow: UnitOfWork, ids: Iterable[str]) -> int:
    """Delete the audit rows about these records (erasure: not even their ids stay linked)."""
    from coachdesk.services.queries import affected_rows

    wanted = list(ids)
    removed = 0
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        result = uow.session.execute(delete(AuditEntry).where(AuditEntry.record_id.in_(chunk)))
        removed += affected_rows(result)
    return removed
