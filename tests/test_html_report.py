"""Tests for reconcile.html_report: one self-contained, escaped, editor-first page."""

from __future__ import annotations

import base64
import hashlib
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from reconcile.html_report import render_report_html

VOID = {"meta", "input", "br", "hr", "img", "wbr", "col", "link", "source"}
EVIL = "<script>alert('x')</script>"
KYIV_URL = "https://kyivindependent.com/putin-signs-law-ratifying-treaty-with-iran/"
TIMES_URL = "https://www.irishtimes.com/world/russia-iran-pact?a=1&b=2"

KYIV = (
    "Putin signs law ratifying treaty with Iran.\n"
    "The agreement was initially signed during a summit in Russia on Jan. 17, "
    "where the leaders pledged closer cooperation.\n"
    "At least four people were killed, officials said.\n"
    "A Kremlin aide later said the treaty was signed on Jan. 18.\n"
)
TIMES = "Russia and Iran signed a 20-year pact on Friday, state media said.\n"
CASPIAN = f"The pact was signed on Jan. 16 & sealed <quietly> {EVIL}.\n"
LATER = "The death toll rose to 12 on Saturday.\n"
CASPIAN_OUTLET = "Caspian <Observer> & Co"

# id, outlet, published, url, title, text
ARTICLES = [
    ("kyiv", "The Kyiv Independent", "2025-04-21", KYIV_URL, "Putin signs law", KYIV),
    (
        "times",
        "The Irish Times",
        "2025-01-17",
        TIMES_URL,
        "Russia & Iran <pact>",
        TIMES,
    ),
    ("caspian", CASPIAN_OUTLET, "2025-04-22", "javascript:alert(1)", "Evil", CASPIAN),
    ("later", "The Kyiv Independent", "2025-04-26", None, None, LATER),
]
KEYS = ("id", "outlet", "published", "url", "title", "text")


def _claim(
    cid: str, article: str, text: str, *values: tuple[str, str, str], **extra: Any
) -> dict[str, Any]:
    """A claim record of *text* in *article*, with (kind, text, normalized) *values*."""
    _, outlet, published, _, _, source = next(a for a in ARTICLES if a[0] == article)
    start = source.index(text)
    reason = {
        "rule": "token_set_ratio",
        "score": 91.5,
        "threshold": 85.0,
        "detail": "shared actors <Russia & Iran>",
    }
    record = {
        "id": cid,
        "article": article,
        "outlet": outlet,
        "published": published,
        "text": text,
        "start": start,
        "end": start + len(text),
        "values": [_value(source, start, *v) for v in values],
        "attributed_to": None,
        "polarity": "affirmed",
        "hedged": False,
        "quote": False,
        "match": {"score": 91.5, "reasons": [reason]},
    }
    return record | extra


def _value(
    source: str, after: int, kind: str, text: str, normalized: str
) -> dict[str, Any]:
    start = source.index(text, after)
    return {
        "kind": kind,
        "text": text,
        "start": start,
        "end": start + len(text),
        "normalized": normalized,
    }


def _fact(
    fid: str, status: str, confidence: float, claims: list[dict[str, Any]], **extra: Any
) -> dict[str, Any]:
    outlets = list(dict.fromkeys(c["outlet"] for c in claims))
    record = {
        "id": fid,
        "statement": claims[0]["text"],
        "status": status,
        "confidence": confidence,
        "outlets": outlets,
        "independent_origins": len(outlets),
        "explanation": f"{status} because <reasons> & more",
        "claims": claims,
        "agreements": [],
        "conflicts": [],
        "updates": [],
        "origins": [],
    }
    return record | extra


def _conflict(
    left: dict[str, Any], right: dict[str, Any], **extra: Any
) -> dict[str, Any]:
    values = [left["values"][0]["normalized"], right["values"][0]["normalized"]]
    record = {
        "kind": "date",
        "claims": [left["id"], right["id"]],
        "values": values,
        "explanation": f"disjoint dates: {left['outlet']} says {values[0]!r}, {right['outlet']} says {values[1]!r}",
        "outlets": [left["outlet"], right["outlet"]],
        "rule": "disjoint_intervals",
        "within_outlet": False,
        "spans": [
            {"start": c["values"][0]["start"], "end": c["values"][0]["end"]}
            for c in (left, right)
        ],
    }
    return record | extra


