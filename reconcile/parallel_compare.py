"""The comparison stage (each fact's agreements, conflicts and verdict) in chunks of events.

A fact's verdict is a function of its cluster (the claims of one attribute of
one event), the wire-copy groups of its articles, the config and what an
earlier run found for it (:func:`~reconcile.compare.verdicts.compare_fact_cluster`),
so the facts can be compared anywhere, in any grouping. :func:`compare_fact_jobs`
compares them in this process, one by one, or hands them to a
:data:`FactEngine` (the Dask cluster's, :func:`reconcile.dask_engine.dask_fact_engine`),
which compares chunks of whole events (:func:`chunk_by_event`) on its workers
(:func:`compare_chunk`) and gives the facts back in their order
(:func:`results_in_order`), equal to those of one process.

What a chunk sends back names the objects it was given (its claims, their
ids, texts, values and spans, its clusters' claims, memberships, fact ids,
event ids and attributes) instead of copying them (:func:`pickle_results`, :func:`load_results`), so the facts
hold the very claims and strings of this process, as in a run in one process,
and a chunk's bytes are a third of a plain pickle's.

There is no local pool for this stage: on two cores, a pool of two workers
spent about 1.5 times the CPU time of one process (forking, pickling and
reading the results back) and was slower whenever another process held a
core (see README.md, "Every core, and a Dask cluster").

>>> from reconcile.compare.independence import WireGroups
>>> from reconcile.config import Config
>>> list(compare_fact_jobs([], WireGroups({}, {}), Config(), engine=None))
[]
"""

from __future__ import annotations

import io
import pickle
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TypeVar

from reconcile.compare.independence import WireGroups
from reconcile.compare.verdicts import PairFindings, compare_fact_cluster
from reconcile.config import Config
from reconcile.events.facts import FactCluster
from reconcile.gc_pause import collector_paused
from reconcile.model import Fact

__all__ = [
    "FactEngine",
    "FactJob",
    "chunk_by_event",
    "compare_chunk",
    "compare_fact_jobs",
    "load_results",
    "pickle_results",
    "results_in_order",
]

FactJob = tuple[FactCluster, tuple[Fact, PairFindings] | None]
"""A fact to compare: its cluster and what an earlier run found for it, if anything."""

Compared = tuple[Fact, PairFindings]
"""A compared fact and what comparing its claims pair by pair found."""

FactEngine = Callable[[Sequence[FactJob], WireGroups, Config], list[Compared]]
"""Compares facts somewhere (a process pool, a Dask cluster), in their order."""

T = TypeVar("T")


def compare_fact_jobs(
    jobs: Iterable[tuple[T, FactJob]],
    wire: WireGroups,
    config: Config,
    *,
    engine: FactEngine | None,
) -> Iterable[tuple[T, Fact, PairFindings]]:
    """Compare the facts of *jobs*, each given with a tag; give ``(tag, fact, findings)`` in order.

    With *engine*, the facts are compared there, all at once. Without, they
    are compared here, one by one as *jobs* gives them, so that each fact's
    cluster can be let go once it is compared.
    """
    if engine is None:
        return _compare_here(jobs, wire, config)
    tags, work = [], []
    for tag, job in jobs:
        tags.append(tag)
        work.append(job)
    results = engine(work, wire, config) if work else []
    return [
        (tag, fact, findings)
        for tag, (fact, findings) in zip(tags, results, strict=True)
    ]


def _compare_here(
    jobs: Iterable[tuple[T, FactJob]], wire: WireGroups, config: Config
) -> Iterator[tuple[T, Fact, PairFindings]]:
    """Each fact of *jobs* compared in this process, as *jobs* gives it."""
    # One copy of each origin group and verdict the facts repeat.
    shared: dict[Any, Any] = {}
    for tag, (cluster, earlier) in jobs:
        fact, findings = compare_fact_cluster(
            cluster, wire, config, earlier, shared=shared
        )
        yield tag, fact, findings


def _compare_list(
    jobs: Sequence[FactJob], wire: WireGroups, config: Config
) -> list[Compared]:
    """Every fact of *jobs* compared in this process (a :data:`FactEngine`)."""
    return [
        (fact, findings)
        for _, fact, findings in _compare_here(
            ((None, job) for job in jobs), wire, config
        )
    ]


