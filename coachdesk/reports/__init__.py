"""The PDF reports of SPEC 6, drawn with reportlab from the services' frozen dataclasses."""

from __future__ import annotations

from typing import Any


def render(data: Any) -> bytes:
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

    renderers = {
        t.LearningLogData: learning_log.render,
        t.ProgrammeData: programme.render,
        t.ComplianceData: compliance.render,
        t.DirectoryData: register.render,
        t.PersonRecordData: person.render,
        t.RelationshipRecordData: relationship.render,
        t.EqualityData: equality.render,
    }
    return renderers[type(data)](data)
