"""The app on a laptop: every view at 1,280 × 720 and down to 1,024 × 640, at 100/125/150 %."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QPlainTextEdit

from coachdesk.gui.mainwindow import MainWindow
from coachdesk.gui.navigation import VIEWS
from coachdesk.gui.shell import build_shell
from coachdesk.resources import resource
from coachdesk.services import register, relationships, requests
from coachdesk.services.dto import PersonInput, RelationshipInput, RequestInput
from tests.gui.conftest import TODAY
from tests.helpers.builders import Hub
from tests.helpers.fits import (
    LAPTOP,
    SMALLEST,
    busy_coach,
    check_every_view,
    clipped,
    inner,
    settle,
    show_records,
    too_big,
)

#: Qt's offscreen platform warns whenever a shown window's size limits change.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

ROOT = Path(__file__).resolve().parents[2]
#: A name and an e-mail as long as the register takes (200 characters each).
LONG_NAME = ("Alexandra-Georgiana Fitzwilliam-Montgomery " * 5)[:199] + "Z"
LONG_EMAIL = (
    "alexandra.georgiana.fitzwilliam-montgomery@"
    + ".".join(["east-anglian-plains-community-and-mental-health"] * 3)
    + ".nhs.example"
)


@pytest.fixture
def styled(qapp: Any) -> Iterator[None]:
    """The app's own stylesheet (its fonts and paddings), as make_application sets it."""
    qapp.setStyleSheet(resource("style.qss").read_text(encoding="utf-8"))
    yield
    qapp.setStyleSheet("")


def window(ctx: Any, qtbot: Any, screen: tuple[int, int] = LAPTOP) -> MainWindow:
    win = build_shell(ctx)
    qtbot.addWidget(win)
    win.resize(inner(screen))
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    return win


def press_view(qtbot: Any, win: MainWindow, key: str) -> None:
    """Ctrl+1 … Ctrl+9, as the lead switches views."""
    number = [spec.key for spec in VIEWS].index(key) + 1
    qtbot.keyClick(win, getattr(Qt.Key, f"Key_{number}"), Qt.KeyboardModifier.ControlModifier)
    assert win.current_view() is win.view(key)


# --- every view, at both sizes -------------------------------------------------------------


@pytest.mark.parametrize("screen", [LAPTOP, SMALLEST], ids=["1280x720", "1024x640"])
def test_every_view_fits_with_nothing_clipped(
    demo_ctx: Any, qtbot: Any, styled: None, screen: tuple[int, int]
) -> None:
    ctx, answers = demo_ctx
    win = window(ctx, qtbot, screen)
    problems = check_every_view(win, ctx, lambda key: press_view(qtbot, win, key))
    assert not problems, "\n".join(problems)
    assert win.size() == inner(screen)  # nothing made the window grow
    assert answers.bugs == 0 and answers.refusals == []


def test_the_window_shrinks_to_1024_by_640_on_every_view(
    demo_ctx: Any, qtbot: Any, styled: None
) -> None:
    ctx, _ = demo_ctx
    win = window(ctx, qtbot)
    person, relationship = busy_coach(ctx)
    for spec in VIEWS:
        press_view(qtbot, win, spec.key)
        show_records(win, ctx, spec.key, person, relationship)
        assert too_big(win, SMALLEST) is None, spec.title
        win.resize(inner(SMALLEST))
        settle()
        assert win.size() == inner(SMALLEST), spec.title
        win.resize(inner(LAPTOP))
        settle()


