"""A JSON codec for the library's frozen attrs objects: data in, data out, no code.

:meth:`Codec.dumps` writes a value made of the library's frozen attrs instances,
tuples, lists, dicts, frozensets, dates and numpy arrays as one JSON document;
:meth:`Codec.loads` reads it back. Only the classes of an explicit allowlist (a
``{name: class}`` mapping, :data:`reconcile.store_cache.CACHE_CLASSES` for the
desk store) are written or made; any other object is refused when writing
(:class:`CacheFormatError`), and a document naming any other class is refused
when reading. Reading makes instances with ``object.__new__`` and sets their
slots, as ``pickle`` and attrs' own ``__setstate__`` do: no ``__init__``, no
validator, no import, no code named by the data runs.

The document is built for reading a million small objects fast:

* every instance is written once, in a **table** of its class (its name, the
  numbers of its instances, and one column per field, in field order), and
  is referred to elsewhere by its number (shared objects stay shared; ``0``
  is ``None``);
* every string is written once, in a **string table**, and referred to by its
  position (``0`` is ``None``), so a claim id used in ten places is parsed
  once and shared, as it was in memory; the table is the strings joined by a
  control character that none of them holds, in the binary part (below);
* a column (or any sequence) is written with a **kind**, found from the types
  of its values, so that reading most of it runs in C (``map`` over slot
  setters, ``tuple``, ``frozenset``, ``zip``, list indexing):

  ======  ==============================================================
  ``q``   strings (or ``None``), as positions in the string table
  ``i``   ints, as numbers (*packed*, below)
  ``f``   floats, likewise
  ``p``   other plain JSON values: ``str``, ``int``, ``float``, ``bool``,
          ``None``, mixed
  ``r``   instances (or ``None``), as their numbers
  ``d``   dates (or ``None``), as ISO strings
  ``wq``  tuples of strings all of one width *w*: ``[w, positions]``, flat
  ``wr``  tuples of instances all of one width *w*: ``[w, numbers]``, flat
  ``tq``  tuples of strings: ``[widths, positions]``, flat
  ``tr``  tuples of instances: ``[widths, numbers]``, flat
  ``sq``  frozensets of strings: ``[sizes, positions]``, flat
  ``tp``  tuples of plain values, as arrays
  ``ttp`` tuples of tuples of plain values, as arrays of arrays
  ``s``   frozensets of plain values, as arrays
  ``x``   anything else, each value tagged (below)
  ======  ==============================================================

  A list of numbers (positions, object numbers, widths, ``i`` and ``f``
  columns) of 16 or more is *packed*: ``{"B": [dtype, offset, count]}``, its
  values as little-endian ``int32``, ``int64`` or ``float64`` in the binary
  part, read back with ``numpy.frombuffer(...).tolist()``;
* a tagged value is a plain JSON value or a one-key object: ``{"R": n}`` an
  instance, ``{"T": seq}`` a tuple, ``{"L": seq}`` a list, ``{"S": seq}`` a
  frozenset, ``{"M": [keys, values]}`` a dict (keys of any kind, so tuples and
  numbers are kept), ``{"D": iso}`` a date, ``{"DT": iso}`` a datetime, and
  ``{"A": [dtype, shape, offset]}`` a numpy array of numbers or booleans,
  where *seq*, *keys* and *values* are ``[kind, payload]`` pairs as above;
* the **binary part** follows the JSON text, after a NUL byte (which JSON
  text never holds): the bytes of the arrays and packed lists, at the offsets
  their tags give, and the string table (``[separator, offset, size, count]``; a JSON
  array of strings instead if every control character is in some string).

Instances are made before any field is set, so an instance must not be a set
member or a dict key (its hash would be taken half-made); :meth:`Codec.dumps`
refuses that. Numpy scalars are written as the Python number they hold.
"""

from __future__ import annotations

import json
import operator
from collections import defaultdict, deque
from collections.abc import Callable, Mapping
from datetime import date, datetime
from itertools import chain, compress, count, islice, repeat
from typing import Any

import attrs
import numpy as np

__all__ = ["CacheFormatError", "Codec"]

_PLAIN = frozenset({str, int, float, bool, type(None)})
_TEXT = frozenset({str, type(None)})
_STR = frozenset({str})
_NUMERIC_DTYPE_KINDS = frozenset("biufc")
_PACKED_DTYPES = frozenset({"<i4", "<i8", "<f8"})
_PACK_FROM = 16
"""Lists of numbers this long or longer go to the binary part."""


