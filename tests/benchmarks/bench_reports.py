"""Report timings on the large demo (run by hand, never by CI).

    .venv/bin/python tests/benchmarks/bench_reports.py [--db big.sqlite] [--keep]

Without ``--db`` it first builds the large demo in a temporary folder. Each report is then
written by its own ``coachdesk report …`` process (wall time and peak resident memory of that
process, Python start-up included), and the two with budgets are also timed in-process, split
into gathering the data and drawing the PDF:

- the learning-log summary of the busiest practitioner (most held sessions): under 2 s;
- the programme report for a whole calendar year: under 10 s;
- peak memory of any report under 500 MB.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.benchmarks.bench_foundation import (  # noqa: E402
    ROOT,
    Step,
    cpu_model,
    large_demo,
    run,
    size_mb,
    usable_cores,
)

BUDGET_LEARNING_LOG = 2.0
BUDGET_PROGRAMME = 10.0
BUDGET_MEMORY_MB = 500.0


def busiest(db: Path) -> tuple[str, int, str, str]:
    """(e-mail, held sessions, a relationship id of theirs, the year of the latest session)."""
    with sqlite3.connect(db) as conn:
        email, held, person_id = conn.execute(
            "SELECT p.email, count(*), p.id FROM meetings m "
            "JOIN relationships r ON r.id = m.relationship_id "
            "JOIN people p ON p.id = r.practitioner_id "
            "WHERE m.status = 'held' GROUP BY p.id ORDER BY 2 DESC LIMIT 1"
        ).fetchone()
        rel = conn.execute(
            "SELECT id FROM relationships WHERE practitioner_id = ? ORDER BY started_on LIMIT 1",
            (person_id,),
        ).fetchone()[0]
        last = conn.execute("SELECT max(date) FROM meetings WHERE status = 'held'").fetchone()[0]
    return email, held, rel, str(last)[:4]


def in_process(db: Path, email: str, year: int) -> list[tuple[str, float, float, int]]:
    """(report, data seconds, drawing seconds, pages) for the two budgeted reports."""
    from datetime import date

    from pypdf import PdfReader

    from coachdesk.reports import render
    from coachdesk.reports.fonts import register_fonts
    from coachdesk.services.reporting import learning_log_data, programme_data
    from coachdesk.storage.migrate import open_database

    register_fonts()  # once per process, like the app (≈0.1 s)
    handle = open_database(f"sqlite:///{db}")
    out = []
    for name, gather in (
        ("learning-log (busiest)", lambda: learning_log_data(handle, email)),
        (
            f"programme {year}",
            lambda: programme_data(handle, date_from=date(year, 1, 1), date_to=date(year, 12, 31)),
        ),
    ):
        start = time.perf_counter()
        data = gather()
        middle = time.perf_counter()
        pdf = render(data)
        end = time.perf_counter()
        pages = len(PdfReader(__import__("io").BytesIO(pdf)).pages)
        out.append((name, middle - start, end - middle, pages))
    handle.dispose()
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="an existing large demo (default: build one)")
    parser.add_argument("--coachdesk", default=str(ROOT / ".venv" / "bin" / "coachdesk"))
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="coachdesk-bench-reports-"))
    cd = args.coachdesk
    try:
        db = large_demo(cd, args.db, folder)
        email, held, rel, year = busiest(db)
        out = lambda name: str(folder / f"{name}.pdf")  # noqa: E731
        base = [cd, "--db", str(db), "report"]
        steps = [
            Step(
                "learning-log (busiest)",
                [*base, "learning-log", "--person", email, "-o", out("ll")],
            ),
            Step(
                "learning-log --names",
                [*base, "learning-log", "--person", email, "--names", "-o", out("lln")],
            ),
            Step(
                f"programme {year}",
                [
                    *base,
                    "programme",
                    "--from",
                    f"{year}-01-01",
                    "--to",
                    f"{year}-12-31",
                    "-o",
                    out("programme"),
                ],
            ),
            Step("compliance", [*base, "compliance", "-o", out("compliance")]),
            Step("register", [*base, "register", "-o", out("register")]),
            Step("person (busiest)", [*base, "person", "--person", email, "-o", out("person")]),
            Step("relationship", [*base, "relationship", "--id", rel, "-o", out("relationship")]),
        ]
        for step in steps:
            print(f"running: report {step.name} ...", file=sys.stderr, flush=True)
            run(step, folder)
        files = ["ll", "lln", "programme", "compliance", "register", "person", "relationship"]
        print(f"\n### coachdesk reports on the large demo ({size_mb(Path(db))} database)\n")
        print(f"Busiest practitioner: {held:,} held sessions.\n")
        print("| `coachdesk report …` | Wall time (s) | Peak RSS (MB) | Exit | PDF |")
        print("|---|---:|---:|---:|---:|")
        for step, name in zip(steps, files, strict=True):
            pdf = folder / f"{name}.pdf"
            print(
                f"| {step.name} | {step.seconds:.2f} | {step.peak_mb:,.0f} | {step.exit_code} | "
                f"{size_mb(pdf)} |"
            )
        print("\nIn one process (after imports and fonts), gathering vs drawing:\n")
        print("| Report | Data (s) | PDF (s) | Total (s) | Pages | Budget |")
        print("|---|---:|---:|---:|---:|---:|")
        for (name, data_s, pdf_s, pages), budget in zip(
            in_process(Path(db), email, int(year)),
            (BUDGET_LEARNING_LOG, BUDGET_PROGRAMME),
            strict=True,
        ):
            total = data_s + pdf_s
            verdict = "within" if total < budget else "OVER"
            print(
                f"| {name} | {data_s:.2f} | {pdf_s:.2f} | {total:.2f} | {pages} | "
                f"{budget:g} s, {verdict} |"
            )
        peak = max(step.peak_mb for step in steps)
        verdict = "within" if peak < BUDGET_MEMORY_MB else "OVER"
        print(f"\nPeak RSS of any report: {peak:,.0f} MB, {verdict} the 500 MB budget.")
        print(f"\n| Machine | |\n|---|---|\n| CPU | {cpu_model()} |")
        print(f"| Cores | {usable_cores()} usable |\n| SQLite | {sqlite3.sqlite_version} |")
        if args.keep:
            print(f"\nFiles kept in {folder}")
        return max(step.exit_code for step in steps)
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
