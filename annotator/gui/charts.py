"""A statistics chart in the window: a matplotlib figure on its Qt canvas, in the palette's
colours, that says which bar was clicked.

The drawing itself is :mod:`annotator.core.figures`, shared with the HTML
report; this module only adds the widget, the light or dark theme read from
the ``QPalette``, and the click.
"""

from __future__ import annotations

import logging
from pathlib import Path

from matplotlib.artist import Artist
from matplotlib.backend_bases import Event, MouseEvent, PickEvent
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from annotator.core import figures
from annotator.core.statistics import Bar, Chart
from annotator.gui import palette

log = logging.getLogger("annotator.gui.charts")


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
    """One chart. Signals: ``bar_clicked(Bar)`` when a bar or a point is clicked."""

    bar_clicked = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        self.chart: Chart | None = None
        self._bars: dict[Artist, tuple[Bar, ...]] = {}
        super().__init__(Figure(dpi=figures.DPI, layout="constrained"))  # type: ignore[no-untyped-call]
        # matplotlib paints its canvas white; the chart follows the window's palette instead.
        self.setPalette(QPalette())
        self.setParent(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(240, 180)
        self.mpl_connect("pick_event", self._on_pick)

    def show_chart(self, chart: Chart) -> None:
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

    def _redraw(self) -> None:
        if self.chart is None:
            return
        self._bars = figures.draw(self.figure, self.chart, theme_of(self.palette()))
        self.draw_idle()  # type: ignore[no-untyped-call]

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
