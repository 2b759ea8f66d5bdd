"""The settings view: the hub's settings form and the questionnaire template editor."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from coachdesk.domain.enums import Band
from coachdesk.domain.settings import SETTINGS
from coachdesk.domain.templates import CLIENT_TEMPLATE_KEY
from coachdesk.gui.mainwindow import MainWindow
from coachdesk.gui.settings.form import PERIOD_KEYS
from coachdesk.gui.settings.templates import key_from_title
from coachdesk.gui.settings.view import SettingsView
from coachdesk.services.compliance import alerts
from coachdesk.services.evaluations import get_template, list_templates
from coachdesk.services.settings import get_settings
from tests.gui.conftest import TODAY
from tests.helpers.views import shown

#: Qt's offscreen platform warns when a shown window's size hints change; nothing to fix.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

LEFT = Qt.MouseButton.LeftButton


def _view(ctx: Any, qtbot: Any) -> SettingsView:
    return shown(qtbot, SettingsView(ctx))


def _retype(qtbot: Any, widget: Any, text: str) -> None:
    widget.setFocus()
    widget.selectAll()
    qtbot.keyClick(widget, Qt.Key.Key_Delete)
    if text:
        qtbot.keyClicks(widget, text)


# --- the hub's settings ------------------------------------------------------------------------


def test_the_form_shows_every_setting(demo_ctx: Any, qtbot: Any) -> None:
    ctx, _ = demo_ctx
    form = _view(ctx, qtbot).form
    saved = ctx.read(get_settings)
    assert form.hub_name.text() == saved.hub_name
    assert form.region.text() == saved.region
    assert [b for b, box in form.bands.items() if box.isChecked()] == saved.eligible_bands
    assert list(form.bands) == [b.value for b in Band]
    # The reminders' quiet period is on the reminder e-mails tab (test_reminder_settings).
    assert {*PERIOD_KEYS, "reminder_quiet_days"} == {s.key for s in SETTINGS if s.kind is int}
    for spec in SETTINGS:
        if spec.key in form.periods:
            spin = form.periods[spec.key]
            assert spin.value() == getattr(saved, spec.key)
            assert spin.accessibleName() == spec.label
            assert spin.toolTip() == spec.description
    assert not form.save_button.isEnabled()  # nothing changed yet
    assert not form.revert_button.isEnabled()


def test_saving_the_hub_name_retitles_the_window(demo_ctx: Any, qtbot: Any) -> None:
    ctx, _ = demo_ctx
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    view = win.show_view("settings")
    assert isinstance(view, SettingsView)
    _retype(qtbot, view.form.hub_name, "Fens Coaching Hub")
    assert view.form.save_button.isEnabled()
    assert view.tabs.tabText(0).endswith("(not saved)")
    with qtbot.waitSignal(ctx.changed) as blocker:
        qtbot.mouseClick(view.form.save_button, LEFT)
    assert blocker.args[0].ids == frozenset({"hub_name"})  # one call, with what changed
    # [*]: where Qt shows "*" while something is unsaved
    assert win.windowTitle() == "coachdesk — Fens Coaching Hub[*]"
    assert ctx.read(get_settings).hub_name == "Fens Coaching Hub"
    assert not view.form.save_button.isEnabled()
    assert view.tabs.tabText(0) == "The hub and its rules"


def test_a_longer_supervision_period_clears_the_alert(demo_ctx: Any, qtbot: Any) -> None:
    ctx, _ = demo_ctx
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    dashboard = win.show_view("dashboard")
    heading = "Supervision overdue ("
    assert any(t.startswith(heading) for t in dashboard.alerts.top_texts())
    view = win.show_view("settings")
    _retype(qtbot, view.form.periods["supervision_months"], "6")
    qtbot.mouseClick(view.form.save_button, LEFT)
    assert ctx.read(get_settings).supervision_months == 6
    assert not [a for a in ctx.read(alerts, TODAY) if a.rule == "supervision-overdue"]
    win.show_view("dashboard")
    assert not any(t.startswith(heading) for t in dashboard.alerts.top_texts())


def test_invalid_input_disables_save(demo_ctx: Any, qtbot: Any) -> None:
    ctx, _ = demo_ctx
    form = _view(ctx, qtbot).form
    _retype(qtbot, form.hub_name, "")
    assert not form.save_button.isEnabled()
    assert "Enter the hub name." in form.problem.text()
    _retype(qtbot, form.hub_name, "Fens Hub")
    assert form.save_button.isEnabled()
    assert form.problem.text() == ""
    spin = form.periods["response_days"]
    _retype(qtbot, spin, "")
    assert not form.save_button.isEnabled()
    assert "Answer a request within (days): enter a whole number" in form.problem.text()
    qtbot.keyClicks(spin, "21")
    assert form.save_button.isEnabled()
    assert form.changes() == {"hub_name": "Fens Hub", "response_days": 21}


def test_revert_puts_back_what_was_saved(demo_ctx: Any, qtbot: Any) -> None:
    ctx, _ = demo_ctx
    form = _view(ctx, qtbot).form
    saved = form.hub_name.text()
    _retype(qtbot, form.region, "North West")
    qtbot.mouseClick(form.bands["4"], LEFT)
    assert form.revert_button.isEnabled()
    qtbot.mouseClick(form.revert_button, LEFT)
    assert (form.hub_name.text(), form.region.text()) == (saved, "East of England")
    assert form.bands["4"].isChecked()
    assert not form.save_button.isEnabled()
    assert ctx.read(get_settings).region == "East of England"


def test_eligible_bands_are_saved(demo_ctx: Any, qtbot: Any) -> None:
    ctx, _ = demo_ctx
    form = _view(ctx, qtbot).form
    qtbot.mouseClick(form.bands["4"], LEFT)
    qtbot.mouseClick(form.bands["3"], LEFT)
    qtbot.mouseClick(form.save_button, LEFT)
    bands = ctx.read(get_settings).eligible_bands
    assert "4" not in bands and "3" in bands


def test_unticking_every_band_warns_but_may_be_saved(demo_ctx: Any, qtbot: Any) -> None:
    ctx, _ = demo_ctx
    form = _view(ctx, qtbot).form
    for box in form.bands.values():
        box.setChecked(False)
    assert "only leadership-programme participants" in form.note.text()
    assert form.save_button.isEnabled()


def test_settings_saved_elsewhere_are_shown(demo_ctx: Any, qtbot: Any) -> None:
    from coachdesk.services.settings import update_settings

    ctx, _ = demo_ctx
    form = _view(ctx, qtbot).form
    ctx.write(None, update_settings, {"region": "North West"}).run()
    assert form.region.text() == "North West"
    assert not form.save_button.isEnabled()


# --- questionnaire templates -------------------------------------------------------------------


def _client_template(ctx: Any, qtbot: Any) -> Any:
    view = _view(ctx, qtbot)
    view.tabs.setCurrentWidget(view.templates)
    editor = view.templates
    editor.select(CLIENT_TEMPLATE_KEY)
    assert editor.current.key == CLIENT_TEMPLATE_KEY
    return editor


def test_rewording_and_moving_an_item_persists(demo_ctx: Any, qtbot: Any) -> None:
    ctx, _ = demo_ctx
    editor = _client_template(ctx, qtbot)
    before = ctx.read(get_template, CLIENT_TEMPLATE_KEY)
    assert before.items[1].answered > 0  # answered items may be reworded and moved
    editor.item_editor.items.setCurrentRow(1)
    _retype(qtbot, editor.item_editor.wording, "I am motivated by my work")
    assert editor.item_editor.items.item(1).text() == "I am motivated by my work"
    qtbot.mouseClick(editor.item_editor.up_button, LEFT)
    assert editor.item_editor.items.currentRow() == 0
    assert editor.save_button.isEnabled()
    qtbot.mouseClick(editor.save_button, LEFT)
    after = ctx.read(get_template, CLIENT_TEMPLATE_KEY)
    assert [i.key for i in after.items[:2]] == [before.items[1].key, before.items[0].key]
    assert after.items[0].text == "I am motivated by my work"
    assert after.items[0].answered == before.items[1].answered  # the answers are kept
    assert not editor.dirty and not editor.save_button.isEnabled()


def test_moving_down_and_the_buttons_at_the_ends(demo_ctx: Any, qtbot: Any) -> None:
    ctx, _ = demo_ctx
    editor = _client_template(ctx, qtbot)
    editor.item_editor.items.setCurrentRow(0)
    assert (
        not editor.item_editor.up_button.isEnabled() and editor.item_editor.down_button.isEnabled()
    )
    first = editor.item_editor.items.item(0).text()
    qtbot.mouseClick(editor.item_editor.down_button, LEFT)
    assert editor.item_editor.items.item(1).text() == first
    editor.item_editor.items.setCurrentRow(editor.item_editor.items.count() - 1)
    assert not editor.item_editor.down_button.isEnabled()


def test_removing_an_answered_item_is_refused(demo_ctx: Any, qtbot: Any) -> None:
    ctx, answers = demo_ctx
    editor = _client_template(ctx, qtbot)
    before = ctx.read(get_template, CLIENT_TEMPLATE_KEY)
    editor.item_editor.items.setCurrentRow(0)
    assert "cannot be removed" in editor.item_editor.note.text()
    qtbot.mouseClick(editor.item_editor.remove_button, LEFT)
    assert editor.item_editor.items.count() == len(before.items) - 1
    qtbot.mouseClick(editor.save_button, LEFT)
    assert len(answers.refusals) == 1
    assert "cannot be removed" in " ".join(answers.refusals[0].problems)
    assert ctx.read(get_template, CLIENT_TEMPLATE_KEY) == before
    assert editor.dirty  # the lead's edits stay for them to put right
    qtbot.mouseClick(editor.revert_button, LEFT)
    assert editor.item_editor.items.count() == len(before.items)


def test_a_new_template_is_made_edited_and_deleted(demo_ctx: Any, qtbot: Any) -> None:
    ctx, answers = demo_ctx
    editor = _client_template(ctx, qtbot)
    qtbot.mouseClick(editor.new_button, LEFT)
    assert editor.title.text() == "" and editor.item_editor.items.count() == 0
    assert not editor.save_button.isEnabled()
    qtbot.keyClicks(editor.title, "Coach reflection")
    assert editor.key.text() == "coach-reflection"
    assert "Add at least one item." in editor.problem.text()
    qtbot.mouseClick(editor.item_editor.add_button, LEFT)
    assert not editor.save_button.isEnabled()  # an item with no wording
    qtbot.keyClicks(editor.item_editor.wording, "I used supervision well")
    qtbot.mouseClick(editor.item_editor.add_button, LEFT)
    qtbot.keyClicks(editor.item_editor.wording, "I kept to the contract")
    qtbot.mouseClick(editor.save_button, LEFT)
    assert answers.refusals == []
    saved = ctx.read(get_template, "coach-reflection")
    assert [i.text for i in saved.items] == ["I used supervision well", "I kept to the contract"]
    assert editor.current.key == "coach-reflection"
    # An item nobody has answered may be removed.
    editor.item_editor.items.setCurrentRow(0)
    qtbot.mouseClick(editor.item_editor.remove_button, LEFT)
    qtbot.mouseClick(editor.save_button, LEFT)
    assert [i.text for i in ctx.read(get_template, "coach-reflection").items] == [
        "I kept to the contract"
    ]
    assert editor.delete_button.isEnabled()
    qtbot.mouseClick(editor.delete_button, LEFT)
    assert answers.confirmations and "Coach reflection" in answers.confirmations[-1]
    assert "coach-reflection" not in [t.key for t in ctx.read(list_templates)]


def test_a_new_template_needs_a_free_key(demo_ctx: Any, qtbot: Any) -> None:
    ctx, _ = demo_ctx
    editor = _client_template(ctx, qtbot)
    qtbot.mouseClick(editor.new_button, LEFT)
    qtbot.keyClicks(editor.title, "Client default")
    _retype(qtbot, editor.key, CLIENT_TEMPLATE_KEY)
    assert f"The key “{CLIENT_TEMPLATE_KEY}” is taken" in editor.problem.text()
    _retype(qtbot, editor.key, "Bad Key")
    assert "may use only a-z" in editor.problem.text()
    assert not editor.save_button.isEnabled()


def test_the_defaults_cannot_be_deleted(demo_ctx: Any, qtbot: Any) -> None:
    ctx, _ = demo_ctx
    editor = _client_template(ctx, qtbot)
    assert not editor.delete_button.isEnabled()
    assert "always kept" in editor.delete_button.toolTip()


def test_leaving_unsaved_changes_asks_first(demo_ctx: Any, qtbot: Any) -> None:
    ctx, answers = demo_ctx
    editor = _client_template(ctx, qtbot)
    _retype(qtbot, editor.title, "Client form")
    answers.unsaved_with = "cancel"
    other = next(t.key for t in editor.templates if t.key != CLIENT_TEMPLATE_KEY)
    editor.select(other)
    assert answers.unsaved and editor.current.key == CLIENT_TEMPLATE_KEY
    assert editor.title.text() == "Client form"
    answers.unsaved_with = "discard"
    editor.select(other)
    assert editor.current.key == other and not editor.dirty


def test_open_record_shows_a_template(demo_ctx: Any, qtbot: Any) -> None:
    ctx, _ = demo_ctx
    view = _view(ctx, qtbot)
    other = next(t.key for t in view.templates.templates if t.key != CLIENT_TEMPLATE_KEY)
    view.open_record("template", other)
    assert view.tabs.currentWidget() is view.templates
    assert view.templates.current.key == other


def test_key_from_title() -> None:
    assert key_from_title("Coach reflection: 2027!") == "coach-reflection-2027"
    assert key_from_title("   ") == ""


def test_accessible_names(demo_ctx: Any, qtbot: Any) -> None:
    ctx, _ = demo_ctx
    view = _view(ctx, qtbot)
    widgets = [
        view.form.hub_name,
        view.form.region,
        view.form.save_button,
        view.form.revert_button,
        *view.form.bands.values(),
        *view.form.periods.values(),
        view.templates.picker,
        view.templates.title,
        view.templates.key,
        view.templates.item_editor.items,
        view.templates.item_editor.wording,
    ]
    assert all(w.accessibleName() or w.text() for w in widgets)


def test_tab_follows_the_form(demo_ctx: Any, qtbot: Any) -> None:
    ctx, _ = demo_ctx
    form = _view(ctx, qtbot).form
    chain = [form.hub_name]
    while len(chain) < 300 and chain[-1] is not form.save_button:
        chain.append(chain[-1].nextInFocusChain())
    fields = [
        form.hub_name,
        form.region,
        *form.bands.values(),
        *form.periods.values(),
        form.revert_button,
        form.save_button,
    ]
    focusable = [w for w in chain if w in fields]
    assert focusable == fields
    names = [w.accessibleName() for w in focusable]
    assert names[:3] == ["Hub name", "Region", "Eligible: Band 1"]
    assert names[-2:] == ["Revert settings", "Save settings"]


def test_bands_saved_in_another_order_are_not_a_change(demo_ctx: Any, qtbot: Any) -> None:
    from coachdesk.services.settings import update_settings

    ctx, _ = demo_ctx
    ctx.write(None, update_settings, {"eligible_bands": ["VSM", "9", "5", "4"]}).run()
    form = _view(ctx, qtbot).form
    assert form.changes() == {}
    assert not form.save_button.isEnabled()
