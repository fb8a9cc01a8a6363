"""Clusters -> facts: agreements, conflicts, updates and the verdict of each fact.

See :func:`decide_verdict` for the confidence formula and :func:`compare_facts`
for how facts are built and numbered.
"""

from __future__ import annotations

import hashlib
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import combinations, pairwise
from typing import Any, cast

from attrs import evolve, frozen

from reconcile.compare.independence import (
    WireGroups,
    detect_wire_copies,
    group_origins,
)
from reconcile.compare.values import (
    AMBIGUOUS_UNITS,
    RUNNING_MEASURES,
    TWIN_THRESHOLD,
    ClaimView,
    _bounds,
    _twins,
    _value_pairs,
    compare_values,
)
from reconcile.config import Config
from reconcile.events.coref import claim_order as claim_order
from reconcile.events.facts import FactCluster
from reconcile.gc_pause import collector_paused
from reconcile.match import ClaimCluster
from reconcile.model import (
    Agreement,
    Article,
    Claim,
    Conflict,
    DateValue,
    Fact,
    OriginGroup,
    Quantity,
    Span,
    Update,
    Value,
    Verdict,
)
from reconcile.shared_values import shared_value

__all__ = [
    "PairFindings",
    "claim_order",
    "compare_fact_cluster",
    "compare_facts",
    "compare_facts_reusing",
    "decide_verdict",
    "earliest_first",
    "fact_id",
]


@collector_paused()
def compare_facts(
    clusters: Sequence[ClaimCluster],
    claims: Iterable[Claim],
    articles: Sequence[Article],
    config: Config | None = None,
    *,
    wire: WireGroups | None = None,
) -> tuple[Fact, ...]:
    """Turn each cluster into a :class:`~reconcile.model.Fact` with agreements, conflicts and a verdict.

    Facts come in order of their earliest claim (by publication date, article id
    and position) and each takes its id from that claim (see :func:`fact_id`),
    so ids depend neither on input order nor on the other facts. *wire* is the
    result of :func:`detect_wire_copies` over *articles*, when already known.
    """
    config = config or Config()
    if wire is None:
        wire = detect_wire_copies(articles, config)
    compared = compare_facts_reusing(clusters, claims, config, wire=wire, earlier={})
    return tuple(fact for fact, _ in compared)


AgreeingPair = tuple[str, str, str, int, str, int]
"""``(kind, dimension, left claim id, left value index, right claim id, right value index)``."""

RisingPair = tuple[str, str, int, str, int]
"""``(dimension, earlier-listed claim id, its value index, other claim id, its value index)``."""


@frozen(eq=False)
class PairFindings:
    """What comparing a fact's claims pair by pair found besides its conflicts.

    The pairs of values that agree and the pairs that raise a running figure,
    in the order the pairs were compared. With the fact's conflicts they are
    everything its agreements, conflicts and updates are built from, so a
    fact that gains claims compares only the new pairs (see
    :func:`compare_facts_reusing`).

    Each pair is four numbers in a row, as the fact's claims hold it: the
    position of its earlier-listed claim in the fact's ``claims``, the index
    of that claim's value in its ``values``, then the same two for the other
    claim (a tuple of six per pair, with the claim ids, kind and dimension
    that follow from them, took three times the memory).
    :meth:`agreeing_pairs` and :meth:`rising_pairs` read them back.
    """

    agreeing: tuple[int, ...] = ()
    rising: tuple[int, ...] = ()
    two_quantities: tuple[Conflict, ...] = ()
    """Disagreements one article of the fact explains by giving both values
    itself (:func:`_one_article_gives_both`): no conflicts, kept so that a
    fact that gains claims weighs them again."""

    @classmethod
    def of(
        cls,
        claims: Sequence[Claim],
        agreeing: Sequence[AgreeingPair],
        rising: Sequence[RisingPair],
        two_quantities: Sequence[Conflict],
    ) -> PairFindings:
        """The findings of a fact of *claims* (in the fact's order) whose
        pairs gave *agreeing*, *rising* and *two_quantities*."""
        if not (agreeing or rising or two_quantities):
            return _NO_FINDINGS
        position = {c.id: i for i, c in enumerate(claims)}
        return cls(
            _positions(position, (p[2:] for p in agreeing)),
            _positions(position, (p[1:] for p in rising)),
            tuple(two_quantities),
        )

    def agreeing_pairs(self, claims: Sequence[Claim]) -> Iterator[AgreeingPair]:
        """The agreeing pairs, as :data:`AgreeingPair`, of the fact of *claims*."""
        for left, li, right, ri in _pairs_in(claims, self.agreeing):
            value = left.values[li]
            yield (value.kind, _dimension_key(value), left.id, li, right.id, ri)

    def rising_pairs(self, claims: Sequence[Claim]) -> Iterator[RisingPair]:
        """The rising pairs, as :data:`RisingPair`, of the fact of *claims*."""
        for left, li, right, ri in _pairs_in(claims, self.rising):
            yield (_dimension_key(left.values[li]), left.id, li, right.id, ri)


