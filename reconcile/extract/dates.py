"""Date mentions in news text -> intervals of days.

:func:`find_dates` finds every date mention in a sentence or clause and anchors
it to the article's publication date; :func:`resolve_relative_date` resolves one
expression on its own. Both use hand-written patterns on the standard library
only (see ``ECOSYSTEM.md``: no off-the-shelf date finder was safe enough).

Forms recognised (the mention text includes a leading preposition such as
"on", "in", "since", "by", "until", "before", "after", "from", "during"):

* absolute days: "Jan. 17", "January 17, 2025", "17 January 2025", "Sept. 3",
  "2025-01-17", "Friday, Jan. 17", "Jan. 17-18" (a day range);
* months and years: "June 2024", "in January", "mid-January", "early 2022",
  "in 2022" (a bare year needs a preposition or early/mid/late before it);
* weekdays: "on Friday", "last Friday", "next Monday", "Tuesday night"
  (but not recurring ones: "every Monday", "on Fridays");
* relative days and periods: "today", "tonight", "this morning", "yesterday",
  "the day before", "last night", "tomorrow", "last week", "earlier this week",
  "this month", "last year", "the weekend", "two days ago", "three weeks ago".

Never dates: numeric slash dates ("17/01/2025", ambiguous), bare numbers and
bare years ("2022 was hard"; but a year between "the" or a possessive and a
noun is: "the 2022 invasion", "Italy's 2018 election"), round counts ("in 1500 homes"), "20-year",
times ("3:54 PM"), "May" and "March" without a day, year or preposition
("Russia may ...", "a march"), "Good Friday", "Sunday Times", "Russia Today".

Resolution rules (``published`` is the anchor):

* Explicit years resolve without ``published``; everything else stays
  unresolved (both bounds ``None``, precision ``"unresolved"``) when it is
  missing.
* A day or month with no year ("April 8", "in January") is the most recent
  one on or before publication, or, in a future-tense clause, the next one on
  or after it.
* A bare weekday ("on Friday") is the most recent such day on or before
  publication (publication day itself included), or, in a future-tense clause,
  the next one strictly after it. "last Friday" is strictly before and
  "next Monday" strictly after, whatever the tense.
* Weeks run Monday to Sunday: "last week" is the previous one, "this week"
  the current one, "earlier this week" its Monday to publication day,
  "later this week" publication day to Sunday (precision ``"week"``).
  "the weekend" is the latest Saturday-Sunday starting on or before
  publication (the next one starting on or after it, in the future tense).
* "N days ago" is exactly that day; "N weeks ago" is the 7-day window
  ``[published - 7N - 3, published - 7N + 3]`` (precision ``"week"``);
  "N months ago" the calendar month N months back; "N years ago" that year.
* "mid-", "early" and "late" keep the whole month or year: the interval stays
  wide so it never conflicts with a precise date inside it.
* Multi-day spans shorter than a month ("Jan. 17-18", weeks, weekends) have
  precision ``"week"``.
* A preposition is kept in the mention's text but never changes its interval
  ("since 2022" is 2022).

Tense (:func:`_is_future`): a clause is future when it holds "will", "'ll",
"shall", "won't", "expect(s)", "is/are/was/were due to", "... expected to",
"... set to", "... scheduled to/for", "is/are to <verb>", "plans to", "intends to",
"next", "upcoming", "coming", or a scheduling present ("takes office",
"takes the oath", "is sworn in", "opens", "begins", "starts", "resumes",
"returns", "arrives", "travels", "heads", "kicks off", "expires") before the
mention, in the same clause; or, when the mention opens its clause ("On
Monday, Trump will ..."), after it. "would" is not a cue. "was due to" counts
as future: reporters write it of plans not yet carried out. A verb in the past
tense between the cue and the mention ends the future ("will hold off on
tariffs, Trump said Saturday"; "In April, he announced plans to ..."): see
:func:`_past_verbs`.
"""

from __future__ import annotations

import calendar
import itertools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from datetime import date, timedelta
from functools import lru_cache
from typing import NamedTuple

from lemminflect import getAllInflections, getAllLemmas, getInflection

from reconcile.lexicon import trigger_lexicon
from reconcile.model import Claim, DateValue, Span

__all__ = [
    "find_dates",
    "joined_by_and",
    "parse_date_mention",
    "resolve_relative_date",
]

Resolution = tuple[date | None, date | None, str]


def _word_set(text: str) -> frozenset[str]:
    """The words of a space-separated list (keeps the word lists below compact)."""
    return frozenset(text.split())


_FULL_MONTHS: tuple[str, ...] = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_MONTH_OF: dict[str, int] = {
    name: number for number, name in enumerate(_FULL_MONTHS, start=1)
} | {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_WEEKDAY_OF: dict[str, int] = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
_SMALL_NUMBERS: dict[str, int] = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
_OFFSETS: dict[str, int] = {"yesterday": -1, "tomorrow": 1, "today": 0, "tonight": 0}

# A flat alternation of literals: the regex engine then skips to the first letters quickly.
_MONTH = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?)(?![A-Za-z])"
)
_YEAR = r"\d{4}(?![\d%A-Za-z])(?!,\d|\.\d|-\w)"

