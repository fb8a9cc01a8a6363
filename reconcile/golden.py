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
import math
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from attrs import field, frozen

from reconcile.api import Reconciliation, load_articles, reconcile
from reconcile.baseline import naive_report
from reconcile.config import Config
from reconcile.errors import ArticleFormatError, MissingPathError

__all__ = [
    "GoldFact",
    "GoldScores",
    "GoldSet",
    "load_gold",
    "score_baseline",
    "score_fixture",
    "score_floors",
    "score_reconciliation",
    "score_report",
    "score_table",
]


@frozen
class GoldFact:
    """One gold fact: one attribute of one event, with its mentions and expected status.

    ``mentions`` are ``(article id, quote)`` pairs; ``mention_values`` gives, in the
    same order, the value each mention states as its article writes it ("on
    Tuesday", "at least 12"), or ``None`` for a statement without values.
    ``acceptable_statuses`` lists other statuses that count as right where the
    answer is debatable.
    """

    id: str
    status: str
    mentions: tuple[tuple[str, str], ...] = field(converter=tuple)
    values: tuple[tuple[str, str], ...] = field(default=(), converter=tuple)
    conflict_kinds: tuple[str, ...] = field(default=(), converter=tuple)
    event: str | None = None
    attribute: str | None = None
    mention_values: tuple[str | None, ...] = field(default=(), converter=tuple)
    acceptable_statuses: tuple[str, ...] = field(default=(), converter=tuple)
    note: str = ""

    def value_of(self, index: int) -> str | None:
        """The value mention *index* states, as written, or ``None``."""
        return self.mention_values[index] if index < len(self.mention_values) else None

    def accepts(self, status: str) -> bool:
        """Whether *status* counts as right for this fact."""
        return status == self.status or status in self.acceptable_statuses


@frozen
class GoldSet:
    """A fixture set: where its articles are, its gold facts and its furniture strings.

    ``split`` is ``"tune"`` for sets the rules may be tuned on and ``"holdout"``
    for sets scored only when a change is finished; ``source`` says whether the
    set is ``"real coverage"`` (rewritten from real outlets' reports) or
    ``"written"`` for the project.
    """

    event: str
    articles_dir: Path
    facts: tuple[GoldFact, ...] = field(converter=tuple)
    furniture: tuple[str, ...] = field(default=(), converter=tuple)
    split: str = "tune"
    source: str = "written"


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
    false_conflict_facts: tuple[str, ...] = field(default=(), converter=tuple)

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
        split=str(document.get("split", "tune")),
        source=str(document.get("source", "written")),
    )


def score_fixture(fixture_dir: str | Path, config: Config | None = None) -> GoldScores:
    """Run :func:`reconcile.reconcile` on a fixture set's articles and score it against its gold."""
    gold = load_gold(fixture_dir)
    result = reconcile(load_articles(gold.articles_dir), config)
    return score_reconciliation(result, gold)


def score_baseline(fixture_dir: str | Path) -> GoldScores:
    """Score the naive baseline (:mod:`reconcile.baseline`) on a fixture set, the same way."""
    gold = load_gold(fixture_dir)
    return score_report(naive_report(load_articles(gold.articles_dir)), gold)


def score_reconciliation(result: Reconciliation, gold: GoldSet) -> GoldScores:
    """Score an existing reconciliation against *gold*, through its JSON report."""
    return score_report(json.loads(result.report("json")), gold)


