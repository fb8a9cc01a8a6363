"""The per-article work on several processes gives exactly what one process gives."""

from __future__ import annotations

import secrets
from concurrent.futures import ProcessPoolExecutor

import attrs
import pytest

import reconcile
import reconcile.parallel as parallel
from reconcile import Config
from reconcile.cli import main
from reconcile.errors import ConfigError
from reconcile.model import Article

from .conftest import FIXTURES, fixtures_and_feed


@pytest.fixture(scope="module")
def corpus() -> list[Article]:
    return fixtures_and_feed(700, seed=3)


class _CountingPool(ProcessPoolExecutor):
    started = 0

    def __init__(self, *args, **kwargs) -> None:
        type(self).started += 1
        super().__init__(*args, **kwargs)


def _summary(result: reconcile.Reconciliation) -> tuple:
    return (
        [(c.id, c.text, c.span, c.values) for c in result.claims],
        [(e.id, e.claim_ids) for e in result.events],
        [(f.id, f.event, f.attribute, f.status) for f in result.facts],
        [(f.id, f.verdict) for f in result.facts],
    )


def test_two_workers_give_what_one_gives(corpus, monkeypatch):
    assert len(corpus) >= parallel.POOL_MIN_ARTICLES
    one = reconcile.reconcile(corpus, Config(workers=1))
    monkeypatch.setattr(parallel, "ProcessPoolExecutor", _CountingPool)
    two = reconcile.reconcile(corpus, Config(workers=2))
    assert _CountingPool.started == 1  # the pool really ran
    assert len(one.claims) > 1000
    assert _summary(one) == _summary(two)
    assert one.claims == two.claims
    assert one.events == two.events
    assert one.facts == two.facts
    assert one.report("json") == two.report("json")


def test_claims_from_the_pool_hold_their_articles_own_id(corpus):
    """The article id of a claim sent back by the pool is the article's id
    object, not one more copy of it (ids no other string equal to them was
    interned before: here, made afresh)."""
    fresh = secrets.token_hex(4)
    articles = [
        attrs.evolve(a, id=f"{a.id}-{fresh}")
        for a in corpus[: parallel.POOL_MIN_ARTICLES + 20]
    ]
    result = reconcile.reconcile(articles, Config(workers=2))
    by_id = {a.id: a for a in result.articles}
    assert len(result.claims) > 200
    assert all(c.article_id is by_id[c.article_id].id for c in result.claims)


def test_the_pool_keeps_the_order_of_the_articles(corpus):
    articles = corpus[: parallel.POOL_MIN_ARTICLES + 37]
    alone = parallel.process_articles(articles, workers=1)
    pooled = parallel.process_articles(articles, workers=2)
    assert alone == pooled
    assert [w.claims[0].article_id for w in pooled if w.claims] == [
        a.id for a, w in zip(articles, pooled, strict=True) if w.claims
    ]


def test_few_articles_stay_in_this_process(corpus, monkeypatch):
    monkeypatch.setattr(parallel, "ProcessPoolExecutor", None)  # would fail if used
    few = corpus[:5]
    assert parallel.process_articles(few, workers=2) == [
        parallel.process_article(a) for a in few
    ]


def test_progress_counts_every_article_once(corpus):
    articles = corpus[: parallel.POOL_MIN_ARTICLES + 1]
    seen: list[int] = []
    parallel.process_articles(articles, workers=2, done=seen.append)
    assert seen == sorted(seen)
    assert seen[-1] == len(articles)


@pytest.mark.parametrize("bad", [0, -2])
def test_workers_must_be_all_or_a_positive_count(bad):
    with pytest.raises(ConfigError, match=r"Config\.workers: expected -1"):
        Config(workers=bad)


def test_the_command_takes_workers(capsys):
    folder = str(FIXTURES / "russia-iran-treaty" / "articles")
    assert main(["report", "--format", "json", "--workers", "1", folder]) == 0
    one = capsys.readouterr().out
    assert main(["report", "--format", "json", "--workers", "2", folder]) == 0
    assert capsys.readouterr().out == one
    assert main(["report", "--workers", "0", folder]) == 2
    assert "--workers: Config.workers: expected -1" in capsys.readouterr().err
