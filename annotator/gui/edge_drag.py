"""Dragging an end of the current quote's piece in the article view.

A press within a few pixels of a piece's start or end grabs that end; the
drag shows the new extent as a selection, and the release reports it (the
window snaps it by the span rule and stores it). Elsewhere the mouse selects
text as usual; over an end the pointer says it can be dragged.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QPlainTextEdit

from annotator.core.model import Span

GRIP = 4  # how near (pixels) to an end a press grabs it


class EdgeDrag:
    """The drag state of one view. ``pieces`` gives the current quote's pieces (or none),
    ``offset_at`` the code point at a point, ``select`` shows an extent, and
    ``dragged(piece, start, end)`` receives a finished drag. The event methods take
    ``rect_at``: the caret rectangle before a code point."""

    def __init__(
        self,
        view: QPlainTextEdit,
        pieces: Callable[[], Iterable[Span]],
        offset_at: Callable[[QPoint], int],
        select: Callable[[int, int], None],
        dragged: Callable[[Span, int, int], None],
    ) -> None:
        self._view = view
        self._pieces = pieces
        self._offset_at = offset_at
        self._select = select
        self._dragged = dragged
        # While dragging: the piece, which end ("start" or "end"), and where it is now.
        self._drag: tuple[Span, str, int] | None = None

    def edge_at(self, point: QPoint, rect_at: Callable[[int], QRect]) -> tuple[Span, str] | None:
        for piece in self._pieces():
            for edge, offset in (("start", piece.start), ("end", piece.end)):
                rect = rect_at(offset)
                if abs(rect.center().x() - point.x()) <= GRIP and (
                    rect.top() <= point.y() <= rect.bottom()
                ):
                    return piece, edge
        return None

    def press(self, event: QMouseEvent, rect_at: Callable[[int], QRect]) -> bool:
        """Whether the press grabbed an end (the view then does nothing else with it)."""
        if event.button() != Qt.MouseButton.LeftButton:
            return False
        found = self.edge_at(event.position().toPoint(), rect_at)
        if found is None:
            return False
        piece, edge = found
        self._drag = (piece, edge, piece.start if edge == "start" else piece.end)
        return True

    def move(self, event: QMouseEvent, rect_at: Callable[[int], QRect]) -> bool:
        point = event.position().toPoint()
        if self._drag is None:
            hover = self.edge_at(point, rect_at) is not None
            self._view.viewport().setCursor(
                Qt.CursorShape.SizeHorCursor if hover else Qt.CursorShape.IBeamCursor
            )
            return False
        piece, edge, _ = self._drag
        offset = self._offset_at(point)
        self._drag = (piece, edge, offset)
        start, end = _extent(piece, edge, offset)
        if start < end:
            self._select(start, end)
        return True

    def release(self, event: QMouseEvent) -> bool:
        if self._drag is None or event.button() != Qt.MouseButton.LeftButton:
            return False
        piece, edge, offset = self._drag
        self._drag = None
        start, end = _extent(piece, edge, offset)
        if start < end and Span(start, end) != piece:
            self._dragged(piece, start, end)
        return True


def _extent(piece: Span, edge: str, offset: int) -> tuple[int, int]:
    return (offset, piece.end) if edge == "start" else (piece.start, offset)
