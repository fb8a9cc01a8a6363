"""Tests of ``reconcile.strategies``: valid objects, mutations that do what they say, clear errors."""

from __future__ import annotations

import random
import re
import tempfile
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reconcile.errors import ConfigError
from reconcile.extract.actors import load_gazetteer
from reconcile.golden import score_fixture
from reconcile.model import Article, Span
from reconcile.strategies import (
    DATE_FORMS,
    FURNITURE_MARKERS,
    MEANING_CHANGING,
    MEANING_PRESERVING,
    MUTATIONS,
    Mutation,
    absolutise_dates,
    actors,
    add_furniture,
    articles,
    change_figure,
    claim_sentences,
    date_phrases,
    dates,
    from_fixture,
    mutations,
    negate,
    numbers_to_words,
    quantities,
    reorder_paragraphs,
    republish,
    shift_date,
    story_sets,
    swap_actor,
    swap_synonyms,
)

from .conftest import FIXTURE_SETS

FRIDAY = date(2025, 1, 17)


def desk(text: str, published: date | None = FRIDAY, article_id: str = "a") -> Article:
    return Article(id=article_id, outlet="Desk", text=text, published=published)


class TestDates:
    @given(dates(min_value=date(2024, 2, 28), max_value=date(2024, 3, 1)))
    def test_within_bounds(self, day):
        """Days lie between the bounds, both included."""
        assert date(2024, 2, 28) <= day <= date(2024, 3, 1)


class TestDatePhrases:
    @given(published=dates(), data=st.data())
    def test_relative_forms_mean_a_day_on_or_before_publication(self, published, data):
        """Relative phrases mean a day within their window before publication."""
        phrase, expected = data.draw(
            date_phrases(
                published, forms=["weekday", "last_weekday", "yesterday", "month_day"]
            )
        )

        back = (published - expected).days

        assert 0 <= back <= 364
        if phrase.startswith("last "):
            assert 1 <= back <= 7
        elif phrase == "yesterday":
            assert 1 == back

    @given(published=dates(), data=st.data())
    def test_absolute_forms_write_the_year(self, published, data):
        """ "January 17, 2025" and "17 January 2025" carry their own year."""
        phrase, expected = data.draw(
            date_phrases(published, forms=["month_day_year", "day_month_year"])
        )

        assert phrase.endswith(str(expected.year))
        assert str(expected.day) in phrase


class TestQuantities:
    @given(quantities(min_value=1, max_value=5000))
    def test_intervals_hold_the_written_number(self, quantity):
        """Each phrase has at least one bound, and low <= high."""
        phrase, low, high = quantity

        assert low is not None or high is not None
        if low is not None and high is not None:
            assert low <= high
        number = low if low is not None else high
        assert f"{number:,}" in phrase or not re.search(r"\d", phrase)


class TestActors:
    @given(actors(types=["country"]))
    def test_countries_are_gazetteer_countries(self, name):
        """Country names are canonical gazetteer names of type country."""
        assert "country" == load_gazetteer().type_of(name)

    @given(actors())
    def test_default_types(self, name):
        """By default, countries and people."""
        assert load_gazetteer().type_of(name) in ("country", "person")


class TestClaimSentences:
    @given(claim_sentences(published=FRIDAY))
    def test_sentence_holds_its_parts(self, sentence):
        """The sentence names its actors, verb, noun and date phrase, and ends with a full stop."""
        assert FRIDAY == sentence.published
        assert sentence.text.endswith(".")
        for part in (*sentence.actors, sentence.verb, sentence.noun):
            assert part in sentence.text
        assert sentence.date_phrase.lower() in sentence.text.lower()
        assert (sentence.term is None) == (sentence.term_phrase is None)


class TestArticles:
    @given(articles(min_size=2, max_size=3))
    def test_articles_are_read_as_from_a_file(self, article):
        """Articles carry front-matter fields and a cleaned body of 2-3 paragraphs without furniture."""
        assert article.outlet and article.url and article.title
        assert article.published is not None
        assert article.id.endswith(article.published.isoformat())
        assert 2 <= len(article.text.split("\n\n")) <= 3
        for marker in FURNITURE_MARKERS:
            assert marker not in article.text
        assert article.raw_text is not None

    @given(articles(min_size=1, max_size=1, furniture=False))
    def test_without_furniture_the_raw_body_is_the_text(self, article):
        """With ``furniture=False`` nothing is cleaned away."""
        assert article.text == article.raw_text.strip()


