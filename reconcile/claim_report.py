"""The per-claim corroboration report: each article's claims, in reading order, with verdicts.

:func:`build_claim_report` reads the facts from each claim's point of view. For
every fact a claim supports (every fact whose claims include it, with the
values it gives that fact) the claim is

* ``contradicted`` when one of the fact's conflicts names it (the other side's
  value, outlet and claim are listed in ``disagree``);
* ``updated`` when the fact's running figure was revised after it (a later
  report in the fact's update timeline, listed in ``updated_by``);
* ``corroborated`` when a claim of *another* independent origin agrees with it:
  the claims that share one of the fact's agreements with it or, for a
  statement without values, the claims making the statement with the same
  polarity (listed in ``agree``);
* ``alone`` otherwise: no other independent origin states anything that agrees
  or disagrees with it.

Independence is the fact's own (its ``origins``, see
:mod:`reconcile.compare.independence`): claims of the claim's origin (the same
outlet, a wire copy of it, the same named source) are listed in
``same_origin`` and never count as corroboration. :func:`build_draft_claim_report`
gives the same report for a draft, each of its claims answered by
:func:`reconcile.check.check_draft_claims`. :func:`render_claim_markdown` and
:meth:`ClaimReport.to_record` render it; the HTML view is
:func:`reconcile.html_report.render_claim_report_html`.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any, Literal

from attrs import evolve, field, frozen

from reconcile.check import CheckMatch, CheckResult, check_draft_claims
from reconcile.config import Config
from reconcile.errors import UnknownArticleError
from reconcile.model import Article, Claim, Fact, Quantity, Value
from reconcile.report import _library_version

__all__ = [
    "VERDICTS",
    "ArticleClaims",
    "ClaimEvidence",
    "ClaimReport",
    "ClaimVerdict",
    "ClaimVerdicts",
    "build_claim_report",
    "build_draft_claim_report",
    "paragraphs",
    "render_claim_json",
    "render_claim_markdown",
]

ClaimVerdictName = Literal["contradicted", "updated", "corroborated", "alone"]

VERDICTS: tuple[str, ...] = ("contradicted", "updated", "corroborated", "alone")
"""A claim's verdicts on a fact, the most pressing first."""

_COMPARED_KINDS = ("date", "quantity", "place")


@frozen
class ClaimEvidence:
    """Another claim of the fact, as seen from the claim under report.

    ``value`` is what it gives the fact (its dates, figures or places, or its
    polarity for a statement without values). A disagreeing claim also carries
    the claim's own value it disagrees with (``own_value``), the ``rule`` and
    whether both share one origin (``within_origin``).
    """

    claim: str
    article: str
    outlet: str
    value: str
    origin: str
    published: date | None = None
    text: str = ""
    own_value: str | None = None
    rule: str | None = None
    within_origin: bool = False

    def to_record(self) -> dict[str, Any]:
        """The JSON record of DESIGN.md's ``agree``/``disagree`` items, plus what else is known."""
        record: dict[str, Any] = {
            "outlet": self.outlet,
            "article": self.article,
            "claim": self.claim,
            "value": self.value,
            "origin": self.origin,
            "published": self.published.isoformat() if self.published else None,
            "text": self.text,
        }
        if self.rule is not None:
            record.update(
                own_value=self.own_value,
                rule=self.rule,
                within_origin=self.within_origin,
            )
        return record


@frozen
class ClaimVerdict:
    """The verdict on one fact from one claim's point of view, with its evidence."""

    fact: str
    event: str | None
    attribute: str | None
    status: str
    """The fact's own status (``corroborated``, ``single_source``, ...)."""
    verdict: ClaimVerdictName
    values: tuple[str, ...] = field(converter=tuple)
    """What the claim gives the fact (normalized values, or its polarity)."""
    origin: str = ""
    agree: tuple[ClaimEvidence, ...] = field(default=(), converter=tuple)
    disagree: tuple[ClaimEvidence, ...] = field(default=(), converter=tuple)
    updated_by: tuple[ClaimEvidence, ...] = field(default=(), converter=tuple)
    revises: tuple[ClaimEvidence, ...] = field(default=(), converter=tuple)
    """Earlier figures of a running count that this claim's figure revised."""
    same_origin: tuple[ClaimEvidence, ...] = field(default=(), converter=tuple)
    explanation: str = ""

    def to_record(self) -> dict[str, Any]:
        """The JSON record of one of a claim's ``facts``."""
        return {
            "fact": self.fact,
            "event": self.event,
            "attribute": self.attribute,
            "verdict": self.verdict,
            "status": self.status,
            "values": list(self.values),
            "origin": self.origin,
            "agree": [e.to_record() for e in self.agree],
            "disagree": [e.to_record() for e in self.disagree],
            "updated_by": [e.to_record() for e in self.updated_by],
            "revises": [e.to_record() for e in self.revises],
            "same_origin": [e.to_record() for e in self.same_origin],
            "explanation": self.explanation,
        }


