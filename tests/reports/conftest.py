"""A small hub with known numbers (and names with diacritics) for the report tests."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest

from tests.helpers.bundles import relationship_record, session_record

TODAY = date(2026, 11, 23)
PRIVATE = "ZEBRA-PRIVATE-NOTE-4242"

P = "lucja.zolc@east-trust.nhs.uk"  # Łucja Żółć-Öztürk: coach (paid) and mentor (pro bono for ICF)
ZOE = "zoe.ashdown@east-trust.nhs.uk"  # Zoë Ashdown: coaching client
IOANNIS = "ioannis.p@east-trust.nhs.uk"  # Ioannis Παπαδόπουλος: mentoring client
ZARA = "zara.ashby@east-trust.nhs.uk"  # Zara Ashby: coaching client, same initials as Zoë
BOB = "bob.busy@east-trust.nhs.uk"  # Bob Busy: the client of the 300-session relationship

R1, R2, R3, R4 = (f"00000000-0000-4000-8000-00000000000{i}" for i in range(1, 5))
REQ1, REQ2, REQ3 = (f"00000000-0000-4000-8000-0000000001{i:02d}" for i in range(1, 4))


def _id(n: int) -> str:
    return f"00000000-0000-4000-9000-{n:012d}"


def _person(email: str, name: str, **extra: Any) -> dict[str, Any]:
    base = {
        "email": email,
        "full_name": name,
        "organisation": "East Trust",
        "job_title": "Ward Manager",
        "band": "7",
        "region": "East of England",
        "manager_name": "",
        "manager_email": "",
        "leadership_programme": False,
        "manager_agreement_on": "2025-12-01",
        "eligibility_override": None,
        "notes": "",
    }
    base.update(extra)
    return base


def _session(n: int, day: date, minutes: int, **fields: Any) -> dict[str, Any]:
    return session_record(_id(n), day, minutes=minutes, **fields)


ANSWERS_PRE = {
    "confidence": 2,
    "motivation": 3,
    "morale": 2,
    "stress": 2,
    "performance": 3,
    "proactivity": 2,
    "development_plan": 1,
}
ANSWERS_POST = {
    "confidence": 4,
    "motivation": 4,
    "morale": 3,
    "stress": 3,
    "performance": 4,
    "proactivity": 4,
    "development_plan": 4,
}


def hub_bundle(*, busy_sessions: int = 0) -> dict[str, Any]:
    """The test hub as a coachdesk/1 bundle; ``busy_sessions`` adds a relationship that long."""
    reg = {
        "status": "active",
        "registered_on": "2025-01-01",
        "approved_on": "2025-01-15",
        "profile_reviewed_on": "2026-06-01",
        "capacity": 3,
        "specialisms": ["new leaders"],
        "ethics_agreed": True,
        "org_support_on": "2025-01-01",
        "certificate": None,
        "experience": None,
    }
    relationships = [
        relationship_record(
            R1,
            "coaching",
            P,
            ZOE,
            "2026-01-10",
            request=REQ1,
            status="ended",
            planned_end_on="2026-07-01",
            planned_sessions=4,
            ended_on="2026-06-30",
            end_reason="completed",
            individual_objectives=["Lead the ward move"],
            organisational_objectives=["Keep experienced staff"],
            sessions=[
                _session(1, date(2026, 1, 10), 60, type="contracting", notes=PRIVATE),
                _session(2, date(2026, 2, 10), 45, notes=PRIVATE + " second"),
                _session(3, date(2026, 3, 10), 90),
                _session(4, date(2026, 4, 10), 90, status="cancelled", notes=PRIVATE),
            ],
            evaluations=[
                {
                    "id": _id(101),
                    "kind": "pre",
                    "completed_on": "2026-01-09",
                    "template": "client-default",
                    "answers": ANSWERS_PRE,
                    "objective_ratings": [],
                    "comments": "",
                },
                {
                    "id": _id(102),
                    "kind": "post",
                    "completed_on": "2026-07-02",
                    "template": "client-default",
                    "answers": ANSWERS_POST,
                    "objective_ratings": [8, 6],
                    "comments": "Zoë found it useful.",
                },
                {
                    "id": _id(103),
                    "kind": "practitioner-post",
                    "completed_on": "2026-07-03",
                    "template": "practitioner-default",
                    "answers": {"contract_clear": 5},
                    "objective_ratings": [],
                    "comments": "",
                },
            ],
        ),
        relationship_record(
            R2,
            "mentoring",
            P,
            IOANNIS,
            "2026-02-01",
            request=REQ2,
            sessions=[
                _session(5, date(2026, 2, 1), 60, type="contracting"),
                _session(6, date(2026, 3, 1), 75, notes=PRIVATE),
                _session(7, date(2026, 12, 1), 60, status="scheduled", notes=PRIVATE),
            ],
            evaluations=[
                {
                    "id": _id(104),
                    "kind": "pre",
                    "completed_on": "2026-01-30",
                    "template": "client-default",
                    "answers": ANSWERS_PRE,
                    "objective_ratings": [],
                    "comments": "",
                },
            ],
        ),
        relationship_record(
            R3,
            "coaching",
            P,
            ZARA,
            "2026-05-01",
            sessions=[_session(8, date(2026, 5, 1), 30, type="contracting")],
        ),
    ]
    people = [
        _person(P, "Łucja Żółć-Öztürk", job_title="Head of OD"),
        _person(ZOE, "Zoë Ashdown", manager_name="Łucja Żółć-Öztürk", manager_email=P),
        _person(IOANNIS, "Ioannis Παπαδόπουλος"),
        _person(ZARA, "Zara Ashby"),
    ]
    if busy_sessions:
        people.append(_person(BOB, "Bob Busy"))
        start = date(2025, 1, 1)
        relationships.append(
            relationship_record(
                R4,
                "coaching",
                P,
                BOB,
                start.isoformat(),
                sessions=[
                    _session(1000 + i, start + timedelta(days=i), 60, notes=PRIVATE)
                    for i in range(busy_sessions)
                ],
            )
        )
    return {
        "format": "coachdesk/1",
        "settings": {"hub_name": "Fenland Test Hub", "equality_monitoring": True},
        "people": people,
        "registrations": [
            {
                **reg,
                "id": _id(201),
                "person": P,
                "kind": "coach",
                "pro_bono": False,
                "accreditation": "EMCC Coach Practitioner",
                "accreditation_on": "2024-06-30",
                "training_on": None,
                "hours_committed": None,
            },
            {
                **reg,
                "id": _id(202),
                "person": P,
                "kind": "mentor",
                "pro_bono": True,
                "icf_hours": "pro-bono",  # given in her own time: pro bono for ICF
                "accreditation": None,
                "accreditation_on": None,
                "training_on": "2024-10-01",
                "hours_committed": 12,
            },
        ],
        "requests": [
            {
                "id": REQ1,
                "client": ZOE,
                "practitioner": P,
                "kind": "coaching",
                "sent_on": "2026-01-01",
                "status": "accepted",
                "responded_on": "2026-01-05",
            },
            {
                "id": REQ2,
                "client": IOANNIS,
                "practitioner": P,
                "kind": "mentoring",
                "sent_on": "2026-01-10",
                "status": "accepted",
                "responded_on": "2026-01-31",
            },
            {
                "id": REQ3,
                "client": ZARA,
                "practitioner": P,
                "kind": "coaching",
                "sent_on": "2026-11-01",
                "status": "pending",
                "responded_on": None,
            },
        ],
        "relationships": relationships,
        "cpd": [
            {
                "id": _id(301),
                "person": P,
                "date": "2026-03-01",
                "title": "Working with resistance",
                "provider": "Hub CPD offer",
                "kind": "workshop",
                "hours": 3.5,
                "reflection": "Slow down.",
                "evidence": None,
            },
            {
                "id": _id(302),
                "person": P,
                "date": "2025-05-01",
                "title": "Coaching conference",
                "provider": "EMCC UK",
                "kind": "conference",
                "hours": 10.0,
                "reflection": "",
                "evidence": None,
            },
        ],
        "supervision": [
            {
                "id": _id(401),
                "person": P,
                "date": "2026-02-15",
                "supervisor": "Morgan Ellery",
                "supervisor_qualification": "EMCC Accredited Supervisor",
                "format": "group",
                "hours": 1.5,
                "themes": "Contracting",
                "reflection": "",
            },
            {
                "id": _id(402),
                "person": P,
                "date": "2026-07-15",
                "supervisor": "Morgan Ellery",
                "supervisor_qualification": "EMCC Accredited Supervisor",
                "format": "one-to-one",
                "hours": 2.0,
                "themes": "Endings",
                "reflection": "Endings matter.",
            },
        ],
        "learning_log": [
            {
                "id": _id(501),
                "person": P,
                "date": "2026-02-11",
                "relationship": R1,
                "title": "Holding silence",
                "what_happened": "The client went quiet.",
                "learning": "Silence gave space.",
                "next_time": "Wait longer.",
                "competences": ["Understanding Self", "Evaluation"],
            },
            {
                "id": _id(502),
                "person": P,
                "date": "2026-03-02",
                "relationship": R2,
                "title": "Mentoring across languages",
                "what_happened": "Ioannis switched to Greek.",
                "learning": "Language carries culture.",
                "next_time": "Ask about it.",
                "competences": [],
            },
        ],
    }


@dataclass(frozen=True)
class Hub:
    db: Any
    today: date = TODAY


def load(db: Any, **kw: Any) -> Hub:
    from coachdesk.services.exchange import import_bundle

    import_bundle(db, hub_bundle(**kw), source="test hub")
    return Hub(db)


@pytest.fixture
def hub(db: Any) -> Hub:
    """The test hub on SQLite and on PostgreSQL."""
    return load(db)


@pytest.fixture
def sqlite_hub(sqlite_db: Any) -> Hub:
    """The test hub on SQLite only (the PDF tests)."""
    return load(sqlite_db)


# ---------------------------------------------------------------------------------------------
# Reading PDFs back


def pdf_pages(data: bytes, *, layout: bool = False) -> list[str]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    mode = "layout" if layout else "plain"
    return [page.extract_text(extraction_mode=mode) for page in reader.pages]


def squash(text: str) -> str:
    """Whitespace folded to single spaces (layout mode pads columns)."""
    return re.sub(r"\s+", " ", text)
