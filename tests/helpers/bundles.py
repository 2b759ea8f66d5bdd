"""coachdesk/1 bundle records for hand-built test bundles: a relationship and a session, with
the fields a test does not care about filled in."""

from __future__ import annotations

from datetime import date
from typing import Any


def _filled(record: dict[str, Any], fields: dict[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - set(record) - {"updated_at"}  # any record may carry its stamp
    if unknown:
        raise TypeError(f"not a field of the record: {sorted(unknown)}")
    record.update(fields)
    return record


def relationship_record(
    id: str, kind: str, practitioner: str, client: str, started_on: str, **fields: Any
) -> dict[str, Any]:
    """An active relationship with no request, plan, objectives, sessions or evaluations."""
    record = {
        "id": id,
        "kind": kind,
        "practitioner": practitioner,
        "client": client,
        "request": None,
        "status": "active",
        "started_on": started_on,
        "planned_end_on": None,
        "planned_sessions": None,
        "ended_on": None,
        "end_reason": None,
        "individual_objectives": [],
        "organisational_objectives": [],
        "sessions": [],
        "evaluations": [],
    }
    return _filled(record, fields)


def session_record(id: str, day: str | date, **fields: Any) -> dict[str, Any]:
    """A held regular hour by video, recorded on its day (a scheduled one is not recorded)."""
    on = day.isoformat() if isinstance(day, date) else day
    record = {
        "id": id,
        "type": "regular",
        "date": on,
        "minutes": 60,
        "mode": "video",
        "status": "held",
        "recorded_on": None if fields.get("status") == "scheduled" else on,
        "notes": "",
    }
    return _filled(record, fields)
