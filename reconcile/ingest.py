r"""Read article files and directories into :class:`~reconcile.model.Article` objects.

Three kinds of file are read (see DESIGN.md, "Article files"):

* ``.md``, ``.markdown`` and ``.txt``: front matter (``key: value`` lines between
  two ``---`` lines) followed by the body;
* ``.json``: one object, or a list of objects, with the same keys plus ``text``;
* ``.jsonl``: one such object per line.

A directory means every supported file under it, recursively, in sorted order.
Every failure is an :class:`~reconcile.errors.InputError` whose one-line message
names the file and the problem.

The body is cleaned of page furniture (newsletter prompts, captions, bylines,
"READ MORE" links ...) by :func:`remove_furniture`. ``Article.text`` is the
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

import itertools
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
from reconcile.model import Article

__all__ = [
    "SUPPORTED_SUFFIXES",
    "article_from_record",
    "load_articles",
    "looks_like_furniture",
    "parse_article_text",
    "remove_furniture",
]

SUPPORTED_SUFFIXES: tuple[str, ...] = (".json", ".jsonl", ".markdown", ".md", ".txt")
"""File name endings :func:`load_articles` reads (compared case-insensitively)."""

_FRONT_MATTER_SUFFIXES = frozenset({".md", ".markdown", ".txt"})
_KNOWN_KEYS = frozenset({"id", "outlet", "published", "url", "title"})
_FENCE = "---"

Run = tuple[int, int, int]


# --------------------------------------------------------------------------- loading


def load_articles(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    keep_going: bool = False,
) -> tuple[Article, ...]:
    r"""Read articles from files and directories.

    Args:
        paths: A file or directory, or several. A directory stands for every
            supported file under it (hidden files and folders, and files of other
            types, are skipped), in sorted order.
        keep_going: Skip a bad file with a :class:`~reconcile.errors.SkippedFileWarning`
            instead of raising. If no article at all could be read, the first
            error is raised anyway.

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
    for item in _iter_files(_as_path_list(paths)):
        try:
            if isinstance(item, InputError):
                raise item
            file_articles, pending = _read_file(item)
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
                    "expected a .md, .markdown, .txt, .json or .jsonl file",
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


def _read_file(path: Path) -> tuple[list[Article], list[Warning]]:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ArticleFormatError(
            path, None, f"cannot read file ({error.strerror})"
        ) from error
    text = _decode(data, path)
    suffix = path.suffix.lower()
    if suffix in _FRONT_MATTER_SUFFIXES:
        article, pending = _parse_document(text, path, None)
        return [article], pending
    if suffix == ".jsonl":
        return _parse_jsonl(text, path)
    return _parse_json(text, path)


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
    text: str, path: str | Path, article_id: str | None
) -> tuple[Article, list[Warning]]:
    lines = text.split("\n")
    if lines[0].rstrip() != _FENCE:
        raise ArticleFormatError(
            path, None, "expected front matter starting with '---'", _clip(lines[0])
        )
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
    default_id = article_id if article_id is not None else Path(path).stem
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
    record: Any, path: str | Path, index: int | None, where: str | None
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
    body = body.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return _build_article(fields, body, path, default_id, where)


def _parse_json(text: str, path: Path) -> tuple[list[Article], list[Warning]]:
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        raise ArticleFormatError(
            path,
            None,
            f"invalid JSON at line {error.lineno}, column {error.colno}: {error.msg}",
        ) from None
    if isinstance(value, dict):
        article, warned = _record_article(value, path, None, None)
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
        article, more = _record_article(record, path, index, f"record {index}")
        articles.append(article)
        pending.extend(more)
    return articles, pending


def _parse_jsonl(text: str, path: Path) -> tuple[list[Article], list[Warning]]:
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
            record, path, len(articles) + 1, f"line {number}"
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


# --------------------------------------------------------------------------- furniture

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_WEEKDAY = r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?"

