"""The coaching-culture tracker: dated self-assessments, edits, and the programme report lines."""

from __future__ import annotations

from datetime import date

import pytest

from coachdesk.errors import NotFound, UserError
from coachdesk.services import culture
from coachdesk.services.culture import CultureInput
from coachdesk.services.reporting import report_data

TODAY = date(2026, 11, 23)
ORG = "Fenland Trust"


def test_assessments_are_kept_in_date_order_and_edited(db) -> None:
    later = culture.add_assessment(
        db, CultureInput(ORG, date(2026, 6, 1), 2, ("a", "b", "", "", ""), "Appraisal"), today=TODAY
    ).value
    culture.add_assessment(db, CultureInput(ORG, date(2025, 6, 1), 1), today=TODAY)
    rows = culture.list_assessments(db, ORG)
    assert [(r.assessed_on, r.stage) for r in rows] == [
        (date(2025, 6, 1), 1),
        (later.assessed_on, 2),
    ]
    assert rows[1].evidence == ("a", "b", "", "", "") and rows[1].next_step == "Appraisal"
    edited = culture.update_assessment(
        db,
        later.id,
        CultureInput(ORG, date(2026, 6, 1), 3, ("a", "b", "c", "", ""), ""),
        today=TODAY,
    )
    assert edited.value.stage == 3 and edited.changes.touches("culture")
    culture.delete_assessment(db, later.id)
    assert len(culture.list_assessments(db)) == 1
    with pytest.raises(NotFound):
        culture.delete_assessment(db, later.id)


def test_a_bad_assessment_names_its_fields_and_writes_nothing(db, snapshot) -> None:
    before = snapshot(db)
    with pytest.raises(UserError) as err:
        culture.add_assessment(db, CultureInput("", date(2027, 1, 1), 0), today=TODAY)
    assert err.value.problems == [
        "Organisation: enter the organisation assessed.",
        "Assessed on: a self-assessment cannot be dated in the future.",
        "Stage reached: choose a stage from 1 to 5.",
    ]
    assert snapshot(db) == before


def test_the_programme_report_places_each_stage_beside_activity(hub) -> None:
    coach = hub.coach(organisation=ORG)
    client = hub.person("Client", organisation=ORG)
    hub.relationship("coaching", coach, client, started_on=date(2026, 3, 1))
    culture.add_assessment(hub.db, CultureInput(ORG, date(2024, 12, 1), 1), today=TODAY)
    culture.add_assessment(hub.db, CultureInput(ORG, date(2026, 10, 1), 3), today=TODAY)
    culture.add_assessment(hub.db, CultureInput(ORG, date(2027, 1, 1), 4), today=date(2027, 2, 1))
    data = report_data(
        hub.db, "programme", {"from": date(2026, 1, 1), "to": date(2026, 12, 31)}, today=TODAY
    )
    [line] = data.culture
    assert line.organisation == ORG and line.stage == 3
    assert line.history == ((date(2024, 12, 1), 1), (date(2026, 10, 1), 3))
    assert line.practitioners == 1 and line.relationships == 1
