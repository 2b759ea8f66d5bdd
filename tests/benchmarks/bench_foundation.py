"""Foundation timings through the CLI at the large demo's size (run by hand, never by CI).

    .venv/bin/python tests/benchmarks/bench_foundation.py [--size large] [--seed 1] [--keep]

In a temporary folder it runs, each as its own process via ``.venv/bin/coachdesk``:
``demo --size large`` into X, ``check --json`` on X, ``export big.json`` from X, and
``import big.json`` into an empty Y; then prints a Markdown table of wall time and peak
resident memory per step, and the machine it ran on. The demo must finish in under 90 s.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEMO_BUDGET_SECONDS = 90.0


@dataclass
class Step:
    name: str
    argv: list[str]
    seconds: float = 0.0
    peak_mb: float = 0.0
    exit_code: int = 0
    note: str = ""
    ran: bool = False


def run(step: Step, folder: Path) -> Step:
    """Run one step as a child process; time it and read its own peak RSS with wait4."""
    out = folder / f"{step.name.split()[0]}.out"
    err = folder / f"{step.name.split()[0]}.err"
    with out.open("wb") as stdout, err.open("wb") as stderr:
        start = time.perf_counter()
        child = subprocess.Popen(step.argv, stdout=stdout, stderr=stderr, cwd=folder)
        _, status, usage = os.wait4(child.pid, 0)
        step.seconds = time.perf_counter() - start
    child.returncode = step.exit_code = os.waitstatus_to_exitcode(status)
    step.peak_mb = usage.ru_maxrss / 1024  # Linux reports kilobytes
    step.ran = True
    if step.exit_code:
        lines = err.read_text(errors="replace").strip().splitlines()
        step.note = (lines[-1] if lines else "failed").replace("|", "/")
    return step


def large_demo(coachdesk: str, given: Path | None, folder: Path) -> Path:
    """``given``, or a large demo built in ``folder`` with ``coachdesk`` (the process exits
    with the demo's status if that fails)."""
    if given is not None:
        return given
    db = folder / "big.sqlite"
    print("building the large demo ...", file=sys.stderr, flush=True)
    demo = run(Step("demo", [coachdesk, "--db", str(db), "demo", "--size", "large"]), folder)
    if demo.exit_code:
        print(f"demo failed: {demo.note}", file=sys.stderr)
        raise SystemExit(demo.exit_code)
    return db


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def size_mb(path: Path) -> str:
    return f"{path.stat().st_size / 1e6:,.1f} MB" if path.exists() else "-"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=["small", "large"], default="large")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--coachdesk", default=str(ROOT / ".venv" / "bin" / "coachdesk"))
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="coachdesk-bench-"))
    x, y, big = folder / "x.sqlite", folder / "y.sqlite", folder / "big.json"
    cd = args.coachdesk
    steps = [
        Step(
            f"demo --size {args.size}",
            [cd, "--db", str(x), "demo", "--size", args.size, "--seed", str(args.seed)],
        ),
        Step("check --json", [cd, "--db", str(x), "check", "--json"]),
        Step("export big.json", [cd, "--db", str(x), "export", str(big)]),
        Step("import big.json (into empty Y)", [cd, "--db", str(y), "import", str(big)]),
    ]
    try:
        for step in steps:
            print(f"running: {step.name} ...", file=sys.stderr, flush=True)
            run(step, folder)
            if step.exit_code:
                break
        demo, check, export, load = steps
        if check.ran and not check.exit_code:
            try:
                check.note = f"{len(json.loads((folder / 'check.out').read_text())):,} alerts"
            except ValueError:
                check.note = "the output is not JSON"
        for step, what, path in (
            (demo, "database", x),
            (export, "bundle", big),
            (load, "database", y),
        ):
            if step.ran and not step.exit_code:
                step.note = f"{what} {size_mb(path)}"

        print(f"\n### coachdesk foundation benchmark ({args.size} demo, seed {args.seed})\n")
        print("| Step | Wall time (s) | Peak RSS (MB) | Exit | Notes |")
        print("|---|---:|---:|---:|---|")
        for step in steps:
            if not step.ran:
                print(f"| `{step.name}` | - | - | - | not run |")
                continue
            print(
                f"| `{step.name}` | {step.seconds:.1f} | {step.peak_mb:,.0f} | "
                f"{step.exit_code} | {step.note} |"
            )
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        print(
            f"\nPeak RSS of any child: {children.ru_maxrss / 1024:,.0f} MB; CPU time of all "
            f"children: {children.ru_utime + children.ru_stime:.1f} s."
        )
        verdict = "within" if demo.exit_code == 0 and demo.seconds < DEMO_BUDGET_SECONDS else "OVER"
        print(
            f"`demo --size {args.size}`: {demo.seconds:.1f} s, {verdict} the "
            f"{DEMO_BUDGET_SECONDS:.0f} s budget (2-core machine)."
        )
        print("\n| Machine | |\n|---|---|")
        print(f"| CPU | {cpu_model()} |")
        print(f"| Cores | {usable_cores()} usable of {os.cpu_count()} |")
        print(f"| Python | {platform.python_version()} ({platform.python_implementation()}) |")
        print(f"| SQLite | {sqlite3.sqlite_version} |")
        print(f"| OS | {platform.platform()} |")
        if args.keep:
            print(f"\nFiles kept in {folder}")
        return max(step.exit_code for step in steps)
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
