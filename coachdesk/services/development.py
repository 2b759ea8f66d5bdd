"""Practitioner development: CPD (with an optional evidence file), supervision, learning log."""

from __future__ import annotations

from sqlalchemy import ColumnElement, select

from coachdesk.domain.enums import Competence, CpdKind, SupervisionFormat
from coachdesk.errors import UserError
from coachdesk.services.changes import Changes, Outcome, RecordKind
from coachdesk.services.dto import (
    CpdInput,
    CpdRow,
    FileInput,
    LearningInput,
    LearningRow,
    SupervisionInput,
    SupervisionRow,
)
from coachdesk.services.queries import table_of
from coachdesk.services.validate import (
    CleanFile,
    Problems,
    a_date,
    choice,
    file,
    hours,
    person_or_404,
    row_or_404,
    tags,
    text,
)
from coachdesk.services.versions import versioned_or_404
from coachdesk.storage.models import (
    Attachment,
    CpdRecord,
    LearningEntry,
    Person,
    Relationship,
    SupervisionRecord,
)
from coachdesk.storage.uow import Database, UnitOfWork

#: The most hours one CPD record or one supervision record may carry.
MAX_CPD_HOURS = 1000.0
MAX_SUPERVISION_HOURS = 100.0


def _check_type(data: object, kind: type, what: str) -> None:
    if not isinstance(data, kind):
        raise UserError(f"The {what} cannot be saved:", problems=[f"the input is not a {what}"])


# ---------------------------------------------------------------------------------------------
# CPD


def _clean_cpd(data: CpdInput) -> tuple[dict[str, object], CleanFile | None]:
    _check_type(data, CpdInput, "CPD record")
    p = Problems()
    values: dict[str, object] = {
        "date": a_date(p, "date", data.date, required=True),
        "title": text(p, "title", data.title, required=True),
        "provider": text(p, "provider", data.provider),
        "kind": choice(p, "kind", data.kind, CpdKind),
        "hours": hours(p, "hours", data.hours, maximum=MAX_CPD_HOURS),
        "reflection": text(p, "reflection", data.reflection),
    }
    evidence = file(p, "evidence", data.evidence)
    p.raise_if_any("The CPD record")
    return values, evidence


def _set_evidence(uow: UnitOfWork, record: CpdRecord, evidence: CleanFile | None) -> None:
    old = record.evidence_id
    if evidence is not None:
        att = Attachment(
            filename=evidence.filename, media_type=evidence.media_type, data=evidence.data
        )
        uow.session.add(att)
        uow.session.flush()
        record.evidence_id = att.id
    else:
        record.evidence_id = None
    uow.session.flush()
    if old:
        stale = uow.session.get(Attachment, old)
        if stale is not None:
            uow.session.delete(stale)


def _cpd_rows(uow: UnitOfWork, *where: ColumnElement[bool]) -> list[CpdRow]:
    stmt = (
        select(CpdRecord, Person.email, Attachment.filename)
        .join(Person, Person.id == CpdRecord.person_id)
        .outerjoin(Attachment, Attachment.id == CpdRecord.evidence_id)
        .where(*where)
        .order_by(CpdRecord.date.desc(), CpdRecord.title)
    )
    return [
        CpdRow(
            id=r.id,
            person_id=r.person_id,
            email=email,
            date=r.date,
            title=r.title,
            provider=r.provider or "",
            kind=CpdKind(r.kind),
            hours=r.hours,
            reflection=r.reflection or "",
            evidence_id=r.evidence_id,
            evidence_filename=filename,
            version=r.version,
        )
        for r, email, filename in uow.session.execute(stmt)
    ]


