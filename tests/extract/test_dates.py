"""Tests for reconcile.extract.dates: date mentions and their day intervals."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reconcile.extract.dates import (
    _is_future,
    find_dates,
    parse_date_mention,
    resolve_relative_date,
)
from reconcile.model import DateValue, Span

FRI = date(2025, 1, 17)  # a Friday
SAT = date(2025, 1, 18)
MON = date(2025, 4, 21)

Row = tuple[str, date | None, date | None, str]


def _rows(values: list[DateValue]) -> list[Row]:
    return [(v.text, v.earliest, v.latest, v.precision) for v in values]


def _day(text: str, day: date) -> Row:
    return (text, day, day, "day")


def d(year: int, month: int, day: int) -> date:
    return date(year, month, day)


class TestFindDates:
    @pytest.mark.parametrize(
        ("sentence", "published", "expected"),
        [
            ("They met on Jan. 17.", MON, [_day("on Jan. 17", d(2025, 1, 17))]),
            ("They met Jan 17 in Moscow.", MON, [_day("Jan 17", d(2025, 1, 17))]),
            ("They met on January 17.", MON, [_day("on January 17", d(2025, 1, 17))]),
            (
                "It was signed on January 17, 2025.",
                None,
                [_day("on January 17, 2025", d(2025, 1, 17))],
            ),
            (
                "It was signed on 17 January 2025.",
                None,
                [_day("on 17 January 2025", d(2025, 1, 17))],
            ),
            (
                "It was signed on 17 Jan 2025.",
                None,
                [_day("on 17 Jan 2025", d(2025, 1, 17))],
            ),
            (
                "It was signed on the 17th of January 2025.",
                None,
                [_day("on the 17th of January 2025", d(2025, 1, 17))],
            ),
            ("Talks began on Sept. 3.", MON, [_day("on Sept. 3", d(2024, 9, 3))]),
            (
                "The war began on March 3, 2019.",
                None,
                [_day("on March 3, 2019", d(2019, 3, 3))],
            ),
            (
                "The memo is dated 2025-01-17.",
                None,
                [_day("2025-01-17", d(2025, 1, 17))],
            ),
            (
                "On Friday, Jan. 17, 2025, they met.",
                None,
                [_day("On Friday, Jan. 17, 2025", d(2025, 1, 17))],
            ),
            (
                "The talks ran Jan. 16-17.",
                FRI,
                [("Jan. 16-17", d(2025, 1, 16), d(2025, 1, 17), "week")],
            ),
        ],
    )
    def test_absolute_days(
        self, sentence: str, published: date | None, expected: list[Row]
    ) -> None:
        """Absolute day forms resolve to one day, keeping their preposition in the text."""
        assert expected == _rows(find_dates(sentence, published=published))

    @pytest.mark.parametrize(
        ("sentence", "published", "expected"),
        [
            ("It was initially signed on Jan. 17.", MON, d(2025, 1, 17)),
            ("The Duma approved it on April 8.", MON, d(2025, 4, 8)),
            ("State media reported on April 21.", MON, d(2025, 4, 21)),
            ("It passed on May 2.", MON, d(2024, 5, 2)),
            ("The Duma will vote on April 28.", MON, d(2025, 4, 28)),
            ("The Duma will vote on April 8.", MON, d(2026, 4, 8)),
            ("The summit is due to open on Feb. 29.", MON, d(2028, 2, 29)),
        ],
    )
    def test_days_without_a_year(
        self, sentence: str, published: date, expected: date
    ) -> None:
        """A year-less day is the latest on or before publication, or the next on or after in the future tense."""
        (value,) = find_dates(sentence, published=published)
        assert (expected, expected, "day") == (
            value.earliest,
            value.latest,
            value.precision,
        )

    @pytest.mark.parametrize(
        ("sentence", "published", "expected"),
        [
            (
                "He signed a pact in June 2024.",
                None,
                ("in June 2024", d(2024, 6, 1), d(2024, 6, 30), "month"),
            ),
            (
                "The treaty dates from January 2025.",
                None,
                ("from January 2025", d(2025, 1, 1), d(2025, 1, 31), "month"),
            ),
            (
                "It was signed in January.",
                FRI,
                ("in January", d(2025, 1, 1), d(2025, 1, 31), "month"),
            ),
            (
                "It was signed in June.",
                FRI,
                ("in June", d(2024, 6, 1), d(2024, 6, 30), "month"),
            ),
            (
                "It will be signed in June.",
                FRI,
                ("in June", d(2025, 6, 1), d(2025, 6, 30), "month"),
            ),
            (
                "Fighting eased in mid-January.",
                FRI,
                ("in mid-January", d(2025, 1, 1), d(2025, 1, 31), "month"),
            ),
            (
                "Fighting eased in early June 2024.",
                None,
                ("in early June 2024", d(2024, 6, 1), d(2024, 6, 30), "month"),
            ),
            (
                "Russia may vote in May.",
                FRI,
                ("in May", d(2024, 5, 1), d(2024, 5, 31), "month"),
            ),
            (
                "It was signed last January.",
                FRI,
                ("last January", d(2024, 1, 1), d(2024, 1, 31), "month"),
            ),
            (
                "The invasion began in 2022.",
                None,
                ("in 2022", d(2022, 1, 1), d(2022, 12, 31), "year"),
            ),
            (
                "In 2022 troops crossed the border.",
                None,
                ("In 2022", d(2022, 1, 1), d(2022, 12, 31), "year"),
            ),
            (
                "Ties have grown since 2022.",
                None,
                ("since 2022", d(2022, 1, 1), d(2022, 12, 31), "year"),
            ),
            (
                "Output will double by 2030.",
                None,
                ("by 2030", d(2030, 1, 1), d(2030, 12, 31), "year"),
            ),
            (
                "It began in early 2022.",
                None,
                ("in early 2022", d(2022, 1, 1), d(2022, 12, 31), "year"),
            ),
            (
                "It has grown since mid-2022.",
                None,
                ("since mid-2022", d(2022, 1, 1), d(2022, 12, 31), "year"),
            ),
            (
                "It ended in the summer of 2023.",
                None,
                ("in the summer of 2023", d(2023, 1, 1), d(2023, 12, 31), "year"),
            ),
        ],
    )
    def test_months_and_years(
        self, sentence: str, published: date | None, expected: Row
    ) -> None:
        """Months and years cover their whole month or year; mid-, early and late keep it whole."""
        assert [expected] == _rows(find_dates(sentence, published=published))

    @pytest.mark.parametrize(
        ("sentence", "published", "expected"),
        [
            ("Russia and Iran signed a pact on Friday.", FRI, _day("on Friday", FRI)),
            ("Russia and Iran signed a pact on Friday.", SAT, _day("on Friday", FRI)),
            ("Putin spoke on Monday.", MON, _day("on Monday", MON)),
            (
                "Mr Trump, who will be inaugurated on Monday, is expected to act.",
                FRI,
                _day("on Monday", d(2025, 1, 20)),
            ),
            (
                "The bill is due to pass on Monday.",
                FRI,
                _day("on Monday", d(2025, 1, 20)),
            ),
            (
                "He is expected to speak on Friday.",
                FRI,
                _day("on Friday", d(2025, 1, 24)),
            ),
            (
                "On Monday, Trump will be sworn in.",
                SAT,
                _day("On Monday", d(2025, 1, 20)),
            ),
            ("They meet next Monday.", FRI, _day("next Monday", d(2025, 1, 20))),
            ("They met last Friday.", FRI, _day("last Friday", d(2025, 1, 10))),
            ("They met last Friday.", SAT, _day("last Friday", FRI)),
            (
                "Donald Trump, who takes the oath of office on Monday, has vowed to act.",
                SAT,
                _day("on Monday", d(2025, 1, 20)),
            ),
            (
                "Mr Pezeshkian was due to fly back on Saturday.",
                FRI,
                _day("on Saturday", d(2025, 1, 18)),
            ),
            (
                "Missiles hit Kyiv on Tuesday night.",
                FRI,
                _day("on Tuesday night", d(2025, 1, 14)),
            ),
            (
                "Kyiv said Thursday that it had won.",
                FRI,
                _day("Thursday", d(2025, 1, 16)),
            ),
        ],
    )
    def test_weekdays(self, sentence: str, published: date, expected: Row) -> None:
        """A weekday is the latest on or before publication, or the next strictly after in the future tense."""
        assert [expected] == _rows(find_dates(sentence, published=published))

    @pytest.mark.parametrize(
        ("sentence", "expected"),
        [
            ("It happened today.", _day("today", FRI)),
            ("Talks resume tonight.", _day("tonight", FRI)),
            ("He spoke this morning.", _day("this morning", FRI)),
            ("He spoke yesterday.", _day("yesterday", d(2025, 1, 16))),
            ("Yesterday morning he spoke.", _day("Yesterday morning", d(2025, 1, 16))),
            ("Sirens sounded last night.", _day("last night", d(2025, 1, 16))),
            ("He arrived the day before.", _day("the day before", d(2025, 1, 16))),
            (
                "He left the day before yesterday.",
                _day("the day before yesterday", d(2025, 1, 15)),
            ),
            ("He leaves tomorrow.", _day("tomorrow", d(2025, 1, 18))),
            ("They met two days ago.", _day("two days ago", d(2025, 1, 15))),
            ("They met 12 days ago.", _day("12 days ago", d(2025, 1, 5))),
            (
                "They met last week.",
                ("last week", d(2025, 1, 6), d(2025, 1, 12), "week"),
            ),
            (
                "Earlier this week, Kyiv met.",
                ("Earlier this week", d(2025, 1, 13), FRI, "week"),
            ),
            (
                "They meet this week.",
                ("this week", d(2025, 1, 13), d(2025, 1, 19), "week"),
            ),
            (
                "They meet later this week.",
                ("later this week", FRI, d(2025, 1, 19), "week"),
            ),
            (
                "They meet next week.",
                ("next week", d(2025, 1, 20), d(2025, 1, 26), "week"),
            ),
            (
                "They met three weeks ago.",
                ("three weeks ago", d(2024, 12, 24), d(2024, 12, 30), "week"),
            ),
            (
                "They met at the weekend.",
                ("at the weekend", d(2025, 1, 11), d(2025, 1, 12), "week"),
            ),
            (
                "They will meet at the weekend.",
                ("at the weekend", d(2025, 1, 18), d(2025, 1, 19), "week"),
            ),
            (
                "They met last weekend.",
                ("last weekend", d(2025, 1, 11), d(2025, 1, 12), "week"),
            ),
            (
                "Prices rose this month.",
                ("this month", d(2025, 1, 1), d(2025, 1, 31), "month"),
            ),
            (
                "Prices rose earlier this month.",
                ("earlier this month", d(2025, 1, 1), FRI, "month"),
            ),
            (
                "Prices rose last month.",
                ("last month", d(2024, 12, 1), d(2024, 12, 31), "month"),
            ),
            (
                "Prices rose a month ago.",
                ("a month ago", d(2024, 12, 1), d(2024, 12, 31), "month"),
            ),
            (
                "Prices rose this year.",
                ("this year", d(2025, 1, 1), d(2025, 12, 31), "year"),
            ),
            (
                "Prices rose last year.",
                ("last year", d(2024, 1, 1), d(2024, 12, 31), "year"),
            ),
            (
                "Prices rose two years ago.",
                ("two years ago", d(2023, 1, 1), d(2023, 12, 31), "year"),
            ),
            (
                "Prices have risen since yesterday.",
                _day("since yesterday", d(2025, 1, 16)),
            ),
        ],
    )
    def test_relative_dates(self, sentence: str, expected: Row) -> None:
        """Relative days, weeks (Monday to Sunday), months and years anchor to publication."""
        assert [expected] == _rows(find_dates(sentence, published=FRI))

    @pytest.mark.parametrize(
        ("sentence", "expected"),
        [
            ("They signed on Friday.", "on Friday"),
            ("They met last week.", "last week"),
            ("They met on Jan. 17.", "on Jan. 17"),
            ("He spoke yesterday.", "yesterday"),
            ("They met in January.", "in January"),
            ("They met two days ago.", "two days ago"),
        ],
    )
    def test_unanchored_dates_stay_unresolved(
        self, sentence: str, expected: str
    ) -> None:
        """Without a publication date, relative and year-less dates are unresolved, not guessed."""
        assert [(expected, None, None, "unresolved")] == _rows(
            find_dates(sentence, published=None)
        )

    @pytest.mark.parametrize(
        "sentence",
        [
            "Co-operation is planned under the 20-year pact.",
            "They signed a 100-year partnership.",
            "Pyongyang sent up to 12,000 troops.",
            "At least four people were killed.",
            "April 3:54 PM 2 min read",
            "They fired six Atacms missiles.",
            "Russia may respond in kind.",
            "May I ask?",
            "A march through Kyiv drew crowds.",
            "The Sun newspapers reported it.",
            "The Sunday Times reported it.",
            "Pilgrims gathered on Good Friday.",
            "Russia Today reported the strike.",
            "He was 42.",
            "2022 was a hard year.",
            "Fire reached the 1850 residents of the valley.",
            "The memo is dated 17/01/2025.",
            "He arrived the day before the summit.",
            "It was the last week of June.",
            "Ties grow every year.",
            "They meet on Fridays.",
            "Get the newsletter every Monday.",
            "Fires burned in 1500 homes.",
        ],
    )
    def test_non_dates(self, sentence: str) -> None:
        """Numbers, terms, times, modal "may", newspapers and bare years are not dates."""
        assert [] == find_dates(sentence, published=FRI)

    @pytest.mark.parametrize(
        ("sentence", "text"),
        [
            ("The 2022 invasion changed everything.", "2022"),
            ("The 1993 crash of an Asiana plane killed 66.", "1993"),
            ("Italy's 2018 general election was close.", "2018"),
            ("The 2002 Air China crash killed 129.", "2002"),
        ],
    )
    def test_a_year_between_a_determiner_and_its_noun_dates_it(
        self, sentence: str, text: str
    ) -> None:
        """ "the 1993 crash": the year of a background event, which binding gives
        to that event; a count ("the 1850 residents") is no year."""
        (value,) = find_dates(sentence, published=FRI)
        assert (value.text, value.precision) == (text, "year")

    @pytest.mark.parametrize(
        "sentence",
        [
            "Diplomatic relations between Laos and Peru date back to 1987.",
            "Their ties, dating back to 1987, were cut.",
        ],
    )
    def test_a_year_that_something_goes_back_to_is_a_date(self, sentence: str) -> None:
        (value,) = find_dates(sentence, published=FRI)
        assert (value.text, value.normalized) == ("back to 1987", "1987")

    def test_a_year_a_figure_rises_to_is_no_date(self) -> None:
        assert find_dates("Arrivals rose to 1987 last month.", published=FRI)[
            0
        ].text == ("last month")

    def test_spans_shift_by_offset(self) -> None:
        """Spans are offsets into the article: the clause's offset is added."""
        (value,) = find_dates("They signed it on Friday.", published=FRI, offset=100)
        assert Span(115, 124) == value.span

    def test_two_dates_of_a_range(self) -> None:
        """A range "between April 8 and April 16" gives its two ends as two mentions."""
        values = find_dates(
            "It was debated between April 8 and April 16.", published=MON
        )
        assert [
            _day("April 8", d(2025, 4, 8)),
            _day("April 16", d(2025, 4, 16)),
        ] == _rows(values)

    def test_seed_sentence(self) -> None:
        """The seed's ratification sentence yields both year-less days in the past."""
        text = (
            "The law on the treaty was approved by the State Duma, the lower house of Russia's "
            "parliament, on April 8 and passed the Federation Council on April 16, with the "
            "presidential signature remaining as the final step."
        )
        expected = [
            _day("on April 8", d(2025, 4, 8)),
            _day("on April 16", d(2025, 4, 16)),
        ]
        assert expected == _rows(find_dates(text, published=MON))


