"""A persistent desk store: articles, facts and their history in one SQLite file.

A desk runs its script every morning over the new day's articles::

    with reconcile.open_store("desk.db") as store:
        changes = store.add(reconcile.load_articles(["today/"]))
        print(changes.summary())
        print(store.reconciliation.report("markdown"))

:meth:`Store.add` reconciles the new articles with everything already stored
(through :meth:`reconcile.Reconciliation.add`, so only new claims are matched)
and writes the articles, the facts and what changed in **one transaction**: a
bad article or a crash mid-run leaves the store as it was.

The file holds, at schema version 3:

* ``articles``: every article, as JSON, in order of arrival;
* ``facts``: the current facts (id, status, confidence, statement);
* ``runs`` and ``changes``: when each :meth:`Store.add` ran and what it changed,
  for :meth:`Store.changes_since`;
* ``cache``: the matching work so far (claims, frames, pair scores, component
  splits, facts), so the next run need not redo it: one segment per run with
  what that run added, and a snapshot every so often (see
  :mod:`reconcile.store_cache`). Segments are pickles, written and read only
  by this library; they are keyed on the library version, the configuration
  and the alias file, and ignored (the facts are then rebuilt from the stored
  articles) whenever one of them differs. Open only stores you trust, as you
  would run only code you trust.

Older layouts are migrated on open: version 1 (``articles``, ``facts``,
``runs``, ``changes``, no cache) and version 2 (a cache of one pickle, dropped
and rebuilt from the articles). A store from a newer version of the library is
refused.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import attrs
from attrs import frozen

from reconcile.api import Reconciliation, reconcile
from reconcile.config import Config
from reconcile.errors import StoreError
from reconcile.extract.actors import load_gazetteer
from reconcile.gc_pause import collector_paused
from reconcile.incremental import FactChanges, ProgressCallback
from reconcile.model import Article, Fact
from reconcile.store_cache import (
    CACHE_FORMAT,
    SEGMENTS_BEFORE_SNAPSHOT,
    decode_segments,
    encode_segment,
)

__all__ = ["SCHEMA_VERSION", "RecordedChange", "RecordedRun", "Store", "open_store"]

#: The layout this library writes; older layouts are migrated on open.
SCHEMA_VERSION = 3

_SCHEMA_V1 = """
CREATE TABLE articles (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    outlet TEXT NOT NULL,
    published TEXT,
    record TEXT NOT NULL
);
CREATE TABLE facts (
    id TEXT PRIMARY KEY,
    status TEXT NOT NULL,
    confidence REAL NOT NULL,
    statement TEXT NOT NULL
);
CREATE TABLE runs (
    run INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    articles INTEGER NOT NULL,
    claims INTEGER NOT NULL,
    summary TEXT NOT NULL
);
CREATE TABLE changes (
    run INTEGER NOT NULL REFERENCES runs(run),
    fact_id TEXT NOT NULL,
    change TEXT NOT NULL,
    detail TEXT NOT NULL
);
CREATE INDEX changes_by_run ON changes(run);
"""

_MIGRATIONS = {
    1: """
CREATE TABLE cache (
    key TEXT NOT NULL,
    articles INTEGER NOT NULL,
    state BLOB NOT NULL
);
""",
    # Version 2 cached one pickle of the whole state; version 3 a log of
    # segments. The cache is rebuilt from the articles, so the old one goes.
    2: """
