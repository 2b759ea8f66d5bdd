"""Crash trials: SIGKILL a writer at chosen points of its work, then check nothing committed is lost.

Run by hand: ``python -m tests.reliability.crash_trials --trials 50`` (``--size large`` for
the large demo bundle). Each trial starts a child that opens a database the way the app does
(lock and all) and runs many small transactions through the real services - each adds one
marker person and, once committed, appends its e-mail to a side file flushed with fsync -
with one bundle import among them. The child is told where to stop (a ``StopPoint``, chosen
by the parent from a seeded random generator): inside the import after its j-th SQL
statement, just before the k-th commit reaches the database, or just after it. SQLAlchemy
events on the child's engine count the statements and commits; at the point the child tells
the parent through a pipe and waits, and the parent kills it with a real SIGKILL. So every
trial kills at the same point of the work on a fast machine and on a busy one. The parent
then opens the database through the normal path (the dead writer's lock must be taken over
without asking), runs ``db check`` and checks that the database holds exactly what was
committed: every marker reported committed, the one whose commit had returned when the
writer stopped, nothing else, and the import all or nothing as its commit went.
"""

from __future__ import annotations

import argparse
import contextlib
import io
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
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2026, 11, 23)
MARKERS = 400
SIDE_IMPORT_START, SIDE_IMPORT_DONE = "import-start", "import-committed"
IMPORT = "import"

#: Where the writer stops: inside the import after its j-th statement; just before the k-th
#: commit (all its statements run, the commit not yet sent); just after the k-th commit.
IN_IMPORT, BEFORE_COMMIT, AFTER_COMMIT = "in-import", "before-commit", "after-commit"
KINDS = (IN_IMPORT, BEFORE_COMMIT, AFTER_COMMIT)


@dataclass
class Figures:
    """What the trials did: the numbers docs/reliability.md records."""

    trials: int = 0
    transactions: int = 0
    killed_during_import: int = 0
    imports_committed: int = 0
    stale_locks_taken_over: int = 0
    stops: dict[str, int] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)

    def add(self, other: Figures) -> None:
        self.trials += other.trials
        self.transactions += other.transactions
        self.killed_during_import += other.killed_during_import
        self.imports_committed += other.imports_committed
        self.stale_locks_taken_over += other.stale_locks_taken_over
        for kind, count in other.stops.items():
            self.stops[kind] = self.stops.get(kind, 0) + count
        self.failures.extend(other.failures)

    def as_json(self) -> dict[str, object]:
        return {
            "trials": self.trials,
            "transactions committed": self.transactions,
            "killed during the import": self.killed_during_import,
            "imports found committed": self.imports_committed,
            "stale locks taken over": self.stale_locks_taken_over,
            "kills by point": self.stops,
            "failures": len(self.failures),
        }


# --- the child: a writer doing real work ------------------------------------------------------


class StopPoint:
    """Stops the writer at one point of its work, counted with events on its engine.

    At the point it writes ``stopped <kind> <at> <current work>`` to the parent's pipe and
    waits for ever: the parent's SIGKILL ends it there.
    """

    def __init__(self, engine: Any, kind: str, at: int, pipe_fd: int) -> None:
        from sqlalchemy import event

        self.kind, self.at, self.pipe_fd = kind, at, pipe_fd
        self.current = "start"  # the marker e-mail or IMPORT being written
        self.in_import = False
        self.commits = 0
        self.import_statements = 0
        self._committed = False
        event.listen(engine, "after_cursor_execute", self._statement)
        event.listen(engine, "commit", self._commit)
        event.listen(engine, "checkin", self._checkin)

    def _statement(self, *_args: object) -> None:
        if self.in_import:
            self.import_statements += 1
            if self.kind == IN_IMPORT and self.import_statements == self.at:
                self.stop()

    def _commit(self, _conn: object) -> None:
        # SQLAlchemy's commit event comes before the commit is sent to the database.
        self.commits += 1
        if self.commits == self.at:
            if self.kind == BEFORE_COMMIT:
                self.stop()
            self._committed = self.kind == AFTER_COMMIT

    def _checkin(self, *_args: object) -> None:
        # The connection goes back to the pool once the commit has returned.
        if self._committed:
            self.stop()

    def stop(self) -> None:
        os.write(self.pipe_fd, f"stopped {self.kind} {self.at} {self.current}\n".encode())
        while True:
            signal.pause()