class TestOrdinalDays:
    """ "on the 29th": a day of a month the article leaves unsaid."""

    @pytest.mark.parametrize(
        ("sentence", "published", "expected"),
        [
            (
                "The disaster at Muan Airport on the 29th is likely to leave more.",
                d(2024, 12, 30),
                [_day("on the 29th", d(2024, 12, 29))],
            ),
            # the 29th before a report of Jan. 2 is last December's
            (
                "It crashed on the 29th.",
                d(2025, 1, 2),
                [_day("on the 29th", d(2024, 12, 29))],
            ),
            # no Nov. 31: the last 31st before Dec. 2 is Oct. 31
            (
                "He died on the 31st.",
                d(2024, 12, 2),
                [_day("on the 31st", d(2024, 10, 31))],
            ),
            (
                "The vote will be held on the 2nd.",
                d(2024, 12, 30),
                [_day("on the 2nd", d(2025, 1, 2))],
            ),
            (
                "It was announced on the 30th that a jet returned.",
                d(2024, 12, 30),
                [_day("on the 30th", d(2024, 12, 30))],
            ),
            ("They lived there by the 19th century.", d(2024, 12, 30), []),
            ("The fire started on the 5th floor.", d(2024, 12, 30), []),
        ],
    )
    def test_a_day_of_the_month_alone(self, sentence, published, expected):
        assert _rows(find_dates(sentence, published=published)) == expected

    def test_unresolved_without_a_publication_date(self):
        (found,) = find_dates("It crashed on the 29th.", published=None)
        assert found.text == "on the 29th" and found.earliest is None


