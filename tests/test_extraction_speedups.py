"""The shortcuts that make extraction fast give what the plain code gives.

Each cache answers as the function it remembers, in any order of calls; each
trie-factored pattern finds what the plain alternation it replaces finds; and
the objects the extraction pool sends back pickle as tuples into equal objects.
"""

from __future__ import annotations

import pickle
import re

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from reconcile import furniture
from reconcile.events.binding import bind_values
from reconcile.extract import claims as claims_module
from reconcile.extract.actors import load_gazetteer
from reconcile.extract.alternation import word_alternation
from reconcile.extract.attribution import _read_sentence, find_attribution
from reconcile.extract.triggers import _bundled_readings, _reading, find_triggers
from reconcile.lexicon import trigger_lexicon
from reconcile.model import Span
from reconcile.parallel import process_article
from reconcile.pickling import pickled_as_tuple
from reconcile.strategies import articles, claim_sentences

#: The verb cue as it was written before it was factored into a trie.
PLAIN_VERB_CUE = re.compile(
    r"\b(?:is|are|was|were|be|been|being|has|have|had|will|would|can|could|shall|should|may|might|must|"
    r"did|does|do|said|says|say|told|tells|signs?|hits?|kills?|meets?|sends?|backs?|wins?|loses?|"
    r"rises?|falls?|leads?|makes?|takes?|gives?|holds?|seeks?|plans?|warns?|vows?|urges?|pledges?|"
    r"agrees?|approves?|rejects?|accuses?|calls?|claims?|strikes?|launch(?:es)?|deepens?|opens?|"
    r"returns?|killing|signing|[a-z]{3,}ed)\b",
    re.IGNORECASE,
)
ROLE_STEMS = sorted({stem for stem, _ in claims_module._EVENT_ROLES})
#: The event-role words as they were written before the trie.
PLAIN_ROLE_WORD = re.compile(
    r"\b(" + "|".join(sorted(ROLE_STEMS, key=len, reverse=True)) + r")[a-z]*\b",
    re.IGNORECASE,
)

lexicon = trigger_lexicon()


@pickled_as_tuple
@attrs.frozen
class One:
    """A class of one field (its state is still a tuple)."""

    only: int


#: Words the lexicon knows, in several forms, and a few letter strings.
_KNOWN = sorted(
    {*lexicon.verbs, *lexicon.nouns, *lexicon.labour_cues}
    | {f"{w}s" for w in lexicon.verbs}
    | {f"{w}ed" for w in lexicon.verbs}
    | {f"{w}ing" for w in lexicon.verbs}
    | {"struck", "shells", "talks", "strikes", "fired", "flooding", "Strike", "HIT"}
)
words = st.one_of(
    st.sampled_from(_KNOWN),
    st.from_regex(r"[A-Za-z][A-Za-z-]{0,10}[A-Za-z]", fullmatch=True),
)
#: Texts made of cue words, role stems, their inflections and other words,
#: with the odd characters that case-insensitive matching treats as letters.
texts = st.lists(
    st.one_of(
        words,
        st.sampled_from(ROLE_STEMS).map(lambda s: s + "ed"),
        st.sampled_from(ROLE_STEMS),
        st.sampled_from(["signs", "launches", "SAID", "killing", "ſigned", "ſign"]),
        st.sampled_from([",", ".", " — ", "2025", "_x", "é", "K", "ı", "İ"]),
    ),
    max_size=25,
).map(" ".join)


@given(words, st.booleans(), st.booleans())
def test_remembered_trigger_readings_are_the_readings(word, labour, after_name):
    remembered = _bundled_readings(word)[2 * labour + after_name]
    assert remembered == _reading(word, lexicon, labour, after_name=after_name)


@given(claim_sentences())
def test_triggers_with_the_bundled_lexicon_are_those_of_an_equal_lexicon(sentence):
    """The cache serves only the bundled lexicon; an equal copy reads uncached."""
    copy = attrs.evolve(lexicon)
    assert copy is not lexicon
    text = sentence.text
    assert find_triggers(text, lexicon=lexicon) == find_triggers(text, lexicon=copy)


@given(st.lists(claim_sentences(), min_size=1, max_size=6))
def test_remembered_attribution_is_the_attribution_in_any_order(sentences):
    gazetteer = load_gazetteer()
    texts_ = [s.text for s in sentences]
    _read_sentence.cache_clear()
    fresh = [_read_sentence.__wrapped__(t) for t in texts_]  # never through the cache
    forward = [find_attribution(t, gazetteer=gazetteer) for t in texts_]
    backward = [find_attribution(t, gazetteer=gazetteer) for t in reversed(texts_)]
    assert forward == backward[::-1]
    for text, reading, attribution in zip(texts_, fresh, forward, strict=True):
        subject, cue, hedged, negated, quote = reading
        assert (subject is None) == (cue is None)
        assert (attribution.cue, attribution.hedged, attribution.negated) == (
            cue,
            hedged,
            negated,
        )
        assert attribution.quote == quote
        # The cached reading does not depend on the gazetteer.
        assert find_attribution(text).cue == cue


