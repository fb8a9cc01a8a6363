"""Check a ClaimReview item against the fields Google's Fact Check tools read."""

from __future__ import annotations

import math
import os
import re
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any, NoReturn
from urllib.parse import urlsplit

from reconcile.errors import ClaimReviewError

__all__ = ["SCHEMA_ORG", "is_web_url", "parse_date", "validate_claimreview"]

#: The ``@context`` every exported item carries.
SCHEMA_ORG = "https://schema.org"
_SCHEMA_ORG_CONTEXTS = {
    "https://schema.org",
    "https://schema.org/",
    "http://schema.org",
    "http://schema.org/",
}
_PERSON_OR_ORG = ("Organization", "Person")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


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
        if not is_web_url(value):
            self.fail(where, "an absolute http(s) URL", value)

    def date(self, where: str, value: Any) -> None:
        if parse_date(value) is None:
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


def is_web_url(value: Any) -> bool:
    """Whether *value* is an absolute http(s) URL without whitespace.

    >>> is_web_url("https://desk.example/facts/F1"), is_web_url("/facts/F1")
    (True, False)
    """
    if not isinstance(value, str) or any(c.isspace() for c in value):
        return False
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def parse_date(value: Any) -> date | None:
    """The day of an ISO 8601 date or date-time string; ``None`` if it is not one.

    >>> parse_date("2025-03-18T00:00:00Z"), parse_date("Friday")
    (datetime.date(2025, 3, 18), None)
    """
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
