"""How alike are two accounts of an event? Comparison levels and their weights.

The event match model of DESIGN.md ("How 'same event' is decided"), after
Fellegi and Sunter (1969) as Splink practises it. Two *accounts* (what one
article tells of one event: see :mod:`reconcile.events.coref`) are compared
feature by feature; each feature falls into one *level*:

========== ================================================================
feature    levels
========== ================================================================
class      same trigger, same class, related class, no event word (one
           account only refers back: "Turnout was 63%"), leads of their
           articles (unrelated classes, but each is what its article opens
           on, and they name one person: "Barnier's government fell" and
           "the no-confidence vote ousted Barnier"), different
date       same day, 1-3 days, 4-7 days, 8-30 days, further, after the
           other's publication, unknown (published within a week),
           unknown (published further apart)
place      same, one contains the other, different, unknown
names      same names, shared rare name, shared name, other parties (each
           names a country the other does not, in events defined by their
           parties; two trials' people have no one in common), disjoint,
           unknown
wording    ``token_set_ratio`` of the accounts' texts: >= 85, 70-85,
           50-70, < 50
figures    shared figure (both give one exact figure: "331 votes" and "331
           lawmakers"), none shared. Evidence for only: figures that differ
           are what a conflict is made of, so they count nothing against.
========== ================================================================

Each level has *m* (its chance when the accounts tell of one event) and *u*
(its chance when they do not); its weight is ``log2(m / u)``. A pair's score is
the prior log-odds plus the weights of its levels, read back as a probability.
The starting m and u are in ``reconcile/lexicon/match_weights.json``;
:func:`reconcile.match.weights.estimate_weights` re-estimates them on the corpus
at hand. A shared name counts for more the rarer it is: the u of "shared rare
name" is the name's own frequency among the accounts (term-frequency
adjustment), so sharing "Ukraine" says little and sharing a small town says much.

>>> weights = default_weights()
>>> round(weights.weight("class", "different"), 1) < 0 < round(weights.weight("date", "same day"), 1)
True
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from functools import cache, lru_cache

import numpy as np
from attrs import field, frozen
from rapidfuzz import fuzz

from reconcile.lexicon import TriggerLexicon, load_json, trigger_lexicon
from reconcile.model import MatchReason

__all__ = [
    "FEATURES",
    "LEVEL_CODES",
    "NEUTRAL_LEVELS",
    "NEWS_REACH",
    "SAME_NAME",
    "Account",
    "ComparisonMatrix",
    "ComparisonVector",
    "MatchWeights",
    "classes_differ",
    "compare_accounts",
    "comparison_matrix",
    "date_gap",
    "date_gaps",
    "default_weights",
    "explain",
    "names_alike",
    "names_apart",
    "parties_apart",
    "people_of",
]

FEATURES: dict[str, tuple[str, ...]] = {
    "class": (
        "same trigger",
        "same class",
        "related class",
        "no event word",
        "leads of their articles",
        "different",
    ),
    "date": (
        "same day",
        "1-3 days",
        "4-7 days",
        "8-30 days",
        "further",
        "after publication",
        "unknown, published within a week",
        "unknown, published further apart",
    ),
    "place": ("same", "contains", "different", "unknown"),
    "names": (
        "same names",
        "shared rare name",
        "shared name",
        "other parties",
        "disjoint",
        "unknown",
    ),
    "wording": (">= 85", "70-85", "50-70", "< 50"),
    "figures": ("shared figure", "none shared"),
}
"""Every feature's levels, most alike first."""

#: Levels that weigh nothing whatever their m and u: evidence for one event
#: only, as a null level in Splink. Two accounts without a figure in common
#: may still be one event whose figures conflict.
NEUTRAL_LEVELS = frozenset({("figures", "none shared")})

#: Each feature's levels numbered as in :data:`FEATURES` (the codes of
#: :class:`ComparisonMatrix`).
LEVEL_CODES: dict[str, dict[str, int]] = {
    feature: {level: code for code, level in enumerate(levels)}
    for feature, levels in FEATURES.items()
}

#: Families of events whose parties define them: a pact between two other
#: countries is another pact, whoever else the reports name; so are the
#: relations two other countries established the same year (background).
PARTY_FAMILIES = frozenset(
    {
        "agreement",
        "meeting",
        "contest",
        "business",
        "legal",
        "war",
        "supply",
        "background",
    }
)

#: Families whose events are told apart, within an article, by the people
#: they name on other days (the winner of an election, the defendant of a trial).
PERSON_FAMILIES = frozenset({"election", "legal"})
#: The family whose events are each about one person, across articles too (a
#: defendant): two such accounts whose people are all other people are two events.
DEFENDANT_FAMILY = "legal"

#: ``fuzz.ratio`` at or above which two names are one name misspelt.
SAME_NAME = 88

#: The family of an account whose claims name no event ("Turnout was 63%");
#: :data:`reconcile.events.binding.ANAPHORIC`.
ANAPHORIC_FAMILY = "anaphoric"