# Each pattern starts with its distinctive token so that the regex engine skips
# ahead cheaply; the words that may come before a mention (a preposition,
# "last", "mid-", "the end of", a weekday) are read backwards by the helpers.
_MONTH_NAME_RE = re.compile(_MONTH)
_MONTH_RE = re.compile(
    rf"""
    {_MONTH}
    (?:
        \s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?![\d:A-Za-z]|,\d)
        (?:\s*[-–]\s*(?P<last>\d{{1,2}})(?![\d:A-Za-z]|,\d))?
        (?:,?\s+(?P<year>{_YEAR}))?
    |
        (?:,?\s+|\s+of\s+)(?P<myear>{_YEAR})
    )?
    """,
    re.VERBOSE,
)
_DAY_MONTH_RE = re.compile(
    rf"""
    (?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:\s*[-–]\s*(?P<last>\d{{1,2}})(?:st|nd|rd|th)?)?
    \s+(?:of\s+)?{_MONTH}(?:,?\s+(?P<year>{_YEAR}))?
    """,
    re.VERBOSE,
)
_FOUR_DIGITS_RE = re.compile(
    r"(?P<year>\d{4})(?:(?P<iso>-(?P<im>\d{2})-(?P<id>\d{2}))(?![\d/-])|(?![\d%A-Za-z])(?!,\d|\.\d|-\w|\s*/))"
)
_WEEKDAY_RE = re.compile(
    r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"(?:\s+(?:morning|afternoon|evening|night))?(?![A-Za-z])"
)
# Relative forms are found by a keyword in the lower-cased text, then read backwards.
_RELATIVE_RE = re.compile(
    r"(?:yesterday|tomorrow|today|tonight|night|morning|afternoon|evening|weekend|week|month|year"
    r"|ago|before)(?![a-z])"
)
# "on the 29th": a day of the publication's month (or the one before), told
# without the month, as reports translated from Korean or Japanese often do.
_ORDINAL_DAY_RE = re.compile(
    r"(?<![\w-])(?:on|since|until|till|by|before|after|from) the "
    r"(?P<day>[12]?[1-9]|[123]0|31)(?:st|nd|rd|th)(?![\w-])(?:\s+(?P<next>[a-z]+))?"
)
_PART_OF_DAY_RE = re.compile(r"\s+(?:morning|afternoon|evening|night)(?![A-Za-z])")
_AGO_UNIT_RE = re.compile(r"(?<![a-z])(?P<unit>day|week|month|year)s?\s+$")
_HAS_DIGIT = re.compile(r"\d")

_PREPOSITIONS = _word_set(
    "on in since until till by before after from during through throughout"
)
_RELATIVE_PREPOSITIONS = _word_set(
    "since until till by before after from during at over"
)
_SPAN_MODIFIERS = frozenset(("early", "late", "mid"))
_SPAN_OF = frozenset(("end", "start", "beginning", "middle"))
_SEASONS = frozenset(("spring", "summer", "autumn", "fall", "winter"))
# "Good Friday", "Bloody Sunday": named days, not dates to anchor.
_NAMED_DAYS = _word_set(
    "black good cyber ash super bloody easter palm holy maundy shrove whit"
)

# "Sunday Times", "Saturday Night Live": titles, not dates.
_TITLE_AFTER = re.compile(
    r"\s+(?:Times|Telegraph|Mirror|Express|Post|Herald|Mail|Star|Independent|Observer|Sport"
    r"|Politics|Night\s+Live|Night\s+Football)\b"
)
# A count noun after a round "in 1500": the number is a figure, not a year.
_COUNT_AFTER = re.compile(
    r"\s+(?:people|persons|troops|soldiers|civilians|homes|houses|buildings|residents|children"
    r"|drones|missiles|dollars|euros|pounds|more|others|of)\b"
)
# "the day before" followed by a noun phrase is relative to that phrase, not to publication.
_NOUN_PHRASE_AFTER = re.compile(
    r"\s+(?:the|a|an|his|her|its|their|our|my|this|that|[A-Z0-9])"
)

