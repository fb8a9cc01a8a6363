"""Adding articles to a reconciliation without redoing the work already done.

:func:`reconcile_incrementally` is what :func:`reconcile.reconcile` and
:meth:`reconcile.Reconciliation.add` run. It keeps a :class:`IncrementalState`:
the :class:`~reconcile.match.index.MatchIndex` (frames, pair scores, clusters
of each linked component) and every fact by what decided it (its cluster and
the wire-copy groups of its articles). New articles are extracted, their
claims are matched against the index, and only facts whose cluster or wire
groups changed are compared again. The facts, ids and verdicts always equal
those of one run over all the articles; :func:`diff_facts` says what changed.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

from attrs import field, frozen

from reconcile.compare.independence import WireGroups, detect_wire_copies
from reconcile.compare.verdicts import PairFindings, earliest_first
from reconcile.config import Config
from reconcile.errors import InvalidValueError
from reconcile.events.binding import ClaimEvents
from reconcile.events.coref import ArticleAccounts, group_events
from reconcile.events.facts import FactCluster, fact_clusters
from reconcile.extract.actors import Gazetteer
from reconcile.gc_pause import collector_paused
from reconcile.heap_release import release_free_heap
from reconcile.ingest import truncate_article
from reconcile.match.clustering import ClaimCluster
from reconcile.match.index import MatchIndex, build_match_index, extend_match_index
from reconcile.match.scoring import PairScorer
from reconcile.model import Article, Claim, Event, Fact, Membership
from reconcile.packed import PackedArray, PackedMapping
from reconcile.parallel import ArticleWork, process_articles
from reconcile.parallel_compare import FactEngine, FactJob, compare_fact_jobs
from reconcile.replacing import replaced

__all__ = [
    "ComparedFact",
    "Engines",
    "FactChanges",
    "IncrementalState",
    "RetiredFact",
    "diff_facts",
    "reconcile_incrementally",
]

ProgressCallback = Callable[[str, int, int], None]

ArticleEngine = Callable[
    [Sequence[Article], Gazetteer, Callable[[int], None]], list[ArticleWork]
]
"""Runs :func:`~reconcile.parallel.process_article` over articles, in their
order, telling the callback how many are done; the Dask engine is one."""


@frozen
class Engines:
    """Where the parts of a run that split run, when not here (``None``).

    Attributes:
        articles: the per-article work (a process pool on
            ``config.workers`` when ``None``).
        pairs: the scoring of candidate pairs of claims.
        facts: the comparison of facts.
    """

    articles: ArticleEngine | None = None
    pairs: PairScorer | None = None
    facts: FactEngine | None = None


WireKey = tuple[tuple[str, str, str], ...]
"""``(article id, wire group, reason)`` for each article of a fact, in id order."""


@frozen(eq=False)
class ComparedFact:
    """A fact with what decided it: its cluster (the claims of one attribute of
    one event, each with the values it gives), the wire groups of its
    articles, and what comparing its claims pair by pair found.

    A fact is a function of its cluster, its claims' values and its articles'
    wire groups: while they stay the same, the fact is reused as it is. The
    cluster's claims and memberships are the fact's, so only its medoid is
    kept (:attr:`cluster` builds the cluster from the fact).
    """

    medoid: str
    """The id of the fact's representative claim (its statement's)."""
    wire: WireKey
    fact: Fact
    findings: PairFindings

    @property
    def key(self) -> tuple[str, ...]:
        """The fact's id and its claims' ids, in order: what a store's cache
        names the fact by (the state holds it by its id alone)."""
        return (self.fact.id, *(c.id for c in self.fact.claims))

    @property
    def cluster(self) -> ClaimCluster:
        """The fact's cluster: its claims' ids, its medoid and its memberships."""
        return ClaimCluster(
            tuple(c.id for c in self.fact.claims), self.medoid, self.fact.memberships
        )

    def with_memberships(self, memberships: tuple[Membership, ...]) -> ComparedFact:
        """This fact with other memberships (the waterfalls of another run's weights)."""
        return ComparedFact(
            self.medoid,
            self.wire,
            replaced(self.fact, "memberships", memberships),
            self.findings,
        )


@frozen(eq=False)
class IncrementalState:
    """What a reconciliation keeps so that new articles can join it cheaply."""

    articles: tuple[Article, ...]
    claims: tuple[Claim, ...]
    index: MatchIndex
    compared: Mapping[str, ComparedFact]
    """Every fact, by its id (a tuple of its claims' ids beside each fact
    took some 85 MB at a million claims; the fact holds its claims)."""
    sentences: Mapping[str, frozenset[str]] = field(factory=dict)
    """The long sentences of articles, by id (see
    :func:`~reconcile.compare.independence.long_sentences`), where known:
    a run keeps none (wire-copy detection reads those it lacks from the
    articles), a state read from an older store may hold some."""
    bindings: Mapping[str, ClaimEvents] = field(factory=dict)
    """Each claim's event mentions and the bindings of its values, by claim id."""
    events: tuple[Event, ...] = ()
    """The events, by id."""
    accounts: Mapping[str, ArticleAccounts] = field(factory=dict)
    """Each article's accounts of events, by article id: they depend on the
    article's own claims only, so an add builds those of its new articles."""


@frozen
class RetiredFact:
    """A fact id that no longer exists, and the fact that now holds its earliest claim."""

    fact_id: str
    now: str
    reason: str


@frozen
class FactChanges:
    """What adding articles changed, fact by fact (ids as in the new facts).

    Attributes:
        articles: ids of the articles added.
        claims: how many claims they held.
        new: facts whose claims are all new.
        gained_support: facts that existed and gained claims.
        turned_conflicting: facts that were not ``conflicting`` and now are.
        status_changed: ``(fact id, old status, new status)`` for every status change.
        retired: ids that vanished: two facts merged (the earlier one's id
            survives), or an earlier claim joined a fact and renamed it.
    """

    articles: tuple[str, ...] = field(converter=tuple)
    claims: int
    new: tuple[str, ...] = field(converter=tuple)
    gained_support: tuple[str, ...] = field(converter=tuple)
    turned_conflicting: tuple[str, ...] = field(converter=tuple)
    status_changed: tuple[tuple[str, str, str], ...] = field(converter=tuple)
    retired: tuple[RetiredFact, ...] = field(converter=tuple)

    def to_record(self) -> dict[str, Any]:
        """The JSON record of these changes (the ``changes`` key of a report)."""
        return {
            "articles": list(self.articles),
            "claims": self.claims,
            "new": list(self.new),
            "gained_support": list(self.gained_support),
            "turned_conflicting": list(self.turned_conflicting),
            "status_changed": [
                {"fact": fact, "from": old, "to": new}
                for fact, old, new in self.status_changed
            ],
            "retired": [
                {"fact": r.fact_id, "now": r.now, "reason": r.reason}
                for r in self.retired
            ],
        }

    def summary(self) -> str:
        """One line: how many facts are new, gained support, turned conflicting, retired."""
        return (
            f"{len(self.articles)} article(s), {self.claims} claim(s): "
            f"{len(self.new)} new fact(s), {len(self.gained_support)} gained support, "
            f"{len(self.turned_conflicting)} turned conflicting, "
            f"{len(self.retired)} retired"
        )


def reconcile_incrementally(
    state: IncrementalState | None,
    articles: Iterable[Article],
    config: Config,
    *,
    progress: ProgressCallback | None = None,
    engines: Engines | None = None,
) -> tuple[IncrementalState, tuple[Claim, ...], tuple[Fact, ...]]:
    """Add *articles* to *state* (``None``: an empty one); return the new state, all claims and facts.

    The per-article work (claims, value bindings, long sentences) runs on
    ``config.workers`` processes (see :mod:`reconcile.parallel`), the scoring
    of candidate pairs and the comparison of facts here; or each on its
    engine in *engines*, when it has one.

    Raises:
        InvalidValueError: an article id is used twice, or is already in *state*.
    """
    with collector_paused():
        return _add_articles(
            state,
            tuple(articles),
            config,
            progress or _no_progress,
            engines or Engines(),
        )


def _add_articles(
    state: IncrementalState | None,
    new_articles: tuple[Article, ...],
    config: Config,
    report: ProgressCallback,
    engines: Engines,
) -> tuple[IncrementalState, tuple[Claim, ...], tuple[Fact, ...]]:
    old_articles = state.articles if state is not None else ()
    new_articles = tuple(
        truncate_article(a, config.max_article_chars) for a in new_articles
    )
    _check_unique_ids(old_articles, new_articles)
    for article in new_articles:
        # The claims a pool or a cluster sends back take the interned copy of
        # their article id (reconcile.pickling): interned first, the
        # article's own id is that copy (unless an equal string was interned
        # before), not one more string per article.
        sys.intern(article.id)
    # Facts group only propositions by their sentence clusters' claims: the
    # clusters keep no memberships (see build_match_index).
    index = (
        state.index
        if state is not None
        else build_match_index((), config, explained=False)
    )
    work = _extract(new_articles, index.gazetteer, config, report, engines.articles)
    every_article = (*old_articles, *new_articles)
    sentences = dict(state.sentences) if state is not None else {}
    sentences.update(
        (a.id, done.sentences) for a, done in zip(new_articles, work, strict=True)
    )
    # Wire copies are found from the articles alone, before matching: the
    # long sentences are not kept through it. Nor after: the next add reads
    # them from the articles again (about 25 us an article), instead of
    # holding some 500 bytes an article (200 MB at a million claims).
    wire = detect_wire_copies(every_article, config, sentences=sentences)
    del sentences
    new_claims = [claim for done in work for claim in done.claims]
    bindings = dict(state.bindings) if state is not None else {}
    bindings.update(
        (c.id, binding)
        for done in work
        for c, binding in zip(done.claims, done.bindings, strict=True)
    )
    del work
    release_free_heap()  # the pool's results and the long sentences
    report("match", 0, 1)
    index = extend_match_index(
        index,
        new_claims,
        proposing=(c.id for c in new_claims if bindings[c.id].states_proposition),
        scorer=engines.pairs,
    )
    report("match", 1, 1)
    previous = state.compared if state is not None else {}
    every_claim = (*(state.claims if state is not None else ()), *new_claims)
    # A run's frames, claim serials, pair keys and scores, accounts of events
    # and value bindings are read again only by a later add: a first run
    # holds each compressed once it has used it (see reconcile.packed). An
    # add keeps them as they are, since the next add reads them again.
    first_run = state is None
    if first_run:
        index = replaced(index, "frames", PackedMapping(index.frames))
        index = replaced(index, "serials", PackedMapping(index.serials))
        index = replaced(index, "pair_keys", PackedArray(index.pair_keys))
        index = replaced(index, "pair_scores", PackedArray(index.pair_scores))
    # Matching's temporaries and the pool's results are gone: their pages go
    # back to the system rather than wait in the heap (see heap_release).
    release_free_heap()
    grouping = group_events(
        every_claim,
        config,
        gazetteer=index.gazetteer,
        bindings=bindings,
        known_accounts=state.accounts if state is not None else None,
    )
    if first_run:
        # The facts do not read the accounts.
        grouping = replaced(grouping, "accounts", PackedMapping(grouping.accounts))
    release_free_heap()  # the event stage's candidate pairs and their scores
    events, clusters = fact_clusters(
        grouping,
        every_claim,
        index.clusters,
        medoids={
            tuple(c.id for c in k.fact.claims): k.medoid for k in previous.values()
        },
    )
    # The grouping's maps of mentions are not needed to compare (its accounts
    # are kept for the next add); each fact cluster is let go once its fact is
    # made.
    accounts = grouping.accounts
    del grouping
    if first_run:
        bindings = PackedMapping(bindings)
    pending = list(clusters)
    del clusters
    release_free_heap()  # the grouping's maps of mentions
    compared = compare_fact_clusters(
        pending, previous, wire, config, engine=engines.facts
    )
    facts = earliest_first(c.fact for c in compared.values())
    release_free_heap()
    report("compare", 1, 1)
    state = IncrementalState(
        every_article,
        every_claim,
        index,
        compared,
        {},
        bindings,
        events,
        accounts,
    )
    return state, every_claim, facts


def compare_fact_clusters(
    pending: list[FactCluster],
    previous: Mapping[str, ComparedFact],
    wire: WireGroups,
    config: Config,
    *,
    engine: FactEngine | None = None,
) -> dict[str, ComparedFact]:
    """The comparison stage: every fact of *pending* (emptied), by its id.

    A fact whose cluster, claims, medoid and wire groups are those of a fact
    of *previous* is that fact; the others are compared, here or on *engine*
    (see :func:`~reconcile.parallel_compare.compare_fact_jobs`), reusing what
    the previous fact of the same id found about pairs of its claims.
    """
    compared: dict[str, ComparedFact] = {}
    wire_keys = _WireKeys(wire)
    pending.reverse()

    def to_compare() -> Iterator[tuple[tuple[Any, ...], FactJob]]:
        # Each fact cluster is let go once its fact is made.
        while pending:
            cluster = pending.pop()
            key = cluster.fact_id
            wire_key = wire_keys.of(cluster)
            known = previous.get(key)
            if (
                known is not None
                and known.wire == wire_key
                and known.fact.claims == cluster.claims
                and known.medoid == cluster.medoid
            ):
                # The verdict depends on the claims, their values, the wire
                # groups and the medoid; the memberships' waterfalls, whose
                # weights each run estimates afresh, are only carried into
                # the fact.
                if known.fact.memberships != cluster.memberships:
                    known = known.with_memberships(cluster.memberships)
                compared[key] = known
                continue
            # Another fact of this id: what it found about pairs of its
            # claims may be reused.
            yield (
                (key, wire_key, cluster.medoid),
                (
                    cluster,
                    (known.fact, known.findings) if known is not None else None,
                ),
            )

    for (key, wire_key, medoid), fact, findings in compare_fact_jobs(
        to_compare(), wire, config, engine=engine
    ):
        compared[key] = ComparedFact(medoid, wire_key, fact, findings)
    return compared


def diff_facts(
    before: Sequence[Fact], after: Sequence[Fact], articles: Sequence[str]
) -> FactChanges:
    """What changed from *before* to *after* when the articles *articles* were added."""
    old_by_id = {f.id: f for f in before}
    fact_of_claim = {c.id: f.id for f in after for c in f.claims}
    old_claims = {c.id for f in before for c in f.claims}
    new, gained, turned, changed = [], [], [], []
    for fact in after:
        old = old_by_id.get(fact.id)
        if old is None:
            if not any(c.id in old_claims for c in fact.claims):
                new.append(fact.id)
            continue
        if {c.id for c in fact.claims} - {c.id for c in old.claims}:
            gained.append(fact.id)
        if old.status != fact.status:
            changed.append((fact.id, old.status, fact.status))
            if fact.status == "conflicting":
                turned.append(fact.id)
    after_by_id = {f.id: f for f in after}
    retired = []
    for fact in before:
        if fact.id in after_by_id:
            continue
        now = after_by_id[fact_of_claim[fact.claims[0].id]]
        reason = (
            f"merged into {now.id}, which holds an earlier claim"
            if now.claims[0].id in old_claims
            else f"renamed {now.id}: an earlier claim, from a new article, joined it"
        )
        retired.append(RetiredFact(fact.id, now.id, reason))
    return FactChanges(
        articles,
        sum(1 for c in fact_of_claim if c not in old_claims),
        new,
        gained,
        turned,
        changed,
        retired,
    )


class _WireKeys:
    """The wire keys of facts, each entry and each key one object however many
    facts hold it (an article's entry is in every fact of its claims, and the
    facts of one event mostly have the same articles)."""

    def __init__(self, wire: WireGroups) -> None:
        self._wire = wire
        self._entries: dict[str, tuple[str, str, str]] = {}
        self._keys: dict[WireKey, WireKey] = {}

    def of(self, cluster: FactCluster) -> WireKey:
        """The wire groups of the articles of *cluster*'s claims, which its fact depends on."""
        key = tuple(map(self._entry, sorted({c.article_id for c in cluster.claims})))
        return self._keys.setdefault(key, key)

    def _entry(self, article_id: str) -> tuple[str, str, str]:
        entry = self._entries.get(article_id)
        if entry is None:
            label = self._wire.group_of.get(article_id, "")
            entry = (article_id, label, self._wire.reasons.get(label, ""))
            self._entries[article_id] = entry
        return entry


def _extract(
    articles: Sequence[Article],
    gazetteer: Gazetteer,
    config: Config,
    report: ProgressCallback,
    engine: ArticleEngine | None,
) -> list[ArticleWork]:
    """The per-article work of *articles*, on *engine* or on ``config.workers`` processes."""

    def done(count: int) -> None:
        report("extract", count, len(articles))

    if engine is not None:
        return engine(articles, gazetteer, done)
    return process_articles(articles, gazetteer, workers=config.workers, done=done)


def _no_progress(stage: str, done: int, total: int) -> None:
    """The default progress callback: says nothing."""


def _check_unique_ids(old: Sequence[Article], new: Sequence[Article]) -> None:
    seen: dict[str, Article] = {a.id: a for a in old}
    for article in new:
        if article.id in seen:
            earlier = seen[article.id]
            where = f" ({earlier.path} and {article.path})" if article.path else ""
            raise InvalidValueError(
                f"article id {article.id!r} is used twice{where}; ids must be unique"
            )
        seen[article.id] = article