#: Accounts whose parties tell them apart: party-defined families, and
#: accounts without an event word ("Serbia received shells from Greece").
_PARTIES_OR_NO_EVENT_WORD = PARTY_FAMILIES | {ANAPHORIC_FAMILY}

#: A name held by at most this share of accounts is rare (term-frequency adjusted).
RARE_NAME_SHARE = 0.05


@frozen
class Account:
    """What one article tells of one event: the features the match model compares.

    ``date`` is the day interval ``(earliest, latest)`` the article gives the
    event, or ``None``; ``places`` are canonical places with the places that
    contain them (``within``); ``names`` are participants, known and unknown.
    """

    key: str
    article_id: str
    outlet: str
    published: date | None
    event_class: str
    family: str
    triggers: frozenset[str] = field(converter=frozenset)
    date: tuple[date, date] | None = None
    places: frozenset[str] = field(default=frozenset(), converter=frozenset)
    containing: frozenset[str] = field(default=frozenset(), converter=frozenset)
    local: frozenset[str] = field(default=frozenset(), converter=frozenset)
    """The places below country level (towns, regions, unknown names)."""
    names: frozenset[str] = field(default=frozenset(), converter=frozenset)
    countries: frozenset[str] = field(default=frozenset(), converter=frozenset)
    """The countries among the names (a person counts for the country they serve)."""
    text: str = ""
    weekday: bool = False
    """Whether the date comes from a bare weekday ("on Wednesday"): a weekday
    a week off is the same weekday misread, so it is counted the short way."""
    magnitude: tuple[float, float] | None = None
    """The magnitude the article gives the event (a quake's), as ``(low, high)``."""
    topics: frozenset[str] = field(default=frozenset(), converter=frozenset)
    """The nouns an article puts before its agreement's noun ("a fertiliser
    supply agreement": fertiliser, supply): what the agreement is about."""
    near: frozenset[str] = field(default=frozenset(), converter=frozenset)
    """The places among :attr:`places` the event is only near: those a distance
    is measured from ("40 km northwest of Herat"). They meet a place, but tell
    the event apart from none."""
    lead: bool = False
    """Whether the account is of the event its article opens on (its headline
    or first claim that names an event)."""
    kinds: frozenset[str] = field(default=frozenset(), converter=frozenset)
    """The kinds of incident the article's words for the event name
    (:attr:`reconcile.events.binding.EventMention.kinds`): only a kind named
    tells two incidents apart ("a drone strike" from "a quake"; "the train hit
    a truck" names none)."""
    figures: frozenset[tuple[float, str]] = field(
        default=frozenset(), converter=frozenset
    )
    """The exact figures the article gives the event, each with its unit, or
    with ``""`` for a count of people by whatever noun ("331 votes": ``(331.0,
    "")``; "10 percent": ``(10.0, "percent")``)."""


@frozen
class ComparisonVector:
    """The level of each feature for one pair of accounts, and the rarest name they share."""

    levels: tuple[tuple[str, str], ...]
    shared_name: str | None = None

    def level(self, feature: str) -> str:
        """The level of *feature*."""
        return dict(self.levels)[feature]


