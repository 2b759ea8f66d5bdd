"""Erase person…: everything that will go, the person's name typed to confirm, then erased."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coachdesk.errors import UserError
from coachdesk.gui.context import AppContext
from coachdesk.services.privacy import (
    ErasurePreview,
    ErasureResult,
    erase_person,
    erasure_preview,
)


class EraseDialog(QDialog):
    """Lists what erasure removes and anonymises; Erase is enabled once the name is typed."""

    def __init__(self, ctx: AppContext, preview: ErasurePreview, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.preview = preview
        self.erased = False
        self.setWindowTitle(f"Erase {preview.full_name}")
        self.setAccessibleName("Erase person")
        self.resize(640, 520)
        details = QPlainTextEdit("\n".join(preview.lines()))
        details.setReadOnly(True)
        details.setAccessibleName("What will be erased")
        self.typed = QLineEdit()
        self.typed.setAccessibleName("Type the person's full name to confirm")
        self.typed.setPlaceholderText(preview.full_name)
        prompt = QLabel(f"To erase for good, type their full name — {preview.full_name}:")
        prompt.setWordWrap(True)
        prompt.setBuddy(self.typed)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.erase_button = QPushButton("&Erase for good")
        ctx.guard_edits(self.erase_button)
        self.erase_button.setEnabled(False)
        self.buttons.addButton(self.erase_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.erase_button.clicked.connect(self.erase)
        self.buttons.rejected.connect(self.reject)
        self.typed.textChanged.connect(self._typed)
        layout = QVBoxLayout(self)
        warning = QLabel(
            "Erasure cannot be undone. Their relationships stay only as anonymous figures."
        )
        warning.setStyleSheet("color: #a4262c; font-weight: bold;")
        warning.setWordWrap(True)
        layout.addWidget(warning)
        layout.addWidget(details, 1)
        layout.addWidget(prompt)
        layout.addWidget(self.typed)
        layout.addWidget(self.buttons)
        self.typed.setFocus()

    def _typed(self, text: str) -> None:
        wanted = " ".join(self.preview.full_name.split()).casefold()
        self.erase_button.setEnabled(" ".join(text.split()).casefold() == wanted)

    def erase(self) -> None:
        if not self.erase_button.isEnabled():
            return
        self.erase_button.setEnabled(False)  # once: the erasure is under way
        op = self.ctx.write(self, erase_person, self.preview.email, today=self.ctx.today())
        op.success(self._erased).failure(lambda _exc: self._typed(self.typed.text())).run()

    def _erased(self, _result: ErasureResult) -> None:
        self.erased = True
        self.ctx.status_message.emit("The person was erased; their relationships are anonymous.")
        self.accept()


def start_erasure(ctx: AppContext, parent: QWidget | None, email: str) -> EraseDialog | None:
    """Open the erase dialog for the person with ``email`` (a refusal is shown instead)."""
    try:
        preview = ctx.read(erasure_preview, email)
    except UserError as exc:
        ctx.refuse(parent, exc)
        return None
    dialog = EraseDialog(ctx, preview, parent)
    dialog.open()
    return dialog
