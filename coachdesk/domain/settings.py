"""Every setting declared once: key, default, type and what it means (SPEC section 9)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from coachdesk.domain.enums import Band
from coachdesk.domain.reminder_wording import (
    BODY_LIMIT,
    DEFAULT_BODY,
    DEFAULT_SUBJECT,
    SUBJECT_LIMIT,
    template_problem,
)
from coachdesk.domain.validation import email_problem

#: What a setting holds: text, a whole number, on/off, or a list of bands.
SettingValue = str | int | bool | list[str]


@dataclass(frozen=True)
class SettingSpec:
    key: str
    default: SettingValue
    kind: type[SettingValue]
    label: str
    description: str
    minimum: int | None = None
    #: Text: whether it may be left blank, its longest, and any further check (why not, or None).
    blank: bool = False
    max_length: int = 200
    check: Callable[[str], str | None] | None = None


def _blank_or_email(value: str) -> str | None:
    return None if not value.strip() else email_problem(value.strip())


DEFAULT_ELIGIBLE_BANDS = ["4", "5", "6", "7", "8a", "8b", "8c", "8d", "9", "VSM"]

SETTINGS: tuple[SettingSpec, ...] = (
    SettingSpec(
        "hub_name",
        "Coaching and Mentoring Hub",
        str,
        "Hub name",
        "Printed on every report and the window title.",
    ),
    SettingSpec(
        "region",
        "East of England",
        str,
        "Region",
        "The hub's region: the default for new people and the eligibility test.",
    ),
    SettingSpec(
        "eligible_bands",
        DEFAULT_ELIGIBLE_BANDS,
        list,
        "Eligible bands",
        "Agenda for Change bands whose staff may be clients.",
    ),
    SettingSpec(
        "response_days",
        14,
        int,
        "Answer a request within (days)",
        "A pending request is overdue after this many days.",
        1,
    ),
    SettingSpec(
        "recording_days",
        14,
        int,
        "Record a session within (days)",
        "A session must be recorded within this many days of its date.",
        1,
    ),
    SettingSpec(
        "evaluation_grace_days",
        14,
        int,
        "Evaluation grace (days)",
        "Days after an end (or follow-up date) before an evaluation is overdue.",
        0,
    ),
    SettingSpec(
        "followup_months",
        6,
        int,
        "Follow-up after (months)",
        "The client follow-up evaluation falls due this many months after the end.",
        1,
    ),
    SettingSpec(
        "supervision_months",
        3,
        int,
        "Supervision every (months)",
        "An active coach needs supervision at least this often.",
        1,
    ),
    SettingSpec(
        "cpd_months",
        12,
        int,
        "CPD every (months)",
        "An active practitioner needs CPD at least this often.",
        1,
    ),
    SettingSpec(
        "profile_review_months",
        12,
        int,
        "Profile review every (months)",
        "An active practitioner's profile is reviewed at least this often.",
        1,
    ),
    SettingSpec(
        "mentor_minimum_hours",
        12,
        int,
        "Mentor minimum hours a year",
        "The least a mentor may commit to each year.",
        1,
    ),
    SettingSpec(
        "mentor_training_months",
        6,
        int,
        "Mentor training lapses after (months)",
        "A trained mentor with no mentoring relationship for this long is flagged.",
        1,
    ),
    SettingSpec(
        "equality_monitoring",
        False,
        bool,
        "Equality monitoring",
        "Record ethnic group, sex and disability for the equality-of-access report.",
    ),
    SettingSpec(
        "retention_years",
        6,
        int,
        "Keep records for (years)",
        "After a relationship ends or a registration is withdrawn, its records are kept this "
        "long; the dashboard then lists them for deletion. The audit log is kept as long.",
        1,
    ),
    SettingSpec(
        "reminder_quiet_days",
        7,
        int,
        "Remind again after (days)",
        "An alert someone was reminded about is left out of new reminder e-mails for this "
        "many days (unless you ask to remind again).",
        0,
    ),
    SettingSpec(
        "reminder_from",
        "",
        str,
        "Reminders come from (e-mail)",
        "The address reminder e-mails are sent from, shown with the hub's name. Blank: your "
        "mail program fills in your own address when you send them.",
        blank=True,
        max_length=254,
        check=_blank_or_email,
    ),
    SettingSpec(
        "reminder_lead_name",
        "",
        str,
        "Sign reminders as",
        'Your name, as it signs reminder e-mails ({lead_name}). Blank: "The hub lead".',
        blank=True,
    ),
    SettingSpec(
        "reminder_subject",
        DEFAULT_SUBJECT,
        str,
        "Reminder subject",
        "The subject line of reminder e-mails.",
        max_length=SUBJECT_LIMIT,
        check=partial(template_problem, body=False),
    ),
    SettingSpec(
        "reminder_body",
        DEFAULT_BODY,
        str,
        "Reminder wording",
        "The text of reminder e-mails; {items} is where the list of what to do goes.",
        max_length=BODY_LIMIT,
        check=partial(template_problem, body=True),
    ),
)

#: Why equality data is special-category and how coachdesk protects it (shown beside the switch).
EQUALITY_EXPLANATION = (
    "Ethnic group, sex and disability are special-category personal data under UK GDPR "
    "(Article 9): hold them only to monitor equality of opportunity, with the person's "
    'knowledge, and let anyone answer "prefer not to say" or leave them blank. coachdesk '
    "never shows them in a list or table, never prints them about one person (the person "
    "record includes them only when you ask), erases them with the person, and reports them "
    "only in aggregate, with any count from 1 to 7 shown as *. Switching monitoring off hides "
    "the fields and stops collecting; what was recorded stays until the person is erased."
)

SETTINGS_BY_KEY = {s.key: s for s in SETTINGS}
BAND_VALUES = [b.value for b in Band]


@dataclass(frozen=True)
class HubSettings:
    """The settings in force, with the defaults filled in."""

    hub_name: str = "Coaching and Mentoring Hub"
    region: str = "East of England"
    eligible_bands: list[str] = field(default_factory=lambda: list(DEFAULT_ELIGIBLE_BANDS))
    response_days: int = 14
    recording_days: int = 14
    evaluation_grace_days: int = 14
    followup_months: int = 6
    supervision_months: int = 3
    cpd_months: int = 12
    profile_review_months: int = 12
    mentor_minimum_hours: int = 12
    mentor_training_months: int = 6
    equality_monitoring: bool = False
    retention_years: int = 6
    reminder_quiet_days: int = 7
    reminder_from: str = ""
    reminder_lead_name: str = ""
    reminder_subject: str = DEFAULT_SUBJECT
    reminder_body: str = DEFAULT_BODY

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]) -> HubSettings:
        known = {k: v for k, v in values.items() if k in SETTINGS_BY_KEY}
        return cls(**known)

    def as_dict(self) -> dict[str, Any]:
        return {s.key: getattr(self, s.key) for s in SETTINGS}


def validate_setting(key: str, value: object) -> str | None:
    """Why ``value`` is not acceptable for setting ``key``, or None when it is."""
    spec = SETTINGS_BY_KEY.get(key)
    if spec is None:
        return "not a setting coachdesk knows"
    if spec.kind is bool:
        if not isinstance(value, bool):
            return "must be on (true) or off (false)"
    elif spec.kind is int:
        if isinstance(value, bool) or not isinstance(value, int):
            return "must be a whole number"
        if spec.minimum is not None and value < spec.minimum:
            return f"must be at least {spec.minimum}"
    elif spec.kind is str:
        if not isinstance(value, str) or not (value.strip() or spec.blank):
            return "must be some text"
        if len(value) > spec.max_length:
            return f"is longer than {spec.max_length:,} characters"
        if spec.check is not None:
            return spec.check(value)
    elif spec.kind is list:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return "must be a list of bands"
        bad = [v for v in value if v not in BAND_VALUES]
        if bad:
            return f"unknown band {bad[0]!r}"
    return None
