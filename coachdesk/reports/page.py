"""The page template and styles every report shares: A4, running header, "Page N of M", footer."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal, TypeAlias, TypedDict, Unpack
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.colors import Color
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    LongTable,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from coachdesk.domain.dates import format_date
from coachdesk.reports.fonts import BOLD, ITALIC, REGULAR, register_fonts
from coachdesk.services.reporting.types import ReportHeader

CONFIDENTIAL = "Contains personal data — store and dispose of securely"
NHS_BLUE = colors.HexColor("#005EB8")
DARK = colors.HexColor("#212B32")
GREY = colors.HexColor("#4C6272")
RULE = colors.HexColor("#AEB7BD")
HEAD_FILL = colors.HexColor("#E8EDEE")
TOTAL_FILL = colors.HexColor("#F3F5F6")
MARGIN = 16 * mm


class _StyleArgs(TypedDict, total=False):
    """The ParagraphStyle settings the reports use."""

    fontName: str
    fontSize: float
    leading: float
    textColor: Color
    alignment: Literal[0, 1, 2, 4]  # TA_LEFT, TA_CENTER, TA_RIGHT, TA_JUSTIFY
    spaceBefore: float
    spaceAfter: float
    keepWithNext: int


def _style(name: str, **kw: Unpack[_StyleArgs]) -> ParagraphStyle:
    if name in ("h1", "h2", "note"):
        kw.setdefault("keepWithNext", 1)  # never left alone at the foot of a page
    base: _StyleArgs = {"fontName": REGULAR, "fontSize": 9, "leading": 12, "textColor": DARK}
    base.update(kw)
    return ParagraphStyle(name, **base)


STYLES: dict[str, ParagraphStyle] = {
    "title": _style("title", fontName=BOLD, fontSize=18, leading=22, textColor=NHS_BLUE),
    "subject": _style("subject", fontName=BOLD, fontSize=13, leading=17, spaceBefore=2),
    "h1": _style(
        "h1",
        fontName=BOLD,
        fontSize=13,
        leading=16,
        textColor=NHS_BLUE,
        spaceBefore=12,
        spaceAfter=5,
    ),
    "h2": _style("h2", fontName=BOLD, fontSize=10.5, leading=13, spaceBefore=8, spaceAfter=3),
    "body": _style("body", spaceAfter=4),
    "small": _style("small", fontSize=8, leading=10, textColor=GREY),
    "note": _style("note", fontName=ITALIC, fontSize=8, leading=10, textColor=GREY, spaceAfter=4),
    "footnote": _style(
        "footnote",
        fontName=ITALIC,
        fontSize=8,
        leading=10,
        textColor=GREY,
        spaceBefore=2,
        spaceAfter=4,
    ),
    "cell": _style("cell", fontSize=8.5, leading=10.5),
    "cell_right": _style("cell_right", fontSize=8.5, leading=10.5, alignment=TA_RIGHT),
    "cell_bold": _style("cell_bold", fontName=BOLD, fontSize=8.5, leading=10.5),
    "cell_bold_right": _style(
        "cell_bold_right", fontName=BOLD, fontSize=8.5, leading=10.5, alignment=TA_RIGHT
    ),
    "head": _style("head", fontName=BOLD, fontSize=8.5, leading=10.5),
    "head_right": _style(
        "head_right", fontName=BOLD, fontSize=8.5, leading=10.5, alignment=TA_RIGHT
    ),
}


# ---------------------------------------------------------------------------------------------
# Text helpers


def text(value: object) -> str:
    """Markup-safe text for a Paragraph; line breaks kept."""
    return escape(str(value)).replace("\n", "<br/>")


def para(value: object, style: str = "body") -> Paragraph:
    return Paragraph(text(value), STYLES[style])


def when(d: date | None, blank: str = "—") -> str:
    return format_date(d) if d is not None else blank


def month_label(d: date, short: bool = False) -> str:
    """``Mar 2026`` (or ``Mar 26`` when ``short``)."""
    name = format_date(d).split(" ", 1)[1]
    return name[:4] + name[-2:] if short else name


def hrs(value: float) -> str:
    """Hours to two places (0.75 for 45 minutes)."""
    return f"{value:,.2f}"


def heading(value: str, level: int = 1) -> Paragraph:
    return para(value, f"h{level}")


def note(value: str) -> Paragraph:
    """An explanation kept with what follows it."""
    return para(value, "note")


def footnote(value: str) -> Paragraph:
    """An explanation of what came just before it."""
    return para(value, "footnote")


# ---------------------------------------------------------------------------------------------
# Tables


#: One table cell as a report gives it: a flowable as it is, anything else as its text.
Cell: TypeAlias = object

#: One TableStyle command: its name, the corners of the cells it covers, then its arguments.
TableCommand: TypeAlias = tuple[str, tuple[int, int], tuple[int, int], *tuple[object, ...]]


@dataclass(frozen=True)
class Col:
    """A column: header, share of the frame's width, right-aligned (numbers) or not."""

    header: str
    width: float
    right: bool = False


