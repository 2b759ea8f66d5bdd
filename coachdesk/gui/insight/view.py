"""Insight for the board (SPEC 10): workforce headcounts and the coaching-culture tracker."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from coachdesk.gui.context import AppContext
from coachdesk.gui.insight.culture import CultureTab
from coachdesk.gui.insight.headcounts import HeadcountsTab


class InsightView(QWidget):
    """Two tabs a lead fills in for the board, and a button to the equality-of-access report."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.tabs = QTabWidget()
        self.tabs.setObjectName("insightTabs")
        self.headcounts = HeadcountsTab(ctx)
        self.culture = CultureTab(ctx)
        self.tabs.addTab(self.culture, "Coaching culture")
        self.tabs.addTab(self.headcounts, "Workforce headcounts")
        self.report_button = QPushButton("Equality of access &report…")
        self.report_button.setToolTip(
            "Clients per 1,000 staff by ethnic group, sex and disability (needs equality "
            "monitoring on in Settings)"
        )
        self.report_button.clicked.connect(lambda: ctx.print_report.emit("equality", {}))
        self.programme_button = QPushButton("&Programme report…")
        self.programme_button.setToolTip("Includes each organisation's stage beside its activity")
        self.programme_button.clicked.connect(lambda: ctx.print_report.emit("programme", {}))
        title = QLabel("Insight for the board")
        title.setStyleSheet("font-size: 14pt; font-weight: bold;")
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.programme_button)
        top.addWidget(self.report_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