def _document() -> dict[str, Any]:
    """Four facts (conflicting, updated, single-source, corroborated) over four articles."""
    signed = "The agreement was initially signed during a summit in Russia on Jan. 17"
    k1 = _claim(
        "c1",
        "kyiv",
        signed,
        ("date", "on Jan. 17", "2025-01-17"),
        attributed_to="Russian state media",
    )
    t1 = _claim(
        "c2",
        "times",
        "Russia and Iran signed a 20-year pact on Friday",
        ("date", "on Friday", "2025-01-17"),
        hedged=True,
    )
    c1 = _claim(
        "c3",
        "caspian",
        f"The pact was signed on Jan. 16 & sealed <quietly> {EVIL}",
        ("date", "on Jan. 16", "2025-01-16"),
        polarity="negated",
    )
    k3 = _claim(
        "c9",
        "kyiv",
        "the treaty was signed on Jan. 18",
        ("date", "on Jan. 18", "2025-01-18"),
    )
    k2 = _claim(
        "c4",
        "kyiv",
        "At least four people were killed",
        ("quantity", "At least four people", ">=4 people"),
    )
    l1 = _claim(
        "c5", "later", "The death toll rose to 12", ("quantity", "12", "12 people")
    )
    t2 = _claim("c6", "times", "a 20-year pact", quote=True)
    agreement = {
        "kind": "date",
        "value": "2025-01-17",
        "claims": ["c1", "c2"],
        "outlets": ["The Kyiv Independent", "The Irish Times"],
        "rule": "same_interval",
        "explanation": "both resolve to 2025-01-17",
    }
    origin = {
        "origin": "Russian state media",
        "outlets": ["The Kyiv Independent", CASPIAN_OUTLET],
        "claims": ["c1", "c3"],
        "reason": "both attribute it to Russian state media",
    }
    timeline = [
        {
            "published": "2025-04-21",
            "value": ">=4 people",
            "outlet": "The Kyiv Independent",
            "claim": "c4",
        },
        {
            "published": "2025-04-26",
            "value": "12 people",
            "outlet": "The Kyiv Independent",
            "claim": "c5",
        },
    ]
    update = {
        "kind": "quantity",
        "dimension": "people|killed",
        "explanation": "the toll rose from >=4 to 12",
        "timeline": timeline,
    }
    conflicts = [_conflict(k1, c1), _conflict(k1, k3, within_outlet=True)]
    return {
        "reconcile_version": "9.9.9",
        "articles": [dict(zip(KEYS, row, strict=True)) for row in ARTICLES],
        "facts": [
            _fact(
                "F1",
                "conflicting",
                0.35,
                [k1, t1, c1, k3],
                agreements=[agreement],
                conflicts=conflicts,
                origins=[origin],
            ),
            _fact("F3", "updated", 0.6, [k2, l1], updates=[update]),
            _fact("F4", "single_source", 0.4, [t2]),
            _fact("F2", "corroborated", 0.9, [k1 | {"id": "c7"}, t1 | {"id": "c8"}]),
        ],
    }


