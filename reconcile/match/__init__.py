"""Claims -> clusters (facts): comparable frames, blocking, rapidfuzz scoring, clustering.

The recipe, in four steps:

1. :func:`claim_frame` turns a claim into its *frame*: values masked by kind
   (a date vanishes, a figure becomes ``qty_years_term``), actors replaced by
   their canonical names, news synonyms folded (inked -> sign, pact ->
   agreement), stop words dropped. Frames of two outlets' wordings of one fact
   look alike whatever their values, so "a 20-year pact" and "a 25-year treaty"
   meet — and are later found in conflict.
2. :func:`block_candidates` pairs only claims that share a canonical actor
   (split by publication week when a block is large) or one of their rarest
   frame tokens. Blocks never use a value that is checked for conflict.
3. :func:`score_pairs` scores candidate pairs with ``rapidfuzz.process.cpdist``
   (``token_set_ratio`` and ``token_sort_ratio``, blended), and vetoes pairs
   whose principal actors differ ("Tajikistan and Iran" is not "Russia and Iran").
4. :func:`cluster_claims` links pairs scoring **at or above**
   ``Config.match_threshold`` and, inside each linked component, merges claims
   by average linkage, so one bridge claim cannot chain unrelated facts.
"""

from reconcile.match.blocking import BlockingStats, block_candidates
from reconcile.match.clustering import ClaimCluster, cluster_claims
from reconcile.match.frames import DISTINCT_EVENTS as DISTINCT_EVENTS
from reconcile.match.frames import SYNONYMS, Frame, claim_frame
from reconcile.match.scoring import MIN_CORE_TOKENS as MIN_CORE_TOKENS
from reconcile.match.scoring import score_against, score_pairs

__all__ = [
    "SYNONYMS",
    "BlockingStats",
    "ClaimCluster",
    "Frame",
    "block_candidates",
    "claim_frame",
    "cluster_claims",
    "score_against",
    "score_pairs",
]
