"""What the Settings tabs share: load, check as typed, Save what changed in one call, Revert."""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from coachdesk.domain.settings import HubSettings
from coachdesk.gui.context import AppContext
from coachdesk.gui.loading import Reader
from coachdesk.services.changes import Changes, RecordKind
from coachdesk.services.settings import get_settings, update_settings

#: A field whose value cannot be saved.
BAD = "background: #fde8e8;"


def quiet_label(text: str) -> QLabel:
    """A wrapped explanatory line in the quiet colour."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet("color: #425563;")
    return label


class SettingsEditor(QWidget):
    """A tab of settings. A subclass builds its fields, ``save_button``, ``revert_button`` and
    ``problem`` label, and says how to show (``show_settings``), read (``read``) and check
    (``problems``, ``checked_fields``) them; this class does the rest."""

    #: The tab's values differ from those saved (True) or match them again (False).
    dirty_changed = Signal(bool)
    #: The status bar's word once saved.
    SAVED_MESSAGE = "Settings saved."

    save_button: QPushButton
    revert_button: QPushButton
    problem: QLabel

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._saved = HubSettings()
        self._dirty = False
        self._loading = False
        self._settings_read = Reader(ctx, self)

    # --- what a subclass says ----------------------------------------------------------------

    @abstractmethod
    def show_settings(self, settings: HubSettings) -> None:
        """Put ``settings`` into the fields."""

    @abstractmethod
    def read(self) -> dict[str, Any]:
        """Every setting of the tab as typed."""

    @abstractmethod
    def problems(self) -> list[tuple[QWidget, str]]:
        """What stops the settings being saved, each with the field to put it right in."""

    @abstractmethod
    def checked_fields(self) -> Iterable[QWidget]:
        """The fields that are marked when their value cannot be saved."""

    def saved_values(self) -> dict[str, Any]:
        """The saved settings, as ``read`` would give them (a subclass may normalise)."""
        return self._saved.as_dict()

    def after_edit(self) -> None:
        """Anything more to show once the fields have been checked."""

    # --- shared ------------------------------------------------------------------------------

    def load(self, settings: HubSettings) -> None:
        """Show ``settings`` as saved (nothing changed)."""
        self._saved = settings
        self._loading = True
        try:
            self.show_settings(settings)
        finally:
            self._loading = False
        self._edited()

    def changes(self) -> dict[str, Any]:
        """The settings whose value differs from the saved one."""
        saved = self.saved_values()
        return {k: v for k, v in self.read().items() if v != saved.get(k)}

    @property
    def dirty(self) -> bool:
        return self._dirty

    def _edited(self, *_: Any) -> None:
        if self._loading:
            return
        problems = self.problems()
        bad = {id(w) for w, _ in problems}
        for widget in self.checked_fields():
            widget.setStyleSheet(BAD if id(widget) in bad else "")
        self.problem.setText("\n".join(p for _, p in problems))
        changed = bool(self.changes())
        self.save_button.setEnabled(changed and not problems)
        self.revert_button.setEnabled(changed)
        self.after_edit()
        if changed != self._dirty:
            self._dirty = changed
            self.dirty_changed.emit(changed)
            self.ctx.unsaved_changed.emit()

    def reload(self) -> None:
        """Read the settings as saved (off the UI thread); shown unless the lead has started
        changing them meanwhile."""
        self._settings_read.read(self._arrived, get_settings)

    def _arrived(self, settings: HubSettings) -> None:
        if not self._dirty:
            self.load(settings)

    def revert(self) -> None:
        self.load(self._saved)

    def save(self, done: Callable[[bool], None] | None = None) -> None:
        """Save what changed in one call (nothing when nothing changed or a field is wrong);
        then ``done(ok)``."""
        changes = self.changes()
        problems = self.problems()
        if not changes or problems:
            if problems:
                problems[0][0].setFocus()
            if done is not None:
                done(not problems)
            return
        op = self.ctx.write(self, update_settings, changes).success(
            lambda saved: self._saved_as(saved, done)
        )
        op.failure(lambda _exc: done(False) if done is not None else None).run()

    def _saved_as(self, saved: HubSettings, done: Callable[[bool], None] | None = None) -> None:
        self.load(saved)
        self.ctx.status_message.emit(self.SAVED_MESSAGE)
        if done is not None:
            done(True)

    def on_changed(self, changes: Changes) -> None:
        """Settings saved elsewhere (the welcome page, an import) show here unless being edited."""
        if changes.touches(RecordKind.SETTINGS) and not self._dirty:
            self.reload()
