"""Text from files, users and the store shown as text, never as markup.

Qt guesses whether a tooltip, a label or a message box holds rich text
(``Qt::mightBeRichText``): an imported title ``Budget <img src='/dev/zero'>``
would be rendered, loading a local file or exhausting memory. Every such
string goes through one of these, or for a tooltip through
:func:`annotator.gui.elide.plain_tooltip`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget


def plain_label(label: QLabel) -> QLabel:
    """Make ``label`` show its text literally, whatever it holds; returns it."""
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def message_box(
    parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str
) -> QMessageBox:
    """A message box whose text is plain text, not guessed to be markup."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box


def warning(parent: QWidget | None, title: str, text: str) -> None:
    """:meth:`QMessageBox.warning` for text that may hold anything."""
    message_box(parent, QMessageBox.Icon.Warning, title, text).exec()


def critical(parent: QWidget | None, title: str, text: str) -> None:
    """:meth:`QMessageBox.critical` for text that may hold anything."""
    message_box(parent, QMessageBox.Icon.Critical, title, text).exec()
