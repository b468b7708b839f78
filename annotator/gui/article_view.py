"""The read-only article text with its quotes painted over it.

Highlights are painted by the view itself, for the visible lines only, from a
sorted index of marks: opening a long article costs one ``setPlainText`` and
one sort, and adding a quote costs one insertion and one repaint, however many
quotes the article holds. Painting needs no :class:`Quote` objects; the
:class:`~annotator.core.marks.QuoteCache` builds one for a tooltip or a click.
All offsets in and out are code points into the stored text, converted
through :class:`~annotator.core.utf16.OffsetMap`.
"""

from __future__ import annotations

import html
from bisect import bisect_left, bisect_right, insort
from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QFocusEvent,
    QFont,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QRegion,
    QTextCursor,
    QTextOption,
)
from PySide6.QtWidgets import QPlainTextEdit, QToolTip, QWidget

from annotator.core.marks import (
    CONTENT,
    CUE,
    Look,
    Mark,
    QuoteCache,
    QuoteMarks,
    look_of,
    marks_of,
)
from annotator.core.model import Quote, Span
from annotator.core.text import word_around
from annotator.core.utf16 import OffsetMap
from annotator.gui import frames, palette
from annotator.gui.edge_drag import EdgeDrag
from annotator.gui.palette import QuoteLook
from annotator.gui.settings import font_size_within

# (first Qt position, length, top-left, layout) of a block on screen.
VisibleBlock = tuple[int, int, QPointF, object]
BAR = 3  # height of the coloured bar under each quote line, in pixels


