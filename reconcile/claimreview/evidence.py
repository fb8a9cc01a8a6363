"""ClaimReview items -> evidence attached to the facts their ``claimReviewed`` matches."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any, Literal, TypeAlias

from attrs import field, frozen

from reconcile.api import Reconciliation
from reconcile.check import check_text
from reconcile.claimreview.export import FACT_ID_PROPERTY
from reconcile.claimreview.validation import (
    SCHEMA_ORG,
    parse_date,
    validate_claimreview,
)
from reconcile.config import Config
from reconcile.errors import ClaimReviewError, MissingPathError
from reconcile.extract.actors import load_gazetteer
from reconcile.model import Fact

__all__ = [
    "ClaimReviewImport",
    "ClaimReviewItem",
    "ClaimReviewSource",
    "ReviewEvidence",
    "import_claimreview",
]


@frozen
class ClaimReviewItem:
    """One imported ClaimReview, kept as the exact JSON it was read from.

    ``json_text`` is the item serialised as read, so :meth:`to_jsonld` (and an
    export given the import) gives it back unchanged; the other fields are read
    from it.
    """

    index: int
    json_text: str = field(repr=False)
    claim_reviewed: str
    url: str
    rating: str
    """The ``reviewRating.alternateName``: the reviewer's verdict in words."""
    fact_id: str | None = None
    """The fact named by a ``reconcile:fact`` identifier, if the item has one."""

    def to_jsonld(self) -> dict[str, Any]:
        """The item as a fresh JSON-LD dict, equal to the one that was imported."""
        return json.loads(self.json_text)  # type: ignore[no-any-return]


@frozen
class ReviewEvidence:
    """An imported ClaimReview attached to a fact it matches.

    ``score`` is the matcher's 0-100 score of the item's ``claimReviewed``
    against the fact; ``verdict`` is what the fact says about that sentence
    (``supported``, ``contradicted`` or ``unverified``, as in
    :func:`reconcile.check.check_text`); ``matched_by`` is ``"text"`` or
    ``"identifier"`` (the item names the fact, whatever its wording).
    """

    review: ClaimReviewItem
    fact_id: str
    score: float
    verdict: str
    matched_by: Literal["text", "identifier"] = "text"

    @property
    def item(self) -> dict[str, Any]:
        """The imported JSON-LD item."""
        return self.review.to_jsonld()


@frozen
class ClaimReviewImport:
    """The result of :func:`import_claimreview`: every item read, and the evidence.

    ``reviews`` holds every item in the order read; ``evidence`` holds one
    :class:`ReviewEvidence` per (item, fact) match, best first within an item.
    """

    reviews: tuple[ClaimReviewItem, ...] = field(converter=tuple)
    evidence: tuple[ReviewEvidence, ...] = field(converter=tuple)

    @property
    def unmatched(self) -> tuple[ClaimReviewItem, ...]:
        """The items that matched no fact."""
        matched = {e.review.index for e in self.evidence}
        return tuple(r for r in self.reviews if r.index not in matched)

    def evidence_for(self, fact_id: str) -> tuple[ReviewEvidence, ...]:
        """The evidence attached to the fact *fact_id*, best score first."""
        found = [e for e in self.evidence if e.fact_id == fact_id]
        return tuple(sorted(found, key=lambda e: (-e.score, e.review.index)))

    def items(self) -> list[dict[str, Any]]:
        """Every imported item, unchanged, in the order read."""
        return [review.to_jsonld() for review in self.reviews]


ClaimReviewSource: TypeAlias = (
    Mapping[str, Any] | Sequence[Mapping[str, Any]] | str | os.PathLike[str]
)
"""What :func:`import_claimreview` reads: JSON-LD, decoded, or the path of a JSON file."""


