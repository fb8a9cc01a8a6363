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

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence

import numpy as np
from attrs import field, frozen
from rapidfuzz import fuzz, process

from reconcile.config import Config
from reconcile.extract.actors import Gazetteer, load_gazetteer
from reconcile.extract.claims import countries_of
from reconcile.model import Actor, Claim, DateValue, MatchReason, Membership, Quantity

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

SYNONYMS: Mapping[str, str] = {
    **dict.fromkeys(
        [
            "signed",
            "signs",
            "sign",
            "signing",
            "inked",
            "inks",
            "concluded",
            "concludes",
            "sealed",
            "seals",
            "signatures",
            "signature",
        ],
        "sign",
    ),
    **dict.fromkeys(
        [
            "treaty",
            "treaties",
            "pact",
            "pacts",
            "agreement",
            "agreements",
            "deal",
            "deals",
            "accord",
            "accords",
        ],
        "agreement",
    ),
    **dict.fromkeys(
        [
            "supplied",
            "supplies",
            "supply",
            "supplying",
            "provided",
            "provides",
            "provide",
            "providing",
            "sent",
            "sends",
            "send",
            "sending",
            "delivered",
            "delivers",
            "shipped",
            "armed",
            "gave",
            "given",
            "dispatched",
            "deployed",
        ],
        "supply",
    ),
    **dict.fromkeys(
        [
            "killed",
            "kills",
            "kill",
            "killing",
            "died",
            "die",
            "dead",
            "deaths",
            "death",
            "dying",
            "fatalities",
            "lives",
            "toll",
        ],
        "kill",
    ),
    **dict.fromkeys(
        [
            "injured",
            "injuring",
            "injures",
            "injure",
            "hurt",
            "wounded",
            "wounding",
            "injuries",
            "injury",
        ],
        "injure",
    ),
    **dict.fromkeys(
        ["ratified", "ratifies", "ratify", "ratifying", "ratification"], "ratify"
    ),
    **dict.fromkeys(
        [
            "approved",
            "approves",
            "approve",
            "approval",
            "passed",
            "adopted",
            "endorsed",
        ],
        "approve",
    ),
    **dict.fromkeys(
        ["inaugurated", "inauguration", "inaugurate", "sworn", "oath"], "inaugurate"
    ),
    **dict.fromkeys(
        ["elected", "election", "elections", "vote", "voted", "votes", "ballot"],
        "elect",
    ),
    **dict.fromkeys(
        ["arrested", "arrest", "detained", "detain", "detention", "custody"], "arrest"
    ),
    **dict.fromkeys(["sentenced", "sentence", "convicted", "jailed"], "sentence"),
    **dict.fromkeys(["invaded", "invade", "invades", "invasion", "invading"], "invade"),
    **dict.fromkeys(
        [
            "met",
            "meets",
            "meeting",
            "talks",
            "summit",
            "hosted",
            "hosts",
            "visit",
            "visited",
        ],
        "meet",
    ),
    **dict.fromkeys(
        [
            "strike",
            "strikes",
            "attack",
            "attacks",
            "attacked",
            "hit",
            "hits",
            "struck",
            "bombardment",
            "shelling",
            "shelled",
            "bombed",
            "pound",
            "pounded",
        ],
        "attack",
    ),
    **dict.fromkeys(
        ["quake", "earthquake", "tremor", "temblor", "shook", "jolted"], "earthquake"
    ),
    **dict.fromkeys(
        ["troops", "soldiers", "forces", "servicemen", "army", "military"], "troops"
    ),
    **dict.fromkeys(
        ["president", "leader", "leaders", "counterpart", "presidents"], "leader"
    ),
    **dict.fromkeys(["comprehensive", "strategic", "partnership"], "partnership"),
    **dict.fromkeys(
        ["ties", "relations", "cooperation", "co-operation", "bilateral"], "relations"
    ),
    **dict.fromkeys(
        [
            "help",
            "helps",
            "helping",
            "aid",
            "aids",
            "assist",
            "assistance",
            "support",
            "supports",
        ],
        "help",
    ),
    **dict.fromkeys(
        [
            "pledged",
            "pledge",
            "pledges",
            "promised",
            "promise",
            "promises",
            "committed",
            "commit",
            "commits",
            "vowed",
            "vow",
            "vows",
        ],
        "pledge",
    ),
    **dict.fromkeys(["drone", "drones", "uav", "uavs"], "drone"),
    **dict.fromkeys(["missile", "missiles", "rocket", "rockets"], "missile"),
    **dict.fromkeys(["magnitude", "measured", "registered"], "magnitude"),
    **dict.fromkeys(["tsunami", "tsunamis"], "tsunami"),
    **dict.fromkeys(["warning", "warnings", "alert", "alerts"], "warning"),
    **dict.fromkeys(["emergency", "emergencies"], "emergency"),
    **dict.fromkeys(
        ["homes", "houses", "buildings", "dwellings", "apartments"], "building"
    ),
    **dict.fromkeys(
        ["damaged", "destroyed", "collapsed", "flattened", "razed"], "damage"
    ),
    **dict.fromkeys(["missing", "unaccounted"], "missing"),
    **dict.fromkeys(["aftershock", "aftershocks"], "aftershock"),
}

_STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "as",
        "that",
        "this",
        "these",
        "those",
        "it",
        "its",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "will",
        "would",
        "could",
        "should",
        "can",
        "may",
        "might",
        "must",
        "do",
        "does",
        "did",
        "not",
        "no",
        "but",
        "if",
        "than",
        "then",
        "so",
        "such",
        "their",
        "there",
        "they",
        "them",
        "he",
        "she",
        "his",
        "her",
        "we",
        "our",
        "you",
        "your",
        "i",
        "me",
        "my",
        "who",
        "whom",
        "which",
        "what",
        "when",
        "where",
        "while",
        "also",
        "into",
        "over",
        "under",
        "after",
        "before",
        "about",
        "between",
        "during",
        "up",
        "down",
        "out",
        "off",
        "only",
        "just",
        "more",
        "most",
        "other",
        "some",
        "any",
        "each",
        "both",
        "all",
        "said",
        "says",
        "say",
        "told",
        "according",
        "mr",
        "mrs",
        "ms",
        "dr",
    ]
)
_TOKEN = re.compile(r"\w+(?:[-'’]\w+)*")
#: Folded event tokens naming distinct steps of a story: a claim with one that the
#: other lacks is about another event (signing a treaty is not ratifying it).
DISTINCT_EVENTS = frozenset(
    {"ratify", "approve", "inaugurate", "elect", "arrest", "sentence", "invade"}
)
_CORE = frozenset(SYNONYMS.values())
#: Core frames shorter than this are compared by ``token_sort_ratio`` only.
MIN_CORE_TOKENS = 3
_SUFFIXES = (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""))


@frozen
class Frame:
    """A claim reduced to what identifies its fact: masked, canonical, folded tokens."""

    text: str
    tokens: tuple[str, ...] = field(converter=tuple)
    actors: frozenset[str] = field(converter=frozenset)
    synonyms: tuple[tuple[str, str], ...] = field(default=(), converter=tuple)
    core: str = ""
    """Only the tokens that name the fact: actors, figures' dimensions, folded news words."""
    events: frozenset[str] = field(default=frozenset(), converter=frozenset)
    """The distinct-event words of the claim (ratify, approve, elect, ...)."""
    dimensions: frozenset[str] = field(default=frozenset(), converter=frozenset)
    """What the claim's figures count (``qty_years_term``): claims counting different things differ."""
    countries: frozenset[str] = field(default=frozenset(), converter=frozenset)
    """The countries the claim is about: named in it, else its article's setting."""


@frozen
class ClaimCluster:
    """Claims that state one fact, its medoid (most representative claim) and why each joined."""

    claim_ids: tuple[str, ...] = field(converter=tuple)
    medoid: str
    memberships: tuple[Membership, ...] = field(converter=tuple)


