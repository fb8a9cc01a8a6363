"""JSON-safe records of model values, shared by every export path (report, graph).

>>> from reconcile.model import Quantity, Span
>>> value_record(Quantity("at least four people", Span(0, 20), 4, None, "people"))["normalized"]
'>=4 people'
"""

from __future__ import annotations

import math
from typing import Any

from reconcile.model import Actor, DateValue, Quantity, Value

__all__ = ["value_record"]


def value_record(value: Value) -> dict[str, Any]:
    """A value's JSON record (DESIGN.md: date, quantity, actor; places have kind ``place``)."""
    base: dict[str, Any] = {
        "kind": value.kind,
        "text": value.text,
        "start": value.span.start,
        "end": value.span.end,
        "normalized": value.normalized,
    }
    if isinstance(value, DateValue):
        base.update(
            earliest=value.earliest.isoformat() if value.earliest else None,
            latest=value.latest.isoformat() if value.latest else None,
            precision=value.precision,
            role=value.role,
        )
    elif isinstance(value, Quantity):
        base.update(
            low=_number(value.low),
            high=_number(value.high),
            unit=value.unit,
            measure=value.measure,
            approximate=value.approximate,
        )
    elif isinstance(value, Actor):
        base.update(type=value.type, within=list(value.within))
    return base


def _number(value: float | None) -> float | int | None:
    """A bound as JSON: ``None`` for unbounded, an int when whole."""
    if value is None or math.isinf(value):
        return None
    return int(value) if float(value).is_integer() else value
