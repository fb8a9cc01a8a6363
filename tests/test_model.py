"""Tests for reconcile.model: frozen, slotted, validated value classes."""

from __future__ import annotations

import math
from datetime import date
from typing import Any

import attrs
import pytest

from reconcile.errors import InvalidSpanError, InvalidValueError, ReconcileError
from reconcile.ingest import article_from_record
from reconcile.model import (
    Actor,
    Agreement,
    Article,
    Claim,
    Conflict,
    DateValue,
    Fact,
    MatchReason,
    Membership,
    OriginGroup,
    Quantity,
    Sentence,
    Source,
    Span,
    Update,
    Verdict,
)

JAN17 = date(2025, 1, 17)
TEXT = "Russia and Iran signed a 20-year pact on Friday in Moscow."


def _date(**kw: Any) -> DateValue:
    return DateValue(**{"text": "on Friday", "span": Span(38, 47), **kw})


def _quantity(**kw: Any) -> Quantity:
    return Quantity(**{"text": "20-year", "span": Span(25, 32), "unit": "years", **kw})


def _claim(**kw: Any) -> Claim:
    return Claim(
        **{
            "id": "a#1",
            "article_id": "a",
            "outlet": "Desk A",
            "text": TEXT,
            "span": Span(0, len(TEXT)),
            **kw,
        }
    )


# one example of every model class, for the frozen/hashable/slotted tables
EXAMPLES = {
    "Span": lambda: Span(0, 4),
    "Source": lambda: Source("Desk A"),
    "Article": lambda: Article(id="a", outlet="Desk A", text=TEXT, published=JAN17),
    "Sentence": lambda: Sentence("a", TEXT, Span(0, len(TEXT))),
    "DateValue": lambda: _date(earliest=JAN17, latest=JAN17),
    "Quantity": lambda: _quantity(low=20, high=20),
    "Actor": lambda: Actor(
        text="Moscow", span=Span(51, 57), canonical="Moscow", role="place"
    ),
    "Claim": lambda: _claim(values=[_quantity(low=20, high=20)]),
    "MatchReason": lambda: MatchReason("token_set_ratio", 91.0, 62.0),
    "Membership": lambda: Membership("a#1", 91.0, [MatchReason("medoid", 100.0)]),
    "Agreement": lambda: Agreement("date", "2025-01-17", ["a#1", "b#1"]),
    "Conflict": lambda: Conflict(
        kind="quantity",
        claim_ids=["a#1", "b#1"],
        values=["20 years", "25 years"],
        outlets=["Desk A", "Desk B"],
        spans=[Span(25, 32), Span(3, 10)],
        rule="disjoint_intervals",
        explanation="20 years vs 25 years",
    ),
    "Update": lambda: Update(
        "quantity", "people/killed", [(JAN17, "4", "Desk A", "a#1")]
    ),
    "OriginGroup": lambda: OriginGroup("wire", ["Desk A", "Desk B"], ["a#1", "b#1"]),
    "Verdict": lambda: Verdict("corroborated", 0.75, 2),
    "Fact": lambda: Fact(id="F1", statement=TEXT, claims=[_claim()]),
}


class TestSpan:
    def test_length(self):
        """A span's length is end - start."""
        assert 4 == len(Span(3, 7))

    def test_empty_span_allowed(self):
        """An empty span (start == end) is allowed."""
        assert 0 == len(Span(5, 5))

    def test_end_before_start(self):
        """A span ending before it starts raises InvalidSpanError, which is a ValueError."""
        with pytest.raises(InvalidSpanError, match="before start") as info:
            Span(5, 4)

        assert isinstance(info.value, ValueError)

    @pytest.mark.parametrize(("start", "end"), [("0", 4), (0, 4.0), (None, 3)])
    def test_offsets_are_ints(self, start, end):
        """Offsets must be ints."""
        with pytest.raises(TypeError):
            Span(start, end)

    def test_shifted(self):
        """``shifted`` moves both ends."""
        assert Span(13, 17) == Span(3, 7).shifted(10)


class TestInvariantErrorsAreReconcileErrors:
    @pytest.mark.parametrize(
        "build",
        [
            pytest.param(lambda: Span(5, 4), id="span-end-before-start"),
            pytest.param(
                lambda: _date(earliest=date(2025, 1, 18), latest=JAN17), id="date"
            ),
            pytest.param(lambda: _quantity(low=30, high=20), id="quantity"),
            pytest.param(lambda: Verdict("corroborated", 1.5, 2), id="confidence"),
            pytest.param(lambda: Article(id="", outlet="A", text="x"), id="article-id"),
        ],
    )
    def test_validated_invariants(self, build):
        """Broken invariants raise ReconcileError subclasses that are also ValueErrors."""
        with pytest.raises(ReconcileError) as info:
            build()

        assert isinstance(info.value, ValueError)

    @pytest.mark.parametrize(
        "build",
        [
            pytest.param(lambda: Span(-1, 4), id="span-negative-start"),
            pytest.param(lambda: Verdict("confirmed", 0.5, 2), id="verdict-status"),
            pytest.param(
                lambda: Verdict("corroborated", 0.5, -1), id="verdict-origins"
            ),
            pytest.param(lambda: _date(precision="decade"), id="date-precision"),
            pytest.param(lambda: _claim(polarity="maybe"), id="claim-polarity"),
        ],
    )
    def test_attrs_validators(self, build):
        """Out-of-range enumerations and negative counts raise ReconcileError too."""
        with pytest.raises(ReconcileError):
            build()