class _Page(HTMLParser):
    """Collects start tags in order and checks that every element is closed properly."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.text: list[str] = []
        self.feed(page)
        self.close()
        self.errors += [f"unclosed <{t}>" for t in self.stack]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(
                f"</{tag}> closes <{self.stack[-1] if self.stack else None}>"
            )
        else:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def find(self, tag: str, **attrs: str) -> list[dict[str, str | None]]:
        return [
            a
            for t, a in self.tags
            if t == tag and all(a.get(k) == v for k, v in attrs.items())
        ]

    def sections(self) -> list[dict[str, str | None]]:
        return [
            a
            for t, a in self.tags
            if t == "section" and "fact" in (a.get("class") or "").split()
        ]


@pytest.fixture(scope="module")
def page() -> str:
    return render_report_html(_document())


@pytest.fixture(scope="module")
def parsed(page: str) -> _Page:
    return _Page(page)


def test_page_is_well_formed_html5(page: str, parsed: _Page) -> None:
    """The page is one HTML5 document whose elements all nest and close, with unique ids."""
    ids = [a["id"] for _, a in parsed.tags if a.get("id")]

    assert page.startswith("<!DOCTYPE html>")
    assert [] == parsed.errors
    assert len(ids) == len(set(ids))
    assert parsed.find("meta", charset="utf-8")


def test_title_and_version(parsed: _Page) -> None:
    """The page names itself and the reconcile version that produced it."""
    text = "".join(parsed.text)

    assert "Corroboration report" in text
    assert "9.9.9" in text


def test_no_external_resources(page: str, parsed: _Page) -> None:
    """Nothing is loaded from the network: no <link>, <img>, external script or url(); only article links."""
    without_articles = page.replace(KYIV_URL, "").replace(
        TIMES_URL.replace("&", "&amp;"), ""
    )

    assert not any(
        t in {"link", "img", "iframe", "object", "embed", "audio", "video", "source"}
        for t, _ in parsed.tags
    )
    assert all("src" not in a for _, a in parsed.tags)
    assert "url(" not in page
    assert "@import" not in page
    assert "http://" not in without_articles
    assert "https://" not in without_articles
    assert parsed.find("a", href=KYIV_URL)
    assert parsed.find("a", href=TIMES_URL)


def test_untrusted_text_is_escaped(page: str, parsed: _Page) -> None:
    """Claim text, outlets and titles are escaped: only the page's own <script> exists, and javascript: is not linked."""
    hrefs = [a.get("href") or "" for _, a in parsed.tags if "href" in a]

    assert 1 == page.count("<script")
    assert 1 == len(parsed.find("script"))
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "Caspian &lt;Observer&gt; &amp; Co" in page
    assert "sealed &lt;quietly&gt;" in page
    assert "<quietly>" not in page
    assert not any(h.startswith("javascript:") for h in hrefs)
    assert EVIL in "".join(parsed.text)


def test_script_is_allowed_by_its_csp_hash(page: str) -> None:
    """The Content-Security-Policy allows exactly the inline script on the page and no network."""
    script = re.search(r"<script>(.*?)</script>", page, re.S)
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page)
    digest = base64.b64encode(
        hashlib.sha256(script.group(1).encode()).digest()
    ).decode()

    assert csp is not None
    assert "default-src 'none'" in csp.group(1)
    assert f"'sha256-{digest}'" in csp.group(1)


def test_conflicting_facts_come_first() -> None:
    """Conflicting facts come first, then updated, single-source and corroborated, whatever the input order."""
    document = _document()
    document["facts"].reverse()

    sections = _Page(render_report_html(document)).sections()

    assert ["conflicting", "updated", "single_source", "corroborated"] == [
        s["data-status"] for s in sections
    ]
    assert ["fact-F1", "fact-F3", "fact-F4", "fact-F2"] == [s["id"] for s in sections]


def test_only_conflicting_details_are_open(page: str) -> None:
    """Each fact is a <details>; only the conflicting ones are open by default."""
    opened = re.findall(
        r'<section class="fact [^"]*" id="([^"]+)" data-status="([^"]+)">\s*<details( open)?>',
        page,
    )

    assert [
        ("fact-F1", "conflicting", " open"),
        ("fact-F3", "updated", ""),
        ("fact-F4", "single_source", ""),
        ("fact-F2", "corroborated", ""),
    ] == opened


def test_summary_table_and_counts(page: str, parsed: _Page) -> None:
    """The summary table has one row per fact, linked to its section, and the page counts each status."""
    rows = [a for t, a in parsed.tags if t == "tr" and "data-status" in a]

    assert parsed.find("table", id="summary")
    assert ["conflicting", "updated", "single_source", "corroborated"] == [
        r["data-status"] for r in rows
    ]
    assert parsed.find("a", href="#fact-F1")
    assert "1 Conflicting" in page
    assert "1 Corroborated" in page
    assert 4 == len(parsed.find("input", type="checkbox"))


def test_one_svg_per_fact_with_red_conflict_edges(page: str, parsed: _Page) -> None:
    """Every fact has an inline provenance SVG; conflicts_with edges appear only where claims conflict."""
    svgs = re.findall(r"<svg.*?</svg>", page, re.S)

    assert 4 == len(parsed.find("svg"))
    assert 4 == len(svgs)
    assert 2 == svgs[0].count('class="conflicts-with"')
    assert all("conflicts-with" not in svg for svg in svgs[1:])
    assert "Caspian &lt;Observer&gt; &amp; Co" in svgs[0]
    assert "<script" not in svgs[0]


