"""The SQLite desk store: persistence, transactions, crash safety, migration, diff."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import reconcile.store as store_module
from reconcile import Article, Config, StoreError, load_articles, open_store, reconcile
from reconcile.cli import main
from reconcile.extract.actors import load_gazetteer
from reconcile.store import _SCHEMA_V1, SCHEMA_VERSION
from reconcile.store_cache import decode_segments, encode_segment, read_segment
from reconcile.strategies import story_sets
from tests.conftest import FIXTURE_SETS

SIGNED = "Russia and Iran signed a 20-year partnership treaty on Friday in Moscow."
INKED = "Moscow and Tehran inked a partnership pact on Friday."
QUAKE = "A magnitude 6.1 earthquake struck northern Chile on Saturday, killing three people."


def _article(aid: str, outlet: str, day: int, text: str) -> Article:
    return Article(id=aid, outlet=outlet, published=date(2025, 1, day), text=text)


def _write_article(folder: Path, aid: str, outlet: str, day: int, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{aid}.md"
    path.write_text(
        f"---\noutlet: {outlet}\npublished: 2025-01-{day:02d}\n---\n{text}\n",
        encoding="utf-8",
    )
    return path


def test_a_store_keeps_articles_and_facts_between_openings(tmp_path):
    db = tmp_path / "desk.db"
    day1 = [_article("a", "Desk A", 17, SIGNED)]
    day2 = [_article("b", "Desk B", 18, INKED), _article("c", "Desk C", 18, QUAKE)]
    with open_store(db) as store:
        first = store.add(day1)
        assert set(first.new) == {f.id for f in reconcile(day1).facts}
    with open_store(db) as store:
        assert store.article_ids() == ["a"]
        changes = store.add(day2)
        assert changes.articles == ("b", "c")
        quake = {f.id for f in store.facts if {c.article_id for c in f.claims} == {"c"}}
        assert len(changes.gained_support) == 1 and set(changes.new) == quake
        facts = store.facts
    with open_store(db) as store:
        assert store.facts == facts == reconcile(day1 + day2).facts
        assert store.article_ids() == ["a", "b", "c"]


def test_the_cache_is_rebuilt_when_the_configuration_changes(tmp_path):
    db = tmp_path / "desk.db"
    articles = [_article("a", "Desk A", 17, SIGNED), _article("b", "Desk B", 18, INKED)]
    with open_store(db) as store:
        store.add(articles)
    strict = Config(event_threshold=1 - 1e-15)
    with open_store(db, strict) as store:
        assert store.facts == reconcile(articles, strict).facts
        assert all(len({c.article_id for c in f.claims}) == 1 for f in store.facts)


def test_a_damaged_cache_is_rebuilt_from_the_articles(tmp_path):
    db = tmp_path / "desk.db"
    articles = [_article("a", "Desk A", 17, SIGNED), _article("b", "Desk B", 18, INKED)]
    with open_store(db) as store:
        store.add(articles)
    with sqlite3.connect(db) as raw:
        raw.execute("UPDATE cache SET state = ?", (b"not a pickle",))
    with open_store(db) as store:
        assert store.facts == reconcile(articles).facts


def test_known_articles_are_skipped_and_a_changed_one_is_refused(tmp_path):
    db = tmp_path / "desk.db"
    with open_store(db) as store:
        store.add([_article("a", "Desk A", 17, SIGNED)])
        written = db.read_bytes()
        again = store.add([_article("a", "Desk A", 17, SIGNED)])
        assert (again.articles, again.new, again.claims) == ((), (), 0)
        assert store.reconciliation.changes == again
        assert db.read_bytes() == written  # nothing new, nothing written
        with pytest.raises(StoreError, match=r"desk.db: article id 'a' is already"):
            store.add(
                [
                    _article("b", "Desk B", 18, INKED),
                    _article("a", "Desk A", 17, SIGNED.replace("20", "25")),
                ]
            )
    with open_store(db) as store:
        assert store.article_ids() == ["a"]
        assert len(store.runs_since(date(2000, 1, 1))) == 1


def test_a_failed_write_leaves_the_store_as_it_was(tmp_path, monkeypatch):
    db = tmp_path / "desk.db"
    with open_store(db) as store:
        store.add([_article("a", "Desk A", 17, SIGNED)])
        before = store.facts
        original = type(store)._write

        def failing(self, *args):
            original(self, *args)
            raise OSError("disk full")

        monkeypatch.setattr(type(store), "_write", failing)
        with pytest.raises(OSError, match="disk full"):
            store.add([_article("b", "Desk B", 18, INKED)])
    monkeypatch.undo()
    with open_store(db) as store:
        assert store.article_ids() == ["a"]
        assert store.facts == before
        assert len(store.runs_since(date(2000, 1, 1))) == 1


KILLED_RUN = """
import sys, time
import reconcile.store as store

