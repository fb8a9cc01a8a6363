"""The corroboration report as one self-contained HTML page.

:func:`render_report_html` turns the JSON document of DESIGN.md (what
``Report.to_record()`` returns) into a single HTML5 page that an editor can open
from disk: inline CSS, a few lines of inline JavaScript for the status filter, an
inline SVG of each fact's provenance, and no network access of any kind (a
Content-Security-Policy forbids it, and only the page's own script may run).
Article text is untrusted: every string goes through :func:`html.escape`, and an
article URL becomes a link only when it is ``http(s)``.
"""

from __future__ import annotations

import base64
import hashlib
import html
import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any
from urllib.parse import quote

from reconcile.claim_report import paragraphs

__all__ = ["render_claim_report_html", "render_report_html"]

_STATUS_ORDER = ("conflicting", "updated", "single_source", "corroborated")
_RANK = {status: rank for rank, status in enumerate(_STATUS_ORDER)}
_CONTEXT = 80  # characters of article text shown on each side of a quoted claim
_SHOWN = 6  # conflict tables shown before the rest fold into "Show N more conflicts"

_CSS = """
:root{--ink:#1d2330;--muted:#5d6778;--line:#d9dee7;--bg:#f6f7f9;--red:#b3261e;--amber:#9a6700;--blue:#3d5a80;--green:#2e7d32}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif}
.page{max-width:1120px;margin:0 auto;padding:24px 28px 60px}
h1{font-size:26px;margin:0 0 4px}h2{font-size:19px;margin:32px 0 10px}
h3{font-size:13px;text-transform:uppercase;letter-spacing:.06em;color:var(--muted);margin:22px 0 8px}
.meta,.cite,.ctx,figcaption,.kind{color:var(--muted)}.kind{font-size:13px}
table{border-collapse:collapse;width:100%;background:#fff}caption{text-align:left;font-weight:600;padding:4px 0}caption::first-letter{text-transform:uppercase}
th,td{border:1px solid var(--line);padding:6px 9px;text-align:left;vertical-align:top}
th{background:#eef1f5;font-size:13px}.num{text-align:right;white-space:nowrap}
#summary td:last-child{width:40%}
a{color:var(--blue)}code{font-size:13px;background:#eef1f5;padding:0 4px;border-radius:3px}
.badge{display:inline-block;border-radius:10px;padding:1px 9px;font-size:12px;font-weight:600;color:#fff;background:var(--muted);white-space:nowrap}
.s-conflicting.badge{background:var(--red)}.s-updated.badge{background:var(--amber)}
.s-single_source.badge{background:var(--blue)}.s-corroborated.badge{background:var(--green)}
.counts .badge{margin-right:6px}
.filters{display:flex;flex-wrap:wrap;gap:10px;align-items:center;margin:14px 0;padding:10px 12px;background:#fff;border:1px solid var(--line);border-radius:8px}
.filters label{cursor:pointer}.filters button{font:inherit;font-size:13px;cursor:pointer}
.bar{display:inline-block;width:54px;height:7px;background:#e3e7ee;border-radius:4px;margin-left:6px;vertical-align:middle}
.bar span{display:block;height:100%;border-radius:4px;background:var(--blue)}
section.fact{background:#fff;border:1px solid var(--line);border-left:6px solid var(--muted);border-radius:8px;margin:14px 0}
section.s-conflicting{border-left-color:var(--red)}section.s-updated{border-left-color:var(--amber)}
section.s-single_source{border-left-color:var(--blue)}section.s-corroborated{border-left-color:var(--green)}
summary{cursor:pointer;padding:12px 16px;font-size:16px}.fid{font-weight:700;margin-right:4px}
.stmt{display:block;margin-top:4px;font-weight:600}.inner{padding:0 18px 18px}
.explanation{margin:0;padding:8px 12px;background:#f3f5f8;border-radius:6px}
table.conflict{margin:8px 0 14px}table.conflict th{width:50%}.within td{background:#fff8eb}.within .badge{background:var(--amber)}
.value{font-size:17px;font-weight:700;color:var(--red)}mark{background:#ffe58f;padding:0 1px}
ol.timeline{list-style:none;padding-left:14px;border-left:3px solid var(--amber);margin-left:6px}ol.timeline b{color:var(--amber)}
ol.evidence{padding-left:22px}ol.evidence>li{margin:0 0 18px}
blockquote{margin:0 0 4px;padding:6px 12px;border-left:3px solid var(--line);background:#fafbfc}
.flag{display:inline-block;font-size:12px;border:1px solid var(--line);border-radius:4px;padding:0 6px;margin:0 4px}
.flag.warn{border-color:var(--amber);color:var(--amber)}.flag.bad{border-color:var(--red);color:var(--red)}
.val{display:inline-block;margin:2px 14px 2px 0}.match{font-size:13px;color:var(--muted)}
ul.reasons{display:inline;padding:0;margin:0}ul.reasons li{display:inline;margin-left:12px}
figure{margin:6px 0}svg.prov{width:100%;max-width:920px;height:auto;display:block}
svg text{font-family:system-ui,sans-serif;font-size:11px;fill:#1d2330}svg .sub{fill:#5d6778;font-size:10px}
details.more>summary{font-size:14px;color:var(--blue);padding:4px 0 10px}
@media print{.filters{display:none}}
"""

