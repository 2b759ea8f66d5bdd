"""Hawkins' five stages and the checks on a culture self-assessment."""

from datetime import date

from coachdesk.domain.culture import STAGES, assessment_problems, stage_label


def test_five_stages_in_order():
    assert [s.number for s in STAGES] == [1, 2, 3, 4, 5]
    assert stage_label(3) == "Stage 3: Embedded in performance and HR processes"
    assert STAGES[4].name == "How we do business with stakeholders"


def test_problems_name_each_field():
    today = date(2026, 6, 1)
    assert assessment_problems("Trust", today, 2, {"1": "x"}, "", today=today) == []
    problems = assessment_problems(" ", date(2026, 7, 1), 6, {"9": "x"}, "n" * 2001, today=today)
    assert problems == [
        "Organisation: enter the organisation assessed.",
        "Assessed on: a self-assessment cannot be dated in the future.",
        "Stage reached: choose a stage from 1 to 5.",
        "Evidence: '9' is not a stage (1 to 5).",
        "Next step: at most 2000 characters.",
    ]
