r"""Read article files and directories into :class:`~reconcile.model.Article` objects.

Four kinds of file are read (see DESIGN.md, "Article files"):

* ``.md``, ``.markdown`` and ``.txt``: front matter (``key: value`` lines between
  two ``---`` lines) followed by the body, or plain text when the caller gives
  the outlet and the publication date;
* ``.json``: one object, or a list of objects, with the same keys plus ``text``;
* ``.jsonl``: one such object per line;
* ``.html`` and ``.htm``: saved web pages, read by :mod:`reconcile.pages` (the
  ``html`` extra).

``load_articles(paths, outlet=..., published=..., url=..., title=...)`` fills
whatever a file lacks (see :mod:`reconcile.pages`).

A directory means every supported file under it, recursively, in sorted order.
Every failure is an :class:`~reconcile.errors.InputError` whose one-line message
names the file and the problem.

The body is cleaned of page furniture (newsletter prompts, captions, bylines,
"READ MORE" links ...) by :func:`reconcile.furniture.remove_furniture`. ``Article.text`` is the
cleaned body that every span points into; ``Article.raw_text`` is the body as
read (after newline normalisation) and ``Article.kept`` maps one onto the other.

>>> article = parse_article_text(
...     "---\noutlet: The Irish Times\npublished: 2025-01-17\n---\n"
...     "Russia and Iran signed a pact on Friday.\nREAD MORE\n"
... )
>>> article.outlet, article.published.isoformat(), article.text
('The Irish Times', '2025-01-17', 'Russia and Iran signed a pact on Friday.')
"""

from __future__ import annotations

import errno
import json
import os
import re
import stat
import warnings
from collections.abc import Generator, Iterable, Iterator, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

import attrs

from reconcile.errors import (
    ArticleFormatError,
    InputError,
    InvalidValueError,
    MissingPathError,
    ReplacedTextWarning,
    SkippedFileWarning,
    TruncatedArticleWarning,
    UnanchoredDateWarning,
    UnreadablePathError,
    UnsupportedFormatError,
)
from reconcile.furniture import looks_like_furniture, remove_furniture
from reconcile.model import MAX_NESTING, Article
from reconcile.pages import PAGE_SUFFIXES, complete, given_fields, read_page
from reconcile.segment import split_sentences

__all__ = [
    "MAX_JSON_INT_DIGITS",
    "MAX_NESTING",
    "SUPPORTED_SUFFIXES",
    "article_from_record",
    "load_articles",
    "looks_like_furniture",
    "parse_article_text",
    "remove_furniture",
    "truncate_article",
]

SUPPORTED_SUFFIXES: tuple[str, ...] = (
    ".htm",
    ".html",
    ".json",
    ".jsonl",
    ".markdown",
    ".md",
    ".txt",
)
"""File name endings :func:`load_articles` reads (compared case-insensitively)."""

MAX_JSON_INT_DIGITS = 100
"""The most digits an integer in JSON input may have; a longer one is an error."""

_FRONT_MATTER_SUFFIXES = frozenset({".md", ".markdown", ".txt"})
_KNOWN_KEYS = frozenset({"id", "outlet", "published", "url", "title"})
_FENCE = "---"


# --------------------------------------------------------------------------- loading


