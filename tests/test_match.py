"""Tests for reconcile.match: frames, blocking, scoring, clustering."""

import random

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from reconcile.api import load_articles, reconcile
from reconcile.config import Config
from reconcile.extract.actors import load_gazetteer
from reconcile.extract.attribution import find_attribution
from reconcile.match import (
    block_candidates,
    claim_frame,
    cluster_claims,
    frames,
    score_against,
)
from reconcile.match.clustering import _collapse_duplicates
from reconcile.match.frames import content_tokens, frame_tokens
from reconcile.model import Actor, Claim, Quantity, Span

from .conftest import FIXTURES


def make_claim(
    cid: str, text: str, actors: tuple[str, ...] = (), outlet: str = "Desk"
) -> Claim:
    """A claim whose actor names are found in *text* by plain search."""
    values = []
    for name in actors:
        start = text.index(name)
        values.append(
            Actor(name, Span(start, start + len(name)), name, "country", "actor")
        )
    for match in __import__("re").finditer(r"(\d+)-year", text):
        values.append(
            Quantity(
                match.group(0),
                Span(match.start(), match.end()),
                float(match.group(1)),
                float(match.group(1)),
                "years",
                "term",
            )
        )
    values.sort(key=lambda v: v.span.start)
    return Claim(cid, cid.split("#")[0], outlet, text, Span(0, len(text)), values)


def clusters_as_sets(clusters):
    return {frozenset(c.claim_ids) for c in clusters}


#: One claim's frame for the blocking tests: its tokens, its actors and its week.
_FRAME_ROW = st.tuples(
    st.lists(
        st.sampled_from(["w1", "w2", "w3", "w4", "w5", "actor_x", "qty_n"]),
        max_size=5,
    ),
    st.sets(st.sampled_from(["russia", "iran", "x|w3"]), max_size=2),
    st.integers(0, 4),
)


def _frames_and_weeks(rows):
    """The frames and weeks of rows drawn from :data:`_FRAME_ROW`."""
    from reconcile.match.frames import Frame

    frames = [
        Frame(" ".join(sorted(set(tokens))), sorted(set(tokens)), actors)
        for tokens, actors, _ in rows
    ]
    return frames, [week for _, _, week in rows]


class TestClaimFrame:
    def test_synonyms_fold(self):
        """Synonyms of news verbs and nouns fold to one token."""
        a = claim_frame(
            make_claim("a#1", "Russia and Iran inked a pact", ("Russia", "Iran"))
        )
        b = claim_frame(
            make_claim("b#1", "Russia and Iran signed a treaty", ("Russia", "Iran"))
        )

        assert a.text == b.text

    def test_values_are_masked_by_kind(self):
        """Different term lengths give the same frame token, so the claims still meet."""
        a = claim_frame(make_claim("a#1", "They agreed a 20-year pact"))
        b = claim_frame(make_claim("b#1", "They agreed a 25-year pact"))

        assert a.text == b.text
        assert "qty_years_term" in a.tokens

    def test_shared_frames_equal_their_own_and_share_equal_parts(self, fixtures_dir):
        """Frames made with one ``shared`` dict equal those made alone, and
        their equal strings, tuples and sets are one object."""
        from attrs import astuple

        from reconcile.extract.actors import load_gazetteer
        from reconcile.ingest import load_articles
        from reconcile.parallel import process_articles

        articles = load_articles(sorted(fixtures_dir.glob("*/articles")))
        claims = [
            c for done in process_articles(articles, workers=1) for c in done.claims
        ]
        gazetteer = load_gazetteer()
        shared: dict[object, object] = {}
        alone = [claim_frame(c, gazetteer) for c in claims]
        together = [claim_frame(c, gazetteer, shared=shared) for c in claims]
        assert together == alone
        parts = [
            v
            for f in together
            for v in astuple(f, recurse=False)
            if type(v) is not bool
        ]
        assert all(shared[v] is v for v in parts)
        assert all(shared[t] is t for f in together for t in f.tokens)
        assert len({id(v) for v in parts}) < len(parts) / 4