_JS = """(function () {
  var form = document.getElementById("filters"), all = document.querySelectorAll.bind(document);
  function apply() {
    var on = {};
    form.querySelectorAll("input").forEach(function (b) { on[b.value] = b.checked; });
    all("#summary tbody tr[data-status], section.fact").forEach(function (el) {
      el.hidden = on[el.getAttribute("data-status")] === false;
    });
    all("section.event").forEach(function (ev) {
      var facts = ev.querySelectorAll("section.fact");
      ev.hidden = facts.length > 0 && !ev.querySelector("section.fact:not([hidden])");
    });
  }
  function openTarget() {
    var el = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    var fact = el && el.closest("section.fact");
    if (fact) { fact.querySelector("details").open = true; el.scrollIntoView(); }
  }
  form.addEventListener("change", apply);
  form.addEventListener("click", function (ev) {
    var act = ev.target.getAttribute("data-action");
    if (act) { all("section.fact > details, details.why").forEach(function (d) { d.open = act === "expand"; }); }
  });
  window.addEventListener("hashchange", openTarget);
  form.hidden = false;
  apply();
  openTarget();
  document.body.setAttribute("data-ready", "1");
})();"""

_SCRIPT_HASH = base64.b64encode(hashlib.sha256(_JS.encode()).digest()).decode()
_CSP = (
    f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{_SCRIPT_HASH}'"
)


def render_report_html(document: Mapping[str, Any]) -> str:
    """Render a report document as one self-contained HTML5 page.

    Facts are grouped under their events (``<section class="event"
    id="event-ID">``, in the report's order of events, each with the waterfall
    that joined each of its accounts; see :mod:`reconcile.html_events`), facts
    without an event last. Within an event, and in the summary table
    (``id="summary"``), facts come in the editor-first order (conflicting,
    updated, single-source, corroborated; a stable sort enforces it). Each fact
    is a ``<section id="fact-ID" data-status="...">`` around a ``<details>``
    that is open when the fact is conflicting.

    Args:
        document: The JSON report of DESIGN.md, as ``Report.to_record()`` returns it.

    Returns:
        The page as a string. It loads nothing from the network.

    >>> page = render_report_html({"reconcile_version": "0.1.0", "articles": [], "facts": []})
    >>> page.startswith("<!DOCTYPE html>") and 'id="summary"' in page
    True
    """
    from reconcile.html_events import (
        EVENT_CSS,
        event_sections,
    )  # it imports this module

    facts = sorted(
        document.get("facts") or [],
        key=lambda f: _RANK.get(f.get("status"), len(_RANK)),
    )
    articles = {str(a.get("id")): a for a in document.get("articles") or []}
    statuses = _unique([*_STATUS_ORDER, *(f.get("status") for f in facts)])
    counts = {s: sum(f.get("status") == s for f in facts) for s in statuses}
    version = document.get("reconcile_version", "")
    return "\n".join(
        [
            '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>Corroboration report · reconcile {_e(version)}</title>",
            f'<style>{_CSS}{EVENT_CSS}</style>\n</head>\n<body>\n<div class="page">',
            "<header><h1>Corroboration report</h1>",
            f'<p class="meta">reconcile <span id="version">{_e(version)}</span> · '
            f"{len(facts)} facts from {len(articles)} articles</p>",
            '<p class="counts">'
            + "".join(
                f'<span class="badge s-{_slug(s)}">{n} {_e(_label(s))}</span>'
                for s, n in counts.items()
            )
            + "</p></header>",
            _filters(counts),
            _summary(facts),
            '<main id="facts"><h2>Facts by event</h2>',
            event_sections(
                document.get("events") or [],
                facts,
                lambda fact: _fact_section(fact, articles),
            ),
            "</main>",
            _articles(articles.values()),
            f"</div>\n<script>{_JS}</script>\n</body>\n</html>\n",
        ]
    )


def _filters(counts: Mapping[str, int]) -> str:
    boxes = "".join(
        f'<label class="badge s-{_slug(s)}"><input type="checkbox" value="{_e(s)}" checked> '
        f"{_e(_label(s))} ({n})</label>"
        for s, n in counts.items()
    )
    return (
        '<form id="filters" class="filters" hidden aria-label="Filter facts by status">'
        f"<strong>Show:</strong>{boxes}"
        '<button type="button" data-action="expand">Expand all</button>'
        '<button type="button" data-action="collapse">Collapse all</button></form>'
    )


