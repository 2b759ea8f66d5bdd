"""The learning-log summary's data: practice hours, ICF client log, CPD, supervision, reflections."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from sqlalchemy import select

from coachdesk.domain.dates import add_months, format_date
from coachdesk.domain.enums import (
    REGISTRATION_KIND_FOR,
    Competence,
    EvaluationKind,
    IcfHours,
    RelationshipKind,
)
from coachdesk.services.reporting.common import (
    check_period,
    client_labels,
    in_period,
    month_start,
    period_label,
    quarter_of,
    quarters_between,
    registration_line,
)
from coachdesk.services.reporting.rows import (
    ClientRelationship,
    CpdFacts,
    HeldSession,
    LearningFacts,
    SupervisionFacts,
)
from coachdesk.services.reporting.types import (
    EMCC_CPD_HOURS_PER_YEAR,
    EMCC_PRACTICE_PER_SUPERVISION_HOUR,
    ClientLogRow,
    CompetenceGroup,
    CpdLogRow,
    EvidenceCount,
    LearningLogData,
    LearningSummaryPanel,
    MonthTotal,
    PracticeSession,
    QuarterSupervision,
    Reflection,
    ReportHeader,
    SupervisionLogRow,
    Threshold,
)
from coachdesk.services.settings import load_in
from coachdesk.services.validate import person_or_404
from coachdesk.storage.models import (
    CpdRecord,
    Evaluation,
    LearningEntry,
    Meeting,
    Person,
    Registration,
    Relationship,
    SupervisionRecord,
)
from coachdesk.storage.uow import Database

NOT_TAGGED = "Not tagged to a competence"

#: (name, hours, clients, coaching only) of the thresholds the summary panel measures.
THRESHOLDS: tuple[tuple[str, float, int, bool], ...] = (
    ("EMCC EIA Foundation", 50, 5, False),
    ("EMCC EIA Practitioner", 100, 10, False),
    ("EMCC EIA Senior Practitioner", 250, 20, False),
    ("EMCC EIA Master Practitioner", 500, 40, False),
    ("ICF ACC", 100, 8, True),
    ("ICF PCC", 500, 25, True),
)
#: EMCC EIA Foundation also asks, from the last 12 months, for this many items of client
#: feedback (the hub's client post and follow-up evaluations) and reflections on practice.
FOUNDATION_FEEDBACK = 5
FOUNDATION_REFLECTIONS = 5
FEEDBACK_KINDS = (EvaluationKind.POST.value, EvaluationKind.FOLLOW_UP.value)


# ---------------------------------------------------------------------------------------------
# Learning-log summary


def learning_log_data(
    db: Database,
    email: str,
    *,
    date_from: date | None = None,
    date_to: date | None = None,
    names: bool = False,
    today: date | None = None,
) -> LearningLogData:
    """One practitioner's learning-log summary for a period (default: every record to today).

    Private session notes are never read. Practice hours are held sessions; whether they
    count as paid or pro bono for ICF is the registration of that kind's ``icf_hours``.
    """
    today = today or db.clock.today()
    date_to = date_to or today
    check_period(date_from, date_to)
    with db.uow() as uow:
        person = person_or_404(uow, email)
        conn = uow.session.connection()
        settings = load_in(uow)
        regs = list(
            conn.execute(
                select(Registration.__table__)
                .where(Registration.person_id == person.id)
                .order_by(Registration.kind)
            )
        )
        rels = conn.execute(
            select(
                Relationship.id,
                Relationship.kind,
                Relationship.client_id,
                Relationship.status,
                Relationship.started_on,
                Relationship.ended_on,
                Person.full_name,
                Person.email,
            )
            .join(Person, Person.id == Relationship.client_id)
            .where(Relationship.practitioner_id == person.id)
            .order_by(Relationship.started_on, Person.full_name, Relationship.id)
        ).all()
        held = conn.execute(
            select(
                Meeting.date,
                Meeting.minutes,
                Meeting.type,
                Meeting.mode,
                Meeting.relationship_id,
            )
            .join(Relationship, Relationship.id == Meeting.relationship_id)
            .where(
                Relationship.practitioner_id == person.id,
                Meeting.status == "held",
                Meeting.date <= date_to,
            )
            .order_by(Meeting.date, Meeting.id)
        ).all()
        cpd_all = list(
            conn.execute(
                select(CpdRecord.__table__)
                .where(CpdRecord.person_id == person.id, CpdRecord.date <= date_to)
                .order_by(CpdRecord.date, CpdRecord.title)
            )
        )
        supervision_all = list(
            conn.execute(
                select(SupervisionRecord.__table__)
                .where(SupervisionRecord.person_id == person.id, SupervisionRecord.date <= date_to)
                .order_by(SupervisionRecord.date, SupervisionRecord.supervisor)
            )
        )
        learning = list(
            conn.execute(
                select(LearningEntry.__table__)
                .where(LearningEntry.person_id == person.id, LearningEntry.date <= date_to)
                .order_by(LearningEntry.date, LearningEntry.title)
            )
        )
        feedback_dates = list(
            conn.scalars(
                select(Evaluation.completed_on)
                .join(Relationship, Relationship.id == Evaluation.relationship_id)
                .where(
                    Relationship.practitioner_id == person.id,
                    Evaluation.kind.in_(FEEDBACK_KINDS),
                    Evaluation.completed_on.is_not(None),
                    Evaluation.completed_on <= date_to,
                )
            )
        )
        header = ReportHeader(
            title="Learning-log summary",
            hub_name=settings.hub_name,
            period=period_label(date_from, date_to),
            generated_on=today,
            subject=person.full_name,
        )
        name, person_email, organisation = person.full_name, person.email, person.organisation
        job_title = person.job_title or ""

    rel_by_id = {r.id: r for r in rels}
    labels = client_labels({r.client_id: r.full_name for r in rels}, full=names)
    pro_bono = {
        rel_kind: reg.icf_hours == IcfHours.PRO_BONO.value
        for reg in regs
        for rel_kind in _relationship_kinds_of(reg.kind)
    }
    sessions = tuple(
        PracticeSession(
            date=m.date,
            client=labels[rel_by_id[m.relationship_id].client_id],
            kind=rel_by_id[m.relationship_id].kind,
            type=m.type,
            mode=m.mode,
            minutes=int(m.minutes),
        )
        for m in held
        if in_period(m.date, date_from, date_to)
    )
    months: dict[date, list[int]] = {}
    for s in sessions:
        tally = months.setdefault(month_start(s.date), [0, 0])
        tally[0] += 1
        tally[1] += s.minutes
    summary = _summary_panel(
        held,
        rel_by_id,
        pro_bono,
        cpd_all,
        supervision_all,
        date_from,
        date_to,
        sessions,
        _registered_on([(r.status, r.registered_on) for r in regs]),
    )
    last_12 = summary.cpd_since
    summary = replace(
        summary,
        foundation_evidence=(
            EvidenceCount(
                "Items of client feedback (client post and follow-up evaluations completed)",
                FOUNDATION_FEEDBACK,
                sum(1 for d in feedback_dates if d is not None and d >= last_12),
            ),
            EvidenceCount(
                "Reflections on practice (learning-log entries)",
                FOUNDATION_REFLECTIONS,
                sum(1 for e in learning if last_12 <= e.date <= date_to),
            ),
        ),
    )
    latest = supervision_all[-1] if supervision_all else None
    return LearningLogData(
        header=header,
        name=name,
        email=person_email,
        organisation=organisation or "",
        registrations=tuple(registration_line(r) for r in regs),
        date_from=date_from,
        date_to=date_to,
        names_shown=names,
        sessions=sessions,
        months=tuple(MonthTotal(m, n, mins) for m, (n, mins) in sorted(months.items())),
        clients=_client_log(
            held, rels, rel_by_id, labels, pro_bono, date_from, date_to, contacts=names
        ),
        cpd=tuple(
            CpdLogRow(c.date, c.title, c.provider or "", c.kind, float(c.hours), c.reflection or "")
            for c in cpd_all
            if in_period(c.date, date_from, date_to)
        ),
        supervision=tuple(
            SupervisionLogRow(
                s.date,
                s.supervisor,
                s.supervisor_qualification or "",
                s.format,
                float(s.hours),
                s.themes or "",
            )
            for s in supervision_all
            if in_period(s.date, date_from, date_to)
        ),
        competences=_reflections(learning, rel_by_id, labels, date_from, date_to),
        summary=summary,
        job_title=job_title,
        supervisor=latest.supervisor if latest is not None else "",
        supervisor_qualification=(latest.supervisor_qualification or "") if latest else "",
    )


def _relationship_kinds_of(registration_kind: str) -> tuple[str, ...]:
    return tuple(
        str(rel.value) for rel, reg in REGISTRATION_KIND_FOR.items() if reg == registration_kind
    )


@dataclass
class _ClientTally:
    """One client's held sessions in the period, as the client log adds them up."""

    first: date
    kinds: set[str] = field(default_factory=set)
    n: int = 0
    paid: int = 0
    free: int = 0


