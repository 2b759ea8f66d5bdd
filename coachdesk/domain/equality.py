"""Equality monitoring: the categories, their reporting groups, rates, likelihoods, suppression."""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Counts from 1 to this many people are never shown (printed as ``*``).
SUPPRESS_UP_TO = 7
SUPPRESSED = "*"
PREFER_NOT = "prefer_not_to_say"
NOT_STATED = "not_stated"

ETHNICITY, SEX, DISABILITY = "ethnicity", "sex", "disability"
DIMENSIONS = (ETHNICITY, SEX, DISABILITY)
DIMENSION_LABELS = {ETHNICITY: "Ethnic group", SEX: "Sex", DISABILITY: "Disability"}
#: The person's column holding each dimension.
COLUMN_DIMENSIONS = {"ethnic_group": ETHNICITY, "sex": SEX, "disability": DISABILITY}

#: The 19 ethnic groups of the 2021 Census of England and Wales (ONS), stored by code, each
#: with its high-level group. The equality report works at the high-level grouping.
ETHNIC_GROUPS: tuple[tuple[str, str, str], ...] = (
    ("asian_indian", "Asian, Asian British or Asian Welsh: Indian", "asian"),
    ("asian_pakistani", "Asian, Asian British or Asian Welsh: Pakistani", "asian"),
    ("asian_bangladeshi", "Asian, Asian British or Asian Welsh: Bangladeshi", "asian"),
    ("asian_chinese", "Asian, Asian British or Asian Welsh: Chinese", "asian"),
    ("asian_other", "Asian, Asian British or Asian Welsh: Other Asian", "asian"),
    ("black_african", "Black, Black British, Black Welsh, Caribbean or African: African", "black"),
    (
        "black_caribbean",
        "Black, Black British, Black Welsh, Caribbean or African: Caribbean",
        "black",
    ),
    (
        "black_other",
        "Black, Black British, Black Welsh, Caribbean or African: Other Black",
        "black",
    ),
    ("mixed_white_black_caribbean", "Mixed or Multiple: White and Black Caribbean", "mixed"),
    ("mixed_white_black_african", "Mixed or Multiple: White and Black African", "mixed"),
    ("mixed_white_asian", "Mixed or Multiple: White and Asian", "mixed"),
    ("mixed_other", "Mixed or Multiple: Other Mixed or Multiple", "mixed"),
    (
        "white_british",
        "White: English, Welsh, Scottish, Northern Irish or British",
        "white",
    ),
    ("white_irish", "White: Irish", "white"),
    ("white_gypsy_traveller", "White: Gypsy or Irish Traveller", "white"),
    ("white_roma", "White: Roma", "white"),
    ("white_other", "White: Other White", "white"),
    ("other_arab", "Other ethnic group: Arab", "other"),
    ("other_any", "Other ethnic group: Any other ethnic group", "other"),
)
ETHNIC_LABELS = {code: label for code, label, _ in ETHNIC_GROUPS}
ETHNIC_HIGH_LEVEL = {code: high for code, _, high in ETHNIC_GROUPS}

SEXES: tuple[tuple[str, str], ...] = (("female", "Female"), ("male", "Male"))
DISABILITIES: tuple[tuple[str, str], ...] = (("yes", "Yes"), ("no", "No"))

#: The groups each report table has, in order, with the label printed for each.
REPORT_GROUPS: dict[str, tuple[tuple[str, str], ...]] = {
    ETHNICITY: (
        ("asian", "Asian, Asian British or Asian Welsh"),
        ("black", "Black, Black British, Black Welsh, Caribbean or African"),
        ("mixed", "Mixed or Multiple ethnic groups"),
        ("white", "White"),
        ("other", "Other ethnic group"),
        (NOT_STATED, "Not stated"),
    ),
    SEX: (("female", "Female"), ("male", "Male"), (NOT_STATED, "Not stated")),
    DISABILITY: (("yes", "Disabled"), ("no", "Not disabled"), (NOT_STATED, "Not stated")),
}
#: The group every other group's likelihood is compared with (WRES and WDES convention for
#: ethnicity and disability; men for sex, as in gender pay gap reporting).
REFERENCE_GROUP = {ETHNICITY: "white", SEX: "male", DISABILITY: "no"}


def group_label(dimension: str, group: str) -> str:
    return dict(REPORT_GROUPS[dimension]).get(group, group)


def choices(dimension: str) -> tuple[tuple[str, str], ...]:
    """(code, label) a person's field may hold, "prefer not to say" last (blank is None)."""
    base = {
        ETHNICITY: tuple((c, label) for c, label, _ in ETHNIC_GROUPS),
        SEX: SEXES,
        DISABILITY: DISABILITIES,
    }[dimension]
    return (*base, (PREFER_NOT, "Prefer not to say"))


def value_label(dimension: str, code: str | None) -> str:
    """How a stored code reads on screen ("" for blank)."""
    if not code:
        return ""
    return dict(choices(dimension)).get(code, code)


def _a(dimension: str) -> str:
    """``an ethnic group``, ``a sex``, ``a disability answer``."""
    return {ETHNICITY: "an ethnic group", SEX: "a sex", DISABILITY: "a disability answer"}[
        dimension
    ]


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


