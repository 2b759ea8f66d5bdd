"""Requests from clients to practitioners: send, accept (opening a relationship), decline."""

from __future__ import annotations

from datetime import date

from sqlalchemy import ColumnElement, or_, select

from coachdesk.domain.dates import format_date
from coachdesk.domain.enums import RelationshipKind, RelationshipStatus, RequestStatus
from coachdesk.errors import UserError
from coachdesk.services import queries
from coachdesk.services.changes import Changes, Outcome, RecordKind
from coachdesk.services.dto import AcceptedRequest, RequestInput, RequestRow
from coachdesk.services.validate import (
    Problems,
    a_date,
    choice,
    not_before,
    person_ref,
    row_or_404,
)
from coachdesk.services.versions import versioned_or_404
from coachdesk.storage.models import Person, Relationship, Request
from coachdesk.storage.uow import Database, UnitOfWork


def _row(uow: UnitOfWork, request_id: str) -> RequestRow:
    return queries.request_rows(uow, Request.id == request_id)[0]


def add_request(db: Database, data: RequestInput) -> Outcome[RequestRow]:
    """Record a client's request to a practitioner (pending; ``sent_on`` default today)."""
    with db.uow() as uow:
        if not isinstance(data, RequestInput):
            raise UserError("The request cannot be saved:", problems=["the input is not a request"])
        p = Problems()
        kind = choice(p, "kind", data.kind, RelationshipKind)
        client = person_ref(p, "client", uow, data.client)
        practitioner = person_ref(p, "practitioner", uow, data.practitioner)
        sent_on = a_date(p, "sent_on", data.sent_on) or db.clock.today()
        if client is not None and practitioner is not None:
            if client.id == practitioner.id:
                p.add("practitioner", "cannot be the same person as the client")
            elif kind:
                why = queries.practitioner_problem(uow, practitioner, kind)
                if why:
                    p.add("practitioner", why)
                pending = uow.session.scalar(
                    select(Request.sent_on).where(
                        Request.client_id == client.id,
                        Request.practitioner_id == practitioner.id,
                        Request.kind == kind,
                        Request.status == RequestStatus.PENDING,
                    )
                )
                if pending is not None:
                    p.add(
                        "practitioner",
                        f"{client.full_name} already has a pending {kind} request to "
                        f"{practitioner.full_name} (sent {format_date(pending)})",
                    )
        p.raise_if_any("The request")
        assert client is not None and practitioner is not None
        req = Request(
            client_id=client.id,
            practitioner_id=practitioner.id,
            kind=kind,
            sent_on=sent_on,
            status=RequestStatus.PENDING.value,
        )
        uow.session.add(req)
        uow.commit()
        return Outcome(_row(uow, req.id), Changes.of(RecordKind.REQUEST, req.id))


def _respond(
    uow: UnitOfWork,
    req: Request,
    status: RequestStatus,
    on: date | None,
    verb: str,
    today: date,
) -> None:
    names = dict(
        uow.session.execute(
            select(Person.id, Person.full_name).where(
                Person.id.in_([req.client_id, req.practitioner_id])
            )
        ).all()
    )
    what = (
        f"{names.get(req.client_id, '?')}'s {req.kind} request to "
        f"{names.get(req.practitioner_id, '?')}"
    )
    if req.status != RequestStatus.PENDING:
        when = f" on {format_date(req.responded_on)}" if req.responded_on else ""
        raise UserError(
            f"{what} cannot be {verb}: it was already {req.status}{when}; only a pending "
            "request can be answered."
        )
    p = Problems()
    responded = a_date(p, "responded_on", on) or today
    not_before(p, "responded_on", responded, req.sent_on, "the sent date")
    p.raise_if_any(what, verb)
    req.status = status.value
    req.responded_on = responded


