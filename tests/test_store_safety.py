"""The desk store against hostile files, damage, read-only files and concurrent adds."""

from __future__ import annotations

import os
import pickle
import sqlite3
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import attrs
import numpy as np
import pytest

import reconcile.store as store_module
from reconcile import StoreError, open_store, reconcile
from reconcile.cli import main
from reconcile.store_cache import CACHE_CLASSES, encode_segment, read_segment
from reconcile.store_codec import CacheFormatError, Codec
from tests.test_store import INKED, QUAKE, SIGNED, _article, _write_article

AGAIN = "Russia and Iran signed a 25-year partnership treaty in Moscow on Friday."


def _seeded(tmp_path: Path) -> Path:
    """A store of two runs (so two cache segments): a, then b and c."""
    db = tmp_path / "desk.db"
    with open_store(db) as store:
        store.add([_article("a", "Desk A", 17, SIGNED)])
        store.add(
            [_article("b", "Desk B", 18, INKED), _article("c", "Desk C", 18, QUAKE)]
        )
    return db


# -- the cache's JSON codec ------------------------------------------------------


@attrs.frozen
class _Point:
    x: int
    label: object = None


@attrs.frozen
class _Stranger:
    x: int
    y: int


def test_the_codec_keeps_types_values_and_sharing():
    codec = Codec({"Point": _Point})
    shared = _Point(1, "one")
    value = {
        "tuple": (shared, shared, None),
        "list": [1, 2.5, True, None, "s"],
        "tuple keys": {("a", "b"): frozenset({"x", "y"}), (): frozenset()},
        "int keys": {1: date(2025, 1, 17), 2: None},
        "when": datetime(2025, 1, 17, 8, 30),
        "nested": (("a", 1), ("b", 2)),
        "mixed": _Point(2, ((date(2025, 1, 1), "x"), [1, (2,)])),
        "array": np.arange(6, dtype=np.int64).reshape(2, 3),
        "scores": np.array([0.5, np.nan]),
        "scalar": np.float64(0.25),
        "surrogate": "lone \ud800 half",
        "empty": ((), [], {}, frozenset()),
        "packed": (list(range(-20, 20)), [2**40 + i for i in range(20)]),
        "too big to pack": [2**70 + i for i in range(20)],
        "floats": [i / 7 for i in range(20)],
        "control characters": "".join(map(chr, range(32))),
        "ragged": (("a",), ("b", "c"), ()) * 10,
        "sets": [frozenset({str(i), "x"}) for i in range(20)],
    }
    back = codec.loads(codec.dumps(value))
    arrays = ("array", "scores")
    assert {k: v for k, v in back.items() if k not in arrays} == {
        k: v for k, v in value.items() if k not in arrays
    }
    assert back["tuple"][0] is back["tuple"][1]
    assert type(back["list"]) is list and type(back["nested"]) is tuple
    assert type(back["mixed"].label[1]) is list
    assert back["array"].dtype == np.int64 and back["array"].tolist() == [
        [0, 1, 2],
        [3, 4, 5],
    ]
    assert back["array"].flags.writeable
    assert np.array_equal(back["scores"], value["scores"], equal_nan=True)


def test_the_codec_writes_only_the_listed_classes_and_reads_only_them():
    codec = Codec({"Point": _Point})
    with pytest.raises(CacheFormatError, match=r"cannot write a tests\S*\._Stranger"):
        codec.dumps((_Point(1), _Stranger(1, 2)))
    with pytest.raises(CacheFormatError, match=r"cannot write a builtins\.set"):
        codec.dumps({1, 2})
    with pytest.raises(
        CacheFormatError, match="cannot write an instance as a dict key"
    ):
        codec.dumps({_Point(1): 1})
    with pytest.raises(CacheFormatError, match=r"numpy\.ndarray"):
        codec.dumps(np.array([object()]))
    # A document written for other classes names one this codec does not know.
    other = Codec({"Point": _Point, "Stranger": _Stranger}).dumps(_Stranger(1, 2))
    with pytest.raises(CacheFormatError, match="'Stranger' is not on the cache's list"):
        codec.loads(other)
    for garbage in (b"", b"\x80\x04not json", b"[1, 2]", b'{"objects": 1}'):
        with pytest.raises(CacheFormatError, match="not a cache document"):
            codec.loads(garbage)


def test_every_class_on_the_cache_list_is_a_slotted_attrs_class_under_its_name():
    assert all(cls.__name__ == name for name, cls in CACHE_CLASSES.items())
    Codec(CACHE_CLASSES)  # checks attrs and slots


