"""The naive baseline every fixture score is set beside.

What gluing RapidFuzz and connected components together gives: every sentence of
every article's body (as scraped, furniture included) is a claim; two sentences
of different articles are one fact when their ``token_set_ratio`` is at or above
70; facts are the connected components; a fact stated by two or more outlets is
``corroborated``, otherwise ``single_source``, and nothing is ever a conflict.

:func:`naive_report` returns a document shaped like the JSON report of DESIGN.md,
so :func:`reconcile.golden.score_report` scores the baseline and the library the
same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import networkx as nx
import numpy as np
from rapidfuzz import fuzz, process

from reconcile.model import Article
from reconcile.segment import split_sentences

__all__ = ["NAIVE_THRESHOLD", "naive_report"]

NAIVE_THRESHOLD = 70
"""``token_set_ratio`` at or above which the baseline joins two sentences."""


def naive_report(articles: Sequence[Article]) -> dict[str, Any]:
    """The baseline's report over *articles*, in the JSON report's shape.

    >>> from reconcile.model import Article
    >>> a = Article("a", "Outlet A", "Russia and Iran signed a pact on Friday.")
    >>> b = Article("b", "Outlet B", "On Friday Russia and Iran signed a pact.")
    >>> [f["status"] for f in naive_report([a, b])["facts"]]
    ['corroborated']
    """
    claims: list[dict[str, Any]] = []
    for article in articles:
        body = article.raw_text if article.raw_text is not None else article.text
        for number, (start, end) in enumerate(split_sentences(body)):
            claims.append(
                {
                    "id": f"{article.id}#{number}",
                    "article": article.id,
                    "outlet": article.outlet,
                    "text": body[start:end],
                    "start": start,
                    "end": end,
                    "values": [],
                }
            )
    graph = nx.Graph()
    graph.add_nodes_from(range(len(claims)))
    if claims:
        texts = [c["text"] for c in claims]
        scores = process.cdist(
            texts,
            texts,
            scorer=fuzz.token_set_ratio,
            score_cutoff=NAIVE_THRESHOLD,
            dtype=np.uint8,
            workers=-1,
        )
        left, right = np.nonzero(scores >= NAIVE_THRESHOLD)
        graph.add_edges_from(
            (int(i), int(j))
            for i, j in zip(left, right, strict=True)
            if i < j and claims[i]["article"] != claims[j]["article"]
        )
    components = [
        [claims[i] for i in sorted(component)]
        for component in sorted(nx.connected_components(graph), key=min)
    ]
    facts = []
    for number, members in enumerate(components, start=1):
        outlets = sorted({c["outlet"] for c in members})
        facts.append(
            {
                "id": f"N{number}",
                "statement": members[0]["text"],
                "status": "corroborated" if len(outlets) >= 2 else "single_source",
                "outlets": outlets,
                "independent_origins": len(outlets),
                "claims": members,
                "agreements": [],
                "conflicts": [],
            }
        )
    return {
        "articles": [{"id": a.id, "outlet": a.outlet} for a in articles],
        "facts": facts,
    }
