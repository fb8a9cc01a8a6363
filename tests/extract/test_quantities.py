"""Tests for reconcile.extract.quantities: figures as intervals with units and measures."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reconcile.extract.dates import find_dates
from reconcile.extract.quantities import find_quantities
from reconcile.model import Quantity, Span

Row = tuple[str, float | None, float | None, str, str | None]


def _rows(values: list[Quantity]) -> list[Row]:
    return [(q.text, q.low, q.high, q.unit, q.measure) for q in values]


class TestFindQuantities:
    @pytest.mark.parametrize(
        ("sentence", "expected"),
        [
            (
                "Officials counted 12,000 troops.",
                [("12,000 troops", 12000, 12000, "troops", None)],
            ),
            (
                "Officials counted 1,200 people.",
                [("1,200 people", 1200, 1200, "people", None)],
            ),
            (
                "It hit 1.2 million people.",
                [("1.2 million people", 1200000, 1200000, "people", None)],
            ),
            ("Iran pledged $3bn.", [("$3bn", 3000000000, 3000000000, "USD", None)]),
            ("Iran pledged £20m.", [("£20m", 20000000, 20000000, "GBP", None)]),
            (
                "It cost 3.5 billion dollars.",
                [("3.5 billion dollars", 3500000000, 3500000000, "USD", None)],
            ),
            ("Prices rose 21 per cent.", [("21 per cent", 21, 21, "percent", None)]),
            ("Prices rose 21%.", [("21%", 21, 21, "percent", None)]),
            ("The index was 6.4 on Monday.", [("6.4", 6.4, 6.4, "", None)]),
            (
                "A magnitude 6.4 earthquake struck.",
                [("magnitude 6.4", 6.4, 6.4, "magnitude", None)],
            ),
            (
                "A 6.4-magnitude quake struck.",
                [("6.4-magnitude", 6.4, 6.4, "magnitude", None)],
            ),
            ("Kyiv sent 30km of cable.", [("30km", 30, 30, "km", None)]),
        ],
    )
    def test_digits(self, sentence: str, expected: list[Row]) -> None:
        """Digits with separators, decimals, scales, currencies and percent signs are read exactly."""
        assert expected == _rows(find_quantities(sentence))

    @pytest.mark.parametrize(
        ("sentence", "expected"),
        [
            ("Four people were there.", [("Four people", 4, 4, "people", None)]),
            (
                "It sent twelve thousand troops.",
                [("twelve thousand troops", 12000, 12000, "troops", None)],
            ),
            (
                "A hundred people came.",
                [("A hundred people", 100, 100, "people", None)],
            ),
            ("It fired a dozen drones.", [("a dozen drones", 12, 12, "drones", None)]),
            (
                "It fired half a dozen drones.",
                [("half a dozen drones", 6, 6, "drones", None)],
            ),
            (
                "It hit two million people.",
                [("two million people", 2000000, 2000000, "people", None)],
            ),
            (
                "It sent twenty-five soldiers.",
                [("twenty-five soldiers", 25, 25, "troops", None)],
            ),
            (
                "It freed one hundred and five prisoners.",
                [("one hundred and five prisoners", 105, 105, "prisoners", None)],
            ),
            ("One person died.", [("One person", 1, 1, "people", "killed")]),
            (
                "Nine other people were wounded.",
                [("Nine other people", 9, 9, "people", "injured")],
            ),
            (
                "Half a million people fled.",
                [("Half a million people", 500000, 500000, "people", "displaced")],
            ),
        ],
    )
    def test_number_words(self, sentence: str, expected: list[Row]) -> None:
        """Number words, with "a", "half a", hundreds, thousands and dozens, are read as numbers."""
        assert expected == _rows(find_quantities(sentence))

    @pytest.mark.parametrize(
        ("sentence", "expected"),
        [
            ("It is under a 20-year pact.", [("20-year", 20, 20, "years", "term")]),
            (
                "They signed a 100-year partnership agreement.",
                [("100-year", 100, 100, "years", "term")],
            ),
            ("They struck a five-year deal.", [("five-year", 5, 5, "years", "term")]),
            (
                "The 20-year strategic partnership treaty was signed.",
                [("20-year", 20, 20, "years", "term")],
            ),
            (
                "The pact will last for 20 years.",
                [("20 years", 20, 20, "years", "term")],
            ),
            ("A 20-year-old man was hurt.", [("20-year-old", 20, 20, "years", "age")]),
            ("They held a two-day summit.", [("two-day", 2, 2, "days", None)]),
            ("A 40-member council met.", [("40-member", 40, 40, "members", None)]),
        ],
    )
    def test_hyphenated_terms(self, sentence: str, expected: list[Row]) -> None:
        """Hyphenated durations before an agreement noun are terms; "-year-old" is an age."""
        assert expected == _rows(find_quantities(sentence))

    @pytest.mark.parametrize(
        ("phrase", "low", "high", "approximate"),
        [
            ("at least 40 people", 40, None, False),
            ("more than 40 people", 40, None, False),
            ("over 40 people", 40, None, False),
            ("40 or more people", 40, None, False),
            ("40-plus people", 40, None, False),
            ("upwards of 40 people", 40, None, False),
            ("up to 40 people", None, 40, False),
            ("as many as 40 people", None, 40, False),
            ("no more than 40 people", None, 40, False),
            ("fewer than 40 people", None, 40, False),
            ("less than 40 people", None, 40, False),
            ("at most 40 people", None, 40, False),
            ("nearly 40 people", 36, 40, False),
            ("almost 40 people", 36, 40, False),
            ("about 40 people", 36, 44, True),
            ("around 40 people", 36, 44, True),
            ("some 40 people", 36, 44, True),
            ("roughly 40 people", 36, 44, True),
            ("approximately 40 people", 36, 44, True),
            ("an estimated 40 people", 36, 44, True),
            ("40 or so people", 36, 44, True),
            ("between 40 and 50 people", 40, 50, False),
            ("40 to 50 people", 40, 50, False),
            ("40-50 people", 40, 50, False),
            ("between four and six people", 4, 6, False),
            ("between 1 and 2 million people", 1000000, 2000000, False),
            ("40 people", 40, 40, False),
        ],
    )
    def test_modifiers(
        self, phrase: str, low: float | None, high: float | None, approximate: bool
    ) -> None:
        """Modifiers turn a number into an interval; comparatives are inclusive, "about" is ±10%."""
        (quantity,) = find_quantities(f"Officials counted {phrase} there.")
        assert (phrase, low, high, "people", approximate) == (
            quantity.text,
            quantity.low,
            quantity.high,
            quantity.unit,
            quantity.approximate,
        )

    @pytest.mark.parametrize(
        ("phrase", "low", "high", "unit"),
        [
            ("dozens of people", 24, 99, "people"),
            ("hundreds of homes", 200, 999, "homes"),
            ("thousands of Shahed drones", 2000, 9999, "drones"),
            ("tens of thousands of people", 20000, 99999, "people"),
            ("hundreds of thousands of people", 200000, 999999, "people"),
            ("millions of dollars", 2000000, 999000000, "USD"),
            ("a handful of drones", 3, 6, "drones"),
        ],
    )
    def test_vague_amounts(
        self, phrase: str, low: float, high: float, unit: str
    ) -> None:
        """Vague amounts are approximate intervals."""
        (quantity,) = find_quantities(f"Tehran supplied {phrase} to Moscow.")
        assert (phrase, low, high, unit, True) == (
            quantity.text,
            quantity.low,
            quantity.high,
            quantity.unit,
            quantity.approximate,
        )

    @pytest.mark.parametrize(
        ("sentence", "expected"),
        [
            (
                "A strike hit apartment blocks, killing at least four people.",
                [("at least four people", 4, None, "people", "killed")],
            ),
            (
                "At least four people were killed and nine hurt.",
                [
                    ("At least four people", 4, None, "people", "killed"),
                    ("nine", 9, 9, "people", "injured"),
                ],
            ),
            (
                "A strike killed four and injured 30.",
                [
                    ("four", 4, 4, "people", "killed"),
                    ("30", 30, 30, "people", "injured"),
                ],
            ),
            (
                "Three people died and 30 others were hurt.",
                [
                    ("Three people", 3, 3, "people", "killed"),
                    ("30 others", 30, 30, "people", "injured"),
                ],
            ),
            (
                "The death toll from the quake on Ecuador's Pacific coast rose to at least 15.",
                [("at least 15", 15, None, "people", "killed")],
            ),
            ("The quake's magnitude was 6.1.", [("6.1", 6.1, 6.1, "magnitude", None)]),
            (
                "The tremor measured 6.4 on the moment magnitude scale.",
                [("6.4", 6.4, 6.4, "magnitude", None)],
            ),
            (
                "21 people had died, after teams recovered six more bodies.",
                [
                    ("21 people", 21, 21, "people", "killed"),
                    ("six more bodies", 6, 6, "people", "killed"),
                ],
            ),
            (
                "Four people were killed and two more were hurt.",
                [
                    ("Four people", 4, 4, "people", "killed"),
                    ("two more", 2, 2, "people", "injured"),
                ],
            ),
            ("The death toll rose to 12.", [("12", 12, 12, "people", "killed")]),
            ("The strike left 12 dead.", [("12 dead", 12, 12, "people", "killed")]),
            ("Five people are missing.", [("Five people", 5, 5, "people", "missing")]),
            # Survivors are counted apart from the dead and from all aboard.
            (
                "At least 118 were killed, but thirty-nine passengers survived.",
                [
                    ("At least 118", 118, None, "people", "killed"),
                    ("thirty-nine passengers", 39, 39, "people", "survived"),
                ],
            ),
            (
                "Two people had been rescued and 85 were dead.",
                [
                    ("Two people", 2, 2, "people", "survived"),
                    ("85", 85, 85, "people", "killed"),
                ],
            ),
            (
                "Police said 118 were dead and 39 were alive.",
                [
                    ("118", 118, 118, "people", "killed"),
                    ("39", 39, 39, "people", "survived"),
                ],
            ),
            (
                "The two survivors were crew.",
                [("two survivors", 2, 2, "people", "survived")],
            ),
            # "All but" counts the exceptions: not the killed.
            (
                "All but two passengers were killed.",
                [("two passengers", 2, 2, "people", None)],
            ),
            (
                "About 2,000 people were displaced.",
                [("About 2,000 people", 1800, 2200, "people", "displaced")],
            ),
            (
                "Police evacuated 300 residents.",
                [("300 residents", 300, 300, "people", "evacuated")],
            ),
            (
                "Police arrested 12 protesters.",
                [("12 protesters", 12, 12, "people", "arrested")],
            ),
            (
                "Six missiles killed four people.",
                [
                    ("Six missiles", 6, 6, "missiles", None),
                    ("four people", 4, 4, "people", "killed"),
                ],
            ),
            (
                "The quake, measuring 6.4, killed 3.",
                [("6.4", 6.4, 6.4, "", None), ("3", 3, 3, "people", "killed")],
            ),
            (  # a contrasting clause is another statement: they survived
                "Dozens of people were pulled out alive, but several died.",
                [("Dozens of people", 24, 99, "people", "survived")],
            ),
            (  # an aside closed by a comma is not
                "Twelve people, but not the pilot, were killed.",
                [("Twelve people", 12, 12, "people", "killed")],
            ),
        ],
    )
    def test_measures(self, sentence: str, expected: list[Row]) -> None:
        """Each figure takes the nearest measure cue; a bare number carries the previous unit over."""
        assert expected == _rows(find_quantities(sentence))

    def test_killed_and_injured_are_different_dimensions(self) -> None:
        """Killed and injured counts of people are never the same dimension."""
        killed, injured = find_quantities(
            "At least four people were killed and nine hurt."
        )
        assert (("people", "killed"), ("people", "injured")) == (
            killed.dimension,
            injured.dimension,
        )

    @pytest.mark.parametrize(
        ("sentence", "expected"),
        [
            ("Officials said at least four people died.", ">=4 people"),
            ("Moscow signed a 20-year pact.", "20 years"),
            ("Pyongyang sent up to 12,000 troops.", "<=12000 troops"),
            ("Officials said about 300 people fled.", "~270-330 people"),
        ],
    )
    def test_normalized(self, sentence: str, expected: str) -> None:
        """The normalized form is the compact interval of the report."""
        (quantity,) = find_quantities(sentence)
        assert expected == quantity.normalized

    @pytest.mark.parametrize(
        "sentence",
        [
            "by Anna Fratsyvir April 21, 2025 3:54 PM 2 min read",
            "He began his second term.",
            "The Kyiv Independent's first-ever magazine.",
            "He is one of the leaders.",
            "It was the one that won.",
            "No one was hurt.",
            "They helped one another.",
            "It hit an S-400 system.",
            "Russia makes the Geran-2.",
            "Covid-19 spread.",
            "The G7 met.",
            "Ties grew in 2022.",
            "The 2025 elections were held.",
            "The memo is dated 17/01/2025.",
            "It runs 24/7.",
            "Music of the 1990s.",
            "A one-off payment was made.",
            "Two-thirds of voters agreed.",
            "In the 21st century.",
            "They met two days ago.",
            "They met 3 weeks ago.",
            "A Boeing 737 crashed.",
            "It was a 3-1 win.",
            "They met on Jan. 17.",
            "They met on 17 January.",
            "The two met.",
            "At 8 a.m. they met.",
            "I ran,” said Marisol Vera, 38, who sells fish.",
            "“We share one intention,” he said.",
        ],
    )
    def test_non_quantities(self, sentence: str) -> None:
        """Dates, times, ordinals, designations, reading times and the pronoun "one" are not figures."""
        assert [] == find_quantities(sentence)

    def test_excluded_spans_are_skipped(self) -> None:
        """Candidates overlapping an excluded span (the clause's dates) are skipped."""
        text = "Between April 8 and April 16, 12 people died."
        dates = find_dates(text, published=date(2025, 4, 21), offset=40)
        quantities = find_quantities(text, offset=40, exclude=[v.span for v in dates])
        assert [("12 people", 12, 12, "people", "killed")] == _rows(quantities)

    def test_exclude_can_remove_a_figure(self) -> None:
        """An excluded span removes the figure it overlaps."""
        assert [] == find_quantities(
            "Officials counted 12 people.", offset=10, exclude=[Span(28, 30)]
        )

    def test_spans_shift_by_offset(self) -> None:
        """Spans are offsets into the article: the clause's offset is added."""
        (quantity,) = find_quantities("It killed at least four people.", offset=50)
        assert Span(60, 80) == quantity.span


# --- properties ------------------------------------------------------------

SMALL = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
TENS = [
    "",
    "",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
]
MODIFIERS = [
    "at least",
    "more than",
    "over",
    "up to",
    "as many as",
    "no more than",
    "fewer than",
    "less than",
    "nearly",
    "almost",
    "about",
    "around",
    "some",
    "roughly",
    "an estimated",
    "",
]
PHRASES = [
    "at least four people",
    "up to 12,000 troops",
    "thousands of drones",
    "a 20-year",
    "21%",
    "$3bn",
    "nine civilians",
    "between 10 and 20 homes",
]
FILLERS = ["Russia", "said", "pact", "signed", "Iran", "met", "Moscow", "and", "with"]


def _under_hundred(n: int) -> str:
    if n < 20:
        return SMALL[n]
    tens, ones = divmod(n, 10)
    return TENS[tens] + (f"-{SMALL[ones]}" if ones else "")


def _under_thousand(n: int, use_and: bool) -> str:
    hundreds, rest = divmod(n, 100)
    words = [f"{SMALL[hundreds]} hundred"] if hundreds else []
    if rest:
        words += ["and"] if hundreds and use_and else []
        words.append(_under_hundred(rest))
    return " ".join(words)


def _to_words(n: int, use_and: bool) -> str:
    """English words for 0 <= n < 1,000,000, British ("and") or American style."""
    if n == 0:
        return "zero"
    thousands, rest = divmod(n, 1000)
    words = [f"{_under_thousand(thousands, use_and)} thousand"] if thousands else []
    if rest:
        words += ["and"] if thousands and rest < 100 and use_and else []
        words.append(_under_thousand(rest, use_and))
    return " ".join(words)


class TestUnitsOfTwoSystems:
    def test_miles_are_kept_in_kilometres(self):
        """ "178 miles" is compared with "288 kilometres": the value is kept in
        kilometres, the text as the outlet wrote it."""
        (miles,) = find_quantities("The airport lies 178 miles from Seoul.")
        assert (miles.text, miles.unit) == ("178 miles", "km")
        assert miles.low == miles.high == pytest.approx(286.463, abs=0.001)

    def test_two_outlets_distances_in_miles_and_kilometres_agree(self):
        from reconcile import reconcile
        from reconcile.model import Article

        published = date(2024, 12, 29)
        articles = [
            Article(
                id="a",
                outlet="Desk A",
                text="Muan airport lies about 288 kilometres south of Seoul.",
                published=published,
            ),
            Article(
                id="b",
                outlet="Desk B",
                text="Muan airport lies approximately 178 miles south of Seoul.",
                published=published,
            ),
        ]
        (fact,) = [f for f in reconcile(articles).facts if f.attribute == "km"]
        assert {c.article_id for c in fact.claims} == {"a", "b"}
        assert fact.status == "corroborated"


class TestQuantityProperties:
    @given(
        n=st.integers(min_value=0, max_value=999_999),
        use_and=st.booleans(),
        commas=st.booleans(),
    )
    def test_words_and_digits_agree(self, n: int, use_and: bool, commas: bool) -> None:
        """A number written in words and in digits gives the same quantity."""
        digits = f"{n:,}" if commas else str(n)
        quantities = [
            find_quantities(f"Officials said {written} people were there.")
            for written in (_to_words(n, use_and), digits)
        ]
        assert [[(n, n, "people")]] * 2 == [
            [(q.low, q.high, q.unit) for q in found] for found in quantities
        ]

    @given(
        n=st.integers(min_value=1, max_value=999_999),
        modifier=st.sampled_from(MODIFIERS),
    )
    def test_modifier_intervals_contain_the_number(self, n: int, modifier: str) -> None:
        """Every modifier gives an interval that contains the number written (comparatives are inclusive)."""
        phrase = f"{modifier} {n:,} people".strip()
        (quantity,) = find_quantities(f"Officials said {phrase} were there.")
        assert phrase == quantity.text
        assert quantity.low is None or quantity.low <= n
        assert quantity.high is None or n <= quantity.high

    @given(
        pieces=st.lists(
            st.sampled_from(PHRASES) | st.sampled_from(FILLERS), max_size=10
        ),
        offset=st.integers(min_value=0, max_value=10_000),
    )
    def test_spans_are_exact(self, pieces: list[str], offset: int) -> None:
        """Every figure's text is exactly the clause's characters at its span, shifted by the offset."""
        text = " ".join(["Officials", *pieces, "today"])
        found = find_quantities(text, offset=offset)
        expected = [p.removeprefix("a ") for p in pieces if p in PHRASES]
        assert expected == [q.text for q in found]
        assert all(
            q.text == text[q.span.start - offset : q.span.end - offset] for q in found
        )


class TestLabelsAndClocks:
    @pytest.mark.parametrize(
        "text",
        [
            "In line with article 50 of the constitution, he must resign.",
            "Flight 214 crashed on landing.",
            "The bus on route 66 overturned.",
            "The wreck of Southwest Chief Train No. 4 lay on its side.",
            "CBS 2's reporter said helicopters were needed.",
        ],
    )
    def test_a_number_a_label_noun_names_counts_nothing(self, text: str) -> None:
        """'article 50', 'Flight 214', 'route 66', 'No. 4' name a thing (lexicon
        ``label_nouns``), in any case and at the start of a sentence too; a
        number with a possessive ("CBS 2's") is part of a name."""
        assert find_quantities(text) == []

    @pytest.mark.parametrize(
        ("text", "found"),
        [
            (
                "Of the 41 planes in its fleet, 39 are Boeing 737-800 aircraft.",
                [("41 planes", 41, "planes"), ("39", 39, "planes")],
            ),
            (
                "Seoul will inspect all 101 Boeing 737-800 planes in the country.",
                [("101", 101, "planes")],
            ),
            ("The Route 66 motels closed.", []),
            ("Mateo Salvini's League 8.9%.", [("8.9%", 8.9, "percent")]),
            (
                "Its epicentre lay in the Pacific about 14 km away.",
                [("about 14 km", 12.6, "km")],
            ),
            (
                "Sudan's 30 million people voted.",
                [("30 million people", 30_000_000, "people")],
            ),
            ("On Monday 12 people arrived.", [("12 people", 12, "people")]),
        ],
        ids=[
            "model",
            "a count before the name",
            "route",
            "a measure owned",
            "a measure after a modifier",
            "possessive",
            "a weekday",
        ],
    )
    def test_a_designation_with_a_noun_counts_nothing(self, text, found) -> None:
        """'Boeing 737-800 aircraft' names a model, not 737 to 800 aircraft: a
        number of things right after a capitalised name is its designation,
        and a bare count before the name counts its noun. A measure after a
        name is the name's ('the League 8.9%'), and so is a figure after a
        possessive."""
        assert [(q.text, q.low, q.unit) for q in find_quantities(text)] == found

    def test_a_count_after_a_label_still_counts(self) -> None:
        found = find_quantities("Flight 214 carried 307 people.")
        assert [(q.text, q.low) for q in found] == [("307 people", 307)]

    def test_a_unit_that_labels_the_next_figure_counts_nothing(self) -> None:
        """'two magnitude 6.3 earthquakes' has a magnitude of 6.3, not one of 2."""
        found = find_quantities("Officials said two magnitude 6.3 earthquakes hit.")
        assert [(q.text, q.low, q.unit) for q in found] == [
            ("magnitude 6.3", 6.3, "magnitude")
        ]

    @pytest.mark.parametrize(
        "text",
        [
            "The first tremor came at 11:10 local time (0640 GMT).",
            "The plane landed at 0903 local time.",
            "The blast was heard at 2230 UTC.",
        ],
    )
    def test_a_time_of_day_is_no_figure(self, text: str) -> None:
        assert find_quantities(text) == []

    def test_a_figure_before_a_plain_noun_is_kept(self) -> None:
        (found,) = find_quantities("Some 1,500 people marched.")
        assert found.unit == "people"


class TestCollectiveNouns:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("Approximately 147 passengers and 13 crew were on board.", "13 crew"),
            ("About 40 staff were evacuated.", "About 40 staff"),
            ("The train carried 243 passengers and 16 crew.", "16 crew"),
        ],
    )
    def test_a_singular_noun_after_a_number_is_what_it_counts(
        self, text: str, expected: str
    ) -> None:
        """'13 crew', '40 staff': a collective noun counts as a plural does."""
        (found,) = [q for q in find_quantities(text) if q.text == expected]
        assert found.unit == expected.split()[-1]

    @pytest.mark.parametrize(
        "text",
        [
            "Around 2,000 protest across France.",  # a verb
            "It arrived at 12 noon.",  # a time
            "A 6.3 quake hit the coast.",  # not a whole number
        ],
    )
    def test_a_singular_word_that_counts_nothing_gives_no_unit(self, text: str) -> None:
        assert all(
            q.unit in ("", "magnitude", "police officers")
            for q in find_quantities(text)
        )

    def test_miles_per_hour_is_a_unit(self) -> None:
        (found,) = find_quantities("The train was going 87 mph at the time.")
        assert (found.text, found.unit) == ("87 mph", "mph")


class TestAcronymPlurals:
    @pytest.mark.parametrize(
        ("text", "unit"),
        [
            ("That time 331 MPs voted against him.", "mps"),
            ("Some 20 IEDs were found.", "ieds"),
        ],
    )
    def test_an_acronyms_plural_is_what_a_number_counts(
        self, text: str, unit: str
    ) -> None:
        (found,) = find_quantities(text)
        assert found.unit == unit

    def test_a_short_word_ending_in_s_is_no_plural(self) -> None:
        """'gas' is a word (lemminflect): '3 gas leaks' counts leaks."""
        (found,) = find_quantities("It had 3 gas leaks.")
        assert found.unit == "gas leaks"

    def test_a_word_cut_short_by_an_accent_is_no_plural(self) -> None:
        """'San José' reads as "jos" in a-z: no acronym's plural."""
        found = find_quantities("The 6.9 shook San José on Monday.")
        assert [(q.text, q.unit) for q in found] == [("6.9", "")]
