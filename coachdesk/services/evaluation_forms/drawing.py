"""A fillable evaluation form (AcroForm, A4) drawn with reportlab from a FormContent.

Drawn here rather than in ``coachdesk.reports`` because reminders (a service) attach forms,
and services may not import the reports layer. Every field has a visible border, so the same
form prints as a paper questionnaire with circles to tick and boxes to write in.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from coachdesk.domain.dates import format_date
from coachdesk.resources import resource
from coachdesk.services.evaluation_forms.content import OBJECTIVE_SCALE, FormContent
from coachdesk.services.evaluation_forms.identity import FIELD_NAME

REGULAR, BOLD = "DejaVuSans", "DejaVuSans-Bold"
_FONT_FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf"}

WIDTH, HEIGHT = A4
MARGIN = 16 * mm
TOP = HEIGHT - MARGIN
BOTTOM = MARGIN + 14  # room for the footer
INNER = WIDTH - 2 * MARGIN

NHS_BLUE = colors.HexColor("#005EB8")
DARK = colors.HexColor("#212B32")
GREY = colors.HexColor("#4C6272")
RULE = colors.HexColor("#AEB7BD")
SHADE = colors.HexColor("#F3F5F6")

CIRCLE = 13  # a radio button's diameter, points
CELL = 26  # the width given to each answer column
INLINE_MAX = 7  # scales with more answers than this put their circles below the statement
BODY, LEAD = 9.5, 12.5
PAD = 4  # above and below each statement's row
INDENT = 22  # the statements and objectives, after their numbers

COMMENTS_MAX = 20_000
COMMENTS_HEIGHT = 80


def register_fonts() -> None:
    """DejaVu Sans for the printed text (wide Unicode coverage; idempotent)."""
    known = set(pdfmetrics.getRegisteredFontNames())
    for name, filename in _FONT_FILES.items():
        if name not in known:
            pdfmetrics.registerFont(TTFont(name, str(resource("fonts", filename))))


def scale_words(low: int, high: int) -> str:
    return f"{low} = strongly disagree … {high} = strongly agree"


def _remember_appearances(canvas: Canvas) -> None:
    """reportlab draws every radio button's six appearance streams afresh, though a form has
    only a few distinct ones (it writes each once); drawing each once makes forms ~2x faster."""
    form = canvas.acroForm
    draw = form.checkboxAP
    made: dict[tuple[Any, ...], Any] = {}

    def plain(value: Any) -> Any:
        return value.rgba() if isinstance(value, colors.Color) else value

    def once(*args: Any, **kwargs: Any) -> Any:
        key = (*map(plain, args), *((k, plain(v)) for k, v in sorted(kwargs.items())))
        if key not in made:
            made[key] = draw(*args, **kwargs)
        return made[key]

    setattr(form, "checkboxAP", once)  # noqa: B010 - an instance's method, replaced


class _Pages:
    """A canvas with a cursor ``y`` that moves down and starts a new page when it must."""

    def __init__(self, content: FormContent) -> None:
        self.content = content
        self.buffer = io.BytesIO()
        self.c = Canvas(self.buffer, pagesize=A4, invariant=True, pageCompression=1)
        _remember_appearances(self.c)
        self.c.setTitle(f"{content.title}: {content.respondent_name}")
        self.c.setAuthor(content.hub_name)
        self.c.setSubject(f"{content.hub_name} — evaluation form")
        self.c.setCreator("coachdesk")
        self.page = 1
        self.y = TOP

    def text(
        self, x: float, y: float, words: str, *, size: float = BODY, font: str = REGULAR,
        colour: colors.Color = DARK,
    ) -> None:  # fmt: skip
        self.c.setFont(font, size)
        self.c.setFillColor(colour)
        self.c.drawString(x, y, words)

    def lines(
        self, words: str, width: float, *, size: float = BODY, font: str = REGULAR
    ) -> list[str]:
        return simpleSplit(words, font, size, width) or [""]

    def paragraph(
        self, words: str, *, size: float = BODY, font: str = REGULAR, lead: float = LEAD,
        colour: colors.Color = DARK, x: float = MARGIN, width: float = INNER,
    ) -> None:  # fmt: skip
        for line in self.lines(words, width, size=size, font=font):
            self.need(lead)
            self.y -= lead
            self.text(x, self.y + (lead - size) / 2, line, size=size, font=font, colour=colour)

    def need(self, height: float) -> None:
        """Start a new page unless ``height`` points still fit above the footer."""
        if self.y - height >= BOTTOM:
            return
        self.footer()
        self.c.showPage()
        self.page += 1
        self.y = TOP
        self.text(MARGIN, self.y - 10, f"{self.content.title} — {self.content.respondent_name}",
                  size=9, font=BOLD, colour=GREY)  # fmt: skip
        self.text(MARGIN, self.y - 21, "(continued)", size=8, colour=GREY)
        self.y -= 30

    def footer(self) -> None:
        c = self.c
        c.setStrokeColor(RULE)
        c.setLineWidth(0.5)
        c.line(MARGIN, MARGIN + 8, WIDTH - MARGIN, MARGIN + 8)
        self.text(MARGIN, MARGIN, self.content.hub_name, size=7.5, colour=GREY)
        c.setFont(REGULAR, 7.5)
        c.drawRightString(WIDTH - MARGIN, MARGIN, f"Page {self.page}")

    def finish(self) -> bytes:
        self.footer()
        self.c.showPage()
        self.c.save()
        return self.buffer.getvalue()


def _radio_row(
    pages: _Pages,
    name: str,
    values: Sequence[int],
    x: float,
    y: float,
    tooltip: str,
    *,
    numbers_above: bool,
) -> None:
    """One radio group: a circle per value at ``x`` + n × CELL, centred on line ``y``."""
    form = pages.c.acroForm
    for n, value in enumerate(values):
        cx = x + n * CELL + CELL / 2
        if numbers_above:
            pages.c.setFont(REGULAR, 7.5)
            pages.c.setFillColor(GREY)
            pages.c.drawCentredString(cx, y + CIRCLE / 2 + 3, str(value))
        form.radio(
            name=name,
            value=str(value),
            selected=False,
            buttonStyle="circle",
            shape="circle",
            size=CIRCLE,
            x=round(cx - CIRCLE / 2),
            y=round(y - CIRCLE / 2),
            borderColor=DARK,
            fillColor=colors.white,
            textColor=DARK,
            borderWidth=1,
            tooltip=tooltip,
            relative=False,
        )


def _scale_header(pages: _Pages, values: Sequence[int], x: float) -> None:
    """The numbers above the answer columns, repeated at the top of each page's statements."""
    pages.c.setFont(BOLD, 8.5)
    pages.c.setFillColor(DARK)
    for n, value in enumerate(values):
        pages.c.drawCentredString(x + n * CELL + CELL / 2, pages.y - 10, str(value))
    pages.y -= 16


