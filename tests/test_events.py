"""Triggers, value binding and event grouping, each on sentences of our own."""

from datetime import date, timedelta

import attrs
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from reconcile import reconcile
from reconcile.events.binding import WHERE_ATTRIBUTES, bind_values
from reconcile.events.coref import article_accounts, claim_order, group_events
from reconcile.events.facts import FactCluster, fact_order
from reconcile.extract import extract_claims
from reconcile.extract.actors import load_gazetteer
from reconcile.extract.attribution import qualifies_source
from reconcile.extract.dates import find_dates
from reconcile.extract.triggers import find_triggers
from reconcile.match.comparisons import LEVEL_CODES, Account, compare_accounts
from reconcile.model import Article, Claim, DateValue, Quantity, Span

PUBLISHED = date(2024, 1, 8)


def article(aid: str, outlet: str, text: str, published: date = PUBLISHED) -> Article:
    return Article(id=aid, outlet=outlet, text=text, published=published)


def _date_codes(pair: list[Account]) -> int:
    """The date level code the vectorised comparison gives the two accounts."""
    import numpy as np

    from reconcile.match.comparisons import comparison_matrix

    matrix = comparison_matrix(pair, np.array([0]), np.array([1]), np.array([60.0]), {})
    return int(matrix.column("date")[0])


def _place_codes(pair: list[Account]) -> np.ndarray:
    """The place level code the vectorised comparison gives the two accounts."""
    from reconcile.match.comparisons import comparison_matrix

    matrix = comparison_matrix(pair, np.array([0]), np.array([1]), np.array([60.0]), {})
    return matrix.column("place")


def _incidents_of_one_day(x: Account, y: Account) -> bool:
    """Whether two accounts are incidents dated the same day (paired whatever
    they name)."""
    from reconcile.events.coref import _group

    return (
        _group(x.family) == _group(y.family) == "incident"
        and x.date is not None
        and y.date is not None
        and x.date[0] == y.date[0]
    )


def only_claim(text: str):
    (claim,) = extract_claims(article("a", "Desk", text))
    return claim


def date_attributes(text: str) -> list[str]:
    """The attribute each date of *text*'s one claim gives."""
    claim = only_claim(text)
    return [
        b.attribute
        for b in bind_values(claim).bindings
        if isinstance(claim.values[b.value_index], DateValue)
    ]


def place_roles(text: str) -> dict[str, str]:
    """Each place of *text*'s one claim, with the attribute it gives."""
    claim = only_claim(text)
    return {
        claim.values[b.value_index].text: b.attribute
        for b in bind_values(claim).bindings
        if b.attribute in WHERE_ATTRIBUTES
    }


def attributes_of(texts: tuple[str, ...], part: str = "") -> set[str]:
    """The attributes the claims of *texts* give (those holding *part*)."""
    return {
        b.attribute
        for text in texts
        for b in bind_values(only_claim(text)).bindings
        if part in b.attribute
    }


def classes(text: str) -> list[tuple[str, str]]:
    return [(t.text, t.event_class) for t in find_triggers(text)]


class TestComparedEvents:
    """ "more casualties than any crash since the one at Guam in 1997": the
    crash compared with is a mention of its own."""

    TEXT = (
        "The Jeju Air disaster at Muan Airport on the 29th is likely to leave more "
        "casualties than any crash since the one at Guam Airport in 1997."
    )

    def test_the_compared_event_takes_what_follows_it(self):
        claim = extract_claims(article("a", "Desk", self.TEXT, date(2024, 12, 30)))[0]
        bound = bind_values(claim)
        mention_of = {
            claim.values[b.value_index].text: b.mention for b in bound.bindings
        }
        assert len(bound.mentions) == 2
        assert mention_of["Guam Airport"] == mention_of["in 1997"] == 1
        assert mention_of["Muan Airport"] == mention_of["on the 29th"] == 0

    def test_a_count_after_than_is_no_compared_event(self):
        claim = only_claim("More than 30 strikes hit Kyiv on Friday.")
        assert len(bind_values(claim).mentions) == 1


class TestTriggers:
    @pytest.mark.parametrize(
        "text",
        [
            "Malabo delivered 48,039 artillery shells to France.",
            "The ship carried rockets and shells for the navy.",
        ],
    )
    def test_a_plural_noun_after_a_common_word_is_no_verb(self, text):
        """'shells' after 'artillery' or 'and' counts weapons; it attacks nothing."""
        assert "attack" not in {c for _, c in classes(text)}

    @pytest.mark.parametrize(
        ("text", "found"),
        [
            (
                "Michel Barnier stepped down as prime minister on 5 December.",
                ("stepped down", "resign"),
            ),
            ("The minister will stand down next week.", ("stand down", "resign")),
            (
                "He submitted the resignation of his government.",
                ("resignation", "resign"),
            ),
            ("Macron appointed Barnier in September.", ("appointed", "appoint")),
        ],
    )
    def test_an_office_changes_hands_by_its_own_words(self, text, found):
        """A resignation, by a verb, its noun or a phrasal verb ("stepped
        down"), and an appointment are events of their own (family office)."""
        assert found in classes(text)

    def test_a_particle_of_another_verb_names_nothing(self):
        """ "stepped up" is no "step down": only the lexicon's pairs count."""
        assert not any(
            word.startswith("stepped") for word, _ in classes("Prices stepped up.")
        )

    def test_a_word_lemminflect_does_not_know_is_a_verb_only_of_a_known_verb(self):
        """lemminflect does not list "survivors"; its guess, a verb "survivor",
        is no verb, so "survivors" never dates an event as a verb would."""
        from reconcile.extract.triggers import lemmas_of

        assert lemmas_of("survivors") == ((), ("survivor",))
        assert lemmas_of("inked") == (("ink",), ())

    @pytest.mark.parametrize(
        "text",
        [
            "Officials were still trying to establish who was aboard.",
            "Investigators will establish whether the deal holds.",
        ],
    )
    def test_a_verb_opening_an_indirect_question_names_no_event(self, text):
        """'to establish who was aboard' finds out; it founds nothing."""
        assert "establish" not in {word for word, _ in classes(text)}

    def test_a_verb_before_a_free_relative_still_names_its_event(self):
        """'signed what they called a treaty' signs; 'what' asks nothing."""
        assert ("signed", "sign") in classes(
            "Russia and Iran signed what they called a strategic partnership treaty."
        )

    def test_a_founding_is_an_event(self):
        assert ("established", "found") in classes(
            "Laos and Peru established diplomatic relations in 1987."
        )
        assert ("founded", "found") in classes("The company was founded in 1901.")

    def test_what_dates_back_to_a_year_is_a_founding_of_that_year(self):
        """'Relations date back to 1987' names no event word, yet tells when
        they began: the same founding as 'established diplomatic relations in
        1987', corroborated by two outlets."""
        events = bind_values(
            only_claim("Diplomatic relations between Laos and Peru date back to 1987.")
        )
        (mention,) = events.mentions
        assert (mention.event_class, mention.family) == ("found", "background")
        (binding,) = events.bindings
        assert binding.attribute == "date"
        result = reconcile(
            [
                article(
                    "a",
                    "Desk A",
                    "Laos and Peru signed a trade pact on Jan. 3.\n\n"
                    "Diplomatic relations between Laos and Peru date back to 1987.",
                ),
                article(
                    "b",
                    "Desk B",
                    "Laos and Peru signed a trade pact on Jan. 3.\n\n"
                    "Laos and Peru established diplomatic relations in 1987.",
                ),
            ]
        )
        (founded,) = [
            f
            for f in result.facts
            if f.attribute == "date" and any("1987" in c.text for c in f.claims)
        ]
        assert founded.verdict.status == "corroborated"

    def test_foundings_of_other_parties_are_other_events(self):
        """Relations between Israel and Mexico and between Israel and New
        Zealand may go back to one year: two foundings, as two pacts of other
        pairs are two pacts."""
        result = reconcile(
            [
                article(
                    "a",
                    "Desk A",
                    "Diplomatic relations between Israel and Mexico date back to 1977.",
                ),
                article(
                    "b",
                    "Desk B",
                    "Diplomatic relations between Israel and New Zealand date back "
                    "to 1977.",
                ),
            ]
        )
        assert len(result.events) == 2
        assert all(f.verdict.status == "single_source" for f in result.facts)

    def test_a_base_form_that_is_another_verbs_past_reads_as_that_verb(self):
        """'found' is the past of 'find' far more often than the verb 'found'."""
        assert classes("Investigators found debris near the runway.") == []

    @pytest.mark.parametrize(
        ("text", "not_a_trigger"),
        [
            ("The initial quake in Herat had a magnitude of 6.3.", "initial"),
            ("Its initial magnitude was 6.3.", "initial"),
            ("The state of emergency ends on Friday.", "state"),
        ],
    )
    def test_a_verb_after_a_determiner_is_no_verb(self, text, not_a_trigger):
        """'the initial quake' is no signing ("to initial a treaty")."""
        assert not_a_trigger not in {word for word, _ in classes(text)}

    @pytest.mark.parametrize(
        ("text", "found"),
        [
            ("The summit started at 10 a.m. on Wednesday.", [("summit", "meet")]),
            ("The Trump-Xi agreement reached in Busan.", [("agreement", "agree")]),
            ("They reached a trade deal on Friday.", [("deal", "agree")]),
            ("The war began in 2022.", [("war", "invade")]),
        ],
    )
    def test_a_support_verb_beside_an_event_noun_is_no_trigger(self, text, found):
        """'the summit started at 10 a.m.' dates the summit, not a beginning."""
        assert classes(text) == found

    @pytest.mark.parametrize(
        "text",
        [
            "The death toll reached 85 on Monday.",  # what the toll did
            "Fighting began near the border on Monday.",  # no event noun beside it
        ],
    )
    def test_a_support_verb_alone_or_beside_a_consequence_stays(self, text):
        assert {"rise", "begin"} & {c for _, c in classes(text)}

    @pytest.mark.parametrize(
        ("text", "trigger"),
        [
            ("The fire spread overnight.", ("fire", "storm")),
            ("The two sides will initial the deal on Friday.", ("initial", "sign")),
            ("A strike hit the port.", ("strike", "attack")),
        ],
    )
    def test_a_noun_after_a_determiner_and_a_verb_after_a_subject_still_are(
        self, text, trigger
    ):
        assert trigger in classes(text)

    def test_a_plural_form_after_a_name_is_a_verb(self):
        assert ("shells", "attack") in classes("Overnight Russia shells Kharkiv again.")

    def test_a_plural_noun_the_lexicon_lists_is_read_as_itself(self):
        """'talks' is listed as a noun of meetings, though its lemma is 'talk'."""
        assert ("talks", "meet") in classes("Two leaders held talks in Paris.")

    def test_a_plural_noun_of_another_sense_names_no_event(self):
        """'killed scores' counts the dead; no goal was scored."""
        found = classes("The crash killed scores of people.")
        assert "score" not in {c for _, c in found}

    @pytest.mark.parametrize(
        ("text", "head"),
        [
            ("Turkey and Chile signed a grain export accord in Ankara.", "accord"),
            ("Moscow and Iran sealed a fertiliser supply deal on Jan. 1.", "deal"),
        ],
    )
    def test_a_noun_before_an_event_noun_says_what_it_is_about(self, text, head):
        """A 'supply deal' is a deal: 'supply' names no event of its own."""
        found = classes(text)
        assert (head, "agree") in found
        assert "supply" not in {c for _, c in found}

    @pytest.mark.parametrize(
        "text", ["Russia and Iran sign deal", "The storm damage was vast."]
    )
    def test_a_verb_or_an_incident_before_a_noun_stays(self, text):
        assert len(classes(text)) == 2

    @pytest.mark.parametrize(
        "text",
        [
            "Local fire officials said the crash killed 12.",
            "The fire department said the crash killed 12.",
            "Crash investigators said the storm killed 12.",
        ],
    )
    def test_an_event_noun_before_a_source_names_who_speaks(self, text):
        """'fire officials' are officials: no fire (read as a storm) is told of."""
        found = [word.lower() for word, _ in classes(text)]
        assert found.count("fire") == 0
        assert found.count("crash") == (1 if text.startswith(("Local", "The")) else 0)

    @pytest.mark.parametrize(
        "text",
        ["The fire spread to the hangar.", "The Duma passed the ratification law."],
    )
    def test_an_event_noun_before_other_nouns_still_names_its_event(self, text):
        assert len(classes(text)) >= 1
        assert classes(text)[0][0] in ("fire", "ratification", "passed")

    def test_receiving_a_delivery_is_a_supply(self):
        """'Poland received 492 drones' is the delivery 'Guatemala sent' told from the other side."""
        assert ("received", "supply") in classes(
            "Poland received 492 drones from Guatemala on Jan. 7."
        )

    def test_winning_an_election_is_an_election(self):
        events = bind_values(
            only_claim(
                "Omar Takacs won the presidential election in Palestine on Tuesday."
            )
        )
        assert [m.event_class for m in events.mentions] == ["elect"]

    def test_turnout_and_the_winner_are_one_election(self):
        """A vote share and the election it was won in are one event's."""
        events = bind_values(
            only_claim(
                "Ilse Novak was elected president on Jan. 3, taking 76 percent of the vote."
            )
        )
        assert {m.family for m in events.mentions} == {"election"}
        assert len({m.event_class for m in events.mentions}) == 1