class TestIsFuture:
    @pytest.mark.parametrize(
        ("sentence", "mention", "expected"),
        [
            (
                "Mr Trump, who will be inaugurated on Monday, is expected to act.",
                "on Monday",
                True,
            ),
            ("The vote is due to take place on Monday.", "on Monday", True),
            ("He is expected to arrive on Monday.", "on Monday", True),
            ("Kyiv is set to sign on Monday.", "on Monday", True),
            ("The summit is scheduled for Monday.", "Monday", True),
            ("Putin plans to visit on Monday.", "on Monday", True),
            ("Trump takes the oath of office on Monday.", "on Monday", True),
            ("Organisers expect crowds at the weekend.", "at the weekend", True),
            ("Putin greets Pezeshkian in Moscow on Friday.", "on Friday", False),
            ("We'll know on Monday.", "on Monday", True),
            ("On Monday, Trump will be sworn in.", "On Monday", True),
            (
                "They signed a pact on Friday that their leaders said would strengthen ties.",
                "on Friday",
                False,
            ),
            ("Putin said on Friday that he will visit.", "on Friday", False),
            ("Putin will visit Xi, and Trump met Modi on Monday.", "on Monday", False),
            ("The Duma approved it on April 8.", "on April 8", False),
            # A verb in the past tense between the cue and the mention is a
            # past clause the date belongs to; a participle after an
            # auxiliary, a present ("cut") or a modal ("could") is not.
            (
                "The US will hold off on tariffs, President Donald Trump said Saturday.",
                "Saturday",
                False,
            ),
            (
                "He will resign three months after he took office on Sept. 5.",
                "on Sept. 5",
                False,
            ),
            ("In April, he announced plans to visit China.", "In April", False),
            (
                "A flight coming back from Bangkok tried to land on Monday.",
                "on Monday",
                False,
            ),
            ("The treaty will be formally signed on Friday.", "on Friday", True),
            ("Both leaders will have signed it by Friday.", "by Friday", True),
            ("Rail services will be heavily cut on Tuesday.", "on Tuesday", True),
            ("He will meet leaders who could sign on Monday.", "on Monday", True),
        ],
    )
    def test_tense_cues(self, sentence: str, mention: str, expected: bool) -> None:
        """Future cues before the mention in its clause (or after it, when it opens the clause) mean future."""
        start = sentence.index(mention)
        assert expected == _is_future(sentence, start, start + len(mention))

    def test_a_past_report_of_a_future_plan_resolves_to_the_past(self) -> None:
        (found,) = find_dates(
            "The US will hold off on tariffs, Trump said Saturday.",
            published=date(2019, 7, 1),
        )
        assert found.earliest == date(2019, 6, 29)


