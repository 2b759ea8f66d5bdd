"""The register's importable fields and the column headers (with synonyms) that name them."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from coachdesk.errors import UserError

# Value kinds, each parsed by normalise.py.
TEXT, NAME, EMAIL, BAND, DATE, YES_NO, ROLES, STATUS, TAGS, CAPACITY, HOURS, ONE_STATUS = (
    "text",
    "name",
    "email",
    "band",
    "date",
    "yes/no",
    "roles",
    "status",
    "tags",
    "capacity",
    "hours",
    "one status",
)
ETHNIC, SEX, DISABILITY = "ethnic group", "sex", "disability"
ICF = "icf hours"  # paid / pro bono: how a registration's hours count in an ICF client log

PERSON, REGISTRATION, ROW = "person", "registration", "row"


@dataclass(frozen=True)
class Field:
    """One importable field: its key, what the lead calls it, where it goes, its headers."""

    key: str
    label: str
    kind: str
    target: str  # person / registration / row (roles, status, name parts)
    headers: tuple[str, ...]
    max_len: int = 200
    applies_to: str = ""  # a registration field only one kind holds ("coach" / "mentor")
    column: str = ""  # the registration column a per-kind field fills (else the key itself)

    @property
    def stored(self) -> str:
        """The column this field's value is stored in (``coach_registered_on`` → registered_on)."""
        return self.column or self.key


def _f(
    key: str,
    label: str,
    kind: str,
    target: str,
    headers: str,
    max_len: int = 200,
    applies_to: str = "",
) -> Field:
    return Field(key, label, kind, target, tuple(headers.split("|")), max_len, applies_to)


