"""Retention: records kept past the hub's period, listed for review and deleted in one action."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import delete, func, select

from coachdesk.domain.dates import format_date
from coachdesk.domain.enums import RelationshipStatus
from coachdesk.domain.privacy import CLOSED_REGISTRATION, PastRetention, years_before
from coachdesk.errors import UserError
from coachdesk.services import audit
from coachdesk.services.changes import Changes, Outcome, RecordKind
from coachdesk.services.settings import load_in
from coachdesk.storage.models import Attachment, AuditEntry, Registration, Relationship
from coachdesk.storage.uow import Database, UnitOfWork

#: Relationship statuses whose retention clock runs from the day they ended.
_ENDED = (RelationshipStatus.ENDED.value, RelationshipStatus.WITHDRAWN.value)


@dataclass(frozen=True)
class RetentionReview:
    """What is past the retention period on a day: records, and audit rows older than it."""

    years: int
    cutoff: date  # records that ended before this day are past it
    records: tuple[PastRetention, ...]
    audit_rows: int

    @property
    def count(self) -> int:
        return len(self.records)


@dataclass(frozen=True)
class RetentionResult:
    relationships: int
    registrations: int
    audit_rows: int
    backup: Path


def _day(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def _review(uow: UnitOfWork, today: date) -> RetentionReview:
    years = load_in(uow).retention_years
    cutoff = years_before(today, years)
    s = uow.session
    out: list[PastRetention] = []
    why = f"more than {years} year{'s' if years != 1 else ''} ago"
    for rid, kind, status, ended_on in s.execute(
        select(Relationship.id, Relationship.kind, Relationship.status, Relationship.ended_on)
        .where(
            Relationship.status.in_(_ENDED),
            Relationship.ended_on.is_not(None),
            Relationship.ended_on < cutoff,
        )
        .order_by(Relationship.ended_on, Relationship.id)
    ):
        if ended_on is None:  # not selected; the column allows it
            continue
        out.append(
            PastRetention(
                "relationship",
                rid,
                f"{kind.capitalize()} relationship ({status}), with its sessions and evaluations",
                ended_on,
                f"{status.capitalize()} on {format_date(ended_on)}, {why}",
            )
        )
    cut = datetime(cutoff.year, cutoff.month, cutoff.day, tzinfo=UTC)
    for rid, kind, status, changed in s.execute(
        select(Registration.id, Registration.kind, Registration.status, Registration.updated_at)
        .where(Registration.status.in_(CLOSED_REGISTRATION), Registration.updated_at < cut)
        .order_by(Registration.updated_at, Registration.id)
    ):
        day = _day(changed)
        out.append(
            PastRetention(
                "registration",
                rid,
                f"{kind.capitalize()} registration ({status}), with its certificate",
                day,
                f"{status.capitalize()}, last changed on {format_date(day)}, {why}",
            )
        )
    out.sort(key=lambda r: (r.ended_on, r.kind, r.id))
    old_audit = s.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.at < cut))
    return RetentionReview(years, cutoff, tuple(out), int(old_audit or 0))


def retention_review(db: Database, today: date | None = None) -> RetentionReview:
    """The records past the retention period on ``today`` (the dashboard lists them)."""
    today = today or db.clock.today()
    with db.uow() as uow:
        return _review(uow, today)


def delete_past_retention(
    db: Database, today: date, reviewed: Iterable[str], stamp: str
) -> Outcome[RetentionResult]:
    """Take a checked backup, then delete the reviewed records still past the period (and
    audit rows older than it) in one transaction. Records that changed since the review — no
    longer past the period — are left alone."""
    from coachdesk.services.privacy import clean_file
    from coachdesk.services.safekeeping import backup, backup_before

    if not isinstance(today, date) or isinstance(today, datetime):
        raise UserError("The retention review needs today's date.")
    try:
        wanted = {r for r in reviewed if isinstance(r, str)}
    except TypeError:
        raise UserError("The records to delete must be listed by their ids.") from None
    if not wanted and not retention_review(db, today).audit_rows:
        raise UserError("There is nothing past the retention period to delete.")
    # A refused backup (UserError) deletes nothing. SQLite: a pre-operation backup, which
    # rotation keeps for a week; PostgreSQL: a JSON bundle.
    taken = backup_before(db, "bulk-delete") or backup(db, None, stamp)
    with db.uow() as uow, audit.quiet(uow):
        review = _review(uow, today)
        rels = [r.id for r in review.records if r.kind == "relationship" and r.id in wanted]
        regs = [r.id for r in review.records if r.kind == "registration" and r.id in wanted]
        s = uow.session
        files = [
            f
            for f in s.scalars(
                select(Registration.certificate_id).where(Registration.id.in_(regs or [""]))
            )
            if f
        ]
        for model, ids in ((Relationship, rels), (Registration, regs), (Attachment, files)):
            for start in range(0, len(ids), 500):
                s.execute(delete(model).where(model.id.in_(ids[start : start + 500])))
        pruned = audit.prune_in(uow, review.cutoff)
        audit.write(
            uow,
            "retention",
            "database",
            detail=f"past {review.years} years: relationships {len(rels)}, registrations "
            f"{len(regs)}, audit rows {pruned}",
            at=db.clock.now(),
        )
        uow.commit()
    clean_file(db)  # deleted pages overwritten and the WAL folded in (SQLite)
    k = RecordKind
    changes = Changes.of_kinds(
        k.RELATIONSHIP,
        k.REGISTRATION,
        k.MEETING,
        k.EVALUATION,
        k.PERSON,
        ids=frozenset({*rels, *regs}),
    )
    return Outcome(RetentionResult(len(rels), len(regs), pruned, taken), changes)
