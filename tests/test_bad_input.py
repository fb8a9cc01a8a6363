"""Hostile input (issue 16, item 1): every bad input gets the one-line error.

Each class of input that once gave a traceback or a hang is here: JSON nested
thousands deep, integers of 5,000 digits, metadata nested deep, symbolic link
loops, FIFOs and unlistable folders inside a directory, lone surrogates, absurd
numbers in the text, and an article longer than ``Config.max_article_chars``.
A Hypothesis fuzz over bytes, JSON structures and front matter checks that
``load_articles`` raises nothing but ``ReconcileError`` and that the command
line never prints a traceback.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
import warnings
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import reconcile.ingest as ingest_module
from reconcile import Config, load_articles, reconcile
from reconcile.cli import main
from reconcile.errors import (
    ArticleFormatError,
    InvalidValueError,
    MissingPathError,
    ReconcileError,
    ReplacedTextWarning,
    SkippedFileWarning,
    TruncatedArticleWarning,
    UnreadablePathError,
    UnsupportedFormatError,
)
from reconcile.ingest import MAX_JSON_INT_DIGITS, MAX_NESTING
from reconcile.model import Article, Quantity

GOOD = (
    "---\noutlet: Harbour Gazette\npublished: 2025-03-14\n---\n"
    "Norway and Chile signed a fisheries pact in Oslo on Friday.\n"
)


def run(argv: list[object]) -> tuple[int, str, str]:
    """``reconcile ARGV`` in-process: (exit status, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main([str(arg) for arg in argv])
    return status, out.getvalue(), err.getvalue()


def record(**extra: object) -> dict[str, object]:
    return {
        "outlet": "Wire",
        "published": "2025-03-14",
        "text": "Chile signed a pact.",
        **extra,
    }


def assert_one_line_error(tmp_path: Path, path: Path, expected: str) -> None:
    """Exit 2, one line naming *path* and *expected*, nothing on stdout, no output file."""
    output = tmp_path / "report.json"
    status, out, err = run(["report", "--format", "json", "-o", output, path])
    assert status == 2
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("reconcile: error: ")
    assert path.name in lines[0] and expected in lines[0]
    assert not output.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".report")] == []


def keep_going_skips(tmp_path: Path, bad: Path) -> str:
    """``--keep-going`` over *bad* and a good file: the good one is reported; the warning."""
    (tmp_path / "good.md").write_text(GOOD, encoding="utf-8")
    status, out, err = run(
        ["report", "--format", "json", "--keep-going", bad, tmp_path / "good.md"]
    )
    assert status == 0
    assert [a["id"] for a in json.loads(out)["articles"]] == ["good"]
    return err


# ------------------------------------------------------------------ JSON limits


class TestJsonLimits:
    def test_lists_nested_thousands_deep(self, tmp_path):
        bad = tmp_path / "deep.json"
        bad.write_text("[" * 5000 + "]" * 5000, encoding="utf-8")
        with pytest.raises(
            ArticleFormatError, match=f"nested deeper than {MAX_NESTING}"
        ):
            load_articles(bad)
        assert_one_line_error(tmp_path, bad, "line 1, column 65: nested deeper")
        assert "deep.json" in keep_going_skips(tmp_path, bad)

    def test_metadata_nested_deep_in_a_record(self, tmp_path):
        bad = tmp_path / "meta.jsonl"
        deep = '{"a": ' * 900 + "1" + "}" * 900
        line = json.dumps(record())[:-1] + f', "meta": {deep}}}'
        bad.write_text(json.dumps(record()) + "\n" + line + "\n", encoding="utf-8")
        assert_one_line_error(tmp_path, bad, "invalid JSON at line 2")

    def test_nesting_up_to_the_limit_is_read(self, tmp_path):
        ok = tmp_path / "ok.json"
        nested = "[" * (MAX_NESTING - 1) + "]" * (MAX_NESTING - 1)
        ok.write_text(
            json.dumps(record())[:-1] + f', "meta": {nested}}}', encoding="utf-8"
        )
        (article,) = load_articles(ok)
        assert article.metadata[0][0] == "meta"

    def test_brackets_inside_strings_do_not_count(self, tmp_path):
        ok = tmp_path / "ok.json"
        ok.write_text(json.dumps(record(note="[" * 500 + '\\"{')), encoding="utf-8")
        assert len(load_articles(ok)) == 1

    @pytest.mark.parametrize("suffix", [".json", ".jsonl"])
    def test_an_integer_of_5000_digits(self, tmp_path, suffix):
        bad = tmp_path / f"big{suffix}"
        bad.write_text(
            json.dumps(record())[:-1] + ', "n": ' + "9" * 5000 + "}\n", encoding="utf-8"
        )
        with pytest.raises(ArticleFormatError, match="an integer of 5,000 digits"):
            load_articles(bad)
        assert_one_line_error(tmp_path, bad, f"at most {MAX_JSON_INT_DIGITS}")
        assert "big" in keep_going_skips(tmp_path, bad)

    @pytest.mark.parametrize(
        ("number", "expected"),
        [
            ("NaN", "NaN is not a JSON number"),
            ("-Infinity", "-Infinity is not"),
            ("1e999", "too large"),
        ],
    )
    def test_numbers_that_are_not_json(self, tmp_path, number, expected):
        bad = tmp_path / "nan.json"
        bad.write_text(
            json.dumps(record())[:-1] + f', "n": {number}}}', encoding="utf-8"
        )
        assert_one_line_error(tmp_path, bad, expected)

    def test_an_integer_at_the_limit_is_read(self, tmp_path):
        ok = tmp_path / "ok.json"
        ok.write_text(
            json.dumps(record(n=10 ** (MAX_JSON_INT_DIGITS - 1))), encoding="utf-8"
        )
        (article,) = load_articles(ok)
        assert dict(article.metadata)["n"] == 10 ** (MAX_JSON_INT_DIGITS - 1)


