"""Set-based queries shared by the services: rows built from joins, never a query per row."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Protocol

from sqlalchemy import (
    ColumnElement,
    Connection,
    CursorResult,
    Select,
    String,
    Subquery,
    Table,
    and_,
    case,
    func,
    select,
    type_coerce,
)
from sqlalchemy.orm import QueryableAttribute, aliased

from coachdesk.domain.enums import (
    RELATIONSHIP_KIND_FOR,
    Band,
    EvaluationKind,
    IcfHours,
    MeetingMode,
    MeetingStatus,
    MeetingType,
    RegistrationKind,
    RegistrationStatus,
    RelationshipKind,
    RelationshipStatus,
    RequestStatus,
)
from coachdesk.domain.privacy import ERASED_DOMAIN
from coachdesk.domain.settings import HubSettings
from coachdesk.services.dto import (
    EligibilityOverride,
    EvaluationRow,
    MeetingRow,
    PersonRow,
    RegistrationRow,
    RelationshipRow,
    RequestRow,
)
from coachdesk.storage.models import (
    Attachment,
    Base,
    Evaluation,
    Meeting,
    Person,
    Registration,
    Relationship,
    Request,
)
from coachdesk.storage.uow import UnitOfWork

OPEN_RELATIONSHIP = (RelationshipStatus.CONTRACTING.value, RelationshipStatus.ACTIVE.value)
CLIENT_ROLE = {
    RelationshipKind.COACHING.value: "coachee",
    RelationshipKind.MENTORING.value: "mentee",
}
ROLE_ORDER = ("coach", "mentor", "coachee", "mentee")


#: A person's roles: (role, registration status) pairs, the status None for a client role.
Roles = Iterable[tuple[str, str | None]]

#: A select of person ids (a subquery for IN), or None for everyone.
PersonIds = Select[str] | None


def table_of(model: type[Base]) -> Table:
    """A model's Core table, for set-based statements that skip the ORM (and its audit).

    The same as ``exchange.records.table_of``, kept here so that the services that use it do
    not import the exchange package (and what it loads) at start-up.
    """
    found = model.__table__
    assert isinstance(found, Table)
    return found


def affected_rows(result: object) -> int:
    """How many rows an UPDATE or DELETE run through the session touched."""
    return int(result.rowcount or 0) if isinstance(result, CursorResult) else 0


# ---------------------------------------------------------------------------------------------
# People


class PersonFields(Protocol):
    """What ``person_row`` reads: a ``Person`` or a row of ``_PERSON_COLUMNS``."""

    @property
    def id(self) -> str: ...
    @property
    def email(self) -> str: ...
    @property
    def full_name(self) -> str: ...
    @property
    def organisation(self) -> str | None: ...
    @property
    def job_title(self) -> str | None: ...
    @property
    def band(self) -> str | None: ...
    @property
    def region(self) -> str | None: ...
    @property
    def manager_name(self) -> str | None: ...
    @property
    def manager_email(self) -> str | None: ...
    @property
    def leadership_programme(self) -> bool | None: ...
    @property
    def manager_agreement_on(self) -> date | None: ...
    @property
    def override_reason(self) -> str | None: ...
    @property
    def override_on(self) -> date | None: ...
    @property
    def development_areas(self) -> list[str] | None: ...
    @property
    def notes(self) -> str | None: ...
    @property
    def version(self) -> int: ...


def person_row(person: PersonFields, roles: Roles = ()) -> PersonRow:
    """A PersonRow; ``roles`` are (role, status or None) pairs."""
    found = {role: status for role, status in roles}
    ordered = [r for r in ROLE_ORDER if r in found]
    summary = ", ".join(f"{r} ({found[r]})" if found[r] else r for r in ordered)
    override = None
    if person.override_reason:
        override = EligibilityOverride(person.override_reason, person.override_on)
    return PersonRow(
        id=person.id,
        email=person.email,
        full_name=person.full_name,
        organisation=person.organisation or "",
        job_title=person.job_title or "",
        band=Band(person.band) if person.band else None,
        region=person.region or "",
        manager_name=person.manager_name or "",
        manager_email=person.manager_email or "",
        leadership_programme=bool(person.leadership_programme),
        manager_agreement_on=person.manager_agreement_on,
        eligibility_override=override,
        development_areas=tuple(person.development_areas or ()),
        notes=person.notes or "",
        roles=tuple(ordered),
        roles_summary=summary,
        version=person.version,
    )


def roles_of(uow: UnitOfWork, ids: PersonIds) -> dict[str, list[tuple[str, str | None]]]:
    """Each person's roles; ``ids`` is a select of person ids (a subquery, not a list), or
    None for everyone (no IN over every id)."""
    out: dict[str, list[tuple[str, str | None]]] = defaultdict(list)
    conn = uow.session.connection()
    regs = select(Registration.person_id, Registration.kind, Registration.status)
    clients = select(Relationship.client_id, Relationship.kind)
    asked = select(Request.client_id, Request.kind)
    if ids is not None:
        regs = regs.where(Registration.person_id.in_(ids))
        clients = clients.where(Relationship.client_id.in_(ids))
        asked = asked.where(Request.client_id.in_(ids))
    for person_id, kind, status in conn.execute(regs):
        out[person_id].append((kind, status))
    for person_id, kind in conn.execute(clients.union(asked)):
        if kind in CLIENT_ROLE:
            out[person_id].append((CLIENT_ROLE[kind], None))
    return out


#: The columns person_row reads: a plain column select (no ORM entities) for whole lists.
_PERSON_COLUMNS = (
    Person.id,
    Person.email,
    Person.full_name,
    Person.organisation,
    Person.job_title,
    Person.band,
    Person.region,
    Person.manager_name,
    Person.manager_email,
    Person.leadership_programme,
    Person.manager_agreement_on,
    Person.override_reason,
    Person.override_on,
    Person.development_areas,
    Person.notes,
    Person.version,
)


def not_erased() -> ColumnElement[bool]:
    """People who are not an erased person's anonymous stand-in (see services.privacy)."""
    return Person.email.not_like(f"%@{ERASED_DOMAIN}")


