"""Score the library on synthetic desk feeds at the (event, attribute) level.

For each size and seed, ``benchmarks/synthetic.py`` writes a feed (articles and
its fact-level ``expected.json``) to a temporary folder, and the library and the
naive baseline are scored on it the way ``python -m reconcile.golden`` scores the
fixture sets: B-cubed F1 over the gold mentions, status accuracy, conflict
recall, false conflicts, furniture share. ``--roundup`` joins each outlet's
stories of a day into one roundup article, as a desk's daily digest does::

    python benchmarks/desk.py --claims 3000 --seeds 1 2
    python benchmarks/desk.py --claims 3000 --seeds 1 2 --roundup --details 5
    python benchmarks/desk.py --claims 1000 --keep /tmp/desk   # keep the feeds
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from reconcile.api import load_articles, reconcile
from reconcile.baseline import naive_report
from reconcile.golden import (
    GoldScores,
    load_gold,
    score_reconciliation,
    score_report,
)

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import generate_corpus, write_corpus

_HEADER = (
    "| feed | articles | outlets | gold facts | B³ F1 lib / naive"
    " | status acc lib / naive | conflict recall lib / naive"
    " | false conflicts lib / naive | furniture lib / naive | seconds |",
    "|---|---|---|---|---|---|---|---|---|---|",
)


def feed_name(claims: int, seed: int, *, roundup: bool) -> str:
    """The folder name of a feed: ``desk-3000-s1`` or ``desk-3000-s1-roundup``."""
    return f"desk-{claims}-s{seed}" + ("-roundup" if roundup else "")


def write_feed(root: Path, claims: int, seed: int, *, roundup: bool) -> Path:
    """Generate a feed and write it under *root*; return its folder."""
    folder = root / feed_name(claims, seed, roundup=roundup)
    write_corpus(generate_corpus(claims, seed=seed, roundup=roundup), folder)
    return folder


def score_feed(folder: Path) -> tuple[str, GoldScores]:
    """The table row of the feed in *folder* and the library's scores on it."""
    gold = load_gold(folder)
    articles = load_articles(gold.articles_dir)
    started = time.perf_counter()
    ours = score_reconciliation(reconcile(articles), gold)
    seconds = time.perf_counter() - started
    naive = score_report(naive_report(articles), gold)
    row = (
        f"| {gold.event} | {len(articles)} | {len({a.outlet for a in articles})}"
        f" | {len(gold.facts)}"
        f" | {ours.bcubed_f1:.3f} / {naive.bcubed_f1:.3f}"
        f" | {ours.status_accuracy:.3f} / {naive.status_accuracy:.3f}"
        f" | {ours.conflict_recall:.3f} / {naive.conflict_recall:.3f}"
        f" | {ours.false_conflicts} / {naive.false_conflicts}"
        f" | {ours.furniture_share:.3f} / {naive.furniture_share:.3f}"
        f" | {seconds:.1f} |"
    )
    return row, ours


def details(scores: GoldScores, limit: int) -> list[str]:
    """The first *limit* wrong statuses, false-conflict facts and unplaced mentions."""
    lines = [f"{scores.summary()}"]
    for title, items in (
        ("wrong statuses", scores.wrong_statuses),
        ("report facts with a false conflict", scores.false_conflict_facts),
        ("gold mentions no claim holds", scores.unplaced_mentions),
        ("gold values not extracted", scores.missing_values),
    ):
        lines.append(f"  {title}: {len(items)}")
        lines.extend(f"    {item}" for item in items[:limit])
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    """Write each feed, score it, print the table (and the details if asked)."""
    parser = argparse.ArgumentParser(
        prog="python benchmarks/desk.py", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--claims", type=int, nargs="+", default=[3000])
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2])
    parser.add_argument(
        "--roundup", action="store_true", help="one roundup article per outlet a day"
    )
    parser.add_argument(
        "--both", action="store_true", help="score each feed plain and as roundups"
    )
    parser.add_argument(
        "--details",
        type=int,
        default=0,
        metavar="N",
        help="after the table, list the first N errors of each kind per feed",
    )
    parser.add_argument(
        "--keep", type=Path, help="write the feeds here instead of a temporary folder"
    )
    options = parser.parse_args(argv)
    layouts = [False, True] if options.both else [options.roundup]
    with tempfile.TemporaryDirectory(prefix="desk-") as scratch:
        root = options.keep or Path(scratch)
        rows, notes = list(_HEADER), []
        for claims in options.claims:
            for seed in options.seeds:
                for roundup in layouts:
                    folder = write_feed(root, claims, seed, roundup=roundup)
                    row, scores = score_feed(folder)
                    rows.append(row)
                    print(row, file=sys.stderr, flush=True)
                    if options.details:
                        notes.extend(details(scores, options.details))
    print("\n".join(rows))
    if notes:
        print()
        print("\n".join(notes))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