def _positions(
    position: Mapping[str, int], pairs: Iterable[tuple[str, int, str, int]]
) -> tuple[int, ...]:
    """*pairs* of (claim id, value index) as four numbers each, claims by *position*."""
    return tuple(
        number
        for left, li, right, ri in pairs
        for number in (position[left], li, position[right], ri)
    )


def _pairs_in(
    claims: Sequence[Claim], numbers: Sequence[int]
) -> Iterator[tuple[Claim, int, Claim, int]]:
    """The (claim, value index, claim, value index) pairs *numbers* hold, four by four."""
    for at in range(0, len(numbers), 4):
        left, li, right, ri = numbers[at : at + 4]
        yield claims[left], li, claims[right], ri


_NO_FINDINGS = PairFindings()
"""The findings of a fact whose pairs found nothing but conflicts (almost half
of all facts): one object for them all."""


@collector_paused()
def compare_facts_reusing(
    clusters: Sequence[ClaimCluster],
    claims: Iterable[Claim],
    config: Config,
    *,
    wire: WireGroups,
    earlier: Mapping[str, tuple[Fact, PairFindings]],
) -> tuple[tuple[Fact, PairFindings], ...]:
    """:func:`compare_facts`, reusing what earlier facts found about pairs of their claims.

    *earlier* maps a claim id to the fact that held the claim and that fact's
    :class:`PairFindings`. Two claims that were in one earlier fact are not
    compared again: the outcome of comparing two claims depends only on the
    two claims (and the config), and whether they share an origin, which is
    checked again. The facts equal those of :func:`compare_facts`.
    """
    by_id = {c.id: c for c in claims}
    ordered = sorted(
        clusters, key=lambda cl: min(claim_order(by_id[i]) for i in cl.claim_ids)
    )
    out = []
    for cluster in ordered:
        members = tuple(sorted((by_id[i] for i in cluster.claim_ids), key=claim_order))
        found = {id(e[0]): e for m in members if (e := earlier.get(m.id)) is not None}
        out.append(
            _build_fact(
                fact_id(members[0]), cluster, members, wire, config, [*found.values()]
            )
        )
    return tuple(out)


def compare_fact_cluster(
    fact: FactCluster,
    wire: WireGroups,
    config: Config,
    earlier: tuple[Fact, PairFindings] | None = None,
    *,
    shared: dict[Any, Any] | None = None,
) -> tuple[Fact, PairFindings]:
    """The verdict of one fact (one attribute of one event) from its claims.

    *earlier* is what an earlier run found for the fact of the same id; its
    pairs are reused only when each of its claims still here gives the fact
    the same values. *shared*, when given, holds one copy of each origin
    group, tuple of origin groups, verdict and findings of the facts
    compared so far, and takes the new ones: the facts of one event mostly
    have the same claims, and so the same origin groups, a few dozen
    verdicts recur across all facts, and facts of a few claims that agree
    pair by pair find the same pairs.
    """
    members = fact.claims
    reuse: list[tuple[Fact, PairFindings]] = []
    if earlier is not None:
        now = {c.id: c for c in members}
        if all(now.get(c.id, c) == c for c in earlier[0].claims):
            reuse.append(earlier)
    return _build_fact(
        fact.fact_id,
        fact.cluster,
        members,
        wire,
        config,
        reuse,
        shared,
        event=fact.event_id,
        attribute=fact.attribute,
    )


def earliest_first(facts: Iterable[Fact]) -> tuple[Fact, ...]:
    """*facts* in the order :func:`compare_facts` gives them: by their earliest claim.

    Facts already in that order (a run compares them in it) come back as
    they are, without a sort key per fact: at a million claims the keys
    of all facts at once took some 120 MB, at the run's peak.
    """
    ordered = tuple(facts)
    if _in_earliest_order(ordered):
        return ordered
    return tuple(sorted(ordered, key=_earliest_key))


def _earliest_key(fact: Fact) -> tuple[tuple[str, str, int], str]:
    return (claim_order(fact.claims[0]), fact.id)


