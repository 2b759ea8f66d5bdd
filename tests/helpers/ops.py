"""A service write run through the app's operation object, its value handed back (GUI tests)."""

from __future__ import annotations

from typing import Any


def write_now(ctx: Any, fn: Any, *args: Any, **kwargs: Any) -> Any:
    """``ctx.write(None, fn, ...)`` run inline: the value, or None after a refusal or bug."""
    assert not ctx.background, "write_now runs the call inline (ctx.background is False)"
    got: list[Any] = []
    ctx.write(None, fn, *args, **kwargs).success(got.append).run()
    return got[0] if got else None
