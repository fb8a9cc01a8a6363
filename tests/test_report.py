"""Tests for reconcile.report and ``reconcile report``: the corroboration report's contract.

The JSON report is a contract read by tools outside the library (DESIGN.md,
"The JSON report"); :func:`contract_problems` checks a report against it.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import reconcile
from reconcile import report as report_module
from reconcile.cli import main
from reconcile.model import (
    STATUSES,
    Actor,
    Agreement,
    Article,
    Claim,
    Conflict,
    DateValue,
    Fact,
    Quantity,
    Span,
    Verdict,
)
from reconcile.report import (
    STATUS_ORDER,
    Report,
    build_report,
    editor_order,
    render_html,
    render_json,
    render_markdown,
    value_record,
    write_json,
    write_json_report,
)

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_SETS = sorted(
    p.parent / "articles" for p in ROOT.glob("fixtures/*/expected.json")
)
ISO = re.compile(r"\d{4}-\d{2}-\d{2}")

FACT_KEYS = {
    "id",
    "statement",
    "status",
    "confidence",
    "outlets",
    "independent_origins",
    "claims",
    "agreements",
    "conflicts",
}
CLAIM_KEYS = {
    "id",
    "article",
    "outlet",
    "text",
    "start",
    "end",
    "values",
    "attributed_to",
    "polarity",
    "hedged",
}
VALUE_KEYS = {"kind", "text", "start", "end", "normalized"}
ARTICLE_KEYS = {"id", "outlet", "published", "url", "title"}


def cli_json(*paths: object) -> dict[str, Any]:
    """The JSON report of *paths* from ``reconcile report --format json``."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(["report", "--format", "json", *map(str, paths)])
    assert (0, "") == (status, err.getvalue())
    return json.loads(out.getvalue())


@pytest.fixture(scope="module", params=FIXTURE_SETS, ids=lambda p: p.parent.name)
def fixture_report(request) -> tuple[Path, dict[str, Any]]:
    """Each bundled fixture set's folder and its JSON report."""
    return request.param, cli_json(request.param)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _value_problems(where: str, value: dict[str, Any], text: str, claim: dict) -> list:
    problems = []
    if missing := VALUE_KEYS - value.keys():
        return [f"{where}: missing {sorted(missing)}"]
    if value["kind"] not in ("date", "quantity", "actor", "place"):
        problems.append(f"{where}: kind {value['kind']!r}")
    if text[value["start"] : value["end"]] != value["text"]:
        problems.append(f"{where}: text is not article_text[start:end]")
    if not claim["start"] <= value["start"] <= value["end"] <= claim["end"]:
        problems.append(f"{where}: span outside its claim")
    if value["kind"] == "date":
        if {"earliest", "latest"} - value.keys():
            return [*problems, f"{where}: date without earliest/latest"]
        earliest, latest = value["earliest"], value["latest"]
        if (earliest is None) != (latest is None) or (
            (earliest is None) != (value["normalized"] is None)
        ):
            problems.append(f"{where}: half-resolved date {value}")
        elif earliest is not None and not (
            ISO.fullmatch(earliest) and ISO.fullmatch(latest) and earliest <= latest
        ):
            problems.append(f"{where}: bad interval {earliest}..{latest}")
    if value["kind"] == "quantity":
        if {"low", "high", "unit"} - value.keys():
            return [*problems, f"{where}: quantity without low/high/unit"]
        low, high = value["low"], value["high"]
        if not all(b is None or _is_number(b) for b in (low, high)):
            problems.append(f"{where}: bounds {low!r}, {high!r}")
        elif low is not None and high is not None and low > high:
            problems.append(f"{where}: low > high")
        if not isinstance(value["unit"], str):
            problems.append(f"{where}: unit {value['unit']!r}")
    return problems


