"""The collector pause shared by worker threads."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from annotator.gui.collector import CollectorPause, freeze_startup


@pytest.fixture
def collector_state() -> Iterator[None]:
    was = gc.isenabled()
    yield
    if was:
        gc.enable()
    else:
        gc.disable()


def test_held_twice_the_collector_comes_back_only_after_the_last_release(collector_state):
    gc.enable()
    pause = CollectorPause()
    pause.hold()
    pause.hold()
    assert not gc.isenabled()
    pause.release()
    assert not gc.isenabled()
    pause.release()
    assert gc.isenabled()
    assert pause.held == 0


def test_a_collector_disabled_before_stays_disabled(collector_state):
    gc.disable()
    pause = CollectorPause()
    pause.hold()
    pause.hold()
    pause.release()
    pause.release()
    assert not gc.isenabled()


def test_a_release_without_a_hold_changes_nothing(collector_state):
    gc.disable()
    pause = CollectorPause()
    pause.release()
    assert not gc.isenabled()
    pause.hold()
    pause.release()
    assert not gc.isenabled() and pause.held == 0


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def test_start_up_objects_are_frozen_and_later_cycles_still_collected():
    before = _Cycle()
    gone = weakref.ref(before)
    del before  # garbage made before the freeze is collected by it, not frozen
    try:
        freeze_startup()
        assert gone() is None
        frozen = gc.get_freeze_count()
        assert frozen > 1000  # the interpreter's, Qt's and the test's objects
        later = _Cycle()
        collected = weakref.ref(later)
        del later
        gc.collect()
        assert collected() is None
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