@frozen
class BlockingStats:
    """What blocking did: blocks scored, candidate pairs, keys dropped for size."""

    claims: int
    blocks: int
    candidate_pairs: int
    largest_block: int
    dropped_keys: int


def claim_frame(claim: Claim, gazetteer: Gazetteer | None = None) -> Frame:
    """The comparable frame of *claim*.

    >>> from reconcile.model import Claim, Quantity, Span
    >>> c = Claim(id="a#1", article_id="a", outlet="X", text="They inked a 20-year pact",
    ...           span=Span(0, 25), values=[Quantity(text="20-year", span=Span(13, 20),
    ...           low=20, high=20, unit="years", measure="term")])
    >>> claim_frame(c).text
    'agreement qty_years_term sign'
    """
    text, start = claim.text.lower(), claim.span.start
    pieces: list[str] = []
    cursor = 0
    for value in claim.values:
        pieces.append(text[cursor : value.span.start - start])
        pieces.append(" " + _value_token(value, gazetteer) + " ")
        cursor = value.span.end - start
    pieces.append(text[cursor:])
    tokens: set[str] = set()
    folded: set[tuple[str, str]] = set()
    for token in _TOKEN.findall("".join(pieces)):
        if token.startswith(("qty_", "actor_")):
            tokens.add(token)
        elif token not in _STOPWORDS and not token.isdigit() and len(token) > 1:
            canon = SYNONYMS.get(token)
            if canon is not None and canon != token:
                folded.add((token, canon))
            tokens.add(canon if canon is not None else _stem(token))
    actors = {
        _principal(a, gazetteer)
        for a in claim.values
        if isinstance(a, Actor) and a.role == "actor" and a.type != "unknown"
    }
    unique = sorted(tokens)
    core = [t for t in unique if t in _CORE or t.startswith(("qty_", "actor_"))]
    dimensions = {t for t in unique if t.startswith("qty_")}
    countries = (
        countries_of(claim.values, gazetteer) if gazetteer is not None else set()
    )
    return Frame(
        " ".join(unique),
        unique,
        actors,
        sorted(folded),
        " ".join(core),
        tokens & DISTINCT_EVENTS,
        dimensions,
        countries or set(claim.setting),
    )


def block_candidates(
    frames: Sequence[Frame],
    weeks: Sequence[int],
    config: Config,
) -> tuple[np.ndarray, np.ndarray, BlockingStats]:
    """Candidate pairs ``(a, b)`` with ``a < b``: claims sharing an actor or a rare token.

    Args:
        frames: one frame per claim.
        weeks: one publication week number per claim (to split large actor blocks).
        config: ``block_cap`` and ``rare_tokens``.

    Returns:
        Two index arrays and the blocking statistics. Cost grows with the sum of
        squared block sizes, each at most ``block_cap``, so near-linearly in N.
    """
    blocks: dict[str, list[int]] = defaultdict(list)
    frequency = Counter(t for f in frames for t in f.tokens)
    for index, frame in enumerate(frames):
        for actor in frame.actors:
            blocks["a:" + actor].append(index)
        candidates = [
            t for t in frame.tokens if frequency[t] > 1 and not t.startswith("actor_")
        ]
        for token in sorted(candidates, key=lambda t: (frequency[t], t))[
            : config.rare_tokens
        ]:
            blocks["t:" + token].append(index)
    for key in [
        k
        for k, members in blocks.items()
        if k.startswith("a:") and len(members) > config.block_cap
    ]:
        for index in blocks.pop(key):
            blocks[f"{key}|w{weeks[index]}"].append(index)
            blocks[f"{key}|w{weeks[index] + 1}"].append(index)
    chunks_a: list[np.ndarray] = []
    chunks_b: list[np.ndarray] = []
    dropped = largest = scored = 0
    for members in blocks.values():
        size = len(members)
        if size > config.block_cap:
            dropped += 1
            continue
        if size < 2:
            continue
        scored += 1
        largest = max(largest, size)
        idx = np.asarray(members, dtype=np.int64)
        i, j = np.triu_indices(size, 1)
        chunks_a.append(idx[i])
        chunks_b.append(idx[j])
    if not chunks_a:
        empty = np.empty(0, dtype=np.int64)
        return empty, empty, BlockingStats(len(frames), scored, 0, largest, dropped)
    a, b = np.concatenate(chunks_a), np.concatenate(chunks_b)
    low, high = np.minimum(a, b), np.maximum(a, b)
    keys = np.unique(low * len(frames) + high)
    a, b = keys // len(frames), keys % len(frames)
    return a, b, BlockingStats(len(frames), scored, len(keys), largest, dropped)


