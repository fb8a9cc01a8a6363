"""Tests for reconcile.config: one frozen, validated object of thresholds and weights."""

from __future__ import annotations

import math
from pathlib import Path

import attrs
import pytest

from reconcile.config import Config
from reconcile.errors import ConfigError, ReconcileError

BAD_VALUES = [
    ("match_threshold", -0.1),
    ("match_threshold", 100.5),
    ("match_threshold", math.nan),
    ("set_weight", 1.5),
    ("set_weight", -0.5),
    ("core_weight", 2),
    ("dimension_penalty", 101),
    ("block_cap", 0),
    ("rare_tokens", -3),
    ("quantity_tolerance", 1.01),
    ("wire_copy_threshold", -1),
    ("wire_copy_threshold", math.inf),
]

EDGE_VALUES = [
    ("match_threshold", 0, 0.0),
    ("match_threshold", 100, 100.0),
    ("set_weight", 0, 0.0),
    ("set_weight", 1, 1.0),
    ("core_weight", 1.0, 1.0),
    ("quantity_tolerance", 0, 0.0),
    ("block_cap", 1, 1),
    ("rare_tokens", 1, 1),
    ("match_threshold", "70", 70.0),
    ("block_cap", "50", 50),
]


class TestConfig:
    def test_defaults(self):
        """The defaults are the documented thresholds."""
        config = Config()

        expected = (62.0, 0.75, 0.5, 15.0, 200, 3, 0.05, 90.0, None, -1)
        assert expected == (
            config.match_threshold,
            config.set_weight,
            config.core_weight,
            config.dimension_penalty,
            config.block_cap,
            config.rare_tokens,
            config.quantity_tolerance,
            config.wire_copy_threshold,
            config.alias_file,
            config.workers,
        )

    @pytest.mark.parametrize(("field", "value"), BAD_VALUES)
    def test_out_of_range_names_the_field(self, field, value):
        """An out-of-range value raises ConfigError naming the field and the value."""
        with pytest.raises(ConfigError, match=rf"Config\.{field}: expected .* \(got "):
            Config(**{field: value})

    def test_config_error_is_a_value_error(self):
        """ConfigError is both a ReconcileError and a ValueError."""
        with pytest.raises(ConfigError) as info:
            Config(match_threshold=500)

        expected = (True, True)
        assert expected == (
            isinstance(info.value, ValueError),
            isinstance(info.value, ReconcileError),
        )

    @pytest.mark.parametrize(("field", "value", "expected"), EDGE_VALUES)
    def test_bounds_inclusive_and_converted(self, field, value, expected):
        """Bounds are inclusive and values are converted to the field's type."""
        actual = getattr(Config(**{field: value}), field)

        assert (expected, type(expected)) == (actual, type(actual))

    @pytest.mark.parametrize(
        ("field", "value"), [("match_threshold", "high"), ("block_cap", "many")]
    )
    def test_unconvertible_names_the_field(self, field, value):
        """A value that is not a number raises ConfigError naming the field."""
        with pytest.raises(ConfigError, match=field):
            Config(**{field: value})

    def test_alias_file_becomes_a_path(self):
        """``alias_file`` given as a string is stored as a Path."""
        assert Path("aliases.json") == Config(alias_file="aliases.json").alias_file

    def test_frozen(self):
        """A Config cannot be changed."""
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            Config().match_threshold = 70.0  # type: ignore[misc]

    def test_evolve_validates(self):
        """``attrs.evolve`` re-validates, so a copy cannot break the bounds."""
        with pytest.raises(ConfigError, match="match_threshold"):
            attrs.evolve(Config(), match_threshold=250)

    def test_equal_and_hashable(self):
        """Configs are values: equal when their fields are, and hashable."""
        expected = (Config(match_threshold=70), 1)
        assert expected == (Config(match_threshold=70.0), len({Config(), Config()}))
