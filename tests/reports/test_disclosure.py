"""Disclosure control (SPEC 10): no ``*`` can be worked out from what the report prints."""

from __future__ import annotations

from itertools import product

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coachdesk.domain.equality import DISABILITY, ETHNICITY, REPORT_GROUPS, SEX
from coachdesk.services.reporting.disclosure import disclose, protected_table


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
