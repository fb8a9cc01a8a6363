"""Cross-source fact reconciliation: claims -> facts -> verdicts -> provenance."""