class TestBinding:
    @pytest.mark.parametrize(
        "text",
        [
            "Japan's Nippon Steel on Monday announced a deal to buy U.S. Steel for $14.9 billion.",
            "Nippon Steel sealed an agreement on Monday to acquire US Steel for $14.9 billion.",
            "Nippon Steel signed a definitive agreement with U.S. Steel Corp. to buy U.S. Steel for $14.9 billion.",
            # a verb in its base form, a name and a figure between it and the deal
            "Nippon Steel Corporation is set to acquire U.S. Steel in a $14.9"
            " billion-dollar deal announced early this morning.",
        ],
    )
    def test_an_agreement_to_buy_is_the_takeover(self, text):
        """The deal and the purchase it is to make are one event, named by the
        purchase (lexicon ``agreed_families``): its day and its price are facts
        of one event."""
        events = bind_values(only_claim(text))
        (mention,) = events.mentions
        assert mention.event_class == "acquire"
        assert {b.mention for b in events.bindings} == {0}

    def test_a_base_form_verb_takes_no_event_noun_but_the_agreement(self):
        """ "voted to approve the ratification law on April 8" tells of a
        ratification, dated April 8; only the generic agreement noun ("a
        deal") joins a verb in its base form."""
        events = bind_values(
            only_claim(
                "Russia's lower house, the State Duma, voted to approve the"
                " ratification law on April 8."
            )
        )
        (binding,) = events.bindings
        assert "ratify" == events.mentions[binding.mention].event_class

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            (
                "On Wednesday, the minister lowered the toll from the quake to"
                " around 1,000.",
                ["statement date"],
            ),
            (
                'The government cut the death toll from the earthquakes to "over'
                ' 1,000" on Wednesday.',
                ["statement date"],
            ),
            (
                "Officials cut the death toll from the quakes that hit Herat at the"
                " weekend to around 1,000.",
                ["date"],
            ),
            ("The quake killed 1,000 people on Saturday.", ["date"]),
        ],
        ids=["the revised noun", "after the verb", "a verb between", "no revision"],
    )
    def test_a_date_of_a_revised_figure_dates_the_revision(self, text, expected):
        """A verb of change before what an incident did ("lowered the toll")
        revises a figure: the date of that revision is no date of the
        incident. A comma inside a number ("1,000") parts no clause."""
        assert date_attributes(text) == expected

    @pytest.mark.parametrize(
        ("text", "attribute"),
        [
            (
                "The offer of $55 per share is around a 40% premium to the price at"
                " which Pittsburgh-based U.S. Steel stock closed on Friday.",
                "statement date",
            ),
            (
                "The crash at Muan is the first deadly accident for the country's"
                " largest budget airline, which was set up in 2005.",
                "statement date",
            ),
            ("The crash, which happened on Sunday, killed 179 people.", "date"),
            ("Nippon Steel announced a deal that will close in 2024.", "date"),
        ],
    )
    def test_a_date_in_a_relative_clause_of_another_noun_dates_that_clause(
        self, text, attribute
    ):
        """A date after a relative clause of another noun ("the price at which
        ... stock closed on Friday") does not date the event word before it; one
        in the event word's own relative clause does."""
        claim = only_claim(text)
        (binding,) = [
            b
            for b in bind_values(claim).bindings
            if isinstance(claim.values[b.value_index], DateValue)
        ]
        assert attribute == binding.attribute

    @pytest.mark.parametrize(
        ("text", "counted_by"),
        [
            (
                "Nippon Steel sealed an agreement on Monday to acquire US Steel for"
                " $14.9 billion in cash, winning an auction against Cleveland-Cliffs.",
                "acquire",
            ),
            ("After the quake hit, 12 people were killed.", "kill"),
            ("The quake, which killed 12 people, struck at dawn.", "kill"),
        ],
    )
    def test_a_figure_counts_for_the_event_word_on_its_side_of_a_comma(
        self, text, counted_by
    ):
        """The nearest event word across a comma loses to one on the figure's
        side of it: the price is the takeover's, not the auction's."""
        claim = only_claim(text)
        events = bind_values(claim)
        (binding,) = [
            b
            for b in events.bindings
            if isinstance(claim.values[b.value_index], Quantity)
        ]
        assert counted_by in events.mentions[binding.mention].triggers

    @pytest.mark.parametrize(
        ("text", "second"),
        [
            (
                "A 5.0-magnitude quake hit Paramaribo in Suriname on Jan. 12, as a "
                "magnitude 7.5 quake struck Albania in March 2023.",
                {"magnitude 7.5", "Albania", "in March 2023"},
            ),
            (
                "This 6.3 magnitude earthquake has hit the region around Herat, which "
                "was devastated by a previous quake on October 7.",
                {"on October 7"},
            ),
        ],
    )
    def test_an_indefinite_event_noun_of_its_own_clause_is_another_event(
        self, text, second
    ):
        claim = only_claim(text)
        events = bind_values(claim)
        assert [m.event_class for m in events.mentions] == ["quake", "quake"]
        told = {
            claim.values[b.value_index].text for b in events.bindings if b.mention == 1
        }
        assert told == second

    @pytest.mark.parametrize(
        "text",
        [
            "Nippon Steel agreed to buy U.S. Steel in a $14.9 billion deal.",
            "Russia and Iran signed a strategic partnership agreement on Friday.",
            "Russia struck Kyiv on Friday, killing five people in an attack that lasted hours.",
            "The quake, a magnitude 6.3 quake, struck Herat on Saturday.",
        ],
    )
    def test_an_indefinite_event_noun_that_describes_the_event_is_no_other(self, text):
        assert len(bind_values(only_claim(text)).mentions) == 1

    def test_a_date_in_a_clause_of_its_own_does_not_date_a_later_event_word(self):
        """'Investigators were at the scene on Tuesday, trying to work out how
        the accident happened': Tuesday is the visit's, not the accident's."""
        claim = only_claim(
            "Investigators were at the scene on Tuesday, trying to work out how "
            "the accident happened."
        )
        (binding,) = bind_values(claim).bindings
        assert binding.attribute == "statement date"

    @pytest.mark.parametrize(
        "text",
        [
            "On Friday, Russia and Iran signed a treaty.",
            "A jet flew into a mountain in fog yesterday, killing 118 people.",
        ],
    )
    def test_a_date_before_a_comma_still_dates_the_event(self, text):
        """An opening adverbial has no verb of its own; what an event did
        ("killing 118") shares the day of the clause that tells of it."""
        claim = only_claim(text)
        dates = [
            b
            for b in bind_values(claim).bindings
            if isinstance(claim.values[b.value_index], DateValue)
        ]
        assert [b.attribute for b in dates] == ["date"]

    @pytest.mark.parametrize(
        "text",
        [
            "Harbor Steel agreed to a $2 billion deal to be bought by Coast Mills.",
            "Harbor Steel agreed to be acquired by Coast Mills for $2 billion.",
        ],
    )
    def test_a_passive_infinitive_tells_what_an_agreement_is_to_do(self, text):
        """ "to be bought" takes the participle where "to buy" takes the base
        form: one acquisition, not an agreement and an acquisition."""
        (mention,) = bind_values(only_claim(text)).mentions
        assert mention.event_class == "acquire"

    @pytest.mark.parametrize(
        "text",
        [
            "Harbor Steel signed an agreement under which Coast Mills will buy it.",
            "The firms reached a deal whereby Coast Mills acquires Harbor Steel.",
        ],
    )
    def test_a_clause_setting_out_an_agreements_terms_is_its_event(self, text):
        (mention,) = bind_values(only_claim(text)).mentions
        assert mention.event_class == "acquire"

    def test_a_participle_without_to_be_is_another_event(self):
        events = bind_values(
            only_claim("Harbor Steel agreed to a deal and Coast Mills bought it.")
        )
        assert [m.event_class for m in events.mentions] == ["agree", "acquire"]

    def test_an_agreement_without_to_before_the_verb_is_two_events(self):
        """ "the deal, buying time" is no purpose of the deal."""
        events = bind_values(
            only_claim("Iran signed the treaty and Russia will buy oil.")
        )
        assert [m.event_class for m in events.mentions] == ["sign", "acquire"]

    def test_a_place_of_the_speakers_is_not_the_events(self):
        claim = only_claim(
            "Officials in Poland called the pipeline treaty with Malawi a turning point."
        )
        (binding,) = bind_values(claim).bindings
        assert binding.attribute == "statement place"

    @pytest.mark.parametrize(
        "text",
        [
            "France, Jan. 20 -- The government pressed on after strikes on Thursday.",
            "Kabul, Oct 8 (Reuters) – More than 2,400 people have been killed.",
            "MOSCOW, Jan. 17 – Russia and Iran signed a treaty on Friday.",
            "Rome, March 5 - The League came out ahead in Sunday's election.",
            "Kabul [Afghanistan], October 8 : Saturday's earthquake in Herat has "
            "killed 15 people.",
        ],
    )
    def test_a_dateline_dates_the_report(self, text):
        claim = only_claim(text)
        (first, *_) = sorted(
            (b for b in bind_values(claim).bindings if "date" in b.attribute),
            key=lambda b: claim.values[b.value_index].span.start,
        )
        assert first.attribute == "statement date"

    def test_a_date_after_a_name_and_a_comma_is_no_dateline_without_its_dash(self):
        claim = only_claim("Paris, the capital, was hit by a strike on Jan. 20.")
        dates = [
            b.attribute for b in bind_values(claim).bindings if "date" in b.attribute
        ]
        assert dates == ["date"]

    @pytest.mark.parametrize(
        ("text", "roles"),
        [
            (
                "A plane arriving from Bangkok crashed in Muan County on Sunday.",
                {"Bangkok": "origin", "Muan County": "place"},
            ),
            (
                "Flight 7C2216 from Bangkok, Thailand, had 181 people on board.",
                {"Bangkok": "origin", "Thailand": "origin"},
            ),
        ],
        ids=["with an event word", "without one"],
    )
    def test_a_place_something_came_from_is_its_origin(self, text, roles):
        """'a plane from Bangkok crashed at Muan': Bangkok is where it set out."""
        assert place_roles(text) == roles

    @pytest.mark.parametrize(
        ("text", "roles"),
        [
            (
                "The train had been due at Chicago before 3 p.m.",
                {"Chicago": "destination"},
            ),
            (
                "The train had been due into Chicago's Union Station before 3 p.m.",
                {"Chicago": "destination", "Union Station": "destination"},
            ),
        ],
        ids=["due at", "possessive"],
    )
    def test_a_place_something_was_going_to_is_its_destination(self, text, roles):
        """'due at Chicago' (lexicon ``destination_cues``): where it was
        going, not where it happened; so is a place named by its town's
        possessive ("Chicago's Union Station")."""
        assert place_roles(text) == roles

    @pytest.mark.parametrize(
        ("text", "roles"),
        [
            (
                "The train derailed in Busan, about 84 miles northeast of Seoul.",
                {"Busan": "place", "Seoul": "reference point"},
            ),
            (
                "The quake struck 40 kilometres (25 miles) northwest of Herat on Saturday.",
                {"Herat": "reference point"},
            ),
            (
                "The quake struck in Herat, 40 kilometres from the border, on Saturday.",
                {"Herat": "place"},
            ),
        ],
        ids=["bearing", "converted unit", "distance after the place"],
    )
    def test_a_place_a_distance_is_measured_from_is_a_reference_point(
        self, text, roles
    ):
        """'84 miles northeast of Kansas City': the distance's reference point,
        not where the event happened."""
        assert place_roles(text) == roles

    def test_a_price_per_share_is_one_attribute_whoever_is_named_nearest(self):
        """'$55 a share' and '$55 per share' are one price, said of either company."""
        texts = (
            "Nippon Steel will pay $55 a share for the company.",
            "U.S. Steel said Nippon Steel will pay $55 per share.",
        )
        assert attributes_of(texts) == {"USD (per share)"}

    @pytest.mark.parametrize(
        ("text", "attribute"),
        [
            (
                "China will buy 25 million tons of U.S. soybeans each year.",
                "tonnes (per year)",
            ),
            ("The mine earns the company $2 billion annually.", "USD (per year)"),
            ("Refineries there process 500,000 barrels a day.", "barrels (per day)"),
            ("China will buy 12 million tons of soybeans by January.", "tonnes"),
            ("China bought 12 million tons of soybeans a year ago.", "tonnes"),
            ("It bought 12 million tons, as it does each year.", "tonnes"),
        ],
        ids=[
            "each year",
            "annually",
            "a day",
            "one-off",
            "a year ago",
            "another clause",
        ],
    )
    def test_a_figure_over_a_period_is_a_rate(self, text, attribute):
        """'25 million tons each year' is never a rival of '12 million tons by January'."""
        assert attributes_of((text,), attribute.split()[0]) == {attribute}

    def test_an_age_is_of_whoever_it_qualifies(self):
        """The ages of a 17-year-old aircraft and a 35-year-old man never meet."""
        texts = (
            "The 17-year-old Boeing 767 came down near Busan on Monday.",
            "A 35-year-old man said the plane dropped before it came down.",
        )
        assert attributes_of(texts, "age") == {"years age (boeing)", "years age (man)"}

    def test_a_figure_made_up_of_others_is_their_whole(self):
        claim = only_claim(
            "Cliffs offered $7.3 billion, made up of $17.50 a share in cash plus stock."
        )
        attributes = [b.attribute for b in bind_values(claim).bindings]
        assert any(a.startswith("part of") for a in attributes), attributes

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            (  # the clause is about the survivors, not the crash
                "On Monday the two survivors of the plane crash in South Korea were"
                " recovering in hospitals in Seoul.",
                {
                    "On Monday": "statement date",
                    "South Korea": "place",
                    "Seoul": "statement place",
                },
            ),
            (
                "On Friday the families of the victims of the quake gathered in Herat.",
                {"On Friday": "statement date"},
            ),
            (  # a date inside the phrase still dates its event
                "Officials put the death toll of the Saturday quake at 2,053.",
                {"Saturday": "date"},
            ),
            (  # a word that counts what follows "of" is no other noun
                "On Thursday, large numbers of demonstrators took to the streets of Paris.",
                {"On Thursday": "date"},
            ),
            (  # the dead are what is counted, and where they were is the quake's
                "Many of the dead from the quake were in Puerto Salinar.",
                {"Puerto Salinar": "place"},
            ),
            (  # a verb form is no modifier
                "On Jan. 17 the leaders of Russia and Iran signed a treaty in Moscow.",
                {"On Jan. 17": "date", "Moscow": "place"},
            ),
        ],
    )
    def test_an_event_noun_in_an_of_phrase_of_another_noun_is_not_its_clause(
        self, text, expected
    ):
        """ "the survivors of the crash ... were recovering in Seoul": the date
        before the phrase and the place after the clause's verb are not the
        crash's."""
        claim = only_claim(text)
        got = {
            claim.values[b.value_index].text: b.attribute
            for b in bind_values(claim).bindings
        }
        assert {k: got.get(k) for k in expected} == expected

    @pytest.mark.parametrize(
        ("text", "attribute"),
        [
            (  # "election" modifies "success": Monday dates the hailing
                "On Monday M5S leader Luigi Di Maio hailed the movement's general"
                " election success as historic.",
                "statement date",
            ),
            (  # the election is the head of its phrase
                "On Sunday Italians voted in a general election.",
                "date",
            ),
            (  # no verb between: the date is the noun's
                "On Sunday the election results came in.",
                "date",
            ),
            (  # a date before everything dates the saying after it
                "On Sunday the Red Crescent said 500 people had died.",
                "statement date",
            ),
        ],
    )
    def test_an_event_noun_that_modifies_a_noun_after_a_verb_takes_no_date(
        self, text, attribute
    ):
        assert date_attributes(text) == [attribute]

    @pytest.mark.parametrize(
        ("text", "attributes"),
        [
            (
                "The 62 people killed included 37 women and 25 men.",
                ["people killed", "women killed", "men killed"],
            ),
            (
                "The 62 people killed in the crash comprised 37 women and 25 men.",
                ["people killed", "women killed", "men killed"],
            ),
            (
                "Of 54 people who had survived at first, 15 died later.",
                ["people survived", "part of people killed"],
            ),
            (
                "Of the 181 people on board, 179 died.",
                ["people", "part of people killed"],
            ),
        ],
    )
    def test_a_figure_a_clause_or_verb_makes_a_part_of_another_is_a_part(
        self, text, attributes
    ):
        """'included' is an inflection of the part verb 'include' (lemminflect),
        a figure joined to a part by 'and' is a part too, and a clause opened
        by 'of' makes the figure after it a part of its figure."""
        claim = only_claim(text)
        got = [
            b.attribute
            for b in bind_values(claim).bindings
            if b.attribute not in ("date", "place")
        ]
        assert got == attributes

    def test_a_figure_after_a_clause_not_opened_by_of_is_no_part(self):
        claim = only_claim(
            "Of all the crashes, this one killed 54 people, and 15 died later."
        )
        attributes = [b.attribute for b in bind_values(claim).bindings]
        assert not any(a.startswith("part of") for a in attributes), attributes

    @pytest.mark.parametrize(
        ("text", "attribute"),
        [
            ("Trump and Xi met in Busan, their first talks since 2019.", "since date"),
            (
                "China and Chile agreed to a pause lasting until March 2026.",
                "until date",
            ),
            ("Since Saturday's quake in Herat, people have slept outside.", "date"),
            ("The deal is expected to close by October.", "date"),
            (
                "Turnout was 63.8 percent, lower than in the March 2018 vote.",
                "than date",
            ),
            ("Turnout fell to 63.8 percent in the March 2018 vote.", "date"),
        ],
    )
    def test_a_date_that_bounds_an_event_does_not_date_it(self, text, attribute):
        """'their first since 2019' does not date the talks to 2019; 'since
        Saturday's quake' still dates the quake, and a deadline its event."""
        assert date_attributes(text) == [attribute]

    @pytest.mark.parametrize(
        ("text", "attribute"),
        [
            (
                "Funerals for the victims were held on Wednesday in the stadium.",
                "statement date",
            ),
            (
                "The death toll from the quake rose to 15 on Wednesday.",
                "statement date",
            ),
            ("The quake killed 15 people on Wednesday.", "date"),
        ],
    )
    def test_a_noun_of_what_an_incident_did_dates_nothing(self, text, attribute):
        """'victims' names the dead, not a deed: the Wednesday is the funerals'."""
        assert date_attributes(text) == [attribute]

    @pytest.mark.parametrize(
        ("text", "attributes"),
        [
            (
                "The survey said Saturday's earthquakes hit 35 kilometers from Carrow.",
                ["date"],
            ),
            (
                "Voters turned out in Sunday's general election, officials said on Monday.",
                ["date", "statement date"],
            ),
            (
                "Officials said Monday's figures showed the quake killed 12 people.",
                ["statement date"],
            ),
            (
                "The firm will acquire the mill, a 40% premium to Friday's closing price.",
                ["statement date"],
            ),
            ("Saturday's magnitude 6.3 quake killed 12 people.", ["date"]),
        ],
        ids=[
            "after a statement",
            "beside one",
            "not an event word",
            "another noun's day",
            "a number between",
        ],
    )
    def test_a_possessive_date_is_the_day_of_the_event_it_names(self, text, attributes):
        """'said Saturday's earthquakes hit': the Saturday is the quakes', not the saying's."""
        assert date_attributes(text) == attributes

    @pytest.mark.parametrize(
        ("text", "attributes"),
        [
            (
                "Her coalition won a clear majority in parliament, final results"
                " showed Tuesday.",
                ["statement date"],
            ),
            ("Figures showed on Monday that the quake killed 12.", ["statement date"]),
        ],
        ids=["results showed", "figures showed"],
    )
    def test_what_figures_show_is_a_statement(self, text, attributes):
        """'final results showed Tuesday' dates the results, not the win: a
        source that shows reports, as one that says."""
        assert date_attributes(text) == attributes

    @pytest.mark.parametrize(
        ("text", "attributes"),
        [
            (
                "The offer price is a 40% premium to the mill's closing price on"
                " December 15.",
                ["statement date"],
            ),
            ("The deal signed on Friday ends the dispute.", ["date"]),
            ("The vote will be held on Wednesday.", ["date"]),
            (
                "The earthquake that hit the province in April 2016 killed 600.",
                ["date"],
            ),
        ],
        ids=["offer price", "inflected verb", "auxiliary", "relative"],
    )
    def test_a_date_after_a_modifier_and_a_verb_is_not_the_events(
        self, text, attributes
    ):
        """'The offer price is ... on December 15': the event noun only modifies
        'price'; the clause's verb stands between it and the date."""
        assert date_attributes(text) == attributes

    @pytest.mark.parametrize(
        ("text", "attributes"),
        [
            ("Harbor Steel on Monday announced a deal to buy Coast Mills.", ["date"]),
            (
                "Harbor Steel announced Monday that it is acquiring Coast Mills.",
                ["date"],
            ),
            (
                "Harbor Steel will acquire Coast Mills in a deal announced today.",
                ["date"],
            ),
            (
                "Officials announced on Monday that the quake killed 12 people.",
                ["statement date"],
            ),
            (
                "Harbor Steel said on Monday that it is acquiring Coast Mills.",
                ["date"],
            ),
            (
                "Officials said on Monday that the quake killed 12 people.",
                ["statement date"],
            ),
        ],
        ids=[
            "announced a deal",
            "announced that",
            "deal announced",
            "a quake",
            "said",
            "said of a quake",
        ],
    )
    def test_an_announcement_dates_the_deal_it_makes(self, text, attributes):
        """A takeover is made by announcing it, or by saying it is made; a
        quake is not."""
        assert date_attributes(text) == attributes

    def test_a_court_is_where_the_sentence_was_passed(self):
        claim = only_claim("A court in Khartoum sentenced Ingrid Haddad to 6 years.")
        places = [b for b in bind_values(claim).bindings if "place" in b.attribute]
        assert [b.attribute for b in places] == ["place"]

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("Officials in", True),
            ("Residents of", True),
            ("People in", False),
            ("A court in", False),
            ("A strike in", False),
        ],
    )
    def test_sources_qualified_by_a_place(self, text, expected):
        assert qualifies_source(text) is expected

    def test_a_demonym_before_a_thing_is_no_place(self):
        """'in a Finnish missile attack' says whose missile, not where."""
        claim = only_claim("8 people died in a Finnish missile attack on Shenzhen.")
        places = [v.text for v in claim.values if getattr(v, "role", None) == "place"]
        assert places == ["Shenzhen"]

    def test_a_demonym_before_a_place_noun_is_a_place(self):
        claim = only_claim("They signed the treaty in the Russian capital on Jan. 17.")
        places = [v.text for v in claim.values if getattr(v, "role", None) == "place"]
        assert places == ["Russian"]

    def test_an_attackers_country_is_not_where_the_attack_was(self):
        """Undated and placed by a town the gazetteer does not know, two
        accounts of one strike are not kept apart by the attacker's country."""
        grouping = group_events(
            [
                *extract_claims(
                    article(
                        "a",
                        "Desk A",
                        "32 people were killed when German drones hit Haifa.",
                    )
                ),
                *extract_claims(
                    article(
                        "b", "Desk B", "German drones hit Haifa, killing 32 people."
                    )
                ),
            ]
        )
        for event in grouping.events:
            assert "Germany" not in event.places

    def test_a_day_before_its_month_without_a_year(self):
        (found,) = find_dates("A quake hit Shanghai on 5 January.", published=PUBLISHED)
        assert (found.text, found.earliest) == ("on 5 January", date(2024, 1, 5))


