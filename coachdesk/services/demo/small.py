"""The small demo: a year in a 60-person hub, mostly healthy, with a clear case of every rule."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from coachdesk.domain.dates import add_months
from coachdesk.services.demo import schedule, vocab
from coachdesk.services.demo.builder import Builder, Made, Plan
from coachdesk.services.demo.insight import add_insight
from coachdesk.services.exchange.types import PersonRecord, RegistrationRecord, SessionRecord

#: The names from other traditions among the 60 people (the rest are en_GB).
_OTHERS = (
    "polish",
    "polish",
    "greek",
    "yoruba",
    "yoruba",
    "filipino",
    "filipino",
    "tamil",
    "romanian",
    "ghanaian",
    "indian",
    "portuguese",
    "lithuanian",
    "turkish",
    "greek",
)
_GUARANTEED = frozenset({"polish", "greek", "yoruba"})
_POOL_CLIENTS = 30
_SCHEDULED_STARTS = 16


class SmallHub:
    """Builds the small demo into a Builder; each planted case is a method with its story."""

    def __init__(self, b: Builder) -> None:
        self.b = b
        self.rng = b.rng
        self.today = b.today
        others = list(_OTHERS)
        self._traditions = ["british"] * (60 - len(others)) + others
        self.rng.shuffle(self._traditions)
        self._seen: set[str] = set()
        self.made: dict[str, list[Made]] = {}  # practitioner e-mail -> relationships
        self.no_agreement: set[str] = set()  # clients whose manager has not yet agreed
        self.book = schedule.SlotBook()

    # --- people -------------------------------------------------------------------------------

    def _tradition(self) -> tuple[str, bool]:
        tradition = self._traditions.pop() if self._traditions else "british"
        first = tradition in _GUARANTEED and tradition not in self._seen
        self._seen.add(tradition)
        return tradition, first

    def practitioner(
        self, band: str | None = None, *, job_title: str | None = None
    ) -> PersonRecord:
        tradition, first = self._tradition()
        return self.b.person(
            band=band or self.b.weighted(vocab.PRACTITIONER_BANDS),
            tradition=tradition,
            first=first,
            leadership=self.rng.random() < 0.25,
            areas=[],
            job_title=job_title,
        )

    def client(
        self,
        band: str | None = None,
        *,
        agreement: bool = True,
        leadership: bool | None = None,
        job_title: str | None = None,
        override: tuple[str, date] | None = None,
        org: tuple[str, str, str, int] | None = None,
    ) -> PersonRecord:
        tradition, first = self._tradition()
        band = band or self.b.weighted(vocab.CLIENT_BANDS)
        drawn = band == "Other" or self.rng.random() < 0.2  # drawn even when given: same stream
        person = self.b.person(
            band=band,
            tradition=tradition,
            first=first,
            leadership=drawn if leadership is None else leadership,
            job_title=job_title,
            override=override,
            org=org,
        )
        if not agreement:
            self.no_agreement.add(person["email"])
        return person

    # --- registrations ------------------------------------------------------------------------

    def _dates(self, months: int, approved: bool) -> tuple[date, date | None]:
        registered = self.b.months_ago(months) - timedelta(days=self.rng.randint(0, 20))
        if not approved:
            return registered, None
        return registered, registered + timedelta(days=self.rng.randint(14, 35))

    def _review(self, approved: date | None) -> date | None:
        if approved is None or (self.today - approved).days < 60:
            return None
        age = (self.today - approved).days
        return self.b.days_ago(self.rng.randint(20, min(300, age - 1)))

    def coach(
        self,
        person: PersonRecord,
        months: int,
        *,
        status: str = "active",
        capacity: int = 2,
        certificate: bool = True,
        reviewed_on: date | None = None,
        schedule_slots: bool = True,
    ) -> RegistrationRecord:
        registered, approved = self._dates(months, status not in ("applied", "rejected"))
        reg = self.b.registration(
            person,
            "coach",
            status,
            registered,
            approved_on=approved,
            reviewed_on=reviewed_on or (self._review(approved) if status == "active" else None),
            capacity=capacity,
            org_support_on=registered - timedelta(days=self.rng.randint(5, 30)),
            certificate=certificate,
        )
        if schedule_slots and approved is not None:
            self.book.add(person, "coaching", capacity, approved + timedelta(days=14))
        return reg

    def mentor(
        self,
        person: PersonRecord,
        months: int,
        *,
        status: str = "active",
        capacity: int = 2,
        hours: int = 12,
        training_on: date | None = None,
        trained: bool = True,
        org_support: bool = True,
    ) -> RegistrationRecord:
        registered, approved = self._dates(months, status not in ("applied", "rejected"))
        if trained and training_on is None:
            training_on = registered - timedelta(days=self.rng.randint(20, 90))
        return self.b.registration(
            person,
            "mentor",
            status,
            registered,
            approved_on=approved,
            reviewed_on=self._review(approved) if status == "active" else None,
            capacity=capacity,
            org_support_on=registered - timedelta(days=self.rng.randint(5, 30))
            if org_support
            else None,
            training_on=training_on if trained else None,
            experience=None if trained or status == "rejected" else vocab.MENTOR_EXPERIENCE[0],
            hours_committed=hours,
        )

    # --- relationships ------------------------------------------------------------------------

    def relate(self, plan: Plan, practitioner: PersonRecord, client: PersonRecord) -> Made:
        made = self.b.relationship(plan, practitioner, client)
        self.made.setdefault(practitioner["email"], []).append(made)
        self.book.book(practitioner, made, rest=self.rng.randint(7, 30))
        return made

    def ending(self, kind: str, end: date, sessions: int = 6, interval: int = 28) -> Plan:
        """A relationship whose last session is ``end`` (all sessions held, no jitter)."""
        opened = end - timedelta(days=interval * (sessions - 1) + 3)
        minutes = (60, 75, 90) if kind == "coaching" else (90,)
        return Plan(
            kind,
            opened,
            sessions,
            interval,
            minutes,
            contract_gap=3,
            jitter=0,
            cancel_rate=0.0,
            dna_rate=0.0,
        )

    def running(self, kind: str, opened: date, sessions: int = 6, interval: int = 28) -> Plan:
        """A relationship opened on ``opened`` that runs on a fixed rhythm (no cancellations)."""
        minutes = (60, 75, 90) if kind == "coaching" else (90,)
        return Plan(
            kind,
            opened,
            sessions,
            interval,
            minutes,
            open_ended=kind == "mentoring",
            contract_gap=3,
            jitter=0,
            cancel_rate=0.0,
            dna_rate=0.0,
        )

    def coaching_plan(self, kind: str, opened: date) -> Plan:
        rng = self.rng
        return Plan(
            kind,
            opened,
            sessions=rng.randint(4, 6),
            interval=rng.randint(21, 35),
            withdraw_after=rng.randint(2, 3) if rng.random() < 0.08 else None,
        )

    # --- development records ------------------------------------------------------------------

    def back_from(self, latest: date, step: tuple[int, int], since: date) -> list[date]:
        out = []
        d = latest
        while d >= since:
            out.append(d)
            d -= timedelta(days=self.rng.randint(*step))
        return out[::-1]

    def develop(
        self,
        person: PersonRecord,
        since: date,
        *,
        supervision: bool,
        cpd_latest: date | None = None,
        supervision_latest: date | None = None,
    ) -> None:
        b, rng = self.b, self.rng
        latest = cpd_latest or b.days_ago(rng.randint(10, 150))
        for d in self.back_from(latest, (60, 150), since):
            b.cpd_record(person["email"], d, evidence=rng.random() < 0.25)
        if supervision:
            latest = supervision_latest or b.days_ago(rng.randint(5, 70))
            for d in self.back_from(latest, (45, 75), since):
                b.supervision_record(person["email"], d)
        for made in self.made.get(person["email"], []):
            for d in made.held_dates[1:]:
                if rng.random() < 0.3:
                    day = min(d + timedelta(days=rng.randint(0, 2)), self.today)
                    b.learning_entry(person["email"], day, made.record["id"])
        for d in self.back_from(b.days_ago(rng.randint(15, 90)), (80, 160), since):
            b.learning_entry(person["email"], d, None)


def build_small(b: Builder) -> None:
    """Fill ``b`` with the small demo hub."""
    hub = SmallHub(b)
    T = b.today
    rng = b.rng
    days = b.days_ago
    months = b.months_ago

    # Practitioners: 13 active coaches (two also mentor), 8 more mentors, and the odd ones out.
    coaches = [hub.practitioner() for _ in range(10)]
    coach_regs = [
        hub.coach(p, rng.randint(16, 36), capacity=rng.choice((2, 2, 3))) for p in coaches
    ]
    # Profile review due within the fortnight (healthy today).
    coach_regs[1]["profile_reviewed_on"] = (add_months(T, -12) + timedelta(days=7)).isoformat()
    c_supov = hub.practitioner(job_title="Senior Organisational Development Consultant", band="8a")
    hub.coach(c_supov, 26)
    c_stale = hub.practitioner()
    hub.coach(c_stale, 30, reviewed_on=months(15))
    c_cap = hub.practitioner(band="8b", job_title="Head of Nursing")
    hub.coach(c_cap, 20, capacity=2, schedule_slots=False)
    c_paused = hub.practitioner()
    hub.coach(c_paused, 28, status="paused", schedule_slots=False)
    c_applied = hub.practitioner(band="7", job_title="Practice Development Nurse")
    hub.coach(c_applied, 0, status="applied", certificate=False, schedule_slots=False)
    c_withdrawn = hub.practitioner(band="8c")
    hub.coach(c_withdrawn, 34, status="withdrawn", certificate=False, schedule_slots=False)

    m01, m02 = coaches[0], coaches[1]
    m03, m04 = hub.practitioner(), hub.practitioner()
    hub.mentor(m01, 20, capacity=1)
    hub.mentor(m02, 24, capacity=2, hours=14)
    hub.mentor(m03, 22, capacity=2, trained=False)
    hub.mentor(m04, 26, capacity=2, hours=15)
    m_hours = hub.practitioner(band="8a", job_title="Matron")
    hub.mentor(m_hours, 20, capacity=2, hours=24)
    m_cpd = hub.practitioner()
    hub.mentor(m_cpd, 28, capacity=1)
    m_org = hub.practitioner(band="7", job_title="Finance Business Partner")
    hub.mentor(m_org, 5, capacity=1, org_support=False, training_on=months(7))
    m_lapsed = hub.practitioner()
    hub.mentor(m_lapsed, 10, status="approved", training_on=months(9) - timedelta(days=10))
    m_newly = hub.practitioner()
    hub.mentor(m_newly, 5, status="approved", training_on=add_months(T, -6) + timedelta(days=6))
    m_rejected = hub.practitioner(band="6")
    hub.mentor(m_rejected, 4, status="rejected", trained=False)

    # Clients: 30 in the queue, six with a story of their own.
    pool = [hub.client() for _ in range(_POOL_CLIENTS)]
    # One client's line manager is on the register as a coach (matching must avoid the pair).
    pool[0].update(
        {
            "organisation": coaches[4]["organisation"],
            "region": coaches[4]["region"],
            "manager_name": coaches[4]["full_name"],
            "manager_email": coaches[4]["email"],
        }
    )
    queue = schedule.ClientQueue(pool, months(14))
    in_pool = {c["email"] for c in pool}
    k_req_late = hub.client("6", job_title="Charge Nurse")
    k_req_soon = hub.client("5", job_title="Physiotherapist")
    k_noagree = hub.client("7", agreement=False, job_title="Ward Manager")
    k_inelig = hub.client("3", leadership=False, job_title="Healthcare Assistant")
    k_override = hub.client(
        "3",
        leadership=False,
        job_title="Senior Administrator",
        override=("Nominated by the Director of Nursing for the aspiring leaders pilot", days(130)),
    )
    k_elsewhere = hub.client(
        "6", org=vocab.ORGS_ELSEWHERE[0], leadership=True, job_title="Community Mental Health Nurse"
    )

    def relate(plan: Plan, practitioner: PersonRecord, client: PersonRecord | None = None) -> Made:
        client = client or queue.take(plan.opened, practitioner)
        made = hub.relate(plan, practitioner, client)
        if client["email"] in in_pool:
            queue.release(client, made.busy_until + timedelta(days=rng.randint(60, 200)))
        return made

    def drop(made: Made, *kinds: str) -> None:
        evs = made.record["evaluations"]
        evs[:] = [e for e in evs if e["kind"] not in kinds]

    def session_on(made: Made, day: date) -> SessionRecord:
        for s in made.record["sessions"]:
            if s["date"] == day.isoformat():
                return s
        raise RuntimeError(f"demo: no session on {day}")

    # --- one clear case of each rule, and things falling due ----------------------------------
    # post-evaluation-missing: ended two months ago; the coach returned hers, the client did not.
    drop(relate(hub.ending("coaching", days(60)), coaches[2]), "post")
    # practitioner-evaluation-missing: ended 45 days ago, client form in, coach's form not.
    drop(relate(hub.ending("coaching", days(45)), coaches[3]), "practitioner-post")
    # followup-evaluation-overdue: ended eight months ago, no six-month follow-up.
    drop(relate(hub.ending("coaching", months(8)), coaches[4]), "follow-up")
    # Falling due: ended five days ago, neither end-of-relationship form in yet.
    drop(relate(hub.ending("coaching", days(5)), coaches[5]), "post", "practitioner-post")
    # contracting-missing: the contracting meeting was cancelled and never held.
    made = relate(hub.running("coaching", days(75), 6, 21), coaches[6])
    made.record["sessions"][0]["status"] = "cancelled"
    # pre-evaluation-missing: the client never returned the pre form.
    drop(relate(hub.running("coaching", days(90), 6, 28), coaches[7]), "pre")
    # session-recorded-late: the session of 72 days ago was entered 20 days after it.
    made = relate(hub.running("coaching", days(150), 7, 25), coaches[8])
    late = session_on(made, days(72))
    late["recorded_on"] = days(52).isoformat()
    # session-not-recorded: 23 days ago, still "scheduled"; and one two days ago (falling due).
    made = relate(hub.running("coaching", days(110), 7, 21), coaches[9])
    for day in (days(23), days(2)):
        s = session_on(made, day)
        s.update({"status": "scheduled", "recorded_on": None, "notes": ""})
    # A client who withdrew after two sessions.
    relate(Plan("coaching", days(160), 6, 28, withdraw_after=2), coaches[8])
    # manager-agreement-missing: an active relationship with no line manager agreement.
    relate(hub.running("coaching", days(40), 6, 28), coaches[1], k_noagree)
    # eligibility-unmet: a band 3 client, no override, contracting under way.
    relate(Plan("coaching", days(8), 6, 28, contract_gap=12), coaches[0], k_inelig)
    # Eligible by override and by the leadership programme (healthy).
    relate(hub.running("coaching", days(70), 6, 28), coaches[4], k_override)
    relate(hub.running("coaching", days(50), 5, 28), coaches[5], k_elsewhere)
    # capacity-exceeded: capacity 2, three current coaching relationships.
    relate(hub.ending("coaching", days(200)), c_cap)
    relate(hub.running("coaching", days(150), 6, 30), c_cap)
    relate(hub.running("coaching", days(60), 6, 28), c_cap)
    relate(Plan("coaching", days(12), 6, 28, contract_gap=14), c_cap)
    # The paused and the withdrawn coach each finished a relationship before they stepped back.
    relate(hub.ending("coaching", months(9)), c_paused)
    relate(hub.ending("coaching", months(11)), c_withdrawn)

    # Mentoring: healthy mentors have a current mentee (monthly, 90 minutes) and some history.
    def current(mentor: PersonRecord, client: PersonRecord | None = None) -> Made:
        return relate(hub.running("mentoring", days(rng.randint(290, 330)), 16, 30), mentor, client)

    current(m01)
    relate(hub.ending("mentoring", months(11), 10, 30), m02)
    current(m02)
    # Falling due: the follow-up of a relationship that ended six months ago.
    drop(
        relate(hub.ending("mentoring", add_months(T, -6) - timedelta(days=4), 8, 30), m03),
        "follow-up",
    )
    current(m03)
    relate(hub.ending("mentoring", months(10), 10, 30), m04)
    # A coach who is also a mentee (on the leadership programme, so eligible whatever her band).
    coaches[3]["leadership_programme"] = True
    current(m04, coaches[3])
    current(m_cpd)
    relate(hub.running("mentoring", days(85), 12, 30), m_org)
    # mentor-hours-below-commitment: 24 hours promised, hour-long sessions, many cancelled.
    relate(
        Plan("mentoring", months(10), 12, 30, (60,), open_ended=True, cancel_rate=0.3, jitter=2),
        m_hours,
    )

    # The rest of the year's coaching, in whichever coach has room.
    starts = [(days(rng.randint(3, 365)), "coaching") for _ in range(_SCHEDULED_STARTS)]
    for made in schedule.run(b, hub.book, queue, starts, hub.coaching_plan, (60, 200)):
        hub.made.setdefault(made.record["practitioner"], []).append(made)

    # Requests that did not become relationships.
    b.request(k_req_late, coaches[0], "coaching", days(24))  # request-unanswered
    b.request(k_req_soon, m03, "mentoring", days(6))  # falling due
    b.request(pool[5], c_cap, "coaching", days(40), "declined", days(33))
    b.request(pool[7], coaches[2], "coaching", days(150), "declined", days(141))
    b.request(pool[9], m02, "mentoring", days(95), "withdrawn", days(90))

    # Development: CPD, supervision and the learning log.
    since = months(13)
    for p in coaches:
        hub.develop(p, since, supervision=True)
    hub.develop(c_supov, since, supervision=True, supervision_latest=days(140))  # overdue
    hub.develop(c_stale, since, supervision=True)
    hub.develop(c_cap, since, supervision=True)
    hub.develop(
        c_paused, months(30), supervision=True, cpd_latest=days(200), supervision_latest=days(190)
    )
    for p in (m03, m04, m_hours, m_org):
        hub.develop(p, since, supervision=rng.random() < 0.5)
    hub.develop(m_cpd, months(30), supervision=False, cpd_latest=months(14))  # cpd-overdue
    hub.develop(m_lapsed, months(9), supervision=False)
    hub.develop(m_newly, months(5), supervision=False)
    # Falling due: one coach's last supervision was nearly three months ago.
    _set_latest_supervision(b, coaches[0], add_months(T, -3) + timedelta(days=9))

    b.record_agreements(hub.no_agreement)
    _ensure_variety(b)
    add_insight(b)  # last: its own random stream, so nothing above changes


def _set_latest_supervision(b: Builder, person: PersonRecord, day: date) -> None:
    """Drop ``person``'s supervision after ``day`` and make ``day`` the latest."""
    email = person["email"]
    kept = [s for s in b.supervision if s["person"] != email or s["date"] < day.isoformat()]
    b.supervision[:] = kept
    b.supervision_record(email, day)


def _ensure_variety(b: Builder) -> None:
    """Every session status, CPD kind and supervision format appears at least once."""
    statuses = {s["status"] for r in b.relationships for s in r["sessions"]}
    if "did not attend" not in statuses:
        for rel in b.relationships:
            regular = [
                s for s in rel["sessions"] if s["type"] == "regular" and s["status"] == "held"
            ]
            if rel["status"] == "ended" and rel["kind"] == "coaching" and len(regular) >= 3:
                regular[1].update({"status": "did not attend", "notes": ""})
                break
    for kind, title, provider, hours in vocab.CPD_OFFERS:
        counts = Counter(c["kind"] for c in b.cpd)
        if counts[kind]:
            continue
        spare = next((c for c in b.cpd if counts[c["kind"]] > 1), None)
        if spare is not None:
            spare.update({"kind": kind, "title": title, "provider": provider, "hours": hours})
    for fmt in ("one-to-one", "group", "peer"):
        counts = Counter(s["format"] for s in b.supervision)
        if counts[fmt]:
            continue
        other = next((s for s in b.supervision if counts[s["format"]] > 1), None)
        if other is not None:
            other["format"] = fmt