class TestMetadataNesting:
    def test_deep_python_metadata_is_a_clean_error(self):
        deep: list[object] = []
        for _ in range(10_000):
            deep = [deep]
        with pytest.raises(InvalidValueError, match="nested at most"):
            Article(id="a", outlet="X", text="t", metadata={"deep": deep})

    def test_metadata_holding_itself_is_a_clean_error(self):
        loop: list[object] = []
        loop.append(loop)
        with pytest.raises(InvalidValueError, match="nested at most"):
            Article(id="a", outlet="X", text="t", metadata={"loop": loop})


# ------------------------------------------------------------------ files and folders


class TestFilesAndFolders:
    @pytest.mark.parametrize(
        ("make", "error", "expected"),
        [
            (
                lambda path: path.symlink_to(path),
                UnreadablePathError,
                "symbolic link loop",
            ),
            (os.mkfifo, UnsupportedFormatError, "not a FIFO"),
        ],
        ids=["symlink-loop", "fifo"],
    )
    def test_not_a_file_named_directly_is_an_error(
        self, tmp_path, make, error, expected
    ):
        path = tmp_path / "x.md"
        make(path)
        with pytest.raises(error, match=expected):
            load_articles(path)
        assert_one_line_error(tmp_path, path, expected)

    def test_symlink_loop_inside_a_directory_is_skippable(self, tmp_path):
        folder = tmp_path / "articles"
        folder.mkdir()
        (folder / "good.md").write_text(GOOD, encoding="utf-8")
        (folder / "a.md").symlink_to(folder / "b.md")
        (folder / "b.md").symlink_to(folder / "a.md")
        assert_one_line_error(tmp_path, folder, "symbolic link loop")
        with pytest.warns(SkippedFileWarning, match="symbolic link loop"):
            articles = load_articles(folder, keep_going=True)
        assert [a.id for a in articles] == ["good"]

    def test_broken_symlink_is_named_as_such(self, tmp_path):
        dangling = tmp_path / "gone.md"
        dangling.symlink_to(tmp_path / "nowhere.md")
        with pytest.raises(MissingPathError, match="broken symbolic link"):
            load_articles(dangling)

    @pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
    def test_fifo_inside_a_directory_is_skipped_and_never_opened(
        self, tmp_path, monkeypatch
    ):
        folder = tmp_path / "articles"
        folder.mkdir()
        (folder / "good.md").write_text(GOOD, encoding="utf-8")
        os.mkfifo(folder / "x.md")
        opened: list[str] = []
        real_open = os.open

        def recording_open(path, *args, **kwargs):  # type: ignore[no-untyped-def]
            opened.append(os.fspath(path))
            return real_open(path, *args, **kwargs)

        monkeypatch.setattr(ingest_module.os, "open", recording_open)
        with pytest.warns(SkippedFileWarning, match=r"x\.md: skipped: a FIFO"):
            articles = load_articles(folder)
        assert [a.id for a in articles] == ["good"]
        assert opened == [str(folder / "good.md")]
        status, _, err = run(["report", "--format", "json", folder])
        assert status == 0 and "x.md: skipped: a FIFO" in err

    def test_unlistable_subfolder_is_a_warning(self, tmp_path, monkeypatch):
        folder = tmp_path / "articles"
        (folder / "locked").mkdir(parents=True)
        (folder / "good.md").write_text(GOOD, encoding="utf-8")
        (folder / "locked" / "hidden.md").write_text(GOOD, encoding="utf-8")
        refuse(monkeypatch, folder / "locked")
        with pytest.warns(
            SkippedFileWarning, match="locked: cannot list this directory"
        ):
            articles = load_articles(folder)
        assert [a.id for a in articles] == ["good"]

    def test_unlistable_folder_named_directly_is_an_error(self, tmp_path, monkeypatch):
        folder = tmp_path / "articles"
        folder.mkdir()
        refuse(monkeypatch, folder)
        with pytest.raises(UnreadablePathError, match="cannot list this directory"):
            load_articles(folder)

    @pytest.mark.skipif(os.geteuid() == 0, reason="root lists any folder")
    def test_unreadable_subfolder_for_real(
        self, tmp_path
    ):  # pragma: no cover - not root
        folder = tmp_path / "articles"
        (folder / "locked").mkdir(parents=True)
        (folder / "good.md").write_text(GOOD, encoding="utf-8")
        (folder / "locked").chmod(0)
        try:
            with pytest.warns(SkippedFileWarning, match="cannot list"):
                load_articles(folder)
        finally:
            (folder / "locked").chmod(0o755)


