"""Fields by the names the lead sees on screen, for problems: "Full name is longer than 200…"."""

from __future__ import annotations

import re

#: Each input field's label in the app's forms (the services' field keys are for code only).
LABELS: dict[str, str] = {
    # person
    "full_name": "Full name",
    "email": "E-mail",
    "organisation": "Organisation",
    "job_title": "Job title",
    "band": "AfC band",
    "region": "Region",
    "manager_name": "Line manager",
    "manager_email": "Manager's e-mail",
    "leadership_programme": "Leadership programme",
    "manager_agreement_on": "Manager's agreement",
    "development_areas": "Development areas",
    "notes": "Notes",
    "reason": "Reason",
    "on": "Date",
    # registration
    "kind": "Kind",
    "status": "Status",
    "registered_on": "Registered on",
    "approved_on": "Approved on",
    "profile_reviewed_on": "Profile reviewed on",
    "org_support_on": "Organisational support",
    "accreditation": "Accreditation",
    "accreditation_on": "Date achieved",
    "certificate": "Certificate",
    "training_on": "Training completed on",
    "experience": "Experience statement",
    "hours_committed": "Hours committed a year",
    "capacity": "Capacity",
    "specialisms": "Specialisms",
    "ethics_agreed": "EMCC Code of Ethics agreed",
    "pro_bono": "Pro bono",
    "icf_hours": "Hours for ICF",
    # CPD, supervision, learning log
    "date": "Date",
    "title": "Title",
    "provider": "Provider",
    "hours": "Hours",
    "reflection": "Reflection",
    "evidence": "Evidence",
    "supervisor": "Supervisor",
    "supervisor_qualification": "Qualification",
    "format": "Format",
    "themes": "Themes",
    "relationship": "Relationship",
    "what_happened": "What happened",
    "learning": "What I learned",
    "next_time": "What I will do differently",
    "competences": "EMCC competences",
    # requests, relationships, sessions
    "practitioner": "Practitioner",
    "client": "Client",
    "sent_on": "Sent on",
    "responded_on": "Answered on",
    "started_on": "Started on",
    "planned_end_on": "Planned end",
    "planned_sessions": "Planned sessions",
    "ended_on": "Ended on",
    "end_reason": "End reason",
    "individual_objectives": "Individual objectives",
    "organisational_objectives": "Organisational objectives",
    "type": "Type",
    "minutes": "Minutes",
    "mode": "Mode",
    "recorded_on": "Recorded on",
    # evaluations and templates
    "completed_on": "Completed on",
    "answers": "Answers",
    "objective_ratings": "Objective ratings",
    "comments": "Comments",
    "template": "Questionnaire",
    "items": "Statements",
    "key": "Key",
    "scale": "Scale",
    # periods
    "start": "From",
    "end": "To",
}
#: Problems that read on from the label: "Full name is longer…", "Minutes must be…".
_VERBS = ("is ", "are ", "must ", "cannot ", "contains ", "may ", "needs ")
_ANSWER = re.compile(r"^answers\.(.+)$")
_ITEM = re.compile(r"^items\[(\d+)\]\.(key|text)$")


def label(field: str) -> str:
    """``full_name`` → ``Full name``; ``answers.stress`` → ``The answer to 'stress'``."""
    if field in LABELS:
        return LABELS[field]
    answer = _ANSWER.match(field)
    if answer:
        return f"The answer to {answer.group(1)!r}"
    item = _ITEM.match(field)
    if item:  # numbered from 1
        part = "key" if item.group(2) == "key" else "wording"
        return f"Statement {item.group(1)}'s {part}"
    return field.replace("_", " ").capitalize()


def phrase(field: str, message: str) -> str:
    """A problem naming its field as the lead knows it: ``Minutes must be more than 0``,
    ``E-mail: 'x' is not a valid e-mail address``."""
    name = label(field)
    if message.startswith(_VERBS):
        return f"{name} {message}"
    return f"{name}: {message}"


#: The most characters each text field holds (the services refuse more; forms say so as the
#: lead types). A call may still give its own limit (a template's title).
LIMITS: dict[str, int] = {
    "full_name": 200,
    "organisation": 200,
    "job_title": 200,
    "region": 100,
    "manager_name": 200,
    "notes": 100_000,
    "reason": 2000,
    "accreditation": 200,
    "experience": 10_000,
    "title": 300,
    "provider": 200,
    "supervisor": 200,
    "supervisor_qualification": 200,
    "themes": 100_000,
    "reflection": 100_000,
    "what_happened": 100_000,
    "learning": 100_000,
    "next_time": 100_000,
    "comments": 100_000,
    "end_reason": 2000,
    "key": 100,
}
