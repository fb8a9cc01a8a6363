"""schema.org ClaimReview: export facts as JSON-LD, import fact-checks as evidence.

:func:`claimreview_items` writes one ``ClaimReview`` per fact, with the fields
Google's Fact Check tools read (`claimReviewed`, `reviewRating` with an
`alternateName`, `url`, `author`, `datePublished`, and an `itemReviewed` Claim
with its `author`, `datePublished`, `appearance` and `firstAppearance`).
:func:`validate_claimreview` checks one item against those fields, and
:func:`import_claimreview` reads existing ClaimReview items, matches each
`claimReviewed` sentence against the facts with :func:`reconcile.check.check_text`
and returns them as :class:`ReviewEvidence`.

The rating states *corroboration*, not truth: how well independent outlets
back the fact. It uses a fixed 1..5 scale (``worstRating`` 1, ``bestRating`` 5):

======  ==========================  =============================================
rating  ``alternateName``           fact
======  ==========================  =============================================
1       Conflicting reports         status ``conflicting``
2       Single source               status ``single_source``
3       Updated by later reports    status ``updated`` (a running figure revised)
4       Corroborated                status ``corroborated``, confidence < 0.85
5       Strongly corroborated       status ``corroborated``, confidence >= 0.85
======  ==========================  =============================================

Confidence 0.85 is reached with three unhedged independent origins (two give
0.75; see README "How it decides"). ``ratingExplanation`` carries the verdict's
own explanation and the outlets.

Each exported item names its fact in ``identifier``, a schema.org
``PropertyValue`` with ``propertyID`` ``"reconcile:fact"``, so that an import
finds the fact again even when the wording would not match. Imported items are
kept as the exact JSON they were read from: passing the import to
``claimreview_items(..., reviews=imported)`` emits every one of them unchanged.

>>> from datetime import date
>>> from reconcile.api import reconcile
>>> from reconcile.model import Article
>>> a = Article(id="a", outlet="Desk A", published=date(2025, 3, 14),
...             url="https://a.example/pact",
...             text="Norway and Chile signed a fisheries pact in Oslo on Friday.")
>>> result = reconcile([a])
>>> [item] = claimreview_items(result, author="Fact Desk",
...                            url_template="https://desk.example/facts/{fact_id}")
>>> item["reviewRating"]["alternateName"], item["itemReviewed"]["firstAppearance"]["url"]
('Single source', 'https://a.example/pact')
>>> validate_claimreview(item)
>>> imported = import_claimreview([item], result)
>>> [(e.fact_id == result.facts[0].id, e.verdict) for e in imported.evidence]
[(True, 'supported')]
"""

from __future__ import annotations

import json
import math
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal, NoReturn, TypeAlias
from urllib.parse import quote, urlsplit

from attrs import field, frozen

from reconcile.api import Reconciliation
from reconcile.check import check_text
from reconcile.config import Config
from reconcile.errors import ClaimReviewError, MissingPathError
from reconcile.extract.actors import load_gazetteer
from reconcile.model import Article, Claim, Fact, Verdict

__all__ = [
    "BEST_RATING",
    "FACT_ID_PROPERTY",
    "RATING_NAMES",
    "WORST_RATING",
    "ClaimReviewImport",
    "ClaimReviewItem",
    "ReviewEvidence",
    "claimreview_items",
    "import_claimreview",
    "review_rating",
    "validate_claimreview",
]

SCHEMA_ORG = "https://schema.org"
#: ``propertyID`` of the ``identifier`` that names the fact an item reviews.
FACT_ID_PROPERTY = "reconcile:fact"
WORST_RATING, BEST_RATING = 1, 5
#: ``ratingValue`` -> ``alternateName`` (see the module docstring for the mapping).
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
_SCHEMA_ORG_CONTEXTS = {
    "https://schema.org",
    "https://schema.org/",
    "http://schema.org",
    "http://schema.org/",
}
_PERSON_OR_ORG = ("Organization", "Person")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


