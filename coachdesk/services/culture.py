"""The coaching-culture tracker: dated self-assessments per organisation against Hawkins' stages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from coachdesk.domain.culture import STAGE_NUMBERS, assessment_problems
from coachdesk.errors import NotFound, UserError
from coachdesk.services.changes import Changes, Outcome, RecordKind
from coachdesk.storage.models import CultureAssessment
from coachdesk.storage.stale import check_version, refuse_if_gone
from coachdesk.storage.uow import Database, UnitOfWork


@dataclass(frozen=True)
class CultureInput:
    """A self-assessment as the lead enters it; ``evidence`` holds one text per stage 1-5."""

    organisation: str
    assessed_on: date | None
    stage: int
    evidence: tuple[str, str, str, str, str] = ("", "", "", "", "")
    next_step: str = ""


@dataclass(frozen=True)
class CultureRow:
    id: str
    organisation: str
    assessed_on: date
    stage: int
    evidence: tuple[str, str, str, str, str]
    next_step: str
    #: The version read: pass it back as ``expected_version`` (SPEC 12).
    version: int = 1

    def as_input(self) -> CultureInput:
        return CultureInput(
            self.organisation, self.assessed_on, self.stage, self.evidence, self.next_step
        )


def _evidence_tuple(evidence: object) -> tuple[str, str, str, str, str]:
    mapping = evidence if isinstance(evidence, dict) else {}
    a, b, c, d, e = (str(mapping.get(str(n), "") or "") for n in STAGE_NUMBERS)
    return (a, b, c, d, e)


def culture_row(a: CultureAssessment) -> CultureRow:
    return CultureRow(
        a.id,
        a.organisation,
        a.assessed_on,
        a.stage,
        _evidence_tuple(a.evidence),
        a.next_step or "",
        a.version,
    )


def _text(value: object, label: str, problems: list[str]) -> str:
    """Text as entered ("" when absent); anything else, or a NUL character, is a problem."""
    if value is None:
        return ""
    if not isinstance(value, str):
        problems.append(f"{label}: must be text.")
        return ""
    if "\x00" in value:
        problems.append(f"{label}: contains a character that cannot be stored (NUL).")
        return ""
    return value


def _clean(data: CultureInput, today: date) -> dict[str, object]:
    kinds: list[str] = []  # values of the wrong kind, refused before the domain's checks
    organisation = _text(data.organisation, "Organisation", kinds)
    next_step = _text(data.next_step, "Next step", kinds)
    if data.assessed_on is not None and (
        not isinstance(data.assessed_on, date) or isinstance(data.assessed_on, datetime)
    ):
        kinds.append("Assessed on: enter a date.")
    raw: object = data.evidence
    if not isinstance(raw, tuple | list) or len(raw) != len(STAGE_NUMBERS):
        kinds.append("Evidence: one text per stage (five).")
        raw = ("",) * len(STAGE_NUMBERS)
    texts = [
        _text(t, f"Evidence for stage {n}", kinds) for n, t in zip(STAGE_NUMBERS, raw, strict=True)
    ]
    if kinds:
        raise UserError("The self-assessment cannot be saved:", problems=kinds)
    evidence = {str(n): text.strip() for n, text in zip(STAGE_NUMBERS, texts, strict=True)}
    data = CultureInput(organisation, data.assessed_on, data.stage, data.evidence, next_step)
    problems = assessment_problems(
        data.organisation,
        data.assessed_on,
        data.stage,
        evidence,
        data.next_step.strip(),
        today=today,
    )
    if problems:
        raise UserError("The self-assessment cannot be saved:", problems=problems)
    return {
        "organisation": data.organisation.strip(),
        "assessed_on": data.assessed_on,
        "stage": data.stage,
        "evidence": {k: v for k, v in evidence.items() if v},
        "next_step": data.next_step.strip(),
    }


def _or_404(uow: UnitOfWork, assessment_id: str) -> CultureAssessment:
    found = (
        uow.session.get(CultureAssessment, assessment_id)
        if isinstance(assessment_id, str) and assessment_id
        else None
    )
    if found is None:
        raise NotFound(f"There is no culture self-assessment with the id {assessment_id!r}.")
    return found


def add_assessment(
    db: Database, data: CultureInput, *, today: date | None = None
) -> Outcome[CultureRow]:
    """Record a dated self-assessment of one organisation."""
    values = _clean(data, today or db.clock.today())
    with db.uow() as uow:
        row = CultureAssessment(**values)
        uow.session.add(row)
        uow.commit()
        return Outcome(culture_row(row), Changes.of(RecordKind.CULTURE, row.id))


def update_assessment(
    db: Database,
    assessment_id: str,
    data: CultureInput,
    *,
    today: date | None = None,
    expected_version: int | None = None,
) -> Outcome[CultureRow]:
    """Replace a self-assessment's details with ``data``."""
    values = _clean(data, today or db.clock.today())
    with db.uow() as uow:
        refuse_if_gone(uow.session, CultureAssessment, assessment_id, expected_version)
        row = _or_404(uow, assessment_id)
        check_version(uow.session, row, expected_version)
        for key, value in values.items():
            setattr(row, key, value)
        uow.commit()
        return Outcome(culture_row(row), Changes.of(RecordKind.CULTURE, row.id))


def delete_assessment(
    db: Database, assessment_id: str, *, expected_version: int | None = None
) -> Outcome[str]:
    with db.uow() as uow:
        refuse_if_gone(uow.session, CultureAssessment, assessment_id, expected_version)
        row = _or_404(uow, assessment_id)
        check_version(uow.session, row, expected_version, deleting=True)
        uow.session.delete(row)
        uow.commit()
    return Outcome(assessment_id, Changes.of(RecordKind.CULTURE, assessment_id))


def assessments_in(uow: UnitOfWork, organisation: str | None = None) -> list[CultureRow]:
    stmt = select(CultureAssessment).order_by(
        CultureAssessment.organisation, CultureAssessment.assessed_on, CultureAssessment.id
    )
    if organisation is not None:
        stmt = stmt.where(CultureAssessment.organisation == organisation)
    return [culture_row(a) for a in uow.session.scalars(stmt)]


def list_assessments(db: Database, organisation: str | None = None) -> list[CultureRow]:
    """Self-assessments, oldest first, of one organisation or of all."""
    with db.uow() as uow:
        return assessments_in(uow, organisation)
