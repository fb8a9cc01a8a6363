"""Adding articles to a reconciliation: same facts, ids and verdicts as one run over all."""

from __future__ import annotations

from datetime import date

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from reconcile import Article, load_articles, reconcile
from reconcile.errors import InvalidValueError
from reconcile.match.index import build_match_index, extend_match_index
from reconcile.strategies import story_sets
from tests.conftest import FIXTURE_SETS

SIGNED = "Russia and Iran signed a 20-year partnership treaty on Friday in Moscow."


def _article(aid: str, outlet: str, day: int, text: str) -> Article:
    return Article(id=aid, outlet=outlet, published=date(2025, 1, day), text=text)


def _same_run(left, right) -> None:
    assert left.facts == right.facts
    assert left.claims == right.claims
    assert left.articles == right.articles
    assert left.events == right.events
    # What an add keeps for the next one equals what one run builds.
    assert left._state.accounts == right._state.accounts
    assert _medoids(left) == _medoids(right)


def _medoids(result) -> dict[str, str]:
    """The representative claim of each fact, by the fact's id."""
    return {k: c.cluster.medoid for k, c in result._state.compared.items()}


@given(story_sets(max_facts=4), st.data())
def test_adding_a_day_equals_one_run_over_both_days(story, data):
    articles = list(story.articles)
    cut = data.draw(st.integers(0, len(articles)), label="cut")
    if data.draw(st.booleans(), label="add a wire copy"):
        copied = data.draw(st.sampled_from(articles), label="copied")
        articles.append(
            attrs.evolve(copied, id=copied.id + "-wire", outlet=copied.outlet + " Wire")
        )
    day1, day2 = articles[:cut], articles[cut:]
    _same_run(reconcile(day1).add(day2), reconcile(articles))


@pytest.mark.parametrize("fixture", FIXTURE_SETS, ids=lambda p: p.name)
def test_fixture_sets_added_article_by_article_equal_one_run(fixture):
    articles = sorted(
        load_articles([fixture / "articles"]), key=lambda a: (a.published, a.id)
    )
    stepwise = reconcile(articles[:1])
    for article in articles[1:]:
        stepwise = stepwise.add([article])
    whole = reconcile(articles)
    _same_run(stepwise, whole)
    assert len(whole.facts) > 5


def _fact_of(result, attribute):
    """The one fact of *result* with *attribute*."""
    (fact,) = [f for f in result.facts if f.attribute == attribute]
    return fact


def test_changes_name_new_facts_and_facts_that_gained_support():
    day1 = reconcile([_article("a", "Desk A", 17, SIGNED)])
    signing = _fact_of(day1, "date")
    day2 = day1.add(
        [
            _article(
                "b",
                "Desk B",
                18,
                "Moscow and Tehran inked a partnership pact on Friday. "
                "A magnitude 6.1 earthquake struck northern Chile on Saturday.",
            )
        ]
    )
    assert day2.changes.gained_support == (signing.id,)
    assert day2.changes.status_changed == (
        (signing.id, "single_source", "corroborated"),
    )
    quake = {f.id for f in day2.facts if "earthquake" in f.statement}
    assert quake
    assert set(day2.changes.new) == quake
    assert day2.changes.articles == ("b",)
    assert day2.changes.retired == ()
    assert f"{len(quake)} new fact(s), 1 gained support" in day2.changes.summary()


def test_changes_name_facts_that_turned_conflicting():
    day1 = reconcile([_article("a", "Desk A", 17, SIGNED)])
    day2 = day1.add(
        [
            _article(
                "b",
                "Desk B",
                18,
                "Iran and Russia signed a 25-year partnership treaty in Moscow on Friday.",
            )
        ]
    )
    fact = _fact_of(day2, "term in years")
    assert fact.status == "conflicting"
    assert day2.changes.turned_conflicting == (fact.id,)
    assert "corroborated" == _fact_of(day2, "date").status


def test_a_fact_id_is_kept_when_later_articles_join_and_renamed_when_an_earlier_one_does():
    later = _article(
        "b", "Desk B", 18, "Moscow and Tehran inked a partnership pact on Friday."
    )
    first = reconcile([later])
    (original,) = first.facts
    joined = first.add(
        [_article("c", "Desk C", 19, SIGNED.replace("Friday", "Jan. 17"))]
    )
    assert _fact_of(joined, "date").id == original.id
    backfilled = joined.add([_article("a", "Desk A", 17, SIGNED)])
    renamed = _fact_of(backfilled, "date")
    assert renamed.id != original.id
    retired = {r.fact_id: r for r in backfilled.changes.retired}
    assert retired[original.id].now == renamed.id
    assert "earlier claim" in retired[original.id].reason


def test_fact_ids_do_not_depend_on_input_order():
    articles = [
        _article("a", "Desk A", 17, SIGNED),
        _article("b", "Desk B", 18, "A magnitude 6.1 earthquake struck Chile."),
    ]
    assert [f.id for f in reconcile(articles).facts] == [
        f.id for f in reconcile(articles[::-1]).facts
    ]
    assert all(
        f.id.startswith("F") and len(f.id) == 17 for f in reconcile(articles).facts
    )


