"""Disclosure control (SPEC 10): no ``*`` can be worked out from what the report prints."""

from __future__ import annotations

from dataclasses import replace
from itertools import product

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coachdesk.domain.equality import DISABILITY, ETHNICITY, REPORT_GROUPS, SEX
from coachdesk.services.reporting.disclosure import (
    TableInput,
    disclose,
    protected_table,
    protected_tables,
)


def _by_group(table):
    return {r.group: r for r in table.rows}


def test_counts_print_as_stars_or_to_the_nearest_five() -> None:
    printed = [disclose(n) for n in (0, 1, 7, 8, 12, 13, 17, 18, 1198, None)]
    assert printed == ["0", "*", "*", "10", "10", "15", "15", "20", "1,200", "—"]


def test_the_issue_example_no_longer_gives_away_not_stated() -> None:
    """Female 16 + Male 9 of All 29 printed Not stated's 4 by subtraction."""
    table = protected_table(SEX, {"female": 16, "male": 9, "not_stated": 4}, {})
    rows = _by_group(table)
    assert (rows["female"].clients, rows["male"].clients, rows["not_stated"].clients) == (
        "15",
        "10",
        "*",
    )
    assert table.total.clients == "30"  # 29 rounded: Not stated could be 3 to 7


def test_a_total_that_would_pin_a_star_is_withheld() -> None:
    """10 + 10 + * of 15: each 10 is at least 8, 15 at most 17, so * could only be 1."""
    table = protected_table(SEX, {"female": 8, "male": 8, "not_stated": 1}, {})
    assert [r.clients for r in table.rows] == ["10", "10", "*"]
    assert table.total.clients == "c"


def test_organisations_staff_totals_printed_beside_the_table_are_read_too() -> None:
    """Female staff 3,603 (her rate gives it away), Male *; the total 3,604 prints 3,605
    (Male 1 to 4). The two trusts' totals, 1,602 and 2,002, print 1,600 and 2,000: together at
    most 3,604, which leaves Male only 1. So the staff total is withheld."""
    clients, staff = {"female": 20, "male": 0}, {"female": 3603, "male": 1}
    alone = protected_table(SEX, clients, staff)
    assert _by_group(alone)["male"].staff == "*" and alone.total.staff == "3,605"
    beside = protected_table(SEX, clients, staff, staff_parts=[1602, 2002])
    assert beside.total.staff == "c"


def test_rates_come_from_true_counts_and_never_rest_on_one_to_seven() -> None:
    clients = {"white": 40, "black": 10, "asian": 24, "mixed": 0, "other": 9, "not_stated": 12}
    staff = {"white": 4000, "black": 2000, "asian": 1200, "mixed": 100, "other": 300}
    table = protected_table(ETHNICITY, clients, staff)
    rows = _by_group(table)
    assert rows["asian"].clients == "25" and rows["asian"].rate == pytest.approx(20.0)
    assert rows["white"].likelihood == pytest.approx(1.0) and rows["white"].is_reference
    assert rows["black"].likelihood == pytest.approx(0.5)
    assert rows["other"].clients == "10" and rows["other"].rate == pytest.approx(30.0)
    assert rows["mixed"].clients == "0" and rows["mixed"].likelihood == 0.0
    assert rows["not_stated"].withheld == "no staff headcount"
    assert table.total.clients == "95" and table.total.staff == "7,600"
    assert table.total.rate == pytest.approx(95 * 1000 / 7600)
    few = protected_table(
        DISABILITY, {"yes": 5, "no": 30}, {"yes": 600, "no": 3000, "not_stated": 7}
    )
    rows = _by_group(few)
    assert rows["yes"].clients == "*" and rows["yes"].rate is None
    assert rows["yes"].withheld == "rests on 1–7 people"
    assert rows["not_stated"].staff == "*"
    assert few.total.rate is None  # the total's true rate, less the others', would give it away
    small_reference = _by_group(
        protected_table(SEX, {"female": 50, "male": 3}, {"female": 5000, "male": 900})
    )
    assert small_reference["female"].likelihood is None
    assert "reference group" in small_reference["female"].withheld


