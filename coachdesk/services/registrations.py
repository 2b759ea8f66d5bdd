"""Practitioner registrations: add, edit, status changes with approval checks, certificates."""

from __future__ import annotations

from datetime import date
from typing import NotRequired, TypedDict

from sqlalchemy import ColumnElement, select

from coachdesk.domain.enums import IcfHours, RegistrationKind, RegistrationStatus
from coachdesk.domain.settings import HubSettings
from coachdesk.errors import UserError
from coachdesk.services import queries
from coachdesk.services.changes import Changes, Outcome, RecordKind
from coachdesk.services.dto import FileInput, RegistrationInput, RegistrationRow
from coachdesk.services.settings import load_in
from coachdesk.services.validate import (
    CleanFile,
    Problems,
    a_date,
    choice,
    file,
    not_before,
    optional_text,
    person_or_404,
    row_or_404,
    tags,
    whole_number,
    yes_no,
)
from coachdesk.services.versions import versioned_or_404
from coachdesk.storage.models import Attachment, Person, Registration
from coachdesk.storage.uow import Database, UnitOfWork

S = RegistrationStatus

#: Where each status may go next (SPEC 1); withdrawn/rejected may re-apply.
NEXT_STATUS: dict[str, tuple[str, ...]] = {
    S.APPLIED: (S.APPROVED, S.ACTIVE, S.WITHDRAWN, S.REJECTED),
    S.APPROVED: (S.ACTIVE, S.WITHDRAWN, S.REJECTED),
    S.ACTIVE: (S.PAUSED, S.WITHDRAWN, S.REJECTED),
    S.PAUSED: (S.ACTIVE, S.WITHDRAWN, S.REJECTED),
    S.WITHDRAWN: (S.APPLIED, S.REJECTED),
    S.REJECTED: (S.APPLIED, S.WITHDRAWN),
}
#: Statuses a registration reaches only by approval.
APPROVED_STATES = (S.APPROVED, S.ACTIVE, S.PAUSED)


