"""Hypothesis strategies for whole hubs as coachdesk/1 bundles, and fresh databases to hold them.

The values are those the app itself stores: text without stray spaces at either end, tags
without the separators the app splits them on (``,`` and ``;``), dates 1900-2099."""

from __future__ import annotations

import shutil
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from coachdesk.domain.enums import (
    Band,
    Competence,
    CpdKind,
    EvaluationKind,
    IcfHours,
    MeetingMode,
    MeetingStatus,
    MeetingType,
    RegistrationStatus,
    SupervisionFormat,
)
from tests.helpers.clock import FROZEN

_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéöÓüñ"
words = (
    st.text(alphabet=_LETTERS + " -'=@", min_size=1, max_size=24)
    .map(lambda t: " ".join(t.split()))
    .filter(lambda t: bool(t) and not t.startswith("'"))
)
#: Free text of several lines (notes, reflections).
prose = st.lists(words, min_size=1, max_size=3).map("\n".join)
tag = st.text(alphabet=_LETTERS + " ", min_size=1, max_size=20).map(lambda t: " ".join(t.split()))
tags = st.lists(tag.filter(bool), max_size=3, unique_by=str.casefold)
days = st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)).map(date.isoformat)
maybe_days = st.one_of(st.none(), days)
statuses = st.sampled_from([s.value for s in RegistrationStatus])


def _id(n: int) -> str:
    return str(uuid.UUID(int=n, version=4))


@st.composite
def _person(draw: st.DrawFn, email: str, others: list[str]) -> dict[str, Any]:
    override = draw(
        st.one_of(st.none(), st.fixed_dictionaries({"reason": words, "on": maybe_days}))
    )
    return {
        "email": email,
        "full_name": draw(words),
        "organisation": draw(st.one_of(st.just(""), words)),
        "job_title": draw(st.one_of(st.just(""), words)),
        "band": draw(st.sampled_from([None, *[b.value for b in Band]])),
        "region": draw(words),
        "manager_name": draw(st.one_of(st.just(""), words)),
        "manager_email": draw(st.sampled_from(["", *others])),
        "leadership_programme": draw(st.booleans()),
        "manager_agreement_on": draw(maybe_days),
        "eligibility_override": override,
        "notes": draw(st.one_of(st.just(""), prose)),
        "development_areas": draw(tags),
    }


@st.composite
def _registration(draw: st.DrawFn, n: int, email: str, kind: str) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": _id(n),
        "person": email,
        "kind": kind,
        "status": draw(statuses),
        "registered_on": draw(maybe_days),
        "approved_on": draw(maybe_days),
        "profile_reviewed_on": draw(maybe_days),
        "capacity": draw(st.integers(0, 100)),
        "specialisms": draw(tags),
        "ethics_agreed": draw(st.booleans()),
        "org_support_on": draw(maybe_days),
        "pro_bono": draw(st.booleans()),
        "icf_hours": draw(st.sampled_from([h.value for h in IcfHours])),
    }
    if kind == "coach":
        record["accreditation"] = draw(st.one_of(st.none(), words))
        record["accreditation_on"] = draw(maybe_days)
    else:
        record["training_on"] = draw(maybe_days)
        record["experience"] = draw(st.one_of(st.none(), prose))
        record["hours_committed"] = draw(
            st.one_of(st.none(), st.integers(1, 8000).map(lambda q: q / 4))
        )
    return record


