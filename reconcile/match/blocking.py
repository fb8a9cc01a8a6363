"""Frames -> candidate pairs: claims sharing a canonical actor or a rare frame token.

Large actor blocks are split by publication week; blocks never use a value
that is checked for conflict (see :func:`block_candidates`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

import numpy as np
from attrs import frozen

from reconcile.config import Config
from reconcile.match.frames import Frame
from reconcile.model import Claim

__all__ = ["BlockingStats", "block_candidates"]


@frozen
class BlockingStats:
    """What blocking did: blocks scored, candidate pairs, keys dropped for size."""

    claims: int
    blocks: int
    candidate_pairs: int
    largest_block: int
    dropped_keys: int


def block_candidates(
    frames: Sequence[Frame],
    weeks: Sequence[int],
    config: Config,
) -> tuple[np.ndarray, np.ndarray, BlockingStats]:
    """Candidate pairs ``(a, b)`` with ``a < b``: claims sharing an actor or a rare token.

    Args:
        frames: one frame per claim.
        weeks: one publication week number per claim (to split large actor blocks).
        config: ``block_cap`` and ``rare_tokens``.

    Returns:
        Two index arrays and the blocking statistics. Cost grows with the sum of
        squared block sizes, each at most ``block_cap``, so near-linearly in N.
    """
    blocks: dict[str, list[int]] = defaultdict(list)
    # Rarity is counted over distinct frames: the words only a claim and its
    # wire-copy twin share are not "rare" links to the rest of the story.
    distinct = {f.text: f for f in frames}.values()
    frequency = Counter(t for f in distinct for t in f.tokens)
    for index, frame in enumerate(frames):
        blocks["f:" + frame.text].append(index)
        for actor in frame.actors:
            blocks["a:" + actor].append(index)
        candidates = [
            t for t in frame.tokens if frequency[t] > 1 and not t.startswith("actor_")
        ]
        for token in sorted(candidates, key=lambda t: (frequency[t], t))[
            : config.rare_tokens
        ]:
            blocks["t:" + token].append(index)
    for key in [
        k
        for k, members in blocks.items()
        if k.startswith("a:") and len(members) > config.block_cap
    ]:
        for index in blocks.pop(key):
            blocks[f"{key}|w{weeks[index]}"].append(index)
            blocks[f"{key}|w{weeks[index] + 1}"].append(index)
    chunks_a: list[np.ndarray] = []
    chunks_b: list[np.ndarray] = []
    dropped = largest = scored = 0
    for members in blocks.values():
        size = len(members)
        if size > config.block_cap:
            dropped += 1
            continue
        if size < 2:
            continue
        scored += 1
        largest = max(largest, size)
        idx = np.asarray(members, dtype=np.int64)
        i, j = np.triu_indices(size, 1)
        chunks_a.append(idx[i])
        chunks_b.append(idx[j])
    if not chunks_a:
        empty = np.empty(0, dtype=np.int64)
        return empty, empty, BlockingStats(len(frames), scored, 0, largest, dropped)
    a, b = np.concatenate(chunks_a), np.concatenate(chunks_b)
    low, high = np.minimum(a, b), np.maximum(a, b)
    keys = np.sort(low * len(frames) + high)  # sorting beats np.unique's hashing here
    keys = keys[np.concatenate(([True], keys[1:] != keys[:-1]))]
    a, b = keys // len(frames), keys % len(frames)
    return a, b, BlockingStats(len(frames), scored, len(keys), largest, dropped)


def _week(claim: Claim) -> int:
    if claim.published is None:
        return 0
    year, week, _ = claim.published.isocalendar()
    return year * 53 + week
