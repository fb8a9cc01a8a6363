"""The desk store's cache of matching work, written as a log of segments.

A reconciliation of 100,000 claims holds over a million small objects; pickling
all of them after every :meth:`~reconcile.store.Store.add` would cost more than
the add itself. So each add writes only a *segment*: the articles, claims,
frames, pair scores, component splits and facts (with what comparing their
claims found) that are new since the last one, and the keys of the facts and
component splits that are gone. A fact is written with the ids of its claims
instead of the claims, so no claim is written twice. The library's attrs
objects are pickled as tuples of their field values (a per-class reducer in
the pickler's dispatch table, no per-object callback otherwise), and segments
are read with the garbage collector paused. Reading replays the segments in
order; after :data:`SEGMENTS_BEFORE_SNAPSHOT` segments the store writes one
snapshot segment instead, so replay stays short.

The segments are pickles, read only by this library from a store it wrote;
see :mod:`reconcile.store` for when the cache is trusted.
"""

from __future__ import annotations

import copyreg
import io
import operator
import pickle
from collections.abc import Iterable
from typing import Any

import attrs
import numpy as np

from reconcile.api import Reconciliation
from reconcile.compare.verdicts import PairFindings, earliest_first
from reconcile.config import Config
from reconcile.extract.actors import Gazetteer
from reconcile.gc_pause import collector_paused
from reconcile.incremental import ComparedFact, IncrementalState
from reconcile.match.clustering import ClaimCluster
from reconcile.match.frames import Frame
from reconcile.match.index import MatchIndex, positions_in
from reconcile.model import (
    Actor,
    Agreement,
    Article,
    Claim,
    Conflict,
    DateValue,
    Fact,
    MatchReason,
    Membership,
    OriginGroup,
    Quantity,
    Span,
    Update,
    Verdict,
)

__all__ = [
    "CACHE_FORMAT",
    "SEGMENTS_BEFORE_SNAPSHOT",
    "decode_segments",
    "encode_segment",
]

#: After this many segments, the next write is one snapshot of everything.
SEGMENTS_BEFORE_SNAPSHOT = 16

#: The layout of a segment; part of the store's cache key, so a store written
#: with another layout rebuilds its cache instead of misreading it.
CACHE_FORMAT = 4


def encode_segment(before: Reconciliation | None, after: Reconciliation) -> bytes:
    """What *after* holds that *before* did not (everything if *before* is ``None``)."""
    new_state = _state_of(after)
    old_state = _state_of(before) if before is not None else None
    old_index = old_state.index if old_state is not None else None
    new_index = new_state.index
    old_articles = len(old_state.articles) if old_state is not None else 0
    old_claims = len(old_state.claims) if old_state is not None else 0
    old_facts = old_state.compared if old_state is not None else {}
    old_split = old_index.split_cache if old_index is not None else {}
    old_frames = old_index.frames if old_index is not None else {}
    old_keys = old_index.pair_keys if old_index is not None else np.empty(0, np.int64)
    new_pairs = ~positions_in(new_index.pair_keys, old_keys)[1]
    gone = [
        (k, known)
        for k, known in old_facts.items()
        if new_state.compared.get(k) is not known
    ]
    # A fact that gained claims keeps the conflicts of its earlier facts (the
    # same objects): they are written as (earlier fact id, position).
    where = {
        id(conflict): (known.fact.id, position)
        for _, known in gone
        for position, conflict in enumerate(known.fact.conflicts)
    }
    segment = {
        "articles": new_state.articles[old_articles:],
        "claims": new_state.claims[old_claims:],
        "serials": {
            c.id: new_index.serials[c.id] for c in new_state.claims[old_claims:]
        },
        "frames": {k: v for k, v in new_index.frames.items() if k not in old_frames},
        "sentences": {
            a.id: new_state.sentences[a.id]
            for a in new_state.articles[old_articles:]
            if a.id in new_state.sentences
        },
        "pair_keys": new_index.pair_keys[new_pairs],
        "pair_scores": new_index.pair_scores[new_pairs],
        "split_new": {
            k: v for k, v in new_index.split_cache.items() if k not in old_split
        },
        "split_gone": [k for k in old_split if k not in new_index.split_cache],
        "facts_gone": [k for k, _ in gone],
        "facts_new": [
            (
                known.cluster,
                known.wire,
                attrs.evolve(known.fact, claims=(), conflicts=()),
                [c.id for c in known.fact.claims],
                known.findings,
                [where.get(id(c), c) for c in known.fact.conflicts],
            )
            for k, known in new_state.compared.items()
            if old_facts.get(k) is not known
        ],
        "changes": after.changes,
        "scored_now": new_index.scored_now,
    }
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=5)
    pickler.dispatch_table = _DISPATCH_TABLE
    with collector_paused():
        pickler.dump(segment)
    return buffer.getvalue()


def decode_segments(
    blobs: Iterable[bytes], config: Config, gazetteer: Gazetteer
) -> Reconciliation:
    """Replay segments written by :func:`encode_segment` into a reconciliation."""
    with collector_paused():
        return _replay(blobs, config, gazetteer)


