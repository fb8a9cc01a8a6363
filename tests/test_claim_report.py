"""Tests for reconcile.claim_report: the corroboration report per claim."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from reconcile import (
    Article,
    ReconcileError,
    UnknownArticleError,
    load_articles,
    reconcile,
)
from reconcile.api import Reconciliation
from reconcile.claim_report import (
    VERDICTS,
    ClaimReport,
    build_claim_report,
    paragraphs,
    render_claim_json,
    render_claim_markdown,
)
from reconcile.html_report import render_claim_report_html
from reconcile.strategies import change_figure, shift_date, story_sets
from tests.test_cli import run
from tests.test_html_report import _chromium, _Page

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "russia-iran-treaty" / "articles"
IRISH_TIMES = "irish-times-2025-01-17"
SIGNING = "Russia and Iran signed a strategic partnership agreement on Friday"
TERM = "under a 20-year pact"


@pytest.fixture(scope="module")
def seed() -> Reconciliation:
    """The seed fixture set, reconciled once."""
    return reconcile(load_articles([SEED]))


def claim_with(report: ClaimReport, quote: str):
    """The one claim of *report* whose text holds *quote*."""
    found = [c for a in report.articles for c in a.claims if quote in c.text]
    assert 1 == len(found), quote
    return found[0]


def check_claim_report(result: Reconciliation, report: ClaimReport) -> None:
    """The laws of a per-claim report over *result* (every article in it)."""
    facts_of: dict[str, list[str]] = {}
    for fact in result.facts:
        for member in fact.claims:
            facts_of.setdefault(member.id, []).append(fact.id)
    assert [a.id for a in result.articles] == [a.id for a in report.articles]
    for article, entry in zip(result.articles, report.articles, strict=True):
        own = sorted(
            (c for c in result.claims if c.article_id == article.id),
            key=lambda c: (c.span.start, c.span.end, c.id),
        )
        assert [c.id for c in own] == [c.id for c in entry.claims]
        for claim in entry.claims:
            assert article.text[claim.start : claim.end] == claim.text
            assert facts_of.get(claim.id, []) == [f.fact for f in claim.facts]
            for verdict in claim.facts:
                check_verdict(result.fact(verdict.fact), claim.id, verdict)


def check_verdict(fact, claim_id, verdict) -> None:
    """One claim's verdict on *fact* follows the fact's conflicts, updates, agreements and origins."""
    origin_of = {i: g.origin for g in fact.origins for i in g.claim_ids}
    mine = origin_of[claim_id]
    named = [c for c in fact.conflicts if claim_id in c.claim_ids]
    agreeing = {
        i for a in fact.agreements if claim_id in a.claim_ids for i in a.claim_ids
    }

    assert verdict.verdict in VERDICTS
    assert (verdict.verdict == "contradicted") == bool(named)
    assert len(named) == len(verdict.disagree)
    assert all(origin_of[e.claim] != mine for e in verdict.agree)
    assert all(origin_of[e.claim] == mine for e in verdict.same_origin)
    assert claim_id not in {e.claim for e in verdict.same_origin}
    if verdict.verdict == "corroborated":
        assert len({mine} | {origin_of[e.claim] for e in verdict.agree}) >= 2
        assert fact.verdict.independent_origins >= 2
        if agreeing:
            assert {e.claim for e in verdict.agree} <= agreeing
    if verdict.verdict == "updated":
        assert fact.updates
    if fact.verdict.independent_origins == 1:
        assert verdict.verdict in ("alone", "contradicted", "updated")


def mutated(story, data):
    """The story's articles, with one date or figure of one article moved (or none)."""
    articles = list(story.articles)
    how = data.draw(st.sampled_from(["none", "date", "figure"]))
    if how == "none":
        return articles
    index = data.draw(st.integers(0, len(articles) - 1))
    mutate = shift_date if how == "date" else change_figure
    change = mutate(articles[index], data.draw(st.randoms(use_true_random=False)))
    assume(change is not None)
    return list(change.apply(articles))


@given(story=story_sets(), data=st.data())
def test_every_claim_appears_once_in_order_with_verdicts_that_follow_its_facts(
    story, data
):
    """Every claim of every article appears once, in reading order, and its verdicts agree with the per-fact report."""
    result = reconcile(mutated(story, data))

    report = result.claim_report()

    check_claim_report(result, report)


def test_the_seed_fixture_follows_the_laws(seed):
    """The seed fixture set (wire copy, shared named sources, a conflict) follows the same laws."""
    check_claim_report(seed, seed.claim_report())


