"""Value against value: dates, quantities and places compared as intervals.

Also which values of two claims may be compared at all
(:func:`comparable_value_pairs`) and whether two claims are affirmed/negated
twins (:func:`are_twins`).
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Sequence
from datetime import timedelta
from typing import cast

from attrs import frozen
from rapidfuzz import fuzz

from reconcile.config import Config
from reconcile.extract.actors import PLACE_TYPES
from reconcile.extract.attribution import find_attribution
from reconcile.extract.dates import joined_by_and
from reconcile.match.frames import content_tokens, frame_tokens
from reconcile.model import Actor, Claim, DateValue, Quantity, Value

__all__ = [
    "AMBIGUOUS_UNITS",
    "DISTINCT_ROLES",
    "PLACE_TWIN_THRESHOLD",
    "RUNNING_MEASURES",
    "TWIN_THRESHOLD",
    "ClaimView",
    "ValueComparison",
    "are_twins",
    "comparable_value_pairs",
    "compare_values",
]


#: Measures whose figures later reports revise upwards (a running toll).
RUNNING_MEASURES = frozenset(
    {
        "killed",
        "injured",
        "missing",
        "displaced",
        "evacuated",
        "arrested",
        "rescued",
        "affected",
        "detained",
    }
)


#: Event roles that name distinct events: dates with two different ones are never compared.
DISTINCT_ROLES = frozenset(
    {
        "signed",
        "ratified",
        "approved",
        "elected",
        "inaugurated",
        "arrested",
        "charged",
        "sentenced",
        "ruled",
        "invaded",
        "began",
        "ended",
        "struck",
        "voted",
        "rose",
    }
)


@frozen
class ValueComparison:
    """The outcome of comparing two values: ``agree``, ``conflict`` or ``update``, and the rule."""

    outcome: str
    rule: str
    explanation: str


def compare_values(
    left: Value,
    right: Value,
    config: Config | None = None,
    *,
    one_statement: bool = False,
) -> ValueComparison | None:
    """Compare two values of one kind; ``None`` when they are not comparable.

    Distances, durations and percentages without a measure
    (:data:`AMBIGUOUS_UNITS`) are compared only when *one_statement* says the
    two claims state the same thing apart from their values (twins): "turnout
    was 49 percent" against "turnout was 58 percent", not a turnout against
    a rise.

    Symmetric: ``compare_values(a, b)`` and ``compare_values(b, a)`` have the same
    outcome.

    >>> from datetime import date
    >>> from reconcile.model import DateValue, Span
    >>> jan = DateValue("January 2025", Span(0, 12), date(2025, 1, 1), date(2025, 1, 31), "month")
    >>> day = DateValue("Jan. 17", Span(0, 7), date(2025, 1, 17), date(2025, 1, 17))
    >>> compare_values(jan, day).outcome
    'agree'
    """
    config = config or Config()
    if isinstance(left, DateValue) and isinstance(right, DateValue):
        return _compare_dates(left, right)
    if isinstance(left, Quantity) and isinstance(right, Quantity):
        return _compare_quantities(left, right, config, one_statement)
    if (
        isinstance(left, Actor)
        and isinstance(right, Actor)
        and left.role == right.role == "place"
    ):
        return _compare_places(left, right)
    return None


_NEGATORS = re.compile(
    r"\b(?:not|no|never|n't|denied|denies|deny|did|does|do|has|have|had|was|were|is|are)\b|n't",
    re.IGNORECASE,
)


#: Two claims of opposite polarity conflict only when, negation aside, they say
#: the same thing: ``token_sort_ratio`` of their texts at or above this.
TWIN_THRESHOLD = 70.0


#: Places are compared only between claims this alike (``token_sort_ratio``):
#: a fact's claims often name places of different roles (where a deal was
#: signed, where a strike hit).
PLACE_TWIN_THRESHOLD = 60.0


#: Or when the smaller claim's content tokens (attribution aside; at least
#: ``TWIN_MIN_TOKENS`` of them; the negated claim's, when one is negated) lie at
#: least this much inside the other's: "the coastguard said no flood alert was
#: issued" is the negated twin of "a flood alert was issued at noon and lifted
#: an hour later".
TWIN_CONTAINMENT = 0.8
TWIN_MIN_TOKENS = 3
#: Of two claims of opposite polarity, at least this share of what the negated
#: one states (attribution aside) must lie inside what the other states, however
#: alike their short frames read: "no passengers were thrown from the train"
#: denies nothing of "three were passengers on the train" (two of its four words).
DENIED_INSIDE = 2 / 3


def are_twins(left: Claim, right: Claim, threshold: float = TWIN_THRESHOLD) -> bool:
    """Whether two claims state the same thing apart from negation (affirmed/negated twins).

    Compared both as written (negators removed) and as the matcher's frames
    (synonyms folded, values masked), so "did not conclude a pact on January 1"
    is the twin of "signed a treaty on Jan. 1"; or, for polarity, when what one
    states (attribution aside) lies almost wholly inside what the other states.
    """
    return _twins(ClaimView(left), ClaimView(right), threshold, containment=True)


def _twins(
    left: ClaimView, right: ClaimView, threshold: float, *, containment: bool
) -> bool:
    """Whether two claims read alike at *threshold*, as written or as frames; with
    *containment* (the polarity rule), also when one's content lies inside the other's."""
    if fuzz.token_sort_ratio(left.plain_text, right.plain_text) >= threshold:
        return True
    a_tokens, b_tokens = left.content, right.content
    # What a negated claim denies must lie inside what the other affirms:
    # "no passengers were thrown from the train" denies nothing "three were
    # passengers on the train" says, though their short frames read alike.
    denied = None
    if left.claim.polarity != right.claim.polarity:
        denied = a_tokens if left.claim.polarity == "negated" else b_tokens
    inside = denied is None or len(a_tokens & b_tokens) >= DENIED_INSIDE * len(denied)
    (l_names, l_words), (r_names, r_words) = left.frame_parts, right.frame_parts
    if (
        inside
        and (l_names <= r_names or r_names <= l_names)
        and fuzz.token_sort_ratio(l_words, r_words) >= threshold
    ):
        # The frames' words alike, their names the same: a long shared name
        # ("actor_sonja_takacs") does not make "denied the charges" and
        # "would appeal the verdict" alike.
        return True
    if not containment:
        return False
    smaller = min(len(a_tokens), len(b_tokens))
    return (
        smaller >= TWIN_MIN_TOKENS
        and inside
        and len(a_tokens & b_tokens) >= TWIN_CONTAINMENT * smaller
    )


def comparable_value_pairs(left: Claim, right: Claim) -> list[tuple[Value, Value]]:
    """The pairs of values of two claims that speak of the same thing and may be compared.

    Dates pair when their event roles match (or each claim has one date and the
    roles do not name two distinct events); quantities pair within a dimension,
    each with the closest figure of the other claim; places pair when each claim
    names exactly one known place.
    """
    return _value_pairs(ClaimView(left), ClaimView(right))


class ClaimView:
    """What comparing *claim* with other claims needs of it, each part worked out
    once, when first asked for: a fact's claims are compared pair by pair, so
    :func:`~reconcile.compare.compare_facts` makes one view per claim and
    passes it to every pair."""

    def __init__(self, claim: Claim) -> None:
        self.claim = claim

    @functools.cached_property
    def dates(self) -> list[DateValue]:
        """The resolved dates."""
        return [d for d in self.claim.dates if d.resolved]

    @functools.cached_property
    def by_dimension(self) -> dict[tuple[str, str | None], list[Quantity]]:
        """The figures, by what they count."""
        found: dict[tuple[str, str | None], list[Quantity]] = defaultdict(list)
        for q in self.claim.quantities:
            found[q.dimension].append(q)
        return found

    @functools.cached_property
    def cue(self) -> str | None:
        """The attribution cue ("officials in Khartoum said"), if any."""
        return find_attribution(self.claim.text).cue

    @functools.cached_property
    def places(self) -> list[Actor]:
        """The known places outside the attribution cue: in "..., officials in
        Khartoum said", Khartoum is where the speakers are, not where the event
        happened."""
        if not self.claim.places:
            return []
        claim, cue = self.claim, self.cue
        at = claim.text.find(cue) if cue else -1
        begin = claim.span.start + at
        end = begin + len(cue) if cue and at >= 0 else begin
        return [
            p
            for p in claim.places
            if p.type in PLACE_TYPES
            and not (begin <= p.span.start and p.span.end <= end)
        ]

    @functools.cached_property
    def plain_text(self) -> str:
        """The text, lower-cased, negators removed."""
        return _NEGATORS.sub(" ", self.claim.text.lower())

    @functools.cached_property
    def frame_text(self) -> str:
        """The matcher's frame of the claim (its text)."""
        return " ".join(frame_tokens(self.claim))

    @functools.cached_property
    def frame_parts(self) -> tuple[frozenset[str], str]:
        """The frame's names and values (``actor_``, ``qty_`` tokens) and its
        other words, apart."""
        tokens = self.frame_text.split()
        names = frozenset(t for t in tokens if t.startswith(("actor_", "qty_")))
        return names, " ".join(t for t in tokens if t not in names)

    @functools.cached_property
    def content(self) -> frozenset[str]:
        """The frame tokens less those of the attribution cue."""
        return content_tokens(self.claim, self.cue)


