"""Register import: messy data stored right, all or nothing, re-import, updates, rejects file."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from coachdesk.errors import UserError
from coachdesk.services import register
from coachdesk.services.dto import PersonInput
from coachdesk.services.spreadsheet import import_register, read_register
from tests.helpers.sheets import MESSY_HEADER, messy_rows, write_csv, write_xlsx

TODAY = date(2026, 11, 23)


def _people(db: Any) -> dict[str, Any]:
    return {p.email: p for p in register.list_people(db)}


def _registrations(db: Any) -> dict[tuple[str, str], Any]:
    return {(r.email, r.kind): r for r in register.list_registrations(db)}


@pytest.mark.parametrize("made", ["xlsx", "csv"])
def test_a_messy_register_is_stored_clean(db: Any, made: str, request: Any) -> None:
    path = request.getfixturevalue(f"messy_{made}")
    report = import_register(db, path, today=TODAY)
    assert report.rejected == ()
    assert len(report.added) == 5 and not report.updated
    people = _people(db)
    zoe = people["zoe.obriain@fenland.nhs.uk"]  # trimmed, lower-cased
    assert zoe.full_name == "Zoë Ó Briain"  # stray spaces gone
    assert zoe.band == "8a"
    assert zoe.leadership_programme is True
    assert zoe.manager_name == "Priya Shah"
    assert zoe.manager_email == "priya.shah@fenland.nhs.uk"
    assert zoe.region == "East of England"  # the hub's region by default
    assert people["ade.mensah@broads.nhs.uk"].band == "8a"
    assert people["lin.wu@broads.nhs.uk"].band == "6"
    assert people["ola.nowak@fenland.nhs.uk"].band == "5"
    assert [p.leadership_programme for p in people.values()].count(True) == 4
    regs = _registrations(db)
    assert set(regs) == {
        ("zoe.obriain@fenland.nhs.uk", "coach"),
        ("zoe.obriain@fenland.nhs.uk", "mentor"),
        ("ade.mensah@broads.nhs.uk", "mentor"),
        ("ola.nowak@fenland.nhs.uk", "coach"),
        ("sam.okafor@fenland.nhs.uk", "coach"),
    }  # a coachee or mentee holds no registration
    coach = regs[("zoe.obriain@fenland.nhs.uk", "coach")]
    assert (coach.status, coach.accreditation, coach.capacity) == (
        "active",
        "EMCC Coach Practitioner",
        3,
    )
    assert coach.specialisms == ("resilience", "new leaders")
    assert coach.registered_on == TODAY
    mentor = regs[("zoe.obriain@fenland.nhs.uk", "mentor")]
    assert mentor.training_on == date(2024, 4, 3)  # UK day-first
    assert mentor.accreditation is None  # accreditation belongs to the coach registration
    assert regs[("ade.mensah@broads.nhs.uk", "mentor")].training_on == date(2024, 4, 1)  # serial
    assert regs[("ade.mensah@broads.nhs.uk", "mentor")].status == "paused"
    assert regs[("ola.nowak@fenland.nhs.uk", "coach")].status == "applied"
    # Sam is a coach and a mentee: the training date has no mentor registration to go to.
    assert report.notes == (
        "row 6, Training date: not applied, sam.okafor@fenland.nhs.uk has no mentor role",
    )
    assert report.changes.touches("person", "registration")


def test_importing_the_same_file_twice_changes_nothing(sqlite_db, messy_xlsx, snapshot) -> None:
    import_register(sqlite_db, messy_xlsx, today=TODAY)
    before = snapshot(sqlite_db)
    again = import_register(sqlite_db, messy_xlsx, today=TODAY)
    after = snapshot(sqlite_db)
    # Only the audit log grows: the second import is recorded, with nothing added or updated.
    assert after.pop("audit_log")[-1:] != before.pop("audit_log")[-1:]
    assert after == before
    assert (again.added, again.updated, len(again.unchanged)) == ((), (), 5)
    assert again.changes.empty
    assert "5 unchanged" in again.summary_lines()[1]


def test_the_csv_and_the_workbook_agree(sqlite_db, messy_xlsx, messy_csv, snapshot) -> None:
    import_register(sqlite_db, messy_csv, today=TODAY)
    before = snapshot(sqlite_db)
    assert not import_register(sqlite_db, messy_xlsx, today=TODAY).changed_anything
    after = snapshot(sqlite_db)
    after.pop("audit_log"), before.pop("audit_log")  # the second import is audited
    assert after == before


def test_a_changed_cell_updates_that_field_and_is_reported(sqlite_db, tmp_path) -> None:
    rows = messy_rows("cells")
    write_xlsx(tmp_path / "r.xlsx", MESSY_HEADER, rows)
    import_register(sqlite_db, tmp_path / "r.xlsx", today=TODAY)
    rows[1][3] = "Band 8b"  # Adé's band
    rows[1][10] = "active"  # and the mentor registration's status
    rows[3][2] = ""  # a blank cell leaves what is held
    write_xlsx(tmp_path / "r.xlsx", MESSY_HEADER, rows)
    report = import_register(sqlite_db, tmp_path / "r.xlsx", today=TODAY)
    assert [(u.row, u.email, u.fields) for u in report.updated] == [
        (3, "ade.mensah@broads.nhs.uk", ("Band", "mentor status"))
    ]
    assert len(report.unchanged) == 4 and report.registrations_updated == 1
    assert "  row 3, ade.mensah@broads.nhs.uk: Band, mentor status" in report.summary_lines()
    people = _people(sqlite_db)
    assert people["ade.mensah@broads.nhs.uk"].band == "8b"
    assert people["ola.nowak@fenland.nhs.uk"].organisation == "Fenland Acute Trust"
    assert _registrations(sqlite_db)[("ade.mensah@broads.nhs.uk", "mentor")].status == "active"


def test_a_known_person_gains_a_registration_and_keeps_what_the_sheet_leaves_out(
    sqlite_db, tmp_path
) -> None:
    register.add_person(
        sqlite_db,
        PersonInput(
            full_name="Lin Wu",
            email="lin.wu@broads.nhs.uk",
            job_title="Ward Manager",
            notes="Met at the March event.",
        ),
    )
    path = write_csv(
        tmp_path / "r.csv", ["Name", "Email", "Role"], [["Lin Wu", "LIN.WU@broads.nhs.uk", "coach"]]
    )
    report = import_register(sqlite_db, path, today=TODAY)
    assert [u.fields for u in report.updated] == [("coach registration added",)]
    lin = _people(sqlite_db)["lin.wu@broads.nhs.uk"]
    assert (lin.job_title, lin.notes, lin.roles) == (
        "Ward Manager",
        "Met at the March event.",
        ("coach",),
    )


BAD_ROWS = [
    ["Zoë Ó Briain", "zoe@fenland.nhs.uk", "8a", "01/02/2024"],  # row 2: fine
    ["Ade Mensah", "ade.mensah(at)broads", "6", ""],  # row 3: invalid e-mail
    [None, None, None, None],  # row 4: blank, skipped
    ["", "nameless@broads.nhs.uk", "5", ""],  # row 5: missing name
    ["Lin Wu", "lin@broads.nhs.uk", "Band 12", "31/02/2024"],  # row 6: band and date
    ["Ola Nowak", "ola@fenland.nhs.uk", "7", "next Tuesday"],  # row 7: unreadable date
    ["Zoe Again", "ZOE@fenland.nhs.uk", "", ""],  # row 8: e-mail already on row 2
]
BAD_HEADER = ["Name", "Email", "Band", "Training date"]
EVERY_PROBLEM = [
    "row 3, Email: 'ade.mensah(at)broads' is not a valid e-mail address",
    "row 5, Name: a name is required",
    "row 6, Band: 'Band 12' is not an Agenda for Change band (1-9, 8a-8d, VSM, Other)",
    "row 6, Training date: '31/02/2024' is not a date (day/month/year)",
    "row 7, Training date: 'next Tuesday' is not a date (write it as 31/12/2024 or 2024-12-31)",
    "row 8, Email: zoe@fenland.nhs.uk is already on row 2",
]


@pytest.mark.parametrize("made", ["xlsx", "csv"])
def test_one_bad_row_refuses_the_file_listing_every_bad_row(
    db: Any, tmp_path: Path, snapshot: Any, made: str
) -> None:
    if made == "xlsx":
        path = write_xlsx(tmp_path / "bad.xlsx", BAD_HEADER, BAD_ROWS)
    else:
        path = write_csv(tmp_path / "bad.csv", BAD_HEADER, BAD_ROWS)
    before = snapshot(db)
    with pytest.raises(UserError) as err:
        import_register(db, path, today=TODAY)
    assert err.value.problems == EVERY_PROBLEM
    assert "5 of 6 rows have problems, so nothing was written" in err.value.message
    assert snapshot(db) == before
    assert not (tmp_path / "bad.rejects.csv").exists()


def test_a_dry_run_with_bad_rows_is_refused_the_same_way(sqlite_db, tmp_path) -> None:
    path = write_csv(tmp_path / "bad.csv", BAD_HEADER, BAD_ROWS)
    with pytest.raises(UserError, match="would be refused") as err:
        import_register(sqlite_db, path, dry_run=True)
    assert err.value.problems == EVERY_PROBLEM


def test_skip_invalid_writes_the_good_rows_and_a_rejects_file(sqlite_db, tmp_path) -> None:
    path = write_xlsx(tmp_path / "bad.xlsx", BAD_HEADER, BAD_ROWS)
    report = import_register(sqlite_db, path, skip_invalid=True, today=TODAY)
    assert report.added == ("zoe@fenland.nhs.uk",)
    assert [r.row for r in report.rejected] == [3, 5, 6, 7, 8]
    assert report.rejects_file == tmp_path / "bad.rejects.csv"
    with report.rejects_file.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == [*BAD_HEADER, "Row", "Reason"]
    assert rows[1] == [
        "Ade Mensah",
        "ade.mensah(at)broads",
        "6",
        "",
        "3",
        "Email: 'ade.mensah(at)broads' is not a valid e-mail address",
    ]
    assert rows[3][-1] == (
        "Band: 'Band 12' is not an Agenda for Change band (1-9, 8a-8d, VSM, Other); "
        "Training date: '31/02/2024' is not a date (day/month/year)"
    )
    assert set(_people(sqlite_db)) == {"zoe@fenland.nhs.uk"}
    # The lead fixes the rejects file and imports it; Row and Reason are ignored.
    fixed = [r[:4] for r in rows[1:]]
    fixed[0][1], fixed[1][0], fixed[2][2:4] = "ade@broads.nhs.uk", "Nia", ["6", "28/02/2024"]
    fixed[3][3], fixed[4][1] = "", "zoe.again@fenland.nhs.uk"
    write_csv(report.rejects_file, rows[0], [[*f, "", ""] for f in fixed])
    again = import_register(sqlite_db, report.rejects_file, today=TODAY)
    assert (len(again.added), again.rejected, again.ignored_columns) == (5, (), ("Row", "Reason"))


def test_a_dry_run_reports_and_writes_nothing(sqlite_db, messy_xlsx, snapshot, tmp_path) -> None:
    before = snapshot(sqlite_db)
    report = import_register(sqlite_db, messy_xlsx, dry_run=True, today=TODAY)
    assert snapshot(sqlite_db) == before
    assert len(report.added) == 5 and report.registrations_added == 5
    assert report.summary_lines()[0].startswith("Dry run of register.xlsx")
    assert report.changes.empty
    bad = write_csv(tmp_path / "bad.csv", BAD_HEADER, BAD_ROWS)
    report = import_register(sqlite_db, bad, dry_run=True, skip_invalid=True)
    assert len(report.rejected) == 5 and report.rejects_file is None
    assert not (tmp_path / "bad.rejects.csv").exists()
    assert snapshot(sqlite_db) == before


def test_progress_moves_and_cancelling_writes_nothing(sqlite_db, messy_xlsx, snapshot) -> None:
    seen: list[tuple[int, int]] = []
    import_register(sqlite_db, messy_xlsx, dry_run=True, progress=lambda d, t: seen.append((d, t)))
    assert seen[-1] == (10, 10) and seen == sorted(seen)
    before = snapshot(sqlite_db)
    with pytest.raises(UserError, match="cancelled; nothing was written"):
        import_register(sqlite_db, messy_xlsx, cancelled=lambda: True)
    assert snapshot(sqlite_db) == before


def test_a_chosen_mapping_overrides_the_headers(sqlite_db, tmp_path) -> None:
    path = write_csv(
        tmp_path / "r.csv",
        ["Nom", "Courriel", "Grade"],
        [["Zoë Ó Briain", "zoe@fenland.nhs.uk", "8a"]],
    )
    sheet = read_register(path)
    with pytest.raises(UserError, match="no e-mail column"):
        import_register(sqlite_db, path, sheet=sheet)
    import_register(sqlite_db, path, sheet=sheet, mapping=("full_name", "email", None))
    assert _people(sqlite_db)["zoe@fenland.nhs.uk"].band is None


def test_first_and_last_names_and_per_kind_status(sqlite_db, tmp_path) -> None:
    path = write_csv(
        tmp_path / "r.csv",
        ["First name", "Surname", "Email", "Roles", "Status", "Hours committed"],
        [["Zoë", "Ó Briain", "zoe@x.nhs.uk", "coach, mentor", "coach: active; mentor: paused", 24]],
    )
    import_register(sqlite_db, path, today=TODAY)
    assert _people(sqlite_db)["zoe@x.nhs.uk"].full_name == "Zoë Ó Briain"
    regs = _registrations(sqlite_db)
    assert regs[("zoe@x.nhs.uk", "coach")].status == "active"
    assert regs[("zoe@x.nhs.uk", "mentor")].status == "paused"
    assert regs[("zoe@x.nhs.uk", "mentor")].hours_committed == 24
    assert regs[("zoe@x.nhs.uk", "coach")].hours_committed is None
