"""Incremental benchmark: adding a day's articles to a desk store vs one full run.

Generates a synthetic corpus (see ``synthetic.py``) of about N claims, keeps its
latest ``--add`` articles (by publication date) for "this morning", and prints:

* the time of one full :func:`reconcile.reconcile` run over every article;
* the time to seed a store with the older articles (a full run plus writing);
* the time of ``Store.add`` of the new articles to that store, as a desk's
  morning run would do it: opening the store and reading its stored state
  included (and printed on its own);
* the ratio of the store add (loading included) to the full run, and the
  facts of both runs compared for equality.

Each of the three runs is a new process, so none is slowed by what another
left in memory; the peak is the largest of them.

Usage::

    python benchmarks/incremental.py                  # N = 100,000 claims, 1,000 new articles
    python benchmarks/incremental.py --claims 10000 --add 100
"""

from __future__ import annotations

import argparse
import json
import pickle
import resource
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import generate_corpus

from reconcile import open_store

# Each run is its own process, as a desk's runs would be: nothing one run left
# in memory slows the next. Each prints one JSON line of timings.
_FULL_RUN = """
import json, pickle, sys, time
from reconcile import reconcile
with open(sys.argv[1], "rb") as f:
    articles = pickle.load(f)
started = time.perf_counter()
result = reconcile(articles)
seconds = time.perf_counter() - started
with open(sys.argv[2], "wb") as f:
    pickle.dump(result.facts, f)
print(json.dumps({"seconds": seconds, "claims": len(result.claims)}))
"""

_SEED_STORE = """
import json, pickle, sys, time
from reconcile import open_store
with open(sys.argv[2], "rb") as f:
    articles = pickle.load(f)
started = time.perf_counter()
with open_store(sys.argv[1]) as store:
    store.add(articles)
print(json.dumps({"seconds": time.perf_counter() - started}))
"""

_ADD_TO_STORE = """
import json, pickle, sys, time
from reconcile import open_store
with open(sys.argv[2], "rb") as f:
    articles = pickle.load(f)
started = time.perf_counter()
with open_store(sys.argv[1]) as store:
    stored_claims = len(store.reconciliation.claims)
    load_s = time.perf_counter() - started
    changes = store.add(articles)
add_s = time.perf_counter() - started
print(json.dumps({"load_s": load_s, "add_s": add_s, "stored_claims": stored_claims,
                  "new_claims": changes.claims, "summary": changes.summary()}))
"""
"""The morning run: open the store and add the day's articles. ``load_s`` is
reading the stored state, ``add_s`` all of it (importing the library is left
out, as it is from the full run)."""


def _in_new_process(code: str, *args: Path) -> dict[str, Any]:
    """Run *code* in a new Python process with *args*; its JSON line of timings."""
    child = subprocess.run(
        [sys.executable, "-c", code, *map(str, args)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(child.stdout)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print a Markdown table; exit 1 if the two runs disagree."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=100_000, help="corpus size")
    parser.add_argument("--add", type=int, default=1_000, help="articles to add")
    parser.add_argument("--seed", type=int, default=0, help="corpus seed")
    args = parser.parse_args(argv)

    corpus = generate_corpus(args.claims, seed=args.seed)
    articles = sorted(corpus.articles, key=lambda a: (a.published, a.id))
    del corpus
    base, new = articles[: -args.add], articles[-args.add :]
    print(
        f"corpus: {len(articles):,} articles; seeding {len(base):,}, adding {len(new):,}",
        flush=True,
    )
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        for file, batch in (("all", articles), ("base", base), ("new", new)):
            (folder / f"{file}.pickle").write_bytes(pickle.dumps(batch))
        del articles, base

        full = _in_new_process(
            _FULL_RUN, folder / "all.pickle", folder / "facts.pickle"
        )
        print(
            f"full run: {full['claims']:,} claims in {full['seconds']:.1f} s",
            flush=True,
        )

        db = folder / "desk.db"
        seeded = _in_new_process(_SEED_STORE, db, folder / "base.pickle")
        size_mb = db.stat().st_size / 2**20
        print(
            f"seeded store ({size_mb:,.0f} MB) in {seeded['seconds']:.1f} s", flush=True
        )

        timed = _in_new_process(_ADD_TO_STORE, db, folder / "new.pickle")
        with (folder / "facts.pickle").open("rb") as f:
            whole_facts = pickle.load(f)
        with open_store(db) as store:
            same = store.facts == whole_facts
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    full_s, load_s, add_s = full["seconds"], timed["load_s"], timed["add_s"]
    print()
    print(
        "| claims in store | new articles | new claims | full run s | store add s "
        "| of which loading s | add / full | same facts as full run | peak MB |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    print(
        f"| {timed['stored_claims']:,} | {len(new):,} | {timed['new_claims']:,} "
        f"| {full_s:.1f} | {add_s:.1f} | {load_s:.1f} | {add_s / full_s:.2f} "
        f"| {same} | {peak_mb:,.0f} |"
    )
    print()
    print(timed["summary"])
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
