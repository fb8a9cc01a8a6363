"""Tests for reconcile.graph: building, querying and exporting the provenance graph."""

from __future__ import annotations

import json
import os
import sys
import tempfile
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reconcile.errors import (
    ExportError,
    InputError,
    InvalidSpanError,
    InvalidValueError,
    MissingPathError,
    ReconcileError,
    UnsupportedFormatError,
)
from reconcile.graph import (
    GRAPH_SUFFIXES,
    PROV_NAMESPACE,
    Disagreement,
    EvidenceSpan,
    UnknownNodeError,
    build_provenance_graph,
    disagreeing_outlets,
    facts_for_claim,
    facts_for_outlet,
    read_graph,
    supporting_spans,
    write_graph,
)
from reconcile.model import (
    STATUSES,
    Actor,
    Agreement,
    Article,
    Claim,
    Conflict,
    DateValue,
    Fact,
    MatchReason,
    Membership,
    OriginGroup,
    Quantity,
    Span,
    Verdict,
)

KI = "The Kyiv Independent"
IT = "The Irish Times"


# --------------------------------------------------------------------------- helpers


def _span(article: Article, phrase: str) -> Span:
    start = article.text.index(phrase)
    return Span(start, start + len(phrase))


def _claim(article: Article, claim_id: str, phrase: str, **kwargs: Any) -> Claim:
    return Claim(
        id=claim_id,
        article_id=article.id,
        outlet=article.outlet,
        text=phrase,
        span=_span(article, phrase),
        published=article.published,
        **kwargs,
    )


def _world() -> tuple[list[Article], list[Fact]]:
    """Two outlets, three claims, two facts, one conflict, one merged origin."""
    ki = Article(
        id="ki-0421",
        outlet=KI,
        published=date(2025, 4, 21),
        url="https://example.org/ki",
        title="Putin signs law ratifying treaty with Iran",
        text=(
            "The agreement was initially signed in Russia on Jan. 17.\n"
            "Russian state-controlled media reported that the pact runs for 25 years."
        ),
    )
    it = Article(
        id="it-0117",
        outlet=IT,
        published=date(2025, 1, 17),
        text="Russia and Iran signed a “20-year pact” on Friday.\r\nIt is historic.",
    )
    c1 = _claim(
        ki,
        "c1",
        "The agreement was initially signed in Russia on Jan. 17",
        values=[
            DateValue(
                text="Jan. 17",
                span=_span(ki, "Jan. 17"),
                earliest=date(2025, 1, 17),
                latest=date(2025, 1, 17),
                role="signed",
            ),
            Actor(
                text="Russia",
                span=_span(ki, "Russia"),
                canonical="Russia",
                role="place",
            ),
        ],
    )
    c2_text = "Russia and Iran signed a “20-year pact” on Friday"
    c2 = Claim(
        id="c2",
        article_id=it.id,
        outlet=IT,
        text=c2_text,
        span=_span(it, c2_text),
        published=it.published,
        values=[
            DateValue(
                text="on Friday",
                span=_span(it, "on Friday"),
                earliest=date(2025, 1, 17),
                latest=date(2025, 1, 17),
            ),
            Quantity(
                text="20-year", span=_span(it, "20-year"), low=20, high=20, unit="years"
            ),
        ],
    )
    c3_text = "Russian state-controlled media reported that the pact runs for 25 years"
    c3 = Claim(
        id="c3",
        article_id=ki.id,
        outlet=KI,
        text=c3_text,
        span=_span(ki, c3_text),
        values=[
            Quantity(
                text="25 years",
                span=_span(ki, "25 years"),
                low=25,
                high=None,
                unit="years",
            )
        ],
        attributed_to="Russian state media",
        hedged=True,
    )
    reason = MatchReason(
        rule="token_set_ratio", score=91.5, threshold=62.0, detail="same actors"
    )
    signing = Fact(
        id="F1",
        statement=c2.text,
        claims=[c1, c2],
        memberships=[Membership("c1", 91.5, [reason]), Membership("c2", 100.0)],
        verdict=Verdict("corroborated", 0.8, 2, "two independent outlets"),
        agreements=[Agreement("date", "2025-01-17", ["c1", "c2"])],
        origins=[
            OriginGroup(origin=KI, outlets=[KI], claim_ids=["c1"]),
            OriginGroup(origin=IT, outlets=[IT], claim_ids=["c2"]),
        ],
    )
    term = Fact(
        id="F2",
        statement=c3.text,
        claims=[c3],
        verdict=Verdict("conflicting", 0.3, 1),
    )
    return [ki, it], [signing, term]


