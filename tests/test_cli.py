"""Tests for reconcile.cli: the ``reconcile`` command (report, check, graph), run in-process.

Only :class:`TestEntryPoint` starts real processes, to prove the installed
script and ``python -m reconcile.cli`` work; everything else calls
``reconcile.cli.main`` directly.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

import reconcile
from reconcile.cli import main
from reconcile.graph import read_graph

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "russia-iran-treaty" / "articles"
IRISH_TIMES = "irish-times-2025-01-17"
KYIV = "kyiv-independent-2025-04-21"
IT_SIGNING = "signed a strategic partnership agreement on Friday"
KI_SIGNING = "The treaty was first signed in Russia on Jan. 17"

GOOD = (
    "---\noutlet: Harbour Gazette\npublished: 2025-03-14\n---\n"
    "Norway and Chile signed a fisheries pact in Oslo on Friday.\n"
)
PREVIOUS = "an earlier report that must survive\n"


def run(argv: Sequence[object]) -> tuple[int, str, str]:
    """Run ``reconcile ARGV`` in-process; return (exit status, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main([str(arg) for arg in argv])
    return status, out.getvalue(), err.getvalue()


def run_exit(argv: Sequence[object]) -> tuple[int, str, str]:
    """Run ``reconcile ARGV`` where argparse itself exits; return (code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with (
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
        pytest.raises(SystemExit) as exit_info,
    ):
        main([str(arg) for arg in argv])
    return int(exit_info.value.code or 0), out.getvalue(), err.getvalue()


def report_json(*paths: object) -> dict[str, Any]:
    """The JSON report of *paths*, through the command line."""
    status, out, err = run(["report", "--format", "json", *paths])
    assert (0, "") == (status, err)
    return json.loads(out)


def fact_holding(
    report: dict[str, Any], article: str, quote: str, attribute: str = "date"
) -> dict[str, Any] | None:
    """The fact of *report* holding the claim of *article* whose text contains
    *quote*: the one of *attribute* when the claim supplies several facts."""
    holding = [
        fact
        for fact in report["facts"]
        for claim in fact["claims"]
        if claim["article"] == article and quote in claim["text"]
    ]
    preferred = [f for f in holding if f.get("attribute") == attribute]
    return (preferred or holding or [None])[0]


def claim_ids(fact: dict[str, Any] | None) -> set[str]:
    return set() if fact is None else {c["id"] for c in fact["claims"]}


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def copy_seed(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    shutil.copytree(SEED, folder)
    return folder


def republish(folder: Path, article: str, outlet: str) -> str:
    """Copy *article* in *folder* as a new article of *outlet*; return the new id."""
    text = (folder / f"{article}.md").read_text(encoding="utf-8")
    text = re.sub(r"^outlet: .*$", f"outlet: {outlet}", text, count=1, flags=re.M)
    new_id = f"republished-{article}"
    (folder / f"{new_id}.md").write_text(text, encoding="utf-8")
    return new_id


@pytest.fixture(scope="module")
def seed_report() -> dict[str, Any]:
    """The seed fixture set's JSON report."""
    return report_json(SEED)


@pytest.fixture(scope="module")
def thursday_report(tmp_path_factory) -> dict[str, Any]:
    """The seed set with the Irish Times' signing "on Friday" changed to "on Thursday"."""
    folder = copy_seed(tmp_path_factory.mktemp("thursday"))
    path = folder / f"{IRISH_TIMES}.md"
    text = path.read_text(encoding="utf-8")
    assert 1 == text.count("agreement on Friday that both")
    path.write_text(
        text.replace(
            "agreement on Friday that both", "agreement on Thursday that both"
        ),
        encoding="utf-8",
    )
    return report_json(folder)


# --------------------------------------------------------------------------- help


class TestHelp:
    @pytest.mark.parametrize(
        "command", [[], ["report"], ["check"], ["graph"]], ids=["top", *"rcg"]
    )
    def test_help_shows_examples(self, command):
        """``--help`` for the command and each subcommand exits 0 and shows examples."""
        code, out, err = run_exit([*command, "--help"])

        expected = (0, "", True, True)
        assert expected == (
            code,
            err,
            "examples:" in out,
            "reconcile report fixtures/russia-iran-treaty/articles" in out,
        )

    def test_no_subcommand_is_a_usage_error(self):
        """Running the command with no subcommand is a usage error (exit 2)."""
        code, out, err = run_exit([])

        expected = (2, "", True)
        assert expected == (code, out, "usage: reconcile" in err)


# --------------------------------------------------------------------------- bad input

BAD_FILES = [
    pytest.param("empty.md", b"", ("file is empty",), id="empty"),
    pytest.param("blank.md", b"  \n\t\n\n", ("only whitespace",), id="whitespace-only"),
    pytest.param(
        "unclosed.md",
        b"---\noutlet: Harbour Gazette\npublished: 2025-03-14\nNorway signed a pact.\n",
        ("front matter", "never closed"),
        id="front-matter-not-closed",
    ),
    pytest.param(
        "malformed.md",
        b"---\noutlet Harbour Gazette\npublished: 2025-03-14\n---\nNorway signed a pact.\n",
        ("line 2", "expected 'key: value'", "outlet Harbour Gazette"),
        id="malformed-front-matter-line",
    ),
    pytest.param(
        "friday.md",
        b"---\noutlet: Harbour Gazette\npublished: Friday\n---\nNorway signed a pact.\n",
        ("published", "ISO date", "Friday"),
        id="published-friday",
    ),
    pytest.param(
        "feb30.md",
        b"---\noutlet: Harbour Gazette\npublished: 2025-02-30\n---\nNorway signed a pact.\n",
        ("published", "2025-02-30"),
        id="published-impossible-date",
    ),
    pytest.param(
        "latin1.md",
        "---\noutlet: Harbour Gazette\npublished: 2025-03-14\n---\nSão Tomé signed a pact.\n".encode(
            "latin-1"
        ),
        ("not UTF-8",),
        id="non-utf8",
    ),
    pytest.param(
        "no-front-matter.md",
        b"Norway and Chile signed a pact.\n",
        ("front matter",),
        id="no-front-matter",
    ),
    pytest.param(
        "no-outlet.md",
        b"---\npublished: 2025-03-14\n---\nNorway signed a pact.\n",
        ("outlet", "missing"),
        id="no-outlet",
    ),
    pytest.param(
        "furniture.md",
        b"---\noutlet: Harbour Gazette\npublished: 2025-03-14\n---\nSubscribe\n* indicates required\n",
        ("no body text",),
        id="furniture-only-body",
    ),
    pytest.param(
        "truncated.json",
        b'{"outlet": "Harbour Gazette", "text": "Norway and Chi',
        ("invalid JSON",),
        id="truncated-json",
    ),
    pytest.param("number.json", b"42", ("JSON object", "number"), id="json-number"),
    pytest.param(
        "no-text.json",
        b'{"outlet": "Harbour Gazette"}',
        ("text", "missing"),
        id="json-without-text",
    ),
    pytest.param(
        "bad-line.jsonl",
        b'{"outlet": "Harbour Gazette", "text": "Norway signed a pact."}\n{oops\n',
        ("invalid JSON", "line 2"),
        id="jsonl-bad-second-line",
    ),
    pytest.param("missing.md", None, ("no such file",), id="path-does-not-exist"),
    pytest.param(
        "notes.csv", b"outlet,text\n", (".csv", "expected a .md"), id="unsupported-ext"
    ),
]


def assert_one_line_error(err: str, path: Path, fragments: Sequence[str]) -> None:
    lines = err.splitlines()
    expected = (1, True, True, [], False)
    assert expected == (
        len(lines),
        lines[0].startswith("reconcile: error: ") if lines else False,
        str(path) in err,
        [f for f in fragments if f not in err],
        "Traceback" in err,
    ), err


class TestBadInput:
    @pytest.mark.parametrize(("name", "content", "fragments"), BAD_FILES)
    def test_one_line_error_and_exit_2(self, tmp_path, name, content, fragments):
        """A bad file gives exit 2, one stderr line naming the file and the problem, no stdout."""
        path = tmp_path / name if content is None else write(tmp_path, name, content)

        status, out, err = run(["report", path])

        assert (2, "") == (status, out)
        assert_one_line_error(err, path, fragments)

    @pytest.mark.parametrize(("name", "content", "fragments"), BAD_FILES)
    def test_no_output_file_created(self, tmp_path, name, content, fragments):
        """With ``-o``, a bad file leaves no output file (and no temporary file) behind."""
        path = tmp_path / "in" / name
        if content is not None:
            write(tmp_path / "in", name, content)
        outdir = tmp_path / "out"
        outdir.mkdir()

        status, out, _ = run(
            ["report", "--format", "json", "-o", outdir / "r.json", path]
        )

        expected = (2, "", [])
        assert expected == (status, out, sorted(p.name for p in outdir.iterdir()))

    @pytest.mark.parametrize(("name", "content", "fragments"), BAD_FILES)
    def test_existing_output_untouched(self, tmp_path, name, content, fragments):
        """With ``-o`` naming an existing file, a bad input leaves that file as it was."""
        path = tmp_path / name
        if content is not None:
            write(tmp_path, name, content)
        target = write(tmp_path, "report.md", PREVIOUS)

        status, _, _ = run(["report", "-o", target, path])

        expected = (2, PREVIOUS, ["report.md"])
        assert expected == (
            status,
            target.read_text(encoding="utf-8"),
            sorted(p.name for p in tmp_path.iterdir() if p.name != name),
        )

    @pytest.mark.parametrize(
        "command",
        [
            pytest.param(["report", "--format", "html"], id="report-html"),
            pytest.param(["check", "Norway signed a pact."], id="check"),
            pytest.param(
                ["check", "--format", "json", "Norway signed."], id="check-json"
            ),
        ],
    )
    def test_every_subcommand_rejects_bad_input(self, tmp_path, command):
        """``check`` and every ``report`` format give the same one-line error and exit 2."""
        path = write(tmp_path, "empty.md", b"")

        status, out, err = run([*command, path])

        assert (2, "") == (status, out)
        assert_one_line_error(err, path, ["file is empty"])

    def test_graph_rejects_bad_input_without_writing(self, tmp_path):
        """``graph`` with a bad file exits 2 and writes no graph file."""
        path = write(tmp_path, "empty.md", b"")
        target = tmp_path / "g.graphml"

        status, out, err = run(["graph", path, "-o", target])

        assert (2, "", False) == (status, out, target.exists())
        assert_one_line_error(err, path, ["file is empty"])

    def test_bad_file_in_directory_is_named(self, tmp_path):
        """A bad file inside a directory is named by its own path, not the directory's."""
        write(tmp_path, "a-good.md", GOOD)
        bad = write(tmp_path, "b-bad.md", b"---\noutlet: X\n")

        status, out, err = run(["report", tmp_path])

        assert (2, "") == (status, out)
        assert_one_line_error(err, bad, ["never closed"])

    def test_unsupported_file_in_directory_is_skipped(self, tmp_path):
        """A directory's files of other types are skipped silently; named directly, they fail."""
        write(tmp_path, "a-good.md", GOOD)
        write(tmp_path, "notes.csv", b"outlet,text\n")

        status, out, err = run(["report", "--format", "json", tmp_path])

        expected = (0, "", ["a-good"])
        assert expected == (status, err, [a["id"] for a in json.loads(out)["articles"]])

    def test_empty_directory(self, tmp_path):
        """A directory without article files is bad input (exit 2, one line naming it)."""
        status, out, err = run(["report", tmp_path])

        assert (2, "") == (status, out)
        assert_one_line_error(err, tmp_path, ["no article files"])

    def test_missing_published_warns_and_succeeds(self, tmp_path):
        """A missing ``published`` is allowed: exit 0, one warning line naming the file."""
        path = write(
            tmp_path,
            "undated.md",
            "---\noutlet: Harbour Gazette\n---\nNorway and Chile signed a pact on Friday.\n",
        )

        status, out, err = run(["report", "--format", "json", path])

        lines = err.splitlines()
        expected = (0, 1, True, True, True, ["undated"])
        assert expected == (
            status,
            len(lines),
            lines[0].startswith("reconcile: warning: "),
            str(path) in err,
            "published" in err,
            [a["id"] for a in json.loads(out)["articles"]],
        )

    def test_bad_threshold_option(self):
        """An out-of-range ``--threshold`` is a one-line error naming the option (exit 2)."""
        status, out, err = run(["report", "--threshold", "200", SEED])

        expected = (2, "", 1, True, True)
        assert expected == (
            status,
            out,
            len(err.splitlines()),
            "--threshold" in err,
            "200" in err,
        )

    def test_missing_alias_file(self, tmp_path):
        """A missing ``--alias-file`` is a one-line error naming it (exit 2)."""
        alias = tmp_path / "aliases.json"

        status, out, err = run(["report", "--alias-file", alias, SEED])

        assert (2, "") == (status, out)
        assert_one_line_error(err, alias, ["alias file"])

    @pytest.mark.parametrize(
        "argv",
        [
            pytest.param(["report", "--format", "pdf", "x.md"], id="report-format"),
            pytest.param(["check", "--format", "html", "t", "x.md"], id="check-format"),
            pytest.param(
                ["check", "--published", "Friday", "t", "x.md"], id="published"
            ),
            pytest.param(["graph", "x.md"], id="graph-without-o"),
            pytest.param(["report"], id="no-path"),
        ],
    )
    def test_usage_errors_exit_2(self, argv):
        """Bad options are argparse usage errors: exit 2, usage on stderr, nothing on stdout."""
        code, out, err = run_exit(argv)

        expected = (2, "", True)
        assert expected == (code, out, "usage: reconcile" in err)


class TestKeepGoing:
    def test_skips_bad_file_and_reports_the_rest(self, tmp_path):
        """``--keep-going`` skips a bad file with a one-line warning and reports the rest."""
        write(tmp_path, "a-good.md", GOOD)
        bad = write(tmp_path, "b-empty.md", b"")

        status, out, err = run(["report", "--keep-going", "--format", "json", tmp_path])

        lines = err.splitlines()
        expected = (0, 1, True, True, ["a-good"])
        assert expected == (
            status,
            len(lines),
            lines[0].startswith("reconcile: warning: "),
            str(bad) in err,
            [a["id"] for a in json.loads(out)["articles"]],
        )

    def test_without_keep_going_one_bad_file_fails(self, tmp_path):
        """Without ``--keep-going`` one bad file fails the whole run."""
        write(tmp_path, "a-good.md", GOOD)
        write(tmp_path, "b-empty.md", b"")

        status, out, _ = run(["report", tmp_path])

        assert (2, "") == (status, out)

    def test_every_file_bad_fails(self, tmp_path):
        """``--keep-going`` still exits 2 with an error line when every file is bad."""
        first = write(tmp_path, "a-empty.md", b"")
        second = write(tmp_path, "b-number.json", b"42")
        target = tmp_path / "out.md"

        status, out, err = run(["report", "--keep-going", "-o", target, tmp_path])

        lines = err.splitlines()
        expected = (2, "", False, 3, True, True, True, False)
        assert expected == (
            status,
            out,
            target.exists(),
            len(lines),
            all(line.startswith("reconcile: ") for line in lines),
            lines[-1].startswith("reconcile: error: "),
            str(first) in err and str(second) in err,
            "Traceback" in err,
        )


# --------------------------------------------------------------------------- report


class TestReportCommand:
    def test_markdown_by_default(self):
        """``report`` writes a readable Markdown report with each fact's status and evidence."""
        status, out, err = run(["report", SEED])

        expected = (0, "", True, True, True, True, True)
        assert expected == (
            status,
            err,
            out.startswith("# Corroboration report\n"),
            "CORROBORATED" in out,
            "SINGLE-SOURCE" in out,
            "The Irish Times" in out,
            IT_SIGNING in out,
        )

    def test_json_stdout_equals_output_file(self, tmp_path):
        """``--format json`` on stdout and written with ``-o`` are the same document."""
        target = tmp_path / "report.json"

        status, out, _ = run(["report", "--format", "json", SEED])
        status_o, out_o, _ = run(["report", "--format", "json", "-o", target, SEED])

        expected = (0, 0, "", out)
        assert expected == (status, status_o, out_o, target.read_text(encoding="utf-8"))

    def test_html_output_file_is_self_contained(self, tmp_path):
        """``--format html -o FILE`` writes one page that loads nothing from elsewhere."""
        target = tmp_path / "report.html"

        status, out, err = run(["report", "--format", "html", "-o", target, SEED])

        page = target.read_text(encoding="utf-8")
        expected = (0, "", "", True, True, [], True)
        assert expected == (
            status,
            out,
            err,
            page.lstrip().lower().startswith("<!doctype html"),
            page.rstrip().endswith("</html>"),
            re.findall(r"<link\b|\bsrc\s*=|@import|url\(\s*['\"]?https?:", page),
            "The Kyiv Independent" in page,
        )

    @pytest.mark.parametrize("fmt", ["markdown", "json", "html"])
    def test_output_written_atomically(self, tmp_path, fmt):
        """``-o`` replaces an existing file whole and leaves no temporary file beside it."""
        target = write(tmp_path, "report.out", PREVIOUS)

        status, out, _ = run(["report", "--format", fmt, "-o", target, SEED])

        text = target.read_text(encoding="utf-8")
        expected = (0, "", ["report.out"], False)
        assert expected == (
            status,
            out,
            sorted(p.name for p in tmp_path.iterdir()),
            PREVIOUS in text,
        )

    def test_output_directory_missing(self, tmp_path):
        """``-o`` into a missing directory is a one-line error naming the file (exit 2)."""
        target = tmp_path / "nowhere" / "report.md"

        status, out, err = run(["report", "-o", target, SEED])

        assert (2, "") == (status, out)
        assert_one_line_error(err, target, [])

    def test_output_is_a_directory(self, tmp_path):
        """``-o`` naming an existing directory is a one-line error (exit 2), not a traceback."""
        target = tmp_path / "reports"
        target.mkdir()

        status, out, err = run(["report", "-o", target, SEED])

        assert (2, "") == (status, out)
        assert_one_line_error(err, target, [])


# --------------------------------------------------------------------------- the seed case


class TestSeedCase:
    def test_signing_claims_are_one_corroborated_fact(self, seed_report):
        """The Irish Times' "on Friday" and the Kyiv Independent's "on Jan. 17" are one corroborated fact."""
        irish = fact_holding(seed_report, IRISH_TIMES, IT_SIGNING)
        kyiv = fact_holding(seed_report, KYIV, KI_SIGNING)

        assert irish is not None
        expected = (irish["id"], "corroborated", True)
        assert expected == (
            kyiv and kyiv["id"],
            irish["status"],
            irish["independent_origins"] >= 2,
        )

    def test_signing_fact_agrees_on_the_date(self, seed_report):
        """The signing fact has a date agreement on 2025-01-17 that includes both seed claims."""
        fact = fact_holding(seed_report, IRISH_TIMES, IT_SIGNING)
        assert fact is not None
        seeds = {
            c["id"]
            for c in fact["claims"]
            if IT_SIGNING in c["text"] or KI_SIGNING in c["text"]
        }

        agreements = [
            a
            for a in fact["agreements"]
            if a["kind"] == "date" and seeds <= set(a["claims"])
        ]

        expected = (["2025-01-17"], [])
        assert expected == ([a["value"] for a in agreements], fact["conflicts"])

    def test_on_friday_resolves_to_the_publication_day(self, seed_report):
        """The Irish Times' "on Friday" (published Friday 2025-01-17) is 2025-01-17."""
        fact = fact_holding(seed_report, IRISH_TIMES, IT_SIGNING)
        assert fact is not None
        claim = next(c for c in fact["claims"] if IT_SIGNING in c["text"])

        actual = [
            (v["text"], v["normalized"], v["earliest"], v["latest"])
            for v in claim["values"]
            if v["kind"] == "date"
        ]

        expected = [("on Friday", "2025-01-17", "2025-01-17", "2025-01-17")]
        assert expected == actual

    def test_twenty_year_term_is_single_source(self, seed_report):
        """Both Irish Times mentions of the "20-year" term are one single-source fact."""
        first = fact_holding(seed_report, IRISH_TIMES, "under a 20-year pact")
        second = fact_holding(seed_report, IRISH_TIMES, "the 20-year partnership deal")

        assert first is not None
        expected = (first["id"], "single_source", 1, ["The Irish Times"])
        assert expected == (
            second and second["id"],
            first["status"],
            first["independent_origins"],
            first["outlets"],
        )

    def test_changed_date_makes_a_conflict(self, thursday_report):
        """Moving one outlet's signing day makes the same fact conflicting."""
        irish = fact_holding(thursday_report, IRISH_TIMES, "agreement on Thursday")
        kyiv = fact_holding(thursday_report, KYIV, KI_SIGNING)

        assert irish is not None
        expected = (irish["id"], "conflicting")
        assert expected == (kyiv and kyiv["id"], irish["status"])

    def test_conflict_names_both_dates_and_both_outlets(self, thursday_report):
        """The date conflict names 2025-01-16 and 2025-01-17 and both outlets."""
        fact = fact_holding(thursday_report, IRISH_TIMES, "agreement on Thursday")
        assert fact is not None
        irish = next(c["id"] for c in fact["claims"] if "on Thursday" in c["text"])
        kyiv = next(c["id"] for c in fact["claims"] if KI_SIGNING in c["text"])

        actual = [
            (sorted(c["values"]), sorted(c["outlets"]))
            for c in fact["conflicts"]
            if c["kind"] == "date" and set(c["claims"]) == {irish, kyiv}
        ]

        expected = [
            (["2025-01-16", "2025-01-17"], ["The Irish Times", "The Kyiv Independent"])
        ]
        assert expected == actual

    def test_agreement_excludes_the_dissenting_claim(self, thursday_report):
        """After the change, the date agreement is on 2025-01-17 and leaves the Irish Times out."""
        fact = fact_holding(thursday_report, IRISH_TIMES, "agreement on Thursday")
        assert fact is not None
        irish = next(c["id"] for c in fact["claims"] if "on Thursday" in c["text"])
        kyiv = next(c["id"] for c in fact["claims"] if KI_SIGNING in c["text"])

        actual = [
            (a["value"], irish in a["claims"])
            for a in fact["agreements"]
            if a["kind"] == "date" and kyiv in a["claims"]
        ]

        expected = [("2025-01-17", False)]
        assert expected == actual

    @pytest.mark.parametrize(
        "article",
        [IRISH_TIMES, KYIV, "baltic-wire-2025-01-18", "continental-press-2025-01-17"],
    )
    def test_republished_copy_keeps_every_verdict(self, tmp_path, seed_report, article):
        """No fact supported by a republished article changes status or independent origins."""
        folder = copy_seed(tmp_path)
        republish(folder, article, "The Echo Chamber")

        after = report_json(folder)

        def verdicts(report: dict[str, Any]) -> dict[str, tuple[str, int]]:
            return {
                c["id"]: (f["status"], f["independent_origins"])
                for f in report["facts"]
                for c in f["claims"]
                if c["article"] == article
            }

        assert verdicts(seed_report) == verdicts(after)

    def test_republished_copy_is_one_origin_with_its_original(self, tmp_path):
        """A republished copy shares its original's origin: the copy adds no independent origin."""
        folder = copy_seed(tmp_path)
        new_id = republish(folder, IRISH_TIMES, "The Echo Chamber")

        after = report_json(folder)

        fact = fact_holding(after, IRISH_TIMES, "under a 20-year pact")
        copy = fact_holding(after, new_id, "under a 20-year pact")
        assert fact is not None
        expected = (fact["id"], "single_source", 1)
        assert expected == (
            copy and copy["id"],
            fact["status"],
            fact["independent_origins"],
        )


# --------------------------------------------------------------------------- graph


def walk_back(graph: nx.MultiDiGraph, claim: str) -> list[tuple[str, str]]:
    """The (article, source) pairs a claim node walks back to via states/published edges."""
    found = []
    for article, _, kind in graph.in_edges(claim, data="kind"):
        if kind != "states" or graph.nodes[article].get("kind") != "article":
            continue
        for source, _, edge_kind in graph.in_edges(article, data="kind"):
            if edge_kind == "published" and graph.nodes[source].get("kind") == "source":
                found.append((article, source))
    return found


class TestGraphCommand:
    def test_graphml_claims_walk_back_to_source(self, tmp_path):
        """Every claim node of the GraphML walks back by ``states`` and ``published`` to its outlet."""
        target = tmp_path / "g.graphml"

        status, out, err = run(["graph", SEED, "-o", target])
        graph = nx.read_graphml(target, force_multigraph=True)

        claims = [n for n, kind in graph.nodes(data="kind") if kind == "claim"]
        bad = []
        for claim in claims:
            paths = walk_back(graph, claim)
            if len(paths) != 1:
                bad.append((claim, paths))
                continue
            article, source = paths[0]
            if graph.nodes[article]["outlet"] != graph.nodes[source]["name"]:
                bad.append((claim, paths))
        expected = (0, "", "", True, [])
        assert expected == (status, out, err, len(claims) > 0, bad)

    def test_graphml_states_edges_hold_the_exact_characters(self, tmp_path):
        """Each ``states`` edge's span picks the claim's text out of its article's text."""
        target = tmp_path / "g.graphml"
        run(["graph", SEED, "-o", target])
        graph = nx.read_graphml(target, force_multigraph=True)

        wrong = [
            (article, claim)
            for article, claim, data in graph.edges(data=True)
            if data["kind"] == "states"
            and graph.nodes[article]["text"][data["start"] : data["end"]]
            != data["text"]
        ]

        assert [] == wrong

    def test_json_reads_back_equal(self, tmp_path):
        """``-o g.json`` is read back by ``read_graph`` into the library's graph."""
        target = tmp_path / "g.json"

        status, _, err = run(["graph", SEED, "-o", target])

        built = reconcile.reconcile(reconcile.load_articles(SEED)).graph
        expected = (0, "", True)
        assert expected == (
            status,
            err,
            nx.utils.graphs_equal(built, read_graph(target)),
        )

    @pytest.mark.parametrize("name", ["g.gexf", "g.txt", "g"])
    def test_unknown_suffix(self, tmp_path, name):
        """An output name whose suffix is not a graph format is exit 2 and writes nothing."""
        target = tmp_path / name

        status, out, err = run(["graph", SEED, "-o", target])

        assert (2, "", []) == (status, out, list(tmp_path.iterdir()))
        assert_one_line_error(err, target, [".graphml"])


# --------------------------------------------------------------------------- entry point


def _script() -> str | None:
    return shutil.which("reconcile", path=str(Path(sys.executable).parent))


class TestEntryPoint:
    def test_module_help(self):
        """``python -m reconcile.cli --help`` exits 0 and shows the examples."""
        done = subprocess.run(
            [sys.executable, "-m", "reconcile.cli", "--help"],
            capture_output=True,
            text=True,
            check=False,
        )

        expected = (0, True, "")
        assert expected == (done.returncode, "examples:" in done.stdout, done.stderr)

    @pytest.mark.skipif(
        _script() is None, reason="the reconcile script is not installed"
    )
    def test_installed_script_reports_json(self):
        """The installed ``reconcile`` script writes the JSON report of the seed set."""
        done = subprocess.run(
            [_script(), "report", "--format", "json", str(SEED)],
            capture_output=True,
            text=True,
            check=False,
            encoding="utf-8",
        )

        expected = (0, "", ["articles", "events", "facts", "reconcile_version"])
        assert expected == (
            done.returncode,
            done.stderr,
            sorted(json.loads(done.stdout)),
        )

    def test_module_bad_input(self, tmp_path):
        """A real process given bad input exits 2 with one error line and no traceback."""
        path = write(tmp_path, "empty.md", b"")
        target = tmp_path / "report.json"

        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "reconcile.cli",
                "report",
                "-o",
                str(target),
                str(path),
            ],
            capture_output=True,
            text=True,
            check=False,
        )

        assert (2, "", False) == (done.returncode, done.stdout, target.exists())
        assert_one_line_error(done.stderr, path, ["file is empty"])
