"""Sequences of lead actions against a plain model: after every step the database agrees with it.

Each sequence starts from a fresh copy of the migrated empty database. A refused action must
leave the model (and so the database) as it was; an accepted one must do exactly what the
model predicts. CI runs 200 sequences (COACHDESK_STATEFUL_SEQUENCES raises it for a long run).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    consumes,
    initialize,
    invariant,
    multiple,
    rule,
    run_state_machine_as_test,
)
from sqlalchemy import select

from coachdesk.errors import UserError
from coachdesk.services import meetings, register, registrations, relationships
from coachdesk.services.dto import (
    FileInput,
    MeetingInput,
    PersonInput,
    RegistrationInput,
    RelationshipInput,
)
from coachdesk.storage.migrate import open_database
from coachdesk.storage.models import Meeting, Person, Registration, Relationship
from tests.helpers.builders import PDF
from tests.helpers.junk import nasty_text

SEQUENCES = int(os.environ.get("COACHDESK_STATEFUL_SEQUENCES", "200"))

names = st.one_of(
    st.text(alphabet="abcdefgh ABC-'", min_size=1, max_size=20).filter(str.strip), nasty_text
)
locals_ = st.sampled_from(["ann", "bob", "cat", "dev", "eve", "ANN", "Bob"])
dates = st.dates(min_value=date(2024, 1, 1), max_value=date(2027, 12, 31))


class HubMachine(RuleBasedStateMachine):
    """The register, registrations, relationships and sessions, with a dictionary model of each."""

    template: Path

    people = Bundle("people")
    regs = Bundle("registrations")
    rels = Bundle("relationships")
    sessions = Bundle("sessions")

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="coachdesk-stateful-"))
        path = self.folder / "hub.sqlite"
        shutil.copyfile(self.template, path)
        self.db = open_database(f"sqlite:///{path}", migrate=False)
        self.people_model: dict[str, str] = {}  # e-mail -> full name
        self.reg_model: dict[str, tuple[str, str, str]] = {}  # id -> (e-mail, kind, status)
        self.rel_model: dict[str, tuple[str, str, str, str]] = {}  # id -> kind, prac, client, st
        self.session_model: dict[str, tuple[str, str]] = {}  # id -> (relationship id, status)

    def teardown(self) -> None:
        self.db.dispose()
        shutil.rmtree(self.folder, ignore_errors=True)

    # --- a small hub to start from: a coach, a mentor and two clients -----------------------

    @initialize(target=people)
    def small_hub(self) -> Any:
        for local in ("cai", "mo", "kim", "lee"):
            self.add_person(local.title(), local, "")
        self.register_practitioner("cai@example.nhs.uk", "coach")
        self.register_practitioner("mo@example.nhs.uk", "mentor")
        return multiple(*self.people_model)

    # --- people ---------------------------------------------------------------------------

    @rule(target=people, name=names, local=locals_, pad=st.sampled_from(["", " "]))
    def add_person(self, name: Any, local: str, pad: str) -> Any:
        email = f"{pad}{local}@example.nhs.uk{pad}"
        key = email.strip().lower()
        try:
            row = register.add_person(self.db, PersonInput(full_name=name, email=email)).value
        except UserError:
            clean = isinstance(name, str) and 0 < len(name.strip()) <= 200 and name.isprintable()
            assert key in self.people_model or not clean, f"{name!r} <{email}> was refused"
            return key  # an e-mail that may or may not be held: rules must cope
        assert key not in self.people_model, f"a second person with {key} was added"
        assert row.email == key
        self.people_model[key] = row.full_name
        return key

    @rule(email=people, name=names)
    def rename(self, email: str, name: Any) -> None:
        try:
            row = register.update_person(
                self.db, email, PersonInput(full_name=name, email=email)
            ).value
        except UserError:
            return
        assert email in self.people_model, f"renamed {email}, who does not exist"
        self.people_model[email] = row.full_name

    # --- registrations --------------------------------------------------------------------

    @rule(target=regs, email=people, kind=st.sampled_from(["coach", "mentor"]))
    def register_practitioner(self, email: str, kind: str) -> Any:
        data = RegistrationInput(
            kind=kind,
            status="active",
            ethics_agreed=True,
            org_support_on=date(2025, 8, 20),
            registered_on=date(2025, 9, 1),
            accreditation="EMCC Coach Practitioner" if kind == "coach" else None,
            certificate=FileInput("certificate.pdf", PDF) if kind == "coach" else None,
            training_on=date(2025, 7, 10) if kind == "mentor" else None,
            hours_committed=12 if kind == "mentor" else None,
        )
        try:
            row = registrations.add_registration(self.db, email, data).value
        except UserError:
            held = {(e, k) for e, k, _ in self.reg_model.values()}
            assert email not in self.people_model or (email, kind) in held
            return "no-such-registration"
        assert email in self.people_model and row.status == "active"
        self.reg_model[row.id] = (email, kind, row.status)
        return row.id

    @rule(reg=regs, status=st.sampled_from(["paused", "active", "retired", "withdrawn", "bogus"]))
    def set_status(self, reg: str, status: str) -> None:
        try:
            row = registrations.set_registration_status(self.db, reg, status).value
        except UserError:
            return
        assert reg in self.reg_model and row.status == status
        email, kind, _ = self.reg_model[reg]
        self.reg_model[reg] = (email, kind, status)

    @rule(reg=consumes(regs))
    def delete_registration(self, reg: str) -> None:
        try:
            registrations.delete_registration(self.db, reg)
        except UserError:
            return
        assert self.reg_model.pop(reg, None) is not None, "deleted a registration not held"

    # --- relationships --------------------------------------------------------------------

    @rule(
        target=rels,
        pair=st.sampled_from(
            [("cai@example.nhs.uk", "coaching"), ("mo@example.nhs.uk", "mentoring")]
        )
        | st.tuples(people, st.sampled_from(["coaching", "mentoring"])),
        client=people,
    )
    def add_relationship(self, pair: tuple[str, str], client: str) -> Any:
        prac, kind = pair
        data = RelationshipInput(
            kind=kind, practitioner=prac, client=client, started_on=None, planned_sessions=6
        )
        try:
            row = relationships.add_relationship(self.db, data).value
        except UserError:
            return "no-such-relationship"
        assert prac != client and {prac, client} <= set(self.people_model)
        assert row.status == "contracting"
        self.rel_model[row.id] = (kind, prac, client, "contracting")
        event("relationship added")
        return row.id

    def _moved(self, rel: str, row_status: str, allowed: tuple[str, ...], new: str) -> None:
        assert rel in self.rel_model and self.rel_model[rel][3] in allowed
        assert row_status == new
        self.rel_model[rel] = (*self.rel_model[rel][:3], new)
        event(f"relationship {new}")

    @rule(rel=rels, on=dates)
    def start(self, rel: str, on: date) -> None:
        try:
            row = relationships.start_relationship(self.db, rel, on=on).value
        except UserError:
            return
        self._moved(rel, row.status, ("contracting",), "active")

    @rule(rel=rels, on=dates)
    def end(self, rel: str, on: date) -> None:
        try:
            row = relationships.end_relationship(self.db, rel, ended_on=on).value.relationship
        except UserError:
            assert rel not in self.rel_model or self.rel_model[rel][3] != "active" or on
            return
        self._moved(rel, row.status, ("active",), "ended")

    @rule(rel=rels, on=dates)
    def withdraw(self, rel: str, on: date) -> None:
        try:
            row = relationships.withdraw_relationship(self.db, rel, on=on).value
        except UserError:
            return
        self._moved(rel, row.status, ("contracting", "active"), "withdrawn")

    @rule(rel=consumes(rels))
    def delete_relationship(self, rel: str) -> None:
        try:
            relationships.delete_relationship(self.db, rel)
        except UserError:
            assert rel not in self.rel_model, "an existing relationship could not be deleted"
            return
        assert self.rel_model.pop(rel, None) is not None
        for sid in [s for s, (r, _) in self.session_model.items() if r == rel]:
            del self.session_model[sid]

    # --- sessions -------------------------------------------------------------------------

    @rule(
        target=sessions,
        rel=rels,
        on=dates,
        minutes=st.integers(-30, 600),
        status=st.sampled_from(["scheduled", "held", "cancelled"]),
    )
    def add_session(self, rel: str, on: date, minutes: int, status: str) -> Any:
        data = MeetingInput("regular", on, minutes, "video", status, recorded_on=on)
        try:
            row = meetings.add_meeting(self.db, rel, data).value
        except UserError:
            return "no-such-session"
        assert rel in self.rel_model and minutes > 0
        self.session_model[row.id] = (rel, row.status)
        event("session added")
        return row.id

    @rule(sid=consumes(sessions))
    def delete_session(self, sid: str) -> None:
        try:
            meetings.delete_meeting(self.db, sid)
        except UserError:
            assert sid not in self.session_model, "an existing session could not be deleted"
            return
        assert self.session_model.pop(sid, None) is not None

    # --- the database agrees with the model -----------------------------------------------

    @invariant()
    def database_matches_model(self) -> None:
        with self.db.engine.connect() as conn:
            people = dict(conn.execute(select(Person.email, Person.full_name)).all())
            ids = {pid: e for pid, e in conn.execute(select(Person.id, Person.email))}
            regs = {
                r.id: (ids[r.person_id], r.kind, r.status)
                for r in conn.execute(
                    select(Registration.id, Registration.person_id, Registration.kind,
                           Registration.status)
                )
            }  # fmt: skip
            rels = {
                r.id: (r.kind, ids[r.practitioner_id], ids[r.client_id], r.status)
                for r in conn.execute(
                    select(Relationship.id, Relationship.kind, Relationship.practitioner_id,
                           Relationship.client_id, Relationship.status)
                )
            }  # fmt: skip
            sessions = {
                m.id: (m.relationship_id, m.status)
                for m in conn.execute(select(Meeting.id, Meeting.relationship_id, Meeting.status))
            }
        assert people == self.people_model
        assert regs == self.reg_model
        assert rels == self.rel_model
        assert sessions == self.session_model


def test_sequences_of_actions_keep_database_and_model_in_step(_template_sqlite: Path) -> None:
    HubMachine.template = _template_sqlite
    run_state_machine_as_test(
        HubMachine,
        settings=settings(
            max_examples=SEQUENCES,
            stateful_step_count=12,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        ),
    )