class TestResolveRelativeDate:
    @pytest.mark.parametrize(
        ("expression", "published", "future", "expected"),
        [
            ("Friday", FRI, False, (FRI, FRI, "day")),
            ("on Friday", SAT, False, (FRI, FRI, "day")),
            ("friday", SAT, False, (FRI, FRI, "day")),
            ("Monday", FRI, True, (d(2025, 1, 20), d(2025, 1, 20), "day")),
            ("last week", FRI, False, (d(2025, 1, 6), d(2025, 1, 12), "week")),
            ("yesterday", FRI, False, (d(2025, 1, 16), d(2025, 1, 16), "day")),
            ("Jan. 17", MON, False, (d(2025, 1, 17), d(2025, 1, 17), "day")),
            ("on Jan. 17", MON, False, (d(2025, 1, 17), d(2025, 1, 17), "day")),
            ("January", FRI, False, (d(2025, 1, 1), d(2025, 1, 31), "month")),
            ("June", FRI, True, (d(2025, 6, 1), d(2025, 6, 30), "month")),
            ("2022", None, False, (d(2022, 1, 1), d(2022, 12, 31), "year")),
            ("in June 2024", None, False, (d(2024, 6, 1), d(2024, 6, 30), "month")),
            ("January 17, 2025", None, False, (d(2025, 1, 17), d(2025, 1, 17), "day")),
            ("  on Friday ", FRI, False, (FRI, FRI, "day")),
            ("Friday", None, False, (None, None, "unresolved")),
            ("last week", None, False, (None, None, "unresolved")),
            ("Jan. 17", None, False, (None, None, "unresolved")),
        ],
    )
    def test_expressions(
        self,
        expression: str,
        published: date | None,
        future: bool,
        expected: tuple[date | None, date | None, str],
    ) -> None:
        """One expression resolves to (earliest, latest, precision)."""
        assert expected == resolve_relative_date(expression, published, future=future)

    @pytest.mark.parametrize(
        "expression", ["", "banana", "the 20-year pact", "Friday and Monday", "12,000"]
    )
    def test_rejects_non_dates(self, expression: str) -> None:
        """Anything that is not exactly one date expression raises ValueError."""
        with pytest.raises(ValueError, match="not a date expression"):
            resolve_relative_date(expression, FRI)

    def test_parse_date_mention_is_an_alias(self) -> None:
        """parse_date_mention is the same resolver, for absolute forms too."""
        assert (d(2019, 3, 3), d(2019, 3, 3), "day") == parse_date_mention(
            "March 3, 2019", None
        )


