"""Spreadsheet timings: ``python tests/benchmarks/bench_spreadsheet.py [--big-db URL]``.

1. A made-up 10,000-row register (Faker en_GB, messy bands and dates) as .xlsx and .csv,
   imported into an empty database, then imported again (nothing changes).
2. The large demo (built in a temporary database unless ``--big-db`` names one) exported to
   .xlsx, the register .csv and the .ics calendar.
Not run by CI; the figures go in docs/performance.md.
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from coachdesk.services.spreadsheet import import_register  # noqa: E402
from coachdesk.services.spreadsheet.export import write_register_csv, write_workbook  # noqa: E402
from coachdesk.services.spreadsheet.ics import write_calendar  # noqa: E402
from coachdesk.storage.migrate import open_database  # noqa: E402
from tests.helpers.sheets import write_csv  # noqa: E402

HEADER = [
    "Full name",
    "E-mail",
    "Trust",
    "Job title",
    "AfC band",
    "Role(s)",
    "Status",
    "Training date",
    "Accreditation",
    "Leadership programme",
    "Line manager",
    "Manager email",
    "Specialisms",
    "Capacity",
]
BANDS = ["Band 5", "6", "AfC band 7", "8A", "band 8b", "8c", "Band 9", "VSM", "4"]
ROLES = ["coachee", "mentee", "coach", "mentor", "coach; mentor", "coach, mentee", ""]
TRUSTS = ["Fenland Acute NHS Trust", "Broads Community Health", "Ouse Valley Mental Health"]


def register_rows(n: int, seed: int = 5) -> list[list[Any]]:
    """``n`` made-up register rows with the mess a real one has."""
    from faker import Faker

    fake = Faker("en_GB")
    fake.seed_instance(seed)
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        first, last = fake.first_name(), fake.last_name()
        day = date(2018, 1, 1) + timedelta(days=rng.randrange(2500))
        written = rng.choice(
            [day.strftime("%d/%m/%Y"), day.isoformat(), (day - date(1899, 12, 30)).days, ""]
        )
        email = f"{first}.{last}{i}@example.nhs.uk"
        rows.append(
            [
                f" {first}  {last} ",
                email.upper() if i % 7 == 0 else email,
                rng.choice(TRUSTS),
                fake.job(),
                rng.choice(BANDS),
                rng.choice(ROLES),
                rng.choice(["", "active", "paused", "applied"]),
                written,
                rng.choice(["", "EMCC Coach Practitioner", "ILM Level 5"]),
                rng.choice(["Y", "No", "TRUE", "", "yes"]),
                fake.name(),
                f"manager{i % 300}@example.nhs.uk",
                rng.choice(["", "resilience; leading change", "new leaders"]),
                rng.choice(["", 1, 2, 3]),
            ]
        )
    return rows


def _xlsx(path: Path, rows: list[list[Any]]) -> Path:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    ws = book.create_sheet("Register")
    ws.append(HEADER)
    for row in rows:
        ws.append(row)
    book.save(path)
    return path


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _timed(label: str, fn: Any) -> Any:
    """Run ``fn``, printing wall time, CPU time (this process) and peak memory."""
    start, cpu = time.perf_counter(), time.process_time()
    result = fn()
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(f"{label:<44} {wall:6.1f} s  (CPU {cpu:5.1f} s)  peak RSS {_rss_mb():5.0f} MB")
    return result


def bench_import(folder: Path, template: Path) -> None:
    rows = register_rows(10_000)
    xlsx = _xlsx(folder / "register.xlsx", rows)
    csv = write_csv(folder / "register.csv", HEADER, rows, delimiter=";", encoding="cp1252")
    for source in (xlsx, csv):
        target = folder / f"{source.suffix[1:]}.sqlite"
        shutil.copyfile(template, target)
        db = open_database(f"sqlite:///{target}")
        moves: list[int] = []
        report = _timed(
            f"import 10,000-row register ({source.suffix})",
            lambda db=db, source=source, moves=moves: import_register(
                db, source, progress=lambda done, total, m=moves: m.append(done)
            ),
        )
        print(
            f"    {len(report.added)} added, {report.registrations_added} registrations, "
            f"{len(report.rejected)} rejected; progress reported {len(moves)} times"
        )
        again = _timed(
            f"re-import, nothing changes ({source.suffix})",
            lambda db=db, source=source: import_register(db, source),
        )
        assert not again.changed_anything
        db.dispose()


def bench_export(folder: Path, big_url: str | None) -> None:
    if big_url is None:
        from coachdesk.services.demo import load_demo

        path = folder / "big.sqlite"
        db = open_database(f"sqlite:///{path}")
        _timed("build the large demo (setup)", lambda: load_demo(db, size="large"))
    else:
        db = open_database(big_url)
    report = _timed("export large demo to .xlsx", lambda: write_workbook(db, folder / "big.xlsx"))
    print("    " + report.summary_lines()[0])
    _timed("export large demo register to .csv", lambda: write_register_csv(db, folder / "r.csv"))
    ics = _timed("export scheduled sessions to .ics", lambda: write_calendar(db, folder / "s.ics"))
    print(f"    {ics.events} events")
    db.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--big-db", help="a database already holding the large demo")
    parser.add_argument("--only", choices=["import", "export"])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        template = folder / "empty.sqlite"
        open_database(f"sqlite:///{template}").dispose()
        if args.only in (None, "import"):
            bench_import(folder, template)
        if args.only in (None, "export"):
            bench_export(folder, args.big_db)


if __name__ == "__main__":
    main()
