"""The demo's record factory: people, registrations, relationships and the rest, as bundle dicts."""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import overload

from coachdesk.domain.dates import add_months
from coachdesk.domain.settings import HubSettings, SettingValue
from coachdesk.domain.templates import DEFAULT_TEMPLATES
from coachdesk.services.demo import files, vocab
from coachdesk.services.demo.names import NamePools, email_local
from coachdesk.services.exchange.types import (
    BundleDocument,
    CpdRecord,
    CultureRecord,
    EvaluationRecord,
    HeadcountRecord,
    LearningRecord,
    PersonRecord,
    RegistrationRecord,
    RelationshipRecord,
    RequestRecord,
    SessionRecord,
    SupervisionRecord,
)

_CLIENT_ITEMS = [i["key"] for i in DEFAULT_TEMPLATES[0]["items"]]
_PRACTITIONER_ITEMS = [i["key"] for i in DEFAULT_TEMPLATES[1]["items"]]
_MODES = ("video", "in person", "phone")
_MODE_WEIGHTS = (45, 40, 15)


def _note(rng: random.Random) -> str:
    return rng.choice(vocab.PERSON_NOTES) if rng.random() < 0.12 else ""


@overload
def iso(d: date) -> str: ...
@overload
def iso(d: date | None) -> str | None: ...
def iso(d: date | None) -> str | None:
    return None if d is None else d.isoformat()


@dataclass
class Plan:
    """How one relationship runs: sessions, spacing and how it ends."""

    kind: str
    opened: date
    sessions: int  # planned sessions, the contracting one included
    interval: int  # days between sessions
    minutes: tuple[int, ...] = (60, 75, 90)
    open_ended: bool = False
    withdraw_after: int | None = None  # held sessions before the client withdrew
    contract_gap: int | None = None  # days from opening to contracting; random when None
    jitter: int = 4  # days either side of the planned date
    cancel_rate: float = 0.06
    dna_rate: float = 0.03
    late_rate: float = 0.0  # share of held sessions recorded after the recording period
    miss_rate: float = 0.0  # share of due evaluations never returned
    notes: bool = True


@dataclass
class Made:
    """A relationship just made, with the dates the scheduler needs."""

    record: RelationshipRecord
    busy_until: date  # last day the practitioner's slot is taken
    held_dates: list[date] = field(default_factory=list)


