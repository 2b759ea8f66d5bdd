"""Impact arithmetic (SPEC 4): mean change per questionnaire item between paired evaluations."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

#: Answers of one evaluation: item key -> rating.
Answers = Mapping[str, object]


@dataclass(frozen=True, slots=True)
class Change:
    """The change in one item over ``pairs`` relationships that answered it both times."""

    pairs: int
    before: float | None  # mean earlier rating over the pairs (None when there are none)
    after: float | None  # mean later rating over the same pairs

    @property
    def mean(self) -> float | None:
        """Mean change (later − earlier); equal to the mean of the per-pair differences."""
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


@dataclass(frozen=True, slots=True)
class ItemImpact:
    """One questionnaire item: its change pre → post and pre → follow-up."""

    key: str
    text: str
    post: Change
    follow_up: Change


@dataclass(frozen=True, slots=True)
class Attainment:
    """Objective attainment (0–10) given at one kind of evaluation."""

    evaluations: int  # evaluations that rated at least one objective
    ratings: int  # objectives rated, over all of them
    mean: float | None


def _rating(value: object) -> int | None:
    """A usable rating: a whole number (True/False and blanks are not ratings)."""
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value


def mean_change(pairs: Iterable[tuple[int, int]]) -> Change:
    """The mean of each side over (earlier, later) pairs."""
    pairs = list(pairs)
    if not pairs:
        return Change(0, None, None)
    n = len(pairs)
    return Change(n, sum(b for b, _ in pairs) / n, sum(a for _, a in pairs) / n)


def item_pairs(
    key: str,
    earlier: Mapping[str, Answers],
    later: Mapping[str, Answers],
    both: Iterable[str] | None = None,
) -> list[tuple[int, int]]:
    """(earlier, later) ratings of ``key`` for every relationship id that has both.

    ``both`` (the ids in both mappings) may be passed in when many items share it.
    """
    ids = both if both is not None else earlier.keys() & later.keys()
    out = []
    for rel_id in ids:
        before = _rating(earlier[rel_id].get(key))
        after = _rating(later[rel_id].get(key))
        if before is not None and after is not None:
            out.append((before, after))
    return out


def item_impacts(
    items: Sequence[tuple[str, str]],
    pre: Mapping[str, Answers],
    post: Mapping[str, Answers],
    follow_up: Mapping[str, Answers],
) -> tuple[ItemImpact, ...]:
    """For each (key, text) item, the change pre → post and pre → follow-up.

    ``pre``, ``post`` and ``follow_up`` map a relationship id to that evaluation's answers; a
    relationship counts for an item only when both evaluations answer it.
    """
    with_post = sorted(pre.keys() & post.keys())
    with_follow_up = sorted(pre.keys() & follow_up.keys())
    return tuple(
        ItemImpact(
            key,
            text,
            mean_change(item_pairs(key, pre, post, with_post)),
            mean_change(item_pairs(key, pre, follow_up, with_follow_up)),
        )
        for key, text in items
    )


def paired(earlier: Mapping[str, Answers], later: Mapping[str, Answers]) -> int:
    """How many relationships have both evaluations."""
    return len(earlier.keys() & later.keys())


def attainment(ratings: Iterable[Sequence[object]]) -> Attainment:
    """Mean objective attainment over every objective rated in the given evaluations."""
    evaluations = 0
    values: list[int] = []
    for one in ratings:
        usable = [r for r in (_rating(v) for v in one) if r is not None]
        if usable:
            evaluations += 1
            values.extend(usable)
    mean = sum(values) / len(values) if values else None
    return Attainment(evaluations, len(values), mean)
