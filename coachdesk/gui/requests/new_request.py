"""The New request dialog: pick the client and kind, see the ranked practitioners, send."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from coachdesk.domain.enums import RelationshipKind
from coachdesk.domain.matching import Suggestion
from coachdesk.gui.context import AppContext
from coachdesk.gui.requests.forms import (
    FormDialog,
    buddy,
    day,
    plural,
    problem_label,
    sentence,
    set_problem,
)
from coachdesk.gui.requests.picker import PersonPicker, SuggestionList
from coachdesk.gui.widgets.dates import DateField
from coachdesk.gui.widgets.sizing import fit_to_screen
from coachdesk.services.dto import PersonRow, RequestInput, RequestRow
from coachdesk.services.matching import suggest_practitioners
from coachdesk.services.register import list_people
from coachdesk.services.requests import add_request, list_requests

PRACTITIONER_WORD = {"coaching": "coach", "mentoring": "mentor"}
PRACTITIONERS_WORD = {"coaching": "coaches", "mentoring": "mentors"}


class MatchPanel(QWidget):
    """Client, kind and the ranked practitioners; used by New request and New relationship."""

    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, *, for_request: bool = False
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.for_request = for_request
        self._asked: dict[tuple[str, str], RequestRow] = {}  # (practitioner, kind) → pending
        self.client = PersonPicker(ctx.read(list_people), self)
        self.client.setObjectName("client")
        self.client.setAccessibleName("Client")
        self.client_problem = problem_label("client")
        self.client_info = QLabel()
        self.client_info.setObjectName("clientInfo")
        self.client_info.setWordWrap(True)
        self.kind = QComboBox()
        self.kind.setObjectName("kind")
        self.kind.setAccessibleName("Kind")
        for k in RelationshipKind:
            self.kind.addItem(k.value, k.value)
        self.same_org = QCheckBox("Include practitioners from the client's own organisation")
        self.same_org.setObjectName("sameOrganisation")
        self.same_org.setToolTip(
            "By default the hub matches clients with practitioners from another organisation."
        )
        self.suggestions = SuggestionList()
        self.suggestions.setObjectName("suggestions")
        self.summary = QLabel(
            "Choose the client to see the practitioners who could work with them."
        )
        self.summary.setObjectName("suggestionSummary")
        self.summary.setWordWrap(True)
        self.practitioner_problem = problem_label("practitioner")

        form = QFormLayout()
        box = QVBoxLayout()
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.client)
        box.addWidget(self.client_problem)
        box.addWidget(self.client_info)
        form.addRow(buddy("&Client:", self.client), box)
        kind_row = QHBoxLayout()
        kind_row.addWidget(self.kind)
        kind_row.addWidget(self.same_org, 1)
        form.addRow(buddy("&Kind:", self.kind), kind_row)
        form.addRow(buddy("&Practitioner:", self.suggestions), self.summary)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.suggestions, 1)
        layout.addWidget(self.practitioner_problem)
        QWidget.setTabOrder(self.client, self.kind)
        QWidget.setTabOrder(self.kind, self.same_org)
        QWidget.setTabOrder(self.same_org, self.suggestions)

        self.client.picked.connect(self._client_picked)
        self.kind.currentIndexChanged.connect(lambda _i: self.refresh())
        self.same_org.toggled.connect(lambda _on: self.refresh())

    def person(self) -> PersonRow | None:
        return self.client.person()

    def kind_value(self) -> str:
        return str(self.kind.currentData())

    def chosen(self) -> Suggestion | None:
        return self.suggestions.suggestion()

    def problems(self) -> list[str]:
        client = self.client.problem()
        typed = bool(self.client.currentText().strip())
        set_problem(self.client_problem, sentence(client) if typed else None)
        chosen = self.chosen()
        practitioner = None
        if client is None and chosen is None:
            practitioner = f"choose the {PRACTITIONER_WORD[self.kind_value()]} from the list"
        elif chosen is not None:
            asked = self.already_asked(chosen.email)
            practitioner = asked and f"{asked}: answer that one in the list instead"
        set_problem(self.practitioner_problem, sentence(practitioner))
        return [p for p in (client, practitioner) if p]

    def already_asked(self, email: str) -> str | None:
        """The client's pending request of this kind to ``email``, in words, if there is one."""
        r = self._asked.get((email, self.kind_value()))
        if r is None:
            return None
        return (
            f"{r.client_name} already has a pending {r.kind} request to {r.practitioner_name} "
            f"(sent {day(r.sent_on)})"
        )

    def _client_picked(self, person: PersonRow | None) -> None:
        self._asked = {}
        if person is not None and self.for_request:
            for r in self.ctx.read(list_requests, status="pending", email=person.email):
                if r.client == person.email:
                    self._asked[(r.practitioner, r.kind)] = r
        if person is not None:
            roles = set(person.roles)
            if "mentee" in roles and "coachee" not in roles:
                self.kind.setCurrentIndex(self.kind.findData("mentoring"))
            areas = ", ".join(person.development_areas) or "none recorded"
            bits = [f"Development areas: {areas}"]
            if person.organisation:
                bits.append(f"organisation: {person.organisation}")
            if person.manager_name or person.manager_email:
                bits.append(f"line manager: {person.manager_name or person.manager_email}")
            self.client_info.setText(" · ".join(bits))
        else:
            self.client_info.setText("")
        self.refresh()

    def refresh(self) -> None:
        """Rank the practitioners again for the client and kind, keeping the one chosen."""
        person = self.person()
        kept = self.chosen()
        if person is None:
            self.suggestions.show_suggestions([], ())
            self.summary.setText(
                "Choose the client to see the practitioners who could work with them."
            )
            self.suggestions.chosen.emit(None)
            return
        found = self.ctx.read(
            suggest_practitioners,
            person.email,
            self.kind_value(),
            allow_same_organisation=self.same_org.isChecked(),
        )
        notes = {s.email: self.already_asked(s.email) for s in found}
        self.suggestions.show_suggestions(
            found, person.development_areas, {k: v for k, v in notes.items() if v}
        )
        word = PRACTITIONER_WORD[self.kind_value()]
        suitable = sum(1 for s in found if s.suitable)
        if not found:
            self.summary.setText(f"There is no {word} on the register yet.")
        else:
            self.summary.setText(
                f"{plural(len(found), word, PRACTITIONERS_WORD[self.kind_value()])} on the "
                f"register, {suitable} suitable, best first. "
                "Each line says why; choose one with the arrow keys or a click."
            )
        if kept is None or not self.suggestions.select_email(kept.email):
            self.suggestions.chosen.emit(None)


