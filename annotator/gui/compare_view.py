"""The compare view: coders' versions of one document side by side, adjudicated by key.

The text on the left marks each group of the coders' quotes (see
:func:`annotator.core.adjudication.groups`): green where they agree, orange
where they disagree, grey once the group has a gold quote; the current
group is darker. On the right, the groups in text order and, for the
current group, one row per coder with their version, cells that differ in
bold.

Keys: ``1``–``9`` take the version of that row (``A`` and ``B`` are rows 1
and 2) into the gold layer; ``E`` takes the current row's version and opens
it in the main window to edit; ``N``/``J`` and ``P``/``K`` go to the next
and previous open disagreement; ``G`` takes every group the coders agree
on; ``Ctrl+Z`` undoes. Each take is an undoable core operation on the
window's undo stack.
"""

from __future__ import annotations

import itertools
import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QKeySequence,
    QShortcut,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from annotator.core import adjudication
from annotator.core.adjudication import GOLD, Group
from annotator.core.model import Quote
from annotator.core.utf16 import OffsetMap
from annotator.core.wording import plural
from annotator.gui.elide import fixed_width_combo, never_wider_than_asked
from annotator.gui.screen_fit import fit_to_screen

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow

log = logging.getLogger("annotator.gui.compare_view")

# Backgrounds of a group by state, and of the current group.
AGREED = "#cdebd3"
DISAGREED = "#f8d3a9"
RESOLVED = "#dddddd"
CURRENT = "#f2a65a"
COLUMNS = ("Key", "Coder", "Quote", "Speaker", "Stance", "Type")
KEYS = "123456789"


