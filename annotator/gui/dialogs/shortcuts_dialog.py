"""Help → Keyboard shortcuts: the window's shortcut table, read-only, with a filter."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

COLUMNS = ("Key", "Action", "Description")


def native_key(key: str) -> str:
    """A portable key sequence ("Ctrl+Shift+Z") as this platform writes it ("⇧⌘Z" on macOS)."""
    return QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText) or key


class ShortcutsDialog(QDialog):
    """Lists objects with ``.key``, ``.title`` and ``.description``, one row each."""

    def __init__(self, shortcuts: Sequence[Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")

        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter by key, action or description")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._apply_filter)

        self.table = QTableWidget(len(shortcuts), len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        # What each row shows, plus the portable key so "ctrl" finds ⌘ shortcuts on macOS.
        self._rows: list[tuple[str, str, str]] = []
        self._search: list[str] = []
        for row, shortcut in enumerate(shortcuts):
            cells = (native_key(shortcut.key), str(shortcut.title), str(shortcut.description))
            self._rows.append(cells)
            self._search.append(" ".join((*cells, str(shortcut.key))).casefold())
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.table.setItem(row, column, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        # Row heights follow the description column's width once the dialog has
        # its size; measured before, one-line rows came out two lines tall.
        header.sectionResized.connect(self._fit_rows)
        self.table.resizeRowsToContents()

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(760, 720)

    def _fit_rows(self, column: int, _old: int, _new: int) -> None:
        if column == 2:
            self.table.resizeRowsToContents()

    def visible_rows(self) -> list[tuple[str, str, str]]:
        """The rows the filter lets through, as shown."""
        return [cells for row, cells in enumerate(self._rows) if not self.table.isRowHidden(row)]

    def _apply_filter(self, text: str) -> None:
        words = text.casefold().split()
        for row, haystack in enumerate(self._search):
            self.table.setRowHidden(row, not all(word in haystack for word in words))