def accounts_of_two_articles(first: str, second: str) -> tuple[Account, Account]:
    """The one account of each of two articles (texts *first* and *second*,
    published on one day)."""
    published = date(2022, 6, 28)
    claims = [
        *extract_claims(article("a", "Desk A", first, published)),
        *extract_claims(article("b", "Desk B", second, published)),
    ]
    ordered = sorted(claims, key=claim_order)
    bound = {c.id: bind_values(c) for c in ordered}
    found = article_accounts(ordered, bound, load_gazetteer())
    (left,), (right,) = (found["a"].accounts, found["b"].accounts)
    return left, right


def level_of_two_articles(first: str, second: str, feature: str) -> str:
    """The level of *feature* between the one account of each of two articles
    (texts *first* and *second*, published on one day)."""
    from reconcile.match.comparisons import compare_accounts

    left, right = accounts_of_two_articles(first, second)
    return compare_accounts(left, right, 50.0, {}).level(feature)


def account(key: str, family: str, countries: set[str], **kwargs) -> Account:
    fields = {
        "key": key,
        "article_id": key,
        "outlet": key,
        "published": PUBLISHED,
        "event_class": family,
        "family": family,
        "triggers": set(),
        "date": None,
        "places": set(),
        "containing": set(),
        "local": set(),
        "names": set(countries),
        "countries": set(countries),
        "text": "",
        "weekday": False,
    }
    fields.update(kwargs)
    return Account(**fields)


def town_account(key: str, town: str, country: str) -> Account:
    """An incident's account placed in *town*, within *country* ("Kazan in Russia")."""
    return account(
        key,
        "incident",
        set(),
        places={town, country},
        local={town},
        containing={country},
    )


class TestComparisons:
    @pytest.mark.parametrize(
        ("winner", "level"),
        [("Viktor Kowalczyk", "same day"), ("Leila Nieminen", "4-7 days")],
        ids=["one winner", "another winner"],
    )
    def test_a_weekday_a_week_off_is_a_misread_unless_the_people_differ(
        self, winner, level
    ):
        """ "Viktor Kowalczyk was elected on Monday", published on the next
        Monday, may be the same Monday misread; "Leila Nieminen was elected on
        Monday" is another election."""
        earlier = account(
            "a",
            "election",
            {"France"},
            event_class="elect",
            names={"France", "Viktor Kowalczyk"},
            date=(date(2024, 1, 8),) * 2,
        )
        later = account(
            "b",
            "election",
            {"France"},
            event_class="elect",
            names={"France", winner},
            date=(date(2024, 1, 15),) * 2,
            weekday=True,
        )
        assert dict(compare_accounts(earlier, later, 60.0, {}).levels)["date"] == level
        assert _date_codes([earlier, later]) == LEVEL_CODES["date"][level]

    @pytest.mark.parametrize(
        ("dated", "level"),
        [
            (date(2024, 1, 5), "unknown, published within a week"),
            (date(2023, 12, 1), "unknown, published further apart"),
        ],
        ids=["days before", "weeks before"],
    )
    def test_an_undated_account_tells_its_articles_news(self, dated, level):
        """An undated account (a headline "Magnitude 7.5 earthquake strikes
        Ukraine", published on January 8) is as far from another account's
        date as its publication is: "a quake struck Ukraine in December"
        is weeks away, another article's quake of January 5 is not."""
        undated = account("a", "incident", {"Ukraine"}, event_class="quake")
        other = account(
            "b", "incident", {"Ukraine"}, event_class="quake", date=(dated,) * 2
        )
        assert dict(compare_accounts(undated, other, 60.0, {}).levels)["date"] == level
        assert _date_codes([undated, other]) == LEVEL_CODES["date"][level]

    @pytest.mark.parametrize(
        ("month", "level"),
        [
            ((date(2024, 1, 1), date(2024, 1, 31)), "same day"),  # holds the day
            ((date(2023, 12, 1), date(2023, 12, 31)), "4-7 days"),  # the month before
            ((date(2023, 10, 1), date(2023, 10, 31)), "further"),  # months before
        ],
    )
    def test_a_month_meets_a_day_of_its_month_or_the_next_only(self, month, level):
        """ "In October 2023, Dominica signed a comparable treaty with Russia"
        is another treaty than the one signed on January 15, 2024."""
        day = account(
            "a", "agreement", {"Dominica", "Russia"}, date=(date(2024, 1, 15),) * 2
        )
        coarse = account("b", "agreement", {"Dominica", "Russia"}, date=month)
        assert dict(compare_accounts(day, coarse, 60.0, {}).levels)["date"] == level
        assert _date_codes([day, coarse]) == LEVEL_CODES["date"][level]

    @pytest.mark.parametrize(
        ("left", "right", "level"),
        [
            (
                (date(1978, 1, 1), date(1978, 12, 31)),
                (date(1979, 1, 1), date(1979, 12, 31)),
                "further",
            ),
            (
                (date(2023, 11, 1), date(2023, 11, 30)),
                (date(2023, 12, 1), date(2023, 12, 31)),
                "further",
            ),
            (
                (date(2023, 12, 1), date(2023, 12, 31)),
                (date(2023, 1, 1), date(2023, 12, 31)),
                "same day",
            ),
            (
                (date(2023, 12, 1), date(2023, 12, 31)),
                (date(2024, 1, 1), date(2024, 12, 31)),
                "4-7 days",
            ),
        ],
    )
    def test_two_years_or_two_months_apart_are_two_events(self, left, right, level):
        """ "established relations in 1978" and "in 1979" are two events; a
        month next to a year it does not lie in may still be a discrepancy."""
        a = account("a", "background", {"North Korea"}, date=left)
        b = account("b", "background", {"North Korea"}, date=right)
        assert dict(compare_accounts(a, b, 60.0, {}).levels)["date"] == level
        assert _date_codes([a, b]) == LEVEL_CODES["date"][level]

    def test_a_town_placed_in_one_country_is_apart_from_another_country(self):
        """ "shook Miami in the United States" and "hit Cyprus": two quakes."""
        miami = town_account("a", "Miami", "United States")
        cyprus = account("b", "incident", set(), places={"Cyprus"})
        levels = dict(compare_accounts(miami, cyprus, 90.0, {}).levels)
        assert levels["place"] == "different"
        unplaced = account(
            "c", "incident", set(), places={"Novo Selo"}, local={"Novo Selo"}
        )
        assert (
            dict(compare_accounts(unplaced, cyprus, 90.0, {}).levels)["place"]
            == "unknown"
        )

    def test_two_towns_of_one_country_are_two_places(self):
        """ "shook Kazan in Russia" and "struck Saint Petersburg in Russia"."""
        kazan = town_account("a", "Kazan", "Russia")
        petersburg = town_account("b", "Saint Petersburg", "Russia")
        country = account("c", "incident", set(), places={"Russia"})
        level = {
            other.key: dict(compare_accounts(kazan, other, 90.0, {}).levels)["place"]
            for other in (petersburg, country)
        }
        assert level == {"b": "different", "c": "same"}

    @pytest.mark.parametrize(
        ("here", "there", "level"),
        [
            ("Muan Airport", "Muan International Airport", "contains"),
            ("Herat", "Herat province", "contains"),
            ("Gimhae Air Base", "Gimhae International Airport", "different"),
        ],
    )
    def test_a_place_named_within_anothers_name_is_that_place(self, here, there, level):
        """ "at Muan Airport" and "at Muan International Airport" place one
        crash; an air base and an airport of one town are two places."""
        a = account("a", "incident", set(), places={here}, local={here})
        b = account("b", "incident", set(), places={there}, local={there})
        assert dict(compare_accounts(a, b, 90.0, {}).levels)["place"] == level
        assert (LEVEL_CODES["place"][level],) == tuple(_place_codes([a, b]).tolist())

    def test_an_account_without_an_event_word_is_no_other_class(self):
        received = account("a", "anaphoric", {"Serbia", "Greece"})
        sent = account("b", "supply", {"Serbia", "Greece"})
        levels = dict(compare_accounts(received, sent, 90.0, {}).levels)
        assert levels["class"] == "no event word"

    def test_an_account_without_an_event_word_between_other_countries(self):
        """'Serbia received shells from Greece' is not 'China received generators from Iceland'."""
        a = account("a", "anaphoric", {"Serbia", "Greece"})
        b = account("b", "anaphoric", {"China", "Iceland"})
        levels = dict(compare_accounts(a, b, 90.0, {}).levels)
        assert levels["names"] == "other parties"

    @pytest.mark.parametrize(
        ("family", "left", "right", "level"),
        [
            ("legal", {"Viktor Kiraly"}, {"Jonas Castellanos"}, "other parties"),
            # outlets name other candidates of one election
            ("election", {"Ana Ruiz"}, {"Omar Lozano"}, "disjoint"),
            # one defendant misspelt
            ("legal", {"Karl Ostrander"}, {"Karl Ostranderr"}, "disjoint"),
            (
                "legal",
                {"Viktor Kiraly", "Judge Ruth Amon"},
                {"Viktor Kiraly"},
                "shared name",
            ),
            ("incident", {"Viktor Kiraly"}, {"Jonas Castellanos"}, "disjoint"),
            # "An Ukrainian court sentenced ...": the country is no party
            (
                "legal",
                {"Carmen Ibarra", "Ukraine"},
                {"Lina Novak", "Ukraine"},
                "other parties",
            ),
            # an election of other candidates: no cannot-link
            (
                "election",
                {"Ana Ruiz", "France"},
                {"Omar Lozano", "France"},
                "shared name",
            ),
        ],
    )
    def test_trials_of_other_defendants_are_other_events(
        self, family, left, right, level
    ):
        """Two sentencings in one court, a week apart by their weekdays, are two
        events when the people they name, spelt alike or not, have no one in
        common; two accounts of an election may name other candidates."""
        a = account("a", family, left & {"Ukraine", "France"}, names=left)
        b = account("b", family, right & {"Ukraine", "France"}, names=right)
        assert level == dict(compare_accounts(a, b, 90.0, {}).levels)["names"]


class TestCopies:
    def test_a_word_for_word_copy_joins_its_originals_event(self):
        """A republished report neither splits its original from the other
        outlets nor moves any claim to another event."""
        texts = {
            "a": "Russia and Iran signed a partnership treaty in Moscow on Friday.",
            "b": "Moscow and Tehran inked the partnership pact on Friday, officials said.",
            "c": "Iran and Russia signed a 20-year treaty in Moscow on Friday.",
        }
        articles = [
            article(k, f"Desk {k}", t, date(2025, 1, 17)) for k, t in texts.items()
        ]
        copy = article("copy-of-a", "Echo", texts["a"], date(2025, 1, 17))
        claims = [c for a in articles for c in extract_claims(a)]
        copied = claims + list(extract_claims(copy))

        def events(grouping):
            return sorted(
                sorted(c for c in e.claim_ids if not c.startswith("copy-of-a"))
                for e in grouping.events
            )

        before, after = group_events(claims), group_events(copied)
        assert events(before) == events(after)
        joined = next(
            e for e in after.events if any(c.startswith("a#") for c in e.claim_ids)
        )
        assert any(c.startswith("copy-of-a#") for c in joined.claim_ids)


