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
  :mod:`reconcile.store_cache`). Segments are JSON documents that only make
  instances of the library's own listed classes, so reading a store runs no
  code from it. They are keyed on the library version, the cache format, the
  configuration and the alias file, and ignored (the facts are then rebuilt
  from the stored articles) whenever one of them differs or a segment cannot
  be read.

**Concurrency.** :meth:`Store.add` takes SQLite's write lock (``BEGIN
IMMEDIATE``) before it looks for new articles, and reloads the stored state if
another process added to the store since it was read: two adds at once give
the store, facts and change log of the two one after the other, and an
article that both add is stored once. An add waits up to
:data:`LOCK_TIMEOUT_S` seconds for another to finish. An add with no new
articles writes nothing, so a store that is opened read-only
(``open_store(path, read_only=True)``) or a read-only file can be reported on.

**Damage.** A store whose file, tables or article records are damaged, or
that cannot be written when an add must write, raises :class:`StoreError`
naming the file and what is wrong; nothing is half-written.

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
from reconcile.incremental import FactChanges, ProgressCallback, diff_facts
from reconcile.model import Article, Fact
from reconcile.store_cache import (
    CACHE_FORMAT,
    SEGMENTS_BEFORE_SNAPSHOT,
    decode_segments,
    encode_segment,
)
from reconcile.store_codec import CacheFormatError

__all__ = [
    "LOCK_TIMEOUT_S",
    "SCHEMA_VERSION",
    "RecordedChange",
    "RecordedRun",
    "Store",
    "open_store",
]

#: The layout this library writes; older layouts are migrated on open.
SCHEMA_VERSION = 3

#: How long an add (or a migration) waits for another process's add to finish.
LOCK_TIMEOUT_S = 600.0

