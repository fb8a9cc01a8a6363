"""The desk store's cache of matching work, written as a log of JSON segments.

A reconciliation of 100,000 claims holds over a million small objects; writing
all of them after every :meth:`~reconcile.store.Store.add` would cost more than
the add itself. So each add writes only a *segment*: the articles, claims,
frames, pair scores, component splits and facts (with what comparing their
claims found) that are new since the last one, and the keys of the facts and
component splits that are gone. A fact is written with the ids of its claims
instead of the claims, so no claim is written twice. Reading replays the
segments in order; after :data:`SEGMENTS_BEFORE_SNAPSHOT` segments the store
writes one snapshot segment instead, so replay stays short.

A segment is a JSON document written by :class:`reconcile.store_codec.Codec`:
data only. Reading one makes instances of the classes in
:data:`CACHE_CLASSES` and nothing else, and runs no code the data names, so a
store file from someone else cannot run code (a damaged or foreign cache is
ignored and the facts are rebuilt from the stored articles). Segments are read
with the garbage collector paused.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs
import numpy as np

from reconcile.api import Reconciliation
from reconcile.compare.verdicts import PairFindings, earliest_first
from reconcile.config import Config
from reconcile.events.binding import Binding, ClaimEvents, EventMention
from reconcile.events.coref import ArticleAccounts
from reconcile.extract.actors import Gazetteer
from reconcile.gc_pause import collector_paused
from reconcile.incremental import (
    ComparedFact,
    FactChanges,
    IncrementalState,
    RetiredFact,
)
from reconcile.match.clustering import ClaimCluster
from reconcile.match.comparisons import Account
from reconcile.match.frames import Frame
from reconcile.match.index import MatchIndex, positions_in
from reconcile.model import (
    Actor,
    Agreement,
    Article,
    Claim,
    Conflict,
    DateValue,
    Event,
    Fact,
    MatchReason,
    Membership,
    OriginGroup,
    Quantity,
    Span,
    Update,
    Verdict,
)
from reconcile.replacing import replaced
from reconcile.store_codec import CacheFormatError, Codec

__all__ = [
    "CACHE_CLASSES",
    "CACHE_FORMAT",
    "SEGMENTS_BEFORE_SNAPSHOT",
    "decode_segments",
    "encode_segment",
    "read_segment",
]

#: After this many segments, the next write is one snapshot of everything.
SEGMENTS_BEFORE_SNAPSHOT = 16

#: The layout of a segment; part of the store's cache key, so a store written
#: with another layout rebuilds its cache instead of misreading it. Format 5
#: is JSON (formats up to 4 were pickles, never read again); format 7 scores only
#: the pairs holding a claim that states a proposition; format 8 keeps each
#: article's accounts of events; format 9 gives accounts their magnitude;
#: format 10 writes a fact's pair findings as positions in its claims; format
#: 11 keeps the claims of headlines printed in the body; format 12 gives
#: accounts their agreement's topics; format 13 folds frame words by lemma;
#: format 14 reads new triggers, dates and bindings (2026-12-07: founding,
#: "back to 1965", passive infinitives), so claims and accounts cached by
#: format 13 are made again; format 20 gives mentions and accounts the kinds
#: of incident their words name, and figures the measure "survived"; format
#: 21 marks the accounts of what each article opens on; format 22 reads
#: "near Mendon, Missouri" as placed in Missouri; format 23 lets a win told
#: before its election join the election's account; format 24 dates a
#: revised toll as a statement; format 25 removes more furniture; format 26
#: lets two accounts of one article join in one event; format 27 reads a date
#: after a past tense as past, and keeps an article's undated news apart from
#: an account dated weeks before it; format 28 keeps it apart from such an
#: account unless it shares the word that dated it; format 29 lets two
#: incidents of one article join when no word names their kinds apart
#: (format 30: the cannot-link place rule changed, not the cached accounts;
#: bumped so that a stored grouping is made again); format 31 gives supply
#: accounts the goods they count as topics; format 32 compares an undated
#: account with one dated weeks before its publication as published apart;
#: format 33 removes copyright notices; format 34 gives "all but two" no measure;
#: format 35 counts a weekday a week off as a week when the names say two events;
#: format 36 keeps one person's trials in two towns apart; format 37 dates the
#: noun a possessive date is of, when that noun is no event word; format 38
#: reads resignations and appointments (family office) and phrasal verbs;
#: format 39 removes notes about the story and update banners; format 40 gives
#: the statement date to a date after an event noun that only modifies a noun
#: before the clause's verb ("the offer price is ... on December 15"); format
#: 41 gives accounts their exact figures (``Account.figures``); format 42
#: dates a deal by the day a party says it makes it (``say`` announces); format
#: 43 removes time stamps beside the names of their outlet or author; format
#: 44 reads "show" as a verb of statement ("final results showed Tuesday");
#: format 45 dates an account by all its days joined by "and"; format 46 reads
#: no figure in a designation with a noun ("Boeing 737-800 aircraft").
CACHE_FORMAT = 46

CACHE_CLASSES: dict[str, type] = {
    cls.__name__: cls
    for cls in (
        Account,
        Actor,
        Agreement,
        Article,
        ArticleAccounts,
        Binding,
        ClaimCluster,
        ClaimEvents,
        Claim,
        ComparedFact,
        Conflict,
        DateValue,
        Event,
        EventMention,
        Fact,
        FactChanges,
        Frame,
        MatchReason,
        Membership,
        OriginGroup,
        PairFindings,
        Quantity,
        RetiredFact,
        Span,
        Update,
        Verdict,
    )
}
"""Every class the cache may hold, by the name written into a segment: **the one
allowlist**. Reading a segment makes instances of these classes and of nothing
else (plain data, tuples, lists, dicts, frozensets, dates and numeric numpy
arrays aside); writing an instance of any other class fails. A new frozen
attrs class kept in the incremental state (say, an event layer's events and
per-attribute facts) needs only to be added here, and :data:`CACHE_FORMAT`
bumped so caches written before are rebuilt. Field types need no declaring:
each instance is written as its field values, and the codec finds how to
write each column from the values themselves."""

_CODEC = Codec(CACHE_CLASSES)


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
    old_keys = (
        np.asarray(old_index.pair_keys)
        if old_index is not None
        else np.empty(0, np.int64)
    )
    new_keys = np.asarray(new_index.pair_keys)
    new_pairs = ~positions_in(new_keys, old_keys)[1]
    # A fact whose only change is its memberships (each run's weights give
    # new waterfalls) is written as its key and memberships.
    remembered = {
        k: known
        for k, known in new_state.compared.items()
        if (old := old_facts.get(k)) is not None
        and old is not known
        and _only_memberships_differ(old, known)
        and _memberships_follow_key(known.key, known.fact.memberships)
    }
    waterfalls = _Waterfalls()
    gone = [
        (k, known)
        for k, known in old_facts.items()
        if new_state.compared.get(k) is not known and k not in remembered
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
        "pair_keys": new_keys[new_pairs],
        "pair_scores": np.asarray(new_index.pair_scores)[new_pairs],
        "split_new": {
            k: v for k, v in new_index.split_cache.items() if k not in old_split
        },
        "split_gone": [k for k in old_split if k not in new_index.split_cache],
        "facts_gone": [known.key for _, known in gone],
        # One list per part of a compared fact, so each is read as one column.
        # A fact's claims carry only the values they give it, so they are
        # written with the fact, not as references to the claims above.
        "facts_new": _columns(
            (
                known.key,
                known.cluster,
                known.wire,
                attrs.evolve(known.fact, conflicts=()),
                known.findings,
                tuple(where.get(id(c), c) for c in known.fact.conflicts),
            )
            for k, known in new_state.compared.items()
            if old_facts.get(k) is not known and k not in remembered
        ),
        "facts_memberships": [
            [known.key for known in remembered.values()],
            [
                tuple(waterfalls.number(m.reasons) for m in known.fact.memberships)
                for known in remembered.values()
            ],
            [
                tuple(m.score for m in known.fact.memberships)
                for known in remembered.values()
            ],
        ],
        "clusters": _clusters_segment(
            old_index.clusters if old_index is not None else (), new_index.clusters
        ),
        "bindings": {
            c.id: new_state.bindings[c.id]
            for c in new_state.claims[old_claims:]
            if c.id in new_state.bindings
        },
        **_events_segment(
            old_state.events if old_state is not None else (),
            new_state.events,
            waterfalls,
        ),
        "accounts": {
            a.id: new_state.accounts[a.id]
            for a in new_state.articles[old_articles:]
            if a.id in new_state.accounts
        },
        "waterfalls": waterfalls.table,
        "changes": after.changes,
        "scored_now": new_index.scored_now,
    }
    with collector_paused():
        return _CODEC.dumps(segment)


def _columns(rows: Iterable[tuple[Any, ...]]) -> list[list[Any]]:
    """*rows* of six values as six lists."""
    columns: list[list[Any]] = [[], [], [], [], [], []]
    for row in rows:
        for column, value in zip(columns, row, strict=True):
            column.append(value)
    return columns


def read_segment(blob: bytes) -> dict[str, Any]:
    """One segment as the dict :func:`encode_segment` wrote.

    Raises:
        CacheFormatError: *blob* is not a segment of this format.
    """
    segment = _CODEC.loads(blob)
    if type(segment) is not dict or set(segment) != _SEGMENT_KEYS:
        raise CacheFormatError("a JSON document, but not a cache segment")
    return segment


_SEGMENT_KEYS = frozenset(
    {
        "articles",
        "claims",
        "serials",
        "frames",
        "sentences",
        "pair_keys",
        "pair_scores",
        "split_new",
        "split_gone",
        "facts_gone",
        "facts_new",
        "facts_memberships",
        "changes",
        "scored_now",
        "clusters",
        "bindings",
        "events_new",
        "waterfalls",
        "events_gone",
        "evidence",
        "accounts",
    }
)


def decode_segments(
    blobs: Iterable[bytes], config: Config, gazetteer: Gazetteer
) -> Reconciliation:
    """Replay segments written by :func:`encode_segment` into a reconciliation.

    Raises:
        CacheFormatError: a blob is not a segment of this format.
    """
    with collector_paused():
        try:
            return _replay(blobs, config, gazetteer)
        except CacheFormatError:
            raise
        except (KeyError, IndexError, TypeError, ValueError, AttributeError) as error:
            # Well-formed JSON that does not hold what the segments before it
            # call for (a fact or claim that is not there, a wrong shape).
            raise CacheFormatError(
                f"a segment does not fit the segments before it ({error!r})"
            ) from None


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
    compared: dict[str, ComparedFact] = {}
    bindings: dict[str, Any] = {}
    accounts: dict[str, ArticleAccounts] = {}
    clusters: list[ClaimCluster] = []
    events: dict[str, Event] = {}
    # The memberships and evidence set by later segments, put in at the end.
    memberships: dict[str, tuple[Membership, ...]] = {}
    evidence: dict[str, Any] = {}
    changes = None
    scored_now = 0
    for blob in blobs:
        segment = read_segment(blob)
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
            gone = compared.pop(key[0]).fact
            memberships.pop(key[0], None)
            earlier[gone.id] = gone.conflicts
        for key, cluster, wire, fact, findings, conflicts in zip(
            *segment["facts_new"], strict=True
        ):
            # The fact was written without its conflicts and was just read: no
            # one else holds it yet, so they are set in place.
            _SET_CONFLICTS(
                fact,
                tuple(
                    earlier[c[0]][c[1]] if isinstance(c, tuple) else c
                    for c in conflicts
                ),
            )
            compared[key[0]] = ComparedFact(cluster.medoid, wire, fact, findings)
            memberships.pop(key[0], None)
        waterfalls = segment["waterfalls"]
        for key, numbers, scores in zip(*segment["facts_memberships"], strict=True):
            if key[0] not in compared:
                raise KeyError(key)
            memberships[key[0]] = tuple(
                map(Membership, key[1:], scores, map(waterfalls.__getitem__, numbers))
            )
        bindings.update(segment["bindings"])
        accounts.update(segment["accounts"])
        kept, fresh = segment["clusters"]
        clusters = sorted([*map(clusters.__getitem__, kept), *fresh], key=_first_claim)
        for event_id in segment["events_gone"]:
            del events[event_id]
            evidence.pop(event_id, None)
        events.update((e.id, e) for e in segment["events_new"])
        evidence.update(_read_evidence(segment["evidence"], waterfalls))
        changes, scored_now = segment["changes"], segment["scored_now"]
    for key, now in memberships.items():
        compared[key] = compared[key].with_memberships(now)
    for event_id, reasons in evidence.items():
        # Events are written without their evidence and were just read: no
        # one else holds them yet, so it is set in place.
        _SET_EVIDENCE(events[event_id], reasons)
    pair_keys = np.concatenate(key_chunks) if key_chunks else np.empty(0, np.int64)
    pair_scores = (
        np.concatenate(score_chunks) if score_chunks else np.empty(0, np.float64)
    )
    order = np.argsort(pair_keys, kind="stable")
    index = MatchIndex(
        config,
        gazetteer,
        claims,
        tuple(clusters),
        serials,
        pair_keys[order],
        pair_scores[order],
        frames,
        split,
        scored_now,
        frozenset(cid for cid, bound in bindings.items() if bound.states_proposition),
        explained=False,  # as the pipeline builds it (reconcile.incremental)
    )
    ordered_facts = earliest_first(c.fact for c in compared.values())
    all_articles, all_claims = tuple(articles.values()), tuple(claims.values())
    state = IncrementalState(
        all_articles,
        all_claims,
        index,
        compared,
        sentences,
        bindings,
        tuple(sorted(events.values(), key=lambda e: e.id)),
        accounts,
    )
    return Reconciliation(
        all_articles,
        all_claims,
        ordered_facts,
        config,
        events=state.events,
        changes=changes,
        state=state,
    )


_SET_CONFLICTS = Fact.conflicts.__set__  # type: ignore[attr-defined]
"""Fact's slot setter: a fact read without its conflicts gets them in place."""

