"""The open project as the window sees it: the store, the undo stack, change signals.

Every edit the window makes goes through :meth:`Session.apply`, which runs one
core mutation, records its :class:`~annotator.core.model.Change` on the
``QUndoStack`` and emits :attr:`Session.changed` so views refresh from the
description of what changed. Undo and redo call :func:`annotator.core.undo.revert`.

Other programs write to the same file (the command line, a second window).
The session never lets the window wait for their write lock longer than a
frame: a write that finds the project busy is queued and retried on a timer,
in order, while :attr:`Session.waiting` says so. A timer also watches SQLite's
``data_version`` and emits :attr:`Session.changed_elsewhere` when another
program has committed, and notes whether another window has the project open.
"""

from __future__ import annotations

import logging
import sqlite3
import time
import weakref
from collections import deque
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from annotator.core import undo
from annotator.core.errors import AnnotatorError, ProjectBusy
from annotator.core.model import Change
from annotator.core.presence import Presence
from annotator.core.store import Store

# A write waits this long for another program's lock on the window's thread (a frame)...
LOCK_WAIT_MS = 15
# ...then is queued and tried again this often, for at most this long.
RETRY_MS = 100
GIVE_UP_SECONDS = 60.0
# How often the window looks for other programs' commits (one cheap PRAGMA).
WATCH_MS = 500

log = logging.getLogger("annotator.gui.session")


class ChangeCommand(QUndoCommand):
    """An undo-stack entry holding a change that has already been applied."""

    def __init__(self, session: Session, change: Change) -> None:
        super().__init__(change.description)
        # Not a strong reference: the session owns the stack that owns this
        # command, and a cycle through Qt objects would leave their deletion
        # order to Python's collector, which deleted commands twice (a crash).
        self._session = weakref.ref(session)
        self._change = change
        self._applied = True

    def redo(self) -> None:
        if self._applied:  # pushed right after the core applied it
            return
        self._flip(applied=True)

    def undo(self) -> None:
        self._flip(applied=False)

    def _flip(self, applied: bool) -> None:
        self._applied = applied
        session = self._session()
        if session is None:
            return
        reverted = session._revert(self._change, self)
        if reverted is None:
            # The core refused (a read-only file, say) and the store is as it
            # was: the stack drops this step rather than pretend it moved.
            self.setObsolete(True)
        elif reverted is not _QUEUED:
            self._change = reverted

    def reverted_later(self, change: Change) -> None:
        """A queued undo or redo went through after the project was busy."""
        self._change = change


# What _revert returns when the project was busy and the revert waits in the queue.
_QUEUED = Change("queued")