@pytest.mark.parametrize("factor", ["1.25", "1.5"])
def test_every_view_fits_at_a_larger_scale(
    _demo_template: Path, tmp_path: Path, factor: str
) -> None:
    """The same checks in a process of its own with QT_SCALE_FACTOR (one per factor), on a
    laptop's screen: the logical sizes must still fit 1,280 × 720 and 1,024 × 640, and the big
    dialogs open within the screen."""
    demo = tmp_path / "demo.sqlite"
    shutil.copyfile(_demo_template, demo)
    # The laptop's screen: 1,920 × 1,080 pixels at 150 % (1,600 × 900 at 125 %), which is
    # 1,280 × 720 logical pixels once Qt scales by the factor.
    screen = {"name": "laptop", "x": 0, "y": 0, "logicalDpi": 96, "logicalBaseDpi": 96}
    screen |= {
        "width": round(LAPTOP[0] * float(factor)),
        "height": round(LAPTOP[1] * float(factor)),
    }
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"windowFrameMargins": True, "screens": [screen]}))
    platform = f"offscreen:configfile={config}"
    env = dict(os.environ, QT_SCALE_FACTOR=factor, QT_QPA_PLATFORM=platform)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    run = subprocess.run(
        [sys.executable, "-m", "tests.helpers.fits", str(demo), TODAY.isoformat()],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    said = [line for line in run.stdout.splitlines() if line.strip()]
    assert said[:1] == [f"scale {float(factor)}"], run.stderr
    assert run.returncode == 0, "\n".join(said[1:]) or run.stderr


# --- long names ----------------------------------------------------------------------------


def _long_person(ctx: Any) -> tuple[str, str]:
    """A coach with a 200-character name and a long e-mail, with a client and a request."""
    hub = Hub(ctx.db)
    person = register.add_person(
        ctx.db,
        PersonInput(
            full_name=LONG_NAME,
            email=LONG_EMAIL,
            organisation="Fenland Acute Hospitals NHS Foundation Trust",
            band="8a",
        ),
    ).value
    hub.registration(person, "coach")
    client = hub.person("Jo Long-Client")
    data = RelationshipInput(
        kind="coaching",
        practitioner=person.email,
        client=client.email,
        started_on=TODAY,
        planned_sessions=6,
    )
    rel = relationships.add_relationship(ctx.db, data).value
    other = hub.person("Sam Asker")
    requests.add_request(ctx.db, RequestInput(other.email, person.email, "coaching", TODAY))
    return person.email, rel.id


def test_a_200_character_name_leaves_the_window_as_wide_as_it_was(
    demo_ctx: Any, qtbot: Any, styled: None
) -> None:
    ctx, answers = demo_ctx
    email, relationship = _long_person(ctx)
    assert len(LONG_NAME) == 200 and len(email) > 150
    win = window(ctx, qtbot, SMALLEST)
    width = win.width()
    for spec in VIEWS:
        press_view(qtbot, win, spec.key)
        show_records(win, ctx, spec.key, email, relationship)
        assert win.width() == width, f"{spec.title} widened the window to {win.width()}"
        assert win.minimumSizeHint().width() <= width, spec.title
    page = win.view("register").page  # type: ignore[attr-defined]
    assert page.name.text() == LONG_NAME and page.name.elided
    assert page.name.toolTip() == LONG_NAME
    details = win.view("relationships").page.details  # type: ignore[attr-defined]
    assert details.practitioner.toolTip() == LONG_NAME
    assert details.practitioner_email.text() == email
    assert answers.bugs == 0


# --- list and detail -----------------------------------------------------------------------


def test_the_person_goes_below_the_list_when_the_window_is_narrow(
    demo_ctx: Any, qtbot: Any, styled: None
) -> None:
    ctx, _ = demo_ctx
    win = window(ctx, qtbot)
    press_view(qtbot, win, "register")
    view: Any = win.view("register")
    assert not view.page.isVisible()  # nobody chosen: the list has the whole width
    assert view.table.width() > view.width() * 0.9
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Down)
    qtbot.waitUntil(view.page.isVisible)
    settle()
    assert view.page.x() > view.table.x() + view.table.width() - 1  # beside the list
    assert view.table.width() > view.splitter.width() / 3  # the list keeps its share
    win.resize(inner(SMALLEST))
    settle()
    assert view.splitter.stacked
    assert view.page.y() > view.table.y() + view.table.height() - 1  # below the list
    assert view.table.height() > 3 * view.table.verticalHeader().defaultSectionSize()
    win.resize(inner(LAPTOP))
    settle()
    assert not view.splitter.stacked


def _drag(qtbot: Any, splitter: Any, by: int) -> None:
    """Drag the splitter's handle ``by`` pixels across (or down, when stacked)."""
    handle = splitter.handle(1)
    middle = handle.rect().center()
    across = QPoint(by, 0) if splitter.orientation() == Qt.Orientation.Horizontal else QPoint(0, by)
    qtbot.mousePress(handle, Qt.MouseButton.LeftButton, pos=middle)
    qtbot.mouseMove(handle, middle + across)
    qtbot.mouseRelease(handle, Qt.MouseButton.LeftButton, pos=middle + across)