def _statements(pages: _Pages, content: FormContent) -> None:
    low, high = content.scale
    values = list(range(low, high + 1))
    inline = len(values) <= INLINE_MAX
    pages.need(60)
    pages.y -= 8
    pages.paragraph("Statements", size=11.5, font=BOLD, lead=16)
    pages.paragraph(
        f"Mark one circle for each statement: {scale_words(low, high)}.", size=9, colour=GREY
    )
    columns_x = WIDTH - MARGIN - len(values) * CELL if inline else MARGIN + INDENT
    text_width = (columns_x - MARGIN - INDENT - 8) if inline else INNER - INDENT
    per_row = max(1, int((INNER - INDENT) // CELL))
    if inline:
        pages.y -= 4
        _scale_header(pages, values, columns_x)
    header_page = pages.page
    for number, item in enumerate(content.items, start=1):
        wrapped = pages.lines(item.text, text_width)
        text_h = len(wrapped) * LEAD
        if inline:
            height = max(text_h, CIRCLE) + 2 * PAD
        else:
            rows = -(-len(values) // per_row)
            height = text_h + rows * (CIRCLE + 14) + 2 * PAD + 3
        pages.need(height + (16 if inline else 0))
        if inline and pages.page != header_page:
            header_page = pages.page
            _scale_header(pages, values, columns_x)
        top = pages.y
        if number % 2 == 0:
            pages.c.setFillColor(SHADE)
            pages.c.rect(MARGIN - 3, top - height, INNER + 6, height, stroke=0, fill=1)
        first = top - PAD - LEAD / 2  # the middle of the first line
        pages.text(MARGIN, first - BODY * 0.35, f"{number}.", font=BOLD)
        for i, line in enumerate(wrapped):
            pages.text(MARGIN + INDENT, first - i * LEAD - BODY * 0.35, line)
        if inline:
            _radio_row(pages, f"item.{item.key}", values, columns_x, first, item.text,
                       numbers_above=False)  # fmt: skip
        else:
            y = top - PAD - text_h - CIRCLE / 2 - 13
            for start in range(0, len(values), per_row):
                _radio_row(pages, f"item.{item.key}", values[start : start + per_row],
                           columns_x, y, item.text, numbers_above=True)  # fmt: skip
                y -= CIRCLE + 14
        pages.y = top - height


def _objectives(pages: _Pages, content: FormContent) -> None:
    if not content.objectives:
        return
    low, high = OBJECTIVE_SCALE
    values = list(range(low, high + 1))
    pages.need(80)
    pages.y -= 12
    pages.paragraph("Objectives", size=11.5, font=BOLD, lead=16)
    pages.paragraph(
        f"How far was each objective achieved? Mark one circle: {low} = not at all … "
        f"{high} = fully.",
        size=9,
        colour=GREY,
    )
    x = MARGIN + INDENT
    for number, objective in enumerate(content.objectives, start=1):
        wrapped = pages.lines(objective, INNER - INDENT)
        height = len(wrapped) * LEAD + CIRCLE + 18
        pages.need(height)
        top = pages.y
        pages.text(MARGIN, top - LEAD + 3, f"O{number}", font=BOLD)
        for i, line in enumerate(wrapped):
            pages.text(x, top - (i + 1) * LEAD + 3, line)
        y = top - len(wrapped) * LEAD - CIRCLE / 2 - 11
        _radio_row(pages, f"objective.{number}", values, x, y, f"Objective {number}",
                   numbers_above=True)  # fmt: skip
        pages.y = top - height


def _textbox(
    pages: _Pages, name: str, tooltip: str, value: str, box: tuple[float, float, float, float],
    *, flags: str = "", maxlen: int = 100, font: tuple[str, int] = ("Helvetica", 10),
    border: colors.Color = DARK, text: colors.Color = DARK,
) -> None:  # fmt: skip
    """A text field with a visible border at ``box`` = (x, y, width, height)."""
    x, y, width, height = (round(v) for v in box)
    pages.c.acroForm.textfield(
        name=name, tooltip=tooltip, value=value, x=x, y=y, width=width, height=height,
        fieldFlags=flags, maxlen=maxlen, fontName=font[0], fontSize=font[1],
        borderColor=border, fillColor=colors.white, textColor=text, borderWidth=1,
        relative=False,
    )  # fmt: skip


def _text_boxes(pages: _Pages, content: FormContent) -> None:
    pages.need(COMMENTS_HEIGHT + 34)
    pages.y -= 10
    pages.paragraph("Comments", size=11.5, font=BOLD, lead=16)
    pages.text(MARGIN + 72, pages.y + 4, "anything you would like to add (optional)", size=9,
               colour=GREY)  # fmt: skip
    pages.y -= 4
    _textbox(pages, "comments", "Comments", "",
             (MARGIN, pages.y - COMMENTS_HEIGHT, INNER, COMMENTS_HEIGHT),
             flags="multiline doNotSpellCheck", maxlen=COMMENTS_MAX)  # fmt: skip
    pages.y -= COMMENTS_HEIGHT + 8
    pages.need(40)
    pages.text(MARGIN, pages.y - 15, "Date completed", font=BOLD, size=10)
    pages.text(MARGIN + 205, pages.y - 15, "day/month/year, e.g. 23/11/2026", size=8.5,
               colour=GREY)  # fmt: skip
    _textbox(pages, "completed_on", "Date completed (day/month/year)", "",
             (MARGIN + 95, pages.y - 21, 100, 20), maxlen=20)  # fmt: skip
    pages.y -= 34
    pages.need(42)
    pages.text(MARGIN, pages.y - 9, "Form reference (for the hub; please leave as it is)",
               size=7.5, colour=GREY)  # fmt: skip
    _textbox(pages, FIELD_NAME, "Form reference (read-only)", content.identity,
             (MARGIN, pages.y - 32, INNER, 20), flags="readOnly multiline", maxlen=400,
             font=("Helvetica", 6), border=RULE, text=GREY)  # fmt: skip
    pages.y -= 36


def _heading(pages: _Pages, content: FormContent) -> None:
    pages.paragraph(content.hub_name, size=15, font=BOLD, lead=19)
    pages.paragraph(content.title, size=13, font=BOLD, lead=18)
    pages.y -= 4
    role = content.practitioner_role
    dates = []
    if content.started_on:
        dates.append(f"started {format_date(content.started_on)}")
    if content.ended_on:
        dates.append(f"ended {format_date(content.ended_on)}")
    kind = content.relationship_kind.value.capitalize()
    lines = [
        f"{kind} relationship: {content.client_name} (client) with {content.practitioner_name} "
        f"({role})" + (f", {', '.join(dates)}" if dates else ""),
        f"To be completed by: {content.respondent_name}, the "
        f"{'client' if content.respondent_role == 'client' else role}",
    ]
    if content.due_on:
        lines.append(f"Due by: {format_date(content.due_on)}")
    for line in lines:
        pages.paragraph(line, size=10, lead=14)
    pages.y -= 6
    pages.paragraph(
        "Fill this form in on screen (Edge, Acrobat Reader, Preview or another PDF reader), "
        "save it and send it back to the hub; or print it, mark the circles, write in the "
        "boxes and return it on paper.",
        size=9,
        colour=GREY,
    )


def draw_form(content: FormContent) -> bytes:
    """The fillable PDF for one evaluation."""
    register_fonts()
    pages = _Pages(content)
    _heading(pages, content)
    _statements(pages, content)
    _objectives(pages, content)
    _text_boxes(pages, content)
    return pages.finish()
