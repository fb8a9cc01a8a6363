"""Tests for reconcile.claimreview: schema.org ClaimReview export, validation and import."""

from __future__ import annotations

import contextlib
import copy
import io
import json
from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import reconcile
from reconcile.claimreview import (
    BEST_RATING,
    FACT_ID_PROPERTY,
    RATING_NAMES,
    WORST_RATING,
    ClaimReviewImport,
    claimreview_items,
    import_claimreview,
    review_rating,
    validate_claimreview,
)
from reconcile.cli import main
from reconcile.errors import ClaimReviewError, MissingPathError, ReconcileError
from reconcile.model import Article, Verdict

AUTHOR = "Harbour Fact Desk"
TEMPLATE = "https://desk.example/facts/{fact_id}"
SIGNING = "fisheries pact in Oslo"
TERM = "runs for 12 years"
STORM = "storm flooded 300 homes"

ARTICLES = (
    Article(
        id="gazette",
        outlet="Harbour Gazette",
        published=date(2025, 3, 14),
        url="https://gazette.example/pact",
        title="Fisheries pact signed",
        text="Norway and Chile signed a fisheries pact in Oslo on Friday. The pact runs for 12 years.",
    ),
    Article(
        id="valley",
        outlet="Valley Times",
        published=date(2025, 3, 15),
        url="https://valley.example/news/1",
        text="Chile and Norway inked a fisheries agreement in Oslo on Friday. Officials said the deal lasts 15 years.",
    ),
    Article(
        id="ledger",
        outlet="Northern Ledger",
        published=date(2025, 3, 16),
        url="https://ledger.example/oslo",
        text="Norway and Chile concluded a fisheries treaty in Oslo last Friday.",
    ),
    Article(
        id="wire",
        outlet="Coast Wire",
        published=date(2025, 3, 16),
        text="A storm flooded 300 homes in Bergen on Sunday.",
    ),
)

#: An outside fact-check of a sentence that disagrees with the 12-year term.
OUTSIDE_REVIEW: dict[str, Any] = {
    "@context": "https://schema.org",
    "@type": "ClaimReview",
    "url": "https://checker.example/2025/03/fisheries-term",
    "claimReviewed": "Norway and Chile signed a 30-year fisheries pact.",
    "author": {"@type": "Organization", "name": "Checker Weekly"},
    "datePublished": "2025-03-20",
    "itemReviewed": {
        "@type": "Claim",
        "author": {"@type": "Person", "name": "A. Commentator"},
        "datePublished": "2025-03-18",
        "appearance": [{"@type": "CreativeWork", "url": "https://social.example/p/1"}],
    },
    "reviewRating": {
        "@type": "Rating",
        "ratingValue": "2",
        "bestRating": "5",
        "worstRating": "1",
        "alternateName": "Mostly false",
    },
}
#: An outside fact-check about nothing the articles report.
UNRELATED_REVIEW: dict[str, Any] = {
    "@context": "https://schema.org",
    "@type": "ClaimReview",
    "url": "https://checker.example/2025/03/moon",
    "claimReviewed": "The moon is made of green cheese, astronomers said.",
    "reviewRating": {"@type": "Rating", "alternateName": "False"},
}


@pytest.fixture(scope="module")
def result() -> reconcile.Reconciliation:
    """The four articles, reconciled: a corroborated signing, a conflicting term, a lone storm."""
    return reconcile.reconcile(ARTICLES)


@pytest.fixture(scope="module")
def items(result) -> list[dict[str, Any]]:
    """The facts of :func:`result`, exported."""
    return claimreview_items(result, author=AUTHOR, url_template=TEMPLATE)


def fact_with(result: reconcile.Reconciliation, quote: str) -> reconcile.Fact:
    """The fact holding a claim whose text contains *quote*: of the facts the
    claim supplies, its date's, else its figure's."""
    holding = [f for f in result.facts if any(quote in c.text for c in f.claims)]
    [fact] = [f for f in holding if f.attribute == "date"] or [
        f
        for f in holding
        if f.attribute not in ("place", "statement", "statement date")
    ]
    return fact


def item_for(items: list[dict[str, Any]], fact: reconcile.Fact) -> dict[str, Any]:
    """The exported item whose identifier names *fact*."""
    [item] = [i for i in items if i["identifier"]["value"] == fact.id]
    return item


