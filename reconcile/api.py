"""The façade: ``load_articles``, ``reconcile`` and the :class:`Reconciliation` result.

>>> from datetime import date
>>> from reconcile.model import Article
>>> a = Article(id="a", outlet="Desk A", published=date(2025, 1, 17),
...             text="Russia and Iran signed a partnership treaty on Friday in Moscow.")
>>> b = Article(id="b", outlet="Desk B", published=date(2025, 1, 18),
...             text="Moscow and Tehran inked a partnership pact on Friday.")
>>> result = reconcile([a, b])
>>> sorted((f.attribute, f.status, f.verdict.independent_origins) for f in result.facts)
[('date', 'corroborated', 2), ('place', 'single_source', 1)]
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any, Literal

from attrs import field, frozen

from reconcile.check import CheckResult, check_text
from reconcile.claim_report import (
    ClaimReport,
    build_claim_report,
    build_draft_claim_report,
)
from reconcile.config import Config
from reconcile.errors import InvalidValueError
from reconcile.gc_pause import collector_paused
from reconcile.incremental import (
    Engines,
    FactChanges,
    IncrementalState,
    ProgressCallback,
    diff_facts,
    reconcile_incrementally,
)
from reconcile.ingest import load_articles
from reconcile.model import Article, Claim, Event, Fact
from reconcile.report import (
    Report,
    build_report,
    render_html,
    render_json,
    render_markdown,
)

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["Reconciliation", "load_articles", "reconcile"]

ReportFormat = Literal["markdown", "json", "html"]
Engine = Literal["local", "dask"]


@frozen
class Reconciliation:
    """The result of :func:`reconcile`: articles, claims, facts, and views over them."""

    articles: tuple[Article, ...] = field(converter=tuple)
    claims: tuple[Claim, ...] = field(converter=tuple)
    facts: tuple[Fact, ...] = field(converter=tuple)
    config: Config = field(factory=Config)
    events: tuple[Event, ...] = field(default=(), converter=tuple, kw_only=True)
    """The events the facts are attributes of (see :mod:`reconcile.events`)."""
    changes: FactChanges | None = field(default=None, kw_only=True)
    """What the :meth:`add` that made this reconciliation changed; ``None`` for a first run."""
    _state: IncrementalState | None = field(
        default=None, kw_only=True, eq=False, repr=False
    )

    def add(
        self,
        articles: Iterable[Article],
        *,
        progress: ProgressCallback | None = None,
    ) -> Reconciliation:
        """A new reconciliation with *articles* added; its ``changes`` say what they changed.

        Only the new claims are extracted and matched against the existing
        facts, and only the facts they touch are compared again, yet the facts,
        their ids and their verdicts are exactly those of one :func:`reconcile`
        run over all the articles.

        >>> from datetime import date
        >>> day1 = reconcile([Article(id="a", outlet="Desk A", published=date(2025, 1, 17),
        ...     text="Russia and Iran signed a partnership treaty on Friday in Moscow.")])
        >>> day2 = day1.add([Article(id="b", outlet="Desk B", published=date(2025, 1, 18),
        ...     text="Moscow and Tehran inked a partnership pact on Friday.")])
        >>> signing = next(f for f in day2.facts if f.attribute == "date")
        >>> day2.changes.gained_support == (signing.id,), signing.status
        (True, 'corroborated')

        Raises:
            InvalidValueError: an article id is already in this reconciliation
                or used twice in *articles*.
        """
        with collector_paused():
            state = self._state
            if state is None:
                state, _, _ = reconcile_incrementally(None, self.articles, self.config)
            articles = tuple(articles)
            state, claims, facts = reconcile_incrementally(
                state, articles, self.config, progress=progress
            )
            changes = diff_facts(self.facts, facts, [a.id for a in articles])
        return Reconciliation(
            state.articles,
            claims,
            facts,
            self.config,
            events=state.events,
            changes=changes,
            state=state,
        )

    @functools.cached_property
    def graph(self) -> nx.MultiDiGraph:
        """The provenance graph (DESIGN.md "The provenance graph")."""
        from reconcile.graph import build_provenance_graph

        return build_provenance_graph(
            self.articles, self.facts, self.events, self.claims
        )

    def fact(self, fact_id: str) -> Fact:
        """The fact with id *fact_id*; ``KeyError`` if there is none."""
        for fact in self.facts:
            if fact.id == fact_id:
                return fact
        raise KeyError(fact_id)

    def check(self, text: str, published: date | None = None) -> CheckResult:
        """What supports or contradicts the draft sentence *text*?

        The draft is dated *published*, or today when it is not given (see
        :func:`reconcile.check.check_text`).

        >>> r = reconcile([])
        >>> r.check("Russia and Iran signed a treaty in Moscow.").matches
        ()
        """
        return check_text(self.facts, text, published=published, config=self.config)

    def claim_report(
        self, article_id: str | Iterable[str] | None = None
    ) -> ClaimReport:
        """The per-claim report: each article's claims in reading order, with verdicts.

        *article_id* names one article or several (all when ``None``); see
        :func:`reconcile.claim_report.build_claim_report`.

        >>> r = reconcile([Article(id="a", outlet="Desk A", published=date(2025, 1, 17),
        ...     text="Russia and Iran signed a partnership treaty on Friday.")])
        >>> [(c.verdict, [f.attribute for f in c.facts])
        ...  for c in r.claim_report("a").articles[0].claims]
        [('alone', ['date'])]

        Raises:
            UnknownArticleError: an id names no article of this reconciliation.
        """
        return build_claim_report(
            self.articles, self.claims, self.facts, article_ids=article_id
        )

    def check_draft(self, text: str, published: date | None = None) -> ClaimReport:
        """The per-claim report of a whole draft: each of its claims checked against the facts.

        Dated like :meth:`check` (today when *published* is not given); see
        :func:`reconcile.claim_report.build_draft_claim_report`.
        """
        return build_draft_claim_report(
            self.facts, text, published=published, config=self.config
        )

    def to_report(self) -> Report:
        """The corroboration report data structure."""
        changes = self.changes.to_record() if self.changes is not None else None
        return build_report(self.articles, self.facts, changes, self.events)

    def report(self, format: ReportFormat = "markdown") -> str:
        """The corroboration report rendered as ``markdown``, ``json`` or ``html``."""
        renderers = {
            "markdown": render_markdown,
            "json": render_json,
            "html": render_html,
        }
        if format not in renderers:
            raise InvalidValueError(
                f"report format: expected one of markdown, json, html (got {format!r})"
            )
        return renderers[format](self.to_report())


def reconcile(
    articles: Iterable[Article],
    config: Config | None = None,
    *,
    progress: ProgressCallback | None = None,
    engine: Engine = "local",
    client: Any = None,
) -> Reconciliation:
    """Extract claims from *articles*, cluster them into facts, and decide each fact's verdict.

    Args:
        articles: articles as :func:`load_articles` returns them.
        config: thresholds and limits; ``Config()`` by default.
        progress: called as ``progress(stage, done, total)`` for the stages
            ``extract`` (as articles are done), ``match`` and ``compare``; the
            command line draws its progress bar with it.
        engine: where the parts of the run that split run: ``"local"``
            (the per-article work on ``config.workers`` processes, the rest
            here) or ``"dask"`` (the per-article work, the scoring of candidate
            pairs and the comparison of facts on the Dask cluster of *client*;
            see :mod:`reconcile.dask_engine`). Either way the result is the
            same.
        client: a ``distributed.Client``, for ``engine="dask"``; the current
            client when not given.

    Raises:
        InvalidValueError: two articles share an id, or *engine* is unknown.
        MissingExtraError: ``engine="dask"`` without the ``dask`` extra installed.
    """
    config = config or Config()
    state, claims, facts = reconcile_incrementally(
        None, articles, config, progress=progress, engines=_engines(engine, client)
    )
    return Reconciliation(
        state.articles, claims, facts, config, events=state.events, state=state
    )


def _engines(engine: Engine, client: Any) -> Engines:
    """Where the parts of a run that split run for *engine* (nowhere else for ``"local"``)."""
    if engine == "local":
        return Engines()
    if engine != "dask":
        raise InvalidValueError(f"engine: expected 'local' or 'dask' (got {engine!r})")
    from reconcile.dask_engine import dask_engines, require_distributed

    if client is None:
        try:
            client = require_distributed().get_client()
        except ValueError as error:
            raise InvalidValueError(
                "client: expected a distributed.Client for engine 'dask' "
                "(none given and none running)"
            ) from error
    return dask_engines(client)