def test_the_seed_signing_date_is_corroborated_and_the_term_alone(seed):
    """The Irish Times' signing date is corroborated by other outlets; its 20-year term stands alone."""
    report = seed.claim_report(IRISH_TIMES)

    signing = claim_with(report, SIGNING)
    term = claim_with(report, TERM)
    date_verdict = next(f for f in signing.facts if f.attribute == "date")
    term_verdict = next(f for f in term.facts if f.attribute == "term in years")

    assert ("corroborated", ("2025-01-17",)) == (
        date_verdict.verdict,
        date_verdict.values,
    )
    assert {"Baltic Wire", "The Kyiv Independent"} <= {
        e.outlet for e in date_verdict.agree
    }
    assert ("alone", ("20 years",)) == (term_verdict.verdict, term_verdict.values)
    assert [] == [e for e in term_verdict.agree if e.outlet != "The Irish Times"]
    assert ["The Irish Times"] == [e.outlet for e in term_verdict.same_origin]


def test_wire_copies_are_named_as_one_origin_not_as_corroboration(seed):
    """Continental Press Service's signing claim lists The Morning Ledger's copy as same origin, never as agreeing."""
    report = seed.claim_report("continental-press-2025-01-17")

    signing = next(c for c in report.articles[0].claims if not c.headline)
    verdict = next(f for f in signing.facts if f.attribute == "date")

    assert verdict.origin.startswith("wire copy:")
    assert ["The Morning Ledger"] == [e.outlet for e in verdict.same_origin]
    assert "The Morning Ledger" not in {e.outlet for e in verdict.agree}
    assert "corroborated" == verdict.verdict


def test_a_shared_named_source_is_not_corroboration(seed):
    """A quote two outlets attribute to Putin is one origin: alone, with the other outlet named as same origin."""
    report = seed.claim_report(IRISH_TIMES)

    quote = claim_with(report, "genuinely breakthrough document")

    assert [("alone", "Vladimir Putin", ["Baltic Wire"])] == [
        (f.verdict, f.origin, [e.outlet for e in f.same_origin]) for f in quote.facts
    ]


def test_conflicts_updates_and_agreement_from_each_claims_side():
    """A 20- vs 25-year term contradicts both claims; a rising toll updates the earlier claim only."""
    stories = [
        (
            "a",
            17,
            "A Russian missile strike on Kryvyi Rih killed at least four people on Friday.",
        ),
        ("b", 18, "A Russian missile strike on Kryvyi Rih on Friday killed 12 people."),
        ("c", 18, "Russia and Iran signed a 20-year treaty on Friday."),
        ("d", 18, "Russia and Iran signed a 25-year treaty on Friday."),
    ]
    result = reconcile(
        Article(id=i, outlet=i.upper(), published=date(2025, 1, day), text=text)
        for i, day, text in stories
    )

    by_claim = {
        c.id: {f.attribute: f for f in c.facts}
        for a in result.claim_report().articles
        for c in a.claims
    }
    toll_a, toll_b = by_claim["a#1"]["people killed"], by_claim["b#1"]["people killed"]
    term_c = by_claim["c#1"]["term in years"]

    assert ("updated", [("B", "12 people")]) == (
        toll_a.verdict,
        [(e.outlet, e.value) for e in toll_a.updated_by],
    )
    assert ("alone", [("A", ">=4 people")]) == (
        toll_b.verdict,
        [(e.outlet, e.value) for e in toll_b.revises],
    )
    assert ("contradicted", [("D", "25 years", "20 years")]) == (
        term_c.verdict,
        [(e.outlet, e.value, e.own_value) for e in term_c.disagree],
    )
    assert "contradicted" == by_claim["d#1"]["term in years"].verdict
    assert "corroborated" == by_claim["c#1"]["date"].verdict
    check_claim_report(result, result.claim_report())


class TestArticleSelection:
    def test_named_articles_come_in_the_order_named_once_each(self, seed):
        """A tuple of ids reports those articles, in that order, each once."""
        ids = ("kyiv-independent-2025-04-21", IRISH_TIMES, IRISH_TIMES)

        report = seed.claim_report(ids)

        assert ["kyiv-independent-2025-04-21", IRISH_TIMES] == [
            a.id for a in report.articles
        ]

    def test_an_unknown_id_raises_naming_it(self, seed):
        """An id of no article raises UnknownArticleError (a ReconcileError and LookupError) naming it."""
        with pytest.raises(UnknownArticleError, match="'no-such-story'") as caught:
            seed.claim_report(["no-such-story"])

        assert "no-such-story" == caught.value.article_id
        assert isinstance(caught.value, ReconcileError)
        assert isinstance(caught.value, LookupError)
        assert IRISH_TIMES in str(caught.value)

    def test_build_claim_report_takes_one_id(self, seed):
        """The plain function takes a single id as well as several."""
        report = build_claim_report(
            seed.articles, seed.claims, seed.facts, article_ids=IRISH_TIMES
        )

        assert [IRISH_TIMES] == [a.id for a in report.articles]


