"""The main window by keyboard: focus shown, Tab reaching every button and tab, Alt+letters."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QTabBar,
    QWidget,
)

from coachdesk.gui.mainwindow import MainWindow
from coachdesk.gui.navigation import VIEWS
from coachdesk.gui.shell import build_shell
from coachdesk.resources import resource
from coachdesk.services.register import list_people, list_registrations
from coachdesk.services.relationships import get_relationship, list_relationships
from tests.helpers.keys import clashes, describe, mnemonics_not_working, tab_walk
from tests.helpers.views import shown

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support raise")

#: The focus outline's colour (resources/style.qss).
FOCUS_BLUE = QColor("#005eb8")


@pytest.fixture
def window(demo_ctx: Any, qtbot: Any) -> Iterator[tuple[MainWindow, Any]]:
    ctx, answers = demo_ctx
    win = shown(qtbot, build_shell(ctx), (1280, 720), active=True)
    yield win, ctx
    assert answers.bugs == 0


@pytest.fixture
def styled(qapp: Any) -> Iterator[None]:
    """The app's own stylesheet, as ``make_application`` sets it."""
    qapp.setStyleSheet(resource("style.qss").read_text(encoding="utf-8"))
    yield
    qapp.setStyleSheet("")


def _press(qtbot: Any, win: MainWindow, key: str) -> None:
    qtbot.keyClick(win, Qt.Key(ord(key[-1])), Qt.KeyboardModifier.ControlModifier)


# --- focus shown ---------------------------------------------------------------------------


def _picture(widget: QWidget, scale: float) -> QImage:
    """The widget as the screen shows it at ``scale`` (1.5: Windows' 150 %)."""
    image = QImage(
        round(widget.width() * scale),
        round(widget.height() * scale),
        QImage.Format.Format_ARGB32,
    )
    image.setDevicePixelRatio(scale)
    image.fill(Qt.GlobalColor.white)
    widget.render(image, QPoint(0, 0))
    return image


def _near(colour: QColor, target: QColor = FOCUS_BLUE) -> bool:
    return (
        abs(colour.red() - target.red())
        + abs(colour.green() - target.green())
        + abs(colour.blue() - target.blue())
        < 40
    )


def _outlined(image: QImage, side: str = "left") -> bool:
    """Whether the picture's edge (the middle of its ``side``) is the focus blue, 2 px deep
    at 100 % (3 at 150 %)."""
    depth = round(2 * image.devicePixelRatio())
    y = image.height() // 2
    xs = range(depth) if side == "left" else range(image.width() - depth, image.width())
    return all(_near(image.pixelColor(x, y)) for x in xs)


def _blue_pixels(image: QImage) -> int:
    return sum(
        _near(image.pixelColor(x, y))
        for y in range(0, image.height(), 1)
        for x in range(0, image.width(), 1)
    )


def _tab_to(qtbot: Any, start: QWidget, target: QWidget) -> None:
    """Press Tab from ``start`` until ``target`` has the focus (as a lead would)."""
    chain = tab_walk(qtbot, start)
    assert target in chain, f"Tab never reaches {describe(target)}"
    start.setFocus(Qt.FocusReason.TabFocusReason)
    while QApplication.focusWidget() is not target:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)


@pytest.mark.parametrize("scale", [1.0, 1.5])
def test_focus_is_outlined_in_the_register(
    styled: None, window: tuple[MainWindow, Any], qtbot: Any, scale: float
) -> None:
    """The Register table, a button, the person's tabs and the navigation each show, when they
    have the keyboard, what they do not show without it."""
    win, _ = window
    _press(qtbot, win, "Ctrl+2")
    view = win.current_view()
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Down)
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    tab_bar = view.page.tabs.tabBar()
    qtbot.waitUntil(lambda: tab_bar.width() > 0)  # the page is laid out beside the list

    checks: list[tuple[QWidget, Callable[[QImage], bool]]] = [
        (view.table, _outlined),
        (view.new_button, _outlined),
        (view.page.edit_button, _outlined),
        (win.nav, lambda image: _outlined(image, "right")),
        (tab_bar, lambda image: _blue_pixels(image) > 0),
    ]
    for widget, shows_focus in checks:
        _tab_to(qtbot, win.nav if widget is not win.nav else view.search, widget)
        focused = _picture(widget, scale)
        assert shows_focus(focused), f"{describe(widget)} does not show it has the keyboard"
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is not widget
        assert not shows_focus(_picture(widget, scale)), f"{describe(widget)} always looks focused"


# --- Tab reaches everything ----------------------------------------------------------------

State = Callable[[MainWindow, Any], None]


def _register(win: MainWindow, ctx: Any) -> None:
    """A coach with an active registration, chosen in the list and open on their page."""
    view = win.view("register")
    reg = next(r for r in ctx.read(list_registrations) if r.status == "active")
    person = view.by_id[reg.person_id]
    view.show_person(person)
    view.page.select_registration(reg.id)


def _relationship(win: MainWindow, ctx: Any) -> None:
    """An active relationship's page with its first session chosen."""
    view = win.view("relationships")
    rel = next(
        r
        for r in ctx.read(list_relationships)
        if r.status == "active" and ctx.read(get_relationship, r.id).sessions
    )
    view.open_record("relationship", rel.id)
    view.page.sessions.table.selectRow(0)


def _first_row(key: str) -> State:
    def choose(win: MainWindow, ctx: Any) -> None:
        table = win.view(key).table
        assert table.model().rowCount()
        table.selectRow(0)

    choose.__doc__ = "the first row chosen"
    return choose