class NewRequestDialog(FormDialog):
    """Record a client's request to a practitioner; ``result_value`` is the saved RequestRow."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent, "New request", "Send request")
        self.setObjectName("newRequestDialog")
        fit_to_screen(self, 760, 680)
        self.match = MatchPanel(ctx, self, for_request=True)
        self.sent_on = DateField(required=True)
        self.sent_on.setObjectName("sentOn")
        self.sent_on.setAccessibleName("Sent on")
        self.sent_on.set_date(ctx.today())
        self._initial_sent = self.sent_on.text()
        self.sent_problem = problem_label("sent_on")
        self.chosen_label = QLabel()
        self.chosen_label.setObjectName("chosen")
        self.chosen_label.setWordWrap(True)
        self.body.addWidget(self.match, 1)
        form = QFormLayout()
        sent_box = QVBoxLayout()
        sent_box.addWidget(self.sent_on)
        sent_box.addWidget(self.sent_problem)
        form.addRow(buddy("&Sent on:", self.sent_on), sent_box)
        self.body.addLayout(form)
        self.body.addWidget(self.chosen_label)
        QWidget.setTabOrder(self.match.suggestions, self.sent_on)
        QWidget.setTabOrder(self.sent_on, self.save_button)
        self.match.client.editTextChanged.connect(lambda _t: self.revalidate())
        self.match.suggestions.chosen.connect(lambda _s: self.revalidate())
        self.sent_on.textChanged.connect(lambda _t: self.revalidate())
        self.finish_layout()
        self.match.client.setFocus()

    def problems(self) -> list[str]:
        found = self.match.problems()
        person, chosen = self.match.person(), self.match.chosen()
        self.chosen_label.setText(
            f"The request: {person.full_name} asks {chosen.full_name} for "
            f"{self.match.kind_value()}."
            if person is not None and chosen is not None
            else ""
        )
        sent = self.sent_on.problem()
        when = self.sent_on.date()
        if sent is None and when is not None and when > self.ctx.today():
            sent = "cannot be after today"
        set_problem(self.sent_problem, sentence(sent and f"sent on {sent}"))
        return found + ([f"sent on {sent}"] if sent else [])

    def changed(self) -> bool:
        return (
            self.match.person() is not None
            or bool(self.match.client.currentText().strip())
            or self.sent_on.text() != self._initial_sent
        )

    def save(self) -> bool:
        person = self.match.person()
        chosen = self.match.chosen()
        if person is None or chosen is None:
            return False
        if not chosen.suitable and not self.ctx.confirm(
            self,
            "Not a suitable match",
            f"{chosen.full_name} is not a suitable match for {person.full_name}: "
            f"{'; '.join(chosen.blockers)}.\n\nSend the request anyway?",
        ):
            return False
        data = RequestInput(
            client=person.email,
            practitioner=chosen.email,
            kind=self.match.kind_value(),
            sent_on=self.sent_on.date(),
        )
        return self.submit(self.ctx.write(self, add_request, data), self._sent)

    def _sent(self, row: RequestRow) -> None:
        self.ctx.status_message.emit(
            f"Request sent: {row.client_name} to {row.practitioner_name} ({row.kind})."
        )