def contract_problems(report: dict[str, Any]) -> list[str]:
    """Every way *report* breaks DESIGN.md "The JSON report" (empty when it keeps it)."""
    problems: list[str] = []
    if not {"reconcile_version", "articles", "facts"} <= report.keys():
        return [f"top-level keys {sorted(report)}"]
    texts = {}
    for article in report["articles"]:
        if missing := ARTICLE_KEYS - article.keys():
            problems.append(f"article {article.get('id')}: missing {sorted(missing)}")
        texts[article["id"]] = article.get("text", "")
    fact_ids = [f.get("id") for f in report["facts"]]
    if len(set(fact_ids)) != len(fact_ids):
        problems.append("duplicate fact ids")
    for fact in report["facts"]:
        where = f"fact {fact.get('id')}"
        if missing := FACT_KEYS - fact.keys():
            problems.append(f"{where}: missing {sorted(missing)}")
            continue
        if fact["status"] not in STATUSES:
            problems.append(f"{where}: status {fact['status']!r}")
        if not (_is_number(fact["confidence"]) and 0 <= fact["confidence"] <= 1):
            problems.append(f"{where}: confidence {fact['confidence']!r}")
        origins = fact["independent_origins"]
        if not (isinstance(origins, int) and 1 <= origins <= len(fact["outlets"])):
            problems.append(f"{where}: independent_origins {origins!r}")
        if fact["outlets"] != sorted({c["outlet"] for c in fact["claims"]}):
            problems.append(f"{where}: outlets {fact['outlets']} are not its claims'")
        if fact["statement"] not in {c["text"] for c in fact["claims"]}:
            problems.append(f"{where}: statement is none of its claims' texts")
        ids = {c["id"] for c in fact["claims"]}
        for claim in fact["claims"]:
            cwhere = f"{where} claim {claim.get('id')}"
            if missing := CLAIM_KEYS - claim.keys():
                problems.append(f"{cwhere}: missing {sorted(missing)}")
                continue
            text = texts.get(claim["article"])
            if text is None:
                problems.append(f"{cwhere}: unknown article {claim['article']!r}")
                continue
            if text[claim["start"] : claim["end"]] != claim["text"]:
                problems.append(f"{cwhere}: text is not article_text[start:end]")
            if claim["polarity"] not in ("affirmed", "negated"):
                problems.append(f"{cwhere}: polarity {claim['polarity']!r}")
            if not isinstance(claim["hedged"], bool):
                problems.append(f"{cwhere}: hedged {claim['hedged']!r}")
            if not (
                claim["attributed_to"] is None
                or isinstance(claim["attributed_to"], str)
            ):
                problems.append(f"{cwhere}: attributed_to {claim['attributed_to']!r}")
            for i, value in enumerate(claim["values"]):
                problems += _value_problems(f"{cwhere} value {i}", value, text, claim)
        for agreement in fact["agreements"]:
            if {"kind", "value", "claims"} - agreement.keys():
                problems.append(f"{where}: agreement keys {sorted(agreement)}")
            elif not (
                set(agreement["claims"]) <= ids and isinstance(agreement["value"], str)
            ):
                problems.append(f"{where}: agreement {agreement}")
        for conflict in fact["conflicts"]:
            if {"kind", "claims", "values", "explanation"} - conflict.keys():
                problems.append(f"{where}: conflict keys {sorted(conflict)}")
            elif not (
                len(conflict["claims"]) == 2
                and set(conflict["claims"]) <= ids
                and len(conflict["values"]) == 2
                and all(isinstance(v, str) for v in conflict["values"])
                and conflict["explanation"]
            ):
                problems.append(f"{where}: conflict {conflict}")
    return problems


def status_problems(report: dict[str, Any]) -> list[str]:
    """Facts whose status contradicts DESIGN.md "Meanings" given their origins and conflicts."""
    problems = []
    for fact in report["facts"]:
        across = [c for c in fact["conflicts"] if not c.get("within_outlet", False)]
        status, origins = fact["status"], fact["independent_origins"]
        if status == "corroborated" and (origins < 2 or across):
            problems.append(
                f"{fact['id']}: corroborated with {origins} origins, {len(across)} conflicts"
            )
        if status == "single_source" and (origins != 1 or across):
            problems.append(
                f"{fact['id']}: single_source with {origins} origins, {len(across)} conflicts"
            )
        if status == "conflicting" and not across:
            problems.append(
                f"{fact['id']}: conflicting without a conflict across origins"
            )
    return problems