class CacheFormatError(ValueError):
    """A value cannot be written as cache JSON, or a document is not one this codec wrote."""


class Codec:
    """Write and read allowlisted attrs instances (and plain data around them) as JSON.

    *classes* maps the name written into a document to the class it stands
    for; only these classes are written or made. Every class must be an attrs
    class with slots.

    >>> import attrs
    >>> @attrs.frozen
    ... class Point:
    ...     x: int
    ...     y: int
    >>> codec = Codec({"Point": Point})
    >>> codec.loads(codec.dumps({"a": (Point(1, 2), Point(1, 2))}))
    {'a': (Point(x=1, y=2), Point(x=1, y=2))}
    """

    def __init__(self, classes: Mapping[str, type]) -> None:
        self.classes = dict(classes)
        self._names: dict[type, str] = {}
        self._getters: dict[type, tuple[Callable[[Any], Any], ...]] = {}
        self._setters: dict[type, tuple[Callable[[Any, Any], None], ...]] = {}
        for name, cls in self.classes.items():
            if not attrs.has(cls) or "__slots__" not in cls.__dict__:
                raise TypeError(f"{cls!r}: expected an attrs class with slots")
            fields = [a.name for a in attrs.fields(cls)]
            self._names[cls] = name
            self._getters[cls] = tuple(operator.attrgetter(f) for f in fields)
            self._setters[cls] = tuple(getattr(cls, f).__set__ for f in fields)

    # -- writing -----------------------------------------------------------------

    def dumps(self, value: Any) -> bytes:
        """*value* as a UTF-8 JSON document.

        Raises:
            CacheFormatError: *value* holds an object of a type the codec does
                not write (a class not on the list, a set of instances, ...).
        """
        writer = _Writer(self)
        document = writer.document(value)
        text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
        # A lone surrogate (kept from a badly encoded article) survives the trip.
        return b"\0".join([text.encode("utf-8", "surrogatepass"), *writer.arrays])

    # -- reading -----------------------------------------------------------------

    def loads(self, data: bytes) -> Any:
        """The value a document written by :meth:`dumps` holds.

        Raises:
            CacheFormatError: *data* is not such a document, or names a class
                that is not on the list.
        """
        try:
            view = memoryview(data)
            cut = data.find(b"\0")
            cut = len(data) if cut < 0 else cut
            document = json.loads(str(view[:cut], "utf-8", "surrogatepass"))
            return _Reader(self, view[cut + 1 :]).document(document)
        except CacheFormatError:
            raise
        except (
            ValueError,  # JSON, ISO dates, numpy buffers, unpacking
            TypeError,
            KeyError,
            IndexError,
            AttributeError,
            RecursionError,
        ) as error:
            raise CacheFormatError(f"not a cache document ({error!r})") from None


