"""A run's parts that split, on a Dask cluster: the engines behind ``reconcile(..., engine="dask")``.

* The per-article work (:func:`reconcile.parallel.process_article`: claims,
  value bindings, long sentences) needs no other article: the articles are
  split into partitions, each partition is processed on a worker, and the
  results come back in the order of the articles (:func:`dask_engine`).
* The claim matcher's candidate pairs are scored pair by pair: the frames go
  to every worker once, the pairs in chunks, and the scores come back in the
  order of the pairs (:func:`dask_pair_scorer`).
* The comparison of facts needs only each fact's claims: the facts are split
  into chunks of whole events, each chunk is compared on a worker, and the
  facts come back in their order (:func:`dask_fact_engine`).

Blocking, the clustering of scored pairs, event coreference and the making of
facts need every claim at once and run on the client, as in a local run, so
the events, facts and ids are those of a local run (:func:`dask_engines`).

Needs the ``dask`` extra (``pip install 'reconcile[dask]'``, which brings
``dask[distributed]``); every worker needs the same version of reconcile.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from attrs import evolve

from reconcile.compare.independence import WireGroups
from reconcile.config import Config
from reconcile.errors import MissingExtraError
from reconcile.extract.actors import Gazetteer
from reconcile.incremental import ArticleEngine, Engines
from reconcile.match.frames import Frame
from reconcile.match.scoring import PairScorer, frame_columns, score_pairs
from reconcile.model import Article
from reconcile.parallel import ArticleWork, chunk_articles, process_article
from reconcile.parallel_compare import (
    Compared,
    FactEngine,
    FactJob,
    chunk_by_event,
    compare_chunk,
    results_in_order,
)

__all__ = [
    "INSTALL",
    "dask_engine",
    "dask_engines",
    "dask_fact_engine",
    "dask_pair_scorer",
    "require_distributed",
]

INSTALL = "pip install 'reconcile[dask]'"


def require_distributed() -> Any:
    """The ``distributed`` module, or a :class:`MissingExtraError` naming the extra.

    Raises:
        MissingExtraError: ``dask[distributed]`` is not installed.
    """
    try:
        import distributed
    except ImportError as error:
        raise MissingExtraError(
            f"engine 'dask': expected the dask extra to be installed ({INSTALL}): "
            f"{error}"
        ) from error
    return distributed


def dask_engine(client: Any) -> ArticleEngine:
    """An article engine (see :func:`reconcile.incremental.reconcile_incrementally`) on *client*'s cluster.

    Args:
        client: a ``distributed.Client`` connected to the cluster.

    Raises:
        MissingExtraError: ``dask[distributed]`` is not installed.
    """
    distributed = require_distributed()

    def run(
        articles: Sequence[Article], gazetteer: Gazetteer, done: Callable[[int], None]
    ) -> list[ArticleWork]:
        if not articles:
            return []
        partitions = chunk_articles(articles, _threads(client))
        shared = client.scatter(gazetteer, broadcast=True)
        futures = client.map(
            _process_partition, partitions, gazetteer=shared, pure=False
        )
        position = {future.key: number for number, future in enumerate(futures)}
        results: list[list[ArticleWork] | None] = [None] * len(futures)
        finished = 0
        for future, works in distributed.as_completed(futures, with_results=True):
            results[position[future.key]] = works
            finished += len(works)
            done(finished)
        return [work for part in results if part is not None for work in part]

    return run


def dask_engines(client: Any) -> Engines:
    """Every engine of this module on *client*'s cluster.

    Raises:
        MissingExtraError: ``dask[distributed]`` is not installed.
    """
    return Engines(
        articles=dask_engine(client),
        pairs=dask_pair_scorer(client),
        facts=dask_fact_engine(client),
    )


def dask_pair_scorer(client: Any) -> PairScorer:
    """A pair scorer (see :func:`reconcile.match.index.extend_match_index`) on *client*'s cluster.

    The frames and their columns (:func:`~reconcile.match.scoring.frame_columns`,
    whose dimension bits are numbered over every frame) go to each worker
    once; each chunk of pairs is scored there by
    :func:`~reconcile.match.scoring.score_pairs` on one thread per task.

    Raises:
        MissingExtraError: ``dask[distributed]`` is not installed.
    """
    require_distributed()

    def run(
        frames: Sequence[Frame], a: np.ndarray, b: np.ndarray, config: Config
    ) -> np.ndarray:
        if len(a) == 0:
            return score_pairs(frames, a, b, config)
        threads = _threads(client)
        every, columns = client.scatter(
            [list(frames), frame_columns(frames)], broadcast=True, hash=False
        )
        bounds = np.linspace(0, len(a), min(len(a), threads * 8) + 1).astype(int)
        futures = [
            client.submit(
                score_pairs,
                every,
                a[low:high],
                b[low:high],
                evolve(config, workers=1),
                columns=columns,
                pure=False,
            )
            for low, high in itertools.pairwise(bounds)
        ]
        return np.concatenate(client.gather(futures))

    return run


def dask_fact_engine(client: Any) -> FactEngine:
    """A fact engine (see :func:`reconcile.parallel_compare.compare_fact_jobs`) on
    the cluster of *client* (a ``distributed.Client``): about eight chunks of
    whole events per worker thread, each compared by
    :func:`~reconcile.parallel_compare.compare_chunk`.

    Raises:
        MissingExtraError: ``dask[distributed]`` is not installed.
    """
    require_distributed()

    def run(
        jobs: Sequence[FactJob], wire: WireGroups, config: Config
    ) -> list[Compared]:
        chunks = chunk_by_event(jobs, _threads(client) * 8)
        shared = client.scatter([wire, config], broadcast=True, hash=False)
        # Scattered rather than put in the task graph, each chunk goes to the
        # worker that will compare it.
        sent = client.scatter(
            [[jobs[p] for p in positions] for positions in chunks], hash=False
        )
        futures = client.map(
            compare_chunk, sent, wire=shared[0], config=shared[1], pure=False
        )
        # Each chunk is read as it comes, in order, while later ones are compared.
        return results_in_order(jobs, chunks, (f.result() for f in futures))

    return run


def _threads(client: Any) -> int:
    """How many threads the workers of *client*'s cluster have in all (at least 1)."""
    return sum(client.nthreads().values()) or 1


def _process_partition(
    articles: list[Article], gazetteer: Gazetteer
) -> list[ArticleWork]:
    """What a Dask worker runs: :func:`~reconcile.parallel.process_article` on a partition."""
    return [process_article(article, gazetteer) for article in articles]