class TestReviewRating:
    @pytest.mark.parametrize(
        ("status", "confidence", "value", "name"),
        [
            ("conflicting", 0.3, 1, "Conflicting reports"),
            ("single_source", 0.5, 2, "Single source"),
            ("updated", 0.75, 3, "Updated by later reports"),
            ("corroborated", 0.75, 4, "Corroborated"),
            ("corroborated", 0.6464, 4, "Corroborated"),
            ("corroborated", 0.875, 5, "Strongly corroborated"),
            ("corroborated", 0.85, 5, "Strongly corroborated"),
        ],
    )
    def test_mapping(self, status, confidence, value, name):
        """Each status (and, for corroborated facts, confidence) has one rating on the 1..5 scale."""
        rating = review_rating(Verdict(status, confidence, 2))

        expected = {
            "@type": "Rating",
            "ratingValue": value,
            "bestRating": 5,
            "worstRating": 1,
            "alternateName": name,
        }
        assert expected == rating

    def test_names_cover_the_scale(self):
        """Every value from worstRating to bestRating has a name."""
        assert list(range(WORST_RATING, BEST_RATING + 1)) == sorted(RATING_NAMES)


class TestExport:
    def test_one_valid_item_per_fact(self, result, items):
        """Every fact gives one item, in the facts' order, and every item validates."""
        for index, item in enumerate(items):
            validate_claimreview(item, index=index)

        expected = [(f.id, f.statement) for f in result.facts]
        assert expected == [
            (i["identifier"]["value"], i["claimReviewed"]) for i in items
        ]

    def test_google_fields(self, items):
        """Items carry the fields Google's Fact Check tools read."""
        item = items[0]

        expected = (
            {
                "@context",
                "@type",
                "url",
                "claimReviewed",
                "author",
                "datePublished",
                "itemReviewed",
                "reviewRating",
            },
            {"@type", "author", "datePublished", "appearance", "firstAppearance"},
            {"@type", "ratingValue", "bestRating", "worstRating", "alternateName"},
        )
        assert expected == (
            expected[0] & item.keys(),
            expected[1] & item["itemReviewed"].keys(),
            expected[2] & item["reviewRating"].keys(),
        )

    def test_statuses_rated(self, result, items):
        """The ratings state each fact's corroboration status in words."""
        ratings = {
            quote: item_for(items, fact_with(result, quote))["reviewRating"]
            for quote in (SIGNING, TERM, STORM)
        }

        expected = {
            SIGNING: (5, "Strongly corroborated"),
            TERM: (1, "Conflicting reports"),
            STORM: (2, "Single source"),
        }
        assert expected == {
            q: (r["ratingValue"], r["alternateName"]) for q, r in ratings.items()
        }

    def test_appearances(self, result, items):
        """One appearance per article, earliest first; the first is the earliest publication."""
        reviewed = item_for(items, fact_with(result, SIGNING))["itemReviewed"]

        expected = (
            [
                ("https://gazette.example/pact", "2025-03-14", "Harbour Gazette"),
                ("https://valley.example/news/1", "2025-03-15", "Valley Times"),
                ("https://ledger.example/oslo", "2025-03-16", "Northern Ledger"),
            ],
            "https://gazette.example/pact",
            "Fisheries pact signed",
            {"@type": "Organization", "name": "Harbour Gazette"},
            "2025-03-14",
        )
        assert expected == (
            [
                (w["url"], w["datePublished"], w["publisher"]["name"])
                for w in reviewed["appearance"]
            ],
            reviewed["firstAppearance"]["url"],
            reviewed["firstAppearance"]["headline"],
            reviewed["author"],
            reviewed["datePublished"],
        )

    def test_review_date_and_author(self, result):
        """The review is dated by its latest claim unless told, and authored by the desk."""
        fact = fact_with(result, SIGNING)
        [default] = claimreview_items([fact], author=AUTHOR, url_template=TEMPLATE)
        [dated] = claimreview_items(
            [fact],
            author=AUTHOR,
            url_template=TEMPLATE,
            author_url="https://desk.example",
            date_published=date(2025, 4, 1),
        )

        expected = (
            "2025-03-16",
            "2025-04-01",
            {"@type": "Organization", "name": AUTHOR, "url": "https://desk.example"},
        )
        assert expected == (
            default["datePublished"],
            dated["datePublished"],
            dated["author"],
        )

    def test_bare_facts(self, result):
        """Facts without their articles export too; appearances then lack URLs but stay valid."""
        exported = claimreview_items(result.facts, author=AUTHOR, url_template=TEMPLATE)
        for item in exported:
            validate_claimreview(item)

        appearances = [w for i in exported for w in i["itemReviewed"]["appearance"]]
        expected = (len(result.facts), [])
        assert expected == (len(exported), [w for w in appearances if "url" in w])

    def test_url_quotes_the_fact_id(self, result):
        """The fact id is URL-quoted into the template, whatever its format."""
        fact = reconcile.Fact(
            id="F 3a/9c", statement="x", claims=result.facts[0].claims
        )
        [item] = claimreview_items(
            [fact], author=AUTHOR, url_template="https://desk.example/r.html#{fact_id}"
        )

        expected = ("https://desk.example/r.html#F%203a%2F9c", "F 3a/9c")
        assert expected == (item["url"], item["identifier"]["value"])

    def test_json_safe(self, items):
        """Items survive a JSON round trip unchanged."""
        assert items == json.loads(json.dumps(items))

    @pytest.mark.parametrize(
        ("options", "field"),
        [
            ({"author": " "}, "author"),
            ({"url_template": "https://desk.example/facts"}, "url_template"),
            ({"url_template": "/facts/{fact_id}"}, "url_template"),
            (
                {"url_template": "https://desk.example/{fact_id}/{other}"},
                "url_template",
            ),
            ({"author_url": "desk.example"}, "author_url"),
        ],
    )
    def test_bad_arguments(self, result, options, field):
        """Bad export arguments raise a ClaimReviewError naming the argument."""
        arguments = {"author": AUTHOR, "url_template": TEMPLATE, **options}
        with pytest.raises(ClaimReviewError) as info:
            claimreview_items(result, **arguments)

        assert field == info.value.field


