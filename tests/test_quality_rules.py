"""General matching and comparison rules behind the fixture scores, each on sentences of our own."""

from datetime import date

from reconcile import reconcile
from reconcile.compare.values import are_twins
from reconcile.extract import extract_claims
from reconcile.match import claim_frame
from reconcile.model import Article


def article(aid: str, outlet: str, text: str, published=date(2025, 3, 4)) -> Article:
    return Article(id=aid, outlet=outlet, text=text, published=published)


def claims_of(text: str, aid: str = "a", outlet: str = "Desk"):
    return extract_claims(article(aid, outlet, text))


def fact_holding(result, quote: str, attribute: str = "date"):
    """The fact holding the claim that contains *quote*: the one of *attribute*
    when the claim supplies several facts of its event."""
    holding = [f for f in result.facts if any(quote in c.text for c in f.claims)]
    preferred = [f for f in holding if f.attribute == attribute]
    return (preferred or holding)[0]


class TestStems:
    def test_a_silent_e_does_not_split_a_word_from_its_inflections(self):
        """'issue' and 'issued', 'side' and 'sides' fold to one frame token each."""
        (a,) = claims_of("The port authority will issue a storm notice for each side.")
        (b,) = claims_of("The port authority issued a storm notice for both sides.")

        assert set(claim_frame(a).tokens) == set(claim_frame(b).tokens)


class TestLocatingFigures:
    def test_a_time_offset_gives_no_figure_dimension(self):
        """'reopened three hours later' says when, not how many."""
        (claim,) = claims_of(
            "The motorway was closed after the pile-up and reopened three hours later."
        )

        assert frozenset() == claim_frame(claim).dimensions

    def test_a_distance_offset_gives_no_figure_dimension(self):
        """'40 km east of the capital' says where, not how many."""
        (claim,) = claims_of(
            "The blast destroyed a fuel depot about 40 km east of the capital."
        )

        assert frozenset() == claim_frame(claim).dimensions

    def test_a_counted_figure_keeps_its_dimension(self):
        (claim,) = claims_of("The new pipeline is 300 km long.")

        assert {"qty_km"} == set(claim_frame(claim).dimensions)

    def test_an_earthquake_time_claim_meets_one_with_an_epicentre_distance(self):
        """The quake's time, with or without where its epicentre lay, is one fact."""
        left = article(
            "left",
            "Inland Post",
            "A powerful earthquake struck the Valdoria highlands at 3:15 a.m. on Monday,"
            " cutting roads to several mountain villages.",
        )
        right = article(
            "right",
            "Harbour Times",
            "The earthquake struck the highlands at 3:15 a.m. on Monday, its epicentre"
            " about 30 km north of the village of Rocca.",
        )

        fact = fact_holding(reconcile([left, right]), "cutting roads")

        assert {"left", "right"} == {c.article_id for c in fact.claims}


class TestClaimSetting:
    def test_a_claim_naming_no_country_is_about_the_previous_claims(self):
        """In a round-up, 'the agency' after a sentence on India is India's."""
        claims = claims_of(
            "A cyclone made landfall in eastern India on Monday, the weather office said.\n\n"
            "The office did not issue a flood alert for the northern coast.\n\n"
            "In Chile, the central bank held its key rate.\n\n"
            "Brazil's senate passed a budget bill on Monday."
        )

        assert "India" in claims[1].setting

    def test_a_claim_that_does_not_refer_back_keeps_its_articles_setting(self):
        """'The death toll rose' after a sentence on aid from Colombia is not Colombia's."""
        claims = claims_of(
            "Aid flights from Colombia and Peru landed at the airport on Thursday.\n\n"
            "The death toll from the landslide rose to 20 on Friday."
        )

        assert "Colombia" not in claims[1].setting

    def test_negated_look_alikes_in_different_countries_stay_apart(self):
        """'no flood alert' for India's coast is not 'no flood alert' for Peru's coast."""
        roundup = article(
            "roundup",
            "World Digest",
            "A cyclone made landfall in eastern India on Monday, the weather office said.\n\n"
            "The office did not issue a flood alert for the northern coast.\n\n"
            "In Chile, the central bank held its key rate.",
        )
        local = article(
            "local",
            "Lima Ledger",
            "Heavy rain hit Peru's northern coast on Monday.\n\n"
            "The navy said no flood alert had been issued for the coast.\n\n"
            "Peru's government sent emergency crews to the region.",
        )

        fact = fact_holding(reconcile([roundup, local]), "flood alert had been issued")

        assert {"local"} == {c.article_id for c in fact.claims}


