"""The version check every update and delete makes before writing (SPEC 12: no lost update)."""

from __future__ import annotations

from typing import TypeVar

from coachdesk.services.validate import person_or_404, row_or_404
from coachdesk.storage.models import Base, Person
from coachdesk.storage.stale import check_version, refuse_if_gone
from coachdesk.storage.uow import UnitOfWork

M = TypeVar("M", bound=Base)


def versioned_or_404(
    uow: UnitOfWork,
    model: type[M],
    id: object,
    what: str,
    expected_version: int | None,
    *,
    deleting: bool = False,
) -> M:
    """The record with this id at ``expected_version`` (None: any version).

    Refused with StaleRecord when someone changed it, or deleted it, since the lead opened it
    at that version; NotFound when no such record ever was."""
    if isinstance(id, str) and id:
        refuse_if_gone(uow.session, model, id, expected_version)
    row = row_or_404(uow, model, id, what)
    check_version(uow.session, row, expected_version, deleting=deleting)
    return row


def person_at(uow: UnitOfWork, email: object, expected_version: int | None) -> Person:
    """The person with this e-mail at ``expected_version`` (None: any version)."""
    person = person_or_404(uow, email)
    check_version(uow.session, person, expected_version)
    return person