class TestRendering:
    def test_json_has_the_contract_keys(self, seed):
        """The JSON document has the README's keys at every level, and agree/disagree items name outlet, article, claim and value."""
        document = json.loads(render_claim_json(seed.claim_report(IRISH_TIMES)))

        article = document["articles"][0]
        fact = next(f for c in article["claims"] for f in c["facts"] if f["agree"])
        assert {"id", "outlet", "claims"} <= set(article)
        assert {"id", "text", "start", "end", "facts"} <= set(article["claims"][0])
        assert {
            "fact",
            "event",
            "attribute",
            "verdict",
            "agree",
            "disagree",
            "same_origin",
            "updated_by",
        } <= set(fact)
        assert {"outlet", "article", "claim", "value"} <= set(fact["agree"][0])

    def test_markdown_marks_each_claim_in_the_text_and_lists_its_verdict(self, seed):
        """Markdown shows the article's text with [n] before each claim and the claim's verdict under its paragraph."""
        report = seed.claim_report(IRISH_TIMES)
        claims = report.articles[0].claims

        text = render_claim_markdown(report)

        # [1] is the headline printed in the body.
        assert f"**[3]** {SIGNING}" in text
        # The signing's claim supplies its event's date and its statement.
        assert "- **[3] corroborated**" in text
        assert "*corroborated* · date `2025-01-17`" in text
        assert "- **[2] alone** · term in years `20 years`" in text
        for n, claim in enumerate(claims, 1):
            assert 1 == text.count(f"- **[{n}] {claim.verdict}**")

    def test_paragraphs_hand_every_claim_to_one_line(self):
        """Claims go with the line they start in; one starting in a blank gap goes with the next."""
        text = "First line.\n\n Second line.\nThird."

        spans = paragraphs(text, [0, 12, 14, 30])

        assert [(0, 11, [0]), (13, 26, [1, 2]), (27, 33, [3])] == spans


class TestCommandLine:
    def test_report_by_claim_prints_the_articles_claims_with_verdicts(self):
        """``report --by-claim --article ID`` prints that article's claims, each with its verdict."""
        status, out, err = run(["report", SEED, "--by-claim", "--article", IRISH_TIMES])

        assert (0, "") == (status, err)
        assert f"`{IRISH_TIMES}` · The Irish Times" in out
        assert "- **[3] corroborated**" in out
        assert "*corroborated* · date `2025-01-17`" in out
        assert "- **[2] alone** · term in years `20 years`" in out
        assert "kyiv-independent-2025-04-21` ·" not in out

    def test_report_by_claim_json_is_the_documented_shape(self):
        """``--format json`` gives {"articles": [{"id", "outlet", "claims": [...]}]} for the named articles."""
        status, out, err = run(
            [
                "report",
                SEED,
                "--by-claim",
                "--article",
                IRISH_TIMES,
                "--article",
                "baltic-wire-2025-01-18",
                "--format",
                "json",
            ]
        )
        document = json.loads(out)

        assert (0, "") == (status, err)
        assert [IRISH_TIMES, "baltic-wire-2025-01-18"] == [
            a["id"] for a in document["articles"]
        ]
        assert all(
            c["verdict"] in (*VERDICTS, None)
            for a in document["articles"]
            for c in a["claims"]
        )

    def test_report_by_claim_html_goes_to_the_output_file(self, tmp_path):
        """``--format html -o FILE`` writes the page and nothing to stdout."""
        target = tmp_path / "claims.html"

        status, out, err = run(
            ["report", SEED, "--by-claim", "--format", "html", "-o", target]
        )

        page = target.read_text(encoding="utf-8")
        assert (0, "", "") == (status, out, err)
        assert page.startswith("<!DOCTYPE html>")
        assert 8 == page.count('<article class="text"')

    def test_an_unknown_article_is_a_one_line_error(self):
        """An unknown ``--article`` exits 2 naming the id, with nothing on stdout."""
        status, out, err = run(["report", SEED, "--by-claim", "--article", "nope"])

        assert (2, "") == (status, out)
        assert err.startswith("reconcile: error: article 'nope': expected the id")

    def test_article_without_by_claim_is_refused(self):
        """``--article`` means nothing to the per-fact report: exit 2."""
        status, out, err = run(["report", SEED, "--article", IRISH_TIMES])

        assert (2, "") == (status, out)
        assert "--article: expected together with --by-claim" in err

    def test_check_file_reports_every_claim_of_the_draft(self, tmp_path):
        """``check --file`` answers each claim of the draft, dated by --published, front matter skipped."""
        draft = tmp_path / "draft.md"
        draft.write_text(
            "---\ntitle: my draft\n---\n"
            "Russia and Iran signed a 25-year treaty on Friday in Moscow. "
            "Putin and Pezeshkian signed the pact on January 16.\n",
            encoding="utf-8",
        )

        status, out, err = run(
            ["check", "--file", draft, "--published", "2025-01-17", SEED]
        )
        status_json, out_json, _ = run(
            [
                "check",
                "--file",
                draft,
                "--published",
                "2025-01-17",
                SEED,
                "--format",
                "json",
            ]
        )
        claims = json.loads(out_json)["articles"][0]["claims"]
        first = {f["attribute"]: f for f in claims[0]["facts"]}

        assert (0, "", 0) == (status, err, status_json)
        assert "Draft dated 2025-01-17 (--published)." in out
        assert "title: my draft" not in out
        assert ["contradicted", "contradicted"] == [c["verdict"] for c in claims]
        assert 0 == claims[0]["start"]
        assert ("contradicted", ["The Irish Times"]) == (
            first["term in years"]["verdict"],
            sorted({d["outlet"] for d in first["term in years"]["disagree"]}),
        )
        assert "corroborated" == first["date"]["verdict"]
        assert "2025-01-16" in {v for f in claims[1]["facts"] for v in f["values"]}

    def test_check_file_without_published_is_dated_today(self, tmp_path):
        """Without --published the draft is dated today, and the report says so."""
        draft = tmp_path / "draft.txt"
        draft.write_text(
            "Russia and Iran signed a treaty in Moscow.\n", encoding="utf-8"
        )

        status, out, _ = run(["check", "--file", draft, SEED])

        assert 0 == status
        assert f"Draft dated {date.today().isoformat()}, today" in out

    def test_a_missing_draft_is_a_one_line_error(self, tmp_path):
        """A draft file that does not exist exits 2 naming it."""
        status, out, err = run(["check", "--file", tmp_path / "gone.md", SEED])

        assert (2, "") == (status, out)
        assert "gone.md: no such draft file" in err

    def test_check_needs_text_or_file(self):
        """``check PATH`` alone (no TEXT, no --file) exits 2 saying what is expected."""
        status, out, err = run(["check", SEED])

        assert (2, "") == (status, out)
        assert "expected TEXT, the draft sentence, or --file DRAFT" in err