class _Writer:
    def __init__(self, codec: Codec) -> None:
        self.codec = codec
        self.numbers: dict[int, int] = {id(None): 0}
        self.pending: dict[type, tuple[list[Any], list[int]]] = {}
        self.strings: defaultdict[str | None, int] = defaultdict(count(1).__next__)
        self.strings[None] = 0
        self.arrays: list[bytes] = []
        self.array_bytes = 0

    def document(self, value: Any) -> dict[str, Any]:
        root = self.value(value)
        tables = []
        while self.pending:
            pending, self.pending = self.pending, {}
            for cls, (objs, numbers) in pending.items():
                columns = [
                    self.sequence(list(map(getter, objs)))
                    for getter in self.codec._getters[cls]
                ]
                tables.append([self.codec._names[cls], self.pack(numbers), columns])
        return {
            "objects": len(self.numbers) - 1,
            "strings": self.string_table(),
            "tables": tables,
            "root": root,
        }

    def string_table(self) -> list[Any]:
        """``[separator, offset, size, count]``: the strings, joined, in the binary part."""
        strings = list(self.strings)[1:]
        for separator in map(chr, range(32)):
            joined = separator.join(strings)
            if joined.count(separator) == max(len(strings) - 1, 0):
                break
        else:  # every control character is in some string: a JSON array
            return ["json", strings]
        offset = self.add_bytes(joined.encode("utf-8", "surrogatepass"))
        return [separator, offset, len(self.arrays[-1]), len(strings)]

    def add_bytes(self, data: bytes) -> int:
        """Put *data* in the binary part; its offset there."""
        offset = self.array_bytes
        self.arrays.append(data)
        self.array_bytes += len(data) + 1
        return offset

    def ref(self, obj: Any) -> int:
        return self.refs([obj])[0]

    def refs(self, values: list[Any]) -> list[int]:
        """The numbers of the instances (or ``None``) *values*; new ones are numbered.

        Done for a whole column at once, mostly in C: a store's snapshot
        refers to millions of instances.
        """
        numbers = self.numbers
        keys = list(map(id, values))
        got = list(map(numbers.get, keys))
        if None in got:
            missing = list(map(operator.is_, got, repeat(None)))
            fresh = dict(
                zip(compress(keys, missing), compress(values, missing), strict=True)
            )
            types = set(map(type, fresh.values()))
            for cls in types - self.codec._names.keys():
                raise CacheFormatError(
                    f"cannot write a {cls.__module__}.{cls.__qualname__}: "
                    "expected an instance of a class on the cache's list"
                )
            groups: dict[type, dict[int, Any]] = {}
            if len(types) == 1:
                groups[types.pop()] = fresh
            else:
                for key, obj in fresh.items():
                    groups.setdefault(type(obj), {})[key] = obj
            for cls, group in groups.items():
                first = len(numbers)  # numbers holds None, as 0
                new = range(first, first + len(group))
                numbers.update(zip(group, new, strict=True))
                objs, known = self.pending.setdefault(cls, ([], []))
                objs.extend(group.values())
                known.extend(new)
            got = list(map(numbers.__getitem__, keys))
        return got

    def sequence(self, values: list[Any]) -> list[Any]:
        """``[kind, payload]`` for *values* (see the module docs)."""
        kind = self.kind(values)
        if kind == "p":
            types = set(map(type, values))
            if types == {int} or types == {float}:
                packed = self.pack(values, float if types == {float} else int)
                if packed is not None:
                    return ["i" if types == {int} else "f", packed]
            return [kind, values]
        if kind == "tp" or kind == "ttp":
            return [kind, values]
        position = self.strings.__getitem__
        if kind == "tq" or kind == "tr" or kind == "sq":
            widths = list(map(len, values))
            flat = list(chain.from_iterable(values))
            flat = self.refs(flat) if kind == "tr" else list(map(position, flat))
            if kind != "sq" and len(set(widths)) == 1 and widths[0]:
                # Tuples of one width: flat, and read back by zip in C.
                return ["w" + kind[1], [widths[0], self.pack(flat)]]
            return [kind, [self.pack(widths), self.pack(flat)]]
        if kind == "q":
            return [kind, self.pack(list(map(position, values)))]
        if kind == "r":
            return [kind, self.pack(self.refs(values))]
        if kind == "d":
            return [kind, [None if v is None else v.isoformat() for v in values]]
        if kind == "s":
            return [kind, list(map(list, values))]
        return ["x", [self.value(v) for v in values]]

    def pack(self, numbers: list[Any], kind: type = int) -> Any:
        """*numbers* (ints or floats) as raw bytes in the binary part, if long enough.

        ``{"B": [dtype, offset, count]}``, or the list itself (short, or ints
        too large for 64 bits, where the ``None`` is returned for floats' sake).
        """
        if len(numbers) < _PACK_FROM:
            return numbers if kind is int else None
        try:
            array = np.array(numbers, dtype="<f8" if kind is float else "<i8")
        except OverflowError:
            return numbers if kind is int else None
        if kind is int and -(2**31) <= array.min() and array.max() < 2**31:
            array = array.astype("<i4")
        offset = self.add_bytes(array.tobytes())
        return {"B": [array.dtype.str, offset, len(numbers)]}

    def kind(self, values: list[Any]) -> str:
        types = set(map(type, values))
        if types <= _TEXT:
            return "q"
        if types <= _PLAIN:
            return "p"
        classes = self.codec._names.keys()
        if types <= classes | {type(None)}:
            return "r"
        if types <= {date, type(None)}:
            return "d"
        if types == {tuple} or types == {frozenset}:
            inner = set(map(type, chain.from_iterable(values)))
            if inner <= _STR:
                return "tq" if types == {tuple} else "sq"
            if inner <= _PLAIN:
                return "tp" if types == {tuple} else "s"
            if types == {frozenset}:
                return "x"
            if inner <= classes | {type(None)}:
                return "tr"
            if inner == {tuple}:
                deeper = chain.from_iterable(chain.from_iterable(values))
                if set(map(type, deeper)) <= _PLAIN:
                    return "ttp"
        return "x"

    def value(self, v: Any) -> Any:
        """One value, tagged (see the module docs)."""
        t = type(v)
        if t in _PLAIN:
            return v
        if t in self.codec._names:
            return {"R": self.ref(v)}
        if t is tuple:
            return {"T": self.sequence(list(v))}
        if t is list:
            return {"L": self.sequence(v)}
        if t is frozenset:
            return {"S": self.hashable(self.sequence(list(v)), "a set member")}
        if t is dict:
            keys = self.hashable(self.sequence(list(v)), "a dict key")
            return {"M": [keys, self.sequence(list(v.values()))]}
        if t is date:
            return {"D": v.isoformat()}
        if t is datetime:
            return {"DT": v.isoformat()}
        if t is np.ndarray and v.dtype.kind in _NUMERIC_DTYPE_KINDS:
            offset = self.add_bytes(np.ascontiguousarray(v).tobytes())
            return {"A": [v.dtype.str, list(v.shape), offset]}
        if isinstance(v, np.generic) and v.dtype.kind in _NUMERIC_DTYPE_KINDS:
            return v.item()
        raise CacheFormatError(
            f"cannot write a {t.__module__}.{t.__qualname__}: expected plain data, "
            "tuples, lists, dicts, frozensets, dates, numeric numpy arrays or "
            "instances of the classes on the cache's list"
        )

    def hashable(self, sequence: list[Any], what: str) -> list[Any]:
        if sequence[0] in ("r", "tr", "wr") or (
            sequence[0] == "x" and _holds_instances(sequence[1])
        ):
            raise CacheFormatError(
                f"cannot write an instance as {what}: expected plain values"
            )
        return sequence


