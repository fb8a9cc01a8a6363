"""Whose figure is it: owners of one figure under one name (reconcile.events.owners)."""

from datetime import date

import pytest

from reconcile import reconcile
from reconcile.events.owners import leaders_of, unify_owners
from reconcile.extract import extract_claims
from reconcile.model import Article


def claims_of(*texts: str):
    return [
        claim
        for number, text in enumerate(texts)
        for claim in extract_claims(
            Article(
                id=f"a{number}", outlet="Desk", text=text, published=date(2024, 3, 4)
            )
        )
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Karl Ostrander's Harbour Party won 31 percent on Sunday.",
        "Karl Ostrander's centre-right Harbour Party won 31 percent on Sunday.",
        "The Harbour Party leader Karl Ostrander won 31 percent on Sunday.",
        "Karl Ostrander, the leader of the Harbour Party, won 31 percent on Sunday.",
        "Karl Ostrander, who leads the centre-right Harbour Party, won 31 percent.",
        "The Harbour Party, led by Karl Ostrander, won 31 percent on Sunday.",
    ],
)
def test_leaders_are_read_from_the_sentences_that_say_so(text):
    assert leaders_of(claims_of(text)) == {"Karl Ostrander": "Harbour Party"}


def test_a_leaders_day_or_possession_of_their_own_name_is_no_party():
    claims = claims_of("Karl Ostrander's Friday speech drew crowds in Bellmoor.")
    assert leaders_of(claims) == {}


def test_owners_spelt_alike_are_one():
    attributes = ["percent (Karl Ostrander)"] * 2 + ["percent (Karl Ostrannder)"]
    assert unify_owners(attributes, {}) == {
        "percent (Karl Ostrannder)": "percent (Karl Ostrander)"
    }


def test_a_name_inside_another_with_the_same_head_is_one_owner():
    attributes = ["percent (Five Star Movement)", "percent (Star Movement)"]
    assert unify_owners(attributes, {}) == {
        "percent (Star Movement)": "percent (Five Star Movement)"
    }


def test_a_country_is_not_the_company_named_after_it():
    attributes = ["USD (United States)", "USD (United States Steel)"]
    assert unify_owners(attributes, {}) == {}


def test_a_leaders_figure_is_their_partys_only_when_the_party_owns_one_too():
    leaders = {"Karl Ostrander": "Harbour Party"}
    both = ["percent (Harbour Party)"] * 2 + ["percent (Karl Ostrander)"]
    assert unify_owners(both, leaders) == {
        "percent (Karl Ostrander)": "percent (Harbour Party)"
    }
    alone = ["percent (Karl Ostrander)", "percent (Coast Alliance)"]
    assert unify_owners(alone, leaders) == {}


def test_other_units_and_lower_case_owners_are_left_alone():
    attributes = ["percent (Harbour Party)", "seats (Harbour Party)", "USD (per share)"]
    assert unify_owners(attributes, {}) == {}


def test_outlets_naming_a_leader_or_their_party_give_one_vote_share():
    """One outlet gives the share to the party, another to its leader (misspelt)."""
    articles = [
        Article(
            id=f"{outlet}-1",
            outlet=outlet,
            text=text,
            published=date(2024, 3, 4),
        )
        for outlet, text in (
            (
                "Desk",
                "Karl Ostrander's Harbour Party won 31 percent in Sunday's election in Varnland.",
            ),
            (
                "Wire",
                "The Harbour Party won 31 percent in Sunday's election in Varnland.",
            ),
            (
                "Post",
                "Karl Ostranderr won 33 percent in Sunday's election in Varnland.",
            ),
        )
    ]
    result = reconcile(articles)
    shares = [f for f in result.facts if f.attribute.startswith("percent")]
    assert len(shares) == 1, [f.attribute for f in shares]
    assert {c.outlet for c in shares[0].claims} == {"Desk", "Wire", "Post"}