def accept_request(
    db: Database,
    request_id: str,
    *,
    on: date | None = None,
    started_on: date | None = None,
    expected_version: int | None = None,
) -> Outcome[AcceptedRequest]:
    """Pending → accepted (responded on ``on``, default today) and, in the same transaction,
    open a relationship in contracting linked to the request."""
    with db.uow() as uow:
        req = versioned_or_404(uow, Request, request_id, "request", expected_version)
        practitioner = uow.session.get(Person, req.practitioner_id)
        assert practitioner is not None
        why = queries.practitioner_problem(uow, practitioner, req.kind)
        if why and req.status == RequestStatus.PENDING:
            raise UserError(f"The request cannot be accepted: {why}.")
        _respond(uow, req, RequestStatus.ACCEPTED, on, "accepted", db.clock.today())
        p = Problems()
        start = a_date(p, "started_on", started_on)
        not_before(p, "started_on", start, req.sent_on, "the sent date")
        p.raise_if_any("The relationship")
        rel = Relationship(
            kind=req.kind,
            practitioner_id=req.practitioner_id,
            client_id=req.client_id,
            request_id=req.id,
            status=RelationshipStatus.CONTRACTING.value,
            started_on=start,
            individual_objectives=[],
            organisational_objectives=[],
        )
        uow.session.add(rel)
        uow.commit()
        value = AcceptedRequest(
            request=_row(uow, req.id),
            relationship=queries.relationship_rows(uow, Relationship.id == rel.id)[0],
        )
        return Outcome(
            value,
            Changes.of(RecordKind.REQUEST, req.id) | Changes.of(RecordKind.RELATIONSHIP, rel.id),
        )


def decline_request(
    db: Database, request_id: str, *, on: date | None = None, expected_version: int | None = None
) -> Outcome[RequestRow]:
    """Pending → declined by the practitioner (responded on ``on``, default today)."""
    with db.uow() as uow:
        req = versioned_or_404(uow, Request, request_id, "request", expected_version)
        _respond(uow, req, RequestStatus.DECLINED, on, "declined", db.clock.today())
        uow.commit()
        return Outcome(_row(uow, req.id), Changes.of(RecordKind.REQUEST, req.id))


def withdraw_request(
    db: Database, request_id: str, *, on: date | None = None, expected_version: int | None = None
) -> Outcome[RequestRow]:
    """Pending → withdrawn by the client (responded on ``on``, default today)."""
    with db.uow() as uow:
        req = versioned_or_404(uow, Request, request_id, "request", expected_version)
        _respond(uow, req, RequestStatus.WITHDRAWN, on, "withdrawn", db.clock.today())
        uow.commit()
        return Outcome(_row(uow, req.id), Changes.of(RecordKind.REQUEST, req.id))


def delete_request(
    db: Database, request_id: str, *, expected_version: int | None = None
) -> Outcome[None]:
    """Delete a request entered by mistake; one that opened a relationship is kept."""
    with db.uow() as uow:
        req = versioned_or_404(uow, Request, request_id, "request", expected_version, deleting=True)
        opened = uow.session.scalar(
            select(Relationship.id).where(Relationship.request_id == req.id)
        )
        if opened is not None:
            raise UserError(
                "This request opened a relationship, so it is part of the record and cannot be "
                "deleted; withdraw or delete the relationship instead."
            )
        uow.session.delete(req)
        uow.commit()
        return Outcome(None, Changes.of(RecordKind.REQUEST, request_id))


def get_request(db: Database, request_id: str) -> RequestRow:
    with db.uow() as uow:
        req = row_or_404(uow, Request, request_id, "request")
        return _row(uow, req.id)


def list_requests(
    db: Database, status: str | None = None, email: str | None = None
) -> list[RequestRow]:
    """Requests, newest first; only one ``status``, and/or only those to or from ``email``."""
    where: list[ColumnElement[bool]] = []
    if status is not None:
        p = Problems()
        where.append(Request.status == choice(p, "status", status, RequestStatus))
        p.raise_if_any("The requests", "listed")
    if email is not None:
        ids = select(Person.id).where(Person.email == email.strip().lower())
        where.append(or_(Request.client_id.in_(ids), Request.practitioner_id.in_(ids)))
    with db.uow() as uow:
        return queries.request_rows(uow, *where)