# A whole line that is nothing but a prompt or a navigation label.
_FULL_PROMPT = re.compile(
    r"""(?:
      subscribe(?:\ (?:now|today|here))? | sign\ (?:up|in)(?:\ (?:now|here|today|for\ free))?
    | log\ ?in | register | skip\ to\ (?:main\ )?content | skip\ (?:to\ )?navigation
    | edit\ (?:post|this\ (?:post|page|article))
    | read\ more | more\ news | news\ feed | editors?['’]?s?['’]?\ picks? | most\ (?:read|popular|viewed|shared)
    | trending(?:\ now)? | top\ stories | latest(?:\ news|\ stories)? | breaking\ news
    | related(?:\ (?:stories|articles|content|coverage|topics|news))? | recommended(?:\ for\ you)?
    | you\ (?:may|might)\ also\ like | don['’]t\ miss | see\ also | also\ read | further\ reading
    | in\ other\ news
    | advertisement | advert | ad | sponsored(?:\ content)? | promoted(?:\ content)? | paid\ (?:post|content)
    | (?:story|article)\ continues\ below(?:\ (?:the\ )?advertisement)? | continue\ reading(?:\ below)?
    | share(?:\ this(?:\ (?:article|story|post|page))?)? | share\ on\ \w+ | tweet | e-?mail | print
    | copy\ link | comments? | show\ comments | leave\ a\ comment | \d+\ comments?
    | pre-?order(?:\ (?:now|today))? | listen | back\ to\ top | menu | search | close | home | loading
    | successfu?l+y\ subscribed | you['’]re\ (?:all\ )?(?:signed\ up|subscribed) | all\ rights\ reserved
    | follow(?:\ us)? | watch | video | gallery | view\ gallery
    )[\s.!:›»>→|-]*""",
    re.IGNORECASE | re.VERBOSE,
)

# A line opening with one of these is a prompt, if it is short.
_LEAD_PROMPT = re.compile(
    r"""(?:
      \*\s*indicates\ required | enter\ (?:your\ |a\ valid\ |a\ correct\ |correct\ )?e-?mail
    | please,?\ enter\ (?:a\ )?(?:correct|valid) | (?:your\ )?e-?mail\ address\b
    | thank\ you\ for\ (?:signing\ up|subscribing|registering|your\ interest)
    | thanks\ for\ (?:signing\ up|subscribing) | we['’]ve\ sent\ you\ an?\ (?:confirmation|verification)
    | (?:please\ )?check\ your\ (?:inbox|e-?mail) | sign\ up\ (?:to|for|now|today|here)\b
    | subscribe\ (?:to|for|now|today)\b | (?:get|receive)\ (?:our|the)\ .{0,40}newsletter
    | (?:read\ more|related|see\ also|also\ read|more\ news|watch|listen|read)\s*[:|›»]
    | share\ (?:this|on|via)\b | follow\ (?:us|[\w'’ ]{1,40}?)\ on\ (?:twitter|x|facebook|instagram|telegram|linkedin|tiktok|youtube|threads|bluesky|google\ news|whatsapp)\b
    | join\ (?:us|our\ [\w ]{1,30}?)\ on\b | download\ (?:our|the)\ (?:free\ )?app\b
    | this\ (?:audio|article\ audio)\ (?:is|was)\ (?:created|generated|produced)
    | listen\ to\ (?:this|the)\ (?:article|story)\b | \d+\s*min(?:ute)?s?\ listen\b
    | (?:we|this\ (?:site|website))\ uses?\ cookies | (?:accept|manage|reject)\ (?:all\ )?cookies
    | cookie\ (?:policy|settings|preferences|consent|notice) | ©|copyright\s+(?:©|\(c\)|\d{4})
    | \((?:additional\ )?(?:reporting|writing|editing)\ by\b
    | be\ among\ the\ first\ to | support\ (?:our|independent)\ journalism
    | become\ a\ (?:member|subscriber|patron)\b | donate\ (?:now|today)\b
    | pre-?order\ (?:now|today|your|a\ copy)\b
    | this\ (?:article|story|report|piece)\ (?:was|is|has\ been)\ (?:supplied|provided|distributed|syndicated|originally\ published|produced)\b
    | this\ is\ a\ (?:developing|breaking)\ (?:story|news\ story)\b
    | (?:this\ )?(?:story|article)\ (?:will\ be|has\ been|was)\ updated\b
    )""",
    re.IGNORECASE | re.VERBOSE,
)

# Anywhere in a short line.
_ANY_PROMPT = re.compile(
    r"\b\d+\s*min(?:ute)?s?\s+read\b|\b(?:sign(?:ing)?\s+up|subscrib\w*)\b.*\bnewsletters?\b"
    r"|(?:additional\s+)?reporting\s+by\b.*;\s*editing\s+by\b|\bpre-?order\s+now\b",
    re.IGNORECASE,
)

