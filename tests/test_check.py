"""Tests for reconcile.check and ``reconcile check``: what supports or contradicts a draft sentence."""

from __future__ import annotations

import contextlib
import io
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import reconcile
from reconcile.check import CheckMatch, CheckResult, check_text
from reconcile.cli import main
from reconcile.model import Article

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "russia-iran-treaty" / "articles"
IT_SIGNING = "signed a strategic partnership agreement on Friday"
IT_TERM = "under a 20-year pact"

AGREEING = "Russia and Iran signed a strategic partnership treaty on Jan. 17, 2025."
OTHER_DATE = "Russia and Iran signed a strategic partnership treaty on Jan. 20, 2025."
OTHER_TERM = "Russia and Iran signed a 30-year pact."
ON_FRIDAY = "Russia and Iran signed a strategic partnership treaty on Friday."
UNRELATED = "A new bakery opened in Lisbon selling custard tarts."
DUMA = "The State Duma approved the treaty on April 9."
YEARLESS = "Russia and Iran signed a strategic partnership treaty on Jan. 17."
NOT_AIMED = "The Kremlin said the agreement was not aimed against any other country."
AIMED = "The Kremlin said the agreement was aimed against other countries."

MATCH_KEYS = {"fact", "score", "verdict", "conflicts"}
CONFLICT_KEYS = {"kind", "claims", "values", "explanation"}


