"""The hub's vocabularies: every value spelled exactly as SPEC.md and the exchange format."""

from __future__ import annotations

from enum import StrEnum


class Band(StrEnum):
    B1 = "1"
    B2 = "2"
    B3 = "3"
    B4 = "4"
    B5 = "5"
    B6 = "6"
    B7 = "7"
    B8A = "8a"
    B8B = "8b"
    B8C = "8c"
    B8D = "8d"
    B9 = "9"
    VSM = "VSM"
    OTHER = "Other"


class RegistrationKind(StrEnum):
    COACH = "coach"
    MENTOR = "mentor"


class RegistrationStatus(StrEnum):
    APPLIED = "applied"
    APPROVED = "approved"
    ACTIVE = "active"
    PAUSED = "paused"
    WITHDRAWN = "withdrawn"
    REJECTED = "rejected"


class IcfHours(StrEnum):
    """How a registration's practice hours count in an ICF client log. Internal coaching in
    work hours as part of the role is paid in ICF's terms (the default); pro bono is coaching
    given without payment, in the practitioner's own time."""

    PAID = "paid"
    PRO_BONO = "pro-bono"


class RelationshipKind(StrEnum):
    COACHING = "coaching"
    MENTORING = "mentoring"


class RequestStatus(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"


class RelationshipStatus(StrEnum):
    CONTRACTING = "contracting"
    ACTIVE = "active"
    ENDED = "ended"
    WITHDRAWN = "withdrawn"


class MeetingType(StrEnum):
    CONTRACTING = "contracting"
    REGULAR = "regular"


class MeetingMode(StrEnum):
    IN_PERSON = "in person"
    VIDEO = "video"
    PHONE = "phone"


class MeetingStatus(StrEnum):
    SCHEDULED = "scheduled"
    HELD = "held"
    CANCELLED = "cancelled"
    DID_NOT_ATTEND = "did not attend"


class CpdKind(StrEnum):
    COURSE = "course"
    WORKSHOP = "workshop"
    WEBINAR = "webinar"
    READING = "reading"
    CONFERENCE = "conference"
    HUB_CPD_OFFER = "hub CPD offer"
    OTHER = "other"


class SupervisionFormat(StrEnum):
    ONE_TO_ONE = "one-to-one"
    GROUP = "group"
    PEER = "peer"


class EvaluationKind(StrEnum):
    PRE = "pre"
    POST = "post"
    FOLLOW_UP = "follow-up"
    PRACTITIONER_POST = "practitioner-post"


class Competence(StrEnum):
    UNDERSTANDING_SELF = "Understanding Self"
    SELF_DEVELOPMENT = "Commitment to Self-Development"
    MANAGING_CONTRACT = "Managing the Contract"
    BUILDING_RELATIONSHIP = "Building the Relationship"
    ENABLING_INSIGHT = "Enabling Insight and Learning"
    OUTCOME_ACTION = "Outcome and Action Orientation"
    MODELS_TECHNIQUES = "Use of Models and Techniques"
    EVALUATION = "Evaluation"


#: The kind of relationship a registration of each kind may hold, and back.
RELATIONSHIP_KIND_FOR = {
    RegistrationKind.COACH: RelationshipKind.COACHING,
    RegistrationKind.MENTOR: RelationshipKind.MENTORING,
}
REGISTRATION_KIND_FOR = {v: k for k, v in RELATIONSHIP_KIND_FOR.items()}

#: Registrations in these states raise no alerts and hold no clients.
CLOSED_REGISTRATION = frozenset({RegistrationStatus.WITHDRAWN, RegistrationStatus.REJECTED})


def values(enum: type[StrEnum]) -> list[str]:
    """The spellings of an enum, in declaration order."""
    return [m.value for m in enum]