original = store.Store._write

def write_then_hang(self, *args):
    original(self, *args)
    print("written, not committed", flush=True)
    time.sleep(120)

store.Store._write = write_then_hang
from reconcile.cli import main
sys.exit(main(["report", "--store", sys.argv[1], sys.argv[2]]))
"""


def test_killing_report_store_mid_write_leaves_the_previous_state(tmp_path):
    db = tmp_path / "desk.db"
    _write_article(tmp_path / "day1", "a", "Desk A", 17, SIGNED)
    _write_article(tmp_path / "day2", "b", "Desk B", 18, INKED)
    _write_article(tmp_path / "day2", "c", "Desk C", 18, QUAKE)
    assert main(["report", "--store", str(db), str(tmp_path / "day1")]) == 0
    with open_store(db) as store:
        before = store.facts
    with subprocess.Popen(
        [sys.executable, "-c", KILLED_RUN, str(db), str(tmp_path / "day2")],
        stdout=subprocess.PIPE,
        text=True,
    ) as child:
        try:
            assert child.stdout is not None
            assert child.stdout.readline().strip() == "written, not committed"
        finally:
            child.send_signal(signal.SIGKILL)
            child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    with open_store(db) as store:
        assert store.article_ids() == ["a"]
        assert store.facts == before
        store.add([_article("b", "Desk B", 18, INKED)])
        assert store.article_ids() == ["a", "b"]


def test_report_store_with_a_bad_article_writes_nothing(tmp_path, capsys):
    db = tmp_path / "desk.db"
    _write_article(tmp_path / "day1", "a", "Desk A", 17, SIGNED)
    assert main(["report", "--store", str(db), str(tmp_path / "day1")]) == 0
    bad = tmp_path / "day2"
    _write_article(bad, "b", "Desk B", 18, INKED)
    (bad / "broken.md").write_text("---\noutlet Desk C\n---\nText.\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["report", "--store", str(db), str(bad)]) == 2
    error = capsys.readouterr().err
    assert "broken.md" in error and error.count("\n") == 1
    with open_store(db) as store:
        assert store.article_ids() == ["a"]


def test_report_store_reports_over_everything_in_the_store(tmp_path, capsys):
    db = tmp_path / "desk.db"
    _write_article(tmp_path / "day1", "a", "Desk A", 17, SIGNED)
    _write_article(tmp_path / "day2", "b", "Desk B", 18, INKED)
    main(["report", "--store", str(db), str(tmp_path / "day1")])
    capsys.readouterr()
    assert (
        main(["report", "--store", str(db), str(tmp_path / "day2"), "--format", "json"])
        == 0
    )
    report = json.loads(capsys.readouterr().out)
    assert [a["id"] for a in report["articles"]] == ["a", "b"]
    (fact_id,) = [f["id"] for f in report["facts"] if f["attribute"] == "date"]
    assert {f["id"]: f["status"] for f in report["facts"]}[fact_id] == "corroborated"
    assert report["changes"]["articles"] == ["b"]
    assert report["changes"]["gained_support"] == [fact_id]
    assert report["changes"]["status_changed"] == [
        {"fact": fact_id, "from": "single_source", "to": "corroborated"}
    ]
    assert main(["report", "--store", str(db), "--format", "json"]) == 0
    again = json.loads(capsys.readouterr().out)
    assert again.pop("changes")["articles"] == []
    assert again == {k: v for k, v in report.items() if k != "changes"}
    assert main(["report", "--store", str(db)]) == 0
    assert "## Changes: 0 article(s) added, 0 claim(s)" in capsys.readouterr().out
    with pytest.raises(SystemExit, match="2"):
        main(["report"])
    assert "expected at least one PATH (or --store FILE)" in capsys.readouterr().err


def test_diff_reports_what_each_run_since_a_date_changed(tmp_path, capsys):
    db = tmp_path / "desk.db"
    _write_article(tmp_path / "day1", "a", "Desk A", 17, SIGNED)
    _write_article(
        tmp_path / "day2", "b", "Desk B", 18, SIGNED.replace("20-year", "25-year")
    )
    main(["report", "--store", str(db), str(tmp_path / "day1")])
    main(["report", "--store", str(db), str(tmp_path / "day2")])
    capsys.readouterr()
    today = datetime.now(UTC).date()
    assert (
        main(
            [
                "diff",
                "--store",
                str(db),
                "--since",
                today.isoformat(),
                "--format",
                "json",
            ]
        )
        == 0
    )
    record = json.loads(capsys.readouterr().out)
    first, second = record["runs"]
    assert {c["change"] for c in first["changes"]} == {"new"}
    (fact_id,) = {
        c["fact"] for c in second["changes"] if c["change"] == "turned_conflicting"
    }
    assert fact_id in {c["fact"] for c in first["changes"]}
    assert {c["change"] for c in second["changes"] if c["fact"] == fact_id} == {
        "gained_support",
        "status_changed",
        "turned_conflicting",
    }
    assert {c["status_now"] for c in second["changes"] if c["fact"] == fact_id} == {
        "conflicting"
    }
    assert main(["diff", "--store", str(db), "--since", today.isoformat()]) == 0
    markdown = capsys.readouterr().out
    assert f"- {fact_id} **turned_conflicting** (now conflicting)" in markdown
    tomorrow = (today + timedelta(days=1)).isoformat()
    assert main(["diff", "--store", str(db), "--since", tomorrow]) == 0
    assert "No runs since then." in capsys.readouterr().out
    assert (
        main(["diff", "--store", str(tmp_path / "missing.db"), "--since", tomorrow])
        == 2
    )
    assert "missing.db: no such store file" in capsys.readouterr().err


def test_a_version_1_store_is_migrated_and_keeps_its_articles(tmp_path):
    db = tmp_path / "old.db"
    article = _article("a", "Desk A", 17, SIGNED)
    record = {
        "id": "a",
        "outlet": "Desk A",
        "text": SIGNED,
        "published": "2025-01-17",
        "url": None,
        "title": None,
        "path": None,
        "raw_text": None,
        "kept": [],
        "metadata": [],
    }
    with sqlite3.connect(db) as raw:
        raw.executescript(_SCHEMA_V1)
        raw.execute(
            "INSERT INTO articles (id, outlet, published, record) VALUES (?, ?, ?, ?)",
            ("a", "Desk A", "2025-01-17", json.dumps(record)),
        )
        raw.execute("PRAGMA user_version = 1")
    with open_store(db) as store:
        assert store.facts == reconcile([article]).facts
        store.add([_article("b", "Desk B", 18, INKED)])
    with sqlite3.connect(db) as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert raw.execute("SELECT count(*) FROM cache").fetchone()[0] == 1


def test_a_version_2_store_drops_its_one_pickle_cache_and_keeps_its_facts(tmp_path):
    """Version 2 cached the whole state as one pickle, in a table without segments."""
    db = tmp_path / "v2.db"
    articles = [_article("a", "Desk A", 17, SIGNED), _article("b", "Desk B", 18, INKED)]
    with sqlite3.connect(db) as raw:
        raw.executescript(_SCHEMA_V1)
        raw.executescript(
            "CREATE TABLE cache (key TEXT NOT NULL, articles INTEGER NOT NULL,"
            " state BLOB NOT NULL)"
        )
        raw.execute(
            "INSERT INTO cache (key, articles, state) VALUES (?, ?, ?)",
            ("an older key", 1, b"an older pickle"),
        )
        raw.execute("PRAGMA user_version = 2")
    with open_store(db) as store:
        store.add(articles[:1])
    with open_store(db) as store:
        store.add(articles[1:])
        assert store.facts == reconcile(articles).facts
    with sqlite3.connect(db) as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        rows = raw.execute("SELECT segment, articles FROM cache").fetchall()
        assert [count for _, count in rows] == [1, 2]


def test_stores_that_cannot_be_used_are_refused(tmp_path):
    newer = tmp_path / "newer.db"
    with sqlite3.connect(newer) as raw:
        raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(
        StoreError,
        match=rf"newer\.db: schema version {SCHEMA_VERSION + 1} was written by a newer",
    ):
        open_store(newer)
    foreign = tmp_path / "foreign.db"
    with sqlite3.connect(foreign) as raw:
        raw.execute("CREATE TABLE t (x)")
    with pytest.raises(
        StoreError, match=r"foreign\.db: an SQLite file, but not a reconcile"
    ):
        open_store(foreign)
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match=r"garbage\.db: not an SQLite store"):
        open_store(garbage)
    with pytest.raises(StoreError, match="is a directory"):
        open_store(tmp_path)


@given(story_sets(max_facts=4), st.data())
def test_cache_segments_replay_into_the_reconciliation_they_were_written_from(
    story, data
):
    articles = list(story.articles)
    first = data.draw(st.integers(0, len(articles)), label="first cut")
    second = data.draw(st.integers(first, len(articles)), label="second cut")
    day1 = reconcile(articles[:first])
    day2 = day1.add(articles[first:second])
    blobs = [encode_segment(None, day1), encode_segment(day1, day2)]
    replayed = decode_segments(blobs, Config(), load_gazetteer())
    assert (replayed.articles, replayed.claims, replayed.facts) == (
        day2.articles,
        day2.claims,
        day2.facts,
    )
    assert replayed.changes == day2.changes
    assert replayed.events == day2.events
    # What the next add starts from: accounts, representatives, the matcher's clusters.
    assert replayed._state.accounts == day2._state.accounts
    assert _compared(replayed) == _compared(day2)
    assert replayed._state.index.clusters == day2._state.index.clusters
    day3 = replayed.add(articles[second:])
    whole = reconcile(articles)
    assert (day3.facts, day3.events) == (whole.facts, whole.events)


def _compared(result):
    """Each compared fact of *result*'s state, by key, as the tuple of its parts."""
    return {
        key: (c.cluster, c.wire, c.fact, attrs.astuple(c.findings, recurse=False))
        for key, c in result._state.compared.items()
    }


