"""Benchmark the reconcile pipeline on synthetic corpora of growing size.

Usage::

    python benchmarks/run.py                      # N = 1,000, 10,000 and 100,000 claims
    python benchmarks/run.py --quick              # N = 1,000 and 10,000
    python benchmarks/run.py --claims 10000 100000 1000000
    python benchmarks/run.py --workers 1          # one process only (default: 1 and all cores)
    python benchmarks/run.py --quick --profile /tmp/prof   # cProfile each size

Each size runs, once per worker count, in a fresh subprocess (so ``ru_maxrss``
peaks do not accumulate) that generates a corpus with :mod:`benchmarks.synthetic`
and runs :func:`reconcile.reconcile` on it with ``Config(workers=W)``, timing
each stage where :mod:`reconcile.incremental` calls it:

* **extract**: ``process_articles`` (claims, value bindings and long sentences
  of every article; a process pool when W > 1);
* **match**: ``extend_match_index`` (frames, blocking, rapidfuzz scoring,
  components and average-linkage splitting), with block and score inside it;
* **events**: ``group_events`` (event coreference of the claims' accounts);
* **facts**: ``fact_clusters`` (one fact per event and attribute);
* **compare**: ``compare_fact_clusters`` (agreements, conflicts and
  verdicts of every fact, in this process), without wire-copy detection
  (timed apart);
* **report**: ``write_json_report`` (what ``reconcile report --format json``
  runs), to a sink that only counts bytes.

It prints per-size details, how each stage's time grows from one size to the
next, and a final Markdown table for ``benchmarks/README.md``. The facts are
scored against the synthetic gold with B-cubed and pairwise precision/recall/F1.
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import itertools
import json
import math
import os
import resource
import subprocess
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
for _path in (str(ROOT), str(HERE)):
    if _path not in sys.path:
        sys.path.insert(0, _path)

DEFAULT_SIZES = (1_000, 10_000, 100_000)
#: The worker's last progress line, named in the report when a size fails.
_LAST_PROGRESS = ["started"]
QUICK_SIZES = (1_000, 10_000)
STAGES = ("extract", "match", "events", "facts", "compare", "report")
STAGE_LABELS = {
    "extract": "extract",
    "match": "match",
    "events": "events",
    "facts": "facts",
    "compare": "compare",
    "report": "report JSON",
}
#: Where each stage is timed: (module, function) as reconcile.incremental calls it.
STAGE_FUNCTIONS = {
    "extract": ("reconcile.incremental", "process_articles"),
    "match": ("reconcile.incremental", "extend_match_index"),
    "events": ("reconcile.incremental", "group_events"),
    "facts": ("reconcile.incremental", "fact_clusters"),
    "compare": ("reconcile.incremental", "compare_fact_clusters"),
    "wire": ("reconcile.incremental", "detect_wire_copies"),
    "block": ("reconcile.match.index", "block_candidates"),
    "score": ("reconcile.match.index", "score_pairs"),
}
#: Targets of issue 17: 1M claims in under 5 minutes and 4 GB on this 2-core
#: machine, and whole-pipeline time(10N) / time(N) at most 11.
TARGET_SECONDS_1M = 300.0
TARGET_PEAK_MB = 4_096.0
TARGET_GROWTH_10X = 11.0


# --------------------------------------------------------------------------- worker


def _peak_mb() -> float:
    """Peak resident set size of this process so far, in MB (Linux reports KB)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024.0 if sys.platform != "darwin" else peak / 2**20


