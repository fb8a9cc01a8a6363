"""schema.org ClaimReview: export facts as JSON-LD, import fact-checks as evidence.

Three modules: :mod:`~reconcile.claimreview.export` (facts -> items),
:mod:`~reconcile.claimreview.validation` (the fields Google reads) and
:mod:`~reconcile.claimreview.evidence` (items -> evidence attached to facts).

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
>>> signing = next(f for f in result.facts if f.attribute == "date")
>>> items = claimreview_items(result, author="Fact Desk",
...                           url_template="https://desk.example/facts/{fact_id}")
>>> item = next(i for i in items if i["identifier"]["value"] == signing.id)
>>> item["reviewRating"]["alternateName"], item["itemReviewed"]["firstAppearance"]["url"]
('Single source', 'https://a.example/pact')
>>> validate_claimreview(item)
>>> imported = import_claimreview([item], result)
>>> [e.verdict for e in imported.evidence if e.fact_id == signing.id]
['supported']
"""

from reconcile.claimreview.evidence import (
    ClaimReviewImport,
    ClaimReviewItem,
    ClaimReviewSource,
    ReviewEvidence,
    import_claimreview,
)
from reconcile.claimreview.export import (
    BEST_RATING,
    FACT_ID_PROPERTY,
    RATING_NAMES,
    STRONG_CONFIDENCE,
    WORST_RATING,
    claimreview_items,
    review_rating,
)
from reconcile.claimreview.validation import SCHEMA_ORG, validate_claimreview

__all__ = [
    "BEST_RATING",
    "FACT_ID_PROPERTY",
    "RATING_NAMES",
    "SCHEMA_ORG",
    "STRONG_CONFIDENCE",
    "WORST_RATING",
    "ClaimReviewImport",
    "ClaimReviewItem",
    "ClaimReviewSource",
    "ReviewEvidence",
    "claimreview_items",
    "import_claimreview",
    "review_rating",
    "validate_claimreview",
]
