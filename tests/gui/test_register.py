"""The register view through real widgets: search, filters, dialogs, approval, navigation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QObject, QPoint, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QWidget

from coachdesk.gui.register.person_dialog import PersonDialog
from coachdesk.gui.register.registration_dialog import RegistrationDialog
from coachdesk.gui.register.view import RegisterView
from coachdesk.services.dto import PersonInput
from coachdesk.services.register import (
    add_person,
    get_person,
    list_people,
    list_registrations,
)
from tests.helpers.ops import write_now
from tests.helpers.views import shown

#: The offscreen platform (QT_QPA_PLATFORM=offscreen) warns whenever a window's size limits
#: change; it says nothing about the app. Every other Qt warning still fails a test.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

TINY_PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def make_view(ctx: Any, qtbot: Any) -> RegisterView:
    # Not waited on: a test looks at the list before its background read has reported.
    return shown(qtbot, RegisterView(ctx), exposed=False)


def shown_rows(view: RegisterView) -> list[Any]:
    return view.model.all_rows()


def a_practitioner_with_history(ctx: Any) -> Any:
    """An active coach in the demo with relationships, CPD and evaluations to show."""
    for reg in ctx.read(list_registrations, kind="coach", status="active"):
        detail = ctx.read(get_person, reg.email)
        if detail.as_practitioner and detail.cpd_count and detail.supervision_count:
            return detail
    raise AssertionError("the demo has no coach with history")


def click(qtbot: Any, widget: Any) -> None:
    """Click a button the lead can see and use."""
    assert widget.isVisible() and widget.isEnabled(), widget.text()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def show_tab(qtbot: Any, view: RegisterView, tab: Any) -> None:
    tabs = view.page.tabs
    bar = tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(tabs.indexOf(tab)).center())
    assert tabs.currentWidget() is tab


# --- the list ----------------------------------------------------------------------------


def test_search_filters_as_you_type(demo_ctx: Any, qtbot: Any) -> None:
    ctx, _ = demo_ctx
    view = make_view(ctx, qtbot)
    total = view.model.total()
    assert total == len(ctx.read(list_people)) and view.model.matching() == total
    target = [p for p in view.people if p.full_name.isascii() and p.organisation][7]
    surname = target.full_name.split()[-1]
    qtbot.keyClicks(view.search, surname[:3])
    partial = view.model.matching()
    qtbot.keyClicks(view.search, surname[3:])
    rows = shown_rows(view)
    assert target in rows and len(rows) <= partial < total
    assert all(surname.lower() in f"{r.full_name} {r.email} {r.organisation}".lower() for r in rows)
    assert view.count.text() == f"Showing {len(rows)} of {total}"

    view.search.clear()
    qtbot.keyClicks(view.search, target.email.split("@")[0].upper())  # e-mail, any case
    assert target in shown_rows(view)
    view.search.clear()
    organisation = target.organisation
    qtbot.keyClicks(view.search, organisation.split()[0])
    assert all(
        organisation.split()[0].lower() in r.organisation.lower()
        or organisation.split()[0].lower() in r.full_name.lower() + r.email
        for r in shown_rows(view)
    )
    qtbot.keyClicks(view.search, " zzqx-nobody")
    assert view.model.matching() == 0
    view.search.clear()
    assert view.model.matching() == total


@pytest.mark.parametrize(
    ("combo", "value"),
    [
        ("role", "coach"),
        ("role", "mentor"),
        ("role", "coachee"),
        ("role", "mentee"),
        ("status", "active"),
        ("status", "applied"),
        ("status", "not registered"),
        ("band", "8a"),
        ("organisation", None),
    ],
)
def test_each_filter(demo_ctx: Any, qtbot: Any, combo: str, value: str | None) -> None:
    ctx, _ = demo_ctx
    view = make_view(ctx, qtbot)
    widget = getattr(view, combo)
    index = widget.findData(value) if value else 1
    assert index > 0
    widget.setCurrentIndex(index)
    value = widget.currentData()
    rows = shown_rows(view)
    assert 0 < len(rows) < view.model.total()
    statuses: dict[str, set[str]] = {}
    for reg in ctx.read(list_registrations):
        statuses.setdefault(reg.person_id, set()).add(reg.status)
    for row in rows:
        if combo == "role":
            assert value in row.roles
        elif value == "not registered":
            assert row.id not in statuses
        elif combo == "status":
            assert value in statuses[row.id]
        elif value == "no band":
            assert not row.band
        elif combo == "band":
            assert row.band == value
        else:
            assert row.organisation == value
    click(qtbot, view.clear_button)
    assert view.model.matching() == view.model.total()


def test_filters_combine_with_search(demo_ctx: Any, qtbot: Any) -> None:
    ctx, _ = demo_ctx
    view = make_view(ctx, qtbot)
    view.role.setCurrentIndex(view.role.findData("coach"))
    coaches = view.model.matching()
    qtbot.keyClicks(view.search, "a")
    assert 0 < view.model.matching() <= coaches
    assert all(
        "coach" in r.roles and "a" in (r.full_name + r.email + r.organisation).lower()
        for r in shown_rows(view)
    )


def test_columns_sort_the_whole_list(demo_ctx: Any, qtbot: Any) -> None:
    ctx, _ = demo_ctx
    view = make_view(ctx, qtbot)
    header = view.table.horizontalHeader()
    x = header.sectionViewportPosition(1) + header.sectionSize(1) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    names = [r.organisation.lower() for r in shown_rows(view)]
    assert names == sorted(names)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    names = [r.organisation.lower() for r in shown_rows(view)]
    assert names == sorted(names, reverse=True)


def test_every_model_passes_the_model_tester(demo_ctx: Any, qtbot: Any, qtmodeltester: Any) -> None:
    ctx, _ = demo_ctx
    view = make_view(ctx, qtbot)
    detail = a_practitioner_with_history(ctx)
    view.open_record("person", detail.person.id)
    page = view.page
    for index in range(page.tabs.count()):
        page.tabs.setCurrentIndex(index)  # the lazy tabs load when shown
    assert page.development.cpd.model_.rowCount() == detail.cpd_count
    models = [
        view.model,
        page.registrations.table.model_,
        page.relationships.as_practitioner.model_,
        page.relationships.as_client.model_,
        page.relationships.requests.model_,
        page.development.cpd.model_,
        page.development.supervision.model_,
        page.evaluations.table.model_,
    ]
    for model in models:
        qtmodeltester.check(model)
    qtbot.keyClicks(view.search, "e")
    qtmodeltester.check(view.model)


# --- the person's page -------------------------------------------------------------------


def test_person_page_shows_details_registrations_and_history(demo_ctx: Any, qtbot: Any) -> None:
    ctx, _ = demo_ctx
    view = make_view(ctx, qtbot)
    detail = a_practitioner_with_history(ctx)
    row = view.model.row_of_id(detail.person.id)
    view.table.selectRow(row)
    qtbot.waitUntil(lambda: view.page.person_id == detail.person.id)
    page = view.page
    assert page.name.text() == detail.person.full_name
    assert page.details.values["email"].text() == detail.person.email
    assert page.registrations.table.model_.rowCount() == len(detail.registrations)
    assert page.relationships.as_practitioner.model_.rowCount() == len(detail.as_practitioner)
    assert f"{detail.cpd_count} records" in page.development.cpd_caption.text()
    for reason in detail.eligibility_reasons:
        assert reason in page.details.reasons.text()
    assert page.print_log.isVisible()


def test_activating_a_relationship_opens_it(demo_ctx: Any, qtbot: Any) -> None:
    ctx, _ = demo_ctx
    view = make_view(ctx, qtbot)
    detail = a_practitioner_with_history(ctx)
    view.open_record("person", detail.person.email.upper())
    page = view.page
    show_tab(qtbot, view, page.relationships)
    table = page.relationships.as_practitioner
    table.setFocus()
    table.setCurrentIndex(table.model_.index(0, 0))
    with qtbot.waitSignal(ctx.open_record) as blocker:
        qtbot.keyClick(table, Qt.Key.Key_Return)
    assert blocker.args == ["relationship", detail.as_practitioner[0].id]


def test_print_buttons_ask_for_reports(demo_ctx: Any, qtbot: Any) -> None:
    ctx, _ = demo_ctx
    view = make_view(ctx, qtbot)
    detail = a_practitioner_with_history(ctx)
    view.open_record("person", detail.person.id)
    with qtbot.waitSignal(ctx.print_report) as blocker:
        click(qtbot, view.page.print_log)
    assert blocker.args == ["learning-log", {"person": detail.person.email}]
    with qtbot.waitSignal(ctx.print_report) as blocker:
        click(qtbot, view.page.print_record)
    assert blocker.args == ["person", {"person": detail.person.email}]


def test_learning_log_button_only_for_practitioners(demo_ctx: Any, qtbot: Any) -> None:
    ctx, _ = demo_ctx
    view = make_view(ctx, qtbot)
    client = next(p for p in view.people if p.roles and set(p.roles) <= {"coachee", "mentee"})
    view.open_record("person", client.id)
    assert not view.page.print_log.isVisible() and view.page.print_record.isVisible()


def test_open_record_registration_selects_the_person(demo_ctx: Any, qtbot: Any) -> None:
    ctx, _ = demo_ctx
    view = make_view(ctx, qtbot)
    reg = ctx.read(list_registrations, kind="mentor")[-1]
    qtbot.keyClicks(view.search, "zzqx-nobody")  # hidden by the search: the search is cleared
    view.open_record("registration", reg.id)
    assert view.page.person_id == reg.person_id
    current = view.table.currentIndex()
    assert view.model.row_at(current.row()).id == reg.person_id
    assert view.page.tabs.currentWidget() is view.page.registrations
    assert view.page.registrations.selected().id == reg.id
    assert view.search.text() == ""


def test_eligibility_override_recorded_and_cleared(demo_ctx: Any, qtbot: Any) -> None:
    ctx, answers = demo_ctx
    view = make_view(ctx, qtbot)
    person = next(
        p
        for p in view.people
        if not p.eligibility_override and not ctx.read(get_person, p.email).eligible
    )
    view.open_record("person", person.id)
    details = view.page.details
    assert "Not eligible" in details.verdict.text()
    assert not details.record_override.isEnabled()
    qtbot.keyClicks(details.override_reason, "Clinical lead for the new frailty service")
    click(qtbot, details.record_override)
    assert "Clinical lead for the new frailty service" in details.override_state.text()
    assert "override" in details.verdict.text()
    click(qtbot, details.clear_override)
    assert answers.confirmations
    assert ctx.read(get_person, person.email).person.eligibility_override is None


def test_manager_agreement_recorded(demo_ctx: Any, qtbot: Any) -> None:
    ctx, _ = demo_ctx
    view = make_view(ctx, qtbot)
    person = next(p for p in view.people if p.manager_agreement_on is None)
    view.open_record("person", person.id)
    details = view.page.details
    qtbot.keyClicks(details.agreement, "31/02/2026")
    assert (
        not details.record_agreement.isEnabled()
        and "not a date" in details.agreement_problem.text()
    )
    details.agreement.clear()
    qtbot.keyClicks(details.agreement, "3/11/2026")
    click(qtbot, details.record_agreement)
    got = ctx.read(get_person, person.email).person.manager_agreement_on
    assert got is not None and got.isoformat() == "2026-11-03"
    assert "3 Nov 2026" in details.agreement_state.text()


# --- dialogs -----------------------------------------------------------------------------


def test_new_coach_registered_refused_then_approved(
    empty_ctx: Any, qtbot: Any, tmp_path: Path
) -> None:
    ctx, answers = empty_ctx
    view = make_view(ctx, qtbot)
    view.new_record()
    dialog = view.dialog
    assert isinstance(dialog, PersonDialog) and not dialog.save_button.isEnabled()
    qtbot.keyClicks(dialog.full_name, "Priya Shah")
    qtbot.keyClicks(dialog.email, "Priya.Shah@OuseValley.nhs.uk")
    qtbot.keyClicks(dialog.organisation, "Ouse Valley Mental Health NHS Foundation Trust")
    qtbot.keyClicks(dialog.band.lineEdit(), "Band 8A")
    assert dialog.save_button.isEnabled()
    with qtbot.waitActive(dialog):
        dialog.activateWindow()
    qtbot.keyClick(dialog.band, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # Ctrl+S
    assert not dialog.isVisible()
    assert view.page.email == "priya.shah@ousevalley.nhs.uk"
    assert view.page.detail.person.band == "8a"

    tab = view.page.registrations
    show_tab(qtbot, view, tab)
    click(qtbot, tab.add_button)
    reg_dialog = tab.dialog
    assert isinstance(reg_dialog, RegistrationDialog)
    assert reg_dialog.kind.currentData() == "coach" and reg_dialog.coach_box.isVisible()
    reg_dialog.accreditation.setCurrentIndex(
        reg_dialog.accreditation.findText("EMCC Coach Practitioner")
    )
    qtbot.keyClicks(reg_dialog.accreditation_on, "14/03/2025")
    pdf = tmp_path / "emcc-certificate.pdf"
    pdf.write_bytes(TINY_PDF)
    answers.open_file = pdf
    click(qtbot, reg_dialog.certificate.upload)
    assert "emcc-certificate.pdf" in reg_dialog.certificate.name.text()
    assert "ethics" in reg_dialog.readiness.text().lower()
    click(qtbot, reg_dialog.save_button)
    assert not reg_dialog.isVisible() and not answers.refusals

    reg = tab.selected()
    assert reg.status == "applied" and reg.certificate_filename == "emcc-certificate.pdf"
    click(qtbot, tab.status_buttons["approved"])
    assert len(answers.refusals) == 1
    problems = " ".join(answers.refusals[0].problems)
    assert "Ethics" in problems and "organisational support" in problems
    assert "certificate" not in problems and "accreditation:" not in problems
    assert tab.selected().status == "applied"

    click(qtbot, tab.edit_button)
    reg_dialog = tab.dialog
    reg_dialog.ethics.click()
    qtbot.keyClicks(reg_dialog.org_support, "01/11/2026")
    assert "ready for approval" in reg_dialog.readiness.text()
    click(qtbot, reg_dialog.save_button)
    assert not reg_dialog.isVisible()
    click(qtbot, tab.status_buttons["approved"])
    assert len(answers.refusals) == 1
    assert tab.selected().status == "approved"
    assert tab.selected().approved_on == ctx.today()
    assert tab.status_buttons["active"].isVisible()
    click(qtbot, tab.status_buttons["active"])
    assert ctx.read(list_registrations)[0].status == "active"
    assert "coach (active)" in view.page.subtitle.text()


def test_invalid_email_disables_save_and_says_why(demo_ctx: Any, qtbot: Any) -> None:
    ctx, _ = demo_ctx
    view = make_view(ctx, qtbot)
    view.new_record()
    dialog = view.dialog
    qtbot.keyClicks(dialog.full_name, "Sam Lee")
    qtbot.keyClicks(dialog.email, "sam.lee@nhs")
    assert not dialog.save_button.isEnabled()
    assert "not a valid e-mail address" in dialog.problem_text(dialog.email)
    qtbot.keyClicks(dialog.email, ".uk")
    assert dialog.save_button.isEnabled() and dialog.problem_text(dialog.email) == ""
    dialog.email.setText(view.people[0].email.upper())
    assert f"Already used by {view.people[0].full_name}" in dialog.problem_text(dialog.email)
    dialog.email.setText("sam.lee@nhs.uk")
    qtbot.keyClicks(dialog.band.lineEdit(), "12")
    assert "not an Agenda for Change band" in dialog.problem_text(dialog.band)
    assert not dialog.save_button.isEnabled()
    dialog.band.setCurrentText("6")
    qtbot.keyClicks(dialog.agreement, "yesterday-ish")
    assert "not a date" in dialog.problem_text(dialog.agreement)
    assert not dialog.save_button.isEnabled()


def test_closing_a_changed_dialog_asks(demo_ctx: Any, qtbot: Any) -> None:
    ctx, answers = demo_ctx
    view = make_view(ctx, qtbot)
    view.new_record()
    dialog = view.dialog
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # unchanged: closes without asking
    assert not dialog.isVisible() and not answers.unsaved

    view.new_record()
    dialog = view.dialog
    qtbot.keyClicks(dialog.full_name, "Half typed")
    answers.unsaved_with = "cancel"
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible() and len(answers.unsaved) == 1
    answers.unsaved_with = "discard"
    click(qtbot, dialog.cancel_button)
    assert not dialog.isVisible() and len(answers.unsaved) == 2
    assert ctx.read(list_people, "Half typed") == []


def test_edit_person_updates_the_page(demo_ctx: Any, qtbot: Any) -> None:
    ctx, _ = demo_ctx
    view = make_view(ctx, qtbot)
    person = view.people[3]
    view.open_record("person", person.id)
    click(qtbot, view.page.edit_button)
    dialog = view.page.dialog
    assert dialog.full_name.text() == person.full_name and not dialog.is_dirty()
    dialog.job_title.clear()
    qtbot.keyClicks(dialog.job_title, "Deputy Director of Nursing")
    click(qtbot, dialog.save_button)
    assert "Deputy Director of Nursing" in view.page.subtitle.text()
    assert view.by_id[person.id].job_title == "Deputy Director of Nursing"


def test_mentor_registration_needs_training_and_hours(demo_ctx: Any, qtbot: Any) -> None:
    ctx, answers = demo_ctx
    write_now(ctx, add_person, PersonInput("Noor Rahman", "noor.rahman@nhs.uk"))
    view = make_view(ctx, qtbot)
    view.open_record("person", "noor.rahman@nhs.uk")
    assert "Not on the practitioner register" in view.page.registrations.empty.text()
    tab = view.page.registrations
    show_tab(qtbot, view, tab)
    click(qtbot, tab.add_button)
    dialog = tab.dialog
    dialog.kind.setCurrentIndex(dialog.kind.findData("mentor"))
    assert dialog.mentor_box.isVisible() and not dialog.coach_box.isVisible()
    text = dialog.readiness.text()
    assert "training date" in text and "hours" in text
    dialog.status.setCurrentIndex(dialog.status.findData("approved"))
    assert "will be refused" in dialog.readiness.text()
    click(qtbot, dialog.save_button)  # approving an incomplete registration is refused
    assert dialog.isVisible() and len(answers.refusals) == 1
    qtbot.keyClicks(dialog.training_on, "12/05/2026")
    dialog.hours.setValue(24)
    dialog.ethics.click()
    qtbot.keyClicks(dialog.org_support, "12/05/2026")
    click(qtbot, dialog.save_button)
    assert not dialog.isVisible() and len(answers.refusals) == 1
    assert tab.selected().kind == "mentor" and tab.selected().status == "approved"
    assert tab.selected().approved_on == tab.selected().registered_on == ctx.today()
    assert tab.selected().hours_committed == 24


class _Opened(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


def test_open_certificate_writes_a_private_copy(empty_ctx: Any, qtbot: Any, tmp_path: Path) -> None:
    ctx, answers = empty_ctx
    write_now(ctx, add_person, PersonInput("Ada Obi", "ada.obi@nhs.uk"))
    view = make_view(ctx, qtbot)
    view.open_record("person", "ada.obi@nhs.uk")
    tab = view.page.registrations
    show_tab(qtbot, view, tab)
    click(qtbot, tab.add_button)
    pdf = tmp_path / "ilm5.pdf"
    pdf.write_bytes(TINY_PDF)
    answers.open_file = pdf
    click(qtbot, tab.dialog.certificate.upload)
    click(qtbot, tab.dialog.save_button)
    opened = _Opened()
    QDesktopServices.setUrlHandler("file", opened, "open")
    try:
        click(qtbot, tab.certificate_button)
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert len(opened.urls) == 1
    copy = Path(opened.urls[0].toLocalFile())
    assert copy.name == "ilm5.pdf" and copy.read_bytes() == TINY_PDF


def test_a_file_that_is_not_a_certificate_is_refused_in_the_form(
    empty_ctx: Any, qtbot: Any, tmp_path: Path
) -> None:
    ctx, answers = empty_ctx
    write_now(ctx, add_person, PersonInput("Ada Obi", "ada.obi@nhs.uk"))
    view = make_view(ctx, qtbot)
    view.open_record("person", "ada.obi@nhs.uk")
    show_tab(qtbot, view, view.page.registrations)
    click(qtbot, view.page.registrations.add_button)
    dialog = view.page.registrations.dialog
    notes = tmp_path / "notes.docx"
    notes.write_bytes(b"PK\x03\x04 not a pdf")
    answers.open_file = notes
    click(qtbot, dialog.certificate.upload)
    assert "not a PDF, PNG or JPEG" in dialog.certificate.note.text()
    assert dialog.certificate.pending is None


def test_reloads_on_changes_only_when_shown(demo_ctx: Any, qtbot: Any) -> None:
    ctx, _ = demo_ctx
    view = make_view(ctx, qtbot)
    total = view.model.total()
    view.hide()
    write_now(ctx, add_person, PersonInput("Late Comer", "late.comer@nhs.uk"))
    assert view.model.total() == total  # not reloaded while hidden
    view.show()
    assert view.model.total() == total + 1
    write_now(ctx, add_person, PersonInput("Next One", "next.one@nhs.uk"))
    assert view.model.total() == total + 2


def test_shortcut_methods(demo_ctx: Any, qtbot: Any) -> None:
    ctx, _ = demo_ctx
    view = make_view(ctx, qtbot)
    qtbot.keyClicks(view.search, "abc")
    view.table.setFocus()
    view.focus_search()
    assert view.search.selectedText() == "abc"
    view.new_record()
    assert isinstance(view.dialog, PersonDialog) and view.dialog.isVisible()
    view.dialog.reject()
    view.reload()
    assert view.model.total() == len(ctx.read(list_people))


def test_tab_follows_the_form_and_controls_have_names(demo_ctx: Any, qtbot: Any) -> None:
    ctx, _ = demo_ctx
    view = make_view(ctx, qtbot)
    view.new_record()
    dialog = view.dialog
    with qtbot.waitActive(dialog):
        dialog.activateWindow()
    assert dialog.focusWidget() is dialog.full_name
    order = [dialog.email, dialog.organisation, dialog.job_title, dialog.band]
    for expected in order:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        focused = QApplication.focusWidget()
        assert focused is expected or focused.parent() is expected
    view.open_record("registration", ctx.read(list_registrations, kind="coach")[0].id)
    view.page.registrations.edit()
    for widget in (view, dialog, view.page.registrations.dialog):
        for child in widget.findChildren(QWidget):
            if child.focusPolicy() == Qt.FocusPolicy.NoFocus or not child.isVisibleTo(widget):
                continue
            if (
                child.parent().inherits("QComboBox")
                or child.inherits("QScrollBar")
                or child.inherits("QTabBar")
            ):
                continue
            named = child.accessibleName() or getattr(child, "text", lambda: "")()
            assert named, f"{type(child).__name__} {child.objectName()} has no accessible name"


def test_other_accreditation_lets_the_lead_type_a_name(empty_ctx: Any, qtbot: Any) -> None:
    ctx, _ = empty_ctx
    write_now(ctx, add_person, PersonInput("Ada Obi", "ada.obi@nhs.uk"))
    view = make_view(ctx, qtbot)
    view.open_record("person", "ada.obi@nhs.uk")
    show_tab(qtbot, view, view.page.registrations)
    click(qtbot, view.page.registrations.add_button)
    dialog = view.page.registrations.dialog
    combo = dialog.accreditation
    assert [combo.itemText(i) for i in range(1, combo.count())] == [
        "EMCC Coach Practitioner",
        "ILM Level 5",
        "ICF ACC",
        "Other…",
    ]
    combo.setCurrentIndex(combo.findText("Other…"))
    assert combo.currentText() == ""
    qtbot.keyClicks(combo.lineEdit(), "AoCM Diploma")
    click(qtbot, dialog.save_button)
    assert ctx.read(list_registrations)[0].accreditation == "AoCM Diploma"


def test_names_show_as_typed(demo_ctx: Any, qtbot: Any) -> None:
    ctx, _ = demo_ctx
    write_now(ctx, add_person, PersonInput("Siobhán O'Neill <Ops>", "s.oneill@nhs.uk"))
    view = make_view(ctx, qtbot)
    view.open_record("person", "S.ONeill@nhs.uk")
    assert view.page.name.text() == "Siobhán O'Neill <Ops>"


def test_in_the_app_the_list_is_read_off_the_ui_thread(demo_ctx: Any, qtbot: Any) -> None:
    ctx, answers = demo_ctx
    ctx.background = True
    view = make_view(ctx, qtbot)
    assert view.count.text() == "Loading…"  # shown at once, before the list was read
    people = ctx.read(list_people)
    qtbot.waitUntil(lambda: view.model.total() == len(people))
    assert view.count.text() == f"{len(people):,} people"
    view.search.setText(people[0].email)
    assert [r.id for r in shown_rows(view)] == [people[0].id]
    view.reload()
    view.open_record("person", people[0].email)  # the list at once; the person off-thread
    qtbot.waitUntil(lambda: view.page.person_id == people[0].id)
    assert view.model.total() == len(people)
    assert answers.bugs == 0


def test_in_the_app_a_new_person_is_saved_off_the_ui_thread(empty_ctx: Any, qtbot: Any) -> None:
    ctx, answers = empty_ctx
    ctx.background = True
    view = make_view(ctx, qtbot)
    qtbot.waitUntil(lambda: view.count.text() == "0 people")
    view.new_record()
    dialog = view.dialog
    assert isinstance(dialog, PersonDialog)
    qtbot.keyClicks(dialog.full_name, "Priya Shah")
    qtbot.keyClicks(dialog.email, "priya.shah@ousevalley.nhs.uk")
    dialog.try_save()
    # The write is on its way: the dialog waits for it, and a second Save does nothing.
    assert dialog.isVisible() and dialog.saving and not dialog.save_button.isEnabled()
    dialog.try_save()
    dialog.reject()  # Esc waits for the save as well (nothing asked)
    assert dialog.isVisible() and answers.confirmations == []
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert dialog.result() == dialog.DialogCode.Accepted
    qtbot.waitUntil(lambda: view.page.email == "priya.shah@ousevalley.nhs.uk")
    qtbot.waitUntil(lambda: view.count.text() == "1 person")
    assert [p.full_name for p in ctx.read(list_people)] == ["Priya Shah"]  # saved once
    assert answers.refusals == [] and answers.bugs == 0


def test_the_lead_says_how_a_registrations_hours_count_for_icf(demo_ctx: Any, qtbot: Any) -> None:
    ctx, answers = demo_ctx
    reg = ctx.read(list_registrations, kind="coach")[0]
    assert reg.icf_hours == "paid"  # internal coaching in work hours: paid for ICF
    view = make_view(ctx, qtbot)
    view.open_record("registration", reg.id)
    tab = view.page.registrations
    show_tab(qtbot, view, tab)
    click(qtbot, tab.edit_button)
    dialog = tab.dialog
    assert dialog.icf_hours.currentText().startswith("Paid")
    with qtbot.waitActive(dialog):
        dialog.activateWindow()
    qtbot.keyClick(dialog, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)  # "Hours for IC&F"
    assert dialog.focusWidget() is dialog.icf_hours
    qtbot.keyClick(dialog.icf_hours, Qt.Key.Key_Down)
    assert dialog.icf_hours.currentText().startswith("Pro bono")
    click(qtbot, dialog.save_button)
    assert not dialog.isVisible() and not answers.refusals
    (saved,) = [r for r in ctx.read(list_registrations, kind="coach") if r.id == reg.id]
    assert saved.icf_hours == "pro-bono"
    assert "Hours for ICF</td><td>pro bono" in tab.particulars.text()
