"""After start-up, the slowest views are built while the app is idle, so their first switch is quick."""

from __future__ import annotations

import importlib
from collections.abc import Callable

from PySide6.QtCore import QObject, QThreadPool, QTimer
from PySide6.QtWidgets import QWidget

#: Views whose first show costs most (building the person and relationship pages, the
#: practitioner list, the settings form and the insight tabs): built ahead, one per idle
#: moment. Their first reads are small or off the UI thread; the Evaluations view's is not
#: (the whole evaluation status listing), so it is only imported.
BUILT_AHEAD = ("register", "relationships", "development", "settings", "insight")
#: Views whose modules take longest to import (reportlab's and the charts' helpers).
IMPORTED_AHEAD = ("coachdesk.gui.evaluations.view", "coachdesk.gui.reports.view")


class ViewWarmer(QObject):
    """Builds ``keys`` with ``build`` and imports ``modules``, one step at a time, each once the
    reads running on the thread pool have finished (or after ``PATIENCE_MS`` of waiting), while
    ``window`` is shown and holds no welcome page (a new hub's empty views are quick anyway).
    Owned by ``window``: gone when it is."""

    STEP_MS = 50
    PATIENCE_MS = 5000

    def __init__(
        self,
        window: QWidget,
        build: Callable[[str], object],
        keys: tuple[str, ...] = BUILT_AHEAD,
        modules: tuple[str, ...] = IMPORTED_AHEAD,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.steps: list[Callable[[], object]] = [
            *(lambda k=key: build(k) for key in keys),
            *(lambda m=module: importlib.import_module(m) for module in modules),
        ]
        self.waited = 0
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.step)

    def start(self) -> None:
        self.timer.start(self.STEP_MS)

    def step(self) -> None:
        if getattr(self.window, "welcome", None) is not None or not self.window.isVisible():
            self.steps.clear()  # a new hub (its views are quick to build empty), or closed
        if not self.steps:
            return
        if QThreadPool.globalInstance().activeThreadCount() and self.waited < self.PATIENCE_MS:
            self.waited += self.STEP_MS
            self.timer.start(self.STEP_MS)
            return
        self.waited = 0
        self.steps.pop(0)()
        if self.steps:
            self.timer.start(self.STEP_MS)


def warm_views(window: QWidget, build: Callable[[str], object]) -> ViewWarmer:
    """Start building the slowest views ahead in ``window`` (the app's first, just on screen)."""
    warmer = ViewWarmer(window, build)
    warmer.start()
    return warmer