def score_pairs(
    frames: Sequence[Frame], a: np.ndarray, b: np.ndarray, config: Config
) -> np.ndarray:
    """Blended frame scores (0-100) for the pairs ``(a[k], b[k])``, vetoed pairs scored 0.

    The score is ``set_weight * token_set_ratio + (1 - set_weight) * token_sort_ratio``.
    """
    if len(a) == 0:
        return np.empty(0, dtype=np.float64)
    texts = np.array([f.text for f in frames], dtype=object)
    cores = np.array([f.core for f in frames], dtype=object)
    by_set = process.cpdist(
        list(texts[a]),
        list(texts[b]),
        scorer=fuzz.token_set_ratio,
        workers=config.workers,
    )
    by_sort = process.cpdist(
        list(texts[a]),
        list(texts[b]),
        scorer=fuzz.token_sort_ratio,
        workers=config.workers,
    )
    by_core = _core_scores(
        list(cores[a]), list(cores[b]), frames, a, b, config, pairwise=True
    )
    masks = _dimension_masks(frames)
    scores = _blend(
        config, by_set, by_sort, by_core
    ) - config.dimension_penalty * _popcount(masks[a] ^ masks[b])
    for k in np.flatnonzero(scores >= config.match_threshold):
        if _vetoed(frames[a[k]], frames[b[k]]):
            scores[k] = 0.0
    return np.clip(scores, 0.0, 100.0)


def _dimension_masks(frames: Sequence[Frame]) -> np.ndarray:
    """One bit per figure dimension (hashed into 63 bits when there are more)."""
    bits: dict[str, int] = {}
    masks = np.zeros(len(frames), dtype=np.uint64)
    for index, frame in enumerate(frames):
        mask = 0
        for dimension in frame.dimensions:
            mask |= 1 << bits.setdefault(dimension, len(bits) % 63)
        masks[index] = mask
    return masks


def _popcount(values: np.ndarray) -> np.ndarray:
    as_bytes = values.astype(np.uint64).view(np.uint8).reshape(-1, 8)
    return np.unpackbits(as_bytes, axis=1).sum(axis=1).astype(np.float64)


def score_against(query: Frame, frames: Sequence[Frame], config: Config) -> np.ndarray:
    """Scores (0-100) of one frame against many, in one batch per scorer; vetoed pairs score 0."""
    if not frames:
        return np.empty(0, dtype=np.float64)
    by_set = process.cdist(
        [query.text],
        [f.text for f in frames],
        scorer=fuzz.token_set_ratio,
        workers=config.workers,
    )[0]
    by_sort = process.cdist(
        [query.text],
        [f.text for f in frames],
        scorer=fuzz.token_sort_ratio,
        workers=config.workers,
    )[0]
    everyone = np.arange(len(frames))
    by_core = _core_scores(
        [query.core] * len(frames),
        [f.core for f in frames],
        [query, *frames],
        np.zeros(len(frames), dtype=np.int64),
        everyone + 1,
        config,
        pairwise=True,
    )
    scores = _blend(config, by_set, by_sort, by_core)
    for k, frame in enumerate(frames):
        scores[k] -= config.dimension_penalty * len(query.dimensions ^ frame.dimensions)
        if _vetoed(query, frame):
            scores[k] = 0.0
    return np.clip(scores, 0.0, 100.0)


