"""Fixtures for the exchange tests: the example and a richer hand-built bundle."""

from __future__ import annotations

import base64
import copy
import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from coachdesk.storage.migrate import open_database
from tests.helpers.bundles import relationship_record, session_record
from tests.helpers.clock import FROZEN

PNG = bytes(range(256)) * 3  # every byte value, as a certificate "image"
JPEG = b"\xff\xd8\xff\xe0" + "évidence ✓".encode() + b"\x00\x01\xfe\xff"

CERT_REG = "11111111-1111-4111-8111-000000000001"
MENTOR_REG = "11111111-1111-4111-8111-000000000002"
WITHDRAWN_REG = "11111111-1111-4111-8111-000000000003"
REQ_PENDING = "22222222-2222-4222-8222-000000000001"
REQ_DECLINED = "22222222-2222-4222-8222-000000000002"
REQ_ACCEPTED = "22222222-2222-4222-8222-000000000003"
REL_ENDED = "33333333-3333-4333-8333-000000000001"
REL_MENTORING = "33333333-3333-4333-8333-000000000002"


@pytest.fixture
def other_db(_template_sqlite: Path, tmp_path: Path) -> Iterator[Any]:
    """A second empty database (SQLite, its own file): the lead's laptop, say."""
    folder = tmp_path / "other"
    folder.mkdir()
    shutil.copyfile(_template_sqlite, folder / "other.sqlite")
    database = open_database(f"sqlite:///{folder / 'other.sqlite'}")
    database.clock = FROZEN
    yield database
    database.dispose()


@pytest.fixture
def example(example_bundle: Path) -> dict[str, Any]:
    """The shared example bundle, parsed (a fresh copy per test)."""
    return json.loads(example_bundle.read_text(encoding="utf-8"))


def _session(n: int, day: str, **fields: Any) -> dict[str, Any]:
    return session_record(f"44444444-4444-4444-8444-{n:012d}", day, **fields)