# --- the property ------------------------------------------------------------------------------
# What a reader can infer, written from SPEC 10's words (not from the code under test): "*" is a
# count from 1 to 7; "0" is none; any other number N is a count of 8 or more that rounds to N
# (N - 2 to N + 2); "—" is not part of the column; "c" says nothing. A rate printed for a row
# is taken as giving away that row's true counts (it is worked out from them).


def _readable(cell: str, true: int | None, rate_printed: bool) -> set[int] | None:
    if cell == "—":
        return None
    if rate_printed:
        assert true is not None
        return {true}
    if cell == "*":
        return set(range(1, 8))
    if cell == "c":
        return set(range(0, 10**7))  # anything at all (only used for the total)
    n = int(cell.replace(",", ""))
    return {0} if n == 0 else {v for v in range(n - 2, n + 3) if v >= 8}


def _sums(sets: list[set[int]]) -> set[int]:
    out = {0}
    for s in sets:
        out = {a + b for a, b in product(out, s)}
    return out


def _column_is_safe(
    cells: list[str],
    trues: list[int | None],
    rated: list[bool],
    total: str,
    true_total: int,
    parts: tuple[str, ...] = (),
) -> None:
    readable = [_readable(c, t, r) for c, t, r in zip(cells, trues, rated, strict=True)]
    for cell, true, values in zip(cells, trues, readable, strict=True):
        if values is not None:
            assert true in values, f"{cell} does not honestly print {true}"
    if total == "c":
        return  # nothing ties the cells together
    totals = _readable(total, true_total, False)
    assert totals is not None and true_total in totals
    if parts:  # the organisations' totals, printed beside the table, add up to it too
        totals &= _sums([_readable(p, None, False) or set() for p in parts])
    for j, cell in enumerate(cells):
        if cell != "*":
            continue
        others = _sums([v for i, v in enumerate(readable) if i != j and v is not None])
        could_be = {h for h in range(1, 8) if any(h + s in totals for s in others)}
        assert trues[j] in could_be
        assert len(could_be) >= 2, f"{cells} of {total}: * is {could_be}"


small = st.one_of(st.integers(0, 20), st.integers(0, 60))
headcounts = st.one_of(st.integers(0, 20), st.integers(0, 9000))


@settings(max_examples=400, deadline=None)
@given(dimension=st.sampled_from([ETHNICITY, SEX, DISABILITY]), data=st.data())
def test_no_hidden_count_can_be_recovered_from_cells_and_totals(dimension, data) -> None:
    groups = [g for g, _ in REPORT_GROUPS[dimension]]
    clients = {g: data.draw(small, label=f"clients {g}") for g in groups}
    staff = {
        g: data.draw(headcounts, label=f"staff {g}") for g in groups if data.draw(st.booleans())
    }
    # Each group's staff split between one to three organisations, whose totals are printed.
    n_orgs = data.draw(st.integers(1, 3), label="organisations")
    org_totals = [0] * n_orgs
    for g, n in staff.items():
        cuts = sorted(data.draw(st.integers(0, n), label=f"{g} cut") for _ in range(n_orgs - 1))
        for i, (lo, hi) in enumerate(zip([0, *cuts], [*cuts, n], strict=True)):
            org_totals[i] += hi - lo
    assert sum(org_totals) == sum(staff.values())
    table = protected_table(dimension, clients, staff, staff_parts=org_totals if staff else ())
    rows = _by_group(table)
    rated = [rows[g].rate is not None for g in groups]
    _column_is_safe(
        [rows[g].clients for g in groups],
        [clients[g] for g in groups],
        rated,
        table.total.clients,
        sum(clients.values()),
    )
    if staff:
        _column_is_safe(
            [rows[g].staff for g in groups],
            [staff.get(g) for g in groups],
            rated,
            table.total.staff,
            sum(staff.values()),
            () if table.total.staff == "c" else tuple(disclose(t) for t in org_totals),
        )
    if table.total.rate is not None:  # a total's true rate is only printed with no * beside it
        assert "*" not in [rows[g].clients for g in groups] + [rows[g].staff for g in groups]


