"""Score a reconciliation against a fixture set's gold facts (``expected.json``).

A fixture set is a folder ``<event>/`` holding ``articles/`` (what the command is
pointed at) and, beside it, ``expected.json``::

    {"event": "...", "facts": [{"id": "...", "status": "corroborated",
      "mentions": [{"article": "article id", "quote": "text inside the claim"}],
      "values": [{"kind": "date", "normalized": "2025-01-17"}],
      "conflicts": [{"kind": "quantity", "values": ["20 years", "25 years"]}]}],
     "furniture": ["* indicates required", "Photograph:"]}

:func:`score_fixture` runs the library on ``articles/`` and scores it: B-cubed
precision/recall/F1 of clustering over the gold mentions, status accuracy,
recall of gold conflicts, false conflicts, the share of gold values extracted
right, and the share of claims that are page furniture. Point it at your own
fixture folders to test your pipeline the way the library tests itself.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from attrs import field, frozen

from reconcile.api import Reconciliation, load_articles, reconcile
from reconcile.config import Config
from reconcile.errors import ArticleFormatError, MissingPathError
from reconcile.model import Claim

__all__ = [
    "GoldFact",
    "GoldScores",
    "GoldSet",
    "load_gold",
    "score_fixture",
    "score_reconciliation",
]


@frozen
class GoldFact:
    """One gold fact: its mentions (article id, quote), expected status, values and conflicts."""

    id: str
    status: str
    mentions: tuple[tuple[str, str], ...] = field(converter=tuple)
    values: tuple[tuple[str, str], ...] = field(default=(), converter=tuple)
    conflict_kinds: tuple[str, ...] = field(default=(), converter=tuple)


@frozen
class GoldSet:
    """A fixture set: where its articles are, its gold facts and its furniture strings."""

    event: str
    articles_dir: Path
    facts: tuple[GoldFact, ...] = field(converter=tuple)
    furniture: tuple[str, ...] = field(default=(), converter=tuple)


@frozen
class GoldScores:
    """Scores of one run against one fixture set; :meth:`summary` prints them on one line."""

    event: str
    bcubed_precision: float
    bcubed_recall: float
    bcubed_f1: float
    status_accuracy: float
    conflict_recall: float
    false_conflicts: int
    value_accuracy: float
    furniture_share: float
    unplaced_mentions: tuple[str, ...] = field(default=(), converter=tuple)
    wrong_statuses: tuple[str, ...] = field(default=(), converter=tuple)
    missing_values: tuple[str, ...] = field(default=(), converter=tuple)

    def summary(self) -> str:
        """One line with every score."""
        return (
            f"{self.event}: B3 P={self.bcubed_precision:.3f} R={self.bcubed_recall:.3f} F1={self.bcubed_f1:.3f}"
            f" | status acc={self.status_accuracy:.3f} | conflict recall={self.conflict_recall:.3f}"
            f" | false conflicts={self.false_conflicts} | values={self.value_accuracy:.3f}"
            f" | furniture={self.furniture_share:.3f}"
        )


def load_gold(fixture_dir: str | Path) -> GoldSet:
    """Read ``<fixture_dir>/expected.json`` (and locate ``<fixture_dir>/articles``).

    Raises:
        MissingPathError: the folder, its ``articles/`` or its ``expected.json`` is missing.
        ArticleFormatError: ``expected.json`` is not the documented shape.
    """
    root = Path(fixture_dir)
    path = root / "expected.json"
    for needed in (root / "articles", path):
        if not needed.exists():
            raise MissingPathError(
                needed, None, "no such file or directory in the fixture set"
            )
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        facts = tuple(_gold_fact(raw) for raw in document["facts"])
    except (ValueError, KeyError, TypeError) as error:
        raise ArticleFormatError(
            path,
            "facts",
            f"expected the expected.json shape of reconcile.golden ({error})",
        ) from error
    return GoldSet(
        document.get("event", root.name),
        root / "articles",
        facts,
        document.get("furniture", ()),
    )


def score_fixture(fixture_dir: str | Path, config: Config | None = None) -> GoldScores:
    """Run :func:`reconcile.reconcile` on a fixture set's articles and score it against its gold."""
    gold = load_gold(fixture_dir)
    result = reconcile(load_articles(gold.articles_dir), config)
    return score_reconciliation(result, gold)


