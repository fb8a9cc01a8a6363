"""Tests for reconcile.heap_release: freed heap pages go back to the system."""

from __future__ import annotations

import os
import sys

import pytest

from reconcile.heap_release import _malloc_trim, release_free_heap


def _resident_bytes() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


glibc_only = pytest.mark.skipif(
    not sys.platform.startswith("linux") or _malloc_trim() is None,
    reason="malloc_trim is glibc's",
)


@glibc_only
def test_pages_of_blocks_freed_below_live_ones_are_given_back():
    """Blocks freed in the middle of the heap stop counting as resident."""
    # 64 KB blocks come from the C heap (below the mmap threshold); keeping
    # every eighth one alive pins the heap, so free() alone returns nothing.
    blocks = [bytearray(64 * 1024) for _ in range(2048)]
    kept = blocks[::8]
    del blocks
    before = _resident_bytes()

    assert release_free_heap()
    after = _resident_bytes()

    assert before - after > 32 * 2**20  # of the 112 MB freed
    assert all(len(block) == 64 * 1024 for block in kept)


def test_release_says_whether_it_could():
    """It returns a bool, and does nothing where the C library cannot trim."""
    assert release_free_heap() is (_malloc_trim() is not None)
