"""The demo data: deterministic, valid, loadable, and every one of the hub's rules planted once."""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import os
import subprocess
import sys
import unicodedata
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from coachdesk.domain.enums import (
    Competence,
    CpdKind,
    EvaluationKind,
    MeetingMode,
    MeetingStatus,
    MeetingType,
    RegistrationStatus,
    RelationshipStatus,
    RequestStatus,
    SupervisionFormat,
    values,
)
from coachdesk.domain.hub_facts import RULES
from coachdesk.errors import UserError
from coachdesk.services.compliance import alerts, due_soon
from coachdesk.services.demo import build_demo_bundle, bundle_counts, load_demo
from coachdesk.services.exchange import validate_bundle

ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2026, 11, 1)
ONE_EACH = Counter(dict.fromkeys(RULES, 1))


@pytest.fixture(scope="module")
def small() -> dict[str, Any]:
    return build_demo_bundle(seed=1, today=TODAY)


def _digest(bundle: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(bundle, ensure_ascii=False).encode()).hexdigest()


def _sessions(bundle: dict[str, Any]) -> list[dict[str, Any]]:
    return [s for r in bundle["relationships"] for s in r["sessions"]]


def _evaluations(bundle: dict[str, Any]) -> list[dict[str, Any]]:
    return [e for r in bundle["relationships"] for e in r["evaluations"]]


# --- determinism -------------------------------------------------------------------------------


def test_same_seed_and_day_give_the_same_bundle(small) -> None:
    again = build_demo_bundle(seed=1, size="small", today=TODAY)
    assert again == small
    assert _digest(again) == _digest(small)


def test_another_seed_or_day_gives_another_bundle(small) -> None:
    other = build_demo_bundle(seed=2, today=TODAY)
    assert other != small
    assert {p["email"] for p in other["people"]} != {p["email"] for p in small["people"]}
    assert {r["id"] for r in other["registrations"]}.isdisjoint(
        r["id"] for r in small["registrations"]
    )
    later = build_demo_bundle(seed=1, today=TODAY + timedelta(days=30))
    assert later != small


