"""Who works with whom, and when: practitioner slots (capacity) and a queue of clients."""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable
from datetime import date, timedelta

from coachdesk.services.demo.builder import Builder, Made, Plan
from coachdesk.services.exchange.types import PersonRecord


class ClientQueue:
    """Clients ordered by the day they are free for a new relationship (then by arrival)."""

    def __init__(self, clients: Iterable[PersonRecord], free_from: date) -> None:
        self._heap = [(free_from, i, c) for i, c in enumerate(clients)]
        heapq.heapify(self._heap)
        self._order = len(self._heap)

    def __len__(self) -> int:
        return len(self._heap)

    def take(self, day: date, practitioner: PersonRecord, look: int = 8) -> PersonRecord:
        """A free client, preferably from another organisation than the practitioner's."""
        skipped: list[tuple[date, int, PersonRecord]] = []
        chosen = None
        fallback = None
        while self._heap and len(skipped) < look:
            item = heapq.heappop(self._heap)
            client = item[2]
            if client["email"] == practitioner["email"]:
                skipped.append(item)
                continue
            if fallback is None:
                fallback = item
            if item[0] <= day and client["organisation"] != practitioner["organisation"]:
                chosen = item
                break
            skipped.append(item)
        if chosen is None:
            if fallback is None:
                raise RuntimeError("no client available")
            chosen = fallback
            skipped.remove(fallback)
        for item in skipped:
            heapq.heappush(self._heap, item)
        return chosen[2]

    def release(self, client: PersonRecord, day: date) -> None:
        self._order += 1
        heapq.heappush(self._heap, (day, self._order, client))


class SlotBook:
    """Each practitioner's capacity as slots, each free from a day: one open relationship each."""

    def __init__(self) -> None:
        self._slots: dict[tuple[str, str], list[date]] = {}
        self._people: dict[str, PersonRecord] = {}
        self._order: list[tuple[str, str]] = []

    def add(self, practitioner: PersonRecord, kind: str, capacity: int, free_from: date) -> None:
        key = (practitioner["email"], kind)
        self._slots[key] = [free_from] * capacity
        self._people[practitioner["email"]] = practitioner
        self._order.append(key)

    def has(self, practitioner: PersonRecord, kind: str) -> bool:
        return (practitioner["email"], kind) in self._slots

    def book(self, practitioner: PersonRecord, made: Made, rest: int) -> None:
        """Mark the earliest free slot busy until the relationship (plus a rest) is over."""
        slots = self._slots.get((practitioner["email"], made.record["kind"]))
        if not slots:
            return  # not a practitioner the scheduler fills
        i = min(range(len(slots)), key=lambda n: slots[n])
        slots[i] = made.busy_until + timedelta(days=rest)

    def heaps(self) -> dict[str, list[tuple[date, int, str]]]:
        """Per relationship kind, a heap of (free from, order, practitioner e-mail)."""
        out: dict[str, list[tuple[date, int, str]]] = {}
        n = 0
        for email, kind in self._order:
            for free in self._slots[(email, kind)]:
                out.setdefault(kind, []).append((free, n, email))
                n += 1
        for heap in out.values():
            heapq.heapify(heap)
        return out

    def person(self, email: str) -> PersonRecord:
        return self._people[email]


def run(
    b: Builder,
    book: SlotBook,
    clients: ClientQueue,
    starts: list[tuple[date, str]],
    plan_for: Callable[[str, date], Plan],
    client_rest: tuple[int, int],
    practitioner_rest: tuple[int, int] = (7, 45),
) -> list[Made]:
    """Open one relationship per (day, kind) in ``starts``, each in the earliest free slot."""
    heaps = book.heaps()
    made: list[Made] = []
    latest = b.today - timedelta(days=1)
    rng = b.rng
    for start, kind in sorted(starts):
        heap = heaps[kind]
        free, order, email = heapq.heappop(heap)
        opened = max(start, free)
        if opened > latest:
            opened = start  # every slot is busy: the practitioner takes one more than planned
        practitioner = book.person(email)
        client = clients.take(opened, practitioner)
        m = b.relationship(plan_for(kind, opened), practitioner, client)
        made.append(m)
        again = max(free, m.busy_until + timedelta(days=rng.randint(*practitioner_rest)))
        heapq.heappush(heap, (again, order, email))
        clients.release(client, m.busy_until + timedelta(days=rng.randint(*client_rest)))
    return made
