"""What a reminder asks of a person for each alert: plain words addressed to them, and a due date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from coachdesk.domain.dates import format_date
from coachdesk.domain.hub_facts import PERIOD_RULES, Alert
from coachdesk.domain.settings import HubSettings

#: Alerts nobody but the lead can act on (a session already recorded late; whether a client
#: who is not eligible may go ahead is the lead's decision): never in a reminder.
NOT_REMINDED = frozenset({"session-recorded-late", "eligibility-unmet"})

#: Rules whose ``since`` is the day after the due date (a period passed); a session recorded
#: late is never reminded of.
_DAY_AFTER_DUE = PERIOD_RULES - NOT_REMINDED

#: Rules with no due date of their own (they hold from today): "as soon as you can".
_NO_DUE = frozenset({"capacity-exceeded", "mentor-hours-below-commitment"})

#: The evaluation each evaluation alert is about (its form can go with the reminder).
EVALUATION_OF_RULE = {
    "pre-evaluation-missing": "pre",
    "post-evaluation-missing": "post",
    "practitioner-evaluation-missing": "practitioner-post",
    "followup-evaluation-overdue": "follow-up",
}


@dataclass(frozen=True)
class SubjectFacts:
    """What a reminder names about an alert's subject (blank where the rule needs none)."""

    kind: str = ""  # coaching / mentoring (or a session's type: contracting / regular)
    other: str = ""  # the other party's full name: the client, or the practitioner
    on: date | None = None  # the request's sent date, the session's date, the end date
    capacity: int | None = None


def is_remindable(alert: Alert) -> bool:
    """Whether the person the alert names can do something about it."""
    return alert.rule not in NOT_REMINDED


def due_on(alert: Alert) -> date | None:
    """The day by which the thing was (or is) due; None when the rule has none."""
    if alert.rule in _NO_DUE:
        return None
    if alert.rule in _DAY_AFTER_DUE:
        return alert.since - timedelta(days=1)
    return alert.since  # needed by then: the first regular session, the registration, ...


def ask(alert: Alert, facts: SubjectFacts, settings: HubSettings, kind: str = "") -> str:
    """What the person is asked to do about ``alert``, in plain words addressed to them.

    ``kind`` is the relationship kind (coaching / mentoring) where the subject is a session."""
    rule, f = alert.rule, facts
    on = format_date(f.on) if f.on else "an earlier date"
    work = kind or f.kind or "coaching or mentoring"
    match rule:
        case "request-unanswered":
            return (
                f"Answer the {f.kind} request from {f.other}, sent to you on {on}: please "
                "accept or decline it."
            )
        case "session-not-recorded":
            return (
                f"Let us know how the {f.kind} session of your {work} with {f.other} on {on} "
                "went: whether it was held (and for how long), cancelled, or the client did "
                "not attend."
            )
        case "contracting-missing":
            return (
                f"Let us know the date of the contracting session of your {f.kind} with "
                f"{f.other}: we have none recorded before the first regular session "
                f"on {format_date(alert.since)}."
            )
        case "pre-evaluation-missing":
            return (
                f"Send us the questionnaire you filled in before the first session of your "
                f"{f.kind} with {f.other} ({format_date(alert.since)}), if you completed one."
            )
        case "post-evaluation-missing":
            return (
                f"Fill in the end-of-{f.kind} evaluation for your {f.kind} with {f.other}, "
                f"which ended on {on}."
            )
        case "practitioner-evaluation-missing":
            return (
                f"Fill in the practitioner's evaluation of your {f.kind} with {f.other}, "
                f"which ended on {on}."
            )
        case "followup-evaluation-overdue":
            return (
                f"Fill in the follow-up evaluation for your {f.kind} with {f.other}, which "
                f"ended on {on}: it asks how things have gone since."
            )
        case "supervision-overdue":
            return (
                "Let us know the date, hours and supervisor of your latest coaching "
                f"supervision: we have none recorded in the last {settings.supervision_months} "
                "months."
            )
        case "cpd-overdue":
            return (
                "Send us the details (title, date and hours) of the continuing professional "
                f"development you have done in the last {settings.cpd_months} months."
            )
        case "profile-stale":
            return (
                f"Review your {f.kind} profile with us: your specialisms, capacity and "
                "availability, so that clients are matched with you well."
            )
        case "mentor-training-lapsed":
            return (
                "Let us know whether you are ready to take on a mentee: you have trained as a "
                "mentor and have no mentoring relationship with us yet."
            )
        case "mentor-hours-below-commitment":
            return (
                "Let us know of any mentoring sessions not yet recorded with us: in the last "
                "12 months you have held fewer mentoring hours than you committed to."
            )
        case "accreditation-evidence-missing":
            return "Send us a copy of your coaching accreditation certificate (PDF or photo)."
        case "org-support-missing":
            return (
                f"Send us confirmation that your organisation supports your {f.kind} role, for "
                "example an e-mail from your line manager."
            )
        case "capacity-exceeded":
            capacity = "" if f.capacity is None else f" of {f.capacity}"
            return (
                f"Let us know whether you can work with all your current {f.kind} clients: you "
                f"have more than the capacity{capacity} you gave us."
            )
        case "manager-agreement-missing":
            return (
                f"Ask your line manager to confirm that they agree to your {work} as part of "
                "your personal development plan, and let us know the date they agreed."
            )
    return alert.message  # a rule added later without its own words


def form_words(rule: str, *, attached: bool) -> str:
    """What an evaluation item says of its form: attached to the .eml, or to be asked for (a
    mailto: message cannot carry one); nothing for other rules."""
    if rule not in EVALUATION_OF_RULE:
        return ""
    if attached:
        return (
            " The form is attached: fill it in on screen and save it (or print it and write "
            "on it), then send it back to us."
        )
    return " Reply to this e-mail if you would like the form."


def due_words(due: date | None, today: date) -> str:
    """The due date as a reminder puts it."""
    if due is None:
        return "Please do this as soon as you can."
    if due < today:
        return f"This was due by {format_date(due)}."
    if due == today:
        return "This is due today."
    return f"This is due by {format_date(due)}."
