"""Tests for reconcile.extract.attribution: origin, hedging, negation and quotation."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reconcile.extract.actors import load_gazetteer
from reconcile.extract.attribution import Attribution, find_attribution

GAZETTEER = load_gazetteer()


class TestFindAttributionOrigin:
    @pytest.mark.parametrize(
        ("text", "origin", "cue"),
        [
            (
                "According to the Kremlin, the deal was signed.",
                "Kremlin",
                "According to the Kremlin",
            ),
            (
                "The deal, according to Ukrainian officials, was signed.",
                "Ukrainian officials",
                "according to Ukrainian officials",
            ),
            (
                "According to the interior ministry, two died.",
                "interior ministry",
                "According to the interior ministry",
            ),
            (
                "Two died, the interior ministry said.",
                "interior ministry",
                "the interior ministry said",
            ),
            (
                "The Interior Ministry said two died.",
                "interior ministry",
                "The Interior Ministry said",
            ),
            ("Officials said the pact was signed.", "officials", "Officials said"),
            (
                "Ukrainian officials said the pact was signed.",
                "Ukrainian officials",
                "Ukrainian officials said",
            ),
            ("Sources say the pact was signed.", "sources", "Sources say"),
            (
                "Witnesses told Reuters a missile hit a school.",
                "witnesses",
                "Witnesses told",
            ),
            ("Police said two died.", "police", "Police said"),
            ("The Kremlin says the deal was signed.", "Kremlin", "The Kremlin says"),
            ("Tass reported that the deal was signed.", "Tass", "Tass reported"),
            (
                "The ministry announced that the deal was done.",
                "ministry",
                "The ministry announced",
            ),
            (
                "A deal was done, the ministry announced.",
                "ministry",
                "the ministry announced",
            ),
            (
                "The navy's oceanographic institute said no warning was issued.",
                "navy's oceanographic institute",
                "The navy's oceanographic institute said",
            ),
            (
                "The quake's magnitude was 6.1, seismologists said.",
                "seismologists",
                "seismologists said",
            ),
            (
                "Floods killed 12, the national disaster agency said.",
                "national disaster agency",
                "the national disaster agency said",
            ),
            (
                "The strike hit apartment blocks officials said.",
                "officials",
                "officials said",
            ),
            (
                "“We pulled her out,” said fire captain Diego Zambrano.",
                "Diego Zambrano",
                "said fire captain Diego Zambrano",
            ),
            (
                "Nine are missing, according to the mayor of Puerto Salinar, Rosa Cedeño.",
                "Rosa Cedeño",
                "according to the mayor of Puerto Salinar, Rosa Cedeño",
            ),
            (
                "It ended, according to officials familiar with the talks.",
                "officials",
                "according to officials",
            ),
            ("Kyiv claimed a strike on a depot.", "Kyiv", "Kyiv claimed"),
            ("The army confirmed that the strike hit.", "army", "The army confirmed"),
            ("The agency stated that it ended.", "agency", "The agency stated"),
            ("The ministry added that it ended.", "ministry", "The ministry added"),
            ("“It is over,” said Mr Putin.", "Putin", "said Mr Putin"),
            (
                "In a statement, the defence ministry accused Kyiv.",
                "defence ministry",
                "In a statement, the defence ministry",
            ),
            (
                "Russia's defence ministry said six missiles fell.",
                "Russia's defence ministry",
                "Russia's defence ministry said",
            ),
            (
                "Russian state-controlled media reported the law.",
                "Russian state media",
                "Russian state-controlled media reported",
            ),
            (
                "Russian state media reported the law.",
                "Russian state media",
                "Russian state media reported",
            ),
            (
                "Iranian state TV said the law passed.",
                "Iranian state media",
                "Iranian state TV said",
            ),
            ("State media reported the law.", "state media", "State media reported"),
            (
                "Kremlin spokesman Dmitry Peskov said it was signed.",
                "Dmitry Peskov",
                "Kremlin spokesman Dmitry Peskov said",
            ),
            ("Mr Pezeshkian said it was signed.", "Pezeshkian", "Mr Pezeshkian said"),
            (
                "Officials in Kyiv said two died.",
                "officials in Kyiv",
                "Officials in Kyiv said",
            ),
            (
                "The agency's chief, Rafael Grossi, said the plant was safe.",
                "Rafael Grossi",
                "Rafael Grossi, said",
            ),
            (
                "Russia's Ministry of Defence said six missiles fell.",
                "Russia's defence ministry",
                "Russia's Ministry of Defence said",
            ),
            (
                "Unnamed senior officials said it ended.",
                "officials",
                "Unnamed senior officials said",
            ),
        ],
    )
    def test_origin_without_gazetteer(self, text: str, origin: str, cue: str) -> None:
        """Every cue names its origin as written, lower-cased when generic and without a leading "the"."""
        attribution = find_attribution(text)

        assert (origin, cue) == (attribution.origin, attribution.cue)

    @pytest.mark.parametrize(
        ("text", "origin"),
        [
            ("According to the Kremlin, the deal was signed.", "Kremlin"),
            ("The Kremlin said the deal was signed.", "Kremlin"),
            ("Kremlin spokesman Dmitry Peskov said it was signed.", "Dmitry Peskov"),
            ("Kremlin spokesman Ivan Petrov said it was signed.", "Ivan Petrov"),
            ("A Kremlin spokesman said it was signed.", "Kremlin"),
            ("Mr Pezeshkian said it was signed.", "Masoud Pezeshkian"),
            ("Russian President Vladimir Putin said it was signed.", "Vladimir Putin"),
            ("Putin told reporters it was signed.", "Vladimir Putin"),
            ("“It is over,” said Mr Zelenskiy.", "Volodymyr Zelensky"),
            ("Tehran said the pact showed resolve.", "Iran"),
            ("Moscow said the pact showed resolve.", "Russia"),
            ("Tass reported the strike.", "TASS"),
            ("Tass news agency reported the strike.", "TASS"),
            ("The UN said aid was blocked.", "United Nations"),
            (
                "Russia's defence ministry said six missiles fell.",
                "Russian defence ministry",
            ),
            (
                "Russia’s Defence Ministry said six missiles fell.",
                "Russian defence ministry",
            ),
            (
                "The Russian Ministry of Defense said six missiles fell.",
                "Russian defence ministry",
            ),
            ("Moscow's military said six missiles fell.", "Russian military"),
            ("Ukraine's air force said 40 drones were downed.", "Ukrainian air force"),
            ("US officials say the deal was signed.", "American officials"),
            ("American officials say the deal was signed.", "American officials"),
            ("Officials in Kyiv said two died.", "Ukrainian officials"),
            ("Police in Kharkiv said two died.", "Kharkiv police"),
            ("Russian state-controlled media reported the law.", "Russian state media"),
            ("Iran's foreign ministry said talks resumed.", "Iranian foreign ministry"),
            (
                "Iran's foreign ministry spokesman Esmaeil Baghaei said talks resumed.",
                "Esmaeil Baghaei",
            ),
            ("NATO officials said drills began.", "NATO"),
        ],
    )
    def test_origin_with_gazetteer(self, text: str, origin: str) -> None:
        """With a gazetteer, names are canonicalised and a named spokesperson wins over the body."""
        assert origin == find_attribution(text, gazetteer=GAZETTEER).origin

    @pytest.mark.parametrize(
        ("text", "cue"),
        [
            ("“It is over,” he said.", "he said"),
            ("“It is over,” she added.", "she added"),
            ("They said it was over.", "They said"),
            ("It said the talks failed.", "It said"),
            ("He also told reporters it was over.", "He also told"),
        ],
    )
    def test_pronoun_origin(self, text: str, cue: str) -> None:
        """A pronoun cue has no origin: the caller resolves it to the previous speaker."""
        attribution = find_attribution(text, gazetteer=GAZETTEER)

        assert (None, cue) == (attribution.origin, attribution.cue)

    @pytest.mark.parametrize(
        "text",
        [
            "The agreement was signed on Friday.",
            "Sources close to the Kremlin said otherwise.",
            "The so-called treaty, said to be void, lapsed.",
            "He accused the West and claimed the deal would hold.",
            "The reported strike hit a depot.",
            "The government declared a 60-day state of emergency.",
            "Ecuador declares emergency after earthquake kills 12",
            "The ministry announced the deal.",
            "Moscow denies targeting civilians.",
            "The group claimed responsibility for the attack.",
            "Reports of the talks were denied.",
            "",
        ],
    )
    def test_no_origin(self, text: str) -> None:
        """Sentences without an attributable source have no origin or cue."""
        attribution = find_attribution(text, gazetteer=GAZETTEER)

        assert (None, None) == (attribution.origin, attribution.cue)

    def test_first_cue_wins(self) -> None:
        """When a sentence holds several cues, the first one gives the origin."""
        text = "The Kremlin said, according to Tass, that the deal was signed."

        assert "Kremlin" == find_attribution(text, gazetteer=GAZETTEER).origin

    def test_outlets_citing_one_body_agree(self) -> None:
        """Two phrasings of one source normalise to the same origin string."""
        first = find_attribution("According to the interior ministry, two died.").origin
        second = find_attribution("The Interior Ministry said two died.").origin

        assert first == second


class TestFindAttributionHedged:
    @pytest.mark.parametrize(
        "text",
        [
            "Pyongyang reportedly sent 12,000 troops.",
            "The general allegedly ordered the strike.",
            "The purportedly leaked memo named him.",
            "He claimed the deal would hold.",
            "The leader is said to be ill.",
            "The leader is believed to be ill.",
            "The leader was thought to be ill.",
            "Unconfirmed reports put the toll at 20.",
            "According to unverified reports, 20 died.",
            "The missile may have hit a school.",
            "The missile might have hit a school.",
            "The missile could have hit a school.",
            "The missile appears to have hit a school.",
            "The missile apparently hit a school.",
            "A strike cannot be ruled out.",
            "The alleged strike hit a school.",
            "A suspected drone hit a school.",
        ],
    )
    def test_hedged(self, text: str) -> None:
        """Hedging words mark the fact as stated with reserve."""
        assert find_attribution(text).hedged

    @pytest.mark.parametrize(
        "text",
        [
            "The missile hit a school.",
            "Officials said the missile hit a school.",
            "The group claimed responsibility for the attack.",
            "The war has claimed the lives of thousands.",
        ],
    )
    def test_not_hedged(self, text: str) -> None:
        """Plain statements, and "claimed responsibility", are not hedged."""
        assert not find_attribution(text).hedged


class TestFindAttributionNegated:
    @pytest.mark.parametrize(
        "text",
        [
            "The treaty was not signed.",
            "The treaty is not binding.",
            "Russia did not sign the treaty.",
            "Russia didn't sign the treaty.",
            "Russia didn’t sign the treaty.",
            "Iran does not recognise the court.",
            "Iran doesn't recognise the court.",
            "Russia has not signed the treaty.",
            "Russia hasn't signed the treaty.",
            "The sides have not met.",
            "The sides haven't met.",
            "Iran never signed the treaty.",
            "Iran is no longer a party.",
            "The Kremlin denied the report.",
            "The Kremlin denies the report.",
            "Moscow rejected claims that it struck the school.",
            "No one was killed.",
            "No civilians were killed.",
            "Nobody was hurt.",
            "There were no casualties.",
            "Russia will not stop on its own.",
            "Kyiv cannot verify the figure.",
        ],
    )
    def test_negated(self, text: str) -> None:
        """Negated and denied statements are marked negated."""
        assert find_attribution(text).negated

    @pytest.mark.parametrize(
        "text",
        [
            "The deal covers not only trade but energy.",
            "The deal is not only about trade.",
            "Not least, the deal covers energy.",
            "There is no doubt the deal was signed.",
            "Whether or not the deal holds, it was signed.",
            "Both countries pledged not to aid a third party.",
            "A strike cannot be ruled out.",
            "Notably, the deal was signed.",
            "Officials know the deal was signed.",
            "The Nobel laureate signed the letter.",
            "His denial came late.",
            "The treaty was signed on Friday.",
            "The deal was nothing but a formality.",
            "It was a never-before-seen move.",
            "The patrol said the victim, who has not been named, died in hospital.",
            "The treaty, which Iran has not ratified, was signed on Friday.",
        ],
    )
    def test_not_negated(self, text: str) -> None:
        """Contrastive and idiomatic negatives do not negate the fact, nor does
        one inside a relative clause set off by commas."""
        assert not find_attribution(text).negated


class TestFindAttributionQuote:
    @pytest.mark.parametrize(
        ("text", "quote", "speaker"),
        [
            (
                "“We are unanimous in our intention,” Mr Putin said.",
                True,
                "Vladimir Putin",
            ),
            (
                '"We are unanimous in our intention," Mr Putin said.',
                True,
                "Vladimir Putin",
            ),
            (
                "‘We are unanimous in our intention,’ Mr Putin said.",
                True,
                "Vladimir Putin",
            ),
            ("“Truly unanimous,” Mr Putin said.", False, None),
            ("Iran has provided “Shahed” attack drones.", False, None),
            ("“This truly breakthrough document is historic,” he added.", True, None),
            ("who value life,” he said.", True, None),
            ("“Each such attack is another reminder of what we face.", True, None),
            (
                "Russia’s defence ministry warned of “a retaliatory strike”.",
                True,
                "Russian defence ministry",
            ),
            ("Russia’s defence ministry said it would strike.", False, None),
            ("The treaty was signed in Moscow’s Kremlin.", False, None),
        ],
    )
    def test_quote_and_speaker(
        self, text: str, quote: bool, speaker: str | None
    ) -> None:
        """A quotation of three or more words is a quote; its speaker is the cue's origin."""
        attribution = find_attribution(text, gazetteer=GAZETTEER)

        assert (quote, speaker) == (attribution.quote, attribution.speaker)


class TestAttribution:
    def test_defaults(self) -> None:
        """An unattributed, plain sentence gives the default Attribution."""
        assert Attribution() == find_attribution("The treaty was signed on Friday.")

    def test_full_record(self) -> None:
        """All fields are filled together for a hedged, negated, quoted, attributed sentence."""
        text = "“It reportedly was not signed at all,” Kremlin spokesman Dmitry Peskov said."

        assert Attribution(
            origin="Dmitry Peskov",
            cue="Kremlin spokesman Dmitry Peskov said",
            hedged=True,
            negated=True,
            quote=True,
            speaker="Dmitry Peskov",
        ) == find_attribution(text, gazetteer=GAZETTEER)

    def test_frozen(self) -> None:
        """Attribution is immutable."""
        attribution = Attribution()

        with pytest.raises(AttributeError):
            attribution.origin = "x"  # type: ignore[misc]

    @given(st.text(max_size=120))
    def test_any_text(self, text: str) -> None:
        """Any text gives an Attribution whose cue, if any, is a substring of the text."""
        attribution = find_attribution(text, gazetteer=GAZETTEER)

        assert attribution.cue is None or attribution.cue in text