class _Timers:
    """Wraps module functions so time spent inside them is summed, without changing them."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.calls: Counter[str] = Counter()
        self.sizes: dict[str, list[int]] = defaultdict(list)
        self._restore: list[tuple[Any, str, Any]] = []

    def wrap(
        self,
        module: Any,
        name: str,
        label: str,
        size_of: Callable[..., int] | None = None,
        notify: Callable[[str], None] | None = None,
    ) -> None:
        """Time every call of ``module.name`` under *label* (no-op if it does not exist).

        *size_of*, given the call's arguments, returns a size to record per call
        (such as the number of claims in a linked component); *notify* is
        told when each call ends.
        """
        original = getattr(module, name, None)
        if original is None:
            return

        @functools.wraps(original)
        def timed(*args: Any, **kwargs: Any) -> Any:
            if size_of is not None:
                self.sizes[label].append(size_of(*args, **kwargs))
            start = time.perf_counter()
            try:
                result = original(*args, **kwargs)
            finally:
                self.seconds[label] += time.perf_counter() - start
                self.calls[label] += 1
            if notify is not None:
                note = f"{label}: {time.perf_counter() - start:.1f} s"
                if label == "components" and isinstance(result, list):
                    sizes = sorted(map(len, result), reverse=True)
                    note += f"; {len(sizes):,} linked components, largest {sizes[:3]}"
                notify(note)
            return result

        setattr(module, name, timed)
        self._restore.append((module, name, original))

    def restore(self) -> None:
        """Put every wrapped function back."""
        for module, name, original in reversed(self._restore):
            setattr(module, name, original)
        self._restore.clear()


def _overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


def place_mentions(corpus: Any, claims: Sequence[Any]) -> list[str | None]:
    """For each gold mention, the id of the claim of its article that overlaps it most.

    ``None`` when no claim overlaps it (the extractor missed it).
    """
    by_article: dict[str, list[Any]] = defaultdict(list)
    for claim in claims:
        by_article[claim.article_id].append(claim)
    placed: list[str | None] = []
    for mention in corpus.gold:
        best, best_overlap = None, 0
        for claim in by_article.get(mention.article_id, ()):
            overlap = _overlap(
                mention.start, mention.end, claim.span.start, claim.span.end
            )
            if overlap > best_overlap:
                best, best_overlap = claim.id, overlap
        placed.append(best)
    return placed


def score_clustering(
    corpus: Any,
    claims: Sequence[Any],
    facts: Sequence[Any],
    placed: Sequence[str | None] | None = None,
) -> dict[str, Any]:
    """B-cubed and pairwise precision/recall/F1 of *facts* over the corpus's gold mentions.

    Each gold mention is placed in the claim of its article that overlaps it
    most (see :func:`place_mentions`); a mention no claim overlaps is a
    singleton of its own (as in ``reconcile.golden``). Also counts claims that
    are page furniture and claims that hold no gold mention, and the share of
    gold facts whose majority fact has the status the generator planted
    (approximate).
    """
    if placed is None:
        placed = place_mentions(corpus, claims)
    fact_of_claim: dict[str, Any] = {c.id: f for f in facts for c in f.claims}
    predicted: list[str] = []
    gold: list[str] = []
    unplaced = 0
    covered: set[str] = set()
    for index, (mention, claim_id) in enumerate(zip(corpus.gold, placed, strict=True)):
        if claim_id is None:
            unplaced += 1
            predicted.append(f"unplaced:{index}")
        else:
            covered.add(claim_id)
            predicted.append(fact_of_claim[claim_id].id)
        gold.append(mention.fact_id)
    cells = Counter(zip(predicted, gold, strict=True))
    size_p = Counter(predicted)
    size_g = Counter(gold)
    total = len(gold)
    b3_p = sum(n * n / size_p[p] for (p, _), n in cells.items()) / total
    b3_r = sum(n * n / size_g[g] for (_, g), n in cells.items()) / total
    pairs = sum(n * (n - 1) // 2 for n in cells.values())
    pred_pairs = sum(n * (n - 1) // 2 for n in size_p.values())
    gold_pairs = sum(n * (n - 1) // 2 for n in size_g.values())
    pw_p = pairs / pred_pairs if pred_pairs else 1.0
    pw_r = pairs / gold_pairs if gold_pairs else 1.0
    furniture: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for article_id, start, end in corpus.furniture:
        furniture[article_id].append((start, end))
    furniture_claims = sum(
        any(
            _overlap(s, e, c.span.start, c.span.end) > 0
            for s, e in furniture.get(c.article_id, ())
        )
        for c in claims
    )
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for p, g in zip(predicted, gold, strict=True):
        if not p.startswith("unplaced:"):
            votes[g][p] += 1
    facts_by_id = {f.id: f for f in facts}
    status_right = sum(
        facts_by_id[v.most_common(1)[0][0]].status == corpus.facts[g].status
        for g, v in votes.items()
    )
    merged, split = _confusions(cells, corpus.facts)
    return {
        "merged_kinds": merged,
        "split_kinds": split,
        "gold_mentions": total,
        "gold_facts": len(size_g),
        "unplaced_mentions": unplaced,
        "bcubed_precision": b3_p,
        "bcubed_recall": b3_r,
        "bcubed_f1": _f1(b3_p, b3_r),
        "pairwise_precision": pw_p,
        "pairwise_recall": pw_r,
        "pairwise_f1": _f1(pw_p, pw_r),
        "furniture_claims": furniture_claims,
        "stray_claims": len(claims) - len(covered) - furniture_claims,
        "status_accuracy": status_right / len(votes) if votes else 1.0,
    }


@dataclasses.dataclass(frozen=True, slots=True)
class ScoredFact:
    """What scoring reads of a gold fact: its kind and the status planted for it."""

    kind: str
    status: str


def scoring_corpus(corpus: Any) -> Any:
    """*corpus* holding only what :func:`score_clustering` reads of its gold.

    Each mention keeps its article, span and fact but not its clause (what the
    clause states, value by value: the writing of ``expected.json`` needs it,
    scoring does not), and each fact its kind and status instead of the sets
    of origins and values they come from. At a million claims that gold took
    some 0.5 GB of the run's peak: memory of the benchmark, not of the library.
    The mentions' fact and article ids are interned, so a fact's mentions and
    an article's hold one copy of its id rather than one each (some 45 MB
    at a million claims).
    """
    return dataclasses.replace(
        corpus,
        gold=tuple(
            dataclasses.replace(
                m,
                article_id=sys.intern(m.article_id),
                fact_id=sys.intern(m.fact_id),
                clause=None,
            )
            for m in corpus.gold
        ),
        facts={
            sys.intern(k): ScoredFact(f.kind, f.status) for k, f in corpus.facts.items()
        },
        gold_events={},
    )


def _confusions(
    cells: Counter[tuple[str, str]], facts: Any, top: int = 6
) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    """Where the clustering goes wrong, by gold fact kind, counted in mention pairs.

    *Merged*: pairs of mentions of two different gold facts put in one fact
    ("treaty.main + treaty.figure, same event"). *Split*: pairs of mentions of one
    gold fact put in different facts ("treaty.main").
    """
    by_pred: dict[str, list[tuple[str, int]]] = defaultdict(list)
    by_gold: dict[str, list[int]] = defaultdict(list)
    for (p, g), n in cells.items():
        by_pred[p].append((g, n))
        by_gold[g].append(n)
    merged: Counter[str] = Counter()
    for members in by_pred.values():
        if len(members) < 2 or len(members) > 300:
            continue
        for i, (g1, n1) in enumerate(members):
            for g2, n2 in members[i + 1 :]:
                kinds = sorted((facts[g1].kind, facts[g2].kind))
                if g1.startswith("ctx:") or g2.startswith("ctx:"):
                    where = "with a pair's background fact"
                elif g1.split(":")[0] == g2.split(":")[0]:
                    where = "same event"
                else:
                    where = "different events"
                merged[f"{kinds[0]} + {kinds[1]}, {where}"] += n1 * n2
    split: Counter[str] = Counter()
    for g, counts in by_gold.items():
        total = sum(counts)
        split[facts[g].kind] += (total * total - sum(n * n for n in counts)) // 2
    return merged.most_common(top), [x for x in split.most_common(top) if x[1]]


def _f1(precision: float, recall: float) -> float:
    return (
        0.0
        if precision + recall == 0
        else 2 * precision * recall / (precision + recall)
    )


class _ByteCounter:
    """A text stream that counts the UTF-8 bytes written to it and keeps none."""

    def __init__(self) -> None:
        self.count = 0

    def write(self, text: str) -> int:
        self.count += len(text.encode("utf-8"))
        return len(text)


def _children_peak_mb() -> float:
    """The largest peak resident set size of this process's finished children (the pool)."""
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return peak / 1024.0 if sys.platform != "darwin" else peak / 2**20


