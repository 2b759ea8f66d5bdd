"""The register import wizard driven like a lead would: file, columns, preview, import."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QPushButton, QWizard

from coachdesk.gui.importwizard import ImportWizard
from coachdesk.gui.importwizard.preview import PROBLEM
from coachdesk.services.register import list_people, list_registrations
from tests.helpers.sheets import MESSY_HEADER, messy_rows, write_xlsx

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

LEFT = Qt.MouseButton.LeftButton


def _register(tmp_path: Any, bad: bool = True) -> Any:
    rows = messy_rows("cells")
    if bad:
        rows[2][1] = "lin.wu(at)broads"  # row 4: an invalid e-mail
        rows[3][3] = "Band 12"  # row 5: an unknown band
    return write_xlsx(tmp_path / "register.xlsx", MESSY_HEADER, rows)


def _wizard(ctx: Any, qtbot: Any) -> ImportWizard:
    wizard = ImportWizard(ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    return wizard


def _tick(qtbot: Any, box: Any) -> None:
    """Click a check box on its indicator (its middle may be empty space)."""
    qtbot.mouseClick(box, LEFT, pos=QPoint(8, box.height() // 2))
    assert box.isChecked()


def _next(wizard: ImportWizard, qtbot: Any, button: QWizard.WizardButton) -> None:
    qtbot.mouseClick(wizard.button(button), LEFT)


def _to_preview(ctx: Any, answers: Any, qtbot: Any, tmp_path: Any, bad: bool) -> ImportWizard:
    answers.open_file = _register(tmp_path, bad)
    wizard = _wizard(ctx, qtbot)
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    choose = wizard.file_page.findChild(QPushButton)
    qtbot.mouseClick(choose, LEFT)
    assert wizard.file_page.path.text() == str(answers.open_file)
    _next(wizard, qtbot, QWizard.WizardButton.NextButton)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.columns_page)
    _next(wizard, qtbot, QWizard.WizardButton.NextButton)
    assert wizard.currentPage() is wizard.preview_page
    return wizard


def test_the_columns_found_are_mapped_and_can_be_changed(empty_ctx, qtbot, tmp_path) -> None:
    ctx, answers = empty_ctx
    answers.open_file = _register(tmp_path)
    wizard = _wizard(ctx, qtbot)
    wizard.file_page.choose()
    _next(wizard, qtbot, QWizard.WizardButton.NextButton)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.columns_page)
    page = wizard.columns_page
    assert page.combo_for("Full Name").currentData() == "full_name"
    assert page.combo_for("AfC band").currentData() == "band"
    assert page.combo_for("Role(s)").currentData() == "roles"
    assert page.table.item(0, 1).text() == "Zoë   Ó Briain"  # the first value, as found
    email = page.combo_for("E-mail")
    email.setCurrentIndex(0)  # not imported: no e-mail column any more
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert "no e-mail column" in page.problems.text()
    email.setCurrentIndex(email.findData("email"))
    page.combo_for("Trust").setCurrentIndex(0)  # the lead leaves the trust out
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert page.problems.text() == ""
    _next(wizard, qtbot, QWizard.WizardButton.NextButton)
    assert wizard.mapping[2] is None and wizard.mapping[1] == "email"


def test_the_preview_highlights_every_problem_and_the_import_is_refused(
    empty_ctx, qtbot, tmp_path, qtmodeltester
) -> None:
    ctx, answers = empty_ctx
    wizard = _to_preview(ctx, answers, qtbot, tmp_path, bad=True)
    model = wizard.preview_page.model
    qtmodeltester.check(model)
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers[:6] == [
        "Row",
        "Registration on import",
        "Full name",
        "Email",
        "Organisation",
        "Band",
    ]

    def cell(row: int, header: str, role: Any = Qt.ItemDataRole.DisplayRole) -> Any:
        return model.data(model.index(row, headers.index(header)), role)

    assert [cell(r, "Row") for r in range(5)] == ["2", "3", "4", "5", "6"]
    assert cell(0, "Full name") == "Zoë Ó Briain"  # as it will be stored
    assert cell(0, "Email") == "zoe.obriain@fenland.nhs.uk"
    assert cell(0, "Band") == "8a"
    assert cell(0, "Training date") == "3 Apr 2024"  # one date style in lists
    assert cell(1, "Training date") == "1 Apr 2024"  # an Excel serial number
    assert cell(2, "Email") == "lin.wu(at)broads"  # a problem shows what the cell holds
    assert cell(2, "Email", Qt.ItemDataRole.BackgroundRole) == PROBLEM
    assert "not a valid e-mail address" in cell(2, "Email", Qt.ItemDataRole.ToolTipRole)
    assert cell(3, "Band", Qt.ItemDataRole.BackgroundRole) == PROBLEM
    assert cell(0, "Band", Qt.ItemDataRole.BackgroundRole) is None
    assert "2 rows have problems" in wizard.preview_page.summary.text()
    _tick(qtbot, wizard.preview_page.only_problems)
    assert model.rowCount() == 2

    _next(wizard, qtbot, QWizard.WizardButton.CommitButton)
    qtbot.waitUntil(lambda: bool(answers.refusals))
    (refusal,) = answers.refusals
    assert refusal.problems == [
        "row 4, E-mail: 'lin.wu(at)broads' is not a valid e-mail address",
        "row 5, AfC band: 'Band 12' is not an Agenda for Change band (1-9, 8a-8d, VSM, Other)",
    ]
    assert wizard.currentPage() is wizard.preview_page
    assert ctx.read(list_people) == []  # nothing written


def test_importing_the_good_rows_shows_a_summary_and_broadcasts(empty_ctx, qtbot, tmp_path) -> None:
    ctx, answers = empty_ctx
    wizard = _to_preview(ctx, answers, qtbot, tmp_path, bad=True)
    _tick(qtbot, wizard.preview_page.skip_invalid)
    with qtbot.waitSignal(ctx.changed) as changed:
        _next(wizard, qtbot, QWizard.WizardButton.CommitButton)
    assert changed.args[0].touches("person", "registration")
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.summary_page)
    counts = wizard.summary_page.counts.text()
    assert "Added: 3" in counts and "Rejected: 2" in counts
    assert "register.rejects.csv" in wizard.summary_page.details.toPlainText()
    assert (tmp_path / "register.rejects.csv").exists()
    assert len(ctx.read(list_people)) == 3
    assert {(r.email, r.kind) for r in ctx.read(list_registrations)} >= {
        ("zoe.obriain@fenland.nhs.uk", "coach")
    }
    assert wizard.button(QWizard.WizardButton.FinishButton).isVisible()


def test_a_file_that_is_not_a_spreadsheet_is_refused_on_the_first_page(
    empty_ctx, qtbot, tmp_path
) -> None:
    ctx, answers = empty_ctx
    (tmp_path / "notes.xlsx").write_text("not a workbook")
    wizard = _wizard(ctx, qtbot)
    qtbot.keyClicks(wizard.file_page.path, str(tmp_path / "notes.xlsx"))
    _next(wizard, qtbot, QWizard.WizardButton.NextButton)
    qtbot.waitUntil(lambda: bool(answers.refusals))
    assert "not an Excel workbook" in answers.refusals[0].message
    assert wizard.currentPage() is wizard.file_page


def test_the_refusal_speaks_of_the_wizards_own_checkbox(empty_ctx, qtbot, tmp_path) -> None:
    ctx, answers = empty_ctx
    wizard = _to_preview(ctx, answers, qtbot, tmp_path, bad=True)
    _next(wizard, qtbot, QWizard.WizardButton.CommitButton)
    qtbot.waitUntil(lambda: bool(answers.refusals))
    message = answers.refusals[0].message
    assert "--skip-invalid" not in message
    assert "2 of 5 rows have problems" in message
    assert "tick “Import the rows without problems and set the others aside”" in message
    assert wizard.preview_page.skip_invalid.text().startswith(
        "Import the rows without problems and set the others aside"
    )


def test_the_preview_shows_each_rows_status_and_the_lead_chooses(
    empty_ctx, qtbot, tmp_path
) -> None:
    ctx, answers = empty_ctx
    wizard = _to_preview(ctx, answers, qtbot, tmp_path, bad=False)
    page = wizard.preview_page
    model = page.model
    assert page.on_register.isChecked()  # "Already on our register (active)"

    def status(row: int, role: Any = Qt.ItemDataRole.DisplayRole) -> Any:
        return model.data(model.index(row, 1), role)

    qtbot.waitUntil(lambda: status(0) != "…")
    # Zoë's sheet has no ethics or organisational support: applied, and why.
    assert status(0) == "coach: applied; mentor: applied"
    assert "coach: applied, not active — Ethics agreed is not yes" in status(
        0, Qt.ItemDataRole.ToolTipRole
    )
    assert status(1) == "mentor: paused"  # the Status column says so
    assert "as the Status column says" in status(1, Qt.ItemDataRole.ToolTipRole)
    assert status(2) == "no registration"  # a coachee
    assert "cannot be active" in page.statuses.text()

    qtbot.mouseClick(page.applicants, LEFT, pos=QPoint(8, page.applicants.height() // 2))
    assert page.applicants.isChecked() and page.new_status() == "applied"
    qtbot.waitUntil(lambda: status(4) == "coach: applied")
    assert status(1) == "mentor: paused"
    assert "cannot be active" not in page.statuses.text()
    with qtbot.waitSignal(ctx.changed):
        _next(wizard, qtbot, QWizard.WizardButton.CommitButton)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.summary_page)
    held = {(r.email.split(".")[0], r.kind): r.status for r in ctx.read(list_registrations)}
    assert held == {
        ("zoe", "coach"): "applied",
        ("zoe", "mentor"): "applied",
        ("ade", "mentor"): "paused",
        ("ola", "coach"): "applied",
        ("sam", "coach"): "applied",
    }
