"""Claim extraction and value normalisers."""