def load_articles(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    keep_going: bool = False,
    outlet: str | None = None,
    published: date | str | None = None,
    url: str | None = None,
    title: str | None = None,
) -> tuple[Article, ...]:
    r"""Read articles from files and directories.

    Args:
        paths: A file or directory, or several. A directory stands for every
            supported file under it (hidden files and folders, and files of other
            types, are skipped), in sorted order.
        keep_going: Skip a bad file with a :class:`~reconcile.errors.SkippedFileWarning`
            instead of raising. If no article at all could be read, the first
            error is raised anyway.
        outlet, published, url, title: Values for whatever a file lacks (a value
            in the file wins). Plain text without front matter needs *outlet*
            and *published*; so does a saved web page that does not name them.

    Returns:
        The articles, in the order of *paths* (and sorted order inside directories).

    Raises:
        MissingPathError: A path does not exist (or is a broken symbolic link).
        UnreadablePathError: A path cannot be read: a symbolic link loop, no
            permission, a directory that cannot be listed.
        UnsupportedFormatError: A file named directly is not of a supported type
            or not a regular file, or a directory holds no supported file.
        ArticleFormatError: A file is malformed, or two articles share an id.

    A file is loaded whole or not at all. Inside a directory, an entry that is
    not a regular file (a FIFO, a device, a socket) is skipped with a
    :class:`~reconcile.errors.SkippedFileWarning` and never opened, and so is a
    folder that cannot be listed. JSON input may nest at most
    :data:`MAX_NESTING` levels deep and hold integers of at most
    :data:`MAX_JSON_INT_DIGITS` digits; lone surrogates in it (``\\ud800``) are
    replaced by U+FFFD with a :class:`~reconcile.errors.ReplacedTextWarning`.

    >>> import pathlib, shutil, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "kyiv.md").write_text(
    ...     "---\noutlet: Kyiv Independent\npublished: 2025-04-21\n---\n"
    ...     "Putin signed the law on April 21.\n", encoding="utf-8")
    >>> [article.id for article in load_articles(folder)]
    ['kyiv']
    >>> shutil.rmtree(folder)
    """
    articles: list[Article] = []
    owners: dict[str, Path] = {}
    errors: list[InputError] = []
    given = given_fields(outlet=outlet, published=published, url=url, title=title)
    for item in _iter_files(_as_path_list(paths)):
        if isinstance(item, Warning):
            warnings.warn(item, stacklevel=2)
            continue
        try:
            if isinstance(item, InputError):
                raise item
            file_articles, pending = _read_file(item, given)
            _check_unique_ids(file_articles, item, owners)
        except InputError as error:
            if not keep_going:
                raise
            errors.append(error)
            warnings.warn(SkippedFileWarning(f"skipped {error}"), stacklevel=2)
            continue
        for warning in pending:
            warnings.warn(warning, stacklevel=2)
        owners.update((article.id, item) for article in file_articles)
        articles.extend(file_articles)
    if errors and not articles:
        raise errors[0]
    return tuple(articles)


def _as_path_list(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
) -> list[Path]:
    if isinstance(paths, str | os.PathLike):
        return [Path(paths)]
    return [Path(path) for path in paths]


def _iter_files(paths: list[Path]) -> Iterator[Path | InputError | Warning]:
    """Each file to read, each error to raise (or skip) and each warning, in order."""
    seen: set[tuple[int, int]] = set()
    for path in paths:
        status = _stat(path)
        if isinstance(status, InputError):
            yield status
            continue
        if stat.S_ISDIR(status.st_mode):
            walked = yield from _walk(path)
            if isinstance(walked, InputError):
                yield walked
                continue
            files = walked
            if not files:
                yield UnsupportedFormatError(
                    path,
                    None,
                    f"no article files ({', '.join(SUPPORTED_SUFFIXES)}) in this directory",
                )
        elif stat.S_ISREG(status.st_mode):
            if path.suffix.lower() not in SUPPORTED_SUFFIXES:
                yield UnsupportedFormatError(
                    path,
                    None,
                    "expected a .md, .markdown, .txt, .json, .jsonl, .html or .htm file",
                    path.suffix,
                )
                continue
            files = [(path, status)]
        else:
            yield UnsupportedFormatError(
                path,
                None,
                f"expected a regular file or a directory, not {_kind(status.st_mode)}",
            )
            continue
        for file, file_status in files:
            key = (file_status.st_dev, file_status.st_ino)
            if key not in seen:
                seen.add(key)
                yield file


