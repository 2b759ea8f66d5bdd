"""``coachdesk report …`` (SPEC 8): the six kinds, exit codes, and an atomic write."""

from __future__ import annotations

from pathlib import Path

import pytest

from coachdesk.app import main
from tests.reports.conftest import R1, TODAY, P, pdf_pages


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    "argv",
    [
        ["learning-log", "--person", P.upper(), "--from", "2026-01-01", "--to", "2026-06-30"],
        ["learning-log", "--person", P, "--names"],
        ["programme", "--from", "2026-01-01", "--to", "2026-12-31"],
        ["compliance"],
        ["register"],
        ["person", "--person", P],
        ["relationship", "--id", R1],
    ],
    ids=lambda argv: " ".join(argv[:2]),
)
def test_each_report_is_written(sqlite_hub, tmp_path: Path, capsys, argv: list[str]) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "report.pdf"
    on = ["--today", TODAY.isoformat()]  # the day the report is made on, not the real one
    code, stdout, err = run(capsys, "--db", sqlite_hub.db.url, "report", *argv, *on, "-o", str(out))
    assert code == 0, err
    assert out.read_bytes().startswith(b"%PDF")
    assert str(out) in stdout
    assert [p.name for p in folder.iterdir()] == ["report.pdf"]  # no temporary file left
    assert "Page 1 of" in pdf_pages(out.read_bytes())[0]


def test_refusals_exit_1_and_write_nothing(sqlite_hub, tmp_path: Path, capsys) -> None:
    url = sqlite_hub.db.url
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    out = tmp_path / "x.pdf"
    code, _, err = run(
        capsys, "--db", url, "report", "person", "--person", "no@one.nhs.uk", "-o", str(out)
    )
    assert code == 1 and "No person has the e-mail 'no@one.nhs.uk'" in err
    code, _, err = run(
        capsys, "--db", url, "report", "learning-log", "--person", "no@one.nhs.uk", "-o", str(out)
    )
    assert code == 1 and "No person has the e-mail" in err
    code, _, err = run(
        capsys, "--db", url, "report", "relationship", "--id", "nope", "-o", str(out)
    )
    assert code == 1 and "No relationship has the id 'nope'" in err
    code, _, err = run(
        capsys,
        "--db",
        url,
        "report",
        "programme",
        "--from",
        "2026-05-01",
        "--to",
        "2026-04-01",
        "-o",
        str(out),
    )
    assert code == 1 and "after its end" in err
    code, _, err = run(capsys, "--db", url, "report", "register", "-o", str(tmp_path / "x.txt"))
    assert code == 1 and ".pdf" in err
    code, _, err = run(
        capsys, "--db", url, "report", "register", "-o", str(tmp_path / "missing" / "x.pdf")
    )
    assert code == 1 and "does not exist" in err
    assert list(tmp_path.iterdir()) == []


def test_usage_errors_exit_2(sqlite_hub, capsys) -> None:
    url = sqlite_hub.db.url
    assert run(capsys, "--db", url, "report", "register")[0] == 2  # no -o
    assert run(capsys, "--db", url, "report", "person", "-o", "x.pdf")[0] == 2  # no --person
    assert run(capsys, "--db", url, "report", "board", "-o", "x.pdf")[0] == 2
    assert (
        run(capsys, "--db", url, "report", "programme", "--from", "1/2/26", "-o", "x.pdf")[0] == 2
    )


def test_an_existing_file_is_replaced_whole(sqlite_hub, tmp_path: Path, capsys) -> None:
    out = tmp_path / "register.pdf"
    out.write_bytes(b"old contents")
    code, _, err = run(capsys, "--db", sqlite_hub.db.url, "report", "register", "-o", str(out))
    assert code == 0, err
    assert out.read_bytes().startswith(b"%PDF")
