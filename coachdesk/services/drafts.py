"""Drafts: long free text kept in the database while the lead types it, offered back after a crash."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import delete, select

from coachdesk.services import audit
from coachdesk.services.changes import Changes, Outcome, RecordKind
from coachdesk.storage.models import Draft
from coachdesk.storage.uow import Database, UnitOfWork

#: The most a draft holds (far beyond any notes; a runaway paste is cut, not refused).
MAX_TEXT = 1_000_000


def new_record_id(email: str) -> str:
    """The record id a draft of a record not yet saved uses: its person's e-mail after ``new:``
    (so erasing the person finds it)."""
    return f"new:{email.strip().lower()}"


@dataclass(frozen=True)
class DraftKey:
    """Which text a draft is of: a kind of record, its id (or ``new_record_id``) and a field."""

    kind: RecordKind
    record_id: str
    field: str


@dataclass(frozen=True)
class DraftRow:
    """A draft as stored: its key, the text, what it is for and when it was kept."""

    key: DraftKey
    text: str
    label: str
    saved_at: datetime  # UTC


def _row(d: Draft) -> DraftRow:
    key = DraftKey(RecordKind(d.record_kind), d.record_id, d.field)
    at = d.saved_at if d.saved_at.tzinfo is not None else d.saved_at.replace(tzinfo=UTC)
    return DraftRow(key, d.text, d.label, at)


def save_draft(db: Database, key: DraftKey, text: str, label: str = "") -> Outcome[DraftRow]:
    """Keep ``text`` as the draft of ``key`` (replacing the one kept before). Not audited: the
    record's own save is; nothing on screen shows drafts, so nothing is broadcast."""
    with db.uow() as uow, audit.quiet(uow):
        draft = uow.session.get(Draft, (key.kind.value, key.record_id, key.field))
        if draft is None:
            draft = Draft(record_kind=key.kind.value, record_id=key.record_id, field=key.field)
            uow.session.add(draft)
        draft.text = text[:MAX_TEXT]
        draft.label = label[:300]
        draft.saved_at = db.clock.now()
        row = _row(draft)
        uow.commit()
    return Outcome(row, Changes())


def take_draft(db: Database, key: DraftKey) -> DraftRow | None:
    """The draft kept for ``key``, if any. It stays until the record is saved or the draft is
    discarded, so a second crash before then loses nothing either."""
    with db.uow() as uow:
        draft = uow.session.get(Draft, (key.kind.value, key.record_id, key.field))
        return None if draft is None else _row(draft)


def take_drafts(db: Database, keys: Sequence[DraftKey]) -> list[DraftRow]:
    """The drafts kept for any of ``keys`` (one read for a form with several text fields)."""
    with db.uow() as uow:
        found = (uow.session.get(Draft, (k.kind.value, k.record_id, k.field)) for k in keys)
        return [_row(d) for d in found if d is not None]


def discard_draft(db: Database, *keys: DraftKey) -> Outcome[int]:
    """Delete the drafts of ``keys`` (the record was saved, or the lead discarded them)."""
    with db.uow() as uow, audit.quiet(uow):
        gone = 0
        for key in keys:
            draft = uow.session.get(Draft, (key.kind.value, key.record_id, key.field))
            if draft is not None:
                uow.session.delete(draft)
                gone += 1
        uow.commit()
    return Outcome(gone, Changes())


def list_drafts(db: Database) -> list[DraftRow]:
    """Every draft kept, the newest first."""
    with db.uow() as uow:
        found = uow.session.scalars(select(Draft).order_by(Draft.saved_at.desc()))
        return [_row(d) for d in found]


def delete_drafts_in(uow: UnitOfWork, record_ids: Iterable[str], emails: Iterable[str]) -> None:
    """Inside an open unit of work: delete the drafts of these records and of new records for
    people with these e-mails (a person being erased)."""
    ids = sorted(set(record_ids) | {new_record_id(e) for e in emails})
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        uow.session.execute(delete(Draft).where(Draft.record_id.in_(chunk)))