def add_cpd(db: Database, email: str, data: CpdInput) -> Outcome[CpdRow]:
    """Record CPD for a practitioner (hours > 0; evidence a PDF or image, optional)."""
    with db.uow() as uow:
        person = person_or_404(uow, email)
        values, evidence = _clean_cpd(data)
        record = CpdRecord(person_id=person.id, **values)
        uow.session.add(record)
        uow.session.flush()
        if evidence is not None:
            _set_evidence(uow, record, evidence)
        uow.commit()
        return Outcome(
            _cpd_rows(uow, CpdRecord.id == record.id)[0], Changes.of(RecordKind.CPD, record.id)
        )


def update_cpd(
    db: Database, cpd_id: str, data: CpdInput, *, expected_version: int | None = None
) -> Outcome[CpdRow]:
    """Replace a CPD record; ``data.evidence`` None keeps the evidence already held."""
    with db.uow() as uow:
        record = versioned_or_404(uow, CpdRecord, cpd_id, "CPD record", expected_version)
        values, evidence = _clean_cpd(data)
        for key, value in values.items():
            setattr(record, key, value)
        if evidence is not None:
            _set_evidence(uow, record, evidence)
        uow.commit()
        return Outcome(
            _cpd_rows(uow, CpdRecord.id == record.id)[0], Changes.of(RecordKind.CPD, record.id)
        )


def attach_cpd_evidence(db: Database, cpd_id: str, evidence: FileInput) -> Outcome[CpdRow]:
    """Keep an evidence file (PDF, PNG or JPEG, at most 20 MB) with a CPD record."""
    with db.uow() as uow:
        record = row_or_404(uow, CpdRecord, cpd_id, "CPD record")
        p = Problems()
        clean = file(p, "evidence", evidence)
        if clean is None and not p:
            p.add("evidence", "no file given")
        p.raise_if_any("The evidence")
        _set_evidence(uow, record, clean)
        uow.commit()
        return Outcome(
            _cpd_rows(uow, CpdRecord.id == record.id)[0], Changes.of(RecordKind.CPD, record.id)
        )


def remove_cpd_evidence(
    db: Database, cpd_id: str, *, expected_version: int | None = None
) -> Outcome[CpdRow]:
    """Delete the evidence file of a CPD record (if any)."""
    with db.uow() as uow:
        record = versioned_or_404(uow, CpdRecord, cpd_id, "CPD record", expected_version)
        changed = record.evidence_id is not None
        _set_evidence(uow, record, None)
        uow.commit()
        row = _cpd_rows(uow, CpdRecord.id == record.id)[0]
        return Outcome(row, Changes.of(RecordKind.CPD, record.id) if changed else Changes())


def delete_cpd(db: Database, cpd_id: str, *, expected_version: int | None = None) -> Outcome[None]:
    """Delete a CPD record and its evidence file."""
    with db.uow() as uow:
        record = versioned_or_404(
            uow, CpdRecord, cpd_id, "CPD record", expected_version, deleting=True
        )
        _set_evidence(uow, record, None)
        uow.session.delete(record)
        uow.commit()
        return Outcome(None, Changes.of(RecordKind.CPD, cpd_id))


def get_cpd(db: Database, cpd_id: str) -> CpdRow:
    with db.uow() as uow:
        record = row_or_404(uow, CpdRecord, cpd_id, "CPD record")
        return _cpd_rows(uow, CpdRecord.id == record.id)[0]


def list_cpd(db: Database, email: str) -> list[CpdRow]:
    """A practitioner's CPD, newest first."""
    with db.uow() as uow:
        person = person_or_404(uow, email)
        return _cpd_rows(uow, CpdRecord.person_id == person.id)


# ---------------------------------------------------------------------------------------------
# Supervision


def _clean_supervision(data: SupervisionInput) -> dict[str, object]:
    _check_type(data, SupervisionInput, "supervision record")
    p = Problems()
    values: dict[str, object] = {
        "date": a_date(p, "date", data.date, required=True),
        "supervisor": text(
            p,
            "supervisor",
            data.supervisor,
            required=True,
        ),
        "supervisor_qualification": text(
            p, "supervisor_qualification", data.supervisor_qualification
        ),
        "format": choice(p, "format", data.format, SupervisionFormat),
        "hours": hours(p, "hours", data.hours, maximum=MAX_SUPERVISION_HOURS),
        "themes": text(p, "themes", data.themes),
        "reflection": text(p, "reflection", data.reflection),
    }
    p.raise_if_any("The supervision record")
    return values