_SET_EVIDENCE = Event.evidence.__set__  # type: ignore[attr-defined]
"""Event's slot setter: an event read without its evidence gets it in place."""

_FACT_FIELDS = tuple(f.name for f in attrs.fields(Fact) if f.name != "memberships")
_EVENT_FIELDS = tuple(f.name for f in attrs.fields(Event) if f.name != "evidence")


def _only_memberships_differ(old: ComparedFact, new: ComparedFact) -> bool:
    """Whether *new* is *old* with other memberships, and nothing else changed."""
    return (
        new.findings is old.findings
        and new.wire == old.wire
        and new.medoid == old.medoid
        # The claims (so the cluster's claim ids) among them; a cluster's
        # memberships are its fact's.
        and _same_fields(old.fact, new.fact, _FACT_FIELDS)
    )


def _same_fields(old: Any, new: Any, names: tuple[str, ...]) -> bool:
    """Whether *old* and *new* hold equal values in the fields *names*."""
    for name in names:
        left, right = getattr(old, name), getattr(new, name)
        if left is not right and left != right:
            return False
    return True


def _events_segment(
    old: tuple[Event, ...], new: tuple[Event, ...], waterfalls: _Waterfalls
) -> dict[str, Any]:
    """The events part of a segment: the events that are new or changed (without
    their evidence), the ids of those gone, and the evidence of those and of
    every event whose evidence changed, as each event's account keys and the
    numbers of their waterfalls in *waterfalls*.
    """
    before = {e.id: e for e in old}
    now = {e.id for e in new}
    fresh = [
        e
        for e in new
        if (was := before.get(e.id)) is None or not _same_fields(was, e, _EVENT_FIELDS)
    ]
    written = {e.id for e in fresh}
    moved = [e for e in new if e.id in written or before[e.id].evidence != e.evidence]
    return {
        "events_new": [replaced(e, "evidence", ()) for e in fresh],
        "events_gone": [event_id for event_id in before if event_id not in now],
        "evidence": [
            [e.id for e in moved],
            [tuple(key for key, _ in e.evidence) for e in moved],
            [tuple(waterfalls.number(r) for _, r in e.evidence) for e in moved],
        ],
    }


