"""Certificate files: read one the lead picks, and open a kept one in the system's viewer."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from coachdesk.gui.context import AppContext
from coachdesk.services.dto import FileInput
from coachdesk.services.register import get_attachment
from coachdesk.services.validate import MAX_FILE_BYTES, sniff

FILTERS = "Certificates (*.pdf *.png *.jpg *.jpeg);;All files (*)"

_temp_dirs: list[Path] = []
_hooked: list[bool] = []


def read_certificate(path: Path) -> tuple[FileInput | None, str | None]:
    """The file as a FileInput, or None and the reason it cannot be a certificate."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, f"{path.name} is {size / 1048576:.1f} MB; a file may be at most 20 MB."
        data = path.read_bytes()
    except OSError as exc:
        return None, f"{path.name} could not be read ({exc.strerror or exc})."
    if not data:
        return None, f"{path.name} is empty."
    media = sniff(data)
    if media is None:
        return None, f"{path.name} is not a PDF, PNG or JPEG file."
    return FileInput(path.name, data, media), None


def _cleanup() -> None:
    while _temp_dirs:
        shutil.rmtree(_temp_dirs.pop(), ignore_errors=True)


def open_copy(filename: str, data: bytes) -> Path:
    """Write a private temporary copy and open it; copies are deleted when coachdesk quits."""
    folder = Path(tempfile.mkdtemp(prefix="coachdesk-"))
    app = QCoreApplication.instance()
    if app is not None and not _hooked:
        app.aboutToQuit.connect(_cleanup)
        _hooked.append(True)
    _temp_dirs.append(folder)
    name = Path(filename.replace("\\", "/")).name or "certificate"
    path = folder / name
    path.write_bytes(data)
    path.chmod(0o600)
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
    return path


class CertificateField(QWidget):
    """A coach's certificate in a form: the file's name, Upload/Replace, Open and Remove.

    A picked file is held (``pending``) until the form saves; removing a kept file is
    likewise only noted (``remove_kept``).
    """

    changed = Signal()

    def __init__(self, ctx: AppContext, kept_id: str | None, kept_name: str | None) -> None:
        super().__init__()
        self.ctx = ctx
        self.kept_id = kept_id
        self.kept_name = kept_name or "certificate"
        self.pending: FileInput | None = None
        self.remove_kept = False
        self.name = QLabel()
        self.name.setTextFormat(Qt.TextFormat.PlainText)
        self.name.setWordWrap(True)
        self.name.setAccessibleName("Certificate file")
        self.upload = QPushButton("&Upload…")
        self.upload.setToolTip("Choose a PDF or an image of the certificate")
        self.upload.setAccessibleName("Upload certificate")
        self.open_button = QPushButton("Op&en")
        self.open_button.setAccessibleName("Open certificate")
        self.remove_button = QPushButton("Re&move")
        self.remove_button.setAccessibleName("Remove certificate")
        self.note = QLabel()
        self.note.setStyleSheet("color: #a4262c;")
        self.note.setWordWrap(True)
        self.note.hide()
        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.addWidget(self.name)
        buttons = QHBoxLayout()
        for button in (self.upload, self.open_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        rows.addLayout(buttons)
        rows.addWidget(self.note)
        self.upload.clicked.connect(self.choose)
        self.open_button.clicked.connect(self.open)
        self.remove_button.clicked.connect(self.remove)
        self._show()

    def has_certificate(self) -> bool:
        return self.pending is not None or (self.kept_id is not None and not self.remove_kept)

    def _show(self) -> None:
        if self.pending is not None:
            self.name.setText(f"{self.pending.filename} (new: kept when you save)")
        elif self.has_certificate():
            self.name.setText(self.kept_name)
        elif self.kept_id is not None:
            self.name.setText(f"{self.kept_name} will be removed when you save.")
        else:
            self.name.setText("No certificate kept.")
        held = self.has_certificate()
        self.open_button.setEnabled(held)
        self.remove_button.setEnabled(held)
        self.upload.setText("Re&place…" if held else "&Upload…")
        self.changed.emit()

    def choose(self) -> None:
        path = self.ctx.ask_open_file(self, "Choose the certificate", FILTERS)
        if path is None:
            return
        picked, why = read_certificate(Path(path))
        self.note.setText(why or "")
        self.note.setVisible(bool(why))
        if picked is not None:
            self.pending = picked
        self._show()

    def open(self) -> Path | None:
        if self.pending is not None:
            return open_copy(self.pending.filename, self.pending.data)
        if self.has_certificate() and self.kept_id is not None:
            kept = self.ctx.read(get_attachment, self.kept_id)
            return open_copy(kept.filename, kept.data)
        return None

    def remove(self) -> None:
        if self.pending is not None:
            self.pending = None
        else:
            self.remove_kept = True
        self._show()