def people_rows(uow: UnitOfWork, *where: ColumnElement[bool]) -> list[PersonRow]:
    """The register's people (never the stand-ins for erased people)."""
    where = (*where, not_erased())
    people = uow.session.connection().execute(
        select(*_PERSON_COLUMNS).where(*where).order_by(Person.full_name, Person.email)
    )
    roles = roles_of(uow, select(Person.id).where(*where) if where else None)
    return [person_row(p, roles.get(p.id, ())) for p in people]


# ---------------------------------------------------------------------------------------------
# Registrations


def approval_missing(
    *,
    kind: str,
    accreditation: str | None,
    has_certificate: bool,
    ethics_agreed: bool,
    org_support_on: date | None,
    training_on: date | None,
    experience: str | None,
    hours_committed: float | None,
    minimum_hours: int,
) -> list[str]:
    """Every item approval needs that is missing, each a sentence in the lead's words (SPEC 1)."""
    missing: list[str] = []
    if kind == RegistrationKind.COACH:
        if not accreditation:
            missing.append("No accreditation recorded (e.g. EMCC Coach Practitioner, ILM Level 5)")
        if not has_certificate:
            missing.append("No certificate file attached")
    elif kind == RegistrationKind.MENTOR and training_on is None and not experience:
        missing.append("No training date and no statement of relevant experience")
    if not ethics_agreed:
        missing.append("The EMCC Global Code of Ethics has not been agreed")
    if org_support_on is None:
        missing.append("No date for organisational support of work-hours practice")
    if kind == RegistrationKind.MENTOR:
        if hours_committed is None:
            missing.append(f"No hours committed recorded (at least {minimum_hours} a year)")
        elif hours_committed < minimum_hours:
            missing.append(
                f"{hours_committed:g} hours a year committed is below the minimum of "
                f"{minimum_hours}"
            )
    return missing


def _clients_subquery() -> Subquery:
    return (
        select(
            Relationship.practitioner_id.label("person_id"),
            Relationship.kind.label("kind"),
            func.count().label("n"),
        )
        .where(Relationship.status.in_(OPEN_RELATIONSHIP))
        .group_by(Relationship.practitioner_id, Relationship.kind)
        .subquery()
    )


def _relationship_kind_of(column: QueryableAttribute[str]) -> ColumnElement[str]:
    return case(
        *((column == reg.value, rel.value) for reg, rel in RELATIONSHIP_KIND_FOR.items()),
        else_="",
    )


