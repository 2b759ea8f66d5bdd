"""SQLAlchemy 2.0 typed models for the whole hub (SPEC sections 1-4, 9 and 10)."""

from __future__ import annotations

import datetime as dt
import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, relationship

from coachdesk.domain.clock import SYSTEM
from coachdesk.domain.settings import SettingValue

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_id() -> str:
    """A fresh UUID string: the key of every record, stable across machines."""
    return str(uuid.uuid4())


def utcnow() -> datetime:
    """The time stamped on a record: the system clock's, in UTC."""
    return SYSTEM.now()


#: ``Connection.info`` key holding PostgreSQL's ``current_user`` of that connection.
DB_USER_KEY = "coachdesk_db_user"


def connection_user(context: Any) -> str:
    """The database user of the connection inserting an audit row: PostgreSQL's
    ``current_user``, asked once per connection; empty on SQLite."""
    info = context.connection.info
    user = info.get(DB_USER_KEY)
    if user is None:
        user = ""
        if context.dialect.name == "postgresql":
            cursor = context.connection.connection.dbapi_connection.cursor()
            try:
                cursor.execute("SELECT current_user")
                user = str(cursor.fetchone()[0])
            finally:
                cursor.close()
        info[DB_USER_KEY] = user
    return str(user)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Stamped:
    """Created and updated timestamps (UTC) and a version on every editable record.

    ``version`` is SQLAlchemy's version counter (SPEC 12): every ORM UPDATE or DELETE says
    ``WHERE version = <the version read>`` and bumps it, so a save based on a record another
    lead changed meanwhile matches no row and is refused (coachdesk.storage.stale).
    """

    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1, server_default="1")

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]


def _id_column() -> Mapped[str]:
    return mapped_column(String(36), primary_key=True, default=new_id)


class Attachment(Stamped, Base):
    """A file kept inside the database: a certificate or a piece of CPD evidence."""

    __tablename__ = "attachments"
    id: Mapped[str] = _id_column()
    filename: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(100))
    data: Mapped[bytes] = mapped_column(LargeBinary)


class Person(Stamped, Base):
    __tablename__ = "people"
    id: Mapped[str] = _id_column()
    email: Mapped[str] = mapped_column(String(254), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    organisation: Mapped[str] = mapped_column(String(200), default="")
    job_title: Mapped[str] = mapped_column(String(200), default="")
    band: Mapped[str | None] = mapped_column(String(8))
    region: Mapped[str] = mapped_column(String(100), default="")
    manager_name: Mapped[str] = mapped_column(String(200), default="")
    manager_email: Mapped[str] = mapped_column(String(254), default="")
    leadership_programme: Mapped[bool] = mapped_column(Boolean, default=False)
    manager_agreement_on: Mapped[date | None] = mapped_column(Date)
    override_reason: Mapped[str | None] = mapped_column(Text)
    override_on: Mapped[date | None] = mapped_column(Date)
    development_areas: Mapped[list[str]] = mapped_column(JSON, default=list)
    notes: Mapped[str] = mapped_column(Text, default="")
    # Equality monitoring (SPEC 10): special-category data, only when the setting is on.
    ethnic_group: Mapped[str | None] = mapped_column(String(60))
    sex: Mapped[str | None] = mapped_column(String(30))
    disability: Mapped[str | None] = mapped_column(String(30))

    registrations: Mapped[list[Registration]] = relationship(back_populates="person")


class Registration(Stamped, Base):
    __tablename__ = "registrations"
    __table_args__ = (UniqueConstraint("person_id", "kind", name="uq_registration_person_kind"),)
    id: Mapped[str] = _id_column()
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(12), default="applied")
    registered_on: Mapped[date | None] = mapped_column(Date)
    approved_on: Mapped[date | None] = mapped_column(Date)
    profile_reviewed_on: Mapped[date | None] = mapped_column(Date)
    capacity: Mapped[int] = mapped_column(Integer, default=2)
    specialisms: Mapped[list[str]] = mapped_column(JSON, default=list)
    ethics_agreed: Mapped[bool] = mapped_column(Boolean, default=False)
    org_support_on: Mapped[date | None] = mapped_column(Date)
    pro_bono: Mapped[bool] = mapped_column(Boolean, default=False)
    #: How the hours count in an ICF client log: ``paid`` (the default: coaching in work hours
    #: as part of the role) or ``pro-bono`` (coaching given in the practitioner's own time).
    icf_hours: Mapped[str] = mapped_column(String(10), default="paid", server_default="paid")
    accreditation: Mapped[str | None] = mapped_column(String(200))
    accreditation_on: Mapped[date | None] = mapped_column(Date)
    certificate_id: Mapped[str | None] = mapped_column(
        ForeignKey("attachments.id", ondelete="SET NULL"), index=True
    )
    training_on: Mapped[date | None] = mapped_column(Date)
    experience: Mapped[str | None] = mapped_column(Text)
    hours_committed: Mapped[float | None] = mapped_column(Float)

    person: Mapped[Person] = relationship(back_populates="registrations")
    certificate: Mapped[Attachment | None] = relationship(lazy="raise")