def _client_log(
    held: Iterable[HeldSession],
    rels: Iterable[ClientRelationship],
    rel_by_id: Mapping[str, ClientRelationship],
    labels: Mapping[str, str],
    pro_bono: Mapping[str, bool],
    date_from: date | None,
    date_to: date,
    *,
    contacts: bool = False,
) -> tuple[ClientLogRow, ...]:
    """One row per client with held sessions in the period (ICF's client coaching log); the
    client's e-mail as contact only when full names are asked for."""
    per_client: dict[str, _ClientTally] = {}
    for m in held:
        if not in_period(m.date, date_from, date_to):
            continue
        rel = rel_by_id[m.relationship_id]
        row = per_client.get(rel.client_id)
        if row is None:
            row = per_client[rel.client_id] = _ClientTally(first=m.date)
        row.kinds.add(rel.kind)
        row.n += 1
        if pro_bono.get(rel.kind, False):
            row.free += int(m.minutes)
        else:
            row.paid += int(m.minutes)
    by_client: dict[str, list[ClientRelationship]] = defaultdict(list)
    for r in rels:
        by_client[r.client_id].append(r)
    out = []
    for client_id, row in per_client.items():
        theirs = by_client[client_id]
        starts = [r.started_on for r in theirs if r.started_on is not None]
        ongoing = any(r.status in ("contracting", "active") or r.ended_on is None for r in theirs)
        ends = [r.ended_on for r in theirs if r.ended_on is not None]
        out.append(
            ClientLogRow(
                client=labels[client_id],
                kind=" and ".join(sorted(row.kinds)),
                individual_or_group="Individual",
                started_on=min(starts) if starts else row.first,
                ended_on=None if ongoing or not ends else max(ends),
                sessions=row.n,
                paid_minutes=row.paid,
                pro_bono_minutes=row.free,
                contact=theirs[0].email if contacts else "",
            )
        )
    out.sort(key=lambda r: (r.started_on or date.min, r.client))
    return tuple(out)


