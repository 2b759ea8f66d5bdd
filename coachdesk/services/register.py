"""The register's people: add and edit, manager agreement, eligibility override, reads."""

from __future__ import annotations

from datetime import date

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.sql import func

from coachdesk.domain.eligibility import eligibility
from coachdesk.domain.hub_facts import PersonFacts
from coachdesk.domain.settings import HubSettings
from coachdesk.domain.validation import email_problem, normalise_band, normalise_email
from coachdesk.errors import UserError
from coachdesk.services import queries
from coachdesk.services.changes import Changes, Outcome, RecordKind
from coachdesk.services.dto import AttachmentFile, PersonDetail, PersonInput, PersonRow

# Registrations live in their own module (kept small); the register's whole API is here too.
from coachdesk.services.registrations import (
    add_registration,
    attach_certificate,
    delete_registration,
    get_registration,
    list_registrations,
    remove_certificate,
    set_registration_status,
    update_registration,
)
from coachdesk.services.settings import load_in
from coachdesk.services.validate import (
    Problems,
    a_date,
    person_or_404,
    row_or_404,
    tags,
    text,
    yes_no,
)
from coachdesk.services.versions import person_at
from coachdesk.storage.models import (
    Attachment,
    CpdRecord,
    LearningEntry,
    Person,
    Registration,
    Relationship,
    Request,
    SupervisionRecord,
)
from coachdesk.storage.uow import Database, UnitOfWork

__all__ = [
    "add_person",
    "add_registration",
    "attach_certificate",
    "clear_eligibility_override",
    "delete_registration",
    "get_attachment",
    "get_person",
    "get_registration",
    "list_people",
    "list_registrations",
    "record_manager_agreement",
    "remove_certificate",
    "set_eligibility_override",
    "set_registration_status",
    "update_person",
    "update_registration",
]

ROLES = ("coach", "mentor", "coachee", "mentee", "practitioner", "client")


def _clean_person(
    uow: UnitOfWork, data: PersonInput, settings: HubSettings, *, own_id: str | None
) -> dict[str, object]:
    """The person's fields ready to store; raises one UserError listing every problem."""
    p = Problems()
    if not isinstance(data, PersonInput):
        raise UserError("The person cannot be saved:", problems=["the input is not a person"])
    values: dict[str, object] = {}
    values["full_name"] = text(p, "full_name", data.full_name, required=True)
    why = email_problem(data.email)
    if why:
        p.add("email", why)
    else:
        email = normalise_email(data.email)
        clash = uow.session.scalars(select(Person).where(Person.email == email)).first()
        if clash is not None and clash.id != own_id:
            p.add("email", f"{email!r} is already used by {clash.full_name}")
        values["email"] = email
    values["organisation"] = text(p, "organisation", data.organisation)
    values["job_title"] = text(p, "job_title", data.job_title)
    band = data.band
    if band is None or (isinstance(band, str) and not band.strip()):
        values["band"] = None
    else:
        values["band"] = normalise_band(band)
        if values["band"] is None:
            p.add("band", f"{str(band).strip()!r} is not an Agenda for Change band")
    region = text(p, "region", data.region)
    values["region"] = region or settings.region
    values["manager_name"] = text(p, "manager_name", data.manager_name)
    manager_email = data.manager_email
    if manager_email is None or (isinstance(manager_email, str) and not manager_email.strip()):
        values["manager_email"] = ""
    else:
        why = email_problem(manager_email)
        if why:
            p.add("manager_email", why)
        else:
            values["manager_email"] = normalise_email(manager_email)
            if values["manager_email"] == values.get("email"):
                p.add("manager_email", "a person cannot be their own line manager")
    values["leadership_programme"] = yes_no(p, "leadership_programme", data.leadership_programme)
    values["manager_agreement_on"] = a_date(p, "manager_agreement_on", data.manager_agreement_on)
    values["development_areas"] = tags(p, "development_areas", data.development_areas)
    values["notes"] = text(p, "notes", data.notes)
    p.raise_if_any("The person")
    return values


def _person_row(uow: UnitOfWork, person: Person) -> PersonRow:
    roles = queries.roles_of(uow, select(Person.id).where(Person.id == person.id))
    return queries.person_row(person, roles.get(person.id, ()))


def add_person(db: Database, data: PersonInput) -> Outcome[PersonRow]:
    """Add a person to the register (e-mail unique, ignoring case; region defaults to the hub's)."""
    with db.uow() as uow:
        values = _clean_person(uow, data, load_in(uow), own_id=None)
        person = Person(**values)
        uow.session.add(person)
        uow.commit()
        return Outcome(_person_row(uow, person), Changes.of(RecordKind.PERSON, person.id))


def update_person(
    db: Database, email: str, data: PersonInput, *, expected_version: int | None = None
) -> Outcome[PersonRow]:
    """Replace the person's details with ``data`` (which may carry a new e-mail)."""
    with db.uow() as uow:
        person = person_at(uow, email, expected_version)
        values = _clean_person(uow, data, load_in(uow), own_id=person.id)
        for key, value in values.items():
            setattr(person, key, value)
        uow.commit()
        return Outcome(_person_row(uow, person), Changes.of(RecordKind.PERSON, person.id))