LOOK_ALIKES = {
    "agreements of one pair about other things, days apart": (
        "On Friday, Russia and Turkey inked a fertiliser supply agreement in Moscow.",
        "Russia concluded a satellite navigation treaty with Turkey on Monday.",
    ),
    "elections won by two people in two countries": (
        "Lucia Moreau won the presidential election in Chile on Jan. 5.",
        "Omar Lozano won the presidential election in Belgium on Jan. 5.",
    ),
    "one country's strikes on two towns": (
        "A Russian missile strike on Luanda killed 53 people on Jan. 7.",
        "A Russian missile strike on Mumbai killed 23 people on Jan. 7.",
    ),
    "a quake and an attack in one place": (
        "A magnitude 5.7 earthquake hit Mosul on Jan. 7, killing 12 people.",
        "A drone attack hit Mosul on Jan. 7, killing 4 people.",
    ),
    "two winners in one country two days apart": (
        "Bruno Oyelaran won the presidential election in Chile on Jan. 3.",
        "Carmen Benali won the presidential election in Chile on Jan. 5.",
    ),
    "strikes on one city two days apart": (
        "A Russian drone strike on Kharkiv killed 4 people on Jan. 3.",
        "Russian drones hit Kharkiv on Jan. 5, killing 7 people, officials said.",
    ),
    "quakes in one country a week apart": (
        "A magnitude 4.5 earthquake hit Ukraine on Jan. 3.",
        "An earthquake with a magnitude of 7.3 shook Chernihiv in Ukraine on Jan. 10,"
        " seismologists said.",
    ),
    "quakes in one country a day apart, a whole degree apart": (
        "An earthquake with a magnitude of 4.7 shook the United States on Jan. 1,"
        " seismologists said.",
        "An earthquake with a magnitude of 7.9 shook Chicago in the United States"
        " on Jan. 2, seismologists said.",
    ),
    "what two articles open on, of two families, in one city that day": (
        "Diego Nieminen won the presidential election in Moscow on Jan. 8.",
        "The public health accord between Georgia and Russia was inked on Jan. 8"
        " in Moscow.",
    ),
    "a quake and a background quake in one sentence": (
        "A 5.0-magnitude quake hit Paramaribo in Suriname on Jan. 5.",
        "An earthquake of magnitude 5.0 shook Suriname on Jan. 5, as a magnitude 7.5"
        " quake struck Suriname in March 2023.",
    ),
}


class TestOnePersonInTwoTowns:
    """The same parties in two towns are one signing, but one person sentenced
    by courts in two towns is two sentencings."""

    @pytest.mark.parametrize(
        ("first", "second", "fits"),
        [
            (
                "In March 2023, a court in Dushanbe sentenced Marisol Kiraly to "
                "10 years in prison.",
                "In March 2023, a court in Nouakchott sentenced Marisol Kiraly to "
                "24 years.",
                False,
            ),
            (
                "Chile and Peru signed a fisheries pact in Lima in March 2023.",
                "Chile and Peru signed a fisheries pact in Santiago in March 2023.",
                True,
            ),
        ],
        ids=["one person's sentencings", "one pair's signing"],
    )
    def test_places_apart(self, first, second, fits):
        from reconcile.events.coref import _places_fit

        left, right = accounts_of_two_articles(first, second)
        assert _places_fit(left, right) is fits


class TestSuppliedGoods:
    """What a delivery counts says which delivery it is: two deliveries of other
    goods between one pair of countries are two deliveries."""

    @pytest.mark.parametrize(
        ("second", "apart"),
        [
            ("Mozambique received 49 ambulances from Canada on Sunday.", False),
            ("Canada delivered 383 power generators to Mozambique on Sunday.", True),
        ],
        ids=["same goods", "other goods"],
    )
    def test_other_goods_are_another_delivery(self, second, apart):
        from reconcile.match.comparisons import topics_apart

        left, right = accounts_of_two_articles(
            "Canada delivered 49 ambulances to Mozambique on Sunday.", second
        )
        assert left.topics == {"ambulance"}
        assert topics_apart(left, right) is apart


class TestLookAlikes:
    @pytest.mark.parametrize(
        ("left", "right"), LOOK_ALIKES.values(), ids=list(LOOK_ALIKES)
    )
    def test_look_alikes_are_two_events_and_no_conflict(self, left, right):
        result = reconcile(
            [article("a", "Desk A", left), article("b", "Desk B", right)]
        )
        assert len(result.events) == 2
        assert not any(f.status == "conflicting" for f in result.facts)

    def test_one_pairs_talks_in_one_city_three_days_apart_are_two_meetings(self):
        """Reports of one meeting differ by a day at most, as those of one quake."""
        result = reconcile(
            [
                article(
                    "a",
                    "Desk A",
                    "Masoud Pezeshkian hosted Alexander Lukashenko for talks in Minsk"
                    " on Jan. 1.",
                ),
                article(
                    "b",
                    "Desk B",
                    "On Jan. 4, Masoud Pezeshkian and Alexander Lukashenko held talks in"
                    " Minsk, where they discussed grain exports and rail links.",
                ),
            ]
        )
        event_of = {c: e.id for e in result.events for c in e.claim_ids}
        assert event_of["a#1"] != event_of["b#1"]
        assert not any(f.status == "conflicting" for f in result.facts)

    def test_one_agreement_told_with_and_without_its_topic_is_one_event(self):
        """'a fertiliser supply agreement' and 'the agreement', or 'a strategic
        partnership treaty' and 'a partnership agreement', tell of one."""
        result = reconcile(
            [
                article(
                    "a",
                    "Desk A",
                    "Russia and Turkey signed a strategic fertiliser supply agreement"
                    " on Friday.",
                ),
                article(
                    "b", "Desk B", "Russia and Turkey signed the agreement on Friday."
                ),
                article(
                    "c",
                    "Desk C",
                    "Russia and Turkey signed a fertiliser agreement on Friday.",
                ),
            ]
        )
        assert len(result.events) == 1

    @pytest.mark.parametrize(("gap", "apart"), [(1, False), (2, True), (5, True)])
    def test_incidents_more_than_a_day_apart_in_other_words_cannot_link(
        self, gap, apart
    ):
        """Reports of one quake differ by a day at most; two quakes in one
        country five days apart are two, as two days apart are."""
        import numpy as np

        from reconcile.events.coref import _days_apart
        from reconcile.match.comparisons import comparison_matrix

        first = date(2024, 1, 3)
        pair = [
            account(
                "a", "incident", {"Ukraine"}, event_class="quake", date=(first,) * 2
            ),
            account(
                "b",
                "incident",
                {"Ukraine"},
                event_class="quake",
                date=(first + timedelta(days=gap),) * 2,
            ),
        ]
        a, b = np.array([0]), np.array([1])
        matrix = comparison_matrix(pair, a, b, np.array([60.0]), {})
        assert bool(_days_apart(matrix, pair, a, b)[0]) == apart

    @given(
        st.lists(
            st.tuples(
                st.dates(date(2023, 12, 1), date(2024, 2, 1)),
                st.integers(0, 40),
                st.booleans(),
            ),
            min_size=2,
            max_size=8,
        ),
        st.data(),
    )
    def test_the_gaps_of_many_pairs_are_each_pairs_date_gap(self, dated, data):
        """The event stage measures the days between accounts for all pairs at
        once, as :func:`date_gap` does one pair (a weekday the short way round)."""
        import numpy as np

        from reconcile.match.comparisons import date_gap, date_gaps

        accounts = [
            account(
                f"a{i}",
                "incident",
                set(),
                date=(day, day + timedelta(days=length)),
                weekday=weekday,
            )
            for i, (day, length, weekday) in enumerate(dated)
        ]
        indices = st.integers(0, len(accounts) - 1)
        pairs = data.draw(st.lists(st.tuples(indices, indices), min_size=1))
        a, b = (np.array(side) for side in zip(*pairs, strict=True))
        assert date_gaps(accounts, a, b).tolist() == [
            date_gap(accounts[i], accounts[j]) for i, j in pairs
        ]

    def test_an_account_named_by_a_shared_verb_has_no_kind(self):
        """'It struck Mosul' may be the quake: a generic verb names no kind."""
        quake = account(
            "a",
            "incident",
            set(),
            event_class="quake",
            triggers={"quake"},
            kinds={"nature"},
        )
        struck = account(
            "b", "incident", set(), event_class="attack", triggers={"strike"}
        )
        attack = account(
            "c",
            "incident",
            set(),
            event_class="attack",
            triggers={"attack"},
            kinds={"violence"},
        )
        level = {
            other.key: dict(compare_accounts(quake, other, 50.0, {}).levels)["class"]
            for other in (struck, attack)
        }
        assert level == {"b": "related class", "c": "different"}


class TestArticleLeads:
    """What two articles open on may be one event told in words of two
    families ("the government collapsed", "the no-confidence vote"), when
    both name one person and one day."""

    FELL = "Michel Barnier's government collapsed on Wednesday in Paris."
    VOTE = "Lawmakers ousted Michel Barnier in a no-confidence vote on Wednesday."

    def events_of(self, *texts: str) -> dict[str, str]:
        published = date(2024, 12, 4)
        result = reconcile(
            [
                article(f"a{n}", f"Desk {n}", text, published)
                for n, text in enumerate(texts)
            ]
        )
        return {c: e.id for e in result.events for c in e.claim_ids}

    def test_two_openings_naming_one_person_that_day_are_one_event(self):
        event_of = self.events_of(self.FELL, self.VOTE)
        assert event_of["a0#1"] == event_of["a1#1"]

    def test_a_day_apart_they_are_two(self):
        """The government fell on Wednesday; its prime minister resigned on Thursday."""
        event_of = self.events_of(
            self.FELL, "Michel Barnier was ousted in a no-confidence vote on Thursday."
        )
        assert event_of["a0#1"] != event_of["a1#1"]

    @pytest.mark.parametrize(
        "other",
        [
            "Michel Barnier won the presidential election in Israel on Wednesday.",
            "Michel Barnier won the presidential election in Israel.",
        ],
        ids=["another place", "no day"],
    )
    def test_elsewhere_or_undated_they_are_two(self, other):
        """Only both dated to one day, and placed nowhere else, are they one."""
        event_of = self.events_of(self.FELL, other)
        assert event_of["a0#1"] != event_of["a1#1"]

    def test_a_later_paragraph_is_no_opening(self):
        """Only what each article opens on is matched across families."""
        event_of = self.events_of(
            self.FELL,
            "A storm hit Paris on Wednesday. " + self.VOTE,
        )
        assert event_of["a0#1"] != event_of["a1#2"]

    def test_the_class_level(self):
        from reconcile.match.comparisons import compare_accounts

        lead = account(
            "a",
            "consequence",
            set(),
            event_class="harm",
            names={"Michel Barnier"},
            lead=True,
        )
        vote = account(
            "b", "election", set(), event_class="elect", names={"Michel Barnier"}
        )
        other = account(
            "c", "election", set(), event_class="elect", names={"Gabriel Attal"}
        )
        levels = [
            compare_accounts(lead, x, 50.0, {}).level("class")
            for x in (
                attrs.evolve(vote, lead=True),  # both open their articles
                vote,  # one does not
                attrs.evolve(other, lead=True),  # no one in common
            )
        ]
        assert levels == ["leads of their articles", "different", "different"]


class TestRelatedMentionsOfOnePerson:
    def test_a_win_told_first_takes_the_election_of_its_person(self):
        """A mention of a related class that names the account's person is of
        its account whichever comes first: the victory speech told before
        the election is the election's."""
        text = (
            "In her victory speech early on Monday, Giorgia Meloni thanked her"
            " voters.\n\nGiorgia Meloni was elected in Italy's general election,"
            " with 26 percent of the vote."
        )
        claims = sorted(
            extract_claims(article("a", "Desk A", text, date(2022, 9, 26))),
            key=claim_order,
        )
        bound = {c.id: bind_values(c) for c in claims}
        found = article_accounts(claims, bound, load_gazetteer())
        assert found["a"].members == [[("a#1", 0), ("a#2", 0)]]


class TestToldTwiceInOneArticle:
    """Two accounts of one article may join in one event when nothing but
    the article parts them: one class (or incidents of no two named kinds),
    one undated, places that fit, no other parties (an article's talks, then
    "the talks" Trump praised)."""

    def reason(self, left: Account, right: Account) -> str | None:
        from reconcile.events.coref import _CannotLink

        pair = [left, right]
        return _CannotLink(pair, [{"a"}, {"a"}], set()).reason(0, 1)

    def talks(self, key: str, countries: set[str], **kwargs) -> Account:
        fields = {"article_id": "a", "event_class": "meet", "places": {"Busan"}}
        fields.update(kwargs)
        return account(key, "meeting", countries, **fields)

    def test_the_same_talks_told_again_undated_may_join(self):
        dated = self.talks(
            "a@0", {"China", "United States"}, date=(date(2025, 10, 30),) * 2
        )
        praised = self.talks("a@1", {"United States"}, places=set())
        assert self.reason(dated, praised) is None

    @pytest.mark.parametrize(
        "other",
        [
            {"date": (date(2025, 10, 29),) * 2},
            {"event_class": "agree"},
            {"places": {"Gyeongju"}, "local": {"Gyeongju"}},
        ],
        ids=["both dated", "another class", "another town"],
    )
    def test_otherwise_one_article_keeps_them_apart(self, other):
        dated = self.talks(
            "a@0",
            {"China", "United States"},
            date=(date(2025, 10, 30),) * 2,
            local={"Busan"},
        )
        assert self.reason(dated, self.talks("a@1", {"China"}, **other)) == (
            "one article"
        )

    def test_other_parties_stay_apart(self):
        pact = self.talks(
            "a@0", {"China", "United States"}, date=(date(2025, 10, 30),) * 2
        )
        other = self.talks("a@1", {"Japan", "South Korea"})
        assert self.reason(pact, other) == "one article"

    def incident(self, key: str, event_class: str, **kwargs) -> Account:
        fields = {"article_id": "a", "event_class": event_class}
        fields.update(kwargs)
        return account(key, "incident", {"United States"}, **fields)

    def test_an_incident_no_word_names_the_kind_of_may_join_another(self):
        """ "Derailed on Monday near Mendon" and "the train hit a dump truck":
        a generic verb names no kind, so the crash and the "attack" may join."""
        derailed = self.incident("a@0", "crash", date=(date(2022, 6, 27),) * 2)
        hit = self.incident("a@1", "attack", kinds=frozenset())
        assert self.reason(derailed, hit) is None

    def test_incidents_of_two_named_kinds_stay_apart(self):
        crash = self.incident(
            "a@0", "crash", date=(date(2022, 6, 27),) * 2, kinds={"accident"}
        )
        bombing = self.incident("a@1", "attack", kinds={"violence"})
        assert self.reason(crash, bombing) == "one article"


class TestIncidentKinds:
    """Only words that name a kind of incident tell two incidents apart: a
    generic verb, a word of two kinds and what an incident did name none."""

    def class_level(self, first: str, second: str) -> str:
        return level_of_two_articles(first, second, "class")

    def test_a_train_that_hit_a_truck_may_be_the_derailment(self):
        """A verb of many kinds ("hit") and what the incident did ("died")
        do not make the collision an attack."""
        assert (
            self.class_level(
                "Three people died Monday when a train hit a dump truck in Mendon.",
                "A train derailed Monday in Mendon, Missouri.",
            )
            == "related class"
        )

    def test_a_plane_that_caught_fire_may_be_the_crash(self):
        """A word of two kinds ("fire": a gun's, or a blaze) names no kind."""
        assert (
            self.class_level(
                "The plane caught fire on Sunday at Muan airport.",
                "A plane crashed on Sunday at Muan airport.",
            )
            == "related class"
        )

    @pytest.mark.parametrize(
        "attack",
        [
            "On Jan. 13, an Iranian drone strike on Nouakchott killed 42 people.",
            "A drone attack hit Nouakchott on Jan. 13, killing 4 people.",
        ],
        ids=["the noun strike", "the noun attack"],
    )
    def test_a_strike_is_never_the_quake(self, attack):
        """The noun "strike" names an attack, though the verb is shared."""
        assert (
            self.class_level(
                "A 5.1-magnitude quake hit Nouakchott in Mauritania on 12 January.",
                attack,
            )
            == "different"
        )

    def test_named_kinds(self):
        from reconcile.events.binding import named_kinds
        from reconcile.extract.triggers import find_triggers
        from reconcile.lexicon import trigger_lexicon

        lexicon = trigger_lexicon()

        def kinds(text: str) -> tuple[str, ...]:
            (claim,) = extract_claims(article("a", "Desk A", text, date(2024, 1, 2)))
            return named_kinds(find_triggers(claim.text), lexicon)

        assert kinds("A drone strike killed four.") == ("violence",)
        assert kinds("The train struck a truck and four died.") == ()
        assert kinds("The jet caught fire and crashed.") == ("accident",)


