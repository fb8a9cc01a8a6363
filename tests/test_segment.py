"""Tests for reconcile.segment: sentences with exact character spans."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reconcile.model import Article, Sentence, Span
from reconcile.segment import segment_sentences, split_sentences


def _sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text)]


class TestSplitSentences:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            (
                "The pact was signed. It runs 20 years.",
                ["The pact was signed.", "It runs 20 years."],
            ),
            (
                "It was signed on Jan. 17 in Moscow.",
                ["It was signed on Jan. 17 in Moscow."],
            ),
            (
                "Talks began in Sept. 2024 and ended.",
                ["Talks began in Sept. 2024 and ended."],
            ),
            (
                "Mr Putin spoke. Mr Pezeshkian replied.",
                ["Mr Putin spoke.", "Mr Pezeshkian replied."],
            ),
            (
                "Mr. Putin met Dr. Pezeshkian. Gen. Smith left.",
                ["Mr. Putin met Dr. Pezeshkian.", "Gen. Smith left."],
            ),
            (
                "U.S. officials said so. U.K. and E.U. envoys agreed.",
                ["U.S. officials said so.", "U.K. and E.U. envoys agreed."],
            ),
            (
                "Aid came from the U.S. The talks went on.",
                ["Aid came from the U.S.", "The talks went on."],
            ),
            (
                "It was written by J. R. R. Tolkien in Oxford.",
                ["It was written by J. R. R. Tolkien in Oxford."],
            ),
            (
                "Fish, e.g. cod, and fruit, i.e. apples. Done.",
                ["Fish, e.g. cod, and fruit, i.e. apples.", "Done."],
            ),
            (
                "About 1.5 million people fled. 2.5 million stayed.",
                ["About 1.5 million people fled.", "2.5 million stayed."],
            ),
            (
                "Acme Inc. Chief Executive Jo Roe spoke.",
                ["Acme Inc. Chief Executive Jo Roe spoke."],
            ),
            ("It is No. 10 on the list. Next.", ["It is No. 10 on the list.", "Next."]),
            (
                "Talks ended at 9 p.m. The next day was quiet.",
                ["Talks ended at 9 p.m.", "The next day was quiet."],
            ),
            (
                "Talks began at 9 a.m. Moscow time.",
                ["Talks began at 9 a.m. Moscow time."],
            ),
            (
                "“Our relations will grow stronger every year.” He added that trade would rise.",
                [
                    "“Our relations will grow stronger every year.”",
                    "He added that trade would rise.",
                ],
            ),
            (
                "“We are unanimous in our intention ... to take relations to a new level,” Mr Putin said.",
                [
                    "“We are unanimous in our intention ... to take relations to a new level,” Mr Putin said."
                ],
            ),
            (
                "“Each attack is a reminder. Russia will not stop,” he said.",
                ["“Each attack is a reminder. Russia will not stop,” he said."],
            ),
            (
                'He said "It is over. We won." Then he left.',
                ['He said "It is over. We won."', "Then he left."],
            ),
            (
                "“Why now?” he asked. “Why not?” She laughed.",
                ["“Why now?” he asked.", "“Why not?”", "She laughed."],
            ),
            ("He paused... and went on.", ["He paused... and went on."]),
            ("He paused... Then he went on.", ["He paused...", "Then he went on."]),
            ("Talks stalled … Moscow said no.", ["Talks stalled … Moscow said no."]),
            ("Is it over? No! It goes on.", ["Is it over?", "No!", "It goes on."]),
            ("He said so. “We will win.”", ["He said so.", "“We will win.”"]),
            (
                "Talks ended (as planned.) Then dinner.",
                ["Talks ended (as planned.)", "Then dinner."],
            ),
            (
                "The pact was signed. then nothing.",
                ["The pact was signed. then nothing."],
            ),
            (
                "Putin signs law on Iran treaty\nThe law was signed.",
                ["Putin signs law on Iran treaty", "The law was signed."],
            ),
            (
                "First line without stop\nsecond line also\n",
                ["First line without stop", "second line also"],
            ),
            ("  Leading and trailing space.  ", ["Leading and trailing space."]),
            ("", []),
            (" \n\n\t", []),
        ],
    )
    def test_boundaries(self, text, expected):
        """Sentences end at final punctuation before a capital, but not after abbreviations, initials or inside quotes."""
        assert expected == _sentences(text)

    def test_offset(self):
        """The offset is added to every span."""
        expected = [(10, 14), (15, 19)]
        assert expected == split_sentences("One. Two.", offset=10)

    @given(
        st.text(
            alphabet=st.sampled_from(list("aZ1 .!?…“”\"'’()\n\tMr.USJan")), max_size=80
        )
        | st.text(max_size=80)
    )
    def test_spans_are_exact(self, text):
        """Spans are ordered, disjoint, trimmed, and cover every non-whitespace character."""
        spans = split_sentences(text)

        covered = [False] * len(text)
        previous_end = 0
        for start, end in spans:
            assert previous_end <= start < end
            piece = text[start:end]
            assert piece == piece.strip()
            covered[start:end] = [True] * (end - start)
            previous_end = end
        assert all(
            char.isspace() for char, hit in zip(text, covered, strict=True) if not hit
        )


class TestSegmentSentences:
    def test_spans_index_paragraph(self):
        """Each sentence carries its exact text, span, running index and paragraph number."""
        text = "Pact signed\n\nIt runs 20 years. Iran agreed.\nA second line.\n\n\nLast one."
        article = Article(id="a1", outlet="X", text=text)

        sentences = segment_sentences(article)

        assert [
            Sentence("a1", "Pact signed", Span(0, 11), 0, 0),
            Sentence("a1", "It runs 20 years.", Span(13, 30), 1, 1),
            Sentence("a1", "Iran agreed.", Span(31, 43), 2, 1),
            Sentence("a1", "A second line.", Span(44, 58), 3, 1),
            Sentence("a1", "Last one.", Span(61, 70), 4, 2),
        ] == list(sentences)

    @given(st.text(alphabet=st.sampled_from(list("ab C.?\n ”“")), max_size=60))
    def test_text_matches_span(self, text):
        """Every sentence's text is exactly the article text under its span."""
        article = Article(id="a", outlet="X", text=text)

        sentences = segment_sentences(article)

        assert all(text[s.span.start : s.span.end] == s.text for s in sentences)
        assert list(range(len(sentences))) == [s.index for s in sentences]
        assert sorted(s.paragraph for s in sentences) == [
            s.paragraph for s in sentences
        ]
