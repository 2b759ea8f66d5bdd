"""The learning-log summary as accreditation evidence (EMCC EIA, ICF ACC/PCC), read back."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from coachdesk.reports import render
from coachdesk.services import development, registrations
from coachdesk.services.dto import LearningInput
from coachdesk.services.registrations import list_registrations
from coachdesk.services.reporting import learning_log_data, report_data
from tests.reports.conftest import PRIVATE, R1, TODAY, P, load, pdf_pages, squash

THREE = ("Understanding Self", "Building the Relationship", "Evaluation")


def _text(db, *, plain: bool = False, **params) -> str:
    """The PDF's text: row by row (layout), or cell by cell (plain: wrapped cells whole)."""
    pdf = render(report_data(db, "learning-log", {"person": P, **params}, today=TODAY))
    assert PRIVATE not in " ".join(pdf_pages(pdf))
    return squash(" ".join(pdf_pages(pdf, layout=not plain)))


def test_a_reflection_with_three_competences_is_printed_once_listing_them(sqlite_db) -> None:
    hub = load(sqlite_db)
    development.add_learning(
        hub.db,
        P,
        LearningInput(
            date(2026, 4, 2), "Three-way contracting", relationship=R1, competences=THREE
        ),
    )
    text = _text(hub.db)
    assert text.count("Three-way contracting") == 1
    assert "Competences Understanding Self; Building the Relationship; Evaluation" in text
    # The index names it under every competence it evidences, by its number.
    data = learning_log_data(hub.db, P, today=TODAY)
    groups = {g.competence: g for g in data.competences}
    number = next(
        e.number for g in data.competences for e in g.entries if e.title.startswith("Three")
    )
    assert [e.number for e in groups["Understanding Self"].entries].count(number) == 1
    for other in THREE[1:]:
        assert number in [e.number for e in groups[other].also]
    assert re.search(rf"Building the Relationship 1 #{number}\b", text)


def test_the_employer_is_the_organisation_and_the_hub_is_named_apart(sqlite_hub) -> None:
    text = _text(sqlite_hub.db)
    assert "Employing organisation East Trust" in text
    assert "Hub Fenland Test Hub" in text
    assert "Organisation Fenland Test Hub" not in text


def test_a_declaration_and_sign_off_block_for_practitioner_and_supervisor(sqlite_hub) -> None:
    text = _text(sqlite_hub.db)
    assert "Declaration and sign-off" in text
    assert "I declare that this log is a true and accurate record" in text
    assert "Practitioner Łucja Żółć-Öztürk Signature Date" in text
    # The supervisor of the latest record, with their qualification, then their own lines.
    assert "Supervisor Morgan Ellery Supervisor's qualification EMCC Accredited Supervisor" in text
    assert text.count("Signature") >= 2 and text.count(" Date") >= 2


def test_the_icf_log_has_icfs_columns_and_hours_follow_the_registration(sqlite_hub) -> None:
    db = sqlite_hub.db
    text = _text(db)
    header = (
        "Client Individual / group Number in group Contact Start date End date Paid hours "
        "Pro bono hours"
    )
    assert header in _text(db, plain=True)
    assert "ZA-1 Individual 1 on request 10 Jan 2026 30 Jun 2026 3.25 0.00" in text
    named = _text(db, names=True)
    assert "Zoë Ashdown Individual 1 zoe.ashdown@east-trust" in named  # may wrap at its dots
    # The lead says the coach registration's hours are pro bono for ICF: they move column.
    (coach,) = [r for r in list_registrations(db, "coach") if r.email == P]
    assert coach.icf_hours == "paid"
    registrations.update_registration(db, coach.id, replace(coach.as_input(), icf_hours="pro-bono"))
    moved = _text(db)
    assert "ZA-1 Individual 1 on request 10 Jan 2026 30 Jun 2026 0.00 3.25" in moved
    assert "hours count for ICF as pro bono" in moved


def test_emcc_levels_and_foundation_evidence_of_the_last_twelve_months(sqlite_hub) -> None:
    data = learning_log_data(sqlite_hub.db, P, today=TODAY)
    levels = {t.name: (t.hours_required, t.clients_required) for t in data.summary.thresholds}
    assert levels["EMCC EIA Senior Practitioner"] == (250, 20)
    assert levels["EMCC EIA Master Practitioner"] == (500, 40)
    assert levels["EMCC EIA Foundation"] == (50, 5)
    assert levels["ICF PCC"] == (500, 25)  # ICF's second credential, coaching only
    feedback, reflections = data.summary.foundation_evidence
    assert (feedback.needed, reflections.needed) == (5, 5)
    assert feedback.held == 1  # Zoë's client post-evaluation (a pre-evaluation is not feedback)
    assert reflections.held == 2
    text = _text(sqlite_hub.db)
    plain = _text(sqlite_hub.db, plain=True)
    assert "EMCC EIA Senior Practitioner 250 h, 20 clients" in plain
    assert "EMCC EIA Master Practitioner 500 h, 40 clients" in plain
    assert "Reflections on practice (learning-log entries) 5 2 not yet" in text


def test_icf_hours_travel_in_the_bundle(sqlite_hub) -> None:
    from coachdesk.services.exchange.export import export_bundle

    held = {
        (r["person"], r["kind"]): r["icf_hours"]
        for r in export_bundle(sqlite_hub.db)["registrations"]
    }
    assert held[(P, "coach")] == "paid" and held[(P, "mentor")] == "pro-bono"