def _summary(facts: Sequence[Mapping[str, Any]]) -> str:
    rows = [
        f'<tr class="s-{_slug(f.get("status"))}" data-status="{_e(f.get("status"))}">'
        f"<td>{_anchor('fact', f.get('id'), f.get('id'))}</td>"
        f'<td>{_badge(f.get("status"))}</td><td class="num">{_confidence(f.get("confidence"))}</td>'
        f"<td>{_join(f.get('outlets'))}</td>"
        f'<td class="num">{_e(f.get("independent_origins"))}</td>'
        f"<td>{_e(_truncate(str(f.get('statement', '')), 220))}</td></tr>"
        for f in facts
    ]
    body = "".join(rows) or '<tr><td colspan="6">No facts.</td></tr>'
    return (
        '<h2>Summary</h2><table id="summary" class="summary"><thead><tr><th>Fact</th><th>Status</th>'
        "<th>Confidence</th><th>Outlets</th><th>Independent origins</th><th>Statement</th></tr></thead>"
        f"<tbody>{body}</tbody></table>"
    )


def _fact_section(fact: Mapping[str, Any], articles: Mapping[str, Any]) -> str:
    status, fid = fact.get("status"), fact.get("id")
    claims = {str(c.get("id")): c for c in fact.get("claims") or []}
    parts = [
        f'<section class="fact s-{_slug(status)}" id="fact-{_e(fid)}" '
        f'data-status="{_e(status)}">',
        f"<details{' open' if status == 'conflicting' else ''}><summary>"
        f'<span class="fid">{_e(fid)}</span> {_attribute(fact)}{_badge(status)} <span class="meta">'
        f"confidence {_confidence(fact.get('confidence'))} · "
        f"{_e(fact.get('independent_origins'))} independent origin(s) · "
        f"{_join(fact.get('outlets'))}</span>"
        f'<span class="stmt">{_e(fact.get("statement"))}</span></summary>',
        f'<div class="inner"><p class="explanation">{_e(fact.get("explanation"))}</p>',
    ]
    if fact.get("conflicts"):
        tables = [_conflict(c, claims) for c in fact["conflicts"]]
        parts += ["<h3>Conflicts</h3>", *tables[:_SHOWN]]
        if tables[_SHOWN:]:
            more = f"Show {len(tables) - _SHOWN} more conflicts"
            parts.append(f'<details class="more"><summary>{more}</summary>')
            parts += [*tables[_SHOWN:], "</details>"]
    if fact.get("updates"):
        parts += ["<h3>Updates</h3>", *(_update(u) for u in fact["updates"])]
    agreed = [a for a in fact.get("agreements") or [] if _outlet_count(a) >= 2]
    repeated = [a for a in fact.get("agreements") or [] if _outlet_count(a) < 2]
    if agreed:
        parts.append(
            "<h3>Agreements</h3><ul>" + "".join(_agreement(a) for a in agreed) + "</ul>"
        )
    if repeated:
        parts.append(
            "<h3>Repeated by one outlet</h3><ul>"
            + "".join(_agreement(a, agreed=False) for a in repeated)
            + "</ul>"
        )
    if fact.get("origins"):
        rows = "".join(
            f"<tr><td>{_e(o.get('origin'))}</td><td>{_join(o.get('outlets'))}</td>"
            f"<td>{_join(o.get('claims'), code=True)}</td><td>{_e(o.get('reason'))}</td></tr>"
            for o in fact["origins"]
        )
        parts.append(
            "<h3>Origins</h3><table><thead><tr><th>Origin</th><th>Outlets counted as one"
            f"</th><th>Claims</th><th>Why</th></tr></thead><tbody>{rows}</tbody></table>"
        )
    svg, note = _provenance_svg(fact)
    parts.append(
        f"<h3>Provenance</h3><figure>{svg}<figcaption>Outlets → articles → claims → "
        f"fact.{note}</figcaption></figure>"
    )
    items = "".join(
        _evidence(c, articles.get(str(c.get("article")))) for c in claims.values()
    )
    parts.append(f'<h3>Evidence ({len(claims)})</h3><ol class="evidence">{items}</ol>')
    return "\n".join([*parts, "</div></details></section>"])


def _attribute(fact: Mapping[str, Any]) -> str:
    """The attribute of its event the fact is (``date``, ``people killed``...), if named."""
    name = fact.get("attribute")
    return f'<code class="attr" title="attribute">{_e(name)}</code> ' if name else ""