FIELDS: tuple[Field, ...] = (
    _f("full_name", "Full name", NAME, PERSON, "Name|Full name|Fullname|Staff name|Person"),
    _f("first_name", "First name", NAME, ROW, "First name|Forename|Given name|First names"),
    _f("last_name", "Last name", NAME, ROW, "Last name|Surname|Family name"),
    _f(
        "email",
        "Email",
        EMAIL,
        PERSON,
        "Email|E-mail|Email address|E-mail address|Work email|NHS email|NHSmail|Mail",
        max_len=254,
    ),
    _f("organisation", "Organisation", TEXT, PERSON, "Trust|Organisation|Organization|Employer"),
    _f("job_title", "Job title", TEXT, PERSON, "Job title|Position|Post|Job"),
    _f("band", "Band", BAND, PERSON, "Band|AfC band|Agenda for Change band|Pay band|Grade"),
    _f("region", "Region", TEXT, PERSON, "Region|Area", max_len=100),
    _f(
        "manager_name",
        "Line manager",
        TEXT,
        PERSON,
        "Line manager|Manager|Line manager name|Manager name|Manager's name",
    ),
    _f(
        "manager_email",
        "Manager email",
        EMAIL,
        PERSON,
        "Manager email|Manager e-mail|Line manager email|Line manager e-mail|"
        "Manager's email|Manager email address",
        max_len=254,
    ),
    _f(
        "leadership_programme",
        "Leadership programme",
        YES_NO,
        PERSON,
        "Leadership programme|Leadership program|Leadership programme participant|"
        "Leadership programme alumnus|Leadership programme participant or alumnus",
    ),
    _f(
        "manager_agreement_on",
        "Manager agreement",
        DATE,
        PERSON,
        "Manager agreement|Manager agreed|Manager agreement date|Line manager agreement|"
        "Manager agreed on",
    ),
    _f(
        "development_areas",
        "Development areas",
        TAGS,
        PERSON,
        "Development areas|Development needs|Areas for development|Development goals",
    ),
    _f("notes", "Notes", TEXT, PERSON, "Notes|Comments|Note", max_len=100_000),
    _f(
        "override_reason",
        "Eligibility override",
        TEXT,
        PERSON,
        "Eligibility override|Eligibility override reason|Override reason|Override",
        max_len=4000,
    ),
    _f(
        "override_on",
        "Override on",
        DATE,
        PERSON,
        "Override on|Override date|Eligibility override on|Eligibility override date",
    ),
    _f("roles", "Roles", ROLES, ROW, "Role|Roles|Role(s)|Register role|Roles held"),
    _f("status", "Status", STATUS, ROW, "Status|Registration status|Register status"),
    _f(
        "accreditation",
        "Accreditation",
        TEXT,
        REGISTRATION,
        "Accreditation|Coaching accreditation|Coaching qualification|Qualification",
        applies_to="coach",
    ),
    _f(
        "accreditation_on",
        "Accreditation date",
        DATE,
        REGISTRATION,
        "Accreditation date|Accredited on|Date accredited|Qualification date|Accreditation achieved",
        applies_to="coach",
    ),
    _f(
        "training_on",
        "Training date",
        DATE,
        REGISTRATION,
        "Training date|Mentor training date|Trained on|Date trained|Training completed|"
        "Mentor training|Training completed on",
        applies_to="mentor",
    ),
    _f(
        "experience",
        "Experience",
        TEXT,
        REGISTRATION,
        "Experience|Relevant experience|Statement of experience",
        max_len=10_000,
        applies_to="mentor",
    ),
    _f(
        "hours_committed",
        "Hours committed",
        HOURS,
        REGISTRATION,
        "Hours committed|Hours per year|Committed hours|Mentoring hours|Hours a year",
        applies_to="mentor",
    ),
    _f(
        "registered_on",
        "Registered on",
        DATE,
        REGISTRATION,
        "Registered on|Date registered|Registration date|Joined|Date joined|Joined register",
    ),
    _f("approved_on", "Approved on", DATE, REGISTRATION, "Approved on|Date approved|Approval date"),
    _f(
        "profile_reviewed_on",
        "Profile reviewed on",
        DATE,
        REGISTRATION,
        "Profile reviewed|Profile reviewed on|Profile review date|Last reviewed",
    ),
    _f(
        "specialisms",
        "Specialisms",
        TAGS,
        REGISTRATION,
        "Specialisms|Specialism|Specialities|Specialties|Areas of expertise|Expertise",
    ),
    _f(
        "capacity",
        "Capacity",
        CAPACITY,
        REGISTRATION,
        "Capacity|Max clients|Maximum clients|Client capacity|Number of clients",
    ),
    _f(
        "ethics_agreed",
        "Ethics agreed",
        YES_NO,
        REGISTRATION,
        "Ethics agreed|Code of ethics|Ethics|EMCC ethics|Code of ethics agreed",
    ),
    _f(
        "org_support_on",
        "Organisational support",
        DATE,
        REGISTRATION,
        "Organisational support|Organisational support date|Org support|Organisation support|"
        "Organizational support|Work-hours support|Employer support",
    ),
    _f("pro_bono", "Pro bono", YES_NO, REGISTRATION, "Pro bono|Pro-bono|Pro bono confirmed"),
    _f(
        "icf_hours",
        "Hours for ICF",
        ICF,
        REGISTRATION,
        "Hours for ICF|Hours count for ICF as|ICF hours|Hours for the ICF",
    ),
    # Equality monitoring (SPEC 10): imported only while monitoring is switched on.
    _f(
        "ethnic_group",
        "Ethnic group",
        ETHNIC,
        PERSON,
        "Ethnic group|Ethnicity|Ethnic origin|Ethnic background|Ethnic category",
    ),
    _f("sex", "Sex", SEX, PERSON, "Sex|Gender|Legal sex"),
    _f(
        "disability",
        "Disability",
        DISABILITY,
        PERSON,
        "Disability|Disabled|Disability status|Has a disability|Long-term condition",
    ),
)
#: The registration fields every kind holds: the register export gives each kind its own column
#: ("Coach registered on", "Mentor registered on"), so a coach who also mentors keeps both.
PER_KIND = (
    "registered_on",
    "approved_on",
    "profile_reviewed_on",
    "capacity",
    "specialisms",
    "ethics_agreed",
    "org_support_on",
    "pro_bono",
    "icf_hours",
)
KINDS = ("coach", "mentor")


def _per_kind(kind: str) -> tuple[Field, ...]:
    """``kind``'s own status and registration columns, headed ``Coach …`` / ``Mentor …``."""
    word = kind.capitalize()
    out = [
        Field(
            f"{kind}_status",
            f"{word} status",
            ONE_STATUS,
            REGISTRATION,
            (f"{word} status", f"{word} registration status"),
            applies_to=kind,
            column="status",
        )
    ]
    for key in PER_KIND:
        generic = next(f for f in FIELDS if f.key == key)
        out.append(
            Field(
                f"{kind}_{key}",
                f"{word} {generic.label[0].lower()}{generic.label[1:]}",
                generic.kind,
                REGISTRATION,
                tuple(f"{word} {h}" for h in generic.headers),
                generic.max_len,
                applies_to=kind,
                column=key,
            )
        )
    return tuple(out)


