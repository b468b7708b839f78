"""The annotation flow's own commands: the quotation key, moving a piece's ends, clearing
the mention or cue, and remembering where the coder is as it changes.

Spans follow the project's span rule (:mod:`annotator.core.codebook`); each
edit is one core operation through :meth:`Session.apply`.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

from annotator.core import codebook
from annotator.core import quotes as quote_ops
from annotator.core.model import Quote, Span
from annotator.core.text import apply_rule, move_edge, quotation_around

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow

log = logging.getLogger("annotator.gui.flow")

# How long the view rests before its place is written down (scrolling writes once).
SCROLL_SETTLE_MS = 400


class Flow:
    """Quotation selection, piece edges, clearing, and the remembered position."""

    def __init__(self, window: MainWindow) -> None:
        self._window = window
        self._session = window.session
        self._article = window.article
        self._panel = window.panel
        self._settle = QTimer(window)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SCROLL_SETTLE_MS)
        self._settle.timeout.connect(self.remember)
        self._restoring = False
        self._article.verticalScrollBar().valueChanged.connect(lambda _: self._settle.start())
        self._article.piece_dragged.connect(self.drag_piece)

    def rule(self) -> codebook.SpanRule:
        return codebook.span_rule(self._session.store)

    def stored_span(self, start: int, end: int) -> Span | None:
        """A selection as the project's span rule stores it."""
        return apply_rule(self._article.text, start, end, self.rule())

    # -- the quotation key ----------------------------------------------------------------

    def select_quotation(self) -> None:
        """Select the quotation around the caret, as the span rule would store it."""
        caret = self._article.caret()
        span = quotation_around(self._article.text, caret, self.rule())
        if span is None:
            self._window.status.say("The caret is not inside quotation marks")
            return
        self._article.select(span.start, span.end)

    # -- moving a piece's ends ----------------------------------------------------------------

    def _piece(self, quote: Quote) -> Span:
        """The piece the caret is in (or at an end of); else the last piece."""
        caret = self._article.caret()
        for span in quote.spans:
            if span.start <= caret <= span.end:
                return span
        return quote.spans[-1]

    def move(self, edge: str, step: int, by_word: bool) -> None:
        quote = self._panel.quote
        if quote is None:
            self._window.status.say("No current quote: select text and press Q first")
            return
        piece = self._piece(quote)
        moved = move_edge(self._article.text, piece, edge, step, by_word, self.rule())
        if moved != piece and self._move_piece(quote.id, piece, moved):
            # The caret follows the moved end, so the next key moves the same piece.
            self._article.set_caret(moved.start if edge == "start" else moved.end)

    def drag_piece(self, quote_id: int, piece: Span, start: int, end: int) -> None:
        span = self.stored_span(min(start, end), max(start, end))
        if span is None or span == piece:
            return
        self._move_piece(quote_id, piece, span)

    def _move_piece(self, quote_id: int, piece: Span, to: Span) -> bool:
        quote = self._panel.quote
        if quote is not None and to != piece and any(to == span for span in quote.spans):
            self._window.status.say("Another piece of this quote is already there")
            return False
        return self._session.apply(quote_ops.move_piece, quote_id, piece, to) is not None

    # -- clearing ------------------------------------------------------------------------------

    def clear_mention(self) -> None:
        quote = self._panel.quote
        if quote is not None and quote.mention is not None:
            self._session.apply(quote_ops.set_mention, quote.id, None)

    def clear_cue(self) -> None:
        quote = self._panel.quote
        if quote is not None and quote.cue is not None:
            self._session.apply(quote_ops.set_cue, quote.id, None)

    # -- where the coder is ----------------------------------------------------------------------

    def remember(self) -> None:
        """Write down the document, the place in it and the current quote (a killed window
        reopens there)."""
        if self._restoring:
            return
        quote = self._panel.quote
        self._window.projects.remember_position(
            self._window.document_id,
            self._article.top_offset(),
            quote.id if quote is not None else None,
        )

    def restore_quote(self, quote_id: object) -> None:
        """Make the remembered quote current again, without scrolling away from the place."""
        if isinstance(quote_id, int) and quote_id in self._panel.model.quotes:
            self._restoring = True
            try:
                self._window.quote_commands.select_quote(quote_id, scroll=False)
            finally:
                self._restoring = False
