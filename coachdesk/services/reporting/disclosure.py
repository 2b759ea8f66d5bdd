"""NHS Digital's disclosure control for the equality report: 1–7 as ``*``, the rest to 5.

One function, :func:`protected_table`, turns one dimension's true counts into the rows the
report prints (and any screen would show). The rule (SPEC 10, HES/ECDS since September 2018):

- a count from 1 to 7 is printed ``*``; every other count — totals included — is rounded to
  the nearest 5 (0 stays 0, 8 and 12 print as 10);
- a rate or likelihood resting on a count of 1 to 7 is withheld; rates use the true counts.

Rounding alone does not always protect a ``*``: Female 8, Male 8 and Not stated 1 print as
10, 10, ``*`` and a total of 15, and as Female and Male are each at least 8 and the total at
most 17, Not stated can only be 1. A rate printed from true counts pins its row's counts
exactly, which narrows the room further. So each column is checked as a reader would attack
it — every printed cell as the range of true counts it allows, a printed rate as its counts
exactly — and when a ``*`` could be worked out, the column's total is withheld (printed
``c``), as is the total's rate whenever a ``*`` stands in its table.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from coachdesk.domain.equality import (
    NOT_STATED,
    REFERENCE_GROUP,
    REPORT_GROUPS,
    SUPPRESS_UP_TO,
    SUPPRESSED,
    AccessRow,
    is_suppressed,
    rate_per_thousand,
    relative_likelihood,
)

#: Every count that is not suppressed is printed to the nearest multiple of this.
ROUND_TO = 5
#: A total withheld because, with the other printed figures, it would reveal a ``*``.
WITHHELD = "c"
UNKNOWN = "—"
RESTS_ON_FEW = "rests on 1–7 people"
REVEALS = "would reveal a * by subtraction"


def rounded(count: int) -> int:
    """``count`` to the nearest multiple of 5 (a whole number is never half-way)."""
    return (count + ROUND_TO // 2) // ROUND_TO * ROUND_TO


def disclose(count: int | None) -> str:
    """A count as printed: ``*`` for 1–7, otherwise rounded to the nearest 5; ``—`` unknown."""
    if count is None:
        return UNKNOWN
    if is_suppressed(count):
        return SUPPRESSED
    return f"{rounded(count):,}"


def possible(printed: str) -> tuple[int, int] | None:
    """The least and greatest true count a reader can infer from a printed count.

    None for a count that is not printed at all (``c``, or ``—``: not part of the sum).
    """
    if printed == SUPPRESSED:
        return 1, SUPPRESS_UP_TO
    if printed in (WITHHELD, UNKNOWN):
        return None
    value = int(printed.replace(",", ""))
    if value == 0:
        return 0, 0
    return max(SUPPRESS_UP_TO + 1, value - ROUND_TO // 2), value + ROUND_TO // 2


def recoverable(cells: Sequence[tuple[int, int]], total: tuple[int, int] | None) -> bool:
    """Whether some cell printed ``*`` (range 1–7) is pinned to one value by the others and the
    total. ``cells`` are (least, greatest) true counts each printed cell allows."""
    if total is None:
        return False
    least, most = sum(lo for lo, _ in cells), sum(hi for _, hi in cells)
    for lo, hi in cells:
        if (lo, hi) != (1, SUPPRESS_UP_TO):
            continue
        can_lo = max(1, total[0] - (most - hi))
        can_hi = min(SUPPRESS_UP_TO, total[1] - (least - lo))
        if can_hi <= can_lo:
            return True
    return False


@dataclass(frozen=True)
class ProtectedTable:
    """One dimension's rows and total as printed."""

    rows: tuple[AccessRow, ...]
    total: AccessRow

    @property
    def clients_withheld(self) -> bool:
        return self.total.clients == WITHHELD

    @property
    def staff_withheld(self) -> bool:
        return self.total.staff == WITHHELD


def _column_cells(printed: Sequence[str], exact: Sequence[int | None]) -> list[tuple[int, int]]:
    """Each printed cell's range, or its true count where a printed rate gives it away."""
    cells = []
    for shown, known in zip(printed, exact, strict=True):
        span = possible(shown)
        if span is None:
            continue
        cells.append((known, known) if known is not None else span)
    return cells


