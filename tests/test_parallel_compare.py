"""Facts compared in chunks of events, as a cluster's workers compare them, equal facts compared here."""

from __future__ import annotations

import pickle
from collections.abc import Sequence

import pytest

import reconcile
import reconcile.incremental as incremental
import reconcile.parallel_compare as parallel_compare
from reconcile import Config
from reconcile.compare.independence import WireGroups, detect_wire_copies
from reconcile.incremental import Engines, reconcile_incrementally
from reconcile.model import Article
from reconcile.parallel_compare import (
    Compared,
    FactJob,
    chunk_by_event,
    compare_chunk,
    load_results,
    results_in_order,
)

from .conftest import fixtures_and_feed

CONFIG = Config(workers=1)


@pytest.fixture(scope="module")
def corpus() -> list[Article]:
    return fixtures_and_feed(300, seed=5)


@pytest.fixture(scope="module")
def jobs(corpus) -> list[FactJob]:
    """The facts of a run over *corpus*, as the comparison stage is given them."""
    captured: list[FactJob] = []
    original = parallel_compare.compare_fact_jobs

    def capture(tagged, wire, config, **kwargs):
        tagged = list(tagged)
        captured.extend(job for _, job in tagged)
        return original(tagged, wire, config, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(incremental, "compare_fact_jobs", capture)
        reconcile.reconcile(corpus, CONFIG)
    assert len({cluster.event_id for cluster, _ in captured}) > 50
    return captured


def _on_workers(
    jobs: Sequence[FactJob], wire: WireGroups, config: Config
) -> list[Compared]:
    """A fact engine that does what the Dask one does, each chunk on a copy of its
    jobs (as a worker unpickles them), the chunks in reverse order."""
    chunks = chunk_by_event(jobs, 8)
    sent = [pickle.loads(pickle.dumps([jobs[p] for p in c])) for c in chunks]
    data = [compare_chunk(chunk, wire, config) for chunk in reversed(sent)]
    return results_in_order(jobs, chunks, reversed(data))


def test_chunks_hold_whole_events_in_order(jobs):
    chunks = chunk_by_event(jobs, 8)
    assert 4 <= len(chunks) <= 9
    assert sorted(p for chunk in chunks for p in chunk) == list(range(len(jobs)))
    chunk_of_event: dict[str, int] = {}
    last_of_event: dict[str, int] = {}
    for number, chunk in enumerate(chunks):
        for position in chunk:
            event = jobs[position][0].event_id
            assert chunk_of_event.setdefault(event, number) == number
            # the facts of an event keep their order
            assert last_of_event.get(event, -1) < position
            last_of_event[event] = position


def test_a_chunk_sent_back_holds_this_process_objects(corpus, jobs):
    """What a worker sends back names the claims it was given: the facts hold
    the very claims, ids and memberships of their clusters here."""
    wire = detect_wire_copies(corpus, CONFIG)
    copy = pickle.loads(pickle.dumps(jobs))
    back = load_results(compare_chunk(copy, wire, CONFIG), jobs)
    here = [
        fact
        for _, fact, _ in parallel_compare.compare_fact_jobs(
            ((None, job) for job in jobs), wire, CONFIG, engine=None
        )
    ]
    assert [fact for fact, _ in back] == here
    for (fact, _), (cluster, _) in zip(back, jobs, strict=True):
        assert fact.claims is cluster.claims
        assert fact.memberships is cluster.memberships
        assert fact.id is cluster.fact_id and fact.event is cluster.event_id
        ids = {id(claim.id) for claim in cluster.claims}
        for conflict in fact.conflicts:
            assert {id(i) for i in conflict.claim_ids} <= ids


def test_facts_compared_in_chunks_equal_facts_compared_here(corpus):
    """A run, and an add that reuses what earlier facts found, equal those of one process."""
    first, later = corpus[:-40], corpus[-40:]
    here, _, facts = reconcile_incrementally(None, first, CONFIG)
    chunked, _, chunked_facts = reconcile_incrementally(
        None, first, CONFIG, engines=Engines(facts=_on_workers)
    )
    assert chunked_facts == facts
    assert chunked.events == here.events
    _, _, added = reconcile_incrementally(here, later, CONFIG)
    _, _, chunked_added = reconcile_incrementally(
        chunked, later, CONFIG, engines=Engines(facts=_on_workers)
    )
    assert chunked_added == added
    assert added == reconcile.reconcile(corpus, CONFIG).facts
