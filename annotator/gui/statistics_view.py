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

import dataclasses
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

from annotator.core import agreement_stats, report, statistics
from annotator.core.chart_data import Bar
from annotator.core.errors import AnnotatorError
from annotator.core.model import STATUSES, Change, status_title
from annotator.core.statistics import Filters, Statistics
from annotator.core.wording import plural
from annotator.gui import choices
from annotator.gui.charts import ChartCanvas
from annotator.gui.session import Session

log = logging.getLogger("annotator.gui.statistics_view")

# How long the view waits after a change before recomputing, in milliseconds.
DEBOUNCE_MS = 500
# The most quotes listed under a bar; the label says when there are more.
LISTED = 500
_ROLE = Qt.ItemDataRole.UserRole
AGREEMENT = "agreement"


class StatisticsView(QWidget):
    """Signals: ``quote_activated(document_id, quote_id)``."""

    quote_activated = Signal(int, int)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.statistics: Statistics | None = None
        self._stale = True
        self._drawn: set[int] = set()
        # Agreement is drawn for these filters after this many edits (see _draw_current).
        self._edits = 0
        self._agreement_drawn: tuple[Filters, int] | None = None
        self._listed: Bar | None = None

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
        self.selection_label = QLabel(
            "Click a bar (or choose one with the arrow keys and Enter) to list its quotes."
        )
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

        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(DEBOUNCE_MS)
        self.debounce.timeout.connect(self._refresh_if_shown)
        session.changed.connect(self._on_change)
        session.corpus_changed.connect(self.schedule)
        for combo in (self.status, self.collection, self.coder):
            combo.currentIndexChanged.connect(self.refresh)
        self.tabs.currentChanged.connect(lambda _index: self._draw_current())
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
            choices.refill(combo, everyone, names)
        self.collection.setVisible(self.collection.count() > 1)

    # -- keeping up with the project ---------------------------------------------------

    def _on_change(self, change: Change) -> None:
        if _may_change_figures(change):
            self.schedule()

    def schedule(self) -> None:
        """Recompute soon: a burst of changes costs one recomputation."""
        self._stale = True
        self._edits += 1
        self.debounce.start()

    def _refresh_if_shown(self) -> None:
        if self.isVisible():
            self._fill_choices()
            self.refresh(after_edit=True)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._stale:
            self._fill_choices()
            self.refresh()

    def refresh(self, after_edit: bool = False) -> None:
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
            for key in [chart.key for chart in stats.charts] + [AGREEMENT]:
                canvas = ChartCanvas(self.tabs)
                canvas.bar_clicked.connect(self.list_quotes)
                canvas.bar_focused.connect(self._say_focused)
                self.canvases[key] = canvas
                self.tabs.addTab(canvas, _tab_name(key))
        self._drawn.clear()
        self._draw_current(after_edit)
        self._fill_list()

    def _draw_current(self, after_edit: bool = False) -> None:
        index = self.tabs.currentIndex()
        if self.statistics is None or index < 0 or index in self._drawn:
            return
        if index < len(self.statistics.charts):
            chart = self.statistics.charts[index]
            self.canvases[chart.key].show_chart(chart)
            self._drawn.add(index)
            return
        # Agreement can take seconds on a large sample: it is computed when its tab is
        # opened or the filters change, not after every edit made while it is on show.
        filters = self.statistics.filters
        drawn = self._agreement_drawn
        if drawn == (filters, self._edits) or (after_edit and drawn and drawn[0] == filters):
            return
        found = agreement_stats.compute(self.session.store, filters)
        self.canvases[AGREEMENT].show_chart(agreement_stats.pair_matrix(found))
        self._agreement_drawn = (filters, self._edits)

    def current_canvas(self) -> ChartCanvas:
        widget = self.tabs.currentWidget()
        assert isinstance(widget, ChartCanvas)
        return widget

    # -- the quotes behind a bar ----------------------------------------------------------

    def list_quotes(self, bar: Bar) -> None:
        """List the quotes a bar counts; the list then follows edits and filters."""
        self._listed = bar
        self._fill_list()

    def _fill_list(self) -> None:
        if self._listed is None:
            return
        store, filters, bar = self.session.store, self.filters(), self._listed
        rows = statistics.quotes_in(store, filters, bar.selection, LISTED)
        total = statistics.count_in(store, filters, bar.selection)
        more = f" (the first {LISTED} listed)" if total > LISTED else ""
        self.selection_label.setText(f"{bar.label}: {plural(total, 'quote')}{more}")
        current = self.quotes.currentItem()
        keep = current.data(_ROLE) if current is not None else None
        self.quotes.clear()
        for row in rows:
            speaker = row.speaker or "no speaker"
            item = QListWidgetItem(f"{row.title} — {speaker}: “{row.text}”")
            item.setData(_ROLE, (row.document_id, row.id))
            item.setToolTip(row.text)
            self.quotes.addItem(item)
            if (row.document_id, row.id) == keep:
                self.quotes.setCurrentItem(item)
        if rows and self.quotes.currentItem() is None:
            self.quotes.setCurrentRow(0)

    def _say_focused(self, bar: Bar) -> None:
        self.selection_label.setText(
            f"{bar.label}: {plural(bar.count, 'quote')} (Enter lists them)"
        )

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


# What the charts count a quote by; an edit to anything else (a note, a target, the
# span of a piece, a mention or cue) leaves every figure as it was.
_COUNTED = ("document_id", "speaker_id", "stance_id", "quote_type_id", "annotator_id", "created_at")
_QUOTE_FIELDS = ("description", "documents", "quotes", "before", "after")


def _may_change_figures(change: Change) -> bool:
    if any(
        getattr(change, field.name)
        for field in dataclasses.fields(change)
        if field.name not in _QUOTE_FIELDS
    ):
        return True  # speakers, labels or statuses: names and counts may change
    before = {quote.id: quote for quote in change.before}
    after = {quote.id: quote for quote in change.after}
    if before.keys() != after.keys():
        return True  # quotes added or deleted
    return any(
        getattr(before[i], name) != getattr(after[i], name) for i in before for name in _COUNTED
    )


def _tab_name(key: str) -> str:
    return {
        "speakers": "Speakers",
        "stance_by_speaker": "Stance",
        "types": "Types",
        "documents": "Documents",
        "statuses": "Progress",
        "progress": "Over time",
        AGREEMENT: "Agreement",
    }.get(key, key)
