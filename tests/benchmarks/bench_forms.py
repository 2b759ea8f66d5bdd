"""Fillable evaluation forms on the large demo (run by hand, never by CI).

    python tests/benchmarks/bench_forms.py [--db big.sqlite] [--forms 1000] [--returned 200]

Without ``--db`` it first builds the large demo in a temporary folder. Then:

- ``coachdesk forms --all-due`` as its own process (wall time, peak memory, files written);
- in one process, 1,000 forms (every evaluation due or missing, topped up with forms for
  other relationships' post-evaluations), split into gathering the content and drawing and
  writing the PDFs: the issue's budget is under a minute for 1,000;
- ``coachdesk import`` of forms filled by pypdf (the filling is not timed).
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import sys
import tempfile
import time
from datetime import date
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

BUDGET_1000 = 60.0


def in_process(db: Path, folder: Path, wanted: int) -> tuple[int, float, float, float, float, date]:
    """(forms, gathering seconds, drawing and writing seconds, of which CPU seconds, MB
    written, the database's today) for ``wanted`` forms. CPU time says what a quiet machine
    would take when other work shares the cores."""
    from sqlalchemy import select

    from coachdesk.domain.enums import EvaluationKind
    from coachdesk.services.evaluation_forms.content import FormRequest, gather
    from coachdesk.services.evaluation_forms.identity import form_secret
    from coachdesk.services.evaluation_forms.outgoing import _write, due_requests
    from coachdesk.storage.migrate import open_database
    from coachdesk.storage.models import Relationship

    handle = open_database(f"sqlite:///{db}")
    today: date = handle.clock.today()
    start = time.perf_counter()
    requests = due_requests(handle, today)[:wanted]
    have = {r.relationship_id for r in requests}
    with handle.uow() as uow:
        ids = uow.session.scalars(
            select(Relationship.id).order_by(Relationship.id).limit(wanted * 2)
        )
        extra = [FormRequest(i, EvaluationKind.POST) for i in ids if i not in have]
    requests += extra[: wanted - len(requests)]
    secret = form_secret(handle)
    with handle.uow() as uow:
        contents = gather(uow, requests, secret, skip_done=False)
    middle, cpu = time.perf_counter(), time.process_time()
    written = _write(folder, contents)
    end, cpu = time.perf_counter(), time.process_time() - cpu
    handle.dispose()
    megabytes = sum(p.stat().st_size for p, _ in written) / 1e6
    return len(written), middle - start, end - middle, cpu, megabytes, today


def fill_returned(forms: Path, out: Path, count: int, today: date) -> list[Path]:
    """Up to ``count`` of the written forms, every circle marked and dated ``today``, as pypdf
    saves them (the person's reader)."""
    from tests.helpers.forms import answer_all, fill

    out.mkdir()
    filled = []
    for n, path in enumerate(sorted(forms.glob("*.pdf"))[:count]):
        pdf = path.read_bytes()
        back = out / f"returned {n + 1:04d}.pdf"
        back.write_bytes(fill(pdf, answer_all(pdf), completed_on=today.isoformat()))
        filled.append(back)
    return filled


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="an existing large demo (default: build one)")
    parser.add_argument("--coachdesk", default=str(ROOT / ".venv" / "bin" / "coachdesk"))
    parser.add_argument("--forms", type=int, default=1000, help="forms drawn in process")
    parser.add_argument("--returned", type=int, default=200, help="filled forms imported")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="coachdesk-bench-forms-"))
    cd = args.coachdesk
    try:
        db = large_demo(cd, args.db, folder)
        work = folder / "work.sqlite"
        shutil.copyfile(db, work)  # the import records evaluations: never in the given file
        due = folder / "due"
        print("running: forms --all-due ...", file=sys.stderr, flush=True)
        step = run(Step("forms", [cd, "--db", str(work), "forms", "--all-due", "--out", str(due)]),
                   folder)  # fmt: skip
        written = len(list(due.glob("*.pdf")))
        print(f"running: {args.forms} forms in process ...", file=sys.stderr, flush=True)
        count, gather_s, draw_s, cpu_s, mb, today = in_process(work, folder / "many", args.forms)
        print("filling returned forms with pypdf ...", file=sys.stderr, flush=True)
        returned = fill_returned(due, folder / "returned", args.returned, today)
        print(f"running: import {len(returned)} forms ...", file=sys.stderr, flush=True)
        imported = run(Step("import", [cd, "--db", str(work), "import", *map(str, returned)]),
                       folder)  # fmt: skip
        summary = (folder / "import.out").read_text().strip().splitlines()[-1:] or ["?"]

        total = gather_s + draw_s
        verdict = "within" if total < BUDGET_1000 else "OVER"
        print(f"\n### Fillable forms on the large demo ({size_mb(Path(db))} database)\n")
        print("| Step | Wall time (s) | Peak RSS (MB) | Exit | Notes |")
        print("|---|---:|---:|---:|---|")
        print(f"| `forms --all-due` | {step.seconds:.2f} | {step.peak_mb:,.0f} | "
              f"{step.exit_code} | {written} forms |")  # fmt: skip
        print(f"| `import` {len(returned)} filled forms | {imported.seconds:.2f} | "
              f"{imported.peak_mb:,.0f} | {imported.exit_code} | {summary[0]} |")  # fmt: skip
        print(f"\n{count} forms in one process: gathering {gather_s:.2f} s, drawing and writing "
              f"{draw_s:.2f} s ({1000 * draw_s / max(count, 1):.0f} ms a form; CPU {cpu_s:.2f} s), total "
              f"{total:.2f} s, {verdict} the {BUDGET_1000:g} s budget; {mb:.1f} MB written.")  # fmt: skip
        print(f"\n| Machine | |\n|---|---|\n| CPU | {cpu_model()} |")
        print(f"| Cores | {usable_cores()} usable |\n| SQLite | {sqlite3.sqlite_version} |")
        if args.keep:
            print(f"\nFiles kept in {folder}")
        return max(step.exit_code, 0 if total < BUDGET_1000 else 1)
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
