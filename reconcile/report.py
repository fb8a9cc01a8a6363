"""The corroboration report: one data structure, several renderers.

:func:`build_report` turns facts into :class:`Report`, whose ``records`` follow
the JSON contract of DESIGN.md exactly (extra fields are only ever added).
:func:`render_json`, :func:`render_markdown` and :func:`render_html` render it.
Facts are ordered by what an editor must look at first: conflicts, then
updated running figures, then single-source facts, then corroborated ones.
"""

from __future__ import annotations

import functools
import io
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from importlib.metadata import PackageNotFoundError, version
from typing import IO, Any

from attrs import field, frozen

from reconcile.gc_pause import collector_paused
from reconcile.model import (
    Article,
    Claim,
    Event,
    Fact,
    MatchReason,
    Membership,
)
from reconcile.records import value_record

__all__ = [
    "STATUS_ORDER",
    "Report",
    "article_record",
    "build_report",
    "claim_record",
    "editor_order",
    "event_record",
    "fact_record",
    "render_html",
    "render_json",
    "render_markdown",
    "value_record",
    "write_json",
    "write_json_report",
]

STATUS_ORDER: tuple[str, ...] = (
    "conflicting",
    "updated",
    "single_source",
    "corroborated",
)


def _library_version() -> str:
    try:
        return version("reconcile")
    except (
        PackageNotFoundError
    ):  # pragma: no cover - running from a source tree without install
        return "0.0.0"


@frozen
class Report:
    """A corroboration report: the articles and one record per fact, editor-first order."""

    articles: tuple[dict[str, Any], ...] = field(converter=tuple)
    facts: tuple[dict[str, Any], ...] = field(converter=tuple)
    reconcile_version: str = field(factory=_library_version)
    changes: dict[str, Any] | None = None
    """What the run that made this report changed (``FactChanges.to_record()``), if it added articles."""
    events: tuple[dict[str, Any], ...] = field(default=(), converter=tuple)
    """One record per event (see :func:`event_record`)."""

    def to_record(self) -> dict[str, Any]:
        """The JSON-safe document of DESIGN.md (with ``changes`` after an incremental run)."""
        record: dict[str, Any] = {
            "reconcile_version": self.reconcile_version,
            "articles": list(self.articles),
            "events": list(self.events),
            "facts": list(self.facts),
        }
        if self.changes is not None:
            record["changes"] = self.changes
        return record


@collector_paused()
def build_report(
    articles: Sequence[Article],
    facts: Sequence[Fact],
    changes: dict[str, Any] | None = None,
    events: Sequence[Event] = (),
) -> Report:
    """Build the report of *facts* drawn from *articles* (and what the last run *changes*).

    >>> build_report([], []).to_record()["facts"]
    []
    """
    return Report(
        [article_record(a) for a in articles],
        [fact_record(f) for f in editor_order(facts)],
        changes=changes,
        events=list(_event_records(events, facts)),
    )


def event_record(event: Event, fact_ids: Sequence[str] = ()) -> dict[str, Any]:
    """An event's JSON record: class, participants, place, date, claims and facts,
    and the evidence that joined each account (a waterfall of weights)."""
    return {
        "id": event.id,
        "class": event.event_class,
        "family": event.family,
        "participants": list(event.participants),
        "place": list(event.places),
        "date": event.date,
        "claims": list(event.claim_ids),
        "facts": list(fact_ids),
        "evidence": [
            {
                "account": account,
                "waterfall": [
                    {"feature": r.rule, "weight": r.score, "level": r.detail}
                    for r in reasons
                ],
            }
            for account, reasons in event.evidence
        ],
    }


def _event_records(
    events: Sequence[Event], facts: Sequence[Fact]
) -> Iterator[dict[str, Any]]:
    """Each event's record, made as it is asked for (the JSON report streams them)."""
    facts_of: dict[str, list[str]] = {}
    for fact in facts:
        if fact.event is not None:
            facts_of.setdefault(fact.event, []).append(fact.id)
    return (event_record(e, facts_of.get(e.id, ())) for e in events)


