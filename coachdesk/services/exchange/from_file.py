"""A bundle file imported as the app does it: read, a backup taken, then merged (one operation)."""

from __future__ import annotations

from pathlib import Path

from coachdesk.services.changes import Outcome
from coachdesk.services.exchange.files import read_bundle_file
from coachdesk.services.exchange.importer import import_bundle
from coachdesk.services.exchange.report import ImportReport
from coachdesk.services.safekeeping import backup_before
from coachdesk.services.steps import Steps, cancelled_error
from coachdesk.storage.uow import Database

#: The steps reported: the file read, the backup taken, the records merged.
STEPS = 3


def import_bundle_file(db: Database, steps: Steps, path: Path) -> Outcome[ImportReport]:
    """Read the bundle ``path``, take the backup before an import, then merge it by id.

    Cancelling is honoured until the merge commits: the merge is one transaction, rolled back.
    """
    steps.progress(0, STEPS)
    data = read_bundle_file(path)
    if steps.cancelled():
        raise cancelled_error()
    steps.progress(1, STEPS)
    backup_before(db, "import")
    if steps.cancelled():
        raise cancelled_error()
    steps.progress(2, STEPS)
    report = import_bundle(db, data, source=Path(path).name, cancelled=steps.cancelled)
    steps.progress(STEPS, STEPS)
    return Outcome(report, report.changes)
