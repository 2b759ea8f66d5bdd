"""The shared example bundle imports as it is, exports in the same shape, and round-trips."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import func, select

from coachdesk.errors import UserError
from coachdesk.services.exchange import (
    export_bundle,
    import_bundle,
    read_bundle_file,
    write_bundle,
)
from coachdesk.storage.models import (
    Attachment,
    Meeting,
    MergeConflict,
    Person,
    QuestionnaireTemplate,
    Registration,
    Relationship,
    Setting,
)

ELLIS_REL = "c7e2a9b4-6d13-4f58-9e0a-b1c2d3e40004"


def _index(records: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    key = next(k for k in ("id", "email", "key") if k in records[0])
    return {r[key]: r for r in records}


def assert_contains(expected: Any, actual: Any, path: str = "") -> None:
    """Every field of ``expected`` is in ``actual`` with an equal value (extra fields allowed)."""
    if isinstance(expected, dict):
        assert isinstance(actual, dict), path
        for key, value in expected.items():
            assert key in actual, f"{path}.{key} is missing"
            assert_contains(value, actual[key], f"{path}.{key}")
    elif isinstance(expected, list) and expected and isinstance(expected[0], dict):
        assert len(expected) == len(actual), path
        mine, theirs = _index(expected), _index(actual)
        assert mine.keys() == theirs.keys(), path
        for key, value in mine.items():
            assert_contains(value, theirs[key], f"{path}[{key}]")
    else:
        assert expected == actual, f"{path}: {expected!r} != {actual!r}"


def test_example_imports_as_it_is(db, example) -> None:
    report = import_bundle(db, example, source="exchange-example.json")

    assert not report.dry_run and not report.conflicts
    assert report.count("person").added == 3
    assert report.count("registration").added == 2
    assert report.count("relationship").added == 1
    assert report.count("session").added == 3
    assert report.count("evaluation").added == 2
    assert (report.count("cpd").added, report.count("supervision").added) == (1, 1)
    assert report.count("learning_log").added == 1
    assert report.count("template").unchanged == 1  # the example's client-default = ours
    with db.uow() as uow:
        s = uow.session
        kai = s.scalar(select(Person).where(Person.email == "kai.brennan@example-trust.nhs.uk"))
        assert kai.override_reason.startswith("Nominated by the Director of Nursing")
        assert kai.override_on.isoformat() == "2026-04-02"
        coach = s.get(Registration, "0b6e4f3a-5c1d-4f0e-9a53-3f2a9d1c7e01")
        certificate = s.get(Attachment, coach.certificate_id)
        assert certificate.data.startswith(b"%PDF")
        assert certificate.filename == "emcc-certificate.pdf"
        ellis = s.get(Relationship, ELLIS_REL)
        assert ellis.individual_objectives == [
            "Lead my ward through the move to the new unit with the team on board",
            "Delegate rota decisions to my deputy",
        ]
        cancelled = s.get(Meeting, "e1d2c3b4-a5f6-4789-8abc-def012340007")
        assert (cancelled.status, cancelled.minutes, cancelled.mode) == ("cancelled", 90, "video")
        assert s.get(Setting, "hub_name").value == "Example Coaching and Mentoring Hub"
        assert s.scalar(select(func.count()).select_from(QuestionnaireTemplate)) == 2


def test_export_has_the_example_shape(db, example) -> None:
    import_bundle(db, example)
    exported = export_bundle(db)

    assert list(exported)[:3] == ["format", "exported_at", "settings"]
    assert exported["exported_at"].endswith("Z")
    example.pop("exported_at")
    templates = example.pop("templates")
    assert_contains(example, exported)  # every field, spelled the same, same values
    assert [t["key"] for t in exported["templates"]] == ["client-default", "practitioner-default"]
    assert_contains(templates[0], exported["templates"][0])
    for record in exported["people"] + exported["registrations"] + exported["relationships"]:
        assert record["updated_at"].endswith("Z")
    sessions = exported["relationships"][0]["sessions"]
    assert sessions[0]["notes"].startswith("Agreed confidentiality")  # private notes travel
    assert [s["date"] for s in sessions] == sorted(s["date"] for s in sessions)


def test_example_round_trip_is_exact(db, other_db, example, strip) -> None:
    import_bundle(other_db, example)
    first = export_bundle(other_db)
    import_bundle(db, first)
    assert strip(export_bundle(db)) == strip(first)


def test_importing_the_same_bundle_twice_changes_nothing(db, example, snapshot) -> None:
    import_bundle(db, example)
    exported = export_bundle(db)
    before = snapshot(db, leave_out={"audit_log"})  # each import itself is audited

    again = import_bundle(db, exported)
    twice = import_bundle(db, example)

    for report in (again, twice):
        assert report.added == report.updated == 0 and not report.conflicts
        assert report.unchanged > 0
    assert snapshot(db, leave_out={"audit_log"}) == before


def test_dry_run_reports_and_writes_nothing(db, example, snapshot) -> None:
    before = snapshot(db)
    report = import_bundle(db, example, dry_run=True)
    assert report.dry_run and report.count("session").added == 3
    assert report.summary_lines()[0].startswith("Dry run")
    assert report.changes.empty
    assert snapshot(db) == before
    with db.uow() as uow:
        assert uow.session.scalar(select(func.count()).select_from(MergeConflict)) == 0


def test_write_then_read_file(db, example, tmp_path, strip) -> None:
    import_bundle(db, example)
    target = tmp_path / "hub.json"
    target.write_text("old contents")
    report = write_bundle(db, target)

    raw = target.read_text(encoding="utf-8")
    assert raw.startswith('{\n "format": "coachdesk/1",\n "exported_at": "')
    assert report.size_bytes == len(raw.encode("utf-8"))
    assert report.counts["sessions"] == 3 and report.counts["templates"] == 2
    assert "kai.brennan" in raw and not list(tmp_path.glob(".hub.json.*"))
    assert strip(read_bundle_file(target)) == strip(json.loads(raw))
    assert any("Exported" in line for line in report.summary_lines())


@pytest.mark.parametrize("after", [1, 5, 14])
def test_cancelling_during_the_merge_writes_nothing(db, example, snapshot, after) -> None:
    # The lead presses Cancel while the records are being merged (after `after` checks).
    before = snapshot(db)
    asked: list[int] = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) >= after

    with pytest.raises(UserError, match="Import cancelled; nothing was written"):
        import_bundle(db, example, cancelled=cancelled)
    assert len(asked) == after  # stopped at the first check after Cancel
    assert snapshot(db) == before
    assert import_bundle(db, example).count("person").added == 3  # and it imports afterwards