def registration_rows(
    uow: UnitOfWork, settings: HubSettings, *where: ColumnElement[bool]
) -> list[RegistrationRow]:
    clients = _clients_subquery()
    stmt = (
        select(
            Registration,
            Person.email,
            Person.full_name,
            Person.organisation,
            Attachment.filename,
            clients.c.n,
        )
        .join(Person, Person.id == Registration.person_id)
        .outerjoin(Attachment, Attachment.id == Registration.certificate_id)
        .outerjoin(
            clients,
            and_(
                clients.c.person_id == Registration.person_id,
                clients.c.kind == _relationship_kind_of(Registration.kind),
            ),
        )
        .where(*where)
        .order_by(Person.full_name, Person.email, Registration.kind)
    )
    rows: list[RegistrationRow] = []
    for reg, email, name, organisation, filename, n in uow.session.execute(stmt):
        missing = approval_missing(
            kind=reg.kind,
            accreditation=reg.accreditation,
            has_certificate=reg.certificate_id is not None,
            ethics_agreed=bool(reg.ethics_agreed),
            org_support_on=reg.org_support_on,
            training_on=reg.training_on,
            experience=reg.experience,
            hours_committed=reg.hours_committed,
            minimum_hours=settings.mentor_minimum_hours,
        )
        rows.append(
            RegistrationRow(
                id=reg.id,
                person_id=reg.person_id,
                email=email,
                full_name=name,
                organisation=organisation or "",
                kind=RegistrationKind(reg.kind),
                status=RegistrationStatus(reg.status),
                registered_on=reg.registered_on,
                approved_on=reg.approved_on,
                profile_reviewed_on=reg.profile_reviewed_on,
                capacity=reg.capacity,
                specialisms=tuple(reg.specialisms or ()),
                ethics_agreed=bool(reg.ethics_agreed),
                org_support_on=reg.org_support_on,
                pro_bono=bool(reg.pro_bono),
                accreditation=reg.accreditation,
                accreditation_on=reg.accreditation_on,
                certificate_id=reg.certificate_id,
                certificate_filename=filename,
                training_on=reg.training_on,
                experience=reg.experience,
                hours_committed=reg.hours_committed,
                current_clients=int(n or 0),
                approval_missing=tuple(missing),
                icf_hours=IcfHours(reg.icf_hours or IcfHours.PAID),
                version=reg.version,
            )
        )
    return rows


def practitioner_problem(uow: UnitOfWork, person: Person, kind: str) -> str | None:
    """Why ``person`` cannot be practitioner in a relationship of ``kind``, or None."""
    reg_kind = "coach" if kind == RelationshipKind.COACHING else "mentor"
    status = uow.session.scalar(
        select(Registration.status).where(
            Registration.person_id == person.id, Registration.kind == reg_kind
        )
    )
    if status is None:
        return f"{person.full_name} holds no {reg_kind} registration"
    if status in (RegistrationStatus.WITHDRAWN, RegistrationStatus.REJECTED):
        return f"{person.full_name}'s {reg_kind} registration is {status}"
    return None


# ---------------------------------------------------------------------------------------------
# Requests and relationships

_Practitioner = aliased(Person, name="practitioner")
_Client = aliased(Person, name="client")


def _names(uow: UnitOfWork) -> dict[str, tuple[str, str]]:
    """Every person's (e-mail, full name) by id: one small query instead of two joins per row."""
    rows = uow.session.connection().execute(select(Person.id, Person.email, Person.full_name))
    return {pid: (email, name) for pid, email, name in rows.all()}


def request_rows(uow: UnitOfWork, *where: ColumnElement[bool]) -> list[RequestRow]:
    conn = uow.session.connection()
    opened = dict(
        conn.execute(
            select(Relationship.request_id, func.min(Relationship.id))
            .where(Relationship.request_id.is_not(None))
            .group_by(Relationship.request_id)
        ).all()
    )
    names = _names(uow)
    found = conn.execute(
        select(
            Request.id,
            Request.kind,
            Request.status,
            Request.sent_on,
            Request.responded_on,
            Request.client_id,
            Request.practitioner_id,
            Request.version,
        ).where(*where)
    ).all()
    rows: list[RequestRow] = []
    for rid, kind, status, sent_on, responded_on, client_id, practitioner_id, version in found:
        c_email, c_name = names[client_id]
        p_email, p_name = names[practitioner_id]
        rows.append(
            RequestRow(
                id=rid,
                kind=RelationshipKind(kind),
                status=RequestStatus(status),
                sent_on=sent_on,
                responded_on=responded_on,
                client=c_email,
                client_id=client_id,
                client_name=c_name,
                practitioner=p_email,
                practitioner_id=practitioner_id,
                practitioner_name=p_name,
                relationship_id=opened.get(rid),
                version=version,
            )
        )
    rows.sort(key=lambda r: (r.client_name, r.id))
    rows.sort(key=lambda r: r.sent_on, reverse=True)
    return rows


#: Per relationship: held count, held minutes, last held and next scheduled date (a date,
#: or ISO text from SQLite's MAX/MIN over a CASE; see ``_as_date``).
SessionStats = tuple[int, int, date | str | None, date | str | None]