def data_table(
    cols: Sequence[Col],
    rows: Sequence[Sequence[Cell]],
    width: float,
    *,
    total: Sequence[Cell] | None = None,
    bold_rows: Sequence[int] = (),
) -> Table:
    """A table whose header repeats on every page and whose cells wrap instead of clipping.

    ``total`` is a last row in bold; ``bold_rows`` are indexes of body rows (subtotals) in bold.
    """
    widths = _widths(cols, width)
    bold = set(bold_rows)
    data: list[list[Flowable | str]] = [
        [Paragraph(text(c.header), STYLES["head_right" if c.right else "head"]) for c in cols]
    ]
    for i, row in enumerate(rows):
        data.append(_cells(cols, row, i in bold))
    if total is not None:
        data.append(_cells(cols, total, True))
    kind = LongTable if len(data) > 120 else Table
    table = kind(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    style: list[TableCommand] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, GREY),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    for c, col in enumerate(cols):  # the plain-string (number) cells
        if col.right:
            style += [
                ("FONT", (c, 1), (c, -1), REGULAR, 8.5, 10.5),
                ("ALIGN", (c, 1), (c, -1), "RIGHT"),
                ("RIGHTPADDING", (c, 0), (c, -1), 7),  # a gap before the next column's text
                # Align a string's baseline with the first line of the paragraphs beside it.
                ("TOPPADDING", (c, 1), (c, -1), 3.1),
                ("BOTTOMPADDING", (c, 1), (c, -1), 1.9),
            ]
            style += [("FONT", (c, i + 1), (c, i + 1), BOLD, 8.5, 10.5) for i in bold]
            if total is not None:
                style.append(("FONT", (c, -1), (c, -1), BOLD, 8.5, 10.5))
    for i in bold:  # a subtotal stays on the page of the row above it
        style.append(("BACKGROUND", (0, i + 1), (-1, i + 1), TOTAL_FILL))
        if i > 0:
            style.append(("NOSPLIT", (0, i), (-1, i + 1)))
    if total is not None:
        style += [
            ("LINEABOVE", (0, -1), (-1, -1), 0.8, GREY),
            ("BACKGROUND", (0, -1), (-1, -1), TOTAL_FILL),
        ]
        if len(data) > 2:
            style.append(("NOSPLIT", (0, -2), (-1, -1)))
    table.setStyle(TableStyle(style))
    return table


def _header_room(col: Col) -> float:
    """The least width a column needs for its header to wrap only between words."""
    words = col.header.split() or [""]
    padding = 3 + (7 if col.right else 3)
    return max(pdfmetrics.stringWidth(w, BOLD, 8.5) for w in words) + padding + 0.5


