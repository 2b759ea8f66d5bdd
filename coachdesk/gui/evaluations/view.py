"""Evaluations: one list filtered to overdue, due or done; the keyboard form; the impact chart."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QSettings, Qt, QTimer
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from coachdesk.domain.dates import format_date
from coachdesk.gui.context import AppContext
from coachdesk.gui.evaluations import paper
from coachdesk.gui.evaluations.chooser import EvaluationChooser
from coachdesk.gui.evaluations.form import EvaluationDialog, template_key_for, title_of
from coachdesk.gui.evaluations.impact import ImpactPanel
from coachdesk.gui.models.table import Column
from coachdesk.gui.widgets.record_table import RecordTable
from coachdesk.services import evaluations, relationships
from coachdesk.services.changes import Changes, RecordKind
from coachdesk.services.evaluation_status import (
    DONE,
    DUE,
    OVERDUE,
    EvaluationStatusRow,
    evaluation_status,
    status_counts,
)

SHOWN_KINDS = (
    RecordKind.EVALUATION,
    RecordKind.RELATIONSHIP,
    RecordKind.MEETING,
    RecordKind.TEMPLATE,
    RecordKind.SETTINGS,
    RecordKind.PERSON,
)
STATUS_COLOUR = {OVERDUE: QColor("#a4262c"), DUE: QColor("#8a5300"), DONE: QColor("#0b6a0b")}
#: A due evaluation shows amber once its due date is this near (the dashboard's horizon).
SOON_DAYS = 14
#: The list's filters: (key, label); "todo" is overdue and due together.
FILTERS = (
    ("todo", "To do (overdue and due)"),
    (OVERDUE, "Overdue"),
    (DUE, "Due"),
    (DONE, "Done"),
    ("all", "All"),
)


def _due_text(r: EvaluationStatusRow) -> Any:
    if r.status == DONE:
        return None
    return r.due_on if r.due_on else "by the first regular session"


def status_colour(r: EvaluationStatusRow, today: date) -> QColor | None:
    """Red when overdue, green when done; amber only when due within the next 14 days (as the
    dashboard's "falls due") — a follow-up due in five months is not a warning yet."""
    if r.status == DUE and r.due_on is not None and r.due_on > today + timedelta(SOON_DAYS):
        return None
    return STATUS_COLOUR.get(r.status)


def status_columns(today: Callable[[], date]) -> tuple[Column, ...]:
    """The list's columns; ``today`` colours what falls due soon."""
    return (
        Column(
            "Status",
            lambda r: r.status,
            colour=lambda r: status_colour(r, today()),
            sort=lambda r: {OVERDUE: 0, DUE: 1, DONE: 2}[r.status],
            tooltip=lambda r: (
                f"Due on {format_date(r.due_on)}"
                if r.status == DUE and r.due_on is not None
                else None
            ),
        ),
        *STATUS_COLUMNS[1:],
    )


STATUS_COLUMNS = (
    Column(
        "Status",
        lambda r: r.status,
        colour=lambda r: STATUS_COLOUR.get(r.status),
        sort=lambda r: {OVERDUE: 0, DUE: 1, DONE: 2}[r.status],
    ),
    Column("Evaluation", lambda r: title_of(r.kind)),
    Column("Completed by", lambda r: f"{r.by_name} ({r.by})"),
    Column("Client", lambda r: r.client_name, tooltip=lambda r: r.client_email),
    Column("Practitioner", lambda r: r.practitioner_name, tooltip=lambda r: r.practitioner_email),
    Column("Relationship", lambda r: f"{r.relationship_kind}, {r.relationship_status}"),
    Column("Due", _due_text, sort=lambda r: r.due_on),
    Column("Overdue from", lambda r: r.overdue_from if r.status != DONE else None),
    Column("Completed on", lambda r: r.completed_on),
)


class EvaluationsView(QWidget):
    """The evaluations each relationship needs or has, and the programme's impact."""

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.dialog: QDialog | None = None
        self._stale = False
        self._impact_stale = True
        self._generation = 0
        self.rows: list[EvaluationStatusRow] = []

        self.filter = QComboBox()
        self.filter.setObjectName("statusFilter")
        self.filter.setAccessibleName("Show")
        for key, label in FILTERS:
            self.filter.addItem(label, key)
        self.search = QLineEdit()
        self.search.setObjectName("evaluationSearch")
        self.search.setPlaceholderText("Find a client or practitioner (Ctrl+F)")
        self.search.setAccessibleName("Find a client or practitioner")
        self.search.setClearButtonEnabled(True)
        self.open_button = QPushButton("En&ter this form…")
        self.open_button.setAccessibleName("Open the selected evaluation's form")
        self.new_button = QPushButton("&New evaluation…")
        self.new_button.setAccessibleName("Enter an evaluation for any relationship")
        self.delete_button = QPushButton("De&lete…")
        ctx.guard_edits(self.open_button, self.new_button, self.delete_button)
        self.delete_button.setAccessibleName("Delete the selected evaluation")
        self.forms_button = QPushButton("Fill&able forms…")
        self.forms_button.setAccessibleName(
            "Write a fillable PDF form for each evaluation due or missing, to a folder"
        )
        self.forms_button.setToolTip(paper.ALL_DUE_TIP)
        self.one_form_button = QPushButton("Form for the sele&cted…")
        self.one_form_button.setAccessibleName(
            "Write a fillable PDF form for the selected evaluation due or overdue, to a folder"
        )
        self.returned_button = QPushButton("Im&port returned forms…")
        self.returned_button.setAccessibleName(
            "Import returned evaluation forms (PDF); you can also drop them on this view"
        )
        self.table = RecordTable(
            status_columns(ctx.today),
            "Evaluations due, overdue and done",
            lambda _row: self.open_selected(),
            object_name="evaluationList",
            sort=(0, Qt.SortOrder.AscendingOrder),
        )
        self.model = self.table.model_
        self.counts = QLabel()
        self.counts.setObjectName("statusCounts")
        self.counts.setWordWrap(True)
        bar = QHBoxLayout()
        caption = QLabel("&Show:")
        caption.setBuddy(self.filter)
        bar.addWidget(caption)
        bar.addWidget(self.filter)
        bar.addWidget(self.search, 1)
        for b in (self.open_button, self.new_button, self.delete_button):
            bar.addWidget(b)
        paper_bar = QHBoxLayout()
        paper_hint = QLabel("Forms to send and forms returned (drop PDFs here):")
        paper_hint.setObjectName("paperHint")
        paper_bar.addWidget(paper_hint)
        paper_bar.addWidget(self.one_form_button)
        paper_bar.addWidget(self.forms_button)
        paper_bar.addWidget(self.returned_button)
        paper_bar.addStretch(1)
        page = QWidget()
        column = QVBoxLayout(page)
        column.addLayout(bar)
        column.addLayout(paper_bar)
        column.addWidget(self.counts)
        column.addWidget(self.table, 1)

        self.impact = ImpactPanel(ctx)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("evaluationTabs")
        self.tabs.addTab(page, "Due and done")
        self.tabs.addTab(self.impact, "Impact")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

        self.filter.currentIndexChanged.connect(self._apply_filter)
        self.search.textChanged.connect(self._apply_search)
        self.search.returnPressed.connect(self.table.setFocus)
        self.table.selectionModel().selectionChanged.connect(self._buttons)
        self.model.modelReset.connect(self._buttons)
        self.open_button.clicked.connect(self.open_selected)
        self.new_button.clicked.connect(self.choose_new)
        self.delete_button.clicked.connect(self.delete_selected)
        self.forms_button.clicked.connect(self.write_fillable_forms)
        self.one_form_button.clicked.connect(self.write_selected_form)
        self.returned_button.clicked.connect(lambda: self.import_returned_forms())
        self.setAcceptDrops(True)
        self.table.installEventFilter(self)
        self.tabs.currentChanged.connect(self._tab_changed)
        ctx.changed.connect(self._on_changed)
        self.model.set_search("", lambda r: f"{r.client_name} {r.practitioner_name} {r.label}")
        self._apply_filter()
        self.reload()

    # --- the list ------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the list (off the UI thread in the app: a large hub's takes a moment)."""
        self._stale = False
        keep = self.selected()
        self._generation += 1
        generation = self._generation
        self.counts.setText("Loading…")
        op = self.ctx.query(self, evaluation_status, self.ctx.today())
        op.success(lambda rows: self._loaded(rows, keep, generation)).run()

    def _loaded(
        self, rows: list[EvaluationStatusRow], keep: EvaluationStatusRow | None, generation: int
    ) -> None:
        if generation != self._generation:
            return  # a newer reload is under way
        self.rows = rows
        self.model.set_rows(rows)
        counts = status_counts(rows)
        for n, (key, label) in enumerate(FILTERS):
            shown = {
                "todo": counts[OVERDUE] + counts[DUE],
                "all": len(rows),
            }.get(key, counts.get(key, 0))
            self.filter.setItemText(n, f"{label} — {shown}")
        self.counts.setText(
            f"{counts[OVERDUE]} overdue · {counts[DUE]} due · {counts[DONE]} done. "
            "Double-click or press Enter to open a form."
        )
        if keep is not None:
            self.select(keep.id)
        for column in range(self.model.columnCount() - 1):
            self.table.resizeColumnToContents(column)
        if self.tabs.currentWidget() is self.impact:
            self.impact.refresh_templates()
            self._impact_stale = False
        else:
            self._impact_stale = True

    def _apply_filter(self, *_: Any) -> None:
        key = self.filter.currentData()
        if key == "all":
            self.model.set_predicate(None)
        elif key == "todo":
            self.model.set_predicate(lambda r: r.status != DONE)
        else:
            self.model.set_predicate(lambda r: r.status == key)

    def _apply_search(self, text: str) -> None:
        self.model.set_search(text)

    def show_filter(self, key: str) -> None:
        self.filter.setCurrentIndex([k for k, _ in FILTERS].index(key))

    def selected(self) -> EvaluationStatusRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def select(self, ident: str) -> bool:
        row = self.model.row_of_id(ident)
        if row is None:
            return False
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        return True

    def eventFilter(self, watched: Any, event: Any) -> bool:
        """Delete on the list deletes the selected done evaluation (after asking)."""
        if (
            watched is self.table
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Delete
        ):
            self.delete_selected()
            return True
        return super().eventFilter(watched, event)

    def _buttons(self, *_: Any) -> None:
        row = self.selected()
        self.open_button.setEnabled(row is not None)
        self.open_button.setText(
            "&Open this form…" if row and row.status == DONE else "En&ter this form…"
        )
        self.delete_button.setEnabled(row is not None and row.status == DONE)
        self.one_form_button.setEnabled(row is not None and row.status != DONE)

    # --- forms ---------------------------------------------------------------------------

    def open_selected(self) -> EvaluationDialog | None:
        row = self.selected()
        if row is None:
            return None
        return self.open_form(row.relationship_id, row.kind, row.evaluation_id)

    def open_form(
        self, relationship_id: str, kind: str, evaluation_id: str | None = None
    ) -> EvaluationDialog:
        """The form for an evaluation (``evaluation_id``) or a new one of ``kind``."""
        detail = self.ctx.read(relationships.get_relationship, relationship_id)
        existing = evaluation_id or next((e.id for e in detail.evaluations if e.kind == kind), None)
        row = next((e for e in detail.evaluations if e.id == existing), None)
        key = row.template if row else template_key_for(kind)
        template = self.ctx.read(evaluations.get_template, key)
        dialog = EvaluationDialog(self.ctx, detail, kind, template, row, self)
        self.dialog = dialog
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        dialog.open()
        return dialog

    def choose_new(self) -> EvaluationChooser:
        rels = self.ctx.read(relationships.list_relationships)
        done: dict[str, set[str]] = {}
        for r in self.rows:
            if r.status == DONE:
                done.setdefault(r.relationship_id, set()).add(r.kind)
        chooser = EvaluationChooser(rels, done, self)
        row = self.selected()
        if row is not None:
            at = chooser.relationship.findData(row.relationship_id)
            chooser.relationship.setCurrentIndex(max(at, 0))
        # Open the form once the chooser has closed (not from inside its accept()).
        chooser.accepted.connect(lambda: QTimer.singleShot(0, lambda: self._chosen(chooser)))
        self.dialog = chooser
        chooser.open()
        return chooser

    def _chosen(self, chooser: EvaluationChooser) -> None:
        picked = chooser.choice()
        if picked is not None:
            self.open_form(*picked)

    def delete_selected(self) -> None:
        row = self.selected()
        if row is None or row.evaluation_id is None:
            return
        question = (
            f"Delete the {row.label} of {row.by_name} "
            f"({row.client_name} with {row.practitioner_name})? This cannot be undone."
        )
        if self.ctx.confirm(self, "Delete evaluation?", question):
            self.ctx.write(
                self,
                evaluations.delete_evaluation,
                row.evaluation_id,
                expected_version=row.evaluation_version,
            ).run()

    # --- fillable forms out, returned forms in (SPEC 11) ---------------------------------

    def ask_forms_folder(self) -> Path | None:
        return paper.ask_folder(self)

    def ask_returned_forms(self) -> list[Path]:
        return paper.ask_pdfs(self)

    def write_fillable_forms(self) -> None:
        """A fillable PDF per evaluation due or missing (all of them, whatever is shown or
        selected), to a folder the lead chooses."""
        folder = self.ask_forms_folder()
        if folder is not None:
            paper.write_all_due(
                self.ctx,
                self,
                folder,
                lambda result: self.ctx.inform(
                    self, "Fillable evaluation forms", paper.written_text(result)
                ),
            )

    def write_selected_form(self) -> None:
        """The fillable PDF for the selected evaluation (due or overdue), to a folder."""
        row = self.selected()
        if row is None or row.status == DONE:
            return
        folder = self.ask_forms_folder()
        if folder is not None:
            paper.write_one(
                self.ctx,
                self,
                folder,
                row,
                lambda result: self.ctx.inform(
                    self, "Fillable evaluation form", paper.written_text(result)
                ),
            )

    def import_returned_forms(self, paths: list[Path] | None = None) -> None:
        """Record returned forms (chosen, or dropped), then say what became of each file."""
        chosen = self.ask_returned_forms() if paths is None else paths
        if chosen:
            paper.import_returned(
                self.ctx,
                self,
                chosen,
                lambda result, asked: self.ctx.inform(
                    self, "Returned evaluation forms", paper.imported_text(result, asked)
                ),
            )

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if paper.pdf_paths(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = paper.pdf_paths(event.mimeData())
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        QTimer.singleShot(0, lambda: self.import_returned_forms(paths))

    # --- what the main window calls ------------------------------------------------------

    def focus_search(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.search.setFocus()
        self.search.selectAll()

    def new_record(self) -> None:
        row = self.selected()
        if row is not None and row.status != DONE:
            self.open_selected()
        else:
            self.choose_new()

    def open_record(self, kind: str, ident: str) -> None:
        """``evaluation``: open it in the form; ``<relationship id>/<kind>``: a new one."""
        if kind != "evaluation":
            return
        self.tabs.setCurrentIndex(0)
        if "/" in ident:
            rel_id, ev_kind = ident.split("/", 1)
            if not self.select(ident):
                self.show_filter("todo")
                self.select(ident)
            self.open_form(rel_id, ev_kind)
            return
        row = self.ctx.read(evaluations.get_evaluation, ident)
        if not self.select(ident):
            self.show_filter(DONE)
            self.search.clear()
            self.select(ident)
        self.open_form(row.relationship_id, row.kind, row.id)

    def _on_changed(self, changes: Changes) -> None:
        if not changes.touches(*SHOWN_KINDS):
            return
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    def _tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.impact and self._impact_stale:
            self.impact.refresh_templates()
            self._impact_stale = False

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def save_state(self, settings: QSettings) -> None:
        settings.setValue("evaluations/columns", self.table.horizontalHeader().saveState())
