"""One hub, several leads on the real PostgreSQL server (SPEC 12): no lost update, NOTIFY on
every commit, roles the server enforces, and a server stopped mid-session."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from coachdesk.app import main
from coachdesk.errors import StaleRecord, UserError
from coachdesk.services import development, register
from coachdesk.services.changes import Changes, RecordKind
from coachdesk.services.dto import CpdInput, PersonInput
from coachdesk.services.live import ChangeFeed
from coachdesk.storage.migrate import open_database
from coachdesk.storage.notify import CHANNEL
from coachdesk.storage.uow import Database
from tests.conftest import _empty_postgres
from tests.helpers.pg import PostgresServer

# psycopg is not installed where no PostgreSQL runs (the Windows suite under Wine).
psycopg = pytest.importorskip("psycopg", reason="psycopg is needed to talk to the server")
pg_errors = psycopg.errors

pytestmark = pytest.mark.postgres

ROOT = Path(__file__).resolve().parents[3]
DBNAME = "coachdesk_test"


@pytest.fixture
def hub_url(_postgres_url: str) -> str:
    """The suite's PostgreSQL hub, emptied: the owner's URL."""
    _empty_postgres(_postgres_url)
    return _postgres_url


@pytest.fixture
def opened() -> Iterator[list[Database]]:
    """Databases a test opens, closed after it."""
    dbs: list[Database] = []
    yield dbs
    for db in dbs:
        db.dispose()


def _grant(capsys: pytest.CaptureFixture[str], url: str, role: str, user: str) -> str:
    code = main(["--db", url, "db", "grant", f"--{role}", user])
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


@pytest.fixture
def two_leads(
    hub_url: str,
    postgres_server: PostgresServer,
    capsys: pytest.CaptureFixture[str],
    opened: list[Database],
) -> tuple[Database, Database]:
    """Leads A and B, each granted the lead role and connected as themselves."""
    _grant(capsys, hub_url, "lead", "lead_a")
    _grant(capsys, hub_url, "lead", "lead_b")
    a = open_database(postgres_server.url_as("lead_a", DBNAME))
    b = open_database(postgres_server.url_as("lead_b", DBNAME))
    opened += [a, b]
    return a, b


def _person(db: Database, name: str = "Jo Bloggs") -> str:
    email = f"{name.lower().replace(' ', '.')}@example.nhs.uk"
    register.add_person(db, PersonInput(full_name=name, email=email, organisation="Fenland"))
    return email


def test_two_leads_editing_one_person_the_second_save_is_refused_naming_the_first(
    two_leads: tuple[Database, Database],
) -> None:
    a, b = two_leads
    email = _person(a)
    on_a = register.get_person(a, email).person  # both open the same person
    on_b = register.get_person(b, email).person

    saved = register.update_person(
        b, email, replace(on_b.as_input(), notes="Prefers mornings"), expected_version=on_b.version
    ).value
    with pytest.raises(StaleRecord) as refused:
        register.update_person(
            a, email, replace(on_a.as_input(), job_title="Matron"), expected_version=on_a.version
        )

    assert saved.version == on_a.version + 1
    assert refused.value.changed_by == "lead_b"
    assert refused.value.message.startswith("Jo Bloggs's record was changed by lead_b at ")
    assert refused.value.message.endswith("since you opened it. Nothing was saved.")
    now = register.get_person(a, email).person
    assert (now.notes, now.job_title) == ("Prefers mornings", "")  # B's save stands, A's not
    assert a.user == "lead_a" and b.user == "lead_b"


def _lead_process(url: str, email: str, notes: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-m", "tests.helpers.shared_edit", url, email, notes],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=env,
    )


def test_two_real_processes_editing_one_person_the_second_save_is_refused(
    hub_url: str,
    postgres_server: PostgresServer,
    capsys: pytest.CaptureFixture[str],
    opened: list[Database],
) -> None:
    _grant(capsys, hub_url, "lead", "lead_a")
    _grant(capsys, hub_url, "lead", "lead_b")
    owner = open_database(hub_url)
    opened.append(owner)
    email = _person(owner, "Sam Process")
    first = _lead_process(postgres_server.url_as("lead_a", DBNAME), email, "from A")
    second = _lead_process(postgres_server.url_as("lead_b", DBNAME), email, "from B")
    try:
        assert first.stdout is not None and second.stdout is not None
        assert first.stdout.readline().strip() == "read 1"
        assert second.stdout.readline().strip() == "read 1"
        out_b, err_b = second.communicate("go\n", timeout=120)
        out_a, err_a = first.communicate("go\n", timeout=120)
    finally:
        for proc in (first, second):
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    assert (second.returncode, out_b.strip()) == (0, "saved 2"), err_b
    assert first.returncode == 1, err_a
    assert out_a.startswith("refused Sam Process's record was changed by lead_b at ")
    assert register.get_person(owner, email).person.notes == "from B"


def test_a_viewer_reads_but_the_server_refuses_their_writes(
    hub_url: str,
    postgres_server: PostgresServer,
    capsys: pytest.CaptureFixture[str],
    opened: list[Database],
    snapshot,  # noqa: ANN001
) -> None:
    owner = open_database(hub_url)
    opened.append(owner)
    email = _person(owner)
    out = _grant(capsys, hub_url, "viewer", "viewer_v")
    assert "viewer_v" in out and "only read" in out

    with psycopg.connect(postgres_server.conninfo(DBNAME, "viewer_v")) as raw:
        assert raw.execute("SELECT count(*) FROM people").fetchone() == (1,)
        with pytest.raises(pg_errors.InsufficientPrivilege):
            raw.execute(
                "INSERT INTO people (id, email, full_name, organisation, job_title, region,"
                " manager_name, manager_email, leadership_programme, development_areas, notes,"
                " created_at, updated_at) VALUES ('x', 'x@example.nhs.uk', 'X', '', '', '',"
                " '', '', false, '[]', '', now(), now())"
            )
    viewer = open_database(postgres_server.url_as("viewer_v", DBNAME))
    opened.append(viewer)
    before = snapshot(owner)

    assert viewer.read_only is True and viewer.user == "viewer_v"
    assert owner.read_only is False
    assert register.get_person(viewer, email).person.full_name == "Jo Bloggs"
    with pytest.raises(UserError, match="may only read this hub"):
        register.record_manager_agreement(viewer, email, date(2026, 11, 2))
    assert snapshot(owner) == before


def test_granting_viewer_to_a_former_lead_takes_their_writes_away(
    hub_url: str, postgres_server: PostgresServer, capsys: pytest.CaptureFixture[str]
) -> None:
    _grant(capsys, hub_url, "lead", "lead_then_viewer")
    conninfo = postgres_server.conninfo(DBNAME, "lead_then_viewer")
    with psycopg.connect(conninfo) as raw:
        raw.execute("DELETE FROM drafts")  # a lead may write

    _grant(capsys, hub_url, "viewer", "lead_then_viewer")

    with psycopg.connect(conninfo) as raw, pytest.raises(pg_errors.InsufficientPrivilege):
        raw.execute("DELETE FROM drafts")


def test_grant_with_a_password_makes_a_login_role_with_that_password(
    hub_url: str,
    postgres_server: PostgresServer,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("correct horse battery\n"))
    code = main(["--db", hub_url, "db", "grant", "--lead", "lead_pw", "--password-stdin"])
    out, err = capsys.readouterr()

    assert code == 0, err
    assert "correct horse" not in out + err
    with psycopg.connect(postgres_server.conninfo()) as admin:
        login, secret = admin.execute(
            "SELECT rolcanlogin, rolpassword FROM pg_authid WHERE rolname = 'lead_pw'"
        ).fetchone()
    assert login is True and secret.startswith("SCRAM-SHA-256$")


def test_grant_is_refused_on_an_sqlite_file(
    sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = sqlite_url.removeprefix("sqlite:///")
    assert main(["--db", path, "db", "grant", "--viewer", "someone"]) == 1
    assert "an SQLite file has one user" in capsys.readouterr().err


# ---------------------------------------------------------------------------------------------
# NOTIFY


def _listen(server: PostgresServer) -> psycopg.Connection:
    conn = psycopg.connect(server.conninfo(DBNAME), autocommit=True)
    conn.execute(f"LISTEN {CHANNEL}")
    return conn


def _next_payload(conn: psycopg.Connection) -> dict[str, object]:
    for note in conn.notifies(timeout=30, stop_after=1):  # a generous wait, not a timing test
        payload: dict[str, object] = json.loads(note.payload)
        return payload
    raise AssertionError("no notification arrived")


def test_every_commit_that_changes_rows_notifies_the_tables_and_its_origin(
    hub_url: str, postgres_server: PostgresServer, opened: list[Database]
) -> None:
    db = open_database(hub_url)
    opened.append(db)
    listener = _listen(postgres_server)
    try:
        register.list_people(db)  # a read commits nothing: no notification
        email = _person(db)
        first = _next_payload(listener)
        register.record_manager_agreement(db, email, date(2026, 11, 2))
        second = _next_payload(listener)
    finally:
        listener.close()

    expected = {"tables": ["audit_log", "people"], "kinds": ["person"], "origin": db.instance_id}
    assert first == expected and second == expected
    other = open_database(hub_url)
    opened.append(other)
    assert len(db.instance_id) == 32 and other.instance_id != db.instance_id


def test_a_refused_save_notifies_nothing(
    hub_url: str, postgres_server: PostgresServer, opened: list[Database]
) -> None:
    db = open_database(hub_url)
    opened.append(db)
    email = _person(db)
    row = register.get_person(db, email).person
    register.record_manager_agreement(db, email, date(2026, 11, 2))
    listener = _listen(postgres_server)
    try:
        with pytest.raises(StaleRecord):
            register.update_person(db, email, row.as_input(), expected_version=row.version)
        development.add_cpd(db, email, CpdInput(date(2026, 11, 3), "Course", "course", 2.0))
        got = _next_payload(listener)  # the first to arrive is the CPD record's, not the refusal
    finally:
        listener.close()
    assert (got["tables"], got["kinds"]) == (["audit_log", "cpd"], ["cpd"])


# ---------------------------------------------------------------------------------------------
# A server that goes away


@pytest.fixture
def own_server() -> Iterator[PostgresServer]:
    """A cluster of this test's own, so stopping it disturbs no other test."""
    from tests.helpers.pg import find_postgres

    binaries = find_postgres()
    if binaries is None:
        pytest.skip("PostgreSQL is not installed here (apt-get install postgresql); skipped")
    server = PostgresServer(binaries)
    server.start()
    yield server
    server.stop()