def broken(change: dict[str, Any], drop: tuple[str, ...] = ()) -> dict[str, Any]:
    """A copy of OUTSIDE_REVIEW with dotted keys set (or dropped)."""
    item = copy.deepcopy(OUTSIDE_REVIEW)
    for dotted, value in [*change.items(), *((d, None) for d in drop)]:
        *parents, last = dotted.split(".")
        target = item
        for part in parents:
            target = target[part]
        if dotted in drop:
            del target[last]
        else:
            target[last] = value
    return item


class TestValidate:
    def test_outside_review_is_valid(self):
        """A hand-written fact-check with text ratings validates."""
        validate_claimreview(OUTSIDE_REVIEW)
        validate_claimreview(UNRELATED_REVIEW)

    @pytest.mark.parametrize(
        ("item", "field", "expected"),
        [
            (broken({}, drop=("claimReviewed",)), "claimReviewed", "non-empty text"),
            (broken({"claimReviewed": "  "}), "claimReviewed", "non-empty text"),
            (broken({}, drop=("@context",)), "@context", "'https://schema.org'"),
            (broken({"@type": "Review"}), "@type", "'ClaimReview'"),
            (broken({"url": "/fact-checks/1"}), "url", "absolute http(s) URL"),
            (broken({}, drop=("reviewRating",)), "reviewRating", "a Rating object"),
            (
                broken({}, drop=("reviewRating.alternateName",)),
                "reviewRating.alternateName",
                "the rating in words",
            ),
            (
                broken({"reviewRating.@type": "Stars"}),
                "reviewRating.@type",
                "'Rating'",
            ),
            (
                broken({"reviewRating.ratingValue": 7}),
                "reviewRating.ratingValue",
                "within worstRating..bestRating (1..5)",
            ),
            (
                broken({"reviewRating.ratingValue": "two"}),
                "reviewRating.ratingValue",
                "a number",
            ),
            (
                broken({"reviewRating.bestRating": 1}),
                "reviewRating.bestRating",
                "more than worstRating",
            ),
            (broken({"author": {"@type": "Organization"}}), "author.name", "non-empty"),
            (
                broken({"author": {"@type": "Place", "name": "Oslo"}}),
                "author.@type",
                "'Organization' or 'Person'",
            ),
            (broken({"datePublished": "Friday"}), "datePublished", "ISO 8601 date"),
            (
                broken({"itemReviewed.@type": "Thing"}),
                "itemReviewed.@type",
                "'Claim'",
            ),
            (
                broken({"itemReviewed.appearance": ["not a url"]}),
                "itemReviewed.appearance[0]",
                "absolute http(s) URL",
            ),
            (
                broken({"itemReviewed.firstAppearance": {"url": "https://x.example"}}),
                "itemReviewed.firstAppearance",
                "CreativeWork object",
            ),
            (
                broken({"itemReviewed.datePublished": "2025-13-40"}),
                "itemReviewed.datePublished",
                "ISO 8601 date",
            ),
        ],
    )
    def test_invalid_items(self, item, field, expected):
        """An invalid item raises a ClaimReviewError naming the item, the field and what was expected."""
        with pytest.raises(ClaimReviewError) as info:
            validate_claimreview(item, index=3)

        message = str(info.value)
        assert (3, field, True, True) == (
            info.value.index,
            info.value.field,
            message.startswith(f"item 3: {field}: expected "),
            expected in message,
        )

    def test_not_an_object(self):
        """A non-object item is named as such."""
        with pytest.raises(ClaimReviewError, match=r"^item 0: expected a ClaimReview"):
            validate_claimreview(["ClaimReview"], index=0)

    def test_error_kinds(self):
        """ClaimReviewError is both a ReconcileError and a ValueError."""
        assert issubclass(ClaimReviewError, ReconcileError)
        assert issubclass(ClaimReviewError, ValueError)


