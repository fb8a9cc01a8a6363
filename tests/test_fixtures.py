"""Golden fixture sets: the library against ``fixtures/<event>/expected.json``.

Each set is scored (B-cubed F1, status accuracy, conflict recall, false
conflicts, values extracted right, furniture share) and the scores are printed
(`pytest tests/test_fixtures.py -s` shows them).

The floors below are regression guards at what the library reaches today; the
targets of the matching and verdict issues are higher (B-cubed F1 >= 0.9,
status accuracy >= 0.95, conflict recall 1.0) and are tracked there.
"""

import pytest

from reconcile.golden import score_fixture

from .conftest import FIXTURE_SETS


@pytest.fixture(scope="module", params=FIXTURE_SETS, ids=[p.name for p in FIXTURE_SETS])
def scores(request):
    result = score_fixture(request.param)
    print("\n" + result.summary())
    for problem in (
        *result.unplaced_mentions,
        *result.wrong_statuses,
        *result.missing_values,
    ):
        print("  -", problem)
    return result


class TestGoldenFixtures:
    def test_clustering_f1(self, scores):
        """B-cubed F1 of clustering over the gold mentions stays at or above 0.8 (target 0.9)."""
        assert scores.bcubed_f1 >= 0.8

    def test_status_accuracy(self, scores):
        """At least 85% of gold facts get their expected status (target 95%)."""
        assert scores.status_accuracy >= 0.85

    def test_conflict_recall(self, scores):
        """At least half the gold conflicts are found (target: all)."""
        assert scores.conflict_recall >= 0.5

    def test_no_false_conflicts(self, scores):
        """No fact without a gold conflict is reported as conflicting between origins."""
        assert 0 == scores.false_conflicts

    def test_no_furniture_claims(self, scores):
        """No extracted claim is page furniture."""
        assert 0.0 == scores.furniture_share

    def test_every_mention_is_extracted(self, scores):
        """Every gold mention lies inside an extracted claim."""
        assert [] == list(scores.unplaced_mentions)