def test_the_server_stopped_mid_session_gives_a_clear_refusal_then_reconnects(
    own_server: PostgresServer, opened: list[Database]
) -> None:
    url = own_server.create_database("hub")
    db = open_database(url)
    opened.append(db)
    email = _person(db)
    row = register.get_person(db, email).person

    own_server.halt()
    with pytest.raises(UserError) as lost:
        register.update_person(
            db, email, replace(row.as_input(), notes="typed"), expected_version=row.version
        )
    with pytest.raises(UserError) as not_read:
        register.list_people(db)
    with pytest.raises(UserError) as not_opened:
        open_database(url)
    own_server.resume()

    assert lost.value.message.startswith(
        "The connection to the database server was lost; nothing was saved."
    )
    assert "connection to the database server was lost" in not_read.value.message
    assert "does not answer" in not_opened.value.message
    assert "Nothing was opened." in not_opened.value.message
    # Back: the same open database reconnects by itself, and nothing of the lost save is there.
    again = register.get_person(db, email).person
    assert (again.notes, again.version) == ("", row.version)
    saved = register.update_person(
        db, email, replace(row.as_input(), notes="typed"), expected_version=row.version
    ).value
    assert saved.notes == "typed"


def test_a_connection_cut_in_the_middle_of_a_save_writes_nothing_half(
    own_server: PostgresServer, opened: list[Database]
) -> None:
    from coachdesk.storage.models import Person

    url = own_server.create_database("cut")
    db = open_database(url)
    opened.append(db)
    with db.uow() as uow:
        uow.session.add(Person(email="a@example.nhs.uk", full_name="A Person"))
        uow.flush()  # the first half is on the server, in the open transaction
        pid = uow.session.connection().exec_driver_sql("SELECT pg_backend_pid()").scalar()
        with psycopg.connect(own_server.conninfo("cut"), autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
        uow.session.add(Person(email="b@example.nhs.uk", full_name="B Person"))
        with pytest.raises(UserError, match="nothing was saved"):
            uow.commit()

    assert register.list_people(db) == []  # reconnected; neither half was kept


# ---------------------------------------------------------------------------------------------
# Fresh views: the app's own listener (services.live.ChangeFeed)


def _wait_for(feed: ChangeFeed, *kinds: RecordKind) -> Changes:
    """What the feed reports until it touches ``kinds``: polls for up to ~30 s, a generous
    bound for a loaded machine (SPEC 12's 2 s is not a figure a test can assert)."""
    seen = Changes()
    for _ in range(60):
        seen |= feed.poll(timeout=0.5)
        if seen.touches(*kinds):
            return seen
    raise AssertionError(f"no change to {kinds} arrived; saw {seen}")


def test_a_change_by_one_lead_reaches_the_other_leads_feed_not_their_own(
    two_leads: tuple[Database, Database],
) -> None:
    a, b = two_leads
    assert ChangeFeed.available(b)
    with ChangeFeed(b) as feed_b, ChangeFeed(a) as feed_a:
        assert feed_b.connected
        email = _person(a, "Ada Shared")  # lead A adds a person...
        seen_by_b = _wait_for(feed_b, RecordKind.PERSON)
        development.add_cpd(b, email, CpdInput(date(2026, 11, 3), "Course", "course", 2.0))
        seen_by_a = _wait_for(feed_a, RecordKind.CPD)  # ...lead B adds a CPD record
        late_for_b = feed_b.poll()

    assert seen_by_b.kinds == {RecordKind.PERSON}  # the audit log is no view's business
    assert seen_by_a.kinds == {RecordKind.CPD}  # A's own person is not news to A
    assert late_for_b.empty  # nor is B's own CPD record to B
    assert [p.full_name for p in register.list_people(b)] == ["Ada Shared"]


def test_a_save_in_another_process_reaches_this_apps_feed(
    hub_url: str, postgres_server: PostgresServer, opened: list[Database]
) -> None:
    owner = open_database(hub_url)
    opened.append(owner)
    email = _person(owner, "Pat Elsewhere")
    with ChangeFeed(owner) as feed:
        other = _lead_process(hub_url, email, "saved in the other process")
        try:
            assert other.stdout is not None and other.stdout.readline().strip() == "read 1"
            out, err = other.communicate("go\n", timeout=120)
        finally:
            if other.poll() is None:
                other.kill()
                other.wait()
        assert (other.returncode, out.strip()) == (0, "saved 2"), err
        seen = _wait_for(feed, RecordKind.PERSON)

    assert seen.kinds == {RecordKind.PERSON}
    assert register.get_person(owner, email).person.notes == "saved in the other process"


def test_the_feed_survives_the_server_going_away_and_then_refreshes_everything(
    own_server: PostgresServer, opened: list[Database]
) -> None:
    url = own_server.create_database("feed")
    mine, theirs = open_database(url), open_database(url)
    opened += [mine, theirs]
    with ChangeFeed(mine, retry_every=0.2) as feed:
        own_server.halt()
        while_down = [feed.poll(timeout=0.2) for _ in range(3)]  # never raises
        down = feed.connected
        own_server.resume()
        back = Changes()
        for _ in range(150):  # reconnects within a few tries; a generous bound
            back = feed.poll(timeout=0.2)
            if not back.empty:
                break
        up = feed.connected
        _person(theirs, "After Restart")
        after = _wait_for(feed, RecordKind.PERSON)

    assert all(c.empty for c in while_down) and down is False
    assert up is True and back == Changes.everything()  # what changed meanwhile is unknown
    assert after.kinds == {RecordKind.PERSON}
