"""Time one article of repeated, hostile text through the whole pipeline.

For each pattern (a run of dots before a letter, ``?!``, ``…``, spaces, "on Friday, ",
weekdays, month-days, "5 ", " — a", and random prose-like text) an article body of
25, 50 and 100 KB is built, loaded from front matter, and reconciled. The table gives
the seconds at each size and the growth per doubling (the geometric mean of the two
ratios); linear code grows about 2x, and the target is at most 2.3x for every pattern.

Usage::

    python benchmarks/pathological.py                  # 25, 50 and 100 KB
    python benchmarks/pathological.py --sizes 10 20    # other sizes, in KB
    python benchmarks/pathological.py --pattern dots   # one pattern

Each measurement runs in a fresh subprocess with ``--timeout`` seconds (default 120):
a pattern that blows up is reported as a timeout instead of hanging the benchmark.
Exit status 1 when a pattern times out or grows more than 2.3x per doubling.
"""

from __future__ import annotations

import argparse
import math
import random
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

GROWTH_TARGET = 2.3


_WORDS = (
    "Russia Iran signed treaty on Friday the a pact in Moscow killed at least "
    "four people 5 million Jan. 17 Mr. Putin said officials U.S. 2025 20 years "
    "as while — ; , . ! ? … “ ” 30 percent rose to Monday April 21"
)


def _random_text(size: int) -> str:
    rng = random.Random(0)
    words = _WORDS.split()
    out: list[str] = []
    length = 0
    while length < size:
        word = rng.choice(words)
        out.append(word)
        length += len(word) + 1
    return " ".join(out)


def _repeat(
    unit: str, head: str = "Iran signed a pact ", tail: str = "x"
) -> Callable[[int], str]:
    def build(size: int) -> str:
        count = max(1, (size - len(head) - len(tail)) // len(unit))
        return head + unit * count + tail

    return build


#: name -> a function of the body size in characters.
PATTERNS: dict[str, Callable[[int], str]] = {
    "dots": _repeat(".", tail="A"),
    "?!": _repeat("?!", tail=" A"),
    "…": _repeat("…", tail=" A"),
    "spaces": _repeat(" ", tail="A."),
    "on Friday, ": _repeat("on Friday, ", tail="signed."),
    "will ... on Friday and": _repeat(
        "on Friday and ", head="Iran will sign a pact ", tail="signed."
    ),
    "weekdays": _repeat(
        "Monday Tuesday Wednesday Thursday Friday Saturday Sunday ", tail="."
    ),
    "month-days": _repeat("Jan. 17 Feb. 3 March 5 April 21 ", tail="."),
    "5 ": _repeat("5 ", tail="people died."),
    " — a": _repeat(" — a", tail=" signed."),
    "random": _random_text,
}


def run_one(pattern: str, kilobytes: int) -> float:
    """Seconds to load and reconcile one article of *kilobytes* KB of *pattern*."""
    from reconcile import reconcile
    from reconcile.ingest import parse_article_text

    body = PATTERNS[pattern](kilobytes * 1024)
    document = f"---\noutlet: Probe\npublished: 2025-01-17\n---\n{body}\n"
    started = time.perf_counter()
    article = parse_article_text(document, path=f"{pattern}.md")
    reconcile([article])
    return time.perf_counter() - started


def _measure(
    pattern: str, kilobytes: int, timeout: float, library: Path
) -> float | None:
    code = (
        "import sys, warnings; warnings.simplefilter('ignore'); "
        f"sys.path.insert(0, {str(library)!r}); sys.path.insert(0, {str(Path(__file__).parent)!r}); "
        f"from pathological import run_one; print(run_one({pattern!r}, {kilobytes}))"
    )
    try:
        done = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=True,
        )
    except subprocess.TimeoutExpired:
        return None
    return float(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    """Print the Markdown table; exit 1 when a pattern times out or grows too fast."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", type=int, nargs="+", default=[25, 50, 100], metavar="KB"
    )
    parser.add_argument("--pattern", choices=sorted(PATTERNS), action="append")
    parser.add_argument("--timeout", type=float, default=120.0, metavar="SEC")
    parser.add_argument(
        "--library",
        type=Path,
        default=Path(__file__).resolve().parent.parent,
        help="the checkout whose reconcile/ package is timed",
    )
    args = parser.parse_args(argv)
    sizes = sorted(args.sizes)
    header = " | ".join(f"{size} KB" for size in sizes)
    print(f"| pattern | {header} | growth per doubling |")
    print("| --- |" + " ---: |" * (len(sizes) + 1))
    failed = False
    for pattern in args.pattern or list(PATTERNS):
        times: list[float | None] = []
        for size in sizes:
            seconds = _measure(pattern, size, args.timeout, args.library)
            times.append(seconds)
            if seconds is None:
                break
        cells = ["timeout" if t is None else f"{t:.3f} s" for t in times] + ["—"] * (
            len(sizes) - len(times)
        )
        growth = _growth(sizes, times)
        failed |= growth is None or growth > GROWTH_TARGET
        shown = "—" if growth is None else f"{growth:.2f}×"
        print(f"| `{pattern}` | {' | '.join(cells)} | {shown} |", flush=True)
    return 1 if failed else 0


def _growth(sizes: list[int], times: list[float | None]) -> float | None:
    """Growth of the time per doubling of the size, from the first to the last size."""
    if len(times) < 2 or any(t is None for t in times):
        return None
    first, last = times[0], times[-1]
    assert first is not None and last is not None
    doublings = math.log2(sizes[-1] / sizes[0])
    return (last / max(first, 1e-6)) ** (1 / doublings)


if __name__ == "__main__":
    sys.exit(main())
