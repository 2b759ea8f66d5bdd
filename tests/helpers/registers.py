"""The register as comparable values: every person and registration, without ids or stamps."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from coachdesk.domain.privacy import is_erased_email
from coachdesk.storage.models import Person, Registration

#: What no spreadsheet carries: row ids and stamps, and the certificate file (attached after).
_LEFT_OUT = {"id", "person_id", "created_at", "updated_at", "certificate_id"}


def register_of(db: Any) -> tuple[dict[str, dict[str, Any]], dict[tuple[str, str], dict[str, Any]]]:
    """People by e-mail and registrations by (e-mail, kind), each as {column: value}."""
    people: dict[str, dict[str, Any]] = {}
    regs: dict[tuple[str, str], dict[str, Any]] = {}
    with db.engine.connect() as conn:
        emails = {}
        for row in conn.execute(select(Person.__table__)).mappings():
            if is_erased_email(row["email"]):
                continue
            emails[row["id"]] = row["email"]
            people[row["email"]] = {k: v for k, v in row.items() if k not in _LEFT_OUT}
        for row in conn.execute(select(Registration.__table__)).mappings():
            if row["person_id"] in emails:
                values = {k: v for k, v in row.items() if k not in _LEFT_OUT}
                regs[(emails[row["person_id"]], row["kind"])] = values
    return people, regs
