"""Python's garbage collector paused while worker threads run Python.

The collector runs on whichever thread happens to allocate, and freeing a
cycle that holds Qt objects off the GUI thread crashes the process. Every
worker thread (proposers, imports) holds :data:`PAUSE` from just before it
starts until the GUI thread has seen it finish, so the collector never runs
on a worker; it is enabled again, if it was enabled, when the last worker is
done. Holds and releases happen on the GUI thread only.
"""

from __future__ import annotations

import gc
import logging

log = logging.getLogger("annotator.gui.collector")


class CollectorPause:
    """A counted pause of the collector: enabled again after the last release."""

    def __init__(self) -> None:
        self._held = 0
        self._was_enabled = True

    @property
    def held(self) -> int:
        return self._held

    def hold(self) -> None:
        if self._held == 0:
            self._was_enabled = gc.isenabled()
            gc.disable()
        self._held += 1

    def release(self) -> None:
        if self._held == 0:
            log.warning("collector pause released more often than held")
            return
        self._held -= 1
        if self._held == 0 and self._was_enabled:
            gc.enable()


PAUSE = CollectorPause()


def freeze_startup() -> None:
    """Leave what start-up made out of every later collection.

    Qt's, PySide6's and the libraries' objects live as long as the process, yet
    each full collection walked all of them: some 40 ms, now and then in the
    middle of a key press. They are frozen here; objects made later are
    collected as before. Only the young generations are collected first: what
    start-up left as garbage is young, and a full collection would add some
    30 ms to start-up to find nothing.
    """
    gc.collect(1)
    gc.freeze()
    log.debug("%d objects frozen after start-up", gc.get_freeze_count())
