"""The synthetic desk feed's gold at the (event, attribute) level (``benchmarks/synthetic.py``).

``write_corpus`` writes ``expected.json`` in the fixture format of
``fixtures/README.md``; these tests check it against the articles as
``load_articles`` reads them back and against what the generator planted,
without trusting the bookkeeping that wrote it: quotes are looked up in the
cleaned text, dates are resolved from the article's publication date here,
wire copies are found by their identical bodies, and a perfect report built
from the gold must score perfectly with ``reconcile.golden``.
"""

from __future__ import annotations

import calendar
import hashlib
import json
import re
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from reconcile import load_articles
from reconcile.gold_check import check_gold
from reconcile.golden import load_gold, score_report
from reconcile.model import Article

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
try:
    import synthetic
finally:
    sys.path.remove(str(ROOT / "benchmarks"))

_MONTHS = list(calendar.month_name)[1:]
_AP = {"Jan.": 1, "Feb.": 2, "Aug.": 8, "Sept.": 9, "Oct.": 10, "Nov.": 11, "Dec.": 12}
_WEEKDAYS = list(calendar.day_name)


class Feed:
    """A written feed: its corpus, folder, ``expected.json`` and the articles read back."""

    def __init__(self, corpus: synthetic.Corpus, folder: Path) -> None:
        self.corpus = corpus
        self.folder = folder
        synthetic.write_corpus(corpus, folder)
        self.document: dict[str, Any] = json.loads(
            (folder / "expected.json").read_text(encoding="utf-8")
        )
        self.articles: dict[str, Article] = {
            a.id: a for a in load_articles(folder / "articles")
        }

    def facts(self) -> list[dict[str, Any]]:
        return list(self.document["facts"])

    def mentions(self) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
        for fact in self.facts():
            for mention in fact["mentions"]:
                yield fact, mention


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> Feed:
    corpus = synthetic.generate_corpus(3000, seed=1)
    return Feed(corpus, tmp_path_factory.mktemp("desk") / "plain")


@pytest.fixture(scope="module")
def roundup(tmp_path_factory: pytest.TempPathFactory) -> Feed:
    corpus = synthetic.generate_corpus(3000, seed=2, roundup=True)
    return Feed(corpus, tmp_path_factory.mktemp("desk") / "roundup")


@pytest.fixture(params=["plain", "roundup"])
def feed(request: pytest.FixtureRequest) -> Feed:
    return request.getfixturevalue(request.param)


def _articles_digest(corpus: synthetic.Corpus) -> str:
    digest = hashlib.sha256()
    for a in corpus.articles:
        fields = [a.id, a.outlet, str(a.published), a.url or "", a.title or ""]
        digest.update("\x1e".join([*fields, a.raw_text or "", a.text]).encode())
    for m in corpus.gold:
        digest.update(f"{m.article_id}:{m.start}:{m.end}:{m.fact_id}\n".encode())
    return digest.hexdigest()


@pytest.mark.parametrize("roundups", [False, True])
def test_a_seed_gives_one_corpus_and_another_seed_another(roundups: bool) -> None:
    """A feed is reproducible from its seed (benchmark figures stay comparable
    run to run), and another seed gives another feed."""
    first = synthetic.generate_corpus(1500, seed=3, roundup=roundups)
    again = synthetic.generate_corpus(1500, seed=3, roundup=roundups)
    other = synthetic.generate_corpus(1500, seed=4, roundup=roundups)
    assert _articles_digest(first) == _articles_digest(again)
    assert _articles_digest(first) != _articles_digest(other)


def test_gold_check_finds_no_problem(feed: Feed) -> None:
    """``reconcile.gold_check`` accepts the gold: quotes once in the cleaned text and
    3-10 words, values in the quote's paragraph, events listed, statuses known,
    front matter complete, furniture strings present. (Its outlet and fact counts
    apply to real-coverage sets only.)"""
    assert feed.document["source"] == "written"
    assert check_gold(feed.folder) == []


