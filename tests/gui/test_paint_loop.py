"""The article view's paint loop, thousands of times: the path that aborted PySide6 6.12.

PySide6 6.12 on Python 3.11 returned ``None`` from void Qt methods without taking a
reference to it, so each ``fillRect``/``drawLine``/``setPen`` in a paint lost one; after
a few thousand paints Python aborted with "deallocating None". pyproject.toml pins
PySide6 below 6.12 on Python 3.11; this test says whether lifting the pin is safe.
"""

from __future__ import annotations

import gc
import sys

from PySide6.QtGui import QPaintEvent

from annotator.core.model import Quote, Span
from annotator.gui.article_view import ArticleView

PAINTS = 2000
LINE = "He said “we 😀 will win” and left; she declared “never” today.\n"


def _quotes(text: str) -> list[Quote]:
    quotes = []
    for number, line_start in enumerate(range(0, len(text), len(LINE))):
        content = line_start + LINE.index("we")
        cue = line_start + LINE.index("said")
        quotes.append(
            Quote(
                number + 1,
                1,
                (Span(content, content + 13), Span(content + 30, content + 38)),
                mention=Span(line_start, line_start + 2),
                cue=Span(cue, cue + 4),
            )
        )
    return quotes


class CountingView(ArticleView):
    """The real view, counting its paint events."""

    paints = 0

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        self.paints += 1
        super().paintEvent(event)


def test_thousands_of_paints_keep_none_alive(qtbot):
    text = LINE * 12
    view = CountingView()
    qtbot.addWidget(view)
    view.resize(640, 300)
    quotes = _quotes(text)
    view.set_document(text, quotes)
    view.set_current(quotes[0].id)
    with qtbot.waitExposed(view):
        view.show()
    viewport = view.viewport()
    viewport.repaint()  # the first paint lays the text out
    painted = view.paints
    gc.collect()
    before = sys.getrefcount(None)

    for _ in range(PAINTS):
        viewport.repaint()  # synchronous: paintEvent, highlights, text

    gc.collect()
    assert view.paints - painted == PAINTS
    lost = before - sys.getrefcount(None)
    # A binding that drops a reference per void call loses tens of thousands here
    # (each paint fills, underlines and frames some hundred rectangles).
    assert lost < PAINTS, f"{lost} references to None lost over {PAINTS} paints"
