"""Filling coachdesk's evaluation forms as a person's PDF reader would: with pypdf, a third party."""

from __future__ import annotations

import io
from collections.abc import Mapping

from pypdf import PdfReader, PdfWriter


def field_values(pdf: bytes) -> dict[str, object]:
    """Every form field's current value, by name."""
    fields = PdfReader(io.BytesIO(pdf)).get_fields() or {}
    return {name: f.get("/V") for name, f in fields.items()}


def radio_choices(pdf: bytes) -> dict[str, list[str]]:
    """Each radio group's export values, as a reader offers them (without the leading /)."""
    fields = PdfReader(io.BytesIO(pdf)).get_fields() or {}
    return {
        name: [str(s).lstrip("/") for s in f.get("/_States_", []) if str(s) != "/Off"]
        for name, f in fields.items()
        if f.get("/FT") == "/Btn"
    }


def fill(
    pdf: bytes,
    answers: Mapping[str, str],
    *,
    completed_on: str = "",
    comments: str = "",
    extra: Mapping[str, str] | None = None,
) -> bytes:
    """The form with radio groups set (``{"item.confidence": "4"}``), the date and comments
    typed, saved as a reader saves it (pypdf regenerating the appearances)."""
    writer = PdfWriter(clone_from=io.BytesIO(pdf))
    values: dict[str, str] = {name: f"/{value}" for name, value in answers.items()}
    if completed_on:
        values["completed_on"] = completed_on
    if comments:
        values["comments"] = comments
    values.update(extra or {})
    for page in writer.pages:
        writer.update_page_form_field_values(page, values, auto_regenerate=True)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def answer_all(pdf: bytes, value: str = "4", objective: str = "7") -> dict[str, str]:
    """An answer for every statement and objective of the form."""
    return {
        name: (objective if name.startswith("objective.") else value) for name in radio_choices(pdf)
    }