def _world_with_conflict() -> tuple[list[Article], list[Fact]]:
    """The seed-like world, with the 20-year term put in F2 in conflict with 25 years."""
    articles, (signing, term) = _world()
    c2, c3 = signing.claims[1], term.claims[0]
    conflict = Conflict(
        kind="quantity",
        claim_ids=("c2", "c3"),
        values=("20 years", ">=25 years"),
        outlets=(IT, KI),
        spans=(c2.quantities[0].span, c3.quantities[0].span),
        rule="disjoint_intervals",
        explanation="20 years and at least 25 years do not overlap",
    )
    term = Fact(
        id="F2",
        statement=c3.text,
        claims=[c3],
        verdict=Verdict("conflicting", 0.3, 1),
        conflicts=[conflict],
        origins=[
            OriginGroup(
                origin="Russian state media",
                outlets=[IT, KI],
                claim_ids=["c3"],
                reason="attributed to Russian state media",
            )
        ],
    )
    return articles, [signing, term]


def _graph() -> nx.MultiDiGraph:
    return build_provenance_graph(*_world_with_conflict())


def _typed(G: nx.MultiDiGraph) -> tuple[Any, ...]:
    """A canonical, type-aware picture of a graph: 1 and 1.0 and True all differ."""

    def items(data: dict[str, Any]) -> list[tuple[str, str, Any]]:
        return sorted((k, type(v).__name__, v) for k, v in data.items())

    nodes = sorted((n, items(d)) for n, d in G.nodes(data=True))
    edges = sorted(
        (u, v, type(k).__name__, str(k), items(d))
        for u, v, k, d in G.edges(keys=True, data=True)
    )
    return (
        type(G).__name__,
        items(G.graph),
        nodes,
        edges,
        [n for n in G],
    )


def _round_trip(G: nx.MultiDiGraph, suffix: str) -> nx.MultiDiGraph:
    with tempfile.TemporaryDirectory() as tmp:
        return read_graph(write_graph(G, Path(tmp) / f"graph{suffix}"))


# --------------------------------------------------------------------------- build