def record_manager_agreement(
    db: Database, email: str, on: date | None, *, expected_version: int | None = None
) -> Outcome[PersonRow]:
    """Record the date the line manager agreed (in the development plan); None clears it."""
    with db.uow() as uow:
        person = person_at(uow, email, expected_version)
        p = Problems()
        on = a_date(p, "manager_agreement_on", on)
        p.raise_if_any("The manager's agreement")
        person.manager_agreement_on = on
        uow.commit()
        return Outcome(_person_row(uow, person), Changes.of(RecordKind.PERSON, person.id))


def set_eligibility_override(
    db: Database,
    email: str,
    reason: str,
    on: date | None = None,
    *,
    expected_version: int | None = None,
) -> Outcome[PersonRow]:
    """Record that the lead accepts this client although not eligible, and why (``on`` = today)."""
    with db.uow() as uow:
        person = person_at(uow, email, expected_version)
        p = Problems()
        why = text(p, "reason", reason, required=True)
        on = a_date(p, "on", on) or db.clock.today()
        p.raise_if_any("The eligibility override")
        person.override_reason = why
        person.override_on = on
        uow.commit()
        return Outcome(_person_row(uow, person), Changes.of(RecordKind.PERSON, person.id))


def clear_eligibility_override(
    db: Database, email: str, *, expected_version: int | None = None
) -> Outcome[PersonRow]:
    """Remove a recorded eligibility override."""
    with db.uow() as uow:
        person = person_at(uow, email, expected_version)
        person.override_reason = None
        person.override_on = None
        uow.commit()
        return Outcome(_person_row(uow, person), Changes.of(RecordKind.PERSON, person.id))


def _role_filter(role: str) -> ColumnElement[bool]:
    ids = {
        "coach": select(Registration.person_id).where(Registration.kind == "coach"),
        "mentor": select(Registration.person_id).where(Registration.kind == "mentor"),
        "practitioner": select(Registration.person_id),
    }
    if role in ids:
        return Person.id.in_(ids[role])
    kinds = {"coachee": ["coaching"], "mentee": ["mentoring"], "client": ["coaching", "mentoring"]}
    clients = select(Relationship.client_id).where(Relationship.kind.in_(kinds[role]))
    asked = select(Request.client_id).where(Request.kind.in_(kinds[role]))
    return or_(Person.id.in_(clients), Person.id.in_(asked))


def list_people(db: Database, search: str = "", role: str | None = None) -> list[PersonRow]:
    """People by name; ``search`` matches name, e-mail, organisation or job title (any case).

    ``role`` keeps only coaches, mentors, coachees, mentees, practitioners or clients.
    """
    where: list[ColumnElement[bool]] = []
    if search and search.strip():
        term = search.strip()
        where.append(
            or_(
                *(
                    col.icontains(term, autoescape=True)
                    for col in (
                        Person.full_name,
                        Person.email,
                        Person.organisation,
                        Person.job_title,
                    )
                )
            )
        )
    if role:
        if role not in ROLES:
            raise UserError(f"{role!r} is not a role; choose one of {', '.join(ROLES)}.")
        where.append(_role_filter(role))
    with db.uow() as uow:
        return queries.people_rows(uow, *where)


def get_person(db: Database, email: str) -> PersonDetail:
    """Everything the person screen shows: details, registrations, relationships, counts."""
    with db.uow() as uow:
        person = person_or_404(uow, email)
        settings = load_in(uow)
        row = _person_row(uow, person)
        regs = queries.registration_rows(uow, settings, Registration.person_id == person.id)
        as_practitioner = queries.relationship_rows(uow, Relationship.practitioner_id == person.id)
        as_client = queries.relationship_rows(uow, Relationship.client_id == person.id)
        requests = queries.request_rows(
            uow, or_(Request.client_id == person.id, Request.practitioner_id == person.id)
        )
        cpd_n, cpd_h = uow.session.execute(
            select(func.count(), func.coalesce(func.sum(CpdRecord.hours), 0.0)).where(
                CpdRecord.person_id == person.id
            )
        ).one()
        sup_n, sup_h = uow.session.execute(
            select(func.count(), func.coalesce(func.sum(SupervisionRecord.hours), 0.0)).where(
                SupervisionRecord.person_id == person.id
            )
        ).one()
        learning_n = uow.session.scalar(
            select(func.count()).where(LearningEntry.person_id == person.id)
        )
        facts = PersonFacts(
            id=person.id,
            email=person.email,
            full_name=person.full_name,
            band=person.band,
            region=person.region,
            leadership_programme=bool(person.leadership_programme),
            manager_agreement_on=person.manager_agreement_on,
            has_override=bool(person.override_reason),
        )
        verdict = eligibility(facts, settings)
        return PersonDetail(
            person=row,
            registrations=tuple(regs),
            as_practitioner=tuple(as_practitioner),
            as_client=tuple(as_client),
            requests=tuple(requests),
            eligible=verdict.eligible,
            eligibility_reasons=tuple(verdict.reasons),
            cpd_count=int(cpd_n),
            cpd_hours=float(cpd_h),
            supervision_count=int(sup_n),
            supervision_hours=float(sup_h),
            learning_count=int(learning_n or 0),
        )


def get_attachment(db: Database, attachment_id: str) -> AttachmentFile:
    """A kept file (certificate or CPD evidence): ``filename, media_type, data = ...``."""
    with db.uow() as uow:
        att = row_or_404(uow, Attachment, attachment_id, "file")
        return AttachmentFile(att.id, att.filename, att.media_type, bytes(att.data))