def _conflict(conflict: Mapping[str, Any], claims: Mapping[str, Any]) -> str:
    ids, values = conflict.get("claims") or [], conflict.get("values") or []
    outlets, spans = conflict.get("outlets") or [], conflict.get("spans") or []
    heads, cells = [], []
    for i, cid in enumerate(ids):
        claim = claims.get(str(cid), {})
        span = spans[i] if i < len(spans) and isinstance(spans[i], Mapping) else {}
        text = _marked(str(claim.get("text", "")), claim.get("start"), [span])
        heads.append(
            f"<th>{_e(outlets[i] if i < len(outlets) else claim.get('outlet'))} says</th>"
        )
        cells.append(
            f'<td><div class="value">{_e(values[i] if i < len(values) else "")}</div>'
            f'<q>{text}</q><div class="cite">{_e(claim.get("published") or "undated")}'
            f" · {_anchor('claim', cid)}</div></td>"
        )
    within = bool(conflict.get("within_outlet"))
    flag = ' <span class="badge">within one outlet / origin</span>' if within else ""
    return (
        f'<table class="conflict{" within" if within else ""}"><caption>'
        f"{_e(conflict.get('kind'))} conflict{flag}</caption><thead><tr>{''.join(heads)}"
        f'</tr></thead><tbody><tr>{"".join(cells)}</tr><tr><td colspan="{max(len(ids), 1)}">'
        f"Rule <code>{_e(conflict.get('rule'))}</code> · {_e(conflict.get('explanation'))}"
        "</td></tr></tbody></table>"
    )


def _update(update: Mapping[str, Any]) -> str:
    items = "".join(
        f"<li>{_e(t.get('published'))} · <b>{_e(t.get('value'))}</b> · "
        f"{_e(t.get('outlet'))} · {_anchor('claim', t.get('claim'))}</li>"
        for t in update.get("timeline") or []
    )
    return (
        f'<p><span class="kind">{_e(update.get("kind"))} · {_e(update.get("dimension"))}'
        f'</span> {_e(update.get("explanation"))}</p><ol class="timeline">{items}</ol>'
    )


def _outlet_count(agreement: Mapping[str, Any]) -> int:
    """How many different outlets state an agreement's value."""
    return len(set(agreement.get("outlets") or []))


def _agreement(agreement: Mapping[str, Any], *, agreed: bool = True) -> str:
    """One agreement; "agreed" only when two or more outlets state the value."""
    who = (
        f"agreed by {_join(agreement.get('outlets'))}"
        if agreed
        else f"stated only by {_join(agreement.get('outlets'))}, not an agreement"
    )
    return (
        f'<li><span class="kind">{_e(agreement.get("kind"))}</span> '
        f"<b>{_e(agreement.get('value'))}</b> · {who} · "
        f"claims {_join(agreement.get('claims'), code=True)} · rule <code>{_e(agreement.get('rule'))}"
        f'</code> <span class="meta">{_e(agreement.get("explanation"))}</span></li>'
    )


def _evidence(claim: Mapping[str, Any], article: Mapping[str, Any] | None) -> str:
    text, start, end = str(claim.get("text", "")), claim.get("start"), claim.get("end")
    source, before, after = str((article or {}).get("text") or ""), "", ""
    if isinstance(start, int) and isinstance(end, int) and source[start:end] == text:
        before = source[max(0, start - _CONTEXT) : start].split("\n")[-1]
        before = ("…" if len(before) == _CONTEXT else "") + before
        after = source[end : end + _CONTEXT].split("\n")[0]
        after += "…" if len(after) == _CONTEXT else ""
    values = claim.get("values") or []
    flags = [
        ("", claim.get("attributed_to") and f"attributed to {claim['attributed_to']}"),
        ("warn", claim.get("hedged") and "hedged"),
        ("bad", claim.get("polarity") == "negated" and "negated"),
        ("", claim.get("quote") and "direct quote"),
        ("", claim.get("headline") and "headline"),
    ]
    chips = "".join(
        f'<span class="val"><span class="kind">{_e(v.get("kind"))}:</span> '
        f"<b>{_e(v.get('normalized'))}</b> ← “{_e(v.get('text'))}”</span>"
        for v in values
    )
    match = claim.get("match") or {}
    reasons = "".join(
        f"<li><code>{_e(r.get('rule'))}</code> {_num(r.get('score'))} "
        f"{_cmp(r.get('score'), r.get('threshold'))} {_num(r.get('threshold'))}"
        f'<span class="meta"> · {_e(r.get("detail"))}</span></li>'
        for r in match.get("reasons") or []
    )
    return (
        f'<li id="claim-{_e(claim.get("id"))}"><blockquote><span class="ctx">'
        f'{_e(before)}</span>{_marked(text, start, values)}<span class="ctx">'
        f'{_e(after)}</span></blockquote><div class="cite">— <b>{_e(claim.get("outlet"))}'
        f"</b>, {_e(claim.get('published') or 'undated')} · article "
        f"<code>{_e(claim.get('article'))}</code> · chars {_e(start)}–{_e(end)} · claim "
        f"<code>{_e(claim.get('id'))}</code> "
        + "".join(f'<span class="flag {c}">{_e(t)}</span>' for c, t in flags if t)
        + f'</div><div class="vals">{chips}</div>'
        + (
            f'<div class="match">match score <b>{_num(match.get("score"))}</b>'
            f'<ul class="reasons">{reasons}</ul></div>'
            if match
            else ""
        )
        + "</li>"
    )


