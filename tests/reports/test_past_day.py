"""SPEC 5's past day in ``check --today``, the compliance and the programme reports: the hub as
it stood on the day, the position's day and the generation day printed apart, and the things no
date records named."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from coachdesk.app import main
from coachdesk.reports import render
from coachdesk.services.exchange.importer import import_bundle
from coachdesk.services.reporting import compliance_data
from coachdesk.services.reporting.programme import programme_data
from tests.helpers.bundles import relationship_record, session_record
from tests.helpers.clock import FROZEN_TODAY, freeze_the_command_line, set_the_computer_clock
from tests.reports.conftest import pdf_pages, squash

EXAMPLE = Path(__file__).resolve().parents[1] / "data" / "exchange-example.json"
SAM = "sam.okafor@example-trust.nhs.uk"  # coach, capacity 2
KAI, NIA, OMAR = (f"{n}@example-trust.nhs.uk" for n in ("kai.brennan", "nia.adebayo", "omar.hale"))
R_MARCH, R_JULY, R_SEPT = (f"5e1d0000-0000-4000-8000-00000000000{i}" for i in (1, 2, 3))
REQ_NIA = "5e1d0000-0000-4000-8000-000000000010"
PAST = date(2026, 6, 1)
#: What the computer's own clock says here: before every day these tests judge.
BEHIND = datetime(2026, 1, 15, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _clocks(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line on the tests' frozen clock (7 Dec 2026) on a computer whose clock says
    15 Jan 2026: what a past day shows cannot depend on the real date."""
    set_the_computer_clock(monkeypatch, BEHIND)
    freeze_the_command_line(monkeypatch)


def _person(email: str, name: str) -> dict[str, Any]:
    return {
        "email": email,
        "full_name": name,
        "organisation": "Example Acute Trust",
        "job_title": "Ward Manager",
        "band": "6",
        "region": "East of England",
        "manager_name": "",
        "manager_email": "",
        "leadership_programme": False,
        "manager_agreement_on": "2026-02-01",
        "eligibility_override": None,
        "notes": "",
    }


def past_day_bundle() -> dict[str, Any]:
    """The exchange example and, for its coach Sam (capacity 2), coaching begun in March, July
    and September; Nia's request sent in May and answered in late June; a May session recorded
    in July; a mentor registration of Nia's, applied in April and approved in August."""
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["people"] += [_person(NIA, "Nia Adebayo"), _person(OMAR, "Omar Hale")]
    mentor = next(r for r in data["registrations"] if r["kind"] == "mentor")
    data["registrations"].append(
        dict(
            mentor,
            id="5e1d0000-0000-4000-8000-000000000020",
            person=NIA,
            registered_on="2026-04-01",
            approved_on="2026-08-01",
        )
    )
    data["requests"].append(
        {
            "id": REQ_NIA,
            "client": NIA,
            "practitioner": SAM,
            "kind": "coaching",
            "sent_on": "2026-05-10",
            "status": "accepted",
            "responded_on": "2026-06-20",
        }
    )

    def sid(n: int) -> str:
        return f"5e1d0000-0000-4000-9000-{n:012d}"

    data["relationships"] += [
        relationship_record(
            R_MARCH, "coaching", SAM, KAI, "2026-03-25", planned_sessions=6,
            sessions=[
                session_record(sid(1), "2026-03-25", type="contracting"),
                session_record(sid(2), "2026-05-05", recorded_on="2026-07-01"),
            ],
        ),
        relationship_record(
            R_JULY, "coaching", SAM, NIA, "2026-07-01", planned_sessions=6, request=REQ_NIA
        ),
        relationship_record(
            R_SEPT, "coaching", SAM, OMAR, "2026-09-01", planned_sessions=6, status="contracting"
        ),
    ]  # fmt: skip
    return data


