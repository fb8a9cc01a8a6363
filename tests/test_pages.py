"""Saved web pages (the html extra) and plain text without front matter.

The pages under tests/data/pages/ were written for these tests: each has a
navigation bar, a footer and a newsletter prompt or caption around its story,
and states its outlet, date, address and title the way real pages do
(OpenGraph tags, JSON-LD, a canonical link).
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import pytest

from reconcile import load_articles, reconcile
from reconcile.errors import ArticleFormatError, UnsupportedFormatError
from tests.test_cli import run

PAGES = Path(__file__).parent / "data" / "pages"
HARBOUR = PAGES / "harbour-gazette.html"
COURIER = PAGES / "northern-courier.htm"
UNDATED = PAGES / "undated.html"
STORY = "Norway and Chile signed a fisheries pact in Oslo on Friday.\n"

pytest.importorskip("trafilatura")


class TestSavedPages:
    def test_metadata_comes_from_the_page(self):
        """Outlet (site name), published, url and title are the page's own."""
        expected = [
            (
                "The Harbour Gazette",
                date(2025, 1, 17),
                "https://harbour-gazette.example/world/russia-iran-treaty",
                "Russia and Iran sign strategic partnership treaty",
            ),
            (
                "Northern Courier",
                date(2025, 1, 18),
                "https://northern-courier.example/2025/01/18/moscow-tehran-partnership",
                "Moscow and Tehran seal 20-year partnership",
            ),
        ]
        assert expected == [
            (a.outlet, a.published, a.url, a.title)
            for a in load_articles([HARBOUR, COURIER])
        ]

    def test_body_is_the_story_without_page_or_library_furniture(self):
        """Navigation, footer and headline go (trafilatura); the newsletter prompt goes
        too (the library's own furniture removal, which runs after it)."""
        (harbour,) = load_articles(HARBOUR)

        assert harbour.text.startswith("Russian President Vladimir Putin")
        assert "Subscribe to our newsletter" in harbour.raw_text
        for junk in ("Home", "Privacy", "All rights reserved", "Subscribe"):
            assert junk not in harbour.text
        assert harbour.text.endswith("Mr Pezeshkian said after the ceremony.")

    def test_two_pages_corroborate_the_signing_date(self):
        """`reconcile report page1.html page2.htm` works and links the two outlets."""
        status, out, err = run(["report", "--format", "json", HARBOUR, COURIER])

        assert (0, "") == (status, err)
        report = json.loads(out)
        dated = [
            fact
            for fact in report["facts"]
            if any(a["value"] == "2025-01-17" for a in fact["agreements"])
        ]
        assert ["Northern Courier", "The Harbour Gazette"] == dated[0]["outlets"]
        assert "corroborated" == dated[0]["status"]

    def test_a_directory_of_pages_is_read(self, tmp_path):
        """A directory holding .html files reads them like any supported file."""
        (tmp_path / "a.html").write_bytes(HARBOUR.read_bytes())

        assert ["a"] == [a.id for a in load_articles(tmp_path)]

    def test_what_a_page_lacks_comes_from_the_caller(self):
        """A page with no site name or date takes outlet and published from the caller."""
        (article,) = load_articles(
            UNDATED, outlet="Lowmouth Post", published=date(2025, 3, 4)
        )

        assert ("Lowmouth Post", date(2025, 3, 4), "Port reopens after storm") == (
            article.outlet,
            article.published,
            article.title,
        )

    def test_the_page_wins_over_the_caller(self):
        """The caller's values only fill gaps: the page's own outlet and date stay."""
        (article,) = load_articles(HARBOUR, outlet="Other", published="2030-01-01")

        assert ("The Harbour Gazette", date(2025, 1, 17)) == (
            article.outlet,
            article.published,
        )

    @pytest.mark.parametrize(
        ("given", "field", "flag"),
        [
            ({}, "outlet", "--outlet NAME"),
            ({"outlet": "X"}, "published", "--published"),
        ],
    )
    def test_a_page_lacking_a_field_names_it_and_its_flag(self, given, field, flag):
        """A page with no outlet or date, and none given, is refused in one line."""
        with pytest.raises(ArticleFormatError) as info:
            load_articles(UNDATED, **given)

        message = str(info.value)
        assert message.startswith(f"{UNDATED}: {field}: ")
        assert flag in message
        assert "\n" not in message

    def test_without_the_extra_a_page_names_the_extra(self, monkeypatch, tmp_path):
        """Without trafilatura an .html file gets a one-line error naming the extra."""
        monkeypatch.setitem(sys.modules, "trafilatura", None)

        with pytest.raises(UnsupportedFormatError, match=r"reconcile\[html\]"):
            load_articles(HARBOUR)
        status, out, err = run(["report", HARBOUR])

        assert (2, "") == (status, out)
        assert (
            f"reconcile: error: {HARBOUR}: reading saved web pages needs the html "
            "extra: pip install 'reconcile[html]' (trafilatura is missing)\n"
        ) == err

    def test_a_page_without_text_is_refused(self, tmp_path):
        """A page with no main text is a one-line error, not an empty article."""
        page = tmp_path / "empty.html"
        page.write_text("<html><head><title>x</title></head><body></body></html>")

        with pytest.raises(ArticleFormatError, match="no article text found"):
            load_articles(page, outlet="X", published="2025-01-01")