class TestClusterClaims:
    def test_word_for_word_copies_join_their_originals_cluster(self):
        """Identical claims are clustered once and rejoin their original's cluster;
        a claim worded alike with another value is not a copy but still joins."""
        text = "Russia and Iran signed a 20-year partnership pact"
        claims = [
            make_claim("a#1", text, ("Russia", "Iran")),
            make_claim("b#1", text, ("Russia", "Iran")),
            make_claim("c#1", text, ("Russia", "Iran")),
            make_claim("d#1", text.replace("20", "25"), ("Russia", "Iran")),
            make_claim("e#1", "Floods hit the coast of Peru on Monday"),
        ]

        ordered, twins = _collapse_duplicates(claims, load_gazetteer())
        clusters = clusters_as_sets(cluster_claims(claims))

        assert ["a#1", "d#1", "e#1"] == [c.id for c in ordered]
        assert {"a#1": ["b#1", "c#1"]} == {
            k: [c.id for c in v] for k, v in twins.items()
        }
        assert {frozenset({"a#1", "b#1", "c#1", "d#1"}), frozenset({"e#1"})} == clusters

    def test_same_fact_different_values_cluster(self):
        """'a 20-year pact' and 'a 25-year treaty' between the same actors are one fact."""
        claims = [
            make_claim(
                "a#1",
                "Russia and Iran signed a 20-year partnership pact",
                ("Russia", "Iran"),
            ),
            make_claim(
                "b#1",
                "Iran and Russia inked a 25-year partnership treaty",
                ("Iran", "Russia"),
            ),
        ]
        assert {frozenset({"a#1", "b#1"})} == clusters_as_sets(cluster_claims(claims))

    def test_different_actors_split(self):
        """'Tajikistan and Iran signed' is not 'Russia and Iran signed'."""
        claims = [
            make_claim(
                "a#1",
                "Russia and Iran signed a partnership agreement",
                ("Russia", "Iran"),
            ),
            make_claim(
                "b#1",
                "Tajikistan and Iran signed a partnership agreement",
                ("Tajikistan", "Iran"),
            ),
        ]
        assert len(cluster_claims(claims)) == 2

    def test_memberships_explain(self):
        """Each member of a multi-claim fact carries its scores and reasons."""
        claims = [
            make_claim(
                "a#1", "Russia and Iran signed a partnership pact", ("Russia", "Iran")
            ),
            make_claim(
                "b#1", "Russia and Iran inked a partnership treaty", ("Russia", "Iran")
            ),
        ]
        (cluster,) = cluster_claims(claims)
        rules = {r.rule for m in cluster.memberships for r in m.reasons}

        assert {
            "medoid",
            "token_set_ratio",
            "token_sort_ratio",
            "blended_score",
            "actors",
        } <= rules

    def test_no_chaining_through_a_bridge(self):
        """Average linkage keeps two unrelated facts apart even when a bridge claim links each."""
        left = make_claim("a#1", "drones missiles shells supplied launched")
        bridge = make_claim(
            "b#1",
            "drones missiles shells supplied launched harbour vessels cargo ships docked",
        )
        right = make_claim("c#1", "harbour vessels cargo ships docked")
        config = Config(match_threshold=65)
        clusters = cluster_claims([left, bridge, right], config)
        to_bridge = score_against(
            claim_frame(bridge), [claim_frame(left), claim_frame(right)], config
        )

        assert all(
            to_bridge >= config.match_threshold
        )  # plain components would chain all three
        assert not any({"a#1", "c#1"} <= set(c.claim_ids) for c in clusters)


TEMPLATES = [
    ("Russia and Iran signed a partnership treaty in Moscow", ("Russia", "Iran")),
    ("Iran and Russia inked a strategic partnership pact", ("Iran", "Russia")),
    ("Tajikistan and Iran signed a trade agreement", ("Tajikistan", "Iran")),
    ("A missile strike killed four people in Kryvyi Rih", ()),
    ("Four people were killed when a missile hit Kryvyi Rih", ()),
    ("Iran supplied Russia with thousands of Shahed drones", ("Iran", "Russia")),
    ("Tehran has provided Moscow with hundreds of attack drones", ("Tehran", "Moscow")),
    ("North Korea sent troops to fight in Kursk", ("North Korea",)),
    ("A storm killed four people in the Philippines", ("Philippines",)),
]