def refuse(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """Make listing *folder* fail as it does without read permission."""
    real_scandir = os.scandir

    def scandir(path):  # type: ignore[no-untyped-def]
        if Path(path) == folder:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(ingest_module.os, "scandir", scandir)


# ------------------------------------------------------------------ text


class TestText:
    def test_lone_surrogates_are_replaced_with_a_warning(self, tmp_path):
        path = tmp_path / "wire.json"
        path.write_text(
            '{"outlet": "Wire\\ud800", "published": "2025-03-14",'
            ' "text": "Chile signed a pact \\udfff on Friday."}',
            encoding="utf-8",
        )
        with pytest.warns(ReplacedTextWarning, match="2 lone surrogates"):
            (article,) = load_articles(path)
        assert article.outlet == "Wire\ufffd"
        assert "\ufffd" in article.text
        status, out, err = run(["report", "--format", "json", path])
        assert status == 0
        assert json.loads(out)["articles"][0]["outlet"] == "Wire\ufffd"
        assert "lone surrogates" in err

    def test_undecodable_bytes_on_the_command_line(self, tmp_path):
        (tmp_path / "good.md").write_text(GOOD, encoding="utf-8")
        text = b"Chile \xed\xa0\x80 signed a pact".decode("utf-8", "surrogateescape")
        status, out, err = run(["check", text, tmp_path / "good.md"])
        assert status == 0
        assert "Chile \ufffd\ufffd\ufffd signed" in out
        assert "TEXT: bytes that are not UTF-8 replaced" in err

    def test_a_surrogate_pair_is_one_character(self, tmp_path):
        path = tmp_path / "emoji.json"
        path.write_text(json.dumps(record(title="\U0001f600")), encoding="utf-8")
        with warnings.catch_warnings():
            warnings.simplefilter("error", ReplacedTextWarning)
            (article,) = load_articles(path)
        assert article.title == "\U0001f600"

    @pytest.mark.parametrize("digits", [310, 400, 5000])
    def test_absurd_numbers_in_the_text_are_ignored(self, digits):
        huge = "9" * digits
        text = (
            f"Chile paid {huge} dollars and {huge}.5 million dollars to Peru on Friday."
        )
        article = Article(id="a", outlet="X", text=text, published=date(2025, 3, 14))
        result = reconcile([article])
        values = [v for c in result.claims for v in c.values if isinstance(v, Quantity)]
        assert all(len(v.text) < 40 for v in values)

    def test_a_long_figure_below_the_limit_is_read(self):
        article = Article(
            id="a", outlet="X", text="Chile paid 123456789012345678 dollars to Peru."
        )
        (claim,) = reconcile([article]).claims
        (quantity,) = [v for v in claim.values if isinstance(v, Quantity)]
        assert quantity.low == 123456789012345678


class TestArticleSizeLimit:
    def test_a_long_article_is_cut_at_a_sentence_end_with_a_warning(self):
        sentence = "Chile signed a pact with Peru on Friday. "
        article = Article(
            id="long", outlet="X", text=sentence * 100, published=date(2025, 3, 14)
        )
        config = Config(max_article_chars=10 * len(sentence) + 5)
        with pytest.warns(
            TruncatedArticleWarning, match="long: the text is 4,100 characters"
        ):
            result = reconcile([article], config)
        (kept,) = result.articles
        assert kept.text == (sentence * 10).strip()
        assert max(c.span.end for c in result.claims) <= len(kept.text)

    def test_a_short_article_is_untouched(self):
        article = Article(id="a", outlet="X", text="Chile signed a pact with Peru.")
        with warnings.catch_warnings():
            warnings.simplefilter("error", TruncatedArticleWarning)
            assert reconcile([article]).articles == (article,)

    def test_the_limit_must_be_positive(self):
        with pytest.raises(ReconcileError, match="max_article_chars"):
            Config(max_article_chars=0)


# ------------------------------------------------------------------ fuzz

_FRONT_KEYS = st.sampled_from(
    ["outlet", "published", "id", "url", "title", "x", "---", "", "a b"]
)
_FRONT_VALUES = st.one_of(
    st.text(max_size=20),
    st.sampled_from(
        [
            '"quoted: yes"',
            "'it''s'",
            '"\\u"',
            '"open',
            "2025-01-17",
            "2025-13-40",
            "9" * 400,
        ]
    ),
)
front_matter = st.builds(
    lambda pairs, body, fence: (
        fence + "".join(f"{k}: {v}\n" for k, v in pairs) + fence + body
    ),
    st.lists(st.tuples(_FRONT_KEYS, _FRONT_VALUES), max_size=6),
    st.text(max_size=200),
    st.sampled_from(["---\n", "--- \n", "", "---\r\n"]),
)
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)
json_records = st.fixed_dictionaries(
    {},
    optional={
        "outlet": json_values | st.just("Wire"),
        "text": json_values | st.text(min_size=1, max_size=80),
        "published": json_values | st.just("2025-01-17"),
        "id": json_values,
        "title": json_values,
        "meta": json_values,
    },
)
json_documents = st.one_of(
    json_values.map(json.dumps),
    json_records.map(json.dumps),
    st.lists(json_records, max_size=3).map(json.dumps),
    st.sampled_from(
        ["[" * 3000, '{"a": ' * 2000, "-" + "1" * 6000, '"\\ud800"', "[1e999]", "NaN"]
    ),
)
inputs = st.one_of(
    st.tuples(
        st.sampled_from([".md", ".txt", ".json", ".jsonl"]), st.binary(max_size=300)
    ),
    st.tuples(
        st.sampled_from([".md", ".markdown"]),
        front_matter.map(lambda t: t.encode("utf-8", "surrogatepass")),
    ),
    st.tuples(
        st.sampled_from([".json", ".jsonl"]),
        json_documents.map(lambda t: t.encode("utf-8", "surrogatepass")),
    ),
    st.tuples(
        st.just(".jsonl"),
        st.lists(json_records.map(json.dumps), max_size=4).map(
            lambda ls: "\n".join(ls).encode()
        ),
    ),
)