DROP TABLE cache;
CREATE TABLE cache (
    segment INTEGER PRIMARY KEY,
    key TEXT NOT NULL,
    articles INTEGER NOT NULL,
    state BLOB NOT NULL
);
""",
}


@frozen
class RecordedRun:
    """One :meth:`Store.add`: when it ran, how many articles and claims it added, and a summary."""

    run: int
    at: datetime
    articles: int
    claims: int
    summary: str


@frozen
class RecordedChange:
    """One change to one fact, as a run of :meth:`Store.add` recorded it."""

    run: int
    at: datetime
    fact_id: str
    change: str
    """``new``, ``gained_support``, ``status_changed``, ``turned_conflicting`` or ``retired``."""
    detail: str


class Store:
    """A reconciliation kept in an SQLite file; see the module docs. Use :func:`open_store`."""

    def __init__(self, path: Path, connection: sqlite3.Connection, config: Config):
        self.path = path
        self._db = connection
        self.config = config
        self._reconciliation: Reconciliation | None = None
        self._cache_segments = 0

    # -- reading ---------------------------------------------------------------

    @property
    def reconciliation(self) -> Reconciliation:
        """Everything in the store, reconciled (from the cache when it is valid)."""
        if self._reconciliation is None:
            self._reconciliation = self._load()
        return self._reconciliation

    @property
    def facts(self) -> tuple[Fact, ...]:
        """The facts over every stored article."""
        return self.reconciliation.facts

    def article_ids(self) -> list[str]:
        """The ids of the stored articles, in order of arrival."""
        return [
            row[0] for row in self._db.execute("SELECT id FROM articles ORDER BY seq")
        ]

    def runs_since(self, since: date | datetime) -> list[RecordedRun]:
        """The runs at or after *since* (a UTC day, or an instant), oldest first."""
        rows = self._db.execute(
            "SELECT run, at, articles, claims, summary FROM runs WHERE at >= ? "
            "ORDER BY run",
            (_utc_iso(since),),
        )
        return [
            RecordedRun(run, datetime.fromisoformat(at), articles, claims, summary)
            for run, at, articles, claims, summary in rows
        ]

    def changes_since(self, since: date | datetime) -> list[RecordedChange]:
        """What every run at or after *since* (a UTC day, or an instant) changed, oldest first."""
        rows = self._db.execute(
            "SELECT r.run, r.at, c.fact_id, c.change, c.detail FROM changes c "
            "JOIN runs r ON r.run = c.run WHERE r.at >= ? ORDER BY r.run, c.rowid",
            (_utc_iso(since),),
        )
        return [
            RecordedChange(run, datetime.fromisoformat(at), fact, change, detail)
            for run, at, fact, change, detail in rows
        ]

    # -- writing ---------------------------------------------------------------

    def add(
        self,
        articles: Iterable[Article],
        *,
        progress: ProgressCallback | None = None,
    ) -> FactChanges:
        """Reconcile *articles* with the stored ones and save all of it in one transaction.

        Articles already stored with the same id and content are skipped, so a
        desk can point a run at a folder that keeps growing.

        Raises:
            StoreError: an article has the id of a stored article but other content.
            InvalidValueError: two of *articles* share an id.
        """
        with collector_paused():
            return self._add(list(articles), progress)

    def _add(
        self, articles: list[Article], progress: ProgressCallback | None
    ) -> FactChanges:
        stored = self._stored_records([a.id for a in articles])
        fresh: list[tuple[Article, dict[str, Any]]] = []
        for article in articles:
            record = _article_record(article)
            known = stored.get(article.id)
            if known is None:
                fresh.append((article, record))
                stored[article.id] = record
            elif known != record:
                raise StoreError(
                    f"{self.path}: article id {article.id!r} is already in the store "
                    f"with other content ({article.path or 'new article'}); "
                    "expected new articles to have new ids"
                )
        before = self.reconciliation
        after = before.add([a for a, _ in fresh], progress=progress)
        changes = after.changes
        assert changes is not None
        snapshot = not 0 < self._cache_segments < SEGMENTS_BEFORE_SNAPSHOT
        with self._transaction():
            self._write(fresh, after, changes)
            self._write_cache(None if snapshot else before, after)
        self._cache_segments = 1 if snapshot else self._cache_segments + 1
        self._reconciliation = after
        return changes

    def close(self) -> None:
        """Close the database file."""
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- internals -------------------------------------------------------------

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def _stored_records(self, ids: list[str]) -> dict[str, dict[str, Any]]:
        """The stored records of those of *ids* that are in the store."""
        found: dict[str, dict[str, Any]] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ", ".join("?" * len(chunk))
            for aid, record in self._db.execute(
                f"SELECT id, record FROM articles WHERE id IN ({marks})", chunk
            ):
                found[aid] = json.loads(record)
        return found

    def _load(self) -> Reconciliation:
        self._cache_segments = 0
        (count,) = self._db.execute("SELECT count(*) FROM articles").fetchone()
        rows = self._db.execute(
            "SELECT key, articles, state FROM cache ORDER BY segment"
        ).fetchall()
        key = self._cache_key()
        if rows and all(r[0] == key for r in rows) and rows[-1][1] == count:
            try:
                cached = decode_segments(
                    (r[2] for r in rows),
                    self.config,
                    load_gazetteer(self.config.alias_file),
                )
            except Exception:  # a damaged cache is rebuilt from the articles
                cached = None
            if cached is not None and len(cached.articles) == count:
                self._cache_segments = len(rows)
                return cached
        articles = [
            _article_from_record(json.loads(record), self.path)
            for (record,) in self._db.execute(
                "SELECT record FROM articles ORDER BY seq"
            )
        ]
        return reconcile(articles, self.config)

    def _write(
        self,
        fresh: list[tuple[Article, dict[str, Any]]],
        after: Reconciliation,
        changes: FactChanges,
    ) -> None:
        db = self._db
        db.executemany(
            "INSERT INTO articles (id, outlet, published, record) VALUES (?, ?, ?, ?)",
            [
                (
                    a.id,
                    a.outlet,
                    a.published.isoformat() if a.published else None,
                    json.dumps(record, ensure_ascii=False),
                )
                for a, record in fresh
            ],
        )
        db.execute("DELETE FROM facts")
        db.executemany(
            "INSERT INTO facts (id, status, confidence, statement) VALUES (?, ?, ?, ?)",
            [(f.id, f.status, f.verdict.confidence, f.statement) for f in after.facts],
        )
        at = datetime.now(UTC).isoformat()
        run = db.execute(
            "INSERT INTO runs (at, articles, claims, summary) VALUES (?, ?, ?, ?)",
            (at, len(fresh), changes.claims, changes.summary()),
        ).lastrowid
        db.executemany(
            "INSERT INTO changes (run, fact_id, change, detail) VALUES (?, ?, ?, ?)",
            [(run, *row) for row in _change_rows(changes, after)],
        )

    def _write_cache(
        self, before: Reconciliation | None, after: Reconciliation
    ) -> None:
        """Append what *after* adds to *before* to the cache, or (no *before*) a snapshot."""
        if before is None:
            self._db.execute("DELETE FROM cache")
        self._db.execute(
            "INSERT INTO cache (key, articles, state) VALUES (?, ?, ?)",
            (self._cache_key(), len(after.articles), encode_segment(before, after)),
        )

    def _cache_key(self) -> str:
        digest = hashlib.sha256()
        digest.update(f"{_library_version()} cache format {CACHE_FORMAT}".encode())
        digest.update(repr(attrs.evolve(self.config, alias_file=None)).encode())
        if self.config.alias_file is not None:
            digest.update(Path(self.config.alias_file).read_bytes())
        return digest.hexdigest()


def _utc_iso(since: date | datetime) -> str:
    if not isinstance(since, datetime):
        since = datetime(since.year, since.month, since.day, tzinfo=UTC)
    elif since.tzinfo is None:
        since = since.replace(tzinfo=UTC)
    return since.astimezone(UTC).isoformat()


def _library_version() -> str:
    from reconcile import __version__

    return __version__


def open_store(path: str | os.PathLike[str], config: Config | None = None) -> Store:
    """Open (creating if need be) the desk store at *path*; see :mod:`reconcile.store`.

    >>> import tempfile, os
    >>> with open_store(os.path.join(tempfile.mkdtemp(), "desk.db")) as store:
    ...     store.article_ids()
    []

    Raises:
        StoreError: the file is not a store, or was written by a newer reconcile.
    """
    path = Path(path)
    if path.is_dir():
        raise StoreError(f"{path}: is a directory; expected an SQLite store file")
    try:
        db = sqlite3.connect(path, isolation_level=None)
        version = db.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master")}
    except sqlite3.DatabaseError as error:
        raise StoreError(f"{path}: not an SQLite store ({error})") from None
    if version > SCHEMA_VERSION:
        db.close()
        raise StoreError(
            f"{path}: schema version {version} was written by a newer reconcile; "
            f"this one reads versions up to {SCHEMA_VERSION}"
        )
    if version == 0 and tables:
        db.close()
        raise StoreError(f"{path}: an SQLite file, but not a reconcile store")
    try:
        _migrate(db, version)
    except sqlite3.DatabaseError as error:
        db.close()
        raise StoreError(f"{path}: could not upgrade the store ({error})") from None
    return Store(path, db, config or Config())


def _migrate(db: sqlite3.Connection, version: int) -> None:
    """Bring the schema from *version* to :data:`SCHEMA_VERSION` in one transaction."""
    if version == SCHEMA_VERSION:
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        if version == 0:
            _executescript(db, _SCHEMA_V1)
            version = 1
        while version < SCHEMA_VERSION:
            _executescript(db, _MIGRATIONS[version])
            version += 1
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def _executescript(db: sqlite3.Connection, script: str) -> None:
    """Run the statements of *script* inside the open transaction (``executescript`` commits)."""
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


def _change_rows(
    changes: FactChanges, after: Reconciliation
) -> list[tuple[str, str, str]]:
    statement = {f.id: f.statement for f in after.facts}
    rows = [(fid, "new", statement[fid]) for fid in changes.new]
    rows += [(fid, "gained_support", statement[fid]) for fid in changes.gained_support]
    rows += [
        (fid, "status_changed", f"{old} -> {new}")
        for fid, old, new in changes.status_changed
    ]
    rows += [
        (fid, "turned_conflicting", statement[fid])
        for fid in changes.turned_conflicting
    ]
    rows += [(r.fact_id, "retired", r.reason) for r in changes.retired]
    return rows


_ARTICLE_FIELDS = (
    "id",
    "outlet",
    "text",
    "published",
    "url",
    "title",
    "path",
    "raw_text",
)


def _article_record(article: Article) -> dict[str, Any]:
    record: dict[str, Any] = {name: getattr(article, name) for name in _ARTICLE_FIELDS}
    record["published"] = article.published.isoformat() if article.published else None
    record["kept"] = [list(run) for run in article.kept]
    record["metadata"] = [[key, value] for key, value in article.metadata]
    return json.loads(json.dumps(record, default=str))


def _article_from_record(record: dict[str, Any], path: Path) -> Article:
    try:
        return Article(
            **{name: record[name] for name in _ARTICLE_FIELDS if name != "published"},
            published=date.fromisoformat(record["published"])
            if record["published"]
            else None,
            kept=[tuple(run) for run in record["kept"]],
            metadata=[tuple(item) for item in record["metadata"]],
        )
    except (KeyError, TypeError, ValueError) as error:
        raise StoreError(
            f"{path}: a stored article record is damaged ({error!r}); "
            "expected the fields the library wrote"
        ) from None
