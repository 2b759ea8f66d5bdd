"""The audit log (names of fields, never values) and retention (review, backup, delete)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select, update

from coachdesk.errors import UserError
from coachdesk.services import audit, register
from coachdesk.services.dto import PersonInput
from coachdesk.services.exchange import import_bundle, read_bundle_file, write_bundle
from coachdesk.services.relationships import delete_relationship
from coachdesk.services.reporting import report_data
from coachdesk.services.retention import delete_past_retention, retention_review
from coachdesk.services.settings import update_settings
from coachdesk.services.spreadsheet.export import write_register_csv
from coachdesk.storage.models import AuditEntry, Meeting, Registration, Relationship

TODAY = date(2026, 11, 20)


def _all(db) -> list[audit.AuditRow]:  # noqa: ANN001
    return list(reversed(audit.entries(db)))


def test_create_update_delete_write_field_names_never_values(db, hub) -> None:
    person = hub.person("Nia Okonjo", notes="Prefers mornings")
    data = PersonInput(
        full_name="Nia Okonjo-Reid",
        email=person.email,
        organisation=person.organisation,
        band=person.band,
        notes="Prefers afternoons",
    )
    register.update_person(db, person.email, data)
    rows = [r for r in _all(db) if r.record_id == person.id]
    assert [r.action for r in rows] == ["create", "update"]
    created, updated = rows
    assert created.record_kind == "person"
    assert {"email", "full_name", "notes"} <= set(created.fields)
    assert set(updated.fields) == {"full_name", "notes"}
    rel = hub.relationship(client=hub.person("Kai Brennan"))
    delete_relationship(db, rel.id)
    (deleted,) = audit.entries(db, audit.AuditFilter(action="delete"))
    assert (deleted.record_kind, deleted.record_id, deleted.fields) == ("relationship", rel.id, ())
    with db.engine.connect() as conn:
        stored = repr(conn.execute(select(AuditEntry.__table__)).all())
    for content in ("Nia", "Okonjo", "mornings", "afternoons", person.email, "Lead the ward"):
        assert content not in stored


def test_a_refused_write_leaves_no_audit_row(db, hub) -> None:
    person = hub.person("Ola Nowak")
    before = len(audit.entries(db))
    with pytest.raises(UserError):
        register.add_person(db, PersonInput(full_name="Again", email=person.email))
    assert len(audit.entries(db)) == before


def test_imports_exports_and_reports_write_one_summary_row(
    db, example_bundle: Path, tmp_path: Path
) -> None:
    data = read_bundle_file(example_bundle)
    import_bundle(db, data, dry_run=True)
    assert audit.entries(db, audit.AuditFilter(action="import")) == []  # a dry run writes none
    import_bundle(db, data, source="sam-okafor.json")
    (imported,) = audit.entries(db, audit.AuditFilter(action="import"))
    assert imported.detail.startswith("bundle: ") and "person 3" in imported.detail
    assert "okafor" not in imported.detail.lower()  # not even a file name that names someone
    # a bulk import writes one row, not one per record
    assert not audit.entries(db, audit.AuditFilter(action="create", record_kind="person"))
    write_bundle(db, tmp_path / "all.json")
    write_register_csv(db, tmp_path / "register.csv")
    exports = audit.entries(db, audit.AuditFilter(action="export"))
    assert [e.detail.split(":")[0] for e in exports] == ["register (.csv)", "bundle (.json)"]
    report_data(db, "person", {"person": "sam.okafor@example-trust.nhs.uk"}, today=TODAY)
    report_data(db, "programme", {}, today=TODAY)
    reports = audit.entries(db, audit.AuditFilter(action="report"))
    assert [(r.record_kind, r.detail) for r in reports] == [
        ("report", "programme generated"),
        ("person", "person generated"),
    ]
    assert reports[1].record_id and "@" not in reports[1].record_id


def test_entries_filter_by_date_range(db, hub) -> None:
    hub.person()
    assert audit.entries(db, audit.AuditFilter(date_from=db.clock.today()))
    assert not audit.entries(db, audit.AuditFilter(date_to=date(2020, 1, 1)))


def test_retention_lists_and_deletes_after_a_backup(db, hub, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr("coachdesk.storage.engine.default_data_dir", lambda: tmp_path)
    old = hub.relationship(status="ended")
    recent = hub.relationship(status="ended")
    withdrawn = hub.coach()
    with db.uow() as uow:
        uow.session.execute(
            update(Relationship)
            .where(Relationship.id == old.id)
            .values(started_on=date(2019, 1, 5), ended_on=date(2020, 6, 30))
        )
        uow.session.execute(
            update(Registration)
            .where(Registration.person_id == withdrawn.id)
            .values(status="withdrawn", updated_at=datetime(2019, 2, 1, tzinfo=UTC))
        )
        uow.session.add(
            AuditEntry(at=datetime(2019, 1, 1, tzinfo=UTC), action="update", record_kind="person")
        )
        uow.commit()
    review = retention_review(db, TODAY)
    assert review.years == 6 and review.cutoff == date(2020, 11, 20)
    assert [(r.kind, r.ended_on) for r in review.records] == [
        ("registration", date(2019, 2, 1)),
        ("relationship", date(2020, 6, 30)),
    ]
    assert review.audit_rows == 1
    update_settings(db, {"retention_years": 7})
    assert retention_review(db, TODAY).records[0].kind == "registration"
    assert len(retention_review(db, TODAY).records) == 1
    update_settings(db, {"retention_years": 6})
    result = delete_past_retention(db, TODAY, [r.id for r in review.records], "t1").value
    assert (result.relationships, result.registrations, result.audit_rows) == (1, 1, 1)
    assert result.backup.exists()
    if db.backend == "sqlite":  # kept by rotation for a week, like every pre-operation backup
        assert result.backup.name.endswith("-before-bulk-delete.sqlite")
    with db.uow() as uow:
        left = set(uow.session.scalars(select(Relationship.id)))
        assert left == {recent.id}
        assert not uow.session.scalars(
            select(Meeting).where(Meeting.relationship_id == old.id)
        ).all()
    assert retention_review(db, TODAY).count == 0
    (row,) = audit.entries(db, audit.AuditFilter(action="retention"))
    assert "relationships 1, registrations 1, audit rows 1" in row.detail


def test_nothing_to_delete_is_refused(db) -> None:
    with pytest.raises(UserError, match="nothing past the retention period"):
        delete_past_retention(db, TODAY, [], "t2")


def test_audit_rows_older_than_the_period_alone_can_be_deleted(db, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr("coachdesk.storage.engine.default_data_dir", lambda: tmp_path)
    with db.uow() as uow:
        uow.session.add(
            AuditEntry(at=datetime(2018, 5, 1, tzinfo=UTC), action="export", record_kind="database")
        )
        uow.commit()
    assert retention_review(db, TODAY).audit_rows == 1
    result = delete_past_retention(db, TODAY, [], "t3").value
    assert result.audit_rows == 1 and retention_review(db, TODAY).audit_rows == 0
