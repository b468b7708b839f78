"""Suggestions painted over the article: a dashed outline per piece, the speaker on the current one.

Called by :class:`~annotator.gui.article_view.ArticleView` after it paints
the text (see ``ArticleView.overlays``); it never changes the text or the
quotes' highlights.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter

from annotator.core.suggestions import Suggestion
from annotator.gui import frames
from annotator.gui.article_view import ArticleView


class SuggestionMarks:
    """Paints one document's open suggestions on an article view."""

    def __init__(self, view: ArticleView) -> None:
        self._view = view
        self.items: list[Suggestion] = []
        self.current: int | None = None
        self._starts: list[int] = []
        self._longest = 0
        view.overlays.append(self.paint)

    def set_suggestions(self, items: Sequence[Suggestion], current: int | None) -> None:
        self.items = sorted(items, key=lambda item: item.start)
        self.current = current
        # Where each starts, and how far back one that reaches a line can start.
        self._starts = [item.start for item in self.items]
        self._longest = max((item.end - item.start for item in self.items), default=0)
        self._view.viewport().update()

    def covering(self, spans: Sequence[tuple[int, int]]) -> set[int]:
        """Ids of the suggestions with a piece overlapping one of ``spans``."""
        found: set[int] = set()
        for start, end in spans:
            low = bisect_left(self._starts, start - self._longest)
            for item in self.items[low : bisect_left(self._starts, end)]:
                if any(piece.start < end and start < piece.end for piece in item.spans):
                    found.add(item.id)
        return found

    def drop(self, ids: set[int], current: int | None) -> None:
        """No longer show these suggestions (the rest stay in order, nothing is re-read)."""
        kept = [n for n, item in enumerate(self.items) if item.id not in ids]
        gone = [(item.start, item.end) for item in self.items if item.id in ids]
        self.items = [self.items[n] for n in kept]
        self._starts = [self._starts[n] for n in kept]
        moved = current != self.current
        self.current = current
        if moved:
            # The current one's tag stands above its first line, outside the lines
            # repainted below, and the new current one needs its tag drawn.
            self._view.viewport().update()
        else:
            # Their lines only: a whole repaint of a long article costs more than the change.
            self._view.repaint_lines(gone)

    def paint(self) -> None:
        if not self.items:
            return
        view = self._view
        text_color = view.palette().text().color()
        outline = QColor(text_color)
        outline.setAlphaF(0.55)
        accent = view.palette().highlight().color()
        # Only what the viewport shows: a long article may hold thousands.
        shown_from, shown_to = view.shown_range()
        blocks = view.visible_blocks()
        dashes, current_dashes = frames.brush(outline, dashed=True), frames.brush(accent, True)
        painter = QPainter(view.viewport())
        low = bisect_left(self._starts, shown_from - self._longest)
        high = bisect_left(self._starts, shown_to)
        for item in self.items[low:high]:
            if item.end <= shown_from:
                continue
            is_current = item.id == self.current
            width = 2 if is_current else 1
            grow = 1 + width / 2
            first: QRectF | None = None
            for span in item.spans:
                for rect in view.span_rects(span.start, span.end, blocks):
                    # Inset a line's height a little, so lines above and below stay apart.
                    outer = rect.adjusted(-grow, 2 - grow, grow, grow - 2)
                    frames.frame(painter, outer, current_dashes if is_current else dashes, width)
                    first = first or rect
            if is_current and first is not None:
                self._tag(painter, first, tag_text(item.speaker), accent)
        painter.end()

    def _tag(self, painter: QPainter, rect: QRectF, label: str, color: QColor) -> None:
        """``label`` in small type just above the suggestion's first line."""
        font = QFont(self._view.font())
        font.setPointSizeF(max(6.0, font.pointSizeF() * 0.75))
        metrics = QFontMetricsF(font)
        box = QRectF(
            rect.left(),
            rect.top() - metrics.height(),
            metrics.horizontalAdvance(label) + 6,
            metrics.height(),
        )
        painter.fillRect(box, color)
        painter.setFont(font)
        painter.setPen(self._view.palette().highlightedText().color())
        painter.drawText(box.topLeft() + QPointF(3, metrics.ascent()), label)


def tag_text(speaker: str) -> str:
    """What the current suggestion's tag says: its speaker, or that it has none, so the
    current one is marked even when the engine found no one."""
    return f"{speaker}?" if speaker else "Suggested quote: who said it?"
