"""Check a draft sentence against reconciled facts: what supports or contradicts it?

The draft is extracted like any article, dated *published* or, when that is not
given, today (the answer says which). Each of its claims is scored against every
claim of every fact with the matcher's blended rapidfuzz score, and each matched
fact is answered with a verdict:

* ``contradicted``: a value or the polarity disagrees, named with the outlet
  that says otherwise;
* ``supported``: at least one value of the draft agrees with a value of the fact
  and none disagrees; for a draft without dates, figures or places, a claim of
  the fact states the same proposition with the same polarity;
* ``unverified``: anything else, with the reason: related but below the match
  threshold; a draft value that cannot be resolved ("your draft's 'Jan. 18' has
  no year"); nothing in the fact to compare the draft's values with.

A date with a month but no year ("on April 9") is anchored only by an explicit
*published*: against today's date its year is a guess. Without it, the date
still contradicts a fact whose days of the year it cannot share (April 9 is not
April 8 in any year); otherwise the comparison is ``unverified``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import Any

import numpy as np
from attrs import field, frozen

from reconcile.compare import are_twins, comparable_value_pairs, compare_values
from reconcile.config import Config
from reconcile.extract.actors import Gazetteer, load_gazetteer
from reconcile.extract.claims import extract_claims
from reconcile.match import claim_frame, score_against
from reconcile.model import Article, Claim, Conflict, DateValue, Fact, Span, Value
from reconcile.report import claim_record, fact_record

__all__ = ["CheckMatch", "CheckResult", "check_draft_claims", "check_text"]

#: How far below the match threshold a fact still counts as related ("unverified").
RELATED_MARGIN = 12.0

#: Event roles of one legislative act: a draft's "approved the treaty" and an
#: outlet's "voted to approve the ratification law" date the same vote once the
#: matcher has put them in one fact.
_ONE_ACT = frozenset({"approved", "ratified", "voted"})
_COMPARED_KINDS = frozenset({"date", "quantity", "place"})
_MONTH_NAME = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b", re.IGNORECASE
)
_YEAR = re.compile(r"\b\d{4}\b|['’]\d{2}\b")


@frozen
class CheckMatch:
    """One fact a draft sentence matches, with the score and the verdict on the draft."""

    fact: Fact
    score: float
    verdict: str
    conflicts: tuple[Conflict, ...] = field(converter=tuple)
    explanation: str = ""
    agreeing: tuple[str, ...] = field(default=(), converter=tuple)
    """The ids of the fact's claims whose values (or, for a statement without
    values, whose statement) agree with the draft's."""
    matched: bool = True
    """Whether the score reached the match threshold; otherwise the fact is only
    related to the draft (and the verdict ``unverified``)."""


@frozen
class CheckResult:
    """The answer to ``check``: the draft's own claims and the facts it matches, best first."""

    query: str
    claims: tuple[Claim, ...] = field(converter=tuple)
    matches: tuple[CheckMatch, ...] = field(converter=tuple)
    published: date | None = None
    """The date the draft was read as published on (its relative dates' anchor)."""
    published_given: bool = False
    """Whether *published* was given; otherwise it is the day of the check."""

    @property
    def verdict(self) -> str:
        """The verdict of the best-matching fact that decides anything (``supported``
        or ``contradicted``); ``unverified`` when no fact does."""
        for match in self.matches:
            if match.verdict != "unverified":
                return match.verdict
        return "unverified"

    def to_record(self) -> dict[str, Any]:
        """The JSON document of DESIGN.md "Checking a sentence"."""
        return {
            "query": self.query,
            "verdict": self.verdict,
            "published": None if self.published is None else self.published.isoformat(),
            "published_given": self.published_given,
            "claims": [claim_record(c) for c in self.claims],
            "matches": [
                {
                    "fact": fact_record(m.fact),
                    "score": m.score,
                    "verdict": m.verdict,
                    "explanation": m.explanation,
                    "conflicts": [
                        {
                            "kind": c.kind,
                            "claims": list(c.claim_ids),
                            "values": list(c.values),
                            "outlets": list(c.outlets),
                            "rule": c.rule,
                            "explanation": c.explanation,
                        }
                        for c in m.conflicts
                    ],
                }
                for m in self.matches
            ],
        }


def check_text(
    facts: Sequence[Fact],
    text: str,
    *,
    published: date | None = None,
    config: Config | None = None,
    gazetteer: Gazetteer | None = None,
) -> CheckResult:
    """Match the draft *text* against *facts* and say what supports or contradicts it.

    Args:
        facts: reconciled facts (``Reconciliation.facts``).
        text: one or more draft sentences.
        published: the draft's date, to resolve "on Friday" and "Jan. 18"; today
            when not given (a year-less date then stays unanchored, see above).
        config: thresholds (``match_threshold``).
        gazetteer: actor names; the bundled one (plus ``config.alias_file``) by default.
    """
    config = config or Config()
    gazetteer = gazetteer or load_gazetteer(config.alias_file)
    queries, dated, given = _draft_claims(text, published, gazetteer)
    return _FactIndex(facts, gazetteer).check(text, queries, dated, given, config)