def _in_earliest_order(facts: Sequence[Fact]) -> bool:
    """Whether *facts* are sorted by :func:`_earliest_key`, two keys at a time."""
    return all(a <= b for a, b in pairwise(map(_earliest_key, facts)))


def fact_id(earliest: Claim) -> str:
    """The id of the fact whose earliest claim is *earliest*: ``F`` and 16 hex digits.

    The digits are the start of the BLAKE2b digest of the claim's id, so a fact
    keeps its id on any machine, in any input order, and when later articles
    join it; it changes only when an earlier claim joins (the two facts then
    merged, or an older article arrived late).

    >>> from reconcile.model import Claim, Span
    >>> fact_id(Claim(id="tass-0117#2", article_id="tass-0117", outlet="TASS",
    ...               text="x", span=Span(0, 1)))
    'F042c55061a00e723'
    """
    return "F" + hashlib.blake2b(earliest.id.encode(), digest_size=8).hexdigest()


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
    # Interned: a few dozen explanations are shared by every fact.
    return Verdict(status, float(confidence), n, sys.intern(why))


def _build_fact(
    fact_id: str,
    cluster: ClaimCluster,
    members: Sequence[Claim],
    wire: WireGroups,
    config: Config,
    earlier: Sequence[tuple[Fact, PairFindings]] = (),
    shared: dict[Any, Any] | None = None,
    *,
    event: str | None = None,
    attribute: str | None = None,
) -> tuple[Fact, PairFindings]:
    held = shared if shared is not None else {}
    origins = tuple(held.setdefault(g, g) for g in group_origins(members, wire))
    origins = held.setdefault(origins, origins)
    origin_by_claim = {i: (g.origin, g.reason) for g in origins for i in g.claim_ids}
    agreements, conflicts, updates, findings = _compare_members(
        members, origin_by_claim, config, earlier
    )
    verdict = decide_verdict(origins, members, conflicts, updates)
    verdict = held.setdefault(verdict, verdict)
    if not findings.two_quantities:
        # Facts of a few claims that agree pair by pair find the same pairs:
        # a few thousand findings recur over a million claims. (Findings are
        # equal by identity: they are held by their pairs.)
        key = (PairFindings, findings.agreeing, findings.rising)
        findings = held.setdefault(key, findings)
    statement = next(c.text for c in members if c.id == cluster.medoid)
    fact = Fact(
        id=fact_id,
        statement=statement,
        claims=members,
        memberships=cluster.memberships,
        verdict=verdict,
        agreements=agreements,
        conflicts=conflicts,
        updates=updates,
        origins=origins,
        event=event,
        attribute=attribute,
    )
    return fact, findings


def _compare_members(
    members: Sequence[Claim],
    origin_by_claim: Mapping[str, tuple[str, str]],
    config: Config,
    earlier: Sequence[tuple[Fact, PairFindings]] = (),
) -> tuple[list[Agreement], list[Conflict], list[Update], PairFindings]:
    """Compare every pair of *members*; pairs of claims of one *earlier* fact are taken from it.

    Everything is gathered with the positions of its pair, then put in the
    order of a comparison of every pair (the outcomes of one pair keep their
    own order), so the result does not depend on what was reused.
    """
    position = {c.id: i for i, c in enumerate(members)}
    compared_in, conflicts, agreeing, rising = _earlier_outcomes(
        earlier, position, origin_by_claim
    )
    views = {c.id: ClaimView(c) for c in members}
    for left, right in combinations(members, 2):
        number = compared_in.get(left.id)
        if number is not None and number == compared_in.get(right.id):
            continue
        same_origin = origin_by_claim[left.id][0] == origin_by_claim[right.id][0]
        _compare_pair(
            views[left.id],
            views[right.id],
            same_origin,
            config,
            (conflicts, agreeing, rising),
        )
    conflicts, two_quantities = _one_article_gives_both(conflicts, members, config)
    conflicts.sort(key=lambda c: (position[c.claim_ids[0]], position[c.claim_ids[1]]))
    two_quantities.sort(
        key=lambda c: (position[c.claim_ids[0]], position[c.claim_ids[1]])
    )
    agreeing.sort(key=lambda p: (position[p[2]], position[p[4]]))
    rising.sort(key=lambda p: (position[p[1]], position[p[3]]))
    agreeing_values, rising_values = _values_of(members, agreeing, rising)
    return (
        _agreements(agreeing_values),
        conflicts,
        _updates(rising_values),
        PairFindings.of(members, agreeing, rising, two_quantities),
    )