def editor_order(facts: Sequence[Fact]) -> list[Fact]:
    """*facts* by status (:data:`STATUS_ORDER`), then in their own order (earliest claim first).

    The sort is stable, so facts of one status keep their order without a
    position each (a map of them took some 0.1 GB at a million claims).
    """
    rank = {status: i for i, status in enumerate(STATUS_ORDER)}
    return sorted(facts, key=lambda f: rank[f.status])


def article_record(article: Article) -> dict[str, Any]:
    """An article's JSON record, with its cleaned text (every span points into it)."""
    return {
        "id": article.id,
        "outlet": article.outlet,
        "published": article.published.isoformat() if article.published else None,
        "url": article.url,
        "title": article.title,
        "text": article.text,
    }


def fact_record(fact: Fact) -> dict[str, Any]:
    """A fact's JSON record."""
    return _fact_record(fact, claim_record)


def _fact_record(
    fact: Fact, record_of_claim: Callable[[Claim, Membership | None], Any]
) -> dict[str, Any]:
    """A fact's JSON record, each claim's entry made by *record_of_claim*."""
    memberships = {m.claim_id: m for m in fact.memberships}
    return {
        "id": fact.id,
        "event": fact.event,
        "attribute": fact.attribute,
        "statement": fact.statement,
        "status": fact.status,
        "confidence": fact.verdict.confidence,
        "outlets": list(fact.outlets),
        "independent_origins": fact.verdict.independent_origins,
        "explanation": fact.verdict.explanation,
        "claims": [record_of_claim(c, memberships.get(c.id)) for c in fact.claims],
        "agreements": [
            {
                "kind": a.kind,
                "value": a.value,
                "claims": list(a.claim_ids),
                "outlets": list(a.outlets),
                "rule": a.rule,
                "explanation": a.explanation,
            }
            for a in fact.agreements
        ],
        "conflicts": [
            {
                "kind": c.kind,
                "claims": list(c.claim_ids),
                "values": list(c.values),
                "explanation": c.explanation,
                "outlets": list(c.outlets),
                "rule": c.rule,
                "within_outlet": c.within_outlet,
                "spans": [{"start": s.start, "end": s.end} for s in c.spans],
            }
            for c in fact.conflicts
        ],
        "updates": [
            {
                "kind": u.kind,
                "dimension": u.dimension,
                "explanation": u.explanation,
                "timeline": [
                    {"published": d.isoformat(), "value": v, "outlet": o, "claim": i}
                    for d, v, o, i in u.timeline
                ],
            }
            for u in fact.updates
        ],
        "origins": [
            {
                "origin": g.origin,
                "outlets": list(g.outlets),
                "claims": list(g.claim_ids),
                "reason": g.reason,
            }
            for g in fact.origins
        ],
    }


def claim_record(claim: Claim, membership: Membership | None = None) -> dict[str, Any]:
    """A claim's JSON record; with *membership*, also why it joined its fact."""
    record: dict[str, Any] = {
        "id": claim.id,
        "article": claim.article_id,
        "outlet": claim.outlet,
        "published": claim.published.isoformat() if claim.published else None,
        "text": claim.text,
        "start": claim.span.start,
        "end": claim.span.end,
        "values": [value_record(v) for v in claim.values],
        "attributed_to": claim.attributed_to,
        "polarity": claim.polarity,
        "hedged": claim.hedged,
        "quote": claim.quote,
        "headline": claim.headline,
    }
    if membership is not None:
        record["match"] = {
            "score": membership.score,
            "reasons": _reason_records(membership.reasons),
        }
    return record


def _reason_records(reasons: Iterable[MatchReason]) -> list[dict[str, Any]]:
    return [
        {"rule": r.rule, "score": r.score, "threshold": r.threshold, "detail": r.detail}
        for r in reasons
    ]


class _Json(str):
    """Text already in JSON, written as it is."""

    __slots__ = ()


