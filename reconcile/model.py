"""The data model: frozen, slotted attrs classes passed between pipeline stages.

Every class here is immutable and compared by value. Invariants are checked by
validators at construction; construction from raw input lives in the stage
modules (``ingest``, ``extract``), never here.

Values (dates, quantities, actors, places) are *intervals* or canonical names so
that they can be compared across outlets:

>>> from datetime import date
>>> d = DateValue(text="in June 2024", span=Span(0, 12),
...               earliest=date(2024, 6, 1), latest=date(2024, 6, 30), precision="month")
>>> d.normalized
'2024-06'
>>> Quantity(text="at least four people", span=Span(0, 20), low=4, high=None, unit="people").normalized
'>=4 people'
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date
from typing import Any, Literal, TypeAlias

import attrs
from attrs import field, frozen
from attrs.validators import instance_of, optional

from reconcile.errors import InvalidSpanError, InvalidValueError
from reconcile.pickling import pickled_as_tuple

__all__ = [
    "MAX_NESTING",
    "Actor",
    "Agreement",
    "Article",
    "Claim",
    "Conflict",
    "DateValue",
    "Event",
    "Fact",
    "MatchReason",
    "Membership",
    "OriginGroup",
    "Quantity",
    "Sentence",
    "Source",
    "Span",
    "Update",
    "Value",
    "Verdict",
]

Status: TypeAlias = Literal["corroborated", "single_source", "conflicting", "updated"]
STATUSES: tuple[str, ...] = ("conflicting", "updated", "single_source", "corroborated")
PRECISIONS: tuple[str, ...] = ("day", "week", "month", "year", "unresolved")


def _to_tuple(value: Any) -> tuple[Any, ...]:
    return tuple(value)


MAX_NESTING = 64
"""How deep lists and objects may nest in an article's metadata (and in JSON input)."""


def _frozen(value: Any, depth: int = 0) -> Any:
    """Nested lists and dicts (JSON metadata) as tuples, so articles stay hashable.

    Raises:
        InvalidValueError: the value nests deeper than :data:`MAX_NESTING`
            levels (or holds itself).
    """
    if isinstance(value, Mapping | list | tuple | set | frozenset):
        if depth >= MAX_NESTING:
            raise InvalidValueError(
                f"Article.metadata: expected lists and objects nested at most "
                f"{MAX_NESTING} levels deep"
            )
        if isinstance(value, Mapping):
            return tuple(
                sorted((str(k), _frozen(v, depth + 1)) for k, v in value.items())
            )
        items = [_frozen(v, depth + 1) for v in value]
        return tuple(
            sorted(items, key=repr) if isinstance(value, set | frozenset) else items
        )
    return value


def _to_items(value: Mapping[str, Any] | Any) -> tuple[tuple[str, Any], ...]:
    if isinstance(value, Mapping):
        return tuple(sorted((str(k), _frozen(v, 1)) for k, v in value.items()))
    return tuple((str(k), _frozen(v, 1)) for k, v in value)


def _member_of(options: tuple[str, ...]) -> Any:
    """Like ``attrs.validators.in_``, raising :class:`InvalidValueError`."""

    def check(instance: Any, attribute: Any, value: Any) -> None:
        if value not in options:
            raise InvalidValueError(
                f"{type(instance).__name__}.{attribute.name}: expected one of {', '.join(options)} (got {value!r})"
            )

    return check


def _non_negative(instance: Any, attribute: Any, value: int) -> None:
    if value < 0:
        error = InvalidSpanError if isinstance(instance, Span) else InvalidValueError
        raise error(
            f"{type(instance).__name__}.{attribute.name}: expected a non-negative integer (got {value!r})"
        )


@pickled_as_tuple(instances_shared=True)
@frozen
class Span:
    """Half-open character range ``[start, end)`` into an article's cleaned text."""

    start: int = field(validator=[instance_of(int), _non_negative])
    end: int = field(validator=instance_of(int))

    @end.validator
    def _check_end(self, attribute: attrs.Attribute[int], value: int) -> None:
        if value < self.start:
            raise InvalidSpanError(f"Span end={value!r} is before start={self.start!r}")

    def __len__(self) -> int:
        return self.end - self.start

    def shifted(self, offset: int) -> Span:
        """This span moved right by *offset* characters."""
        return Span(self.start + offset, self.end + offset)


@frozen
class Source:
    """An outlet (publisher) of articles."""

    name: str = field(validator=instance_of(str))


