"""The operation object: calls run off the UI thread, busy only when slow, refusals shown once."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton, QWidget

from coachdesk.errors import UserError
from coachdesk.services.changes import Changes, Outcome, RecordKind
from coachdesk.services.dto import PersonInput
from coachdesk.services.register import add_person, list_people


def _busy_dialogs() -> list[QWidget]:
    return [w for w in QApplication.topLevelWidgets() if w.objectName() == "busy" and w.isVisible()]


def _person(n: int) -> PersonInput:
    return PersonInput(full_name=f"Ada Example {n}", email=f"ada{n}@example.nhs.uk")


@pytest.fixture
def background(empty_ctx: Any) -> Any:
    ctx, answers = empty_ctx
    ctx.background = True
    return ctx, answers


def test_a_write_runs_off_the_ui_thread_and_its_typed_value_and_changes_arrive(
    qtbot: Any, background: Any
) -> None:
    ctx, answers = background
    parent = QWidget()
    qtbot.addWidget(parent)
    threads: list[int] = []
    results: list[Any] = []

    def add(db: Any, data: PersonInput) -> Outcome[Any]:
        threads.append(threading.get_ident())
        return add_person(db, data)

    with qtbot.waitSignal(ctx.changed) as changed:
        op = ctx.write(parent, add, _person(1)).success(results.append).run()
        assert not op.done  # nothing has been handed back before the event loop turns
    qtbot.waitUntil(lambda: op.done)
    assert threads and threads[0] != threading.get_ident()
    assert [r.email for r in results] == ["ada1@example.nhs.uk"]
    assert changed.args[0].touches(RecordKind.PERSON)
    assert answers.refusals == [] and answers.bugs == 0


def test_a_refusal_is_shown_once_and_the_failure_callback_runs_after_it(
    qtbot: Any, background: Any
) -> None:
    ctx, answers = background
    seen: list[str] = []

    def refuse(db: Any) -> Outcome[None]:
        raise UserError("The e-mail is already on the register.")

    op = ctx.write(None, refuse).success(lambda _v: seen.append("success"))
    op.failure(lambda exc: seen.append(f"failure after {len(answers.refusals)} refusal"))
    op.run()
    qtbot.waitUntil(lambda: op.done)
    assert [e.message for e in answers.refusals] == ["The e-mail is already on the register."]
    assert seen == ["failure after 1 refusal"]
    assert answers.bugs == 0


def test_a_bug_is_logged_and_shown_as_something_went_wrong_and_nothing_is_written(
    qtbot: Any, background: Any, caplog: Any
) -> None:
    ctx, answers = background

    def half_then_crash(db: Any) -> Outcome[None]:
        with db.uow() as uow:
            from coachdesk.storage.models import Person

            uow.session.add(Person(full_name="Half Written", email="half@example.nhs.uk"))
            uow.flush()
            raise RuntimeError("boom")

    op = ctx.write(None, half_then_crash).run()
    qtbot.waitUntil(lambda: op.done)
    assert answers.bugs == 1 and answers.refusals == []
    assert "half_then_crash" in caplog.text
    people: list[Any] = []
    ctx.background = False
    ctx.query(None, list_people).success(people.extend).run()
    assert people == []


def test_no_busy_indicator_for_a_quick_call(qtbot: Any, background: Any) -> None:
    ctx, _ = background
    ctx.busy_after_ms = 60_000  # far longer than the call: the indicator must never show
    op = ctx.write(None, add_person, _person(2)).run()
    qtbot.waitUntil(lambda: op.done)
    assert not op.busy_shown and not _busy_dialogs()


def test_a_slow_call_shows_the_busy_indicator_until_it_finishes(
    qtbot: Any, background: Any
) -> None:
    ctx, _ = background
    ctx.busy_after_ms = 0
    release = threading.Event()

    def slow(db: Any) -> Outcome[None]:
        release.wait(timeout=60)
        return Outcome(None, Changes())

    op = ctx.write(None, slow).run()
    qtbot.waitUntil(lambda: op.busy_shown)
    assert _busy_dialogs()
    release.set()
    qtbot.waitUntil(lambda: op.done)
    assert not _busy_dialogs()


def test_writes_run_one_after_another_in_the_order_they_were_started(
    qtbot: Any, background: Any
) -> None:
    ctx, _ = background
    order: list[str] = []
    release = threading.Event()

    def first(db: Any) -> Outcome[None]:
        release.wait(timeout=60)
        order.append("first")
        return Outcome(None)

    def second(db: Any) -> Outcome[None]:
        order.append("second")
        return Outcome(None)

    a = ctx.write(None, first).run()
    b = ctx.write(None, second).run()
    release.set()
    qtbot.waitUntil(lambda: a.done and b.done)
    assert order == ["first", "second"]


def test_a_cancelled_task_reports_progress_and_stops(qtbot: Any, background: Any) -> None:
    ctx, answers = background
    ctx.busy_after_ms = 0
    started = threading.Event()

    def long_import(db: Any, task: Any) -> Outcome[int]:
        started.set()
        while not task.cancelled():
            # Reported as it goes, like a real import: a report that comes before the busy
            # dialog is shown is not kept, so one report alone would race the dialog.
            task.progress(1, 10)
            threading.Event().wait(0.01)
        raise UserError("Import cancelled; nothing was written.")

    op = ctx.task(None, "Importing…", long_import).run()
    try:
        qtbot.waitUntil(lambda: op.busy_shown)
        assert started.wait(timeout=60)
        dialog = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "busy")
        assert isinstance(dialog, QProgressDialog)
        qtbot.waitUntil(lambda: dialog.maximum() == 10)
        button = dialog.findChild(QPushButton)
        assert button is not None and button.text() == "Cancel"
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: op.done)
    finally:
        op.task.cancel()  # a failed step above must not leave the worker looping (a hang at exit)
    assert [e.message for e in answers.refusals] == ["Import cancelled; nothing was written."]


def test_inline_calls_hand_back_before_run_returns(qtbot: Any, empty_ctx: Any) -> None:
    ctx, _ = empty_ctx
    assert ctx.background is False
    got: list[Any] = []
    ctx.write(None, add_person, _person(3)).success(got.append).run()
    assert [p.email for p in got] == ["ada3@example.nhs.uk"]


def test_a_slow_read_shows_no_busy_indicator_unless_asked(qtbot: Any, background: Any) -> None:
    ctx, _ = background
    ctx.busy_after_ms = 0
    release = threading.Event()

    def slow_read(db: Any) -> int:
        release.wait(timeout=60)
        return 1

    quiet = ctx.query(None, slow_read).run()
    asked = ctx.query(None, slow_read).with_progress("Reading the register…").run()
    qtbot.waitUntil(lambda: asked.busy_shown)
    assert not quiet.busy_shown
    release.set()
    qtbot.waitUntil(lambda: quiet.done and asked.done)
    assert not quiet.busy_shown and not _busy_dialogs()


def test_progress_reported_before_the_busy_indicator_shows_is_kept(
    qtbot: Any, background: Any
) -> None:
    ctx, _ = background
    ctx.busy_after_ms = 60_000  # the indicator is shown by hand below, after the report
    reported, release = threading.Event(), threading.Event()

    def one_report(db: Any, task: Any) -> Outcome[None]:
        task.progress(3, 7)
        reported.set()
        release.wait(timeout=60)
        return Outcome(None)

    op = ctx.task(None, "Importing…", one_report).run()
    try:
        assert reported.wait(timeout=60)
        qtbot.waitUntil(lambda: op._progress == (3, 7))  # the queued report has arrived
        op._show_busy()
        dialog = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "busy")
        assert isinstance(dialog, QProgressDialog)
        assert (dialog.value(), dialog.maximum()) == (3, 7)
    finally:
        release.set()
    qtbot.waitUntil(lambda: op.done)
