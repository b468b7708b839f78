"""The window's status bar: saved or not, where in the documents, how many quotes, who annotates."""

from __future__ import annotations

from PySide6.QtCore import QTime
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from annotator.core.wording import plural
from annotator.gui.elide import set_elided_text

# How long a passing message ("Select some text first") stays, in milliseconds.
MESSAGE_TIME = 3000
# The annotator's name is cut past this many pixels (whole in the tooltip).
ANNOTATOR_WIDTH = 200


class StatusBar(QStatusBar):
    """Permanent labels on the right, passing messages on the left."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.saved_label = QLabel("Saved ✓")
        self.position_label = QLabel()
        self.count_label = QLabel()
        self.annotator_label = QLabel()
        for label in (
            self.saved_label,
            self.position_label,
            self.count_label,
            self.annotator_label,
        ):
            self.addPermanentWidget(label)

    def say(self, message: str) -> None:
        """A message that goes away by itself."""
        self.showMessage(message, MESSAGE_TIME)

    def mark_saved(self) -> None:
        self.saved_label.setText(f"Saved ✓ {QTime.currentTime().toString('HH:mm:ss')}")

    def mark_not_saved(self) -> None:
        self.saved_label.setText("Not saved")

    def show_counts(self, row: int, total: int, quotes: int, annotator: str | None) -> None:
        self.position_label.setText(f"Document {row} of {total}")
        self.count_label.setText(plural(quotes, "quote"))
        set_elided_text(self.annotator_label, f"Annotator: {annotator or '—'}", ANNOTATOR_WIDTH)
