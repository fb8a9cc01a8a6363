"""A reusable match index: cluster claims once, then add new claims without redoing the rest.

:func:`build_match_index` clusters claims exactly as
:func:`~reconcile.match.cluster_claims` does and keeps what it computed: each
claim's frame, the score of every candidate pair, and the clusters of every
linked component. :func:`extend_match_index` adds claims: blocking runs again
over all frames (it is cheap, and the rarity of a token depends on the whole
corpus), but only pairs never scored before are scored, and only components
whose members changed are split again. Every cached quantity is a pure
function of the claims it covers, so the clusters always equal those of one
run over all the claims.

Given ``proposing`` (the ids of the claims that state a proposition, see
:attr:`~reconcile.events.binding.ClaimEvents.states_proposition`), only the
candidate pairs holding at least one of them are scored: the pipeline groups
only propositions by wording (:func:`~reconcile.events.facts.fact_clusters`),
and a claim that gives a value to each of its events is placed by the event
model, so the pairs of two such claims (most pairs) need no score. Which
claims state a proposition is a property of each claim alone, so the
clusters still equal those of one run over all the claims.

>>> from reconcile.model import Claim, Span
>>> def claim(cid, text):
...     return Claim(id=cid, article_id=cid.split("#")[0], outlet=cid[0], text=text,
...                  span=Span(0, len(text)))
>>> index = build_match_index([claim("a#1", "Russia and Iran signed a partnership treaty")])
>>> index = extend_match_index(index, [claim("b#1", "Iran and Russia inked a partnership pact")])
>>> [c.claim_ids for c in index.clusters]
[('a#1', 'b#1')]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import numpy as np
from attrs import field, frozen

from reconcile.config import Config
from reconcile.errors import InvalidValueError
from reconcile.extract.actors import Gazetteer, load_gazetteer
from reconcile.match.blocking import _week, block_candidates
from reconcile.match.clustering import (
    ClaimCluster,
    SplitCache,
    _collapse_duplicates,
    cluster_scored_pairs,
)
from reconcile.match.frames import Frame, claim_frame
from reconcile.match.scoring import PairScorer, score_pairs
from reconcile.model import Claim
from reconcile.packed import PackedArray

__all__ = ["MatchIndex", "build_match_index", "extend_match_index", "positions_in"]

_EMPTY_KEYS = np.empty(0, dtype=np.int64)
_EMPTY_SCORES = np.empty(0, dtype=np.float64)


@frozen(eq=False)
class MatchIndex:
    """Claims clustered into facts, with the work that produced the clusters kept for reuse.

    Attributes:
        claims: every claim, by id.
        clusters: the clusters, as :func:`~reconcile.match.cluster_claims` returns them.
        serials: a number per claim id, given in order of arrival; pair scores
            are keyed on them so that they survive new claims.
        pair_keys: sorted ``low_serial << 32 | high_serial`` of every pair
            scored so far (a first run holds them compressed, as a
            :class:`~reconcile.packed.PackedArray`, until an add reads them).
        pair_scores: the score of each pair in *pair_keys* (likewise).
        frames: each claim's frame, by claim id.
        split_cache: the clusters of each linked component of two or more
            claims, by its member ids.
        scored_now: how many pairs the last build or extension scored.
        proposing: the ids of the claims a candidate pair must hold one of to
            be scored; ``None``: every pair is scored.
        explained: whether the clusters hold their memberships (why each claim
            joined); the pipeline, which reads only which claims are worded
            alike, keeps none (see :func:`build_match_index`).
    """

    config: Config
    gazetteer: Gazetteer = field(repr=False)
    claims: Mapping[str, Claim] = field(repr=False)
    clusters: tuple[ClaimCluster, ...] = field(repr=False)
    serials: Mapping[str, int] = field(repr=False)
    pair_keys: np.ndarray | PackedArray = field(repr=False)
    pair_scores: np.ndarray | PackedArray = field(repr=False)
    frames: Mapping[str, Frame] = field(repr=False)
    split_cache: SplitCache = field(repr=False)
    scored_now: int = 0
    proposing: frozenset[str] | None = field(default=None, repr=False)
    explained: bool = field(default=True, kw_only=True)


def build_match_index(
    claims: Iterable[Claim],
    config: Config | None = None,
    *,
    gazetteer: Gazetteer | None = None,
    proposing: Iterable[str] | None = None,
    explained: bool = True,
) -> MatchIndex:
    """Cluster *claims* (as :func:`~reconcile.match.cluster_claims`) and keep the work for reuse.

    With *proposing* (claim ids), only candidate pairs holding one of those
    claims are scored (see :func:`extend_match_index`). With
    ``explained=False`` the clusters, and those of every extension, hold the
    same claims and medoids without their memberships: at a million claims
    the reasons each claim joined its sentence cluster take some 250 MB, and
    the pipeline reads only which claims are worded alike.
    """
    config = config or Config()
    empty = MatchIndex(
        config,
        gazetteer or load_gazetteer(config.alias_file),
        {},
        (),
        {},
        _EMPTY_KEYS,
        _EMPTY_SCORES,
        {},
        {},
        explained=explained,
    )
    return extend_match_index(empty, claims, proposing=proposing)


def extend_match_index(
    index: MatchIndex,
    claims: Iterable[Claim],
    *,
    proposing: Iterable[str] | None = None,
    scorer: PairScorer | None = None,
) -> MatchIndex:
    """A new index holding *index*'s claims and *claims*, clustered as one run over both.

    Args:
        index: the index to extend.
        claims: the new claims.
        proposing: the ids of the new claims that state a proposition; when
            given, only candidate pairs holding one of them (or one of the
            index's) are scored. ``None`` keeps the index's choice: every pair
            is scored unless the index was built with ``proposing``.
        scorer: what scores the new candidate pairs (the Dask cluster's, say);
            :func:`~reconcile.match.scoring.score_pairs` here when ``None``.

    Raises:
        InvalidValueError: a new claim's id is already in the index, or
            *proposing* is given for an index whose every pair was scored
            before.
    """
    new = sorted(claims, key=lambda c: c.id)
    every = dict(index.claims)
    serials = dict(index.serials)
    for claim in new:
        if claim.id in every:
            raise InvalidValueError(
                f"claim id {claim.id!r} is already in the index; "
                "an article can be added only once"
            )
        every[claim.id] = claim
        serials[claim.id] = len(serials)
    chosen = _proposing(index, proposing)
    config, gazetteer = index.config, index.gazetteer
    ordered, twins = _collapse_duplicates(
        sorted(every.values(), key=lambda c: c.id), gazetteer
    )
    frames = dict(index.frames)
    shared: dict[object, object] = {}
    for claim in ordered:
        if claim.id not in frames:
            frames[claim.id] = claim_frame(claim, gazetteer, shared=shared)
    del shared
    frame_list = [frames[c.id] for c in ordered]
    a, b, _ = block_candidates(
        frame_list,
        [_week(c) for c in ordered],
        config,
        proposing=(
            None
            if chosen is None
            else np.fromiter((c.id in chosen for c in ordered), bool, len(ordered))
        ),
    )
    keys = _serial_keys(a, b, ordered, serials)
    scores, pair_keys, pair_scores, scored_now = _scores(
        index, keys, a, b, frame_list, config, scorer
    )
    del keys
    clusters, split_cache = cluster_scored_pairs(
        ordered,
        twins,
        frame_list,
        a,
        b,
        scores,
        config,
        index.split_cache,
        explained=index.explained,
    )
    return MatchIndex(
        config,
        gazetteer,
        every,
        clusters,
        serials,
        pair_keys,
        pair_scores,
        frames,
        split_cache,
        scored_now,
        chosen,
        explained=index.explained,
    )


def _serial_keys(
    a: np.ndarray, b: np.ndarray, ordered: Sequence[Claim], serials: Mapping[str, int]
) -> np.ndarray:
    """``low_serial << 32 | high_serial`` of each pair ``(ordered[a[k]], ordered[b[k]])``."""
    serial = np.fromiter(
        (serials[c.id] for c in ordered), dtype=np.int64, count=len(ordered)
    )
    low, high = serial[a], serial[b]
    keys = np.minimum(low, high)
    np.maximum(low, high, out=high)
    del low
    keys <<= 32
    keys |= high
    return keys


def _scores(
    index: MatchIndex,
    keys: np.ndarray,
    a: np.ndarray,
    b: np.ndarray,
    frames: Sequence[Frame],
    config: Config,
    scorer: PairScorer | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """The score of each pair: *index*'s for the pairs it scored, fresh ones
    (by *scorer*, or :func:`score_pairs`) for the rest; and the index's pair
    keys and scores with the fresh ones merged in, and how many pairs were
    scored now."""
    old_keys, old_scores = np.asarray(index.pair_keys), np.asarray(index.pair_scores)
    position, known = positions_in(keys, old_keys)
    scores = np.zeros(len(keys), dtype=np.float64)
    scores[known] = old_scores[position[known]]
    del position
    fresh = ~known
    del known
    if not fresh.any():
        return scores, old_keys, old_scores, 0
    score = scorer if scorer is not None else score_pairs
    scores[fresh] = score(frames, a[fresh], b[fresh], config)
    pair_keys, pair_scores = _merge(old_keys, old_scores, keys[fresh], scores[fresh])
    return scores, pair_keys, pair_scores, int(fresh.sum())


def _proposing(
    index: MatchIndex, proposing: Iterable[str] | None
) -> frozenset[str] | None:
    """The proposing claims of the extended index (``None``: every pair is scored)."""
    if proposing is None:
        return index.proposing
    if index.proposing is None and index.claims:
        raise InvalidValueError(
            "extend_match_index: proposing was given for an index built without it; "
            "expected an index built with proposing (or an empty one)"
        )
    return (index.proposing or frozenset()) | frozenset(proposing)


def positions_in(
    keys: np.ndarray, sorted_keys: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Where each of *keys* sits in the sorted *sorted_keys*, and a mask of those found there."""
    if len(sorted_keys) == 0:
        return np.zeros(len(keys), dtype=np.int64), np.zeros(len(keys), dtype=bool)
    position = np.minimum(np.searchsorted(sorted_keys, keys), len(sorted_keys) - 1)
    return position, sorted_keys[position] == keys


def _merge(
    pair_keys: np.ndarray,
    pair_scores: np.ndarray,
    keys: np.ndarray,
    scores: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """*keys* (none of them in the sorted *pair_keys*) and their *scores* merged in."""
    order = np.argsort(keys, kind="stable")
    keys, scores = keys[order], scores[order]
    at = np.searchsorted(pair_keys, keys)
    return np.insert(pair_keys, at, keys), np.insert(pair_scores, at, scores)