class TestPlainText:
    def test_plain_text_with_outlet_and_published(self, tmp_path):
        """`reconcile report --outlet X --published D story.txt` reads plain text."""
        story = tmp_path / "story.txt"
        story.write_text(STORY, encoding="utf-8")

        status, out, err = run(
            [
                "report",
                "--format",
                "json",
                "--outlet",
                "Harbour Gazette",
                "--published",
                "2025-03-14",
                "--url",
                "https://example.org/pact",
                story,
            ]
        )

        assert (0, "") == (status, err)
        article = json.loads(out)["articles"][0]
        assert {
            "id": "story",
            "outlet": "Harbour Gazette",
            "published": "2025-03-14",
            "url": "https://example.org/pact",
            "title": None,
        } == {
            key: article.get(key)
            for key in ("id", "outlet", "published", "url", "title")
        }
        dates = [
            value["normalized"]
            for fact in json.loads(out)["facts"]
            for claim in fact["claims"]
            for value in claim["values"]
            if value["kind"] == "date"
        ]
        assert "2025-03-14" in dates  # "on Friday" anchored by --published

    def test_python_gives_the_same(self, tmp_path):
        """`load_articles(paths, outlet=..., published=...)` is the same in Python."""
        story = tmp_path / "story.txt"
        story.write_text(STORY, encoding="utf-8")

        (article,) = load_articles(
            story, outlet="Harbour Gazette", published="2025-03-14"
        )

        assert ("Harbour Gazette", date(2025, 3, 14), STORY.strip()) == (
            article.outlet,
            article.published,
            article.text,
        )
        assert reconcile([article]).facts

    @pytest.mark.parametrize(
        ("flags", "field", "flag"),
        [
            ([], "outlet", "--outlet NAME"),
            (["--published", "2025-03-14"], "outlet", "--outlet NAME"),
            (["--outlet", "X"], "published", "--published YYYY-MM-DD"),
            (["--outlet", "X"], "published", "--articles-published in check"),
        ],
    )
    def test_missing_field_names_the_flag(self, tmp_path, flags, field, flag):
        """Plain text lacking outlet or published: one line naming field and flag."""
        story = tmp_path / "story.txt"
        story.write_text(STORY, encoding="utf-8")

        status, out, err = run(["report", *flags, story])

        assert (2, "") == (status, out)
        assert err.startswith(f"reconcile: error: {story}: {field}: ")
        assert flag in err
        assert 1 == err.count("\n")

    def test_flags_fill_what_front_matter_lacks(self, tmp_path):
        """Front matter without a date takes --published; its own outlet stays."""
        story = tmp_path / "story.md"
        story.write_text("---\noutlet: Own Name\n---\n" + STORY, encoding="utf-8")

        (article,) = load_articles(story, outlet="Flag Name", published="2025-03-14")

        assert ("Own Name", date(2025, 3, 14)) == (article.outlet, article.published)