@frozen(eq=False)
class ComparisonMatrix:
    """The comparison vectors of many pairs of accounts, as small integers.

    Row *k* is pair *k*: ``levels[k, c]`` is the code (:data:`LEVEL_CODES`) of
    its level of the *c*-th feature of :data:`FEATURES` (``int8``), and
    ``shared[k]`` the index in *names* of the rarest name the pair shares when
    its names level is "shared rare name" (``-1`` otherwise). A million pairs
    take 9 MB, where as many :class:`ComparisonVector` objects take 400 MB.

    >>> vector = ComparisonVector(
    ...     (("class", "same trigger"), ("date", "same day"), ("place", "same"),
    ...      ("names", "shared rare name"), ("wording", ">= 85"),
    ...      ("figures", "shared figure")), "Oakvale")
    >>> matrix = ComparisonMatrix.from_vectors([vector])
    >>> matrix.levels.tolist(), matrix.vector(0) == vector
    ([[0, 0, 0, 1, 0, 0]], True)
    """

    levels: np.ndarray
    shared: np.ndarray
    names: tuple[str, ...] = field(default=(), converter=tuple)

    def __attrs_post_init__(self) -> None:
        if self.levels.shape != (len(self.shared), len(FEATURES)):
            msg = (
                f"levels: expected shape {(len(self.shared), len(FEATURES))} "
                f"(one row per pair, one column per feature), got {self.levels.shape!r}"
            )
            raise ValueError(msg)

    def __len__(self) -> int:
        return len(self.shared)

    def column(self, feature: str) -> np.ndarray:
        """The level codes of *feature*, one per pair."""
        return self.levels[:, list(FEATURES).index(feature)]

    def vector(self, row: int) -> ComparisonVector:
        """Pair *row* as a :class:`ComparisonVector`."""
        code = int(self.shared[row])
        return ComparisonVector(
            tuple(
                (feature, levels[int(self.levels[row, column])])
                for column, (feature, levels) in enumerate(FEATURES.items())
            ),
            self.names[code] if code >= 0 else None,
        )

    def with_wording(self, similarity: np.ndarray) -> ComparisonMatrix:
        """This matrix with each pair's wording level that of ``similarity[k]``
        (``token_set_ratio``, 0-100; NaN, not measured, is the lowest level)."""
        levels = self.levels.copy()
        levels[:, list(FEATURES).index("wording")] = _wording_codes(
            np.asarray(similarity, dtype=np.float64)
        )
        return ComparisonMatrix(levels, self.shared, self.names)

    @classmethod
    def from_vectors(cls, vectors: Iterable[ComparisonVector]) -> ComparisonMatrix:
        """The matrix of *vectors*, in their order."""
        vectors = list(vectors)
        for vector in vectors:
            if tuple(feature for feature, _ in vector.levels) != tuple(FEATURES):
                msg = (
                    f"levels: expected one level of each feature, in order "
                    f"{tuple(FEATURES)!r}, got {vector.levels!r}"
                )
                raise ValueError(msg)
        levels = np.array(
            [[LEVEL_CODES[f][lv] for f, lv in v.levels] for v in vectors],
            dtype=np.int8,
        ).reshape(len(vectors), len(FEATURES))
        codes: dict[str, int] = {}
        shared = np.array(
            [
                -1
                if v.shared_name is None
                else codes.setdefault(v.shared_name, len(codes))
                for v in vectors
            ],
            dtype=np.int32,
        )
        return cls(levels, shared, tuple(codes))


@frozen
class MatchWeights:
    """m and u of every level, the prior chance that a candidate pair is one event,
    and the share of accounts that hold each name (for term-frequency adjustment)."""

    m: Mapping[tuple[str, str], float]
    u: Mapping[tuple[str, str], float]
    prior: float
    name_share: Mapping[str, float] = field(factory=dict)

    def weight(self, feature: str, level: str, name: str | None = None) -> float:
        """``log2(m / u)`` of a level; for a shared rare name, u is the name's
        share; 0 for a level of :data:`NEUTRAL_LEVELS`."""
        if (feature, level) in NEUTRAL_LEVELS:
            return 0.0
        m = self.m[(feature, level)]
        u = self.u[(feature, level)]
        if feature == "names" and level == "shared rare name" and name is not None:
            u = max(self.name_share.get(name, u), 1e-4)
        return math.log2(m / u)

    def prior_weight(self) -> float:
        """The prior log-odds, ``log2(prior / (1 - prior))``."""
        return math.log2(self.prior / (1.0 - self.prior))


@cache
def default_weights() -> MatchWeights:
    """The starting weights of ``reconcile/lexicon/match_weights.json``."""
    data = load_json("match_weights.json")
    m, u = {}, {}
    for feature, levels in FEATURES.items():
        for level in levels:
            m[(feature, level)] = float(data["m"][feature][level])
            u[(feature, level)] = float(data["u"][feature][level])
    return MatchWeights(m, u, float(data["prior"]))


def compare_accounts(
    a: Account, b: Account, similarity: float, name_share: Mapping[str, float]
) -> ComparisonVector:
    """The comparison vector of two accounts; *similarity* is their wording's
    ``token_set_ratio`` (0-100), computed in batch by the caller."""
    shared_name = None
    names = _names_level(a, b, name_share)
    if names == "shared rare name":
        shared_name = min(a.names & b.names, key=lambda n: (name_share.get(n, 1.0), n))
    return ComparisonVector(
        (
            ("class", _class_level(a, b)),
            ("date", _date_level(a, b)),
            ("place", _place_level(a, b)),
            ("names", names),
            ("wording", _wording_level(similarity)),
            ("figures", "shared figure" if a.figures & b.figures else "none shared"),
        ),
        shared_name,
    )


#: Pairs compared at once by :func:`comparison_matrix` (bounds its working memory).
_CHUNK = 1 << 20