def test_many_runs_append_segments_and_snapshot_every_so_often(tmp_path, monkeypatch):
    monkeypatch.setattr(store_module, "SEGMENTS_BEFORE_SNAPSHOT", 3)
    db = tmp_path / "desk.db"
    texts = [SIGNED, INKED, QUAKE, SIGNED.replace("20-year", "25-year"), INKED]
    articles = [
        _article(f"a{i}", f"Desk {i}", 17 + i, text) for i, text in enumerate(texts)
    ]
    segments = []
    for number, article in enumerate(articles, start=1):
        with open_store(db) as store:
            store.add([article])
        with sqlite3.connect(db) as raw:
            segments.append(raw.execute("SELECT count(*) FROM cache").fetchone()[0])
        with open_store(db) as store:
            assert store.facts == reconcile(articles[:number]).facts
    assert segments == [1, 2, 3, 1, 2]


def test_reading_the_cache_pauses_the_garbage_collector_and_restores_it(monkeypatch):
    import gc

    import reconcile.store_cache as store_cache

    blob = encode_segment(None, reconcile([_article("a1", "Desk A", 17, SIGNED)]))
    seen = []
    original = store_cache.read_segment

    def read_segment(data):
        seen.append(gc.isenabled())
        return original(data)

    monkeypatch.setattr(store_cache, "read_segment", read_segment)
    assert gc.isenabled()
    decode_segments([blob], Config(), load_gazetteer())
    gc.disable()
    try:
        decode_segments([blob], Config(), load_gazetteer())
        assert not gc.isenabled()
    finally:
        gc.enable()
    assert seen == [False, False]


