"""The provenance graph: build it, query it, export it.

:func:`build_provenance_graph` turns articles and facts into a
``networkx.MultiDiGraph`` in which every fact walks back to the exact characters
of every article that states it. Node ids are namespaced strings
(``"source:<outlet>"``, ``"article:<id>"``, ``"claim:<id>"``, ``"fact:<id>"``,
``"event:<id>"``, ``"origin:<name>"``) and every node and edge carries a ``kind``:

==================  =====================  ==========================================
edge ``kind``       direction              attributes
==================  =====================  ==========================================
``published``       source -> article      (none besides ``kind``)
``states``          article -> claim       ``start``, ``end``, ``text``
``supports``        claim -> fact          ``score``, ``reasons``
``conflicts_with``  claim -> claim         ``fact``, ``value_kind``, ``values``,
                                           ``outlets``, ``rule``, ``explanation``,
                                           ``within_outlet``
``attributed_to``   claim -> origin        ``reason``
``describes``       claim -> event         (none besides ``kind``)
``about``           fact -> event          ``attribute``
==================  =====================  ==========================================

An ``event`` node carries its ``event_class``, ``family``, ``date``, and its
``places`` and ``participants`` as JSON lists.

Every attribute is a ``str``, ``int``, ``float`` or ``bool`` (never ``None``,
which becomes ``""``; lists are JSON-encoded), so GraphML can hold the graph and
:func:`read_graph` gives back an equal one. :func:`write_graph` also writes
W3C PROV (PROV-N or PROV-JSON) when the optional ``prov`` package is installed
(``pip install 'reconcile[prov]'``).
"""

from __future__ import annotations

import io
import json
import os
import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

import networkx as nx
from attrs import frozen

from reconcile._atomic import write_atomic
from reconcile.errors import (
    ExportError,
    InputError,
    InvalidSpanError,
    InvalidValueError,
    MissingPathError,
    ReconcileError,
    UnsupportedFormatError,
)
from reconcile.gc_pause import collector_paused
from reconcile.model import (
    Article,
    Claim,
    Event,
    Fact,
    MatchReason,
)
from reconcile.records import value_record

__all__ = [
    "GRAPH_SUFFIXES",
    "PROV_NAMESPACE",
    "Disagreement",
    "EvidenceSpan",
    "UnknownNodeError",
    "build_provenance_graph",
    "disagreeing_outlets",
    "facts_for_claim",
    "facts_for_outlet",
    "read_graph",
    "supporting_spans",
    "write_graph",
]

PROV_NAMESPACE = "urn:reconcile:"
"""The URI of the ``reconcile:`` prefix in W3C PROV exports."""

GRAPH_SUFFIXES: tuple[str, ...] = (
    ".graphml",
    ".json",
    ".provn",
    ".provjson",
    ".prov.json",
)
"""The file suffixes :func:`write_graph` understands (:func:`read_graph`: the first two)."""

_READABLE_SUFFIXES = (".graphml", ".json")
_PROV_AGENT_KINDS = frozenset({"source", "origin"})
# Characters XML 1.0 cannot hold at all, not even as character references.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


class UnknownNodeError(ReconcileError, nx.NodeNotFound):  # type: ignore[misc]
    """A query named a fact, claim or outlet that is not in the provenance graph."""


@frozen
class EvidenceSpan:
    """The exact characters of one article that state a claim of a fact.

    ``text == article_text[start:end]``; ``published`` is an ISO date or ``""``.
    """

    claim_id: str
    article_id: str
    outlet: str
    published: str
    start: int
    end: int
    text: str


@frozen
class Disagreement:
    """A conflict seen from one outlet: its value, the other outlet's value, and the rule."""

    fact_id: str
    kind: str
    value: str
    other_value: str
    rule: str
    claim_id: str
    other_claim_id: str
    explanation: str = ""


# --------------------------------------------------------------------------- build


