"""A statistics chart in the window: a matplotlib figure on its Qt canvas, in the palette's
colours, that says which bar was clicked.

The drawing itself is :mod:`annotator.core.figures`, shared with the HTML
report; this module only adds the widget, the light or dark theme read from
the ``QPalette``, and the click.
"""

from __future__ import annotations

import logging
from pathlib import Path

import numpy
from matplotlib.artist import Artist
from matplotlib.backend_bases import Event, MouseEvent, PickEvent
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from annotator.core import figures
from annotator.core.chart_data import Bar, Chart, Matrix
from annotator.gui import palette

log = logging.getLogger("annotator.gui.charts")

MINIMUM_HEIGHT = 180


def theme_of(colors: QPalette) -> figures.Theme:
    """The chart colours that sit on this palette: its window and text colours."""
    role = QPalette.ColorRole
    return figures.Theme(
        background=colors.color(role.Base).name(),
        foreground=colors.color(role.Text).name(),
        grid=colors.color(role.Mid).name(),
        dark=palette.is_dark(colors),
    )


class ChartCanvas(FigureCanvasQTAgg):
    """One chart, its bars (or points) reachable by mouse and by keyboard.

    Signals: ``bar_clicked(Bar)`` when a bar or a point is clicked, or Enter is
    pressed on it; ``bar_focused(Bar)`` when the arrow keys move to one.
    """

    bar_clicked = Signal(object)
    bar_focused = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        self.chart: Chart | Matrix | None = None
        self._bars: dict[Artist, tuple[Bar, ...]] = {}
        # The bars in reading order for the arrow keys: (artist, index of its bar).
        self._stops: list[tuple[Artist, int]] = []
        self._focus: int | None = None
        self._highlight: Artist | None = None
        super().__init__(Figure(dpi=figures.DPI, layout="constrained"))  # type: ignore[no-untyped-call]
        # matplotlib paints its canvas white; the chart follows the window's palette instead.
        self.setPalette(QPalette())
        self.setParent(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(240, MINIMUM_HEIGHT)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.mpl_connect("pick_event", self._on_pick)

    def show_chart(self, chart: Chart | Matrix) -> None:
        """Draw ``chart``; the same figures as on show cost nothing (an edit to a note)."""
        if chart == self.chart:
            return
        self.chart = chart
        self._redraw()

    def bars(self) -> dict[Artist, tuple[Bar, ...]]:
        """The drawn artists and the bars they stand for (what a click can pick)."""
        return dict(self._bars)

    def save(self, path: Path) -> None:
        """Save the chart at print size on white, whatever the window's colours."""
        if self.chart is None:
            return
        figure = figures.new_figure(self.chart)
        figures.draw(figure, self.chart)
        figures.save(figure, path)

    def draw(self) -> None:
        # Painting lays out text too: a character no font has is logged, not warned.
        with figures.quiet():
            super().draw()  # type: ignore[no-untyped-call]

    def _redraw(self) -> None:
        if self.chart is None:
            return
        # A long bar chart needs its height, as in the report, or its labels overlap: a
        # short statistics dock scrolls instead.
        self.setMinimumHeight(
            max(MINIMUM_HEIGHT, round(figures.height_for(self.chart) * figures.DPI))
        )
        self._bars = figures.draw(self.figure, self.chart, theme_of(self.palette()))
        self._stops = _reading_order(self._bars)
        self._focus = None
        self._highlight = None
        self.draw_idle()  # type: ignore[no-untyped-call]

    def focused_bar(self) -> Bar | None:
        if self._focus is None:
            return None
        artist, index = self._stops[self._focus]
        return self._bars[artist][index]

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        key = Qt.Key(event.key())
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Right) and self._stops:
            self._move(1)
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Left) and self._stops:
            self._move(-1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            bar = self.focused_bar()
            if bar is not None:
                self.bar_clicked.emit(bar)
        else:
            super().keyPressEvent(event)  # type: ignore[no-untyped-call]

    def _move(self, step: int) -> None:
        if self._focus is None:
            self._focus = 0 if step > 0 else len(self._stops) - 1
        else:
            self._focus = (self._focus + step) % len(self._stops)
        if self._highlight is not None:
            self._highlight.remove()
        artist, index = self._stops[self._focus]
        self._highlight = _outline(artist, index, theme_of(self.palette()).foreground)
        self.draw_idle()  # type: ignore[no-untyped-call]
        bar = self.focused_bar()
        assert bar is not None
        self.bar_focused.emit(bar)

    def _on_pick(self, event: Event) -> None:
        if not isinstance(event, PickEvent) or not isinstance(event.mouseevent, MouseEvent):
            return
        if event.mouseevent.button != 1:
            return
        bars = self._bars.get(event.artist)
        if not bars:
            return
        if isinstance(event.artist, Line2D):
            # A line stands for one bar per point: the nearest point picked.
            index = int(getattr(event, "ind", [0])[0])
            self.bar_clicked.emit(bars[index])
        else:
            self.bar_clicked.emit(bars[0])

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._redraw()


def _reading_order(bars: dict[Artist, tuple[Bar, ...]]) -> list[tuple[Artist, int]]:
    """Bars top to bottom and, stacked, left to right; a line's points in turn."""
    stops: list[tuple[Artist, int]] = []
    rectangles = [artist for artist in bars if isinstance(artist, Rectangle)]
    rectangles.sort(key=lambda r: (r.get_y(), r.get_x()))
    stops += [(artist, 0) for artist in rectangles if artist.get_width() > 0]
    for artist, shown in bars.items():
        if isinstance(artist, Line2D):
            stops += [(artist, index) for index in range(len(shown))]
    return stops


def _outline(artist: Artist, index: int, color: str) -> Artist:
    """A frame around a bar, or a ring around a point, on the artist's axes."""
    axes = artist.axes
    assert axes is not None
    if isinstance(artist, Rectangle):
        frame = Rectangle(
            (artist.get_x(), artist.get_y()),
            artist.get_width(),
            artist.get_height(),
            fill=False,
            edgecolor=color,
            linewidth=2,
        )
        axes.add_patch(frame)
        return frame
    assert isinstance(artist, Line2D)
    points = numpy.asarray(artist.get_xydata())
    ring = Line2D(
        [points[index][0]],
        [points[index][1]],
        marker="o",
        markersize=10,
        fillstyle="none",
        color=color,
        linestyle="none",
    )
    axes.add_line(ring)
    return ring
