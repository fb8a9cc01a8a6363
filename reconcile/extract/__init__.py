"""Claim extraction and the value normalisers.

* :mod:`reconcile.extract.claims` — sentences -> claims (``extract_claims``)
* :mod:`reconcile.extract.dates` — date mentions -> day intervals (``find_dates``, ``resolve_relative_date``)
* :mod:`reconcile.extract.quantities` — figures -> intervals with units (``find_quantities``)
* :mod:`reconcile.extract.actors` — actors and places -> canonical names (``find_actors``, ``load_gazetteer``)
* :mod:`reconcile.extract.attribution` — origin, hedging, polarity (``find_attribution``)
"""

from reconcile.extract.actors import Gazetteer, find_actors, load_gazetteer
from reconcile.extract.attribution import Attribution, find_attribution
from reconcile.extract.claims import extract_claims, is_headline, split_clauses
from reconcile.extract.dates import find_dates, resolve_relative_date
from reconcile.extract.quantities import find_quantities

__all__ = [
    "Attribution",
    "Gazetteer",
    "extract_claims",
    "find_actors",
    "find_attribution",
    "find_dates",
    "find_quantities",
    "is_headline",
    "load_gazetteer",
    "resolve_relative_date",
    "split_clauses",
]
