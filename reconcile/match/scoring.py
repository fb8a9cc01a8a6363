"""Candidate pairs -> scores: rapidfuzz ratios on frames, blended, with vetoes.

Full frames are scored by ``token_set_ratio`` and ``token_sort_ratio``, blended
with a core-frame score, penalised for differing figure dimensions, and vetoed
(scored 0) when the claims cannot state one fact (see :func:`score_pairs`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from attrs import frozen
from rapidfuzz import fuzz, process

from reconcile.config import Config
from reconcile.match.frames import Frame

__all__ = [
    "MIN_CORE_TOKENS",
    "FrameColumns",
    "PairScorer",
    "dimension_mismatch",
    "frame_columns",
    "score_against",
    "score_pairs",
]


#: Core frames shorter than this are compared by ``token_sort_ratio`` only.
MIN_CORE_TOKENS = 3


#: How many candidate pairs :func:`score_pairs` scores at once: its arrays (a
#: 64-byte bit count per pair among them) then take some 60 MB at most,
#: whatever the number of pairs (at 100k claims: +105 -> +35 MB).
PAIRS_AT_ONCE = 1 << 18


PairScorer = Callable[[Sequence[Frame], np.ndarray, np.ndarray, Config], np.ndarray]
"""Scores the candidate pairs ``(a[k], b[k])`` of frames as :func:`score_pairs`
does, somewhere (the Dask cluster's is one)."""


@frozen(eq=False)
class FrameColumns:
    """What scoring reads of each frame, one array per column (see :func:`frame_columns`)."""

    texts: np.ndarray
    cores: np.ndarray
    sizes: np.ndarray
    masks: np.ndarray
    spoken: np.ndarray


def frame_columns(frames: Sequence[Frame]) -> FrameColumns:
    """The columns of *frames* that :func:`score_pairs` reads: texts, cores,
    core sizes and dimension bits. The bits are numbered over all *frames*, so
    chunks of pairs scored with the columns of the whole list score as one call."""
    masks, spoken = _dimension_bits(frames)
    return FrameColumns(
        np.array([f.text for f in frames], dtype=object),
        np.array([f.core for f in frames], dtype=object),
        _core_sizes(frames),
        masks,
        spoken,
    )


def score_pairs(
    frames: Sequence[Frame],
    a: np.ndarray,
    b: np.ndarray,
    config: Config,
    *,
    columns: FrameColumns | None = None,
) -> np.ndarray:
    """Blended frame scores (0-100) for the pairs ``(a[k], b[k])``, vetoed pairs scored 0.

    The score is ``set_weight * token_set_ratio + (1 - set_weight) * token_sort_ratio``.
    Pairs are scored :data:`PAIRS_AT_ONCE` at a time; each pair's score
    depends on its two frames alone (and the numbering of dimensions in
    *columns*, :func:`frame_columns` of *frames* when not given).
    """
    if len(a) == 0:
        return np.empty(0, dtype=np.float64)
    if columns is None:
        columns = frame_columns(frames)
    texts, cores, sizes = columns.texts, columns.cores, columns.sizes
    masks, spoken = columns.masks, columns.spoken
    scores = np.empty(len(a), dtype=np.float64)
    for low in range(0, len(a), PAIRS_AT_ONCE):
        left, right = a[low : low + PAIRS_AT_ONCE], b[low : low + PAIRS_AT_ONCE]
        by_set = process.cpdist(
            list(texts[left]),
            list(texts[right]),
            scorer=fuzz.token_set_ratio,
            workers=config.workers,
        )
        by_sort = process.cpdist(
            list(texts[left]),
            list(texts[right]),
            scorer=fuzz.token_sort_ratio,
            workers=config.workers,
        )
        by_core = _core_scores(
            list(cores[left]),
            list(cores[right]),
            sizes,
            left,
            right,
            config,
            pairwise=True,
        )
        part = _blend(config, by_set, by_sort, by_core) - (
            config.dimension_penalty
            * _mismatch(masks[left], masks[right], spoken[left], spoken[right])
        )
        for k in np.flatnonzero(part >= config.match_threshold).tolist():
            if _vetoed(frames[left[k]], frames[right[k]]):
                part[k] = 0.0
        scores[low : low + PAIRS_AT_ONCE] = part
    return np.clip(scores, 0.0, 100.0)


def _dimension_bits(frames: Sequence[Frame]) -> tuple[np.ndarray, np.ndarray]:
    """Per frame, the bits of the dimensions it counts and of those it only names
    (:attr:`Frame.spoken`), one bit per dimension counted by some frame (hashed
    into 63 bits when there are more)."""
    bits: dict[str, int] = {}
    masks = np.zeros(len(frames), dtype=np.uint64)
    for index, frame in enumerate(frames):
        mask = 0
        for dimension in sorted(frame.dimensions):
            mask |= 1 << bits.setdefault(dimension, len(bits) % 63)
        masks[index] = mask
    spoken = np.zeros(len(frames), dtype=np.uint64)
    for index, frame in enumerate(frames):
        mask = 0
        for dimension in frame.spoken:
            if dimension in bits:
                mask |= 1 << bits[dimension]
        spoken[index] = mask
    return masks, spoken


def _mismatch(
    left: np.ndarray,
    right: np.ndarray,
    left_spoken: np.ndarray,
    right_spoken: np.ndarray,
) -> np.ndarray:
    """How many dimensions one side counts that the other neither counts nor names:
    "supplied hundreds of drones" and "armed Moscow with drones" differ in none."""
    only_left = left & ~right & ~right_spoken
    only_right = right & ~left & ~left_spoken
    return _popcount(only_left | only_right)


def dimension_mismatch(frames: Sequence[Frame]) -> np.ndarray:
    """The k x k matrix of :func:`_mismatch` counts between *frames*."""
    masks, spoken = _dimension_bits(frames)
    return _mismatch(masks[:, None], masks[None, :], spoken[:, None], spoken[None, :])


def _popcount(values: np.ndarray) -> np.ndarray:
    shape = np.shape(values)
    as_bytes = np.ascontiguousarray(values, dtype=np.uint64).view(np.uint8)
    counts = np.unpackbits(as_bytes.reshape(-1, 8), axis=1).sum(axis=1)
    return counts.astype(np.float64).reshape(shape)


def score_against(query: Frame, frames: Sequence[Frame], config: Config) -> np.ndarray:
    """Scores (0-100) of one frame against many, in one batch per scorer; vetoed pairs score 0."""
    if not frames:
        return np.empty(0, dtype=np.float64)
    by_set = process.cdist(
        [query.text],
        [f.text for f in frames],
        scorer=fuzz.token_set_ratio,
        workers=config.workers,
    )[0]
    by_sort = process.cdist(
        [query.text],
        [f.text for f in frames],
        scorer=fuzz.token_sort_ratio,
        workers=config.workers,
    )[0]
    everyone = np.arange(len(frames))
    by_core = _core_scores(
        [query.core] * len(frames),
        [f.core for f in frames],
        _core_sizes([query, *frames]),
        np.zeros(len(frames), dtype=np.int64),
        everyone + 1,
        config,
        pairwise=True,
    )
    masks, spoken = _dimension_bits([query, *frames])
    mismatch = _mismatch(masks[0], masks[1:], spoken[0], spoken[1:])
    scores = (
        _blend(config, by_set, by_sort, by_core) - config.dimension_penalty * mismatch
    )
    for k, frame in enumerate(frames):
        if _vetoed(query, frame):
            scores[k] = 0.0
    return np.clip(scores, 0.0, 100.0)


def _core_sizes(frames: Sequence[Frame]) -> np.ndarray:
    """How many tokens each frame's core holds."""
    return np.array([len(f.core.split()) for f in frames], dtype=np.int64)


def _core_scores(
    left: Sequence[str],
    right: Sequence[str],
    sizes: np.ndarray,
    a: np.ndarray | None,
    b: np.ndarray | None,
    config: Config,
    *,
    pairwise: bool,
) -> np.ndarray:
    """Core-frame scores: ``token_set_ratio`` when both cores hold at least
    ``MIN_CORE_TOKENS`` tokens, else NaN: a one- or two-word core
    ("actor_russia") is a subset of almost everything and says too little, so
    such pairs are scored on the full frame alone (see :func:`_blend`).
    *sizes* are the core sizes of the frames *a* and *b* index (pairwise),
    or of the frames of *left* (all against all)."""
    if pairwise:
        by_set = process.cpdist(
            left, right, scorer=fuzz.token_set_ratio, workers=config.workers
        )
        rich = (sizes[a] >= MIN_CORE_TOKENS) & (sizes[b] >= MIN_CORE_TOKENS)
    else:
        by_set = process.cdist(
            left, right, scorer=fuzz.token_set_ratio, workers=config.workers
        )
        rich = np.outer(sizes >= MIN_CORE_TOKENS, sizes >= MIN_CORE_TOKENS)
    return np.where(rich, by_set, np.nan).astype(np.float64)


def _blend(
    config: Config, by_set: np.ndarray, by_sort: np.ndarray, by_core: np.ndarray
) -> np.ndarray:
    full = (
        config.set_weight * by_set.astype(np.float64)
        + (1.0 - config.set_weight) * by_sort
    )
    mixed = (1.0 - config.core_weight) * full + config.core_weight * by_core
    return np.where(np.isnan(by_core), full, mixed)


def _vetoed(left: Frame, right: Frame) -> bool:
    """Whether two claims cannot state one fact, whatever their wording.

    * Different principal actors: each names an actor the other lacks, and they
      share little ("Tajikistan and Iran" is not "Russia and Iran"; with three
      or more actors each, sharing at least half of the smaller set is enough).
    * Different subjects: the actors before each claim's verb are named
      nowhere in the other (see :func:`_subjects_clash`).
    * Different parties: a claim between two countries ("Tajikistan and Iran
      signed") is not one that names no actor but its speaker in an article
      about two others ("Mr X said the agreement opened a new chapter", in a
      report on Russia and Iran).
    * Different countries: the countries each claim is about (named in it, or
      else its article's setting) do not overlap.
    * Different events: one names a distinct step of a story (ratify, approve,
      elect, ...) that the other lacks, unless one's steps include the other's.
    """
    return (
        _actors_clash(left.actors, right.actors, left.areas, right.areas)
        or _subjects_clash(left, right)
        or (
            left.parties_implied != right.parties_implied
            and bool(left.parties and right.parties)
            and _actors_clash(left.parties, right.parties)
        )
        or _events_clash(left.events, right.events)
        or bool(
            left.countries and right.countries and not left.countries & right.countries
        )
    )


def _actors_clash(
    left: frozenset[str],
    right: frozenset[str],
    left_areas: frozenset[str] = frozenset(),
    right_areas: frozenset[str] = frozenset(),
) -> bool:
    """Each names an actor the other lacks (an actor lying within one the other
    names, such as Istanbul and Turkey, is not lacking), and they share little."""
    if not (left - right - right_areas and right - left - left_areas):
        return False
    smaller = min(len(left), len(right))
    return smaller <= 2 or len(left & right) * 2 < smaller


def _subjects_clash(left: Frame, right: Frame) -> bool:
    """Each claim's subject (the actors before its verb) goes unnamed in the other:
    "Iran has supplied Russia ..." is not "Afghanistan has supplied Russia ...",
    whatever third country both name; "Russia received drones from Iran" still
    meets the first."""
    return bool(
        left.subjects
        and right.subjects
        and not left.subjects & right.mentioned
        and not right.subjects & left.mentioned
    )


def _events_clash(left: frozenset[str], right: frozenset[str]) -> bool:
    if left == right:
        return False
    if not left or not right:
        return True
    return not (left <= right or right <= left)
