"""Proposed speaker merges, for a person to accept one by one.

The proposals come from :func:`annotator.core.speaker_names.suggest_merges`
("Trump" into "Donald Trump"); nothing is merged until the user picks a
proposal and presses Merge, and each merge is one undoable step.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core import speakers, stats
from annotator.core.speaker_names import MergeProposal, suggest_merges
from annotator.core.wording import plural
from annotator.gui.dialogs import MessageLine
from annotator.gui.session import Session


class MergeProposalsDialog(QDialog):
    """A list of proposed merges; Merge applies the selected one."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle("Proposed speaker merges")
        self.proposals: list[MergeProposal] = []
        self.list = QListWidget()
        self.list.itemSelectionChanged.connect(self._update_buttons)
        self.list.itemDoubleClicked.connect(self.merge)
        self.count = QLabel()
        self.message = MessageLine()
        self.merge_button = QPushButton("Merge")
        self.merge_button.setToolTip("Fold the second name into the first; Edit → Undo undoes it")
        self.merge_button.setAutoDefault(False)
        self.merge_button.clicked.connect(self.merge)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.merge_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel("Names the speaker rules take for one person. Nothing is merged until you say.")
        )
        layout.addWidget(self.list, 1)
        layout.addWidget(self.count)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(560, 420)
        self.refresh()

    def refresh(self) -> None:
        store = self.session.store
        counts = stats.quote_counts_by_speaker(store)
        self.proposals = suggest_merges(store.speakers(), counts)
        self.list.clear()
        for proposal in self.proposals:
            dropped = plural(counts.get(proposal.drop.id, 0), "quote")
            item = QListWidgetItem(
                f"{proposal.drop.name} ({dropped}) → {proposal.keep.name}: {proposal.reason}"
            )
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.list.addItem(item)
        self.count.setText(plural(len(self.proposals), "proposed merge"))
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.merge_button.setEnabled(bool(self.list.selectedItems()))

    def merge(self) -> None:
        row = self.list.currentRow()
        if not self.list.selectedItems() or not 0 <= row < len(self.proposals):
            self.message.show_error("Select the merge to make.")
            return
        proposal = self.proposals[row]
        change = self.session.apply(speakers.merge_speakers, proposal.keep.id, proposal.drop.id)
        if change is not None:
            self.refresh()
            self.list.setCurrentRow(min(row, self.list.count() - 1))