def _stat(path: Path) -> os.stat_result | InputError:
    """The status of *path* (following links), or the error that names why not."""
    try:
        return os.stat(path)
    except OSError as error:
        if error.errno == errno.ELOOP:
            return UnreadablePathError(
                path, None, "symbolic link loop (the link leads back to itself)"
            )
        if error.errno in (errno.ENOENT, errno.ENOTDIR):
            if os.path.lexists(path):
                return MissingPathError(
                    path, None, "broken symbolic link (its target does not exist)"
                )
            return MissingPathError(path, None, "no such file or directory")
        return UnreadablePathError(
            path, None, f"cannot read ({error.strerror or error})"
        )


def _kind(mode: int) -> str:
    """What a non-regular file is, for messages."""
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a special file"


def _walk(
    root: Path,
) -> Generator[
    Warning | InputError, None, list[tuple[Path, os.stat_result]] | InputError
]:
    """The supported regular files under *root*, sorted; yields a warning for each
    entry skipped on the way and each error met in a file, and returns an error when
    *root* itself cannot be listed.

    Hidden entries are left out; links to folders are not followed (no cycles).
    """
    found: list[tuple[tuple[str, ...], Path, os.stat_result]] = []
    folders: list[tuple[Path, tuple[str, ...]]] = [(root, ())]
    while folders:
        folder, parts = folders.pop()
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError as error:
            reason = f"cannot list this directory ({error.strerror or error})"
            if folder == root:
                return UnreadablePathError(folder, None, reason)
            yield SkippedFileWarning(f"{folder}: {reason}; the files in it are skipped")
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(folder, entry.name)
            try:
                is_folder = entry.is_dir(follow_symlinks=False)
            except OSError:
                is_folder = False
            if is_folder:
                folders.append((path, (*parts, entry.name)))
                continue
            if Path(entry.name).suffix.lower() not in SUPPORTED_SUFFIXES:
                continue
            status = _stat(path)
            if isinstance(status, InputError):
                yield status
            elif stat.S_ISREG(status.st_mode):
                found.append(((*parts, entry.name), path, status))
            elif not stat.S_ISDIR(status.st_mode):
                yield SkippedFileWarning(
                    f"{path}: skipped: {_kind(status.st_mode)}, not a regular file"
                )
    found.sort(key=lambda item: item[0])
    return [(path, status) for _, path, status in found]


def _check_unique_ids(
    articles: list[Article], path: Path, owners: dict[str, Path]
) -> None:
    inside: set[str] = set()
    for article in articles:
        if article.id in owners:
            raise ArticleFormatError(
                path,
                "id",
                f"duplicate article id (already used by {owners[article.id]})",
                article.id,
            )
        if article.id in inside:
            raise ArticleFormatError(
                path, "id", "duplicate article id within this file", article.id
            )
        inside.add(article.id)


def _read_file(
    path: Path, given: Mapping[str, str]
) -> tuple[list[Article], list[Warning]]:
    data = _read_regular(path)
    suffix = path.suffix.lower()
    if suffix in PAGE_SUFFIXES:
        fields, body = read_page(data, path)
        fields = complete(fields, given, path, ("outlet", "published"))
        article, pending = _build_article(fields, body, path, path.stem, None)
        return [article], pending
    text = _decode(data, path)
    if suffix in _FRONT_MATTER_SUFFIXES:
        article, pending = _parse_document(text, path, None, given)
        return [article], pending
    if suffix == ".jsonl":
        return _parse_jsonl(text, path, given)
    return _parse_json(text, path, given)


