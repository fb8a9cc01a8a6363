"""Tests for reconcile.html_events: the HTML report's facts grouped under their events."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from reconcile import load_articles, reconcile
from reconcile.api import Reconciliation
from reconcile.html_events import facts_by_event, waterfall_steps
from reconcile.html_report import render_report_html
from tests.test_html_report import EVIL, _chromium, _document, _Page

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "russia-iran-treaty" / "articles"
SIGNING = "Russia and Iran signed a strategic partnership agreement on Friday"
TERM = "under a 20-year pact"


class _Nesting(HTMLParser):
    """For each element with an id: the ids of the sections around it, innermost last;
    and the text inside each element with an id."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, str | None]] = []
        self.around: dict[str, list[str]] = {}
        self.text: dict[str, list[str]] = {}
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs).get("id")
        if found:
            self.around[found] = [i for t, i in self.open if t == "section" and i]
            self.text[found] = []
        if tag not in {"meta", "input", "br", "hr", "img", "wbr", "col"}:
            self.open.append((tag, found))

    def handle_endtag(self, tag: str) -> None:
        while self.open:
            if self.open.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        for _, found in self.open:
            if found:
                self.text[found].append(data)

    def event_of(self, element: str) -> str | None:
        """The id of the innermost event section around *element*."""
        events = [i for i in self.around[element] if i.startswith("event-")]
        return events[-1] if events else None

    def text_of(self, element: str) -> str:
        return " ".join(" ".join(self.text[element]).split())


@pytest.fixture(scope="module")
def seed() -> Reconciliation:
    """The seed fixture set, reconciled once."""
    return reconcile(load_articles([SEED]))


@pytest.fixture(scope="module")
def seed_page(seed: Reconciliation) -> str:
    return seed.report("html")


def _fact_with(seed: Reconciliation, attribute: str, quote: str):
    """The one fact of *seed* with *attribute* that holds a claim quoting *quote*."""
    found = [
        f
        for f in seed.facts
        if f.attribute == attribute and any(quote in c.text for c in f.claims)
    ]
    assert 1 == len(found), (attribute, quote)
    return found[0]


def test_signing_date_and_term_are_under_one_event_section(seed, seed_page):
    """The seed's signing date (corroborated) and the treaty's 20-year term
    (single-source) are two facts in the one section of the signing event."""
    signing = _fact_with(seed, "date", SIGNING)
    term = _fact_with(seed, "term in years", TERM)
    nesting = _Nesting(seed_page)
    event = nesting.event_of(f"fact-{signing.id}")
    header = nesting.text_of(event)
    participants = next(e for e in seed.events if e.id == signing.event).participants

    assert (signing.event, "corroborated") == (term.event, signing.status)
    assert f"event-{signing.event}" == event == nesting.event_of(f"fact-{term.id}")
    assert header.startswith("sign · 2025-01-17 · ")
    assert {"Iran", "Russia"} <= set(participants)
    assert f"Participants {', '.join(participants)} Reports" in header
    assert re.search(r"Reports (\d+) article\(s\) from \1 outlet\(s\)", header)


def test_every_fact_is_shown_once_under_its_own_event(seed, seed_page):
    """Each fact section sits in the section of the event the report gives it, events in the
    report's order (the Markdown report's), and the summary still lists every fact."""
    nesting = _Nesting(seed_page)
    document = seed.to_report().to_record()
    shown = re.findall(r'<section class="event" id="event-([^"]+)"', seed_page)

    assert [e["id"] for e in document["events"]] == shown
    assert {f["id"]: f"event-{f['event']}" for f in document["facts"]} == {
        f["id"]: nesting.event_of(f"fact-{f['id']}") for f in document["facts"]
    }
    assert len(document["facts"]) == seed_page.count('<section class="fact ')
    assert "facts-without-event" not in seed_page


