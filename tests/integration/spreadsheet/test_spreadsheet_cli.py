"""The command line with spreadsheets: import and export by suffix, exit codes, stderr."""

from __future__ import annotations

from pathlib import Path

import pytest

from coachdesk.app import main
from tests.helpers.sheets import MESSY_HEADER, messy_rows, write_csv, write_xlsx


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:  # a usage error found after parsing exits through argparse
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def dbfile(tmp_path: Path) -> str:
    return str(tmp_path / "hub.sqlite")


BAD = [
    ["Zoë Ó Briain", "zoe@x.nhs.uk", "8a"],
    ["Ade", "not an email", "6"],
    ["", "n@x.nhs.uk", "99"],
]


def test_a_refused_import_exits_1_with_every_problem_on_stderr(capsys, dbfile, tmp_path) -> None:
    path = write_xlsx(tmp_path / "bad.xlsx", ["Name", "Email", "Band"], BAD)
    code, out, err = run(capsys, "--db", dbfile, "import", str(path))
    assert code == 1 and out == ""
    assert "  - row 3, Email: 'not an email' is not a valid e-mail address" in err
    assert "  - row 4, Name: a name is required" in err
    assert "  - row 4, Band: '99' is not an Agenda for Change band" in err
    code, out, _ = run(capsys, "--db", dbfile, "export", str(tmp_path / "after.csv"))
    assert code == 0 and "0 people" in out  # nothing was written


def test_skip_invalid_imports_the_rest_and_says_where_the_rejects_are(
    capsys, dbfile, tmp_path
) -> None:
    path = write_csv(tmp_path / "bad.csv", ["Name", "Email", "Band"], BAD)
    code, out, err = run(capsys, "--db", dbfile, "import", str(path), "--dry-run", "--skip-invalid")
    assert code == 0 and "Dry run" in out and "would not be imported" in err
    assert not (tmp_path / "bad.rejects.csv").exists()
    code, out, err = run(capsys, "--db", dbfile, "import", str(path), "--skip-invalid")
    assert code == 0
    assert "People: 1 added, 0 updated, 0 unchanged, 2 rejected." in out
    assert f"2 rows were not imported; they are in {tmp_path / 'bad.rejects.csv'}" in err
    assert (tmp_path / "bad.rejects.csv").exists()


def test_import_reimport_and_exports_by_suffix(capsys, dbfile, tmp_path) -> None:
    path = write_xlsx(tmp_path / "register.xlsx", MESSY_HEADER, messy_rows("cells"))
    code, out, _ = run(capsys, "--db", dbfile, "import", str(path))
    assert code == 0 and "People: 5 added" in out
    code, out, _ = run(capsys, "--db", dbfile, "import", str(path))
    assert code == 0 and "People: 0 added, 0 updated, 5 unchanged, 0 rejected." in out
    for suffix in (".xlsx", ".csv", ".ics", ".json"):
        target = tmp_path / f"out{suffix}"
        code, out, err = run(capsys, "--db", dbfile, "export", str(target))
        assert (code, err) == (0, ""), suffix
        assert target.stat().st_size > 0


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (["import", "{dir}/x.json", "--skip-invalid"], 2, "--skip-invalid applies to spreadsheets"),
        (["import", "{dir}/x.xls"], 1, "Excel 97-2003"),
        (["import", "{dir}/x.ods"], 1, "imports a register spreadsheet (.xlsx or .csv)"),
        (["import", "{dir}/missing.csv"], 1, "no such file"),
        (["export", "{dir}/x.pdf"], 1, "exports .json (the whole database), .xlsx"),
    ],
)
def test_usage_and_refusals(capsys, dbfile, tmp_path, argv, code, message) -> None:
    (tmp_path / "x.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    (tmp_path / "x.json").write_text("{}")
    got, _out, err = run(capsys, "--db", dbfile, *(a.format(dir=tmp_path) for a in argv))
    assert got == code and message in err
