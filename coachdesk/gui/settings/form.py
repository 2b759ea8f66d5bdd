"""The hub's settings form: name, region, eligible bands and every period of the hub's rules."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import Qt
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
from coachdesk.gui.settings.editor import SettingsEditor, quiet_label

#: The rules' periods (the reminders' quiet period is set with the reminder wording).
PERIOD_KEYS = [s.key for s in SETTINGS if s.kind is int and not s.key.startswith("reminder_")]
#: The longest a period may be set to, by its unit (a typing slip should not pass unnoticed).
MAXIMUM = {"days": 365, "months": 60, "hours": 500, "years": 50}


def _unit(key: str) -> str:
    return key.rsplit("_", 1)[-1]


def _band_label(band: str) -> str:
    return band if band in ("VSM", "Other") else f"Band {band}"


class SettingsForm(SettingsEditor):
    """Edits the settings of SPEC 9; Save makes one update_settings call with what changed."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setAccessibleName("Hub settings")

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
        hub_form.addRow("", quiet_label(SETTINGS_BY_KEY["hub_name"].description))
        hub_form.addRow("&Region:", self.region)
        hub_form.addRow("", quiet_label(SETTINGS_BY_KEY["region"].description))

        bands = QGroupBox("Eligible bands")
        bands.setToolTip(SETTINGS_BY_KEY["eligible_bands"].description)
        band_layout = QVBoxLayout(bands)
        band_layout.addWidget(
            quiet_label(
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
        equality_layout.addWidget(quiet_label(EQUALITY_EXPLANATION))

        periods = QGroupBox("The hub's rules")
        period_grid = QGridLayout(periods)
        period_grid.setVerticalSpacing(8)
        period_grid.setColumnStretch(0, 1)
        period_grid.addWidget(
            quiet_label("How long each thing may wait before the dashboard raises an alert."),
            0,
            0,
            1,
            2,
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
            words.addWidget(quiet_label(spec.description))
            period_grid.addLayout(words, row, 0)
            period_grid.addWidget(spin, row, 1, Qt.AlignmentFlag.AlignTop)

        self.problem = QLabel()
        self.problem.setObjectName("settingsProblem")
        self.problem.setProperty("role", "problem")
        self.problem.setStyleSheet("color: #a4262c;")
        self.problem.setWordWrap(True)
        self.note = quiet_label("")
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

    def show_settings(self, settings: HubSettings) -> None:
        self.hub_name.setText(settings.hub_name)
        self.region.setText(settings.region)
        for band, box in self.bands.items():
            box.setChecked(band in settings.eligible_bands)
        for key, spin in self.periods.items():
            spin.setValue(getattr(settings, key))
        self.equality.setChecked(settings.equality_monitoring)

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

    def saved_values(self) -> dict[str, Any]:
        saved = super().saved_values()
        # Bands are ticked in the order of the enum; a saved list in another order is the same.
        saved["eligible_bands"] = [b for b in self.bands if b in saved["eligible_bands"]]
        return saved

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

    def checked_fields(self) -> Iterable[QWidget]:
        return (self.hub_name, self.region, *self.periods.values())

    def after_edit(self) -> None:
        self.note.setText(
            "No band is ticked: only leadership-programme participants and alumni will be "
            "eligible as clients."
            if not self.read()["eligible_bands"]
            else ""
        )
        self.note.setVisible(bool(self.note.text()))

    def first_field(self) -> QWidget:
        return self.hub_name