class TestSameDayFamilies:
    def test_talks_and_a_deal_signed_the_next_day_are_two_events(self):
        """A summit's talks and the deal signed there give one day; a day
        apart they are two events, not one in conflict over its date."""
        result = reconcile(
            [
                article(
                    "a",
                    "Desk A",
                    "Masoud Pezeshkian met Xi Jinping in Beijing on Jan. 3.",
                    published=date(2024, 1, 5),
                ),
                article(
                    "b",
                    "Desk B",
                    "Yesterday, Masoud Pezeshkian and China signed a railway pact in "
                    "Beijing.",
                    published=date(2024, 1, 5),
                ),
            ]
        )
        assert len(result.events) == 2
        assert not any(f.status == "conflicting" for f in result.facts)

    def test_an_election_and_the_win_declared_the_next_morning_stay_one(self):
        from reconcile.events.coref import _days_apart
        from reconcile.match.comparisons import comparison_matrix

        def dated(key: str, family: str, event_class: str, day: int) -> Account:
            when = (date(2022, 9, day),) * 2
            return account(key, family, {"Italy"}, event_class=event_class, date=when)

        vote = dated("a", "election", "elect", 25)
        win = dated("b", "contest", "win", 26)
        talks = dated("c", "meeting", "meet", 25)
        deal = dated("d", "agreement", "sign", 26)
        accounts = [vote, win, talks, deal]
        a, b = np.array([0, 2]), np.array([1, 3])
        matrix = comparison_matrix(accounts, a, b, np.array([40.0, 40.0]), {})
        assert _days_apart(matrix, accounts, a, b).tolist() == [False, True]


class TestTerms:
    def test_terms_read_by_binding_are_compared(self):
        """'will remain in force for 20 years' and 'committed to cooperate for
        29 years' both say how long the pact runs: a term conflict."""
        result = reconcile(
            [
                article(
                    "a",
                    "Desk A",
                    "Ukraine and Austria signed a pact on Jan. 3.\n\n"
                    "The pact between Ukraine and Austria will remain in force for "
                    "20 years.",
                ),
                article(
                    "b",
                    "Desk B",
                    "Ukraine and Austria signed a pact on Jan. 3.\n\n"
                    "Under the pact, Kyiv and Austria committed to cooperate for "
                    "29 years.",
                ),
            ]
        )
        (term,) = [f for f in result.facts if f.attribute == "term in years"]
        assert term.verdict.status == "conflicting"
        (conflict,) = term.conflicts
        assert sorted(conflict.values) == ["20 years", "29 years"]


class TestMagnitudes:
    def test_magnitudes_a_few_tenths_apart_are_one_quake_in_conflict(self):
        """Outlets differ on one quake by tenths (6.4 and 6.1 on Ecuador's coast)."""
        result = reconcile(
            [
                article(
                    "a", "Desk A", "A magnitude 6.4 earthquake hit Ukraine on Jan. 3."
                ),
                article(
                    "b", "Desk B", "A magnitude 6.1 earthquake hit Ukraine on Jan. 3."
                ),
            ]
        )
        assert len(result.events) == 1
        (fact,) = [f for f in result.facts if f.attribute == "magnitude"]
        assert fact.status == "conflicting"

    def test_magnitudes_more_than_half_a_degree_apart_are_two_quakes(self):
        """Agencies differ on one quake by half a degree at most (7.8 and 7.7,
        6.8 and 7.0); 5.5 and 6.4 on one day in one country are two quakes."""
        result = reconcile(
            [
                article(
                    "a", "Desk A", "On Jan. 14, a magnitude 5.5 earthquake hit China."
                ),
                article(
                    "b",
                    "Desk B",
                    "A magnitude 6.4 earthquake struck China on 14 January.",
                ),
            ]
        )
        assert len(result.events) == 2
        assert all(f.status == "single_source" for f in result.facts)

    def test_an_aftershock_magnitude_does_not_part_its_quake(self):
        """A claim giving several magnitudes ("aftershocks of magnitude 4 and
        5") gives its account none: which is the quake's is not said."""
        result = reconcile(
            [
                article(
                    "a",
                    "Desk A",
                    "An earthquake hit Herat on Jan. 3. The quake was"
                    " followed by aftershocks of magnitude 4 and 5.",
                ),
                article(
                    "b", "Desk B", "A magnitude 6.3 earthquake hit Herat on Jan. 3."
                ),
            ]
        )
        quakes = [e for e in result.events if e.event_class == "quake"]
        assert len(quakes) == 1

    def test_a_draft_takes_no_mention_a_degree_apart(self):
        """In a roundup, a magnitude 5.5 quake is not the magnitude 7.1 one
        told of just before in the same country."""
        result = reconcile(
            [
                article(
                    "a",
                    "Desk A",
                    "A magnitude 7.1 earthquake hit China on Jan. 3.\n\n"
                    "On Jan. 3, a magnitude 5.5 earthquake hit China.",
                )
            ]
        )
        assert len([e for e in result.events if e.event_class == "quake"]) == 2


class TestPeopleWithinAnArticle:
    @pytest.mark.parametrize(
        ("second", "accounts"),
        [
            # Another day, another defendant: another sentencing.
            ("A Haitian court sentenced Tamsin Strand to 16 years today.", 2),
            # The same day: the same sentencing, told again.
            ("A court sentenced Tamsin Strand to 11 years in prison yesterday.", 1),
            # The same defendant on another day is for the comparison to judge.
            ("A court sentenced Stefan Tavares to 11 years today.", 1),
        ],
    )
    def test_a_sentencing_of_another_day_and_person_is_another(self, second, accounts):
        text = (
            "A court in Basseterre sentenced Stefan Tavares to 11 years in prison"
            " yesterday.\n\n" + second
        )
        (claims_a, claims_b) = extract_claims(article("a", "Desk", text))
        found = article_accounts(
            [claims_a, claims_b],
            {c.id: bind_values(c) for c in (claims_a, claims_b)},
            load_gazetteer(),
        )
        assert len(found["a"].accounts) == accounts


class TestPeopleOfOneCase:
    """Within an article, a mention of a related class that names the account's
    person is of that account: the trial of a sentencing, the victory of an
    election."""

    @pytest.mark.parametrize(
        ("colour", "joins"),
        [
            ("Anika Castellanos denied the charges throughout the trial.", True),
            ("Tamsin Strand denied the charges throughout the trial.", False),
        ],
    )
    def test_the_trial_of_the_person_sentenced(self, colour, joins):
        text = (
            "Anika Castellanos was jailed for 3 years by a court in Isfahan on "
            f"Jan. 7.\n\n{colour}"
        )
        result = reconcile([article("a", "Desk", text)])
        together = [e for e in result.events if {"a#1", "a#2"} <= set(e.claim_ids)]
        assert bool(together) is joins

    def test_the_victory_of_the_person_elected(self):
        text = (
            "Voters in Peru elected Lina Okonkwo as president on Jan. 7.\n\n"
            "Crowds gathered in Lima to celebrate the victory of Lina Okonkwo."
        )
        result = reconcile([article("a", "Desk", text)])
        assert [e for e in result.events if {"a#1", "a#2"} <= set(e.claim_ids)]


def test_a_town_of_another_country_is_no_event_of_an_account_placed_in_one():
    """A roundup's "Canadian strike on Chișinău kills 56" after a quake in
    Israel: the town's country is not the account's."""
    text = (
        "A magnitude 7.9 earthquake struck Israel on Sunday.\n\n"
        "Canadian strike on Chișinău kills 56"
    )
    claims = extract_claims(article("a", "Desk", text))
    found = article_accounts(
        claims, {c.id: bind_values(c) for c in claims}, load_gazetteer()
    )
    holding = [{claim_id for claim_id, _ in members} for members in found["a"].members]
    assert len(holding) == 2
    assert all(len(h) == 1 for h in holding)


class TestWeights:
    def test_pairs_that_cannot_link_do_not_teach_m(self):
        """Thousands of look-alike pairs that agree on everything but their
        parties must not make 'other parties' look like a match."""
        from reconcile.match.comparisons import ComparisonVector, default_weights
        from reconcile.match.weights import estimate_weights

        look_alike = ComparisonVector(
            (
                ("class", "same trigger"),
                ("date", "same day"),
                ("place", "unknown"),
                ("names", "other parties"),
                ("wording", ">= 85"),
                ("figures", "none shared"),
            )
        )
        pairs = [look_alike] * 20000
        taught = estimate_weights(pairs, {})
        kept = estimate_weights(pairs, {}, impossible=[True] * len(pairs))
        start = default_weights().m[("names", "other parties")]
        assert taught.m[("names", "other parties")] > 10 * start
        assert kept.m[("names", "other parties")] <= start


class TestWithinAnArticle:
    def test_a_remark_on_the_accord_with_one_party_is_about_the_accord(self):
        text = (
            "Donald Trump and Beijing concluded a water-sharing agreement on Friday.\n\n"
            "Officials in the United States called the water-sharing agreement with "
            "China a turning point in relations."
        )
        grouping = group_events(extract_claims(article("a", "Desk", text)))
        assert len(grouping.events) == 1

    def test_a_mention_named_by_a_generic_verb_joins_the_articles_event(self):
        """'Her party won 26 percent' tells of the election told before it."""
        text = (
            "Brothers of Italy won the general election in Italy on Sunday.\n\n"
            "Her party won the backing of 26 percent of voters."
        )
        grouping = group_events(extract_claims(article("a", "Desk", text)))
        assert [sorted(e.claim_ids) for e in grouping.events] == [["a#1", "a#2"]]

    def test_a_generic_mention_of_another_time_is_its_own_event(self):
        text = (
            "Brothers of Italy won the general election in Italy on Jan. 7.\n\n"
            "The party also won a seat in Rome in March 2018."
        )
        grouping = group_events(extract_claims(article("a", "Desk", text)))
        assert len(grouping.events) == 2

    OPENING = (
        "A passenger jet that left Gimpo Airport in Seoul ran into a landing-gear "
        "fault on Monday.\n\n"
        "A Jeju Air plane crashed at Muan airport on Sunday, killing 179 people.\n\n"
    )

    def test_a_story_opening_on_no_event_word_tells_of_its_own_event(self):
        """The fault of the jet that left Seoul is no part of the crash told
        after it: its town does not place the crash."""
        grouping = group_events(extract_claims(article("a", "Desk", self.OPENING)))
        by_claim = {c: e for e in grouping.events for c in e.claim_ids}
        assert by_claim["a#1"] is not by_claim["a#2"]
        assert by_claim["a#2"].places == ("Muan",)

    def test_a_later_claim_naming_the_openings_town_joins_the_opening(self):
        text = (
            self.OPENING
            + "Its 161 passengers waited for hours at the airport in Seoul."
        )
        grouping = group_events(extract_claims(article("a", "Desk", text)))
        by_claim = {c: e for e in grouping.events for c in e.claim_ids}
        assert by_claim["a#3"] is by_claim["a#1"] is not by_claim["a#2"]

    def test_a_toll_dated_apart_from_every_account_is_of_none(self):
        """'In August 1997, 228 people died' after a crash of last Sunday is a
        toll of another crash, not of Sunday's."""
        text = (
            "A Jeju Air plane crashed at Muan airport on Sunday.\n\n"
            "In August 1997, 228 people died when a Korean Air plane flew into a hill."
        )
        grouping = group_events(extract_claims(article("a", "Desk", text)))
        by_claim = {c: e for e in grouping.events for c in e.claim_ids}
        assert by_claim["a#2"] is not by_claim["a#1"]

    def test_a_calendar_date_dates_the_account_before_a_weekday(self):
        """'on Wednesday (Jan. 4)': the outlet's weekday may be of another
        time zone; the calendar date dates the event."""
        text = "Leaders met for a summit in Busan on Wednesday (Jan. 4)."
        (event,) = group_events(extract_claims(article("a", "Desk", text))).events
        assert event.date == "2024-01-04"

    def test_a_bomb_and_the_attack_it_was_are_one_account(self):
        text = (
            "At least 32 people were killed when German glide bombs hit Haifa today.\n\n"
            "71 people were injured in the attack on Haifa."
        )
        grouping = group_events(extract_claims(article("a", "Desk", text)))
        assert len(grouping.events) == 1

    def test_what_an_incident_did_joins_the_incident_in_its_town(self):
        """The rubble in Haifa is Haifa's, though a look-alike strike on Tel
        Aviv was told of in between."""
        text = (
            "A German missile strike on Haifa killed 32 people on Jan. 5.\n\n"
            "A similar German strike on Tel Aviv killed 25 people in March 2023.\n\n"
            "Rescuers searched the rubble of a school in Haifa for survivors."
        )
        grouping = group_events(extract_claims(article("a", "Desk", text)))
        rubble = next(e for e in grouping.events if "a#3" in e.claim_ids)
        assert "a#1" in rubble.claim_ids

    def test_a_change_is_not_the_level_it_changes(self):
        """'cut tariffs by 10 percent' and 'cut tariffs to 10 percent' are two
        attributes: the same number does not corroborate."""
        by = bind_values(
            only_claim(
                "The United States will cut tariffs on Chinese goods by 10 percent."
            )
        )
        to = bind_values(
            only_claim(
                "The United States will cut tariffs on Chinese goods to 10 percent."
            )
        )
        assert {b.attribute for b in by.bindings} != {b.attribute for b in to.bindings}

    @pytest.mark.parametrize(
        ("text", "change"),
        [
            ("The 5 Star Movement was backed by 14.8 percent of voters.", False),
            ("The bill was approved by 60 percent of lawmakers.", False),
            ("Exports to China fell by 12 percent in March.", True),
            ("Beijing will lower its duties on soybeans by 10 percent.", True),
        ],
    )
    def test_by_gives_a_change_only_after_a_verb_of_change(self, text, change):
        """'backed by 14.8 percent' is a level, 'fell by 12 percent' a change."""
        attributes = attributes_of((text,), "percent")
        assert any("change" in a for a in attributes) == change, attributes

    @pytest.mark.parametrize(
        ("text", "attribute"),
        [
            (
                "Under the agreement, Laos and Emomali Rahmon committed to cooperate"
                " for 15 years.",
                "term in years",
            ),
            (
                "The pact between Ukraine and Austria will remain in force for 20 years.",
                "term in years",
            ),
            ("A court in Paris sentenced Leila Takacs to 6 years in prison.", "years"),
        ],
    )
    def test_how_long_an_agreement_runs_is_its_term(self, text, attribute):
        """'committed to cooperate for 15 years' under a deal is the deal's
        term, as 'a 15-year deal' is; a prison term is not an agreement's."""
        assert attributes_of((text,), "years") == {attribute}

    def test_a_country_after_a_person_only_qualifies_them(self):
        """'X was elected president of France, taking 47 percent': the share
        is X's, as in 'X won the election in France with 47%'."""
        texts = (
            "Viktor Kowalczyk was elected president of France on Jan. 8, taking 47"
            " percent of the vote.",
            "Viktor Kowalczyk won the presidential election in France on Jan. 8"
            " with 47% of the vote.",
        )
        assert attributes_of(texts, "percent") == {"percent (Viktor Kowalczyk)"}

    def test_a_demonym_owns_no_figure(self):
        """'American business' qualifies a noun: the deal's $14.9 billion is
        not the United States' (it was `USD (United States)` beside the other
        outlets' `USD (United States Steel)`)."""
        attributes = attributes_of(
            (
                "Nippon Steel agreed to buy U.S. Steel, one of the best-known names "
                "in American business, in a deal worth $14.9 billion.",
            ),
            "USD",
        )
        assert attributes == {"USD (United States Steel)"}


class TestOwedConflicts:
    def test_one_winner_on_two_days_is_one_election_in_conflict(self):
        result = reconcile(
            [
                article(
                    "a",
                    "Desk A",
                    "Bruno Oyelaran won the presidential election in Chile on Jan. 3.",
                ),
                article(
                    "b",
                    "Desk B",
                    "Chilean voters on Jan. 4 elected Bruno Oyelaran as their president, "
                    "officials said.",
                ),
            ]
        )
        (date_fact,) = [f for f in result.facts if f.attribute == "date"]
        assert date_fact.status == "conflicting"

    def test_two_accounts_without_an_event_word_share_no_class(self):
        a = account("a", "anaphoric", {"Russia"})
        b = account("b", "anaphoric", {"Russia"})
        assert dict(compare_accounts(a, b, 90.0, {}).levels)["class"] == "no event word"


