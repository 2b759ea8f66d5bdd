"""Fast indented JSON: the same text as ``json.dumps(indent=1, ensure_ascii=False)``."""

# The standard library writes indented JSON in pure Python, which takes seconds for the large
# hub. Here every object or list whose members are all scalars (or empty) is written by the
# C encoder, with the newline and indent folded into its item separator; only the outer
# structure is walked in Python.

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from functools import cache

_SCALARS = frozenset({str, int, float, bool, type(None)})
_plain = json.JSONEncoder(ensure_ascii=False).encode
_key = json.encoder.encode_basestring


@cache
def _flat(level: int) -> Callable[[object], str]:
    """An encoder writing a flat object or list whose members sit at ``level`` + 1."""
    pad = "\n" + " " * (level + 1)
    return json.JSONEncoder(ensure_ascii=False, separators=("," + pad, ": ")).encode


def _is_flat(members: Iterable[object]) -> bool:
    return all(type(member) in _SCALARS or not member for member in members)


def _write(value: object, level: int, out: list[str]) -> None:
    if type(value) is dict:
        if not value:
            out.append("{}")
            return
        pad = "\n" + " " * (level + 1)
        end = "\n" + " " * level
        if _is_flat(value.values()):
            text = _flat(level)(value)
            out.append(text[0] + pad + text[1:-1] + end + text[-1])
            return
        out.append("{")
        separator = pad
        for key, member in value.items():
            out.append(separator + _key(key) + ": ")
            _write(member, level + 1, out)
            separator = "," + pad
        out.append(end + "}")
    elif type(value) is list:
        if not value:
            out.append("[]")
            return
        pad = "\n" + " " * (level + 1)
        end = "\n" + " " * level
        if _is_flat(value):
            text = _flat(level)(value)
            out.append(text[0] + pad + text[1:-1] + end + text[-1])
            return
        out.append("[")
        separator = pad
        for member in value:
            out.append(separator)
            _write(member, level + 1, out)
            separator = "," + pad
        out.append(end + "]")
    else:
        out.append(_plain(value))


def dumps_indented(value: object) -> str:
    """``value`` as JSON with a one-space indent, non-ASCII characters kept as they are."""
    out: list[str] = []
    _write(value, 0, out)
    return "".join(out)
