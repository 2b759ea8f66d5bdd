"""A form's answer to a save refused because another lead changed the record meanwhile."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coachdesk.gui.widgets.sizing import lines_high

RELOAD_TIP = "Show the record as it is saved now; what you typed stays below to copy from"
CANCEL_TIP = "Close the form without saving your changes"


def reloaded_text(fields: list[tuple[str, str]]) -> str:
    """What the lead had typed where the saved record now differs, one field a line."""
    return "\n".join(f"{name}: {value or '(blank)'}" for name, value in fields)


class StaleBar(QFrame):
    """Across the top of a form: why the save was refused, Reload and Cancel; after Reload,
    what the lead had typed (read-only, to copy from) where the saved record differs."""

    reload_requested = Signal()
    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("staleBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("QFrame#staleBar { background: #fff9c4; border: 1px solid #ffb81c; }")
        self.message = QLabel()
        self.message.setObjectName("staleMessage")
        self.message.setWordWrap(True)
        self.reload_button = QPushButton("Reload")
        self.reload_button.setObjectName("staleReload")
        self.reload_button.setToolTip(RELOAD_TIP)
        self.reload_button.setAutoDefault(False)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setObjectName("staleCancel")
        self.cancel_button.setToolTip(CANCEL_TIP)
        self.cancel_button.setAccessibleName("Cancel without saving")
        self.cancel_button.setAutoDefault(False)
        self.mine_label = QLabel("What you typed, to copy from:")
        self.mine = QPlainTextEdit()
        self.mine.setObjectName("staleMine")
        self.mine.setReadOnly(True)
        self.mine.setTabChangesFocus(True)
        self.mine.setAccessibleName("What you typed")
        self.mine.setFixedHeight(lines_high(self.mine, 4))
        self.mine_label.setBuddy(self.mine)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.reload_button)
        buttons.addWidget(self.cancel_button)
        column = QVBoxLayout(self)
        column.addWidget(self.message)
        column.addLayout(buttons)
        column.addWidget(self.mine_label)
        column.addWidget(self.mine)
        self.reload_button.clicked.connect(self.reload_requested)
        self.cancel_button.clicked.connect(self.cancel_requested)
        self.hide()

    def refused(
        self,
        message: str,
        *,
        reloadable: bool = True,
        cancel_does: str = "closes the form without saving",
    ) -> None:
        """The save was refused: say why and offer Reload (when the form can) or Cancel (what
        it does: ``cancel_does``)."""
        then = (
            "Reload shows the record as it is saved now and keeps what you typed below, to copy "
            f"from; Cancel {cancel_does}."
            if reloadable
            else f"Cancel {cancel_does}; open the record again to see theirs."
        )
        self.message.setText(f"{message}\n\n{then}")
        self.reload_button.setVisible(reloadable)
        self.cancel_button.show()
        self.mine_label.hide()
        self.mine.hide()
        self.show()
        (self.reload_button if reloadable else self.cancel_button).setFocus()

    def reloaded(self, who: str, mine: list[tuple[str, str]]) -> None:
        """The form now shows the saved record; ``mine``: what the lead had typed that differs."""
        if mine:
            self.message.setText(
                f"The form now shows the record as {who} saved it. Where you had typed something "
                "else, it is below: copy back what you still want, then Save."
            )
            self.mine.setPlainText(reloaded_text(mine))
            self.mine_label.show()
            self.mine.show()
            self.mine.setFocus()
        else:
            self.message.setText(
                f"The form now shows the record as {who} saved it; it matches what you typed."
            )
        self.reload_button.hide()
        self.cancel_button.hide()  # the form's own Cancel closes it now
