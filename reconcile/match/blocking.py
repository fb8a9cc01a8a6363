"""Frames -> candidate pairs: claims sharing a canonical actor or a rare frame token.

Large actor blocks are split by publication week; blocks never use a value
that is checked for conflict (see :func:`block_candidates`).
"""

from __future__ import annotations

import itertools
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
    *,
    proposing: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray, BlockingStats]:
    """Candidate pairs ``(a, b)`` with ``a < b``: claims sharing an actor or a rare token.

    Args:
        frames: one frame per claim.
        weeks: one publication week number per claim (to split large actor blocks).
        config: ``block_cap`` and ``rare_tokens``.
        proposing: a flag per claim; when given, only the candidate pairs
            holding a flagged claim are made (and counted). The blocks are
            the same either way: every claim's frame counts towards a
            token's rarity and a block's size.

    Returns:
        Two index arrays, ordered by ``(a, b)``, and the blocking statistics.
        Cost grows with the sum of squared block sizes, each at most
        ``block_cap``, so near-linearly in N; with *proposing*, with the
        blocks' sizes summed over the flagged claims' blocks.
    """
    n = len(frames)
    # A block is a number: a rare token's rank, then one per frame text, then
    # one per (week-split) actor key; each claim in it is one (block, claim) entry.
    token_block, token_member, tokens = _rare_token_entries(frames, config.rare_tokens)
    texts: dict[str, int] = {}
    text_block = np.fromiter(
        (texts.setdefault(f.text, len(texts)) for f in frames), np.int64, n
    )
    actor_blocks = _actor_blocks(frames, weeks, config.block_cap)
    actor_sizes = np.fromiter(map(len, actor_blocks.values()), np.int64)
    block = np.concatenate(
        [
            token_block,
            text_block + tokens,
            np.repeat(np.arange(len(actor_blocks)), actor_sizes) + tokens + len(texts),
        ]
    )
    member = np.concatenate(
        [
            token_member,
            np.arange(n, dtype=np.int64),
            np.fromiter(
                itertools.chain.from_iterable(actor_blocks.values()),
                np.int64,
                int(actor_sizes.sum()),
            ),
        ]
    )
    order = np.argsort(block, kind="stable")
    block, member = block[order], member[order]
    starts = np.flatnonzero(np.concatenate(([True], block[1:] != block[:-1])))
    sizes = np.diff(np.append(starts, len(block)))
    scored = (sizes >= 2) & (sizes <= config.block_cap)
    dropped = int((sizes > config.block_cap).sum())
    largest = int(sizes[scored].max()) if scored.any() else 0
    if proposing is None:
        keys = _pair_keys(member, starts, sizes, scored, n)
    else:
        keys = _pair_keys_holding(
            member, starts, sizes, scored, np.asarray(proposing, dtype=bool)
        )
    a, b = np.divmod(keys, n)
    return a, b, BlockingStats(n, int(scored.sum()), len(keys), largest, dropped)


def _pair_keys(
    member: np.ndarray,
    starts: np.ndarray,
    sizes: np.ndarray,
    scored: np.ndarray,
    n: int,
) -> np.ndarray:
    """The sorted distinct ``low * n + high`` of every pair of members of each scored block."""
    chunks: list[np.ndarray] = []
    for size in np.unique(sizes[scored]).tolist():
        # All blocks of one size at once: a row of members per block.
        rows = member[starts[scored & (sizes == size)][:, None] + np.arange(size)]
        i, j = np.triu_indices(size, 1)
        left, right = rows[:, i], rows[:, j]
        chunks.append((np.minimum(left, right) * n + np.maximum(left, right)).ravel())
    return _distinct(np.concatenate(chunks)) if chunks else _NO_KEYS


#: About how many (claim, partner) entries :func:`_pair_keys_holding` makes at once.
_ENTRIES_AT_ONCE = 1 << 22


def _pair_keys_holding(
    member: np.ndarray,
    starts: np.ndarray,
    sizes: np.ndarray,
    scored: np.ndarray,
    flagged: np.ndarray,
) -> np.ndarray:
    """The sorted distinct ``low * n + high`` of the pairs of members of a scored
    block that hold a *flagged* claim (``n = len(flagged)``).

    Each flagged member of a scored block is paired with every other member
    of it, a slice of entries at a time, so that memory follows the pairs
    kept rather than every pair of every block.
    """
    n = len(flagged)
    block_of = np.repeat(np.arange(len(starts)), sizes)
    entries = np.flatnonzero(scored[block_of] & flagged[member])
    widths = sizes[block_of[entries]]
    ends = np.cumsum(widths)
    total = int(ends[-1]) if len(ends) else 0
    cuts = np.searchsorted(ends, np.arange(_ENTRIES_AT_ONCE, total, _ENTRIES_AT_ONCE))
    chunks: list[np.ndarray] = []
    for low, high in itertools.pairwise([0, *cuts.tolist(), len(entries)]):
        held, width = entries[low:high], widths[low:high]
        count = int(width.sum())
        offset = np.arange(count) - np.repeat(np.cumsum(width) - width, width)
        left = np.repeat(member[held], width)
        right = member[np.repeat(starts[block_of[held]], width) + offset]
        apart = left != right
        left, right = left[apart], right[apart]
        chunks.append(_distinct(np.minimum(left, right) * n + np.maximum(left, right)))
    return _distinct(np.concatenate(chunks)) if chunks else _NO_KEYS


