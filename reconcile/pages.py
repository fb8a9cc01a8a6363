"""Saved web pages and plain text: the inputs that carry no front matter.

A saved page (``.html``, ``.htm``) is read with trafilatura, the optional extra
``html`` (``pip install 'reconcile[html]'``): it gives the body text without the
page's navigation and footer, and the page's own metadata, the site name (the
outlet), the publication date, the canonical url and the title. The library's
furniture removal still runs on that body afterwards (trafilatura keeps some
captions and newsletter prompts).

Plain text (a ``.txt`` or ``.md`` file without front matter) has no metadata at
all. What a page or a file lacks is filled from the values the caller gives
(``load_articles(paths, outlet=..., published=...)``, or ``--outlet`` and
``--published`` on the command line); a value in the file always wins. A file
that still lacks its outlet or, for pages and plain text, its publication date
is refused with a one-line error naming the field and the flag that supplies it.

>>> given_fields(outlet="The Irish Times", published=date(2025, 1, 17))
{'outlet': 'The Irish Times', 'published': '2025-01-17'}
>>> complete({"title": "A pact"}, given_fields(outlet="X"), "story.txt", ("outlet",))
{'title': 'A pact', 'outlet': 'X'}
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

from reconcile.errors import ArticleFormatError, UnsupportedFormatError

__all__ = ["FLAGS", "PAGE_SUFFIXES", "complete", "given_fields", "read_page"]

PAGE_SUFFIXES: tuple[str, ...] = (".htm", ".html")
"""File name endings read as saved web pages (compared case-insensitively)."""

FLAGS: Mapping[str, str] = {
    "outlet": "--outlet NAME",
    "published": "--published YYYY-MM-DD (--articles-published in check)",
    "url": "--url URL",
    "title": "--title TEXT",
}
"""The command-line flag that supplies each field a file may lack."""

_INSTALL = "pip install 'reconcile[html]'"


def given_fields(
    *,
    outlet: str | None = None,
    published: date | str | None = None,
    url: str | None = None,
    title: str | None = None,
) -> dict[str, str]:
    """The caller's values for fields a file lacks, as front-matter strings.

    ``None`` means "not given"; a date is written in ISO form.
    """
    values = {"outlet": outlet, "published": published, "url": url, "title": title}
    return {
        key: value.isoformat() if isinstance(value, date) else value
        for key, value in values.items()
        if value is not None
    }


def complete(
    fields: Mapping[str, Any],
    given: Mapping[str, str],
    path: str | Path,
    required: Iterable[str],
) -> dict[str, Any]:
    """*fields* with what they lack filled from *given*.

    Raises:
        ArticleFormatError: a *required* field is in neither; the message names
            the field and the flag (or keyword argument) that supplies it.
    """
    merged = dict(fields)
    for key, value in given.items():
        if _blank(merged.get(key)):
            merged[key] = value
    for key in required:
        if _blank(merged.get(key)):
            raise ArticleFormatError(
                path,
                key,
                f"the file does not give it; give {FLAGS[key]} "
                f"({key}= in load_articles) or front matter with '{key}:'",
            )
    return merged


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def read_page(data: bytes, path: str | Path) -> tuple[dict[str, str], str]:
    """The metadata fields and the body text of one saved web page.

    Args:
        data: the page's bytes (trafilatura finds the encoding).
        path: where the page came from, for messages.

    Returns:
        ``(fields, body)``: ``outlet`` (the site name), ``published`` (ISO date),
        ``url`` and ``title`` when the page gives them, and the main text. A first
        line that repeats the title is the headline and is dropped from the body.

    Raises:
        UnsupportedFormatError: the ``html`` extra is not installed.
        ArticleFormatError: the page holds no main text.
    """
    try:
        import trafilatura
    except ImportError as error:
        raise UnsupportedFormatError(
            path,
            None,
            f"reading saved web pages needs the html extra: {_INSTALL} "
            f"({error.name or 'trafilatura'} is missing)",
        ) from None
    document = trafilatura.bare_extraction(
        data,
        url=None,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    body = (getattr(document, "text", None) or "") if document is not None else ""
    if not body.strip():
        raise ArticleFormatError(path, None, "no article text found in this web page")
    metadata = {
        "outlet": document.sitename,
        "published": document.date,
        "url": document.url,
        "title": document.title,
    }
    fields = {key: value.strip() for key, value in metadata.items() if value}
    lines = body.replace("\r\n", "\n").split("\n")
    if fields.get("title") and lines[0].strip() == fields["title"] and len(lines) > 1:
        lines = lines[1:]
    return fields, "\n".join(lines).strip("\n") + "\n"
