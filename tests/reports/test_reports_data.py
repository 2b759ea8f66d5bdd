"""Each report's data against the known test hub, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from coachdesk.domain.hub_facts import RULES
from coachdesk.errors import NotFound, UserError
from coachdesk.services.compliance import alerts
from coachdesk.services.reporting import KINDS, report_data
from coachdesk.services.reporting.common import client_labels, initials
from coachdesk.services.reporting.learning import NOT_TAGGED, learning_log_data
from coachdesk.services.reporting.programme import programme_data
from coachdesk.services.reporting.records import NOT_PRINTED, person_record_data
from coachdesk.services.reporting.relationship import relationship_record_data
from tests.reports.conftest import BOB, IOANNIS, PRIVATE, R1, R2, TODAY, ZARA, ZOE, P, load


def test_initials_and_numbered_labels() -> None:
    assert initials("Łucja Żółć-Öztürk") == "ŁŻÖ"
    assert initials("Ioannis Παπαδόπουλος") == "IΠ"
    assert initials("Claire O'Brien") == "COB"
    labels = client_labels({"a": "Zoë Ashdown", "b": "Ian Roe", "c": "Zara Ashby"}, full=False)
    assert labels == {"a": "ZA-1", "b": "IR", "c": "ZA-2"}


def test_learning_log_totals_paid_and_pro_bono(hub) -> None:
    data = learning_log_data(hub.db, P, today=TODAY)
    assert data.name == "Łucja Żółć-Öztürk"
    # Held sessions only: the cancelled and the scheduled one are not practice.
    assert len(data.sessions) == 6
    assert data.total_minutes == 60 + 45 + 90 + 60 + 75 + 30
    months = {m.month: (m.sessions, m.minutes) for m in data.months}
    assert months == {
        date(2026, 1, 1): (1, 60),
        date(2026, 2, 1): (2, 105),
        date(2026, 3, 1): (2, 165),
        date(2026, 5, 1): (1, 30),
    }
    clients = {c.client: c for c in data.clients}
    assert set(clients) == {"ZA-1", "IΠ", "ZA-2"}  # initials, numbered where they clash
    zoe, ioannis, zara = clients["ZA-1"], clients["IΠ"], clients["ZA-2"]
    # The coach registration is paid, the mentor registration pro bono.
    assert (zoe.paid_minutes, zoe.pro_bono_minutes) == (195, 0)
    assert (ioannis.paid_minutes, ioannis.pro_bono_minutes) == (0, 135)
    assert (zara.paid_minutes, zara.pro_bono_minutes) == (30, 0)
    assert (zoe.started_on, zoe.ended_on) == (date(2026, 1, 10), date(2026, 6, 30))
    assert ioannis.ended_on is None and ioannis.individual_or_group == "Individual"
    s = data.summary
    assert (s.clients_all, s.sessions_period, s.minutes_all) == (3, 6, 360)
    assert s.cpd_hours_last_12 == pytest.approx(3.5)  # the 2025 conference is over a year ago
    assert s.supervision_hours_period == pytest.approx(3.5)
    assert s.practice_per_supervision_hour == pytest.approx(6 / 3.5)
    quarters = {q.label: (q.sessions, q.hours) for q in s.supervision_quarters}
    assert quarters["2026 Q1"] == (1, 1.5) and quarters["2026 Q3"] == (1, 2.0)
    assert quarters["2026 Q2"] == (0, 0.0)
    thresholds = {t.name: t for t in s.thresholds}
    assert (thresholds["EMCC EIA Foundation"].hours, thresholds["EMCC EIA Foundation"].clients) == (
        6.0,
        3,
    )
    icf = thresholds["ICF ACC"]  # coaching only
    assert (icf.hours, icf.clients, icf.met) == (3.75, 2, False)
    groups = {g.competence: g for g in data.competences}
    # Filed once, under its first competence; named under the other it evidences.
    assert [e.title for e in groups["Understanding Self"].entries] == ["Holding silence"]
    assert groups["Understanding Self"].entries[0].competences == (
        "Understanding Self",
        "Evaluation",
    )
    assert not groups["Evaluation"].entries
    assert [e.title for e in groups["Evaluation"].also] == ["Holding silence"]
    assert [e.client for e in groups[NOT_TAGGED].entries] == ["IΠ"]
    assert PRIVATE not in repr(data)


def test_learning_log_period_and_names(hub) -> None:
    data = learning_log_data(
        hub.db, P, date_from=date(2026, 2, 1), date_to=date(2026, 3, 31), names=True, today=TODAY
    )
    assert [s.minutes for s in data.sessions] == [60, 45, 75, 90]
    assert {s.client for s in data.sessions} == {"Zoë Ashdown", "Ioannis Παπαδόπουλος"}
    assert [c.title for c in data.cpd] == ["Working with resistance"]
    assert [s.hours for s in data.supervision] == [1.5]
    assert data.summary.clients_period == 2 and data.summary.clients_all == 2
    assert data.header.period == "1 Feb 2026 – 31 Mar 2026"
    with pytest.raises(UserError, match="after its end"):
        learning_log_data(hub.db, P, date_from=date(2026, 4, 1), date_to=date(2026, 3, 1))
    with pytest.raises(NotFound):
        learning_log_data(hub.db, "nobody@east-trust.nhs.uk", today=TODAY)


def test_programme_figures(hub) -> None:
    data = programme_data(hub.db, today=TODAY)
    assert (data.date_from, data.date_to) == (date(2025, 12, 1), TODAY)
    assert len(data.months) == 12
    by_month = {m.month: m for m in data.months}
    assert by_month[date(2026, 1, 1)].started == 1 and by_month[date(2026, 6, 1)].ended == 1
    assert sum(m.coaching_minutes for m in data.months) == 225
    assert sum(m.mentoring_minutes for m in data.months) == 135
    assert data.total_minutes == 360
    r = data.requests
    assert (r.sent, r.answered, r.median_days, r.answered_within) == (3, 2, 12.5, 1)
    assert r.share_within == 0.5 and r.pending_overdue == 1
    rates = {c.kind: (c.due, c.completed) for c in data.completion}
    assert rates == {
        "pre": (2, 2),
        "post": (1, 1),
        "practitioner-post": (1, 1),
        "follow-up": (0, 0),
    }
    later = programme_data(hub.db, date_to=date(2027, 2, 1), today=date(2027, 2, 1))
    assert {c.kind: (c.due, c.completed) for c in later.completion}["follow-up"] == (1, 0)
    impact = {i.item: i for i in data.impact}
    confidence = impact["I feel confident in my role"]
    assert (confidence.post_change, confidence.post_pairs) == (2.0, 1)
    assert confidence.follow_up_pairs == 0 and confidence.follow_up_change is None
    register = {c.kind: dict(c.by_status) for c in data.register}
    assert register["coach"]["active"] == 1 and register["mentor"]["active"] == 1
    expected = Counter(a.rule for a in alerts(hub.db, TODAY))
    assert {a.rule: a.count for a in data.alerts} == dict(expected)


def test_compliance_groups_every_alert_by_rule_then_person(hub) -> None:
    found = alerts(hub.db, TODAY)
    data = report_data(hub.db, "compliance", {"today": TODAY})
    assert data.total == len(found) > 0
    order = [r.rule for r in data.rules]
    assert order == sorted(order, key=RULES.index)
    for rule in data.rules:
        expected = Counter(a.person for a in found if a.rule == rule.rule)
        assert {p.email: len(p.alerts) for p in rule.people} == dict(expected)


def test_register_directory_lists_active_registrations_with_load(hub) -> None:
    data = report_data(hub.db, "register", {}, today=TODAY)
    entries = {(e.email, e.kind): e for e in data.entries}
    assert set(entries) == {(P, "coach"), (P, "mentor")}
    assert entries[(P, "coach")].load == 1  # R3 (R1 has ended)
    assert entries[(P, "mentor")].load == 1  # R2
    assert "EMCC Coach Practitioner" in entries[(P, "coach")].accreditation


def _tables_naming_people() -> dict[str, list[str]]:
    """Every table with a foreign key to people.id, and those columns (from the models)."""
    from coachdesk.storage.models import Base

    out: dict[str, list[str]] = {}
    for table in Base.metadata.sorted_tables:
        for fk in table.foreign_keys:
            if fk.target_fullname == "people.id":
                out.setdefault(table.name, []).append(fk.parent.name)
    return out


@pytest.mark.parametrize("email", [P, ZOE, IOANNIS])
def test_person_record_holds_every_table_that_names_a_person(hub, email: str) -> None:
    from sqlalchemy import func, or_, select

    from coachdesk.storage.models import Base, Person

    naming = _tables_naming_people()
    assert {"registrations", "requests", "relationships", "cpd", "supervision"} <= set(naming)
    data = person_record_data(hub.db, email, today=TODAY)
    held = {s.table for s in data.sections}
    missing = set(naming) - held
    assert not missing, f"the person record leaves out the tables {sorted(missing)}"
    with hub.db.uow() as uow:
        person_id = uow.session.scalar(select(Person.id).where(Person.email == email))
        for name, columns in naming.items():
            table = Base.metadata.tables[name]
            count = uow.session.scalar(
                select(func.count())
                .select_from(table)
                .where(or_(*(table.c[c] == person_id for c in columns)))
            )
            printed = data.section(name)
            rows = sum(len(s.rows) for s in printed)
            if name == "learning_log":  # also practitioners' entries about their relationships
                assert rows >= count
            else:
                assert rows == count, name
    # Every column of those tables is printed, or deliberately left out with a reason.
    for name in [*naming, "people", "meetings", "evaluations"]:
        table = Base.metadata.tables[name]
        shown = {c for s in data.section(name) for c in s.source_columns}
        left = set(table.c.keys()) - shown - set(NOT_PRINTED.get(name, {}))
        assert not left, f"{name}: columns {sorted(left)} are neither printed nor excused"
    assert PRIVATE not in repr(data)


def test_person_record_as_client_and_manager(hub) -> None:
    zoe = person_record_data(hub.db, ZOE, today=TODAY)
    (evaluations,) = zoe.section("evaluations")
    assert len(evaluations.rows) == 3
    assert any("I feel confident in my role: 4" in cell for row in evaluations.rows for cell in row)
    (learning,) = zoe.section("learning_log")
    assert [row[3] for row in learning.rows] == ["Holding silence"]  # P's entry about R1
    lucja = person_record_data(hub.db, P, today=TODAY)
    managed = next(s for s in lucja.sections if s.title == "Named as line manager of")
    assert [row[1] for row in managed.rows] == [ZOE]
    (evaluations,) = lucja.section("evaluations")
    assert not any("I feel confident" in cell for row in evaluations.rows for cell in row)
    (sessions,) = lucja.section("meetings")
    assert "private notes are held for 5 of these sessions" in sessions.note


def test_relationship_record(hub) -> None:
    data = relationship_record_data(hub.db, R1, today=TODAY)
    assert [s.minutes for s in data.sessions] == [60, 45, 90, 90]
    assert data.held_minutes == 195
    assert [s.type for s in data.contracting] == ["contracting"]
    assert [e.kind for e in data.evaluations] == ["pre", "post", "practitioner-post"]
    post = data.evaluations[1]
    assert post.objectives == (("Lead the ward move", "8"), ("Keep experienced staff", "6"))
    assert ("I feel confident in my role", "4") in post.answers
    assert [m.split(" (")[0] for m in data.missing_evaluations] == ["client follow-up evaluation"]
    assert "notes" not in data.sessions[0].__dataclass_fields__
    assert PRIVATE not in repr(data)
    assert relationship_record_data(hub.db, R2, today=TODAY).missing_evaluations == ()
    with pytest.raises(NotFound):
        relationship_record_data(hub.db, "no-such-id")


def test_no_report_data_carries_a_private_note(hub) -> None:
    params = {"person": P, "id": R1, "names": True}
    for kind in KINDS:
        assert PRIVATE not in repr(report_data(hub.db, kind, params, today=TODAY)), kind
    for email in (ZOE, IOANNIS, ZARA):
        assert PRIVATE not in repr(report_data(hub.db, "person", {"person": email}, today=TODAY))
    with pytest.raises(UserError, match="no 'board' report"):
        report_data(hub.db, "board", {})
    with pytest.raises(UserError, match="needs a practitioner's e-mail"):
        report_data(hub.db, "learning-log", {})


def test_busy_practitioner_counts_every_session(sqlite_db) -> None:
    hub = load(sqlite_db, busy_sessions=300)
    data = learning_log_data(hub.db, P, today=TODAY)
    assert len(data.sessions) == 306
    assert sum(m.sessions for m in data.months) == 306
    assert BOB not in repr(data) and "Bob Busy" not in repr(data)