class Request(Stamped, Base):
    __tablename__ = "requests"
    id: Mapped[str] = _id_column()
    client_id: Mapped[str] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    practitioner_id: Mapped[str] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(10))
    sent_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(10), default="pending")
    responded_on: Mapped[date | None] = mapped_column(Date)


class Relationship(Stamped, Base):
    __tablename__ = "relationships"
    id: Mapped[str] = _id_column()
    kind: Mapped[str] = mapped_column(String(10))
    practitioner_id: Mapped[str] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), index=True
    )
    client_id: Mapped[str] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    request_id: Mapped[str | None] = mapped_column(
        ForeignKey("requests.id", ondelete="SET NULL"), index=True
    )
    status: Mapped[str] = mapped_column(String(12), default="contracting")
    started_on: Mapped[date | None] = mapped_column(Date)
    planned_end_on: Mapped[date | None] = mapped_column(Date)
    planned_sessions: Mapped[int | None] = mapped_column(Integer)
    ended_on: Mapped[date | None] = mapped_column(Date)
    end_reason: Mapped[str | None] = mapped_column(Text)
    individual_objectives: Mapped[list[str]] = mapped_column(JSON, default=list)
    organisational_objectives: Mapped[list[str]] = mapped_column(JSON, default=list)


class Meeting(Stamped, Base):
    """A coaching or mentoring session ("session" on screen and in the exchange format)."""

    __tablename__ = "meetings"
    __table_args__ = (Index("ix_meetings_relationship_date", "relationship_id", "date"),)
    id: Mapped[str] = _id_column()
    relationship_id: Mapped[str] = mapped_column(ForeignKey("relationships.id", ondelete="CASCADE"))
    type: Mapped[str] = mapped_column(String(12))
    date: Mapped[dt.date] = mapped_column(Date)  # dt.date: ``date`` here names this field
    minutes: Mapped[int] = mapped_column(Integer)
    mode: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(15), default="scheduled")
    recorded_on: Mapped[dt.date | None] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")


class QuestionnaireTemplate(Stamped, Base):
    __tablename__ = "templates"
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    scale_min: Mapped[int] = mapped_column(Integer, default=1)
    scale_max: Mapped[int] = mapped_column(Integer, default=5)
    items: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)  # key, text


class Evaluation(Stamped, Base):
    __tablename__ = "evaluations"
    id: Mapped[str] = _id_column()
    relationship_id: Mapped[str] = mapped_column(
        ForeignKey("relationships.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))
    completed_on: Mapped[date | None] = mapped_column(Date)
    template_key: Mapped[str] = mapped_column(ForeignKey("templates.key"), index=True)
    answers: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)  # item key -> rating
    objective_ratings: Mapped[list[int]] = mapped_column(JSON, default=list)
    comments: Mapped[str] = mapped_column(Text, default="")


class CpdRecord(Stamped, Base):
    __tablename__ = "cpd"
    id: Mapped[str] = _id_column()
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    date: Mapped[dt.date] = mapped_column(Date)  # dt.date: ``date`` here names this field
    title: Mapped[str] = mapped_column(String(300))
    provider: Mapped[str] = mapped_column(String(200), default="")
    kind: Mapped[str] = mapped_column(String(20))
    hours: Mapped[float] = mapped_column(Float)
    reflection: Mapped[str] = mapped_column(Text, default="")
    evidence_id: Mapped[str | None] = mapped_column(
        ForeignKey("attachments.id", ondelete="SET NULL"), index=True
    )


class SupervisionRecord(Stamped, Base):
    __tablename__ = "supervision"
    id: Mapped[str] = _id_column()
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    date: Mapped[dt.date] = mapped_column(Date)  # dt.date: ``date`` here names this field
    supervisor: Mapped[str] = mapped_column(String(200))
    supervisor_qualification: Mapped[str] = mapped_column(String(200), default="")
    format: Mapped[str] = mapped_column(String(12))
    hours: Mapped[float] = mapped_column(Float)
    themes: Mapped[str] = mapped_column(Text, default="")
    reflection: Mapped[str] = mapped_column(Text, default="")


class LearningEntry(Stamped, Base):
    __tablename__ = "learning_log"
    id: Mapped[str] = _id_column()
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    date: Mapped[dt.date] = mapped_column(Date)  # dt.date: ``date`` here names this field
    relationship_id: Mapped[str | None] = mapped_column(
        ForeignKey("relationships.id", ondelete="SET NULL"), index=True
    )
    title: Mapped[str] = mapped_column(String(300))
    what_happened: Mapped[str] = mapped_column(Text, default="")
    learning: Mapped[str] = mapped_column(Text, default="")
    next_time: Mapped[str] = mapped_column(Text, default="")
    competences: Mapped[list[str]] = mapped_column(JSON, default=list)


class Setting(Base):
    """One hub setting the lead has changed from its default (declared in domain.settings)."""

    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[SettingValue] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )


