"""The ``reconcile`` command: ``report``, ``check``, ``graph``, ``diff`` and ``claimreview``.

Bad input gets a one-line error naming the file and the problem on stderr and
exit status 2; nothing is written to stdout and no output file is left
half-written (outputs go to a temporary file that is renamed into place; see
:mod:`reconcile._atomic` for modes, links, FIFOs and devices).
"""

from __future__ import annotations

import argparse
import io
import json
import re
import sys
import time
import warnings
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import IO, TextIO

from reconcile._atomic import write_atomic, write_text_atomic
from reconcile.api import Reconciliation, load_articles, reconcile
from reconcile.config import Config
from reconcile.errors import (
    ArticleFormatError,
    MissingPathError,
    ReconcileError,
    ReplacedTextWarning,
    UnreadablePathError,
)
from reconcile.incremental import ProgressCallback
from reconcile.model import Article
from reconcile.report import write_json_report
from reconcile.store import open_store

__all__ = ["main"]

EXIT_OK, EXIT_BAD_INPUT, EXIT_INTERRUPTED = 0, 2, 130

_EXAMPLES = """\
examples:
  reconcile report fixtures/russia-iran-treaty/articles
  reconcile report --outlet "The Harbour Gazette" --published 2025-01-17 story.txt
  reconcile report saved-pages/*.html          (needs reconcile[html])
  reconcile report --format json -o report.json fixtures/russia-iran-treaty/articles
  reconcile report --format html -o report.html fixtures/*/articles
  reconcile check "Russia and Iran signed a 30-year treaty on Jan. 17, 2025" fixtures/russia-iran-treaty/articles
  reconcile report fixtures/russia-iran-treaty/articles --by-claim --article irish-times-2025-01-17
  reconcile check --file draft.md --published 2025-01-18 fixtures/russia-iran-treaty/articles
  reconcile graph fixtures/russia-iran-treaty/articles -o provenance.graphml
  reconcile report --store desk.db today/
  reconcile report --scheduler tcp://10.0.0.5:8786 feed/     (needs reconcile[dask])
  reconcile diff --store desk.db --since 2025-01-17
  reconcile claimreview fixtures/russia-iran-treaty/articles --author "Fact Desk" \
      --url-template "https://desk.example/facts/{fact_id}" -o claimreview.json
"""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 ok, 2 bad input, 130 Ctrl-C)."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "report" and not args.paths and args.store is None:
        parser.error("report: expected at least one PATH (or --store FILE)")
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        warnings.showwarning = _show_warning  # type: ignore[assignment]
        try:
            _replace_surrogates(args)
            return int(args.run(args))
        except ReconcileError as error:
            print(f"reconcile: error: {_one_line(error)}", file=sys.stderr)
            return EXIT_BAD_INPUT
        except BrokenPipeError:  # pragma: no cover - e.g. piped into `head`
            return EXIT_OK
        except KeyboardInterrupt:
            print("reconcile: interrupted", file=sys.stderr)
            return EXIT_INTERRUPTED


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reconcile",
        description="Reconcile facts across news outlets: corroboration reports, draft checks, provenance graphs.",
        epilog=_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(
        dest="command",
        required=True,
        metavar="{report,check,graph,diff,claimreview}",
    )

    report = _subcommand(sub, "report", "a corroboration report per fact")
    report.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="article files or directories (may be left out with --store)",
    )
    report.add_argument(
        "--format", choices=("markdown", "json", "html"), default="markdown"
    )
    report.add_argument(
        "-o", "--output", type=Path, help="write to FILE instead of stdout"
    )
    report.add_argument(
        "--store",
        type=Path,
        metavar="FILE",
        help="add PATH... to this SQLite desk store (created if missing) and "
        "report over everything in it",
    )
    report.add_argument(
        "--by-claim",
        action="store_true",
        help="a report per claim: each article's claims in reading order with "
        "their verdicts (corroborated, contradicted, updated, alone)",
    )
    report.add_argument(
        "--article",
        action="append",
        metavar="ID",
        help="with --by-claim, only this article (repeat for several)",
    )
    report.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="extract on this Dask cluster (tcp://HOST:8786; needs reconcile[dask])",
    )
    _common(report)
    _sources(report)
    report.set_defaults(run=_run_report)

    check = _subcommand(sub, "check", "what supports or contradicts a draft sentence")
    check.add_argument(
        "text",
        metavar="TEXT",
        nargs="?",
        help="the draft sentence to check (left out with --file)",
    )
    _paths(check)
    check.add_argument(
        "--file",
        type=Path,
        metavar="DRAFT",
        help="check every claim of this draft (UTF-8 text or Markdown; a front "
        "matter block is skipped) and give a report per claim",
    )
    check.add_argument("--format", choices=("markdown", "json"), default="markdown")
    check.add_argument(
        "--published",
        type=_iso_date,
        help="the draft's date, to resolve 'on Friday' and 'Jan. 18' (YYYY-MM-DD; "
        "default today)",
    )
    _common(check)
    _sources(check, published="--articles-published")
    check.set_defaults(run=_run_check)

    graph = _subcommand(sub, "graph", "export the provenance graph")
    _paths(graph)
    graph.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        help="FILE.graphml, FILE.json (node-link), FILE.provn or FILE.provjson (needs reconcile[prov])",
    )
    _common(graph)
    _sources(graph)
    graph.set_defaults(run=_run_graph)

    diff = _subcommand(sub, "diff", "what changed in a desk store since a date")
    diff.add_argument(
        "--store", type=Path, metavar="FILE", required=True, help="the desk store"
    )
    diff.add_argument(
        "--since",
        type=_since,
        required=True,
        help="YYYY-MM-DD (UTC day) or an ISO instant: runs at or after it",
    )
    diff.add_argument("--format", choices=("markdown", "json"), default="markdown")
    diff.add_argument(
        "-o", "--output", type=Path, help="write to FILE instead of stdout"
    )
    diff.set_defaults(run=_run_diff)

    claimreview = _subcommand(
        sub, "claimreview", "export each fact as schema.org ClaimReview JSON-LD"
    )
    _paths(claimreview)
    claimreview.add_argument(
        "--author", required=True, help="the organisation publishing the reviews"
    )
    claimreview.add_argument(
        "--url-template",
        required=True,
        help="the page of each review, with {fact_id} in it, e.g. https://desk.example/facts/{fact_id}",
    )
    claimreview.add_argument(
        "--author-url", help="the organisation's home page (an http(s) URL)"
    )
    claimreview.add_argument(
        "--reviews",
        type=Path,
        metavar="FILE",
        help="existing ClaimReview JSON-LD to match against the facts and re-emit unchanged",
    )
    claimreview.add_argument(
        "-o", "--output", type=Path, help="write to FILE instead of stdout"
    )
    _common(claimreview)
    _sources(claimreview)
    claimreview.set_defaults(run=_run_claimreview)
    return parser