def import_claimreview(
    source: ClaimReviewSource,
    reconciliation: Reconciliation | Sequence[Fact],
    *,
    min_score: float | None = None,
    config: Config | None = None,
) -> ClaimReviewImport:
    """Read ClaimReview items and attach each to the facts its ``claimReviewed`` matches.

    Args:
        source: a JSON-LD ClaimReview object, a list of them, a document
            with a ``@graph`` (nodes of other types are skipped), a response
            of Google's Fact Check Tools API (``{"claims": [...]}``, turned into
            ClaimReview items), or the path of a file holding any of these.
        reconciliation: the facts to match against (a
            :class:`~reconcile.api.Reconciliation`, or bare facts).
        min_score: attach a fact when the item scores at or above this
            against it; ``config.match_threshold`` by default. Lower it to also
            collect merely related facts (verdict ``unverified``).
        config: thresholds, when *reconciliation* is bare facts; a
            Reconciliation's own config by default.

    Relative dates in ``claimReviewed`` are anchored on
    ``itemReviewed.datePublished`` (else the review's ``datePublished``). An
    item whose ``identifier`` names one of the facts (``reconcile:fact``) is
    attached to it even if the text scores lower.

    Raises:
        ClaimReviewError: the source is not JSON or an item is invalid
            (see :func:`validate_claimreview`); names the file, item and field.
        MissingPathError: *source* is a path that does not exist.
    """
    path = Path(source) if isinstance(source, str | os.PathLike) else None
    document = _read_json(path) if path is not None else source
    entries = _entries(document, path)
    if isinstance(reconciliation, Reconciliation):
        facts, config = reconciliation.facts, config or reconciliation.config
    else:
        facts, config = tuple(reconciliation), config or Config()
    threshold = config.match_threshold if min_score is None else min_score
    matcher = _Matcher(facts, config)
    reviews: list[ClaimReviewItem] = []
    evidence: list[ReviewEvidence] = []
    for index, (item, has_context) in enumerate(entries):
        validate_claimreview(
            item, index=index, path=path, require_context=not has_context
        )
        review = _review_item(index, item, {f.id for f in facts})
        reviews.append(review)
        evidence.extend(matcher.evidence(review, item, threshold))
    return ClaimReviewImport(reviews, evidence)


def _read_json(path: Path) -> Any:
    if not path.exists():
        raise MissingPathError(path, None, "no such file or directory")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as error:
        raise ClaimReviewError(
            f"expected UTF-8 JSON ({error.reason})", path=path
        ) from error
    except json.JSONDecodeError as error:
        raise ClaimReviewError(
            f"expected JSON (line {error.lineno} column {error.colno}: {error.msg})",
            path=path,
        ) from error
    except OSError as error:
        raise ClaimReviewError(
            f"cannot read ({error.strerror or error})", path=path
        ) from error


def _entries(document: Any, path: Path | None) -> list[tuple[Any, bool]]:
    """``(item, context given by its container)`` for every ClaimReview in *document*."""
    if isinstance(document, Mapping) and "@graph" in document:
        graph = document["@graph"]
        if not isinstance(graph, list):
            raise ClaimReviewError(
                "expected a list of nodes", field="@graph", path=path, value=graph
            )
        inherited = "@context" in document
        return [(node, inherited) for node in graph if _is_claimreview(node)]
    if (
        isinstance(document, Mapping)
        and "claims" in document
        and "@type" not in document
    ):
        return [(item, False) for item in _from_fact_check_api(document, path)]
    if isinstance(document, Mapping):
        return [(document, False)]
    if isinstance(document, list):
        entries: list[tuple[Any, bool]] = []
        for node in document:
            if isinstance(node, Mapping) and "@graph" in node:
                entries.extend(_entries(node, path))
            else:
                entries.append((node, False))
        return entries
    raise ClaimReviewError(
        "expected a ClaimReview object, a list of them, or a @graph document",
        path=path,
        value=document,
    )


def _is_claimreview(node: Any) -> bool:
    if not isinstance(node, Mapping):
        return False
    types = node.get("@type")
    types = types if isinstance(types, list) else [types]
    return any(
        isinstance(t, str) and t.rsplit("/", 1)[-1] == "ClaimReview" for t in types
    )