class MergeConflict(Base):
    """A version of a record that lost a merge: kept so nothing is silently lost."""

    __tablename__ = "merge_conflicts"
    id: Mapped[str] = _id_column()
    record_kind: Mapped[str] = mapped_column(String(30))
    record_id: Mapped[str] = mapped_column(String(254), index=True)
    kept: Mapped[str] = mapped_column(String(10))
    fields: Mapped[list[str]] = mapped_column(JSON, default=list)
    other_version: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    source: Mapped[str] = mapped_column(String(300), default="")
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    resolved: Mapped[bool] = mapped_column(Boolean, default=False)


class AuditEntry(Base):
    """One audited action: when, what kind of record, its id, which fields — never content."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    action: Mapped[str] = mapped_column(String(12))
    record_kind: Mapped[str] = mapped_column(String(30), index=True)
    record_id: Mapped[str | None] = mapped_column(String(254))
    fields: Mapped[list[str]] = mapped_column(JSON, default=list)
    detail: Mapped[str] = mapped_column(String(300), default="")
    #: The database user who made the change: PostgreSQL's ``current_user`` of the connection
    #: that wrote it; empty on SQLite (one writer, and no user names kept in the file).
    db_user: Mapped[str] = mapped_column(
        String(63), nullable=False, default=connection_user, server_default=""
    )


class WorkforceHeadcount(Stamped, Base):
    """Staff headcount of one group in one organisation for a period (equality denominators)."""

    __tablename__ = "workforce_headcounts"
    __table_args__ = (
        UniqueConstraint(
            "organisation",
            "period_start",
            "period_end",
            "dimension",
            "staff_group",
            name="uq_workforce_headcount_group",
        ),
    )
    id: Mapped[str] = _id_column()
    organisation: Mapped[str] = mapped_column(String(200))
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    dimension: Mapped[str] = mapped_column(String(20))
    staff_group: Mapped[str] = mapped_column(String(60))
    headcount: Mapped[int] = mapped_column(Integer)


class CultureAssessment(Stamped, Base):
    """A dated self-assessment of one organisation against Hawkins' five stages."""

    __tablename__ = "culture_assessments"
    id: Mapped[str] = _id_column()
    organisation: Mapped[str] = mapped_column(String(200), index=True)
    assessed_on: Mapped[date] = mapped_column(Date)
    stage: Mapped[int] = mapped_column(Integer)
    evidence: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)  # stage -> text
    next_step: Mapped[str] = mapped_column(Text, default="")


class Draft(Base):
    """Long free text being typed and not yet saved (session notes, reflections): kept so a
    crash or power cut loses at most a few seconds. Not audited, not exported, not printed;
    deleted when the record is saved or the draft discarded."""

    __tablename__ = "drafts"
    record_kind: Mapped[str] = mapped_column(String(30), primary_key=True)
    record_id: Mapped[str] = mapped_column(String(300), primary_key=True)
    field: Mapped[str] = mapped_column(String(60), primary_key=True)
    text: Mapped[str] = mapped_column(Text, default="")
    #: What the draft is for, in the lead's words (shown when it is offered back).
    label: Mapped[str] = mapped_column(String(300), default="")
    saved_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Reminder(Stamped, Base):
    """An e-mail reminder drafted for one person (SPEC 11): the alerts it listed, and when.

    ``alerts`` holds one ``{"rule": rule id, "subject": id or None}`` per alert covered; the
    subject is the alert's request, session, relationship or registration, or None when it is
    the person themself (a client rule), so "reminded" can be shown beside each alert."""

    __tablename__ = "reminders"
    id: Mapped[str] = _id_column()
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    drafted_on: Mapped[date] = mapped_column(Date)
    alerts: Mapped[list[dict[str, str | None]]] = mapped_column(JSON, default=list)