@collector_paused()
def build_provenance_graph(
    articles: Sequence[Article],
    facts: Sequence[Fact],
    events: Sequence[Event] = (),
    claims: Sequence[Claim] = (),
) -> nx.MultiDiGraph:
    """The provenance graph of *facts*, whose claims come from *articles*.

    Args:
        articles: every article a claim of *facts* points into.
        facts: the reconciled facts; their claims, memberships, conflicts and
            origin groups become nodes and edges.
        events: the events the facts are attributes of; each becomes a node,
            with ``describes`` edges from its claims and ``about`` edges from
            its facts.
        claims: the claims as extracted (a fact's claims carry only the values
            they give it); when given, claim nodes hold all of a claim's values.

    Returns:
        A ``MultiDiGraph`` laid out as described in :mod:`reconcile.graph`; nodes
        and edges appear in the order of *articles* and *facts*.

    Raises:
        InvalidValueError: an id appears twice with different contents, or a
            claim, conflict or origin group names something that is not given.
        InvalidSpanError: a claim's text is not its article's text at its span.

    >>> from reconcile.model import Article, Claim, Fact, Span
    >>> art = Article(id="a1", outlet="Daily", text="Iran signed a pact.")
    >>> claim = Claim(id="c1", article_id="a1", outlet="Daily", text="Iran signed a pact", span=Span(0, 18))
    >>> G = build_provenance_graph([art], [Fact(id="F1", statement=claim.text, claims=[claim])])
    >>> list(G.nodes)
    ['source:Daily', 'article:a1', 'claim:c1', 'fact:F1']
    >>> G.edges["article:a1", "claim:c1", "states"]["text"]
    'Iran signed a pact'
    """
    G = nx.MultiDiGraph()
    for article in articles:
        _add_article(G, article)
    for claim in claims:
        _add_claim(G, claim)
    for fact in facts:
        _add_fact(G, fact)
    about: dict[str, list[Fact]] = {}
    for fact in facts:
        if fact.event is not None:
            about.setdefault(fact.event, []).append(fact)
    for event in events:
        _add_event(G, event, about.get(event.id, ()))
    return G


def _add_event(G: nx.MultiDiGraph, event: Event, facts: Sequence[Fact]) -> None:
    node = _node("event", event.id)
    if node in G:
        raise InvalidValueError(f"event id {event.id!r} is given twice")
    G.add_node(
        node,
        kind="event",
        event_class=event.event_class,
        family=event.family,
        date=event.date or "",
        places=_json_list(event.places),
        participants=_json_list(event.participants),
    )
    for claim_id in event.claim_ids:
        claim_node = _node("claim", claim_id)
        if claim_node in G:
            G.add_edge(claim_node, node, key="describes", kind="describes")
    for fact in facts:
        G.add_edge(
            _node("fact", fact.id),
            node,
            key="about",
            kind="about",
            attribute=fact.attribute or "",
        )


def _node(kind: str, name: str) -> str:
    return f"{kind}:{name}"


def _bare(node: str) -> str:
    return node.split(":", 1)[1] if ":" in node else node


def _iso(value: Any) -> str:
    return "" if value is None else str(value.isoformat())


def _add_article(G: nx.MultiDiGraph, article: Article) -> None:
    node = _node("article", article.id)
    if node in G:
        raise InvalidValueError(f"article id {article.id!r} is given twice")
    source = _node("source", article.outlet)
    if source not in G:
        G.add_node(source, kind="source", name=article.outlet)
    G.add_node(
        node,
        kind="article",
        outlet=article.outlet,
        published=_iso(article.published),
        url=article.url or "",
        title=article.title or "",
        text=article.text,
    )
    G.add_edge(source, node, key="published", kind="published")


