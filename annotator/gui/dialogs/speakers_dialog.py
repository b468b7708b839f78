"""Speakers: the corpus-wide registry — rename, aliases, merge, delete.

"Tillerson" and "Rex Tillerson" found as two speakers are merged here into one
that keeps both names. Every edit goes through :meth:`Session.apply`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core import speakers, stats
from annotator.core.errors import NotFound
from annotator.core.model import Speaker
from annotator.core.wording import plural
from annotator.gui.dialogs import MessageLine, ask_choice, ask_text, confirm
from annotator.gui.dialogs.merge_proposals_dialog import MergeProposalsDialog
from annotator.gui.elide import plain_tooltip
from annotator.gui.session import Session

COLUMNS = ("Speaker", "Also known as", "Quotes")


class _NameItem(QTableWidgetItem):
    """Sorts names as the registry does: ignoring case."""

    def __lt__(self, other: QTableWidgetItem) -> bool:
        return self.text().casefold() < other.text().casefold()


class SpeakersDialog(QDialog):
    """The speaker registry with a filter; select one speaker to edit, two to merge."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle("Speakers")
        self._quote_counts: dict[int, int] = {}

        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter by name or alias")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._apply_filter)

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemDoubleClicked.connect(self.rename)

        # Says what the Merge button waits for, so a disabled button is never a mystery.
        self.merge_hint = QLabel()
        self.merge_hint.setTextFormat(Qt.TextFormat.PlainText)
        self.merge_hint.setWordWrap(True)
        self.merge_hint.setMaximumWidth(180)
        self.add_button = QPushButton("Add…")
        self.rename_button = QPushButton("Rename…")
        self.add_alias_button = QPushButton("Add alias…")
        self.remove_alias_button = QPushButton("Remove alias…")
        self.merge_button = QPushButton("Merge…")
        self.delete_button = QPushButton("Delete")
        self.suggest_button = QPushButton("Suggest merges…")
        self.suggest_button.setToolTip("Names the speaker rules take for one person, to review")
        self.proposals: MergeProposalsDialog | None = None
        self.merge_button.setToolTip("Select two speakers who are one person, then merge")
        self.delete_button.setToolTip("Remove from the registry; the quotes stay, without speaker")
        buttons = QVBoxLayout()
        for button, slot in (
            (self.add_button, self.add),
            (self.rename_button, self.rename),
            (self.add_alias_button, self.add_alias),
            (self.remove_alias_button, self.remove_alias),
            (self.merge_button, self.merge),
            (self.delete_button, self.delete),
            (self.suggest_button, self.suggest_merges),
        ):
            button.setAutoDefault(False)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addWidget(self.merge_hint)
        buttons.addStretch(1)

        self.count = QLabel()
        self.message = MessageLine()
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)

        body = QHBoxLayout()
        body.addWidget(self.table, 1)
        body.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addLayout(body, 1)
        layout.addWidget(self.count)
        layout.addWidget(self.message)
        layout.addWidget(close)
        self.resize(680, 460)

        self.refresh()
        session.changed.connect(self._changed)
        session.failed.connect(self.message.show_error)
        self._listening = True
        self.finished.connect(self._disconnect)

    # -- reading -----------------------------------------------------------------

    def selected(self) -> list[Speaker]:
        """The selected speakers, in table order."""
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        chosen = []
        for row in rows:
            try:
                chosen.append(self.session.store.speaker(self._speaker_id(row)))
            except NotFound:
                continue
        return chosen

    def _cell(self, row: int, column: int) -> QTableWidgetItem:
        item = self.table.item(row, column)
        assert item is not None  # refresh() fills every cell
        return item

    def _speaker_id(self, row: int) -> int:
        return int(self._cell(row, 0).data(Qt.ItemDataRole.UserRole))

    def quote_count(self, speaker: Speaker) -> int:
        return self._quote_counts.get(speaker.id, 0)

    def refresh(self, select: set[int] | None = None) -> None:
        """Reload the registry, keeping the selection (or selecting ``select``)."""
        if select is None:
            select = {speaker.id for speaker in self.selected()}
        everyone = self.session.store.speakers()
        self._quote_counts = stats.quote_counts_by_speaker(self.session.store)
        self.table.setSortingEnabled(False)
        self.table.clearSelection()
        self.table.setRowCount(len(everyone))
        for row, speaker in enumerate(everyone):
            name = _NameItem(speaker.name)
            name.setData(Qt.ItemDataRole.UserRole, speaker.id)
            if speaker.description:
                name.setToolTip(plain_tooltip(speaker.description))
            aliases = _NameItem("; ".join(speaker.aliases))
            count = QTableWidgetItem()
            count.setData(Qt.ItemDataRole.DisplayRole, self.quote_count(speaker))
            count.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            for column, item in enumerate((name, aliases, count)):
                self.table.setItem(row, column, item)
        self.table.setSortingEnabled(True)
        self.table.resizeColumnToContents(0)
        self.table.setColumnWidth(0, min(self.table.columnWidth(0), 260))
        mode = self.table.selectionMode()
        # Re-selecting several rows by code needs MultiSelection for the moment.
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        for row in range(self.table.rowCount()):
            if self._speaker_id(row) in select:
                self.table.selectRow(row)
        self.table.setSelectionMode(mode)
        self._apply_filter(self.filter.text())
        self._update_buttons()

    def _apply_filter(self, text: str) -> None:
        words = text.casefold().split()
        shown = 0
        for row in range(self.table.rowCount()):
            haystack = f"{self._cell(row, 0).text()} {self._cell(row, 1).text()}"
            hidden = not all(word in haystack.casefold() for word in words)
            self.table.setRowHidden(row, hidden)
            shown += not hidden
        total = self.table.rowCount()
        self.count.setText(
            plural(total, "speaker")
            if shown == total
            else f"{shown} of {plural(total, 'speaker')} shown"
        )

    def _update_buttons(self) -> None:
        chosen = self.selected()
        one = len(chosen) == 1
        self.rename_button.setEnabled(one)
        self.add_alias_button.setEnabled(one)
        self.remove_alias_button.setEnabled(one and bool(chosen[0].aliases))
        self.merge_button.setEnabled(len(chosen) == 2)
        self.delete_button.setEnabled(one)
        if one:
            hint = f"To merge, Ctrl+click a second speaker who is {chosen[0].name}."
        elif len(chosen) == 2:
            hint = "Merge asks which name to keep; the other becomes an alias."
        elif chosen:
            hint = "Merge takes two speakers: select only two."
        else:
            hint = "Select two speakers who are one person to merge them."
        self.merge_hint.setText(hint)

    def _changed(self, change: object) -> None:
        self.message.clear()
        if getattr(change, "speakers", None) or getattr(change, "quotes", None):
            self.refresh()

    def _disconnect(self) -> None:
        if self._listening:
            self.session.changed.disconnect(self._changed)
            self.session.failed.disconnect(self.message.show_error)
            self._listening = False

    def _one(self) -> Speaker | None:
        chosen = self.selected()
        return chosen[0] if len(chosen) == 1 else None

    # -- editing -----------------------------------------------------------------

    def add(self) -> None:
        name = ask_text(self, "Add speaker", "Name of the person or organisation:")
        if name is None:
            return
        change = self.session.apply(speakers.create_speaker, name)
        if change is not None and change.speakers_after:
            self.filter.clear()
            self.refresh(select={change.speakers_after[0].id})

    def rename(self) -> None:
        speaker = self._one()
        if speaker is None:
            return
        name = ask_text(
            self,
            "Rename speaker",
            f"New name for {speaker.name!r} (the old name becomes an alias):",
            speaker.name,
        )
        if name is not None and name != speaker.name:
            self.session.apply(speakers.rename_speaker, speaker.id, name)

    def add_alias(self) -> None:
        speaker = self._one()
        if speaker is None:
            return
        alias = ask_text(self, "Add alias", f"Another name for {speaker.name}:")
        if alias is not None:
            self.session.apply(speakers.add_alias, speaker.id, alias)

    def remove_alias(self) -> None:
        speaker = self._one()
        if speaker is None or not speaker.aliases:
            return
        alias = ask_choice(
            self, "Remove alias", f"Which name is not {speaker.name}?", speaker.aliases
        )
        if alias is not None:
            self.session.apply(speakers.remove_alias, speaker.id, alias)

    def merge(self) -> None:
        chosen = self.selected()
        if len(chosen) != 2:
            self.message.show_error("Select the two speakers to merge (Ctrl+click the second).")
            return
        by_name = {speaker.name: speaker for speaker in chosen}
        # Offer the speaker with more quotes first: usually the name to keep.
        names = sorted(by_name, key=lambda name: -self.quote_count(by_name[name]))
        keep_name = ask_choice(
            self,
            "Merge speakers",
            "Keep which name? The other becomes an alias and its quotes move over.",
            names,
        )
        if keep_name is None:
            return
        keep = by_name[keep_name]
        drop = next(speaker for speaker in chosen if speaker.id != keep.id)
        if self.session.apply(speakers.merge_speakers, keep.id, drop.id) is not None:
            self.refresh(select={keep.id})

    def delete(self) -> None:
        speaker = self._one()
        if speaker is None:
            return
        quotes = self.quote_count(speaker)
        if quotes and not confirm(
            self,
            "Delete speaker",
            f"Delete {speaker.name} from the registry? {plural(quotes, 'quote')} "
            + (
                "keeps its text but loses its speaker."
                if quotes == 1
                else "keep their text but lose their speaker."
            )
            + " Edit → Undo brings it back.",
            "Delete",
        ):
            return
        self.session.apply(speakers.delete_speaker, speaker.id)

    def suggest_merges(self) -> None:
        """Open the proposed merges (window-modal, so this list refreshes behind it)."""
        self.proposals = MergeProposalsDialog(self.session, self)
        self.proposals.open()