def _value_pairs(lview: ClaimView, rview: ClaimView) -> list[tuple[Value, Value]]:
    pairs: list[tuple[Value, Value]] = []
    ldates, rdates = lview.dates, rview.dates
    for ld in ldates:
        for rd in rdates:
            if (ld.role == rd.role and ld.role is not None) or (
                len(ldates) == 1
                and len(rdates) == 1
                and not (
                    ld.role in DISTINCT_ROLES
                    and rd.role in DISTINCT_ROLES
                    and ld.role != rd.role
                )
            ):
                pairs.append((ld, rd))
    pairs = _closest_days(lview.claim, rview.claim, pairs)
    if rview.by_dimension:
        for lq in lview.claim.quantities:
            candidates = rview.by_dimension.get(lq.dimension)
            if candidates:
                pairs.append((lq, _closest(lq, candidates)))
    lplaces, rplaces = lview.places, rview.places
    if (
        len(lplaces) == 1
        and len(rplaces) == 1
        and _twins(lview, rview, PLACE_TWIN_THRESHOLD, containment=False)
    ):
        pairs.append((lplaces[0], rplaces[0]))
    return pairs


def _closest_days(
    left: Claim, right: Claim, pairs: list[tuple[Value, Value]]
) -> list[tuple[Value, Value]]:
    """The date pairs to compare, of all *pairs* of two claims' dates: when a
    claim gives one role several days joined by "and" ("elections in two
    rounds, on June 30 and July 7"), the event holds them all, so another
    claim's day that meets one of them ("in July") meets the event: only the
    pairs of that role that overlap are compared, or, when none does, the
    nearest one (one conflict, not one per day). Days not joined so ("on
    Wednesday (Oct. 30)") are each compared."""
    if len(pairs) < 2:
        return pairs  # most pairs of claims: one date each, or none
    by_role: dict[str | None, list[tuple[Value, Value]]] = {}
    for pair in pairs:
        by_role.setdefault(cast(DateValue, pair[0]).role, []).append(pair)
    kept: list[tuple[Value, Value]] = []
    for role_pairs in by_role.values():
        if len(role_pairs) == 1 or not (
            joined_by_and(left, [cast(DateValue, a) for a, _ in role_pairs])
            or joined_by_and(right, [cast(DateValue, b) for _, b in role_pairs])
        ):
            kept.extend(role_pairs)
            continue
        gaps = [_day_gap(cast(DateValue, a), cast(DateValue, b)) for a, b in role_pairs]
        if None in gaps:
            kept.extend(role_pairs)
            continue
        meeting = [pair for pair, gap in zip(role_pairs, gaps, strict=True) if gap == 0]
        nearest = min(range(len(gaps)), key=lambda k: cast(int, gaps[k]))
        kept.extend(meeting or [role_pairs[nearest]])
    return kept