def chunk_by_event(jobs: Sequence[FactJob], chunks: int) -> list[list[int]]:
    """The positions of *jobs* in about *chunks* chunks, each holding whole events.

    The facts of one event (which mostly share their claims, and so their
    origin groups) stay in one chunk; events keep the order of their first
    fact, and facts their order within an event.

    >>> from reconcile.events.facts import FactCluster
    >>> job = lambda event: (FactCluster("F", event, "date", (), "", ()), None)
    >>> chunk_by_event([job("E1"), job("E2"), job("E1"), job("E3")], 2)
    [[0, 2], [1, 3]]
    """
    by_event: dict[str, list[int]] = defaultdict(list)
    for position, (cluster, _) in enumerate(jobs):
        by_event[cluster.event_id].append(position)
    size = -(-len(jobs) // max(1, chunks))
    out: list[list[int]] = [[]]
    for positions in by_event.values():
        if out[-1] and len(out[-1]) + len(positions) > size:
            out.append([])
        out[-1].extend(positions)
    return [chunk for chunk in out if chunk]


def compare_chunk(jobs: Sequence[FactJob], wire: WireGroups, config: Config) -> bytes:
    """What a worker runs: the facts of *jobs* compared, pickled by :func:`pickle_results`."""
    with collector_paused():
        return pickle_results(_compare_list(jobs, wire, config), jobs)


def results_in_order(
    jobs: Sequence[FactJob], chunks: Sequence[Sequence[int]], data: Iterable[bytes]
) -> list[Compared]:
    """The results of *jobs*, in their order, from what each chunk sent back.

    *chunks* are the positions of each chunk's jobs (:func:`chunk_by_event`),
    *data* what :func:`compare_chunk` gave for each chunk, in the same order.
    """
    results: list[Compared | None] = [None] * len(jobs)
    for positions, chunk_data in zip(chunks, data, strict=True):
        loaded = load_results(chunk_data, [jobs[p] for p in positions])
        for position, result in zip(positions, loaded, strict=True):
            results[position] = result
    return [result for result in results if result is not None]


def pickle_results(results: Sequence[Compared], jobs: Sequence[FactJob]) -> bytes:
    """*results* pickled, naming (not copying) every object they share with *jobs*.

    :func:`load_results`, given equal *jobs*, puts its own objects in their place.
    """
    known = _objects_of(jobs)
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.persistent_id = lambda obj: known.get(id(obj))  # type: ignore[method-assign]
    pickler.dump(list(results))
    return buffer.getvalue()


def load_results(data: bytes, jobs: Sequence[FactJob]) -> list[Compared]:
    """The results :func:`pickle_results` pickled, holding the objects of *jobs*."""
    objects = _objects_by_reference(jobs)
    unpickler = pickle.Unpickler(io.BytesIO(data))
    unpickler.persistent_load = objects.__getitem__  # type: ignore[method-assign]
    with collector_paused():
        results: list[Compared] = unpickler.load()
    return results


def _references(jobs: Sequence[FactJob]) -> Iterator[tuple[int, object]]:
    """Each object of *jobs* a result may hold, with its number (the same on both sides)."""
    number = 0
    for cluster, _ in jobs:
        for part in (
            cluster.claims,
            cluster.memberships,
            cluster.fact_id,
            cluster.event_id,
            cluster.attribute,
        ):
            yield number, part
            number += 1
        for claim in cluster.claims:
            for part in (claim, claim.id, claim.text, claim.span, claim.values):
                yield number, part
                number += 1
            for value in claim.values:
                yield number, value
                yield number + 1, value.span
                number += 2


def _objects_of(jobs: Sequence[FactJob]) -> dict[int, int]:
    """The number of each object of *jobs*, by its ``id`` (the first number of an object met twice)."""
    known: dict[int, int] = {}
    for number, part in _references(jobs):
        known.setdefault(id(part), number)
    return known


def _objects_by_reference(jobs: Sequence[FactJob]) -> dict[int, object]:
    """Each object of *jobs* by its number."""
    return dict(_references(jobs))
