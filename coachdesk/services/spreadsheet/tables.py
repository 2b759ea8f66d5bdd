"""The records as plain tables (header, value kinds, rows) for the spreadsheet exports."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TypeAlias

from sqlalchemy import select
from sqlalchemy.orm import Session

from coachdesk.domain.enums import IcfHours
from coachdesk.domain.privacy import is_erased_email
from coachdesk.services.exchange.records import ColumnValues, fetch_rows, table_of
from coachdesk.storage.models import (
    Attachment,
    CpdRecord,
    Evaluation,
    LearningEntry,
    Meeting,
    Person,
    QuestionnaireTemplate,
    Registration,
    Relationship,
    Request,
    SupervisionRecord,
)

# Value kinds: how a column is written (dates as real dates, numbers as numbers).
TEXT, DATE, NUMBER, YES_NO = "text", "date", "number", "yes/no"

#: One cell of a sheet: text, a number, yes/no, a date, or blank.
Cell: TypeAlias = str | int | float | bool | date | None


@dataclass(frozen=True)
class Table:
    """One sheet: its title, its columns (header, kind) and its rows of values."""

    title: str
    columns: tuple[tuple[str, str], ...]
    rows: list[list[Cell]]

    @property
    def headers(self) -> list[str]:
        return [h for h, _kind in self.columns]


def _cols(spec: str) -> tuple[tuple[str, str], ...]:
    """``"Name|Sent on:date|Hours:number"`` → ((header, kind), ...)."""
    out = []
    for part in spec.split("|"):
        header, _, kind = part.partition(":")
        out.append((header, kind or TEXT))
    return tuple(out)


def icf_shown(value: object) -> str:
    """How a registration's hours count for ICF, as the register shows it: paid / pro bono."""
    return "pro bono" if value == IcfHours.PRO_BONO.value else "paid"


def _joined(values: Iterable[object] | None) -> str:
    return "; ".join(str(v) for v in values or ())


class People:
    """Who is who: name and e-mail by person id, loaded once."""

    def __init__(self, session: Session) -> None:
        self.rows = fetch_rows(session, Person)
        self.by_id = {row["id"]: row for row in self.rows}

    def name(self, person_id: str) -> str:
        name: str = self.by_id[person_id]["full_name"]
        return name

    def email(self, person_id: str) -> str:
        email: str = self.by_id[person_id]["email"]
        return email


def client_roles(session: Session) -> dict[str, set[str]]:
    """Each client's roles (coachee / mentee) from their relationships and requests."""
    out: dict[str, set[str]] = defaultdict(set)
    role = {"coaching": "coachee", "mentoring": "mentee"}
    query = (
        select(Relationship.client_id, Relationship.kind)
        .distinct()
        .union(select(Request.client_id, Request.kind).distinct())
    )
    for person_id, kind in session.execute(query):
        if kind in role:
            out[person_id].add(role[kind])
    return out


def registrations_by_person(session: Session) -> dict[str, dict[str, ColumnValues]]:
    out: dict[str, dict[str, ColumnValues]] = defaultdict(dict)
    for row in fetch_rows(session, Registration):
        out[row["person_id"]][row["kind"]] = row
    return out


#: The register's person columns, then each kind's registration columns: the headers the
#: import reads back (columns.py), so an exported register imports without loss (SPEC 7).
_PERSON_COLUMNS = (
    "Name|Email|Organisation|Job title|Band|Region|Line manager|Manager email|"
    "Leadership programme:yes/no|Manager agreement:date|Development areas|Roles|"
    "Eligibility override|Override on:date|Notes"
)
_KIND_COLUMNS = (
    "{k} status|{k} registered on:date|{k} approved on:date|{k} profile reviewed on:date|"
    "{k} capacity:number|{k} specialisms|{k} ethics agreed:yes/no|"
    "{k} organisational support:date|{k} pro bono:yes/no|{k} hours for ICF"
)
_COACH_ONLY = "Accreditation|Accreditation date:date"
_MENTOR_ONLY = "Training date:date|Experience|Hours committed:number"


def _registration_cells(reg: ColumnValues | None, kind: str) -> list[Cell]:
    """One kind's columns for a person: blank when they hold no such registration."""
    width = 10 + (2 if kind == "coach" else 3)
    if reg is None:
        return [None] * width
    cells: list[Cell] = [
        reg["status"],
        reg["registered_on"],
        reg["approved_on"],
        reg["profile_reviewed_on"],
        reg["capacity"],
        _joined(reg["specialisms"]),
        reg["ethics_agreed"],
        reg["org_support_on"],
        reg["pro_bono"],
        icf_shown(reg["icf_hours"]),
    ]
    if kind == "coach":
        cells += [reg["accreditation"], reg["accreditation_on"]]
    else:
        cells += [reg["training_on"], reg["experience"], reg["hours_committed"]]
    return cells


