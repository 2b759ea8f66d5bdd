"""A short, seeded run of the by-hand parser fuzz in CI: the harness works and finds nothing."""

from __future__ import annotations

from pathlib import Path

from tests.fuzz.fuzz_parsers import Harness, fuzz_examples

#: Inputs per parser: a count, not a time, so a busy machine runs the same inputs, only slower.
EXAMPLES = 30


def test_a_short_fuzz_run_of_each_parser_finds_only_clean_refusals(tmp_path: Path) -> None:
    harness = Harness(tmp_path)
    fuzz_examples(harness, EXAMPLES, seed=6)
    assert harness.restarts == []
    assert harness.executions == {"bundle": EXAMPLES, "csv": EXAMPLES, "xlsx": EXAMPLES}
    assert harness.findings == []