class TestBuildProvenanceGraph:
    def test_node_ids_and_kinds(self) -> None:
        """Every node id is namespaced by its kind and carries that kind."""
        G = _graph()

        expected = {
            f"source:{KI}": "source",
            f"source:{IT}": "source",
            "article:ki-0421": "article",
            "article:it-0117": "article",
            "claim:c1": "claim",
            "claim:c2": "claim",
            "claim:c3": "claim",
            "fact:F1": "fact",
            "fact:F2": "fact",
            f"origin:{KI}": "origin",
            f"origin:{IT}": "origin",
            "origin:Russian state media": "origin",
        }
        assert expected == dict(G.nodes(data="kind"))

    def test_edge_kinds(self) -> None:
        """Each edge kind links the kinds of node the contract names."""
        G = _graph()

        expected = {
            ("source", "article", "published"),
            ("article", "claim", "states"),
            ("claim", "fact", "supports"),
            ("claim", "claim", "conflicts_with"),
            ("claim", "origin", "attributed_to"),
        }
        actual = {
            (G.nodes[u]["kind"], G.nodes[v]["kind"], d["kind"])
            for u, v, d in G.edges(data=True)
        }
        assert expected == actual

    def test_published_edges(self) -> None:
        """Each article hangs off its outlet's source node."""
        G = _graph()

        expected = [
            (f"source:{KI}", "article:ki-0421"),
            (f"source:{IT}", "article:it-0117"),
        ]
        actual = [(u, v) for u, v, k in G.edges(data="kind") if k == "published"]
        assert expected == actual

    def test_article_attributes(self) -> None:
        """Article nodes hold outlet, ISO date, url, title and the cleaned text; None is ""."""
        (ki, it), _ = _world()
        G = _graph()

        expected = {
            "kind": "article",
            "outlet": IT,
            "published": "2025-01-17",
            "url": "",
            "title": "",
            "text": it.text,
        }
        assert expected == G.nodes["article:it-0117"]
        assert ki.url == G.nodes["article:ki-0421"]["url"]

    def test_states_edge_carries_span(self) -> None:
        """A states edge holds the claim's span and text, which is the article's slice."""
        (ki, _), _ = _world()
        G = _graph()
        data = G.edges["article:ki-0421", "claim:c3", "states"]

        expected = ("states", ki.text[data["start"] : data["end"]])
        assert expected == (data["kind"], data["text"])

    def test_claim_attributes(self) -> None:
        """Claim nodes hold text, span, article, outlet, polarity, hedging and values as JSON."""
        G = _graph()
        data = G.nodes["claim:c3"]

        expected = {
            "kind": "claim",
            "text": G.edges["article:ki-0421", "claim:c3", "states"]["text"],
            "start": G.edges["article:ki-0421", "claim:c3", "states"]["start"],
            "end": G.edges["article:ki-0421", "claim:c3", "states"]["end"],
            "article": "ki-0421",
            "outlet": KI,
            "published": "",
            "attributed_to": "Russian state media",
            "polarity": "affirmed",
            "hedged": True,
            "quote": False,
            "headline": False,
            "values": data["values"],
        }
        assert expected == data

    def test_values_are_json_records(self) -> None:
        """A claim's values decode to report-shaped records; unbounded ends are null."""
        (ki, _), _ = _world()
        G = _graph()

        dates = json.loads(G.nodes["claim:c1"]["values"])
        quantity = json.loads(G.nodes["claim:c3"]["values"])[0]

        expected_kinds = ["date", "place"]
        expected_date = {
            "kind": "date",
            "text": "Jan. 17",
            "start": ki.text.index("Jan. 17"),
            "end": ki.text.index("Jan. 17") + 7,
            "normalized": "2025-01-17",
            "earliest": "2025-01-17",
            "latest": "2025-01-17",
            "precision": "day",
            "role": "signed",
        }
        expected_quantity = (25, None, "years", ">=25 years")
        assert expected_kinds == [v["kind"] for v in dates]
        assert expected_date == dates[0]
        assert expected_quantity == (
            quantity["low"],
            quantity["high"],
            quantity["unit"],
            quantity["normalized"],
        )

    def test_infinite_bounds_are_null(self) -> None:
        """An infinite quantity bound is written as null, like an unbounded one."""
        article = Article(id="a", outlet="A", text="over 25 years")
        figure = Quantity(
            text="over 25 years", span=Span(0, 13), low=25, high=float("inf")
        )
        claim = _claim(article, "c", article.text, values=[figure])
        G = build_provenance_graph(
            [article], [Fact(id="F", statement="s", claims=[claim])]
        )

        (record,) = json.loads(G.nodes["claim:c"]["values"])
        expected = (25, None)
        assert expected == (record["low"], record["high"])

    def test_supports_edges_carry_membership(self) -> None:
        """A supports edge holds the membership score and its reasons as one string."""
        G = _graph()

        with_reason = G.edges["claim:c1", "fact:F1", "supports"]
        without = G.edges["claim:c3", "fact:F2", "supports"]

        expected = (91.5, "token_set_ratio=91.5 (threshold 62): same actors")
        expected_without = (0.0, "")
        assert expected == (with_reason["score"], with_reason["reasons"])
        assert expected_without == (without["score"], without["reasons"])

    def test_fact_attributes(self) -> None:
        """Fact nodes hold statement, status, confidence, origins and the joined outlets."""
        G = _graph()

        expected = {
            "kind": "fact",
            "statement": "Russia and Iran signed a “20-year pact” on Friday",
            "status": "corroborated",
            "confidence": 0.8,
            "independent_origins": 2,
            "outlets": f"{IT}; {KI}",
            "explanation": "two independent outlets",
        }
        assert expected == G.nodes["fact:F1"]

    def test_conflicts_with_edge_carries_both_values(self) -> None:
        """A conflicts_with edge names both values, both outlets, the rule and the fact."""
        G = _graph()
        (data,) = G.get_edge_data("claim:c2", "claim:c3").values()

        expected = {
            "kind": "conflicts_with",
            "fact": "F2",
            "value_kind": "quantity",
            "values": '["20 years", ">=25 years"]',
            "outlets": f'["{IT}", "{KI}"]',
            "rule": "disjoint_intervals",
            "explanation": "20 years and at least 25 years do not overlap",
            "within_outlet": False,
        }
        expected_values = ["20 years", ">=25 years"]
        assert expected == data
        assert expected_values == json.loads(data["values"])

    def test_two_conflicts_on_one_pair_get_distinct_keys(self) -> None:
        """Two conflicts of one kind between the same claims stay two edges."""
        articles, (signing, _) = _world()
        first = Conflict(
            "date",
            ("c1", "c2"),
            ("a", "b"),
            (KI, IT),
            (Span(0, 1), Span(0, 1)),
            "r",
            "",
        )
        fact = Fact(
            id="F1", statement="s", claims=signing.claims, conflicts=[first, first]
        )
        G = build_provenance_graph(articles, [fact])

        expected = ["conflicts_with:date", "conflicts_with:date:2"]
        assert expected == list(G.get_edge_data("claim:c1", "claim:c2"))

    def test_attributed_to_edges(self) -> None:
        """Claims attributed in the text and claims of an origin group link to origin nodes."""
        G = _graph()

        text_and_group = G.edges[
            "claim:c3", "origin:Russian state media", "attributed_to"
        ]
        own = G.edges["claim:c1", f"origin:{KI}", "attributed_to"]

        expected = "attributed in the text; attributed to Russian state media"
        expected_own = "own reporting"
        assert expected == text_and_group["reason"]
        assert expected_own == own["reason"]

    def test_attributes_are_graphml_safe(self) -> None:
        """Every attribute is a str, int, float or bool: no None, lists or dates."""
        G = _graph()
        values = [v for _, d in G.nodes(data=True) for v in d.values()]
        values += [v for _, _, d in G.edges(data=True) for v in d.values()]

        expected = {"str", "int", "float", "bool"}
        assert expected >= {type(v).__name__ for v in values}

    def test_duplicate_article_id_raises(self) -> None:
        """Two articles with one id are refused."""
        (ki, _), _ = _world()

        with pytest.raises(InvalidValueError, match="ki-0421"):
            build_provenance_graph([ki, ki], [])

    def test_claim_of_unknown_article_raises(self) -> None:
        """A claim pointing into an article that was not given is refused."""
        (ki, _), facts = _world()

        with pytest.raises(InvalidValueError, match="it-0117"):
            build_provenance_graph([ki], facts)

    def test_claim_text_off_its_span_raises(self) -> None:
        """A claim whose text is not its article's slice is refused."""
        (ki, _), _ = _world()
        claim = Claim(
            id="x", article_id=ki.id, outlet=KI, text="agreement", span=Span(0, 9)
        )

        with pytest.raises(InvalidSpanError, match="'x'"):
            build_provenance_graph([ki], [Fact(id="F", statement="s", claims=[claim])])

    def test_conflict_with_unknown_claim_raises(self) -> None:
        """A conflict naming a claim that does not exist is refused."""
        articles, (signing, _) = _world()
        conflict = Conflict(
            "date",
            ("c1", "nope"),
            ("a", "b"),
            (KI, IT),
            (Span(0, 1), Span(0, 1)),
            "r",
            "",
        )
        fact = Fact(id="F1", statement="s", claims=signing.claims, conflicts=[conflict])

        with pytest.raises(InvalidValueError, match="'nope'"):
            build_provenance_graph(articles, [fact])

    def test_empty_input(self) -> None:
        """No articles and no facts make an empty multidigraph."""
        G = build_provenance_graph([], [])

        expected = (0, True)
        assert expected == (G.number_of_nodes(), G.is_multigraph())


