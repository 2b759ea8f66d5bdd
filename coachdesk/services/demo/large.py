"""The large demo: three years of a regional hub, 5,000 people and 150,000 sessions, for timing."""

from __future__ import annotations

from datetime import date, timedelta

from coachdesk.domain.dates import add_months
from coachdesk.services.demo import schedule, vocab
from coachdesk.services.demo.builder import Builder, Plan
from coachdesk.services.exchange.types import PersonRecord, RegistrationRecord

PEOPLE = 5_000
RELATIONSHIPS = 20_000
SESSIONS = 150_000
COACHES = 800
MENTORS = 400
DUAL = 60  # coaches who also mentor
MENTORING_SHARE = 0.22
YEARS = 3


def build_large(b: Builder, scale: float = 1.0) -> None:
    """Fill ``b`` with the large hub; ``scale`` multiplies every count (1.0 is the full size)."""
    rng, today = b.rng, b.today
    n_coach = max(8, round(COACHES * scale))
    n_mentor = max(4, round(MENTORS * scale))
    n_dual = min(n_mentor, round(DUAL * scale))
    n_clients = max(20, round(PEOPLE * scale) - n_coach - (n_mentor - n_dual))
    n_rel = max(10, round(RELATIONSHIPS * scale))
    window = add_months(today, -12 * YEARS)
    book = schedule.SlotBook()
    active: list[tuple[PersonRecord, RegistrationRecord]] = []

    def practitioner() -> PersonRecord:
        return b.person(
            band=b.weighted(vocab.PRACTITIONER_BANDS),
            leadership=rng.random() < 0.25,
            areas=[],
        )

    coaches = [practitioner() for _ in range(n_coach)]
    mentors = coaches[:n_dual] + [practitioner() for _ in range(n_mentor - n_dual)]
    for person in coaches:
        status = b.weighted((("active", 88), ("paused", 4), ("applied", 3), ("withdrawn", 5)))
        reg = _register(b, person, "coach", status, window)
        if reg["status"] == "active":
            free = _day(reg["approved_on"]) + timedelta(days=14)
            book.add(person, "coaching", reg["capacity"], free)
            active.append((person, reg))
    for person in mentors:
        status = b.weighted(
            (("active", 84), ("approved", 5), ("paused", 3), ("withdrawn", 4), ("rejected", 4))
        )
        reg = _register(b, person, "mentor", status, window)
        if reg["status"] == "active":
            free = _day(reg["approved_on"]) + timedelta(days=14)
            book.add(person, "mentoring", reg["capacity"], free)
            active.append((person, reg))

    clients = [_client(b) for _ in range(n_clients)]
    queue = schedule.ClientQueue(clients, window - timedelta(days=30))
    span = (today - timedelta(days=3) - window).days
    starts = [
        (
            window + timedelta(days=int(span * rng.random())),
            "mentoring" if rng.random() < MENTORING_SHARE else "coaching",
        )
        for _ in range(n_rel)
    ]

    def plan_for(kind: str, opened: date) -> Plan:
        coaching = kind == "coaching"
        return Plan(
            kind,
            opened,
            sessions=rng.choice((5, 6, 7, 8, 8, 9)) if coaching else rng.randint(5, 10),
            interval=rng.randint(14, 21) if coaching else rng.randint(14, 28),
            minutes=(60, 75, 90) if coaching else (60, 90),
            open_ended=not coaching and rng.random() < 0.3,
            withdraw_after=rng.randint(1, 3) if rng.random() < 0.05 else None,
            late_rate=0.004,
            miss_rate=0.015,
            notes=rng.random() < 0.1,
        )

    made = schedule.run(b, book, queue, starts, plan_for, (14, 60), (3, 14))
    _match_sessions(b, max(10, round(SESSIONS * scale)))

    # Requests that did not become relationships: pending (a few late), declined, withdrawn.
    practitioners = [p for p, _ in active]
    for _ in range(max(3, n_rel // 60)):
        client, prac = rng.choice(clients), rng.choice(practitioners)
        late = rng.random() < 0.2
        b.request(
            client,
            prac,
            _kind_of(book, prac),
            b.days_ago(rng.randint(15, 40) if late else rng.randint(0, 13)),
        )
    for _ in range(max(2, n_rel // 20)):
        client, prac = rng.choice(clients), rng.choice(practitioners)
        sent = b.days_ago(rng.randint(20, span))
        status = "declined" if rng.random() < 0.7 else "withdrawn"
        b.request(
            client,
            prac,
            _kind_of(book, prac),
            sent,
            status,
            sent + timedelta(days=rng.randint(1, 12)),
        )

    # Development: CPD for everyone active, supervision for coaches, learning-log entries.
    for person, reg in active:
        since = max(window, _day(reg["registered_on"]))
        email = person["email"]
        overdue = rng.random() < 0.03
        d = b.days_ago(rng.randint(380, 500) if overdue else rng.randint(5, 200))
        while d >= since:
            b.cpd_record(email, d, evidence=rng.random() < 0.05)
            d -= timedelta(days=rng.randint(60, 150))
        if reg["kind"] == "coach":
            overdue = rng.random() < 0.04
            d = b.days_ago(rng.randint(95, 160) if overdue else rng.randint(3, 80))
            while d >= since:
                b.supervision_record(email, d)
                d -= timedelta(days=rng.randint(45, 75))
    for m in made:
        if m.held_dates and rng.random() < 0.55:
            day = min(rng.choice(m.held_dates) + timedelta(days=rng.randint(0, 2)), today)
            b.learning_entry(m.record["practitioner"], day, m.record["id"])

    no_agreement = {c["email"] for c in clients if rng.random() < 0.02}
    b.record_agreements(no_agreement)
    _lapses(b, max(1, round(25 * scale)))


def _day(iso: str | None) -> date:
    """A date the builder always sets on these registrations (registered; approved if active)."""
    if iso is None:
        raise ValueError("demo: a registration date is missing")
    return date.fromisoformat(iso)


def _kind_of(book: schedule.SlotBook, person: PersonRecord) -> str:
    return "coaching" if book.has(person, "coaching") else "mentoring"


def _register(
    b: Builder, person: PersonRecord, kind: str, status: str, window: date
) -> RegistrationRecord:
    rng, today = b.rng, b.today
    if rng.random() < 0.7:
        registered = window - timedelta(days=rng.randint(10, 700))
    else:
        registered = b.days_ago(rng.randint(20, (today - window).days))
    approved: date | None = None
    if status not in ("applied", "rejected"):
        approved = registered + timedelta(days=rng.randint(10, 40))
        if approved >= today:
            approved, status = None, "applied"
    reviewed = None
    if status == "active" and approved is not None and (today - approved).days > 60:
        stale = rng.random() < 0.03
        back = rng.randint(370, 480) if stale else rng.randint(10, 330)
        reviewed = b.days_ago(min(back, (today - approved).days - 1))
    coach = kind == "coach"
    trained = not coach and rng.random() < 0.85
    return b.registration(
        person,
        kind,
        status,
        registered,
        approved_on=approved,
        reviewed_on=reviewed,
        capacity=int(
            b.weighted((("2", 25), ("3", 30), ("4", 25), ("5", 12), ("6", 8)))
            if coach
            else b.weighted((("2", 40), ("3", 40), ("4", 20)))
        ),
        org_support_on=None
        if rng.random() < 0.02
        else registered - timedelta(days=rng.randint(5, 30)),
        certificate=rng.random() < 0.97,
        training_on=registered - timedelta(days=rng.randint(20, 120)) if trained else None,
        experience=None if coach or trained else rng.choice(vocab.MENTOR_EXPERIENCE),
        hours_committed=None if coach else rng.randint(12, 20),
    )


def _client(b: Builder) -> PersonRecord:
    rng = b.rng
    band = b.weighted(vocab.CLIENT_BANDS)
    elsewhere = rng.random() < 0.03
    org = rng.choice(vocab.ORGS_ELSEWHERE) if elsewhere else None
    override = None
    if rng.random() < 0.03:
        band = "3"
        override = ("Nominated for the aspiring leaders pilot", b.days_ago(rng.randint(30, 900)))
    leadership = band == "Other" or elsewhere or rng.random() < 0.2
    return b.person(band=band, org=org, leadership=leadership, override=override)


def _match_sessions(b: Builder, target: int) -> None:
    """Make the session count exactly ``target`` by dropping or adding cancelled sessions."""
    total = sum(len(r["sessions"]) for r in b.relationships)
    if total > target:
        excess = total - target
        for status in ("cancelled", "did not attend"):
            for rel in b.relationships:
                if not excess:
                    return
                sessions = rel["sessions"]
                keep = []
                for s in sessions:
                    if excess and s["status"] == status:
                        excess -= 1
                    else:
                        keep.append(s)
                sessions[:] = keep
        return
    missing = target - total
    while missing:
        before = missing
        for rel in b.relationships:
            if not missing:
                break
            sessions = rel["sessions"]
            held = [i for i, s in enumerate(sessions) if s["status"] == "held" and i > 0]
            if rel["status"] != "ended" or not held:
                continue
            i = held[missing % len(held)]
            day = date.fromisoformat(sessions[i]["date"]) - timedelta(days=2)
            if day.isoformat() <= sessions[i - 1]["date"]:
                continue
            sessions.insert(
                i,
                {
                    "id": b.uid(),
                    "type": "regular",
                    "date": day.isoformat(),
                    "minutes": sessions[i]["minutes"],
                    "mode": sessions[i]["mode"],
                    "status": "cancelled",
                    "recorded_on": day.isoformat(),
                    "notes": "",
                },
            )
            missing -= 1
        if missing == before:
            raise RuntimeError("demo: cannot reach the session count")


def _lapses(b: Builder, n: int) -> None:
    """About ``n`` cases each of the lapses the random history rarely produces on its own."""
    rng, today = b.rng, b.today
    overdue = (today - timedelta(days=15)).isoformat()
    current = [r for r in b.relationships if r["status"] == "active"]
    picked = [current[rng.randrange(len(current))] for _ in range(2 * n)] if current else []
    for rel in picked[:n]:  # a past session never recorded
        for s in rel["sessions"]:
            if s["type"] == "regular" and s["status"] == "held" and s["date"] <= overdue:
                s.update({"status": "scheduled", "recorded_on": None})
                break
    for rel in picked[n:]:  # the contracting meeting was cancelled and never held
        rel["sessions"][0]["status"] = "cancelled"
    people = {p["email"]: p for p in b.people}
    for rel in picked[:n]:  # a client who is not eligible and has no override
        client = people[rel["client"]]
        client.update(
            {"band": "3", "job_title": "Healthcare Assistant", "leadership_programme": False}
        )
        client["eligibility_override"] = None
    load: dict[tuple[str, str], int] = {}
    for rel in current:
        key = (rel["practitioner"], rel["kind"])
        load[key] = load.get(key, 0) + 1
    year_ago = add_months(today, -13).isoformat()
    mentors = 0
    for reg in b.registrations:
        if reg["status"] != "active":
            continue
        kind = "coaching" if reg["kind"] == "coach" else "mentoring"
        if load.get((reg["person"], kind), 0) >= 2 and rng.random() < n / 1000:
            reg["capacity"] = 1  # capacity lowered after a change of job
        approved = reg["approved_on"] or ""
        if reg["kind"] == "mentor" and approved < year_ago and mentors < n // 3 + 1:
            reg["hours_committed"] = 60  # an ambitious promise
            mentors += 1