def _add_fact(G: nx.MultiDiGraph, fact: Fact) -> None:
    node = _node("fact", fact.id)
    if node in G:
        raise InvalidValueError(f"fact id {fact.id!r} is given twice")
    for claim in fact.claims:
        _add_claim(G, claim)
    G.add_node(
        node,
        kind="fact",
        statement=fact.statement,
        status=fact.status,
        confidence=float(fact.verdict.confidence),
        independent_origins=int(fact.verdict.independent_origins),
        outlets="; ".join(fact.outlets),
        explanation=fact.verdict.explanation,
    )
    memberships = {m.claim_id: m for m in fact.memberships}
    for claim in fact.claims:
        claim_node = _node("claim", claim.id)
        membership = memberships.get(claim.id)
        G.add_edge(
            claim_node,
            node,
            key="supports",
            kind="supports",
            score=float(membership.score) if membership else 0.0,
            reasons=_format_reasons(membership.reasons) if membership else "",
        )
        if claim.attributed_to:
            _add_attribution(
                G, claim_node, claim.attributed_to, "attributed in the text"
            )
    for conflict in fact.conflicts:
        first, second = (
            _claim_node(G, fact, claim_id) for claim_id in conflict.claim_ids
        )
        key = _free_key(G, first, second, f"conflicts_with:{conflict.kind}")
        G.add_edge(
            first,
            second,
            key=key,
            kind="conflicts_with",
            fact=fact.id,
            value_kind=conflict.kind,
            values=_json_list(conflict.values),
            outlets=_json_list(conflict.outlets),
            rule=conflict.rule,
            explanation=conflict.explanation,
            within_outlet=bool(conflict.within_outlet),
        )
    for group in fact.origins:
        for claim_id in group.claim_ids:
            _add_attribution(
                G, _claim_node(G, fact, claim_id), group.origin, group.reason
            )


def _add_claim(G: nx.MultiDiGraph, claim: Claim) -> str:
    node = _node("claim", claim.id)
    if node in G:
        if (
            G.nodes[node]["text"] != claim.text
            or G.nodes[node]["article"] != claim.article_id
        ):
            raise InvalidValueError(f"claim id {claim.id!r} names two different claims")
        return node
    article = _node("article", claim.article_id)
    if article not in G:
        raise InvalidValueError(
            f"claim {claim.id!r} points into article {claim.article_id!r}, which was not given"
        )
    data = G.nodes[article]
    start, end = claim.span.start, claim.span.end
    if data["text"][start:end] != claim.text:
        raise InvalidSpanError(
            f"claim {claim.id!r}: text {claim.text!r} is not article {claim.article_id!r}"
            f" at {start}..{end} (got {data['text'][start:end]!r})"
        )
    if data["outlet"] != claim.outlet:
        raise InvalidValueError(
            f"claim {claim.id!r} names outlet {claim.outlet!r}, but its article"
            f" {claim.article_id!r} is from {data['outlet']!r}"
        )
    G.add_node(
        node,
        kind="claim",
        text=claim.text,
        start=start,
        end=end,
        article=claim.article_id,
        outlet=claim.outlet,
        published=_iso(claim.published),
        attributed_to=claim.attributed_to or "",
        polarity=claim.polarity,
        hedged=bool(claim.hedged),
        quote=bool(claim.quote),
        headline=bool(claim.headline),
        values=json.dumps(
            [value_record(value) for value in claim.values],
            ensure_ascii=False,
            sort_keys=True,
        ),
    )
    G.add_edge(
        article,
        node,
        key="states",
        kind="states",
        start=start,
        end=end,
        text=claim.text,
    )
    return node


def _claim_node(G: nx.MultiDiGraph, fact: Fact, claim_id: str) -> str:
    node = _node("claim", claim_id)
    if node not in G:
        raise InvalidValueError(
            f"fact {fact.id!r} refers to claim {claim_id!r}, which is none of its claims"
        )
    return node


def _add_attribution(
    G: nx.MultiDiGraph, claim_node: str, origin: str, reason: str
) -> None:
    node = _node("origin", origin)
    if node not in G:
        G.add_node(node, kind="origin", name=origin)
    if G.has_edge(claim_node, node, key="attributed_to"):
        data = G.edges[claim_node, node, "attributed_to"]
        if reason not in data["reason"].split("; "):
            data["reason"] = f"{data['reason']}; {reason}"
        return
    G.add_edge(
        claim_node, node, key="attributed_to", kind="attributed_to", reason=reason
    )