class TestImport:
    def test_outside_review_is_evidence(self, result):
        """An outside fact-check attaches to the fact it matches, with score and verdict."""
        imported = import_claimreview([OUTSIDE_REVIEW, UNRELATED_REVIEW], result)
        term = fact_with(result, TERM)
        [evidence] = imported.evidence_for(term.id)

        expected = (
            "contradicted",
            True,
            "text",
            "Mostly false",
            OUTSIDE_REVIEW,
            ["The moon is made of green cheese, astronomers said."],
        )
        assert expected == (
            evidence.verdict,
            evidence.score >= result.config.match_threshold,
            evidence.matched_by,
            evidence.review.rating,
            evidence.item,
            [r.claim_reviewed for r in imported.unmatched],
        )

    def test_min_score(self, result):
        """A higher *min_score* attaches fewer facts; one above 100 attaches none."""
        loose = import_claimreview(OUTSIDE_REVIEW, result, min_score=0)
        strict = import_claimreview(OUTSIDE_REVIEW, result, min_score=101)

        expected = (True, (), 1)
        assert expected == (
            len(loose.evidence) >= 1,
            strict.evidence,
            len(strict.unmatched),
        )

    def test_bare_facts(self, result):
        """Bare facts can be matched against, with the default configuration."""
        from_facts = import_claimreview(OUTSIDE_REVIEW, list(result.facts))
        from_result = import_claimreview(OUTSIDE_REVIEW, result)

        assert from_result == from_facts

    def test_exported_items_find_their_facts(self, result, items):
        """Our own exported items come back as evidence for the very facts they review."""
        imported = import_claimreview(items, result)

        expected = {f.id: f.id for f in result.facts}
        assert expected == {
            r.fact_id: imported.evidence_for(r.fact_id)[0].fact_id
            for r in imported.reviews
        }

    def test_identifier_attaches_reworded_items(self, result, items):
        """An item whose identifier names a fact is attached to it even if reworded."""
        storm = fact_with(result, STORM)
        reworded = copy.deepcopy(item_for(items, storm))
        reworded["claimReviewed"] = "Chile's parliament ratified a copper law."
        imported = import_claimreview([reworded], result)

        expected = [(storm.id, "identifier")]
        assert expected == [(e.fact_id, e.matched_by) for e in imported.evidence]

    def test_graph_document(self, result):
        """A @graph document's ClaimReview nodes are read (other nodes skipped), context inherited."""
        nodes = [
            {"@type": "WebPage", "url": "https://checker.example"},
            {k: v for k, v in OUTSIDE_REVIEW.items() if k != "@context"},
        ]
        imported = import_claimreview(
            {"@context": "https://schema.org", "@graph": nodes}, result
        )

        expected = [nodes[1]]
        assert expected == imported.items()

    def test_file(self, result, tmp_path):
        """A path to a JSON file is read like the JSON itself."""
        path = tmp_path / "reviews.json"
        path.write_text(json.dumps([OUTSIDE_REVIEW]), encoding="utf-8")

        assert [OUTSIDE_REVIEW] == import_claimreview(path, result).items()
        assert [OUTSIDE_REVIEW] == import_claimreview(str(path), result).items()

    def test_bad_json_file(self, result, tmp_path):
        """A file that is not JSON raises a ClaimReviewError naming the file."""
        path = tmp_path / "reviews.json"
        path.write_text("[{", encoding="utf-8")
        with pytest.raises(ClaimReviewError) as info:
            import_claimreview(path, result)

        assert (path, True) == (info.value.path, str(info.value).startswith(str(path)))

    def test_missing_file(self, result, tmp_path):
        """A missing file raises MissingPathError."""
        with pytest.raises(MissingPathError):
            import_claimreview(tmp_path / "absent.json", result)

    def test_invalid_item_in_file(self, result, tmp_path):
        """An invalid item is named by file, index and field."""
        path = tmp_path / "reviews.json"
        path.write_text(
            json.dumps([OUTSIDE_REVIEW, broken({"url": "nowhere"})]), encoding="utf-8"
        )
        with pytest.raises(ClaimReviewError) as info:
            import_claimreview(path, result)

        assert (
            f"{path}: item 1: url: expected an absolute http(s) URL (got 'nowhere')"
            == str(info.value)
        )

    def test_fact_check_tools_api(self, result):
        """A Google Fact Check Tools API response is read as ClaimReview items."""
        response = {
            "claims": [
                {
                    "text": "Norway and Chile signed a 30-year fisheries pact.",
                    "claimant": "A. Commentator",
                    "claimDate": "2025-03-18T00:00:00Z",
                    "claimReview": [
                        {
                            "publisher": {
                                "name": "Checker Weekly",
                                "site": "checker.example",
                            },
                            "url": "https://checker.example/2025/03/fisheries-term",
                            "title": "No, the pact is not for 30 years",
                            "reviewDate": "2025-03-20T00:00:00Z",
                            "textualRating": "Mostly false",
                            "languageCode": "en",
                        }
                    ],
                }
            ]
        }
        imported = import_claimreview(response, result)
        [item] = imported.items()
        validate_claimreview(item)

        expected = ("Mostly false", "Checker Weekly", fact_with(result, TERM).id)
        assert expected == (
            item["reviewRating"]["alternateName"],
            item["author"]["name"],
            imported.evidence[0].fact_id,
        )


