"""The commands that make and edit quotes from the text selection, and move between quotes.

Each edit is one core operation run through :meth:`Session.apply`; the views
follow the ``Change`` it returns (see :mod:`annotator.gui.window.changes`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from annotator.core import quotes as quote_ops
from annotator.core.model import Change, Quote

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow


class QuoteCommands:
    """Make quote, speaker mention, cue, add piece, delete, next and previous quote."""

    def __init__(self, window: MainWindow) -> None:
        self._window = window
        self._session = window.session
        self._article = window.article
        self._panel = window.panel

    def make_quote(self) -> None:
        span = self._snapped()
        document_id = self._window.document_id
        if span is None or document_id is None:
            return
        change = self._session.apply(
            quote_ops.add_quote, document_id, [span], annotator=self._session.annotator
        )
        if change is not None and change.after:
            self._article.clear_selection()
            self.select_quote(change.after[0].id, scroll=False)
            # The speaker the text names is offered: Enter takes it.
            self._panel.focus_speaker(suggest=True)

    def set_mention(self) -> None:
        change = self._edit_current(quote_ops.set_mention)
        # An alias added, a speaker created or kept: say so (Ctrl+Z undoes it).
        if change is not None and change.description != "set speaker mention":
            self._window.status.say(change.description.removeprefix("set speaker mention; "))

    def set_cue(self) -> None:
        self._edit_current(quote_ops.set_cue)

    def add_piece(self) -> None:
        self._edit_current(quote_ops.add_span)

    def delete_quote(self) -> None:
        quote = self._current_quote()
        if quote is not None:
            following = self._neighbour_quote(quote, 1) or self._neighbour_quote(quote, -1)
            if self._session.apply(quote_ops.delete_quote, quote.id) is not None:
                self.select_quote(following.id if following else None)

    def step_quote(self, step: int) -> None:
        target = self._neighbour_quote(self._panel.quote, step)
        if target is not None:
            self.select_quote(target.id)

    def select_quote(self, quote_id: int | None, scroll: bool = True) -> None:
        """Make a quote (or none) the current one, in the panel and in the text."""
        quote = self._panel.model.quotes.get(quote_id) if quote_id is not None else None
        self._panel.show_quote(quote)
        self._article.set_current(quote.id if quote else None, scroll=scroll)
        self._window.update_status()
        self._window.flow.remember()

    def _edit_current(self, operation: Callable[..., Change]) -> Change | None:
        quote = self._current_quote()
        span = self._snapped() if quote is not None else None
        if quote is None or span is None:
            return None
        change = self._session.apply(operation, quote.id, span)
        if change is not None:
            self._article.clear_selection()
        return change

    def _snapped(self) -> tuple[int, int] | None:
        selection = self._article.selection()
        if selection is None:
            self._window.status.say("Select some text first")
            return None
        span = self._window.flow.stored_span(selection.start, selection.end)
        if span is None:
            self._window.status.say("The selection holds no words")
            return None
        return span.start, span.end

    def _current_quote(self) -> Quote | None:
        quote = self._panel.quote
        if quote is None:
            self._window.status.say("No current quote: select text and press Q first")
        return quote

    def _neighbour_quote(self, quote: Quote | None, step: int) -> Quote | None:
        model = self._panel.model
        if not model.rowCount():
            return None
        if quote is None or quote.id not in model.quotes:
            row = 0 if step > 0 else model.rowCount() - 1
        else:
            row = model.row_of(quote.id) + step
        return model.quote_at(row) if 0 <= row < model.rowCount() else None
