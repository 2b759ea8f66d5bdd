"""ImportReport: counts, conflicts and the sentences a lead reads."""

from __future__ import annotations

from coachdesk.services.exchange import Conflict, ImportReport, KindCounts
from coachdesk.services.exchange.report import SHOWN_CONFLICTS, Tally


def test_summary_names_counts_and_every_conflict() -> None:
    tally = Tally()
    tally.add("person", "added", 3)
    tally.add("cpd", "unchanged", 2)
    tally.add("session", "kept")
    tally.conflicts.append(Conflict("session", "abc", ("notes", "minutes"), "mine"))
    report = tally.freeze(dry_run=False, source="laptop.json", ignored_settings=("dark_mode",))

    assert report.count("person") == KindCounts(added=3)
    assert report.count("evaluation") == KindCounts()
    assert (report.added, report.updated, report.unchanged) == (3, 0, 2)
    assert report.summary_lines() == [
        "Imported from laptop.json:",
        "  People: 3 added, 0 updated, 0 unchanged.",
        "  Sessions: 0 added, 0 updated, 0 unchanged, 1 kept as they were here.",
        "  CPD records: 0 added, 0 updated, 2 unchanged.",
        "1 conflict: a record differs between this database and the bundle. The newer version"
        " was kept; the other is kept under merge conflicts, so nothing is lost.",
        "  session abc: kept this database's version (differs in notes, minutes).",
        "Ignored settings this version of coachdesk does not know: dark_mode.",
    ]
    assert report.changes.kinds == frozenset({"person", "conflict"})


def test_dry_run_says_so_and_changes_nothing() -> None:
    report = ImportReport({"person": KindCounts(added=1)}, dry_run=True)
    assert report.summary_lines()[0] == "Dry run: nothing was written. Importing would give:"
    assert report.changes.empty


def test_long_conflict_lists_are_summed_up() -> None:
    conflicts = tuple(Conflict("cpd", str(n), ("hours",), "theirs") for n in range(60))
    lines = ImportReport({"cpd": KindCounts(updated=60)}, conflicts).summary_lines()
    assert lines[-1] == f"  ... and {60 - SHOWN_CONFLICTS} more."
    assert "  cpd 0: kept the bundle's version (differs in hours)." in lines
