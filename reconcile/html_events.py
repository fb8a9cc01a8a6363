"""The facts of the HTML report grouped under their events, each with its waterfall.

:func:`event_sections` lays out the ``<main>`` of the page that
:mod:`reconcile.html_report` renders: one ``<section class="event">`` per event
of the JSON report, in the report's order of events (the order the Markdown
report lists them in), holding the event's class, date, places, participants
and number of reports, the waterfall of weights that joined each of its
accounts, and its facts; facts whose event is not in the report come last, in
``<section class="event no-event">``. A waterfall is a table (the numbers as
text: prior, each feature's level and weight in bits, total, probability) with
a bar per step drawn in CSS, positive weights in one colour and negative ones in
another. Every string from the report is escaped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from reconcile.html_report import _e

__all__ = ["EVENT_CSS", "event_sections", "facts_by_event", "waterfall_steps"]

_PROBABILITY = "match probability"
_TOTAL = re.compile(r"total ([+-]?\d+(?:\.\d+)?) bits")

EVENT_CSS = """
section.event{margin:26px 0 30px;padding:4px 0 0;border-top:3px solid var(--line)}
section.event>header h3.event-title{font-size:18px;text-transform:none;letter-spacing:0;color:var(--ink);margin:10px 0 4px}
dl.event-meta{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:4px 0 8px;font-size:14px}
dl.event-meta dt{color:var(--muted)}dl.event-meta dd{margin:0}
details.why{background:#fff;border:1px solid var(--line);border-radius:8px;margin:8px 0;padding:0 14px}
details.why>summary{font-size:14px;padding:8px 0}
table.waterfall{width:auto;margin:6px 0 14px;font-size:13px}table.waterfall caption{font-weight:400}
table.waterfall td,table.waterfall th{padding:3px 8px}
table.waterfall tr.total td{font-weight:700;border-top:2px solid var(--ink)}
td.chart{width:240px;min-width:160px}
.wf{position:relative;height:14px}.wf i{position:absolute;top:-3px;bottom:-3px;border-left:1px solid var(--ink)}
.wf span{position:absolute;top:2px;height:10px;border-radius:2px;min-width:1px}
.wf .pos{background:var(--green)}.wf .neg{background:var(--red)}
.wf .total.pos{background:#1b5e20}.wf .total.neg{background:#7f1d1d}
.w-pos{color:var(--green)}.w-neg{color:var(--red)}
"""
"""The event sections' style, added to the page's own."""


def facts_by_event(
    events: Sequence[Mapping[str, Any]], facts: Sequence[Mapping[str, Any]]
) -> tuple[
    list[tuple[Mapping[str, Any], list[Mapping[str, Any]]]], list[Mapping[str, Any]]
]:
    """Each event of *events* (in their order) with its facts (in the order of
    *facts*), and the facts whose ``event`` names no event of *events*.

    >>> grouped, loose = facts_by_event([{"id": "E1"}], [{"id": "F1", "event": "E1"},
    ...     {"id": "F2", "event": None}])
    >>> [(e["id"], [f["id"] for f in fs]) for e, fs in grouped], [f["id"] for f in loose]
    ([('E1', ['F1'])], ['F2'])
    """
    of: dict[str, list[Mapping[str, Any]]] = {str(e.get("id")): [] for e in events}
    loose = []
    for fact in facts:
        key = fact.get("event")
        if key is not None and str(key) in of:
            of[str(key)].append(fact)
        else:
            loose.append(fact)
    return [(e, of[str(e.get("id"))]) for e in events], loose


def event_sections(
    events: Sequence[Mapping[str, Any]],
    facts: Sequence[Mapping[str, Any]],
    render_fact: Callable[[Mapping[str, Any]], str],
) -> str:
    """The HTML of *facts* grouped under *events*, each fact drawn by *render_fact*.

    Args:
        events: The report's ``events`` records (id, class, family, participants,
            place, date, claims, facts, evidence), in the order they are shown.
        facts: The report's fact records, in the order they are shown within an event.
        render_fact: Draws one fact record as HTML (the page's fact section).

    Returns:
        One ``<section class="event" id="event-ID">`` per event, then, if some
        facts have no event in *events*, ``<section class="event no-event"
        id="facts-without-event">`` holding them.
    """
    grouped, loose = facts_by_event(events, facts)
    source = {
        str(c.get("id")): (c.get("article"), c.get("outlet"))
        for f in facts
        for c in f.get("claims") or []
        if isinstance(c, Mapping)
    }
    parts = [_event_section(e, fs, source, render_fact) for e, fs in grouped]
    if loose:
        parts.append(
            '<section class="event no-event" id="facts-without-event"><header>'
            '<h3 class="event-title">Facts without an event</h3><p class="meta">'
            f"{len(loose)} fact(s) the report ties to no event.</p></header>\n"
            + "\n".join(render_fact(f) for f in loose)
            + "\n</section>"
        )
    return "\n".join(parts)


def _event_section(
    event: Mapping[str, Any],
    facts: Sequence[Mapping[str, Any]],
    source: Mapping[str, tuple[Any, Any]],
    render_fact: Callable[[Mapping[str, Any]], str],
) -> str:
    """One event's section; *source* gives each claim id's article and outlet."""
    eid = event.get("id")
    told = [source[str(c)] for c in event.get("claims") or [] if str(c) in source]
    articles = {article for article, _ in told}
    outlets = {outlet for _, outlet in told}
    places = event.get("place") or []
    kind = str(event.get("class") or "event")
    family = event.get("family")
    rows = [
        ("Class", kind + (f" ({family})" if family and family != kind else "")),
        ("Date", event.get("date") or "unknown"),
        ("Places", ", ".join(map(str, places)) or "unknown"),
        (
            "Participants",
            ", ".join(map(str, event.get("participants") or [])) or "none named",
        ),
        (
            "Reports",
            f"{len(articles)} article(s) from {len(outlets)} outlet(s) · "
            f"{len(event.get('claims') or [])} claim(s) · {len(facts)} fact(s)",
        ),
    ]
    meta = "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in rows)
    return "\n".join(
        [
            f'<section class="event" id="event-{_e(eid)}" data-event="{_e(eid)}">',
            f'<header><h3 class="event-title">{_e(kind)} · {_e(event.get("date") or "date unknown")}'
            f" · {_e(', '.join(map(str, places)) or 'place unknown')} "
            f'<span class="meta">event <code>{_e(eid)}</code></span></h3>',
            f'<dl class="event-meta">{meta}</dl></header>',
            _why(event),
            *(render_fact(f) for f in facts),
            "</section>",
        ]
    )


def _why(event: Mapping[str, Any]) -> str:
    """The waterfall of each account that joined *event*, on one scale."""
    accounts = [a for a in event.get("evidence") or [] if isinstance(a, Mapping)]
    if not accounts:
        return '<p class="meta why">One account: no report was joined to another.</p>'
    steps = [waterfall_steps(a.get("waterfall") or []) for a in accounts]
    ends = [
        0.0,
        *(_total(a, s) for a, s in zip(accounts, steps, strict=True)),
        *(x for s in steps for _, _, _, before, after in s for x in (before, after)),
    ]
    low, high = min(ends), max(ends)
    tables = "".join(
        _waterfall(event.get("id"), a, s, low, high)
        for a, s in zip(accounts, steps, strict=True)
    )
    chances = ", ".join(
        _probability(a, s) for a, s in zip(accounts, steps, strict=True)
    )
    return (
        f'<details class="why"><summary>Why these {len(accounts)} reports are one event '
        f'<span class="meta">(match probability {_e(chances)})</span></summary>{tables}</details>'
    )


def waterfall_steps(
    waterfall: Sequence[Mapping[str, Any]],
) -> list[tuple[str, str, float, float, float]]:
    """The steps of a waterfall: ``(feature, level, weight, total before, total after)``,
    from the prior through each feature; the match probability is left out.

    >>> waterfall_steps([{"feature": "prior", "weight": -4.0, "level": "log-odds"},
    ...     {"feature": "class", "weight": 3.5, "level": "same trigger"},
    ...     {"feature": "match probability", "weight": 41.4, "level": "total -0.50 bits"}])
    [('prior', 'log-odds', -4.0, 0.0, -4.0), ('class', 'same trigger', 3.5, -4.0, -0.5)]
    """
    steps, total = [], 0.0
    for item in waterfall:
        if not isinstance(item, Mapping) or item.get("feature") == _PROBABILITY:
            continue
        weight = item.get("weight")
        weight = float(weight) if isinstance(weight, int | float) else 0.0
        steps.append(
            (
                str(item.get("feature")),
                str(item.get("level") or ""),
                weight,
                total,
                total + weight,
            )
        )
        total += weight
    return steps


def _stated(account: Mapping[str, Any]) -> Mapping[str, Any]:
    """The account's last step, the match probability with its total, if given."""
    found = [
        i
        for i in account.get("waterfall") or []
        if isinstance(i, Mapping) and i.get("feature") == _PROBABILITY
    ]
    return found[-1] if found else {}


def _probability(account: Mapping[str, Any], steps: Sequence[tuple[Any, ...]]) -> str:
    """The account's match probability as the report gives it, else from its total."""
    stated = _stated(account).get("weight")
    if isinstance(stated, int | float):
        return f"{stated:g}%"
    bits = max(min(_total(account, steps), 60.0), -60.0)
    return f"{100 / (1 + 2**-bits):.1f}%"


def _waterfall(
    eid: Any,
    account: Mapping[str, Any],
    steps: Sequence[tuple[str, str, float, float, float]],
    low: float,
    high: float,
) -> str:
    key = account.get("account")
    total = _total(account, steps)
    rows = [
        f"<tr><td>{_e(feature)}</td><td>{_e(level)}</td>"
        f'<td class="num {_sign(weight)}">{weight:+.2f}</td>'
        f'<td class="chart">{_bar(before, after, low, high)}</td></tr>'
        for feature, level, weight, before, after in steps
    ]
    rows.append(
        f'<tr class="total"><td>total</td><td>log-odds</td>'
        f'<td class="num {_sign(total)}">{total:+.2f}</td>'
        f'<td class="chart">{_bar(0.0, total, low, high, "total")}</td></tr>'
    )
    chance = _e(_probability(account, steps))
    rows.append(f'<tr><td>{_PROBABILITY}</td><td colspan="3"><b>{chance}</b></td></tr>')
    return (
        f'<table class="waterfall" id="waterfall-{_e(eid)}-{_e(key)}"><caption>Account '
        f"<code>{_e(key)}</code>: total {total:+.2f} bits, {chance}</caption><thead><tr>"
        "<th>Step</th><th>Level</th><th>Weight (bits)</th><th>"
        '<span class="w-pos">for</span> / <span class="w-neg">against</span></th></tr>'
        f"</thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _total(account: Mapping[str, Any], steps: Sequence[tuple[Any, ...]]) -> float:
    """The account's total log-odds as the model gave it ("total +6.48 bits"), else
    the sum of its steps (each rounded to 0.01, so they may differ in the last place)."""
    found = _TOTAL.search(str(_stated(account).get("level") or ""))
    if found:
        return float(found.group(1))
    return steps[-1][4] if steps else 0.0


def _bar(before: float, after: float, low: float, high: float, extra: str = "") -> str:
    """A bar from *before* to *after* on the scale *low*..*high* (a line marks zero)."""
    span = (high - low) or 1.0
    left = (min(before, after) - low) / span * 100
    width = abs(after - before) / span * 100
    zero = (0.0 - low) / span * 100
    cls = " ".join(filter(None, [_sign(after - before).removeprefix("w-"), extra]))
    return (
        f'<div class="wf" aria-hidden="true"><i style="left:{zero:.1f}%"></i>'
        f'<span class="{cls}" style="left:{left:.1f}%;width:{width:.1f}%"></span></div>'
    )


def _sign(weight: float) -> str:
    return "w-neg" if weight < 0 else "w-pos"
