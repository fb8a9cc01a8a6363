"""Quotations stay one claim with the speaker their attribution names; a headline
printed again in the body gives no claim."""

from __future__ import annotations

from datetime import date

import pytest

from reconcile.extract.claims import extract_claims
from reconcile.model import Article
from reconcile.segment import split_sentences

BEFORE = "Mr Putin greeted his guest at the Kremlin on Friday."


def claims(text: str, title: str | None = None) -> list[tuple[str, str | None]]:
    """(text, attributed_to) of each claim of an article holding *text*."""
    article = Article(
        id="a", outlet="Desk", text=text, published=date(2025, 1, 17), title=title
    )
    return [(c.text, c.attributed_to) for c in extract_claims(article)]


@pytest.mark.parametrize(
    "quote",
    [
        "“Our relations will grow stronger in every field – security, the economy, "
        "culture and trade,” Mr Pezeshkian said.",
        "“Our relations will grow stronger in every field — security, the economy, "
        "culture and trade,” Mr Pezeshkian said.",
        "“Our relations will grow stronger in every field\nsecurity, the economy, "
        "culture and trade,” Mr Pezeshkian said.",
        "“Our relations will grow stronger in every field;\nsecurity, the economy, "
        "culture and trade are all covered,” Mr Pezeshkian said.",
    ],
    ids=["en-dash", "em-dash", "line-break", "semicolon-and-line-break"],
)
def test_a_broken_quotation_is_one_claim_of_its_speaker(quote):
    """A quotation broken by a dash or a line break is one claim, the speaker's."""
    assert [(BEFORE, None), (quote, "Masoud Pezeshkian")] == claims(
        f"{BEFORE}\n{quote}"
    )


def test_the_speaker_is_the_one_the_attribution_names():
    """The speaker named after the quote wins over the last speaker before it."""
    text = (
        "“We share one intention,” Mr Putin said on Friday.\n"
        "“This treaty opens a new chapter\nfor both of our countries,” "
        "Mr Pezeshkian said."
    )

    assert ["Vladimir Putin", "Masoud Pezeshkian"] == [who for _, who in claims(text)]


def test_an_attribution_inside_the_quotation():
    """“A,” X said, “B.” is one claim of X."""
    text = "“Our relations,” Mr Pezeshkian said, “are reaching a new level in trade.”"

    assert [(text, "Masoud Pezeshkian")] == claims(text)


def test_a_line_break_outside_a_quotation_still_ends_a_sentence():
    """Only a quotation that the next lines close joins them: an unclosed quote
    mark does not swallow the paragraph."""
    text = "He called it “a new chapter.\nIran and Russia signed a treaty on Friday."

    assert 2 == len(split_sentences(text))


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "Russia and Iran deepen ties as deadly missile strike hits eastern Ukraine"
            "\n\nRussia and Iran signed a strategic partnership agreement on Friday.",
            None,
        ),
        (
            "Skip to content\nRussia and Iran deepen ties as deadly missile strike hits "
            "eastern Ukraine\n\nRussia and Iran signed a strategic partnership agreement "
            "on Friday.",
            "Russia and Iran deepen ties as deadly missile strike hits eastern Ukraine",
        ),
    ],
    ids=["untitled-first-line", "titled"],
)
def test_a_reported_headline_gives_a_headline_claim(text, title):
    """The headline printed in the body (the title, or an untitled first line
    standing alone) gives a claim marked ``headline``; the story's own
    sentence gives an ordinary one."""
    article = Article(
        id="a", outlet="Desk", text=text, published=date(2025, 1, 17), title=title
    )
    assert [(c.text, c.headline) for c in extract_claims(article)] == [
        (
            "Russia and Iran deepen ties as deadly missile strike hits eastern Ukraine",
            True,
        ),
        ("Russia and Iran signed a strategic partnership agreement on Friday.", False),
    ]


def test_a_story_heading_in_a_roundup_gives_a_headline_claim():
    """A short line of its own without a full stop inside the body ("Court in
    Bamako jails Leila Ibarra for 3 years", a roundup story's heading) is a
    heading: a claim marked ``headline``, though no lexicon verb word is in it
    ("jails" is a trigger verb's form). A long paragraph that lost its full
    stop is no heading."""
    long = (
        "Closing is expected in the second or third quarter of calendar year 2024, "
        "subject to the approval of the shareholders and the regulators"
    )
    text = (
        "Storms and courts\n\n"
        "Court in Bamako jails Leila Ibarra for 3 years\n\n"
        "Leila Ibarra was jailed for 3 years by a court in Bamako on January 10.\n\n"
        f"{long}\n\nThe court sat for two days."
    )
    article = Article(id="a", outlet="Desk", text=text, published=date(2024, 1, 11))
    found = {c.text: c.headline for c in extract_claims(article)}
    assert found["Court in Bamako jails Leila Ibarra for 3 years"] is True
    assert found[long] is False
    assert (
        found["Leila Ibarra was jailed for 3 years by a court in Bamako on January 10."]
        is False
    )


def test_a_standfirst_is_still_a_claim():
    """The line under the headline (no full stop, not the title) keeps its claim
    (a heading's: it restates the story)."""
    text = (
        "Russia and Iran deepen ties as deadly missile strike hits eastern Ukraine\n\n"
        "Closer military and energy co-operation planned under 20-year pact between "
        "Moscow and Tehran\n\nRussia and Iran signed a pact on Friday."
    )

    assert [
        "Russia and Iran deepen ties as deadly missile strike hits eastern Ukraine",
        "Closer military and energy co-operation planned under 20-year pact between "
        "Moscow and Tehran",
        "Russia and Iran signed a pact on Friday.",
    ] == [t for t, _ in claims(text)]
