"""Suggestions painted over the article: a dashed outline per piece, the speaker on the current one.

Called by :class:`~annotator.gui.article_view.ArticleView` after it paints
the text (see ``ArticleView.overlays``); it never changes the text or the
quotes' highlights.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen

from annotator.core.suggestions import Suggestion
from annotator.gui.article_view import ArticleView


class SuggestionMarks:
    """Paints one document's open suggestions on an article view."""

    def __init__(self, view: ArticleView) -> None:
        self._view = view
        self.items: list[Suggestion] = []
        self.current: int | None = None
        view.overlays.append(self.paint)

    def set_suggestions(self, items: Sequence[Suggestion], current: int | None) -> None:
        self.items = list(items)
        self.current = current
        self._view.viewport().update()

    def paint(self) -> None:
        if not self.items:
            return
        view = self._view
        text_color = view.palette().text().color()
        outline = QColor(text_color)
        outline.setAlphaF(0.55)
        accent = view.palette().highlight().color()
        painter = QPainter(view.viewport())
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for item in self.items:
            is_current = item.id == self.current
            pen = QPen(accent if is_current else outline, 2 if is_current else 1)
            pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            first: QRectF | None = None
            for span in item.spans:
                for rect in view.span_rects(span.start, span.end):
                    painter.drawRect(rect.adjusted(-1, 1, 1, -1))
                    first = first or rect
            if is_current and first is not None and item.speaker:
                self._tag(painter, first, item.speaker, accent)
        painter.end()

    def _tag(self, painter: QPainter, rect: QRectF, speaker: str, color: QColor) -> None:
        """The suggested speaker in small type just above the suggestion's first line."""
        font = QFont(self._view.font())
        font.setPointSizeF(max(6.0, font.pointSizeF() * 0.75))
        metrics = QFontMetricsF(font)
        label = f"{speaker}?"
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
