"""Matching (SPEC 2): rank the practitioners a client could work with, every reason in words."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from coachdesk.domain.enums import REGISTRATION_KIND_FOR, RegistrationStatus, RelationshipKind


@dataclass(frozen=True)
class ClientProfile:
    """What matching needs to know about the client."""

    email: str
    full_name: str
    organisation: str = ""
    manager_email: str = ""
    development_areas: tuple[str, ...] = ()


@dataclass(frozen=True)
class Candidate:
    """One practitioner's registration, with their current load."""

    registration_id: str
    email: str
    full_name: str
    kind: str  # the registration's kind: coach / mentor
    status: str
    capacity: int
    current_clients: int  # contracting + active relationships of the registration's kind
    organisation: str = ""
    specialisms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Suggestion:
    """A candidate, whether they suit, and why: every criterion as a plain-English sentence."""

    rank: int
    registration_id: str
    email: str
    full_name: str
    organisation: str
    suitable: bool
    reasons: tuple[str, ...]  # every criterion, in the SPEC's order, met or not
    blockers: tuple[str, ...]  # the reasons that make the candidate unsuitable
    matched_areas: tuple[str, ...]  # the client's development areas the specialisms meet
    current_clients: int
    free_places: int


def _words(text: str) -> tuple[str, ...]:
    return tuple(re.findall(r"[a-z0-9]+", text.casefold()))


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    n = len(shorter)
    return n > 0 and any(longer[i : i + n] == shorter for i in range(len(longer) - n + 1))


def area_met(area: str, specialisms: Iterable[str]) -> bool:
    """A development area is met by a specialism naming it (ignoring case and punctuation),
    either way round: "leadership" meets "new leadership roles" and vice versa."""
    a = _words(area)
    return any(_contains(s, a) or _contains(a, s) for s in map(_words, specialisms))


def _same(a: str, b: str) -> bool:
    return bool(a.strip()) and " ".join(_words(a)) == " ".join(_words(b))


def _places(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def assess(
    client: ClientProfile,
    candidate: Candidate,
    kind: str,
    *,
    allow_same_organisation: bool = False,
) -> tuple[list[str], list[str], tuple[str, ...]]:
    """(reasons, blockers, matched areas) for one candidate."""
    reasons: list[str] = []
    blockers: list[str] = []
    first = client.full_name.split()[0] if client.full_name.strip() else "the client"

    def say(text: str, ok: bool) -> None:
        reasons.append(text)
        if not ok:
            blockers.append(text)

    wanted = (
        REGISTRATION_KIND_FOR.get(RelationshipKind(kind)) if kind in set(RelationshipKind) else None
    )
    if candidate.email.casefold() == client.email.casefold():
        say("is the client", False)
    if wanted is None or candidate.kind != wanted:
        say(f"is registered as a {candidate.kind}, not for {kind}", False)
    elif candidate.status == RegistrationStatus.ACTIVE:
        say(f"is an active {candidate.kind}", True)
    else:
        say(f"is a {candidate.kind} but the registration is {candidate.status}, not active", False)

    free = max(candidate.capacity - candidate.current_clients, 0)
    taken = f"{candidate.current_clients} of {candidate.capacity} taken"
    if free:
        say(f"has {_places(free, 'free place')} ({taken})", True)
    else:
        say(f"has no free place ({taken})", False)

    manager = client.manager_email.strip().casefold()
    if manager and manager == candidate.email.casefold():
        say(f"is {first}'s line manager", False)
    else:
        say(f"is not {first}'s line manager", True)

    org = candidate.organisation.strip()
    if _same(org, client.organisation):
        if allow_same_organisation:
            say(f"works in {first}'s own organisation, {org} (allowed for this search)", True)
        else:
            say(f"works in {first}'s own organisation, {org}", False)
    elif org:
        say(f"works in {org}, not {first}'s organisation", True)
    else:
        say("has no organisation recorded, so it cannot be the client's own", True)

    areas = tuple(a for a in client.development_areas if a.strip())
    matched = tuple(a for a in areas if area_met(a, candidate.specialisms))
    if not areas:
        reasons.append(f"{first} has no development areas recorded to match specialisms against")
    elif matched:
        reasons.append(
            f"specialisms meet {len(matched)} of {first}'s {len(areas)} development areas: "
            + ", ".join(matched)
        )
    else:
        reasons.append(f"no specialism meets {first}'s development areas ({', '.join(areas)})")

    if candidate.current_clients:
        reasons.append(f"has {_places(candidate.current_clients, 'current client')}")
    else:
        reasons.append("has no current clients")
    return reasons, blockers, matched


def rank_candidates(
    client: ClientProfile,
    candidates: Sequence[Candidate],
    kind: str,
    *,
    allow_same_organisation: bool = False,
) -> list[Suggestion]:
    """Suitable candidates first; then most development areas met, fewest current clients,
    most free places, and name. Unsuitable candidates follow, each with its blockers."""
    scored = []
    for c in candidates:
        reasons, blockers, matched = assess(
            client, c, kind, allow_same_organisation=allow_same_organisation
        )
        free = max(c.capacity - c.current_clients, 0)
        key = (
            bool(blockers),
            -len(matched),
            c.current_clients,
            -free,
            c.full_name.casefold(),
            c.email,
        )
        scored.append((key, c, reasons, blockers, matched, free))
    scored.sort(key=lambda s: s[0])
    return [
        Suggestion(
            rank=n,
            registration_id=c.registration_id,
            email=c.email,
            full_name=c.full_name,
            organisation=c.organisation,
            suitable=not blockers,
            reasons=tuple(reasons),
            blockers=tuple(blockers),
            matched_areas=matched,
            current_clients=c.current_clients,
            free_places=free,
        )
        for n, (_, c, reasons, blockers, matched, free) in enumerate(scored, start=1)
    ]