def check_json(text: str, *options: str) -> dict[str, Any]:
    """``reconcile check TEXT SEED --format json [options]``, parsed."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(["check", text, str(SEED), "--format", "json", *options])
    assert (0, "") == (status, err.getvalue())
    return json.loads(out.getvalue())


def match_for(
    answer: dict[str, Any], quote: str, attribute: str = "date"
) -> dict[str, Any] | None:
    """The match whose fact holds a claim containing *quote*: the one of
    *attribute* when the claim supplies several facts."""
    holding = [
        match
        for match in answer["matches"]
        if any(quote in c["text"] for c in match["fact"]["claims"])
    ]
    preferred = [m for m in holding if m["fact"].get("attribute") == attribute]
    return (preferred or holding or [None])[0]


@pytest.fixture(scope="module")
def seed() -> reconcile.Reconciliation:
    """The seed fixture set, reconciled."""
    return reconcile.reconcile(reconcile.load_articles(SEED))


class TestCheckCommandJson:
    @pytest.mark.parametrize("text", [AGREEING, OTHER_TERM, UNRELATED])
    def test_shape(self, text):
        """The answer has query, claims and matches of fact, score, verdict and conflicts, best first."""
        answer = check_json(text)

        matches = answer["matches"]
        expected = (True, text, True, [], [], True)
        assert expected == (
            {"query", "claims", "matches"} <= answer.keys(),
            answer["query"],
            all(c["article"] == "draft" for c in answer["claims"]),
            [m for m in matches if not MATCH_KEYS <= m.keys()],
            [
                m["verdict"]
                for m in matches
                if m["verdict"] not in ("supported", "contradicted", "unverified")
            ],
            [m["score"] for m in matches]
            == sorted((m["score"] for m in matches), reverse=True),
        )

    def test_draft_claims_point_into_the_query(self):
        """The query's own claims and values are spans of the query text."""
        answer = check_json(OTHER_TERM)

        spans = [
            (c["text"], OTHER_TERM[c["start"] : c["end"]]) for c in answer["claims"]
        ]
        spans += [
            (v["text"], OTHER_TERM[v["start"] : v["end"]])
            for c in answer["claims"]
            for v in c["values"]
        ]
        assert [(a, a) for a, _ in spans] == spans

    def test_other_term_is_contradicted(self):
        """A draft giving the pact 30 years is contradicted by The Irish Times' 20 years."""
        answer = check_json(OTHER_TERM)
        match = match_for(answer, IT_TERM)

        assert match is not None
        conflicts = [
            (c["kind"], c["values"][0], c["values"][1], c["outlets"][1])
            for c in match["conflicts"]
        ]
        expected = (
            "contradicted",
            "quantity",
            "30 years",
            "20 years",
            "The Irish Times",
        )
        assert expected == (match["verdict"], *conflicts[0])

    def test_contradiction_explanation_names_outlet_and_value(self):
        """Each conflict's explanation names the outlet that disagrees and its value."""
        match = match_for(check_json(OTHER_TERM), IT_TERM)

        assert match is not None
        explanations = [c["explanation"] for c in match["conflicts"]]
        expected = (True, [])
        assert expected == (
            bool(explanations),
            [
                e
                for e in explanations
                if "The Irish Times" not in e or "20 years" not in e
            ],
        )

    def test_other_date_is_contradicted(self):
        """A draft moving the signing to Jan. 20 is contradicted on the date by the outlets."""
        match = match_for(check_json(OTHER_DATE), IT_SIGNING)

        assert match is not None
        dates = {
            (tuple(c["values"]), c["outlets"][1])
            for c in match["conflicts"]
            if c["kind"] == "date"
        }
        expected = ("contradicted", True)
        assert expected == (
            match["verdict"],
            (("2025-01-20", "2025-01-17"), "The Irish Times") in dates,
        )
        assert all(set(c) >= CONFLICT_KEYS for c in match["conflicts"])

    def test_agreeing_draft_is_supported_by_the_signing_fact(self):
        """A draft agreeing with the signing is supported, and the signing fact is its best match."""
        answer = check_json(AGREEING)
        match = match_for(answer, IT_SIGNING)

        assert match is not None
        expected = ("supported", [], match["fact"]["id"])
        assert expected == (
            match["verdict"],
            match["conflicts"],
            answer["matches"][0]["fact"]["id"],
        )

    def test_affirmed_draft_not_contradicted_by_unrelated_negation(self):
        """A draft is contradicted on polarity only by a negated twin of itself."""
        answer = check_json(AGREEING)

        polarity = [
            (m["fact"]["id"], c["values"])
            for m in answer["matches"]
            for c in m["conflicts"]
            if c["kind"] == "polarity"
        ]

        assert [] == polarity

    def test_agreeing_draft_overall_verdict(self):
        """A draft sentence that agrees with the reports gets the overall verdict ``supported``."""
        answer = check_json(AGREEING)

        assert "supported" == answer["verdict"]

    def test_unrelated_sentence(self):
        """An unrelated sentence has no supported or contradicted match."""
        answer = check_json(UNRELATED)

        decided = [m for m in answer["matches"] if m["verdict"] != "unverified"]
        assert [] == decided

    def test_draft_is_dated_today_without_published(self):
        """Without ``--published`` the draft is dated today, and the answer says so."""
        answer = check_json(ON_FRIDAY)

        assert (date.today().isoformat(), False) == (
            answer["published"],
            answer["published_given"],
        )
        dates = [
            v for c in answer["claims"] for v in c["values"] if v["kind"] == "date"
        ]
        assert 1 == len(dates)
        assert date.fromisoformat(dates[0]["earliest"]) <= date.today()

    def test_given_published_is_reported(self):
        """With ``--published`` the answer names that date as given."""
        answer = check_json(ON_FRIDAY, "--published", "2025-01-17")

        assert ("2025-01-17", True) == (answer["published"], answer["published_given"])

    def test_duma_example_is_contradicted_naming_april_8(self):
        """The issue's example: "April 9" (no year, no --published) is not the Duma's
        April 8 in any year, so it is contradicted, naming April 8; never supported."""
        answer = check_json(DUMA)
        match = match_for(answer, "State Duma")

        assert match is not None
        assert ("contradicted", "contradicted") == (answer["verdict"], match["verdict"])
        assert "April 9 (no year)" in match["explanation"]
        assert "2025-04-08" in match["explanation"]
        assert [] == [m for m in answer["matches"] if m["verdict"] == "supported"]

    def test_duma_example_with_published(self):
        """Anchored by ``--published``, April 9 is a plain day that conflicts with April 8."""
        answer = check_json(DUMA, "--published", "2025-04-21")
        match = match_for(answer, "State Duma")

        assert match is not None
        dates = {tuple(c["values"]) for c in match["conflicts"] if c["kind"] == "date"}
        assert ("contradicted", {("2025-04-09", "2025-04-08")}) == (
            match["verdict"],
            dates,
        )

    def test_yearless_date_without_published_is_unverified_with_the_reason(self):
        """ "on Jan. 17" with no year and no --published could be any year's Jan. 17:
        unverified, saying why, never supported."""
        answer = check_json(YEARLESS)
        match = match_for(answer, IT_SIGNING)

        assert match is not None
        assert "unverified" == match["verdict"]
        assert "your draft's 'on Jan. 17' has no year" in match["explanation"]
        assert "supported" != answer["verdict"]

    def test_yearless_date_anchored_by_published_is_supported(self):
        """The same draft dated 2025-01-20 agrees with the signing date."""
        answer = check_json(YEARLESS, "--published", "2025-01-20")
        match = match_for(answer, IT_SIGNING)

        assert match is not None
        assert ("supported", "supported") == (answer["verdict"], match["verdict"])
        assert "agrees on date 2025-01-17" in match["explanation"]

    def test_supported_needs_an_agreeing_value(self):
        """A match is supported only when a value agrees, or, for a draft without
        values, when a report states the same proposition; lower-ranked matches
        that agree on nothing are not supported."""
        for text in (AGREEING, OTHER_TERM, YEARLESS, DUMA):
            for match in check_json(text)["matches"]:
                if match["verdict"] == "supported":
                    assert "agrees on" in match["explanation"], (text, match)

    def test_statement_without_values(self):
        """A draft without dates or figures is supported by the same proposition
        with the same polarity, and contradicted by its opposite."""
        same = check_json(NOT_AIMED)
        opposite = check_json(AIMED)

        assert "supported" == same["matches"][0]["verdict"]
        assert "the same statement" in same["matches"][0]["explanation"]
        assert "contradicted" == opposite["matches"][0]["verdict"]

    @pytest.mark.parametrize(
        ("published", "resolved", "verdict"),
        [
            ("2025-01-17", "2025-01-17", "supported"),
            ("2025-01-18", "2025-01-17", "supported"),
            ("2025-01-31", "2025-01-31", "contradicted"),
        ],
    )
    def test_published_resolves_on_friday(self, published, resolved, verdict):
        """``--published`` anchors the draft's "on Friday", which then agrees or conflicts with the signing."""
        answer = check_json(ON_FRIDAY, "--published", published)
        match = match_for(answer, IT_SIGNING)

        dates = [
            v["normalized"]
            for c in answer["claims"]
            for v in c["values"]
            if v["kind"] == "date"
        ]
        assert match is not None
        expected = ([resolved], verdict)
        assert expected == (dates, match["verdict"])