_CLAUSE_BREAK = re.compile(
    r"[.!?][\"”’)]?\s+(?=[A-Z\"“‘(])|[;:]|\s[—–]\s|--"
    r"|,\s*(?:and|but|as|while|after|before|when|which|who|where|whereas)\b"
    r"| (?:but|while|whereas|although|though|because|that)\b"
)
# Matched against " " + the lower-cased text.
_FUTURE_CUE = re.compile(
    r" (?:will|shall|won't|won’t|next|upcoming|coming|expects?)\b|['’]ll\b"
    r"|(?: is| are| am| was| were|['’]s|['’]re) (?:due|expected|set|scheduled|slated|poised|going"
    r"|planning|preparing) (?:to|for)\b"
    r"|(?: is| are|['’]s|['’]re) to [a-z]"
    r"| (?:plans?|planning|intends?|intending) to\b"
    # the scheduling present: "Trump takes the oath on Monday", "the summit opens on Friday"
    r"| (?:takes (?:office|the oath)|(?:is|are) sworn in|opens|reopens|begins|starts|resumes|returns"
    r"|arrives|travels|heads|kicks off|expires)\b"
)
_OPENER_CHARS = " \t\n,\"'“”‘’()[]-–—"


class _Parsed(NamedTuple):
    """What a mention says, before it is anchored to a publication date.

    ``kind`` is one of ``"day"`` (year, month, day, last day), ``"month"`` (year,
    month, direction), ``"year"``, ``"weekday"`` (weekday in ``day``, direction),
    ``"offset"`` (days from publication in ``amount``), ``"period"`` (this/last/next
    in ``direction``, earlier/later as -1/+1 in ``amount``, unit), ``"weekend"`` and
    ``"ago"`` (amount, unit). ``direction`` is ``"last"`` (strictly before
    publication), ``"next"`` (strictly after) or ``""`` (follow the clause's tense).
    """

    kind: str
    year: int | None = None
    month: int = 0
    day: int = 0
    last_day: int = 0
    amount: int = 0
    direction: str = ""
    unit: str = ""


class _Candidate(NamedTuple):
    start: int
    end: int
    parsed: _Parsed


def find_dates(
    text: str, *, published: date | None, offset: int = 0
) -> list[DateValue]:
    """Find every date mention in a sentence or clause.

    Args:
        text: the sentence or clause.
        published: the article's publication date, the anchor of relative dates;
            ``None`` leaves relative and year-less dates unresolved.
        offset: where *text* starts in the article's text; spans are shifted by it.

    Returns:
        The mentions in text order, each with ``text == text[i:j]`` and
        ``span == Span(offset + i, offset + j)``.

    >>> [(d.text, d.normalized) for d in find_dates(
    ...     "They signed it on Friday, after talks in June 2024.", published=date(2025, 1, 17))]
    [('on Friday', '2025-01-17'), ('in June 2024', '2024-06')]
    """
    values: list[DateValue] = []
    tense: _Tense | None = None
    for cand in _candidates(text, lenient=False):
        future = False
        if published is not None and _needs_tense(cand.parsed):
            if tense is None:
                tense = _Tense(text)
            future = tense.is_future(cand.start, cand.end)
        earliest, latest, precision = _resolve(cand.parsed, published, future)
        values.append(
            DateValue(
                text=text[cand.start : cand.end],
                span=Span(offset + cand.start, offset + cand.end),
                earliest=earliest,
                latest=latest,
                precision=precision,
            )
        )
    return values


def resolve_relative_date(
    expression: str, published: date | None, *, future: bool = False
) -> Resolution:
    """Resolve one date expression to ``(earliest, latest, precision)``.

    Accepts every form :func:`find_dates` finds, a leading preposition included,
    and also a bare month ("January") or year ("2022"). Weekday and month names
    may be in any case here.

    Args:
        expression: e.g. ``"Friday"``, ``"on Friday"``, ``"last week"``, ``"Jan. 17"``.
        published: the anchor; ``None`` leaves relative dates unresolved.
        future: read the expression as in a future-tense clause.

    Returns:
        ``(earliest, latest, precision)``; ``(None, None, "unresolved")`` when the
        expression needs an anchor and *published* is ``None``.

    Raises:
        ValueError: the expression is not a date this module understands.

    >>> resolve_relative_date("on Friday", date(2025, 1, 18))
    (datetime.date(2025, 1, 17), datetime.date(2025, 1, 17), 'day')
    >>> resolve_relative_date("Monday", date(2025, 1, 17), future=True)[0]
    datetime.date(2025, 1, 20)
    """
    stripped = expression.strip()
    for attempt in (stripped, _capitalise_words(stripped)):
        for cand in _candidates(attempt, lenient=True):
            if cand.start == 0 and cand.end == len(attempt):
                return _resolve(cand.parsed, published, future)
    raise ValueError(f"not a date expression: {expression!r}")


parse_date_mention = resolve_relative_date
"""Alias of :func:`resolve_relative_date`; absolute forms ("January 17, 2025") need no anchor."""


def _capitalise_words(text: str) -> str:
    return " ".join(word[:1].upper() + word[1:] for word in text.split())


