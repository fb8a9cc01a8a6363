"""Hypothesis strategies and metamorphic mutations for property-testing reconcile.

This module needs `Hypothesis <https://hypothesis.readthedocs.io>`_, which is not
a dependency of the library: install it with ``pip install 'reconcile[test]'``.
``import reconcile`` never imports this module.

Strategies (each returns a :class:`hypothesis.strategies.SearchStrategy`):

* :func:`dates` and :func:`date_phrases`: days, and date phrases ("on Friday",
  "Jan. 17", "17 January 2025") with the day they mean;
* :func:`quantities`: figure phrases ("at least four people", "20-year") with the
  interval they mean;
* :func:`actors`: canonical country and person names from the bundled gazetteer;
* :func:`claim_sentences`: templated claim sentences with their known values;
* :func:`articles`: articles as :func:`reconcile.load_articles` reads them, page
  furniture included;
* :func:`story_sets`: several outlets' articles about a few facts, with the gold;
* :func:`from_fixture`: the articles of a fixture folder;
* :func:`mutations`: ``(name, function)`` pairs of the mutations below.

Mutations rewrite one article and say what that should do to the verdicts. Each
takes ``(article, rng=None)``, where *rng* is a :class:`random.Random` (draw one
with ``st.randoms()``; ``None`` means ``random.Random(0)``), and returns a
:class:`Mutation`, or ``None`` when the article holds nothing the mutation could
change. The value mutations also take ``at=``, a quote of the article, to confine
the change to the claim holding it.

* meaning-preserving (``Expected.effect == "same"``): :func:`reorder_paragraphs`,
  :func:`swap_synonyms`, :func:`absolutise_dates`, :func:`numbers_to_words`,
  :func:`add_furniture`, :func:`republish`;
* meaning-changing: :func:`shift_date`, :func:`change_figure` and :func:`negate`
  (``"conflict"``), :func:`swap_actor` (``"split"``).

The mutations find values with the library's own extractors (they need to know
where "on Friday" is and what it means); the expectations they state are about
what happens next: matching, comparison and verdicts.

Every argument is checked when the strategy or mutation is built; a bad one
raises :class:`~reconcile.errors.ConfigError`:

>>> articles(min_size=3, max_size=1)
Traceback (most recent call last):
    ...
reconcile.errors.ConfigError: articles(): min_size=3 is greater than max_size=1; pass min_size <= max_size
"""

from __future__ import annotations

import functools
import json
import random
import re
import warnings
from collections.abc import Callable, Iterable, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Literal, NamedTuple

import attrs
from attrs import field, frozen

try:
    import hypothesis.strategies as st
    from hypothesis.strategies import SearchStrategy
except ImportError as _error:  # pragma: no cover - exercised only without the extra
    raise ImportError(
        "reconcile.strategies needs Hypothesis: pip install 'reconcile[test]'"
    ) from _error

from reconcile.compare import RUNNING_MEASURES
from reconcile.errors import ConfigError, UnanchoredDateWarning
from reconcile.extract.actors import ENTITY_TYPES, load_gazetteer
from reconcile.extract.claims import extract_claims
from reconcile.golden import GoldFact, GoldSet
from reconcile.ingest import load_articles, parse_article_text
from reconcile.model import Actor, Article, Claim, DateValue, Quantity, Span

__all__ = [
    "DATE_FORMS",
    "FURNITURE_MARKERS",
    "MAX_DATE",
    "MEANING_CHANGING",
    "MEANING_PRESERVING",
    "MIN_DATE",
    "MUTATIONS",
    "ClaimSentence",
    "DatePhrase",
    "Expected",
    "Mutation",
    "MutationFunction",
    "QuantityPhrase",
    "StorySet",
    "absolutise_dates",
    "actors",
    "add_furniture",
    "articles",
    "change_figure",
    "claim_sentences",
    "date_phrases",
    "dates",
    "from_fixture",
    "mutations",
    "negate",
    "numbers_to_words",
    "quantities",
    "reorder_paragraphs",
    "republish",
    "shift_date",
    "story_sets",
    "swap_actor",
    "swap_synonyms",
]

# --------------------------------------------------------------------------- vocabulary