@frozen
class ClaimVerdicts:
    """One claim of an article and its verdict on every fact it supports."""

    id: str
    text: str
    start: int
    end: int
    facts: tuple[ClaimVerdict, ...] = field(default=(), converter=tuple)
    polarity: str = "affirmed"
    hedged: bool = False
    attributed_to: str | None = None
    headline: bool = False
    """The article's headline printed in its body (:attr:`reconcile.model.Claim.headline`)."""

    @property
    def verdict(self) -> str | None:
        """The most pressing of the claim's verdicts (:data:`VERDICTS` order); ``None`` without facts."""
        found = {f.verdict for f in self.facts}
        return next((v for v in VERDICTS if v in found), None)

    def to_record(self) -> dict[str, Any]:
        """The JSON record of one claim."""
        return {
            "id": self.id,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "verdict": self.verdict,
            "polarity": self.polarity,
            "hedged": self.hedged,
            "attributed_to": self.attributed_to,
            "headline": self.headline,
            "facts": [f.to_record() for f in self.facts],
        }


@frozen
class ArticleClaims:
    """An article (or a draft) and every one of its claims, in reading order."""

    id: str
    outlet: str
    text: str
    claims: tuple[ClaimVerdicts, ...] = field(converter=tuple)
    published: date | None = None
    title: str | None = None

    def to_record(self) -> dict[str, Any]:
        """The JSON record of one article."""
        return {
            "id": self.id,
            "outlet": self.outlet,
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "text": self.text,
            "claims": [c.to_record() for c in self.claims],
        }


@frozen
class ClaimReport:
    """The per-claim report: articles (or one draft), each with its claims and verdicts.

    ``published_given`` is ``None`` for a report on articles; for a draft it
    says whether its date was given (otherwise it is the day of the check).
    """

    articles: tuple[ArticleClaims, ...] = field(converter=tuple)
    published_given: bool | None = None
    reconcile_version: str = field(factory=_library_version)

    def to_record(self) -> dict[str, Any]:
        """The JSON document of the README's "Per-claim report"."""
        record: dict[str, Any] = {
            "reconcile_version": self.reconcile_version,
            "articles": [a.to_record() for a in self.articles],
        }
        if self.published_given is not None:
            record["published_given"] = self.published_given
        return record


def build_claim_report(
    articles: Sequence[Article],
    claims: Iterable[Claim],
    facts: Sequence[Fact],
    *,
    article_ids: str | Iterable[str] | None = None,
) -> ClaimReport:
    """Each article's claims in reading order, with the verdict of every fact each supports.

    Args:
        articles: the reconciled articles (``Reconciliation.articles``).
        claims: every extracted claim (``Reconciliation.claims``).
        facts: the facts (``Reconciliation.facts``).
        article_ids: one article id or several, in the order to report them;
            every article, in its own order, when not given.

    Raises:
        UnknownArticleError: an id of *article_ids* names no article.

    >>> from reconcile.api import reconcile
    >>> a = Article(id="a", outlet="Desk A", published=date(2025, 1, 17),
    ...             text="Russia and Iran signed a partnership treaty on Friday.")
    >>> b = Article(id="b", outlet="Desk B", published=date(2025, 1, 18),
    ...             text="Moscow and Tehran inked a partnership pact on Friday.")
    >>> r = reconcile([a, b])
    >>> report = build_claim_report(r.articles, r.claims, r.facts, article_ids="a")
    >>> [(f.attribute, f.verdict, [e.outlet for e in f.agree])
    ...  for f in report.articles[0].claims[0].facts]
    [('date', 'corroborated', ['Desk B'])]
    """
    chosen = _chosen_articles(articles, article_ids)
    wanted = {a.id for a in chosen}
    own: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        if claim.article_id in wanted:
            own[claim.article_id].append(claim)
    supported: dict[str, list[ClaimVerdict]] = defaultdict(list)
    for fact in facts:
        for member in fact.claims:
            if member.article_id in wanted:
                supported[member.id].append(claim_verdict(fact, member))
    return ClaimReport(
        [
            ArticleClaims(
                id=article.id,
                outlet=article.outlet,
                text=article.text,
                claims=[
                    _claim_verdicts(c, supported.get(c.id, ()))
                    for c in reading_order(own.get(article.id, ()))
                ],
                published=article.published,
                title=article.title,
            )
            for article in chosen
        ]
    )