@frozen
class Article:
    """One report, with its page furniture removed.

    ``text`` is the cleaned text that every span points into; ``raw_text`` is the
    text as it was read, and ``kept`` maps the cleaned text back into it: each
    entry ``(clean_start, raw_start, length)`` is a run of characters copied
    unchanged from the raw text.
    """

    id: str = field(validator=instance_of(str))
    outlet: str = field(validator=instance_of(str))
    text: str = field(validator=instance_of(str))
    published: date | None = field(default=None, validator=optional(instance_of(date)))
    url: str | None = None
    title: str | None = None
    path: str | None = None
    raw_text: str | None = None
    kept: tuple[tuple[int, int, int], ...] = field(default=(), converter=_to_tuple)
    metadata: tuple[tuple[str, Any], ...] = field(default=(), converter=_to_items)

    @id.validator
    def _check_id(self, attribute: attrs.Attribute[str], value: str) -> None:
        if not value:
            raise InvalidValueError("Article.id must be a non-empty string")

    @property
    def source(self) -> Source:
        """The outlet as a :class:`Source`."""
        return Source(self.outlet)

    def raw_offset(self, clean_offset: int) -> int:
        """The offset in ``raw_text`` of the character at *clean_offset* in ``text``."""
        for clean_start, raw_start, length in self.kept:
            if clean_start <= clean_offset < clean_start + length:
                return raw_start + clean_offset - clean_start
        if not self.kept:
            return clean_offset
        raise InvalidSpanError(f"offset {clean_offset} is outside article {self.id!r}")


@frozen
class Sentence:
    """A sentence of an article, with its span into the cleaned text."""

    article_id: str
    text: str
    span: Span
    index: int = 0
    paragraph: int = 0


def _check_in_text(instance: Any, attribute: Any, value: str) -> None:
    if len(value) != len(instance.span):
        raise InvalidSpanError(
            f"{type(instance).__name__}.text {value!r} has length {len(value)}, "
            f"but its span {instance.span.start}..{instance.span.end} has length {len(instance.span)}"
        )


@pickled_as_tuple(shared=("span", "text", "earliest", "latest", "precision", "role"))
@frozen
class DateValue:
    """A date mention as an interval of days ``[earliest, latest]``.

    Unresolved dates (no publication date to anchor "on Friday") have both bounds
    ``None``. ``role`` names what happened on the date when the extractor knows it
    (``"signed"``, ``"ratified"``); dates with different roles are never compared.
    """

    text: str = field(validator=[instance_of(str), _check_in_text])
    span: Span
    earliest: date | None = field(default=None, validator=optional(instance_of(date)))
    latest: date | None = field(default=None, validator=optional(instance_of(date)))
    precision: str = field(default="day", validator=_member_of(PRECISIONS))
    role: str | None = None

    @latest.validator
    def _check_bounds(self, attribute: Any, value: date | None) -> None:
        if (self.earliest is None) != (value is None):
            raise InvalidValueError(
                f"DateValue {self.text!r}: earliest and latest must both be set or both be None"
            )
        if value is not None and self.earliest is not None and value < self.earliest:
            raise InvalidValueError(
                f"DateValue {self.text!r}: latest={value} is before earliest={self.earliest}"
            )

    @property
    def kind(self) -> str:
        """Always ``"date"``."""
        return "date"

    @property
    def resolved(self) -> bool:
        """Whether the mention was anchored to real days."""
        return self.earliest is not None

    @property
    def normalized(self) -> str | None:
        """The ISO form at the mention's own precision ("2025-01-17", "2024-06", "2022")."""
        if self.earliest is None or self.latest is None:
            return None
        if self.precision == "day" or self.earliest == self.latest:
            return self.earliest.isoformat()
        if self.precision == "month":
            return self.earliest.strftime("%Y-%m")
        if self.precision == "year":
            return str(self.earliest.year)
        return f"{self.earliest.isoformat()}/{self.latest.isoformat()}"


def _check_number(instance: Any, attribute: Any, value: float | None) -> None:
    if value is not None and (not isinstance(value, int | float) or math.isnan(value)):
        raise InvalidValueError(
            f"Quantity.{attribute.name} must be a number or None (got {value!r})"
        )


def _format_number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


