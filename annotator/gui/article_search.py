"""The search's hits in the open article: marked over the text, stepped through with F3.

Hits are drawn as the view's extra selections, a layer above the quote
highlights that the article view's own painting never touches.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextEdit

from annotator.core import search
from annotator.core.search import Query
from annotator.gui.article_view import ArticleView

# A marker-pen yellow with black text: readable over any quote colour, light or dark.
HIT_BACKGROUND = "#FFE14D"
HIT_TEXT = "#000000"
# Past this many hits only the first ones are marked (stepping still reaches them all).
MARKED_HITS = 2000


class ArticleSearch:
    """The hits of the current query in the article, and which one was stepped to last."""

    def __init__(self, view: ArticleView) -> None:
        self._view = view
        self._query: Query | None = None
        self._text = ""
        self.hits: list[tuple[int, int]] = []
        self.current = -1

    def set_query(self, query: Query | None) -> None:
        self._query = query if query else None
        self._find()

    def set_text(self, text: str) -> None:
        """A new article is open: find the hits in it."""
        self._text = text
        self._find()

    def _find(self) -> None:
        self.hits = search.find(self._text, self._query) if self._query is not None else []
        self.current = -1
        self._mark()

    def _mark(self) -> None:
        view = self._view
        selections = []
        for start, end in self.hits[:MARKED_HITS]:
            selection = QTextEdit.ExtraSelection()
            cursor = view.cursor_at(start)
            cursor.setPosition(view.offsets.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            look = QTextCharFormat()
            look.setBackground(QColor(HIT_BACKGROUND))
            look.setForeground(QColor(HIT_TEXT))
            selection.format = look
            selections.append(selection)
        view.setExtraSelections(selections)

    def step(self, step: int) -> bool:
        """Select the next (``step`` 1) or previous (-1) hit after the caret; False if none."""
        if not self.hits:
            return False
        if self.current < 0:
            caret = self._view.offsets.from_utf16(self._view.textCursor().selectionStart())
            after = [i for i, (start, _) in enumerate(self.hits) if start >= caret]
            if step > 0:
                self.current = after[0] if after else 0
            else:
                self.current = ((after[0] if after else len(self.hits)) - 1) % len(self.hits)
        else:
            self.current = (self.current + step) % len(self.hits)
        start, end = self.hits[self.current]
        self._view.scroll_to(start)
        # Selected, so Q makes the hit a quote.
        self._view.select(start, end)
        return True
