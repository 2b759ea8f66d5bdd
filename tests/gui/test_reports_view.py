"""The Reports view on the demo hub: prepare, generate off the UI thread, preview, save, print."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from coachdesk.gui.reports.view import ReportsView
from coachdesk.services.audit import AuditFilter, entries
from coachdesk.services.register import list_people
from coachdesk.services.relationships import list_relationships

#: The offscreen platform says so whenever a window is shown; nothing is wrong.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def view(qtbot: Any, demo_ctx: tuple[Any, Any]) -> ReportsView:
    ctx, _ = demo_ctx
    widget = ReportsView(ctx)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _generate(qtbot: Any, view: ReportsView) -> None:
    view.generate()
    qtbot.waitUntil(lambda: view.document.pageCount() > 0 and view.pdf is not None)


def test_prepare_generate_preview_and_save_a_learning_log(
    qtbot: Any, view: ReportsView, demo_ctx: tuple[Any, Any], tmp_path: Path
) -> None:
    ctx, answers = demo_ctx
    practitioner = ctx.read(list_people, "", "practitioner")[0]
    view.prepare("learning-log", {"person": practitioner.email})
    assert view.current_kind() == "learning-log"
    assert view.person.key() == practitioner.email
    assert view.person.isVisible() and not view.relationship.isVisible()
    assert not view.save_button.isEnabled()
    _generate(qtbot, view)
    assert view.save_button.isEnabled() and view.print_button.isEnabled()
    answers.save_file = tmp_path / "learning-log"  # the suffix is added
    path = view.save_as()
    assert path == tmp_path / "learning-log.pdf"
    saved = path.read_bytes()
    assert saved.startswith(b"%PDF")
    reader = PdfReader(path)
    assert len(reader.pages) == view.document.pageCount()
    assert practitioner.full_name in reader.pages[0].extract_text()
    assert not answers.refusals and not answers.bugs
    made = ctx.read(entries, AuditFilter(action="report"))  # by the person's id, not name
    assert [(r.detail, r.record_id) for r in made[:2]] == [
        ("learning-log saved", practitioner.id),
        ("learning-log generated", practitioner.id),
    ]


def test_relationship_record(qtbot: Any, view: ReportsView, demo_ctx: tuple[Any, Any]) -> None:
    """(Printing it is in test_printing.py.)"""
    ctx, answers = demo_ctx
    rel = ctx.read(list_relationships, status="ended")[0]
    view.prepare("relationship", {"id": rel.id})
    assert view.relationship.key() == rel.id and view.relationship.isVisible()
    _generate(qtbot, view)
    assert view.print_button.isEnabled()
    assert view.pdf is not None
    assert rel.client_name in PdfReader(BytesIO(view.pdf)).pages[0].extract_text()
    assert not answers.refusals and not answers.bugs


def test_programme_and_register_need_no_person(qtbot: Any, view: ReportsView) -> None:
    view.prepare("programme", {})
    assert not view.person.isVisible() and view.date_from.isVisible()
    _generate(qtbot, view)
    pages = view.document.pageCount()
    assert pages >= 3
    view.prepare("register", {})
    view.generate()
    qtbot.waitUntil(lambda: "Register directory" in view.status.text())
    assert view.document.pageCount() >= 1


def test_missing_or_unclear_choices_are_explained(
    qtbot: Any, view: ReportsView, demo_ctx: tuple[Any, Any]
) -> None:
    _, answers = demo_ctx
    view.prepare("person", {})
    view.person.setEditText("zzz-nobody")
    view.generate()
    assert "Choose the person" in view.status.text()
    assert view.pdf is None
    view.prepare("learning-log", {"person": "nobody@nowhere.nhs.uk"})
    view.generate()
    qtbot.waitUntil(lambda: bool(answers.refusals))
    assert "No person has the e-mail" in str(answers.refusals[0])
    view.prepare("compliance", {})
    view.day.setText("31/02/2026")
    view.generate()
    assert "day" in view.status.text().lower()


def test_a_compliance_report_for_a_past_day_says_position_and_generation_apart(
    qtbot: Any, view: ReportsView, demo_ctx: tuple[Any, Any]
) -> None:
    from PySide6.QtCore import Qt

    _, answers = demo_ctx
    view.prepare("compliance", {})
    view.day.clear()
    qtbot.keyClicks(view.day, "01/06/2026")  # the lead types a quarter's position day
    qtbot.mouseClick(view.generate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.document.pageCount() > 0 and view.pdf is not None)
    assert view.pdf is not None
    text = " ".join(PdfReader(BytesIO(view.pdf)).pages[0].extract_text().split())
    assert "Position on 1 Jun 2026" in text and "Generated 23 Nov 2026" in text
    assert "The hub as it stood on 1 Jun 2026" in text
    assert not answers.refusals and not answers.bugs


def test_a_day_outside_1900_to_2099_is_refused_with_a_message_not_a_crash(
    qtbot: Any, view: ReportsView, demo_ctx: tuple[Any, Any]
) -> None:
    from PySide6.QtCore import Qt

    _, answers = demo_ctx
    view.prepare("compliance", {})
    view.day.clear()
    qtbot.keyClicks(view.day, "01/01/0001")
    qtbot.mouseClick(view.generate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(answers.refusals))
    assert "The report's day, 01/01/0001, is outside the days coachdesk works with" in str(
        answers.refusals[0]
    )
    assert not answers.bugs and view.pdf is None
