"""What reminders name about the alerts' subjects: the other party, the kind, the dates."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select

from coachdesk.domain.hub_facts import Alert
from coachdesk.domain.reminder_items import SubjectFacts
from coachdesk.storage.models import Meeting, Person, Registration, Relationship, Request
from coachdesk.storage.uow import UnitOfWork

#: Per alert, by (rule, subject id): what its reminder names, and the relationship's kind.
Facts = dict[tuple[str, str], tuple[SubjectFacts, str]]


def _ids(found: Sequence[Alert], kind: str) -> set[str]:
    return {a.subject_id for a in found if a.subject_kind == kind}


def subject_facts(uow: UnitOfWork, found: Sequence[Alert]) -> Facts:
    """The facts each alert's reminder names, read in a few set-based queries."""
    s = uow.session
    requests = {
        r.id: r
        for r in s.execute(
            select(Request.id, Request.kind, Request.sent_on, Request.client_id).where(
                Request.id.in_(_ids(found, "request"))
            )
        )
    }
    meetings = {
        m.id: m
        for m in s.execute(
            select(Meeting.id, Meeting.type, Meeting.date, Meeting.relationship_id).where(
                Meeting.id.in_(_ids(found, "meeting"))
            )
        )
    }
    rel_ids = _ids(found, "relationship") | {m.relationship_id for m in meetings.values()}
    relationships = {
        r.id: r
        for r in s.execute(
            select(
                Relationship.id,
                Relationship.kind,
                Relationship.client_id,
                Relationship.practitioner_id,
                Relationship.ended_on,
            ).where(Relationship.id.in_(rel_ids))
        )
    }
    registrations = {
        r.id: r
        for r in s.execute(
            select(Registration.id, Registration.kind, Registration.capacity).where(
                Registration.id.in_(_ids(found, "registration"))
            )
        )
    }
    wanted = {r.client_id for r in requests.values()} | {
        pid for r in relationships.values() for pid in (r.client_id, r.practitioner_id)
    }
    names: dict[str, str] = {
        pid: name
        for pid, name in s.execute(
            select(Person.id, Person.full_name).where(Person.id.in_(wanted))
        ).all()
    }
    out: Facts = {}
    for a in found:
        key = (a.rule, a.subject_id)
        if a.subject_kind == "request" and (req := requests.get(a.subject_id)):
            out[key] = (SubjectFacts(req.kind, names.get(req.client_id, ""), req.sent_on), "")
        elif a.subject_kind == "meeting" and (m := meetings.get(a.subject_id)):
            rel = relationships.get(m.relationship_id)
            other = names.get(rel.client_id, "") if rel else ""
            out[key] = (SubjectFacts(m.type, other, m.date), rel.kind if rel else "")
        elif a.subject_kind == "relationship" and (rel := relationships.get(a.subject_id)):
            other_id = rel.practitioner_id if a.person_id == rel.client_id else rel.client_id
            out[key] = (SubjectFacts(rel.kind, names.get(other_id, ""), rel.ended_on), rel.kind)
        elif a.subject_kind == "registration" and (reg := registrations.get(a.subject_id)):
            kind = "coaching" if reg.kind == "coach" else "mentoring"
            out[key] = (SubjectFacts(kind, capacity=reg.capacity), "")
    return out