@pickled_as_tuple(shared=("span", "text", "unit", "measure"))
@frozen
class Quantity:
    """A figure as an interval ``[low, high]`` of *unit*; ``None`` means unbounded.

    ``measure`` says what is counted when the unit alone does not (``"killed"`` and
    ``"injured"`` are both counted in people but are never compared).
    """

    text: str = field(validator=[instance_of(str), _check_in_text])
    span: Span
    low: float | None = field(default=None, validator=_check_number)
    high: float | None = field(default=None, validator=_check_number)
    unit: str = ""
    measure: str | None = None
    approximate: bool = False

    @high.validator
    def _check_order(self, attribute: Any, value: float | None) -> None:
        if value is not None and self.low is not None and value < self.low:
            raise InvalidValueError(
                f"Quantity {self.text!r}: high={value} is below low={self.low}"
            )

    @property
    def kind(self) -> str:
        """Always ``"quantity"``."""
        return "quantity"

    @property
    def dimension(self) -> tuple[str, str | None]:
        """What the figure counts: quantities compare only within one dimension."""
        return (self.unit, self.measure)

    @property
    def normalized(self) -> str:
        """A compact interval form: ``"20 years"``, ``">=4 people"``, ``"<=12000 troops"``."""
        unit = f" {self.unit}" if self.unit else ""
        low, high = self.low, self.high
        if low is not None and high is not None:
            body = (
                _format_number(low)
                if low == high
                else f"{_format_number(low)}-{_format_number(high)}"
            )
        elif low is not None:
            body = f">={_format_number(low)}"
        elif high is not None:
            body = f"<={_format_number(high)}"
        else:
            body = "?"
        return ("~" if self.approximate else "") + body + unit


@pickled_as_tuple(shared=("span", "text", "canonical", "type", "role", "within"))
@frozen
class Actor:
    """A person, country, organisation or place, with its canonical name.

    ``role`` is ``"actor"`` for who acts and ``"place"`` for where it happened.
    ``within`` lists the canonical names of the places that contain it
    (Moscow lies within Russia).
    """

    text: str = field(validator=[instance_of(str), _check_in_text])
    span: Span
    canonical: str = field(validator=instance_of(str))
    type: str = "unknown"
    role: Literal["actor", "place"] = field(
        default="actor", validator=_member_of(("actor", "place"))
    )
    within: tuple[str, ...] = field(default=(), converter=_to_tuple)

    @property
    def kind(self) -> str:
        """``"actor"`` or ``"place"``: the value kind used in reports."""
        return self.role

    @property
    def normalized(self) -> str:
        """The canonical name."""
        return self.canonical


Value: TypeAlias = DateValue | Quantity | Actor


@pickled_as_tuple(
    shared=(
        "span",
        "article_id",
        "outlet",
        "published",
        "attributed_to",
        "polarity",
        "setting",
    )
)
@frozen
class Claim:
    """One checkable statement stated by one article.

    ``text`` is exactly ``article.text[span.start:span.end]``; every value's span
    lies inside the claim's span and points into the same cleaned article text.
    """

    id: str
    article_id: str
    outlet: str
    text: str = field(validator=[instance_of(str), _check_in_text])
    span: Span
    values: tuple[Value, ...] = field(default=(), converter=_to_tuple)
    published: date | None = None
    attributed_to: str | None = None
    polarity: Literal["affirmed", "negated"] = field(
        default="affirmed", validator=_member_of(("affirmed", "negated"))
    )
    hedged: bool = False
    quote: bool = False
    setting: tuple[str, ...] = field(default=(), converter=_to_tuple)
    """The countries the claim's article is mostly about; matching falls back on
    them when the claim itself names no country."""
    headline: bool = False
    """The article's headline printed in its body (see
    :func:`reconcile.extract.claims.is_headline`): it restates the story in
    headline words, so it supports the facts it gives values to and joins an
    account of its own class, but never shapes an account's place or day nor
    states a proposition with the body's claims."""

    @values.validator
    def _check_values(self, attribute: Any, values: tuple[Value, ...]) -> None:
        for value in values:
            if value.span.start < self.span.start or value.span.end > self.span.end:
                raise InvalidSpanError(
                    f"claim {self.id!r}: value {value.text!r} at {value.span.start}..{value.span.end} "
                    f"lies outside the claim's span {self.span.start}..{self.span.end}"
                )

    @property
    def dates(self) -> tuple[DateValue, ...]:
        """The claim's date values."""
        return tuple(v for v in self.values if isinstance(v, DateValue))

    @property
    def quantities(self) -> tuple[Quantity, ...]:
        """The claim's quantity values."""
        return tuple(v for v in self.values if isinstance(v, Quantity))

    @property
    def actors(self) -> tuple[Actor, ...]:
        """The claim's actors (who acts), not its places."""
        return tuple(
            v for v in self.values if isinstance(v, Actor) and v.role == "actor"
        )

    @property
    def places(self) -> tuple[Actor, ...]:
        """The places where the claim says something happened."""
        return tuple(
            v for v in self.values if isinstance(v, Actor) and v.role == "place"
        )


@frozen
class MatchReason:
    """Why a claim joined a fact: the rule, its score and the threshold it met."""

    rule: str
    score: float
    threshold: float | None = None
    detail: str = ""


