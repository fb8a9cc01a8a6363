"""Tests for reconcile.gc_pause: the collector is paused, restored, and left tidy."""

import gc

from reconcile.gc_pause import collector_paused


def test_the_collector_is_paused_inside_and_runs_again_after():
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # only the outermost pause restarts it
    assert gc.isenabled()


def test_a_collector_paused_before_stays_paused():
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_collector_runs_again_after_an_error():
    try:
        with collector_paused():
            raise KeyError("x")
    except KeyError:
        pass
    assert gc.isenabled()


def test_what_was_made_during_the_pause_lands_in_the_oldest_generation():
    with collector_paused():
        made = [[n] for n in range(1000)]
    young = {id(o) for o in gc.get_objects(generation=0)}
    old = {id(o) for o in gc.get_objects(generation=2)}
    assert id(made) not in young and id(made) in old
    assert all(id(item) in old for item in made)


def test_objects_the_caller_froze_stay_frozen():
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with collector_paused():
            [[n] for n in range(10)]
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
