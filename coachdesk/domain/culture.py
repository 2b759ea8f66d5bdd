"""Hawkins' five stages towards a coaching culture (as in the NES information pack) and checks."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Stage:
    number: int
    name: str
    description: str


STAGES: tuple[Stage, ...] = (
    Stage(
        1,
        "Coaches employed and capacity built",
        "External and internal coaches are used and trained; coaching is available to some "
        "staff but is not yet part of how the organisation works.",
    ),
    Stage(
        2,
        "Coaching is the norm",
        "Coaching and mentoring are promoted widely, leaders are coached, and coaching is "
        "seen as a normal part of development rather than a remedy.",
    ),
    Stage(
        3,
        "Embedded in performance and HR processes",
        "Coaching is built into appraisal, talent, leadership development and other HR "
        "processes; managers are expected to coach.",
    ),
    Stage(
        4,
        "The predominant management style",
        "Coaching is how managers and teams work day to day: meetings, feedback and "
        "decisions follow a coaching approach.",
    ),
    Stage(
        5,
        "How we do business with stakeholders",
        "The coaching approach extends beyond the organisation: to patients, partners and "
        "the wider system.",
    ),
)
STAGE_NUMBERS = tuple(s.number for s in STAGES)
MAX_EVIDENCE = 4000
MAX_NEXT_STEP = 2000


def stage(number: int) -> Stage:
    return STAGES[number - 1]


def stage_label(number: int) -> str:
    """``Stage 3: Embedded in performance and HR processes``."""
    return f"Stage {number}: {stage(number).name}"


def assessment_problems(
    organisation: str,
    assessed_on: date | None,
    stage_reached: object,
    evidence: Mapping[str, str],
    next_step: str,
    *,
    today: date,
) -> list[str]:
    """What is wrong with a culture self-assessment, each naming its field (empty when fine)."""
    problems = []
    if not organisation.strip():
        problems.append("Organisation: enter the organisation assessed.")
    elif len(organisation.strip()) > 200:
        problems.append("Organisation: at most 200 characters.")
    if assessed_on is None:
        problems.append("Assessed on: enter the date of the self-assessment.")
    elif assessed_on > today:
        problems.append("Assessed on: a self-assessment cannot be dated in the future.")
    if isinstance(stage_reached, bool) or stage_reached not in STAGE_NUMBERS:
        problems.append("Stage reached: choose a stage from 1 to 5.")
    for key, value in evidence.items():
        if key not in {str(n) for n in STAGE_NUMBERS}:
            problems.append(f"Evidence: {key!r} is not a stage (1 to 5).")
        elif len(value) > MAX_EVIDENCE:
            problems.append(f"Evidence for stage {key}: at most {MAX_EVIDENCE} characters.")
    if len(next_step) > MAX_NEXT_STEP:
        problems.append(f"Next step: at most {MAX_NEXT_STEP} characters.")
    return problems