def run_one(
    n_claims: int,
    seed: int,
    span_days: int | None,
    profile: str | None,
    workers: int = 1,
) -> dict[str, Any]:
    """Generate a corpus of *n_claims* claims and time every stage on it (in this process)."""
    import cProfile
    import importlib

    from synthetic import generate_corpus

    import reconcile
    from reconcile.config import Config
    from reconcile.parallel import resolve_workers
    from reconcile.report import write_json_report

    out: dict[str, Any] = {
        "target": n_claims,
        "seed": seed,
        "workers": resolve_workers(workers),
        "library": str(Path(reconcile.__file__).resolve().parent.parent),
    }

    def progress(message: str) -> None:
        _LAST_PROGRESS[0] = message
        print(
            f"    [N={n_claims:,} W={out['workers']}] {message}",
            file=sys.stderr,
            flush=True,
        )

    mem: dict[str, float] = {"start": _peak_mb()}
    profiler = cProfile.Profile() if profile else None

    started = time.perf_counter()
    corpus = generate_corpus(n_claims, seed=seed, span_days=span_days)
    out["generate_s"] = time.perf_counter() - started
    out["articles"] = len(corpus.articles)
    out["events"] = corpus.events
    out["span_days"] = corpus.span_days
    out["ingest_s"] = corpus.ingest_seconds
    out["dropped_mentions"] = corpus.dropped_mentions
    mem["generate"] = _peak_mb()
    progress(
        f"corpus: {len(corpus.articles):,} articles, {len(corpus.gold):,} gold mentions "
        f"in {out['generate_s']:.1f} s"
    )
    corpus = scoring_corpus(corpus)

    config = Config(workers=workers)
    timers = _Timers()

    def ended(label: str) -> Callable[[str], None]:
        def note(message: str) -> None:
            if label != "compare":
                mem[label] = _peak_mb()
                progress(message)

        return note

    for label, (module, name) in STAGE_FUNCTIONS.items():
        timers.wrap(importlib.import_module(module), name, label, notify=ended(label))
    seconds: dict[str, float] = {}
    if profiler:
        profiler.enable()
    try:
        started = time.perf_counter()
        result = reconcile.reconcile(corpus.articles, config)
        pipeline = time.perf_counter() - started
    finally:
        timers.restore()
    mem["compare"] = _peak_mb()
    for stage in STAGES[:-1]:
        seconds[stage] = timers.seconds.get(stage, math.nan)
    progress(
        f"reconcile: {len(result.claims):,} claims, {len(result.events):,} events, "
        f"{len(result.facts):,} facts in {pipeline:.1f} s"
    )

    started = time.perf_counter()
    sink = _ByteCounter()
    write_json_report(result.articles, result.facts, sink, None, result.events)
    seconds["report"] = time.perf_counter() - started
    mem["report"] = _peak_mb()
    if profiler:
        profiler.disable()
        path = f"{profile}-{n_claims}-w{out['workers']}.prof"
        profiler.dump_stats(path)
        out["profile"] = path

    claims, facts = result.claims, result.facts
    out.update(
        seconds=seconds,
        breakdown={
            "block": timers.seconds.get("block", math.nan),
            "score": timers.seconds.get("score", math.nan),
            "wire_copies": timers.seconds.get("wire", math.nan),
            "other": pipeline - sum(seconds[s] for s in STAGES[:-1]),
        },
        claims=len(claims),
        events_found=len(result.events),
        facts=len(facts),
        largest_event=max((len(e.claim_ids) for e in result.events), default=0),
        report_bytes=sink.count,
        memory_mb=mem,
        peak_mb=_peak_mb(),
        pool_peak_mb=_children_peak_mb(),
    )
    out["quality"] = score_clustering(corpus, claims, facts)
    out["total_s"] = pipeline + seconds["report"]
    return out