corpora = st.lists(st.sampled_from(range(len(TEMPLATES))), min_size=1, max_size=14)


def corpus_claims(indices):
    return [
        make_claim(
            f"art{i}#{n}", TEMPLATES[t][0], TEMPLATES[t][1], outlet=f"Outlet {n % 3}"
        )
        for n, (i, t) in enumerate(enumerate(indices))
    ]


class TestClusteringProperties:
    @given(corpora, st.randoms(use_true_random=False))
    def test_order_invariance(self, indices, rnd):
        """The same claims in any order give the same clusters."""
        claims = corpus_claims(indices)
        shuffled = list(claims)
        rnd.shuffle(shuffled)

        assert clusters_as_sets(cluster_claims(claims)) == clusters_as_sets(
            cluster_claims(shuffled)
        )

    @given(corpora)
    def test_blocking_oracle(self, indices):
        """On small inputs the blocked matcher finds the clusters of the naive all-pairs matcher."""
        claims = corpus_claims(indices)

        assert clusters_as_sets(
            cluster_claims(claims, blocking=False)
        ) == clusters_as_sets(cluster_claims(claims))

    @given(corpora)
    def test_partition(self, indices):
        """Every claim lands in exactly one cluster."""
        claims = corpus_claims(indices)
        ids = [i for c in cluster_claims(claims) for i in c.claim_ids]

        assert sorted(ids) == sorted(c.id for c in claims)


class TestBlockCandidates:
    def test_pairs_grow_near_linearly(self):
        """With capped blocks, candidate pairs per claim stay bounded as the corpus grows."""
        rng = random.Random(7)
        words = [f"w{i}" for i in range(5000)]

        def frames(n):
            claims = [
                make_claim(f"a{i}#1", " ".join(rng.sample(words, 8))) for i in range(n)
            ]
            return [claim_frame(c) for c in claims]

        small, large = frames(500), frames(5000)
        _, _, s_stats = block_candidates(small, [0] * 500, Config(block_cap=50))
        _, _, l_stats = block_candidates(large, [0] * 5000, Config(block_cap=50))

        assert (
            l_stats.candidate_pairs / 5000
            <= 3 * max(1.0, s_stats.candidate_pairs / 500) + 50
        )
        assert l_stats.largest_block <= 50

    def test_pairs_are_ordered_and_unique(self):
        """Candidate pairs are (a, b) with a < b, each once."""
        claims = corpus_claims([0, 1, 1, 2, 5, 6])
        a, b, _ = block_candidates(
            [claim_frame(c) for c in claims], [0] * len(claims), Config()
        )

        assert np.all(a < b)
        assert len(set(zip(a.tolist(), b.tolist(), strict=True))) == len(a)


