"""Draft reminders…: who would get an e-mail today and what it says; write the .eml drafts or
open one in the mail program (SPEC 11)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from coachdesk.domain.dates import format_date
from coachdesk.domain.words import plural
from coachdesk.gui.context import AppContext
from coachdesk.gui.widgets.sizing import fit_to_screen
from coachdesk.services.reminder_files import WrittenReminders, write_reminders
from coachdesk.services.reminder_mail import mailto
from coachdesk.services.reminders import Recorded, ReminderPlan, plan_reminders, record_reminders

PERSON_ROLE = Qt.ItemDataRole.UserRole + 1


def default_folder() -> Path:
    """Where drafts go unless the lead chooses: a Reminders folder in their documents."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents or Path.home()) / "coachdesk reminders"


def _quiet(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet("color: #425563;")
    return label


class ReminderDialog(QDialog):
    """The people with something to do today, ticked; the chosen one's e-mail shown."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Draft reminders")
        self.setAccessibleName("Draft reminders")
        self.plan: ReminderPlan | None = None

        self.intro = _quiet(
            "One e-mail per person with something to do today, listing each of their alerts "
            "with its due date. Tick who to remind, then write the drafts (an .eml file each, "
            "which Outlook and Thunderbird open ready to send; missing evaluations carry their "
            "form) or open one in your mail program."
        )
        self.people = QListWidget()
        self.people.setAccessibleName("People to remind")
        self.people.setMinimumWidth(240)
        people_label = QLabel("&People to remind:")
        people_label.setBuddy(self.people)
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setAccessibleName("The e-mail to the chosen person")
        preview_label = QLabel("The &e-mail:")
        preview_label.setBuddy(self.preview)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(people_label)
        left_layout.addWidget(self.people, 1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(preview_label)
        right_layout.addWidget(self.preview, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 2)

        self.again = QCheckBox("Remind &again about alerts reminded in the last 7 days")
        self.held_back = _quiet("")
        self.folder = QLineEdit(str(default_folder()))
        self.folder.setAccessibleName("Folder for the drafts")
        folder_label = QLabel("&Folder:")
        folder_label.setBuddy(self.folder)
        self.browse = QPushButton("&Browse…")
        self.browse.setAccessibleName("Choose the folder")
        folder_row = QHBoxLayout()
        folder_row.addWidget(folder_label)
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.browse)

        self.outcome = _quiet("")
        self.outcome.setAccessibleName("What was done")
        self.open_button = QPushButton("&Open in mail program")
        self.open_button.setToolTip(
            "Start a new message to the chosen person in your mail program (no form attached: "
            "write the drafts for that)"
        )
        self.write_button = QPushButton("&Write drafts")
        self.write_button.setDefault(True)
        self.close_button = QPushButton("Close")
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(self.write_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.again)
        layout.addWidget(self.held_back)
        layout.addLayout(folder_row)
        layout.addWidget(self.outcome)
        layout.addLayout(buttons)
        self.setTabOrder(self.people, self.preview)
        self.setTabOrder(self.preview, self.again)
        self.setTabOrder(self.again, self.folder)
        self.setTabOrder(self.folder, self.browse)
        self.setTabOrder(self.browse, self.open_button)
        self.setTabOrder(self.open_button, self.write_button)
        self.setTabOrder(self.write_button, self.close_button)

        self.people.currentItemChanged.connect(lambda *_: self._show_chosen())
        self.people.itemChanged.connect(lambda _item: self._enable())
        self.again.toggled.connect(lambda _on: self.reload())
        self.folder.textChanged.connect(lambda _text: self._enable())
        self.browse.clicked.connect(self.choose_folder)
        self.open_button.clicked.connect(self.open_in_mail_program)
        self.write_button.clicked.connect(self.write_drafts)
        self.close_button.clicked.connect(self.reject)
        fit_to_screen(self, 900, 620)
        self.reload()

    # --- the plan ------------------------------------------------------------------------------

    def reload(self) -> None:
        """Work out again who would get what (after a write, or the 'again' box)."""
        op = self.ctx.query(self, plan_reminders, self.ctx.today(), again=self.again.isChecked())
        op.success(self._show_plan).run()

    def _show_plan(self, plan: ReminderPlan) -> None:
        self.plan = plan
        self.again.setText(
            f"Remind &again about alerts reminded in the last {plural(plan.quiet_days, 'day')}"
        )
        current = self.chosen_person()
        self.people.blockSignals(True)
        try:
            self.people.clear()
            for draft in plan.drafts:
                item = QListWidgetItem(
                    f"{draft.full_name} — {plural(len(draft.items), 'thing')} to do"
                )
                item.setToolTip(draft.email)
                item.setData(PERSON_ROLE, draft.person_id)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked)
                self.people.addItem(item)
                if draft.person_id == current:
                    self.people.setCurrentItem(item)
            if self.people.currentRow() < 0 and self.people.count():
                self.people.setCurrentRow(0)
        finally:
            self.people.blockSignals(False)
        held = plan.held_back
        self.held_back.setText(
            f"{plural(len(held), 'person', 'people')} left out: every alert of theirs was "
            f"reminded in the last {plural(plan.quiet_days, 'day')} "
            f"({', '.join(h.full_name for h in held[:5])}{', …' if len(held) > 5 else ''})."
            if held
            else ""
        )
        self.held_back.setVisible(bool(held))
        if not plan.drafts:
            self.preview.setPlainText(
                f"Nobody has anything to be reminded about on {format_date(plan.today)}."
            )
        self._show_chosen()

    def chosen_person(self) -> str | None:
        item = self.people.currentItem()
        return None if item is None else str(item.data(PERSON_ROLE))

    def ticked(self) -> list[str]:
        """The person ids ticked to be reminded."""
        items = (self.people.item(i) for i in range(self.people.count()))
        return [str(i.data(PERSON_ROLE)) for i in items if i.checkState() == Qt.CheckState.Checked]

    def _show_chosen(self) -> None:
        draft = None
        if self.plan is not None and (person := self.chosen_person()) is not None:
            draft = self.plan.draft_for(person)
        if draft is not None:
            self.preview.setPlainText(
                f"To: {draft.full_name} <{draft.email}>\nSubject: {draft.subject}\n\n{draft.body}"
            )
        self._enable()

    def _enable(self) -> None:
        self.open_button.setEnabled(self.chosen_person() is not None)
        self.write_button.setEnabled(bool(self.ticked()) and bool(self.folder.text().strip()))

    # --- actions -------------------------------------------------------------------------------

    def choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, "Folder for the reminder drafts", self.folder.text()
        )
        if chosen:
            self.folder.setText(chosen)

    def write_drafts(self) -> None:
        """Write an .eml for each ticked person and record the reminders (one write)."""
        people = self.ticked()
        folder = Path(self.folder.text().strip())
        if not people or not str(folder):
            return
        op = self.ctx.write(
            self,
            write_reminders,
            folder,
            self.ctx.today(),
            again=self.again.isChecked(),
            people=set(people),
        )
        op.success(self._written).run()

    def _written(self, done: WrittenReminders) -> None:
        count = len(done.written)
        self.outcome.setText(
            f"{plural(count, 'draft')} written to {done.folder}: open each to check and send it."
            if count
            else "Nothing was written: nobody ticked has anything to be reminded about now."
        )
        self.ctx.status_message.emit(f"{plural(count, 'reminder')} drafted.")
        self.reload()

    def open_in_mail_program(self) -> None:
        """Open the chosen person's e-mail as a new message and record the reminder."""
        person = self.chosen_person()
        if person is None:
            return
        op = self.ctx.query(
            self, plan_reminders, self.ctx.today(), again=self.again.isChecked(), forms=False
        )
        op.success(lambda plan: self._open(plan, person)).run()

    def _open(self, plan: ReminderPlan, person: str) -> None:
        draft = plan.draft_for(person)
        if draft is None:
            return
        if not QDesktopServices.openUrl(QUrl(mailto(draft), QUrl.ParsingMode.StrictMode)):
            self.outcome.setText(
                "No mail program opened the e-mail (is one set as the default?); nothing "
                "was recorded. Write the drafts instead and open them from the folder."
            )
            return
        op = self.ctx.write(
            self, record_reminders, {person}, plan.today, again=self.again.isChecked()
        )
        op.success(self._recorded).run()

    def _recorded(self, done: Recorded) -> None:
        names = ", ".join(d.full_name for d in done.drafts)
        self.outcome.setText(f"Opened in your mail program and recorded as reminded: {names}.")
        self.reload()