def _write(folder: Path, suffix: str, data: bytes) -> Path:
    path = folder / f"fuzz{suffix}"
    path.write_bytes(data)
    return path


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(inputs)
def test_load_articles_raises_nothing_but_reconcile_errors(tmp_path_factory, case):
    path = _write(tmp_path_factory.mktemp("fuzz"), *case)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with contextlib.suppress(ReconcileError):
            load_articles(path)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(inputs)
def test_the_command_line_never_raises_past_its_one_line_error(tmp_path_factory, case):
    folder = tmp_path_factory.mktemp("fuzz")
    path = _write(folder, *case)
    status, out, err = run(["report", "--format", "json", path])
    assert status in (0, 2)
    if status == 2:
        assert out == "" and len(err.strip().splitlines()) == 1
    else:
        json.loads(out)


HOSTILE = {
    "deep.json": "[" * 5000 + "]" * 5000,
    "big.jsonl": '{"outlet": "X", "text": "A pact.", "n": ' + "9" * 5000 + "}\n",
    "nan.json": '{"outlet": "X", "text": "A pact.", "n": NaN}',
    "surrogate.json": '{"outlet": "X", "text": "Chile signed a pact \\ud800 on Friday."}',
    "number.md": "---\noutlet: X\npublished: 2025-01-17\n---\nChile paid "
    + "9" * 310
    + " dollars.\n",
}


def test_no_traceback_from_a_real_process(tmp_path):
    for name, text in HOSTILE.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "loop.md").symlink_to(tmp_path / "loop.md")
    for path in sorted(tmp_path.iterdir()):
        for extra in ([], ["--keep-going"]):
            done = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "reconcile.cli",
                    "report",
                    "--format",
                    "json",
                    *extra,
                    str(path),
                ],
                capture_output=True,
                text=True,
                timeout=120,
                check=False,
            )
            assert "Traceback" not in done.stderr, (path.name, done.stderr)
            assert done.returncode in (0, 2), (path.name, done.stderr)
            if done.returncode == 2:
                assert done.stdout == ""