def test_conflicts_shown_side_by_side(page: str) -> None:
    """A conflict is a two-column table naming both outlets and values, its rule, and whether it is within one outlet."""
    tables = re.findall(r'<table class="conflict( within)?">(.*?)</table>', page, re.S)

    assert 2 == len(tables)
    assert "" == tables[0][0]
    assert " within" == tables[1][0]
    assert (
        "<th>The Kyiv Independent says</th><th>Caspian &lt;Observer&gt; &amp; Co says</th>"
        in tables[0][1]
    )
    assert "2025-01-17" in tables[0][1]
    assert "2025-01-16" in tables[0][1]
    assert "disjoint_intervals" in tables[0][1]
    assert "within one outlet" in tables[1][1]
    assert "<th>The Kyiv Independent says</th>" * 2 in tables[1][1]
    assert "<mark>on Jan. 18</mark>" in tables[1][1]
    assert "<mark>on Jan. 16</mark>" in tables[0][1]


def test_updates_agreements_and_origins(page: str) -> None:
    """Updates are a timeline; agreements and merged origins are listed with their reasons."""
    timeline = re.search(r'<ol class="timeline">(.*?)</ol>', page, re.S).group(1)

    assert timeline.index("&gt;=4 people") < timeline.index("12 people")
    assert "2025-04-26" in timeline
    assert "same_interval" in page
    assert "both attribute it to Russian state media" in page


def test_evidence_is_quoted_with_its_provenance(page: str) -> None:
    """Each claim is quoted with outlet, date, article, span, flags, values and its match reasons."""
    evidence = re.search(
        r'<li id="claim-c3">(.*?)(?=<li id="claim-|</ol>\n</div>)', page, re.S
    ).group(1)
    k1 = _document()["facts"][0]["claims"][0]
    k3_text = _document()["facts"][0]["claims"][2]["text"]

    assert "Caspian &lt;Observer&gt; &amp; Co" in evidence
    assert "2025-04-22" in evidence
    assert "<code>caspian</code>" in evidence
    assert f"chars 0–{len(k3_text)}" in evidence
    assert '<span class="flag bad">negated</span>' in evidence
    assert "<mark>on Jan. 16</mark>" in evidence
    assert "2025-01-16" in evidence
    assert "token_set_ratio" in evidence
    assert "shared actors &lt;Russia &amp; Iran&gt;" in evidence
    assert f"chars {k1['start']}–{k1['end']}" in page
    assert "attributed to Russian state media" in page
    assert '<span class="flag warn">hedged</span>' in page
    assert "direct quote" in page


def test_report_renders_through_render_html() -> None:
    """``reconcile.report.render_html`` renders a Report's record with this module."""
    from reconcile.report import Report, render_html

    document = _document()
    report = Report(document["articles"], document["facts"], "9.9.9")

    assert render_report_html(report.to_record()) == render_html(report)


def test_many_conflicts_fold_and_odd_claim_ids_still_link() -> None:
    """Past six conflicts the rest fold into a nested <details>; ids with '#' are linked percent-encoded."""
    document = _document()
    fact = document["facts"][0]
    odd = fact["claims"][2] | {"id": "caspian#3 x"}
    fact["claims"][2] = odd
    fact["conflicts"] = [_conflict(fact["claims"][0], odd) for _ in range(8)]

    page = render_report_html(document)
    folded = re.search(
        r'<details class="more"><summary>Show 2 more conflicts</summary>(.*?)</details>',
        page,
        re.S,
    )

    assert 8 == page.count('<table class="conflict')
    assert folded is not None
    assert 2 == folded.group(1).count('<table class="conflict')
    assert '<a href="#claim-caspian%233%20x">claim caspian#3 x</a>' in page
    assert '<li id="claim-caspian#3 x">' in page
    assert 1 == re.search(r"<svg.*?</svg>", page, re.S).group(0).count("conflicts-with")


def test_empty_report() -> None:
    """A report with no facts is still a complete page."""
    parsed = _Page(
        render_report_html({"reconcile_version": "0.1.0", "articles": [], "facts": []})
    )

    assert [] == parsed.errors
    assert [] == parsed.sections()
    assert parsed.find("table", id="summary")