# --- tables of the same people ------------------------------------------------------------------


def test_a_total_given_away_by_one_table_does_not_reveal_a_star_in_another() -> None:
    """Sex: Female 20 and Male 12 with their rates, Not stated 0: 32 clients exactly. Ethnicity:
    White 28 with its rate, Not stated *: 32 - 28 would be 4."""
    sex = TableInput({"female": 20, "male": 12}, {"female": 3000, "male": 1000}, population=1)
    ethnic = TableInput({"white": 28, "not_stated": 4}, {"white": 3500, "asian": 500}, population=1)
    alone = protected_table(ETHNICITY, ethnic.clients, ethnic.staff)
    assert _by_group(alone)["white"].rate is not None  # on its own, 30 leaves * at 1 to 4
    tables = protected_tables({SEX: sex, ETHNICITY: ethnic})
    rows = _by_group(tables[ETHNICITY])
    assert rows["not_stated"].clients == "*"
    assert tables[SEX].total.rate is None
    assert (
        rows["white"].rate is None and rows["white"].withheld == "would reveal a * by subtraction"
    )
    assert rows["asian"].rate == 0.0  # no clients: its 0 tells no more with the rate
    # Tables of other organisations' clients count other people: nothing is withheld for them.
    apart = protected_tables({SEX: sex, ETHNICITY: replace(ethnic, population=2)})
    assert _by_group(apart[ETHNICITY])["white"].rate is not None


def _partition(data, groups: list[str], total: int, label: str) -> dict[str, int]:
    cuts = sorted(data.draw(st.integers(0, total), label=f"{label} cut") for _ in groups[1:])
    return {g: hi - lo for g, lo, hi in zip(groups, [0, *cuts], [*cuts, total], strict=True)}


def _knowable_totals(table, clients: dict[str, int]) -> set[int]:
    """The totals of clients a reader could hold true from one printed table (SPEC 10's
    words, as above): its rows' sums within its printed total, or exactly by the total's rate."""
    true_total = sum(clients.values())
    if table.total.rate is not None:
        return {true_total}
    rows = [_readable(r.clients, clients.get(r.group, 0), r.rate is not None) for r in table.rows]
    sums = _sums([v for v in rows if v is not None])
    printed = _readable(table.total.clients, true_total, False)
    return sums & printed if printed is not None else sums


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_no_star_can_be_worked_out_with_the_other_tables_of_the_same_people(data) -> None:
    total = data.draw(st.one_of(st.integers(0, 20), st.integers(0, 60)), label="clients")
    inputs = {}
    for d in (ETHNICITY, SEX, DISABILITY):
        groups = [g for g, _ in REPORT_GROUPS[d]]
        staff = {g: data.draw(headcounts, label=f"{d} staff {g}") for g in groups[:-1]}
        inputs[d] = TableInput(_partition(data, groups, total, d), staff, population="hub")
    tables = protected_tables(inputs)
    known = set.intersection(
        *(_knowable_totals(tables[d], dict(i.clients)) for d, i in inputs.items())
    )
    assert total in known
    for d, table in tables.items():
        clients = inputs[d].clients
        readable = [
            _readable(r.clients, clients.get(r.group, 0), r.rate is not None) for r in table.rows
        ]
        for j, row in enumerate(table.rows):
            if row.clients != "*":
                continue
            others = _sums([v for i, v in enumerate(readable) if i != j and v is not None])
            could_be = {h for h in range(1, 8) if any(h + s in known for s in others)}
            assert len(could_be) >= 2, f"{d} {row.group}: * is {could_be}"
