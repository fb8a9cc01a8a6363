"""Tests for reconcile.ingest: article files in, cleaned Article objects out."""

from __future__ import annotations

import json
import warnings
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reconcile.errors import (
    ArticleFormatError,
    InputError,
    MissingPathError,
    SkippedFileWarning,
    UnanchoredDateWarning,
    UnsupportedFormatError,
)
from reconcile.ingest import (
    article_from_record,
    load_articles,
    looks_like_furniture,
    parse_article_text,
    remove_furniture,
)
from reconcile.model import Article

DATA = Path(__file__).parent / "data" / "ingest"

GOOD = "---\noutlet: Harbour Gazette\npublished: 2025-03-14\n---\nNorway and Chile signed a pact.\n"


def _doc(front: str, body: str = "Norway and Chile signed a pact.\n") -> str:
    return f"---\n{front}---\n{body}"


def _write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def _record(**extra: object) -> dict[str, object]:
    return {
        "outlet": "Wire",
        "published": "2025-03-14",
        "text": "A pact was signed.",
        **extra,
    }


class TestLoadArticles:
    def test_single_file(self, tmp_path):
        """A single front-matter file given as a string loads as one article."""
        path = _write(tmp_path, "tromso.md", GOOD)

        articles = load_articles(str(path))

        assert [("tromso", "Harbour Gazette", date(2025, 3, 14))] == [
            (a.id, a.outlet, a.published) for a in articles
        ]
        assert str(path) == articles[0].path

    def test_directory_recursive_sorted(self, tmp_path):
        """A directory yields every supported file under it, recursively and in sorted order."""
        _write(tmp_path, "b.md", GOOD)
        _write(tmp_path, "a.txt", GOOD)
        _write(tmp_path, "sub/c.markdown", GOOD)
        _write(tmp_path, "sub/d.json", json.dumps(_record()))
        _write(
            tmp_path,
            "sub/e.jsonl",
            json.dumps(_record()) + "\n\n" + json.dumps(_record(id="x")),
        )

        ids = [a.id for a in load_articles(tmp_path)]

        expected = ["a", "b", "c", "d", "e-1", "x"]
        assert expected == ids

    def test_directory_skips_hidden_and_unsupported(self, tmp_path):
        """Hidden files and folders and unsupported file types inside a directory are skipped silently."""
        _write(tmp_path, "a.md", GOOD)
        _write(tmp_path, ".draft.md", "broken")
        _write(tmp_path, ".cache/b.md", "broken")
        _write(tmp_path, "notes.csv", "broken")
        _write(tmp_path, "README", "broken")

        ids = [a.id for a in load_articles(tmp_path)]

        expected = ["a"]
        assert expected == ids

    def test_iterable_keeps_given_order(self, tmp_path):
        """Several paths load in the order given."""
        second = _write(tmp_path, "z.md", GOOD)
        first = _write(tmp_path, "a.md", GOOD)

        ids = [a.id for a in load_articles([second, first])]

        expected = ["z", "a"]
        assert expected == ids

    def test_same_file_twice_loads_once(self, tmp_path):
        """A file reached twice (directly and through its folder) is read once."""
        path = _write(tmp_path, "a.md", GOOD)

        ids = [a.id for a in load_articles([path, tmp_path])]

        expected = ["a"]
        assert expected == ids

    def test_json_list_default_ids(self, tmp_path):
        """Records of a JSON list without ids get the file stem plus their 1-based position."""
        path = _write(
            tmp_path, "wire.json", json.dumps([_record(), _record(id="own"), _record()])
        )

        ids = [a.id for a in load_articles(path)]

        expected = ["wire-1", "own", "wire-3"]
        assert expected == ids

    def test_duplicate_ids_name_both_files(self, tmp_path):
        """Two files with the same article id raise an error naming both files."""
        first = _write(
            tmp_path, "a.md", _doc("outlet: X\npublished: 2025-03-14\nid: same\n")
        )
        second = _write(
            tmp_path, "b.md", _doc("outlet: Y\npublished: 2025-03-14\nid: same\n")
        )

        with pytest.raises(ArticleFormatError) as info:
            load_articles(tmp_path)

        assert (
            f"{second}: id: duplicate article id (already used by {first}) (got 'same')"
            == str(info.value)
        )

    def test_duplicate_ids_within_file(self, tmp_path):
        """Two records of one JSON file with the same id raise an error naming the file."""
        path = _write(
            tmp_path, "w.json", json.dumps([_record(id="a"), _record(id="a")])
        )

        with pytest.raises(ArticleFormatError) as info:
            load_articles(path)

        assert f"{path}: id: duplicate article id within this file (got 'a')" == str(
            info.value
        )

    def test_missing_path(self, tmp_path):
        """A path that does not exist raises MissingPathError, which is also a FileNotFoundError."""
        path = tmp_path / "nowhere.md"

        with pytest.raises(FileNotFoundError) as info:
            load_articles(path)

        assert isinstance(info.value, MissingPathError)
        assert f"{path}: no such file or directory" == str(info.value)

    def test_unsupported_file_named_directly(self, tmp_path):
        """A file of an unsupported type named directly raises UnsupportedFormatError."""
        path = _write(tmp_path, "table.csv", "a,b\n")

        with pytest.raises(UnsupportedFormatError) as info:
            load_articles(path)

        assert (
            f"{path}: expected a .md, .markdown, .txt, .json, .jsonl, .html or .htm file (got '.csv')"
            == str(info.value)
        )

    def test_empty_directory(self, tmp_path):
        """A directory with no article files raises UnsupportedFormatError naming it."""
        with pytest.raises(UnsupportedFormatError) as info:
            load_articles(tmp_path)

        assert (
            f"{tmp_path}: no article files (.htm, .html, .json, .jsonl, .markdown, .md, .txt) in this directory"
            == str(info.value)
        )

    @pytest.mark.parametrize(
        ("name", "content", "message"),
        [
            ("a.md", b"", "file is empty"),
            ("a.md", b"  \n\n\t\n", "file holds only whitespace"),
            (
                "a.md",
                b"---\noutlet: X\n---\ncaf\xe9 owners said so.\n",
                "not UTF-8 text (byte 0xe9 at offset 21); save the file as UTF-8",
            ),
            (
                "a.txt",
                b"Just a body.\n",
                "outlet: the file does not give it; give --outlet NAME "
                "(outlet= in load_articles) or front matter with 'outlet:'",
            ),
            (
                "a.md",
                b"---\noutlet: X\nBody.\n",
                "line 1: front matter is never closed by a '---' line",
            ),
            (
                "a.md",
                b"---\noutlet: X\nnot a pair\n---\nBody.\n",
                "line 3: expected 'key: value' (got 'not a pair')",
            ),
            (
                "a.md",
                b"---\noutlet: X\noutlet: Y\n---\nBody.\n",
                "outlet: line 3: duplicate key (first given on line 2)",
            ),
            (
                "a.md",
                b'---\noutlet: "X\n---\nBody.\n',
                "line 2: quoted value is never closed (got '\"X')",
            ),
            (
                "a.md",
                b'---\noutlet: "X\\q"\n---\nBody.\n',
                "line 2: unknown escape in double-quoted value (got '\\\\q')",
            ),
            (
                "a.md",
                b'---\noutlet: "X" trailing\n---\nBody.\n',
                "line 2: unexpected text after the closing quote (got 'trailing')",
            ),
            (
                "a.md",
                b"---\npublished: 2025-03-14\n---\nBody.\n",
                "outlet: required field is missing",
            ),
            ("a.md", b'---\noutlet: ""\n---\nBody.\n', "outlet: must not be empty"),
            (
                "a.md",
                b"---\noutlet: X\npublished: Friday\n---\nBody.\n",
                "published: expected an ISO date like 2025-01-17 (got 'Friday')",
            ),
            (
                "a.md",
                b"---\noutlet: X\npublished: 2025-02-30\n---\nBody.\n",
                "published: expected an ISO date like 2025-01-17 (got '2025-02-30')",
            ),
            (
                "a.md",
                b"---\noutlet: X\npublished: 2025-03-14\n---\n\n  \n",
                "no body text",
            ),
            (
                "a.md",
                b"---\noutlet: X\npublished: 2025-03-14\n---\nSubscribe\n* indicates required\n",
                "no body text left after removing page furniture",
            ),
            (
                "a.json",
                b'{"outlet": "X", "text": "A pact',
                "invalid JSON at line 1, column 25: Unterminated string starting at",
            ),
            (
                "a.json",
                b'{"outlet": "X",\n',
                "invalid JSON at line 2, column 1: Expecting property name enclosed in double quotes",
            ),
            (
                "a.json",
                b"42",
                "expected a JSON object or a list of objects (got 'number')",
            ),
            ("a.json", b"[]", "the JSON list holds no articles"),
            (
                "a.json",
                b'[{"outlet": "X", "published": "2025-03-14", "text": "A."}, "oops"]',
                "record 2: expected a JSON object (got 'string')",
            ),
            (
                "a.json",
                b'{"outlet": "X", "published": "2025-03-14"}',
                "text: required field is missing",
            ),
            (
                "a.json",
                b'{"outlet": "X", "text": 7}',
                "text: expected a string (got 'number')",
            ),
            (
                "a.json",
                b'{"outlet": 3, "published": "2025-03-14", "text": "A."}',
                "outlet: expected a string (got 'number')",
            ),
            (
                "a.jsonl",
                b'{"outlet": "X", "published": "2025-03-14", "text": "A."}\n{"outlet": \n',
                "invalid JSON at line 2, column 12: Expecting value",
            ),
            (
                "a.jsonl",
                b'{"outlet": "X", "published": "last week", "text": "A."}\n',
                "line 1: published: expected an ISO date like 2025-01-17 (got 'last week')",
            ),
            ("a.jsonl", b"[1, 2]\n", "line 1: expected a JSON object (got 'array')"),
        ],
    )
    def test_bad_file(self, tmp_path, name, content, message):
        """Each kind of bad file raises ArticleFormatError with a one-line message naming the file."""
        path = _write(tmp_path, name, content)

        with pytest.raises(ArticleFormatError) as info:
            load_articles(path)

        assert f"{path}: {message}" == str(info.value)
        assert path == info.value.path
        assert "\n" not in str(info.value)

    def test_error_keeps_field_and_value(self, tmp_path):
        """A field error keeps the field name and the bad value as attributes."""
        path = _write(
            tmp_path, "w.json", json.dumps([_record(), _record(published="Friday")])
        )

        with pytest.raises(ArticleFormatError) as info:
            load_articles(path)

        expected = ("published", "Friday")
        assert expected == (info.value.field, info.value.value)
        assert (
            f"{path}: record 2: published: expected an ISO date like 2025-01-17 (got 'Friday')"
            == str(info.value)
        )

    def test_first_error_in_sorted_order(self, tmp_path):
        """Without keep_going, the first bad file in sorted order is reported."""
        _write(tmp_path, "c.md", b"")
        bad = _write(tmp_path, "b.md", "no front matter\n")
        _write(tmp_path, "a.md", GOOD)

        with pytest.raises(ArticleFormatError) as info:
            load_articles(tmp_path)

        assert bad == info.value.path

    def test_keep_going_skips_bad_files(self, tmp_path):
        """With keep_going, bad files are skipped with a SkippedFileWarning carrying the error."""
        _write(tmp_path, "a.md", GOOD)
        bad = _write(tmp_path, "b.md", "no front matter\n")
        _write(tmp_path, "c.md", GOOD)

        with pytest.warns(SkippedFileWarning) as record:
            articles = load_articles(tmp_path, keep_going=True)

        expected = ["a", "c"]
        assert expected == [a.id for a in articles]
        assert [
            f"skipped {bad}: outlet: the file does not give it; give --outlet NAME "
            "(outlet= in load_articles) or front matter with 'outlet:'"
        ] == [str(w.message) for w in record]

    def test_keep_going_skips_missing_paths(self, tmp_path):
        """With keep_going, a missing path is skipped like a bad file."""
        good = _write(tmp_path, "a.md", GOOD)

        with pytest.warns(SkippedFileWarning, match="no such file"):
            articles = load_articles([tmp_path / "gone.md", good], keep_going=True)

        expected = ["a"]
        assert expected == [a.id for a in articles]

    def test_keep_going_loads_nothing_from_a_bad_file(self, tmp_path):
        """With keep_going, a JSON list with one bad record contributes no article at all."""
        _write(
            tmp_path,
            "a.json",
            json.dumps([_record(id="one"), _record(id="two", text=3)]),
        )
        _write(tmp_path, "b.md", GOOD)

        with pytest.warns(SkippedFileWarning, match="record 2: text"):
            articles = load_articles(tmp_path, keep_going=True)

        expected = ["b"]
        assert expected == [a.id for a in articles]

    def test_keep_going_duplicate_id_skips_later_file(self, tmp_path):
        """With keep_going, a file repeating an id already loaded is skipped whole."""
        _write(tmp_path, "a.json", json.dumps([_record(id="x")]))
        _write(tmp_path, "b.json", json.dumps([_record(id="y"), _record(id="x")]))

        with pytest.warns(SkippedFileWarning, match="duplicate article id"):
            articles = load_articles(tmp_path, keep_going=True)

        expected = ["x"]
        assert expected == [a.id for a in articles]

    def test_keep_going_raises_when_nothing_loads(self, tmp_path):
        """With keep_going, if no file could be loaded the first error is raised."""
        first = _write(tmp_path, "a.md", b"")
        _write(tmp_path, "b.md", "no front matter\n")

        with (
            pytest.warns(SkippedFileWarning),
            pytest.raises(ArticleFormatError) as info,
        ):
            load_articles(tmp_path, keep_going=True)

        assert f"{first}: file is empty" == str(info.value)

    def test_missing_published_warns(self, tmp_path):
        """An article without `published` loads with published=None and a warning naming the file."""
        path = _write(tmp_path, "a.md", _doc("outlet: X\n"))

        with pytest.warns(UnanchoredDateWarning) as record:
            (article,) = load_articles(path)

        assert article.published is None
        assert [
            f"{path}: no 'published' date; relative dates such as 'on Friday' will stay unresolved"
        ] == [str(w.message) for w in record]

    def test_errors_share_the_input_error_base(self, tmp_path):
        """Every loading error is an InputError and a ValueError or FileNotFoundError."""
        path = _write(tmp_path, "a.md", b"")

        with pytest.raises(InputError) as info:
            load_articles(path)

        assert isinstance(info.value, ValueError)

    def test_no_stray_warnings(self, tmp_path):
        """Loading a complete article issues no warning at all."""
        path = _write(tmp_path, "a.md", GOOD)

        with warnings.catch_warnings():
            warnings.simplefilter("error")
            articles = load_articles(path)

        assert [Article] == [type(a) for a in articles]