class _ClaimJson:
    """Each claim's entry of a fact record as JSON text: :func:`claim_record`
    on one line, with the text of each tuple of match reasons made once (a
    corpus's claims share a few thousand tuples, which are more than half of
    the claims' text)."""

    #: Tuples of reasons remembered at most (by identity: were they not shared,
    #: the texts of all the claims' reasons are not kept).
    MAX_TUPLES = 1 << 16

    def __init__(self) -> None:
        self._reasons: dict[int, tuple[tuple[MatchReason, ...], str]] = {}

    def __call__(self, claim: Claim, membership: Membership | None) -> _Json:
        text = _one_line(claim_record(claim))
        if membership is None:
            return _Json(text)
        reasons = membership.reasons
        known = self._reasons.get(id(reasons))
        if known is None:
            if len(self._reasons) >= self.MAX_TUPLES:
                self._reasons.clear()
            # The tuple is kept with its text, so its id is not reused.
            known = (reasons, _one_line(_reason_records(reasons)))
            self._reasons[id(reasons)] = known
        return _Json(
            f'{text[:-1]}, "match": {{"score": {_one_line(membership.score)}, '
            f'"reasons": {known[1]}}}}}'
        )


def render_json(report: Report) -> str:
    """The report as the JSON document of DESIGN.md (UTF-8, stable key order).

    Indented two spaces down to each article's and fact's fields; each element
    of a record's lists (a claim, a conflict, an agreement...) is one line.
    It is built in memory; for a large report prefer :func:`write_json`.
    """
    stream = io.StringIO()
    write_json(report, stream)
    return stream.getvalue()


def write_json(report: Report, stream: IO[str]) -> None:
    """Write exactly :func:`render_json`'s text to *stream*, one record at a time."""
    _write_document(
        report.reconcile_version,
        report.articles,
        report.facts,
        report.changes,
        stream,
        report.events,
    )


@collector_paused()
def write_json_report(
    articles: Sequence[Article],
    facts: Sequence[Fact],
    stream: IO[str],
    changes: dict[str, Any] | None = None,
    events: Sequence[Event] = (),
) -> None:
    """Write the JSON report of *facts* to *stream*, building one fact's record at a time.

    The text is exactly ``render_json(build_report(articles, facts, changes,
    events))``, but the records of all the facts are never in memory together.
    """
    claim_json = _ClaimJson()
    _write_document(
        _library_version(),
        (article_record(a) for a in articles),
        (_fact_record(f, claim_json) for f in editor_order(facts)),
        changes,
        stream,
        _event_records(events, facts),
    )


def _write_document(
    reconcile_version: str,
    articles: Iterable[dict[str, Any]],
    facts: Iterable[dict[str, Any]],
    changes: dict[str, Any] | None,
    stream: IO[str],
    events: Iterable[dict[str, Any]] = (),
) -> None:
    stream.write('{\n  "reconcile_version": ')
    stream.write(_one_line(reconcile_version))
    stream.write(',\n  "articles": ')
    _write_array(articles, stream)
    stream.write(',\n  "events": ')
    _write_array(events, stream)
    stream.write(',\n  "facts": ')
    _write_array(facts, stream)
    if changes is not None:
        stream.write(',\n  "changes": ' + _laid_out(changes, 1))
    stream.write("\n}\n")


def _write_array(records: Iterable[dict[str, Any]], stream: IO[str]) -> None:
    """The array of article or fact *records* at the document's second level."""
    first = True
    for record in records:
        stream.write("[\n    " if first else ",\n    ")
        stream.write(_laid_out(record, 2))
        first = False
    stream.write("[]" if first else "\n  ]")


#: Containers nested this deep (the document is level 0, a fact record 2, its
#: list of claims 3) are written on one line.
_ONE_LINE_LEVEL = 4

