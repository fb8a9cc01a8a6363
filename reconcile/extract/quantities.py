"""Figures in news text -> intervals with a unit and a measure.

:func:`find_quantities` finds every figure in a sentence or clause: digits
("12,000", "6.4", "$3bn", "1.2 million", "21%", "21 per cent"), number words
("four", "twenty-five", "twelve thousand", "a hundred", "a dozen"), terms
("20-year", "a five-year deal", "a 6.4-magnitude quake") and vague amounts
("dozens of", "thousands of", "tens of thousands", "a handful"). Each becomes a
:class:`~reconcile.model.Quantity` interval ``[low, high]`` (``None`` is
unbounded) whose text runs from its modifier to its counted noun ("at least
four people").

Modifiers (comparatives are read as inclusive, so every interval contains the
number written):

* at least, more than, over, upwards of, in excess of, no fewer/less than,
  a minimum of, just/well over, "N or more", "N-plus", "N+" -> ``[N, None]``
* up to, as many as, as much as, no/not more than, fewer/less than, at most,
  a maximum of -> ``[None, N]``
* nearly, almost, just under, just short of -> ``[0.9 N, N]``
* about, around, some, roughly, approximately, (an) estimated, close to,
  circa, "N or so" -> ``[0.9 N, 1.1 N]`` and ``approximate=True`` (±10 %)
* between N and M, N to M, N-M -> ``[N, M]`` (but "from N to M" is two
  figures: a change, not a range)
* dozens -> [24, 99], hundreds -> [200, 999], thousands -> [2000, 9999], tens of
  thousands -> [20000, 99999], hundreds of thousands -> [200000, 999999],
  millions -> [2e6, 9.99e8], billions -> [2e9, 9.99e11], a handful -> [3, 6];
  all ``approximate=True``.

Units: the counted noun after the number (adjectives and names may come
between: "six US-supplied Atacms missiles"), normalised by a small lexicon
(people/civilians/residents/children -> "people", troops/soldiers -> "troops",
drones/UAVs -> "drones", $/dollars -> "USD", %/per cent -> "percent", ...);
otherwise the plural noun itself, lower-cased. A number standing alone before
a verb ("nine hurt", "30 others") takes the unit of the figure before it.

Measures: what happened to what is counted, from the nearest cue in the clause
that no other figure is nearer to: killed (killed, died, dead, deaths, death
toll, lives), injured (injured, hurt, wounded), missing, displaced, evacuated,
arrested. Casualty measures apply to people-like units only; a figure with
such a measure and no unit counts "people". Durations before an agreement
noun ("20-year pact", "a five-year deal") have measure ``"term"``; "-year-old"
gives ``"age"``.

Never figures: dates (pass their spans in ``exclude``; bare years such as
"2025" and numbers next to a month name are skipped anyway), times ("3:54
PM"), ordinals ("second", "21st"), designations ("S-400", "Geran-2",
"Covid-19", "G7"), "2 min read", "N days ago", slash forms ("24/7"), and "one"
as a pronoun ("one of the", "the one that").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from functools import cache

from lemminflect import getAllLemmas

from reconcile.lexicon import label_nouns
from reconcile.model import Quantity, Span

__all__ = ["COUNTED_NOUNS", "MAX_FIGURE_DIGITS", "counts_heads", "find_quantities"]

Number = int | float


def _words(text: str) -> tuple[str, ...]:
    """The words of a space-separated list (keeps the lexicons below compact)."""
    return tuple(text.split())


_ONES: dict[str, int] = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
}
_TEENS: dict[str, int] = {
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS: dict[str, int] = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALES: dict[str, int] = {
    "thousand": 10**3,
    "million": 10**6,
    "billion": 10**9,
    "trillion": 10**12,
}
_WORD_SCALES: dict[str, int] = {"hundred": 100, **_SCALES}
_VAGUE: dict[str, tuple[Number, Number]] = {
    "a handful": (3, 6),
    "dozens": (24, 99),
    "hundreds": (200, 999),
    "thousands": (2_000, 9_999),
    "millions": (2_000_000, 999_000_000),
    "billions": (2_000_000_000, 999_000_000_000),
    "tens of thousands": (20_000, 99_999),
    "hundreds of thousands": (200_000, 999_999),
    "tens of millions": (20_000_000, 99_999_999),
    "hundreds of millions": (200_000_000, 999_999_999),
}
_SMALL_WORDS = {**_ONES, **_TEENS, **_TENS}
_VAGUE_WORDS = _words("dozens hundreds thousands millions billions")
_TRIGGER_WORDS = frozenset(
    (*_SMALL_WORDS, *_WORD_SCALES, *_VAGUE_WORDS, "dozen", "handful")
)
_START_WORDS = frozenset((*_SMALL_WORDS, *_VAGUE_WORDS))
# Words that "a" turns into a number: "a hundred", "a dozen", "half a million".
_ARTICLE_WORDS = frozenset((*_WORD_SCALES, "dozen", "handful"))

_WORD = "|".join(sorted(_SMALL_WORDS, key=len, reverse=True))
_SCALE_WORD = r"hundred|thousand|million|billion|trillion|dozen"
# Matched at a candidate position of the lower-cased text.
_NUMBER_RE = re.compile(
    rf"""
    (?P<digits>\d+(?:,\d{{3}})*(?:\.\d+)?)
    |(?P<vague>(?:tens|hundreds)\s+of\s+(?:thousands|millions)|dozens|hundreds|thousands|millions|billions
        |a\s+handful)(?![a-z])
    |(?P<words>(?:{_WORD}|an?(?=\s+(?:{_SCALE_WORD})(?![a-z]))|half\s+an?(?=\s+(?:{_SCALE_WORD})(?![a-z])))
        (?:(?:\s+and)?[\s-]+(?:{_WORD}|{_SCALE_WORD})(?![a-z]))*)(?![a-z])
    """,
    re.VERBOSE,
)
_DIGIT_RUN_RE = re.compile(r"\d+")
_WORD_TOKEN_RE = re.compile(r"[a-z]+")
_ABBREVIATED_SCALE: dict[str, int] = {
    "bn": 10**9,
    "b": 10**9,
    "mn": 10**6,
    "m": 10**6,
    "k": 10**3,
    "tn": 10**12,
}
_DIGIT_SCALE_RE = re.compile(
    r"(?P<abbr>bn|mn|tn|m|k|b)(?![a-z])|\s+(?P<word>hundred|thousand|million|billion|trillion)(?![a-z])"
)
_CURRENCIES: dict[str, str] = {"$": "USD", "us$": "USD", "£": "GBP", "€": "EUR"}
_PERCENT_RE = re.compile(
    r"\s?%|\s+per\s?cent(?![a-z])|\s+percent(?![a-z])|\s+pc(?![a-z])|\s+(?P<points>percentage\s+points?)(?![a-z])"
)
_HYPHEN_UNIT_RE = re.compile(
    r"[-‑](?P<unit>year|month|week|day|hour|minute|mile|kilometre|kilometer|km|metre|meter|storey|story"
    r"|magnitude|member|nation|country|seat|point|tonne|ton|acre|page|strong|man|person)s?"
    r"(?P<old>-old)?(?![a-z])"
)
_ATTACHED_UNIT_RE = re.compile(r"(?P<unit>km|kg)(?![a-z])")
_RANGE_RE = re.compile(r"\s*[-–—]\s*(?=[$£€]?\d)|\s+to\s+|\s+and\s+")
_POST_RE = re.compile(
    r"\s+or\s+more(?![a-z])|\s+or\s+(?P<so>so)(?![a-z])|-plus(?![a-z])|\+"
)
_NOT_A_FIGURE_AFTER = re.compile(
    r"(?::\d|/\d|\.\d|(?:st|nd|rd|th)(?![a-z])|\s*[ap]\.?m\.?(?![a-z])"
    r"|\s+min(?:ute)?s?\s+read(?![a-z]))"
)
_AGO_RE = re.compile(r"\s+(?:days?|weeks?|months?|years?)\s+ago(?![a-z])")
_MONTH_NAME = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)"
)
_MONTH_BEFORE_RE = re.compile(rf"(?<![a-z]){_MONTH_NAME}\.?\s+$")
_MONTH_AFTER_RE = re.compile(rf"(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_NAME}(?![a-z])")
_NEXT_WORD_RE = re.compile(r"\s+([a-z]+(?:['’-][a-z]+)*)")
_MEASURE_RE = re.compile(
    r"(?:killed|killing|kills|kill|dead|died|dies|die|dying|deaths|death\s+toll|toll|fatalities|lives"
    r"|perished|slain|injured|injuring|injuries|hurt|wounded|wounding|missing|displaced|evacuated"
    r"|evacuating|fled|arrested|arresting|detained|arrests|detentions"
    r"|survived|survives|survive|surviving|alive|rescued)(?![a-z])"
)

_MEASURE_OF: dict[str, str] = {
    **dict.fromkeys(
        (
            *_words(
                "killed killing kills kill dead died dies die dying deaths toll fatalities lives"
            ),
            "death toll",
        ),
        "killed",
    ),
    **dict.fromkeys(_words("perished slain"), "killed"),
    **dict.fromkeys(
        _words("injured injuring injuries hurt wounded wounding"), "injured"
    ),
    **dict.fromkeys(_words("displaced fled"), "displaced"),
    **dict.fromkeys(_words("evacuated evacuating"), "evacuated"),
    **dict.fromkeys(
        _words("arrested arresting detained arrests detentions"), "arrested"
    ),
    "missing": "missing",
    **dict.fromkeys(_words("survived survives survive surviving alive"), "survived"),
    "rescued": "survived",
}
_CASUALTY_MEASURES = frozenset(
    _words("killed injured missing displaced evacuated arrested")
)

# Counted nouns -> (unit, measure implied by the noun).
_UNIT_OF: dict[str, tuple[str, str | None]] = {
    **dict.fromkeys(
        _words(
            "people persons person civilians civilian residents resident children child adults men women"
            " individuals victims passengers inhabitants villagers protesters demonstrators pedestrians"
            " bystanders crowd"
        ),
        ("people", None),
    ),
    **dict.fromkeys(
        _words(
            "troops soldiers soldier servicemen servicemembers personnel force contingent"
        ),
        ("troops", None),
    ),
    **dict.fromkeys(_words("survivors survivor"), ("people", "survived")),
    **dict.fromkeys(_words("drones drone uavs uav"), ("drones", None)),
    **dict.fromkeys(_words("missiles missile"), ("missiles", None)),
    **dict.fromkeys(_words("years year yrs"), ("years", None)),
    **dict.fromkeys(_words("months month"), ("months", None)),
    **dict.fromkeys(_words("weeks week"), ("weeks", None)),
    **dict.fromkeys(_words("days day"), ("days", None)),
    **dict.fromkeys(_words("hours hour"), ("hours", None)),
    **dict.fromkeys(_words("minutes minute"), ("minutes", None)),
    **dict.fromkeys(_words("dollars dollar"), ("USD", None)),
    **dict.fromkeys(_words("euros euro"), ("EUR", None)),
    **dict.fromkeys(_words("roubles rubles rouble ruble"), ("RUB", None)),
    **dict.fromkeys(_words("homes houses apartments flats dwellings"), ("homes", None)),
    **dict.fromkeys(_words("buildings building blocks"), ("buildings", None)),
    **dict.fromkeys(
        _words("km kilometres kilometers kilometre kilometer"), ("km", None)
    ),
    **dict.fromkeys(_words("miles mile"), ("miles", None)),
    **dict.fromkeys(_words("metres meters metre meter"), ("metres", None)),
    **dict.fromkeys(_words("kg kilograms kilogram"), ("kg", None)),
    **dict.fromkeys(_words("tonnes tons tonne ton"), ("tonnes", None)),
    "magnitude": ("magnitude", None),
    **dict.fromkeys(_words("mph"), ("mph", None)),
    **dict.fromkeys(
        _words("dead deaths fatalities lives bodies"), ("people", "killed")
    ),
    **dict.fromkeys(_words("injuries wounded"), ("people", "injured")),
    "casualties": ("people", "casualties"),
}
#: Nouns a figure counts, and the unit each gives it ("soldiers" -> "troops"),
#: for nouns that imply no measure.
COUNTED_NOUNS: dict[str, str] = {
    noun: unit for noun, (unit, measure) in _UNIT_OF.items() if measure is None
}
# Units that never take a casualty measure, and never lend their unit to a bare number.
_NOT_PEOPLE = frozenset(
    (
        *_words(
            "percent USD EUR GBP RUB years months weeks days hours minutes magnitude km miles metres kg"
        ),
        *_words(
            "tonnes drones missiles homes buildings pages points seats acres storeys"
        ),
        "percentage points",
    )
)
_TIME_UNITS = frozenset(_words("years months weeks days hours minutes"))


def counts_heads(unit: str) -> bool:
    """Whether a figure in *unit* may count people, whatever noun it counts them
    by ("331 lawmakers", "331 votes", a bare "331"): every unit but those of
    percentages, money, time, distance, weight and of things.

    >>> counts_heads("lawmakers"), counts_heads(""), counts_heads("percent")
    (True, True, False)
    """
    return unit not in _NOT_PEOPLE


_TERM_NOUNS = frozenset(
    _words(
        "pact treaty deal agreement partnership accord alliance contract lease term mandate tenure sentence"
        " moratorium ceasefire truce plan programme program"
    )
)
_CARRY_WORDS = frozenset(_words("others more"))
# After a bare number, these mean "the same things as before" ("and nine hurt", "30 others").
_CARRY_CUES = frozenset(_words("were was are is have had more others also"))
# Words that end the counted-noun phrase after a number.
_STOP_WORDS = frozenset(
    _words(
        "of and or to in on at by for from with were was is are be been being have has had will would"
        " could can may might must shall should the a an that who which whom whose as than per into onto"
        " across after before during since while when where said says say told including such like this"
        " these those their its his her our your my it they he she we you them not no but also each both"
        " all any others more less most least about around over under between among against"
        " through until up down out off so if then there here only just still even already ago"
        " later earlier last next again noon midnight"
    )
)


def _phrases(text: str) -> list[tuple[str, ...]]:
    """The word tuples of a "|"-separated list of phrases."""
    return [tuple(phrase.split()) for phrase in text.split("|")]


_MODIFIERS: dict[tuple[str, ...], str] = {
    **dict.fromkeys(
        _phrases(
            "at least|more than|over|exceeding|upwards of|in excess of|no fewer than|no less than"
            "|not less than|a minimum of|just over|well over"
        ),
        "min",
    ),
    **dict.fromkeys(
        _phrases(
            "up to|as many as|as much as|no more than|not more than|fewer than|less than|at most"
            "|a maximum of"
        ),
        "max",
    ),
    **dict.fromkeys(_phrases("nearly|almost|just under|just short of"), "near"),
    **dict.fromkeys(
        _phrases(
            "about|around|some|roughly|approximately|estimated|an estimated|close to|circa"
        ),
        "about",
    ),
    ("between",): "between",
    ("from",): "from",
}
_MODIFIER_ENDINGS = frozenset(key[-1] for key in _MODIFIERS)
_PRONOUN_ONE_BEFORE = frozenset(
    _words("the this that no any every each which only another last such one")
)
_PRONOUN_ONE_AFTER = frozenset(_words("of another other by or that who which day"))
_ABOUT = Decimal("0.1")
_MAX_MEASURE_WORDS = 8
_MAX_TOLL_WORDS = 16  # "the death toll from the quake on Ecuador's coast rose to 15"
_AUXILIARIES = frozenset(
    _words("were was are is be been being have has had reportedly also all")
)
_JOINERS = frozenset(("and", "but", "while", "whereas", "as", "with"))
_SENTENCE_BREAK_RE = re.compile(r"[;!?]|\.(?!\d)")
#: A comma and a contrasting conjunction open another statement: "Dozens were
#: pulled out alive, but several died" does not count the dozens as dead (an
#: aside closed by a comma, "Twelve, but not the pilot, were killed", does not).
_CONTRAST_RE = re.compile(r",\s*(?:but|while|whereas|although|though|yet)\b[^,]*\Z")
_MAX_NOUN_WORDS = 4


class _Figure:
    """A figure being read: its span in the clause, interval, unit and measure."""

    __slots__ = (
        "approximate",
        "carry",
        "end",
        "high",
        "kind",
        "low",
        "measure",
        "scale",
        "start",
        "unit",
    )

    def __init__(self, start: int, end: int, kind: str) -> None:
        self.start = start
        self.end = end
        self.kind = kind  # "digits", "words" or "vague"
        self.low: Number | None = None
        self.high: Number | None = None
        self.unit = ""
        self.measure: str | None = None
        self.approximate = False
        self.carry = False  # a bare number that takes the unit of the figure before it
        self.scale = 1  # the multiplier written after the number ("2 million": 10**6)


def find_quantities(
    text: str, *, offset: int = 0, exclude: Sequence[Span] = ()
) -> list[Quantity]:
    """Find every figure in a sentence or clause.

    Args:
        text: the sentence or clause.
        offset: where *text* starts in the article's text; spans are shifted by it.
        exclude: spans (in article offsets) that hold no figure, such as the
            clause's date mentions; a candidate overlapping one is skipped.

    Returns:
        The figures in text order, each with ``text == text[i:j]`` and
        ``span == Span(offset + i, offset + j)``.

    >>> [q.normalized for q in find_quantities("At least four people were killed and nine hurt.")]
    ['>=4 people', '9 people']
    >>> [(q.text, q.unit, q.measure) for q in find_quantities("They signed a 20-year pact.")]
    [('20-year', 'years', 'term')]
    """
    lowered = _lower(text)
    starts = [m.start() for m in _DIGIT_RUN_RE.finditer(lowered)]
    found_words = _TRIGGER_WORDS.intersection(_WORD_TOKEN_RE.findall(lowered))
    if found_words:
        starts.extend(_number_word_starts(lowered, found_words))
        starts.sort()
    figures: list[_Figure] = []
    done = 0
    for start in starts:
        if start < done:
            continue
        match = _NUMBER_RE.match(lowered, start)
        if match is None:
            continue
        figure = _read_figure(lowered, match)
        if figure is None:
            done = match.end() if match.group("digits") else start + 1
            continue
        done = figure.end
        if not any(
            figure.start < s.end - offset and s.start - offset < figure.end
            for s in exclude
        ):
            figures.append(figure)
    if figures:
        _settle_units_and_measures(lowered, figures)
        figures = [
            f
            for f, after in zip(figures, [*figures[1:], None], strict=True)
            # "two magnitude 6.3 quakes": "magnitude" labels the next figure.
            if not (after is not None and f.end > after.start)
            and not (f.kind == "digits" and _CLOCK_AFTER.match(lowered, f.end))
        ]
        figures = _without_designations(text, figures)
    return [
        Quantity(
            text=text[f.start : f.end],
            span=Span(offset + f.start, offset + f.end),
            low=_converted(f.low, f.unit),
            high=_converted(f.high, f.unit),
            unit=UNIT_CONVERSIONS.get(f.unit, (f.unit, 1.0))[0],
            measure=f.measure,
            approximate=f.approximate,
        )
        for f in figures
        if f.unit
        or f.measure
        or (f.kind == "digits" and not _is_label(text, f.start, f.end))
    ]


#: Units given in the unit of another system, with its factor: "178 miles" is
#: compared with "288 kilometres" (the text keeps the outlet's unit).
UNIT_CONVERSIONS: dict[str, tuple[str, float]] = {"miles": ("km", 1.609344)}


def _converted(number: float | None, unit: str) -> float | None:
    """*number* of *unit* in the unit :data:`UNIT_CONVERSIONS` gives it."""
    if number is None or unit not in UNIT_CONVERSIONS:
        return number
    return round(number * UNIT_CONVERSIONS[unit][1], 3)


#: A time of day after a bare number ("0640 GMT", "1130 local time").
_CLOCK_AFTER = re.compile(r"\s*(?:gmt|utc|local time|hrs\b|a\.m\.|p\.m\.)")


def _is_label(text: str, start: int, end: int) -> bool:
    """Whether a bare number names or describes someone rather than counting.

    Designations ("Boeing 737", "Flight 370", "Article 5"; after a noun of the
    lexicon's ``label_nouns`` in any case: "article 50 of the constitution")
    and ages in apposition ("Marisol Vera, 38, said") are labels.

    >>> _is_label("the Boeing 737 crashed", 11, 14), _is_label("Boeing 737", 7, 10)
    (True, False)
    >>> _is_label("said Marisol Vera, 38, who", 19, 21)
    True
    >>> _is_label("of Train No. 4, which", 13, 14), _is_label("CBS 2's reporter", 4, 5)
    (True, True)
    """
    if text.startswith(("'s", "’s"), end):
        return True  # "CBS 2's reporter", "Channel 4's": a number owns nothing
    if start >= 2 and text.startswith(", ", start - 2) and text.startswith(",", end):
        name = text[: start - 2].rsplit(None, 1)[-1:]
        return bool(name) and name[0][:1].isupper() and name[0].isalpha()
    word, at = _word_before(text, start)
    # Read from a window: a text of thousands of numbers is not read once per number.
    abbreviation = _ABBREVIATION_BEFORE.search(text, max(0, start - 24), start)
    if abbreviation is not None and abbreviation.group(1).lower() in label_nouns():
        return True  # "Train No. 4": an abbreviated label noun keeps its stop
    if word.lower() in label_nouns():
        return True  # "article 50 of the constitution", "Flight 214 crashed"
    if not word or not word[0].isupper():
        return False
    before = text[:at].rstrip()
    return bool(before) and before[-1] not in ".!?:\"“'‘"


def _without_designations(text: str, figures: list[_Figure]) -> list[_Figure]:
    """*figures* without the designations of things named right before them
    ("39 are Boeing 737-800 aircraft" counts no 737 to 800 aircraft); a bare
    number before the name counts what the designation's noun names ("all 101
    Boeing 737-800 planes": 101 planes)."""
    kept: list[_Figure] = []
    for figure in figures:
        if not (
            figure.kind == "digits"
            and figure.measure is None
            and _designates(text, figure)
        ):
            kept.append(figure)
            continue
        before = kept[-1] if kept else None
        if (
            before is not None
            and not before.unit
            and before.measure is None
            and _NAME_BETWEEN.fullmatch(text, before.end, figure.start)
        ):
            before.unit = figure.unit
    return kept


#: Capitalised words between a count and a designation ("101 Boeing 737-800").
_NAME_BETWEEN = re.compile(r"\s+(?:[A-Z][\w'’-]*\s+){1,3}")


def _designates(text: str, figure: _Figure) -> bool:
    """Whether a figure of things is a model's or a route's designation right
    after its name ("Boeing 737-800 aircraft", "Route 66 motels"): a
    capitalised word that is no possessive nor weekday and does not open a
    sentence (:func:`_is_label`). Not a measure ("Mateo Salvini's League
    8.9%" is the League's), nor a figure after a modifier ("about 14 km")."""
    if (
        not figure.unit
        or not text[figure.start].isdigit()
        or not counts_heads(figure.unit)
    ):
        return False
    word, _ = _word_before(text, figure.start)
    return (
        word[:1].isupper()
        and word[-2:] not in ("'s", "’s")
        and word.lower() not in _WEEKDAYS
        and _is_label(text, figure.start, figure.end)
    )


#: Weekdays: "On Monday 12 people arrived" counts (a number after a month
#: is never read as a figure: ``_MONTH_BEFORE_RE``).
_WEEKDAYS = frozenset(
    _words("monday tuesday wednesday thursday friday saturday sunday")
)


#: A word and its full stop right before a number ("No. 4").
_ABBREVIATION_BEFORE = re.compile(r"(?<![\w.])([A-Za-z]+\.)\s*\Z")


def _lower(text: str) -> str:
    """Lower-cased *text* with every character at its original offset."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _number_word_starts(lowered: str, words: Iterable[str]) -> list[int]:
    """Where number phrases made of *words* may start ("four", "a dozen", "tens of thousands")."""
    starts: list[int] = []
    for word in words:
        pos = lowered.find(word)
        while pos >= 0:
            end = pos + len(word)
            if (pos == 0 or not lowered[pos - 1].isalpha()) and (
                end == len(lowered) or not lowered[end].isalpha()
            ):
                if word in _START_WORDS:
                    starts.append(pos)
                previous, at = _word_before(lowered, pos)
                if previous in ("a", "an") and word in _ARTICLE_WORDS:
                    half, at_half = _word_before(lowered, at)
                    starts.append(at_half if half == "half" else at)
                elif previous == "of" and word in ("thousands", "millions"):
                    tens, at_tens = _word_before(lowered, at)
                    if tens == "tens":
                        starts.append(at_tens)
            pos = lowered.find(word, end)
    return starts


def _word_before(text: str, pos: int) -> tuple[str, int]:
    """The whole word just before *pos* (after whitespace) and where it starts; ``("", pos)`` if none."""
    j = pos
    while j > 0 and text[j - 1] in " \t\n\xa0":
        j -= 1
    if j == pos:
        return "", pos
    i = j
    while i > 0 and text[i - 1].isalpha():
        i -= 1
    if i == j or (i > 0 and (text[i - 1].isalnum() or text[i - 1] in "-'’")):
        return "", pos
    return text[i:j], i


def _read_figure(lowered: str, match: re.Match[str]) -> _Figure | None:
    """Read the figure whose number *match* found; ``None`` when it is no figure."""
    start = match.start()
    before = lowered[start - 1] if start > 0 else " "
    if before.isalnum() or before in "_/:":
        return None
    if before in ".," and start > 1 and lowered[start - 2].isdigit():
        return None
    if before in "-‑" and start > 1 and lowered[start - 2].isalnum():
        return None  # "S-400", "Covid-19", "mid-2022", the tail of a score
    value: Decimal | None
    if match.group("vague") is not None:
        figure = _Figure(start, match.end(), "vague")
        figure.low, figure.high = _VAGUE[" ".join(match.group("vague").split())]
        figure.approximate = True
        value = None
    elif match.group("digits") is not None:
        figure = _Figure(start, match.end(), "digits")
        value = _read_digits(lowered, match, figure)
    else:
        figure = _Figure(start, match.end(), "words")
        value = _read_words(lowered, match, figure)
        if value == 1 and not _one_is_a_number(lowered, figure):
            return None
        if _AGO_RE.match(lowered, figure.end) is not None:
            return None  # "two days ago" is a date
    if value is None and figure.kind != "vague":
        return None
    modifier = _read_modifier(lowered, figure)
    if value is None:
        if modifier == "min":
            figure.high = None
        elif modifier == "max":
            figure.low = None
    elif not _read_interval(lowered, figure, value, modifier):
        return None
    if not figure.unit and not _read_unit(lowered, figure, value):
        return None
    return figure


MAX_FIGURE_DIGITS = 18
"""A run of more digits than this (before any decimal point) is not read as a figure."""


def _read_digits(lowered: str, match: re.Match[str], figure: _Figure) -> Decimal | None:
    """The value of a digit figure, with its currency and scale; ``None`` when it is no figure."""
    start, end = match.span()
    raw = match.group("digits")
    if (
        _NOT_A_FIGURE_AFTER.match(lowered, end) is not None
        or _AGO_RE.match(lowered, end) is not None
    ):
        return None  # a time, an ordinal, a version, "2 min read", "two days ago"
    if _MONTH_BEFORE_RE.search(lowered, max(0, start - 12), start) is not None:
        return None  # "Jan. 17"
    if _MONTH_AFTER_RE.match(lowered, end) is not None:
        return None  # "17 January"
    whole = raw.replace(",", "").partition(".")[0]
    if len(whole) > MAX_FIGURE_DIGITS:
        return None  # an id, a phone number, junk: no count has so many digits
    value = Decimal(raw.replace(",", ""))
    currency = ""
    if start >= 3 and lowered[start - 3 : start] == "us$":
        currency, figure.start = "us$", start - 3
    elif start >= 1 and lowered[start - 1] in "$£€":
        currency, figure.start = lowered[start - 1], start - 1
    scale = _DIGIT_SCALE_RE.match(lowered, end)
    word = scale.group("word") if scale is not None else None
    abbreviation = scale.group("abbr") if scale is not None else None
    if word:
        figure.scale = _WORD_SCALES[word]
    elif abbreviation and (currency or abbreviation in ("bn", "mn", "tn")):
        figure.scale = _ABBREVIATED_SCALE[abbreviation]
    elif end < len(lowered) and lowered[end].isalpha():
        attached = _ATTACHED_UNIT_RE.match(lowered, end)
        if attached is None:
            return None  # "7th", "3D", "1990s", "3m"
        figure.unit = _UNIT_OF[attached.group("unit")][0]
        end = attached.end()
    if figure.scale > 1 and scale is not None:
        value *= figure.scale
        end = scale.end()
    figure.end = end
    if currency:
        figure.unit = _CURRENCIES[currency]
    elif (
        len(raw) == 4
        and figure.scale == 1
        and 1800 <= value <= 2199
        and not _counted_noun_follows(lowered, end)
    ):
        return None  # a bare year
    return value


def _counted_noun_follows(lowered: str, end: int) -> bool:
    word = _NEXT_WORD_RE.match(lowered, end)
    return word is not None and word.group(1) in _UNIT_OF


def _read_words(lowered: str, match: re.Match[str], figure: _Figure) -> Decimal | None:
    """The value of a number-word figure; trims the figure to the words that parse."""
    tokens = [
        (m.group(), m.end())
        for m in _WORD_TOKEN_RE.finditer(lowered, match.start(), match.end())
    ]
    parsed = _parse_number_words([word for word, _ in tokens])
    if parsed is None:
        return None
    value, used = parsed
    figure.end = tokens[used - 1][1]
    figure.scale = _WORD_SCALES.get(tokens[used - 1][0], 1)
    return Decimal(value)


def _parse_number_words(words: list[str]) -> tuple[int, int] | None:
    """Value of the longest number-word prefix of *words* and how many words it used.

    >>> _parse_number_words(["two", "hundred", "and", "fifty", "thousand"])
    (250000, 5)
    >>> _parse_number_words(["four", "and", "nine"])
    (4, 1)
    """
    total = group = 0
    previous = ""  # the class of the last word: one, teen, tens, tensone, hundred, scale, a, half, and
    last_scale = 10**15
    used = value = 0
    has_hundred = False
    for index, word in enumerate(words):
        if word == "and":
            if previous not in ("hundred", "scale"):
                break
            previous = "and"
            continue
        if word == "half" and index == 0:
            previous = "half"
            continue
        if word in ("a", "an") and previous in ("", "half"):
            group, previous = 1, "a"
            continue
        if word in _ONES and previous in ("", "tens", "hundred", "scale", "and"):
            group += _ONES[word]
            previous = "tensone" if previous == "tens" else "one"
        elif word in _TEENS and previous in ("", "hundred", "scale", "and"):
            group += _TEENS[word]
            previous = "teen"
        elif word in _TENS and previous in ("", "hundred", "scale", "and"):
            group += _TENS[word]
            previous = "tens"
        elif (
            word == "hundred"
            and previous in ("one", "teen", "tensone", "a")
            and not has_hundred
        ):
            group *= 100
            has_hundred, previous = True, "hundred"
        elif word == "dozen" and previous in ("one", "teen", "tens", "tensone", "a"):
            whole = total + group * 12
            return (whole // 2 if words[0] == "half" else whole), index + 1
        elif (
            word in _SCALES
            and previous not in ("", "scale", "and", "half")
            and _SCALES[word] < last_scale
        ):
            last_scale = _SCALES[word]
            total += group * last_scale
            group, has_hundred, previous = 0, False, "scale"
            if words[0] == "half":
                return total // 2, index + 1
        else:
            break
        used, value = index + 1, total + group
    return (value, used) if used else None


def _one_is_a_number(lowered: str, figure: _Figure) -> bool:
    """Whether a written "one" counts something ("one person") rather than standing for it."""
    word, _ = _word_before(lowered, figure.start)
    if word in _PRONOUN_ONE_BEFORE or lowered.startswith(("'s", "’s"), figure.end):
        return False
    after = _NEXT_WORD_RE.match(lowered, figure.end)
    return after is not None and after.group(1) not in _PRONOUN_ONE_AFTER


def _read_modifier(lowered: str, figure: _Figure) -> str:
    """The modifier before the figure ("at least", "up to", ...); extends the figure over it."""
    word, pos = _word_before(lowered, figure.start)
    if word == "magnitude":
        figure.start, figure.unit = pos, "magnitude"
        return ""
    if word not in _MODIFIER_ENDINGS:
        return ""
    words = [(word, pos)]
    for _ in range(2):
        word, pos = _word_before(lowered, pos)
        if not word:
            break
        words.append((word, pos))
    for size in (3, 2, 1):
        if len(words) >= size:
            kind = _MODIFIERS.get(tuple(word for word, _ in reversed(words[:size])))
            if kind is not None:
                if kind not in ("between", "from"):
                    figure.start = words[size - 1][1]
                return kind
    return ""


def _read_interval(
    lowered: str, figure: _Figure, value: Decimal, modifier: str
) -> bool:
    """Set the figure's interval from its value, range and modifiers; ``False`` for a score."""
    low: Decimal | None = value
    high: Decimal | None = value
    ranged = False
    separator = _RANGE_RE.match(lowered, figure.end)
    if separator is not None:
        joiner = separator.group().strip()
        dash = joiner in ("-", "–", "—")
        if (
            (dash and figure.kind == "digits")
            or (joiner == "to" and modifier != "from")
            or (joiner == "and" and modifier == "between")
        ):
            top = _read_range_end(lowered, figure, separator.end())
            if top is not None:
                bottom, top_value, end, scale = value, top[0], top[1], top[2]
                if figure.scale == 1 and scale > 1 and value * scale <= top_value:
                    bottom = value * scale  # "between 1 and 2 million"
                if bottom <= top_value:
                    low, high, figure.end, ranged = bottom, top_value, end, True
                    if modifier == "between":
                        figure.start = _word_before(lowered, figure.start)[1]
                elif dash:
                    return False  # "3-1" is a score, not a range
    post = _POST_RE.match(lowered, figure.end)
    if post is not None:
        figure.end = post.end()
    if (post is not None and not post.group("so")) or modifier == "min":
        high = None
    elif modifier == "max":
        low = None
    elif modifier == "near" and not ranged:
        low = value - value * _ABOUT
    elif modifier == "about" or post is not None:
        figure.approximate = True
        if not ranged:
            low, high = value - value * _ABOUT, value + value * _ABOUT
    figure.low, figure.high = _number(low), _number(high)
    return True


def _read_range_end(
    lowered: str, figure: _Figure, pos: int
) -> tuple[Decimal, int, int] | None:
    """The second number of a range at *pos*: its value, end and written scale."""
    if lowered.startswith(("$", "£", "€"), pos):
        pos += 1
    second = _NUMBER_RE.match(lowered, pos)
    if second is None or (second.group("digits") is not None) != (
        figure.kind == "digits"
    ):
        return None
    if second.group("vague") is not None:
        return None
    other = _Figure(second.start(), second.end(), figure.kind)
    top = (
        _read_digits(lowered, second, other)
        if figure.kind == "digits"
        else _read_words(lowered, second, other)
    )
    if top is None or (other.unit and other.unit != figure.unit):
        return None
    return top, other.end, other.scale


def _number(value: Decimal | None) -> Number | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _read_unit(lowered: str, figure: _Figure, value: Decimal | None) -> bool:
    """Find what the figure counts; ``False`` when the figure turns out to be no figure."""
    end = figure.end
    percent = _PERCENT_RE.match(lowered, end)
    if percent is not None:
        figure.unit = "percentage points" if percent.group("points") else "percent"
        figure.end = percent.end()
        return True
    hyphen = _HYPHEN_UNIT_RE.match(lowered, end)
    if hyphen is not None:
        _read_hyphen_unit(lowered, figure, hyphen)
        return True
    if (
        lowered.startswith(("-", "‑"), end)
        and end + 1 < len(lowered)
        and lowered[end + 1].isalpha()
    ):
        return False  # "one-off", "two-thirds", "three-way"
    pos, plural, plural_end, last, last_end = end, "", end, "", end
    modifier = ""
    first_end = end  # where the word right after the number ends
    for index in range(_MAX_NOUN_WORDS):
        word = _NEXT_WORD_RE.match(lowered, pos)
        if word is None:
            break
        token = word.group(1)
        if index == 0 and token == "of" and figure.kind != "digits":
            pos = word.end()  # "thousands of drones", "a dozen of them"
            continue
        if token in _UNIT_OF:
            figure.unit, implied = _UNIT_OF[token]
            figure.measure = figure.measure or implied
            figure.end = word.end()
            _read_term(lowered, figure, look_back=True)
            return True
        if index == 0 and token == "more":  # "six more bodies", "nine more"
            figure.carry, figure.end, pos = True, word.end(), word.end()
            continue
        if index == 0 and (token in _CARRY_CUES or token in _MEASURE_OF):
            figure.carry = True  # "nine hurt", "30 others"
            if token in _CARRY_WORDS:
                figure.end = word.end()
            return True
        if token in _STOP_WORDS or token in _MEASURE_OF:
            break
        # A word cut short by a letter outside a-z ("José") is no plural.
        whole = not lowered[word.end() : word.end() + 1].isalpha()
        if not plural and whole and _looks_plural(token):
            plural, plural_end = token, word.end()
            modifier = last if index > 0 and _is_only_noun(last) else ""
        if index == 0:
            first_end = word.end()
        if index < 2:  # "one senior official": the noun comes early
            last, last_end = token, word.end()
        pos = word.end()
    if plural in _UNIT_OF:  # "12 Ukrainian regions" are "regions"
        figure.unit, figure.end = _UNIT_OF[plural][0], plural_end
    elif plural:  # "six crew members" are not "eight members of his family"
        figure.unit = f"{modifier} {plural}" if modifier else plural
        figure.end = plural_end
    elif last and value == 1 and figure.kind == "digits":  # "1 senior official"
        figure.unit = _UNIT_OF.get(_pluralise(last), (_pluralise(last), None))[0]
        figure.end = last_end
    elif (
        last
        and last_end == first_end
        and value is not None
        and value > 1
        and value == value.to_integral_value()
        and _counts_as_one(last, _NEXT_WORD_RE.match(lowered, last_end))
    ):  # "16 crew", "40 staff": a noun with no plural of its own
        figure.unit, figure.end = last, last_end
    elif (
        figure.kind == "digits"
        and value is not None
        and value < 10
        and _near_magnitude(lowered, figure)
    ):
        figure.unit = (
            "magnitude"  # "the magnitude was 6.1", "6.4 on the moment magnitude scale"
        )
    return True


def _near_magnitude(lowered: str, figure: _Figure) -> bool:
    before = _WORD_TOKEN_RE.findall(lowered, max(0, figure.start - 40), figure.start)[
        -4:
    ]
    after = _WORD_TOKEN_RE.findall(lowered, figure.end, figure.end + 40)[:5]
    return "magnitude" in before or "magnitude" in after


def _read_hyphen_unit(lowered: str, figure: _Figure, hyphen: re.Match[str]) -> None:
    unit = hyphen.group("unit")
    figure.end = hyphen.end()
    if unit == "strong":  # "a 5,000-strong force"
        word = _NEXT_WORD_RE.match(lowered, figure.end)
        figure.unit = _UNIT_OF.get(word.group(1) if word else "", ("people", None))[0]
    elif unit == "magnitude":
        figure.unit = "magnitude"
    else:
        figure.unit = _UNIT_OF.get(unit, (_pluralise(unit), None))[0]
        if hyphen.group("old"):
            figure.measure = "age"
        else:
            _read_term(lowered, figure, look_back=False)


def _read_term(lowered: str, figure: _Figure, *, look_back: bool) -> None:
    """Mark a duration next to an agreement noun as a term.

    The noun may follow ("20-year pact", "a five-year strategic deal") or, with
    *look_back*, come up to eight words before ("a pact valid for 20 years").
    """
    if figure.unit not in _TIME_UNITS:
        return
    pos = figure.end
    for _ in range(_MAX_NOUN_WORDS):
        word = _NEXT_WORD_RE.match(lowered, pos)
        if word is None or word.group(1) in _STOP_WORDS:
            break
        if word.group(1) in _TERM_NOUNS:
            figure.measure = "term"
            return
        pos = word.end()
    if look_back:
        window = _WORD_TOKEN_RE.findall(
            lowered, max(0, figure.start - 60), figure.start
        )
        if not _TERM_NOUNS.isdisjoint(window[-8:]):
            figure.measure = "term"


@cache
def _is_only_noun(word: str) -> bool:
    """Whether *word* is a noun and never an adjective (lemminflect): "crew" in
    "six crew members" names what is counted, "senior" in "two senior
    officials" does not."""
    found = getAllLemmas(word)
    return "NOUN" in found and "ADJ" not in found and word not in _STOP_WORDS


def _counts_as_one(word: str, after: re.Match[str] | None) -> bool:
    """Whether *word*, right after a number of two or more with no plural noun
    after it, is what the number counts: a singular noun there is a
    collective one ("16 crew", "40 staff", "200 police"). lemminflect must
    read it as a noun, never as an adjective or an adverb; one it also reads
    as a verb counts only before an auxiliary, "and" or the clause's end
    ("13 crew were aboard", not "2,000 protest across France")."""
    readings = getAllLemmas(word)
    if "NOUN" not in readings or {"ADJ", "ADV"} & set(readings):
        return False
    if word in _STOP_WORDS or _looks_plural(word):
        return False
    return "VERB" not in readings or after is None or after.group(1) in _NOUN_ENDS


#: Words after a collective noun that leave it a noun ("13 crew were aboard").
_NOUN_ENDS = frozenset(_words("were was are is have had and or"))


def _looks_plural(word: str) -> bool:
    """Whether *word* (lower case) looks like a plural: ending in "s", and
    longer than three letters or unknown to lemminflect (an acronym's plural:
    "331 MPs", "IEDs"; "gas" and "yes" are words)."""
    return (
        (len(word) > 3 or (len(word) == 3 and not getAllLemmas(word)))
        and word.endswith("s")
        and not word.endswith(("ss", "us", "is"))
    )


def _pluralise(word: str) -> str:
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


#: "All but" before a figure: it counts the exceptions to what follows.
_ALL_BUT = re.compile(r"\ball\s+but\s*$")
#: How many characters before a figure :data:`_ALL_BUT` is looked for in (the
#: whole text before each figure made a text of many figures quadratic).
_ALL_BUT_REACH = 16


def _settle_units_and_measures(lowered: str, figures: list[_Figure]) -> None:
    """Carry units over to bare numbers and give each figure the measure nearest to it."""
    previous_unit = ""
    for figure in figures:
        if not figure.unit and figure.carry and previous_unit:
            figure.unit = previous_unit
        if figure.unit and figure.unit not in _NOT_PEOPLE:
            previous_unit = figure.unit
    cues = [
        (
            m.start(),
            m.end(),
            _MEASURE_OF[" ".join(m.group().split())],
            m.group().endswith("toll"),
        )
        for m in _MEASURE_RE.finditer(lowered)
        if m.start() == 0 or not lowered[m.start() - 1].isalnum()
    ]
    if not cues:
        return
    for index, figure in enumerate(figures):
        if figure.measure is not None or figure.unit in _NOT_PEOPLE:
            continue
        if not figure.unit and not isinstance(
            figure.low if figure.low is not None else figure.high, int
        ):
            continue  # "a 6.4 quake killed ..." counts no one
        if _ALL_BUT.search(
            lowered, max(0, figure.start - _ALL_BUT_REACH), figure.start
        ):
            continue  # "all but two are killed": the two are not
        left = figures[index - 1].end if index > 0 else 0
        right = figures[index + 1].start if index + 1 < len(figures) else len(lowered)
        best: tuple[int, str] | None = None
        for cue_start, cue_end, measure, toll in cues:
            if left <= cue_start and cue_end <= figure.start:
                distance = _cue_distance(lowered, cue_end, figure.start)
            elif figure.end <= cue_start and cue_end <= right:
                distance = _cue_distance(lowered, figure.end, cue_start)
            else:
                continue
            reach = _MAX_TOLL_WORDS if toll else _MAX_MEASURE_WORDS
            if distance <= reach and (best is None or distance < best[0]):
                best = (distance, measure)
        if best is not None:
            figure.measure = best[1]
            if not figure.unit:
                figure.unit = "people"


def _cue_distance(lowered: str, start: int, end: int) -> int:
    """How far a measure cue is from a figure, in words between them.

    Auxiliaries ("were", "have been") count nothing; a conjunction or comma in
    between means the cue belongs to another statement and costs three words;
    a sentence break puts it out of reach.
    """
    between = lowered[start:end]
    if (
        _SENTENCE_BREAK_RE.search(between) is not None
        or _CONTRAST_RE.search(between) is not None
    ):
        return _MAX_TOLL_WORDS + 1
    words = [w for w in _WORD_TOKEN_RE.findall(between) if w not in _AUXILIARIES]
    penalty = 3 if "," in between or not _JOINERS.isdisjoint(words) else 0
    return len(words) + penalty