def _free_key(G: nx.MultiDiGraph, u: str, v: str, base: str) -> str:
    key, n = base, 1
    while G.has_edge(u, v, key=key):
        n += 1
        key = f"{base}:{n}"
    return key


def _json_list(items: Sequence[str]) -> str:
    return json.dumps(list(items), ensure_ascii=False)


def _format_reasons(reasons: Sequence[MatchReason]) -> str:
    parts = []
    for reason in reasons:
        text = f"{reason.rule}={reason.score:g}"
        if reason.threshold is not None:
            text += f" (threshold {reason.threshold:g})"
        if reason.detail:
            text += f": {reason.detail}"
        parts.append(text)
    return "; ".join(parts)


# --------------------------------------------------------------------------- query


def supporting_spans(G: nx.MultiDiGraph, fact_id: str) -> list[EvidenceSpan]:
    """The article characters behind every claim of a fact, walked from the graph.

    Args:
        G: a graph from :func:`build_provenance_graph` (or :func:`read_graph`).
        fact_id: the fact's id (``"F1"``) or node id (``"fact:F1"``).

    Returns:
        One span per claim, in the fact's claim order, agreeing or conflicting.

    Raises:
        UnknownNodeError: *G* holds no such fact.

    >>> from reconcile.model import Article, Claim, Fact, Span
    >>> a = Article(id="a1", outlet="Daily", text="Iran signed a pact.")
    >>> c = Claim(id="c1", article_id="a1", outlet="Daily", text="signed", span=Span(5, 11))
    >>> G = build_provenance_graph([a], [Fact(id="F1", statement=c.text, claims=[c])])
    >>> [(s.outlet, s.start, s.end, s.text) for s in supporting_spans(G, "F1")]
    [('Daily', 5, 11, 'signed')]
    """
    fact = _resolve(G, "fact", fact_id)
    return [
        _evidence(G, claim, article, data)
        for claim in _neighbours(G, fact, "supports", incoming=True)
        for article, data in _edges(G, claim, "states", incoming=True)
    ]


def facts_for_outlet(G: nx.MultiDiGraph, outlet: str) -> list[str]:
    """The ids of the facts an outlet states, in graph order.

    Walks source -> article -> claim -> fact.

    Raises:
        UnknownNodeError: *G* holds no such outlet.

    >>> from reconcile.model import Article, Claim, Fact, Span
    >>> a = Article(id="a1", outlet="Daily", text="Iran signed a pact.")
    >>> c = Claim(id="c1", article_id="a1", outlet="Daily", text="signed", span=Span(5, 11))
    >>> G = build_provenance_graph([a], [Fact(id="F1", statement=c.text, claims=[c])])
    >>> facts_for_outlet(G, "Daily")
    ['F1']
    """
    source = _resolve(G, "source", outlet)
    found = {
        fact
        for article in _neighbours(G, source, "published")
        for claim in _neighbours(G, article, "states")
        for fact in _neighbours(G, claim, "supports")
    }
    return [_bare(node) for node in G if node in found]


def facts_for_claim(G: nx.MultiDiGraph, claim_id: str) -> list[str]:
    """The ids of the facts a claim supports (one, for graphs the pipeline built).

    Raises:
        UnknownNodeError: *G* holds no such claim.

    >>> from reconcile.model import Article, Claim, Fact, Span
    >>> a = Article(id="a1", outlet="Daily", text="Iran signed a pact.")
    >>> c = Claim(id="c1", article_id="a1", outlet="Daily", text="signed", span=Span(5, 11))
    >>> G = build_provenance_graph([a], [Fact(id="F1", statement=c.text, claims=[c])])
    >>> facts_for_claim(G, "c1")
    ['F1']
    """
    claim = _resolve(G, "claim", claim_id)
    return [_bare(fact) for fact in _neighbours(G, claim, "supports")]


