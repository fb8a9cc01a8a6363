"""Copies of frozen attrs instances with one field replaced."""

from __future__ import annotations

import attrs
import pytest

from reconcile.model import Claim, DateValue, Span
from reconcile.replacing import replaced

TEXT = "Talks ended on Monday."


def test_a_copy_equals_what_attrs_evolve_makes_and_leaves_the_original_alone():
    day = DateValue("Monday", Span(15, 21), role="date")
    claim = Claim("a#1", "a", "Desk A", TEXT, Span(0, len(TEXT)), values=(day,))
    copy = replaced(claim, "values", ())
    assert copy == attrs.evolve(claim, values=())
    assert copy is not claim and claim.values == (day,)
    assert replaced(day, "role", "signing date") == attrs.evolve(
        day, role="signing date"
    )


def test_a_field_the_class_does_not_have_is_refused():
    with pytest.raises(AttributeError, match="no field 'size'"):
        replaced(Span(0, 1), "size", 2)
    with pytest.raises(AttributeError, match="no field 'shifted'"):
        replaced(Span(0, 1), "shifted", 2)  # a method, not a field
