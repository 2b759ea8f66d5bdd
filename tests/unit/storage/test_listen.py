"""The change listener reads the NOTIFY payload the storage layer writes (one format)."""

from __future__ import annotations

from coachdesk.storage.listen import conninfo_of, tables_of
from coachdesk.storage.notify import payload


def test_another_instances_commit_names_its_tables() -> None:
    sent = payload({"people", "meetings"}, "theirs")
    assert tables_of(sent, "mine") == {"people", "meetings"}


def test_this_instances_own_commit_is_not_heard_again() -> None:
    assert tables_of(payload({"people"}, "mine"), "mine") is None


def test_an_unreadable_payload_names_no_table_so_every_view_reloads() -> None:
    assert tables_of("not json", "mine") == frozenset()
    assert tables_of('{"origin": "theirs"}', "mine") == frozenset()


def test_the_listeners_connection_keeps_the_urls_options_and_notices_a_silent_drop() -> None:
    info = conninfo_of("postgresql+psycopg://lead@db.example.nhs.uk:5433/hub?sslmode=verify-full")
    assert "host=db.example.nhs.uk" in info and "port=5433" in info and "dbname=hub" in info
    assert "sslmode=verify-full" in info and "keepalives=1" in info