def _widths(cols: Sequence[Col], width: float) -> list[float]:
    """Each column's share of ``width``, widened where a header word would otherwise be broken
    ("Withdraw / n"), the room taken from columns that have more than their header needs."""
    share = sum(c.width for c in cols)
    widths = [width * c.width / share for c in cols]
    need = [_header_room(c) for c in cols]
    short = sum(max(0.0, n - w) for n, w in zip(need, widths, strict=True))
    spare = sum(max(0.0, w - n) for n, w in zip(need, widths, strict=True))
    if short <= 0 or spare < short:
        return widths  # nothing to mend, or no room to mend it: reportlab breaks the word
    return [n if w < n else w - (w - n) * short / spare for n, w in zip(need, widths, strict=True)]


def _cells(cols: Sequence[Col], row: Sequence[Cell], bold: bool) -> list[Flowable | str]:
    out: list[Flowable | str] = []
    for col, value in zip(cols, row, strict=True):
        if isinstance(value, Flowable):
            out.append(value)
            continue
        shown = str(value)
        if col.right and len(shown) <= 12:  # a number: drawn as a plain string (much faster)
            out.append(shown)
            continue
        style = ("cell_bold" if bold else "cell") + ("_right" if col.right else "")
        out.append(Paragraph(text(shown), STYLES[style]))
    return out


def fields_table(
    pairs: Sequence[tuple[str, Cell]], width: float, label_share: float = 0.3
) -> Table:
    """Label / value pairs as a two-column table (values wrap)."""
    data = [[Paragraph(text(label), STYLES["cell_bold"]), _value(value)] for label, value in pairs]
    table = Table(
        data or [["", ""]],
        colWidths=[width * label_share, width * (1 - label_share)],
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def _value(value: Cell) -> Flowable:
    return value if isinstance(value, Flowable) else Paragraph(text(value), STYLES["cell"])


def keep(*flowables: Flowable) -> KeepTogether:
    return KeepTogether(list(flowables))


# ---------------------------------------------------------------------------------------------
# The document


def title_block(
    header: ReportHeader, width: float, extra: Sequence[tuple[str, Cell]] = ()
) -> list[Flowable]:
    """The first page's title: report, subject, organisation, period, generation date.

    Every report starts its story here, so the fonts are registered before any paragraph.
    """
    register_fonts()
    out: list[Flowable] = [para(header.title, "title")]
    if header.subject:
        out.append(para(header.subject, "subject"))
    out.append(Spacer(1, 4))
    pairs: list[tuple[str, Cell]] = [
        ("Organisation", header.hub_name),
        ("Period", header.period),
        ("Generated", format_date(header.generated_on)),
        *extra,
    ]
    out.append(fields_table(pairs, width, 0.22))
    out.append(Spacer(1, 6))
    return out


class _KeepWithNext(KeepTogether):
    """A heading kept with what follows it — unless more than ``ROOM`` is left on the page, when
    a long table may start below it and run on (rather than leave the page nearly empty)."""

    ROOM = 240.0

    # KeepTogether's own state, which reportlab's stubs leave out: the height found by
    # ``wrap`` and the flowables kept together.
    _H: float
    _content: list[Flowable]

    def split(self, aW: float, aH: float) -> list[Flowable]:  # noqa: N803 - reportlab's names
        if getattr(self, "_wrapInfo", None) != (aW, aH):
            self.wrap(aW, aH)
        if aH < self._H and aH > self.ROOM:
            return self._content[:]
        return super().split(aW, aH)


class _NumberedCanvas(Canvas):
    """Holds every page until the end so each can say "Page N of M"."""

    generated = ""

    # Canvas's own page state, which reportlab's stubs leave out.
    _pagesize: tuple[float, float]
    _pageNumber: int  # noqa: N815 - reportlab's name
    _startPage: Callable[[], None]  # noqa: N815 - reportlab's name

    def __init__(self, *args: Any, **kwargs: Any) -> None:  # all of Canvas's, passed on
        super().__init__(*args, **kwargs)
        self._saved: list[dict[str, object]] = []

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        self._saved.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._saved)
        for state in self._saved:
            self.__dict__.update(state)
            width, _ = self._pagesize
            self.setFont(REGULAR, 8)
            self.setFillColor(GREY)
            self.drawRightString(
                width - MARGIN,
                9 * mm,
                f"{self.generated}  ·  Page {self._pageNumber} of {total}",
            )
            super().showPage()
        super().save()