class TestNegatedTwins:
    def test_a_denial_with_its_own_attribution_is_the_twin_of_a_longer_affirmation(
        self,
    ):
        """'X said no alert had been issued' denies 'an alert was issued ... and lifted later'."""
        (affirmed,) = claims_of(
            "A flood alert was issued for the river towns shortly after the storm"
            " and lifted about three hours later."
        )
        (negated,) = claims_of(
            "The state weather agency said no flood alert had been issued for the river towns."
        )

        assert are_twins(affirmed, negated)

    def test_a_denial_of_something_else_is_no_twin(self):
        (affirmed,) = claims_of(
            "The ministry said the new dam would supply water to three provinces."
        )
        (negated,) = claims_of(
            "The ministry said the dam was not aimed at any province."
        )

        assert not are_twins(affirmed, negated)

    def test_an_affirmed_and_a_denied_alert_conflict(self):
        left = article(
            "left",
            "Delta Courier",
            "Heavy rain hit the Vellmar delta on Monday.\n\n"
            "A flood alert was issued for the river towns shortly after the storm"
            " and lifted about three hours later.",
        )
        right = article(
            "right",
            "Valley Echo",
            "Heavy rain hit the Vellmar delta on Monday.\n\n"
            "The state weather agency said no flood alert had been issued for the river towns.",
        )

        fact = fact_holding(
            reconcile([left, right]), "flood alert was issued", "statement"
        )

        assert "conflicting" == fact.status
        assert ["polarity"] == [c.kind for c in fact.conflicts]


def caucasus(aid: str, outlet: str, *sentences: str) -> Article:
    """An article about Armenia and Azerbaijan, ending with *sentences*."""
    return article(
        aid,
        outlet,
        "\n\n".join(
            (
                "Armenia and Azerbaijan have argued over their border for decades.",
                "Azerbaijan and Armenia reopened a rail link across the frontier last year.",
                *sentences,
            )
        ),
    )


class TestPartyWords:
    def test_sides_countries_and_parties_fold_to_one_token(self):
        """'each side', 'neither country' and 'any third party' name the parties alike."""
        frames = [
            claim_frame(c)
            for c in claims_of(
                "Neither country will support a state that strikes the other.\n\n"
                "Both sides vowed never to assist any third party in a war."
            )
        ]

        assert all("party" in f.tokens for f in frames)

    def test_a_mutual_pledge_in_other_words_is_one_fact(self):
        left = caucasus(
            "left",
            "Highland Post",
            "Under the accord, neither country will support an aggressor that strikes the other.",
        )
        right = caucasus(
            "right",
            "Lowland Times",
            "Both sides vowed never to help an aggressor against the other.",
        )

        fact = fact_holding(reconcile([left, right]), "neither country", "statement")

        assert {"left", "right"} == {c.article_id for c in fact.claims}


class TestPrincipalActors:
    def test_actors_of_another_dated_event_are_not_the_claims(self):
        """'..., days before China hosts a summit': China is not a party to the accord."""
        from reconcile.extract import load_gazetteer

        (claim,) = claims_of(
            "Armenia and Azerbaijan sealed a peace accord in Washington,"
            " only days before China hosts a regional summit."
        )

        assert {"Armenia", "Azerbaijan"} == set(
            claim_frame(claim, load_gazetteer()).actors
        )


class TestImpliedParties:
    def test_a_speakers_claim_about_the_stories_accord_is_not_another_pairs_accord(
        self,
    ):
        """'the accord opened a new era', in a report on Armenia and Azerbaijan, is not
        'Georgia and Azerbaijan signed an accord'."""
        story = caucasus(
            "story",
            "Highland Post",
            "Mr Aliyev said the accord opened a new era in relations between the two neighbours.",
        )
        other = article(
            "other",
            "Tbilisi Brief",
            "Georgia and Azerbaijan signed a strategic accord on Monday, opening a new era"
            " in relations between the two neighbours.",
        )

        fact = fact_holding(reconcile([story, other]), "Georgia and Azerbaijan signed")

        assert {"other"} == {c.article_id for c in fact.claims}