@given(st.lists(st.from_regex(r"[a-z]{1,6}", fullmatch=True), min_size=1, max_size=30))
def test_a_word_alternation_matches_exactly_its_words(vocabulary):
    pattern = re.compile(word_alternation(vocabulary))
    plain = re.compile("|".join(map(re.escape, vocabulary)))
    for word in {
        *vocabulary,
        *(w[:-1] for w in vocabulary),
        *(w + "x" for w in vocabulary),
    }:
        assert (pattern.fullmatch(word) is not None) == (word in vocabulary)
        assert (pattern.fullmatch(word) is not None) == (
            plain.fullmatch(word) is not None
        )


def test_an_empty_word_is_refused():
    with pytest.raises(ValueError, match="empty word"):
        word_alternation(["a", ""])


def test_no_role_stem_starts_another():
    """So the trie finds the same stem as the longest-first alternation did."""
    for a in ROLE_STEMS:
        assert not any(b != a and b.startswith(a) for b in ROLE_STEMS)


@given(texts)
def test_the_verb_cue_finds_what_the_plain_alternation_found(text):
    new = claims_module._VERB_CUE
    assert [m.span() for m in new.finditer(text)] == [
        m.span() for m in PLAIN_VERB_CUE.finditer(text)
    ]
    assert claims_module.first_verb(text) == (
        None if (m := PLAIN_VERB_CUE.search(text)) is None else m.start()
    )


@given(texts, st.data())
def test_the_role_words_are_those_of_the_plain_alternation(text, data):
    def found(pattern: re.Pattern[str], *where: int) -> list:
        return [(m.span(), m.group(1)) for m in pattern.finditer(text, *where)]

    assert found(claims_module._ROLE_WORD) == found(PLAIN_ROLE_WORD)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert found(claims_module._ROLE_WORD, start, end) == found(
        PLAIN_ROLE_WORD, start, end
    )


@given(articles(max_size=3))
def test_the_pool_s_results_pickle_as_tuples_into_equal_objects(article):
    work = process_article(article)
    assert isinstance(work.__getstate__(), tuple)
    back = pickle.loads(pickle.dumps(work, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == work
    assert [c.values for c in back.claims] == [c.values for c in work.claims]
    assert back.bindings == tuple(bind_values(c) for c in work.claims)


def test_a_state_pickled_as_a_dict_is_still_read():
    span = Span.__new__(Span)
    span.__setstate__({"start": 3, "end": 9})
    assert span == Span(3, 9)


def test_only_slotted_attrs_classes_pickle_as_tuples():
    class Plain:
        pass

    with pytest.raises(TypeError, match="attrs class with slots"):
        pickled_as_tuple(Plain)

    assert One(4).__getstate__() == (4,)
    assert pickle.loads(pickle.dumps(One(4))) == One(4)


def quoted_char_by_char(text: str) -> list[tuple[int, int]]:
    """The quotations of *text*, read one character at a time (as it was)."""
    regions: list[tuple[int, int]] = []
    opened: int | None = None
    for i, char in enumerate(text):
        if char == "“" and opened is None:
            opened = i
        elif char == "”" and opened is not None:
            regions.append((opened, i))
            opened = None
    if opened is not None:
        regions.append((opened, len(text)))
    return regions


@given(st.text(alphabet='ab “”"', max_size=40))
def test_quotations_found_by_find_are_those_read_char_by_char(text):
    assert claims_module._quoted(text) == quoted_char_by_char(text)


#: Pieces of prompts and of reporting, with the letters that match ASCII ones
#: only under ``re.IGNORECASE`` (dotted and dotless I, long S, Kelvin sign).
_PROMPT_PIECES = [
    *furniture._ANY_PROMPT_WORDS,
    "5 min read",
    "sign up for our newsletter",
    "SUBSCRIBE to the NEWSLETTERS",
    "reporting by A; editing by B",
    "pre-order now",
    "https://x.org",
    "](https://x.org)",
    "www.example",
    "(www.x",
    "desk@news.com",
    "Click Here",
    "check back for updates",
    "enable push notifications",
    "Iran signed a pact on Friday.",
    "clic\u212a here",
    "\u017fign up for the new\u017fletter",
    "cl\u0130ck here",
    "cl\u0131ck here",
    "M\u0130N READ",
    "“quoted”",
    " ",
]


@given(st.lists(st.sampled_from(_PROMPT_PIECES), max_size=6), st.text(max_size=8))
def test_the_prompt_word_screen_finds_what_the_prompt_pattern_finds(pieces, noise):
    line = noise.join(pieces)
    assert furniture._any_prompt(line) == (
        furniture._ANY_PROMPT.search(line) is not None
    )