def _subcommand(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], name: str, help: str
) -> argparse.ArgumentParser:
    return sub.add_parser(
        name,
        help=help,
        epilog=_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def _paths(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths", nargs="+", metavar="PATH", help="article files or directories"
    )


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--keep-going",
        action="store_true",
        help="skip unreadable article files with a warning instead of stopping at the first",
    )
    parser.add_argument(
        "--alias-file",
        type=Path,
        help="a JSON gazetteer of extra actor and place aliases",
    )
    parser.add_argument(
        "--threshold",
        type=float,
        help="match threshold, 0-100 (pairs at or above it are linked)",
    )
    parser.add_argument(
        "--workers",
        type=int,
        metavar="N",
        help="cores to use (default: all; 1: one process); the result is the same",
    )


def _sources(parser: argparse.ArgumentParser, published: str = "--published") -> None:
    """The flags that fill what an article file lacks (plain text, saved pages)."""
    group = parser.add_argument_group(
        "articles without front matter",
        "values for whatever an article file lacks; a value in the file wins",
    )
    group.add_argument("--outlet", metavar="NAME", help="the outlet's name")
    group.add_argument(
        published,
        dest="articles_published",
        type=_iso_date,
        metavar="YYYY-MM-DD",
        help="the publication date, which anchors 'on Friday'",
    )
    group.add_argument("--url", help="the article's address")
    group.add_argument("--title", metavar="TEXT", help="the article's headline")