def test_a_grown_fact_refers_to_the_conflicts_it_kept_instead_of_copying_them():
    day1 = reconcile(
        [
            _article("a1", "Desk A", 17, SIGNED),
            _article("b1", "Desk B", 17, SIGNED.replace("20-year", "25-year")),
        ]
    )
    day2 = day1.add(
        [
            _article(
                "c1",
                "Desk C",
                18,
                INKED.replace("a partnership", "a 20-year partnership"),
            )
        ]
    )
    (before,) = [f for f in day1.facts if f.conflicts]
    (after,) = [f for f in day2.facts if f.conflicts]
    assert after.id == before.id and len(after.claims) == 3
    assert after.conflicts[0] is before.conflicts[0]

    blob = encode_segment(day1, day2)
    conflicts = read_segment(blob)["facts_new"][5]
    (written,) = [c for c in conflicts if c]
    assert [c for c in written if isinstance(c, tuple)] == [(before.id, 0)]
    replayed = decode_segments(
        [encode_segment(None, day1), blob], Config(), load_gazetteer()
    )
    assert replayed.facts == day2.facts


def test_a_segment_writes_only_the_memberships_of_facts_whose_waterfalls_moved():
    """Each add re-estimates the event model's weights, so nearly every fact's
    memberships change; such facts are written as their keys and waterfalls,
    not whole, and replay into the same facts."""
    fixture = next(p for p in FIXTURE_SETS if p.name == "russia-iran-treaty")
    articles = sorted(
        load_articles([fixture / "articles"]), key=lambda a: (a.published, a.id)
    )
    day1 = reconcile(articles[:-1])
    day2 = day1.add(articles[-1:])
    blob = encode_segment(day1, day2)
    segment = read_segment(blob)
    rewritten = {tuple(k) for k in segment["facts_new"][0]}
    remembered = {tuple(k) for k in segment["facts_memberships"][0]}
    assert remembered
    assert not rewritten & remembered
    assert len(rewritten) < len(day2.facts) / 2
    assert all(
        day1._state.compared[k[0]].fact.memberships
        != day2._state.compared[k[0]].fact.memberships
        for k in remembered
    )
    replayed = decode_segments(
        [encode_segment(None, day1), blob], Config(), load_gazetteer()
    )
    assert (replayed.facts, replayed.events) == (day2.facts, day2.events)