class TestParseArticleText:
    @pytest.mark.parametrize(
        ("line", "expected"),
        [
            ('title: "Norway: a new pact"', "Norway: a new pact"),
            ("title: 'Norway: a new pact'", "Norway: a new pact"),
            (r'title: "He said \"yes\" \\ no"', 'He said "yes" \\ no'),
            ("title: 'It''s signed'", "It's signed"),
            ('title: "Signed"  # a comment', "Signed"),
            ("title: Plain: with a colon", "Plain: with a colon"),
            ("title:    spaced   ", "spaced"),
        ],
    )
    def test_front_matter_values(self, line, expected):
        """Front-matter values may be plain, single-quoted or double-quoted with escapes."""
        article = parse_article_text(
            _doc(f"outlet: X\npublished: 2025-03-14\n{line}\n")
        )

        assert expected == article.title

    def test_unknown_keys_become_metadata(self):
        """Keys other than id, outlet, published, url and title are kept as metadata."""
        article = parse_article_text(
            _doc(
                'outlet: X\npublished: 2025-03-14\nsection: world\nauthor: "Ingrid Solberg"\n'
            )
        )

        expected = (("author", "Ingrid Solberg"), ("section", "world"))
        assert expected == article.metadata

    def test_comments_and_blank_lines(self):
        """Blank lines and '#' comments inside the front matter are ignored."""
        article = parse_article_text(
            _doc("# scraped on Friday\n\noutlet: X\n\npublished: 2025-03-14\n")
        )

        expected = ("X", ())
        assert expected == (article.outlet, article.metadata)

    @pytest.mark.parametrize(
        ("front", "path", "article_id", "expected"),
        [
            ("id: given\n", "dir/file.md", None, "given"),
            ("", "dir/file.md", None, "file"),
            ("", "dir/file.md", "chosen", "chosen"),
            ("id: given\n", "dir/file.md", "chosen", "given"),
        ],
    )
    def test_article_id(self, front, path, article_id, expected):
        """The id comes from the front matter, else the article_id argument, else the file stem."""
        text = _doc(f"outlet: X\npublished: 2025-03-14\n{front}")

        article = parse_article_text(text, path=path, article_id=article_id)

        assert expected == article.id

    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            ("2025-01-17", date(2025, 1, 17)),
            ("2025-01-17T23:10:00", date(2025, 1, 17)),
            ("2025-01-17T23:10:00+03:00", date(2025, 1, 17)),
            ("2025-01-17 08:00", date(2025, 1, 17)),
            ('"2025-01-17"', date(2025, 1, 17)),
        ],
    )
    def test_published(self, value, expected):
        """`published` accepts an ISO date or a full ISO datetime, keeping its date."""
        article = parse_article_text(_doc(f"outlet: X\npublished: {value}\n"))

        assert expected == article.published

    @pytest.mark.parametrize(
        "value", ["Friday", "17/01/2025", "20250117", "2025-1-17", "2025-01-17 at noon"]
    )
    def test_bad_published(self, value):
        """`published` values that are not ISO dates raise an error naming the field and value."""
        with pytest.raises(ArticleFormatError) as info:
            parse_article_text(
                _doc(f"outlet: X\npublished: {value}\n"), path="fixtures/x/a.md"
            )

        assert (
            f"fixtures/x/a.md: published: expected an ISO date like 2025-01-17 (got {value!r})"
            == str(info.value)
        )

    def test_bom_and_crlf(self):
        """A BOM is dropped and CRLF or CR newlines become LF before parsing."""
        text = "\ufeff---\r\noutlet: X\r\npublished: 2025-03-14\r\n---\r\nFirst line.\r\nSecond line.\rThird.\r\n"

        article = parse_article_text(text)

        expected = "First line.\nSecond line.\nThird.\n"
        assert expected == article.raw_text
        expected = "First line.\nSecond line.\nThird."
        assert expected == article.text

    def test_raw_text_is_the_body(self):
        """raw_text is the body after the front matter, before furniture removal."""
        article = parse_article_text(
            _doc("outlet: X\npublished: 2025-03-14\n", "Advertisement\nA pact.\n")
        )

        expected = ("Advertisement\nA pact.\n", "A pact.")
        assert expected == (
            article.raw_text,
            article.text,
        )

    def test_missing_published_warns(self):
        """A missing `published` leaves it None and warns with UnanchoredDateWarning."""
        with pytest.warns(UnanchoredDateWarning, match="x.md: no 'published' date"):
            article = parse_article_text(_doc("outlet: X\n"), path="x.md")

        assert article.published is None

    def test_realistic_scraped_page(self):
        """A scraped page loses its furniture and keeps its reporting, headline and paragraphs."""
        path = DATA / "scraped_page.md"
        expected = (DATA / "scraped_page.expected.txt").read_text(encoding="utf-8")

        (article,) = load_articles(path)

        assert expected == article.text
        expected = "Norway and Chile agree fisheries pact: a 15-year deal"
        assert expected == article.title
        expected = (("section", "world"),)
        assert expected == article.metadata
        for clean_start, raw_start, length in article.kept:
            assert (
                article.raw_text[raw_start : raw_start + length]
                == article.text[clean_start : clean_start + length]
            )