# --------------------------------------------------------------------------- query


class TestSupportingSpans:
    def test_spans_walk_back_to_article_characters(self) -> None:
        """Every claim of a fact walks back to its article's exact characters and outlet."""
        articles, facts = _world_with_conflict()
        by_id = {a.id: a for a in articles}
        G = build_provenance_graph(articles, facts)

        for fact in facts:
            spans = supporting_spans(G, fact.id)
            expected = [(c.id, c.article_id, c.outlet, c.text) for c in fact.claims]
            assert expected == [
                (s.claim_id, s.article_id, s.outlet, s.text) for s in spans
            ]
            for span in spans:
                assert by_id[span.article_id].text[span.start : span.end] == span.text

    def test_span_fields(self) -> None:
        """A span names the claim, article, outlet, ISO publication date and offsets."""
        G = _graph()
        (_, it), _ = _world()
        start = it.text.index("Russia")

        expected = EvidenceSpan(
            claim_id="c2",
            article_id="it-0117",
            outlet=IT,
            published="2025-01-17",
            start=start,
            end=start + 49,
            text="Russia and Iran signed a “20-year pact” on Friday",
        )
        assert expected == supporting_spans(G, "F1")[1]

    def test_accepts_node_id(self) -> None:
        """The fact may be named by its node id as well as its own id."""
        G = _graph()

        assert supporting_spans(G, "F2") == supporting_spans(G, "fact:F2")

    def test_unknown_fact_raises(self) -> None:
        """An unknown fact raises UnknownNodeError, a ReconcileError and NodeNotFound."""
        G = _graph()

        with pytest.raises(UnknownNodeError, match="'F9'") as info:
            supporting_spans(G, "F9")
        assert isinstance(info.value, ReconcileError)
        assert isinstance(info.value, nx.NodeNotFound)

    def test_claim_id_is_not_a_fact(self) -> None:
        """A claim's node id is not accepted where a fact is expected."""
        G = _graph()

        with pytest.raises(UnknownNodeError):
            supporting_spans(G, "claim:c1")