class TestWireCopyBlocking:
    def test_a_wire_copy_with_another_day_still_meets_the_other_outlets(self):
        """Words only two wire copies share are no rare link: a day changed in one copy
        still meets the third outlet's report, and conflicts with it."""
        own = article(
            "own",
            "Harbour Times",
            "A violent storm struck the northern coast on Monday, flooding homes in the"
            " fishing port of Carrow.",
        )
        wire = "The storm struck the northern coast on {day} morning, tearing the roofs off rows of wooden huts in the fishing port of Carrow."
        first = article("first", "Coast Daily", wire.format(day="Monday"))
        # A day off (Sunday for Monday): two days off, an incident told in
        # other words would be another incident.
        second = article("second", "Bay Herald", wire.format(day="Sunday"))

        fact = fact_holding(reconcile([own, first, second]), "Sunday")

        assert {"own", "first", "second"} == {c.article_id for c in fact.claims}
        assert "conflicting" == fact.status


class TestSubjects:
    def test_another_subject_is_another_fact_whatever_third_countries_both_name(self):
        """'Kenya has sent police to Haiti ... alongside Jamaica' is not 'Chile has sent ...'."""
        left = article(
            "left",
            "Nairobi Star",
            "Kenya has sent 400 police officers to Haiti to fight gangs alongside Jamaica.",
        )
        right = article(
            "right",
            "Andes Wire",
            "Chile has sent 400 police officers to Haiti to fight gangs alongside Jamaica.",
        )

        result = reconcile([left, right])

        assert 2 == len(result.events)
        assert [] == [
            f.id
            for f in result.facts
            if {"left", "right"} <= {c.article_id for c in f.claims}
        ]

    def test_a_subject_named_in_the_other_claim_is_no_clash(self):
        """'Uganda received fuel from Kenya' may state what 'Kenya sent fuel to Uganda' does."""
        from reconcile.extract import load_gazetteer
        from reconcile.match.scoring import _subjects_clash

        gazetteer = load_gazetteer()
        (sent,) = claims_of("Kenya sent fuel shipments to Uganda and Rwanda on Monday.")
        (got,) = claims_of(
            "Uganda received fuel shipments from Kenya and Rwanda on Monday."
        )

        assert not _subjects_clash(
            claim_frame(sent, gazetteer), claim_frame(got, gazetteer)
        )


class TestUncountedMentions:
    def test_a_claim_naming_the_counted_thing_without_a_figure_is_not_penalised(self):
        """'sold Kenya drones' and 'sold Kenya hundreds of drones' state one fact."""
        counted = article(
            "counted",
            "Ankara Mail",
            "Turkey has sold Kenya hundreds of armed drones, which Kenyan forces fly over"
            " the Somali border.",
        )
        plain = article(
            "plain",
            "Coast Review",
            "Turkey has armed Kenya with drones, unmanned aircraft that Kenyan troops use"
            " on patrols daily.",
        )

        fact = fact_holding(
            reconcile([counted, plain]), "hundreds of armed drones", "statement"
        )

        assert {"counted", "plain"} == {c.article_id for c in fact.claims}

    def test_a_figure_of_something_the_other_claim_never_names_is_still_penalised(self):
        """'a 20-year pact' still differs from 'signed a pact on Friday'."""
        from reconcile.config import Config
        from reconcile.match import score_against

        (term,) = claims_of("Chile and Peru signed a 20-year water pact.")
        (day,) = claims_of("Chile and Peru signed a water pact on Friday.")
        a, b = claim_frame(term), claim_frame(day)
        (score,) = score_against(a, [b], Config())
        (unpenalised,) = score_against(a, [b], Config(dimension_penalty=0))

        assert score < unpenalised


class TestRelativeClauseDetails:
    def test_a_country_named_only_in_a_relative_clause_is_not_a_party(self):
        """'Chad has sent soldiers to Mali, who will guard the border with Niger' does not
        name Niger as a party, so it is not 'Niger has sent soldiers to Mali'."""
        from reconcile.extract import load_gazetteer
        from reconcile.match.scoring import _subjects_clash

        gazetteer = load_gazetteer()
        (niger,) = claims_of("Niger has sent 500 soldiers to Mali this week.")
        (chad,) = claims_of(
            "Chad has sent 500 soldiers to Mali, who will guard the border with Niger."
        )

        assert _subjects_clash(
            claim_frame(niger, gazetteer), claim_frame(chad, gazetteer)
        )

    def test_a_country_named_only_in_a_purpose_clause_is_not_a_party(self):
        """'Chad has sent soldiers to Mali to help fight rebels from Niger' does not name
        Niger as a party, so it is not 'Niger has sent soldiers to Mali'."""
        from reconcile.extract import load_gazetteer
        from reconcile.match.scoring import _subjects_clash

        gazetteer = load_gazetteer()
        (niger,) = claims_of("Niger has sent 500 soldiers to Mali this week.")
        (chad,) = claims_of(
            "Chad has sent 500 soldiers to Mali to help fight rebels from Niger."
        )

        assert _subjects_clash(
            claim_frame(niger, gazetteer), claim_frame(chad, gazetteer)
        )


