"""Golden fixture sets: the library against ``fixtures/<event>/expected.json``.

Each set is scored (B-cubed F1, status accuracy, conflict recall, false
conflicts, values extracted right, furniture share) and the scores are printed
(`pytest tests/test_fixtures.py -s` shows them).

The floors below are the targets of the matching and verdict issues, met on
every set: B-cubed F1 >= 0.9, status accuracy >= 0.95, every gold conflict
found, no false conflicts and no furniture.
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
        """B-cubed F1 of clustering over the gold mentions is at least 0.9."""
        assert scores.bcubed_f1 >= 0.9

    def test_status_accuracy(self, scores):
        """At least 95% of gold facts get their expected status."""
        assert scores.status_accuracy >= 0.95

    def test_conflict_recall(self, scores):
        """Every gold conflict is found."""
        assert 1.0 == scores.conflict_recall

    def test_no_false_conflicts(self, scores):
        """No fact without a gold conflict is reported as conflicting between origins."""
        assert 0 == scores.false_conflicts

    def test_no_furniture_claims(self, scores):
        """No extracted claim is page furniture."""
        assert 0.0 == scores.furniture_share

    def test_every_mention_is_extracted(self, scores):
        """Every gold mention lies inside an extracted claim."""
        assert [] == list(scores.unplaced_mentions)
