"""CPD (with evidence files), supervision and the learning log."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from coachdesk.errors import NotFound, UserError
from coachdesk.services import development, register
from coachdesk.services.dto import CpdInput, FileInput, LearningInput, SupervisionInput
from tests.helpers.builders import PDF, PNG

CPD = CpdInput(date(2026, 2, 12), "Working with resistance", "hub CPD offer", 3.5, "Regional hub")
SUP = SupervisionInput(
    date(2026, 8, 14), "Morgan Ellery", "group", 2.0, "EMCC Accredited Supervisor"
)


def test_cpd_with_evidence(db, hub) -> None:
    sam = hub.coach("Sam Okafor")
    row = development.add_cpd(
        db, sam.email, replace(CPD, evidence=FileInput("cert.pdf", PDF))
    ).value
    assert (row.hours, row.kind, row.evidence_filename) == (3.5, "hub CPD offer", "cert.pdf")
    assert tuple(register.get_attachment(db, row.evidence_id)) == (
        "cert.pdf",
        "application/pdf",
        PDF,
    )
    # Editing without a new file keeps the evidence; a new file replaces it.
    kept = development.update_cpd(db, row.id, replace(row.as_input(), hours=4)).value
    assert (kept.hours, kept.evidence_id) == (4.0, row.evidence_id)
    swapped = development.attach_cpd_evidence(db, row.id, FileInput("scan.png", PNG)).value
    with pytest.raises(NotFound):
        register.get_attachment(db, row.evidence_id)
    assert development.remove_cpd_evidence(db, row.id).value.evidence_id is None
    with pytest.raises(NotFound):
        register.get_attachment(db, swapped.evidence_id)
    assert [r.id for r in development.list_cpd(db, sam.email)] == [row.id]
    assert register.get_person(db, sam.email).cpd_hours == 4.0
    development.delete_cpd(db, row.id)
    assert development.list_cpd(db, sam.email) == []


def test_cpd_rules(db, hub, snapshot) -> None:
    sam = hub.coach("Sam Okafor")
    before = snapshot(db)
    bad = CpdInput(None, "", "seminar", 0, evidence=FileInput("notes.txt", b"plain text"))  # type: ignore[arg-type]
    with pytest.raises(UserError) as err:
        development.add_cpd(db, sam.email, bad)
    assert err.value.problems == [
        "Date is required",
        "Title is required",
        "Kind: 'seminar' is not one of course, workshop, webinar, reading, conference, "
        "hub CPD offer, other",
        "Hours must be more than 0",
        "Evidence: 'notes.txt' is not a PDF, PNG or JPEG file",
    ]
    with pytest.raises(UserError, match="Hours must be more than 0"):
        development.add_cpd(db, sam.email, replace(CPD, hours=-1))
    with pytest.raises(UserError, match="Hours must be a number of hours"):
        development.add_cpd(db, sam.email, replace(CPD, hours=float("nan")))
    with pytest.raises(NotFound, match="ghost@example.nhs.uk"):
        development.add_cpd(db, "ghost@example.nhs.uk", CPD)
    assert snapshot(db) == before


def test_supervision(db, hub) -> None:
    sam = hub.coach("Sam Okafor")
    row = development.add_supervision(db, sam.email, SUP).value
    assert (row.format, row.hours, row.supervisor) == ("group", 2.0, "Morgan Ellery")
    with pytest.raises(UserError) as err:
        development.update_supervision(
            db, row.id, replace(SUP, format="triad", hours=0, supervisor=" ")
        )
    assert err.value.problems == [
        "Supervisor is required",
        "Format: 'triad' is not one of one-to-one, group, peer",
        "Hours must be more than 0",
    ]
    edited = development.update_supervision(db, row.id, replace(SUP, format="peer")).value
    assert development.list_supervision(db, sam.email) == [edited]
    development.delete_supervision(db, row.id)
    with pytest.raises(NotFound, match=row.id):
        development.get_supervision(db, row.id)


def test_learning_log_competences_come_from_the_emcc_list(db, hub) -> None:
    sam = hub.coach("Sam Okafor")
    rel = hub.relationship("coaching", sam, hub.person("Ellis Grant"))
    entry = LearningInput(
        date(2026, 4, 11),
        "Holding silence",
        relationship=rel.id,
        learning="Silence gave space.",
        competences=("Enabling Insight and Learning", "building the relationship"),
    )
    row = development.add_learning(db, sam.email, entry).value
    assert row.competences == ("Enabling Insight and Learning", "Building the Relationship")
    assert row.relationship_client == "Ellis Grant"
    with pytest.raises(UserError) as err:
        development.add_learning(db, sam.email, replace(entry, competences=("Listening",)))
    assert err.value.problems[0].startswith(
        "EMCC competences: 'Listening' is not an EMCC competence (the categories are: Understanding"
    )
    other = hub.relationship()
    with pytest.raises(UserError, match="Relationship: the person is not the practitioner"):
        development.add_learning(db, sam.email, replace(entry, relationship=other.id))
    with pytest.raises(NotFound, match="Relationship: no relationship has the id 'nope'"):
        development.add_learning(db, sam.email, replace(entry, relationship="nope"))
    unlinked = development.update_learning(
        db, row.id, replace(row.as_input(), relationship=None)
    ).value
    assert unlinked.relationship is None
    assert [r.id for r in development.list_learning(db, sam.email)] == [row.id]
    development.delete_learning(db, row.id)
    assert development.list_learning(db, sam.email) == []