def _claim_page(seed: Reconciliation, tmp_path: Path, script: str = "") -> Path:
    """The per-claim HTML page of the Irish Times article, optionally with *script*
    injected (and the page's Content-Security-Policy removed so that it may run)."""
    page = render_claim_report_html(seed.claim_report(IRISH_TIMES).to_record())
    if script:
        page = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page)
        page = page.replace("</body>", f"<script>{script}</script></body>")
    target = tmp_path / "claims.html"
    target.write_text(page, encoding="utf-8")
    return target


def test_chromium_highlights_claims_and_a_click_opens_the_evidence(seed, tmp_path):
    """In headless Chromium every claim is a highlighted link, and clicking one opens its evidence."""
    target = _claim_page(
        seed,
        tmp_path,
        'document.querySelectorAll("a.claim")[2].click();'
        'document.body.setAttribute("data-clicked", "1");',
    )

    dom = _chromium(tmp_path, "--dump-dom", target.as_uri())
    parsed = _Page(dom)
    links = parsed.find("a")
    boxes = {a["id"]: a for a in parsed.find("details")}
    opened = re.search(r'<details[^>]*id="a0-c3"[^>]*>(.*?)</details>', dom, re.S)

    # The first claim is the headline printed in the body; the third the signing.
    assert "1" == parsed.find("body")[0].get("data-clicked")
    assert 25 == len(boxes)
    assert {"claim v-corroborated", "claim v-alone"} <= {a.get("class") for a in links}
    assert "claim v-corroborated" == links[2].get("class")
    assert "#a0-c3" == links[2].get("href")
    assert "open" in boxes["a0-c3"]
    assert [] == [k for k, a in boxes.items() if "open" in a and k != "a0-c3"]
    assert "Baltic Wire" in opened.group(1)


def test_chromium_runs_the_pages_own_script_under_its_policy(seed, tmp_path):
    """The page as written (its CSP intact) runs its script: opening it at #a0-c1 shows that claim's evidence."""
    target = _claim_page(seed, tmp_path)

    parsed = _Page(_chromium(tmp_path, "--dump-dom", target.as_uri() + "#a0-c1"))
    boxes = {a["id"]: a for a in parsed.find("details")}

    assert [] == parsed.errors
    assert "1" == parsed.find("body")[0].get("data-ready")
    assert "open" in boxes["a0-c1"]
    assert "open" not in boxes["a0-c2"]