def _chromium(tmp_path: Path, *args: str) -> str:
    """Run headless Chromium, offline and with a throwaway profile; return its stdout."""
    found = shutil.which("chromium") or (
        "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None
    )
    if found is None:
        reason = (
            "Chromium is not installed: apt-get install chromium (installed by .ci/run)"
        )
        if os.environ.get("RECONCILE_REQUIRE_CHROMIUM") == "1":
            pytest.fail(reason + "; RECONCILE_REQUIRE_CHROMIUM=1 requires it")
        pytest.skip(reason)
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
    ]
    done = subprocess.run(
        [found, *flags, *args], capture_output=True, text=True, timeout=60, check=True
    )
    return done.stdout


def test_chromium_renders_the_page(tmp_path: Path) -> None:
    """Headless Chromium runs the page's script, shows the conflict first, and takes a screenshot."""
    target, shot = tmp_path / "report.html", tmp_path / "page.png"
    target.write_text(render_report_html(_document()), encoding="utf-8")

    parsed = _Page(_chromium(tmp_path, "--dump-dom", target.as_uri()))
    _chromium(
        tmp_path, f"--screenshot={shot}", "--window-size=1200,900", target.as_uri()
    )

    assert "1" == parsed.find("body")[0].get("data-ready")
    assert "conflicting" == parsed.sections()[0]["data-status"]
    assert "" == parsed.find("details")[0].get("open")
    assert "hidden" not in parsed.find("form", id="filters")[0]
    assert shot.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert shot.stat().st_size > 1000


def test_chromium_status_filter_hides_unchecked_facts(tmp_path: Path) -> None:
    """Unticking a status hides its summary rows and fact sections; the others stay visible."""
    page = render_report_html(_document())
    page = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page)
    untick = (
        '<script>var box = document.querySelector("input[value=corroborated]");'
        'box.checked = false; box.dispatchEvent(new Event("change", {bubbles: true}));</script>'
    )
    target = tmp_path / "report.html"
    target.write_text(page.replace("</body>", untick + "</body>"), encoding="utf-8")

    parsed = _Page(_chromium(tmp_path, "--dump-dom", target.as_uri()))
    hidden = {
        a["data-status"]
        for t, a in parsed.tags
        if "data-status" in a and "hidden" in a and t in ("tr", "section")
    }
    shown = {
        a["data-status"]
        for t, a in parsed.tags
        if "data-status" in a and "hidden" not in a and t in ("tr", "section")
    }

    assert {"corroborated"} == hidden
    assert {"conflicting", "updated", "single_source"} == shown


def test_agreement_of_one_outlet_is_not_shown_as_agreed() -> None:
    """Two claims of one outlet agreeing are "stated only by" it; two outlets agree."""
    document = _document()
    fact = document["facts"][0]
    one = {
        "kind": "quantity",
        "value": "20 years",
        "claims": ["t1", "t9"],
        "outlets": ["The Irish Times"],
        "rule": "overlapping_intervals",
        "explanation": "2 claims agree on 20 years",
    }
    fact["agreements"] = [*fact["agreements"], one]

    page = render_report_html(document)
    agreed = re.search(r"<h3>Agreements</h3><ul>(.*?)</ul>", page, re.S).group(1)
    repeated = re.search(r"<h3>Repeated by one outlet</h3><ul>(.*?)</ul>", page, re.S)

    assert "agreed by The Kyiv Independent, The Irish Times" in agreed
    assert "20 years" not in agreed
    assert repeated is not None
    assert "stated only by The Irish Times, not an agreement" in repeated.group(1)
    assert "agreed by The Irish Times" not in page


def test_provenance_labels_are_whole_on_hover_and_wrapped() -> None:
    """Each node's hover title holds its whole label; the visible label wraps over
    two lines, so a fact id and an article id are shown whole."""
    long_text = "Russia and Iran signed a strategic partnership treaty " * 8
    document = _document()
    claim = document["facts"][2]["claims"][0]
    claim["text"] = long_text.strip()
    claim["article"] = "continental-press-2025-01-17"

    page = render_report_html(document)
    svg = re.findall(r"<svg.*?</svg>", page, re.S)[2]
    titles = re.findall(r"<title>(.*?)</title>", svg, re.S)
    spans = re.findall(r"<tspan[^>]*>(.*?)</tspan>", svg)

    assert any(t.startswith(long_text.strip()) for t in titles)
    assert "fact F4" in spans
    assert "continental-press-2025-01-17" == "".join(
        s for s in spans if s.startswith(("continental", "17"))
    )
    assert all(len(s) <= 35 for s in spans)
