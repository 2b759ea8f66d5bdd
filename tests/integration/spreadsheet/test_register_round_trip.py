"""The register the project exports (.csv, .xlsx) imports back without loss (SPEC 7): into the
same database it changes nothing; into an empty one it reproduces every person and every
registration, a coach who also mentors keeping each registration's own dates and status."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from coachdesk.services.exchange import import_bundle
from coachdesk.services.spreadsheet import import_register
from coachdesk.services.spreadsheet.export import write_register_csv, write_workbook
from tests.helpers.clock import FROZEN
from tests.helpers.registers import register_of
from tests.integration.exchange.conftest import _rich

BOTH = "rhian.evans@example.nhs.uk"
TODAY = date(2026, 11, 23)


def _registration(n: int, kind: str, **fields: Any) -> dict[str, Any]:
    return {"id": f"99999999-9999-4999-8999-{n:012d}", "person": BOTH, "kind": kind, **fields}


@pytest.fixture
def hub(db: Any) -> Any:
    """The rich bundle plus a coach who also mentors, every registration value different."""
    bundle = copy.deepcopy(_rich())
    bundle["people"].append(
        {
            "email": BOTH,
            "full_name": "Rhian Evans",
            "organisation": "Fens Community Trust",
            "band": "8a",
            "notes": "Prefers mornings",
            "eligibility_override": {"reason": "Interim post", "on": "2026-01-05"},
        }
    )
    bundle["registrations"] += [
        _registration(
            1,
            "coach",
            status="active",
            registered_on="2025-01-10",
            approved_on="2025-02-01",
            profile_reviewed_on="2026-02-01",
            capacity=3,
            specialisms=["new leaders", "resilience"],
            ethics_agreed=True,
            org_support_on="2025-01-05",
            pro_bono=True,
            icf_hours="pro-bono",
            accreditation="ILM Level 7",
            accreditation_on="2024-06-30",
        ),
        _registration(
            2,
            "mentor",
            status="paused",
            registered_on="2026-03-15",
            approved_on=None,
            profile_reviewed_on=None,
            capacity=1,
            specialisms=["career transition"],
            ethics_agreed=False,
            org_support_on="2026-03-01",
            pro_bono=False,
            training_on="2026-02-20",
            experience="Ten years leading a ward",
            hours_committed=24.5,
        ),
    ]
    import_bundle(db, bundle)
    return db


@pytest.fixture
def other_db(sqlite_url: str) -> Iterator[Any]:
    """A second, empty database (SQLite)."""
    from coachdesk.storage.migrate import open_database

    database = open_database(sqlite_url)
    database.clock = FROZEN
    yield database
    database.dispose()


def _export(db: Any, folder: Path, suffix: str) -> Path:
    path = folder / f"register{suffix}"
    (write_register_csv if suffix == ".csv" else write_workbook)(db, path)
    return path


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_the_exported_register_imports_back_changing_nothing(
    hub: Any, tmp_path: Path, snapshot, suffix: str
) -> None:
    path = _export(hub, tmp_path, suffix)
    before = snapshot(hub, leave_out={"audit_log"})

    report = import_register(hub, path, today=TODAY)

    assert report.rejected == () and report.updated == () and report.added == ()
    assert report.registrations_added == report.registrations_updated == 0
    assert snapshot(hub, leave_out={"audit_log"}) == before


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_the_exported_register_reproduces_every_registration_in_an_empty_database(
    hub: Any, other_db: Any, tmp_path: Path, suffix: str
) -> None:
    path = _export(hub, tmp_path, suffix)

    import_register(other_db, path, today=TODAY)

    people, regs = register_of(other_db)
    want_people, want_regs = register_of(hub)
    assert people == want_people
    assert regs == want_regs
    mentor = regs[(BOTH, "mentor")]
    assert mentor["status"] == "paused" and mentor["registered_on"] == date(2026, 3, 15)
    assert mentor["specialisms"] == ["career transition"] and mentor["capacity"] == 1
    assert regs[(BOTH, "coach")]["org_support_on"] == date(2025, 1, 5)
    assert (regs[(BOTH, "coach")]["icf_hours"], mentor["icf_hours"]) == ("pro-bono", "paid")
    assert people[BOTH]["override_reason"] == "Interim post"


def test_the_register_columns_group_each_registration(hub: Any, tmp_path: Path) -> None:
    import csv

    path = _export(hub, tmp_path, ".csv")
    rows = list(csv.DictReader(path.read_text(encoding="utf-8-sig").splitlines()))
    rhian = next(r for r in rows if r["Email"] == BOTH)
    assert rhian["Roles"] == "coach, mentor"
    assert (rhian["Coach status"], rhian["Mentor status"]) == ("active", "paused")
    assert (rhian["Coach registered on"], rhian["Mentor registered on"]) == (
        "2025-01-10",
        "2026-03-15",
    )
    assert rhian["Coach specialisms"] == "new leaders; resilience"
    assert rhian["Hours committed"] == "24.5" and rhian["Accreditation"] == "ILM Level 7"
    assert (rhian["Coach hours for ICF"], rhian["Mentor hours for ICF"]) == ("pro bono", "paid")