_ENCODER = json.JSONEncoder(ensure_ascii=False)
_encode_string = json.encoder.encode_basestring
_encode_chunks = (
    json.encoder.c_make_encoder(
        None, _ENCODER.default, _encode_string, None, ": ", ", ", False, False, True
    )
    if json.encoder.c_make_encoder is not None
    else None
)
"""``json``'s C encoder, made once with the settings of ``_ENCODER`` (whose
``encode`` makes a new one per call); without a circular-reference check, as
records are trees."""


def _one_line(value: Any) -> str:
    """JSON on one line, exactly ``json.JSONEncoder(ensure_ascii=False).encode``.

    Without ``indent``, ``json`` uses its C encoder: a report of 97k claims
    indented all the way down took 28 s to write, nearly all of it in the
    pure-Python indenting encoder.
    """
    if isinstance(value, str):
        return value if type(value) is _Json else _encode_string(value)
    if _encode_chunks is None:  # pragma: no cover - a Python without _json
        return _ENCODER.encode(value)
    return "".join(_encode_chunks(value, 0))


@functools.lru_cache(maxsize=4096, typed=True)
def _key(key: object) -> str:
    """A record's key as JSON (a report repeats a few dozen keys)."""
    return _encode_string(str(key))


#: The line break and indent before an item at each level, and before the
#: closing bracket of a container at each level.
_ITEM_BREAK = tuple("\n" + "  " * (level + 1) for level in range(_ONE_LINE_LEVEL))
_CLOSE_BREAK = tuple("\n" + "  " * level for level in range(_ONE_LINE_LEVEL))


def _laid_out(value: Any, level: int) -> str:
    """*value* as JSON indented two spaces per *level*, down to ``_ONE_LINE_LEVEL``."""
    if level >= _ONE_LINE_LEVEL or not isinstance(value, dict | list) or not value:
        return _one_line(value)
    inner = _ITEM_BREAK[level]
    deeper = level + 1
    if deeper >= _ONE_LINE_LEVEL:
        # The items are one line each (the claims of a fact record's list).
        if isinstance(value, dict):
            items = [f"{_key(k)}: {_one_line(v)}" for k, v in value.items()]
        else:
            items = [_one_line(v) for v in value]
    elif isinstance(value, dict):
        items = [f"{_key(k)}: {_laid_out(v, deeper)}" for k, v in value.items()]
    else:
        items = [_laid_out(v, deeper) for v in value]
    opening, closing = ("{", "}") if isinstance(value, dict) else ("[", "]")
    return opening + inner + ("," + inner).join(items) + _CLOSE_BREAK[level] + closing


def render_markdown(report: Report) -> str:
    """The report as Markdown for editors: verdict, evidence quoted with outlet and date, conflicts."""
    lines = ["# Corroboration report", ""]
    counts = {s: sum(f["status"] == s for f in report.facts) for s in STATUS_ORDER}
    lines.append(
        f"{len(report.facts)} facts from {len(report.articles)} articles: "
        + ", ".join(f"{n} {s.replace('_', '-')}" for s, n in counts.items())
        + "."
    )
    lines.append("")
    if report.changes is not None:
        lines.extend(_markdown_changes(report.changes))
    for fact in report.facts:
        lines.extend(_markdown_fact(fact))
    if report.events:
        lines.extend(_markdown_events(report.events))
    return "\n".join(lines).rstrip() + "\n"


def _markdown_events(events: Sequence[dict[str, Any]]) -> list[str]:
    """The events that gathered two or more accounts, each account with the
    waterfall of weights that joined it."""
    joined = [e for e in events if e["evidence"]]
    if not joined:
        return []
    lines = ["## Events and why their reports were joined", ""]
    for event in joined:
        place = ", ".join(event["place"]) or "place unknown"
        lines.append(
            f"### {event['id']} · {event['class']} · {event['date'] or 'date unknown'}"
            f" · {place} · facts: {', '.join(event['facts'])}"
        )
        lines.append("")
        for account in event["evidence"]:
            steps = "; ".join(
                f"{w['feature']} {w['level']} {w['weight']:+g}"
                if w["feature"] not in ("prior", "match probability")
                else f"{w['feature']} {w['weight']:+g}"
                if w["feature"] == "prior"
                else f"= {w['level']}, {w['weight']:g}%"
                for w in account["waterfall"]
            )
            lines.append(f"- `{account['account']}`: {steps}")
        lines.append("")
    return lines