_TABLES = ("articles", "facts", "runs", "changes", "cache")

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

    def __init__(
        self,
        path: Path,
        connection: sqlite3.Connection,
        config: Config,
        *,
        read_only: bool = False,
    ):
        self.path = path
        self._db = connection
        self.config = config
        self.read_only = read_only
        """Whether the store was opened read-only (an add of new articles then fails)."""
        self._reconciliation: Reconciliation | None = None
        self._cache_segments = 0
        self._data_version = -1

    # -- reading ---------------------------------------------------------------

    @property
    def reconciliation(self) -> Reconciliation:
        """Everything in the store, reconciled (from the cache when it is valid).

        Raises:
            StoreError: the store is damaged (see the module docs).
        """
        if self._reconciliation is None:
            self._reconciliation = self._load()
        return self._reconciliation

    @property
    def facts(self) -> tuple[Fact, ...]:
        """The facts over every stored article."""
        return self.reconciliation.facts

    def article_ids(self) -> list[str]:
        """The ids of the stored articles, in order of arrival."""
        with self._sql("reading the article ids"):
            return [
                row[0]
                for row in self._db.execute("SELECT id FROM articles ORDER BY seq")
            ]

    def runs_since(self, since: date | datetime) -> list[RecordedRun]:
        """The runs at or after *since* (a UTC day, or an instant), oldest first."""
        return self._recorded(
            RecordedRun,
            "runs",
            "SELECT run, at, articles, claims, summary FROM runs WHERE at >= ? "
            "ORDER BY run",
            since,
        )

    def changes_since(self, since: date | datetime) -> list[RecordedChange]:
        """What every run at or after *since* (a UTC day, or an instant) changed, oldest first."""
        return self._recorded(
            RecordedChange,
            "changes",
            "SELECT r.run, r.at, c.fact_id, c.change, c.detail FROM changes c "
            "JOIN runs r ON r.run = c.run WHERE r.at >= ? ORDER BY r.run, c.rowid",
            since,
        )

    def _recorded(
        self, make: type[Any], table: str, query: str, since: date | datetime
    ) -> list[Any]:
        """The rows of *query* (run, at, then three more) since *since*, made *make*."""
        with self._sql(f"reading the {table}"):
            rows = self._db.execute(query, (_utc_iso(since),)).fetchall()
        made = []
        for run, at, *row in rows:
            try:
                when = datetime.fromisoformat(at)
            except (TypeError, ValueError):
                raise StoreError(
                    f"{self.path}: runs: run {run!r} has at = {at!r:.80}; "
                    "expected an ISO instant; the store is damaged"
                ) from None
            made.append(make(run, when, *self._typed(row, table, run)))
        return made

    def _typed(self, row: list[Any], table: str, run: Any) -> list[Any]:
        """*row* (of a run or a change), checked against the types the library writes."""
        expected = (int, int, str) if table == "runs" else (str, str, str)
        for value, kind in zip(row, expected, strict=True):
            if type(value) is not kind:
                raise StoreError(
                    f"{self.path}: {table}: run {run!r} holds {value!r:.80}; "
                    f"expected {'an' if kind is int else 'a'} {kind.__name__}; "
                    "the store is damaged"
                )
        return row

    # -- writing ---------------------------------------------------------------

    def add(
        self,
        articles: Iterable[Article],
        *,
        progress: ProgressCallback | None = None,
    ) -> FactChanges:
        """Reconcile *articles* with the stored ones and save all of it in one transaction.

        Articles already stored with the same id and content are skipped, so a
        desk can point a run at a folder that keeps growing; when none is new,
        nothing is written (no run is recorded) and the changes are empty. The
        add holds the store's write lock from looking for new articles to the
        commit, so adds from several processes happen one after the other.

        Raises:
            StoreError: an article has the id of a stored article but other
                content; the store was opened read-only, or cannot be written,
                and an article is new; the store is damaged; another process
                held the write lock for :data:`LOCK_TIMEOUT_S` seconds.
            InvalidValueError: two of *articles* share an id.
        """
        with collector_paused():
            return self._add(list(articles), progress)

    def _add(
        self, articles: list[Article], progress: ProgressCallback | None
    ) -> FactChanges:
        with self._sql("looking for new articles"):
            fresh = self._fresh(articles)
        if not fresh:
            return self._unchanged()
        if self.read_only:
            raise StoreError(
                f"{self.path}: opened read-only, but {len(fresh)} article(s) are new "
                f"(first {fresh[0][0].id!r}); expected a store opened for writing"
            )
        with self._transaction("adding articles"):
            # Under the write lock: what another process added since this one
            # read the store is read again, and is not new any more.
            if self._reconciliation is not None and self._changed_elsewhere():
                self._reconciliation = None
            fresh = self._fresh(articles)
            if self._reconciliation is None:
                self._reconciliation = self._load(locked=True)
            if not fresh:
                return self._unchanged()
            before = self._reconciliation
            after = before.add([a for a, _ in fresh], progress=progress)
            changes = after.changes
            assert changes is not None
            snapshot = not 0 < self._cache_segments < SEGMENTS_BEFORE_SNAPSHOT
            self._write(fresh, after, changes)
            self._write_cache(None if snapshot else before, after)
        # (This connection's own commit leaves its data_version as it was.)
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
    def _sql(self, doing: str) -> Iterator[None]:
        """Turn an SQLite error met while *doing* something into a :class:`StoreError`."""
        try:
            yield
        except sqlite3.Error as error:
            raise _store_error(self.path, doing, error) from None

    @contextlib.contextmanager
    def _transaction(self, doing: str, *, write: bool = True) -> Iterator[None]:
        """A transaction, rolled back on any error; a write one begins by taking the write lock.

        Every read inside a transaction sees the same state of the file.
        """
        with self._sql(doing):
            self._db.execute("BEGIN IMMEDIATE" if write else "BEGIN")
            try:
                yield
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def _current_data_version(self) -> int:
        return int(self._db.execute("PRAGMA data_version").fetchone()[0])

    def _changed_elsewhere(self) -> bool:
        """Whether another connection committed since the state was read."""
        return self._current_data_version() != self._data_version

    def _fresh(self, articles: list[Article]) -> list[tuple[Article, dict[str, Any]]]:
        """The articles of *articles* that are not stored yet, with their records."""
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
        return fresh

    def _unchanged(self) -> FactChanges:
        """What an add of no new article changed: nothing (and nothing is written)."""
        before = self.reconciliation
        changes = diff_facts(before.facts, before.facts, [])
        self._reconciliation = attrs.evolve(before, changes=changes)
        return changes

    def _stored_records(self, ids: list[str]) -> dict[str, dict[str, Any]]:
        """The stored records of those of *ids* that are in the store."""
        found: dict[str, dict[str, Any]] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ", ".join("?" * len(chunk))
            for aid, record in self._db.execute(
                f"SELECT id, record FROM articles WHERE id IN ({marks})", chunk
            ):
                found[aid] = _parse_record(record, aid, self.path)
        return found

    def _load(self, *, locked: bool = False) -> Reconciliation:
        """The stored state, from the cache when it is valid.

        The rows are read in one transaction (the write transaction when
        *locked*), so they are of one state of the file, and decoded after it.
        """
        self._cache_segments = 0
        key = self._cache_key()
        with self._read_transaction(locked):
            self._data_version = self._current_data_version()
            (count,) = self._db.execute("SELECT count(*) FROM articles").fetchone()
            rows = self._db.execute(
                "SELECT key, articles, state FROM cache ORDER BY segment"
            ).fetchall()
        if rows and all(r[0] == key for r in rows) and rows[-1][1] == count:
            try:
                cached = decode_segments(
                    (r[2] for r in rows),
                    self.config,
                    load_gazetteer(self.config.alias_file),
                )
            except CacheFormatError:  # a damaged cache is rebuilt from the articles
                cached = None
            if cached is not None and len(cached.articles) == count:
                self._cache_segments = len(rows)
                return cached
        del rows
        with self._read_transaction(locked):
            self._data_version = self._current_data_version()
            records = self._db.execute(
                "SELECT id, record FROM articles ORDER BY seq"
            ).fetchall()
        articles = [
            _article_from_record(_parse_record(record, aid, self.path), self.path)
            for aid, record in records
        ]
        del records
        return reconcile(articles, self.config)

    def _read_transaction(
        self, locked: bool
    ) -> contextlib.AbstractContextManager[None]:
        """A read transaction, unless the write transaction (*locked*) is already open."""
        if locked:
            return contextlib.nullcontext()
        return self._transaction("reading the stored state", write=False)

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