# --- properties ------------------------------------------------------------

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
ABBREVIATIONS = [
    "Jan.",
    "Feb.",
    "Mar.",
    "Apr.",
    "May",
    "Jun.",
    "Jul.",
    "Aug.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
]
WEEKDAYS = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
]
RENDERINGS = [
    lambda day: f"{MONTHS[day.month - 1]} {day.day}, {day.year}",
    lambda day: f"{day.day} {MONTHS[day.month - 1]} {day.year}",
    lambda day: f"{ABBREVIATIONS[day.month - 1]} {day.day}, {day.year}",
    lambda day: f"{day.day} {ABBREVIATIONS[day.month - 1].rstrip('.')} {day.year}",
    lambda day: day.isoformat(),
]
RELATIVE = [
    "on Friday",
    "last week",
    "yesterday",
    "on Jan. 17",
    "in January",
    "earlier this week",
    "two days ago",
]
ABSOLUTE = ["in June 2024", "in 2022", "on March 3, 2019", "on 17 January 2025"]
FILLERS = [
    "Russia",
    "said",
    "pact",
    "signed",
    "troops",
    "Iran",
    "met",
    "and",
    "four",
    "Moscow",
]

dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))
publications = st.dates(min_value=date(2000, 1, 1), max_value=date(2050, 12, 31))


