"""Retention on the dashboard: "N records past the retention period", Review…, Delete these."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coachdesk.domain.dates import format_date
from coachdesk.domain.words import agree, plural
from coachdesk.gui.context import AppContext
from coachdesk.services.retention import (
    RetentionResult,
    RetentionReview,
    delete_past_retention,
    retention_review,
)


class RetentionDialog(QDialog):
    """The records past the period: what, when it ended, why; "Delete these" after a backup."""

    def __init__(self, ctx: AppContext, review: RetentionReview, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.review = review
        self.setWindowTitle("Records past the retention period")
        self.setAccessibleName("Records past the retention period")
        self.resize(820, 480)
        intro = QLabel(
            f"The hub keeps records for {plural(review.years, 'year')} after a relationship ends "
            f"or a registration is withdrawn (Settings). These ended before "
            f"{format_date(review.cutoff)}. Deleting them takes a backup first."
            + (
                f" {plural(review.audit_rows, 'audit row')} older than the period "
                f"{agree(review.audit_rows, 'goes', 'go')} too."
                if review.audit_rows
                else ""
            )
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(len(review.records), 3)
        self.table.setAccessibleName("Records past the retention period")
        self.table.setHorizontalHeaderLabels(["Record", "Ended", "Why it is past the period"])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        for row, record in enumerate(review.records):
            for col, text in enumerate((record.label, format_date(record.ended_on), record.why)):
                self.table.setItem(row, col, QTableWidgetItem(text))
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.delete_button = QPushButton("&Delete these")
        self.delete_button.setEnabled(bool(review.records) or review.audit_rows > 0)
        ctx.guard_edits(self.delete_button)
        buttons.addButton(self.delete_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.delete_button.clicked.connect(self.delete)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)

    def delete(self) -> None:
        n = self.review.count
        old = (
            f" and {plural(self.review.audit_rows, 'old audit row')}"
            if self.review.audit_rows
            else ""
        )
        if not self.ctx.confirm(
            self,
            "Delete records past the retention period",
            f"Delete these {n} record{'s' if n != 1 else ''}{old} for good? "
            "A backup of the database is taken first.",
        ):
            return
        ids = [r.id for r in self.review.records]
        stamp = self.ctx.clock.now().strftime("%Y%m%d-%H%M%S")
        op = self.ctx.write(self, delete_past_retention, self.ctx.today(), ids, stamp)
        op.success(self._deleted).run()

    def _deleted(self, result: RetentionResult) -> None:
        self.ctx.inform(
            self,
            "Records deleted",
            f"Deleted {plural(result.relationships, 'relationship')} and "
            f"{plural(result.registrations, 'registration')} past the retention period, and "
            f"{plural(result.audit_rows, 'old audit row')}. The backup taken first is "
            f"{result.backup}.",
        )
        self.accept()


class RetentionBar(QWidget):
    """A line on the dashboard, shown only while something is past the retention period."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("retention")
        self.label = QLabel()
        self.review_button = QPushButton("&Review…")
        self.review_button.setAccessibleName("Review records past the retention period")
        self.review_button.clicked.connect(self.open_review)
        self.dialog: RetentionDialog | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.review_button)
        layout.addStretch(1)
        self.setVisible(False)

    def show_review(self, review: RetentionReview | None) -> None:
        n = review.count if review else 0
        old = review.audit_rows if review else 0
        extra = f" and {old:,} audit row{'s' if old != 1 else ''} older than it" if old else ""
        self.label.setText(
            f"{n:,} record{'s' if n != 1 else ''} past the retention period "
            f"({review.years if review else 0} years){extra}"
        )
        self.setVisible(n > 0 or old > 0)

    def open_review(self) -> RetentionDialog:
        review = self.ctx.read(retention_review, self.ctx.today())
        self.dialog = RetentionDialog(self.ctx, review, self)
        self.dialog.open()
        return self.dialog
