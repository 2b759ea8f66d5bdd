"""The person page's Registrations tab: the register entries, approval and status buttons."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QLabel, QPushButton, QVBoxLayout, QWidget

from coachdesk.gui.context import AppContext
from coachdesk.gui.models.table import display
from coachdesk.gui.register import columns as cols
from coachdesk.gui.register.certificate import open_copy
from coachdesk.gui.register.registration_dialog import RegistrationDialog, plain_missing
from coachdesk.gui.widgets.flow import FlowLayout
from coachdesk.gui.widgets.record_table import RecordTable
from coachdesk.gui.widgets.scroll import PageScroll
from coachdesk.services.dto import PersonDetail, RegistrationRow
from coachdesk.services.register import get_attachment, set_registration_status
from coachdesk.services.registrations import NEXT_STATUS

#: The button for each status a registration may move to, and whether to ask first.
ACTIONS: tuple[tuple[str, str, bool, str], ...] = (
    ("approved", "Appr&ove", False, "Approve: refused, with what is missing, if incomplete"),
    ("active", "Act&ivate", False, "Make active: takes clients (approves it first if needed)"),
    ("paused", "Pa&use", False, "Pause: keeps the registration but takes no new clients"),
    ("applied", "Re-appl&y", False, "Put the registration back to applied"),
    ("withdrawn", "&Withdraw…", True, "The practitioner leaves the register"),
    ("rejected", "Re&ject…", True, "The hub does not accept the registration"),
)


def _yes(value: bool) -> str:
    return "yes" if value else "<span style='color:#8a5300'>no</span>"


def summary(reg: RegistrationRow) -> str:
    """The selected registration's particulars, as a two-column HTML table."""
    none = "<span style='color:#8a5300'>not recorded</span>"
    rows: list[tuple[str, str]] = [
        ("Registered on", display(reg.registered_on) or none),
        ("Approved on", display(reg.approved_on) or "—"),
        ("Profile reviewed on", display(reg.profile_reviewed_on) or "—"),
    ]
    if reg.kind == "coach":
        rows += [
            ("Accreditation", escape(reg.accreditation or "", quote=False) or none),
            ("Date achieved", display(reg.accreditation_on) or "—"),
            ("Certificate", escape(reg.certificate_filename or "", quote=False) or none),
        ]
    else:
        hours = f"{reg.hours_committed:g} hours a year" if reg.hours_committed else none
        rows += [
            ("Training completed on", display(reg.training_on) or "—"),
            ("Experience", escape(reg.experience or "", quote=False) or "—"),
            ("Hours committed", hours),
        ]
    rows += [
        ("Specialisms", escape(", ".join(reg.specialisms), quote=False) or "—"),
        ("EMCC ethics agreed", _yes(reg.ethics_agreed)),
        ("Org. support confirmed on", display(reg.org_support_on) or none),
        ("Pro bono confirmed", _yes(reg.pro_bono)),
        ("Hours for ICF", "pro bono" if reg.icf_hours == "pro-bono" else "paid"),
        ("Clients", f"{reg.current_clients} now, capacity {reg.capacity}"),
    ]
    cells = "".join(
        f"<tr><td style='color:#4c6272; padding-right:12px; white-space:nowrap'>{k}</td>"
        f"<td>{v}</td></tr>"
        for k, v in rows
    )
    return f"<b>{reg.kind.capitalize()} registration ({reg.status})</b><table>{cells}</table>"