def _practitioner(win: MainWindow, ctx: Any) -> None:
    """A coach or mentor chosen."""
    reg = next(r for r in ctx.read(list_registrations) if r.status == "active")
    person = next(p for p in ctx.read(list_people) if p.id == reg.person_id)
    assert win.view("development").choose(person.email)


def _nothing(win: MainWindow, ctx: Any) -> None:
    """The view as it opens."""


STATES: dict[str, list[State]] = {
    "dashboard": [_nothing],
    "register": [_nothing, _register],
    "requests": [_nothing, _first_row("requests")],
    "relationships": [_nothing, _relationship],
    "development": [_practitioner],
    "evaluations": [_nothing, _first_row("evaluations")],
    "reports": [_nothing],
    "settings": [_nothing],
    "insight": [_nothing],
}


def _each_tab(qtbot: Any, win: MainWindow) -> Iterator[str]:
    """The view as it is, then with each tab of each tab bar Tab reaches chosen by the arrow
    keys (a tab's own tabs too): what is shown each time, for a message."""
    view = win.current_view()
    assert view is not None
    yield "as shown"
    seen: set[tuple[int, int]] = set()
    pending = [w for w in tab_walk(qtbot, win.nav) if isinstance(w, QTabBar)]
    while pending:
        bar = pending.pop(0)
        for _ in range(bar.count()):
            bar.setFocus(Qt.FocusReason.TabFocusReason)
            qtbot.keyClick(bar, Qt.Key.Key_Right)
            if (id(bar), bar.currentIndex()) in seen:
                continue
            seen.add((id(bar), bar.currentIndex()))
            yield f"tab {bar.tabText(bar.currentIndex())!r}"
            pending += [
                w
                for w in tab_walk(qtbot, win.nav)
                if isinstance(w, QTabBar) and w is not bar and w not in pending
            ]


def _states(qtbot: Any, win: MainWindow, ctx: Any) -> Iterator[str]:
    for spec in VIEWS:
        for state in STATES[spec.key]:
            _press(qtbot, win, spec.shortcut)
            assert win.current_view() is win.view(spec.key)
            state(win, ctx)
            for tab in _each_tab(qtbot, win):
                yield f"{spec.title} ({state.__doc__ or state.__name__}; {tab})"


def _should_reach(view: QWidget) -> list[QWidget]:
    """Every enabled button, check box and tab bar the lead can see in the view."""
    return [
        w
        for w in view.findChildren(QWidget)
        if isinstance(w, QAbstractButton | QTabBar)
        and w.isVisible()
        and w.isEnabled()
        and w.focusPolicy() != Qt.FocusPolicy.NoFocus
        and w.window() is view.window()
    ]


def test_tab_reaches_every_button_and_tab_of_every_view(
    window: tuple[MainWindow, Any], qtbot: Any
) -> None:
    win, ctx = window
    checked = 0
    for where in _states(qtbot, win, ctx):
        chain = tab_walk(qtbot, win.nav)
        missing = [describe(w) for w in _should_reach(win.current_view()) if w not in chain]
        assert missing == [], f"{where}: Tab never reaches {missing}"
        checked += 1
    assert checked > 20


def test_every_underlined_letter_works_in_every_view(
    window: tuple[MainWindow, Any], qtbot: Any
) -> None:
    """No letter is underlined twice in the window (the menus' File, Edit, View and Help
    included), and Alt+letter reaches the one thing that shows it."""
    win, ctx = window
    for where in _states(qtbot, win, ctx):
        assert clashes(win) == [], where
        assert mnemonics_not_working(qtbot, win) == [], where


def test_enter_on_a_person_opens_their_page_with_the_keyboard_on_its_tabs(
    window: tuple[MainWindow, Any], qtbot: Any
) -> None:
    win, _ = window
    _press(qtbot, win, "Ctrl+2")
    view = win.current_view()
    qtbot.keyClick(win, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(view.search, view.people[3].full_name)
    qtbot.keyClick(view.search, Qt.Key.Key_Return)  # to the list, first match chosen
    assert QApplication.focusWidget() is view.table
    qtbot.keyClick(view.table, Qt.Key.Key_Return)  # at once: no pause for the page to load
    assert view.page.person_id == view.people[3].id
    focus = QApplication.focusWidget()
    assert focus is view.page.tabs.tabBar() and focus.isVisible()
    qtbot.keyClick(focus, Qt.Key.Key_Right)  # the Registrations tab, without the mouse
    assert view.page.tabs.currentWidget() is view.page.registrations


def test_tab_leaves_the_register_table(window: tuple[MainWindow, Any], qtbot: Any) -> None:
    win, _ = window
    _press(qtbot, win, "Ctrl+2")
    view = win.current_view()
    view.table.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(view.table, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: view.page.person_id is not None)  # shown once the lead pauses
    qtbot.keyClick(view.table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is view.page.edit_button  # on to the person's page


def test_the_welcome_page_by_keyboard(empty_ctx: Any, qtbot: Any) -> None:
    ctx, _ = empty_ctx
    win = shown(qtbot, build_shell(ctx), (1280, 720), active=True)
    page = win.welcome
    assert page is not None
    assert clashes(win) == []
    assert mnemonics_not_working(qtbot, win) == []
    chain = tab_walk(qtbot, page.hub_name)
    missing = [describe(w) for w in _should_reach(page) if w not in chain]
    assert missing == []
