"""Every row of every table, as text: two equal snapshots mean nothing was written."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from sqlalchemy import select

from coachdesk.storage.models import Base

Snapshot = dict[str, list[tuple[str, ...]]]


def snapshot(db: Any, *, leave_out: Collection[str] = ()) -> Snapshot:
    """Every row of every table of ``db`` (a storage Database), sorted, values as repr text;
    ``leave_out`` names tables not to compare (the audit log, when an action is audited even
    though it changes no record)."""
    out = {}
    with db.engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            if table.name in leave_out:
                continue
            rows = conn.execute(select(table)).all()
            out[table.name] = sorted(tuple(repr(v) for v in row) for row in rows)
    return out
