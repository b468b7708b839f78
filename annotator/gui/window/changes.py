"""Following a ``Change`` into the views: the text, the quote panel, the document list, legend.

Every edit, undo and redo comes back from the session as a
:class:`~annotator.core.model.Change`; this is the one place that decides
what each view redraws from it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

from annotator.core.model import Change
from annotator.gui import menus, plain
from annotator.gui.dialogs import sentence

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow


class ChangeRouter:
    """Refreshes the window's views from the session's ``changed`` and ``corpus_changed``."""

    def __init__(self, window: MainWindow) -> None:
        self._window = window
        # While undoing or redoing, the views follow the change into its document.
        self._following_undo = False
        # The open document's quotes as last shown: (document, quotes_stamp).
        self._shown: tuple[int, tuple[int, str | None]] | None = None
        # This window changed them since: the stamp is read when no one else has.
        self._stale = False

    def undo(self) -> None:
        self._follow(redo=False)

    def redo(self) -> None:
        self._follow(redo=True)

    def _follow(self, redo: bool) -> None:
        stack = self._window.session.undo_stack
        self._following_undo = True
        try:
            if redo and stack.canRedo():
                stack.redo()
            elif not redo and stack.canUndo():
                stack.undo()
        finally:
            self._following_undo = False

    def on_change(self, change: Change) -> None:
        window = self._window
        window.status.mark_saved()
        if change.labels:
            self._refresh_labels()
        if change.speakers or change.speakers_after or change.speakers_before:
            window.panel.refresh_speakers()
        # A new quote has no target: the targets used change only when a named one does.
        if {q.target for q in change.before if q.target} != {
            q.target for q in change.after if q.target
        }:
            window.panel.refresh_targets()
        touched = set(change.documents) | {q.document_id for q in (*change.before, *change.after)}
        if self._following_undo and window.document_id not in touched and len(touched) == 1:
            # Undo reaches back into another document: show it there.
            window.open_document(next(iter(touched)))
        elif change.before or change.after:
            after = [
                q
                for q in change.after
                if q.document_id == window.document_id and window.coders.shows(q)
            ]
            kept = {q.id for q in after}
            # A quote moved out of the layer shown leaves the views too.
            removed = [
                q.id
                for q in (*change.before, *change.after)
                if q.document_id == window.document_id and q.id not in kept
            ]
            window.article.update_quotes(removed, after)
            window.panel.update_quotes(removed, after)
            if self._following_undo and after:
                window.quote_commands.select_quote(after[0].id)
            elif window.panel.quote is not None and window.panel.quote.id in removed:
                window.quote_commands.select_quote(None)
        if change.labels or change.speakers or change.before or change.after:
            window.colours.update_legend()
        if change.labels or change.speakers:
            # Colours may have changed anywhere; quote edits repaint their own lines.
            window.article.viewport().update()
        window.documents.refresh(
            touched, statuses=bool(change.statuses_after), coders=_coders_added(change)
        )
        window.update_status()
        if window.document_id in touched:
            self._remember_shown()

    def on_corpus_changed(self) -> None:
        window = self._window
        # An import may bring speakers, stance targets and labels with its quotes.
        self._refresh_labels()
        window.panel.refresh_speakers()
        window.panel.refresh_targets()
        window.coders.fill()
        window.documents.reload()
        if window.document_id is None:
            ids = window.store.document_ids()
            if ids:
                window.open_document(ids[0])
        window.update_status()

    def on_changed_elsewhere(self) -> None:
        """Another program committed: show its documents, and its edits to the open one."""
        window = self._window
        self.on_corpus_changed()
        document_id = window.document_id
        if document_id is None:
            return
        if document_id not in window.store.document_ids():
            window.document_id = None
            self.on_corpus_changed()
            return
        stamp = (document_id, window.store.quotes_stamp(document_id))
        # Stale: this window and another program both changed the project since the
        # last watch, so what is shown cannot be told from the stamp; open it again.
        if self._stale or stamp != self._shown:
            top = window.article.top_offset()
            quote = window.panel.quote
            window.document_id = None  # open it again, from the project as it is now
            window.open_document(document_id)
            window.article.scroll_to_top(top)
            if quote is not None:
                window.flow.restore_quote(quote.id)
            self._shown = stamp
        self._stale = False

    def on_settled(self) -> None:
        """No other program committed since the last watch: what is shown is this
        window's own doing, so its stamp is the project's."""
        if self._stale:
            self._stale = False
            document_id = self._window.document_id
            if document_id is not None:
                self._shown = (document_id, self._window.store.quotes_stamp(document_id))

    def _remember_shown(self) -> None:
        # The stamp is a count over the document's quotes: read at the next watch
        # (twice a second), not on every key press.
        self._stale = True

    def on_failure(self, message: str) -> None:
        self._window.status.mark_not_saved()
        if QApplication.activeModalWidget() is not None:
            # The open dialog shows the message in its own message line.
            return
        # Core messages of a refused write say already that nothing was changed.
        said = "nothing was changed" in message.lower()
        after = (
            "The window keeps working."
            if said
            else "Nothing was changed; the window keeps working."
        )
        plain.warning(self._window, "Quote Annotator", f"{sentence(message)}\n\n{after}")

    def _refresh_labels(self) -> None:
        window = self._window
        window.panel.refresh_labels()
        window.shortcut_actions.set_labels(window.store.labels())
        menus.fill_quote_menu(window.menus.quote, window.shortcut_actions)


def _coders_added(change: Change) -> dict[int, set[int]] | None:
    """The annotators whose quotes a change added or edited, by document; None when a
    quote was deleted or moved to another annotator (a document may have lost one)."""
    after = {quote.id: quote for quote in change.after}
    for quote in change.before:
        kept = after.get(quote.id)
        if kept is None or kept.annotator_id != quote.annotator_id:
            return None
    coders: dict[int, set[int]] = {}
    for quote in change.after:
        if quote.annotator_id is not None:
            coders.setdefault(quote.document_id, set()).add(quote.annotator_id)
    return coders
