"""The right to erasure: show everything about a person that will go, then erase it for good.

A person's own records are deleted; relationships they were a party to stay as anonymous
statistics (kind, status, dates, session dates and minutes) with an "Erased person" stand-in,
so programme totals stay true. Mentions of their name or e-mail in other people's text become
"[erased]". On SQLite the deleted pages are overwritten (secure_delete), the WAL is
checkpointed and the file is VACUUMed, so no trace stays in the database file.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Column, ColumnElement, delete, func, insert, or_, select, update
from sqlalchemy.orm import QueryableAttribute

from coachdesk.domain.dates import format_date
from coachdesk.domain.enums import (
    EvaluationKind,
    RelationshipKind,
    RelationshipStatus,
    RequestStatus,
)
from coachdesk.domain.privacy import (
    ERASED_DOMAIN,
    ERASED_MENTION,
    ERASED_NAME,
    OPEN_RELATIONSHIP,
    erased_email,
    is_erased_email,
)
from coachdesk.domain.words import counted, plural
from coachdesk.errors import UserError
from coachdesk.services import audit
from coachdesk.services.changes import Changes, Outcome, RecordKind
from coachdesk.services.drafts import delete_drafts_in
from coachdesk.services.queries import table_of
from coachdesk.services.validate import person_or_404
from coachdesk.storage.engine import sqlite_path
from coachdesk.storage.models import (
    Attachment,
    Base,
    CpdRecord,
    Evaluation,
    LearningEntry,
    Meeting,
    MergeConflict,
    Person,
    Registration,
    Relationship,
    Reminder,
    Request,
    SupervisionRecord,
    new_id,
)
from coachdesk.storage.uow import Database, UnitOfWork

#: The evaluations each party completes: the client's three and the practitioner's one.
_CLIENT_EVALUATIONS = (
    EvaluationKind.PRE.value,
    EvaluationKind.POST.value,
    EvaluationKind.FOLLOW_UP.value,
)
_PRACTITIONER_EVALUATIONS = (EvaluationKind.PRACTITIONER_POST.value,)

#: Free-text columns of other people's records that may mention the erased person.
_TEXT_ATTRIBUTES = (
    Person.notes,
    Person.manager_name,
    Person.manager_email,
    Person.override_reason,
    CpdRecord.reflection,
    SupervisionRecord.supervisor,
    SupervisionRecord.themes,
    SupervisionRecord.reflection,
    LearningEntry.title,
    LearningEntry.what_happened,
    LearningEntry.learning,
    LearningEntry.next_time,
    Meeting.notes,
    Evaluation.comments,
    Relationship.end_reason,
    Registration.experience,
)
#: A free-text column (some allow NULL).
TextColumn = Column[str | None]


def _column(attribute: QueryableAttribute[str] | QueryableAttribute[str | None]) -> TextColumn:
    model = attribute.class_
    assert isinstance(model, type) and issubclass(model, Base)
    return table_of(model).c[attribute.key]


_TEXT_COLUMNS: tuple[TextColumn, ...] = tuple(_column(a) for a in _TEXT_ATTRIBUTES)

#: The person's own records, deleted by id.
_Owned = (
    type[Evaluation]
    | type[MergeConflict]
    | type[LearningEntry]
    | type[CpdRecord]
    | type[SupervisionRecord]
    | type[Registration]
    | type[Attachment]
    | type[Reminder]
)


@dataclass(frozen=True)
class AnonymisedRelationship:
    """A relationship the person was a party to: it stays, without them."""

    id: str
    kind: RelationshipKind
    their_role: str  # "client" or "practitioner"
    other_party: str  # the other party's name (shown to the lead, who may see it)
    status: RelationshipStatus
    started_on: date | None
    ended_on: date | None
    sessions: int


@dataclass(frozen=True)
class ErasurePreview:
    """Everything an erasure would remove or anonymise."""

    person_id: str
    full_name: str
    email: str
    removed: tuple[tuple[str, int], ...]  # (what, how many) for the person's own records
    relationships: tuple[AnonymisedRelationship, ...]
    closing: int  # open relationships that will be closed as withdrawn
    requests: int  # requests kept as anonymous statistics
    mentions: int  # other records whose text names them: the mentions become "[erased]"

    def lines(self) -> list[str]:
        """The preview in words (the command line prints it; the dialog lists it)."""
        out = [f"Erasing {self.full_name} <{self.email}> removes for good:"]
        out += [f"  - {what}: {n}" for what, n in self.removed]
        if self.relationships:
            out.append(
                f"{counted(len(self.relationships), 'relationship', 'stays', 'stay')} as anonymous "
                "statistics "
                "(dates, sessions and minutes; objectives, end reasons, session notes and "
                "their evaluations go):"
            )
            for r in self.relationships:
                when = format_date(r.started_on) if r.started_on else "not started"
                out.append(
                    f"  - {r.kind} as {r.their_role} with {r.other_party}, {r.status}, "
                    f"from {when}, {plural(r.sessions, 'session')}"
                )
        if self.requests:
            out.append(
                f"{counted(self.requests, 'request', 'stays', 'stay')} as "
                "anonymous statistics; "
                "a pending one is withdrawn."
            )
        if self.closing:
            out.append(
                f"{plural(self.closing, 'open relationship')} will be closed as withdrawn today."
            )
        if self.mentions:
            out.append(
                f"{counted(self.mentions, 'other record', 'mentions', 'mention')} their name or "
                "e-mail; "
                f"each mention becomes {ERASED_MENTION}."
            )
        out.append("Backups taken before now still hold their data; delete those separately.")
        return out


@dataclass(frozen=True)
class ErasureResult:
    person_id: str
    removed: tuple[tuple[str, int], ...]
    anonymised: int
    file_cleaned: bool  # SQLite: checkpointed and VACUUMed


class _Plan:
    """The ids an erasure touches, gathered once for the preview and the erase alike."""

    def __init__(self, uow: UnitOfWork, email: str) -> None:
        s = uow.session
        person = person_or_404(uow, email)
        if is_erased_email(person.email):
            raise UserError("That record is already an erased person's anonymous stand-in.")
        self.person = person
        pid = person.id
        self.registrations = list(
            s.scalars(select(Registration.id).where(Registration.person_id == pid))
        )
        self.cpd = list(s.scalars(select(CpdRecord.id).where(CpdRecord.person_id == pid)))
        self.supervision = list(
            s.scalars(select(SupervisionRecord.id).where(SupervisionRecord.person_id == pid))
        )
        self.learning = list(
            s.scalars(select(LearningEntry.id).where(LearningEntry.person_id == pid))
        )
        self.reminders = list(s.scalars(select(Reminder.id).where(Reminder.person_id == pid)))
        self.requests = list(
            s.scalars(
                select(Request.id).where(
                    or_(Request.client_id == pid, Request.practitioner_id == pid)
                )
            )
        )
        files = s.execute(
            select(Registration.certificate_id).where(Registration.person_id == pid)
        ).scalars()
        evidence = s.execute(
            select(CpdRecord.evidence_id).where(CpdRecord.person_id == pid)
        ).scalars()
        self.files = sorted({f for f in [*files, *evidence] if f})
        self.relationships = list(
            s.execute(
                select(Relationship).where(
                    or_(Relationship.client_id == pid, Relationship.practitioner_id == pid)
                )
            ).scalars()
        )
        rel_ids = [r.id for r in self.relationships]
        own = [
            Evaluation.relationship_id.in_(
                [r.id for r in self.relationships if r.client_id == pid] or [""]
            )
            & Evaluation.kind.in_(_CLIENT_EVALUATIONS),
            Evaluation.relationship_id.in_(
                [r.id for r in self.relationships if r.practitioner_id == pid] or [""]
            )
            & Evaluation.kind.in_(_PRACTITIONER_EVALUATIONS),
        ]
        self.evaluations = list(s.scalars(select(Evaluation.id).where(or_(*own))))
        self.sessions = dict(
            s.execute(
                select(Meeting.relationship_id, func.count())
                .where(Meeting.relationship_id.in_(rel_ids or [""]))
                .group_by(Meeting.relationship_id)
            ).all()
        )
        names = dict(
            s.execute(
                select(Person.id, Person.full_name).where(
                    Person.id.in_(
                        {r.client_id for r in self.relationships}
                        | {r.practitioner_id for r in self.relationships}
                    )
                )
            ).all()
        )
        self.names = names
        self.needles = [n for n in {person.full_name.strip(), person.email.strip()} if len(n) >= 3]
        self.mentioned = _mentions(uow, self.needles, self.owned_ids())
        self.conflicts = _conflicts(uow, self.needles, self.owned_ids() | {person.email})

    def owned_ids(self) -> set[str]:
        return {
            self.person.id,
            *self.registrations,
            *self.cpd,
            *self.supervision,
            *self.learning,
            *self.evaluations,
            *self.files,
            *self.reminders,
        }

    def removed(self) -> tuple[tuple[str, int], ...]:
        return (
            ("person record", 1),
            ("registrations", len(self.registrations)),
            ("certificates and evidence files", len(self.files)),
            ("CPD records", len(self.cpd)),
            ("supervision records", len(self.supervision)),
            ("learning-log entries", len(self.learning)),
            ("evaluations they completed", len(self.evaluations)),
            ("reminders drafted to them", len(self.reminders)),
            ("import conflict versions", len(self.conflicts)),
        )

    def preview(self) -> ErasurePreview:
        pid = self.person.id
        rels = tuple(
            AnonymisedRelationship(
                id=r.id,
                kind=RelationshipKind(r.kind),
                their_role="client" if r.client_id == pid else "practitioner",
                other_party=self.names.get(
                    r.practitioner_id if r.client_id == pid else r.client_id, ""
                ),
                status=RelationshipStatus(r.status),
                started_on=r.started_on,
                ended_on=r.ended_on,
                sessions=int(self.sessions.get(r.id, 0)),
            )
            for r in sorted(self.relationships, key=lambda r: (r.started_on or date.min, r.id))
        )
        return ErasurePreview(
            person_id=pid,
            full_name=self.person.full_name,
            email=self.person.email,
            removed=self.removed(),
            relationships=rels,
            requests=len(self.requests),
            closing=sum(1 for r in self.relationships if r.status in OPEN_RELATIONSHIP),
            mentions=sum(len(ids) for ids in self.mentioned.values()),
        )


def _contains(column: TextColumn, needle: str) -> ColumnElement[bool]:
    return func.lower(column).contains(needle.lower(), autoescape=True)


def _mentions(uow: UnitOfWork, needles: list[str], skip: set[str]) -> dict[TextColumn, list[str]]:
    """Ids of other records whose free text names the person, by column."""
    found: dict[TextColumn, list[str]] = {}
    for column in _TEXT_COLUMNS:
        table = column.table
        query = select(table.c.id).where(or_(*(_contains(column, n) for n in needles)))
        ids = [i for i in uow.session.scalars(query) if i not in skip]
        if ids:
            found[column] = ids
    return found


def _conflicts(uow: UnitOfWork, needles: list[str], ids: set[str]) -> list[str]:
    """Merge-conflict rows about the person's records or holding their name or e-mail."""
    lowered = [n.lower() for n in needles]
    out: list[str] = []
    for cid, record_id, version in uow.session.execute(
        select(MergeConflict.id, MergeConflict.record_id, MergeConflict.other_version)
    ):
        text = json.dumps(version, ensure_ascii=False).lower()
        if record_id in ids or any(n in text for n in lowered):
            out.append(cid)
    return out


