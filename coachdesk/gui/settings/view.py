"""The settings view: the hub's settings and rules in one tab, questionnaire templates in another."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from coachdesk.gui.context import AppContext
from coachdesk.gui.settings.form import SettingsForm
from coachdesk.gui.settings.reminders import ReminderSettings
from coachdesk.gui.settings.templates import TemplateEditor
from coachdesk.gui.widgets.unsaved import Saver, joined, save_all
from coachdesk.services.changes import Changes

FORM_TAB = "The hub and its rules"
TEMPLATES_TAB = "Questionnaire templates"
REMINDERS_TAB = "Reminder e-mails"


class SettingsView(QWidget):
    """Hub name, region, eligible bands and the rules' periods; questionnaire templates."""

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setAccessibleName("Settings")
        self.form = SettingsForm(ctx)
        self.templates = TemplateEditor(ctx)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Settings sections")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.form, FORM_TAB)
        self.tabs.addTab(self.templates, TEMPLATES_TAB)
        self.reminders = ReminderSettings(ctx)
        self.tabs.addTab(self.reminders, REMINDERS_TAB)
        self.tabs.setTabToolTip(2, "Who reminder e-mails come from, and their wording")
        self.reminders.dirty_changed.connect(lambda dirty: self._mark(2, REMINDERS_TAB, dirty))
        self.tabs.setTabToolTip(0, "Hub name, region, eligible bands and the rules' periods")
        self.tabs.setTabToolTip(1, "The questions each kind of evaluation asks (Ctrl+Tab)")
        self.form.dirty_changed.connect(lambda dirty: self._mark(0, FORM_TAB, dirty))
        self.templates.dirty_changed.connect(lambda dirty: self._mark(1, TEMPLATES_TAB, dirty))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.tabs)

        self.form.reload()
        self.reminders.reload()
        # Counting how often each item was answered reads every evaluation: in the app, only
        # when the lead first opens the templates tab (tests read at once).
        self._templates_loaded = False
        if ctx.background:
            self.tabs.currentChanged.connect(self._tab_shown)
        else:
            self._load_templates()
        ctx.changed.connect(self._on_changed)

    def _load_templates(self, select: str | None = None) -> None:
        """Read the templates the first time they are wanted (showing ``select``)."""
        if not self._templates_loaded:
            self._templates_loaded = True
            self.templates.reload(select)
        elif select is not None:
            self.templates.select(select)

    def _tab_shown(self, index: int) -> None:
        if self.tabs.widget(index) is self.templates:
            self._load_templates()

    def _mark(self, index: int, title: str, dirty: bool) -> None:
        """A tab with unsaved changes says so in its title."""
        self.tabs.setTabText(index, f"{title} (not saved)" if dirty else title)

    def _on_changed(self, changes: Changes) -> None:
        self.form.on_changed(changes)
        self.reminders.on_changed(changes)
        if self._templates_loaded:
            self.templates.on_changed(changes)

    def reload(self) -> None:
        """Read the settings and templates again (F5); what is being edited is kept."""
        if not self.form.dirty:
            self.form.reload()
        if not self.reminders.dirty:
            self.reminders.reload()
        if self._templates_loaded and not self.templates.dirty:
            self.templates.reload()

    def new_record(self) -> None:
        """Ctrl+N starts a new questionnaire template."""
        self._load_templates()
        self.tabs.setCurrentWidget(self.templates)
        self.templates.new_template()

    # --- unsaved changes (the main window asks before the view is left) ------------------

    def unsaved(self) -> str | None:
        parts = ["the changes to the hub's settings"] if self.form.dirty else []
        if self.reminders.dirty:
            parts.append("the changes to the reminder e-mails")
        template = self.templates.unsaved() if self._templates_loaded else None
        return joined([*parts, *([template] if template else [])])

    def save_unsaved(self, done: Callable[[bool], None]) -> None:
        savers: list[Saver] = []
        if self.form.dirty:
            savers.append(self.form.save)
        if self.reminders.dirty:
            savers.append(self.reminders.save)
        if self._templates_loaded and self.templates.dirty:
            savers.append(self.templates.save)
        save_all(savers, done)

    def discard_unsaved(self) -> None:
        if self.form.dirty:
            self.form.revert()
        if self.reminders.dirty:
            self.reminders.revert()
        if self._templates_loaded and self.templates.dirty:
            self.templates.revert()

    def open_record(self, kind: str, ident: str) -> None:
        if kind == "template":
            self._load_templates(select=ident)
            self.tabs.setCurrentWidget(self.templates)
            self.templates.picker.setFocus()
        else:
            self.tabs.setCurrentWidget(self.form)
            self.form.first_field().setFocus()
