"""What the facts and accounts of a reconciliation repeat is one object, not one per fact.

A claim's membership in its event's facts, an article's wire entry, equal
wire keys, origin groups and verdicts, and the date and mention-number tuples
of accounts recur across a corpus; each is held once per run, and results are
unchanged (the fixture reports are pinned elsewhere byte for byte).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import attrs
import pytest

from reconcile import Article, load_articles, reconcile
from reconcile.compare.verdicts import PairFindings
from reconcile.events.coref import ArticleAccounts
from reconcile.match.comparisons import Account
from reconcile.match.index import build_match_index
from tests.conftest import FIXTURE_SETS


@pytest.fixture(scope="module")
def result():
    """One reconciliation of all the fixture sets' articles."""
    return reconcile(load_articles([p / "articles" for p in FIXTURE_SETS]))


def _held_once(items) -> bool:
    """Whether equal items of *items* are the same object."""
    first: dict[object, object] = {}
    return all(first.setdefault(item, item) is item for item in items)


def test_a_claims_membership_is_one_object_in_all_facts_of_its_event(result):
    """The facts of one event hold one Membership per claim, however many they are."""
    seen: dict[tuple[str, str], list[object]] = defaultdict(list)
    for fact in result.facts:
        for membership in fact.memberships:
            seen[(fact.event, membership.claim_id)].append(membership)
    repeated = [ms for ms in seen.values() if len(ms) > 1]

    assert repeated
    assert all(m is ms[0] for ms in repeated for m in ms)


def test_equal_verdicts_and_origin_groups_of_facts_are_one_object(result):
    """A verdict or origin group two facts share by value is one object."""
    verdicts = [f.verdict for f in result.facts]
    origins = [g for f in result.facts for g in f.origins]

    assert len(set(verdicts)) < len(verdicts)
    assert len(set(origins)) < len(origins)
    assert _held_once(verdicts)
    assert _held_once(origins)


def test_equal_wire_keys_and_wire_entries_are_one_object(result):
    """The wire key a fact depends on, and each article's entry in it, are held once."""
    keys = [known.wire for known in result._state.compared.values()]
    entries = [entry for key in keys for entry in key]

    assert len(set(keys)) < len(keys)
    assert _held_once(keys)
    assert _held_once(entries)


def test_accounts_share_their_dates_and_mention_number_tuples(result):
    """Account dates and the accounts' mention numbers and sizes recur as one object."""
    kept = list(result._state.accounts.values())
    dates = [a.date for found in kept for a in found.accounts if a.date is not None]
    numbers = [found.mention_numbers for found in kept]
    sizes = [found.sizes for found in kept]

    assert len(set(dates)) < len(dates)
    assert _held_once(dates)
    assert _held_once(numbers + sizes)


def test_article_accounts_of_takes_numbers_from_the_table_given():
    """`ArticleAccounts.of(..., numbers=table)` reuses and fills the table."""
    account = Account(
        key="a@0",
        article_id="a",
        outlet="Desk",
        published=None,
        event_class="sign",
        family="agreement",
        triggers=frozenset({"sign"}),
    )
    table: dict[tuple[int, ...], tuple[int, ...]] = {}
    first = ArticleAccounts.of([account], [[("a#1", 0), ("a#2", 0)]], numbers=table)
    second = ArticleAccounts.of([account], [[("a#3", 0), ("a#4", 0)]], numbers=table)
    alone = ArticleAccounts.of([account], [[("a#3", 0), ("a#4", 0)]])

    assert (0, 0) == first.mention_numbers
    assert (2,) == first.sizes
    assert second.mention_numbers is first.mention_numbers
    assert second.sizes is first.sizes
    assert alone == second
    assert {(0, 0), (2,)} == set(table)


def test_facts_share_their_tuples_of_origin_groups_and_their_empty_findings(result):
    """Equal tuples of origin groups are one object, and so are the findings of
    every fact whose pairs found nothing but conflicts."""
    origins = [f.origins for f in result.facts]
    compared = list(result._state.compared.values())
    empty = [
        known.findings
        for known in compared
        if not (
            known.findings.agreeing
            or known.findings.rising
            or known.findings.two_quantities
        )
    ]

    assert len(set(origins)) < len(origins)
    assert _held_once(origins)
    assert 1 < len(empty) < len(compared)
    assert all(findings is empty[0] for findings in empty)


def test_equal_findings_of_facts_are_one_object(result):
    """Facts whose pairs found the same agreeing or rising pairs hold one findings."""
    findings = [known.findings for known in result._state.compared.values()]
    by_pairs = defaultdict(list)
    for found in findings:
        if (found.agreeing or found.rising) and not found.two_quantities:
            by_pairs[(found.agreeing, found.rising)].append(found)
    repeated = [same for same in by_pairs.values() if len(same) > 1]

    assert repeated
    assert all(f is same[0] for same in repeated for f in same)