def _scrub(text: str | None, needles: list[str]) -> str | None:
    """``text`` with every mention (any letter case) of the needles replaced."""
    if text is None:
        return None
    for needle in needles:
        lowered, n = text.lower(), needle.lower()
        start = lowered.find(n)
        while start >= 0:
            text = text[:start] + ERASED_MENTION + text[start + len(needle) :]
            lowered = text.lower()
            start = lowered.find(n, start + len(ERASED_MENTION))
    return text


def erasure_preview(db: Database, email: str) -> ErasurePreview:
    """What erasing the person with this e-mail would remove and anonymise (writes nothing)."""
    with db.uow() as uow:
        return _Plan(uow, email).preview()


def erase_person(db: Database, email: str, *, today: date | None = None) -> Outcome[ErasureResult]:
    """Erase the person for good, in one transaction, then clean the file (SQLite)."""
    today = today or db.clock.today()
    with db.uow() as uow, audit.quiet(uow):
        plan = _Plan(uow, email)
        s, pid = uow.session, plan.person.id
        stand_in = new_id()
        s.execute(
            insert(table_of(Person)).values(
                id=stand_in,
                email=erased_email(uuid.uuid4().hex[:16]),
                full_name=ERASED_NAME,
                organisation="",
                job_title="",
                band=None,
                region="",
                manager_name="",
                manager_email="",
                leadership_programme=False,
                development_areas=[],
                notes="",
            )
        )
        rel_ids = [r.id for r in plan.relationships]
        if rel_ids:
            _anonymise(uow, rel_ids, pid, stand_in, today)
        _anonymise_requests(uow, pid, stand_in, today)
        for column, ids in plan.mentioned.items():
            _scrub_column(uow, column, ids, plan.needles)
        _delete(uow, Evaluation, plan.evaluations)
        _delete(uow, MergeConflict, plan.conflicts)
        _delete(uow, LearningEntry, plan.learning)
        _delete(uow, CpdRecord, plan.cpd)
        _delete(uow, SupervisionRecord, plan.supervision)
        _delete(uow, Registration, plan.registrations)
        _delete(uow, Attachment, plan.files)
        _delete(uow, Reminder, plan.reminders)
        meetings = s.scalars(select(Meeting.id).where(Meeting.relationship_id.in_(rel_ids or [""])))
        delete_drafts_in(uow, {*plan.owned_ids(), *rel_ids, *meetings}, [plan.person.email])
        s.execute(delete(Person).where(Person.id == pid))
        audit.forget_ids_in(uow, plan.owned_ids())
        removed = plan.removed()
        audit.write(
            uow,
            "erase",
            "person",
            pid,
            detail=audit.counts_detail({what: n for what, n in removed[1:]})
            + f"; relationships anonymised {len(rel_ids)}",
            at=db.clock.now(),
        )
        uow.commit()
    cleaned = clean_file(db)
    k = RecordKind
    changes = Changes.of_kinds(
        *(k.PERSON, k.REGISTRATION, k.REQUEST, k.RELATIONSHIP, k.MEETING, k.EVALUATION),
        *(k.CPD, k.SUPERVISION, k.LEARNING, k.CONFLICT, k.REMINDER),
        ids=frozenset({pid, *rel_ids}),
    )
    return Outcome(ErasureResult(pid, removed, len(rel_ids), cleaned), changes)


