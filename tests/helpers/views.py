"""A view as the lead sees it: added to qtbot, sized, shown (and exposed, or made active)."""

from __future__ import annotations

from typing import Any, TypeVar

W = TypeVar("W")


def shown(
    qtbot: Any,
    view: W,
    size: tuple[int, int] = (1100, 760),
    *,
    exposed: bool = True,
    active: bool = False,
) -> W:
    """Show ``view`` at ``size``; wait until it is exposed (unless ``exposed=False``, for a test
    that looks at it before the event loop runs) and, with ``active``, until it has the focus."""
    qtbot.addWidget(view)
    view.resize(*size)  # type: ignore[attr-defined]
    view.show()  # type: ignore[attr-defined]
    if exposed:
        qtbot.waitExposed(view)
    if active:
        view.activateWindow()  # type: ignore[attr-defined]
        qtbot.waitUntil(view.isActiveWindow)  # type: ignore[attr-defined]
    return view
