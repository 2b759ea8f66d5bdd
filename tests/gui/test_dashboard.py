"""The dashboard: alerts grouped by rule, what falls due, the figures, opening records, reloads."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt

from coachdesk.domain.hub_facts import RULE_TITLES, RULES, Alert
from coachdesk.gui.dashboard.entries import ID_ROLE, KIND_ROLE, EntryModel
from coachdesk.gui.dashboard.view import DashboardView, alert_nodes, due_nodes, record_for
from coachdesk.gui.dashboard.wraptree import WrapTree
from coachdesk.services.compliance import alerts_and_due
from coachdesk.services.dashboard import COMPLETION_DEFINITION, evaluation_completion
from coachdesk.services.dto import SupervisionInput
from tests.gui.conftest import TODAY
from tests.helpers.ops import write_now
from tests.helpers.views import shown

#: Qt's offscreen platform warns when a shown window's size hints change; nothing to fix.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _view(ctx: Any, qtbot: Any) -> DashboardView:
    return shown(qtbot, DashboardView(ctx))


def _tops(tree: WrapTree) -> list[QModelIndex]:
    return [tree.rows.index(r, 0) for r in range(tree.rows.rowCount())]


def _headings(tree: WrapTree) -> list[str]:
    return tree.top_texts()


def _group(tree: WrapTree, rule: str) -> QModelIndex:
    for index in _tops(tree):
        if index.data().startswith(RULE_TITLES[rule] + " ("):
            return index
    raise AssertionError(f"no group for {rule}")


def _children(tree: WrapTree, parent: QModelIndex) -> list[QModelIndex]:
    return [tree.rows.index(r, 0, parent) for r in range(tree.rows.rowCount(parent))]


def _row(index: QModelIndex) -> tuple[str, ...]:
    """The texts of an index's whole row."""
    return tuple(index.siblingAtColumn(c).data() for c in range(index.model().columnCount()))


def _alert(ctx: Any, rule: str) -> Alert:
    alerts, _ = alerts_and_due(ctx.db, TODAY)
    return next(a for a in alerts if a.rule == rule)


def test_every_rule_is_listed_with_its_count_and_each_alert(demo_ctx: Any, qtbot: Any) -> None:
    ctx, _ = demo_ctx
    view = _view(ctx, qtbot)
    alerts, _ = alerts_and_due(ctx.db, TODAY)
    counts = Counter(a.rule for a in alerts)
    assert set(counts) == set(RULES)  # the small demo makes every rule fire
    assert _headings(view.alerts) == [f"{RULE_TITLES[r]} ({counts[r]})" for r in RULES]
    assert view.alerts_label.text() == f"&Alerts ({len(alerts)})"
    for alert in alerts:
        group = _group(view.alerts, alert.rule)
        rows = [_row(child) for child in _children(view.alerts, group)]
        since = f"{alert.since.day} {alert.since:%b %Y}"
        assert (alert.message, since, str(alert.days)) in rows
        assert view.alerts.isExpanded(group)


def test_tiles_show_the_hub_figures_and_explain_the_completion_rate(
    demo_ctx: Any, qtbot: Any
) -> None:
    ctx, _ = demo_ctx
    view = _view(ctx, qtbot)
    tiles = view.tiles
    assert (tiles.coaches.value.text(), tiles.mentors.value.text()) == ("13", "7")
    assert tiles.relationships.value.text() == "18"
    assert tiles.hours.value.text() == "253.2"
    assert tiles.hours.caption.text() == "Hours delivered in 2026"
    completion = evaluation_completion(ctx.db, TODAY)
    assert completion.due > completion.completed > 0
    assert tiles.completion.value.text() == f"{completion.completed / completion.due:.0%}"
    assert COMPLETION_DEFINITION in tiles.completion.toolTip()
    assert f"In all: {completion.completed} of {completion.due}" in tiles.completion.toolTip()
    assert tiles.completion.accessibleName().startswith("Evaluations completed: ")


def test_completion_counts_the_evaluations_due_for_ended_relationships(demo_ctx: Any) -> None:
    from coachdesk.domain.dates import add_months
    from coachdesk.services.relationships import get_relationship, list_relationships

    ctx, _ = demo_ctx
    due = done = 0
    for rel in list_relationships(ctx.db, status="ended"):
        kinds = {e.kind for e in get_relationship(ctx.db, rel.id).evaluations}
        wanted = ["post", "practitioner-post"]
        if add_months(rel.ended_on, 6) <= TODAY:
            wanted.append("follow-up")
        due += len(wanted)
        done += len(kinds.intersection(wanted))
    completion = evaluation_completion(ctx.db, TODAY)
    assert (completion.completed, completion.due) == (done, due)
    assert sum(k.due for k in completion.by_kind) == due


