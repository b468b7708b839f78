"""The window's status bar: saved or not, where in the documents, how many quotes, who annotates."""

from __future__ import annotations

from PySide6.QtCore import QSize, QTime
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from annotator.core.wording import plural
from annotator.gui.elide import set_elided_text
from annotator.gui.plain import plain_label

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
        self.annotator_label = plain_label(QLabel())
        self.elsewhere_label = QLabel("Open in another window too")
        self.elsewhere_label.setVisible(False)
        self.read_only_label = QLabel("Read-only: browse, search and export")
        self.read_only_label.setVisible(False)
        for label in (
            self.read_only_label,
            self.elsewhere_label,
            self.saved_label,
            self.position_label,
            self.count_label,
            self.annotator_label,
        ):
            self.addPermanentWidget(label)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        # Its labels change as the user works ("Saved ✓ 10:42:07", counts, the coders'
        # names): they never widen the window. A narrow window cuts them instead.
        return QSize(0, super().minimumSizeHint().height())

    def say(self, message: str) -> None:
        """A message that goes away by itself."""
        self.showMessage(message, MESSAGE_TIME)

    def show_waiting(self, message: str) -> None:
        """Writes queued behind another program's lock: say so until they are saved."""
        if message:
            self.showMessage(message)
            self.saved_label.setText("Waiting…")
        else:
            self.clearMessage()
            self.mark_saved()

    def show_read_only(self, read_only: bool) -> None:
        self.read_only_label.setVisible(read_only)

    def show_elsewhere(self, elsewhere: bool) -> None:
        self.elsewhere_label.setVisible(elsewhere)

    def mark_saved(self) -> None:
        self.saved_label.setText(f"Saved ✓ {QTime.currentTime().toString('HH:mm:ss')}")

    def mark_not_saved(self) -> None:
        self.saved_label.setText("Not saved")

    def show_counts(self, row: int, total: int, quotes: int, annotator: str | None) -> None:
        self.position_label.setText(f"Document {row} of {total}")
        self.count_label.setText(plural(quotes, "quote"))
        set_elided_text(self.annotator_label, f"Annotator: {annotator or '—'}", ANNOTATOR_WIDTH)