class TestJsonContract:
    def test_top_level_keys(self, fixture_report):
        """The report has exactly reconcile_version, articles, events and facts at the top."""
        _, report = fixture_report

        expected = (
            ["articles", "events", "facts", "reconcile_version"],
            reconcile.__version__,
        )
        assert expected == (sorted(report), report["reconcile_version"])

    def test_matches_design(self, fixture_report):
        """Every fact, claim, value, agreement and conflict has the fields and types of DESIGN.md."""
        _, report = fixture_report

        assert [] == contract_problems(report)

    def test_spans_point_into_the_carried_article_text(self, fixture_report):
        """Each article record carries its cleaned text, so every span can be checked offline."""
        _, report = fixture_report

        assert all(
            isinstance(a.get("text"), str) and a["text"] for a in report["articles"]
        )

    def test_every_claim_in_a_fact_and_each_value_in_one(self, fixture_report):
        """Every extracted claim appears in at least one fact, and each of its
        dates, figures and places in exactly one fact (DESIGN.md, "The JSON report")."""
        folder, report = fixture_report
        extracted = reconcile.reconcile(reconcile.load_articles(folder)).claims

        reported = {c["id"] for f in report["facts"] for c in f["claims"]}
        placed = Counter(
            (c["id"], v["start"], v["end"])
            for f in report["facts"]
            for c in f["claims"]
            for v in c["values"]
            if v["kind"] != "actor"
        )
        values = {
            (c.id, v.span.start, v.span.end)
            for c in extracted
            for v in c.values
            if v.kind != "actor"
        }

        assert ({c.id for c in extracted}, values) == (reported, set(placed))
        assert [] == [key for key, n in placed.items() if n > 1]

    def test_events_name_their_facts_and_claims(self, fixture_report):
        """Each fact names an event of the report, which lists the fact and its claims."""
        _, report = fixture_report
        events = {e["id"]: e for e in report["events"]}

        problems = [
            f["id"]
            for f in report["facts"]
            if f["event"] not in events
            or f["id"] not in events[f["event"]]["facts"]
            or not {c["id"] for c in f["claims"]} <= set(events[f["event"]]["claims"])
        ]
        assert [] == problems

    def test_statuses_follow_their_meanings(self, fixture_report):
        """Corroborated needs 2+ origins and no conflict; single-source has one; conflicting has a conflict."""
        _, report = fixture_report

        assert [] == status_problems(report)

    def test_editor_first_order(self, fixture_report):
        """Facts come conflicting first, then updated, single-source, corroborated."""
        _, report = fixture_report

        ranks = [STATUS_ORDER.index(f["status"]) for f in report["facts"]]

        assert sorted(ranks) == ranks

    def test_articles_listed_in_load_order(self, fixture_report):
        """The report lists every article once, with its ISO publication date."""
        folder, report = fixture_report
        articles = reconcile.load_articles(folder)

        expected = [
            (a.id, a.outlet, a.published and a.published.isoformat()) for a in articles
        ]
        assert expected == [
            (a["id"], a["outlet"], a["published"]) for a in report["articles"]
        ]

    def test_contract_checker_catches_a_broken_span(self, fixture_report):
        """The contract check itself notices a claim whose offsets are off by one."""
        _, report = fixture_report
        broken = json.loads(json.dumps(report))
        claim = broken["facts"][0]["claims"][0]
        claim["start"] += 1

        problems = contract_problems(broken)

        assert any("article_text[start:end]" in p for p in problems)


# --------------------------------------------------------------------------- module API

TEXT = "Russia and Iran signed a 20-year pact on Friday in Moscow."
ARTICLE = Article(id="a1", outlet="Desk A", text=TEXT, published=date(2025, 1, 17))
FRIDAY = DateValue(
    text="on Friday",
    span=Span(38, 47),
    earliest=date(2025, 1, 17),
    latest=date(2025, 1, 17),
    role="signed",
)
TERM = Quantity(text="20-year", span=Span(25, 32), low=20, high=20, unit="years")
MOSCOW = Actor(text="Moscow", span=Span(51, 57), canonical="Moscow", role="place")
CLAIM = Claim(
    id="a1#1",
    article_id="a1",
    outlet="Desk A",
    text=TEXT[:-1],
    span=Span(0, len(TEXT) - 1),
    values=(TERM, FRIDAY, MOSCOW),
    published=date(2025, 1, 17),
)