class TestRoundups:
    """One article telling of several look-alike events (a desk's digest)."""

    A = (
        "A storm hit the town of Bellmoor on Monday, killing 3 people.\n\n"
        "In Carrow, a storm destroyed 40 homes on Monday.\n\n"
        "Voters in Denton elected Mary Hale as mayor on Sunday.\n\n"
        "In Eastby, voters elected John Crane as mayor on Sunday."
    )
    B = (
        "Three people died when a storm struck Bellmoor on Monday.\n\n"
        "A storm in Carrow on Monday destroyed 45 homes.\n\n"
        "John Crane was elected mayor of Eastby on Sunday.\n\n"
        "Mary Hale won the mayoral election in Denton on Sunday."
    )

    def test_look_alikes_in_towns_the_gazetteer_does_not_know_stay_apart(self):
        result = reconcile(
            [
                article("a", "Desk A", self.A, date(2024, 3, 5)),
                article("b", "Desk B", self.B, date(2024, 3, 5)),
            ]
        )
        events = sorted(sorted(e.claim_ids) for e in result.events)
        assert events == [
            ["a#1", "b#1"],
            ["a#2", "b#2"],
            ["a#3", "b#4"],
            ["a#4", "b#3"],
        ]
        homes = next(f for f in result.facts if f.attribute == "homes")
        assert homes.status == "conflicting"

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("In Carrow, a storm destroyed 40 homes on Monday.", {"Carrow": False}),
            (
                "Three people died when a storm struck Bellmoor on Monday.",
                {"Bellmoor": False},
            ),
            ("Ecuador lies on the Pacific Ring of Fire and is often struck.", {}),
            ("He built the co-founder of FTX a house.", {}),
            ("Real Madrid beat Liverpool 1-0 in Paris on Saturday.", {}),
        ],
    )
    def test_places_the_wording_marks(self, text, expected):
        from reconcile.events.coref import unknown_places
        from reconcile.extract.actors import load_gazetteer

        assert unknown_places(only_claim(text), load_gazetteer()) == expected


class TestStrikesOnOneCity:
    def test_a_day_apart_with_the_same_toll_is_one_strike_in_conflict(self):
        result = reconcile(
            [
                article(
                    "a",
                    "Desk A",
                    "A Russian drone strike on Kharkiv killed 4 people on Jan. 3.",
                ),
                article(
                    "b",
                    "Desk B",
                    "Russian drones hit Kharkiv on Jan. 4, killing 4 people, officials said.",
                ),
            ]
        )
        (date_fact,) = [f for f in result.facts if f.attribute == "date"]
        assert date_fact.status == "conflicting"


class TestBridges:
    def test_a_month_does_not_bridge_two_days_of_one_place(self):
        """'in August 2024' fits Aug. 10 and Aug. 17; the two days still make two quakes."""
        result = reconcile(
            [
                article(
                    "a",
                    "Desk A",
                    "A magnitude 4.9 earthquake struck Peru on Aug. 17, 2024.",
                    date(2024, 8, 18),
                ),
                article(
                    "b",
                    "Desk B",
                    "A magnitude 7.2 quake struck Peru in August 2024.",
                    date(2024, 10, 2),
                ),
                article(
                    "c",
                    "Desk C",
                    "An earthquake with a magnitude of 7.5 shook Peru on Aug. 10, 2024.",
                    date(2024, 8, 11),
                ),
            ]
        )
        apart = [e for e in result.events if {"a#1", "c#1"} <= set(e.claim_ids)]
        assert apart == []

    def test_where_thankful_officials_are_is_no_place_of_the_event(self):
        claim = only_claim("Officials in Mauritius thanked Greece for the 40 drones.")
        attributes = {b.attribute for b in bind_values(claim).bindings}
        assert "place" not in attributes


class TestBackgroundWithinAnArticle:
    @staticmethod
    def date_of_event_of(text: str, figure: str) -> str | None:
        """The date of the event whose fact holds the figure starting *figure*."""
        result = reconcile([article("a", "Desk", text)])
        (fact,) = [
            f
            for f in result.facts
            if any(v.text.startswith(figure) for c in f.claims for v in c.values)
        ]
        (event,) = [e for e in result.events if e.id == fact.event]
        return event.date

    def test_a_toll_told_after_a_background_is_of_the_article_event(self):
        """'They were among the deadliest quakes this year, after quakes in
        Turkey in February': the toll told next is the Herat quake's."""
        text = (
            "A magnitude 6.3 earthquake struck Herat on Jan. 6.\n\n"
            "They were among the deadliest quakes this year, after quakes in "
            "Turkey in February.\n\n"
            "A spokesman said 2,445 people were killed."
        )
        assert self.date_of_event_of(text, "2,445") == "2024-01-06"

    def test_the_rest_of_a_background_sentence_stays_with_it(self):
        """A sentence split in two claims ("... hit a seawall" and "sent the
        aircraft spinning, killing three passengers") tells of one crash."""
        text = (
            "A Jeju Air plane crashed at Muan on Jan. 6, killing 179 people.\n\n"
            "In July 2013, an Asiana Airlines plane crashed at the San Francisco "
            "airport after the tail of the jet hit a seawall short of the runway "
            "and sent the aircraft spinning, killing three passengers."
        )
        assert self.date_of_event_of(text, "three") == "2013-07-01/2013-07-31"


class TestTheNewsOfAnArticle:
    """An undated mention tells the article's news, not a background event
    dated weeks before publication; a late report keeps its undated mentions
    with the event it opens on."""

    @staticmethod
    def event_of(text: str, claim_id: str, published: date) -> tuple[str, ...]:
        result = reconcile([article("a", "Desk", text, published)])
        (event,) = [e for e in result.events if claim_id in e.claim_ids]
        return event.claim_ids

    @staticmethod
    def event_dated(text: str, day: str, published: date) -> tuple[str, ...]:
        """The claims of the one event dated *day* of an article."""
        result = reconcile([article("a", "Desk", text, published)])
        (event,) = [e for e in result.events if e.date == day]
        return event.claim_ids

    def test_an_undated_vote_is_not_an_election_told_months_before(self):
        text = (
            "French lawmakers voted the prime minister out.\n\n"
            "Macron must name a new one for the second time since the "
            "legislative elections in July.\n\n"
            "The motion passed the National Assembly with 331 votes."
        )
        july = self.event_dated(text, "2024-07-01/2024-07-31", date(2024, 12, 4))
        assert "a#3" not in july

    def test_a_word_that_only_came_with_the_old_event_does_not_name_it(self):
        """The June election's mention gave no date to its "votes": an undated
        vote later in the article is not of that election."""
        text = (
            "The government collapsed on Wednesday.\n\n"
            "Macron called snap elections on June 30, but no party won a "
            "majority of votes.\n\n"
            "In the lower house, 331 lawmakers voted against the government."
        )
        assert "a#3" not in self.event_dated(text, "2024-06-30", date(2024, 12, 4))

    def test_the_opening_is_no_older_event_of_its_own_words(self):
        text = (
            "A plane crash took place at Muan International Airport.\n\n"
            "The worst was the crash of Korean Air Flight 801 on August 6, 1997."
        )
        assert self.event_of(text, "a#1", date(2024, 12, 30)) == ("a#1",)

    def test_an_undated_mention_naming_the_old_event_still_tells_of_it(self):
        text = (
            "The party won the parliamentary election in July.\n\n"
            "Lawmakers met on Monday.\n\n"
            "The election left the assembly split in three."
        )
        assert "a#3" in self.event_of(text, "a#1", date(2024, 12, 4))

    def test_a_late_report_keeps_its_undated_mentions_with_its_opening(self):
        text = (
            "An earthquake shook Chicago in the United States on January 15, "
            "2024.\n\n"
            "131 people died in the quake in the United States, officials said."
        )
        assert self.event_of(text, "a#1", date(2024, 2, 24)) == ("a#1", "a#2")

    def test_each_item_of_a_roundup_opens_on_its_news(self):
        """A roundup's second item, a late report of a sentencing, keeps the
        undated trial with it."""
        text = (
            "Storm floods Carrow\n\n"
            "A storm flooded Carrow on Sunday.\n\n"
            "Court in San José jails Stefan Yilmaz for 14 years\n\n"
            "On January 7, 2024, a court in San José sentenced Stefan Yilmaz to "
            "14 years in prison.\n\n"
            "Stefan Yilmaz denied the charges throughout the trial in San José."
        )
        assert "a#4" in self.event_of(text, "a#3", date(2024, 5, 6))

    def test_months_apart_are_two_events_of_one_article(self):
        """Adjacent months are a day apart at their edges, but not one event."""
        text = (
            "The vote came months after elections in September.\n\n"
            "In October, Barnier survived an earlier no-confidence vote."
        )
        october = self.event_dated(text, "2024-10-01/2024-10-31", date(2024, 12, 4))
        assert "a#1" not in october


class TestHeadlineClaims:
    """The headline printed in the body is a claim marked ``headline``: it
    supports the facts it gives values to, in the account of its class."""

    def test_a_headline_joins_the_account_of_its_class(self):
        text = (
            "Quake kills 12 in Herat\n\n"
            "A magnitude 6.3 earthquake struck Herat on Jan. 6, killing 12 people."
        )
        result = reconcile([article("a", "Desk", text, PUBLISHED)])
        (quake,) = [e for e in result.events if e.event_class == "quake"]
        assert quake.claim_ids == ("a#1", "a#2")
        (toll,) = [f for f in result.facts if f.attribute == "people killed"]
        assert {c.id for c in toll.claims} == {"a#1", "a#2"}

    def test_a_headline_does_not_place_another_event(self):
        """'Russia and Iran tighten ties as missile strike hits eastern Ukraine'
        names the strike's place, not the signing's."""
        text = (
            "Russia and Iran tighten ties as deadly missile strike hits eastern "
            "Ukraine\n\n"
            "Russia and Iran signed a treaty on Friday.\n\n"
            "A Russian missile strike on Kryvyi Rih in Ukraine killed four people "
            "on Friday."
        )
        result = reconcile([article("a", "Desk", text, PUBLISHED)])
        (signing,) = [e for e in result.events if e.event_class == "sign"]
        assert "Ukraine" not in signing.places
        assert "a#1" not in signing.claim_ids

    def test_a_headline_lends_no_origin_to_another_outlets_proposition(self):
        """A headline restates its own story: another outlet's sentence worded
        alike is not corroborated by it."""
        line = "Putin says relations with Tehran reach a new level"
        result = reconcile(
            [
                article("a", "Desk A", f"{line}\n\nThe two leaders met in Moscow."),
                article("b", "Desk B", f"{line}.\n\nThe talks lasted three hours."),
            ]
        )
        (fact,) = [f for f in result.facts if any(c.id == "b#1" for c in f.claims)]
        assert {c.id for c in fact.claims} == {"b#1"}


class TestOutvotedMisfit:
    """One account that took a town from another event of its article (a jet
    that left Seoul, told beside the crash) must not keep two halves of the
    crash apart: it leaves, and the halves join."""

    DAY = (date(2024, 1, 7), date(2024, 1, 7))

    def merge(self, rest_date=DAY, rest_places=frozenset({"South Korea"})):
        from reconcile.events.coref import _constrained_merge

        def crash(key, day, **places):
            return account(
                key, "incident", set(), event_class="crash", date=day, **places
            )

        accounts = [
            crash("a1", rest_date, places=set(rest_places)),
            crash("a2", rest_date, places=set(rest_places)),
            crash("m", self.DAY, places={"Seoul"}, local={"Seoul"}),
            *(
                crash(
                    key,
                    self.DAY,
                    places={"Busan", "South Korea"},
                    local={"Busan"},
                    containing={"South Korea"},
                )
                for key in ("b1", "b2")
            ),
        ]
        pairs = [(0, 1, 10), (0, 2, 9), (1, 2, 9), (3, 4, 10), (0, 3, 8), (1, 4, 8)]
        impossible_pairs = [(2, 3), (2, 4)]
        a = np.array([p[0] for p in pairs] + [p[0] for p in impossible_pairs])
        b = np.array([p[1] for p in pairs] + [p[1] for p in impossible_pairs])
        scores = np.array([p[2] for p in pairs] + [5.0] * len(impossible_pairs))
        impossible = np.array([False] * len(pairs) + [True] * len(impossible_pairs))
        articles = [{x.article_id} for x in accounts]
        clusters = _constrained_merge(accounts, articles, a, b, scores, impossible, 0.0)
        return sorted(clusters)

    def test_the_misfit_leaves_and_the_halves_join(self):
        assert self.merge() == [[0, 1, 3, 4], [2]]

    def test_not_when_the_rest_tells_of_another_day(self):
        """Two quakes of one country a day apart: the one account placed in a
        town is no misfit when the rest of its cluster is of another day."""
        day_after = (date(2024, 1, 8), date(2024, 1, 8))
        assert self.merge(rest_date=day_after) == [[0, 1, 2], [3, 4]]

    def test_not_when_the_rest_names_no_place(self):
        """Then the misfit's town is all its cluster says of where it was."""
        assert self.merge(rest_places=frozenset()) == [[0, 1, 2], [3, 4]]

    def test_an_undated_rest_outvotes_the_one_day_of_its_cluster(self):
        """One outlet's wrong day ("On March 30", of an October summit) is all
        that dates its cluster: the undated rest joins the other half."""
        assert self.merge(rest_date=None) == [[0, 1, 3, 4], [2]]


class TestPropositions:
    """What a claim states beyond its values is a proposition of its event."""

    @staticmethod
    def facts(*texts: str):
        desks = [
            article(chr(97 + i), f"Desk {chr(65 + i)}", text)
            for i, text in enumerate(texts)
        ]
        return reconcile(desks).facts

    def test_a_claim_giving_only_a_place_states_a_proposition(self):
        """'X denied the charges throughout the trial in Cairo' says more than
        where the trial was: its denial is single-source, while Cairo is
        corroborated."""
        facts = self.facts(
            "Viktor Quist was sentenced to six years in prison by a court in Cairo "
            "on Monday.\n\nViktor Quist denied the charges throughout the trial in Cairo.",
            "A court in Cairo sentenced Viktor Quist to six years in prison on Monday.",
        )
        of_denial = {f.attribute: f for f in facts if "a#2" in {c.id for c in f.claims}}
        assert of_denial["statement"].status == "single_source"
        assert of_denial["place"].status == "corroborated"
        claim = next(c for c in of_denial["statement"].claims if c.id == "a#2")
        assert bind_values(claim).states_proposition

    def test_officials_of_two_places_state_two_propositions(self):
        facts = self.facts(
            "Laos and Montenegro signed a customs deal in Vientiane on Friday.\n\n"
            "Officials in Laos called the customs deal with Montenegro a turning point "
            "in relations.",
            "Laos and Montenegro signed a customs deal in Vientiane on Friday.\n\n"
            "Officials in Montenegro called the customs deal with Laos a turning point "
            "in relations.",
        )
        statements = [
            sorted(c.id for c in f.claims) for f in facts if f.attribute == "statement"
        ]
        assert sorted(statements) == [["a#2"], ["b#2"]]

    def test_a_dated_meeting_does_not_corroborate_its_talks_topic(self):
        """'X met Y in Paris on 9 January' lies inside 'during the talks in
        Paris, X and Y discussed nuclear energy' but states no topic."""
        facts = self.facts(
            "Olaf Scholz met Emmanuel Macron in Paris on 9 January 2024.\n\n"
            "During the talks in Paris, Olaf Scholz and Emmanuel Macron discussed "
            "nuclear energy.",
            "Emmanuel Macron met Olaf Scholz in Paris on January 9, 2024.",
        )
        (topic,) = [f for f in facts if f.attribute == "statement"]
        assert [c.id for c in topic.claims] == ["a#2"]
        assert topic.status == "single_source"

    def test_a_dated_sentence_sharing_no_words_states_no_proposition(self):
        """'Germany and France established diplomatic relations in 2000' may
        fall in one cluster with the talks (France, Germany: whom Macron and
        Scholz serve) but says nothing of their topic."""
        facts = self.facts(
            "Olaf Scholz met Emmanuel Macron in Paris on 9 January 2024.\n\n"
            "During the talks in Paris, Olaf Scholz and Emmanuel Macron discussed "
            "nuclear energy.",
            "On January 9, 2024, Olaf Scholz met Emmanuel Macron in Paris.\n\n"
            "Germany and France established diplomatic relations in 2000.",
        )
        (topic,) = [
            f
            for f in facts
            if f.attribute == "statement" and "a#2" in {c.id for c in f.claims}
        ]
        assert [c.id for c in topic.claims] == ["a#2"]
        assert topic.status == "single_source"

    def test_talks_held_do_not_state_their_topic(self):
        """'held talks' is 'talked' ('hold' is a light verb, no frame word): the
        dated talks lie inside 'discussed mining during the talks' and do not
        corroborate the topic."""
        facts = self.facts(
            "During the talks in London, Keir Starmer and Shavkat Mirziyoyev "
            "discussed mining.",
            "Keir Starmer and Shavkat Mirziyoyev held talks in London on Jan. 3.",
        )
        (topic,) = [
            f
            for f in facts
            if f.attribute == "statement" and "a#1" in {c.id for c in f.claims}
        ]
        assert [c.id for c in topic.claims] == ["a#1"]
        assert topic.status == "single_source"

    def test_a_signing_does_not_state_what_the_deal_was_called(self):
        """'Iran described the agreement with Greece as a new chapter' shares
        its names and 'agreement' with the signing, and nothing it says."""
        facts = self.facts(
            "On Tuesday, Iran and Greece signed a nuclear energy agreement in "
            "Athens.\n\nIran described the agreement with Greece as a new chapter "
            "in bilateral relations.",
            "The nuclear energy agreement between Iran and Athens was concluded on "
            "Tuesday in Athens.",
        )
        (called,) = [
            f
            for f in facts
            if f.attribute == "statement" and "a#2" in {c.id for c in f.claims}
        ]
        assert [c.id for c in called.claims] == ["a#2"]
        assert called.status == "single_source"


