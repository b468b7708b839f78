"""Frames, dashes and underlines filled as strips."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter

from annotator.gui import frames

RED = QColor(200, 0, 0)


def _draw(draw) -> QImage:
    image = QImage(120, 60, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    draw(painter)
    painter.end()
    return image


def _row(image: QImage, y: int, start: int, end: int) -> str:
    """Pixels of row ``y`` from ``start`` to ``end``: ``#`` painted, ``.`` not."""
    return "".join(
        "." if image.pixelColor(x, y) == QColor("white") else "#" for x in range(start, end)
    )


def test_a_solid_frame_outlines_the_rectangle_on_its_inside():
    image = _draw(lambda p: frames.frame(p, QRectF(10, 10, 40, 20), frames.brush(RED), 2))
    assert _row(image, 10, 8, 52) == ".." + "#" * 40 + ".."
    assert _row(image, 20, 8, 52) == ".." + "##" + "." * 36 + "##" + ".."
    assert image.pixelColor(30, 20) == QColor("white")  # the inside is left as it was
    assert image.pixelColor(30, 29) == RED and image.pixelColor(30, 30) == QColor("white")


def test_dashes_have_gaps_and_start_at_the_frames_corner():
    dashed = frames.brush(RED, dashed=True)
    image = _draw(
        lambda p: (
            frames.frame(p, QRectF(10, 10, 40, 10), dashed, 1),
            frames.frame(p, QRectF(13, 30, 40, 10), dashed, 1),
        )
    )
    top_edge = _row(image, 10, 10, 50)
    assert "#" * frames.ON in top_edge and "." * frames.OFF in top_edge
    assert top_edge.startswith("#" * frames.ON + "." * frames.OFF)
    # The same dashes three pixels further right: anchored to each frame, not the widget.
    assert _row(image, 30, 13, 53) == top_edge


def test_a_rule_is_a_line_of_its_width_centred_on_y():
    image = _draw(lambda p: frames.rule(p, 10, 50, 20, frames.brush(RED), 2))
    painted = [y for y in range(60) if image.pixelColor(30, y) == RED]
    assert painted == [19, 20]