# A photo credit: the mark of a caption.
_CREDIT_LABEL = re.compile(
    r"\b(?:Photograph|Photo|Picture|Image|Illustration|Credit|Photo\s+credit|Video|Graphic)s?\s*:\s*\S"
)
_CREDIT_AGENCY = re.compile(
    r"(?:/|\bvia\s)\s*Getty\s+Images|Getty\s+Images\s*\)?\s*$|\bAP\s+Photo\b|\b(?:REUTERS|AFP)/"
    r"|/\s*(?:AFP|Reuters|REUTERS|AP|EPA(?:-EFE)?|Anadolu|Bloomberg|TASS|Sputnik|Xinhua|Shutterstock"
    r"|Alamy|PA\s+Wire|Pool|Handout)\b"
)
_CREDIT_PARENS = re.compile(
    r"\([^()]*\b(?:Handout|Press\s+(?:Office|Service)|Getty|Shutterstock|Pool\s+photo|Photo\s+by)\b[^()]*\)\s*\.?\s*$"
)

_BYLINE = re.compile(r"[Bb][Yy]:?\s+(?:[A-Z]|the\s)")
_STAMP = re.compile(
    r"(?:updated|published|posted|last\s+updated)\s*:?\s*(?:on\s+)?(?:\d|"
    + _MONTH
    + "|"
    + _WEEKDAY
    + r"|\w+\s+ago)",
    re.IGNORECASE,
)
_DATELINE = re.compile(
    r"(?:(?:updated|published|posted|last\s+updated|on|at)\b\s*:?\s*|[,|·•–—-]\s*|"
    + _WEEKDAY
    + r",?\s*|"
    + _MONTH
    + r",?\s*|\d{1,4}(?:st|nd|rd|th)?\b,?\s*|\d{1,2}[:.]\d{2}\b\s*|[ap]\.?m\b\.?\s*"
    r"|(?:gmt|utc|bst|cet|cest|est|edt|pst|pdt|et|pt|msk|eet|eest)\b\s*|[+-]\d{2}:?\d{2}\b\s*)+",
    re.IGNORECASE,
)
_BIO = re.compile(
    r"[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3}\s+(?:is|was)\s+(?:(?:a|an|the)\s+)?(?:[\w'’-]+\s+){0,5}?"
    r"(?:contributor|correspondent|reporter|journalist|editor|writer|columnist|producer|"
    r"photographer|analyst|author|presenter|news\s+desk)s?\b(?:\s+(?:to|for|at|with|of|in|based|covering|who|and)\b|\s*[.,]?$)"
)
_CONTRIBUTOR = re.compile(
    r"[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3}\s+is\s+an?\s+(?:[\w'’-]+\s+){0,3}?contributor\s+to\b"
)
_NAME = re.compile(
    r"[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|de|van|von|der|den|da|du|le|la|bin|al|el|di|dos))+"
)
_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_LINK = re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)")
_MARKUP_PREFIX = re.compile(r"(?:#{1,6}\s+|>\s*|[-*+•]\s+)+")
_GLUE = re.compile(r"[a-z][.!?][A-Z]")
_DIGIT = re.compile(r"\d")
_TRUNCATED = re.compile(r"\w(?:…|\.\.\.)$")
_END_PUNCT = frozenset(".!?:;\"”’')…")
_SKIP_TO_CONTENT = re.compile(r"skip\s+to\s+(?:main\s+)?content\W*", re.IGNORECASE)


def looks_like_furniture(line: str) -> bool:
    """Whether one line (or sentence) is page furniture rather than reporting.

    The test is context-free: newsletter and subscription prompts, navigation
    labels ("READ MORE", "Editors' Picks"), share and follow prompts, audio and
    cookie notices, advertisements, photo captions (any line holding a credit
    such as "Photograph:" or "/AFP via Getty Images"), bylines, date-only lines
    and author bios ("X is a contributor to ..."). :func:`remove_furniture` adds
    rules that need the surrounding lines (repeats, sign-offs, teasers).

    Args:
        line: One line of scraped text.

    Returns:
        ``True`` if the line should not be read as part of the report.

    >>> looks_like_furniture("* indicates required")
    True
    >>> looks_like_furniture("Putin shakes hands with Pezeshkian. Photograph: Jane Roe/AFP via Getty Images")
    True
    >>> looks_like_furniture("Russia and Iran signed a strategic partnership agreement on Friday.")
    False
    """
    return _furniture_kind(line.strip()) is not None