# --------------------------------------------------------------------------- parent


def run_in_subprocess(
    n_claims: int, args: argparse.Namespace, workers: int = 1
) -> dict[str, Any]:
    """Run one size with *workers* in a fresh interpreter and return its measurements.

    A size that fails or times out gives ``{"target": N, "workers": W, "failed": why}``.
    """
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--worker",
        str(n_claims),
        "--seed",
        str(args.seed),
        "--workers",
        str(workers),
    ]
    if args.span_days is not None:
        command += ["--span-days", str(args.span_days)]
    if args.profile:
        command += ["--profile", args.profile]
    if args.library:
        command += ["--library", args.library]
    print(
        f"... N={n_claims:,}, workers {workers}: running in a fresh subprocess",
        flush=True,
    )
    command += ["--memory-limit-gb", str(args.memory_limit_gb)]
    try:
        # stderr is inherited: the worker's progress lines show up as it goes
        done = subprocess.run(
            command,
            stdout=subprocess.PIPE,
            text=True,
            timeout=args.timeout,
            check=False,
            cwd=ROOT,
        )
    except subprocess.TimeoutExpired:
        why = f"timed out after {args.timeout:g} s"
        print(f"!!! N={n_claims:,}: {why}", flush=True)
        return {"target": n_claims, "workers": workers, "failed": why}
    lines = done.stdout.strip().splitlines()
    result: dict[str, Any] = json.loads(lines[-1]) if lines else {}
    if done.returncode != 0 or "failed" in result:
        why = result.get("failed") or f"exit status {done.returncode}"
        print(f"!!! N={n_claims:,}: failed: {why}", flush=True)
        return {"target": n_claims, "workers": workers, "failed": why}
    return result