def test_the_state_holds_each_compared_fact_by_its_id(result):
    """The compared facts are held by fact id alone; a fact's key, as a store
    writes it, is its id and its claims' ids."""
    for fact_id, known in result._state.compared.items():
        assert fact_id == known.fact.id
        assert (fact_id, *(c.id for c in known.fact.claims)) == known.key


def test_a_compared_facts_cluster_is_made_from_its_fact(result):
    """A compared fact keeps its medoid; its cluster holds its fact's claims and memberships."""
    for known in result._state.compared.values():
        cluster = known.cluster
        assert cluster.claim_ids == tuple(c.id for c in known.fact.claims)
        assert cluster.memberships is known.fact.memberships
        assert cluster.medoid == known.medoid
        assert known.fact.statement == next(
            c.text for c in known.fact.claims if c.id == known.medoid
        )


def test_the_pipelines_match_index_holds_the_clusters_without_memberships(result):
    """The index a run keeps has the clusters and medoids of an explained index,
    without memberships, and keeps no component of one claim for reuse."""
    claims = result.claims
    twins = [
        attrs.evolve(
            c, id=c.id.replace("#", "-copy#"), article_id=c.article_id + "-copy"
        )
        for c in claims[:40]
    ]
    explained = build_match_index([*claims, *twins])
    unexplained = build_match_index([*claims, *twins], explained=False)

    assert [(c.claim_ids, c.medoid) for c in unexplained.clusters] == [
        (c.claim_ids, c.medoid) for c in explained.clusters
    ]
    assert all(c.memberships == () for c in unexplained.clusters)
    assert all(
        tuple(m.claim_id for m in c.memberships) == c.claim_ids
        for c in explained.clusters
    )
    assert all(len(key) > 1 for key in unexplained.split_cache)
    assert not result._state.index.explained
    assert all(c.memberships == () for c in result._state.index.clusters)


def test_a_run_keeps_no_long_sentences_and_an_add_still_finds_its_wire_copies():
    """The long sentences are read again from the articles when an add needs them."""
    story = (
        "Russia and Iran signed a twenty-year strategic partnership treaty "
        "in Moscow on Friday, officials said."
    )
    first = Article(id="a", outlet="Desk A", published=date(2025, 1, 17), text=story)
    copy = Article(id="b", outlet="Wire B", published=date(2025, 1, 17), text=story)
    day1 = reconcile([first])
    day2 = day1.add([copy])

    assert not day1._state.sentences
    assert not day2._state.sentences
    assert day2.facts == reconcile([first, copy]).facts
    assert all(g.origin.startswith("wire copy") for f in day2.facts for g in f.origins)


def test_facts_of_an_event_with_the_same_claims_hold_one_tuple_of_memberships(result):
    """The date, place and figure facts of an event mostly have the same claims:
    their memberships are one tuple."""
    seen: dict[tuple[str, tuple[str, ...]], list[object]] = defaultdict(list)
    for fact in result.facts:
        seen[(fact.event, tuple(c.id for c in fact.claims))].append(fact.memberships)
    repeated = [tuples for tuples in seen.values() if len(tuples) > 1]

    assert repeated
    assert all(t is tuples[0] for tuples in repeated for t in tuples)


def test_events_share_their_days_places_and_participants(result):
    """An event's day and its tuples of places and participants recur as one object."""
    days = [e.date for e in result.events if e.date is not None]
    places = [e.places for e in result.events]
    participants = [e.participants for e in result.events]

    assert len(set(days)) < len(days)
    assert _held_once(days)
    assert _held_once(places + participants)


def test_pair_findings_as_positions_read_back_the_pairs_compared(result):
    """A fact's findings hold each pair as positions in its claims and value
    indices; read back, they name values of the fact's claims of one kind, and
    written again they are the same numbers."""
    read = 0
    for known in result._state.compared.values():
        claims, findings = known.fact.claims, known.findings
        agreeing = list(findings.agreeing_pairs(claims))
        rising = list(findings.rising_pairs(claims))
        again = PairFindings.of(claims, agreeing, rising, findings.two_quantities)
        by_id = {c.id: c for c in claims}
        for kind, _key, left, li, right, ri in agreeing:
            assert by_id[left].values[li].kind == by_id[right].values[ri].kind == kind
        for _key, left, li, right, ri in rising:
            assert by_id[left].values[li].kind == by_id[right].values[ri].kind
        assert (again.agreeing, again.rising) == (findings.agreeing, findings.rising)
        assert len(findings.agreeing) == 4 * len(agreeing)
        read += len(agreeing)
    assert read > 100
