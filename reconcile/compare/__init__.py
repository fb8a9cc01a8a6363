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

from reconcile.compare.independence import GENERIC_ORIGINS as GENERIC_ORIGINS
from reconcile.compare.independence import (
    WireGroups,
    detect_wire_copies,
    group_origins,
    origin_of,
)
from reconcile.compare.values import AMBIGUOUS_UNITS as AMBIGUOUS_UNITS
from reconcile.compare.values import DISTINCT_ROLES as DISTINCT_ROLES
from reconcile.compare.values import PLACE_TWIN_THRESHOLD as PLACE_TWIN_THRESHOLD
from reconcile.compare.values import RUNNING_MEASURES as RUNNING_MEASURES
from reconcile.compare.values import TWIN_THRESHOLD as TWIN_THRESHOLD
from reconcile.compare.values import (
    ValueComparison,
    are_twins,
    comparable_value_pairs,
    compare_values,
)
from reconcile.compare.verdicts import (
    PairFindings,
    compare_facts,
    compare_facts_reusing,
    decide_verdict,
)

__all__ = [
    "PairFindings",
    "ValueComparison",
    "WireGroups",
    "are_twins",
    "comparable_value_pairs",
    "compare_facts",
    "compare_facts_reusing",
    "compare_values",
    "decide_verdict",
    "detect_wire_copies",
    "group_origins",
    "origin_of",
]
