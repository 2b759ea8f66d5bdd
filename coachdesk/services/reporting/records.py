"""The person record's data (subject access): everything held about one person, table by table."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, TypeAlias

from sqlalchemy import ColumnElement, Connection, Row, Table, or_, select
from sqlalchemy.orm import InstrumentedAttribute

from coachdesk.domain.dates import format_date
from coachdesk.domain.hub_facts import RULE_TITLES
from coachdesk.services.exchange.records import table_of
from coachdesk.services.reporting.common import client_labels
from coachdesk.services.reporting.fields import (
    Field,
    RelationshipLinks,
    equality_fields,
    evaluation_fields,
    f,
    notes_note,
    other_version,
    person_fields,
    registration_fields,
    relationship_fields,
    section,
)
from coachdesk.services.reporting.types import PersonRecordData, ReportHeader
from coachdesk.services.settings import load_in
from coachdesk.services.validate import person_or_404
from coachdesk.storage.models import (
    Attachment,
    CpdRecord,
    Evaluation,
    LearningEntry,
    Meeting,
    MergeConflict,
    Person,
    QuestionnaireTemplate,
    Registration,
    Relationship,
    Reminder,
    Request,
    SupervisionRecord,
)
from coachdesk.storage.uow import Database

#: Columns of the tables that name a person which the person record does not print, and why.
#: (A test checks every other column is printed, so a new column cannot be left out unseen.)
NOT_PRINTED: dict[str, dict[str, str]] = {
    "people": {
        "id": "internal key",
        "ethnic_group": "equality data: printed only when asked for (--include-equality; SPEC 10)",
        "sex": "equality data: printed only when asked for (--include-equality; SPEC 10)",
        "disability": "equality data: printed only when asked for (--include-equality; SPEC 10)",
    },
    "registrations": {
        "id": "internal key",
        "person_id": "the person themself",
        "created_at": "record-keeping time",
        "updated_at": "record-keeping time",
    },
    "requests": {
        "id": "internal key",
        "created_at": "record-keeping time",
        "updated_at": "record-keeping time",
    },
    "relationships": {"created_at": "record-keeping time", "updated_at": "record-keeping time"},
    "meetings": {
        "id": "internal key",
        "notes": "the practitioner's private notes are never printed (SPEC 2)",
        "created_at": "record-keeping time",
        "updated_at": "record-keeping time",
    },
    "evaluations": {
        "id": "internal key",
        "created_at": "record-keeping time",
        "updated_at": "record-keeping time",
    },
    "cpd": {
        "id": "internal key",
        "person_id": "the person themself",
        "created_at": "record-keeping time",
        "updated_at": "record-keeping time",
    },
    "supervision": {
        "id": "internal key",
        "person_id": "the person themself",
        "created_at": "record-keeping time",
        "updated_at": "record-keeping time",
    },
    "learning_log": {
        "id": "internal key",
        "created_at": "record-keeping time",
        "updated_at": "record-keeping time",
    },
    "reminders": {
        "id": "internal key",
        "person_id": "the person themself",
        "created_at": "record-keeping time",
        "updated_at": "record-keeping time",
    },
}
for _columns in NOT_PRINTED.values():
    _columns.setdefault("version", "record-keeping: a counter of saves (SPEC 12)")


#: A whole row of one table: its columns read by name (``row.full_name``).
TableRow: TypeAlias = Row[*tuple[Any, ...]]


def _all(
    conn: Connection,
    table: Table,
    *where: ColumnElement[bool],
    order: Sequence[ColumnElement[Any] | InstrumentedAttribute[Any]] = (),
) -> Sequence[TableRow]:
    return conn.execute(select(table).where(*where).order_by(*order)).all()


def person_record_data(
    db: Database, email: str, *, today: date | None = None, equality: bool = False
) -> PersonRecordData:
    """Everything held about one person, table by table (never a session's private notes).

    Their equality-monitoring answers are printed only when ``equality`` asks for them."""
    today = today or db.clock.today()
    with db.uow() as uow:
        me = person_or_404(uow, email)
        conn = uow.session.connection()
        settings = load_in(uow)
        pid = me.id
        people = table_of(Person)
        person = _all(conn, people, people.c.id == pid)[0]
        managed = _all(conn, people, people.c.manager_email == me.email, order=[people.c.full_name])
        names = dict(conn.execute(select(people.c.id, people.c.full_name)).all())
        files = {
            a.id: a
            for a in conn.execute(
                select(
                    Attachment.id, Attachment.filename, Attachment.media_type, Attachment.created_at
                )
            )
        }
        regs = _all(
            conn, table_of(Registration), Registration.person_id == pid, order=[Registration.kind]
        )
        mine = or_(Request.client_id == pid, Request.practitioner_id == pid)
        requests = _all(conn, table_of(Request), mine, order=[Request.sent_on])
        rels = _all(
            conn,
            table_of(Relationship),
            or_(Relationship.client_id == pid, Relationship.practitioner_id == pid),
            order=[Relationship.started_on, Relationship.id],
        )
        rel_ids = [r.id for r in rels]
        meetings = _all(
            conn,
            table_of(Meeting),
            Meeting.relationship_id.in_(rel_ids),
            order=[Meeting.date, Meeting.id],
        )
        evaluations = _all(
            conn,
            table_of(Evaluation),
            Evaluation.relationship_id.in_(rel_ids),
            order=[Evaluation.completed_on, Evaluation.kind],
        )
        templates = {t.key: t for t in conn.execute(select(table_of(QuestionnaireTemplate))).all()}
        cpd = _all(conn, table_of(CpdRecord), CpdRecord.person_id == pid, order=[CpdRecord.date])
        supervision = _all(
            conn,
            table_of(SupervisionRecord),
            SupervisionRecord.person_id == pid,
            order=[SupervisionRecord.date],
        )
        learning = _all(
            conn,
            table_of(LearningEntry),
            or_(
                LearningEntry.person_id == pid,
                LearningEntry.relationship_id.in_([r.id for r in rels if r.client_id == pid]),
            ),
            order=[LearningEntry.date, LearningEntry.title],
        )
        reminders = _all(
            conn,
            table_of(Reminder),
            Reminder.person_id == pid,
            order=[Reminder.drafted_on, Reminder.id],
        )
        held_ids = {
            pid,
            me.email,
            *rel_ids,
            *(r.id for r in regs),
            *(r.id for r in requests),
            *(m.id for m in meetings),
            *(e.id for e in evaluations),
            *(c.id for c in cpd),
            *(s.id for s in supervision),
            *(e.id for e in learning),
        }
        conflicts = _all(
            conn,
            table_of(MergeConflict),
            MergeConflict.record_id.in_(held_ids),
            order=[MergeConflict.recorded_at],
        )

    their_clients = [r.client_id for r in (*rels, *requests) if r.practitioner_id == pid]
    clients = client_labels({c: names.get(c, "?") for c in their_clients}, full=False)

    def other(rel: RelationshipLinks) -> str:
        if rel.client_id == pid:
            return f"{names.get(rel.practitioner_id, '?')} (practitioner)"
        return f"client {clients.get(rel.client_id, '?')}"

    rel_by_id = {r.id: r for r in rels}

    def rel_label(rel_id: str | None) -> str:
        rel = rel_by_id.get(rel_id) if rel_id else None
        if rel is None:
            return ""
        started = f" {format_date(rel.started_on)}" if rel.started_on else ""
        return f"{rel.kind}{started}, {other(rel)}"

    def file_label(file_id: str | None) -> str:
        a = files.get(file_id) if file_id else None
        return f"{a.filename} ({a.media_type}, kept in the database)" if a else ""

    sections = [
        section("Personal details", people, person_fields(), [person], cards=True),
        *(
            [
                section(
                    "Equality monitoring",
                    people,
                    equality_fields(),
                    [person],
                    cards=True,
                    note="Special-category data, printed because it was asked for. "
                    "Blank means no answer was recorded.",
                )
            ]
            if equality
            else []
        ),
        section(
            "Named as line manager of",
            people,
            [f("Name", "full_name"), f("E-mail", "email"), f("Organisation", "organisation")],
            managed,
            note="People whose record names this person as their line manager.",
        ),
        section(
            "Registrations on the practitioner register",
            table_of(Registration),
            registration_fields(file_label),
            regs,
            cards=True,
        ),
        section(
            "Requests",
            table_of(Request),
            [
                Field(
                    "Role",
                    ("client_id",),
                    lambda r: "client" if r.client_id == pid else "practitioner",
                ),
                Field(
                    "With",
                    ("practitioner_id",),
                    lambda r: (
                        names.get(r.practitioner_id, "?")
                        if r.client_id == pid
                        else f"client {clients.get(r.client_id, '?')}"
                    ),
                ),
                f("Kind", "kind"),
                f("Sent on", "sent_on"),
                f("Status", "status"),
                f("Responded on", "responded_on"),
            ],
            requests,
        ),
        section(
            "Relationships",
            table_of(Relationship),
            relationship_fields(pid, other, {r.id: r.sent_on for r in requests}),
            rels,
            cards=True,
        ),
        section(
            "Sessions",
            table_of(Meeting),
            [
                Field("Relationship", ("relationship_id",), lambda m: rel_label(m.relationship_id)),
                f("Date", "date"),
                f("Type", "type"),
                f("Minutes", "minutes"),
                f("Mode", "mode"),
                f("Status", "status"),
                f("Recorded on", "recorded_on"),
            ],
            meetings,
            note=notes_note(meetings),
        ),
        section(
            "Evaluations",
            table_of(Evaluation),
            evaluation_fields(pid, rel_by_id, rel_label, templates),
            evaluations,
            note="Where this person was the practitioner, the client's own answers are not "
            "shown here: they are the client's personal data.",
            cards=True,
        ),
        section(
            "CPD",
            table_of(CpdRecord),
            [
                f("Date", "date"),
                f("Title", "title"),
                f("Provider", "provider"),
                f("Kind", "kind"),
                f("Hours", "hours"),
                f("Reflection", "reflection"),
                Field("Evidence file", ("evidence_id",), lambda c: file_label(c.evidence_id)),
            ],
            cpd,
        ),
        section(
            "Supervision",
            table_of(SupervisionRecord),
            [
                f("Date", "date"),
                f("Supervisor", "supervisor"),
                f("Qualification", "supervisor_qualification"),
                f("Format", "format"),
                f("Hours", "hours"),
                f("Themes", "themes"),
                f("Reflection", "reflection"),
            ],
            supervision,
        ),
        section(
            "Learning log",
            table_of(LearningEntry),
            [
                Field(
                    "Written by",
                    ("person_id",),
                    lambda e: "this person" if e.person_id == pid else names.get(e.person_id, "?"),
                ),
                f("Date", "date"),
                Field("Relationship", ("relationship_id",), lambda e: rel_label(e.relationship_id)),
                f("Title", "title"),
                f("What happened", "what_happened"),
                f("What was learned", "learning"),
                f("What next time", "next_time"),
                f("EMCC competences", "competences"),
            ],
            learning,
            note="This person's own entries, and practitioners' entries about a relationship "
            "in which this person was the client.",
            cards=True,
        ),
        section(
            "Reminders drafted",
            table_of(Reminder),
            [
                f("Drafted on", "drafted_on"),
                Field(
                    "About",
                    ("alerts",),
                    lambda r: "; ".join(
                        RULE_TITLES.get(str(a.get("rule")), str(a.get("rule")))
                        for a in r.alerts or ()
                    ),
                ),
            ],
            reminders,
            note="E-mail drafts the hub wrote to this person, and what each reminded them of.",
        ),
        section(
            "Versions kept from merges",
            table_of(MergeConflict),
            [
                f("Record", "record_kind"),
                f("Kept", "kept"),
                f("Fields that differed", "fields"),
                Field("Other version", ("other_version",), lambda c: other_version(c)),
                f("From", "source"),
                f("Recorded", "recorded_at"),
                f("Resolved", "resolved"),
            ],
            conflicts,
            note="When two copies of the hub's data were merged, the version that lost was kept.",
        ),
    ]
    return PersonRecordData(
        header=ReportHeader(
            "Person record",
            settings.hub_name,
            f"Everything held on {format_date(today)}",
            today,
            person.full_name,
        ),
        name=person.full_name,
        email=person.email,
        sections=tuple(sections),
    )
