"""Where and how to print a report: the printer, copies and pages (the PDF itself is sent)."""

from __future__ import annotations

import sys

from PySide6.QtPrintSupport import QPrinterInfo
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from coachdesk.domain.words import plural
from coachdesk.gui.reports.printing import PrintJob

DEFAULT_PRINTER = "The default printer"


def printer_names() -> list[str]:
    """The printers the system knows, its default first (empty when it lists none)."""
    names = list(QPrinterInfo.availablePrinterNames())
    default = QPrinterInfo.defaultPrinterName()
    if default in names:
        names.remove(default)
        names.insert(0, default)
    return names


class PrintDialog(QDialog):
    """Print… for a report of ``pages`` pages; ``job()`` is what the lead chose."""

    def __init__(self, title: str, pages: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Print report")
        self.title = title
        self.page_count = pages
        windows = sys.platform == "win32"
        self.printer = QComboBox()
        self.printer.setAccessibleName("Printer")
        names = [] if windows else printer_names()
        for n, name in enumerate(names):
            self.printer.addItem(f"{name} (default)" if n == 0 else name, name)
        if not names:
            self.printer.addItem(DEFAULT_PRINTER, None)
        self.copies = QSpinBox()
        self.copies.setRange(1, 99)
        self.copies.setAccessibleName("Copies")
        self.all_pages = QRadioButton(f"&All ({plural(pages, 'page')})")
        self.some_pages = QRadioButton("&Pages")
        self.all_pages.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.all_pages)
        group.addButton(self.some_pages)
        self.first = QSpinBox()
        self.last = QSpinBox()
        for spin, value, name in ((self.first, 1, "From page"), (self.last, pages, "To page")):
            spin.setRange(1, max(pages, 1))
            spin.setValue(value)
            spin.setAccessibleName(name)
            spin.valueChanged.connect(lambda _v: self.some_pages.setChecked(True))
        self.first.valueChanged.connect(lambda v: self.last.setValue(max(v, self.last.value())))
        self.last.valueChanged.connect(lambda v: self.first.setValue(min(v, self.first.value())))
        range_row = QHBoxLayout()
        range_row.addWidget(self.some_pages)
        range_row.addWidget(self.first)
        range_row.addWidget(QLabel("to"))
        range_row.addWidget(self.last)
        range_row.addStretch(1)

        form = QFormLayout()
        form.addRow("Printer", self.printer)
        form.addRow("Copies", self.copies)
        form.addRow("Pages", self.all_pages)
        form.addRow("", range_row)
        note = QLabel(
            "The report goes to the printer as the PDF itself, so it prints sharp and quickly."
        )
        if windows:
            note.setText(
                "Windows prints the report on the default printer, through the program that "
                "opens PDF files. To choose another printer or some pages, save the report and "
                "print it from that program."
            )
            for widget in (self.printer, self.copies, self.all_pages):
                form.setRowVisible(widget, False)
            form.setRowVisible(range_row, False)
        note.setWordWrap(True)
        note.setObjectName("hint")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.print_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.print_button.setText("&Print")
        self.print_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.print_button.setFocus()

    def job(self) -> PrintJob:
        printer = self.printer.currentData()
        some = self.some_pages.isChecked() and (
            self.first.value() > 1 or self.last.value() < self.page_count
        )
        return PrintJob(
            title=self.title,
            printer=printer if isinstance(printer, str) else None,
            copies=self.copies.value(),
            first_page=self.first.value() if some else None,
            last_page=self.last.value() if some else None,
        )