def score_reconciliation(result: Reconciliation, gold: GoldSet) -> GoldScores:
    """Score an existing reconciliation against *gold*."""
    fact_of_claim = {c.id: f for f in result.facts for c in f.claims}
    claims_by_article: dict[str, list[Claim]] = {}
    for claim in result.claims:
        claims_by_article.setdefault(claim.article_id, []).append(claim)
    predicted: dict[tuple[str, int], str] = {}
    gold_of: dict[tuple[str, int], str] = {}
    unplaced: list[str] = []
    for gf in gold.facts:
        for index, (article_id, quote) in enumerate(gf.mentions):
            key = (gf.id, index)
            gold_of[key] = gf.id
            claim = _claim_holding(claims_by_article.get(article_id, ()), quote)
            if claim is None:
                unplaced.append(f"{gf.id}: {article_id}: {quote!r}")
                predicted[key] = f"unplaced:{gf.id}:{index}"
            else:
                predicted[key] = fact_of_claim[claim.id].id
    precision, recall = _bcubed(predicted, gold_of)
    f1 = (
        0.0
        if precision + recall == 0
        else 2 * precision * recall / (precision + recall)
    )
    facts_by_id = {f.id: f for f in result.facts}
    right = conflicts_found = conflicts_total = values_right = values_total = (
        false_conflicts
    ) = 0
    wrong: list[str] = []
    missing: list[str] = []
    for gf in gold.facts:
        votes = Counter(predicted[(gf.id, i)] for i in range(len(gf.mentions)))
        fact = facts_by_id.get(votes.most_common(1)[0][0]) if votes else None
        status = fact.status if fact is not None else "single_source"
        if status == gf.status:
            right += 1
        else:
            wrong.append(f"{gf.id}: expected {gf.status}, got {status}")
        cross = (
            [c for c in fact.conflicts if not c.within_outlet]
            if fact is not None
            else []
        )
        conflicts_total += len(gf.conflict_kinds)
        conflicts_found += sum(
            any(c.kind == kind for c in cross) for kind in gf.conflict_kinds
        )
        if cross and not gf.conflict_kinds:
            false_conflicts += 1
        mention_claims = [c for c in (fact.claims if fact else ())]
        for kind, normalized in gf.values:
            values_total += 1
            if any(
                v.kind == kind and str(v.normalized) == normalized
                for c in mention_claims
                for v in c.values
            ):
                values_right += 1
            else:
                missing.append(f"{gf.id}: {kind} {normalized}")
    furniture = sum(
        any(f.lower() in c.text.lower() for f in gold.furniture) for c in result.claims
    )
    return GoldScores(
        event=gold.event,
        bcubed_precision=precision,
        bcubed_recall=recall,
        bcubed_f1=f1,
        status_accuracy=right / len(gold.facts) if gold.facts else 1.0,
        conflict_recall=conflicts_found / conflicts_total if conflicts_total else 1.0,
        false_conflicts=false_conflicts,
        value_accuracy=values_right / values_total if values_total else 1.0,
        furniture_share=furniture / len(result.claims) if result.claims else 0.0,
        unplaced_mentions=unplaced,
        wrong_statuses=wrong,
        missing_values=missing,
    )


def _gold_fact(raw: Mapping[str, Any]) -> GoldFact:
    return GoldFact(
        id=str(raw["id"]),
        status=str(raw["status"]),
        mentions=[(str(m["article"]), str(m["quote"])) for m in raw["mentions"]],
        values=[(str(v["kind"]), str(v["normalized"])) for v in raw.get("values", ())],
        conflict_kinds=[str(c["kind"]) for c in raw.get("conflicts", ())],
    )


def _claim_holding(claims: Sequence[Claim], quote: str) -> Claim | None:
    """The claim whose text holds *quote*, or else the one overlapping most of it."""
    for claim in claims:
        if quote in claim.text:
            return claim
    best, best_overlap = None, 0
    for claim in claims:
        overlap = _longest_common_run(quote, claim.text)
        if overlap > best_overlap:
            best, best_overlap = claim, overlap
    return best if best_overlap >= len(quote) * 0.6 else None


def _longest_common_run(a: str, b: str) -> int:
    from difflib import SequenceMatcher

    match = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(
        0, len(a), 0, len(b)
    )
    return match.size


def _bcubed(
    predicted: Mapping[Any, str], gold: Mapping[Any, str]
) -> tuple[float, float]:
    if not predicted:
        return 1.0, 1.0
    by_pred: dict[str, set[Any]] = {}
    by_gold: dict[str, set[Any]] = {}
    for key, label in predicted.items():
        by_pred.setdefault(label, set()).add(key)
    for key, label in gold.items():
        by_gold.setdefault(label, set()).add(key)
    precision = recall = 0.0
    for key in predicted:
        same_pred, same_gold = by_pred[predicted[key]], by_gold[gold[key]]
        both = len(same_pred & same_gold)
        precision += both / len(same_pred)
        recall += both / len(same_gold)
    return precision / len(predicted), recall / len(predicted)
