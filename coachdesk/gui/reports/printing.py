"""Printing a report: the PDF file itself goes to the system's print path (CUPS, or Windows)."""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from coachdesk.domain.words import plural
from coachdesk.errors import UserError

#: How long the print system may take to accept a job before the lead is told.
SUBMIT_TIMEOUT_S = 60
NO_PRINT_SYSTEM = (
    "This computer has no printing system that coachdesk can use, so nothing was printed. "
    "Save the report as a PDF and print it from your PDF reader."
)
NO_PRINTER = (
    "No printer is set up on this computer, so nothing was printed. Add a printer in the "
    "system's printer settings, or save the report as a PDF and print it from your PDF reader."
)


@dataclass(frozen=True)
class PrintJob:
    """What the lead chose: a printer (None: the system's default), copies and pages."""

    title: str
    printer: str | None = None
    copies: int = 1
    first_page: int | None = None
    last_page: int | None = None

    def pages(self) -> str | None:
        """``"2-5"`` for a page range, None for every page."""
        if self.first_page is None or self.last_page is None:
            return None
        return f"{self.first_page}-{self.last_page}"


def print_command(
    path: Path, job: PrintJob, which: Callable[[str], str | None] = shutil.which
) -> list[str]:
    """The CUPS ``lp`` command (or BSD ``lpr``) that prints ``path`` as ``job`` asks.

    Both take the PDF as it is: the pages reach the printer as text and vector drawings."""
    lp = which("lp")
    if lp is not None:
        command = [lp, "-t", job.title, "-n", str(job.copies)]
        if job.printer:
            command += ["-d", job.printer]
        if job.pages():
            command += ["-o", f"page-ranges={job.pages()}"]
        return [*command, "--", str(path)]
    lpr = which("lpr")
    if lpr is not None:
        command = [lpr, "-T", job.title, f"-#{job.copies}"]
        if job.printer:
            command += ["-P", job.printer]
        if job.pages():
            command += ["-o", f"page-ranges={job.pages()}"]
        return [*command, str(path)]
    raise UserError(NO_PRINT_SYSTEM)


def send_pdf(pdf: bytes, file_name: str, job: PrintJob) -> str:
    """Hand the report's PDF to the print system; returns what to tell the lead.

    On Windows the PDF goes to the default printer through the shell's "print" verb (the
    lead's PDF reader prints it); elsewhere ``lp``/``lpr`` spool it to CUPS."""
    folder = Path(tempfile.mkdtemp(prefix="coachdesk-print-"))
    path = folder / file_name
    path.write_bytes(pdf)
    if sys.platform == "win32":
        # The PDF reader opens the file after this returns: it is removed when the app ends.
        atexit.register(shutil.rmtree, folder, True)
        try:
            os.startfile(str(path), "print")
        except OSError as exc:
            raise UserError(
                "Windows could not print the report: no program is set up to print PDF files "
                f"({exc.strerror or exc}). Save the report as a PDF and print it from your PDF "
                "reader."
            ) from exc
        return "Sent the report to the default printer."
    try:
        return _spool(path, job)
    finally:
        shutil.rmtree(folder, ignore_errors=True)  # the print system has its own copy


def _spool(path: Path, job: PrintJob) -> str:
    command = print_command(path, job)
    try:
        done = subprocess.run(  # noqa: S603 - our own arguments, no shell
            command,
            capture_output=True,
            text=True,
            timeout=SUBMIT_TIMEOUT_S,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise UserError(
            "The printing system did not answer, so the report may not have been printed. "
            "Check the printer, then try again."
        ) from exc
    except OSError as exc:
        raise UserError(f"{NO_PRINT_SYSTEM} ({exc.strerror or exc})") from exc
    if done.returncode != 0:
        said = (done.stderr or done.stdout).strip().splitlines()
        reason = said[-1] if said else ""
        if not job.printer and any(
            words in reason.lower() for words in ("no default destination", "no default printer")
        ):
            raise UserError(NO_PRINTER)
        raise UserError(
            "The printer did not accept the report, so nothing was printed"
            + (f". The printing system said: “{reason}”" if reason else "")
            + "."
        )
    where = f"the printer {job.printer}" if job.printer else "the default printer"
    copies = f" ({plural(job.copies, 'copy', 'copies')})" if job.copies > 1 else ""
    return f"Sent the report to {where}{copies}."
