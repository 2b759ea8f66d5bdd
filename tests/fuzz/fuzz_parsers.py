"""By-hand fuzz run of the bundle and register parsers: only UserError may escape (hypothesis).

Run for an hour, niced, from the project folder:

    nice -n 19 .venv/bin/python tests/fuzz/fuzz_parsers.py --minutes 60 --out fuzz-figures.json

Each target draws inputs for ever (until the time is up), feeds them through the same path a
lead's file takes (read the file, check it, import it as a dry run into a fresh database) and
counts executions. Any exception other than UserError is a finding: its type, message, the
target and the input are written to ``--findings`` and the run goes on. The CI suite runs a
fixed number of seeded inputs per target instead (tests/fuzz/test_fuzz_smoke.py), so that it
does the same work on a slow or busy machine as on a fast one.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import copy
import io
import json
import random
import shutil
import sys
import tempfile
import time
import traceback
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from coachdesk.errors import UserError  # noqa: E402

EXAMPLE_PATH = ROOT / "tests" / "data" / "exchange-example.json"
EXAMPLE = json.loads(EXAMPLE_PATH.read_text(encoding="utf-8"))
EXAMPLE_TEXT = EXAMPLE_PATH.read_bytes()

HEADER = [
    "Full name",
    "E-mail",
    "Trust",
    "Band",
    "Role",
    "Training date",
    "Accreditation",
    "Leadership programme",
    "Line manager",
    "Manager email",
    "Status",
    "Specialisms",
    "Capacity",
    "Hours committed",
]
GOOD_ROW = [
    "Ada Lovelace-Byron",
    "ada.byron@example.nhs.uk",
    "Fenland Acute Trust",
    "Band 8a",
    "coach",
    "03/04/2024",
    "EMCC Foundation",
    "yes",
    "Mary Somerville",
    "mary.somerville@example.nhs.uk",
    "active",
    "career; resilience",
    "2",
    "12",
]

# ---------------------------------------------------------------------------------------------
# Strategies


nasty_text = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=300),
    st.sampled_from(
        [
            "",
            " ",
            "\x00",
            "\ufeff",
            "=1+1",
            "@SUM(A1)",
            "31/02/2024",
            "2024-13-01",
            "0000-00-00",
            "9999-12-31",
            "1/1/1",
            "45383",
            "-45383",
            "1e308",
            "nan",
            "inf",
            "-0",
            "coach, mentor",
            "COACH;MENTOR;coach",
            "Band 99",
            "x" * 5000,
            "a@b",
            "@@",
            "ada.byron@example.nhs.uk",
            "\u202eevil",
            "\r\n",
            '"',
            "'",
        ]
    ),
)
cell = st.one_of(
    nasty_text,
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(),
    st.booleans(),
    st.none(),
    st.dates(),
    st.datetimes(),
)
json_leaf = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    nasty_text,
)
json_value = st.recursive(
    json_leaf,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=10,
)


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a JSON document (containers too), as a path of keys and indexes."""
    out = [path]
    if isinstance(value, dict):
        for k, v in value.items():
            out += _paths(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += _paths(v, (*path, i))
    return out


PATHS = [p for p in _paths(EXAMPLE) if p]


def _at(draw: st.DrawFn, length: int) -> int:
    """A position in something ``length`` long, drawn the same way whatever the length."""
    return draw(st.integers(0, 2**20)) % max(length, 1)


@st.composite
def bundles(draw: st.DrawFn) -> bytes:
    """The example bundle with several structural edits, or its bytes damaged at random."""
    how = draw(st.sampled_from(["edit", "edit", "edit", "bytes", "raw"]))
    if how == "raw":
        return draw(st.binary(max_size=2000))
    if how == "bytes":
        data = bytearray(EXAMPLE_TEXT)
        for _ in range(draw(st.integers(1, 20))):
            at = _at(draw, len(data))
            op = draw(st.sampled_from(["flip", "cut", "dup"]))
            if op == "flip":
                data[at] = draw(st.integers(0, 255))
            elif op == "cut":
                del data[at : at + draw(st.integers(1, 50))]
            else:
                data[at:at] = data[at : at + draw(st.integers(1, 200))]
        return bytes(data)
    bundle = copy.deepcopy(EXAMPLE)
    for _ in range(draw(st.integers(1, 6))):
        path = draw(st.sampled_from(PATHS))
        parent: Any = bundle
        try:
            for part in path[:-1]:
                parent = parent[part]
            key = path[-1]
            op = draw(st.sampled_from(["set", "set", "delete", "duplicate"]))
            if op == "set":
                parent[key] = draw(json_value)
            elif op == "delete":
                del parent[key]
            elif isinstance(parent, list):
                parent.append(copy.deepcopy(parent[key]))
            else:
                parent[key + "_"] = copy.deepcopy(parent[key])
        except (KeyError, IndexError, TypeError):
            continue  # an earlier edit removed or replaced this place
    return json.dumps(bundle, ensure_ascii=draw(st.booleans())).encode("utf-8")


@st.composite
def register_rows(draw: st.DrawFn) -> tuple[list[Any], list[list[Any]]]:
    header = list(HEADER)
    for _ in range(draw(st.integers(0, 3))):
        op = draw(st.sampled_from(["drop", "rename", "add", "swap"]))
        at = _at(draw, len(header))
        if op == "drop" and len(header) > 1:
            del header[at]
        elif op == "rename":
            header[at] = draw(nasty_text)
        elif op == "add":
            header.insert(at, draw(nasty_text))
        else:
            header[0], header[at] = header[at], header[0]
    rows = []
    for _ in range(draw(st.integers(0, 6))):
        row: list[Any] = list(GOOD_ROW[: len(header)])
        for _ in range(draw(st.integers(0, 5))):
            if row:
                row[_at(draw, len(row))] = draw(cell)
        row += draw(st.lists(cell, max_size=2))
        rows.append(row)
    return header, rows


@st.composite
def csv_files(draw: st.DrawFn) -> bytes:
    how = draw(st.sampled_from(["rows", "rows", "rows", "raw"]))
    if how == "raw":
        return draw(st.binary(min_size=1, max_size=2000))
    header, rows = draw(register_rows())
    import csv

    out = io.StringIO()
    writer = csv.writer(out, delimiter=draw(st.sampled_from(",;\t|")))
    for line in [header, *rows]:
        writer.writerow(["" if v is None else v for v in line])
    text = out.getvalue()
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]))
    data = text.encode(encoding, errors="replace")
    if draw(st.booleans()):
        data = bytearray(data)
        for _ in range(draw(st.integers(1, 8))):
            if data:
                data[_at(draw, len(data))] = draw(st.integers(0, 255))
        data = bytes(data)
    return data or b","