class TestArticleFromRecord:
    def test_fields_and_metadata(self):
        """Known keys fill the article and any other keys are kept as metadata."""
        record = _record(
            url="https://example.org/a", title="Pact", author="A. Writer", tags=["fish"]
        )

        article = article_from_record(record, path="feeds/wire.json")

        expected = ("wire", "Wire", "https://example.org/a", "Pact")
        assert expected == (
            article.id,
            article.outlet,
            article.url,
            article.title,
        )
        expected = (("author", "A. Writer"), ("tags", ("fish",)))
        assert expected == article.metadata

    @pytest.mark.parametrize(
        ("index", "given", "expected"),
        [(None, None, "wire"), (3, None, "wire-3"), (3, 42, "42")],
    )
    def test_ids(self, index, given, expected):
        """The id is the record's own id, else the stem (plus the index for list records)."""
        record = _record() if given is None else _record(id=given)

        article = article_from_record(record, path="wire.json", index=index)

        assert expected == article.id

    def test_null_published_warns(self):
        """A null `published` is treated as missing, with a warning."""
        with pytest.warns(UnanchoredDateWarning):
            article = article_from_record(_record(published=None), path="wire.json")

        assert article.published is None

    def test_bad_record_names_position(self):
        """An error in a list record names the record's position and the field."""
        with pytest.raises(ArticleFormatError) as info:
            article_from_record(_record(published=20250117), path="wire.json", index=2)

        expected = "wire.json: record 2: published: expected an ISO date like 2025-01-17 (got 20250117)"
        assert expected == str(info.value)


