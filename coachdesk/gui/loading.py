"""A view's reads, run off the UI thread (on a shared server they wait on the network); only
the newest answer is shown, and none once the view has gone."""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Concatenate, ParamSpec, TypeVar

import shiboken6
from PySide6.QtWidgets import QWidget

from coachdesk.gui.context import AppContext
from coachdesk.services.handle import Database

P = ParamSpec("P")
R = TypeVar("R")


class Reader:
    """``reader.read(then, fn, *args)``: ``fn(db, *args)`` on a worker thread, its answer to
    ``then`` on the UI thread, unless a newer read has started since (the older answer is
    dropped) or ``owner`` has been deleted. In tests with ``ctx.background`` False it all
    happens at once, as before."""

    def __init__(self, ctx: AppContext, owner: QWidget) -> None:
        self.ctx = ctx
        # Weak: the view holds its reader, and a closed view must be free to go.
        self._owner = weakref.ref(owner)
        self.generation = 0

    def read(
        self,
        then: Callable[[R], object],
        fn: Callable[Concatenate[Database, P], R],
        *args: P.args,
        **kwargs: P.kwargs,
    ) -> None:
        self.generation += 1
        generation = self.generation
        owner = self._owner()
        if owner is None or not shiboken6.isValid(owner):
            return

        def arrived(value: R) -> None:
            shown = self._owner()
            if generation == self.generation and shown is not None and shiboken6.isValid(shown):
                then(value)

        self.ctx.query(owner, fn, *args, **kwargs).success(arrived).run()
