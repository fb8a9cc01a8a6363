"""What the facts and accounts of a reconciliation repeat is one object, not one per fact.

A claim's membership in its event's facts, an article's wire entry, equal
wire keys, origin groups and verdicts, and the date and mention-number tuples
of accounts recur across a corpus; each is held once per run, and results are
unchanged (the fixture reports are pinned elsewhere byte for byte).
"""

from __future__ import annotations

from collections import defaultdict

import pytest

from reconcile import load_articles, reconcile
from reconcile.events.coref import ArticleAccounts
from reconcile.match.comparisons import Account
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
