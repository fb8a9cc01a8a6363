"""Clusters -> facts: value agreement and conflict, source independence, verdicts.

Values are compared as intervals (DESIGN.md "Meanings"):

* dates: overlapping day intervals agree, disjoint ones conflict;
* quantities of one dimension (unit and measure): overlapping intervals agree,
  disjoint ones conflict — unless a later report raises a running figure
  (a death toll), which is an :class:`~reconcile.model.Update`;
* places: containment agrees ("in Moscow" lies in "in Russia"), two places
  neither of which contains the other conflict;
* polarity: a negated claim conflicts with its affirmed twin.

Unresolved values neither agree nor conflict. Outlets running one wire copy, or
attributing a claim to one origin, count as one independent origin.

The confidence of a fact is ``(1 - 0.5 ** W) * 0.4 ** C`` where ``W`` sums, over
independent origins, 1.0 for an origin with an unhedged claim and 0.5 for one
with only hedged claims, and ``C`` counts the pairs of origins in conflict. It
rises with every independent origin and falls with every conflicting one.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import timedelta
from itertools import combinations

from attrs import frozen
from rapidfuzz import fuzz

from reconcile.config import Config
from reconcile.match import ClaimCluster
from reconcile.model import (
    Actor,
    Agreement,
    Article,
    Claim,
    Conflict,
    DateValue,
    Fact,
    OriginGroup,
    Quantity,
    Update,
    Value,
    Verdict,
)

__all__ = [
    "ValueComparison",
    "WireGroups",
    "are_twins",
    "comparable_value_pairs",
    "compare_facts",
    "compare_values",
    "decide_verdict",
    "detect_wire_copies",
    "group_origins",
    "origin_of",
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
#: Attributions too vague to name an origin: the outlet stays the origin.
GENERIC_ORIGINS = frozenset(
    {
        "officials",
        "sources",
        "witnesses",
        "residents",
        "analysts",
        "experts",
        "observers",
        "reports",
        "media",
        "he",
        "she",
        "they",
        "it",
        "police",
        "authorities",
        "the statement",
        "a statement",
        "local media",
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
    }
)
_PLACE_TYPES = frozenset({"city", "country", "region"})


@frozen
class ValueComparison:
    """The outcome of comparing two values: ``agree``, ``conflict`` or ``update``, and the rule."""

    outcome: str
    rule: str
    explanation: str


@frozen
class WireGroups:
    """Articles found to be one wire story: article id -> group label, with the reason."""

    group_of: Mapping[str, str]
    reasons: Mapping[str, str]


def compare_values(
    left: Value, right: Value, config: Config | None = None
) -> ValueComparison | None:
    """Compare two values of one kind; ``None`` when they are not comparable.

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
        return _compare_quantities(left, right, config)
    if (
        isinstance(left, Actor)
        and isinstance(right, Actor)
        and left.role == right.role == "place"
    ):
        return _compare_places(left, right)
    return None


def detect_wire_copies(
    articles: Sequence[Article], config: Config | None = None
) -> WireGroups:
    """Group articles whose texts are (near-)identical: one wire story under several outlets.

    Candidates share at least one long sentence; they are merged when
    ``fuzz.ratio`` of their texts is at or above ``config.wire_copy_threshold``.
    """
    config = config or Config()
    by_sentence: dict[str, list[int]] = defaultdict(list)
    for index, article in enumerate(articles):
        for sentence in {
            s.strip().lower() for s in re.split(r"(?<=[.!?])\s+|\n+", article.text)
        }:
            if len(sentence.split()) >= 8:
                by_sentence[sentence].append(index)
    parent = list(range(len(articles)))

    def find(x: int) -> int:
        while parent[x] != x:
            x = parent[x]
        return x

    checked: set[tuple[int, int]] = set()
    for members in by_sentence.values():
        for a, b in combinations(sorted(set(members))[:50], 2):
            if (a, b) in checked or articles[a].outlet == articles[b].outlet:
                continue
            checked.add((a, b))
            if (
                fuzz.ratio(articles[a].text, articles[b].text)
                >= config.wire_copy_threshold
            ):
                parent[find(b)] = find(a)
    groups: dict[int, list[Article]] = defaultdict(list)
    for index, article in enumerate(articles):
        groups[find(index)].append(article)
    group_of: dict[str, str] = {}
    reasons: dict[str, str] = {}
    for members in groups.values():
        outlets = sorted({a.outlet for a in members})
        if len(outlets) < 2:
            continue
        label = "wire copy: " + " = ".join(outlets)
        for article in members:
            group_of[article.id] = label
        reasons[label] = (
            f"articles {', '.join(sorted(a.id for a in members))} are the same text "
            f"(fuzz.ratio >= {config.wire_copy_threshold:g}) under outlets {', '.join(outlets)}"
        )
    return WireGroups(group_of, reasons)