class CompareView(QDialog):
    """Adjudicate one document at a time: compare the coders and take versions into gold."""

    def __init__(
        self,
        window: MainWindow,
        document_id: int | None,
        coders: list[str],
        gold: str = GOLD,
    ) -> None:
        super().__init__(window)
        self.setWindowTitle("Compare coders")
        self.setObjectName("compare_view")
        self._window = window
        self._store = window.store
        self._session = window.session
        self.gold = gold
        self.all_coders = sorted(coders)
        self.coders = list(self.all_coders)
        self.documents = adjudication.documents_to_adjudicate(self._store, self.all_coders)
        self.document_id: int | None = None
        self.text = ""
        self.offsets = OffsetMap("")
        self.groups: list[Group] = []
        self.present: list[str] = []
        self.resolved: set[int] = set()
        self.current: int | None = None
        self._build()
        self._keys()
        ids = [document for document, _ in self.documents]
        start = document_id if document_id in ids else (ids[0] if ids else None)
        if start is not None:
            self.document_choice.setCurrentIndex(ids.index(start))
            self.show_document(start)
        fit_to_screen(self, 1200, 760)

    # -- layout ----------------------------------------------------------------------------

    def _build(self) -> None:
        self.document_choice = QComboBox()
        for _, title in self.documents:
            self.document_choice.addItem(title)
        self.document_choice.currentIndexChanged.connect(
            lambda row: self.show_document(self.documents[row][0])
        )
        self.pair_choice = QComboBox()
        self.pair_choice.addItem(f"All coders ({len(self.all_coders)})", None)
        for pair in itertools.combinations(self.all_coders, 2):
            self.pair_choice.addItem(" / ".join(pair), list(pair))
        self.pair_choice.currentIndexChanged.connect(self._pair_chosen)
        # A long title or coder name is cut in the combo: it never sizes the view.
        fixed_width_combo(self.document_choice)
        fixed_width_combo(self.pair_choice)
        top = QHBoxLayout()
        top.addWidget(QLabel("Document:"))
        top.addWidget(self.document_choice, 3)
        top.addWidget(QLabel("Coders:"))
        top.addWidget(self.pair_choice, 1)
        self.progress = QLabel()
        self.progress.setObjectName("adjudication_progress")
        never_wider_than_asked(self.progress)
        self.text_view = QPlainTextEdit()
        self.text_view.setReadOnly(True)
        self.text_view.setObjectName("compare_text")
        self.group_list = QListWidget()
        self.group_list.setObjectName("group_list")
        self.group_list.currentRowChanged.connect(self._group_chosen)
        self.versions = QTableWidget(0, len(COLUMNS))
        self.versions.setObjectName("versions")
        self.versions.setHorizontalHeaderLabels(list(COLUMNS))
        self.versions.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.versions.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.versions.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.versions.setWordWrap(True)
        self.versions.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.versions.verticalHeader().setVisible(False)
        header = self.versions.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.message = QLabel()
        self.message.setObjectName("compare_message")
        self.message.setWordWrap(True)
        help_line = QLabel(
            "1–9 (A, B): take that coder's version · E: take and edit · N/J next, P/K previous "
            "disagreement · G: take what all agree on · Ctrl+Z: undo"
        )
        help_line.setWordWrap(True)
        right = QWidget()
        side = QVBoxLayout(right)
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(QLabel("Groups of quotes (✓ in gold):"))
        side.addWidget(self.group_list, 1)
        side.addWidget(QLabel("Versions of the current group:"))
        side.addWidget(self.versions, 2)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.text_view)
        splitter.addWidget(right)
        splitter.setSizes([540, 660])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.progress)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        bottom = QHBoxLayout()
        bottom.addWidget(help_line, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        bottom.addWidget(buttons)
        layout.addLayout(bottom)

    def _keys(self) -> None:
        bindings: list[tuple[str, object]] = [
            (key, lambda row=row: self.take_row(row)) for row, key in enumerate(KEYS)
        ]
        bindings += [
            ("A", lambda: self.take_row(0)),
            ("B", lambda: self.take_row(1)),
            ("E", self.take_and_edit),
            ("N", lambda: self.step(1)),
            ("J", lambda: self.step(1)),
            ("P", lambda: self.step(-1)),
            ("K", lambda: self.step(-1)),
            ("G", self.take_agreed),
            ("Ctrl+Z", self.undo),
        ]
        for key, slot in bindings:
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    # -- showing ---------------------------------------------------------------------------

    def show_document(self, document_id: int) -> None:
        self.document_id = document_id
        self.text = self._store.document_text(document_id)
        self.offsets = OffsetMap(self.text)
        self.text_view.setPlainText(self.text)
        self.current = None
        self.refresh()
        self.step(1, from_start=True)

    def _pair_chosen(self, _index: int) -> None:
        chosen = self.pair_choice.currentData()
        self.coders = list(chosen) if chosen else list(self.all_coders)
        if self.document_id is not None:
            self.show_document(self.document_id)

    def refresh(self) -> None:
        """Recompute the groups and what gold holds, and redraw everything."""
        if self.document_id is None:
            return
        layers = adjudication.layers(self._store, self.document_id, self.coders)
        # One row per coder who annotated this document.
        self.present = sorted(layers)
        self.groups = adjudication.groups(self.text, layers)
        gold = self._gold_quotes()
        taken = {uid for quote in gold for uid in quote.provenance}
        self.resolved = {
            index
            for index, group in enumerate(self.groups)
            if group.uids() & taken
            or any(q.start < group.end and group.start < q.end for q in gold)
        }
        progress = adjudication.progress(self._store, self.document_id, self.coders, self.gold)
        disagreements = sum(1 for group in self.groups if not group.agreed)
        self.progress.setText(
            f"Adjudicated {progress.resolved} of {plural(progress.groups, 'group')} "
            f"({progress.agreed} the coders agree on, {plural(disagreements, 'disagreement')}) · "
            f"gold layer: {self.gold}"
        )
        with QSignalBlocker(self.group_list):
            self.group_list.clear()
            for index, group in enumerate(self.groups):
                words = " ".join(self.text[group.start : group.end].split())
                if len(words) > 60:
                    words = words[:59] + "…"
                state = "✓" if index in self.resolved else ("=" if group.agreed else "≠")
                kinds = ", ".join(sorted(group.kinds)) or "agreed"
                item = QListWidgetItem(f"{state} {kinds}: {words}")
                item.setToolTip(words)
                self.group_list.addItem(item)
            if self.current is not None and self.current < len(self.groups):
                self.group_list.setCurrentRow(self.current)
        self._paint()
        self._show_versions()

    def _gold_quotes(self) -> list[Quote]:
        assert self.document_id is not None
        names = {name: i for i, name in self._store.annotators().items()}
        gold_id = names.get(self.gold)
        return [q for q in self._store.quotes(self.document_id) if q.annotator_id == gold_id]

    def _paint(self) -> None:
        selections = []
        for index, group in enumerate(self.groups):
            if index == self.current:
                color = CURRENT
            elif index in self.resolved:
                color = RESOLVED
            else:
                color = AGREED if group.agreed else DISAGREED
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.text_view.document())
            cursor.setPosition(self.offsets.to_utf16(group.start))
            cursor.setPosition(self.offsets.to_utf16(group.end), QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            text_format = QTextCharFormat()
            text_format.setBackground(QBrush(QColor(color)))
            text_format.setForeground(QBrush(QColor("#000000")))
            selection.format = text_format
            selections.append(selection)
        self.text_view.setExtraSelections(selections)

    def _show_versions(self) -> None:
        group = self.group
        self.versions.setRowCount(0)
        if group is None:
            return
        rows = [(coder, group.version(coder)) for coder in self.present]
        self.versions.setRowCount(len(rows))
        columns = [self._cells(quote) for _, quote in rows]
        differs = [len({cells[c] for cells in columns if cells[0]}) > 1 for c in range(4)]
        for row, ((coder, quote), cells) in enumerate(zip(rows, columns, strict=True)):
            values = [KEYS[row] if row < len(KEYS) else "", coder, *cells]
            if quote is None:
                values[2] = "— no quote —"
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if column >= 2 and quote is not None and differs[column - 2]:
                    font = QFont(item.font())
                    font.setBold(True)
                    item.setFont(font)
                self.versions.setItem(row, column, item)
        self.versions.resizeRowsToContents()
        # E edits the selected version: start on the first coder who has one.
        self.versions.selectRow(next(r for r, (_, quote) in enumerate(rows) if quote is not None))

    def _cells(self, quote: Quote | None) -> list[str]:
        if quote is None:
            return ["", "", "", ""]
        words = " … ".join(" ".join(self.text[s.start : s.end].split()) for s in quote.spans)
        model = self._window.panel.model
        speaker = model.speakers.get(quote.speaker_id) if quote.speaker_id else None
        stance = model.labels.get(quote.stance_id) if quote.stance_id else None
        kind = model.labels.get(quote.quote_type_id) if quote.quote_type_id else None
        return [
            words,
            speaker.name if speaker else "—",
            stance.name if stance else "—",
            kind.name if kind else "—",
        ]

    @property
    def group(self) -> Group | None:
        if self.current is None or not 0 <= self.current < len(self.groups):
            return None
        return self.groups[self.current]

    def _group_chosen(self, row: int) -> None:
        if row < 0:
            return
        self.current = row
        self._paint()
        self._show_versions()
        group = self.groups[row]
        cursor = QTextCursor(self.text_view.document())
        cursor.setPosition(self.offsets.to_utf16(group.start))
        self.text_view.setTextCursor(cursor)
        self.text_view.centerCursor()

    # -- keys ------------------------------------------------------------------------------

    def step(self, direction: int, from_start: bool = False) -> None:
        """Go to the next (or previous) disagreement that has no gold quote yet."""
        count = len(self.groups)
        if not count:
            self.message.setText("No quotes to compare in this document.")
            return
        here = -1 if from_start or self.current is None else self.current
        if from_start and direction < 0:
            here = count
        index = here + direction
        while 0 <= index < count:
            if not self.groups[index].agreed and index not in self.resolved:
                self.group_list.setCurrentRow(index)
                self.message.setText("")
                return
            index += direction
        if from_start:
            self.group_list.setCurrentRow(0)
        self.message.setText("No more open disagreements that way.")

    def take_row(self, row: int) -> bool:
        """Take the version of versions-table row ``row`` into gold; False if there is none."""
        group = self.group
        if group is None or row >= len(self.present):
            return False
        coder = self.present[row]
        quote = group.version(coder)
        if quote is None:
            self.message.setText(f"{coder} has no quote here.")
            return False
        others = group.uids() - {quote.uid}
        change = self._session.apply(adjudication.take, quote.id, sorted(others), self.gold)
        if change is None:
            return False
        self.message.setText(f"Took {coder}'s version into {self.gold}.")
        kept = self.current
        self.refresh()
        self.current = kept
        self.step(1)
        return True

    def take_and_edit(self) -> None:
        """Take the selected row's version and open the gold quote in the window to edit."""
        rows = self.versions.selectionModel().selectedRows()
        row = rows[0].row() if rows else 0
        group = self.group
        if group is None or self.document_id is None:
            return
        if not self.take_row(row):
            return
        gold = [q for q in self._gold_quotes() if group.uids() & set(q.provenance)]
        window = self._window
        document_id = self.document_id
        self.accept()
        window.coders.show_layer(self.gold)
        window.open_document(document_id)
        if gold:
            window.quote_commands.select_quote(gold[0].id)

    def take_agreed(self) -> None:
        if self.document_id is None:
            return
        change = self._session.apply(
            adjudication.take_agreed, self.document_id, self.coders, self.gold
        )
        if change is not None:
            self.message.setText(f"Took {plural(len(change.after), 'agreed quote')} into gold.")
            self.refresh()

    def undo(self) -> None:
        self._window.changes.undo()
        self.message.setText("Undone.")
        self.refresh()
