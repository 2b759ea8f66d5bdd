"""Builders: people, practitioners and relationships made through the services in a few lines,
and small files that pass for a certificate or evidence."""

from __future__ import annotations

from datetime import date
from typing import Any

from coachdesk.services import register, relationships
from coachdesk.services.dto import (
    FileInput,
    PersonInput,
    PersonRow,
    RegistrationInput,
    RegistrationRow,
    RelationshipInput,
    RelationshipRow,
)
from coachdesk.storage.uow import Database

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32


class Hub:
    """Makes the records most tests need, through the services themselves."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._n = 0

    def person(self, name: str | None = None, **fields: Any) -> PersonRow:
        self._n += 1
        name = name or f"Person {self._n}"
        email = fields.pop("email", None) or f"{name.lower().replace(' ', '.')}@example.nhs.uk"
        fields.setdefault("organisation", f"Trust {self._n}")
        fields.setdefault("band", "6")
        return register.add_person(
            self.db, PersonInput(full_name=name, email=email, **fields)
        ).value

    def registration(
        self, person: PersonRow, kind: str = "coach", **fields: Any
    ) -> RegistrationRow:
        """A complete registration (active unless ``status`` says otherwise)."""
        fields.setdefault("status", "active")
        fields.setdefault("ethics_agreed", True)
        fields.setdefault("org_support_on", date(2025, 8, 20))
        fields.setdefault("registered_on", date(2025, 9, 1))
        if kind == "coach":
            fields.setdefault("accreditation", "EMCC Coach Practitioner")
            fields.setdefault("certificate", FileInput("certificate.pdf", PDF))
        else:
            fields.setdefault("training_on", date(2025, 7, 10))
            fields.setdefault("hours_committed", 12)
        data = RegistrationInput(kind=kind, **fields)
        return register.add_registration(self.db, person.email, data).value

    def coach(self, name: str | None = None, **fields: Any) -> PersonRow:
        person = self.person(name, **fields)
        self.registration(person, "coach")
        return person

    def mentor(self, name: str | None = None, **fields: Any) -> PersonRow:
        person = self.person(name, **fields)
        self.registration(person, "mentor")
        return person

    def relationship(
        self,
        kind: str = "coaching",
        practitioner: PersonRow | None = None,
        client: PersonRow | None = None,
        *,
        objectives: tuple[str, ...] = ("Lead the ward move", "Delegate the rota"),
        started_on: date | None = date(2026, 3, 20),
        status: str = "contracting",
        planned_sessions: int | None = None,
    ) -> RelationshipRow:
        if practitioner is None:
            practitioner = self.coach() if kind == "coaching" else self.mentor()
        client = client or self.person()
        data = RelationshipInput(
            kind=kind,
            practitioner=practitioner.email,
            client=client.email,
            started_on=started_on,
            planned_sessions=planned_sessions or (6 if kind == "coaching" else None),
            individual_objectives=objectives,
        )
        rel = relationships.add_relationship(self.db, data).value
        if status in ("active", "ended"):
            rel = relationships.start_relationship(self.db, rel.id).value
        if status == "ended":
            rel = relationships.end_relationship(
                self.db, rel.id, ended_on=date(2026, 9, 18)
            ).value.relationship
        return rel


def client_with_an_ended_relationship(db: Database) -> tuple[str, str, str]:
    """(id, full name, e-mail) of the first client, by e-mail, whose relationship has ended."""
    from sqlalchemy import select

    from coachdesk.storage.models import Person, Relationship

    with db.uow() as uow:
        person = uow.session.scalars(
            select(Person)
            .join(Relationship, Relationship.client_id == Person.id)
            .where(Relationship.status == "ended")
            .order_by(Person.email)
        ).first()
        assert person is not None, "the hub has no relationship that has ended"
        return person.id, person.full_name, person.email
