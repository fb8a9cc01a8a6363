"""The per-article work of a reconciliation, run on every core.

Everything the pipeline does to one article alone — extracting its claims
(:func:`~reconcile.extract.claims.extract_claims`), binding each claim's values
to its events (:func:`~reconcile.events.binding.bind_values`) and collecting
the long sentences that wire copies share
(:func:`~reconcile.compare.independence.long_sentences`) — is
:func:`process_article`, a plain function of the article and the gazetteer.
:func:`process_articles` runs it over many articles: in this process for few
articles or one worker, otherwise in a pool of worker processes over chunks
of articles, so that each chunk is pickled once. The results come back in the
order of the articles, so they are the same whatever the number of workers.
The Dask engine (:mod:`reconcile.dask_engine`) runs the same function on a
cluster.

>>> from datetime import date
>>> from reconcile.model import Article
>>> a = Article(id="a", outlet="Desk A", published=date(2025, 1, 17),
...             text="Russia and Iran signed a partnership treaty on Friday in Moscow.")
>>> [w.claims[0].id for w in process_articles([a], workers=2)]
['a#1']
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor

from attrs import frozen

from reconcile.compare.independence import long_sentences
from reconcile.events.binding import ClaimEvents, bind_values
from reconcile.extract.actors import Gazetteer, load_gazetteer
from reconcile.extract.claims import extract_claims
from reconcile.gc_pause import collector_paused
from reconcile.model import Article, Claim
from reconcile.pickling import pickled_as_tuple

__all__ = [
    "POOL_MIN_ARTICLES",
    "ArticleWork",
    "chunk_articles",
    "process_article",
    "process_articles",
    "resolve_workers",
]

POOL_MIN_ARTICLES = 200
"""Fewer articles than this are processed in this process: a pool's start-up
(some 0.1 s) costs more than extracting them (about 2,500 articles a second)."""

_MAX_CHUNK = 256
"""The most articles sent to a worker at once (progress is reported per chunk)."""

ChunkDone = Callable[[int], None]


@pickled_as_tuple
@frozen
class ArticleWork:
    """What the pipeline computes from one article alone.

    Attributes:
        claims: the article's claims, in text order.
        bindings: each claim's event mentions and value bindings, in claim order.
        sentences: the article's long sentences (what wire copies share).
    """

    claims: tuple[Claim, ...]
    bindings: tuple[ClaimEvents, ...]
    sentences: frozenset[str]


def process_article(
    article: Article, gazetteer: Gazetteer | None = None
) -> ArticleWork:
    """Extract *article*'s claims, bind their values and collect its long sentences.

    >>> from reconcile.model import Article
    >>> work = process_article(Article(id="a", outlet="X",
    ...     text="A strike killed four people in Kharkiv on Friday."))
    >>> [c.text for c in work.claims], len(work.bindings)
    (['A strike killed four people in Kharkiv on Friday.'], 1)
    """
    claims = extract_claims(article, gazetteer=gazetteer)
    return ArticleWork(
        claims, tuple(bind_values(c) for c in claims), long_sentences(article)
    )


def resolve_workers(workers: int) -> int:
    """The number of worker processes *workers* asks for: ``-1`` is every core available.

    >>> resolve_workers(3)
    3
    >>> resolve_workers(-1) >= 1
    True
    """
    if workers != -1:
        return max(1, workers)
    affinity = getattr(os, "sched_getaffinity", None)
    cores = len(affinity(0)) if affinity is not None else os.cpu_count()
    return max(1, cores or 1)


def process_articles(
    articles: Sequence[Article],
    gazetteer: Gazetteer | None = None,
    *,
    workers: int = -1,
    done: ChunkDone | None = None,
) -> list[ArticleWork]:
    """:func:`process_article` over *articles*, on *workers* processes (``-1``: all cores).

    With one worker, or fewer than :data:`POOL_MIN_ARTICLES` articles, the work
    runs in this process. Otherwise a :class:`~concurrent.futures.ProcessPoolExecutor`
    processes chunks of articles. The result is in the order of *articles*
    either way, and the same.

    Args:
        articles: the articles.
        gazetteer: actor and place names (the bundled gazetteer when ``None``).
        workers: processes to use; ``-1`` for every core available.
        done: told how many articles have been processed so far, as chunks end.
    """
    gazetteer = gazetteer if gazetteer is not None else load_gazetteer()
    count = resolve_workers(workers)
    if count == 1 or len(articles) < POOL_MIN_ARTICLES:
        results = []
        for article in articles:
            results.append(process_article(article, gazetteer))
            if done is not None:
                done(len(results))
        return results
    chunks = chunk_articles(articles, count)
    results = []
    with ProcessPoolExecutor(
        max_workers=min(count, len(chunks)),
        mp_context=_context(),
        initializer=_start_worker,
        initargs=(gazetteer,),
    ) as pool:
        for chunk in pool.map(_process_chunk, chunks):
            results.extend(chunk)
            if done is not None:
                done(len(results))
    return results


def chunk_articles(articles: Sequence[Article], workers: int) -> list[list[Article]]:
    """*articles* in consecutive chunks: about eight per worker, at most 256 each.

    >>> [len(c) for c in chunk_articles(list(range(20)), 2)]
    [2, 2, 2, 2, 2, 2, 2, 2, 2, 2]
    """
    size = max(1, min(_MAX_CHUNK, -(-len(articles) // (workers * 8))))
    return [
        list(articles[start : start + size]) for start in range(0, len(articles), size)
    ]


def _context() -> multiprocessing.context.BaseContext:
    """``fork`` (no start-up, nothing re-imported) unless threads run here; then ``forkserver``."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        return multiprocessing.get_context("forkserver")
    return multiprocessing.get_context("spawn")


_WORKER_GAZETTEER: list[Gazetteer] = []


def _start_worker(gazetteer: Gazetteer) -> None:
    """Keep the gazetteer in the worker, so chunks do not carry it."""
    _WORKER_GAZETTEER[:] = [gazetteer]


def _process_chunk(articles: list[Article]) -> list[ArticleWork]:
    gazetteer = _WORKER_GAZETTEER[0] if _WORKER_GAZETTEER else None
    with collector_paused():
        return [process_article(article, gazetteer) for article in articles]
