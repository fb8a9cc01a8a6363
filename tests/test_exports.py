"""Tests pinning reconcile's public surface: ``__all__`` and ``__version__``."""

from __future__ import annotations

import importlib
import importlib.metadata
import types

import pytest

import reconcile

SUBMODULES = [
    "reconcile.api",
    "reconcile.check",
    "reconcile.claim_report",
    "reconcile.claimreview",
    "reconcile.claimreview.evidence",
    "reconcile.claimreview.export",
    "reconcile.claimreview.validation",
    "reconcile.cli",
    "reconcile.compare",
    "reconcile.config",
    "reconcile.errors",
    "reconcile.graph",
    "reconcile.html_report",
    "reconcile.ingest",
    "reconcile.match",
    "reconcile.model",
    "reconcile.report",
    "reconcile.segment",
]


class TestPackageExports:
    @pytest.mark.parametrize("name", reconcile.__all__)
    def test_every_exported_name_is_importable(self, name):
        """Every name in ``reconcile.__all__`` can be imported from the package."""
        namespace: dict[str, object] = {}
        exec(f"from reconcile import {name}", namespace)

        assert getattr(reconcile, name) is namespace[name]

    def test_all_is_sorted_and_unique(self):
        """``__all__`` is sorted and lists each name once."""
        assert sorted(set(reconcile.__all__)) == reconcile.__all__

    def test_all_imports_are_exported(self):
        """Every public, non-module attribute of the package is listed in ``__all__``."""
        public = sorted(
            name
            for name, value in vars(reconcile).items()
            if not name.startswith("_") and not isinstance(value, types.ModuleType)
        )

        assert sorted(set(reconcile.__all__) - {"__version__"}) == public

    def test_version_matches_metadata(self):
        """``__version__`` is the installed distribution's version."""
        assert importlib.metadata.version("reconcile") == reconcile.__version__

    @pytest.mark.parametrize(
        "name",
        ["Article", "Claim", "Fact", "Config", "ReconcileError", "Reconciliation"],
    )
    def test_exports_are_the_defining_objects(self, name):
        """Package exports are the very objects their modules define, not copies."""
        value = getattr(reconcile, name)
        module = importlib.import_module(value.__module__)

        assert getattr(module, name) is value


class TestSubmoduleExports:
    @pytest.mark.parametrize("module_name", SUBMODULES)
    def test_all_names_exist(self, module_name):
        """Every name in a submodule's ``__all__`` exists in it, once."""
        module = importlib.import_module(module_name)

        missing = [name for name in module.__all__ if not hasattr(module, name)]
        expected = ([], len(module.__all__))
        assert expected == (missing, len(set(module.__all__)))
