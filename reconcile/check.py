"""Check a draft sentence against reconciled facts: what supports or contradicts it?

The draft is extracted like any article (an unpublished one: relative dates
need *published*), each of its claims is scored against every claim of every
fact with the matcher's blended rapidfuzz score, and each matched fact is
answered with a verdict: ``supported`` (no value disagrees), ``contradicted``
(a value or the polarity disagrees, named with the outlet that says otherwise)
or ``unverified`` (related, but scoring below the match threshold).
"""

from __future__ import annotations

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
from reconcile.model import Article, Claim, Conflict, Fact, Span
from reconcile.report import claim_record, fact_record

__all__ = ["CheckMatch", "CheckResult", "check_text"]

#: How far below the match threshold a fact still counts as related ("unverified").
RELATED_MARGIN = 12.0


@frozen
class CheckMatch:
    """One fact a draft sentence matches, with the score and the verdict on the draft."""

    fact: Fact
    score: float
    verdict: str
    conflicts: tuple[Conflict, ...] = field(converter=tuple)
    explanation: str = ""


@frozen
class CheckResult:
    """The answer to ``check``: the draft's own claims and the facts it matches, best first."""

    query: str
    claims: tuple[Claim, ...] = field(converter=tuple)
    matches: tuple[CheckMatch, ...] = field(converter=tuple)

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
        published: the draft's date, to resolve "on Friday"; unresolved without it.
        config: thresholds (``match_threshold``).
        gazetteer: actor names; the bundled one (plus ``config.alias_file``) by default.
    """
    config = config or Config()
    gazetteer = gazetteer or load_gazetteer(config.alias_file)
    draft = Article(id="draft", outlet="your draft", text=text, published=published)
    queries = extract_claims(draft, gazetteer=gazetteer)
    if not queries and text.strip():
        queries = _whole_text_claim(draft)
    owners = [(fact, claim) for fact in facts for claim in fact.claims]
    if not queries or not owners:
        return CheckResult(text, queries, ())
    frames = [claim_frame(c, gazetteer) for _, c in owners]
    best: dict[str, tuple[float, Claim]] = {}
    for query in queries:
        scores = score_against(claim_frame(query, gazetteer), frames, config)
        for k in np.flatnonzero(scores >= config.match_threshold - RELATED_MARGIN):
            fact = owners[k][0]
            score = float(scores[k])
            if fact.id not in best or score > best[fact.id][0]:
                best[fact.id] = (score, query)
    by_id = {f.id: f for f in facts}
    matches = [
        _answer(by_id[fact_id], score, query, config)
        for fact_id, (score, query) in best.items()
    ]
    matches.sort(key=lambda m: (-m.score, m.fact.id))
    return CheckResult(text, queries, matches)


def _answer(fact: Fact, score: float, query: Claim, config: Config) -> CheckMatch:
    conflicts: list[Conflict] = []
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
        for mine, theirs in comparable_value_pairs(query, claim):
            result = compare_values(mine, theirs, config)
            if result is not None and result.outcome != "agree":
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
    if score < config.match_threshold:
        verdict, why = (
            "unverified",
            f"related (score {score:.1f} < {config.match_threshold:g}), not the same fact",
        )
    elif conflicts:
        verdict = "contradicted"
        sayings = dict.fromkeys(
            f"your draft says {c.values[0]}; {c.outlets[1]} says {c.values[1]}"
            for c in conflicts
        )
        why = "; ".join(list(sayings)[:3])
    else:
        verdict = "supported"
        why = f"stated by {', '.join(fact.outlets)} ({fact.status.replace('_', '-')})"
    return CheckMatch(fact, round(score, 1), verdict, conflicts, why)


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