def disagreeing_outlets(
    G: nx.MultiDiGraph, outlet: str
) -> dict[str, list[Disagreement]]:
    """Which other outlets disagree with *outlet*, and on what.

    Args:
        G: a provenance graph.
        outlet: the outlet whose claims are the point of view.

    Returns:
        Other outlets (sorted) mapped to their disagreements, each with *outlet*'s
        value first. Conflicts between two claims of *outlet* are left out.

    Raises:
        UnknownNodeError: *G* holds no such outlet.

    >>> from reconcile.model import Article, Claim, Conflict, Fact, Span
    >>> a = Article(id="a", outlet="A", text="a 20-year pact")
    >>> b = Article(id="b", outlet="B", text="a 25-year pact")
    >>> ca = Claim(id="ca", article_id="a", outlet="A", text=a.text, span=Span(0, 14))
    >>> cb = Claim(id="cb", article_id="b", outlet="B", text=b.text, span=Span(0, 14))
    >>> clash = Conflict(kind="quantity", claim_ids=("ca", "cb"), values=("20 years", "25 years"),
    ...                  outlets=("A", "B"), spans=(Span(2, 9), Span(2, 9)),
    ...                  rule="disjoint_intervals", explanation="20 years vs 25 years")
    >>> G = build_provenance_graph([a, b], [Fact(id="F1", statement=a.text, claims=[ca, cb], conflicts=[clash])])
    >>> [(d.fact_id, d.value, d.other_value) for d in disagreeing_outlets(G, "B")["A"]]
    [('F1', '25 years', '20 years')]
    """
    _resolve(G, "source", outlet)
    found: dict[str, list[Disagreement]] = {}
    for u, v, data in G.edges(data=True):
        if data.get("kind") != "conflicts_with":
            continue
        ends = [(u, G.nodes[u]["outlet"], 0), (v, G.nodes[v]["outlet"], 1)]
        if ends[1][1] == outlet:
            ends.reverse()
        (mine, own, i), (theirs, other, j) = ends
        if own != outlet or other == outlet:
            continue
        values = json.loads(data["values"])
        found.setdefault(other, []).append(
            Disagreement(
                fact_id=data["fact"],
                kind=data["value_kind"],
                value=values[i],
                other_value=values[j],
                rule=data["rule"],
                claim_id=_bare(mine),
                other_claim_id=_bare(theirs),
                explanation=data["explanation"],
            )
        )
    return dict(sorted(found.items()))


def _resolve(G: nx.MultiDiGraph, kind: str, name: str) -> str:
    for node in (_node(kind, name), name):
        if node in G and G.nodes[node].get("kind") == kind:
            return node
    raise UnknownNodeError(f"the provenance graph has no {kind} {name!r}")


def _edges(
    G: nx.MultiDiGraph, node: str, kind: str, *, incoming: bool = False
) -> Iterator[tuple[str, dict[str, Any]]]:
    if incoming:
        for other, _, data in G.in_edges(node, data=True):
            if data.get("kind") == kind:
                yield other, data
    else:
        for _, other, data in G.out_edges(node, data=True):
            if data.get("kind") == kind:
                yield other, data


def _neighbours(
    G: nx.MultiDiGraph, node: str, kind: str, *, incoming: bool = False
) -> list[str]:
    return list(
        dict.fromkeys(other for other, _ in _edges(G, node, kind, incoming=incoming))
    )


def _evidence(
    G: nx.MultiDiGraph, claim: str, article: str, span: dict[str, Any]
) -> EvidenceSpan:
    data = G.nodes[article]
    sources = [
        G.nodes[s]["name"] for s, _ in _edges(G, article, "published", incoming=True)
    ]
    start, end = span["start"], span["end"]
    return EvidenceSpan(
        claim_id=_bare(claim),
        article_id=_bare(article),
        outlet=sources[0] if sources else data["outlet"],
        published=data["published"],
        start=start,
        end=end,
        text=data["text"][start:end],
    )


# --------------------------------------------------------------------------- export


