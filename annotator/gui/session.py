"""The open project as the window sees it: the store, the undo stack, change signals.

Every edit the window makes goes through :meth:`Session.apply`, which runs one
core mutation, records its :class:`~annotator.core.model.Change` on the
``QUndoStack`` and emits :attr:`Session.changed` so views refresh from the
description of what changed. Undo and redo call :func:`annotator.core.undo.revert`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from annotator.core import undo
from annotator.core.errors import AnnotatorError
from annotator.core.model import Change
from annotator.core.store import Store

log = logging.getLogger("annotator.gui.session")


class ChangeCommand(QUndoCommand):
    """An undo-stack entry holding a change that has already been applied."""

    def __init__(self, session: Session, change: Change) -> None:
        super().__init__(change.description)
        self._session = session
        self._change = change
        self._applied = True

    def redo(self) -> None:
        if self._applied:  # pushed right after the core applied it
            return
        self._flip(applied=True)

    def undo(self) -> None:
        self._flip(applied=False)

    def _flip(self, applied: bool) -> None:
        reverted = self._session._revert(self._change)
        if reverted is None:
            # The core refused (a read-only file, say) and the store is as it
            # was: the stack drops this step rather than pretend it moved.
            self.setObsolete(True)
            return
        self._change = reverted
        self._applied = applied


class Session(QObject):
    """Owns the store for the window's lifetime.

    Signals:
        changed(Change): after any edit, undo or redo, with what it touched.
        corpus_changed(): documents were added (an import): reload lists and counts.
        failed(str): a core error message, for the window to show.
    """

    changed = Signal(object)
    corpus_changed = Signal()
    failed = Signal(str)

    def __init__(
        self, store: Store, annotator: str | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.annotator = annotator
        self.undo_stack = QUndoStack(self)
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
        ``None`` is returned.
        """
        if self.guard is not None and not self.guard(operation, args):
            return None
        try:
            change = operation(self.store, *args, **kwargs)
        except AnnotatorError as error:
            log.info("refused: %s", error)
            self.failed.emit(str(error))
            return None
        if _is_empty(change):
            return change
        self.undo_stack.push(ChangeCommand(self, change))
        self.changed.emit(change)
        return change

    def _revert(self, change: Change) -> Change | None:
        try:
            reverted = undo.revert(self.store, change)
        except AnnotatorError as error:
            self.failed.emit(str(error))
            return None
        self.changed.emit(reverted)
        return reverted


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
