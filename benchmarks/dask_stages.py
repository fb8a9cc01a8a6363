"""Time a run on a Dask LocalCluster against a local run, stage by stage, and check they agree.

Usage::

    python benchmarks/dask_stages.py --claims 100000 --dask-workers 2

Generates the synthetic corpus of :mod:`benchmarks.synthetic`, runs
:func:`reconcile.reconcile` on it locally (``Config(workers=W)``, default 1),
then with ``engine="dask"`` on a LocalCluster of ``--dask-workers`` processes
of one thread each (started before the clock runs), timing each stage where
:mod:`reconcile.incremental` calls it, as ``run.py`` does:

* **extract**: the per-article work (a process pool, or the cluster);
* **match**: ``extend_match_index``, with the scoring of candidate pairs
  (here, or on the cluster);
* **events**: ``group_events`` and **facts**: ``fact_clusters`` (here);
* **compare**: ``compare_fact_clusters`` (here, or on the cluster).

It prints the seconds of each stage for both runs and whether the claims,
events, facts and JSON reports are equal.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
for _path in (str(ROOT), str(HERE)):
    if _path not in sys.path:
        sys.path.insert(0, _path)

from run import STAGE_FUNCTIONS, _Timers  # noqa: E402  (after the path is set)
from synthetic import generate_corpus  # noqa: E402

import reconcile  # noqa: E402
from reconcile import Config  # noqa: E402

#: Where each stage is timed: as ``run.py`` does, but extraction where both
#: engines are called.
STAGES = {
    "extract": ("reconcile.incremental", "_extract"),
    **{s: STAGE_FUNCTIONS[s] for s in ("match", "events", "facts", "compare")},
}


def timed_run(articles: Sequence[object], config: Config, **engine: object) -> tuple:
    """The reconciliation of *articles*, its seconds per stage and in all."""
    timers = _Timers()
    for label, (module, name) in STAGES.items():
        timers.wrap(importlib.import_module(module), name, label)
    try:
        started = time.perf_counter()
        result = reconcile.reconcile(articles, config, **engine)
        total = time.perf_counter() - started
    finally:
        timers.restore()
    return result, dict(timers.seconds), total


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the command line, run both, print the table; exit status 1 if they differ."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workers", type=int, default=1, help="local run's workers")
    parser.add_argument("--dask-workers", type=int, default=2)
    args = parser.parse_args(argv)
    from distributed import Client, LocalCluster

    corpus = generate_corpus(args.claims, seed=args.seed)
    config = Config(workers=args.workers)
    local, local_s, local_total = timed_run(corpus.articles, config)
    with (
        LocalCluster(
            n_workers=args.dask_workers,
            threads_per_worker=1,
            host="127.0.0.1",
            dashboard_address=":0",  # a free port: None still binds 8787
        ) as cluster,
        Client(cluster) as client,
    ):
        on_dask, dask_s, dask_total = timed_run(
            corpus.articles, config, engine="dask", client=client
        )
    same = (
        on_dask.claims == local.claims
        and on_dask.events == local.events
        and on_dask.facts == local.facts
        and on_dask.report("json") == local.report("json")
    )
    print(
        f"{len(local.claims):,} claims, {len(local.facts):,} facts; "
        f"local workers {args.workers}, Dask LocalCluster of {args.dask_workers} "
        f"one-thread workers"
    )
    print("| run | " + " | ".join(f"{s} s" for s in STAGES) + " | reconcile s |")
    print("|---|" + "---|" * (len(STAGES) + 1))
    for name, seconds, total in (
        ("local", local_s, local_total),
        ("dask", dask_s, dask_total),
    ):
        cells = " | ".join(f"{seconds.get(s, 0.0):.2f}" for s in STAGES)
        print(f"| {name} | {cells} | {total:.2f} |")
    print(f"same claims, events, facts and JSON report: {same}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
