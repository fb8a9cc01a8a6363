"""Shared test set-up: hypothesis profiles and paths to the bundled fixture sets.

Profiles: ``ci`` (quick, derandomised; the default) and ``thorough`` (1,000
examples), chosen with ``RECONCILE_HYPOTHESIS_PROFILE=thorough``.
"""

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

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
settings.load_profile(os.environ.get("RECONCILE_HYPOTHESIS_PROFILE", "ci"))

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
FIXTURE_SETS = sorted(p.parent for p in FIXTURES.glob("*/expected.json"))


@pytest.fixture
def fixtures_dir() -> Path:
    """The bundled fixtures folder."""
    return FIXTURES