@frozen
class Membership:
    """A claim's membership in a fact, with the score and reasons that put it there."""

    claim_id: str
    score: float
    reasons: tuple[MatchReason, ...] = field(default=(), converter=_to_tuple)


@frozen
class Agreement:
    """Claims of one fact that agree on a value of one kind (and role)."""

    kind: str
    value: str
    claim_ids: tuple[str, ...] = field(converter=_to_tuple)
    outlets: tuple[str, ...] = field(default=(), converter=_to_tuple)
    rule: str = ""
    explanation: str = ""


@frozen
class Conflict:
    """Two claims of one fact that disagree, with both values, both outlets and the rule."""

    kind: str
    claim_ids: tuple[str, str] = field(converter=tuple)
    values: tuple[str, str] = field(converter=tuple)
    outlets: tuple[str, str] = field(converter=tuple)
    spans: tuple[Span, Span] = field(converter=tuple)
    rule: str
    explanation: str
    within_outlet: bool = False


@frozen
class Update:
    """A running figure revised by later reports: a timeline, not a contradiction."""

    kind: str
    dimension: str
    timeline: tuple[tuple[date, str, str, str], ...] = field(converter=_to_tuple)
    """``(published, value, outlet, claim id)`` entries in publication order."""
    explanation: str = ""


@frozen
class OriginGroup:
    """Outlets counted as one independent origin, and why they were merged."""

    origin: str
    outlets: tuple[str, ...] = field(converter=_to_tuple)
    claim_ids: tuple[str, ...] = field(converter=_to_tuple)
    reason: str = "own reporting"


@frozen
class Verdict:
    """A fact's corroboration status and confidence, with the reasons for both."""

    status: str = field(validator=_member_of(STATUSES))
    confidence: float = field(validator=[instance_of(float)])
    independent_origins: int = field(validator=[instance_of(int), _non_negative])
    explanation: str = ""

    @confidence.validator
    def _check_confidence(self, attribute: Any, value: float) -> None:
        if not 0.0 <= value <= 1.0:
            raise InvalidValueError(
                f"Verdict.confidence must lie in [0, 1] (got {value!r})"
            )


@frozen
class Event:
    """Something that happened once, at one time and place, and the claims that tell of it.

    ``event_class`` and ``family`` come from the triggers of its mentions
    (``"sign"``/``"agreement"``, ``"quake"``/``"incident"``; ``"statement"``
    for claims that name no event). ``mentions`` are ``(claim id, mention
    number)`` pairs; ``date`` is the ISO day (or ``earliest/latest``) the most
    precise account gives; ``evidence`` holds, for each account (an article's
    telling, ``"<article id>@<n>"``), the waterfall of weights that joined it to
    the event (see :mod:`reconcile.match.comparisons`).
    """

    id: str
    event_class: str
    family: str
    mentions: tuple[tuple[str, int], ...] = field(converter=_to_tuple)
    claim_ids: tuple[str, ...] = field(converter=_to_tuple)
    date: str | None = None
    places: tuple[str, ...] = field(default=(), converter=_to_tuple)
    participants: tuple[str, ...] = field(default=(), converter=_to_tuple)
    evidence: tuple[tuple[str, tuple[MatchReason, ...]], ...] = field(
        default=(), converter=_to_tuple
    )


@frozen
class Fact:
    """One attribute of one event (its date, place, a measured figure, or a
    proposition), the claims that give it a value, and its verdict.

    Each of ``claims`` carries, in ``values``, only the values it gives this
    fact (and its actors); the claim as extracted is in
    ``Reconciliation.claims``. ``event`` is the id of the
    :class:`Event`; ``attribute`` is ``"date"``, ``"place"``, a measure
    (``"people killed"``), ``"statement date"`` or ``"statement"``.
    """

    id: str
    statement: str
    claims: tuple[Claim, ...] = field(converter=_to_tuple)
    memberships: tuple[Membership, ...] = field(default=(), converter=_to_tuple)
    verdict: Verdict = Verdict("single_source", 0.0, 0)
    agreements: tuple[Agreement, ...] = field(default=(), converter=_to_tuple)
    conflicts: tuple[Conflict, ...] = field(default=(), converter=_to_tuple)
    updates: tuple[Update, ...] = field(default=(), converter=_to_tuple)
    origins: tuple[OriginGroup, ...] = field(default=(), converter=_to_tuple)
    event: str | None = None
    attribute: str | None = None

    @property
    def status(self) -> str:
        """Shortcut for ``fact.verdict.status``."""
        return self.verdict.status

    @property
    def outlets(self) -> tuple[str, ...]:
        """The outlets that state this fact, sorted."""
        return tuple(sorted({c.outlet for c in self.claims}))