def reading_order(claims: Iterable[Claim]) -> list[Claim]:
    """*claims* by where they start in their article's text (then end, then id)."""
    return sorted(claims, key=lambda c: (c.span.start, c.span.end, c.id))


def claim_verdict(fact: Fact, claim: Claim) -> ClaimVerdict:
    """The verdict on *fact* from the point of view of *claim*, one of its claims.

    *claim* is the fact's copy of the claim (carrying the values it gives the
    fact). See the module's docstring for what each verdict means.
    """
    origin_of = {i: g.origin for g in fact.origins for i in g.claim_ids}
    member = {c.id: c for c in fact.claims}
    mine = origin_of.get(claim.id, claim.outlet)

    def evidence(other: Claim, value: str | None = None) -> ClaimEvidence:
        return _evidence(other, origin_of, value)

    disagree = []
    for conflict in fact.conflicts:
        if claim.id not in conflict.claim_ids:
            continue
        side = 1 - conflict.claim_ids.index(claim.id)
        other = member[conflict.claim_ids[side]]
        disagree.append(
            evolve(
                evidence(other, conflict.values[side]),
                own_value=conflict.values[1 - side],
                rule=conflict.rule,
                within_origin=conflict.within_outlet,
            )
        )
    updated_by, revises = (
        [
            evidence(member[cid], value)
            for update in fact.updates
            for _day, value, _outlet, cid in _revisions(
                update.timeline, claim.id, later=later
            )
        ]
        for later in (True, False)
    )
    agreeing = _agreeing_ids(fact, claim) - {c.claim for c in disagree}
    agree = [
        evidence(c)
        for c in fact.claims
        if c.id in agreeing and origin_of.get(c.id, c.outlet) != mine
    ]
    same_origin = [
        evidence(c)
        for c in fact.claims
        if c.id != claim.id and origin_of.get(c.id, c.outlet) == mine
    ]
    verdict: ClaimVerdictName = (
        "contradicted"
        if disagree
        else "updated"
        if updated_by
        else "corroborated"
        if agree
        else "alone"
    )
    return ClaimVerdict(
        fact=fact.id,
        event=fact.event,
        attribute=fact.attribute,
        status=fact.status,
        verdict=verdict,
        values=_values(claim),
        origin=mine,
        agree=agree,
        disagree=disagree,
        updated_by=updated_by,
        revises=revises,
        same_origin=same_origin,
        explanation=_explain(verdict, agree, disagree, updated_by, fact, mine),
    )


def _evidence(
    other: Claim, origin_of: Mapping[str, str], value: str | None = None
) -> ClaimEvidence:
    """*other*, a claim of the fact, as evidence: its *value* (by default what it
    gives the fact) and its origin in the fact (*origin_of* by claim id)."""
    return ClaimEvidence(
        claim=other.id,
        article=other.article_id,
        outlet=other.outlet,
        value=_shown(other) if value is None else value,
        origin=origin_of.get(other.id, other.outlet),
        published=other.published,
        text=other.text,
    )


def _chosen_articles(
    articles: Sequence[Article], article_ids: str | Iterable[str] | None
) -> list[Article]:
    """The articles named by *article_ids* (all when ``None``), checked."""
    if article_ids is None:
        return list(articles)
    names = [article_ids] if isinstance(article_ids, str) else list(article_ids)
    by_id = {a.id: a for a in articles}
    for name in names:
        if name not in by_id:
            raise UnknownArticleError(str(name), sorted(by_id))
    return [by_id[name] for name in dict.fromkeys(names)]


