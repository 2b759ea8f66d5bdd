"""A relationship's evaluations: those done (Enter opens one) and those due, with their dates."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QBrush, QResizeEvent
from PySide6.QtWidgets import QGroupBox, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from coachdesk.domain.enums import EvaluationKind, RelationshipStatus
from coachdesk.gui.context import AppContext
from coachdesk.gui.requests.forms import GREEN, RED, day
from coachdesk.services.dto import DueEvaluation, EndedRelationship, RelationshipDetail

WHAT_ROLE = Qt.ItemDataRole.UserRole + 20
EVALUATION_LABEL = {
    EvaluationKind.PRE.value: "Client pre-evaluation",
    EvaluationKind.POST.value: "Client post-evaluation",
    EvaluationKind.FOLLOW_UP.value: "Client follow-up evaluation",
    EvaluationKind.PRACTITIONER_POST.value: "Practitioner post-evaluation",
}


def due_when(d: DueEvaluation, today: date) -> str:
    """``due 3 Dec 2026, overdue from 18 Dec 2026`` (``overdue since`` once it is)."""
    word = "since" if today >= d.overdue_from else "from"
    return f"due {day(d.due_on)}, overdue {word} {day(d.overdue_from)}"


def due_text(d: DueEvaluation, who: str, today: date) -> str:
    """``Client post-evaluation (Ann Lee): due 3 Dec 2026, overdue from 18 Dec 2026``."""
    return f"{d.label[:1].upper()}{d.label[1:]} ({who}): {due_when(d, today)}"


def ended_message(ended: EndedRelationship, today: date) -> str:
    """What the lead is told once a relationship has ended: the evaluations now due."""
    r = ended.relationship
    names = {r.client: r.client_name, r.practitioner: r.practitioner_name}
    head = (
        f"The {r.kind} relationship of {r.client_name} with {r.practitioner_name} ended on "
        f"{day(r.ended_on)}."
    )
    if not ended.due:
        return head + "\n\nEvery evaluation is already done."
    lines = "\n".join(f"• {due_text(d, names.get(d.email, d.email), today)}" for d in ended.due)
    return f"{head}\n\nNow due:\n{lines}\n\nThey are listed on the relationship's page."


class FittedList(QListWidget):
    """Every line shown: the text wraps at the width there is (no sideways scrolling) and the
    list is as tall as its rows, up to ten lines of text (then it scrolls)."""

    def __init__(self) -> None:
        super().__init__()
        self.setWordWrap(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def _height(self) -> int:
        self.doItemsLayout()
        rows = sum(self.visualItemRect(self.item(i)).height() for i in range(self.count()))
        most = 10 * self.fontMetrics().lineSpacing()
        return min(rows, most) + 2 * self.frameWidth() + 6  # and the stylesheet's padding

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self._height())

    def minimumSizeHint(self) -> QSize:
        return QSize(super().minimumSizeHint().width(), self._height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.updateGeometry()  # the rows wrap differently: the height follows


class EvaluationsBox(QGroupBox):
    """Done ones in green; due ones with their dates, red once overdue."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__("Evaluations", parent)
        self.ctx = ctx
        self.relationship_id: str | None = None
        self.list = FittedList()
        self.list.setObjectName("evaluations")
        self.list.setAccessibleName("Evaluations due and done")
        QVBoxLayout(self).addWidget(self.list)
        self.list.itemActivated.connect(self._activated)

    def show_detail(self, detail: RelationshipDetail) -> None:
        r, today = detail.relationship, self.ctx.today()
        self.relationship_id = r.id
        self.list.clear()
        names = {r.client: r.client_name, r.practitioner: r.practitioner_name}
        done = {e.kind for e in detail.evaluations}
        for e in detail.evaluations:
            text = f"✓ {EVALUATION_LABEL.get(e.kind, e.kind)}: completed {day(e.completed_on)}"
            self._add(text, ("evaluation", e.id), GREEN, "Enter opens it in Evaluations")
        if EvaluationKind.PRE.value not in done and r.status != RelationshipStatus.WITHDRAWN:
            self._add(
                f"• Client pre-evaluation ({r.client_name})\n    not done yet: needed before "
                "the first regular session",
                ("due", "pre"),
                None,
                "Enter the completed form in Evaluations",
            )
        for d in detail.due_evaluations:
            self._add(
                f"• {d.label[:1].upper()}{d.label[1:]} ({names.get(d.email, d.email)})\n"
                f"    {due_when(d, today)}",
                ("due", d.kind),
                RED if today >= d.overdue_from else None,
                "Enter the completed form in Evaluations",
            )
        if not self.list.count():
            self.list.addItem("None due or done.")
        self.list.updateGeometry()

    def _add(self, text: str, what: tuple[str, str], colour: object, tip: str) -> None:
        item = QListWidgetItem(text)
        item.setData(WHAT_ROLE, what)
        item.setToolTip(tip)
        if colour is not None:
            item.setForeground(QBrush(colour))
        self.list.addItem(item)

    def texts(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def _activated(self, item: QListWidgetItem) -> None:
        what = item.data(WHAT_ROLE)
        if not what:
            return
        kind, ident = what
        if kind == "evaluation":
            self.ctx.open_record.emit("evaluation", ident)
        elif self.relationship_id:
            self.ctx.status_message.emit(
                "Enter the completed form in Evaluations (Ctrl+6), choosing this relationship."
            )