def _read_regular(path: Path) -> bytes:
    """The bytes of *path*, which must (still) be a regular file.

    Opened without blocking, so a FIFO put in its place since it was listed
    cannot hang the run, and checked again once open.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as error:
        failed = _stat(path)
        if isinstance(failed, InputError):
            raise failed from error
        raise UnreadablePathError(
            path, None, f"cannot read file ({error.strerror or error})"
        ) from error
    with open(fd, "rb") as handle:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise UnsupportedFormatError(
                path, None, f"expected a regular file, not {_kind(mode)}"
            )
        try:
            return handle.read()
        except OSError as error:
            raise UnreadablePathError(
                path, None, f"cannot read file ({error.strerror or error})"
            ) from error


def _decode(data: bytes, path: str | Path) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ArticleFormatError(
            path,
            None,
            f"not UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start}); "
            "save the file as UTF-8",
        ) from None
    return _normalise(text, path)


def _normalise(text: str, path: str | Path) -> str:
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ArticleFormatError(
            path, None, "file is empty" if not text else "file holds only whitespace"
        )
    return text


def truncate_article(article: Article, max_chars: int) -> Article:
    """*article* cut to at most *max_chars* characters of text, at a sentence end.

    Returns *article* itself when it is short enough; otherwise a copy whose
    ``text`` ends at the end of the last whole sentence before the limit (or at
    the last space, or at the limit, when no sentence ends before it), whose
    ``kept`` map is cut to match, with a
    :class:`~reconcile.errors.TruncatedArticleWarning` naming the article.
    ``Config.max_article_chars`` is the limit :func:`reconcile.reconcile` applies.

    >>> import warnings
    >>> article = Article(id="a", outlet="X", text="One. Two. Three is long.")
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     truncate_article(article, 15).text
    'One. Two.'
    """
    text = article.text
    if len(text) <= max_chars:
        return article
    spans = split_sentences(text[:max_chars])
    if len(spans) > 1:  # the last one may run on past the limit
        cut = spans[-2][1]
    else:
        space = text.rfind(" ", 0, max_chars)
        cut = space if space > 0 else max_chars
    kept = tuple(
        (clean, raw, min(length, cut - clean))
        for clean, raw, length in article.kept
        if clean < cut
    )
    warnings.warn(
        TruncatedArticleWarning(
            f"{article.path or article.id}: the text is {len(text):,} characters, "
            f"more than Config.max_article_chars ({max_chars:,}); only its first "
            f"{cut:,} characters are read"
        ),
        stacklevel=2,
    )
    return attrs.evolve(article, text=text[:cut], kept=kept)


# --------------------------------------------------------------------------- front matter


def parse_article_text(
    text: str, *, path: str | Path = "<string>", article_id: str | None = None
) -> Article:
    r"""Parse one front-matter document into an :class:`~reconcile.model.Article`.

    Args:
        text: The whole document: a ``---`` line, ``key: value`` lines, a closing
            ``---`` line, then the body. Newlines are normalised and a BOM removed.
        path: Where the text came from, used in messages and ``Article.path``.
        article_id: The id when the front matter gives none; by default the
            stem of *path*.

    Returns:
        The article, with its page furniture removed from ``text``.

    Raises:
        ArticleFormatError: The front matter is missing, unclosed or malformed,
            ``outlet`` is missing, ``published`` is not an ISO date, or no body
            text is left.

    A missing ``published`` issues an :class:`~reconcile.errors.UnanchoredDateWarning`.

    >>> article = parse_article_text(
    ...     '---\noutlet: "Reuters: World"\npublished: 2025-01-17\nsection: world\n---\n'
    ...     'Iran and Russia signed a treaty.\n', path="iran.md")
    >>> article.id, article.outlet, article.metadata
    ('iran', 'Reuters: World', (('section', 'world'),))
    """
    article, pending = _parse_document(_normalise(text, path), path, article_id)
    for warning in pending:
        warnings.warn(warning, stacklevel=2)
    return article


_KEY_VALUE = re.compile(r"([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*:(?:[ \t]+(.*?))?[ \t]*")
_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "n": "\n", "t": "\t", "r": "\r", "0": "\0"}


def _parse_document(
    text: str,
    path: str | Path,
    article_id: str | None,
    given: Mapping[str, str] | None = None,
) -> tuple[Article, list[Warning]]:
    lines = text.split("\n")
    default_id = article_id if article_id is not None else Path(path).stem
    if lines[0].rstrip() != _FENCE:
        # Plain text: the caller gives what front matter would.
        fields = complete({}, given or {}, path, ("outlet", "published"))
        return _build_article(fields, text, path, default_id, None)
    close = next((i for i in range(1, len(lines)) if lines[i].rstrip() == _FENCE), None)
    if close is None:
        raise ArticleFormatError(
            path, None, "line 1: front matter is never closed by a '---' line"
        )
    fields: dict[str, Any] = {}
    first_seen: dict[str, int] = {}
    for number in range(2, close + 1):
        line = lines[number - 1]
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        match = _KEY_VALUE.fullmatch(line)
        if match is None:
            raise ArticleFormatError(
                path, None, f"line {number}: expected 'key: value'", _clip(line)
            )
        key = match.group(1)
        if key in first_seen:
            raise ArticleFormatError(
                path,
                key,
                f"line {number}: duplicate key (first given on line {first_seen[key]})",
            )
        first_seen[key] = number
        fields[key] = _scalar(match.group(2) or "", path, number)
    body = "\n".join(lines[close + 1 :])
    fields = complete(fields, given or {}, path, ())
    return _build_article(fields, body, path, default_id, None)


def _scalar(value: str, path: str | Path, number: int) -> str:
    if not value or value[0] not in "\"'":
        return value
    quote = value[0]
    chars: list[str] = []
    i = 1
    while i < len(value):
        char = value[i]
        if char == quote:
            if quote == "'" and value.startswith("'", i + 1):
                chars.append("'")
                i += 2
                continue
            rest = value[i + 1 :].strip()
            if rest and not rest.startswith("#"):
                raise ArticleFormatError(
                    path,
                    None,
                    f"line {number}: unexpected text after the closing quote",
                    rest,
                )
            return "".join(chars)
        if char == "\\" and quote == '"':
            escaped = value[i + 1 : i + 2]
            if escaped not in _ESCAPES:
                raise ArticleFormatError(
                    path,
                    None,
                    f"line {number}: unknown escape in double-quoted value",
                    "\\" + escaped,
                )
            chars.append(_ESCAPES[escaped])
            i += 2
            continue
        chars.append(char)
        i += 1
    raise ArticleFormatError(
        path, None, f"line {number}: quoted value is never closed", _clip(value)
    )


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


# --------------------------------------------------------------------------- JSON


def article_from_record(
    record: Mapping[str, Any],
    *,
    path: str | Path = "<record>",
    index: int | None = None,
) -> Article:
    """Build an :class:`~reconcile.model.Article` from one JSON object.

    Args:
        record: The keys ``outlet`` and ``text`` (required), ``published``, ``url``,
            ``title`` and ``id`` (optional); other keys are kept as metadata.
        path: The file the record came from, used in messages and ``Article.path``.
        index: The record's 1-based position in a list, if it came from one;
            the default id is then ``STEM-INDEX`` rather than ``STEM``.

    Returns:
        The article, with its page furniture removed from ``text``.

    Raises:
        ArticleFormatError: A required key is missing or a value has the wrong type.

    >>> article = article_from_record(
    ...     {"outlet": "AP", "published": "2025-01-17T09:30:00Z", "text": "A pact was signed."},
    ...     path="wire.json", index=2)
    >>> article.id, article.published.isoformat()
    ('wire-2', '2025-01-17')
    """
    where = None if index is None else f"record {index}"
    article, pending = _record_article(record, path, index, where)
    for warning in pending:
        warnings.warn(warning, stacklevel=2)
    return article


def _record_article(
    record: Any,
    path: str | Path,
    index: int | None,
    where: str | None,
    given: Mapping[str, str] | None = None,
) -> tuple[Article, list[Warning]]:
    if not isinstance(record, Mapping):
        raise _located(path, where, None, "expected a JSON object", _json_type(record))
    record, replaced = _without_surrogates(record)
    pending: list[Warning] = []
    if replaced:
        pending.append(
            ReplacedTextWarning(
                f"{path}: {where + ': ' if where else ''}{replaced} lone surrogate"
                f"{'s' if replaced > 1 else ''} (such as \\ud800, which UTF-8 cannot hold) "
                "replaced by U+FFFD"
            )
        )
    if "text" not in record:
        raise _located(path, where, "text", "required field is missing")
    body = record["text"]
    if not isinstance(body, str):
        raise _located(path, where, "text", "expected a string", _json_type(body))
    stem = Path(path).stem
    default_id = stem if index is None else f"{stem}-{index}"
    fields = {key: value for key, value in record.items() if key != "text"}
    fields = complete(fields, given or {}, path, ())
    body = body.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    article, more = _build_article(fields, body, path, default_id, where)
    return article, pending + more


def _parse_json(
    text: str, path: Path, given: Mapping[str, str]
) -> tuple[list[Article], list[Warning]]:
    value = _load_json(text, path, None)
    if isinstance(value, dict):
        article, warned = _record_article(value, path, None, None, given)
        return [article], warned
    if not isinstance(value, list):
        raise ArticleFormatError(
            path, None, "expected a JSON object or a list of objects", _json_type(value)
        )
    if not value:
        raise ArticleFormatError(path, None, "the JSON list holds no articles")
    articles: list[Article] = []
    pending: list[Warning] = []
    for index, record in enumerate(value, 1):
        article, more = _record_article(record, path, index, f"record {index}", given)
        articles.append(article)
        pending.extend(more)
    return articles, pending


def _parse_jsonl(
    text: str, path: Path, given: Mapping[str, str]
) -> tuple[list[Article], list[Warning]]:
    articles: list[Article] = []
    pending: list[Warning] = []
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        record = _load_json(line, path, number)
        article, more = _record_article(
            record, path, len(articles) + 1, f"line {number}", given
        )
        articles.append(article)
        pending.extend(more)
    return articles, pending


class _BadNumber(Exception):
    """A JSON number reconcile will not read (raised inside ``json.loads``)."""


def _json_int(literal: str) -> int:
    digits = len(literal) - literal.startswith("-")
    if digits > MAX_JSON_INT_DIGITS:
        raise _BadNumber(
            f"an integer of {digits:,} digits (at most {MAX_JSON_INT_DIGITS} are read)"
        )
    return int(literal)


def _json_float(literal: str) -> float:
    value = float(literal)
    if value in (float("inf"), float("-inf")):
        raise _BadNumber(f"a number too large for a float ({_clip(literal, 20)})")
    return value


def _json_constant(name: str) -> float:
    raise _BadNumber(f"{name} is not a JSON number")


def _load_json(text: str, path: Path, line: int | None) -> Any:
    """Parse *text* (the whole file, or JSONL line *line*) with the input limits."""

    def error(where: tuple[int, int] | None, message: str) -> ArticleFormatError:
        if where is None:
            at = f" at line {line}" if line is not None else ""
        else:
            row, column = where
            at = f" at line {line if line is not None else row}, column {column}"
        return ArticleFormatError(path, None, f"invalid JSON{at}: {message}")

    too_deep = _nesting_too_deep(text)
    if too_deep is not None:
        raise error(
            _line_column(text, too_deep),
            f"nested deeper than {MAX_NESTING} levels of lists and objects",
        )
    try:
        return json.loads(
            text,
            parse_int=_json_int,
            parse_float=_json_float,
            parse_constant=_json_constant,
        )
    except json.JSONDecodeError as failure:
        raise error((failure.lineno, failure.colno), failure.msg) from None
    except _BadNumber as failure:
        raise error(None, str(failure)) from None
    except RecursionError:  # pragma: no cover - the nesting check comes first
        raise error(None, "nested too deep") from None


_JSON_NESTING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*(?:"|\Z)|[\[\]{}]')


def _nesting_too_deep(text: str) -> int | None:
    """Where JSON *text* first opens a list or object deeper than
    :data:`MAX_NESTING` levels, or ``None`` (one pass; strings are skipped)."""
    if text.count("[") + text.count("{") <= MAX_NESTING:
        return None
    depth = 0
    for match in _JSON_NESTING.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > MAX_NESTING:
                return match.start()
        elif token in "]}":
            depth -= 1
    return None


def _line_column(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - text.rfind("\n", 0, offset)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _without_surrogates(value: Any) -> tuple[Any, int]:
    """*value* (a parsed JSON value) with lone surrogates replaced by U+FFFD, and
    how many were replaced. JSON may escape them (``\\ud800``) but UTF-8 cannot
    hold them, so no report could be written."""
    if isinstance(value, str):
        if _SURROGATE.search(value) is None:
            return value, 0
        return _SURROGATE.subn("\ufffd", value)
    if isinstance(value, list):
        fixed = [_without_surrogates(item) for item in value]
        return [item for item, _ in fixed], sum(count for _, count in fixed)
    if isinstance(value, Mapping):
        out: dict[Any, Any] = {}
        total = 0
        for key, item in value.items():
            new_key, replaced_in_key = _without_surrogates(key)
            new_item, replaced = _without_surrogates(item)
            out[new_key] = new_item
            total += replaced + replaced_in_key
        return out, total
    return value, 0


def _json_type(value: Any) -> str:
    names = {
        dict: "object",
        list: "array",
        str: "string",
        bool: "boolean",
        type(None): "null",
    }
    return names.get(
        type(value),
        "number" if isinstance(value, int | float) else type(value).__name__,
    )


def _located(
    path: str | Path, where: str | None, field: str | None, message: str, *value: Any
) -> ArticleFormatError:
    """An error whose message says where in the file (``record 2``) and which field."""
    prefix = "".join(f"{part}: " for part in (where, field) if part)
    error = ArticleFormatError(path, None, prefix + message, *value)
    error.field = field
    return error


# --------------------------------------------------------------------------- fields


def _build_article(
    fields: Mapping[str, Any],
    body: str,
    path: str | Path,
    default_id: str,
    where: str | None,
) -> tuple[Article, list[Warning]]:
    outlet = _text_field(fields, "outlet", path, where, required=True)
    url = _text_field(fields, "url", path, where)
    title = _text_field(fields, "title", path, where)
    article_id = fields.get("id")
    if isinstance(article_id, int) and not isinstance(article_id, bool):
        article_id = str(article_id)
    if article_id is None:
        article_id = default_id
    if not isinstance(article_id, str) or not article_id.strip():
        raise _located(path, where, "id", "expected a non-empty string", article_id)
    published = _published(fields.get("published"), path, where)
    pending: list[Warning] = []
    if published is None:
        pending.append(
            UnanchoredDateWarning(
                f"{path}: {where + ': ' if where else ''}no 'published' date; "
                "relative dates such as 'on Friday' will stay unresolved"
            )
        )
    if not body.strip():
        raise _located(path, where, None, "no body text")
    text, kept = remove_furniture(body)
    if not text:
        raise _located(
            path, where, None, "no body text left after removing page furniture"
        )
    try:
        article = Article(
            id=article_id.strip(),
            outlet=outlet or "",
            text=text,
            published=published,
            url=url,
            title=title,
            path=str(path),
            raw_text=body,
            kept=kept,
            metadata={
                key: value for key, value in fields.items() if key not in _KNOWN_KEYS
            },
        )
    except InvalidValueError as error:  # metadata nested too deep
        raise _located(path, where, "metadata", str(error)) from None
    return article, pending


def _text_field(
    fields: Mapping[str, Any],
    name: str,
    path: str | Path,
    where: str | None,
    *,
    required: bool = False,
) -> str | None:
    value = fields.get(name)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            message = (
                "required field is missing" if value is None else "must not be empty"
            )
            raise _located(path, where, name, message)
        return None
    if not isinstance(value, str):
        raise _located(path, where, name, "expected a string", _json_type(value))
    return value.strip()


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _published(value: Any, path: str | Path, where: str | None) -> date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, str):
        text = value.strip()
        try:
            if _ISO_DATE.fullmatch(text):
                return date.fromisoformat(text)
            if _ISO_DATE.match(text) and text[10] in "T ":
                return datetime.fromisoformat(text).date()
        except ValueError:
            pass
    raise _located(
        path, where, "published", "expected an ISO date like 2025-01-17", value
    )