def _store_error(path: Path, doing: str, error: sqlite3.Error) -> StoreError:
    """A :class:`StoreError` that says what SQLite found wrong, in the desk's words."""
    name = getattr(error, "sqlite_errorname", "")
    text = str(error)
    if name.startswith("SQLITE_READONLY") or "readonly" in text:
        expected = "expected a file this process may write (or no new articles)"
    elif name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text:
        expected = (
            f"expected another process's add to end within {LOCK_TIMEOUT_S:.0f} s"
        )
    elif name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or "malformed" in text:
        expected = "expected an intact SQLite file; the store is damaged"
    elif "no such table" in text or "no such column" in text:
        expected = f"expected the tables of a version-{SCHEMA_VERSION} store; the store is damaged"
    else:
        expected = "expected a reconcile store"
    return StoreError(f"{path}: {doing}: {text}; {expected}")


def _parse_record(record: Any, aid: Any, path: Path) -> dict[str, Any]:
    """An article's stored JSON record, as a dict."""
    try:
        parsed = json.loads(record)
    except (TypeError, ValueError) as error:
        raise StoreError(
            f"{path}: articles: the record of article {aid!r} is not JSON ({error}); "
            "expected the JSON object the library wrote"
        ) from None
    if not isinstance(parsed, dict):
        raise StoreError(
            f"{path}: articles: the record of article {aid!r} is a "
            f"{type(parsed).__name__}; expected the JSON object the library wrote"
        )
    return parsed


