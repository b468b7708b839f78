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
        for row, shortcut in enumerate(shortcuts):
            cells = (native_key(shortcut.key), shortcut.title, shortcut.description)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.table.setItem(row, column, item)
            # Filtering by the portable text too finds "ctrl" where the platform shows ⌘.
            self.table.item(row, 0).setData(Qt.ItemDataRole.UserRole, shortcut.key)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.resizeRowsToContents()

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(720, 540)

    def visible_rows(self) -> list[tuple[str, str, str]]:
        """The rows the filter lets through, as shown."""
        return [
            tuple(self.table.item(row, column).text() for column in range(len(COLUMNS)))
            for row in range(self.table.rowCount())
            if not self.table.isRowHidden(row)
        ]  # type: ignore[misc]

    def _apply_filter(self, text: str) -> None:
        words = text.casefold().split()
        for row in range(self.table.rowCount()):
            cells = [self.table.item(row, column).text() for column in range(len(COLUMNS))]
            cells.append(str(self.table.item(row, 0).data(Qt.ItemDataRole.UserRole)))
            haystack = " ".join(cells).casefold()
            self.table.setRowHidden(row, not all(word in haystack for word in words))
