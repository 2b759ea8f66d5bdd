"""The command line of SPEC 8: exit codes, check --json on the example, backups, db check."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coachdesk.app import main
from tests.helpers.sqlitefile import sqlite_file

EXPECTED_EXAMPLE_ALERTS = [
    {
        "rule": "practitioner-evaluation-missing",
        "severity": "overdue",
        "person": "sam.okafor@example-trust.nhs.uk",
        "relationship": "c7e2a9b4-6d13-4f58-9e0a-b1c2d3e40004",
        "since": "2026-10-03",
        "days": 50,
    },
    {
        "rule": "supervision-overdue",
        "severity": "overdue",
        "person": "sam.okafor@example-trust.nhs.uk",
        "relationship": None,
        "since": "2026-11-15",
        "days": 7,
    },
    {
        "rule": "profile-stale",
        "severity": "overdue",
        "person": "sam.okafor@example-trust.nhs.uk",
        "relationship": None,
        "since": "2026-09-02",
        "days": 81,
    },
    {
        "rule": "mentor-training-lapsed",
        "severity": "overdue",
        "person": "sam.okafor@example-trust.nhs.uk",
        "relationship": None,
        "since": "2026-01-11",
        "days": 315,
    },
    {
        "rule": "mentor-hours-below-commitment",
        "severity": "warning",
        "person": "sam.okafor@example-trust.nhs.uk",
        "relationship": None,
        "since": "2026-11-22",
        "days": 0,
    },
]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def dbfile(tmp_path: Path) -> str:
    return str(tmp_path / "hub.sqlite")


def test_example_bundle_gives_exactly_the_alerts_spec_implies(
    capsys: pytest.CaptureFixture[str], dbfile: str, example_bundle: Path
) -> None:
    code, _, err = run(capsys, "--db", dbfile, "import", str(example_bundle))
    assert code == 0, err
    code, out, err = run(capsys, "--db", dbfile, "check", "--today", "2026-11-22", "--json")
    assert code == 0, err
    alerts = json.loads(out)
    assert all(
        set(a) == {"rule", "severity", "person", "relationship", "since", "days", "message"}
        for a in alerts
    )
    got = sorted(({k: a[k] for k in EXPECTED_EXAMPLE_ALERTS[0]} for a in alerts), key=repr)
    assert got == sorted(EXPECTED_EXAMPLE_ALERTS, key=repr)
    assert all("Sam Okafor" in a["message"] for a in alerts)


def test_check_a_day_earlier_has_one_alert_fewer(
    capsys: pytest.CaptureFixture[str], dbfile: str, example_bundle: Path
) -> None:
    run(capsys, "--db", dbfile, "import", str(example_bundle))
    _, out, _ = run(capsys, "--db", dbfile, "check", "--today", "2026-11-14", "--json")
    rules = {a["rule"] for a in json.loads(out)}
    assert "supervision-overdue" not in rules
    assert "practitioner-evaluation-missing" in rules


def test_check_as_text_groups_alerts_by_rule(
    capsys: pytest.CaptureFixture[str], dbfile: str, example_bundle: Path
) -> None:
    run(capsys, "--db", dbfile, "import", str(example_bundle))
    code, out, _ = run(capsys, "--db", dbfile, "check", "--today", "2026-11-22")
    assert code == 0
    assert "5 alerts on 2026-11-22" in out
    assert "supervision-overdue" in out


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], dbfile: str) -> None:
    assert run(capsys, "--db", dbfile, "check", "--today", "22/11/2026")[0] == 2
    assert run(capsys, "--db", dbfile, "frobnicate")[0] == 2
    assert run(capsys, "--db", dbfile, "db")[0] == 2


def test_refused_input_exits_1_with_a_message_and_no_traceback(
    capsys: pytest.CaptureFixture[str], dbfile: str, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "coachdesk/1", "people": [{"email": "nobody"}]}', encoding="utf-8")
    code, _, err = run(capsys, "--db", dbfile, "import", str(bad))
    assert code == 1
    assert "people[0]" in err
    assert "Traceback" not in err
    code, out, _ = run(capsys, "--db", dbfile, "check", "--json")
    assert code == 0 and json.loads(out) == []


def test_db_in_a_missing_folder_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(capsys, "--db", str(tmp_path / "nowhere" / "x.sqlite"), "check")
    assert code == 1
    assert "does not exist" in err


def test_environment_variable_chooses_the_database(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    dbfile: str,
    example_bundle: Path,
) -> None:
    monkeypatch.setenv("COACHDESK_DB", dbfile)
    assert run(capsys, "import", str(example_bundle))[0] == 0
    assert Path(dbfile).exists()
    _, out, _ = run(capsys, "--db", dbfile, "check", "--today", "2026-11-22", "--json")
    assert len(json.loads(out)) == 5


def test_default_database_lives_in_the_user_data_folder(capsys: pytest.CaptureFixture[str]) -> None:
    from platformdirs import user_data_path

    code, _, _ = run(capsys, "check")
    assert code == 0
    assert (user_data_path("coachdesk", appauthor=False) / "coachdesk.sqlite").exists()


def test_backup_is_a_checked_copy_and_restore_brings_it_back(
    capsys: pytest.CaptureFixture[str], dbfile: str, example_bundle: Path, tmp_path: Path
) -> None:
    run(capsys, "--db", dbfile, "import", str(example_bundle))
    dest = tmp_path / "copy.sqlite"
    code, out, err = run(capsys, "--db", dbfile, "backup", str(dest))
    assert code == 0, err
    with sqlite_file(dest) as conn:
        assert conn.execute("select count(*) from people").fetchone()[0] == 3
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
    # Damage the live data, then restore.
    with sqlite_file(dbfile) as conn:
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("delete from people where email like 'kai%'")
    code, out, err = run(capsys, "--db", dbfile, "restore", str(dest))
    assert code == 0, err
    assert "kept at" in out
    with sqlite_file(dbfile) as conn:
        assert conn.execute("select count(*) from people").fetchone()[0] == 3
    aside = [p for p in tmp_path.iterdir() if "before-restore" in p.name]
    assert aside, "the database as it was is kept aside"


def test_backup_default_goes_to_a_backups_folder(
    capsys: pytest.CaptureFixture[str], dbfile: str
) -> None:
    code, out, _ = run(capsys, "--db", dbfile, "backup")
    assert code == 0
    backups = list((Path(dbfile).parent / "backups").glob("hub-*.sqlite"))
    assert len(backups) == 1


def test_restore_refuses_a_file_that_is_not_a_coachdesk_database(
    capsys: pytest.CaptureFixture[str], dbfile: str, tmp_path: Path
) -> None:
    run(capsys, "--db", dbfile, "check")
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"this is not a database at all" * 100)
    code, _, err = run(capsys, "--db", dbfile, "restore", str(junk))
    assert code == 1
    assert "Nothing was changed" in err or "not a" in err
    other = tmp_path / "other.sqlite"
    with sqlite_file(other) as conn:
        conn.execute("create table t (x)")
    code, _, err = run(capsys, "--db", dbfile, "restore", str(other))
    assert code == 1 and "not a coachdesk database" in err


def test_db_check_passes_on_a_healthy_database_and_fails_on_a_broken_reference(
    capsys: pytest.CaptureFixture[str], dbfile: str, example_bundle: Path
) -> None:
    run(capsys, "--db", dbfile, "import", str(example_bundle))
    code, out, _ = run(capsys, "--db", dbfile, "db", "check")
    assert code == 0 and "passed" in out
    with sqlite_file(dbfile) as conn:  # foreign keys off: plant an orphan
        conn.execute("update cpd set person_id = '00000000-0000-4000-8000-000000000000'")
    code, _, err = run(capsys, "--db", dbfile, "db", "check")
    assert code == 1
    assert "cpd" in err


def test_db_upgrade_on_a_current_database_says_so(
    capsys: pytest.CaptureFixture[str], dbfile: str
) -> None:
    run(capsys, "--db", dbfile, "check")
    code, out, _ = run(capsys, "--db", dbfile, "db", "upgrade")
    assert code == 0 and "already at the current schema" in out


def test_a_database_from_a_newer_coachdesk_is_refused(
    capsys: pytest.CaptureFixture[str], dbfile: str
) -> None:
    run(capsys, "--db", dbfile, "check")
    with sqlite_file(dbfile) as conn:
        conn.execute("update alembic_version set version_num = '9999_future'")
    code, _, err = run(capsys, "--db", dbfile, "check")
    assert code == 1
    assert "newer coachdesk" in err


def test_version_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--version")
    assert code == 0 and out.startswith("coachdesk ")
    code, out, _ = run(capsys, "--help")
    assert code == 0 and "check" in out and "backup" in out
