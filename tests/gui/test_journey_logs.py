"""Logs never hold names, e-mails or notes: the whole GUI journey runs with the app's log file
on (every level), then the file is searched for everything personal the lead typed."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest

from coachdesk.app import configure_logging
from coachdesk.storage.models import Person
from tests.gui import test_journey as journey
from tests.helpers.ops import write_now

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

#: Everything personal the journey types: names, e-mails and free text.
PERSONAL = (
    journey.COACH,
    journey.COACH_EMAIL,
    journey.CLIENT,
    journey.CLIENT_EMAIL,
    "Helen Price",
    "helen.price@nchc.nhs.uk",
    "Consultant Physiotherapist",
    "Ward Sister",
    "Lead the ward through the move to the new unit",
    "Keyed from paper",
    "Objective met; the ward moved in January",
)


def _variants(text: str) -> set[str]:
    parts = {text, text.lower(), text.upper()}
    if "@" in text:
        parts.add(text.split("@")[0])
    else:
        parts.update(word for word in text.split() if len(word) > 5)  # distinctive words
    return parts


@pytest.fixture
def log_file() -> Any:
    root = logging.getLogger()
    level = root.level
    path = configure_logging()
    root.setLevel(logging.DEBUG)  # stricter than the app, which logs from INFO up
    yield path
    for handler in [h for h in root.handlers if getattr(h, "baseFilename", None) == str(path)]:
        handler.close()
        root.removeHandler(handler)
    root.setLevel(level)


def test_the_log_of_the_whole_journey_holds_nothing_personal(
    empty_ctx: Any, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, log_file: Path
) -> None:
    journey.test_a_coaching_relationship_from_an_empty_hub_to_its_evaluations(
        empty_ctx, qtbot, tmp_path, monkeypatch
    )
    ctx, answers = empty_ctx

    # A failure while saving logs a traceback: the database error must not carry the values.
    def clash(db: Any) -> None:
        with db.uow() as uow:
            uow.session.add(Person(email=journey.CLIENT_EMAIL, full_name=journey.CLIENT))
            uow.commit()

    bugs = answers.bugs
    assert write_now(ctx, clash) is None and answers.bugs == bugs + 1
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = log_file.read_text(encoding="utf-8")
    assert "IntegrityError" in text  # the failure was logged, with its traceback
    assert "create person" in text and "update relationship" in text  # the audit trail too
    found = sorted(v for item in PERSONAL for v in _variants(item) if v in text)
    assert found == [], f"personal data in the log: {found}"