@dataclass(frozen=True)
class StopArgs:
    """Where the child stops (``kind``, ``at``) and the pipe it tells the parent through."""

    kind: str
    at: int
    pipe_fd: int = -1


def child(db_path: str, side: str, bundle: str, import_at: int, stop: StopArgs) -> None:
    from coachdesk.app import open_db
    from coachdesk.services.dto import PersonInput
    from coachdesk.services.exchange import import_bundle, read_bundle_file
    from coachdesk.services.register import add_person

    data = read_bundle_file(Path(bundle))
    db = open_db(db_path, backup=False)
    point = StopPoint(db.engine, stop.kind, stop.at, stop.pipe_fd)
    fd = os.open(side, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)

    def note(line: str) -> None:
        os.write(fd, (line + "\n").encode())
        os.fsync(fd)

    note("ready")
    for i in range(MARKERS):
        if i == import_at:
            note(SIDE_IMPORT_START)
            point.current, point.in_import = IMPORT, True
            import_bundle(db, data, source="crash-trial")
            point.in_import = False
            note(SIDE_IMPORT_DONE)
        email = f"marker{i}@crash.example"
        point.current = email
        add_person(db, PersonInput(full_name=f"Marker {i}", email=email, organisation="Trial"))
        note(email)
    note("finished")
    os.write(stop.pipe_fd, b"finished\n")


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


def import_statements(work: Path, template: Path, bundle: Path) -> int:
    """How many SQL statements the import runs here, so stops aimed at it land inside it."""
    from sqlalchemy import event

    from coachdesk.services.exchange import import_bundle, read_bundle_file
    from coachdesk.storage.migrate import open_database

    path = work / "calibrate.sqlite"
    shutil.copyfile(template, path)
    data = read_bundle_file(bundle)
    db = open_database(f"sqlite:///{path}")
    count = 0

    def counted(*_args: object) -> None:
        nonlocal count
        count += 1

    event.listen(db.engine, "after_cursor_execute", counted)
    import_bundle(db, data, source="calibration")
    db.dispose()
    path.unlink()
    return count


def work_order(import_at: int) -> list[str]:
    """The child's transactions in order: the k-th commit is ``work_order(...)[k - 1]``."""
    markers = [f"marker{i}@crash.example" for i in range(MARKERS)]
    return [*markers[:import_at], IMPORT, *markers[import_at:]]


def choose_stop(n: int, rng: random.Random, import_at: int, statements: int) -> StopArgs:
    """Trial ``n``'s stop point; the first five trials cover every kind of point."""
    import_commit = import_at + 1
    mode = n % 5
    if mode == 0:  # inside the import, its transaction open and half written
        return StopArgs(IN_IMPORT, rng.randrange(1, max(statements, 2)))
    if mode == 1:  # the whole import written, its commit not yet sent
        return StopArgs(BEFORE_COMMIT, import_commit)
    if mode == 2:  # the import's commit has just returned
        return StopArgs(AFTER_COMMIT, import_commit)
    kind = BEFORE_COMMIT if mode == 3 else AFTER_COMMIT
    return StopArgs(kind, rng.randrange(1, import_commit + 20))  # before, at or after it


def committed_by_then(stop: StopArgs, import_at: int) -> tuple[list[str], str]:
    """What the database must hold after the kill, and the work the writer was doing."""
    order = work_order(import_at)
    if stop.kind == IN_IMPORT:
        return order[:import_at], IMPORT
    current = order[stop.at - 1]
    if stop.kind == BEFORE_COMMIT:
        return order[: stop.at - 1], current
    return order[: stop.at], current


def run_child_until_stopped(
    db_path: Path, side: Path, bundle_path: Path, import_at: int, stop: StopArgs
) -> tuple[str, int]:
    """Start the writer, wait until it says it has stopped, SIGKILL it.

    Returns what it said (empty if it ended without stopping) and its pid.
    """
    read_end, write_end = os.pipe()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    args = [str(db_path), str(side), str(bundle_path), str(import_at)]
    proc = subprocess.Popen(
        [sys.executable, __file__, "--child", *args, stop.kind, str(stop.at), str(write_end)],
        env=env,
        cwd=ROOT,
        pass_fds=(write_end,),
    )
    os.close(write_end)  # the child holds the only writer: end of file if it dies first
    try:
        with os.fdopen(read_end, encoding="utf-8") as pipe:
            said = pipe.readline().strip()
    finally:
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    if said.startswith("stopped") and proc.returncode != -signal.SIGKILL:
        said = f"{said} (but it ended with {proc.returncode}, not SIGKILL)"
    return said, proc.pid


