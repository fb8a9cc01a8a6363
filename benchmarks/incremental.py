"""Incremental benchmark: adding a day's articles to a desk store vs one full run.

Generates a synthetic corpus (see ``synthetic.py``) of about N claims, keeps its
latest ``--add`` articles (by publication date) for "this morning", and prints:

* the time of one full :func:`reconcile.reconcile` run over every article;
* the time to seed a store with the older articles (a full run plus writing);
* the time of ``Store.add`` of the new articles to that store, in a new
  process as a desk's morning run would be (importing the library and
  reading the stored state included, and printed on its own);
* the ratio of the store add (loading included) to the full run, and the
  facts of both runs compared for equality.

Usage::

    python benchmarks/incremental.py                  # N = 100,000 claims, 1,000 new articles
    python benchmarks/incremental.py --claims 10000 --add 100
"""

from __future__ import annotations

import argparse
import gc
import json
import pickle
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import generate_corpus

from reconcile import open_store, reconcile

_ADD_IN_A_NEW_PROCESS = """
import json, pickle, sys, time
started = time.perf_counter()
from reconcile import open_store
with open_store(sys.argv[1]) as store:
    stored_claims = len(store.reconciliation.claims)
    load_s = time.perf_counter() - started
    with open(sys.argv[2], "rb") as batch:
        new = pickle.load(batch)
    started_add = time.perf_counter()
    changes = store.add(new)
    add_s = load_s + time.perf_counter() - started_add
print(json.dumps({"load_s": load_s, "add_s": add_s, "stored_claims": stored_claims,
                  "new_claims": changes.claims, "summary": changes.summary()}))
"""
"""What a desk's morning run does: a new process opens the store and adds the
day's articles. Times the import and reading of the store (``load_s``) and
that plus the add (``add_s``), leaving out unpickling the day's articles."""


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print a Markdown table; exit 1 if the two runs disagree."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=100_000, help="corpus size")
    parser.add_argument("--add", type=int, default=1_000, help="articles to add")
    parser.add_argument("--seed", type=int, default=0, help="corpus seed")
    args = parser.parse_args(argv)

    corpus = generate_corpus(args.claims, seed=args.seed)
    articles = sorted(corpus.articles, key=lambda a: (a.published, a.id))
    base, new = articles[: -args.add], articles[-args.add :]
    print(
        f"corpus: {len(articles):,} articles; seeding {len(base):,}, adding {len(new):,}",
        flush=True,
    )

    started = time.perf_counter()
    whole = reconcile(articles)
    full_s = time.perf_counter() - started
    whole_facts, whole_claims = whole.facts, len(whole.claims)
    del whole
    gc.collect()
    print(f"full run: {whole_claims:,} claims in {full_s:.1f} s", flush=True)

    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "desk.db"
        started = time.perf_counter()
        with open_store(db) as store:
            store.add(base)
        seed_s = time.perf_counter() - started
        size_mb = db.stat().st_size / 2**20
        print(f"seeded store ({size_mb:,.0f} MB) in {seed_s:.1f} s", flush=True)
        gc.collect()

        batch = Path(folder) / "new-articles.pickle"
        batch.write_bytes(pickle.dumps(new))
        child = subprocess.run(
            [sys.executable, "-c", _ADD_IN_A_NEW_PROCESS, str(db), str(batch)],
            check=True,
            capture_output=True,
            text=True,
        )
        timed = json.loads(child.stdout)
        load_s, add_s = timed["load_s"], timed["add_s"]
        with open_store(db) as store:
            same = store.facts == whole_facts
    peak_mb = (
        max(
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
            resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
        )
        / 1024
    )
    print()
    print(
        "| claims in store | new articles | new claims | full run s | store add s "
        "| of which loading s | add / full | same facts as full run | peak MB |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    print(
        f"| {timed['stored_claims']:,} | {len(new):,} | {timed['new_claims']:,} | {full_s:.1f} | "
        f"{add_s:.1f} | {load_s:.1f} | {add_s / full_s:.2f} | {same} | {peak_mb:,.0f} |"
    )
    print()
    print(timed["summary"])
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