def _rate(claims: int, seconds: float) -> str:
    if not seconds or math.isnan(seconds):
        return "-"
    return f"{claims / seconds:,.0f}"


def _secs(value: float) -> str:
    if value is None or math.isnan(value):
        return "-"
    return f"{value:.3f}" if value < 10 else f"{value:.1f}"


def print_details(result: dict[str, Any]) -> None:
    """Everything measured at one size, as plain text."""
    n = result["claims"]
    s = result["seconds"]
    q = result["quality"]
    b = result["breakdown"]
    print(
        f"\n=== N={result['target']:,} target, workers {result['workers']}: {n:,} claims "
        f"from {result['articles']:,} articles ({result['events']:,} events); corpus "
        f"generated in {result['generate_s']:.2f} s (of which furniture removal "
        f"{result['ingest_s']:.2f} s); events over {result['span_days']:,} days"
    )
    if result["library"] != str(ROOT):
        print(f"  library benchmarked: {result['library']}")
    for stage in STAGES:
        print(
            f"  {STAGE_LABELS[stage]:<14} {_secs(s[stage]):>8} s  {_rate(n, s[stage]):>10} claims/s"
        )
    print(
        f"  {'overall':<14} {_secs(result['total_s']):>8} s  {_rate(n, result['total_s']):>10} claims/s"
        "  (reconcile() + report)"
    )
    print(
        f"  inside match: block {_secs(b['block'])} s, score {_secs(b['score'])} s; "
        f"wire copies {_secs(b['wire_copies'])} s; the rest of reconcile() "
        f"{_secs(b['other'])} s"
    )
    mem = result["memory_mb"]
    print(
        "  peak RSS after stage (MB): "
        + ", ".join(f"{k} {v:,.0f}" for k, v in mem.items())
        + f"; peak {result['peak_mb']:,.0f} MB (largest pool worker "
        f"{result['pool_peak_mb']:,.0f} MB)"
    )
    print(
        f"  events {result['events_found']:,} (largest {result['largest_event']:,} "
        f"claims), facts {result['facts']:,} (gold facts {q['gold_facts']:,}); "
        f"report JSON {result['report_bytes'] / 2**20:.1f} MB"
    )
    print(
        f"  quality: B-cubed P/R/F1 {q['bcubed_precision']:.3f}/{q['bcubed_recall']:.3f}/"
        f"{q['bcubed_f1']:.3f}; pairwise P/R/F1 {q['pairwise_precision']:.3f}/"
        f"{q['pairwise_recall']:.3f}/{q['pairwise_f1']:.3f}; unplaced gold mentions "
        f"{q['unplaced_mentions']:,} of {q['gold_mentions']:,}; furniture claims "
        f"{q['furniture_claims']}; claims holding no gold mention {q['stray_claims']}; "
        f"status accuracy (approx.) {q['status_accuracy']:.3f}"
    )
    print(
        "  most merged (mention pairs of different gold facts in one fact): "
        + "; ".join(f"{k}: {n:,}" for k, n in q["merged_kinds"])
    )
    print(
        "  most split (mention pairs of one gold fact in different facts): "
        + "; ".join(f"{k}: {n:,}" for k, n in q["split_kinds"])
    )
    if "profile" in result:
        print(f"  profile written to {result['profile']}")