def _fact(fid: str, status: str, statement: str = TEXT[:-1]) -> Fact:
    return Fact(
        id=fid,
        statement=statement,
        claims=[CLAIM],
        verdict=Verdict(status, 0.5, 2 if status == "corroborated" else 1),
    )


class TestBuildReport:
    def test_editor_order_keeps_each_status_in_the_facts_own_order(self):
        """Facts go by status, and those of one status stay in the order given."""
        statuses = ["corroborated", "conflicting", "single_source", "conflicting"]
        statuses += ["updated", "corroborated", "single_source", "updated"]
        facts = [_fact(f"F{i}", status) for i, status in enumerate(statuses)]

        ordered = [f.id for f in editor_order(facts)]

        assert ["F1", "F3", "F4", "F7", "F2", "F6", "F0", "F5"] == ordered

    def test_empty(self):
        """No articles and no facts give an empty report with the library's version."""
        expected = {
            "reconcile_version": reconcile.__version__,
            "articles": [],
            "events": [],
            "facts": [],
        }
        assert expected == build_report([], []).to_record()

    def test_report_is_frozen_and_json_safe(self):
        """A Report is a value whose record survives a JSON round trip unchanged."""
        report = build_report([ARTICLE], [_fact("F1", "single_source")])

        record = report.to_record()

        expected = (True, record)
        assert expected == (isinstance(report, Report), json.loads(json.dumps(record)))


class TestValueRecord:
    def test_date(self):
        """A date record has ISO earliest/latest and its normalized form."""
        expected = {
            "kind": "date",
            "text": "on Friday",
            "start": 38,
            "end": 47,
            "normalized": "2025-01-17",
            "earliest": "2025-01-17",
            "latest": "2025-01-17",
        }
        actual = value_record(FRIDAY)
        assert expected == {k: actual[k] for k in expected}

    def test_unresolved_date(self):
        """An unresolved date has null earliest, latest and normalized."""
        value = DateValue(text="on Friday", span=Span(0, 9), precision="unresolved")

        actual = value_record(value)

        expected = (None, None, None)
        assert expected == (actual["normalized"], actual["earliest"], actual["latest"])

    @pytest.mark.parametrize(
        ("low", "high", "expected"),
        [
            (20, 20, (20, 20, "20 years", int, int)),
            (4.0, None, (4, None, ">=4 years", int, type(None))),
            (None, 12000, (None, 12000, "<=12000 years", type(None), int)),
            (2.5, 3.5, (2.5, 3.5, "2.5-3.5 years", float, float)),
        ],
    )
    def test_quantity(self, low, high, expected):
        """A quantity record has numeric or null bounds (whole numbers as ints) and its unit."""
        value = Quantity(text="x", span=Span(0, 1), low=low, high=high, unit="years")

        r = value_record(value)

        assert expected == (
            r["low"],
            r["high"],
            r["normalized"],
            type(r["low"]),
            type(r["high"]),
        )

    def test_place(self):
        """A place is reported with kind ``place`` and its canonical name."""
        expected = ("place", "Moscow")
        actual = value_record(MOSCOW)
        assert expected == (actual["kind"], actual["normalized"])


