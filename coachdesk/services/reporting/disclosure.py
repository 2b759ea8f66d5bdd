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

from collections.abc import Collection, Hashable, Mapping, Sequence
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
    withhold_rates: Collection[str] = (),
    withhold_total_rate: bool = False,
) -> ProtectedTable:
    """Every group's line and the total, safe to print: counts by :func:`disclose`, rates and
    likelihoods from the true counts but only where no count they rest on is 1–7, and a total
    withheld when it would let a ``*`` be worked out (or when the caller says so, because the
    same total is withheld elsewhere in the report). ``staff_parts`` are the organisations'
    staff totals the report prints beside the table (rounded too): together they narrow what
    the staff total can be, so the check reads them as well. ``withhold_rates`` (groups) and
    ``withhold_total_rate`` are rates that, with another table, would give a ``*`` away
    (:func:`protected_tables`)."""
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
        elif group in withhold_rates:
            rates[group], reasons[group] = None, REVEALS
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
                why = "reference group: " + (reasons[reference] or "has no clients")
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
    elif hidden or withhold_total_rate or WITHHELD in (total_clients, total_staff):
        total_rate, total_why = None, REVEALS
    else:
        total_rate, total_why = rate_per_thousand(n_total, staff_total), ""
    total = AccessRow(
        "all", "All staff", total_clients, total_staff, total_rate, None, False, total_why
    )
    return ProtectedTable(tuple(rows), total)


# ---------------------------------------------------------------------------------------------
# Tables that count the same people


@dataclass(frozen=True)
class TableInput:
    """One dimension's true counts, and which people it counts (tables with the same
    ``population`` count the same clients: their totals are one number)."""

    clients: Mapping[str, int]
    staff: Mapping[str, int]
    staff_parts: Sequence[int] = ()
    population: Hashable = None


def clients_known(table: ProtectedTable, clients: Mapping[str, int]) -> tuple[int, int]:
    """The least and greatest total of clients a reader can infer from one printed table: its
    rows (a row with a printed rate exactly), its printed total, and the total's rate (which
    gives the total exactly)."""
    true_total = sum(clients.get(r.group, 0) for r in table.rows)
    if table.total.rate is not None:
        return true_total, true_total
    least = most = 0
    for row in table.rows:
        span = (clients.get(row.group, 0),) * 2 if row.rate is not None else possible(row.clients)
        assert span is not None  # a group's clients are always printed (a count or *)
        least, most = least + span[0], most + span[1]
    printed = possible(table.total.clients)
    if printed is not None:
        least, most = max(least, printed[0]), min(most, printed[1])
    return least, most


def _pinned(table: ProtectedTable, clients: Mapping[str, int], known: tuple[int, int]) -> bool:
    printed = [r.clients for r in table.rows]
    exact = [clients.get(r.group, 0) if r.rate is not None else None for r in table.rows]
    return SUPPRESSED in printed and recoverable(_column_cells(printed, exact), known)


def protected_tables(inputs: Mapping[str, TableInput]) -> dict[str, ProtectedTable]:
    """Every dimension's table, safe to print together. Tables of the same people share one
    total of clients: what one table gives away about it (every row with a printed rate, or
    the total's rate) a reader uses in another, so a ``*`` there could be worked out. While one
    could, rates are withheld — first the total's rate in the other tables, then, in the
    table with the ``*``, its smallest rated group, then every rate in the other tables — and
    a total withheld in one table is withheld in all."""
    first = {
        d: protected_table(d, i.clients, i.staff, staff_parts=i.staff_parts)
        for d, i in inputs.items()
    }
    hide_clients = any(t.clients_withheld for t in first.values())
    hide_staff = any(t.staff_withheld for t in first.values())
    rates_off: dict[str, set[str]] = {d: set() for d in inputs}
    total_rate_off: set[str] = set()

    def build() -> dict[str, ProtectedTable]:
        return {
            d: protected_table(
                d,
                i.clients,
                i.staff,
                withhold_clients_total=hide_clients,
                withhold_staff_total=hide_staff,
                staff_parts=i.staff_parts,
                withhold_rates=rates_off[d],
                withhold_total_rate=d in total_rate_off,
            )
            for d, i in inputs.items()
        }

    tables = build()
    for _ in range(sum(len(REPORT_GROUPS[d]) + 1 for d in inputs) + 1):
        if not _withhold_more(inputs, tables, rates_off, total_rate_off):
            break
        tables = build()
    return tables


def _withhold_more(
    inputs: Mapping[str, TableInput],
    tables: Mapping[str, ProtectedTable],
    rates_off: dict[str, set[str]],
    total_rate_off: set[str],
) -> bool:
    """One more rate withheld where a ``*`` could be worked out across tables; False when
    none can (or nothing is left to withhold)."""
    for d, table in tables.items():
        mates = [e for e in inputs if e != d and inputs[e].population == inputs[d].population]
        if not mates:
            continue
        least, most = clients_known(table, inputs[d].clients)
        for e in mates:
            lo, hi = clients_known(tables[e], inputs[e].clients)
            least, most = max(least, lo), min(most, hi)
        if not _pinned(table, inputs[d].clients, (least, most)):
            continue
        totals = [e for e in mates if tables[e].total.rate is not None]
        if totals:
            total_rate_off.update(totals)
            return True
        # A group with no clients prints 0 whether or not its rate shows: only the others'
        # rates tell a reader more than the printed count.
        rated = sorted(
            (r for r in table.rows if r.rate is not None and inputs[d].clients.get(r.group)),
            key=lambda r: (r.is_reference, inputs[d].clients.get(r.group, 0)),
        )
        if rated:
            rates_off[d].add(rated[0].group)
            return True
        others = [
            (e, r.group)
            for e in mates
            for r in tables[e].rows
            if r.rate is not None and inputs[e].clients.get(r.group)
        ]
        if others:
            for e, group in others:
                rates_off[e].add(group)
            return True
    return False
