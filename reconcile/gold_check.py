"""Check a fixture set's gold (``expected.json``) against its articles before scoring.

``python -m reconcile.gold_check fixtures/<set> [...]`` prints every problem it finds
and exits 1 if there is one: a quote that is not in its article's cleaned text (or
occurs more than once, or is not 3-10 words), a value not written near its quote, a
fact naming an event the gold does not list, a status the library does not know,
front matter without ``outlet``, ``published`` or ``url``.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from reconcile.ingest import load_articles

__all__ = ["STATUSES", "check_gold", "main"]

STATUSES = frozenset({"corroborated", "single_source", "conflicting", "updated"})
"""The statuses of DESIGN.md ("Meanings")."""

_MIN_QUOTE_WORDS, _MAX_QUOTE_WORDS = 3, 10


def check_gold(fixture_dir: str | Path) -> list[str]:
    """Every problem of the gold of *fixture_dir*, one line each (empty when it is sound).

    >>> check_gold("fixtures/does-not-exist")
    ['fixtures/does-not-exist: no expected.json']
    """
    root = Path(fixture_dir)
    path = root / "expected.json"
    if not path.is_file():
        return [f"{root}: no expected.json"]
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as error:
        return [f"{path}: not JSON ({error})"]
    articles = {a.id: a for a in load_articles(root / "articles")}
    return list(_problems(path, document, articles))


def _problems(path: Path, document: Any, articles: dict[str, Any]) -> Iterator[str]:
    if not isinstance(document, dict) or not isinstance(document.get("facts"), list):
        yield f"{path}: expected an object with a 'facts' list"
        return
    for article in articles.values():
        if not article.url:
            yield f"{article.path}: front matter has no 'url'"
        if article.published is None:
            yield f"{article.path}: front matter has no 'published'"
    events = document.get("events")
    event_ids = (
        {e.get("id") for e in events if isinstance(e, dict)}
        if isinstance(events, list)
        else None
    )
    if event_ids is None:
        yield f"{path}: 'events' should list the events the facts are attributes of"
    seen: set[str] = set()
    for number, fact in enumerate(document["facts"]):
        where = f"{path}: facts[{number}]"
        if not isinstance(fact, dict):
            yield f"{where}: expected an object"
            continue
        fact_id = fact.get("id")
        where = f"{path}: fact {fact_id!r}"
        if not isinstance(fact_id, str) or fact_id in seen:
            yield f"{where}: 'id' must be a string unique in the file"
        seen.add(str(fact_id))
        for key in ("event", "attribute", "status", "note", "mentions"):
            if key not in fact:
                yield f"{where}: missing {key!r}"
        if event_ids is not None and fact.get("event") not in event_ids:
            yield f"{where}: event {fact.get('event')!r} is not in 'events'"
        statuses = [fact.get("status"), *fact.get("acceptable_statuses", ())]
        for status in statuses:
            if status not in STATUSES:
                yield f"{where}: status {status!r} is not one of {sorted(STATUSES)}"
        yield from _mention_problems(where, fact.get("mentions", ()), articles)
    if document.get("source") == "real coverage":
        outlets = {a.outlet for a in articles.values()}
        if len(outlets) < 8:
            yield f"{path}: {len(outlets)} outlets; a real-coverage set needs at least 8"
        if len(document["facts"]) < 8:
            yield f"{path}: {len(document['facts'])} gold facts; at least 8 are needed"
    if document.get("split", "tune") not in ("tune", "holdout"):
        yield f"{path}: 'split' must be 'tune' or 'holdout'"
    for furniture in document.get("furniture", ()):
        needle = str(furniture).lower()
        if not any(needle in (a.raw_text or "").lower() for a in articles.values()):
            yield f"{path}: furniture {furniture!r} is in no article's raw text"


def _mention_problems(
    where: str, mentions: Sequence[Any], articles: dict[str, Any]
) -> Iterator[str]:
    if not mentions:
        yield f"{where}: no mentions"
    for mention in mentions:
        if not isinstance(mention, dict):
            yield f"{where}: a mention must be an object"
            continue
        article_id, quote = mention.get("article"), mention.get("quote", "")
        article = articles.get(article_id)
        if article is None:
            yield f"{where}: article {article_id!r} is not in articles/"
            continue
        words = len(str(quote).split())
        if not _MIN_QUOTE_WORDS <= words <= _MAX_QUOTE_WORDS:
            yield f"{where}: quote {quote!r} has {words} words (3-10)"
        count = article.text.count(quote)
        if count != 1:
            state = "not in" if count == 0 else f"{count} times in"
            yield f"{where}: quote {quote!r} is {state} the cleaned text of {article_id}"
            continue
        value = mention.get("value")
        if value:
            start = article.text.index(quote)
            paragraph_start = article.text.rfind("\n", 0, start) + 1
            paragraph_end = article.text.find("\n", start + len(quote))
            paragraph = article.text[
                paragraph_start : None if paragraph_end < 0 else paragraph_end
            ]
            if str(value) not in paragraph:
                yield f"{where}: value {value!r} is not in the paragraph of {quote!r} ({article_id})"


def main(argv: Sequence[str] | None = None) -> int:
    """Check each fixture folder named on the command line; 1 if any has a problem."""
    folders = list(sys.argv[1:] if argv is None else argv)
    problems = [p for folder in folders for p in check_gold(folder)]
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problem(s) in {len(folders)} set(s)")
    return 1 if problems else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
