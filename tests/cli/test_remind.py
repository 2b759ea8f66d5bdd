"""``coachdesk remind`` (SPEC 8, 11): a line per draft and a summary; exit 1 for a folder that
cannot be written, with nothing recorded."""

from __future__ import annotations

from email import message_from_bytes, policy
from pathlib import Path

import pytest

from coachdesk.app import main
from tests.helpers.sqlitefile import sqlite_file


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def example_db(tmp_path: Path, example_bundle: Path, capsys: pytest.CaptureFixture[str]) -> str:
    path = str(tmp_path / "hub.sqlite")
    code, _, err = run(capsys, "--db", path, "import", str(example_bundle))
    assert code == 0, err
    return path


def _reminders(path: str) -> int:
    with sqlite_file(path) as conn:
        count = conn.execute("SELECT count(*) FROM reminders").fetchone()[0]
    assert isinstance(count, int)
    return count


def test_remind_writes_a_draft_per_person_and_says_so(
    capsys: pytest.CaptureFixture[str], example_db: str, tmp_path: Path
) -> None:
    out_dir = tmp_path / "drafts"
    code, out, err = run(
        capsys, "--db", example_db, "remind", "--today", "2026-11-22", "--out", str(out_dir)
    )
    assert code == 0, err
    files = sorted(out_dir.glob("*.eml"))
    assert [f.name for f in files] == ["2026-11-22-sam-okafor.eml"]
    lines = out.splitlines()
    assert lines[0] == (
        f"{files[0]}: Sam Okafor <sam.okafor@example-trust.nhs.uk>, 5 things to do, 1 form attached"
    )
    assert lines[1].startswith("1 reminder drafted for 22 Nov 2026 in ")
    msg = message_from_bytes(files[0].read_bytes(), policy=policy.default)
    assert msg["To"] == "Sam Okafor <sam.okafor@example-trust.nhs.uk>"
    assert _reminders(example_db) == 1

    code, out, _ = run(
        capsys, "--db", example_db, "remind", "--today", "2026-11-23", "--out", str(out_dir)
    )
    assert code == 0
    assert "Nobody has anything to be reminded about on 23 Nov 2026" in out
    assert "1 person left out: reminded within the last 7 days (add --again" in out
    code, out, _ = run(
        capsys, "--db", example_db, "remind", "--today", "2026-11-23", "--again", "--out",
        str(out_dir),
    )  # fmt: skip
    assert code == 0 and "2026-11-23-sam-okafor.eml" in out
    assert _reminders(example_db) == 2


def test_a_folder_that_cannot_be_written_exits_1_and_records_nothing(
    capsys: pytest.CaptureFixture[str], example_db: str, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    code, out, err = run(
        capsys, "--db", example_db, "remind", "--today", "2026-11-22", "--out",
        str(blocker / "drafts"),
    )  # fmt: skip
    assert code == 1
    assert "Cannot write reminders to" in err and "Nothing was recorded." in err
    assert "Traceback" not in err and out == ""
    assert _reminders(example_db) == 0


def test_remind_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], example_db: str) -> None:
    assert run(capsys, "--db", example_db, "remind", "--today", "22/11/2026")[0] == 2
    assert _reminders(example_db) == 0