def write_graph(G: nx.MultiDiGraph, path: str | os.PathLike[str]) -> Path:
    """Write *G* to *path*, in the format its suffix names, atomically.

    ``.graphml`` is GraphML, ``.json`` is networkx node-link JSON (``"edges"``,
    sorted keys, UTF-8), ``.provn`` is PROV-N and ``.provjson`` / ``.prov.json``
    is PROV-JSON (these two need ``pip install 'reconcile[prov]'``). The file is
    written beside *path* under a temporary name and renamed over it, so a
    failure leaves *path* as it was.

    Returns:
        *path*, as a :class:`~pathlib.Path` (so ``read_graph(write_graph(G, p))``).

    Raises:
        ExportError: unknown suffix, missing ``prov``, an attribute the format
            cannot hold, or an OS error; nothing is left half-written.

    >>> import tempfile, pathlib
    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("source:A", "article:a", key="published", kind="published")
    'published'
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     H = read_graph(write_graph(G, pathlib.Path(tmp) / "g.graphml"))
    >>> list(H.edges(keys=True, data=True))
    [('source:A', 'article:a', 'published', {'kind': 'published'})]
    """
    path = Path(path)
    suffix = _suffix(path)
    renderers: dict[str, Callable[[nx.MultiDiGraph], bytes]] = {
        ".graphml": _render_graphml,
        ".json": _render_json,
        ".provn": lambda graph: _render_prov(graph, "provn"),
        ".provjson": lambda graph: _render_prov(graph, "json"),
        ".prov.json": lambda graph: _render_prov(graph, "json"),
    }
    if suffix not in renderers:
        raise ExportError(
            f"{path}: cannot tell the graph format from the file name;"
            f" expected one of {', '.join(GRAPH_SUFFIXES)}"
        )
    try:
        data = renderers[suffix](G)
    except ExportError as exc:
        raise ExportError(f"{path}: {exc}") from exc
    except Exception as exc:
        raise ExportError(f"{path}: cannot write the graph as {suffix}: {exc}") from exc
    write_atomic(path, lambda handle: handle.write(data))
    return path


def read_graph(path: str | os.PathLike[str]) -> nx.MultiDiGraph:
    """Read a graph that :func:`write_graph` wrote as ``.graphml`` or ``.json``.

    Node and edge attributes come back with their types (``int``, ``float``,
    ``bool``, ``str``) and edges with their keys, so the result equals the graph
    that was written.

    Raises:
        MissingPathError: *path* does not exist.
        UnsupportedFormatError: the suffix is not ``.graphml`` or ``.json``.
        InputError: the file is not a directed multigraph in that format.

    >>> import tempfile, pathlib
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("fact:F1", kind="fact", confidence=0.5)
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     H = read_graph(write_graph(G, pathlib.Path(tmp) / "g.json"))
    >>> H.nodes["fact:F1"]
    {'confidence': 0.5, 'kind': 'fact'}
    """
    path = Path(path)
    suffix = _suffix(path)
    if suffix not in _READABLE_SUFFIXES:
        raise UnsupportedFormatError(
            path,
            None,
            f"can read graphs from {' and '.join(_READABLE_SUFFIXES)} files only",
            suffix,
        )
    if not path.exists():
        raise MissingPathError(path, None, "no such graph file")
    try:
        G = _read_graphml(path) if suffix == ".graphml" else _read_node_link(path)
    except (
        OSError,
        ValueError,
        KeyError,
        TypeError,
        SyntaxError,
        nx.NetworkXError,
    ) as exc:
        raise InputError(path, None, f"not a readable {suffix} graph: {exc}") from exc
    if not (G.is_directed() and G.is_multigraph()):
        raise InputError(path, None, "expected a directed multigraph")
    return G


def _suffix(path: Path) -> str:
    name = path.name.lower()
    for suffix in sorted(GRAPH_SUFFIXES, key=len, reverse=True):
        if name.endswith(suffix):
            return suffix
    return path.suffix.lower()


