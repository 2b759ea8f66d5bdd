"""Hearing other leads' commits on a shared PostgreSQL hub (nothing to hear on SQLite)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from coachdesk.services.changes import RecordKind, kinds_of_tables
from coachdesk.services.handle import Database


class Listening(Protocol):
    """A running listener: ``stop`` ends its thread and waits for it."""

    def stop(self) -> None: ...

    @property
    def running(self) -> bool: ...


def listen_for_changes(
    db: Database,
    on_kinds: Callable[[frozenset[RecordKind]], None],
    on_state: Callable[[bool], None],
) -> Listening | None:
    """Start hearing other instances' commits: ``on_kinds`` gets the kinds of record each one
    changed, ``on_state`` whether the server is reachable (both on the listener's thread).
    None on SQLite, where one writer holds the file."""
    if db.backend != "postgresql":
        return None
    from coachdesk.storage.listen import ChangeListener

    listener = ChangeListener(
        db.engine.url.render_as_string(hide_password=False),
        db.instance_id,
        lambda tables: on_kinds(kinds_of_tables(tables)),
        on_state,
    )
    listener.start()
    return listener