def _claim_verdicts(claim: Claim, facts: Sequence[ClaimVerdict]) -> ClaimVerdicts:
    return ClaimVerdicts(
        id=claim.id,
        text=claim.text,
        start=claim.span.start,
        end=claim.span.end,
        facts=facts,
        polarity=claim.polarity,
        hedged=claim.hedged,
        attributed_to=claim.attributed_to,
        headline=claim.headline,
    )


def _agreeing_ids(fact: Fact, claim: Claim) -> set[str]:
    """The fact's claims that agree with *claim*: those in one of the fact's
    agreements with it or, when *claim* gives the fact no value to compare (a
    statement), those stating it with the same polarity."""
    if any(v.kind in _COMPARED_KINDS for v in claim.values):
        return {
            i for a in fact.agreements if claim.id in a.claim_ids for i in a.claim_ids
        } - {claim.id}
    return {
        c.id
        for c in fact.claims
        if c.id != claim.id
        and c.polarity == claim.polarity
        and not any(v.kind in _COMPARED_KINDS for v in c.values)
    }


def _revisions(
    timeline: Sequence[tuple[date, str, str, str]], claim_id: str, *, later: bool
) -> list[tuple[date, str, str, str]]:
    """The entries of an update's timeline published after (*later*) or before
    *claim_id*'s with another figure; none when the claim is not in it."""
    own = [entry for entry in timeline if entry[3] == claim_id]
    if not own:
        return []
    day, value = own[0][0], own[0][1]
    return [
        e for e in timeline if e[1] != value and (e[0] > day if later else e[0] < day)
    ]


def _values(claim: Claim, fact: Fact | None = None) -> tuple[str, ...]:
    """What *claim* gives its fact: its dates, figures and places, or its polarity.

    With *fact* (for a draft's claim, which is none of the fact's), only the
    values of the kinds (and, for figures, the dimensions) the fact holds.
    """
    held = (
        None if fact is None else {_dimension(v) for c in fact.claims for v in c.values}
    )
    shown = tuple(
        str(v.normalized) if v.normalized is not None else f"{v.text!r} (unresolved)"
        for v in claim.values
        if v.kind in _COMPARED_KINDS and (held is None or _dimension(v) in held)
    )
    return shown or (claim.polarity,)


def _dimension(value: Value) -> tuple[str, Any]:
    return (value.kind, value.dimension if isinstance(value, Quantity) else None)


def _shown(claim: Claim) -> str:
    return "; ".join(_values(claim))


def _explain(
    verdict: str,
    agree: Sequence[ClaimEvidence],
    disagree: Sequence[ClaimEvidence],
    updated_by: Sequence[ClaimEvidence],
    fact: Fact,
    mine: str,
) -> str:
    """One sentence saying why the claim got *verdict*."""
    if verdict == "contradicted":
        said = "; ".join(
            f"{e.outlet} says {e.value}" + (" (same origin)" if e.within_origin else "")
            for e in disagree
        )
        return f"disagrees with {len(disagree)} claim(s): {said}"
    if verdict == "updated":
        later = "; ".join(
            f"{e.value} ({e.published.isoformat() if e.published else 'undated'}, {e.outlet})"
            for e in updated_by
        )
        return f"a later report revised the figure: {later}"
    if verdict == "corroborated":
        origins = sorted({e.origin for e in agree})
        return f"agreed by {len(origins)} other independent origin(s): " + ", ".join(
            origins
        )
    others = sorted({g.origin for g in fact.origins} - {mine})
    if not others:
        return "no other independent origin states this fact"
    return (
        f"{len(others)} other origin(s) state this fact ({', '.join(others)}), "
        "none with a value that agrees or disagrees with this claim's"
    )


