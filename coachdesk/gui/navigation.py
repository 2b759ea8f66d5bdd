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
    #: The user guide's section for this view (its heading's anchor), opened by F1.
    guide: str = ""

    def load(self) -> ViewFactory:
        """The view's class (imported on first use), built with the app's context."""
        factory: ViewFactory = getattr(importlib.import_module(self.module), self.cls)
        return factory


VIEWS: tuple[ViewSpec, ...] = (
    ViewSpec(
        "dashboard",
        "Dashboard",
        "coachdesk.gui.dashboard.view",
        "DashboardView",
        "Ctrl+1",
        guide="monday-the-dashboard",
    ),
    ViewSpec(
        "register",
        "Register",
        "coachdesk.gui.register.view",
        "RegisterView",
        "Ctrl+2",
        guide="tuesday-a-new-coach-joins-the-register",
    ),
    ViewSpec(
        "requests",
        "Requests",
        "coachdesk.gui.requests.view",
        "RequestsView",
        "Ctrl+3",
        guide="wednesday-requests-and-a-match",
    ),
    ViewSpec(
        "relationships",
        "Relationships",
        "coachdesk.gui.relationships.view",
        "RelationshipsView",
        "Ctrl+4",
        guide="thursday-relationships-and-sessions",
    ),
    ViewSpec(
        "development",
        "Development",
        "coachdesk.gui.development.view",
        "DevelopmentView",
        "Ctrl+5",
        guide="any-day-the-development-of-coaches-and-mentors",
    ),
    ViewSpec(
        "evaluations",
        "Evaluations",
        "coachdesk.gui.evaluations.view",
        "EvaluationsView",
        "Ctrl+6",
        guide="friday-evaluations-from-a-pile-of-paper-forms",
    ),
    ViewSpec(
        "reports",
        "Reports",
        "coachdesk.gui.reports.view",
        "ReportsView",
        "Ctrl+7",
        guide="reports-for-meetings-and-boards",
    ),
    ViewSpec(
        "settings",
        "Settings",
        "coachdesk.gui.settings.view",
        "SettingsView",
        "Ctrl+8",
        guide="settings",
    ),
    ViewSpec(
        "insight",
        "Insight",
        "coachdesk.gui.insight.view",
        "InsightView",
        "Ctrl+9",
        guide="insight-equality-of-access-and-the-coaching-culture-stage",
    ),
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
