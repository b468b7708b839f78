"""The document list: a Qt model over the store's document ids, rows fetched in chunks.

The model holds only the ids in list order (a few bytes each); titles, status,
quote counts, collection and annotators are read with
:func:`annotator.core.listing.listed` a chunk at a time when the view first
asks for a row, so a project of 100,000 documents opens as fast as one of
ten. The list filters by status, collection (the folder or split a document
came from) and annotator, and searches titles and texts.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from annotator.core import listing
from annotator.core.listing import ListedDocument
from annotator.core.model import STATUSES, status_title
from annotator.core.store import Store
from annotator.gui import choices
from annotator.gui.elide import plain_tooltip

CHUNK = 200
COLUMNS = ("Title", "Status", "Quotes", "Collection", "Annotators")
# The title column keeps this many pixels before the other columns give way; they are
# sized to what they show (collection and annotators up to a cap) and cut with "…".
TITLE_MIN = 190
CAPS = {3: 120, 4: 140}
PADDING = 14
# Which columns give way, in turn, and down to how many pixels: collection and
# annotators first, then the quote count (its header cut, its numbers whole), then
# the status, then collection and annotators again.
GIVE_WAY = (((3, 4), 70), ((2,), 40), ((1,), 62), ((3, 4), 36))
Index = QModelIndex | QPersistentModelIndex


class DocumentListModel(QAbstractTableModel):
    """Rows: the documents matching the status, collection and annotator filters and a
    full-text search."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.status: str | None = None
        self.search = ""
        self.collection: str | None = None
        self.annotator: str | None = None
        self.ids: list[int] = []
        self._rows: dict[int, int] = {}
        self._summaries: dict[int, ListedDocument] = {}
        # Annotators of rows re-read after the window's own edit, known without a query.
        self._annotators: dict[int, tuple[str, ...]] = {}
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self.ids = listing.document_ids(
            self.store,
            status=self.status,
            search=self.search.strip() or None,
            collection=self.collection,
            annotator=self.annotator,
        )
        self._rows = {document_id: row for row, document_id in enumerate(self.ids)}
        self._summaries.clear()
        self._annotators.clear()
        self.endResetModel()

    def set_filter(
        self,
        status: str | None,
        search: str,
        collection: str | None = None,
        annotator: str | None = None,
    ) -> None:
        wanted = (status, search, collection, annotator)
        if wanted != (self.status, self.search, self.collection, self.annotator):
            self.status, self.search, self.collection, self.annotator = wanted
            self.reload()

    def row_of(self, document_id: int) -> int | None:
        return self._rows.get(document_id)

    def refresh(
        self, document_ids: Iterable[int], coders: Mapping[int, set[int]] | None = None
    ) -> None:
        """Re-read the given documents' rows (status or quote count changed).

        ``coders``: the change only added these annotators' quotes (by document), so
        a row's annotators are the ones shown and these; None reads them again.
        """
        names = self.store.annotators() if coders is not None else {}
        for document_id in document_ids:
            before = self._summaries.pop(document_id, None)
            if coders is not None and before is not None:
                added = {names[i] for i in coders.get(document_id, ()) if i in names}
                self._annotators[document_id] = tuple(
                    sorted(set(before.annotators) | added, key=str.casefold)
                )
            row = self._rows.get(document_id)
            if row is not None:
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def summary(self, row: int) -> ListedDocument | None:
        document_id = self.ids[row]
        found = self._summaries.get(document_id)
        if found is None:
            start = row - row % CHUNK
            chunk = [i for i in self.ids[start : start + CHUNK] if i not in self._summaries]
            for summary in listing.listed(self.store, chunk, self._annotators):
                self._summaries[summary.id] = summary
            for read in chunk:
                self._annotators.pop(read, None)
            found = self._summaries.get(document_id)
        return found

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,  # noqa: N802
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.TextAlignmentRole,
        ):
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignRight if index.column() == 2 else None
        summary = self.summary(index.row())
        if summary is None:
            return None
        if index.column() == 0:
            title = summary.title or summary.external_id
            return (
                title
                if role == Qt.ItemDataRole.DisplayRole
                else plain_tooltip(f"{title}\n{summary.external_id}")
            )
        if index.column() == 1:
            return status_title(summary.status)
        if index.column() in (3, 4):
            value = summary.collection if index.column() == 3 else ", ".join(summary.annotators)
            # Names come from files and people: a tooltip must not read them as markup.
            return value if role == Qt.ItemDataRole.DisplayRole else plain_tooltip(value)
        return summary.quote_count


