"""The dashboard's figure tiles: a big number over a caption, with a tooltip that explains it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from coachdesk.domain.words import plural
from coachdesk.services.dashboard import COMPLETION_DEFINITION, DashboardData


class Tile(QFrame):
    """One headline figure: its value large, its caption below."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "tile")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.value = QLabel("")
        font = QFont(self.value.font())
        font.setPointSizeF(font.pointSizeF() * 1.9)
        font.setBold(True)
        self.value.setFont(font)
        self.value.setStyleSheet("color: #005eb8;")
        self.caption = QLabel(caption)
        self.caption.setWordWrap(True)
        self.caption.setStyleSheet("color: #425563;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(2)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)
        self.set_value("", caption)

    def set_value(self, value: str, caption: str, tooltip: str = "") -> None:
        self.value.setText(value)
        self.caption.setText(caption)
        self.setToolTip(tooltip)
        self.setAccessibleName(f"{caption}: {value}")
        self.setAccessibleDescription(tooltip)


class Tiles(QWidget):
    """Active coaches, active mentors, active relationships, hours this year, completion rate."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.coaches = Tile("Active coaches")
        self.mentors = Tile("Active mentors")
        self.relationships = Tile("Active relationships")
        self.hours = Tile("Hours delivered this year")
        self.completion = Tile("Evaluations completed")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(10)
        for tile in self.all():
            row.addWidget(tile)

    def all(self) -> tuple[Tile, ...]:
        return (self.coaches, self.mentors, self.relationships, self.hours, self.completion)

    def show_data(self, data: DashboardData, year: int) -> None:
        s = data.summary
        self.coaches.set_value(
            str(s.active_coaches),
            "Active coaches",
            "Coach registrations with the status 'active'.",
        )
        self.mentors.set_value(
            str(s.active_mentors),
            "Active mentors",
            "Mentor registrations with the status 'active'.",
        )
        self.relationships.set_value(
            str(s.relationships_by_status.get("active", 0)),
            "Active relationships",
            "Coaching and mentoring relationships with the status 'active' "
            f"({s.relationships_by_status.get('contracting', 0)} more are contracting).",
        )
        self.hours.set_value(
            f"{s.hours_this_year:,.1f}".removesuffix(".0"),
            f"Hours delivered in {year}",
            f"Hours of sessions held from 1 January {year} to today "
            f"({plural(s.sessions_held, 'session')} held in all).",
        )
        c = data.completion
        lines = [COMPLETION_DEFINITION, ""]
        lines += [f"{k.label}: {k.completed} of {k.due}" for k in c.by_kind]
        lines.append(f"In all: {c.completed} of {c.due}")
        if c.rate is None:
            value = "–"
            lines = [COMPLETION_DEFINITION, "", "No evaluation is due yet."]
        else:
            value = f"{c.rate:.0%}"
        self.completion.set_value(value, "Evaluations completed", "\n".join(lines))
