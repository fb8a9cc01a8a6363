"""Values that recur across a corpus are held once, and equal what they replace.

The extraction pool's results come back chunk by chunk; each unpickled chunk
would bring its own copies of the same canonical names, units, days and
bindings. The fields a class names as shared take one copy per process, so
the claims are equal to the ones extracted, and their recurring parts are the
same objects from one chunk to the next.
"""

from __future__ import annotations

import pickle
from datetime import date

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from reconcile.model import Article
from reconcile.parallel import process_article
from reconcile.pickling import pickled_as_tuple
from reconcile.shared_values import shared_value
from reconcile.strategies import articles

TEXT = (
    "Russia and Iran signed a partnership treaty on Friday in Moscow, "
    "the Kremlin said. A strike killed 12 people in Kharkiv on Friday."
)


def _chunk(article_id: str) -> bytes:
    """One chunk of the pool's results, pickled as a worker sends it."""
    work = process_article(
        Article(id=article_id, outlet="Desk", published=date(2025, 1, 18), text=TEXT)
    )
    return pickle.dumps([work], protocol=pickle.HIGHEST_PROTOCOL)


def test_two_chunks_unpickle_into_one_copy_of_what_recurs():
    (first,) = pickle.loads(_chunk("a"))
    (second,) = pickle.loads(_chunk("b"))
    assert first.claims[0].text == second.claims[0].text
    for left, right in zip(first.claims, second.claims, strict=True):
        assert left.outlet is right.outlet
        assert left.published is right.published
        assert left.span is right.span  # both articles have the same text
        for lv, rv in zip(left.values, right.values, strict=True):
            assert lv.text is rv.text
            assert lv.span is rv.span
            for name in ("canonical", "type", "unit", "precision", "earliest"):
                if hasattr(lv, name):
                    assert getattr(lv, name) is getattr(rv, name)
        # the claim's own text and id are not shared: each claim has its own
        assert left.id != right.id
    for left, right in zip(first.bindings, second.bindings, strict=True):
        assert left.bindings is right.bindings
        for lm, rm in zip(left.mentions, right.mentions, strict=True):
            assert lm.event_class is rm.event_class
            assert lm.triggers is rm.triggers


@given(articles(max_size=3))
def test_shared_fields_unpickle_into_equal_objects(article):
    work = process_article(article)
    back = pickle.loads(pickle.dumps(work, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == work
    # (the sentences are a set, whose order may change as it is unpickled)
    assert repr(back.claims) == repr(work.claims)
    assert repr(back.bindings) == repr(work.bindings)


@given(
    st.one_of(
        st.text(max_size=8),
        st.dates(),
        st.tuples(st.text(max_size=4), st.text(max_size=4)),
        st.integers(),
        st.floats(allow_nan=False),
        st.booleans(),
        st.none(),
        st.tuples(st.integers(), st.floats(allow_nan=False)),
    )
)
def test_a_shared_value_equals_the_value_and_keeps_its_type(value):
    held = shared_value(value)
    assert held == value
    assert type(held) is type(value)
    if isinstance(value, tuple):
        assert [type(x) for x in held] == [type(x) for x in value]


def test_numbers_in_tuples_are_never_swapped_for_equal_ones_of_another_type():
    assert shared_value((1.0,)) == (1.0,)
    held = shared_value((1,))
    assert type(held[0]) is int


def test_a_class_names_only_fields_it_has():
    with pytest.raises(TypeError, match="no fields"):

        @pickled_as_tuple(shared=("missing",))
        @attrs.frozen
        class Point:
            x: int
