"""The PDF reports of SPEC 6, drawn with reportlab from the services' frozen dataclasses."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias, assert_never

if TYPE_CHECKING:
    from coachdesk.services.reporting.types import (
        ComplianceData,
        DirectoryData,
        EqualityData,
        LearningLogData,
        PersonRecordData,
        ProgrammeData,
        RelationshipRecordData,
    )

    #: The data of any one report.
    ReportData: TypeAlias = (
        LearningLogData
        | ProgrammeData
        | ComplianceData
        | DirectoryData
        | PersonRecordData
        | RelationshipRecordData
        | EqualityData
    )


def render(data: ReportData) -> bytes:
    """The PDF of any report's data (the dataclass says which report it is)."""
    from coachdesk.reports import (
        compliance,
        equality,
        learning_log,
        person,
        programme,
        register,
        relationship,
    )
    from coachdesk.services.reporting import types as t

    if isinstance(data, t.LearningLogData):
        return learning_log.render(data)
    if isinstance(data, t.ProgrammeData):
        return programme.render(data)
    if isinstance(data, t.ComplianceData):
        return compliance.render(data)
    if isinstance(data, t.DirectoryData):
        return register.render(data)
    if isinstance(data, t.PersonRecordData):
        return person.render(data)
    if isinstance(data, t.RelationshipRecordData):
        return relationship.render(data)
    if isinstance(data, t.EqualityData):
        return equality.render(data)
    assert_never(data)