def _summary_panel(
    held: Sequence[HeldSession],
    rel_by_id: Mapping[str, ClientRelationship],
    pro_bono: Mapping[str, bool],
    cpd_all: Sequence[CpdFacts],
    supervision_all: Sequence[SupervisionFacts],
    date_from: date | None,
    date_to: date,
    sessions: tuple[PracticeSession, ...],
    registered_on: date | None,
) -> LearningSummaryPanel:
    last_12 = add_months(date_to, -12) + timedelta(days=1)
    last_18 = add_months(date_to, -18) + timedelta(days=1)
    coaching = RelationshipKind.COACHING.value

    def minutes(since: date | None, kind: str | None = None) -> int:
        return sum(
            int(m.minutes)
            for m in held
            if (since is None or m.date >= since)
            and (kind is None or rel_by_id[m.relationship_id].kind == kind)
        )

    period_clients = {
        rel_by_id[m.relationship_id].client_id
        for m in held
        if in_period(m.date, date_from, date_to)
    }
    all_clients = {rel_by_id[m.relationship_id].client_id for m in held}
    coaching_clients = {
        rel_by_id[m.relationship_id].client_id
        for m in held
        if rel_by_id[m.relationship_id].kind == coaching
    }
    minutes_all = minutes(None)
    coaching_all = minutes(None, coaching)
    paid_all = sum(
        int(m.minutes) for m in held if not pro_bono.get(rel_by_id[m.relationship_id].kind, False)
    )
    first_dates = [d for d in (held[0].date if held else None, date_from) if d is not None]
    first_dates += [s.date for s in supervision_all[:1]]
    first_dates += [registered_on] if registered_on is not None else []
    start = date_from or (min(first_dates) if first_dates else date_to)
    if registered_on is not None and start < registered_on <= date_to:
        start = registered_on  # no supervision is owed before the registration
    quarters = quarters_between(start, date_to)
    quarter_sessions = dict.fromkeys(quarters, 0)
    quarter_hours = dict.fromkeys(quarters, 0.0)
    for s in supervision_all:
        if in_period(s.date, start, date_to):
            quarter_sessions[quarter_of(s.date)] += 1
            quarter_hours[quarter_of(s.date)] += float(s.hours)
    sup_period = sum(
        float(s.hours) for s in supervision_all if in_period(s.date, date_from, date_to)
    )
    minutes_period = sum(s.minutes for s in sessions)
    return LearningSummaryPanel(
        clients_period=len(period_clients),
        clients_all=len(all_clients),
        sessions_period=len(sessions),
        minutes_period=minutes_period,
        minutes_all=minutes_all,
        minutes_last_12=minutes(last_12),
        minutes_last_18=minutes(last_18),
        paid_minutes_all=paid_all,
        coaching_minutes_last_18=minutes(last_18, coaching),
        cpd_hours_last_12=sum(float(c.hours) for c in cpd_all if c.date >= last_12),
        cpd_expected=EMCC_CPD_HOURS_PER_YEAR,
        supervision_quarters=tuple(
            QuarterSupervision(
                f"{y} Q{q}" + _part_quarter(y, q, start, registered_on),
                quarter_sessions[y, q],
                quarter_hours[y, q],
            )
            for y, q in quarters
        ),
        supervision_hours_period=sup_period,
        practice_per_supervision_hour=(minutes_period / 60 / sup_period) if sup_period else None,
        ratio_expected=EMCC_PRACTICE_PER_SUPERVISION_HOUR,
        thresholds=tuple(
            Threshold(
                name,
                need_hours,
                need_clients,
                (coaching_all if coaching_only else minutes_all) / 60,
                len(coaching_clients if coaching_only else all_clients),
                "coaching only" if coaching_only else "coaching and mentoring",
            )
            for name, need_hours, need_clients, coaching_only in THRESHOLDS
        ),
        registered_on=registered_on,
        cpd_since=last_12,
        paid_coaching_minutes_all=sum(
            int(m.minutes)
            for m in held
            if rel_by_id[m.relationship_id].kind == coaching and not pro_bono.get(coaching, False)
        ),
    )


