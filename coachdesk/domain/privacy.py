"""Privacy rules: the anonymous stand-in for an erased person, and when records pass retention."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

#: Every stand-in for an erased person has an e-mail at this reserved (RFC 2606) domain.
ERASED_DOMAIN = "erased.invalid"
#: The name shown wherever an erased person was the other party of a relationship.
ERASED_NAME = "Erased person"
#: What a mention of an erased person's name or e-mail in someone else's text becomes.
ERASED_MENTION = "[erased]"

#: Relationship statuses that are still open (erasure closes them as withdrawn).
OPEN_RELATIONSHIP = ("contracting", "active")
#: Registration statuses whose retention clock runs from the day the record last changed.
CLOSED_REGISTRATION = ("withdrawn", "rejected")


def erased_email(token: str) -> str:
    return f"erased-{token}@{ERASED_DOMAIN}"


def is_erased_email(email: str) -> bool:
    return email.lower().endswith("@" + ERASED_DOMAIN)


def years_before(day: date, years: int) -> date:
    """The same calendar day ``years`` earlier (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


@dataclass(frozen=True)
class PastRetention:
    """One record kept longer than the retention period: shown to the lead before deleting."""

    kind: str  # "relationship" or "registration"
    id: str
    label: str  # e.g. "Coaching relationship, ended" — no names
    ended_on: date
    why: str
