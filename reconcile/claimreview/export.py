"""Facts -> schema.org ClaimReview items, rated by corroboration on a 1..5 scale."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from reconcile.api import Reconciliation
from reconcile.claimreview.validation import SCHEMA_ORG, is_web_url
from reconcile.compare.verdicts import claim_order
from reconcile.errors import ClaimReviewError
from reconcile.model import Article, Claim, Fact, Verdict

if TYPE_CHECKING:
    from reconcile.claimreview.evidence import ClaimReviewImport

__all__ = [
    "BEST_RATING",
    "FACT_ID_PROPERTY",
    "RATING_NAMES",
    "STRONG_CONFIDENCE",
    "WORST_RATING",
    "claimreview_items",
    "review_rating",
]

#: ``propertyID`` of the ``identifier`` that names the fact an item reviews.
FACT_ID_PROPERTY = "reconcile:fact"
WORST_RATING, BEST_RATING = 1, 5
#: ``ratingValue`` -> ``alternateName`` (see :mod:`reconcile.claimreview` for the mapping).
RATING_NAMES: Mapping[int, str] = {
    1: "Conflicting reports",
    2: "Single source",
    3: "Updated by later reports",
    4: "Corroborated",
    5: "Strongly corroborated",
}
#: Confidence at or above which a corroborated fact rates 5 instead of 4.
STRONG_CONFIDENCE = 0.85
_STATUS_RATING = {"conflicting": 1, "single_source": 2, "updated": 3, "corroborated": 4}


def review_rating(verdict: Verdict) -> dict[str, Any]:
    """The schema.org ``Rating`` that states *verdict*'s corroboration on the 1..5 scale.

    >>> review_rating(Verdict("corroborated", 0.75, 2))["alternateName"]
    'Corroborated'
    >>> review_rating(Verdict("corroborated", 0.875, 3))["ratingValue"]
    5
    """
    value = _STATUS_RATING[verdict.status]
    if verdict.status == "corroborated" and verdict.confidence >= STRONG_CONFIDENCE:
        value = 5
    return {
        "@type": "Rating",
        "ratingValue": value,
        "bestRating": BEST_RATING,
        "worstRating": WORST_RATING,
        "alternateName": RATING_NAMES[value],
    }


def claimreview_items(
    source: Reconciliation | Iterable[Fact],
    *,
    author: str,
    url_template: str,
    author_url: str | None = None,
    date_published: date | None = None,
    reviews: ClaimReviewImport | None = None,
) -> list[dict[str, Any]]:
    """One schema.org ``ClaimReview`` JSON-LD object per fact, in the facts' order.

    Args:
        source: a :class:`~reconcile.api.Reconciliation` (its articles give each
            appearance its URL and headline) or bare facts (appearances then
            carry only outlet and date).
        author: the name of the organisation publishing the reviews.
        url_template: the page that hosts each review, with ``{fact_id}``
            where the (URL-quoted) fact id goes, e.g.
            ``"https://desk.example/facts/{fact_id}"`` or
            ``"https://desk.example/report.html#{fact_id}"``. A fact has no
            URL of its own, and Google requires one.
        author_url: the organisation's home page, if any.
        date_published: the reviews' date; by default each fact's latest
            claim publication date (omitted when no claim has one).
        reviews: an earlier :func:`import_claimreview` result; its items are
            appended after the facts' items, each exactly as it was read.

    Returns:
        JSON-safe dicts, each valid under :func:`validate_claimreview`.

    Raises:
        ClaimReviewError: *author* is empty, or *url_template* lacks
            ``{fact_id}`` or does not give an absolute http(s) URL.
    """
    facts, articles = _facts_and_articles(source)
    _check_export_arguments(author, url_template, author_url)
    organisation: dict[str, Any] = {"@type": "Organization", "name": author}
    if author_url:
        organisation["url"] = author_url
    items = [
        _fact_item(fact, articles, organisation, url_template, date_published)
        for fact in facts
    ]
    if reviews is not None:
        items.extend(reviews.items())
    return items


def _facts_and_articles(
    source: Reconciliation | Iterable[Fact],
) -> tuple[tuple[Fact, ...], dict[str, Article]]:
    if isinstance(source, Reconciliation):
        return source.facts, {a.id: a for a in source.articles}
    return tuple(source), {}


def _check_export_arguments(
    author: str, url_template: str, author_url: str | None
) -> None:
    if not isinstance(author, str) or not author.strip():
        raise ClaimReviewError(
            "expected the reviewing organisation's name", field="author", value=author
        )
    if not isinstance(url_template, str) or "{fact_id}" not in url_template:
        raise ClaimReviewError(
            "expected a URL with {fact_id} in it, like 'https://desk.example/facts/{fact_id}'",
            field="url_template",
            value=url_template,
        )
    try:
        example = url_template.format(fact_id="F1")
    except (KeyError, IndexError, ValueError):
        example = ""
    if not is_web_url(example):
        raise ClaimReviewError(
            "expected an absolute http(s) URL whose only placeholder is {fact_id}",
            field="url_template",
            value=url_template,
        )
    if author_url is not None and not is_web_url(author_url):
        raise ClaimReviewError(
            "expected an absolute http(s) URL", field="author_url", value=author_url
        )


def _fact_item(
    fact: Fact,
    articles: Mapping[str, Article],
    organisation: Mapping[str, Any],
    url_template: str,
    date_published: date | None,
) -> dict[str, Any]:
    claims = sorted(fact.claims, key=claim_order)
    appearances = _appearances(claims, articles)
    first = claims[0] if claims else None
    reviewed: dict[str, Any] = {"@type": "Claim"}
    if first is not None:
        reviewed["author"] = {"@type": "Organization", "name": first.outlet}
        if first.published is not None:
            reviewed["datePublished"] = first.published.isoformat()
        reviewed["appearance"] = appearances
        reviewed["firstAppearance"] = appearances[0]
    rating = review_rating(fact.verdict)
    rating["ratingExplanation"] = _rating_explanation(fact)
    item: dict[str, Any] = {
        "@context": SCHEMA_ORG,
        "@type": "ClaimReview",
        "url": url_template.format(fact_id=quote(fact.id, safe="")),
        "identifier": {
            "@type": "PropertyValue",
            "propertyID": FACT_ID_PROPERTY,
            "value": fact.id,
        },
        "claimReviewed": fact.statement,
        "author": dict(organisation),
    }
    when = date_published or max(
        (c.published for c in fact.claims if c.published is not None), default=None
    )
    if when is not None:
        item["datePublished"] = when.isoformat()
    item["itemReviewed"] = reviewed
    item["reviewRating"] = rating
    return item


def _appearances(
    claims: Sequence[Claim], articles: Mapping[str, Article]
) -> list[dict[str, Any]]:
    """One ``CreativeWork`` per article, in the order of its earliest claim."""
    works: dict[str, dict[str, Any]] = {}
    for claim in claims:
        if claim.article_id in works:
            continue
        article = articles.get(claim.article_id)
        work: dict[str, Any] = {"@type": "CreativeWork"}
        if article is not None and article.url:
            work["url"] = article.url
        if article is not None and article.title:
            work["headline"] = article.title
        if claim.published is not None:
            work["datePublished"] = claim.published.isoformat()
        work["publisher"] = {"@type": "Organization", "name": claim.outlet}
        works[claim.article_id] = work
    return list(works.values())


def _rating_explanation(fact: Fact) -> str:
    why = fact.verdict.explanation or fact.status.replace("_", " ")
    return f"{why}; stated by {', '.join(fact.outlets)}" if fact.outlets else why
