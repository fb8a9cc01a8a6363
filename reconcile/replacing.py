"""Copies of the library's frozen attrs instances with one field replaced, made fast.

``attrs.evolve`` makes the copy through ``__init__``: every converter and
validator runs again, 15-30 µs a copy. Each add copies every claim of every
fact (restricted to the values it gives the fact) and every fact whose
waterfalls moved, tens of thousands of copies. :func:`replaced` copies the
fields slot by slot with the slots' own descriptors, as unpickling does
(:mod:`reconcile.pickling`), and runs no converter or validator: the new value
must be valid for the instance and already what the field's converter makes
(a tuple for a tuple field).

>>> from reconcile.model import Span
>>> replaced(Span(1, 5), "end", 3)
Span(start=1, end=3)
"""

from __future__ import annotations

from typing import Any, TypeVar

import attrs

__all__ = ["replaced"]

T = TypeVar("T")

_SLOTS: dict[type, tuple[Any, ...]] = {}
"""The slot descriptors of each class's fields, in field order."""


def replaced(instance: T, name: str, value: Any) -> T:
    """A copy of the frozen attrs *instance* whose field *name* holds *value*.

    Raises:
        AttributeError: *instance*'s class has no field *name*.
    """
    cls = type(instance)
    slots = _SLOTS.get(cls)
    if slots is None:
        slots = _SLOTS[cls] = tuple(getattr(cls, f.name) for f in attrs.fields(cls))
    target = getattr(cls, name, None)
    if target not in slots:
        raise AttributeError(f"{cls.__name__} has no field {name!r}")
    copy = object.__new__(cls)
    for slot in slots:
        slot.__set__(copy, value if slot is target else slot.__get__(instance, cls))
    return copy