def build_draft_claim_report(
    facts: Sequence[Fact],
    text: str,
    *,
    published: date | None = None,
    config: Config | None = None,
) -> ClaimReport:
    """The per-claim report of a whole draft: every claim of *text* checked against *facts*.

    Each claim of the draft is answered by :func:`reconcile.check.check_draft_claims`
    (the matching of ``reconcile check``); each fact it matches at or above
    ``config.match_threshold`` and decides it becomes one of its facts:
    ``supported`` reads as ``corroborated`` (the agreeing claims in ``agree``),
    ``contradicted`` as ``contradicted`` (the disagreeing claims in
    ``disagree``). A claim that no fact decides gets the best fact it matches,
    as ``alone`` (``unverified``: nothing there agrees or disagrees with it);
    a claim that matches no fact has no facts. Facts only related to the claim
    (below the threshold) are left out. The draft is dated *published*, or
    today when it is not given.

    >>> report = build_draft_claim_report([], "Russia and Iran signed a treaty in Moscow.")
    >>> [(c.text, c.facts) for c in report.articles[0].claims]
    [('Russia and Iran signed a treaty in Moscow.', ())]
    """
    config = config or Config()
    answers = check_draft_claims(facts, text, published=published, config=config)
    dated = answers[0].published if answers else (published or date.today())
    claims = [_draft_claim(answer) for answer in answers]
    given = published is not None
    return ClaimReport(
        [ArticleClaims("draft", "your draft", text, claims, published=dated)],
        published_given=given,
    )


def _draft_claim(answer: CheckResult) -> ClaimVerdicts:
    """One draft claim's check answer as :class:`ClaimVerdicts`: the facts that
    decide it (supported or contradicted) or, when none does, the best fact it
    matches, read as ``alone``."""
    claim = answer.claims[0]
    matched = [m for m in answer.matches if m.matched]
    decided = [m for m in matched if m.verdict != "unverified"]
    return _claim_verdicts(
        claim, [_draft_verdict(claim, m) for m in decided or matched[:1]]
    )


def _draft_verdict(claim: Claim, match: CheckMatch) -> ClaimVerdict:
    fact = match.fact
    origin_of = {i: g.origin for g in fact.origins for i in g.claim_ids}
    member = {c.id: c for c in fact.claims}

    def evidence(other: Claim, value: str | None = None) -> ClaimEvidence:
        return _evidence(other, origin_of, value)

    disagree = [
        evolve(
            evidence(member[c.claim_ids[1]], c.values[1]),
            own_value=c.values[0],
            rule=c.rule,
        )
        for c in match.conflicts
        if c.claim_ids[1] in member
    ]
    agree = [evidence(member[i]) for i in match.agreeing if i in member]
    verdict: ClaimVerdictName = {
        "contradicted": "contradicted",
        "supported": "corroborated",
    }.get(match.verdict, "alone")  # type: ignore[assignment]
    return ClaimVerdict(
        fact=fact.id,
        event=fact.event,
        attribute=fact.attribute,
        status=fact.status,
        verdict=verdict,
        values=_values(claim, fact),
        origin="your draft",
        agree=agree if verdict == "corroborated" else (),
        disagree=disagree,
        explanation=match.explanation,
    )


def render_claim_json(report: ClaimReport) -> str:
    """The per-claim report as JSON (two-space indent, UTF-8 characters kept)."""
    return json.dumps(report.to_record(), indent=2, ensure_ascii=False) + "\n"


def render_claim_markdown(report: ClaimReport) -> str:
    """The per-claim report as Markdown: each article's text with its claims
    numbered in brackets, and under each paragraph the verdicts of its claims."""
    lines = ["# Corroboration report per claim", ""]
    if report.published_given is not None:
        lines += [_dated_line(report), ""]
    for article in report.articles:
        lines += _markdown_article(article)
    return "\n".join(lines).rstrip() + "\n"


def _dated_line(report: ClaimReport) -> str:
    day = report.articles[0].published if report.articles else None
    shown = day.isoformat() if day else "no date"
    if report.published_given:
        return f"Draft dated {shown} (--published)."
    return (
        f"Draft dated {shown}, today (give --published YYYY-MM-DD if it was written "
        "on another day)."
    )


def _markdown_article(article: ArticleClaims) -> list[str]:
    heading = article.title or article.id
    day = article.published.isoformat() if article.published else "undated"
    counts: dict[str, int] = defaultdict(int)
    for claim in article.claims:
        counts[claim.verdict or "no fact"] += 1
    tally = ", ".join(
        f"{counts[v]} {v}" for v in (*VERDICTS, "no fact") if counts.get(v)
    )
    lines = [
        f"## {heading}",
        "",
        f"`{article.id}` · {article.outlet} · {day} · {len(article.claims)} claims"
        + (f": {tally}" if tally else ""),
        "",
    ]
    number = {c.id: n for n, c in enumerate(article.claims, 1)}
    claims = article.claims
    for start, end, indices in paragraphs(article.text, [c.start for c in claims]):
        members = [claims[i] for i in indices]
        marked = _bracketed(article.text, start, end, members, number)
        lines += [marked, ""]
        for claim in members:
            lines += _markdown_claim(claim, number[claim.id])
        if members:
            lines.append("")
    return lines