def _from_fact_check_api(document: Mapping[str, Any], path: Path | None) -> list[Any]:
    """Google Fact Check Tools API ``claims:search`` results as ClaimReview items."""
    claims = document["claims"]
    if not isinstance(claims, list):
        raise ClaimReviewError(
            "expected a list of Fact Check Tools API claims",
            field="claims",
            path=path,
            value=claims,
        )
    items: list[Any] = []
    for k, claim in enumerate(claims):
        if not isinstance(claim, Mapping):
            raise ClaimReviewError(
                "expected a claim object", field=f"claims[{k}]", path=path, value=claim
            )
        reviewed: dict[str, Any] = {"@type": "Claim"}
        if claim.get("claimant"):
            reviewed["author"] = {"@type": "Person", "name": claim["claimant"]}
        if claim.get("claimDate"):
            reviewed["datePublished"] = claim["claimDate"]
        for j, review in enumerate(claim.get("claimReview") or ()):
            if not isinstance(review, Mapping):
                raise ClaimReviewError(
                    "expected a claim review object",
                    field=f"claims[{k}].claimReview[{j}]",
                    path=path,
                    value=review,
                )
            item: dict[str, Any] = {
                "@context": SCHEMA_ORG,
                "@type": "ClaimReview",
                "url": review.get("url"),
                "claimReviewed": claim.get("text"),
            }
            publisher = review.get("publisher")
            publisher = publisher if isinstance(publisher, Mapping) else {}
            if publisher.get("name"):
                item["author"] = {"@type": "Organization", "name": publisher["name"]}
                if publisher.get("site"):
                    item["author"]["url"] = f"https://{publisher['site']}"
            if review.get("reviewDate"):
                item["datePublished"] = review["reviewDate"]
            if review.get("title"):
                item["name"] = review["title"]
            item["itemReviewed"] = dict(reviewed)
            item["reviewRating"] = {
                "@type": "Rating",
                "alternateName": review.get("textualRating"),
            }
            items.append(item)
    return items


def _review_item(
    index: int, item: Mapping[str, Any], fact_ids: set[str]
) -> ClaimReviewItem:
    identifiers = item.get("identifier")
    identifiers = identifiers if isinstance(identifiers, list) else [identifiers]
    named = [
        str(i.get("value"))
        for i in identifiers
        if isinstance(i, Mapping) and i.get("propertyID") == FACT_ID_PROPERTY
    ]
    return ClaimReviewItem(
        index=index,
        json_text=json.dumps(item, ensure_ascii=False),
        claim_reviewed=item["claimReviewed"],
        url=item["url"],
        rating=item["reviewRating"]["alternateName"],
        fact_id=next((f for f in named if f in fact_ids), None),
    )


class _Matcher:
    """Scores ``claimReviewed`` sentences against facts with the draft checker."""

    def __init__(self, facts: Sequence[Fact], config: Config) -> None:
        self.facts = facts
        self.by_id = {f.id: f for f in facts}
        self.config = config
        self.gazetteer = load_gazetteer(config.alias_file)

    def evidence(
        self, review: ClaimReviewItem, item: Mapping[str, Any], threshold: float
    ) -> list[ReviewEvidence]:
        published = _anchor_date(item)
        answer = check_text(
            self.facts,
            review.claim_reviewed,
            published=published,
            config=self.config,
            gazetteer=self.gazetteer,
        )
        found = [
            ReviewEvidence(review, m.fact.id, m.score, m.verdict)
            for m in answer.matches
            if m.score >= threshold
        ]
        if review.fact_id is not None and all(
            e.fact_id != review.fact_id for e in found
        ):
            scored = {m.fact.id: m for m in answer.matches}
            match = scored.get(review.fact_id)
            if match is None:
                own = check_text(
                    [self.by_id[review.fact_id]],
                    review.claim_reviewed,
                    published=published,
                    config=self.config,
                    gazetteer=self.gazetteer,
                ).matches
                match = own[0] if own else None
            score, verdict = (
                (match.score, match.verdict) if match else (0.0, "unverified")
            )
            found.insert(
                0, ReviewEvidence(review, review.fact_id, score, verdict, "identifier")
            )
        return found


def _anchor_date(item: Mapping[str, Any]) -> date | None:
    reviewed = item.get("itemReviewed")
    if isinstance(reviewed, Mapping) and "datePublished" in reviewed:
        return parse_date(reviewed["datePublished"])
    return parse_date(item.get("datePublished"))
