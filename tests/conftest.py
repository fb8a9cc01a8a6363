"""Shared test set-up: hypothesis profiles and paths to the bundled fixture sets.

Profiles: ``ci`` (quick, derandomised; the default), ``thorough`` (1,000
examples) and ``explain`` (the ``ci`` examples without shrinking, to list
failures fast while developing), chosen with ``RECONCILE_HYPOTHESIS_PROFILE``.
"""

import os
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, settings

settings.register_profile(
    "ci",
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "thorough",
    max_examples=1000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "explain",
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("RECONCILE_HYPOTHESIS_PROFILE", "ci"))

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
FIXTURE_SETS = sorted(p.parent for p in FIXTURES.glob("*/expected.json"))


@pytest.fixture
def fixtures_dir() -> Path:
    """The bundled fixtures folder."""
    return FIXTURES


def fixtures_and_feed(claims: int, seed: int) -> list:
    """Every fixture set's articles, then a synthetic feed of look-alike events
    (``benchmarks/synthetic.py``) of about *claims* claims."""
    from reconcile import load_articles

    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from synthetic import generate_corpus
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    fixtures = load_articles(sorted(FIXTURES.glob("*/articles")))
    return [*fixtures, *generate_corpus(claims, seed=seed).articles]