_ROW, _NODE_H, _SVG_MAX = 60, 50, 40
_LINE_H, _LABEL_LINES = 13, 2
_COLUMNS = ((8, 170), (228, 180), (458, 230), (800, 112))  # x, width of each column
_CONFLICT_EDGE = (
    'class="conflicts-with" stroke="#c62828" stroke-width="1.6" stroke-opacity=".8" '
    'stroke-dasharray="5 3"'
)
_NODE_STYLE = {
    "outlet": 'fill="#e6edf7" stroke="#3d5a80"',
    "article": 'fill="#eef5ea" stroke="#5b8a55"',
    "claim": 'fill="#ffffff" stroke="#8a94a6"',
    "claim-hot": 'fill="#fdecea" stroke="#c62828" stroke-width="1.5"',
    "conflicting": 'fill="#fdecea" stroke="#b3261e" stroke-width="2"',
    "updated": 'fill="#fff4e0" stroke="#9a6700" stroke-width="2"',
    "single_source": 'fill="#e6edf7" stroke="#3d5a80" stroke-width="2"',
    "corroborated": 'fill="#e8f5e9" stroke="#2e7d32" stroke-width="2"',
}


def _provenance_svg(fact: Mapping[str, Any]) -> tuple[str, str]:
    """The fact's provenance as an inline SVG in four columns, and a note if cut short."""
    every = list(fact.get("claims") or [])
    hot = {str(i) for c in fact.get("conflicts") or [] for i in c.get("claims") or []}
    claims = sorted(every, key=lambda c: str(c.get("id")) not in hot)[:_SVG_MAX]
    outlets = _unique(c.get("outlet") for c in claims)
    owner = {c.get("article"): c.get("outlet") for c in claims}
    articles = sorted(owner, key=lambda a: outlets.index(owner[a]))
    claims.sort(key=lambda c: articles.index(c.get("article")))
    status, fid = fact.get("status"), fact.get("id")
    columns = [
        [("outlet", o, o, "outlet", "outlet") for o in outlets],
        [("article", a, a, f"article · {owner[a]}", "article") for a in articles],
        [
            (
                "claim",
                c.get("id"),
                c.get("text", ""),
                f"{c.get('published') or 'undated'} · {c.get('id')}",
                "claim-hot" if str(c.get("id")) in hot else "claim",
            )
            for c in claims
        ],
        [("fact", fid, f"fact {fid}", _label(status), status)],
    ]
    height = max(map(len, columns)) * _ROW + 12
    pos: dict[tuple[str, Any], tuple[float, float, int]] = {}
    nodes = []
    for (x, w), column in zip(_COLUMNS, columns, strict=True):
        for i, (kind, key, label, sub, style) in enumerate(column):
            y = (height - len(column) * _ROW) / 2 + i * _ROW + (_ROW - _NODE_H) / 2
            pos[kind, key] = (x, y, w)
            lines = _wrap(str(label), int(w / 6.5), _LABEL_LINES)
            text = "".join(
                f'<tspan x="{x + 8}" y="{y + 15 + k * _LINE_H:.1f}">{_e(line)}</tspan>'
                for k, line in enumerate(lines)
            )
            nodes.append(
                f'<g class="n-{kind}"><title>{_e(f"{label} — {sub}")}'
                f'</title><rect x="{x}" y="{y:.1f}" width="{w}" height="{_NODE_H}" rx="6" '
                f"{_NODE_STYLE.get(str(style), _NODE_STYLE['claim'])}/>"
                f"<text>{text}</text>"
                f'<text class="sub" x="{x + 8}" y="{y + 15 + _LABEL_LINES * _LINE_H:.1f}">'
                f"{_e(_truncate(str(sub), w // 6))}</text></g>"
            )
    links = [(("outlet", owner[a]), ("article", a)) for a in articles]
    links += [(("article", c.get("article")), ("claim", c.get("id"))) for c in claims]
    links += [(("claim", c.get("id")), ("fact", fid)) for c in claims]
    edges = [_path(pos[a], pos[b], arc=False) for a, b in links]
    pairs = {
        tuple(sorted(map(str, pair)))
        for conflict in fact.get("conflicts") or []
        for pair in itertools.pairwise(conflict.get("claims") or [])
    }
    ids = {str(c.get("id")): ("claim", c.get("id")) for c in claims}
    edges += [
        _path(pos[ids[a]], pos[ids[b]], arc=True)
        for a, b in sorted(pairs)
        if a in ids and b in ids
    ]
    note = " Red dashed arcs join claims that conflict." if hot else ""
    if len(every) > len(claims):
        note += f" Showing {len(claims)} of {len(every)} claims."
    return (
        f'<svg class="prov" viewBox="0 0 920 {height}" role="img" aria-label="Provenance '
        f'of fact {_e(fid)}">{"".join(edges)}{"".join(nodes)}</svg>',
        note,
    )