def _furniture_kind(line: str) -> str | None:
    if not line:
        return None
    if _has_credit(line):
        return "caption"
    words = line.count(" ") + 1
    if words <= 25:
        if (
            _FULL_PROMPT.fullmatch(line)
            or _LEAD_PROMPT.match(line)
            or _ANY_PROMPT.search(line)
        ):
            return "prompt"
        if (_BYLINE.match(line) or _STAMP.match(line)) and line[-1] not in _END_PUNCT:
            return "byline"
        if _DIGIT.search(line) and _DATELINE.fullmatch(line):
            return "byline"
    if words <= 40 and (_CONTRIBUTOR.match(line) or _BIO.match(line)):
        return "bio"
    if _IMAGE.fullmatch(line):
        return "image"
    return None


def _has_credit(line: str) -> bool:
    """Whether a line holds a photo credit (cheap substring tests first)."""
    return (
        (":" in line and _CREDIT_LABEL.search(line) is not None)
        or (
            ("/" in line or "Getty" in line or "AP Photo" in line)
            and _CREDIT_AGENCY.search(line) is not None
        )
        or (line.endswith((")", ").")) and _CREDIT_PARENS.search(line) is not None)
    )


def _is_name(line: str) -> bool:
    """A short line of two to four capitalised words: an author sign-off, maybe."""
    return 1 <= line.count(" ") <= 3 and _NAME.fullmatch(line) is not None


def _is_heading(line: str) -> bool:
    return line[-1] not in _END_PUNCT


class _Line:
    """One non-blank line (or a piece of a glued line) of the body."""

    __slots__ = ("block", "drop", "end", "kind", "start", "text")

    def __init__(self, text: str, start: int, block: int) -> None:
        self.text = text
        self.start = start
        self.end = start + len(text)
        self.block = block
        self.kind = _furniture_kind(text)
        self.drop = self.kind is not None


def remove_furniture(body: str) -> tuple[str, tuple[Run, ...]]:
    """Remove page furniture from a scraped body, keeping a map back to it.

    The body is read line by line. A line is dropped when
    :func:`looks_like_furniture` says so, and also when it is: the copy of the
    line just before it (a caption printed twice); a short name on its own that
    repeats or closes the article (an author sign-off), or a bio line closing it;
    a short label between two prompts (a newsletter's name); part of a teaser of
    another story (a heading over a paragraph cut off with "…"); or banner text
    above a "Skip to content" line. Furniture glued to the next sentence
    ("...confirmation email.Russia and Iran ...") is cut off at the glue. Markdown
    headings, quote marks, bullets, images and link targets are removed.

    Kept lines are stripped of surrounding whitespace; lines of one paragraph are
    joined by ``"\\n"`` and paragraphs by ``"\\n\\n"``.

    Args:
        body: The body text, with ``"\\n"`` newlines.

    Returns:
        The cleaned text and its kept runs ``(clean_start, raw_start, length)``:
        ``text[c:c + n] == body[r:r + n]`` for each run. Characters of the
        cleaned text outside every run are inserted newlines.

    >>> text, kept = remove_furniture("Skip to content\\nA treaty was signed.\\nREAD MORE\\n")
    >>> text, kept
    ('A treaty was signed.', ((0, 16, 20),))
    """
    lines = _split_lines(body)
    _mark_context(lines)
    return _assemble(body, lines)


def _split_lines(body: str) -> list[_Line]:
    lines: list[_Line] = []
    block = 0
    start = 0
    length = len(body)
    while start <= length:
        end = body.find("\n", start)
        if end < 0:
            end = length
        raw = body[start:end]
        text = raw.strip()
        if not text:
            if lines and lines[-1].block == block:
                block += 1
        else:
            offset = start + len(raw) - len(raw.lstrip())
            lines.extend(_unglue(text, offset, block))
        start = end + 1
    return lines


def _unglue(text: str, offset: int, block: int) -> list[_Line]:
    """Cut furniture off a line where a sentence runs into the next without a space."""
    cuts = [match.start() + 2 for match in _GLUE.finditer(text)]
    whole = _Line(text, offset, block)
    if not cuts:
        return [whole]
    bounds = [0, *cuts, len(text)]
    pieces = [
        _Line(text[a:b], offset + a, block) for a, b in itertools.pairwise(bounds)
    ]
    if all(piece.drop == pieces[0].drop for piece in pieces):
        return [whole]
    merged: list[_Line] = []
    for piece in pieces:
        if merged and not piece.drop and not merged[-1].drop:
            merged[-1] = _Line(merged[-1].text + piece.text, merged[-1].start, block)
        else:
            merged.append(piece)
    return merged


def _mark_context(lines: list[_Line]) -> None:
    """Apply the rules that need a line's neighbours, in order."""
    _drop_banner(lines)
    _drop_repeats(lines)
    _drop_teasers(lines)
    _drop_prompt_labels(lines)
    _drop_sign_offs(lines)