def test_split_sizes_are_remembered_by_the_next_window(
    demo_ctx: Any, qtbot: Any, styled: None
) -> None:
    ctx, _ = demo_ctx
    person, relationship = busy_coach(ctx)
    win = window(ctx, qtbot)
    moved = {}
    for key in ("register", "relationships", "development"):
        press_view(qtbot, win, key)
        show_records(win, ctx, key, person, relationship)
        view: Any = win.view(key)
        splitter = view.page.splitter if key == "relationships" else view.splitter
        before = splitter.sizes()
        _drag(qtbot, splitter, -60)
        moved[key] = splitter.sizes()
        assert moved[key][0] < before[0] - 30, key
    win.close()
    assert QSettings().value("register/panes/side-by-side")

    again = window(ctx, qtbot)
    for key in ("register", "relationships", "development"):
        press_view(qtbot, again, key)
        show_records(again, ctx, key, person, relationship)
        view = again.view(key)
        splitter = view.page.splitter if key == "relationships" else view.splitter
        assert abs(splitter.sizes()[0] - moved[key][0]) <= 2, key


# --- fields sized for what they hold -------------------------------------------------------


def test_the_new_session_date_shows_a_whole_date(demo_ctx: Any, qtbot: Any, styled: None) -> None:
    ctx, _ = demo_ctx
    person, relationship = busy_coach(ctx)
    win = window(ctx, qtbot)
    press_view(qtbot, win, "relationships")
    show_records(win, ctx, "relationships", person, relationship)
    date = win.view("relationships").page.sessions.quick.date  # type: ignore[attr-defined]
    date.setFocus()
    date.selectAll()
    qtbot.keyClicks(date, "28/09/2026")
    settle()
    metrics = date.fontMetrics()
    assert date.width() >= metrics.horizontalAdvance("28/09/2026") + 8
    assert date.cursorRect().right() < date.width()
    assert QApplication.focusWidget() is date


@pytest.mark.parametrize("screen", [LAPTOP, SMALLEST], ids=["1280x720", "1024x640"])
def test_the_welcome_page_fits(
    empty_ctx: Any, qtbot: Any, styled: None, screen: tuple[int, int]
) -> None:
    ctx, _ = empty_ctx
    win = window(ctx, qtbot, screen)
    assert win.welcome is not None and win.welcome.isVisible()
    settle()
    assert clipped(win) == []
    name = win.welcome.hub_name  # type: ignore[attr-defined]
    assert name.height() >= name.sizeHint().height()  # "Coaching" with its descenders


def _lines_shown(ctx: Any, qtbot: Any) -> dict[str, float]:
    """How many lines of its font each text box of the dialogs with long text shows."""
    from coachdesk.gui.development.records import CpdDialog
    from coachdesk.gui.insight.culture_dialog import CultureDialog
    from coachdesk.gui.register.person_dialog import PersonDialog
    from coachdesk.gui.register.registration_dialog import RegistrationDialog
    from coachdesk.gui.relationships.dialogs import CloseDialog

    person, relationship = busy_coach(ctx)
    row = ctx.read(register.get_person, person).person
    ended = ctx.read(relationships.get_relationship, relationship).relationship
    dialogs = [
        PersonDialog(ctx, taken={}, organisations=[], hub_region="East of England"),
        RegistrationDialog(ctx, row, kinds_held=("coach",)),  # a mentor's: the experience box
        CultureDialog(ctx, None, organisations=["Fenland Acute Hospitals NHS Foundation Trust"]),
        CpdDialog(ctx, person),
        CloseDialog(ctx, None, ended, "end"),
    ]
    shown: dict[str, float] = {}
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        for box in dialog.findChildren(QPlainTextEdit):
            if box.isVisible():
                room = box.viewport().height() - 2 * box.document().documentMargin()
                shown[f"{type(dialog).__name__}: {box.accessibleName()}"] = (
                    room / box.fontMetrics().lineSpacing()
                )
        dialog.reject()
    return shown


def test_text_boxes_keep_their_lines_when_the_text_is_larger(
    demo_ctx: Any, qtbot: Any, qapp: Any, styled: None
) -> None:
    """Windows' "Make text bigger" enlarges the text, not the pixels: a box sized in pixels
    shows fewer lines. Each box shows as many lines of text half as large again."""
    ctx, _ = demo_ctx
    normal = _lines_shown(ctx, qtbot)
    assert len(normal) >= 6
    font = qapp.font()
    bigger = QFont(font)
    bigger.setPointSizeF(font.pointSizeF() * 1.5)
    qapp.setFont(bigger)
    try:
        larger = _lines_shown(ctx, qtbot)
    finally:
        qapp.setFont(font)
    fewer = {
        box: (normal[box], lines) for box, lines in larger.items() if lines < normal[box] - 0.25
    }
    assert not fewer, fewer