def test_quotes_are_unique_inside_one_clause_with_the_value_beside_them(
    feed: Feed,
) -> None:
    """Each quote occurs once in its article's cleaned text (as read back from disk),
    lies inside one generated clause, and the value as written is in that clause;
    where the value is short enough, the quote itself holds it."""
    clauses: dict[str, list[tuple[int, int]]] = {}
    for m in feed.corpus.gold:
        if m.end > m.start:
            clauses.setdefault(m.article_id, []).append((m.start, m.end))
    covered = with_value = 0
    for _fact, mention in feed.mentions():
        text = feed.articles[mention["article"]].text
        quote, value = mention["quote"], mention["value"]
        assert 3 <= len(quote.split()) <= 10, quote
        assert text.count(quote) == 1, (mention, text)
        at = text.index(quote)
        inside = [
            (s, e)
            for s, e in clauses[mention["article"]]
            if s <= at and at + len(quote) <= e
        ]
        assert len(inside) == 1, (mention, text)
        if value is not None:
            with_value += 1
            start, end = inside[0]
            assert value in text[start:end], (mention, text[start:end])
            covered += value in quote
    assert with_value > 1000
    assert covered / with_value > 0.95


def _resolve(phrase: str, published: date) -> tuple[date, date]:
    """The days a date phrase of the generator names, read from *published*."""
    words = phrase.removeprefix("On ").removeprefix("on ").removeprefix("In ")
    words = words.removeprefix("in ").removeprefix("Last ").removeprefix("last ")
    lowered = phrase.lower()
    if lowered == "today":
        return published, published
    if lowered == "yesterday":
        day = published - timedelta(days=1)
        return day, day
    if words in _WEEKDAYS:
        back = (published.weekday() - _WEEKDAYS.index(words)) % 7
        if lowered.startswith("last ") and back == 0:
            back = 7
        day = published - timedelta(days=back)
        return day, day
    if match := re.fullmatch(r"(\w+) (\d{4})", words):
        first = date(int(match[2]), _MONTHS.index(match[1]) + 1, 1)
        nxt = date(first.year + first.month // 12, first.month % 12 + 1, 1)
        return first, nxt - timedelta(days=1)
    if match := re.fullmatch(r"(\d{4})", words):
        year = int(match[1])
        return date(year, 1, 1), date(year, 12, 31)
    if match := re.fullmatch(r"(\w+\.?) (\d+), (\d{4})", words):
        return (
            day := date(int(match[3]), _MONTHS.index(match[1]) + 1, int(match[2])),
            day,
        )
    if match := re.fullmatch(r"(\d+) (\w+)(?: (\d{4}))?", words):
        year = int(match[3]) if match[3] else published.year
        day = date(year, _MONTHS.index(match[2]) + 1, int(match[1]))
        if day > published:
            day = day.replace(year=year - 1)
        return day, day
    if match := re.fullmatch(r"(\w+\.?) (\d+)", words):
        month = _AP.get(match[1]) or _MONTHS.index(match[1]) + 1
        day = date(published.year, month, int(match[2]))
        if day > published:
            day = day.replace(year=published.year - 1)
        return day, day
    raise AssertionError(f"the test cannot read the date phrase {phrase!r}")


def _interval(normalized: str) -> tuple[date, date]:
    if re.fullmatch(r"\d{4}", normalized):
        return _resolve(normalized, date.max)
    if re.fullmatch(r"\d{4}-\d{2}", normalized):
        year, month = map(int, normalized.split("-"))
        return _resolve(f"{_MONTHS[month - 1]} {year}", date.max)
    day = date.fromisoformat(normalized)
    return day, day


def test_date_values_resolve_to_their_normalized_dates(plain: Feed) -> None:
    """Every date written in the feed, resolved here from its article's publication
    date, is the interval its gold ``values`` give, and the fact lists it."""
    checked = 0
    for fact, mention in plain.mentions():
        if fact["attribute"] != "date":
            continue
        published = plain.articles[mention["article"]].published
        assert published is not None
        days = _resolve(mention["value"], published)
        listed = [_interval(v["normalized"]) for v in fact["values"]]
        assert days in listed, (fact["id"], mention, fact["values"])
        checked += 1
    assert checked > 1000


def _origins(feed: Feed) -> dict[str, str]:
    """Each article's origin, found from the texts alone: articles about the same
    event with the same body are one wire story, one origin (named here by the
    first of their outlets in alphabetical order)."""
    stories: dict[tuple[str, str], list[str]] = {}
    for article in feed.articles.values():
        event = article.id.rsplit("-", 1)[1]
        stories.setdefault((event, article.text), []).append(article.outlet)
    return {
        a.id: min(stories[(a.id.rsplit("-", 1)[1], a.text)])
        for a in feed.articles.values()
    }


def test_statuses_follow_independent_origins(plain: Feed) -> None:
    """A fact stated by one origin is ``single_source`` (a wire copy run by another
    outlet adds no origin); one stated by several is never ``single_source``."""
    origin = _origins(plain)
    wire_single = 0
    for fact in plain.facts():
        origins = {origin[m["article"]] for m in fact["mentions"]}
        outlets = {plain.articles[m["article"]].outlet for m in fact["mentions"]}
        if len(origins) == 1:
            assert fact["status"] == "single_source", fact
            wire_single += len(outlets) > 1
        else:
            assert fact["status"] != "single_source", fact
    assert wire_single > 0, "the feed should hold a fact stated only through wire copy"


def _disjoint(a: tuple[Any, Any], b: tuple[Any, Any]) -> bool:
    return a[1] < b[0] or b[1] < a[0]


def test_conflicting_date_facts_are_the_planted_date_shifts(plain: Feed) -> None:
    """A date fact is ``conflicting`` exactly when two origins' dates are disjoint;
    its gold conflict names both values as written, from two articles of different
    outlets, one day apart; the generator planted a conflict on that event; and
    the shift leaves the event's figures alone (no other fact of it conflicts)."""
    origin = _origins(plain)
    conflicting_events: dict[str, list[str]] = {}
    date_conflicts = 0
    for fact in plain.facts():
        if fact["status"] == "conflicting":
            conflicting_events.setdefault(fact["event"], []).append(fact["attribute"])
        if fact["attribute"] != "date":
            continue
        stated = [
            (
                origin[m["article"]],
                _resolve(m["value"], plain.articles[m["article"]].published),
            )
            for m in fact["mentions"]
        ]
        clash = any(
            o1 != o2 and _disjoint(d1, d2) for o1, d1 in stated for o2, d2 in stated
        )
        assert (fact["status"] == "conflicting") == clash, fact
        if not clash:
            assert fact["conflicts"] == [], fact
            continue
        date_conflicts += 1
        (conflict,) = fact["conflicts"]
        assert conflict["kind"] == "date"
        by_article = {m["article"]: m["value"] for m in fact["mentions"]}
        first, second = conflict["articles"]
        assert [by_article[first], by_article[second]] == conflict["values"]
        told, planted = (
            _resolve(by_article[a], plain.articles[a].published)
            for a in (first, second)
        )
        assert told[0] - planted[1] == timedelta(days=1), (fact, told, planted)
        assert plain.corpus.facts[f"{fact['event']}:main"].conflict
    assert date_conflicts >= 5
    assert all(len(attributes) == 1 for attributes in conflicting_events.values()), {
        e: a for e, a in conflicting_events.items() if len(a) > 1
    }


def test_planted_figures_conflict_and_rising_tolls_are_updated(plain: Feed) -> None:
    """Quantity conflicts come with the planted figure and name two written values;
    ``updated`` facts are death tolls whose values rise with publication date."""
    kinds = set()
    updated = 0
    for fact in plain.facts():
        for conflict in fact["conflicts"]:
            kinds.add(conflict["kind"])
            assert fact["status"] == "conflicting"
            assert conflict["values"][0] != conflict["values"][1]
            articles = conflict["articles"]
            assert (
                plain.articles[articles[0]].outlet != plain.articles[articles[1]].outlet
            )
        if fact["status"] == "updated":
            updated += 1
            assert fact["attribute"] == "people killed"
            tolls = sorted(
                (plain.articles[m["article"]].published, _count(m["value"]))
                for m in fact["mentions"]
            )
            assert [n for _, n in tolls] == sorted(n for _, n in tolls), fact
            assert len({n for _, n in tolls}) > 1
    assert kinds == {"date", "quantity"}
    assert updated >= 5


def _count(written: str) -> int:
    return int(written.split()[0].replace(",", ""))


def test_every_fact_belongs_to_a_listed_event(feed: Feed) -> None:
    """Events are the generated events, their look-alikes (distractors, dated to the
    month) and the pairs' diplomatic relations (dated to the year); every listed
    event has a fact."""
    events = {e["id"]: e for e in feed.document["events"]}
    assert {f["event"] for f in feed.facts()} == set(events)
    for event_id, event in events.items():
        if event_id.endswith(":lookalike"):
            assert event["distractor"] and re.fullmatch(r"\d{4}-\d{2}", event["date"])
        elif event_id.startswith("ctx:"):
            assert event["distractor"] and re.fullmatch(r"\d{4}", event["date"])
        else:
            assert re.fullmatch(r"E\d+", event_id)
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", event["date"])
        told_of = event_id if event_id.endswith(":lookalike") else event_id + ":main"
        if not event_id.startswith("ctx:"):
            assert synthetic.gold_event(told_of) == event_id


def _perfect_report(feed: Feed) -> dict[str, Any]:
    """A JSON report that gets every gold fact right: one claim per generated clause
    (its text, and every value it writes), each gold fact one report fact holding
    the claims of its mentions, with its status and a conflict for each gold one."""
    clause_of: dict[tuple[str, int], dict[str, Any]] = {}
    spans: dict[str, list[tuple[int, int]]] = {}
    for m in feed.corpus.gold:
        if m.end > m.start:
            spans.setdefault(m.article_id, []).append((m.start, m.end))
    facts = []
    for number, fact in enumerate(feed.facts()):
        claims = []
        for mention in fact["mentions"]:
            article = feed.articles[mention["article"]]
            at = article.text.index(mention["quote"])
            start, end = next((s, e) for s, e in spans[article.id] if s <= at < e)
            claim = clause_of.setdefault(
                (article.id, start),
                {
                    "id": f"{article.id}#{start}",
                    "article": article.id,
                    "outlet": article.outlet,
                    "text": article.text[start:end],
                    "values": [],
                },
            )
            if mention["value"] is not None:
                claim["values"].append({"kind": "value", "text": mention["value"]})
            claims.append(claim)
        conflicts = [
            {
                "kind": c["kind"],
                "claims": [f"{a}#x" for a in c["articles"]],
                "within_outlet": False,
            }
            for c in fact["conflicts"]
        ]
        facts.append(
            {
                "id": f"F{number}",
                "attribute": fact["attribute"],
                "status": fact["status"],
                "claims": claims,
                "conflicts": conflicts,
            }
        )
    return {"facts": facts}


def test_a_report_that_gets_the_gold_right_scores_perfectly(feed: Feed) -> None:
    """``reconcile.golden`` places every mention of a report that is right in the
    report fact of its gold fact, even where one clause states several facts (a
    date and a toll): so the gold's quotes and values are enough to score by."""
    scores = score_report(_perfect_report(feed), load_gold(feed.folder))
    assert scores.unplaced_mentions == ()
    assert scores.bcubed_f1 == 1.0
    assert scores.status_accuracy == 1.0
    assert scores.conflict_recall == 1.0
    assert scores.false_conflicts == 0


def test_sentence_level_gold_is_still_written(plain: Feed) -> None:
    """``gold.json`` keeps every sentence-level mention (benchmarks/run.py and
    benchmarks/events.py score with it), with spans into the cleaned text."""
    document = json.loads((plain.folder / "gold.json").read_text(encoding="utf-8"))
    assert len(document["mentions"]) == len(plain.corpus.gold)
    first = plain.corpus.gold[0]
    assert document["mentions"][0] == {
        "article": first.article_id,
        "start": first.start,
        "end": first.end,
        "fact": first.fact_id,
    }
    assert synthetic.GoldMention("a", 0, 3, "E1:main") == synthetic.GoldMention(
        "a", 0, 3, "E1:main", first.clause
    )


def _benchmark_run_module() -> Any:
    """``benchmarks/run.py`` as a module, with ``sys.path`` as it was before."""
    import importlib.util

    path = list(sys.path)
    spec = importlib.util.spec_from_file_location(
        "benchmark_run", ROOT / "benchmarks" / "run.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    # Its dataclasses look their module up while they are made.
    sys.modules[spec.name] = module
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path[:] = path
    return module


def test_the_benchmarks_scoring_gold_holds_each_id_once():
    """The gold the benchmark scores with keeps one copy of each fact and article
    id, and drops what scoring does not read (clauses, origins, values)."""
    corpus = synthetic.generate_corpus(300, seed=1)
    scoring = _benchmark_run_module().scoring_corpus(corpus)
    fact_ids = {k: k for k in scoring.facts}
    article_ids = {a.id: a.id for a in corpus.articles}

    assert len(corpus.gold) == len(scoring.gold)
    assert all(m.clause is None for m in scoring.gold)
    assert all(m.fact_id is fact_ids[m.fact_id] for m in scoring.gold)
    assert all(m.article_id is article_ids[m.article_id] for m in scoring.gold)


def test_the_feeds_cast_comes_from_the_hand_kept_gazetteer() -> None:
    """The cities GeoNames adds (``places.json``) do not change a feed: its
    countries' cities are the hand-kept gazetteer's."""
    import random

    from reconcile.extract.actors import _hand_entries, load_gazetteer

    hand = {e.canonical for e in _hand_entries()}
    cast = synthetic._build_cast(load_gazetteer(), random.Random(0))
    cities = {city for country in cast for city in country.cities}
    assert cities and cities <= hand
