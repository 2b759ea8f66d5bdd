"""``coachdesk erase --person EMAIL [--yes]`` (SPEC 8): preview, refusal without --yes, exit codes."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from coachdesk.app import main

SAM = "sam.okafor@example-trust.nhs.uk"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def hub_file(tmp_path: Path, example_bundle: Path, capsys: pytest.CaptureFixture[str]) -> str:
    db = str(tmp_path / "hub.sqlite")
    assert run(capsys, "--db", db, "import", str(example_bundle))[0] == 0
    return db


def _held(db: str) -> bytes:
    return Path(db).read_bytes() + (
        Path(f"{db}-wal").read_bytes() if Path(f"{db}-wal").exists() else b""
    )


def test_without_yes_and_no_terminal_it_shows_what_would_go_and_refuses(
    capsys: pytest.CaptureFixture[str], hub_file: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    code, out, err = run(capsys, "--db", hub_file, "erase", "--person", SAM)
    assert code == 1
    assert "Erasing Sam Okafor" in out and "registrations: " in out
    assert "add --yes" in err
    assert b"Sam Okafor" in _held(hub_file)  # still there


def test_a_typed_answer_other_than_yes_erases_nothing(
    capsys: pytest.CaptureFixture[str], hub_file: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin.isatty", lambda: True, raising=False)
    monkeypatch.setattr("builtins.input", lambda _prompt: "no")
    code, out, _ = run(capsys, "--db", hub_file, "erase", "--person", SAM)
    assert code == 1 and "Nothing was erased" in out
    assert b"Sam Okafor" in _held(hub_file)


def test_yes_erases_and_no_trace_stays_in_the_file(
    capsys: pytest.CaptureFixture[str], hub_file: str
) -> None:
    code, out, err = run(capsys, "--db", hub_file, "erase", "--person", SAM.upper(), "--yes")
    assert code == 0, err
    assert "Erased." in out and "cleaned" in out
    raw = _held(hub_file)
    assert b"Sam Okafor" not in raw and SAM.encode() not in raw
    code, out, _ = run(capsys, "--db", hub_file, "check", "--today", "2026-11-22", "--json")
    assert code == 0 and all(a["person"] != SAM for a in json.loads(out))


def test_unknown_email_is_refused_with_a_clear_message(
    capsys: pytest.CaptureFixture[str], hub_file: str
) -> None:
    code, _, err = run(capsys, "--db", hub_file, "erase", "--person", "ghost@nhs.uk", "--yes")
    assert code == 1
    assert "No person has the e-mail 'ghost@nhs.uk'" in err


def test_erase_without_person_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], hub_file: str
) -> None:
    assert run(capsys, "--db", hub_file, "erase", "--yes")[0] == 2
