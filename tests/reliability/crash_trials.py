"""Crash trials: SIGKILL a writer at random moments, then check nothing committed is lost.

Run by hand: ``python -m tests.reliability.crash_trials --trials 50`` (``--size large`` for
the large demo bundle). Each trial starts a child that opens a database the way the app does
(lock and all) and runs many small transactions through the real services - each adds one
marker person and, once committed, appends its e-mail to a side file flushed with fsync -
with one bundle import among them. The parent kills the child with SIGKILL at a random
moment (half of the trials while the import is running), then opens the database through the
normal path (the dead writer's lock must be taken over without asking), runs ``db check`` and
checks that every marker reported committed is there and the import is all or nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2026, 11, 23)
MARKERS = 400
SIDE_IMPORT_START, SIDE_IMPORT_DONE = "import-start", "import-committed"


@dataclass
class Figures:
    """What the trials did: the numbers docs/reliability.md records."""

    trials: int = 0
    transactions: int = 0
    killed_during_import: int = 0
    imports_committed: int = 0
    stale_locks_taken_over: int = 0
    failures: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, object]:
        return {
            "trials": self.trials,
            "transactions committed": self.transactions,
            "killed during the import": self.killed_during_import,
            "imports found committed": self.imports_committed,
            "stale locks taken over": self.stale_locks_taken_over,
            "failures": len(self.failures),
        }


# --- the child: a writer doing real work ------------------------------------------------------


def child(db_path: str, side: str, bundle: str, import_at: int) -> None:
    from coachdesk.app import open_db
    from coachdesk.services.dto import PersonInput
    from coachdesk.services.exchange import import_bundle, read_bundle_file
    from coachdesk.services.register import add_person

    data = read_bundle_file(Path(bundle))
    db = open_db(db_path, backup=False)
    fd = os.open(side, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)

    def note(line: str) -> None:
        os.write(fd, (line + "\n").encode())
        os.fsync(fd)

    note("ready")
    for i in range(MARKERS):
        if i == import_at:
            note(SIDE_IMPORT_START)
            import_bundle(db, data, source="crash-trial")
            note(SIDE_IMPORT_DONE)
        email = f"marker{i}@crash.example"
        add_person(db, PersonInput(full_name=f"Marker {i}", email=email, organisation="Trial"))
        note(email)
    note("finished")


# --- the parent: kill, reopen, check ---------------------------------------------------------


def make_bundle(folder: Path, size: str) -> tuple[Path, set[str]]:
    from coachdesk.services.demo import build_demo_bundle

    data = build_demo_bundle(seed=7, size=size, today=TODAY)
    path = folder / f"demo-{size}.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    emails = {p["email"].lower() for p in data["people"]}
    return path, emails


def make_empty_database(path: Path) -> None:
    from coachdesk.storage.migrate import open_database

    db = open_database(f"sqlite:///{path}")
    db.dispose()


def _wait_for(side: Path, text: str, proc: subprocess.Popen[bytes], limit: float) -> bool:
    end = time.monotonic() + limit
    while time.monotonic() < end and proc.poll() is None:
        if side.exists() and text in side.read_text(encoding="utf-8"):
            return True
        time.sleep(0.005)
    return False


def import_seconds(work: Path, template: Path, bundle: Path) -> float:
    """How long the import takes here, so kills aimed at it land inside it."""
    from coachdesk.services.exchange import import_bundle, read_bundle_file
    from coachdesk.storage.migrate import open_database

    path = work / "calibrate.sqlite"
    shutil.copyfile(template, path)
    data = read_bundle_file(bundle)
    db = open_database(f"sqlite:///{path}")
    started = time.monotonic()
    import_bundle(db, data, source="calibration")
    took = time.monotonic() - started
    db.dispose()
    return took


def one_trial(
    n: int,
    work: Path,
    template: Path,
    bundle: tuple[Path, set[str], float],
    rng: random.Random,
) -> tuple[Figures, float]:
    """One kill and the checks after it; the figures of this trial and its import time."""
    from coachdesk.app import main, open_db
    from coachdesk.storage.lock import lock_path, read_lock

    bundle_path, bundle_emails, import_time = bundle
    figures = Figures(trials=1)
    db_path = work / f"trial-{n}.sqlite"
    side = work / f"trial-{n}.committed"
    shutil.copyfile(template, db_path)
    import_at = rng.randrange(5, MARKERS // 2)
    during_import = n % 2 == 0
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen(
        [
            sys.executable,
            __file__,
            "--child",
            str(db_path),
            str(side),
            str(bundle_path),
            str(import_at),
        ],
        env=env,
        cwd=ROOT,
    )
    started = time.monotonic()
    try:
        if not _wait_for(side, "ready", proc, 60):
            figures.failures.append(f"trial {n}: the writer did not start")
            return figures, 0.0
        if during_import:
            _wait_for(side, SIDE_IMPORT_START, proc, 60)
            time.sleep(rng.uniform(0, import_time))
        else:
            time.sleep(rng.uniform(0, import_time + 2.5))  # before, during or after it
    finally:
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    elapsed = time.monotonic() - started
    lines = side.read_text(encoding="utf-8").split("\n") if side.exists() else []
    committed = [x for x in lines if x.startswith("marker")]
    figures.transactions = len(committed) + (SIDE_IMPORT_DONE in lines)
    figures.killed_during_import = int(SIDE_IMPORT_START in lines and SIDE_IMPORT_DONE not in lines)

    holder = read_lock(lock_path(db_path))
    if holder is not None and holder.pid == proc.pid:
        figures.stale_locks_taken_over = 1
    try:
        db = open_db(str(db_path), backup=False)  # the app's own path: must not ask or refuse
    except Exception as exc:  # noqa: BLE001 - every failure is a finding
        figures.failures.append(f"trial {n}: reopening failed: {exc}")
        return figures, elapsed
    try:
        with db.engine.connect() as conn:
            emails = {e.lower() for (e,) in conn.exec_driver_sql("SELECT email FROM people")}
    finally:
        db.dispose()
    missing = [m for m in committed if m not in emails]
    if missing:
        figures.failures.append(f"trial {n}: committed but missing: {missing[:3]}")
    extra = {e for e in emails if e.startswith("marker")} - set(committed)
    if len(extra) > 1:  # at most the one committed just before the kill, unreported
        figures.failures.append(f"trial {n}: {len(extra)} markers present but never committed")
    imported = bundle_emails & emails
    if imported and imported != bundle_emails:
        figures.failures.append(
            f"trial {n}: the import is half there ({len(imported)} of {len(bundle_emails)} people)"
        )
    if imported:
        figures.imports_committed = 1
    if SIDE_IMPORT_DONE in lines and not imported:
        figures.failures.append(f"trial {n}: the import was reported committed but is not there")
    import contextlib
    import io

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--db", str(db_path), "db", "check"])
    if code != 0:
        figures.failures.append(f"trial {n}: db check failed: {err.getvalue().strip()}")
    return figures, elapsed


def run_trials(trials: int, size: str, seed: int, work: Path) -> Figures:
    rng = random.Random(seed)
    template = work / "template.sqlite"
    make_empty_database(template)
    bundle, bundle_emails = make_bundle(work, size)
    took = import_seconds(work, template, bundle)
    total = Figures()
    for n in range(trials):
        figures, _ = one_trial(n, work, template, (bundle, bundle_emails, took), rng)
        total.trials += figures.trials
        total.transactions += figures.transactions
        total.killed_during_import += figures.killed_during_import
        total.imports_committed += figures.imports_committed
        total.stale_locks_taken_over += figures.stale_locks_taken_over
        total.failures.extend(figures.failures)
        for name in os.listdir(work):
            if name.startswith(f"trial-{n}."):
                (work / name).unlink(missing_ok=True)
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=50)
    parser.add_argument("--size", choices=["small", "large"], default="small")
    parser.add_argument("--seed", type=int, default=20261206)
    parser.add_argument("--child", nargs=4, metavar=("DB", "SIDE", "BUNDLE", "IMPORT_AT"))
    args = parser.parse_args(argv)
    if args.child:
        db_path, side, bundle, import_at = args.child
        child(db_path, side, bundle, int(import_at))
        return 0
    with tempfile.TemporaryDirectory(prefix="coachdesk-crash-") as tmp:
        started = time.monotonic()
        figures = run_trials(args.trials, args.size, args.seed, Path(tmp))
        result = figures.as_json() | {
            "bundle": args.size,
            "seconds": round(time.monotonic() - started, 1),
        }
    print(json.dumps(result, indent=1))
    for failure in figures.failures:
        print("FAILURE:", failure, file=sys.stderr)
    return 1 if figures.failures else 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