def one_trial(
    n: int,
    work: Path,
    template: Path,
    bundle: tuple[Path, set[str], int],
    rng: random.Random,
) -> Figures:
    """One kill at a chosen point and the checks after it."""
    from coachdesk.app import main, open_db
    from coachdesk.storage.lock import lock_path, read_lock

    bundle_path, bundle_emails, statements = bundle
    figures = Figures(trials=1)
    db_path = work / f"trial-{n}.sqlite"
    side = work / f"trial-{n}.committed"
    shutil.copyfile(template, db_path)
    import_at = rng.randrange(5, MARKERS // 2)
    stop = choose_stop(n, rng, import_at, statements)
    expected, doing = committed_by_then(stop, import_at)
    where = f"trial {n} ({stop.kind} {stop.at})"

    said, pid = run_child_until_stopped(db_path, side, bundle_path, import_at, stop)
    if said != f"stopped {stop.kind} {stop.at} {doing}":
        figures.failures.append(f"{where}: the writer did not stop while writing {doing}: {said!r}")
        return figures
    figures.stops[stop.kind] = 1
    lines = side.read_text(encoding="utf-8").split("\n") if side.exists() else []
    reported = [x for x in lines if x.startswith("marker")]
    figures.transactions = len(expected)
    figures.killed_during_import = int(doing == IMPORT)

    holder = read_lock(lock_path(db_path))
    if holder is not None and holder.pid == pid:
        figures.stale_locks_taken_over = 1
    try:
        db = open_db(str(db_path), backup=False)  # the app's own path: must not ask or refuse
    except Exception as exc:  # noqa: BLE001 - every failure is a finding
        figures.failures.append(f"{where}: reopening failed: {exc}")
        return figures
    try:
        with db.engine.connect() as conn:
            emails = {e.lower() for (e,) in conn.exec_driver_sql("SELECT email FROM people")}
    finally:
        db.dispose()
    missing = [m for m in reported if m not in emails]
    if missing:
        figures.failures.append(f"{where}: reported committed but missing: {missing[:3]}")
    markers = {e for e in emails if e.startswith("marker")}
    expected_markers = {e for e in expected if e != IMPORT}
    if markers != expected_markers:
        figures.failures.append(
            f"{where}: markers committed {len(expected_markers)}, found {len(markers)}; "
            f"missing {sorted(expected_markers - markers)[:3]}, "
            f"extra {sorted(markers - expected_markers)[:3]}"
        )
    imported = bundle_emails & emails
    if imported and imported != bundle_emails:
        figures.failures.append(
            f"{where}: the import is half there ({len(imported)} of {len(bundle_emails)} people)"
        )
    if imported:
        figures.imports_committed = 1
    if bool(imported) != (IMPORT in expected):
        state = "there" if imported else "not there"
        figures.failures.append(f"{where}: the import is {state} against its commit")
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--db", str(db_path), "db", "check"])
    if code != 0:
        figures.failures.append(f"{where}: db check failed: {err.getvalue().strip()}")
    return figures


def run_trials(trials: int, size: str, seed: int, work: Path) -> Figures:
    rng = random.Random(seed)
    template = work / "template.sqlite"
    make_empty_database(template)
    bundle, bundle_emails = make_bundle(work, size)
    statements = import_statements(work, template, bundle)
    total = Figures()
    for n in range(trials):
        total.add(one_trial(n, work, template, (bundle, bundle_emails, statements), rng))
        for name in os.listdir(work):
            if name.startswith(f"trial-{n}."):
                (work / name).unlink(missing_ok=True)
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=50)
    parser.add_argument("--size", choices=["small", "large"], default="small")
    parser.add_argument("--seed", type=int, default=20261206)
    parser.add_argument(
        "--child",
        nargs=7,
        metavar=("DB", "SIDE", "BUNDLE", "IMPORT_AT", "STOP_KIND", "STOP_AT", "PIPE_FD"),
    )
    args = parser.parse_args(argv)
    if args.child:
        db_path, side, bundle, import_at, kind, at, pipe_fd = args.child
        child(db_path, side, bundle, int(import_at), StopArgs(kind, int(at), int(pipe_fd)))
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