FIELDS += _per_kind("coach") + _per_kind("mentor")

#: The fields that hold special-category data (dropped unless monitoring is on).
EQUALITY_KEYS = ("ethnic_group", "sex", "disability")
FIELD_BY_KEY: dict[str, Field] = {f.key: f for f in FIELDS}

_FOLD = re.compile(r"[^0-9a-z]+")


def fold(header: str) -> str:
    """A header compared ignoring case, spaces and punctuation: ``E-mail `` → ``email``."""
    return _FOLD.sub("", str(header).casefold().replace("&", "and"))


_BY_HEADER: dict[str, str] = {}
for _field in FIELDS:
    for _header in _field.headers:
        _BY_HEADER.setdefault(fold(_header), _field.key)


V = TypeVar("V")


def registration_values(values: Mapping[str, V], kind: str) -> dict[str, V]:
    """A row's values for its ``kind`` registration, by stored column: the columns every kind
    shares (``Registered on``), then that kind's own (``Mentor registered on``), which win."""
    shared: dict[str, V] = {}
    own: dict[str, V] = {}
    for key, value in values.items():
        field = FIELD_BY_KEY[key]
        if field.target != REGISTRATION or field.applies_to not in ("", kind):
            continue
        (own if field.column else shared)[field.stored] = value
    return {**shared, **own}


def field_for(header: str) -> str | None:
    """The field a column header names, or None."""
    return _BY_HEADER.get(fold(header))


#: The column mapping: for each column (by index), the field it fills, or None (ignored).
ColumnMapping = tuple[str | None, ...]


def match_columns(headers: Sequence[str]) -> ColumnMapping:
    """Each header's field; a field named twice is taken from its first column only."""
    taken: set[str] = set()
    out: list[str | None] = []
    for header in headers:
        key = field_for(header) if header else None
        if key in taken:
            key = None
        if key:
            taken.add(key)
        out.append(key)
    return tuple(out)


def looks_like_header(row: tuple[str, ...]) -> bool:
    """A row that names a person's e-mail and their name (whole or in parts)."""
    keys = {field_for(cell) for cell in row if cell}
    return "email" in keys and ("full_name" in keys or {"first_name", "last_name"} <= keys)


def check_mapping(headers: Sequence[str], mapping: Sequence[str | None], source: str) -> None:
    """Refuse a mapping without the columns every row needs, or one that names a field twice."""
    if len(mapping) != len(headers):
        raise UserError(f"{source}: the column mapping does not match the file's columns.")
    problems: list[str] = []
    seen: dict[str, str] = {}
    for header, key in zip(headers, mapping, strict=True):
        if key is None:
            continue
        if key not in FIELD_BY_KEY:
            problems.append(f"column {header or '(no header)'}: {key!r} is not a register field")
        elif key in seen:
            problems.append(
                f"columns {seen[key]} and {header}: both are mapped to {FIELD_BY_KEY[key].label}"
            )
        else:
            seen[key] = header or "(no header)"
    keys = set(seen)
    if "email" not in keys:
        problems.append(f"no e-mail column (looked for: {_looked_for('email')})")
    if "full_name" not in keys and not {"first_name", "last_name"} <= keys:
        problems.append(
            f"no name column (looked for: {_looked_for('full_name')}, or First name and Last name)"
        )
    if problems:
        raise UserError(f"{source} cannot be imported:", problems=problems)


def _looked_for(key: str) -> str:
    return ", ".join(FIELD_BY_KEY[key].headers[:4])


def ignored_columns(headers: Sequence[str], mapping: Sequence[str | None]) -> tuple[str, ...]:
    """Headers of the columns no field takes (reported, so nothing is dropped unseen)."""
    return tuple(h for h, key in zip(headers, mapping, strict=True) if key is None and h)


def mapping_from(headers: Sequence[str], chosen: Mapping[str, str | None]) -> ColumnMapping:
    """A mapping from {header: field key or None}, for callers that name columns by header."""
    return tuple(chosen.get(h, field_for(h)) for h in headers)
