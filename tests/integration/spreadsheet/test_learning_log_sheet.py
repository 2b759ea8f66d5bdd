"""The workbook's Learning log sheet (SPEC 3 and 7), read back with openpyxl: one row per
entry with every field SPEC 3 names, the relationship it belongs to and its competences."""

from __future__ import annotations

import copy
from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl

from coachdesk.services.exchange import import_bundle
from coachdesk.services.spreadsheet.export import write_workbook
from tests.integration.exchange.conftest import REL_ENDED, _rich

HEADER = [
    "Date",
    "Name",
    "Email",
    "Title",
    "What happened",
    "What I learned",
    "What I will do differently",
    "Competences",
    "Relationship id",
    "Id",
]


def test_every_learning_log_entry_is_a_row_of_the_workbook(db: Any, tmp_path: Path) -> None:
    bundle = copy.deepcopy(_rich())
    first = bundle["learning_log"][0]
    first.update(
        what_happened="Our last session ran over.",
        learning="Name the ending early.",
        next_time="Agree the last date at contracting.",
        competences=["Managing the Contract", "Evaluation"],
    )
    import_bundle(db, bundle)

    report = write_workbook(db, tmp_path / "hub.xlsx")

    book = openpyxl.load_workbook(tmp_path / "hub.xlsx")
    assert book.sheetnames.index("Learning log") == book.sheetnames.index("Supervision") + 1
    rows = [list(r) for r in book["Learning log"].iter_rows(values_only=True)]
    assert rows[0] == HEADER
    assert report.counts["Learning log"] == len(rows) - 1 == 2
    assert rows[1] == [
        datetime(2026, 2, 11),
        "Zoë Ó Briain",
        "zoe.obriain@example.nhs.uk",
        "Endings",
        "Our last session ran over.",
        "Name the ending early.",
        "Agree the last date at contracting.",
        "Managing the Contract; Evaluation",
        REL_ENDED,
        first["id"],
    ]
    general = rows[2]
    assert general[0] == datetime(2026, 2, 12) and general[3] == "General reflection"
    assert general[7] is None and general[8] is None  # no competences, no relationship
    assert book["Learning log"]["A2"].number_format == "dd/mm/yyyy"