def _drop_banner(lines: list[_Line]) -> None:
    """Banner text above a "Skip to content" line near the top of the page."""
    for i, line in enumerate(lines[:10]):
        if _SKIP_TO_CONTENT.fullmatch(line.text):
            for earlier in lines[:i]:
                earlier.drop = True
            return


def _drop_repeats(lines: list[_Line]) -> None:
    """The second copy of a line printed twice, and names that stand alone twice."""
    for before, line in itertools.pairwise(lines):
        if line.text == before.text:
            line.drop = True
    counts: dict[str, int] = {}
    for line in lines:
        counts[line.text] = counts.get(line.text, 0) + 1
    for line in lines:
        if counts[line.text] > 1 and _is_name(line.text):
            line.drop = True


def _drop_teasers(lines: list[_Line]) -> None:
    """A teaser of another story: a paragraph cut off with an ellipsis."""
    for i, line in enumerate(lines):
        following = lines[i + 1] if i + 1 < len(lines) else None
        if line.drop or (following is not None and following.block == line.block):
            continue
        if not _TRUNCATED.search(line.text):
            continue
        heading = lines[i - 1] if i and lines[i - 1].block == line.block else None
        if heading is not None and _is_heading(heading.text):
            line.drop = heading.drop = True
        elif following is None or following.kind is not None:
            line.drop = True


def _drop_prompt_labels(lines: list[_Line]) -> None:
    """A short label between two prompts of one block (a newsletter's name)."""
    for before, line, after in zip(lines, lines[1:], lines[2:], strict=False):
        if (
            before.kind == after.kind == "prompt"
            and before.block == line.block == after.block
            and line.text.count(" ") < 8
            and _is_heading(line.text)
        ):
            line.drop = True


def _drop_sign_offs(lines: list[_Line]) -> None:
    """Author names and bios after the last line of reporting."""
    for line in reversed(lines):
        if not (line.drop or _is_name(line.text) or _BIO.match(line.text)):
            return
        line.drop = True


def _segments(line: _Line) -> list[tuple[int, int]]:
    """The raw ranges of a kept line, without Markdown markup."""
    text, start = line.text, line.start
    prefix = _MARKUP_PREFIX.match(text) if text[0] in "#>-*+•" else None
    skip = prefix.end() if prefix else 0
    if "](" not in text:
        return [(start + skip, line.end)] if skip < len(text) else []
    segments: list[tuple[int, int]] = []
    for match in _LINK.finditer(text, skip):
        segments.append((start + skip, start + match.start()))
        if not match.group(0).startswith("!"):
            segments.append((start + match.start(1), start + match.end(1)))
        skip = match.end()
    segments.append((start + skip, line.end))
    return _trim(line.text, start, segments)


def _trim(
    text: str, start: int, segments: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Drop empty segments and whitespace at the ends of the line they make up."""
    kept = [(a, b) for a, b in segments if b > a]
    while kept and text[kept[0][0] - start : kept[0][1] - start].isspace():
        kept.pop(0)
    while kept and text[kept[-1][0] - start : kept[-1][1] - start].isspace():
        kept.pop()
    if kept:
        first = text[kept[0][0] - start : kept[0][1] - start]
        kept[0] = (kept[0][1] - len(first.lstrip()), kept[0][1])
        last = text[kept[-1][0] - start : kept[-1][1] - start]
        kept[-1] = (kept[-1][0], kept[-1][0] + len(last.rstrip()))
    return kept


def _assemble(body: str, lines: list[_Line]) -> tuple[str, tuple[Run, ...]]:
    parts: list[str] = []
    runs: list[list[int]] = []
    size = 0
    block = -1
    for line in lines:
        if line.drop:
            continue
        segments = _segments(line)
        if not segments:
            continue
        separator = "" if block < 0 else "\n" if line.block == block else "\n\n"
        block = line.block
        for start, end in segments:
            piece = body[start:end]
            if runs:
                last = runs[-1]
                gap_start = last[1] + last[2]
                if body[gap_start:start] == separator:
                    last[2] += len(separator) + len(piece)
                    parts.append(separator)
                    parts.append(piece)
                    size += len(separator) + len(piece)
                    separator = ""
                    continue
            parts.append(separator)
            size += len(separator)
            runs.append([size, start, len(piece)])
            parts.append(piece)
            size += len(piece)
            separator = ""
    return "".join(parts), tuple((c, r, n) for c, r, n in runs)