class TestStorySets:
    @given(story_sets(min_outlets=2, max_outlets=4, max_facts=2))
    def test_gold_matches_the_articles(self, story):
        """Every quote lies in its article; every outlet states a fact; statuses follow the outlets."""
        texts = {a.id: a.text for a in story.articles}

        assert 2 <= len(story.articles) <= 4
        assert 1 <= len({f.event for f in story.gold.facts}) <= 2
        assert len(texts) == len(story.articles)
        stating = {a for fact in story.gold.facts for a, _ in fact.mentions}
        assert set(texts) == stating
        for fact in story.gold.facts:
            for article_id, quote in fact.mentions:
                assert quote in texts[article_id]
            outlets = story.outlets_of(fact.id)
            expected = "corroborated" if len(outlets) >= 2 else "single_source"
            assert expected == fact.status

    @settings(max_examples=3)
    @given(story_sets(max_outlets=3))
    def test_write_makes_a_fixture_folder(self, story):
        """A written story set scores perfectly with ``score_fixture``."""
        with tempfile.TemporaryDirectory() as folder:
            scores = score_fixture(story.write(folder))

        assert 1.0 == scores.bcubed_f1
        assert 1.0 == scores.status_accuracy

    def test_outlets_of_unknown_fact(self):
        """``outlets_of`` raises KeyError for a fact it does not hold."""
        with pytest.raises(KeyError):
            _first_story().outlets_of("no-such-fact")


def _first_story():
    from reconcile.golden import GoldFact, GoldSet
    from reconcile.strategies import StorySet

    article = desk("Chad and Gabon signed a trade pact on Friday.")
    fact = GoldFact("fact-1", "single_source", [("a", "Chad and Gabon signed")])
    return StorySet([article], GoldSet("hand", FIXTURE_SETS[0], [fact]))


class TestFromFixture:
    @pytest.mark.parametrize("folder", FIXTURE_SETS, ids=[p.name for p in FIXTURE_SETS])
    def test_samples_the_fixture_articles(self, folder):
        """Both the fixture set and its articles/ folder can be given."""
        ids = {p.stem for p in (folder / "articles").glob("*.md")}

        @given(from_fixture(folder), from_fixture(folder / "articles"))
        def check(article, same):
            assert article.id in ids
            assert same.id in ids

        check()