def score_report(report: Mapping[str, Any], gold: GoldSet) -> GoldScores:
    """Score a JSON report (the document of DESIGN.md, parsed) against *gold*.

    A gold mention belongs to the fact that holds the claim containing its quote
    with the mention's value (where a claim supplies several facts, the fact it
    gives that value to).
    """
    facts = list(report.get("facts", ()))
    placements: dict[str, list[tuple[dict[str, Any], dict[str, Any]]]] = {}
    claims_by_article: dict[str, dict[str, dict[str, Any]]] = {}
    for fact in facts:
        for claim in fact.get("claims", ()):
            placements.setdefault(claim["id"], []).append((fact, claim))
            claims_by_article.setdefault(claim["article"], {})[claim["id"]] = claim
    predicted: dict[tuple[str, int], str] = {}
    gold_of: dict[tuple[str, int], str] = {}
    unplaced: list[str] = []
    for gf in gold.facts:
        for index, (article_id, quote) in enumerate(gf.mentions):
            key = (gf.id, index)
            gold_of[key] = gf.id
            claim = _claim_holding(
                list(claims_by_article.get(article_id, {}).values()), quote
            )
            if claim is None:
                unplaced.append(f"{gf.id}: {article_id}: {quote!r}")
                predicted[key] = f"unplaced:{gf.id}:{index}"
            else:
                fact = _fact_for_value(
                    placements[claim["id"]], gf.value_of(index), gf.attribute
                )
                predicted[key] = fact["id"]
    precision, recall = _bcubed(predicted, gold_of)
    f1 = (
        0.0
        if precision + recall == 0
        else 2 * precision * recall / (precision + recall)
    )
    facts_by_id = {f["id"]: f for f in facts}
    right = conflicts_found = conflicts_total = values_right = values_total = 0
    wrong: list[str] = []
    missing: list[str] = []
    gold_facts_of: dict[str, list[GoldFact]] = {}
    for gf in gold.facts:
        placed = [
            predicted[(gf.id, i)]
            for i in range(len(gf.mentions))
            if predicted[(gf.id, i)] in facts_by_id
        ]
        votes = Counter(placed)
        fact = facts_by_id.get(votes.most_common(1)[0][0]) if votes else None
        for fact_id in votes:
            gold_facts_of.setdefault(fact_id, []).append(gf)
        status = fact["status"] if fact is not None else "single_source"
        if gf.accepts(status):
            right += 1
        else:
            wrong.append(f"{gf.id}: expected {gf.status}, got {status}")
        cross = _cross_origin_conflicts(fact) if fact is not None else []
        conflicts_total += len(gf.conflict_kinds)
        conflicts_found += sum(
            any(c.get("kind") == kind for c in cross) for kind in gf.conflict_kinds
        )
        for kind, normalized in gf.values:
            values_total += 1
            if fact is not None and any(
                v.get("kind") == kind and str(v.get("normalized")) == normalized
                for c in fact.get("claims", ())
                for v in c.get("values", ())
            ):
                values_right += 1
            else:
                missing.append(f"{gf.id}: {kind} {normalized}")
    false_facts = sorted(
        fact_id
        for fact_id, gfs in gold_facts_of.items()
        if _cross_origin_conflicts(facts_by_id[fact_id])
        and not any(gf.conflict_kinds for gf in gfs)
    )
    all_claims = {cid: fc[0][1] for cid, fc in placements.items()}
    furniture = sum(
        any(f.lower() in c["text"].lower() for f in gold.furniture)
        for c in all_claims.values()
    )
    return GoldScores(
        event=gold.event,
        bcubed_precision=precision,
        bcubed_recall=recall,
        bcubed_f1=f1,
        status_accuracy=right / len(gold.facts) if gold.facts else 1.0,
        conflict_recall=conflicts_found / conflicts_total if conflicts_total else 1.0,
        false_conflicts=len(false_facts),
        value_accuracy=values_right / values_total if values_total else 1.0,
        furniture_share=furniture / len(all_claims) if all_claims else 0.0,
        unplaced_mentions=unplaced,
        wrong_statuses=wrong,
        missing_values=missing,
        false_conflict_facts=false_facts,
    )