def comparison_matrix(
    accounts: Sequence[Account],
    a: np.ndarray,
    b: np.ndarray,
    similarity: np.ndarray,
    name_share: Mapping[str, float],
) -> ComparisonMatrix:
    """The comparisons of the pairs ``(accounts[a[k]], accounts[b[k]])``: row *k*
    is :func:`compare_accounts` of pair *k*, whose wording's ``token_set_ratio``
    is ``similarity[k]`` (NaN, not measured, gives the lowest level, as there).

    Computed column by column over all pairs: dates and wording with numpy;
    class, place and names once per distinct pair of what the two accounts
    hold of that feature (a few hundred classes and place sets recur across
    hundreds of thousands of pairs).
    """
    # Only the accounts the pairs name are read, renumbered in order.
    used = np.zeros(len(accounts), dtype=bool)
    used[a] = used[b] = True
    number = np.cumsum(used) - 1
    a, b = number[np.asarray(a, dtype=np.int64)], number[np.asarray(b, dtype=np.int64)]
    accounts = [accounts[i] for i in np.flatnonzero(used).tolist()]
    similarity = np.asarray(similarity, dtype=np.float64)
    levels = np.empty((len(a), len(FEATURES)), dtype=np.int8)
    shared = np.full(len(a), -1, dtype=np.int32)
    dates = _Dates(accounts)
    kinds = _Signatures(
        accounts,
        lambda x: (x.family, x.event_class, x.triggers, x.kinds, x.lead, people_of(x)),
    )
    places = _Signatures(accounts, lambda x: (x.places, x.containing, x.local))
    people = _people_signatures(accounts)
    parties = _Signatures(
        accounts,
        lambda x: (
            x.names,
            x.countries,
            x.family in _PARTIES_OR_NO_EVENT_WORD,
            x.family == DEFENDANT_FAMILY,
        ),
    )
    figures = _Figures(accounts)
    codes: dict[str, int] = {}

    def names_and_shared(x: Account, y: Account) -> tuple[int, int]:
        level = _names_level(x, y, name_share)
        if level != "shared rare name":
            return LEVEL_CODES["names"][level], -1
        name = min(x.names & y.names, key=lambda n: (name_share.get(n, 1.0), n))
        return LEVEL_CODES["names"][level], codes.setdefault(name, len(codes))

    for start in range(0, len(a), _CHUNK):
        x, y = a[start : start + _CHUNK], b[start : start + _CHUNK]
        rows = slice(start, start + len(x))
        levels[rows, 0] = kinds.apply(
            x, y, lambda p, q: (LEVEL_CODES["class"][_class_level(p, q)],)
        )[0]
        levels[rows, 3], shared[rows] = parties.apply(x, y, names_and_shared)
        levels[rows, 1] = dates.codes(x, y, _weekday_folds(dates, people, x, y))
        levels[rows, 2] = places.apply(
            x, y, lambda p, q: (LEVEL_CODES["place"][_place_level(p, q)],)
        )[0]
        levels[rows, 4] = _wording_codes(similarity[rows])
        levels[rows, 5] = figures.codes(x, y)
    return ComparisonMatrix(levels, shared, tuple(codes))


