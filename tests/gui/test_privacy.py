"""Privacy in the app: Erase person…, the audit log dialog, records past the retention period."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from coachdesk.gui.dashboard.view import DashboardView
from coachdesk.gui.privacy.audit_log import AuditLogDialog
from coachdesk.gui.register.view import RegisterView
from coachdesk.services.register import list_people
from coachdesk.services.settings import update_settings
from coachdesk.storage.engine import sqlite_path
from coachdesk.storage.models import Relationship
from tests.helpers.builders import client_with_an_ended_relationship

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_erase_person_from_the_register_after_typing_the_name(demo_ctx: Any, qtbot: Any) -> None:
    ctx, answers = demo_ctx
    pid, name, email = client_with_an_ended_relationship(ctx.db)
    view = RegisterView(ctx)
    qtbot.addWidget(view)
    view.show()
    view.open_record("person", pid)
    qtbot.waitUntil(lambda: view.page.person_id == pid)
    view.page.erase_button.click()
    dialog = view.page.dialog
    assert dialog is not None and dialog.isVisible()
    text = "\n".join(dialog.preview.lines())
    assert name in text and "person record: 1" in text and "anonymous statistics" in text
    assert not dialog.erase_button.isEnabled()
    dialog.typed.setText("Someone Else")
    assert not dialog.erase_button.isEnabled()
    dialog.typed.setText(f"  {name.upper()} ")
    assert dialog.erase_button.isEnabled()
    dialog.erase_button.click()
    assert dialog.erased and not answers.refusals and not answers.bugs
    assert all(p.email != email for p in list_people(ctx.db))
    assert all(r.email != email for r in view.model.all_rows())  # the register refreshed
    qtbot.waitUntil(lambda: view.page.person_id is None)
    raw = sqlite_path(ctx.db.url).read_bytes()
    assert name.encode() not in raw and email.encode() not in raw


def test_audit_log_lists_and_filters_without_personal_content(
    demo_ctx: Any, qtbot: Any, qtmodeltester: Any
) -> None:
    ctx, _answers = demo_ctx
    update_settings(ctx.db, {"hub_name": "Fenland Hub"})
    dialog = AuditLogDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtmodeltester.check(dialog.model)
    rows = dialog.model.all_rows()
    assert rows[0].action == "update" and rows[0].record_kind == "setting"
    assert rows[0].record_id == "hub_name" and rows[0].fields == ("value",)
    assert any(r.action == "import" and r.detail.startswith("demo:") for r in rows)
    assert all("Fenland Hub" not in r.detail for r in rows)
    dialog.action.setCurrentIndex(dialog.action.findData("import"))
    assert {r.action for r in dialog.model.all_rows()} == {"import"}
    dialog.action.setCurrentIndex(0)
    dialog.kind.setCurrentIndex(dialog.kind.findData("setting"))
    assert {r.record_kind for r in dialog.model.all_rows()} == {"setting"}
    dialog.date_from.setText("01/01/2030")
    dialog.reload()
    assert dialog.model.all_rows() == [] and dialog.status.text() == "0 entries."
    dialog.date_from.setText("31/02/2026")
    dialog.reload()
    assert "From:" in dialog.status.text() and "not a date" in dialog.status.text()


def test_dashboard_lists_records_past_retention_and_deletes_them_after_a_backup(
    demo_ctx: Any, qtbot: Any
) -> None:
    ctx, answers = demo_ctx
    view = DashboardView(ctx)
    qtbot.addWidget(view)
    view.show()
    assert not view.retention.isVisible()  # nothing in the demo is six years old
    with ctx.db.uow() as uow:  # two relationships that ended long ago
        old = uow.session.scalars(
            select(Relationship).where(Relationship.status == "ended").order_by(Relationship.id)
        ).all()[:2]
        for rel in old:
            rel.started_on, rel.ended_on = date(2018, 1, 10), date(2019, 3, 1)
        uow.commit()
    ctx.write(view, update_settings, {"retention_years": 7}).run()
    qtbot.waitUntil(view.retention.isVisible)
    count = view.data.retention.count
    assert count == 2
    assert view.retention.label.text().startswith(f"{count:,} record")
    dialog = view.retention.open_review()
    assert dialog.table.rowCount() == count
    assert dialog.table.item(0, 1).text() == "1 Mar 2019"
    assert "more than 7 years ago" in dialog.table.item(0, 2).text()
    answers.confirm_with = False
    dialog.delete_button.click()
    assert view.data.retention.count == count  # declined: nothing deleted
    answers.confirm_with = True
    dialog.delete_button.click()
    assert not answers.refusals and not answers.bugs
    assert answers.informed and "backup taken first" in answers.informed[-1]
    backup = Path(answers.informed[-1].rsplit(" is ", 1)[1].rstrip("."))
    assert backup.exists()
    qtbot.waitUntil(lambda: not view.retention.isVisible())
    with ctx.db.uow() as uow:
        assert not uow.session.scalars(
            select(Relationship).where(Relationship.id.in_([r.id for r in old]))
        ).all()


def test_the_retention_period_is_edited_in_settings_like_the_other_periods(
    demo_ctx: Any, qtbot: Any
) -> None:
    from PySide6.QtCore import Qt

    from coachdesk.gui.settings.view import SettingsView
    from coachdesk.services.settings import get_settings

    ctx, _answers = demo_ctx
    view = SettingsView(ctx)
    qtbot.addWidget(view)
    view.show()
    spin = view.form.periods["retention_years"]
    assert spin.value() == 6 and spin.suffix() == " years"
    assert (spin.minimum(), spin.maximum()) == (1, 50)
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, "8")
    qtbot.mouseClick(view.form.save_button, Qt.MouseButton.LeftButton)
    assert ctx.read(get_settings).retention_years == 8