def check_draft_claims(
    facts: Sequence[Fact],
    text: str,
    *,
    published: date | None = None,
    config: Config | None = None,
    gazetteer: Gazetteer | None = None,
) -> tuple[CheckResult, ...]:
    """:func:`check_text` for each claim of the draft *text* on its own, in reading order.

    The draft is extracted once, as :func:`check_text` extracts it (so a claim
    keeps what its sentence's context gives it), and each of its claims is then
    matched and answered exactly as :func:`check_text` answers a draft of that
    one claim: each result's ``query`` is the claim's text and its ``claims``
    the one claim. Arguments are those of :func:`check_text`.

    >>> check_draft_claims([], "Russia and Iran signed a treaty in Moscow. "
    ...     "Iran and Russia signed it on Jan. 17, 2025.")[1].claims[0].span.start
    43
    """
    config = config or Config()
    gazetteer = gazetteer or load_gazetteer(config.alias_file)
    queries, dated, given = _draft_claims(text, published, gazetteer)
    index = _FactIndex(facts, gazetteer)
    ordered = sorted(queries, key=lambda q: (q.span.start, q.span.end, q.id))
    return tuple(index.check(q.text, (q,), dated, given, config) for q in ordered)


def _draft_claims(
    text: str, published: date | None, gazetteer: Gazetteer
) -> tuple[tuple[Claim, ...], date, bool]:
    """The draft's claims, the date it is read as published on, and whether it was given."""
    given = published is not None
    dated = published if published is not None else date.today()
    draft = Article(id="draft", outlet="your draft", text=text, published=dated)
    queries = extract_claims(draft, gazetteer=gazetteer)
    if not queries and text.strip():
        queries = _whole_text_claim(draft)
    return tuple(queries), dated, given


class _FactIndex:
    """Every claim of *facts* with its fact and its matcher frame, built once per check.

    A fact is matched through the claims of its articles' bodies: a headline
    printed in the body (:attr:`reconcile.model.Claim.headline`) restates
    them in few words and would outscore them, and a proposition only
    headlines state is no fact a draft is checked against.
    """

    def __init__(self, facts: Sequence[Fact], gazetteer: Gazetteer) -> None:
        self.facts = facts
        self.gazetteer = gazetteer
        self.owners = [
            (fact, claim)
            for fact in facts
            for claim in fact.claims
            if not claim.headline
        ]
        self.frames = [claim_frame(c, gazetteer) for _, c in self.owners]

    def check(
        self,
        text: str,
        queries: Sequence[Claim],
        dated: date,
        given: bool,
        config: Config,
    ) -> CheckResult:
        """The facts the draft claims *queries* match, each answered, best first."""
        if not queries or not self.owners:
            return CheckResult(text, queries, (), dated, given)
        best: dict[str, tuple[float, Claim]] = {}
        for query in queries:
            scores = score_against(
                claim_frame(query, self.gazetteer), self.frames, config
            )
            for k in np.flatnonzero(scores >= config.match_threshold - RELATED_MARGIN):
                fact = self.owners[k][0]
                score = float(scores[k])
                if fact.id not in best or score > best[fact.id][0]:
                    best[fact.id] = (score, query)
        by_id = {f.id: f for f in self.facts}
        matches = [
            _answer(by_id[fact_id], score, query, config, anchored=given)
            for fact_id, (score, query) in best.items()
        ]
        # A claim supplies several facts of its event (its date, its place, ...)
        # and scores alike against each: the facts the draft's values decide come first.
        matches.sort(key=lambda m: (-m.score, m.verdict == "unverified", m.fact.id))
        return CheckResult(text, queries, matches, dated, given)


