"""The statistics view in a dock of the window, made the first time it is asked for.

The charts need matplotlib, which takes a moment to load: a window that never
shows its statistics never loads it. A quote activated in the view opens in
the article. A dock too short for the charts scrolls: it never grows the
window past the screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QFrame, QScrollArea

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow
    from annotator.gui.statistics_view import StatisticsView


class StatisticsDock:
    """Owns the dock and the action that shows and hides it."""

    def __init__(self, window: MainWindow) -> None:
        self._window = window
        self.dock: QDockWidget | None = None
        self.view: StatisticsView | None = None
        self.action = QAction("S&tatistics", window)
        self.action.setCheckable(True)
        self.action.setStatusTip("Charts of the project, and a report to save")
        self.action.toggled.connect(self.set_shown)

    def set_shown(self, shown: bool) -> None:
        if shown and self.dock is None:
            self._build()
        if self.dock is not None:
            self.dock.setVisible(shown)

    def _build(self) -> None:
        from annotator.gui.statistics_view import StatisticsView

        window = self._window
        self.view = StatisticsView(window.session)
        self.view.quote_activated.connect(self._open_quote)
        self.dock = QDockWidget("Statistics", window)
        self.dock.setObjectName("statistics")
        # The charts and the quote list need more height than a 1280x720 screen leaves
        # beside the article: a short dock scrolls rather than growing the window.
        scroller = QScrollArea()
        scroller.setFrameShape(QFrame.Shape.NoFrame)
        scroller.setWidgetResizable(True)
        scroller.setWidget(self.view)
        self.dock.setWidget(scroller)
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
        # Closing the dock by its own button unticks the action.
        self.dock.visibilityChanged.connect(self._follow_dock)

    def _follow_dock(self, visible: bool) -> None:
        if self.dock is not None and not visible and not self.dock.isVisible():
            self.action.setChecked(False)

    def _open_quote(self, document_id: int, quote_id: int) -> None:
        self._window.open_document(document_id)
        self._window.quote_commands.select_quote(quote_id)