class TestFactsForOutlet:
    def test_facts_in_graph_order(self) -> None:
        """An outlet's facts are found through its articles and claims, in order."""
        G = _graph()

        expected = {KI: ["F1", "F2"], IT: ["F1"]}
        assert expected == {outlet: facts_for_outlet(G, outlet) for outlet in expected}

    def test_unknown_outlet_raises(self) -> None:
        """An outlet with no source node raises UnknownNodeError."""
        G = _graph()

        with pytest.raises(UnknownNodeError, match="Nobody"):
            facts_for_outlet(G, "Nobody")


class TestFactsForClaim:
    def test_fact_of_claim(self) -> None:
        """A claim supports the one fact it was clustered into."""
        G = _graph()

        expected = (["F1"], ["F2"])
        assert expected == (facts_for_claim(G, "c2"), facts_for_claim(G, "claim:c3"))

    def test_unknown_claim_raises(self) -> None:
        """An unknown claim raises UnknownNodeError."""
        with pytest.raises(UnknownNodeError, match="'c9'"):
            facts_for_claim(_graph(), "c9")


class TestDisagreeingOutlets:
    def test_both_points_of_view(self) -> None:
        """Each outlet sees the other's value second, with the fact, kind and rule."""
        G = _graph()

        from_it = Disagreement(
            fact_id="F2",
            kind="quantity",
            value="20 years",
            other_value=">=25 years",
            rule="disjoint_intervals",
            claim_id="c2",
            other_claim_id="c3",
            explanation="20 years and at least 25 years do not overlap",
        )
        from_ki = Disagreement(
            fact_id="F2",
            kind="quantity",
            value=">=25 years",
            other_value="20 years",
            rule="disjoint_intervals",
            claim_id="c3",
            other_claim_id="c2",
            explanation="20 years and at least 25 years do not overlap",
        )
        expected = ({KI: [from_it]}, {IT: [from_ki]})
        assert expected == (disagreeing_outlets(G, IT), disagreeing_outlets(G, KI))

    def test_no_conflicts(self) -> None:
        """Without conflicts nobody disagrees."""
        G = build_provenance_graph(*_world())

        expected: dict[str, list[Disagreement]] = {}
        assert expected == disagreeing_outlets(G, KI)

    def test_within_outlet_conflicts_are_left_out(self) -> None:
        """A conflict between two claims of one outlet names no other outlet."""
        articles, (signing, term) = _world()
        conflict = Conflict(
            "date",
            ("c1", "c3"),
            ("a", "b"),
            (KI, KI),
            (Span(0, 1), Span(0, 1)),
            "r",
            "",
            True,
        )
        fact = Fact(
            id="F9",
            statement="s",
            claims=[*signing.claims, *term.claims],
            conflicts=[conflict],
        )
        G = build_provenance_graph(articles, [fact])

        expected: dict[str, list[Disagreement]] = {}
        assert expected == disagreeing_outlets(G, KI)

    def test_unknown_outlet_raises(self) -> None:
        """An unknown outlet raises UnknownNodeError."""
        with pytest.raises(UnknownNodeError):
            disagreeing_outlets(_graph(), "Nobody")


# --------------------------------------------------------------------------- export


