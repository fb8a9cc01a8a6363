"""The façade: ``load_articles``, ``reconcile`` and the :class:`Reconciliation` result.

>>> from datetime import date
>>> from reconcile.model import Article
>>> a = Article(id="a", outlet="Desk A", published=date(2025, 1, 17),
...             text="Russia and Iran signed a partnership treaty on Friday in Moscow.")
>>> b = Article(id="b", outlet="Desk B", published=date(2025, 1, 18),
...             text="Moscow and Tehran inked a partnership pact on Friday.")
>>> result = reconcile([a, b])
>>> [(f.status, f.verdict.independent_origins) for f in result.facts]
[('corroborated', 2)]
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from datetime import date
from typing import TYPE_CHECKING, Literal

from attrs import field, frozen

from reconcile.check import CheckResult, check_text
from reconcile.compare import compare_facts
from reconcile.config import Config
from reconcile.errors import InvalidValueError
from reconcile.extract.actors import load_gazetteer
from reconcile.extract.claims import extract_claims
from reconcile.ingest import load_articles
from reconcile.match import cluster_claims
from reconcile.model import Article, Claim, Fact
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


@frozen
class Reconciliation:
    """The result of :func:`reconcile`: articles, claims, facts, and views over them."""

    articles: tuple[Article, ...] = field(converter=tuple)
    claims: tuple[Claim, ...] = field(converter=tuple)
    facts: tuple[Fact, ...] = field(converter=tuple)
    config: Config = field(factory=Config)

    @functools.cached_property
    def graph(self) -> nx.MultiDiGraph:
        """The provenance graph (DESIGN.md "The provenance graph")."""
        from reconcile.graph import build_provenance_graph

        return build_provenance_graph(self.articles, self.facts)

    def fact(self, fact_id: str) -> Fact:
        """The fact with id *fact_id*; ``KeyError`` if there is none."""
        for fact in self.facts:
            if fact.id == fact_id:
                return fact
        raise KeyError(fact_id)

    def check(self, text: str, published: date | None = None) -> CheckResult:
        """What supports or contradicts the draft sentence *text*?

        >>> r = reconcile([])
        >>> r.check("Russia and Iran signed a treaty in Moscow.").matches
        ()
        """
        return check_text(self.facts, text, published=published, config=self.config)

    def to_report(self) -> Report:
        """The corroboration report data structure."""
        return build_report(self.articles, self.facts)

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


ProgressCallback = Callable[[str, int, int], None]
"""Called as ``progress(stage, done, total)`` while :func:`reconcile` runs."""


def reconcile(
    articles: Iterable[Article],
    config: Config | None = None,
    *,
    progress: ProgressCallback | None = None,
) -> Reconciliation:
    """Extract claims from *articles*, cluster them into facts, and decide each fact's verdict.

    Args:
        articles: articles as :func:`load_articles` returns them.
        config: thresholds and limits; ``Config()`` by default.
        progress: called as ``progress(stage, done, total)`` for the stages
            ``extract`` (once per article), ``match`` and ``compare``; the
            command line draws its progress bar with it.

    Raises:
        InvalidValueError: two articles share an id.
    """
    config = config or Config()
    articles = tuple(articles)
    _check_unique_ids(articles)
    report = progress or _no_progress
    gazetteer = load_gazetteer(config.alias_file)
    claims: list[Claim] = []
    for done, article in enumerate(articles, start=1):
        claims.extend(extract_claims(article, gazetteer=gazetteer))
        report("extract", done, len(articles))
    report("match", 0, 1)
    clusters = cluster_claims(claims, config, gazetteer=gazetteer)
    report("match", 1, 1)
    facts = compare_facts(clusters, claims, articles, config)
    report("compare", 1, 1)
    return Reconciliation(articles, claims, facts, config)


def _no_progress(stage: str, done: int, total: int) -> None:
    """The default progress callback: says nothing."""


def _check_unique_ids(articles: tuple[Article, ...]) -> None:
    seen: dict[str, Article] = {}
    for article in articles:
        if article.id in seen:
            where = (
                f" ({seen[article.id].path} and {article.path})" if article.path else ""
            )
            raise InvalidValueError(
                f"article id {article.id!r} is used twice{where}; ids must be unique"
            )
        seen[article.id] = article