def test_a_segment_is_json_with_no_pickle_in_it():
    result = reconcile([_article("a", "Desk A", 17, SIGNED)])
    blob = encode_segment(None, result)
    assert blob.startswith(b'{"objects":')
    assert not blob.startswith(b"\x80")  # a pickle's protocol byte
    segment = read_segment(blob)
    assert segment["articles"] == result.articles


# -- a crafted store runs no code --------------------------------------------------


class _Payload:
    """Unpickled, it would create the file *marker*."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (open, (str(self.marker), "w"))


def _poison(db: Path, markers: Path, tables: tuple[str, ...]) -> int:
    """Put a pickle payload in every cell of *tables* (bar integer row keys)."""
    cells = 0
    with sqlite3.connect(db) as raw:
        for table in tables:
            columns = [
                name
                for _, name, kind, _, _, primary in raw.execute(
                    f"PRAGMA table_info({table})"
                )
                if not (primary and kind == "INTEGER")
            ]
            rowids = [r[0] for r in raw.execute(f"SELECT rowid FROM {table}")]
            for column in columns:
                for rowid in rowids:
                    payload = pickle.dumps(
                        _Payload(markers / f"{table}.{column}.{rowid}")
                    )
                    raw.execute(
                        f"UPDATE {table} SET {column} = ? WHERE rowid = ?",
                        (payload, rowid),
                    )
                    cells += 1
    return cells


def test_the_pickle_payload_would_run_if_unpickled(tmp_path):
    pickle.loads(pickle.dumps(_Payload(tmp_path / "ran"))).close()
    assert (tmp_path / "ran").exists()


def test_a_store_of_pickle_payloads_runs_nothing_and_fails_cleanly(tmp_path, capsys):
    db = _seeded(tmp_path)
    markers = tmp_path / "markers"
    markers.mkdir()
    assert _poison(db, markers, ("articles", "facts", "runs", "changes", "cache")) > 30
    with (
        pytest.raises(StoreError, match=r"desk\.db: articles: the record of article"),
        open_store(db) as store,
    ):
        store.facts  # noqa: B018
    with (
        pytest.raises(StoreError, match=r"desk\.db: runs: run 1 has at = b'\\x80"),
        open_store(db) as store,
    ):
        store.runs_since(date(2000, 1, 1))
    capsys.readouterr()
    assert main(["report", "--store", str(db)]) == 2
    assert main(["diff", "--store", str(db), "--since", "2000-01-01"]) == 2
    _write_article(tmp_path / "day3", "d", "Desk D", 19, AGAIN)
    assert main(["report", "--store", str(db), str(tmp_path / "day3")]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "Traceback" not in captured.err
    assert captured.err.count("\n") == 3
    assert all(
        line.startswith("reconcile: ") or "desk.db" in line
        for line in captured.err.splitlines()
    )
    assert list(markers.iterdir()) == []


def test_a_cache_of_pickle_payloads_runs_nothing_and_is_rebuilt(tmp_path, capsys):
    db = _seeded(tmp_path)
    markers = tmp_path / "markers"
    markers.mkdir()
    with sqlite3.connect(db) as raw:
        (key,) = raw.execute("SELECT DISTINCT key FROM cache").fetchone()
    _poison(db, markers, ("cache",))
    with sqlite3.connect(db) as raw:  # the key right, so only the state is wrong
        raw.execute("UPDATE cache SET key = ?, articles = 3", (key,))
    articles = [
        _article("a", "Desk A", 17, SIGNED),
        _article("b", "Desk B", 18, INKED),
        _article("c", "Desk C", 18, QUAKE),
    ]
    with open_store(db) as store:
        assert store.facts == reconcile(articles).facts
    assert main(["report", "--store", str(db), "--format", "json"]) == 0
    assert '"id": "c"' in capsys.readouterr().out
    with open_store(db) as store:
        store.add([_article("d", "Desk D", 19, AGAIN)])  # writes a new snapshot
    with open_store(db) as store:
        assert (
            store.facts
            == reconcile([*articles, _article("d", "Desk D", 19, AGAIN)]).facts
        )
    assert list(markers.iterdir()) == []


# -- damaged stores ----------------------------------------------------------------


def test_an_article_record_that_is_not_json_is_named(tmp_path):
    db = _seeded(tmp_path)
    with sqlite3.connect(db) as raw:
        raw.execute("UPDATE articles SET record = '{not json' WHERE id = 'b'")
    expected = r"desk\.db: articles: the record of article 'b' is not JSON"
    with open_store(db) as store, pytest.raises(StoreError, match=expected):
        store.add([_article("b", "Desk B", 18, INKED)])
    with sqlite3.connect(db) as raw:
        raw.execute("DELETE FROM cache")  # so the records are read
    with open_store(db) as store, pytest.raises(StoreError, match=expected):
        store.facts  # noqa: B018
    with sqlite3.connect(db) as raw:
        raw.execute("UPDATE articles SET record = '[1, 2]' WHERE id = 'b'")
    with (
        open_store(db) as store,
        pytest.raises(StoreError, match="is a list; expected"),
    ):
        store.facts  # noqa: B018


def test_a_dropped_table_is_named(tmp_path):
    db = _seeded(tmp_path)
    with sqlite3.connect(db) as raw:
        raw.execute("DROP TABLE runs")
    with pytest.raises(
        StoreError, match=r"desk\.db: table\(s\) runs missing; expected"
    ):
        open_store(db)


def test_malformed_pages_give_a_store_error(tmp_path, capsys):
    db = _seeded(tmp_path)
    with sqlite3.connect(db) as raw:
        (page,) = raw.execute("PRAGMA page_size").fetchone()
        (pages,) = raw.execute("PRAGMA page_count").fetchone()
    assert pages > 3
    data = bytearray(db.read_bytes())
    data[page:] = bytes(range(256)) * (len(data[page:]) // 256) + b"\x07" * (
        len(data[page:]) % 256
    )
    db.write_bytes(bytes(data))
    with (
        pytest.raises(StoreError, match=r"desk\.db: .*malformed.*expected an intact"),
        open_store(db) as store,
    ):
        store.article_ids()
        store.facts  # noqa: B018
    capsys.readouterr()
    assert main(["report", "--store", str(db)]) == 2
    assert main(["diff", "--store", str(db), "--since", "2000-01-01"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 2 and "Traceback" not in err and "malformed" in err


# -- read-only stores --------------------------------------------------------------


def test_report_over_a_read_only_store_writes_nothing(tmp_path, capsys):
    db = tmp_path / "desk.db"
    _write_article(tmp_path / "known", "a", "Desk A", 17, SIGNED)
    assert main(["report", "--store", str(db), str(tmp_path / "known")]) == 0
    before = db.read_bytes()
    db.chmod(0o444)
    try:
        assert main(["report", "--store", str(db), "--format", "json"]) == 0
        assert '"articles": []' in capsys.readouterr().out  # the changes: none
        assert main(["report", "--store", str(db), str(tmp_path / "known")]) == 0
        assert "## Changes: 0 article(s) added" in capsys.readouterr().out
        assert main(["diff", "--store", str(db), "--since", "2000-01-01"]) == 0
        with open_store(db, read_only=True) as store:
            assert store.add([]).articles == ()
            with pytest.raises(StoreError, match=r"desk\.db: opened read-only, but 1"):
                store.add([_article("d", "Desk D", 19, AGAIN)])
    finally:
        db.chmod(0o644)
    assert db.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("desk")) == [
        "desk.db"
    ]
    with pytest.raises(StoreError, match=r"missing\.db: no such store file"):
        open_store(tmp_path / "missing.db", read_only=True)


def test_an_older_store_opened_read_only_is_not_upgraded(tmp_path):
    db = tmp_path / "old.db"
    with sqlite3.connect(db) as raw:
        raw.executescript(store_module._SCHEMA_V1)
        raw.execute("PRAGMA user_version = 1")
    with pytest.raises(
        StoreError, match="needs upgrading to 3, but the store is opened"
    ):
        open_store(db, read_only=True)


def test_a_store_that_cannot_be_written_fails_cleanly_when_an_add_must_write(
    tmp_path, monkeypatch, capsys
):
    """As a read-only file does for a user who may not write it (root may write any)."""
    db = _seeded(tmp_path)
    before = db.read_bytes()
    connect = sqlite3.connect

    def read_only_file(*args, **kwargs):
        connection = connect(*args, **kwargs)
        connection.execute("PRAGMA query_only = ON")
        return connection

    monkeypatch.setattr(store_module.sqlite3, "connect", read_only_file)
    _write_article(tmp_path / "day3", "d", "Desk D", 19, AGAIN)
    capsys.readouterr()
    assert main(["report", "--store", str(db), str(tmp_path / "day3")]) == 2
    err = capsys.readouterr().err
    assert "desk.db: adding articles: attempt to write a readonly database" in err
    assert "expected a file this process may write" in err and err.count("\n") == 1
    assert main(["report", "--store", str(db)]) == 0
    monkeypatch.undo()
    assert db.read_bytes() == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write a read-only file")
def test_a_read_only_file_fails_cleanly_when_an_add_must_write(tmp_path, capsys):
    db = _seeded(tmp_path)
    _write_article(tmp_path / "day3", "d", "Desk D", 19, AGAIN)
    db.chmod(0o444)
    try:
        capsys.readouterr()
        assert main(["report", "--store", str(db), str(tmp_path / "day3")]) == 2
        assert "attempt to write a readonly database" in capsys.readouterr().err
    finally:
        db.chmod(0o644)


# -- concurrent adds ---------------------------------------------------------------

CONCURRENT_ADD = """
import sys, time
import reconcile.store as store