def _anonymise(uow: UnitOfWork, rel_ids: list[str], pid: str, stand_in: str, today: date) -> None:
    s = uow.session
    blank: dict[str, object] = {
        "individual_objectives": [],
        "organisational_objectives": [],
        "end_reason": None,
    }
    for role in (Relationship.client_id, Relationship.practitioner_id):
        s.execute(
            update(Relationship)
            .where(Relationship.id.in_(rel_ids), role == pid)
            .values({role.key: stand_in, **blank, "version": Relationship.version + 1})
        )
    s.execute(
        update(Relationship)
        .where(Relationship.id.in_(rel_ids), Relationship.status.in_(OPEN_RELATIONSHIP))
        .values(
            status=RelationshipStatus.WITHDRAWN.value,
            ended_on=func.coalesce(Relationship.ended_on, today),
            version=Relationship.version + 1,
        )
    )
    # Versions move on too: a form opened on one of these before the erasure cannot save.
    s.execute(
        update(Meeting)
        .where(Meeting.relationship_id.in_(rel_ids))
        .values(notes="", version=Meeting.version + 1)
    )
    s.execute(
        update(Evaluation)
        .where(Evaluation.relationship_id.in_(rel_ids))
        .values(comments="", version=Evaluation.version + 1)
    )


def _anonymise_requests(uow: UnitOfWork, pid: str, stand_in: str, today: date) -> None:
    """Requests stay for the programme's request figures; a pending one is withdrawn."""
    s = uow.session
    for role in (Request.client_id, Request.practitioner_id):
        s.execute(
            update(Request)
            .where(role == pid)
            .values({role.key: stand_in, "version": Request.version + 1})
        )
    s.execute(
        update(Request)
        .where(
            or_(Request.client_id == stand_in, Request.practitioner_id == stand_in),
            Request.status == RequestStatus.PENDING.value,
        )
        .values(
            status=RequestStatus.WITHDRAWN.value,
            responded_on=today,
            version=Request.version + 1,
        )
    )


def _scrub_column(uow: UnitOfWork, column: TextColumn, ids: list[str], needles: list[str]) -> None:
    table = column.table
    for rid, text in uow.session.execute(select(table.c.id, column).where(table.c.id.in_(ids))):
        uow.session.execute(
            update(table)
            .where(table.c.id == rid)
            .values({column.key: _scrub(text, needles), "version": table.c.version + 1})
        )


def _delete(uow: UnitOfWork, model: _Owned, ids: Iterable[str]) -> None:
    wanted = list(ids)
    for start in range(0, len(wanted), 500):
        uow.session.execute(delete(model).where(model.id.in_(wanted[start : start + 500])))


def clean_file(db: Database) -> bool:
    """SQLite: fold the WAL into the file and rebuild it, so deleted data leaves no trace."""
    if sqlite_path(db.url) is None:
        return False
    with db.engine.connect() as conn:
        raw = conn.execution_options(isolation_level="AUTOCOMMIT")
        raw.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        raw.exec_driver_sql("VACUUM")
        raw.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    return True


__all__ = [
    "ERASED_DOMAIN",
    "AnonymisedRelationship",
    "ErasurePreview",
    "ErasureResult",
    "clean_file",
    "erase_person",
    "erasure_preview",
]
