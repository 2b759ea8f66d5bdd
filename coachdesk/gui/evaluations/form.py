"""The evaluation form, built from its questionnaire template and keyed from a paper form."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QLabel,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from coachdesk.domain.dates import format_date
from coachdesk.domain.enums import EvaluationKind
from coachdesk.domain.templates import TEMPLATE_FOR_KIND
from coachdesk.gui.context import AppContext
from coachdesk.gui.development.formdialog import RecordDialog, plain_text
from coachdesk.gui.evaluations.rating import RatingRow, key_hint
from coachdesk.gui.widgets.dates import DateField
from coachdesk.gui.widgets.forms import HINT_STYLE, PROBLEM_STYLE
from coachdesk.gui.widgets.sizing import fit_to_screen
from coachdesk.services import evaluations
from coachdesk.services.changes import RecordKind
from coachdesk.services.dto import EvaluationInput, EvaluationRow, RelationshipDetail, TemplateRow
from coachdesk.services.evaluation_status import LABEL

E = EvaluationKind
#: Kinds that rate each objective 0–10 for attainment (SPEC 4).
RATES_OBJECTIVES = (E.POST.value, E.FOLLOW_UP.value)
WARN_STYLE = "color: #8a5300;"


def title_of(kind: str) -> str:
    text = LABEL.get(kind, f"{kind} evaluation")
    return text[0].upper() + text[1:]


class WideScale(QSpinBox):
    """A template scale too wide for one key per answer (e.g. 0–100): a spin box, blank allowed."""

    def __init__(self, text: str, low: int, high: int) -> None:
        super().__init__()
        self.text_ = text
        self.setRange(low - 1, high)
        self.setSpecialValueText("—")
        self.setValue(low - 1)
        self.setAccessibleName(text)

    def value_or_none(self) -> int | None:
        return None if self.value() < self.minimum() + 1 else self.value()

    def set_value(self, value: int | None) -> None:
        self.setValue(self.minimum() if value is None else value)

    def form_value(self) -> int | None:
        return self.value_or_none()


class EvaluationDialog(RecordDialog):
    """One evaluation of one relationship: completed on, an answer per item, objectives, comments.

    Typing a digit on an item answers it and moves to the next; the scheme is shown on the form.
    """

    def __init__(
        self,
        ctx: AppContext,
        detail: RelationshipDetail,
        kind: str,
        template: TemplateRow,
        row: EvaluationRow | None = None,
        parent: QWidget | None = None,
    ) -> None:
        rel = detail.relationship
        who = rel.practitioner_name if kind == E.PRACTITIONER_POST else rel.client_name
        super().__init__(ctx, f"{title_of(kind)} — {who}", parent, new=row is None)
        self.setObjectName("evaluationForm")
        self.detail, self.kind, self.template, self.row = detail, kind, template, row
        low, high = template.scale_min, template.scale_max
        practitioner_role = "coach" if rel.kind == "coaching" else "mentor"
        heading = QLabel(
            f"<b>{title_of(kind)}</b> — {rel.kind} relationship of "
            f"<b>{_esc(rel.client_name)}</b> with {practitioner_role} "
            f"<b>{_esc(rel.practitioner_name)}</b> ({rel.status})"
        )
        heading.setWordWrap(True)
        self.layout_.addWidget(heading)
        keys = QLabel(
            f"Keying a paper form: on each statement {key_hint(low, high)} — the answer is set "
            "and the next statement comes up. Objectives: type 0–9, or + for 10. Space skips, "
            "Backspace clears, Up/Down move. Ctrl+S saves; Esc closes."
        )
        keys.setObjectName("keyHint")
        keys.setWordWrap(True)
        keys.setStyleSheet(HINT_STYLE)
        self.layout_.addWidget(keys)

        self.completed_on = DateField(required=True)
        self.completed_on.setAccessibleName("Completed on")
        self.completed_on.set_date(row.completed_on if row else ctx.today())
        self.add_field("&Completed on:", self.completed_on, self._date_problem)
        self.date_note = QLabel()
        self.date_note.setStyleSheet(WARN_STYLE)
        self.date_note.setWordWrap(True)
        self.date_note.hide()
        self.layout_.addLayout(self.form)
        self.layout_.addWidget(self.date_note)

        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        answers = dict(row.answers) if row else {}
        self.items: dict[str, RatingRow | WideScale] = {}
        anchors = ("disagree", "agree") if (low, high) == (1, 5) else ("", "")
        group = QGroupBox(
            f"Statements ({low} = strongly disagree … {high} = strongly agree)"
            if (low, high) == (1, 5)
            else f"Statements (from {low} to {high})"
        )
        group_layout = QVBoxLayout(group)
        group_layout.setSpacing(1)
        wide = QFormLayout()
        for n, item in enumerate(template.items, start=1):
            if high - low > 10:
                widget: RatingRow | WideScale = WideScale(item.text, low, high)
                wide.addRow(f"{n}. {item.text}", widget)
            else:
                widget = RatingRow(f"{n}.", item.text, low, high, anchors=anchors)
                group_layout.addWidget(widget)
            widget.set_value(answers.get(item.key))
            self.items[item.key] = widget
            self.watch(widget, chain=True)
        if wide.rowCount():
            group_layout.addLayout(wide)
        self.answered = QLabel()
        self.answered.setObjectName("answered")
        self.answered.setStyleSheet(HINT_STYLE)
        group_layout.addWidget(self.answered)
        self.items_problem = QLabel()
        self.items_problem.setObjectName("problem")
        self.items_problem.setStyleSheet(PROBLEM_STYLE)
        self.items_problem.setAccessibleName("Problem with the statements")
        self.items_problem.hide()
        group_layout.addWidget(self.items_problem)
        column.addWidget(group)

        self.objectives: list[RatingRow] = []
        goals = [("Individual", o) for o in rel.individual_objectives] + [
            ("Organisational", o) for o in rel.organisational_objectives
        ]
        self.objective_problem = QLabel()
        if kind in RATES_OBJECTIVES and goals:
            ratings = list(row.objective_ratings) if row else []
            box = QGroupBox("Objectives: how far each was attained (0 = not at all … 10 = fully)")
            box_layout = QVBoxLayout(box)
            box_layout.setSpacing(1)
            for n, (which, goal) in enumerate(goals, start=1):
                widget = RatingRow(f"O{n}.", f"{which}: {goal}", 0, 10)
                widget.set_value(ratings[n - 1] if n <= len(ratings) else None)
                box_layout.addWidget(widget)
                self.objectives.append(widget)
                self.watch(widget, chain=True)
            self.objective_problem.setObjectName("problem")
            self.objective_problem.setStyleSheet(PROBLEM_STYLE)
            self.objective_problem.setWordWrap(True)
            self.objective_problem.setAccessibleName("Problem with the objective ratings")
            self.objective_problem.hide()
            box_layout.addWidget(self.objective_problem)
            self.add_check(self._objective_gap, self.objective_problem, self.objectives[-1])
            column.addWidget(box)
        elif kind in RATES_OBJECTIVES:
            column.addWidget(_hint("This relationship has no recorded objectives to rate."))

        first = next(iter(self.items.values()))
        self.add_check(self._nothing_answered, self.items_problem, first)
        self.comments = plain_text()
        self.comments.setPlainText(row.comments if row else "")
        comments_form = QFormLayout()
        self.add_field("Co&mments:", self.comments, form=comments_form)
        column.addLayout(comments_form)
        column.addStretch(1)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        self.scroll_area = scroll
        self.finish_layout(scroll)
        fit_to_screen(self, 820, min(900, body.sizeHint().height() + 220))
        watched: list[QWidget] = [*self.items.values(), *self.objectives, self.comments]
        for field in watched:
            field.installEventFilter(self)
        self.ready()
        # The comments are kept as a draft while typed. A new evaluation's draft belongs to its
        # relationship (one evaluation of each kind there), so erasing either person finds it.
        self.keep_text_drafts(
            RecordKind.EVALUATION,
            row.id if row else rel.id,
            f"the {LABEL.get(EvaluationKind(kind), 'evaluation')} of {who}",
            {"comments" if row else f"comments:{kind}": (self.comments, "comments")},
        )
        self.completed_on.selectAll()

    # --- checks --------------------------------------------------------------------------

    def _date_problem(self) -> str | None:
        problem = self.completed_on.problem()
        if problem:
            return problem
        day = self.completed_on.date()
        if day is not None and day > self.ctx.today():
            return f"cannot be after today ({format_date(self.ctx.today())})"
        return None

    def _nothing_answered(self) -> str | None:
        if any(_value(w) is not None for w in self.items.values()):
            return None
        return "answer at least one statement (type its number), or close the form"

    def _objective_gap(self) -> str | None:
        ratings = [o.value() for o in self.objectives]
        last = max((n for n, v in enumerate(ratings) if v is not None), default=-1)
        gaps = [n + 1 for n in range(last) if ratings[n] is None]
        if gaps:
            listed = ", ".join(f"O{n}" for n in gaps)
            return f"rate {listed} too (a later objective is rated), or clear the later ones"
        return None

    def first_regular_held(self) -> date | None:
        sessions = self.detail.sessions
        return min(
            (s.date for s in sessions if s.type == "regular" and s.status == "held"), default=None
        )

    def after_validate(self, ok: bool) -> None:
        done = sum(1 for w in self.items.values() if _value(w) is not None)
        self.answered.setText(f"{done} of {len(self.items)} statements answered")
        first = self.first_regular_held()
        day = self.completed_on.date()
        late = self.kind == E.PRE and first is not None and day is not None and day > first
        self.date_note.setText(
            f"The first regular session was held on {format_date(first)}: a pre-evaluation "
            "completed after it still leaves the hub's 'pre-evaluation missing' alert."
            if late and first
            else ""
        )
        self.date_note.setVisible(bool(late))

    # --- reading and saving --------------------------------------------------------------

    def read(self) -> EvaluationInput:
        answers = {k: v for k, w in self.items.items() if (v := _value(w)) is not None}
        ratings = [o.value() for o in self.objectives]
        while ratings and ratings[-1] is None:
            ratings.pop()
        return EvaluationInput(
            kind=self.kind,
            completed_on=self.completed_on.date(),
            answers=answers,
            objective_ratings=tuple(r for r in ratings if r is not None),
            comments=self.comments.toPlainText().strip(),
            template=self.template.key,
        )

    def save(self) -> None:
        data = self.read()
        if self.row is None:
            rel_id = self.detail.relationship.id
            op = self.ctx.write(self, evaluations.add_evaluation, rel_id, data)
        else:
            op = self.ctx.write(
                self,
                evaluations.update_evaluation,
                self.row.id,
                data,
                expected_version=self.row.version,
            )
        self.finish(op)

    def eventFilter(self, watched: Any, event: Any) -> bool:
        """Keep the focused row in view as the lead keys down the form."""
        if event.type() == event.Type.FocusIn and isinstance(watched, QWidget):
            self.scroll_area.ensureWidgetVisible(watched, 10, 30)
        return super().eventFilter(watched, event)


def template_key_for(kind: str) -> str:
    return TEMPLATE_FOR_KIND.get(kind, TEMPLATE_FOR_KIND[E.PRE.value])


def _value(widget: RatingRow | WideScale) -> int | None:
    return widget.value_or_none() if isinstance(widget, WideScale) else widget.value()


def _hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet(HINT_STYLE)
    label.setWordWrap(True)
    return label


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