def _earlier_outcomes(
    earlier: Sequence[tuple[Fact, PairFindings]],
    position: Mapping[str, int],
    origin_by_claim: Mapping[str, tuple[str, str]],
) -> tuple[dict[str, int], list[Conflict], list[AgreeingPair], list[RisingPair]]:
    """Which earlier fact compared each claim, and what the *earlier* facts found
    about pairs of claims both still here (conflicts with their origins as now)."""
    compared_in: dict[str, int] = {}
    conflicts: list[Conflict] = []
    agreeing: list[AgreeingPair] = []
    rising: list[RisingPair] = []
    for number, (fact, findings) in enumerate(earlier):
        for claim in fact.claims:
            if claim.id in position:
                compared_in[claim.id] = number
        for conflict in (*fact.conflicts, *findings.two_quantities):
            left_id, right_id = conflict.claim_ids
            if left_id in position and right_id in position:
                conflicts.append(_with_origins(conflict, origin_by_claim))
        agreeing.extend(
            p
            for p in findings.agreeing_pairs(fact.claims)
            if p[2] in position and p[4] in position
        )
        rising.extend(
            p
            for p in findings.rising_pairs(fact.claims)
            if p[1] in position and p[3] in position
        )
    return compared_in, conflicts, agreeing, rising


def _compare_pair(
    lview: ClaimView,
    rview: ClaimView,
    same_origin: bool,
    config: Config,
    into: tuple[list[Conflict], list[AgreeingPair], list[RisingPair]],
) -> None:
    """Compare two claims (*lview* the earlier) and append what they give *into*
    the conflicts, agreeing value pairs and rising value pairs."""
    conflicts, agreeing, rising = into
    left, right = lview.claim, rview.claim
    if left.polarity != right.polarity and _twins(
        lview, rview, TWIN_THRESHOLD, containment=True
    ):
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
    twins: bool | None = None
    for lv, rv in _value_pairs(lview, rview):
        result = compare_values(lv, rv, config)
        if (
            result is None
            and isinstance(lv, Quantity)
            and lv.measure is None
            and lv.unit in AMBIGUOUS_UNITS
        ):
            if twins is None:
                twins = _twins(lview, rview, TWIN_THRESHOLD, containment=False)
            if twins:
                result = compare_values(lv, rv, config, one_statement=True)
        if result is None:
            continue
        where = (left.id, _index_of(left, lv), right.id, _index_of(right, rv))
        if (
            isinstance(lv, Quantity)
            and isinstance(rv, Quantity)
            and _is_rise(left, lv, right, rv)
        ):
            rising.append((_dimension_key(lv), *where))
        elif result.outcome == "agree":
            agreeing.append((lv.kind, _dimension_key(lv), *where))
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


def _values_of(
    members: Sequence[Claim],
    agreeing: Sequence[AgreeingPair],
    rising: Sequence[RisingPair],
) -> tuple[
    dict[tuple[str, str], list[tuple[Claim, Value, Claim, Value]]],
    dict[str, list[tuple[Claim, Quantity]]],
]:
    """The claims and values of the agreeing pairs (by kind and dimension) and
    of the rising pairs (by dimension), in the order given."""
    claim = {c.id: c for c in members}
    agreeing_values: dict[tuple[str, str], list[tuple[Claim, Value, Claim, Value]]] = (
        defaultdict(list)
    )
    for kind, key, left_id, li, right_id, ri in agreeing:
        left, right = claim[left_id], claim[right_id]
        agreeing_values[(kind, key)].append(
            (left, left.values[li], right, right.values[ri])
        )
    rising_values: dict[str, list[tuple[Claim, Quantity]]] = defaultdict(list)
    for key, left_id, li, right_id, ri in rising:
        left, right = claim[left_id], claim[right_id]
        rising_values[key].extend(
            [
                (left, cast(Quantity, left.values[li])),
                (right, cast(Quantity, right.values[ri])),
            ]
        )
    return agreeing_values, rising_values


def _index_of(claim: Claim, value: Value) -> int:
    """The position of *value* (the object itself) in ``claim.values``."""
    for index, candidate in enumerate(claim.values):
        if candidate is value:
            return index
    raise ValueError(f"{value!r} is not a value of claim {claim.id}")


