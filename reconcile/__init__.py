"""Cross-source fact reconciliation: claims -> facts -> verdicts -> provenance.

>>> import reconcile
>>> callable(reconcile.reconcile) and callable(reconcile.load_articles)
True
"""

import importlib.metadata as _metadata

from reconcile.api import Reconciliation, load_articles, reconcile
from reconcile.check import CheckMatch, CheckResult
from reconcile.claim_report import ClaimReport
from reconcile.claimreview import (
    ClaimReviewImport,
    ClaimReviewItem,
    ReviewEvidence,
    claimreview_items,
    import_claimreview,
    validate_claimreview,
)
from reconcile.config import Config
from reconcile.errors import (
    ArticleFormatError,
    ClaimReviewError,
    ConfigError,
    ExportError,
    InputError,
    InvalidSpanError,
    InvalidValueError,
    MissingPathError,
    ReconcileError,
    ReconcileWarning,
    ReplacedTextWarning,
    SkippedFileWarning,
    StoreError,
    TruncatedArticleWarning,
    UnanchoredDateWarning,
    UnknownArticleError,
    UnreadablePathError,
    UnsupportedFormatError,
)
from reconcile.incremental import FactChanges, RetiredFact
from reconcile.model import (
    Actor,
    Agreement,
    Article,
    Claim,
    Conflict,
    DateValue,
    Fact,
    MatchReason,
    Membership,
    OriginGroup,
    Quantity,
    Sentence,
    Source,
    Span,
    Update,
    Verdict,
)
from reconcile.store import RecordedChange, Store, open_store

try:
    __version__ = _metadata.version("reconcile")
except (
    _metadata.PackageNotFoundError
):  # pragma: no cover - a source tree never installed
    __version__ = "0.0.0"

__all__ = [
    "Actor",
    "Agreement",
    "Article",
    "ArticleFormatError",
    "CheckMatch",
    "CheckResult",
    "Claim",
    "ClaimReport",
    "ClaimReviewError",
    "ClaimReviewImport",
    "ClaimReviewItem",
    "Config",
    "ConfigError",
    "Conflict",
    "DateValue",
    "ExportError",
    "Fact",
    "FactChanges",
    "InputError",
    "InvalidSpanError",
    "InvalidValueError",
    "MatchReason",
    "Membership",
    "MissingPathError",
    "OriginGroup",
    "Quantity",
    "ReconcileError",
    "ReconcileWarning",
    "Reconciliation",
    "RecordedChange",
    "ReplacedTextWarning",
    "RetiredFact",
    "ReviewEvidence",
    "Sentence",
    "SkippedFileWarning",
    "Source",
    "Span",
    "Store",
    "StoreError",
    "TruncatedArticleWarning",
    "UnanchoredDateWarning",
    "UnknownArticleError",
    "UnreadablePathError",
    "UnsupportedFormatError",
    "Update",
    "Verdict",
    "__version__",
    "claimreview_items",
    "import_claimreview",
    "load_articles",
    "open_store",
    "reconcile",
    "validate_claimreview",
]
