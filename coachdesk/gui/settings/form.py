"""The hub's settings form: name, region, eligible bands and every period of the hub's rules."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from coachdesk.domain.enums import Band
from coachdesk.domain.settings import (
    EQUALITY_EXPLANATION,
    SETTINGS,
    SETTINGS_BY_KEY,
    HubSettings,
    validate_setting,
)
from coachdesk.gui.context import AppContext
from coachdesk.gui.loading import Reader
from coachdesk.services.changes import Changes, RecordKind
from coachdesk.services.settings import get_settings, update_settings

#: The rules' periods (the reminders' quiet period is set with the reminder wording).
PERIOD_KEYS = [s.key for s in SETTINGS if s.kind is int and not s.key.startswith("reminder_")]
#: The longest a period may be set to, by its unit (a typing slip should not pass unnoticed).
MAXIMUM = {"days": 365, "months": 60, "hours": 500, "years": 50}
BAD = "background: #fde8e8;"


def _unit(key: str) -> str:
    return key.rsplit("_", 1)[-1]


def _band_label(band: str) -> str:
    return band if band in ("VSM", "Other") else f"Band {band}"


def _quiet(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet("color: #425563;")
    return label


class SettingsForm(QWidget):
    """Edits the settings of SPEC 9; Save makes one update_settings call with what changed."""

    #: The form's values differ from those saved (True) or match them again (False).
    dirty_changed = Signal(bool)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._settings_read = Reader(ctx, self)
        self.setAccessibleName("Hub settings")
        self._saved = HubSettings()
        self._dirty = False
        self._loading = False

        hub = QGroupBox("The hub")
        hub_form = QFormLayout(hub)
        self.hub_name = QLineEdit()
        self.region = QLineEdit()
        for key, field in (("hub_name", self.hub_name), ("region", self.region)):
            spec = SETTINGS_BY_KEY[key]
            field.setAccessibleName(spec.label)
            field.setToolTip(spec.description)
            field.setMaxLength(200)
            field.textChanged.connect(self._edited)
        hub_form.addRow("Hub &name:", self.hub_name)
        hub_form.addRow("", _quiet(SETTINGS_BY_KEY["hub_name"].description))
        hub_form.addRow("&Region:", self.region)
        hub_form.addRow("", _quiet(SETTINGS_BY_KEY["region"].description))

        bands = QGroupBox("Eligible bands")
        bands.setToolTip(SETTINGS_BY_KEY["eligible_bands"].description)
        band_layout = QVBoxLayout(bands)
        band_layout.addWidget(
            _quiet(
                SETTINGS_BY_KEY["eligible_bands"].description
                + " Leadership-programme participants and alumni are eligible whatever their band."
            )
        )
        grid = QGridLayout()
        self.bands: dict[str, QCheckBox] = {}
        for i, band in enumerate(b.value for b in Band):
            box = QCheckBox(_band_label(band))
            box.setAccessibleName(f"Eligible: {_band_label(band)}")
            box.toggled.connect(self._edited)
            self.bands[band] = box
            grid.addWidget(box, i // 5, i % 5)
        band_layout.addLayout(grid)

        equality = QGroupBox("Equality monitoring")
        equality_layout = QVBoxLayout(equality)
        self.equality = QCheckBox("Record ethnic group, sex and disability")
        self.equality.setAccessibleName("Equality monitoring")
        self.equality.setToolTip(SETTINGS_BY_KEY["equality_monitoring"].description)
        self.equality.toggled.connect(self._edited)
        equality_layout.addWidget(self.equality)
        equality_layout.addWidget(_quiet(EQUALITY_EXPLANATION))

        periods = QGroupBox("The hub's rules")
        period_grid = QGridLayout(periods)
        period_grid.setVerticalSpacing(8)
        period_grid.setColumnStretch(0, 1)
        period_grid.addWidget(
            _quiet("How long each thing may wait before the dashboard raises an alert."), 0, 0, 1, 2
        )
        self.periods: dict[str, QSpinBox] = {}
        for row, key in enumerate(PERIOD_KEYS, start=1):
            spec = SETTINGS_BY_KEY[key]
            spin = QSpinBox()
            spin.setRange(spec.minimum or 0, MAXIMUM[_unit(key)])
            spin.setSuffix(f" {_unit(key)}")
            spin.setAccessibleName(spec.label)
            spin.setAccessibleDescription(spec.description)
            spin.setToolTip(spec.description)
            spin.setFixedWidth(120)
            # Typing passes through the spin box's own line edit, blanks included (the spin
            # box signals only whole numbers).
            typed = spin.findChild(QLineEdit)
            assert typed is not None  # every spin box has one
            typed.textChanged.connect(self._edited)
            self.periods[key] = spin
            label = QLabel(spec.label)
            label.setBuddy(spin)
            words = QVBoxLayout()
            words.setSpacing(0)
            words.addWidget(label)
            words.addWidget(_quiet(spec.description))
            period_grid.addLayout(words, row, 0)
            period_grid.addWidget(spin, row, 1, Qt.AlignmentFlag.AlignTop)

        self.problem = QLabel()
        self.problem.setObjectName("settingsProblem")
        self.problem.setProperty("role", "problem")
        self.problem.setStyleSheet("color: #a4262c;")
        self.problem.setWordWrap(True)
        self.note = _quiet("")
        self.save_button = QPushButton("&Save settings")
        self.save_button.setAccessibleName("Save settings")
        self.revert_button = QPushButton("Rever&t")
        ctx.guard_edits(self.save_button, self.revert_button)
        self.revert_button.setAccessibleName("Revert settings")
        self.revert_button.setToolTip("Put back the settings as they were last saved")
        self.save_button.clicked.connect(lambda: self.save())
        self.revert_button.clicked.connect(self.revert)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(16, 6, 16, 10)
        buttons.addWidget(self.problem, 1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)

        left = QVBoxLayout()
        left.addWidget(hub)
        left.addWidget(bands)
        left.addWidget(self.note)
        left.addWidget(equality)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(periods)
        right.addStretch(1)
        content = QWidget()
        columns = QHBoxLayout(content)
        columns.setContentsMargins(16, 12, 16, 6)
        columns.setSpacing(16)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        scroll = QScrollArea()
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        self.setTabOrder(self.hub_name, self.region)
        self.setTabOrder(self.revert_button, self.save_button)

    # --- dataclass ⇄ widgets -----------------------------------------------------------------

    def load(self, settings: HubSettings) -> None:
        """Show ``settings`` as saved (nothing changed)."""
        self._saved = settings
        self._loading = True
        try:
            self.hub_name.setText(settings.hub_name)
            self.region.setText(settings.region)
            for band, box in self.bands.items():
                box.setChecked(band in settings.eligible_bands)
            for key, spin in self.periods.items():
                spin.setValue(getattr(settings, key))
            self.equality.setChecked(settings.equality_monitoring)
        finally:
            self._loading = False
        self._edited()

    def read(self) -> dict[str, Any]:
        """Every setting as typed (periods left blank read as None)."""
        values: dict[str, Any] = {
            "hub_name": self.hub_name.text().strip(),
            "region": self.region.text().strip(),
            "eligible_bands": [b for b, box in self.bands.items() if box.isChecked()],
            "equality_monitoring": self.equality.isChecked(),
        }
        for key, spin in self.periods.items():
            values[key] = spin.value() if spin.hasAcceptableInput() else None
        return values

    def changes(self) -> dict[str, Any]:
        """The settings whose value differs from the saved one."""
        saved = self._saved.as_dict()
        # Bands are ticked in the order of the enum; a saved list in another order is the same.
        saved["eligible_bands"] = [b for b in self.bands if b in saved["eligible_bands"]]
        return {k: v for k, v in self.read().items() if v != saved.get(k)}

    def problems(self) -> list[tuple[QWidget, str]]:
        """What stops the settings being saved, each with the field to put it right in."""
        out: list[tuple[QWidget, str]] = []
        values = self.read()
        for key, widget in (("hub_name", self.hub_name), ("region", self.region)):
            if validate_setting(key, values[key]):
                out.append((widget, f"Enter the {SETTINGS_BY_KEY[key].label.lower()}."))
        for key, spin in self.periods.items():
            spec = SETTINGS_BY_KEY[key]
            if values[key] is None:
                low, high = spin.minimum(), spin.maximum()
                out.append((spin, f"{spec.label}: enter a whole number from {low} to {high}."))
        return out

    @property
    def dirty(self) -> bool:
        return self._dirty

    def _edited(self, *_: Any) -> None:
        if self._loading:
            return
        problems = self.problems()
        bad = {id(w) for w, _ in problems}
        for widget in (self.hub_name, self.region, *self.periods.values()):
            widget.setStyleSheet(BAD if id(widget) in bad else "")
        self.problem.setText("\n".join(p for _, p in problems))
        changed = bool(self.changes())
        self.save_button.setEnabled(changed and not problems)
        self.revert_button.setEnabled(changed)
        self.note.setText(
            "No band is ticked: only leadership-programme participants and alumni will be "
            "eligible as clients."
            if not self.read()["eligible_bands"]
            else ""
        )
        self.note.setVisible(bool(self.note.text()))
        if changed != self._dirty:
            self._dirty = changed
            self.dirty_changed.emit(changed)
            self.ctx.unsaved_changed.emit()

    # --- actions -----------------------------------------------------------------------------

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
        self.ctx.status_message.emit("Settings saved.")
        if done is not None:
            done(True)

    def on_changed(self, changes: Changes) -> None:
        """Settings saved elsewhere (the welcome page, an import) show here unless being edited."""
        if changes.touches(RecordKind.SETTINGS) and not self._dirty:
            self.reload()

    def first_field(self) -> QWidget:
        return self.hub_name
