"""Mappings and arrays that only a later add reads, held compressed until then.

A reconciliation keeps, for :meth:`reconcile.Reconciliation.add`, each
claim's value bindings, each article's accounts of events and each claim's
frame. A run over a corpus reads them once, while they are made; a report never
reads them again. As millions of small objects they took some 0.5 GB of a
run's peak at a million claims; pickled, a third to a half of that; pickled
and compressed (zlib at its fastest level, which the ids and words repeated
from entry to entry suit), a quarter of the pickles again: at 100,000 claims
the four mappings a run packs took 44 MB pickled and take 11 MB compressed,
for 0.4 s of compressing. :class:`PackedMapping` holds such a mapping as
compressed pickled chunks and unpickles it, whole and for good, the first
time anything reads it. The match index's pair keys and scores (two numpy
arrays of 16 bytes a scored pair, some 0.2 GB at a million claims) are held
the same way by :class:`PackedArray`, at a quarter of their size.

>>> packed = PackedMapping({"a": (1, 2), "b": (3,)})
>>> packed.is_packed, len(packed)
(True, 2)
>>> packed["b"], packed.is_packed
((3,), False)
>>> dict(packed) == {"a": (1, 2), "b": (3,)}
True
>>> import numpy as np
>>> keys = PackedArray(np.array([3, 5, 8], dtype=np.int64))
>>> keys.is_packed, len(keys)
(True, 3)
>>> np.asarray(keys).tolist(), keys.is_packed
([3, 5, 8], False)
"""

from __future__ import annotations

import pickle
import zlib
from collections.abc import Iterator, Mapping
from itertools import islice
from typing import Any, TypeVar

import numpy as np

__all__ = ["PackedArray", "PackedMapping"]

K = TypeVar("K")
V = TypeVar("V")

CHUNK_ENTRIES = 4096
"""Entries pickled in one chunk: pickle remembers every object of a dump until
it ends, which for a whole mapping of a million entries would take more
memory, for a while, than packing saves."""

COMPRESSION_LEVEL = 1
"""zlib's level for the chunks: its fastest, which already compresses the
mappings a run packs to a quarter of their pickles; level 6 takes twice to
three times as long for a tenth less."""


class PackedMapping(Mapping[K, V]):
    """A read-only mapping held as compressed pickled chunks until it is first read.

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
            pickled = pickle.dumps(chunk, protocol=pickle.HIGHEST_PROTOCOL)
            self._chunks.append(zlib.compress(pickled, COMPRESSION_LEVEL))
        self._items: dict[K, V] | None = None
        self._length = len(items)

    @property
    def is_packed(self) -> bool:
        """Whether the items are still pickled (nothing has read them)."""
        return self._items is None

    @property
    def packed_bytes(self) -> int:
        """How many bytes the compressed chunks take (0 once unpacked)."""
        return sum(map(len, self._chunks or ()))

    def _unpacked(self) -> dict[K, V]:
        if self._items is None:
            items: dict[K, V] = {}
            for chunk in self._chunks or ():
                items.update(pickle.loads(zlib.decompress(chunk)))
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


class PackedArray:
    """A one-dimensional numpy array held compressed until it is first read.

    The elements' bytes are shuffled before they are compressed (every
    element's first byte, then every second byte, ...): sorted keys and
    scores differ little from one element to the next, and their high bytes
    then compress to almost nothing (pair keys at 30,000 claims: 6.6 MB,
    2.2 MB compressed as they are, 1.0 MB shuffled). Its length is known
    while packed; ``np.asarray``, indexing or any numpy function reading it
    unpacks it once, for good, into an array equal to the one packed.
    """

    __slots__ = ("_array", "_dtype", "_length", "_packed")

    def __init__(self, array: np.ndarray) -> None:
        if array.ndim != 1:
            raise ValueError(f"PackedArray: expected a 1-d array (got {array.ndim}-d)")
        array = np.ascontiguousarray(array)
        self._dtype = array.dtype
        self._length = len(array)
        shuffled = array.view(np.uint8).reshape(self._length, self._dtype.itemsize).T
        self._packed: bytes | None = zlib.compress(
            shuffled.tobytes(), COMPRESSION_LEVEL
        )
        self._array: np.ndarray | None = None

    @property
    def is_packed(self) -> bool:
        """Whether the array is still compressed (nothing has read it)."""
        return self._array is None

    @property
    def packed_bytes(self) -> int:
        """How many bytes the compressed array takes (0 once unpacked)."""
        return len(self._packed or b"")

    def unpacked(self) -> np.ndarray:
        """The array (unpacked now if nothing has read it yet)."""
        if self._array is None:
            assert self._packed is not None
            shuffled = np.frombuffer(zlib.decompress(self._packed), dtype=np.uint8)
            rows = shuffled.reshape(self._dtype.itemsize, self._length).T.copy()
            self._array = rows.view(self._dtype).reshape(self._length)
            self._packed = None
        return self._array

    def __array__(self, dtype: Any = None, copy: bool | None = None) -> np.ndarray:
        array = self.unpacked()
        if dtype is not None and np.dtype(dtype) != array.dtype:
            return array.astype(dtype)
        return array.copy() if copy else array

    def __getitem__(self, key: Any) -> Any:
        return self.unpacked()[key]

    def __len__(self) -> int:
        return self._length

    def __repr__(self) -> str:
        state = "packed" if self.is_packed else "unpacked"
        return f"<PackedArray of {self._length} {self._dtype}, {state}>"

    def __reduce__(self) -> tuple[Any, ...]:
        return (PackedArray, (self.unpacked(),))