original = store.Store._write

def slow_write(self, *args):
    time.sleep(1.0)  # holding the write lock: the other add must wait for it
    original(self, *args)

store.Store._write = slow_write
from reconcile import load_articles, open_store

articles = load_articles([sys.argv[2]])
with open_store(sys.argv[1]) as desk:
    desk.facts  # read before either add commits, so one of them reads it again
    print("loaded", flush=True)
    sys.stdin.readline()
    print(desk.add(articles).summary(), flush=True)
"""


def _add_at_once(db: Path, *folders: Path) -> list[str]:
    """Add each folder in its own process, both adds let go at the same moment."""
    children = [
        subprocess.Popen(
            [sys.executable, "-c", CONCURRENT_ADD, str(db), str(folder)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for folder in folders
    ]
    try:
        for child in children:
            assert child.stdout is not None and child.stdout.readline() == "loaded\n"
        for child in children:
            assert child.stdin is not None
            child.stdin.write("go\n")
            child.stdin.flush()
        outputs = [child.communicate(timeout=120) for child in children]
    finally:
        for child in children:
            if child.poll() is None:
                child.kill()
    for child, (_, err) in zip(children, outputs, strict=True):
        assert child.returncode == 0, err
    return [out.strip() for out, _ in outputs]


def _history(db: Path) -> tuple[object, ...]:
    with open_store(db) as store:
        return (
            store.article_ids(),
            store.facts,
            [
                (r.articles, r.claims, r.summary)
                for r in store.runs_since(date(2000, 1, 1))
            ],
            [
                (c.run, c.fact_id, c.change, c.detail)
                for c in store.changes_since(date(2000, 1, 1))
            ],
        )


def test_two_concurrent_adds_give_what_one_after_the_other_gives(tmp_path):
    _write_article(tmp_path / "x", "b", "Desk B", 18, INKED)
    _write_article(tmp_path / "y", "c", "Desk C", 18, QUAKE)
    _write_article(tmp_path / "y", "d", "Desk D", 19, AGAIN)
    db = tmp_path / "desk.db"
    with open_store(db) as store:
        store.add([_article("a", "Desk A", 17, SIGNED)])
    _add_at_once(db, tmp_path / "x", tmp_path / "y")
    history = _history(db)
    first = "x" if history[2][1][0] == 1 else "y"  # the second run's article count
    order = [first, "y" if first == "x" else "x"]
    one_by_one = tmp_path / "one-by-one.db"
    with open_store(one_by_one) as store:
        store.add([_article("a", "Desk A", 17, SIGNED)])
        for folder in order:
            from reconcile import load_articles

            store.add(load_articles([tmp_path / folder]))
    expected = _history(one_by_one)
    assert history == expected
    assert sorted(history[0]) == ["a", "b", "c", "d"] and len(history[2]) == 3
    assert (
        history[1]
        == reconcile(
            [
                _article("a", "Desk A", 17, SIGNED),
                _article("b", "Desk B", 18, INKED),
                _article("c", "Desk C", 18, QUAKE),
                _article("d", "Desk D", 19, AGAIN),
            ]
        ).facts
    )


def test_the_same_articles_added_twice_at_once_to_a_new_store_are_stored_once(
    tmp_path,
):
    _write_article(tmp_path / "x", "a", "Desk A", 17, SIGNED)
    _write_article(tmp_path / "x", "b", "Desk B", 18, INKED)
    db = tmp_path / "desk.db"  # created by both processes at once
    summaries = _add_at_once(db, tmp_path / "x", tmp_path / "x")
    assert sorted(s.split(":")[0] for s in summaries) == [
        "0 article(s), 0 claim(s)",
        "2 article(s), 2 claim(s)",
    ]
    articles, facts, runs, _ = _history(db)
    assert articles == ["a", "b"] and len(runs) == 1
    assert (
        facts
        == reconcile(
            [_article("a", "Desk A", 17, SIGNED), _article("b", "Desk B", 18, INKED)]
        ).facts
    )
