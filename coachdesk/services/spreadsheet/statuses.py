"""The status each imported registration gets, and why (the preview and the import agree)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import select

from coachdesk.domain.enums import RegistrationStatus
from coachdesk.services.exchange.bulk import chunks
from coachdesk.services.settings import load_in
from coachdesk.services.spreadsheet.columns import registration_values
from coachdesk.services.spreadsheet.normalise import PRACTITIONER_ROLES, CleanValue
from coachdesk.services.spreadsheet.rows import ParsedRow
from coachdesk.storage.models import Person, Registration
from coachdesk.storage.uow import Database

#: What the lead says of a file's new practitioners: already on the register, or applying.
NewStatus = Literal["active", "applied"]
ACTIVE: NewStatus = "active"
APPLIED: NewStatus = "applied"
NEW_STATUS_CHOICES: tuple[NewStatus, ...] = (ACTIVE, APPLIED)

#: Where a status comes from: the Status column, the registration already held, the choice.
SHEET, HELD, CHOSEN = "sheet", "held", "chosen"


@dataclass(frozen=True)
class PlannedStatus:
    """One registration a row adds or keeps: its kind, the status it will have, and why."""

    kind: str  # coach / mentor
    status: str
    source: str  # sheet / held / chosen
    missing: tuple[str, ...] = ()  # why it cannot be active (the choice was active)

    @property
    def short(self) -> str:
        """``coach: active``, ``mentor: applied``."""
        return f"{self.kind}: {self.status}"

    @property
    def why(self) -> str:
        """The reason, in the lead's words."""
        if self.source == SHEET:
            return f"{self.kind}: {self.status}, as the Status column says"
        if self.source == HELD:
            return f"{self.kind}: {self.status}, as already on the register (unchanged)"
        if self.missing:
            return f"{self.kind}: applied, not active — {'; '.join(self.missing)}"
        return f"{self.kind}: {self.status}"


def sheet_gaps(kind: str, values: Mapping[str, CleanValue], minimum_hours: int) -> list[str]:
    """What approval needs (SPEC 1) that the row's cells do not give, by the sheet's columns.

    A certificate file cannot travel in a spreadsheet: it is attached afterwards, and until
    then the register shows the coach's "accreditation evidence missing" alert."""
    gaps: list[str] = []
    if kind == "coach" and not values.get("accreditation"):
        gaps.append("no Accreditation")
    if kind == "mentor":
        if not values.get("training_on") and not values.get("experience"):
            gaps.append("no Training date or Experience")
        hours = values.get("hours_committed")
        if not isinstance(hours, int | float) or isinstance(hours, bool):
            gaps.append(f"no Hours committed (at least {minimum_hours} a year)")
        elif hours < minimum_hours:
            gaps.append(f"Hours committed {hours:g} is below the minimum of {minimum_hours}")
    if values.get("ethics_agreed") is not True:
        gaps.append("Ethics agreed is not yes")
    if not values.get("org_support_on"):
        gaps.append("no Organisational support date")
    return gaps


def sheet_status(row: ParsedRow, kind: str) -> str | None:
    """The sheet's status for ``kind``: its own column (``Mentor status``), else the Status
    cell (``coach: active; mentor: paused``, or one status for all)."""
    own = row.values.get(f"{kind}_status")
    if isinstance(own, str) and own:
        return own
    status = row.values.get("status")
    if not isinstance(status, dict):
        return None
    found = status.get(kind) or status.get("*")
    return str(found) if found else None


def wanted_kinds(row: ParsedRow, held: Sequence[str] = ()) -> list[str]:
    """The registrations a row speaks for: its practitioner roles (a ``Coach status`` or
    ``Mentor status`` cell names one too), plus those already held."""
    roles = row.values.get("roles")
    wanted = (
        {r for r in roles if r in PRACTITIONER_ROLES} if isinstance(roles, frozenset) else set()
    )
    wanted |= {k for k in PRACTITIONER_ROLES if row.values.get(f"{k}_status")}
    return [k for k in PRACTITIONER_ROLES if k in wanted or k in held]


def plan(
    row: ParsedRow,
    kind: str,
    held: str | None,
    new_status: NewStatus | None,
    minimum_hours: int,
) -> PlannedStatus:
    """The status ``kind`` will have after importing ``row``.

    A Status cell wins; a registration already held keeps its status; a new one gets the
    file's choice — ``active`` only when the row gives what approval needs (else ``applied``,
    with the reasons) — or, with no choice (the command line), ``active`` as SPEC 7 says."""
    from_sheet = sheet_status(row, kind)
    if from_sheet:
        return PlannedStatus(kind, from_sheet, SHEET)
    if held is not None:
        return PlannedStatus(kind, held, HELD)
    if new_status is None:
        return PlannedStatus(kind, RegistrationStatus.ACTIVE.value, CHOSEN)
    if new_status == APPLIED:
        return PlannedStatus(kind, RegistrationStatus.APPLIED.value, CHOSEN)
    values = registration_values(row.values, kind)
    gaps = sheet_gaps(kind, values, minimum_hours)
    if gaps:
        return PlannedStatus(kind, RegistrationStatus.APPLIED.value, CHOSEN, tuple(gaps))
    return PlannedStatus(kind, RegistrationStatus.ACTIVE.value, CHOSEN)


def planned_statuses(
    db: Database, rows: Sequence[ParsedRow], new_status: NewStatus | None
) -> dict[int, tuple[PlannedStatus, ...]]:
    """For each good row (by its row number), the registrations it will have and their status.

    Reads the registrations already held by the rows' e-mails (one query per 500 e-mails)."""
    emails = [r.email for r in rows if r.ok and r.email]
    held: dict[str, dict[str, str]] = {}
    with db.uow() as uow:
        minimum = load_in(uow).mentor_minimum_hours
        for chunk in chunks(emails, 500):
            found = uow.session.execute(
                select(Person.email, Registration.kind, Registration.status)
                .join(Registration, Registration.person_id == Person.id)
                .where(Person.email.in_(chunk))
            )
            for email, kind, status in found:
                held.setdefault(email, {})[kind] = status
    out: dict[int, tuple[PlannedStatus, ...]] = {}
    for row in rows:
        if not row.ok or not row.email:
            continue
        mine = held.get(row.email, {})
        out[row.row] = tuple(
            plan(row, kind, mine.get(kind), new_status, minimum)
            for kind in wanted_kinds(row, list(mine))
        )
    return out