def register_table(session: Session, title: str = "Register") -> Table:
    """The register, one row per person with their roles and each registration in its own
    columns (``Coach status``, ``Mentor status`` …): the columns the import reads back."""
    people = People(session)
    regs = registrations_by_person(session)
    clients = client_roles(session)
    columns = _cols(
        "|".join(
            (
                _PERSON_COLUMNS,
                _KIND_COLUMNS.format(k="Coach"),
                _COACH_ONLY,
                _KIND_COLUMNS.format(k="Mentor"),
                _MENTOR_ONLY,
            )
        )
    )
    rows: list[list[Cell]] = []
    listed = [p for p in people.rows if not is_erased_email(p["email"])]  # not the stand-ins
    for p in sorted(listed, key=lambda r: (r["full_name"].casefold(), r["email"])):
        held = regs.get(p["id"], {})
        roles: list[str] = [k for k in ("coach", "mentor") if k in held]
        roles += [r for r in ("coachee", "mentee") if r in clients.get(p["id"], ())]
        row: list[Cell] = [
            p["full_name"],
            p["email"],
            p["organisation"],
            p["job_title"],
            p["band"],
            p["region"],
            p["manager_name"],
            p["manager_email"],
            p["leadership_programme"],
            p["manager_agreement_on"],
            _joined(p["development_areas"]),
            ", ".join(roles),
            p["override_reason"],
            p["override_on"],
            p["notes"],
        ]
        row += _registration_cells(held.get("coach"), "coach")
        row += _registration_cells(held.get("mentor"), "mentor")
        rows.append(row)
    return Table(title, columns, rows)


def workbook_tables(session: Session) -> list[Table]:
    """Every sheet of the workbook export, in order. Private session notes are never read."""
    people = People(session)
    tables = [register_table(session, "People")]  # the register: it imports back (SPEC 7)
    tables.append(_registrations(session, people))
    tables.append(_requests(session, people))
    relationships = {row["id"]: row for row in fetch_rows(session, Relationship)}
    tables.append(_relationships(relationships, people))
    tables.append(_sessions(session, relationships, people))
    tables.append(_cpd(session, people))
    tables.append(_supervision(session, people))
    tables.append(_learning_log(session, people))
    tables.append(_evaluations(session, relationships, people))
    return tables


def _registrations(session: Session, people: People) -> Table:
    files = dict(session.execute(select(Attachment.id, Attachment.filename)).all())
    columns = _cols(
        "Name|Email|Kind|Status|Registered on:date|Approved on:date|Profile reviewed on:date|"
        "Capacity:number|Specialisms|Ethics agreed:yes/no|Organisational support:date|"
        "Pro bono:yes/no|Hours for ICF|Accreditation|Accreditation date:date|Certificate|"
        "Training date:date|Experience|Hours committed:number|Id"
    )
    rows: list[list[Cell]] = [
        [
            people.name(r["person_id"]),
            people.email(r["person_id"]),
            r["kind"],
            r["status"],
            r["registered_on"],
            r["approved_on"],
            r["profile_reviewed_on"],
            r["capacity"],
            _joined(r["specialisms"]),
            r["ethics_agreed"],
            r["org_support_on"],
            r["pro_bono"],
            icf_shown(r["icf_hours"]),
            r["accreditation"],
            r["accreditation_on"],
            files.get(r["certificate_id"]) if r["certificate_id"] else None,
            r["training_on"],
            r["experience"],
            r["hours_committed"],
            r["id"],
        ]
        for r in fetch_rows(session, Registration)
    ]
    rows.sort(key=lambda row: (str(row[0]).casefold(), row[1], row[2]))  # name, e-mail, kind
    return Table("Registrations", columns, rows)


def _requests(session: Session, people: People) -> Table:
    columns = _cols(
        "Sent on:date|Kind|Status|Responded on:date|Client|Client email|Practitioner|"
        "Practitioner email|Id"
    )
    rows: list[list[Cell]] = [
        [
            r["sent_on"],
            r["kind"],
            r["status"],
            r["responded_on"],
            people.name(r["client_id"]),
            people.email(r["client_id"]),
            people.name(r["practitioner_id"]),
            people.email(r["practitioner_id"]),
            r["id"],
        ]
        for r in fetch_rows(session, Request)
    ]
    rows.sort(key=lambda row: (row[0], row[-1]))
    return Table("Requests", columns, rows)


def _relationships(relationships: Mapping[str, ColumnValues], people: People) -> Table:
    columns = _cols(
        "Kind|Status|Practitioner|Practitioner email|Client|Client email|Started on:date|"
        "Planned end:date|Planned sessions:number|Ended on:date|End reason|"
        "Individual objectives|Organisational objectives|Request id|Id"
    )
    rows: list[list[Cell]] = [
        [
            r["kind"],
            r["status"],
            people.name(r["practitioner_id"]),
            people.email(r["practitioner_id"]),
            people.name(r["client_id"]),
            people.email(r["client_id"]),
            r["started_on"],
            r["planned_end_on"],
            r["planned_sessions"],
            r["ended_on"],
            r["end_reason"],
            _joined(r["individual_objectives"]),
            _joined(r["organisational_objectives"]),
            r["request_id"],
            r["id"],
        ]
        for r in relationships.values()
    ]
    rows.sort(key=lambda row: (row[6] is None, row[6] or 0, row[-1]))
    return Table("Relationships", columns, rows)