def _render_json(G: nx.MultiDiGraph) -> bytes:
    data = nx.node_link_data(G, edges="edges")
    text = json.dumps(
        data, sort_keys=True, ensure_ascii=False, indent=2, allow_nan=False
    )
    return (text + "\n").encode("utf-8")


def _read_node_link(path: Path) -> nx.MultiDiGraph:
    data = json.loads(path.read_text(encoding="utf-8"))
    return nx.node_link_graph(data, directed=True, multigraph=True, edges="edges")


def _render_graphml(G: nx.MultiDiGraph) -> bytes:
    _check_xml_safe(G)
    buffer = io.BytesIO()
    nx.write_graphml(G, buffer, encoding="utf-8")
    # XML parsers turn a raw carriage return into a newline; a reference survives.
    return buffer.getvalue().replace(b"\r", b"&#13;")


def _read_graphml(path: Path) -> nx.MultiDiGraph:
    G = nx.read_graphml(path, force_multigraph=True)
    for name in ("node_default", "edge_default"):
        if G.graph.get(name) == {}:
            del G.graph[name]
    return G


def _check_xml_safe(G: nx.MultiDiGraph) -> None:
    def check(where: str, name: str, value: Any) -> None:
        match = _NOT_XML.search(value) if isinstance(value, str) else None
        if match:
            raise ExportError(
                f"{where} {name} holds U+{ord(match.group()):04X}, which GraphML (XML 1.0)"
                " cannot hold; write .json instead"
            )

    for name, value in G.graph.items():
        check("the graph attribute", repr(name), value)
    for node, data in G.nodes(data=True):
        check("node", "id", node)
        for name, value in data.items():
            check(f"node {node!r}", f"attribute {name!r}", value)
    for u, v, key, data in G.edges(keys=True, data=True):
        check(f"edge {u!r} -> {v!r}", "key", key)
        for name, value in data.items():
            check(f"edge {u!r} -> {v!r} ({key!r})", f"attribute {name!r}", value)


def _render_prov(G: nx.MultiDiGraph, fmt: str) -> bytes:
    document = _prov_document(G)
    text = (
        document.serialize(format=fmt, indent=2)
        if fmt == "json"
        else document.get_provn()
    )
    return (str(text) + "\n").encode("utf-8")


def _prov_document(G: nx.MultiDiGraph) -> Any:
    try:
        import prov.model
    except ImportError as exc:
        raise ExportError(
            "W3C PROV export needs the optional 'prov' package: pip install 'reconcile[prov]'"
        ) from exc
    document = prov.model.ProvDocument()
    ns = document.add_namespace("reconcile", PROV_NAMESPACE)
    ids: dict[str, Any] = {}
    for node, data in G.nodes(data=True):
        kind = str(data.get("kind", "node"))
        ids[node] = ns[f"{kind}/{quote(_bare(str(node)), safe='')}"]
        attributes: dict[Any, Any] = {ns[str(k)]: v for k, v in data.items()}
        attributes["prov:label"] = _prov_label(node, data)
        make = document.agent if kind in _PROV_AGENT_KINDS else document.entity
        make(ids[node], attributes)
    for u, v, data in G.edges(data=True):
        attributes = {ns[str(name)]: value for name, value in data.items()}
        kind = data.get("kind")
        if kind == "published":  # source -> article
            document.wasAttributedTo(ids[v], ids[u], other_attributes=attributes)
        elif kind == "attributed_to":  # claim -> origin
            document.wasAttributedTo(ids[u], ids[v], other_attributes=attributes)
        elif kind in ("states", "supports"):  # article -> claim, claim -> fact
            document.wasDerivedFrom(ids[v], ids[u], other_attributes=attributes)
        else:  # conflicts_with, and anything else: u was influenced by v
            document.wasInfluencedBy(ids[u], ids[v], other_attributes=attributes)
    return document


def _prov_label(node: str, data: dict[str, Any]) -> str:
    for name in ("name", "title", "statement", "text"):
        if data.get(name) and not (name == "text" and data.get("kind") == "article"):
            return str(data[name])
    return _bare(str(node))