# --------------------------------------------------------------------- export


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
    if not _is_web_url(example):
        raise ClaimReviewError(
            "expected an absolute http(s) URL whose only placeholder is {fact_id}",
            field="url_template",
            value=url_template,
        )
    if author_url is not None and not _is_web_url(author_url):
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
    claims = sorted(fact.claims, key=_appearance_order)
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


def _appearance_order(claim: Claim) -> tuple[bool, date, str]:
    """Earliest publication first (undated last), then claim id."""
    return (claim.published is None, claim.published or date.max, claim.id)


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


# ----------------------------------------------------------------- validation


def validate_claimreview(
    item: Any,
    *,
    index: int | None = None,
    path: str | os.PathLike[str] | None = None,
    require_context: bool = True,
) -> None:
    """Check *item* against the ClaimReview fields Google's Fact Check tools read.

    Required: ``@type`` ClaimReview, ``@context`` schema.org (unless
    *require_context* is false, for items inside a ``@graph`` whose document
    carries it), a non-empty ``claimReviewed``, an absolute http(s) ``url`` and a
    ``reviewRating`` (``@type`` Rating) with a non-empty ``alternateName``.
    Checked when present: the rating's ``ratingValue`` lies within
    ``worstRating``..``bestRating``; ``author`` is an Organization or Person
    with a name; ``datePublished`` is an ISO 8601 date; ``itemReviewed`` is a
    Claim whose ``author``, ``datePublished``, ``appearance`` and
    ``firstAppearance`` are well-formed (an appearance is a URL or a
    CreativeWork object).

    Args:
        item: a decoded JSON object.
        index: the item's position in its document, named in errors.
        path: the file it was read from, named in errors.
        require_context: whether the item must carry its own ``@context``.

    Raises:
        ClaimReviewError: naming the item, the field and what was expected.

    >>> validate_claimreview({"@type": "ClaimReview"}, index=0)
    Traceback (most recent call last):
    ...
    reconcile.errors.ClaimReviewError: item 0: @context: expected 'https://schema.org' (got None)
    """
    _Checker(index, path).item(item, require_context=require_context)


