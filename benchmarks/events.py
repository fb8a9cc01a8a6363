"""Time the whole pipeline on the synthetic desk feed and score its events.

``python benchmarks/events.py --claims 1000 10000`` generates the synthetic
corpus of ``synthetic.py`` (look-alike events: the same templates in towns the
gazetteer does not know, on other days, between other pairs of countries),
runs :func:`reconcile.reconcile` on it in a fresh process per size, and prints
for each size: seconds, peak memory, events, facts, the largest event and fact,
and the B-cubed precision/recall/F1 of the events over the gold mentions (a
mention's gold event is the generator's ``E<n>``; its predicted event is the
event of the claim that holds it).
"""

from __future__ import annotations

import argparse
import itertools
import json
import resource
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent


def measure(n_claims: int, seed: int, roundup: bool = False) -> dict[str, float]:
    """Run one size in this process and return its figures."""
    sys.path.insert(0, str(HERE))
    from synthetic import generate_corpus, gold_event

    import reconcile

    corpus = generate_corpus(n_claims, seed, roundup=roundup)
    start = time.perf_counter()
    result = reconcile.reconcile(corpus.articles)
    seconds = time.perf_counter() - start
    event_of_claim = {}
    for event in result.events:
        for claim_id in event.claim_ids:
            event_of_claim.setdefault(claim_id, event.id)
    claims_by_article = defaultdict(list)
    for claim in result.claims:
        claims_by_article[claim.article_id].append(claim)
    predicted, gold = {}, {}
    for number, mention in enumerate(corpus.gold):
        if mention.start == mention.end or not mention.fact_id.startswith("E"):
            continue
        holder = next(
            (
                c
                for c in claims_by_article[mention.article_id]
                if c.span.start <= mention.start < c.span.end
            ),
            None,
        )
        gold[number] = gold_event(mention.fact_id)
        predicted[number] = (
            event_of_claim.get(holder.id, f"none{number}")
            if holder
            else f"none{number}"
        )
    precision, recall = _bcubed(predicted, gold)
    return {
        "claims": len(result.claims),
        "seconds": round(seconds, 2),
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "events": len(result.events),
        "facts": len(result.facts),
        "largest_event": max((len(e.claim_ids) for e in result.events), default=0),
        "largest_fact": max((len(f.claims) for f in result.facts), default=0),
        "event_b3_precision": round(precision, 3),
        "event_b3_recall": round(recall, 3),
        "event_b3_f1": round(
            2 * precision * recall / (precision + recall) if precision + recall else 0,
            3,
        ),
    }


def _bcubed(predicted: dict, gold: dict) -> tuple[float, float]:
    by_pred, by_gold = defaultdict(set), defaultdict(set)
    for key, label in predicted.items():
        by_pred[label].add(key)
    for key, label in gold.items():
        by_gold[label].add(key)
    if not predicted:
        return 1.0, 1.0
    p = sum(
        len(by_pred[predicted[k]] & by_gold[gold[k]]) / len(by_pred[predicted[k]])
        for k in predicted
    )
    r = sum(
        len(by_pred[predicted[k]] & by_gold[gold[k]]) / len(by_gold[gold[k]])
        for k in predicted
    )
    return p / len(predicted), r / len(predicted)


def main() -> int:
    """Measure each size in its own process and print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--roundup",
        action="store_true",
        help="join each outlet's stories of a day into one roundup article",
    )
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.one:
        print(json.dumps(measure(options.one, options.seed, options.roundup)))
        return 0
    rows = []
    for n in options.claims:
        done = subprocess.run(
            [
                sys.executable,
                __file__,
                "--one",
                str(n),
                "--seed",
                str(options.seed),
                *(["--roundup"] if options.roundup else []),
            ],
            check=True,
            capture_output=True,
            text=True,
        )
        rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
    keys = list(rows[0])
    print("| " + " | ".join(keys) + " |")
    print("|" + "---|" * len(keys))
    for row in rows:
        print("| " + " | ".join(str(row[k]) for k in keys) + " |")
    for before, after in itertools.pairwise(rows):
        print(
            f"\n{before['claims']:,} -> {after['claims']:,} claims: time x"
            f"{after['seconds'] / max(before['seconds'], 1e-9):.1f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