def frame_width(wide: bool = False) -> float:
    """The width a flowable may take on a portrait (or, ``wide``, landscape) page."""
    size = landscape(A4) if wide else A4
    return size[0] - 2 * MARGIN


def build_pdf(header: ReportHeader, story: list[Flowable], *, wide: bool = False) -> bytes:
    """Lay the story out on A4 (landscape when ``wide``) with the shared template; PDF bytes."""
    register_fonts()
    size = landscape(A4) if wide else A4
    out = io.BytesIO()
    doc = BaseDocTemplate(
        out,
        pagesize=size,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN + 6 * mm,
        bottomMargin=MARGIN + 2 * mm,
        title=f"{header.title}" + (f" — {header.subject}" if header.subject else ""),
        author=header.hub_name,
        subject=header.period,
        creator="coachdesk",
    )
    doc.keepTogetherClass = _KeepWithNext
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body")

    def decorate(canvas: Canvas, _doc: BaseDocTemplate) -> None:
        width, height = size
        canvas.saveState()
        canvas.setFont(REGULAR, 8)
        canvas.setFillColor(GREY)
        top = height - MARGIN
        left_text = header.hub_name
        canvas.drawString(MARGIN, top, left_text)
        right = header.title + (f" — {header.subject}" if header.subject else "")
        right += f" · {header.period}"
        room = width - 2 * MARGIN - canvas.stringWidth(left_text, REGULAR, 8) - 24
        points, lines = running_header_lines(right, room)
        canvas.setFont(REGULAR, points)
        for i, line in enumerate(lines):  # the last line sits on the rule
            up = (len(lines) - 1 - i) * (points + 1.5)
            canvas.drawRightString(width - MARGIN, top + up, line)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN, top - 3, width - MARGIN, top - 3)
        canvas.line(MARGIN, 13 * mm, width - MARGIN, 13 * mm)
        canvas.setFont(BOLD, 8)
        canvas.drawString(MARGIN, 9 * mm, CONFIDENTIAL)
        canvas.restoreState()

    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=decorate)])

    class ReportCanvas(_NumberedCanvas):
        generated = f"Generated {format_date(header.generated_on)}"

    doc.build(headings_kept(story), canvasmaker=ReportCanvas)
    return out.getvalue()


def headings_kept(story: list[Flowable]) -> list[Flowable]:
    """A heading (anything kept with what follows it) just before a block kept together goes
    into that block: reportlab keeps a heading with the next flowable only when that is not a
    KeepTogether, so "Evaluations" could stand alone at the foot of a page."""
    out: list[Flowable] = []
    for flowable in reversed(story):
        after = out[-1] if out else None
        if (
            after is not None
            and type(after) is KeepTogether
            and not isinstance(flowable, KeepTogether)
            and flowable.getKeepWithNext()  # type: ignore[no-untyped-call]
        ):
            out[-1] = KeepTogether([flowable, *after._content])  # type: ignore[attr-defined]
        else:
            out.append(flowable)
    return out[::-1]


#: The running header shrinks no smaller than this before it wraps onto a second line.
SMALLEST_HEADER = 6.5


def running_header_lines(value: str, room: float) -> tuple[float, list[str]]:
    """The running header's font size and lines: 8 pt on one line if it fits, else smaller,
    else wrapped between words onto lines above the rule — never cut short."""
    size = 8.0
    while size >= SMALLEST_HEADER:
        if pdfmetrics.stringWidth(value, REGULAR, size) <= room:
            return size, [value]
        size -= 0.5
    size = SMALLEST_HEADER
    head, dot, tail = value.rpartition(" · ")  # the period on a line of its own, if it can be
    if dot and all(pdfmetrics.stringWidth(x, REGULAR, size) <= room for x in (head, dot + tail)):
        return size, [head, tail]
    lines: list[str] = []
    for word in value.split(" "):
        if lines and pdfmetrics.stringWidth(f"{lines[-1]} {word}", REGULAR, size) <= room:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return size, lines