def test_adding_an_article_twice_is_refused_and_changes_nothing():
    day1 = reconcile([_article("a", "Desk A", 17, SIGNED)])
    with pytest.raises(InvalidValueError, match="article id 'a' is used twice"):
        day1.add([_article("a", "Desk B", 18, "Another text entirely.")])
    with pytest.raises(InvalidValueError, match="'b' is used twice"):
        day1.add([_article("b", "X", 18, "One."), _article("b", "Y", 18, "Two.")])
    assert len(day1.articles) == 1
    again = day1.add([_article("b", "Desk B", 18, SIGNED)])
    assert len(again.facts) == len(day1.facts)
    assert all({"a", "b"} == {c.article_id for c in f.claims} for f in again.facts)


def test_a_reconciliation_built_by_hand_can_still_be_added_to():
    whole = reconcile([_article("a", "Desk A", 17, SIGNED)])
    by_hand = type(whole)(whole.articles, whole.claims, whole.facts, whole.config)
    added = by_hand.add(
        [_article("b", "Desk B", 18, SIGNED.replace("Friday", "Jan. 17"))]
    )
    assert added.facts[0].status == "corroborated"


def test_extending_the_match_index_scores_only_new_pairs():
    articles = [
        _article("a", "Desk A", 17, SIGNED),
        _article("b", "Desk B", 18, "Moscow and Tehran inked a partnership pact."),
        _article("c", "Desk C", 18, "Iran and Russia concluded a partnership accord."),
    ]
    whole = reconcile(articles)
    claims = list(whole.claims)
    head = build_match_index(claims[:-1])
    tail = extend_match_index(head, claims[-1:])
    full = build_match_index(claims)
    assert tail.clusters == full.clusters
    assert 0 < tail.scored_now < full.scored_now
    assert extend_match_index(tail, []).scored_now == 0
    with pytest.raises(InvalidValueError, match="already in the index"):
        extend_match_index(tail, claims[:1])


def test_the_match_index_scores_only_pairs_holding_a_proposition():
    # Two claims that date the signing (placed by the event model) and one
    # that states it without a value: only the two pairs holding the latter
    # are scored, and the proposition still joins its worded-alike claims.
    articles = [
        _article(
            "a", "Desk A", 17, "Russia and Iran signed a partnership treaty on Friday."
        ),
        _article(
            "b", "Desk B", 18, "Iran and Russia signed a partnership treaty on Jan. 17."
        ),
        _article("c", "Desk C", 18, "Russia and Iran signed a partnership treaty."),
    ]
    claims = list(reconcile(articles).claims)
    every = build_match_index(claims)
    assert every.scored_now == 3
    some = build_match_index(claims, proposing=[claims[2].id])
    assert some.scored_now == 2
    assert [c.claim_ids for c in some.clusters] == [c.claim_ids for c in every.clusters]
    # Extending keeps the choice: a fourth dated claim pairs with the proposition only.
    fourth = reconcile(
        [
            *articles,
            _article(
                "d", "Desk D", 19, "Russia, Iran signed a partnership treaty on Friday."
            ),
        ]
    ).claims[3]
    assert extend_match_index(some, [fourth], proposing=[]).scored_now == 1
    assert extend_match_index(some, [fourth]).scored_now == 1
    with pytest.raises(InvalidValueError, match="built without it"):
        extend_match_index(every, [fourth], proposing=[])


def test_which_claims_state_a_proposition():
    from reconcile.events.binding import bind_values

    claims = reconcile(
        [
            _article(
                "a",
                "Desk A",
                17,
                "Russia and Iran signed a partnership treaty on Friday.",
            ),
            _article(
                "b", "Desk B", 18, "Russia and Iran did not sign a partnership treaty."
            ),
            _article(
                "c",
                "Desk C",
                18,
                "The agreement opens a new chapter, the minister said.",
            ),
        ]
    ).claims
    stated = {c.article_id: bind_values(c).states_proposition for c in claims}
    assert stated == {"a": False, "b": True, "c": True}


def test_an_add_compares_again_only_the_facts_it_changes(monkeypatch):
    """A fact whose claims, values and wire groups stay the same is not compared
    again, though each run estimates the event model's weights afresh (its
    waterfalls change); the result still equals one run over everything."""
    fixture = next(p for p in FIXTURE_SETS if p.name == "russia-iran-treaty")
    articles = sorted(
        load_articles([fixture / "articles"]), key=lambda a: (a.published, a.id)
    )
    before = reconcile(articles[:-1])
    import reconcile.parallel_compare as parallel_compare

    compared: list[str] = []
    original = parallel_compare.compare_fact_cluster

    def counting(cluster, *args, **kwargs):
        compared.append(cluster.fact_id)
        return original(cluster, *args, **kwargs)

    monkeypatch.setattr(parallel_compare, "compare_fact_cluster", counting)
    after = before.add(articles[-1:])
    monkeypatch.undo()
    _same_run(after, reconcile(articles))
    earlier = {(f.id, f.claims) for f in before.facts}
    untouched = [f for f in after.facts if (f.id, f.claims) in earlier]
    assert untouched
    assert not {f.id for f in untouched} & set(compared)
    assert len(compared) < len(after.facts) / 2