def _core_scores(
    left: Sequence[str],
    right: Sequence[str],
    frames: Sequence[Frame],
    a: np.ndarray | None,
    b: np.ndarray | None,
    config: Config,
    *,
    pairwise: bool,
) -> np.ndarray:
    """Core-frame scores: ``token_set_ratio`` when both cores hold at least
    ``MIN_CORE_TOKENS`` tokens, else NaN: a one- or two-word core
    ("actor_russia") is a subset of almost everything and says too little, so
    such pairs are scored on the full frame alone (see :func:`_blend`)."""
    sizes = np.array([len(f.core.split()) for f in frames])
    if pairwise:
        by_set = process.cpdist(
            left, right, scorer=fuzz.token_set_ratio, workers=config.workers
        )
        rich = (sizes[a] >= MIN_CORE_TOKENS) & (sizes[b] >= MIN_CORE_TOKENS)
    else:
        by_set = process.cdist(
            left, right, scorer=fuzz.token_set_ratio, workers=config.workers
        )
        rich = np.outer(sizes >= MIN_CORE_TOKENS, sizes >= MIN_CORE_TOKENS)
    return np.where(rich, by_set, np.nan).astype(np.float64)


def _blend(
    config: Config, by_set: np.ndarray, by_sort: np.ndarray, by_core: np.ndarray
) -> np.ndarray:
    full = (
        config.set_weight * by_set.astype(np.float64)
        + (1.0 - config.set_weight) * by_sort
    )
    mixed = (1.0 - config.core_weight) * full + config.core_weight * by_core
    return np.where(np.isnan(by_core), full, mixed)


def cluster_claims(
    claims: Sequence[Claim],
    config: Config | None = None,
    *,
    gazetteer: Gazetteer | None = None,
    blocking: bool = True,
) -> tuple[ClaimCluster, ...]:
    """Group *claims* into clusters, one per fact.

    Claims are linked when their frame score is at or above
    ``config.match_threshold``; each linked component is then split by average
    linkage so a member's mean score to the rest of its cluster stays at or
    above the threshold. The result does not depend on the order of *claims*.
    ``blocking=False`` scores all pairs: the slow reference the tests compare with.

    >>> cluster_claims([])
    ()
    """
    config = config or Config()
    gazetteer = gazetteer or load_gazetteer(config.alias_file)
    ordered, twins = _collapse_duplicates(sorted(claims, key=lambda c: c.id), gazetteer)
    frames = [claim_frame(c, gazetteer) for c in ordered]
    if blocking:
        weeks = [_week(c) for c in ordered]
        a, b, _ = block_candidates(frames, weeks, config)
    else:
        a, b = (x.astype(np.int64) for x in np.triu_indices(len(ordered), 1))
    scores = score_pairs(frames, a, b, config)
    linked = scores >= config.match_threshold
    components = _components(len(ordered), a[linked], b[linked])
    clusters = [
        _with_twins(c, twins)
        for members in components
        for c in _split_component(members, ordered, frames, config)
    ]
    return tuple(sorted(clusters, key=lambda c: c.claim_ids[0]))


def _collapse_duplicates(
    ordered: Sequence[Claim], gazetteer: Gazetteer
) -> tuple[list[Claim], dict[str, list[Claim]]]:
    """One representative per set of identical claims (same text, same values).

    A wire copy or a republished article repeats its claims word for word;
    clustering sees each wording once, so repetition never shifts the averages
    that decide which claims belong together. The twins rejoin their
    representative's cluster afterwards.
    """
    representatives: list[Claim] = []
    twins: dict[str, list[Claim]] = {}
    first: dict[tuple[object, ...], Claim] = {}
    for claim in ordered:
        key = (
            " ".join(claim.text.lower().split()),
            tuple(str(v.normalized) for v in claim.values),
            claim.polarity,
        )
        if key in first:
            twins[first[key].id].append(claim)
        else:
            first[key] = claim
            twins[claim.id] = []
            representatives.append(claim)
    return representatives, twins