@st.composite
def hubs(draw: st.DrawFn, *, register_only: bool = False) -> dict[str, Any]:
    """A hub: people and their registrations, and (unless ``register_only``) a request and the
    coaching relationship it led to with sessions and evaluations, CPD, supervision,
    learning-log entries, workforce headcounts and coaching-culture assessments."""
    count = draw(st.integers(1, 5))
    emails = [f"person{i}.{draw(st.sampled_from('abc'))}@example.nhs.uk" for i in range(count)]
    people = [draw(_person(e, [o for o in emails if o != e])) for e in emails]
    registrations = []
    serial = 1
    for email in emails:
        for kind in draw(st.sampled_from([(), ("coach",), ("mentor",), ("coach", "mentor")])):
            registrations.append(draw(_registration(serial, email, kind)))
            serial += 1
    bundle: dict[str, Any] = {
        "format": "coachdesk/1",
        "people": people,
        "registrations": registrations,
    }
    if register_only:
        return bundle
    coaches = [r["person"] for r in registrations if r["kind"] == "coach"]
    if coaches and count > 1:
        coach = draw(st.sampled_from(coaches))
        client = draw(st.sampled_from([e for e in emails if e != coach]))
        sessions = [
            {
                "id": _id(1000 + i),
                "type": draw(st.sampled_from([t.value for t in MeetingType])),
                "date": draw(days),
                "minutes": draw(st.integers(1, 240)),
                "mode": draw(st.sampled_from([m.value for m in MeetingMode])),
                "status": draw(st.sampled_from([s.value for s in MeetingStatus])),
                "recorded_on": draw(maybe_days),
                "notes": draw(st.one_of(st.just(""), prose)),
            }
            for i in range(draw(st.integers(0, 3)))
        ]
        evaluations = [
            {
                "id": _id(1100 + i),
                "kind": kind,
                "completed_on": draw(maybe_days),
                "template": None,
                "answers": {},
                "objective_ratings": draw(
                    st.lists(st.one_of(st.none(), st.integers(0, 10)), max_size=2)
                ),
                "comments": draw(st.one_of(st.just(""), prose)),
            }
            for i, kind in enumerate(
                draw(st.lists(st.sampled_from([k.value for k in EvaluationKind]), max_size=2))
            )
        ]
        asked = draw(st.booleans())
        if asked:
            bundle["requests"] = [
                {
                    "id": _id(800),
                    "client": client,
                    "practitioner": coach,
                    "kind": "coaching",
                    "sent_on": draw(days),
                    "status": "accepted",
                    "responded_on": draw(maybe_days),
                }
            ]
        bundle["relationships"] = [
            {
                "id": _id(900),
                "kind": "coaching",
                "practitioner": coach,
                "client": client,
                "request": _id(800) if asked else None,
                "status": "active",
                "started_on": draw(days),
                "planned_end_on": None,
                "planned_sessions": draw(st.integers(1, 12)),
                "ended_on": None,
                "end_reason": None,
                "individual_objectives": draw(st.lists(words, max_size=2)),
                "organisational_objectives": [],
                "sessions": sessions,
                "evaluations": evaluations,
            }
        ]
    someone = st.sampled_from(emails)
    bundle["cpd"] = [
        {
            "id": _id(2000 + i),
            "person": draw(someone),
            "date": draw(days),
            "title": draw(words),
            "provider": draw(st.one_of(st.just(""), words)),
            "kind": draw(st.sampled_from([k.value for k in CpdKind])),
            "hours": draw(st.integers(1, 400).map(lambda q: q / 4)),
            "reflection": draw(st.one_of(st.just(""), prose)),
            "evidence": None,
        }
        for i in range(draw(st.integers(0, 2)))
    ]
    bundle["supervision"] = [
        {
            "id": _id(3000 + i),
            "person": draw(someone),
            "date": draw(days),
            "supervisor": draw(words),
            "supervisor_qualification": draw(st.one_of(st.just(""), words)),
            "format": draw(st.sampled_from([f.value for f in SupervisionFormat])),
            "hours": draw(st.integers(1, 40).map(lambda q: q / 2)),
            "themes": draw(st.one_of(st.just(""), words)),
            "reflection": draw(st.one_of(st.just(""), prose)),
        }
        for i in range(draw(st.integers(0, 2)))
    ]
    bundle["learning_log"] = [
        {
            "id": _id(4000 + i),
            "person": draw(someone),
            "date": draw(days),
            "relationship": None,
            "title": draw(words),
            "what_happened": draw(st.one_of(st.just(""), prose)),
            "learning": draw(st.one_of(st.just(""), prose)),
            "next_time": draw(st.one_of(st.just(""), prose)),
            "competences": draw(
                st.lists(st.sampled_from([c.value for c in Competence]), unique=True, max_size=3)
            ),
        }
        for i in range(draw(st.integers(0, 2)))
    ]
    organisations = st.sampled_from(["Fens Community Trust", "Broads Acute Trust"])
    start = draw(st.dates(min_value=date(1900, 1, 1), max_value=date(2098, 1, 1)))
    bundle["workforce_headcounts"] = [
        {
            "id": _id(5000 + i),
            "organisation": organisation,
            "period_start": start.isoformat(),
            "period_end": date(start.year + 1, 1, 1).isoformat(),
            "dimension": "sex",
            "staff_group": group,
            "headcount": draw(st.integers(0, 2_000_000)),
        }
        for i, (organisation, group) in enumerate(
            draw(
                st.lists(
                    st.tuples(organisations, st.sampled_from(["female", "male", "not_stated"])),
                    unique=True,
                    max_size=3,
                )
            )
        )
    ]
    bundle["culture_assessments"] = [
        {
            "id": _id(6000 + i),
            "organisation": draw(organisations),
            "assessed_on": draw(days),
            "stage": draw(st.integers(1, 5)),
            "evidence": draw(st.dictionaries(st.sampled_from("12345"), words, max_size=2)),
            "next_step": draw(st.one_of(st.just(""), words)),
        }
        for i in range(draw(st.integers(0, 2)))
    ]
    return bundle


@contextmanager
def empty_database(template: Path) -> Iterator[Any]:
    """A fresh empty SQLite database (a copy of the session's migrated template) on the
    frozen clock, removed afterwards: one per hypothesis example."""
    from coachdesk.storage.migrate import open_database

    folder = Path(tempfile.mkdtemp(prefix="coachdesk-hub-"))
    try:
        shutil.copyfile(template, folder / "hub.sqlite")
        database = open_database(f"sqlite:///{folder / 'hub.sqlite'}")
        database.clock = FROZEN
        try:
            yield database
        finally:
            database.dispose()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
