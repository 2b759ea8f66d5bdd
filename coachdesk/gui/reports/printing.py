"""Printing a PDF held in a QPdfDocument: each page rendered into the printer's painter."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QPageLayout, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

from coachdesk.errors import UserError

#: Pages are rendered at no more than this resolution (an A4 page at 300 dpi is ~35 MB).
MAX_DPI = 300


def is_landscape(doc: QPdfDocument) -> bool:
    if doc.pageCount() == 0:
        return False
    size = doc.pagePointSize(0)
    return size.width() > size.height()


def print_document(doc: QPdfDocument, printer: QPrinter) -> int:
    """Print the pages the lead chose (all by default); returns how many were printed."""
    count = doc.pageCount()
    if count == 0:
        raise UserError("There is no report to print yet; generate one first.")
    first = max(printer.fromPage(), 1) if printer.fromPage() else 1
    last = min(printer.toPage(), count) if printer.toPage() else count
    painter = QPainter()
    if not painter.begin(printer):
        raise UserError("The printer could not be started; check it is connected and try again.")
    printed = 0
    try:
        dpi = min(printer.resolution(), MAX_DPI)
        for number in range(first, last + 1):
            if printed:
                printer.newPage()
            index = number - 1
            points = doc.pagePointSize(index)
            area = printer.pageLayout().paintRectPixels(printer.resolution())
            scale = min(area.width() / points.width(), area.height() / points.height())
            target = QRectF(0, 0, points.width() * scale, points.height() * scale)
            image = doc.render(
                index,
                QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72)),
            )
            painter.drawImage(target, image)
            printed += 1
    finally:
        painter.end()
    return printed


def set_orientation(printer: QPrinter, doc: QPdfDocument) -> None:
    """Landscape reports (the register directory) print landscape unless the lead changes it."""
    printer.setPageOrientation(
        QPageLayout.Orientation.Landscape if is_landscape(doc) else QPageLayout.Orientation.Portrait
    )