def _path(a: tuple[float, float, int], b: tuple[float, float, int], arc: bool) -> str:
    """A cubic curve from node *a*'s right edge to *b*: left edge, or right edge if *arc*."""
    x1, y1, y2 = a[0] + a[2], a[1] + _NODE_H / 2, b[1] + _NODE_H / 2
    x2 = x1 if arc else b[0]
    bend = x1 + min(24 + abs(y2 - y1) / 4, 96) if arc else (x1 + x2) / 2
    style = _CONFLICT_EDGE if arc else 'stroke="#9aa5b5"'
    return f'<path d="M{x1} {y1:.1f} C{bend:.1f} {y1:.1f} {bend:.1f} {y2:.1f} {x2} {y2:.1f}" fill="none" {style}/>'


def _articles(articles: Iterable[Mapping[str, Any]]) -> str:
    rows = "".join(
        f"<tr><td><code>{_e(a.get('id'))}</code></td><td>{_e(a.get('outlet'))}</td>"
        f"<td>{_e(a.get('published') or 'undated')}</td>"
        f"<td>{_link(a.get('url'), a.get('title') or a.get('url'))}</td></tr>"
        for a in articles
    )
    return (
        '<h2>Articles</h2><table id="articles"><thead><tr><th>Article</th><th>Outlet'
        "</th><th>Published</th><th>Title</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )


def _marked(text: str, offset: Any, spans: Iterable[Mapping[str, Any]]) -> str:
    """*text* escaped, with the article *spans* that lie strictly inside it in ``<mark>``."""
    cuts = []
    for span in spans:
        s, e = span.get("start"), span.get("end")
        ok = all(isinstance(n, int) for n in (offset, s, e))
        if ok and 0 <= s - offset < e - offset <= len(text) and e - s < len(text):
            cuts.append((s - offset, e - offset))
    out, cursor = [], 0
    for s, e in sorted(cuts):
        if s >= cursor:
            out += [_e(text[cursor:s]), f"<mark>{_e(text[s:e])}</mark>"]
            cursor = e
    return "".join([*out, _e(text[cursor:])])


def _anchor(prefix: str, key: Any, label: Any = None) -> str:
    """A link to the element ``id="{prefix}-{key}"`` on this page."""
    label = f"{prefix} {key}" if label is None else label
    return f'<a href="#{_e(quote(f"{prefix}-{key}", safe=""))}">{_e(label)}</a>'


def _link(url: Any, label: Any) -> str:
    if isinstance(url, str) and url.lower().startswith(("http://", "https://")):
        return f'<a href="{_e(url)}" rel="noopener noreferrer">{_e(label)}</a>'
    return _e(label)


def _badge(status: Any) -> str:
    return f'<span class="badge s-{_slug(status)}">{_e(_label(status))}</span>'


def _confidence(value: Any) -> str:
    if not isinstance(value, int | float):
        return _e(value)
    width = round(max(0.0, min(1.0, float(value))) * 100)
    return f'{value:.2f}<span class="bar"><span style="width:{width}%"></span></span>'


def _cmp(score: Any, threshold: Any) -> str:
    if isinstance(score, int | float) and isinstance(threshold, int | float):
        return "≥" if score >= threshold else "&lt;"
    return "vs"


def _join(items: Any, code: bool = False) -> str:
    if code:
        return ", ".join(f"<code>{_e(i)}</code>" for i in items or [])
    return _e(", ".join(map(str, items or [])))


def _num(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.3g}"
    return "—" if value is None else _e(value)


def _label(status: Any) -> str:
    return str(status or "unknown").replace("_", " ").capitalize()


def _slug(status: Any) -> str:
    return "".join(ch if ch.isalnum() or ch in "_-" else "-" for ch in str(status))


def _wrap(text: str, width: int, most: int) -> list[str]:
    """*text* in lines of at most *width* characters, broken at spaces and hyphens
    (a longer word is cut); at most *most* lines, the last ending in "…" when the
    text goes on (the node's hover title holds all of it)."""
    words = re.findall(r"[^\s-]+-?|-", text)
    lines: list[str] = []
    line = ""
    for word in words:
        while len(word) > width:
            if line:
                lines.append(line)
                line = ""
            lines.append(word[:width])
            word = word[width:]
        joiner = "" if not line or line.endswith("-") else " "
        if len(line) + len(joiner) + len(word) <= width:
            line += joiner + word
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    if len(lines) > most:
        lines = [*lines[: most - 1], _truncate(" ".join(lines[most - 1 :]), width)]
    return lines or [""]


def _truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: max(limit - 1, 0)].rstrip() + "…"