def test_the_bundle_does_not_depend_on_hash_order_or_the_process(small) -> None:
    code = (
        "import datetime, hashlib, json\n"
        "from coachdesk.services.demo import build_demo_bundle\n"
        "b = build_demo_bundle(seed=1, today=datetime.date(2026, 11, 1))\n"
        "print(hashlib.sha256(json.dumps(b, ensure_ascii=False).encode()).hexdigest())\n"
    )
    for hash_seed in ("0", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed, "PYTHONPATH": str(ROOT)}
        out = subprocess.run(
            [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True
        )
        assert out.returncode == 0, out.stderr
        assert out.stdout.strip() == _digest(small)


# --- shape and realism -------------------------------------------------------------------------


def test_the_small_bundle_is_valid_and_hub_sized(small) -> None:
    validate_bundle(small)
    assert small["format"] == "coachdesk/1"
    assert small["settings"]["hub_name"] == "Fenland and Broads Coaching and Mentoring Hub"
    counts = bundle_counts(small)
    assert counts["people"] == 60
    regs = small["registrations"]
    active_coaches = [r for r in regs if r["kind"] == "coach" and r["status"] == "active"]
    mentors = [r for r in regs if r["kind"] == "mentor"]
    clients = {r["client"] for r in small["relationships"]} | {
        q["client"] for q in small["requests"]
    }
    assert 12 <= len(active_coaches) <= 16
    assert 6 <= len(mentors) <= 12
    assert 30 <= len(clients) <= 40
    assert counts["relationships"] >= 35
    assert counts["sessions"] >= 200


def test_the_small_demo_has_every_kind_of_record(small) -> None:
    sessions = _sessions(small)
    assert {r["status"] for r in small["relationships"]} == set(values(RelationshipStatus))
    assert {r["kind"] for r in small["relationships"]} == {"coaching", "mentoring"}
    assert {s["status"] for s in sessions} == set(values(MeetingStatus))
    assert {s["mode"] for s in sessions} == set(values(MeetingMode))
    assert {s["type"] for s in sessions} == set(values(MeetingType))
    assert {e["kind"] for e in _evaluations(small)} == set(values(EvaluationKind))
    assert {r["status"] for r in small["registrations"]} == set(values(RegistrationStatus))
    assert {q["status"] for q in small["requests"]} == set(values(RequestStatus))
    assert {c["kind"] for c in small["cpd"]} == set(values(CpdKind))
    assert {s["format"] for s in small["supervision"]} == set(values(SupervisionFormat))
    tags = {t for e in small["learning_log"] for t in e["competences"]}
    assert tags == set(values(Competence))
    assert any(e["relationship"] for e in small["learning_log"])


def test_client_answers_improve_from_pre_to_post(small) -> None:
    changes = []
    for rel in small["relationships"]:
        by_kind = {e["kind"]: e for e in rel["evaluations"]}
        for e in rel["evaluations"]:
            assert all(1 <= v <= 5 for v in e["answers"].values())
            assert all(0 <= v <= 10 for v in e["objective_ratings"])
        if "pre" in by_kind and "post" in by_kind:
            pre, post = by_kind["pre"]["answers"], by_kind["post"]["answers"]
            changes.append(sum(post.values()) - sum(pre.values()))
    assert len(changes) >= 10
    assert sum(changes) / len(changes) > 2
    assert all(c >= 0 for c in changes)


def test_every_date_is_relative_to_today(small) -> None:
    today = TODAY.isoformat()
    past = [p["manager_agreement_on"] for p in small["people"]]
    for r in small["registrations"]:
        past += [r[k] for k in ("registered_on", "approved_on", "profile_reviewed_on")]
        past += [r["org_support_on"], r["training_on"], r["accreditation_on"]]
    past += [q["sent_on"] for q in small["requests"]] + [
        q["responded_on"] for q in small["requests"]
    ]
    for rel in small["relationships"]:
        past += [rel["started_on"], rel["ended_on"]]
        past += [e["completed_on"] for e in rel["evaluations"]]
        for s in rel["sessions"]:
            past.append(s["recorded_on"])
            if s["status"] != "scheduled":
                past.append(s["date"])
    for key in ("cpd", "supervision", "learning_log"):
        past += [x["date"] for x in small[key]]
    past = [d for d in past if d is not None]
    assert max(past) <= today
    assert min(past) >= (TODAY - timedelta(days=5 * 366)).isoformat()
    ahead = [s["date"] for s in _sessions(small) if s["date"] > today]
    assert ahead and all(s["status"] == "scheduled" for s in _sessions(small) if s["date"] > today)


def test_certificates_are_real_pdf_or_png_files(small) -> None:
    coaches = [r for r in small["registrations"] if r["kind"] == "coach"]
    files = [r["certificate"] for r in coaches if r["certificate"]]
    files += [c["evidence"] for c in small["cpd"] if c["evidence"]]
    assert len(files) >= 12
    for attachment in files:
        data = base64.b64decode(attachment["data"], validate=True)
        if attachment["media_type"] == "application/pdf":
            assert data.startswith(b"%PDF-1.4") and data.rstrip().endswith(b"%%EOF")
            assert b"xref" in data and b"/Type/Catalog" in data
        else:
            assert attachment["media_type"] == "image/png"
            assert data.startswith(b"\x89PNG\r\n\x1a\n") and data.endswith(b"IEND\xaeB`\x82")


def test_names_come_from_many_scripts_and_traditions(small) -> None:
    names = [p["full_name"] for p in small["people"]]
    polish = [n for n in names if set(n) & set("łŁżŻśŚźŹćĆńŃ")]
    greek = [n for n in names if any("\u0370" <= c <= "\u03ff" for c in n)]
    yoruba = [n for n in names if "\u0323" in unicodedata.normalize("NFD", n)]  # ọ ẹ ṣ
    assert polish and greek and yoruba, names
    assert sum(not n.isascii() for n in names) >= 5
    assert len(set(names)) == len(names)


def test_emails_are_ascii_unique_and_at_made_up_domains(small) -> None:
    people = [p["email"] for p in small["people"]]
    managers = [p["manager_email"] for p in small["people"]]
    assert len({e.lower() for e in people}) == len(people)
    for email in people + managers:
        assert email.isascii() and email == email.lower()
        local, _, domain = email.partition("@")
        assert local and domain.endswith(".example"), email


# --- the large generator, at a small scale -----------------------------------------------------


def test_the_large_generator_keeps_its_proportions_at_a_small_scale() -> None:
    bundle = build_demo_bundle(seed=1, size="large", today=TODAY, scale=0.02)
    counts = bundle_counts(bundle)
    assert counts["people"] == 100
    assert counts["relationships"] == 400
    assert counts["sessions"] == 3000
    assert counts["cpd"] and counts["supervision"] and counts["learning_log"]
    assert counts["evaluations"] >= counts["relationships"]
    validate_bundle(bundle)
    starts = sorted(r["started_on"] for r in bundle["relationships"])
    assert starts[0] < (TODAY - timedelta(days=2 * 365 + 300)).isoformat()
    assert starts[-1] <= TODAY.isoformat()
    assert len({p["email"] for p in bundle["people"]}) == 100
    assert build_demo_bundle(seed=1, size="large", today=TODAY, scale=0.02) == bundle


def test_an_unknown_size_is_refused() -> None:
    with pytest.raises(UserError, match="small and large"):
        build_demo_bundle(size="medium", today=TODAY)


# --- loading, and the hub's rules --------------------------------------------------------------


def test_load_demo_plants_every_rule_once_and_refuses_a_second_load(
    db, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    report = load_demo(db, seed=1, today=TODAY)
    assert report.counts == bundle_counts(build_demo_bundle(seed=1, today=TODAY))
    assert "60 people" in report.summary()

    found = Counter(a.rule for a in alerts(db, TODAY))
    assert found == ONE_EACH
    due = {d.rule for d in due_soon(db, TODAY)}
    assert {
        "request-unanswered",
        "session-not-recorded",
        "post-evaluation-missing",
        "practitioner-evaluation-missing",
        "followup-evaluation-overdue",
        "supervision-overdue",
        "profile-stale",
        "mentor-training-lapsed",
    } <= due

    with pytest.raises(UserError, match="already holds 60 people"):
        load_demo(db, seed=2, today=TODAY)

    logged = "\n".join(r.getMessage() for r in caplog.records)
    for person in build_demo_bundle(seed=1, today=TODAY)["people"]:
        assert person["email"] not in logged
        assert person["full_name"] not in logged


@pytest.mark.parametrize(
    ("seed", "today"),
    [(2, date(2024, 2, 29)), (3, date(2025, 1, 31)), (7, date(2027, 12, 31))],
)
def test_every_rule_holds_once_for_other_seeds_and_days(sqlite_db, seed: int, today: date) -> None:
    load_demo(sqlite_db, seed=seed, today=today)
    assert Counter(a.rule for a in alerts(sqlite_db, today)) == ONE_EACH