class Builder:
    """Makes records into lists shaped exactly like the ``coachdesk/1`` exchange bundle."""

    def __init__(self, seed: int, today: date, names: NamePools) -> None:
        self.rng = random.Random(seed)
        self.today = today
        self.names = names
        self.people: list[PersonRecord] = []
        self.registrations: list[RegistrationRecord] = []
        self.requests: list[RequestRecord] = []
        self.relationships: list[RelationshipRecord] = []
        self.cpd: list[CpdRecord] = []
        self.supervision: list[SupervisionRecord] = []
        self.learning_log: list[LearningRecord] = []
        self.workforce_headcounts: list[HeadcountRecord] = []
        self.culture_assessments: list[CultureRecord] = []
        self.settings: dict[str, SettingValue] = {}  # settings beyond the hub's name and region
        #: Each person's name tradition and whether drawn as a woman (for equality answers).
        self.drawn: dict[str, tuple[str, bool]] = {}
        self._emails: set[str] = set()
        self._names: set[str] = set()
        self._count = 0

    # --- small helpers ---------------------------------------------------------------------

    def uid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def days_ago(self, n: int) -> date:
        return self.today - timedelta(days=n)

    def months_ago(self, n: int) -> date:
        return add_months(self.today, -n)

    def weighted(self, pairs: tuple[tuple[str, int], ...]) -> str:
        return self.rng.choices([p[0] for p in pairs], [p[1] for p in pairs])[0]

    def _email(self, local: str, domain: str) -> str:
        if not local:
            local = f"staff{self._count:05d}"
        candidate, n = f"{local}@{domain}", 1
        while candidate in self._emails:
            n += 1
            candidate = f"{local}{n}@{domain}"
        self._emails.add(candidate)
        return candidate

    # --- people and the register -----------------------------------------------------------

    def person(
        self,
        *,
        band: str,
        org: tuple[str, str, str, int] | None = None,
        tradition: str | None = None,
        female: bool | None = None,
        first: bool = False,
        job_title: str | None = None,
        leadership: bool = False,
        agreement_on: date | None = None,
        override: tuple[str, date] | None = None,
        areas: list[str] | None = None,
        notes: str | None = None,
    ) -> PersonRecord:
        rng = self.rng
        self._count += 1
        org = org or rng.choices(vocab.ORGS_IN_REGION, [o[3] for o in vocab.ORGS_IN_REGION])[0]
        tradition = tradition or self.names.tradition(rng)
        female = rng.random() < 0.75 if female is None else female
        given, family = self.names.draw(rng, tradition, female, first)
        for _ in range(10):
            if f"{given} {family}" not in self._names:
                break
            given, family = self.names.draw(rng, tradition, female)
        self._names.add(f"{given} {family}")
        m_given, m_family = self.names.draw(rng, self.names.tradition(rng), rng.random() < 0.7)
        person: PersonRecord = {
            "email": self._email(email_local(given, family), org[1]),
            "full_name": f"{given} {family}",
            "organisation": org[0],
            "job_title": job_title or rng.choice(vocab.JOB_TITLES[band]),
            "band": band,
            "region": org[2],
            "manager_name": f"{m_given} {m_family}",
            "manager_email": self._email(email_local(m_given, m_family), org[1]),
            "leadership_programme": leadership,
            "manager_agreement_on": iso(agreement_on),
            "eligibility_override": (
                None if override is None else {"reason": override[0], "on": iso(override[1])}
            ),
            "development_areas": areas
            if areas is not None
            else rng.sample(vocab.DEVELOPMENT_AREAS, 2),
            "notes": notes if notes is not None else _note(rng),
        }
        self.people.append(person)
        self.drawn[person["email"]] = (tradition, female)
        return person

    def registration(
        self,
        person: PersonRecord,
        kind: str,
        status: str,
        registered_on: date,
        *,
        approved_on: date | None = None,
        reviewed_on: date | None = None,
        capacity: int = 2,
        org_support_on: date | None = None,
        certificate: bool = True,
        training_on: date | None = None,
        experience: str | None = None,
        hours_committed: int | None = None,
    ) -> RegistrationRecord:
        rng = self.rng
        coach = kind == "coach"
        programme = rng.choice(vocab.ACCREDITATIONS) if coach else None
        reg: RegistrationRecord = {
            "id": self.uid(),
            "person": person["email"],
            "kind": kind,
            "status": status,
            "registered_on": iso(registered_on),
            "approved_on": iso(approved_on),
            "profile_reviewed_on": iso(reviewed_on),
            "capacity": capacity,
            "specialisms": rng.sample(vocab.DEVELOPMENT_AREAS, rng.randint(2, 3)),
            "ethics_agreed": status not in ("applied", "rejected"),
            "org_support_on": iso(org_support_on),
            "pro_bono": rng.random() < 0.8,
            "accreditation": programme,
            "accreditation_on": iso(registered_on - timedelta(days=rng.randint(60, 900)))
            if coach
            else None,
            "certificate": files.certificate(programme, rng.random() < 0.2).copy()
            if coach and certificate and programme
            else None,
            "training_on": iso(training_on),
            "experience": experience,
            "hours_committed": hours_committed if not coach else None,
        }
        self.registrations.append(reg)
        return reg

    def request(
        self,
        client: PersonRecord,
        practitioner: PersonRecord,
        kind: str,
        sent_on: date,
        status: str = "pending",
        responded_on: date | None = None,
    ) -> RequestRecord:
        req: RequestRecord = {
            "id": self.uid(),
            "client": client["email"],
            "practitioner": practitioner["email"],
            "kind": kind,
            "sent_on": iso(sent_on),
            "status": status,
            "responded_on": iso(responded_on),
        }
        self.requests.append(req)
        return req

    # --- relationships, sessions and evaluations ---------------------------------------------

    def relationship(self, plan: Plan, practitioner: PersonRecord, client: PersonRecord) -> Made:
        """A relationship as it stands today, with its request, sessions and evaluations."""
        rng, today = self.rng, self.today
        day = timedelta(days=1)
        req = self.request(
            client,
            practitioner,
            plan.kind,
            plan.opened - timedelta(days=rng.randint(3, 12)),
            "accepted",
            plan.opened,
        )
        gap = rng.randint(0, 10) if plan.contract_gap is None else plan.contract_gap
        contract_day = plan.opened + timedelta(days=gap)
        mode = rng.choices(_MODES, _MODE_WEIGHTS)[0]
        sessions: list[SessionRecord] = []
        held_dates: list[date] = []
        booked = held = slot = 0
        withdrawn = False
        d = contract_day
        while True:
            if plan.withdraw_after is not None and held >= plan.withdraw_after:
                withdrawn = True
                break
            if held + booked >= plan.sessions or booked >= 2:
                break
            first = slot == 0
            if d >= today:
                status, recorded = "scheduled", None
                booked += 1
            else:
                r = 1.0 if first else rng.random()
                if r < plan.cancel_rate:
                    status = "cancelled"
                elif r < plan.cancel_rate + plan.dna_rate:
                    status = "did not attend"
                else:
                    status = "held"
                    held += 1
                    held_dates.append(d)
                if status == "held" and rng.random() < plan.late_rate:
                    lag = rng.randint(15, 40)
                else:
                    lag = rng.choice((0, 0, 0, 1, 1, 2, 3, 5, 7))
                recorded = min(d + timedelta(days=lag), today)
            sessions.append(
                {
                    "id": self.uid(),
                    "type": "contracting" if first else "regular",
                    "date": d.isoformat(),
                    "minutes": rng.choice((45, 60)) if first else rng.choice(plan.minutes),
                    "mode": mode if rng.random() < 0.75 else rng.choice(_MODES),
                    "status": status,
                    "recorded_on": iso(recorded),
                    "notes": rng.choice(vocab.SESSION_NOTES)
                    if plan.notes and status == "held"
                    else "",
                }
            )
            slot += 1
            d = contract_day + timedelta(
                days=plan.interval * slot + rng.randint(-plan.jitter, plan.jitter)
            )

        ended_on: date | None = None
        end_reason: str | None = None
        if withdrawn:
            status = "withdrawn"
            last = held_dates[-1] if held_dates else contract_day
            ended_on = min(last + timedelta(days=rng.randint(5, 25)), today - day)
            end_reason = rng.choice(vocab.WITHDRAW_REASONS)
        elif held >= plan.sessions and not booked:
            status = "ended"
            ended_on = held_dates[-1]
            end_reason = rng.choice(vocab.END_REASONS)
        elif not held:
            status = "contracting"
        else:
            status = "active"

        area = rng.choice(client["development_areas"] or vocab.DEVELOPMENT_AREAS)
        objectives = list(vocab.OBJECTIVES.get(area, vocab.OBJECTIVES["new leaders"]))
        if rng.random() < 0.4:
            objectives = objectives[:1]
        coaching = plan.kind == "coaching"
        planned_last = contract_day + timedelta(days=plan.interval * (plan.sessions - 1))
        rel: RelationshipRecord = {
            "id": self.uid(),
            "kind": plan.kind,
            "practitioner": practitioner["email"],
            "client": client["email"],
            "request": req["id"],
            "status": status,
            "started_on": plan.opened.isoformat(),
            "planned_end_on": None
            if plan.open_ended
            else iso(planned_last + timedelta(days=14 if coaching else 30)),
            "planned_sessions": None if plan.open_ended else plan.sessions,
            "ended_on": iso(ended_on),
            "end_reason": end_reason,
            "individual_objectives": objectives,
            "organisational_objectives": rng.sample(
                vocab.ORGANISATIONAL_OBJECTIVES, rng.randint(1, 2)
            ),
            "sessions": sessions,
            "evaluations": self._evaluations(plan, contract_day, status, ended_on, len(objectives)),
        }
        self.relationships.append(rel)
        if ended_on is not None:
            busy = ended_on
        else:
            busy = max(planned_last, today) + timedelta(days=plan.interval)
        return Made(rel, busy, held_dates)

    def _evaluations(
        self, plan: Plan, contract_day: date, status: str, ended_on: date | None, n_obj: int
    ) -> list[EvaluationRecord]:
        rng, today = self.rng, self.today
        out: list[EvaluationRecord] = []
        pre_day = plan.opened + timedelta(days=rng.randint(0, (contract_day - plan.opened).days))
        pre = {k: rng.choice((1, 2, 2, 3, 3, 3, 4)) for k in _CLIENT_ITEMS}
        if pre_day < today and rng.random() >= plan.miss_rate:
            out.append(self._evaluation("pre", pre_day, pre, [], ""))
        if status != "ended" or ended_on is None:
            return out
        post = {k: min(5, v + rng.choice((0, 1, 1, 1, 2))) for k, v in pre.items()}
        ratings = [rng.randint(5, 9) for _ in range(n_obj)]
        post_day = ended_on + timedelta(days=rng.randint(0, 12))
        if post_day < today and rng.random() >= plan.miss_rate:
            comment = rng.choice(vocab.CLIENT_COMMENTS)
            out.append(self._evaluation("post", post_day, post, ratings, comment))
        prac_day = ended_on + timedelta(days=rng.randint(0, 12))
        if prac_day < today and rng.random() >= plan.miss_rate:
            answers = {k: rng.choice((3, 4, 4, 5, 5)) for k in _PRACTITIONER_ITEMS}
            comment = rng.choice(vocab.PRACTITIONER_COMMENTS)
            out.append(self._evaluation("practitioner-post", prac_day, answers, [], comment))
        follow_day = add_months(ended_on, 6) + timedelta(days=rng.randint(-12, 12))
        if follow_day < today and rng.random() >= plan.miss_rate:
            follow = {k: max(1, min(5, v + rng.choice((-1, 0, 0, 0, 1)))) for k, v in post.items()}
            kept = [max(0, min(10, r + rng.choice((-1, 0, 0, 1)))) for r in ratings]
            out.append(self._evaluation("follow-up", follow_day, follow, kept, ""))
        return out

    def _evaluation(
        self,
        kind: str,
        day: date,
        answers: dict[str, int],
        ratings: list[int],
        comments: str,
    ) -> EvaluationRecord:
        return {
            "id": self.uid(),
            "kind": kind,
            "completed_on": day.isoformat(),
            "template": "practitioner-default" if kind == "practitioner-post" else "client-default",
            "answers": answers,
            "objective_ratings": ratings,
            "comments": comments,
        }

    # --- practitioner development ------------------------------------------------------------

    def cpd_record(self, email: str, day: date, evidence: bool = False) -> None:
        kind, title, provider, hours = self.rng.choice(vocab.CPD_OFFERS)
        self.cpd.append(
            {
                "id": self.uid(),
                "person": email,
                "date": day.isoformat(),
                "title": title,
                "provider": provider,
                "kind": kind,
                "hours": hours,
                "reflection": self.rng.choice(vocab.CPD_REFLECTIONS),
                "evidence": files.cpd_evidence(title).copy() if evidence else None,
            }
        )

    def supervision_record(self, email: str, day: date) -> None:
        rng = self.rng
        supervisor, qualification = rng.choice(vocab.SUPERVISORS)
        fmt = rng.choices(("one-to-one", "group", "peer"), (40, 45, 15))[0]
        self.supervision.append(
            {
                "id": self.uid(),
                "person": email,
                "date": day.isoformat(),
                "supervisor": supervisor,
                "supervisor_qualification": qualification,
                "format": fmt,
                "hours": 1.0 if fmt == "one-to-one" else rng.choice((1.5, 2.0)),
                "themes": rng.choice(vocab.SUPERVISION_THEMES),
                "reflection": rng.choice(vocab.SUPERVISION_REFLECTIONS),
            }
        )

    def learning_entry(self, email: str, day: date, relationship: str | None) -> None:
        title, happened, learned, next_time, competences = self.rng.choice(vocab.LOG_ENTRIES)
        self.learning_log.append(
            {
                "id": self.uid(),
                "person": email,
                "date": day.isoformat(),
                "relationship": relationship,
                "title": title,
                "what_happened": happened,
                "learning": learned,
                "next_time": next_time,
                "competences": list(competences),
            }
        )

    def every(self, first_back: tuple[int, int], step: tuple[int, int], since: date) -> list[date]:
        """Dates going back from today: the latest ``first_back`` days ago, then every ``step``."""
        out: list[date] = []
        d = self.days_ago(self.rng.randint(*first_back))
        while d >= since:
            out.append(d)
            d -= timedelta(days=self.rng.randint(*step))
        return out[::-1]

    def record_agreements(self, without: set[str]) -> None:
        """Line manager agreement, recorded shortly before each client's first request."""
        first: dict[str, str] = {}
        for req in self.requests:
            client = req["client"]
            if client not in first or req["sent_on"] < first[client]:
                first[client] = req["sent_on"]
        for person in self.people:
            sent = first.get(person["email"])
            if sent is None or person["email"] in without:
                continue
            agreed = date.fromisoformat(sent) - timedelta(days=self.rng.randint(2, 21))
            person["manager_agreement_on"] = agreed.isoformat()

    # --- the bundle --------------------------------------------------------------------------

    def bundle(self) -> BundleDocument:
        settings = HubSettings(hub_name=vocab.HUB_NAME, region=vocab.REGION).as_dict()
        settings.update(self.settings)
        bundle: BundleDocument = {
            "format": "coachdesk/1",
            "exported_at": f"{self.today.isoformat()}T09:00:00Z",
            "settings": settings,
            "people": self.people,
            "registrations": self.registrations,
            "requests": self.requests,
            "relationships": self.relationships,
            "cpd": self.cpd,
            "supervision": self.supervision,
            "learning_log": self.learning_log,
        }
        if self.workforce_headcounts:
            bundle["workforce_headcounts"] = self.workforce_headcounts
        if self.culture_assessments:
            bundle["culture_assessments"] = self.culture_assessments
        return bundle
