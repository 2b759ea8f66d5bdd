"""The equality-of-access PDF read back, the board's culture section, and ``report equality``."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from coachdesk.app import main
from coachdesk.domain.equality import REPORT_GROUPS
from coachdesk.reports import render
from coachdesk.services import culture, equality
from coachdesk.services.culture import CultureInput
from coachdesk.services.equality import EqualityFields
from coachdesk.services.reporting import report_data
from tests.reports.conftest import IOANNIS, TODAY, ZARA, ZOE, pdf_pages, squash

ORG = "East Trust"
START, END = date(2026, 1, 1), date(2026, 12, 31)


def _board(db) -> None:
    """Three clients on the test hub (all * for any group) and a big made-up trust behind them."""
    answers = {
        ZOE: EqualityFields("white_british", "female", "no"),
        ZARA: EqualityFields("white_irish", "female", "yes"),
        IOANNIS: EqualityFields("white_other", "male", "no"),
    }
    for email, fields in answers.items():
        equality.set_equality(db, email, fields)
    equality.save_headcounts(
        db, ORG, START, END, "ethnicity", {"white": 3200, "asian": 540, "black": 260, "mixed": 5}
    )
    equality.save_headcounts(db, ORG, START, END, "sex", {"female": 3100, "male": 905})
    culture.add_assessment(db, CultureInput(ORG, date(2024, 11, 1), 1), today=TODAY)
    culture.add_assessment(
        db, CultureInput(ORG, date(2026, 10, 1), 3, next_step="Coach every manager"), today=TODAY
    )


def test_the_pdf_shows_groups_rates_and_stars_never_one_to_seven(sqlite_hub) -> None:
    _board(sqlite_hub.db)
    data = report_data(sqlite_hub.db, "equality", {"from": START, "to": END}, today=TODAY)
    pages = pdf_pages(render(data), layout=True)
    text = squash(" ".join(pages))
    for words in ("Ethnic group", "Asian, Asian British or Asian Welsh", "White", "Not disabled"):
        assert words in text
    assert "How to read this report" in text and "per 1,000 staff" in text
    assert "White * 3,200" in text  # three White clients: a star, not the count
    assert "Asian, Asian British or Asian Welsh 0 540 0.0" in text
    assert "Mixed or Multiple ethnic groups 0 * —" in text  # five staff: a star too
    assert "Female * 3,100 — —" in text
    labels = [label for groups in REPORT_GROUPS.values() for _, label in groups]
    rows = 0
    for page in pages:
        for line in page.splitlines():
            cells = squash(line).strip()
            label = next((x for x in [*labels, "All staff"] if cells.startswith(x + " ")), None)
            if label is None or "people" in cells or "withheld" in cells:
                continue
            rows += 1
            numbers = cells[len(label) :].split()
            assert not [n for n in numbers if re.fullmatch(r"[1-7]", n)], line
    assert rows >= 12


def test_the_programme_report_prints_each_organisations_stage(sqlite_hub) -> None:
    _board(sqlite_hub.db)
    data = report_data(sqlite_hub.db, "programme", {"from": START, "to": END}, today=TODAY)
    text = squash(" ".join(pdf_pages(render(data))))
    assert "Coaching culture: stage beside activity" in text
    assert "Stage 3: Embedded in performance and HR processes" in text
    assert "1 → 3" in text and "Coach every manager" in text


def test_the_person_record_prints_equality_answers_only_when_asked(sqlite_hub) -> None:
    _board(sqlite_hub.db)
    plain = squash(
        " ".join(pdf_pages(render(report_data(sqlite_hub.db, "person", {"person": ZOE}))))
    )
    assert "Equality monitoring" not in plain and "White: English" not in plain
    asked = report_data(sqlite_hub.db, "person", {"person": ZOE, "equality": True})
    text = squash(" ".join(pdf_pages(render(asked))))
    assert "Equality monitoring" in text and "White: English, Welsh" in text
    for kind, params in (("learning-log", {"person": "lucja.zolc@east-trust.nhs.uk"}),):
        other = repr(report_data(sqlite_hub.db, kind, {**params, "equality": True}, today=TODAY))
        assert "white_british" not in other


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_report_equality_on_the_command_line(sqlite_hub, tmp_path: Path, capsys) -> None:
    _board(sqlite_hub.db)
    out = tmp_path / "equality.pdf"
    url = sqlite_hub.db.url
    code, stdout, err = run(
        capsys,
        "--db",
        url,
        "report",
        "equality",
        "--from",
        "2026-01-01",
        "--to",
        "2026-12-31",
        "-o",
        str(out),
    )
    assert code == 0, err
    assert "Equality of access written to" in stdout
    assert "Ethnic group" in pdf_pages(out.read_bytes())[0]
    code, _, err = run(
        capsys,
        "--db",
        url,
        "report",
        "equality",
        "--from",
        "2026-12-31",
        "--to",
        "2026-01-01",
        "-o",
        str(out),
    )
    assert code == 1 and "2026" in err
    person = tmp_path / "person.pdf"
    code, _, err = run(
        capsys,
        "--db",
        url,
        "report",
        "person",
        "--person",
        ZOE,
        "--include-equality",
        "-o",
        str(person),
    )
    assert code == 0, err
    assert "Equality monitoring" in squash(" ".join(pdf_pages(person.read_bytes())))


def test_report_equality_is_refused_while_monitoring_is_off(sqlite_hub, tmp_path, capsys) -> None:
    from coachdesk.services.settings import update_settings

    update_settings(sqlite_hub.db, {"equality_monitoring": False})
    code, _, err = run(
        capsys, "--db", sqlite_hub.db.url, "report", "equality", "-o", str(tmp_path / "e.pdf")
    )
    assert code == 1 and "Equality monitoring is switched off" in err
    assert not (tmp_path / "e.pdf").exists()