class TestRemoveFurniture:
    @pytest.mark.parametrize(
        ("body", "expected"),
        [
            (
                "A pact was signed.\n\nIt runs 15 years.\n",
                "A pact was signed.\n\nIt runs 15 years.",
            ),
            ("  Indented line.  \nNext line.", "Indented line.\nNext line."),
            ("Skip to content\nEdit post\n\nA pact was signed.", "A pact was signed."),
            (
                "Promo banner line\npre-order now\nSkip to content\nHeadline here",
                "Headline here",
            ),
            (
                "Leaders met. Photograph: Jo Bloggs/Reuters\nLeaders met. Photograph: Jo Bloggs/Reuters\n\nA pact.",
                "A pact.",
            ),
            (
                "Leaders met (Press Office / Handout via Getty Images)\nA pact.",
                "A pact.",
            ),
            (
                "A pact was signed.\nA pact was signed.\nIt runs long.",
                "A pact was signed.\nIt runs long.",
            ),
            (
                "A crane stands at the port of Bellmoor on May 7, 2020.\nKari Nes\n/\nAP\n"
                "A crane stands at the port of Bellmoor on May 7, 2020.\n\nA pact was signed.",
                "A pact was signed.",
            ),
            (
                "A pact was signed.\nIt runs for twenty years from May.\nA pact was signed.",
                "A pact was signed.\nIt runs for twenty years from May.\nA pact was signed.",
            ),
            (
                "Body text.\n\nThank you for signing up. We've sent you a confirmation email.Storms hit the coast",
                "Body text.\n\nStorms hit the coast",
            ),
            (
                "Body text.\n\nSubscribe\nCoastal Briefing Weekly\n* indicates required",
                "Body text.",
            ),
            (
                "Body text.\n\nJane Doe\n\nJane Doe\n\nJane Doe is a contributor to The Post",
                "Body text.",
            ),
            (
                "Body text.\n\nJane Doe\n\nJane Doe is a reporter for The Post covering energy",
                "Body text.",
            ),
            (
                "Body text.\n\nOther story heading\nThe opening of another story that stops mid-wo…\n\nNews Feed",
                "Body text.",
            ),
            ("Body text.\n\nREAD MORE\n\nMore body.", "Body text.\n\nMore body."),
            (
                "by Jane Doe and John Roe March 14, 2025 9:12 AM 3 min read\nBody text.",
                "Body text.",
            ),
            ("By Jane Doe, Energy Reporter\nBody text.", "Body text."),
            ("By Friday, the ships were back.", "By Friday, the ships were back."),
            ("March 14, 2025 9:12 AM\nBody text.", "Body text."),
            (
                "# Pact signed\n\n> A quote here.\n\n- A bullet point.",
                "Pact signed\n\nA quote here.\n\nA bullet point.",
            ),
            (
                "See [the text](https://example.org) now.\n![map](map.png)",
                "See the text now.",
            ),
            ("![map](m.png) A map of the coast.", "A map of the coast."),
            ("Read [ the report ](https://x.org)", "Read  the report"),
            (
                "Listen to this article\nAdvertisement\nBody text.\nShare this article",
                "Body text.",
            ),
        ],
    )
    def test_rules(self, body, expected):
        """Each furniture rule drops what it should and nothing else."""
        text, kept = remove_furniture(body)

        assert expected == text
        assert all(body[r : r + n] == text[c : c + n] for c, r, n in kept)

    def test_untouched_body_is_one_run(self):
        """A body with no furniture is kept as a single run."""
        body = "A pact was signed.\nIt runs 15 years.\n\nOfficials agreed."

        text, kept = remove_furniture(body)

        assert (body, ((0, 0, len(body)),)) == (text, kept)

    def test_separators_outside_runs(self):
        """Newlines inserted where furniture was removed belong to no kept run."""
        text, kept = remove_furniture("First.\nREAD MORE\nSecond.")

        expected = ("First.\nSecond.", ((0, 0, 6), (7, 17, 7)))
        assert expected == (text, kept)

    def test_raw_offset_maps_back(self):
        """Article.raw_offset maps a cleaned offset back to the same character in raw_text."""
        article = parse_article_text(
            _doc(
                "outlet: X\npublished: 2025-03-14\n",
                "Subscribe\nA pact.\nREAD MORE\nB pact.\n",
            )
        )
        at = article.text.index("B pact")

        expected = "B"
        assert expected == article.raw_text[article.raw_offset(at)]

    @given(
        st.lists(
            st.one_of(
                st.sampled_from(
                    [
                        "",
                        "   ",
                        "Subscribe",
                        "* indicates required",
                        "READ MORE",
                        "Jane Doe",
                        "Leaders met. Photograph: Jo Bloggs/AFP via Getty Images",
                        "A pact was signed on Friday.",
                        "Headline without a stop",
                        "Thanks for subscribing.Storms hit the coast",
                        "# Heading",
                        "See [a link](https://x.org) here.",
                        "![img](i.png) [ b ](u)",
                        "> - ## [x](y)",
                        "The story continues here and stops mid-wo…",
                    ]
                ),
                st.text(
                    alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30
                ),
            ),
            max_size=25,
        ),
        st.sampled_from(["\n", "\n\n", "\n \n"]),
    )
    def test_kept_runs_are_exact(self, lines, joiner):
        """Every kept run copies the raw text exactly, runs are ordered, and only newlines lie outside them."""
        body = joiner.join(lines)

        text, kept = remove_furniture(body)

        covered = [False] * len(text)
        last_clean = last_raw = 0
        for clean_start, raw_start, length in kept:
            assert length > 0
            assert clean_start >= last_clean and raw_start >= last_raw
            assert (
                body[raw_start : raw_start + length]
                == text[clean_start : clean_start + length]
            )
            covered[clean_start : clean_start + length] = [True] * length
            last_clean, last_raw = clean_start + length, raw_start + length
        assert all(
            char == "\n" for char, hit in zip(text, covered, strict=True) if not hit
        )
        assert text == text.strip()


