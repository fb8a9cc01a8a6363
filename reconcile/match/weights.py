"""The event match model's weights, estimated on the corpus at hand.

* **u** (the chance of a level when two accounts tell of different events)
  comes from random pairs of accounts, each counted by the chance that it is
  two events under the starting weights: on a desk's feed nearly every random
  pair is two events, but in a set of reports of one story many are one event.
* **m** (its chance when they tell of one event) comes from expectation
  maximisation over the candidate pairs with u held fixed, the way Splink
  trains its models.
* Both start from, and are pulled towards, the values in
  ``reconcile/lexicon/match_weights.json`` (a Dirichlet prior of
  :data:`PRIOR_STRENGTH` pairs per feature), so a corpus of a few articles
  keeps the fitted values and a large one speaks for itself.

The estimate depends only on the multiset of comparison vectors, never on the
order of the articles, so adding articles and one run over all of them give
the same weights. The comparisons come as a sequence of
:class:`~reconcile.match.comparisons.ComparisonVector` or, for many pairs, as
one :class:`~reconcile.match.comparisons.ComparisonMatrix`; both give the same
weights and scores.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from reconcile.match.comparisons import (
    FEATURES,
    ComparisonMatrix,
    ComparisonVector,
    MatchWeights,
    default_weights,
)

#: What :func:`estimate_weights` and :func:`scores_of` take: vectors, or their matrix.
Comparisons = Sequence[ComparisonVector] | ComparisonMatrix

__all__ = ["EM_ITERATIONS", "PRIOR_STRENGTH", "estimate_weights", "scores_of"]

#: Pseudo-pairs per feature that the starting values are worth.
PRIOR_STRENGTH = 5000.0
#: Rounds of expectation maximisation for m.
EM_ITERATIONS = 8
_PRIOR_RANGE = (0.005, 0.5)


def estimate_weights(
    candidates: Comparisons,
    name_share: Mapping[str, float],
    random_pairs: Comparisons = (),
    *,
    impossible: Sequence[bool] | np.ndarray | None = None,
) -> MatchWeights:
    """m by EM over *candidates*, u from *random_pairs*, both smoothed towards the defaults.

    *impossible* marks the candidates that cannot be one event whatever their
    score (the caller's cannot-link rules): EM counts them as two events, so
    on a feed of look-alikes the many pairs that differ only in their day or
    their parties cannot pass for the matches and capture m.

    >>> estimate_weights([], {}).prior == default_weights().prior
    True
    """
    start = default_weights()
    randoms = _matrix(random_pairs)
    u = _smoothed(start.u, randoms, 1.0 - _posteriors(randoms, start))
    weights = MatchWeights(dict(start.m), u, start.prior, dict(name_share))
    levels = _matrix(candidates)
    if len(levels) == 0:
        return weights
    possible = (
        np.ones(len(levels), dtype=bool)
        if impossible is None
        else ~np.asarray(impossible, dtype=bool)
    )
    for _ in range(EM_ITERATIONS):
        posteriors = _posteriors(levels, weights) * possible
        m = _smoothed(start.m, levels, posteriors)
        share = float(posteriors.mean())
        prior = (share * len(levels) + start.prior * PRIOR_STRENGTH) / (
            len(levels) + PRIOR_STRENGTH
        )
        prior = min(max(prior, _PRIOR_RANGE[0]), _PRIOR_RANGE[1])
        weights = MatchWeights(m, u, prior, dict(name_share))
    return weights


def scores_of(vectors: Comparisons, weights: MatchWeights) -> np.ndarray:
    """The log-odds (bits) of each comparison vector (or matrix row):
    :func:`~reconcile.match.comparisons.log_odds` over a whole batch at once."""
    return _bits(_matrix(vectors), weights)


def _matrix(comparisons: Comparisons) -> ComparisonMatrix:
    if isinstance(comparisons, ComparisonMatrix):
        return comparisons
    return ComparisonMatrix.from_vectors(comparisons)


def _bits(levels: ComparisonMatrix, weights: MatchWeights) -> np.ndarray:
    total = np.full(len(levels), weights.prior_weight(), dtype=np.float64)
    for column, feature in enumerate(FEATURES):
        table = np.array(
            [weights.weight(feature, lv) for lv in FEATURES[feature]], dtype=np.float64
        )
        total += table[levels.levels[:, column]]
        if feature == "names" and levels.names:
            # A shared rare name weighs by its own share (term-frequency adjustment).
            rare = FEATURES["names"].index("shared rare name")
            by_name = np.array(
                [
                    weights.weight(feature, "shared rare name", name) - table[rare]
                    for name in levels.names
                ],
                dtype=np.float64,
            )
            rows = np.flatnonzero(
                (levels.levels[:, column] == rare) & (levels.shared >= 0)
            )
            total[rows] += by_name[levels.shared[rows]]
    return total


def _posteriors(levels: ComparisonMatrix, weights: MatchWeights) -> np.ndarray:
    if len(levels) == 0:
        return np.empty(0, dtype=np.float64)
    bits = np.clip(_bits(levels, weights), -60.0, 60.0)
    odds = np.exp2(bits)
    return odds / (1.0 + odds)


def _smoothed(
    start: Mapping[tuple[str, str], float],
    levels: ComparisonMatrix,
    weight: np.ndarray,
) -> dict[tuple[str, str], float]:
    """Per feature, the level shares of *levels* (each counted by *weight*),
    mixed with *start*."""
    weight = np.clip(np.asarray(weight, dtype=np.float64), 0.0, None)
    total = float(weight.sum())
    out = {}
    for column, feature in enumerate(FEATURES):
        count = (
            np.bincount(
                levels.levels[:, column],
                weights=weight,
                minlength=len(FEATURES[feature]),
            )
            if len(levels)
            else np.zeros(len(FEATURES[feature]))
        )
        for index, level in enumerate(FEATURES[feature]):
            key = (feature, level)
            out[key] = (float(count[index]) + PRIOR_STRENGTH * start[key]) / (
                total + PRIOR_STRENGTH
            )
    return out
