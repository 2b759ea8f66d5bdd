"""What a write changed: one record broadcast to every view (Anki's OpChanges)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

T = TypeVar("T")

#: The kinds of record a Changes may name.
KINDS = (
    "person",
    "registration",
    "request",
    "relationship",
    "meeting",
    "evaluation",
    "cpd",
    "supervision",
    "learning",
    "template",
    "settings",
    "conflict",
    "headcount",
    "culture",
)


@dataclass(frozen=True)
class Changes:
    """The kinds and ids of records a write touched."""

    kinds: frozenset[str] = frozenset()
    ids: frozenset[str] = frozenset()

    @classmethod
    def of(cls, kind: str, *ids: str) -> Changes:
        return cls(frozenset({kind}), frozenset(ids))

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.kinds | other.kinds, self.ids | other.ids)

    def touches(self, *kinds: str) -> bool:
        return bool(self.kinds.intersection(kinds))

    @property
    def empty(self) -> bool:
        return not self.kinds


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """A write's result: the value it returns (a frozen dataclass) and what it changed."""

    value: T
    changes: Changes = field(default_factory=Changes)