def _either(items: tuple[str, ...]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def transition_problem(current: str, new: str) -> str | None:
    """Why a registration may not go from ``current`` to ``new``, or None."""
    if current == new or new in NEXT_STATUS.get(current, ()):
        return None
    allowed = NEXT_STATUS.get(current, ())
    return f"a registration that is {current} cannot become {new}; it can become {_either(allowed)}"


def _is_approval(current: str | None, new: str) -> bool:
    return new in APPROVED_STATES and current not in APPROVED_STATES


class RegistrationValues(TypedDict):
    """A registration's fields, checked and ready to store (None where a check failed)."""

    kind: RegistrationKind | None
    status: RegistrationStatus | None
    registered_on: date
    approved_on: date | None
    profile_reviewed_on: date | None
    org_support_on: date | None
    accreditation_on: date | None
    training_on: date | None
    capacity: int | None
    specialisms: list[str]
    ethics_agreed: bool
    pro_bono: bool
    accreditation: str | None
    experience: str | None
    hours_committed: float | None
    icf_hours: NotRequired[IcfHours | None]


def _clean(
    p: Problems, data: RegistrationInput, registered: date | None, today: date
) -> RegistrationValues:
    """The registration's fields; ``registered`` stands in for a missing registration date."""
    if not isinstance(data, RegistrationInput):
        raise UserError(
            "The registration cannot be saved:", problems=["the input is not a registration"]
        )
    kind = choice(p, "kind", data.kind, RegistrationKind)
    status = choice(p, "status", data.status, RegistrationStatus)
    registered_on = a_date(p, "registered_on", data.registered_on)
    approved_on = a_date(p, "approved_on", data.approved_on)
    profile_reviewed_on = a_date(p, "profile_reviewed_on", data.profile_reviewed_on)
    org_support_on = a_date(p, "org_support_on", data.org_support_on)
    accreditation_on = a_date(p, "accreditation_on", data.accreditation_on)
    training_on = a_date(p, "training_on", data.training_on)
    registered_on = registered_on or registered or today
    not_before(p, "approved_on", approved_on, registered_on, "the registration date")
    values = RegistrationValues(
        kind=kind,
        status=status,
        registered_on=registered_on,
        approved_on=approved_on,
        profile_reviewed_on=profile_reviewed_on,
        org_support_on=org_support_on,
        accreditation_on=accreditation_on,
        training_on=training_on,
        capacity=whole_number(p, "capacity", data.capacity, minimum=1, maximum=100),
        specialisms=tags(p, "specialisms", data.specialisms),
        ethics_agreed=yes_no(p, "ethics_agreed", data.ethics_agreed),
        pro_bono=yes_no(p, "pro_bono", data.pro_bono),
        accreditation=optional_text(p, "accreditation", data.accreditation),
        experience=optional_text(p, "experience", data.experience),
        hours_committed=None,
    )
    if data.icf_hours is not None:  # None keeps what is held
        values["icf_hours"] = choice(p, "icf_hours", data.icf_hours, IcfHours)
    hours: object = data.hours_committed
    if hours is not None:
        if isinstance(hours, bool) or not isinstance(hours, int | float) or not 0 <= hours <= 2000:
            p.add("hours_committed", "must be a number between 0 and 2000")
        else:
            values["hours_committed"] = float(hours)
    return values


def _approval_check(
    values: RegistrationValues, kind: str, has_certificate: bool, settings: HubSettings
) -> list[str]:
    return queries.approval_missing(
        kind=kind,
        accreditation=values["accreditation"],
        has_certificate=has_certificate,
        ethics_agreed=bool(values["ethics_agreed"]),
        org_support_on=values["org_support_on"],
        training_on=values["training_on"],
        experience=values["experience"],
        hours_committed=values["hours_committed"],
        minimum_hours=settings.mentor_minimum_hours,
    )


def _refuse(p: Problems, missing: list[str], who: str, kind: str) -> None:
    """Raise the field problems and the approval gaps together, in one UserError."""
    what = f"{who}'s {kind} registration"
    if p:
        raise UserError(f"{what} cannot be saved:", problems=[*p.items, *missing])
    if missing:
        raise UserError(f"{what} cannot be approved until these are recorded:", problems=missing)


def _store_file(uow: UnitOfWork, clean: CleanFile) -> Attachment:
    att = Attachment(filename=clean.filename, media_type=clean.media_type, data=clean.data)
    uow.session.add(att)
    uow.session.flush()
    return att


def _replace_certificate(uow: UnitOfWork, reg: Registration, clean: CleanFile | None) -> None:
    old = reg.certificate_id
    reg.certificate_id = _store_file(uow, clean).id if clean else None
    uow.session.flush()
    if old:
        stale = uow.session.get(Attachment, old)
        if stale is not None:
            uow.session.delete(stale)


def _row(uow: UnitOfWork, reg_id: str) -> RegistrationRow:
    return queries.registration_rows(uow, load_in(uow), Registration.id == reg_id)[0]


def add_registration(db: Database, email: str, data: RegistrationInput) -> Outcome[RegistrationRow]:
    """Put a person on the register as a coach or mentor (one registration per kind).

    Adding one as approved, active or paused is an approval: it is refused, listing every
    missing item, unless the registration is complete.
    """
    with db.uow() as uow:
        person = person_or_404(uow, email)
        settings = load_in(uow)
        p = Problems()
        values = _clean(p, data, None, db.clock.today())
        cert = file(p, "certificate", data.certificate)
        if values["kind"]:
            held = uow.session.scalar(
                select(Registration.status).where(
                    Registration.person_id == person.id, Registration.kind == values["kind"]
                )
            )
            if held is not None:
                p.add(
                    "kind",
                    f"{person.full_name} already has a {values['kind']} registration ({held})",
                )
        missing: list[str] = []
        kind, status = values["kind"], values["status"]
        if kind and status and _is_approval(None, status):
            missing = _approval_check(values, kind, cert is not None, settings)
            values["approved_on"] = values["approved_on"] or db.clock.today()
        _refuse(p, missing, person.full_name, kind or "practitioner")
        reg = Registration(person_id=person.id, **values)
        uow.session.add(reg)
        uow.session.flush()
        if cert:
            _replace_certificate(uow, reg, cert)
        return _committed(uow, reg)


def update_registration(
    db: Database,
    registration_id: str,
    data: RegistrationInput,
    *,
    expected_version: int | None = None,
) -> Outcome[RegistrationRow]:
    """Replace a registration's details; a change of status follows the allowed transitions,
    and approving checks that nothing is missing. ``data.certificate`` None keeps the file."""
    with db.uow() as uow:
        reg = versioned_or_404(uow, Registration, registration_id, "registration", expected_version)
        person = uow.session.get(Person, reg.person_id)
        assert person is not None
        settings = load_in(uow)
        p = Problems()
        values = _clean(p, data, reg.registered_on, db.clock.today())
        cert = file(p, "certificate", data.certificate)
        if values["kind"] and values["kind"] != reg.kind:
            p.add(
                "kind",
                f"a {reg.kind} registration cannot become a {values['kind']} one; withdraw it "
                f"and add a {values['kind']} registration",
            )
        missing: list[str] = []
        new_status = values["status"]
        if new_status and new_status != reg.status:
            why = transition_problem(reg.status, new_status)
            if why:
                p.add("status", why)
            elif _is_approval(reg.status, new_status):
                has_cert = cert is not None or reg.certificate_id is not None
                missing = _approval_check(values, reg.kind, has_cert, settings)
                values["approved_on"] = values["approved_on"] or db.clock.today()
        _refuse(p, missing, person.full_name, reg.kind)
        values["kind"] = RegistrationKind(reg.kind)
        for key, value in values.items():
            setattr(reg, key, value)
        if cert:
            _replace_certificate(uow, reg, cert)
        return _committed(uow, reg)


def set_registration_status(
    db: Database,
    registration_id: str,
    status: str,
    *,
    on: date | None = None,
    expected_version: int | None = None,
) -> Outcome[RegistrationRow]:
    """Move a registration to ``status`` (applied → approved → active ⇄ paused; any →
    withdrawn/rejected). Approving sets approved on to ``on`` (default today) and is refused,
    with every missing item listed, when the registration is incomplete."""
    with db.uow() as uow:
        reg = versioned_or_404(uow, Registration, registration_id, "registration", expected_version)
        person = uow.session.get(Person, reg.person_id)
        assert person is not None
        p = Problems()
        new = choice(p, "status", status, RegistrationStatus)
        on = a_date(p, "on", on)
        what = f"{person.full_name}'s {reg.kind} registration"
        if new is None:
            p.raise_if_any(what, "changed")
            return Outcome(_row(uow, reg.id))
        why = transition_problem(reg.status, new)
        if why:
            raise UserError(f"{what} cannot be changed: {why}.")
        if new == reg.status:
            return Outcome(_row(uow, reg.id))
        if _is_approval(reg.status, new):
            approved_on = on or db.clock.today()
            not_before(p, "approved_on", approved_on, reg.registered_on, "the registration date")
            p.raise_if_any(what, "approved")
            missing = queries.approval_missing(
                kind=reg.kind,
                accreditation=reg.accreditation,
                has_certificate=reg.certificate_id is not None,
                ethics_agreed=bool(reg.ethics_agreed),
                org_support_on=reg.org_support_on,
                training_on=reg.training_on,
                experience=reg.experience,
                hours_committed=reg.hours_committed,
                minimum_hours=load_in(uow).mentor_minimum_hours,
            )
            _refuse(p, missing, person.full_name, reg.kind)
            reg.approved_on = approved_on
        reg.status = new
        return _committed(uow, reg)


def attach_certificate(
    db: Database,
    registration_id: str,
    certificate: FileInput,
    *,
    expected_version: int | None = None,
) -> Outcome[RegistrationRow]:
    """Keep a certificate (PDF, PNG or JPEG, at most 20 MB), replacing any held before."""
    with db.uow() as uow:
        reg = versioned_or_404(uow, Registration, registration_id, "registration", expected_version)
        p = Problems()
        clean = file(p, "certificate", certificate)
        if clean is None and not p:
            p.add("certificate", "no file given")
        p.raise_if_any("The certificate")
        _replace_certificate(uow, reg, clean)
        return _committed(uow, reg)


def remove_certificate(
    db: Database, registration_id: str, *, expected_version: int | None = None
) -> Outcome[RegistrationRow]:
    """Delete the certificate file a registration holds (if any)."""
    with db.uow() as uow:
        reg = versioned_or_404(uow, Registration, registration_id, "registration", expected_version)
        if reg.certificate_id is None:
            return Outcome(_row(uow, reg.id))
        _replace_certificate(uow, reg, None)
        return _committed(uow, reg)


def delete_registration(
    db: Database, registration_id: str, *, expected_version: int | None = None
) -> Outcome[None]:
    """Remove a registration entered by mistake, with its certificate (relationships stay)."""
    with db.uow() as uow:
        reg = versioned_or_404(
            uow, Registration, registration_id, "registration", expected_version, deleting=True
        )
        cert = reg.certificate_id
        person_id = reg.person_id
        uow.session.delete(reg)
        uow.session.flush()
        if cert:
            stale = uow.session.get(Attachment, cert)
            if stale is not None:
                uow.session.delete(stale)
        uow.commit()
        return Outcome(
            None,
            Changes.of(RecordKind.REGISTRATION, registration_id)
            | Changes.of(RecordKind.PERSON, person_id),
        )


def get_registration(db: Database, registration_id: str) -> RegistrationRow:
    with db.uow() as uow:
        reg = row_or_404(uow, Registration, registration_id, "registration")
        return _row(uow, reg.id)


def list_registrations(
    db: Database, kind: str | None = None, status: str | None = None
) -> list[RegistrationRow]:
    """The register, by name; optionally only one kind and/or status."""
    where: list[ColumnElement[bool]] = []
    p = Problems()
    if kind is not None:
        where.append(Registration.kind == choice(p, "kind", kind, RegistrationKind))
    if status is not None:
        where.append(Registration.status == choice(p, "status", status, RegistrationStatus))
    p.raise_if_any("The register", "listed")
    with db.uow() as uow:
        return queries.registration_rows(uow, load_in(uow), *where)


def _committed(uow: UnitOfWork, reg: Registration) -> Outcome[RegistrationRow]:
    """Commit, then the registration as saved and what changed (it and its person)."""
    uow.commit()
    return Outcome(
        _row(uow, reg.id),
        Changes.of(RecordKind.REGISTRATION, reg.id) | Changes.of(RecordKind.PERSON, reg.person_id),
    )