class DocumentList(QWidget):
    """Filter, search, progress and the list. ``document_activated(id)`` on a pick."""

    document_activated = Signal(int)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.model = DocumentListModel(store, self)
        self.status = QComboBox()
        self.status.addItem("All statuses", None)
        for status in STATUSES:
            self.status.addItem(status_title(status), status)
        self.status.currentIndexChanged.connect(self._filter)
        self.collection = QComboBox()
        self.collection.setToolTip("Show one collection: the folder or split documents came from")
        self.annotator = QComboBox()
        self.annotator.setToolTip("Show the documents one annotator worked on")
        for combo in (self.collection, self.annotator):
            # Names can be long: they must not widen the list pane.
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(8)
        self.collection.currentIndexChanged.connect(self._filter)
        self.annotator.currentIndexChanged.connect(self._filter)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search titles and texts")
        self.search.setClearButtonEnabled(True)
        # Search as the person types, but once they pause.
        self._debounce = QTimer(self, singleShot=True, interval=250)
        self._debounce.timeout.connect(self._filter)
        self.search.textChanged.connect(self._debounce.start)
        self.search.returnPressed.connect(self._filter)
        self.view = QTreeView()
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        self.view.setModel(self.model)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        self._collections: list[str] = []
        self._annotators: list[str] = []
        self.view.viewport().installEventFilter(self)
        self._fill_choices()
        self.view.activated.connect(self._activated)
        self.view.clicked.connect(self._activated)
        self.progress = QLabel()
        filters = QHBoxLayout()
        filters.addWidget(self.status)
        filters.addWidget(self.collection)
        filters.addWidget(self.annotator)
        filters.addWidget(self.progress, 1, Qt.AlignmentFlag.AlignRight)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        self.update_progress()

    def _filter(self) -> None:
        self.model.set_filter(
            self.status.currentData(),
            self.search.text(),
            self.collection.currentData(),
            self.annotator.currentData(),
        )

    def _fill_choices(self) -> None:
        """The collections and annotators there are, keeping what is chosen if it still is."""
        for combo, column, everything, names in (
            (self.collection, 3, "All collections", listing.collections(self.store)),
            (self.annotator, 4, "All annotators", listing.annotators_with_work(self.store)),
        ):
            choices.refill(combo, everything, names)
            # No collections (or no annotators yet): nothing to choose from, nor to show in
            # a column that would push the others out of the pane.
            combo.setVisible(bool(names))
            self.view.setColumnHidden(column, not names)
            if column == 3:
                self._collections = list(names)
            else:
                self._annotators = list(names)
        self._fit_columns()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.view.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_columns()
        return super().eventFilter(watched, event)

    def _fit_columns(self) -> None:
        """Size the columns after the title to what they show, the title taking the rest.

        Widths come from the status names, the collections and the annotators there
        are (never from reading every row of a large corpus). When the pane is narrow,
        the others give way in the order of :data:`GIVE_WAY`, so the title keeps
        :data:`TITLE_MIN` pixels; what is cut shows whole in its tooltip.
        """
        metrics = self.view.fontMetrics()

        def fit(texts: Iterable[str], cap: int | None = None) -> int:
            width = max(metrics.horizontalAdvance(text) for text in texts) + PADDING
            return min(width, cap) if cap is not None else width

        wanted = {
            1: fit([COLUMNS[1], *(status_title(status) for status in STATUSES)]),
            2: fit([COLUMNS[2], "00000"]),
            3: fit([COLUMNS[3], *self._collections], CAPS[3]),
            4: fit([COLUMNS[4], ", ".join(self._annotators)], CAPS[4]),
        }
        shown = {c: w for c, w in wanted.items() if not self.view.isColumnHidden(c)}
        excess = sum(shown.values()) - (self.view.viewport().width() - TITLE_MIN)
        for group, floor in GIVE_WAY:
            members = [c for c in group if c in shown]
            while excess > 0 and any(shown[c] > floor for c in members):
                widest = max(members, key=lambda c: shown[c])
                step = min(excess, shown[widest] - floor, 4)
                shown[widest] -= step
                excess -= step
        header = self.view.header()
        for column, width in shown.items():
            header.resizeSection(column, width)

    def _activated(self, index: QModelIndex) -> None:
        self.document_activated.emit(self.model.ids[index.row()])

    def select(self, document_id: int) -> None:
        row = self.model.row_of(document_id)
        if row is None:
            self.view.clearSelection()
            return
        index = self.model.index(row, 0)
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)

    def neighbour(self, document_id: int | None, step: int) -> int | None:
        """The document ``step`` rows away in the list (the whole corpus if it is filtered out)."""
        ids = self.model.ids
        row = self.model.row_of(document_id) if document_id is not None else None
        if row is None:
            ids = self.store.document_ids()
            row = ids.index(document_id) if document_id in ids else -1 if step > 0 else len(ids)
        target = row + step
        return ids[target] if 0 <= target < len(ids) else None

    def position(self, document_id: int | None) -> tuple[int, int]:
        """(1-based row of the document, number of rows) for the status bar."""
        row = self.model.row_of(document_id) if document_id is not None else None
        return (row + 1 if row is not None else 0, self.model.rowCount())

    def refresh(
        self,
        document_ids: Iterable[int],
        statuses: bool = True,
        coders: Mapping[int, set[int]] | None = None,
    ) -> None:
        self.model.refresh(document_ids, coders)
        if statuses:
            self.update_progress()

    def reload(self) -> None:
        self._fill_choices()
        self._filter()
        self.model.reload()
        self.update_progress()

    def update_progress(self) -> None:
        counts = self.store.status_counts()
        total = sum(counts.values())
        self.progress.setText(f"{counts['done']} / {total} done")
        self.progress.setToolTip(", ".join(f"{n} {s.replace('_', ' ')}" for s, n in counts.items()))