def _reconcile(args: argparse.Namespace) -> Reconciliation:
    progress = _Progress(sys.stderr)
    store_path = getattr(args, "store", None)
    articles = (
        load_articles(
            args.paths,
            keep_going=args.keep_going,
            outlet=getattr(args, "outlet", None),
            published=getattr(args, "articles_published", None),
            url=getattr(args, "url", None),
            title=getattr(args, "title", None),
        )
        if args.paths
        else []
    )
    progress.say(f"loaded {len(articles)} articles")
    options: dict[str, object] = {"alias_file": args.alias_file}
    if args.threshold is not None:
        options["match_threshold"] = args.threshold
    if args.workers is not None:
        options["workers"] = args.workers
    try:
        config = Config(**options)  # type: ignore[arg-type]
    except (TypeError, ValueError) as error:
        flag = "--workers" if "workers" in str(error) else "--threshold"
        raise ReconcileError(f"{flag}: {error}") from error
    bar = progress.bar if progress.enabled else None
    scheduler = getattr(args, "scheduler", None)
    if scheduler is not None and store_path is not None:
        raise ReconcileError("--scheduler: expected no --store (a store adds locally)")
    if scheduler is not None:
        result = _reconcile_on_dask(articles, config, bar, scheduler)
    elif store_path is None:
        result = reconcile(articles, config, progress=bar)
    else:
        # With no article to add, the store is only read: a read-only file works.
        read_only = not articles and store_path.is_file()
        with open_store(store_path, config, read_only=read_only) as store:
            changes = store.add(articles, progress=bar)
            result = store.reconciliation
        progress.say(f"{store_path}: {changes.summary()}")
    progress.say(f"{len(result.claims)} claims in {len(result.facts)} facts")
    return result


def _reconcile_on_dask(
    articles: Sequence[Article],
    config: Config,
    bar: ProgressCallback | None,
    scheduler: str,
) -> Reconciliation:
    """:func:`reconcile` with extraction on the Dask cluster at *scheduler*."""
    from reconcile.dask_engine import require_distributed

    distributed = require_distributed()
    try:
        client = distributed.Client(scheduler, timeout=30)
    except (OSError, TimeoutError) as error:
        raise ReconcileError(
            f"--scheduler: expected a reachable Dask scheduler at {scheduler!r} ({error})"
        ) from error
    with client:
        return reconcile(articles, config, progress=bar, engine="dask", client=client)


def _run_report(args: argparse.Namespace) -> int:
    if args.article and not args.by_claim:
        raise ReconcileError("--article: expected together with --by-claim")
    if args.by_claim:
        return _run_claim_report(args)
    result = _reconcile(args)
    if args.format == "json":
        if args.output is None:
            write_json_report(
                result.articles,
                result.facts,
                sys.stdout,
                _changes_of(result),
                result.events,
            )
        else:
            write_atomic(args.output, lambda handle: _write_json_to(result, handle))
        return EXIT_OK
    _emit(result.report(args.format), args.output)
    return EXIT_OK


def _run_claim_report(args: argparse.Namespace) -> int:
    from reconcile.claim_report import render_claim_json, render_claim_markdown
    from reconcile.html_report import render_claim_report_html

    result = _reconcile(args)
    report = result.claim_report(args.article)
    if args.format == "json":
        text = render_claim_json(report)
    elif args.format == "html":
        text = render_claim_report_html(report.to_record())
    else:
        text = render_claim_markdown(report)
    _emit(text, args.output)
    return EXIT_OK