def _candidates(text: str, *, lenient: bool) -> list[_Candidate]:
    """All date mentions in *text*: the earliest-starting, then longest, without overlaps."""
    found = _month_candidates(text, lenient)
    has_digit = _HAS_DIGIT.search(text) is not None
    if has_digit and (found or _MONTH_NAME_RE.search(text)):
        # "on 5 January": the month alone is no candidate (a bare month
        # needs a preposition), the day before it makes one.
        found.extend(_day_month_candidates(text))
    if "day" in text:
        found.extend(_weekday_candidates(text))
    found.extend(_relative_candidates(text, _lower(text)))
    if has_digit:
        found.extend(_year_candidates(text, lenient))
        found.extend(_ordinal_day_candidates(text))
    if len(found) < 2:
        return found
    found.sort(key=lambda c: (c.start, -c.end))
    kept: list[_Candidate] = []
    for cand in found:
        if not kept or cand.start >= kept[-1].end:
            kept.append(cand)
    return kept


def _lower(text: str) -> str:
    """Lower-cased *text* with every character at its original offset."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _word_before(text: str, pos: int, *, comma: bool = False) -> tuple[str, int]:
    """The whole word just before *pos* (lower-cased) and where it starts.

    The word must be separated from *pos* by whitespace (and, with *comma*, may
    end in a comma). Returns ``("", pos)`` when there is no such word.
    """
    j = pos
    while j > 0 and text[j - 1] in " \t\n\xa0":
        j -= 1
    if j == pos:
        return "", pos
    if comma and j > 0 and text[j - 1] == ",":
        j -= 1
    i = j
    while i > 0 and text[i - 1].isalnum():
        i -= 1
    if i == j or (i > 0 and text[i - 1] in "-'’."):
        return "", pos
    return text[i:j].lower(), i


def _with_preposition(
    text: str, start: int, prepositions: frozenset[str] = _PREPOSITIONS
) -> int:
    """Extend a mention back over its preposition ("on", "in", "as of", ...)."""
    word, i = _word_before(text, start)
    if word in prepositions:
        return i
    if word == "of":
        before, j = _word_before(text, i)
        if before == "as":
            return j
    if word == "to":
        # "ties that date back to 1965", "going back to 2019": "to" alone may
        # end a figure's rise ("rose to 1965"), "back to" goes back in time.
        before, j = _word_before(text, i)
        if before == "back":
            return j
    return start


def _with_span_modifier(text: str, start: int, *, seasons: bool) -> int:
    """Extend a month or year back over "early", "mid-", "the end of", "the summer of"."""
    if (
        start >= 4
        and text[start - 1] == "-"
        and text[start - 4 : start - 1].lower() == "mid"
    ):
        return start - 4 if start == 4 or not text[start - 5].isalpha() else start
    word, i = _word_before(text, start)
    if word in _SPAN_MODIFIERS or (seasons and word in _SEASONS):
        return i
    if word == "of":
        before, j = _word_before(text, i)
        if before in _SPAN_OF or (seasons and before in _SEASONS):
            article, k = _word_before(text, j)
            return k if article == "the" else j
    return start


def _with_weekday(text: str, start: int) -> int:
    """Extend an absolute date back over its weekday ("Friday, Jan. 17")."""
    word, i = _word_before(text, start, comma=True)
    return i if word in _WEEKDAY_OF and text[i].isupper() else start


def _month_candidates(text: str, lenient: bool) -> list[_Candidate]:
    out: list[_Candidate] = []
    for m in _MONTH_RE.finditer(text):
        start = m.start()
        if start > 0 and text[start - 1].isalnum():
            continue
        month = _month_number(m.group("month"))
        parsed: _Parsed | None
        if m.group("day") is not None:
            parsed = _day_mention(
                month, m.group("day"), m.group("last"), m.group("year")
            )
            start = _with_weekday(text, start)
        elif m.group("myear") is not None:
            parsed = _Parsed("month", int(m.group("myear")), month)
            start = _with_span_modifier(text, start, seasons=False)
        else:
            parsed, start = _bare_month(
                text, start, month, m.group("month").lower() in _FULL_MONTHS, lenient
            )
        if parsed is not None:
            out.append(_Candidate(_with_preposition(text, start), m.end(), parsed))
    return out


def _bare_month(
    text: str, start: int, month: int, full: bool, lenient: bool
) -> tuple[_Parsed | None, int]:
    """A month with no day or year: it needs a preposition or modifier ("in May", "mid-March")."""
    if not full:
        return None, start
    new_start = _with_span_modifier(text, start, seasons=False)
    direction = ""
    if new_start == start:
        word, i = _word_before(text, start)
        if word in ("last", "next", "this"):
            direction = "" if word == "this" else word
            new_start = i
    if new_start == start and _with_preposition(text, start) == start and not lenient:
        return None, start  # "Russia may ...", "March" as a noun
    return _Parsed("month", None, month, direction=direction), new_start


def _day_month_candidates(text: str) -> list[_Candidate]:
    out: list[_Candidate] = []
    for m in _DAY_MONTH_RE.finditer(text):
        start = m.start()
        if start > 0 and (text[start - 1].isalnum() or text[start - 1] in ".,$£€"):
            continue
        parsed = _day_mention(
            _month_number(m.group("month")),
            m.group("day"),
            m.group("last"),
            m.group("year"),
        )
        if parsed is None:
            continue
        word, i = _word_before(text, start)
        start = i if word == "the" else _with_weekday(text, start)
        out.append(_Candidate(_with_preposition(text, start), m.end(), parsed))
    return out


def _day_mention(
    month: int, day: str, last: str | None, year: str | None
) -> _Parsed | None:
    first = int(day.rstrip("stndrh"))
    final = int(last.rstrip("stndrh")) if last else first
    longest = calendar.monthrange(int(year) if year else 2024, month)[
        1
    ]  # 2024 is a leap year
    if not 1 <= first <= final <= longest or (last and final == first):
        return None
    return _Parsed("day", int(year) if year else None, month, first, final)


def _weekday_candidates(text: str) -> list[_Candidate]:
    out: list[_Candidate] = []
    for m in _WEEKDAY_RE.finditer(text):
        start = m.start()
        if (start > 0 and text[start - 1].isalnum()) or _TITLE_AFTER.match(
            text, m.end("wd")
        ) is not None:
            continue
        word, i = _word_before(text, start)
        if (word in _NAMED_DAYS and text[i].isupper()) or word in ("every", "each"):
            continue  # "Good Friday", "every Monday"
        direction = ""
        if word in ("past", "coming"):
            this, j = _word_before(text, i)
            if this == "this" or word == "coming":
                direction, start = (
                    ("last" if word == "past" else "next"),
                    (j if this == "this" else i),
                )
        elif word in ("last", "next", "this"):
            direction, start = ("" if word == "this" else word), i
        parsed = _Parsed(
            "weekday", day=_WEEKDAY_OF[m.group("wd").lower()], direction=direction
        )
        out.append(_Candidate(_with_preposition(text, start), m.end(), parsed))
    return out


def _ordinal_day_candidates(text: str) -> list[_Candidate]:
    """ "on the 29th", "since the 3rd": a day of a month the article leaves
    unsaid; not "by the 19th century" or "on the 5th floor" (a word that may
    be a noun after it, as lemminflect reads it)."""
    out: list[_Candidate] = []
    for m in _ORDINAL_DAY_RE.finditer(text):
        following = m.group("next")
        if (
            following is not None
            and "NOUN" in getAllLemmas(following)
            # lemminflect reads "that" as a noun too
            and following not in trigger_lexicon().determiners
        ):
            continue
        end = m.end("day") + 2
        out.append(_Candidate(m.start(), end, _Parsed("ordinal", day=int(m["day"]))))
    return out


def _relative_candidates(text: str, lowered: str) -> list[_Candidate]:
    out: list[_Candidate] = []
    for m in _RELATIVE_RE.finditer(lowered):
        start, end = m.span()
        if start > 0 and lowered[start - 1].isalnum():
            continue
        found = _relative_mention(text, m.group(), start, end)
        if found is not None:
            start, end, parsed = found
            out.append(
                _Candidate(
                    _with_preposition(text, start, _RELATIVE_PREPOSITIONS), end, parsed
                )
            )
    return out


def _relative_mention(
    text: str, keyword: str, start: int, end: int
) -> tuple[int, int, _Parsed] | None:
    """Read a relative mention around its *keyword* at ``text[start:end]``."""
    word, i = _word_before(text, start)
    if keyword in _OFFSETS:
        count = _OFFSETS[keyword]
        if keyword in ("today", "tonight"):
            if (
                text[start].isupper()
                and _word_before(text, start)[0]
                and text[i].isupper()
            ):
                return None  # "Russia Today", "USA Today"
        else:
            day, j = _word_before(text, i)
            article, k = _word_before(text, j)
            if (word, day, article) == (
                "before" if count < 0 else "after",
                "day",
                "the",
            ):
                start, count = k, 2 * count
            part = _PART_OF_DAY_RE.match(text, end)
            end = part.end() if part is not None else end
        return start, end, _Parsed("offset", amount=count)
    if keyword == "night":
        return (i, end, _Parsed("offset", amount=-1)) if word == "last" else None
    if keyword in ("morning", "afternoon", "evening"):
        return (i, end, _Parsed("offset", amount=0)) if word == "this" else None
    if keyword == "before":
        article, j = _word_before(text, i)
        if (article, word) != ("the", "day") or _NOUN_PHRASE_AFTER.match(
            text, end
        ) is not None:
            return None  # "the day before the summit" is relative to the summit
        return j, end, _Parsed("offset", amount=-1)
    if keyword == "ago":
        unit = _AGO_UNIT_RE.search(text.lower(), max(0, start - 10), start)
        if unit is None:
            return None
        number, j = _word_before(text, unit.start())
        how_many = (
            int(number)
            if number.isdigit() and len(number) <= 3
            else _SMALL_NUMBERS.get(number)
        )
        if how_many is None:
            return None
        return j, end, _Parsed("ago", amount=how_many, unit=unit.group("unit"))
    if word in ("this", "last", "next"):
        side, j = _word_before(text, i)
        if side in ("earlier", "later") and word == "this":
            return (
                j,
                end,
                _Parsed(
                    "period",
                    direction=word,
                    unit=keyword,
                    amount=-1 if side == "earlier" else 1,
                ),
            )
        if side == "the":
            return None  # "the last week of June"
        return i, end, _Parsed("period", direction=word, unit=keyword)
    if keyword == "weekend" and word == "the":
        return i, end, _Parsed("weekend")
    return None


def _year_candidates(text: str, lenient: bool) -> list[_Candidate]:
    out: list[_Candidate] = []
    for m in _FOUR_DIGITS_RE.finditer(text):
        start = m.start()
        if start > 0 and (text[start - 1].isalnum() or text[start - 1] in ",.$£€/"):
            continue
        if m.group("iso") is not None:
            if start > 0 and text[start - 1] == "-":
                continue
            try:
                day = date(int(m.group("year")), int(m.group("im")), int(m.group("id")))
            except ValueError:
                continue
            parsed = _Parsed("day", day.year, day.month, day.day, day.day)
        else:
            year = int(m.group("year"))
            new_start = _with_span_modifier(text, start, seasons=True)
            if new_start == start and start > 0 and text[start - 1] == "-":
                continue  # "2021-2022", "S-2000"
            needs_prefix = not lenient and new_start == start
            if (
                needs_prefix
                and _with_preposition(text, start) == start
                and not _is_year_of_noun(text, start, m.end(), year)
            ):
                continue  # a bare year ("2022 was hard") is not a date
            if not 1000 <= year <= 2999:
                continue
            if year % 100 == 0 and _COUNT_AFTER.match(text, m.end()) is not None:
                continue  # a round count: "in 1500 homes", "sent in 2000 troops"
            parsed, start = _Parsed("year", year), new_start
        out.append(_Candidate(_with_preposition(text, start), m.end(), parsed))
    return out


#: "the 1993 crash", "Italy's 2018 general election": a year between a
#: determiner (or a possessive) and the noun it dates.
_YEAR_DETERMINER = re.compile(r"(?:\bthe|['’]s)\s+\Z", re.IGNORECASE)
_NOUN_AFTER_YEAR = re.compile(r"\s+[A-Za-z]")


def _is_year_of_noun(text: str, start: int, end: int, year: int) -> bool:
    """Whether a bare year names the year of the noun after it ("the 2022
    invasion", "the 2002 Air China crash"), not a count ("the 1850 residents")."""
    return (
        1900 <= year <= 2099
        and _YEAR_DETERMINER.search(text, max(0, start - 8), start) is not None
        and _NOUN_AFTER_YEAR.match(text, end) is not None
        and _COUNT_AFTER.match(text, end) is None
    )


def _month_number(name: str) -> int:
    return _MONTH_OF[name.rstrip(".").lower()]


def _needs_tense(parsed: _Parsed) -> bool:
    if parsed.kind in ("day", "month"):
        return parsed.year is None and not parsed.direction
    return parsed.kind in ("weekday", "weekend", "ordinal") and not parsed.direction


def _is_future(text: str, mention_start: int, mention_end: int | None = None) -> bool:
    """Whether the clause around a mention is in the future tense.

    Looks for a future cue (see the module docstring) between the start of the
    mention's clause and the mention, with no verb in the past tense between
    the cue and the mention; when the mention opens its clause, looks after it
    instead, up to the end of the clause, for a cue that no past tense precedes.

    >>> _is_future("Trump, who will be inaugurated on Monday, said", 31)
    True
    >>> _is_future("They signed it on Friday that would last", 15)
    False
    >>> _is_future("On Monday, Trump will be sworn in.", 0, 9)
    True
    >>> _is_future("He will resign three months after he took office on Sept. 5", 50)
    False
    """
    return _Tense(text).is_future(mention_start, mention_end)


class _Tense:
    """What :func:`_is_future` reads of a text, found once for all its dates:
    its clause breaks, future cues and verbs in the past tense, each in text
    order (a sentence of thousands of dates stays linear)."""

    def __init__(self, text: str) -> None:
        self.text = text
        breaks = list(_CLAUSE_BREAK.finditer(text))
        self.break_starts = [m.start() for m in breaks]
        self.break_ends = [m.end() for m in breaks]
        # Matched against " " + the lower-cased text: a cue at position p there
        # starts at p - 1 in the text.
        cues = list(_FUTURE_CUE.finditer(" " + text.lower()))
        self.cue_starts = [m.start() - 1 for m in cues]
        self.cue_ends = [m.end() - 1 for m in cues]
        self.past = _past_verbs(text) if cues else []

    def is_future(self, mention_start: int, mention_end: int | None = None) -> bool:
        """Whether the clause around the mention at *mention_start* (ending at
        *mention_end*) is in the future tense (see :func:`_is_future`)."""
        if not self.cue_starts:
            return False
        text = self.text
        # The clause opens after the last break ending at or before the mention.
        before_breaks = bisect_right(self.break_ends, mention_start)
        clause_start = self.break_ends[before_breaks - 1] if before_breaks else 0
        # The last cue of the clause before the mention: the cue pattern starts
        # with the space before its word, so it may start one character early.
        last = bisect_right(self.cue_ends, mention_start) - 1
        if last >= 0 and self.cue_starts[last] >= clause_start - 1:
            return not self._past_between(self.cue_ends[last], mention_start)
        if text[clause_start:mention_start].strip(_OPENER_CHARS):
            return False
        end = mention_start if mention_end is None else mention_end
        after_breaks = bisect_left(self.break_starts, end)
        clause_end = (
            self.break_starts[after_breaks]
            if after_breaks < len(self.break_starts)
            else len(text)
        )
        first = bisect_left(self.cue_starts, end - 1)
        if first >= len(self.cue_starts) or self.cue_ends[first] > clause_end:
            return False
        return not self._past_between(end, self.cue_starts[first] + 1)

    def _past_between(self, start: int, end: int) -> bool:
        at = bisect_left(self.past, start)
        return at < len(self.past) and self.past[at] < end


_WORD = re.compile(r"[A-Za-z]+")


def _past_verbs(text: str) -> list[int]:
    """Where *text* holds a verb in the past tense, as lemminflect inflects it:
    the start of each, in order.

    A form that is only a past tense ("took", "was") counts. One that is also a
    past participle ("said", "signed") counts unless an auxiliary comes before
    it, adverbs aside ("will be formally signed"); one that is also a present
    ("cut", "put") never counts, nor does a modal ("could").

    >>> text = "will hold off on tariffs, President Trump said, as it will be held"
    >>> [text[i:i + 4] for i in _past_verbs(text)]
    ['said']
    """
    found: list[int] = []
    helper = False  # whether the last word that is no adverb is an auxiliary
    for match in _WORD.finditer(text):
        word = match.group().lower()
        tense = _tense_of(word)
        if tense == "past" or (tense == "past or participle" and not helper):
            found.append(match.start())
        kinds = _word_kinds(word)
        if kinds != {"ADV"}:
            helper = "AUX" in kinds
    return found


@lru_cache(maxsize=4096)
def _word_kinds(word: str) -> frozenset[str]:
    """The parts of speech lemminflect gives a lower-cased word."""
    return frozenset(getAllLemmas(word))


@lru_cache(maxsize=4096)
def _tense_of(word: str) -> str:
    """``"past"``, ``"past or participle"`` or ``""`` for a lower-cased word."""
    found = ""
    for lemma in getAllLemmas(word, "VERB").get("VERB", ()):
        if "VBG" not in getAllInflections(lemma):
            continue  # a modal ("could", "might")
        if word not in getInflection(lemma, "VBD"):
            continue
        if word in getInflection(lemma, "VB") or word in getInflection(lemma, "VBP"):
            return ""  # "cut", "put": a present too
        if word not in getInflection(lemma, "VBN"):
            return "past"
        found = "past or participle"
    return found


def _resolve(parsed: _Parsed, published: date | None, future: bool) -> Resolution:
    kind = parsed.kind
    if kind == "day" and parsed.year is not None:
        return _day_range(parsed.year, parsed.month, parsed.day, parsed.last_day)
    if kind == "year" and parsed.year is not None:
        return date(parsed.year, 1, 1), date(parsed.year, 12, 31), "year"
    if kind == "month" and parsed.year is not None:
        return (*_month_bounds(parsed.year, parsed.month), "month")
    if published is None:
        return None, None, "unresolved"
    direction = parsed.direction or ("future" if future else "past")
    if kind == "day":
        year = _year_of_day(parsed.month, parsed.day, published, direction == "future")
        return _day_range(year, parsed.month, parsed.day, parsed.last_day)
    if kind == "month":
        return (
            *_month_bounds(
                _year_of_month(parsed.month, published, direction), parsed.month
            ),
            "month",
        )
    if kind == "weekday":
        return _weekday(parsed.day, published, direction, future)
    if kind == "ordinal":
        day = _day_of_month(parsed.day, published, future)
        return day, day, "day"
    if kind == "offset":
        day = published + timedelta(days=parsed.amount)
        return day, day, "day"
    if kind == "weekend":
        back = (published.weekday() - 5) % 7
        saturday = (
            published + timedelta(days=(5 - published.weekday()) % 7)
            if future
            else published - timedelta(days=back)
        )
        return saturday, saturday + timedelta(days=1), "week"
    if kind == "period":
        return _period(parsed.direction, parsed.unit, parsed.amount, published)
    return _ago(parsed.amount, parsed.unit, published)


def _day_range(year: int, month: int, first: int, last: int) -> Resolution:
    return (
        date(year, month, first),
        date(year, month, last),
        "day" if first == last else "week",
    )


def _day_of_month(day: int, published: date, future: bool) -> date:
    """The nearest day numbered *day* on or before (or on or after) publication:
    "on the 29th" in a report of Dec. 30 is Dec. 29; of Jan. 2, Dec. 29."""
    year, month = published.year, published.month
    step = 1 if future else -1
    while True:  # a 31st is at most two months away
        if day <= calendar.monthrange(year, month)[1]:
            candidate = date(year, month, day)
            if (candidate >= published) if future else (candidate <= published):
                return candidate
        month += step
        if month == 0:
            year, month = year - 1, 12
        elif month == 13:
            year, month = year + 1, 1


def _year_of_day(month: int, day: int, published: date, future: bool) -> int:
    """The year of the nearest (month, day) on or before (or on or after) publication."""
    step = 1 if future else -1
    year = published.year
    while True:  # Feb 29 finds a leap year within 8 steps
        if day <= calendar.monthrange(year, month)[1]:
            candidate = date(year, month, day)
            if (candidate >= published) if future else (candidate <= published):
                return year
        year += step


def _year_of_month(month: int, published: date, direction: str) -> int:
    """The year of a year-less month: ``direction`` is past, future, last or next."""
    if direction == "future":
        return published.year if month >= published.month else published.year + 1
    if direction == "next":
        return published.year if month > published.month else published.year + 1
    if direction == "last":
        return published.year if month < published.month else published.year - 1
    return published.year if month <= published.month else published.year - 1


def _month_bounds(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _weekday(weekday: int, published: date, direction: str, future: bool) -> Resolution:
    back = (published.weekday() - weekday) % 7
    ahead = (weekday - published.weekday()) % 7
    if direction == "last":
        day = published - timedelta(days=back or 7)
    elif direction == "next" or future:
        day = published + timedelta(days=ahead or 7)
    else:
        day = published - timedelta(days=back)
    return day, day, "day"


def _period(which: str, unit: str, side: int, published: date) -> Resolution:
    shift = {"this": 0, "last": -1, "next": 1}[which]
    if unit in ("week", "weekend"):
        monday = (
            published - timedelta(days=published.weekday()) + timedelta(weeks=shift)
        )
        first, last = (
            (monday + timedelta(days=5), monday + timedelta(days=6))
            if unit == "weekend"
            else (monday, monday + timedelta(days=6))
        )
        precision = "week"
    elif unit == "month":
        year, month = divmod(published.year * 12 + published.month - 1 + shift, 12)
        first, last = _month_bounds(year, month + 1)
        precision = "month"
    else:
        first, last = (
            date(published.year + shift, 1, 1),
            date(published.year + shift, 12, 31),
        )
        precision = "year"
    if shift == 0 and side < 0:
        last = min(last, published)
    elif shift == 0 and side > 0:
        first = max(first, published)
    return first, last, precision


def _ago(count: int, unit: str, published: date) -> Resolution:
    if unit == "day":
        day = published - timedelta(days=count)
        return day, day, "day"
    if unit == "week":
        centre = published - timedelta(weeks=count)
        return centre - timedelta(days=3), centre + timedelta(days=3), "week"
    if unit == "month":
        year, month = divmod(published.year * 12 + published.month - 1 - count, 12)
        return (*_month_bounds(year, month + 1), "month")
    return (
        date(published.year - count, 1, 1),
        date(published.year - count, 12, 31),
        "year",
    )


#: What stands between two days of one event ("June 30 and July 7").
_AND_BETWEEN = re.compile(r"\s*,?\s*and\s+(?:on\s+)?", re.IGNORECASE)


def joined_by_and(claim: Claim, dates: Sequence[DateValue]) -> bool:
    """Whether *claim* gives two or more *dates* one after another, each joined
    to the next by "and": days of one event ("elections in two rounds, on June
    30 and July 7"), not one day named twice ("on Wednesday (Oct. 30)").

    >>> from datetime import date
    >>> text = "The elections were held in two rounds, on June 30 and July 7."
    >>> days = [DateValue(t, Span(text.index(t), text.index(t) + len(t)),
    ...                   date(2024, m, d), date(2024, m, d), "day", "date")
    ...         for t, m, d in (("June 30", 6, 30), ("July 7", 7, 7))]
    >>> joined_by_and(Claim("a#1", "a", "A", text, Span(0, len(text)), days), days)
    True
    """
    unique = list({id(d): d for d in dates}.values())
    if len(unique) < 2:
        return False
    ordered = sorted(unique, key=lambda d: d.span.start)
    offset = claim.span.start
    return all(
        _AND_BETWEEN.fullmatch(claim.text, a.span.end - offset, b.span.start - offset)
        is not None
        for a, b in itertools.pairwise(ordered)
    )