def _cross_origin_conflicts(fact: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The conflicts of *fact* between different outlets."""
    outlet_of = {c["id"]: c.get("outlet") for c in fact.get("claims", ())}
    cross = []
    for conflict in fact.get("conflicts", ()):
        if "within_outlet" in conflict:
            if not conflict["within_outlet"]:
                cross.append(conflict)
        elif len({outlet_of.get(cid) for cid in conflict.get("claims", ())}) > 1:
            cross.append(conflict)
    return cross


def _fact_for_value(
    placements: Sequence[tuple[dict[str, Any], dict[str, Any]]],
    value: str | None,
    attribute: str | None,
) -> dict[str, Any]:
    """Of the facts a claim supplies, the one it gives *value* to (else the first)."""
    if len(placements) == 1:
        return placements[0][0]

    def fit(placement: tuple[dict[str, Any], dict[str, Any]]) -> tuple[int, int]:
        fact, claim = placement
        texts = [str(v.get("text", "")) for v in claim.get("values", ())]
        if value is None:
            by_value = 1 if fact.get("attribute") == "statement" or not texts else 0
        else:
            by_value = (
                2
                if value in texts
                else int(any(value in t or t in value for t in texts if t))
            )
        return by_value, int(
            attribute is not None and fact.get("attribute") == attribute
        )

    return max(placements, key=fit)[0]


def _gold_fact(raw: Mapping[str, Any]) -> GoldFact:
    mentions = raw["mentions"]
    return GoldFact(
        id=str(raw["id"]),
        status=str(raw["status"]),
        mentions=[(str(m["article"]), str(m["quote"])) for m in mentions],
        values=[(str(v["kind"]), str(v["normalized"])) for v in raw.get("values", ())],
        conflict_kinds=[str(c["kind"]) for c in raw.get("conflicts", ())],
        event=raw.get("event"),
        attribute=raw.get("attribute"),
        mention_values=[
            None if m.get("value") is None else str(m["value"]) for m in mentions
        ],
        acceptable_statuses=[str(s) for s in raw.get("acceptable_statuses") or ()],
        note=str(raw.get("note", "")),
    )


def _claim_holding(
    claims: Sequence[dict[str, Any]], quote: str
) -> dict[str, Any] | None:
    """The claim whose text holds *quote*, or else the one overlapping most of it."""
    for claim in claims:
        if quote in claim["text"]:
            return claim
    best, best_overlap = None, 0
    for claim in claims:
        overlap = _longest_common_run(quote, claim["text"])
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


def score_table(fixture_dirs: Sequence[str | Path]) -> str:
    """A Markdown table of the library's and the naive baseline's scores on each set.

    ``python -m reconcile.golden fixtures/*/`` prints it (the README's table).
    """
    rows = [
        "| set | split | outlets | gold facts | B³ F1 lib / naive | status acc lib / naive"
        " | conflict recall lib / naive | false conflicts lib / naive | furniture lib / naive |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for folder in fixture_dirs:
        gold = load_gold(folder)
        articles = load_articles(gold.articles_dir)
        ours = score_reconciliation(reconcile(articles), gold)
        naive = score_report(naive_report(articles), gold)
        outlets = len({a.outlet for a in articles})
        rows.append(
            f"| {gold.event} | {gold.split} | {outlets} | {len(gold.facts)}"
            f" | {ours.bcubed_f1:.2f} / {naive.bcubed_f1:.2f}"
            f" | {ours.status_accuracy:.2f} / {naive.status_accuracy:.2f}"
            f" | {ours.conflict_recall:.2f} / {naive.conflict_recall:.2f}"
            f" | {ours.false_conflicts} / {naive.false_conflicts}"
            f" | {ours.furniture_share:.2f} / {naive.furniture_share:.2f} |"
        )
    return "\n".join(rows)


def score_floors(fixture_dirs: Sequence[str | Path]) -> dict[str, Any]:
    """Each set's scores as regression floors (``tests/data/fixture_floors.json``).

    Scores are rounded towards the safe side: F1, status accuracy and conflict
    recall down to two decimals, the furniture share up.
    """
    sets = {}
    for folder in fixture_dirs:
        scores = score_fixture(folder)
        sets[Path(folder).name] = {
            "bcubed_f1": math.floor(scores.bcubed_f1 * 100) / 100,
            "status_accuracy": math.floor(scores.status_accuracy * 100) / 100,
            "conflict_recall": math.floor(scores.conflict_recall * 100) / 100,
            "false_conflicts": scores.false_conflicts,
            "furniture_share": math.ceil(scores.furniture_share * 100) / 100,
        }
    return {
        "targets": {
            "bcubed_f1": 0.9,
            "status_accuracy": 0.9,
            "conflict_recall": 1.0,
            "false_conflicts": 0,
            "furniture_share": 0.0,
        },
        "sets": sets,
    }


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m reconcile.golden [--floors] DIR...``: the score table, or the floors as JSON."""
    import argparse
    import sys

    parser = argparse.ArgumentParser(prog="python -m reconcile.golden")
    parser.add_argument("--floors", action="store_true", help="print floors as JSON")
    parser.add_argument("folders", nargs="+", help="fixture set folders")
    options = parser.parse_args(sys.argv[1:] if argv is None else argv)
    if options.floors:
        print(json.dumps(score_floors(options.folders), indent=2))
    else:
        print(score_table(options.folders))
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