def _supervision_row(r: SupervisionRecord, email: str) -> SupervisionRow:
    return SupervisionRow(
        id=r.id,
        person_id=r.person_id,
        email=email,
        date=r.date,
        supervisor=r.supervisor,
        supervisor_qualification=r.supervisor_qualification or "",
        format=SupervisionFormat(r.format),
        hours=r.hours,
        themes=r.themes or "",
        reflection=r.reflection or "",
        version=r.version,
    )


def _email_of(uow: UnitOfWork, person_id: str) -> str:
    return uow.session.scalar(select(Person.email).where(Person.id == person_id)) or ""


def add_supervision(db: Database, email: str, data: SupervisionInput) -> Outcome[SupervisionRow]:
    """Record a supervision session for a practitioner (hours > 0)."""
    with db.uow() as uow:
        person = person_or_404(uow, email)
        record = SupervisionRecord(person_id=person.id, **_clean_supervision(data))
        uow.session.add(record)
        uow.commit()
        return Outcome(
            _supervision_row(record, person.email), Changes.of(RecordKind.SUPERVISION, record.id)
        )


def update_supervision(
    db: Database,
    supervision_id: str,
    data: SupervisionInput,
    *,
    expected_version: int | None = None,
) -> Outcome[SupervisionRow]:
    with db.uow() as uow:
        record = versioned_or_404(
            uow, SupervisionRecord, supervision_id, "supervision record", expected_version
        )
        for key, value in _clean_supervision(data).items():
            setattr(record, key, value)
        uow.commit()
        row = _supervision_row(record, _email_of(uow, record.person_id))
        return Outcome(row, Changes.of(RecordKind.SUPERVISION, record.id))


def delete_supervision(
    db: Database, supervision_id: str, *, expected_version: int | None = None
) -> Outcome[None]:
    with db.uow() as uow:
        record = versioned_or_404(
            uow,
            SupervisionRecord,
            supervision_id,
            "supervision record",
            expected_version,
            deleting=True,
        )
        uow.session.delete(record)
        uow.commit()
        return Outcome(None, Changes.of(RecordKind.SUPERVISION, supervision_id))


def get_supervision(db: Database, supervision_id: str) -> SupervisionRow:
    with db.uow() as uow:
        record = row_or_404(uow, SupervisionRecord, supervision_id, "supervision record")
        return _supervision_row(record, _email_of(uow, record.person_id))


def list_supervision(db: Database, email: str) -> list[SupervisionRow]:
    """A practitioner's supervision, newest first."""
    with db.uow() as uow:
        person = person_or_404(uow, email)
        records = uow.session.scalars(
            select(SupervisionRecord)
            .where(SupervisionRecord.person_id == person.id)
            .order_by(SupervisionRecord.date.desc(), SupervisionRecord.supervisor)
        )
        return [_supervision_row(r, person.email) for r in records]


# ---------------------------------------------------------------------------------------------
# Learning log


