"""Outlines and rules drawn as filled strips: the article's frames, dashes and underlines.

A long article paints hundreds of these on every repaint. Qt's raster engine
strokes a pen (dashed most of all) through a path: about 0.2–0.5 ms for one
line-wide rectangle, so a screenful of suggestions took milliseconds a key
press. A frame filled as four thin strips costs a few microseconds. Dashes are
the same fill through a brush of diagonal stripes: a horizontal or vertical
strip through it is dashed (``ON`` pixels drawn, ``OFF`` left) wherever it lies.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QImage, QPainter

ON, OFF = 4, 2


@lru_cache(maxsize=256)
def _stripes(rgba: int) -> QBrush:
    size = ON + OFF
    texture = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    texture.fill(Qt.GlobalColor.transparent)
    color = QColor.fromRgba(rgba)
    for x in range(size):
        for y in range(size):
            if (x + y) % size < ON:
                texture.setPixelColor(x, y, color)
    return QBrush(texture)


def brush(color: QColor, dashed: bool = False) -> QBrush:
    """A solid brush of ``color``, or one that fills strips as dashes of it."""
    return _stripes(color.rgba()) if dashed else QBrush(color)


def frame(painter: QPainter, rect: QRectF, fill: QBrush, width: float = 1.0) -> None:
    """Outline ``rect`` on its inside with strips ``width`` thick."""
    left, top, right, bottom = rect.left(), rect.top(), rect.right(), rect.bottom()
    # Dashes start at the frame's corner, so they scroll with the text.
    painter.setBrushOrigin(QPointF(left, top))
    painter.fillRect(QRectF(left, top, rect.width(), width), fill)
    painter.fillRect(QRectF(left, bottom - width, rect.width(), width), fill)
    painter.fillRect(QRectF(left, top + width, width, rect.height() - 2 * width), fill)
    painter.fillRect(QRectF(right - width, top + width, width, rect.height() - 2 * width), fill)


def rule(
    painter: QPainter, left: float, right: float, y: float, fill: QBrush, width: float
) -> None:
    """A horizontal line from ``left`` to ``right`` centred on ``y``."""
    painter.setBrushOrigin(QPointF(left, y))
    painter.fillRect(QRectF(left, y - width / 2, right - left, width), fill)
