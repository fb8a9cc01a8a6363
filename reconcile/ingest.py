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

import json
import os
import re
import warnings
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

from reconcile.errors import (
    ArticleFormatError,
    InputError,
    MissingPathError,
    SkippedFileWarning,
    UnanchoredDateWarning,
    UnsupportedFormatError,
)
from reconcile.furniture import looks_like_furniture, remove_furniture
from reconcile.model import Article
from reconcile.pages import PAGE_SUFFIXES, complete, given_fields, read_page

__all__ = [
    "SUPPORTED_SUFFIXES",
    "article_from_record",
    "load_articles",
    "looks_like_furniture",
    "parse_article_text",
    "remove_furniture",
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
        MissingPathError: A path does not exist.
        UnsupportedFormatError: A file named directly is not of a supported type,
            or a directory holds no supported file.
        ArticleFormatError: A file is malformed, or two articles share an id.

    A file is loaded whole or not at all.

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


def _iter_files(paths: list[Path]) -> Iterator[Path | InputError]:
    seen: set[Path] = set()
    for path in paths:
        if path.is_dir():
            files = _walk(path)
            if not files:
                yield UnsupportedFormatError(
                    path,
                    None,
                    f"no article files ({', '.join(SUPPORTED_SUFFIXES)}) in this directory",
                )
        elif path.is_file():
            if path.suffix.lower() not in SUPPORTED_SUFFIXES:
                yield UnsupportedFormatError(
                    path,
                    None,
                    "expected a .md, .markdown, .txt, .json, .jsonl, .html or .htm file",
                    path.suffix,
                )
                continue
            files = [path]
        elif path.exists():
            yield UnsupportedFormatError(
                path, None, "expected a regular file or a directory"
            )
            continue
        else:
            yield MissingPathError(path, None, "no such file or directory")
            continue
        for file in files:
            key = file.resolve()
            if key not in seen:
                seen.add(key)
                yield file


def _walk(root: Path) -> list[Path]:
    found: list[Path] = []
    for folder, dirnames, filenames in os.walk(root):
        dirnames[:] = [name for name in dirnames if not name.startswith(".")]
        found.extend(
            Path(folder, name)
            for name in filenames
            if not name.startswith(".")
            and Path(name).suffix.lower() in SUPPORTED_SUFFIXES
        )
    return sorted(found, key=lambda file: file.relative_to(root).parts)


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
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ArticleFormatError(
            path, None, f"cannot read file ({error.strerror})"
        ) from error
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
    return _build_article(fields, body, path, default_id, where)


def _parse_json(
    text: str, path: Path, given: Mapping[str, str]
) -> tuple[list[Article], list[Warning]]:
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        raise ArticleFormatError(
            path,
            None,
            f"invalid JSON at line {error.lineno}, column {error.colno}: {error.msg}",
        ) from None
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
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise ArticleFormatError(
                path,
                None,
                f"invalid JSON at line {number}, column {error.colno}: {error.msg}",
            ) from None
        article, more = _record_article(
            record, path, len(articles) + 1, f"line {number}", given
        )
        articles.append(article)
        pending.extend(more)
    return articles, pending


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