class TestMutations:
    def test_reorder_moves_leaning_paragraphs_with_their_predecessor(self):
        """A paragraph opening with a pronoun stays after the one before it."""
        article = desk(
            "Iran signed a pact.\n\nHe called it historic.\n\nRussia agreed."
        )

        mutation = reorder_paragraphs(article, random.Random(1))

        text = mutation.article.text
        assert sorted(text.split("\n\n")) == sorted(article.text.split("\n\n"))
        assert "Iran signed a pact.\n\nHe called it historic." in text
        assert text != article.text
        assert "same" == mutation.expected.effect

    def test_reorder_needs_two_blocks(self):
        """One movable block gives ``None``."""
        assert reorder_paragraphs(desk("Iran signed a pact.\n\nHe smiled.")) is None

    def test_swap_synonyms(self):
        """Synonyms are swapped with their capitals; nothing to swap gives ``None``."""
        mutation = swap_synonyms(desk("Pact signed, Iran says."), random.Random(3))

        assert "Treaty inked, Iran says." == mutation.article.text
        assert swap_synonyms(desk("Nothing to see.")) is None

    def test_absolutise_dates(self):
        """ "yesterday" at the start of a sentence becomes "On Jan. 16"."""
        mutation = absolutise_dates(desk("Yesterday, Iran and Russia signed a pact."))

        assert "On Jan. 16, Iran and Russia signed a pact." == mutation.article.text
        assert absolutise_dates(desk("Iran signed a pact on Friday.", None)) is None

    def test_numbers_to_words_both_ways(self):
        """Digits up to 99 become words and words become digits."""
        digits = numbers_to_words(desk("A strike killed 12 people."))
        words = numbers_to_words(desk("They signed a twenty-year pact."))

        assert "A strike killed twelve people." == digits.article.text
        assert "They signed a 20-year pact." == words.article.text

    def test_add_furniture_keeps_the_clean_text(self):
        """The raw body gains furniture; the cleaned text is unchanged."""
        article = desk(
            "Iran and Russia signed a pact on Friday.\n\nBoth sides welcomed it."
        )

        mutation = add_furniture(article, random.Random(2))

        assert article.text == mutation.article.text
        assert mutation.article.raw_text != article.text
        assert (article.id, article.outlet, article.published) == (
            mutation.article.id,
            mutation.article.outlet,
            mutation.article.published,
        )

    def test_republish_adds_a_copy(self):
        """The copy is added beside the original, under another outlet and id."""
        article = desk("Iran and Russia signed a pact on Friday.")

        mutation = republish(article, random.Random(0))

        assert mutation.adds
        assert (article, mutation.article) == mutation.apply([article])
        assert mutation.article.outlet != article.outlet
        assert article.text == mutation.article.text

    def test_shift_date_keeps_a_future_weekday_in_the_future(self):
        """ "will ... on Monday" moves to another day of the coming week."""
        article = desk("Trump will be inaugurated on Monday in Washington.")

        for seed in range(10):
            mutation = shift_date(article, random.Random(seed))
            moved = date.fromisoformat(mutation.expected.after)
            assert FRIDAY < moved <= FRIDAY + timedelta(days=7)
            assert "2025-01-20" != mutation.expected.after

    def test_shift_date_moves_a_month(self):
        """Month mentions move to another month of about the same year."""
        mutation = shift_date(desk("They met in January 2025 to sign the pact."))

        assert "2025-01" == mutation.expected.before
        assert re.fullmatch(r"\d{4}-\d{2}", mutation.expected.after)
        assert mutation.expected.after != "2025-01"
        span = mutation.expected.spans[0]
        assert mutation.article.text[span.start : span.end].startswith("in ")
        assert (Span(9, 24),) == mutation.replaced

    def test_shift_date_needs_a_date(self):
        """No resolved date gives ``None``."""
        assert shift_date(desk("Iran and Russia signed a pact.")) is None

    def test_change_figure_moves_outside_the_interval(self):
        """A lower bound moves below, an upper bound above."""
        below = change_figure(desk("A strike killed at least four people on Friday."))
        above = change_figure(desk("North Korea sent up to 12,000 troops to Russia."))

        assert "A strike killed two people on Friday." == below.article.text
        assert ">=4 people" == below.expected.before
        assert below.expected.running
        assert 12_000 < int(above.expected.after.split()[0])
        assert change_figure(desk("Thousands of drones were sent to Russia.")) is None

    def test_negate_after_an_auxiliary(self):
        """ "was first signed" becomes "was not first signed"; negated claims are left alone."""
        mutation = negate(desk("The treaty was first signed in Moscow on Friday."))

        assert (
            "The treaty was not first signed in Moscow on Friday."
            == mutation.article.text
        )
        assert ("polarity", "affirmed", "negated") == (
            mutation.expected.kind,
            mutation.expected.before,
            mutation.expected.after,
        )
        assert negate(desk("Iran did not sign the treaty on Friday.")) is None

    def test_swap_actor(self):
        """A country name is replaced by one the article does not mention."""
        mutation = swap_actor(desk("Russia and Iran signed a pact on Friday."))

        assert "split" == mutation.expected.effect
        assert mutation.expected.before in ("Russia", "Iran")
        assert mutation.expected.after not in ("Russia", "Iran")
        assert swap_actor(desk("Moscow and Tehran signed a pact on Friday.")) is None

    def test_apply_replaces_the_original(self):
        """A replacing mutation takes the original's place in the set."""
        first, second = (
            desk("Iran signed a pact on Friday."),
            desk("Russia agreed.", article_id="b"),
        )
        mutation = shift_date(first)

        assert (mutation.article, second) == mutation.apply([first, second])

    def test_apply_needs_the_original(self):
        """Applying to a set without the original is a ConfigError."""
        mutation = shift_date(desk("Iran signed a pact on Friday."))

        with pytest.raises(ConfigError, match="is not in the set"):
            mutation.apply([desk("Russia agreed.", article_id="b")])

    @given(mutations())
    def test_mutations_strategy(self, pair):
        """``mutations()`` yields the registered functions by name."""
        name, function = pair
        assert MUTATIONS[name] is function

    @given(mutations(meaning="changed"))
    def test_mutations_strategy_filters_by_meaning(self, pair):
        """``meaning="changed"`` yields only meaning-changing mutations."""
        assert pair[0] in MEANING_CHANGING

    def test_registry(self):
        """Every mutation is either meaning-preserving or meaning-changing."""
        assert set(MUTATIONS) == set(MEANING_PRESERVING) | set(MEANING_CHANGING)
        assert not set(MEANING_PRESERVING) & set(MEANING_CHANGING)

    @given(
        articles(),
        st.sampled_from(sorted(MUTATIONS)),
        st.randoms(use_true_random=False),
    )
    def test_every_mutation_gives_a_valid_mutation_or_none(self, article, name, rng):
        """A mutation is ``None`` or names itself, keeps the id (unless it adds) and locates its change."""
        mutation = MUTATIONS[name](article, rng)
        if mutation is None:
            return

        assert isinstance(mutation, Mutation)
        assert name == mutation.name
        assert article is mutation.original
        assert mutation.adds == (name == "republish")
        assert (article.id == mutation.article.id) != mutation.adds
        for span in mutation.expected.spans:
            assert 0 <= span.start <= span.end <= len(mutation.article.text)
        assert len(mutation.replaced) == len(mutation.expected.spans)