def _with_twins(
    cluster: ClaimCluster, twins: Mapping[str, list[Claim]]
) -> ClaimCluster:
    extra = [(t, m) for m in cluster.memberships for t in twins.get(m.claim_id, ())]
    if not extra:
        return cluster
    memberships = [
        *cluster.memberships,
        *(
            Membership(
                t.id,
                m.score,
                (
                    MatchReason(
                        "identical_text", 100.0, detail=f"same text as {m.claim_id}"
                    ),
                    *m.reasons,
                ),
            )
            for t, m in extra
        ),
    ]
    ids = sorted([*cluster.claim_ids, *(t.id for t, _ in extra)])
    return ClaimCluster(
        ids, cluster.medoid, sorted(memberships, key=lambda m: m.claim_id)
    )


def _value_token(
    value: DateValue | Quantity | Actor, gazetteer: Gazetteer | None
) -> str:
    if isinstance(value, DateValue):
        return ""
    if isinstance(value, Quantity):
        return (
            "qty_"
            + re.sub(r"\W+", "", value.unit or "n")
            + ("_" + value.measure if value.measure else "")
        )
    return "actor_" + re.sub(r"\W+", "_", _principal(value, gazetteer).lower())


def _stem(token: str) -> str:
    if len(token) > 4:
        for suffix, replacement in _SUFFIXES:
            if token.endswith(suffix) and len(token) - len(suffix) >= 3:
                return token[: -len(suffix)] + replacement
    return token


def _principal(actor: Actor, gazetteer: Gazetteer | None) -> str:
    if gazetteer is not None and actor.type == "person":
        return gazetteer.affiliation(actor.canonical) or actor.canonical
    return actor.canonical


def _vetoed(left: Frame, right: Frame) -> bool:
    """Whether two claims cannot state one fact, whatever their wording.

    * Different principal actors: each names an actor the other lacks, and they
      share little ("Tajikistan and Iran" is not "Russia and Iran"; with three
      or more actors each, sharing at least half of the smaller set is enough).
    * Different countries: the countries each claim is about (named in it, or
      else its article's setting) do not overlap.
    * Different events: one names a distinct step of a story (ratify, approve,
      elect, ...) that the other lacks, unless one's steps include the other's.
    """
    return (
        _actors_clash(left.actors, right.actors)
        or _events_clash(left.events, right.events)
        or bool(
            left.countries and right.countries and not left.countries & right.countries
        )
    )


def _actors_clash(left: frozenset[str], right: frozenset[str]) -> bool:
    if not (left - right and right - left):
        return False
    smaller = min(len(left), len(right))
    return smaller <= 2 or len(left & right) * 2 < smaller


def _events_clash(left: frozenset[str], right: frozenset[str]) -> bool:
    if left == right:
        return False
    if not left or not right:
        return True
    return not (left <= right or right <= left)


def _week(claim: Claim) -> int:
    if claim.published is None:
        return 0
    year, week, _ = claim.published.isocalendar()
    return year * 53 + week


def _components(n: int, a: np.ndarray, b: np.ndarray) -> list[list[int]]:
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for x, y in zip(a.tolist(), b.tolist(), strict=True):
        rx, ry = find(x), find(y)
        if rx != ry:
            parent[max(rx, ry)] = min(rx, ry)
    groups: dict[int, list[int]] = defaultdict(list)
    for index in range(n):
        groups[find(index)].append(index)
    return list(groups.values())