class TestLargeComponents:
    """Components above MAX_DENSE_COMPONENT are re-linked at stricter thresholds."""

    @staticmethod
    def _split(n, edges, monkeypatch, limit=3):
        from reconcile.match import clustering

        monkeypatch.setattr(clustering, "MAX_DENSE_COMPONENT", limit)
        frames = [
            claim_frame(make_claim(f"a#{i}", f"claim number {i}")) for i in range(n)
        ]
        a = np.array([e[0] for e in edges], dtype=np.int64)
        b = np.array([e[1] for e in edges], dtype=np.int64)
        w = np.array([e[2] for e in edges], dtype=np.float64)
        linked = w >= Config().match_threshold
        components = clustering._components(n, a[linked], b[linked])
        pieces = clustering._presplit_by_levels(components, a, b, w, frames, Config())
        return sorted(sorted(p) for p in pieces)

    def test_a_weak_bridge_is_cut_first(self, monkeypatch):
        edges = [(0, 1, 90), (1, 2, 90), (0, 2, 90), (3, 4, 90), (4, 5, 90), (3, 5, 90)]
        edges.append((2, 3, 65))
        assert [[0, 1, 2], [3, 4, 5]] == self._split(6, edges, monkeypatch)

    def test_pieces_are_split_again_until_small(self, monkeypatch):
        strong = [(0, 1, 99), (2, 3, 99), (4, 5, 99)]
        middle = [(1, 2, 80), (3, 4, 80)]
        assert [[0, 1], [2, 3], [4, 5]] == self._split(6, strong + middle, monkeypatch)

    def test_small_components_are_left_alone(self, monkeypatch):
        edges = [(0, 1, 70), (1, 2, 64)]
        assert [[0, 1, 2], [3]] == self._split(4, edges, monkeypatch)

    def test_a_piece_too_large_even_at_100_falls_back_to_sparse_linkage(
        self, monkeypatch
    ):
        from reconcile.match import clustering

        sizes = []
        sparse = clustering._presplit_large

        def spy(components, *args):
            sizes.extend(len(c) for c in components)
            return sparse(components, *args)

        monkeypatch.setattr(clustering, "_presplit_large", spy)
        edges = [(i, j, 100) for i in range(5) for j in range(i + 1, 5)]
        assert [[0, 1, 2, 3, 4]] == self._split(5, edges, monkeypatch)
        assert sizes == [5]

    def test_clusters_do_not_depend_on_claims_outside_a_piece(self, monkeypatch):
        from reconcile.match import clustering

        monkeypatch.setattr(clustering, "MAX_DENSE_COMPONENT", 2)
        pact = [
            make_claim(
                "a#1", "Russia and Iran signed a partnership treaty", ("Russia", "Iran")
            ),
            make_claim(
                "b#1", "Iran and Russia signed a partnership treaty", ("Russia", "Iran")
            ),
        ]
        quake = [
            make_claim("c#1", "A strong earthquake struck the coast of Chile"),
            make_claim("d#1", "A strong earthquake hit the coast of Chile"),
        ]
        alone = {c.claim_ids for c in cluster_claims(pact)}
        together = {c.claim_ids for c in cluster_claims(pact + quake)}
        assert alone <= together


def _reference_components(n, a, b):
    """The plain union-find that ``_components`` replaced: its output is the contract."""
    parent = list(range(n))

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for x, y in zip(a.tolist(), b.tolist(), strict=True):
        rx, ry = find(x), find(y)
        if rx != ry:
            parent[max(rx, ry)] = min(rx, ry)
    groups = {}
    for index in range(n):
        groups.setdefault(find(index), []).append(index)
    return list(groups.values())


def _reference_blocks(frames, weeks, config):
    """The dict-of-lists blocking that ``block_candidates`` replaced."""
    from collections import Counter, defaultdict

    blocks = defaultdict(list)
    distinct = {f.text: f for f in frames}.values()
    frequency = Counter(t for f in distinct for t in f.tokens)
    for index, frame in enumerate(frames):
        blocks["f:" + frame.text].append(index)
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
    pairs, scored, largest, dropped = set(), 0, 0, 0
    for members in blocks.values():
        if len(members) > config.block_cap:
            dropped += 1
        elif len(members) >= 2:
            scored += 1
            largest = max(largest, len(members))
            pairs.update(
                (min(x, y), max(x, y))
                for i, x in enumerate(members)
                for y in members[i + 1 :]
            )
    return sorted(pairs), (len(frames), scored, len(pairs), largest, dropped)