def _day_gap(left: DateValue, right: DateValue) -> int | None:
    """Days between two day intervals (0 when they overlap), ``None`` when one is open."""
    if None in (left.earliest, left.latest, right.earliest, right.latest):
        return None
    return max(
        (left.earliest - right.latest).days,  # type: ignore[operator]
        (right.earliest - left.latest).days,  # type: ignore[operator]
        0,
    )


def _closest(target: Quantity, candidates: Sequence[Quantity]) -> Quantity:
    """The figure of the other claim to compare *target* with: one that agrees if
    any does; for a running toll the largest; otherwise the nearest."""

    def gap(q: Quantity) -> float:
        lo1, hi1 = _bounds(target)
        lo2, hi2 = _bounds(q)
        return max(0.0, lo1 - hi2, lo2 - hi1)

    overlapping = [q for q in candidates if gap(q) == 0.0]
    if overlapping or target.measure not in RUNNING_MEASURES:
        return min(candidates, key=gap)
    # A running figure is compared with the other report's headline figure, its largest.
    return max(candidates, key=lambda q: _bounds(q)[0])


def _compare_dates(left: DateValue, right: DateValue) -> ValueComparison | None:
    if (
        left.earliest is None
        or right.earliest is None
        or left.latest is None
        or right.latest is None
    ):
        return None
    if left.earliest <= right.latest and right.earliest <= left.latest:
        return ValueComparison(
            "agree",
            "overlapping_day_intervals",
            f"day intervals {_iso(left)} and {_iso(right)} overlap",
        )
    if _weekday_could_agree(left, right) or _weekday_could_agree(right, left):
        return None
    return ValueComparison(
        "conflict",
        "disjoint_day_intervals",
        f"disjoint day intervals {_iso(left)} vs {_iso(right)}",
    )