def _session_stats(
    conn: Connection, relationship_ids: Select[str] | None
) -> dict[str, SessionStats]:
    """Held count, held minutes, last held and next scheduled date per relationship."""
    held = Meeting.status == MeetingStatus.HELD.value
    stmt = select(
        Meeting.relationship_id,
        func.sum(case((held, 1), else_=0)),
        func.sum(case((held, Meeting.minutes), else_=0)),
        func.max(case((held, Meeting.date), else_=None)),
        func.min(case((Meeting.status == MeetingStatus.SCHEDULED.value, Meeting.date), else_=None)),
    ).group_by(Meeting.relationship_id)
    if relationship_ids is not None:  # None: every relationship (no IN over all the ids)
        stmt = stmt.where(Meeting.relationship_id.in_(relationship_ids))
    found = conn.execute(stmt).all()
    return {rid: (held_n, minutes, last, nxt) for rid, held_n, minutes, last, nxt in found}


def relationship_rows(uow: UnitOfWork, *where: ColumnElement[bool]) -> list[RelationshipRow]:
    conn = uow.session.connection()
    names = _names(uow)
    found = conn.execute(
        select(
            Relationship.id,
            Relationship.kind,
            Relationship.status,
            Relationship.practitioner_id,
            Relationship.client_id,
            Relationship.request_id,
            Relationship.started_on,
            Relationship.planned_end_on,
            Relationship.planned_sessions,
            Relationship.ended_on,
            Relationship.end_reason,
            # The JSON text, decoded once per distinct value below (most lists repeat).
            type_coerce(Relationship.individual_objectives, String).label("individual"),
            type_coerce(Relationship.organisational_objectives, String).label("organisational"),
            Relationship.version,
        ).where(*where)
    ).all()
    decoded: dict[str, tuple[str, ...]] = {}

    def objectives(value: str | list[str] | None) -> tuple[str, ...]:
        if not isinstance(value, str):  # NULL, or a driver that decodes JSON itself
            return tuple(value or ())
        found = decoded.get(value)
        if found is None:
            found = decoded[value] = tuple(json.loads(value) or ())
        return found

    stats = _session_stats(conn, select(Relationship.id).where(*where) if where else None)
    none: SessionStats = (0, 0, None, None)
    rows: list[RelationshipRow] = []
    for r in found:
        p_email, p_name = names[r.practitioner_id]
        c_email, c_name = names[r.client_id]
        held, minutes, last, nxt = stats.get(r.id, none)
        rows.append(
            RelationshipRow(
                id=r.id,
                kind=RelationshipKind(r.kind),
                status=RelationshipStatus(r.status),
                practitioner=p_email,
                practitioner_id=r.practitioner_id,
                practitioner_name=p_name,
                client=c_email,
                client_id=r.client_id,
                client_name=c_name,
                request=r.request_id,
                started_on=r.started_on,
                planned_end_on=r.planned_end_on,
                planned_sessions=r.planned_sessions,
                ended_on=r.ended_on,
                end_reason=r.end_reason,
                individual_objectives=objectives(r.individual),
                organisational_objectives=objectives(r.organisational),
                sessions_held=int(held or 0),
                minutes_held=int(minutes or 0),
                last_session_on=_as_date(last),
                next_session_on=_as_date(nxt),
                version=r.version,
            )
        )
    # Newest first; relationships with no start date (not yet contracted) at the top.
    rows.sort(key=lambda r: (r.client_name.casefold(), r.id))
    rows.sort(key=lambda r: r.started_on or date.max, reverse=True)
    return rows


def _as_date(value: date | str | None) -> date | None:
    """A date from an aggregate (SQLite returns MAX/MIN over a CASE as ISO text)."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def meeting_row(m: Meeting) -> MeetingRow:
    return MeetingRow(
        id=m.id,
        relationship_id=m.relationship_id,
        type=MeetingType(m.type),
        date=m.date,
        minutes=m.minutes,
        mode=MeetingMode(m.mode),
        status=MeetingStatus(m.status),
        recorded_on=m.recorded_on,
        notes=m.notes or "",
        version=m.version,
    )


def evaluation_row(e: Evaluation) -> EvaluationRow:
    return EvaluationRow(
        id=e.id,
        relationship_id=e.relationship_id,
        kind=EvaluationKind(e.kind),
        completed_on=e.completed_on,
        template=e.template_key,
        answers=dict(e.answers or {}),
        objective_ratings=tuple(e.objective_ratings or ()),
        comments=e.comments or "",
        version=e.version,
    )
