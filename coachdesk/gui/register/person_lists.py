"""The person page's list tabs: relationships and requests, development, evaluations."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QLabel, QTableView, QVBoxLayout, QWidget

from coachdesk.domain.words import plural
from coachdesk.gui.context import AppContext
from coachdesk.gui.loading import Reader
from coachdesk.gui.register import columns as cols
from coachdesk.gui.widgets.record_table import RecordTable
from coachdesk.gui.widgets.scroll import PageScroll
from coachdesk.services.development import list_cpd, list_learning, list_supervision
from coachdesk.services.dto import CpdRow, LearningRow, PersonDetail, SupervisionRow
from coachdesk.services.evaluations import list_evaluations
from coachdesk.services.handle import Database


def caption(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet("font-weight: bold; margin-top: 6px;")
    return label


class RelationshipsTab(PageScroll):
    """Relationships as practitioner and as client, and requests sent or received (the tab
    scrolls when the three lists need more height than there is)."""

    def __init__(self, ctx: AppContext) -> None:
        page = QWidget()
        super().__init__(page)
        self.ctx = ctx
        open_rel = lambda row: ctx.open_record.emit("relationship", row.id)  # noqa: E731
        self.as_practitioner = RecordTable(
            cols.AS_PRACTITIONER, "Relationships as practitioner", open_rel
        )
        self.as_client = RecordTable(cols.AS_CLIENT, "Relationships as client", open_rel)
        self.requests = RecordTable(
            cols.REQUESTS, "Requests", lambda row: ctx.open_record.emit("request", row.id)
        )
        layout = QVBoxLayout(page)
        self.captions: list[QLabel] = []
        for title, table in (
            ("As practitioner", self.as_practitioner),
            ("As client", self.as_client),
            ("Requests", self.requests),
        ):
            label = caption(title)
            label.setBuddy(table)
            self.captions.append(label)
            layout.addWidget(label)
            layout.addWidget(table, 1)
        layout.addWidget(QLabel("Double-click a row (or press Enter) to open it."))

    def load(self, detail: PersonDetail) -> None:
        practitioner = bool(detail.registrations) or bool(detail.as_practitioner)
        for label, table, rows, title, shown in (
            (
                self.captions[0],
                self.as_practitioner,
                detail.as_practitioner,
                "As practitioner",
                practitioner,
            ),
            (self.captions[1], self.as_client, detail.as_client, "As client", True),
            (self.captions[2], self.requests, detail.requests, "Requests", True),
        ):
            table.set_rows(rows)
            label.setText(f"{title} ({len(rows)})" if rows else f"{title}: none")
            label.setVisible(shown)
            table.setVisible(shown and bool(rows))


def _development_of(
    db: Database, email: str
) -> tuple[list[CpdRow], list[SupervisionRow], list[LearningRow]]:
    return list_cpd(db, email), list_supervision(db, email), list_learning(db, email)


def _evaluations_of(db: Database, detail: PersonDetail) -> list[cols.PersonEvaluation]:
    """Every completed evaluation of the person's relationships, newest first."""
    rows: list[cols.PersonEvaluation] = []
    for role, rels, other in (
        ("client", detail.as_client, "practitioner_name"),
        ("practitioner", detail.as_practitioner, "client_name"),
    ):
        for rel in rels:
            with_whom = f"{rel.kind} with {getattr(rel, other)}"
            for ev in list_evaluations(db, rel.id):
                rows.append(
                    cols.PersonEvaluation(ev.id, rel.id, ev.kind, ev.completed_on, role, with_whom)
                )
    rows.sort(key=lambda r: r.completed_on or date.min, reverse=True)
    return rows


class DevelopmentTab(PageScroll):
    """CPD and supervision records with their hours, and the learning log's size (loaded lazily;
    the tab scrolls when the lists need more height than there is)."""

    def __init__(self, ctx: AppContext) -> None:
        page = QWidget()
        super().__init__(page)
        self.ctx = ctx
        self._read = Reader(ctx, self)
        self.email: str | None = None
        self.loaded_for: str | None = None
        self.cpd_caption = caption("CPD")
        self.cpd = RecordTable(cols.CPD, "CPD records", lambda r: ctx.open_record.emit("cpd", r.id))
        self.supervision_caption = caption("Supervision")
        self.supervision = RecordTable(
            cols.SUPERVISION,
            "Supervision records",
            lambda r: ctx.open_record.emit("supervision", r.id),
        )
        self.learning = caption("Learning log")
        layout = QVBoxLayout(page)
        for widget in (self.cpd_caption, self.cpd, self.supervision_caption, self.supervision):
            layout.addWidget(widget, 1 if isinstance(widget, QTableView) else 0)
        layout.addWidget(self.learning)

    def show_person(self, detail: PersonDetail) -> None:
        self.email = detail.person.email
        self.loaded_for = None
        self.cpd_caption.setText(
            f"CPD: {plural(detail.cpd_count, 'record')}, {cols.hours(detail.cpd_hours)} hours"
        )
        self.supervision_caption.setText(
            f"Supervision: {plural(detail.supervision_count, 'record')}, "
            f"{cols.hours(detail.supervision_hours)} hours"
        )
        self.learning.setText(f"Learning log: {plural(detail.learning_count, 'entry', 'entries')}")

    def load(self) -> None:
        """Fetch the lists (when the tab is shown)."""
        if self.email is None or self.loaded_for == self.email:
            return
        email = self.email
        self._read.read(lambda got: self._show(email, *got), _development_of, email)

    def _show(
        self,
        email: str,
        cpd: list[CpdRow],
        supervision: list[SupervisionRow],
        learning: list[LearningRow],
    ) -> None:
        if email != self.email:
            return  # another person shown meanwhile
        self.cpd.set_rows(cpd)
        self.supervision.set_rows(supervision)
        self.learning.setText(f"Learning log: {plural(len(learning), 'entry', 'entries')}")
        self.loaded_for = email


class EvaluationsTab(QWidget):
    """Evaluations of every relationship the person is in (loaded lazily)."""

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self._read = Reader(ctx, self)
        self.detail: PersonDetail | None = None
        self.loaded = False
        self.summary = caption("Evaluations")
        self.table = RecordTable(
            cols.EVALUATIONS, "Evaluations", lambda r: ctx.open_record.emit("evaluation", r.id)
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)

    def show_person(self, detail: PersonDetail) -> None:
        self.detail = detail
        self.loaded = False

    def load(self) -> None:
        if self.detail is None or self.loaded:
            return
        detail = self.detail
        self._read.read(lambda rows: self._show(detail, rows), _evaluations_of, detail)

    def _show(self, detail: PersonDetail, rows: list[cols.PersonEvaluation]) -> None:
        if detail is not self.detail:
            return  # another person (or a fresh read) shown meanwhile
        self.table.set_rows(rows)
        self.summary.setText(
            f"Evaluations: {len(rows)} completed" if rows else "Evaluations: none recorded"
        )
        self.loaded = True
