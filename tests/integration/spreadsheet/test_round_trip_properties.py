"""The register round trip as a property (SPEC 7), for any generated hub: the register exported
as .csv or .xlsx imports back into the same database changing nothing, and into an empty one
reproduces every person and every registration (the json round trip: exchange tests)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings

from coachdesk.services.exchange import import_bundle
from coachdesk.services.spreadsheet import import_register
from coachdesk.services.spreadsheet.export import write_register_csv, write_workbook
from tests.helpers.hubs import empty_database, hubs
from tests.helpers.registers import register_of
from tests.helpers.snapshot import snapshot

TODAY = date(2026, 11, 23)
RUN = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@RUN
@given(hub=hubs(register_only=True))
def test_any_register_survives_its_spreadsheet_exports(
    _template_sqlite: Path, tmp_path: Path, hub: dict
) -> None:
    with empty_database(_template_sqlite) as db:
        import_bundle(db, hub)
        files = [tmp_path / "register.csv", tmp_path / "hub.xlsx"]
        write_register_csv(db, files[0])
        write_workbook(db, files[1])
        want = register_of(db)
        before = snapshot(db, leave_out={"audit_log"})

        for path in files:
            report = import_register(db, path, today=TODAY)
            assert report.rejected == () and report.updated == (), path.name
            assert snapshot(db, leave_out={"audit_log"}) == before, path.name

        for path in files:
            with empty_database(_template_sqlite) as empty:
                import_register(empty, path, today=TODAY)
                assert register_of(empty) == want, path.name
