"""One copy of each value that recurs across a corpus.

A million claims name the same few hundred countries, units, attributes and
days again and again; when each is its own object (as after unpickling the
extraction pool's results, chunk by chunk), the copies are a tenth of what the
claims take. :func:`shared_value` gives the one copy this process holds of an
immutable value: :mod:`reconcile.pickling` applies it to the fields a class
names, and the comparison stage to the strings every fact repeats.
"""

from __future__ import annotations

import sys
from datetime import date
from typing import Any, TypeVar

__all__ = ["shareable", "shared_value"]

T = TypeVar("T", bound=type)

_SHARED_LIMIT = 1 << 18
"""The most values other than strings :func:`shared_value` keeps; past it, it
starts afresh (strings are interned, and the interpreter drops an interned
string no longer used)."""

_shared: dict[Any, Any] = {}

_SHAREABLE: set[type] = {str, date}
"""The types of the items a tuple may hold to be shared: strings, dates, and
the classes given to :func:`shareable`."""


def shared_value(value: Any) -> Any:
    """The one copy this process holds of *value*, equal to it and of its type.

    A string is interned; a date, an instance of a class given to
    :func:`shareable`, or a tuple of such values is looked up in a table of the
    ones seen; anything else is returned as it is.

    >>> from datetime import date
    >>> shared_value(date(2025, 1, 17)) is shared_value(date(2025, 1, 17))
    True
    >>> shared_value(("Russia", "Iran")) is shared_value(("Russia", "Iran"))
    True
    """
    kind = type(value)
    if kind is str:
        return sys.intern(value)
    if kind is tuple:
        if not all(type(item) in _SHAREABLE for item in value):
            return value
        value = tuple(map(shared_value, value))
    elif kind not in _SHAREABLE:
        return value
    held = _shared.get(value)
    if held is not None:
        return held
    if len(_shared) >= _SHARED_LIMIT:
        _shared.clear()
    _shared[value] = value
    return value


def shareable(cls: T) -> T:
    """Let :func:`shared_value` share the instances of *cls* (frozen, hashable,
    equal by value) and tuples of them."""
    _SHAREABLE.add(cls)
    return cls