class TestDateValue:
    def test_latest_before_earliest(self):
        """A date interval whose latest precedes its earliest raises InvalidValueError."""
        with pytest.raises(InvalidValueError, match="before earliest"):
            _date(earliest=date(2025, 1, 18), latest=JAN17)

    @pytest.mark.parametrize(
        ("earliest", "latest"),
        [(JAN17, None), (None, JAN17)],
        ids=["no-latest", "no-earliest"],
    )
    def test_half_open(self, earliest, latest):
        """Both bounds are set or neither is."""
        with pytest.raises(InvalidValueError, match="both"):
            _date(earliest=earliest, latest=latest)

    @pytest.mark.parametrize(
        ("earliest", "latest", "precision", "expected"),
        [
            (JAN17, JAN17, "day", "2025-01-17"),
            (date(2024, 6, 1), date(2024, 6, 30), "month", "2024-06"),
            (date(2022, 1, 1), date(2022, 12, 31), "year", "2022"),
            (date(2025, 1, 13), date(2025, 1, 17), "week", "2025-01-13/2025-01-17"),
            (None, None, "unresolved", None),
        ],
    )
    def test_normalized(self, earliest, latest, precision, expected):
        """``normalized`` is the ISO form at the mention's own precision."""
        value = _date(earliest=earliest, latest=latest, precision=precision)

        assert (expected, earliest is not None) == (value.normalized, value.resolved)

    def test_kind(self):
        """A date's kind is ``date``."""
        assert "date" == _date().kind


class TestQuantity:
    def test_low_above_high(self):
        """A quantity whose low exceeds its high raises InvalidValueError."""
        with pytest.raises(InvalidValueError, match="below low"):
            _quantity(low=25, high=20)

    @pytest.mark.parametrize("bad", [math.nan, "20", [20]])
    def test_bounds_are_numbers(self, bad):
        """Bounds are numbers or None (never NaN)."""
        with pytest.raises(InvalidValueError, match="number or None"):
            _quantity(low=bad)

    @pytest.mark.parametrize(
        ("low", "high", "approximate", "expected"),
        [
            (20, 20, False, "20 years"),
            (4, None, False, ">=4 years"),
            (None, 12000, False, "<=12000 years"),
            (10, 12, False, "10-12 years"),
            (2.5, 2.5, False, "2.5 years"),
            (300, 300, True, "~300 years"),
            (None, None, False, "? years"),
        ],
    )
    def test_normalized(self, low, high, approximate, expected):
        """``normalized`` is the compact interval form."""
        value = _quantity(low=low, high=high, approximate=approximate)

        assert expected == value.normalized

    def test_dimension(self):
        """Quantities compare within (unit, measure)."""
        assert ("people", "killed") == _quantity(
            unit="people", measure="killed"
        ).dimension


class TestValueTextMatchesSpan:
    @pytest.mark.parametrize(
        "build",
        [
            pytest.param(
                lambda: DateValue(text="on Friday", span=Span(0, 5)), id="date"
            ),
            pytest.param(
                lambda: Quantity(text="20-year", span=Span(0, 8)), id="quantity"
            ),
            pytest.param(
                lambda: Actor(text="Moscow", span=Span(0, 3), canonical="Moscow"),
                id="actor",
            ),
            pytest.param(lambda: _claim(span=Span(0, 3)), id="claim"),
        ],
    )
    def test_length_mismatch(self, build):
        """A value or claim whose text length differs from its span's raises InvalidSpanError."""
        with pytest.raises(InvalidSpanError, match="has length"):
            build()

    def test_value_outside_claim(self):
        """A claim's values must lie inside the claim's span."""
        outside = Quantity(text="20-year", span=Span(100, 107), low=20, high=20)

        with pytest.raises(InvalidSpanError, match="outside the claim's span"):
            _claim(values=[outside])


class TestVerdict:
    @pytest.mark.parametrize("confidence", [-0.01, 1.01, math.inf, math.nan])
    def test_confidence_outside_unit_interval(self, confidence):
        """Confidence outside [0, 1] raises InvalidValueError."""
        with pytest.raises(InvalidValueError, match=r"\[0, 1\]"):
            Verdict("corroborated", confidence, 2)

    @pytest.mark.parametrize("confidence", [0.0, 1.0])
    def test_confidence_bounds_inclusive(self, confidence):
        """Confidence 0 and 1 are allowed."""
        assert confidence == Verdict("single_source", confidence, 1).confidence


