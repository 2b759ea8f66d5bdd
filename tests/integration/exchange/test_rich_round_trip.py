"""A richer hand-built bundle: every list and value spelling survives export and import."""

from __future__ import annotations

import base64
import json

from sqlalchemy import select

from coachdesk.services.exchange import export_bundle, import_bundle, read_bundle_file, write_bundle
from coachdesk.storage.models import Attachment, CpdRecord, Person, Registration

from .conftest import CERT_REG, JPEG, PNG  # noqa: TID252 - fixture data beside the tests


def test_rich_bundle_round_trip(db, other_db, rich_bundle, strip) -> None:
    report = import_bundle(other_db, rich_bundle)
    assert report.added == 5 + 3 + 3 + 2 + 7 + 3 + 2 + 3 + 2 + 1 + 3  # records + 3 settings
    first = export_bundle(other_db)

    import_bundle(db, first)  # into an empty database (SQLite or PostgreSQL)
    second = export_bundle(db)
    assert strip(second) == strip(first)

    again = import_bundle(db, second)
    assert again.added == again.updated == 0 and not again.conflicts


def test_rich_bundle_values_survive(db, rich_bundle, tmp_path) -> None:
    import_bundle(db, rich_bundle)
    path = tmp_path / "rich.json"
    write_bundle(db, path)
    assert "Zoë Ó Briain" in path.read_text(encoding="utf-8")  # ensure_ascii=False
    exported = read_bundle_file(path)

    people = {p["email"]: p for p in exported["people"]}
    zoe = people["zoe.obriain@example.nhs.uk"]
    assert zoe["updated_at"] == "2026-05-01T10:00:00.250000Z"  # kept from the bundle
    assert zoe["development_areas"] == ["resilience", "new role"]
    assert people["lin.wu@example.nhs.uk"]["eligibility_override"] == {
        "reason": "Pilot cohort",
        "on": None,
    }
    assert people["ade.mensah@example.nhs.uk"]["band"] is None
    assert exported["settings"]["hub_name"] == "Fens Hub – Ürsula’s team"
    assert exported["settings"]["response_days"] == 21
    assert exported["settings"]["recording_days"] == 14  # defaults filled in
    registration = next(r for r in exported["registrations"] if r["id"] == CERT_REG)
    assert base64.b64decode(registration["certificate"]["data"]) == PNG
    assert registration["certificate"]["filename"] == "certificate ü.png"
    cpd = {c["id"][-1]: c for c in exported["cpd"]}
    assert base64.b64decode(cpd["1"]["evidence"]["data"]) == JPEG
    assert cpd["1"]["hours"] == 0.25 and cpd["2"]["evidence"] is None
    relationships = {r["id"][-1]: r for r in exported["relationships"]}
    ended = relationships["1"]
    assert [s["id"][-1] for s in ended["sessions"]] == ["1", "2", "3", "4", "5"]
    assert ended["sessions"][0]["notes"] == "Private: ✓ ü\nline 2"
    assert {e["kind"] for e in ended["evaluations"]} == {"pre", "follow-up", "practitioner-post"}
    follow_up = next(e for e in ended["evaluations"] if e["kind"] == "follow-up")
    assert follow_up["objective_ratings"] == [7.5, None]
    assert follow_up["answers"] == {"focus": 7, "words": "More confident"}
    assert [t["key"] for t in exported["templates"]] == [
        "client-default",
        "client-short",
        "practitioner-default",
    ]
    short = exported["templates"][1]
    assert short["scale"] == [0, 10] and short["items"][1]["kind"] == "text"
    assert len(exported["learning_log"][0]["competences"]) == 8
    json.dumps(exported, allow_nan=False)  # plain JSON throughout

    with db.uow() as uow:
        s = uow.session
        assert s.scalar(select(Person.region).where(Person.full_name == "Adé Mensah")) == "Norfolk"
        reg = s.get(Registration, CERT_REG)
        assert s.get(Attachment, reg.certificate_id).media_type == "image/png"
        assert s.scalar(select(CpdRecord.hours).where(CpdRecord.title == "Reading")) == 2.0


def test_missing_region_takes_the_hubs_region(db, rich_bundle) -> None:
    rich_bundle["settings"]["region"] = "Midlands"
    del rich_bundle["people"][0]["region"]
    import_bundle(db, rich_bundle)
    with db.uow() as uow:
        region = uow.session.scalar(
            select(Person.region).where(Person.email == "zoe.obriain@example.nhs.uk")
        )
    assert region == "Midlands"


def test_lists_and_settings_may_be_left_out(db, snapshot) -> None:
    before = snapshot(db, leave_out={"audit_log"})  # the import itself is audited
    report = import_bundle(db, {"format": "coachdesk/1"})
    assert report.added == report.updated == report.unchanged == 0
    assert "  The bundle holds no records." in report.summary_lines()
    assert snapshot(db, leave_out={"audit_log"}) == before