_NO_KEYS = np.empty(0, dtype=np.int64)


def _distinct(keys: np.ndarray) -> np.ndarray:
    """*keys* sorted, each once (sorting beats np.unique's hashing here)."""
    keys.sort()
    if len(keys) < 2:
        return keys
    return keys[np.concatenate(([True], keys[1:] != keys[:-1]))]


def _actor_blocks(
    frames: Sequence[Frame], weeks: Sequence[int], cap: int
) -> dict[str, list[int]]:
    """The claims naming each actor, by ``a:<actor>``; a block above *cap* claims
    is split into one per publication week, holding that week's claims and the
    week before's (``a:<actor>|w<week>``)."""
    by_actor: dict[str, list[int]] = defaultdict(list)
    for index, frame in enumerate(frames):
        for actor in frame.actors:
            by_actor[actor].append(index)
    blocks: dict[str, list[int]] = defaultdict(list)
    blocks.update(("a:" + actor, members) for actor, members in by_actor.items())
    for key in [k for k, members in blocks.items() if len(members) > cap]:
        members = np.asarray(blocks.pop(key), dtype=np.int64)
        week = np.fromiter((weeks[m] for m in members.tolist()), np.int64, len(members))
        order = np.argsort(week, kind="stable")
        members, week = members[order], week[order]
        for number in np.unique(np.concatenate([week, week + 1])).tolist():
            low, high = np.searchsorted(week, [number - 1, number + 1])
            blocks[f"{key}|w{number}"].extend(members[low:high].tolist())
    return blocks


def _rare_token_entries(
    frames: Sequence[Frame], rare: int
) -> tuple[np.ndarray, np.ndarray, int]:
    """The token blocks: ``(block, claim)`` entries and how many block numbers they use.

    Each claim joins the blocks of its *rare* rarest frame tokens, by
    ``(frequency, token)``, among those shared by another distinct frame
    (actor tokens aside). Rarity is counted over distinct frames: the words
    only a claim and its wire-copy twin share are not "rare" links to the
    rest of the story. A token's block is its rank in that order, so the
    rarest tokens of each claim are its smallest block numbers.
    """
    distinct = {f.text: f for f in frames}.values()
    frequency = Counter(t for f in distinct for t in f.tokens)
    ranked = sorted(
        (count, token)
        for token, count in frequency.items()
        if count > 1 and not token.startswith("actor_")
    )
    rank = {token: number for number, (_, token) in enumerate(ranked)}
    # Frames with the same tokens pick the same ones: pick once per token tuple.
    shapes: dict[tuple[str, ...], int] = {}
    shape_of = np.fromiter(
        (shapes.setdefault(f.tokens, len(shapes)) for f in frames),
        np.int64,
        len(frames),
    )
    lengths = np.fromiter(map(len, shapes), np.int64, len(shapes))
    ranks = np.fromiter(
        (rank.get(t, -1) for shape in shapes for t in shape),
        np.int64,
        int(lengths.sum()),
    )
    owner = np.repeat(np.arange(len(shapes)), lengths)
    kept = ranks >= 0
    ranks, owner = ranks[kept], owner[kept]
    order = np.lexsort((ranks, owner))
    ranks, owner = ranks[order], owner[order]
    place = np.arange(len(owner)) - np.searchsorted(owner, owner)
    kept = place < rare
    ranks, owner = ranks[kept], owner[kept]
    counts = np.bincount(owner, minlength=len(shapes))
    first = np.cumsum(counts) - counts
    per_frame = counts[shape_of]
    members = np.repeat(np.arange(len(frames), dtype=np.int64), per_frame)
    offset = np.arange(len(members)) - np.repeat(
        np.cumsum(per_frame) - per_frame, per_frame
    )
    blocks = ranks[np.repeat(first[shape_of], per_frame) + offset]
    return blocks, members, len(ranked)


def _week(claim: Claim) -> int:
    if claim.published is None:
        return 0
    year, week, _ = claim.published.isocalendar()
    return year * 53 + week
