"""What a write changed: one record broadcast to every view (Anki's OpChanges)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Generic, TypeVar

T = TypeVar("T")


class RecordKind(StrEnum):
    """The kinds of record a Changes may name (a misspelt kind is a type error, not a no-op)."""

    PERSON = "person"
    REGISTRATION = "registration"
    REQUEST = "request"
    RELATIONSHIP = "relationship"
    MEETING = "meeting"
    EVALUATION = "evaluation"
    CPD = "cpd"
    SUPERVISION = "supervision"
    LEARNING = "learning"
    TEMPLATE = "template"
    SETTINGS = "settings"
    CONFLICT = "conflict"
    HEADCOUNT = "headcount"
    CULTURE = "culture"


@dataclass(frozen=True)
class Changes:
    """The kinds and ids of records a write touched."""

    kinds: frozenset[RecordKind] = frozenset()
    ids: frozenset[str] = frozenset()

    @classmethod
    def of(cls, kind: RecordKind, *ids: str) -> Changes:
        return cls(frozenset({kind}), frozenset(ids))

    @classmethod
    def of_kinds(cls, *kinds: RecordKind, ids: frozenset[str] = frozenset()) -> Changes:
        return cls(frozenset(kinds), ids)

    @classmethod
    def everything(cls) -> Changes:
        """Every kind (a new day, a restored or switched database): every view reloads."""
        return cls(frozenset(RecordKind))

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.kinds | other.kinds, self.ids | other.ids)

    def touches(self, *kinds: RecordKind) -> bool:
        return bool(self.kinds.intersection(kinds))

    @property
    def empty(self) -> bool:
        return not self.kinds


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """A write's result: the value it returns (a frozen dataclass) and what it changed."""

    value: T
    changes: Changes = field(default_factory=Changes)
