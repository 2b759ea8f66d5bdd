"""The questionnaire template editor: title, scale, and items added, reworded, moved, removed."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from coachdesk.domain.templates import DEFAULT_TEMPLATES
from coachdesk.gui.context import AppContext
from coachdesk.gui.settings.items import ItemsEditor
from coachdesk.gui.widgets.unsaved import settle
from coachdesk.services.changes import Changes, RecordKind
from coachdesk.services.dto import TemplateInput, TemplateItemInput, TemplateRow
from coachdesk.services.evaluations import delete_template, list_templates, save_template

DEFAULT_KEYS = frozenset(t["key"] for t in DEFAULT_TEMPLATES)
KEY_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
BAD = "background: #fde8e8;"


def key_from_title(title: str) -> str:
    """A template key made from its title: ``Coach reflection`` → ``coach-reflection``."""
    return re.sub(r"[^a-z0-9]+", "-", title.casefold()).strip("-")[:60].strip("-")


@dataclass(frozen=True)
class Draft:
    """What the editor shows, to tell whether anything changed."""

    key: str
    title: str
    scale: tuple[int, int]
    items: tuple[tuple[str, str], ...]  # (key, wording)


class TemplateEditor(QWidget):
    """Pick a template and edit it; Save makes one save_template call."""

    #: The editor differs from the saved template (True) or matches it again (False).
    dirty_changed = Signal(bool)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setAccessibleName("Questionnaire templates")
        self.templates: list[TemplateRow] = []
        self.current: TemplateRow | None = None  # None while a new template is being made
        self._generation = 0  # which reload the list shown came from
        self._saved: Draft | None = None
        self._dirty = False
        self._loading = False
        self._key_typed = False

        self.picker = QComboBox()
        self.picker.setAccessibleName("Template")
        self.picker.setPlaceholderText("(a new template)")
        self.picker.setMinimumContentsLength(30)
        picker_label = QLabel("Tem&plate:")
        picker_label.setBuddy(self.picker)
        self.new_button = QPushButton("&New template")
        self.delete_button = QPushButton("&Delete template")
        pick_row = QHBoxLayout()
        pick_row.addWidget(picker_label)
        pick_row.addWidget(self.picker, 1)
        pick_row.addWidget(self.new_button)
        pick_row.addWidget(self.delete_button)

        self.title = QLineEdit()
        self.title.setAccessibleName("Template title")
        self.title.setMaxLength(200)
        self.key = QLineEdit()
        self.key.setAccessibleName("Template key")
        self.key.setToolTip(
            "How evaluations and the exchange format name this template: a-z, 0-9, - and _. "
            "It cannot change once the template is saved."
        )
        self.scale_low = QSpinBox()
        self.scale_high = QSpinBox()
        for spin, name in ((self.scale_low, "lowest"), (self.scale_high, "highest")):
            spin.setRange(0, 100)
            spin.setFixedWidth(80)
            spin.setAccessibleName(f"Ratings, {name}")
        scale_row = QHBoxLayout()
        scale_row.addWidget(self.scale_low)
        scale_row.addWidget(QLabel("to"))
        scale_row.addWidget(self.scale_high)
        scale_row.addStretch(1)
        scale_label = QLabel("Ratings fro&m:")
        scale_label.setBuddy(self.scale_low)
        form = QFormLayout()
        form.addRow("&Title:", self.title)
        form.addRow("&Key:", self.key)
        form.addRow(scale_label, scale_row)

        self.usage = QLabel()
        self.usage.setWordWrap(True)
        self.usage.setStyleSheet("color: #425563;")
        self.item_editor = ItemsEditor()
        editor = self.item_editor
        ctx.guard_edits(
            editor.add_button, editor.up_button, editor.down_button, editor.remove_button
        )
        self.item_editor.edited.connect(self._edited)

        self.problem = QLabel()
        self.problem.setObjectName("templateProblem")
        self.problem.setProperty("role", "problem")
        self.problem.setStyleSheet("color: #a4262c;")
        self.problem.setWordWrap(True)
        self.save_button = QPushButton("&Save template")
        self.revert_button = QPushButton("Revert")
        ctx.guard_edits(self.new_button, self.delete_button, self.save_button, self.revert_button)
        self.revert_button.setAccessibleName("Revert template")
        self.revert_button.setToolTip("Put back the template as it was last saved")
        save_row = QHBoxLayout()
        save_row.setContentsMargins(16, 6, 16, 10)
        save_row.addWidget(self.problem, 1)
        save_row.addWidget(self.revert_button)
        save_row.addWidget(self.save_button)

        body = QVBoxLayout()
        body.setContentsMargins(16, 12, 16, 6)
        body.addLayout(pick_row)
        body.addSpacing(6)
        body.addLayout(form)
        body.addWidget(self.usage)
        body.addSpacing(6)
        body.addWidget(self.item_editor, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(body, 1)
        layout.addLayout(save_row)
        self.setTabOrder(self.revert_button, self.save_button)

        self.picker.activated.connect(self._picked)
        self.new_button.clicked.connect(self.new_template)
        self.delete_button.clicked.connect(self.delete)
        self.title.textChanged.connect(self._title_changed)
        self.key.textEdited.connect(self._key_edited)
        self.scale_low.valueChanged.connect(self._edited)
        self.scale_high.valueChanged.connect(self._edited)
        self.save_button.clicked.connect(lambda: self.save())
        self.revert_button.clicked.connect(self.revert)

    # --- loading -----------------------------------------------------------------------------

    def reload(self, select: str | None = None) -> None:
        """Read the templates again and show ``select`` (else the one shown, else the first).

        Counting each item's answers reads every evaluation: in the app off the UI thread."""
        self._generation += 1
        generation = self._generation

        def arrived(rows: list[TemplateRow]) -> None:
            # The one shown when they arrive (the lead may have moved on meanwhile).
            wanted = select or (self.current.key if self.current else None)
            self._loaded(rows, wanted, generation)

        self.ctx.query(self, list_templates).success(arrived).run()

    def _loaded(self, templates: list[TemplateRow], wanted: str | None, generation: int) -> None:
        if generation != self._generation:
            return  # a newer reload is under way
        self.templates = templates
        self.picker.clear()
        for t in self.templates:
            self.picker.addItem(f"{t.title} ({t.key})", t.key)
        keys = [t.key for t in self.templates]
        row = keys.index(wanted) if wanted in keys else 0
        if self.templates:
            self.picker.setCurrentIndex(row)
            self.show_template(self.templates[row])

    def show_template(self, row: TemplateRow) -> None:
        self.current = row
        self._key_typed = True
        self._fill(row.key, row.title, (row.scale_min, row.scale_max), row.items)
        self.key.setEnabled(False)  # evaluations name the template by its key
        used = row.evaluations
        self.usage.setText(
            f"Used by {used} evaluation{'s' if used != 1 else ''}. Items already answered can "
            "be reworded and moved but not removed."
            if used
            else "No evaluation uses this template yet."
        )
        self.delete_button.setEnabled(row.key not in DEFAULT_KEYS and not used)
        self.delete_button.setToolTip(
            "The hub's default templates are always kept."
            if row.key in DEFAULT_KEYS
            else "A template that evaluations use cannot be deleted."
            if used
            else "Delete this template"
        )

    def _fill(self, key: str, title: str, scale: tuple[int, int], items: Any) -> None:
        self._loading = True
        try:
            self.key.setText(key)
            self.title.setText(title)
            self.scale_low.setValue(scale[0])
            self.scale_high.setValue(scale[1])
            self.item_editor.load(items)
        finally:
            self._loading = False
        self._saved = self.draft()
        self._edited()

    # --- choosing and starting templates --------------------------------------------------------

    def unsaved(self) -> str | None:
        """The template's unsaved changes in the lead's words (None when there are none)."""
        if not self._dirty:
            return None
        name = self.title.text().strip()
        return f"the changes to the template “{name}”" if name else "the new template"

    def save_unsaved(self, done: Callable[[bool], None]) -> None:
        self.save(done)

    def discard_unsaved(self) -> None:
        self.revert()

    def settle(self, proceed: Callable[[], None]) -> None:
        """``proceed`` once the template shown has no unsaved changes (the lead is asked)."""
        settle(self.ctx, self, self, proceed)

    def _picked(self, index: int) -> None:
        key = self.picker.itemData(index)
        if self.current is not None and key == self.current.key:
            return
        self._show_picker_current()  # until the lead has answered about unsaved changes
        self.settle(lambda: self._show_key(key))

    def _show_key(self, key: str) -> None:
        keys = [t.key for t in self.templates]
        if key in keys:
            self.picker.setCurrentIndex(keys.index(key))
            self.show_template(self.templates[keys.index(key)])

    def _show_picker_current(self) -> None:
        keys = [t.key for t in self.templates]
        key = self.current.key if self.current else None
        self.picker.setCurrentIndex(keys.index(key) if key in keys else -1)

    def select(self, key: str) -> None:
        """Show the template ``key`` (asking first if the one shown has unsaved changes)."""
        if key in {t.key for t in self.templates}:
            self.settle(lambda: self._show_key(key))

    def new_template(self) -> None:
        self.settle(self._new_template)

    def _new_template(self) -> None:
        self.current = None
        self.picker.setCurrentIndex(-1)
        self._key_typed = False
        self._fill("", "", (1, 5), ())
        self.key.setEnabled(True)
        self.usage.setText("A new template: give it a title and at least one item, then save.")
        self.delete_button.setEnabled(False)
        self.delete_button.setToolTip("A new template is not saved yet")
        self.title.setFocus()

    def delete(self) -> None:
        row = self.current
        if row is None or not self.ctx.confirm(
            self, "Delete template", f"Delete the template “{row.title}”?"
        ):
            return
        op = self.ctx.write(self, delete_template, row.key, expected_version=row.version)
        op.success(lambda _none: self._deleted(row.key)).failure(
            lambda _exc: self._deleted(row.key)
        )
        op.run()

    def _deleted(self, key: str) -> None:
        self._dirty = False
        self.reload(select=key)  # shown again if refused, else the first template

    # --- editing -----------------------------------------------------------------------------

    def _title_changed(self, text: str) -> None:
        if self.current is None and not self._key_typed and not self._loading:
            self.key.setText(key_from_title(text))
        self._edited()

    def _key_edited(self, _text: str) -> None:
        self._key_typed = True
        self._edited()

    def draft(self) -> Draft:
        return Draft(
            key=self.key.text().strip(),
            title=self.title.text().strip(),
            scale=(self.scale_low.value(), self.scale_high.value()),
            items=self.item_editor.entries(),
        )

    def problems(self) -> list[tuple[QWidget, str]]:
        """What stops the template being saved, each with the field to put it right in."""
        d = self.draft()
        out: list[tuple[QWidget, str]] = []
        if not d.title:
            out.append((self.title, "Give the template a title."))
        if self.current is None:
            if not d.key:
                out.append((self.key, "Give the template a key."))
            elif not KEY_PATTERN.match(d.key):
                out.append((self.key, "The key may use only a-z, 0-9, - and _."))
            elif d.key in {t.key for t in self.templates}:
                out.append((self.key, f"The key “{d.key}” is taken by another template."))
        if d.scale[0] >= d.scale[1]:
            out.append((self.scale_low, "The lowest rating must be below the highest."))
        if not d.items:
            out.append((self.item_editor.items, "Add at least one item."))
        blank = [str(i) for i, (_, text) in enumerate(d.items, start=1) if not text]
        if blank:
            out.append((self.item_editor.wording, f"Item {', '.join(blank)} has no wording."))
        return out

    def _edited(self, *_: Any) -> None:
        if self._loading:
            return
        problems = self.problems()
        bad = {id(w) for w, _ in problems}
        for widget in (self.title, self.key, self.scale_low, self.item_editor.items):
            widget.setStyleSheet(BAD if id(widget) in bad else "")
        self.problem.setText("\n".join(p for _, p in problems))
        changed = self.draft() != self._saved or self.current is None
        self.save_button.setEnabled(changed and not problems)
        self.revert_button.setEnabled(self.draft() != self._saved)
        dirty = self.draft() != self._saved
        if dirty != self._dirty:
            self._dirty = dirty
            self.dirty_changed.emit(dirty)
            self.ctx.unsaved_changed.emit()

    @property
    def dirty(self) -> bool:
        return self._dirty

    # --- saving ------------------------------------------------------------------------------

    def read(self) -> TemplateInput:
        d = self.draft()
        return TemplateInput(
            key=d.key,
            title=d.title,
            items=tuple(TemplateItemInput(text, key) for key, text in d.items),
            scale=d.scale,
        )

    def save(self, done: Callable[[bool], None] | None = None) -> None:
        """One save_template call; a refusal (an answered item removed) is shown to the lead.
        Then ``done(ok)``."""
        problems = self.problems()
        if problems:
            problems[0][0].setFocus()
            if done is not None:
                done(False)
            return
        version = self.current.version if self.current is not None else None
        op = self.ctx.write(self, save_template, self.read(), expected_version=version)
        op.success(lambda saved: self._saved_as(saved, done))
        op.failure(lambda _exc: done(False) if done is not None else None).run()

    def _saved_as(self, saved: TemplateRow, done: Callable[[bool], None] | None = None) -> None:
        self._saved = self.draft()
        if self._dirty:
            self._dirty = False
            self.dirty_changed.emit(False)
            self.ctx.unsaved_changed.emit()
        # Show it again as saved; unless the lead is moving on (done), to what they chose.
        self.reload(select=saved.key if done is None else None)
        self.ctx.status_message.emit(f"Template “{saved.title}” saved.")
        if done is not None:
            done(True)

    def revert(self) -> None:
        if self.current is not None:
            self.show_template(self.current)
        else:
            self.reload()

    def on_changed(self, changes: Changes) -> None:
        """Templates changed elsewhere (an import) show here unless one is being edited."""
        if changes.touches(RecordKind.TEMPLATE) and not self._dirty:
            self.reload()
