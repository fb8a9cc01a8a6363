"""Tests for reconcile.packed: mappings held pickled until a later add reads them."""

from __future__ import annotations

import pickle

import numpy as np
import pytest

from reconcile import load_articles, reconcile
from reconcile import packed as packed_module
from reconcile.packed import PackedArray, PackedMapping
from tests.conftest import FIXTURE_SETS


class TestPackedMapping:
    def test_it_equals_the_mapping_it_packs_and_unpacks_once_read(self, monkeypatch):
        """Packed in chunks, it has its length while packed and the same items once read."""
        monkeypatch.setattr(packed_module, "CHUNK_ENTRIES", 3)
        items = {f"k{i}": (i, f"v{i}") for i in range(10)}
        packed = PackedMapping(items)

        assert packed.is_packed
        assert 10 == len(packed)
        assert packed.is_packed
        assert items == packed
        assert not packed.is_packed
        assert (4, "v4") == packed["k4"]
        assert list(items) == list(packed)

    def test_it_holds_its_chunks_compressed(self, monkeypatch):
        """Entries that repeat words take fewer bytes packed than pickled, and read back whole."""
        monkeypatch.setattr(packed_module, "CHUNK_ENTRIES", 100)
        items = {
            f"article-{i // 3}#{i % 3}": ("said the ministry of foreign affairs", i)
            for i in range(1000)
        }
        packed = PackedMapping(items)
        pickled = len(pickle.dumps(items, protocol=pickle.HIGHEST_PROTOCOL))

        assert 0 < packed.packed_bytes < pickled / 2
        assert items == dict(packed)
        assert 0 == packed.packed_bytes

    def test_a_missing_key_raises_key_error(self):
        """A key it does not hold raises KeyError, and `get` gives the default."""
        packed = PackedMapping({"a": 1})

        with pytest.raises(KeyError):
            packed["b"]
        assert packed.get("b") is None
        assert "a" in packed

    def test_it_pickles_to_an_equal_mapping(self):
        """A pickled PackedMapping reads back with the same items."""
        packed = PackedMapping({"a": [1, 2], "b": None})

        assert {"a": [1, 2], "b": None} == pickle.loads(pickle.dumps(packed))

    def test_an_empty_mapping_packs(self):
        """An empty mapping packs to an empty PackedMapping."""
        assert {} == PackedMapping({})
        assert 0 == len(PackedMapping({}))


class TestPackedArray:
    @pytest.mark.parametrize(
        "array",
        [
            np.array([], dtype=np.int64),
            np.array([7], dtype=np.int64),
            np.cumsum(np.arange(5000, dtype=np.int64) * 977 + (1 << 32)),
            np.linspace(-3.5, 100.0, 4001),
            np.arange(12, dtype=np.int32)[::2],
        ],
    )
    def test_it_unpacks_to_an_equal_array_of_its_dtype(self, array):
        """Packed, it has its length; read, every element and the dtype are the array's."""
        packed = PackedArray(array)

        assert packed.is_packed
        assert len(array) == len(packed)
        unpacked = np.asarray(packed)
        assert not packed.is_packed
        assert array.dtype == unpacked.dtype
        assert array.tolist() == unpacked.tolist()
        assert array.tolist() == pickle.loads(pickle.dumps(packed)).unpacked().tolist()

    def test_sorted_keys_take_a_fraction_of_their_bytes_and_read_like_an_array(self):
        """Sorted int64 keys compress to under a quarter; indexing and searchsorted read them."""
        keys = np.cumsum(np.arange(1, 20001, dtype=np.int64) % 97 + 1) + (5 << 32)
        packed = PackedArray(keys)

        assert 0 < packed.packed_bytes < keys.nbytes / 4
        assert keys[[3, 7]].tolist() == packed[[3, 7]].tolist()
        assert np.searchsorted(keys, keys[100:110]).tolist() == (
            np.searchsorted(packed, keys[100:110]).tolist()
        )
        assert 0 == packed.packed_bytes

    def test_only_a_one_dimensional_array_packs(self):
        """A 2-d array raises ValueError."""
        with pytest.raises(ValueError, match="1-d"):
            PackedArray(np.zeros((2, 2)))


def test_a_first_run_holds_frames_serials_accounts_and_bindings_packed():
    """A run from nothing holds what only an add reads pickled; an add reads them
    and gives what one run over all the articles gives."""
    articles = sorted(
        load_articles([FIXTURE_SETS[0] / "articles"]), key=lambda a: (a.published, a.id)
    )
    first = reconcile(articles[:-2])
    state = first._state
    held = (
        state.bindings,
        state.accounts,
        state.index.frames,
        state.index.serials,
    )
    pairs = (state.index.pair_keys, state.index.pair_scores)

    assert all(isinstance(m, PackedMapping) and m.is_packed for m in held)
    assert all(isinstance(p, PackedArray) and p.is_packed for p in pairs)

    added = first.add(articles[-2:])
    whole = reconcile(articles)

    assert (added.facts, added.events) == (whole.facts, whole.events)
    assert not any(m.is_packed for m in (*held, *pairs))