class TestVectorisedEquivalence:
    """The numpy components and blocking give exactly what the plain loops gave."""

    @given(
        st.integers(0, 40).flatmap(
            lambda n: st.tuples(
                st.just(n),
                st.lists(
                    st.tuples(
                        st.integers(0, max(n - 1, 0)), st.integers(0, max(n - 1, 0))
                    ),
                    max_size=0 if n == 0 else 3 * n,
                ),
            )
        )
    )
    def test_components_match_union_find(self, case):
        from reconcile.match.clustering import _components

        n, edges = case
        a = np.array([x for x, _ in edges], dtype=np.int64)
        b = np.array([y for _, y in edges], dtype=np.int64)
        assert _components(n, a, b) == _reference_components(n, a, b)

    def test_components_of_long_chains(self):
        from reconcile.match.clustering import _components

        rng = np.random.default_rng(3)
        n = 3000
        order = rng.permutation(n)
        for a, b in [
            (order[:-1], order[1:]),
            (np.arange(n - 1)[::-1], np.arange(1, n)[::-1]),
        ]:
            assert _components(n, a, b) == _reference_components(n, a, b)

    @given(st.lists(_FRAME_ROW, max_size=40), st.integers(1, 6), st.integers(1, 3))
    def test_blocking_matches_the_plain_loops(self, rows, cap, rare):
        frames, weeks = _frames_and_weeks(rows)
        config = Config(block_cap=cap, rare_tokens=rare)
        a, b, stats = block_candidates(frames, weeks, config)
        pairs, expected = _reference_blocks(frames, weeks, config)
        assert list(zip(a.tolist(), b.tolist(), strict=True)) == pairs
        assert (
            stats.claims,
            stats.blocks,
            stats.candidate_pairs,
            stats.largest_block,
            stats.dropped_keys,
        ) == expected

    @given(
        st.lists(st.tuples(_FRAME_ROW, st.booleans()), max_size=40),
        st.integers(1, 6),
        st.integers(1, 3),
    )
    def test_blocking_for_proposing_claims_keeps_the_pairs_holding_one(
        self, rows, cap, rare
    ):
        """With ``proposing``, the pairs are those of all blocks that hold a
        flagged claim: every claim still counts towards rarity and block sizes."""
        frames, weeks = _frames_and_weeks([row for row, _ in rows])
        flags = np.array([flag for _, flag in rows], dtype=bool)
        config = Config(block_cap=cap, rare_tokens=rare)
        a, b, stats = block_candidates(frames, weeks, config, proposing=flags)
        pairs, expected = _reference_blocks(frames, weeks, config)
        kept = [(x, y) for x, y in pairs if flags[x] or flags[y]]
        assert list(zip(a.tolist(), b.tolist(), strict=True)) == kept
        assert stats.candidate_pairs == len(kept)
        claims, blocks, _, largest, _ = expected
        assert (stats.claims, stats.blocks, stats.largest_block) == (
            claims,
            blocks,
            largest,
        )

    def test_blocking_for_proposing_claims_in_slices(self, monkeypatch):
        """Pairs made a slice of entries at a time are the pairs made at once."""
        from reconcile.match import blocking
        from reconcile.match.frames import Frame

        rng = random.Random(7)
        words = [f"w{i}" for i in range(30)]
        frames = []
        for _ in range(300):
            tokens = sorted(set(rng.sample(words, 4)))
            frames.append(Frame(" ".join(tokens), tokens, {rng.choice("abc")}))
        weeks = [rng.randrange(6) for _ in frames]
        flags = np.array([rng.random() < 0.2 for _ in frames])
        config = Config(block_cap=40)
        whole = block_candidates(frames, weeks, config, proposing=flags)
        monkeypatch.setattr(blocking, "_ENTRIES_AT_ONCE", 97)
        sliced = block_candidates(frames, weeks, config, proposing=flags)
        assert len(whole[0]) > 1000
        assert np.array_equal(whole[0], sliced[0])
        assert np.array_equal(whole[1], sliced[1])
        assert whole[2] == sliced[2]


def _reference_average_linkage(scores, threshold):
    """The average linkage that recomputed every mean each round."""
    groups = [[i] for i in range(len(scores))]
    sums = scores.copy()
    np.fill_diagonal(sums, -np.inf)
    sizes = np.ones(len(scores))
    alive = np.ones(len(scores), dtype=bool)
    while True:
        mean = sums / np.outer(sizes, sizes)
        mean[~alive, :] = -np.inf
        mean[:, ~alive] = -np.inf
        i, j = divmod(int(np.argmax(mean)), len(scores))
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


class TestIncrementalMeans:
    def test_average_linkage_matches_recomputing_every_mean(self):
        from reconcile.match.clustering import _average_linkage

        rng = np.random.default_rng(11)
        for k in [1, 2, 3, 7, 30, 120]:
            for _ in range(5):
                x = rng.choice([40.0, 55.5, 62.25, 70.0, 90.0, 100.0], size=(k, k))
                x[rng.uniform(size=(k, k)) < 0.05] = -1000.0
                x = np.minimum(x, x.T)
                assert _average_linkage(x, 60.0) == _reference_average_linkage(x, 60.0)

    def test_merged_pair_keys_stay_sorted(self):
        from reconcile.match.index import _merge

        rng = np.random.default_rng(5)
        keys = rng.choice(10_000, size=600, replace=False).astype(np.int64)
        old, new = np.sort(keys[:400]), keys[400:]
        merged, scores = _merge(old, old * 0.5, new, new * 0.5)
        assert np.array_equal(merged, np.sort(keys))
        assert np.array_equal(scores, merged * 0.5)


