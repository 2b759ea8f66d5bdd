"""The views of the main window, in the order of the navigation, and which view shows a record."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from coachdesk.gui.context import AppContext
from coachdesk.services.changes import RecordKind

#: What builds a view: its class, called with the context.
ViewFactory = Callable[[AppContext], QWidget]


@dataclass(frozen=True)
class ViewSpec:
    key: str
    title: str
    module: str
    cls: str
    shortcut: str

    def load(self) -> ViewFactory:
        """The view's class (imported on first use), built with the app's context."""
        factory: ViewFactory = getattr(importlib.import_module(self.module), self.cls)
        return factory


VIEWS: tuple[ViewSpec, ...] = (
    ViewSpec("dashboard", "Dashboard", "coachdesk.gui.dashboard.view", "DashboardView", "Ctrl+1"),
    ViewSpec("register", "Register", "coachdesk.gui.register.view", "RegisterView", "Ctrl+2"),
    ViewSpec("requests", "Requests", "coachdesk.gui.requests.view", "RequestsView", "Ctrl+3"),
    ViewSpec(
        "relationships",
        "Relationships",
        "coachdesk.gui.relationships.view",
        "RelationshipsView",
        "Ctrl+4",
    ),
    ViewSpec(
        "development", "Development", "coachdesk.gui.development.view", "DevelopmentView", "Ctrl+5"
    ),
    ViewSpec(
        "evaluations", "Evaluations", "coachdesk.gui.evaluations.view", "EvaluationsView", "Ctrl+6"
    ),
    ViewSpec("reports", "Reports", "coachdesk.gui.reports.view", "ReportsView", "Ctrl+7"),
    ViewSpec("settings", "Settings", "coachdesk.gui.settings.view", "SettingsView", "Ctrl+8"),
    ViewSpec("insight", "Insight", "coachdesk.gui.insight.view", "InsightView", "Ctrl+9"),
)

#: Which view opens a record of each kind (services.changes.RecordKind).
VIEW_FOR_KIND: dict[str, str] = {
    RecordKind.PERSON: "register",
    RecordKind.REGISTRATION: "register",
    RecordKind.REQUEST: "requests",
    RecordKind.RELATIONSHIP: "relationships",
    RecordKind.MEETING: "relationships",
    RecordKind.EVALUATION: "evaluations",
    RecordKind.CPD: "development",
    RecordKind.SUPERVISION: "development",
    RecordKind.LEARNING: "development",
    RecordKind.TEMPLATE: "settings",
    RecordKind.SETTINGS: "settings",
    RecordKind.HEADCOUNT: "insight",
    RecordKind.CULTURE: "insight",
}