def _unique(items: Iterable[Any]) -> list[Any]:
    return list(dict.fromkeys(items))


def _e(value: Any) -> str:
    return "" if value is None else html.escape(str(value), quote=True)


# The per-claim report (``reconcile report --by-claim --format html``) ---------

_CLAIM_VERDICTS = ("contradicted", "updated", "corroborated", "alone")

_CLAIM_CSS = """
article.text{background:#fff;border:1px solid var(--line);border-radius:8px;padding:6px 22px 14px;margin:18px 0}
article.text p.para{font-size:16px;line-height:1.7;margin:14px 0 6px}
a.claim{color:inherit;text-decoration:none;border-radius:3px;padding:1px 0;cursor:pointer;border-bottom:2px solid var(--muted);background:#eef1f5}
a.claim sup{font-size:11px;font-weight:700;margin-left:2px;color:var(--muted)}
a.claim.v-contradicted{background:#fdecea;border-bottom-color:var(--red)}
a.claim.v-updated{background:#fff4e0;border-bottom-color:var(--amber)}
a.claim.v-corroborated{background:#e8f5e9;border-bottom-color:var(--green)}
a.claim.v-alone{background:#e6edf7;border-bottom-color:var(--blue)}
a.claim:focus,a.claim:hover{outline:2px solid var(--blue)}
.v-contradicted.badge{background:var(--red)}.v-updated.badge{background:var(--amber)}
.v-corroborated.badge{background:var(--green)}.v-alone.badge{background:var(--blue)}
details.evidence{margin:4px 0 4px 18px;border-left:4px solid var(--line);padding:2px 10px;background:#fafbfc}
details.evidence.v-contradicted{border-left-color:var(--red)}details.evidence.v-updated{border-left-color:var(--amber)}
details.evidence.v-corroborated{border-left-color:var(--green)}details.evidence.v-alone{border-left-color:var(--blue)}
details.evidence>summary{font-size:14px;padding:4px 0}
details.evidence[open]{background:#fff}
.onfact{margin:8px 0 12px}.onfact ul{margin:4px 0;padding-left:20px}
.legend .badge{margin-right:6px}
"""

_CLAIM_JS = """(function () {
  function reveal(id) {
    var box = document.getElementById(id);
    if (box && box.tagName === "DETAILS") { box.open = true; }
    return box;
  }
  document.addEventListener("click", function (ev) {
    var link = ev.target.closest && ev.target.closest("a.claim");
    if (link) { reveal(link.getAttribute("href").slice(1)); }
  });
  function fromHash() {
    var box = location.hash && reveal(decodeURIComponent(location.hash.slice(1)));
    if (box) { box.scrollIntoView(); }
  }
  window.addEventListener("hashchange", fromHash);
  fromHash();
  document.body.setAttribute("data-ready", "1");
})();"""

_CLAIM_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-"
    + base64.b64encode(hashlib.sha256(_CLAIM_JS.encode()).digest()).decode()
    + "'"
)


def render_claim_report_html(document: Mapping[str, Any]) -> str:
    """Render a per-claim report document as one self-contained HTML5 page.

    Each article's text is shown with every claim highlighted in its verdict's
    colour (``<a class="claim v-VERDICT">``, numbered); under each paragraph,
    each of its claims has a ``<details class="evidence">`` with its verdict on
    every fact it supports: who agrees, who disagrees, later figures and the
    claims of its own origin. Clicking a claim opens its evidence (a few lines
    of inline script; without script the link still jumps to it). Nothing is
    loaded from the network and every string is escaped.

    Args:
        document: The per-claim JSON document (``ClaimReport.to_record()``).

    >>> page = render_claim_report_html({"articles": [{"id": "a", "outlet": "X",
    ...     "text": "Iran signed it.", "claims": [{"id": "a#1", "text": "Iran signed it.",
    ...     "start": 0, "end": 15, "verdict": None, "facts": []}]}]})
    >>> 'class="claim v-none"' in page and 'id="a0-c1"' in page
    True
    """
    articles = list(document.get("articles") or [])
    version = document.get("reconcile_version", "")
    legend = "".join(
        f'<span class="badge v-{v}">{_e(v)}</span>' for v in _CLAIM_VERDICTS
    )
    return "\n".join(
        [
            '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{_CLAIM_CSP}">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>Corroboration report per claim · reconcile {_e(version)}</title>",
            f'<style>{_CSS}{_CLAIM_CSS}</style>\n</head>\n<body>\n<div class="page">',
            "<header><h1>Corroboration report per claim</h1>",
            f'<p class="meta">reconcile {_e(version)} · {len(articles)} article(s) · '
            "click a highlighted claim for its evidence</p>",
            f'<p class="legend">{legend}<span class="badge">no fact</span></p></header>',
            *(_claim_article(a, i) for i, a in enumerate(articles)),
            f"</div>\n<script>{_CLAIM_JS}</script>\n</body>\n</html>\n",
        ]
    )