class TestArticle:
    def test_empty_id(self):
        """An article needs a non-empty id."""
        with pytest.raises(InvalidValueError, match="non-empty"):
            Article(id="", outlet="Desk A", text=TEXT)

    def test_metadata_mapping_becomes_sorted_items(self):
        """Metadata given as a mapping is stored as sorted (key, value) pairs."""
        article = Article(id="a", outlet="A", text=TEXT, metadata={"z": "1", "a": "2"})

        assert (("a", "2"), ("z", "1")) == article.metadata

    def test_source(self):
        """An article's source is its outlet."""
        assert Source("Desk A") == Article(id="a", outlet="Desk A", text=TEXT).source

    def test_raw_offset(self):
        """``raw_offset`` maps a cleaned offset back through the kept runs."""
        article = Article(
            id="a", outlet="A", text="abcdef", kept=[(0, 10, 3), (3, 20, 3)]
        )

        assert [10, 12, 20, 22] == [article.raw_offset(i) for i in (0, 2, 3, 5)]

    def test_json_article_with_list_metadata_is_hashable(self):
        """An article read from a JSON record with list-valued metadata is still hashable."""
        article = article_from_record(
            {
                "outlet": "Wire",
                "published": "2025-01-17",
                "text": "A pact was signed in Moscow.",
                "tags": ["iran", "russia"],
            },
            path="wire.json",
        )

        assert hash(article) == hash(attrs.evolve(article))


class TestValueSemantics:
    @pytest.mark.parametrize("name", EXAMPLES)
    def test_frozen(self, name):
        """Model objects cannot be changed after construction."""
        value = EXAMPLES[name]()
        field = attrs.fields(type(value))[0].name

        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            setattr(value, field, getattr(value, field))

    @pytest.mark.parametrize("name", EXAMPLES)
    def test_equal_by_value_and_hashable(self, name):
        """Two objects built alike are equal, hash alike and collapse in a set."""
        first, second = EXAMPLES[name](), EXAMPLES[name]()

        expected = (True, True, 1)
        assert expected == (
            first == second,
            hash(first) == hash(second),
            len({first, second}),
        )

    @pytest.mark.parametrize("name", EXAMPLES)
    def test_slotted(self, name):
        """Model objects are slotted (no per-instance ``__dict__``)."""
        assert not hasattr(EXAMPLES[name](), "__dict__")

    @pytest.mark.parametrize(
        ("first", "second"),
        [
            pytest.param(lambda: Span(0, 4), lambda: Span(0, 5), id="span"),
            pytest.param(
                lambda: _date(earliest=JAN17, latest=JAN17),
                lambda: _date(earliest=JAN17, latest=JAN17, role="signed"),
                id="date-role",
            ),
            pytest.param(
                lambda: _quantity(low=20, high=20),
                lambda: _quantity(low=20, high=25),
                id="quantity-high",
            ),
            pytest.param(
                lambda: _claim(),
                lambda: _claim(polarity="negated"),
                id="claim-polarity",
            ),
            pytest.param(
                lambda: Verdict("corroborated", 0.75, 2),
                lambda: Verdict("corroborated", 0.75, 3),
                id="verdict-origins",
            ),
            pytest.param(
                lambda: Article(id="a", outlet="A", text=TEXT),
                lambda: Article(id="a", outlet="A", text=TEXT, published=JAN17),
                id="article-published",
            ),
        ],
    )
    def test_differs_when_a_field_differs(self, first, second):
        """Objects differing in one field are unequal."""
        assert first() != second()


class TestFact:
    def test_defaults(self):
        """A bare fact is single-source with confidence 0 and no agreements or conflicts."""
        fact = EXAMPLES["Fact"]()

        expected = ("single_source", 0.0, (), ())
        assert expected == (
            fact.status,
            fact.verdict.confidence,
            fact.agreements,
            fact.conflicts,
        )

    def test_outlets_sorted_unique(self):
        """A fact's outlets are its claims' outlets, sorted, each once."""
        claims = [
            _claim(id="1", outlet="Zeta"),
            _claim(id="2", outlet="Alpha"),
            _claim(id="3", outlet="Zeta"),
        ]

        assert ("Alpha", "Zeta") == Fact(id="F1", statement=TEXT, claims=claims).outlets

    def test_claim_value_views(self):
        """A claim's dates, quantities, actors and places are filtered views of its values."""
        friday = _date(earliest=JAN17, latest=JAN17)
        term = _quantity(low=20, high=20)
        moscow = Actor(
            text="Moscow", span=Span(51, 57), canonical="Moscow", role="place"
        )
        russia = Actor(text="Russia", span=Span(0, 6), canonical="Russia")
        claim = _claim(values=[friday, term, moscow, russia])

        expected = ((friday,), (term,), (russia,), (moscow,))
        assert expected == (claim.dates, claim.quantities, claim.actors, claim.places)
