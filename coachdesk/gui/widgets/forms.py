"""What every form dialog shares: problem lines, Save/Cancel, Ctrl+S, changes, saving, Esc asks.

The register, development/evaluation, request/relationship and culture dialogs build on
``BaseFormDialog`` and differ only where their behaviour really does (how a field is checked and
when problems show): one change tracker, one save in flight, one Save / Discard / Cancel question.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QBoxLayout,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coachdesk.errors import StaleRecord
from coachdesk.gui.context import AppContext
from coachdesk.gui.operations import Op
from coachdesk.gui.widgets.stale import StaleBar
from coachdesk.gui.widgets.unsaved import DraftKeeper, joined, offer_drafts
from coachdesk.services.changes import RecordKind
from coachdesk.services.drafts import DraftKey

PROBLEM_STYLE = "color: #a4262c;"
HINT_STYLE = "color: #4c6272;"

R = TypeVar("R")


def set_problem(label: QLabel, text: str | None) -> None:
    """Show ``text`` in a problem line, or hide the line when there is none."""
    label.setText(text or "")
    label.setVisible(bool(text))


def field_value(widget: QWidget, *, combo_index: bool = False, spin_text: bool = True) -> Any:
    """What a field holds, to tell whether the form changed.

    A widget's own ``form_value()`` wins; a combo box counts by its text (or its index when
    ``combo_index``); a spin box by its text unless ``spin_text`` is False.
    """
    getter = getattr(widget, "form_value", None)
    if callable(getter):
        return getter()
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QComboBox):
        return widget.currentIndex() if combo_index else widget.currentText()
    if spin_text and isinstance(widget, QAbstractSpinBox):
        return widget.text()
    if isinstance(widget, QAbstractButton):
        return widget.isChecked()
    return None


def _shown_text(widget: QWidget) -> str:
    """What a field shows, as the lead would read it back."""
    if isinstance(widget, QComboBox):
        return widget.currentText()
    if isinstance(widget, QAbstractButton):
        return "yes" if widget.isChecked() else "no"
    if isinstance(widget, QAbstractSpinBox):
        return widget.text()
    value = field_value(widget)
    return "" if value is None else str(value)


def _name_of(widget: QWidget) -> str:
    return widget.accessibleName() or widget.objectName() or "A field"


def field_box(widget: QWidget, *extras: QWidget) -> QWidget:
    """A form row's field column: ``widget`` then the lines under it (hint, problem)."""
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    column.addWidget(widget)
    for extra in extras:
        column.addWidget(extra)
    return box