_SYNONYMS: dict[str, dict[str, str]] = {
    ETHNICITY: {
        "indian": "asian_indian",
        "pakistani": "asian_pakistani",
        "bangladeshi": "asian_bangladeshi",
        "chinese": "asian_chinese",
        "other asian": "asian_other",
        "any other asian background": "asian_other",
        "african": "black_african",
        "black african": "black_african",
        "caribbean": "black_caribbean",
        "black caribbean": "black_caribbean",
        "other black": "black_other",
        "any other black background": "black_other",
        "white and black caribbean": "mixed_white_black_caribbean",
        "white and black african": "mixed_white_black_african",
        "white and asian": "mixed_white_asian",
        "other mixed": "mixed_other",
        "any other mixed background": "mixed_other",
        "white british": "white_british",
        "british": "white_british",
        "english": "white_british",
        "welsh": "white_british",
        "scottish": "white_british",
        "irish": "white_irish",
        "white irish": "white_irish",
        "gypsy or irish traveller": "white_gypsy_traveller",
        "roma": "white_roma",
        "other white": "white_other",
        "any other white background": "white_other",
        "arab": "other_arab",
        "any other ethnic group": "other_any",
    },
    SEX: {"f": "female", "woman": "female", "m": "male", "man": "male"},
    DISABILITY: {
        "y": "yes",
        "disabled": "yes",
        "n": "no",
        "not disabled": "no",
        "no disability": "no",
    },
}
_PREFER_NOT_WORDS = {"prefer not to say", "prefer not to answer", "not stated", "declined"}


def normalise(dimension: str, value: object) -> str | None:
    """A typed or imported value as its stored code; None for blank.

    Accepts the code, the label, ONS wording without the high-level prefix, and a few common
    synonyms; raises ValueError naming the value when it is none of these.
    """
    if value is None:
        return None
    text = str(value).strip()
    if not text:
        return None
    key = _key(text)
    if key in _PREFER_NOT_WORDS or key == _key(PREFER_NOT):
        return PREFER_NOT
    for code, label in choices(dimension):
        if key in (_key(code), _key(label)):
            return code
        if dimension == ETHNICITY and ": " in label and key == _key(label.split(": ", 1)[1]):
            return code
    found = _SYNONYMS[dimension].get(key)
    if found is None:
        raise ValueError(
            f"{text!r} is not {_a(dimension)} coachdesk knows"
            + (" (use an ONS 2021 category)" if dimension == ETHNICITY else "")
        )
    return found


def value_problem(dimension: str, code: object) -> str | None:
    """Why ``code`` may not be stored in a person's ``dimension`` field, or None."""
    if code is None:
        return None
    if not isinstance(code, str) or code not in dict(choices(dimension)):
        return f"{code!r} is not {_a(dimension)} coachdesk knows"
    return None


def report_group(dimension: str, code: str | None) -> str:
    """The group a person's stored value is counted in (blank and "prefer not" are not stated)."""
    if not code or code == PREFER_NOT:
        return NOT_STATED
    if dimension == ETHNICITY:
        return ETHNIC_HIGH_LEVEL.get(code, NOT_STATED)
    return code


def staff_group_problem(dimension: str, group: str) -> str | None:
    if dimension not in REPORT_GROUPS:
        return f"{dimension!r} is not one of {', '.join(DIMENSIONS)}"
    if group not in dict(REPORT_GROUPS[dimension]):
        return f"{group!r} is not one of the {DIMENSION_LABELS[dimension].lower()} groups"
    return None


def normalise_staff_group(dimension: str, value: object) -> str:
    """A headcount sheet's group name as its group key (high-level for ethnicity)."""
    text = str(value or "").strip()
    key = _key(text)
    for group, label in REPORT_GROUPS[dimension]:
        if key in (_key(group), _key(label)):
            return group
    if key in ("not known", "unknown", "not declared", "undisclosed") or key in _PREFER_NOT_WORDS:
        return NOT_STATED
    if dimension == ETHNICITY:
        first = key.split(" ", 1)[0] if key else ""
        if first in ("asian", "black", "mixed", "white", "other"):
            return first  # "Asian or Asian British", "Black or Black British", ... (NHS wording)
        if key in ("bme", "bame"):
            raise ValueError(
                f"{text!r} mixes several groups; give the headcount for each high-level group"
            )
    try:
        return report_group(dimension, normalise(dimension, text))
    except ValueError:
        raise ValueError(
            f"{text!r} is not one of the {DIMENSION_LABELS[dimension].lower()} groups: "
            + ", ".join(label for _, label in REPORT_GROUPS[dimension])
        ) from None


# ---------------------------------------------------------------------------------------------
# Arithmetic


def is_suppressed(count: int | None) -> bool:
    """Counts from 1 to 7 people are never shown."""
    return count is not None and 1 <= count <= SUPPRESS_UP_TO


def rate_per_thousand(clients: int, staff: int | None) -> float | None:
    """Clients per 1,000 staff; None when there is no headcount."""
    if not staff or staff <= 0:
        return None
    return clients * 1000 / staff


def relative_likelihood(rate: float | None, reference_rate: float | None) -> float | None:
    """Rate of a group / rate of the reference group (1.0 is parity; below 1, less likely)."""
    if rate is None or not reference_rate:
        return None
    return rate / reference_rate


@dataclass(frozen=True)
class AccessRow:
    """One group's line of the equality-of-access table, already made safe to print
    (services/reporting/disclosure.py makes it)."""

    group: str
    label: str
    clients: str  # a count, ``*`` for 1–7
    staff: str
    rate: float | None  # per 1,000 staff; None when withheld or unknown
    likelihood: float | None  # against the reference group; None when withheld or not asked
    is_reference: bool
    withheld: str  # why the rate or likelihood is not shown ("" when shown)