class TestDateProperties:
    @given(
        day=dates,
        render=st.sampled_from(RENDERINGS),
        published=st.none() | publications,
    )
    def test_absolute_dates_resolve_to_themselves(
        self, day: date, render: object, published: date | None
    ) -> None:
        """A date written in any supported absolute format resolves to itself, with or without an anchor."""
        written = render(day)  # type: ignore[operator]
        (value,) = find_dates(
            f"The treaty was signed on {written} in Moscow.", published=published
        )
        assert (f"on {written}", day, day, "day") == (
            value.text,
            value.earliest,
            value.latest,
            value.precision,
        )

    @given(published=publications, weekday=st.sampled_from(WEEKDAYS))
    def test_past_weekday_is_in_the_week_up_to_publication(
        self, published: date, weekday: str
    ) -> None:
        """A past-tense weekday falls within the 7 days ending on publication day, on that weekday."""
        (value,) = find_dates(f"They met on {weekday}.", published=published)
        assert value.earliest is not None
        assert published - timedelta(days=6) <= value.earliest <= published
        assert WEEKDAYS[value.earliest.weekday()] == weekday

    @given(published=publications, weekday=st.sampled_from(WEEKDAYS))
    def test_future_weekday_is_in_the_week_after_publication(
        self, published: date, weekday: str
    ) -> None:
        """A future-tense weekday falls within the 7 days after publication, on that weekday."""
        (value,) = find_dates(f"They will meet on {weekday}.", published=published)
        assert value.earliest is not None
        assert (
            published + timedelta(days=1)
            <= value.earliest
            <= published + timedelta(days=7)
        )
        assert WEEKDAYS[value.earliest.weekday()] == weekday

    @given(
        pieces=st.lists(
            st.sampled_from(RELATIVE + ABSOLUTE) | st.sampled_from(FILLERS), max_size=12
        ),
        offset=st.integers(min_value=0, max_value=10_000),
        published=st.none() | publications,
    )
    def test_spans_are_exact(
        self, pieces: list[str], offset: int, published: date | None
    ) -> None:
        """Every mention's text is exactly the clause's characters at its span, shifted by the offset."""
        text = " ".join(["Officials", *pieces, "today"])
        values = find_dates(text, published=published, offset=offset)
        assert [v.text for v in values] == [
            p for p in pieces if p in RELATIVE + ABSOLUTE
        ] + ["today"]
        assert all(
            v.text == text[v.span.start - offset : v.span.end - offset] for v in values
        )

    @given(phrase=st.sampled_from(RELATIVE))
    def test_unresolved_dates_have_no_bounds(self, phrase: str) -> None:
        """A relative date with no publication date has both bounds None."""
        (value,) = find_dates(f"They met {phrase}.", published=None)
        assert (None, None, "unresolved") == (
            value.earliest,
            value.latest,
            value.precision,
        )
