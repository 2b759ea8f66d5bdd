"""PostgreSQL NOTIFY on every commit that changed rows, so other leads' views refresh (SPEC 12).

Payload of ``pg_notify('coachdesk_changes', …)``, sent in the same transaction as the change
(PostgreSQL delivers it only if the transaction commits):
``{"tables": [sorted names of the tables touched], "kinds": [the audit log's names of the
kinds of record among them: "person", "session"...], "origin": Database.instance_id}``.
Tables come from the session's new, dirty and deleted records at each flush and from the
INSERT/UPDATE/DELETE statements run through the session. Nothing is sent on SQLite.
"""

from __future__ import annotations

import json
from functools import partial

from sqlalchemy import event, func, select
from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction, sessionmaker

from coachdesk.storage.audit import RECORD_KINDS

CHANNEL = "coachdesk_changes"
_TOUCHED = "coachdesk_tables_touched"
_SENDING = "coachdesk_notifying"
#: The kind of record (the audit log's name) each table holds.
TABLE_KINDS = {model.__tablename__: kind for model, kind in RECORD_KINDS.items()}


def _touched(session: Session) -> set[str]:
    tables: set[str] = session.info.setdefault(_TOUCHED, set())
    return tables


def _table_of(obj: object) -> str | None:
    table = getattr(type(obj), "__table__", None)
    return getattr(table, "name", None)


def _after_flush(session: Session, _context: UOWTransaction) -> None:
    tables = _touched(session)
    for obj in [*session.new, *session.deleted]:
        name = _table_of(obj)
        if name:
            tables.add(name)
    for obj in session.dirty:
        name = _table_of(obj)
        if name and session.is_modified(obj, include_collections=False):
            tables.add(name)


def _on_execute(state: ORMExecuteState) -> None:
    if not (state.is_insert or state.is_update or state.is_delete):
        return
    table = getattr(state.statement, "table", None)
    name = getattr(table, "name", None)
    if name:
        _touched(state.session).add(name)


def payload(tables: set[str], origin: str) -> str:
    """The notification's JSON text."""
    kinds = sorted({TABLE_KINDS[t] for t in tables if t in TABLE_KINDS})
    return json.dumps({"tables": sorted(tables), "kinds": kinds, "origin": origin})


def _before_commit(session: Session, *, origin: str) -> None:
    if session.info.get(_SENDING):
        return
    session.flush()  # commit flushes after this hook; what it writes must be counted now
    tables = session.info.pop(_TOUCHED, set())
    if not tables:
        return
    session.info[_SENDING] = True
    try:
        session.execute(select(func.pg_notify(CHANNEL, payload(tables, origin))))
    finally:
        session.info.pop(_SENDING, None)


def _forget(session: Session, *_args: object) -> None:
    session.info.pop(_TOUCHED, None)


def install(factory: sessionmaker[Session], origin: str) -> None:
    """Send a NOTIFY from every commit of ``factory``'s sessions that changed rows."""
    event.listen(factory, "after_flush", _after_flush)
    event.listen(factory, "do_orm_execute", _on_execute)
    event.listen(factory, "before_commit", partial(_before_commit, origin=origin))
    event.listen(factory, "after_rollback", _forget)
    event.listen(factory, "after_commit", _forget)