@pytest.mark.parametrize(
    ("rule", "expected_kind"),
    [
        ("request-unanswered", "request"),
        ("session-not-recorded", "relationship"),  # a session opens within its relationship
        ("post-evaluation-missing", "relationship"),
        ("supervision-overdue", "registration"),
        ("manager-agreement-missing", "person"),
    ],
)
def test_enter_on_an_alert_opens_its_record(
    demo_ctx: Any, qtbot: Any, rule: str, expected_kind: str
) -> None:
    ctx, _ = demo_ctx
    view = _view(ctx, qtbot)
    alert = _alert(ctx, rule)
    expected_id = alert.relationship if expected_kind == "relationship" else alert.subject_id
    item = _children(view.alerts, _group(view.alerts, rule))[0]
    view.alerts.setFocus()
    view.alerts.setCurrentIndex(item)
    with qtbot.waitSignal(ctx.open_record) as blocker:
        qtbot.keyClick(view.alerts, Qt.Key.Key_Return)
    assert blocker.args == [expected_kind, expected_id]


def test_double_click_opens_a_due_item(demo_ctx: Any, qtbot: Any) -> None:
    ctx, _ = demo_ctx
    view = _view(ctx, qtbot)
    _, due = alerts_and_due(ctx.db, TODAY)
    assert len(_tops(view.due)) == len(due) > 0
    assert view.due_label.text() == f"Falls &due in the next 14 days ({len(due)})"
    first = _tops(view.due)[0]
    assert _row(first)[0] == due[0].message
    assert _row(first)[2] == str((due[0].due_on - TODAY).days)
    centre = view.due.visualRect(first).center()
    with qtbot.waitSignal(ctx.open_record) as blocker:
        # QTest sends a double-click alone; a lead's first click comes before it.
        qtbot.mouseClick(view.due.viewport(), Qt.MouseButton.LeftButton, pos=centre)
        qtbot.mouseDClick(view.due.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert blocker.args == list(
        record_for(due[0].subject_kind, due[0].subject_id, due[0].relationship)
    )


def test_enter_on_a_heading_folds_it_and_opens_nothing(demo_ctx: Any, qtbot: Any) -> None:
    ctx, _ = demo_ctx
    view = _view(ctx, qtbot)
    heading = _group(view.alerts, "cpd-overdue")
    view.alerts.setFocus()
    view.alerts.setCurrentIndex(heading)
    opened: list[tuple[str, str]] = []
    ctx.open_record.connect(lambda kind, ident: opened.append((kind, ident)))
    qtbot.keyClick(view.alerts, Qt.Key.Key_Return)
    assert not view.alerts.isExpanded(heading)
    qtbot.keyClick(view.alerts, Qt.Key.Key_Return)
    assert view.alerts.isExpanded(heading)
    assert opened == []


def _record_supervision(ctx: Any, email: str) -> None:
    from coachdesk.services.development import add_supervision

    record = SupervisionInput(date=TODAY, supervisor="Dr Ruth Amos", format="one-to-one", hours=1.5)
    assert write_now(ctx, add_supervision, email, record) is not None


def test_recording_supervision_clears_the_alert_on_screen(demo_ctx: Any, qtbot: Any) -> None:
    ctx, _ = demo_ctx
    view = _view(ctx, qtbot)
    alert = _alert(ctx, "supervision-overdue")
    title = RULE_TITLES["supervision-overdue"]
    assert any(h.startswith(title) for h in _headings(view.alerts))
    _record_supervision(ctx, alert.person)
    assert not any(h.startswith(title) for h in _headings(view.alerts))
    assert len(_headings(view.alerts)) == len(RULES) - 1


def test_a_hidden_dashboard_reloads_when_shown_again(demo_ctx: Any, qtbot: Any) -> None:
    ctx, _ = demo_ctx
    view = _view(ctx, qtbot)
    view.hide()
    _record_supervision(ctx, _alert(ctx, "supervision-overdue").person)
    title = RULE_TITLES["supervision-overdue"]
    assert any(h.startswith(title) for h in _headings(view.alerts))  # not read while hidden
    view.show()
    assert not any(h.startswith(title) for h in _headings(view.alerts))


def test_the_place_is_kept_across_a_reload(demo_ctx: Any, qtbot: Any) -> None:
    ctx, _ = demo_ctx
    view = _view(ctx, qtbot)
    view.alerts.setCurrentIndex(_children(view.alerts, _group(view.alerts, "cpd-overdue"))[0])
    before = view.alerts.currentIndex()
    kind, ident = before.data(KIND_ROLE), before.data(ID_ROLE)
    _record_supervision(ctx, _alert(ctx, "supervision-overdue").person)  # a group above goes
    current = view.alerts.currentIndex()
    assert (current.data(KIND_ROLE), current.data(ID_ROLE)) == (kind, ident)
    assert current.parent().data().startswith(RULE_TITLES["cpd-overdue"])


def test_an_empty_hub_says_nothing_is_due(empty_ctx: Any, qtbot: Any) -> None:
    ctx, _ = empty_ctx
    view = _view(ctx, qtbot)
    assert _headings(view.alerts) == ["No alerts today: the hub's rules find nothing overdue."]
    assert _headings(view.due) == ["Nothing falls due in the next 14 days."]
    assert view.tiles.completion.value.text() == "–"
    assert "No evaluation is due yet." in view.tiles.completion.toolTip()
    opened: list[Any] = []
    ctx.open_record.connect(lambda *a: opened.append(a))
    view.alerts.setFocus()
    view.alerts.setCurrentIndex(view.alerts.rows.index(0, 0))
    qtbot.keyClick(view.alerts, Qt.Key.Key_Return)
    assert opened == []


def test_long_messages_wrap_instead_of_being_cut(demo_ctx: Any, qtbot: Any) -> None:
    ctx, _ = demo_ctx
    view = _view(ctx, qtbot)
    view.resize(700, 760)
    item = _children(view.alerts, _group(view.alerts, "request-unanswered"))[0]
    line = view.alerts.fontMetrics().height()
    # The rows are laid out again once the header has settled: wait for that, not a set time.
    qtbot.waitUntil(lambda: view.alerts.visualRect(item).height() >= 2 * line)


@pytest.mark.parametrize("tree", ["alerts", "due"])
def test_the_view_models_pass_the_model_tester(
    demo_ctx: Any, qtbot: Any, qtmodeltester: Any, tree: str
) -> None:
    ctx, _ = demo_ctx
    view = _view(ctx, qtbot)
    qtmodeltester.check(getattr(view, tree).model())
    _record_supervision(ctx, _alert(ctx, "supervision-overdue").person)  # watched: a reload


def test_the_model_passes_the_python_model_tester(demo_ctx: Any, qtmodeltester: Any) -> None:
    ctx, _ = demo_ctx
    alerts, due = alerts_and_due(ctx.db, TODAY)
    model = EntryModel(["Alert", "Since", "Days"])
    qtmodeltester.check(model, force_py=True)
    model.set_nodes(alert_nodes(tuple(alerts)))
    model.set_nodes(due_nodes(tuple(due), TODAY))
    model.set_nodes(alert_nodes(()))  # the sentence saying there is nothing
    assert model.flags(model.index(0, 0)) == Qt.ItemFlag.ItemIsEnabled


def test_accessible_names_and_tab_order(demo_ctx: Any, qtbot: Any) -> None:
    ctx, _ = demo_ctx
    view = _view(ctx, qtbot)
    assert view.alerts.accessibleName() == "Alerts"
    assert view.due.accessibleName() == "Falls due in the next 14 days"
    assert all(tile.accessibleName() for tile in view.tiles.all())
    view.alerts.setFocus()
    assert view.alerts.nextInFocusChain() is view.due or view.focusNextChild()


def test_record_for_maps_every_subject() -> None:
    assert record_for("request", "q1", None) == ("request", "q1")
    assert record_for("meeting", "m1", "r1") == ("relationship", "r1")
    assert record_for("meeting", "m1", None) == ("meeting", "m1")
    assert record_for("relationship", "r1", "r1") == ("relationship", "r1")
    assert record_for("registration", "g1", None) == ("registration", "g1")
    assert record_for("person", "p1", None) == ("person", "p1")
