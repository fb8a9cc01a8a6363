"""The word lists kept as data, as their loaders read them."""

import pytest

from reconcile.errors import ConfigError
from reconcile.lexicon import frame_words, frame_words_of, load_json
from reconcile.match.frames import frame_tokens
from reconcile.model import Claim, Span


class TestFrameWords:
    @pytest.mark.parametrize(
        "form", ["seal", "seals", "sealed", "sealing", "ink", "concluding"]
    )
    def test_every_inflection_of_a_verb_lemma_folds(self, form):
        assert "sign" == frame_words().synonyms[form]

    @pytest.mark.parametrize("form", ["treaty", "treaties", "summit", "summits"])
    def test_every_inflection_of_a_noun_lemma_folds(self, form):
        assert form in frame_words().synonyms

    def test_a_word_listed_as_written_does_not_bring_its_lemma(self):
        words = frame_words().synonyms
        assert "supply" == words["gave"]
        assert "give" not in words and "giving" not in words

    def test_every_word_of_the_file_is_read(self):
        data = load_json("frame_words.json")
        words = frame_words()
        for token, group in data["synonyms"].items():
            for form in (*group.get("verbs", ()), *group.get("nouns", ())):
                assert token == words.synonyms[form]
            for form in group.get("words", ()):
                assert token == words.synonyms[form]
        assert set(data["stop_words"]) == words.stop_words
        assert set(data["distinct_events"]) == words.distinct_events

    def test_a_word_folding_to_two_tokens_names_the_file_and_the_word(self):
        data = {
            "synonyms": {"sign": {"verbs": ["seal"]}, "close": {"words": ["sealed"]}},
            "stop_words": [],
            "distinct_events": [],
        }
        with pytest.raises(ConfigError, match=r"words\.json: synonyms: 'sealed'"):
            frame_words_of(data, "words.json")

    def test_a_base_form_after_a_negation_folds_like_the_past_tense(self):
        def tokens(text):
            return frame_tokens(
                Claim(
                    id="a#1",
                    article_id="a",
                    outlet="X",
                    text=text,
                    span=Span(0, len(text)),
                )
            )

        assert tokens("They sealed a pact") == tokens("They did not seal a pact")