def _clean_learning(uow: UnitOfWork, person_id: str, data: LearningInput) -> dict[str, object]:
    _check_type(data, LearningInput, "learning-log entry")
    p = Problems()
    values: dict[str, object] = {
        "date": a_date(p, "date", data.date, required=True),
        "title": text(p, "title", data.title, required=True),
        "what_happened": text(p, "what_happened", data.what_happened),
        "learning": text(p, "learning", data.learning),
        "next_time": text(p, "next_time", data.next_time),
    }
    competences = tags(p, "competences", data.competences)
    known = {c.value.casefold(): c.value for c in Competence}
    unknown = [c for c in competences if c.casefold() not in known]
    if unknown:
        p.add(
            "competences",
            f"{', '.join(repr(c) for c in unknown)} "
            f"{'is not an EMCC competence' if len(unknown) == 1 else 'are not EMCC competences'} "
            f"(the categories are: {', '.join(c.value for c in Competence)})",
        )
    values["competences"] = [known[c.casefold()] for c in competences if c.casefold() in known]
    values["relationship_id"] = None
    if data.relationship:
        rel = (
            uow.session.get(Relationship, data.relationship)
            if isinstance(data.relationship, str)
            else None
        )
        if rel is None:
            p.missing("relationship", f"no relationship has the id {data.relationship!r}")
        elif rel.practitioner_id != person_id:
            p.add("relationship", "the person is not the practitioner in that relationship")
        else:
            values["relationship_id"] = rel.id
    p.raise_if_any("The learning-log entry")
    return values


def _learning_rows(uow: UnitOfWork, *where: ColumnElement[bool]) -> list[LearningRow]:
    client = table_of(Person).alias("client")
    stmt = (
        select(LearningEntry, Person.email, client.c.full_name)
        .join(Person, Person.id == LearningEntry.person_id)
        .outerjoin(Relationship, Relationship.id == LearningEntry.relationship_id)
        .outerjoin(client, client.c.id == Relationship.client_id)
        .where(*where)
        .order_by(LearningEntry.date.desc(), LearningEntry.title)
    )
    return [
        LearningRow(
            id=e.id,
            person_id=e.person_id,
            email=email,
            date=e.date,
            relationship=e.relationship_id,
            relationship_client=client_name,
            title=e.title,
            what_happened=e.what_happened or "",
            learning=e.learning or "",
            next_time=e.next_time or "",
            competences=tuple(Competence(c) for c in e.competences or ()),
            version=e.version,
        )
        for e, email, client_name in uow.session.execute(stmt)
    ]


def add_learning(db: Database, email: str, data: LearningInput) -> Outcome[LearningRow]:
    """Add a learning-log entry, tagged with EMCC competence categories."""
    with db.uow() as uow:
        person = person_or_404(uow, email)
        entry = LearningEntry(person_id=person.id, **_clean_learning(uow, person.id, data))
        uow.session.add(entry)
        uow.commit()
        row = _learning_rows(uow, LearningEntry.id == entry.id)[0]
        return Outcome(row, Changes.of(RecordKind.LEARNING, entry.id))


def update_learning(
    db: Database, learning_id: str, data: LearningInput, *, expected_version: int | None = None
) -> Outcome[LearningRow]:
    with db.uow() as uow:
        entry = versioned_or_404(
            uow, LearningEntry, learning_id, "learning-log entry", expected_version
        )
        for key, value in _clean_learning(uow, entry.person_id, data).items():
            setattr(entry, key, value)
        uow.commit()
        row = _learning_rows(uow, LearningEntry.id == entry.id)[0]
        return Outcome(row, Changes.of(RecordKind.LEARNING, entry.id))


def delete_learning(
    db: Database, learning_id: str, *, expected_version: int | None = None
) -> Outcome[None]:
    with db.uow() as uow:
        entry = versioned_or_404(
            uow, LearningEntry, learning_id, "learning-log entry", expected_version, deleting=True
        )
        uow.session.delete(entry)
        uow.commit()
        return Outcome(None, Changes.of(RecordKind.LEARNING, learning_id))


def get_learning(db: Database, learning_id: str) -> LearningRow:
    with db.uow() as uow:
        entry = row_or_404(uow, LearningEntry, learning_id, "learning-log entry")
        return _learning_rows(uow, LearningEntry.id == entry.id)[0]


def list_learning(db: Database, email: str) -> list[LearningRow]:
    """A practitioner's learning log, newest first."""
    with db.uow() as uow:
        person = person_or_404(uow, email)
        return _learning_rows(uow, LearningEntry.person_id == person.id)
