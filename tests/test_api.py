"""Tests for reconcile.api: ``reconcile``, ``load_articles`` and the Reconciliation result."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from pathlib import Path

import attrs
import networkx as nx
import pytest

import reconcile
from reconcile import (
    Article,
    CheckResult,
    Config,
    InvalidValueError,
    ReconcileError,
    Reconciliation,
)
from reconcile.errors import ArticleFormatError

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "russia-iran-treaty" / "articles"

A = Article(
    id="a",
    outlet="Desk A",
    published=date(2025, 1, 17),
    text="Russia and Iran signed a partnership treaty on Friday in Moscow.",
)
B = Article(
    id="b",
    outlet="Desk B",
    published=date(2025, 1, 18),
    text="Moscow and Tehran inked a partnership pact on Friday.",
)


@pytest.fixture(scope="module")
def seed() -> Reconciliation:
    """The seed fixture set, reconciled."""
    return reconcile.reconcile(reconcile.load_articles(SEED))


class TestReconcile:
    def test_two_outlets_corroborate(self):
        """Two outlets dating one signing give its date fact two origins; the place
        only one of them names is single-source; both are facts of one event."""
        result = reconcile.reconcile([A, B])

        expected = [
            ("date", "corroborated", 2, ("Desk A", "Desk B")),
            ("place", "single_source", 1, ("Desk A",)),
        ]
        assert expected == sorted(
            (f.attribute, f.status, f.verdict.independent_origins, f.outlets)
            for f in result.facts
        )
        assert 1 == len({f.event for f in result.facts})

    def test_result_holds_articles_claims_facts_config(self, seed):
        """The result carries the articles given, their claims, the facts and the config used."""
        articles = reconcile.load_articles(SEED)

        expected = (articles, Config(), True, True)
        assert expected == (
            seed.articles,
            seed.config,
            len(seed.claims) > len(articles),
            len(seed.facts) > 0,
        )

    def test_accepts_any_iterable(self):
        """Articles may come from a generator."""
        expected = reconcile.reconcile([A, B])
        assert expected == reconcile.reconcile(a for a in (A, B))

    def test_deterministic(self):
        """Reconciling the same articles twice gives equal results."""
        assert reconcile.reconcile([A, B]) == reconcile.reconcile([A, B])

    def test_config_is_used(self):
        """An event threshold no pair reaches keeps the two outlets' accounts apart."""
        config = Config(event_threshold=1 - 1e-15)
        result = reconcile.reconcile([A, B], config)

        expected = (config, ["single_source"] * len(result.facts))
        assert expected == (result.config, [f.status for f in result.facts])

    def test_empty(self):
        """reconcile([]) works and gives nothing."""
        result = reconcile.reconcile([])

        expected = ((), (), (), 0, ())
        assert expected == (
            result.articles,
            result.claims,
            result.facts,
            result.graph.number_of_nodes(),
            result.check("Russia and Iran signed a treaty.").matches,
        )

    def test_empty_report(self):
        """The report of nothing is an empty JSON report."""
        record = json.loads(reconcile.reconcile([]).report("json"))

        expected = ([], [])
        assert expected == (record["articles"], record["facts"])

    def test_duplicate_ids_raise(self):
        """Two articles sharing an id raise InvalidValueError naming the id."""
        twin = attrs.evolve(B, id="a")

        with pytest.raises(InvalidValueError, match="'a'"):
            reconcile.reconcile([A, twin])

    def test_duplicate_ids_name_both_paths(self):
        """When the articles came from files, the duplicate-id error names both files."""
        first = attrs.evolve(A, path="one.md")
        second = attrs.evolve(B, id="a", path="two.md")

        with pytest.raises(ReconcileError, match=r"one\.md.*two\.md"):
            reconcile.reconcile([first, second])

    def test_duplicate_ids_across_files(self, tmp_path):
        """load_articles refuses two files declaring the same id."""
        for name in ("one.md", "two.md"):
            (tmp_path / name).write_text(
                "---\nid: same\noutlet: Desk\npublished: 2025-01-17\n---\nA pact was signed.\n",
                encoding="utf-8",
            )

        with pytest.raises(ArticleFormatError, match="duplicate article id"):
            reconcile.load_articles(tmp_path)

    def test_single_outlet_is_single_source(self):
        """With one article, every fact is single-source."""
        result = reconcile.reconcile([A])

        assert {"single_source"} == {f.status for f in result.facts}