def _registered_on(regs: Sequence[tuple[str, date | None]]) -> date | None:
    """The earliest registration date of the current (not withdrawn or rejected) registrations,
    from (status, registered on) pairs."""
    current = [r for r in regs if r[0] not in ("withdrawn", "rejected")] or list(regs)
    dates = [on for _status, on in current if on is not None]
    return min(dates) if dates else None


def _part_quarter(year: int, quarter: int, start: date, registered_on: date | None) -> str:
    """`` (from 10 Nov)`` for the quarter the practitioner registered in part-way through."""
    if registered_on is None or start != registered_on or quarter_of(start) != (year, quarter):
        return ""
    if start.day == 1 and start.month in (1, 4, 7, 10):
        return ""
    return f" (from {format_date(start).rsplit(' ', 1)[0]})"


def _reflections(
    learning: Iterable[LearningFacts],
    rel_by_id: Mapping[str, ClientRelationship],
    labels: Mapping[str, str],
    date_from: date | None,
    date_to: date,
) -> tuple[CompetenceGroup, ...]:
    """Learning-log entries of the period grouped by EMCC competence: each entry once, under the
    first of its competences in EMCC's order, and named under each other one it evidences."""
    order = [c.value for c in Competence]
    entries: list[Reflection] = []
    for e in learning:
        if not in_period(e.date, date_from, date_to):
            continue
        rel = rel_by_id.get(e.relationship_id) if e.relationship_id else None
        tags = sorted(
            dict.fromkeys(e.competences or ()),
            key=lambda c: (order.index(c) if c in order else len(order), c),
        )
        entries.append(
            Reflection(
                date=e.date,
                title=e.title,
                client=labels.get(rel.client_id, "") if rel is not None else "",
                what_happened=e.what_happened or "",
                learning=e.learning or "",
                next_time=e.next_time or "",
                competences=tuple(tags),
                number=len(entries) + 1,
            )
        )
    filed: dict[str, list[Reflection]] = defaultdict(list)
    also: dict[str, list[Reflection]] = defaultdict(list)
    for entry in entries:
        first, *others = entry.competences or (NOT_TAGGED,)
        filed[first].append(entry)
        for other in others:
            also[other].append(entry)
    names = [*order, NOT_TAGGED]
    names += sorted((set(filed) | set(also)) - set(names))
    return tuple(
        CompetenceGroup(c, tuple(filed[c]), tuple(also[c]))
        for c in names
        if filed.get(c) or also.get(c)
    )