class ArticleView(QPlainTextEdit):
    """Shows one document's text and quotes.

    Signals:
        quote_clicked(int): a click in a quote.
        piece_dragged(int, object, int, int): the current quote's piece (a
            :class:`Span`) had one of its ends dragged: quote id, the piece,
            and the new start and end (not yet snapped by the span rule).
    """

    quote_clicked = Signal(int)
    piece_dragged = Signal(int, object, int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setMouseTracking(True)
        self.document().setDocumentMargin(16)
        self.text = ""
        self.offsets = OffsetMap("")
        self.quotes = QuoteCache(QuoteMarks.from_quotes(()))
        self.current: int | None = None
        # Every content piece, mention and cue as (start, end, kind, quote id),
        # sorted; _longest bounds how far back a mark that reaches a range can start.
        self._sorted_marks: list[Mark] = []
        self._longest = 0
        # Each quote's marks and look, so edits and painting need no Quote.
        self._marks: dict[int, list[Mark]] = {}
        self._looks: dict[int, Look] = {}
        # Painters called after the text, for marks that are not quotes (suggestions).
        self.overlays: list[Callable[[], None]] = []
        self._color: Callable[[QuoteLook], str] = lambda quote: palette.speaker_color(
            quote.speaker_id
        )
        self._describe: Callable[[Quote], str] = lambda quote: ""
        self._edges = EdgeDrag(
            self, self._current_pieces, self.offset_at, self.select, self._piece_dragged
        )

    # -- content -----------------------------------------------------------------

    def set_document(self, text: str, quotes: Iterable[Quote] | QuoteMarks) -> None:
        self.text = text
        self.offsets = OffsetMap(text)
        self.current = None
        self.setPlainText(text)
        self.set_quotes(quotes)

    def set_quotes(self, quotes: Iterable[Quote] | QuoteMarks) -> None:
        marks = quotes if isinstance(quotes, QuoteMarks) else QuoteMarks.from_quotes(quotes)
        self.quotes = QuoteCache(marks)
        self._sorted_marks = list(marks.marks)
        self._looks = dict(marks.looks)
        by_quote: dict[int, list[Mark]] = {}
        longest = 0
        for mark in self._sorted_marks:
            found = by_quote.get(mark[3])
            if found is None:
                by_quote[mark[3]] = [mark]
            else:
                found.append(mark)
            if mark[1] - mark[0] > longest:
                longest = mark[1] - mark[0]
        self._marks = by_quote
        self._longest = longest
        self.viewport().update()

    def update_quotes(self, removed: Iterable[int], changed: Iterable[Quote]) -> None:
        """Drop and (re)place quotes one by one: only their spans move in the index.

        Only the lines they cover (with the quotes overlapping them) are repainted.
        """
        changed = list(changed)
        dirty: list[tuple[int, int]] = []
        for quote_id in [*removed, *(q.id for q in changed)]:
            # The old marks, not a Quote: one built now would already show the change.
            old = self._marks.pop(quote_id, None)
            self._looks.pop(quote_id, None)
            self.quotes.drop(quote_id)
            if old is not None:
                dirty.append(_extent(old))
                for entry in old:
                    index = bisect_left(self._sorted_marks, entry)
                    if index < len(self._sorted_marks) and self._sorted_marks[index] == entry:
                        del self._sorted_marks[index]
        for quote in changed:
            self.quotes.put(quote)
            self._looks[quote.id] = look_of(quote)
            marks = self._marks[quote.id] = marks_of(quote)
            dirty.append(_extent(marks))
            for entry in marks:
                insort(self._sorted_marks, entry)
                self._longest = max(self._longest, entry[1] - entry[0])
        if self.current is not None and self.current not in self._marks:
            self.current = None
        self.repaint_lines(dirty)

    def set_painters(
        self, color: Callable[[QuoteLook], str], describe: Callable[[Quote], str]
    ) -> None:
        """How to colour a quote (from its speaker and stance) and what its tooltip says."""
        self._color = color
        self._describe = describe
        self.viewport().update()

    def set_current(self, quote_id: int | None, scroll: bool = True) -> None:
        previous = self._marks.get(self.current) if self.current is not None else None
        self.current = quote_id if quote_id in self._marks else None
        if scroll and self.current is not None:
            self.reveal(*_content(self._marks[self.current]))
        outlined = [m for m in (previous, self._marks.get(self.current or -1)) if m is not None]
        self.repaint_lines([_extent(marks) for marks in outlined])

    def repaint_lines(self, ranges: Iterable[tuple[int, int]]) -> None:
        """Schedule a repaint of the whole lines that show these code-point ranges.

        Quotes overlapping a range share its lanes of colour bars, so their
        lines are included too. Off-screen ranges cost nothing.
        """
        blocks = self.visible_blocks()
        if not blocks:
            return
        first = self.offsets.from_utf16(blocks[0][0])
        last = self.offsets.from_utf16(blocks[-1][0] + blocks[-1][1] - 1)
        width = self.viewport().width()
        region = QRegion()
        for start, end in ranges:
            for entry_start, entry_end, _, _ in self._marks_within(start, end):
                start, end = min(start, entry_start), max(end, entry_end)
            start, end = max(start, first), min(end, last)
            if start > end:
                continue
            top = self.cursorRect(self.cursor_at(start)).top() - 2
            bottom = self.cursorRect(self.cursor_at(end)).bottom() + 2
            region += QRect(0, top, width, bottom - top + 1)
        if not region.isEmpty():
            self.viewport().update(region)

    def set_font_size(self, points: int) -> None:
        font = QFont(self.font())
        font.setPointSize(font_size_within(points))
        self.setFont(font)

    # -- positions -----------------------------------------------------------------

    def cursor_at(self, offset: int) -> QTextCursor:
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.offsets.to_utf16(offset))
        return cursor

    def point_at(self, offset: int) -> QPoint:
        """Viewport coordinates of the gap before code point ``offset``."""
        return self.cursorRect(self.cursor_at(offset)).center()

    def offset_at(self, point: QPoint) -> int:
        return self.offsets.from_utf16(self.cursorForPosition(point).position())

    def selection(self) -> Span | None:
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        return Span(
            self.offsets.from_utf16(cursor.selectionStart()),
            self.offsets.from_utf16(cursor.selectionEnd()),
        )

    def caret(self) -> int:
        return self.offsets.from_utf16(self.textCursor().position())

    def set_caret(self, offset: int) -> None:
        self.setTextCursor(self.cursor_at(offset))

    def select(self, start: int, end: int) -> None:
        cursor = self.cursor_at(start)
        cursor.setPosition(self.offsets.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def clear_selection(self) -> None:
        cursor = self.textCursor()
        cursor.clearSelection()
        self.setTextCursor(cursor)

    def scroll_to(self, offset: int) -> None:
        cursor = self.textCursor()
        cursor.setPosition(self.offsets.to_utf16(offset))
        self.setTextCursor(cursor)
        self.centerCursor()

    def reveal(self, start: int, end: int) -> None:
        """Scroll so ``[start, end)`` is wholly on screen, or starts at the top if taller.

        The caret goes to ``start``; nothing scrolls when the span is already in view.
        """
        self.setTextCursor(self.cursor_at(start))
        top = self.cursorRect(self.cursor_at(start)).top()
        bottom = self.cursorRect(self.cursor_at(end)).bottom()
        height = self.viewport().height()
        if top >= 0 and bottom <= height:
            return
        bar = self.verticalScrollBar()
        # Plain text edits scroll by lines: move a line at a time until it fits.
        if bottom - top > height or top < 0:
            self.scroll_to_top(start)
            return
        for _ in range(bar.maximum() - bar.value()):
            if self.cursorRect(self.cursor_at(end)).bottom() <= height:
                break
            bar.setValue(bar.value() + 1)

    def top_offset(self) -> int:
        """The code point at the top left of the view: where the reader is."""
        return self.offsets.from_utf16(self.cursorForPosition(QPoint(0, 0)).position())

    def scroll_to_top(self, offset: int) -> None:
        """Scroll so the line holding ``offset`` is the first one shown."""
        bar = self.verticalScrollBar()
        # From the bottom, making the caret visible scrolls up just until its
        # line is the top one.
        bar.setValue(bar.maximum())
        self.setTextCursor(self.cursor_at(offset))
        self.ensureCursorVisible()

    def quotes_at(self, offset: int) -> list[Quote]:
        """Quotes whose content covers ``offset``, innermost (shortest) first."""
        found = {
            quote_id
            for start, end, kind, quote_id in self._marks_within(offset, offset + 1)
            if kind == CONTENT and start <= offset < end
        }
        sizes = {i: _content(self._marks[i]) for i in found}
        ordered = sorted(found, key=lambda i: (sizes[i][1] - sizes[i][0], i))
        return [self.quotes[i] for i in ordered]

    # -- painting ----------------------------------------------------------------------

    def _marks_within(self, start: int, end: int) -> list[Mark]:
        """The marks overlapping ``[start, end)``: what to paint there, or what a click hits."""
        low = bisect_left(self._sorted_marks, (start - self._longest,))
        high = bisect_right(self._sorted_marks, (end, -1))
        return [
            entry for entry in self._sorted_marks[low:high] if entry[1] > start and entry[0] < end
        ]

    def visible_blocks(self) -> list[VisibleBlock]:
        """(first Qt position, length, top-left, layout) of each block on screen."""
        blocks: list[VisibleBlock] = []
        block = self.firstVisibleBlock()
        offset = self.contentOffset()
        height = self.viewport().height()
        while block.isValid():
            geometry = self.blockBoundingGeometry(block).translated(offset)
            if geometry.top() > height:
                break
            if block.isVisible():
                layout = block.layout()
                origin = geometry.topLeft() + layout.position()
                blocks.append((block.position(), block.length(), origin, layout))
            block = block.next()
        return blocks

    def _rects(self, start: int, end: int, blocks: list[VisibleBlock]) -> list[QRectF]:
        qt_start, qt_end = self.offsets.to_utf16(start), self.offsets.to_utf16(end)
        rects = []
        for position, length, origin, layout in blocks:
            a, b = max(qt_start - position, 0), min(qt_end - position, length - 1)
            if a >= b:
                continue
            # From the line holding the start, not the block's first: a paragraph
            # may run to hundreds of lines.
            first = layout.lineForTextPosition(a)  # type: ignore[attr-defined]
            lines = layout.lineCount()  # type: ignore[attr-defined]
            for index in range(first.lineNumber() if first.isValid() else 0, lines):
                line = layout.lineAt(index)  # type: ignore[attr-defined]
                line_start = line.textStart()
                if line_start >= b:
                    break
                line_end = line_start + line.textLength()
                left, right = max(a, line_start), min(b, line_end)
                if left >= right:
                    continue
                x1 = line.cursorToX(left)[0]
                x2 = line.cursorToX(right)[0]
                rects.append(QRectF(origin.x() + x1, origin.y() + line.y(), x2 - x1, line.height()))
        return rects

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        if self._sorted_marks:
            blocks = self.visible_blocks()
            if blocks:
                # What the viewport shows, not whole blocks: a paragraph may be long.
                # Lanes are shared out over all of it, so a partial repaint keeps
                # every bar where a full one puts it; only the dirty lines are measured.
                viewport = self.viewport().rect()
                first = self.offset_at(viewport.topLeft())
                last = self.offset_at(viewport.bottomRight()) + 1
                dirty = event.rect()
                if dirty.contains(viewport):
                    shown = (first, last)
                else:
                    shown = (
                        self.offset_at(QPoint(0, dirty.top())),
                        self.offset_at(QPoint(viewport.right(), dirty.bottom())) + 1,
                    )
                self._paint_highlights(self._marks_within(first, last), blocks, shown)
        super().paintEvent(event)
        for overlay in self.overlays:
            overlay()

    def shown_range(self) -> tuple[int, int]:
        """The code points the viewport shows, from its top left to its bottom right."""
        viewport = self.viewport().rect()
        return self.offset_at(viewport.topLeft()), self.offset_at(viewport.bottomRight()) + 1

    def span_rects(
        self, start: int, end: int, blocks: list[VisibleBlock] | None = None
    ) -> list[QRectF]:
        """Where ``[start, end)`` lies on screen, one rectangle per visible line piece.

        ``blocks`` are :meth:`visible_blocks`, when asked once for many spans.
        """
        return self._rects(start, end, self.visible_blocks() if blocks is None else blocks)

    def _paint_highlights(
        self,
        entries: list[Mark],
        blocks: list[VisibleBlock],
        shown: tuple[int, int],
    ) -> None:
        dark = palette.is_dark(self.palette())
        painter = QPainter(self.viewport())
        # Overlapping quotes get separate lanes for their bars, so each stays visible.
        lanes: dict[int, int] = {}
        lane_ends: list[int] = []
        current_rects: list[QRectF] = []
        # Pieces of split quotes share a dashed outline in their colour, so two pieces
        # read as one quote and not as two quotes by the same speaker.
        pieces: list[tuple[str, list[QRectF]]] = []
        colors: dict[int, str] = {}
        for start, end, kind, quote_id in entries:
            if kind == CONTENT and quote_id not in lanes:
                lane = next((i for i, e in enumerate(lane_ends) if e <= start), len(lane_ends))
                if lane == len(lane_ends):
                    lane_ends.append(end)
                lane_ends[lane] = max(end, _content(self._marks[quote_id])[1])
                lanes[quote_id] = lane
            if end <= shown[0] or start >= shown[1]:
                continue
            color = colors.get(quote_id)
            if color is None:
                color = colors[quote_id] = self._color(QuoteLook(*self._looks[quote_id]))
            rects = self._rects(start, end, blocks)
            if kind == CONTENT:
                lane = lanes[quote_id]
                for rect in rects:
                    painter.fillRect(rect, palette.fill(color, dark))
                    bar = QRectF(rect.left(), rect.bottom() - BAR * (lane + 1), rect.width(), BAR)
                    painter.fillRect(bar, palette.line(color, dark))
                if quote_id == self.current:
                    current_rects.extend(rects)
                elif self._pieces(quote_id) > 1:
                    pieces.append((color, rects))
            else:
                # A mention is underlined, a cue underlined in dashes.
                underline = frames.brush(palette.line(color, dark), dashed=kind == CUE)
                for rect in rects:
                    frames.rule(painter, rect.left(), rect.right(), rect.bottom() - 1, underline, 2)
        for color, rects in pieces:
            outline = frames.brush(palette.line(color, dark), dashed=True)
            for rect in rects:
                frames.frame(painter, rect.adjusted(-2, 1, 2, 0), outline, 2)
        if current_rects:
            outline = frames.brush(self.palette().text().color())
            for rect in current_rects:
                # Inset from the top so the frame is not read as an underline
                # of the line above.
                frames.frame(painter, rect.adjusted(-2, 1, 2, 0), outline, 2)
        painter.end()

    def _pieces(self, quote_id: int) -> int:
        return sum(1 for mark in self._marks.get(quote_id, ()) if mark[2] == CONTENT)

    # -- events ------------------------------------------------------------------------

    def _rect_at(self, offset: int) -> QRect:
        return self.cursorRect(self.cursor_at(offset))

    def _current_pieces(self) -> list[Span]:
        if self.current is None:
            return []
        return [Span(m[0], m[1]) for m in self._marks.get(self.current, ()) if m[2] == CONTENT]

    def _piece_dragged(self, piece: Span, start: int, end: int) -> None:
        self.clear_selection()
        if self.current is not None:
            self.piece_dragged.emit(self.current, piece, start, end)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if self._edges.press(event, self._rect_at):
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if self._edges.move(event, self._rect_at):
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        # A word by the same rule as everywhere else: never its quotation marks.
        if event.button() == Qt.MouseButton.LeftButton:
            word = word_around(self.text, self.offset_at(event.position().toPoint()))
            if word is not None:
                self.select(word.start, word.end)
                event.accept()
                return
        super().mouseDoubleClickEvent(event)

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            found = self.quotes_at(self.offset_at(event.pos()))
            if found:
                QToolTip.showText(
                    event.globalPos(),
                    "<br>".join(html.escape(self._describe(quote)) for quote in found),
                    self.viewport(),
                )
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if self._edges.release(event):
            event.accept()
            return
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and not self.textCursor().hasSelection():
            found = self.quotes_at(self.offset_at(event.position().toPoint()))
            if found:
                # Clicking again cycles through quotes nested at that point.
                ids = [quote.id for quote in found]
                index = (ids.index(self.current) + 1) % len(ids) if self.current in ids else 0
                self.quote_clicked.emit(ids[index])

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        self._without_full_repaint(lambda: super(ArticleView, self).focusInEvent(event))

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        self._without_full_repaint(lambda: super(ArticleView, self).focusOutEvent(event))

    def _without_full_repaint(self, handle: Callable[[], None]) -> None:
        """Run a focus handler, repainting only the frame where Qt would repaint everything.

        QWidget repaints a widget whole when it gains or loses focus, and with
        it the scroll bar inside: about a millisecond each time Q hands the
        keyboard to the speaker box. Only a frame can show focus; the caret and
        the selection repaint themselves in the viewport.
        """
        self.setAttribute(Qt.WidgetAttribute.WA_UpdatesDisabled, True)
        try:
            handle()
        finally:
            self.setAttribute(Qt.WidgetAttribute.WA_UpdatesDisabled, False)
        if self.frameWidth():
            self.update(QRegion(self.rect()) - QRegion(self.contentsRect()))

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: A002, N802 - Qt override
        # Tab and Shift+Tab move between quotes (window actions), not out of the text.
        return False


def _extent(marks: list[Mark]) -> tuple[int, int]:
    """The code points a quote paints on: its pieces, mention and cue."""
    return min(mark[0] for mark in marks), max(mark[1] for mark in marks)


def _content(marks: list[Mark]) -> tuple[int, int]:
    """Where a quote's content starts and ends (``Quote.start`` and ``Quote.end``)."""
    pieces = [mark for mark in marks if mark[2] == CONTENT]
    return min(mark[0] for mark in pieces), max(mark[1] for mark in pieces)
