"""Reads are set-based: the number of queries does not grow with the number of rows."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date

from sqlalchemy import event

from coachdesk.services import register, relationships, requests
from coachdesk.services.dto import MeetingInput, RequestInput
from coachdesk.services.meetings import add_meeting


@contextmanager
def counting(db):
    statements: list[str] = []

    def count(conn, cursor, statement, *args) -> None:
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


def grow(db, hub, n: int) -> None:
    for _ in range(n):
        coach = hub.coach()
        hub.registration(coach, "mentor")
        client = hub.person()
        rel = hub.relationship("coaching", coach, client)
        add_meeting(db, rel.id, MeetingInput("contracting", date(2026, 3, 20), 60, "video", "held"))
        requests.add_request(db, RequestInput(client.email, coach.email, "mentoring"))


def queries_for(db) -> dict[str, int]:
    reads = {
        "people": lambda: register.list_people(db),
        "people by role": lambda: register.list_people(db, "person", role="coachee"),
        "registrations": lambda: register.list_registrations(db),
        "relationships": lambda: relationships.list_relationships(db),
        "requests": lambda: requests.list_requests(db),
    }
    out = {}
    for name, read in reads.items():
        with counting(db) as statements:
            read()
        out[name] = len(statements)
    return out


def test_list_reads_use_a_fixed_number_of_queries(db, hub) -> None:
    grow(db, hub, 1)
    few = queries_for(db)
    grow(db, hub, 6)
    assert len(register.list_people(db)) == 14
    assert len(register.list_registrations(db)) == 14
    assert queries_for(db) == few
    assert max(few.values()) <= 4