@pytest.fixture
def bundle_file(tmp_path: Path) -> Path:
    path = tmp_path / "hub.json"
    path.write_text(json.dumps(past_day_bundle()), encoding="utf-8")
    return path


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def test_check_on_a_past_day_judges_the_hub_as_it_stood(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, bundle_file: Path
) -> None:
    db = str(tmp_path / "hub.sqlite")
    cli(capsys, "--db", db, "import", str(bundle_file))
    latest = json.loads(cli(capsys, "--db", db, "check", "--today", "2026-12-07", "--json"))
    assert [a["days"] for a in latest if a["rule"] == "capacity-exceeded"] == [0]

    then = json.loads(cli(capsys, "--db", db, "check", "--today", PAST.isoformat(), "--json"))
    by_rule = {a["rule"]: a for a in then}
    # July's and September's relationships did not exist: Sam had March's and Ellis's (ended
    # in September, so current on 1 June), two, within the capacity of 2
    assert "capacity-exceeded" not in by_rule
    # Nia's request, answered on 20 June, was waiting on 1 June
    assert by_rule["request-unanswered"]["since"] == "2026-05-25"
    # the 5 May session, recorded on 1 July, was not recorded yet
    assert by_rule["session-not-recorded"]["since"] == "2026-05-20"
    assert "session-recorded-late" not in by_rule
    # Sam's only supervision is dated August: on 1 June there had been none since registering
    assert by_rule["supervision-overdue"]["since"] == "2025-12-02"


def test_the_compliance_report_reads_through_the_command_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, bundle_file: Path
) -> None:
    db = str(tmp_path / "hub.sqlite")
    out = tmp_path / "compliance.pdf"
    cli(capsys, "--db", db, "import", str(bundle_file))
    cli(capsys, "--db", db, "report", "compliance", "--today", PAST.isoformat(), "-o", str(out))
    text = squash(" ".join(pdf_pages(out.read_bytes())))
    assert "Position on 1 Jun 2026" in text
    assert "Generated 1 Jun 2026" not in text  # generated on the calendar date, not the position's
    assert "Capacity exceeded" not in text
    assert "The hub as it stood on 1 Jun 2026" in text


def test_the_compliance_report_on_a_past_day_prints_position_and_generation_apart(
    sqlite_db: Any,
) -> None:
    import_bundle(sqlite_db, past_day_bundle())
    data = compliance_data(sqlite_db, today=PAST)
    assert data.header.period == "Position on 1 Jun 2026"
    assert data.header.generated_on == FROZEN_TODAY
    assert "capacity-exceeded" not in {r.rule for r in data.rules}
    text = squash(" ".join(pdf_pages(render(data))))
    assert "Position on 1 Jun 2026" in text and "Generated 7 Dec 2026" in text
    assert "No date records a registration's pause, withdrawal or rejection" in text
    assert "taken as they are now" in text

    today = compliance_data(sqlite_db, today=FROZEN_TODAY)
    assert "capacity-exceeded" in {r.rule for r in today.rules}
    assert today.past_note == ""
    assert "The hub as it stood" not in squash(" ".join(pdf_pages(render(today))))


def test_the_programme_report_for_a_past_period_counts_the_hub_as_it_stood(
    sqlite_db: Any,
) -> None:
    import_bundle(sqlite_db, past_day_bundle())
    data = programme_data(sqlite_db, date_from=date(2026, 1, 1), date_to=date(2026, 5, 31))
    assert data.header.generated_on == FROZEN_TODAY and data.alerts_on == date(2026, 5, 31)
    mentors = dict(next(r for r in data.register if r.kind == "mentor").by_status)
    assert (mentors["applied"], mentors["active"]) == (1, 1)  # Nia's approval came in August
    assert dict(data.requests.by_status)["pending"] == 1  # Nia's answer came on 20 June
    may = next(m for m in data.months if m.month == date(2026, 5, 1))
    assert may.sessions == 0  # the 5 May session was recorded in July
    text = squash(" ".join(pdf_pages(render(data))))
    assert "The hub as it stood on 31 May 2026" in text
    assert "Registrations as they stood on 31 May 2026" in text


def test_check_as_text_on_a_past_day_names_what_no_date_records(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, bundle_file: Path
) -> None:
    db = str(tmp_path / "hub.sqlite")
    cli(capsys, "--db", db, "import", str(bundle_file))
    out = cli(capsys, "--db", db, "check", "--today", PAST.isoformat())
    assert "alerts on 2026-06-01:" in out
    assert "The hub as it stood on 2026-06-01" in out
    assert "No date records a registration's pause, withdrawal or rejection" in out