def _xlsx_bytes(header: list[Any], rows: list[list[Any]]) -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    for line in [header, *rows]:
        clean = []
        for v in line:
            if isinstance(v, str):
                v = "".join(ch for ch in v if ch >= " " or ch in "\t\n\r")  # openpyxl refuses
            if isinstance(v, int) and abs(v) > 2**53:
                v = float(v)
            clean.append(v)
        ws.append(clean)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@st.composite
def xlsx_files(draw: st.DrawFn) -> bytes:
    header, rows = draw(register_rows())
    data = _xlsx_bytes(header, rows)
    how = draw(st.sampled_from(["clean", "clean", "member", "bytes"]))
    if how == "bytes":
        damaged = bytearray(data)
        for _ in range(draw(st.integers(1, 10))):
            damaged[_at(draw, len(damaged))] = draw(st.integers(0, 255))
        return bytes(damaged)
    if how == "member":
        # Rewrite one part of the workbook with its XML damaged (a zip that still opens).
        src = zipfile.ZipFile(io.BytesIO(data))
        names = src.namelist()
        victim = draw(st.sampled_from(names))
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            for name in names:
                body = src.read(name)
                if name == victim:
                    body = bytearray(body)
                    op = draw(st.sampled_from(["flip", "cut", "inject"]))
                    at = _at(draw, len(body))
                    if op == "flip" and body:
                        body[at] = draw(st.integers(0, 255))
                    elif op == "cut":
                        del body[at:]
                    else:
                        body[at:at] = draw(
                            st.sampled_from(
                                [
                                    b"<c r='A2' t='s'><v>99999</v></c>",
                                    b"<c r='XFD1048577'><v>1</v></c>",
                                    b"<c r='B2' t='n'><v>1e999</v></c>",
                                    b"<c r='C2' t='d'><v>not a date</v></c>",
                                    b"<!DOCTYPE x [<!ENTITY a 'aaaaaaaa'>]>",
                                    b"&a;",
                                    b"<row r='-1'/>",
                                    b"<dimension ref='A1:ZZZ99999999'/>",
                                ]
                            )
                        )
                    body = bytes(body)
                dst.writestr(name, body)
        return out.getvalue()
    return data


# ---------------------------------------------------------------------------------------------
# Targets


