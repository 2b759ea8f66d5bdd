"""Reminders (SPEC 11): who has something to do today, what to ask of them, and the record kept."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from coachdesk.domain.dates import format_date
from coachdesk.domain.hub_facts import Alert
from coachdesk.domain.reminder_items import (
    SubjectFacts,
    ask,
    due_on,
    due_words,
    form_words,
    is_remindable,
)
from coachdesk.domain.reminder_wording import UNNAMED_LEAD, fill, first_name
from coachdesk.domain.settings import HubSettings
from coachdesk.services.changes import Changes, Outcome, RecordKind
from coachdesk.services.compliance import alerts
from coachdesk.services.reminder_subjects import subject_facts
from coachdesk.services.settings import load_in
from coachdesk.storage.models import Person, Reminder
from coachdesk.storage.uow import Database, UnitOfWork

#: The subject a reminder stores for an alert about the person themself (a client rule).
PERSON_SUBJECT = "person"


@dataclass(frozen=True)
class ReminderItem:
    """One alert as a reminder lists it."""

    rule: str
    person: str  # the e-mail of the person reminded
    subject_kind: str
    subject_id: str
    relationship: str | None
    text: str  # what the person is asked to do, and by when
    due_on: date | None
    reminded_on: date | None  # the last reminder that listed it, if any

    @property
    def stored_subject(self) -> str | None:
        """The subject as a reminder records it: None for the person themself."""
        return None if self.subject_kind == PERSON_SUBJECT else self.subject_id


@dataclass(frozen=True)
class ReminderDraft:
    """The e-mail for one person: what it lists and its words, not yet written anywhere."""

    person_id: str
    email: str
    full_name: str
    items: tuple[ReminderItem, ...]
    subject: str
    body: str


@dataclass(frozen=True)
class HeldBack:
    """Someone left out because every alert of theirs was reminded within the quiet period."""

    full_name: str
    email: str
    count: int
    last_reminded: date


@dataclass(frozen=True)
class ReminderPlan:
    """The reminders that would be drafted on ``today`` (SPEC 11)."""

    today: date
    hub_name: str
    sender: str  # the From address from Settings ("" when none is set)
    quiet_days: int
    again: bool
    drafts: tuple[ReminderDraft, ...]
    held_back: tuple[HeldBack, ...]

    def draft_for(self, person_id: str) -> ReminderDraft | None:
        return next((d for d in self.drafts if d.person_id == person_id), None)


@dataclass(frozen=True)
class Recorded:
    """The reminders recorded by one call: one per person, with what each covered."""

    today: date
    drafts: tuple[ReminderDraft, ...]
    reminder_ids: tuple[str, ...]


def _alert_key(rule: str, subject: str | None, person_id: str) -> tuple[str, str]:
    return rule, subject if subject is not None else person_id


def last_reminded_in(uow: UnitOfWork) -> dict[tuple[str, str], date]:
    """The day each alert was last reminded about, by (rule, subject id)."""
    rows = uow.session.execute(
        select(Reminder.person_id, Reminder.drafted_on, Reminder.alerts)
    ).all()
    out: dict[tuple[str, str], date] = {}
    for person_id, drafted_on, covered in rows:
        for item in covered or ():
            key = _alert_key(str(item.get("rule")), item.get("subject"), person_id)
            if key not in out or out[key] < drafted_on:
                out[key] = drafted_on
    return out


def last_reminded(db: Database) -> dict[tuple[str, str], date]:
    """For the dashboard: the day each alert was last reminded about, by (rule, subject id)."""
    with db.uow() as uow:
        return last_reminded_in(uow)


def reminded_on(alert: Alert, reminded: Mapping[tuple[str, str], date]) -> date | None:
    """When ``alert`` was last reminded about (``reminded`` from last_reminded), or None."""
    return reminded.get((alert.rule, alert.subject_id))


def _body_items(items: Iterable[ReminderItem]) -> str:
    return "\n\n".join(f"{n}. {item.text}" for n, item in enumerate(items, start=1))


def _words(
    settings: HubSettings, full_name: str, items: tuple[ReminderItem, ...], today: date
) -> tuple[str, str]:
    values = {
        "first_name": first_name(full_name),
        "full_name": full_name,
        "hub": settings.hub_name,
        "region": settings.region,
        "lead_name": settings.reminder_lead_name.strip() or UNNAMED_LEAD,
        "items": _body_items(items),
        "count": str(len(items)),
        "today": format_date(today),
    }
    return fill(settings.reminder_subject, values), fill(settings.reminder_body, values)


def plan_in(
    uow: UnitOfWork, found: list[Alert], today: date, *, again: bool, forms: bool = True
) -> ReminderPlan:
    """The plan from ``found`` (today's alerts) inside an open unit of work; ``forms``: the
    e-mails carry the evaluation forms (an .eml), or not (a mailto: message)."""
    settings = load_in(uow)
    reminded = last_reminded_in(uow)
    facts = subject_facts(uow, found)
    people = {
        pid: (name, email)
        for pid, name, email in uow.session.execute(
            select(Person.id, Person.full_name, Person.email).where(
                Person.id.in_({a.person_id for a in found})
            )
        )
    }
    by_person: dict[str, list[ReminderItem]] = {}
    held: dict[str, list[date]] = {}
    for alert in found:
        if not is_remindable(alert) or alert.person_id not in people:
            continue
        fact, kind = facts.get((alert.rule, alert.subject_id), (SubjectFacts(), ""))
        last = reminded.get((alert.rule, alert.subject_id))
        if not again and last is not None and (today - last).days < settings.reminder_quiet_days:
            held.setdefault(alert.person_id, []).append(last)
            continue
        due = due_on(alert)
        words = ask(alert, fact, settings, kind)
        by_person.setdefault(alert.person_id, []).append(
            ReminderItem(
                rule=alert.rule,
                person=alert.person,
                subject_kind=alert.subject_kind,
                subject_id=alert.subject_id,
                relationship=alert.relationship,
                text=f"{words} {due_words(due, today)}{form_words(alert.rule, attached=forms)}",
                due_on=due,
                reminded_on=last,
            )
        )
    drafts = []
    for pid, items in by_person.items():
        name, email = people[pid]
        listed = tuple(sorted(items, key=lambda i: (i.due_on or today, i.rule, i.subject_id)))
        subject, body = _words(settings, name, listed, today)
        drafts.append(ReminderDraft(pid, email, name, listed, subject, body))
    drafts.sort(key=lambda d: (d.full_name.casefold(), d.email))
    held_back = sorted(
        (
            HeldBack(people[pid][0], people[pid][1], len(days), max(days))
            for pid, days in held.items()
            if pid not in by_person
        ),
        key=lambda h: (h.full_name.casefold(), h.email),
    )
    return ReminderPlan(
        today=today,
        hub_name=settings.hub_name,
        sender=settings.reminder_from.strip(),
        quiet_days=settings.reminder_quiet_days,
        again=again,
        drafts=tuple(drafts),
        held_back=tuple(held_back),
    )


def plan_reminders(
    db: Database, today: date | None = None, *, again: bool = False, forms: bool = True
) -> ReminderPlan:
    """Who would get a reminder on ``today`` and what it would say (nothing is recorded).

    Alerts reminded about within the quiet period (a setting) are left out unless ``again``;
    ``forms`` False words the e-mails for a mail program's new message (no forms attached)."""
    today = today or db.clock.today()
    found = alerts(db, today)
    with db.uow() as uow:
        return plan_in(uow, found, today, again=again, forms=forms)


def record_in(uow: UnitOfWork, drafts: Iterable[ReminderDraft], today: date) -> list[str]:
    """Record one reminder per draft inside an open unit of work; returns their ids."""
    rows = [
        Reminder(
            person_id=d.person_id,
            drafted_on=today,
            alerts=[{"rule": i.rule, "subject": i.stored_subject} for i in d.items],
        )
        for d in drafts
    ]
    uow.session.add_all(rows)
    uow.flush()
    return [r.id for r in rows]


def chosen(plan: ReminderPlan, people: Collection[str] | None) -> tuple[ReminderDraft, ...]:
    """The plan's drafts for ``people`` (person ids; None: everyone)."""
    if people is None:
        return plan.drafts
    return tuple(d for d in plan.drafts if d.person_id in people)


def record_reminders(
    db: Database,
    people: Collection[str] | None = None,
    today: date | None = None,
    *,
    again: bool = False,
) -> Outcome[Recorded]:
    """Record the reminders of today's plan for ``people`` (person ids; None: everyone), as when
    the lead opens them in the mail program instead of writing files."""
    today = today or db.clock.today()
    found = alerts(db, today)
    with db.uow() as uow:
        plan = plan_in(uow, found, today, again=again)
        drafts = chosen(plan, people)
        ids = record_in(uow, drafts, today)
        uow.commit()
    changes = Changes.of(RecordKind.REMINDER, *ids) if ids else Changes()
    return Outcome(Recorded(today, drafts, tuple(ids)), changes)