def _utc_iso(since: date | datetime) -> str:
    if not isinstance(since, datetime):
        since = datetime(since.year, since.month, since.day, tzinfo=UTC)
    elif since.tzinfo is None:
        since = since.replace(tzinfo=UTC)
    return since.astimezone(UTC).isoformat()


def _library_version() -> str:
    from reconcile import __version__

    return __version__


def open_store(
    path: str | os.PathLike[str],
    config: Config | None = None,
    *,
    read_only: bool = False,
) -> Store:
    """Open (creating if need be) the desk store at *path*; see :mod:`reconcile.store`.

    With *read_only*, the file must exist and is never written: it can be
    reported on (an add with no new article works), but not added to or
    upgraded.

    >>> import tempfile, os
    >>> with open_store(os.path.join(tempfile.mkdtemp(), "desk.db")) as store:
    ...     store.article_ids()
    []

    Raises:
        StoreError: the file is not a store, is damaged, was written by a newer
            reconcile, or (*read_only*) does not exist or needs upgrading.
    """
    path = Path(path)
    if path.is_dir():
        raise StoreError(f"{path}: is a directory; expected an SQLite store file")
    if read_only and not path.is_file():
        raise StoreError(f"{path}: no such store file; expected an existing store")
    try:
        if read_only:
            uri = f"{path.absolute().as_uri()}?mode=ro"
            db = sqlite3.connect(
                uri, uri=True, isolation_level=None, timeout=LOCK_TIMEOUT_S
            )
        else:
            db = sqlite3.connect(path, isolation_level=None, timeout=LOCK_TIMEOUT_S)
    except sqlite3.Error as error:
        raise _store_error(path, "opening the store", error) from None
    try:
        _check_and_migrate(db, path, read_only)
    except BaseException:
        db.close()
        raise
    return Store(path, db, config or Config(), read_only=read_only)


def _check_and_migrate(db: sqlite3.Connection, path: Path, read_only: bool) -> None:
    """Refuse what is not a usable store; bring an older one to :data:`SCHEMA_VERSION`."""
    try:
        version = db.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master")}
    except sqlite3.DatabaseError as error:
        raise StoreError(f"{path}: not an SQLite store ({error})") from None
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{path}: schema version {version} was written by a newer reconcile; "
            f"this one reads versions up to {SCHEMA_VERSION}"
        )
    if version == 0 and tables:
        raise StoreError(f"{path}: an SQLite file, but not a reconcile store")
    if version < SCHEMA_VERSION and read_only:
        raise StoreError(
            f"{path}: schema version {version} needs upgrading to {SCHEMA_VERSION}, "
            "but the store is opened read-only; expected it opened for writing once"
        )
    if version == SCHEMA_VERSION:
        missing = [t for t in _TABLES if t not in tables]
        if missing:
            raise StoreError(
                f"{path}: table(s) {', '.join(missing)} missing; expected the tables "
                f"of a version-{SCHEMA_VERSION} store ({', '.join(_TABLES)}); "
                "the store is damaged"
            )
        return
    try:
        _migrate(db, version)
    except sqlite3.Error as error:
        raise _store_error(
            path, f"upgrading the store from schema version {version}", error
        ) from None


def _migrate(db: sqlite3.Connection, version: int) -> None:
    """Bring the schema from *version* to :data:`SCHEMA_VERSION` in one transaction."""
    if version == SCHEMA_VERSION:
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        # Another process may have created or upgraded the store while this
        # one waited for the lock: start from what the file holds now.
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if (
            version == 0
            and db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        ):
            raise sqlite3.DatabaseError("tables appeared, but no schema version")
        if version == 0:
            _executescript(db, _SCHEMA_V1)
            version = 1
        while version < SCHEMA_VERSION:
            _executescript(db, _MIGRATIONS[version])
            version += 1
        if version == SCHEMA_VERSION:
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
