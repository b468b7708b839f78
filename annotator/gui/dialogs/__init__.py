"""The window's dialogs: import, export, labels, speakers, settings, keyboard shortcuts.

Shared pieces live here: colour swatches, the small questions the dialogs ask
(a name, a choice, a confirmation) and the inline message line that reports
what the core said without another modal box on top of the dialog.

Every question is an instance dialog run with ``exec()`` rather than a static
helper, so it is a real widget tests can find with
``QApplication.activeModalWidget()`` and answer with key clicks.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QStyle,
    QWidget,
)

log = logging.getLogger("annotator.gui.dialogs")


def swatch(color: str, size: int = 14) -> QIcon:
    """A square of ``color`` with a border in the text colour, visible on light and dark."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    try:
        painter.setPen(QApplication.palette().color(QPalette.ColorRole.WindowText))
        painter.setBrush(QColor(color))
        painter.drawRect(0, 0, size - 1, size - 1)
    finally:
        painter.end()
    return QIcon(pixmap)


def plain_labels(dialog: QInputDialog) -> None:
    """Show the question literally: it may hold a speaker's or a label's name."""
    for label in dialog.findChildren(QLabel):
        label.setTextFormat(Qt.TextFormat.PlainText)


def ask_text(parent: QWidget, title: str, label: str, text: str = "") -> str | None:
    """A one-line answer, stripped; None when cancelled or left empty."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    plain_labels(dialog)
    dialog.setInputMode(QInputDialog.InputMode.TextInput)
    dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
    dialog.setTextValue(text)
    dialog.resize(max(dialog.sizeHint().width(), 360), dialog.sizeHint().height())
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    answer = dialog.textValue().strip()
    return answer or None


def ask_choice(parent: QWidget, title: str, label: str, items: Sequence[str]) -> str | None:
    """One of ``items`` picked from a list; None when cancelled."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    plain_labels(dialog)
    dialog.setComboBoxItems(list(items))
    dialog.setComboBoxEditable(False)
    dialog.setOption(QInputDialog.InputDialogOption.UseListViewForComboBoxItems, True)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.textValue()


def confirm(parent: QWidget, title: str, text: str, action: str) -> bool:
    """Ask before something the user may regret; ``action`` names the button that proceeds."""
    box = QMessageBox(
        QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent
    )
    box.setTextFormat(Qt.TextFormat.PlainText)  # names and titles are not markup
    proceed = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is proceed


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    """A modal box with what the core said; the caller carries on afterwards."""
    log.info("%s: %s", title, message)
    box = QMessageBox(
        QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, parent
    )
    box.setTextFormat(Qt.TextFormat.PlainText)  # file names and quotes are not markup
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.exec()


def sentence(message: str) -> str:
    """A core message (written to follow "Error: " on a terminal) as a sentence for a dialog."""
    return message[:1].upper() + message[1:]


class MessageLine(QWidget):
    """One line under a dialog's controls saying what just happened, or what went wrong.

    Uses the palette's own text colour with a standard icon, so it stays
    legible in a dark palette.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._icon = QLabel(self)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.label, 1)
        self.clear()

    def text(self) -> str:
        return self.label.text()

    def clear(self) -> None:
        self.label.clear()
        self._icon.clear()
        self.setVisible(False)

    def show_error(self, message: str) -> None:
        self._show(QStyle.StandardPixmap.SP_MessageBoxWarning, message)

    def show_info(self, message: str) -> None:
        self._show(QStyle.StandardPixmap.SP_DialogApplyButton, message)

    def _show(self, icon: QStyle.StandardPixmap, message: str) -> None:
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        self._icon.setPixmap(self.style().standardIcon(icon).pixmap(size, size))
        self.label.setText(sentence(message))
        self.setVisible(True)
