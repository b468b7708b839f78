"""The statistics view: the project's charts, live as quotes change, with the quotes behind
each bar.

Filters (status, collection, coder) sit on top, one chart per tab in the
middle, and under them the quotes of the last bar clicked; activating one
emits :attr:`StatisticsView.quote_activated` for the window to open it in the
article. Changes to the project recompute the statistics after a short
pause (several quick edits cost one recomputation), and only the chart on
show is drawn.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from annotator.core import report, statistics
from annotator.core.errors import AnnotatorError
from annotator.core.model import STATUSES, status_title
from annotator.core.statistics import Bar, Filters, Statistics
from annotator.core.wording import plural
from annotator.gui.charts import ChartCanvas
from annotator.gui.session import Session

log = logging.getLogger("annotator.gui.statistics_view")

# How long the view waits after a change before recomputing, in milliseconds.
DEBOUNCE_MS = 500
# The most quotes listed under a bar; the label says when there are more.
LISTED = 500
_ROLE = Qt.ItemDataRole.UserRole


class StatisticsView(QWidget):
    """Signals: ``quote_activated(document_id, quote_id)``."""

    quote_activated = Signal(int, int)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.statistics: Statistics | None = None
        self._stale = True
        self._drawn: set[int] = set()

        self.status = QComboBox()
        self.status.setAccessibleName("Document status")
        self.status.addItem("All statuses", None)
        for status in STATUSES:
            self.status.addItem(status_title(status), status)
        self.collection = QComboBox()
        self.collection.setAccessibleName("Collection")
        self.coder = QComboBox()
        self.coder.setAccessibleName("Coder")
        self.summary = QLabel()
        self.save_button = QPushButton("Save chart…")
        self.report_button = QPushButton("Report…")

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.canvases: dict[str, ChartCanvas] = {}
        self.selection_label = QLabel("Click a bar to list its quotes.")
        self.selection_label.setTextFormat(Qt.TextFormat.PlainText)
        self.quotes = QListWidget()
        self.quotes.setAccessibleName("Quotes of the bar")
        self.quotes.setUniformItemSizes(True)

        filters = QHBoxLayout()
        for widget in (self.status, self.collection, self.coder):
            filters.addWidget(widget)
        filters.addStretch(1)
        filters.addWidget(self.save_button)
        filters.addWidget(self.report_button)
        listing = QWidget()
        below = QVBoxLayout(listing)
        below.setContentsMargins(0, 0, 0, 0)
        below.addWidget(self.selection_label)
        below.addWidget(self.quotes)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.tabs)
        split.addWidget(listing)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._refresh_if_shown)
        session.changed.connect(self.schedule)
        session.corpus_changed.connect(self.schedule)
        for combo in (self.status, self.collection, self.coder):
            combo.currentIndexChanged.connect(self.refresh)
        self.tabs.currentChanged.connect(self._draw_current)
        self.quotes.itemActivated.connect(self._activate)
        self.save_button.clicked.connect(self._ask_save_chart)
        self.report_button.clicked.connect(self._ask_report)
        self._fill_choices()
        self.refresh()

    # -- the filters -----------------------------------------------------------------

    def filters(self) -> Filters:
        status = self.status.currentData()
        return Filters(
            statuses=(status,) if status else (),
            collection=self.collection.currentData(),
            coder=self.coder.currentData(),
        )

    def _fill_choices(self) -> None:
        """The collections and coders the project has now, keeping what is chosen."""
        store = self.session.store
        for combo, everyone, names in (
            (self.collection, "All collections", statistics.collections(store)),
            (self.coder, "All coders", [coder.name for coder in statistics.coders(store)]),
        ):
            chosen = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everyone, None)
            for name in names:
                combo.addItem(name, name)
            index = combo.findData(chosen)
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)
        self.collection.setVisible(self.collection.count() > 1)

    # -- keeping up with the project ---------------------------------------------------

    def schedule(self) -> None:
        """Recompute soon: a burst of changes costs one recomputation."""
        self._stale = True
        self._timer.start()

    def _refresh_if_shown(self) -> None:
        if self.isVisible():
            self._fill_choices()
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._stale:
            self._fill_choices()
            self.refresh()

    def refresh(self) -> None:
        """Recompute the statistics under the filters and draw the chart on show."""
        try:
            self.statistics = statistics.compute(self.session.store, self.filters())
        except AnnotatorError as error:
            # A coder or collection gone since it was chosen: back to everyone.
            log.info("statistics refused: %s", error)
            self._fill_choices()
            self.statistics = statistics.compute(self.session.store, Filters())
        self._stale = False
        stats = self.statistics
        self.summary.setText(
            f"{plural(stats.quotes, 'quote')} in {plural(stats.documents, 'document')}"
        )
        if not self.canvases:
            for chart in stats.charts:
                canvas = ChartCanvas(self.tabs)
                canvas.bar_clicked.connect(self.list_quotes)
                self.canvases[chart.key] = canvas
                self.tabs.addTab(canvas, _tab_name(chart.key))
        self._drawn.clear()
        self._draw_current()

    def _draw_current(self) -> None:
        index = self.tabs.currentIndex()
        if self.statistics is None or index < 0 or index in self._drawn:
            return
        chart = self.statistics.charts[index]
        self.canvases[chart.key].show_chart(chart)
        self._drawn.add(index)

    def current_canvas(self) -> ChartCanvas:
        widget = self.tabs.currentWidget()
        assert isinstance(widget, ChartCanvas)
        return widget

    # -- the quotes behind a bar ----------------------------------------------------------

    def list_quotes(self, bar: Bar) -> None:
        rows = statistics.quotes_in(self.session.store, self.filters(), bar.selection, LISTED + 1)
        shown = rows[:LISTED]
        more = f" (the first {LISTED} listed)" if len(rows) > LISTED else ""
        self.selection_label.setText(f"{bar.label}: {bar.count:,} quotes{more}")
        self.quotes.clear()
        for row in shown:
            speaker = row.speaker or "no speaker"
            item = QListWidgetItem(f"{row.title} — {speaker}: “{row.text}”")
            item.setData(_ROLE, (row.document_id, row.id))
            item.setToolTip(row.text)
            self.quotes.addItem(item)
        if shown:
            self.quotes.setCurrentRow(0)

    def _activate(self, item: QListWidgetItem) -> None:
        document_id, quote_id = item.data(_ROLE)
        self.quote_activated.emit(document_id, quote_id)

    # -- saving ----------------------------------------------------------------------

    def _ask_save_chart(self) -> None:
        canvas = self.current_canvas()
        name = canvas.chart.key if canvas.chart else "chart"
        path, _ = QFileDialog.getSaveFileName(
            self,
            "Save chart",
            f"{name}.svg",
            "SVG, vector (*.svg);;PDF, vector (*.pdf);;PNG image (*.png)",
        )
        if path:
            self._guarded(lambda: canvas.save(Path(path)))

    def _ask_report(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "Save the report", "report.html", "HTML page (*.html)"
        )
        if path:
            filters = self.filters()
            self._guarded(lambda: report.write(self.session.store, Path(path), filters))

    def _guarded(self, work: Callable[[], object]) -> None:
        try:
            work()
        except AnnotatorError as error:
            QMessageBox.warning(self, "Not saved", str(error))


def _tab_name(key: str) -> str:
    return {
        "speakers": "Speakers",
        "stance_by_speaker": "Stance",
        "types": "Types",
        "documents": "Documents",
        "statuses": "Progress",
        "progress": "Over time",
    }.get(key, key)