class TestWriteGraph:
    def test_returns_the_path(self, tmp_path: Path) -> None:
        """write_graph returns the path it wrote, as a Path."""
        target = tmp_path / "g.graphml"

        assert target == write_graph(_graph(), str(target))
        assert target.is_file()

    def test_graphml_is_xml(self, tmp_path: Path) -> None:
        """The GraphML file parses as XML with a graph of the right size."""
        G = _graph()
        root = ET.parse(write_graph(G, tmp_path / "g.graphml")).getroot()
        ns = {"g": "http://graphml.graphdrawing.org/xmlns"}

        assert G.number_of_nodes() == len(root.findall("g:graph/g:node", ns))
        assert G.number_of_edges() == len(root.findall("g:graph/g:edge", ns))

    def test_json_is_sorted_utf8_node_link(self, tmp_path: Path) -> None:
        """The JSON file is node-link data under "edges", keys sorted, non-ASCII kept."""
        path = write_graph(_graph(), tmp_path / "g.json")
        text = path.read_text(encoding="utf-8")
        data = json.loads(text)

        expected = ["directed", "edges", "graph", "multigraph", "nodes"]
        assert expected == list(data)
        assert "“20-year pact”" in text
        assert sorted(data["nodes"][0]) == list(data["nodes"][0])

    def test_unknown_suffix_raises(self, tmp_path: Path) -> None:
        """An unknown suffix raises ExportError naming the path and every supported suffix."""
        target = tmp_path / "g.txt"

        with pytest.raises(ExportError, match=r"g\.txt") as info:
            write_graph(_graph(), target)
        for suffix in GRAPH_SUFFIXES:
            assert suffix in str(info.value)
        assert not target.exists()

    def test_failure_leaves_target_untouched(self, tmp_path: Path) -> None:
        """A graph that cannot be written leaves the old file and no temporary file."""
        target = tmp_path / "g.graphml"
        target.write_text("old", encoding="utf-8")
        G = _graph()
        G.nodes["fact:F1"]["bad"] = None

        with pytest.raises(ExportError, match=r"g\.graphml"):
            write_graph(G, target)

        expected = ("old", ["g.graphml"])
        assert expected == (target.read_text(encoding="utf-8"), os.listdir(tmp_path))

    def test_unserialisable_json_raises(self, tmp_path: Path) -> None:
        """A date attribute cannot go into JSON, and nothing is written."""
        G = _graph()
        G.nodes["fact:F1"]["when"] = date(2025, 1, 17)

        with pytest.raises(ExportError, match="date"):
            write_graph(G, tmp_path / "g.json")

        expected: list[str] = []
        assert expected == os.listdir(tmp_path)

    def test_failed_rename_removes_temporary(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """When the final rename fails the temporary file is removed and the target kept."""
        target = tmp_path / "g.json"
        target.write_text("old", encoding="utf-8")

        def fail(*args: Any) -> None:
            raise OSError("disk full")

        monkeypatch.setattr(os, "replace", fail)
        with pytest.raises(ExportError, match="disk full"):
            write_graph(_graph(), target)

        expected = ("old", ["g.json"])
        assert expected == (target.read_text(encoding="utf-8"), os.listdir(tmp_path))

    def test_missing_directory_raises(self, tmp_path: Path) -> None:
        """A target in a directory that does not exist raises ExportError."""
        with pytest.raises(ExportError, match="nowhere"):
            write_graph(_graph(), tmp_path / "nowhere" / "g.json")

    def test_xml_invalid_character_raises(self, tmp_path: Path) -> None:
        """A control character GraphML cannot hold is refused, naming the node."""
        G = _graph()
        G.nodes["claim:c1"]["text"] = "page\x0cbreak"

        with pytest.raises(ExportError, match="U\\+000C") as info:
            write_graph(G, tmp_path / "g.graphml")
        assert "claim:c1" in str(info.value)

    def test_provn_holds_agents_and_entities(self, tmp_path: Path) -> None:
        """PROV-N output declares sources as agents and articles, claims, facts as entities."""
        pytest.importorskip("prov")
        text = write_graph(_graph(), tmp_path / "g.provn").read_text(encoding="utf-8")

        assert f"prefix reconcile <{PROV_NAMESPACE}>" in text
        assert "agent(reconcile:source/The%20Kyiv%20Independent" in text
        assert "agent(reconcile:origin/Russian%20state%20media" in text
        for entity in ("article/ki-0421", "claim/c2", "fact/F1"):
            assert f"entity(reconcile:{entity}" in text
        assert (
            "wasAttributedTo(reconcile:article/it-0117, reconcile:source/The%20Irish%20Times"
            in text
        )
        assert "wasDerivedFrom(reconcile:claim/c2, reconcile:article/it-0117" in text
        assert "wasDerivedFrom(reconcile:fact/F1, reconcile:claim/c2" in text
        assert "wasInfluencedBy(reconcile:claim/c2, reconcile:claim/c3" in text

    @pytest.mark.parametrize("name", ["g.provjson", "g.prov.json"])
    def test_prov_json(self, tmp_path: Path, name: str) -> None:
        """PROV-JSON output is read back by prov into the same document."""
        prov_model = pytest.importorskip("prov.model")
        text = write_graph(_graph(), tmp_path / name).read_text(encoding="utf-8")
        document = prov_model.ProvDocument.deserialize(content=text, format="json")

        expected = {"source/The%20Irish%20Times", "source/The%20Kyiv%20Independent"}
        actual = {
            record.identifier.localpart
            for record in document.get_records(prov_model.ProvAgent)
            if record.identifier.localpart.startswith("source/")
        }
        assert expected == actual
        expected_entities = 7  # two articles, three claims, two facts
        assert expected_entities == len(
            list(document.get_records(prov_model.ProvEntity))
        )
        assert "wasInfluencedBy" in json.loads(text)

    def test_missing_prov_raises(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Without prov installed, PROV export names the extra to install and writes nothing."""
        monkeypatch.setitem(sys.modules, "prov", None)
        monkeypatch.setitem(sys.modules, "prov.model", None)

        with pytest.raises(ExportError, match=r"reconcile\[prov\]"):
            write_graph(_graph(), tmp_path / "g.provn")

        expected: list[str] = []
        assert expected == os.listdir(tmp_path)


class TestReadGraph:
    @pytest.mark.parametrize("suffix", [".graphml", ".json"])
    def test_round_trip(self, suffix: str) -> None:
        """What is written reads back equal: nodes, edge keys, attributes and their types."""
        G = _graph()
        H = _round_trip(G, suffix)

        assert nx.utils.graphs_equal(G, H)
        assert _typed(G) == _typed(H)

    @pytest.mark.parametrize("suffix", [".graphml", ".json"])
    def test_carriage_returns_survive(self, suffix: str) -> None:
        """Carriage returns in article text survive, so offsets stay exact."""
        H = _round_trip(_graph(), suffix)

        expected = _world()[0][1].text
        assert expected == H.nodes["article:it-0117"]["text"]
        assert "\r\n" in expected
        for span in supporting_spans(H, "F1"):
            text = H.nodes[f"article:{span.article_id}"]["text"]
            assert text[span.start : span.end] == span.text

    @pytest.mark.parametrize("suffix", [".graphml", ".json"])
    def test_queries_work_on_read_graph(self, suffix: str) -> None:
        """The query helpers give the same answers on a graph read back from disk."""
        G = _graph()
        H = _round_trip(G, suffix)

        assert supporting_spans(G, "F1") == supporting_spans(H, "F1")
        assert disagreeing_outlets(G, KI) == disagreeing_outlets(H, KI)

    def test_missing_path_raises(self, tmp_path: Path) -> None:
        """A missing file raises MissingPathError naming it."""
        with pytest.raises(MissingPathError, match=r"absent\.json"):
            read_graph(tmp_path / "absent.json")

    def test_prov_is_write_only(self, tmp_path: Path) -> None:
        """PROV files cannot be read back: UnsupportedFormatError."""
        with pytest.raises(UnsupportedFormatError, match=r"g\.provn"):
            read_graph(tmp_path / "g.provn")

    @pytest.mark.parametrize("suffix", [".graphml", ".json"])
    def test_garbage_raises_input_error(self, tmp_path: Path, suffix: str) -> None:
        """A file that is not a graph raises InputError naming it."""
        path = tmp_path / f"bad{suffix}"
        path.write_text("not a graph <", encoding="utf-8")

        with pytest.raises(InputError, match=f"bad\\{suffix}"):
            read_graph(path)

    def test_undirected_graphml_raises(self, tmp_path: Path) -> None:
        """An undirected GraphML file is refused rather than silently converted."""
        path = tmp_path / "u.graphml"
        nx.write_graphml(nx.path_graph(3), path)

        with pytest.raises(InputError, match="directed multigraph"):
            read_graph(path)


# --------------------------------------------------------------------------- properties

_OUTLETS = [KI, IT, "Reuters: London", "Ελληνικά Νέα", "A&B <News>"]
_TEXT = st.text(
    alphabet=st.characters(exclude_categories=("Cs", "Cc", "Cn"))
    | st.sampled_from("\n\r\t"),
    max_size=30,
)
_SCORES = st.floats(min_value=0, max_value=100, allow_nan=False)


@st.composite
def _claims(draw: st.DrawFn, article: Article, claim_id: str) -> Claim:
    start = draw(st.integers(0, len(article.text)))
    end = draw(st.integers(start, len(article.text)))
    values: list[Any] = []
    if end > start and draw(st.booleans()):
        v_start = draw(st.integers(start, end))
        v_end = draw(st.integers(v_start, end))
        span, text = Span(v_start, v_end), article.text[v_start:v_end]
        low = draw(st.none() | st.integers(0, 10**6))
        values.append(
            draw(
                st.sampled_from(
                    [
                        DateValue(text=text, span=span),
                        DateValue(
                            text=text,
                            span=span,
                            earliest=date(2024, 6, 1),
                            latest=date(2024, 6, 30),
                            precision="month",
                        ),
                        Quantity(
                            text=text, span=span, low=low, high=None, unit="people"
                        ),
                        Actor(text=text, span=span, canonical="Iran", within=("Asia",)),
                    ]
                )
            )
        )
    return Claim(
        id=claim_id,
        article_id=article.id,
        outlet=article.outlet,
        text=article.text[start:end],
        span=Span(start, end),
        values=values,
        published=article.published,
        attributed_to=draw(
            st.none() | st.sampled_from(["the Kremlin", "Reuters: London"])
        ),
        polarity=draw(st.sampled_from(["affirmed", "negated"])),
        hedged=draw(st.booleans()),
    )


@st.composite
def _worlds(draw: st.DrawFn) -> tuple[list[Article], list[Fact]]:
    articles = [
        Article(
            id=f"a{i}",
            outlet=draw(st.sampled_from(_OUTLETS)),
            text=draw(_TEXT),
            published=draw(st.none() | st.dates(date(2020, 1, 1), date(2030, 1, 1))),
            url=draw(st.none() | st.just(f"https://example.org/{i}")),
            title=draw(st.none() | _TEXT),
        )
        for i in range(draw(st.integers(1, 3)))
    ]
    claims = [
        draw(_claims(draw(st.sampled_from(articles)), f"c:{j}"))
        for j in range(draw(st.integers(0, 6)))
    ]
    labels = draw(
        st.lists(st.integers(0, 2), min_size=len(claims), max_size=len(claims))
    )
    facts = []
    for label in sorted(set(labels)):
        members = [c for c, lab in zip(claims, labels, strict=True) if lab == label]
        conflicts = []
        if len(members) > 1 and draw(st.booleans()):
            a, b = members[0], members[-1]
            conflicts.append(
                Conflict(
                    kind=draw(st.sampled_from(["date", "quantity"])),
                    claim_ids=(a.id, b.id),
                    values=(draw(_TEXT), draw(_TEXT)),
                    outlets=(a.outlet, b.outlet),
                    spans=(a.span, b.span),
                    rule="disjoint_intervals",
                    explanation=draw(_TEXT),
                    within_outlet=a.outlet == b.outlet,
                )
            )
        origins = [
            OriginGroup(
                origin=draw(st.sampled_from(["the Kremlin", *_OUTLETS])),
                outlets=sorted({c.outlet for c in members}),
                claim_ids=[c.id for c in members],
                reason=draw(_TEXT),
            )
        ]
        facts.append(
            Fact(
                id=f"F{label}",
                statement=members[0].text,
                claims=members,
                memberships=[
                    Membership(
                        c.id,
                        draw(_SCORES),
                        [MatchReason("token_set_ratio", draw(_SCORES))],
                    )
                    for c in members
                    if draw(st.booleans())
                ],
                verdict=Verdict(
                    draw(st.sampled_from(STATUSES)),
                    draw(st.floats(0, 1)),
                    draw(st.integers(0, 3)),
                ),
                conflicts=conflicts,
                origins=origins,
            )
        )
    return articles, facts


class TestRoundTripProperty:
    @settings(
        max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow]
    )
    @given(world=_worlds())
    def test_exports_round_trip(self, world: tuple[list[Article], list[Fact]]) -> None:
        """For any small world, GraphML and JSON exports read back into an equal graph."""
        G = build_provenance_graph(*world)

        for suffix in (".graphml", ".json"):
            H = _round_trip(G, suffix)
            assert nx.utils.graphs_equal(G, H)
            assert _typed(G) == _typed(H)

    @settings(max_examples=40, deadline=None)
    @given(world=_worlds())
    def test_every_span_is_its_article_slice(
        self, world: tuple[list[Article], list[Fact]]
    ) -> None:
        """For any small world, every supporting span is its article's text slice."""
        articles, facts = world
        by_id = {a.id: a for a in articles}
        G = build_provenance_graph(articles, facts)

        for fact in facts:
            spans = supporting_spans(G, fact.id)
            assert [c.id for c in fact.claims] == [s.claim_id for s in spans]
            for span in spans:
                article = by_id[span.article_id]
                assert (article.outlet, article.text[span.start : span.end]) == (
                    span.outlet,
                    span.text,
                )

    @settings(max_examples=25, deadline=None)
    @given(world=_worlds())
    def test_prov_json_reads_back(
        self, world: tuple[list[Article], list[Fact]]
    ) -> None:
        """For any small world, prov reads the PROV-JSON export back into the same document."""
        prov_model = pytest.importorskip("prov.model")
        G = build_provenance_graph(*world)

        with tempfile.TemporaryDirectory() as tmp:
            text = write_graph(G, Path(tmp) / "g.provjson").read_text(encoding="utf-8")
            provn = write_graph(G, Path(tmp) / "g.provn").read_text(encoding="utf-8")
        document = prov_model.ProvDocument.deserialize(content=text, format="json")

        expected = G.number_of_nodes()
        assert expected == len(document.records) - G.number_of_edges()
        assert provn.startswith("document")
