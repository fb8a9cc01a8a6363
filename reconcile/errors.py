"""Exceptions and warnings raised by reconcile.

* ReconcileError
  x InputError              (bad files on disk; carries .path, .field and .value)
    + ArticleFormatError    (also ValueError: front matter, JSON, encoding, empty file)
    + UnsupportedFormatError (also ValueError: a file type we cannot read)
    + MissingPathError      (also FileNotFoundError)
    + UnreadablePathError   (a symbolic link loop, no permission, an unlistable directory)
  x ConfigError             (also ValueError: bad thresholds, weights, alias files)
  x InvalidSpanError        (also ValueError: a model invariant was broken)
  x InvalidValueError       (also ValueError: an interval with low > high, ...)
  x ExportError             (a graph or report could not be written; nothing half-written)
  x UnknownArticleError     (also LookupError: an article id that is not in the reconciliation;
                             carries .article_id)
  x StoreError              (a desk store is damaged, foreign, newer, or refuses an article)
  x ClaimReviewError        (also ValueError: a ClaimReview item or export argument is invalid;
                             carries .path, .index, .field and .value)
  x MissingExtraError       (also ImportError: an optional extra, such as ``dask``, is not installed)
* ReconcileWarning(UserWarning)
  x UnanchoredDateWarning   (an article has no ``published``; relative dates stay unresolved)
  x SkippedFileWarning      (``keep_going=True`` skipped a bad file; a directory holds a file
                             that is not a regular file, or a folder that cannot be listed)
  x ReplacedTextWarning     (lone surrogates in an input were replaced by U+FFFD)
  x TruncatedArticleWarning (an article is longer than ``Config.max_article_chars``)
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

__all__ = [
    "ArticleFormatError",
    "ClaimReviewError",
    "ConfigError",
    "ExportError",
    "InputError",
    "InvalidSpanError",
    "InvalidValueError",
    "MissingExtraError",
    "MissingPathError",
    "ReconcileError",
    "ReconcileWarning",
    "ReplacedTextWarning",
    "SkippedFileWarning",
    "StoreError",
    "TruncatedArticleWarning",
    "UnanchoredDateWarning",
    "UnknownArticleError",
    "UnreadablePathError",
    "UnsupportedFormatError",
]

_NO_VALUE = object()


class ReconcileError(Exception):
    """Base class for every error raised by reconcile."""


class InputError(ReconcileError):
    """A file or directory given to reconcile could not be used.

    The message has one shape everywhere: ``PATH: FIELD: what was expected (got VALUE)``.
    The parts stay available as ``.path``, ``.field`` and ``.value``.
    """

    def __init__(
        self,
        path: str | Path,
        field: str | None,
        message: str,
        value: Any = _NO_VALUE,
    ) -> None:
        self.path = Path(path)
        self.field = field
        self.value = None if value is _NO_VALUE else value
        got = "" if value is _NO_VALUE else f" (got {value!r})"
        where = f"{field}: " if field else ""
        super().__init__(f"{path}: {where}{message}{got}")


class ArticleFormatError(InputError, ValueError):
    """An article file is malformed: empty, bad front matter, bad JSON, not UTF-8."""


class UnsupportedFormatError(InputError, ValueError):
    """A file's type is not one reconcile can read."""


class MissingPathError(InputError, FileNotFoundError):
    """A path given to reconcile does not exist."""


class UnreadablePathError(InputError):
    """A path exists but cannot be read: a symbolic link loop, a file or
    directory without read permission, a directory that cannot be listed."""


class ConfigError(ReconcileError, ValueError):
    """A configuration value (threshold, weight, alias file) is invalid."""


class InvalidSpanError(ReconcileError, ValueError):
    """A character span is malformed or does not lie inside its text."""


class InvalidValueError(ReconcileError, ValueError):
    """A value object breaks its invariant (e.g. an interval whose low exceeds its high)."""


class ExportError(ReconcileError):
    """A report or graph could not be written; no partial output was left behind."""


class UnknownArticleError(ReconcileError, LookupError):
    """An article id was asked for that the reconciliation does not hold.

    The message names the id and a few of the ids that exist; the id stays
    available as ``.article_id``.
    """

    def __init__(self, article_id: str, known: Sequence[str] = ()) -> None:
        self.article_id = article_id
        shown = ", ".join(repr(k) for k in known[:5])
        more = f", ... ({len(known)} in all)" if len(known) > 5 else ""
        hint = f"; known ids: {shown}{more}" if known else "; there are no articles"
        super().__init__(
            f"article {article_id!r}: expected the id of an article in this "
            f"reconciliation{hint}"
        )


class MissingExtraError(ReconcileError, ImportError):
    """An optional part of reconcile was asked for, but its extra is not installed.

    The message names the extra and the command that installs it.
    """


class StoreError(ReconcileError):
    """A desk store cannot be used as asked; the store is left as it was."""


class ClaimReviewError(ReconcileError, ValueError):
    """A schema.org ClaimReview item is invalid, or a ClaimReview export was misconfigured.

    The message names where the problem is and what was expected:
    ``PATH: item INDEX: FIELD: what was expected (got VALUE)``, each part present
    only when known. The parts stay available as ``.path``, ``.index``, ``.field``
    and ``.value``; *field* is a dotted path into the item
    (``reviewRating.alternateName``).
    """

    def __init__(
        self,
        message: str,
        *,
        field: str | None = None,
        index: int | None = None,
        path: str | Path | None = None,
        value: Any = _NO_VALUE,
    ) -> None:
        self.path = None if path is None else Path(path)
        self.index = index
        self.field = field
        self.value = None if value is _NO_VALUE else value
        parts = [
            f"{path}: " if path is not None else "",
            f"item {index}: " if index is not None else "",
            f"{field}: " if field else "",
            message,
            "" if value is _NO_VALUE else f" (got {value!r})",
        ]
        super().__init__("".join(parts))


class ReconcileWarning(UserWarning):
    """Base class for every warning issued by reconcile."""


class UnanchoredDateWarning(ReconcileWarning):
    """An article has no ``published`` date, so its relative dates stay unresolved."""


class SkippedFileWarning(ReconcileWarning):
    """Something given to reconcile was not read.

    A bad input file skipped because ``keep_going=True`` was given; inside a
    directory, a file that is not a regular file (a FIFO, a device, a socket:
    never opened) or a folder that cannot be listed, whatever *keep_going*.
    """


class ReplacedTextWarning(ReconcileWarning):
    """Text that cannot be written as UTF-8 (a lone surrogate such as the JSON
    escape ``\\ud800``) was replaced by U+FFFD, the replacement character."""


class TruncatedArticleWarning(ReconcileWarning):
    """An article is longer than ``Config.max_article_chars``; only its first
    sentences up to that length are read."""
