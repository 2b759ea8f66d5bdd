"""Fillable evaluation forms (SPEC 11): written per due or missing evaluation, read back."""

from __future__ import annotations

from coachdesk.services.evaluation_forms.incoming import (
    FormOutcome,
    FormsImport,
    import_form,
    import_form_file,
    import_form_files,
)
from coachdesk.services.evaluation_forms.outgoing import (
    EVALUATION_RULES,
    FormFile,
    FormsWritten,
    form_for_alert,
    write_form_for,
    write_forms,
)

__all__ = [
    "EVALUATION_RULES",
    "FormFile",
    "FormOutcome",
    "FormsImport",
    "FormsWritten",
    "form_for_alert",
    "import_form",
    "import_form_file",
    "import_form_files",
    "write_form_for",
    "write_forms",
]