class TestRenderers:
    def test_json_is_the_record(self):
        """render_json is the report's record as indented UTF-8 JSON ending in a newline."""
        report = build_report(
            [ARTICLE], [_fact("F1", "single_source", "Tehran “signed”")]
        )

        text = render_json(report)

        expected = (report.to_record(), True, True)
        assert expected == (json.loads(text), text.endswith("}\n"), "“signed”" in text)

    def test_json_is_indented_down_to_record_fields_and_list_items_take_one_line(
        self,
    ):
        result = reconcile.reconcile(reconcile.load_articles([FIXTURE_SETS[0]]))
        text = result.report("json")
        record = result.to_report().to_record()
        lines = text.splitlines()

        assert json.loads(text) == record
        assert lines[:3] == [
            "{",
            '  "reconcile_version": ' + json.dumps(record["reconcile_version"]) + ",",
            '  "articles": [',
        ]
        fact = record["facts"][0]
        assert f'      "id": "{fact["id"]}",' in lines
        claim_lines = [line for line in lines if line.startswith('        {"id": ')]
        claims = [c for f in record["facts"] for c in f["claims"]]
        assert [json.loads(line.rstrip(",")) for line in claim_lines] == claims

    @pytest.mark.parametrize("folder", FIXTURE_SETS, ids=lambda p: p.parent.name)
    def test_streamed_json_is_the_rendered_json(self, folder):
        """write_json_report writes render_json's text without building every record first."""
        result = reconcile.reconcile(reconcile.load_articles([folder]))
        streamed, from_report = io.StringIO(), io.StringIO()
        write_json_report(result.articles, result.facts, streamed, events=result.events)
        write_json(result.to_report(), from_report)
        expected = render_json(result.to_report())
        assert (expected, expected) == (streamed.getvalue(), from_report.getvalue())

    def test_an_incremental_run_reports_its_changes_in_every_format(self):
        day1 = reconcile.reconcile(
            [
                reconcile.Article(
                    id="a",
                    outlet="Desk A",
                    text="Chile and Peru signed a fisheries pact.",
                )
            ]
        )
        day2 = day1.add(
            [
                reconcile.Article(
                    id="b",
                    outlet="Desk B",
                    text="Peru and Chile inked a fisheries accord.",
                )
            ]
        )
        (fact,) = day2.facts
        record = day2.to_report().to_record()
        assert record["changes"]["gained_support"] == [fact.id]
        streamed = io.StringIO()
        write_json_report(
            day2.articles, day2.facts, streamed, record["changes"], day2.events
        )
        assert streamed.getvalue() == render_json(day2.to_report())
        markdown = day2.report("markdown")
        assert f"- gained support: {fact.id}" in markdown
        assert f"- status changed: {fact.id} single_source -> corroborated" in markdown
        assert "changes" not in day1.to_report().to_record()

    def test_streamed_json_of_nothing_is_valid(self):
        out = io.StringIO()
        write_json_report([], [], out)
        assert out.getvalue() == render_json(build_report([], []))
        assert json.loads(out.getvalue())["facts"] == []

    def test_facts_come_by_status_then_earliest_claim_first(self):
        facts = [
            _fact("Fb", "corroborated", "one"),
            _fact("Fa", "conflicting", "two"),
            _fact("F9", "corroborated", "three"),
            _fact("F1", "single_source", "four"),
        ]
        ids = [f["id"] for f in build_report([ARTICLE], facts).facts]
        assert ids == ["Fa", "F1", "Fb", "F9"]

    def test_markdown_lists_status_evidence_and_conflicts(self):
        """The Markdown names each fact's status, its evidence with offsets, and each conflict's two sides."""
        conflict = Conflict(
            kind="quantity",
            claim_ids=("a1#1", "a1#1"),
            values=("20 years", "25 years"),
            outlets=("Desk A", "Desk B"),
            spans=(Span(25, 32), Span(25, 32)),
            rule="disjoint_intervals",
            explanation="20 years vs 25 years",
        )
        agreement = Agreement("date", "2025-01-17", ("a1#1",), ("Desk A", "Desk B"))
        fact = Fact(
            id="F1",
            statement=CLAIM.text,
            claims=[CLAIM],
            verdict=Verdict("conflicting", 0.25, 2),
            conflicts=[conflict],
            agreements=[agreement],
        )

        text = render_markdown(build_report([ARTICLE], [fact]))
        alone = attrs.evolve(
            fact, agreements=[attrs.evolve(agreement, outlets=("Desk A",))]
        )
        alone_text = render_markdown(build_report([ARTICLE], [alone]))

        assert "Agreed date" not in alone_text
        assert "Repeated by one outlet date: `2025-01-17` (Desk A)" in alone_text
        wanted = [
            "# Corroboration report",
            "1 facts from 1 articles: 1 conflicting",
            "## F1 · CONFLICTING · confidence 0.25",
            "Desk A says `20 years`; Desk B says `25 years`",
            "Agreed date: `2025-01-17`",
            "Desk A (2025-01-17, `a1` 0–57)",
        ]
        assert [] == [w for w in wanted if w not in text]

    def test_html_escapes_untrusted_text(self):
        """render_html escapes markup that arrives in article text."""
        evil = "<script>alert(1)</script>"
        text = f"Russia and Iran signed a pact. {evil}"
        article = Article(id="a1", outlet="Desk <A>", text=text)
        claim = Claim(
            id="a1#1",
            article_id="a1",
            outlet="Desk <A>",
            text=text,
            span=Span(0, len(text)),
        )
        fact = Fact(
            id="F1",
            statement=text,
            claims=[claim],
            verdict=Verdict("single_source", 0.5, 1),
        )

        page = render_html(build_report([article], [fact]))

        expected = (False, False, True)
        assert expected == (evil in page, "Desk <A>" in page, "&lt;script&gt;" in page)