def _sessions(session: Session, relationships: Mapping[str, ColumnValues], people: People) -> Table:
    columns = _cols(
        "Date:date|Kind|Type|Minutes:number|Mode|Status|Recorded on:date|Practitioner|"
        "Practitioner email|Client|Client email|Relationship id|Id"
    )
    table = table_of(Meeting)
    wanted = [c for c in table.c if c.name != "notes"]  # private notes are never read
    rows: list[list[Cell]] = []
    for m in session.execute(select(*wanted).order_by(table.c.date, table.c.id)).mappings():
        rel = relationships[m["relationship_id"]]
        rows.append(
            [
                m["date"],
                rel["kind"],
                m["type"],
                m["minutes"],
                m["mode"],
                m["status"],
                m["recorded_on"],
                people.name(rel["practitioner_id"]),
                people.email(rel["practitioner_id"]),
                people.name(rel["client_id"]),
                people.email(rel["client_id"]),
                m["relationship_id"],
                m["id"],
            ]
        )
    return Table("Sessions", columns, rows)


def _cpd(session: Session, people: People) -> Table:
    files = dict(session.execute(select(Attachment.id, Attachment.filename)).all())
    columns = _cols("Date:date|Name|Email|Title|Provider|Kind|Hours:number|Reflection|Evidence|Id")
    rows: list[list[Cell]] = [
        [
            r["date"],
            people.name(r["person_id"]),
            people.email(r["person_id"]),
            r["title"],
            r["provider"],
            r["kind"],
            r["hours"],
            r["reflection"],
            files.get(r["evidence_id"]) if r["evidence_id"] else None,
            r["id"],
        ]
        for r in fetch_rows(session, CpdRecord)
    ]
    rows.sort(key=lambda row: (row[0], row[-1]))
    return Table("CPD", columns, rows)


def _supervision(session: Session, people: People) -> Table:
    columns = _cols(
        "Date:date|Name|Email|Supervisor|Supervisor qualification|Format|Hours:number|"
        "Themes|Reflection|Id"
    )
    rows: list[list[Cell]] = [
        [
            r["date"],
            people.name(r["person_id"]),
            people.email(r["person_id"]),
            r["supervisor"],
            r["supervisor_qualification"],
            r["format"],
            r["hours"],
            r["themes"],
            r["reflection"],
            r["id"],
        ]
        for r in fetch_rows(session, SupervisionRecord)
    ]
    rows.sort(key=lambda row: (row[0], row[-1]))
    return Table("Supervision", columns, rows)


def _learning_log(session: Session, people: People) -> Table:
    columns = _cols(
        "Date:date|Name|Email|Title|What happened|What I learned|What I will do differently|"
        "Competences|Relationship id|Id"
    )
    rows: list[list[Cell]] = [
        [
            r["date"],
            people.name(r["person_id"]),
            people.email(r["person_id"]),
            r["title"],
            r["what_happened"],
            r["learning"],
            r["next_time"],
            _joined(r["competences"]),
            r["relationship_id"],
            r["id"],
        ]
        for r in fetch_rows(session, LearningEntry)
    ]
    rows.sort(key=lambda row: (row[0], row[-1]))
    return Table("Learning log", columns, rows)


def _item_columns(session: Session) -> list[tuple[str, str]]:
    """(answer key, header) for every questionnaire item, in template order."""
    keys: dict[str, str] = {}
    for tpl in fetch_rows(session, QuestionnaireTemplate):
        for item in tpl["items"] or ():
            key = item.get("key") if isinstance(item, dict) else None
            if key and key not in keys:
                keys[key] = str(item.get("text") or key)
    texts = list(keys.values())
    return [(k, t if texts.count(t) == 1 else f"{t} ({k})") for k, t in keys.items()]


def _evaluations(
    session: Session, relationships: Mapping[str, ColumnValues], people: People
) -> Table:
    items = _item_columns(session)
    columns = _cols(
        "Completed on:date|Evaluation|Relationship kind|Practitioner|Practitioner email|"
        "Client|Client email|Template"
    )
    columns += tuple((header, NUMBER) for _key, header in items)
    columns += _cols("Objective ratings|Comments|Relationship id|Id")
    rows: list[list[Cell]] = []
    for e in fetch_rows(session, Evaluation):
        rel = relationships[e["relationship_id"]]
        answers = e["answers"] or {}
        row: list[Cell] = [
            e["completed_on"],
            e["kind"],
            rel["kind"],
            people.name(rel["practitioner_id"]),
            people.email(rel["practitioner_id"]),
            people.name(rel["client_id"]),
            people.email(rel["client_id"]),
            e["template_key"],
        ]
        row += [answers.get(key) for key, _header in items]
        row += [
            _joined(v for v in e["objective_ratings"] or () if v is not None),
            e["comments"],
            e["relationship_id"],
            e["id"],
        ]
        rows.append(row)
    rows.sort(key=lambda row: (row[0] is None, row[0] or 0, row[-1]))
    return Table("Evaluations", columns, rows)