def _with_origins(
    conflict: Conflict, origin_by_claim: Mapping[str, tuple[str, str]]
) -> Conflict:
    """*conflict*, found in an earlier fact, with its origins as they are in this one.

    New claims can join two origins (a shared named source), which makes a
    conflict between them one within an origin.
    """
    left_id, right_id = conflict.claim_ids
    within = origin_by_claim[left_id][0] == origin_by_claim[right_id][0]
    if within == conflict.within_outlet:
        return conflict
    left_outlet, right_outlet = conflict.outlets
    explanation = conflict.explanation
    old_where = _where(conflict.within_outlet, left_outlet, right_outlet)
    if old_where:
        explanation = explanation[: -len(old_where)]
    return evolve(
        conflict,
        explanation=explanation + _where(within, left_outlet, right_outlet),
        within_outlet=within,
    )


def _where(within: bool, left_outlet: str, right_outlet: str) -> str:
    """What a conflict's explanation adds when both claims share an origin."""
    if not within:
        return ""
    if left_outlet == right_outlet:
        return f" (both from {left_outlet})"
    return " (one origin)"


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
        # Interned: every agreeing pair a fact keeps (PairFindings) holds one.
        return sys.intern(f"{value.unit}|{value.measure or ''}")
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
    where = _where(within, left.outlet, right.outlet)
    # The values' texts and the pairs of outlets recur across facts: one copy each.
    return Conflict(
        kind=kind,
        claim_ids=(left.id, right.id),
        values=(sys.intern(lval), sys.intern(rval)),
        outlets=shared_value((left.outlet, right.outlet)),
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
            # The value, its explanation and the outlets recur across facts
            # ("2 claims agree on 2025-01-17"): one copy each.
            out.append(
                Agreement(
                    kind=kind,
                    value=sys.intern(str(narrowest.normalized)),
                    claim_ids=sorted(group),
                    outlets=shared_value(
                        tuple(sorted({claim_of[i].outlet for i in group}))
                    ),
                    rule=rule_of.get(kind, "place_containment"),
                    explanation=sys.intern(
                        f"{len(group)} claims agree on {narrowest.normalized}"
                    ),
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


def _one_article_gives_both(
    conflicts: Sequence[Conflict], members: Sequence[Claim], config: Config
) -> tuple[list[Conflict], list[Conflict]]:
    """*conflicts* split into those that stand and those one article explains.

    An article does not contradict itself: when one article of the fact gives
    two disjoint figures of its attribute ("181 people aboard", "175
    passengers and six crew"), the attribute holds two quantities there, and
    two other outlets' figures that agree with one each ("181", "175") tell
    of those two quantities, not of one misreported.
    """
    if not any(c.kind == "quantity" and not c.within_outlet for c in conflicts):
        return list(conflicts), []
    both = _figures_one_article_parts(members, config)
    if not both:
        return list(conflicts), []
    by_id = {claim.id: claim for claim in members}
    stand: list[Conflict] = []
    explained: list[Conflict] = []
    for conflict in conflicts:
        left, right = (
            _value_at(by_id[claim_id], span)
            for claim_id, span in zip(conflict.claim_ids, conflict.spans, strict=True)
        )
        if (
            conflict.kind == "quantity"
            and not conflict.within_outlet
            and isinstance(left, Quantity)
            and isinstance(right, Quantity)
            and any(
                (_agree(left, a, config) and _agree(right, b, config))
                or (_agree(left, b, config) and _agree(right, a, config))
                for a, b in both
            )
        ):
            explained.append(conflict)
        else:
            stand.append(conflict)
    return stand, explained


#: Figures of one article looked at for :func:`_one_article_gives_both` (the
#: pairs of one article's figures grow with their square).
_FIGURES_PER_ARTICLE = 12


def _figures_one_article_parts(
    members: Sequence[Claim], config: Config
) -> list[tuple[Quantity, Quantity]]:
    """The pairs of disjoint figures that one article of *members* gives."""
    by_article: dict[str, list[Quantity]] = defaultdict(list)
    for claim in members:
        by_article[claim.article_id].extend(
            v for v in claim.values if isinstance(v, Quantity)
        )
    found: list[tuple[Quantity, Quantity]] = []
    for figures in by_article.values():
        for a, b in combinations(figures[:_FIGURES_PER_ARTICLE], 2):
            outcome = compare_values(a, b, config)
            # Disjoint, whether a rise could explain them or not ("at least
            # 85 people" killed, then "the 62 people killed included ...").
            if outcome is not None and outcome.outcome in ("conflict", "update"):
                found.append((a, b))
    return found


def _value_at(claim: Claim, span: Span) -> Value | None:
    return next((v for v in claim.values if v.span == span), None)


def _agree(left: Quantity, right: Quantity, config: Config) -> bool:
    outcome = compare_values(left, right, config)
    return outcome is not None and outcome.outcome == "agree"