def _claim_article(article: Mapping[str, Any], index: int) -> str:
    text = str(article.get("text") or "")
    claims = [c for c in article.get("claims") or [] if isinstance(c, Mapping)]
    number = {id(c): n for n, c in enumerate(claims, 1)}
    key = f"a{index}"
    parts = [
        f'<article class="text" id="{key}"><h2>{_e(article.get("title") or article.get("id"))}</h2>',
        f'<p class="meta"><code>{_e(article.get("id"))}</code> · {_e(article.get("outlet"))}'
        f" · {_e(article.get('published') or 'undated')} · {len(claims)} claim(s)</p>",
    ]
    starts = [_int(c.get("start")) for c in claims]
    for start, end, indices in paragraphs(text, starts):
        starting = [claims[i] for i in indices]
        pieces, cursor = [], start
        for claim in sorted(claims, key=lambda c: _int(c.get("start"))):
            s, e = (
                max(_int(claim.get("start")), start, cursor),
                min(_int(claim.get("end")), end),
            )
            if s >= e or s >= end:
                continue
            verdict = claim.get("verdict") or "none"
            n = number[id(claim)]
            pieces += [
                _e(text[cursor:s]),
                f'<a class="claim v-{_slug(verdict)}" href="#{key}-c{n}" '
                f'title="{_e(verdict)}">{_e(text[s:e])}<sup>{n}</sup></a>',
            ]
            cursor = e
        pieces.append(_e(text[cursor:end]))
        parts.append(f'<p class="para">{"".join(pieces)}</p>')
        parts += [
            _claim_evidence(c, f"{key}-c{number[id(c)]}", number[id(c)])
            for c in starting
        ]
    return "\n".join([*parts, "</article>"])


def _claim_evidence(claim: Mapping[str, Any], anchor: str, n: int) -> str:
    verdict = claim.get("verdict") or "none"
    facts = [f for f in claim.get("facts") or [] if isinstance(f, Mapping)]
    body = "".join(_claim_fact(f) for f in facts) or (
        '<p class="meta">No fact: no reconciled fact holds or matches this claim.</p>'
    )
    return (
        f'<details class="evidence v-{_slug(verdict)}" id="{_e(anchor)}" '
        f'data-verdict="{_e(verdict)}"><summary><b>[{n}]</b> '
        f'<span class="badge v-{_slug(verdict)}">{_e(verdict)}</span> '
        + " · ".join(
            f"{_e(f.get('attribute'))} <b>{_join(f.get('values'))}</b> "
            f'<span class="meta">{_e(f.get("verdict"))}</span>'
            for f in facts
        )
        + f' <span class="meta">· claim <code>{_e(claim.get("id"))}</code></span>'
        f"</summary>{body}</details>"
    )


def _claim_fact(fact: Mapping[str, Any]) -> str:
    verdict = fact.get("verdict")
    rows = []
    for label, key in (
        ("Contradicted by", "disagree"),
        ("Updated by", "updated_by"),
        ("Revises earlier figures", "revises"),
        ("Corroborated by (independent origins)", "agree"),
        ("Same origin, not corroboration", "same_origin"),
    ):
        items = [i for i in fact.get(key) or [] if isinstance(i, Mapping)]
        if items:
            rows.append(
                f'<div class="{key}">{_e(label)}:<ul>'
                + "".join(_claim_item(i) for i in items)
                + "</ul></div>"
            )
    return (
        f'<div class="onfact"><span class="badge v-{_slug(verdict)}">{_e(verdict)}</span> '
        f"<b>{_e(fact.get('attribute'))}</b> <code>{_join(fact.get('values'))}</code> · "
        f"fact <code>{_e(fact.get('fact'))}</code> ({_e(_label(fact.get('status')))}) · "
        f'event <code>{_e(fact.get("event"))}</code><p class="meta">'
        f"{_e(fact.get('explanation'))}</p>{''.join(rows)}</div>"
    )


def _claim_item(item: Mapping[str, Any]) -> str:
    mine = (
        f" (this claim: <b>{_e(item.get('own_value'))}</b>, rule <code>{_e(item.get('rule'))}</code>"
        + (", same origin" if item.get("within_origin") else "")
        + ")"
        if item.get("rule")
        else ""
    )
    origin = item.get("origin")
    via = f" · origin {_e(origin)}" if origin and origin != item.get("outlet") else ""
    return (
        f"<li><b>{_e(item.get('value'))}</b> — {_e(item.get('outlet'))}, "
        f"{_e(item.get('published') or 'undated')}{via}{mine}: “{_e(item.get('text'))}” "
        f'<span class="meta">· claim <code>{_e(item.get("claim"))}</code> of '
        f"<code>{_e(item.get('article'))}</code></span></li>"
    )


def _int(value: Any) -> int:
    return value if isinstance(value, int) else 0