def growth_rows(results: Sequence[dict[str, Any]]) -> list[list[str]]:
    """For consecutive sizes of one worker count: time ratios per stage and the exponent."""
    rows = []
    by_workers: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for result in results:
        by_workers[result["workers"]].append(result)
    for workers, runs in sorted(by_workers.items()):
        for small, big in itertools.pairwise(runs):
            scale = big["claims"] / small["claims"]
            row = [
                f"{small['target']:,} → {big['target']:,}",
                str(workers),
                f"{scale:.2f}x",
            ]
            for stage in (*STAGES, "total"):
                t0 = small["total_s"] if stage == "total" else small["seconds"][stage]
                t1 = big["total_s"] if stage == "total" else big["seconds"][stage]
                if not t0 or math.isnan(t0) or math.isnan(t1):
                    row.append("-")
                    continue
                ratio = t1 / t0
                exponent = math.log(ratio) / math.log(scale) if scale > 1 else math.nan
                row.append(f"{ratio:.1f}x (n^{exponent:.2f})")
            rows.append(row)
    return rows


def markdown_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A GitHub Markdown table."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def print_summary(
    results: Sequence[dict[str, Any]], failures: Sequence[dict[str, Any]] = ()
) -> None:
    """The final Markdown tables and the target checks (and the sizes that failed)."""
    header = [
        "N claims",
        "workers",
        "articles",
        *(f"{STAGE_LABELS[s]} s" for s in STAGES),
        "total s",
        "claims/s overall",
        "peak RSS MB",
        "events",
        "facts",
        "B³ F1",
    ]
    rows = []
    for r in results:
        q = r["quality"]
        rows.append(
            [
                f"{r['claims']:,}",
                str(r["workers"]),
                f"{r['articles']:,}",
                *(_secs(r["seconds"][s]) for s in STAGES),
                _secs(r["total_s"]),
                _rate(r["claims"], r["total_s"]),
                f"{r['peak_mb']:,.0f}",
                f"{r['events_found']:,}",
                f"{r['facts']:,}",
                f"{q['bcubed_f1']:.3f}",
            ]
        )
    for f in failures:
        row = [
            f"{f['target']:,} (target)",
            str(f.get("workers", "-")),
            f"failed: {f['failed']}",
        ]
        rows.append(row + ["-"] * (len(header) - len(row)))
    print("\n## Time, memory and quality per size\n")
    print(markdown_table(header, rows))
    print("\n## Claims per second per stage\n")
    print(
        markdown_table(
            ["N claims", "workers", *(STAGE_LABELS[s] for s in STAGES), "overall"],
            [
                [
                    f"{r['claims']:,}",
                    str(r["workers"]),
                    *(_rate(r["claims"], r["seconds"][s]) for s in STAGES),
                    _rate(r["claims"], r["total_s"]),
                ]
                for r in results
            ],
        )
    )
    growth = growth_rows(results)
    if growth:
        print(
            "\n## Growth of time with N (ratio of times, and the exponent k in t ∝ n^k)\n"
        )
        print(
            markdown_table(
                [
                    "sizes",
                    "workers",
                    "claims ratio",
                    *(STAGE_LABELS[s] for s in STAGES),
                    "total",
                ],
                growth,
            )
        )
    print("\n## Targets (issue 17)\n")
    for f in failures:
        print(
            f"- N={f['target']:,}, workers {f.get('workers', '-')}: DID NOT FINISH: "
            f"{f['failed']}"
        )
    for r in results:
        line = (
            f"- N={r['claims']:,}, workers {r['workers']}: {r['total_s']:.1f} s, peak RSS "
            f"{r['peak_mb']:,.0f} MB ({'ok' if r['peak_mb'] < TARGET_PEAK_MB else 'ABOVE'} "
            f"{TARGET_PEAK_MB:,.0f} MB)"
        )
        if r["target"] >= 1_000_000:
            ok = "ok" if r["total_s"] < TARGET_SECONDS_1M else "ABOVE"
            line += f"; {ok} target {TARGET_SECONDS_1M:.0f} s at 1M"
        print(line)
    for small, big in _same_workers_pairs(results):
        scale = big["claims"] / small["claims"]
        if 8 <= scale <= 12:
            ratio = big["total_s"] / small["total_s"]
            print(
                f"- {small['target']:,} → {big['target']:,}, workers {big['workers']}: total "
                f"time x{ratio:.1f} for x{scale:.1f} claims "
                f"({'ok' if ratio <= TARGET_GROWTH_10X else 'ABOVE'} target "
                f"<= {TARGET_GROWTH_10X:.0f}x)"
            )