class Session(QObject):
    """Owns the store for the window's lifetime.

    Signals:
        changed(Change): after any edit, undo or redo, with what it touched.
        corpus_changed(): documents were added (an import): reload lists and counts.
        changed_elsewhere(): another program committed: reload what is shown.
        settled(): a watch found no other program's commit since the last one.
        failed(str): a core error message, for the window to show.
        waiting(str): writes are queued behind another program's lock ("" when done).
        elsewhere(bool): whether another window has the project open.
    """

    changed = Signal(object)
    corpus_changed = Signal()
    changed_elsewhere = Signal()
    settled = Signal()
    failed = Signal(str)
    waiting = Signal(str)
    elsewhere = Signal(bool)

    def __init__(
        self, store: Store, annotator: str | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.annotator = annotator
        self.undo_stack = QUndoStack(self)
        # Writes that found the project busy, oldest first: each returns False
        # while the project is still busy.
        self._queue: deque[Callable[[], bool]] = deque()
        self._queued_since = 0.0
        self._retry = QTimer(self)
        self._retry.setInterval(RETRY_MS)
        self._retry.timeout.connect(self._drain)
        self._version = 0
        self._presence: Presence | None = None
        self.others_here: bool | None = None
        if store.path is not None:
            store.wait_for_lock(LOCK_WAIT_MS)
            self._version = store.data_version()
            self._presence = Presence(store.path)
            self.others_here = self._presence.others()
            self._watch = QTimer(self)
            self._watch.setInterval(WATCH_MS)
            self._watch.timeout.connect(self.look_for_others)
            self._watch.start()
        # Asked before each operation with its arguments; False stops it (the
        # window's coder layers ask before one coder edits another's quotes).
        self.guard: Callable[[Callable[..., Change], tuple[Any, ...]], bool] | None = None

    @property
    def annotator(self) -> str | None:
        """Who is annotating; quote edits record them as ``changed_by``."""
        return self.store.acting

    @annotator.setter
    def annotator(self, name: str | None) -> None:
        self.store.acting = name

    def apply(self, operation: Callable[..., Change], *args: Any, **kwargs: Any) -> Change | None:
        """Run one core mutation; on success push it for undo and emit ``changed``.

        A core error is emitted as ``failed`` (the store is unchanged) and
        ``None`` is returned. When another program holds the write lock the
        mutation is queued and ``None`` returned; it is applied (and
        ``changed`` emitted) when the lock is free.
        """
        if self.guard is not None and not self.guard(operation, args):
            return None

        done: list[Change | None] = []

        def attempt() -> bool:
            try:
                change = operation(self.store, *args, **kwargs)
            except ProjectBusy:
                return False
            except AnnotatorError as error:
                log.info("refused: %s", error)
                self.failed.emit(str(error))
                done.append(None)
                return True
            if not _is_empty(change):
                self.undo_stack.push(ChangeCommand(self, change))
                self.changed.emit(change)
            done.append(change)
            return True

        if self._queue or not attempt():
            self._enqueue(attempt)
            return None
        return done[0]

    def _revert(self, change: Change, command: ChangeCommand) -> Change | None:
        outcome: list[Change | None] = []

        def attempt() -> bool:
            try:
                reverted = undo.revert(self.store, change)
            except ProjectBusy:
                return False
            except AnnotatorError as error:
                self.failed.emit(str(error))
                outcome.append(None)
                return True
            outcome.append(reverted)
            if queued:
                command.reverted_later(reverted)
            self.changed.emit(reverted)
            return True

        queued = False
        if not self._queue and attempt():
            return outcome[0]
        queued = True
        self._enqueue(attempt)
        return _QUEUED

    def _enqueue(self, attempt: Callable[[], bool]) -> None:
        if not self._queue:
            self._queued_since = time.monotonic()
            self._retry.start()
        self._queue.append(attempt)
        self.waiting.emit(
            "Another program is writing to the project; your change is saved as soon as it finishes"
        )

    def _drain(self) -> None:
        while self._queue:
            if not self._queue[0]():
                if time.monotonic() - self._queued_since > GIVE_UP_SECONDS:
                    self._give_up()
                return
            self._queue.popleft()
            self._queued_since = time.monotonic()
        self._retry.stop()
        self.waiting.emit("")

    def _give_up(self) -> None:
        count = len(self._queue)
        self._queue.clear()
        self._retry.stop()
        self.waiting.emit("")
        self.failed.emit(
            f"the project file was busy in another program for over a minute; {count} "
            f"change{'s' if count != 1 else ''} could not be saved. Try again"
        )

    def look_for_others(self) -> None:
        """Notice other programs' commits and other windows (the watch timer calls this)."""
        try:
            version = self.store.data_version()
        except sqlite3.Error:  # the store was closed: nothing left to watch
            self._watch.stop()
            return
        if version != self._version:
            self._version = version
            # Labels may have been added or edited; documents and quotes are read fresh.
            self.store.forget_labels()
            self.changed_elsewhere.emit()
        else:
            self.settled.emit()
        if self._presence is not None:
            others = self._presence.others()
            if others != self.others_here:
                self.others_here = others
                self.elsewhere.emit(bool(others))

    def close(self) -> None:
        """Stop watching and leave the project (the window closes the store)."""
        # The commands go while everything they point at is still there.
        self.undo_stack.clear()
        if self._presence is not None:
            self._watch.stop()
            self._presence.close()
            self._presence = None


def _is_empty(change: Change) -> bool:
    return not (
        change.before
        or change.after
        or change.speakers_before
        or change.speakers_after
        or change.labels_before
        or change.labels_after
        or change.statuses_before
        or change.statuses_after
        or change.suggestions_after
    )