def paragraphs(text: str, starts: Sequence[int]) -> list[tuple[int, int, list[int]]]:
    r"""The non-blank lines of *text* as ``(start, end, members)``, where *members*
    are the indices into *starts* of the claims starting in the line (a claim
    starting between lines goes with the next; the last line takes any left
    over), in reading order.

    >>> paragraphs("One two.\n\nThree.", [0, 4, 10])
    [(0, 8, [0, 1]), (10, 16, [2])]
    """
    spans = [(m.start(), m.end()) for m in re.finditer(r"[^\n]*\S[^\n]*", text)]
    pending = sorted(range(len(starts)), key=lambda i: (starts[i], i))
    out = []
    for index, (start, end) in enumerate(spans or [(0, len(text))]):
        last = index == max(len(spans), 1) - 1
        members = [i for i in pending if last or starts[i] < end]
        pending = pending[len(members) :]
        out.append((start, end, members))
    return out


def _bracketed(
    text: str,
    start: int,
    end: int,
    claims: Sequence[ClaimVerdicts],
    number: Mapping[str, int],
) -> str:
    """The paragraph ``text[start:end]`` with ``[n]`` before each claim starting in it."""
    out, cursor = [], start
    for claim in claims:
        at = min(max(claim.start, cursor), end)
        out += [text[cursor:at], f"**[{number[claim.id]}]** "]
        cursor = at
    return "".join([*out, text[cursor:end]])


def _markdown_claim(claim: ClaimVerdicts, n: int) -> list[str]:
    if not claim.facts:
        return [f"- **[{n}] no fact**: no reconciled fact holds or matches this claim"]
    head = f"- **[{n}] {claim.verdict}**"
    if len(claim.facts) == 1:
        return [f"{head} · {_markdown_fact(claim.facts[0])}"]
    return [
        head,
        *(f"  - *{f.verdict}* · {_markdown_fact(f)}" for f in claim.facts),
    ]


def _markdown_fact(fact: ClaimVerdict) -> str:
    """A claim's verdict on one fact, with who agrees, disagrees, revised it or shares its origin."""
    parts = [
        f"{fact.attribute or 'fact'} `{'; '.join(fact.values)}` (fact {fact.fact})"
    ]
    if fact.disagree:
        parts.append(
            "contradicted by "
            + ", ".join(
                f"{e.outlet} `{e.value}`"
                + (" (same origin)" if e.within_origin else "")
                for e in fact.disagree
            )
        )
    if fact.updated_by:
        parts.append(
            "updated by "
            + ", ".join(
                f"{e.outlet} `{e.value}` ({e.published or 'undated'})"
                for e in fact.updated_by
            )
        )
    if fact.revises:
        parts.append(
            "revises "
            + ", ".join(
                f"{e.outlet} `{e.value}` ({e.published or 'undated'})"
                for e in fact.revises
            )
        )
    if fact.agree:
        parts.append("corroborated by " + _by_origin(fact.agree))
    if fact.same_origin:
        parts.append(
            f"same origin ({fact.origin}), not corroboration: "
            + ", ".join(f"{e.outlet} `{e.value}` ({e.claim})" for e in fact.same_origin)
        )
    if not (fact.disagree or fact.updated_by or fact.agree):
        parts.append(fact.explanation)
    return " — ".join(parts)


def _by_origin(items: Sequence[ClaimEvidence]) -> str:
    """Evidence grouped by independent origin: ``Baltic Wire `2025-01-17`; wire copy: A = B (A `…`, B `…`)``."""
    groups: dict[str, list[ClaimEvidence]] = defaultdict(list)
    for item in items:
        groups[item.origin].append(item)
    shown = []
    for origin, members in groups.items():
        said = ", ".join(f"{e.outlet} `{e.value}`" for e in members)
        if len(members) == 1 and members[0].outlet == origin:
            shown.append(said)
        else:
            shown.append(f"{origin} ({said})")
    return "; ".join(shown)