def _rich() -> dict[str, Any]:
    zoe, ade, lin = (
        "zoe.obriain@example.nhs.uk",
        "ade.mensah@example.nhs.uk",
        "lin.wu@example.nhs.uk",
    )
    kim, ola = "kim.sato@other.nhs.uk", "ola.nowak@other.nhs.uk"
    person = {
        "organisation": "Fenland Trust",
        "job_title": "Matron",
        "band": "8a",
        "region": "East of England",
        "manager_name": "",
        "manager_email": "",
        "leadership_programme": False,
        "manager_agreement_on": None,
        "eligibility_override": None,
        "notes": "",
    }
    return {
        "format": "coachdesk/1",
        "exported_at": "2026-10-01T08:00:00Z",
        "settings": {
            "hub_name": "Fens Hub – Ürsula’s team",
            "region": "East of England",
            "eligible_bands": ["5", "6", "7", "8a", "8b", "8c", "8d", "9", "VSM"],
            "response_days": 21,
            "cpd_months": 12,
        },
        "people": [
            {
                **person,
                "email": zoe,
                "full_name": "Zoë Ó Briain",
                "development_areas": ["resilience", "new role"],
                "notes": "Prefers video.\nLine two, with “quotes” and ✓",
                "updated_at": "2026-05-01T10:00:00.250000Z",
            },
            {**person, "email": ade, "full_name": "Adé Mensah", "band": None, "region": "Norfolk"},
            {
                **person,
                "email": lin,
                "full_name": "Lin Wu",
                "band": "2",
                "manager_name": "Pat Lee",
                "manager_email": "pat.lee@example.nhs.uk",
                "manager_agreement_on": "2026-01-05",
                "eligibility_override": {"reason": "Pilot cohort", "on": None},
            },
            {**person, "email": kim, "full_name": "Kim Sato", "leadership_programme": True},
            {**person, "email": ola, "full_name": "Ola Nowak", "band": "Other"},
        ],
        "registrations": [
            {
                "id": CERT_REG,
                "person": zoe,
                "kind": "coach",
                "status": "active",
                "registered_on": "2025-01-10",
                "approved_on": "2025-02-01",
                "profile_reviewed_on": None,
                "capacity": 3,
                "specialisms": ["resilience"],
                "ethics_agreed": True,
                "org_support_on": "2025-01-09",
                "pro_bono": False,
                "accreditation": "ILM Level 5",
                "accreditation_on": "2024-12-01",
                "certificate": {
                    "filename": "certificate ü.png",
                    "media_type": "image/png",
                    "data": base64.b64encode(PNG).decode(),
                },
                "training_on": None,
                "experience": None,
                "hours_committed": None,
            },
            {
                "id": MENTOR_REG,
                "person": ade,
                "kind": "mentor",
                "status": "paused",
                "registered_on": "2025-03-01",
                "capacity": 0,
                "experience": "Twenty years on wards.",
                "hours_committed": 24.5,
                "updated_at": "2026-02-02T02:02:02.000002Z",
            },
            {"id": WITHDRAWN_REG, "person": kim, "kind": "coach", "status": "withdrawn"},
        ],
        "requests": [
            {
                "id": REQ_PENDING,
                "client": lin,
                "practitioner": zoe,
                "kind": "coaching",
                "sent_on": "2026-06-01",
                "status": "pending",
                "responded_on": None,
            },
            {
                "id": REQ_DECLINED,
                "client": kim,
                "practitioner": ade,
                "kind": "mentoring",
                "sent_on": "2026-04-01",
                "status": "declined",
                "responded_on": "2026-04-03",
            },
            {
                "id": REQ_ACCEPTED,
                "client": ola,
                "practitioner": zoe,
                "kind": "coaching",
                "sent_on": "2026-01-01",
                "status": "accepted",
                "responded_on": "2026-01-02",
            },
        ],
        "relationships": [
            relationship_record(
                REL_MENTORING,
                "mentoring",
                ade,
                kim,
                "2026-02-01",
                sessions=[
                    _session(9, "2026-02-01", type="contracting", mode="phone", minutes=30),
                    _session(8, "2026-03-01", status="scheduled"),
                ],
            ),
            relationship_record(
                REL_ENDED,
                "coaching",
                zoe,
                ola,
                "2026-01-10",
                request=REQ_ACCEPTED,
                status="ended",
                planned_end_on="2026-06-30",
                planned_sessions=5,
                ended_on="2026-06-20",
                end_reason="Objectives met — early",
                individual_objectives=["Chair meetings well", "Say no"],
                organisational_objectives=["Keep the ward staffed"],
                sessions=[
                    _session(1, "2026-01-10", type="contracting", notes="Private: ✓ ü\nline 2"),
                    _session(2, "2026-02-10", mode="in person", minutes=90),
                    _session(3, "2026-02-10", status="cancelled"),
                    _session(4, "2026-03-10", status="did not attend", mode="phone"),
                    _session(
                        5, "2026-04-10", recorded_on="2026-05-30", updated_at="2026-05-30T12:00:00Z"
                    ),
                ],
                evaluations=[
                    {
                        "id": "55555555-5555-4555-8555-000000000001",
                        "kind": "pre",
                        "completed_on": "2026-01-08",
                        "template": "client-default",
                        "answers": {"confidence": 2, "morale": None},
                        "objective_ratings": [],
                        "comments": "",
                    },
                    {
                        "id": "55555555-5555-4555-8555-000000000002",
                        "kind": "follow-up",
                        "completed_on": "2026-12-20",
                        "template": "client-short",
                        "answers": {"focus": 7, "words": "More confident"},
                        "objective_ratings": [7.5, None],
                        "comments": "Six months on.",
                    },
                    {
                        "id": "55555555-5555-4555-8555-000000000003",
                        "kind": "practitioner-post",
                        "completed_on": "2026-06-25",
                        "template": "practitioner-default",
                        "answers": {"contract_clear": 5, "own_learning": 4},
                        "objective_ratings": [],
                        "comments": "",
                    },
                ],
            ),
        ],
        "cpd": [
            {
                "id": "66666666-6666-4666-8666-000000000001",
                "person": zoe,
                "date": "2026-03-03",
                "title": "Supervision skills",
                "provider": "",
                "kind": "webinar",
                "hours": 0.25,
                "reflection": "",
                "evidence": {
                    "filename": "évidence.jpg",
                    "media_type": "image/jpeg",
                    "data": base64.b64encode(JPEG).decode(),
                },
            },
            {
                "id": "66666666-6666-4666-8666-000000000002",
                "person": ade,
                "date": "2026-03-04",
                "title": "Reading",
                "provider": "Book",
                "kind": "reading",
                "hours": 2,
                "reflection": "Useful.",
                "evidence": None,
            },
        ],
        "supervision": [
            {
                "id": f"77777777-7777-4777-8777-00000000000{n}",
                "person": zoe,
                "date": f"2026-0{n}-15",
                "supervisor": "Morgan Ellery",
                "supervisor_qualification": "",
                "format": fmt,
                "hours": 1.5,
                "themes": "Endings",
                "reflection": "",
            }
            for n, fmt in ((1, "one-to-one"), (2, "group"), (3, "peer"))
        ],
        "learning_log": [
            {
                "id": "88888888-8888-4888-8888-000000000001",
                "person": zoe,
                "date": "2026-02-11",
                "relationship": REL_ENDED,
                "title": "Endings",
                "what_happened": "",
                "learning": "",
                "next_time": "",
                "competences": [
                    "Understanding Self",
                    "Commitment to Self-Development",
                    "Managing the Contract",
                    "Building the Relationship",
                    "Enabling Insight and Learning",
                    "Outcome and Action Orientation",
                    "Use of Models and Techniques",
                    "Evaluation",
                ],
            },
            {
                "id": "88888888-8888-4888-8888-000000000002",
                "person": ade,
                "date": "2026-02-12",
                "relationship": None,
                "title": "General reflection",
                "what_happened": "A quiet month.",
                "learning": "",
                "next_time": "",
                "competences": [],
            },
        ],
        "templates": [
            {
                "key": "client-short",
                "title": "Short client check-in",
                "scale": [0, 10],
                "items": [
                    {"key": "focus", "text": "I know what to focus on"},
                    {"key": "words", "text": "In your own words", "kind": "text"},
                ],
                "updated_at": "2026-01-01T00:00:00.000001Z",
            }
        ],
    }


@pytest.fixture
def rich_bundle() -> dict[str, Any]:
    """A hand-built bundle that uses every list, every enum value and odd characters."""
    return copy.deepcopy(_rich())


def without_exported_at(bundle: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in bundle.items() if k != "exported_at"}


@pytest.fixture
def strip() -> Callable[[dict[str, Any]], dict[str, Any]]:
    return without_exported_at
