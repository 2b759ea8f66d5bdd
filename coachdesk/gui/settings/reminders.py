"""The reminder e-mails' settings: sender, signature, quiet period and the wording's templates,
with the placeholders they may use listed beside them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from coachdesk.domain.reminder_wording import DEFAULT_BODY, DEFAULT_SUBJECT, PLACEHOLDERS
from coachdesk.domain.settings import SETTINGS_BY_KEY, HubSettings, validate_setting
from coachdesk.gui.context import AppContext
from coachdesk.gui.settings.editor import SettingsEditor, quiet_label
from coachdesk.gui.widgets.scroll import PageScroll
from coachdesk.gui.widgets.sizing import lines_high

KEYS = (
    "reminder_from",
    "reminder_lead_name",
    "reminder_quiet_days",
    "reminder_subject",
    "reminder_body",
)
NAME_ROLE = Qt.ItemDataRole.UserRole + 1


class ReminderSettings(SettingsEditor):
    """Edits the reminder settings; Save makes one update_settings call with what changed."""

    SAVED_MESSAGE = "Reminder settings saved."

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setAccessibleName("Reminder e-mails")

        self.from_address = QLineEdit()
        self.from_address.setMaxLength(254)
        self.lead_name = QLineEdit()
        self.lead_name.setMaxLength(200)
        self.quiet_days = QSpinBox()
        self.quiet_days.setRange(0, 365)
        self.quiet_days.setSuffix(" days")
        self.quiet_days.setFixedWidth(120)
        self.subject = QLineEdit()
        self.subject.setMaxLength(SETTINGS_BY_KEY["reminder_subject"].max_length)
        self.body = QPlainTextEdit()
        self.body.setTabChangesFocus(True)
        self.body.setMinimumHeight(lines_high(self.body, 10))
        self.fields: dict[str, QWidget] = {
            "reminder_from": self.from_address,
            "reminder_lead_name": self.lead_name,
            "reminder_quiet_days": self.quiet_days,
            "reminder_subject": self.subject,
            "reminder_body": self.body,
        }
        for key, widget in self.fields.items():
            spec = SETTINGS_BY_KEY[key]
            widget.setAccessibleName(spec.label)
            widget.setToolTip(spec.description)
        for edit in (self.from_address, self.lead_name, self.subject):
            edit.textChanged.connect(self._edited)
        self.body.textChanged.connect(self._edited)
        self.quiet_days.valueChanged.connect(self._edited)

        who = QGroupBox("Who the e-mails come from")
        who_form = QFormLayout(who)
        who_form.addRow("Reminders come fro&m (e-mail):", self.from_address)
        who_form.addRow("", quiet_label(SETTINGS_BY_KEY["reminder_from"].description))
        who_form.addRow("Sign reminders &as:", self.lead_name)
        who_form.addRow("", quiet_label(SETTINGS_BY_KEY["reminder_lead_name"].description))
        who_form.addRow("Remind again after (&days):", self.quiet_days)
        who_form.addRow("", quiet_label(SETTINGS_BY_KEY["reminder_quiet_days"].description))

        wording = QGroupBox("The wording")
        wording_layout = QVBoxLayout(wording)
        subject_label = QLabel("S&ubject:")
        subject_label.setBuddy(self.subject)
        body_label = QLabel("&Wording:")
        body_label.setBuddy(self.body)
        wording_layout.addWidget(subject_label)
        wording_layout.addWidget(self.subject)
        wording_layout.addWidget(body_label)
        wording_layout.addWidget(self.body, 1)
        self.default_button = QPushButton("Restore default wordin&g")
        self.default_button.setToolTip("Put back coachdesk's own subject and wording")
        self.default_button.clicked.connect(self.restore_default_wording)
        wording_layout.addWidget(self.default_button)

        self.placeholders = QListWidget()
        self.placeholders.setAccessibleName("Placeholders")
        self.placeholders.setWordWrap(True)
        for name, meaning in PLACEHOLDERS.items():
            item = QListWidgetItem(f"{{{name}}} — {meaning}")
            item.setData(NAME_ROLE, name)
            self.placeholders.addItem(item)
        self.placeholders.setCurrentRow(0)
        self.placeholders.itemActivated.connect(lambda _item: self.insert_placeholder())
        placeholders_label = QLabel("&Placeholders:")
        placeholders_label.setBuddy(self.placeholders)
        self.insert_button = QPushButton("&Insert in the wording")
        self.insert_button.clicked.connect(self.insert_placeholder)
        beside = QVBoxLayout()
        beside.addWidget(placeholders_label)
        beside.addWidget(
            quiet_label(
                "Write these in the subject or wording, braces and all; each becomes the "
                "person's own details. Any other {name} is refused."
            )
        )
        beside.addWidget(self.placeholders, 1)
        beside.addWidget(self.insert_button)

        self.problem = QLabel()
        self.problem.setStyleSheet("color: #a4262c;")
        self.problem.setWordWrap(True)
        self.save_button = QPushButton("&Save reminder settings")
        self.revert_button = QPushButton("Rever&t")
        self.revert_button.setToolTip("Put back the reminder settings as they were last saved")
        self.save_button.clicked.connect(lambda: self.save())
        self.revert_button.clicked.connect(self.revert)
        buttons = QHBoxLayout()
        buttons.addWidget(self.problem, 1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)

        left = QVBoxLayout()
        left.addWidget(who)
        left.addWidget(wording, 1)
        content = QWidget()
        columns = QHBoxLayout(content)
        columns.setContentsMargins(16, 12, 16, 6)
        columns.addLayout(left, 3)
        columns.addLayout(beside, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(PageScroll(content), 1)  # scrolls on a short laptop screen
        buttons.setContentsMargins(16, 0, 16, 10)
        layout.addLayout(buttons)
        order = [
            self.from_address,
            self.lead_name,
            self.quiet_days,
            self.subject,
            self.body,
            self.default_button,
            self.placeholders,
            self.insert_button,
            self.revert_button,
            self.save_button,
        ]
        for first, second in zip(order, order[1:], strict=False):
            self.setTabOrder(first, second)
        self._last_template: QWidget = self.body
        self.subject.installEventFilter(self)
        self.body.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Remember which template the lead typed in last (where Insert puts a placeholder)."""
        if event.type() == QEvent.Type.FocusIn and watched in (self.subject, self.body):
            self._last_template = self.subject if watched is self.subject else self.body
        return super().eventFilter(watched, event)

    # --- dataclass ⇄ widgets -----------------------------------------------------------------

    def show_settings(self, settings: HubSettings) -> None:
        self.from_address.setText(settings.reminder_from)
        self.lead_name.setText(settings.reminder_lead_name)
        self.quiet_days.setValue(settings.reminder_quiet_days)
        self.subject.setText(settings.reminder_subject)
        self.body.setPlainText(settings.reminder_body)

    def read(self) -> dict[str, Any]:
        return {
            "reminder_from": self.from_address.text().strip(),
            "reminder_lead_name": self.lead_name.text().strip(),
            "reminder_quiet_days": self.quiet_days.value(),
            "reminder_subject": self.subject.text(),
            "reminder_body": self.body.toPlainText(),
        }

    def problems(self) -> list[tuple[QWidget, str]]:
        """What stops the settings being saved, each with the field to put right."""
        out = []
        for key, value in self.read().items():
            why = validate_setting(key, value)
            if why:
                out.append((self.fields[key], f"{SETTINGS_BY_KEY[key].label}: {why}."))
        return out

    def checked_fields(self) -> Iterable[QWidget]:
        return self.fields.values()

    # --- actions -----------------------------------------------------------------------------

    def insert_placeholder(self) -> None:
        """Put the chosen placeholder at the cursor of the subject or wording last typed in."""
        item = self.placeholders.currentItem()
        if item is None:
            return
        text = f"{{{item.data(NAME_ROLE)}}}"
        target = self._last_template
        if target is self.subject and item.data(NAME_ROLE) != "items":
            self.subject.insert(text)
        else:
            self.body.insertPlainText(text)
            target = self.body
        target.setFocus()

    def restore_default_wording(self) -> None:
        self.subject.setText(DEFAULT_SUBJECT)
        self.body.setPlainText(DEFAULT_BODY)

    def first_field(self) -> QWidget:
        return self.from_address