_WEEKDAY_ONLY = re.compile(
    r"^(?:on\s+|last\s+|next\s+|this\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day"
    r"(?:\s+(?:morning|afternoon|evening|night))?$",
    re.IGNORECASE,
)


def _weekday_could_agree(weekday: DateValue, other: DateValue) -> bool:
    """A bare weekday ("on Monday") read in the wrong tense lands a week off.

    Such a mention does not conflict with a value that its other reading (a week
    earlier or later) would agree with: the tense, not the reports, disagrees.
    """
    if (
        not _WEEKDAY_ONLY.match(weekday.text.strip())
        or weekday.earliest is None
        or other.earliest is None
    ):
        return False
    assert weekday.latest is not None and other.latest is not None
    week = timedelta(days=7)
    return any(
        weekday.earliest + shift <= other.latest
        and other.earliest <= weekday.latest + shift
        for shift in (week, -week)
    )


def _iso(value: DateValue) -> str:
    assert value.earliest is not None and value.latest is not None
    if value.earliest == value.latest:
        return value.earliest.isoformat()
    return f"{value.earliest.isoformat()}..{value.latest.isoformat()}"


def _bounds(q: Quantity, tolerance: float = 0.0) -> tuple[float, float]:
    low = -float("inf") if q.low is None else q.low
    high = float("inf") if q.high is None else q.high
    if tolerance and q.low is not None and q.low == q.high and _is_round(q.low):
        slack = abs(q.low) * tolerance
        low, high = low - slack, high + slack
    return low, high


#: Two positive figures whose nearest bounds are this many times apart are not
#: one quantity misreported but two quantities (a share price and a deal's
#: value bound to one attribute), and are not compared.
INCOMPARABLE_RATIO = 10_000.0


def _orders_apart(lo1: float, hi1: float, lo2: float, hi2: float) -> bool:
    """Whether two disjoint intervals' nearest bounds are at least
    :data:`INCOMPARABLE_RATIO` apart (both positive and finite)."""
    small, large = (hi1, lo2) if hi1 < lo2 else (hi2, lo1)
    if not (0 < small < float("inf")) or large == float("inf"):
        return False
    return large / small >= INCOMPARABLE_RATIO


def _is_round(number: float) -> bool:
    return number >= 100 and float(number).is_integer() and int(number) % 10 == 0


#: Units that say how far or how long, not what was counted: without a measure,
#: two such figures in one fact may describe different things (a 100-km stretch
#: of coast, an epicentre 14 km away) and are not compared.
AMBIGUOUS_UNITS = frozenset(
    {
        "km",
        "kilometres",
        "kilometers",
        "miles",
        "metres",
        "meters",
        "m",
        "hours",
        "minutes",
        "days",
        "weeks",
        "months",
        "years",
        "seconds",
        "percent",
    }
)


def _compare_quantities(
    left: Quantity, right: Quantity, config: Config, one_statement: bool = False
) -> ValueComparison | None:
    if left.dimension != right.dimension:
        return None
    if left.measure is None and left.unit in AMBIGUOUS_UNITS and not one_statement:
        return None
    lo1, hi1 = _bounds(left, config.quantity_tolerance)
    lo2, hi2 = _bounds(right, config.quantity_tolerance)
    what = f"{left.unit} {left.measure}".strip() if left.measure else left.unit
    if lo1 <= hi2 and lo2 <= hi1:
        return ValueComparison(
            "agree",
            "overlapping_intervals",
            f"{left.normalized} and {right.normalized} overlap",
        )
    if _orders_apart(lo1, hi1, lo2, hi2):
        # "$22.72" a share against a "$7.3 billion" offer: no outlet misreports
        # a figure by four orders of magnitude; these are two quantities.
        return None
    outcome = "update" if left.measure in RUNNING_MEASURES else "conflict"
    return ValueComparison(
        outcome,
        "disjoint_intervals",
        f"disjoint intervals of {what or 'the figure'}: {left.normalized} vs {right.normalized}",
    )


def _compare_places(left: Actor, right: Actor) -> ValueComparison | None:
    if left.type not in PLACE_TYPES or right.type not in PLACE_TYPES:
        return None
    if (
        left.canonical == right.canonical
        or left.canonical in right.within
        or right.canonical in left.within
    ):
        return ValueComparison(
            "agree",
            "place_containment",
            f"{left.canonical} and {right.canonical}: one contains the other",
        )
    return ValueComparison(
        "conflict",
        "different_places",
        f"different places: {left.canonical} vs {right.canonical}, neither contains the other",
    )
