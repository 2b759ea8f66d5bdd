"""The status each imported registration gets: the lead's choice for the file, within the rules."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from coachdesk.errors import UserError
from coachdesk.services import register
from coachdesk.services.spreadsheet import import_register, parse_rows, read_register
from coachdesk.services.spreadsheet.columns import match_columns
from coachdesk.services.spreadsheet.statuses import planned_statuses
from tests.helpers.builders import Hub
from tests.helpers.sheets import write_csv

TODAY = date(2026, 11, 23)
HEADER = [
    "Name",
    "Email",
    "Role",
    "Status",
    "Accreditation",
    "Ethics agreed",
    "Organisational support",
    "Training date",
    "Hours committed",
]
ROWS = [
    # Everything approval needs that a sheet can hold: active when the lead says so.
    ["Zoë Ó Briain", "zoe.obriain@fenland.nhs.uk", "coach", "", "ILM Level 5", "Y",
     "01/09/2025", "", ""],
    # No organisational support and ethics not agreed: applied, with the reasons.
    ["Sam Okafor", "sam.okafor@fenland.nhs.uk", "coach", "", "ILM Level 7", "N", "", "", ""],
    # A mentor committing too few hours.
    ["Adé Mensah", "ade.mensah@broads.nhs.uk", "mentor", "", "", "Y", "01/09/2025",
     "03/04/2024", "8"],
    # The Status column wins.
    ["Ola Nowak", "ola.nowak@fenland.nhs.uk", "coach", "paused", "", "", "", "", ""],
    # A client: no registration.
    ["Lin Wu", "lin.wu@broads.nhs.uk", "coachee", "", "", "", "", "", ""],
]  # fmt: skip


@pytest.fixture
def sheet(tmp_path: Path) -> Path:
    return write_csv(tmp_path / "register.csv", HEADER, ROWS)


def _statuses(db: Any) -> dict[tuple[str, str], str]:
    return {(r.email.split(".")[0], r.kind): r.status for r in register.list_registrations(db)}


def test_already_on_our_register_makes_active_only_what_approval_allows(
    db: Any, sheet: Path
) -> None:
    report = import_register(db, sheet, today=TODAY, new_status="active")
    assert _statuses(db) == {
        ("zoe", "coach"): "active",
        ("sam", "coach"): "applied",
        ("ade", "mentor"): "applied",
        ("ola", "coach"): "paused",
    }
    notes = list(report.not_active)
    assert notes == [
        "row 3, sam.okafor@fenland.nhs.uk: the coach registration is applied, not active — "
        "Ethics agreed is not yes; no Organisational support date",
        "row 4, ade.mensah@broads.nhs.uk: the mentor registration is applied, not active — "
        "Hours committed 8 is below the minimum of 12",
    ]


def test_new_applicants_are_all_applied_but_the_status_column_wins(db: Any, sheet: Path) -> None:
    import_register(db, sheet, today=TODAY, new_status="applied")
    assert _statuses(db) == {
        ("zoe", "coach"): "applied",
        ("sam", "coach"): "applied",
        ("ade", "mentor"): "applied",
        ("ola", "coach"): "paused",
    }


def test_the_preview_plans_what_the_import_does(db: Any, sheet: Path) -> None:
    # Sam is already an active coach: the file leaves his status as it is.
    Hub(db).coach("Sam Okafor", email="sam.okafor@fenland.nhs.uk")
    data = read_register(sheet)
    rows = parse_rows(data, match_columns(data.headers), today=TODAY)
    planned = planned_statuses(db, rows, "active")
    assert {n: [p.why for p in plans] for n, plans in planned.items()} == {
        2: ["coach: active"],
        3: ["coach: active, as already on the register (unchanged)"],
        4: [
            "mentor: applied, not active — Hours committed 8 is below the minimum of 12",
        ],
        5: ["coach: paused, as the Status column says"],
        6: [],
    }
    import_register(db, sheet, today=TODAY, new_status="active")
    assert _statuses(db)["sam", "coach"] == "active"
    assert _statuses(db)["ade", "mentor"] == "applied"


def test_a_refusal_counts_its_rows_rightly_and_names_the_way_round_it(
    db: Any, tmp_path: Path
) -> None:
    rows = [list(r) for r in ROWS]
    rows[1][1] = "sam.okafor(at)fenland"
    path = write_csv(tmp_path / "one-bad.csv", HEADER, rows)
    with pytest.raises(UserError) as err:
        import_register(db, path, today=TODAY, skip_hint="tick the box")
    assert err.value.message == (
        "one-bad.csv cannot be imported: 1 of 5 rows has a problem, so nothing was written "
        "(fix it, or tick the box):"
    )
    with pytest.raises(UserError, match="or import with --skip-invalid to import"):
        import_register(db, path, today=TODAY)