BAD_ARGUMENTS = [
    (
        lambda: dates(min_value=date(2025, 2, 1), max_value=date(2025, 1, 1)),
        "min_value",
    ),
    (lambda: dates(min_value="2025-01-01"), "datetime.date"),
    (lambda: date_phrases("2025-01-17"), "published must be a datetime.date"),
    (lambda: date_phrases(date(3500, 1, 1)), "out of range"),
    (lambda: date_phrases(FRIDAY, forms=[]), "forms must name"),
    (lambda: date_phrases(FRIDAY, forms="weekday"), "list of names"),
    (lambda: quantities(min_value=0), "min_value=0 is below 1"),
    (lambda: quantities(min_value=10, max_value=5), "greater than max_value"),
    (lambda: quantities(max_value=2.5), "must be an integer"),
    (lambda: actors(types=["planet"]), "types must name"),
    (lambda: claim_sentences(published="Friday"), "datetime.date"),
    (lambda: articles(min_size=0), "min_size=0 is below 1"),
    (lambda: articles(min_size=3, max_size=1), "pass min_size <= max_size"),
    (lambda: articles(max_size=True), "must be an integer"),
    (lambda: articles(furniture="yes"), "furniture must be a bool"),
    (lambda: story_sets(min_outlets=0), "min_outlets=0 is below 1"),
    (lambda: story_sets(min_outlets=4, max_outlets=3), "greater than max_outlets"),
    (lambda: story_sets(max_outlets=21), "max_outlets <= 20"),
    (lambda: story_sets(max_facts=9), "max_facts <= 8"),
    (lambda: story_sets(max_facts=0), "max_facts=0 is below 1"),
    (lambda: from_fixture("no/such/folder"), "is not a folder"),
    (lambda: mutations(meaning="kept"), "meaning must be"),
    (lambda: shift_date(desk("A pact on Friday."), at="not there"), "does not occur"),
    (lambda: change_figure(desk("Four people died."), at=""), "non-empty quote"),
    (lambda: swap_actor(desk("Russia agreed."), to="Atlantis"), "not a country"),
    (lambda: republish(desk("Russia agreed."), outlet=" "), "non-empty string"),
    (lambda: republish(desk("Russia agreed."), article_id="a"), "the original's id"),
]


@pytest.mark.parametrize(
    ("build", "message"), BAD_ARGUMENTS, ids=[m for _, m in BAD_ARGUMENTS]
)
def test_bad_arguments_raise_config_error(build, message):
    """Bad arguments raise ConfigError (also a ValueError) naming the problem."""
    with pytest.raises(ConfigError, match=re.escape(message)) as caught:
        build()

    assert isinstance(caught.value, ValueError)


def test_date_forms_are_all_written():
    """Every form of DATE_FORMS can be asked for on its own."""
    for form in DATE_FORMS:
        assert date_phrases(FRIDAY, forms=[form]) is not None