def _total_range(shown: str, parts: Sequence[int]) -> tuple[int, int] | None:
    """What a reader can infer of a total from its printed value and, when the report also
    prints the parts it is the sum of (each organisation's staff), from those: the overlap."""
    span = possible(shown)
    spans = [possible(disclose(p)) for p in parts]
    if span is None or not spans or any(x is None for x in spans):
        return span
    least = sum(x[0] for x in spans if x is not None)
    most = sum(x[1] for x in spans if x is not None)
    return max(span[0], least), min(span[1], most)


def _safe_total(
    printed: Sequence[str],
    exact: Sequence[int | None],
    total: int | None,
    parts: Sequence[int] = (),
) -> str:
    shown = disclose(total)
    if SUPPRESSED in printed and recoverable(
        _column_cells(printed, exact), _total_range(shown, parts)
    ):
        return WITHHELD
    return shown


def protected_table(
    dimension: str,
    clients: Mapping[str, int],
    staff: Mapping[str, int],
    *,
    withhold_clients_total: bool = False,
    withhold_staff_total: bool = False,
    staff_parts: Sequence[int] = (),
) -> ProtectedTable:
    """Every group's line and the total, safe to print: counts by :func:`disclose`, rates and
    likelihoods from the true counts but only where no count they rest on is 1–7, and a total
    withheld when it would let a ``*`` be worked out (or when the caller says so, because the
    same total is withheld elsewhere in the report). ``staff_parts`` are the organisations'
    staff totals the report prints beside the table (rounded too): together they narrow what
    the staff total can be, so the check reads them as well."""
    groups = REPORT_GROUPS[dimension]
    reference = REFERENCE_GROUP[dimension]
    rates: dict[str, float | None] = {}
    reasons: dict[str, str] = {}
    for group, _ in groups:
        n, headcount = clients.get(group, 0), staff.get(group)
        if is_suppressed(n) or is_suppressed(headcount):
            rates[group], reasons[group] = None, RESTS_ON_FEW
        elif not headcount:
            rates[group], reasons[group] = None, "no staff headcount"
        else:
            rates[group], reasons[group] = rate_per_thousand(n, headcount), ""
    client_cells = [disclose(clients.get(g, 0)) for g, _ in groups]
    staff_cells = [disclose(staff.get(g)) for g, _ in groups]
    # A printed rate is a reader's way to the row's true counts: treat them as known.
    exact_clients = [clients.get(g, 0) if rates[g] is not None else None for g, _ in groups]
    exact_staff = [staff.get(g) if rates[g] is not None else None for g, _ in groups]
    n_total = sum(clients.get(g, 0) for g, _ in groups)
    known = [staff[g] for g, _ in groups if g in staff]
    staff_total = sum(known) if known else None
    total_clients = (
        WITHHELD if withhold_clients_total else _safe_total(client_cells, exact_clients, n_total)
    )
    total_staff = (
        WITHHELD
        if withhold_staff_total and staff_total is not None
        else _safe_total(staff_cells, exact_staff, staff_total, staff_parts)
    )
    ref_rate = rates.get(reference)
    rows = []
    for (group, label), shown_clients, shown_staff in zip(
        groups, client_cells, staff_cells, strict=True
    ):
        rate, why = rates[group], reasons[group]
        likelihood = None
        if group == reference:
            likelihood = 1.0 if rate else None
        elif group != NOT_STATED and rate is not None:
            if ref_rate is None:
                why = "reference group " + (
                    RESTS_ON_FEW if reasons[reference] else "has no clients"
                )
            else:
                likelihood = relative_likelihood(rate, ref_rate)
        rows.append(
            AccessRow(
                group, label, shown_clients, shown_staff, rate, likelihood, group == reference, why
            )
        )
    hidden = SUPPRESSED in (*client_cells, *staff_cells, total_clients, total_staff)
    if is_suppressed(n_total) or is_suppressed(staff_total):
        total_rate, total_why = None, RESTS_ON_FEW
    elif hidden or WITHHELD in (total_clients, total_staff):
        total_rate, total_why = None, REVEALS
    else:
        total_rate, total_why = rate_per_thousand(n_total, staff_total), ""
    total = AccessRow(
        "all", "All staff", total_clients, total_staff, total_rate, None, False, total_why
    )
    return ProtectedTable(tuple(rows), total)