def _answer(
    fact: Fact, score: float, query: Claim, config: Config, *, anchored: bool
) -> CheckMatch:
    """The verdict on *query* against *fact* (see the module's docstring)."""
    conflicts: list[Conflict] = []
    agreed: dict[str, None] = {}
    agreeing: dict[str, None] = {}
    unresolved: dict[str, None] = dict.fromkeys(
        f"your draft's {d.text!r} could not be dated"
        for d in query.dates
        if not d.resolved
    )
    for claim in fact.claims:
        if claim.polarity != query.polarity and are_twins(query, claim):
            conflicts.append(
                _draft_conflict(
                    "polarity",
                    query,
                    claim,
                    query.polarity,
                    claim.polarity,
                    "opposite_polarity",
                    "the draft and the report differ in polarity",
                )
            )
        for mine, theirs in _value_pairs(query, claim):
            if not anchored and isinstance(mine, DateValue) and _yearless(mine):
                if _days_of_year_apart(mine, theirs):  # type: ignore[arg-type]
                    conflicts.append(
                        _draft_conflict(
                            "date",
                            query,
                            claim,
                            f"{mine.text.removeprefix('on ')} (no year)",
                            str(theirs.normalized),
                            "disjoint_days_of_year",
                            "not the same day in any year",
                        )
                    )
                else:
                    unresolved[
                        f"your draft's {mine.text!r} has no year "
                        "(give --published YYYY-MM-DD, the draft's date, to anchor it)"
                    ] = None
                continue
            result = compare_values(mine, theirs, config)
            if result is None:
                continue
            if result.outcome == "agree":
                agreed[f"{mine.kind} {theirs.normalized}"] = None
                agreeing[claim.id] = None
            else:
                conflicts.append(
                    _draft_conflict(
                        mine.kind,
                        query,
                        claim,
                        str(mine.normalized),
                        str(theirs.normalized),
                        result.rule,
                        result.explanation,
                    )
                )
    stated = f"{', '.join(fact.outlets)} ({fact.status.replace('_', '-')})"
    if score < config.match_threshold:
        verdict, why = (
            "unverified",
            f"related (score {score:.1f} < {config.match_threshold:g}), not the same fact",
        )
    elif conflicts:
        verdict, why = "contradicted", _sayings(conflicts)
    elif agreed:
        verdict = "supported"
        why = f"agrees on {', '.join(agreed)}; stated by {stated}"
    elif unresolved:
        verdict, why = "unverified", "; ".join(unresolved)
    elif not any(v.kind in _COMPARED_KINDS for v in query.values):
        same = [
            c
            for c in fact.claims
            if c.polarity == query.polarity and are_twins(query, c)
        ]
        if same:
            verdict, why = "supported", f"the same statement, made by {stated}"
            agreeing.update(dict.fromkeys(c.id for c in same))
        else:
            verdict = "unverified"
            why = "similar wording, but no report makes the same statement"
    else:
        verdict = "unverified"
        why = "none of your draft's dates, figures or places is stated in this fact"
    return CheckMatch(
        fact,
        round(score, 1),
        verdict,
        conflicts,
        why,
        agreeing,
        matched=score >= config.match_threshold,
    )


def _sayings(conflicts: Sequence[Conflict]) -> str:
    """ "your draft says X; A and B say Y", each disagreement once (at most three)."""
    outlets: dict[tuple[str, str], dict[str, None]] = {}
    for c in conflicts:
        outlets.setdefault((c.values[0], c.values[1]), {})[c.outlets[1]] = None
    parts = []
    for (mine, theirs), names in list(outlets.items())[:3]:
        who = list(names)
        said = who[0] if len(who) == 1 else ", ".join(who[:-1]) + " and " + who[-1]
        parts.append(
            f"your draft says {mine}; {said} {'says' if len(who) == 1 else 'say'} {theirs}"
        )
    return "; ".join(parts)


def _value_pairs(query: Claim, claim: Claim) -> list[tuple[Value, Value]]:
    """The values of the draft and of a report to compare: those the comparison of
    facts pairs, plus a lone date of each when their roles name one legislative
    act (the matcher already took the two for one fact)."""
    pairs = comparable_value_pairs(query, claim)
    if any(mine.kind == "date" for mine, _ in pairs):
        return pairs
    mine = [d for d in query.dates if d.resolved]
    theirs = [d for d in claim.dates if d.resolved]
    if (
        len(mine) == 1
        and len(theirs) == 1
        and mine[0].role in _ONE_ACT
        and theirs[0].role in _ONE_ACT
    ):
        pairs.append((mine[0], theirs[0]))
    return pairs


def _yearless(value: DateValue) -> bool:
    """Whether a date names a month but no year ("on April 9", "in January")."""
    return bool(_MONTH_NAME.search(value.text)) and not _YEAR.search(value.text)


def _days_of_year_apart(mine: DateValue, theirs: DateValue) -> bool:
    """Whether a year-less date cannot fall on the other date's days in any year."""
    if None in (mine.earliest, mine.latest, theirs.earliest, theirs.latest):
        return False
    assert mine.earliest and mine.latest and theirs.earliest and theirs.latest
    if (
        theirs.latest - theirs.earliest
    ).days >= 365 or theirs.earliest.year != theirs.latest.year:
        return False
    if mine.earliest.year != mine.latest.year:
        return False

    def day(d: date) -> tuple[int, int]:
        return (d.month, d.day)

    return day(mine.latest) < day(theirs.earliest) or day(theirs.latest) < day(
        mine.earliest
    )


def _draft_conflict(
    kind: str,
    query: Claim,
    claim: Claim,
    mine: str,
    theirs: str,
    rule: str,
    explanation: str,
) -> Conflict:
    return Conflict(
        kind=kind,
        claim_ids=(query.id, claim.id),
        values=(mine, theirs),
        outlets=(query.outlet, claim.outlet),
        spans=(query.span, claim.span),
        rule=rule,
        explanation=f"{explanation}: your draft says {mine!r}, {claim.outlet} says {theirs!r}",
    )


def _whole_text_claim(draft: Article) -> tuple[Claim, ...]:
    """A draft too short for the extractor's claim filter is checked as one claim anyway."""
    stripped = draft.text.strip()
    start = draft.text.index(stripped)
    return (
        Claim(
            id="draft#1",
            article_id="draft",
            outlet=draft.outlet,
            text=stripped,
            span=Span(start, start + len(stripped)),
            published=draft.published,
        ),
    )
