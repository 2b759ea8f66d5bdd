"""Each report's data, gathered with set-based queries: the entry point, compliance and register.

``report_data(db, kind, params)`` serves the command line and the Reports view alike; the
learning-log summary, programme report and records live in the sibling modules.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import aliased

from coachdesk.domain.as_of import undated_note
from coachdesk.domain.dates import format_date
from coachdesk.domain.enums import RegistrationKind, RegistrationStatus, values
from coachdesk.domain.hub_facts import RULE_SEVERITY, RULE_TITLES, RULES, Alert
from coachdesk.errors import UserError
from coachdesk.services import queries
from coachdesk.services.compliance import alerts as hub_alerts
from coachdesk.services.reporting.common import check_days
from coachdesk.services.reporting.equality import equality_data
from coachdesk.services.reporting.learning import learning_log_data
from coachdesk.services.reporting.programme import programme_data
from coachdesk.services.reporting.records import person_record_data
from coachdesk.services.reporting.relationship import relationship_record_data
from coachdesk.services.reporting.types import (
    ComplianceData,
    ComplianceLine,
    DirectoryData,
    DirectoryEntry,
    PersonAlerts,
    ReportData,
    ReportHeader,
    RuleAlerts,
)
from coachdesk.services.settings import get_settings, load_in
from coachdesk.storage.models import Person, Registration, Relationship
from coachdesk.storage.uow import Database

__all__ = [
    "KINDS",
    "ReportData",
    "compliance_data",
    "equality_data",
    "learning_log_data",
    "person_choices",
    "person_record_data",
    "programme_data",
    "register_data",
    "relationship_choices",
    "relationship_record_data",
    "record_report",
    "report_data",
]

#: The report kinds, spelled as SPEC 8's ``report`` command spells them.
KINDS = (
    "learning-log",
    "programme",
    "compliance",
    "register",
    "person",
    "relationship",
    "equality",
)


def report_data(
    db: Database, kind: str, params: Mapping[str, Any], *, today: date | None = None
) -> ReportData:
    """The data of one report. ``params``: ``person`` (e-mail), ``id`` (relationship),
    ``from`` / ``to`` (dates), ``names`` (bool), ``equality`` (bool: the person record
    with equality answers), ``today`` (the compliance report's day).

    Each report made writes an audit row: its kind and whose record, by id (never a name)."""
    data = _gather(db, kind, params, today or db.clock.today())
    record_report(db, kind, params)
    return data


def record_report(
    db: Database, kind: str, params: Mapping[str, Any], how: str = "generated"
) -> None:
    """An audit row for a report generated, saved or printed: its kind and whose record, by
    id (never a name or e-mail)."""
    from coachdesk.services.audit import person_id_for, record

    detail = f"{kind} {how}"
    if kind in ("learning-log", "person"):
        record(db, "report", "person", person_id_for(db, params.get("person")), detail=detail)
    elif kind == "relationship":
        record(db, "report", "relationship", str(params.get("id")), detail=detail)
    else:
        record(db, "report", "report", None, detail=detail)


def _gather(db: Database, kind: str, params: Mapping[str, Any], today: date) -> ReportData:
    check_days(params)
    if kind == "learning-log":
        return learning_log_data(
            db,
            _required(params, "person", "a practitioner's e-mail"),
            date_from=params.get("from"),
            date_to=params.get("to"),
            names=bool(params.get("names")),
            today=today,
        )
    if kind == "programme":
        return programme_data(
            db, date_from=params.get("from"), date_to=params.get("to"), today=today
        )
    if kind == "compliance":
        return compliance_data(db, today=params.get("today") or today, now=today)
    if kind == "register":
        return register_data(db, today=today)
    if kind == "person":
        return person_record_data(
            db,
            _required(params, "person", "a person's e-mail"),
            today=today,
            equality=bool(params.get("equality")),
        )
    if kind == "equality":
        return equality_data(
            db, date_from=params.get("from"), date_to=params.get("to"), today=today
        )
    if kind == "relationship":
        return relationship_record_data(
            db, _required(params, "id", "a relationship's id"), today=today
        )
    raise UserError(f"There is no {kind!r} report; the reports are {', '.join(KINDS)}.")


def person_choices(db: Database, *, practitioners: bool = False) -> list[tuple[str, str]]:
    """(label, e-mail) of everyone — or of everyone on the practitioner register — by name."""
    stmt = (
        select(Person.full_name, Person.organisation, Person.email)
        .where(queries.not_erased())
        .order_by(Person.full_name, Person.email)
    )
    if practitioners:
        stmt = stmt.where(Person.id.in_(select(Registration.person_id)))
    with db.uow() as uow:
        rows = uow.session.execute(stmt).all()
    return [(f"{name}{f' — {org}' if org else ''} ({email})", email) for name, org, email in rows]


def relationship_choices(db: Database) -> list[tuple[str, str]]:
    """(label, id) of every relationship, newest first: one light query for a picker."""
    client, practitioner = aliased(Person), aliased(Person)
    stmt = (
        select(
            Relationship.id,
            Relationship.kind,
            Relationship.status,
            Relationship.started_on,
            client.full_name,
            practitioner.full_name,
        )
        .join(client, client.id == Relationship.client_id)
        .join(practitioner, practitioner.id == Relationship.practitioner_id)
        .order_by(Relationship.started_on.desc(), client.full_name, Relationship.id)
    )
    with db.uow() as uow:
        rows = uow.session.execute(stmt).all()
    return [
        (
            f"{c_name} with {p_name} ({kind}, {status}"
            + (f", from {format_date(started)}" if started else "")
            + ")",
            rel_id,
        )
        for rel_id, kind, status, started, c_name, p_name in rows
    ]


def _required(params: Mapping[str, object], key: str, what: str) -> str:
    value = params.get(key)
    if not isinstance(value, str) or not value.strip():
        raise UserError(f"This report needs {what}.")
    return value.strip()


# ---------------------------------------------------------------------------------------------
# Compliance report and register directory


def compliance_data(
    db: Database, *, today: date | None = None, now: date | None = None
) -> ComplianceData:
    """Every alert that holds on ``today``, grouped by rule (SPEC 5 order), then by person.

    ``now`` is the calendar date, the day the report is generated (default: the clock's); a
    ``today`` before it is a past day, judged on the hub as it stood then."""
    today = today or db.clock.today()
    now = now or db.clock.calendar_day()
    found = hub_alerts(db, today, now=now)
    settings = get_settings(db)
    names: dict[str, str] = {}
    if found:
        with db.uow() as uow:
            names = dict(
                uow.session.execute(
                    select(Person.id, Person.full_name).where(
                        Person.id.in_({a.person_id for a in found})
                    )
                ).all()
            )
    by_rule: dict[str, dict[str, list[Alert]]] = defaultdict(lambda: defaultdict(list))
    for a in found:
        by_rule[a.rule][a.person_id].append(a)
    rules = []
    for rule in [*RULES, *sorted(set(by_rule) - set(RULES))]:
        if rule not in by_rule:
            continue
        people = []
        for person_id, alerts in by_rule[rule].items():
            alerts.sort(key=lambda a: (a.since, a.message))
            people.append(
                PersonAlerts(
                    names.get(person_id, alerts[0].person),
                    alerts[0].person,
                    tuple(
                        ComplianceLine(a.since, a.days, a.message, a.relationship) for a in alerts
                    ),
                )
            )
        people.sort(key=lambda p: (p.name.casefold(), p.email))
        rules.append(
            RuleAlerts(
                rule, RULE_TITLES.get(rule, rule), RULE_SEVERITY.get(rule, ""), tuple(people)
            )
        )
    return ComplianceData(
        header=ReportHeader(
            "Compliance report", settings.hub_name, f"Position on {format_date(today)}", now
        ),
        today=today,
        rules=tuple(rules),
        past_note=undated_note(format_date(today)) if today < now else "",
    )


def register_data(db: Database, *, today: date | None = None) -> DirectoryData:
    """The register directory: every active registration, coaches first, by name."""
    today = today or db.clock.today()
    with db.uow() as uow:
        settings = load_in(uow)
        regs = queries.registration_rows(
            uow, settings, Registration.status == RegistrationStatus.ACTIVE.value
        )
        titles = (
            dict(
                uow.session.execute(
                    select(Person.id, Person.job_title).where(
                        Person.id.in_({r.person_id for r in regs})
                    )
                ).all()
            )
            if regs
            else {}
        )
    entries = []
    for r in regs:
        if r.kind == RegistrationKind.COACH:
            bits = [r.accreditation or "no accreditation recorded"]
            if r.accreditation_on:
                bits.append(f"achieved {format_date(r.accreditation_on)}")
        else:
            bits = (
                [f"mentor training {format_date(r.training_on)}"]
                if r.training_on
                else ["relevant experience" if r.experience else "no training recorded"]
            )
            if r.hours_committed:
                bits.append(f"{r.hours_committed:g} h a year committed")
        entries.append(
            DirectoryEntry(
                name=r.full_name,
                email=r.email,
                organisation=r.organisation,
                job_title=titles.get(r.person_id) or "",
                kind=r.kind,
                accreditation=", ".join(bits),
                specialisms=r.specialisms,
                capacity=r.capacity,
                load=r.current_clients,
            )
        )
    order = {k: i for i, k in enumerate(values(RegistrationKind))}
    entries.sort(key=lambda e: (order.get(e.kind, 9), e.name.casefold(), e.email))
    return DirectoryData(
        header=ReportHeader(
            "Register directory",
            settings.hub_name,
            f"Active practitioners on {format_date(today)}",
            today,
        ),
        entries=tuple(entries),
    )
