"""Counting words for the lead: "1 row has a problem", "3 rows have problems", "1,204 people"."""

from __future__ import annotations


def number(count: float) -> str:
    """``7``, ``1,204``, ``1.5`` (thousands separated, no trailing ``.0``)."""
    if float(count).is_integer():
        return f"{int(count):,}"
    return f"{count:,g}"


def plural(count: float, word: str, many: str | None = None) -> str:
    """``1 row``, ``3 rows``, ``1 person``/``2 people`` (``many`` when the plural is irregular)."""
    return f"{number(count)} {word if count == 1 else many or word + 's'}"


def agree(count: float, one: str, many: str) -> str:
    """The word that agrees with ``count``: ``agree(1, "has", "have")`` is ``has``."""
    return one if count == 1 else many


def counted(count: float, word: str, verb_one: str, verb_many: str, many: str | None = None) -> str:
    """``1 row has``, ``2 rows have`` — the count, its noun and its verb agreeing."""
    return f"{plural(count, word, many)} {agree(count, verb_one, verb_many)}"