def _names(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(items)


def _spans(items: Iterable[Span]) -> tuple[Span, ...]:
    return tuple(items)


def _articles_tuple(items: Iterable[Article]) -> tuple[Article, ...]:
    return tuple(items)


def _words(text: str) -> tuple[str, ...]:
    """The words of a space-separated list (keeps the vocabulary below compact)."""
    return tuple(text.split())


MIN_DATE = date(2000, 1, 1)
"""The default earliest day of :func:`dates`."""
MAX_DATE = date(2035, 12, 31)
"""The default latest day of :func:`dates`."""
_EARLIEST_ANCHOR = date(1001, 1, 1)
_LATEST_ANCHOR = date(2998, 12, 31)

DATE_FORMS: tuple[str, ...] = _words(
    "weekday last_weekday yesterday month_day month_day_year day_month_year"
)
"""The forms :func:`date_phrases` writes: "on Friday", "last Friday", "yesterday",
"on Jan. 17", "on January 17, 2025" and "on 17 January 2025"."""


_WEEKDAYS = _words("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")
_MONTHS = _words(
    "January February March April May June July August September October November December"
)
# Associated Press style: five months are abbreviated before a day, the rest are not.
_AP_MONTHS = _words("Jan. Feb. March April May June July Aug. Sept. Oct. Nov. Dec.")
_UNDER_TWENTY = _words(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen"
    " fourteen fifteen sixteen seventeen eighteen nineteen"
)
_TENS_WORDS = _words("twenty thirty forty fifty sixty seventy eighty ninety")
_NUMBER_WORD = (
    rf"(?:{'|'.join(_TENS_WORDS)})(?:-(?:{'|'.join(_UNDER_TWENTY[1:10])}))?"
    rf"|{'|'.join(sorted(_UNDER_TWENTY, key=len, reverse=True))}"
)
_NUMBER_TOKEN = re.compile(
    rf"(?<![\w.,])(?:(?P<digits>\d{{1,3}}(?:,\d{{3}})+|\d+)(?![\d]|[.,]\d)|(?P<words>{_NUMBER_WORD})(?![a-z]))",
    re.IGNORECASE,
)
_SCALE_AFTER = re.compile(
    r"\s*(?:hundred|thousand|million|billion|trillion|dozen|bn|mn|m|k)\b",
    re.IGNORECASE,
)

_VERBS = ("signed", "inked", "sealed", "concluded")
_NOUNS = ("treaty", "pact", "agreement", "deal", "accord")
_TOPICS = _words(
    "trade security energy fisheries transport investment tourism aviation"
)
_TERMS = (5, 10, 15, 20, 25, 30, 50)
_UNITS = (
    ("people", "person"),
    ("troops", "soldier"),
    ("drones", "drone"),
    ("missiles", "missile"),
    ("buildings", "building"),
)
_AT_LEAST = ("at least", "more than")
_UP_TO = ("up to", "as many as", "no more than")

_OUTLETS: tuple[str, ...] = tuple(
    f"The {prefix} {suffix}"
    for prefix in _words(
        "Harbour Lantern Meadowbank Granite Copperfield Willowdale Summit Riverside"
        " Beacon Heron Juniper Orchard"
    )
    for suffix in _words(
        "Ledger Courier Gazette Dispatch Chronicle Review Bulletin Sentinel"
    )
)
_PHOTOGRAPHERS = ("Jane Roe", "Pavel Orlov", "Ana Lima", "Tomas Berg", "Leila Haddad")
FURNITURE_MARKERS: tuple[str, ...] = (
    "Skip to content",
    "indicates required",
    "morning briefing",
    "Photograph:",
    "via Getty Images",
    "READ MORE",
    "Share this article",
)
"""Strings found only in the page furniture this module writes (for ``GoldSet.furniture``)."""

# Synonyms that keep a claim's meaning (and its event role) in news copy.
_SYNONYM_SWAPS: dict[str, str] = {
    "signed": "inked",
    "inked": "signed",
    "signs": "inks",
    "inks": "signs",
    "treaty": "pact",
    "pact": "treaty",
    "treaties": "pacts",
    "pacts": "treaties",
    "agreement": "deal",
    "agreements": "deals",
}
_SYNONYM_RE = re.compile(
    r"(?<![\w-])(" + "|".join(_SYNONYM_SWAPS) + r")(?![\w-])", re.IGNORECASE
)
# Past-tense event verbs and their base forms, for negation.
_NEGATABLE: dict[str, str] = {
    "signed": "sign",
    "inked": "ink",
    "sealed": "seal",
    "concluded": "conclude",
    "ratified": "ratify",
    "approved": "approve",
    "adopted": "adopt",
    "passed": "pass",
    "killed": "kill",
    "sent": "send",
    "supplied": "supply",
    "issued": "issue",
    "launched": "launch",
    "backed": "back",
    "agreed": "agree",
}
_NEGATABLE_RE = re.compile(
    r"(?<![\w-])(?:(?P<aux>has|have|had|was|were|is|are)\s+(?:(?:first|also|just|already|reportedly|\w+ly)\s+)?)?(?P<verb>"
    + "|".join(_NEGATABLE)
    + r")(?![\w-])",
    re.IGNORECASE,
)
_NEGATION_RE = re.compile(r"\b(?:not|never|no)\b|n['’]t\b", re.IGNORECASE)
_PREPOSITIONS = frozenset(
    _words("on in since until till by before after from during through at over")
)
_WEEKDAY_MENTION = re.compile(
    r"(?P<lead>(?:(?:on|since|by|until|before|after|from|during|at|over)\s+)?"
    r"(?:(?:last|next|this|past|coming)\s+)*)"
    r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"(?:\s+(?:morning|afternoon|evening|night))?",
    re.IGNORECASE,
)
# The first verb of a clause: what comes before it is the subject.
_FIRST_VERB = re.compile(
    r"(?<![\w-])(?:[a-z]+ed|has|have|had|is|are|was|were|will|would|did|does|do|said"
    r"|says|sent|met|struck|hit|put|took|gave|made|led|began|rose|fell|signs?|agrees?"
    r"|plans?|vows?|warns?)(?![\w-])"
)
_PRONOUN_OPENERS = frozenset(
    _words("he she they it his her their its this that these those but and also")
)
_OPENING_QUOTES = "“‘\"'"


# --------------------------------------------------------------------------- results


class DatePhrase(NamedTuple):
    """A date phrase and the day it means (see :func:`date_phrases`)."""

    phrase: str
    expected: date


class QuantityPhrase(NamedTuple):
    """A figure phrase and its interval; ``None`` is unbounded (see :func:`quantities`)."""

    phrase: str
    low: int | None
    high: int | None


@frozen
class ClaimSentence:
    """A templated claim sentence and the values it states (see :func:`claim_sentences`).

    ``term`` is the agreement's length in years, or ``None`` when the sentence
    gives none; ``term_phrase`` is how it is written ("20-year", "twenty-year").
    """

    text: str
    published: date
    actors: tuple[str, ...] = field(converter=_names)
    verb: str
    topic: str
    noun: str
    date: date
    date_phrase: str
    term: int | None = None
    term_phrase: str | None = None


@frozen
class StorySet:
    """Several outlets' articles about a few facts, and the gold that says which is which.

    ``gold`` is a :class:`reconcile.golden.GoldSet`: each gold fact lists its
    mentions as ``(article id, quote)``, its expected status and its values, so
    :func:`reconcile.golden.score_reconciliation` scores a run against it. Every
    outlet is an independent origin (no wire copy, no shared attribution), so a
    fact stated by two or more outlets is ``corroborated`` and one stated by one
    outlet is ``single_source``. ``gold.articles_dir`` is a placeholder until
    :meth:`write` puts the set on disk.
    """

    articles: tuple[Article, ...] = field(converter=_articles_tuple)
    gold: GoldSet

    def outlets_of(self, fact_id: str) -> tuple[str, ...]:
        """The outlets that state gold fact *fact_id*, sorted."""
        outlet = {a.id: a.outlet for a in self.articles}
        for fact in self.gold.facts:
            if fact.id == fact_id:
                return tuple(sorted({outlet[a] for a, _ in fact.mentions}))
        raise KeyError(fact_id)

    def write(self, folder: str | Path) -> Path:
        """Write the set as a fixture folder: ``articles/*.md`` and ``expected.json``.

        Returns the folder, ready for :func:`reconcile.golden.score_fixture` and
        :func:`from_fixture`.
        """
        root = Path(folder)
        (root / "articles").mkdir(parents=True, exist_ok=True)
        for article in self.articles:
            (root / "articles" / f"{article.id}.md").write_text(
                _document(article, article.text), encoding="utf-8"
            )
        expected = {
            "event": self.gold.event,
            "facts": [
                {
                    "id": fact.id,
                    "status": fact.status,
                    "event": fact.event,
                    "attribute": fact.attribute,
                    "mentions": [
                        {"article": a, "quote": q, "value": fact.value_of(i)}
                        for i, (a, q) in enumerate(fact.mentions)
                    ],
                    "values": [{"kind": k, "normalized": v} for k, v in fact.values],
                    "conflicts": [],
                }
                for fact in self.gold.facts
            ],
            "furniture": list(self.gold.furniture),
        }
        (root / "expected.json").write_text(
            json.dumps(expected, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        return root


Effect = Literal["same", "conflict", "split"]


@frozen
class Expected:
    """What a mutation should do to the reconciliation of a set holding the article.

    * ``"same"``: every fact keeps its status (and, for :func:`republish`, its
      number of independent origins);
    * ``"conflict"``: the fact of the changed claim gets a conflict of ``kind``
      (``"date"``, ``"quantity"`` or ``"polarity"``) between the mutated outlet's
      value ``after`` and another outlet's ``before`` (values as
      ``Conflict.values`` shows them: ``"2025-01-16"``, ``"20 years"``,
      ``"negated"``), provided another outlet states that fact with that value;
    * ``"split"``: the changed claim leaves the fact it was in (``kind`` is
      ``"actor"``: ``before`` became ``after``).

    ``spans`` locate the changed text in the mutated article. ``running`` marks a
    running figure (a death toll): a later report's higher figure is then an
    ``updated`` timeline rather than a conflict.
    """

    effect: Effect
    kind: str | None = None
    before: str | None = None
    after: str | None = None
    spans: tuple[Span, ...] = field(default=(), converter=_spans)
    running: bool = False

    @property
    def preserves_meaning(self) -> bool:
        """Whether the mutation should leave every verdict as it was."""
        return self.effect == "same"


@frozen
class Mutation:
    """A mutated article, the article it came from and the expected effect.

    ``adds`` is ``True`` when the mutated article is published beside the original
    (:func:`republish`) and ``False`` when it replaces it.
    """

    name: str
    original: Article
    article: Article
    expected: Expected
    adds: bool = False
    replaced: tuple[Span, ...] = field(default=(), converter=_spans)
    """The spans of the original text that were rewritten (``Expected.spans`` are their new places)."""

    def apply(self, articles: Iterable[Article]) -> tuple[Article, ...]:
        """The article set with this mutation applied (replaced in place, or added).

        Raises:
            ConfigError: the original article is not in *articles*.
        """
        articles = tuple(articles)
        if self.adds:
            return (*articles, self.article)
        if not any(a.id == self.original.id for a in articles):
            raise ConfigError(
                f"Mutation.apply(): article {self.original.id!r} is not in the set; "
                "apply a mutation to the set its article came from"
            )
        return tuple(self.article if a.id == self.original.id else a for a in articles)


MutationFunction = Callable[[Article, "random.Random | None"], "Mutation | None"]

# --------------------------------------------------------------------------- validation


def _check_int(where: str, name: str, value: Any, *, minimum: int = 0) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ConfigError(f"{where}: {name} must be an integer (got {value!r})")
    if value < minimum:
        raise ConfigError(
            f"{where}: {name}={value!r} is below {minimum}; pass {name} >= {minimum}"
        )
    return value


def _check_range(
    where: str, low_name: str, low: Any, high_name: str, high: Any, *, minimum: int
) -> None:
    _check_int(where, low_name, low, minimum=minimum)
    _check_int(where, high_name, high, minimum=minimum)
    if low > high:
        raise ConfigError(
            f"{where}: {low_name}={low!r} is greater than {high_name}={high!r}; "
            f"pass {low_name} <= {high_name}"
        )


def _check_date(where: str, name: str, value: Any) -> date:
    if not isinstance(value, date) or hasattr(value, "hour"):
        raise ConfigError(f"{where}: {name} must be a datetime.date (got {value!r})")
    return value


def _check_choices(
    where: str, name: str, values: Any, allowed: Sequence[str]
) -> tuple[str, ...]:
    if isinstance(values, str) or not isinstance(values, Iterable):
        raise ConfigError(
            f"{where}: {name} must be a list of names from {list(allowed)} (got {values!r})"
        )
    chosen = tuple(values)
    unknown = [v for v in chosen if v not in allowed]
    if unknown or not chosen:
        raise ConfigError(
            f"{where}: {name} must name at least one of {list(allowed)} "
            f"(got {list(chosen)!r})"
        )
    return chosen


# --------------------------------------------------------------------------- strategies


def dates(
    *, min_value: date = MIN_DATE, max_value: date = MAX_DATE
) -> SearchStrategy[date]:
    """Days between *min_value* and *max_value*, both included.

    Args:
        min_value: the earliest day; 2000-01-01 by default.
        max_value: the latest day; 2035-12-31 by default.

    Raises:
        ConfigError: a bound is not a ``datetime.date``, or *min_value* is after
            *max_value*.

    >>> dates(min_value=date(2025, 2, 1), max_value=date(2025, 1, 1))
    Traceback (most recent call last):
        ...
    reconcile.errors.ConfigError: dates(): min_value=datetime.date(2025, 2, 1) is after max_value=datetime.date(2025, 1, 1); pass min_value <= max_value
    """
    _check_date("dates()", "min_value", min_value)
    _check_date("dates()", "max_value", max_value)
    if min_value > max_value:
        raise ConfigError(
            f"dates(): min_value={min_value!r} is after max_value={max_value!r}; "
            "pass min_value <= max_value"
        )
    return st.dates(min_value=min_value, max_value=max_value)


def date_phrases(
    published: date, *, forms: Iterable[str] = DATE_FORMS
) -> SearchStrategy[DatePhrase]:
    """Date phrases and the day each means for an article published on *published*.

    The phrases follow the anchoring rules of :mod:`reconcile.extract.dates`
    for a past-tense clause: "on Friday" is the latest Friday on or before
    publication, "last Friday" the latest one strictly before it, "Jan. 17" the
    latest Jan. 17 on or before it; "January 17, 2025" and "17 January 2025"
    need no anchor.

    Args:
        published: the publication day that anchors the relative forms.
        forms: which of :data:`DATE_FORMS` to write; all by default.

    Raises:
        ConfigError: *published* is not a date between the years 1001 and 2998,
            or *forms* names an unknown form.

    >>> date_phrases(date(2025, 1, 17), forms=["fortnightly"])
    Traceback (most recent call last):
        ...
    reconcile.errors.ConfigError: date_phrases(): forms must name at least one of ['weekday', 'last_weekday', 'yesterday', 'month_day', 'month_day_year', 'day_month_year'] (got ['fortnightly'])
    >>> date_phrases(date(2025, 1, 17)).example()  # doctest: +SKIP
    DatePhrase(phrase='on Jan. 3', expected=datetime.date(2025, 1, 3))
    """
    _check_date("date_phrases()", "published", published)
    if not _EARLIEST_ANCHOR <= published <= _LATEST_ANCHOR:
        raise ConfigError(
            f"date_phrases(): published={published!r} is out of range; "
            f"expected a date between {_EARLIEST_ANCHOR} and {_LATEST_ANCHOR}"
        )
    chosen = _check_choices("date_phrases()", "forms", forms, DATE_FORMS)
    return st.sampled_from(chosen).flatmap(
        lambda form: _days_for(form, published).map(
            lambda day: DatePhrase(_render_date(form, day), day)
        )
    )


def _days_for(form: str, published: date) -> SearchStrategy[date]:
    """The days a phrase of *form* can mean, written in an article of *published*."""
    back = {
        "weekday": (0, 6),
        "last_weekday": (1, 7),
        "yesterday": (1, 1),
        "month_day": (0, 364),
    }.get(form)
    if back is not None:
        return st.integers(*back).map(lambda n: published - timedelta(days=n))
    return st.dates(
        min_value=max(published - timedelta(days=3650), _EARLIEST_ANCHOR),
        max_value=min(published + timedelta(days=3650), _LATEST_ANCHOR),
    )


def _render_date(form: str, day: date) -> str:
    if form == "weekday":
        return f"on {_WEEKDAYS[day.weekday()]}"
    if form == "last_weekday":
        return f"last {_WEEKDAYS[day.weekday()]}"
    if form == "yesterday":
        return "yesterday"
    if form == "month_day":
        return f"on {_AP_MONTHS[day.month - 1]} {day.day}"
    if form == "month_day_year":
        return f"on {_MONTHS[day.month - 1]} {day.day}, {day.year}"
    return f"on {day.day} {_MONTHS[day.month - 1]} {day.year}"


def _possible_forms(day: date, published: date) -> list[str]:
    """The forms of :data:`DATE_FORMS` that mean *day* in an article of *published*."""
    back = (published - day).days
    forms = ["month_day_year", "day_month_year"]
    if 0 <= back <= 364:
        forms.append("month_day")
    if 0 <= back <= 6:
        forms.append("weekday")
    if 1 <= back <= 7:
        forms.append("last_weekday")
    if back == 1:
        forms.append("yesterday")
    return forms


def quantities(
    *, min_value: int = 2, max_value: int = 100_000
) -> SearchStrategy[QuantityPhrase]:
    """Figure phrases and the interval each means.

    Forms: an exact count ("4 people", "twelve drones"), a lower bound ("at least
    four people", "more than 10,000 troops" give ``low=N, high=None``), an upper
    bound ("up to 12,000 troops", "as many as 30 missiles" give ``low=None,
    high=N``) and an agreement's term ("20-year", "twenty-year" give ``20, 20``;
    only for N up to 99). Comparatives are inclusive, as
    :mod:`reconcile.extract.quantities` documents. Numbers up to 99 are written
    in digits or in words, bigger ones with thousands separators.

    Args:
        min_value: the smallest number written (at least 1).
        max_value: the largest number written.

    Raises:
        ConfigError: a bound is not a positive integer, or *min_value* exceeds
            *max_value*.

    >>> quantities(min_value=0)
    Traceback (most recent call last):
        ...
    reconcile.errors.ConfigError: quantities(): min_value=0 is below 1; pass min_value >= 1
    """
    _check_range(
        "quantities()", "min_value", min_value, "max_value", max_value, minimum=1
    )
    return st.integers(min_value, max_value).flatmap(_quantity_phrases)


def _quantity_phrases(n: int) -> SearchStrategy[QuantityPhrase]:
    numbers = st.sampled_from(_number_spellings(n))
    units = st.sampled_from(_UNITS).map(lambda u: u[0] if n != 1 else u[1])
    counted = st.tuples(numbers, units).map(lambda t: f"{t[0]} {t[1]}")
    options = [
        counted.map(lambda p: QuantityPhrase(p, n, n)),
        st.tuples(st.sampled_from(_AT_LEAST), counted).map(
            lambda t: QuantityPhrase(f"{t[0]} {t[1]}", n, None)
        ),
        st.tuples(st.sampled_from(_UP_TO), counted).map(
            lambda t: QuantityPhrase(f"{t[0]} {t[1]}", None, n)
        ),
    ]
    if n <= 99:
        options.append(numbers.map(lambda p: QuantityPhrase(f"{p}-year", n, n)))
    return st.one_of(options)


def _number_spellings(n: int) -> list[str]:
    digits = f"{n:,}"
    return [digits, _number_words(n)] if n <= 99 else [digits]


def _number_words(n: int) -> str:
    """English words for 0 <= n <= 99: ``_number_words(25) == 'twenty-five'``."""
    if n < 20:
        return _UNDER_TWENTY[n]
    tens, ones = divmod(n, 10)
    word = _TENS_WORDS[tens - 2]
    return f"{word}-{_UNDER_TWENTY[ones]}" if ones else word


def _parse_number(token: str) -> int | None:
    """The value of a number token in digits or words, or ``None``."""
    token = token.lower()
    if token.replace(",", "").isdigit():
        return int(token.replace(",", ""))
    head, _, tail = token.partition("-")
    if head in _UNDER_TWENTY and not tail:
        return _UNDER_TWENTY.index(head)
    if head in _TENS_WORDS:
        ones = _UNDER_TWENTY.index(tail) if tail else 0
        return 20 + 10 * _TENS_WORDS.index(head) + ones
    return None


def actors(*, types: Iterable[str] = ("country", "person")) -> SearchStrategy[str]:
    """Canonical names of the bundled gazetteer's entries of the given *types*.

    Args:
        types: entry types from :data:`reconcile.extract.actors.ENTITY_TYPES`.

    Raises:
        ConfigError: *types* names an unknown type.

    >>> actors(types=["planet"])
    Traceback (most recent call last):
        ...
    reconcile.errors.ConfigError: actors(): types must name at least one of ['country', 'city', 'region', 'person', 'organization', 'body'] (got ['planet'])
    """
    chosen = _check_choices("actors()", "types", types, ENTITY_TYPES)
    return st.sampled_from(_gazetteer_names(frozenset(chosen)))


@functools.cache
def _gazetteer_names(types: frozenset[str]) -> tuple[str, ...]:
    gazetteer = load_gazetteer()
    return tuple(sorted(n for n in gazetteer if gazetteer.type_of(n) in types))


@functools.cache
def _simple_countries() -> tuple[str, ...]:
    """One-word country names that the gazetteer maps to themselves."""
    gazetteer = load_gazetteer()
    return tuple(
        name
        for name in _gazetteer_names(frozenset({"country"}))
        if name.isascii()
        and name.isalpha()
        and gazetteer.canonical(name) == name
        and not gazetteer.within(name)
    )


def claim_sentences(*, published: date | None = None) -> SearchStrategy[ClaimSentence]:
    """Claim sentences built from templates, with the values they state.

    A sentence names two countries, an agreement verb (signed, inked, sealed,
    concluded), an agreement ("trade pact", "20-year energy accord") and when it
    happened, as a phrase from :func:`date_phrases` at the start or the end:
    "Gabon and Chad inked a 20-year trade pact on Friday."

    Args:
        published: the publication day of the article the sentence is for; drawn
            from :func:`dates` when not given.

    Raises:
        ConfigError: *published* is not a date.
    """
    if published is not None:
        _check_date("claim_sentences()", "published", published)
        days: SearchStrategy[date] = st.just(published)
    else:
        days = dates()
    return days.flatmap(_claim_sentences_on)


def _claim_sentences_on(published: date) -> SearchStrategy[ClaimSentence]:
    return st.builds(
        _claim_sentence,
        pair=st.lists(
            st.sampled_from(_simple_countries()), min_size=2, max_size=2, unique=True
        ),
        verb=st.sampled_from(_VERBS),
        topic=st.sampled_from(_TOPICS),
        noun=st.sampled_from(_NOUNS),
        when=date_phrases(published),
        term=st.none() | st.sampled_from(_TERMS),
        term_in_words=st.booleans(),
        date_first=st.booleans(),
        published=st.just(published),
    )


def _claim_sentence(
    *,
    pair: Sequence[str],
    verb: str,
    topic: str,
    noun: str,
    when: DatePhrase,
    term: int | None,
    term_in_words: bool,
    date_first: bool,
    published: date,
) -> ClaimSentence:
    term_phrase = None
    thing = f"{topic} {noun}"
    if term is not None:
        number = _number_words(term) if term_in_words and term <= 99 else str(term)
        term_phrase = f"{number}-year"
        thing = f"{term_phrase} {thing}"
    body = f"{pair[0]} and {pair[1]} {verb} {_indefinite(thing)} {thing}"
    if date_first:
        text = f"{when.phrase[0].upper()}{when.phrase[1:]}, {body}."
    else:
        text = f"{body} {when.phrase}."
    return ClaimSentence(
        text=text,
        published=published,
        actors=tuple(pair),
        verb=verb,
        topic=topic,
        noun=noun,
        date=when.expected,
        date_phrase=when.phrase,
        term=term,
        term_phrase=term_phrase,
    )


def _indefinite(phrase: str) -> str:
    """ "a" or "an" before *phrase* ("an eight-year", "an 11-year", "a 20-year")."""
    first = re.split(r"[\s-]", phrase, maxsplit=1)[0].lower()
    vowel_sound = first[0] in "aeiou" or first in ("11", "18") or first.startswith("8")
    return "an" if vowel_sound else "a"


def articles(
    *, min_size: int = 1, max_size: int = 5, furniture: bool = True
) -> SearchStrategy[Article]:
    """Articles as :func:`reconcile.load_articles` reads them from front-matter files.

    Each article has an outlet, a publication day, an id, a URL and a title, and
    a body of :func:`claim_sentences` (one paragraph each), read through
    :func:`reconcile.ingest.parse_article_text`: ``Article.text`` is the cleaned
    body and ``Article.raw_text`` the body as written.

    Args:
        min_size: the fewest claim paragraphs (at least 1: an article needs a body).
        max_size: the most claim paragraphs (all different: a paragraph printed
            twice in a row is read as page furniture).
        furniture: whether page furniture (a "Skip to content" banner, a newsletter
            prompt, a caption printed twice with its photo credit, "READ MORE")
            may be mixed into the raw body.

    Raises:
        ConfigError: a size is not a positive integer, *min_size* exceeds
            *max_size*, or *furniture* is not a bool.
    """
    _check_range("articles()", "min_size", min_size, "max_size", max_size, minimum=1)
    if not isinstance(furniture, bool):
        raise ConfigError(f"articles(): furniture must be a bool (got {furniture!r})")
    return _articles(min_size, max_size, furniture)


@st.composite
def _articles(
    draw: st.DrawFn, min_size: int, max_size: int, furniture: bool
) -> Article:
    outlet = draw(st.sampled_from(_OUTLETS))
    published = draw(dates())
    sentences = draw(
        st.lists(
            claim_sentences(published=published),
            min_size=min_size,
            max_size=max_size,
            unique_by=lambda sentence: sentence.text,
        )
    )
    paragraphs = [s.text for s in sentences]
    if furniture:
        paragraphs = draw(_with_furniture(paragraphs, outlet, sentences[0].actors))
    first = sentences[0]
    slug = _slug(outlet)
    fields = {
        "id": f"{slug}-{published.isoformat()}",
        "outlet": outlet,
        "published": published.isoformat(),
        "url": f"https://example.org/{slug}/{published:%Y/%m/%d}/{_slug(first.topic)}",
        "title": f"{first.actors[0]} and {first.actors[1]} agree {first.topic} {first.noun}",
    }
    return _parse(_front_matter(fields) + "\n\n".join(paragraphs) + "\n", fields["id"])


def _with_furniture(
    paragraphs: list[str], outlet: str, pair: Sequence[str]
) -> SearchStrategy[list[str]]:
    """*paragraphs* with none, some or all of the furniture blocks put between them."""
    blocks = _furniture_blocks(outlet, pair, _PHOTOGRAPHERS[len(outlet) % 5])
    return st.tuples(
        st.booleans(),
        st.lists(
            st.tuples(st.sampled_from(blocks), st.integers(0, len(paragraphs))),
            max_size=3,
        ),
    ).map(lambda drawn: _insert_blocks(paragraphs, drawn[0], drawn[1]))


def _furniture_blocks(outlet: str, pair: Sequence[str], photographer: str) -> list[str]:
    caption = (
        f"{pair[0]} and {pair[1]} delegations at the ceremony on Monday. "
        f"Photograph: {photographer}/AFP via Getty Images"
    )
    return [
        f"Sign up for {outlet}'s morning briefing\n* indicates required\nSubscribe",
        f"{caption}\n{caption}",
        "READ MORE",
        "Share this article",
    ]


def _insert_blocks(
    paragraphs: Sequence[str], banner: bool, blocks: Iterable[tuple[str, int]]
) -> list[str]:
    out = list(paragraphs)
    for block, position in sorted(blocks, key=lambda b: -b[1]):
        out.insert(position, block)
    return ["Skip to content", *out] if banner else out


def story_sets(
    *, min_outlets: int = 2, max_outlets: int = 5, max_facts: int = 3
) -> SearchStrategy[StorySet]:
    """Several outlets' reports of one to *max_facts* facts, with known gold.

    Each fact is an agreement between two countries (no country is in two facts)
    on a day, with an optional term in years. Each outlet states some of the
    facts, one sentence each, in its own wording (actor order, verb, noun, a
    date phrase that means the fact's day from its own publication day, the
    term in digits or words), so no two outlets run the same copy. Every fact is
    stated by at least one outlet, and every outlet states at least one fact.

    Args:
        min_outlets: the fewest outlets (at least 1).
        max_outlets: the most outlets (at most 20).
        max_facts: the most facts (1 to 8).

    Raises:
        ConfigError: a bound is out of range, or *min_outlets* exceeds *max_outlets*.

    >>> story_sets(min_outlets=3, max_outlets=2)
    Traceback (most recent call last):
        ...
    reconcile.errors.ConfigError: story_sets(): min_outlets=3 is greater than max_outlets=2; pass min_outlets <= max_outlets
    """
    where = "story_sets()"
    _check_range(
        where, "min_outlets", min_outlets, "max_outlets", max_outlets, minimum=1
    )
    if max_outlets > 20:
        raise ConfigError(
            f"{where}: max_outlets={max_outlets!r} is above 20, the number of distinct "
            "wordings of one fact; pass max_outlets <= 20"
        )
    _check_int(where, "max_facts", max_facts, minimum=1)
    if max_facts > 8:
        raise ConfigError(
            f"{where}: max_facts={max_facts!r} is above 8, the number of distinct "
            "topics; pass max_facts <= 8"
        )
    return _story_sets(min_outlets, max_outlets, max_facts)


class _Wording(NamedTuple):
    swapped: bool
    verb: str
    noun: str


@st.composite
def _story_sets(
    draw: st.DrawFn, min_outlets: int, max_outlets: int, max_facts: int
) -> StorySet:
    n_outlets = draw(st.integers(min_outlets, max_outlets))
    n_facts = draw(st.integers(1, max_facts))
    outlets = draw(
        st.lists(
            st.sampled_from(_OUTLETS),
            min_size=n_outlets,
            max_size=n_outlets,
            unique=True,
        )
    )
    countries = draw(
        st.lists(
            st.sampled_from(_simple_countries()),
            min_size=2 * n_facts,
            max_size=2 * n_facts,
            unique=True,
        )
    )
    topics = draw(
        st.lists(
            st.sampled_from(_TOPICS), min_size=n_facts, max_size=n_facts, unique=True
        )
    )
    anchor = draw(dates(min_value=date(2001, 1, 1), max_value=date(2034, 12, 1)))
    days = [anchor - timedelta(days=draw(st.integers(0, 20))) for _ in range(n_facts)]
    terms = [draw(st.none() | st.sampled_from(_TERMS)) for _ in range(n_facts)]
    published = [anchor + timedelta(days=draw(st.integers(0, 10))) for _ in outlets]
    covered = [
        draw(st.sets(st.integers(0, n_facts - 1), min_size=1, max_size=n_facts))
        for _ in outlets
    ]
    for fact in range(n_facts):
        if not any(fact in c for c in covered):
            covered[fact % n_outlets].add(fact)
    paragraphs: list[list[str]] = [[] for _ in outlets]
    mentions: list[list[tuple[int, str]]] = [[] for _ in range(n_facts)]
    phrases: list[list[tuple[str, str | None]]] = [[] for _ in range(n_facts)]
    for fact in range(n_facts):
        writers = [i for i in range(n_outlets) if fact in covered[i]]
        wordings = draw(
            st.lists(
                st.builds(
                    _Wording,
                    st.booleans(),
                    st.sampled_from(_VERBS),
                    st.sampled_from(_NOUNS),
                ),
                min_size=len(writers),
                max_size=len(writers),
                unique=True,
            )
        )
        for writer, wording in zip(writers, wordings, strict=True):
            pair = countries[2 * fact : 2 * fact + 2]
            form = draw(st.sampled_from(_possible_forms(days[fact], published[writer])))
            sentence = _claim_sentence(
                pair=pair[::-1] if wording.swapped else pair,
                verb=wording.verb,
                topic=topics[fact],
                noun=wording.noun,
                when=DatePhrase(_render_date(form, days[fact]), days[fact]),
                term=terms[fact],
                term_in_words=draw(st.booleans()),
                date_first=draw(st.booleans()),
                published=published[writer],
            )
            paragraphs[writer].append(sentence.text)
            mentions[fact].append((writer, sentence.text.rstrip(".")))
            phrases[fact].append((sentence.date_phrase, sentence.term_phrase))
    built: list[Article] = []
    for i, outlet in enumerate(outlets):
        body = draw(st.permutations(paragraphs[i]))
        if draw(st.booleans()):
            fact = min(covered[i])
            body = draw(
                _with_furniture(body, outlet, countries[2 * fact : 2 * fact + 2])
            )
        slug = _slug(outlet)
        fields = {
            "id": f"{slug}-{published[i].isoformat()}",
            "outlet": outlet,
            "published": published[i].isoformat(),
            "url": f"https://example.org/{slug}/{published[i]:%Y/%m/%d}/agreements",
            "title": f"{outlet} reports on {len(covered[i])} agreement(s)",
        }
        built.append(
            _parse(_front_matter(fields) + "\n\n".join(body) + "\n", fields["id"])
        )
    facts = []
    for fact in range(n_facts):
        stating = {w for w, _ in mentions[fact]}
        status = "corroborated" if len(stating) >= 2 else "single_source"
        quotes = tuple((built[w].id, quote) for w, quote in mentions[fact])
        facts.append(
            GoldFact(
                id=f"fact-{fact + 1}",
                status=status,
                mentions=quotes,
                values=(("date", days[fact].isoformat()),),
                event=f"signing-{fact + 1}",
                attribute="date",
                mention_values=tuple(d for d, _ in phrases[fact]),
            )
        )
        if terms[fact] is not None:
            facts.append(
                GoldFact(
                    id=f"fact-{fact + 1}-term",
                    status=status,
                    mentions=quotes,
                    values=(("quantity", f"{terms[fact]} years"),),
                    event=f"signing-{fact + 1}",
                    attribute="term in years",
                    mention_values=tuple(t for _, t in phrases[fact]),
                )
            )
    gold = GoldSet("story-set", Path("<story_sets>"), facts, FURNITURE_MARKERS)
    return StorySet(built, gold)


def from_fixture(path: str | Path) -> SearchStrategy[Article]:
    """The articles of a fixture folder, sampled.

    Args:
        path: a fixture set ``fixtures/<event>/`` (its ``articles/`` is read) or a
            folder of article files.

    Raises:
        ConfigError: *path* is not a folder.
        reconcile.errors.InputError: an article file in it is malformed.

    >>> from_fixture("no/such/folder")
    Traceback (most recent call last):
        ...
    reconcile.errors.ConfigError: from_fixture(): path='no/such/folder' is not a folder; expected a fixture set (holding articles/) or a folder of article files
    """
    return st.sampled_from(_fixture_articles(path))


def _fixture_articles(path: str | Path) -> tuple[Article, ...]:
    root = Path(path)
    if not root.is_dir():
        raise ConfigError(
            f"from_fixture(): path={str(path)!r} is not a folder; expected a fixture "
            "set (holding articles/) or a folder of article files"
        )
    folder = root / "articles" if (root / "articles").is_dir() else root
    return _load_folder(folder.resolve())


@functools.cache
def _load_folder(folder: Path) -> tuple[Article, ...]:
    return load_articles(folder)


def mutations(
    *, meaning: Literal["preserved", "changed"] | None = None
) -> SearchStrategy[tuple[str, MutationFunction]]:
    """``(name, function)`` pairs of the mutations of this module.

    Args:
        meaning: ``"preserved"`` for the meaning-preserving mutations only,
            ``"changed"`` for the meaning-changing ones, ``None`` for all.

    Raises:
        ConfigError: *meaning* is none of these.

    >>> mutations(meaning="kept")
    Traceback (most recent call last):
        ...
    reconcile.errors.ConfigError: mutations(): meaning must be 'preserved', 'changed' or None (got 'kept')
    """
    names = {
        None: (*MEANING_PRESERVING, *MEANING_CHANGING),
        "preserved": MEANING_PRESERVING,
        "changed": MEANING_CHANGING,
    }.get(meaning)
    if names is None:
        raise ConfigError(
            f"mutations(): meaning must be 'preserved', 'changed' or None (got {meaning!r})"
        )
    return st.sampled_from([(name, MUTATIONS[name]) for name in names])


# --------------------------------------------------------------------------- front matter


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _quote(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def _front_matter(fields: dict[str, str]) -> str:
    lines = [f"{key}: {_quote(value)}" for key, value in fields.items()]
    return "---\n" + "\n".join(lines) + "\n---\n"


def _document(article: Article, body: str) -> str:
    fields = {"id": article.id, "outlet": article.outlet}
    if article.published is not None:
        fields["published"] = article.published.isoformat()
    for key in ("url", "title"):
        if getattr(article, key):
            fields[key] = getattr(article, key)
    for key, value in article.metadata:
        if isinstance(value, str):
            fields[key] = value
    return _front_matter(fields) + body + "\n"


def _parse(document: str, article_id: str, path: str | None = None) -> Article:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UnanchoredDateWarning)
        return parse_article_text(
            document, path=path or f"<generated>/{article_id}.md", article_id=article_id
        )


# --------------------------------------------------------------------------- mutations


def _rng(rng: random.Random | None) -> random.Random:
    return random.Random(0) if rng is None else rng


@functools.lru_cache(maxsize=512)
def _claims_of(article: Article) -> tuple[Claim, ...]:
    return extract_claims(article)


def _region(article: Article, at: str | None, where: str) -> tuple[int, int]:
    if at is None:
        return 0, len(article.text)
    if not isinstance(at, str) or not at:
        raise ConfigError(f"{where}: at must be a non-empty quote (got {at!r})")
    start = article.text.find(at)
    if start < 0:
        raise ConfigError(
            f"{where}: at={at!r} does not occur in the text of article {article.id!r}; "
            "pass a quote copied from Article.text"
        )
    return start, start + len(at)


def _overlaps(span: Span, region: tuple[int, int]) -> bool:
    return span.start < region[1] and region[0] < span.end


def _edit(
    article: Article, edits: Iterable[tuple[Span, str]]
) -> tuple[str, list[Span]]:
    """Apply non-overlapping replacements; the new text and each replacement's new span."""
    ordered = sorted(edits, key=lambda e: e[0].start)
    pieces: list[str] = []
    spans: list[Span] = []
    cursor = size = 0
    for span, new in ordered:
        kept = article.text[cursor : span.start]
        pieces.extend((kept, new))
        size += len(kept)
        spans.append(Span(size, size + len(new)))
        size += len(new)
        cursor = span.end
    pieces.append(article.text[cursor:])
    return "".join(pieces), spans


def _edited(
    name: str,
    article: Article,
    edits: Iterable[tuple[Span, str]],
    effect: Effect = "same",
    **expected: Any,
) -> Mutation:
    """The mutation *name* that applies *edits* to *article*'s text."""
    edits = sorted(edits, key=lambda e: e[0].start)
    text, spans = _edit(article, edits)
    return Mutation(
        name,
        article,
        _rewritten(article, text),
        Expected(effect, spans=spans, **expected),
        replaced=[span for span, _ in edits],
    )


def _rewritten(article: Article, text: str) -> Article:
    """*article* with a new cleaned text (and no raw text to map it back to)."""
    return attrs.evolve(article, text=text, raw_text=None, kept=(), path=None)


def _opens_sentence(text: str, position: int) -> bool:
    """Whether the word at *position* opens a sentence (and a replacement needs a capital)."""
    first = text[position : position + 1]
    before = text[:position].rstrip(" " + _OPENING_QUOTES)
    at_start = not before or before[-1] in ".!?\n"
    return at_start and (first.isupper() or first.isdigit())


def _capitalised(word: str, capital: bool) -> str:
    return word[:1].upper() + word[1:] if capital else word


def reorder_paragraphs(
    article: Article, rng: random.Random | None = None
) -> Mutation | None:
    """Shuffle an article's paragraphs (meaning-preserving).

    A paragraph that leans on the one before it (it opens with a pronoun or a
    quotation mark: "He said ...", "“We ...,” he added") moves with it, so every
    claim keeps its speaker. ``None`` when there are fewer than two movable blocks.

    >>> a = Article(id="a", outlet="Desk", text="One is here.\\n\\nTwo is there.\\n\\nHe said so.")
    >>> reorder_paragraphs(a).article.text
    'Two is there.\\n\\nHe said so.\\n\\nOne is here.'
    """
    rng = _rng(rng)
    blocks: list[list[str]] = []
    for paragraph in article.text.split("\n\n"):
        if blocks and _leans_back(paragraph):
            blocks[-1].append(paragraph)
        else:
            blocks.append([paragraph])
    if len(blocks) < 2:
        return None
    order = list(range(len(blocks)))
    rng.shuffle(order)
    if order == sorted(order):
        order = order[1:] + order[:1]
    text = "\n\n".join(p for i in order for p in blocks[i])
    if text == article.text:
        return None
    return Mutation(
        "reorder_paragraphs", article, _rewritten(article, text), Expected("same")
    )


def _leans_back(paragraph: str) -> bool:
    stripped = paragraph.lstrip()
    if stripped[:1] in _OPENING_QUOTES:
        return True
    first = re.match(r"[A-Za-z']+", stripped)
    return first is not None and first.group().lower() in _PRONOUN_OPENERS


def swap_synonyms(
    article: Article, rng: random.Random | None = None
) -> Mutation | None:
    """Swap news synonyms: signed<->inked, treaty<->pact, agreement->deal (meaning-preserving).

    A random non-empty subset of the occurrences is swapped; capitals are kept.

    >>> a = Article(id="a", outlet="Desk", text="Iran signed the treaty.")
    >>> swap_synonyms(a, random.Random(3)).article.text
    'Iran inked the pact.'
    """
    rng = _rng(rng)
    found = list(_SYNONYM_RE.finditer(article.text))
    if not found:
        return None
    chosen = [m for m in found if rng.random() < 0.6] or [rng.choice(found)]
    edits = [
        (
            Span(m.start(), m.end()),
            _capitalised(_SYNONYM_SWAPS[m.group().lower()], m.group()[0].isupper()),
        )
        for m in chosen
    ]
    return _edited("swap_synonyms", article, edits)


def absolutise_dates(
    article: Article, rng: random.Random | None = None
) -> Mutation | None:
    """Write relative day mentions as calendar days: "on Friday" -> "on Jan. 17" (meaning-preserving).

    Day mentions without a digit ("on Friday", "yesterday", "last Tuesday") that
    the library resolved become "on <Mon. d>" (with the year when the day is more
    than 150 days from publication); a leading preposition is kept. ``None`` when
    the article has no such mention.

    >>> a = Article(id="a", outlet="Desk", published=date(2025, 1, 18),
    ...             text="Iran and Russia signed a treaty on Friday.")
    >>> absolutise_dates(a).article.text
    'Iran and Russia signed a treaty on Jan. 17.'
    """
    rng = _rng(rng)
    candidates = [
        d
        for c in _claims_of(article)
        for d in c.dates
        if d.resolved
        and d.precision == "day"
        and d.earliest == d.latest
        and not any(ch.isdigit() for ch in d.text)
    ]
    if not candidates or article.published is None:
        return None
    chosen = [d for d in candidates if rng.random() < 0.7] or [rng.choice(candidates)]
    edits = []
    for value in chosen:
        assert value.earliest is not None
        day = value.earliest
        written = f"{_AP_MONTHS[day.month - 1]} {day.day}"
        if abs((day - article.published).days) > 150:
            written += f", {day.year}"
        first = value.text.split()[0]
        preposition = first if first.lower() in _PREPOSITIONS else "on"
        capital = _opens_sentence(article.text, value.span.start)
        edits.append((value.span, f"{_capitalised(preposition, capital)} {written}"))
    return _edited("absolutise_dates", article, edits)


def numbers_to_words(
    article: Article, rng: random.Random | None = None
) -> Mutation | None:
    """Write figures' numbers the other way: "four" <-> "4", "20-year" <-> "twenty-year".

    Only numbers inside figures the library extracted are rewritten, and only
    numbers up to 99 become words (meaning-preserving).

    >>> a = Article(id="a", outlet="Desk", text="A strike killed at least four people.")
    >>> numbers_to_words(a).article.text
    'A strike killed at least 4 people.'
    """
    rng = _rng(rng)
    edits = []
    for claim in _claims_of(article):
        for q in claim.quantities:
            token = _number_in(q)
            if token is None:
                continue
            start, end, n, in_words = token
            if not in_words and n > 99:
                continue
            if q.low != n and q.high != n and not q.approximate:
                continue
            capital = _opens_sentence(article.text, q.span.start + start)
            new = str(n) if in_words else _capitalised(_number_words(n), capital)
            edits.append((Span(q.span.start + start, q.span.start + end), new))
    if not edits:
        return None
    chosen = [e for e in edits if rng.random() < 0.7] or [rng.choice(edits)]
    return _edited("numbers_to_words", article, chosen)


def _number_in(q: Quantity) -> tuple[int, int, int, bool] | None:
    """The single number token of a figure: (start, end) in ``q.text``, value, in words?"""
    tokens = list(_NUMBER_TOKEN.finditer(q.text))
    if len(tokens) != 1 or _SCALE_AFTER.match(q.text, tokens[0].end()):
        return None
    token = tokens[0]
    n = _parse_number(token.group())
    if n is None:
        return None
    return token.start(), token.end(), n, token.group("words") is not None


def add_furniture(
    article: Article, rng: random.Random | None = None
) -> Mutation | None:
    """Mix page furniture into the article's body and read it again (meaning-preserving).

    The furniture is a newsletter prompt, a caption printed twice with its photo
    credit, "READ MORE" or "Share this article", put between paragraphs, and
    sometimes a "Skip to content" banner on top. The new article is read with
    :func:`reconcile.ingest.parse_article_text`, so its cleaned text should be
    the original text again.

    >>> a = Article(id="a", outlet="Desk", published=date(2025, 1, 17),
    ...             text="Iran and Russia signed a treaty on Friday.")
    >>> m = add_furniture(a)
    >>> "Photograph:" in m.article.raw_text or "indicates required" in m.article.raw_text
    True
    >>> m.article.text == a.text
    True
    """
    rng = _rng(rng)
    paragraphs = article.text.split("\n\n")
    names = sorted({a.canonical for c in _claims_of(article) for a in c.actors}) or [
        "Government",
        "Opposition",
    ]
    blocks = _furniture_blocks(
        article.outlet, (names * 2)[:2], rng.choice(_PHOTOGRAPHERS)
    )
    count = rng.randint(1, len(blocks))
    placed = [(b, rng.randint(0, len(paragraphs))) for b in rng.sample(blocks, count)]
    body = "\n\n".join(_insert_blocks(paragraphs, rng.random() < 0.3, placed))
    new = _parse(_document(article, body), article.id, article.path)
    return Mutation("add_furniture", article, new, Expected("same"))


def republish(
    article: Article,
    rng: random.Random | None = None,
    *,
    outlet: str | None = None,
    article_id: str | None = None,
) -> Mutation:
    """The same text under another outlet and id: wire copy, one more article (meaning-preserving).

    The result is *added* beside the original (``Mutation.adds``): a copy run by
    a second outlet is the same origin, so no status and no number of
    independent origins should change. Pass ``outlet=article.outlet`` to
    duplicate the article within its own outlet.

    Args:
        article: the article to republish.
        rng: picks the new outlet when *outlet* is not given.
        outlet: the outlet that runs the copy.
        article_id: the copy's id; ``"<id>--<outlet slug>"`` by default.

    Raises:
        ConfigError: *outlet* is empty, or *article_id* is the original's id.

    >>> a = Article(id="a", outlet="Desk", text="Iran and Russia signed a treaty.")
    >>> m = republish(a, outlet="Wire")
    >>> m.article.id, m.article.outlet, m.article.text == a.text, m.adds
    ('a--wire', 'Wire', True, True)
    """
    rng = _rng(rng)
    if outlet is None:
        outlet = rng.choice([o for o in _OUTLETS if o != article.outlet])
    if not isinstance(outlet, str) or not outlet.strip():
        raise ConfigError(
            f"republish(): outlet must be a non-empty string (got {outlet!r})"
        )
    new_id = article_id if article_id is not None else f"{article.id}--{_slug(outlet)}"
    if new_id == article.id:
        raise ConfigError(
            f"republish(): article_id={new_id!r} is the original's id; pass another id"
        )
    copy = attrs.evolve(
        article,
        id=new_id,
        outlet=outlet,
        url=f"https://example.org/{_slug(outlet)}/{article.id}",
        path=None,
    )
    return Mutation("republish", article, copy, Expected("same"), adds=True)


def shift_date(
    article: Article, rng: random.Random | None = None, *, at: str | None = None
) -> Mutation | None:
    """Move a date mention to a day (or month) outside its interval (meaning-changing).

    A weekday becomes the weekday next to it ("on Friday" -> "on Thursday",
    within the same week before or after publication, so it still resolves);
    other day mentions become the full date a day away ("on Jan. 17" -> "on
    Jan. 16, 2025": further off, an incident would be another incident, not a
    conflict), and
    month mentions another month of the year ("in January 2025" -> "in March
    2025"). The fact should then be in conflict: this outlet's new day against
    the other outlets' day.

    Args:
        article: the article to change.
        rng: picks the mention and the new day.
        at: a quote of the article; only a mention overlapping it is moved.

    Raises:
        ConfigError: *at* does not occur in the article.

    >>> a = Article(id="it", outlet="The Irish Times", published=date(2025, 1, 17),
    ...             text="Russia and Iran signed a pact on Friday.")
    >>> m = shift_date(a, random.Random(3))
    >>> m.article.text, m.expected.kind, m.expected.before, m.expected.after
    ('Russia and Iran signed a pact on Thursday.', 'date', '2025-01-17', '2025-01-16')
    """
    rng = _rng(rng)
    region = _region(article, at, "shift_date()")
    candidates = [
        d
        for c in _claims_of(article)
        for d in c.dates
        if d.resolved
        and d.precision in ("day", "month")
        and _overlaps(d.span, region)
        and (d.precision == "month" or d.earliest == d.latest)
    ]
    if not candidates:
        return None
    value = rng.choice(candidates)
    new_text, after = _moved_date(article, value, rng)
    return _edited(
        "shift_date",
        article,
        [(value.span, new_text)],
        "conflict",
        kind="date",
        before=str(value.normalized),
        after=after,
    )


def _moved_date(
    article: Article, value: DateValue, rng: random.Random
) -> tuple[str, str]:
    """The new text of a date mention and its normalized value."""
    assert value.earliest is not None
    day, published = value.earliest, article.published
    weekday = _WEEKDAY_MENTION.fullmatch(value.text)
    if value.precision == "day" and weekday is not None and published is not None:
        lead = weekday.group("lead").lower()
        if day > published:
            window = range(1, 8)
        elif "last" in lead or "past" in lead:
            window = range(-7, 0)
        else:
            window = range(-6, 1)
        options = [published + timedelta(days=k) for k in window]
        near = [d for d in options if abs((d - day).days) == 1]
        new_day = rng.choice(near or [d for d in options if d != day])
        text = (
            value.text[: weekday.start("wd")]
            + _WEEKDAYS[new_day.weekday()]
            + value.text[weekday.end("wd") :]
        )
        return text, new_day.isoformat()
    first = value.text.split()[0]
    capital = _opens_sentence(article.text, value.span.start)
    if value.precision == "month":
        shift = rng.choice([-3, -2, -1, 1, 2, 3])
        year, month = divmod(day.year * 12 + day.month - 1 + shift, 12)
        preposition = first if first.lower() in _PREPOSITIONS else "in"
        text = f"{_capitalised(preposition, capital)} {_MONTHS[month]} {year}"
        return text, f"{year:04d}-{month + 1:02d}"
    shifts = [-1]
    if published is None or day > published:
        shifts.append(1)
    new_day = day + timedelta(days=rng.choice(shifts))
    preposition = first if first.lower() in _PREPOSITIONS else "on"
    if re.search(r"\d{1,2}\s+(?:of\s+)?[A-Z][a-z]+", value.text):
        written = f"{new_day.day} {_MONTHS[new_day.month - 1]} {new_day.year}"
    elif re.search(r"\b(?:Jan|Feb|Aug|Sept?|Oct|Nov|Dec)\.", value.text):
        written = f"{_AP_MONTHS[new_day.month - 1]} {new_day.day}, {new_day.year}"
    else:
        written = f"{_MONTHS[new_day.month - 1]} {new_day.day}, {new_day.year}"
    return f"{_capitalised(preposition, capital)} {written}", new_day.isoformat()


def change_figure(
    article: Article, rng: random.Random | None = None, *, at: str | None = None
) -> Mutation | None:
    """Move a figure outside its interval (meaning-changing).

    The number and its modifier become an exact number two to four times above
    the interval, or below it when it has no upper bound ("at least four people"
    -> "two people", "up to 12,000 troops" -> "36,000 troops", "20-year" ->
    "60-year"). Ranges, vague amounts ("thousands") and scaled numbers
    ("1.2 million") are left alone.

    Args:
        article: the article to change.
        rng: picks the figure and the new number.
        at: a quote of the article; only a figure overlapping it is changed.

    Raises:
        ConfigError: *at* does not occur in the article.

    >>> a = Article(id="a", outlet="Desk", text="Moscow and Tehran signed a 20-year pact.")
    >>> m = change_figure(a)
    >>> m.article.text, m.expected.before, m.expected.after
    ('Moscow and Tehran signed a 40-year pact.', '20 years', '40 years')
    """
    rng = _rng(rng)
    region = _region(article, at, "change_figure()")
    candidates = []
    for claim in _claims_of(article):
        for q in claim.quantities:
            token = _number_in(q)
            if (
                token is None
                or not _overlaps(q.span, region)
                or not q.unit
                or q.approximate
                or token[2] not in (q.low, q.high)
            ):
                continue
            options = _figures_outside(q)
            if options:
                candidates.append((q, token, options))
    if not candidates:
        return None
    q, (_, end, _, in_words), options = rng.choice(candidates)
    n = rng.choice(options)
    capital = _opens_sentence(article.text, q.span.start)
    written = (
        _capitalised(_number_words(n), capital) if in_words and n <= 99 else f"{n:,}"
    )
    span = Span(q.span.start, q.span.start + end)
    after = Quantity(
        text=written, span=Span(0, len(written)), low=n, high=n, unit=q.unit
    ).normalized
    return _edited(
        "change_figure",
        article,
        [(span, written)],
        "conflict",
        kind="quantity",
        before=q.normalized,
        after=after,
        running=q.measure in RUNNING_MEASURES,
    )


def _verb_start(claim: Claim) -> int:
    """Where the claim's first verb starts, in article offsets (its end if none is found)."""
    verb = _FIRST_VERB.search(claim.text)
    return claim.span.start + (verb.start() if verb is not None else len(claim.text))


def _figures_outside(q: Quantity) -> list[int]:
    """Exact numbers outside *q*'s interval: above its top, or below its bottom."""
    options: list[int] = []
    if q.high is not None:
        options += [int(q.high) * factor for factor in (2, 3, 4)]
    if q.low is not None:
        low = int(q.low)
        options += [low // factor for factor in (2, 3, 4) if 2 <= low // factor < low]
    return sorted(set(options))


def negate(
    article: Article, rng: random.Random | None = None, *, at: str | None = None
) -> Mutation | None:
    """Negate an affirmed claim: "signed" -> "did not sign", "was sent" -> "was not sent".

    Meaning-changing: the claim should conflict with its affirmed twins in other
    outlets (a ``"polarity"`` conflict between ``"affirmed"`` and ``"negated"``).

    Args:
        article: the article to change.
        rng: picks the claim.
        at: a quote of the article; only a claim overlapping it is negated.

    Raises:
        ConfigError: *at* does not occur in the article.

    >>> a = Article(id="a", outlet="Desk", text="Russia and Iran signed a pact on Friday.")
    >>> negate(a).article.text
    'Russia and Iran did not sign a pact on Friday.'
    """
    rng = _rng(rng)
    region = _region(article, at, "negate()")
    candidates = []
    for claim in _claims_of(article):
        if claim.polarity != "affirmed" or not _overlaps(claim.span, region):
            continue
        if _NEGATION_RE.search(claim.text):
            continue
        verb = _NEGATABLE_RE.search(claim.text)
        if verb is not None:
            candidates.append((claim, verb))
    if not candidates:
        return None
    claim, verb = rng.choice(candidates)
    if verb.group("aux"):
        start, end = verb.start("aux"), verb.end("aux")
        new = f"{verb.group('aux')} not"
    else:
        start, end = verb.start("verb"), verb.end("verb")
        capital = verb.group("verb")[0].isupper()
        new = f"{_capitalised('did', capital)} not {_NEGATABLE[verb.group('verb').lower()]}"
    span = Span(claim.span.start + start, claim.span.start + end)
    return _edited(
        "negate",
        article,
        [(span, new)],
        "conflict",
        kind="polarity",
        before="affirmed",
        after="negated",
    )


def swap_actor(
    article: Article,
    rng: random.Random | None = None,
    *,
    at: str | None = None,
    to: str | None = None,
) -> Mutation | None:
    """Replace a country in a claim's subject by another one: Russia -> Tajikistan.

    Meaning-changing: the claim no longer states the fact it stated, so it
    should leave that fact (``Expected.effect == "split"``). Only a country named
    before the claim's first verb, and not as a possessive, is chosen (who did
    it, not a detail such as "to pound Ukraine's energy infrastructure" or
    "Iran's president, Masoud Pezeshkian"), and every mention of it in the claim
    is replaced, so only a country that the claim names in full each time
    qualifies (not one it also calls "Moscow", "Russian" or "Mr Putin").

    Args:
        article: the article to change.
        rng: picks the mention and, without *to*, the new country.
        at: a quote of the article; only an actor inside a claim overlapping it
            is replaced.
        to: the new country's canonical name; by default a one-word country the
            article does not mention.

    Raises:
        ConfigError: *at* does not occur in the article, or *to* is not a
            country of the gazetteer.

    >>> a = Article(id="a", outlet="Desk", text="Russia and Iran signed a pact on Friday.")
    >>> swap_actor(a, random.Random(0), to="Tajikistan").article.text
    'Tajikistan and Iran signed a pact on Friday.'
    """
    rng = _rng(rng)
    region = _region(article, at, "swap_actor()")
    countries = _gazetteer_names(frozenset({"country"}))
    if to is not None and to not in countries:
        raise ConfigError(
            f"swap_actor(): to={to!r} is not a country of the gazetteer; "
            "pass a canonical name such as 'Tajikistan'"
        )
    candidates = sorted(
        {
            (claim, actor.canonical)
            for claim in _claims_of(article)
            if _overlaps(claim.span, region)
            for actor in claim.actors
            if actor.type == "country"
            and actor.canonical != to
            and actor.span.end <= _verb_start(claim)
            and not article.text.startswith(("'s", "’s"), actor.span.end)
        },
        key=lambda pair: (pair[0].span.start, pair[1]),
    )
    # Every mention of the country in the claim must be its plain name, so that all
    # of them can be replaced, and no person in it may stand for the country: a
    # claim still naming Russia (or Mr Putin) is still about Russia.
    gazetteer = load_gazetteer()
    mentions = {
        (claim, name): [
            v
            for v in claim.values
            if isinstance(v, Actor)
            and (v.canonical == name or gazetteer.affiliation(v.canonical) == name)
        ]
        for claim, name in candidates
    }
    candidates = [
        pair for pair in candidates if all(v.text == pair[1] for v in mentions[pair])
    ]
    if not candidates:
        return None
    claim, name = rng.choice(candidates)
    if to is None:
        to = rng.choice([c for c in _simple_countries() if c not in article.text])
    return _edited(
        "swap_actor",
        article,
        [(v.span, to) for v in mentions[claim, name]],
        "split",
        kind="actor",
        before=name,
        after=to,
    )


MUTATIONS: dict[str, MutationFunction] = {
    "reorder_paragraphs": reorder_paragraphs,
    "swap_synonyms": swap_synonyms,
    "absolutise_dates": absolutise_dates,
    "numbers_to_words": numbers_to_words,
    "add_furniture": add_furniture,
    "republish": republish,
    "shift_date": shift_date,
    "change_figure": change_figure,
    "negate": negate,
    "swap_actor": swap_actor,
}
"""Every mutation of this module by name."""
MEANING_PRESERVING: tuple[str, ...] = (
    "reorder_paragraphs",
    "swap_synonyms",
    "absolutise_dates",
    "numbers_to_words",
    "add_furniture",
    "republish",
)
"""The names of the mutations whose ``Expected.effect`` is ``"same"``."""
MEANING_CHANGING: tuple[str, ...] = (
    "shift_date",
    "change_figure",
    "negate",
    "swap_actor",
)
"""The names of the mutations that change what the article states."""
