"""Mappings that only a later add reads, held as pickled bytes until then.

A reconciliation keeps, for :meth:`reconcile.Reconciliation.add`, each
claim's value bindings, each article's accounts of events and each claim's
frame. A run over a corpus reads them once, while they are made; a report never
reads them again. As millions of small objects they took some 0.5 GB of a
run's peak at a million claims; pickled, a third to a half of that.
:class:`PackedMapping` holds such a mapping as pickled chunks and unpickles
it, whole and for good, the first time anything reads it.

>>> packed = PackedMapping({"a": (1, 2), "b": (3,)})
>>> packed.is_packed, len(packed)
(True, 2)
>>> packed["b"], packed.is_packed
((3,), False)
>>> dict(packed) == {"a": (1, 2), "b": (3,)}
True
"""

from __future__ import annotations

import pickle
from collections.abc import Iterator, Mapping
from itertools import islice
from typing import Any, TypeVar

__all__ = ["PackedMapping"]

K = TypeVar("K")
V = TypeVar("V")

CHUNK_ENTRIES = 4096
"""Entries pickled in one chunk: pickle remembers every object of a dump until
it ends, which for a whole mapping of a million entries would take more
memory, for a while, than packing saves."""


class PackedMapping(Mapping[K, V]):
    """A read-only mapping held as pickled chunks until it is first read.

    Its length is known without unpickling; any other read (a key, iteration,
    equality) unpickles every chunk once and keeps the dict. Equal to any
    mapping with the same items. The values must pickle, and objects they
    share with what is outside the mapping are copies once unpickled.
    """

    __slots__ = ("_chunks", "_items", "_length")

    def __init__(self, items: Mapping[K, V]) -> None:
        entries = iter(items.items())
        self._chunks: list[bytes] | None = []
        while chunk := dict(islice(entries, CHUNK_ENTRIES)):
            self._chunks.append(pickle.dumps(chunk, protocol=pickle.HIGHEST_PROTOCOL))
        self._items: dict[K, V] | None = None
        self._length = len(items)

    @property
    def is_packed(self) -> bool:
        """Whether the items are still pickled (nothing has read them)."""
        return self._items is None

    def _unpacked(self) -> dict[K, V]:
        if self._items is None:
            items: dict[K, V] = {}
            for chunk in self._chunks or ():
                items.update(pickle.loads(chunk))
            self._items, self._chunks = items, None
        return self._items

    def __getitem__(self, key: K) -> V:
        return self._unpacked()[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._unpacked())

    def __len__(self) -> int:
        return self._length

    def __repr__(self) -> str:
        state = "packed" if self.is_packed else "unpacked"
        return f"<PackedMapping of {self._length} items, {state}>"

    def __reduce__(self) -> tuple[Any, ...]:
        return (PackedMapping, (dict(self._unpacked()),))