def test_scoring_in_slices_gives_the_scores_of_all_pairs_at_once(monkeypatch):
    from reconcile.extract.actors import load_gazetteer
    from reconcile.ingest import load_articles
    from reconcile.match import scoring
    from reconcile.parallel import process_articles

    articles = load_articles(sorted(FIXTURES.glob("*/articles"))[:3])
    claims = [c for done in process_articles(articles, workers=1) for c in done.claims]
    gazetteer = load_gazetteer()
    frames = [claim_frame(c, gazetteer) for c in claims]
    a, b = (x.astype(np.int64) for x in np.triu_indices(len(frames), 1))
    config = Config()
    whole = scoring.score_pairs(frames, a, b, config)
    monkeypatch.setattr(scoring, "PAIRS_AT_ONCE", 1000)
    sliced = scoring.score_pairs(frames, a, b, config)
    assert len(a) > 5000 and (whole >= config.match_threshold).any()
    assert np.array_equal(whole, sliced)


def test_veto_matrix_matches_checking_every_pair():
    from reconcile.match.clustering import _veto_matrix
    from reconcile.match.frames import Frame
    from reconcile.match.scoring import _vetoed

    rng = random.Random(4)
    names = ["russia", "iran", "turkey", "istanbul"]

    def some():
        return frozenset(rng.sample(names, rng.randint(0, 2)))

    frames = [
        Frame(
            "x",
            ["x"],
            some(),
            events=frozenset(rng.sample(["ratify", "elect"], rng.randint(0, 1))),
            countries=some(),
            parties=some(),
            parties_implied=rng.random() < 0.3,
            subjects=some(),
            mentioned=some(),
            areas=some(),
        )
        for _ in range(60)
    ]
    vetoed = _veto_matrix(frames)
    for i in range(len(frames)):
        assert not vetoed[i, i]
        for j in range(i + 1, len(frames)):
            expected = _vetoed(frames[i], frames[j])
            assert vetoed[i, j] == vetoed[j, i] == expected


def test_frame_tokens_and_content_tokens_are_those_of_the_whole_frame():
    """frame_tokens gives the frame's tokens without the rest of the frame;
    content_tokens, built on it, drops the cue's frame tokens from the claim's."""
    result = reconcile(load_articles(sorted(FIXTURES.glob("*/articles"))))
    gazetteer = load_gazetteer()
    for claim in result.claims:
        cue = find_attribution(claim.text).cue
        for known in (None, gazetteer):
            whole = claim_frame(claim, known)
            assert frame_tokens(claim, known) == whole.tokens
            at = claim.text.find(cue) if cue else -1
            if at < 0:
                expected = frozenset(whole.tokens)
            else:
                begin = claim.span.start + at
                said = Claim(
                    id=claim.id,
                    article_id=claim.article_id,
                    outlet=claim.outlet,
                    text=cue,
                    span=Span(begin, begin + len(cue)),
                    values=[
                        v
                        for v in claim.values
                        if begin <= v.span.start and v.span.end <= begin + len(cue)
                    ],
                )
                expected = frozenset(whole.tokens) - frozenset(
                    claim_frame(said, known).tokens
                )
            assert content_tokens(claim, cue, known) == expected


def _folded_as_written_first(token):
    """A word's frame token and fold, as claim_frame's loop worked them out."""
    if token not in frames._STOPWORDS and not token.isdigit() and len(token) > 1:
        canon = frames.SYNONYMS.get(token)
        fold = (token, canon) if canon is not None and canon != token else None
        return (canon if canon is not None else frames._stem(token)), fold
    return None, None


@given(
    st.sampled_from(sorted({*frames.SYNONYMS, *frames.SYNONYMS.values()}))
    | st.sampled_from(sorted(frames._STOPWORDS))
    | st.from_regex(r"[a-z0-9]{1,9}", fullmatch=True)
)
def test_a_remembered_word_fold_is_the_fold_worked_out(token):
    assert frames._folded_word(token) == _folded_as_written_first(token)