class BaseFormDialog(QDialog):
    """A dialog with Save and Cancel: Ctrl+S tries to save, Esc/Cancel/close ask Save / Discard /
    Cancel when something changed (``ctx.ask_save_discard_cancel``), and ``set_tab_chain`` orders
    Tab through the fields and then the buttons.

    Changes: fields given to ``track`` are compared with a snapshot taken by ``mark_clean``
    (``field_value`` of each; ``combo_index``/``spin_text`` say how combo and spin boxes count).
    Saving: ``try_save`` calls the subclass's ``save``, which starts one service call and hands
    it to ``submit(op, then)``; while it runs Save is disabled, a second Save and Esc wait; on
    success ``then(value)`` runs, drafts go and the dialog closes; a refusal (already shown)
    leaves it open. Long text fields given to ``keep_drafts`` are kept as drafts as the lead types.
    """

    #: How a combo box counts for "changed": its index (True) or its text (False).
    combo_index = False
    #: Whether a spin box counts by its text (a half-typed number is a change).
    spin_text = True

    def __init__(self, ctx: AppContext, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(title)
        #: True while the save's service call is in flight (a second Save and Esc wait for it).
        self.saving = False
        #: What the last successful save returned.
        self.result_value: object = None
        self._tracked: list[QWidget] = []
        self._saved_snapshot: list[Any] | None = None
        self.drafts: list[DraftKeeper] = []
        #: The refusal of the last save when another lead had changed the record meanwhile.
        self.stale: StaleRecord | None = None
        self._stale_bar: StaleBar | None = None

    # --- buttons -------------------------------------------------------------------------

    def standard_buttons(self, *, cancel_tip: str = "Cancel (Esc)") -> QDialogButtonBox:
        """Save and Cancel as standard buttons, wired to ``try_save`` and ``reject``."""
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button: QPushButton = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        # The same on every platform (some themes show "&Cancel", clashing with a field's Alt+C):
        # Alt+S saves, Esc cancels.
        self.save_button.setText("&Save")
        self.save_button.setToolTip("Save (Ctrl+S)")
        self.save_button.setAccessibleName("Save")
        self.cancel_button: QPushButton = self.buttons.button(
            QDialogButtonBox.StandardButton.Cancel
        )
        self.cancel_button.setText("Cancel")
        self.cancel_button.setToolTip(cancel_tip)
        self.cancel_button.setAccessibleName("Cancel")
        self.connect_buttons()
        return self.buttons

    def connect_buttons(self) -> None:
        """``buttons`` accepted → ``try_save``, rejected → ``reject``; Ctrl+S → ``try_save``.
        A viewer's Save stays disabled (they may open a form to look, not save it)."""
        self.ctx.guard_edits(self.save_button)
        self.buttons.accepted.connect(self.try_save)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self, self.try_save)

    def set_tab_chain(self, widgets: Iterable[QWidget]) -> None:
        """Tab through ``widgets`` that take focus, then Save and Cancel; focus the first."""
        chain = [w for w in widgets if w.focusPolicy() != Qt.FocusPolicy.NoFocus]
        chain += [self.save_button, self.cancel_button]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)
        chain[0].setFocus()

    # --- changes -------------------------------------------------------------------------

    def track(self, widget: QWidget) -> None:
        """Count ``widget``'s value when telling whether the form changed."""
        self._tracked.append(widget)

    def snapshot(self) -> list[Any]:
        return [
            field_value(w, combo_index=self.combo_index, spin_text=self.spin_text)
            for w in self._tracked
        ]

    def mark_clean(self) -> None:
        """What the fields hold now is what is saved (call once loaded, and after a save)."""
        self._saved_snapshot = self.snapshot()
        self.ctx.unsaved_changed.emit()

    def is_dirty(self) -> bool:
        return self._saved_snapshot is not None and self.snapshot() != self._saved_snapshot

    def has_changes(self) -> bool:
        """Whether closing now would lose what the lead entered."""
        return self.is_dirty()

    def unsaved_what(self) -> str:
        """The changes, named for the Save / Discard / Cancel question."""
        return f"your changes in “{self.windowTitle()}”"

    def edited(self) -> None:
        """A field changed: the main window's title marks unsaved work (subclasses call it
        from their checking)."""
        self.ctx.unsaved_changed.emit()

    # --- drafts --------------------------------------------------------------------------

    def keep_text_drafts(
        self,
        kind: RecordKind,
        record_id: str,
        record: str,
        fields: dict[str, tuple[QPlainTextEdit, str]],
    ) -> None:
        """Keep these long text fields (``field name → (box, what it holds)``) of ``record`` (in
        the lead's words, e.g. "a new CPD record") as drafts while typed, and offer back, in one
        question, any kept before a crash. Call once the form is loaded (after ``mark_clean``)."""
        keepers = []
        for name, (box, words) in fields.items():
            keeper = DraftKeeper.of_text(self.ctx, box)
            keeper.attach(
                DraftKey(kind, record_id, name), box.toPlainText(), f"{words} in {record}"
            )
            keepers.append(keeper)
        self.drafts.extend(keepers)
        what = joined([words for _box, words in fields.values()])
        offer_drafts(self.ctx, self, keepers, f"{what} in {record}")

    # --- saving --------------------------------------------------------------------------

    def validate(self, *_args: Any) -> bool:
        """Check the form again, showing problems and enabling Save (subclasses)."""
        return True

    def save(self) -> object:
        """Start the one service call with ``submit`` (subclasses)."""
        self.save_failed()
        return False

    def try_save(self) -> None:
        """Save (Ctrl+S): when nothing is in flight and the form allows it."""
        if self.saving or not self.validate() or not self.save_button.isEnabled():
            return
        self.save()

    def submit(self, op: Op[R], then: Callable[[R], object] | None = None) -> bool:
        """Run a save's write: Save waits meanwhile; on success keep the value as
        ``result_value``, run ``then``, drop the drafts and close. Returns False (the dialog
        closes when the write reports, not now)."""
        self.saving = True
        self.save_button.setEnabled(False)

        def saved(value: R) -> None:
            self.saving = False
            self.result_value = value
            self.mark_clean()
            for keeper in self.drafts:
                keeper.saved()
            if then is not None:
                then(value)
            self.accept()

        op.success(saved).failure(self.save_failed).handles(StaleRecord).run()
        return False

    def save_failed(self, exc: BaseException | None = None) -> None:
        """The save was refused (already shown) or could not start: the form stays open. When
        another lead changed the record meanwhile, the form says so and offers Reload."""
        self.saving = False
        if isinstance(exc, StaleRecord):
            self.stale = exc
            reloadable = type(self).current_record is not BaseFormDialog.current_record
            self.stale_bar().refused(exc.message, reloadable=reloadable)
        self.validate()

    # --- another lead changed the record ----------------------------------------------------

    def current_record(self) -> Op[Any] | None:
        """A read of the record being edited as it is saved now (forms that edit one)."""
        return None

    def show_record(self, row: Any) -> None:
        """Fill the fields from ``row`` and save against its version from now on."""

    def stale_bar(self) -> StaleBar:
        """The bar across the top that explains a refused stale save (made when first needed)."""
        if self._stale_bar is None:
            bar = StaleBar(self)
            bar.reload_requested.connect(self.reload_current)
            bar.cancel_requested.connect(self.cancel_stale)
            layout = self.layout()
            if isinstance(layout, QBoxLayout):
                layout.insertWidget(0, bar)
            self._stale_bar = bar
        return self._stale_bar

    def reload_current(self) -> None:
        """Reload: the fields show the record as saved now; what the lead had typed where it
        differs stays in the bar, to copy from."""
        op = self.current_record()
        if op is None:
            return
        typed = self.shown_values()
        op.success(lambda row: self._reloaded(row, typed)).run()

    def _reloaded(self, row: Any, typed: list[tuple[str, str]]) -> None:
        self.show_record(row)
        differs = [
            (name, mine)
            for (name, mine), (_same, saved) in zip(typed, self.shown_values(), strict=True)
            if mine != saved
        ]
        who = (self.stale.changed_by if self.stale is not None else None) or "another lead"
        self.stale = None
        self.mark_clean()
        for keeper in self.drafts:
            keeper.saved(keeper.get_text())  # no draft of text just read from the record
        self.stale_bar().reloaded(who, differs)
        self.validate()

    def shown_values(self) -> list[tuple[str, str]]:
        """Each tracked field's name and the text it shows."""
        return [(_name_of(w), _shown_text(w)) for w in self._tracked]

    def cancel_stale(self) -> None:
        """Cancel after a stale save: close without saving (the lead has said so)."""
        for keeper in self.drafts:
            keeper.discarded()
        self._close_rejected()

    # --- closing -------------------------------------------------------------------------

    def reject(self) -> None:
        """Esc, Cancel or the window's close button: while a save is in flight, wait for it;
        with changes, ask Save / Discard / Cancel."""
        if self.saving:
            return
        if not self.has_changes():
            self._close_rejected()
            return
        answer = self.ctx.ask_save_discard_cancel(self, self.unsaved_what())
        if answer == "save":
            self.try_save()
        elif answer == "discard":
            for keeper in self.drafts:
                keeper.discarded()
            self._close_rejected()

    def _close_rejected(self) -> None:
        for keeper in self.drafts:
            keeper.timer.stop()
        super().reject()

    def done(self, result: int) -> None:
        super().done(result)
        self.ctx.unsaved_changed.emit()  # the title's mark no longer counts this dialog