def test_a_joined_event_shows_each_accounts_waterfall(seed, seed_page):
    """For each account that joined the signing event: prior, each feature's level and
    weight in bits, the total and the probability as text, and one bar per step in the
    colour of its sign."""
    record = next(
        e
        for e in seed.to_report().to_record()["events"]
        if e["id"] == _fact_with(seed, "date", SIGNING).event
    )
    nesting = _Nesting(seed_page)

    assert len(record["evidence"]) >= 2
    assert f"Why these {len(record['evidence'])} reports are one event" in seed_page
    for account in record["evidence"]:
        table = f"waterfall-{record['id']}-{account['account']}"
        text = nesting.text_of(table)
        html = re.search(
            rf'<table class="waterfall" id="{re.escape(table)}">.*?</table>',
            seed_page,
            re.S,
        ).group(0)
        steps = account["waterfall"][:-1]
        total = float(
            re.search(r"total (\S+) bits", account["waterfall"][-1]["level"]).group(1)
        )

        assert f"event-{record['id']}" == nesting.event_of(table)
        assert "prior" == steps[0]["feature"]
        for step in steps:
            assert f"{step['feature']} {step['level']} {step['weight']:+.2f}" in text
        assert f"total log-odds {total:+.2f}" in text
        assert f"match probability {account['waterfall'][-1]['weight']:g}%" in text
        assert [("neg" if s["weight"] < 0 else "pos") for s in steps] == re.findall(
            r'<span class="(pos|neg)" style=', html
        )
        assert ["pos total" if total >= 0 else "neg total"] == re.findall(
            r'<span class="(\w+ total)"', html
        )


def test_an_event_of_one_account_says_so_and_draws_no_waterfall() -> None:
    """An event whose evidence is empty (one report) has no waterfall, only a note."""
    document = _document() | {"events": [_event("E1", ["c1"], evidence=[])]}
    for fact in document["facts"]:
        fact["event"] = "E1"

    page = render_report_html(document)

    assert "One account: no report was joined to another." in page
    assert '<table class="waterfall"' not in page
    assert 1 == page.count('<section class="event"')
    assert {"event-E1"} == {
        _Nesting(page).event_of(f"fact-{f['id']}") for f in document["facts"]
    }


def _event(eid: str, claims: list[str], **extra: Any) -> dict[str, Any]:
    return {
        "id": eid,
        "class": "sign",
        "family": "agreement",
        "participants": ["Iran", "Russia"],
        "place": ["Moscow"],
        "date": "2025-01-17",
        "claims": claims,
        "facts": [],
        "evidence": [],
    } | extra


def test_facts_without_an_event_come_last_and_events_keep_their_order() -> None:
    """Events are shown in the report's order, each with its facts in editor order; facts of
    no event, or of an event the report does not list, are in a last section."""
    document = _document()
    document["events"] = [_event("E9", ["c4", "c5"]), _event("E2", ["c1", "c2", "c3"])]
    event_of = {"F1": "E2", "F2": "E2", "F3": "E9", "F4": "E404"}
    for fact in document["facts"]:
        fact["event"] = event_of[fact["id"]]

    page = render_report_html(document)
    nesting = _Nesting(page)
    order = re.findall(r'<section class="(?:event|fact)[^"]*" id="([^"]+)"', page)

    assert [
        "event-E9",
        "fact-F3",
        "event-E2",
        "fact-F1",
        "fact-F2",
        "facts-without-event",
        "fact-F4",
    ] == order
    assert "event-E2" == nesting.event_of("fact-F1")
    assert (
        "Reports 3 article(s) from 3 outlet(s) · 3 claim(s) · 2 fact(s)"
        in nesting.text_of("event-E2")
    )
    assert [] == _Page(page).errors