def _changes_of(result: Reconciliation) -> dict[str, object] | None:
    return result.changes.to_record() if result.changes is not None else None


def _run_check(args: argparse.Namespace) -> int:
    if args.file is not None:
        return _run_draft_check(args)
    if args.text is None:
        raise ReconcileError(
            "check: expected TEXT, the draft sentence, or --file DRAFT"
        )
    result = _reconcile(args)
    answer = result.check(args.text, published=args.published)
    if args.format == "json":
        text = json.dumps(answer.to_record(), indent=2, ensure_ascii=False) + "\n"
    else:
        lines = [f"# Check: “{answer.query}”", "", f"Verdict: **{answer.verdict}**", ""]
        lines += [_dated(answer.published, answer.published_given), ""]
        said: set[str] = set()
        for match in answer.matches:
            why = match.explanation if match.explanation not in said else "as above"
            said.add(match.explanation)
            lines.append(
                f"- {match.fact.id} ({match.fact.status}, score {match.score:.1f}): "
                f"**{match.verdict}** — {why}"
            )
            lines.append(f"  > {match.fact.statement}")
        if not answer.matches:
            lines.append("No reconciled fact matches this sentence.")
        text = "\n".join(lines) + "\n"
    _emit(text, None)
    return EXIT_OK


def _run_draft_check(args: argparse.Namespace) -> int:
    from reconcile.claim_report import render_claim_json, render_claim_markdown

    # With --file every positional argument is an article path.
    if args.text is not None:
        args.paths = [args.text, *args.paths]
    draft = _read_draft(args.file)
    result = _reconcile(args)
    report = result.check_draft(draft, published=args.published)
    if args.format == "json":
        _emit(render_claim_json(report), None)
    else:
        _emit(render_claim_markdown(report), None)
    return EXIT_OK


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n---[ \t]*(?:\n|\Z)", re.DOTALL)


def _read_draft(path: Path) -> str:
    """The text of the draft file *path*, without a leading front matter block."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise MissingPathError(path, None, "no such draft file") from None
    except OSError as error:
        raise UnreadablePathError(
            path, None, f"the draft could not be read ({error.strerror})"
        ) from None
    try:
        text = data.decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError as error:
        raise ArticleFormatError(
            path, None, f"expected UTF-8 text (byte {error.start} is not)"
        ) from None
    body = _FRONT_MATTER.sub("", text, count=1)
    if not body.strip():
        raise ArticleFormatError(path, None, "expected draft text (the file is empty)")
    return body


def _dated(published: date | None, given: bool) -> str:
    """The line of a check's answer that says which date the draft was read on."""
    day = published.isoformat() if published is not None else "no date"
    if given:
        return f"Draft dated {day} (--published)."
    return (
        f"Draft dated {day}, today (give --published YYYY-MM-DD if it was written "
        "on another day)."
    )


def _run_graph(args: argparse.Namespace) -> int:
    from reconcile.graph import write_graph

    result = _reconcile(args)
    write_graph(result.graph, args.output)
    return EXIT_OK


