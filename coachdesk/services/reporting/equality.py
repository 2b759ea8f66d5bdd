"""The equality-of-access report's data and the programme report's coaching-culture lines."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date

from sqlalchemy import func, select

from coachdesk.domain.dates import add_months
from coachdesk.domain.enums import RegistrationStatus
from coachdesk.domain.equality import (
    DIMENSION_LABELS,
    DIMENSIONS,
    REFERENCE_GROUP,
    group_label,
    report_group,
)
from coachdesk.services.culture import CultureRow, assessments_in
from coachdesk.services.equality import (
    COLUMN_OF,
    HeadcountSet,
    headcount_sets_in,
    require_monitoring,
)
from coachdesk.services.reporting.common import check_period, month_start, period_label
from coachdesk.services.reporting.disclosure import (
    WITHHELD,
    TableInput,
    disclose,
    protected_tables,
)
from coachdesk.services.reporting.types import (
    CultureLine,
    EqualityData,
    EqualityTable,
    HeadcountUsed,
    ReportHeader,
)
from coachdesk.services.settings import load_in
from coachdesk.storage.models import Meeting, Person, Registration, Relationship
from coachdesk.storage.uow import Database, UnitOfWork


def _overlap(start: date, end: date, date_from: date, date_to: date) -> int:
    return max(0, (min(end, date_to) - max(start, date_from)).days + 1)


def equality_data(
    db: Database,
    *,
    date_from: date | None = None,
    date_to: date | None = None,
    today: date | None = None,
) -> EqualityData:
    """Per group: clients who started coaching or mentoring in the period, rate per 1,000
    staff and relative likelihood, from the headcount that best covers the period."""
    today = today or db.clock.today()
    date_to = date_to or today
    date_from = date_from or month_start(add_months(date_to, -11))
    check_period(date_from, date_to)
    with db.uow() as uow:
        require_monitoring(uow)
        settings = load_in(uow)
        clients = uow.session.execute(
            select(
                Person.id, Person.organisation, Person.ethnic_group, Person.sex, Person.disability
            )
            .where(
                Person.id.in_(
                    select(Relationship.client_id).where(
                        Relationship.started_on.between(date_from, date_to)
                    )
                )
            )
            .order_by(Person.id)
        ).all()
        sets = headcount_sets_in(uow)
    counted_by: dict[
        str, tuple[Counter[str], dict[str, int], dict[str, HeadcountSet], int, set[str]]
    ]
    counted_by = {}
    for dimension in DIMENSIONS:
        best: dict[str, HeadcountSet] = {}
        for s in sets:
            if s.dimension != dimension:
                continue
            days = _overlap(s.period_start, s.period_end, date_from, date_to)
            if days == 0:
                continue
            key = s.organisation.strip().lower()
            held = best.get(key)
            if held is None or (days, s.period_end) > (
                _overlap(held.period_start, held.period_end, date_from, date_to),
                held.period_end,
            ):
                best[key] = s
        staff: Counter[str] = Counter()
        for s in best.values():
            staff.update(dict(s.counts))
        counted: Counter[str] = Counter()
        excluded, excluded_orgs = 0, set()
        column = COLUMN_OF[dimension]
        for c in clients:
            if (c.organisation or "").strip().lower() in best:
                counted[report_group(dimension, getattr(c, column))] += 1
            else:
                excluded += 1
                excluded_orgs.add(c.organisation or "(organisation not recorded)")
        counted_by[dimension] = (
            counted,
            dict(staff) if best else {},
            best,
            excluded,
            excluded_orgs,
        )
    # The tables count the same clients (and staff) over again: what one gives away about a
    # total (or withholds) counts in the others (tables of the same organisations count the
    # same clients exactly).
    protected = protected_tables(
        {
            d: TableInput(
                counted,
                staff_map,
                staff_parts=[s.total for s in best.values()],
                population=frozenset(best),
            )
            for d, (counted, staff_map, best, _, _) in counted_by.items()
        }
    )
    hide_clients = any(t.clients_withheld for t in protected.values())
    hide_staff = any(t.staff_withheld for t in protected.values())
    tables = []
    for dimension, (_, _, best, excluded, excluded_orgs) in counted_by.items():
        table = protected[dimension]
        tables.append(
            EqualityTable(
                dimension=dimension,
                title=DIMENSION_LABELS[dimension],
                reference=group_label(dimension, REFERENCE_GROUP[dimension]),
                rows=table.rows,
                total=table.total,
                headcounts=tuple(
                    HeadcountUsed(
                        s.organisation,
                        s.period_start,
                        s.period_end,
                        WITHHELD if hide_staff else disclose(s.total),
                    )
                    for s in sorted(best.values(), key=lambda s: s.organisation.lower())
                ),
                excluded_clients=disclose(excluded),
                excluded_organisations=tuple(sorted(excluded_orgs, key=str.lower)),
            )
        )
    return EqualityData(
        header=ReportHeader(
            "Equality of access", settings.hub_name, period_label(date_from, date_to), today
        ),
        date_from=date_from,
        date_to=date_to,
        clients=WITHHELD if hide_clients else disclose(len(clients)),
        tables=tuple(tables),
    )


# ---------------------------------------------------------------------------------------------
# The programme report's coaching-culture section


def culture_lines(uow: UnitOfWork, date_from: date, date_to: date) -> tuple[CultureLine, ...]:
    """Each assessed organisation's stage over time and activity (few set-based queries)."""
    history: dict[str, list[CultureRow]] = defaultdict(list)
    for a in assessments_in(uow):
        if a.assessed_on <= date_to:
            history[a.organisation].append(a)
    if not history:
        return ()
    conn = uow.session.connection()
    orgs = list(history)
    practitioners = dict(
        conn.execute(
            select(Person.organisation, func.count(func.distinct(Person.id)))
            .join(Registration, Registration.person_id == Person.id)
            .where(
                Registration.status == RegistrationStatus.ACTIVE.value,
                Person.organisation.in_(orgs),
            )
            .group_by(Person.organisation)
        ).all()
    )
    started = dict(
        conn.execute(
            select(Person.organisation, func.count(Relationship.id))
            .join(Person, Person.id == Relationship.client_id)
            .where(
                Relationship.started_on.between(date_from, date_to),
                Person.organisation.in_(orgs),
            )
            .group_by(Person.organisation)
        ).all()
    )
    activity = {
        org: (int(n_clients), int(minutes or 0))
        for org, n_clients, minutes in conn.execute(
            select(
                Person.organisation,
                func.count(func.distinct(Relationship.client_id)),
                func.sum(Meeting.minutes),
            )
            .join(Relationship, Relationship.id == Meeting.relationship_id)
            .join(Person, Person.id == Relationship.client_id)
            .where(
                Meeting.status == "held",
                Meeting.date.between(date_from, date_to),
                Person.organisation.in_(orgs),
            )
            .group_by(Person.organisation)
        ).all()
    }
    lines = []
    for org in sorted(orgs, key=str.lower):
        done = history[org]
        last = done[-1]
        clients, minutes = activity.get(org, (0, 0))
        lines.append(
            CultureLine(
                organisation=org,
                history=tuple((a.assessed_on, a.stage) for a in done),
                stage=last.stage,
                assessed_on=last.assessed_on,
                next_step=last.next_step,
                practitioners=int(practitioners.get(org, 0)),
                relationships=int(started.get(org, 0)),
                clients=clients,
                minutes=minutes,
            )
        )
    return tuple(lines)