class TestStatementDates:
    def test_a_copy_of_an_unattributed_statement_joins_its_fact(self):
        """'Aid flights will land in Manta on Thursday' and its wire copy are
        one statement, dated once, whoever ran the copy."""
        text = (
            "A magnitude 6.8 earthquake struck Ecuador's coast on Tuesday.\n\n"
            "The first aid flights will land in Manta on Thursday."
        )
        original = article("a", "Desk A", text)
        copy = article("b", "Desk B", text)
        result = reconcile([original, copy])
        facts = {c.id: f for f in result.facts for c in f.claims}
        assert facts["a#2"] is facts["b#2"]


class TestBlocking:
    @staticmethod
    def events_of_two(left: str, right: str, days: tuple[date, date]) -> int:
        """How many events two one-sentence reports of two desks give."""
        a = article("a", "Desk A", left, published=days[0])
        b = article("b", "Desk B", right, published=days[1])
        return len(reconcile([a, b]).events)

    def test_background_told_by_month_and_by_year_meets(self):
        """'in April 2016' (naming nothing) and 'in 2016' (in Manabí): one quake."""
        assert (
            self.events_of_two(
                "The magnitude 7.8 earthquake that devastated the same province in "
                "April 2016 killed more than 600 people.",
                "A magnitude 7.8 quake in 2016 killed more than 600 people in Manabí.",
                (date(2025, 11, 4), date(2025, 11, 5)),
            )
            == 1
        )

    def test_incidents_of_one_day_meet_whatever_names_they_hold(self):
        """One report names only the minister it quotes, the other only the
        province: incidents are told apart by place and day, so both meet."""
        assert (
            self.events_of_two(
                "On Wednesday Health Minister Qalandar Ebad said an earthquake of "
                "magnitude 6.3 struck Wednesday morning, killing one person.",
                "A magnitude 6.3 quake hit Herat on Wednesday, killing one person.",
                (date(2023, 10, 11), date(2023, 10, 11)),
            )
            == 1
        )

    def test_pairs_grow_linearly_when_one_name_is_everywhere(self):
        """A name every report holds ("Russia") is no block of its own: its
        accounts are paired within weeks, so pairs grow with the accounts."""
        from datetime import timedelta

        from reconcile.events.coref import _candidate_pairs

        def feed(days: int) -> list[Account]:
            start = date(2024, 1, 1)
            return [
                account(
                    f"a{n}",
                    "agreement",
                    {"Russia"},
                    date=(start + timedelta(days=n // 2),) * 2,
                    published=start + timedelta(days=n // 2),
                )
                for n in range(days * 2)
            ]

        small, large = (len(_candidate_pairs(feed(days))[0]) for days in (300, 600))
        assert 0 < small
        assert large <= 2.2 * small
        assert small <= 300 * 2 * 40

    def test_accounts_of_related_families_sharing_a_name_are_candidates(self):
        """A summit (meeting) and the agreement it reached may be one event,
        so blocking pairs them; a meeting and a quake naming one city are
        never one event and are not paired by name."""
        from reconcile.events.coref import _candidate_pairs

        day = (date(2025, 10, 30),) * 2
        accounts = [
            account("talks", "meeting", {"Busan", "Donald Trump"}, date=day),
            account("deal", "agreement", {"Donald Trump"}, date=day),
            account("quake", "incident", {"Busan"}),
        ]
        a, b = _candidate_pairs(accounts)
        assert sorted(zip(a.tolist(), b.tolist(), strict=True)) == [(0, 1)]


class TestHeadings:
    @pytest.mark.parametrize(
        "line",
        [
            "Featured Video Of The Day",
            "Associated Press's Profile Picture",
            "NDTV Auto Episode 23 | Reviewing The Mercedes-AMG Sedan And The BMW Coupe",
        ],
    )
    def test_a_line_in_title_case_gives_no_claim(self, line):
        text = (
            "A quake struck Herat on Saturday, killing 12 people.\n\n"
            f"{line}\n\n"
            "Rescuers searched the rubble for survivors on Sunday."
        )
        claims = extract_claims(article("a", "Desk", text))
        assert [c.text for c in claims] == [
            "A quake struck Herat on Saturday, killing 12 people.",
            "Rescuers searched the rubble for survivors on Sunday.",
        ]

    def test_a_headline_of_names_around_a_verb_in_lower_case_is_a_claim(self):
        """Nearly every long word of "Giorgia Meloni meets Volodymyr Zelensky in
        Kyiv" is capitalised, but its verb is not: a headline, not a heading."""
        text = (
            "Giorgia Meloni meets Volodymyr Zelensky in Kyiv\n\n"
            "Giorgia Meloni met Volodymyr Zelensky in Kyiv on Tuesday."
        )
        claims = extract_claims(article("a", "Desk", text))
        assert claims[0].text == "Giorgia Meloni meets Volodymyr Zelensky in Kyiv"
        assert claims[0].headline

    def test_a_sentence_with_names_is_still_a_claim(self):
        (claim,) = extract_claims(
            article(
                "a", "Desk", "Vladimir Putin Met Masoud Pezeshkian In Moscow On Friday."
            )
        )
        assert claim.text.startswith("Vladimir Putin")


@pytest.fixture(scope="module")
def feed_accounts() -> list[Account]:
    """The accounts of every fixture set and of a small synthetic feed."""
    from reconcile.events.coref import _accounts
    from reconcile.extract.actors import load_gazetteer

    from .conftest import fixtures_and_feed

    claims = sorted(
        (c for a in fixtures_and_feed(700, seed=3) for c in extract_claims(a)),
        key=lambda c: (c.article_id, c.span.start, c.id),
    )
    bound = {c.id: bind_values(c) for c in claims}
    accounts, _ = _accounts(claims, bound, load_gazetteer())
    return accounts


def _feed_pairs(accounts: list[Account]):
    """The candidate pairs of *accounts*, then every pair of the first 60."""
    import numpy as np

    from reconcile.events.coref import _candidate_pairs

    a, b = _candidate_pairs(accounts)
    x, y = np.triu_indices(60, 1)
    return np.concatenate([a, x]), np.concatenate([b, y])


def _reference_incompatible(vector, left: Account, right: Account) -> bool:
    """The cannot-link rules of coref, one pair at a time (as they were written
    before :func:`reconcile.events.coref._incompatible` took a whole matrix)."""
    from reconcile.events.coref import CANNOT_LINK, _group
    from reconcile.lexicon import trigger_lexicon
    from reconcile.match.comparisons import (
        PERSON_FAMILIES,
        date_gap,
        is_coarse,
        topics_apart,
    )

    if topics_apart(left, right):
        return True  # agreements about other things
    levels = dict(vector.levels)
    if levels["class"] == "leads of their articles" and (
        levels["date"] != "same day" or levels["place"] == "different"
    ):
        return True  # two articles' openings, of another day or place
    if (
        levels["place"] == "different"
        and levels["names"] == "same names"
        and not {left.family, right.family} <= PERSON_FAMILIES
    ):
        levels["place"] = "unknown"
    incidents = "incident" in (_group(left.family), _group(right.family))
    one_day = (
        frozenset((_group(left.family), _group(right.family)))
        in trigger_lexicon().same_day
    )
    if (
        levels["date"] in ("1-3 days", "4-7 days")
        and levels["wording"] != ">= 85"
        and not (is_coarse(left) or is_coarse(right))
        and (date_gap(left, right) > 1 or (one_day and date_gap(left, right) > 0))
    ):
        return True
    if (
        levels["names"] == "disjoint"
        and levels["date"] in ("1-3 days", "4-7 days")
        and not incidents
    ):
        return True
    return any((f, lv) in CANNOT_LINK for f, lv in levels.items())


class TestDaysJoinedByAnd:
    @pytest.mark.parametrize(
        ("text", "days"),
        [
            (
                "Macron called snap elections, held in two rounds, on June 30 and"
                " July 7.",
                (date(2023, 6, 30), date(2023, 7, 7)),
            ),
            (
                "The two leaders met on Wednesday (Oct. 30).",
                (date(2023, 10, 30), date(2023, 10, 30)),
            ),
        ],
        ids=["two rounds: both days", "a day named twice: the calendar date"],
    )
    def test_an_accounts_days(self, text, days):
        """An event given days joined by "and" holds them all, so another
        outlet's "in July" meets it; a weekday beside a date is still read as
        that date."""
        from reconcile.events.coref import _mention_date

        claim = only_claim(text)
        events = bind_values(claim)

        assert _mention_date(claim, events, 0) == days


class TestSharedFigures:
    """Two accounts that give one exact figure are evidence of one event; figures
    that differ count nothing against it (they are what a conflict is made of)."""

    @pytest.mark.parametrize(
        ("left", "right", "level"),
        [
            ({(331.0, "")}, {(331.0, ""), (288.0, "")}, "shared figure"),
            ({(10.0, "percent")}, {(10.0, "")}, "none shared"),
            ({(331.0, "")}, {(330.0, "")}, "none shared"),
            (set(), {(331.0, "")}, "none shared"),
        ],
        ids=["one in common", "other units", "other figures", "no figures"],
    )
    def test_the_figures_level(self, left, right, level):
        """Pair by pair and over a matrix alike."""
        import numpy as np

        from reconcile.match.comparisons import LEVEL_CODES, comparison_matrix

        accounts = [
            account("a", "election", {"France"}, figures=left),
            account("b", "election", {"France"}, figures=right),
        ]
        vector = compare_accounts(*accounts, 60.0, {})
        matrix = comparison_matrix(
            accounts, np.array([0]), np.array([1]), np.array([60.0]), {}
        )

        assert vector.level("figures") == level
        assert matrix.column("figures").tolist() == [LEVEL_CODES["figures"][level]]

    def test_no_figure_in_common_weighs_nothing(self):
        """Whatever m and u the corpus gives it, "none shared" weighs 0 bits;
        a shared figure weighs for one event."""
        from reconcile.match.comparisons import (
            NEUTRAL_LEVELS,
            MatchWeights,
            default_weights,
        )

        weights = default_weights()
        skewed = MatchWeights(
            {**weights.m, ("figures", "none shared"): 0.1},
            {**weights.u, ("figures", "none shared"): 0.9},
            weights.prior,
        )

        assert ("figures", "none shared") in NEUTRAL_LEVELS
        assert skewed.weight("figures", "none shared") == 0.0
        assert skewed.weight("figures", "shared figure") > 1.0

    @pytest.mark.parametrize(
        ("text", "figures"),
        [
            ("In all, 331 lawmakers voted for the motion.", {(331.0, "")}),
            ("The motion passed with 331 votes.", {(331.0, "")}),
            ("He cut tariffs on China to 10 percent.", {(10.0, "percent")}),
            ("More than 300 lawmakers voted for the motion.", set()),
        ],
        ids=["lawmakers", "votes", "percent", "a bound"],
    )
    def test_an_accounts_figures(self, text, figures):
        """Exact figures only, with their unit unless they may count people."""
        from reconcile.events.coref import _mention_figures

        claim = only_claim(text)
        events = bind_values(claim)

        assert _mention_figures(claim, events, 0) == figures


class TestComparisonMatrix:
    def test_each_row_is_the_pairs_comparison_vector(self, feed_accounts):
        """Row k of the matrix reads back as compare_accounts of pair k."""
        import numpy as np

        from reconcile.events.coref import _name_share
        from reconcile.match.comparisons import comparison_matrix

        a, b = _feed_pairs(feed_accounts)
        share = _name_share(feed_accounts)
        similarity = np.linspace(0.0, 100.0, len(a))
        matrix = comparison_matrix(feed_accounts, a, b, similarity, share)
        expected = [
            compare_accounts(feed_accounts[i], feed_accounts[j], s, share)
            for i, j, s in zip(a.tolist(), b.tolist(), similarity.tolist(), strict=True)
        ]

        assert expected == [matrix.vector(k) for k in range(len(matrix))]
        assert len({v.levels for v in expected}) > 20
        assert {v.level("figures") for v in expected} == {
            "shared figure",
            "none shared",
        }

    def test_the_matrix_gives_the_weights_and_scores_of_its_vectors(
        self, feed_accounts
    ):
        """estimate_weights and scores_of give the same numbers for a matrix
        as for the vectors it holds."""
        import numpy as np

        from reconcile.events.coref import _name_share
        from reconcile.match.comparisons import comparison_matrix
        from reconcile.match.weights import estimate_weights, scores_of

        a, b = _feed_pairs(feed_accounts)
        share = _name_share(feed_accounts)
        similarity = np.linspace(0.0, 100.0, len(a))
        matrix = comparison_matrix(feed_accounts, a, b, similarity, share)
        vectors = [matrix.vector(k) for k in range(len(matrix))]
        randoms = matrix.levels[::7], matrix.shared[::7]
        random_matrix = type(matrix)(*randoms, matrix.names)
        impossible = np.arange(len(a)) % 5 == 0

        from_matrix = estimate_weights(
            matrix, share, random_matrix, impossible=impossible
        )
        from_vectors = estimate_weights(
            vectors, share, vectors[::7], impossible=impossible.tolist()
        )

        assert from_vectors == from_matrix
        assert scores_of(vectors, from_vectors).tolist() == (
            scores_of(matrix, from_matrix).tolist()
        )
        assert any(v.shared_name for v in vectors)

    def test_cannot_link_over_the_matrix_is_the_rule_pair_by_pair(self, feed_accounts):
        """The cannot-link rules computed over the whole matrix say what they
        say of each pair alone."""
        import numpy as np

        from reconcile.events.coref import _apart, _days_apart, _name_share
        from reconcile.match.comparisons import comparison_matrix

        a, b = _feed_pairs(feed_accounts)
        share = _name_share(feed_accounts)
        similarity = np.linspace(0.0, 100.0, len(a))
        matrix = comparison_matrix(feed_accounts, a, b, similarity, share)
        expected = [
            _reference_incompatible(
                matrix.vector(k), feed_accounts[i], feed_accounts[j]
            )
            for k, (i, j) in enumerate(zip(a.tolist(), b.tolist(), strict=True))
        ]

        found = _apart(matrix, feed_accounts, a, b) | _days_apart(
            matrix, feed_accounts, a, b
        )

        assert expected == found.tolist()
        assert 0 < sum(expected) < len(expected)

    def test_wording_measured_later_gives_the_levels_of_wording_measured_first(
        self, feed_accounts
    ):
        """A matrix made without wording (NaN), then given it, equals one made
        with it; unmeasured wording is the lowest level."""
        import numpy as np

        from reconcile.events.coref import _name_share
        from reconcile.match.comparisons import LEVEL_CODES, comparison_matrix

        a, b = _feed_pairs(feed_accounts)
        share = _name_share(feed_accounts)
        similarity = np.linspace(0.0, 100.0, len(a))
        unmeasured = comparison_matrix(
            feed_accounts, a, b, np.full(len(a), np.nan), share
        )
        measured = comparison_matrix(feed_accounts, a, b, similarity, share)

        assert (unmeasured.with_wording(similarity).levels == measured.levels).all()
        assert set(unmeasured.column("wording").tolist()) == {
            LEVEL_CODES["wording"]["< 50"]
        }

    def test_a_matrix_of_the_wrong_shape_is_refused(self):
        """A matrix needs one column per feature and one shared name per row."""
        import numpy as np

        from reconcile.match.comparisons import ComparisonMatrix

        with pytest.raises(ValueError, match="one column per feature"):
            ComparisonMatrix(np.zeros((3, 4), np.int8), np.full(3, -1, np.int32))

    def test_a_vector_without_every_feature_is_refused(self):
        """A vector that lacks a feature (one made before figures were
        compared) is refused by name, not misread."""
        from reconcile.match.comparisons import ComparisonMatrix, ComparisonVector

        old = ComparisonVector(
            (
                ("class", "same trigger"),
                ("date", "same day"),
                ("place", "same"),
                ("names", "same names"),
                ("wording", ">= 85"),
            )
        )
        with pytest.raises(ValueError, match="one level of each feature"):
            ComparisonMatrix.from_vectors([old])


def _feed_scores(accounts: list[Account]):
    """The candidate pairs of *accounts*, their comparisons, whether each
    cannot link, their scores and the weights, as group_events makes them."""
    from reconcile.config import Config
    from reconcile.events.coref import (
        _apart,
        _candidate_pairs,
        _days_apart,
        _name_share,
        _wording,
    )
    from reconcile.match.comparisons import comparison_matrix
    from reconcile.match.weights import estimate_weights, scores_of

    a, b = _candidate_pairs(accounts)
    share = _name_share(accounts)
    matrix = comparison_matrix(
        accounts, a, b, _wording(accounts, a, b, Config()), share
    )
    impossible = _apart(matrix, accounts, a, b) | _days_apart(matrix, accounts, a, b)
    weights = estimate_weights(matrix, share, impossible=impossible)
    return a, b, matrix, impossible, scores_of(matrix, weights), weights


class TestAcrossArticles:
    def test_the_merge_blocks_what_the_pair_by_pair_merge_blocks(self, feed_accounts):
        """Looking up cannot-link pairs only inside linked components merges
        the accounts as looking up every pair does."""
        from reconcile.events.coref import _bits, _CannotLink, _constrained_merge

        a, b, _, impossible, scores, _ = _feed_scores(feed_accounts)
        articles = [{x.article_id} for x in feed_accounts]
        threshold = _bits(0.5)
        n = len(feed_accounts)
        blocked = {
            int(i) * n + int(j)
            for i, j, no in zip(a.tolist(), b.tolist(), impossible, strict=True)
            if no
        }
        every_pair = _CannotLink(feed_accounts, articles, blocked)
        order = sorted(
            (k for k in range(len(scores)) if scores[k] >= threshold),
            key=lambda k: (-scores[k], int(a[k]), int(b[k])),
        )
        group = {i: [i] for i in range(n)}  # each account's group, by its number
        lowest = list(range(n))
        fresh = n
        for k in order:
            x, y = sorted((lowest[int(a[k])], lowest[int(b[k])]))
            if x == y:
                continue
            if not every_pair.compatible(group[x], group[y]):
                # One misfit outvoted by the rest of its group leaves it.
                misfit = every_pair.outvoted(group[x], group[y])
                if misfit is None or misfit in (int(a[k]), int(b[k])):
                    continue
                group[lowest[misfit]].remove(misfit)
                group[fresh], lowest[misfit] = [misfit], fresh
                fresh += 1
            group[x] += group.pop(y)
            for i in group[x]:
                lowest[i] = x
        found = _constrained_merge(
            feed_accounts, articles, a, b, scores, impossible, threshold
        )

        assert sorted(sorted(g) for g in group.values()) == sorted(found)
        assert max(map(len, found)) > 2

    def test_each_account_keeps_the_waterfall_of_its_best_pair(self, feed_accounts):
        """An account's evidence is its best-scoring pair inside its event, the
        earliest pair on a tie."""
        from reconcile.events.coref import _bits, _constrained_merge, _evidence
        from reconcile.match.comparisons import explain

        a, b, matrix, impossible, scores, weights = _feed_scores(feed_accounts)
        articles = [{x.article_id} for x in feed_accounts]
        clusters = _constrained_merge(
            feed_accounts, articles, a, b, scores, impossible, _bits(0.5)
        )
        cluster_of = {i: n for n, cl in enumerate(clusters) for i in cl}
        best: dict[int, tuple[float, int]] = {}
        for k, (i, j) in enumerate(zip(a.tolist(), b.tolist(), strict=True)):
            if cluster_of[i] == cluster_of[j]:
                for me in (i, j):
                    if me not in best or scores[k] > best[me][0]:
                        best[me] = (float(scores[k]), k)
        expected = {
            me: explain(matrix.vector(k), weights) for me, (_, k) in best.items()
        }

        assert expected == _evidence(clusters, a, b, scores, matrix, weights)
        assert len(expected) > 20

    def test_candidate_pairs_are_every_pair_of_every_block(self, feed_accounts):
        """Pairs made for all blocks of one size at once are the pairs of each
        block, made one block at a time."""
        import numpy as np

        from reconcile.events.coref import (
            BLOCK_CAP,
            _article_codes,
            _block_family,
            _candidate_pairs,
            _week,
        )
        from reconcile.match.comparisons import people_of

        article = _article_codes(feed_accounts)
        blocks: dict[tuple, list[int]] = {}
        for index, x in enumerate(feed_accounts):
            for name in x.names | x.places:
                blocks.setdefault((_block_family(x.family), name), []).append(index)
            for name in people_of(x) if x.lead else ():
                blocks.setdefault(("lead", name), []).append(index)
        expected = set()
        for members in blocks.values():
            groups = [members]
            if len(members) > BLOCK_CAP:
                weeks: dict[object, list[int]] = {}
                for index in members:
                    x = feed_accounts[index]
                    day = x.date[0] if x.date else x.published
                    weeks.setdefault(_week(day), []).append(index)
                    if day is not None:
                        weeks.setdefault(_week(day) + 1, []).append(index)
                groups = list(weeks.values())
            for group in groups:
                ids = sorted(set(group))[: BLOCK_CAP * 4]
                for p, i in enumerate(ids):
                    expected.update((i, j) for j in ids[p + 1 :])
        expected = {(i, j) for i, j in expected if article[i] != article[j]}
        a, b = _candidate_pairs(feed_accounts)
        found = set(zip(a.tolist(), b.tolist(), strict=True))

        assert expected <= found
        assert all(
            not (feed_accounts[i].names or feed_accounts[i].places)
            or not (feed_accounts[j].names or feed_accounts[j].places)
            or feed_accounts[i].family == "anaphoric"
            or feed_accounts[j].family == "anaphoric"
            or _incidents_of_one_day(feed_accounts[i], feed_accounts[j])
            for i, j in found - expected
        )
        assert np.all(a < b)
        assert len(expected) > 100

    def test_the_wording_of_pairs_kept_apart_changes_nothing(self, feed_accounts):
        """Measuring the wording of every candidate pair, as well as of those
        that may link, gives the same weights, events and evidence."""
        from reconcile.config import Config
        from reconcile.events.coref import (
            _apart,
            _bits,
            _cluster_distinct,
            _constrained_merge,
            _evidence,
            _name_share,
            _random_pairs,
            _wording,
        )
        from reconcile.match.comparisons import LEVEL_CODES, comparison_matrix
        from reconcile.match.weights import estimate_weights, scores_of

        articles = [{x.article_id} for x in feed_accounts]
        a, b, matrix, impossible, _, _ = _feed_scores(feed_accounts)
        share = _name_share(feed_accounts)
        ra, rb = _random_pairs(feed_accounts)
        randoms = comparison_matrix(
            feed_accounts, ra, rb, _wording(feed_accounts, ra, rb, Config()), share
        )
        weights = estimate_weights(matrix, share, randoms, impossible=impossible)
        scores = scores_of(matrix, weights)
        clusters = _constrained_merge(
            feed_accounts, articles, a, b, scores, impossible, _bits(0.5)
        )
        expected = (
            weights,
            clusters,
            _evidence(clusters, a, b, scores, matrix, weights),
        )

        apart = _apart(matrix, feed_accounts, a, b)
        worded = matrix.column("wording")[apart] != LEVEL_CODES["wording"]["< 50"]

        assert expected == _cluster_distinct(feed_accounts, articles, Config())
        assert worded.sum() > 100


def test_known_accounts_are_taken_as_they_are_and_the_others_built():
    """An article's accounts depend on its own claims only: group_events reuses
    those it is given (an add's earlier articles) and builds the rest, and the
    events are those of building them all."""
    articles = [
        Article(
            "a",
            "Desk A",
            "A storm killed four people in Oakvale on Monday.",
            published=date(2025, 3, 4),
        ),
        Article(
            "b",
            "Desk B",
            "A storm killed four people in Oakvale on Monday, officials said.",
            published=date(2025, 3, 4),
        ),
    ]
    claims = [c for a in articles for c in extract_claims(a)]
    whole = group_events(claims)
    again = group_events(claims, known_accounts={"a": whole.accounts["a"]})
    assert again.accounts["a"] is whole.accounts["a"]
    assert again.accounts["b"] is not whole.accounts["b"]
    assert again.accounts == whole.accounts
    assert again.events == whole.events
    assert [key for key, _ in whole.events[0].evidence] == ["a@0", "b@0"]


_PUBLISHED = st.one_of(st.none(), st.dates(date(1, 1, 1), date(9999, 12, 31)))


@given(
    st.lists(
        st.tuples(_PUBLISHED, st.sampled_from("abc"), st.integers(0, 3)),
        min_size=2,
        max_size=12,
    )
)
def test_fact_order_orders_facts_as_their_earliest_claims_order(firsts):
    """`fact_order` sorts facts as `claim_order` of their first claim, then their id, do."""
    facts = [
        FactCluster(
            f"F{n}",
            "E1",
            "date",
            (
                Claim(
                    f"{article}#{n}",
                    article,
                    "Desk",
                    "x",
                    Span(start, start + 1),
                    published=published,
                ),
            ),
            f"{article}#{n}",
            (),
        )
        for n, (published, article, start) in enumerate(firsts)
    ]
    by_claim_order = sorted(facts, key=lambda f: (claim_order(f.claims[0]), f.fact_id))

    assert by_claim_order == sorted(facts, key=fact_order)


def test_group_events_holds_the_bindings_given_when_they_bind_every_claim():
    """Bindings of every claim are used as given (not copied); missing ones are bound."""
    claims = extract_claims(
        article(
            "a",
            "Desk",
            "Russia and Iran signed a treaty on Friday. A quake killed 12 people.",
        )
    )
    every = {c.id: bind_values(c) for c in claims}
    some = dict(list(every.items())[:1])

    assert group_events(claims, bindings=every).bindings is every
    assert every == dict(group_events(claims, bindings=some).bindings)
    assert every == dict(group_events(claims).bindings)


class TestUnnamedFigures:
    """A figure with no counted noun, unit or measure is known by what its
    claim says: it meets the unnamed figures of claims worded alike only."""

    ARTICLES = (
        (
            "a",
            "Desk A",
            "A train derailed in Seoul on Monday, killing 3 people."
            " Police said 87 were aboard the train.",
        ),
        (
            "b",
            "Desk B",
            "Three people died when a train derailed in Seoul on Monday."
            " Firefighters said 90 were aboard the train.",
        ),
        (
            "c",
            "Desk C",
            "On Monday a train derailed in Seoul; 3 people were killed."
            " Seoul, population about 160, was quiet.",
        ),
    )

    def facts(self, ids: str) -> list[tuple[str, tuple[str, ...]]]:
        result = reconcile(
            [
                article(aid, outlet, text)
                for aid, outlet, text in self.ARTICLES
                if aid in ids
            ]
        )
        return sorted(
            (f.status, tuple(c.id for c in f.claims))
            for f in result.facts
            if f.attribute == "figure"
        )

    def test_claims_worded_alike_compare_their_unnamed_figures(self):
        assert self.facts("ab") == [("conflicting", ("a#2", "b#2"))]

    def test_unnamed_figures_of_unlike_claims_are_two_facts(self):
        """'87 were aboard' and 'population about 160' share an event, not a fact."""
        assert self.facts("ac") == [
            ("single_source", ("a#2",)),
            ("single_source", ("c#3",)),
        ]

    def test_every_unnamed_figure_lands_in_a_fact_of_its_own_id(self):
        result = reconcile(
            [article(aid, outlet, text) for aid, outlet, text in self.ARTICLES]
        )
        figures = [f for f in result.facts if f.attribute == "figure"]
        assert sorted(c.id for f in figures for c in f.claims) == ["a#2", "b#2", "c#3"]
        assert len({f.id for f in figures}) == len(figures) == 2


class TestReferencePoints:
    def accounts_joined(self, first: str, second: str) -> int:
        published = date(2023, 10, 8)
        result = reconcile(
            [
                article("a", "Desk A", first, published),
                article("b", "Desk B", second, published),
            ]
        )
        return len(result.events)

    def test_an_event_near_a_place_meets_one_placed_there(self):
        """'40 kilometres northwest of Herat' is near Herat, not elsewhere."""
        assert (
            self.accounts_joined(
                "The quake struck 40 kilometres northwest of Herat on Saturday, killing 12 people.",
                "An earthquake hit Herat on Saturday, killing 12 people.",
            )
            == 1
        )

    def test_an_event_near_a_place_is_apart_from_another_town(self):
        assert (
            self.accounts_joined(
                "The quake struck 40 kilometres northwest of Herat on Saturday, killing 12 people.",
                "An earthquake hit Kabul on Saturday, killing 12 people.",
            )
            == 2
        )


class TestNearAPlace:
    """An account placed only by the place a distance is measured from is near
    it: it meets an account placed there, and is told apart from none."""

    def place_level(self, first: str, second: str) -> str:
        return level_of_two_articles(first, second, "place")

    def test_a_town_apposed_to_its_state_is_in_it(self):
        """ "near Mendon, Missouri" places the event in Missouri too."""
        assert (
            self.place_level(
                "The train derailed on Monday near Mendon, Missouri.",
                "The train derailed on Monday in rural Missouri.",
            )
            == "same"
        )

    @pytest.mark.parametrize(
        ("town", "level"),
        [
            ("near Brentwood", "unknown"),
            ("near Brentwood, Nevada", "different"),
            ("in Reno", "different"),
        ],
        ids=["placed nowhere", "in another state", "known elsewhere"],
    )
    def test_a_region_may_hold_a_town_placed_nowhere(self, town, level):
        """A region, as a country, says nothing against a town the gazetteer
        places nowhere; against one placed elsewhere it says two places."""
        assert (
            self.place_level(
                "The train hit a car on Sunday in rural California.",
                f"The train hit a car on Sunday {town}.",
            )
            == level
        )

    def test_near_a_city_is_not_apart_from_its_state(self):
        assert (
            self.place_level(
                "The train derailed on Monday about 84 miles northeast of Kansas City.",
                "The train derailed on Monday in rural Missouri.",
            )
            == "unknown"
        )

    def test_near_a_city_is_apart_from_another_city(self):
        assert (
            self.place_level(
                "The train derailed on Monday about 84 miles northeast of Kansas City.",
                "The train derailed on Monday in Memphis.",
            )
            == "different"
        )

    @pytest.mark.parametrize(
        "elsewhere",
        [
            "The train derailed on Monday in France.",
            "The train derailed on Monday in rural Bavaria.",
        ],
        ids=["another country", "a region of another country"],
    )
    def test_near_a_city_is_apart_from_another_country(self, elsewhere):
        assert (
            self.place_level(
                "The train derailed on Monday about 84 miles northeast of Kansas City.",
                elsewhere,
            )
            == "different"
        )

    def test_near_a_city_meets_the_city(self):
        assert (
            self.place_level(
                "The train derailed on Monday about 84 miles northeast of Kansas City.",
                "The train derailed on Monday in Kansas City.",
            )
            == "same"
        )

    @pytest.mark.parametrize(
        ("town", "fits"),
        [("near Brentwood", True), ("in Reno", False)],
        ids=["placed nowhere", "known elsewhere"],
    )
    def test_no_rule_keeps_a_region_from_a_town_placed_nowhere(self, town, fits):
        """The cannot-link rules agree with the place level: accounts placed
        in California and near an unknown town may be one event's."""
        from reconcile.events.coref import _places_fit

        left, right = accounts_of_two_articles(
            "The train hit a car on Sunday in rural California.",
            f"The train hit a car on Sunday {town}.",
        )
        assert _places_fit(left, right) is fits