def _markdown_changes(changes: dict[str, Any]) -> list[str]:
    lines = [
        f"## Changes: {len(changes['articles'])} article(s) added, "
        f"{changes['claims']} claim(s)",
        "",
    ]
    for name in ("new", "gained_support", "turned_conflicting"):
        if changes[name]:
            lines.append(f"- {name.replace('_', ' ')}: {', '.join(changes[name])}")
    lines.extend(
        f"- status changed: {c['fact']} {c['from']} -> {c['to']}"
        for c in changes["status_changed"]
    )
    lines.extend(f"- retired: {r['fact']} ({r['reason']})" for r in changes["retired"])
    lines.append("")
    return lines


def render_html(report: Report) -> str:
    """The report as one self-contained HTML page (see :mod:`reconcile.html` when installed)."""
    from reconcile.html_report import render_report_html

    return render_report_html(report.to_record())


def _markdown_fact(fact: dict[str, Any]) -> list[str]:
    status = fact["status"].replace("_", "-").upper()
    lines = [
        f"## {fact['id']} · {status} · confidence {fact['confidence']:.2f}",
        "",
        f"> {fact['statement']}",
        "",
        *(
            [f"Fact: the `{fact['attribute']}` of event `{fact['event']}`", ""]
            if fact.get("event")
            else []
        ),
        f"Outlets: {', '.join(fact['outlets'])} · independent origins: {fact['independent_origins']}"
        f" · {fact['explanation']}",
        "",
    ]
    for conflict in fact["conflicts"]:
        scope = " (within one origin)" if conflict["within_outlet"] else ""
        lines.append(
            f"- **Conflict ({conflict['kind']}){scope}:** {conflict['outlets'][0]} says "
            f"`{conflict['values'][0]}`; {conflict['outlets'][1]} says `{conflict['values'][1]}` "
            f"— rule `{conflict['rule']}`"
        )
    for update in fact["updates"]:
        lines.append(f"- **Update:** {update['explanation']}")
    for agreement in fact["agreements"]:
        said = (
            "Agreed"
            if len(set(agreement["outlets"])) >= 2
            else "Repeated by one outlet"
        )
        lines.append(
            f"- {said} {agreement['kind']}: `{agreement['value']}` ({', '.join(agreement['outlets'])})"
        )
    merged = [
        o
        for o in fact["origins"]
        if len(o["outlets"]) > 1 or o["reason"] != "own reporting"
    ]
    for origin in merged:
        lines.append(
            f"- Origin *{origin['origin']}*: {', '.join(origin['outlets'])} — {origin['reason']}"
        )
    if fact["conflicts"] or fact["updates"] or fact["agreements"] or merged:
        lines.append("")
    lines.append("Evidence:")
    lines.append("")
    for claim in fact["claims"]:
        values = ", ".join(
            f"{v['kind']} `{v['normalized']}`"
            for v in claim["values"]
            if v["kind"] in ("date", "quantity")
        )
        flags = [
            f
            for f, on in (
                ("hedged", claim["hedged"]),
                ("negated", claim["polarity"] == "negated"),
                ("headline", claim.get("headline", False)),
            )
            if on
        ]
        extra = (
            f" — attributed to {claim['attributed_to']}"
            if claim["attributed_to"]
            else ""
        )
        lines.append(
            f"- {claim['outlet']} ({claim['published'] or 'undated'}, `{claim['article']}` "
            f"{claim['start']}–{claim['end']}): “{claim['text']}”{extra}"
            + (f" [{'; '.join(flags)}]" if flags else "")
            + (f" · {values}" if values else "")
        )
    lines.append("")
    return lines