class TestRoundTrip:
    def test_example(self, result, items):
        """Import then export keeps each item, unchanged and in order, after the facts' own items."""
        source = [OUTSIDE_REVIEW, UNRELATED_REVIEW, items[0]]
        imported = import_claimreview(json.loads(json.dumps(source)), result)
        exported = claimreview_items(
            result, author=AUTHOR, url_template=TEMPLATE, reviews=imported
        )

        expected = (items, source)
        assert expected == (exported[: len(items)], exported[len(items) :])

    @given(st.data())
    def test_property(self, result, data):
        """Any valid items survive import and export unchanged; each is evidence or unmatched."""
        source = data.draw(st.lists(claimreviews(), min_size=1, max_size=3))
        for item in source:
            validate_claimreview(item)
        imported = import_claimreview(copy.deepcopy(source), result)
        exported = claimreview_items(
            [], author=AUTHOR, url_template=TEMPLATE, reviews=imported
        )

        matched = {e.review.index for e in imported.evidence}
        unmatched = {r.index for r in imported.unmatched}
        expected = (source, set(), set(range(len(source))))
        assert expected == (exported, matched & unmatched, matched | unmatched)
        assert isinstance(imported, ClaimReviewImport)


SENTENCES = [
    "Norway and Chile signed a fisheries pact in Oslo on Friday.",
    "Norway and Chile signed a 30-year fisheries pact.",
    "A storm flooded 300 homes in Bergen.",
    "The moon is made of green cheese.",
]
words = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
    min_size=1,
    max_size=30,
).filter(str.strip)
web_urls = st.builds(
    "https://{}.example/{}".format,
    st.from_regex(r"[a-z]{1,10}", fullmatch=True),
    st.from_regex(r"[a-z0-9/-]{0,20}", fullmatch=True),
)
iso_dates = st.dates(date(1990, 1, 1), date(2030, 12, 31)).map(date.isoformat)
agents = st.fixed_dictionaries(
    {"@type": st.sampled_from(["Organization", "Person"]), "name": words},
    optional={"url": web_urls},
)
works = st.one_of(
    web_urls,
    st.fixed_dictionaries(
        {
            "@type": st.sampled_from(
                ["CreativeWork", "NewsArticle", "SocialMediaPosting"]
            )
        },
        optional={"url": web_urls, "datePublished": iso_dates, "headline": words},
    ),
)