def _run_diff(args: argparse.Namespace) -> int:
    if not args.store.is_file():
        raise ReconcileError(f"{args.store}: no such store file")
    with open_store(args.store, read_only=True) as store:
        runs = store.runs_since(args.since)
        changes = store.changes_since(args.since)
        status = {f.id: f.status for f in store.facts} if changes else {}
    by_run: dict[int, list[dict[str, str]]] = {run.run: [] for run in runs}
    for change in changes:
        by_run[change.run].append(
            {
                "fact": change.fact_id,
                "change": change.change,
                "detail": change.detail,
                "status_now": status.get(change.fact_id, "retired"),
            }
        )
    record = {
        "store": str(args.store),
        "since": args.since.isoformat(),
        "runs": [
            {
                "run": run.run,
                "at": run.at.isoformat(),
                "articles": run.articles,
                "claims": run.claims,
                "summary": run.summary,
                "changes": by_run[run.run],
            }
            for run in runs
        ],
    }
    if args.format == "json":
        _emit(json.dumps(record, indent=2, ensure_ascii=False) + "\n", args.output)
        return EXIT_OK
    lines = [f"# Changes in {args.store} since {args.since.isoformat()}", ""]
    for run in record["runs"]:
        lines += [f"## Run {run['run']} at {run['at']}", "", run["summary"], ""]
        lines += [
            f"- {c['fact']} **{c['change']}** (now {c['status_now']}): {c['detail']}"
            for c in run["changes"]
        ]
        lines.append("")
    if not runs:
        lines.append("No runs since then.")
    _emit("\n".join(lines).rstrip("\n") + "\n", args.output)
    return EXIT_OK


def _since(text: str) -> date | datetime:
    try:
        return datetime.fromisoformat(text) if "T" in text else date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected an ISO date like 2025-01-17 or an instant like "
            f"2025-01-17T09:00:00+00:00 (got {text!r})"
        ) from None


def _run_claimreview(args: argparse.Namespace) -> int:
    from reconcile.claimreview import claimreview_items, import_claimreview

    result = _reconcile(args)
    reviews = None if args.reviews is None else import_claimreview(args.reviews, result)
    items = claimreview_items(
        result,
        author=args.author,
        url_template=args.url_template,
        author_url=args.author_url,
        reviews=reviews,
    )
    _emit(json.dumps(items, indent=2, ensure_ascii=False) + "\n", args.output)
    return EXIT_OK


def _write_json_to(result: Reconciliation, handle: IO[bytes]) -> None:
    text = io.TextIOWrapper(handle, encoding="utf-8")
    write_json_report(
        result.articles, result.facts, text, _changes_of(result), result.events
    )
    text.flush()
    text.detach()  # write_atomic still owns (flushes, syncs, closes) the handle


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
    else:
        write_text_atomic(output, text)


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected an ISO date like 2025-01-17 (got {text!r})"
        ) from None


_SURROGATE = re.compile("[\ud800-\udfff]")


def _replace_surrogates(args: argparse.Namespace) -> None:
    """Replace lone surrogates (undecodable bytes on the command line) in text
    options by U+FFFD, with a warning: UTF-8 output could not hold them."""
    for name, value in vars(args).items():
        if isinstance(value, str) and _SURROGATE.search(value):
            setattr(args, name, _SURROGATE.sub("\ufffd", value))
            label = "TEXT" if name == "text" else f"--{name.replace('_', '-')}"
            warnings.warn(
                ReplacedTextWarning(
                    f"{label}: bytes that are not UTF-8 replaced by U+FFFD"
                ),
                stacklevel=2,
            )


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split())


def _show_warning(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: TextIO | None = None,
    line: str | None = None,
) -> None:
    print(
        f"reconcile: warning: {_one_line(message if isinstance(message, Warning) else Warning(message))}",
        file=sys.stderr,
    )


class _Progress:
    """Stage messages on stderr, only when it is a terminal."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.enabled = stream.isatty()
        self.started = time.perf_counter()

    def say(self, message: str) -> None:
        """One line of news (on a terminal only)."""
        if self.enabled:
            elapsed = time.perf_counter() - self.started
            print(f"\rreconcile: [{elapsed:6.1f}s] {message}\033[K", file=self.stream)

    def bar(self, stage: str, done: int, total: int) -> None:
        """Redraw the progress bar for *stage* in place."""
        width = 30
        filled = width * done // max(total, 1)
        end = "\n" if stage == "compare" else ""
        self.stream.write(
            f"\rreconcile: {stage:<8} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}\033[K{end}"
        )
        self.stream.flush()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