class RegistrationsTab(PageScroll):
    """A person's registrations; the buttons act on the selected one (the tab scrolls when
    the particulars are taller than the room)."""

    def __init__(self, ctx: AppContext, minimum_hours: Callable[[], int]) -> None:
        page = QWidget()
        super().__init__(page)
        self.ctx = ctx
        self.minimum_hours = minimum_hours
        self.detail: PersonDetail | None = None
        self.dialog: RegistrationDialog | None = None
        self.table = RecordTable(cols.REGISTRATIONS, "Registrations", lambda r: self.edit())
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.add_button = QPushButton("&Add registration…")
        self.add_button.setAccessibleName("Add a coach or mentor registration")
        self.edit_button = QPushButton("Edit re&gistration…")
        self.certificate_button = QPushButton("Open &certificate")
        self.status_buttons: dict[str, QPushButton] = {}
        row = FlowLayout()
        ctx.guard_edits(self.add_button, self.edit_button)
        for button in (self.add_button, self.edit_button, self.certificate_button):
            row.addWidget(button)
        status_row = FlowLayout()
        status_row.addWidget(QLabel("Change status:"))
        for status, text, ask, tip in ACTIONS:
            button = QPushButton(text)
            button.setToolTip(tip)
            button.setObjectName(f"status-{status}")
            button.setAccessibleName(text.replace("&", "").rstrip("…") + " registration")
            button.clicked.connect(lambda _=False, s=status, a=ask: self.change_status(s, a))
            self.status_buttons[status] = button
            ctx.guard_edits(button)
            status_row.addWidget(button)
        self.particulars = QLabel()
        self.particulars.setObjectName("registrationParticulars")
        self.particulars.setAccessibleName("The selected registration's particulars")
        self.particulars.setWordWrap(True)
        self.particulars.setTextFormat(Qt.TextFormat.RichText)
        self.particulars.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.particulars.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.missing = QLabel()
        self.missing.setObjectName("approvalMissing")
        self.missing.setAccessibleName("What approval still needs")
        self.missing.setWordWrap(True)
        self.missing.setTextFormat(Qt.TextFormat.RichText)
        self.empty = QLabel("Not on the practitioner register. Add a coach or mentor registration.")
        self.empty.setWordWrap(True)
        layout = QVBoxLayout(page)
        layout.addWidget(self.empty)
        layout.addWidget(self.table)
        layout.addLayout(row)
        layout.addLayout(status_row)
        layout.addWidget(self.missing)
        layout.addWidget(self.particulars)
        layout.addStretch(1)
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit)
        self.certificate_button.clicked.connect(self.open_certificate)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.model_.modelReset.connect(self._selection_changed)

    def load(self, detail: PersonDetail) -> None:
        chosen = self.selected()
        self.detail = detail
        self.table.set_rows(detail.registrations)
        self.table.setVisible(bool(detail.registrations))
        rows = sum(self.table.rowHeight(i) for i in range(self.table.model_.rowCount()))
        frame = 2 * self.table.frameWidth()
        self.table.setFixedHeight(self.table.horizontalHeader().sizeHint().height() + rows + frame)
        self.empty.setVisible(not detail.registrations)
        if chosen and self.table.select_id(chosen.id):
            pass
        elif detail.registrations:
            self.table.selectRow(0)
        self.add_button.setEnabled(len(detail.registrations) < 2)
        self._selection_changed()

    def selected(self) -> RegistrationRow | None:
        return self.table.current_row()

    def _selection_changed(self, *_args: object) -> None:
        reg = self.selected()
        allowed = NEXT_STATUS.get(reg.status, ()) if reg else ()
        for status, button in self.status_buttons.items():
            button.setVisible(status in allowed)
        self.edit_button.setEnabled(reg is not None)
        self.certificate_button.setVisible(reg is not None and reg.kind == "coach")
        self.certificate_button.setEnabled(reg is not None and reg.certificate_id is not None)
        self.particulars.setText(summary(reg) if reg else "")
        if reg is None or not reg.approval_missing:
            self.missing.setText(
                "" if reg is None else f"The {reg.kind} registration is complete for approval."
            )
            return
        items = "".join(
            f"<li>{escape(plain_missing(m), quote=False)}</li>" for m in reg.approval_missing
        )
        self.missing.setText(
            f"<b>Approving the {reg.kind} registration still needs:</b>"
            f"<ul style='margin:0'>{items}</ul>"
        )

    # --- actions ---------------------------------------------------------------------------

    def add(self) -> None:
        if self.detail is None:
            return
        held = tuple(r.kind for r in self.detail.registrations)
        self.dialog = RegistrationDialog(
            self.ctx,
            self.detail.person,
            kinds_held=held,
            minimum_hours=self.minimum_hours(),
            parent=self,
        )
        self.dialog.open()

    def edit(self) -> None:
        reg = self.selected()
        if self.detail is None or reg is None:
            return
        self.dialog = RegistrationDialog(
            self.ctx,
            self.detail.person,
            reg,
            minimum_hours=self.minimum_hours(),
            parent=self,
        )
        self.dialog.open()

    def change_status(self, status: str, ask: bool) -> None:
        reg = self.selected()
        if reg is None or self.detail is None:
            return
        name = self.detail.person.full_name
        verb = self.status_buttons[status].text().replace("&", "").rstrip("…")
        if ask and not self.ctx.confirm(
            self,
            f"{verb} registration?",
            f"Mark {name}'s {reg.kind} registration as {status}? They will take no new clients.",
        ):
            return
        said = f"{name}'s {reg.kind} registration is now {status}."
        op = self.ctx.write(
            self,
            set_registration_status,
            reg.id,
            status,
            on=self.ctx.today(),
            expected_version=reg.version,
        )
        op.success(lambda _row: self.ctx.status_message.emit(said)).run()

    def open_certificate(self) -> None:
        reg = self.selected()
        if reg is None or reg.certificate_id is None:
            return
        kept = self.ctx.read(get_attachment, reg.certificate_id)
        open_copy(kept.filename, kept.data)