@st.composite
def ratings(draw: st.DrawFn) -> dict[str, Any]:
    """A schema.org Rating: words always, numbers (as ints or strings) sometimes."""
    rating: dict[str, Any] = {"@type": "Rating", "alternateName": draw(words)}
    if draw(st.booleans()):
        worst = draw(st.integers(-2, 2))
        best = draw(st.integers(worst + 1, worst + 10))
        value = draw(st.integers(worst, best))
        as_text = draw(st.booleans())
        rating.update(
            {
                "ratingValue": str(value) if as_text else value,
                "bestRating": str(best) if as_text else best,
                "worstRating": worst,
            }
        )
    return rating


def claimreviews() -> st.SearchStrategy[dict[str, Any]]:
    """Valid ClaimReview items, some about the test articles' facts, some not."""
    return st.fixed_dictionaries(
        {
            "@context": st.sampled_from(["https://schema.org", "http://schema.org/"]),
            "@type": st.just("ClaimReview"),
            "url": web_urls,
            "claimReviewed": st.one_of(st.sampled_from(SENTENCES), words),
            "reviewRating": ratings(),
        },
        optional={
            "author": agents,
            "datePublished": iso_dates,
            "name": words,
            "identifier": st.one_of(
                words,
                st.fixed_dictionaries(
                    {
                        "@type": st.just("PropertyValue"),
                        "propertyID": st.just(FACT_ID_PROPERTY),
                        "value": st.sampled_from(["F1", "F2", "nope"]),
                    }
                ),
            ),
            "itemReviewed": st.fixed_dictionaries(
                {"@type": st.just("Claim")},
                optional={
                    "author": agents,
                    "datePublished": iso_dates,
                    "appearance": st.lists(works, max_size=3),
                    "firstAppearance": works,
                },
            ),
        },
    )


def write_articles(folder) -> None:
    """The test articles as front-matter files in *folder*."""
    for article in ARTICLES:
        lines = ["---", f"outlet: {article.outlet}", f"published: {article.published}"]
        if article.url:
            lines.append(f"url: {article.url}")
        (folder / f"{article.id}.md").write_text(
            "\n".join([*lines, "---", article.text, ""]), encoding="utf-8"
        )


def run(argv: list[object]) -> tuple[int, str, str]:
    """Run ``reconcile ARGV`` in-process; return (exit status, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main([str(arg) for arg in argv])
    return status, out.getvalue(), err.getvalue()


class TestCommand:
    def test_writes_valid_items(self, tmp_path):
        """``reconcile claimreview`` writes one valid item per fact, then the imported reviews."""
        articles = tmp_path / "articles"
        articles.mkdir()
        write_articles(articles)
        reviews = tmp_path / "reviews.json"
        reviews.write_text(json.dumps(OUTSIDE_REVIEW), encoding="utf-8")
        output = tmp_path / "claimreview.json"
        status, out, err = run(
            [
                "claimreview",
                articles,
                "--author",
                AUTHOR,
                "--url-template",
                TEMPLATE,
                "--reviews",
                reviews,
                "-o",
                output,
            ]
        )
        items = json.loads(output.read_text(encoding="utf-8"))
        for index, item in enumerate(items):
            validate_claimreview(item, index=index)

        expected = (0, "", "", OUTSIDE_REVIEW, AUTHOR)
        assert expected == (status, out, err, items[-1], items[0]["author"]["name"])

    def test_bad_template(self, tmp_path):
        """A bad --url-template is a one-line error, exit status 2, and no output file."""
        articles = tmp_path / "articles"
        articles.mkdir()
        write_articles(articles)
        output = tmp_path / "claimreview.json"
        status, out, err = run(
            [
                "claimreview",
                articles,
                "--author",
                AUTHOR,
                "--url-template",
                "x",
                "-o",
                output,
            ]
        )

        expected = (2, "", 1, True, False)
        assert expected == (
            status,
            out,
            len(err.splitlines()),
            err.startswith("reconcile: error: url_template: "),
            output.exists(),
        )