def test_hostile_event_text_is_escaped() -> None:
    """Every string of an event (class, places, participants, account, feature, level) is escaped."""
    waterfall = [
        {"feature": "prior", "weight": -4.0, "level": "log-odds"},
        {"feature": f"names {EVIL}", "weight": 5.5, "level": f"shared name: {EVIL}"},
        {"feature": "match probability", "weight": 81.0, "level": "total +1.50 bits"},
    ]
    event = _event(
        f"E{EVIL}",
        ["c1"],
        **{"class": EVIL, "place": [EVIL], "participants": [f"<b>{EVIL}"]},
        evidence=[{"account": f"{EVIL}@0", "waterfall": waterfall}],
    )
    document = _document() | {"events": [event]}
    document["facts"][0]["event"] = event["id"]

    page = render_report_html(document)
    parsed = _Page(page)

    assert 1 == page.count("<script")
    assert [] == parsed.errors
    assert "&lt;b&gt;&lt;script&gt;" in page
    assert "shared name: &lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "total +1.50 bits, 81%" in "".join(parsed.text)


def test_hostile_article_text_is_escaped_through_the_pipeline(tmp_path: Path) -> None:
    """Articles whose text and outlet hold <script> give a joined event and a page whose
    only script is its own."""
    (tmp_path / "a1.md").write_text(
        f"---\noutlet: {EVIL} Desk\npublished: 2025-01-17\n---\nA pact in Moscow\n\n"
        f"The treaty {EVIL} was signed on Friday by Vladimir Putin and Masoud "
        "Pezeshkian in Moscow.\n",
        encoding="utf-8",
    )
    (tmp_path / "a2.md").write_text(
        "---\noutlet: Other Desk\npublished: 2025-01-18\n---\nA pact\n\nVladimir Putin "
        "and Masoud Pezeshkian signed a strategic partnership treaty in Moscow on "
        f"Jan. 17 {EVIL}, officials said.\n",
        encoding="utf-8",
    )
    result = reconcile(load_articles([tmp_path]))

    page = result.report("html")

    assert [2] == [len(e.evidence) for e in result.events]
    assert 1 == page.count("<script")
    assert 2 == page.count('<table class="waterfall"')
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; Desk" in page
    assert [] == _Page(page).errors


def test_waterfall_steps_run_from_the_prior() -> None:
    """Each step starts where the one before it ended; a weight that is no number counts 0."""
    steps = waterfall_steps(
        [
            {"feature": "prior", "weight": -4, "level": "log-odds"},
            {"feature": "date", "weight": "n/a", "level": "unknown"},
            {"feature": "names", "weight": 6.5, "level": "same names"},
        ]
    )

    assert [
        ("prior", "log-odds", -4.0, 0.0, -4.0),
        ("date", "unknown", 0.0, -4.0, -4.0),
        ("names", "same names", 6.5, -4.0, 2.5),
    ] == steps
    assert ([], []) == facts_by_event([], [])


def test_chromium_renders_event_sections_and_hides_emptied_ones(seed, tmp_path):
    """Headless Chromium shows the seed's event sections; unticking "single source" hides the
    events left with no visible fact and keeps the signing event, which has a corroborated one."""
    page = re.sub(
        r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", seed.report("html")
    )
    untick = (
        '<script>var box = document.querySelector("input[value=single_source]");'
        'box.checked = false; box.dispatchEvent(new Event("change", {bubbles: true}));</script>'
    )
    target = tmp_path / "report.html"
    target.write_text(page.replace("</body>", untick + "</body>"), encoding="utf-8")
    document = seed.to_report().to_record()
    statuses: dict[str, set[str]] = {}
    for fact in document["facts"]:
        statuses.setdefault(f"event-{fact['event']}", set()).add(fact["status"])

    parsed = _Page(_chromium(tmp_path, "--dump-dom", target.as_uri()))
    events = [
        a
        for t, a in parsed.tags
        if t == "section" and "event" in (a.get("class") or "").split()
    ]
    signing = f"event-{_fact_with(seed, 'date', SIGNING).event}"

    assert "1" == parsed.find("body")[0].get("data-ready")
    assert len(document["events"]) == len(events)
    hidden = {e["id"] for e in events if "hidden" in e}
    assert hidden
    assert {e for e, s in statuses.items() if s == {"single_source"}} == hidden
    assert signing in {e["id"] for e in events if "hidden" not in e}