class TestFact:
    def test_by_id(self, seed):
        """``fact(id)`` returns the fact with that id."""
        expected = seed.facts[-1]
        assert expected == seed.fact(expected.id)

    def test_unknown_id(self, seed):
        """``fact`` raises KeyError for an unknown id."""
        with pytest.raises(KeyError, match="F999999"):
            seed.fact("F999999")


class TestReport:
    @pytest.mark.parametrize(
        ("fmt", "prefix"),
        [
            ("markdown", "# Corroboration report"),
            ("json", "{"),
            ("html", "<!DOCTYPE html>"),
        ],
    )
    def test_formats(self, seed, fmt, prefix):
        """``report(format)`` renders markdown, json and html."""
        text = seed.report(format=fmt)

        assert text.startswith(prefix)

    def test_markdown_is_default(self, seed):
        """Markdown is the default format."""
        assert seed.report("markdown") == seed.report()

    def test_json_is_the_report_record(self, seed):
        """``report("json")`` is the JSON of ``to_report().to_record()``."""
        assert seed.to_report().to_record() == json.loads(seed.report("json"))

    @pytest.mark.parametrize("fmt", ["pdf", "JSON", "", "md"])
    def test_bad_format(self, seed, fmt):
        """An unknown format raises a ReconcileError (also a ValueError) naming it."""
        with pytest.raises(ReconcileError, match="report format") as info:
            seed.report(format=fmt)  # type: ignore[arg-type]

        assert isinstance(info.value, ValueError)


class TestGraph:
    def test_is_a_multidigraph(self, seed):
        """``graph`` is a MultiDiGraph with a node per article, claim and fact."""
        graph = seed.graph

        kinds = Counter(kind for _, kind in graph.nodes(data="kind"))
        expected = (True, len(seed.articles), len(seed.claims), len(seed.facts))
        assert expected == (
            isinstance(graph, nx.MultiDiGraph),
            kinds["article"],
            kinds["claim"],
            kinds["fact"],
        )

    def test_cached(self, seed):
        """``graph`` is built once and then reused."""
        assert seed.graph is seed.graph

    def test_supports_edges(self, seed):
        """Every claim supports exactly its own fact."""
        expected = {
            (f"claim:{c.id}", f"fact:{f.id}") for f in seed.facts for c in f.claims
        }
        actual = {
            (u, v) for u, v, kind in seed.graph.edges(data="kind") if kind == "supports"
        }
        assert expected == actual


class TestCheck:
    def test_returns_check_result(self, seed):
        """``check`` returns the draft's claims and matched facts."""
        result = seed.check("Russia and Iran signed a 30-year pact.")

        expected = (True, "Russia and Iran signed a 30-year pact.", True)
        assert expected == (
            isinstance(result, CheckResult),
            result.query,
            len(result.matches) > 0,
        )

    def test_published_anchors_the_draft(self, seed):
        """``check(published=...)`` resolves the draft's "on Friday"."""
        result = seed.check(
            "Russia and Iran signed a pact on Friday.", published=date(2025, 1, 17)
        )

        expected = ["2025-01-17"]
        assert expected == [d.normalized for c in result.claims for d in c.dates]


class TestReconciliationValue:
    def test_frozen(self, seed):
        """A Reconciliation cannot be changed."""
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            seed.facts = ()  # type: ignore[misc]

    def test_load_articles_reexported(self):
        """``reconcile.load_articles`` is the ingest function."""
        from reconcile.ingest import load_articles

        assert load_articles is reconcile.load_articles