class _Signatures:
    """Accounts numbered by what they hold of one feature (equal holdings, one
    number), so a level is worked out once per distinct pair of numbers."""

    def __init__(
        self, accounts: Sequence[Account], holding: Callable[[Account], object]
    ) -> None:
        numbers: dict[object, int] = {}
        self.number = np.array(
            [numbers.setdefault(holding(x), len(numbers)) for x in accounts],
            dtype=np.int64,
        )
        self.count = max(len(numbers), 1)
        first = {n: i for i, n in reversed(list(enumerate(self.number.tolist())))}
        self.example = [accounts[first[n]] for n in range(len(numbers))]

    def apply(
        self,
        a: np.ndarray,
        b: np.ndarray,
        level: Callable[[Account, Account], tuple[int, ...]],
    ) -> tuple[np.ndarray, ...]:
        """``level(accounts[a[k]], accounts[b[k]])`` for every pair *k*, as one
        array per item of the tuple *level* returns."""
        keys, where = np.unique(
            self.number[a] * self.count + self.number[b], return_inverse=True
        )
        found = [
            level(self.example[key // self.count], self.example[key % self.count])
            for key in keys.tolist()
        ]
        width = len(found[0]) if found else 1
        table = np.array(found, dtype=np.int64).reshape(len(found), width)
        return tuple(table[where.reshape(-1), column] for column in range(width))


class _Figures:
    """Each account's exact figures as sorted keys ``account * F + figure``
    (*F* distinct figures), so whether two accounts share one is a lookup."""

    def __init__(self, accounts: Sequence[Account]) -> None:
        numbers: dict[tuple[float, str], int] = {}
        owners: list[int] = []
        codes: list[int] = []
        for index, account in enumerate(accounts):
            for figure in account.figures:
                owners.append(index)
                codes.append(numbers.setdefault(figure, len(numbers)))
        self.count = max(len(numbers), 1)
        self.owners = np.array(owners, dtype=np.int64)
        self.figure = np.array(codes, dtype=np.int64)
        self.keys = np.sort(self.owners * self.count + self.figure)
        # Where each account's figures start among the owners (sorted by account).
        self.starts = np.searchsorted(self.owners, np.arange(len(accounts) + 1))

    def shared(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Whether accounts ``a[k]`` and ``b[k]`` share a figure, for every *k*."""
        shared = np.zeros(len(a), dtype=bool)
        if not len(self.keys) or not len(a):
            return shared
        counts = self.starts[a + 1] - self.starts[a]
        pairs = np.repeat(np.arange(len(a)), counts)
        if not len(pairs):
            return shared
        # Each figure of each pair's first account, looked up among the second's.
        offsets = np.arange(len(pairs)) - np.repeat(np.cumsum(counts) - counts, counts)
        figure = self.figure[np.repeat(self.starts[a], counts) + offsets]
        wanted = b[pairs] * self.count + figure
        found = np.searchsorted(self.keys, wanted)
        hit = self.keys[np.minimum(found, len(self.keys) - 1)] == wanted
        shared[pairs[hit]] = True
        return shared

    def codes(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """The figures level code of each pair."""
        code = LEVEL_CODES["figures"]
        return np.where(
            self.shared(a, b), code["shared figure"], code["none shared"]
        ).astype(np.int8)


def date_gaps(accounts: Sequence[Account], a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """:func:`date_gap` of each pair of dated accounts ``(accounts[a[k]],
    accounts[b[k]])``, for all pairs at once."""
    dates = _Dates(accounts)
    return dates.gaps(a, b, _weekday_folds(dates, _people_signatures(accounts), a, b))


def _people_signatures(accounts: Sequence[Account]) -> _Signatures:
    """The accounts numbered by what :func:`names_apart` reads of them."""
    return _Signatures(
        accounts, lambda x: (x.family, x.names, x.countries, x.places, x.containing)
    )


def _weekday_folds(
    dates: _Dates, people: _Signatures, a: np.ndarray, b: np.ndarray
) -> np.ndarray:
    """Whether each pair may count a bare weekday the short way round the
    week: every pair but those a day to a week apart whose names part them
    (:func:`names_apart`, judged once per distinct pair of holdings)."""
    fold = np.ones(len(a), dtype=bool)
    week_off = dates.week_off(a, b)
    if week_off.any():
        (apart,) = people.apply(
            a[week_off], b[week_off], lambda p, q: (int(names_apart(p, q)),)
        )
        fold[week_off] = apart == 0
    return fold


#: Day ordinal standing for "no date" in :class:`_Dates`.
_NO_DAY = np.iinfo(np.int64).min // 4


class _Dates:
    """The accounts' dates and publication dates as day ordinals."""

    def __init__(self, accounts: Sequence[Account]) -> None:
        self.first = np.array(
            [x.date[0].toordinal() if x.date else _NO_DAY for x in accounts], np.int64
        )
        self.last = np.array(
            [x.date[1].toordinal() if x.date else _NO_DAY for x in accounts], np.int64
        )
        self.dated = self.first != _NO_DAY
        self.published = np.array(
            [x.published.toordinal() if x.published else _NO_DAY for x in accounts],
            np.int64,
        )
        self.weekday = np.array([x.weekday for x in accounts], dtype=bool)
        self.coarse = self.dated & (self.last - self.first > 6)
        self.yearly = self.dated & (self.last - self.first > 31)

    def _apart(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Days between the spans of each pair (negative when they overlap)."""
        return np.maximum(self.first[b] - self.last[a], self.first[a] - self.last[b])

    def week_off(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Whether each pair is dated a day to a week apart, one of them by a
        bare weekday: the pairs :meth:`gaps` may count the short way."""
        gap = self._apart(a, b)
        return (
            self.dated[a]
            & self.dated[b]
            & (self.weekday[a] | self.weekday[b])
            & (gap > 0)
            & (gap <= 7)
        )

    def gaps(
        self, a: np.ndarray, b: np.ndarray, fold: np.ndarray | None = None
    ) -> np.ndarray:
        """:func:`date_gap` of each pair (meaningless where either is undated);
        *fold* says of each pair whether a bare weekday may be counted the
        short way (its names are not apart; every pair when ``None``)."""
        gap = np.maximum(self._apart(a, b), 0)
        short = (self.weekday[a] | self.weekday[b]) & (gap <= 7)
        if fold is not None:
            short &= fold
        return np.where(short, np.minimum(gap, 7 - gap), gap)

    def codes(
        self, a: np.ndarray, b: np.ndarray, fold: np.ndarray | None = None
    ) -> np.ndarray:
        """The date level code of each pair (:func:`_date_level`; *fold* as
        for :meth:`gaps`)."""
        code = LEVEL_CODES["date"]
        both = self.dated[a] & self.dated[b]
        gap = np.where(both, self.gaps(a, b, fold), 0)
        coarse = self.coarse[a] | self.coarse[b]
        out = np.select(
            [gap == 0, gap <= 3, gap <= 7, gap <= 30],
            [code["same day"], code["1-3 days"], code["4-7 days"], code["8-30 days"]],
            code["further"],
        )
        alike = self.coarse[a] & self.coarse[b] & (self.yearly[a] == self.yearly[b])
        out = np.where(
            coarse & (gap > 0),
            np.where((gap <= COARSE_REACH) & ~alike, code["4-7 days"], code["further"]),
            out,
        )
        published = (self.published[a] != _NO_DAY) & (self.published[b] != _NO_DAY)
        apart = np.abs(self.published[a] - self.published[b])
        undated = np.where(
            published & (apart > 7),
            code["unknown, published further apart"],
            code["unknown, published within a week"],
        )
        after = np.zeros(len(a), dtype=bool)
        for dated, other in ((a, b), (b, a)):
            after |= (
                self.dated[dated]
                & ~self.dated[other]
                & (self.published[other] != _NO_DAY)
                & (self.first[dated] - self.published[other] > 1)
            )
        # An undated account against one dated weeks before its publication:
        # what it tells is as far from that date as its publication is.
        stale = np.zeros(len(a), dtype=bool)
        for dated, other in ((a, b), (b, a)):
            stale |= (
                self.dated[dated]
                & ~self.dated[other]
                & (self.published[other] != _NO_DAY)
                & (self.published[other] - self.last[dated] > NEWS_REACH)
            )
        undated = np.where(stale, code["unknown, published further apart"], undated)
        undated = np.where(after, code["after publication"], undated)
        return np.where(both, out, undated).astype(np.int8)


def _wording_codes(similarity: np.ndarray) -> np.ndarray:
    """The wording level code of each similarity (:func:`_wording_level`)."""
    code = LEVEL_CODES["wording"]
    return np.select(
        [similarity >= 85, similarity >= 70, similarity >= 50],
        [code[">= 85"], code["70-85"], code["50-70"]],
        code["< 50"],
    ).astype(np.int8)


def log_odds(vector: ComparisonVector, weights: MatchWeights) -> float:
    """The prior log-odds plus the weight of each level (bits)."""
    total = weights.prior_weight()
    for feature, level in vector.levels:
        total += weights.weight(feature, level, vector.shared_name)
    return total


def explain(vector: ComparisonVector, weights: MatchWeights) -> tuple[MatchReason, ...]:
    """The waterfall of a match: the prior, each feature's level and weight, the total.

    Each :class:`~reconcile.model.MatchReason` has the feature as ``rule``, the
    weight in bits as ``score`` and the level as ``detail``; the last one is the
    match probability (0-100) with the total log-odds in its detail.
    """
    reasons = [MatchReason("prior", round(weights.prior_weight(), 2), None, "log-odds")]
    for feature, level in vector.levels:
        w = weights.weight(feature, level, vector.shared_name)
        detail = level
        if feature == "names" and vector.shared_name is not None:
            detail = f"{level}: {vector.shared_name}"
        reasons.append(MatchReason(feature, round(w, 2), None, detail))
    total = log_odds(vector, weights)
    reasons.append(
        MatchReason(
            "match probability",
            round(100 * _to_probability(total), 1),
            None,
            f"total {total:+.2f} bits",
        )
    )
    return tuple(reasons)


def _to_probability(bits: float) -> float:
    if bits > 60:
        return 1.0
    if bits < -60:
        return 0.0
    odds = 2.0**bits
    return odds / (1.0 + odds)


def _class_level(a: Account, b: Account) -> str:
    if ANAPHORIC_FAMILY in (a.family, b.family):
        return "no event word"  # nothing to compare, even between two such accounts
    if a.event_class == b.event_class:
        return "same trigger" if a.triggers & b.triggers else "same class"
    lexicon = trigger_lexicon()
    kinds = {_incident_kind(a, lexicon), _incident_kind(b, lexicon)}
    if None not in kinds and len(kinds) == 2:
        return "different"  # a quake and a missile attack
    if lexicon.related_families(a.family, b.family):
        return "related class"
    if a.lead and b.lead and people_of(a) & people_of(b):
        return "leads of their articles"
    return "different"


def people_of(account: Account) -> frozenset[str]:
    """The names of *account* that are no country and no place: its people and
    bodies ("Michel Barnier", "Nippon Steel")."""
    return account.names - account.countries - account.places - account.containing


#: Two clusters of accounts whose magnitudes are this far apart tell of two
#: events (:mod:`reconcile.events.coref`): agencies and outlets differ on one
#: quake by a few tenths (6.3 and 6.2, 6.4 and 6.1 in the real sets; 7.8 and
#: 7.7, 6.8 and 7.0 between agencies), by half a degree at most.
MAGNITUDES_APART = 0.6


def classes_differ(a: Account, b: Account) -> bool:
    """Whether two accounts' classes say two events (the ``different`` class
    level): unrelated families, or two kinds of incident."""
    return _class_level(a, b) == "different"


def _incident_kind(account: Account, lexicon: TriggerLexicon) -> str | None:
    """What caused an incident (lexicon ``incident_kinds``), when the article's
    words name it (:attr:`Account.kinds`): not when a verb many kinds share
    ("it struck", "hit a dump truck"), a word of two kinds ("fire": a gun's, or
    a blaze) or only what the incident did ("three died") tells of it."""
    kind = lexicon.incident_kind.get(account.event_class)
    return kind if kind in account.kinds else None


def _date_level(a: Account, b: Account) -> str:
    if a.date is not None and b.date is not None:
        gap = date_gap(a, b)
        if is_coarse(a) or is_coarse(b):
            # A month or a year against a day: a different month is a
            # discrepancy of one event as often as it is another event. Two
            # years (or two months) apart are two events.
            if gap == 0:
                return "same day"
            if is_coarse(a) and is_coarse(b) and _span(a) == _span(b):
                return "further"
            return "4-7 days" if gap <= COARSE_REACH else "further"
        if gap == 0:
            return "same day"
        if gap <= 3:
            return "1-3 days"
        if gap <= 7:
            return "4-7 days"
        if gap <= 30:
            return "8-30 days"
        return "further"
    for dated, other in ((a, b), (b, a)):
        if (
            dated.date is not None
            and other.date is None
            and other.published is not None
            and (dated.date[0] - other.published).days > 1
        ):
            return "after publication"
    for dated, other in ((a, b), (b, a)):
        if (
            dated.date is not None
            and other.date is None
            and other.published is not None
            and (other.published - dated.date[1]).days > NEWS_REACH
        ):
            # An undated account tells its article's news, not of what
            # happened weeks before it was published.
            return "unknown, published further apart"
    if a.published is not None and b.published is not None:
        if abs((a.published - b.published).days) <= 7:
            return "unknown, published within a week"
        return "unknown, published further apart"
    return "unknown, published within a week"


#: An undated account tells of what happened at most this many days before its
#: article's publication: its article's news.
NEWS_REACH = 7
#: Days two coarse dates (a month, a year) may lie apart and still be one event.
COARSE_REACH = 31


def _span(account: Account) -> str:
    """ "year" or "month": how coarse a coarse date is."""
    assert account.date is not None
    return "year" if (account.date[1] - account.date[0]).days > 31 else "month"


def is_coarse(account: Account) -> bool:
    """Whether an account's date is coarser than a few days (a month, a year)."""
    return account.date is not None and (account.date[1] - account.date[0]).days > 6


def date_gap(a: Account, b: Account) -> int:
    """Days between two accounts' dates (0 when they overlap); a bare weekday
    is counted the short way round the week ("on Tuesday" and "on Wednesday"
    are a day apart, whichever weeks the publication dates put them in),
    unless the accounts' names are apart (:func:`names_apart`)."""
    assert a.date is not None and b.date is not None
    gap = max((b.date[0] - a.date[1]).days, (a.date[0] - b.date[1]).days, 0)
    if (a.weekday or b.weekday) and 0 < gap <= 7 and not names_apart(a, b):
        gap = min(gap, 7 - gap)
    return gap


def names_apart(a: Account, b: Account) -> bool:
    """Whether two accounts have other parties, or are elections or trials
    whose people have no one in common: then a weekday a week off is no
    misread of one event's ("Leila Nieminen was elected on Monday" and, a
    week before, "Viktor Kowalczyk won"). Incidents' names are mostly who
    speaks of them, and say nothing of it."""
    if parties_apart(a, b):
        return True
    if a.family != b.family or a.family not in PERSON_FAMILIES:
        return False
    mine, theirs = people_of(a), people_of(b)
    return bool(mine) and bool(theirs) and not mine & theirs


def _place_level(a: Account, b: Account) -> str:
    if not a.places or not b.places:
        return "unknown"
    if towns_apart(a, b):
        return "different"
    if a.places & b.places:
        return "same"
    if _one_within_other(a, b):
        return "contains"
    if _near_a_region(a, b) or _near_a_region(b, a):
        return "unknown"
    if _region_and_unplaced_town(a, b):
        return "unknown"
    if bool(a.local) == bool(b.local):
        return "different"
    # One names only countries, the other towns: a town the gazetteer does
    # not place in any country says nothing against the country; a town in
    # one country ("Miami in the United States") is apart from another.
    towns = a if a.local else b
    if not (towns.containing | (towns.places - towns.local)):
        return "unknown"
    return "different"


def _only_in_regions(account: Account) -> bool:
    """Whether *account* is placed below country level in regions only ("in
    rural Missouri"): a region is both local and containing."""
    return bool(account.local) and account.local <= account.containing


def _near_a_region(near: Account, other: Account) -> bool:
    """Whether *near* is placed only near a place ("84 miles northeast of
    Kansas City") and *other* only in regions of a country that holds it ("in
    rural Missouri"): how near is not known, so neither says two places.
    Against a town ("hit Kabul"), or a region of another country, they stay
    apart."""
    return (
        near.places <= near.near
        and _only_in_regions(other)
        and bool(other.containing & near.containing)
    )


def _region_and_unplaced_town(a: Account, b: Account) -> bool:
    """Whether one account is placed only in regions ("in California") and the
    other in towns the gazetteer places nowhere ("near Brentwood"): a region
    may hold any such town, as a country may."""
    return any(
        _only_in_regions(regions)
        and towns.local
        and not towns.containing
        and not towns.local & regions.containing
        for regions, towns in ((a, b), (b, a))
    )


def towns_apart(a: Account, b: Account) -> bool:
    """Whether both accounts name towns, none shared or holding another, and
    none named within another's name: "Kazan in Russia" and "Saint Petersburg
    in Russia" are two places, whatever country they share, while "Muan
    Airport" is "Muan International Airport" (:func:`place_named_within`)."""
    return (
        bool(a.local)
        and bool(b.local)
        and not a.local & b.local
        and not a.local & b.containing
        and not b.local & a.containing
        and not _towns_named_alike(a, b)
        and not _region_and_unplaced_town(a, b)
    )


def placed_alike(a: Account, b: Account) -> bool:
    """Whether two accounts share a place, or one's place holds the other's
    or is named within its name ("Muan Airport", "Muan International Airport")."""
    return bool(a.places & b.places) or _one_within_other(a, b)


def _one_within_other(a: Account, b: Account) -> bool:
    """Whether one account's place holds the other's, or is named within it."""
    return bool(
        a.places & b.containing or b.places & a.containing
    ) or _towns_named_alike(a, b)


def _towns_named_alike(a: Account, b: Account) -> bool:
    """Whether a town of one account is named within a town of the other's."""
    return any(place_named_within(x, y) for x in a.local for y in b.local)


def topics_apart(a: Account, b: Account) -> bool:
    """Whether two accounts of agreements say what each is about and share no
    word of it: "a fertiliser supply agreement" and "a satellite navigation
    treaty" of one pair of countries are two agreements."""
    return bool(a.topics) and bool(b.topics) and not a.topics & b.topics


def place_named_within(x: str, y: str) -> bool:
    """Whether one place's name has every word of the other's ("Herat" and
    "Herat province", "Muan Airport" and "Muan International Airport"; not
    "Gimhae Air Base" and "Gimhae International Airport")."""
    a, b = _name_words(x), _name_words(y)
    return a <= b or b <= a


@lru_cache(maxsize=1 << 16)
def _name_words(name: str) -> frozenset[str]:
    return frozenset(name.casefold().split())


def _other_people(a: Account, b: Account) -> bool:
    """Whether both accounts name people (names that are not countries) and
    no person of one is a person of the other, spelt alike or not."""
    people_a, people_b = a.names - a.countries, b.names - b.countries
    return (
        bool(people_a)
        and bool(people_b)
        and not any(names_alike(x, y) for x in people_a for y in people_b)
    )


def parties_apart(a: Account, b: Account) -> bool:
    """Whether two accounts have other parties (the names level ``other
    parties``): in events defined by their parties, each names a country the
    other does not; in trials, their people have no one in common."""
    return _names_level(a, b, {}) == "other parties"


def names_alike(a: str, b: str) -> bool:
    """Whether two names are one: alike letter for letter (``fuzz.ratio`` at
    least :data:`SAME_NAME`: "Karl Ostrander", "Karl Ostranderr"), or one's
    words (two or more, the last word the same) all among the other's ("Star
    Movement", "Five Star Movement"; not "United States", "United States Steel").
    """
    if a == b:
        return True
    if fuzz.ratio(a.casefold(), b.casefold()) >= SAME_NAME:
        return True
    words_a, words_b = a.casefold().split(), b.casefold().split()
    if not words_a or not words_b or words_a[-1] != words_b[-1]:
        return False
    small, large = sorted((set(words_a), set(words_b)), key=len)
    return len(small) >= 2 and small < large


def _names_level(a: Account, b: Account, name_share: Mapping[str, float]) -> str:
    if not a.names or not b.names:
        return "unknown"
    shared = a.names & b.names
    if (
        a.family in _PARTIES_OR_NO_EVENT_WORD
        and b.family in _PARTIES_OR_NO_EVENT_WORD
        and a.countries - b.countries
        and b.countries - a.countries
    ):
        return "other parties"
    if a.family == b.family == DEFENDANT_FAMILY and _other_people(a, b):
        # "sentenced Viktor Kiraly" and "sentenced Jonas Castellanos": a
        # trial is about its defendant (an "Ukrainian court" in both says
        # nothing of it). Not elections: outlets name the winner or the
        # winner's party ("Karl Ostrander", "the Harbour Party").
        return "other parties"
    if not shared:
        return "disjoint"
    if a.names == b.names:
        return "same names"
    if any(name_share.get(n, 1.0) <= RARE_NAME_SHARE for n in shared):
        return "shared rare name"
    return "shared name"


def _wording_level(similarity: float) -> str:
    if similarity >= 85:
        return ">= 85"
    if similarity >= 70:
        return "70-85"
    if similarity >= 50:
        return "50-70"
    return "< 50"