def _same_workers_pairs(
    results: Sequence[dict[str, Any]],
) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """Consecutive sizes measured with the same number of workers."""
    by_workers: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for result in results:
        by_workers[result["workers"]].append(result)
    return [
        pair
        for runs in by_workers.values()
        for pair in itertools.pairwise(sorted(runs, key=lambda r: r["target"]))
    ]


def _git_state(folder: Path) -> str:
    """`` @ <commit>`` (and whether reconcile/ has uncommitted changes), or ``""``."""
    try:
        commit = subprocess.run(
            ["git", "-C", str(folder), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(folder), "status", "--porcelain", "--", "reconcile"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""
    return f" @ {commit}" + (" (reconcile/ has uncommitted changes)" if dirty else "")


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the command line and run the benchmark (or, with ``--worker``, one size)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--claims",
        type=int,
        nargs="+",
        default=None,
        help="corpus sizes in claims (default: 1000 10000 100000)",
    )
    parser.add_argument(
        "--quick", action="store_true", help="only 1,000 and 10,000 claims"
    )
    parser.add_argument("--seed", type=int, default=0, help="corpus seed (default 0)")
    parser.add_argument(
        "--workers",
        type=int,
        nargs="+",
        default=[1, -1],
        help="Config.workers to measure each size with (default: 1 and -1, all cores)",
    )
    parser.add_argument(
        "--span-days",
        type=int,
        default=None,
        help="spread events over this many days (default: N / 200, ~25 events a day)",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=3600.0,
        help="seconds allowed per size (default 3600)",
    )
    parser.add_argument(
        "--profile",
        metavar="PREFIX",
        default=None,
        help="cProfile every stage; write PREFIX-<N>.prof",
    )
    parser.add_argument(
        "--json", metavar="FILE", default=None, help="also save all measurements"
    )
    parser.add_argument(
        "--memory-limit-gb",
        type=float,
        default=16.0,
        help="address-space limit per size (default 16): a runaway stage fails "
        "with MemoryError instead of waking the OOM killer",
    )
    parser.add_argument(
        "--library",
        metavar="DIR",
        default=None,
        help="benchmark the reconcile package of another checkout (DIR holds "
        "reconcile/), e.g. one with a candidate fix applied",
    )
    parser.add_argument("--worker", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.worker is not None:
        if args.memory_limit_gb > 0:
            limit = int(args.memory_limit_gb * 2**30)
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        if args.library:
            sys.path.insert(0, str(Path(args.library).resolve()))
        try:
            result = run_one(
                args.worker,
                args.seed,
                args.span_days,
                args.profile,
                args.workers[0],
            )
        except (Exception, MemoryError) as error:
            import traceback

            traceback.print_exc()
            failure = f"{type(error).__name__}: {error} (after: {_LAST_PROGRESS[0]})"
            print(json.dumps({"target": args.worker, "failed": failure}))
            return 1
        print(json.dumps(result))
        return 0

    sizes = args.claims or (QUICK_SIZES if args.quick else DEFAULT_SIZES)
    library = Path(args.library).resolve() if args.library else ROOT
    print(
        f"reconcile benchmark: sizes {', '.join(f'{n:,}' for n in sizes)}; workers "
        f"{', '.join(map(str, args.workers))}; seed {args.seed}; "
        f"python {sys.version.split()[0]}; {os.cpu_count()} CPUs; library "
        f"{library}{_git_state(library)}"
    )
    results = []
    failures = []
    for n in sorted(sizes):
        for workers in args.workers:
            result = run_in_subprocess(n, args, workers)
            if "failed" in result:
                failures.append(result)
                continue
            print_details(result)
            results.append(result)
    print_summary(results, failures)
    if args.json:
        Path(args.json).write_text(
            json.dumps(results + failures, indent=1), encoding="utf-8"
        )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