class Harness:
    """A folder with a migrated template database; each run imports into a fresh copy."""

    def __init__(self, folder: Path) -> None:
        from coachdesk.storage.migrate import open_database

        self.folder = folder
        self.template = folder / "template.sqlite"
        db = open_database(f"sqlite:///{self.template}")
        with db.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        db.dispose()
        self.executions: dict[str, int] = {}
        self.refused: dict[str, int] = {}
        self.findings: list[dict[str, Any]] = []
        self.restarts: list[str] = []

    def fresh_db(self) -> Any:
        from coachdesk.storage.migrate import open_database

        path = self.folder / "work.sqlite"
        for extra in ("-wal", "-shm"):
            Path(str(path) + extra).unlink(missing_ok=True)
        shutil.copyfile(self.template, path)
        return open_database(f"sqlite:///{path}", migrate=False)

    def run(self, target: str, data: bytes, suffix: str, action: Callable[[Path], Any]) -> None:
        path = self.folder / f"input{suffix}"
        path.write_bytes(data)
        self.executions[target] = self.executions.get(target, 0) + 1
        try:
            action(path)
        except UserError:
            self.refused[target] = self.refused.get(target, 0) + 1
        except Exception as exc:  # a finding: anything else is a bug
            self.findings.append(
                {
                    "target": target,
                    "error": f"{type(exc).__name__}: {str(exc)[:300]}",
                    "where": traceback.format_exc().splitlines()[-3:],
                    "input_base64": base64.b64encode(data).decode("ascii"),
                }
            )

    def bundle(self, path: Path) -> None:
        from coachdesk.services.exchange import import_bundle, read_bundle_file

        data = read_bundle_file(path)
        db = self.fresh_db()
        try:
            import_bundle(db, data, dry_run=True, source=path.name)
        finally:
            db.dispose()

    def register(self, path: Path) -> None:
        from coachdesk.services.spreadsheet import import_register, read_register

        sheet = read_register(path)
        db = self.fresh_db()
        try:
            import_register(db, path, sheet=sheet, dry_run=True, skip_invalid=True)
            import_register(db, path, sheet=sheet, dry_run=True)
        finally:
            db.dispose()


Target = tuple[str, st.SearchStrategy[bytes], str, Callable[[Path], Any]]


def targets(harness: Harness) -> list[Target]:
    """The three parsers: name, input strategy, file suffix, and the path a lead's file takes."""
    return [
        ("bundle", bundles(), ".json", harness.bundle),
        ("csv", csv_files(), ".csv", harness.register),
        ("xlsx", xlsx_files(), ".xlsx", harness.register),
    ]


def run_target(
    harness: Harness,
    target: Target,
    seed: int,
    *,
    examples: int = 10**9,
    stop: float | None = None,
) -> None:
    """Draw up to ``examples`` inputs for one target, or until ``stop`` (a monotonic time)."""
    name, strategy, suffix, action = target

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(data=strategy)
    def one(data: bytes) -> None:
        if stop is not None and time.monotonic() > stop:
            raise _TimeUp
        harness.run(name, data, suffix, action)

    one._hypothesis_internal_use_seed = seed  # type: ignore[attr-defined]
    try:
        with contextlib.suppress(_TimeUp):
            one()
    except Exception as exc:  # hypothesis itself gave up on this run: note it, go on
        harness.restarts.append(f"{name}: {type(exc).__name__}")


def fuzz_examples(harness: Harness, examples: int, *, seed: int) -> None:
    """Run each target for exactly ``examples`` seeded inputs, whatever the machine's speed."""
    rng = random.Random(seed)
    for target in targets(harness):
        run_target(harness, target, rng.getrandbits(64), examples=examples)


def fuzz(harness: Harness, seconds: float, *, seed: int | None = None) -> None:
    """Run the three targets in turn, a slice of time each, until ``seconds`` have passed."""
    deadline = time.monotonic() + seconds
    rng = random.Random(seed)
    slice_s = min(60.0, max(seconds / 3, 1.0))
    while time.monotonic() < deadline:
        for target in targets(harness):
            stop = min(time.monotonic() + slice_s, deadline)
            run_target(harness, target, rng.getrandbits(64), stop=stop)
            if time.monotonic() >= deadline:
                break


class _TimeUp(BaseException):
    """Stops a hypothesis run when its time slice is over (not an Exception: not a finding)."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=60.0)
    parser.add_argument("--out", type=Path, default=Path("fuzz-figures.json"))
    parser.add_argument("--findings", type=Path, default=Path("fuzz-findings.json"))
    args = parser.parse_args(argv)
    started = time.time()
    with tempfile.TemporaryDirectory(prefix="coachdesk-fuzz-") as folder:
        harness = Harness(Path(folder))
        try:
            fuzz(harness, args.minutes * 60)
        finally:
            figures = {
                "seconds": round(time.time() - started),
                "executions": harness.executions,
                "refused_with_user_error": harness.refused,
                "findings": len(harness.findings),
                "harness_restarts": harness.restarts,
            }
            args.out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
            args.findings.write_text(json.dumps(harness.findings, indent=2), encoding="utf-8")
            print(json.dumps(figures, indent=2))
    return 1 if harness.findings else 0


if __name__ == "__main__":
    sys.exit(main())
