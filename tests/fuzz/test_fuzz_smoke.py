"""A few seconds of the by-hand parser fuzz run in CI: the harness works and finds nothing."""

from __future__ import annotations

from pathlib import Path

from tests.fuzz.fuzz_parsers import Harness, fuzz


def test_a_short_fuzz_run_of_each_parser_finds_only_clean_refusals(tmp_path: Path) -> None:
    harness = Harness(tmp_path)
    fuzz(harness, 4.5, seed=6)
    assert set(harness.executions) == {"bundle", "csv", "xlsx"}
    assert all(n > 0 for n in harness.executions.values())
    assert harness.findings == []