def _read_evidence(
    columns: list[Any], waterfalls: list[tuple[MatchReason, ...]]
) -> Iterable[tuple[str, Any]]:
    """``(event id, evidence)`` from the evidence part of a segment."""
    ids, keys, numbers = columns
    for event_id, accounts, which in zip(ids, keys, numbers, strict=True):
        yield (
            event_id,
            tuple(zip(accounts, map(waterfalls.__getitem__, which), strict=True)),
        )


class _Waterfalls:
    """The distinct waterfalls of a segment (tuples of reasons), numbered as
    they are first met: a few thousand, shared by every fact's memberships and
    every event's evidence."""

    def __init__(self) -> None:
        self.table: list[tuple[MatchReason, ...]] = []
        self._by_value: dict[tuple[MatchReason, ...], int] = {}
        self._by_identity: dict[int, int] = {}

    def number(self, reasons: tuple[MatchReason, ...]) -> int:
        """The number of *reasons* (numbered now if new)."""
        found = self._by_identity.get(id(reasons))
        if found is None:
            found = self._by_value.setdefault(reasons, len(self.table))
            if found == len(self.table):
                self.table.append(reasons)
            # (*reasons* is held by the state being written, so its id stays its own.)
            self._by_identity[id(reasons)] = found
        return found


def _memberships_follow_key(
    key: tuple[str, ...], memberships: tuple[Membership, ...]
) -> bool:
    """Whether *memberships* are those of the claims of *key* (after the fact id), in order."""
    return len(memberships) == len(key) - 1 and all(
        m.claim_id == claim_id
        for m, claim_id in zip(memberships, key[1:], strict=False)
    )


def _clusters_segment(
    old: tuple[ClaimCluster, ...], new: tuple[ClaimCluster, ...]
) -> list[Any]:
    """The claim matcher's clusters: the positions in *old* of those it still
    holds, and the others. Sorted by first claim, they are *new* again."""
    position = {c.claim_ids: i for i, c in enumerate(old)}
    kept, fresh = [], []
    for cluster in new:
        i = position.get(cluster.claim_ids)
        if i is not None and (old[i] is cluster or old[i] == cluster):
            kept.append(i)
        else:
            fresh.append(cluster)
    return [kept, fresh]


def _first_claim(cluster: ClaimCluster) -> str:
    """The sort key of the claim matcher's clusters (each claim is in one)."""
    return cluster.claim_ids[0]


def _state_of(result: Reconciliation) -> IncrementalState:
    state = result._state
    if state is None:
        raise ValueError("a reconciliation without its incremental state")
    return state
