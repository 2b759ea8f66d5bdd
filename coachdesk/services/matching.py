"""Suggest practitioners for a client: the register's candidates ranked with every reason."""

from __future__ import annotations

from coachdesk.domain.enums import (
    CLOSED_REGISTRATION,
    REGISTRATION_KIND_FOR,
    RelationshipKind,
)
from coachdesk.domain.matching import Candidate, ClientProfile, Suggestion, rank_candidates
from coachdesk.services import queries
from coachdesk.services.settings import load_in
from coachdesk.services.validate import Problems, choice, person_or_404
from coachdesk.storage.models import Registration
from coachdesk.storage.uow import Database


def suggest_practitioners(
    db: Database, client_email: str, kind: str, *, allow_same_organisation: bool = False
) -> list[Suggestion]:
    """Every coach (for coaching) or mentor (for mentoring) on the register, except withdrawn
    and rejected ones and the client, ranked for ``client_email`` (SPEC 2)."""
    p = Problems()
    rel_kind = choice(p, "kind", kind, RelationshipKind)
    p.raise_if_any("Practitioners", "suggested")
    assert rel_kind is not None  # no problems
    with db.uow() as uow:
        client = person_or_404(uow, client_email)
        reg_kind = REGISTRATION_KIND_FOR[rel_kind].value
        rows = queries.registration_rows(
            uow,
            load_in(uow),
            Registration.kind == reg_kind,
            Registration.status.not_in([s.value for s in CLOSED_REGISTRATION]),
            Registration.person_id != client.id,
        )
        profile = ClientProfile(
            email=client.email,
            full_name=client.full_name,
            organisation=client.organisation or "",
            manager_email=client.manager_email or "",
            development_areas=tuple(client.development_areas or ()),
        )
    candidates = [
        Candidate(
            registration_id=r.id,
            email=r.email,
            full_name=r.full_name,
            kind=r.kind,
            status=r.status,
            capacity=r.capacity,
            current_clients=r.current_clients,
            organisation=r.organisation,
            specialisms=r.specialisms,
        )
        for r in rows
    ]
    return rank_candidates(
        profile, candidates, rel_kind, allow_same_organisation=allow_same_organisation
    )