class TestLooksLikeFurniture:
    @pytest.mark.parametrize(
        "line",
        [
            "* indicates required",
            "Subscribe",
            "Sign up",
            "Enter your email to subscribe",
            "Please, enter correct email address",
            "Successfuly subscribed",
            "Thank you for signing up for this newsletter. We've sent you a confirmation email.",
            "We’ve sent you a confirmation email.",
            "Skip to content",
            "Edit post",
            "READ MORE",
            "Read more: Storm batters the coast",
            "Related: Ferry services suspended",
            "MORE NEWS",
            "News Feed",
            "Editors' Picks",
            "Most read",
            "Share this article",
            "Share on Facebook",
            "Follow us on Telegram",
            "This audio is created with AI assistance",
            "Listen to this article",
            "Advertisement",
            "pre-order now",
            "We use cookies to improve your experience.",
            "Accept all cookies",
            "Leaders meet in Oslo. Photograph: Kari Nes/AFP via Getty Images",
            "Leaders meet in Oslo. (Kari Nes/Reuters)",
            "Leaders meet in Oslo. Photo: Kari Nes",
            "Image: Kari Nes",
            "Credit: Kari Nes",
            "by Jane Doe and The Gazette news desk March 14, 2025 9:12 AM 2 min read",
            "By Jane Doe, Reporter",
            "Jane Doe is a contributor to The Gazette from northern Norway",
            "(Reporting by Jane Doe; Editing by John Roe)",
            "Updated: March 14, 2025",
            "14 March 2025, 09:12 GMT",
            "![A map](map.png)",
            "Minister Kari Nes (left) and envoy Ola Berg (right) shake hands in Oslo.",
            "Harbour master Kari Nes, second from left, and divers inspect the pier.",
            "Divers search the harbour in Bellmoor, northern Norway, Tuesday, March 11, 2025.",
            "Tue., March 11: Divers search the harbour in Bellmoor.",
            "For the full report: https://example.org/2025/03/report.html",
            "Contact the desk at desk@example.org.",
            "Click here for more charts of the company.",
            "Check back later for updates.",
            "Allow notifications to get alerts from The Gazette.",
            "Jane Doe Published March 14, 2025 | 09:12 AM",
            "A post shared by Kari Nes on Sunday, March 9, 2025",
            "Harbour master Kari Nes, pictured on Monday.",
            "From staff and wire reports",
            "Storm batters the coast of Bellmoor 00:19",
            "— Updated at 6:15 p.m. CDT with latest information.",
            "Norway Chile Fisheries (Copyright 2025 The Associated Press.",
            "Photo © 2025 Reuters",
            "(Apart from the headline, the desk has not edited this story.)",
            "THIS IS A BREAKING NEWS UPDATE.",
            "The earlier AP story appears below.",
            "Gazette with AFP 7:19 p.m., March 14, 2025, updated at 7:22 p.m., March 14, 2025",
            "2025.03.14 09:12 (Updated 2025.03.14) | Jane Doe",
        ],
    )
    def test_furniture(self, line):
        """Page furniture lines are recognised."""
        assert looks_like_furniture(line)

    @pytest.mark.parametrize(
        "line",
        [
            "",
            "Norway and Chile signed a fisheries agreement on Friday.",
            "Norway and Chile sign 15-year fisheries pact as storm batters coast",
            "By Friday, the ships were back in port.",
            "Readers who subscribe to the paper were told on Monday.",
            "The photo showed the two leaders shaking hands.",
            "Reuters reported that the deal was signed on Jan. 17.",
            "“We are unanimous in our intention ... to take relations to a new level,” he said.",
            "Published reports said 4 people died.",
            "Jane Doe",
            "The storm struck Bellmoor on Tuesday, March 11.",
            "Sen. Kari Nes (D) and Sen. Ola Berg (R) voted against the bill.",
            "He turned left, and the car hit the barrier.",
            "The report was published on Monday by the ministry.",
            "See [the ministry's statement](https://example.org) for details.",
            "The vote was held at 14:30",
            "He was pictured in Bellmoor with aides.",
            "The storm struck at 10:30 and was gone by 11:15.",
            "Updated figures from the ministry put the toll at 12.",
            "The court ruled on copyright in 2023.",
            "The copyright 2023 ruling was upheld by the court on Monday.",
            "The report said 12 people died (the report was later corrected).",
            "The earlier attack was worse than this one.",
            "Divers reached Bellmoor at 7:19 p.m. on March 14.",
            "On 2025.03.14 the storm struck Bellmoor.",
        ],
    )
    def test_reporting(self, line):
        """Sentences of reporting, headlines and bare names are not furniture on their own."""
        assert not looks_like_furniture(line)
