"""Configuration: every threshold and weight the pipeline uses, in one frozen object.

Scores use RapidFuzz's 0-100 scale. Thresholds are inclusive: a pair scoring
**at or above** ``match_threshold`` is linked.

>>> Config().match_threshold
62.0
>>> Config(match_threshold=70).match_threshold
70.0
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import attrs
from attrs import field, frozen

from reconcile.errors import ConfigError

__all__ = ["Config"]


def _score(instance: Any, attribute: attrs.Attribute[float], value: float) -> None:
    if not 0.0 <= value <= 100.0:
        raise ConfigError(
            f"Config.{attribute.name}: expected a score in [0, 100] (got {value!r})"
        )


def _fraction(instance: Any, attribute: attrs.Attribute[float], value: float) -> None:
    if not 0.0 <= value <= 1.0:
        raise ConfigError(
            f"Config.{attribute.name}: expected a fraction in [0, 1] (got {value!r})"
        )


def _probability(
    instance: Any, attribute: attrs.Attribute[float], value: float
) -> None:
    if not 0.0 < value < 1.0:
        raise ConfigError(
            f"Config.{attribute.name}: expected a probability between 0 and 1, exclusive (got {value!r})"
        )


def _positive(instance: Any, attribute: attrs.Attribute[int], value: int) -> None:
    if value < 1:
        raise ConfigError(
            f"Config.{attribute.name}: expected a positive integer (got {value!r})"
        )


def _number(name: str, kind: type) -> Any:
    """A converter to *kind* that names the field when the value is not a number."""

    def convert(value: Any) -> Any:
        if isinstance(value, bool):
            raise ConfigError(f"Config.{name}: expected a number (got {value!r})")
        try:
            return kind(value)
        except (TypeError, ValueError):
            raise ConfigError(
                f"Config.{name}: expected a number (got {value!r})"
            ) from None

    return convert


def _workers(instance: Any, attribute: attrs.Attribute[int], value: int) -> None:
    if value == 0 or value < -1:
        raise ConfigError(
            f"Config.workers: expected -1 (all cores) or a positive count (got {value!r})"
        )


def _path_or_none(value: Any) -> Path | None:
    return None if value is None else Path(value)


@frozen
class Config:
    """Thresholds, weights and limits for one reconciliation run.

    Attributes:
        match_threshold: two claims are the same fact when their frame score is
            at or above this (0-100).
        set_weight: the weight of ``token_set_ratio`` in the blended frame score;
            ``token_sort_ratio`` gets the rest. ``token_set_ratio`` alone scores a
            claim that is a subset of another as identical, so it is tempered.
        core_weight: the weight of the *core* frame score (``token_set_ratio`` of
            actors, figure dimensions and folded news words only) in the final
            score; the full-frame blend gets the rest.
        dimension_penalty: points taken off a pair's score for each kind of
            figure one claim counts and the other does not (a treaty's term
            against its signing date).
        block_cap: the largest blocking block scored as a whole; bigger blocks are
            split by week, and keys still above it are dropped (and counted).
        rare_tokens: how many of a claim's rarest frame tokens become blocking keys.
        quantity_tolerance: relative tolerance for rounded figures: "about 300" and
            "312" agree when they differ by at most this share of the larger one.
        wire_copy_threshold: articles whose whole texts score at or above this
            (``fuzz.ratio``) are one wire story and count as one origin.
        wire_copy_containment: articles that share at least this share of
            the shorter one's long sentences (and at least three) are one
            wire story too: one outlet's copy trimmed or run with more
            paragraphs or page text around it.
        alias_file: an optional user gazetteer (JSON) extending the bundled one.
        workers: how many cores a run uses: worker processes for the
            per-article work (extraction and value binding, see
            :mod:`reconcile.parallel`) and rapidfuzz threads for scoring.
            -1 (the default) is every core available; 1 runs everything in
            this process. The result is the same for any value.
        max_article_chars: the longest article text read whole, in characters
            of cleaned text (default 200,000, some 30,000 words: longer than any
            news article). A longer article is cut at the last sentence end
            before it, with a :class:`~reconcile.errors.TruncatedArticleWarning`,
            so one huge or hostile file cannot take unbounded time or memory.
        event_threshold: two accounts of an event (see
            :mod:`reconcile.events.coref`) are one event when their match
            probability is at or above this (0-1, exclusive).
    """

    match_threshold: float = field(
        default=62.0, converter=_number("match_threshold", float), validator=_score
    )
    set_weight: float = field(
        default=0.75, converter=_number("set_weight", float), validator=_fraction
    )
    core_weight: float = field(
        default=0.5, converter=_number("core_weight", float), validator=_fraction
    )
    dimension_penalty: float = field(
        default=15.0, converter=_number("dimension_penalty", float), validator=_score
    )
    block_cap: int = field(
        default=200, converter=_number("block_cap", int), validator=_positive
    )
    rare_tokens: int = field(
        default=3, converter=_number("rare_tokens", int), validator=_positive
    )
    quantity_tolerance: float = field(
        default=0.05,
        converter=_number("quantity_tolerance", float),
        validator=_fraction,
    )
    wire_copy_threshold: float = field(
        default=90.0, converter=_number("wire_copy_threshold", float), validator=_score
    )
    wire_copy_containment: float = field(
        default=0.8,
        converter=_number("wire_copy_containment", float),
        validator=_fraction,
    )
    alias_file: Path | None = field(default=None, converter=_path_or_none)
    workers: int = field(
        default=-1, converter=_number("workers", int), validator=_workers
    )
    max_article_chars: int = field(
        default=200_000,
        converter=_number("max_article_chars", int),
        validator=_positive,
    )
    event_threshold: float = field(
        default=0.5,
        converter=_number("event_threshold", float),
        validator=_probability,
    )