class TestCoordinatedFigures:
    def test_two_predicates_with_their_own_figures_are_two_claims(self):
        """'buried at least six people and injured 14' states two facts."""
        claims = claims_of(
            "A landslide buried at least six people and injured 14 near the copper mine."
        )

        assert [
            "A landslide buried at least six people",
            "injured 14 near the copper mine.",
        ] == [c.text for c in claims]

    def test_a_range_or_a_pair_of_actors_is_not_split(self):
        claims = claims_of(
            "Between 10 and 20 people died when Chile and Peru closed the border."
        )

        assert 1 == len(claims)


class TestUpdateDates:
    def test_the_day_a_toll_rose_is_not_the_day_of_the_event(self):
        """'the toll rose to nine on Tuesday' does not contradict 'floods ... on Monday'."""
        first = article(
            "first",
            "River Post",
            "Floods swept through northern Albania on Monday, killing at least seven people.",
            published=date(2025, 9, 16),
        )
        later = article(
            "later",
            "Adriatic Wire",
            "The death toll from floods in northern Albania rose to nine on Tuesday.",
            published=date(2025, 9, 17),
        )

        fact = fact_holding(reconcile([first, later]), "rose to nine", "people killed")

        assert {"first", "later"} == {c.article_id for c in fact.claims}
        assert [] == [c for c in fact.conflicts if c.kind == "date"]
        assert "updated" == fact.status


class TestCitiesAsActors:
    def test_a_city_acting_is_not_another_party_than_its_country(self):
        """'the mayor of Istanbul was arrested on Tuesday' can contradict 'Turkish police
        detained the mayor on Wednesday'."""
        turkish = article(
            "turkish",
            "Bosphorus Daily",
            "Turkish police detained Mehmet Kaya, a senior city official, on Wednesday.",
        )
        istanbul = article(
            "istanbul",
            "Marmara News",
            "Mehmet Kaya, a senior official of Istanbul, was arrested on Tuesday, his lawyers said.",
        )

        fact = fact_holding(reconcile([turkish, istanbul]), "was arrested on Tuesday")

        assert {"turkish", "istanbul"} == {c.article_id for c in fact.claims}
        assert ["date"] == [c.kind for c in fact.conflicts if not c.within_outlet]


class TestMarketVerbs:
    def test_falls_and_rises_fold(self):
        frames = [
            claim_frame(c)
            for c in claims_of(
                "The peso slid 4% on Monday.\n\nThe peso plunged 4% on Monday.\n\n"
                "Bond yields climbed on Friday.\n\nBond yields surged on Friday."
            )
        ]

        assert frames[0].tokens == frames[1].tokens
        assert frames[2].tokens == frames[3].tokens


class TestSpeakersPlaces:
    def lima(self):
        return article(
            "lima",
            "Andes Post",
            "Peru and Chile signed a fishing accord in Lima on Monday.",
        )

    def test_where_the_speakers_are_is_not_where_it_happened(self):
        """'..., officials in Santiago said' does not put the signing in Santiago."""
        santiago = article(
            "santiago",
            "Pacific Mail",
            "Chile and Peru inked a fishing pact on Monday, officials in Santiago said.",
        )

        fact = fact_holding(reconcile([self.lima(), santiago]), "officials in Santiago")

        assert {"lima", "santiago"} == {c.article_id for c in fact.claims}
        assert [] == [c for c in fact.conflicts if c.kind == "place"]

    def test_another_place_of_the_event_still_conflicts(self):
        santiago = article(
            "santiago",
            "Pacific Mail",
            "Chile and Peru inked a fishing pact in Santiago on Monday.",
        )

        fact = fact_holding(reconcile([self.lima(), santiago]), "in Santiago", "place")

        assert ["place"] == [c.kind for c in fact.conflicts]