def _holds_instances(tagged: Any) -> bool:
    """Whether a tagged payload (``x`` kind) refers to an instance anywhere."""
    if isinstance(tagged, dict):
        return "R" in tagged or any(map(_holds_instances, tagged.values()))
    if isinstance(tagged, list):
        if len(tagged) == 2 and tagged[0] in ("r", "tr", "wr"):
            return True
        return any(map(_holds_instances, tagged))
    return False


class _Reader:
    def __init__(self, codec: Codec, arrays: memoryview) -> None:
        self.codec = codec
        self.arrays = arrays
        self.objs: list[Any] = []
        self.strings: list[Any] = []

    def document(self, document: dict[str, Any]) -> Any:
        self.strings = self.string_table(document["strings"])
        tables = document["tables"]
        tables = [
            (name, self.unpack(numbers), columns) for name, numbers, columns in tables
        ]
        total = sum(len(numbers) for _, numbers, _ in tables)
        if document["objects"] != total:
            raise CacheFormatError(
                f"{document['objects']!r} objects announced; the tables hold {total}"
            )
        objs = self.objs = [None] * (total + 1)
        made = []
        new = object.__new__
        for name, numbers, columns in tables:
            cls = self.codec.classes.get(name)
            if cls is None:
                raise CacheFormatError(
                    f"class {name!r} is not on the cache's list; refusing to make it"
                )
            setters = self.codec._setters[cls]
            if len(columns) != len(setters):
                raise CacheFormatError(
                    f"{name}: {len(columns)} columns; expected {len(setters)}, "
                    "one per field"
                )
            if numbers and not 0 < min(numbers) <= max(numbers) <= total:
                raise CacheFormatError(f"{name}: object numbers outside 1..{total}")
            instances = list(map(new, repeat(cls, len(numbers))))
            deque(map(objs.__setitem__, numbers, instances), maxlen=0)
            made.append((name, instances, setters, columns))
        for name, instances, setters, columns in made:
            for setter, column in zip(setters, columns, strict=True):
                values = self.sequence(column)
                if len(values) != len(instances):
                    raise CacheFormatError(
                        f"{name}: a column of {len(values)} values for "
                        f"{len(instances)} objects"
                    )
                deque(map(setter, instances, values), maxlen=0)
        return self.value(document["root"])

    def string_table(self, table: list[Any]) -> list[str | None]:
        if table[0] == "json":
            strings = table[1]
            if not _STR.issuperset(map(type, strings)):
                raise CacheFormatError(
                    "a string table holding other values than strings"
                )
        else:
            separator, offset, size, number = table
            if not 0 <= offset <= offset + size <= len(self.arrays):
                raise CacheFormatError("a string table outside the binary part")
            text = str(self.arrays[offset : offset + size], "utf-8", "surrogatepass")
            strings = text.split(separator) if number else []
            if len(strings) != number:
                raise CacheFormatError(f"{len(strings)} strings in a table of {number}")
        strings.insert(0, None)
        return strings

    def unpack(self, payload: Any) -> list[Any]:
        """The numbers :meth:`_Writer.pack` wrote."""
        if type(payload) is list:
            return payload
        ((tag, (dtype, offset, count)),) = payload.items()
        if tag != "B" or dtype not in _PACKED_DTYPES:
            raise CacheFormatError(f"a packed array of {dtype!r}; expected numbers")
        return np.frombuffer(self.arrays, dtype, count, offset).tolist()

    def sequence(self, sequence: list[Any]) -> list[Any]:
        kind, payload = sequence
        if kind == "q":
            return list(map(self.strings.__getitem__, self.unpack(payload)))
        if kind == "r":
            return list(map(self.objs.__getitem__, self.unpack(payload)))
        if kind == "i" or kind == "f":
            return self.unpack(payload)
        if type(payload) is not list:
            raise CacheFormatError(f"a {kind!r} sequence that is not an array")
        if kind == "p":
            return payload
        if kind in ("tq", "tr", "sq", "wq", "wr"):
            width_or_widths, flat = payload
            get = (self.objs if kind[1] == "r" else self.strings).__getitem__
            flat = self.unpack(flat)
            values = map(get, flat)
            if kind[0] == "w":
                if width_or_widths < 1 or len(flat) % width_or_widths:
                    raise CacheFormatError(
                        f"{len(flat)} values in rows of {width_or_widths}"
                    )
                return list(zip(*[values] * width_or_widths, strict=True))
            widths = self.unpack(width_or_widths)
            if sum(widths) != len(flat):
                raise CacheFormatError(f"{len(flat)} values in rows of {sum(widths)}")
            make = frozenset if kind == "sq" else tuple
            # Each row takes its n values off the one iterator, all in C.
            return list(map(make, map(islice, repeat(values), widths)))
        if kind == "d":
            iso = date.fromisoformat
            return [None if v is None else iso(v) for v in payload]
        if kind == "tp":
            return list(map(tuple, payload))
        if kind == "ttp":
            return [tuple(map(tuple, v)) for v in payload]
        if kind == "s":
            return list(map(frozenset, payload))
        if kind == "x":
            return list(map(self.value, payload))
        raise CacheFormatError(f"unknown sequence kind {kind!r}")

    def value(self, v: Any) -> Any:
        t = type(v)
        if t is dict:
            ((tag, payload),) = v.items()
            if tag == "R":
                return self.objs[payload]
            if tag == "T":
                return tuple(self.sequence(payload))
            if tag == "L":
                return self.sequence(payload)
            if tag == "S":
                return frozenset(self.sequence(payload))
            if tag == "M":
                keys, values = payload
                return dict(
                    zip(self.sequence(keys), self.sequence(values), strict=True)
                )
            if tag == "D":
                return date.fromisoformat(payload)
            if tag == "DT":
                return datetime.fromisoformat(payload)
            if tag == "A":
                dtype, shape, offset = payload
                dtype = np.dtype(dtype)
                if dtype.kind not in _NUMERIC_DTYPE_KINDS:
                    raise CacheFormatError(
                        f"an array of dtype {dtype}; expected numbers"
                    )
                size = int(np.prod(shape, dtype=np.int64))
                array = np.frombuffer(self.arrays, dtype, size, offset)
                return array.reshape(shape).copy()
            raise CacheFormatError(f"unknown tag {tag!r}")
        if t is list:
            raise CacheFormatError("an untagged array; expected a tagged value")
        return v