class _Checker:
    """Field checks that raise :class:`ClaimReviewError` naming the item and field."""

    def __init__(self, index: int | None, path: str | os.PathLike[str] | None) -> None:
        self.index = index
        self.path = path

    def fail(self, where: str, expected: str, value: Any) -> NoReturn:
        raise ClaimReviewError(
            f"expected {expected}",
            field=where or None,
            index=self.index,
            path=self.path,
            value=value,
        )

    def item(self, item: Any, *, require_context: bool) -> None:
        if not isinstance(item, Mapping):
            self.fail("", "a ClaimReview JSON object", item)
        if require_context or "@context" in item:
            self.context(item.get("@context"))
        self.type_("@type", item.get("@type"), ("ClaimReview",))
        self.text("claimReviewed", item.get("claimReviewed"), "the claim in words")
        self.url("url", item.get("url"))
        self.rating("reviewRating", item.get("reviewRating"))
        if "author" in item:
            self.agent("author", item["author"])
        if "datePublished" in item:
            self.date("datePublished", item["datePublished"])
        if "itemReviewed" in item:
            self.claim("itemReviewed", item["itemReviewed"])

    def context(self, value: Any) -> None:
        contexts = value if isinstance(value, list) else [value]
        if not any(
            (isinstance(c, str) and c in _SCHEMA_ORG_CONTEXTS)
            or (isinstance(c, Mapping) and c.get("@vocab") in _SCHEMA_ORG_CONTEXTS)
            for c in contexts
        ):
            self.fail("@context", repr(SCHEMA_ORG), value)

    def type_(self, where: str, value: Any, allowed: tuple[str, ...]) -> None:
        types = value if isinstance(value, list) else [value]
        names = {t.rsplit("/", 1)[-1] for t in types if isinstance(t, str)}
        if not names & set(allowed):
            self.fail(where, " or ".join(repr(a) for a in allowed), value)

    def text(self, where: str, value: Any, what: str) -> None:
        if not isinstance(value, str) or not value.strip():
            self.fail(where, f"non-empty text: {what}", value)

    def url(self, where: str, value: Any) -> None:
        if not _is_web_url(value):
            self.fail(where, "an absolute http(s) URL", value)

    def date(self, where: str, value: Any) -> None:
        if _parse_date(value) is None:
            self.fail(where, "an ISO 8601 date like 2025-01-17", value)

    def number(self, where: str, value: Any) -> float:
        number = _as_number(value)
        if number is None:
            self.fail(where, "a number", value)
        return number

    def rating(self, where: str, rating: Any) -> None:
        if not isinstance(rating, Mapping):
            self.fail(where, "a Rating object", rating)
        self.type_(f"{where}.@type", rating.get("@type"), ("Rating",))
        self.text(
            f"{where}.alternateName",
            rating.get("alternateName"),
            "the rating in words, e.g. 'False'",
        )
        bounds = {
            key: self.number(f"{where}.{key}", rating[key])
            for key in ("ratingValue", "bestRating", "worstRating")
            if key in rating
        }
        worst, best = bounds.get("worstRating"), bounds.get("bestRating")
        if worst is not None and best is not None and worst >= best:
            self.fail(f"{where}.bestRating", f"more than worstRating {worst:g}", best)
        value = bounds.get("ratingValue")
        if value is None:
            return
        low = worst if worst is not None else -math.inf
        high = best if best is not None else math.inf
        if not low <= value <= high:
            self.fail(
                f"{where}.ratingValue",
                f"a value within worstRating..bestRating ({low:g}..{high:g})",
                rating["ratingValue"],
            )

    def agent(self, where: str, value: Any) -> None:
        for k, agent in _enumerate_one_or_many(value, where):
            if not isinstance(agent, Mapping):
                self.fail(k, "an Organization or Person object", agent)
            self.type_(f"{k}.@type", agent.get("@type"), _PERSON_OR_ORG)
            self.text(f"{k}.name", agent.get("name"), "who it is")

    def claim(self, where: str, claim: Any) -> None:
        if not isinstance(claim, Mapping):
            self.fail(where, "a Claim object", claim)
        self.type_(f"{where}.@type", claim.get("@type"), ("Claim",))
        if "author" in claim:
            self.agent(f"{where}.author", claim["author"])
        if "datePublished" in claim:
            self.date(f"{where}.datePublished", claim["datePublished"])
        if "appearance" in claim:
            for k, work in _enumerate_one_or_many(
                claim["appearance"], f"{where}.appearance"
            ):
                self.work(k, work)
        if "firstAppearance" in claim:
            self.work(f"{where}.firstAppearance", claim["firstAppearance"])

    def work(self, where: str, work: Any) -> None:
        if isinstance(work, str):
            self.url(where, work)
            return
        if not isinstance(work, Mapping) or not isinstance(work.get("@type"), str):
            self.fail(where, "a URL or a CreativeWork object with an @type", work)
        if "url" in work:
            self.url(f"{where}.url", work["url"])
        if "datePublished" in work:
            self.date(f"{where}.datePublished", work["datePublished"])


def _enumerate_one_or_many(value: Any, where: str) -> list[tuple[str, Any]]:
    if isinstance(value, list):
        return [(f"{where}[{k}]", v) for k, v in enumerate(value)]
    return [(where, value)]


def _is_web_url(value: Any) -> bool:
    if not isinstance(value, str) or any(c.isspace() for c in value):
        return False
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _parse_date(value: Any) -> date | None:
    if not isinstance(value, str) or not _ISO_DATE.match(value):
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None


def _as_number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value) if math.isfinite(value) else None
    if isinstance(value, str):
        try:
            number = float(value)
        except ValueError:
            return None
        return number if math.isfinite(number) else None
    return None


# --------------------------------------------------------------------- import


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
        return _parse_date(reviewed["datePublished"])
    return _parse_date(item.get("datePublished"))