def _pair_matrix(
    members: Sequence[int], frames: Sequence[Frame], config: Config
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    texts = [frames[m].text for m in members]
    cores = [frames[m].core for m in members]
    by_set = process.cdist(
        texts, texts, scorer=fuzz.token_set_ratio, workers=config.workers
    ).astype(np.float64)
    by_sort = process.cdist(
        texts, texts, scorer=fuzz.token_sort_ratio, workers=config.workers
    ).astype(np.float64)
    by_core = _core_scores(
        cores, cores, [frames[m] for m in members], None, None, config, pairwise=False
    )
    masks = _dimension_masks([frames[m] for m in members])
    mismatch = _popcount((masks[:, None] ^ masks[None, :]).ravel()).reshape(
        len(members), len(members)
    )
    blended = (
        _blend(config, by_set, by_sort, by_core) - config.dimension_penalty * mismatch
    )
    for i, x in enumerate(members):
        for j in range(i + 1, len(members)):
            if _vetoed(frames[x], frames[members[j]]):
                blended[i, j] = blended[j, i] = -1000.0
    return blended, by_set, by_sort


def _split_component(
    members: list[int], claims: Sequence[Claim], frames: Sequence[Frame], config: Config
) -> list[ClaimCluster]:
    if len(members) == 1:
        only = claims[members[0]]
        return [
            ClaimCluster(
                (only.id,),
                only.id,
                (Membership(only.id, 100.0, (MatchReason("singleton", 100.0),)),),
            )
        ]
    blended, by_set, by_sort = _pair_matrix(members, frames, config)
    groups = _average_linkage(blended, config.match_threshold)
    return [
        _explain(group, members, claims, frames, blended, by_set, by_sort, config)
        for group in groups
    ]


def _average_linkage(scores: np.ndarray, threshold: float) -> list[list[int]]:
    """Merge the pair of groups with the highest mean score while it is at or above *threshold*."""
    groups: list[list[int]] = [[i] for i in range(len(scores))]
    sums = scores.copy()
    np.fill_diagonal(sums, -np.inf)
    sizes = np.ones(len(scores))
    alive = np.ones(len(scores), dtype=bool)
    while True:
        mean = sums / np.outer(sizes, sizes)
        mean[~alive, :] = -np.inf
        mean[:, ~alive] = -np.inf
        best = int(np.argmax(mean))
        i, j = divmod(best, len(scores))
        if mean[i, j] < threshold:
            break
        i, j = min(i, j), max(i, j)
        groups[i].extend(groups[j])
        groups[j] = []
        sums[i, :] += sums[j, :]
        sums[:, i] += sums[:, j]
        sums[i, i] = -np.inf
        sizes[i] += sizes[j]
        alive[j] = False
    return [sorted(g) for g in groups if g]


def _explain(
    group: list[int],
    members: list[int],
    claims: Sequence[Claim],
    frames: Sequence[Frame],
    blended: np.ndarray,
    by_set: np.ndarray,
    by_sort: np.ndarray,
    config: Config,
) -> ClaimCluster:
    if len(group) == 1:
        medoid = group[0]
    else:
        sub = blended[np.ix_(group, group)]
        medoid = group[int(np.argmax(sub.sum(axis=1) - np.diag(sub)))]
    medoid_frame = frames[members[medoid]]
    memberships = []
    for local in group:
        claim, frame = claims[members[local]], frames[members[local]]
        if local == medoid:
            reasons = (
                MatchReason(
                    "medoid", 100.0, detail="the cluster's most representative claim"
                ),
            )
            score = 100.0
        else:
            shared = sorted(frame.actors & medoid_frame.actors)
            synonyms = sorted(set(frame.synonyms) | set(medoid_frame.synonyms))
            score = float(blended[local, medoid])
            reasons = (
                MatchReason("token_set_ratio", round(float(by_set[local, medoid]), 1)),
                MatchReason(
                    "token_sort_ratio", round(float(by_sort[local, medoid]), 1)
                ),
                MatchReason(
                    "blended_score",
                    round(score, 1),
                    config.match_threshold,
                    "average-linkage score vs the medoid claim",
                ),
                MatchReason(
                    "actors",
                    100.0,
                    detail="shared: " + (", ".join(shared) or "none (no clash)"),
                ),
                *(
                    [
                        MatchReason(
                            "synonyms",
                            100.0,
                            detail=", ".join(f"{w}->{c}" for w, c in synonyms),
                        )
                    ]
                    if synonyms
                    else []
                ),
            )
        memberships.append(Membership(claim.id, round(score, 1), reasons))
    ids = tuple(claims[members[g]].id for g in group)
    return ClaimCluster(
        tuple(sorted(ids)),
        claims[members[medoid]].id,
        tuple(sorted(memberships, key=lambda m: m.claim_id)),
    )