def origin_of(claim: Claim, wire: WireGroups) -> tuple[str, str]:
    """The independent origin of *claim* and why: a named source, a wire story or the outlet.

    >>> from reconcile.model import Claim, Span
    >>> c = Claim(id="a#1", article_id="a", outlet="Desk", text="x", span=Span(0, 1), attributed_to="Kremlin")
    >>> origin_of(c, WireGroups({}, {}))
    ('Kremlin', 'attributed to Kremlin')
    """
    if claim.attributed_to and not _is_generic(claim.attributed_to):
        return claim.attributed_to, f"attributed to {claim.attributed_to}"
    label = wire.group_of.get(claim.article_id)
    if label is not None:
        return label, wire.reasons[label]
    return claim.outlet, "own reporting"


def _is_generic(origin: str) -> bool:
    """A vague origin ("officials", "presidents", "he") names no one: the outlet stays the origin."""
    name = origin.strip()
    return name.lower() in GENERIC_ORIGINS or (" " not in name and name.islower())


def group_origins(
    members: Sequence[Claim], wire: WireGroups
) -> tuple[OriginGroup, ...]:
    """Partition claims into independent origins.

    Two claims share an origin when they come from one outlet (or one wire story
    run by several outlets), or when they are attributed to the same named
    source ("according to the Kremlin"); the relation is closed transitively.
    """
    parent = list(range(len(members)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    first_with: dict[tuple[str, str], int] = {}
    for index, claim in enumerate(members):
        keys = [("outlet", wire.group_of.get(claim.article_id, claim.outlet))]
        if claim.attributed_to and not _is_generic(claim.attributed_to):
            keys.append(("source", claim.attributed_to))
        for key in keys:
            if key in first_with:
                parent[find(index)] = find(first_with[key])
            else:
                first_with[key] = index
    groups: dict[int, list[Claim]] = defaultdict(list)
    for index, claim in enumerate(members):
        groups[find(index)].append(claim)
    out = []
    for group in groups.values():
        reasons = sorted({origin_of(c, wire)[1] for c in group})
        named = sorted(
            {
                c.attributed_to
                for c in group
                if c.attributed_to and not _is_generic(c.attributed_to)
            }
        )
        outlets = sorted({c.outlet for c in group})
        name = " / ".join(named) if named else origin_of(group[0], wire)[0]
        out.append(
            OriginGroup(name, outlets, [c.id for c in group], "; ".join(reasons))
        )
    return tuple(sorted(out, key=lambda g: g.origin))


def compare_facts(
    clusters: Sequence[ClaimCluster],
    claims: Iterable[Claim],
    articles: Sequence[Article],
    config: Config | None = None,
) -> tuple[Fact, ...]:
    """Turn each cluster into a :class:`~reconcile.model.Fact` with agreements, conflicts and a verdict.

    Facts are numbered ``F1, F2, ...`` in order of their earliest claim (by
    publication date, article id and position), so ids do not depend on input order.
    """
    config = config or Config()
    by_id = {c.id: c for c in claims}
    wire = detect_wire_copies(articles, config)
    ordered = sorted(
        clusters, key=lambda cl: min(_claim_order(by_id[i]) for i in cl.claim_ids)
    )
    facts = []
    for number, cluster in enumerate(ordered, start=1):
        members = tuple(sorted((by_id[i] for i in cluster.claim_ids), key=_claim_order))
        facts.append(_build_fact(f"F{number}", cluster, members, wire, config))
    return tuple(facts)


def decide_verdict(
    origins: Sequence[OriginGroup],
    claims: Sequence[Claim],
    conflicts: Sequence[Conflict],
    updates: Sequence[Update],
) -> Verdict:
    """The status and confidence of a fact from its origins, conflicts and updates."""
    hedged = {c.id: c.hedged for c in claims}
    weight = sum(0.5 if all(hedged[i] for i in g.claim_ids) else 1.0 for g in origins)
    origin_of_claim = {i: g.origin for g in origins for i in g.claim_ids}
    pairs = {
        frozenset((origin_of_claim[c.claim_ids[0]], origin_of_claim[c.claim_ids[1]]))
        for c in conflicts
        if not c.within_outlet
    }
    confidence = round((1.0 - 0.5**weight) * 0.4 ** len(pairs), 4)
    n = len(origins)
    if pairs:
        status, why = (
            "conflicting",
            f"{len(pairs)} pair(s) of independent origins disagree",
        )
    elif updates:
        status, why = (
            "updated",
            "later reports revised a running figure; no other disagreement",
        )
    elif n >= 2:
        status, why = "corroborated", f"{n} independent origins agree"
    else:
        status, why = "single_source", "one independent origin"
    return Verdict(status, float(confidence), n, why)


def _claim_order(claim: Claim) -> tuple[str, str, int]:
    published = claim.published.isoformat() if claim.published else "9999-99-99"
    return (published, claim.article_id, claim.span.start)


def _build_fact(
    fact_id: str,
    cluster: ClaimCluster,
    members: Sequence[Claim],
    wire: WireGroups,
    config: Config,
) -> Fact:
    origins = group_origins(members, wire)
    origin_by_claim = {i: (g.origin, g.reason) for g in origins for i in g.claim_ids}
    agreements, conflicts, updates = _compare_members(members, origin_by_claim, config)
    verdict = decide_verdict(origins, members, conflicts, updates)
    statement = next(c.text for c in members if c.id == cluster.medoid)
    return Fact(
        id=fact_id,
        statement=statement,
        claims=members,
        memberships=cluster.memberships,
        verdict=verdict,
        agreements=agreements,
        conflicts=conflicts,
        updates=updates,
        origins=origins,
    )


def _compare_members(
    members: Sequence[Claim],
    origin_by_claim: Mapping[str, tuple[str, str]],
    config: Config,
) -> tuple[list[Agreement], list[Conflict], list[Update]]:
    agreeing: dict[tuple[str, str], list[tuple[Claim, Value, Claim, Value]]] = (
        defaultdict(list)
    )
    conflicts: list[Conflict] = []
    rising: dict[str, list[tuple[Claim, Quantity]]] = defaultdict(list)
    for left, right in combinations(members, 2):
        same_origin = origin_by_claim[left.id][0] == origin_by_claim[right.id][0]
        if left.polarity != right.polarity and are_twins(left, right):
            conflicts.append(
                _conflict(
                    "polarity",
                    left,
                    right,
                    left.polarity,
                    right.polarity,
                    None,
                    None,
                    "opposite_polarity",
                    f"one claim is {left.polarity}, the other {right.polarity}",
                    same_origin,
                )
            )
        for lv, rv in comparable_value_pairs(left, right):
            result = compare_values(lv, rv, config)
            if result is None:
                continue
            if (
                isinstance(lv, Quantity)
                and isinstance(rv, Quantity)
                and _is_rise(left, lv, right, rv)
            ):
                rising[_dimension_key(lv)].extend([(left, lv), (right, rv)])
            elif result.outcome == "agree":
                agreeing[(lv.kind, _dimension_key(lv))].append((left, lv, right, rv))
            else:
                conflicts.append(
                    _conflict(
                        lv.kind,
                        left,
                        right,
                        _show(lv),
                        _show(rv),
                        lv,
                        rv,
                        result.rule,
                        result.explanation,
                        same_origin,
                    )
                )
    return _agreements(agreeing), conflicts, _updates(rising)


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


def are_twins(left: Claim, right: Claim, threshold: float = TWIN_THRESHOLD) -> bool:
    """Whether two claims state the same thing apart from negation (affirmed/negated twins)."""
    a = _NEGATORS.sub(" ", left.text.lower())
    b = _NEGATORS.sub(" ", right.text.lower())
    return fuzz.token_sort_ratio(a, b) >= threshold


def comparable_value_pairs(left: Claim, right: Claim) -> list[tuple[Value, Value]]:
    """The pairs of values of two claims that speak of the same thing and may be compared.

    Dates pair when their event roles match (or each claim has one date and the
    roles do not name two distinct events); quantities pair within a dimension,
    each with the closest figure of the other claim; places pair when each claim
    names exactly one known place.
    """
    pairs: list[tuple[Value, Value]] = []
    ldates, rdates = (
        [d for d in left.dates if d.resolved],
        [d for d in right.dates if d.resolved],
    )
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
    by_dim: dict[tuple[str, str | None], list[Quantity]] = defaultdict(list)
    for q in right.quantities:
        by_dim[q.dimension].append(q)
    for lq in left.quantities:
        candidates = by_dim.get(lq.dimension, [])
        if candidates:
            pairs.append((lq, _closest(lq, candidates)))
    lplaces = [p for p in left.places if p.type in _PLACE_TYPES]
    rplaces = [p for p in right.places if p.type in _PLACE_TYPES]
    if (
        len(lplaces) == 1
        and len(rplaces) == 1
        and are_twins(left, right, PLACE_TWIN_THRESHOLD)
    ):
        pairs.append((lplaces[0], rplaces[0]))
    return pairs


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
    left: Quantity, right: Quantity, config: Config
) -> ValueComparison | None:
    if left.dimension != right.dimension:
        return None
    if left.measure is None and left.unit in AMBIGUOUS_UNITS:
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
    outcome = "update" if left.measure in RUNNING_MEASURES else "conflict"
    return ValueComparison(
        outcome,
        "disjoint_intervals",
        f"disjoint intervals of {what or 'the figure'}: {left.normalized} vs {right.normalized}",
    )


def _compare_places(left: Actor, right: Actor) -> ValueComparison | None:
    if left.type not in _PLACE_TYPES or right.type not in _PLACE_TYPES:
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


def _is_rise(left: Claim, lv: Quantity, right: Claim, rv: Quantity) -> bool:
    """A later report raising a running figure (a toll): an update, not a contradiction."""
    if (
        lv.measure not in RUNNING_MEASURES
        or left.published is None
        or right.published is None
        or left.published == right.published
    ):
        return False
    earlier, later = (lv, rv) if left.published < right.published else (rv, lv)
    return _bounds(later)[0] > _bounds(earlier)[0]


def _dimension_key(value: Value) -> str:
    if isinstance(value, Quantity):
        return f"{value.unit}|{value.measure or ''}"
    if isinstance(value, DateValue):
        return value.role or ""
    return value.role


def _show(value: Value) -> str:
    return str(value.normalized)


def _conflict(
    kind: str,
    left: Claim,
    right: Claim,
    lval: str,
    rval: str,
    lv: Value | None,
    rv: Value | None,
    rule: str,
    explanation: str,
    within: bool,
) -> Conflict:
    lspan = lv.span if lv is not None else left.span
    rspan = rv.span if rv is not None else right.span
    where = (
        f" (both from {left.outlet})"
        if within and left.outlet == right.outlet
        else (" (one origin)" if within else "")
    )
    return Conflict(
        kind=kind,
        claim_ids=(left.id, right.id),
        values=(lval, rval),
        outlets=(left.outlet, right.outlet),
        spans=(lspan, rspan),
        rule=rule,
        explanation=f"{explanation}: {left.outlet} says {lval!r}, {right.outlet} says {rval!r}{where}",
        within_outlet=within,
    )


def _agreements(
    agreeing: Mapping[tuple[str, str], list[tuple[Claim, Value, Claim, Value]]],
) -> list[Agreement]:
    """Groups of claims that agree pairwise (agreement of intervals is not
    transitive: "January 2025" agrees with Jan. 16 and with Jan. 17, which
    conflict), each reported with its narrowest value."""
    rule_of = {"date": "overlapping_day_intervals", "quantity": "overlapping_intervals"}
    out = []
    for (kind, _key), pairs in sorted(agreeing.items()):
        value_of: dict[str, Value] = {}
        claim_of: dict[str, Claim] = {}
        agrees: set[frozenset[str]] = set()
        for left, lv, right, rv in pairs:
            agrees.add(frozenset((left.id, right.id)))
            for claim, value in ((left, lv), (right, rv)):
                claim_of[claim.id] = claim
                if claim.id not in value_of or _width(value) < _width(
                    value_of[claim.id]
                ):
                    value_of[claim.id] = value
        unplaced = sorted(claim_of, key=lambda i: (_width(value_of[i]), i))
        while unplaced:
            group = [unplaced.pop(0)]
            for other in list(unplaced):
                if all(frozenset((other, member)) in agrees for member in group):
                    group.append(other)
                    unplaced.remove(other)
            if len(group) < 2:
                continue
            narrowest = value_of[group[0]]
            out.append(
                Agreement(
                    kind=kind,
                    value=str(narrowest.normalized),
                    claim_ids=sorted(group),
                    outlets=sorted({claim_of[i].outlet for i in group}),
                    rule=rule_of.get(kind, "place_containment"),
                    explanation=f"{len(group)} claims agree on {narrowest.normalized}",
                )
            )
    return out


def _width(value: Value) -> float:
    if isinstance(value, DateValue) and value.earliest and value.latest:
        return (value.latest - value.earliest).days
    if isinstance(value, Quantity):
        low, high = _bounds(value)
        return high - low
    return 0.0


def _updates(rising: Mapping[str, list[tuple[Claim, Quantity]]]) -> list[Update]:
    out = []
    for key, entries in sorted(rising.items()):
        seen: dict[str, tuple[Claim, Quantity]] = {c.id: (c, q) for c, q in entries}
        timeline = sorted(
            (
                (c.published, q.normalized, c.outlet, c.id)
                for c, q in seen.values()
                if c.published
            ),
            key=lambda e: (e[0], e[3]),
        )
        values = " -> ".join(f"{v} ({d.isoformat()}, {o})" for d, v, o, _ in timeline)
        out.append(
            Update(
                "quantity",
                key,
                timeline,
                f"running figure revised by later reports: {values}",
            )
        )
    return out