class TestCheckCommandMarkdown:
    def test_markdown(self):
        """The Markdown answer quotes the draft, gives a verdict and lists the matched facts."""
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = main(["check", OTHER_TERM, str(SEED)])

        text = out.getvalue()
        expected = (0, "", True, True, True, True)
        assert expected == (
            status,
            err.getvalue(),
            text.startswith(f"# Check: “{OTHER_TERM}”"),
            "Verdict: **contradicted**" in text,
            "The Irish Times says 20 years" in text,
            "**contradicted**" in text,
        )

    def test_markdown_says_the_date_and_each_explanation_once(self):
        """The Markdown names the draft's date, and no explanation is printed twice."""
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            status = main(["check", YEARLESS, str(SEED)])

        text = out.getvalue()
        whys = [line.split(" — ", 1)[1] for line in text.splitlines() if " — " in line]
        assert 0 == status
        assert f"Draft dated {date.today().isoformat()}, today" in text
        assert len(whys) > 2
        assert [w for w in whys if w != "as above"] == list(
            dict.fromkeys(w for w in whys if w != "as above")
        )

    def test_markdown_without_matches(self, tmp_path):
        """With nothing related, the Markdown says that no fact matches."""
        path = tmp_path / "a.md"
        path.write_text(
            "---\noutlet: Harbour Gazette\npublished: 2025-03-14\n---\n"
            "Norway and Chile signed a fisheries pact in Oslo on Friday.\n",
            encoding="utf-8",
        )
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            status = main(["check", "The volcano erupted twice overnight.", str(path)])

        expected = (0, True, True)
        assert expected == (
            status,
            "Verdict: **unverified**" in out.getvalue(),
            "No reconciled fact matches this sentence." in out.getvalue(),
        )


class TestCheckText:
    def test_no_facts(self):
        """Checking against no facts gives the draft's claims and no matches."""
        result = check_text([], "Russia and Iran signed a pact in Moscow on Friday.")

        expected = (True, (), "unverified")
        assert expected == (len(result.claims) >= 1, result.matches, result.verdict)

    @pytest.mark.parametrize("text", ["", "   "])
    def test_blank_text(self, text):
        """Blank drafts have no claims and no matches."""
        result = check_text([], text)

        assert ((), ()) == (result.claims, result.matches)

    def test_short_draft_still_checked(self, seed):
        """A draft too short for the claim filter is checked as one whole-text claim."""
        result = seed.check("Treaty signed.")

        expected = (["Treaty signed."], ["draft"])
        assert expected == (
            [c.text for c in result.claims],
            [c.article_id for c in result.claims],
        )

    def test_reconciliation_check_matches_check_text(self, seed):
        """``Reconciliation.check`` is check_text over its facts with its config."""
        published = date(2025, 1, 17)

        expected = check_text(
            seed.facts, ON_FRIDAY, published=published, config=seed.config
        )
        assert expected == seed.check(ON_FRIDAY, published=published)

    def test_result_types(self, seed):
        """The answer is a CheckResult of CheckMatch values whose record is JSON-safe."""
        result = seed.check(OTHER_TERM)

        record = result.to_record()
        expected = (True, True, record)
        assert expected == (
            isinstance(result, CheckResult),
            all(isinstance(m, CheckMatch) for m in result.matches),
            json.loads(json.dumps(record)),
        )

    def test_draft_published_date_resolves_relative_dates(self):
        """check_text anchors the draft's relative dates on *published*."""
        article = Article(
            id="a",
            outlet="Desk A",
            published=date(2025, 1, 17),
            text="Russia and Iran signed a partnership treaty on Friday in Moscow.",
        )
        facts = reconcile.reconcile([article]).facts

        result = check_text(facts, ON_FRIDAY, published=date(2025, 1, 17))

        dates = [d.normalized for c in result.claims for d in c.dates]
        expected = (["2025-01-17"], ("supported", "date"))
        assert expected == (
            dates,
            (result.matches[0].verdict, result.matches[0].fact.attribute),
        )
        assert "supported" not in [m.verdict for m in result.matches[1:]]