def _replay(
    blobs: Iterable[bytes], config: Config, gazetteer: Gazetteer
) -> Reconciliation:
    articles: dict[str, Article] = {}
    claims: dict[str, Claim] = {}
    serials: dict[str, int] = {}
    frames: dict[str, Any] = {}
    sentences: dict[str, frozenset[str]] = {}
    key_chunks: list[np.ndarray] = []
    score_chunks: list[np.ndarray] = []
    split: dict[tuple[str, ...], Any] = {}
    compared: dict[tuple[str, ...], ComparedFact] = {}
    changes = None
    scored_now = 0
    for blob in blobs:
        segment = pickle.loads(blob)
        articles.update((a.id, a) for a in segment["articles"])
        claims.update((c.id, c) for c in segment["claims"])
        serials.update(segment["serials"])
        frames.update(segment["frames"])
        sentences.update(segment["sentences"])
        key_chunks.append(segment["pair_keys"])
        score_chunks.append(segment["pair_scores"])
        for key in segment["split_gone"]:
            del split[key]
        split.update(segment["split_new"])
        earlier = {}
        for key in segment["facts_gone"]:
            gone = compared.pop(key).fact
            earlier[gone.id] = gone.conflicts
        for cluster, wire, fact, claim_ids, findings, conflicts in segment["facts_new"]:
            # The fact was written without its claims and conflicts and was
            # just read: no one else holds it yet, so they are set in place.
            set_slot = _SLOT_SETTERS[Fact]
            set_slot[_CLAIMS_FIELD](fact, tuple(claims[i] for i in claim_ids))
            set_slot[_CONFLICTS_FIELD](
                fact,
                tuple(
                    earlier[c[0]][c[1]] if isinstance(c, tuple) else c
                    for c in conflicts
                ),
            )
            compared[cluster.claim_ids] = ComparedFact(cluster, wire, fact, findings)
        changes, scored_now = segment["changes"], segment["scored_now"]
    pair_keys = np.concatenate(key_chunks) if key_chunks else np.empty(0, np.int64)
    pair_scores = (
        np.concatenate(score_chunks) if score_chunks else np.empty(0, np.float64)
    )
    order = np.argsort(pair_keys, kind="stable")
    index = MatchIndex(
        config,
        gazetteer,
        claims,
        tuple(
            sorted((c.cluster for c in compared.values()), key=lambda c: c.claim_ids[0])
        ),
        serials,
        pair_keys[order],
        pair_scores[order],
        frames,
        split,
        scored_now,
    )
    ordered_facts = earliest_first(c.fact for c in compared.values())
    all_articles, all_claims = tuple(articles.values()), tuple(claims.values())
    state = IncrementalState(all_articles, all_claims, index, compared, sentences)
    return Reconciliation(
        all_articles, all_claims, ordered_facts, config, changes=changes, state=state
    )


def _slotted_classes() -> list[type]:
    """The attrs classes a segment holds by the hundred thousand."""
    return [
        Actor,
        Agreement,
        Article,
        ClaimCluster,
        Claim,
        ComparedFact,
        Conflict,
        DateValue,
        Fact,
        Frame,
        MatchReason,
        Membership,
        OriginGroup,
        PairFindings,
        Quantity,
        Span,
        Update,
        Verdict,
    ]


def _set_fields(obj: Any, values: tuple[Any, ...]) -> None:
    """Set the fields of a new instance through its slots (as attrs' ``__setstate__`` does)."""
    for set_slot, value in zip(_SLOT_SETTERS[type(obj)], values, strict=True):
        set_slot(obj, value)


def _reduce_slotted(obj: Any) -> tuple[Any, ...]:
    """Pickle an attrs instance as its class and a tuple of its field values.

    attrs pickles a slotted instance with a dict of its fields; a tuple makes
    the segments about a fifth smaller and faster to read. The fields are set
    back as attrs' own ``__setstate__`` does, without validators.
    """
    return (
        copyreg.__newobj__,  # type: ignore[attr-defined]  # not in typeshed
        (type(obj),),
        _FIELD_GETTERS[type(obj)](obj),
        None,
        None,
        _set_fields,
    )


_FIELD_NAMES: dict[type, tuple[str, ...]] = {
    cls: tuple(a.name for a in attrs.fields(cls)) for cls in _slotted_classes()
}
_FIELD_GETTERS = {
    cls: operator.attrgetter(*names) for cls, names in _FIELD_NAMES.items()
}
"""One getter per class, returning the tuple of its field values (every class
listed has two fields or more, so ``attrgetter`` returns a tuple)."""
_SLOT_SETTERS = {
    cls: tuple(getattr(cls, name).__set__ for name in names)
    for cls, names in _FIELD_NAMES.items()
}
"""Each class's slot descriptors' setters, in field order: writing a slot
directly is about twice as fast as ``object.__setattr__``."""
_CLAIMS_FIELD = _FIELD_NAMES[Fact].index("claims")
_CONFLICTS_FIELD = _FIELD_NAMES[Fact].index("conflicts")
_DISPATCH_TABLE = {
    **copyreg.dispatch_table,
    **{cls: _reduce_slotted for cls in _FIELD_NAMES},
}


def _state_of(result: Reconciliation) -> IncrementalState:
    state = result._state
    if state is None:
        raise ValueError("a reconciliation without its incremental state")
    return state
