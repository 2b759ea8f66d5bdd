"""The small demo's board insight: equality answers, trust headcounts, culture self-assessments.

The story: Black staff are about one in ten of the trusts' workforce, yet no client who
started in the last year recorded a Black ethnic group; and Fenland Acute has moved from
Hawkins' stage 1 to stage 3 over two years. A private random stream keeps the rest of the
demo (and every alert it plants) exactly as it was.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from coachdesk.domain.dates import add_months
from coachdesk.domain.equality import PREFER_NOT
from coachdesk.services.demo.builder import Builder

_ETHNIC_BY_TRADITION = {
    "yoruba": "black_african",
    "ghanaian": "black_african",
    "indian": "asian_indian",
    "tamil": "asian_indian",
    "filipino": "asian_other",
    "polish": "white_other",
    "greek": "white_other",
    "romanian": "white_other",
    "lithuanian": "white_other",
    "portuguese": "white_other",
    "turkish": "white_other",
}
_BRITISH = (
    ("white_british", 80),
    ("white_irish", 4),
    ("asian_pakistani", 4),
    ("asian_indian", 3),
    ("mixed_white_asian", 3),
    ("mixed_white_black_caribbean", 2),
    ("other_any", 1),
    (PREFER_NOT, 3),
)

#: Staff headcount and its shares by group, for each trust with a headcount in the demo.
_TRUST_STAFF = {
    "Fenland Acute Hospitals NHS Foundation Trust": 6200,
    "Broads Community Health NHS Trust": 2600,
    "Ouse Valley Mental Health NHS Foundation Trust": 3400,
    "Wash Coast University Hospitals NHS Trust": 5100,
    "East Anglian Plains Ambulance Service NHS Trust": 2900,
}
_SHARES = {
    "ethnicity": (
        ("white", 0.70),
        ("asian", 0.14),
        ("black", 0.10),
        ("mixed", 0.025),
        ("other", 0.015),
        ("not_stated", 0.02),
    ),
    "sex": (("female", 0.66), ("male", 0.34)),
    "disability": (("yes", 0.05), ("no", 0.80), ("not_stated", 0.15)),
}

_FENLAND = "Fenland Acute Hospitals NHS Foundation Trust"
_CULTURE = (
    # (organisation, months ago, stage, evidence by stage, next step)
    (
        _FENLAND,
        24,
        1,
        {
            "1": "Twelve internal coaches trained (ILM 5) and a pool of four external coaches; "
            "coaching offered to band 7 and above on request.",
        },
        "Publicise the offer to every band and ask managers to release staff for sessions.",
    ),
    (
        _FENLAND,
        12,
        2,
        {
            "1": "Twenty-two internal coaches, supervision in place for all of them.",
            "2": "Coaching in the leadership programme for every new ward manager; the board "
            "has had team coaching; requests come from every directorate.",
        },
        "Build coaching into appraisal and the talent conversations.",
    ),
    (
        _FENLAND,
        1,
        3,
        {
            "1": "Twenty-eight internal coaches; the hub's register is the only route in.",
            "2": "Over half of new ward managers have had a coach; coaching is asked for "
            "before it is offered.",
            "3": "The appraisal form asks about coaching conversations; the talent panel "
            "refers to coaching; HR business partners trained in coaching skills.",
        },
        "Coaching skills for every line manager (stage 4): pilot in the surgical division.",
    ),
    (
        "Ouse Valley Mental Health NHS Foundation Trust",
        14,
        1,
        {"1": "Six coaches trained through the hub; coaching available on request."},
        "Agree a coaching offer with the leadership academy.",
    ),
    (
        "Ouse Valley Mental Health NHS Foundation Trust",
        2,
        2,
        {
            "1": "Ten coaches, two in supervision training.",
            "2": "Coaching part of the leadership academy; peer coaching circles in two "
            "community teams.",
        },
        "Ask the people committee to sponsor coaching in appraisal.",
    ),
    (
        "Broads Community Health NHS Trust",
        4,
        1,
        {"1": "Four coaches trained; mentoring scheme for newly qualified nurses."},
        "Name an executive sponsor for coaching.",
    ),
)


def _pick(rng: random.Random, pairs: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([p[0] for p in pairs], [p[1] for p in pairs])[0]


def add_insight(b: Builder) -> None:
    """Equality answers for everyone, headcounts for five trusts, six culture assessments."""
    rng = random.Random(f"coachdesk-insight-{b.today.isoformat()}")
    today = b.today
    period_start = add_months(today, -11).replace(day=1)
    started = {
        r["client"]
        for r in b.relationships
        if (on := r["started_on"]) and date.fromisoformat(on) >= period_start
    }
    for person in b.people:
        tradition, female = b.drawn.get(person["email"], ("british", True))
        if rng.random() < 0.06:  # nothing recorded at all
            continue
        ethnic = _ETHNIC_BY_TRADITION.get(tradition) or _pick(rng, _BRITISH)
        if ethnic.startswith("black") and person["email"] in started:
            ethnic = PREFER_NOT  # the story: no client who started this year recorded Black
        roll = rng.random()
        person["ethnic_group"] = ethnic
        person["sex"] = PREFER_NOT if roll < 0.03 else ("female" if female else "male")
        person["disability"] = "yes" if roll > 0.93 else (PREFER_NOT if roll < 0.08 else "no")
    # A few disabled clients (shown as *: fewer than eight) so suppression shows in the demo.
    for person in [p for p in b.people if p["email"] in started and p.get("disability")][:3]:
        person["disability"] = "yes"
    # A few men who started preferred not to say: men and women then start at much the same
    # rate, so the one group the report shows behind is the Black staff group.
    men = sorted(p["email"] for p in b.people if p["email"] in started and p.get("sex") == "male")
    for person in b.people:
        if person["email"] in men[:3]:
            person["sex"] = PREFER_NOT
    for org, staff in _TRUST_STAFF.items():
        for dimension, shares in _SHARES.items():
            counts = [(group, round(staff * share)) for group, share in shares]
            for group, n in counts:
                b.workforce_headcounts.append(
                    {
                        "id": b.uid(),
                        "organisation": org,
                        "period_start": period_start.isoformat(),
                        "period_end": today.isoformat(),
                        "dimension": dimension,
                        "staff_group": group,
                        "headcount": n,
                    }
                )
    for org, months, stage, evidence, next_step in _CULTURE:
        day = add_months(today, -months) - timedelta(days=rng.randint(0, 9))
        b.culture_assessments.append(
            {
                "id": b.uid(),
                "organisation": org,
                "assessed_on": day.isoformat(),
                "stage": stage,
                "evidence": evidence,
                "next_step": next_step,
            }
        )
    b.settings["equality_monitoring"] = True