def test_markdown_explains_each_joined_event_with_its_waterfall():
    """Markdown names each fact's event and attribute, and ends with the events that
    joined several reports, each report with its weights from prior to total."""
    result = reconcile.reconcile(
        [
            reconcile.Article(
                id="a",
                outlet="Desk A",
                published=date(2025, 1, 17),
                text="Russia and Iran signed a partnership treaty on Friday in Moscow.",
            ),
            reconcile.Article(
                id="b",
                outlet="Desk B",
                published=date(2025, 1, 18),
                text="Moscow and Tehran inked a partnership pact on Friday.",
            ),
        ]
    )
    markdown = result.report("markdown")
    (event,) = result.events

    assert f"Fact: the `date` of event `{event.id}`" in markdown
    section = markdown.split("## Events and why their reports were joined", 1)[1]
    assert f"### {event.id} · sign" in section
    assert "`a@0`: prior" in section and "class same" in section
    assert section.count("= total") == 2


#: JSON values as records hold them: scalars (non-finite floats too), lists and
#: dicts, with keys that ``str`` turns into text.
_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=6),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.text(max_size=3) | st.integers(-2, 2) | st.booleans(), inner, max_size=3
        )
    ),
    max_leaves=12,
)


def _laid_out_as_written_first(value, level):
    """The report's layout as first written: recursive, one encoder call per item."""
    one_line = json.JSONEncoder(ensure_ascii=False).encode
    if level >= 4 or not isinstance(value, dict | list) or not value:
        return one_line(value)
    inner = "\n" + "  " * (level + 1)
    if isinstance(value, dict):
        items = [
            f"{one_line(str(k))}: {_laid_out_as_written_first(v, level + 1)}"
            for k, v in value.items()
        ]
        opening, closing = "{", "}"
    else:
        items = [_laid_out_as_written_first(v, level + 1) for v in value]
        opening, closing = "[", "]"
    return opening + inner + ("," + inner).join(items) + "\n" + "  " * level + closing


@given(_JSON_VALUES, st.integers(0, 5))
def test_the_layout_is_the_layout_as_first_written(value, level):
    assert report_module._laid_out(value, level) == _laid_out_as_written_first(
        value, level
    )


@given(_JSON_VALUES)
def test_one_line_is_the_json_encoder(value):
    expected = json.JSONEncoder(ensure_ascii=False).encode(value)
    assert report_module._one_line(value) == expected


def test_streamed_json_is_the_same_when_the_reasons_are_forgotten(monkeypatch):
    """The texts of the match reasons are remembered for a while, not for good."""
    result = reconcile.reconcile(reconcile.load_articles([FIXTURE_SETS[0]]))
    remembered = io.StringIO()
    write_json_report(result.articles, result.facts, remembered, events=result.events)
    monkeypatch.setattr(report_module._ClaimJson, "MAX_TUPLES", 1)
    forgetting = io.StringIO()
    write_json_report(result.articles, result.facts, forgetting, events=result.events)
    assert forgetting.getvalue() == remembered.getvalue()
    assert forgetting.getvalue() == render_json(result.to_report())
